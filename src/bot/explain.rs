//! One-line reasons for bot moves, in words a player can learn from.

use crate::engine::{Action, CardId, CardKind, Meter, SeatView, TableId};

/// Describes `action` as taken from `view`, with the rule that makes it matter.
pub fn describe(view: &SeatView, action: &Action) -> String {
    let s = &view.scenario;
    let card = |id: CardId| &s.cards[usize::from(id)];
    let demand = |id: TableId| view.demands.iter().find(|d| d.id == id);
    match *action {
        Action::Play {
            card: c,
            target,
            seat,
        } => {
            let def = card(c);
            match (def.kind, target) {
                (CardKind::Mediation, Some(id)) if def.bridge => match demand(id) {
                    Some(d) => format!(
                        "bridges {}'s {} demand with {}",
                        s.seat_name(d.by),
                        d.basket,
                        def.name
                    ),
                    None => format!("plays {}", def.name),
                },
                (_, Some(id)) => match view.commitments.iter().find(|c| c.id == id) {
                    Some(c) => format!(
                        "{} on {}'s {} commitment #{}: at {}% credible it has a {}% chance \
                         of breaking at each round's end",
                        def.name,
                        s.seat_name(c.by),
                        c.basket,
                        c.id,
                        c.credibility,
                        100u8.saturating_sub(c.credibility)
                    ),
                    None => format!("plays {}", def.name),
                },
                (CardKind::Demand, None) => match def.basket {
                    Some(b) if view.baskets[b.index()].is_agreed() => format!(
                        "demands {} in {b}, though that basket is already agreed: for what \
                         tabling the demand does at once",
                        def.name
                    ),
                    basket => format!(
                        "demands {} in {}: a basket is agreed only when a demand is met",
                        def.name,
                        basket.map_or("a basket".to_string(), |b| b.to_string())
                    ),
                },
                (CardKind::Assurance, None) => {
                    // A pending demand in the same basket, aimed at this seat, could have been
                    // met instead: say so rather than claim nobody asked.
                    let asked = view
                        .demands
                        .iter()
                        .find(|d| d.to == seat && Some(d.basket) == def.basket);
                    match asked {
                        Some(d) => format!(
                            "offers {} on its own terms rather than meeting demand #{}: the \
                             pledge stands, but only a met demand agrees the basket",
                            def.name, d.id
                        ),
                        None => {
                            format!("offers {} to show good faith before being asked", def.name)
                        }
                    }
                }
                (CardKind::Confidence, None) => {
                    format!("plays {}: a cheap step that rebuilds trust", def.name)
                }
                (CardKind::Pressure, None) => format!(
                    "plays {}: domestic pressure on {} is {}",
                    def.name,
                    s.seat_name(seat),
                    Meter::pressure_of(seat).map_or(0, |m| view.meters.get(m))
                ),
                (CardKind::Mediation, None) => format!("plays {}", def.name),
            }
        }
        Action::Meet {
            demand: id,
            card: c,
            ..
        } => {
            let already = demand(id).is_some_and(|d| view.baskets[d.basket.index()].is_agreed());
            let why = if view.meeting_agrees(id, c) {
                " — with the Trust it brings, the basket is agreed"
            } else if already {
                " — the basket is agreed already; the pledge adds to it"
            } else {
                " — a pledge now, though Trust stays below the basket's threshold"
            };
            format!("meets demand #{id} with {}{why}", card(c).name)
        }
        Action::Counter {
            demand: id,
            card: c,
            ..
        } => {
            format!(
                "counters demand #{id} with {} instead of conceding",
                card(c).name
            )
        }
        Action::Reject { demand: id, .. } => {
            format!(
                "rejects demand #{id}: it cannot deliver it, and standing firm plays well at home"
            )
        }
        Action::TableAccord { .. } => {
            "tables the accord while the agreed baskets still hold".to_string()
        }
        Action::Pass { .. } => "passes: nothing in hand is worth its cost right now".to_string(),
        Action::Choose { option, .. } => {
            let label = view
                .current_event
                .and_then(|e| s.events[usize::from(e)].choice.as_ref())
                .and_then(|c| c.options.get(usize::from(option)))
                .map_or("an option", |o| o.label.as_str());
            format!("chooses \"{label}\"")
        }
        Action::Consent { accept: true, .. } => {
            "consents to the monitors: Sovereignty is spared, at some cost at home".to_string()
        }
        Action::Consent { accept: false, .. } if s.rules.version >= 2 => {
            "refuses the monitors: none deploy, the verification is withdrawn, Trust pays"
                .to_string()
        }
        Action::Consent { accept: false, .. } => {
            "refuses consent: the monitors come anyway and Sovereignty pays".to_string()
        }
        Action::AnswerOffer { accept: true, .. } => {
            "welcomes the offered pledge: it can agree its basket".to_string()
        }
        Action::AnswerOffer { accept: false, .. } => {
            "does not take up the offered pledge: it stands, but agrees nothing".to_string()
        }
        Action::OfferPackage { card: c, ask, .. } => format!(
            "offers {} as a package for a commitment in {ask}: trading across issues, each \
             pledge answers what the other side needs",
            card(c).name
        ),
        Action::AnswerPackage { card: Some(c), .. } => format!(
            "accepts the package with {}: two linked pledges, each welcomed as a met demand",
            card(c).name
        ),
        Action::AnswerPackage { card: None, .. } => {
            "declines the package: the other side's card goes back, nothing is pledged".to_string()
        }
        Action::AnswerBridge { accept: true, .. } => {
            "accepts the mediators' proposal: a pledge that answers the demand".to_string()
        }
        Action::AnswerBridge { accept: false, .. } => {
            "declines the mediators' proposal: the demand stays open, Trust pays".to_string()
        }
        Action::Renew { accept: true, .. } => {
            "renews its broken pledge: the accord holds, at a price in capital".to_string()
        }
        Action::Renew { accept: false, .. } => {
            "lets the breach stand: the accord can no longer be a durable peace".to_string()
        }
        Action::Vote { accept: true, .. } => {
            "signs: this accord beats what waiting risks".to_string()
        }
        Action::Vote { accept: false, .. } => {
            "refuses to sign: the accord does not yet serve its aims".to_string()
        }
        Action::Posture { posture, .. } => format!("takes a {posture} posture"),
        Action::Undo { .. } => "takes back its last action".to_string(),
        Action::Inject { .. } => "the facilitator injects an event".to_string(),
    }
}
