//! The help overlay (every key, from the one keymap) and the "really quit?" question.

use crate::tui::keys::BINDINGS;
use crate::tui::theme::Theme;
use crate::tui::widgets::popup::centered;
use ratatui::prelude::*;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

/// Lists every key binding.
pub fn draw(frame: &mut Frame, theme: Theme) {
    let area = centered(frame.area(), 64, BINDINGS.len() as u16 + 2);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.focus_border())
        .title(Line::styled(" Keys ", theme.heading()))
        .title_bottom(Line::styled(
            " any key closes · mouse: click, wheel scrolls ",
            theme.dim(),
        ));
    let lines: Vec<Line> = BINDINGS
        .iter()
        .map(|b| {
            Line::from(vec![
                Span::styled(format!(" {:<10}", b.label), theme.key()),
                Span::raw(b.help),
            ])
        })
        .collect();
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}

/// Asks whether to quit, with a note on what becomes of the game, if one is running.
pub fn draw_confirm_quit(frame: &mut Frame, theme: Theme, note: Option<&str>) {
    let area = centered(frame.area(), 50, 6);
    frame.render_widget(Clear, area);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.focus_border())
        .title(Line::styled(" Quit? ", theme.heading()));
    let lines = vec![
        Line::from(vec![
            Span::raw(" Quit Ceasefire?  "),
            Span::styled("y", theme.key()),
            Span::raw(" yes   "),
            Span::styled("n", theme.key()),
            Span::raw(" no"),
        ]),
        Line::styled(format!(" {}", note.unwrap_or_default()), theme.dim()),
    ];
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
            .wrap(Wrap { trim: false }),
        area,
    );
}
