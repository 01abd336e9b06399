//! The terminal game: title, new-game, table, prompts, curtain and debrief screens drawn with
//! ratatui, driven by key and mouse events.
//!
//! Model–Update–View: [`App`] holds the UI state and the game in play; `handle` and `tick`
//! update it (time is passed in), `draw` renders it and changes nothing. Input arrives as
//! `ratatui::crossterm` events whatever their source, a local terminal here, so the same `App`
//! can serve other front ends. Only [`terminal`] touches the real terminal, and only [`run`]
//! waits for input; nothing here may change the rules (that is the engine's job).

pub mod app;
pub mod keys;
pub mod screens;
pub mod terminal;
pub mod theme;
pub mod tutorial;
pub mod widgets;

pub use app::{App, MIN_SIZE, Options, Speed};
pub use screens::{Play, Replay};
pub use theme::Theme;

use ratatui::crossterm::event;
use ratatui::layout::Rect;
use std::time::Instant;

/// Runs `app` in the real terminal until the player quits. The terminal is restored on the
/// way out, whatever happens (quit, error, panic, SIGTERM, SIGHUP).
pub fn run(mut app: App) -> std::io::Result<()> {
    let mut term = terminal::enter()?;
    terminal::restore_on_signals()?;
    let result = event_loop(&mut term, &mut app);
    terminal::leave();
    result
}

/// Draw, then wait for input, or for the next bot move when one is due. Waiting for a
/// person blocks in `read`: an idle game uses no CPU.
fn event_loop(term: &mut ratatui::DefaultTerminal, app: &mut App) -> std::io::Result<()> {
    loop {
        let size = term.size()?;
        app.resize(Rect::new(0, 0, size.width, size.height));
        term.draw(|frame| app.draw(frame))?;
        if app.should_quit() {
            return Ok(());
        }
        let input = match app.wake_at() {
            Some(at) => {
                let wait = at.saturating_duration_since(Instant::now());
                if event::poll(wait)? {
                    Some(event::read()?)
                } else {
                    None
                }
            }
            None => Some(event::read()?),
        };
        let now = Instant::now();
        if let Some(input) = input {
            app.handle(&input, now);
        }
        app.tick(now);
    }
}
