//! What is drawn over the table screen: a picker (a prompt or the ways to play a card), the
//! hot-seat curtain, and a seat's brief. These only draw; the play screen decides when.

use super::Picker;
use super::side::{last_round_notice, stall_notice};
use crate::engine::{Scenario, Seat, SeatView, Viewer};
use crate::tui::keys::{self, Command};
use crate::tui::theme::Theme;
use crate::tui::widgets::popup;
use ratatui::prelude::*;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

/// Draws a picker over the table.
pub fn draw_picker(frame: &mut Frame, picker: &Picker, footer: &str, theme: Theme) {
    let labels: Vec<String> = picker.options.iter().map(|(l, _)| l.clone()).collect();
    let menu = popup::menu_layout(frame.area(), &picker.intro, &labels);
    let text = popup::MenuText {
        title: &picker.title,
        intro: &picker.intro,
        footer,
    };
    popup::draw_menu(frame, &menu, text, &labels, picker.selected, theme);
}

/// Draws a list of `labels` to choose from over the table: its `(title, intro, footer)`
/// words and the highlighted one.
pub fn draw_menu_of(
    frame: &mut Frame,
    (title, intro, footer): (&str, &str, &str),
    labels: &[String],
    selected: usize,
    theme: Theme,
) {
    let menu = popup::menu_layout(frame.area(), intro, labels);
    let text = popup::MenuText {
        title,
        intro,
        footer,
    };
    popup::draw_menu(frame, &menu, text, labels, selected, theme);
}

/// The hot-seat curtain between two people at one keyboard: hides what the next screen
/// `shows` (a seat's hand and objective, or its reflection) until that seat's person is at
/// the keyboard. `waiting`: the person who just moved and may still take it back (with the
/// undo key) before handing over, and how many messages wait for the next person (they
/// show once the curtain is up). Seats go by the scenario's names for them.
pub fn draw_curtain(
    frame: &mut Frame,
    scenario: &Scenario,
    seat: Seat,
    shows: &str,
    (undo_by, waiting): (Option<Seat>, usize),
    theme: Theme,
) {
    let area = frame.area();
    let name = scenario.seat_name(seat);
    let delegation = match seat {
        _ if scenario.seat_is_renamed(seat) => name,
        Seat::Pakistan => "the Pakistani delegation",
        Seat::Afghanistan => "the Afghan delegation",
        Seat::Mediator => "the mediators",
    };
    let mut lines = vec![
        Line::raw(""),
        Line::styled(
            format!("Pass the keyboard to {delegation}"),
            theme.heading(),
        ),
        Line::raw(""),
        Line::raw("Everyone else, look away: the next screen shows"),
        Line::raw(format!("{shows}.")),
        Line::raw(""),
        Line::styled(
            format!("Press {} when ready", keys::key(Command::Confirm)),
            theme.key(),
        ),
    ];
    if waiting > 0 {
        lines.insert(
            5,
            Line::styled(
                format!(
                    "✉ {waiting} new message{} behind the curtain.",
                    if waiting == 1 { "" } else { "s" }
                ),
                theme.warn(),
            ),
        );
    }
    if let Some(previous) = undo_by {
        lines.push(Line::styled(
            format!(
                "({}: {} takes your last move back first)",
                scenario.seat_name(previous),
                keys::key(Command::Undo)
            ),
            theme.dim(),
        ));
    }
    let box_area = popup::centered(area, 60, lines.len() as u16 + 2);
    frame.render_widget(
        Paragraph::new(lines).alignment(Alignment::Center).block(
            Block::bordered()
                .border_type(BorderType::Double)
                .border_style(theme.focus_border()),
        ),
        box_area,
    );
}

/// A seat's confidential brief as lines, `width` columns wide: situation (and, for the
/// mediators, the members of their seat the scenario names), red lines, concessions (list
/// items wrap under themselves), alternative.
pub fn brief_lines(
    scenario: &Scenario,
    seat: Seat,
    brief: &crate::engine::Brief,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::styled(
            format!("{}'s confidential brief", scenario.seat_name(seat)),
            theme.heading(),
        ),
        Line::raw(brief.situation.clone()),
    ];
    let members: Vec<&str> = scenario
        .names
        .members
        .iter()
        .map(|m| m.name.as_str())
        .collect();
    if seat == Seat::Mediator && !members.is_empty() {
        lines.extend(popup::hanging(
            "",
            &format!(
                "Your seat speaks with several voices: {}. A card of yours that names one \
                 says who speaks when you play it.",
                members.join(", ")
            ),
            width,
            0,
            theme.text(),
        ));
    }
    let list = |title: &str, items: &[String], lines: &mut Vec<Line<'static>>| {
        if !items.is_empty() {
            lines.push(Line::styled(title.to_string(), theme.warn()));
            for item in items {
                lines.extend(popup::hanging("  • ", item, width, 4, theme.text()));
            }
        }
    };
    let mut red_lines: Vec<String> = brief.red_lines.iter().map(|l| l.shown()).collect();
    if let Some(kinds) = brief.refused_monitors_words() {
        red_lines.push(format!(
            "No {kinds} on your pledges: the game will not let such a card be played on them."
        ));
    }
    list("Red lines", &red_lines, &mut lines);
    list("You may concede", &brief.may_concede, &mut lines);
    if !brief.alternative.is_empty() {
        lines.push(Line::styled("If the talks fail", theme.warn()));
        lines.push(Line::raw(brief.alternative.clone()));
    }
    lines.push(Line::raw(""));
    lines
}

/// The brief: the scenario's situation and the seat's secret objective. `first` when it is
/// read before the seat's first move, rather than reopened. Returns the furthest it can scroll.
pub fn draw_brief(
    frame: &mut Frame,
    view: &SeatView,
    scroll: u16,
    first: bool,
    theme: Theme,
) -> u16 {
    let area = popup::centered(frame.area(), 90, frame.area().height.saturating_sub(2));
    frame.render_widget(Clear, area);
    let scenario = &view.scenario;
    // Where the seat stands now: this round's warnings (the You panel's, which a small screen
    // cuts), the round's event and its secret objective.
    let mut now = Vec::new();
    let notices = if first {
        Vec::new()
    } else {
        vec![last_round_notice(view, theme), stall_notice(view, theme)]
    };
    for notice in notices {
        if !notice.is_empty() {
            now.extend(notice);
            now.push(Line::raw(""));
        }
    }
    if let Some(event) = view.current_event.map(|e| &scenario.events[usize::from(e)]) {
        now.push(Line::styled(
            format!("This round ({}): {}", view.round, event.name),
            theme.heading(),
        ));
        now.push(Line::raw(event.text.clone()));
        now.push(Line::raw(""));
    }
    if let Viewer::Seat(seat) = view.viewer
        && let Some(o) = view.objectives[seat.index()]
    {
        let objective = &scenario.objectives[usize::from(o)];
        now.push(Line::styled(
            format!(
                "Your secret objective, {}: {} (+{})",
                scenario.seat_name(seat),
                objective.name,
                objective.points
            ),
            theme.heading(),
        ));
        now.push(Line::raw(objective.text.clone()));
        now.push(Line::raw(""));
    }
    let mut situation: Vec<Line> = scenario
        .briefing
        .trim()
        .lines()
        .map(|l| Line::raw(l.to_string()))
        .collect();
    situation.push(Line::raw(""));
    // The parties that hold no seat: who they are and how strong they are now.
    for (actor, &strength) in scenario.actors.iter().zip(&view.actors) {
        situation.push(Line::styled(
            format!("Not at the table: {} (strength {strength})", actor.name),
            theme.heading(),
        ));
        situation.push(Line::raw(actor.about.clone()));
        situation.push(Line::raw(""));
    }
    let mut lines = vec![
        Line::styled(scenario.title.clone(), theme.heading()),
        Line::raw(""),
    ];
    // Read first, the brief tells the story in order; reopened mid-game, what matters now
    // comes first.
    if first {
        lines.extend(situation);
        lines.extend(now);
    } else {
        lines.extend(now);
        lines.extend(situation);
    }
    if let Viewer::Seat(seat) = view.viewer
        && let Some(brief) = &view.briefs[seat.index()]
    {
        lines.extend(brief_lines(
            scenario,
            seat,
            brief,
            area.width.saturating_sub(2),
            theme,
        ));
    }
    lines.push(Line::styled(
        format!(
            "{} rounds. Every seat scores the shared outcome plus its own objective.",
            scenario.rounds
        ),
        theme.dim(),
    ));
    let arrows = keys::pair(Command::Up, Command::Down);
    let (enter, brief) = (keys::key(Command::Confirm), keys::key(Command::Brief));
    let keys = if first {
        format!(" {arrows} scroll · {enter} to begin · {brief} reopens it ")
    } else {
        format!(" {arrows} scroll · {enter} or {brief} closes it ")
    };
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .border_style(theme.focus_border())
        .title(Line::styled(" Brief ", theme.heading()))
        .title_bottom(Line::styled(keys, theme.dim()));
    popup::scrolled(
        frame,
        area,
        lines,
        Some(Wrap { trim: true }),
        block,
        scroll,
        theme,
    )
}
