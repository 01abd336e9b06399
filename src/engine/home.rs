//! The rules that name a seat: who feels the pull toward unilateral operations, what makes
//! each delegation walk out, and what signing the accord costs or brings each one at home.
//!
//! Every scenario gets today's rules unless it says otherwise in `[rules]`: only Pakistan
//! feels the pull (Security low, its own pressure high), the Afghan delegation walks out when
//! Sovereignty collapses and the Pakistani one when Security collapses under top pressure,
//! and ratification changes nothing.

use super::{
    Breakdown, Effects, Game, LogEvent, Meter, MeterTarget, Meters, Outcome, Rules, Scenario, Seat,
};
use serde::Serialize;

/// A scenario's change to one part of a seat's trigger; what it leaves out keeps the seat's
/// default (see [`Rules::pull_of`] and [`Rules::walkout_of`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct TriggerChange {
    /// The meter whose fall sets it off.
    pub meter: Option<Meter>,
    /// The line that meter must fall below.
    pub below: Option<u8>,
    /// The seat's own pressure at or above which it counts (0: whatever the pressure).
    pub pressure: Option<u8>,
}

/// A seat's trigger resolved: `meter` below `below`, with the seat's own pressure at or
/// above `pressure` when there is one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Trigger {
    /// The delegation it acts for.
    pub seat: Seat,
    /// The meter whose fall sets it off.
    pub meter: Meter,
    /// The line that meter must fall below.
    pub below: u8,
    /// The seat's own pressure at or above which it counts; `None`: whatever the pressure.
    pub pressure: Option<u8>,
}

impl Trigger {
    /// Whether the meters set it off now.
    pub fn fires(&self, meters: &Meters) -> bool {
        let pressed = match (self.pressure, Meter::pressure_of(self.seat)) {
            (Some(line), Some(pressure)) => meters.get(pressure) >= line,
            _ => true,
        };
        meters.get(self.meter) < self.below && pressed
    }

    fn changed(self, change: Option<&TriggerChange>) -> Trigger {
        let Some(change) = change else {
            return self;
        };
        Trigger {
            meter: change.meter.unwrap_or(self.meter),
            below: change.below.unwrap_or(self.below),
            pressure: change.pressure.or(self.pressure),
            ..self
        }
    }
}

/// The change named for `seat` in `changes`, if any.
fn change_for(changes: &[(Seat, TriggerChange)], seat: Seat) -> Option<&TriggerChange> {
    changes.iter().find(|(s, _)| *s == seat).map(|(_, c)| c)
}

/// The meter a delegation's security is read from by default: Security for Pakistan (attacks
/// from across the border), Sovereignty for Afghanistan (strikes and incursions on its soil).
pub fn insecurity_meter(seat: Seat) -> Meter {
    match seat {
        Seat::Afghanistan => Meter::Sovereignty,
        _ => Meter::Security,
    }
}

impl Rules {
    /// What makes `seat` feel the pull toward unilateral operations: by default its
    /// [`insecurity_meter`] below `pull_security`, with its own pressure at `pull_pressure`
    /// or more; `[rules.pull.<seat>]` changes any part.
    pub fn pull_of(&self, seat: Seat) -> Trigger {
        Trigger {
            seat,
            meter: insecurity_meter(seat),
            below: self.pull_security,
            pressure: Some(self.pull_pressure),
        }
        .changed(change_for(&self.pull_changes, seat))
    }

    /// The pulls in force, in the order `escalation_pull` lists their seats.
    pub fn pulls(&self) -> impl Iterator<Item = Trigger> + '_ {
        self.escalation_pull.iter().map(|&seat| self.pull_of(seat))
    }

    /// What makes `seat` walk out: by default Sovereignty below `walkout_sovereignty` for
    /// Afghanistan, Security below `walkout_security` with pressure at `walkout_pressure` or
    /// more for Pakistan; `[rules.walkout.<seat>]` changes any part.
    pub fn walkout_of(&self, seat: Seat) -> Trigger {
        let default = match seat {
            Seat::Afghanistan => Trigger {
                seat,
                meter: Meter::Sovereignty,
                below: self.walkout_sovereignty,
                pressure: None,
            },
            _ => Trigger {
                seat,
                meter: Meter::Security,
                below: self.walkout_security,
                pressure: Some(self.walkout_pressure),
            },
        };
        default.changed(change_for(&self.walkout_changes, seat))
    }

    /// Both delegations' walkout rules, in the order they are checked (Afghan first).
    pub fn walkouts(&self) -> [Trigger; 2] {
        [
            self.walkout_of(Seat::Afghanistan),
            self.walkout_of(Seat::Pakistan),
        ]
    }

    /// What signing the accord does to `seat` at home (empty when nothing).
    pub fn ratification_of(&self, seat: Seat) -> Option<&Effects> {
        self.ratification
            .iter()
            .find(|(s, e)| *s == seat && !e.is_empty())
            .map(|(_, e)| e)
    }
}

/// The breakdown a delegation's walkout is.
pub fn walkout_breakdown(seat: Seat) -> Breakdown {
    match seat {
        Seat::Afghanistan => Breakdown::AfghanWalkout,
        _ => Breakdown::PakistaniWalkout,
    }
}

impl Outcome {
    /// Why it ended this way under `rules`: [`Outcome::explanation`], except that a walkout
    /// a scenario moved to another meter names the meter and its line. Seats go by their
    /// usual names; [`Outcome::explanation_for`] uses a scenario's.
    pub fn explanation_in(self, rules: &Rules) -> String {
        self.explained(rules, &super::SeatNames::default())
    }

    /// [`Outcome::explanation_in`] under the scenario's rules, with its names for the seats.
    pub fn explanation_for(self, scenario: &super::Scenario) -> String {
        self.explained(&scenario.rules, &scenario.names)
    }

    fn explained(self, rules: &Rules, names: &super::SeatNames) -> String {
        let seat = match self {
            Outcome::Breakdown(Breakdown::AfghanWalkout) => Seat::Afghanistan,
            Outcome::Breakdown(Breakdown::PakistaniWalkout) => Seat::Pakistan,
            _ => return self.explanation().to_string(),
        };
        let trigger = rules.walkout_of(seat);
        let usual = match seat {
            Seat::Afghanistan => Meter::Sovereignty,
            _ => Meter::Security,
        };
        if trigger.meter == usual {
            return self.explanation().to_string();
        }
        let who = match seat {
            Seat::Afghanistan => "Afghan",
            _ => "Pakistani",
        };
        let pressed = match trigger.pressure {
            Some(line) if line > 0 => format!(
                " with {}'s pressure at {line} or more",
                names.seats[seat.index()]
            ),
            _ => String::new(),
        };
        format!(
            "{} fell below {}{pressed}: the {who} delegation walked out.",
            trigger.meter, trigger.below
        )
    }
}

/// The words for a ratification's effects: "Pakistan pressure +10, Trust −3".
pub fn ratification_words(scenario: &Scenario, seat: Seat, effects: &Effects) -> String {
    let mut parts: Vec<String> = effects
        .meters
        .iter()
        .filter_map(|&(target, delta)| {
            let meter = match target {
                MeterTarget::Fixed(meter) => Some(meter),
                MeterTarget::OwnPressure => Meter::pressure_of(seat),
                MeterTarget::RivalPressure => seat.rival().and_then(Meter::pressure_of),
            }?;
            Some(format!("{} {}", scenario.meter_name(meter), signed(delta)))
        })
        .collect();
    if effects.capital != 0 {
        parts.push(format!("political capital {}", signed(effects.capital)));
    }
    parts.join(", ")
}

fn signed(delta: i8) -> String {
    match delta {
        d if d < 0 => format!("−{}", -i32::from(d)),
        d => format!("+{d}"),
    }
}

impl Game {
    /// Upkeep: each seat `escalation_pull` lists whose trigger fires raises Escalation by one.
    pub(super) fn unilateral_pulls(&mut self) {
        let pulls: Vec<Trigger> = self.scenario.rules.pulls().collect();
        for pull in pulls {
            if !pull.fires(&self.meters) {
                continue;
            }
            // Pakistan pulled by Security is logged as it always was, so older games replay
            // to the same log.
            if pull.seat == Seat::Pakistan && pull.meter == Meter::Security {
                self.note(LogEvent::UnilateralPull);
            } else {
                self.note(LogEvent::SeatPulled {
                    seat: pull.seat,
                    meter: pull.meter,
                });
            }
            self.shift(Meter::Escalation, 1);
        }
    }

    /// The walkout the meters set off now, if any (Afghan first).
    pub(super) fn walkout(&self) -> Option<Breakdown> {
        self.scenario
            .rules
            .walkouts()
            .iter()
            .find(|w| w.fires(&self.meters))
            .map(|w| walkout_breakdown(w.seat))
    }

    /// On signing: each delegation's ratification at home, Pakistan first.
    pub(super) fn ratify(&mut self) {
        let scenario = self.scenario.clone();
        for seat in Seat::DELEGATIONS {
            if let Some(effects) = scenario.rules.ratification_of(seat) {
                self.note(LogEvent::Ratified { seat });
                self.apply_effects(effects, Some(seat));
            }
        }
    }
}
