//! The table screen: meters, baskets and the seat's objective on the left; the table's
//! demands and commitments, the hand with the selected card's text, and the log on the right;
//! round, phase and whose turn above; the keys below. Also the prompts drawn over it, the
//! hot-seat curtain and the brief.
//!
//! This file holds the screen's state ([`TableUi`], [`Panel`], [`Picker`]), what the game
//! screen hands it to draw ([`TableData`]), and [`draw`], which lays the screen out once and
//! has each region drawn by its own module: `layout` (the one layout, shared with mouse
//! hit-testing), `bars` (header and footer), `side` (meters, baskets, the You panel),
//! `items` (the table's items), `hands`, `detail`, `log_panel`, `talk_panel` (the table
//! talk, in the log's place when asked for), `message_line` (the line a message is typed in,
//! in the footer's place) and `overlays` (pickers, the curtain, the brief). The table screen
//! only draws and says where things are: it must not change the game or read keys.

mod bars;
mod detail;
mod hands;
mod items;
mod layout;
mod log_panel;
mod message_line;
mod overlays;
mod side;
mod talk_panel;

pub use layout::{
    Areas, footer_buttons, footer_hit, hand_hit, hand_rows, layout, picker_layout, table_hit,
};
pub use overlays::{brief_lines, draw_brief, draw_curtain, draw_menu_of, draw_picker};

use bars::{draw_footer, draw_header};
use detail::draw_detail;
use hands::{draw_all_hands, draw_hand};
use items::draw_items;
use log_panel::draw_log;
use side::{draw_baskets, draw_meters, draw_you};

use crate::engine::talk::Message;
use crate::engine::{Action, LogEntry, Meters, Seat, SeatView, Viewer};
use crate::table::Reason;
use crate::tui::theme::Theme;
use crate::tui::widgets::board;
use crate::tui::widgets::draft::Draft;
use ratatui::prelude::*;
use ratatui::widgets::{Block, BorderType};

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

/// The teammates a pen-holder may hand the pen to, while the pen key's list is open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PenChoice {
    /// Each teammate's name and login id, the next to have arrived first.
    pub teammates: Vec<(String, u64)>,
    /// The highlighted teammate.
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
    /// The list of teammates to hand the pen to, when open.
    pub pen: Option<PenChoice>,
    /// Highlighted option of the decision prompt.
    pub prompt: usize,
    /// The decision prompt was put aside to look at the table.
    pub prompt_hidden: bool,
    /// The table's items when the selection was last kept in range: what `board` points into.
    pub board_seen: Vec<board::Item>,
    /// The log's panel shows the table talk instead of the log.
    pub talk: bool,
    /// The message line, while a message is being typed.
    pub message: Option<Draft>,
}

impl TableUi {
    /// The panel the screen is laid out for: the log's, tall, while a message is typed (the
    /// talk shows in it), else the one with the keyboard.
    pub fn layout_focus(&self) -> Panel {
        if self.message.is_some() {
            Panel::Log
        } else {
            self.focus
        }
    }

    /// Whether the log's panel shows the talk (asked for, or a message being typed).
    pub fn talk_shown(&self) -> bool {
        self.talk || self.message.is_some()
    }

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
    /// The person at this screen is in the actor's delegation without its pen: their moves
    /// are proposals to the pen-holder.
    pub proposing: bool,
    /// A message for the player (a refusal, "saved").
    pub notice: Option<&'a str>,
    /// The facilitator has paused the table: nobody can act.
    pub paused: bool,
    /// Seconds left on the decision clock of the person to act, when it runs.
    pub clock_left: Option<u64>,
    /// The footer's buttons, each a key and what it does (`p pass`).
    pub footer: Vec<String>,
    /// The table talk the viewer sees something of (its text, or that a private message
    /// was sent), in order.
    pub talk: Vec<&'a Message>,
    /// How many of those the viewer has not seen yet.
    pub unread: usize,
    /// Whether the viewer may speak from this screen (not a spectator, not a replay).
    pub can_speak: bool,
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

/// Draws the table screen over the whole frame; returns how far its scrollable panels can
/// scroll.
pub fn draw(frame: &mut Frame, data: &TableData, ui: &TableUi, theme: Theme) -> Limits {
    draw_in(frame, frame.area(), data, ui, theme)
}

/// Draws the table screen in `area` (the frame less a banner below it, in the tutorial).
pub fn draw_in(
    frame: &mut Frame,
    area: Rect,
    data: &TableData,
    ui: &TableUi,
    theme: Theme,
) -> Limits {
    let view = data.view;
    let areas = layout(area, hand_rows(view), ui.layout_focus());
    draw_header(frame, areas.header, data, theme);
    // The left column.
    draw_meters(frame, areas.meters, data, theme);
    draw_baskets(frame, areas.baskets, view, theme);
    draw_you(frame, areas.you, data, theme);
    // The right column.
    draw_items(frame, areas.table, view, ui, theme);
    if view.viewer == Viewer::Facilitator {
        draw_all_hands(frame, areas.hand, view, theme);
    } else {
        draw_hand(frame, areas.hand, data, ui, theme);
    }
    let detail = draw_detail(frame, areas.detail, data, ui, theme);
    let log = if ui.talk_shown() {
        talk_panel::draw_talk(frame, areas.log, data, ui, theme)
    } else {
        draw_log(frame, areas.log, data, ui, theme)
    };
    match &ui.message {
        Some(draft) => message_line::draw(frame, areas.footer, view, draft, theme),
        None => draw_footer(frame, areas.footer, data, theme),
    }
    Limits {
        detail,
        log,
        log_page: usize::from(areas.log.height.saturating_sub(3)).max(1),
    }
}

/// A bordered panel titled `title`, thick and highlighted when it has the keyboard.
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
