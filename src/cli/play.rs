//! `play`, `load` and the title screen: the commands that open the terminal game, and the
//! options and checks they share with `replay`.

use super::args::{PlayArgs, UiArgs};
use super::values::{SeatChoice, seat_values};
use anyhow::{Result, bail};
use ceasefire::bot::Policy;
use ceasefire::save;
use ceasefire::table::Controller;
use ceasefire::tui::Speed;
use std::process::ExitCode;

/// The terminal game's options from the command line and the environment (and its keys from
/// the config file).
pub fn ui_options(ui: &UiArgs, speed: Speed) -> Result<ceasefire::tui::Options> {
    ceasefire::tui::keys::install_config()?;
    Ok(ceasefire::tui::Options {
        saves_dir: Some(save::saves_dir(ui.saves.as_deref())),
        speed,
        theme: ceasefire::tui::Theme::from_env(),
    })
}

/// Refuses to start the terminal game without a terminal to draw on.
pub fn require_terminal() -> Result<()> {
    use std::io::IsTerminal;
    if !std::io::stdout().is_terminal() || !std::io::stdin().is_terminal() {
        bail!(
            "the game needs a terminal to draw on; for headless games use `ceasefire sim`, \
             and to check a save `ceasefire replay FILE --verify`"
        );
    }
    Ok(())
}

/// No command: the title screen.
pub fn title(ui: &UiArgs) -> Result<ExitCode> {
    require_terminal()?;
    let app = ceasefire::tui::App::new(ui_options(ui, Speed::default())?);
    ceasefire::tui::run(app)?;
    Ok(ExitCode::SUCCESS)
}

/// `play`: a new game, checked (scenario, seats) before the terminal is needed.
pub fn play(args: PlayArgs, ui: &UiArgs) -> Result<ExitCode> {
    let options = ui_options(ui, args.speed.0)?;
    let seats = seat_controllers(&args.seats);
    let play = ceasefire::tui::Play::start(&args.scenario, seats, args.seed, &options)
        .map_err(anyhow::Error::msg)?;
    require_terminal()?;
    let app = ceasefire::tui::App::playing(options, play, std::time::Instant::now());
    ceasefire::tui::run(app)?;
    Ok(ExitCode::SUCCESS)
}

/// `load`: resumes a saved game.
pub fn load(file: &std::path::Path, speed: Speed, ui: &UiArgs) -> Result<ExitCode> {
    let options = ui_options(ui, speed)?;
    let play = ceasefire::tui::Play::load(file, &options).map_err(anyhow::Error::msg)?;
    require_terminal()?;
    let app = ceasefire::tui::App::playing(options, play, std::time::Instant::now());
    ceasefire::tui::run(app)?;
    Ok(ExitCode::SUCCESS)
}

/// `play`'s seats: Pakistan is a person and the other seats `normal` bots unless named.
fn seat_controllers(choices: &[SeatChoice<Controller>]) -> [Controller; 3] {
    let normal = Controller::Bot(Policy::Normal);
    seat_values([Controller::Human, normal, normal], choices)
}
