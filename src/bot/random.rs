//! The weakest bot: any legal action, uniformly at random.

use super::{Bot, Choice};
use crate::engine::rng::GameRng;
use crate::engine::{Action, SeatView};

/// Plays a uniformly random legal action.
#[derive(Clone, Debug)]
pub struct RandomBot {
    rng: GameRng,
}

impl RandomBot {
    /// A random bot with its own seeded generator.
    pub fn new(seed: u64) -> RandomBot {
        RandomBot {
            rng: GameRng::from_seed(seed),
        }
    }
}

impl Bot for RandomBot {
    fn choose(&mut self, view: &SeatView, legal: &[Action]) -> Choice {
        Choice {
            action: self.choose_action(&|| view.clone(), legal),
            // How many moves it had would tell how many cards in its hand could be played.
            reason: "picked at random among its legal moves".to_string(),
        }
    }

    fn choose_action(&mut self, _view: &dyn Fn() -> SeatView, legal: &[Action]) -> Action {
        legal[self.rng.below(legal.len() as u32) as usize]
    }
}
