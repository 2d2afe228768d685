-- R4: a cancelled update work frees its contract year, so the once-a-year uniqueness holds
-- only for requests that are not cancelled.
DROP INDEX requests_once_a_year;
CREATE UNIQUE INDEX requests_once_a_year
    ON requests (contract_number, contract_year_start)
    WHERE kind = 'update_work' AND status <> 'cancelled';
