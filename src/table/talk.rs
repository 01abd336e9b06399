//! Table talk at a table: the messages said so far, who may say more (the facilitator's
//! mutes, how often one login may send), and the bots' answers when spoken to. A message
//! never changes the game; it is kept in the save with its round and action. The time a
//! message is sent at is passed in.

use super::{Controller, Session};
use crate::engine::talk::{self, Audience, Message, Speaker};
use crate::engine::{Seat, Viewer};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::time::{Duration, Instant};

/// The most messages one login (or one seat at a local game) may send in [`RATE_WINDOW`].
pub const RATE_COUNT: usize = 5;
/// The window over which [`RATE_COUNT`] is counted.
pub const RATE_WINDOW: Duration = Duration::from_secs(10);
/// The most messages one table keeps (bots' answers included), so its save stays a few
/// megabytes at most however long the room talks.
pub const MAX_MESSAGES: usize = 5_000;

/// A table's talk: what was said, and what decides who may say more.
#[derive(Debug, Default)]
pub(super) struct Talk {
    /// Every message, in order.
    pub(super) messages: Vec<Message>,
    /// Logins the facilitator has muted.
    muted: BTreeSet<String>,
    /// When each sender's latest messages went out, within the rate window.
    recent: HashMap<String, VecDeque<Instant>>,
    /// Logins seen at this table (seated, or speaking), for the facilitator to mute.
    logins: BTreeSet<String>,
    /// The login each connection at the table goes by (see [`Session::login_as`]), while it
    /// is there.
    identities: BTreeMap<u64, String>,
    /// For each bot seat spoken to since its last move: where its answer in deeds goes.
    asked: [Option<Audience>; 3],
}

/// A message sent: who it went to, and what was changed in it on the way.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sent {
    /// Who it went to.
    pub to: Audience,
    /// What was changed in the text, in words (trimmed, control characters shown).
    pub notes: Vec<String>,
    /// How many bots answered at once.
    pub replies: usize,
}

impl Talk {
    /// The talk of a loaded save: its messages; nobody muted.
    pub(super) fn of(messages: Vec<Message>) -> Talk {
        Talk {
            messages,
            ..Talk::default()
        }
    }
}

impl Session {
    /// Every message said at this table, in order (private ones too: show each viewer only
    /// what [`Message::shown_to`] lets it see).
    pub fn messages(&self) -> &[Message] {
        &self.talk.messages
    }

    /// The messages `viewer` sees something of (the text, or that a private one was sent),
    /// in order.
    pub fn messages_for(&self, viewer: Viewer) -> Vec<&Message> {
        self.talk
            .messages
            .iter()
            .filter(|m| m.shown_to(viewer))
            .collect()
    }

    /// Says `line` at the table, from `from` (typed by `login`, over the server), at `now`.
    /// The line is cleaned (one line, control characters shown, at most
    /// [`talk::MAX_CHARS`]), addressed by its `@name` if it starts with one (else to the
    /// whole table), then kept and saved; a bot spoken to answers at once. Refused with a
    /// word why: a muted login, a seat a bot plays, a table holding [`MAX_MESSAGES`], a sender
    /// over [`RATE_COUNT`] messages in [`RATE_WINDOW`], an unknown `@name`, nothing to say.
    pub fn say(
        &mut self,
        from: Speaker,
        login: Option<&str>,
        line: &str,
        now: Instant,
    ) -> Result<Sent, String> {
        if let Some(login) = login {
            self.talk.logins.insert(login.to_string());
            if self.talk.muted.contains(login) {
                return Err(
                    "The facilitator has muted you: your messages reach no one.".to_string()
                );
            }
        }
        if let Speaker::Seat(seat) = from
            && self.controllers[seat.index()] != Controller::Human
        {
            return Err(format!(
                "{} is played by a bot: only its bot speaks for it.",
                self.game.scenario().seat_name(seat)
            ));
        }
        if self.talk.messages.len() >= MAX_MESSAGES {
            return Err(format!(
                "This table has kept {MAX_MESSAGES} messages, the most it holds: nothing more \
                 can be said here."
            ));
        }
        let cleaned = talk::clean(line);
        let names = &self.game.scenario().names;
        let addressed = talk::address(&cleaned.text, from, names)?;
        let (to, body) = (addressed.to, addressed.body.to_string());
        if from != Speaker::Facilitator {
            self.check_rate(from, login, now)?;
        }
        self.talk.messages.push(Message {
            round: self.game.round(),
            action: self.game.actions().len(),
            from,
            login: login.map(str::to_string),
            to,
            text: body.clone(),
        });
        let replies = self.bots_answer(from, to, &body);
        self.autosave();
        Ok(Sent {
            to,
            notes: cleaned.notes,
            replies,
        })
    }

    /// Counts a message from `from` (`login`) at `now`, or refuses it when that sender has
    /// sent [`RATE_COUNT`] within [`RATE_WINDOW`] already.
    fn check_rate(
        &mut self,
        from: Speaker,
        login: Option<&str>,
        now: Instant,
    ) -> Result<(), String> {
        let key = login.map_or_else(|| format!("seat {from}"), str::to_string);
        let recent = self.talk.recent.entry(key).or_default();
        while recent
            .front()
            .is_some_and(|&at| now.saturating_duration_since(at) >= RATE_WINDOW)
        {
            recent.pop_front();
        }
        if recent.len() >= RATE_COUNT {
            let wait = recent
                .front()
                .map_or(RATE_WINDOW, |&first| {
                    RATE_WINDOW.saturating_sub(now.saturating_duration_since(first))
                })
                .as_secs()
                .max(1);
            return Err(format!(
                "Slow down: at most {RATE_COUNT} messages in {} seconds; this one was not sent \
                 (try again in {wait} s).",
                RATE_WINDOW.as_secs()
            ));
        }
        recent.push_back(now);
        Ok(())
    }

    /// The bots spoken to by a message (privately, or named at the table) answer it; returns
    /// how many did. The facilitator's words are not for them to answer.
    fn bots_answer(&mut self, from: Speaker, to: Audience, body: &str) -> usize {
        let Speaker::Seat(speaker) = from else {
            return 0;
        };
        let public = self.game.view(Viewer::Spectator);
        let mut answered = 0;
        for seat in Seat::ALL.into_iter().filter(|&s| s != speaker) {
            if self.controllers[seat.index()] == Controller::Human
                || self.talk.messages.len() >= MAX_MESSAGES
            {
                continue;
            }
            let names = &self.game.scenario().names;
            let (spoken_to, answer_to) = match to {
                Audience::Seat(recipient) => (recipient == seat, Audience::Seat(speaker)),
                Audience::Table => (talk::mentions(body, seat, names), Audience::Table),
                Audience::Team(_) => (false, Audience::Table),
            };
            if !spoken_to {
                continue;
            }
            let last_reason = self
                .reasons
                .iter()
                .rev()
                .find(|r| r.seat == seat)
                .map(|r| r.text.as_str());
            let text = crate::bot::reply(&public, seat, body, last_reason);
            self.talk.messages.push(Message {
                round: self.game.round(),
                action: self.game.actions().len(),
                from: Speaker::Seat(seat),
                login: None,
                to: answer_to,
                text: talk::clean(&text).text,
            });
            self.talk.asked[seat.index()] = Some(answer_to);
            answered += 1;
        }
        answered
    }

    /// After a bot's move: if it was spoken to since its last one, it says what it did and
    /// why (its reason, which the log shows every seat) to whoever spoke to it.
    pub(super) fn bot_acted_on_words(&mut self, seat: Seat, reason: &str) {
        let Some(to) = self.talk.asked[seat.index()].take() else {
            return;
        };
        if self.talk.messages.len() >= MAX_MESSAGES {
            return;
        }
        let text = crate::bot::acted(self.game.scenario().seat_name(seat), reason);
        self.talk.messages.push(Message {
            round: self.game.round(),
            action: self.game.actions().len(),
            from: Speaker::Seat(seat),
            login: None,
            to,
            text: talk::clean(&text).text,
        });
    }

    /// Mutes or unmutes a login at this table: a muted login's messages reach no one, and
    /// it is told so when it tries.
    pub fn set_muted(&mut self, login: &str, muted: bool) {
        if muted {
            self.talk.muted.insert(login.to_string());
        } else {
            self.talk.muted.remove(login);
        }
    }

    /// Whether `login` is muted at this table.
    pub fn is_muted(&self, login: &str) -> bool {
        self.talk.muted.contains(login)
    }

    /// The logins muted at this table.
    pub fn muted(&self) -> Vec<String> {
        self.talk.muted.iter().cloned().collect()
    }

    /// Remembers that `login` is at this table (seated or watching), so the facilitator can
    /// mute it before it has said anything.
    pub fn met_login(&mut self, login: &str) {
        self.talk.logins.insert(login.to_string());
    }

    /// The login connection `conn`, which logged in as `user`, goes by at this table: `user`
    /// itself, or when another connection here goes by that already (two people typed
    /// `pakistan.2@`), `user #2`, `user #3`… the smallest number free. Each person is then
    /// muted, and their messages counted and marked, apart from the other. A connection
    /// keeps its login until it leaves the table ([`Session::forget_login`]); the login is
    /// then free for the next to come.
    pub fn login_as(&mut self, conn: u64, user: &str) -> String {
        if let Some(login) = self.talk.identities.get(&conn) {
            return login.clone();
        }
        let held = |login: &str| self.talk.identities.values().any(|l| l == login);
        let login = if held(user) {
            (2..)
                .map(|n| format!("{user} #{n}"))
                .find(|login| !held(login))
                .unwrap_or_else(|| user.to_string())
        } else {
            user.to_string()
        };
        self.talk.identities.insert(conn, login.clone());
        self.talk.logins.insert(login.clone());
        login
    }

    /// Where the connection going by `login` sits now, in words (`Pakistan: delegate 2`), so
    /// the facilitator can tell two people of one seat's login apart.
    pub fn seated_as(&self, login: &str) -> Option<String> {
        let (&conn, _) = self.talk.identities.iter().find(|(_, l)| *l == login)?;
        let seat = self.seat_of(conn)?;
        let member = self.team(seat).member(conn)?;
        Some(format!(
            "{}: {}",
            self.game.scenario().seat_name(seat),
            member.name
        ))
    }

    /// Connection `conn` left the table: the login it went by is free again.
    pub fn forget_login(&mut self, conn: u64) {
        self.talk.identities.remove(&conn);
    }

    /// The logins seen at this table, in order of name.
    pub fn logins(&self) -> Vec<String> {
        self.talk.logins.iter().cloned().collect()
    }
}
