//! `scenario.toml` read part by part: a mistake in one of its parts is reported and that
//! part left at its default, so it hides neither the file's other parts nor the files
//! `[decks]` names. When the file is not even valid TOML, `[decks]` is read on its own, and
//! any deck it does not name is looked for under its usual file name.

use super::*;

/// Where one of the files `[decks]` names is to be found.
pub(super) enum DeckName {
    /// Named in `[decks]`, at this place of `scenario.toml`: it must exist.
    Named(Spanned<String>),
    /// `[decks]` could not say: its usual name (`pakistan.toml`, …), read only if it exists.
    Usual(String),
}

/// The six files of `[decks]`, in the order of [`raw::DeckFiles`].
pub(super) struct DeckNames {
    pub(super) pakistan: DeckName,
    pub(super) afghanistan: DeckName,
    pub(super) mediator: DeckName,
    pub(super) shared: DeckName,
    pub(super) events: DeckName,
    pub(super) objectives: DeckName,
}

/// The keys of `[decks]`, each also the usual file name without `.toml`.
const DECK_KEYS: [&str; 6] = [
    "pakistan",
    "afghanistan",
    "mediator",
    "shared",
    "events",
    "objectives",
];

/// Reads `scenario.toml`, recording each mistake in `problems`. The parts that could not be
/// read are left at their defaults (so the result is only used when nothing was recorded).
pub(super) fn read_main(main: &FileCtx, problems: &mut Problems) -> (ScenarioFile, DeckNames) {
    let document = match main.document() {
        Ok(document) => document,
        Err(error) => {
            problems.push(error);
            return (empty_file(), decks_of_unreadable(main));
        }
    };
    check_texts(main, &document, problems);
    let mut parts: BTreeMap<String, Spanned<DeValue>> = BTreeMap::new();
    let known = super::placement::keys_of::<ScenarioFile>();
    for (key, value) in document {
        if known.contains(&key.get_ref().as_ref()) {
            parts.insert(key.get_ref().to_string(), value);
        } else {
            let expected: Vec<String> = known.iter().map(|k| format!("`{k}`")).collect();
            let message = format!(
                "unknown field `{}`, expected one of {}",
                key.get_ref(),
                expected.join(", ")
            );
            let hint = hint_for_toml_message(&message);
            problems.push(ScenarioError::at(
                &main.path,
                main.text,
                key.span(),
                message,
                hint,
            ));
        }
    }
    for key in ["title", "briefing", "rounds", "decks"] {
        if !parts.contains_key(key) {
            problems.push(missing(main, key));
        }
    }
    let mut part = |key: &str| parts.remove(key);
    let decks = part("decks")
        .and_then(|decks| deck_names_in(main, decks, problems))
        .unwrap_or_else(|| deck_names(None));
    let (title, briefing, rounds) = (part("title"), part("briefing"), part("rounds"));
    let empty = empty_file();
    let file = ScenarioFile {
        title: read_part(main, title, problems).unwrap_or(empty.title),
        briefing: read_part(main, briefing, problems).unwrap_or(empty.briefing),
        rounds: read_part(main, rounds, problems).unwrap_or(empty.rounds),
        seat_order: read_part(main, part("seat_order"), problems),
        decks: empty.decks,
        start: read_part(main, part("start"), problems).unwrap_or_default(),
        thresholds: read_part(main, part("thresholds"), problems).unwrap_or_default(),
        enforcement: read_part(main, part("enforcement"), problems).unwrap_or_default(),
        rules: read_part(main, part("rules"), problems).unwrap_or_default(),
        scoring: read_part(main, part("scoring"), problems).unwrap_or_default(),
        questions: read_part(main, part("questions"), problems).unwrap_or_default(),
        reflection: read_part(main, part("reflection"), problems).unwrap_or_default(),
        reflection_by_seat: read_part(main, part("reflection_by_seat"), problems)
            .unwrap_or_default(),
        names: match part("names") {
            None => Some(raw::NamesFile::default()),
            names => read_part(main, names, problems),
        },
        briefs: read_part(main, part("briefs"), problems).unwrap_or_default(),
        opening_events: read_part(main, part("opening_events"), problems).unwrap_or_default(),
        hints: read_part(main, part("hints"), problems).unwrap_or_default(),
        comparison: read_part(main, part("comparison"), problems),
        actors: read_part(main, part("actors"), problems).unwrap_or_default(),
    };
    (file, decks)
}

/// One part of the file read as `T`; `None` when absent, or broken (and recorded).
fn read_part<T: DeserializeOwned>(
    main: &FileCtx,
    value: Option<Spanned<DeValue>>,
    problems: &mut Problems,
) -> Option<T> {
    let value = value?;
    let span = value.span();
    T::deserialize(ValueDeserializer::from(value))
        .map_err(|e| problems.push(main.toml_error_in(&e, Some(span))))
        .ok()
}

/// A required key that is not there.
fn missing(main: &FileCtx, key: &str) -> ScenarioError {
    let message = format!("missing field `{key}`");
    let hint = if key == "decks" {
        "add a [decks] table naming the six other files (pakistan, afghanistan, mediator, \
         shared, events, objectives); docs/scenarios.md shows one"
            .to_string()
    } else {
        hint_for_toml_message(&message)
    };
    ScenarioError::at(&main.path, main.text, 0..0, message, hint)
}

/// A `scenario.toml` with nothing read: the defaults of every part.
fn empty_file() -> ScenarioFile {
    let usual = |key: &str| Spanned::new(0..0, format!("{key}.toml"));
    ScenarioFile {
        title: String::new(),
        briefing: String::new(),
        rounds: Ranged(1),
        seat_order: None,
        decks: raw::DeckFiles {
            pakistan: usual("pakistan"),
            afghanistan: usual("afghanistan"),
            mediator: usual("mediator"),
            shared: usual("shared"),
            events: usual("events"),
            objectives: usual("objectives"),
        },
        start: Default::default(),
        thresholds: Default::default(),
        enforcement: Default::default(),
        rules: Default::default(),
        scoring: Default::default(),
        questions: Vec::new(),
        reflection: Vec::new(),
        reflection_by_seat: Default::default(),
        // Unread, the members are unknown: a voice naming one is not reported.
        names: None,
        briefs: Default::default(),
        opening_events: Vec::new(),
        hints: Vec::new(),
        comparison: None,
        actors: Vec::new(),
    }
}

/// The deck names of a `[decks]` table: each key that reads is named, every other one takes
/// its usual name. The table's own mistakes go to `problems`; `None` when it is no table.
fn deck_names_in(
    main: &FileCtx,
    decks: Spanned<DeValue>,
    problems: &mut Problems,
) -> Option<DeckNames> {
    let DeValue::Table(table) = decks.get_ref() else {
        problems.check(
            raw::DeckFiles::deserialize(ValueDeserializer::from(decks))
                .map_err(|e| main.toml_error(&e)),
        );
        return None;
    };
    let mut named: BTreeMap<&str, Spanned<String>> = BTreeMap::new();
    for (key, value) in table {
        let name = DECK_KEYS.iter().find(|k| **k == key.get_ref().as_ref());
        if let (Some(name), DeValue::String(file)) = (name, value.get_ref()) {
            named.insert(name, Spanned::new(value.span(), file.to_string()));
        }
    }
    if let Err(e) = raw::DeckFiles::deserialize(ValueDeserializer::from(decks)) {
        problems.push(main.toml_error(&e));
    }
    Some(deck_names(Some(&mut named)))
}

/// The deck names: those in `named`, the usual name for the others.
fn deck_names(mut named: Option<&mut BTreeMap<&str, Spanned<String>>>) -> DeckNames {
    let mut name = |key: &str| match named.as_mut().and_then(|n| n.remove(key)) {
        Some(file) => DeckName::Named(file),
        None => DeckName::Usual(format!("{key}.toml")),
    };
    DeckNames {
        pakistan: name("pakistan"),
        afghanistan: name("afghanistan"),
        mediator: name("mediator"),
        shared: name("shared"),
        events: name("events"),
        objectives: name("objectives"),
    }
}

/// The deck names of a file that is not valid TOML: its `[decks]` table read on its own, with
/// every other line blanked (so places stay where they were); the usual names for what that
/// cannot say. The table's own mistakes are not reported: they may only echo the first.
fn decks_of_unreadable(main: &FileCtx) -> DeckNames {
    let mut masked = String::with_capacity(main.text.len());
    let mut inside = false;
    for line in main.text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        if trimmed.starts_with('[') {
            inside = trimmed.starts_with("[decks]");
        }
        if inside {
            masked.push_str(line);
        } else {
            masked.extend(line.chars().flat_map(|c| {
                let blank = if c == '\n' || c == '\r' { c } else { ' ' };
                std::iter::repeat_n(blank, c.len_utf8())
            }));
        }
    }
    DeTable::parse(&masked)
        .ok()
        .and_then(|table| table.into_inner().remove("decks"))
        .and_then(|decks| deck_names_in(main, decks, &mut Problems::default()))
        .unwrap_or_else(|| deck_names(None))
}
