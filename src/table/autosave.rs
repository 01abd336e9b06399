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
        file.messages = self.talk.messages.clone();
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

    /// The reflection prompts `seat` has not answered (or skipped) yet, once the game is over:
    /// those asked of everyone, then the seat's own.
    pub fn unanswered(&self, seat: Seat) -> Vec<String> {
        self.unanswered_by(seat, None)
    }

    /// The reflection prompts `by`, one of `seat`'s delegation (`None`: the seat's one
    /// person at a game on one machine), has not answered yet: each member answers apart.
    pub fn unanswered_by(&self, seat: Seat, by: Option<&str>) -> Vec<String> {
        if self.game.outcome().is_none() {
            return Vec::new();
        }
        self.game
            .scenario()
            .reflection_for(seat)
            .filter(|prompt| {
                !self
                    .reflections
                    .iter()
                    .any(|r| r.seat == seat.key() && &r.prompt == *prompt && r.by.as_deref() == by)
            })
            .cloned()
            .collect()
    }

    /// Records `seat`'s answer to a reflection prompt (an empty answer marks it skipped) and
    /// saves.
    pub fn reflect(&mut self, seat: Seat, prompt: &str, answer: &str) {
        self.reflect_as(seat, None, prompt, answer);
    }

    /// Records the answer of `by`, one of `seat`'s delegation, to a reflection prompt (see
    /// [`Session::reflect`]); each member's answers are kept apart, under their name.
    pub fn reflect_as(&mut self, seat: Seat, by: Option<&str>, prompt: &str, answer: &str) {
        self.reflections.push(crate::save::Reflection {
            seat: seat.key().to_string(),
            prompt: prompt.to_string(),
            answer: answer.trim().to_string(),
            by: by.map(str::to_string),
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

    /// A new game's first save: written whole and at once (atomically) to `path`, or to
    /// `name-2.json`, `name-3.json`, … when that is taken, so a new game never overwrites an
    /// old one's save, two games started together (a server's set of identical tables) never
    /// share a file, and a kill at any moment leaves no empty save. Then the table's save
    /// writer takes over. When the folder cannot be written, the writer keeps trying `path`
    /// and the table shows the failure.
    pub(super) fn start_saving(&mut self, path: &Path) {
        let file = self.save_file(unix_now());
        let stem = path
            .file_stem()
            .map_or_else(String::new, |s| s.to_string_lossy().to_string());
        let candidates = std::iter::once(path.to_path_buf())
            .chain((2..MAX_SAVE_NAMES).map(|n| path.with_file_name(format!("{stem}-{n}.json"))));
        let (path, first) = match crate::save::write_new(candidates, file.to_json().as_bytes()) {
            Ok(written) => (written, None),
            Err(_) => (path.to_path_buf(), Some(file)),
        };
        let writer = SaveWriter::start(path.clone());
        if let Some(file) = first {
            let _ = writer.save_now(file, SaveWriter::FLUSH_WAIT);
        }
        self.save_path = Some(path);
        self.writer = Some(writer);
    }
}

/// The most names tried for a new game's save (`name.json`, `name-2.json`, …).
const MAX_SAVE_NAMES: u32 = 10_000;

/// Seconds since the Unix epoch, for a save's timestamp.
fn unix_now() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}
