//! The "resize me" screen shown when the terminal is smaller than the game needs.

use crate::tui::app::MIN_SIZE;
use crate::tui::theme::Theme;
use ratatui::prelude::*;
use ratatui::widgets::{Paragraph, Wrap};

/// Asks for a bigger terminal, naming the size needed and the size now; `asking_quit` when
/// the player pressed the quit key and must confirm. `keys` name the keys of quit, yes and no
/// on the screen behind.
pub fn draw(frame: &mut Frame, theme: Theme, asking_quit: bool, keys: [String; 3]) {
    let [quit, yes, no] = keys;
    let area = frame.area();
    let text = vec![
        Line::styled("Ceasefire", theme.heading()),
        Line::raw(format!(
            "needs a terminal of at least {}x{}; this one is {}x{}.",
            MIN_SIZE.0, MIN_SIZE.1, area.width, area.height
        )),
        Line::raw(if asking_quit {
            format!("Quit Ceasefire? {yes} quits, {no} stays.")
        } else {
            format!("Please make the window larger. ({quit} quits)")
        }),
    ];
    let height = 5.min(area.height);
    let y = area.y + area.height.saturating_sub(height) / 2;
    frame.render_widget(
        Paragraph::new(text)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        Rect { y, height, ..area },
    );
}
