//! One save writer per table: a small thread that writes the table's newest snapshot to its
//! file, so no move waits for the disk. Snapshots coalesce (only the newest pending one is
//! written); a failed write is retried with a bounded back-off until the folder takes it
//! again, and the table can say at any moment whether its game is saved.

use crate::save::{self, SaveError, SaveFile};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};

/// The first wait before a failed save is tried again; it doubles up to [`MAX_BACKOFF`].
const FIRST_BACKOFF: Duration = Duration::from_millis(200);
/// The longest wait between two tries of a failed save.
const MAX_BACKOFF: Duration = Duration::from_secs(5);

/// Whether a table's game is on disk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// The newest state is written.
    Saved,
    /// A newer state is being written.
    Saving,
    /// The last write failed for this reason; it is being retried.
    Failed(String),
}

impl fmt::Display for SaveStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SaveStatus::Saved => f.write_str("saved"),
            SaveStatus::Saving => f.write_str("saving"),
            SaveStatus::Failed(reason) => write!(f, "not saved: {reason} (retrying)"),
        }
    }
}

#[derive(Default)]
struct State {
    /// The newest snapshot not written yet, with its generation.
    pending: Option<(u64, SaveFile)>,
    /// The generation of the newest snapshot handed over.
    submitted: u64,
    /// The newest generation whose write finished, well or not.
    attempted: u64,
    /// The newest generation written.
    saved: u64,
    /// Why the last write failed, if it did.
    error: Option<String>,
    /// Failed writes in a row.
    failures: u32,
    /// The table is gone: write what is pending once more, then stop.
    closed: bool,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|poisoned| {
            tracing::error!("a save writer's state was poisoned by a panic; carrying on");
            poisoned.into_inner()
        })
    }
}

/// A table's save writer: hand it snapshots with [`SaveWriter::submit`]; its thread writes
/// them. Dropping it writes what is pending (waiting a bounded time).
pub struct SaveWriter {
    path: PathBuf,
    shared: Arc<Shared>,
}

impl SaveWriter {
    /// How long dropping a writer waits for its last write.
    pub const FLUSH_WAIT: Duration = Duration::from_secs(5);

    /// Starts the writer of the file at `path`, first removing from its folder the temporary
    /// files that writers killed in the middle of a write left behind (see
    /// [`save::clean_stale_temporaries`]).
    pub fn start(path: PathBuf) -> SaveWriter {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            for removed in save::clean_stale_temporaries(dir) {
                tracing::info!(path = %removed.display(), "removed a stale temporary save file");
            }
        }
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            changed: Condvar::new(),
        });
        let thread_shared = shared.clone();
        let thread_path = path.clone();
        let spawned = std::thread::Builder::new()
            .name("save writer".into())
            .spawn(move || write_loop(&thread_path, &thread_shared));
        if let Err(e) = spawned {
            tracing::error!(path = %path.display(), "no save writer thread: {e}");
            shared.lock().error = Some(format!("no save writer: {e}"));
        }
        SaveWriter { path, shared }
    }

    /// Hands over the newest state; an older one still waiting is dropped. Returns its
    /// generation.
    pub fn submit(&self, file: SaveFile) -> u64 {
        let mut state = self.shared.lock();
        state.submitted += 1;
        let generation = state.submitted;
        state.pending = Some((generation, file));
        self.shared.changed.notify_all();
        generation
    }

    /// Writes `file` now and waits (at most `wait`) to say whether it is on disk.
    pub fn save_now(&self, file: SaveFile, wait: Duration) -> Result<(), SaveError> {
        let generation = self.submit(file);
        let state = self.wait_for(generation, wait);
        if state.saved >= generation {
            return Ok(());
        }
        let reason = match (&state.error, state.attempted >= generation) {
            (Some(reason), true) => reason.clone(),
            _ => format!("still writing after {} s", wait.as_secs()),
        };
        Err(SaveError::Io {
            path: self.path.clone(),
            source: std::io::Error::other(reason),
        })
    }

    /// Waits (at most `wait`) until the newest state handed over has been tried, and says
    /// where things stand.
    pub fn flush(&self, wait: Duration) -> SaveStatus {
        let target = self.shared.lock().submitted;
        drop(self.wait_for(target, wait));
        self.status()
    }

    /// Whether the newest state is on disk, being written, or failing.
    pub fn status(&self) -> SaveStatus {
        let state = self.shared.lock();
        match &state.error {
            Some(reason) if state.saved < state.submitted => SaveStatus::Failed(reason.clone()),
            _ if state.saved < state.submitted => SaveStatus::Saving,
            _ => SaveStatus::Saved,
        }
    }

    fn wait_for(&self, generation: u64, wait: Duration) -> MutexGuard<'_, State> {
        let until = Instant::now() + wait;
        let mut state = self.shared.lock();
        while state.attempted < generation {
            let left = until.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            state = self
                .shared
                .changed
                .wait_timeout(state, left)
                .map_or_else(|p| p.into_inner().0, |(s, _)| s);
        }
        state
    }
}

impl Drop for SaveWriter {
    fn drop(&mut self) {
        if let SaveStatus::Failed(reason) = self.flush(Self::FLUSH_WAIT) {
            tracing::error!(path = %self.path.display(), "the final state was not saved: {reason}");
        }
        self.shared.lock().closed = true;
        self.shared.changed.notify_all();
    }
}

/// The writer thread: writes the newest snapshot whenever there is one, retrying a failure
/// after a back-off (or at once when a newer snapshot comes), until the writer is dropped.
fn write_loop(path: &Path, shared: &Shared) {
    let mut state = shared.lock();
    loop {
        while state.pending.is_none() && !state.closed {
            state = shared
                .changed
                .wait(state)
                .unwrap_or_else(|p| p.into_inner());
        }
        let Some((generation, file)) = state.pending.take() else {
            return;
        };
        drop(state);
        let result = write(path, &file);
        state = shared.lock();
        state.attempted = state.attempted.max(generation);
        match result {
            Ok(()) => {
                if state.failures > 0 {
                    tracing::info!(path = %path.display(), "saved again after {} failed tries", state.failures);
                }
                state.saved = state.saved.max(generation);
                state.error = None;
                state.failures = 0;
                shared.changed.notify_all();
            }
            Err(reason) => {
                if state.failures == 0 {
                    tracing::warn!(path = %path.display(), "not saved: {reason}; retrying");
                }
                state.failures += 1;
                state.error = Some(reason);
                shared.changed.notify_all();
                if state.closed {
                    return;
                }
                if state.pending.is_none() {
                    state.pending = Some((generation, file));
                }
                let until = Instant::now() + backoff(state.failures);
                while !state.closed && state.submitted == generation {
                    let left = until.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        break;
                    }
                    state = shared
                        .changed
                        .wait_timeout(state, left)
                        .map_or_else(|p| p.into_inner().0, |(s, _)| s);
                }
            }
        }
    }
}

/// The wait before the next try after `failures` failed ones.
fn backoff(failures: u32) -> Duration {
    FIRST_BACKOFF
        .saturating_mul(1 << failures.saturating_sub(1).min(8))
        .min(MAX_BACKOFF)
}

/// Writes one snapshot atomically, the folder created if needed. Says why not in a few
/// words, with the folder ("/srv/saves: Permission denied", "…: No space left on device").
fn write(path: &Path, file: &SaveFile) -> Result<(), String> {
    let result = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
        Some(dir) => std::fs::create_dir_all(dir)
            .map_err(|source| SaveError::Io {
                path: dir.to_path_buf(),
                source,
            })
            .and_then(|()| save::save(path, file)),
        None => save::save(path, file),
    };
    result.map_err(|e| match e {
        // The folder named, so a facilitator knows where to look ("…/saves: Permission denied").
        SaveError::Io { path, source } => {
            let place = if path.is_dir() || path.extension().is_some() {
                path.parent().unwrap_or(&path).display().to_string()
            } else {
                path.display().to_string()
            };
            let why = match source.kind() {
                std::io::ErrorKind::AlreadyExists | std::io::ErrorKind::NotADirectory => {
                    "a file stands where the saves folder should be".to_string()
                }
                _ => plain(&source),
            };
            format!("{place}: {why}")
        }
        other => other.to_string(),
    })
}

/// An I/O error's message without the "(os error 13)" tail.
fn plain(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(cut) => text[..cut].to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_back_off_doubles_and_is_bounded() {
        assert_eq!(backoff(1), FIRST_BACKOFF);
        assert_eq!(backoff(2), FIRST_BACKOFF * 2);
        assert_eq!(backoff(100), MAX_BACKOFF);
    }

    #[test]
    fn an_io_error_reads_plainly() {
        let e = std::io::Error::from_raw_os_error(13);
        assert_eq!(plain(&e), "Permission denied");
    }
}
