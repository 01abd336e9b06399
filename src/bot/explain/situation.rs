//! The motives a seat can name, read from public state only: Pressure at home and the lines
//! it nears, Trust against what a basket needs, the chance a pledge breaks, what an accord
//! needs. Nothing here looks at a hand, an objective or a brief.

use crate::engine::{
    Basket, Effects, Meter, MeterTarget, Rules, Scenario, Seat, SeatView, TableId,
};

/// The public state, as one seat reads it.
pub(super) struct Situation<'a> {
    /// What the seat can see (only its public parts are read).
    pub(super) view: &'a SeatView,
    /// The seat giving the reason.
    pub(super) seat: Seat,
}

impl<'a> Situation<'a> {
    /// The scenario.
    pub(super) fn scenario(&self) -> &'a Scenario {
        &self.view.scenario
    }

    /// The rule numbers.
    pub(super) fn rules(&self) -> &'a Rules {
        &self.view.scenario.rules
    }

    /// A meter's value.
    pub(super) fn meter(&self, meter: Meter) -> u8 {
        self.view.meters.get(meter)
    }

    /// Trust now.
    pub(super) fn trust(&self) -> u8 {
        self.meter(Meter::Trust)
    }

    /// The seat's own Pressure at home (`None` for the mediators).
    pub(super) fn pressure(&self) -> Option<u8> {
        Meter::pressure_of(self.seat).map(|m| self.meter(m))
    }

    /// The seat's political capital.
    pub(super) fn capital(&self) -> u8 {
        self.view.capital[self.seat.index()]
    }

    /// The other delegation (the mediators have none: Pakistan stands in, never shown).
    pub(super) fn rival(&self) -> Seat {
        self.seat.rival().unwrap_or(Seat::Pakistan)
    }

    /// What the scenario calls `seat` in every text.
    pub(super) fn name(&self, seat: Seat) -> &'a str {
        self.view.scenario.seat_name(seat)
    }

    /// "Pressure at home is 72 of 100", with the danger it nears when there is one.
    pub(super) fn home(&self) -> Option<String> {
        let pressure = self.pressure()?;
        Some(match self.home_danger() {
            Some(danger) => format!("Pressure at home is {pressure} of 100, and {danger}"),
            None => format!("Pressure at home is {pressure} of 100"),
        })
    }

    /// The line the seat's Pressure nears, in words: its walkout, its pull toward strikes, or
    /// the level where its conciliatory cards cost more. `None` when none is near.
    pub(super) fn home_danger(&self) -> Option<String> {
        let pressure = self.pressure()?;
        let rules = self.rules();
        let walkout = rules.walkout_of(self.seat);
        if let Some(line) = walkout.pressure.filter(|&l| l > 0 && pressure + 20 >= l) {
            return Some(format!(
                "at {line} with {} under {} it walks out",
                walkout.meter, walkout.below
            ));
        }
        if rules.escalation_pull.contains(&self.seat) {
            let pull = rules.pull_of(self.seat);
            let low = self.meter(pull.meter) < pull.below.saturating_add(10);
            if let Some(line) = pull.pressure.filter(|&l| low && pressure + 15 >= l) {
                return Some(format!(
                    "at {line} with {} under {} the pull to strike raises Escalation",
                    pull.meter, pull.below
                ));
            }
        }
        (pressure + 10 >= rules.surcharge_pressure).then(|| {
            format!(
                "at {} or more its conciliatory cards cost 1 more",
                rules.surcharge_pressure
            )
        })
    }

    /// Whether a pledge meeting a demand in `basket` now would agree it: open, and Trust with
    /// what a meeting brings reaching its threshold.
    pub(super) fn meeting_would_agree(&self, basket: Basket) -> bool {
        let trust = u16::from(self.trust()) + u16::from(self.rules().meet_trust);
        !self.agreed(basket) && trust >= u16::from(self.scenario().threshold(basket))
    }

    /// Whether `basket` is agreed.
    pub(super) fn agreed(&self, basket: Basket) -> bool {
        self.view.baskets[basket.index()].is_agreed()
    }

    /// Trust against what `basket` needs for a meeting: "at Trust 32 a met demand agrees it
    /// (needs 30)", "a met demand adds 3 Trust to 28, enough for the 30 it needs", or "Trust
    /// 24 is short of the 30 it needs".
    pub(super) fn trust_for(&self, basket: Basket) -> String {
        let (trust, needs) = (self.trust(), self.scenario().threshold(basket));
        if self.meeting_would_agree(basket) {
            self.agrees(basket, "a met demand")
                .replace(&basket.to_string(), "it")
        } else {
            format!("Trust {trust} is short of the {needs} it needs")
        }
    }

    /// How `what` (a met demand, a welcomed pledge) agrees `basket`, Trust permitting: "at
    /// Trust 32 a met demand agrees Security (needs 30)", or, when the Trust a meeting brings
    /// makes the difference, "a met demand adds 3 Trust to 28, enough for the 30 Security
    /// needs". Only for a basket a meeting would agree.
    pub(super) fn agrees(&self, basket: Basket, what: &str) -> String {
        let (trust, needs) = (self.trust(), self.scenario().threshold(basket));
        if trust >= needs {
            format!("at Trust {trust} {what} agrees {basket} (needs {needs})")
        } else {
            format!(
                "{what} adds {} Trust to {trust}, enough for the {needs} {basket} needs",
                self.rules().meet_trust
            )
        }
    }

    /// Why `basket` matters now: what an accord, or a durable peace, needs of it.
    pub(super) fn stake(&self, basket: Basket) -> String {
        let agreed = Basket::ALL.iter().filter(|&&b| self.agreed(b)).count();
        match basket {
            Basket::Security | Basket::Sovereignty => {
                format!("an accord needs {basket} agreed")
            }
            Basket::Verification => "a durable peace needs Verification agreed".to_string(),
            _ if agreed == 2 => "a third agreed basket completes an accord".to_string(),
            _ => "an accord needs a third agreed basket".to_string(),
        }
    }

    /// The credibility the seat's own pledges start from (its enforcement capacity).
    pub(super) fn own_enforcement(&self) -> u8 {
        self.scenario().enforcement[self.seat.index()]
    }

    /// "its pledges start at 60% credible, a 40% chance a round of breaking".
    pub(super) fn own_pledges(&self) -> String {
        let credible = self.own_enforcement();
        format!(
            "its pledges start at {credible}% credible, a {}% chance a round of breaking",
            100u8.saturating_sub(credible)
        )
    }

    /// The commitment with this id, if it stands.
    pub(super) fn commitment(&self, id: TableId) -> Option<&'a crate::engine::Commitment> {
        self.view.commitments.iter().find(|c| c.id == id)
    }

    /// The lowest threshold above Trust among the open baskets, with its basket.
    pub(super) fn next_threshold(&self) -> Option<(Basket, u8)> {
        Basket::ALL
            .into_iter()
            .filter(|&b| !self.agreed(b))
            .map(|b| (b, self.scenario().threshold(b)))
            .filter(|&(_, needs)| needs > self.trust())
            .min_by_key(|&(_, needs)| needs)
    }

    /// Trust in words, against the next thing it must reach: "Trust is 28 of 100 and
    /// Security needs 30", or "a durable peace needs 60".
    pub(super) fn trust_words(&self) -> String {
        let trust = self.trust();
        match self.next_threshold() {
            Some((basket, needs)) => format!("Trust is {trust} of 100 and {basket} needs {needs}"),
            None if trust < self.rules().durable_trust => format!(
                "Trust is {trust} of 100 and a durable peace needs {}",
                self.rules().durable_trust
            ),
            None => format!("Trust is {trust} of 100, and keeping it there holds the baskets"),
        }
    }

    /// The meter an effect target means for this seat.
    pub(super) fn meter_of(&self, target: MeterTarget) -> Option<Meter> {
        match target {
            MeterTarget::Fixed(meter) => Some(meter),
            MeterTarget::OwnPressure => Meter::pressure_of(self.seat),
            MeterTarget::RivalPressure => self.seat.rival().and_then(Meter::pressure_of),
        }
    }

    /// What `effects` do for the table, as the motive a negotiator would name: the need they
    /// answer that is most pressing now ("Escalation is 3 of 5 (open conflict at 5); this
    /// lowers it by 1"). `None` when they help nothing.
    pub(super) fn effect_motive(&self, effects: &Effects) -> Option<String> {
        effects
            .meters
            .iter()
            .filter_map(|&(target, delta)| {
                let meter = self.meter_of(target)?;
                self.need_met(meter, delta)
            })
            .max_by_key(|(urgency, _)| *urgency)
            .map(|(_, words)| words)
    }

    /// How pressing the need a change of `delta` to `meter` answers (0–100), and the words
    /// for it; `None` when the change helps nothing.
    fn need_met(&self, meter: Meter, delta: i8) -> Option<(u8, String)> {
        let now = self.meter(meter);
        let by = delta.unsigned_abs();
        let rules = self.rules();
        let helps = match meter {
            Meter::Escalation | Meter::PakistanPressure | Meter::AfghanistanPressure => delta < 0,
            _ => delta > 0,
        };
        if !helps {
            return None;
        }
        Some(match meter {
            Meter::Escalation => (
                now.saturating_mul(20).min(100),
                format!("Escalation is {now} of 5 (open conflict at 5); this lowers it by {by}"),
            ),
            Meter::Credibility => (
                100 - now.min(100),
                format!(
                    "the mediators' Credibility is {now} of 100 (they withdraw at 0); this adds {by}"
                ),
            ),
            Meter::PakistanPressure | Meter::AfghanistanPressure
                if Meter::pressure_of(self.seat) == Some(meter) =>
            {
                (
                    now,
                    format!("Pressure at home is {now} of 100; this eases it by {by}"),
                )
            }
            Meter::PakistanPressure | Meter::AfghanistanPressure => {
                let whose = Seat::DELEGATIONS
                    .into_iter()
                    .find(|&s| Meter::pressure_of(s) == Some(meter))
                    .unwrap_or(Seat::Pakistan);
                (
                    now,
                    format!(
                        "{}'s Pressure at home is {now} of 100; this eases it by {by}",
                        self.name(whose)
                    ),
                )
            }
            Meter::Trust => (
                100 - now.min(100),
                format!("{}; this adds {by}", self.trust_words()),
            ),
            Meter::Sovereignty => (
                100 - now.min(100),
                format!(
                    "Sovereignty is {now} of 100 (the Afghan walkout line is {}); this adds {by}",
                    rules.walkout_of(Seat::Afghanistan).below
                ),
            ),
            Meter::Security => (
                100 - now.min(100),
                format!(
                    "Security is {now} of 100 (under {} the pull to strike begins); this adds {by}",
                    rules.pull_security
                ),
            ),
            Meter::Border => (
                100 - now.min(100),
                format!("Border is {now} of 100 (crossings, trade and aid); this adds {by}"),
            ),
        })
    }

    /// What `effects` cost the table, in words ("Trust −4, Escalation +1"); `None` when
    /// nothing.
    pub(super) fn effect_costs(&self, effects: &Effects) -> Option<String> {
        let costs: Vec<String> = effects
            .meters
            .iter()
            .filter_map(|&(target, delta)| {
                let meter = self.meter_of(target)?;
                self.need_met(meter, delta)
                    .is_none()
                    .then(|| format!("{} {}", self.scenario().meter_name(meter), signed(delta)))
            })
            .collect();
        (!costs.is_empty()).then(|| costs.join(", "))
    }
}

/// A change with its sign, a true minus for a loss ("−4", "+1").
pub(super) fn signed(delta: i8) -> String {
    if delta < 0 {
        format!("−{}", delta.unsigned_abs())
    } else {
        format!("+{delta}")
    }
}

/// "a 40% chance a round of breaking" for a pledge `credibility`% credible.
pub(super) fn breaking(credibility: u8) -> String {
    format!(
        "at {credibility}% credible it has a {}% chance a round of breaking",
        100u8.saturating_sub(credibility)
    )
}

/// A small count in words ("three"), so counts are never mistaken for other numbers.
pub(super) fn count(n: usize) -> String {
    const WORDS: [&str; 11] = [
        "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    WORDS
        .get(n)
        .map_or_else(|| n.to_string(), |w| w.to_string())
}
