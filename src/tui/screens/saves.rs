//! "Continue": the saved games in the saves folder, newest first, with scenario, round,
//! seats and date; Enter resumes one.

use super::hit;
use super::play::Play;
use crate::save;
use crate::tui::app::{Options, Step};
use crate::tui::keys::{self, MenuCommand};
use crate::tui::theme::Theme;
use crate::tui::widgets::wrap;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::prelude::*;
use ratatui::widgets::{Block, Paragraph, Wrap};
use std::path::PathBuf;

/// One save in the list: two lines, what the game is and where it stands, then its seed,
/// seats, date and file.
#[derive(Clone, Debug)]
struct Entry {
    path: PathBuf,
    line: String,
    detail: String,
    /// Why the file cannot be read, whole (the detail line may be cut).
    error: Option<String>,
    saved_at: u64,
}

/// Rows each entry takes.
const ENTRY_ROWS: u16 = 2;

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
            let Ok(bytes) = save::read_bounded(&path, save::MAX_SAVE_BYTES) else {
                continue;
            };
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let entry = match save::parse(&path, &bytes) {
                Ok(file) => Entry {
                    line: format!(
                        "{} · rules version {} · round {} · {}",
                        file.summary.title,
                        file.rules_version(),
                        file.summary.round,
                        file.summary
                            .outcome
                            .map_or("in progress".to_string(), |o| o.to_string()),
                    ),
                    // Who played comes before the file name (which tells apart games that
                    // share a scenario, seed and seats): a narrow screen cuts the end.
                    detail: format!(
                        "{} · seed {} · {} · {name}",
                        seat_list(&file.seats),
                        file.seed,
                        date(file.saved_at),
                    ),
                    error: None,
                    saved_at: file.saved_at,
                    path,
                },
                Err(e) => {
                    let why = first_line(
                        e.to_string()
                            .trim_start_matches(&format!("{}: ", path.display())),
                    );
                    Entry {
                        line: format!("{name}: cannot be read"),
                        detail: why.clone(),
                        error: Some(format!("{name}: {why}")),
                        saved_at: 0,
                        path,
                    }
                }
            };
            state.entries.push(entry);
        }
        state.entries.sort_by(|a, b| {
            b.saved_at
                .cmp(&a.saved_at)
                .then_with(|| a.path.cmp(&b.path))
        });
        if state.entries.is_empty() {
            state.notice = Some(format!("No saved games yet in {}.", dir.display()));
        }
        state
    }

    /// Reacts to a key.
    pub(crate) fn handle(&mut self, command: Option<MenuCommand>, options: &Options) -> Step {
        let n = self.entries.len().max(1);
        match command {
            Some(MenuCommand::Up) => self.selected = (self.selected + n - 1) % n,
            Some(MenuCommand::Down) => self.selected = (self.selected + 1) % n,
            Some(MenuCommand::Home) => self.selected = 0,
            Some(MenuCommand::End) => self.selected = n - 1,
            Some(MenuCommand::PageUp) => self.selected = self.selected.saturating_sub(5),
            Some(MenuCommand::PageDown) => self.selected = (self.selected + 5).min(n - 1),
            Some(MenuCommand::Confirm) => return self.open(options),
            Some(MenuCommand::Back) => return Step::Title,
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
                self.notice = Some(first_line(&e));
                Step::Stay
            }
        }
    }

    /// A click opens a save.
    pub(crate) fn mouse(&mut self, mouse: MouseEvent, area: Rect, options: &Options) -> Step {
        if let MouseEventKind::Down(MouseButton::Left) = mouse.kind
            && let Some(i) = hit(&self.rows(area), mouse.column, mouse.row)
        {
            self.selected = self.first_shown(area) + i;
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
                format!(
                    " {} choose · {} · {} ",
                    keys::pair(MenuCommand::Up, MenuCommand::Down),
                    keys::hint(MenuCommand::Confirm, "resume"),
                    keys::button(MenuCommand::Back)
                ),
                theme.dim(),
            ));
        frame.render_widget(block, area);
        let first = self.first_shown(area);
        for ((i, entry), row) in self
            .entries
            .iter()
            .enumerate()
            .skip(first)
            .zip(self.rows(area))
        {
            let (style, detail) = if i == self.selected {
                (theme.selected(), theme.selected())
            } else {
                (theme.text(), theme.dim())
            };
            let marker = if i == self.selected { "▸ " } else { "  " };
            let width = usize::from(row.width);
            let lines = vec![
                wrap::clip_line(
                    Line::styled(format!("{marker}{}", entry.line), style),
                    width,
                ),
                wrap::clip_line(Line::styled(format!("    {}", entry.detail), detail), width),
            ];
            frame.render_widget(Paragraph::new(lines), row);
        }
        let hidden = self.entries.len() - first - self.rows(area).len();
        if first > 0 || hidden > 0 {
            let more = format!(" {} more above · {} more below ", first, hidden);
            frame.render_widget(
                Paragraph::new(Line::styled(more, theme.dim()).right_aligned()),
                Rect {
                    y: area.y,
                    height: 1,
                    ..area
                }
                .inner(Margin::new(1, 0)),
            );
        }
        // A file that cannot be read says why in full while it is selected.
        let selected_error = self
            .entries
            .get(self.selected)
            .and_then(|e| e.error.as_ref());
        if let Some(notice) = self.notice.as_ref().or(selected_error) {
            frame.render_widget(
                Paragraph::new(notice.as_str())
                    .style(theme.warn())
                    .wrap(Wrap { trim: true }),
                Rect {
                    x: area.x + 2,
                    y: area.bottom().saturating_sub(4),
                    width: area.width.saturating_sub(4),
                    height: 3.min(area.height),
                },
            );
        }
    }

    /// How many entries fit on the screen at once (below a blank line, above the notice,
    /// whose room is kept whenever a file cannot be read).
    fn fits(&self, area: Rect) -> usize {
        let unreadable = self.entries.iter().any(|e| e.error.is_some());
        let notice = if self.notice.is_some() || unreadable {
            4
        } else {
            0
        };
        usize::from(area.height.saturating_sub(3 + notice) / ENTRY_ROWS).max(1)
    }

    /// The first entry shown, so that the selected one is on screen.
    fn first_shown(&self, area: Rect) -> usize {
        self.selected.saturating_sub(self.fits(area) - 1)
    }

    /// Where each shown entry goes.
    fn rows(&self, area: Rect) -> Vec<Rect> {
        let shown = self
            .entries
            .len()
            .saturating_sub(self.first_shown(area))
            .min(self.fits(area));
        (0..shown as u16)
            .map(|i| Rect {
                x: area.x + 2,
                y: area.y + 2 + i * ENTRY_ROWS,
                width: area.width.saturating_sub(4),
                height: ENTRY_ROWS,
            })
            .collect()
    }
}

/// The first line of a message (the notice wraps it to the screen's width).
fn first_line(text: &str) -> String {
    text.lines().next().unwrap_or_default().to_string()
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

/// Who played each seat, in a few words: `PK human · AF normal · MD normal`.
fn seat_list(seats: &[String; 3]) -> String {
    crate::engine::Seat::ALL
        .iter()
        .zip(seats)
        .map(|(&seat, who)| format!("{} {who}", crate::engine::words::seat_tag(seat)))
        .collect::<Vec<_>>()
        .join(" · ")
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
