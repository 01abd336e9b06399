//! Rules version 2: doing nothing has a price, and progress relieves pressure at home. A
//! delegation's turn without a move raises its own Pressure; a demand left unanswered past
//! its round costs Trust at each upkeep; a demand met relieves the delegation that made it.

use super::{Game, LogEvent, Meter, Seat, TableId};

impl Game {
    /// Version 2: a delegation whose demand is met is relieved at home.
    pub(super) fn relieve_the_demander(&mut self, demander: Seat) {
        if self.scenario.rules.version < 2 {
            return;
        }
        if let Some(pressure) = Meter::pressure_of(demander) {
            self.shift(pressure, -i32::from(self.scenario.rules.met_demand_relief));
        }
    }

    /// Version 2: a delegation that lets its whole turn pass pays at home.
    pub(super) fn idle_turn(&mut self, seat: Seat) {
        let Some(pressure) = Meter::pressure_of(seat).filter(|_| self.scenario.rules.version >= 2)
        else {
            return;
        };
        self.note(LogEvent::IdleTurn { seat });
        self.shift(pressure, i32::from(self.scenario.rules.idle_pressure));
    }

    /// Version 2, at upkeep: every demand left unanswered since an earlier round costs Trust.
    pub(super) fn demands_ignored(&mut self) {
        if self.scenario.rules.version < 2 {
            return;
        }
        let ignored: Vec<(TableId, Seat)> = self
            .demands
            .iter()
            .filter(|d| d.round < self.round)
            .map(|d| (d.id, d.to))
            .collect();
        for (id, to) in ignored {
            self.note(LogEvent::DemandIgnored { id, to });
            self.shift(
                Meter::Trust,
                -i32::from(self.scenario.rules.ignored_demand_trust),
            );
        }
    }
}
