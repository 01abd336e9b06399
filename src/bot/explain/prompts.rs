//! Why a seat answers a question put to it as it does: an event's choice, consent to
//! monitors, a pledge offered unasked, the mediators' bridge, a broken pledge to renew, the
//! vote on the accord.

use super::Reason;
use super::situation::{Situation, breaking, count};
use crate::engine::{AccordTerms, Basket, Meter};

/// An event's option: the need it answers, else what it costs least.
pub(super) fn choose(at: &Situation, option: u8) -> Reason {
    let scenario = at.scenario();
    let event = at
        .view
        .current_event
        .map(|e| &scenario.events[usize::from(e)]);
    let chosen = event
        .and_then(|e| e.choice.as_ref())
        .and_then(|c| c.options.get(usize::from(option)));
    let Some(chosen) = chosen else {
        return Reason::new("chooses an option")
            .because("the event asks it, and this answer costs the table least");
    };
    let act = format!("chooses \"{}\"", chosen.label);
    let mildest = crate::bot::passive::mildest_option(at.view) == option;
    let others: Vec<&crate::engine::Effects> = event
        .and_then(|e| e.choice.as_ref())
        .map(|c| {
            c.options
                .iter()
                .enumerate()
                .filter(|&(i, _)| i != usize::from(option))
                .map(|(_, o)| &o.effects)
                .collect()
        })
        .unwrap_or_default();
    let motive = at
        .effect_motive(&chosen.effects)
        .or_else(|| spared(at, &chosen.effects, &others))
        .unwrap_or_else(|| {
            if mildest {
                "of the answers, it moves the meters least".to_string()
            } else {
                "every answer costs the table something, and this one is the cost it bears"
                    .to_string()
            }
        });
    Reason::new(act).because(motive).because_maybe(
        at.effect_costs(&chosen.effects)
            .map(|c| format!("it costs {c}")),
    )
}

/// What this answer spares that another would hurt: "it spares Trust (now 22), which another
/// answer moves −5". `None` when it spares nothing.
fn spared(
    at: &Situation,
    chosen: &crate::engine::Effects,
    others: &[&crate::engine::Effects],
) -> Option<String> {
    let change = |effects: &crate::engine::Effects, meter: Meter| -> i16 {
        effects
            .meters
            .iter()
            .filter(|&&(target, _)| at.meter_of(target) == Some(meter))
            .map(|&(_, delta)| i16::from(delta))
            .sum()
    };
    // Up is good for every meter but Escalation and Pressure; Escalation weighs most.
    let good = |meter: Meter, delta: i16| match meter {
        Meter::Escalation => -delta * 10,
        Meter::PakistanPressure | Meter::AfghanistanPressure => -delta,
        _ => delta,
    };
    Meter::ALL
        .into_iter()
        .filter_map(|meter| {
            let mine = change(chosen, meter);
            let worst = others
                .iter()
                .map(|o| change(o, meter))
                .min_by_key(|&d| good(meter, d))?;
            let advantage = good(meter, mine) - good(meter, worst);
            (advantage > 0).then_some((advantage, meter, worst))
        })
        .max_by_key(|&(advantage, ..)| advantage)
        .map(|(_, meter, worst)| {
            let worst = i8::try_from(worst).unwrap_or(0);
            format!(
                "it spares {} (now {}), which another answer moves {}",
                at.scenario().meter_name(meter),
                at.meter(meter),
                super::situation::signed(worst)
            )
        })
}

/// Consent to monitors on Afghan soil, or refusal.
pub(super) fn consent(at: &Situation, accept: bool) -> Reason {
    let def = at
        .view
        .consent_card
        .map(|c| &at.scenario().cards[usize::from(c)]);
    let (pressure_cost, sovereignty_cost) =
        def.map_or((0, 0), |d| (d.consent_pressure(), d.sovereignty_cost));
    let pledge = at.view.consent_for.and_then(|id| at.commitment(id));
    let version_2 = at.rules().version >= 2;
    match (accept, version_2) {
        (true, true) => {
            let motive = pledge.map_or_else(
                || "the monitors make its pledge far more credible".to_string(),
                |c| {
                    format!(
                        "with the monitors, pledge #{}: {}",
                        c.id,
                        breaking(c.credibility)
                    )
                },
            );
            Reason::new("consents to the monitors")
                .because(motive)
                .because(format!("it costs {pressure_cost} Pressure at home"))
        }
        (false, true) => {
            let before = at.view.consent_before.map(|(credibility, _)| credibility);
            Reason::new("refuses the monitors")
                .because(format!(
                    "consent would add {pressure_cost} to Pressure at home ({} of 100)",
                    at.pressure().unwrap_or(0)
                ))
                .because_maybe(before.map(|c| format!("the pledge falls back to {c}% credible")))
                .because(format!("Trust pays {}", at.rules().refused_monitors_trust))
        }
        (true, false) => Reason::new("consents to the monitors").because(format!(
            "they come anyway, and refusing would cost {sovereignty_cost} Sovereignty (now {})",
            at.meter(Meter::Sovereignty)
        )),
        (false, false) => Reason::new("refuses consent").because(format!(
            "consent would add {pressure_cost} to Pressure at home ({} of 100); the monitors \
             come anyway, at {sovereignty_cost} Sovereignty",
            at.pressure().unwrap_or(0)
        )),
    }
}

/// Credibility below which a pledge is called too weak to rest a basket on.
const WEAK: u8 = 70;

/// A pledge the other delegation offered unasked: welcomed when it agrees its basket or is
/// credible; otherwise left.
pub(super) fn answer_offer(at: &Situation, accept: bool) -> Reason {
    let pledge = at.view.offered.and_then(|id| at.commitment(id));
    let Some(c) = pledge else {
        let act = if accept {
            "welcomes the offered pledge"
        } else {
            "does not take up the offered pledge"
        };
        return Reason::new(act).because(at.trust_words());
    };
    if accept {
        let motive = if at.meeting_would_agree(c.basket) {
            at.agrees(c.basket, "welcoming it")
        } else {
            format!(
                "a move by {} in {}, and welcoming it adds {} Trust (now {})",
                at.name(c.by),
                c.basket,
                at.rules().meet_trust,
                at.trust()
            )
        };
        Reason::new(format!("welcomes pledge #{}", c.id))
            .because(motive)
            .because(breaking(c.credibility))
    } else {
        let motive = if c.credibility < WEAK {
            format!(
                "{}, too weak to rest {} on",
                breaking(c.credibility),
                c.basket
            )
        } else {
            format!(
                "declining costs nothing now, and {} stays open for terms of its own",
                c.basket
            )
        };
        Reason::new(format!("does not take up pledge #{}", c.id)).because(motive)
    }
}

/// The mediators' bridging proposal: what declining costs, or the pledge it would mean.
pub(super) fn answer_bridge(at: &Situation, accept: bool) -> Reason {
    let demand = at
        .view
        .bridge_offer
        .and_then(|(id, _)| at.view.demands.iter().find(|d| d.id == id));
    let basket = demand.map(|d| d.basket);
    if accept {
        let stake = basket.map(|b| at.stake(b));
        Reason::new("accepts the mediators' proposal")
            .because(format!(
                "declining would cost {} Trust (now {})",
                at.rules().declined_bridge_trust,
                at.trust()
            ))
            .because_maybe(stake)
    } else {
        let motive = basket.map_or_else(
            || at.own_pledges(),
            |b| format!("a pledge of its own in {b}: {}", at.own_pledges()),
        );
        Reason::new("declines the mediators' proposal").because(motive)
    }
}

/// Renewing a broken pledge the accord binds, or letting the breach stand.
pub(super) fn renew(at: &Situation, accept: bool) -> Reason {
    let cost = at.rules().renew_capital;
    let durable = at.view.accord.as_ref().is_some_and(|a| a.durable_terms);
    if accept {
        let motive = if durable {
            "renewing repairs the breach, and the accord can still be a durable peace"
        } else {
            "renewing repairs the breach; a second one would make the accord a relapse"
        };
        Reason::new(format!("renews its broken pledge for {cost} capital")).because(motive)
    } else {
        Reason::new("lets the breach stand").because(format!(
            "renewal would cost {cost} of its {} capital (of 10)",
            at.capital()
        ))
    }
}

/// The vote on the tabled accord: what its terms hold, or what they lack.
pub(super) fn vote(at: &Situation, accept: bool) -> Reason {
    let terms = AccordTerms::of(&at.view.commitments);
    let rules = at.rules();
    let (trust, durable) = (at.trust(), rules.durable_trust);
    let verification = at.agreed(Basket::Verification);
    let lasting = trust >= durable && verification && (rules.version < 2 || terms.both_halves());
    let agreed = Basket::ALL.iter().filter(|&&b| at.agreed(b)).count();
    if accept {
        let motive = if lasting {
            format!(
                "the terms hold what a durable peace needs, and Trust {trust} is at least {durable}"
            )
        } else {
            format!(
                "{} baskets are agreed, and waiting risks the pledges that hold them",
                count(agreed)
            )
        };
        let riskiest = at.view.commitments.iter().min_by_key(|c| c.credibility);
        return Reason::new("signs").because(motive).because_maybe(
            riskiest.map(|c| format!("pledge #{}: {}", c.id, breaking(c.credibility))),
        );
    }
    let missing = terms.missing();
    let motive = if rules.version >= 2 && !missing.is_empty() {
        format!("without {} it can be no durable peace", missing[0])
    } else if trust < durable {
        format!("at Trust {trust} (a durable peace needs {durable}) it would only be fragile")
    } else if !verification {
        "without Verification agreed it would only be a fragile accord".to_string()
    } else {
        let left = at.view.last_round().saturating_sub(at.view.round);
        format!(
            "it would rather keep talking, with {} rounds left",
            count(usize::from(left))
        )
    };
    Reason::new("refuses to sign").because(motive)
}
