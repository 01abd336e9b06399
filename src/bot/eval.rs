//! A heuristic estimate of a seat's final score, used by every bot above `random`.
//!
//! Exact once the game is over. Before that it blends the outcome points by rough
//! likelihoods read off the meters (how close each breakdown is, how near the accord is)
//! and adds the share of the seat's secret objective already satisfied. It reads a
//! [`Game`] — always a bot's own determinized sample, never the real table.

use crate::engine::{
    AccordTerms, Basket, BasketState, Condition, Game, Implementation, Meter, Outcome, OutcomeKind,
    Scenario, Seat,
};

/// Estimated final score of `seat`.
pub fn value(game: &Game, seat: Seat) -> f64 {
    if let Some(scores) = game.scores() {
        return f64::from(scores[seat.index()].total);
    }
    let scenario = game.scenario();
    let outlook = Outlook::of(game);
    let shared = match game.accord() {
        Some(accord) => implementation_points(game, accord, &outlook),
        None => outlook.expected_points(scenario),
    };
    let objective = &scenario.objectives[usize::from(game.objective(seat))];
    let share = objective_share(game, seat, &objective.condition, &outlook);
    shared + f64::from(objective.points) * share
}

/// Rough likelihoods of the shared outcomes from here.
struct Outlook {
    breakdown: f64,
    /// That somebody leaves the table: a delegation walks out or the mediators withdraw.
    walkout: f64,
    accord: f64,
    durable: bool,
    relapse: bool,
    trust: f64,
    credible: f64,
    /// Rules version 2: what signing now would be worth, with durable terms and without.
    signing: Option<(f64, f64)>,
}

impl Outlook {
    fn of(game: &Game) -> Outlook {
        let s = game.scenario();
        let rules = &s.rules;
        let m = game.meters();
        let get = |meter| f64::from(m.get(meter));
        let escalation = match m.get(Meter::Escalation) {
            0 | 1 => 0.03,
            2 => 0.1,
            3 => 0.3,
            _ => 0.6,
        };
        let margin = |value: f64, floor: u8| value - f64::from(floor);
        let near = |margin: f64| ((25.0 - margin) / 25.0).clamp(0.0, 1.0).powi(2) * 0.7;
        // Each delegation's walkout as its scenario words it: how near its meter is to the
        // line, scaled by how near its own pressure is to its line when it has one.
        let delegations: f64 = rules
            .walkouts()
            .iter()
            .map(|w| {
                let near_line = near(margin(get(w.meter), w.below));
                match (w.pressure, Meter::pressure_of(w.seat)) {
                    (Some(line), Some(pressure)) => {
                        let gap = f64::from(line) - get(pressure);
                        near_line * ((30.0 - gap) / 30.0).clamp(0.0, 1.0)
                    }
                    _ => near_line,
                }
            })
            .sum();
        let withdrawal = near(get(Meter::Credibility));
        let walkout = (delegations + withdrawal).min(0.9);
        let breakdown = (escalation + walkout).min(0.95);

        let baskets = game.baskets();
        let agreed = baskets.iter().filter(|b| b.is_agreed()).count() as f64;
        let secured = baskets
            .iter()
            .filter(|b| matches!(b, BasketState::Secured))
            .count() as f64;
        let core = [Basket::Security, Basket::Sovereignty]
            .iter()
            .filter(|b| baskets[b.index()].is_agreed())
            .count() as f64;
        let rounds_left = f64::from(s.rounds.saturating_sub(game.round())) + 1.0;
        let reach = ((agreed + 0.5 * secured + core) / 6.0).clamp(0.0, 1.0);
        let time = (rounds_left / 3.0).clamp(0.3, 1.0);
        let accord = if game.accord().is_some() {
            1.0 - breakdown
        } else {
            (reach * reach * time * (1.0 - breakdown)).min(0.95)
        };
        // Version 2 asks the accord's terms for both halves of a lasting deal as well.
        let durable = m.get(Meter::Trust) >= rules.durable_trust
            && baskets[Basket::Verification.index()].is_agreed()
            && (rules.version < 2 || AccordTerms::of(game.commitments()).both_halves());
        let credible: f64 = game
            .commitments()
            .iter()
            .map(|c| (f64::from(c.credibility) - 50.0) / 50.0)
            .sum();
        Outlook {
            breakdown,
            walkout,
            accord,
            durable,
            relapse: m.get(Meter::Escalation) > 2,
            trust: get(Meter::Trust),
            credible,
            signing: (rules.version >= 2)
                .then(|| (signing_points(game, true), signing_points(game, false))),
        }
    }

    fn expected_points(&self, s: &Scenario) -> f64 {
        let points = |k: OutcomeKind| {
            f64::from(
                match k {
                    OutcomeKind::DurablePeace => Outcome::DurablePeace,
                    OutcomeKind::FragileAccord => Outcome::FragileAccord,
                    OutcomeKind::FragilePause => Outcome::FragilePause,
                    OutcomeKind::Relapse => Outcome::Relapse,
                    OutcomeKind::Breakdown => {
                        Outcome::Breakdown(crate::engine::Breakdown::Escalation)
                    }
                }
                .points(&s.scoring),
            )
        };
        let (durable_signed, fragile_signed) = self.signing.unwrap_or((
            points(OutcomeKind::DurablePeace),
            points(OutcomeKind::FragileAccord),
        ));
        let signed = if self.durable {
            durable_signed
        } else {
            let durable_pull = ((self.trust - 25.0) / 35.0).clamp(0.0, 1.0);
            fragile_signed + durable_pull * 0.5 * (durable_signed - fragile_signed)
        };
        let timeout = if self.relapse {
            points(OutcomeKind::Relapse)
        } else {
            points(OutcomeKind::FragilePause)
        };
        let rest = (1.0 - self.breakdown - self.accord).max(0.0);
        self.breakdown * points(OutcomeKind::Breakdown)
            + self.accord * signed
            + rest * timeout
            + self.progress()
    }

    /// A small pull toward Trust and credible commitments, on top of the outcome points, so
    /// that progress counts before it decides an outcome.
    fn progress(&self) -> f64 {
        0.02 * (self.trust - 25.0) + 0.3 * self.credible
    }
}

/// Expected shared points while a signed accord is implemented (rules version 2).
fn implementation_points(game: &Game, accord: &Implementation, outlook: &Outlook) -> f64 {
    let rounds_left = accord.until.saturating_sub(game.round()) + 1;
    let lambda: f64 = game
        .commitments()
        .iter()
        .filter(|c| accord.bound.contains(&c.id))
        .map(|c| {
            let tests_left = c.duration.saturating_sub(c.tests).min(rounds_left);
            breaking_chance(c.credibility, tests_left)
        })
        .sum();
    let breaches = accord
        .breaches
        .saturating_sub(u8::from(accord.renewable.is_some()));
    let signed = signed_points(game.scenario(), accord.durable_terms, lambda, breaches);
    outlook.breakdown * breakdown_points(game.scenario())
        + (1.0 - outlook.breakdown) * signed
        + outlook.progress()
}

/// Expected shared points of signing now (rules version 2): the standing commitments would be
/// bound, gain the accord's credibility and owe their tests under it.
fn signing_points(game: &Game, durable_terms: bool) -> f64 {
    let rules = &game.scenario().rules;
    let lambda: f64 = game
        .commitments()
        .iter()
        .map(|c| {
            let credibility = c
                .credibility
                .saturating_add(rules.accord_credibility)
                .min(rules.max_credibility.max(c.credibility));
            breaking_chance(credibility, c.owed_if_bound(rules.implementation_tests))
        })
        .sum();
    signed_points(game.scenario(), durable_terms, lambda, 0)
}

/// The chance that a commitment this credible fails one of `tests` tests.
fn breaking_chance(credibility: u8, tests: u8) -> f64 {
    1.0 - (f64::from(credibility) / 100.0).powi(i32::from(tests))
}

/// Expected points of an accord being implemented with `breaches` so far and breaches to
/// come counted as a Poisson number of mean `lambda`: none left makes a durable peace when
/// the terms are durable, one a fragile accord, more a relapse.
fn signed_points(s: &Scenario, durable_terms: bool, lambda: f64, breaches: u8) -> f64 {
    let points = |o: Outcome| f64::from(o.points(&s.scoring));
    let none_more = (-lambda).exp();
    let (clean, one) = match breaches {
        0 => (none_more, lambda * none_more),
        1 => (0.0, none_more),
        _ => (0.0, 0.0),
    };
    let (durable, fragile) = if durable_terms {
        (clean, one)
    } else {
        (0.0, clean + one)
    };
    let relapse = (1.0 - durable - fragile).max(0.0);
    durable * points(Outcome::DurablePeace)
        + fragile * points(Outcome::FragileAccord)
        + relapse * points(Outcome::Relapse)
}

/// The points of a breakdown.
fn breakdown_points(s: &Scenario) -> f64 {
    f64::from(Outcome::Breakdown(crate::engine::Breakdown::Escalation).points(&s.scoring))
}

/// The share (0–1) of an objective's condition that already holds.
fn objective_share(game: &Game, seat: Seat, c: &Condition, outlook: &Outlook) -> f64 {
    let m = game.meters();
    let baskets = game.baskets();
    let stats = game.stats();
    let (honoured, broken) = c.counted_commitments(seat, stats.honoured, stats.broken);
    let mut parts: Vec<f64> = Vec::new();
    for &(meter, low) in &c.meters.min {
        let gap = f64::from(low) - f64::from(m.get(meter));
        parts.push(if gap <= 0.0 {
            1.0
        } else {
            (1.0 - gap / 30.0).max(0.0) * 0.7
        });
    }
    for &(meter, high) in &c.meters.max {
        let gap = f64::from(m.get(meter)) - f64::from(high);
        parts.push(if gap <= 0.0 {
            1.0
        } else {
            (1.0 - gap / 30.0).max(0.0) * 0.7
        });
    }
    for basket in &c.agreed {
        parts.push(if baskets[basket.index()].is_agreed() {
            1.0
        } else {
            0.2
        });
    }
    if c.agreed_at_least > 0 {
        let agreed = baskets.iter().filter(|b| b.is_agreed()).count() as f64;
        parts.push((agreed / f64::from(c.agreed_at_least)).min(1.0));
    }
    if let Some(basket) = c.verified {
        let held = stats.verified_honoured[basket.index()]
            || game
                .commitments()
                .iter()
                .any(|x| x.verified && x.basket == basket);
        let pending = game.commitments().iter().any(|x| x.basket == basket);
        parts.push(if held {
            1.0
        } else if pending {
            0.35
        } else {
            0.0
        });
    }
    if c.no_monitors {
        parts.push(if stats.monitors_deployed == 0 {
            1.0
        } else {
            0.0
        });
    }
    if c.no_walkout {
        parts.push(1.0 - outlook.walkout);
    }
    if c.accord {
        parts.push(outlook.accord);
    }
    if c.honoured_at_least > 0 {
        let counted = game
            .commitments()
            .iter()
            .filter(|standing| !c.own_commitments || standing.by == seat)
            .count();
        let pending = counted as f64 * 0.3;
        parts.push(((f64::from(honoured) + pending) / f64::from(c.honoured_at_least)).min(1.0));
    }
    if let Some(most) = c.broken_at_most {
        parts.push(if broken <= most { 1.0 } else { 0.0 });
    }
    if parts.is_empty() {
        return 1.0;
    }
    // Every part must hold: the product, softened so that progress on one part still counts.
    let product: f64 = parts.iter().product();
    let mean = parts.iter().sum::<f64>() / parts.len() as f64;
    0.7 * product + 0.3 * mean * mean
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_finished_game_is_valued_at_its_score() {
        let scenario = crate::scenario::load("tests/fixtures/mini").unwrap();
        let mut game = Game::new(scenario, 3);
        while let Some((seat, _)) = game.to_act() {
            let action = *game.legal_actions(seat).last().unwrap();
            game.apply(action).unwrap();
        }
        let scores = game.scores().unwrap();
        for seat in Seat::ALL {
            assert_eq!(value(&game, seat), f64::from(scores[seat.index()].total));
        }
    }
}
