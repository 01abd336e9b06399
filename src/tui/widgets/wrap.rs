//! Word-wrapping a styled line with a hanging indent: the rows after the first start under the
//! line's first word, so a long log entry reads as one block.

use ratatui::prelude::*;

/// `line` wrapped to `width` columns. Its styles are kept; rows after the first are indented
/// to where its text starts (past leading spaces and markers such as `✗`), or by two columns
/// when the text starts the line. A word longer than a row is split.
pub fn hanging_line(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    let cells: Vec<(char, Style)> = line
        .spans
        .iter()
        .flat_map(|span| {
            let style = line.style.patch(span.style);
            span.content.chars().map(move |c| (c, style))
        })
        .collect();
    if cells.len() <= width || width < 8 {
        return vec![line];
    }
    let lead = cells
        .iter()
        .take_while(|(c, _)| !c.is_alphanumeric())
        .count();
    let indent = if lead == 0 { 2 } else { lead }.min(width / 3);
    let mut rows: Vec<Vec<(char, Style)>> = Vec::new();
    let mut row: Vec<(char, Style)> = Vec::new();
    let mut row_has_word = false;
    let mut at = 0;
    while at < cells.len() {
        let gap_start = at;
        while at < cells.len() && cells[at].0 == ' ' {
            at += 1;
        }
        let word_start = at;
        while at < cells.len() && cells[at].0 != ' ' {
            at += 1;
        }
        let (gap, mut word) = (&cells[gap_start..word_start], &cells[word_start..at]);
        if word.is_empty() {
            break;
        }
        if row_has_word && row.len() + gap.len() + word.len() > width {
            rows.push(std::mem::take(&mut row));
            row.extend(std::iter::repeat_n((' ', Style::default()), indent));
        } else if row_has_word || rows.is_empty() {
            row.extend_from_slice(gap);
        }
        while row.len() + word.len() > width {
            let fits = width - row.len();
            row.extend_from_slice(&word[..fits]);
            word = &word[fits..];
            rows.push(std::mem::take(&mut row));
            row.extend(std::iter::repeat_n((' ', Style::default()), indent));
        }
        row.extend_from_slice(word);
        row_has_word = true;
    }
    rows.push(row);
    rows.into_iter().map(styled_row).collect()
}

/// `line` cut to `width` columns, its last kept column replaced by `…` when it is cut.
pub fn clip_line(line: Line<'static>, width: usize) -> Line<'static> {
    let length: usize = line.spans.iter().map(|s| s.content.chars().count()).sum();
    if length <= width || width == 0 {
        return line;
    }
    let mut room = width - 1;
    let mut spans = Vec::new();
    for span in line.spans {
        if room == 0 {
            break;
        }
        let kept: String = span.content.chars().take(room).collect();
        room -= kept.chars().count();
        spans.push(Span::styled(kept, span.style));
    }
    spans.push(Span::raw("…"));
    Line::from(spans).style(line.style)
}

/// One row of styled characters as a line of spans, one span per run of a style.
fn styled_row(cells: Vec<(char, Style)>) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut text = String::new();
    let mut current: Option<Style> = None;
    for (c, style) in cells {
        if current.is_some_and(|s| s != style) {
            spans.push(Span::styled(
                std::mem::take(&mut text),
                current.unwrap_or_default(),
            ));
        }
        current = Some(style);
        text.push(c);
    }
    if !text.is_empty() {
        spans.push(Span::styled(text, current.unwrap_or_default()));
    }
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(|l| l.to_string()).collect()
    }

    #[test]
    fn a_clipped_line_ends_in_an_ellipsis_and_keeps_its_styles() {
        let bold = Style::new().bold();
        let line = Line::from(vec![
            Span::styled("#2 AF", bold),
            Span::raw(" Verification"),
        ]);
        let clipped = clip_line(line.clone(), 10);
        assert_eq!(clipped.to_string(), "#2 AF Ver…");
        assert_eq!(clipped.spans[0].style, bold);
        assert_eq!(clip_line(line.clone(), 40), line);
    }

    #[test]
    fn a_short_line_is_left_alone() {
        let line = Line::from("  ✓ Security agreed.");
        assert_eq!(hanging_line(line.clone(), 40), vec![line]);
    }

    #[test]
    fn rows_after_the_first_start_under_the_first_word() {
        let line = Line::from("  ✗ Afghanistan's commitment #12 in Security BROKE today.");
        assert_eq!(
            texts(&hanging_line(line, 30)),
            [
                "  ✗ Afghanistan's commitment",
                "    #12 in Security BROKE",
                "    today.",
            ]
        );
        let reason = Line::from("Pakistan (normal): answers the demand to keep Trust up");
        assert_eq!(
            texts(&hanging_line(reason, 24)),
            [
                "Pakistan (normal):",
                "  answers the demand to",
                "  keep Trust up",
            ]
        );
    }

    #[test]
    fn styles_survive_the_wrap_and_long_words_are_split() {
        let bold = Style::new().bold();
        let line = Line::from(vec![
            Span::styled("Mediator (hard):", bold),
            Span::raw(" abcdefghijklmnopqrstuvwxyz"),
        ]);
        let rows = hanging_line(line, 12);
        assert_eq!(
            texts(&rows),
            [
                "Mediator",
                "  (hard):",
                "  abcdefghij",
                "  klmnopqrst",
                "  uvwxyz"
            ]
        );
        assert_eq!(rows[0].spans[0].style, bold);
        assert_eq!(rows[1].spans[1].style, bold);
        assert_eq!(rows[2].spans, [Span::raw("  abcdefghij")]);
    }
}
