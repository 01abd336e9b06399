//! A scenario as the engine sees it: validated cards, events, objectives and rule numbers.
//!
//! Built by `crate::scenario` from TOML files; the engine never reads files itself.

use super::{
    ActorId, Basket, CardId, CardKind, EventId, FlagId, MemberId, Meter, MonitorKind, Requirements,
    Seat,
};
use serde::Serialize;
use std::borrow::Cow;
use std::sync::Arc;

/// Which meter an effect moves: a fixed meter, or a pressure relative to the acting seat.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum MeterTarget {
    /// A named meter.
    Fixed(Meter),
    /// The acting delegation's own domestic pressure.
    OwnPressure,
    /// The other delegation's domestic pressure.
    RivalPressure,
}

/// What resolving a card, an event or an event option does to the shared state.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Effects {
    /// Meter changes, applied in order.
    pub meters: Vec<(MeterTarget, i8)>,
    /// Political capital gained (or lost) by the acting seat.
    pub capital: i8,
    /// Cards the acting seat draws.
    pub draw: u8,
    /// Flags set.
    pub sets: Vec<FlagId>,
    /// Flags cleared.
    pub clears: Vec<FlagId>,
    /// Actors strengthened (or weakened): `(actor, change of strength)`. Left out of the
    /// serialized form when empty, as in every scenario written before actors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<(ActorId, i8)>,
}

impl Effects {
    /// True when resolving these effects changes nothing.
    pub fn is_empty(&self) -> bool {
        self.meters.is_empty()
            && self.capital == 0
            && self.draw == 0
            && self.sets.is_empty()
            && self.clears.is_empty()
            && self.actors.is_empty()
    }
}

/// Bounds on meters, each optional.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MeterBounds {
    /// `(meter, lowest allowed value)` pairs.
    pub min: Vec<(Meter, u8)>,
    /// `(meter, highest allowed value)` pairs.
    pub max: Vec<(Meter, u8)>,
}

impl MeterBounds {
    /// The first bound the meters break, or `None` when all hold.
    pub fn first_unmet(&self, meters: &super::Meters) -> Option<UnmetBound> {
        let low = self.min.iter().find(|&&(m, low)| meters.get(m) < low);
        let high = self.max.iter().find(|&&(m, high)| meters.get(m) > high);
        low.map(|&(meter, bound)| (meter, bound, true))
            .or(high.map(|&(meter, bound)| (meter, bound, false)))
            .map(|(meter, bound, at_least)| UnmetBound {
                meter,
                bound,
                at_least,
                now: meters.get(meter),
            })
    }
}

/// A meter bound that does not hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct UnmetBound {
    /// The meter.
    pub meter: Meter,
    /// The bound.
    pub bound: u8,
    /// True for a lower bound ("at least"), false for an upper one.
    pub at_least: bool,
    /// The meter's value now.
    pub now: u8,
}

impl std::fmt::Display for UnmetBound {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let side = if self.at_least { "at least" } else { "at most" };
        write!(
            f,
            "needs {} {side} {} (now {})",
            self.meter, self.bound, self.now
        )
    }
}

/// One stage of a phased commitment: tests it must hold, and the credit for passing it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Milestone {
    /// What the stage is, in a few words.
    pub name: String,
    /// Round-end tests the stage must hold (at least one).
    pub tests: u8,
    /// Trust gained (or lost) when the stage is passed.
    pub trust: i8,
    /// Credibility added to the commitment (or taken from it) when the stage is passed.
    pub credibility: i8,
}

/// A card definition.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Card {
    /// Unique id within the scenario.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Kind, deciding how it resolves.
    pub kind: CardKind,
    /// Seats that may play it.
    pub seats: Vec<Seat>,
    /// The deck it starts in: a seat's own deck, or `None` for the shared deck.
    pub deck: Option<Seat>,
    /// Political capital it costs.
    pub cost: u8,
    /// The basket it acts in (demands and assurances always have one).
    pub basket: Option<Basket>,
    /// Conditions for playing it.
    pub requires: Requirements,
    /// Meter changes and draws on resolution.
    pub effects: Effects,
    /// Assurance or bridge: credibility added to the side's enforcement capacity.
    pub credibility: i8,
    /// Assurance or bridge: round-end tests a commitment must survive to be honoured (with
    /// milestones, the sum of their tests).
    pub duration: u8,
    /// Assurance: the stages of a phased commitment, in order (empty for a plain pledge).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub milestones: Vec<Milestone>,
    /// Verification: credibility added to the targeted commitment (0 = not a verification card).
    pub verify: u8,
    /// Verification: the kind of monitoring it brings, if any. International and regional
    /// monitors go on Afghan soil for an Afghan pledge: they need the Afghan seat's consent or
    /// cost Sovereignty (the first format's `intrusive = true` is international monitors).
    pub monitors: Option<MonitorKind>,
    /// Sovereignty lost when monitors deploy without consent.
    pub sovereignty_cost: u8,
    /// Bridging proposal: resolves a pending demand on the mediator's authority.
    pub bridge: bool,
    /// The rule in plain words.
    pub text: String,
    /// One line of context.
    pub flavour: String,
    /// A mediator card: the member of the mediators' seat who speaks when it is played
    /// (Qatar, Türkiye), if the scenario names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voice: Option<MemberId>,
}

/// What a card must be aimed at when played.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum TargetKind {
    /// Played on its own.
    None,
    /// Aimed at a commitment on the table (verification, guarantees).
    Commitment,
    /// Aimed at a pending demand (bridging proposals).
    Demand,
}

impl Card {
    /// What this card must target.
    pub fn target_kind(&self) -> TargetKind {
        if self.verify > 0 {
            TargetKind::Commitment
        } else if self.bridge {
            TargetKind::Demand
        } else {
            TargetKind::None
        }
    }

    /// Intrusive monitors: the Afghan Pressure that consenting to them costs (half the
    /// Sovereignty cost of refusing).
    pub fn consent_pressure(&self) -> u8 {
        self.sovereignty_cost / 2
    }
}

/// A choice an event offers to one seat.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventChoice {
    /// The seat that decides.
    pub seat: Seat,
    /// The question put to that seat.
    pub prompt: String,
    /// The options, at least two.
    pub options: Vec<EventOption>,
}

/// One answer to an event's choice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventOption {
    /// Short label ("Retaliate").
    pub label: String,
    /// What it does, in plain words.
    pub text: String,
    /// Its effects; `OwnPressure` is the choosing seat's.
    pub effects: Effects,
    /// A mediators' answer: the member of their seat who speaks for it, if the scenario
    /// names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub voice: Option<MemberId>,
}

/// An event card: one is revealed at the start of each round.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct EventCard {
    /// Unique id within the scenario.
    pub id: String,
    /// Display name.
    pub name: String,
    /// What it does, in plain words.
    pub text: String,
    /// One line of context.
    pub flavour: String,
    /// Effects applied on reveal.
    pub effects: Effects,
    /// The least credible standing commitment of this seat breaks on reveal.
    pub breaks: Option<Seat>,
    /// An optional decision for one seat.
    pub choice: Option<EventChoice>,
    /// On the facilitator's inject list only: never shuffled into the event deck.
    pub inject: bool,
    /// What must hold for the event to be revealed from the deck (an inject ignores it).
    pub requires: Requirements,
}

/// What must be true at the end for a secret objective to score.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Condition {
    /// Meter bounds at the end.
    pub meters: MeterBounds,
    /// Baskets that must be agreed at the end.
    pub agreed: Vec<Basket>,
    /// At least this many baskets agreed at the end.
    pub agreed_at_least: u8,
    /// A verified commitment in this basket held (standing or honoured) at the end.
    pub verified: Option<Basket>,
    /// No monitors were ever deployed on Afghan soil.
    pub no_monitors: bool,
    /// Nobody left the table: no walkout, and the mediators did not withdraw.
    pub no_walkout: bool,
    /// The accord was signed.
    pub accord: bool,
    /// At least this many commitments honoured.
    pub honoured_at_least: u8,
    /// At most this many commitments broken (`None` = no limit).
    pub broken_at_most: Option<u8>,
    /// `honoured_at_least` and `broken_at_most` count only the commitments the objective's
    /// own seat made, not both delegations'.
    pub own_commitments: bool,
}

/// A secret objective: one is dealt to each seat.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Objective {
    /// Unique id within the scenario.
    pub id: String,
    /// The seat whose objective deck holds it.
    pub seat: Seat,
    /// Display name.
    pub name: String,
    /// What it asks, in plain words.
    pub text: String,
    /// Points scored when met.
    pub points: u8,
    /// What must hold at the end.
    pub condition: Condition,
    /// What must also hold at the end for it to score (flags, rounds, basket states).
    pub requires: Requirements,
}

/// The tunable numbers of the rules; every one has a default from the design brief.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Rules {
    /// Cards each seat draws back up to at upkeep.
    pub hand_size: u8,
    /// Actions each seat may take in its negotiation turn.
    pub actions_per_turn: u8,
    /// Political capital each seat starts with.
    pub capital_start: u8,
    /// Political capital regained each upkeep (capped at 10).
    pub capital_per_round: u8,
    /// Trust lost when a delegation rejects a demand.
    pub reject_trust: u8,
    /// Trust gained when a demand is met by an assurance.
    pub meet_trust: u8,
    /// Own pressure at or above which conciliatory cards cost one more.
    pub surcharge_pressure: u8,
    /// Highest credibility a commitment can reach.
    pub max_credibility: u8,
    /// Trust lost when a commitment breaks.
    pub broken_trust: u8,
    /// Mediator credibility lost when a commitment breaks.
    pub broken_credibility: u8,
    /// Security lost when a security-basket commitment breaks.
    pub broken_security: u8,
    /// Trust gained when a commitment is honoured.
    pub honoured_trust: u8,
    /// Mediator credibility lost at upkeep after a round with no progress.
    pub stall_credibility: u8,
    /// Domestic pressure each delegation gains at upkeep (media framing the talks as make-or-break).
    pub pressure_drift: u8,
    /// The line below which a seat's insecurity meter (Security for Pakistan) sets off its
    /// pull toward unilateral operations, unless `[rules.pull.<seat>]` says otherwise.
    pub pull_security: u8,
    /// Own pressure at or above which that pull raises Escalation (same proviso).
    pub pull_pressure: u8,
    /// Sovereignty below which the Afghan delegation walks out.
    pub walkout_sovereignty: u8,
    /// Security below which (with pressure at the top) Pakistan walks out.
    pub walkout_security: u8,
    /// Pakistan pressure at or above which a Security collapse means a walkout.
    pub walkout_pressure: u8,
    /// Percent chance that a hard-line posture raises Escalation.
    pub hardline_escalation_chance: u8,
    /// Trust and credibility lost when a tabled accord is refused.
    pub refused_accord_trust: u8,
    /// Own pressure relieved when a delegation rejects a demand.
    pub reject_relief: u8,
    /// Trust needed at signature for a durable peace.
    pub durable_trust: u8,
    /// Trust gained by a conciliatory posture.
    pub conciliatory_trust: u8,
    /// Own pressure added by a conciliatory posture.
    pub conciliatory_pressure: u8,
    /// Own pressure added by a firm posture.
    pub firm_pressure: u8,
    /// Own pressure relieved by a hard-line posture.
    pub hardline_relief: u8,
    /// Trust lost by a hard-line posture.
    pub hardline_trust: u8,
    /// The rule book's version: 1, or 2 for the accord with terms and consent as a veto.
    pub version: u8,
    /// Version 2: Trust lost when the Afghan seat refuses monitors (which then do not deploy).
    pub refused_monitors_trust: u8,
    /// Version 2: rounds of implementation at least, after the round the accord is signed in.
    pub implementation_rounds: u8,
    /// Version 2: political capital a delegation pays to renew a broken bound commitment.
    pub renew_capital: u8,
    /// Version 2: Trust lost when a delegation declines the mediators' bridging proposal.
    pub declined_bridge_trust: u8,
    /// Version 2: own Pressure a delegation gains for a negotiation turn without a move.
    pub idle_pressure: u8,
    /// Version 2: Trust lost at upkeep for each demand left unanswered since an earlier round.
    pub ignored_demand_trust: u8,
    /// Version 2: own Pressure relieved when a delegation's demand is met (the home audience
    /// sees the other side move).
    pub met_demand_relief: u8,
    /// Version 2: credibility every commitment the accord binds gains at signing (the
    /// signatures and the hosts' guarantees stand behind it), up to `max_credibility`.
    pub accord_credibility: u8,
    /// Version 2: tests every commitment the accord binds must hold under it (one a round)
    /// to be implemented.
    pub implementation_tests: u8,
    /// The delegations that feel the pull toward unilateral operations, each driven by its
    /// own pressure (see [`Rules::pull_of`]); Pakistan alone by default.
    pub escalation_pull: Vec<Seat>,
    /// `[rules.pull.<seat>]`: changes to a seat's pull trigger.
    pub pull_changes: Vec<(Seat, super::TriggerChange)>,
    /// `[rules.walkout.<seat>]`: changes to a seat's walkout trigger (see
    /// [`Rules::walkout_of`]).
    pub walkout_changes: Vec<(Seat, super::TriggerChange)>,
    /// `[rules.ratification.<seat>]`: what signing the accord does to each delegation at
    /// home (its `OwnPressure` is the seat's own); none by default.
    pub ratification: Vec<(Seat, Effects)>,
}

impl Default for Rules {
    fn default() -> Rules {
        Rules {
            hand_size: 5,
            actions_per_turn: 2,
            capital_start: 3,
            capital_per_round: 3,
            reject_trust: 5,
            meet_trust: 3,
            surcharge_pressure: 70,
            max_credibility: 95,
            broken_trust: 10,
            broken_credibility: 8,
            broken_security: 8,
            honoured_trust: 5,
            stall_credibility: 5,
            pressure_drift: 2,
            pull_security: 30,
            pull_pressure: 70,
            walkout_sovereignty: 15,
            walkout_security: 15,
            walkout_pressure: 90,
            hardline_escalation_chance: 30,
            refused_accord_trust: 5,
            reject_relief: 5,
            durable_trust: 60,
            conciliatory_trust: 3,
            conciliatory_pressure: 8,
            firm_pressure: 2,
            hardline_relief: 10,
            hardline_trust: 4,
            version: 1,
            refused_monitors_trust: 3,
            implementation_rounds: 2,
            renew_capital: 2,
            declined_bridge_trust: 3,
            idle_pressure: 4,
            ignored_demand_trust: 2,
            met_demand_relief: 5,
            accord_credibility: 10,
            implementation_tests: 2,
            escalation_pull: vec![Seat::Pakistan],
            pull_changes: Vec::new(),
            walkout_changes: Vec::new(),
            ratification: Vec::new(),
        }
    }
}

/// Points every seat gets for the shared outcome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scoring {
    /// Accord signed with Trust ≥ 60 and Verification agreed.
    pub durable_peace: i16,
    /// Accord signed without those.
    pub fragile_accord: i16,
    /// Time ran out with Escalation ≤ 2.
    pub fragile_pause: i16,
    /// Time ran out with Escalation above 2.
    pub relapse: i16,
    /// Escalation 5, a walkout or the mediators' withdrawal.
    pub breakdown: i16,
}

impl Default for Scoring {
    fn default() -> Scoring {
        Scoring {
            durable_peace: 10,
            fragile_accord: 6,
            fragile_pause: 3,
            relapse: 0,
            breakdown: -10,
        }
    }
}

/// A seat's confidential brief, in the manner of negotiation role-play exercises.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Brief {
    /// The seat's situation as its delegation sees it.
    pub situation: String,
    /// What the delegation must not accept; some the engine checks, at a cost in points.
    pub red_lines: Vec<super::RedLine>,
    /// What it may give.
    pub may_concede: Vec<String>,
    /// Its best alternative if the talks fail.
    pub alternative: String,
    /// Kinds of monitoring the delegation refuses on its pledges: the engine will not let a
    /// verification card of such a kind be played on them.
    #[serde(default)]
    pub refuses_monitors: Vec<MonitorKind>,
}

/// A named member of the mediators' seat (Qatar, Türkiye, a regional group): the mediators
/// are one seat, and a member is the voice one of their cards speaks in.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Member {
    /// The id cards and event options name it by (`qatar`).
    pub id: String,
    /// Its name in every text (`Qatar`).
    pub name: String,
}

/// What a scenario calls its seats in every text, and the named members of the mediators'
/// seat. Files and the command line keep the seats' keys (`pakistan`); only the words people
/// read change. The default is the seats' usual names and no members.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct SeatNames {
    /// Each seat's display name, by seat index.
    pub seats: [String; 3],
    /// Each seat's tag in narrow columns (`PK`, `AF`, `MD`: one to three letters or digits),
    /// by seat index.
    pub tags: [String; 3],
    /// The named members of the mediators' seat, by [`MemberId`].
    pub members: Vec<Member>,
}

impl Default for SeatNames {
    fn default() -> SeatNames {
        SeatNames {
            seats: Seat::ALL.map(|seat| seat.to_string()),
            tags: Seat::ALL.map(|seat| super::words::seat_tag(seat).to_string()),
            members: Vec::new(),
        }
    }
}

impl SeatNames {
    /// True when these are the usual names, with no members (nothing to write to JSON).
    pub fn is_default(&self) -> bool {
        *self == SeatNames::default()
    }
}

/// A coaching hint shown in the tutorial next to a card.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Hint {
    /// The card it is about.
    pub card: CardId,
    /// The advice.
    pub text: String,
}

/// A whole scenario, validated and ready to play.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Scenario {
    /// Short name (the folder name).
    pub name: String,
    /// Title shown to players.
    pub title: String,
    /// The situation, read before round 1.
    pub briefing: String,
    /// Number of rounds.
    pub rounds: u8,
    /// Negotiation order within a round.
    pub seat_order: Vec<Seat>,
    /// Starting meter values.
    pub start: super::Meters,
    /// Trust needed to agree each basket, by basket index.
    pub thresholds: [u8; 4],
    /// Starting credibility of each delegation's commitments, by seat index (mediator unused).
    pub enforcement: [u8; 3],
    /// Tunable rule numbers.
    pub rules: Rules,
    /// Outcome points.
    pub scoring: Scoring,
    /// Debrief discussion questions.
    pub questions: Vec<String>,
    /// Questions each person answers after the game, in their own words.
    pub reflection: Vec<String>,
    /// Questions only one seat's person answers after the game (after the shared ones), by
    /// seat index.
    #[serde(skip_serializing_if = "no_prompts")]
    pub reflection_by_seat: [Vec<String>; 3],
    /// What the scenario calls its seats, and the members of the mediators' seat.
    #[serde(skip_serializing_if = "SeatNames::is_default")]
    pub names: SeatNames,
    /// Each seat's confidential brief, by seat index. Not public: screens read a seat's brief
    /// from its [`super::SeatView`], which holds it only for that seat (and for everyone once
    /// the game is over).
    #[serde(skip)]
    pub(crate) briefs: [Option<Arc<Brief>>; 3],
    /// Every card, seat decks and shared deck together.
    pub cards: Vec<Card>,
    /// Every event card.
    pub events: Vec<EventCard>,
    /// Events placed on top of the event deck, in order, before the rest.
    pub opening_events: Vec<EventId>,
    /// Every secret objective.
    pub objectives: Vec<Objective>,
    /// Tutorial hints.
    pub hints: Vec<Hint>,
    /// The names of the flags that cards and event choices set and conditions read, by
    /// [`FlagId`].
    pub flags: Vec<String>,
    /// How the game compares with the real talks the scenario is built on (`[comparison]`),
    /// if it says. Left out of the JSON when it does not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<super::Comparison>,
    /// The parties that hold no seat, by [`ActorId`] (none in most scenarios).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<super::Actor>,
}

/// True when no seat has prompts of its own (nothing to write to JSON).
fn no_prompts(lists: &[Vec<String>; 3]) -> bool {
    lists.iter().all(Vec::is_empty)
}

impl Scenario {
    /// What this scenario calls `seat` in every text people read (`Pakistan` unless its
    /// `[names]` says otherwise).
    pub fn seat_name(&self, seat: Seat) -> &str {
        &self.names.seats[seat.index()]
    }

    /// The tag of `seat` in narrow columns: the header's scores, the table's items
    /// (`#7 AF→PK Security`), the meters' pressures (`PK pressure`); `PK`, `AF` and `MD` unless
    /// the scenario's `[names]` gives its own.
    pub fn seat_tag(&self, seat: Seat) -> &str {
        &self.names.tags[seat.index()]
    }

    /// Whether the scenario gives `seat` a name of its own (its `[names]`), rather than the
    /// seat's usual one: texts then use that name as it is ("Pass the keyboard to Qatar")
    /// instead of a phrase built on the usual one ("the mediators").
    pub fn seat_is_renamed(&self, seat: Seat) -> bool {
        self.seat_name(seat) != seat.to_string()
    }

    /// What this scenario calls `meter` in every text people read: a delegation's pressure
    /// carries the seat's own name when the scenario renames it ("Islamabad pressure");
    /// every other meter keeps its usual name.
    pub fn meter_name(&self, meter: super::Meter) -> std::borrow::Cow<'_, str> {
        let pressed = Seat::ALL
            .into_iter()
            .find(|&seat| super::Meter::pressure_of(seat) == Some(meter));
        match pressed {
            Some(seat) if self.seat_is_renamed(seat) => {
                format!("{} pressure", self.seat_name(seat)).into()
            }
            _ => meter.to_string().into(),
        }
    }

    /// The name of a member of the mediators' seat (`?` for an id the scenario lacks, which
    /// a validated scenario never gives).
    pub fn member_name(&self, member: MemberId) -> &str {
        self.names
            .members
            .get(usize::from(member))
            .map_or("?", |m| m.name.as_str())
    }

    /// Who speaks when `seat` acts in `voice`: the member with its seat in brackets
    /// (`Qatar (Mediator)`), or the seat's name alone when no member is named.
    pub fn speaker(&self, seat: Seat, voice: Option<MemberId>) -> Cow<'_, str> {
        match voice {
            Some(member) => Cow::Owned(format!(
                "{} ({})",
                self.member_name(member),
                self.seat_name(seat)
            )),
            None => Cow::Borrowed(self.seat_name(seat)),
        }
    }

    /// The name of the member of the mediators' seat who speaks when card `card` is played,
    /// if the card names one.
    pub fn card_voice(&self, card: CardId) -> Option<&str> {
        self.cards
            .get(usize::from(card))
            .and_then(|c| c.voice)
            .map(|member| self.member_name(member))
    }

    /// The reflection prompts `seat`'s person answers after the game, in order: those asked
    /// of everyone (`reflection`), then the seat's own (`[reflection_by_seat]`).
    pub fn reflection_for(&self, seat: Seat) -> impl Iterator<Item = &String> {
        self.reflection
            .iter()
            .chain(&self.reflection_by_seat[seat.index()])
    }

    /// The card with this id, if any.
    pub fn card_by_id(&self, id: &str) -> Option<CardId> {
        self.cards
            .iter()
            .position(|c| c.id == id)
            .map(|i| CardId(i as u16))
    }

    /// The seats' negotiation order in `round`: the scenario's, except that under rules
    /// version 2 the mediators move last in the final round, so the delegations' last moves
    /// (a demand met, an offer welcomed) can still make the accord they table.
    pub fn seat_order_in(&self, round: u8) -> Vec<Seat> {
        (0..self.seat_order.len())
            .map(|turn| self.seat_at(round, turn))
            .collect()
    }

    /// The seat whose negotiation turn is `turn` (0-based) in `round` (see
    /// [`Scenario::seat_order_in`]), without allocating: the engine asks it at every step.
    pub fn seat_at(&self, round: u8, turn: usize) -> Seat {
        if self.rules.version >= 2 && round == self.rounds {
            self.seat_order
                .iter()
                .copied()
                .filter(|&s| s != Seat::Mediator)
                .nth(turn)
                .unwrap_or(Seat::Mediator)
        } else {
            self.seat_order[turn]
        }
    }

    /// The display name of an actor.
    pub fn actor_name(&self, actor: ActorId) -> &str {
        self.actors
            .get(usize::from(actor))
            .map_or("?", |a| a.name.as_str())
    }

    /// The name of a flag.
    pub fn flag_name(&self, flag: FlagId) -> &str {
        self.flags
            .get(usize::from(flag))
            .map_or("?", String::as_str)
    }

    /// Trust needed to agree a basket.
    pub fn threshold(&self, basket: Basket) -> u8 {
        self.thresholds[basket.index()]
    }
}
