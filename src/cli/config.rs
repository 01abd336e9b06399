//! `ceasefire config`: the keys' config file — print the defaults, or check a file.

use anyhow::{Context, Result};
use ceasefire::tui::keys;
use std::process::ExitCode;

/// Prints the default config file, or checks one (without a file: says where the game looks).
pub fn config(print_default: bool, check: Option<Option<std::path::PathBuf>>) -> Result<ExitCode> {
    if print_default {
        print!("{}", keys::default_config_toml());
        return Ok(ExitCode::SUCCESS);
    }
    let path = match &check {
        Some(Some(path)) => path.clone(),
        _ => keys::config_path().context("no config directory on this system")?,
    };
    if !path.exists() && !matches!(check, Some(Some(_))) {
        println!(
            "{}: not there, so the default keys are used.",
            path.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    if check.is_none() {
        println!("{}", path.display());
        return Ok(ExitCode::SUCCESS);
    }
    keys::load_config_file(&path)?;
    println!("{}: the keys are fine.", path.display());
    Ok(ExitCode::SUCCESS)
}
