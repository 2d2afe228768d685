-- Requests accepted by the intake API. `payload` keeps the request exactly as validated
-- (normalised JSON), so fields can be added to the model without a migration; the columns are
-- what is queried.
CREATE TABLE requests (
    id                  INTEGER PRIMARY KEY,
    reference           TEXT    NOT NULL UNIQUE,
    kind                TEXT    NOT NULL CHECK (kind IN ('update_work', 'version_consultation')),
    contract_number     TEXT    NOT NULL,
    work_date           TEXT,
    -- R4: the first day of the contract year the work date falls in (update work only).
    contract_year_start TEXT,
    status              TEXT    NOT NULL,
    received_at         TEXT    NOT NULL,
    received_on         TEXT,
    -- SHA-256 of the access token; the token itself is never stored with the request.
    access_token_hash   BLOB    NOT NULL,
    payload             TEXT    NOT NULL
);

CREATE INDEX requests_by_contract ON requests (contract_number);

-- R4 as a constraint: one accepted update-work request per contract and contract year, so two
-- simultaneous submissions cannot both be stored whatever the application does.
CREATE UNIQUE INDEX requests_once_a_year
    ON requests (contract_number, contract_year_start)
    WHERE kind = 'update_work';

-- One row a year: the last sequence number handed out in references FWU-YYYY-NNNNNN.
CREATE TABLE reference_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);

-- Answers to POST /api/requests by Idempotency-Key, so a retried submission gets the same
-- answer and creates nothing. Rows are kept for 24 hours: the stored answer holds the access
-- token, which a client that lost the first answer must get again, and nothing longer.
CREATE TABLE idempotency_keys (
    key        TEXT    PRIMARY KEY,
    body_hash  BLOB    NOT NULL,
    reference  TEXT    NOT NULL,
    response   TEXT    NOT NULL,
    created_at TEXT    NOT NULL
);
