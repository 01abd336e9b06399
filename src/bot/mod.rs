//! Bots: seat controllers that choose an action from what their seat can see.
//!
//! A bot is handed a [`SeatView`] and the seat's legal actions, never the [`crate::engine::Game`]
//! itself, so it cannot peek at hidden cards: that is a property of this API, not a promise.
//! Bots never read the clock; their randomness comes from their own seeded generator.

mod eval;
mod explain;
mod greedy;
mod passive;
mod random;
mod rollout;
mod search;
mod talk;
mod tutor;

pub use eval::value;
pub use explain::{describe, states_a_motive};
pub use greedy::GreedyBot;
pub use passive::{PassiveBot, passive_action, passive_reason};
pub use random::RandomBot;
pub use search::{SearchBot, SearchConfig};
pub use talk::{acted, reply};
pub use tutor::TutorBot;

use crate::engine::{Action, SeatView};
use std::fmt;
use std::str::FromStr;

/// A decision and the one-line reason shown to players in the log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Choice {
    /// The action chosen (one of the legal actions offered).
    pub action: Action,
    /// Why, in words a player can learn from.
    pub reason: String,
}

/// Something that can play a seat.
pub trait Bot: Send {
    /// Chooses one of `legal` (never empty) given what the seat can see.
    fn choose(&mut self, view: &SeatView, legal: &[Action]) -> Choice;

    /// Chooses only the action, for callers that show no reason (the simulator). `view`
    /// builds the seat's view: a bot that needs none may choose without calling it. The
    /// action is the one [`Bot::choose`] would choose from the same state.
    fn choose_action(&mut self, view: &dyn Fn() -> SeatView, legal: &[Action]) -> Action {
        self.choose(&view(), legal).action
    }
}

/// The `normal` bot's search budget.
pub const NORMAL: SearchConfig = SearchConfig {
    iterations: 150,
    rollout_rounds: 1,
    exploration: 0.7,
};

/// The `hard` bot's search budget: twice [`HARD_V1`]'s iterations, which the engine made
/// twice as fast in issue 18 spends in about the wait `hard-v1` had before it.
pub const HARD: SearchConfig = SearchConfig {
    iterations: 5000,
    rollout_rounds: 2,
    exploration: 0.7,
};

/// The `hard` bot's search budget before the engine was made faster (issue 18), kept as the
/// hidden level `hard-v1` so that `sim` can put the new `hard` beside it seat for seat.
pub const HARD_V1: SearchConfig = SearchConfig {
    iterations: 2500,
    rollout_rounds: 2,
    exploration: 0.7,
};

/// The kinds of seat controller that can be named on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Policy {
    /// What the decision clock plays: pass, a firm posture, the mildest option.
    Passive,
    /// A uniformly random legal action.
    Random,
    /// One-move lookahead on three sampled games, with some noise.
    Easy,
    /// Information-set tree search, short budget.
    Normal,
    /// Information-set tree search, long budget.
    Hard,
    /// `hard` as it was before issue 18 ([`HARD_V1`]): a yardstick for `sim`, so not in
    /// [`Policy::ALL`] nor offered anywhere, but accepted where a bot is named.
    HardV1,
    /// The guided tutorial's cooperative partner (see [`TutorBot`]): not a level of skill,
    /// so not in [`Policy::ALL`], nor offered by the setup screen or measured by the sims.
    Tutor,
}

impl Policy {
    /// Policies accepted by name but listed nowhere: yardsticks for measuring, not levels
    /// of play.
    pub const HIDDEN: [Policy; 2] = [Policy::HardV1, Policy::Tutor];

    /// Every policy, weakest first.
    pub const ALL: [Policy; 5] = [
        Policy::Passive,
        Policy::Random,
        Policy::Easy,
        Policy::Normal,
        Policy::Hard,
    ];

    /// The name used on the command line.
    pub fn key(self) -> &'static str {
        match self {
            Policy::Passive => "passive",
            Policy::Random => "random",
            Policy::Easy => "easy",
            Policy::Normal => "normal",
            Policy::Hard => "hard",
            Policy::HardV1 => "hard-v1",
            Policy::Tutor => "tutor",
        }
    }

    /// Whether this policy's bots think (search or look ahead), so that their decision
    /// times are worth measuring; passive and random bots answer at once.
    pub fn thinks(self) -> bool {
        matches!(
            self,
            Policy::Easy | Policy::Normal | Policy::Hard | Policy::HardV1
        )
    }

    /// A new bot of this policy, seeded for reproducibility.
    pub fn bot(self, seed: u64) -> Box<dyn Bot> {
        match self {
            Policy::Passive => Box::new(PassiveBot),
            Policy::Random => Box::new(RandomBot::new(seed)),
            Policy::Easy => Box::new(GreedyBot::new(3, 0.75, seed)),
            Policy::Normal => Box::new(SearchBot::new(NORMAL, seed)),
            Policy::Hard => Box::new(SearchBot::new(HARD, seed)),
            Policy::HardV1 => Box::new(SearchBot::new(HARD_V1, seed)),
            Policy::Tutor => Box::new(TutorBot),
        }
    }
}

impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Policy {
    type Err = String;
    fn from_str(s: &str) -> Result<Policy, String> {
        Policy::ALL
            .into_iter()
            .chain(Policy::HIDDEN)
            .find(|p| p.key() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = Policy::ALL.iter().map(|p| p.key()).collect();
                format!("unknown bot `{s}`; choose one of: {}", names.join(", "))
            })
    }
}
