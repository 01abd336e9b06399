//! Who is at a table and whether it runs: pauses, people away or not yet seated, briefs read,
//! and the decision clock's deadline.

use super::Session;
use crate::engine::Seat;

impl Session {
    /// Sets when the acting person's decision clock runs out (`None`: no clock).
    pub fn set_deadline(&mut self, deadline: Option<std::time::Instant>) {
        self.deadline = deadline;
    }

    /// When the acting person's decision clock runs out.
    pub fn deadline(&self) -> Option<std::time::Instant> {
        self.deadline
    }

    /// Pauses or resumes the table: while paused nobody, bot or person, can act.
    pub fn set_paused(&mut self, paused: bool) {
        self.paused = paused;
    }

    /// Whether the table is paused.
    pub fn paused(&self) -> bool {
        self.paused
    }

    /// Marks a remote seat's player as away (disconnected) or back.
    pub fn set_away(&mut self, seat: Seat, away: bool) {
        self.away[seat.index()] = away;
    }

    /// Records that `seat`'s person has read (and closed) its brief at this table.
    pub fn mark_briefed(&mut self, seat: Seat) {
        self.briefed[seat.index()] = true;
    }

    /// Whether `seat` has read its brief here, or has moved already: a reconnection then goes
    /// straight back to the table.
    pub fn was_briefed(&self, seat: Seat) -> bool {
        self.briefed[seat.index()] || self.game.actions().iter().any(|a| a.seat() == seat)
    }

    /// Marks a remote seat as open (nobody has taken it yet) or taken.
    pub fn set_open(&mut self, seat: Seat, open: bool) {
        self.open[seat.index()] = open;
    }

    /// Who plays `seat`, in a word or two: a bot's level, `human`, or for a remote seat
    /// `open seat` (nobody has taken it) or `away` (its player dropped).
    pub fn player(&self, seat: Seat) -> String {
        if self.open[seat.index()] {
            "open seat".to_string()
        } else if self.away[seat.index()] {
            "away".to_string()
        } else {
            self.controllers[seat.index()].to_string()
        }
    }

    /// Every seat's [`Session::player`].
    pub fn players(&self) -> [String; 3] {
        Seat::ALL.map(|seat| self.player(seat))
    }

    /// The seats nobody has taken yet.
    pub fn open_seats(&self) -> Vec<Seat> {
        Seat::ALL
            .into_iter()
            .filter(|s| self.open[s.index()])
            .collect()
    }

    /// The seats whose remote players are away.
    pub fn away(&self) -> Vec<Seat> {
        Seat::ALL
            .into_iter()
            .filter(|s| self.away[s.index()])
            .collect()
    }
}
