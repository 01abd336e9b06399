//! The shared public meters and their ranges.

use serde::{Deserialize, Serialize};
use std::fmt;

/// One public meter. Pressure is kept per delegation, so it appears twice.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Meter {
    /// Mutual trust between the two delegations (0–100).
    Trust,
    /// How secure the Afghan side feels in its sovereignty (0–100).
    Sovereignty,
    /// Pakistan's security situation (0–100).
    Security,
    /// Crossings, trade and humanitarian flow (0–100).
    Border,
    /// The mediators' credibility and patience (0–100).
    Credibility,
    /// The escalation ladder (0 ceasefire holding … 5 open conflict).
    Escalation,
    /// Domestic hard-line pressure on the Pakistani delegation (0–100).
    PakistanPressure,
    /// Domestic hard-line pressure on the Afghan delegation (0–100).
    AfghanistanPressure,
}

impl Meter {
    /// Every meter, in index order.
    pub const ALL: [Meter; 8] = [
        Meter::Trust,
        Meter::Sovereignty,
        Meter::Security,
        Meter::Border,
        Meter::Credibility,
        Meter::Escalation,
        Meter::PakistanPressure,
        Meter::AfghanistanPressure,
    ];

    /// A dense index for per-meter arrays.
    pub fn index(self) -> usize {
        self as usize
    }

    /// The highest value the meter can take (the lowest is always 0).
    pub fn max(self) -> u8 {
        match self {
            Meter::Escalation => 5,
            _ => 100,
        }
    }

    /// The name used in scenario files (`pakistan_pressure`).
    pub fn key(self) -> &'static str {
        match self {
            Meter::Trust => "trust",
            Meter::Sovereignty => "sovereignty",
            Meter::Security => "security",
            Meter::Border => "border",
            Meter::Credibility => "credibility",
            Meter::Escalation => "escalation",
            Meter::PakistanPressure => "pakistan_pressure",
            Meter::AfghanistanPressure => "afghanistan_pressure",
        }
    }

    /// The domestic-pressure meter of a delegation seat.
    pub fn pressure_of(seat: super::Seat) -> Option<Meter> {
        match seat {
            super::Seat::Pakistan => Some(Meter::PakistanPressure),
            super::Seat::Afghanistan => Some(Meter::AfghanistanPressure),
            super::Seat::Mediator => None,
        }
    }
}

impl fmt::Display for Meter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Meter::Trust => "Trust",
            Meter::Sovereignty => "Sovereignty",
            Meter::Security => "Security",
            Meter::Border => "Border",
            Meter::Credibility => "Credibility",
            Meter::Escalation => "Escalation",
            Meter::PakistanPressure => "Pakistan pressure",
            Meter::AfghanistanPressure => "Afghan pressure",
        })
    }
}

/// The value of every meter; every write clamps into the meter's range.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Meters([u8; 8]);

impl Meters {
    /// Meters with the given values, each clamped into its range.
    pub fn new(values: [u8; 8]) -> Meters {
        let mut meters = Meters([0; 8]);
        for meter in Meter::ALL {
            meters.set(meter, i32::from(values[meter.index()]));
        }
        meters
    }

    /// The current value of a meter.
    pub fn get(&self, meter: Meter) -> u8 {
        self.0[meter.index()]
    }

    /// Sets a meter, clamped into its range.
    pub fn set(&mut self, meter: Meter, value: i32) {
        self.0[meter.index()] = value.clamp(0, i32::from(meter.max())) as u8;
    }

    /// Adds `delta` (clamped) and returns the change actually applied.
    pub fn add(&mut self, meter: Meter, delta: i32) -> i32 {
        let before = i32::from(self.get(meter));
        self.set(meter, before + delta);
        i32::from(self.get(meter)) - before
    }

    /// All values in index order.
    pub fn values(&self) -> [u8; 8] {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn add_clamps_and_reports_the_applied_change() {
        let mut meters = Meters::new([50, 50, 50, 50, 50, 4, 50, 50]);
        assert_eq!(meters.add(Meter::Trust, 70), 50);
        assert_eq!(meters.get(Meter::Trust), 100);
        assert_eq!(meters.add(Meter::Escalation, 3), 1);
        assert_eq!(meters.get(Meter::Escalation), 5);
        assert_eq!(meters.add(Meter::Border, -80), -50);
        assert_eq!(meters.get(Meter::Border), 0);
    }

    #[test]
    fn new_clamps_escalation_to_five() {
        assert_eq!(
            Meters::new([0, 0, 0, 0, 0, 9, 0, 0]).get(Meter::Escalation),
            5
        );
    }
}
