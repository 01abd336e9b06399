//! The `tutor` policy: the cooperative partner the guided tutorial seats beside a newcomer.
//! It plays so that every lesson of the tutorial's steps can happen: a delegation meets the
//! demands aimed at it and tables its own, so the newcomer has one to answer; the mediators
//! verify the weakest pledge (with monitors on an Afghan one, so consent is asked) and table
//! the accord once they can; everyone says yes to consent, proposals and the accord. It never
//! plays a pressure card and never draws on chance: the same view gets the same move.

use super::explain::describe;
use super::{Bot, Choice, passive_action};
use crate::engine::{
    Action, Basket, CardKind, Decision, Posture, Seat, SeatView, TableId, TargetKind,
};

/// Plays every seat cooperatively, for the tutorial.
#[derive(Clone, Copy, Debug, Default)]
pub struct TutorBot;

impl Bot for TutorBot {
    fn choose(&mut self, view: &SeatView, legal: &[Action]) -> Choice {
        let action = tutor_action(view, legal)
            .filter(|a| legal.contains(a))
            .or_else(|| passive_action(view).filter(|a| legal.contains(a)))
            .unwrap_or(legal[0]);
        Choice {
            action,
            reason: format!("tutor: {}", describe(view, &action)),
        }
    }
}

/// The tutor's move, when it has a preference among `legal`.
fn tutor_action(view: &SeatView, legal: &[Action]) -> Option<Action> {
    let (seat, decision) = view.to_act?;
    match decision {
        Decision::Negotiate if seat == Seat::Mediator => mediate(view, legal),
        Decision::Negotiate => negotiate(view, legal, seat),
        Decision::Posture => Some(Action::Posture {
            seat,
            posture: Posture::Conciliatory,
        }),
        Decision::Package => legal
            .iter()
            .find(|a| matches!(a, Action::AnswerPackage { card: Some(_), .. }))
            .copied(),
        // Consent, the vote, a renewal, a bridge, an offer: yes, when yes is legal.
        _ => decision.answer(seat, true),
    }
}

/// A delegation's turn: meet a demand aimed at it; else table a demand in a basket the accord
/// still needs (Security and Sovereignty first); else pass.
fn negotiate(view: &SeatView, legal: &[Action], seat: Seat) -> Option<Action> {
    let meet = legal
        .iter()
        .filter(|a| matches!(a, Action::Meet { .. }))
        .max_by_key(|a| match **a {
            Action::Meet { demand, card, .. } => view.meeting_agrees(demand, card),
            _ => false,
        });
    if let Some(meet) = meet {
        return Some(*meet);
    }
    let priority = |basket: Option<Basket>| match basket {
        Some(Basket::Security | Basket::Sovereignty) => 0,
        Some(_) => 1,
        None => 2,
    };
    let demand = legal
        .iter()
        .filter_map(|a| match *a {
            Action::Play {
                card, target: None, ..
            } => {
                let def = &view.scenario.cards[usize::from(card)];
                let open = def
                    .basket
                    .is_some_and(|b| !view.baskets[b.index()].is_agreed());
                (def.kind == CardKind::Demand && open).then_some((priority(def.basket), *a))
            }
            _ => None,
        })
        .min_by_key(|(rank, _)| *rank);
    demand.map(|(_, a)| a).or(Some(Action::Pass { seat }))
}

/// The mediators' turn: table the accord when it is ready; else verify the least credible
/// unverified pledge (monitors on an Afghan one, a protocol on another); else pass.
fn mediate(view: &SeatView, legal: &[Action]) -> Option<Action> {
    let accord = Action::TableAccord {
        seat: Seat::Mediator,
    };
    if legal.contains(&accord) {
        return Some(accord);
    }
    let weakest: Option<(TableId, Seat)> = view
        .commitments
        .iter()
        .filter(|c| !c.verified)
        .min_by_key(|c| (c.credibility, c.id))
        .map(|c| (c.id, c.by));
    let (target, by) = weakest?;
    let verifications = legal.iter().filter(|a| match **a {
        Action::Play {
            card,
            target: Some(t),
            ..
        } => {
            t == target
                && view.scenario.cards[usize::from(card)].target_kind() == TargetKind::Commitment
        }
        _ => false,
    });
    // Intrusive monitors on an Afghan pledge first: that is when consent is asked.
    verifications
        .max_by_key(|a| match **a {
            Action::Play { card, .. } => {
                let def = &view.scenario.cards[usize::from(card)];
                (
                    by == Seat::Afghanistan && def.sovereignty_cost > 0,
                    def.verify,
                )
            }
            _ => (false, 0),
        })
        .copied()
        .or(Some(Action::Pass {
            seat: Seat::Mediator,
        }))
}
