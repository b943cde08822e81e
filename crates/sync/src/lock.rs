//! One pass at a time per data folder, across processes: the portal pass,
//! the hub pass and the hand-over's settling all take the same file lock
//! (`sync.lock` in the data folder), so two windows, a window and the
//! headless daemon, or the daemon and a command never interleave their
//! steps with one remote.

use std::fs::{File, TryLockError};
use std::path::Path;
use std::time::{Duration, Instant};

/// The lock file's name in a data folder.
pub const LOCK_FILE: &str = "sync.lock";

/// How long a command (a volunteer's "send now", a hub step) waits for
/// another pass on the same data folder to end before it says "busy".
pub const COMMAND_PATIENCE: Duration = Duration::from_secs(120);

/// An exclusive lock on a file for the length of a pass (released when
/// dropped, or when the process dies). Two handles of one process exclude
/// each other too (the lock belongs to the open file, not the process).
#[derive(Debug)]
pub struct PassLock(File);

impl PassLock {
    /// The lock, or `None` when another pass holds it.
    pub fn try_take(path: &Path) -> Result<Option<PassLock>, String> {
        let file = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(Some(PassLock(file))),
            Err(TryLockError::WouldBlock) => Ok(None),
            Err(TryLockError::Error(e)) => Err(format!("{}: {e}", path.display())),
        }
    }

    /// The lock, waiting up to `patience` for another pass to end (`None`
    /// when it did not end by then; a zero patience tries once).
    pub async fn take(path: &Path, patience: Duration) -> Result<Option<PassLock>, String> {
        let until = Instant::now() + patience;
        loop {
            if let Some(lock) = PassLock::try_take(path)? {
                return Ok(Some(lock));
            }
            if Instant::now() >= until {
                return Ok(None);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }
}

impl Drop for PassLock {
    fn drop(&mut self) {
        let _ = self.0.unlock();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_waits_until_the_first_lets_go() -> Result<(), String> {
        let dir = std::env::temp_dir().join(format!("gocua-lock-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let path = dir.join(LOCK_FILE);
        let first = PassLock::try_take(&path)?;
        assert!(first.is_some());
        assert!(
            PassLock::try_take(&path)?.is_none(),
            "the same process is kept out too"
        );
        drop(first);
        assert!(PassLock::try_take(&path)?.is_some());
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    }

    #[tokio::test]
    async fn a_command_waits_for_the_pass_and_the_background_does_not() -> Result<(), String> {
        let dir = std::env::temp_dir().join(format!("gocua-lock-wait-{}", std::process::id()));
        std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
        let path = dir.join(LOCK_FILE);
        let held = PassLock::try_take(&path)?;
        assert!(held.is_some());
        // The background gives the round up at once.
        assert!(PassLock::take(&path, Duration::ZERO).await?.is_none());
        // A command gets the lock once the running pass lets go.
        let release = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(300));
            drop(held);
        });
        let started = Instant::now();
        let got = PassLock::take(&path, COMMAND_PATIENCE).await?;
        assert!(got.is_some());
        assert!(started.elapsed() >= Duration::from_millis(200));
        release
            .join()
            .map_err(|_| "the releasing thread panicked".to_owned())?;
        let _ = std::fs::remove_dir_all(&dir);
        Ok(())
    }
}
