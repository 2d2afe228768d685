-- The conversation (issue 16): messages both ways, the customer's requests for another work
-- date, the language the customer submitted in, and the mail outbox.

-- The language the customer submitted in (`ja` or `en`): their mails are written in it.
ALTER TABLE requests ADD COLUMN lang TEXT NOT NULL DEFAULT 'ja' CHECK (lang IN ('ja', 'en'));

-- Messages on a request, in order. Append-only but for the desk's read mark.
CREATE TABLE request_messages (
    id          INTEGER PRIMARY KEY,
    request_id  INTEGER NOT NULL REFERENCES requests (id),
    at          TEXT    NOT NULL,
    author      TEXT    NOT NULL CHECK (author IN ('desk', 'customer')),
    staff_id    INTEGER REFERENCES staff (id),
    body        TEXT    NOT NULL,
    -- When a member of the desk first read a customer's message (the queue's unread count).
    read_at     TEXT
);
CREATE INDEX request_messages_by_request ON request_messages (request_id, id);
-- The queue counts unread customer messages per request: a partial index of just those.
CREATE INDEX request_messages_unread ON request_messages (request_id)
    WHERE author = 'customer' AND read_at IS NULL;
CREATE TRIGGER request_messages_no_delete BEFORE DELETE ON request_messages
BEGIN SELECT RAISE(ABORT, 'request_messages is append-only'); END;
CREATE TRIGGER request_messages_only_read_mark BEFORE UPDATE ON request_messages
WHEN NEW.body IS NOT OLD.body OR NEW.author IS NOT OLD.author OR NEW.at IS NOT OLD.at
     OR NEW.request_id IS NOT OLD.request_id OR NEW.staff_id IS NOT OLD.staff_id
BEGIN SELECT RAISE(ABORT, 'request_messages is append-only'); END;

-- The customer's requests for another work date; at most one waits for the desk at a time.
CREATE TABLE date_changes (
    id              INTEGER PRIMARY KEY,
    request_id      INTEGER NOT NULL REFERENCES requests (id),
    asked_at        TEXT    NOT NULL,
    work_date       TEXT    NOT NULL,
    work_start_time TEXT    NOT NULL,
    -- R5 as computed at the asking.
    received_on     TEXT    NOT NULL,
    state           TEXT    NOT NULL DEFAULT 'pending'
                    CHECK (state IN ('pending', 'accepted', 'declined', 'withdrawn')),
    answered_at     TEXT,
    staff_id        INTEGER REFERENCES staff (id),
    note            TEXT    NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX date_changes_one_pending ON date_changes (request_id) WHERE state = 'pending';

-- Mail waiting to be sent, written in the same transaction as the change that causes it, so
-- nothing committed is ever without its mail. A sender delivers and marks each row.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    created_at      TEXT    NOT NULL,
    request_id      INTEGER REFERENCES requests (id),
    -- What the mail is (`receipt`, `status`, `desk_message`, `new_key`…).
    kind            TEXT    NOT NULL,
    -- `customer` (to `address`) or `desk` (to the desk mailbox set at send time).
    audience        TEXT    NOT NULL CHECK (audience IN ('customer', 'desk')),
    address         TEXT,
    lang            TEXT    NOT NULL CHECK (lang IN ('ja', 'en')),
    subject         TEXT    NOT NULL,
    body            TEXT    NOT NULL,
    -- [{"name", "media_type", "content"}] as JSON.
    attachments     TEXT    NOT NULL DEFAULT '[]',
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT    NOT NULL,
    last_error      TEXT,
    sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE sent_at IS NULL;
CREATE INDEX outbox_by_request ON outbox (request_id, kind, created_at);
