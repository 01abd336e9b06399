//! Drawing the play screen: the footer's buttons for the current state, and the table, the
//! curtain, the brief, a prompt, a reflection or the debrief, whichever is up. It reads the
//! state and the session and records how far things can scroll; it must not change the game.

use super::{Play, Role, uses_card};
use crate::engine::talk::Message;
use crate::engine::{Action, Seat, SeatView, Viewer};
use crate::table::SaveStatus;
use crate::tui::keys::{self, Command};
use crate::tui::screens::{
    debrief,
    table::{self, Panel},
};
use crate::tui::theme::Theme;
use ratatui::prelude::*;
use std::time::Instant;

impl Play {
    /// The buttons in the footer for the current state that fit in `width` columns (the
    /// panel key, then the help key, then the talk key give way first).
    pub(crate) fn footer(&self, width: u16) -> Vec<(String, Command)> {
        let mut buttons = self.all_buttons();
        let room = |buttons: &[(String, Command)]| {
            buttons
                .iter()
                .map(|(label, _)| label.chars().count() + 2)
                .sum::<usize>()
                < usize::from(width)
        };
        for spare in [Command::NextPanel, Command::Help, Command::Message] {
            if room(&buttons) {
                break;
            }
            buttons.retain(|(_, command)| *command != spare);
        }
        buttons
    }

    /// Every button of the footer for the current state (none while a message is typed:
    /// the message line stands in the footer's place).
    fn all_buttons(&self) -> Vec<(String, Command)> {
        let mut buttons = Vec::new();
        if self.writing() {
            return buttons;
        }
        if self.brief_open {
            buttons.push((
                keys::hint(Command::Confirm, "close the brief"),
                Command::Confirm,
            ));
            buttons.push((keys::button(Command::Help), Command::Help));
            buttons.push((keys::button(Command::Quit), Command::Quit));
            return buttons;
        }
        if self.at_the_last_table() {
            buttons.push((keys::hint(Command::Confirm, "results"), Command::Confirm));
        } else if self.recap.is_some() {
            // Enter closes the account; the other keys close it and do what they do.
            buttons.push((keys::hint(Command::Confirm, "close"), Command::Confirm));
            if self.actor().is_some() && self.decision_prompt().is_none() {
                buttons.push((self.pass_button(), Command::Pass));
            }
        } else if self.ui.pen.is_some() {
            buttons.push((keys::hint(Command::Confirm, "hand it"), Command::Confirm));
            buttons.push((keys::hint(Command::Back, "cancel"), Command::Back));
            buttons.push((keys::button(Command::Help), Command::Help));
            buttons.push((keys::button(Command::Quit), Command::Quit));
            return buttons;
        } else if self.ui.picker.is_some() {
            buttons.push((self.confirm_button(), Command::Confirm));
            buttons.push((keys::hint(Command::Back, "cancel"), Command::Back));
            buttons.push((keys::button(Command::Help), Command::Help));
            buttons.push((keys::button(Command::Quit), Command::Quit));
            return buttons;
        } else if self.session().paused() {
            // Nothing can be played until the facilitator resumes the table.
        } else if let Some(seat) = self.actor() {
            let prompt = self.decision_prompt().is_some();
            // A delegate without the pen proposes what the pen-holder would play.
            let proposing = self.pen_elsewhere().is_some();
            if prompt && self.ui.prompt_hidden {
                buttons.push((
                    keys::hint(Command::Confirm, "back to the question"),
                    Command::Confirm,
                ));
            } else if prompt {
                buttons.push((self.confirm_button(), Command::Confirm));
                buttons.push((
                    keys::hint(Command::Back, "look at the table"),
                    Command::Back,
                ));
            } else {
                let usable = match self.ui.focus {
                    Panel::Hand => self.selected_card_playable(),
                    Panel::Table => self.selected_item_usable(),
                    Panel::Log => false,
                };
                let enter = match self.ui.focus {
                    _ if !usable => None,
                    _ if proposing => Some("propose"),
                    Panel::Hand => Some("play"),
                    _ => Some("act on it"),
                };
                if let Some(enter) = enter {
                    buttons.push((keys::hint(Command::Confirm, enter), Command::Confirm));
                }
                buttons.push((self.pass_button(), Command::Pass));
                let accord = Action::TableAccord { seat };
                if seat == Seat::Mediator && self.legal().contains(&accord) {
                    buttons.push((keys::button(Command::TableAccord), Command::TableAccord));
                }
            }
        }
        if let Viewer::Seat(seat) = self.shown {
            if self.session().check_undo(seat).is_ok() && self.pen_elsewhere().is_none() {
                buttons.push((keys::button(Command::Undo), Command::Undo));
            }
            buttons.push((keys::button(Command::Brief), Command::Brief));
        }
        buttons.extend(self.team_buttons());
        if self.speaker().is_some() {
            buttons.push((keys::button(Command::Message), Command::Message));
        }
        if let Some(back) = &self.back_button {
            buttons.push((back.clone(), Command::Back));
        }
        buttons.push((keys::button(Command::NextPanel), Command::NextPanel));
        buttons.push((keys::button(Command::Help), Command::Help));
        buttons.push((keys::button(Command::Quit), Command::Quit));
        buttons
    }

    /// Draws the table, the curtain, the brief or the end screen.
    pub fn draw(&self, frame: &mut Frame, theme: Theme) {
        if self.session().game().outcome().is_some() && !self.at_the_last_table() {
            let scenario = self.session().game().scenario().clone();
            if let Some(seat) = self.reflection_handover() {
                let shows = format!("{}'s reflection", scenario.seat_name(seat));
                table::draw_curtain(frame, &scenario, seat, &shows, (None, 0), theme);
            } else if let Some((seat, prompt, index, total)) = self.reflecting() {
                // In a delegation of several, each member is asked by name.
                let shared = self.session().team(seat).len() > 1;
                let name = match self.reflector().filter(|_| shared) {
                    Some(by) => format!("{by} ({})", scenario.seat_name(seat)),
                    None => scenario.seat_name(seat).to_string(),
                };
                debrief::draw_reflection(frame, &name, &prompt, (index, total), &self.draft, theme);
            } else {
                let rematch = self.session().rematch_table();
                let scroll = format!("{} scroll", keys::pair(Command::Up, Command::Down));
                let leave = keys::hint(Command::Quit, "leave");
                let keys = match (self.role, rematch, self.shown) {
                    (Role::Local, _, _) => format!(
                        " {scroll} · {} · {} · {} ",
                        keys::hint(Command::Rematch, "rematch, seats rotated"),
                        keys::hint(Command::Confirm, "title"),
                        keys::button(Command::Quit)
                    ),
                    (Role::Remote, Some(id), Viewer::Seat(seat)) => {
                        let next = crate::table::rotated(seat);
                        // The code is this seat's own to see: only its player has this view.
                        let code = self
                            .session()
                            .rematch_code(next)
                            .map_or(String::new(), |code| format!(" (code {code})"));
                        format!(
                            " Rematch open: log in as {}.{id}@{code} · {scroll} · {leave} ",
                            next.key()
                        )
                    }
                    (Role::Remote, Some(id), _) => {
                        format!(" Rematch open as table {id} · {scroll} · {leave} ")
                    }
                    (Role::Remote, None, _) => format!(" {scroll} · {leave} "),
                };
                let max = debrief::draw(frame, &self.session(), self.debrief_scroll, &keys, theme);
                self.debrief_max.set(max);
            }
            return;
        }
        if let Some(seat) = self.curtain {
            let scenario = self.session().game().scenario().clone();
            let shows = format!("{}'s hand and secret objective", scenario.seat_name(seat));
            let undo_by = self.undo_behind_curtain();
            let waiting = self.waiting_for(seat);
            table::draw_curtain(frame, &scenario, seat, &shows, (undo_by, waiting), theme);
            return;
        }
        let tutorial = self.tutorial_position();
        let (table_area, below) = self.table_area(frame.area(), tutorial.as_ref());
        let view = self.view();
        let legal = self.legal();
        let actor = self.actor();
        let proposing = actor.is_some() && self.pen_elsewhere().is_some();
        let confirm = self.confirm_button();
        let footer = self
            .footer(table_area.width)
            .into_iter()
            .map(|(label, _)| label)
            .collect();
        let (said, unread) = self.talk_counts();
        if self.ui.talk || self.writing() {
            self.mark_talk_read(said);
        }
        let prompt = (!self.ui.prompt_hidden)
            .then(|| self.decision_prompt())
            .flatten();
        let pen_choice = self.pen_choice_text();
        let session = self.session();
        let game = session.game();
        let away: Vec<String> = session
            .away()
            .iter()
            .map(|&seat| {
                format!(
                    "{} is away: waiting for them to reconnect.",
                    game.scenario().seat_name(seat)
                )
            })
            .chain(session.open_seats().iter().map(|&seat| {
                format!(
                    "{}'s seat is open: waiting for someone to take it.",
                    game.scenario().seat_name(seat)
                )
            }))
            .collect();
        let clock = session
            .deadline()
            .filter(|_| session.human_to_act().is_some())
            .map(|at| at.saturating_duration_since(Instant::now()).as_secs());
        let notice = if let Some(outcome) = game.outcome() {
            Some(format!(
                "■ The talks are over: {outcome}. Look back at the table and the log; {}: results.",
                keys::key(Command::Confirm)
            ))
        } else if session.paused() {
            Some("⏸ PAUSED by the facilitator: wait for the table to resume.".to_string())
        } else {
            // A save that keeps failing is said until it works again.
            let unsaved = session
                .save_status()
                .filter(|s| matches!(s, SaveStatus::Failed(_)));
            match (&self.notice, unsaved, away.is_empty()) {
                (Some(notice), ..) => Some(notice.clone()),
                (None, Some(unsaved), _) => Some(format!("This game is {unsaved}.")),
                (None, None, false) => Some(away.join(" ")),
                // In the tutorial, why the last step done mattered.
                (None, None, true) => tutorial
                    .as_ref()
                    .and_then(|t| t.why.as_ref())
                    .map(|why| format!("✓ {why}")),
            }
        };
        let since = match self.shown {
            Viewer::Seat(seat) => session.meters_at_last_action(seat),
            _ => view.meter_history.last().copied().unwrap_or(view.meters),
        };
        let blocks: Vec<bool> = match self.shown {
            Viewer::Seat(seat) => view
                .own_hand()
                .iter()
                .map(|&card| match actor {
                    _ if game.outcome().is_some() => true,
                    Some(_) => !legal.iter().any(|a| uses_card(a, card)),
                    None => game.card_block(seat, card).is_some(),
                })
                .collect(),
            _ => Vec::new(),
        };
        let block_reason = match self.shown {
            Viewer::Seat(seat) => view
                .own_hand()
                .get(self.ui.hand)
                .and_then(|&card| game.card_block_reason(seat, card)),
            _ => None,
        };
        let moved = match self.shown {
            Viewer::Seat(seat) => game
                .actions()
                .iter()
                .any(|a| !a.is_inject() && a.seat() == seat),
            _ => true,
        };
        // What the drawing reads of the table is copied out (the log's entries are small and
        // plain), so that the table's lock is let go before the frame is drawn: a connection
        // drawing its screen never keeps its tablemates', or the table's bots, waiting.
        let log = game.log().to_vec();
        let reasons = session.reasons().to_vec();
        let players = session.players();
        let paused = session.paused();
        // The talk (up to thousands of messages at a chatty table) only when its pane shows.
        let talk: Vec<Message> = if self.ui.talk_shown() {
            session
                .messages_for(self.shown)
                .into_iter()
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        let recap = self.recap_on_top(game);
        let first_brief = first_reading(&session, view.viewer);
        drop(session);
        let data = table::TableData {
            view: &view,
            since,
            moved,
            blocked: &blocks,
            block_reason,
            log: &log,
            reasons: &reasons,
            players,
            actor,
            proposing,
            notice: notice.as_deref(),
            paused,
            clock_left: clock,
            footer,
            talk: talk.iter().collect(),
            unread,
            can_speak: self.speaker().is_some(),
        };
        self.limits
            .set(table::draw_in(frame, table_area, &data, &self.ui, theme));
        if let Some((open, recap)) = recap {
            self.draw_recap(frame, open, &recap, &view.scenario, theme);
        } else if self.brief_open {
            self.draw_brief(frame, &view, first_brief, theme);
        } else if let Some((title, intro, labels)) = &pen_choice {
            let keys = format!(
                "{} · {} next · {}",
                keys::hint(Command::Confirm, "hand it"),
                keys::key(Command::Pen),
                keys::hint(Command::Back, "cancel")
            );
            let selected = self.ui.pen.as_ref().map_or(0, |c| c.selected);
            table::draw_menu_of(frame, (title, intro, &keys), labels, selected, theme);
        } else if let Some(picker) = &self.ui.picker {
            let keys = format!("{} · {}", confirm, keys::hint(Command::Back, "cancel"));
            table::draw_picker(frame, picker, &keys, theme);
        } else if let Some(prompt) = prompt.filter(|_| !self.writing()) {
            // A message (say, why undo did nothing) shows on the prompt, not hidden behind it.
            let keys = format!(
                "{} · {}",
                confirm,
                keys::hint(Command::Back, "look at the table")
            );
            table::draw_picker(
                frame,
                &prompt,
                self.notice.as_deref().unwrap_or(&keys),
                theme,
            );
        }
        self.draw_bars(frame, below, tutorial.as_ref(), theme);
    }

    /// The brief, over a table already drawn.
    fn draw_brief(&self, frame: &mut Frame, view: &SeatView, first: bool, theme: Theme) {
        let max = table::draw_brief(frame, view, self.brief_scroll, first, theme);
        self.brief_max.set(max);
    }

    /// Below the table: the tutorial's banner, then a delegation's bar (both stay in view
    /// over everything the table shows).
    fn draw_bars(
        &self,
        frame: &mut Frame,
        below: Rect,
        tutorial: Option<&crate::tui::tutorial::Position>,
        theme: Theme,
    ) {
        let team = self.team_lines();
        let team_rows = crate::tui::widgets::team_bar::height(&team).min(below.height);
        let (banner_area, team_area) = crate::tui::tutorial::banner::split(below, team_rows);
        if let Some(position) = tutorial {
            crate::tui::tutorial::banner::draw(frame, banner_area, position, theme);
        }
        crate::tui::widgets::team_bar::draw(frame, team_area, &team, theme);
    }

    /// The account of the others' moves since `open.seat`'s last turn, over a table already
    /// drawn.
    fn draw_recap(
        &self,
        frame: &mut Frame,
        open: super::recap::RecapOpen,
        recap: &crate::engine::Recap,
        scenario: &crate::engine::Scenario,
        theme: Theme,
    ) {
        let hint = format!(
            "{} close · {} {} scroll · {} reopens it",
            keys::key(Command::Confirm),
            keys::pair(Command::Up, Command::Down),
            keys::pair(Command::PageUp, Command::PageDown),
            keys::key(Command::Recap)
        );
        let limits = crate::tui::screens::recap::draw(
            frame,
            recap,
            scenario,
            open.seat,
            open.scroll,
            &hint,
            theme,
        );
        self.recap_limits.set(limits);
    }

    /// Draws the box over the table — the account of the others' moves, or else the brief —
    /// and the bars below the table over `frame`, which holds this screen's last frame, when
    /// that box is what that frame showed on top of the table (see
    /// [`crate::tui::App::draw_overlay_over`]); returns false, drawing nothing, otherwise.
    pub(crate) fn draw_overlay_over(&self, frame: &mut Frame, theme: Theme) -> bool {
        let (over, recap) = {
            let session = self.session();
            let game = session.game();
            (game.outcome().is_some(), self.recap_on_top(game))
        };
        if self.curtain.is_some() || over || (recap.is_none() && !self.brief_open) {
            return false;
        }
        let view = self.view();
        if let Some((open, recap)) = recap {
            self.draw_recap(frame, open, &recap, &view.scenario, theme);
        } else {
            let first = first_reading(&self.session(), view.viewer);
            self.draw_brief(frame, &view, first, theme);
        }
        let tutorial = self.tutorial_position();
        let (_, below) = self.table_area(frame.area(), tutorial.as_ref());
        self.draw_bars(frame, below, tutorial.as_ref(), theme);
        true
    }

    /// The account of the others' moves, when it is open over the table (not under the
    /// brief, not once the game is over), with what it tells.
    fn recap_on_top(
        &self,
        game: &crate::engine::Game,
    ) -> Option<(super::recap::RecapOpen, crate::engine::Recap)> {
        self.recap
            .filter(|_| !self.brief_open && game.outcome().is_none())
            .map(|open| {
                let from = open.start.min(game.log().len());
                let recap = crate::engine::recap(game.scenario(), &game.log()[from..]);
                (open, recap)
            })
    }

    /// Whether the last key only scrolled the box over the table (the brief, the account).
    pub(crate) fn overlay_scrolled(&self) -> bool {
        self.overlay_scrolled
    }
}

/// Whether the brief is `viewer`'s first reading, which ends with "Enter to begin" (a
/// reopened brief just closes).
fn first_reading(session: &crate::table::Session, viewer: Viewer) -> bool {
    match viewer {
        Viewer::Seat(seat) => !session.was_briefed(seat),
        _ => false,
    }
}
