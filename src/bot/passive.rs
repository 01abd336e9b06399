//! The `passive` policy: what the decision clock plays for a person whose time ran out, and
//! the baseline against which skill is measured (a seat that plays it never takes the
//! initiative). It passes a negotiation turn, holds a firm posture, declines a vote,
//! monitors or a package, and takes the event option that moves the meters least.

use super::{Bot, Choice};
use crate::engine::{Action, Decision, EventOption, Meter, MeterTarget, Posture, SeatView};

/// Plays every decision as the decision clock would.
#[derive(Clone, Copy, Debug, Default)]
pub struct PassiveBot;

impl Bot for PassiveBot {
    fn choose(&mut self, view: &SeatView, legal: &[Action]) -> Choice {
        let action = passive_action(view)
            .filter(|a| legal.contains(a))
            .or_else(|| legal.first().copied())
            .expect("a bot is only asked to choose among legal actions, never none");
        Choice {
            action,
            reason: format!(
                "plays as the decision clock would: {}.",
                passive_reason(&action)
            ),
        }
    }
}

/// The passive move for the seat that must decide in `view`: pass a negotiation turn, hold a
/// firm posture, decline a vote or monitors, take an event's mildest option. `None` when
/// nobody must decide.
pub fn passive_action(view: &SeatView) -> Option<Action> {
    let (seat, decision) = view.to_act?;
    Some(match decision {
        Decision::Negotiate => Action::Pass { seat },
        Decision::Posture => Action::Posture {
            seat,
            posture: Posture::Firm,
        },
        Decision::EventChoice => Action::Choose {
            seat,
            option: mildest_option(view),
        },
        // Every yes-or-no question: no.
        Decision::AccordVote
        | Decision::Consent
        | Decision::Renew
        | Decision::Bridge
        | Decision::Offer => decision.answer(seat, false)?,
        // A package is declined, as every proposal is.
        Decision::Package => Action::AnswerPackage { seat, card: None },
    })
}

/// The passive move in a few words, for the log: what it means to have taken it.
pub fn passive_reason(action: &Action) -> &'static str {
    match action {
        Action::Posture { .. } => "a firm posture by default",
        Action::Vote { .. } => "no vote counts as rejecting the accord",
        Action::Consent { .. } => "no answer counts as refusing",
        Action::Renew { .. } => "no answer lets the breach stand",
        Action::AnswerBridge { .. } => "no answer declines the proposal",
        Action::AnswerOffer { .. } => "no answer leaves the offer unanswered",
        Action::AnswerPackage { .. } => "no answer declines the package",
        Action::Choose { .. } => "the mildest option by default",
        _ => "passed",
    }
}

/// The option of this round's event that moves the meters least (Escalation weighs most), so
/// a seat that does not choose is never made to retaliate.
pub(super) fn mildest_option(view: &SeatView) -> u8 {
    let Some(choice) = view
        .current_event
        .and_then(|e| view.scenario.events[usize::from(e)].choice.as_ref())
    else {
        return 0;
    };
    let weight = |option: &EventOption| -> i32 {
        option
            .effects
            .meters
            .iter()
            .map(|&(target, delta)| {
                let scale = match target {
                    MeterTarget::Fixed(Meter::Escalation) => 20,
                    _ => 1,
                };
                i32::from(delta).abs() * scale
            })
            .sum()
    };
    let mildest = (0..choice.options.len()).min_by_key(|&i| weight(&choice.options[i]));
    mildest.and_then(|i| u8::try_from(i).ok()).unwrap_or(0)
}
