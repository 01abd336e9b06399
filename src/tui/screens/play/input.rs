//! The play screen's keys and clicks: which state gets a command (the last table, the
//! curtain, the brief, a picker or prompt, the table's panels), moving the selection and
//! scrolling, and mouse hits through the table screen's one layout. It decides what a key
//! means and calls `flow` and `choices` to do it; it must not draw or change the game itself.

use super::{Play, step};
use crate::engine::{Action, Viewer};
use crate::tui::app::Step;
use crate::tui::keys::Command;
use crate::tui::screens::hit;
use crate::tui::screens::table::{self, Panel, TableUi};
use crate::tui::widgets::board;
use ratatui::crossterm::event::{KeyCode, KeyEvent, MouseButton, MouseEvent, MouseEventKind};
use ratatui::prelude::*;

impl Play {
    /// Reacts to a key.
    pub(crate) fn handle(&mut self, _key: KeyEvent, command: Option<Command>) -> Step {
        self.overlay_scrolled = false;
        let Some(command) = command else {
            return Step::Stay;
        };
        if self.at_the_last_table() {
            if command == Command::Confirm {
                self.end_seen = true;
            } else {
                self.handle_table(command);
            }
            return Step::Stay;
        }
        if let Some(seat) = self.reflection_handover() {
            if command == Command::Confirm {
                self.reflection_seat = Some(seat);
            }
            return Step::Stay;
        }
        if self.session().game().outcome().is_some() {
            return self.handle_debrief(command);
        }
        if self.curtain.is_some() {
            // The person who just passed the keyboard may still take their move back.
            if command == Command::Undo
                && let Some(seat) = self.undo_behind_curtain()
            {
                let undone = self.session().undo_before_handover(seat);
                self.notice = Some(match undone {
                    Ok(()) => {
                        self.curtain = None;
                        self.shown = Viewer::Seat(seat);
                        self.ui = TableUi::default();
                        format!(
                            "{}'s last action was taken back.",
                            self.session().game().scenario().seat_name(seat)
                        )
                    }
                    Err(e) => format!("Nothing to undo: {e}."),
                });
                return Step::Stay;
            }
            if command == Command::Confirm
                && let Some(seat) = self.curtain.take()
            {
                let briefed = self.session().was_briefed(seat);
                self.brief_open = !briefed;
                // Messages that waited behind the curtain are the first thing in view.
                self.ui.talk = self.waiting_for(seat) > 0;
                self.offer_recap();
            }
            return Step::Stay;
        }
        if self.brief_open {
            match command {
                Command::Confirm | Command::Back | Command::Brief => {
                    self.brief_open = false;
                    self.brief_scroll = 0;
                    if let Viewer::Seat(seat) = self.shown {
                        self.session().mark_briefed(seat);
                    }
                    self.offer_recap();
                    return Step::Stay;
                }
                // ↑↓ a few lines, PgUp/PgDn about a screenful.
                Command::Down | Command::PageDown => {
                    let step = if command == Command::Down { 3 } else { 15 };
                    self.brief_scroll = (self.brief_scroll + step).min(self.brief_max.get())
                }
                Command::Up | Command::PageUp => {
                    let step = if command == Command::Up { 3 } else { 15 };
                    self.brief_scroll = self
                        .brief_scroll
                        .min(self.brief_max.get())
                        .saturating_sub(step)
                }
                Command::Home => self.brief_scroll = 0,
                Command::End => self.brief_scroll = self.brief_max.get(),
                _ => return Step::Stay,
            }
            self.overlay_scrolled = true;
            return Step::Stay;
        }
        let scrolls = matches!(
            command,
            Command::Up
                | Command::Down
                | Command::PageUp
                | Command::PageDown
                | Command::Home
                | Command::End
        );
        if self.handle_recap(command) {
            self.overlay_scrolled = scrolls && self.recap.is_some();
            return Step::Stay;
        }
        if self.ui.pen.is_some() {
            self.handle_pen_choice(command);
            return Step::Stay;
        }
        if self.ui.picker.is_some() {
            self.handle_picker(command);
            return Step::Stay;
        }
        if !self.ui.prompt_hidden
            && let Some(prompt) = self.decision_prompt()
        {
            let n = prompt.options.len().max(1);
            match command {
                Command::Up => self.ui.prompt = (self.ui.prompt + n - 1) % n,
                Command::Down => self.ui.prompt = (self.ui.prompt + 1) % n,
                Command::Confirm => {
                    if let Some((_, action)) = prompt.options.get(self.ui.prompt) {
                        self.act(*action);
                    }
                }
                Command::Back => self.ui.prompt_hidden = true,
                Command::Undo => self.undo(),
                Command::Brief => self.brief_open = true,
                Command::Recap => self.toggle_recap(),
                Command::Pen => self.hand_pen(),
                Command::TakeProposal => self.take_proposal(),
                Command::Message => self.open_message(),
                Command::Talk => {
                    self.toggle_talk();
                    self.ui.prompt_hidden = true;
                }
                _ => {}
            }
            return Step::Stay;
        }
        self.handle_table(command);
        Step::Stay
    }

    /// Keys on an open picker: move, choose (plays the action), or close it.
    fn handle_picker(&mut self, command: Command) {
        let Some(picker) = &mut self.ui.picker else {
            return;
        };
        let n = picker.options.len().max(1);
        match command {
            Command::Up => picker.selected = (picker.selected + n - 1) % n,
            Command::Down => picker.selected = (picker.selected + 1) % n,
            Command::Confirm => {
                if let Some((_, action)) = picker.options.get(picker.selected) {
                    let action = *action;
                    self.act(action);
                }
            }
            Command::Back => self.ui.picker = None,
            _ => {}
        }
    }

    /// Keys on the table itself: panels, selection, scrolling, and the moves and commands
    /// (pass, accord, undo, save, brief).
    fn handle_table(&mut self, command: Command) {
        let view = self.view();
        let selected = (self.ui.focus, self.ui.hand, self.ui.board);
        let (hand_len, board_len) = (view.own_hand().len(), board::items(&view).len());
        let log_focused = self.ui.focus == Panel::Log;
        match command {
            Command::NextPanel => self.ui.focus = self.ui.focus.next(),
            Command::PrevPanel => self.ui.focus = self.ui.focus.prev(),
            Command::Up | Command::Down => {
                let down = command == Command::Down;
                match self.ui.focus {
                    Panel::Hand => self.ui.hand = step(self.ui.hand, view.own_hand().len(), down),
                    Panel::Table => {
                        self.ui.board = step(self.ui.board, board::items(&view).len(), down)
                    }
                    Panel::Log => self.scroll_log(if down { -1 } else { 1 }),
                }
            }
            Command::PageUp if log_focused => self.scroll_log(self.log_page()),
            Command::PageDown if log_focused => self.scroll_log(-self.log_page()),
            Command::PageUp => self.scroll_detail(-3),
            Command::PageDown => self.scroll_detail(3),
            Command::Home | Command::End => {
                let start = command == Command::Home;
                match self.ui.focus {
                    Panel::Log if start => self.scroll_log(isize::MAX),
                    Panel::Log => self.ui.log_scroll = 0,
                    Panel::Hand => {
                        self.ui.hand = if start { 0 } else { hand_len.saturating_sub(1) }
                    }
                    Panel::Table => {
                        self.ui.board = if start {
                            0
                        } else {
                            board_len.saturating_sub(1)
                        }
                    }
                }
            }
            Command::Confirm => match self.ui.focus {
                _ if self.ui.prompt_hidden && self.decision_prompt().is_some() => {
                    self.ui.prompt_hidden = false
                }
                Panel::Hand => self.use_card(),
                Panel::Table => self.use_item(),
                Panel::Log => {}
            },
            Command::Pass => self.simple(|seat| Action::Pass { seat }, "pass"),
            Command::TableAccord => self.table_accord(),
            Command::Undo => self.undo(),
            Command::Save => self.save(),
            Command::Brief => self.brief_open = true,
            Command::Recap => self.toggle_recap(),
            Command::Pen => self.hand_pen(),
            Command::TakeProposal => self.take_proposal(),
            Command::Message => self.open_message(),
            Command::Talk => self.toggle_talk(),
            _ => {}
        }
        if (self.ui.focus, self.ui.hand, self.ui.board) != selected {
            // A new selection: its details from the top, without the last message; leaving
            // the log makes it follow the newest lines again.
            self.ui.detail_scroll = 0;
            self.notice = None;
            if self.ui.focus != Panel::Log {
                self.ui.log_scroll = 0;
            }
        }
    }

    /// A page of log: the rows on screen, less one kept for context.
    fn log_page(&self) -> isize {
        isize::try_from(self.limits.get().log_page).unwrap_or(5)
    }

    /// Scrolls the log back (positive) or forward (negative) by rows, within its length.
    fn scroll_log(&mut self, by: isize) {
        let limit = self.limits.get().log;
        self.ui.log_scroll = self
            .ui
            .log_scroll
            .min(limit)
            .saturating_add_signed(by)
            .min(limit);
    }

    /// Scrolls the details panel down (positive) or up (negative) by rows, within its text.
    fn scroll_detail(&mut self, by: i16) {
        let limit = self.limits.get().detail;
        self.ui.detail_scroll = self
            .ui
            .detail_scroll
            .min(limit)
            .saturating_add_signed(by)
            .min(limit);
    }

    /// Reacts to the mouse: clicks select and use cards, table items, options and buttons;
    /// the wheel scrolls the log.
    pub(crate) fn mouse(&mut self, mouse: MouseEvent, area: Rect) -> Step {
        match mouse.kind {
            MouseEventKind::ScrollUp | MouseEventKind::ScrollDown
                if self.wheel_recap(mouse.kind == MouseEventKind::ScrollDown) =>
            {
                return Step::Stay;
            }
            // A click anywhere closes the account, and does nothing else.
            MouseEventKind::Down(MouseButton::Left) if self.recap.take().is_some() => {
                return Step::Stay;
            }
            MouseEventKind::ScrollUp => {
                self.scroll_log(1);
                self.debrief_scroll = self.debrief_scroll.saturating_sub(1);
                return Step::Stay;
            }
            MouseEventKind::ScrollDown => {
                self.scroll_log(-1);
                self.scroll_debrief(1);
                return Step::Stay;
            }
            MouseEventKind::Down(MouseButton::Left) => {}
            _ => return Step::Stay,
        }
        let (x, y) = (mouse.column, mouse.row);
        // The table sits above the tutorial's banner, if any.
        let position = self.tutorial_position();
        let (table_area, _) = self.table_area(area, position.as_ref());
        if self.session().game().outcome().is_some() || self.curtain.is_some() || self.brief_open {
            return self.handle(KeyEvent::from(KeyCode::Enter), Some(Command::Confirm));
        }
        // The footer's buttons work even while a prompt is open.
        {
            let view = self.view();
            let areas = table::layout(table_area, table::hand_rows(&view), self.ui.layout_focus());
            if let Some(command) = table::footer_hit(&areas, &self.footer(table_area.width), x, y) {
                return match command {
                    Command::Quit => Step::AskQuit,
                    Command::Help => Step::Help,
                    _ => self.handle(KeyEvent::from(KeyCode::Null), Some(command)),
                };
            }
        }
        if let Some((_, intro, labels)) = self.pen_choice_text() {
            let menu = crate::tui::widgets::popup::menu_layout(area, &intro, &labels);
            match hit(&menu.rows, x, y) {
                Some(i) => {
                    if let Some(choice) = &mut self.ui.pen {
                        choice.selected = i;
                    }
                    self.handle_pen_choice(Command::Confirm);
                }
                None if !menu.area.contains(Position::new(x, y)) => self.ui.pen = None,
                None => {}
            }
            return Step::Stay;
        }
        let picker = self.ui.picker.clone().or_else(|| {
            (!self.ui.prompt_hidden)
                .then(|| self.decision_prompt())
                .flatten()
        });
        if let Some(picker) = picker {
            let menu = table::picker_layout(area, &picker);
            match hit(&menu.rows, x, y) {
                Some(i) => {
                    if self.ui.picker.is_some() {
                        if let Some(p) = &mut self.ui.picker {
                            p.selected = i;
                        }
                    } else {
                        self.ui.prompt = i;
                    }
                    return self.handle(KeyEvent::from(KeyCode::Enter), Some(Command::Confirm));
                }
                None if !menu.area.contains(Position::new(x, y)) => {
                    if self.ui.picker.is_some() {
                        self.ui.picker = None;
                    } else {
                        self.ui.prompt_hidden = true;
                    }
                }
                None => {}
            }
            return Step::Stay;
        }
        let view = self.view();
        let areas = table::layout(table_area, table::hand_rows(&view), self.ui.layout_focus());
        if let Some(i) = table::hand_hit(&areas, self.ui.hand, view.own_hand().len(), x, y) {
            let again = self.ui.focus == Panel::Hand && self.ui.hand == i;
            self.ui.focus = Panel::Hand;
            self.ui.hand = i;
            self.ui.detail_scroll = 0;
            self.ui.log_scroll = 0;
            if again {
                self.use_card();
            }
        } else if let Some(i) = table::table_hit(&areas, &view, self.ui.board, x, y) {
            let again = self.ui.focus == Panel::Table && self.ui.board == i;
            self.ui.focus = Panel::Table;
            self.ui.board = i;
            self.ui.detail_scroll = 0;
            self.ui.log_scroll = 0;
            if again {
                self.use_item();
            }
        } else if areas.log.contains(Position::new(x, y)) {
            self.ui.focus = Panel::Log;
        }
        Step::Stay
    }
}
