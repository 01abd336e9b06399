//! The table screen: meters, baskets and the seat's objective on the left; the table's
//! demands and commitments, the hand with the selected card's text, and the log on the right;
//! round, phase and whose turn above; the keys below. Also the prompts drawn over it, the
//! hot-seat curtain and the brief.

use super::hit;
use crate::engine::words::seat_tag;
use crate::engine::{
    Action, BasketState, CardId, Decision, LogEntry, Meters, Seat, SeatView, Viewer,
};
use crate::table::Reason;
use crate::tui::keys::{self, Command};
use crate::tui::theme::Theme;
use crate::tui::widgets::popup::{self, Menu};
use crate::tui::widgets::{board, hand, log, meters, wrap};
use ratatui::prelude::*;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

/// The panel that has the keyboard.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Panel {
    /// The hand of cards.
    #[default]
    Hand,
    /// The demands and commitments on the table.
    Table,
    /// The log.
    Log,
}

impl Panel {
    /// The next panel in Tab order: down the screen (table, hand, log) and round again.
    pub fn next(self) -> Panel {
        match self {
            Panel::Table => Panel::Hand,
            Panel::Hand => Panel::Log,
            Panel::Log => Panel::Table,
        }
    }

    /// The previous panel.
    pub fn prev(self) -> Panel {
        self.next().next()
    }
}

/// A list of actions to choose from, over the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Picker {
    /// The box's title.
    pub title: String,
    /// What is being decided.
    pub intro: String,
    /// Each option's words and action.
    pub options: Vec<(String, Action)>,
    /// The highlighted option.
    pub selected: usize,
}

/// The table screen's own state.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableUi {
    /// The panel with the keyboard.
    pub focus: Panel,
    /// Selected card in hand.
    pub hand: usize,
    /// Selected item on the table.
    pub board: usize,
    /// Rows scrolled back from the end of the log (0 follows the newest).
    pub log_scroll: usize,
    /// Rows scrolled down in the details panel.
    pub detail_scroll: u16,
    /// An open picker (ways to play a card, answers to a demand).
    pub picker: Option<Picker>,
    /// Highlighted option of the decision prompt.
    pub prompt: usize,
    /// The decision prompt was put aside to look at the table.
    pub prompt_hidden: bool,
    /// The table's items when the selection was last kept in range: what `board` points into.
    pub board_seen: Vec<board::Item>,
}

impl TableUi {
    /// Keeps the selections inside what the view holds; the table's selection follows its
    /// item when the table changes under it.
    pub fn clamp(&mut self, view: &SeatView) {
        self.hand = self.hand.min(view.own_hand().len().saturating_sub(1));
        let items = board::items(view);
        if items != self.board_seen {
            self.board = board::follow_selection(&self.board_seen, self.board, &items);
            // A demand newly aimed at the viewer is what it will want to act on.
            let aimed_at_me = |item: &board::Item| match item {
                board::Item::Demand(id) => view
                    .demands
                    .iter()
                    .any(|d| d.id == *id && view.viewer == Viewer::Seat(d.to)),
                board::Item::Commitment(_) => false,
            };
            if let Some(new) = items
                .iter()
                .position(|item| aimed_at_me(item) && !self.board_seen.contains(item))
            {
                self.board = new;
            }
            self.board_seen = items;
        }
        self.board = self.board.min(self.board_seen.len().saturating_sub(1));
    }
}

/// Everything the table screen draws, gathered by the game screen.
pub struct TableData<'a> {
    /// What the viewer sees.
    pub view: &'a SeatView,
    /// Meters after the viewer's last action, to show changes since.
    pub since: Meters,
    /// Whether the viewing seat has moved yet (before that, `since` is the start).
    pub moved: bool,
    /// Whether each card in the viewer's hand is unusable now.
    pub blocked: &'a [bool],
    /// Why the selected card cannot be played, when a rule forbids it.
    pub block_reason: Option<String>,
    /// The public log.
    pub log: &'a [LogEntry],
    /// The bots' reasons.
    pub reasons: &'a [Reason],
    /// Who plays each seat, in a word or two (`normal`, `human`, `open seat`, `away`).
    pub players: [String; 3],
    /// The seat that may act at this screen now.
    pub actor: Option<Seat>,
    /// A message for the player (a refusal, "saved").
    pub notice: Option<&'a str>,
    /// The facilitator has paused the table: nobody can act.
    pub paused: bool,
    /// Seconds left on the decision clock of the person to act, when it runs.
    pub clock_left: Option<u64>,
    /// The footer's buttons, each a key and what it does (`p pass`).
    pub footer: Vec<String>,
}

/// Where each part of the table screen goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Areas {
    /// Round, phase, whose turn.
    pub header: Rect,
    /// The meters.
    pub meters: Rect,
    /// The four baskets.
    pub baskets: Rect,
    /// The viewer's objective and capital.
    pub you: Rect,
    /// Demands and commitments.
    pub table: Rect,
    /// The hand.
    pub hand: Rect,
    /// The selected card or item in full.
    pub detail: Rect,
    /// The log.
    pub log: Rect,
    /// Notice and keys.
    pub footer: Rect,
}

/// Lays the screen out for `area` and a hand of `hand_len` cards.
pub fn layout(area: Rect, hand_len: usize, focus: Panel) -> Areas {
    let [header, body, footer] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(10),
        Constraint::Length(1),
    ])
    .areas(area);
    let left_width = if area.width >= 110 { 40 } else { 32 };
    let [left, right] =
        Layout::horizontal([Constraint::Length(left_width), Constraint::Min(40)]).areas(body);
    let [meters, baskets, you] = Layout::vertical([
        Constraint::Length(10),
        Constraint::Length(6),
        Constraint::Min(4),
    ])
    .areas(left);
    let tall = area.height >= 34;
    let hand_rows = (hand_len.max(1) as u16).min(if tall { 8 } else { 5 }) + 2;
    let detail_rows = match (focus, tall) {
        (Panel::Log, _) => 0,
        (_, true) => 8,
        (_, false) => 5,
    };
    let [table, hand, detail, log] = Layout::vertical([
        if tall {
            Constraint::Percentage(25)
        } else {
            Constraint::Length(5)
        },
        Constraint::Length(hand_rows),
        Constraint::Length(detail_rows),
        Constraint::Min(4),
    ])
    .areas(right);
    Areas {
        header,
        meters,
        baskets,
        you,
        table,
        hand,
        detail,
        log,
        footer,
    }
}

fn panel<'a>(title: String, focused: bool, theme: Theme) -> Block<'a> {
    let (style, border) = if focused {
        (theme.focus_border(), BorderType::Thick)
    } else {
        (theme.border(), BorderType::Plain)
    };
    Block::bordered()
        .border_type(border)
        .border_style(style)
        .title(Line::styled(title, style))
}

/// The first line to show so that line `selected` of `total` is visible in `height` rows.
fn scroll_to(selected: usize, height: u16) -> usize {
    selected.saturating_sub(usize::from(height.max(1)) - 1)
}

/// How far the scrollable panels could scroll when last drawn, so scrolling stops at ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Rows the details panel can scroll down.
    pub detail: u16,
    /// Rows the log can scroll back.
    pub log: usize,
    /// Rows of log on screen: how far a page goes.
    pub log_page: usize,
}

impl Default for Limits {
    /// Before the first draw, nothing is known: no limit.
    fn default() -> Limits {
        Limits {
            detail: u16::MAX,
            log: usize::MAX,
            log_page: 5,
        }
    }
}

/// Draws the table screen; returns how far its scrollable panels can scroll.
pub fn draw(frame: &mut Frame, data: &TableData, ui: &TableUi, theme: Theme) -> Limits {
    let view = data.view;
    let areas = layout(frame.area(), hand_rows(view), ui.focus);
    draw_header(frame, areas.header, data, theme);

    // The numbers beside the gauges are what changed since the viewer last moved.
    let meters_title = match view.viewer {
        Viewer::Seat(_) if data.moved => " Meters (± since your move) ",
        Viewer::Seat(_) => " Meters (± since the start) ",
        _ => " Meters (± this round) ",
    };
    let meters_block = panel(meters_title.into(), false, theme);
    let inner = meters_block.inner(areas.meters);
    frame.render_widget(
        Paragraph::new(meters::lines(
            &view.scenario,
            view.meters,
            data.since,
            inner.width,
            theme,
        ))
        .block(meters_block),
        areas.meters,
    );
    // Mediation fatigue is coming unless something counts as progress this round.
    let stalled = stalling(view);
    let mut baskets_block = panel(" Accord baskets ".into(), false, theme);
    if stalled {
        baskets_block = baskets_block
            .title_bottom(Line::styled(" no progress this round ", theme.warn()).right_aligned());
    }
    frame.render_widget(
        Paragraph::new(board::basket_lines(view, theme)).block(baskets_block),
        areas.baskets,
    );
    draw_you(frame, areas.you, data, theme);

    let focused = ui.focus == Panel::Table;
    let mut table_block = panel(" On the table ".into(), focused, theme);
    let table_inner = table_block.inner(areas.table);
    let table_lines = board::table_lines(view, ui.board, focused, theme);
    let offset = if focused && !board::items(view).is_empty() {
        scroll_to(board::line_of_item(view, ui.board), table_inner.height)
    } else {
        0
    };
    if offset > 0 {
        table_block = table_block.title_top(Line::styled(" ↑ more ", theme.key()).right_aligned());
    }
    if offset + usize::from(table_inner.height) < table_lines.len() {
        let more = if focused {
            " ↓ more ".to_string()
        } else {
            format!(" ↓ more: {} here ", keys::key(Command::NextPanel))
        };
        table_block = table_block.title_bottom(Line::styled(more, theme.key()).right_aligned());
    }
    // A line too long for the panel ends in `…`, so nothing is cut silently.
    let width = usize::from(table_inner.width);
    let table_lines: Vec<Line> = table_lines
        .into_iter()
        .map(|line| wrap::clip_line(line, width))
        .collect();
    frame.render_widget(
        Paragraph::new(table_lines)
            .block(table_block)
            .scroll((offset as u16, 0)),
        areas.table,
    );

    if view.viewer == Viewer::Facilitator {
        draw_all_hands(frame, areas.hand, view, theme);
    } else {
        draw_hand(frame, areas.hand, data, ui, theme);
    }
    let detail = draw_detail(frame, areas.detail, data, ui, theme);
    let log = draw_log(frame, areas.log, data, ui, theme);
    draw_footer(frame, areas.footer, data, theme);
    Limits {
        detail,
        log,
        log_page: usize::from(areas.log.height.saturating_sub(3)).max(1),
    }
}

/// How many rows the hand panel wants for this view.
pub fn hand_rows(view: &SeatView) -> usize {
    match view.viewer {
        Viewer::Facilitator => 6,
        _ => view.own_hand().len(),
    }
}

/// The facilitator sees every hand, one seat after another. When they do not all fit, each
/// seat gets an equal share of the rows and a cut hand ends in `…`, so no seat is hidden.
fn draw_all_hands(frame: &mut Frame, area: Rect, view: &SeatView, theme: Theme) {
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
                Span::styled(format!("{}: ", seat_tag(seat)), theme.seat(seat)),
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

fn draw_hand(frame: &mut Frame, area: Rect, data: &TableData, ui: &TableUi, theme: Theme) {
    let view = data.view;
    let focused = ui.focus == Panel::Hand;
    let hand_title = match view.viewer {
        Viewer::Seat(seat) => format!(" {seat}'s hand ({}) ", view.own_hand().len()),
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

fn draw_header(frame: &mut Frame, area: Rect, data: &TableData, theme: Theme) {
    let view = data.view;
    let turn = match (view.to_act, data.actor) {
        _ if data.paused => "⏸ PAUSED by the facilitator".to_string(),
        (Some((_, decision)), Some(_)) => format!("▶ YOUR MOVE: {decision}"),
        (Some((seat, decision)), None) => {
            let who = &data.players[seat.index()];
            format!("{seat} ({who}) to {decision}")
        }
        (None, _) => "the talks are over".to_string(),
    };
    let actions = if !data.paused
        && view
            .to_act
            .is_some_and(|(_, d)| d == crate::engine::Decision::Negotiate)
    {
        format!(
            " {}/{}",
            view.actions_used + 1,
            view.scenario.rules.actions_per_turn
        )
    } else {
        String::new()
    };
    let actions = match data.clock_left {
        Some(left) => format!("{actions} ⏱ {left}s"),
        None => actions,
    };
    let capital = format!(
        "◆ PK {} AF {} MD {}",
        view.capital[0], view.capital[1], view.capital[2]
    );
    let round = format!(" Round {}/{} ", view.round, view.scenario.rounds);
    let phase = format!("· {:?} · ", view.phase);
    let full = round.chars().count()
        + phase.chars().count()
        + turn.chars().count()
        + actions.chars().count()
        + capital.chars().count()
        + 3;
    // On a narrow screen the phase goes first: the turn already says what is being decided.
    let phase = if full > usize::from(area.width) || view.to_act.is_none() {
        "· ".to_string()
    } else {
        phase
    };
    let line = Line::from(vec![
        Span::styled(round, theme.heading()),
        Span::styled(phase, theme.text()),
        Span::styled(
            format!("{turn}{actions}"),
            if data.actor.is_some() {
                theme.warn()
            } else {
                theme.text()
            },
        ),
        Span::styled(format!(" · {capital}"), theme.dim()),
    ]);
    frame.render_widget(Paragraph::new(line), area);
}

/// Whether the round has made no progress yet (no basket agreed, no commitment made or
/// honoured) while the talks go on: at its end the mediators lose Credibility.
fn stalling(view: &SeatView) -> bool {
    view.outcome.is_none()
        && !view.stats.progress_this_round
        && view.scenario.rules.stall_credibility > 0
}

/// The accord's last chance: the mediators table it in their turn of the last round, or
/// never. Empty before the last round.
fn last_round_notice(view: &SeatView, theme: Theme) -> Vec<Line<'static>> {
    if view.round != view.scenario.rounds || view.outcome.is_some() {
        return Vec::new();
    }
    let text = if accord_still_possible(view) {
        "Last round: an accord can still be signed only if the mediators table it in their \
         negotiation turn this round."
    } else {
        "Last round: the mediators' turn has passed, so no accord can be signed now; the talks \
         end with this round."
    };
    vec![Line::styled(text, theme.warn())]
}

/// Mediation fatigue to come at the round's end, while nothing counts as progress yet.
fn stall_notice(view: &SeatView, theme: Theme) -> Vec<Line<'static>> {
    if !stalling(view) {
        return Vec::new();
    }
    vec![Line::styled(
        format!(
            "No progress yet this round: at its end Credibility −{} (mediation fatigue), unless \
             a basket is agreed or a commitment is made or honoured.",
            view.scenario.rules.stall_credibility
        ),
        theme.warn(),
    )]
}

/// Whether the mediators can still table the accord this round (or it is being voted on):
/// their negotiation turn has not passed yet.
fn accord_still_possible(view: &SeatView) -> bool {
    use crate::engine::Phase;
    let order = &view.scenario.seat_order;
    let place = |seat: Seat| order.iter().position(|&s| s == seat);
    match (view.phase, view.to_act) {
        _ if view.accord_tabled => true,
        (Phase::Event, _) => true,
        // A consent answers the mediators' own verification, in their turn.
        (Phase::Negotiation, Some((_, Decision::Consent))) => true,
        (Phase::Negotiation, Some((seat, _))) => place(Seat::Mediator) >= place(seat),
        _ => false,
    }
}

fn draw_you(frame: &mut Frame, area: Rect, data: &TableData, theme: Theme) {
    let view = data.view;
    let scenario = &view.scenario;
    let (title, lines) = match view.viewer {
        Viewer::Seat(seat) => {
            let objective =
                view.objectives[seat.index()].map(|o| &scenario.objectives[usize::from(o)]);
            // The round's event by name first, so a short panel still shows it; what it did
            // comes last.
            let event = view.current_event.map(|e| &scenario.events[usize::from(e)]);
            let mut lines = Vec::new();
            if let Some(event) = event {
                lines.push(Line::from(vec![
                    Span::styled("This round: ", theme.dim()),
                    Span::styled(event.name.clone(), theme.heading()),
                ]));
            }
            lines.extend(last_round_notice(view, theme));
            lines.push(Line::from(vec![
                Span::styled("Secret objective: ", theme.dim()),
                Span::styled(
                    objective.map_or("—".to_string(), |o| format!("{} (+{})", o.name, o.points)),
                    theme.heading(),
                ),
            ]));
            if let Some(o) = objective {
                lines.push(Line::raw(o.text.clone()));
            }
            if let Some(event) = event {
                lines.push(Line::raw(""));
                lines.push(Line::styled(
                    format!("{}: {}", event.name, event.text),
                    theme.dim(),
                ));
            }
            let fatigue = stall_notice(view, theme);
            if !fatigue.is_empty() {
                lines.push(Line::raw(""));
                lines.extend(fatigue);
            }
            (
                format!(" You: {seat} · ◆{} ", view.capital[seat.index()]),
                lines,
            )
        }
        _ => {
            let lines = Seat::ALL
                .iter()
                .map(|&seat| {
                    let objective = view.objectives[seat.index()]
                        .map_or("hidden".to_string(), |o| {
                            scenario.objectives[usize::from(o)].name.clone()
                        });
                    Line::from(vec![
                        Span::styled(format!("{:<12}", seat.to_string()), theme.seat(seat)),
                        // No-break spaces keep each `·` with what follows it, so a wrapped
                        // line never ends in one.
                        Span::raw(format!(
                            "{} ·\u{a0}{}\u{a0}cards ·\u{a0}{objective}",
                            data.players[seat.index()],
                            view.hand_sizes[seat.index()]
                        )),
                    ])
                })
                .collect();
            let title = if view.viewer == Viewer::Facilitator {
                " Facilitator view "
            } else {
                " Spectator "
            };
            (title.to_string(), lines)
        }
    };
    // Not focusable, so never scrolled: when text is cut the border points at the brief
    // (`b`), which holds the objective and the round's event whole.
    let text = Paragraph::new(lines).wrap(Wrap { trim: true });
    let mut block = panel(title, false, theme);
    let inner = block.inner(area);
    if text.line_count(inner.width) > usize::from(inner.height) {
        let more = match view.viewer {
            Viewer::Seat(_) => " ↓ more: b ",
            _ => " ↓ more ",
        };
        block = block.title_bottom(Line::styled(more, theme.key()).right_aligned());
    }
    frame.render_widget(text.block(block), area);
}

/// A card in full; `cost` is what it costs the viewer now (from the hand), or its printed cost.
fn card_detail(view: &SeatView, card: CardId, cost: u8, theme: Theme) -> Vec<Line<'static>> {
    let def = &view.scenario.cards[usize::from(card)];
    let mut meta = if cost > def.cost {
        format!(
            "{} · cost {cost} ({} +1 while your Pressure ≥ {})",
            def.kind.key(),
            def.cost,
            view.scenario.rules.surcharge_pressure
        )
    } else {
        format!("{} · cost {cost}", def.kind.key())
    };
    if let Some(basket) = def.basket {
        meta.push_str(&format!(" · {basket}"));
    }
    let mut lines = vec![
        Line::from(vec![
            Span::styled(def.name.clone(), theme.heading()),
            Span::styled(format!("  {meta}"), theme.dim()),
        ]),
        Line::raw(def.text.clone()),
    ];
    if !def.flavour.is_empty() {
        lines.push(Line::styled(def.flavour.clone(), theme.dim()));
    }
    lines
}

/// The tutorial's coaching hint for a card in hand (not for one already on the table).
fn hint_lines(view: &SeatView, card: CardId, theme: Theme) -> Vec<Line<'static>> {
    view.scenario
        .hints
        .iter()
        .filter(|h| h.card == card)
        .map(|hint| Line::styled(format!("Hint: {}", keys::fill(&hint.text)), theme.warn()))
        .collect()
}

fn draw_detail(frame: &mut Frame, area: Rect, data: &TableData, ui: &TableUi, theme: Theme) -> u16 {
    let view = data.view;
    let mut lines = Vec::new();
    if let Some(notice) = data.notice {
        // A notice that brings its own mark (■ the end) needs no other.
        let mark = if notice.starts_with('■') { "" } else { "» " };
        lines.push(Line::styled(format!("{mark}{notice}"), theme.warn()));
    }
    match ui.focus {
        Panel::Table if board::items(view).is_empty() => lines.push(Line::styled(
            "Demands and commitments appear on the table once played.",
            theme.dim(),
        )),
        Panel::Table => {
            let items = board::items(view);
            if let Some(item) = items.get(ui.board) {
                // Whose card it is, since its text says "you" for the seat that played it.
                let played = match item {
                    board::Item::Demand(id) => view
                        .demands
                        .iter()
                        .find(|d| d.id == *id)
                        .map(|d| (d.card, d.by, format!("Demand #{id}, {} → {}.", d.by, d.to))),
                    board::Item::Commitment(id) => {
                        view.commitments.iter().find(|c| c.id == *id).map(|c| {
                            let state = format!(
                                "Commitment #{id}, by {} in {}: {}% credible, {} of {} \
                                 round-end tests held{}.",
                                c.by,
                                c.basket,
                                c.credibility,
                                c.tests,
                                c.duration,
                                if c.verified { ", verified" } else { "" }
                            );
                            // A bridged pledge rests on the mediators' card, at their cost.
                            let through = if c.holder == c.by {
                                String::new()
                            } else {
                                format!(
                                    " Bridged: {} played the card below and paid for it.",
                                    c.holder
                                )
                            };
                            // Why a standing pledge may not count for its basket.
                            let basket = match view.baskets[c.basket.index()] {
                                BasketState::Agreed { commitment } if commitment == c.id => {
                                    format!(
                                        " {} is agreed on this pledge: if it breaks, the basket \
                                         unravels; honoured, it is secured for good.",
                                        c.basket
                                    )
                                }
                                BasketState::Agreed { commitment } => format!(
                                    " {} is agreed on #{commitment}; this pledge stands beside \
                                     it.",
                                    c.basket
                                ),
                                BasketState::Secured => {
                                    format!(" {} is secured for good.", c.basket)
                                }
                                BasketState::Open => format!(
                                    " {} is still open: only a demand in it met while Trust \
                                     ≥{} agrees it; a pledge made alone or with Trust lower \
                                     does not.",
                                    c.basket,
                                    view.scenario.threshold(c.basket)
                                ),
                            };
                            (c.card, c.by, format!("{state}{basket}{through}"))
                        })
                    }
                };
                if let Some((card, by, whose)) = played {
                    lines.push(Line::styled(
                        format!("{whose} \"You\" in its text is {by}."),
                        theme.dim(),
                    ));
                    let printed = view.scenario.cards[usize::from(card)].cost;
                    lines.extend(card_detail(view, card, printed, theme));
                }
            }
        }
        _ => {
            if let Some(&card) = view.own_hand().get(ui.hand) {
                lines.extend(card_detail(view, card, view.cost_of(card), theme));
                lines.extend(hint_lines(view, card, theme));
                if data.blocked.get(ui.hand).copied().unwrap_or(false) {
                    let why = data.block_reason.clone().unwrap_or_else(|| {
                        match (data.actor, view.to_act) {
                            (Some(_), Some((_, Decision::Negotiate))) => {
                                "not usable now (does it answer a demand aimed at you?)".to_string()
                            }
                            (Some(_), Some((_, decision))) => {
                                format!("cards are played when negotiating; now you {decision}")
                            }
                            _ if view.outcome.is_some() => "the talks are over".to_string(),
                            _ => "wait for your turn".to_string(),
                        }
                    });
                    lines.push(Line::styled(
                        format!("✗ Cannot play: {why}"),
                        theme.danger(),
                    ));
                }
            } else if let Some(event) = view.current_event {
                let event = &view.scenario.events[usize::from(event)];
                lines.push(Line::styled(
                    format!("Event: {}", event.name),
                    theme.heading(),
                ));
                lines.push(Line::raw(event.text.clone()));
            }
        }
    }
    let text = Paragraph::new(lines).wrap(Wrap { trim: true });
    let block = panel(" Details ".into(), false, theme);
    popup::scrolled(frame, area, text, block, ui.detail_scroll, theme)
}

/// Draws the log, wrapped, its newest rows at the bottom unless scrolled back; returns how
/// far it can scroll back.
fn draw_log(frame: &mut Frame, area: Rect, data: &TableData, ui: &TableUi, theme: Theme) -> usize {
    let focused = ui.focus == Panel::Log;
    let lines = log::lines(
        &data.view.scenario,
        data.log,
        data.reasons,
        data.view.viewer,
        theme,
    );
    let block = panel(
        if ui.log_scroll > 0 {
            " Log (scrolled: End follows) ".to_string()
        } else {
            " Log ".to_string()
        },
        focused,
        theme,
    );
    let inner = block.inner(area);
    let height = usize::from(inner.height);
    // Following the newest lines, only the last `height` lines can show (each takes a row or
    // more), so only they are wrapped; how far back the log goes is then left unknown.
    let following = ui.log_scroll == 0;
    let first = if following {
        lines.len().saturating_sub(height)
    } else {
        0
    };
    let width = usize::from(inner.width);
    let wrapped: Vec<Line> = lines
        .into_iter()
        .skip(first)
        .flat_map(|line| wrap::hanging_line(line, width))
        .collect();
    let rows = wrapped.len();
    let text = Paragraph::new(wrapped);
    let max_back = rows.saturating_sub(height);
    let back = ui.log_scroll.min(max_back);
    let top = u16::try_from(rows.saturating_sub(height + back)).unwrap_or(u16::MAX);
    frame.render_widget(text.scroll((top, 0)).block(block), area);
    if following { usize::MAX } else { max_back }
}

/// Where each footer button is drawn.
pub fn footer_buttons<C>(area: Rect, buttons: &[(String, C)]) -> Vec<Rect> {
    let mut x = area.x + 1;
    buttons
        .iter()
        .map(|(label, _)| {
            let width = label.chars().count() as u16;
            let rect = Rect {
                x,
                y: area.y,
                width: width.min(area.right().saturating_sub(x)),
                height: 1,
            };
            x = x.saturating_add(width + 2);
            rect
        })
        .collect()
}

fn draw_footer(frame: &mut Frame, area: Rect, data: &TableData, theme: Theme) {
    let mut spans = vec![Span::raw(" ")];
    for label in &data.footer {
        let (key, rest) = label.split_once(' ').unwrap_or((label, ""));
        spans.push(Span::styled(key.to_string(), theme.key()));
        spans.push(Span::raw(format!(" {rest}  ")));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// The footer command under a click, if any.
pub fn footer_hit<C: Copy>(areas: &Areas, buttons: &[(String, C)], x: u16, y: u16) -> Option<C> {
    hit(&footer_buttons(areas.footer, buttons), x, y).map(|i| buttons[i].1)
}

/// The hand card under a click, if any.
pub fn hand_hit(areas: &Areas, selected: usize, len: usize, x: u16, y: u16) -> Option<usize> {
    let inner = Block::bordered().inner(areas.hand);
    if !inner.contains(Position::new(x, y)) {
        return None;
    }
    let index = scroll_to(selected, inner.height) + usize::from(y - inner.y);
    (index < len).then_some(index)
}

/// The table item under a click, if any.
pub fn table_hit(areas: &Areas, view: &SeatView, selected: usize, x: u16, y: u16) -> Option<usize> {
    let inner = Block::bordered().inner(areas.table);
    if !inner.contains(Position::new(x, y)) {
        return None;
    }
    let offset = if board::items(view).is_empty() {
        0
    } else {
        scroll_to(board::line_of_item(view, selected), inner.height)
    };
    board::item_at_line(view, offset + usize::from(y - inner.y))
}

/// Where a picker's box and options go.
pub fn picker_layout(area: Rect, picker: &Picker) -> Menu {
    let labels: Vec<String> = picker.options.iter().map(|(l, _)| l.clone()).collect();
    popup::menu_layout(area, &picker.intro, &labels)
}

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

/// The hot-seat curtain: hides what the next screen `shows` (a seat's hand and objective, or
/// its reflection) until that seat's person is at the keyboard.
/// The curtain between two people at one keyboard. `undo_by`: the person who just moved and
/// may still take it back (with the undo key) before handing over.
pub fn draw_curtain(
    frame: &mut Frame,
    seat: Seat,
    shows: &str,
    undo_by: Option<Seat>,
    theme: Theme,
) {
    let area = frame.area();
    let delegation = match seat {
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
    if let Some(previous) = undo_by {
        lines.push(Line::styled(
            format!(
                "({previous}: {} takes your last move back first)",
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

/// A seat's confidential brief as lines, `width` columns wide: situation, red lines,
/// concessions (list items wrap under themselves), alternative.
pub fn brief_lines(
    seat: Seat,
    brief: &crate::engine::Brief,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::styled(format!("{seat}'s confidential brief"), theme.heading()),
        Line::raw(brief.situation.clone()),
    ];
    let list = |title: &str, items: &[String], lines: &mut Vec<Line<'static>>| {
        if !items.is_empty() {
            lines.push(Line::styled(title.to_string(), theme.warn()));
            for item in items {
                lines.extend(popup::hanging("  • ", item, width, 4, theme.text()));
            }
        }
    };
    list("Red lines", &brief.red_lines, &mut lines);
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
                "Your secret objective, {seat}: {} (+{})",
                objective.name, objective.points
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
    let text = Paragraph::new(lines).wrap(Wrap { trim: true });
    popup::scrolled(frame, area, text, block, scroll, theme)
}
