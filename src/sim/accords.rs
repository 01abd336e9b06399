//! What became of the accord in one game, read from its public log alone.
//!
//! The measures here never ask the rule that decides the outcome: they rebuild the table
//! from the log (commitments made, verified, un-verified by refused monitors, broken,
//! honoured or released with a broken package partner), so they can check what the rules claim. An undo needs no special care: taking
//! an action back truncates the log to before that action and only then logs `Undone`, so a
//! finished game's log holds nothing that was taken back.

use crate::engine::{Basket, LogEntry, LogEvent, Outcome, Seat, TableId};
use std::collections::{BTreeMap, BTreeSet};

/// What one game's log says about its accord.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AccordFacts {
    /// Both delegations signed an accord: under rules version 2 `AccordSigned` was logged;
    /// under version 1 both voted for the last tabled accord and it was not refused.
    pub signed: bool,
    /// The game ended in a durable peace, yet no commitment the accord bound was a verified
    /// Afghan commitment in Security that held a test after the signing. Under rules
    /// version 1 a signed accord ends the game at once, so nothing is ever tested after
    /// signing and every version-1 durable peace counts: the flaw rules version 2 fixes
    /// with its implementation phase.
    pub durable_without_afghan_security: bool,
    /// Rounds from the signing (`AccordSigned`) to the end (`GameOver`); `None` when no
    /// accord was signed under rules version 2 (version 1 has no implementation) or the
    /// game has not ended.
    pub implementation_rounds: Option<u8>,
}

/// A commitment on the table, as far as the log tells.
#[derive(Clone, Copy, Debug)]
struct Pledge {
    by: Seat,
    basket: Basket,
    /// Verifications in force: each `CommitmentVerified` adds one, and a `MonitorsRefused`
    /// withdraws the verification it came with.
    verifications: u8,
}

impl Pledge {
    fn afghan_security_verified(&self) -> bool {
        self.by == Seat::Afghanistan && self.basket == Basket::Security && self.verifications > 0
    }
}

/// Reads one game's log and reports what became of its accord.
///
/// The bound set is the `CommitmentBound` ids logged after the last `AccordTabled` when
/// there are any, else the commitments standing when it was tabled; a commitment renewed
/// during implementation is bound in its renewal's place too. A bound commitment counts as
/// tested Afghan Security when, at a `CommitmentTested { held: true }` after `AccordSigned`,
/// it stood as an Afghan commitment in Security with a verification in force.
pub fn accord_facts(log: &[LogEntry]) -> AccordFacts {
    let mut standing: BTreeMap<TableId, Pledge> = BTreeMap::new();
    // The commitments the last tabled accord binds, and whether that set came from
    // `CommitmentBound` entries rather than from what stood at the tabling.
    let mut bound: BTreeSet<TableId> = BTreeSet::new();
    let mut bound_logged = false;
    let mut tabled = false;
    let mut accepted: BTreeSet<Seat> = BTreeSet::new();
    let mut signed_round: Option<u8> = None;
    let mut afghan_security_tested = false;
    let mut end: Option<(u8, Outcome)> = None;
    for entry in log {
        match entry.event {
            LogEvent::CommitmentMade { id, by, basket, .. } => {
                standing.insert(
                    id,
                    Pledge {
                        by,
                        basket,
                        verifications: 0,
                    },
                );
            }
            LogEvent::CommitmentVerified { id, .. } => {
                if let Some(p) = standing.get_mut(&id) {
                    p.verifications = p.verifications.saturating_add(1);
                }
            }
            LogEvent::MonitorsRefused { id, .. } => {
                if let Some(p) = standing.get_mut(&id) {
                    p.verifications = p.verifications.saturating_sub(1);
                }
            }
            LogEvent::CommitmentBroken { id, .. }
            | LogEvent::CommitmentHonoured { id, .. }
            | LogEvent::CommitmentReleased { id, .. } => {
                standing.remove(&id);
            }
            LogEvent::AccordTabled => {
                tabled = true;
                accepted.clear();
                bound = standing.keys().copied().collect();
                bound_logged = false;
            }
            LogEvent::CommitmentBound { id } => {
                if !bound_logged {
                    bound.clear();
                    bound_logged = true;
                }
                bound.insert(id);
            }
            LogEvent::CommitmentRenewed { id, renewal } if bound.contains(&id) => {
                bound.insert(renewal);
            }
            LogEvent::AccordVote { seat, accept: true } => {
                accepted.insert(seat);
            }
            LogEvent::AccordRefused => {
                tabled = false;
                accepted.clear();
            }
            LogEvent::AccordSigned { .. } => signed_round = Some(entry.round),
            LogEvent::CommitmentTested { id, held: true, .. }
                if signed_round.is_some()
                    && bound.contains(&id)
                    && standing
                        .get(&id)
                        .is_some_and(Pledge::afghan_security_verified) =>
            {
                afghan_security_tested = true;
            }
            LogEvent::GameOver { outcome } => end = Some((entry.round, outcome)),
            _ => {}
        }
    }
    let both_voted_for = tabled && Seat::DELEGATIONS.iter().all(|s| accepted.contains(s));
    let durable = matches!(end, Some((_, Outcome::DurablePeace)));
    AccordFacts {
        signed: signed_round.is_some() || both_voted_for,
        durable_without_afghan_security: durable && !afghan_security_tested,
        implementation_rounds: signed_round
            .zip(end)
            .map(|(signed, (over, _))| over.saturating_sub(signed)),
    }
}

/// The accord measures of a run of games.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct AccordTotals {
    /// Games in which both delegations signed.
    pub signed: u32,
    /// Durable peaces without a tested, verified Afghan Security commitment.
    pub durable_without_afghan_security: u32,
    /// Mean implementation rounds over the games with an `AccordSigned`; 0.0 when none.
    pub mean_implementation_rounds: f64,
}

impl AccordTotals {
    /// Sums the facts of every game.
    pub fn of(games: &[AccordFacts]) -> AccordTotals {
        let rounds: Vec<f64> = games
            .iter()
            .filter_map(|g| g.implementation_rounds.map(f64::from))
            .collect();
        AccordTotals {
            signed: games.iter().map(|g| u32::from(g.signed)).sum(),
            durable_without_afghan_security: games
                .iter()
                .map(|g| u32::from(g.durable_without_afghan_security))
                .sum(),
            mean_implementation_rounds: if rounds.is_empty() {
                0.0
            } else {
                rounds.iter().sum::<f64>() / rounds.len() as f64
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A log entry in round `round`.
    fn at(round: u8, event: LogEvent) -> LogEntry {
        LogEntry { round, event }
    }

    fn made(id: u16, by: Seat, basket: Basket) -> LogEvent {
        LogEvent::CommitmentMade {
            id: TableId(id),
            by,
            basket,
            credibility: 60,
        }
    }

    fn vote(seat: Seat, accept: bool) -> LogEvent {
        LogEvent::AccordVote { seat, accept }
    }

    fn tested(id: u16, held: bool) -> LogEvent {
        LogEvent::CommitmentTested {
            id: TableId(id),
            roll: 30,
            credibility: 80,
            held,
        }
    }

    /// Round 3: Afghanistan pledges Security (#1), it is verified, Pakistan pledges
    /// Sovereignty (#2); round 4: the mediators table the accord.
    fn pledges_then_tabled() -> Vec<LogEntry> {
        vec![
            at(3, made(1, Seat::Afghanistan, Basket::Security)),
            at(
                3,
                LogEvent::CommitmentVerified {
                    id: TableId(1),
                    credibility: 80,
                },
            ),
            at(3, made(2, Seat::Pakistan, Basket::Sovereignty)),
            at(4, LogEvent::AccordTabled),
        ]
    }

    fn bound_and_signed(log: &mut Vec<LogEntry>) {
        log.push(at(4, LogEvent::CommitmentBound { id: TableId(1) }));
        log.push(at(4, LogEvent::CommitmentBound { id: TableId(2) }));
        log.push(at(4, vote(Seat::Pakistan, true)));
        log.push(at(4, vote(Seat::Afghanistan, true)));
        log.push(at(4, LogEvent::AccordSigned { until: 7 }));
    }

    fn over(round: u8, outcome: Outcome) -> LogEntry {
        at(round, LogEvent::GameOver { outcome })
    }

    #[test]
    fn a_version_1_durable_peace_counts_though_the_verified_afghan_pledge_stood() {
        let mut log = pledges_then_tabled();
        log.push(at(4, vote(Seat::Pakistan, true)));
        log.push(at(4, vote(Seat::Afghanistan, true)));
        log.push(over(4, Outcome::DurablePeace));
        let facts = accord_facts(&log);
        assert!(facts.signed);
        assert!(facts.durable_without_afghan_security);
        assert_eq!(facts.implementation_rounds, None);
    }

    #[test]
    fn a_version_2_afghan_pledge_that_held_a_test_after_signing_does_not_count() {
        let mut log = pledges_then_tabled();
        bound_and_signed(&mut log);
        log.push(at(5, LogEvent::RoundStarted));
        log.push(at(5, tested(1, true)));
        log.push(over(7, Outcome::DurablePeace));
        let facts = accord_facts(&log);
        assert!(facts.signed);
        assert!(!facts.durable_without_afghan_security);
        assert_eq!(facts.implementation_rounds, Some(3));
    }

    #[test]
    fn a_test_before_signing_or_one_that_failed_is_not_enough() {
        let mut log = pledges_then_tabled();
        log.insert(3, at(3, tested(1, true)));
        bound_and_signed(&mut log);
        log.push(at(5, tested(1, false)));
        log.push(over(7, Outcome::DurablePeace));
        assert!(accord_facts(&log).durable_without_afghan_security);
    }

    #[test]
    fn refused_monitors_withdraw_the_verification_so_the_peace_counts() {
        let mut log = pledges_then_tabled();
        log.insert(
            2,
            at(
                3,
                LogEvent::MonitorsRefused {
                    id: TableId(1),
                    credibility: 60,
                },
            ),
        );
        bound_and_signed(&mut log);
        log.push(at(5, tested(1, true)));
        log.push(over(7, Outcome::DurablePeace));
        assert!(accord_facts(&log).durable_without_afghan_security);
    }

    #[test]
    fn an_unbound_afghan_pledge_does_not_carry_the_accord() {
        let mut log = pledges_then_tabled();
        log.push(at(4, LogEvent::CommitmentBound { id: TableId(2) }));
        log.push(at(4, vote(Seat::Pakistan, true)));
        log.push(at(4, vote(Seat::Afghanistan, true)));
        log.push(at(4, LogEvent::AccordSigned { until: 7 }));
        log.push(at(5, tested(1, true)));
        log.push(over(7, Outcome::DurablePeace));
        assert!(accord_facts(&log).durable_without_afghan_security);
    }

    #[test]
    fn a_breakdown_is_no_durable_peace() {
        let mut log = pledges_then_tabled();
        bound_and_signed(&mut log);
        log.push(at(5, tested(1, false)));
        log.push(at(
            5,
            LogEvent::CommitmentBroken {
                id: TableId(1),
                by: Seat::Afghanistan,
                basket: Basket::Security,
            },
        ));
        log.push(at(5, LogEvent::AccordBreached { id: TableId(1) }));
        log.push(over(
            5,
            Outcome::Breakdown(crate::engine::Breakdown::Escalation),
        ));
        let facts = accord_facts(&log);
        assert!(facts.signed);
        assert!(!facts.durable_without_afghan_security);
        assert_eq!(facts.implementation_rounds, Some(1));
    }

    #[test]
    fn an_accord_refused_then_signed_is_signed_once() {
        let mut log = pledges_then_tabled();
        log.push(at(4, vote(Seat::Pakistan, true)));
        log.push(at(4, vote(Seat::Afghanistan, false)));
        log.push(at(4, LogEvent::AccordRefused));
        assert!(!accord_facts(&log).signed, "a refused accord is not signed");
        log.push(at(5, LogEvent::AccordTabled));
        log.push(at(5, vote(Seat::Pakistan, true)));
        assert!(!accord_facts(&log).signed, "one vote is not a signature");
        log.push(at(5, vote(Seat::Afghanistan, true)));
        log.push(over(5, Outcome::FragileAccord));
        let facts = accord_facts(&log);
        assert!(facts.signed);
        assert!(!facts.durable_without_afghan_security);
        let totals = AccordTotals::of(&[facts, AccordFacts::default()]);
        assert_eq!(totals.signed, 1, "two games, one signed");
        assert_eq!(
            totals.mean_implementation_rounds, 0.0,
            "no implementation in version 1"
        );
    }

    #[test]
    fn the_mean_implementation_covers_only_the_games_signed_under_version_2() {
        let signed = |rounds| AccordFacts {
            signed: true,
            durable_without_afghan_security: false,
            implementation_rounds: Some(rounds),
        };
        let totals = AccordTotals::of(&[signed(2), signed(5), AccordFacts::default()]);
        assert_eq!(totals.signed, 2);
        assert_eq!(totals.mean_implementation_rounds, 3.5);
    }
}
