//! Entering and leaving the terminal's game mode (raw mode, alternate screen, mouse capture),
//! and making sure it is always left: on quit, on error, on panic and on the signals that end
//! a session (SIGTERM, SIGHUP when an SSH link drops, SIGINT, SIGQUIT).

use ratatui::crossterm::cursor::{MoveTo, Show};
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{Clear, ClearType};
use std::io::stdout;

/// Switches the terminal to game mode; a panic from here on restores it before the message.
pub fn enter() -> std::io::Result<ratatui::DefaultTerminal> {
    let terminal = ratatui::try_init()?;
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let _ = execute!(stdout(), Clear(ClearType::All), DisableMouseCapture, Show);
        previous(info);
    }));
    execute!(stdout(), EnableMouseCapture)?;
    Ok(terminal)
}

/// Gives the terminal back as it was. The game's screen is cleared before the alternate
/// screen is left: tmux (3.3a) otherwise copies rows of it into the shell's screen when the
/// window grew during the game.
pub fn leave() {
    let _ = execute!(
        stdout(),
        Clear(ClearType::All),
        MoveTo(0, 0),
        DisableMouseCapture,
        Show
    );
    ratatui::restore();
}

/// Restores the terminal and exits when a terminating signal arrives. Games are saved after
/// every action, so leaving at once loses nothing.
pub fn restore_on_signals() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGHUP, SIGINT, SIGQUIT])?;
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            leave();
            std::process::exit(128 + signal);
        }
    });
    Ok(())
}
