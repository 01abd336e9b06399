//! Phased commitments (issue 15): an assurance's `milestones` are stages its commitment
//! passes one by one, each after its own round-end tests, each with its own partial credit
//! (Trust, and credibility for the commitment). The commitment is honoured — its basket
//! secured — only when the last stage passes; if it breaks on the way, the credit of the
//! stages already passed stays.
//!
//! No chance is drawn here: a stage passes on a test the round already rolled, so a scenario
//! without milestones plays exactly as before.

use super::{Card, Commitment, Game, LogEvent, Meter, Scenario, TableId};

/// Where a phased commitment stands, for screens: `stage 2/4: extend to the end of talks`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Stage<'a> {
    /// The stage it is on (from 1); the last one once every stage has passed.
    pub number: u8,
    /// How many stages it has.
    pub of: u8,
    /// That stage's name.
    pub name: &'a str,
    /// Whether every stage has passed.
    pub done: bool,
}

impl std::fmt::Display for Stage<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.done {
            write!(f, "all {} stages passed", self.of)
        } else {
            write!(f, "stage {}/{}: {}", self.number, self.of, self.name)
        }
    }
}

impl Card {
    /// The round-end tests a commitment made with this card holds by the end of stage
    /// `stage` (from 1): the sum of the tests of the stages up to it.
    pub fn tests_through_stage(&self, stage: u8) -> u8 {
        self.milestones
            .iter()
            .take(usize::from(stage))
            .fold(0u8, |sum, m| sum.saturating_add(m.tests))
    }
}

impl Commitment {
    /// For a phased commitment, the stage it is on (`None` for a plain pledge).
    pub fn stage<'a>(&self, scenario: &'a Scenario) -> Option<Stage<'a>> {
        let passed = self.stages_passed?;
        let stages = &scenario.cards[usize::from(self.card)].milestones;
        let of = u8::try_from(stages.len()).ok()?;
        let done = passed >= of;
        let number = if done { of } else { passed + 1 };
        let name = stages
            .get(usize::from(number).checked_sub(1)?)?
            .name
            .as_str();
        Some(Stage {
            number,
            of,
            name,
            done,
        })
    }

    /// The round-end tests this commitment would owe if an accord bound it now, the accord
    /// asking `owed` of every pledge: `owed`, and for a phased commitment at least the tests
    /// of the stages still ahead of it.
    pub fn owed_if_bound(&self, owed: u8) -> u8 {
        if self.stages_passed.is_some() {
            let ahead = self.duration.saturating_sub(self.tests);
            ahead.max(owed)
        } else {
            owed
        }
    }

    /// An accord binds this commitment, asking `owed` tests of every pledge: a plain pledge
    /// starts them afresh; a phased one keeps the tests it has held, so its stages carry on
    /// under the accord (none is passed, nor credited, twice), and owes at least `owed` more.
    pub(super) fn bind(&mut self, owed: u8) {
        let more = self.owed_if_bound(owed);
        if self.stages_passed.is_some() {
            self.duration = self.tests.saturating_add(more);
        } else {
            self.tests = 0;
            self.duration = more;
        }
    }
}

/// Whether card `card`'s commitments are phased: `Some(0)` stages passed, or `None`.
pub(super) fn first_stage(card: &Card) -> Option<u8> {
    (!card.milestones.is_empty()).then_some(0)
}

impl Game {
    /// Commitment `id` has just held a test: if that completes its current stage, the stage
    /// passes, is logged and brings its credit.
    pub(super) fn pass_milestone(&mut self, id: TableId) {
        let max = self.scenario.rules.max_credibility;
        let scenario = self.scenario.clone();
        let Some(c) = self.commitments.iter_mut().find(|c| c.id == id) else {
            return;
        };
        let Some(passed) = c.stages_passed else {
            return;
        };
        let card = &scenario.cards[usize::from(c.card)];
        let Some(milestone) = card.milestones.get(usize::from(passed)) else {
            return;
        };
        if c.tests < card.tests_through_stage(passed + 1) {
            return;
        }
        let stage = passed + 1;
        c.stages_passed = Some(stage);
        let change = i32::from(milestone.credibility);
        if change != 0 {
            // Never pushed past the rules' ceiling, nor pulled down to it when already above.
            let ceiling = i32::from(max.max(c.credibility));
            c.credibility = (i32::from(c.credibility) + change).clamp(0, ceiling) as u8;
        }
        let event = LogEvent::MilestonePassed {
            id,
            card: c.card,
            stage,
            of: card.milestones.len() as u8,
            credibility: c.credibility,
        };
        self.note(event);
        self.shift(Meter::Trust, i32::from(milestone.trust));
    }

    /// Commitment `c` is breaking: if it is phased and has stages ahead, the stage it broke
    /// on is logged (the break itself follows).
    pub(super) fn note_broken_milestone(&mut self, c: &Commitment) {
        let Some(stage) = c.stage(&self.scenario).filter(|s| !s.done) else {
            return;
        };
        self.note(LogEvent::MilestoneBroken {
            id: c.id,
            card: c.card,
            stage: stage.number,
            of: stage.of,
        });
    }
}
