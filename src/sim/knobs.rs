//! Scenario settings a simulation can vary one at a time: `rules.X`, `meters.X` (the
//! `[start]` table, also written `start.X`), `enforcement.X`, `thresholds.X` and
//! `actors.ID.strength` / `actors.ID.drift` for the scenario's `[[actors]]`.
//!
//! A knob is changed in the scenario's own `scenario.toml` and the scenario is built again,
//! so a swept value passes exactly the checks an author's file does. The valid names are read
//! from the file format's own structs ([`crate::scenario::raw`]), so a setting added there can
//! be swept without touching this module.

use crate::engine::{Basket, Meter, Scenario, Seat};
use crate::scenario::ScenarioSource;
use crate::scenario::raw::{EnforcementFile, Level, Ranged, RulesFile, StartFile, ThresholdsFile};
use serde::de::{self, Deserialize, Deserializer, Visitor};
use std::fmt;
use thiserror::Error;

/// Why a knob or one of its values cannot be used.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum KnobError {
    /// The key names no setting.
    #[error("unknown key `{key}`: valid keys are {}", valid.join(", "))]
    UnknownKey {
        /// What was given.
        key: String,
        /// Every key that can be swept.
        valid: Vec<String>,
    },
    /// The value is not allowed for this key (out of range, or of the wrong kind).
    #[error("{key} = {value}: {reason}")]
    BadValue {
        /// The key.
        key: String,
        /// The value as given.
        value: String,
        /// The file format's own message (its range, for a number).
        reason: String,
    },
    /// The scenario does not build with the value (a check across settings refused it).
    #[error("{key} = {value}: the scenario does not build with it: {reason}")]
    Build {
        /// The key.
        key: String,
        /// The value.
        value: String,
        /// The builder's message.
        reason: String,
    },
}

/// A section of `scenario.toml` whose settings can be swept.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Section {
    Rules,
    Meters,
    Enforcement,
    Thresholds,
    /// An actor's settings; the knob names the actor by its id.
    Actors,
}

impl Section {
    /// The sections whose knobs every scenario has (an actor's knobs name the actor).
    const ALL: [Section; 4] = [
        Section::Rules,
        Section::Meters,
        Section::Enforcement,
        Section::Thresholds,
    ];

    /// The prefix a key is written with (`actors` is followed by the actor's id).
    fn prefix(self) -> &'static str {
        match self {
            Section::Rules => "rules",
            Section::Meters => "meters",
            Section::Enforcement => "enforcement",
            Section::Thresholds => "thresholds",
            Section::Actors => "actors",
        }
    }

    /// The table of `scenario.toml` it lives in.
    fn table(self) -> &'static str {
        match self {
            Section::Meters => "start",
            other => other.prefix(),
        }
    }

    fn from_prefix(prefix: &str) -> Option<Section> {
        match prefix {
            "start" => return Some(Section::Meters),
            "actors" => return Some(Section::Actors),
            _ => {}
        }
        Section::ALL.into_iter().find(|s| s.prefix() == prefix)
    }

    /// The number settings the file format allows in this table (not the seat rules of
    /// `[rules]`, which are lists and tables: [`SEAT_RULES`]).
    fn fields(self) -> impl Iterator<Item = &'static str> {
        let all = match self {
            Section::Rules => struct_fields::<RulesFile>(),
            Section::Meters => struct_fields::<StartFile>(),
            Section::Enforcement => struct_fields::<EnforcementFile>(),
            Section::Thresholds => struct_fields::<ThresholdsFile>(),
            Section::Actors => struct_fields::<ActorSettings>(),
        };
        all.iter().copied().filter(|f| !SEAT_RULES.contains(f))
    }

    /// Reads `field = value` as the file format would, returning its message on refusal.
    fn check(self, line: &str) -> Result<(), String> {
        let message = |e: toml::de::Error| e.message().to_string();
        match self {
            Section::Rules => toml::from_str::<RulesFile>(line).map(drop).map_err(message),
            Section::Meters => toml::from_str::<StartFile>(line).map(drop).map_err(message),
            Section::Enforcement => toml::from_str::<EnforcementFile>(line)
                .map(drop)
                .map_err(message),
            Section::Thresholds => toml::from_str::<ThresholdsFile>(line)
                .map(drop)
                .map_err(message),
            Section::Actors => toml::from_str::<ActorSettings>(line)
                .map(drop)
                .map_err(message),
        }
    }
}

/// The settings of one `[[actors]]` entry that can be swept, with the file format's ranges.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)] // read only for its field names and its range checks
struct ActorSettings {
    strength: Option<Level>,
    drift: Option<Ranged<-20, 20>>,
}

/// The `[rules]` keys that name seats (a list and tables), which no sweep can set to a number.
const SEAT_RULES: [&str; 4] = ["escalation_pull", "pull", "walkout", "ratification"];

/// One scenario setting, by its key (`rules.durable_trust`, `meters.trust`,
/// `actors.armed_groups.strength`, …).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Knob {
    section: Section,
    field: &'static str,
    /// The actor's id, for a knob of [`Section::Actors`].
    actor: Option<String>,
}

impl Knob {
    /// The knob named `key`; an unknown key is refused with the list of valid ones.
    pub fn parse(key: &str) -> Result<Knob, KnobError> {
        let unknown = || KnobError::UnknownKey {
            key: key.to_string(),
            valid: Knob::all()
                .iter()
                .map(Knob::key)
                .chain(
                    Section::Actors
                        .fields()
                        .map(|field| format!("actors.ID.{field}")),
                )
                .collect(),
        };
        let (prefix, name) = key.split_once('.').ok_or_else(unknown)?;
        let section = Section::from_prefix(prefix).ok_or_else(unknown)?;
        if section == Section::Actors {
            let (id, name) = name.rsplit_once('.').ok_or_else(unknown)?;
            let field = section.fields().find(|f| *f == name).ok_or_else(unknown)?;
            if id.is_empty() {
                return Err(unknown());
            }
            return Ok(Knob {
                section,
                field,
                actor: Some(id.to_string()),
            });
        }
        let field = section.fields().find(|f| *f == name).ok_or_else(unknown)?;
        Ok(Knob {
            section,
            field,
            actor: None,
        })
    }

    /// Every knob that any scenario has, section by section in the file format's order (the
    /// actors' knobs depend on the scenario: [`Knob::of_scenario`]).
    pub fn all() -> Vec<Knob> {
        Section::ALL
            .into_iter()
            .flat_map(|section| {
                section.fields().map(move |field| Knob {
                    section,
                    field,
                    actor: None,
                })
            })
            .collect()
    }

    /// Every knob of `scenario`: [`Knob::all`] and each of its actors' settings.
    pub fn of_scenario(scenario: &Scenario) -> Vec<Knob> {
        let mut knobs = Knob::all();
        for actor in &scenario.actors {
            knobs.extend(Section::Actors.fields().map(|field| Knob {
                section: Section::Actors,
                field,
                actor: Some(actor.id.clone()),
            }));
        }
        knobs
    }

    /// Its key, as written on the command line.
    pub fn key(&self) -> String {
        match &self.actor {
            Some(id) => format!("actors.{id}.{}", self.field),
            None => format!("{}.{}", self.section.prefix(), self.field),
        }
    }

    /// A value as given on the command line (a whole number, `true`/`false`, else text),
    /// checked against the file format's range for this setting.
    pub fn value(&self, text: &str) -> Result<toml::Value, KnobError> {
        let text = text.trim();
        let value = if let Ok(n) = text.parse::<i64>() {
            toml::Value::Integer(n)
        } else if let Ok(b) = text.parse::<bool>() {
            toml::Value::Boolean(b)
        } else {
            toml::Value::String(text.to_string())
        };
        self.section
            .check(&format!("{} = {value}", self.field))
            .map_err(|reason| KnobError::BadValue {
                key: self.key(),
                value: text.to_string(),
                reason: reason.trim().to_string(),
            })?;
        Ok(value)
    }

    /// The scenario built with this setting at `value` in its `scenario.toml`.
    pub fn apply(
        &self,
        source: &ScenarioSource,
        value: &toml::Value,
    ) -> Result<Scenario, KnobError> {
        let refused = |reason: String| self.refused(value, reason);
        let text = source
            .files
            .get("scenario.toml")
            .ok_or_else(|| refused("the scenario has no scenario.toml".into()))?;
        let mut table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            refused(format!("scenario.toml does not read: {}", e.message()))
        })?;
        if let Some(id) = &self.actor {
            self.set_actor(&mut table, id, value)?;
            return self.build_with(source, &table, value);
        }
        let section = table
            .entry(self.section.table())
            .or_insert_with(|| toml::Value::Table(toml::Table::new()));
        let toml::Value::Table(section) = section else {
            return Err(refused(format!(
                "[{}] is not a table",
                self.section.table()
            )));
        };
        section.insert(self.field.to_string(), value.clone());
        self.build_with(source, &table, value)
    }

    /// Sets this knob's field of the `[[actors]]` entry `id` in `table`; an id the scenario
    /// does not have is refused with the ids it has.
    fn set_actor(
        &self,
        table: &mut toml::Table,
        id: &str,
        value: &toml::Value,
    ) -> Result<(), KnobError> {
        let actors = match table.get_mut("actors") {
            Some(toml::Value::Array(actors)) => actors.as_mut_slice(),
            _ => &mut [],
        };
        let ids: Vec<String> = actors
            .iter()
            .filter_map(|a| a.get("id")?.as_str())
            .flat_map(|id| {
                Section::Actors
                    .fields()
                    .map(move |field| format!("actors.{id}.{field}"))
            })
            .collect();
        let actor = actors
            .iter_mut()
            .find(|a| a.get("id").and_then(toml::Value::as_str) == Some(id))
            .and_then(toml::Value::as_table_mut)
            .ok_or_else(|| KnobError::UnknownKey {
                key: self.key(),
                valid: if ids.is_empty() {
                    vec!["(none: the scenario has no [[actors]])".into()]
                } else {
                    ids
                },
            })?;
        actor.insert(self.field.to_string(), value.clone());
        Ok(())
    }

    /// The error for `value`, which the scenario does not build with, and why.
    fn refused(&self, value: &toml::Value, reason: String) -> KnobError {
        KnobError::Build {
            key: self.key(),
            value: value.to_string(),
            reason,
        }
    }

    /// The scenario of `source` built with `table` as its `scenario.toml`.
    fn build_with(
        &self,
        source: &ScenarioSource,
        table: &toml::Table,
        value: &toml::Value,
    ) -> Result<Scenario, KnobError> {
        let refused = |reason: String| self.refused(value, reason);
        let mut changed = source.clone();
        let text = toml::to_string(table).map_err(|e| refused(e.to_string()))?;
        changed.files.insert("scenario.toml".into(), text);
        changed.build().map_err(|e| refused(e.to_string()))
    }

    /// The value the built scenario uses for this setting (its file's or the default), when
    /// it is a number.
    pub fn current(&self, scenario: &Scenario) -> Option<i64> {
        let field = self.field;
        match self.section {
            Section::Rules => serde_json::to_value(&scenario.rules).ok()?[field].as_i64(),
            Section::Meters if field == "capital" => Some(i64::from(scenario.rules.capital_start)),
            Section::Meters => Meter::ALL
                .into_iter()
                .find(|m| m.key() == field)
                .map(|m| i64::from(scenario.start.get(m))),
            Section::Enforcement => {
                Seat::from_key(field).map(|seat| i64::from(scenario.enforcement[seat.index()]))
            }
            Section::Thresholds => Basket::ALL
                .into_iter()
                .find(|b| b.key() == field)
                .map(|b| i64::from(scenario.thresholds[b.index()])),
            Section::Actors => {
                let id = self.actor.as_deref()?;
                let actor = scenario.actors.iter().find(|a| a.id == id)?;
                match field {
                    "strength" => Some(i64::from(actor.strength)),
                    "drift" => Some(i64::from(actor.drift)),
                    _ => None,
                }
            }
        }
    }
}

impl fmt::Display for Knob {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.key())
    }
}

/// The field names a derived `Deserialize` struct accepts, as serde hands them to the
/// deserializer (the same list its "expected one of" errors give).
fn struct_fields<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(FieldNames(&mut fields));
    fields
}

/// A deserializer that records the fields of the struct asked of it, then refuses.
struct FieldNames<'a>(&'a mut &'static [&'static str]);

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _visitor: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("only a struct's field names are read"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        *self.0 = fields;
        Err(de::Error::custom("only a struct's field names are read"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
        ignored_any
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn istanbul() -> ScenarioSource {
        ScenarioSource::builtin("istanbul").unwrap()
    }

    #[test]
    fn every_section_lists_the_file_formats_names() {
        let keys: Vec<String> = Knob::all().iter().map(Knob::key).collect();
        for key in [
            "rules.durable_trust",
            "meters.trust",
            "meters.capital",
            "enforcement.afghanistan",
            "thresholds.verification",
        ] {
            assert!(keys.contains(&key.to_string()), "{key} in {keys:?}");
        }
        assert_eq!(Knob::parse("start.trust"), Knob::parse("meters.trust"));
    }

    #[test]
    fn an_unknown_key_lists_the_valid_ones() {
        let error = Knob::parse("rules.durable_peace").unwrap_err();
        let text = error.to_string();
        assert!(
            text.starts_with("unknown key `rules.durable_peace`"),
            "{text}"
        );
        assert!(text.contains("rules.durable_trust"), "{text}");
        assert!(text.contains("thresholds.humanitarian"), "{text}");
        assert!(Knob::parse("trust").is_err());
    }

    #[test]
    fn a_value_out_of_range_is_refused_with_the_range() {
        let knob = Knob::parse("rules.hand_size").unwrap();
        assert_eq!(knob.value("7").unwrap(), toml::Value::Integer(7));
        let text = knob.value("11").unwrap_err().to_string();
        assert!(text.contains("from 1 to 10"), "{text}");
        assert!(knob.value("many").is_err());
    }

    #[test]
    fn every_knob_reads_its_value_on_every_builtin_scenario() {
        for name in crate::scenario::builtin_names() {
            let source = ScenarioSource::builtin(name).unwrap();
            let base = source.build().unwrap();
            for knob in Knob::of_scenario(&base) {
                let now = knob.current(&base);
                let now = now.unwrap_or_else(|| panic!("{name}: {knob} has no value"));
                // Writing the value it reads back changes nothing: `current` reads the
                // setting the key writes.
                let same = knob.apply(&source, &toml::Value::Integer(now)).unwrap();
                assert_eq!(same, base, "{name}: {knob} = {now}");
            }
        }
    }

    #[test]
    fn applying_a_value_changes_only_that_setting() {
        let source = istanbul();
        let base = source.build().unwrap();
        let knob = Knob::parse("enforcement.afghanistan").unwrap();
        let changed = knob.apply(&source, &toml::Value::Integer(77)).unwrap();
        assert_eq!(knob.current(&changed), Some(77));
        assert_eq!(
            changed.enforcement[Seat::Pakistan.index()],
            base.enforcement[0]
        );
        assert_eq!(changed.rules, base.rules);
        assert_eq!(changed.cards.len(), base.cards.len());
        let trust = Knob::parse("rules.durable_trust").unwrap();
        assert_eq!(
            trust.current(&base),
            Some(i64::from(base.rules.durable_trust))
        );
        let meter = Knob::parse("meters.trust").unwrap();
        let warmer = meter.apply(&source, &toml::Value::Integer(50)).unwrap();
        assert_eq!(warmer.start.get(Meter::Trust), 50);
    }

    #[test]
    fn an_actors_strength_and_drift_can_be_swept() {
        let source = istanbul();
        let base = source.build().unwrap();
        let knob = Knob::parse("actors.armed_groups.strength").unwrap();
        assert_eq!(knob.key(), "actors.armed_groups.strength");
        let now = knob.current(&base).expect("istanbul has the armed groups");
        let changed = knob.apply(&source, &knob.value("70").unwrap()).unwrap();
        assert_eq!(knob.current(&changed), Some(70));
        assert_ne!(now, 70);
        assert_eq!(changed.actors[0].drift, base.actors[0].drift);
        assert_eq!(changed.actors[0].acts, base.actors[0].acts);
        let drift = Knob::parse("actors.armed_groups.drift").unwrap();
        let text = drift.value("30").unwrap_err().to_string();
        assert!(text.contains("from -20 to 20"), "{text}");
        let calmer = drift.apply(&source, &drift.value("-1").unwrap()).unwrap();
        assert_eq!(calmer.actors[0].drift, -1);
        assert!(
            Knob::of_scenario(&base).contains(&knob),
            "the scenario's knobs list its actor's"
        );
    }

    #[test]
    fn an_actor_the_scenario_lacks_is_refused_with_the_ones_it_has() {
        let knob = Knob::parse("actors.local_commander.strength").unwrap();
        let text = knob
            .apply(&istanbul(), &toml::Value::Integer(50))
            .unwrap_err()
            .to_string();
        assert!(text.contains("actors.armed_groups.strength"), "{text}");
        let tutorial = ScenarioSource::builtin("tutorial").unwrap();
        let text = knob
            .apply(&tutorial, &toml::Value::Integer(50))
            .unwrap_err()
            .to_string();
        assert!(text.contains("no [[actors]]"), "{text}");
        let text = Knob::parse("actors.strength").unwrap_err().to_string();
        assert!(text.contains("actors.ID.strength"), "{text}");
        assert!(Knob::parse("actors.armed_groups.name").is_err());
    }
}
