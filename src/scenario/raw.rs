//! The shapes of the TOML files exactly as a facilitator writes them.
//!
//! Every struct refuses unknown fields, every name is a closed enum and every number is a
//! [`Ranged`] value, so most mistakes are caught by the TOML deserializer itself, which knows
//! the line and column. Checks that span several fields or files live in `validate.rs`.

use crate::engine::{Basket, BasketNeed, CardKind, Meter, Seat};
use serde::Deserialize;
use serde::de::{Deserializer, Error as _};
use std::collections::BTreeMap;
use toml::Spanned;

/// An integer that must lie in `MIN..=MAX`; out-of-range values are a deserialization error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ranged<const MIN: i64, const MAX: i64>(pub i64);

impl<'de, const MIN: i64, const MAX: i64> Deserialize<'de> for Ranged<MIN, MAX> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = i64::deserialize(deserializer)?;
        if (MIN..=MAX).contains(&value) {
            Ok(Ranged(value))
        } else {
            Err(D::Error::custom(format!(
                "{value} is out of range: expected a whole number from {MIN} to {MAX}"
            )))
        }
    }
}

/// A meter value or threshold (0–100; escalation is checked separately against 0–5).
pub type Level = Ranged<0, 100>;
/// A change to a meter from one card or event.
pub type Delta = Ranged<-50, 50>;

/// `scenario.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioFile {
    pub title: String,
    pub briefing: String,
    pub rounds: Ranged<1, 30>,
    #[serde(default)]
    pub seat_order: Option<Spanned<Vec<Seat>>>,
    pub decks: DeckFiles,
    #[serde(default)]
    pub start: StartFile,
    #[serde(default)]
    pub thresholds: ThresholdsFile,
    #[serde(default)]
    pub enforcement: EnforcementFile,
    #[serde(default)]
    pub rules: RulesFile,
    #[serde(default)]
    pub scoring: ScoringFile,
    #[serde(default)]
    pub questions: Vec<String>,
    #[serde(default)]
    pub reflection: Vec<String>,
    /// `[reflection_by_seat]`: prompts only one seat's person answers.
    #[serde(default)]
    pub reflection_by_seat: ReflectionBySeatFile,
    /// `[names]`: what the seats are called in every text. `None` only when the table was
    /// there but could not be read (absent, it reads as the default).
    #[serde(default)]
    pub names: Option<NamesFile>,
    #[serde(default)]
    pub briefs: BriefsFile,
    #[serde(default)]
    pub opening_events: Vec<Spanned<String>>,
    #[serde(default)]
    pub hints: Vec<HintFile>,
    #[serde(default)]
    pub comparison: Option<ComparisonFile>,
    /// `[[actors]]`: the parties that hold no seat (0 to 4).
    #[serde(default)]
    pub actors: Vec<ActorFile>,
}

/// `[comparison]`: how the game compares with the real talks the scenario is built on.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparisonFile {
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub factors: Vec<ComparisonItemFile>,
    #[serde(default)]
    pub remedies: Vec<ComparisonItemFile>,
}

/// One `[[comparison.factors]]` or `[[comparison.remedies]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComparisonItemFile {
    pub id: Spanned<String>,
    pub name: String,
    pub history: String,
    #[serde(default)]
    pub shown_by: ShownByFile,
}

/// `shown_by`: the happenings of a game that show a factor or a remedy.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShownByFile {
    #[serde(default)]
    pub cards: Vec<Spanned<String>>,
    #[serde(default)]
    pub events: Vec<Spanned<String>>,
    #[serde(default)]
    pub kinds: Vec<CardKind>,
    #[serde(default)]
    pub baskets: Vec<Basket>,
    #[serde(default)]
    pub log: Vec<crate::engine::LogKind>,
}

/// `[names]`: each seat's display name, and the named members of the mediators' seat.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NamesFile {
    pub pakistan: Option<Spanned<String>>,
    pub afghanistan: Option<Spanned<String>>,
    pub mediator: Option<Spanned<String>>,
    pub pakistan_tag: Option<Spanned<String>>,
    pub afghanistan_tag: Option<Spanned<String>>,
    pub mediator_tag: Option<Spanned<String>>,
    #[serde(default)]
    pub mediator_members: Vec<MemberFile>,
}

/// One entry of `mediator_members`: `{ id = "qatar", name = "Qatar" }`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MemberFile {
    pub id: Spanned<String>,
    pub name: Spanned<String>,
}

/// `[reflection_by_seat]`: each seat's own reflection prompts.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReflectionBySeatFile {
    #[serde(default)]
    pub pakistan: Vec<Spanned<String>>,
    #[serde(default)]
    pub afghanistan: Vec<Spanned<String>>,
    #[serde(default)]
    pub mediator: Vec<Spanned<String>>,
}

/// One `[[actors]]`: a party that holds no seat, with a strength of its own and the rules
/// that act for it at every upkeep.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActorFile {
    pub id: Spanned<String>,
    pub name: String,
    pub about: String,
    pub strength: Level,
    pub drift: Option<Ranged<-20, 20>>,
    #[serde(default)]
    pub acts: Vec<ActFile>,
    #[serde(default)]
    pub pledges: Vec<PledgeFile>,
}

/// One `[[actors.acts]]`: when `requires` holds, with `chance` percent, the actor acts.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActFile {
    #[serde(default)]
    pub requires: RequiresFile,
    pub chance: Option<Ranged<1, 100>>,
    #[serde(default)]
    pub effects: Option<Spanned<EventEffectsFile>>,
    #[serde(default)]
    pub breaks: Option<Spanned<BreaksFile>>,
    #[serde(default)]
    pub actors: Option<Spanned<BTreeMap<String, Delta>>>,
    #[serde(default)]
    pub sets: Vec<Spanned<String>>,
    #[serde(default)]
    pub clears: Vec<Spanned<String>>,
    pub text: String,
}

/// An act's `breaks`: the newest standing commitment of `seat` (in `basket`, if named).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreaksFile {
    pub seat: Spanned<Seat>,
    #[serde(default)]
    pub basket: Option<Basket>,
}

/// One `[[actors.pledges]]`: what `seat`'s pledges (in `basket`, if named) do to the actor
/// when honoured or broken.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PledgeFile {
    pub seat: Spanned<Seat>,
    #[serde(default)]
    pub basket: Option<Basket>,
    pub honoured: Option<Delta>,
    pub broken: Option<Delta>,
}

/// `[briefs.<seat>]`: each seat's confidential brief.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefsFile {
    pub pakistan: Option<BriefFile>,
    pub afghanistan: Option<BriefFile>,
    pub mediator: Option<BriefFile>,
}

/// One seat's brief.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BriefFile {
    pub situation: String,
    #[serde(default)]
    pub red_lines: Vec<RedLineFile>,
    #[serde(default)]
    pub may_concede: Vec<String>,
    #[serde(default)]
    pub alternative: String,
    /// Kinds of monitoring the seat refuses on its pledges, each one of
    /// [`crate::engine::MonitorKind::NAMES`].
    #[serde(default)]
    pub refuses_monitors: Vec<Spanned<String>>,
}

/// One entry of `red_lines`: words only (a plain string), or words with the rule the engine
/// checks (an inline table). Read by hand rather than as an untagged enum, so a mistake inside
/// the table is reported at its own key with the deserializer's own message.
#[derive(Debug)]
pub enum RedLineFile {
    /// `"No accord without ..."`.
    Text(String),
    /// `{ text = "...", rule = "...", cost = N }`.
    Checked(CheckedRedLineFile),
}

impl<'de> Deserialize<'de> for RedLineFile {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RedLineVisitor)
    }
}

struct RedLineVisitor;

impl<'de> serde::de::Visitor<'de> for RedLineVisitor {
    type Value = RedLineFile;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a red line: text in quotes, or { text = \"...\", rule = \"...\", cost = N }")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<RedLineFile, E> {
        Ok(RedLineFile::Text(text.to_string()))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RedLineFile, A::Error> {
        let deserializer = serde::de::value::MapAccessDeserializer::new(map);
        CheckedRedLineFile::deserialize(deserializer).map(RedLineFile::Checked)
    }
}

/// A red line the engine checks: its words, its rule (one of
/// [`crate::engine::RedLineRule::NAMES`]) and its cost; `meter` and `value` only for the
/// meter rules.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckedRedLineFile {
    pub text: String,
    pub rule: Spanned<String>,
    pub cost: Ranged<1, 10>,
    #[serde(default)]
    pub meter: Option<Spanned<Meter>>,
    #[serde(default)]
    pub value: Option<Spanned<Level>>,
}

/// `[decks]`: the file names of the other files, relative to the scenario folder.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeckFiles {
    pub pakistan: Spanned<String>,
    pub afghanistan: Spanned<String>,
    pub mediator: Spanned<String>,
    pub shared: Spanned<String>,
    pub events: Spanned<String>,
    pub objectives: Spanned<String>,
}

/// `[start]`: starting meters and capital.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StartFile {
    pub trust: Option<Level>,
    pub sovereignty: Option<Level>,
    pub security: Option<Level>,
    pub border: Option<Level>,
    pub credibility: Option<Level>,
    pub escalation: Option<Ranged<0, 4>>,
    pub pakistan_pressure: Option<Level>,
    pub afghanistan_pressure: Option<Level>,
    pub capital: Option<Ranged<0, 10>>,
}

/// `[thresholds]`: Trust needed to agree each basket.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdsFile {
    pub security: Option<Level>,
    pub verification: Option<Level>,
    pub sovereignty: Option<Level>,
    pub humanitarian: Option<Level>,
}

/// `[enforcement]`: base credibility of each delegation's commitments.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EnforcementFile {
    pub pakistan: Option<Level>,
    pub afghanistan: Option<Level>,
}

/// `[rules]`: overrides of the tunable rule numbers.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RulesFile {
    pub hand_size: Option<Ranged<1, 10>>,
    pub actions_per_turn: Option<Ranged<1, 5>>,
    pub capital_per_round: Option<Ranged<0, 10>>,
    pub reject_trust: Option<Level>,
    pub meet_trust: Option<Level>,
    pub surcharge_pressure: Option<Level>,
    pub max_credibility: Option<Level>,
    pub broken_trust: Option<Level>,
    pub broken_credibility: Option<Level>,
    pub broken_security: Option<Level>,
    pub honoured_trust: Option<Level>,
    pub stall_credibility: Option<Level>,
    pub pressure_drift: Option<Level>,
    pub pull_security: Option<Level>,
    pub pull_pressure: Option<Level>,
    pub walkout_sovereignty: Option<Level>,
    pub walkout_security: Option<Level>,
    pub walkout_pressure: Option<Level>,
    pub hardline_escalation_chance: Option<Level>,
    pub refused_accord_trust: Option<Level>,
    pub reject_relief: Option<Level>,
    pub durable_trust: Option<Level>,
    pub conciliatory_trust: Option<Level>,
    pub conciliatory_pressure: Option<Level>,
    pub firm_pressure: Option<Level>,
    pub hardline_relief: Option<Level>,
    pub hardline_trust: Option<Level>,
    pub version: Option<Ranged<1, 2>>,
    pub refused_monitors_trust: Option<Level>,
    pub implementation_rounds: Option<Ranged<1, 5>>,
    pub renew_capital: Option<Ranged<0, 10>>,
    pub declined_bridge_trust: Option<Level>,
    pub idle_pressure: Option<Level>,
    pub ignored_demand_trust: Option<Level>,
    pub met_demand_relief: Option<Level>,
    pub accord_credibility: Option<Ranged<0, 50>>,
    pub implementation_tests: Option<Ranged<1, 5>>,
    #[serde(default)]
    pub escalation_pull: Option<Spanned<Vec<Seat>>>,
    #[serde(default)]
    pub pull: SeatTriggersFile,
    #[serde(default)]
    pub walkout: SeatTriggersFile,
    #[serde(default)]
    pub ratification: RatificationsFile,
}

/// `[rules.pull]` or `[rules.walkout]`: a change to each delegation's trigger.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeatTriggersFile {
    pub pakistan: Option<Spanned<TriggerFile>>,
    pub afghanistan: Option<Spanned<TriggerFile>>,
}

/// One seat's trigger: `meter` below `below`, with its own pressure at `pressure` or more;
/// each part left out keeps the seat's default.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TriggerFile {
    #[serde(default)]
    pub meter: Option<Spanned<Meter>>,
    pub below: Option<Level>,
    pub pressure: Option<Level>,
}

/// `[rules.ratification]`: what signing the accord does to each delegation at home.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatificationsFile {
    pub pakistan: Option<RatificationFile>,
    pub afghanistan: Option<RatificationFile>,
}

/// One delegation's ratification: changes to meters (`pressure` is its own, `rival_pressure`
/// the other delegation's) and to its political capital.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RatificationFile {
    pub pressure: Option<Delta>,
    pub rival_pressure: Option<Delta>,
    pub trust: Option<Delta>,
    pub sovereignty: Option<Delta>,
    pub security: Option<Delta>,
    pub border: Option<Delta>,
    pub credibility: Option<Delta>,
    pub capital: Option<Ranged<-10, 10>>,
}

/// `[scoring]`: points for each shared outcome.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScoringFile {
    pub durable_peace: Option<Ranged<-100, 100>>,
    pub fragile_accord: Option<Ranged<-100, 100>>,
    pub fragile_pause: Option<Ranged<-100, 100>>,
    pub relapse: Option<Ranged<-100, 100>>,
    pub breakdown: Option<Ranged<-100, 100>>,
}

/// `[[hints]]` in `scenario.toml`: tutorial advice tied to a card.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HintFile {
    pub card: Spanned<String>,
    pub text: String,
}

/// One `[[card]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardFile {
    pub id: Spanned<String>,
    pub name: String,
    pub kind: Spanned<CardKind>,
    #[serde(default)]
    pub seats: Option<Spanned<Vec<Seat>>>,
    pub cost: Ranged<0, 10>,
    #[serde(default)]
    pub basket: Option<Basket>,
    #[serde(default)]
    pub requires: RequiresFile,
    #[serde(default)]
    pub effects: Option<Spanned<EffectsFile>>,
    #[serde(default)]
    pub credibility: Option<Spanned<Ranged<-50, 50>>>,
    #[serde(default)]
    pub duration: Option<Spanned<Ranged<1, 10>>>,
    /// Assurance only: the stages of a phased commitment, checked when the card is built.
    #[serde(default)]
    pub milestones: Option<Spanned<Vec<MilestoneFile>>>,
    #[serde(default)]
    pub verify: Option<Spanned<Ranged<1, 100>>>,
    #[serde(default)]
    pub intrusive: Option<Spanned<bool>>,
    /// The kind of monitoring a verification card brings: one of
    /// [`crate::engine::MonitorKind::NAMES`], checked when the card is built.
    #[serde(default)]
    pub monitors: Option<Spanned<String>>,
    #[serde(default)]
    pub sovereignty_cost: Option<Spanned<Level>>,
    #[serde(default)]
    pub bridge: Option<Spanned<bool>>,
    pub text: String,
    #[serde(default)]
    pub flavour: String,
    /// Flags the card sets when played.
    #[serde(default)]
    pub sets: Vec<Spanned<String>>,
    /// Flags the card clears when played.
    #[serde(default)]
    pub clears: Vec<Spanned<String>>,
    /// A mediator card: the id of the member of the mediators' seat who speaks.
    #[serde(default)]
    pub voice: Option<Spanned<String>>,
    /// Actors the card strengthens or weakens: `{ armed_groups = -10 }`.
    #[serde(default)]
    pub actors: Option<Spanned<BTreeMap<String, Delta>>>,
}

/// One stage of an assurance's `milestones`: `{ name = "hold 48 hours", tests = 1, trust = 2 }`.
/// `tests` may be written 0 here so that the card's check can refuse it with a hint.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MilestoneFile {
    pub name: Spanned<String>,
    #[serde(default)]
    pub tests: Option<Spanned<Ranged<0, 10>>>,
    #[serde(default)]
    pub trust: Option<Delta>,
    #[serde(default)]
    pub credibility: Option<Ranged<-50, 50>>,
}

/// A `requires` table, on a card, an event or an objective: every key given must hold.
/// `min`, `max`, `agreed` and `open` are the first format's; the meters, `round`, `baskets`,
/// `flag` and `not_flag` were added with flags.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RequiresFile {
    #[serde(default)]
    pub min: BTreeMap<Meter, Spanned<Level>>,
    #[serde(default)]
    pub max: BTreeMap<Meter, Spanned<Level>>,
    pub agreed: Option<Basket>,
    pub open: Option<Basket>,
    pub trust: Option<Spanned<Strings>>,
    pub sovereignty: Option<Spanned<Strings>>,
    pub security: Option<Spanned<Strings>>,
    pub border: Option<Spanned<Strings>>,
    pub credibility: Option<Spanned<Strings>>,
    pub escalation: Option<Spanned<Strings>>,
    pub pakistan_pressure: Option<Spanned<Strings>>,
    pub afghanistan_pressure: Option<Spanned<Strings>>,
    /// Comparisons with the current round.
    pub round: Option<Spanned<Strings>>,
    /// What each basket named must be.
    #[serde(default)]
    pub baskets: BTreeMap<Basket, BasketNeed>,
    /// Flags that must be set.
    pub flag: Option<Spanned<Strings>>,
    /// Flags that must not be set.
    pub not_flag: Option<Spanned<Strings>>,
    /// Ranges of actors' strength, by actor id: `actor.armed_groups = ">= 60"`.
    #[serde(default)]
    pub actor: BTreeMap<String, Spanned<Strings>>,
    /// In an actor's act only: the actor's own strength.
    pub strength: Option<Spanned<Strings>>,
}

impl RequiresFile {
    /// The comparisons given for each meter, in [`Meter::ALL`] order.
    pub fn meter_comparisons(&self) -> [(Meter, Option<&Spanned<Strings>>); 8] {
        [
            (Meter::Trust, self.trust.as_ref()),
            (Meter::Sovereignty, self.sovereignty.as_ref()),
            (Meter::Security, self.security.as_ref()),
            (Meter::Border, self.border.as_ref()),
            (Meter::Credibility, self.credibility.as_ref()),
            (Meter::Escalation, self.escalation.as_ref()),
            (Meter::PakistanPressure, self.pakistan_pressure.as_ref()),
            (
                Meter::AfghanistanPressure,
                self.afghanistan_pressure.as_ref(),
            ),
        ]
    }
}

/// One string (`">= 40"`, `"talks_moved"`) or a list of them (`[">= 40", "< 70"]`). Read by
/// hand, so a list keeps each string's place in the file; a single string's place is that of
/// the whole value.
#[derive(Debug)]
pub enum Strings {
    /// One string.
    One(String),
    /// A list of strings, each with its place.
    Many(Vec<Spanned<String>>),
}

impl Strings {
    /// Each string with its place, a single string taking `whole`, the place of the value.
    pub fn spanned(&self, whole: std::ops::Range<usize>) -> Vec<(String, std::ops::Range<usize>)> {
        match self {
            Strings::One(text) => vec![(text.clone(), whole)],
            Strings::Many(list) => list
                .iter()
                .map(|s| (s.get_ref().clone(), s.span()))
                .collect(),
        }
    }
}

impl<'de> Deserialize<'de> for Strings {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(StringsVisitor)
    }
}

struct StringsVisitor;

impl<'de> serde::de::Visitor<'de> for StringsVisitor {
    type Value = Strings;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("text in quotes (like \">= 40\" or \"flag_name\"), or a list of them")
    }

    fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Strings, E> {
        Ok(Strings::One(text.to_string()))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Strings, A::Error> {
        let mut list = Vec::new();
        while let Some(item) = seq.next_element::<Spanned<String>>()? {
            list.push(item);
        }
        Ok(Strings::Many(list))
    }
}

/// An `effects` table: meter changes, capital and draws.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EffectsFile {
    pub trust: Option<Delta>,
    pub sovereignty: Option<Delta>,
    pub security: Option<Delta>,
    pub border: Option<Delta>,
    pub credibility: Option<Delta>,
    pub escalation: Option<Ranged<-5, 5>>,
    pub pakistan_pressure: Option<Delta>,
    pub afghanistan_pressure: Option<Delta>,
    /// The acting delegation's own pressure.
    pub pressure: Option<Delta>,
    /// The other delegation's pressure.
    pub rival_pressure: Option<Delta>,
    pub capital: Option<Ranged<-10, 10>>,
    pub draw: Option<Ranged<0, 5>>,
}

/// An event's own `effects`: meter changes only, since no seat acts (its choice's options
/// may do more). A separate table, so a misspelt key is answered with the keys allowed here.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventEffectsFile {
    pub trust: Option<Delta>,
    pub sovereignty: Option<Delta>,
    pub security: Option<Delta>,
    pub border: Option<Delta>,
    pub credibility: Option<Delta>,
    pub escalation: Option<Ranged<-5, 5>>,
    pub pakistan_pressure: Option<Delta>,
    pub afghanistan_pressure: Option<Delta>,
}

impl From<EventEffectsFile> for EffectsFile {
    fn from(e: EventEffectsFile) -> EffectsFile {
        EffectsFile {
            trust: e.trust,
            sovereignty: e.sovereignty,
            security: e.security,
            border: e.border,
            credibility: e.credibility,
            escalation: e.escalation,
            pakistan_pressure: e.pakistan_pressure,
            afghanistan_pressure: e.afghanistan_pressure,
            ..EffectsFile::default()
        }
    }
}

/// One `[[event]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventFile {
    pub id: Spanned<String>,
    pub name: String,
    pub text: String,
    #[serde(default)]
    pub flavour: String,
    #[serde(default)]
    pub effects: Option<Spanned<EventEffectsFile>>,
    #[serde(default)]
    pub breaks: Option<Spanned<Seat>>,
    #[serde(default)]
    pub choice: Option<Spanned<ChoiceFile>>,
    #[serde(default)]
    pub inject: bool,
    /// What must hold for the event to be revealed from the deck.
    #[serde(default)]
    pub requires: RequiresFile,
    /// Actors the event strengthens or weakens on reveal.
    #[serde(default)]
    pub actors: Option<Spanned<BTreeMap<String, Delta>>>,
}

/// An event's `[event.choice]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChoiceFile {
    pub seat: Seat,
    pub prompt: String,
    pub options: Vec<OptionFile>,
}

/// One `[[event.choice.options]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionFile {
    pub label: String,
    pub text: String,
    #[serde(default)]
    pub effects: Option<Spanned<EffectsFile>>,
    /// Flags this answer sets.
    #[serde(default)]
    pub sets: Vec<Spanned<String>>,
    /// Flags this answer clears.
    #[serde(default)]
    pub clears: Vec<Spanned<String>>,
    /// A mediators' answer: the id of the member of their seat who speaks.
    #[serde(default)]
    pub voice: Option<Spanned<String>>,
    /// Actors this answer strengthens or weakens.
    #[serde(default)]
    pub actors: Option<Spanned<BTreeMap<String, Delta>>>,
}

/// One `[[objective]]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObjectiveFile {
    pub id: Spanned<String>,
    pub seat: Seat,
    pub name: String,
    pub text: String,
    pub points: Ranged<0, 50>,
    #[serde(default)]
    pub condition: ConditionFile,
    /// What must also hold at the end for the objective to score.
    #[serde(default)]
    pub requires: RequiresFile,
}

/// An objective's `[objective.condition]`: every field present must hold at the end.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConditionFile {
    #[serde(default)]
    pub min: BTreeMap<Meter, Spanned<Level>>,
    #[serde(default)]
    pub max: BTreeMap<Meter, Spanned<Level>>,
    #[serde(default)]
    pub agreed: Vec<Basket>,
    pub agreed_at_least: Option<Ranged<0, 4>>,
    pub verified: Option<Basket>,
    #[serde(default)]
    pub no_monitors: bool,
    #[serde(default)]
    pub no_walkout: bool,
    #[serde(default)]
    pub accord: bool,
    pub honoured_at_least: Option<Ranged<0, 50>>,
    pub broken_at_most: Option<Ranged<0, 50>>,
    #[serde(default)]
    pub own_commitments: bool,
}
