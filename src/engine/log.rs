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
    /// Phased commitment `id` (made with `card`) passed stage `stage` (from 1) of its `of`
    /// milestones; its credibility is now `credibility` (the stage's Trust, if any, follows).
    MilestonePassed {
        id: TableId,
        card: CardId,
        stage: u8,
        of: u8,
        credibility: u8,
    },
    /// Phased commitment `id` (made with `card`) is breaking on stage `stage` (from 1) of its
    /// `of` milestones; the break itself follows.
    MilestoneBroken {
        id: TableId,
        card: CardId,
        stage: u8,
        of: u8,
    },
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
    // Every seat by the scenario's name for it.
    let name = |seat: Seat| s.seat_name(seat);
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
            let chosen = e
                .choice
                .as_ref()
                .and_then(|c| c.options.get(usize::from(option)));
            let label = chosen.map_or("?", |o| o.label.as_str());
            let who = s.speaker(seat, chosen.and_then(|o| o.voice));
            format!("{who} chose \"{label}\" ({}).", e.name)
        }
        LogEvent::CardPlayed { seat, card: c } => {
            let voice = s.cards.get(usize::from(c)).and_then(|c| c.voice);
            format!("{} played {}.", s.speaker(seat, voice), card(c))
        }
        LogEvent::MeterChanged { meter, delta, now } => {
            format!("  {} {delta:+} → {now}", s.meter_name(meter))
        }
        LogEvent::CapitalChanged { seat, delta, now } => {
            format!("  {} capital {delta:+} → {now}", name(seat))
        }
        LogEvent::DemandTabled { id, by, basket } => {
            format!("{} tabled demand #{id} in {basket}.", name(by))
        }
        LogEvent::DemandMet { id, by, commitment } => {
            format!(
                "{} met demand #{id} with commitment #{commitment}.",
                name(by)
            )
        }
        LogEvent::DemandCountered { id, by, counter } => {
            format!(
                "{} countered demand #{id} with demand #{counter}.",
                name(by)
            )
        }
        LogEvent::DemandRejected { id, by } => format!("{} rejected demand #{id}.", name(by)),
        LogEvent::DemandBridged { id, commitment } => {
            format!("The mediators bridged demand #{id}: commitment #{commitment}.")
        }
        LogEvent::CommitmentMade {
            id,
            by,
            basket,
            credibility,
        } => {
            format!(
                "{} committed (#{id}, {basket}) at {credibility}% credibility.",
                name(by)
            )
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
            "{} refused monitors for #{id}: none deploy, and its credibility is back to \
             {credibility}%.",
            name(Seat::Afghanistan)
        ),
        LogEvent::CommitmentBound { id } => format!("The accord binds commitment #{id}."),
        LogEvent::AccordSigned { until } => {
            let phased = if s.cards.iter().any(|c| !c.milestones.is_empty()) {
                " (a phased one, at least that and to its last stage)"
            } else {
                ""
            };
            format!(
                "The accord is signed: every commitment it binds gains {}% credibility and must \
                 hold {} more tests{phased}, one a round. Implementation runs to the end of \
                 round {until}.",
                s.rules.accord_credibility, s.rules.implementation_tests
            )
        }
        LogEvent::AccordBreached { id } => {
            format!("The accord is breached: bound commitment #{id} broke.")
        }
        LogEvent::BridgeProposed { id, to } => format!(
            "The mediators propose to meet demand #{id} with a pledge by {}, if it accepts.",
            name(to)
        ),
        LogEvent::BridgeDeclined { id, seat } => {
            format!(
                "{} declined the mediators' proposal on demand #{id}.",
                name(seat)
            )
        }
        LogEvent::PledgeOffered { id, to } => format!(
            "Pledge #{id} is offered to {}: welcomed, it agrees its basket (Trust permitting).",
            name(to)
        ),
        LogEvent::OfferAnswered { id, seat, accept } => {
            if accept {
                format!("{} welcomed pledge #{id}.", name(seat))
            } else {
                format!("{} did not take up pledge #{id}.", name(seat))
            }
        }
        LogEvent::PackageOffered {
            by,
            basket,
            credibility,
            ask,
        } => {
            let to = name(by.rival().unwrap_or(by));
            format!(
                "{} offers a package: its pledge in {basket} (at {credibility}%) if {to} \
                 commits in {ask}.",
                name(by)
            )
        }
        LogEvent::PackageAgreed { offer, answer } => format!(
            "Package agreed: commitments #{offer} and #{answer} are linked — if one breaks, the \
             other is released."
        ),
        LogEvent::PackageDeclined { seat, ask } => format!(
            "{} declined the package (a commitment in {ask}); the offered card goes back.",
            name(seat)
        ),
        LogEvent::CommitmentReleased { id, partner } => format!(
            "Commitment #{id} is released without penalty: #{partner}, its other half, broke."
        ),
        LogEvent::IdleTurn { seat } => {
            format!(
                "{} made no move this turn: its home audience notices.",
                name(seat)
            )
        }
        LogEvent::DemandIgnored { id, to } => {
            format!(
                "Demand #{id} to {} has gone unanswered for a round.",
                name(to)
            )
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
            format!("{}'s commitment #{id} in {basket} BROKE.", name(by))
        }
        LogEvent::CommitmentHonoured { id, by, basket } => {
            format!("{}'s commitment #{id} in {basket} was honoured.", name(by))
        }
        LogEvent::CommitmentImplemented { id } => {
            format!("Commitment #{id} is implemented: it held every test it owed under the accord.")
        }
        LogEvent::CommitmentKept { id, by, basket } => format!(
            "{}'s commitment #{id} in {basket} was honoured and is kept on the table for the accord.",
            name(by)
        ),
        LogEvent::BasketAgreed { basket } => format!("Basket agreed: {basket}."),
        LogEvent::BasketShortOfTrust {
            basket,
            trust,
            threshold,
        } => format!("{basket} not agreed: Trust {trust} is below its threshold {threshold}."),
        LogEvent::BasketUnravelled { basket } => format!("Basket unravelled: {basket}."),
        LogEvent::BasketSecured { basket } => format!("Basket secured for good: {basket}."),
        LogEvent::Passed { seat } => format!("{} passed.", name(seat)),
        LogEvent::PostureTaken { seat, posture } => {
            format!("{} took a {posture} posture.", name(seat))
        }
        LogEvent::HardlineEscalated { seat } => format!(
            "{}'s hard-line rhetoric raised the escalation ladder.",
            name(seat)
        ),
        LogEvent::UnilateralPull => format!(
            "Insecurity and pressure in {} pull toward unilateral operations.",
            name(Seat::Pakistan)
        ),
        LogEvent::SeatPulled { seat, meter } => {
            let pressed = s.rules.pull_of(seat).pressure.is_some_and(|p| p > 0);
            let (and, pull) = if pressed {
                (" and pressure", "pull")
            } else {
                ("", "pulls")
            };
            format!(
                "Low {}{and} in {} {pull} toward unilateral operations.",
                s.meter_name(meter),
                name(seat)
            )
        }
        LogEvent::Ratified { seat } => {
            let effects = s
                .rules
                .ratification_of(seat)
                .map(|e| super::ratification_words(s, seat, e))
                .unwrap_or_default();
            format!("Ratification at home: {}: {effects}.", name(seat))
        }
        LogEvent::Stalled => "No progress this round: mediation fatigue sets in.".to_string(),
        LogEvent::Drew { seat, count: 1 } => format!("{} drew a card.", name(seat)),
        LogEvent::Drew { seat, count } => format!("{} drew {count} cards.", name(seat)),
        LogEvent::AccordTabled => "The mediators tabled the accord for signature.".to_string(),
        LogEvent::AccordVote { seat, accept } => {
            format!(
                "{} {} the accord.",
                name(seat),
                if accept { "accepted" } else { "refused" }
            )
        }
        LogEvent::AccordRefused => "The accord was refused.".to_string(),
        LogEvent::Undone { seat } => format!("{} took back its last action.", name(seat)),
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
        LogEvent::MilestonePassed {
            id,
            card,
            stage,
            of,
            credibility,
        } => {
            let (name, change) = milestone(s, card, stage);
            let now = if change == 0 {
                String::new()
            } else {
                format!("; credibility now {credibility}%")
            };
            format!("Milestone {stage} of {of} passed: {name} (commitment #{id}){now}.")
        }
        LogEvent::MilestoneBroken {
            id,
            card,
            stage,
            of,
        } => {
            let (name, _) = milestone(s, card, stage);
            let credit = match stage.saturating_sub(1) {
                0 => "before any stage passed".to_string(),
                1 => "the stage passed before it keeps its credit".to_string(),
                n => format!("the {n} stages passed before it keep their credit"),
            };
            format!("Commitment #{id} broke at milestone {stage} of {of}, {name}: {credit}.")
        }
    }
}

/// Stage `stage` (from 1) of `card`'s milestones: its name and its credibility change.
fn milestone(s: &Scenario, card: CardId, stage: u8) -> (&str, i8) {
    s.cards[usize::from(card)]
        .milestones
        .get(usize::from(stage).saturating_sub(1))
        .map_or(("?", 0), |m| (m.name.as_str(), m.credibility))
}

/// A kind of monitoring in words, starting with a capital ("Regional monitors").
fn capitalised(kind: MonitorKind) -> String {
    let words = kind.to_string();
    let mut chars = words.chars();
    chars.next().map_or(String::new(), |first| {
        first.to_uppercase().chain(chars).collect()
    })
}
