-- Practice or exam: whether the game's coach (plan previews, hints) is on for the class.
ALTER TABLE class_sessions ADD COLUMN coach BIGINT NOT NULL DEFAULT 1;
