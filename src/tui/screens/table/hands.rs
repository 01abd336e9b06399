//! The table screen's hand panel: the viewer's cards (unusable ones marked), or every hand
//! for the facilitator, or a note for a spectator who has none. It only draws.

use super::layout::scroll_to;
use super::{Panel, TableData, TableUi, panel};
use crate::engine::{Seat, SeatView, Viewer};
use crate::tui::theme::Theme;
use crate::tui::widgets::{hand, wrap};
use ratatui::prelude::*;
use ratatui::widgets::{Paragraph, Wrap};

/// The facilitator sees every hand, one seat after another. When they do not all fit, each
/// seat gets an equal share of the rows and a cut hand ends in `…`, so no seat is hidden.
pub(super) fn draw_all_hands(frame: &mut Frame, area: Rect, view: &SeatView, theme: Theme) {
    let block = panel(" Every hand (facilitator) ".into(), false, theme);
    let inner = block.inner(area);
    let width = usize::from(inner.width);
    let seats: Vec<Vec<Line>> = Seat::ALL
        .iter()
        .map(|&seat| {
            let names: Vec<&str> = view.hands[seat.index()]
                .iter()
                .flatten()
                .map(|c| view.scenario.cards[usize::from(*c)].name.as_str())
                .collect();
            let line = Line::from(vec![
                Span::styled(
                    format!("{}: ", view.scenario.seat_tag(seat)),
                    theme.seat(seat),
                ),
                // A no-break space keeps each `·` with the name before it when rows wrap.
                Span::raw(names.join("\u{a0}· ")),
            ]);
            wrap::hanging_line(line, width)
        })
        .collect();
    let height = usize::from(inner.height);
    let lines: Vec<Line> = if seats.iter().map(Vec::len).sum::<usize>() <= height {
        seats.into_iter().flatten().collect()
    } else {
        seats
            .into_iter()
            .enumerate()
            .flat_map(|(i, rows)| {
                let share = (height / 3 + usize::from(i < height % 3)).max(1);
                cut_to(rows, share, width)
            })
            .collect()
    };
    frame.render_widget(Paragraph::new(lines).block(block), area);
}

/// The first `rows` of `lines`; when some are left out, the last one kept ends in `…`.
fn cut_to(mut lines: Vec<Line<'static>>, rows: usize, width: usize) -> Vec<Line<'static>> {
    if lines.len() <= rows {
        return lines;
    }
    lines.truncate(rows);
    if let Some(last) = lines.last_mut() {
        let room = width.saturating_sub(1);
        let mut used = 0;
        let mut spans = Vec::new();
        for span in last.spans.drain(..) {
            let take: String = span.content.chars().take(room - used).collect();
            used += take.chars().count();
            spans.push(Span::styled(take, span.style));
        }
        spans.push(Span::raw("…"));
        last.spans = spans;
    }
    lines
}

/// The viewer's hand, scrolled to keep the selected card in sight; a viewer without a seat
/// gets a note instead.
pub(super) fn draw_hand(
    frame: &mut Frame,
    area: Rect,
    data: &TableData,
    ui: &TableUi,
    theme: Theme,
) {
    let view = data.view;
    let focused = ui.focus == Panel::Hand;
    let hand_title = match view.viewer {
        Viewer::Seat(seat) => format!(
            " {}'s hand ({}) ",
            view.scenario.seat_name(seat),
            view.own_hand().len()
        ),
        _ => " Hands are private ".to_string(),
    };
    let hand_block = panel(hand_title, focused, theme);
    let hand_inner = hand_block.inner(area);
    if !matches!(view.viewer, Viewer::Seat(_)) {
        // A spectator has no hand: say what it can follow instead.
        let note = "No hand to show: the cards played appear on the table and in the log.";
        frame.render_widget(
            Paragraph::new(Line::styled(note, theme.dim()))
                .wrap(Wrap { trim: true })
                .block(hand_block),
            area,
        );
        return;
    }
    frame.render_widget(
        Paragraph::new(hand::lines(
            view,
            data.blocked,
            ui.hand,
            focused,
            hand_inner.width,
            theme,
        ))
        .block(hand_block)
        .scroll((scroll_to(ui.hand, hand_inner.height) as u16, 0)),
        area,
    );
}
