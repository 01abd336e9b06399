//! Who may sit in a seat. Each seat of each table has a join code, drawn from the operating
//! system's randomness (never from the game's seed, which a room shares): six characters
//! from an alphabet with no look-alikes, easy to read aloud and type. Sitting in a seat, the
//! first time, to join its delegation or to take it back after a dropped link, needs its
//! code or a public key that sat there before (a key-authenticated login binds its key to the
//! seat it takes: each teammate's key, up to [`MAX_KEYS`]).
//!
//! The codes live only in the server's memory: a restarted server draws new ones (and prints
//! them), and keys are bound again as players sit.

use crate::engine::Seat;
use russh::keys::PublicKey;
use std::sync::Mutex;

/// The characters of a join code: capitals and digits without 0/O, 1/I/L.
pub const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/// How many characters a join code has.
pub const CODE_LENGTH: usize = 6;

/// The most keys bound to one seat: a delegation's worth and then some.
pub const MAX_KEYS: usize = 32;

/// Wrong codes one connection may type before the prompt stops taking them.
pub const MAX_WRONG_CODES: u32 = 8;

/// A fresh join code from the operating system's randomness.
pub fn new_code() -> String {
    let mut code = String::with_capacity(CODE_LENGTH);
    // Bytes past the last whole multiple of the alphabet are dropped, so every character is
    // equally likely.
    let limit = 256 - 256 % ALPHABET.len();
    while code.len() < CODE_LENGTH {
        let mut bytes = [0u8; 16];
        random_bytes(&mut bytes);
        for byte in bytes {
            if usize::from(byte) < limit && code.len() < CODE_LENGTH {
                code.push(char::from(ALPHABET[usize::from(byte) % ALPHABET.len()]));
            }
        }
    }
    code
}

/// A seed from the operating system's randomness (a lobby table's own game).
pub fn random_seed() -> u64 {
    let mut bytes = [0u8; 8];
    random_bytes(&mut bytes);
    u64::from_le_bytes(bytes)
}

/// Fills `bytes` from the operating system (or, should it fail, from the thread's generator,
/// itself seeded from the operating system).
fn random_bytes(bytes: &mut [u8]) {
    use rand::TryRng;
    if rand::rngs::SysRng.try_fill_bytes(bytes).is_err() {
        use rand::Rng;
        rand::rng().fill_bytes(bytes);
    }
}

/// A typed code as it is compared: in capitals, without spaces or dashes.
pub fn normalize(typed: &str) -> String {
    typed
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '-')
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// The locks on one table's seats: a code each, and the keys bound to each.
pub struct SeatLocks {
    codes: [String; 3],
    keys: Mutex<[Vec<PublicKey>; 3]>,
}

impl Default for SeatLocks {
    fn default() -> SeatLocks {
        SeatLocks::new()
    }
}

impl SeatLocks {
    /// New codes for every seat, and no key bound.
    pub fn new() -> SeatLocks {
        SeatLocks {
            codes: [new_code(), new_code(), new_code()],
            keys: Mutex::new(Default::default()),
        }
    }

    /// The seat's join code.
    pub fn code(&self, seat: Seat) -> &str {
        &self.codes[seat.index()]
    }

    /// Whether `typed` is the seat's code (case, spaces and dashes aside), compared without
    /// an early exit.
    pub fn code_matches(&self, seat: Seat, typed: &str) -> bool {
        let typed = normalize(typed);
        let code = self.codes[seat.index()].as_bytes();
        typed.len() == code.len()
            && typed
                .bytes()
                .zip(code)
                .fold(0u8, |acc, (x, y)| acc | (x ^ y))
                == 0
    }

    /// Whether `key` is one of the keys bound to the seat.
    pub fn key_matches(&self, seat: Seat, key: &PublicKey) -> bool {
        self.keys.lock().unwrap_or_else(|p| p.into_inner())[seat.index()]
            .iter()
            .any(|bound| bound.key_data() == key.key_data())
    }

    /// Binds `key` to the seat (a login that sat there with it, having shown the code or a
    /// bound key), beside those bound before, up to [`MAX_KEYS`].
    pub fn bind_key(&self, seat: Seat, key: &PublicKey) {
        let mut keys = self.keys.lock().unwrap_or_else(|p| p.into_inner());
        let bound = &mut keys[seat.index()];
        if bound.len() < MAX_KEYS && !bound.iter().any(|b| b.key_data() == key.key_data()) {
            bound.push(key.clone());
        }
    }
}

/// What one connection has shown towards sitting: its login key, the seats whose codes it
/// gave (as its password or at the prompt), and how many wrong codes it typed.
#[derive(Debug, Default)]
pub struct Passes {
    /// The key the connection logged in with.
    pub key: Option<PublicKey>,
    proven: Vec<(u32, Seat)>,
    /// Wrong codes typed so far.
    pub wrong: u32,
}

impl Passes {
    /// Records that the connection gave the code of `seat` at table `table`.
    pub fn prove(&mut self, table: u32, seat: Seat) {
        if !self.proven.contains(&(table, seat)) {
            self.proven.push((table, seat));
        }
    }

    /// Whether the connection gave the code of `seat` at table `table`.
    pub fn proved(&self, table: u32, seat: Seat) -> bool {
        self.proven.contains(&(table, seat))
    }

    /// Whether the connection may sit at `seat` of a table with these locks: it gave the
    /// seat's code, or logged in with a key bound to it.
    pub fn admits(&self, table: u32, seat: Seat, locks: &SeatLocks) -> bool {
        self.proved(table, seat)
            || self
                .key
                .as_ref()
                .is_some_and(|k| locks.key_matches(seat, k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_six_characters_of_the_alphabet_and_differ() {
        let codes: Vec<String> = (0..50).map(|_| new_code()).collect();
        for code in &codes {
            assert_eq!(code.len(), CODE_LENGTH);
            assert!(code.bytes().all(|b| ALPHABET.contains(&b)), "{code}");
        }
        let mut unique = codes.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), codes.len(), "fifty codes, no two alike");
    }

    #[test]
    fn a_code_is_matched_whatever_its_case_and_spacing() {
        let locks = SeatLocks::new();
        let code = locks.code(Seat::Afghanistan).to_string();
        let spaced = format!(" {}-{} ", &code[..3], &code[3..]).to_lowercase();
        assert!(locks.code_matches(Seat::Afghanistan, &code));
        assert!(locks.code_matches(Seat::Afghanistan, &spaced));
        assert!(!locks.code_matches(Seat::Afghanistan, &code[..5]));
        assert!(!locks.code_matches(Seat::Afghanistan, ""));
    }

    #[test]
    fn each_seat_has_its_own_code() {
        let locks = SeatLocks::new();
        assert_ne!(locks.code(Seat::Pakistan), locks.code(Seat::Afghanistan));
        let pakistan = locks.code(Seat::Pakistan).to_string();
        assert!(!locks.code_matches(Seat::Afghanistan, &pakistan));
    }

    #[test]
    fn a_pass_counts_at_its_own_table_and_seat_only() {
        let locks = SeatLocks::new();
        let mut passes = Passes::default();
        passes.prove(2, Seat::Pakistan);
        assert!(passes.admits(2, Seat::Pakistan, &locks));
        assert!(!passes.admits(1, Seat::Pakistan, &locks));
        assert!(!passes.admits(2, Seat::Afghanistan, &locks));
    }

    #[test]
    fn each_key_that_sat_is_bound_and_admits_without_the_code() {
        use russh::keys::{Algorithm, PrivateKey};
        let key = |_| {
            PrivateKey::random(&mut rand::rng(), Algorithm::Ed25519)
                .unwrap()
                .public_key()
                .clone()
        };
        let (first, second, third) = (key(1), key(2), key(3));
        let locks = SeatLocks::new();
        let mut passes = Passes {
            key: Some(first.clone()),
            ..Passes::default()
        };
        assert!(!passes.admits(1, Seat::Mediator, &locks), "not bound yet");
        locks.bind_key(Seat::Mediator, &first);
        assert!(passes.admits(1, Seat::Mediator, &locks));
        assert!(!passes.admits(1, Seat::Pakistan, &locks));
        passes.key = Some(second.clone());
        assert!(
            !passes.admits(1, Seat::Mediator, &locks),
            "a key that never sat there is not bound"
        );
        // A teammate who sat with the code binds their own key beside the first.
        locks.bind_key(Seat::Mediator, &second);
        locks.bind_key(Seat::Mediator, &second);
        assert!(passes.admits(1, Seat::Mediator, &locks));
        passes.key = Some(first);
        assert!(passes.admits(1, Seat::Mediator, &locks), "the first still");
        passes.key = Some(third);
        assert!(!passes.admits(1, Seat::Mediator, &locks));
    }
}
