//! The real server as a child process.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

pub struct Portal {
    child: Child,
    pub base_url: String,
}

/// The `fwportal` binary under test (`FWPORTAL_BIN`, else `target/debug/fwportal`).
pub fn binary() -> PathBuf {
    let path = std::env::var_os("FWPORTAL_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/debug/fwportal"));
    assert!(
        path.is_file(),
        "the fwportal binary is not at {} — run `cargo build -p fwportal-server` or set FWPORTAL_BIN",
        path.display()
    );
    path
}

fn dist() -> PathBuf {
    let path = std::env::var_os("FWPORTAL_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("dist"));
    assert!(
        path.join("index.html").is_file(),
        "the web app is not built in {} — run `trunk build --release` or set FWPORTAL_DIST",
        path.display()
    );
    path
}

impl Portal {
    /// Starts `fwportal serve` on a free port with the database at `database`, and waits
    /// until it says it is ready.
    pub fn start(database: &Path) -> Portal {
        Portal::start_with(database, None, &[])
    }

    /// Like [`Portal::start`], with more `fwportal serve` options (`--smtp-url …`).
    pub fn start_with_args(database: &Path, args: &[String]) -> Portal {
        Portal::start_with(database, None, args)
    }

    /// Like [`Portal::start`], with the operator's calendar file (closures, notice days,
    /// cutoff, desk hours: README "The operator's calendar file").
    pub fn start_with_calendar(database: &Path, calendar: &Path) -> Portal {
        Portal::start_with(database, Some(calendar), &[])
    }

    fn start_with(database: &Path, calendar: Option<&Path>, args: &[String]) -> Portal {
        let mut command = Command::new(binary());
        command
            .arg("serve")
            .arg("--addr")
            .arg("127.0.0.1:0")
            .arg("--database")
            .arg(database)
            .arg("--dist")
            .arg(dist());
        if let Some(calendar) = calendar {
            command.arg("--calendar").arg(calendar);
        }
        command.args(args);
        let mut child = command
            // The environment's calendar would override the test's choice.
            .env_remove("FWPORTAL_CALENDAR")
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("start fwportal");
        let stdout = child.stdout.take().expect("piped stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.split("ready at ").nth(1) {
                    let _ = tx.send(url.trim().trim_end_matches('/').to_owned());
                }
            }
        });
        let base_url = rx
            .recv_timeout(Duration::from_secs(30))
            .expect("fwportal did not say it was ready within 30 s");
        Portal { child, base_url }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base_url)
    }

    /// Stops the server the way an operator does (SIGTERM) and waits for it to exit.
    pub fn stop(mut self) {
        self.terminate();
    }

    fn terminate(&mut self) {
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        for _ in 0..100 {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Portal {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.terminate();
        }
    }
}
