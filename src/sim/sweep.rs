//! `sim --sweep KEY=A,B,C`: the same simulation (seed, games, bots) once per value of one
//! scenario setting, summarised as outcome shares and mean scores per value.
//!
//! Every value plays the same seeded games, so a difference between two rows comes from the
//! setting (and the bots' reaction to it), not from a different draw of games.

use super::knobs::{Knob, KnobError};
use super::report::header;
use super::stats::wilson_interval;
use super::{SimConfig, SimReport, run};
use crate::engine::{OutcomeKind, Seat};
use crate::scenario::ScenarioSource;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Arc;

/// A knob and the values to try, as `--sweep KEY=A,B,C` gives them.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepSpec {
    /// The setting varied.
    pub knob: Knob,
    /// Its values, in the order given; each already checked against the setting's range.
    pub values: Vec<toml::Value>,
}

impl SweepSpec {
    /// Reads `KEY=A,B,C`: a known key and at least one value, each in the key's range.
    pub fn parse(text: &str) -> Result<SweepSpec, KnobError> {
        let (key, values) = text.split_once('=').unwrap_or((text, ""));
        let knob = Knob::parse(key.trim())?;
        let values = values
            .split(',')
            .filter(|v| !v.trim().is_empty())
            .map(|v| knob.value(v))
            .collect::<Result<Vec<_>, _>>()?;
        if values.is_empty() {
            return Err(KnobError::BadValue {
                key: knob.key(),
                value: String::new(),
                reason: "give the values to try after `=`, separated by commas".into(),
            });
        }
        Ok(SweepSpec { knob, values })
    }
}

/// One outcome's share of a run's games.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct Share {
    /// Games that ended in it.
    pub games: u32,
    /// Its share of the games, 0–1.
    pub share: f64,
    /// The 95% Wilson interval of the share, 0–1.
    pub ci95: [f64; 2],
}

impl Share {
    /// The share of `outcome` in a run.
    pub fn of(report: &SimReport, outcome: OutcomeKind) -> Share {
        let games = report.outcomes.get(outcome.key()).copied().unwrap_or(0);
        let (low, high) = wilson_interval(u64::from(games), u64::from(report.games));
        Share {
            games,
            share: f64::from(games) / f64::from(report.games.max(1)),
            ci95: [low, high],
        }
    }
}

/// The results for one value of the knob.
#[derive(Clone, Debug, Serialize)]
pub struct SweepRow {
    /// The value.
    pub value: toml::Value,
    /// True when it is the value the scenario itself uses.
    pub current: bool,
    /// Share of each outcome, by outcome key (`durable_peace`, …).
    pub outcomes: BTreeMap<&'static str, Share>,
    /// Mean total score per seat.
    pub mean_score: BTreeMap<&'static str, f64>,
    /// Half-width of the 95% interval of each mean score.
    pub score_ci95: BTreeMap<&'static str, f64>,
}

/// A whole sweep.
#[derive(Clone, Debug, Serialize)]
pub struct Sweep {
    /// The key varied.
    pub key: String,
    /// The scenario's own value of it, when a number.
    pub current: Option<i64>,
    /// Games per value.
    pub games: u32,
    /// Master seed, the same for every value.
    pub seed: u64,
    /// The bot at each seat.
    pub seats: BTreeMap<&'static str, &'static str>,
    /// One row per value, in the order given.
    pub rows: Vec<SweepRow>,
}

/// Runs `config` once per value of `spec`, each on the scenario of `source` with that value.
/// Every value is built before any game is played, so a refused one costs no time.
pub fn sweep(
    source: &ScenarioSource,
    config: &SimConfig,
    spec: &SweepSpec,
) -> Result<Sweep, KnobError> {
    let scenarios = spec
        .values
        .iter()
        .map(|value| spec.knob.apply(source, value).map(Arc::new))
        .collect::<Result<Vec<_>, _>>()?;
    let current = spec.knob.current(&config.scenario);
    let rows = spec
        .values
        .iter()
        .zip(scenarios)
        .map(|(value, scenario)| {
            let report = run(&SimConfig {
                scenario,
                ..config.clone()
            });
            row(value, current, &report)
        })
        .collect();
    Ok(Sweep {
        key: spec.knob.key(),
        current,
        games: config.games,
        seed: config.seed,
        seats: Seat::ALL
            .iter()
            .map(|s| (s.key(), config.policies[s.index()].key()))
            .collect(),
        rows,
    })
}

fn row(value: &toml::Value, current: Option<i64>, report: &SimReport) -> SweepRow {
    SweepRow {
        value: value.clone(),
        current: current.is_some() && value.as_integer() == current,
        outcomes: OutcomeKind::ALL
            .iter()
            .map(|k| (k.key(), Share::of(report, *k)))
            .collect(),
        mean_score: report.mean_score.clone(),
        score_ci95: report.score_ci95.clone(),
    }
}

/// The outcome's name for people (`durable peace`).
pub fn outcome_name(outcome: OutcomeKind) -> String {
    outcome.key().replace('_', " ")
}

/// The sweep as a table: one line per value, outcome shares with their 95% intervals, then
/// the mean score of each seat.
pub fn render_sweep(config: &SimConfig, sweep: &Sweep) -> String {
    let mut out = header(config, sweep.games);
    let _ = writeln!(
        out,
        "Sweep of {} ({}): the same {} games for each value\n",
        sweep.key,
        sweep
            .current
            .map_or("the scenario's value is not a number".into(), |v| format!(
                "the scenario's value: {v}"
            )),
        sweep.games
    );
    let _ = write!(out, "{:>8}", "value");
    for outcome in OutcomeKind::ALL {
        let _ = write!(out, "  {:<17}", outcome_name(outcome));
    }
    for seat in Seat::ALL {
        let _ = write!(out, " {:>11}", seat.key());
    }
    out.push('\n');
    for row in &sweep.rows {
        let mark = if row.current { "*" } else { " " };
        let _ = write!(out, "{:>7}{mark}", row.value.to_string());
        for outcome in OutcomeKind::ALL {
            let s = row.outcomes[outcome.key()];
            let _ = write!(
                out,
                "  {:>5.1}% {:>4.1}–{:<5.1}",
                100.0 * s.share,
                100.0 * s.ci95[0],
                100.0 * s.ci95[1]
            );
        }
        for seat in Seat::ALL {
            let _ = write!(out, " {:>11.2}", row.mean_score[seat.key()]);
        }
        out.push('\n');
    }
    out.push_str(
        "\nShares are % of games with the 95% interval; scores are mean points per seat.\n",
    );
    if sweep.rows.iter().any(|r| r.current) {
        out.push_str("* the scenario's own value\n");
    }
    out
}
