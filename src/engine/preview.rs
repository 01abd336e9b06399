//! What an action would do, asked of the rules themselves: the action is applied to a copy of
//! the game and its own part of the log is read back. Every preview, warning and menu label
//! shows this result, so no screen keeps a copy of a rule.
//!
//! Only the action's own, certain effects are reported: the copy stops reading at the first
//! entry the game then resolves by itself (the postures' reveal, the round-end tests, the
//! next event), so a preview never tells a chance outcome before it happens.

use super::{Action, Basket, Decision, Game, LogEntry, LogEvent, Meter, RuleError};

/// The certain effects of one action, in the order the rules apply them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Preview {
    /// The log entries the action itself writes.
    pub events: Vec<LogEvent>,
    /// Rules version 2: a proposal's acceptance (the mediators' bridge asks the delegation),
    /// previewed in turn. A package's acceptance is not: it would be made with a card the
    /// other delegation holds in secret, so an offer's preview ends at the offer.
    pub if_accepted: Option<Box<Preview>>,
}

impl Game {
    /// What `action` would do now, computed on a copy of the game; the game is untouched.
    /// Refused exactly when [`Game::apply`] would refuse it.
    pub fn preview(&self, action: &Action) -> Result<Preview, RuleError> {
        let mut copy = self.clone();
        let entries = copy.apply(*action)?;
        let if_accepted = match copy.to_act() {
            Some((seat, Decision::Bridge)) => copy
                .preview(&Action::AnswerBridge { seat, accept: true })
                .ok()
                .map(Box::new),
            _ => None,
        };
        Ok(Preview {
            events: own_part(&entries).iter().map(|e| e.event).collect(),
            if_accepted,
        })
    }
}

/// The entries an action wrote itself: everything before the first entry that the game then
/// resolved on its own (the postures' reveal, round-end tests and upkeep, the next event, a
/// refused accord, the end of the game).
pub fn own_part(entries: &[LogEntry]) -> &[LogEntry] {
    let end = entries
        .iter()
        .position(|entry| {
            matches!(
                entry.event,
                LogEvent::PostureTaken { .. }
                    | LogEvent::HardlineEscalated { .. }
                    | LogEvent::CommitmentTested { .. }
                    | LogEvent::CommitmentBroken { .. }
                    | LogEvent::CommitmentHonoured { .. }
                    | LogEvent::CommitmentKept { .. }
                    | LogEvent::CommitmentImplemented { .. }
                    | LogEvent::MilestonePassed { .. }
                    | LogEvent::MilestoneBroken { .. }
                    | LogEvent::UnilateralPull
                    | LogEvent::SeatPulled { .. }
                    | LogEvent::Stalled
                    | LogEvent::ActorActed { .. }
                    | LogEvent::RoundStarted
                    | LogEvent::EventRevealed { .. }
                    | LogEvent::Injected { .. }
                    | LogEvent::AccordRefused
                    | LogEvent::GameOver { .. }
            )
        })
        .unwrap_or(entries.len());
    &entries[..end]
}

impl Preview {
    /// The credibility of the pledge the action puts on the table, if it makes one.
    pub fn pledge(&self) -> Option<u8> {
        self.events.iter().find_map(|e| match *e {
            LogEvent::CommitmentMade { credibility, .. } => Some(credibility),
            _ => None,
        })
    }

    /// A verified commitment's credibility afterwards, if the action verifies one.
    pub fn verified_to(&self) -> Option<u8> {
        self.events.iter().find_map(|e| match *e {
            LogEvent::CommitmentVerified { credibility, .. } => Some(credibility),
            _ => None,
        })
    }

    /// Rules version 2: the credibility a refusal of monitors restores, if the action is one.
    pub fn monitors_refused(&self) -> Option<u8> {
        self.events.iter().find_map(|e| match *e {
            LogEvent::MonitorsRefused { credibility, .. } => Some(credibility),
            _ => None,
        })
    }

    /// The basket the action agrees, if it agrees one.
    pub fn agrees(&self) -> Option<Basket> {
        self.events.iter().find_map(|e| match *e {
            LogEvent::BasketAgreed { basket } => Some(basket),
            _ => None,
        })
    }

    /// A basket the action would agree but for Trust: the basket, Trust then, the threshold.
    pub fn short_of_trust(&self) -> Option<(Basket, u8, u8)> {
        self.events.iter().find_map(|e| match *e {
            LogEvent::BasketShortOfTrust {
                basket,
                trust,
                threshold,
            } => Some((basket, trust, threshold)),
            _ => None,
        })
    }

    /// How far the action moves `meter` in all (0 when it does not).
    pub fn meter_change(&self, meter: Meter) -> i32 {
        self.events
            .iter()
            .map(|e| match *e {
                LogEvent::MeterChanged {
                    meter: m, delta, ..
                } if m == meter => i32::from(delta),
                _ => 0,
            })
            .sum()
    }
}
