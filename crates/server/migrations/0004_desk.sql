-- The service desk (issue 15): staff accounts and their sessions, the life of each request as
-- append-only events, the audit log, and what the desk's queue filters on.

-- Optimistic concurrency for the desk: every step adds one (existing requests start at 0).
ALTER TABLE requests ADD COLUMN version INTEGER NOT NULL DEFAULT 0;

-- The queue: each filter has an index, and the urgency order (work date with undated
-- consultations last, then receipt) is one too, so a page of 100,000 requests is read
-- without sorting them all. The expression must match the desk's ORDER BY exactly.
CREATE INDEX requests_queue ON requests (work_date IS NULL, work_date, received_at);
CREATE INDEX requests_by_status ON requests (status, work_date IS NULL, work_date, received_at);
CREATE INDEX requests_by_kind ON requests (kind, work_date IS NULL, work_date, received_at);
CREATE INDEX requests_by_received ON requests (received_at);
CREATE INDEX requests_by_work_date ON requests (work_date);

-- The servers' serial numbers, one row each, so the desk finds a request by serial with an
-- index lookup. Filled by a trigger from the stored (normalised) payload, so every way a
-- request is inserted keeps it right; existing requests are filled here.
CREATE TABLE request_serials (
    request_id    INTEGER NOT NULL REFERENCES requests (id),
    serial_number TEXT    NOT NULL
);
CREATE INDEX request_serials_by_serial ON request_serials (serial_number, request_id);
CREATE INDEX request_serials_by_request ON request_serials (request_id);

INSERT INTO request_serials (request_id, serial_number)
    SELECT r.id, json_extract(s.value, '$.serial_number')
    FROM requests AS r, json_each(r.payload, '$.servers') AS s
    WHERE json_valid(r.payload) AND json_extract(s.value, '$.serial_number') IS NOT NULL;

CREATE TRIGGER requests_fill_serials AFTER INSERT ON requests
WHEN json_valid(NEW.payload)
BEGIN
    INSERT INTO request_serials (request_id, serial_number)
        SELECT NEW.id, json_extract(s.value, '$.serial_number')
        FROM json_each(NEW.payload, '$.servers') AS s
        WHERE json_extract(s.value, '$.serial_number') IS NOT NULL;
END;

-- Staff of the Advanced Solution Center. Emails are stored lower-case. The password is an
-- argon2id PHC string; the TOTP secret (base32) must be readable to check codes.
CREATE TABLE staff (
    id             INTEGER PRIMARY KEY,
    email          TEXT    NOT NULL UNIQUE,
    name           TEXT    NOT NULL,
    role           TEXT    NOT NULL CHECK (role IN ('desk', 'admin')),
    password_hash  TEXT    NOT NULL,
    totp_secret    TEXT    NOT NULL,
    -- The last 30-second step whose code was accepted: a code is good once.
    totp_last_step INTEGER,
    locked_until   TEXT,
    disabled_at    TEXT,
    created_at     TEXT    NOT NULL
);

-- Failed sign-ins of known accounts, for the lockout (5 in 15 minutes).
CREATE TABLE staff_sign_in_failures (
    id       INTEGER PRIMARY KEY,
    staff_id INTEGER NOT NULL REFERENCES staff (id),
    at       TEXT    NOT NULL
);
CREATE INDEX staff_sign_in_failures_by_staff ON staff_sign_in_failures (staff_id, at);

-- Server-side sessions. Only a SHA-256 of the cookie's value is kept.
CREATE TABLE staff_sessions (
    token_hash   BLOB    PRIMARY KEY,
    staff_id     INTEGER NOT NULL REFERENCES staff (id),
    csrf_token   TEXT    NOT NULL,
    created_at   TEXT    NOT NULL,
    last_seen_at TEXT    NOT NULL
);
CREATE INDEX staff_sessions_by_staff ON staff_sessions (staff_id);

-- Every step of a request's life, in order. Append-only: the triggers refuse changes.
CREATE TABLE request_events (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    at          TEXT    NOT NULL,
    actor       TEXT    NOT NULL CHECK (actor IN ('desk', 'customer')),
    staff_id    INTEGER REFERENCES staff (id),
    from_status TEXT    NOT NULL,
    to_status   TEXT    NOT NULL,
    note        TEXT    NOT NULL,
    -- The step's record (fwportal_core::lifecycle::StepRecord) as JSON.
    record      TEXT    NOT NULL
);
CREATE INDEX request_events_by_request ON request_events (request_id, id);
CREATE TRIGGER request_events_no_update BEFORE UPDATE ON request_events
BEGIN SELECT RAISE(ABORT, 'request_events is append-only'); END;
CREATE TRIGGER request_events_no_delete BEFORE DELETE ON request_events
BEGIN SELECT RAISE(ABORT, 'request_events is append-only'); END;

-- Who did what, when: sign-ins (also failed ones), sign-outs, lockouts, steps, staff changes.
CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    target  TEXT NOT NULL,
    address TEXT,
    before  TEXT,
    after   TEXT
);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
