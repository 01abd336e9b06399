//! The guided tutorial's steps as data: `steps.toml` in the tutorial scenario's folder, read
//! from the scenario's source (so a save carries the steps it was played with). Each seat has
//! its own sequence and the seed its table is dealt with; each step says what to do, the
//! condition that completes it and why it mattered. `validate` checks the file; the terminal
//! interface plays it. See docs/scenarios.md, "Tutorial steps".

use super::ScenarioSource;
use crate::engine::Seat;
use serde::Deserialize;

/// The file of a scenario's folder that holds the tutorial's steps.
pub const STEPS_FILE: &str = super::TUTORIAL_STEPS;

/// What completes a step: something the game's public log records after the step before it
/// was completed, done by the tutorial's seat unless said otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DoneWhen {
    /// The seat's brief was closed (the only condition not in the log: a resumed game has
    /// been briefed).
    Briefed,
    /// The seat tabled a demand.
    DemandTabled,
    /// The seat met a demand aimed at it with a pledge.
    DemandMet,
    /// A demand the seat tabled was met by the other delegation.
    OwnDemandMet,
    /// The seat passed, ending its negotiation turn.
    Passed,
    /// The seat's public posture was revealed.
    Posture,
    /// The seat answered an event's choice.
    EventChosen,
    /// A commitment (anyone's) was verified.
    Verified,
    /// Monitors were consented to or refused (the Afghan seat's answer, whoever asked).
    MonitorsDecided,
    /// A commitment (anyone's) was tested at a round's end.
    Tested,
    /// The mediators tabled the accord.
    AccordTabled,
    /// The seat voted on the tabled accord.
    Voted,
    /// A new round began.
    RoundStarted,
}

/// One step of a seat's sequence.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The seat whose sequence it belongs to.
    pub seat: Seat,
    /// What to do, naming the keys (`{key:NAME}` placeholders name the keys in use).
    pub text: String,
    /// What completes it.
    pub done_when: DoneWhen,
    /// Why it mattered: shown once it is done.
    pub why: String,
}

/// The seed each seat's tutorial table is dealt with, so its steps can always be followed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seeds {
    /// Pakistan's table.
    pub pakistan: u64,
    /// Afghanistan's table.
    pub afghanistan: u64,
    /// The mediators' table.
    pub mediator: u64,
}

impl Seeds {
    /// The seed of `seat`'s table.
    pub fn of(&self, seat: Seat) -> u64 {
        match seat {
            Seat::Pakistan => self.pakistan,
            Seat::Afghanistan => self.afghanistan,
            Seat::Mediator => self.mediator,
        }
    }
}

/// `steps.toml`, read.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepsFile {
    /// Each seat's seed.
    pub seeds: Seeds,
    /// Every seat's steps, in order within each seat.
    pub steps: Vec<Step>,
}

impl StepsFile {
    /// Reads the steps of a scenario's source: `None` when it has no steps file, an error
    /// naming the file, line and column when the file is wrong.
    pub fn in_source(source: &ScenarioSource) -> Option<Result<StepsFile, String>> {
        let text = source.files.get(STEPS_FILE)?;
        Some(StepsFile::parse(text).map_err(|e| format!("{}: {e}", source.name)))
    }

    /// Reads a steps file's text; every seat must have at least one step.
    pub fn parse(text: &str) -> Result<StepsFile, String> {
        let file: StepsFile =
            toml::from_str(text).map_err(|e| format!("{STEPS_FILE}: {}", e.to_string().trim()))?;
        if let Some(seat) = file.seat_without_steps() {
            return Err(format!("{STEPS_FILE}: {seat} has no steps"));
        }
        Ok(file)
    }

    /// The first seat that has no step, if any (every seat needs at least one).
    pub fn seat_without_steps(&self) -> Option<Seat> {
        Seat::ALL
            .into_iter()
            .find(|seat| self.steps.iter().all(|s| s.seat != *seat))
    }

    /// `seat`'s steps, in order.
    pub fn for_seat(&self, seat: Seat) -> Vec<Step> {
        self.steps
            .iter()
            .filter(|s| s.seat == seat)
            .cloned()
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wrong_condition_is_named_with_its_line() {
        let text = "[seeds]\npakistan = 1\nafghanistan = 2\nmediator = 3\n\n[[steps]]\n\
                    seat = \"pakistan\"\ntext = \"x\"\ndone_when = \"won\"\nwhy = \"y\"\n";
        let err = StepsFile::parse(text).unwrap_err();
        assert!(err.contains("line 9"), "{err}");
        assert!(err.contains("demand_tabled"), "{err}");
    }

    #[test]
    fn every_seat_needs_steps() {
        let text = "[seeds]\npakistan = 1\nafghanistan = 2\nmediator = 3\n\n[[steps]]\n\
                    seat = \"pakistan\"\ntext = \"x\"\ndone_when = \"passed\"\nwhy = \"y\"\n";
        let err = StepsFile::parse(text).unwrap_err();
        assert!(err.contains("Afghanistan has no steps"), "{err}");
    }
}
