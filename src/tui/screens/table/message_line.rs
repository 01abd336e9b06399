//! The message line, drawn in the footer's place while a message is typed: who it goes to
//! (read from its `@name` as it is typed: `to the table`, `privately to Afghanistan`), then
//! the text with its cursor, scrolled sideways to keep the cursor in view, and a word when
//! the line is full. It only draws.

use crate::engine::talk::{self, Speaker};
use crate::engine::{SeatView, Viewer};
use crate::tui::theme::Theme;
use crate::tui::widgets::draft::Draft;
use ratatui::prelude::*;
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthChar;

/// Draws the message line for the viewer of `view`.
pub(super) fn draw(frame: &mut Frame, area: Rect, view: &SeatView, draft: &Draft, theme: Theme) {
    let speaker = match view.viewer {
        Viewer::Seat(seat) => Speaker::Seat(seat),
        _ => Speaker::Facilitator,
    };
    let (to, style) = match talk::preview(draft.text(), speaker, &view.scenario.names) {
        Ok(words) => (words, theme.key()),
        Err(why) if why.contains("your own seat") => (
            "not to yourself: @team, or no @ for the table".to_string(),
            theme.danger(),
        ),
        Err(_) => ("to whom? no seat has that name".to_string(), theme.danger()),
    };
    let head = format!(" ✉ {to} › ");
    let tail = if draft.overflowed() {
        format!(" (full: {} characters at most)", draft.limit())
    } else {
        String::new()
    };
    let room = usize::from(area.width)
        .saturating_sub(text_width(&head) + text_width(&tail))
        .max(4);
    let mut spans = vec![Span::styled(head, style)];
    spans.extend(window(draft, room, theme));
    spans.push(Span::styled(tail, theme.warn()));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The part of the draft that fits in `room` columns around its cursor: the end of what
/// stands before the cursor (`…` where it is cut), the cursor, then what follows as far as
/// it fits.
fn window(draft: &Draft, room: usize, theme: Theme) -> Vec<Span<'static>> {
    let chars: Vec<char> = draft.text().chars().collect();
    let cursor = draft.cursor().min(chars.len());
    // One column for the cursor, one for a cut mark.
    let mut left_room = room.saturating_sub(2);
    let mut start = cursor;
    while start > 0 {
        let w = width(chars[start - 1]);
        if w > left_room {
            break;
        }
        left_room -= w;
        start -= 1;
    }
    let mut before: String = chars[start..cursor].iter().collect();
    if start > 0 {
        before.insert(0, '…');
    }
    let mut right_room = room.saturating_sub(text_width(&before) + 1);
    let mut after = String::new();
    for &c in &chars[cursor..] {
        let w = width(c);
        if w > right_room {
            break;
        }
        right_room -= w;
        after.push(c);
    }
    vec![
        Span::raw(before),
        Span::styled("▏", theme.key()),
        Span::raw(after),
    ]
}

/// A character's width on screen.
fn width(c: char) -> usize {
    c.width().unwrap_or(0)
}

/// A text's width on screen.
fn text_width(text: &str) -> usize {
    text.chars().map(width).sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyCode;

    fn shown(text: &str, lefts: usize, room: usize) -> String {
        let mut draft = Draft::with_limit(300);
        for c in text.chars() {
            draft.key(KeyCode::Char(c));
        }
        for _ in 0..lefts {
            draft.key(KeyCode::Left);
        }
        window(&draft, room, Theme::new(false))
            .iter()
            .map(|s| s.content.as_ref())
            .collect()
    }

    #[test]
    fn the_cursor_stays_in_view_of_a_long_line() {
        assert_eq!(shown("hello", 0, 20), "hello▏");
        assert_eq!(shown("abcdefghij", 0, 6), "…ghij▏");
        assert_eq!(shown("abcdefghij", 9, 6), "a▏bcde");
        // Wide characters are counted as the two columns they take.
        assert_eq!(shown("漢字漢字", 0, 6), "…漢字▏");
    }
}
