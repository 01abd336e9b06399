//! The facilitator's console: every table on the server at a glance, and the controls a
//! facilitator needs while the room plays — open a table in the full view, pause and resume
//! one or all, open another table of the same game, write the reports of finished tables,
//! follow the selected table's talk, write to a table or to all, mute a login (`talk`).

mod form;
mod rows;
mod talk;

pub use form::parse_meters;
use form::{FIELDS, SpotForm};

use super::tables::{Table, Tables};
use crate::engine::{Seat, Viewer};
use crate::tui::Theme;
use crate::tui::keys::{self, ConsoleCommand};
use ratatui::prelude::*;
use ratatui::widgets::{Block, Paragraph};
use rows::{Columns, clip, selected_summary};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// What the facilitator asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Request {
    /// Open this table in the facilitator's view.
    Open(u32),
    /// Leave the console (the tables play on).
    Leave,
}

/// The console's state.
#[derive(Clone, Debug, Default)]
pub struct Dashboard {
    selected: usize,
    /// While choosing an event to inject: the highlighted event.
    injecting: Option<usize>,
    /// While writing an event on the spot: the form.
    writing: Option<SpotForm>,
    /// Waiting for how many copies of the selected table to open.
    copies: bool,
    /// Asking whether to leave the console.
    leaving: bool,
    /// Showing the console's keys.
    help: bool,
    /// While writing a message to a table or to all: the form.
    talk: Option<talk::TalkForm>,
    /// While choosing a login to mute or unmute: the highlighted one.
    muting: Option<usize>,
    /// The last thing done (or refused).
    pub notice: Option<String>,
    /// The server's state in one line (connections, failed logins), shown top right.
    pub server_status: Option<String>,
}

impl Dashboard {
    /// The console with table `id` selected: where the facilitator comes back to after
    /// looking at that table, so the next key acts on it.
    pub fn at_table(id: u32, tables: &Tables) -> Dashboard {
        Dashboard {
            selected: tables
                .all()
                .iter()
                .position(|t| t.id == id)
                .unwrap_or_default(),
            ..Dashboard::default()
        }
    }

    /// Whether the console is taking typed text (an event written on the spot, a message).
    pub fn typing(&self) -> bool {
        self.writing.is_some() || self.talk.is_some()
    }

    /// Takes a typed key for the message or the event being written.
    pub fn type_key(&mut self, key: ratatui::crossterm::event::KeyEvent, tables: &Tables) {
        if self.talk.is_some() {
            self.type_message(key, tables);
        } else {
            self.type_spot_key(key, tables);
        }
    }

    /// The selected table among `all`.
    fn selected_table(&self, all: &[Arc<Table>]) -> Option<Arc<Table>> {
        all.get(self.selected.min(all.len().saturating_sub(1)))
            .cloned()
    }

    /// Whether the console's keys are showing (any key closes them).
    pub fn showing_help(&self) -> bool {
        self.help
    }

    /// Reacts to a command of the console's keymap (see [`ConsoleCommand`]); `raw` is the
    /// character typed, read only when the console asks for a number of tables.
    pub fn handle(
        &mut self,
        command: Option<ConsoleCommand>,
        raw: Option<char>,
        tables: &Tables,
        reports_dir: &Path,
    ) -> Option<Request> {
        if self.help {
            self.help = false;
            return None;
        }
        if self.leaving {
            self.leaving = false;
            self.notice = None;
            return (command == Some(ConsoleCommand::Yes)).then_some(Request::Leave);
        }
        let all = tables.all();
        let n = all.len().max(1);
        let selected = all.get(self.selected.min(n - 1)).cloned();
        if let (Some(at), Some(table)) = (self.injecting, &selected) {
            self.choose_inject(at, table, command);
            return None;
        }
        if let (Some(at), Some(table)) = (self.muting, &selected) {
            self.choose_mute(at, table, command);
            return None;
        }
        if self.copies {
            self.copies = false;
            let count = raw.and_then(|c| c.to_digit(10)).filter(|n| *n > 0);
            self.notice = Some(match (count, &selected) {
                (Some(count), Some(table)) => {
                    let opened: Result<Vec<u32>, String> = (0..count)
                        .map(|_| {
                            tables
                                .open(&table.source, table.seed, table.bots)
                                .map(|t| t.id)
                        })
                        .collect();
                    match opened {
                        Ok(ids) => {
                            // Only the seats people take have logins to hand out.
                            let logins: Vec<String> = Seat::ALL
                                .iter()
                                .filter(|s| table.bots[s.index()].is_none())
                                .map(|s| format!("{}.{}@", s.key(), ids[0]))
                                .collect();
                            let join = if logins.is_empty() {
                                format!("Every seat is a bot: watch as watch.{}@.", ids[0])
                            } else {
                                format!(
                                    "Players log in as {} … (one number a table).",
                                    logins.join(", ")
                                )
                            };
                            format!(
                                "Opened {}: the scenario and seed of table {}. {join}",
                                table_list(&ids),
                                table.id,
                            )
                        }
                        Err(e) => e,
                    }
                }
                _ => "No table opened.".to_string(),
            });
            return None;
        }
        match command {
            Some(ConsoleCommand::Quit) => {
                self.leaving = true;
                self.notice = Some(format!(
                    "Leave the console? {} yes · any other key no (the tables play on without you)",
                    keys::key(ConsoleCommand::Yes)
                ));
            }
            Some(ConsoleCommand::Help) => self.help = true,
            Some(ConsoleCommand::Up) => self.selected = (self.selected + n - 1) % n,
            Some(ConsoleCommand::Down) => self.selected = (self.selected + 1) % n,
            Some(ConsoleCommand::Home) => self.selected = 0,
            Some(ConsoleCommand::End) => self.selected = n - 1,
            Some(ConsoleCommand::Open) => return selected.map(|t| Request::Open(t.id)),
            Some(ConsoleCommand::Pause) => {
                if let Some(table) = selected {
                    if table.lock().game().outcome().is_some() {
                        self.notice = Some(format!(
                            "Table {} has finished: nothing to pause.",
                            table.id
                        ));
                        return None;
                    }
                    let pause = !table.paused();
                    table.set_paused(pause);
                    self.notice = Some(format!(
                        "Table {} {}.",
                        table.id,
                        if pause { "paused" } else { "resumed" }
                    ));
                }
            }
            Some(ConsoleCommand::PauseAll) => {
                // Finished tables have nothing to pause.
                let playing: Vec<&Arc<Table>> = all
                    .iter()
                    .filter(|t| t.lock().game().outcome().is_none())
                    .collect();
                let pause = !playing.iter().all(|t| t.paused());
                for table in playing {
                    table.set_paused(pause);
                }
                self.notice = Some(format!(
                    "Every table in play {}.",
                    if pause { "paused" } else { "resumed" }
                ));
            }
            Some(ConsoleCommand::Inject | ConsoleCommand::InjectNew)
                if selected
                    .as_ref()
                    .is_some_and(|t| t.lock().game().outcome().is_some()) =>
            {
                let id = selected.as_ref().map_or(0, |t| t.id);
                self.notice = Some(format!("Table {id} has finished: nothing to inject."));
            }
            // A form starts without the last message, which was about something else.
            Some(ConsoleCommand::Inject) => {
                self.injecting = Some(0);
                self.notice = None;
            }
            Some(ConsoleCommand::InjectNew) => {
                self.writing = Some(SpotForm::default());
                self.notice = None;
            }
            Some(ConsoleCommand::Rematch) => {
                if let Some(table) = selected {
                    self.notice = Some(rematch(tables, &table));
                }
            }
            Some(ConsoleCommand::Clock) => {
                if let Some(table) = selected {
                    // A clock is for people deciding at a table still in play.
                    if table.lock().game().outcome().is_some() {
                        self.notice =
                            Some(format!("Table {} has finished: no clock to set.", table.id));
                        return None;
                    }
                    if table.bots.iter().all(Option::is_some) {
                        self.notice = Some(format!(
                            "Table {}: every seat is a bot, so no clock to set.",
                            table.id
                        ));
                        return None;
                    }
                    let next = match table.clock().map(|c| c.as_secs()) {
                        None => Some(30),
                        Some(30) => Some(60),
                        Some(60) => Some(120),
                        _ => None,
                    };
                    table.set_clock(next.map(std::time::Duration::from_secs));
                    self.notice = Some(match next {
                        Some(s) => format!("Table {}: {s} s per decision.", table.id),
                        None => format!("Table {}: no decision clock.", table.id),
                    });
                }
            }
            Some(ConsoleCommand::NewTables) => {
                self.copies = true;
                self.notice = Some(format!(
                    "How many tables like the selected one? Press 1-9 ({}: none).",
                    keys::key(ConsoleCommand::Back)
                ));
            }
            Some(ConsoleCommand::Message) => self.open_message(false),
            Some(ConsoleCommand::Announce) => self.open_message(true),
            Some(ConsoleCommand::Mute) => self.open_mute(tables),
            Some(ConsoleCommand::WriteReports) => {
                self.notice = Some(match write_reports(&all, reports_dir) {
                    Ok((0, _)) => "No table has finished yet: no report written.".to_string(),
                    Ok((count, path)) => {
                        format!(
                            "Wrote the report of {count} finished table(s) to {}.",
                            path.display()
                        )
                    }
                    Err(e) => format!("Could not write the reports: {e}"),
                });
            }
            _ => {}
        }
        None
    }

    fn choose_inject(&mut self, at: usize, table: &Arc<Table>, command: Option<ConsoleCommand>) {
        let order = inject_order(table);
        let count = order.len().max(1);
        match command {
            Some(ConsoleCommand::Up) => self.injecting = Some((at + count - 1) % count),
            Some(ConsoleCommand::Down) => self.injecting = Some((at + 1) % count),
            Some(ConsoleCommand::Home) => self.injecting = Some(0),
            Some(ConsoleCommand::End) => self.injecting = Some(count - 1),
            Some(ConsoleCommand::Back) => self.injecting = None,
            Some(ConsoleCommand::Open) => {
                self.injecting = None;
                let Some(&event) = order.get(at) else {
                    return;
                };
                let result = table.lock().inject(event);
                table.changed();
                let name = table.lock().game().scenario().events[usize::from(event)]
                    .name
                    .clone();
                self.notice = Some(match result {
                    Ok(()) => format!(
                        "Injected \"{name}\" into table {}: {}.",
                        table.id,
                        when_injects_come(table)
                    ),
                    Err(e) => format!("Table {}: {e}", table.id),
                });
            }
            _ => {}
        }
    }

    /// Draws the console.
    pub fn draw(&self, frame: &mut Frame, tables: &Tables, theme: Theme) {
        let mut block = Block::bordered()
            .border_style(theme.border())
            .title(Line::styled(" Facilitator console ", theme.heading()));
        if let Some(status) = &self.server_status {
            block = block.title(Line::styled(format!(" {status} "), theme.dim()).right_aligned());
        }
        let block = block.title_bottom(Line::styled(self.footer(frame.area().width), theme.dim()));
        let inner = block.inner(frame.area());
        frame.render_widget(block, frame.area());
        let columns = Columns::for_width(inner.width);
        let all = tables.all();
        // The header and a row a table, leaving room below for the details and the forms;
        // a long list scrolls to keep the selected table in view.
        let rows = u16::try_from(all.len() + 1).unwrap_or(u16::MAX);
        let table_height = rows.min(inner.height.saturating_sub(8).max(3));
        let [table_area, below] =
            Layout::vertical([Constraint::Length(table_height), Constraint::Fill(1)]).areas(inner);
        let selected = self.selected.min(all.len().saturating_sub(1));
        columns.draw(frame, table_area, &all, selected, theme);
        let mut lines = vec![
            Line::styled(columns.meters_key(), theme.dim()),
            Line::raw(""),
        ];
        if let Some(table) = all.get(selected) {
            lines.push(Line::styled(selected_summary(table), theme.text()));
            if let Some(codes) = table.join_codes().filter(|_| tables.seats_locked()) {
                lines.push(Line::styled(format!("Join codes: {codes}"), theme.text()));
            }
        }
        if let Some(at) = self.injecting {
            let all = tables.all();
            if let Some(table) = all.get(self.selected.min(all.len().saturating_sub(1))) {
                // Injects queue: say when this one would come if others wait already.
                let waiting = table.lock().game().view(Viewer::Facilitator).injects.len();
                let queue = match waiting {
                    0 => String::new(),
                    n => format!("{n} already waiting, so {}; ", when_inject_comes(table, 1)),
                };
                lines.push(Line::styled(
                    format!(
                        "Inject an event into table {} ({queue}{} · {}):",
                        table.id,
                        keys::hint(ConsoleCommand::Open, "inject"),
                        keys::button(ConsoleCommand::Back)
                    ),
                    theme.heading(),
                ));
                let order = inject_order(table);
                let session = table.lock();
                let events = &session.game().scenario().events;
                // One row an event, cut to the width, in a window that follows the selection
                // (the list can be longer than the screen).
                let width = usize::from(below.width);
                // Two rows are kept for the "more" lines above and below, two for a notice.
                let shown = usize::from(below.height)
                    .saturating_sub(lines.len() + 4)
                    .max(1);
                let first = at
                    .saturating_sub(shown - 1)
                    .min(order.len().saturating_sub(shown));
                if first > 0 {
                    lines.push(Line::styled(format!("  ↑ {first} more"), theme.dim()));
                }
                for (i, &event) in order.iter().enumerate().skip(first).take(shown) {
                    let event = &events[usize::from(event)];
                    let (marker, style) = if i == at {
                        ("▸", theme.selected())
                    } else {
                        (" ", theme.text())
                    };
                    let list = if event.inject {
                        "inject list"
                    } else {
                        "event deck"
                    };
                    lines.push(Line::styled(
                        clip(
                            &format!("{marker} [{list}] {} — {}", event.name, event.text),
                            width,
                        ),
                        style,
                    ));
                }
                let below = order.len().saturating_sub(first + shown);
                if below > 0 {
                    lines.push(Line::styled(format!("  ↓ {below} more"), theme.dim()));
                }
            }
        }
        if let Some(form) = &self.writing {
            let all = tables.all();
            let id = all
                .get(self.selected.min(all.len().saturating_sub(1)))
                .map_or(0, |t| t.id);
            lines.push(Line::styled(
                format!(
                    "Write an event for table {id} (Tab next field · Enter inject · Esc cancel):"
                ),
                theme.heading(),
            ));
            for (i, (label, value)) in FIELDS.iter().zip(&form.fields).enumerate() {
                let (marker, cursor, style) = if i == form.field {
                    ("▸", "▏", theme.selected())
                } else {
                    (" ", "", theme.text())
                };
                lines.push(Line::styled(
                    format!("{marker} {label}: {value}{cursor}"),
                    style,
                ));
            }
        }
        let selected_table = self.selected_table(&all);
        lines.extend(self.talk_form_lines(selected_table.as_ref(), theme));
        if let Some(notice) = &self.notice {
            lines.push(Line::styled(notice.clone(), theme.warn()));
        }
        // Long lines (a message, an event's text) wrap rather than run off the edge; the
        // selected table's talk fills what they leave, unless an event list needs it all.
        let text = Paragraph::new(lines).wrap(ratatui::widgets::Wrap { trim: false });
        let used = u16::try_from(text.line_count(below.width)).unwrap_or(u16::MAX);
        let room = below.height.saturating_sub(used);
        match selected_table {
            Some(table) if self.injecting.is_none() && room >= 4 => {
                let [text_area, talk_area] =
                    Layout::vertical([Constraint::Length(used), Constraint::Fill(1)]).areas(below);
                frame.render_widget(text, text_area);
                self.draw_talk(frame, talk_area, &table, theme);
            }
            _ => frame.render_widget(text, below),
        }
        if self.help {
            crate::tui::screens::help::draw_console(frame, theme);
        }
    }

    /// The keys on the bottom border, named with the keys they have now: those of the form or
    /// list open, or every command, spaced out when there is room.
    fn footer(&self, width: u16) -> String {
        use ConsoleCommand::*;
        if self.injecting.is_some() {
            return format!(
                " {} choose · {} · {} ",
                keys::pair(Up, Down),
                keys::hint(Open, "inject"),
                keys::button(Back)
            );
        }
        if self.writing.is_some() {
            // Typing takes every key, so the form's own keys are fixed.
            return " Tab next field · Enter inject · Esc cancel ".to_string();
        }
        if self.talk.is_some() {
            return " Enter send · Esc cancel ".to_string();
        }
        if self.muting.is_some() {
            return format!(
                " {} choose · {} · {} ",
                keys::pair(Up, Down),
                keys::hint(Open, "mute/unmute"),
                keys::hint(Back, "close")
            );
        }
        let slash = |a, b| format!("{}/{}", keys::key(a), keys::key(b));
        let pause = if width >= 112 { "pause 1/all" } else { "pause" };
        // The talk's keys are on the talk's own box.
        let items = [
            keys::button(Open),
            format!("{} {pause}", slash(Pause, PauseAll)),
            format!("{} inject", slash(Inject, InjectNew)),
            keys::button(Clock),
            keys::button(NewTables),
            keys::button(Rematch),
            keys::button(WriteReports),
            keys::button(Help),
            keys::button(Quit),
        ];
        let room = usize::from(width.saturating_sub(2));
        let joined = |sep: &str, items: &[String]| format!(" {} ", items.join(sep));
        let without_help = [&items[..7], &items[8..]].concat();
        // Spaced out if that fits, else tight; the help key is dropped last of all.
        [
            joined(" · ", &items),
            joined("·", &items),
            joined("·", &without_help),
        ]
        .into_iter()
        .find(|text| text.chars().count() <= room)
        .unwrap_or_else(|| joined("·", &without_help))
    }
}

/// Opens the rematch of a finished table: same scenario and seed, seats rotated (whoever
/// played Pakistan now argues Afghanistan's case, …); its players are told their new logins.
fn rematch(tables: &Tables, table: &Arc<Table>) -> String {
    if table.lock().game().outcome().is_none() {
        return format!(
            "Table {} is still playing: a rematch opens once it has finished.",
            table.id
        );
    }
    if let Some(already) = table.lock().rematch_table() {
        return format!(
            "Table {} already has its rematch: table {already}.",
            table.id
        );
    }
    let b = table.bots;
    let rotated = [b[2], b[0], b[1]];
    match tables.open(&table.source, table.seed, rotated) {
        Ok(new) => {
            table.lock().set_rematch(new.id);
            if tables.seats_locked() {
                let codes = crate::engine::Seat::ALL.map(|s| new.locks.code(s).to_string());
                table.lock().set_rematch_codes(codes);
            }
            table.changed();
            let moves: Vec<String> = crate::engine::Seat::ALL
                .iter()
                .filter(|seat| table.bots[seat.index()].is_none())
                .map(|&seat| {
                    format!(
                        "{}'s player → {}.{}",
                        table.seat_name(seat),
                        crate::table::rotated(seat).key(),
                        new.id
                    )
                })
                .collect();
            format!(
                "Rematch of table {} opened as table {} (same seed, seats rotated): {}. Its \
                 players see their new login on their end screens.",
                table.id,
                new.id,
                moves.join(", ")
            )
        }
        Err(e) => e,
    }
}

/// `tables 4, 5 and 6`, or `table 4`.
pub(crate) fn table_list(ids: &[u32]) -> String {
    match ids {
        [one] => format!("table {one}"),
        [rest @ .., last] => {
            let rest: Vec<String> = rest.iter().map(u32::to_string).collect();
            format!("tables {} and {last}", rest.join(", "))
        }
        [] => "no table".to_string(),
    }
}

/// When the events waiting at a table come up: the last one queued comes at the event phase
/// of the round after those before it.
fn when_injects_come(table: &Table) -> String {
    when_inject_comes(table, 0)
}

/// When an inject comes up if `more` are queued after those waiting now.
fn when_inject_comes(table: &Table, more: usize) -> String {
    let session = table.lock();
    let game = session.game();
    let waiting = game.view(Viewer::Facilitator).injects.len();
    let round = usize::from(game.round()) + waiting + more;
    if round > usize::from(game.scenario().rounds) {
        "the game ends before it can come up".to_string()
    } else {
        format!("it comes at the event phase of round {round}")
    }
}

/// The events a facilitator may inject, the scenario's inject list first.
fn inject_order(table: &Table) -> Vec<crate::engine::EventId> {
    let session = table.lock();
    let events = &session.game().scenario().events;
    let ids = crate::engine::EventId::all(events.len());
    let (listed, rest): (Vec<_>, Vec<_>) = ids.partition(|&e| events[usize::from(e)].inject);
    listed.into_iter().chain(rest).collect()
}

/// Writes one Markdown report of every finished table (with the comparison of tables that
/// share a scenario and seed) into `dir`; returns how many tables it covers and the file.
pub fn write_reports(tables: &[Arc<Table>], dir: &Path) -> std::io::Result<(usize, PathBuf)> {
    let mut games = Vec::new();
    for table in tables {
        let session = table.lock();
        if session.game().outcome().is_none() {
            continue;
        }
        let file = session.save_file(0);
        games.push((format!("table-{}", table.id), file, session.game().clone()));
    }
    if games.is_empty() {
        return Ok((0, dir.to_path_buf()));
    }
    std::fs::create_dir_all(dir)?;
    let write = |path: &Path, text: String| {
        crate::save::write_atomic(path, text.as_bytes()).map_err(std::io::Error::other)
    };
    // One file a table to hand out, and one with them all and the comparison to project.
    for (name, file, game) in &games {
        let one = crate::report::bundle(&[(name.clone(), file.clone(), game.clone())]);
        write(
            &dir.join(format!("{name}.md")),
            crate::report::to_markdown(&one),
        )?;
    }
    let path = dir.join("reports.md");
    write(
        &path,
        crate::report::to_markdown(&crate::report::bundle(&games)),
    )?;
    Ok((games.len(), path))
}
