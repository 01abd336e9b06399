//! The end of a game at the play screen: the last table seen, the reflection prompts (with
//! the hot-seat handover between people), typing the answers, and the debrief's keys
//! (scroll, rematch, back to the title). It must not draw: `view` does.

use super::{Play, Role};
use crate::engine::{Seat, Viewer};
use crate::tui::app::Step;
use crate::tui::keys::Command;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

impl Play {
    /// The reflection prompt a person at this screen should answer now, once the game is
    /// over: the seat, the prompt, and which of how many it is. Each member of a delegation
    /// answers for themselves, under their name (see [`Play::reflector`]).
    pub fn reflecting(&self) -> Option<(Seat, String, usize, usize)> {
        if self.at_the_last_table() {
            return None;
        }
        let by = self.reflector();
        let session = self.session();
        let seats = match (self.role, self.shown) {
            (Role::Remote, Viewer::Seat(seat)) => vec![seat],
            (Role::Remote, _) => Vec::new(),
            (Role::Local, _) => session.humans(),
        };
        seats.into_iter().find_map(|seat| {
            let total = session.game().scenario().reflection_for(seat).count();
            let left = session.unanswered_by(seat, by.as_deref());
            let prompt = left.first()?.clone();
            Some((seat, prompt, total - left.len() + 1, total))
        })
    }

    /// The name this screen's person answers the reflections under: their name in their
    /// seat's delegation, over a server; `None` at a game on one machine.
    pub fn reflector(&self) -> Option<String> {
        let (Viewer::Seat(seat), Some(me)) = (self.shown, self.member()) else {
            return None;
        };
        let session = self.session();
        session.team(seat).member(me).map(|m| m.name.clone())
    }

    /// Whether the game is over but its final table (the last postures, the last tests of
    /// the commitments) is still on screen, waiting for Enter.
    pub fn at_the_last_table(&self) -> bool {
        !self.end_seen && self.session().game().outcome().is_some()
    }

    /// In hot-seat, the seat whose reflection waits for the keyboard to be passed to it, so
    /// nobody reads or types another person's answers.
    pub(super) fn reflection_handover(&self) -> Option<Seat> {
        let (seat, ..) = self.reflecting()?;
        let shared = self.role == Role::Local && self.session().humans().len() > 1;
        (shared && self.reflection_seat != Some(seat)).then_some(seat)
    }

    /// Whether keys are being typed as text (a message, a reflection) rather than commands.
    pub fn typing(&self) -> bool {
        self.writing() || (self.reflecting().is_some() && self.reflection_handover().is_none())
    }

    /// Takes a typed key: on the message line, see `message_key`; on a reflection, `Enter`
    /// keeps the answer and goes on, `Esc` keeps it and skips this seat's remaining prompts,
    /// any other key edits the answer.
    pub fn type_key(&mut self, key: KeyEvent) {
        if self.writing() {
            self.message_key(key);
            return;
        }
        let Some((seat, prompt, _, _)) = self.reflecting() else {
            return;
        };
        let by = self.reflector();
        let by = by.as_deref();
        match key.code {
            KeyCode::Enter => {
                let answer = self.draft.take();
                self.session().reflect_as(seat, by, &prompt, &answer);
            }
            KeyCode::Esc => {
                // What was typed so far is kept as this prompt's answer; the rest are skipped.
                let answer = self.draft.take();
                let mut session = self.session();
                session.reflect_as(seat, by, &prompt, &answer);
                for prompt in session.unanswered_by(seat, by) {
                    session.reflect_as(seat, by, &prompt, "");
                }
            }
            code => self.draft.key(code),
        }
    }

    /// Scrolls the debrief down by `lines`, stopping at its end.
    pub(super) fn scroll_debrief(&mut self, lines: u16) {
        self.debrief_scroll = (self.debrief_scroll + lines).min(self.debrief_max.get());
    }

    /// Keys on the debrief: scrolling, back to the title, a rematch with seats rotated.
    pub(super) fn handle_debrief(&mut self, command: Command) -> Step {
        match command {
            Command::Down => self.scroll_debrief(1),
            Command::Up => self.debrief_scroll = self.debrief_scroll.saturating_sub(1),
            Command::PageDown => self.scroll_debrief(10),
            Command::PageUp => self.debrief_scroll = self.debrief_scroll.saturating_sub(10),
            Command::Home => self.debrief_scroll = 0,
            Command::End => self.debrief_scroll = self.debrief_max.get(),
            // Over ssh there is no title screen to go back to: only q leaves (and asks).
            Command::Confirm | Command::Back if self.role == Role::Local => return Step::Title,
            Command::Rematch if self.role == Role::Local => {
                let session = self.session().rematch();
                // At one keyboard nothing on screen shows the seats moved: say who goes where.
                let notice = rematch_notice(session.game().scenario());
                let mut play = Play::with_session(session, self.speed);
                play.notice = Some(notice);
                return Step::Play(Box::new(play));
            }
            _ => {}
        }
        Step::Stay
    }
}

/// Who argues which case after a rematch with the seats rotated, by the scenario's names.
fn rematch_notice(scenario: &crate::engine::Scenario) -> String {
    let whose = |seat: Seat| match scenario.seat_name(seat) {
        "Mediator" if seat == Seat::Mediator => "the mediators'".to_string(),
        name => format!("{name}'s"),
    };
    let (pakistan, afghanistan, mediator) = (
        whose(Seat::Pakistan),
        whose(Seat::Afghanistan),
        whose(Seat::Mediator),
    );
    format!(
        "Rematch, seats rotated: {pakistan} player now argues {afghanistan} case, {afghanistan} \
         {mediator}, {mediator} {pakistan}. Same seed: the same events and secret objectives."
    )
}
