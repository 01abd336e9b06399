//! The help at a game: two tabs, Keys (every key that works there, from the command
//! registry) and Rules (the round, the cards, the accord, the endings and the rule book's
//! version, with the numbers of the scenario in play, from [`crate::engine::rulebook`]).
//! Tab or ←/→ switch tabs; ↑↓, PgUp/PgDn, Home/End and the mouse wheel scroll; any other
//! key closes. It only draws and keeps its own tab and scroll; it must not touch the game.

use super::help::{self, HelpFor};
use crate::engine::{Scenario, rulebook};
use crate::tui::keys::{self, Command};
use crate::tui::theme::Theme;
use crate::tui::widgets::popup;
use ratatui::prelude::*;
use ratatui::widgets::{Block, BorderType, Clear, Padding};
use std::cell::Cell;

/// Which tab of the help shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HelpTab {
    /// Every key that works here.
    #[default]
    Keys,
    /// The scenario's rules, with its numbers.
    Rules,
}

/// The help's tab and how far it is scrolled.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HelpState {
    /// The tab showing.
    pub tab: HelpTab,
    /// Rows scrolled down.
    pub scroll: u16,
    /// How far it could scroll, and a page of it, when last drawn (they depend on the
    /// screen's size).
    limits: Cell<(u16, u16)>,
}

impl HelpState {
    /// The help as it opens: the keys, from the top.
    pub fn new() -> HelpState {
        HelpState {
            limits: Cell::new((u16::MAX, 10)),
            ..HelpState::default()
        }
    }

    /// Reacts to a table command: switches tabs or scrolls, and says whether the help stays
    /// open (any other key closes it).
    pub fn handle(&mut self, command: Option<Command>) -> bool {
        let (max, page) = self.limits.get();
        match command {
            Some(Command::NextPanel | Command::PrevPanel | Command::Left | Command::Right) => {
                self.tab = match self.tab {
                    HelpTab::Keys => HelpTab::Rules,
                    HelpTab::Rules => HelpTab::Keys,
                };
                self.scroll = 0;
                // Not known until the other tab is drawn.
                self.limits.set((u16::MAX, page));
            }
            Some(Command::Up) => self.scroll = self.scroll.min(max).saturating_sub(1),
            Some(Command::Down) => self.scroll = (self.scroll + 1).min(max),
            Some(Command::PageUp) => self.scroll = self.scroll.min(max).saturating_sub(page),
            Some(Command::PageDown) => self.scroll = self.scroll.saturating_add(page).min(max),
            Some(Command::Home) => self.scroll = 0,
            // Drawing keeps it within the text, whatever the screen's size by then.
            Some(Command::End) => self.scroll = u16::MAX,
            _ => return false,
        }
        true
    }

    /// The mouse wheel: three rows down (or up).
    pub fn wheel(&mut self, down: bool) {
        let (max, _) = self.limits.get();
        self.scroll = if down {
            self.scroll.saturating_add(3).min(max)
        } else {
            self.scroll.min(max).saturating_sub(3)
        };
    }
}

/// The rules of `scenario` as lines `width` columns wide: a heading per part, its points
/// under bullets, then how to read the table's marks.
pub fn rule_lines(scenario: &Scenario, width: u16, theme: Theme) -> Vec<Line<'static>> {
    let mut lines = popup::hanging(
        "",
        &format!("The rules of {}, with its numbers", scenario.title),
        width,
        0,
        theme.heading(),
    );
    let bullet = |text: &str, lines: &mut Vec<Line<'static>>| {
        lines.extend(popup::hanging("• ", text, width, 2, theme.text()));
    };
    for section in rulebook(scenario) {
        lines.push(Line::raw(""));
        lines.push(Line::styled(section.title, theme.heading()));
        for point in &section.points {
            bullet(point, &mut lines);
        }
    }
    lines.push(Line::raw(""));
    lines.push(Line::styled("Reading the table", theme.heading()));
    let recap = keys::key(Command::Recap);
    for point in [
        format!(
            "± beside a meter: its change since your last move (before your first move, since \
             the start; watching a table, since the round began), as the meters' top border \
             says; {recap} tells what moved them since your last turn."
        ),
        "│ in a gauge marks its danger line; ! beside a meter, that it is past it.".to_string(),
        "✗ beside a card: it cannot be played now (the details say why); ! beside a demand: it \
         is yours to answer."
            .to_string(),
    ] {
        bullet(&point, &mut lines);
    }
    lines
}

/// The help box's tab names, the one showing in brackets (so it reads without colour).
fn tabs(tab: HelpTab, theme: Theme) -> Line<'static> {
    let name = |this: HelpTab, word: &str| {
        if this == tab {
            Span::styled(format!("[{word}]"), theme.heading())
        } else {
            Span::styled(format!(" {word} "), theme.dim())
        }
    };
    Line::from(vec![
        Span::raw(" "),
        name(HelpTab::Keys, "Keys"),
        Span::raw(" "),
        name(HelpTab::Rules, "Rules"),
        Span::raw(" "),
    ])
}

/// Draws the help at a game: the keys `context` lists, or the rules of `scenario`, in one
/// box the width of a page.
pub fn draw(
    frame: &mut Frame,
    theme: Theme,
    context: HelpFor,
    state: &HelpState,
    scenario: &Scenario,
) {
    let screen = frame.area();
    let width = screen.width.saturating_sub(2).min(86);
    // A column of air each side of the text.
    let inner_width = width.saturating_sub(4);
    let keys = help::key_rows(context, usize::from(screen.height).saturating_sub(2));
    let rules = rule_lines(scenario, inner_width, theme);
    let lines = match state.tab {
        HelpTab::Keys => help::key_lines(&keys, theme),
        HelpTab::Rules => rules.clone(),
    };
    // One size for both tabs, so switching does not move the box.
    let tallest = keys.len().max(rules.len()) + 2;
    let height = u16::try_from(tallest).unwrap_or(u16::MAX);
    let area = popup::centered(screen, width, height);
    frame.render_widget(Clear, area);
    let hint = format!(
        " {} Keys/Rules · {} {} scroll · {} closes ",
        keys::key(Command::NextPanel),
        keys::pair(Command::Up, Command::Down),
        keys::pair(Command::PageUp, Command::PageDown),
        keys::key(Command::Back)
    );
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.focus_border())
        .padding(Padding::horizontal(1))
        .title(tabs(state.tab, theme))
        .title_bottom(Line::styled(hint, theme.dim()));
    let page = block.inner(area).height.saturating_sub(1).max(1);
    let max = popup::scrolled(frame, area, lines, None, block, state.scroll, theme);
    state.limits.set((max, page));
}
