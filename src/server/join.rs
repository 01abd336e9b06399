//! The small screen that asks for a seat's join code before the seat's view is shown: to a
//! player who logged in with the room's password, picked a seat in the lobby, or comes back
//! to a seat their key is not bound to. Enter tries the code, Esc goes back to the lobby.

use super::seats::CODE_LENGTH;
use crate::engine::Seat;
use crate::tui::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::prelude::*;
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

/// What a key did at the prompt.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JoinStep {
    /// The code was changed (or the key ignored): draw again.
    Typing,
    /// Enter: try this code.
    Submit(String),
    /// Esc: back to the lobby.
    Cancel,
}

/// The join-code prompt for one seat of one table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JoinPrompt {
    /// The table.
    pub table: u32,
    /// The seat.
    pub seat: Seat,
    /// Whether the prompt opened straight from the login (`pakistan.2@`) rather than from
    /// the lobby: then leaving the seat ends the connection, as for a code given as password.
    pub from_login: bool,
    typed: String,
    /// What the table's scenario calls the seat (`None`: its usual name).
    seat_name: Option<String>,
}

impl JoinPrompt {
    /// The prompt for `seat` at table `table`, nothing typed yet.
    pub fn new(table: u32, seat: Seat, from_login: bool) -> JoinPrompt {
        JoinPrompt {
            table,
            seat,
            from_login,
            typed: String::new(),
            seat_name: None,
        }
    }

    /// The same prompt, naming the seat as the table's scenario does.
    pub fn with_seat_name(mut self, name: String) -> JoinPrompt {
        self.seat_name = Some(name);
        self
    }

    /// What has been typed.
    pub fn typed(&self) -> &str {
        &self.typed
    }

    /// Reacts to a key: letters and digits type (a code is short: more is not taken),
    /// Backspace deletes, Enter submits, Esc cancels.
    pub fn key(&mut self, key: KeyEvent) -> JoinStep {
        match key.code {
            KeyCode::Esc => JoinStep::Cancel,
            KeyCode::Enter => JoinStep::Submit(std::mem::take(&mut self.typed)),
            KeyCode::Backspace => {
                self.typed.pop();
                JoinStep::Typing
            }
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => JoinStep::Cancel,
            KeyCode::Char(c) if c.is_ascii_alphanumeric() && self.typed.len() < CODE_LENGTH * 2 => {
                self.typed.push(c.to_ascii_uppercase());
                JoinStep::Typing
            }
            _ => JoinStep::Typing,
        }
    }

    /// Draws the prompt in the middle of the screen; `problem` is the last refusal, if any.
    pub fn draw(&self, frame: &mut Frame, theme: Theme, problem: Option<&str>) {
        let area = frame.area();
        let width = area.width.min(60);
        let height = area.height.min(11);
        let rect = Rect {
            x: area.x + (area.width - width) / 2,
            y: area.y + (area.height - height) / 2,
            width,
            height,
        };
        let seat = self
            .seat_name
            .clone()
            .unwrap_or_else(|| self.seat.to_string());
        let mut text = vec![
            Line::raw(format!("Join code for {seat} at table {}:", self.table)),
            Line::raw(""),
            Line::styled(format!("  {}▏", self.typed), theme.selected()),
            Line::raw(""),
            Line::styled(
                "The facilitator has each seat's code: it keeps the seat's hand and \
                 objective to the one who holds it.",
                theme.dim(),
            ),
        ];
        if let Some(problem) = problem {
            text.push(Line::raw(""));
            text.push(Line::styled(problem.to_string(), theme.warn()));
        }
        let block = Block::bordered()
            .border_style(theme.border())
            .title(Line::styled(" Take a seat ", theme.heading()))
            .title_bottom(Line::styled(
                " Enter join · Esc back to the lobby ",
                theme.dim(),
            ));
        frame.render_widget(Clear, rect);
        frame.render_widget(
            Paragraph::new(text).wrap(Wrap { trim: false }).block(block),
            rect,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(prompt: &mut JoinPrompt, code: KeyCode) -> JoinStep {
        prompt.key(KeyEvent::new(code, KeyModifiers::NONE))
    }

    #[test]
    fn typing_then_enter_submits_the_code_in_capitals() {
        let mut prompt = JoinPrompt::new(2, Seat::Pakistan, true);
        for c in "ab3x".chars() {
            assert_eq!(press(&mut prompt, KeyCode::Char(c)), JoinStep::Typing);
        }
        press(&mut prompt, KeyCode::Backspace);
        press(&mut prompt, KeyCode::Char('-'));
        assert_eq!(prompt.typed(), "AB3");
        assert_eq!(
            press(&mut prompt, KeyCode::Enter),
            JoinStep::Submit("AB3".into())
        );
        assert_eq!(prompt.typed(), "", "a refused code is typed again");
        assert_eq!(press(&mut prompt, KeyCode::Esc), JoinStep::Cancel);
    }
}
