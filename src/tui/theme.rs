//! Colours and emphasis. With `NO_COLOR` set every style falls back to bold, dim, reversed and
//! underlined text; meaning is always also carried by words or symbols, never colour alone.

use ratatui::style::{Color, Modifier, Style};

/// The styles every screen draws with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Theme {
    /// Whether colour may be used.
    pub color: bool,
}

impl Theme {
    /// Colour unless the `NO_COLOR` convention (<https://no-color.org>) asks for none.
    pub fn from_env() -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme { color: !no_color }
    }

    /// A theme with colour switched on or off explicitly (tests, SSH connections).
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn tint(self, color: Color) -> Style {
        if self.color {
            Style::new().fg(color)
        } else {
            Style::new()
        }
    }

    /// Plain text.
    pub fn text(self) -> Style {
        Style::new()
    }

    /// Headings and titles.
    pub fn heading(self) -> Style {
        self.tint(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// Secondary text: flavour, unplayable cards, hints.
    pub fn dim(self) -> Style {
        self.tint(Color::DarkGray).add_modifier(Modifier::DIM)
    }

    /// Something going badly (a meter past its danger line, a broken pledge).
    pub fn danger(self) -> Style {
        self.tint(Color::Red).add_modifier(Modifier::BOLD)
    }

    /// Something to watch.
    pub fn warn(self) -> Style {
        self.tint(Color::Yellow)
    }

    /// Something going well (an agreed basket, an honoured pledge).
    pub fn good(self) -> Style {
        self.tint(Color::Green)
    }

    /// The selected row of a list.
    pub fn selected(self) -> Style {
        if self.color {
            Style::new()
                .bg(Color::Blue)
                .fg(Color::White)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }

    /// The border of the panel that has the keyboard.
    pub fn focus_border(self) -> Style {
        self.tint(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    /// The border of the other panels.
    pub fn border(self) -> Style {
        self.tint(Color::Gray)
    }

    /// Keys named in footers and help.
    pub fn key(self) -> Style {
        self.tint(Color::Yellow).add_modifier(Modifier::BOLD)
    }

    /// A seat's own colour, for its name in the log and on the board.
    pub fn seat(self, seat: crate::engine::Seat) -> Style {
        use crate::engine::Seat;
        self.tint(match seat {
            Seat::Pakistan => Color::LightGreen,
            Seat::Afghanistan => Color::LightRed,
            Seat::Mediator => Color::LightBlue,
        })
    }
}
