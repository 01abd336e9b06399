//! `serve` and `facilitate`: the SSH server, and the facilitator's way into its console.

use super::args::{ServeArgs, UiArgs};
use super::values::seat_values;
use anyhow::{Context, Result};
use ceasefire::save;
use ceasefire::scenario::ScenarioSource;
use std::process::ExitCode;

/// Runs the server until it is stopped.
pub fn serve(args: ServeArgs, ui: &UiArgs) -> Result<ExitCode> {
    // Seats named here get a bot; the others wait for players.
    let named: Vec<_> = args.seats.iter().map(|choice| choice.map(Some)).collect();
    let bots = seat_values([None; 3], &named);
    let host_key = args.host_key.unwrap_or_else(|| {
        dirs::data_dir()
            .unwrap_or_else(|| std::path::PathBuf::from("."))
            .join("ceasefire")
            .join("host_ed25519")
    });
    let config = ceasefire::server::ServeConfig {
        bind: args.bind,
        scenario: ScenarioSource::find(&args.scenario).map_err(|e| anyhow::anyhow!("{e}"))?,
        bots,
        seed: args.seed.unwrap_or_else(ceasefire::table::seed_from_time),
        tables: args.tables,
        host_key,
        password: args.password,
        authorized_keys: args.authorized_keys,
        facilitator_password: args.facilitator_password,
        open: args.open,
        resume: args.resume,
        saves_dir: Some(save::saves_dir(ui.saves.as_deref())),
        max_connections: args.max_connections,
        max_per_address: args.max_per_address,
        login_grace: std::time::Duration::from_secs(args.login_seconds.max(1)),
        idle_timeout: std::time::Duration::from_secs(
            args.idle_seconds
                .unwrap_or(args.idle_minutes.saturating_mul(60))
                .max(1),
        ),
        bot_delay: std::time::Duration::from_millis(args.bot_delay_ms),
        log: args.log,
        workers: args.workers.map(usize::from),
        room: ceasefire::server::room::RoomRules {
            open_seats: args.open_seats,
            team_size: usize::from(args.team_size),
            lobby_seed: args.lobby_seed,
            max_tables: args.max_tables.max(1),
            tables_per_user: args.tables_per_user.max(1),
            reclaim_after: std::time::Duration::from_secs(args.reclaim_minutes.max(1) * 60),
            ..Default::default()
        },
    };
    ceasefire::tui::keys::install_config()?;
    ceasefire::server::run(config)?;
    Ok(ExitCode::SUCCESS)
}

/// The console is served over SSH like every seat; this opens it with the user's own `ssh`.
pub fn facilitate(host: &str, port: u16) -> Result<ExitCode> {
    let status = std::process::Command::new("ssh")
        .args(["-t", "-p", &port.to_string()])
        .arg(format!("facilitator@{host}"))
        .status()
        .context("could not run `ssh`: install the OpenSSH client")?;
    Ok(match status.code() {
        Some(0) => ExitCode::SUCCESS,
        _ => ExitCode::FAILURE,
    })
}
