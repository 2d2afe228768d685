//! The intake's writer: one SQLite connection on a thread of its own that takes write jobs
//! from a queue and commits them in groups (issue 12).
//!
//! Submissions used to each begin a transaction through sqlx, whose every statement is a round
//! trip to the connection's worker thread, and waited for the connection in turn: the API
//! reached a fraction of what the disk commits. Here a submission is one message to this thread
//! and one answer back. Jobs that arrive while a commit is under way wait in the queue and go
//! into the next transaction together (group commit), each inside a savepoint of its own: a job
//! that fails is rolled back alone, the others commit. A job's answer is delivered only after
//! its transaction committed (`synchronous=FULL`: on the disk), so an acknowledged submission is
//! as durable as before. Jobs run one after the other on one connection, so each sees the writes
//! of those before it (R4 is decided on everything accepted so far).
//!
//! The writer does not checkpoint the WAL into the database file itself: that would stop the
//! queue for the copy and its sync every thousand pages (a tenth of the writer's time in the
//! benchmark's profile). A second thread with a connection of its own runs a passive checkpoint
//! a moment after commits, beside the writer, and a last one when the writer stops.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use rusqlite::Connection;
use tokio::sync::{mpsc, oneshot};

/// The most jobs committed in one transaction. A bound keeps a commit's latency bounded when
/// the queue is long.
const MAX_GROUP: usize = 64;
/// The most jobs waiting: a submission beyond it waits (asynchronously) for room.
const QUEUE_CAPACITY: usize = 4096;
/// How long the checkpointer lets commits gather before it copies them into the database
/// file: one checkpoint (and one sync of the file) for all of them.
const CHECKPOINT_DELAY: Duration = Duration::from_millis(200);

/// Why a job's writes may not have reached the disk.
#[derive(Debug, thiserror::Error, Clone)]
pub enum WriterError {
    #[error("the writer stopped")]
    Stopped,
    #[error("the group's transaction failed: {0}")]
    Transaction(Arc<rusqlite::Error>),
    /// The job was not run (the transaction could not begin) or did not finish (a bug);
    /// the writer's log says which.
    #[error("the write job was abandoned")]
    Abandoned,
}

/// Why the writer could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("cannot open the database for writing: {0}")]
    Open(#[from] rusqlite::Error),
    #[error("cannot start the writer's thread: {0}")]
    Thread(#[from] std::io::Error),
}

type Deliver = Box<dyn FnOnce(Result<(), WriterError>) + Send>;
/// A type-erased job: runs on the writer's connection and says whether to keep its writes,
/// with what to do once the group's commit is known.
type Job = Box<dyn FnOnce(&Connection) -> (bool, Deliver) + Send>;

/// The handle the server's handlers hold; cheap to clone.
#[derive(Clone)]
pub struct Writer {
    jobs: mpsc::Sender<Job>,
}

impl Writer {
    /// Opens the database at `path` (already created and migrated by [`crate::db::connect`])
    /// and starts the writer's thread.
    pub fn start(path: &Path) -> Result<Writer, StartError> {
        let connection = open(path)?;
        // Each job runs in a savepoint, whose statement journal would otherwise be a temporary
        // file written for every job (a fifth of the writer's time in the benchmark's profile).
        // Durability is the WAL's; the statement journal only serves a rollback to the savepoint.
        connection.pragma_update(None, "temp_store", "MEMORY")?;
        // 64 MiB of page cache: the indexes each submission searches stay in memory.
        connection.pragma_update(None, "cache_size", -65536)?;
        // The checkpointer's work, not each commit's.
        connection.pragma_update(None, "wal_autocheckpoint", 0)?;
        let checkpoints = open(path)?;
        let (committed, commits) = std::sync::mpsc::sync_channel(1);
        std::thread::Builder::new()
            .name("fwportal-checkpoint".to_owned())
            .spawn(move || checkpointer(checkpoints, commits))?;
        let (jobs, queue) = mpsc::channel(QUEUE_CAPACITY);
        std::thread::Builder::new()
            .name("fwportal-writer".to_owned())
            .spawn(move || run(connection, queue, committed))?;
        Ok(Writer { jobs })
    }

    /// Runs `work` in the writer's next transaction. `Ok` keeps its writes, `Err` rolls them
    /// back (its savepoint only); either answer comes back once the transaction has committed.
    pub async fn write<T, E, F>(&self, work: F) -> Result<Result<T, E>, WriterError>
    where
        F: FnOnce(&Connection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: Send + 'static,
    {
        let (answer, answered) = oneshot::channel();
        let job: Job = Box::new(move |connection| {
            let result = work(connection);
            let keep = result.is_ok();
            let deliver: Deliver = Box::new(move |committed| {
                // The submitter may have gone (client closed): its writes stand all the same.
                let _ = answer.send(committed.map(|()| result));
            });
            (keep, deliver)
        });
        self.jobs
            .send(job)
            .await
            .map_err(|_| WriterError::Stopped)?;
        // A job that was abandoned dropped its sender without an answer.
        answered.await.unwrap_or(Err(WriterError::Abandoned))
    }
}

fn open(path: &Path) -> Result<Connection, rusqlite::Error> {
    let connection = Connection::open(path)?;
    // The same settings as the pool's (db::options): WAL, the WAL synced at every commit.
    connection.pragma_update(None, "journal_mode", "WAL")?;
    connection.pragma_update(None, "synchronous", "FULL")?;
    connection.pragma_update(None, "foreign_keys", "ON")?;
    // Another process (an operator's backup) may hold the lock for a moment.
    connection.busy_timeout(Duration::from_secs(10))?;
    connection.set_prepared_statement_cache_capacity(64);
    Ok(connection)
}

/// The writer's thread: a group of jobs per transaction until every handle is dropped.
fn run(
    connection: Connection,
    mut queue: mpsc::Receiver<Job>,
    committed: std::sync::mpsc::SyncSender<()>,
) {
    while let Some(first) = queue.blocking_recv() {
        let mut group = vec![first];
        while group.len() < MAX_GROUP {
            match queue.try_recv() {
                Ok(job) => group.push(job),
                Err(_) => break,
            }
        }
        commit_group(&connection, group);
        // One waiting signal is enough: the checkpoint copies every commit before it.
        let _ = committed.try_send(());
    }
    // Dropping `committed` tells the checkpointer to make its last checkpoint and stop.
}

/// The checkpointer's thread: after a commit, waits [`CHECKPOINT_DELAY`] for more, then copies
/// the WAL into the database file without blocking the writer or readers (a passive checkpoint
/// copies what no reader still needs; the next one copies the rest).
fn checkpointer(connection: Connection, commits: std::sync::mpsc::Receiver<()>) {
    let checkpoint = || {
        if let Err(error) = connection.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(())) {
            tracing::warn!(%error, "the WAL checkpoint failed; the next commit tries again");
        }
    };
    while commits.recv().is_ok() {
        std::thread::sleep(CHECKPOINT_DELAY);
        while commits.try_recv().is_ok() {}
        checkpoint();
    }
    checkpoint();
}

fn commit_group(connection: &Connection, group: Vec<Job>) {
    if let Err(error) = connection.execute_batch("BEGIN IMMEDIATE") {
        // The jobs are dropped unrun: each submitter is told its job was abandoned.
        tracing::error!(%error, jobs = group.len(), "cannot begin the writer's transaction");
        return;
    }
    let mut deliveries: Vec<Deliver> = Vec::with_capacity(group.len());
    for job in group {
        if let Err(e) = connection.execute_batch("SAVEPOINT job") {
            tracing::error!(error = %e, "cannot open a savepoint");
            continue;
        }
        match catch_unwind(AssertUnwindSafe(|| job(connection))) {
            Ok((true, deliver)) => {
                let released = connection.execute_batch("RELEASE job");
                deliveries.push(match released {
                    Ok(()) => deliver,
                    Err(e) => {
                        let error = WriterError::Transaction(Arc::new(e));
                        Box::new(move |_| deliver(Err(error)))
                    }
                });
            }
            Ok((false, deliver)) => {
                rollback_savepoint(connection);
                deliveries.push(deliver);
            }
            Err(_) => {
                tracing::error!("a write job panicked; its writes are rolled back");
                rollback_savepoint(connection);
            }
        }
    }
    let committed = connection
        .execute_batch("COMMIT")
        .map_err(|e| WriterError::Transaction(Arc::new(e)));
    if let Err(error) = &committed {
        tracing::error!(%error, "the writer's commit failed");
        let _ = connection.execute_batch("ROLLBACK");
    }
    for deliver in deliveries {
        deliver(committed.clone());
    }
}

fn rollback_savepoint(connection: &Connection) {
    if let Err(e) = connection.execute_batch("ROLLBACK TO job; RELEASE job") {
        tracing::error!(error = %e, "cannot roll back a savepoint");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn writer_with_table() -> (tempfile::TempDir, Writer) {
        let dir = tempfile::TempDir::new().expect("temp dir");
        let path = dir.path().join("w.db");
        let setup = Connection::open(&path).expect("open");
        setup
            .execute_batch("CREATE TABLE t (v INTEGER PRIMARY KEY)")
            .expect("table");
        drop(setup);
        let writer = Writer::start(&path).expect("writer");
        (dir, writer)
    }

    fn count(dir: &tempfile::TempDir) -> i64 {
        Connection::open(dir.path().join("w.db"))
            .and_then(|c| c.query_row("SELECT COUNT(*) FROM t", [], |r| r.get(0)))
            .expect("count")
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn jobs_in_one_group_commit_or_roll_back_each_on_its_own() {
        let (dir, writer) = writer_with_table();
        // Many at once, so that groups form; every even value is inserted twice (the second
        // insert fails on the primary key and is rolled back alone).
        let mut tasks = Vec::new();
        for v in 0..200i64 {
            for _ in 0..(1 + (v % 2 == 0) as usize) {
                let writer = writer.clone();
                tasks.push(tokio::spawn(async move {
                    writer
                        .write(move |c| c.execute("INSERT INTO t (v) VALUES (?1)", [v]))
                        .await
                }));
            }
        }
        let mut kept = 0;
        let mut refused = 0;
        for task in tasks {
            match task.await.expect("task").expect("committed") {
                Ok(_) => kept += 1,
                Err(_) => refused += 1,
            }
        }
        assert_eq!((kept, refused), (200, 100));
        // Every acknowledged write is in the file, seen from another connection.
        assert_eq!(count(&dir), 200);
    }

    #[tokio::test]
    async fn a_job_sees_the_writes_of_the_jobs_before_it() {
        let (_dir, writer) = writer_with_table();
        let first = writer.clone();
        let a = tokio::spawn(async move {
            first
                .write(|c| c.execute("INSERT INTO t (v) VALUES (1)", []))
                .await
        });
        a.await.expect("task").expect("committed").expect("insert");
        let seen: i64 = writer
            .write(|c| c.query_row("SELECT COUNT(*) FROM t", [], |r| r.get::<_, i64>(0)))
            .await
            .expect("committed")
            .expect("query");
        assert_eq!(seen, 1);
    }

    #[tokio::test]
    async fn a_panicking_job_is_rolled_back_and_the_writer_goes_on() {
        let (dir, writer) = writer_with_table();
        let panicked = writer
            .write(|c| -> Result<(), rusqlite::Error> {
                c.execute("INSERT INTO t (v) VALUES (7)", [])?;
                panic!("a bug in a job");
            })
            .await;
        assert!(matches!(panicked, Err(WriterError::Abandoned)));
        writer
            .write(|c| c.execute("INSERT INTO t (v) VALUES (8)", []))
            .await
            .expect("committed")
            .expect("insert");
        assert_eq!(count(&dir), 1);
    }
}
