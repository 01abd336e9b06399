//! The new-game screen: scenario, who plays each seat, the seed and the bots' speed.

use super::hit;
use super::play::Play;
use crate::engine::Seat;
use crate::table::Controller;
use crate::tui::app::{Options, Speed, Step};
use crate::tui::keys::{self, MenuCommand};
use crate::tui::theme::Theme;
use crate::tui::widgets::popup::{box_line, centered};
use ratatui::crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::prelude::*;
use ratatui::widgets::{Block, BorderType, Paragraph};

const ROWS: usize = 7;
const SEED_ROW: usize = 4;
const START_ROW: usize = 6;

/// The choices made so far.
#[derive(Clone, Debug)]
pub struct SetupState {
    row: usize,
    scenario: usize,
    seats: [Controller; 3],
    seed: String,
    speed: Speed,
    notice: Option<String>,
    /// The chosen scenario's names for the seats (the rows' labels).
    seat_names: [String; 3],
}

/// What the built-in scenario `index` calls its seats.
fn seat_names(index: usize) -> [String; 3] {
    let name = crate::scenario::builtin_names().get(index).copied();
    crate::scenario::builtin_seat_names(name.unwrap_or_default())
}

impl SetupState {
    /// Defaults: the first scenario, you as Pakistan against `normal` bots, a random seed.
    pub fn new(options: &Options) -> SetupState {
        let normal = Controller::Bot(crate::bot::Policy::Normal);
        SetupState {
            row: START_ROW,
            scenario: 0,
            seats: [Controller::Human, normal, normal],
            seed: String::new(),
            speed: options.speed,
            notice: None,
            seat_names: seat_names(0),
        }
    }

    /// Reacts to a key: digits and Backspace edit the seed.
    pub(crate) fn handle(
        &mut self,
        key: KeyEvent,
        command: Option<MenuCommand>,
        options: &Options,
    ) -> Step {
        if self.row == SEED_ROW {
            match key.code {
                KeyCode::Char(c) if c.is_ascii_digit() && self.seed.len() < 19 => {
                    self.seed.push(c);
                    return Step::Stay;
                }
                KeyCode::Backspace => {
                    self.seed.pop();
                    return Step::Stay;
                }
                _ => {}
            }
        }
        match command {
            Some(MenuCommand::Up) => self.row = (self.row + ROWS - 1) % ROWS,
            Some(MenuCommand::Down) => self.row = (self.row + 1) % ROWS,
            Some(MenuCommand::Left) => self.change(-1),
            Some(MenuCommand::Right) => self.change(1),
            Some(MenuCommand::Confirm) => return self.start(options),
            Some(MenuCommand::Back) => return Step::Title,
            _ => {}
        }
        Step::Stay
    }

    fn change(&mut self, by: isize) {
        let cycle = |i: usize, n: usize| (i as isize + by).rem_euclid(n as isize) as usize;
        let names = crate::scenario::builtin_names();
        match self.row {
            0 => {
                self.scenario = cycle(self.scenario, names.len());
                self.seat_names = seat_names(self.scenario);
            }
            1..=3 => {
                let seat = &mut self.seats[self.row - 1];
                let at = Controller::ALL.iter().position(|c| c == seat).unwrap_or(0);
                *seat = Controller::ALL[cycle(at, Controller::ALL.len())];
            }
            SEED_ROW => self.seed.clear(),
            5 => {
                let at = Speed::ALL
                    .iter()
                    .position(|s| *s == self.speed)
                    .unwrap_or(0);
                self.speed = Speed::ALL[cycle(at, Speed::ALL.len())];
            }
            _ => {}
        }
    }

    fn start(&mut self, options: &Options) -> Step {
        let name = crate::scenario::builtin_names()[self.scenario];
        let seed = self.seed.parse::<u64>().ok();
        let options = Options {
            speed: self.speed,
            ..options.clone()
        };
        match Play::start(name, self.seats, seed, &options) {
            Ok(play) => Step::Play(Box::new(play)),
            Err(e) => {
                self.notice = Some(e);
                Step::Stay
            }
        }
    }

    /// Reacts to a click: a row is selected; a click on a value changes it; on Start, starts.
    pub(crate) fn mouse(&mut self, mouse: MouseEvent, area: Rect, options: &Options) -> Step {
        if let MouseEventKind::Down(MouseButton::Left) = mouse.kind
            && let Some(row) = hit(&rows(area), mouse.column, mouse.row)
        {
            let again = self.row == row;
            self.row = row;
            if row == START_ROW {
                return self.start(options);
            }
            if again {
                self.change(1);
            }
        }
        Step::Stay
    }

    fn value(&self, row: usize) -> String {
        match row {
            0 => crate::scenario::builtin_names()[self.scenario].to_string(),
            1..=3 => self.seats[row - 1].to_string(),
            SEED_ROW if self.seed.is_empty() => "random (type digits to fix one)".to_string(),
            SEED_ROW => self.seed.clone(),
            5 => self.speed.key().to_string(),
            _ => String::new(),
        }
    }

    /// Draws the form.
    pub fn draw(&self, frame: &mut Frame, theme: Theme) {
        let area = frame.area();
        let box_area = centered(area, 66, 20);
        let block = Block::bordered()
            .border_type(BorderType::Double)
            .border_style(theme.border())
            .title(Line::styled(" New game ", theme.heading()));
        frame.render_widget(block, box_area);
        let labels = [
            "Scenario".to_string(),
            self.seat_names[Seat::Pakistan.index()].clone(),
            self.seat_names[Seat::Afghanistan.index()].clone(),
            self.seat_names[Seat::Mediator.index()].clone(),
            "Seed".to_string(),
            "Bot speed".to_string(),
        ];
        for (row, rect) in rows(area).into_iter().enumerate() {
            let selected = row == self.row;
            let marker = if selected { "▸" } else { " " };
            let text = match (row == START_ROW, selected) {
                (true, _) => format!("{marker} [ Start the game ]"),
                (false, true) => format!("{marker} {:<12} ◂ {} ▸", labels[row], self.value(row)),
                (false, false) => format!("{marker} {:<12}   {}", labels[row], self.value(row)),
            };
            let style = if selected {
                theme.selected()
            } else {
                theme.text()
            };
            frame.render_widget(Paragraph::new(text).style(style), rect);
        }
        let help = self.notice.clone().unwrap_or_else(|| {
            use MenuCommand::*;
            format!(
                "{} field · {} change · digits: seed · {} · {}",
                keys::pair(Up, Down),
                keys::pair(Left, Right),
                keys::hint(Confirm, "start"),
                keys::button(Back)
            )
        });
        box_line(frame, box_area, 3, &help, theme);
        frame.render_widget(
            Paragraph::new("Seats: human, or a bot: random · easy · normal · hard")
                .style(theme.dim())
                .alignment(Alignment::Center),
            Rect {
                x: box_area.x + 1,
                y: box_area.y + 1,
                width: box_area.width.saturating_sub(2),
                height: 1,
            },
        );
    }
}

/// Where each row of the form is drawn.
fn rows(area: Rect) -> Vec<Rect> {
    let box_area = centered(area, 66, 20);
    (0..ROWS as u16)
        .map(|i| Rect {
            x: box_area.x + 6,
            y: box_area.y + 3 + i * 2,
            width: box_area.width.saturating_sub(12),
            height: 1,
        })
        .collect()
}
