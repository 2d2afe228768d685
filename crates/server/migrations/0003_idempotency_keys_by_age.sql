-- Every POST /api/requests first deletes idempotency answers older than 24 hours
-- (`DELETE FROM idempotency_keys WHERE created_at < ?`). Without an index that is a scan of the
-- whole table inside the write transaction, so its cost grew with the number of keys kept and
-- every submission waiting behind it paid for it too.
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
