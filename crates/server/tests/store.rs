//! The store's queries use their indexes ("writes that queue instead of sleeping", issue 12):
//! what every submission runs inside the write transaction must not scan a table whose size
//! grows with use.

use sqlx::Row;
use tempfile::TempDir;

async fn plan(pool: &sqlx::SqlitePool, statement: &str) -> String {
    sqlx::query(&format!("EXPLAIN QUERY PLAN {statement}"))
        .fetch_all(pool)
        .await
        .unwrap()
        .iter()
        .map(|row| row.get::<String, _>("detail"))
        .collect::<Vec<_>>()
        .join("; ")
}

#[tokio::test]
async fn the_searches_of_every_submission_use_an_index() {
    let dir = TempDir::new().unwrap();
    let pool = fwportal_server::db::connect(&dir.path().join("portal.db"))
        .await
        .unwrap();
    for statement in [
        // The purge of answers older than 24 hours, run by every POST.
        "DELETE FROM idempotency_keys WHERE created_at < '2026-01-01T00:00:00.000Z'",
        "SELECT body_hash, response FROM idempotency_keys WHERE key = 'k'",
        // R4: the contract's earlier requests.
        "SELECT work_date FROM requests WHERE contract_number = 'PC-1' AND kind = 'update_work' AND work_date IS NOT NULL",
        "SELECT reference FROM requests WHERE reference = 'FWU-2027-000001'",
    ] {
        let plan = plan(&pool, statement).await;
        assert!(
            plan.contains("USING INDEX")
                || plan.contains("USING COVERING INDEX")
                || plan.contains("USING PRIMARY KEY"),
            "{statement}: {plan}"
        );
        assert!(!plan.starts_with("SCAN"), "{statement}: {plan}");
    }
    pool.close().await;
}
