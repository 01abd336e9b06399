//! Table talk at the play screen: the message line (opened by the message key, typed into,
//! sent with Enter, dropped with Esc), who speaks from this screen (the shown seat, or the
//! facilitator from the full view; a spectator only reads), the talk pane swapped in for the
//! log, and what this screen's viewer has not read yet. It changes the session only by
//! [`crate::table::Session::say`]; it must not draw.

use super::Play;
use crate::engine::talk::{self, Speaker};
use crate::engine::{Seat, Viewer};
use crate::tui::widgets::draft::Draft;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use std::time::Instant;

impl Play {
    /// Names the login this screen's person came in as (a server's connection), for the
    /// table talk: the facilitator mutes logins, and the rate of messages is counted by one.
    pub fn set_login(&mut self, login: impl Into<String>) {
        let login = login.into();
        self.session().met_login(&login);
        self.login = Some(login);
    }

    /// The screen of connection `conn`, which logged in as `user`: it goes by its own login
    /// at the table (see [`crate::table::Session::login_as`]), so two people on one seat's
    /// login are muted and counted apart. Returns that login.
    pub fn set_connection(&mut self, conn: u64, user: &str) -> String {
        let login = self.session().login_as(conn, user);
        self.login = Some(login.clone());
        login
    }

    /// The login this screen's person goes by at the table, if it came over the server.
    pub fn login(&self) -> Option<&str> {
        self.login.as_deref()
    }

    /// Who speaks from this screen: the seat it shows, or the facilitator from the full
    /// view; nobody for a spectator.
    pub(super) fn speaker(&self) -> Option<Speaker> {
        match self.shown {
            Viewer::Seat(seat) => Some(Speaker::Seat(seat)),
            Viewer::Facilitator => Some(Speaker::Facilitator),
            Viewer::Spectator => None,
        }
    }

    /// Whether a message is being typed.
    pub fn writing(&self) -> bool {
        self.ui.message.is_some()
    }

    /// The message key: opens the message line with the talk in view, or says why not
    /// (a spectator reads only; a muted login is told so).
    pub(super) fn open_message(&mut self) {
        if self.speaker().is_none() {
            self.notice = Some("Spectators read the table talk; only the seats speak.".into());
            return;
        }
        if let Some(login) = &self.login
            && self.session().is_muted(login)
        {
            self.notice = Some("The facilitator has muted you: your messages reach no one.".into());
            return;
        }
        self.notice = None;
        self.ui.prompt_hidden = true;
        self.ui.talk = true;
        self.ui.log_scroll = 0;
        self.ui.message = Some(Draft::with_limit(talk::MAX_CHARS));
    }

    /// The talk key: the talk in the log's panel, or the log again.
    pub(super) fn toggle_talk(&mut self) {
        self.ui.talk = !self.ui.talk;
        self.ui.log_scroll = 0;
    }

    /// A key typed on the message line: Enter sends (an empty line just closes), Esc drops
    /// the line, any other key edits it.
    pub(super) fn message_key(&mut self, key: KeyEvent) {
        match key.code {
            KeyCode::Esc => self.close_message(None),
            KeyCode::Enter => self.send_message(),
            code => {
                if let Some(draft) = &mut self.ui.message {
                    draft.key(code);
                }
            }
        }
    }

    /// Sends what the line holds: closed with a word on where it went (and what was changed
    /// in it), or kept open with the refusal, to be mended.
    fn send_message(&mut self) {
        let (Some(draft), Some(speaker)) = (&self.ui.message, self.speaker()) else {
            return;
        };
        let text = draft.text().to_string();
        if text.trim().is_empty() {
            self.close_message(None);
            return;
        }
        let login = self.login.clone();
        let sent = self
            .session()
            .say(speaker, login.as_deref(), &text, Instant::now());
        match sent {
            Ok(sent) => {
                let names = self.session().game().scenario().names.clone();
                let mut words = format!("Sent {}.", talk::audience_words(sent.to, speaker, &names));
                for note in sent.notes {
                    words.push_str(&format!(" {}{}.", note[..1].to_uppercase(), &note[1..]));
                }
                self.close_message(Some(words));
            }
            Err(why) if why.contains("muted") => self.close_message(Some(why)),
            Err(why) => self.notice = Some(why),
        }
    }

    /// Closes the message line, leaving `notice`; in hot-seat a curtain held back while the
    /// line was open comes down now.
    fn close_message(&mut self, notice: Option<String>) {
        self.ui.message = None;
        self.notice = notice;
        self.sync();
    }

    /// How many of the facilitator's messages this screen's viewer may read, and the last.
    pub(super) fn facilitator_words(&self) -> (usize, Option<String>) {
        let session = self.session();
        let said: Vec<&str> = session
            .messages()
            .iter()
            .filter(|m| m.from == Speaker::Facilitator && m.readable_by(self.shown))
            .map(|m| m.text.as_str())
            .collect();
        (said.len(), said.last().map(|text| talk::clean(text).text))
    }

    /// A new word from the facilitator (an announcement: "ten minutes left") is shown as the
    /// screen's notice too, so nobody misses it while the log is in view.
    pub(super) fn heed_facilitator(&mut self) {
        let (count, last) = self.facilitator_words();
        if count > self.facilitator_heard
            && self.shown != Viewer::Facilitator
            && let Some(text) = last
        {
            self.notice = Some(format!("✉ Facilitator: {text}"));
        }
        self.facilitator_heard = count;
    }

    /// How many messages this screen's viewer sees something of, and how many of them it
    /// has not had in view yet.
    pub(super) fn talk_counts(&self) -> (usize, usize) {
        let total = self.session().messages_for(self.shown).len();
        let read = self.talk_read.get()[self.talk_slot()];
        (total, total.saturating_sub(read))
    }

    /// How many messages wait unseen for `seat` that it may read (not those it is only told
    /// were sent privately between others): what the hot-seat curtain announces.
    pub(super) fn waiting_for(&self, seat: Seat) -> usize {
        let read = self.talk_read.get()[seat.index()];
        self.session()
            .messages_for(Viewer::Seat(seat))
            .iter()
            .skip(read)
            .filter(|m| m.readable_by(Viewer::Seat(seat)))
            .count()
    }

    /// Marks every message the viewer sees as read (the talk is on screen).
    pub(super) fn mark_talk_read(&self, total: usize) {
        let mut read = self.talk_read.get();
        read[self.talk_slot()] = total;
        self.talk_read.set(read);
    }

    /// Where the shown viewer's read count is kept: one a seat (several people may share a
    /// screen in hot-seat), one for anyone else.
    fn talk_slot(&self) -> usize {
        match self.shown {
            Viewer::Seat(seat) => seat.index(),
            _ => 3,
        }
    }
}
