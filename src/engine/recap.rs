//! An account of what happened at the table since a seat last negotiated: every seat's moves,
//! the tests and events, the postures revealed, and each meter's change with the log entries
//! that moved it. Built from the public log only ([`recap`] is a pure function of a slice of
//! it), so it tells a seat nothing its log does not.
//!
//! A meter change is put down to the entry that caused it: the nearest entry before it that
//! is not itself a consequence (a commitment made, a basket agreed, a card drawn). Two moves
//! of the rules write no entry of their own, and are named from where they fall: the upkeep's
//! pressure drift (the last pressure changes of an upkeep, Pakistan's then Afghanistan's) and
//! the Escalation −1 of two conciliatory postures (an Escalation change right after a
//! posture; a hard line that raises it has its own entry).

use super::{Action, Game, LogEntry, LogEvent, Meter, Posture, Scenario, Seat, own_part};

/// A meter's part of the account: where it stood, where it stands, and what moved it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MeterMoves {
    /// The meter.
    pub meter: Meter,
    /// Its value before the first change in the account.
    pub from: u8,
    /// Its value after the last.
    pub to: u8,
    /// What moved it, in order, each with how far (consecutive moves by one cause summed).
    pub causes: Vec<(String, i32)>,
}

/// One round's happenings in the account, in words, oldest first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecapRound {
    /// The round.
    pub round: u8,
    /// What happened, one sentence an entry (meter changes and draws left to
    /// [`Recap::meters`]).
    pub lines: Vec<String>,
}

/// What happened in a stretch of the public log.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Recap {
    /// Each meter that moved, in the order of [`Meter::ALL`].
    pub meters: Vec<MeterMoves>,
    /// The postures revealed: round, seat, posture.
    pub postures: Vec<(u8, Seat, Posture)>,
    /// The happenings, round by round.
    pub rounds: Vec<RecapRound>,
}

impl Recap {
    /// True when nothing happened.
    pub fn is_empty(&self) -> bool {
        self.meters.is_empty() && self.rounds.iter().all(|r| r.lines.is_empty())
    }
}

/// Entries that follow from another entry and so never cause a meter change themselves.
fn consequence(event: &LogEvent) -> bool {
    matches!(
        event,
        LogEvent::MeterChanged { .. }
            | LogEvent::CapitalChanged { .. }
            | LogEvent::Drew { .. }
            | LogEvent::FlagSet { .. }
            | LogEvent::FlagCleared { .. }
            | LogEvent::CommitmentMade { .. }
            | LogEvent::CommitmentBound { .. }
            | LogEvent::CommitmentVerified { .. }
            | LogEvent::DemandTabled { .. }
            | LogEvent::PledgeOffered { .. }
            | LogEvent::BridgeProposed { .. }
            | LogEvent::BasketAgreed { .. }
            | LogEvent::BasketShortOfTrust { .. }
            | LogEvent::BasketUnravelled { .. }
            | LogEvent::BasketSecured { .. }
            | LogEvent::RoundStarted
            | LogEvent::InjectQueued { .. }
    )
}

/// Entries of the posture reveal and the upkeep, after which a pressure change that closes
/// the upkeep is its drift.
fn upkeep(event: &LogEvent) -> bool {
    matches!(
        event,
        LogEvent::PostureTaken { .. }
            | LogEvent::HardlineEscalated { .. }
            | LogEvent::CommitmentTested { .. }
            | LogEvent::CommitmentBroken { .. }
            | LogEvent::CommitmentHonoured { .. }
            | LogEvent::CommitmentKept { .. }
            | LogEvent::CommitmentImplemented { .. }
            | LogEvent::CommitmentReleased { .. }
            | LogEvent::AccordBreached { .. }
            | LogEvent::UnilateralPull
            | LogEvent::SeatPulled { .. }
            | LogEvent::DemandIgnored { .. }
            | LogEvent::Stalled
    )
}

/// A cause in a few words: "Pakistan played Joint statement", "#4 broke".
fn cause_words(event: &LogEvent, s: &Scenario) -> String {
    let card = |id: super::CardId| s.cards[usize::from(id)].name.as_str();
    match *event {
        LogEvent::EventRevealed { event } => {
            format!("event \"{}\"", s.events[usize::from(event)].name)
        }
        LogEvent::EventChosen {
            seat,
            event,
            option,
        } => {
            let label = s.events[usize::from(event)]
                .choice
                .as_ref()
                .and_then(|c| c.options.get(usize::from(option)))
                .map_or("?", |o| o.label.as_str());
            format!("{seat} chose \"{label}\"", seat = s.seat_name(seat))
        }
        LogEvent::CardPlayed { seat, card: c } => {
            format!("{seat} played {}", card(c), seat = s.seat_name(seat))
        }
        LogEvent::DemandMet { id, by, .. } => {
            format!("{by} met demand #{id}", by = s.seat_name(by))
        }
        LogEvent::DemandCountered { id, by, .. } => {
            format!("{by} countered demand #{id}", by = s.seat_name(by))
        }
        LogEvent::DemandRejected { id, by } => {
            format!("{by} rejected demand #{id}", by = s.seat_name(by))
        }
        LogEvent::DemandBridged { id, .. } => format!("the mediators bridged demand #{id}"),
        LogEvent::CommitmentBroken { id, by, .. } => {
            format!("{by}'s commitment #{id} broke", by = s.seat_name(by))
        }
        LogEvent::CommitmentHonoured { id, by, .. } | LogEvent::CommitmentKept { id, by, .. } => {
            format!("{by}'s commitment #{id} honoured", by = s.seat_name(by))
        }
        LogEvent::MonitorsDeployed { id, consented }
        | LogEvent::MonitoringSet { id, consented, .. } => {
            let how = if consented { "" } else { " without consent" };
            format!("monitoring for #{id}{how}")
        }
        LogEvent::MonitorsRefused { id, .. } => format!("monitors refused for #{id}"),
        LogEvent::PostureTaken { seat, posture } => {
            format!("{seat}'s {posture} posture", seat = s.seat_name(seat))
        }
        LogEvent::HardlineEscalated { seat } => {
            format!("{seat}'s hard line", seat = s.seat_name(seat))
        }
        LogEvent::UnilateralPull | LogEvent::SeatPulled { .. } => {
            "the pull toward unilateral operations".to_string()
        }
        LogEvent::Stalled => "no progress in the round (mediation fatigue)".to_string(),
        LogEvent::IdleTurn { seat } => {
            format!("{seat}'s turn without a move", seat = s.seat_name(seat))
        }
        LogEvent::DemandIgnored { id, .. } => format!("demand #{id} left unanswered"),
        LogEvent::AccordRefused => "the accord refused".to_string(),
        LogEvent::AccordSigned { .. } => "the accord signed".to_string(),
        LogEvent::Ratified { seat } => {
            format!("{seat}'s ratification at home", seat = s.seat_name(seat))
        }
        LogEvent::BridgeDeclined { id, seat } => format!(
            "{seat} declined the bridge on #{id}",
            seat = s.seat_name(seat)
        ),
        LogEvent::OfferAnswered { id, seat, accept } => {
            let how = if accept {
                "welcomed"
            } else {
                "did not take up"
            };
            format!("{seat} {how} pledge #{id}", seat = s.seat_name(seat))
        }
        LogEvent::PackageAgreed { offer, answer } => format!("package #{offer} and #{answer}"),
        _ => LogEntry {
            round: 0,
            event: *event,
        }
        .describe(s)
        .trim()
        .trim_end_matches('.')
        .to_string(),
    }
}

/// Which entries of `entries` are the upkeep's pressure drift: the last pressure changes of a
/// run that closes an upkeep (before the draws, the next round or the end), Pakistan's then
/// Afghanistan's, each up to `drift`.
fn drift_entries(entries: &[LogEntry], drift: u8) -> Vec<bool> {
    let mut marked = vec![false; entries.len()];
    let pressures: Vec<Meter> = Seat::DELEGATIONS
        .iter()
        .filter_map(|&s| Meter::pressure_of(s))
        .collect();
    let mut i = 0;
    while i < entries.len() {
        if !matches!(entries[i].event, LogEvent::MeterChanged { .. }) {
            i += 1;
            continue;
        }
        let start = i;
        while i < entries.len() && matches!(entries[i].event, LogEvent::MeterChanged { .. }) {
            i += 1;
        }
        let cause = entries[..start]
            .iter()
            .rev()
            .find(|e| !consequence(&e.event));
        let closes = entries.get(i).is_none_or(|e| {
            matches!(
                e.event,
                LogEvent::Drew { .. } | LogEvent::RoundStarted | LogEvent::GameOver { .. }
            )
        });
        if !closes || !cause.is_some_and(|c| upkeep(&c.event)) {
            continue;
        }
        // From the run's end back, the drift's entries in reverse order of the delegations.
        let mut expected = pressures.iter().rev().peekable();
        for at in (start..i).rev() {
            let LogEvent::MeterChanged { meter, delta, .. } = entries[at].event else {
                break;
            };
            while expected.next_if(|&&m| m != meter).is_some() {}
            let fits = expected.next_if(|&&m| m == meter).is_some()
                && delta > 0
                && delta.unsigned_abs() <= drift;
            if !fits {
                break;
            }
            marked[at] = true;
        }
    }
    marked
}

/// The account of `entries`, a stretch of the public log, in `scenario`'s words.
pub fn recap(scenario: &Scenario, entries: &[LogEntry]) -> Recap {
    let drift = drift_entries(entries, scenario.rules.pressure_drift);
    let mut moves: Vec<MeterMoves> = Vec::new();
    let mut recap = Recap::default();
    let mut cause: Option<&LogEntry> = None;
    for (at, entry) in entries.iter().enumerate() {
        if recap.rounds.last().is_none_or(|r| r.round != entry.round) {
            recap.rounds.push(RecapRound {
                round: entry.round,
                lines: Vec::new(),
            });
        }
        match entry.event {
            LogEvent::MeterChanged { meter, delta, now } => {
                let why = if drift[at] {
                    "pressure drift at upkeep".to_string()
                } else {
                    match cause.map(|c| c.event) {
                        Some(LogEvent::PostureTaken { .. }) if meter == Meter::Escalation => {
                            "both delegations conciliatory".to_string()
                        }
                        Some(event) => cause_words(&event, scenario),
                        None => "before".to_string(),
                    }
                };
                let delta = i32::from(delta);
                let index = match moves.iter().position(|m| m.meter == meter) {
                    Some(index) => index,
                    None => {
                        let from = (i32::from(now) - delta).clamp(0, 255) as u8;
                        moves.push(MeterMoves {
                            meter,
                            from,
                            to: now,
                            causes: Vec::new(),
                        });
                        moves.len() - 1
                    }
                };
                let m = &mut moves[index];
                m.to = now;
                match m.causes.last_mut() {
                    Some((last, sum)) if *last == why => *sum += delta,
                    _ => m.causes.push((why, delta)),
                }
            }
            // Counts and the facilitator's queue: nothing a seat needs told again (and an
            // inject is a surprise until it comes).
            LogEvent::CapitalChanged { .. }
            | LogEvent::Drew { .. }
            | LogEvent::RoundStarted
            | LogEvent::InjectQueued { .. } => {}
            event => {
                if let LogEvent::PostureTaken { seat, posture } = event {
                    recap.postures.push((entry.round, seat, posture));
                }
                if let Some(round) = recap.rounds.last_mut() {
                    round
                        .lines
                        .push(entry.describe(scenario).trim().to_string());
                }
            }
        }
        if !consequence(&entry.event) {
            cause = Some(entry);
        }
    }
    recap.rounds.retain(|r| !r.lines.is_empty());
    moves.sort_by_key(|m| Meter::ALL.iter().position(|&x| x == m.meter));
    recap.meters = moves;
    recap
}

/// Whether `action` is a move of a negotiation turn (not an answer to a prompt).
fn negotiates(action: &Action) -> bool {
    matches!(
        action,
        Action::Play { .. }
            | Action::Meet { .. }
            | Action::Counter { .. }
            | Action::Reject { .. }
            | Action::Pass { .. }
            | Action::TableAccord { .. }
            | Action::OfferPackage { .. }
    )
}

impl Game {
    /// Where in the log the account for `seat` starts ([`recap`] from there to the end): just
    /// after what its last negotiation move did itself, the move before its current turn when
    /// it is negotiating now (so the account covers the whole round since). `None` before
    /// its first turn.
    pub fn recap_start(&self, seat: Seat) -> Option<usize> {
        let negotiating =
            matches!(self.to_act(), Some((s, super::Decision::Negotiate)) if s == seat);
        let before = if negotiating { self.round } else { u8::MAX };
        let round_of = |start: u32| {
            self.log
                .get(start as usize)
                .map_or(self.round, |entry| entry.round)
        };
        let at = self.effective.iter().rposition(|&(action, start)| {
            action.seat() == seat
                && !action.is_inject()
                && negotiates(&action)
                && round_of(start) < before
        })?;
        let start = self.effective[at].1 as usize;
        let end = self
            .effective
            .get(at + 1)
            .map_or(self.log.len(), |next| next.1 as usize);
        Some(start + own_part(&self.log[start..end]).len())
    }
}
