//! How a game ends, and what each seat scores.

use super::{Basket, Condition, Meters, Scoring, Seat};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Why the talks broke down.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Breakdown {
    /// Escalation reached 5: open conflict.
    Escalation,
    /// Sovereignty fell under its floor: the Afghan delegation walked out.
    AfghanWalkout,
    /// Security collapsed with pressure at the top: the Pakistani delegation walked out.
    PakistaniWalkout,
    /// Credibility reached 0: the mediators withdrew.
    MediatorsWithdrew,
}

/// The shared result of a finished game.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "kind", content = "cause", rename_all = "snake_case")]
pub enum Outcome {
    /// Accord signed with Trust ≥ 60 and the Verification basket agreed.
    DurablePeace,
    /// Accord signed without durable foundations.
    FragileAccord,
    /// Time ran out with Escalation ≤ 2.
    FragilePause,
    /// Time ran out with Escalation above 2.
    Relapse,
    /// The talks collapsed.
    Breakdown(Breakdown),
}

/// The five outcome categories that balance is measured in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OutcomeKind {
    /// See [`Outcome::DurablePeace`].
    DurablePeace,
    /// See [`Outcome::FragileAccord`].
    FragileAccord,
    /// See [`Outcome::FragilePause`].
    FragilePause,
    /// See [`Outcome::Relapse`].
    Relapse,
    /// Any [`Outcome::Breakdown`].
    Breakdown,
}

impl OutcomeKind {
    /// Every category, best first.
    pub const ALL: [OutcomeKind; 5] = [
        OutcomeKind::DurablePeace,
        OutcomeKind::FragileAccord,
        OutcomeKind::FragilePause,
        OutcomeKind::Relapse,
        OutcomeKind::Breakdown,
    ];

    /// The name used in JSON output.
    pub fn key(self) -> &'static str {
        match self {
            OutcomeKind::DurablePeace => "durable_peace",
            OutcomeKind::FragileAccord => "fragile_accord",
            OutcomeKind::FragilePause => "fragile_pause",
            OutcomeKind::Relapse => "relapse",
            OutcomeKind::Breakdown => "breakdown",
        }
    }
}

impl Outcome {
    /// The category this outcome counts under.
    pub fn kind(self) -> OutcomeKind {
        match self {
            Outcome::DurablePeace => OutcomeKind::DurablePeace,
            Outcome::FragileAccord => OutcomeKind::FragileAccord,
            Outcome::FragilePause => OutcomeKind::FragilePause,
            Outcome::Relapse => OutcomeKind::Relapse,
            Outcome::Breakdown(_) => OutcomeKind::Breakdown,
        }
    }

    /// Points every seat gets for this outcome.
    pub fn points(self, scoring: &Scoring) -> i16 {
        match self.kind() {
            OutcomeKind::DurablePeace => scoring.durable_peace,
            OutcomeKind::FragileAccord => scoring.fragile_accord,
            OutcomeKind::FragilePause => scoring.fragile_pause,
            OutcomeKind::Relapse => scoring.relapse,
            OutcomeKind::Breakdown => scoring.breakdown,
        }
    }

    /// True when somebody left the table: a delegation walked out or the mediators withdrew.
    pub fn somebody_left(self) -> bool {
        matches!(
            self,
            Outcome::Breakdown(
                Breakdown::AfghanWalkout
                    | Breakdown::PakistaniWalkout
                    | Breakdown::MediatorsWithdrew
            )
        )
    }

    /// Why it ended this way, in one sentence.
    pub fn explanation(self) -> &'static str {
        match self {
            Outcome::DurablePeace => {
                "The accord was signed with the Verification basket agreed and Trust high enough to last."
            }
            Outcome::FragileAccord => {
                "The accord was signed, but without both the Verification basket agreed and high Trust it may not last."
            }
            Outcome::FragilePause => {
                "Time ran out without an accord, but the ladder stayed low: the ceasefire is a pause."
            }
            Outcome::Relapse => "Time ran out with Escalation above 2: the border slides back.",
            Outcome::Breakdown(Breakdown::Escalation) => {
                "Escalation reached 5: open conflict ended the talks."
            }
            Outcome::Breakdown(Breakdown::AfghanWalkout) => {
                "Sovereignty fell below the floor: the Afghan delegation walked out."
            }
            Outcome::Breakdown(Breakdown::PakistaniWalkout) => {
                "Security collapsed with pressure at the top: the Pakistani delegation walked out."
            }
            Outcome::Breakdown(Breakdown::MediatorsWithdrew) => {
                "Credibility reached 0: the mediators withdrew."
            }
        }
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Outcome::DurablePeace => "Durable peace",
            Outcome::FragileAccord => "Fragile accord",
            Outcome::FragilePause => "Fragile pause",
            Outcome::Relapse => "Relapse",
            Outcome::Breakdown(Breakdown::Escalation) => "Breakdown: open conflict",
            Outcome::Breakdown(Breakdown::AfghanWalkout) => "Breakdown: Afghan walkout",
            Outcome::Breakdown(Breakdown::PakistaniWalkout) => "Breakdown: Pakistani walkout",
            Outcome::Breakdown(Breakdown::MediatorsWithdrew) => "Breakdown: mediators withdrew",
        })
    }
}

/// The end-of-game facts a secret objective is judged against.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FinalFacts {
    /// The outcome.
    pub outcome: Outcome,
    /// Meters at the end.
    pub meters: Meters,
    /// Which baskets are agreed at the end, by basket index.
    pub agreed: [bool; 4],
    /// Baskets in which a verified commitment held (standing or honoured).
    pub verified_held: [bool; 4],
    /// Monitors deployed during the game.
    pub monitors_deployed: u8,
    /// Commitments honoured during the game, by the seat that made them.
    pub honoured: [u8; 3],
    /// Commitments broken during the game, by the seat that made them.
    pub broken: [u8; 3],
}

impl Condition {
    /// The commitments honoured and broken that this condition counts for `seat`.
    pub fn counted_commitments(&self, seat: Seat, honoured: [u8; 3], broken: [u8; 3]) -> (u8, u8) {
        if self.own_commitments {
            (honoured[seat.index()], broken[seat.index()])
        } else {
            let total = |counts: [u8; 3]| counts.iter().fold(0u8, |a, &b| a.saturating_add(b));
            (total(honoured), total(broken))
        }
    }

    /// Whether the condition holds for `seat`'s objective, given these end-of-game facts.
    pub fn holds(&self, seat: Seat, facts: &FinalFacts) -> bool {
        let (honoured, broken) = self.counted_commitments(seat, facts.honoured, facts.broken);
        let agreed_count = facts.agreed.iter().filter(|a| **a).count();
        self.meters.first_unmet(&facts.meters).is_none()
            && self.agreed.iter().all(|b| facts.agreed[b.index()])
            && agreed_count >= usize::from(self.agreed_at_least)
            && self
                .verified
                .is_none_or(|b: Basket| facts.verified_held[b.index()])
            && (!self.no_monitors || facts.monitors_deployed == 0)
            && (!self.no_walkout || !facts.outcome.somebody_left())
            && (!self.accord
                || matches!(
                    facts.outcome,
                    Outcome::DurablePeace | Outcome::FragileAccord
                ))
            && honoured >= self.honoured_at_least
            && self.broken_at_most.is_none_or(|most| broken <= most)
    }
}

/// One seat's final score, broken down.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SeatScore {
    /// The seat.
    pub seat: Seat,
    /// Points from the shared outcome.
    pub shared: i16,
    /// Whether the secret objective was met.
    pub objective_met: bool,
    /// Points from the secret objective.
    pub objective: i16,
    /// Points lost to the seat's red lines crossed (0 or less).
    #[serde(default)]
    pub red_lines: i16,
    /// The total.
    pub total: i16,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(outcome: Outcome) -> FinalFacts {
        FinalFacts {
            outcome,
            meters: Meters::new([50; 8]),
            agreed: [true, true, false, false],
            verified_held: [false; 4],
            monitors_deployed: 0,
            honoured: [0; 3],
            broken: [0; 3],
        }
    }

    #[test]
    fn nobody_left_the_table_fails_on_any_walkout_and_on_the_mediators_withdrawing() {
        let condition = Condition {
            no_walkout: true,
            agreed_at_least: 2,
            ..Condition::default()
        };
        assert!(condition.holds(Seat::Mediator, &facts(Outcome::FragilePause)));
        for cause in [
            Breakdown::AfghanWalkout,
            Breakdown::PakistaniWalkout,
            Breakdown::MediatorsWithdrew,
        ] {
            assert!(
                !condition.holds(Seat::Mediator, &facts(Outcome::Breakdown(cause))),
                "{cause:?}"
            );
        }
        assert!(condition.holds(
            Seat::Mediator,
            &facts(Outcome::Breakdown(Breakdown::Escalation))
        ));
    }

    #[test]
    fn own_commitments_count_only_the_objective_seats_pledges() {
        let word_kept = Condition {
            honoured_at_least: 2,
            broken_at_most: Some(1),
            ..Condition::default()
        };
        let mut facts = facts(Outcome::FragilePause);
        facts.honoured[Seat::Afghanistan.index()] = 3;
        facts.broken[Seat::Pakistan.index()] = 2;
        assert!(
            !word_kept.holds(Seat::Afghanistan, &facts),
            "both delegations: 2 broken"
        );
        let own = Condition {
            own_commitments: true,
            ..word_kept
        };
        assert!(own.holds(Seat::Afghanistan, &facts));
        assert!(!own.holds(Seat::Pakistan, &facts), "Pakistan honoured none");
    }
}
