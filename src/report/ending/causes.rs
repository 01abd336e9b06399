//! What moved a meter: every change in the log is put down to the happening logged before it
//! (a card, an event, a hard line, a broken pledge, a stalled round), and the changes that
//! pushed a meter the wrong way are summed by cause, largest first.

use crate::engine::{CardId, EventId, LogEvent, Meter, Posture, Scenario, Seat};

/// What a meter change is put down to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Cause {
    /// A seat's card (also a pledge or demand made with it).
    Card(Seat, CardId),
    /// The round's event.
    Event(EventId),
    /// A seat's answer to the round's event.
    Choice(Seat, EventId),
    /// A delegation's hard line raised the ladder.
    Hardline(Seat),
    /// A delegation's public posture.
    Posture(Seat, Posture),
    /// A delegation's pull toward unilateral strikes.
    Pull(Seat),
    /// A pledge broke.
    Broken,
    /// A pledge was honoured.
    Honoured,
    /// A round without progress.
    Stalled,
    /// A demand rejected.
    Rejected,
    /// A demand left unanswered for a round.
    Ignored,
    /// A delegation's turn without a move.
    Idle(Seat),
    /// The accord refused.
    Refused,
    /// Monitors deployed (with consent or without).
    Monitors(bool),
    /// Monitors refused.
    MonitorsRefused,
    /// A bridging proposal declined.
    BridgeDeclined,
    /// Ratification at home.
    Ratified(Seat),
    /// Anything else (the round's upkeep, say).
    Other,
}

impl Cause {
    /// The cause `event` starts, or `None` when it only follows one (a demand tabled by the
    /// card just played, a meter change).
    pub(super) fn of(event: &LogEvent) -> Option<Cause> {
        Some(match *event {
            LogEvent::RoundStarted | LogEvent::CommitmentTested { .. } => Cause::Other,
            LogEvent::CardPlayed { seat, card } => Cause::Card(seat, card),
            LogEvent::EventRevealed { event } | LogEvent::Injected { event } => Cause::Event(event),
            LogEvent::EventChosen { seat, event, .. } => Cause::Choice(seat, event),
            LogEvent::HardlineEscalated { seat } => Cause::Hardline(seat),
            LogEvent::PostureTaken { seat, posture } => Cause::Posture(seat, posture),
            LogEvent::UnilateralPull => Cause::Pull(Seat::Pakistan),
            LogEvent::SeatPulled { seat, .. } => Cause::Pull(seat),
            LogEvent::CommitmentBroken { .. } => Cause::Broken,
            LogEvent::CommitmentHonoured { .. } | LogEvent::CommitmentKept { .. } => {
                Cause::Honoured
            }
            LogEvent::Stalled => Cause::Stalled,
            LogEvent::DemandRejected { .. } => Cause::Rejected,
            LogEvent::DemandIgnored { .. } => Cause::Ignored,
            LogEvent::IdleTurn { seat } => Cause::Idle(seat),
            LogEvent::AccordRefused => Cause::Refused,
            LogEvent::MonitorsDeployed { consented, .. }
            | LogEvent::MonitoringSet { consented, .. } => Cause::Monitors(consented),
            LogEvent::MonitorsRefused { .. } => Cause::MonitorsRefused,
            LogEvent::BridgeDeclined { .. } => Cause::BridgeDeclined,
            LogEvent::Ratified { seat } => Cause::Ratified(seat),
            _ => return None,
        })
    }

    /// The cause in words ("Pakistan's Cross-border strike", "rounds without progress").
    pub(super) fn words(&self, scenario: &Scenario) -> String {
        let event = |e: EventId| super::super::quoted(&scenario.events[usize::from(e)].name);
        match *self {
            Cause::Card(seat, card) => {
                format!(
                    "{} {}",
                    possessive(seat, scenario),
                    scenario.cards[usize::from(card)].name
                )
            }
            Cause::Event(e) => format!("the event {}", event(e)),
            Cause::Choice(seat, e) => {
                format!("{} answer to {}", possessive(seat, scenario), event(e))
            }
            Cause::Hardline(seat) => format!("{seat}'s hard line", seat = scenario.seat_name(seat)),
            Cause::Posture(seat, posture) => format!(
                "{seat}'s {posture} postures",
                seat = scenario.seat_name(seat)
            ),
            Cause::Pull(seat) => format!(
                "{seat}'s pull toward unilateral strikes",
                seat = scenario.seat_name(seat)
            ),
            Cause::Broken => "broken pledges".to_string(),
            Cause::Honoured => "pledges honoured".to_string(),
            Cause::Stalled => "rounds without progress".to_string(),
            Cause::Rejected => "rejected demands".to_string(),
            Cause::Ignored => "demands left unanswered".to_string(),
            Cause::Idle(seat) => format!("{seat}'s idle turns", seat = scenario.seat_name(seat)),
            Cause::Refused => "the refused accord".to_string(),
            Cause::Monitors(true) => "monitors deployed with consent".to_string(),
            Cause::Monitors(false) => "monitors deployed without consent".to_string(),
            Cause::MonitorsRefused => "monitors refused".to_string(),
            Cause::BridgeDeclined => "declined bridging proposals".to_string(),
            Cause::Ratified(seat) => format!("ratification in {}", scenario.seat_name(seat)),
            Cause::Other => "the rounds' upkeep".to_string(),
        }
    }
}

/// "Pakistan's", "the mediators'".
fn possessive(seat: Seat, scenario: &Scenario) -> String {
    match seat {
        Seat::Mediator => "the mediators'".to_string(),
        _ => format!("{}'s", scenario.seat_name(seat)),
    }
}

/// Every meter change of a game, with its cause and round.
#[derive(Clone, Debug, Default)]
pub(super) struct Moves(Vec<(Meter, Cause, i8, u8)>);

impl Moves {
    /// Records a change.
    pub(super) fn push(&mut self, meter: Meter, cause: Cause, delta: i8, round: u8) {
        self.0.push((meter, cause, delta, round));
    }

    /// What pushed `meter` the way it went (down, or up when `up`), largest first, at most
    /// three causes: "Pakistan's Cross-border strike −10 (round 4); broken pledges −16
    /// (rounds 5, 7)". `None` when nothing did.
    pub(super) fn pushed(&self, meter: Meter, up: bool, scenario: &Scenario) -> Option<String> {
        // Causes in the order they first moved it, each with its total and its rounds.
        let mut causes: Vec<(&Cause, (i32, Vec<u8>))> = Vec::new();
        for (m, cause, delta, round) in &self.0 {
            if *m != meter || (*delta > 0) != up || *delta == 0 {
                continue;
            }
            let at = match causes.iter().position(|(c, _)| *c == cause) {
                Some(at) => at,
                None => {
                    causes.push((cause, (0, Vec::new())));
                    causes.len() - 1
                }
            };
            let (total, rounds) = &mut causes[at].1;
            *total += i32::from(*delta);
            if rounds.last() != Some(round) {
                rounds.push(*round);
            }
        }
        causes.sort_by_key(|(_, (total, rounds))| (std::cmp::Reverse(total.abs()), rounds[0]));
        let words: Vec<String> = causes
            .into_iter()
            .take(3)
            .map(|(cause, (total, rounds))| {
                format!(
                    "{} {} ({})",
                    cause.words(scenario),
                    signed(total),
                    rounds_words(&rounds)
                )
            })
            .collect();
        (!words.is_empty()).then(|| words.join("; "))
    }
}

/// A change with its sign, a true minus for a loss.
pub(super) fn signed(delta: i32) -> String {
    if delta < 0 {
        format!("−{}", delta.unsigned_abs())
    } else {
        format!("+{delta}")
    }
}

/// "round 4", "rounds 2–5", "rounds 3, 6 and 8".
pub(super) fn rounds_words(rounds: &[u8]) -> String {
    match rounds {
        [] => String::new(),
        [one] => format!("round {one}"),
        _ if rounds.windows(2).all(|w| w[1] == w[0] + 1) => {
            format!("rounds {}–{}", rounds[0], rounds[rounds.len() - 1])
        }
        [init @ .., last] => {
            let init: Vec<String> = init.iter().map(u8::to_string).collect();
            format!("rounds {} and {last}", init.join(", "))
        }
    }
}
