//! How long the seat to act at a table has been deciding, and how much of its decision clock
//! is used. Both stand still while the table is paused; both start again only when a seat
//! moves (not when the facilitator injects an event, sets the clock or someone reconnects),
//! and the clock also starts again when the facilitator sets it.
//!
//! The time itself comes from a [`Clock`]: the system's in a server, a [`ManualClock`] that
//! tests move by hand.

use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Where a server's tables read the time.
pub trait Clock: Send + Sync {
    /// The time now.
    fn now(&self) -> Instant;
}

/// The system's monotonic clock.
#[derive(Clone, Copy, Debug, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Instant {
        Instant::now()
    }
}

/// A clock that stands still until moved with [`ManualClock::advance`] (for tests).
#[derive(Debug)]
pub struct ManualClock {
    now: Mutex<Instant>,
}

impl ManualClock {
    /// A clock standing at the real time now.
    pub fn new() -> ManualClock {
        ManualClock {
            now: Mutex::new(Instant::now()),
        }
    }

    /// Moves the clock on by `by`.
    pub fn advance(&self, by: Duration) {
        *self.now.lock().unwrap_or_else(|p| p.into_inner()) += by;
    }
}

impl Default for ManualClock {
    fn default() -> ManualClock {
        ManualClock::new()
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Instant {
        *self.now.lock().unwrap_or_else(|p| p.into_inner())
    }
}

/// Time that runs except while the table is paused.
#[derive(Clone, Copy, Debug)]
struct Stopwatch {
    started: Instant,
    paused_for: Duration,
}

impl Stopwatch {
    fn start(now: Instant) -> Stopwatch {
        Stopwatch {
            started: now,
            paused_for: Duration::ZERO,
        }
    }

    /// The running time at `now`, given when the current pause (if any) began.
    fn elapsed(&self, now: Instant, paused_at: Option<Instant>) -> Duration {
        let end = paused_at.unwrap_or(now).max(self.started);
        end.saturating_duration_since(self.started)
            .saturating_sub(self.paused_for)
    }

    /// A pause that began at `paused_at` ended at `now`.
    fn resume(&mut self, paused_at: Instant, now: Instant) {
        self.paused_for += now.saturating_duration_since(paused_at.max(self.started));
    }
}

/// The timing of the decision a table is waiting for.
#[derive(Clone, Copy, Debug)]
pub struct DecisionTimer {
    moves: usize,
    paused_at: Option<Instant>,
    thinking: Stopwatch,
    clock: Stopwatch,
    /// The clock is held (no deadline) while the person to act reads their opening brief.
    held: bool,
}

impl DecisionTimer {
    /// A timer whose decision begins at `now`, after `moves` moves by the seats.
    pub fn new(now: Instant, moves: usize) -> DecisionTimer {
        DecisionTimer {
            moves,
            paused_at: None,
            thinking: Stopwatch::start(now),
            clock: Stopwatch::start(now),
            held: false,
        }
    }

    /// Holds the clock while `held` (a person reading their opening brief: the thinking time
    /// runs on); when the hold ends the clock starts again from `now`, a whole decision's time.
    pub fn hold_clock(&mut self, now: Instant, held: bool) {
        if self.held && !held {
            self.clock = Stopwatch::start(now);
        }
        self.held = held;
    }

    /// Brings the timer up to date with the table: a new count of moves starts a new
    /// decision; pausing stops both watches and resuming starts them again.
    pub fn observe(&mut self, now: Instant, moves: usize, paused: bool) {
        if moves != self.moves {
            self.moves = moves;
            self.thinking = Stopwatch::start(now);
            self.clock = Stopwatch::start(now);
            self.paused_at = paused.then_some(now);
            return;
        }
        match (paused, self.paused_at) {
            (true, None) => self.paused_at = Some(now),
            (false, Some(at)) => {
                self.thinking.resume(at, now);
                self.clock.resume(at, now);
                self.paused_at = None;
            }
            _ => {}
        }
    }

    /// The facilitator set or changed the clock: it counts from `now`.
    pub fn restart_clock(&mut self, now: Instant) {
        self.clock = Stopwatch::start(now);
    }

    /// How long the seat to act has been deciding, paused time left out.
    pub fn thinking(&self, now: Instant) -> Duration {
        self.thinking.elapsed(now, self.paused_at)
    }

    /// When a clock of `limit` per decision runs out; `None` while paused or held.
    pub fn deadline(&self, now: Instant, limit: Duration) -> Option<Instant> {
        if self.paused_at.is_some() || self.held {
            return None;
        }
        Some(now + limit.saturating_sub(self.clock.elapsed(now, None)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);

    #[test]
    fn a_held_clock_has_no_deadline_and_starts_whole_when_released() {
        let t0 = Instant::now();
        let mut timer = DecisionTimer::new(t0, 0);
        timer.hold_clock(t0, true);
        assert_eq!(timer.deadline(t0 + 50 * S, 30 * S), None);
        assert_eq!(timer.thinking(t0 + 50 * S), 50 * S, "thinking runs on");
        timer.hold_clock(t0 + 50 * S, false);
        assert_eq!(timer.deadline(t0 + 50 * S, 30 * S), Some(t0 + 80 * S));
    }

    #[test]
    fn thinking_counts_from_the_last_move_and_not_while_paused() {
        let t0 = Instant::now();
        let mut timer = DecisionTimer::new(t0, 3);
        assert_eq!(timer.thinking(t0 + 10 * S), 10 * S);
        timer.observe(t0 + 10 * S, 3, true);
        assert_eq!(
            timer.thinking(t0 + 70 * S),
            10 * S,
            "stands still while paused"
        );
        timer.observe(t0 + 70 * S, 3, false);
        assert_eq!(
            timer.thinking(t0 + 75 * S),
            15 * S,
            "runs on after the pause"
        );
        timer.observe(t0 + 80 * S, 3, false);
        assert_eq!(
            timer.thinking(t0 + 80 * S),
            20 * S,
            "other changes do not reset it"
        );
        timer.observe(t0 + 90 * S, 4, false);
        assert_eq!(
            timer.thinking(t0 + 91 * S),
            S,
            "a move starts a new decision"
        );
    }

    #[test]
    fn the_clock_keeps_its_time_over_a_pause_and_restarts_when_set() {
        let t0 = Instant::now();
        let limit = 30 * S;
        let mut timer = DecisionTimer::new(t0, 0);
        assert_eq!(timer.deadline(t0 + 10 * S, limit), Some(t0 + 30 * S));
        timer.observe(t0 + 10 * S, 0, true);
        assert_eq!(
            timer.deadline(t0 + 20 * S, limit),
            None,
            "no deadline while paused"
        );
        timer.observe(t0 + 110 * S, 0, false);
        assert_eq!(
            timer.deadline(t0 + 110 * S, limit),
            Some(t0 + 130 * S),
            "20 seconds were left at the pause"
        );
        timer.restart_clock(t0 + 120 * S);
        assert_eq!(timer.deadline(t0 + 120 * S, limit), Some(t0 + 150 * S));
        assert_eq!(
            timer.thinking(t0 + 120 * S),
            20 * S,
            "setting the clock is not a move"
        );
    }

    #[test]
    fn a_clock_set_during_a_pause_starts_when_the_pause_ends() {
        let t0 = Instant::now();
        let mut timer = DecisionTimer::new(t0, 0);
        timer.observe(t0 + 5 * S, 0, true);
        timer.restart_clock(t0 + 8 * S);
        timer.observe(t0 + 20 * S, 0, false);
        assert_eq!(timer.deadline(t0 + 20 * S, 30 * S), Some(t0 + 50 * S));
        assert_eq!(timer.thinking(t0 + 20 * S), 5 * S);
    }
}
