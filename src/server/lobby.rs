//! The lobby, for a connection whose user name is not a seat: the tables, their seats (with
//! the names in each seat's delegation), and new tables to open.

use super::join::{JoinPrompt, JoinStep};
use super::tables::{Occupant, Tables};
use crate::bot::Policy;
use crate::engine::Seat;
use crate::tui::Theme;
use crate::tui::keys::{self, MenuCommand};
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
    /// Change one setting of the new table (←/→, or Enter to step on).
    Setting(Setting),
    /// Try a join code typed at the prompt for a seat.
    Code {
        /// The table.
        table: u32,
        /// The seat.
        seat: Seat,
        /// What was typed.
        code: String,
        /// Whether the prompt opened straight from the login.
        from_login: bool,
    },
    /// Open the new table as set.
    Open {
        /// Built-in scenario name.
        scenario: &'static str,
        /// The bot in each seat, by seat index; `None`: the seat waits for a player.
        bots: [Option<Policy>; 3],
    },
}

/// Which line a choice is, whatever else changes in the lobby: the highlight stays on it
/// while other people open tables or take seats above it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum LineKey {
    Join(u32, Seat),
    Watch(u32),
    Setting(Setting),
    Code,
    Open,
}

impl Choice {
    fn line_key(&self) -> LineKey {
        match self {
            Choice::Join { table, seat } => LineKey::Join(*table, *seat),
            Choice::Watch { table } => LineKey::Watch(*table),
            Choice::Setting(setting) => LineKey::Setting(*setting),
            Choice::Code { .. } => LineKey::Code,
            Choice::Open { .. } => LineKey::Open,
        }
    }
}

/// A setting of the table the lobby can open.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    /// Which built-in scenario.
    Scenario,
    /// Who plays a seat: a player or a bot of some level.
    Seat(Seat),
}

/// The table the lobby would open: a scenario and who plays each seat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NewTable {
    scenario: usize,
    bots: [Option<Policy>; 3],
}

impl Default for NewTable {
    /// Istanbul, you as Pakistan against normal bots: a game that starts at once.
    fn default() -> NewTable {
        NewTable {
            scenario: 0,
            bots: [None, Some(Policy::Normal), Some(Policy::Normal)],
        }
    }
}

impl NewTable {
    /// The choices for a seat, in the order ←/→ step through them.
    const WHO: [Option<Policy>; 5] = [
        None,
        Some(Policy::Random),
        Some(Policy::Easy),
        Some(Policy::Normal),
        Some(Policy::Hard),
    ];

    fn scenario(&self) -> &'static str {
        let names = crate::scenario::builtin_names();
        names[self.scenario % names.len()]
    }

    /// Steps `setting` forward (`step` 1) or back (`step` −1), round again at the ends.
    fn step(&mut self, setting: Setting, step: isize) {
        let turn = |index: usize, len: usize| (index as isize + step).rem_euclid(len as isize);
        match setting {
            Setting::Scenario => {
                let len = crate::scenario::builtin_names().len();
                self.scenario = turn(self.scenario, len) as usize;
            }
            Setting::Seat(seat) => {
                let slot = &mut self.bots[seat.index()];
                let at = Self::WHO.iter().position(|w| w == slot).unwrap_or(0);
                *slot = Self::WHO[turn(at, Self::WHO.len()) as usize];
            }
        }
    }
}

/// Who plays a seat, in words.
fn who(bot: Option<Policy>) -> String {
    bot.map_or("a player".to_string(), |policy| format!("{policy} bot"))
}

/// What a lobby shows and which line is highlighted.
#[derive(Clone, Debug, Default)]
pub struct Lobby {
    /// The highlighted line among the choosable ones, as it was last placed.
    selected: usize,
    /// What the highlighted line is: when lines come and go, the highlight follows it.
    focus: Option<LineKey>,
    /// The table "open this table" would open.
    new_table: NewTable,
    /// A message (a refused seat, an error; at the join-code prompt, why a code was refused).
    pub notice: Option<String>,
    /// The join-code prompt, while a seat's code is asked for.
    pub joining: Option<JoinPrompt>,
}

impl Lobby {
    /// The lobby asking for a seat's join code.
    pub fn joining(prompt: JoinPrompt) -> Lobby {
        Lobby {
            joining: Some(prompt),
            ..Lobby::default()
        }
    }

    /// A key at the join-code prompt (when it is open): Enter makes the choice to try the
    /// code, Esc closes the prompt.
    pub fn type_code(&mut self, key: ratatui::crossterm::event::KeyEvent) -> Option<Choice> {
        let prompt = self.joining.as_mut()?;
        match prompt.key(key) {
            JoinStep::Typing => None,
            JoinStep::Cancel => {
                self.joining = None;
                self.notice = None;
                None
            }
            JoinStep::Submit(code) => Some(Choice::Code {
                table: prompt.table,
                seat: prompt.seat,
                code,
                from_login: prompt.from_login,
            }),
        }
    }

    /// The lobby just after opening table `id` for players: says so, with its first free seat
    /// highlighted.
    pub fn after_opening(id: u32, tables: &Tables) -> Lobby {
        let first_seat = Lobby::default()
            .lines(tables)
            .into_iter()
            .filter_map(|(_, choice)| choice)
            .position(|choice| matches!(choice, Choice::Join { table, .. } if table == id));
        // Only the seats people take have logins (and codes) to hand out.
        let locked = tables.seats_locked();
        let logins: Vec<String> = tables.get(id).map_or_else(Vec::new, |table| {
            Seat::ALL
                .iter()
                .filter(|s| table.bots[s.index()].is_none())
                .map(|s| match locked {
                    true => format!("{}.{id}@ (code {})", s.key(), table.locks.code(*s)),
                    false => format!("{}.{id}@", s.key()),
                })
                .collect()
        });
        Lobby {
            selected: first_seat.unwrap_or(0),
            focus: None,
            new_table: NewTable::default(),
            notice: Some(format!(
                "Table {id} is open: pick a seat above, or log in as {}.",
                logins.join(" or ")
            )),
            joining: None,
        }
        .pinned(tables)
    }

    /// The lobby with the first line of table `id` highlighted: where someone who just left
    /// that table comes back to.
    pub fn at_table(id: u32, tables: &Tables) -> Lobby {
        let lobby = Lobby::default();
        let at = lobby
            .lines(tables)
            .into_iter()
            .filter_map(|(_, choice)| choice)
            .position(|choice| match choice {
                Choice::Join { table, .. } | Choice::Watch { table } => table == id,
                _ => false,
            });
        Lobby {
            selected: at.unwrap_or(0),
            ..lobby
        }
        .pinned(tables)
    }

    /// The lobby with its highlight held on the line it is on now.
    fn pinned(mut self, tables: &Tables) -> Lobby {
        let lines = self.lines(tables);
        let choices: Vec<&Choice> = lines.iter().filter_map(|(_, c)| c.as_ref()).collect();
        self.focus = choices.get(self.selected).map(|c| c.line_key());
        self
    }

    /// The lines, with the choice each one makes (headings have none).
    pub fn lines(&self, tables: &Tables) -> Vec<(String, Option<Choice>)> {
        let mut out = Vec::new();
        for table in tables.all() {
            out.push((table.summary(), None));
            // A finished table can only be watched (its debrief).
            let over = table.lock().game().outcome().is_some();
            for (seat, occupant) in Seat::ALL.into_iter().zip(table.occupants()) {
                if over {
                    break;
                }
                let name = table.seat_name(seat);
                let label = match occupant {
                    Occupant::Free => format!("   join as {name}"),
                    // Its player dropped: the seat waits for them to come back.
                    Occupant::Away if tables.seats_locked() => {
                        format!("   rejoin as {name} (its player left: with the seat's code)")
                    }
                    Occupant::Away => {
                        format!("   rejoin as {name} (its player left: if you are them)")
                    }
                    // People sit there: one more may join them while the team has room.
                    Occupant::Player(_) => {
                        let count = table.lock().team(seat).len();
                        if count >= table.team_size {
                            continue;
                        }
                        let code = if tables.seats_locked() {
                            ", with the seat's code"
                        } else {
                            ""
                        };
                        format!(
                            "   join {name}'s delegation ({count} of {} logins{code})",
                            table.team_size
                        )
                    }
                    Occupant::Bot(_) => continue,
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
        // The new table, set line by line: ←/→ change a line, Enter on the last opens it.
        let draft = self.new_table;
        out.push(("New table (←/→ change a line)".to_string(), None));
        out.push((
            format!("   scenario: ‹ {} ›", draft.scenario()),
            Some(Choice::Setting(Setting::Scenario)),
        ));
        let names = crate::scenario::builtin_seat_names(draft.scenario());
        for seat in Seat::ALL {
            out.push((
                format!(
                    "   {}: ‹ {} ›",
                    names[seat.index()],
                    who(draft.bots[seat.index()])
                ),
                Some(Choice::Setting(Setting::Seat(seat))),
            ));
        }
        out.push((
            "   open this table".to_string(),
            Some(Choice::Open {
                scenario: draft.scenario(),
                bots: draft.bots,
            }),
        ));
        out
    }

    /// Where the highlight is among `choices`: on the line it was put on, if that line is
    /// still there, else at the same place.
    fn highlighted(&self, choices: &[&Choice]) -> usize {
        self.focus
            .and_then(|key| choices.iter().position(|c| c.line_key() == key))
            .unwrap_or(self.selected)
            .min(choices.len().saturating_sub(1))
    }

    /// Reacts to a key; returns a choice when one is made.
    pub fn handle(&mut self, command: Option<MenuCommand>, tables: &Tables) -> Option<Choice> {
        let lines = self.lines(tables);
        let choices: Vec<&Choice> = lines.iter().filter_map(|(_, c)| c.as_ref()).collect();
        let n = choices.len().max(1);
        self.selected = self.highlighted(&choices);
        let chosen = choices.get(self.selected).map(|c| (*c).clone());
        let result = self.act(command, chosen, n);
        self.focus = choices.get(self.selected).map(|c| c.line_key());
        result
    }

    fn act(
        &mut self,
        command: Option<MenuCommand>,
        chosen: Option<Choice>,
        n: usize,
    ) -> Option<Choice> {
        match (command, chosen) {
            (Some(MenuCommand::Up), _) => self.selected = (self.selected + n - 1) % n,
            (Some(MenuCommand::Down), _) => self.selected = (self.selected + 1) % n,
            (Some(MenuCommand::Home), _) => self.selected = 0,
            (Some(MenuCommand::End), _) => self.selected = n - 1,
            (Some(MenuCommand::Left), Some(Choice::Setting(setting))) => {
                self.new_table.step(setting, -1)
            }
            (Some(MenuCommand::Right | MenuCommand::Confirm), Some(Choice::Setting(setting))) => {
                self.new_table.step(setting, 1)
            }
            (Some(MenuCommand::Confirm), chosen) => return chosen,
            _ => {}
        }
        None
    }

    /// Draws the lobby.
    pub fn draw(&self, frame: &mut Frame, tables: &Tables, user: &str, theme: Theme) {
        let lines = self.lines(tables);
        let choices: Vec<&Choice> = lines.iter().filter_map(|(_, c)| c.as_ref()).collect();
        let highlighted = self.highlighted(&choices);
        let mut choice_index = 0;
        let mut selected_line = 0;
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
                    let selected = choice_index == highlighted;
                    if selected {
                        selected_line = text.len();
                    }
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
        if let Some(notice) = self.notice.as_ref().filter(|_| self.joining.is_none()) {
            text.push(Line::raw(""));
            text.push(Line::styled(notice.clone(), theme.warn()));
        }
        let block = Block::bordered()
            .border_style(theme.border())
            .title(Line::styled(" Ceasefire server · lobby ", theme.heading()))
            .title_bottom(Line::styled(
                {
                    use MenuCommand::*;
                    format!(
                        " {} choose · {} change · {} first/last · {} · {} ",
                        keys::pair(Up, Down),
                        keys::pair(Left, Right),
                        keys::pair(Home, End),
                        keys::button(Confirm),
                        keys::hint(Quit, "leave")
                    )
                },
                theme.dim(),
            ));
        // The selected line stays in view, near the middle once the list is long.
        let scroll = u16::try_from(selected_line)
            .unwrap_or(u16::MAX)
            .saturating_sub(frame.area().height / 2);
        frame.render_widget(
            Paragraph::new(text)
                .wrap(Wrap { trim: false })
                .block(block)
                .scroll((scroll, 0)),
            frame.area(),
        );
        if let Some(prompt) = &self.joining {
            prompt.draw(frame, theme, self.notice.as_deref());
        }
    }
}
