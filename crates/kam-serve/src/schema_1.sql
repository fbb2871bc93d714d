-- The class server's schema: SQL that SQLite and PostgreSQL both read.
CREATE TABLE class_sessions (
    id TEXT PRIMARY KEY,
    code TEXT NOT NULL UNIQUE,
    secret_hash TEXT NOT NULL,
    title TEXT NOT NULL,
    scenario TEXT NOT NULL,
    scenario_hash TEXT NOT NULL,
    seed BIGINT NOT NULL,
    pacing TEXT NOT NULL,
    show_scores BIGINT NOT NULL,
    round_minutes BIGINT NOT NULL,
    released BIGINT NOT NULL,
    deadline BIGINT,
    ended BIGINT NOT NULL,
    version BIGINT NOT NULL,
    created BIGINT NOT NULL
);

CREATE TABLE seats (
    session_id TEXT NOT NULL REFERENCES class_sessions (id),
    seat BIGINT NOT NULL,
    name TEXT NOT NULL,
    name_key TEXT NOT NULL,
    token_hash TEXT NOT NULL UNIQUE,
    rejoin_hash TEXT NOT NULL,
    joined BIGINT NOT NULL,
    last_seen BIGINT NOT NULL,
    recorded BIGINT NOT NULL,
    turn BIGINT NOT NULL,
    finished BIGINT NOT NULL,
    composite DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (session_id, seat),
    UNIQUE (session_id, name_key)
);

CREATE TABLE decisions (
    session_id TEXT NOT NULL,
    seat BIGINT NOT NULL,
    idx BIGINT NOT NULL,
    decision TEXT NOT NULL,
    at BIGINT NOT NULL,
    PRIMARY KEY (session_id, seat, idx),
    FOREIGN KEY (session_id, seat) REFERENCES seats (session_id, seat)
);
