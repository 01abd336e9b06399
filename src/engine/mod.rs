//! The rules of Ceasefire: a pure, deterministic state machine.
//!
//! The engine knows the rules and nothing else. It must never touch the outside world: no
//! files, no terminal, no clock, no threads, no global random generator. All chance comes
//! from the game's own seeded generator, so a scenario, a seed and a list of actions
//! reproduce a game bit for bit.
//!
//! The surface is small (see `ARCHITECTURE.md`): [`Game::new`], [`Game::to_act`],
//! [`Game::legal_actions`], [`Game::apply`], [`Game::view`], [`Game::outcome`],
//! [`Game::scores`]; [`Game::preview`] says what an action would do. The words that describe
//! actions and log events live here too ([`words`], [`LogEntry::describe`]), so a screen, a
//! save's name and a report say the same thing. Table talk ([`talk`]) is kept beside the
//! game: a message never changes it.

mod accord;
mod action;
mod actors;
mod caps;
mod comparison;
mod conditions;
mod content;
mod determinize;
pub mod digest;
mod game;
mod home;
mod ids;
mod implementation;
mod legal;
mod log;
mod meters;
mod milestones;
mod monitors;
mod names;
mod outcome;
mod packages;
mod passivity;
mod preview;
mod proposals;
mod recap;
mod redlines;
mod resolve;
pub mod rng;
mod round;
mod rulebook;
mod table;
pub mod talk;
mod view;
pub mod words;

pub use accord::AccordTerms;
pub use action::{Action, Decision, RuleError};
pub use actors::{Act, Actor, MAX_STRENGTH, PledgeReaction, strength_words};
pub use caps::{Cap, Capped, action_caps, card_caps};
pub use comparison::{Comparison, ComparisonItem, LogKind, ShownBy};
pub use conditions::{ActorBound, BasketNeed, FlagId, Requirements, Situation, Unmet};
pub use content::{
    Brief, Card, Condition, Effects, EventCard, EventChoice, EventOption, Hint, Member,
    MeterBounds, MeterTarget, Milestone, Objective, Rules, Scenario, Scoring, SeatNames,
    TargetKind, UnmetBound,
};
pub use digest::Digest;
pub use game::{Game, Phase, Stats};
pub use home::{Trigger, TriggerChange, insecurity_meter, ratification_words, walkout_breakdown};
pub use ids::{ActorId, CardId, EventId, MemberId, ObjectiveId, TableId};
pub use implementation::{Implementation, Renewable};
pub use legal::CardBlock;
pub use log::{LogEntry, LogEvent};
pub use meters::{Meter, Meters};
pub use milestones::Stage;
pub use monitors::MonitorKind;
pub use names::{Basket, CardKind, Posture, Seat};
pub use outcome::{Breakdown, Outcome, OutcomeKind, SeatScore};
pub use packages::PackageOffer;
pub use preview::{Preview, own_part};
pub use recap::{MeterMoves, Recap, RecapRound, recap};
pub use redlines::{Crossing, RedLine, RedLineCheck, RedLineRecord, RedLineRule};
pub use rulebook::{RuleSection, rulebook};
pub use table::{BasketState, Commitment, Demand};
pub use view::{SeatView, Viewer};
