//! Why a seat passes, takes its public posture, or (the mediators) tables the accord: what it
//! waits for, what its home audience wants, what the baskets hold.

use super::Reason;
use super::situation::{Situation, breaking, count};
use crate::engine::{Basket, Meter, Posture, Seat};

/// Passing: what the seat waits for, read from the table, never from its hand.
pub(super) fn pass(at: &Situation) -> Reason {
    let spent = at.capital() < 2;
    let act = if at.view.actions_used > 0 {
        "ends its turn"
    } else if at.seat == Seat::Mediator {
        "waits"
    } else if spent {
        "passes"
    } else {
        "holds its capital"
    };
    let reason = Reason::new(act);
    if at.seat == Seat::Mediator {
        return mediators_wait(at, reason);
    }
    let asked = at.view.demands.iter().find(|d| d.to == at.seat);
    let own = at.view.demands.iter().find(|d| d.by == at.seat);
    let reason = match (asked, own) {
        (Some(d), _) if at.agreed(d.basket) => reason.because(format!(
            "demand #{} asks {} of it, already agreed: a pledge would add risk, not a basket",
            d.id, d.basket
        )),
        (Some(d), _) if !at.meeting_would_agree(d.basket) => reason.because(format!(
            "demand #{} asks {} of it, and at Trust {} meeting it would not agree the basket \
             (needs {})",
            d.id,
            d.basket,
            at.trust(),
            at.scenario().threshold(d.basket)
        )),
        (Some(d), _) => reason.because(format!(
            "demand #{} asks {} of it, and {}",
            d.id,
            d.basket,
            at.own_pledges()
        )),
        (None, Some(d)) => reason.because(format!(
            "its demand #{} in {} awaits {}'s answer",
            d.id,
            d.basket,
            at.name(d.to)
        )),
        (None, None) if spent => reason.because(capital_spent(at)),
        (None, None) => reason.because(format!(
            "no demand awaits its answer, and it keeps {} of 10 capital for one",
            at.capital()
        )),
    };
    let idle = (at.rules().version >= 2 && at.view.actions_used == 0).then(|| {
        format!(
            "an idle turn adds {} to Pressure at home",
            at.rules().idle_pressure
        )
    });
    reason.because_maybe(idle)
}

/// "its capital is spent: 1 of 10, +3 next round".
fn capital_spent(at: &Situation) -> String {
    format!(
        "its capital is spent: {} of 10, +{} next round",
        at.capital(),
        at.rules().capital_per_round
    )
}

/// The mediators waiting: the pledge at risk they watch, or that nothing yet needs them.
fn mediators_wait(at: &Situation, reason: Reason) -> Reason {
    let riskiest = at
        .view
        .commitments
        .iter()
        .filter(|c| !c.verified)
        .min_by_key(|c| c.credibility);
    let credibility = if at.capital() < 2 {
        capital_spent(at)
    } else {
        format!("Credibility is {} of 100", at.meter(Meter::Credibility))
    };
    match riskiest {
        Some(c) => reason
            .because(format!(
                "{}'s pledge #{} is unverified, and {}",
                at.name(c.by),
                c.id,
                breaking(c.credibility)
            ))
            .because(credibility),
        None if at.view.commitments.is_empty() && at.view.demands.is_empty() => reason
            .because("no pledge stands to verify and no demand waits for a bridge")
            .because(credibility),
        None if at.view.commitments.is_empty() => reason
            .because("no pledge stands to verify yet; the delegations have a demand to answer")
            .because(credibility),
        None => reason
            .because("every pledge on the table is verified already")
            .because(credibility),
    }
}

/// A public posture: what the home audience wants against what the table needs.
pub(super) fn posture(at: &Situation, posture: Posture) -> Reason {
    let rules = at.rules();
    let pressure = at.pressure().unwrap_or(0);
    let trust = at.trust();
    match posture {
        Posture::Hardline => {
            let motive = at.home().map_or_else(
                || "its home audience wants firmness".to_string(),
                |home| {
                    if at.home_danger().is_some() {
                        home
                    } else {
                        format!("{home} and rises {} a round", rules.pressure_drift)
                    }
                },
            );
            Reason::new("takes a hard-line posture")
                .because(motive)
                .because(format!(
                    "a hard line eases it by {}, at {} Trust (now {trust})",
                    rules.hardline_relief, rules.hardline_trust
                ))
        }
        Posture::Firm => {
            let surcharge = rules.surcharge_pressure;
            let motive = if pressure < surcharge
                && pressure.saturating_add(rules.conciliatory_pressure) >= surcharge
            {
                format!(
                    "conciliating would lift Pressure at home from {pressure} past {surcharge}, \
                     where its conciliatory cards cost 1 more"
                )
            } else {
                format!(
                    "Pressure at home is {pressure} of 100: conciliating would add {}, a hard \
                     line cost {} Trust (now {trust})",
                    rules.conciliatory_pressure, rules.hardline_trust
                )
            };
            Reason::new("holds a firm posture").because(motive)
        }
        Posture::Conciliatory => {
            let escalation = at.meter(Meter::Escalation);
            let ladder = (escalation >= 2).then(|| {
                format!("if both sides conciliate, Escalation ({escalation} of 5) falls by 1")
            });
            Reason::new("takes a conciliatory posture")
                .because(format!(
                    "{}; conciliation adds {}",
                    at.trust_words(),
                    rules.conciliatory_trust
                ))
                .because_maybe(ladder)
                .because(format!(
                    "it costs {} Pressure at home (now {pressure})",
                    rules.conciliatory_pressure
                ))
        }
    }
}

/// The mediators table the accord: the baskets it stands on, and the time left.
pub(super) fn table_accord(at: &Situation) -> Reason {
    let agreed: Vec<String> = Basket::ALL
        .into_iter()
        .filter(|&b| at.agreed(b))
        .map(|b| b.to_string())
        .collect();
    let pledges = at.view.commitments.len();
    Reason::new("tables the accord")
        .because(format!(
            "{} are agreed, enough for an accord, in round {} of {}",
            and_list(&agreed),
            at.view.round,
            at.scenario().rounds
        ))
        .because(format!(
            "it would bind {} standing pledge{}",
            count(pledges),
            if pledges == 1 { "" } else { "s" }
        ))
}

/// "A, B and C".
fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}
