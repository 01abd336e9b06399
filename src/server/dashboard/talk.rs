//! The table talk in the facilitator's console: the selected table's messages, live, private
//! ones included and each with the login that typed it; a message to that table (or, with
//! `@seat` first, to one of its seats), an announcement to every table, and muting a login
//! (its messages then reach no one; it is told so when it tries).

use super::Dashboard;
use crate::engine::Viewer;
use crate::engine::talk::{self, Speaker};
use crate::server::tables::{Table, Tables};
use crate::tui::Theme;
use crate::tui::keys::{self, ConsoleCommand};
use crate::tui::widgets::draft::Draft;
use crate::tui::widgets::{talk as talk_line, wrap};
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::prelude::*;
use ratatui::widgets::{Block, Paragraph};
use std::sync::Arc;
use std::time::Instant;

/// A message the facilitator is writing: to the selected table, or to every table.
#[derive(Clone, Debug)]
pub(super) struct TalkForm {
    /// To every table (an announcement), rather than the selected one.
    pub(super) everyone: bool,
    /// The text so far.
    pub(super) draft: Draft,
}

impl Dashboard {
    /// Opens the message line: to the selected table, or to every table.
    pub(super) fn open_message(&mut self, everyone: bool) {
        self.notice = None;
        self.talk = Some(TalkForm {
            everyone,
            draft: Draft::with_limit(talk::MAX_CHARS),
        });
    }

    /// Takes a typed key for the message being written: Enter sends it, Esc drops it, any
    /// other key edits it.
    pub(super) fn type_message(&mut self, key: KeyEvent, tables: &Tables) {
        let Some(form) = &mut self.talk else {
            return;
        };
        match key.code {
            KeyCode::Esc => self.talk = None,
            KeyCode::Enter => {
                let form = form.clone();
                self.talk = None;
                let text = form.draft.text().trim().to_string();
                if text.is_empty() {
                    return;
                }
                let all = tables.all();
                let targets: Vec<Arc<Table>> = if form.everyone {
                    all
                } else {
                    self.selected_table(&all).into_iter().collect()
                };
                self.notice = Some(announce(&targets, &text));
            }
            code => form.draft.key(code),
        }
    }

    /// Opens the list of the selected table's logins to mute or unmute, or says there are
    /// none yet.
    pub(super) fn open_mute(&mut self, tables: &Tables) {
        let all = tables.all();
        let Some(table) = self.selected_table(&all) else {
            return;
        };
        if table.lock().logins().is_empty() {
            self.notice = Some(format!(
                "Nobody has logged in at table {} yet: nobody to mute.",
                table.id
            ));
            return;
        }
        self.notice = None;
        self.muting = Some(0);
    }

    /// Keys on the list of logins: move, mute or unmute the highlighted one, close.
    pub(super) fn choose_mute(
        &mut self,
        at: usize,
        table: &Arc<Table>,
        command: Option<ConsoleCommand>,
    ) {
        let logins = table.lock().logins();
        let count = logins.len().max(1);
        match command {
            Some(ConsoleCommand::Up) => self.muting = Some((at + count - 1) % count),
            Some(ConsoleCommand::Down) => self.muting = Some((at + 1) % count),
            Some(ConsoleCommand::Open | ConsoleCommand::Mute) => {
                let Some(login) = logins.get(at) else {
                    return;
                };
                let mut session = table.lock();
                let mute = !session.is_muted(login);
                session.set_muted(login, mute);
                drop(session);
                table.changed();
                self.notice = Some(if mute {
                    format!(
                        "{login} is muted at table {}: their messages reach no one, and they \
                         are told so.",
                        table.id
                    )
                } else {
                    format!("{login} may speak again at table {}.", table.id)
                });
            }
            _ => self.muting = None,
        }
    }

    /// The lines of the mute list, or of the message being written, for the console's
    /// lower part (none when neither is open).
    pub(super) fn talk_form_lines(
        &self,
        table: Option<&Arc<Table>>,
        theme: Theme,
    ) -> Vec<Line<'static>> {
        let mut lines = Vec::new();
        if let (Some(at), Some(table)) = (self.muting, table) {
            let session = table.lock();
            lines.push(Line::styled(
                format!(
                    "Mute or unmute a login at table {} ({} · {} close):",
                    table.id,
                    keys::hint(ConsoleCommand::Open, "mute/unmute"),
                    keys::key(ConsoleCommand::Back)
                ),
                theme.heading(),
            ));
            for (i, login) in session.logins().iter().enumerate() {
                let state = if session.is_muted(login) {
                    "muted"
                } else {
                    "may speak"
                };
                let (marker, style) = if i == at {
                    ("▸", theme.selected())
                } else {
                    (" ", theme.text())
                };
                let seat = session
                    .seated_as(login)
                    .map_or(String::new(), |seat| format!(" ({seat})"));
                lines.push(Line::styled(
                    format!("{marker} {login}{seat} — {state}"),
                    style,
                ));
            }
        }
        if let Some(form) = &self.talk {
            let whom = match (form.everyone, table) {
                (true, _) => "every table".to_string(),
                (false, Some(table)) => format!("table {}", table.id),
                (false, None) => "no table".to_string(),
            };
            lines.push(Line::styled(
                format!("Message to {whom} (@seat first: to that seat only):"),
                theme.heading(),
            ));
            let mut spans = vec![Span::styled("▸ ", theme.selected())];
            spans.extend(form.draft.spans(theme));
            lines.push(Line::from(spans));
            if form.draft.overflowed() {
                lines.push(Line::styled(
                    format!("(full: {} characters at most)", form.draft.limit()),
                    theme.warn(),
                ));
            }
        }
        lines
    }

    /// The selected table's talk, in a box filling `area`: every message (private ones
    /// marked, each with its login), the newest at the bottom; and who is muted.
    pub(super) fn draw_talk(&self, frame: &mut Frame, area: Rect, table: &Table, theme: Theme) {
        let session = table.lock();
        let messages = session.messages();
        let muted = session.muted();
        let mut title = format!(" Table {} talk · {} ", table.id, count(messages.len()));
        if !muted.is_empty() {
            title.push_str(&format!("· muted: {} ", muted.join(", ")));
        }
        let block = Block::bordered()
            .border_style(theme.border())
            .title(Line::styled(title, theme.heading()))
            .title_bottom(Line::styled(
                format!(
                    " {} to this table · {} to all · {} mute ",
                    keys::key(ConsoleCommand::Message),
                    keys::key(ConsoleCommand::Announce),
                    keys::key(ConsoleCommand::Mute)
                ),
                theme.dim(),
            ));
        let inner = block.inner(area);
        let names = &session.game().scenario().names;
        let width = usize::from(inner.width);
        let mut rows: Vec<Line> = messages
            .iter()
            .map(|m| talk_line::line(m, Viewer::Facilitator, names, true, theme))
            .flat_map(|line| wrap::hanging_line(line, width))
            .collect();
        if rows.is_empty() {
            rows.push(Line::styled("Nothing said at this table yet.", theme.dim()));
        }
        let top = rows.len().saturating_sub(usize::from(inner.height));
        let shown: Vec<Line> = rows.into_iter().skip(top).collect();
        frame.render_widget(Paragraph::new(shown).block(block), area);
    }
}

/// Sends the facilitator's `text` to each table (an `@seat` first: to that seat at each);
/// says where it went, or why not.
fn announce(tables: &[Arc<Table>], text: &str) -> String {
    let now = Instant::now();
    let mut sent = Vec::new();
    let mut refused = None;
    for table in tables {
        let result = table.lock().say(Speaker::Facilitator, None, text, now);
        match result {
            Ok(_) => {
                table.changed();
                sent.push(table.id);
            }
            Err(why) => refused = Some(why),
        }
    }
    match (sent.as_slice(), refused) {
        ([], Some(why)) => format!("Not sent: {why}"),
        ([], None) => "No table to send it to.".to_string(),
        (ids, _) => format!("Sent to {}.", super::table_list(ids)),
    }
}

/// `3 messages`, `1 message`, `no message yet`.
fn count(n: usize) -> String {
    match n {
        0 => "no message yet".to_string(),
        1 => "1 message".to_string(),
        n => format!("{n} messages"),
    }
}
