//! The guided tutorial: the newcomer picks a seat on the title screen and plays the
//! `tutorial` scenario beside `tutor` bots (see [`crate::bot::TutorBot`]), led by numbered
//! steps ("Step 3 of 9 ▸ …") that name the keys and wait until the thing is done, each
//! followed by a line on why it mattered.
//!
//! The steps are scenario data (`steps.toml`, read by [`steps`]); how far a seat has come is a
//! pure function of the game's log ([`progress`]), so leaving and resuming a saved tutorial
//! needs nothing more in the save; the banner and the seat chooser are small widgets
//! ([`banner`], [`chooser`]). The play screen holds a [`Tutorial`] when its game is one: the
//! scenario has steps, one seat is a person's and the others are tutors.

pub mod banner;
pub mod chooser;
pub mod progress;

pub use crate::scenario::steps::{DoneWhen, STEPS_FILE, Step, StepsFile};
pub use progress::steps_done;

use crate::bot::Policy;
use crate::engine::Seat;
use crate::table::{Controller, Session};
use crate::tui::app::Options;
use crate::tui::keys;
use crate::tui::screens::Play;

/// The scenario the tutorial plays.
pub const SCENARIO: &str = "tutorial";

/// A tutorial in play: the person's seat and its steps.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tutorial {
    seat: Seat,
    steps: Vec<Step>,
}

/// Where the person is in the steps, for the banner.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Position {
    /// Steps done.
    pub done: usize,
    /// Steps in all.
    pub total: usize,
    /// The step to do now (its keys filled in), or `None` when all are done.
    pub now: Option<String>,
    /// Why the last step done mattered, when one is.
    pub why: Option<String>,
}

impl Tutorial {
    /// The tutorial of `seat`, with its steps.
    pub fn new(seat: Seat, steps: Vec<Step>) -> Tutorial {
        Tutorial { seat, steps }
    }

    /// The tutorial a session is, if it is one: its scenario has steps, one seat is a
    /// person's and the others are tutors. A steps file that cannot be read is an error.
    pub fn of(session: &Session) -> Option<Result<Tutorial, String>> {
        let controllers = session.controllers();
        let tutors = controllers
            .iter()
            .filter(|c| **c == Controller::Bot(Policy::Tutor))
            .count();
        let [seat] = session.humans()[..] else {
            return None;
        };
        if tutors != 2 {
            return None;
        }
        Some(
            StepsFile::in_source(session.source())?
                .map(|file| Tutorial::new(seat, file.for_seat(seat))),
        )
    }

    /// The person's seat.
    pub fn seat(&self) -> Seat {
        self.seat
    }

    /// The steps, in order.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// Where the person is, in the session's game.
    pub fn position(&self, session: &Session) -> Position {
        let briefed = session.was_briefed(self.seat);
        let done = steps_done(&self.steps, self.seat, session.game().log(), briefed);
        Position {
            done,
            total: self.steps.len(),
            now: self.steps.get(done).map(|s| keys::fill(&s.text)),
            why: done
                .checked_sub(1)
                .and_then(|last| self.steps.get(last))
                .map(|s| keys::fill(&s.why)),
        }
    }
}

/// The controllers of `seat`'s tutorial table: the person there, tutors elsewhere.
pub fn controllers(seat: Seat) -> [Controller; 3] {
    Seat::ALL.map(|s| {
        if s == seat {
            Controller::Human
        } else {
            Controller::Bot(Policy::Tutor)
        }
    })
}

/// Starts `seat`'s tutorial: the tutorial scenario, dealt with that seat's seed, beside tutors.
pub fn start(seat: Seat, options: &Options) -> Result<Play, String> {
    let source = crate::scenario::ScenarioSource::find(SCENARIO).map_err(|e| e.to_string())?;
    let file = StepsFile::in_source(&source)
        .ok_or_else(|| format!("the {SCENARIO} scenario has no {STEPS_FILE}"))??;
    Play::start(
        SCENARIO,
        controllers(seat),
        Some(file.seeds.of(seat)),
        options,
    )
}
