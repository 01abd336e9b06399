//! The play screen's flow: bot turns paced and thought about off the UI thread, moves made
//! at this screen (act, pass, undo, save), the curtain raised for the next person, and the
//! message line kept fresh. It changes the session and the screen's state; it must not read
//! keys or draw.

use super::{Play, Role, THINKING_POLL, Thinking};
use crate::engine::{Action, Seat, SeatView, Viewer};
use crate::tui::screens::table::{Panel, TableUi};
use std::sync::mpsc;
use std::time::Instant;

impl Play {
    /// Called when the shared game changed elsewhere: keeps selections inside the new view.
    pub fn refresh(&mut self) {
        self.forget_stale_notice();
        self.heed_facilitator();
        let resumed = !self.session().paused();
        if resumed
            && self
                .notice
                .as_deref()
                .is_some_and(|n| n.contains("paused this table"))
        {
            self.notice = None;
        }
        let view = self.view();
        self.ui.clamp(&view);
        if self.ui.picker.is_some() && self.actor().is_none() {
            self.ui.picker = None;
        }
        self.offer_recap();
    }

    /// When the next bot move is due, or when to look for a thinking bot's choice.
    pub fn wake_at(&self) -> Option<Instant> {
        if let Some(thinking) = &self.thinking {
            return Some(thinking.poll_at);
        }
        if self.brief_open || self.curtain.is_some() {
            return None;
        }
        self.next_bot_at
    }

    /// Schedules the next bot move if a bot must act.
    pub fn schedule(&mut self, now: Instant) {
        if self.role == Role::Local && self.next_bot_at.is_none() && self.session().bot_to_act() {
            self.next_bot_at = Some(now + self.speed.delay());
        }
    }

    /// Starts a due bot move (the bot thinks on its own thread) and plays it once chosen.
    pub fn tick(&mut self, now: Instant) {
        if self.thinking.is_none() && self.wake_at().is_some_and(|at| at <= now) {
            self.next_bot_at = None;
            let turn = self.session().bot_turn();
            self.thinking = turn.map(|turn| Thinking {
                result: turn.think_elsewhere(),
                poll_at: now,
            });
        }
        self.collect_thought(now);
        if self.thinking.is_none() {
            self.schedule(now);
        }
    }

    /// Plays a thinking bot's choice if it has come. A `now` ahead of the real clock (a
    /// test driving time) is time the bot had to think: the choice is waited for that long.
    fn collect_thought(&mut self, now: Instant) {
        let Some(thinking) = &mut self.thinking else {
            return;
        };
        let wait = now.saturating_duration_since(Instant::now());
        match thinking.result.recv_timeout(wait) {
            Ok((turn, choice)) => {
                self.thinking = None;
                self.session().finish_bot_turn(turn, choice);
                self.forget_stale_notice();
                self.sync();
            }
            Err(mpsc::RecvTimeoutError::Timeout) => thinking.poll_at = now + THINKING_POLL,
            // The thinking thread died without answering; a bot's panic cannot do that (it
            // is caught in `think`), so this is not expected. Stop waiting for it.
            Err(mpsc::RecvTimeoutError::Disconnected) => self.thinking = None,
        }
    }

    /// Drops the message once someone else has moved: it was about a moment that has passed
    /// (a "wait for your turn" would otherwise linger into the next prompt).
    fn forget_stale_notice(&mut self) {
        let actions = self.session().game().actions().len();
        if actions != self.actions_seen {
            self.actions_seen = actions;
            self.notice = None;
        }
    }

    /// While the curtain is down, the person who made the last move, if it can still be
    /// taken back: they may, before handing over the keyboard.
    pub(super) fn undo_behind_curtain(&self) -> Option<Seat> {
        let session = self.session();
        let last = session.game().actions().last()?;
        let seat = last.seat();
        (!last.is_inject() && session.check_undo_before_handover(seat).is_ok()).then_some(seat)
    }

    /// The person who may act at this screen now: the acting seat, when it is human, shown
    /// and not behind the curtain.
    pub(super) fn actor(&self) -> Option<Seat> {
        let seat = self.session().human_to_act()?;
        (self.curtain.is_none() && self.shown == Viewer::Seat(seat)).then_some(seat)
    }

    /// After any move: lower the curtain for the next person, or show the acting seat; a
    /// person whose turn has come sees what happened since their last one.
    pub(super) fn sync(&mut self) {
        self.ui.clamp(&self.view());
        let Some(seat) = self.session().human_to_act() else {
            return;
        };
        // A message being typed is finished (or dropped) before the keyboard is handed on.
        if self.writing() {
            return;
        }
        if self.shown != Viewer::Seat(seat) && self.role == Role::Local {
            self.ui = TableUi::default();
            self.recap = None;
            if self.session().humans().len() >= 2 {
                self.curtain = Some(seat);
            }
            self.shown = Viewer::Seat(seat);
        }
        self.offer_recap();
    }

    /// What the shown viewer sees of the game now.
    pub(super) fn view(&self) -> SeatView {
        self.session().view(self.shown)
    }

    /// The actions the person at this screen may take now (none when nobody here may act).
    pub(super) fn legal(&self) -> Vec<Action> {
        self.actor()
            .map(|seat| self.session().game().legal_actions(seat))
            .unwrap_or_default()
    }

    /// Plays `action` for the actor: on success the pickers close and the screen follows the
    /// next person; on failure the refusal becomes the message. A delegate without the pen
    /// proposes it to the pen-holder instead.
    pub(super) fn act(&mut self, action: Action) {
        if let Some(holder) = self.pen_elsewhere() {
            self.propose(action, &holder);
            return;
        }
        let result = match self.member {
            Some(id) => self.session().act_as(id, action),
            None => self.session().act(action),
        };
        match result {
            Ok(()) => {
                self.notice = None;
                self.ui.picker = None;
                self.ui.prompt = 0;
                self.ui.prompt_hidden = false;
                self.ui.detail_scroll = 0;
                // A move made with the log in focus (a prompt answered after a look at the
                // log) hands the keyboard back to the hand, where the next move is chosen:
                // Enter would otherwise do nothing there.
                if self.ui.focus == Panel::Log {
                    self.ui.focus = Panel::Hand;
                    self.ui.log_scroll = 0;
                }
                self.sync();
            }
            Err(e) => self.notice = Some(e.to_string()),
        }
    }

    /// Plays the action `make` builds for the actor, or says why it cannot (`what` names it).
    pub(super) fn simple(&mut self, make: impl Fn(Seat) -> Action, what: &str) {
        let Some(seat) = self.actor() else {
            self.notice = Some(format!("You cannot {what} now: it is not your turn."));
            return;
        };
        let action = make(seat);
        if self.legal().contains(&action) {
            self.act(action);
        } else {
            self.notice = Some(format!("You cannot {what} now."));
        }
    }

    /// Takes back the shown seat's last action, or says why there is nothing to undo.
    pub(super) fn undo(&mut self) {
        if let Some(holder) = self.pen_elsewhere() {
            self.notice = Some(format!(
                "{holder} holds the pen: only they can take the seat's move back."
            ));
            return;
        }
        let humans = self.session().humans();
        let Some(seat) = humans
            .into_iter()
            .find(|s| Viewer::Seat(*s) == self.shown && self.session().check_undo(*s).is_ok())
        else {
            let why = match self.shown {
                Viewer::Seat(seat) => self
                    .session()
                    .check_undo(seat)
                    .err()
                    .map_or_else(String::new, |e| e.to_string()),
                _ => "only a person in a seat can undo".to_string(),
            };
            self.notice = Some(format!("Nothing to undo: {why}."));
            return;
        };
        self.act(Action::Undo { seat });
        if self.notice.is_none() {
            self.notice = Some("Your last action was taken back.".into());
        }
    }

    /// Saves the game now (a remote screen's game is saved by the server) and says where.
    pub(super) fn save(&mut self) {
        if self.role == Role::Remote {
            self.notice =
                Some("The server saves this game after every move: nothing is lost.".into());
            return;
        }
        let saved = self.session().save();
        self.notice = Some(match saved {
            Ok(path) => format!("Saved to {}.", path.display()),
            Err(e) => format!("Could not save: {e}"),
        });
    }
}
