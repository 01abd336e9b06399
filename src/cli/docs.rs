//! `completions` and `man`: the command line describing itself, for shells and `man`.
//!
//! Both are generated from the same clap definition as the parser, so they cannot drift.

use super::args::Cli;
use anyhow::{Context, Result};
use clap::CommandFactory;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// Prints `shell`'s completion script for `ceasefire` to standard output.
pub fn completions(shell: clap_complete::Shell) -> Result<ExitCode> {
    // Generated into memory first: the generator panics on a write error (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "ceasefire", &mut script);
    std::io::stdout().lock().write_all(&script)?;
    Ok(ExitCode::SUCCESS)
}

/// Prints the roff manual page of `ceasefire`, or with `out` writes one page per command
/// (`ceasefire.1`, `ceasefire-play.1`, …) into that folder.
pub fn man(out: Option<&Path>) -> Result<ExitCode> {
    // `help` has no page of its own (`generate_to` leaves it out): the top page must not list it.
    let command = Cli::command().disable_help_subcommand(true);
    let Some(dir) = out else {
        let mut page = Vec::new();
        clap_mangen::Man::new(command).render(&mut page)?;
        std::io::stdout().lock().write_all(&page)?;
        return Ok(ExitCode::SUCCESS);
    };
    std::fs::create_dir_all(dir).with_context(|| format!("{}", dir.display()))?;
    clap_mangen::generate_to(command, dir).with_context(|| format!("{}", dir.display()))?;
    eprintln!("wrote the manual pages to {}", dir.display());
    Ok(ExitCode::SUCCESS)
}
