//! Fingerprints of a game: [`Game::digest`], a SHA-256 of a canonical encoding of the whole
//! state, and [`Game::legacy_digest`], the FNV hash that version-1 saves stored.
//!
//! The canonical encoding is JSON with object keys sorted byte-wise, no whitespace, integers
//! written in decimal and strings escaped as `serde_json` escapes them ([`canonical_json`]).
//! It depends only on the values: not on `std::hash::Hash`, the pointer width, the order of
//! a map or the order fields are declared in. The state is described field by field below,
//! so adding a field to [`Game`] changes nothing here until it is added on purpose.
//!
//! A digest is for catching corruption and accidental edits, not for authentication: anyone
//! can recompute it.

use super::game::{Phase, Prompt, Stats};
use super::{
    Action, Basket, BasketState, CardId, Commitment, Demand, EventId, Game, LogEntry, Meters,
    ObjectiveId, Outcome, Posture, Seat, TableId,
};
use serde::Serialize;
use serde_json::Value;
use sha2::Digest as _;
use std::fmt;

/// A SHA-256 digest: 32 bytes, shown as 64 lowercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Digest([u8; 32]);

impl Digest {
    /// The SHA-256 of `domain` (which says what is hashed, and in which version of the
    /// encoding), a newline, and the canonical JSON of `value`.
    pub fn of(domain: &str, value: &Value) -> Digest {
        let mut hasher = sha2::Sha256::new();
        hasher.update(domain.as_bytes());
        hasher.update(b"\n");
        hasher.update(canonical_json(value).as_bytes());
        Digest(hasher.finalize().into())
    }
}

impl fmt::Display for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.iter().try_for_each(|b| write!(f, "{b:02x}"))
    }
}

impl fmt::Debug for Digest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Digest({self})")
    }
}

/// `value` as canonical JSON: object keys sorted byte-wise, no whitespace, numbers and
/// strings as `serde_json` writes them. Two equal values always give the same text.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            out.push('{');
            for (i, (key, item)) in entries.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(item, out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        // Null, booleans, numbers and strings: serde_json's compact form is already canonical
        // for the integers and strings a game holds.
        scalar => out.push_str(&scalar.to_string()),
    }
}

/// The domain of [`Game::digest`]: what is hashed and the version of its description.
const STATE_DOMAIN: &str = "ceasefire game state v2";

/// The state as hashed: every field of [`Game`] but the scenario (a save covers its source).
#[derive(Serialize)]
struct State<'a> {
    seed: u64,
    rng: RngState,
    round: u8,
    phase: Phase,
    meters: Meters,
    capital: [u8; 3],
    piles: &'a [Vec<CardId>; 3],
    hands: &'a [Vec<CardId>; 3],
    discards: &'a [Vec<CardId>; 3],
    event_pile: &'a [EventId],
    event_discard: &'a [EventId],
    injects: &'a [EventId],
    current_event: Option<EventId>,
    objectives: [ObjectiveId; 3],
    demands: &'a [Demand],
    commitments: &'a [Commitment],
    baskets: [BasketState; 4],
    next_table_id: TableId,
    turn: u64,
    actions_used: u8,
    prompt: Option<PromptState>,
    postures: [Option<Posture>; 2],
    stats: Stats,
    meter_history: &'a [Meters],
    log: &'a [LogEntry],
    actions: &'a [Action],
    effective: &'a [(Action, u32)],
    outcome: Option<Outcome>,
    /// Only rules version 2 sets it, so version-1 games keep their digests.
    #[serde(skip_serializing_if = "Option::is_none")]
    consent_before: Option<(u8, bool)>,
    /// Only rules version 2 sets it, so version-1 games keep their digests.
    #[serde(skip_serializing_if = "Option::is_none")]
    accord: Option<&'a super::Implementation>,
    /// Only a scenario with actors has any, so games without keep their digests.
    #[serde(skip_serializing_if = "<[u8]>::is_empty")]
    actors: &'a [u8],
}

/// Where the generator is. The word position is a `u128`, written as a decimal string.
#[derive(Serialize)]
struct RngState {
    seed: String,
    stream: u64,
    word_pos: String,
}

/// [`Prompt`], as hashed.
#[derive(Serialize)]
#[serde(rename_all = "snake_case")]
enum PromptState {
    EventChoice {
        event: EventId,
        seat: Seat,
    },
    Consent {
        commitment: TableId,
        card: CardId,
    },
    Vote {
        seat: Seat,
    },
    Renew {
        seat: Seat,
    },
    Bridge {
        seat: Seat,
        demand: TableId,
        card: CardId,
    },
    Offer {
        seat: Seat,
        commitment: TableId,
    },
    Package {
        seat: Seat,
        card: CardId,
        ask: Basket,
    },
}

impl Game {
    /// A fingerprint of the whole state (every zone, meter, log entry, the action list and
    /// the generator's position): the SHA-256 of its canonical encoding, the same on every
    /// platform. Saves store it (inside their own digest) so a replay can prove it rebuilt
    /// the same game.
    pub fn digest(&self) -> Digest {
        let (rng_seed, stream, word_pos) = self.rng.position();
        let state = State {
            seed: self.seed,
            rng: RngState {
                seed: rng_seed.iter().map(|b| format!("{b:02x}")).collect(),
                stream,
                word_pos: word_pos.to_string(),
            },
            round: self.round,
            phase: self.phase,
            meters: self.meters,
            capital: self.capital,
            piles: &self.piles,
            hands: &self.hands,
            discards: &self.discards,
            event_pile: &self.event_pile,
            event_discard: &self.event_discard,
            injects: &self.injects,
            current_event: self.current_event,
            objectives: self.objectives,
            demands: &self.demands,
            commitments: &self.commitments,
            baskets: self.baskets,
            next_table_id: self.next_table_id,
            turn: self.turn as u64,
            actions_used: self.actions_used,
            prompt: self.prompt.map(|prompt| match prompt {
                Prompt::EventChoice { event, seat } => PromptState::EventChoice { event, seat },
                Prompt::Consent { commitment, card } => PromptState::Consent { commitment, card },
                Prompt::Vote { seat } => PromptState::Vote { seat },
                Prompt::Renew { seat } => PromptState::Renew { seat },
                Prompt::Bridge { seat, demand, card } => PromptState::Bridge { seat, demand, card },
                Prompt::Offer { seat, commitment } => PromptState::Offer { seat, commitment },
                Prompt::Package { seat, card, ask } => PromptState::Package { seat, card, ask },
            }),
            postures: self.postures,
            stats: self.stats,
            meter_history: &self.meter_history,
            log: &self.log,
            actions: &self.actions,
            effective: &self.effective,
            outcome: self.outcome,
            consent_before: self.consent_before,
            accord: self.accord.as_ref(),
            actors: &self.actors,
        };
        // Cannot fail: the state holds no map (so no non-string key) and no number wider
        // than 64 bits (the generator's word position is written as a string).
        let value = serde_json::to_value(&state).expect("a game state is plain data");
        Digest::of(STATE_DOMAIN, &value)
    }

    /// LEGACY, for version-1 saves only: FNV-1a over `std::hash::Hash` output, which writes
    /// lengths as `usize` and is not promised stable between Rust releases. Version-1 saves
    /// (written by 64-bit builds) store it as 16 hex digits; nothing new may use it.
    pub fn legacy_digest(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = Fnv64::default();
        self.seed.hash(&mut h);
        self.rng.position().hash(&mut h);
        (self.round, self.phase, self.meters, self.capital).hash(&mut h);
        (&self.piles, &self.hands, &self.discards).hash(&mut h);
        (
            &self.event_pile,
            &self.event_discard,
            &self.injects,
            self.current_event,
        )
            .hash(&mut h);
        (
            self.objectives,
            &self.demands,
            &self.commitments,
            self.baskets,
        )
            .hash(&mut h);
        (
            self.next_table_id,
            self.turn,
            self.actions_used,
            self.prompt,
        )
            .hash(&mut h);
        (self.postures, self.stats, &self.meter_history, &self.log).hash(&mut h);
        (&self.actions, &self.effective, self.outcome).hash(&mut h);
        h.finish()
    }
}

/// FNV-1a, 64 bits: the hash function of [`Game::legacy_digest`].
struct Fnv64(u64);

impl Default for Fnv64 {
    fn default() -> Fnv64 {
        Fnv64(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv64 {
    fn write(&mut self, bytes: &[u8]) {
        for byte in bytes {
            self.0 ^= u64::from(*byte);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn canonical_json_sorts_keys_at_every_depth_and_drops_whitespace() {
        let value: Value =
            serde_json::from_str(r#"{ "b": [ {"z": 1, "a": "x\"y"} ], "a": null, "é": true }"#)
                .unwrap();
        assert_eq!(
            canonical_json(&value),
            r#"{"a":null,"b":[{"a":"x\"y","z":1}],"é":true}"#
        );
    }

    #[test]
    fn the_digest_depends_on_the_domain_and_on_every_value() {
        let one = Digest::of("d", &json!({"a": [1, 2]}));
        assert_eq!(one, Digest::of("d", &json!({"a": [1, 2]})));
        assert_ne!(one, Digest::of("e", &json!({"a": [1, 2]})));
        assert_ne!(one, Digest::of("d", &json!({"a": [2, 1]})));
        assert_eq!(one.to_string().len(), 64);
    }

    #[test]
    fn sha256_of_a_known_input() {
        // SHA-256("d\n{}"), computed independently with `printf 'd\n{}' | sha256sum`.
        assert_eq!(
            Digest::of("d", &json!({})).to_string(),
            "9cef9f818dcd5ac14ad2b4e4f202e04a6137bc1a4cf885f4a19be17018319ada"
        );
    }
}
