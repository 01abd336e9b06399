//! The title screen: new game, tutorial, continue a saved game, quit.

use super::hit;
use crate::tui::app::{Options, Step};
use crate::tui::keys::{self, MenuCommand};
use crate::tui::theme::Theme;
use crate::tui::tutorial::{
    self,
    chooser::{Chosen, SeatChooser},
};
use crate::tui::widgets::popup::{box_line, centered};
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::prelude::*;
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};

const ENTRIES: [&str; 4] = [
    "New game",
    "Tutorial (guided, 4 rounds)",
    "Continue a saved game",
    "Quit",
];

/// The title screen's state: the highlighted entry, the tutorial's seat question while it is
/// open, and the last problem to report.
#[derive(Clone, Debug, Default)]
pub struct TitleState {
    selected: usize,
    chooser: Option<SeatChooser>,
    notice: Option<String>,
}

impl TitleState {
    /// Reacts to a key.
    pub(crate) fn handle(&mut self, command: Option<MenuCommand>, options: &Options) -> Step {
        if let Some(chooser) = &mut self.chooser {
            let chosen = chooser.handle(command);
            return self.chosen(chosen, options);
        }
        match command {
            Some(MenuCommand::Up) => {
                self.selected = (self.selected + ENTRIES.len() - 1) % ENTRIES.len()
            }
            Some(MenuCommand::Down) => self.selected = (self.selected + 1) % ENTRIES.len(),
            Some(MenuCommand::Confirm) => return self.choose(),
            _ => {}
        }
        Step::Stay
    }

    fn choose(&mut self) -> Step {
        match self.selected {
            0 => Step::Setup,
            1 => {
                self.chooser = Some(SeatChooser::default());
                Step::Stay
            }
            2 => Step::Saves,
            _ => Step::AskQuit,
        }
    }

    /// Acts on the tutorial's seat question: starts the seat's tutorial, or closes it.
    fn chosen(&mut self, chosen: Chosen, options: &Options) -> Step {
        match chosen {
            Chosen::Not => Step::Stay,
            Chosen::Back => {
                self.chooser = None;
                Step::Stay
            }
            Chosen::Seat(seat) => {
                self.chooser = None;
                match tutorial::start(seat, options) {
                    Ok(play) => Step::Play(Box::new(play)),
                    Err(e) => {
                        self.notice = Some(e);
                        Step::Stay
                    }
                }
            }
        }
    }

    /// Reacts to a mouse event: a click picks an entry.
    pub(crate) fn mouse(&mut self, mouse: MouseEvent, area: Rect, options: &Options) -> Step {
        if let Some(chooser) = &mut self.chooser {
            let chosen = chooser.mouse(mouse, area);
            return self.chosen(chosen, options);
        }
        if let MouseEventKind::Down(MouseButton::Left) = mouse.kind
            && let Some(i) = hit(&rows(area), mouse.column, mouse.row)
        {
            self.selected = i;
            return self.choose();
        }
        Step::Stay
    }

    /// Draws the title.
    pub fn draw(&self, frame: &mut Frame, theme: Theme) {
        let area = frame.area();
        let box_area = centered(area, 64, 20);
        let block = Block::bordered()
            .border_type(BorderType::Double)
            .border_style(theme.border());
        frame.render_widget(block, box_area);
        let head = vec![
            Line::styled("C E A S E F I R E", theme.heading()),
            Line::raw(""),
            Line::raw("A negotiation war-game on the Pakistan–Afghanistan border."),
            Line::styled(
                "Turn a fragile ceasefire into a durable, verifiable accord.",
                theme.dim(),
            ),
        ];
        frame.render_widget(
            Paragraph::new(head)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            Rect {
                x: box_area.x + 1,
                y: box_area.y + 2,
                width: box_area.width.saturating_sub(2),
                height: 5,
            },
        );
        for (i, (entry, row)) in ENTRIES.iter().zip(rows(area)).enumerate() {
            let (text, style) = if i == self.selected {
                (format!("▸ {entry}"), theme.selected())
            } else {
                (format!("  {entry}"), theme.text())
            };
            frame.render_widget(Paragraph::new(text).style(style), row);
        }
        let footer = self.notice.clone().unwrap_or_else(|| {
            use MenuCommand::*;
            format!(
                "{} choose · {} · {} · {}",
                keys::pair(Up, Down),
                keys::button(Confirm),
                keys::button(Help),
                keys::button(Quit)
            )
        });
        box_line(frame, box_area, 3, &footer, theme);
        if let Some(chooser) = &self.chooser {
            chooser.draw(frame, theme);
        }
    }
}

/// Where the menu entries are drawn on a screen of size `area`.
fn rows(area: Rect) -> Vec<Rect> {
    let box_area = centered(area, 64, 20);
    (0..ENTRIES.len() as u16)
        .map(|i| Rect {
            x: box_area.x + 16,
            y: box_area.y + 9 + i * 2,
            width: 36.min(box_area.width.saturating_sub(17)),
            height: 1,
        })
        .collect()
}
