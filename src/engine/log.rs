//! The public log: everything that happened, in order, as small structured entries.
//!
//! Nothing secret is ever logged (draws are counts, never cards), so every viewer may see the
//! whole log. `describe` turns an entry into a sentence for screens and reports.

use super::{
    ActorId, Basket, CardId, EventId, FlagId, Meter, MonitorKind, Outcome, Posture, Scenario, Seat,
    TableId,
};
use serde::{Deserialize, Serialize};

/// One logged happening and the round it happened in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct LogEntry {
    /// Round number (1-based).
    pub round: u8,
    /// What happened.
    pub event: LogEvent,
}

/// What happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum LogEvent {
    /// A new round began.
    RoundStarted,
    /// The round's event card was revealed.
    EventRevealed { event: EventId },
    /// A seat answered an event's choice.
    EventChosen {
        seat: Seat,
        event: EventId,
        option: u8,
    },
    /// A seat played a card.
    CardPlayed { seat: Seat, card: CardId },
    /// A meter moved.
    MeterChanged { meter: Meter, delta: i8, now: u8 },
    /// A seat's political capital moved (other than by paying for cards).
    CapitalChanged { seat: Seat, delta: i8, now: u8 },
    /// A demand went on the table.
    DemandTabled {
        id: TableId,
        by: Seat,
        basket: Basket,
    },
    /// A demand was met by an assurance.
    DemandMet {
        id: TableId,
        by: Seat,
        commitment: TableId,
    },
    /// A demand was countered with another demand.
    DemandCountered {
        id: TableId,
        by: Seat,
        counter: TableId,
    },
    /// A demand was rejected.
    DemandRejected { id: TableId, by: Seat },
    /// The mediator bridged a demand.
    DemandBridged { id: TableId, commitment: TableId },
    /// A commitment went on the table.
    CommitmentMade {
        id: TableId,
        by: Seat,
        basket: Basket,
        credibility: u8,
    },
    /// A commitment's credibility was raised by verification.
    CommitmentVerified { id: TableId, credibility: u8 },
    /// Monitors were deployed on Afghan soil (with or without consent).
    MonitorsDeployed { id: TableId, consented: bool },
    /// A commitment was tested at round's end.
    CommitmentTested {
        id: TableId,
        roll: u8,
        credibility: u8,
        held: bool,
    },
    /// A commitment broke.
    CommitmentBroken {
        id: TableId,
        by: Seat,
        basket: Basket,
    },
    /// A commitment was honoured and left the table.
    CommitmentHonoured {
        id: TableId,
        by: Seat,
        basket: Basket,
    },
    /// A basket was agreed.
    BasketAgreed { basket: Basket },
    /// A demand was answered but Trust was too low to agree its basket.
    BasketShortOfTrust {
        basket: Basket,
        trust: u8,
        threshold: u8,
    },
    /// A basket unravelled when its commitment broke.
    BasketUnravelled { basket: Basket },
    /// A basket's commitment was honoured: it can no longer unravel.
    BasketSecured { basket: Basket },
    /// A seat ended its turn.
    Passed { seat: Seat },
    /// A delegation's posture (logged once both have chosen).
    PostureTaken { seat: Seat, posture: Posture },
    /// A hard-line posture raised the ladder.
    HardlineEscalated { seat: Seat },
    /// Low Security and high Pakistani pressure pulled toward unilateral operations.
    UnilateralPull,
    /// A round passed with no progress: mediation fatigue.
    Stalled,
    /// Seats drew cards (counts only).
    Drew { seat: Seat, count: u8 },
    /// The mediator tabled the accord.
    AccordTabled,
    /// A delegation voted.
    AccordVote { seat: Seat, accept: bool },
    /// The accord was refused.
    AccordRefused,
    /// A seat took back its last action.
    Undone { seat: Seat },
    /// The facilitator queued an event for the next event phase.
    InjectQueued { event: EventId },
    /// This round's event is the facilitator's inject, not the deck's.
    Injected { event: EventId },
    /// The game ended.
    GameOver { outcome: Outcome },
    // New variants go last: a version-1 save's digest hashes each variant's position.
    /// Rules version 2: the Afghan seat refused monitors, so they did not deploy and the
    /// commitment's credibility went back to `credibility`.
    MonitorsRefused { id: TableId, credibility: u8 },
    /// Rules version 2: the tabled accord binds this commitment.
    CommitmentBound { id: TableId },
    /// Rules version 2: both delegations signed; the accord is implemented until the end of
    /// round `until`, its bound commitments tested every round.
    AccordSigned { until: u8 },
    /// Rules version 2: a bound commitment broke during implementation.
    AccordBreached { id: TableId },
    /// Rules version 2: the delegation renewed its broken bound commitment as `renewal`.
    CommitmentRenewed { id: TableId, renewal: TableId },
    /// Rules version 2: the mediators proposed to meet demand `id` with a pledge by `to`.
    BridgeProposed { id: TableId, to: Seat },
    /// Rules version 2: `seat` declined the mediators' proposal on demand `id`.
    BridgeDeclined { id: TableId, seat: Seat },
    /// Rules version 2: a delegation ended a negotiation turn without a move.
    IdleTurn { seat: Seat },
    /// Rules version 2: demand `id` aimed at `to` stayed unanswered for a round.
    DemandIgnored { id: TableId, to: Seat },
    /// Rules version 2: a delegation offered its pledge `id` to the other one unasked.
    PledgeOffered { id: TableId, to: Seat },
    /// Rules version 2: the other delegation welcomed (or not) the pledge offered.
    OfferAnswered {
        id: TableId,
        seat: Seat,
        accept: bool,
    },
    /// Rules version 2: a commitment held every test it owed and is kept: it stays on the
    /// table, no longer tested, for an accord to bind.
    CommitmentKept {
        id: TableId,
        by: Seat,
        basket: Basket,
    },
    /// Rules version 2: a commitment the accord binds held every test it owed under it.
    CommitmentImplemented { id: TableId },
    /// Rules version 2: `by` offered a package: its pledge in `basket` (at `credibility`) if
    /// the other delegation commits in `ask`.
    PackageOffered {
        by: Seat,
        basket: Basket,
        credibility: u8,
        ask: Basket,
    },
    /// Rules version 2: the package was accepted: commitments `offer` and `answer` are made,
    /// each linked to the other.
    PackageAgreed { offer: TableId, answer: TableId },
    /// Rules version 2: `seat` declined the package asking it to commit in `ask`; the offered
    /// card went back to the offering delegation's hand.
    PackageDeclined { seat: Seat, ask: Basket },
    /// Rules version 2: commitment `id` was released without penalty because `partner`, the
    /// commitment it was linked to in a package, broke.
    CommitmentReleased { id: TableId, partner: TableId },
    /// A card or an event choice set a flag.
    FlagSet { flag: FlagId },
    /// A card or an event choice cleared a flag.
    FlagCleared { flag: FlagId },
    /// No event of the deck could be revealed this round: the `requires` of every one failed.
    NoEvent,
    /// Regional monitors deployed for commitment `id` (with or without Afghan consent), or
    /// joint monitoring teams were formed for it (`consented`: the delegation is part of
    /// them). International monitors keep [`LogEvent::MonitorsDeployed`].
    MonitoringSet {
        id: TableId,
        kind: MonitorKind,
        consented: bool,
    },
    /// Low `meter` and high pressure in `seat` pulled toward unilateral operations (a pull
    /// other than Pakistan's through Security, which is [`LogEvent::UnilateralPull`]).
    SeatPulled { seat: Seat, meter: Meter },
    /// The accord was signed: `seat`'s ratification at home (its effects follow).
    Ratified { seat: Seat },
    /// An actor's strength moved (by a card, an event, its drift, its own act or a pledge
    /// kept or broken).
    ActorStrength { actor: ActorId, delta: i8, now: u8 },
    /// An actor acted at upkeep: its act number `act` (its effects follow).
    ActorActed { actor: ActorId, act: u8 },
}

impl LogEntry {
    /// A one-line description for players.
    pub fn describe(&self, scenario: &Scenario) -> String {
        describe_event(&self.event, scenario)
    }
}

fn describe_event(event: &LogEvent, s: &Scenario) -> String {
    let card = |id: CardId| s.cards[usize::from(id)].name.as_str();
    match *event {
        LogEvent::RoundStarted => "A new round begins.".to_string(),
        LogEvent::EventRevealed { event } => {
            let e = &s.events[usize::from(event)];
            format!("Event: {} — {}", e.name, e.text)
        }
        LogEvent::EventChosen {
            seat,
            event,
            option,
        } => {
            let e = &s.events[usize::from(event)];
            let label = e
                .choice
                .as_ref()
                .and_then(|c| c.options.get(usize::from(option)))
                .map_or("?", |o| o.label.as_str());
            format!("{seat} chose \"{label}\" ({}).", e.name)
        }
        LogEvent::CardPlayed { seat, card: c } => format!("{seat} played {}.", card(c)),
        LogEvent::MeterChanged { meter, delta, now } => format!("  {meter} {delta:+} → {now}"),
        LogEvent::CapitalChanged { seat, delta, now } => {
            format!("  {seat} capital {delta:+} → {now}")
        }
        LogEvent::DemandTabled { id, by, basket } => {
            format!("{by} tabled demand #{id} in {basket}.")
        }
        LogEvent::DemandMet { id, by, commitment } => {
            format!("{by} met demand #{id} with commitment #{commitment}.")
        }
        LogEvent::DemandCountered { id, by, counter } => {
            format!("{by} countered demand #{id} with demand #{counter}.")
        }
        LogEvent::DemandRejected { id, by } => format!("{by} rejected demand #{id}."),
        LogEvent::DemandBridged { id, commitment } => {
            format!("The mediators bridged demand #{id}: commitment #{commitment}.")
        }
        LogEvent::CommitmentMade {
            id,
            by,
            basket,
            credibility,
        } => {
            format!("{by} committed (#{id}, {basket}) at {credibility}% credibility.")
        }
        LogEvent::CommitmentVerified { id, credibility } => {
            format!("Commitment #{id} verified: credibility now {credibility}%.")
        }
        LogEvent::MonitorsDeployed { id, consented } => {
            if consented {
                format!("Monitors deployed for #{id} with Afghan consent.")
            } else {
                format!("Monitors deployed for #{id} without Afghan consent.")
            }
        }
        LogEvent::MonitoringSet {
            kind: MonitorKind::Joint,
            id,
            ..
        } => format!(
            "Joint monitoring for #{id}: teams formed with the pledging delegation, no foreign \
             monitors deploy."
        ),
        LogEvent::MonitoringSet {
            id,
            kind,
            consented,
        } => {
            let how = if consented { "with" } else { "without" };
            format!(
                "{} deployed for #{id} {how} Afghan consent.",
                capitalised(kind)
            )
        }
        LogEvent::MonitorsRefused { id, credibility } => format!(
            "Afghanistan refused monitors for #{id}: none deploy, and its credibility is back to \
             {credibility}%."
        ),
        LogEvent::CommitmentBound { id } => format!("The accord binds commitment #{id}."),
        LogEvent::AccordSigned { until } => format!(
            "The accord is signed: every commitment it binds gains {}% credibility and must \
             hold {} more tests, one a round. Implementation runs to the end of round {until}.",
            s.rules.accord_credibility, s.rules.implementation_tests
        ),
        LogEvent::AccordBreached { id } => {
            format!("The accord is breached: bound commitment #{id} broke.")
        }
        LogEvent::BridgeProposed { id, to } => format!(
            "The mediators propose to meet demand #{id} with a pledge by {to}, if it accepts."
        ),
        LogEvent::BridgeDeclined { id, seat } => {
            format!("{seat} declined the mediators' proposal on demand #{id}.")
        }
        LogEvent::PledgeOffered { id, to } => format!(
            "Pledge #{id} is offered to {to}: welcomed, it agrees its basket (Trust permitting)."
        ),
        LogEvent::OfferAnswered { id, seat, accept } => {
            if accept {
                format!("{seat} welcomed pledge #{id}.")
            } else {
                format!("{seat} did not take up pledge #{id}.")
            }
        }
        LogEvent::PackageOffered {
            by,
            basket,
            credibility,
            ask,
        } => {
            let to = by.rival().unwrap_or(by);
            format!(
                "{by} offers a package: its pledge in {basket} (at {credibility}%) if {to} \
                 commits in {ask}."
            )
        }
        LogEvent::PackageAgreed { offer, answer } => format!(
            "Package agreed: commitments #{offer} and #{answer} are linked — if one breaks, the \
             other is released."
        ),
        LogEvent::PackageDeclined { seat, ask } => format!(
            "{seat} declined the package (a commitment in {ask}); the offered card goes back."
        ),
        LogEvent::CommitmentReleased { id, partner } => format!(
            "Commitment #{id} is released without penalty: #{partner}, its other half, broke."
        ),
        LogEvent::IdleTurn { seat } => {
            format!("{seat} made no move this turn: its home audience notices.")
        }
        LogEvent::DemandIgnored { id, to } => {
            format!("Demand #{id} to {to} has gone unanswered for a round.")
        }
        LogEvent::CommitmentRenewed { id, renewal } => {
            format!("Commitment #{id} was renewed as #{renewal}: the accord holds.")
        }
        LogEvent::CommitmentTested {
            id,
            roll,
            credibility,
            held,
        } => {
            let verdict = if held { "held" } else { "failed" };
            format!("Commitment #{id} tested: rolled {roll} against {credibility}% — {verdict}.")
        }
        LogEvent::CommitmentBroken { id, by, basket } => {
            format!("{by}'s commitment #{id} in {basket} BROKE.")
        }
        LogEvent::CommitmentHonoured { id, by, basket } => {
            format!("{by}'s commitment #{id} in {basket} was honoured.")
        }
        LogEvent::CommitmentImplemented { id } => {
            format!("Commitment #{id} is implemented: it held every test it owed under the accord.")
        }
        LogEvent::CommitmentKept { id, by, basket } => format!(
            "{by}'s commitment #{id} in {basket} was honoured and is kept on the table for the accord."
        ),
        LogEvent::BasketAgreed { basket } => format!("Basket agreed: {basket}."),
        LogEvent::BasketShortOfTrust {
            basket,
            trust,
            threshold,
        } => format!("{basket} not agreed: Trust {trust} is below its threshold {threshold}."),
        LogEvent::BasketUnravelled { basket } => format!("Basket unravelled: {basket}."),
        LogEvent::BasketSecured { basket } => format!("Basket secured for good: {basket}."),
        LogEvent::Passed { seat } => format!("{seat} passed."),
        LogEvent::PostureTaken { seat, posture } => format!("{seat} took a {posture} posture."),
        LogEvent::HardlineEscalated { seat } => {
            format!("{seat}'s hard-line rhetoric raised the escalation ladder.")
        }
        LogEvent::UnilateralPull => {
            "Insecurity and pressure in Pakistan pull toward unilateral operations.".to_string()
        }
        LogEvent::SeatPulled { seat, meter } => {
            let pressed = s.rules.pull_of(seat).pressure.is_some_and(|p| p > 0);
            let (and, pull) = if pressed {
                (" and pressure", "pull")
            } else {
                ("", "pulls")
            };
            format!("Low {meter}{and} in {seat} {pull} toward unilateral operations.")
        }
        LogEvent::Ratified { seat } => {
            let effects = s
                .rules
                .ratification_of(seat)
                .map(|e| super::ratification_words(seat, e))
                .unwrap_or_default();
            format!("Ratification at home: {seat}: {effects}.")
        }
        LogEvent::Stalled => "No progress this round: mediation fatigue sets in.".to_string(),
        LogEvent::Drew { seat, count: 1 } => format!("{seat} drew a card."),
        LogEvent::Drew { seat, count } => format!("{seat} drew {count} cards."),
        LogEvent::AccordTabled => "The mediators tabled the accord for signature.".to_string(),
        LogEvent::AccordVote { seat, accept } => {
            format!(
                "{seat} {} the accord.",
                if accept { "accepted" } else { "refused" }
            )
        }
        LogEvent::AccordRefused => "The accord was refused.".to_string(),
        LogEvent::Undone { seat } => format!("{seat} took back its last action."),
        LogEvent::InjectQueued { event } => format!(
            "The facilitator injects \"{}\": it comes at the next event phase.",
            s.events[usize::from(event)].name
        ),
        LogEvent::Injected { event } => format!(
            "INJECT from the facilitator: \"{}\" replaces this round's event card.",
            s.events[usize::from(event)].name
        ),
        LogEvent::GameOver { outcome } => format!("Game over: {outcome}."),
        LogEvent::FlagSet { flag } => format!("Flag set: {}.", s.flag_name(flag)),
        LogEvent::FlagCleared { flag } => format!("Flag cleared: {}.", s.flag_name(flag)),
        LogEvent::ActorStrength { actor, delta, now } => {
            format!("  {} {delta:+} → {now}", s.actor_name(actor))
        }
        LogEvent::ActorActed { actor, act } => {
            let text = s
                .actors
                .get(usize::from(actor))
                .and_then(|a| a.acts.get(usize::from(act)))
                .map_or("?", |a| a.text.as_str());
            format!("{}: {text}", s.actor_name(actor))
        }
        LogEvent::NoEvent => {
            "No event this round: none left in the deck can happen now.".to_string()
        }
    }
}

/// A kind of monitoring in words, starting with a capital ("Regional monitors").
fn capitalised(kind: MonitorKind) -> String {
    let words = kind.to_string();
    let mut chars = words.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
