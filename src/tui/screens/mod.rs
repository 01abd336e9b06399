//! One module per screen (a file, or a folder split by job for the larger ones). Each
//! screen's state handles keys and mouse clicks and says what should happen next
//! ([`crate::tui::app::Step`]); its `draw` reads the state and the game.

pub mod debrief;
pub mod help;
pub mod play;
pub mod recap;
pub mod replay;
pub mod rules;
pub mod saves;
pub mod setup;
pub mod small;
pub mod table;
pub mod title;

pub use play::Play;
pub use replay::Replay;

use ratatui::layout::{Position, Rect};

/// The index of the rectangle in `rows` that holds the point (`column`, `row`).
pub fn hit(rows: &[Rect], column: u16, row: u16) -> Option<usize> {
    rows.iter()
        .position(|r| r.contains(Position::new(column, row)))
}
