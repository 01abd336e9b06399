//! Keys written under the wrong `[table]` header: TOML puts every key after a header into
//! that header's table, so a key meant for the table above (often the top level) is refused
//! there as unknown. The fix is to move it above the header, and the hint says so.

use super::raw::{
    BriefFile, BriefsFile, CardFile, ChoiceFile, ComparisonFile, ComparisonItemFile, ConditionFile,
    DeckFiles, EffectsFile, EnforcementFile, EventEffectsFile, EventFile, HintFile, NamesFile,
    ObjectiveFile, OptionFile, ReflectionBySeatFile, RequiresFile, RulesFile, ScenarioFile,
    ScoringFile, ShownByFile, StartFile, ThresholdsFile,
};
use serde::Deserialize;
use serde::de::{self, Visitor};

/// The keys a struct read from TOML accepts (its serde field names).
pub(super) fn keys_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut keys: &'static [&'static str] = &[];
    // The probe only records the names it is asked for, then refuses: nothing is read.
    let _ = T::deserialize(KeysProbe(&mut keys));
    keys
}

/// A deserializer that records the field names of the struct asked of it.
struct KeysProbe<'a>(&'a mut &'static [&'static str]);

impl<'de> de::Deserializer<'de> for KeysProbe<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("only a struct's keys are probed"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("keys probed"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

/// The keys of the table a header names (`[rules]`, `[[card]]`, `[card.effects]`, …), in
/// `scenario.toml` or a deck file; `None` for a header no scenario file has.
fn keys_of_table(path: &[&str]) -> Option<&'static [&'static str]> {
    Some(match path {
        [] => keys_of::<ScenarioFile>(),
        ["briefs"] => keys_of::<BriefsFile>(),
        ["briefs", _] => keys_of::<BriefFile>(),
        ["decks"] => keys_of::<DeckFiles>(),
        ["start"] => keys_of::<StartFile>(),
        ["thresholds"] => keys_of::<ThresholdsFile>(),
        ["enforcement"] => keys_of::<EnforcementFile>(),
        ["rules"] => keys_of::<RulesFile>(),
        ["scoring"] => keys_of::<ScoringFile>(),
        ["names"] => keys_of::<NamesFile>(),
        ["reflection_by_seat"] => keys_of::<ReflectionBySeatFile>(),
        ["hints"] => keys_of::<HintFile>(),
        ["comparison"] => keys_of::<ComparisonFile>(),
        ["comparison", "factors" | "remedies"] => keys_of::<ComparisonItemFile>(),
        ["comparison", "factors" | "remedies", "shown_by"] => keys_of::<ShownByFile>(),
        ["card"] => keys_of::<CardFile>(),
        ["card", "requires"] => keys_of::<RequiresFile>(),
        ["card", "effects"] | ["event", "choice", "options", "effects"] => keys_of::<EffectsFile>(),
        ["event"] => keys_of::<EventFile>(),
        ["event", "effects"] => keys_of::<EventEffectsFile>(),
        ["event", "choice"] => keys_of::<ChoiceFile>(),
        ["event", "choice", "options"] => keys_of::<OptionFile>(),
        ["objective"] => keys_of::<ObjectiveFile>(),
        ["objective", "condition"] => keys_of::<ConditionFile>(),
        _ => return None,
    })
}

/// The deck files' top level holds only their items: no key belongs there.
const ITEM_TABLES: [&str; 3] = ["card", "event", "objective"];

/// For an unknown `key` at byte `offset` of `text`, refused among `expected` keys: when the
/// key is written after a header whose table those keys are, and belongs to a table that
/// encloses it (or to the top level), the hint to move it above that header.
pub(super) fn misplaced_key_hint(
    text: &str,
    offset: usize,
    key: &str,
    expected: &[String],
) -> Option<String> {
    let line_start = text[..offset.min(text.len())]
        .rfind('\n')
        .map_or(0, |i| i + 1);
    // Only a key that starts its own line, not one inside an inline table.
    if !text[line_start..].trim_start().starts_with(key) {
        return None;
    }
    let (header, path) = header_above(&text[..line_start])?;
    let keys = keys_of_table(&path)?;
    let same_table =
        keys.len() == expected.len() && keys.iter().all(|k| expected.iter().any(|e| e == k));
    if !same_table {
        return None;
    }
    let top_level_allowed = !path
        .first()
        .is_some_and(|first| ITEM_TABLES.contains(first));
    for depth in (0..path.len()).rev() {
        if depth == 0 && !top_level_allowed {
            break;
        }
        let enclosing = &path[..depth];
        if keys_of_table(enclosing).is_some_and(|keys| keys.contains(&key)) {
            let place = if enclosing.is_empty() {
                "with the keys before the first [table] header".to_string()
            } else {
                format!("among the keys of [{}]", enclosing.join("."))
            };
            // Moved above, it would be written twice.
            if already_set(&text[..line_start], enclosing, key) {
                return Some(format!(
                    "`{key}` is already set above `{header}`, {place}: merge this one into it, \
                     or remove it"
                ));
            }
            return Some(format!(
                "move `{key}` above `{header}`, {place}: every key after a header belongs to \
                 that header's table"
            ));
        }
    }
    None
}

/// The last table header (`[x]` or `[[x]]`) in `text`, as written, and its dotted path.
fn header_above(text: &str) -> Option<(String, Vec<&str>)> {
    text.lines().rev().find_map(header)
}

/// The header `line` is (as written, and its dotted path), if it is one.
fn header(line: &str) -> Option<(String, Vec<&str>)> {
    let line = line.split('#').next()?.trim();
    let inner = line
        .strip_prefix("[[")
        .and_then(|l| l.strip_suffix("]]"))
        .or_else(|| line.strip_prefix('[').and_then(|l| l.strip_suffix(']')))?;
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-. ".contains(c);
    if inner.is_empty() || !inner.chars().all(plain) {
        return None;
    }
    let path: Vec<&str> = inner.split('.').map(str::trim).collect();
    Some((line.to_string(), path))
}

/// Whether `key` is set in the last table of `text` whose path is `table` (the top level for
/// an empty path): between that table's header and the next one.
fn already_set(text: &str, table: &[&str], key: &str) -> bool {
    let mut inside = table.is_empty();
    let mut found = false;
    for line in text.lines() {
        if let Some((_, path)) = header(line) {
            inside = path == table;
            if inside {
                // A later table of the same name (another [[card]]) starts afresh.
                found = false;
            }
            continue;
        }
        if inside
            && let Some(rest) = line.trim_start().strip_prefix(key)
            && rest.trim_start().starts_with('=')
        {
            found = true;
        }
    }
    found
}
