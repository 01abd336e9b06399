//! The lobby, for a connection whose user name is not a seat: the tables, their seats, and
//! new tables to open.

use super::tables::{Occupant, Tables};
use crate::bot::Policy;
use crate::engine::Seat;
use crate::tui::Theme;
use crate::tui::keys::Command;
use ratatui::prelude::*;
use ratatui::widgets::{Block, Paragraph, Wrap};

/// A line of the lobby that can be chosen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Choice {
    /// Sit at a table.
    Join {
        /// The table.
        table: u32,
        /// The seat.
        seat: Seat,
    },
    /// Watch a table (public view).
    Watch {
        /// The table.
        table: u32,
    },
    /// Open a new table.
    Open {
        /// Built-in scenario name.
        scenario: &'static str,
        /// Bots in the Afghan and mediator seats (else every seat waits for a player).
        bots: bool,
    },
}

impl Choice {
    /// The seats bots play at a new table.
    pub fn bots(bots: bool) -> [Option<Policy>; 3] {
        if bots {
            [None, Some(Policy::Normal), Some(Policy::Normal)]
        } else {
            [None; 3]
        }
    }
}

/// What a lobby shows and which line is highlighted.
#[derive(Clone, Debug, Default)]
pub struct Lobby {
    selected: usize,
    /// A message (a refused seat, an error).
    pub notice: Option<String>,
}

impl Lobby {
    /// The lobby just after opening table `id` for players: says so, with its first free seat
    /// highlighted.
    pub fn after_opening(id: u32, tables: &Tables) -> Lobby {
        let first_seat = Self::lines(tables)
            .into_iter()
            .filter_map(|(_, choice)| choice)
            .position(|choice| matches!(choice, Choice::Join { table, .. } if table == id));
        Lobby {
            selected: first_seat.unwrap_or(0),
            notice: Some(format!(
                "Table {id} is open: pick a seat above, or log in as pakistan.{id}@, \
                 afghanistan.{id}@ or mediator.{id}@."
            )),
        }
    }

    /// The lines, with the choice each one makes (headings have none).
    pub fn lines(tables: &Tables) -> Vec<(String, Option<Choice>)> {
        let mut out = Vec::new();
        for table in tables.all() {
            out.push((table.summary(), None));
            // A finished table can only be watched (its debrief).
            let over = table.lock().game().outcome().is_some();
            for (seat, occupant) in Seat::ALL.into_iter().zip(table.occupants()) {
                if over {
                    break;
                }
                let label = match occupant {
                    Occupant::Free => format!("   join as {seat}"),
                    // Its player dropped: the seat waits for them to come back.
                    Occupant::Away => {
                        format!("   rejoin as {seat} (its player dropped: if you are them)")
                    }
                    _ => continue,
                };
                out.push((
                    label,
                    Some(Choice::Join {
                        table: table.id,
                        seat,
                    }),
                ));
            }
            out.push((
                "   watch".to_string(),
                Some(Choice::Watch { table: table.id }),
            ));
        }
        out.push(("New tables".to_string(), None));
        for scenario in crate::scenario::builtin_names() {
            for bots in [false, true] {
                let who = if bots {
                    "you as Pakistan, normal bots elsewhere"
                } else {
                    "every seat for a player"
                };
                out.push((
                    format!("   open a table of {scenario}: {who}"),
                    Some(Choice::Open { scenario, bots }),
                ));
            }
        }
        out
    }

    /// Reacts to a key; returns a choice when one is made.
    pub fn handle(&mut self, command: Option<Command>, tables: &Tables) -> Option<Choice> {
        let lines = Self::lines(tables);
        let choosable: Vec<usize> = (0..lines.len()).filter(|&i| lines[i].1.is_some()).collect();
        let n = choosable.len().max(1);
        match command {
            Some(Command::Up) => self.selected = (self.selected + n - 1) % n,
            Some(Command::Down) => self.selected = (self.selected + 1) % n,
            Some(Command::Home) => self.selected = 0,
            Some(Command::End) => self.selected = n - 1,
            Some(Command::Confirm) => {
                return choosable
                    .get(self.selected)
                    .and_then(|&i| lines[i].1.clone());
            }
            _ => {}
        }
        None
    }

    /// Draws the lobby.
    pub fn draw(&self, frame: &mut Frame, tables: &Tables, user: &str, theme: Theme) {
        let lines = Self::lines(tables);
        let mut choice_index = 0;
        let mut text: Vec<Line> = vec![
            Line::raw(format!(
                "Welcome, {user}. Pick a seat, watch a table, or open a new one."
            )),
            Line::raw(""),
        ];
        for (label, choice) in &lines {
            match choice {
                None => text.push(Line::styled(label.clone(), theme.heading())),
                Some(_) => {
                    let selected = choice_index == self.selected;
                    choice_index += 1;
                    let style = if selected {
                        theme.selected()
                    } else {
                        theme.text()
                    };
                    let marker = if selected { "▸" } else { " " };
                    text.push(Line::styled(format!("{marker}{label}"), style));
                }
            }
        }
        if let Some(notice) = &self.notice {
            text.push(Line::raw(""));
            text.push(Line::styled(notice.clone(), theme.warn()));
        }
        let block = Block::bordered()
            .border_style(theme.border())
            .title(Line::styled(" Ceasefire server · lobby ", theme.heading()))
            .title_bottom(Line::styled(
                " ↑↓ choose · Home/End first/last · Enter select · q leave ",
                theme.dim(),
            ));
        let scroll = (self.selected as u16).saturating_sub(frame.area().height / 2);
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: false })
                .block(block)
                .scroll((scroll, 0)),
            frame.area(),
        );
    }
}
