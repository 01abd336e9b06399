//! Who may sit where: a seat's join code given as the login's password (`pakistan.2@` with
//! the code), typed at the join-code prompt, or a key bound to the seat. Joining a seat's
//! delegation takes the same as sitting in it alone. The room's shared password alone admits
//! to the lobby and to watching, never to a seat (unless the server runs with
//! `--open-seats`).

use super::Connection;
use super::auth::parse_user;
use super::router::{Origin, View};
use crate::engine::{Seat, Viewer};
use crate::server::Access;
use crate::server::join::JoinPrompt;
use crate::server::lobby::Lobby;
use crate::server::seats::MAX_WRONG_CODES;
use crate::server::tables::{Occupant, Table};
use russh::keys::PublicKey;
use std::sync::Arc;

impl Connection {
    /// Whether `password` is the join code of the seat `user` names (`afghanistan.2`): the
    /// code alone logs in to that seat. Not on a server that takes only keys.
    pub(super) fn seat_code_login(&mut self, user: &str, password: &str) -> bool {
        if matches!(self.shared.access, Access::Keys(_)) {
            return false;
        }
        let Some((Viewer::Seat(seat), number)) = parse_user(&user.to_ascii_lowercase()) else {
            return false;
        };
        let matches = self
            .shared
            .tables
            .get(number)
            .is_some_and(|table| table.locks.code_matches(seat, password));
        if matches {
            self.passes.prove(number, seat);
        }
        matches
    }

    /// Remembers the key the connection logged in with (bound to the first seat it takes).
    pub(super) fn remember_key(&mut self, key: &PublicKey) {
        self.passes.key = Some(key.clone());
    }

    /// Whether this connection may sit at `seat` without being asked for its code: the room
    /// runs with open seats, a bot plays the seat (the claim says so), the connection sits
    /// there already, or it gave the seat's code or holds a key bound to it. Joining a seat
    /// other people sit in (its delegation) asks the same as sitting in an empty one.
    pub(super) fn may_sit(&self, table: &Table, seat: Seat) -> bool {
        if !self.shared.tables.seats_locked() {
            return true;
        }
        match table.occupants()[seat.index()] {
            Occupant::Bot(_) => true,
            _ if table.seat_of(self.id) == Some(seat) => true,
            _ => self.passes.admits(table.id, seat, &table.locks),
        }
    }

    /// The join-code prompt in place of the seat.
    pub(super) fn ask_code(table: &Table, seat: Seat, origin: Origin) -> View {
        View::Lobby(Lobby::joining(
            JoinPrompt::new(table.id, seat, origin == Origin::Login)
                .with_seat_name(table.seat_name(seat)),
        ))
    }

    /// A key-authenticated login that sits binds its key to the seat (if none is bound yet):
    /// it comes back to the seat without the code.
    pub(super) fn bind_key(&self, table: &Table, seat: Seat) {
        if let Some(key) = &self.passes.key {
            table.locks.bind_key(seat, key);
        }
    }

    /// Leaves the seat this connection holds at `table` (it waits for them, as if the link
    /// had dropped, unless teammates carry on) for the lobby, which tells them the seat's
    /// join code when seats are claimed: they need it to come back from another login.
    pub(super) fn leave_to_lobby(&self, table: &Table) -> Lobby {
        let held = table.seat_of(self.id);
        table.leave(self.id);
        let mut lobby = Lobby::at_table(table.id, &self.shared.tables);
        if let Some(seat) = held.filter(|_| self.shared.tables.seats_locked()) {
            // Teammates still there carry on with the pen; an empty seat waits.
            let carries_on = !table.lock().team(seat).is_empty();
            let state = if carries_on {
                "your delegation carries on without you"
            } else {
                "it waits for you"
            };
            lobby.notice = Some(format!(
                "Your seat, {} at table {}: {state}. Its join code, should you log in again: \
                 {}.",
                table.seat_name(seat),
                table.id,
                table.locks.code(seat)
            ));
        }
        lobby
    }

    /// Tries `code` typed at the prompt for `seat` at table `number`: the right one seats the
    /// connection; a wrong one is refused with a message, and after too many the prompt stops
    /// taking them (each is logged).
    pub(super) fn enter_code(
        &mut self,
        number: u32,
        seat: Seat,
        code: &str,
        from_login: bool,
    ) -> Result<View, String> {
        let table: Arc<Table> = self
            .shared
            .tables
            .get(number)
            .ok_or_else(|| format!("table {number} has closed"))?;
        if self.passes.wrong >= MAX_WRONG_CODES {
            return Err(
                "Too many wrong codes: check the code with the facilitator, then log \
                        in again."
                    .to_string(),
            );
        }
        // Codes typed at the prompt are guesses like passwords: slowed by address too.
        if let Some(address) = self.address {
            let wait = self
                .shared
                .throttle
                .wait_left(address, std::time::Instant::now());
            if !wait.is_zero() {
                return Err(format!(
                    "Too many wrong passwords or codes from your address: try again in {} s.",
                    wait.as_secs().max(1)
                ));
            }
        }
        if !table.locks.code_matches(seat, code) {
            self.passes.wrong += 1;
            if let Some(address) = self.address {
                self.shared
                    .throttle
                    .failed(address, std::time::Instant::now());
            }
            tracing::info!(conn = self.id, user = %self.user, table = number, %seat, "wrong join code");
            return Err(format!(
                "That is not the join code for {} at table {number}: check it with the \
                 facilitator and type it again.",
                table.seat_name(seat)
            ));
        }
        self.passes.prove(number, seat);
        let origin = if from_login {
            Origin::Login
        } else {
            Origin::Lobby
        };
        self.sit_from(table, Viewer::Seat(seat), origin)
    }
}
