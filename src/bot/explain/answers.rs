//! Why a delegation answers a demand as it does (meets, counters, rejects) and why it offers,
//! takes up or declines a package: Trust against what the basket needs, and the chance its
//! own pledge would break.

use super::Reason;
use super::situation::Situation;
use crate::engine::{Basket, CardId, TableId};

/// The basket of pending demand `id`, and who tabled it.
fn demand_of(at: &Situation, id: TableId) -> Option<(Basket, crate::engine::Seat)> {
    at.view
        .demands
        .iter()
        .find(|d| d.id == id)
        .map(|d| (d.basket, d.by))
}

/// Meeting a demand: the basket it agrees, or what leaving it unanswered would cost.
pub(super) fn meet(at: &Situation, id: TableId, card: CardId) -> Reason {
    let name = &at.scenario().cards[usize::from(card)].name;
    let act = format!("meets demand #{id} with {name}");
    let Some((basket, by)) = demand_of(at, id) else {
        return Reason::new(act).because("an answered demand keeps the talks moving");
    };
    let (trust, needs) = (at.trust(), at.scenario().threshold(basket));
    let motive = if at.view.meeting_agrees(id, card) {
        format!("with the Trust it brings, {basket} is agreed (Trust {trust}, needs {needs})")
    } else if at.agreed(basket) {
        format!(
            "{basket} is agreed already, and answering {} keeps faith with it",
            at.name(by)
        )
    } else if at.rules().version >= 2 {
        format!(
            "left unanswered it costs {} Trust a round, though Trust {trust} is short of the \
             {needs} {basket} needs",
            at.rules().ignored_demand_trust
        )
    } else {
        format!("a pledge now, though Trust {trust} is short of the {needs} {basket} needs")
    };
    Reason::new(act).because(motive)
}

/// Countering: rather than pledge at its enforcement capacity, the delegation turns the ask
/// back.
pub(super) fn counter(at: &Situation, id: TableId, card: CardId) -> Reason {
    let name = &at.scenario().cards[usize::from(card)].name;
    let act = format!("counters demand #{id} with {name}");
    let Some((basket, by)) = demand_of(at, id) else {
        return Reason::new(act).because(at.own_pledges());
    };
    Reason::new(act)
        .because(format!(
            "rather than pledge in {basket} itself, it asks {} to move first",
            at.name(by)
        ))
        .because(at.own_pledges())
}

/// Rejecting: the basket Trust would not agree, or the chance its pledge would break; and
/// the relief at home.
pub(super) fn reject(at: &Situation, id: TableId) -> Reason {
    let act = format!("rejects demand #{id}");
    let motive = match demand_of(at, id) {
        Some((basket, _)) if !at.agreed(basket) && !at.meeting_would_agree(basket) => format!(
            "at Trust {} a pledge would not agree {basket} (needs {})",
            at.trust(),
            at.scenario().threshold(basket)
        ),
        _ => at.own_pledges(),
    };
    let relief = at.pressure().map(|p| {
        format!(
            "standing firm eases Pressure at home ({p} of 100) by {}",
            at.rules().reject_relief
        )
    });
    Reason::new(act).because(motive).because_maybe(relief)
}

/// Offering a package: what the seat needs from the other side, and the safety of linked
/// pledges.
pub(super) fn offer_package(at: &Situation, card: CardId, ask: Basket) -> Reason {
    let name = &at.scenario().cards[usize::from(card)].name;
    Reason::new(format!(
        "offers {name} as a package for {}'s pledge in {ask}",
        at.name(at.rival())
    ))
    .because(at.stake(ask))
    .because("if either linked pledge breaks, the other is released")
}

/// Taking up a package, or declining it.
pub(super) fn answer_package(at: &Situation, card: Option<CardId>) -> Reason {
    let offered = at.view.package.as_ref();
    let basket = offered.and_then(|p| at.scenario().cards[usize::from(p.card)].basket);
    match card {
        Some(card) => {
            let name = &at.scenario().cards[usize::from(card)].name;
            let gets = basket.map_or_else(
                || format!("it gets {}'s pledge in return", at.name(at.rival())),
                |b| format!("it gets {}'s pledge in {b} in return", at.name(at.rival())),
            );
            Reason::new(format!("accepts the package with {name}"))
                .because(gets)
                .because("if either pledge breaks, the other is released")
        }
        None => {
            let ask = offered.map(|p| p.ask);
            let act = "declines the package";
            match ask {
                Some(ask) => Reason::new(act).because(format!(
                    "a pledge of its own in {ask}: {}",
                    at.own_pledges()
                )),
                None => Reason::new(act).because(at.own_pledges()),
            }
        }
    }
}
