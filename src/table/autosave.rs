//! A table's save file: what it holds, where it goes, the reflections kept in it, and the
//! autosave after every move (handed to the table's save writer, see [`super::writer`]).

use super::Session;
use super::writer::{SaveStatus, SaveWriter};
use crate::engine::Seat;
use crate::save::{SaveError, SaveFile};
use std::path::{Path, PathBuf};
use std::time::Duration;

impl Session {
    /// The save file describing the game now.
    pub fn save_file(&self, saved_at: u64) -> SaveFile {
        let mut file = SaveFile::of(
            &self.game,
            &self.source,
            self.controllers.map(|c| c.key().to_string()),
            self.notes.clone(),
            saved_at,
        );
        file.reflections = self.reflections.clone();
        file.clock_seconds = self.clock_seconds;
        file
    }

    /// Records a server table's decision clock (seconds per decision), saving it at once.
    pub fn set_clock_seconds(&mut self, seconds: Option<u64>) {
        self.clock_seconds = seconds;
        self.autosave();
    }

    /// The decision clock kept in this game's save, in seconds per decision.
    pub fn clock_seconds(&self) -> Option<u64> {
        self.clock_seconds
    }

    /// The reflection answers written so far (skipped prompts have empty answers).
    pub fn reflections(&self) -> &[crate::save::Reflection] {
        &self.reflections
    }

    /// The reflection prompts `seat` has not answered (or skipped) yet, once the game is over.
    pub fn unanswered(&self, seat: Seat) -> Vec<String> {
        if self.game.outcome().is_none() {
            return Vec::new();
        }
        self.game
            .scenario()
            .reflection
            .iter()
            .filter(|prompt| {
                !self
                    .reflections
                    .iter()
                    .any(|r| r.seat == seat.key() && &r.prompt == *prompt)
            })
            .cloned()
            .collect()
    }

    /// Records `seat`'s answer to a reflection prompt (an empty answer marks it skipped) and
    /// saves.
    pub fn reflect(&mut self, seat: Seat, prompt: &str, answer: &str) {
        self.reflections.push(crate::save::Reflection {
            seat: seat.key().to_string(),
            prompt: prompt.to_string(),
            answer: answer.trim().to_string(),
        });
        self.autosave();
    }

    /// Writes the save now (atomically, through the table's save writer) and waits for it.
    /// Returns where, or why it failed.
    pub fn save(&self) -> Result<PathBuf, SaveError> {
        let (Some(path), Some(writer)) = (&self.save_path, &self.writer) else {
            return Err(SaveError::Io {
                path: PathBuf::from("(no saves folder)"),
                source: std::io::Error::other("saving is off for this game"),
            });
        };
        writer.save_now(self.save_file(unix_now()), SaveWriter::FLUSH_WAIT)?;
        Ok(path.clone())
    }

    /// Whether the game is on disk: `None` when it is not saved at all.
    pub fn save_status(&self) -> Option<SaveStatus> {
        self.writer.as_ref().map(SaveWriter::status)
    }

    /// Waits (at most `wait`) until the newest state has been written or has failed, and
    /// says which (`None`: the game is not saved).
    pub fn flush(&self, wait: Duration) -> Option<SaveStatus> {
        self.writer.as_ref().map(|w| w.flush(wait))
    }

    /// Hands the newest state to the save writer; the move never waits for the disk. A
    /// failure shows in [`Session::save_status`] and is retried.
    pub(super) fn autosave(&self) {
        if let Some(writer) = &self.writer {
            writer.submit(self.save_file(unix_now()));
        }
    }

    /// Writes the state and waits for it (a new game's first save). A failure is shown and
    /// retried like an autosave's.
    pub(super) fn save_at_once(&self) {
        if let Some(writer) = &self.writer {
            let _ = writer.save_now(self.save_file(unix_now()), SaveWriter::FLUSH_WAIT);
        }
    }
}

/// `path`, or `name-2.json`, `name-3.json`, …: the first that does not exist yet, claimed at
/// once by creating it, so a new game never overwrites an old one's save and two games started
/// together (a server's set of identical tables) never share a file.
pub(super) fn claim_unused_path(path: &Path) -> PathBuf {
    if let Some(dir) = path.parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().to_string());
    let candidates = std::iter::once(path.to_path_buf())
        .chain((2..).map(|n| path.with_file_name(format!("{stem}-{n}.json"))));
    for candidate in candidates {
        let claimed = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate);
        match claimed {
            Ok(_) => return candidate,
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            // The folder cannot be written: the first save will say so.
            Err(_) => return candidate,
        }
    }
    path.to_path_buf()
}

/// Seconds since the Unix epoch, for a save's timestamp.
fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
