//! The `ceasefire` command line: play, validate scenarios, simulate, serve.
//!
//! This file parses the command line, hands each command to its module under `cli/`, and maps
//! the outcome to an exit code: 0 on success, 1 when a command fails, 2 for a usage error
//! (clap's convention: an unknown option or a bad value, with the valid choices listed).

mod cli;

use clap::Parser;
use cli::args::{Cli, Command};
use cli::{config, docs, play, saves, serve, sim, validate};
use std::process::ExitCode;

fn main() -> ExitCode {
    // Usage errors exit 2 here, with clap's message.
    let cli = Cli::parse();
    let ui = &cli.ui;
    let result = match cli.command {
        None => play::title(ui),
        Some(Command::Play(args)) => play::play(args, ui),
        Some(Command::Load { file, speed }) => play::load(&file, speed.0, ui),
        Some(Command::Validate { path, json }) => validate::validate(&path, json),
        Some(Command::Sim(args)) => sim::simulate(args),
        Some(Command::Replay { file, verify }) => saves::replay(&file, verify, ui),
        Some(Command::Inspect { file, json }) => saves::inspect(&file, json),
        Some(Command::Report { saves, out, format }) => {
            saves::report(&saves, out.as_deref(), format)
        }
        Some(Command::Serve(args)) => serve::serve(*args, ui),
        Some(Command::Facilitate { host, port }) => serve::facilitate(&host, port),
        Some(Command::Completions { shell }) => docs::completions(shell),
        Some(Command::Man { out }) => docs::man(out.as_deref()),
        Some(Command::Config {
            print_default,
            check,
        }) => config::config(print_default, check),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            // A reader that stops early (`| head`) is not a failure.
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {}", error_text(&error));
            ExitCode::FAILURE
        }
    }
}

/// True when the error is writing to a closed pipe.
fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error
        .downcast_ref::<std::io::Error>()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
}

/// An error and its causes on one line, leaving out a cause the message already quotes.
fn error_text(error: &anyhow::Error) -> String {
    let mut text = error.to_string();
    for cause in error.chain().skip(1) {
        let cause = cause.to_string();
        if !text.contains(&cause) {
            text = format!("{text}: {cause}");
        }
    }
    text
}
