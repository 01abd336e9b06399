//! Slowing password guessing, address by address: the first few failures from an address
//! cost nothing (a room mistyping a password must not lock itself out), then each attempt
//! from it waits its turn, and the wait doubles with every further failure up to a ceiling.
//! Attempts are checked one after another, so many connections from one address guess no
//! faster than one. Failures are forgotten after a quiet spell.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Failures from one address that cost nothing.
pub const FREE_FAILURES: u32 = 8;
/// The wait after the first failure past the free ones; it doubles with each one after.
pub const FIRST_WAIT: Duration = Duration::from_millis(500);
/// The longest wait between two attempts from one address.
pub const LONGEST_WAIT: Duration = Duration::from_secs(30);
/// Failures are forgotten after this long without one.
pub const FORGET_AFTER: Duration = Duration::from_secs(15 * 60);

/// What an attempt must do before its password is checked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Turn {
    /// Check it now.
    Now,
    /// Wait this long first (attempts before it from the same address go first).
    After(Duration),
    /// Refuse it unchecked: the queue from this address is already longer than a login may
    /// wait.
    Refused,
}

#[derive(Clone, Copy, Debug)]
struct Record {
    failures: u32,
    last_failure: Instant,
    /// When the next attempt from the address may be checked.
    next_turn: Instant,
}

/// Failed logins by address, and the turns they earn.
#[derive(Debug, Default)]
pub struct LoginThrottle {
    records: Mutex<HashMap<IpAddr, Record>>,
    failed_total: Mutex<u64>,
}

/// What the facilitator's console shows about failed logins.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Failures {
    /// Failed logins since the server started.
    pub total: u64,
    /// Addresses whose attempts are being slowed now.
    pub slowed: usize,
}

/// The wait earned by `failures` failures.
pub fn wait_for(failures: u32) -> Duration {
    let beyond = failures.saturating_sub(FREE_FAILURES);
    if beyond == 0 {
        return Duration::ZERO;
    }
    let doubled = FIRST_WAIT.saturating_mul(1u32 << (beyond - 1).min(16));
    doubled.min(LONGEST_WAIT)
}

impl LoginThrottle {
    fn records(&self) -> std::sync::MutexGuard<'_, HashMap<IpAddr, Record>> {
        self.records.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Books the turn of an attempt from `address` at `now`, at most `patience` ahead.
    pub fn turn(&self, address: IpAddr, now: Instant, patience: Duration) -> Turn {
        let mut records = self.records();
        let Some(record) = records.get_mut(&address) else {
            return Turn::Now;
        };
        if now.duration_since(record.last_failure) >= FORGET_AFTER {
            records.remove(&address);
            return Turn::Now;
        }
        let wait = wait_for(record.failures);
        if wait.is_zero() {
            return Turn::Now;
        }
        let turn = record.next_turn.max(now);
        if turn.duration_since(now) > patience {
            return Turn::Refused;
        }
        record.next_turn = turn + wait;
        match turn.duration_since(now) {
            d if d.is_zero() => Turn::Now,
            d => Turn::After(d),
        }
    }

    /// How long an attempt from `address` at `now` would wait for its turn, without booking
    /// one (for checks that cannot wait, such as a join code typed at a prompt).
    pub fn wait_left(&self, address: IpAddr, now: Instant) -> Duration {
        self.records()
            .get(&address)
            .map_or(Duration::ZERO, |record| {
                if now.duration_since(record.last_failure) >= FORGET_AFTER
                    || wait_for(record.failures).is_zero()
                {
                    Duration::ZERO
                } else {
                    record.next_turn.saturating_duration_since(now)
                }
            })
    }

    /// Records a failed attempt from `address`; returns the failures now counted for it.
    pub fn failed(&self, address: IpAddr, now: Instant) -> u32 {
        *self.failed_total.lock().unwrap_or_else(|p| p.into_inner()) += 1;
        let mut records = self.records();
        let record = records.entry(address).or_insert(Record {
            failures: 0,
            last_failure: now,
            next_turn: now,
        });
        if now.duration_since(record.last_failure) >= FORGET_AFTER {
            record.failures = 0;
        }
        record.failures += 1;
        record.last_failure = now;
        record.next_turn = record.next_turn.max(now + wait_for(record.failures));
        record.failures
    }

    /// Failed logins so far, and the addresses slowed at `now`.
    pub fn failures(&self, now: Instant) -> Failures {
        let total = *self.failed_total.lock().unwrap_or_else(|p| p.into_inner());
        let slowed = self
            .records()
            .values()
            .filter(|r| {
                now.duration_since(r.last_failure) < FORGET_AFTER && r.failures > FREE_FAILURES
            })
            .count();
        Failures { total, slowed }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATIENCE: Duration = Duration::from_secs(60);

    fn here() -> IpAddr {
        IpAddr::from([192, 0, 2, 7])
    }

    #[test]
    fn a_few_failures_cost_nothing() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..FREE_FAILURES {
            assert_eq!(throttle.turn(here(), now, PATIENCE), Turn::Now);
            throttle.failed(here(), now);
        }
        assert_eq!(throttle.failures(now).slowed, 0);
    }

    #[test]
    fn waits_double_past_the_free_failures_up_to_a_ceiling() {
        assert_eq!(wait_for(FREE_FAILURES), Duration::ZERO);
        assert_eq!(wait_for(FREE_FAILURES + 1), FIRST_WAIT);
        assert_eq!(wait_for(FREE_FAILURES + 2), FIRST_WAIT * 2);
        assert_eq!(wait_for(FREE_FAILURES + 3), FIRST_WAIT * 4);
        assert_eq!(wait_for(1_000), LONGEST_WAIT);
    }

    #[test]
    fn many_attempts_at_once_from_one_address_queue_one_after_another() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..FREE_FAILURES + 4 {
            throttle.failed(here(), now);
        }
        // Twenty connections guessing at the same moment: each waits for the one before.
        let mut waits = Vec::new();
        for _ in 0..20 {
            match throttle.turn(here(), now, PATIENCE) {
                Turn::After(wait) => waits.push(wait),
                Turn::Now => waits.push(Duration::ZERO),
                Turn::Refused => break,
            }
        }
        assert!(waits.windows(2).all(|w| w[1] > w[0]), "{waits:?}");
        assert!(waits.len() < 20, "the queue is capped by patience");
        assert!(*waits.last().unwrap() <= PATIENCE);
        // Another address is not slowed.
        assert_eq!(
            throttle.turn(IpAddr::from([192, 0, 2, 8]), now, PATIENCE),
            Turn::Now
        );
        assert_eq!(throttle.failures(now).slowed, 1);
    }

    #[test]
    fn the_right_password_after_a_thousand_failures_still_waits_its_turn() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..1_120 {
            throttle.failed(here(), now);
        }
        assert_ne!(throttle.turn(here(), now, PATIENCE), Turn::Now);
    }

    #[test]
    fn a_check_that_cannot_wait_learns_the_wait_without_booking_a_turn() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..FREE_FAILURES {
            throttle.failed(here(), now);
        }
        assert_eq!(throttle.wait_left(here(), now), Duration::ZERO);
        throttle.failed(here(), now);
        assert_eq!(throttle.wait_left(here(), now), FIRST_WAIT);
        assert_eq!(
            throttle.wait_left(here(), now),
            FIRST_WAIT,
            "nothing booked"
        );
        assert_eq!(throttle.wait_left(here(), now + FIRST_WAIT), Duration::ZERO);
    }

    #[test]
    fn failures_are_forgotten_after_a_quiet_spell() {
        let throttle = LoginThrottle::default();
        let now = Instant::now();
        for _ in 0..FREE_FAILURES + 5 {
            throttle.failed(here(), now);
        }
        let later = now + FORGET_AFTER;
        assert_eq!(throttle.turn(here(), later, PATIENCE), Turn::Now);
        assert_eq!(throttle.failures(later).slowed, 0);
        assert_eq!(throttle.failures(later).total, u64::from(FREE_FAILURES + 5));
    }
}
