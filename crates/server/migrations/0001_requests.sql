-- Requests accepted by the intake API. `payload` keeps the request exactly as validated, so later
-- fields can be added to the model without a migration; the columns are what is queried.
CREATE TABLE requests (
    id              INTEGER PRIMARY KEY,
    reference       TEXT    NOT NULL UNIQUE,
    contract_number TEXT    NOT NULL,
    work_date       TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    received_at     TEXT    NOT NULL,
    payload         TEXT    NOT NULL
);

CREATE INDEX requests_by_contract ON requests (contract_number);

-- One row a year: the last sequence number handed out in references FWU-YYYY-NNNNNN.
CREATE TABLE reference_counters (
    year INTEGER PRIMARY KEY,
    last INTEGER NOT NULL
);
