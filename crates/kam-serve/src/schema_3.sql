-- Seats the instructor excused (they hold back no round) or removed (gone from the class; the
-- row stays so seat numbers are never reused), the hashed join id a seat was taken with (a
-- resent join gets the seat back), and when a session ended (for the retention policy).
ALTER TABLE seats ADD COLUMN excused BIGINT NOT NULL DEFAULT 0;
ALTER TABLE seats ADD COLUMN removed BIGINT NOT NULL DEFAULT 0;
ALTER TABLE seats ADD COLUMN join_hash TEXT;
ALTER TABLE class_sessions ADD COLUMN ended_at BIGINT;
