//! Word-wrapping a styled line with a hanging indent: the rows after the first start under the
//! line's first word, so a long log entry reads as one block.

use ratatui::prelude::*;
use textwrap::WordSeparator;
use textwrap::core::{Word, break_words};
use textwrap::wrap_algorithms::wrap_first_fit;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// `line` wrapped to `width` columns. Its styles are kept; rows after the first are indented
/// to where its text starts (past leading spaces and markers such as `✗`), or by two columns
/// when the text starts the line. A word longer than a row is split. Widths are display
/// columns: a wide character (CJK, most emoji) takes two, a combining mark none.
pub fn hanging_line(line: Line<'static>, width: usize) -> Vec<Line<'static>> {
    let text = plain(&line);
    if text.width() <= width || width < 8 {
        return vec![line];
    }
    let lead: String = text.chars().take_while(|c| !c.is_alphanumeric()).collect();
    let indent = match lead.width() {
        0 => 2,
        lead => lead,
    }
    .min(width / 3);
    wrap_line(&line, width, indent)
}

/// `line` word-wrapped to `width` display columns, every row after the first starting with
/// `indent` spaces; the one wrapper behind every wrapped text of the game. Words are parted
/// by ASCII spaces only (a no-break space keeps its neighbours together), the spaces where a
/// row breaks are dropped, and a word wider than a row is broken. Each piece keeps its
/// span's style (patched onto the line's); the indent is unstyled. Never returns no rows.
pub fn wrap_line(line: &Line<'_>, width: usize, indent: usize) -> Vec<Line<'static>> {
    let text = plain(line);
    // Where each span ends in `text`, and the style its characters are drawn in.
    let ends: Vec<(usize, Style)> = line
        .spans
        .iter()
        .scan(0, |end, span| {
            *end += span.content.len();
            Some((*end, line.style.patch(span.style)))
        })
        .collect();
    let width = width.max(1);
    let rest = width.saturating_sub(indent).max(1);
    let words = WordSeparator::AsciiSpace.find_words(&text).map(|mut word| {
        // Measured as the terminal draws it (emoji sequences included).
        word.width = word.word.width();
        word
    });
    let words = break_words(words, rest);
    if words.is_empty() {
        return vec![Line::default()];
    }
    let at = |word: &Word| word.word.as_ptr() as usize - text.as_ptr() as usize;
    // A row's words lie side by side in `text`, so a row is one stretch of it.
    wrap_first_fit(&words, &[width as f64, rest as f64])
        .iter()
        .enumerate()
        .map(|(row, words)| {
            let (first, last) = (&words[0], &words[words.len() - 1]);
            let pad = if row == 0 { 0 } else { indent };
            styled_row(&text, &ends, at(first)..at(last) + last.word.len(), pad)
        })
        .collect()
}

/// `line` cut to `width` display columns, its last kept column replaced by `…` when it is
/// cut.
pub fn clip_line(line: Line<'static>, width: usize) -> Line<'static> {
    if plain(&line).width() <= width || width == 0 {
        return line;
    }
    let mut room = width - 1;
    let mut spans = Vec::new();
    for span in line.spans {
        let mut kept = String::new();
        for c in span.content.chars() {
            let w = UnicodeWidthChar::width(c).unwrap_or(0);
            if w > room {
                room = 0;
                break;
            }
            room -= w;
            kept.push(c);
        }
        if !kept.is_empty() {
            spans.push(Span::styled(kept, span.style));
        }
        if room == 0 {
            break;
        }
    }
    spans.push(Span::raw("…"));
    Line::from(spans).style(line.style)
}

/// The text of `line`, its spans one after the other.
fn plain(line: &Line<'_>) -> String {
    line.spans.iter().map(|s| s.content.as_ref()).collect()
}

/// The stretch `range` of `text` as a line of spans, one span per run of a style, after
/// `indent` unstyled spaces. `ends` says where each style's stretch of `text` ends.
fn styled_row(
    text: &str,
    ends: &[(usize, Style)],
    range: std::ops::Range<usize>,
    indent: usize,
) -> Line<'static> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut push = |piece: &str, style: Style| match spans.last_mut() {
        Some(last) if last.style == style => last.content.to_mut().push_str(piece),
        _ if piece.is_empty() => {}
        _ => spans.push(Span::styled(piece.to_string(), style)),
    };
    push(&" ".repeat(indent), Style::default());
    let mut from = range.start;
    for &(end, style) in ends {
        let to = end.min(range.end);
        if to > from {
            push(&text[from..to], style);
            from = to;
        }
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
    /// The display width of each row.
    fn widths(lines: &[Line]) -> Vec<usize> {
        lines.iter().map(|l| l.to_string().width()).collect()
    }

    #[test]
    fn rows_of_wide_characters_never_pass_the_width_in_columns() {
        let spaced = Line::from(
            "  ✓ 和平 协议 需要 双方 的 信任 🕊️ 与 耐心 以及 国际 社会 的 支持 🤝 today",
        );
        for width in 8..30 {
            let rows = hanging_line(spaced.clone(), width);
            assert!(
                widths(&rows).iter().all(|&w| w <= width),
                "{width}: {:?}",
                texts(&rows)
            );
            let words: Vec<String> = rows
                .iter()
                .flat_map(|r| {
                    r.to_string()
                        .split(' ')
                        .map(String::from)
                        .collect::<Vec<_>>()
                })
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(
                words.join(" "),
                "✓ 和平 协议 需要 双方 的 信任 🕊️ 与 耐心 以及 国际 社会 的 支持 🤝 today"
            );
        }
        // Counted in characters (11) this line would seem to fit 12 columns; it takes 21.
        let rows = hanging_line(Line::from("停火 协议需要双方信任"), 12);
        assert_eq!(texts(&rows), ["停火", "  协议需要双", "  方信任"]);
        assert_eq!(widths(&rows), [4, 12, 8]);
    }

    #[test]
    fn combining_marks_take_no_column() {
        // Twelve letters written with twenty-four characters: they fit in twelve columns.
        let line = Line::from("cafe\u{301} cafe\u{301} ne\u{301}");
        assert_eq!(hanging_line(line.clone(), 12), vec![line]);
        let clipped = clip_line(Line::from("e\u{301}e\u{301}e\u{301}e\u{301}"), 3);
        assert_eq!(clipped.to_string(), "e\u{301}e\u{301}…");
    }

    #[test]
    fn a_word_wider_than_the_row_is_broken_at_a_whole_character() {
        // An odd width: a wide character never straddles the edge.
        let rows = wrap_line(&Line::from("停火协议需要双方的信任与耐心"), 9, 0);
        assert_eq!(texts(&rows), ["停火协议", "需要双方", "的信任与", "耐心"]);
        let rows = wrap_line(&Line::from("go abcdefghijklmnopqrstuvwxyz"), 10, 3);
        assert_eq!(
            texts(&rows),
            ["go abcdefg", "   hijklmn", "   opqrstu", "   vwxyz"]
        );
    }

    #[test]
    fn a_clipped_line_of_wide_characters_fits_its_columns() {
        let clipped = clip_line(Line::from("停火协议 signed"), 6);
        assert_eq!(clipped.to_string(), "停火…");
        assert!(clipped.to_string().width() <= 6);
    }

    #[test]
    fn empty_and_blank_lines_keep_one_row() {
        assert_eq!(wrap_line(&Line::from(""), 10, 2).len(), 1);
        assert_eq!(wrap_line(&Line::from("   "), 10, 2).len(), 1);
    }
}
