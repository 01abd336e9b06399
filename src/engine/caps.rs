//! What a cap would waste of a card: a meter already at its top or bottom (Trust 100,
//! Escalation 0), a commitment already near the most credibility a pledge can have, a pledge
//! whose bonus would take it past that most. Worked out from a [`SeatView`] alone, by the
//! same clamping the rules apply, so a screen can warn before the capital is spent.

use super::{Action, CardId, Meter, MeterTarget, Meters, Scenario, Seat, SeatView, TableId};

/// What a cap holds back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Capped {
    /// A meter, which stops at 0 and at its top.
    Meter(Meter),
    /// A commitment's credibility raised by verification.
    Verification(TableId),
    /// The credibility of the pledge the card would make.
    Pledge,
}

/// An effect a cap wastes, in part or whole.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Cap {
    /// What is capped.
    pub what: Capped,
    /// Where it stands now (a pledge: the credibility it starts from, the enforcement
    /// capacity).
    pub now: u8,
    /// The change the card names.
    pub nominal: i32,
    /// The change it makes.
    pub actual: i32,
}

/// A change with its sign, a true minus for a loss.
fn signed(delta: i32) -> String {
    if delta < 0 {
        format!("−{}", -delta)
    } else {
        format!("+{delta}")
    }
}

impl Cap {
    /// The cap in words, each meter by the scenario's name for it ("capped: Trust is already
    /// 100, so +3 does nothing").
    pub fn describe(&self, scenario: &Scenario) -> String {
        let nominal = signed(self.nominal);
        let gives = match self.actual {
            0 => "does nothing".to_string(),
            n => format!("gives only {}", signed(n)),
        };
        match self.what {
            Capped::Meter(meter) => {
                let already = if self.actual == 0 { "already " } else { "" };
                format!(
                    "capped: {} is {already}{}, so {nominal} {gives}",
                    scenario.meter_name(meter),
                    self.now
                )
            }
            Capped::Verification(id) => format!(
                "capped: #{id}'s credibility is {}%, the most is {}%, so {nominal} {gives}",
                self.now,
                i32::from(self.now) + self.actual
            ),
            Capped::Pledge => format!(
                "capped: a pledge starts at {}% and stops at {}%, so the card's {nominal} {gives}",
                self.now,
                i32::from(self.now) + self.actual
            ),
        }
    }
}

/// The meter an effect moves when `seat` plays it.
fn meter_of(target: MeterTarget, seat: Seat) -> Option<Meter> {
    match target {
        MeterTarget::Fixed(meter) => Some(meter),
        MeterTarget::OwnPressure => Meter::pressure_of(seat),
        MeterTarget::RivalPressure => seat.rival().and_then(Meter::pressure_of),
    }
}

/// The meter changes `changes` would make from `meters`, applied in order: each one a cap
/// cuts.
fn meter_caps(meters: &mut Meters, changes: &[(Meter, i32)]) -> Vec<Cap> {
    changes
        .iter()
        .filter_map(|&(meter, nominal)| {
            let now = meters.get(meter);
            let actual = meters.add(meter, nominal);
            (actual != nominal).then_some(Cap {
                what: Capped::Meter(meter),
                now,
                nominal,
                actual,
            })
        })
        .collect()
}

/// What caps would waste of `action` in `view` (a card played, a demand met or countered;
/// nothing for other actions): the card's meter effects in order (after the Trust a met
/// demand brings), a verification's boost, the pledge's bonus.
pub fn action_caps(view: &SeatView, action: &Action) -> Vec<Cap> {
    let (seat, card, target, meets) = match *action {
        Action::Play { seat, card, target } => (seat, card, target, false),
        Action::Meet { seat, card, .. } => (seat, card, None, true),
        Action::Counter { seat, card, .. } => (seat, card, None, false),
        _ => return Vec::new(),
    };
    let s = &view.scenario;
    let def = &s.cards[usize::from(card)];
    let mut caps = Vec::new();
    // A pledge: the delegation's enforcement capacity plus the card's bonus, at most the cap.
    let pledges = def.basket.is_some() && def.kind == super::CardKind::Assurance;
    if pledges && def.credibility > 0 {
        let base = i32::from(s.enforcement[seat.index()]);
        let max = i32::from(s.rules.max_credibility);
        let nominal = i32::from(def.credibility);
        let actual = (base + nominal).clamp(0, max) - base.min(max);
        if actual != nominal {
            caps.push(Cap {
                what: Capped::Pledge,
                now: base.min(max) as u8,
                nominal,
                actual,
            });
        }
    }
    if def.verify > 0
        && let Some(c) = target.and_then(|id| view.commitments.iter().find(|c| c.id == id))
    {
        let max = i32::from(s.rules.max_credibility);
        let nominal = i32::from(def.verify);
        let actual = (i32::from(c.credibility) + nominal).min(max) - i32::from(c.credibility);
        if actual != nominal {
            caps.push(Cap {
                what: Capped::Verification(c.id),
                now: c.credibility,
                nominal,
                actual: actual.max(0),
            });
        }
    }
    let mut meters = view.meters;
    if meets {
        meters.add(Meter::Trust, i32::from(s.rules.meet_trust));
    }
    let changes: Vec<(Meter, i32)> = def
        .effects
        .meters
        .iter()
        .filter_map(|&(t, delta)| Some((meter_of(t, seat)?, i32::from(delta))))
        .collect();
    caps.extend(meter_caps(&mut meters, &changes));
    caps
}

/// What caps would waste of `card` played by `seat` now, as its details should warn: its
/// meter effects and pledge as if played alone, and for a verification each commitment it
/// could raise that it would raise by less than its boost.
pub fn card_caps(view: &SeatView, seat: Seat, card: CardId) -> Vec<Cap> {
    let def = &view.scenario.cards[usize::from(card)];
    let mut caps = action_caps(
        view,
        &Action::Play {
            seat,
            card,
            target: None,
        },
    );
    if def.verify > 0 {
        let max = view.scenario.rules.max_credibility;
        for c in view.commitments.iter().filter(|c| c.credibility < max) {
            let play = Action::Play {
                seat,
                card,
                target: Some(c.id),
            };
            caps.extend(
                action_caps(view, &play)
                    .into_iter()
                    .filter(|cap| matches!(cap.what, Capped::Verification(_))),
            );
        }
    }
    caps
}
