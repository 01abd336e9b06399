//! Scenario folders (TOML) turned into validated [`Scenario`]s.
//!
//! A scenario is read whole into a [`ScenarioSource`] (file name → text), from a folder or from
//! the copies compiled into the binary, and then built. Every mistake in a file is reported as
//! a [`ScenarioError`] naming file, line and column with a hint; nothing here panics on bad
//! input. This module reads files but never touches the terminal.

mod build;
mod builtin;
mod error;
pub mod limits;
pub mod raw;
pub mod steps;

pub use error::{More, ScenarioError, closest};

/// The file of a game's source that holds the events a facilitator wrote on the spot.
pub const SPOT_INJECTS: &str = "injects-on-the-spot.toml";

/// The file of a scenario folder that holds a guided tutorial's steps (read by the terminal
/// game's tutorial, not by [`ScenarioSource::build`]).
pub const TUTORIAL_STEPS: &str = "steps.toml";

use crate::engine::Scenario;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// The text of every file of one scenario, keyed by file name. Self-contained, so a save can
/// embed it and rebuild the exact scenario it was played with.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScenarioSource {
    /// Short name (the folder name).
    pub name: String,
    /// Where the files came from, used to name them in errors.
    pub root: PathBuf,
    /// File name → contents.
    pub files: BTreeMap<String, String>,
}

/// An event a facilitator writes during a game: a title, a text and meter changes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpotEvent {
    /// Its title.
    pub name: String,
    /// What happens, in words.
    pub text: String,
    /// Meter changes, by the meters' file names (`trust`, `pakistan_pressure`, …).
    pub effects: Vec<(String, i8)>,
}

impl ScenarioSource {
    /// The rules version `scenario.toml` asks for (`[rules] version`), read without building
    /// the scenario: 1 when it names none, or when the file cannot be read.
    pub fn rules_version(&self) -> u8 {
        let version = self
            .files
            .get("scenario.toml")
            .and_then(|text| text.parse::<toml::Table>().ok())
            .and_then(|table| table.get("rules")?.get("version")?.as_integer());
        version.and_then(|v| u8::try_from(v).ok()).unwrap_or(1)
    }

    /// Adds an event written on the spot to this source (in [`SPOT_INJECTS`], on the inject
    /// list) and returns its id. Build the source again to use it; a save of the game keeps it.
    pub fn add_spot_event(&mut self, event: &SpotEvent) -> String {
        let file = self.files.entry(SPOT_INJECTS.to_string()).or_default();
        let id = format!("spot-{}", file.matches("[[event]]").count() + 1);
        let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
        let effects: Vec<String> = event
            .effects
            .iter()
            .map(|(meter, delta)| format!("{meter} = {delta}"))
            .collect();
        // Like every event's text, it says what the event does: the facilitator's words, then
        // the meter changes.
        let changes: Vec<String> = event
            .effects
            .iter()
            .map(|(key, delta)| {
                let name = crate::engine::Meter::ALL
                    .into_iter()
                    .find(|m| m.key() == key)
                    .map_or_else(|| key.clone(), |m| m.to_string());
                format!("{name} {delta:+}")
            })
            .collect();
        let words = event.text.trim().trim_end_matches('.');
        let text = if changes.is_empty() {
            event.text.clone()
        } else if words.is_empty() {
            format!("{}.", changes.join(", "))
        } else {
            format!("{words}. {}.", changes.join(", "))
        };
        file.push_str(&format!(
            "[[event]]\nid = {}\nname = {}\ntext = {}\neffects = {{ {} }}\ninject = true\n\n",
            quote(&id),
            quote(&event.name),
            quote(&text),
            effects.join(", ")
        ));
        id
    }

    /// Reads every `.toml` file of a scenario folder.
    pub fn from_dir(dir: &Path) -> Result<ScenarioSource, ScenarioError> {
        let entries = std::fs::read_dir(dir).map_err(|e| {
            ScenarioError::whole_file(
                dir,
                format!("cannot read the scenario folder: {e}"),
                "give the path of a folder that holds scenario.toml".into(),
            )
        })?;
        let mut files = BTreeMap::new();
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|x| x == "toml") && path.is_file() {
                if files.len() == limits::MAX_FILES {
                    return Err(ScenarioError::whole_file(
                        dir,
                        format!(
                            "more than {} .toml files: a scenario folder may hold at most {}",
                            limits::MAX_FILES,
                            limits::MAX_FILES
                        ),
                        "keep only the scenario's own files in its folder".into(),
                    ));
                }
                let text = read_text(&path)?;
                let name = entry.file_name().to_string_lossy().into_owned();
                files.insert(name, text);
            }
        }
        let name = dir
            .canonicalize()
            .ok()
            .and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
            .unwrap_or_else(|| dir.display().to_string());
        Ok(ScenarioSource {
            name,
            root: dir.to_path_buf(),
            files,
        })
    }

    /// The copy of a shipped scenario compiled into the binary, by name.
    pub fn builtin(name: &str) -> Option<ScenarioSource> {
        let files = builtin::files(name)?;
        Some(ScenarioSource {
            name: name.to_string(),
            root: PathBuf::from("decks").join(name),
            files: files
                .iter()
                .map(|(file, text)| (file.to_string(), text.to_string()))
                .collect(),
        })
    }

    /// A shipped scenario by name, or else a folder by path.
    pub fn find(name_or_path: &str) -> Result<ScenarioSource, ScenarioError> {
        let path = Path::new(name_or_path);
        if path.is_dir() {
            return ScenarioSource::from_dir(path);
        }
        ScenarioSource::builtin(name_or_path).ok_or_else(|| {
            // A file inside a scenario folder (often scenario.toml) stands for its folder.
            let hint = if path.is_file() {
                format!(
                    "give the folder that holds the scenario, not one of its files: {}",
                    path.parent()
                        .filter(|p| !p.as_os_str().is_empty())
                        .map_or(".".into(), |p| p.display().to_string())
                )
            } else {
                format!(
                    "built-in scenarios: {}; or give the path of a scenario folder",
                    builtin::NAMES.join(", ")
                )
            };
            ScenarioError::whole_file(
                path,
                "no such scenario folder or built-in scenario".into(),
                hint,
            )
        })
    }

    /// Validates the files and builds the scenario.
    pub fn build(&self) -> Result<Scenario, ScenarioError> {
        build::build(self)
    }

    /// The `.toml` files of the folder that `[decks]` does not name, so nothing in them is
    /// in the game (an author may have meant them to be).
    pub fn unused_files(&self) -> Vec<String> {
        let Some(main) = self.files.get("scenario.toml") else {
            return Vec::new();
        };
        // When scenario.toml cannot be read, neither can which files it names.
        let Ok(main) = toml::from_str::<toml::Table>(main) else {
            return Vec::new();
        };
        let named: Vec<String> = main
            .get("decks")
            .and_then(|d| d.as_table())
            .cloned()
            .map(|decks| {
                decks
                    .values()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        self.files
            .keys()
            .filter(|f| {
                *f != "scenario.toml"
                    && *f != SPOT_INJECTS
                    && *f != TUTORIAL_STEPS
                    && !named.contains(f)
            })
            .cloned()
            .collect()
    }
}

/// Reads a scenario file: at most [`limits::MAX_FILE_BYTES`], and UTF-8 text (an invalid
/// byte is named by its line and column).
fn read_text(path: &Path) -> Result<String, ScenarioError> {
    use std::io::Read;
    let unreadable = |e: std::io::Error| {
        ScenarioError::whole_file(
            path,
            format!("cannot read: {e}"),
            "scenario files must be readable UTF-8 text".into(),
        )
    };
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let mut bytes = Vec::new();
    file.take(limits::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > limits::MAX_FILE_BYTES {
        return Err(ScenarioError::whole_file(
            path,
            format!(
                "larger than {} KiB, the most a scenario file may be",
                limits::MAX_FILE_BYTES / 1024
            ),
            "split it, or shorten it; docs/scenarios.md lists the limits".into(),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let text = String::from_utf8_lossy(e.as_bytes());
        ScenarioError::at(
            path,
            &text,
            at..at + 1,
            "cannot read: not valid UTF-8 text (a byte here is not part of any character)".into(),
            "save the file as UTF-8 (most editors offer it under \"encoding\"); the byte is \
             shown as \u{fffd} below"
                .into(),
        )
    })
}

/// The names of the scenarios compiled into the binary.
pub fn builtin_names() -> &'static [&'static str] {
    builtin::NAMES
}

/// What the built-in scenario `name` calls its seats, by seat index: the usual names when it
/// names none (or is not built in). Worked out once, for menus that list seats before a game.
pub fn builtin_seat_names(name: &str) -> [String; 3] {
    static NAMES: std::sync::OnceLock<Vec<(&'static str, [String; 3])>> =
        std::sync::OnceLock::new();
    NAMES
        .get_or_init(|| {
            builtin::NAMES
                .iter()
                .filter_map(|&name| Some((name, load(name).ok()?.names.seats)))
                .collect()
        })
        .iter()
        .find(|(builtin, _)| *builtin == name)
        .map_or_else(
            || crate::engine::SeatNames::default().seats,
            |(_, seats)| seats.clone(),
        )
}

/// Loads a shipped scenario by name, or a scenario folder by path, and validates it.
pub fn load(name_or_path: &str) -> Result<Scenario, ScenarioError> {
    ScenarioSource::find(name_or_path)?.build()
}
