//! The account of what happened since a seat's last turn: opened by itself when a person's
//! negotiation turn starts after others have moved (once a turn, never before the seat's
//! first turn), reopened with the recap key, scrolled, and closed by Enter, Esc, the recap
//! key or any other command (which then does what it does). It reads the game and changes
//! only the screen's state.

use super::Play;
use crate::engine::{Decision, Seat};
use crate::tui::keys::Command;

/// The account open over the table: whose, from where in the log, and how far scrolled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct RecapOpen {
    /// The seat it is for.
    pub seat: Seat,
    /// Where in the log it starts.
    pub start: usize,
    /// Rows scrolled down.
    pub scroll: u16,
}

impl Play {
    /// Opens the account for the person whose negotiation turn has just begun, when others
    /// have moved since their last one and it has not been shown this turn.
    pub(super) fn offer_recap(&mut self) {
        if self.recap.is_some() || self.brief_open || self.ui.picker.is_some() || self.writing() {
            return;
        }
        let Some(seat) = self.actor() else {
            return;
        };
        let (start, round) = {
            let session = self.session();
            let game = session.game();
            let starting = game.to_act() == Some((seat, Decision::Negotiate))
                && game.actions_used() == 0
                && self.recap_seen[seat.index()] != game.round();
            if !starting {
                return;
            }
            let Some(start) = game.recap_start(seat) else {
                return;
            };
            let recap = crate::engine::recap(game.scenario(), &game.log()[start..]);
            if recap.is_empty() {
                return;
            }
            (start, game.round())
        };
        self.recap_seen[seat.index()] = round;
        self.recap = Some(RecapOpen {
            seat,
            start,
            scroll: 0,
        });
    }

    /// The recap key: the shown seat's account since its last turn (from the start of the
    /// game before its first), or closes it when open.
    pub(super) fn toggle_recap(&mut self) {
        if self.recap.take().is_some() {
            return;
        }
        let crate::engine::Viewer::Seat(seat) = self.shown else {
            self.notice = Some("Only a seat has a last turn to tell about.".into());
            return;
        };
        let start = self.session().game().recap_start(seat).unwrap_or(0);
        self.recap = Some(RecapOpen {
            seat,
            start,
            scroll: 0,
        });
    }

    /// Keys on the open account: scrolling keeps it open; Enter, Esc and the recap key close
    /// it; any other command closes it and is then carried out (returns true when the key was
    /// used up here).
    pub(super) fn handle_recap(&mut self, command: Command) -> bool {
        let Some(open) = &mut self.recap else {
            return false;
        };
        let (max, page) = self.recap_limits.get();
        match command {
            Command::Up => open.scroll = open.scroll.min(max).saturating_sub(1),
            Command::Down => open.scroll = (open.scroll + 1).min(max),
            Command::PageUp => open.scroll = open.scroll.min(max).saturating_sub(page),
            Command::PageDown => open.scroll = open.scroll.saturating_add(page).min(max),
            Command::Home => open.scroll = 0,
            Command::End => open.scroll = max,
            Command::Confirm | Command::Back | Command::Recap => self.recap = None,
            _ => {
                self.recap = None;
                return false;
            }
        }
        true
    }

    /// The mouse wheel on the open account: three rows down (or up).
    pub(super) fn wheel_recap(&mut self, down: bool) -> bool {
        let Some(open) = &mut self.recap else {
            return false;
        };
        let (max, _) = self.recap_limits.get();
        open.scroll = if down {
            open.scroll.saturating_add(3).min(max)
        } else {
            open.scroll.min(max).saturating_sub(3)
        };
        true
    }
}
