//! A cheap "plausible play" policy for rollouts: random, but weighted toward moves real
//! delegations make (answering demands, confidence-building, passing) and away from the ones
//! they make reluctantly (strikes, rejections, hard-line rhetoric).

use crate::engine::rng::GameRng;
use crate::engine::{Action, CardId, CardKind, Game, Posture};

/// The weight (in tenths) of an action in a rollout.
fn weight(game: &Game, action: &Action) -> u32 {
    let kind = |card: CardId| game.scenario().cards[usize::from(card)].kind;
    match *action {
        Action::Play { card, target, .. } => match kind(card) {
            CardKind::Confidence => 30,
            CardKind::Mediation if target.is_some() => 40,
            CardKind::Mediation => 20,
            CardKind::Assurance => 20,
            CardKind::Demand => 20,
            CardKind::Pressure => 5,
        },
        Action::Meet { .. } => 60,
        Action::Counter { .. } => 10,
        Action::Reject { .. } => 10,
        Action::TableAccord { .. } => 80,
        Action::Pass { .. } => 30,
        Action::Choose { .. } => 10,
        Action::AnswerOffer { accept, .. } => {
            if accept {
                40
            } else {
                10
            }
        }
        Action::OfferPackage { .. } => 10,
        Action::AnswerPackage { card, .. } => {
            if card.is_some() {
                40
            } else {
                10
            }
        }
        Action::AnswerBridge { accept, .. } => {
            if accept {
                40
            } else {
                10
            }
        }
        Action::Renew { accept, .. } => {
            if accept {
                30
            } else {
                10
            }
        }
        Action::Consent { accept, .. } => {
            if accept {
                15
            } else {
                10
            }
        }
        Action::Vote { accept, .. } => {
            if accept {
                40
            } else {
                10
            }
        }
        Action::Undo { .. } | Action::Inject { .. } => 0,
        Action::Posture { posture, .. } => match posture {
            Posture::Conciliatory => 20,
            Posture::Firm => 30,
            Posture::Hardline => 10,
        },
    }
}

/// One of `legal` (never empty), drawn with the weights above.
pub fn plausible_action(game: &Game, legal: &[Action], rng: &mut GameRng) -> Action {
    let total: u32 = legal.iter().map(|a| weight(game, a)).sum();
    let mut pick = rng.below(total.max(1));
    for action in legal {
        let w = weight(game, action);
        if pick < w {
            return *action;
        }
        pick -= w;
    }
    legal[legal.len() - 1]
}
