//! The commands that read saves: `replay` (in the terminal, or `--verify` headless),
//! `inspect` and `report`.

use super::args::UiArgs;
use super::play::{require_terminal, ui_options};
use super::values::ReportFormat;
use anyhow::Result;
use ceasefire::save;
use ceasefire::tui::Speed;
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;

/// Steps through a save in the terminal, or with `verify` replays it headless and checks its
/// digest (loading fails on a mismatch).
pub fn replay(file: &std::path::Path, verify: bool, ui: &UiArgs) -> Result<ExitCode> {
    let loaded = save::load(file)?;
    if !verify {
        require_terminal()?;
        let viewer = ceasefire::tui::Replay::new(loaded.file, &loaded.game);
        let app = ceasefire::tui::App::replaying(ui_options(ui, Speed::default())?, viewer);
        ceasefire::tui::run(app)?;
        return Ok(ExitCode::SUCCESS);
    }
    let outcome = loaded
        .game
        .outcome()
        .map_or("in progress".to_string(), |o| o.to_string());
    let (version, digest) = &loaded.on_disk;
    let older = if *version < save::CURRENT_VERSION {
        format!(
            " (format version {version}, checked by its own digest, which does not cover {}; its next save writes version {})",
            loaded.file.unverified().join(", "),
            save::CURRENT_VERSION
        )
    } else {
        String::new()
    };
    println!(
        "{}: verified — {} actions replay to digest {digest}{older} (round {}, {outcome}).",
        file.display(),
        loaded.file.actions.len(),
        loaded.game.round()
    );
    Ok(ExitCode::SUCCESS)
}

/// Prints a save's rules version, round, meters, outcome and number of actions.
pub fn inspect(file: &std::path::Path, json: bool) -> Result<ExitCode> {
    let loaded = save::load(file)?;
    let game = &loaded.game;
    let meters: serde_json::Map<String, serde_json::Value> = ceasefire::engine::Meter::ALL
        .iter()
        .map(|m| (m.key().to_string(), json!(game.meters().get(*m))))
        .collect();
    if json {
        let value = json!({
            "scenario": game.scenario().name,
            "seed": game.seed(),
            "round": game.round(),
            "rules": loaded.file.rules_version(),
            "meters": meters,
            "outcome": game.outcome().map(|o| o.kind().key()),
            "actions": game.actions().len(),
        });
        println!("{}", serde_json::to_string_pretty(&value)?);
    } else {
        // The save's texts are not trusted to be free of terminal escapes.
        println!(
            "{} — seed {}, round {}, rules version {}",
            ceasefire::scenario::limits::escape_controls(&game.scenario().title),
            game.seed(),
            game.round(),
            loaded.file.rules_version()
        );
        for meter in ceasefire::engine::Meter::ALL {
            let name = game.scenario().meter_name(meter);
            println!("  {name:<20} {}", game.meters().get(meter));
        }
        let outcome = game
            .outcome()
            .map_or("in progress".to_string(), |o| o.to_string());
        println!("{} actions; {outcome}", game.actions().len());
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the after-action report of `saves` to `out` (or standard output).
pub fn report(
    saves: &[std::path::PathBuf],
    out: Option<&std::path::Path>,
    format: ReportFormat,
) -> Result<ExitCode> {
    let mut games = Vec::new();
    for path in saves {
        let loaded = save::load(path)?;
        let name = path.file_stem().map_or_else(
            || path.display().to_string(),
            |s| s.to_string_lossy().to_string(),
        );
        games.push((name, loaded.file, loaded.game));
    }
    let bundle = ceasefire::report::bundle(&games);
    let text = if format == ReportFormat::Json {
        serde_json::to_string_pretty(&bundle)? + "\n"
    } else {
        ceasefire::report::to_markdown(&bundle)
    };
    match out {
        Some(path) => {
            save::write_atomic(path, text.as_bytes())?;
            eprintln!("wrote {}", path.display());
        }
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
