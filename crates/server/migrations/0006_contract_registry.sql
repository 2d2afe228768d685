-- The contract registry (issue 15). A contract's terms come either from its first accepted
-- request (`source = 'request'`: nobody has confirmed them; the desk sees such contracts
-- flagged) or from the registry (`'registry'`: imported by an operator with
-- `fwportal contracts import`, or corrected by the desk). Either way they decide R6, R7 and R4
-- for every later submission.
ALTER TABLE contracts ADD COLUMN customer TEXT NOT NULL DEFAULT '';
ALTER TABLE contracts ADD COLUMN source TEXT NOT NULL DEFAULT 'request'
    CHECK (source IN ('request', 'registry'));
ALTER TABLE contracts ADD COLUMN updated_at TEXT;

-- Contracts filed before this migration: the customer's company from their first request.
UPDATE contracts
SET customer = COALESCE((SELECT json_extract(r.payload, '$.contact.company')
                         FROM requests r
                         WHERE r.contract_number = contracts.contract_number
                           AND json_valid(r.payload)
                         ORDER BY r.id LIMIT 1), '')
WHERE customer = '';
