//! Save files: versioned JSON holding the whole scenario, the seed, the seats and the action
//! log, sealed by a digest.
//!
//! A save is self-contained (the scenario's TOML files are embedded), so it can be shared and
//! replayed anywhere. Loading reads only a regular file of at most [`MAX_SAVE_BYTES`] (a
//! device or a FIFO is refused before it is opened), replays every action and checks the
//! digest; anything wrong is refused with a message naming the file (never quoting the digest
//! the replay gives, which would seal an edit), and the file is never modified. Writes are
//! atomic (temporary file, flush, rename; a new game's first save too, see [`write_new`]), so
//! a crash loses at most the action in flight; the temporary files of a killed writer are
//! removed by the next writer in the folder ([`clean_stale_temporaries`]).
//!
//! # Format version 2
//!
//! One JSON object, the fields of [`SaveFile`]. Its `digest` is 64 hex digits: the SHA-256
//! (see [`crate::engine::digest`]) of the canonical JSON (keys sorted, no whitespace) of
//!
//! ```text
//! {"file": <every field of the file but "digest">, "game_state": <Game::digest, 64 hex>}
//! ```
//!
//! preceded by the line `ceasefire save v2`. It so covers the final game state and everything
//! the after-action report prints that a replay cannot rebuild: the seed, the scenario's
//! source, the seats, the notes (bots' and the clock's reasons), the reflections, the
//! decision clock, the table talk, and the summary and time of writing. It catches
//! corruption and accidental edits; it does not authenticate (anyone can recompute it).
//!
//! # Adding a field (no new version, no migration)
//!
//! Later fields (a rules version, the table talk, …) are added to [`SaveFile`] (or to a
//! [`Note`], [`Reflection`] or [`Summary`]) as optional fields that are left out of the file
//! when empty: `#[serde(default, skip_serializing_if = "Option::is_none")]` (or
//! `Vec::is_empty`, …).
//! Then a file written before the field existed reads as the default and its digest is
//! unchanged, because the digest hashes the fields as this build writes them and an empty new
//! field is not written; a file that uses the field has it covered by the digest with no
//! further code. Bump [`CURRENT_VERSION`] only for a change old files cannot be read through
//! (a field renamed, removed or given a new meaning), and add a step to `migrate` for it.
//! A build that meets a field it does not know refuses the file as corrupt (these types are
//! `deny_unknown_fields`) rather than dropping the field at its next autosave. A new field
//! must never be written when it holds its default (a `false`, a `0`, `[]`): a file saved
//! before the field existed would then hash differently from how it was sealed, and be
//! refused. The pinned digests in `tests/saves.rs` catch such a mistake.
//!
//! `messages`, the table talk, was added so too: a game nobody spoke in writes none, and an
//! older file loads with none.
//!
//! `rules`, the rules version the game was played under, was added so: every new save writes
//! it (the digest covers it like any field); a file written before has none, keeps its
//! digest (an upgraded version-1 file is not given one either), and reads its rules version
//! from the embedded scenario ([`SaveFile::rules_version`]). A file whose recorded version
//! is not its scenario's is refused on loading.
//!
//! # Version 1
//!
//! Version 1 has the same fields, but its digest is 16 hex digits of the engine's legacy FNV
//! hash of the game state ([`Game::legacy_digest`]), which covers neither the notes nor the
//! reflections, seats or clock. A version-1 file is verified with that hash, then held in
//! memory as version 2 ([`load`] returns it upgraded and sealed with a version-2 digest). The
//! file itself is left as it is; a resumed game's next autosave writes version 2. What the
//! version-1 digest did not cover (seats, notes, reflections, the scenario's texts) is named
//! by [`SaveFile::unverified`], and the report says it is unverified.

use crate::engine::talk::Message;
use crate::engine::{Action, Digest, Game, Outcome, Seat};
use crate::scenario::ScenarioSource;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod files;

pub use files::{
    MAX_SAVE_BYTES, STALE_TEMPORARY_AGE, clean_stale_temporaries, read_bounded, write_atomic,
    write_new,
};

/// The `format` field every save carries.
pub const FORMAT_NAME: &str = "ceasefire-save";
/// The format version this build writes, and the newest it reads.
pub const CURRENT_VERSION: u32 = 2;
/// The first line of what a version-2 file digest hashes (see the module doc).
const FILE_DOMAIN: &str = "ceasefire save v2";

/// Why one of the actions was taken, when a person did not choose it: a bot's reason, or
/// the decision clock running out. Kept for the log, the replay and the report.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[serde(deny_unknown_fields)]
pub struct Reflection {
    /// The seat they played (`pakistan`, …).
    pub seat: String,
    /// The prompt.
    pub prompt: String,
    /// Their answer, in their own words.
    pub answer: String,
    /// Which of the seat's delegation wrote it (`ana`, `delegate 2`), when the seat was
    /// played over a server: each member answers for themselves. `None` for a game on one
    /// machine and for saves written before delegations.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

/// What a listing of saves shows without replaying them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Summary {
    /// The scenario's title.
    pub title: String,
    /// The round reached.
    pub round: u8,
    /// The outcome, when the game is over.
    pub outcome: Option<Outcome>,
}

/// The file format, version 2 (version 1 has the same fields and an older digest).
#[derive(Clone, Debug, Eq, Serialize, Deserialize)]
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
    /// The rules version the game was played under. Files written before the field existed
    /// leave it out (and so keep their digests): for them [`SaveFile::rules_version`] reads
    /// it from the embedded scenario. A file whose recorded version differs from its
    /// scenario's is refused by [`load`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<u8>,
    /// Table talk: every message said at the table, in order, each with its round and the
    /// action it came after. Not game actions (a replay never reads them), but covered by
    /// the digest like every field; left out of the file when nobody spoke, so a file
    /// written before messages existed keeps its digest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub messages: Vec<Message>,
    /// The SHA-256 of every other field and of [`Game::digest`] of the state after the last
    /// action, as 64 hex digits (version 1: the legacy FNV digest of the state, 16 hex
    /// digits). See the module doc.
    pub digest: String,
    /// [`Game::digest`] of the game this file describes, when it is known: for a file made by
    /// [`SaveFile::of`] or returned by [`load`], so that [`SaveFile::to_json`] and [`save`]
    /// can seal the digest over fields set afterwards (reflections, the clock). `None` for a
    /// file only parsed: its digest stays as read. Never written to the file.
    #[serde(skip)]
    state: Option<Digest>,
    /// The file on disk is sealed by a version-1 digest, which covers the game only: what a
    /// report prints beside the game is then not verified (see [`SaveFile::unverified`]).
    /// Set by [`load`]; never written.
    #[serde(skip)]
    legacy_seal: bool,
}

/// Two files are equal when they hold the same fields and seal; how the one read from disk
/// was sealed there (`legacy_seal`) does not count.
impl PartialEq for SaveFile {
    fn eq(&self, other: &SaveFile) -> bool {
        let SaveFile {
            format,
            version,
            saved_at,
            summary,
            scenario,
            seed,
            seats,
            actions,
            notes,
            reflections,
            clock_seconds,
            rules,
            messages,
            digest,
            state,
            legacy_seal: _,
        } = self;
        (format, version, saved_at, summary, scenario, seed, seats)
            == (
                &other.format,
                &other.version,
                &other.saved_at,
                &other.summary,
                &other.scenario,
                &other.seed,
                &other.seats,
            )
            && (
                actions,
                notes,
                reflections,
                clock_seconds,
                rules,
                messages,
                digest,
                state,
            ) == (
                &other.actions,
                &other.notes,
                &other.reflections,
                &other.clock_seconds,
                &other.rules,
                &other.messages,
                &other.digest,
                &other.state,
            )
    }
}

/// What a version-1 digest leaves unchecked of what the report prints: it covers the game
/// (the moves and the state they lead to), not these.
pub const LEGACY_UNVERIFIED: [&str; 4] = [
    "who played each seat",
    "the bots' and the clock's reasons",
    "the reflections",
    "the scenario's texts (title, objectives, briefs, cards, events, questions)",
];

/// A save that loaded, with its game rebuilt and verified.
#[derive(Clone, Debug)]
pub struct Loaded {
    /// The file's contents.
    pub file: SaveFile,
    /// The game, replayed.
    pub game: Game,
    /// The format version the file on disk is written in (older than [`CURRENT_VERSION`]
    /// when it was upgraded on reading), and the digest it carries.
    pub on_disk: (u32, String),
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
    /// The rules version the file records is not the one its embedded scenario plays.
    #[error(
        "{path}: saved under rules version {recorded}, but its embedded scenario plays rules version {scenario}: it cannot be continued (the file is left as it is)"
    )]
    RulesVersion {
        /// The file.
        path: PathBuf,
        /// The rules version the file records.
        recorded: u8,
        /// The rules version of the scenario it embeds.
        scenario: u8,
    },
    /// The replayed game differs from the one saved. The message does not print the digest
    /// the replay gives, which anyone could paste into the file to pass an edit off as sealed.
    #[error(
        "{path}: its contents do not match its digest: the file was edited or damaged (left as it is)"
    )]
    Digest {
        /// The file.
        path: PathBuf,
    },
    /// Not a regular file (a device, a FIFO, a folder): never opened, so reading cannot hang.
    #[error("{path}: {what}, not a save: only a regular file is read as a save")]
    NotAFile {
        /// The file.
        path: PathBuf,
        /// What it is instead, in words.
        what: &'static str,
    },
    /// Larger than any save (see [`MAX_SAVE_BYTES`]).
    #[error(
        "{path}: larger than {} MiB, the most a save can be: not a save, or a damaged one",
        limit / (1024 * 1024)
    )]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The limit, in bytes.
        limit: u64,
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
            rules: Some(game.scenario().rules.version),
            messages: Vec::new(),
            digest: String::new(),
            state: Some(game.digest()),
            legacy_seal: false,
        }
        .sealed()
        .into_owned()
    }

    /// What the report prints from this file that the digest of the file on disk does not
    /// cover: nothing for a version-2 file (its digest covers every field); for a file
    /// read in version 1, [`LEGACY_UNVERIFIED`].
    pub fn unverified(&self) -> &'static [&'static str] {
        if self.legacy_seal || self.version == 1 {
            &LEGACY_UNVERIFIED
        } else {
            &[]
        }
    }

    /// The rules version the game was played under: the one recorded, or for a file written
    /// before saves recorded it, its embedded scenario's (1 for every save made before rules
    /// version 2 existed).
    pub fn rules_version(&self) -> u8 {
        self.rules.unwrap_or_else(|| self.scenario.rules_version())
    }

    /// The file's JSON text, with its digest sealed over its fields as they are now when
    /// its game is known (see [`SaveFile::sealed`]).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(&*self.sealed()).unwrap_or_default()
    }

    /// The file with the digest it carries, or will carry when written: recomputed over the
    /// fields as they are now when its game's digest is known (a file made by
    /// [`SaveFile::of`] or returned by [`load`]), else the digest as read.
    pub fn sealed(&self) -> Cow<'_, SaveFile> {
        let Some(state) = self.state else {
            return Cow::Borrowed(self);
        };
        match self.digest_with(&state) {
            Ok(digest) if digest != self.digest => Cow::Owned(SaveFile {
                digest,
                ..self.clone()
            }),
            _ => Cow::Borrowed(self),
        }
    }

    /// The version-2 digest of this file's fields (all but `digest`) with `state`, the
    /// digest of its game (see the module doc).
    pub fn digest_with(&self, state: &Digest) -> Result<String, serde_json::Error> {
        let mut fields = serde_json::to_value(self)?;
        if let Value::Object(map) = &mut fields {
            map.remove("digest");
        }
        let mut sealed = serde_json::Map::new();
        sealed.insert("file".into(), fields);
        sealed.insert("game_state".into(), Value::String(state.to_string()));
        Ok(Digest::of(FILE_DOMAIN, &Value::Object(sealed)).to_string())
    }

    /// This file as the current version, describing `game` (already verified against it):
    /// its digest resealed, so the next write is a version-2 file.
    fn upgraded(mut self, game: &Game) -> SaveFile {
        self.version = CURRENT_VERSION;
        self.state = Some(game.digest());
        self.sealed().into_owned()
    }
}

/// Saves `file` to `path` atomically.
pub fn save(path: &Path, file: &SaveFile) -> Result<(), SaveError> {
    write_atomic(path, file.to_json().as_bytes())
}

/// Reads, checks and replays a save, and returns it as the current version (an older file is
/// verified by its own version's rules first). Never writes to `path`.
pub fn load(path: &Path) -> Result<Loaded, SaveError> {
    let bytes = read_bounded(path, MAX_SAVE_BYTES)?;
    let file = parse(path, &bytes)?;
    let game = rebuild(path, &file)?;
    let on_disk = (file.version, file.digest.clone());
    let legacy_seal = file.version == 1;
    Ok(Loaded {
        file: SaveFile {
            legacy_seal,
            ..file.upgraded(&game)
        },
        game,
        on_disk,
    })
}

/// Parses a save's bytes: format and version first, then the fields. The file keeps the
/// version it was written in (its digest is of that version); [`load`] upgrades it.
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
    if version == 0 {
        return Err(SaveError::Corrupt {
            path: path.to_path_buf(),
            detail: "no format version (a whole number from 1)".into(),
        });
    }
    if version > u64::from(CURRENT_VERSION) {
        return Err(SaveError::FutureVersion {
            path: path.to_path_buf(),
            version,
        });
    }
    let value = migrate(value, version);
    serde_json::from_value(value).map_err(corrupt)
}

/// Upgrades an older save's JSON fields to the current version, one step at a time; each
/// future change of the fields adds a step here with a test of the file before and after.
/// Version 1 to 2 changed only the digest, which needs the replayed game: that step is
/// [`SaveFile::upgraded`], after the version-1 digest is checked.
fn migrate(value: serde_json::Value, _from: u64) -> serde_json::Value {
    value
}

/// Rebuilds the game of a parsed save and checks its digest by its version's rules: version 1
/// the legacy FNV digest of the state, version 2 the SHA-256 of the fields and the state.
pub fn rebuild(path: &Path, file: &SaveFile) -> Result<Game, SaveError> {
    let scenario = file.scenario.build().map_err(|e| SaveError::Scenario {
        path: path.to_path_buf(),
        detail: e.to_string(),
    })?;
    check_rules_version(path, file, &scenario)?;
    let game =
        Game::replay(Arc::new(scenario), file.seed, &file.actions).map_err(|(index, reason)| {
            SaveError::Replay {
                path: path.to_path_buf(),
                number: index + 1,
                reason: reason.to_string(),
            }
        })?;
    let (expected, actual) = if file.version == 1 {
        (
            file.digest.clone(),
            format!("{:016x}", game.legacy_digest()),
        )
    } else {
        let actual = file
            .digest_with(&game.digest())
            .map_err(|e| SaveError::Corrupt {
                path: path.to_path_buf(),
                detail: e.to_string(),
            })?;
        (file.sealed().digest.clone(), actual)
    };
    if actual != expected {
        return Err(SaveError::Digest {
            path: path.to_path_buf(),
        });
    }
    Ok(game)
}

/// Refuses a file whose recorded rules version is not its embedded scenario's: replaying it
/// would play another rule book than the one the game was saved under.
fn check_rules_version(
    path: &Path,
    file: &SaveFile,
    scenario: &crate::engine::Scenario,
) -> Result<(), SaveError> {
    match file.rules {
        Some(recorded) if recorded != scenario.rules.version => Err(SaveError::RulesVersion {
            path: path.to_path_buf(),
            recorded,
            scenario: scenario.rules.version,
        }),
        _ => Ok(()),
    }
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
