//! The balance report's checks and the measured advice for a miss.
//!
//! A check is missed when an outcome the design wants is rarer than its target, or when one
//! outcome takes more than half the games. For a miss the report does not recite a fixed
//! list: it runs a small probe (a few candidate knobs, one step down and one step up, on the
//! same seeded games) and advises the knobs that moved the missed share most, with the shares
//! it measured. A move smaller than twice its standard error is offered as possibly noise.

use super::knobs::Knob;
use super::sweep::Share;
use super::{SimConfig, SimReport, run};
use crate::engine::OutcomeKind;
use crate::scenario::ScenarioSource;
use std::sync::Arc;
use std::time::Instant;

/// The least share (in %) the design wants of durable peace, of the fragile outcomes
/// together, and of breakdown.
pub const TARGET_MIN: f64 = 10.0;
/// The most share (in %) any one outcome may take before the report flags it.
pub const TARGET_MAX: f64 = 50.0;

/// The knobs the probe tries, with the step it moves each by (down and up from the
/// scenario's value, within the setting's range): starting Trust and Security, each side's
/// enforcement capacity, the Trust a durable peace needs, and the chance a hard line
/// escalates.
pub const CANDIDATES: [(&str, i64); 6] = [
    ("meters.trust", 10),
    ("meters.security", 10),
    ("enforcement.pakistan", 15),
    ("enforcement.afghanistan", 15),
    ("rules.durable_trust", 10),
    ("rules.hardline_escalation_chance", 15),
];

/// The knobs the probe tries on `scenario`: the [`CANDIDATES`] and each actor's starting
/// strength (step 10), since an actor's strength is a scenario's own knob of fragmented
/// enforcement.
pub fn candidates(scenario: &crate::engine::Scenario) -> Vec<(String, i64)> {
    CANDIDATES
        .iter()
        .map(|&(key, step)| (key.to_string(), step))
        .chain(
            scenario
                .actors
                .iter()
                .map(|a| (format!("actors.{}.strength", a.id), 10)),
        )
        .collect()
}

/// One check of the report against the design's targets.
#[derive(Clone, Debug, PartialEq)]
pub struct Check {
    /// What is measured, for people (`durable peace`, `fragile outcomes`).
    pub name: String,
    /// The outcomes whose shares are added.
    pub outcomes: Vec<OutcomeKind>,
    /// Their share of the games, in %.
    pub share: f64,
    /// True for a minimum (at least [`TARGET_MIN`]), false for the cap ([`TARGET_MAX`]).
    pub minimum: bool,
}

impl Check {
    /// True when the share is on the wrong side of its target.
    pub fn missed(&self) -> bool {
        if self.minimum {
            self.share < TARGET_MIN
        } else {
            self.share > TARGET_MAX
        }
    }
}

/// The sum of the shares (0–1) of `outcomes` in an array ordered as [`OutcomeKind::ALL`].
fn share_of(shares: &[f64; 5], outcomes: &[OutcomeKind]) -> f64 {
    OutcomeKind::ALL
        .iter()
        .zip(shares)
        .filter(|(k, _)| outcomes.contains(k))
        .map(|(_, s)| s)
        .sum()
}

fn shares(report: &SimReport) -> [f64; 5] {
    OutcomeKind::ALL.map(|k| Share::of(report, k).share)
}

/// The report's checks: the three minimums, then the cap for every outcome above it (an
/// outcome at or under the cap is not listed as a check of its own).
pub fn checks(report: &SimReport) -> Vec<Check> {
    let shares = shares(report);
    let minimum = |name: &str, outcomes: Vec<OutcomeKind>| Check {
        name: name.into(),
        share: 100.0 * share_of(&shares, &outcomes),
        outcomes,
        minimum: true,
    };
    let mut out = vec![
        minimum("durable peace", vec![OutcomeKind::DurablePeace]),
        minimum(
            "fragile outcomes",
            vec![OutcomeKind::FragileAccord, OutcomeKind::FragilePause],
        ),
        minimum("breakdown", vec![OutcomeKind::Breakdown]),
    ];
    for (kind, share) in OutcomeKind::ALL.iter().zip(shares) {
        if 100.0 * share > TARGET_MAX {
            out.push(Check {
                name: super::sweep::outcome_name(*kind),
                outcomes: vec![*kind],
                share: 100.0 * share,
                minimum: false,
            });
        }
    }
    out
}

/// What one step of one knob did to the outcome shares.
#[derive(Clone, Debug, PartialEq)]
pub struct Effect {
    /// The knob's key.
    pub key: String,
    /// The scenario's value.
    pub from: i64,
    /// The value tried.
    pub to: i64,
    /// Shares (0–1) of the probe's games at the scenario's value, in [`OutcomeKind::ALL`] order.
    pub before: [f64; 5],
    /// The same at the value tried.
    pub after: [f64; 5],
}

/// A finished probe: every effect measured and what it cost.
#[derive(Clone, Debug)]
pub struct Probe {
    /// Games per value.
    pub games: u32,
    /// Simulations run, the scenario's own values included.
    pub runs: u32,
    /// Wall-clock seconds the probe took.
    pub seconds: f64,
    /// One per knob and direction tried.
    pub effects: Vec<Effect>,
}

/// Plays `games` of `config`'s games at the scenario's values and at one step down and up of
/// each of the [`candidates`] (a step out of the setting's range, or that the scenario does
/// not build with, is left out).
pub fn probe(source: &ScenarioSource, config: &SimConfig, games: u32) -> Probe {
    let started = Instant::now();
    let quick = SimConfig {
        games,
        progress: false,
        ..config.clone()
    };
    let before = shares(&run(&quick));
    let mut runs = 1;
    let mut effects = Vec::new();
    for (key, step) in candidates(&config.scenario) {
        let Ok(knob) = Knob::parse(&key) else {
            continue;
        };
        let Some(from) = knob.current(&config.scenario) else {
            continue;
        };
        for to in [from - step, from + step] {
            let Ok(value) = knob.value(&to.to_string()) else {
                continue;
            };
            let Ok(scenario) = knob.apply(source, &value) else {
                continue;
            };
            let report = run(&SimConfig {
                scenario: Arc::new(scenario),
                ..quick.clone()
            });
            runs += 1;
            effects.push(Effect {
                key: knob.key(),
                from,
                to,
                before,
                after: shares(&report),
            });
        }
    }
    Probe {
        games,
        runs,
        seconds: started.elapsed().as_secs_f64(),
        effects,
    }
}

/// A step the probe measured that moved a missed check the right way.
#[derive(Clone, Debug, PartialEq)]
pub struct Advice<'a> {
    /// The step.
    pub effect: &'a Effect,
    /// The check's share before, in %.
    pub before: f64,
    /// And after, in %.
    pub after: f64,
    /// True when the move is at least twice its standard error on the probe's games; false
    /// when it could be noise.
    pub clear: bool,
}

/// The steps that moved `check` the way it needs (up for a minimum, down for the cap), at
/// most `count`: clear moves first, then by size.
pub fn advise<'a>(probe: &'a Probe, check: &Check, count: usize) -> Vec<Advice<'a>> {
    let n = f64::from(probe.games.max(1));
    let gain = |a: &Advice| {
        if check.minimum {
            a.after - a.before
        } else {
            a.before - a.after
        }
    };
    let mut moves: Vec<Advice> = probe
        .effects
        .iter()
        .map(|effect| {
            let before = 100.0 * share_of(&effect.before, &check.outcomes);
            let after = 100.0 * share_of(&effect.after, &check.outcomes);
            let (p, q) = (before / 100.0, after / 100.0);
            let error = 100.0 * ((p * (1.0 - p) + q * (1.0 - q)) / n).sqrt();
            Advice {
                effect,
                before,
                after,
                clear: (after - before).abs() >= 2.0 * error,
            }
        })
        .filter(|a| gain(a) > 0.0)
        .collect();
    moves.sort_by(|a, b| b.clear.cmp(&a.clear).then(gain(b).total_cmp(&gain(a))));
    moves.truncate(count);
    moves
}

#[cfg(test)]
mod tests {
    use super::*;

    fn effect(key: &str, durable_after: f64) -> Effect {
        Effect {
            key: key.into(),
            from: 40,
            to: 55,
            before: [0.05, 0.1, 0.6, 0.05, 0.2],
            after: [durable_after, 0.1, 0.6 - (durable_after - 0.05), 0.05, 0.2],
        }
    }

    #[test]
    fn advice_ranks_clear_moves_first_and_drops_the_wrong_way() {
        let probe = Probe {
            games: 400,
            runs: 4,
            seconds: 0.0,
            effects: vec![
                effect("meters.trust", 0.06),
                effect("enforcement.afghanistan", 0.15),
                effect("rules.durable_trust", 0.10),
                effect("meters.security", 0.01),
            ],
        };
        let durable = Check {
            name: "durable peace".into(),
            outcomes: vec![OutcomeKind::DurablePeace],
            share: 5.0,
            minimum: true,
        };
        let advice = advise(&probe, &durable, 4);
        let keys: Vec<&str> = advice.iter().map(|a| a.effect.key.as_str()).collect();
        // +1 point on 400 games could be noise, so it comes last; a fall is the wrong way.
        assert_eq!(
            keys,
            [
                "enforcement.afghanistan",
                "rules.durable_trust",
                "meters.trust"
            ]
        );
        let clear: Vec<bool> = advice.iter().map(|a| a.clear).collect();
        assert_eq!(clear, [true, true, false]);
        assert!((advice[0].after - 15.0).abs() < 1e-9);
        let pause = Check {
            name: "fragile pause".into(),
            outcomes: vec![OutcomeKind::FragilePause],
            share: 60.0,
            minimum: false,
        };
        assert_eq!(
            advise(&probe, &pause, 1)[0].effect.key,
            "enforcement.afghanistan"
        );
    }

    #[test]
    fn an_outcome_above_half_is_a_missed_check() {
        let over = Check {
            name: "fragile pause".into(),
            outcomes: vec![OutcomeKind::FragilePause],
            share: 62.0,
            minimum: false,
        };
        assert!(over.missed());
        assert!(
            !Check {
                share: 50.0,
                ..over
            }
            .missed()
        );
    }
}
