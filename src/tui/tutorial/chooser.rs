//! The title screen's question before a tutorial: which seat will you learn? Each seat has
//! its own steps. It says what was chosen; the title screen starts the tutorial.

use crate::engine::Seat;
use crate::tui::keys::{self, MenuCommand};
use crate::tui::screens::hit;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup::{box_line, centered};
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::prelude::*;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

/// The seats offered, with what each one's tutorial teaches.
const SEATS: [(Seat, &str, &str); 3] = [
    (
        Seat::Pakistan,
        "Pakistan",
        "demand action, pledge in return, sign",
    ),
    (
        Seat::Afghanistan,
        "Afghanistan",
        "answer demands, decide on monitors",
    ),
    (
        Seat::Mediator,
        "The mediators",
        "verify pledges, table the accord",
    ),
];

/// What the person chose.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Chosen {
    /// Still choosing.
    Not,
    /// Learn this seat.
    Seat(Seat),
    /// Back to the title.
    Back,
}

/// The seat chooser: the highlighted seat.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SeatChooser {
    selected: usize,
}

impl SeatChooser {
    /// Reacts to a key.
    pub fn handle(&mut self, command: Option<MenuCommand>) -> Chosen {
        let n = SEATS.len();
        match command {
            Some(MenuCommand::Up) => self.selected = (self.selected + n - 1) % n,
            Some(MenuCommand::Down) => self.selected = (self.selected + 1) % n,
            Some(MenuCommand::Confirm) => return Chosen::Seat(SEATS[self.selected].0),
            Some(MenuCommand::Back) => return Chosen::Back,
            _ => {}
        }
        Chosen::Not
    }

    /// Reacts to a click: a seat is chosen; a click outside the box goes back.
    pub fn mouse(&mut self, mouse: MouseEvent, area: Rect) -> Chosen {
        if !matches!(mouse.kind, MouseEventKind::Down(MouseButton::Left)) {
            return Chosen::Not;
        }
        if let Some(i) = hit(&rows(area), mouse.column, mouse.row) {
            self.selected = i;
            return Chosen::Seat(SEATS[i].0);
        }
        if box_area(area).contains(Position::new(mouse.column, mouse.row)) {
            Chosen::Not
        } else {
            Chosen::Back
        }
    }

    /// Draws the question over the title screen.
    pub fn draw(&self, frame: &mut Frame, theme: Theme) {
        let area = frame.area();
        let outer = box_area(area);
        frame.render_widget(Clear, outer);
        frame.render_widget(
            Block::bordered()
                .border_type(BorderType::Double)
                .border_style(theme.border())
                .title(Line::styled(" Tutorial ", theme.heading())),
            outer,
        );
        frame.render_widget(
            Paragraph::new("Which seat will you learn? Each has its own steps.")
                .alignment(Alignment::Center),
            Rect {
                x: outer.x + 1,
                y: outer.y + 2,
                width: outer.width.saturating_sub(2),
                height: 1,
            },
        );
        for (i, ((_, name, teaches), row)) in SEATS.iter().zip(rows(area)).enumerate() {
            let (marker, style) = if i == self.selected {
                ("▸", theme.selected())
            } else {
                (" ", theme.text())
            };
            frame.render_widget(
                Paragraph::new(format!("{marker} {name:<14} {teaches}")).style(style),
                row,
            );
        }
        use MenuCommand::*;
        let keys = format!(
            "{} choose · {} · {}",
            keys::pair(Up, Down),
            keys::hint(Confirm, "start"),
            keys::button(Back)
        );
        box_line(frame, outer, 2, &keys, theme);
    }
}

/// The question's box on a screen of `area`.
fn box_area(area: Rect) -> Rect {
    centered(area, 62, 13)
}

/// Where each seat's row is drawn.
fn rows(area: Rect) -> Vec<Rect> {
    let outer = box_area(area);
    (0..SEATS.len() as u16)
        .map(|i| Rect {
            x: outer.x + 3,
            y: outer.y + 4 + i * 2,
            width: outer.width.saturating_sub(6),
            height: 1,
        })
        .collect()
}
