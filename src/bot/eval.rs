//! A heuristic estimate of a seat's final score, used by every bot above `random`.
//!
//! Exact once the game is over. Before that it blends the outcome points by rough
//! likelihoods read off the meters (how close each breakdown is, how near the accord is)
//! and adds the share of the seat's secret objective already satisfied. It reads a
//! [`Game`] — always a bot's own determinized sample, never the real table.

use crate::engine::{
    Basket, BasketState, Condition, Game, Meter, Outcome, OutcomeKind, Scenario, Seat,
};

/// Estimated final score of `seat`.
pub fn value(game: &Game, seat: Seat) -> f64 {
    if let Some(scores) = game.scores() {
        return f64::from(scores[seat.index()].total);
    }
    let scenario = game.scenario();
    let outlook = Outlook::of(game);
    let shared = outlook.expected_points(scenario);
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
        let afghan_walkout = near(margin(get(Meter::Sovereignty), rules.walkout_sovereignty));
        let pressure_gap = f64::from(rules.walkout_pressure) - get(Meter::PakistanPressure);
        let pakistani_walkout = near(margin(get(Meter::Security), rules.walkout_security))
            * ((30.0 - pressure_gap) / 30.0).clamp(0.0, 1.0);
        let withdrawal = near(get(Meter::Credibility));
        let walkout = (afghan_walkout + pakistani_walkout + withdrawal).min(0.9);
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
        let accord = (reach * reach * time * (1.0 - breakdown)).min(0.95);
        let durable = m.get(Meter::Trust) >= rules.durable_trust
            && baskets[Basket::Verification.index()].is_agreed();
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
        let signed = if self.durable {
            points(OutcomeKind::DurablePeace)
        } else {
            let durable_pull = ((self.trust - 25.0) / 35.0).clamp(0.0, 1.0);
            points(OutcomeKind::FragileAccord)
                + durable_pull
                    * 0.5
                    * (points(OutcomeKind::DurablePeace) - points(OutcomeKind::FragileAccord))
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
            + 0.02 * (self.trust - 25.0)
            + 0.3 * self.credible
    }
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
