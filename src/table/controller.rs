//! Who plays each seat at a table (a person or a bot of some level), who made a move no
//! person chose (a bot, the decision clock), and how seats rotate for a rematch.

use crate::bot::Policy;
use crate::engine::Seat;
use std::fmt;
use std::str::FromStr;

/// Who plays a seat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Controller {
    /// A person at this screen.
    Human,
    /// A bot of this level.
    Bot(Policy),
}

impl Controller {
    /// Every choice, in the order the setup screen cycles through them.
    pub const ALL: [Controller; 5] = [
        Controller::Human,
        Controller::Bot(Policy::Random),
        Controller::Bot(Policy::Easy),
        Controller::Bot(Policy::Normal),
        Controller::Bot(Policy::Hard),
    ];

    /// The name used on the command line and in saves (`human`, `normal`, …).
    pub fn key(self) -> &'static str {
        match self {
            Controller::Human => "human",
            Controller::Bot(policy) => policy.key(),
        }
    }
}

impl fmt::Display for Controller {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}

impl FromStr for Controller {
    type Err = String;
    fn from_str(s: &str) -> Result<Controller, String> {
        if s == "human" {
            return Ok(Controller::Human);
        }
        s.parse::<Policy>()
            .map(Controller::Bot)
            .map_err(|e| format!("{e}, or human"))
    }
}

/// A bot's reason, placed in the log just before the entries its action produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reason {
    /// Index of the first log entry the action produced.
    pub log_index: usize,
    /// The seat that moved.
    pub seat: Seat,
    /// Who chose the move.
    pub by: MovedBy,
    /// Why it acted so.
    pub text: String,
}

/// Who chose a move that no person at the seat chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MovedBy {
    /// The seat's bot, of this level.
    Bot(Policy),
    /// The facilitator's decision clock, when the person's time ran out.
    Clock,
}

impl std::fmt::Display for MovedBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MovedBy::Bot(policy) => write!(f, "{policy}"),
            MovedBy::Clock => f.write_str("clock"),
        }
    }
}

/// The seat a player moves to in a rematch: Pakistan's player argues Afghanistan's case,
/// Afghanistan's the mediators', the mediators' Pakistan's.
pub fn rotated(seat: Seat) -> Seat {
    match seat {
        Seat::Pakistan => Seat::Afghanistan,
        Seat::Afghanistan => Seat::Mediator,
        Seat::Mediator => Seat::Pakistan,
    }
}

/// The seat whose player moves to `seat` in a rematch.
pub fn rotated_from(seat: Seat) -> Seat {
    rotated(rotated(seat))
}
