-- A class's pacing is "free" or "rounds", and the database now refuses anything else (it was
-- free text, read back as "free" when it was neither). Neither database adds a CHECK to an
-- existing column in the same SQL, so the column is made again with its CHECK, from the old
-- one read as the server always read it, and takes the old one's name.
ALTER TABLE class_sessions ADD COLUMN pacing_checked TEXT NOT NULL DEFAULT 'free'
    CHECK (pacing_checked IN ('free', 'rounds'));
UPDATE class_sessions SET pacing_checked = CASE WHEN pacing = 'rounds' THEN 'rounds' ELSE 'free' END;
ALTER TABLE class_sessions DROP COLUMN pacing;
ALTER TABLE class_sessions RENAME COLUMN pacing_checked TO pacing;
