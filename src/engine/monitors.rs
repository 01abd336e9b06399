//! Kinds of monitoring a verification card may bring, and the refusals a seat's brief
//! declares.
//!
//! International and regional monitors go on the ground: on an Afghan pledge they need the
//! Afghan seat's consent (the first format's `intrusive = true` is international monitors).
//! Joint monitoring, teams formed with the pledging delegation, sends no foreign monitors:
//! nobody is asked, and it counts as no deployment.

use super::{Brief, Card, Scenario, Seat};
use serde::{Deserialize, Serialize};
use std::fmt;

/// A kind of monitoring.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MonitorKind {
    /// Monitors from outside the region (the UN, a contact group).
    International,
    /// Monitors from the region's own states or organisations.
    Regional,
    /// Teams formed with the pledging delegation: no foreign monitors on its soil.
    Joint,
}

impl MonitorKind {
    /// Every kind, in the order the names are listed.
    pub const ALL: [MonitorKind; 3] = [
        MonitorKind::International,
        MonitorKind::Regional,
        MonitorKind::Joint,
    ];

    /// The names a scenario writes.
    pub const NAMES: [&'static str; 3] = ["international", "regional", "joint"];

    /// The name a scenario writes for this kind.
    pub fn key(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The kind a scenario's name stands for, if any.
    pub fn from_key(key: &str) -> Option<MonitorKind> {
        Self::ALL.into_iter().find(|k| k.key() == key)
    }

    /// Whether monitors of this kind go on the ground, so that an Afghan pledge needs the
    /// Afghan seat's consent (international and regional; joint teams do not).
    pub fn on_the_ground(self) -> bool {
        self != MonitorKind::Joint
    }
}

impl fmt::Display for MonitorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MonitorKind::International => "international monitors",
            MonitorKind::Regional => "regional monitors",
            MonitorKind::Joint => "joint monitoring",
        })
    }
}

impl Card {
    /// Whether this verification card sends monitors onto the ground (international or
    /// regional), which on an Afghan pledge needs the Afghan seat's consent.
    pub fn sends_monitors(&self) -> bool {
        self.monitors.is_some_and(MonitorKind::on_the_ground)
    }
}

impl Scenario {
    /// Whether `seat`'s brief refuses monitoring of kind `kind` on its pledges.
    pub fn refuses_monitors(&self, seat: Seat, kind: MonitorKind) -> bool {
        self.briefs[seat.index()]
            .as_deref()
            .is_some_and(|b| b.refuses_monitors.contains(&kind))
    }

    /// Why `card` may not verify a pledge by `by`: the kind of its monitoring is one `by`'s
    /// brief refuses. `None` when nothing refuses it.
    pub fn monitors_refusal(&self, by: Seat, card: &Card) -> Option<MonitorKind> {
        card.monitors
            .filter(|&kind| self.refuses_monitors(by, kind))
    }
}

impl Brief {
    /// The kinds of monitoring the brief refuses, in words ("international monitors and
    /// joint monitoring"), or `None` when it refuses none.
    pub fn refused_monitors_words(&self) -> Option<String> {
        let words: Vec<String> = self
            .refuses_monitors
            .iter()
            .map(|k| k.to_string())
            .collect();
        match words.as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            [rest @ .., last] => Some(format!("{} and {last}", rest.join(", "))),
        }
    }
}
