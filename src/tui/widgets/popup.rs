//! Centred pop-up boxes (prompts, help, questions) and where their rows land on screen, so
//! mouse clicks can be mapped back to options.

use super::wrap;
use crate::tui::theme::Theme;
use ratatui::buffer::Cell;
use ratatui::prelude::*;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

/// A rectangle of `width` × `height` centred in `area` (clipped to it).
pub fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let width = width.min(area.width);
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

/// Draws `text` inside `block` in `area`, word-wrapped when `wrap` says so, scrolled down by
/// `scroll` rows but never past its end. The border says "↑ more" / "↓ more" while rows are
/// hidden above or below. Returns the furthest it can scroll, for the caller to keep within.
///
/// Each line wraps on its own, so only the lines in view are laid out: how many rows each
/// line takes at a width is remembered ([`rows_per_line`]), and the lines above the view are
/// left out rather than wrapped again at every keypress.
pub fn scrolled(
    frame: &mut Frame,
    area: Rect,
    text: Vec<Line<'_>>,
    wrap: Option<Wrap>,
    block: Block,
    scroll: u16,
    theme: Theme,
) -> u16 {
    let inner = block.inner(area);
    let rows = match wrap {
        Some(wrap) if inner.width > 0 => rows_per_line(&text, inner.width, wrap.trim),
        _ => std::rc::Rc::new(vec![1; text.len()]),
    };
    let total: usize = rows.iter().map(|&r| usize::from(r)).sum();
    let total = u16::try_from(total).unwrap_or(u16::MAX);
    let max = total.saturating_sub(inner.height);
    let scroll = scroll.min(max);
    let mut block = block;
    if scroll > 0 {
        block = block.title_top(Line::styled(" ↑ more ", theme.key()).right_aligned());
    }
    if scroll < max {
        block = block.title_bottom(Line::styled(" ↓ more ", theme.key()).right_aligned());
    }
    // A wrapped text drawn whole before (a brief being scrolled) is copied row by row onto
    // a blank area, the rows in view only: no wrapping at all.
    if let Some(wrap) = wrap
        && is_blank(frame.buffer_mut(), inner)
        && let Some(drawn) = drawn_whole(&text, inner.width, wrap, total)
    {
        frame.render_widget(block, area);
        let buffer = frame.buffer_mut();
        for y in 0..inner.height {
            let row = scroll.saturating_add(y);
            if row >= total {
                break;
            }
            for x in 0..inner.width {
                buffer[(inner.x + x, inner.y + y)].clone_from(&drawn[(x, row)]);
            }
        }
        return max;
    }
    // The whole lines above the view, and the rows of the first line in view above it.
    let mut above = 0usize;
    let mut skipped = 0;
    for &r in rows.iter() {
        if above + usize::from(r) > usize::from(scroll) {
            break;
        }
        above += usize::from(r);
        skipped += 1;
    }
    let within = scroll - u16::try_from(above).unwrap_or(scroll);
    let mut shown = 0usize;
    let wanted = usize::from(within) + usize::from(inner.height);
    let visible: Vec<Line> = text
        .into_iter()
        .zip(rows.iter())
        .skip(skipped)
        .take_while(|(_, r)| {
            let more = shown < wanted;
            shown += usize::from(**r);
            more
        })
        .map(|(line, _)| line)
        .collect();
    let mut paragraph = Paragraph::new(visible).scroll((within, 0)).block(block);
    if let Some(wrap) = wrap {
        paragraph = paragraph.wrap(wrap);
    }
    frame.render_widget(paragraph, area);
    max
}

/// How many remembered layouts each drawing thread keeps (briefs, card texts, debriefs at
/// the widths in use); when full it starts again.
const REMEMBERED_LAYOUTS: usize = 256;

/// Rows each line of a text takes, by the text's hash, width and trimming.
type Layouts = std::collections::HashMap<(u64, u16, bool), std::rc::Rc<Vec<u16>>>;

thread_local! {
    static LAYOUTS: std::cell::RefCell<Layouts> = std::cell::RefCell::new(Layouts::new());
}

/// Whether every cell of `area` is blank (nothing drawn there yet this frame).
fn is_blank(buffer: &Buffer, area: Rect) -> bool {
    let blank = Cell::default();
    !area.is_empty() && area.positions().all(|p| buffer.cell(p) == Some(&blank))
}

/// `text`, `width` columns wide, told apart from other texts by a hash of its words and
/// styles.
fn text_key(text: &[Line<'_>], width: u16, trim: bool) -> (u64, u16, bool) {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut hasher);
    (hasher.finish(), width, trim)
}

/// The most cells one text drawn whole may take, and all of a thread's (about 48 bytes a
/// cell): a few briefs at the widths in use.
const DRAWN_CELLS_A_TEXT: usize = 32 * 1024;
const DRAWN_CELLS: usize = 96 * 1024;

/// Texts drawn whole, by [`text_key`], and the cells they take in all.
type Drawn = (
    usize,
    std::collections::HashMap<(u64, u16, bool), std::rc::Rc<Buffer>>,
);

thread_local! {
    static DRAWN: std::cell::RefCell<Drawn> = std::cell::RefCell::new(Drawn::default());
}

/// `text` wrapped and drawn whole on a blank buffer `width` columns wide and `rows` tall, as
/// a paragraph draws it; drawn once per text and width on a thread, then remembered. `None`
/// for a text too large to keep.
fn drawn_whole(
    text: &[Line<'_>],
    width: u16,
    wrap: Wrap,
    rows: u16,
) -> Option<std::rc::Rc<Buffer>> {
    let cells = usize::from(width) * usize::from(rows);
    if cells == 0 || cells > DRAWN_CELLS_A_TEXT {
        return None;
    }
    let key = text_key(text, width, wrap.trim);
    if let Some(drawn) = DRAWN.with(|drawn| drawn.borrow().1.get(&key).cloned()) {
        return Some(drawn);
    }
    let area = Rect::new(0, 0, width, rows);
    let mut buffer = Buffer::empty(area);
    Paragraph::new(text.to_vec())
        .wrap(wrap)
        .render(area, &mut buffer);
    let buffer = std::rc::Rc::new(buffer);
    DRAWN.with(|drawn| {
        let (held, texts) = &mut *drawn.borrow_mut();
        if *held + cells > DRAWN_CELLS {
            texts.clear();
            *held = 0;
        }
        *held += cells;
        texts.insert(key, buffer.clone());
    });
    Some(buffer)
}

/// The rows each of `text`'s lines takes word-wrapped to `width` columns, as ratatui's
/// paragraph wraps it; worked out once per text and width on a thread, then remembered
/// (texts are told apart by a hash of their words and styles).
pub fn rows_per_line(text: &[Line<'_>], width: u16, trim: bool) -> std::rc::Rc<Vec<u16>> {
    let key = text_key(text, width, trim);
    if let Some(rows) = LAYOUTS.with(|layouts| layouts.borrow().get(&key).cloned()) {
        return rows;
    }
    let rows: Vec<u16> = text
        .iter()
        .map(|line| {
            let count = Paragraph::new(line.clone())
                .wrap(Wrap { trim })
                .line_count(width);
            u16::try_from(count).unwrap_or(u16::MAX)
        })
        .collect();
    let rows = std::rc::Rc::new(rows);
    LAYOUTS.with(|layouts| {
        let mut layouts = layouts.borrow_mut();
        if layouts.len() >= REMEMBERED_LAYOUTS {
            layouts.clear();
        }
        layouts.insert(key, rows.clone());
    });
    rows
}

/// Writes one centred line of dim text `from_bottom` rows above the bottom of `box_area`
/// (inside its border): the keys of a form, or a notice.
pub fn box_line(frame: &mut Frame, box_area: Rect, from_bottom: u16, text: &str, theme: Theme) {
    frame.render_widget(
        Paragraph::new(text.to_string())
            .style(theme.dim())
            .alignment(Alignment::Center),
        Rect {
            x: box_area.x + 1,
            y: box_area.bottom().saturating_sub(from_bottom),
            width: box_area.width.saturating_sub(2),
            height: 1,
        },
    );
}

/// A question with options, laid out: the box, then one rectangle per option.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Menu {
    /// The whole box.
    pub area: Rect,
    /// Each option's row.
    pub rows: Vec<Rect>,
}

/// Lays out a menu of `options` under `intro` (wrapped) inside `screen`.
pub fn menu_layout(screen: Rect, intro: &str, options: &[String]) -> Menu {
    let width = screen.width.saturating_sub(4).clamp(20, 96);
    let inner = width.saturating_sub(4).max(1);
    let intro_lines = wrapped_height(intro, inner);
    let option_lines: Vec<u16> = options
        .iter()
        .map(|o| wrapped_height(o, inner - 2))
        .collect();
    let height = (intro_lines + 1 + option_lines.iter().sum::<u16>() + 3).min(screen.height);
    let area = centered(screen, width, height);
    let mut y = area.y + 1 + intro_lines + 1;
    let rows = option_lines
        .iter()
        .map(|&h| {
            let row = Rect {
                x: area.x + 2,
                y: y.min(area.bottom().saturating_sub(1)),
                width: inner,
                height: h.min(area.bottom().saturating_sub(y)),
            };
            y += h;
            row
        })
        .collect();
    Menu { area, rows }
}

/// `text` word-wrapped to `width` display columns (at least `indent` + 10), every line after
/// the first indented by `indent` spaces, so a long entry reads as one block. The first line
/// carries `first`'s prefix. Runs of whitespace in `text` count as one space.
pub fn hanging(
    first: &str,
    text: &str,
    width: u16,
    indent: usize,
    style: Style,
) -> Vec<Line<'static>> {
    let width = usize::from(width).max(indent + 10);
    let words: Vec<&str> = text.split_whitespace().collect();
    let line = Line::styled(format!("{first}{}", words.join(" ")), style);
    wrap::wrap_line(&line, width, indent)
}

/// Lines `text` needs when wrapped at `width` display columns: each of its paragraphs (parted
/// by `\n`) wrapped as [`wrap::wrap_line`] does, words longer than a line broken.
pub fn wrapped_height(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let lines: usize = text
        .split('\n')
        .map(|paragraph| {
            let words: Vec<&str> = paragraph.split_whitespace().collect();
            wrap::wrap_line(&Line::raw(words.join(" ")), width, 0).len()
        })
        .sum();
    u16::try_from(lines).unwrap_or(u16::MAX)
}

/// The words of a menu box.
#[derive(Clone, Copy, Debug)]
pub struct MenuText<'a> {
    /// The box's title.
    pub title: &'a str,
    /// What is being decided (wrapped above the options).
    pub intro: &'a str,
    /// The keys, on the bottom border.
    pub footer: &'a str,
}

/// Draws a menu: a titled box, the intro, the options with the selected one highlighted.
pub fn draw_menu(
    frame: &mut Frame,
    menu: &Menu,
    text: MenuText,
    options: &[String],
    selected: usize,
    theme: Theme,
) {
    let MenuText {
        title,
        intro,
        footer,
    } = text;
    frame.render_widget(Clear, menu.area);
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.focus_border())
        .title(Line::styled(format!(" {title} "), theme.heading()))
        .title_bottom(Line::styled(format!(" {footer} "), theme.dim()));
    let inner = block.inner(menu.area);
    frame.render_widget(block, menu.area);
    let intro_area = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    frame.render_widget(
        Paragraph::new(intro.to_string()).wrap(Wrap { trim: true }),
        intro_area,
    );
    for (i, (option, row)) in options.iter().zip(&menu.rows).enumerate() {
        let (marker, style) = if i == selected {
            ("▸ ", theme.selected())
        } else {
            ("  ", theme.text())
        };
        frame.render_widget(
            Paragraph::new(format!("{marker}{option}"))
                .style(style)
                .wrap(Wrap { trim: false }),
            *row,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::backend::TestBackend;

    /// A text of every kind of line: short, long, a word wider than a row, blank, wide
    /// characters, leading spaces (which trimming takes away on wrapped rows).
    fn text() -> Vec<Line<'static>> {
        let mut lines = vec![Line::styled("A heading", Style::new().bold())];
        for n in 0..12 {
            lines.push(Line::raw(format!(
                "Paragraph {n}: {}",
                "the talks go on while the guns are quiet and nobody trusts anybody ".repeat(n % 4)
            )));
            lines.push(Line::raw(""));
            lines.push(Line::raw(format!("  • indented {} ", "x".repeat(n * 7))));
            lines.push(Line::raw(
                "停火协议需要双方的信任与耐心 和平 🕊️ 支持".repeat(n % 3),
            ));
        }
        lines
    }

    /// The text drawn scrolled, by [`scrolled`] or (`whole`) as one paragraph, on a blank
    /// screen or (`filled`) over one filled with dots.
    fn draw(
        width: u16,
        scroll: u16,
        wrap: Option<Wrap>,
        whole: bool,
        filled: bool,
    ) -> (Buffer, u16) {
        let mut terminal = Terminal::new(TestBackend::new(width, 20)).unwrap();
        let theme = Theme::new(true);
        let mut max = 0;
        terminal
            .draw(|frame| {
                if filled {
                    let dots = vec![Line::raw(".".repeat(usize::from(width))); 20];
                    frame.render_widget(Paragraph::new(dots), frame.area());
                }
                let block = Block::bordered().title("t");
                if whole {
                    // What drawing the whole paragraph, wrapped in full, shows.
                    let mut paragraph = Paragraph::new(text());
                    if let Some(wrap) = wrap {
                        paragraph = paragraph.wrap(wrap);
                    }
                    let inner = block.inner(frame.area());
                    let total = paragraph.line_count(inner.width) as u16;
                    max = total.saturating_sub(inner.height);
                    let mut block = block;
                    let scroll = scroll.min(max);
                    if scroll > 0 {
                        block =
                            block.title_top(Line::styled(" ↑ more ", theme.key()).right_aligned());
                    }
                    if scroll < max {
                        block = block
                            .title_bottom(Line::styled(" ↓ more ", theme.key()).right_aligned());
                    }
                    frame.render_widget(paragraph.scroll((scroll, 0)).block(block), frame.area());
                } else {
                    max = scrolled(frame, frame.area(), text(), wrap, block, scroll, theme);
                }
            })
            .unwrap();
        (terminal.backend().buffer().clone(), max)
    }

    #[test]
    fn a_scrolled_text_shows_what_the_whole_paragraph_would_at_every_row() {
        for wrap in [None, Some(Wrap { trim: true }), Some(Wrap { trim: false })] {
            for (width, filled) in [12, 30, 57]
                .into_iter()
                .flat_map(|w| [(w, false), (w, true)])
            {
                let (_, max) = draw(width, 0, wrap, true, filled);
                for scroll in (0..=max + 2).chain([u16::MAX]) {
                    assert_eq!(
                        draw(width, scroll, wrap, false, filled),
                        draw(width, scroll, wrap, true, filled),
                        "{wrap:?} at {width} columns, scrolled {scroll}, filled {filled}"
                    );
                }
            }
        }
    }

    #[test]
    fn hanging_lines_indent_what_wraps() {
        let lines = hanging("Goal: ", "one two three four five six", 16, 6, Style::new());
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(
            text,
            ["Goal: one two", "      three four", "      five six"]
        );
    }

    #[test]
    fn hanging_lines_break_long_words_and_count_wide_characters() {
        let lines = hanging("• ", "abcdefghijklmnopqrstuvwxyz", 12, 2, Style::new());
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(text, ["• abcdefghij", "  klmnopqrst", "  uvwxyz"]);
        let lines = hanging("• ", "停火 协议 需要 双方 的 信任", 12, 2, Style::new());
        let text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        assert_eq!(text, ["• 停火 协议", "  需要 双方", "  的 信任"]);
    }

    #[test]
    fn wrapping_counts_lines() {
        assert_eq!(wrapped_height("one two three", 7), 2);
        assert_eq!(wrapped_height("a\nb", 10), 2);
        assert_eq!(wrapped_height("", 10), 1);
        assert_eq!(wrapped_height("abcdefghijklmnop", 5), 4);
        // Six wide characters take twelve columns: three lines of four.
        assert_eq!(wrapped_height("停火协议需要", 4), 3);
        assert_eq!(wrapped_height("停火协议需要", 12), 1);
    }

    #[test]
    fn menus_fit_the_screen_and_stack_their_rows() {
        let screen = Rect::new(0, 0, 80, 24);
        let menu = menu_layout(screen, "Choose", &["a".into(), "b".into()]);
        assert!(screen.contains(menu.area.as_position()));
        assert_eq!(menu.rows[1].y, menu.rows[0].y + 1);
    }
}
