//! Why a card is played: a verification for the chance a pledge breaks, a bridge for a
//! demand left waiting, a demand for what the seat needs from the other side, a pledge for
//! the basket it could agree, and the other cards for the need their effects answer.

use super::Reason;
use super::situation::{Situation, breaking};
use crate::engine::{CardId, CardKind, TableId};

/// Why the seat plays `card`, aimed at `target` when it needs one.
pub(super) fn play(at: &Situation, card: CardId, target: Option<TableId>) -> Reason {
    let def = &at.scenario().cards[usize::from(card)];
    match (def.kind, target) {
        (_, Some(id)) if def.bridge => bridge(at, card, id),
        (_, Some(id)) => verify(at, card, id),
        (CardKind::Demand, None) => demand(at, card),
        (CardKind::Assurance, None) => pledge(at, card),
        (CardKind::Pressure, None) => pressure(at, card),
        (CardKind::Confidence | CardKind::Mediation, None) => step(at, card),
    }
}

/// A verification (or a guarantee) on a standing pledge: the chance it breaks.
fn verify(at: &Situation, card: CardId, id: TableId) -> Reason {
    let def = &at.scenario().cards[usize::from(card)];
    let Some(c) = at.commitment(id) else {
        return step(at, card);
    };
    let reason = Reason::new(format!(
        "plays {} on {}'s {} pledge #{id}",
        def.name,
        at.name(c.by),
        c.basket
    ))
    .because(format!(
        "{}; this adds {}",
        breaking(c.credibility),
        def.verify
    ));
    if def.sends_monitors() && c.by == crate::engine::Seat::Afghanistan {
        reason.because("monitors on Afghan soil need Afghan consent")
    } else {
        reason
    }
}

/// A bridging proposal on a pending demand: how long it has waited, and what its basket is
/// for.
fn bridge(at: &Situation, card: CardId, id: TableId) -> Reason {
    let name = &at.scenario().cards[usize::from(card)].name;
    let Some(d) = at.view.demands.iter().find(|d| d.id == id) else {
        return Reason::new(format!("plays {name}"))
            .because("a bridge gives both sides a way to say yes");
    };
    let act = format!(
        "bridges {}'s {} demand #{id} with {name}",
        at.name(d.by),
        d.basket
    );
    let stake = at.stake(d.basket);
    if d.round < at.view.round {
        Reason::new(act).because(format!(
            "it has waited since round {}, and {stake}",
            d.round
        ))
    } else {
        Reason::new(act).because(stake)
    }
}

/// A demand: what the seat needs from the other side, and whether Trust would let a met
/// demand agree the basket.
fn demand(at: &Situation, card: CardId) -> Reason {
    let def = &at.scenario().cards[usize::from(card)];
    let Some(basket) = def.basket else {
        return step(at, card);
    };
    let act = format!(
        "tables {}, a {basket} demand on {}",
        def.name,
        at.name(at.rival())
    );
    if at.agreed(basket) {
        return Reason::new(act)
            .because_maybe(at.effect_motive(&def.effects))
            .because(format!("{basket} itself is agreed already"));
    }
    Reason::new(act)
        .because(at.stake(basket))
        .because(at.trust_for(basket))
        .because(format!("only {}'s pledge can meet it", at.name(at.rival())))
}

/// A pledge made unasked (or not as the answer to a demand that asks it).
fn pledge(at: &Situation, card: CardId) -> Reason {
    let def = &at.scenario().cards[usize::from(card)];
    let Some(basket) = def.basket else {
        return step(at, card);
    };
    let credible = (i16::from(at.own_enforcement()) + i16::from(def.credibility))
        .clamp(0, i16::from(at.rules().max_credibility));
    let credible = u8::try_from(credible).unwrap_or(0);
    let asked = at
        .view
        .demands
        .iter()
        .find(|d| d.to == at.seat && d.basket == basket);
    if let Some(d) = asked {
        return Reason::new(format!(
            "offers {} on its own terms rather than meeting demand #{}",
            def.name, d.id
        ))
        .because(format!(
            "the pledge stands, but only a met demand agrees {basket}"
        ))
        .because(breaking(credible));
    }
    let act = format!("offers {} unasked", def.name);
    let welcomed = if at.agreed(basket) {
        format!("{basket} is agreed already, and another pledge in it shows good faith")
    } else if at.rules().version >= 2 {
        if at.meeting_would_agree(basket) {
            at.agrees(basket, &format!("welcomed by {}, it", at.name(at.rival())))
                .replace("agrees", "would agree")
        } else {
            format!("it shows good faith in {basket}; {}", at.trust_for(basket))
        }
    } else {
        format!("it shows good faith in {basket} before being asked")
    };
    Reason::new(act)
        .because(welcomed)
        .because(breaking(credible))
}

/// A unilateral move: relief at home, at a cost at the table.
fn pressure(at: &Situation, card: CardId) -> Reason {
    let def = &at.scenario().cards[usize::from(card)];
    let act = format!("plays {}", def.name);
    let motive = at
        .effect_motive(&def.effects)
        .or_else(|| at.home())
        .unwrap_or_else(|| "it answers the audience at home".to_string());
    Reason::new(act).because(motive).because_maybe(
        at.effect_costs(&def.effects)
            .map(|c| format!("it costs {c}")),
    )
}

/// A confidence-building step, or a mediation card without a target: the need its effects
/// answer.
fn step(at: &Situation, card: CardId) -> Reason {
    let def = &at.scenario().cards[usize::from(card)];
    let motive = at
        .effect_motive(&def.effects)
        .unwrap_or_else(|| format!("a cheap, reversible step while {}", at.trust_words()));
    Reason::new(format!("plays {}", def.name))
        .because(motive)
        .because_maybe(
            at.effect_costs(&def.effects)
                .map(|c| format!("it costs {c}")),
        )
}
