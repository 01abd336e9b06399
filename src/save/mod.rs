//! Save files: versioned JSON holding the whole scenario, the seed, the seats and the action
//! log, with a digest of the final state.
//!
//! A save is self-contained (the scenario's TOML files are embedded), so it can be shared and
//! replayed anywhere. Loading replays every action and checks the digest; anything wrong is
//! refused with a message naming the file, and the file is never modified. Writes are atomic
//! (temporary file, flush, rename), so a crash loses at most the action in flight.

use crate::engine::{Action, Game, Outcome, Seat};
use crate::scenario::ScenarioSource;
use serde::{Deserialize, Serialize};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The `format` field every save carries.
pub const FORMAT_NAME: &str = "ceasefire-save";
/// The format version this build writes, and the newest it reads.
pub const CURRENT_VERSION: u32 = 1;

/// Why one of the actions was taken, when a person did not choose it: a bot's reason, or
/// the decision clock running out. Kept for the log, the replay and the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    /// Index into the action list.
    pub action: usize,
    /// The reason shown to players.
    pub text: String,
    /// The facilitator's decision clock ran out and made this move for a person.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub by_clock: bool,
}

/// One person's answer to one reflection prompt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reflection {
    /// The seat they played (`pakistan`, …).
    pub seat: String,
    /// The prompt.
    pub prompt: String,
    /// Their answer, in their own words.
    pub answer: String,
}

/// What a listing of saves shows without replaying them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// The scenario's title.
    pub title: String,
    /// The round reached.
    pub round: u8,
    /// The outcome, when the game is over.
    pub outcome: Option<Outcome>,
}

/// The file format, version 1.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SaveFile {
    /// Always [`FORMAT_NAME`].
    pub format: String,
    /// The format version.
    pub version: u32,
    /// When it was written, in seconds since the Unix epoch.
    pub saved_at: u64,
    /// Round and outcome, for listings.
    pub summary: Summary,
    /// The scenario's files, whole.
    pub scenario: ScenarioSource,
    /// The game's seed.
    pub seed: u64,
    /// Who plays each seat (`human`, `random`, `hard`, …), by seat index.
    pub seats: [String; 3],
    /// Every action, in order.
    pub actions: Vec<Action>,
    /// Bots' reasons, by action index.
    #[serde(default)]
    pub notes: Vec<Note>,
    /// What each person wrote after the game, in answer to the scenario's reflection prompts.
    #[serde(default)]
    pub reflections: Vec<Reflection>,
    /// A server table's decision clock, in seconds per decision, so a resumed table keeps it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub clock_seconds: Option<u64>,
    /// [`Game::digest`] of the state after the last action, as 16 hex digits.
    pub digest: String,
}

/// A save that loaded, with its game rebuilt and verified.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The file's contents.
    pub file: SaveFile,
    /// The game, replayed.
    pub game: Game,
}

/// Why a save could not be written or read.
#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    /// The file system refused.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What the system said.
        source: std::io::Error,
    },
    /// The file is not JSON, or is cut short.
    #[error("{path}: not a readable save (truncated or corrupt?): {detail}")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What the parser said.
        detail: String,
    },
    /// JSON, but not a Ceasefire save.
    #[error("{path}: not a Ceasefire save (no \"format\": \"{FORMAT_NAME}\")")]
    Foreign {
        /// The file.
        path: PathBuf,
    },
    /// Written by a newer Ceasefire.
    #[error(
        "{path}: saved in format version {version} by a newer Ceasefire; this one reads up to version {CURRENT_VERSION}"
    )]
    FutureVersion {
        /// The file.
        path: PathBuf,
        /// Its version.
        version: u64,
    },
    /// The embedded scenario does not build.
    #[error("{path}: its embedded scenario is invalid: {detail}")]
    Scenario {
        /// The file.
        path: PathBuf,
        /// The scenario error.
        detail: String,
    },
    /// An action in the log is illegal when replayed.
    #[error("{path}: action {number} does not replay ({reason}): the save is corrupt")]
    Replay {
        /// The file.
        path: PathBuf,
        /// Which action, counted from 1 as the report and the replay viewer count them.
        number: usize,
        /// Why the engine refused it.
        reason: String,
    },
    /// The replayed game differs from the one saved.
    #[error(
        "{path}: the replayed game does not match its digest ({expected} saved, {actual} replayed)"
    )]
    Digest {
        /// The file.
        path: PathBuf,
        /// The digest in the file.
        expected: String,
        /// The digest of the replay.
        actual: String,
    },
}

impl SaveFile {
    /// Describes `game` (played on `scenario`) for saving.
    pub fn of(
        game: &Game,
        scenario: &ScenarioSource,
        seats: [String; 3],
        notes: Vec<Note>,
        saved_at: u64,
    ) -> SaveFile {
        SaveFile {
            format: FORMAT_NAME.to_string(),
            version: CURRENT_VERSION,
            saved_at,
            summary: Summary {
                title: game.scenario().title.clone(),
                round: game.round(),
                outcome: game.outcome(),
            },
            scenario: scenario.clone(),
            seed: game.seed(),
            seats,
            actions: game.actions().to_vec(),
            notes,
            reflections: Vec::new(),
            clock_seconds: None,
            digest: format!("{:016x}", game.digest()),
        }
    }

    /// The file's JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Writes `bytes` to `path` atomically: a temporary file beside it, flushed to disk, then
/// renamed over `path`. A reader sees the old file or the new one, never a part.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), SaveError> {
    let io = |source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    fs::create_dir_all(dir).map_err(io)?;
    let name = path
        .file_name()
        .map_or("save".into(), |n| n.to_string_lossy().into_owned());
    let temporary = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&temporary);
    }
    result.map_err(io)
}

/// Saves `file` to `path` atomically.
pub fn save(path: &Path, file: &SaveFile) -> Result<(), SaveError> {
    write_atomic(path, file.to_json().as_bytes())
}

/// Reads, checks and replays a save. Never writes to `path`.
pub fn load(path: &Path) -> Result<Loaded, SaveError> {
    let bytes = fs::read(path).map_err(|source| SaveError::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let file = parse(path, &bytes)?;
    let game = rebuild(path, &file)?;
    Ok(Loaded { file, game })
}

/// Parses a save's bytes: format and version first, then the fields.
pub fn parse(path: &Path, bytes: &[u8]) -> Result<SaveFile, SaveError> {
    let corrupt = |e: serde_json::Error| SaveError::Corrupt {
        path: path.to_path_buf(),
        detail: e.to_string(),
    };
    let value: serde_json::Value = serde_json::from_slice(bytes).map_err(corrupt)?;
    if value.get("format").and_then(|f| f.as_str()) != Some(FORMAT_NAME) {
        return Err(SaveError::Foreign {
            path: path.to_path_buf(),
        });
    }
    let version = value.get("version").and_then(|v| v.as_u64()).unwrap_or(0);
    if version > u64::from(CURRENT_VERSION) {
        return Err(SaveError::FutureVersion {
            path: path.to_path_buf(),
            version,
        });
    }
    let value = migrate(value, version);
    serde_json::from_value(value).map_err(corrupt)
}

/// Upgrades an older save's JSON to the current version, one step at a time. Version 1 is the
/// first format, so there is nothing to upgrade yet; each future format change adds a step
/// here with a test of the file before and after.
fn migrate(value: serde_json::Value, _from: u64) -> serde_json::Value {
    value
}

/// Rebuilds the game of a parsed save and checks its digest.
pub fn rebuild(path: &Path, file: &SaveFile) -> Result<Game, SaveError> {
    let scenario = file.scenario.build().map_err(|e| SaveError::Scenario {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    let game =
        Game::replay(Arc::new(scenario), file.seed, &file.actions).map_err(|(index, reason)| {
            SaveError::Replay {
                path: path.to_path_buf(),
                number: index + 1,
                reason: reason.to_string(),
            }
        })?;
    let actual = format!("{:016x}", game.digest());
    if actual != file.digest {
        return Err(SaveError::Digest {
            path: path.to_path_buf(),
            expected: file.digest.clone(),
            actual,
        });
    }
    Ok(game)
}

/// Where games are saved: `--saves DIR` when given, else `./saves` when that folder exists,
/// else the user's data directory.
pub fn saves_dir(explicit: Option<&Path>) -> PathBuf {
    if let Some(dir) = explicit {
        return dir.to_path_buf();
    }
    let local = Path::new("saves");
    if local.is_dir() {
        return local.to_path_buf();
    }
    dirs::data_dir()
        .map(|d| d.join("ceasefire").join("saves"))
        .unwrap_or_else(|| local.to_path_buf())
}

/// A file name for a new game's save: scenario, seed and the seats' controllers.
pub fn file_name(scenario: &str, seed: u64, seats: &[String; 3]) -> String {
    let who: Vec<String> = Seat::ALL
        .iter()
        .map(|s| {
            // The seats' tags as the game shows them: pk, af, md.
            let tag = crate::engine::words::seat_tag(*s).to_lowercase();
            format!("{tag}-{}", seats[s.index()])
        })
        .collect();
    format!("{scenario}-{seed}-{}.json", who.join("_"))
}
