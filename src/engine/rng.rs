//! The game's own seeded random generator.
//!
//! `rand`'s `ChaCha8Rng` is deterministic and portable but not `Clone`; a game must be
//! cloneable (search bots copy it thousands of times), so this wrapper clones by rebuilding
//! the generator from its seed, stream and word position, which reproduces it exactly.

use rand::SeedableRng;
use rand::rngs::ChaCha8Rng;

/// A seeded ChaCha8 generator that can be cloned and compared.
#[derive(Debug, PartialEq, Eq)]
pub struct GameRng(ChaCha8Rng);

impl GameRng {
    /// A generator seeded from a 64-bit game seed.
    pub fn from_seed(seed: u64) -> GameRng {
        GameRng(ChaCha8Rng::seed_from_u64(seed))
    }

    /// A whole number in `0..bound` (`bound` > 0), uniformly.
    pub fn below(&mut self, bound: u32) -> u32 {
        use rand::RngExt;
        self.0.random_range(0..bound)
    }

    /// A percentage roll in `1..=100`.
    pub fn percent(&mut self) -> u8 {
        (self.below(100) + 1) as u8
    }

    /// Where the generator is: its seed, stream and word position (for fingerprints).
    pub fn position(&self) -> ([u8; 32], u64, u128) {
        (
            self.0.get_seed(),
            self.0.get_stream(),
            self.0.get_word_pos(),
        )
    }

    /// Shuffles a slice in place (Fisher–Yates).
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        use rand::seq::SliceRandom;
        items.shuffle(&mut self.0);
    }
}

impl Clone for GameRng {
    fn clone(&self) -> GameRng {
        let mut copy = ChaCha8Rng::from_seed(self.0.get_seed());
        copy.set_stream(self.0.get_stream());
        copy.set_word_pos(self.0.get_word_pos());
        GameRng(copy)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clone_continues_the_same_sequence() {
        let mut original = GameRng::from_seed(7);
        for _ in 0..13 {
            original.below(1000);
        }
        let mut copy = original.clone();
        let a: Vec<u32> = (0..50).map(|_| original.below(1_000_000)).collect();
        let b: Vec<u32> = (0..50).map(|_| copy.below(1_000_000)).collect();
        assert_eq!(a, b);
    }

    #[test]
    fn different_seeds_differ() {
        let mut a = GameRng::from_seed(1);
        let mut b = GameRng::from_seed(2);
        let xs: Vec<u32> = (0..8).map(|_| a.below(1 << 30)).collect();
        let ys: Vec<u32> = (0..8).map(|_| b.below(1 << 30)).collect();
        assert_ne!(xs, ys);
    }
}
