//! `sim`: many headless games between bots, summarised as text, a balance report, a sweep of
//! one setting or JSON.

use super::args::SimArgs;
use super::values::seat_values;
use anyhow::Result;
use ceasefire::bot::Policy;
use ceasefire::scenario::ScenarioSource;
use ceasefire::sim::{self, SimConfig, advice, sweep};
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

/// Runs the games on a thread pool and prints the chosen summary.
pub fn simulate(args: SimArgs) -> Result<ExitCode> {
    use std::io::IsTerminal;
    let source = ScenarioSource::find(&args.scenario).map_err(|e| anyhow::anyhow!("{e}"))?;
    let scenario = source.build().map_err(|e| anyhow::anyhow!("{e}"))?;
    // A bot per seat, `random` unless named.
    let policies = seat_values([Policy::Random; 3], &args.seats);
    let config = SimConfig {
        scenario: Arc::new(scenario),
        scenario_arg: args.scenario.clone(),
        games: args.games,
        seed: args.seed,
        decision_times: args.decision_times || policies.iter().any(|p| p.thinks()),
        policies,
        progress: std::io::stderr().is_terminal(),
    };
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(threads) = args.threads {
        pool = pool.num_threads(threads.max(1));
    }
    let pool = pool.build()?;
    let mut out = std::io::stdout().lock();
    if let Some(spec) = &args.sweep {
        let swept = match pool.install(|| sweep::sweep(&source, &config, spec)) {
            Ok(swept) => swept,
            // A value the scenario cannot be built with is a bad value, like one out of range.
            Err(error) => {
                eprintln!("error: --sweep {error}");
                return Ok(ExitCode::from(2));
            }
        };
        if args.json {
            writeln!(out, "{}", serde_json::to_string_pretty(&swept)?)?;
        } else {
            write!(out, "{}", sweep::render_sweep(&config, &swept))?;
        }
        return Ok(ExitCode::SUCCESS);
    }
    let report = pool.install(|| sim::run(&config));
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else if args.report {
        let missed = advice::checks(&report).iter().any(advice::Check::missed);
        let probe = (missed && args.probe_games > 0).then(|| {
            let games = args.probe_games.min(args.games);
            if config.progress {
                eprintln!(
                    "A target is missed: probing {} knobs, one step down and up ({} games a \
                     value)…",
                    advice::candidates(&config.scenario).len(),
                    games
                );
            }
            pool.install(|| advice::probe(&source, &config, games))
        });
        write!(
            out,
            "{}",
            sim::render_report(&config, &report, probe.as_ref())
        )?;
    } else {
        write!(out, "{}", sim::render_summary(&config, &report))?;
    }
    Ok(ExitCode::SUCCESS)
}
