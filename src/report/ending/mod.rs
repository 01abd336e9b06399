//! Why it ended this way: the decisive conditions of a finished game, one line each, the
//! first naming the ending ("Breakdown: Afghanistan walked out in round 5 — …", "No accord:
//! Sovereignty was never agreed — …", "Durable peace missed: the Afghan Security pledge #7 was
//! never verified"). Computed from the outcome and the log alone, so the same game always gives
//! the same words. Never: read anything but the scenario and the log.

mod causes;
mod record;

use crate::engine::{Basket, Breakdown, CardKind, Game, LogEntry, Meter, Outcome, Scenario, Seat};
use record::{Fate, Record, Signing};

/// Why `game` ended as it did; empty while it goes on.
pub fn why_it_ended(game: &Game) -> Vec<String> {
    game.outcome()
        .map(|outcome| explain(game.scenario(), game.log(), outcome))
        .unwrap_or_default()
}

/// Why a game of `scenario` whose log is `log` ended in `outcome`: the ending and what decided
/// it, then what kept it from better.
pub fn explain(scenario: &Scenario, log: &[LogEntry], outcome: Outcome) -> Vec<String> {
    let record = Record::of(scenario, log);
    let round = log.last().map_or(0, |e| e.round);
    let at = Ending {
        scenario,
        record: &record,
        round,
    };
    match outcome {
        Outcome::Breakdown(cause) => at.breakdown(cause),
        Outcome::FragilePause | Outcome::Relapse => match &record.signing {
            Some(signing) => at.signed(outcome, signing),
            None => {
                let mut lines = vec![at.time_ran_out(outcome)];
                lines.extend(at.pushed_up_escalation(outcome));
                lines.extend(at.no_accord());
                lines
            }
        },
        Outcome::DurablePeace | Outcome::FragileAccord => match &record.signing {
            Some(signing) => at.signed(outcome, signing),
            None => vec![format!("{outcome}: the accord was signed.")],
        },
    }
}

/// A finished game, read for its ending.
struct Ending<'a> {
    scenario: &'a Scenario,
    record: &'a Record,
    round: u8,
}

impl Ending<'_> {
    /// A breakdown: who left, or what reached its end, and what pushed it there.
    fn breakdown(&self, cause: Breakdown) -> Vec<String> {
        let r = self.round;
        let meters = &self.record.meters;
        let (first, meter, up) = match cause {
            Breakdown::Escalation => (
                format!("Breakdown: open conflict in round {r} — Escalation reached 5 of 5."),
                Meter::Escalation,
                true,
            ),
            Breakdown::MediatorsWithdrew => (
                format!(
                    "Breakdown: the mediators withdrew in round {r} — their Credibility reached 0 \
                     of 100."
                ),
                Meter::Credibility,
                false,
            ),
            Breakdown::AfghanWalkout | Breakdown::PakistaniWalkout => {
                let seat = if cause == Breakdown::AfghanWalkout {
                    Seat::Afghanistan
                } else {
                    Seat::Pakistan
                };
                let trigger = self.scenario.rules.walkout_of(seat);
                let pressed = match (trigger.pressure, Meter::pressure_of(seat)) {
                    (Some(line), Some(pressure)) if line > 0 => format!(
                        ", with {}'s Pressure at home at {} (its line is {line})",
                        self.scenario.seat_name(seat),
                        meters.get(pressure)
                    ),
                    _ => String::new(),
                };
                (
                    format!(
                        "Breakdown: {} walked out in round {r} — {} fell to {}, under its \
                         walkout line of {}{pressed}.",
                        self.scenario.seat_name(seat),
                        trigger.meter,
                        meters.get(trigger.meter),
                        trigger.below
                    ),
                    trigger.meter,
                    false,
                )
            }
        };
        let mut lines = vec![first];
        let verb = if up { "raised" } else { "pushed down" };
        if let Some(pushed) = self.record.moves.pushed(meter, up, self.scenario) {
            let meter = self.scenario.meter_name(meter);
            lines.push(format!("What {verb} {meter}: {pushed}."));
        }
        if let Some(signing) = &self.record.signing {
            lines.push(format!(
                "The accord signed in round {} did not survive its implementation.",
                signing.round
            ));
        }
        lines
    }

    /// Time ran out without an accord: where Escalation stood.
    fn time_ran_out(&self, outcome: Outcome) -> String {
        let (r, escalation) = (self.round, self.record.meters.get(Meter::Escalation));
        if outcome == Outcome::Relapse {
            format!(
                "Relapse: time ran out after round {r} with Escalation at {escalation} of 5, \
                 above the 2 a pause allows."
            )
        } else {
            format!(
                "Fragile pause: time ran out after round {r} with Escalation at {escalation} of \
                 5 — low enough (2 or less) for the ceasefire to hold as a pause."
            )
        }
    }

    /// What raised Escalation, for a relapse.
    fn pushed_up_escalation(&self, outcome: Outcome) -> Option<String> {
        (outcome == Outcome::Relapse)
            .then(|| {
                self.record
                    .moves
                    .pushed(Meter::Escalation, true, self.scenario)
            })
            .flatten()
            .map(|pushed| format!("What raised Escalation: {pushed}."))
    }

    /// Why no accord was signed: the basket an accord needed that was never agreed, or the
    /// accord refused, or never tabled.
    fn no_accord(&self) -> Vec<String> {
        let record = self.record;
        let agreed = |b: Basket| record.baskets[b.index()].agreed;
        let mut lines: Vec<String> = [Basket::Security, Basket::Sovereignty]
            .into_iter()
            .filter(|&b| !agreed(b))
            .map(|b| {
                let (story, unravelled_last) = self.story(b);
                format!(
                    "No accord: {} — {story}.",
                    self.not_agreed(b, unravelled_last)
                )
            })
            .collect();
        let count = Basket::ALL.iter().filter(|&&b| agreed(b)).count();
        if lines.is_empty() && count < 3 {
            lines.push(
                "No accord: Security and Sovereignty were agreed, but no third basket beside \
                 them."
                    .to_string(),
            );
        }
        if lines.is_empty() {
            lines.push(match record.refusals.last() {
                Some((round, Some(seat))) => {
                    format!("No accord: {seat} refused the accord tabled in round {round}.")
                }
                Some((round, None)) => {
                    format!("No accord: the accord tabled in round {round} was refused.")
                }
                None => format!(
                    "No accord: the baskets an accord needs were agreed by round {}, but the \
                     mediators never tabled it.",
                    record.ready_in.unwrap_or(self.round)
                ),
            });
        }
        lines
    }

    /// "Sovereignty was never agreed", "Security unravelled in round 6" (when that is the
    /// story told), or "Security was not agreed again after it unravelled in round 2".
    fn not_agreed(&self, basket: Basket, unravelled_last: bool) -> String {
        match self.record.baskets[basket.index()].unravelled {
            Some((round, _)) if unravelled_last => format!("{basket} unravelled in round {round}"),
            Some((round, _)) => {
                format!("{basket} was not agreed again after it unravelled in round {round}")
            }
            None => format!("{basket} was never agreed"),
        }
    }

    /// What kept a basket from being agreed at the end: the latest of what happened in it
    /// (a pledge that left the table and unravelled it, a pledge short of Trust, a demand's
    /// answer, an offer left), or that nobody put it on the table; and whether the story told
    /// is its unravelling.
    fn story(&self, basket: Basket) -> (String, bool) {
        let story = &self.record.baskets[basket.index()];
        // In rising precedence, so that of two things in one round the later-listed wins.
        let mut told: Vec<(u8, String, bool)> = Vec::new();
        if let Some(d) = self
            .record
            .demands
            .iter()
            .rev()
            .find(|d| d.basket == basket)
        {
            told.push((d.fate.1, self.demand_story(d), false));
        }
        if let Some((id, round)) = story.offer_left
            && let Some(pledge) = self.record.pledge(id)
        {
            told.push((
                round,
                format!(
                    "{}'s pledge #{id} in it was offered unasked but never taken up",
                    self.scenario.seat_name(pledge.by)
                ),
                false,
            ));
        }
        if let Some((round, trust, threshold)) = story.short {
            told.push((
                round,
                format!(
                    "a pledge answered it in round {round}, but Trust {trust} was short of the \
                     {threshold} it needs"
                ),
                false,
            ));
        }
        if let Some((round, Some(gone))) = story.unravelled
            && let Some(pledge) = self.record.pledge(gone.id)
        {
            let id = gone.id;
            let why = match gone.partner {
                Some(partner) => format!(
                    "{}'s pledge #{id} was released when #{partner}, the other half of its \
                     package, broke",
                    self.scenario.seat_name(pledge.by)
                ),
                None => format!(
                    "{}'s pledge #{id} broke",
                    self.scenario.seat_name(pledge.by)
                ),
            };
            told.push((round, why, true));
        }
        if let Some((_, words, unravelled)) = told.into_iter().max_by_key(|(round, ..)| *round) {
            return (words, unravelled);
        }
        let askers: Vec<Seat> = Seat::DELEGATIONS
            .into_iter()
            .filter(|&seat| {
                self.scenario.cards.iter().any(|c| {
                    c.kind == CardKind::Demand
                        && c.basket == Some(basket)
                        && c.seats.contains(&seat)
                })
            })
            .collect();
        let words = match askers.as_slice() {
            [seat] => format!(
                "{} never put it on the table",
                self.scenario.seat_name(*seat)
            ),
            _ => "neither delegation put it on the table".to_string(),
        };
        (words, false)
    }

    /// What became of a demand that never agreed its basket.
    fn demand_story(&self, d: &record::Asked) -> String {
        let to = self.scenario.seat_name(d.by.rival().unwrap_or(d.by));
        let by = self.scenario.seat_name(d.by);
        let (fate, round) = d.fate;
        match fate {
            Fate::Rejected => format!("{to} rejected {}'s demand #{} in round {round}", by, d.id),
            Fate::Countered => format!(
                "{to} countered {}'s demand #{} in round {round}, and nothing met the counter",
                by, d.id
            ),
            Fate::Open if d.bridge_declined => format!(
                "{}'s demand #{} (round {}) was never met, and {to} declined the mediators' bridge",
                by, d.id, d.round
            ),
            Fate::Open => format!(
                "{}'s demand #{} (round {}) was never answered by {to}",
                by, d.id, d.round
            ),
            Fate::Met | Fate::Bridged => format!(
                "{}'s demand #{} was answered in round {round}, but the basket did not hold",
                by, d.id
            ),
        }
    }

    /// A signed accord: how implementation ended, and what kept it from a durable peace.
    fn signed(&self, outcome: Outcome, signing: &Signing) -> Vec<String> {
        let s = signing.round;
        let version_2 = self.scenario.rules.version >= 2;
        let implemented = if version_2 {
            format!(", implemented to round {}", self.round)
        } else {
            String::new()
        };
        let mut lines = vec![match outcome {
            Outcome::DurablePeace => format!(
                "Durable peace: the accord signed in round {s} held{implemented} without a \
                 breach left standing."
            ),
            Outcome::Relapse => format!(
                "Relapse: the accord signed in round {s} was breached {} times.",
                signing.breaches.len()
            ),
            _ => format!("Fragile accord: signed in round {s}{implemented}."),
        }];
        match outcome {
            Outcome::DurablePeace => lines.push(self.durable_terms(signing)),
            Outcome::Relapse => lines.extend(
                self.breaches(signing, "")
                    .into_iter()
                    .map(|why| format!("Accord breached: {why}.")),
            ),
            _ => lines.extend(self.durable_missed(signing)),
        }
        lines
    }

    /// What a durable peace stood on.
    fn durable_terms(&self, signing: &Signing) -> String {
        let trust = format!(
            "Trust {} (at least {}) and Verification agreed at signing",
            signing.trust, self.scenario.rules.durable_trust
        );
        if self.scenario.rules.version < 2 {
            return format!("It stood on {trust}.");
        }
        let half = |by: Seat, ok: &dyn Fn(&record::Pledge) -> bool| {
            signing.bound.iter().find(|p| p.by == by && ok(p)).map(|p| {
                format!(
                    "{}'s {} pledge #{}",
                    self.scenario.seat_name(by),
                    p.basket,
                    p.id
                )
            })
        };
        let afghan = half(Seat::Afghanistan, &|p| {
            p.basket == Basket::Security && p.verified
        });
        let pakistani = half(Seat::Pakistan, &|p| {
            matches!(p.basket, Basket::Sovereignty | Basket::Humanitarian)
        });
        match (afghan, pakistani) {
            (Some(a), Some(p)) => {
                format!("It stood on {trust}, with {a} (verified) and {p} bound and kept.")
            }
            _ => format!("It stood on {trust}."),
        }
    }

    /// Each breach of the accord (the pledge that broke, then `breaching`), and each bound
    /// pledge released with its package.
    fn breaches(&self, signing: &Signing, breaching: &str) -> Vec<String> {
        let mut lines: Vec<String> = signing
            .breaches
            .iter()
            .map(|(pledge, round)| {
                let renewed = if signing.renewed.contains(&pledge.id) {
                    ", and was renewed"
                } else {
                    ""
                };
                format!(
                    "{}'s {} pledge #{} broke in round {round}{breaching}{renewed}",
                    self.scenario.seat_name(pledge.by),
                    pledge.basket,
                    pledge.id
                )
            })
            .collect();
        lines.extend(signing.released.iter().map(|&id| {
            let whose = self.record.pledge(id).map_or(String::new(), |p| {
                format!("{}'s {} ", self.scenario.seat_name(p.by), p.basket)
            });
            format!("{whose}pledge #{id} was released when the other half of its package broke")
        }));
        lines
    }

    /// Each condition of a durable peace the accord missed.
    fn durable_missed(&self, signing: &Signing) -> Vec<String> {
        let rules = &self.scenario.rules;
        let mut missed = Vec::new();
        if signing.trust < rules.durable_trust {
            missed.push(format!(
                "Trust was {} at signing, short of the {} it needs",
                signing.trust, rules.durable_trust
            ));
        }
        if !signing.verification {
            missed.push("Verification was not agreed when the accord was signed".to_string());
        }
        if rules.version >= 2 {
            let afghan: Vec<_> = signing
                .bound
                .iter()
                .filter(|p| p.by == Seat::Afghanistan && p.basket == Basket::Security)
                .collect();
            match afghan.iter().find(|p| p.verified) {
                Some(_) => {}
                None => match afghan.first() {
                    Some(p) => missed.push(format!(
                        "the Afghan Security pledge #{} was never verified",
                        p.id
                    )),
                    None => missed.push(
                        "the accord bound no Afghan Security pledge (action against the \
                         sanctuaries)"
                            .to_string(),
                    ),
                },
            }
            let pakistani = signing.bound.iter().any(|p| {
                p.by == Seat::Pakistan
                    && matches!(p.basket, Basket::Sovereignty | Basket::Humanitarian)
            });
            if !pakistani {
                missed.push(
                    "the accord bound no Pakistani pledge in Sovereignty or Humanitarian & Trade \
                     (what Kabul values)"
                        .to_string(),
                );
            }
        }
        missed.extend(self.breaches(signing, ", breaching the accord"));
        if missed.is_empty() {
            missed.push("the terms at signing fell short of one".to_string());
        }
        missed
            .into_iter()
            .map(|why| format!("Durable peace missed: {why}."))
            .collect()
    }
}

#[cfg(test)]
mod tests;
