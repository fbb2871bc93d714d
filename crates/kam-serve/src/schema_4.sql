-- The difficulty a class plays at ("easy", "normal" or "hard"); NULL: the scenario's own.
ALTER TABLE class_sessions ADD COLUMN difficulty TEXT;
