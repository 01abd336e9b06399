//! "Continue": the saved games in the saves folder, newest first, with scenario, round,
//! seats and date; Enter resumes one.

use super::hit;
use super::play::Play;
use crate::save;
use crate::tui::app::{Options, Step};
use crate::tui::keys::Command;
use crate::tui::theme::Theme;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::prelude::*;
use ratatui::widgets::{Block, Paragraph};
use std::path::PathBuf;

/// One save in the list.
#[derive(Clone, Debug)]
struct Entry {
    path: PathBuf,
    line: String,
    saved_at: u64,
}

/// The list of saves and the highlighted one.
#[derive(Clone, Debug, Default)]
pub struct SavesState {
    entries: Vec<Entry>,
    selected: usize,
    notice: Option<String>,
}

impl SavesState {
    /// Reads the saves folder (each file's summary; files that do not parse are listed as such).
    pub fn load(options: &Options) -> SavesState {
        let mut state = SavesState::default();
        let Some(dir) = &options.saves_dir else {
            state.notice = Some("Saving is off (no saves folder).".into());
            return state;
        };
        let Ok(read) = std::fs::read_dir(dir) else {
            state.notice = Some(format!("No saved games yet in {}.", dir.display()));
            return state;
        };
        for item in read.flatten() {
            let path = item.path();
            if path.extension().is_none_or(|e| e != "json") {
                continue;
            }
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let entry = match save::parse(&path, &bytes) {
                Ok(file) => Entry {
                    line: format!(
                        "{} · round {} · {} · {} · {}",
                        file.summary.title,
                        file.summary.round,
                        file.summary
                            .outcome
                            .map_or("in progress".to_string(), |o| o.to_string()),
                        file.seats.join("/"),
                        date(file.saved_at)
                    ),
                    saved_at: file.saved_at,
                    path,
                },
                Err(e) => Entry {
                    line: format!("{name}: cannot be read ({})", short(&e.to_string())),
                    saved_at: 0,
                    path,
                },
            };
            state.entries.push(entry);
        }
        state.entries.sort_by_key(|e| std::cmp::Reverse(e.saved_at));
        if state.entries.is_empty() {
            state.notice = Some(format!("No saved games yet in {}.", dir.display()));
        }
        state
    }

    /// Reacts to a key.
    pub(crate) fn handle(&mut self, command: Option<Command>, options: &Options) -> Step {
        let n = self.entries.len().max(1);
        match command {
            Some(Command::Up) => self.selected = (self.selected + n - 1) % n,
            Some(Command::Down) => self.selected = (self.selected + 1) % n,
            Some(Command::Confirm) => return self.open(options),
            Some(Command::Back) => return Step::Title,
            _ => {}
        }
        Step::Stay
    }

    fn open(&mut self, options: &Options) -> Step {
        let Some(entry) = self.entries.get(self.selected) else {
            return Step::Stay;
        };
        match Play::load(&entry.path, options) {
            Ok(play) => Step::Play(Box::new(play)),
            Err(e) => {
                self.notice = Some(short(&e));
                Step::Stay
            }
        }
    }

    /// A click opens a save.
    pub(crate) fn mouse(&mut self, mouse: MouseEvent, area: Rect, options: &Options) -> Step {
        if let MouseEventKind::Down(MouseButton::Left) = mouse.kind
            && let Some(i) = hit(&rows(area, self.entries.len()), mouse.column, mouse.row)
        {
            self.selected = i;
            return self.open(options);
        }
        Step::Stay
    }

    /// Draws the list.
    pub fn draw(&self, frame: &mut Frame, theme: Theme) {
        let area = frame.area();
        let block = Block::bordered()
            .border_style(theme.border())
            .title(Line::styled(" Continue a saved game ", theme.heading()))
            .title_bottom(Line::styled(
                " ↑↓ choose · Enter resume · Esc back ",
                theme.dim(),
            ));
        frame.render_widget(block, area);
        for (i, (entry, row)) in self
            .entries
            .iter()
            .zip(rows(area, self.entries.len()))
            .enumerate()
        {
            let style = if i == self.selected {
                theme.selected()
            } else {
                theme.text()
            };
            frame.render_widget(Paragraph::new(format!(" {}", entry.line)).style(style), row);
        }
        if let Some(notice) = &self.notice {
            frame.render_widget(
                Paragraph::new(notice.as_str()).style(theme.warn()),
                Rect {
                    x: area.x + 2,
                    y: area.bottom().saturating_sub(3),
                    width: area.width.saturating_sub(4),
                    height: 1,
                },
            );
        }
    }
}

fn rows(area: Rect, count: usize) -> Vec<Rect> {
    let visible = usize::from(area.height.saturating_sub(5));
    (0..count.min(visible) as u16)
        .map(|i| Rect {
            x: area.x + 2,
            y: area.y + 2 + i,
            width: area.width.saturating_sub(4),
            height: 1,
        })
        .collect()
}

fn short(text: &str) -> String {
    text.lines()
        .next()
        .unwrap_or_default()
        .chars()
        .take(100)
        .collect()
}

/// `YYYY-MM-DD HH:MM` (UTC) of a Unix time, without a date library.
pub fn date(unix: u64) -> String {
    let days = (unix / 86_400) as i64;
    let minutes = (unix % 86_400) / 60;
    // Howard Hinnant's days-to-civil algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02}",
        minutes / 60,
        minutes % 60
    )
}

#[cfg(test)]
mod tests {
    use super::date;

    #[test]
    fn dates_are_civil_utc() {
        assert_eq!(date(0), "1970-01-01 00:00");
        assert_eq!(date(1_795_600_000), "2026-11-25 09:46");
    }
}
