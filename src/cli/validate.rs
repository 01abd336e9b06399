//! `validate`: checks a scenario folder (or a built-in name) and reports every mistake, as
//! text or JSON.

use anyhow::Result;
use ceasefire::engine::Scenario;
use ceasefire::scenario::limits::escape_controls;
use ceasefire::scenario::{ScenarioError, ScenarioSource};
use serde_json::json;
use std::io::Write;
use std::process::ExitCode;

/// Exits 0 only when the scenario is valid; with `json`, prints its contents or its mistakes.
pub fn validate(path: &str, json: bool) -> Result<ExitCode> {
    let source = ScenarioSource::find(path);
    let unused = source
        .as_ref()
        .map_or_else(|_| Vec::new(), ScenarioSource::unused_files);
    let built = source.and_then(|source| source.build());
    let mut out = std::io::stdout().lock();
    // Not an error, but likely a surprise: a file of cards the game never reads.
    if !json {
        for file in &unused {
            eprintln!(
                "note: {} is not named in scenario.toml's [decks]: nothing in it is in the game",
                escape_controls(file)
            );
        }
    }
    match built {
        Ok(scenario) if json => {
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&scenario_json(&scenario))?
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Ok(scenario) => {
            writeln!(
                out,
                "{} is valid: {} cards, {} events, {} objectives, {} rounds.",
                scenario.title,
                scenario.cards.len(),
                scenario.events.len(),
                scenario.objectives.len(),
                scenario.rounds
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Err(error) if json => {
            writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&error_json(&error))?
            )?;
            Ok(ExitCode::FAILURE)
        }
        Err(error) => {
            eprintln!("{error}");
            Ok(ExitCode::FAILURE)
        }
    }
}

/// The valid scenario's cards, events and objectives.
fn scenario_json(scenario: &Scenario) -> serde_json::Value {
    json!({
        "valid": true,
        "name": scenario.name,
        "title": scenario.title,
        "rounds": scenario.rounds,
        "cards": scenario.cards.iter().map(|c| json!({
            "id": c.id, "name": c.name, "kind": c.kind.key(),
            "seats": c.seats.iter().map(|s| s.key()).collect::<Vec<_>>(), "cost": c.cost,
        })).collect::<Vec<_>>(),
        "events": scenario.events.iter().map(|e| json!({"id": e.id, "name": e.name})).collect::<Vec<_>>(),
        "objectives": scenario.objectives.iter().map(|o| json!({
            "id": o.id, "seat": o.seat.key(), "name": o.name,
        })).collect::<Vec<_>>(),
    })
}

/// `error` is the first problem, `errors` every problem shown (the first included), `count`
/// how many were found (shown or not) and `files` how many files they are in.
fn error_json(error: &ScenarioError) -> serde_json::Value {
    let one = |e: &ScenarioError| {
        json!({
            "file": e.file.display().to_string(),
            "line": e.line,
            "column": e.column,
            "message": e.message,
            "hint": e.hint,
        })
    };
    json!({
        "valid": false,
        "error": one(error),
        "errors": error.all().map(one).collect::<Vec<_>>(),
        "count": error.count(),
        "files": error.file_count(),
    })
}
