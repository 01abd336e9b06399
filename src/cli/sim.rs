//! `sim`: many headless games between bots, summarised as text, a balance report or JSON.

use super::args::SimArgs;
use super::values::seat_values;
use anyhow::Result;
use ceasefire::bot::Policy;
use ceasefire::engine::Scenario;
use ceasefire::scenario;
use ceasefire::sim::{self, SimConfig};
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

/// A built-in scenario by name, or a scenario folder.
fn load_scenario(name_or_path: &str) -> Result<Arc<Scenario>> {
    let scenario = scenario::load(name_or_path).map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(Arc::new(scenario))
}

/// Runs the games on a thread pool and prints the chosen summary.
pub fn simulate(args: SimArgs) -> Result<ExitCode> {
    use std::io::IsTerminal;
    let config = SimConfig {
        scenario: load_scenario(&args.scenario)?,
        games: args.games,
        seed: args.seed,
        // A bot per seat, `random` unless named.
        policies: seat_values([Policy::Random; 3], &args.seats),
        progress: std::io::stderr().is_terminal(),
    };
    let mut pool = rayon::ThreadPoolBuilder::new();
    if let Some(threads) = args.threads {
        pool = pool.num_threads(threads.max(1));
    }
    let report = pool.build()?.install(|| sim::run(&config));
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?;
    } else if args.report {
        write!(out, "{}", sim::render_report(&config, &report))?;
    } else {
        write!(out, "{}", sim::render_summary(&config, &report))?;
    }
    Ok(ExitCode::SUCCESS)
}
