//! Actors: parties at the border that hold no seat (an armed group, a local commander, a
//! hard-line caucus at home), each with a public strength of its own and simple rules that
//! act for it at every upkeep.
//!
//! An actor adds to the delegations' enforcement capacity, it does not replace it: pledges
//! are still tested against their credibility; an actor's acts break them outright, raise
//! the ladder, and are strengthened or weakened by cards, events and pledges kept or broken.
//! A scenario without actors draws nothing from the generator here, so it plays bit for bit
//! as it did before actors existed.

use super::{ActorId, Basket, Effects, Game, LogEvent, Requirements, Seat, TableId};
use serde::Serialize;

/// The highest strength an actor can have (the lowest is 0).
pub const MAX_STRENGTH: u8 = 100;

/// A party that is not a seat, as the scenario describes it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Actor {
    /// Unique id within the scenario (`armed_groups`).
    pub id: String,
    /// Display name ("Armed groups beyond Kabul's control").
    pub name: String,
    /// One or two sentences shown to players: who they are and what they want.
    pub about: String,
    /// Strength at the start, 0–100.
    pub strength: u8,
    /// Strength gained (or lost) at every upkeep, before the acts.
    pub drift: i8,
    /// The rules that act for it, checked in order at every upkeep.
    pub acts: Vec<Act>,
    /// What a delegation's pledges kept or broken do to its strength.
    pub pledges: Vec<PledgeReaction>,
}

/// One rule an actor follows: when its condition holds, with its chance, it acts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Act {
    /// What must hold for it to act (meters, rounds, baskets, flags, actors' strength).
    pub requires: Requirements,
    /// Percent chance it acts when `requires` holds; at 100 no number is drawn.
    pub chance: u8,
    /// What acting does: meters, actors' strength, flags (no seat acts, so no own pressure,
    /// capital or draws).
    pub effects: Effects,
    /// The newest standing commitment of this delegation (in this basket, if one is named)
    /// breaks, with every usual penalty.
    pub breaks: Option<(Seat, Option<Basket>)>,
    /// What happens, in plain words, for the log.
    pub text: String,
}

/// A change to an actor's strength when a delegation's pledge is kept or broken.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct PledgeReaction {
    /// The delegation whose pledges count.
    pub seat: Seat,
    /// Only pledges in this basket count (any basket when `None`).
    pub basket: Option<Basket>,
    /// Strength change when such a pledge is honoured (or, bound by an accord, implemented).
    pub honoured: i8,
    /// Strength change when such a pledge breaks.
    pub broken: i8,
}

impl PledgeReaction {
    /// Whether a pledge by `seat` in `basket` counts.
    fn covers(&self, seat: Seat, basket: Basket) -> bool {
        self.seat == seat && self.basket.is_none_or(|b| b == basket)
    }
}

impl Game {
    /// Every actor's strength now, by [`ActorId`] (public).
    pub fn actor_strengths(&self) -> &[u8] {
        &self.actors
    }

    /// Moves an actor's strength, clamped to 0–100, logging the change actually applied.
    pub(super) fn shift_actor(&mut self, actor: ActorId, delta: i32) {
        let Some(strength) = self.actors.get_mut(usize::from(actor)) else {
            return;
        };
        let before = i32::from(*strength);
        let after = (before + delta).clamp(0, i32::from(MAX_STRENGTH));
        *strength = after as u8;
        if after != before {
            self.note(LogEvent::ActorStrength {
                actor,
                delta: (after - before) as i8,
                now: after as u8,
            });
        }
    }

    /// The actors' step of the upkeep: each actor drifts, then its acts are checked in
    /// order; an act whose condition holds acts with its chance.
    pub(super) fn actors_act(&mut self) {
        let scenario = self.scenario.clone();
        for (index, actor) in scenario.actors.iter().enumerate() {
            let id = ActorId(index as u16);
            if actor.drift != 0 {
                self.shift_actor(id, i32::from(actor.drift));
            }
            for (number, act) in actor.acts.iter().enumerate() {
                if self.outcome.is_some() {
                    return;
                }
                if !act.requires.holds(&self.situation()) {
                    continue;
                }
                if act.chance < 100 && self.rng.percent() > act.chance {
                    continue;
                }
                self.note(LogEvent::ActorActed {
                    actor: id,
                    act: number as u8,
                });
                self.apply_effects(&act.effects, None);
                if let Some((seat, basket)) = act.breaks
                    && let Some(target) = self.newest_breakable(seat, basket)
                {
                    self.break_commitment(target);
                }
                self.check_breakdown();
            }
        }
    }

    /// The newest standing commitment of `seat` (in `basket`, if given) that spoilers can
    /// reach: not one kept for the accord and resting (an accord must bind it first).
    fn newest_breakable(&self, seat: Seat, basket: Option<Basket>) -> Option<TableId> {
        self.commitments
            .iter()
            .filter(|c| c.by == seat && basket.is_none_or(|b| b == c.basket))
            .filter(|c| !self.rests(c.id))
            .max_by_key(|c| c.id)
            .map(|c| c.id)
    }

    /// A pledge by `seat` in `basket` was kept (`honoured`) or broke: each actor that
    /// reacts to such pledges gains or loses strength.
    pub(super) fn actors_react(&mut self, seat: Seat, basket: Basket, honoured: bool) {
        let scenario = self.scenario.clone();
        for (index, actor) in scenario.actors.iter().enumerate() {
            let change: i32 = actor
                .pledges
                .iter()
                .filter(|p| p.covers(seat, basket))
                .map(|p| i32::from(if honoured { p.honoured } else { p.broken }))
                .sum();
            if change != 0 {
                self.shift_actor(ActorId(index as u16), change);
            }
        }
    }

    /// Applies the actor changes of `effects`.
    pub(super) fn apply_actor_effects(&mut self, effects: &Effects) {
        for &(actor, delta) in &effects.actors {
            self.shift_actor(actor, i32::from(delta));
        }
    }
}

/// An actor's strength in words, for screens and reports ("Armed groups beyond Kabul's
/// control 55").
pub fn strength_words(actor: &Actor, strength: u8) -> String {
    format!("{} {strength}", actor.name)
}
