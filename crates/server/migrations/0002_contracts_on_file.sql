-- R4 on stored facts. A contract's support level and periods are stored when its first request
-- is accepted; later requests must state the same (the server refuses others), and the
-- contract year R4 counts is taken from the stored option start, never from what a request
-- states: before this table, a request that stated another option start moved the contract
-- year and booked a second update work within twelve months.
CREATE TABLE contracts (
    contract_number      TEXT PRIMARY KEY,
    support_level        TEXT NOT NULL,
    proactive_care_start TEXT NOT NULL,
    proactive_care_end   TEXT NOT NULL,
    option_start         TEXT NOT NULL,
    option_end           TEXT NOT NULL,
    -- When the first accepted request stored these facts (RFC 3339, UTC).
    created_at           TEXT NOT NULL
);

-- A database from before this migration: each contract's facts are those of its first stored
-- request (the payload holds the request as validated, normalised). Rows are inserted oldest
-- first and later ones for the same contract are ignored. A payload without the facts (none
-- is written so) leaves its contract off file, and its next accepted request files it.
INSERT OR IGNORE INTO contracts (contract_number, support_level, proactive_care_start,
                                 proactive_care_end, option_start, option_end, created_at)
SELECT contract_number,
       json_extract(payload, '$.contract.support_level'),
       json_extract(payload, '$.contract.proactive_care_start'),
       json_extract(payload, '$.contract.proactive_care_end'),
       json_extract(payload, '$.contract.option_start'),
       json_extract(payload, '$.contract.option_end'),
       received_at
FROM requests
WHERE json_valid(payload)
  AND json_extract(payload, '$.contract.support_level') IS NOT NULL
  AND json_extract(payload, '$.contract.proactive_care_start') IS NOT NULL
  AND json_extract(payload, '$.contract.proactive_care_end') IS NOT NULL
  AND json_extract(payload, '$.contract.option_start') IS NOT NULL
  AND json_extract(payload, '$.contract.option_end') IS NOT NULL
ORDER BY id;

-- The unique index `requests_once_a_year` (contract_number, contract_year_start) is R4's
-- guarantee under concurrency. It stands on the stored contract year only if every
-- contract_year_start is an anniversary of the stored option start, so two values for one
-- contract are always two different contract years. The server computes it that way; this
-- trigger refuses any row that is not (a contract not on file, an update work without a
-- contract year, a year start that is not an anniversary). A Feb 29 start has its
-- anniversary on Mar 1 in common years (see `eligibility::contract::anniversary`).
CREATE TRIGGER requests_contract_year_on_file
BEFORE INSERT ON requests
BEGIN
    SELECT RAISE(ABORT, 'requests: contract not on file')
    WHERE NOT EXISTS (SELECT 1 FROM contracts WHERE contract_number = NEW.contract_number);
    SELECT RAISE(ABORT, 'requests: update work without a contract year')
    WHERE NEW.kind = 'update_work' AND NEW.contract_year_start IS NULL;
    SELECT RAISE(ABORT, 'requests: contract year does not start on an anniversary of the stored option start')
    WHERE NEW.contract_year_start IS NOT NULL
      AND NOT EXISTS (
          SELECT 1 FROM contracts c
          WHERE c.contract_number = NEW.contract_number
            AND NEW.contract_year_start >= c.option_start
            AND (substr(NEW.contract_year_start, 6) = substr(c.option_start, 6)
                 OR (substr(c.option_start, 6) = '02-29'
                     AND substr(NEW.contract_year_start, 6) = '03-01')));
END;
