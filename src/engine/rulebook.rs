//! The rules in words, with the numbers a scenario plays them with: the round, the cards, the
//! accord, the endings and the rule book's version. Every number is read from the
//! [`Scenario`] (its `[rules]`, thresholds, enforcement and scoring), so a screen, a report or
//! a printed handout built from [`rulebook`] says what this scenario's game will do.
//!
//! A few numbers are the game's own and no scenario changes them (Escalation runs 0–5, an
//! accord needs three baskets with Security and Sovereignty, political capital stops at 10, a
//! time-out with Escalation 2 or less is a pause): they are read from the engine's constants
//! where it has them, and written here where it does not.

use super::{Basket, Meter, Scenario, Seat, Trigger};

/// One part of the rules: a title and its points, each a paragraph.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuleSection {
    /// The part's title ("The round").
    pub title: String,
    /// Its points, in the order they apply.
    pub points: Vec<String>,
}

/// Political capital a seat can hold at most (upkeep stops there).
const MAX_CAPITAL: u8 = 10;

/// The highest Escalation at which time running out is a fragile pause, not a relapse.
const PAUSE_ESCALATION: u8 = 2;

/// The rules of `scenario`, part by part, with its numbers.
pub fn rulebook(scenario: &Scenario) -> Vec<RuleSection> {
    vec![
        round(scenario),
        cards(scenario),
        accord(scenario),
        endings(scenario),
        version(scenario),
    ]
}

/// `+n`, `−n` (a true minus) or `0`, for a rule's change.
fn signed(delta: i32) -> String {
    match delta {
        d if d < 0 => format!("−{}", -d),
        0 => "0".to_string(),
        d => format!("+{d}"),
    }
}

/// Seats in words: "the mediators, Pakistan and Afghanistan" (a renamed seat by its name).
fn seat_list(s: &Scenario, seats: &[Seat]) -> String {
    let names: Vec<String> = seats
        .iter()
        .map(|&seat| match seat {
            Seat::Mediator if !s.seat_is_renamed(seat) => "the mediators".to_string(),
            other => s.seat_name(other).to_string(),
        })
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// A pull or walkout trigger in words, after its seat's name: "Security is below 30 with its
/// Pressure at 70 or more".
fn trigger_words(trigger: &Trigger) -> String {
    let pressed = match trigger.pressure {
        Some(line) if line > 0 => format!(" with its Pressure at {line} or more"),
        _ => String::new(),
    };
    format!("{} is below {}{pressed}", trigger.meter, trigger.below)
}

fn round(s: &Scenario) -> RuleSection {
    let r = &s.rules;
    let order = seat_list(s, &s.seat_order);
    let mut negotiation = format!(
        "Negotiation: {order} in turn, {} actions each: play a card, answer a demand aimed at \
         it, or pass; the mediators may also table the accord.",
        r.actions_per_turn
    );
    if r.version >= 2 {
        negotiation.push_str(&format!(
            " In the last round the mediators move last. A delegation's turn without a move: \
             its own Pressure +{}.",
            r.idle_pressure
        ));
    }
    let mut upkeep = format!(
        "Upkeep: every commitment is tested, and breaks with a chance of 100 − its \
         credibility in %. A round without progress (no basket agreed, no commitment made or \
         honoured): Credibility −{}. Each delegation's Pressure +{}.",
        r.stall_credibility, r.pressure_drift
    );
    if r.version >= 2 {
        upkeep.push_str(&format!(
            " Each demand left unanswered since an earlier round: Trust −{}.",
            r.ignored_demand_trust
        ));
    }
    upkeep.push_str(&format!(
        " Hands refill to {} cards; political capital +{} (at most {MAX_CAPITAL}).",
        r.hand_size, r.capital_per_round
    ));
    let mut points = vec![
        format!(
            "{} rounds. Each seat starts with {} political capital and a hand of {}.",
            s.rounds, r.capital_start, r.hand_size
        ),
        "Event: the top event card is revealed and resolved; some ask a seat to choose."
            .to_string(),
        negotiation,
        format!(
            "Public posture, chosen in secret and revealed together: conciliatory (Trust +{}, \
             own Pressure +{}), firm (own Pressure +{}) or hard-line (own Pressure −{}, Trust \
             −{}, a {}% chance of Escalation +1). Both conciliatory: Escalation −1.",
            r.conciliatory_trust,
            r.conciliatory_pressure,
            r.firm_pressure,
            r.hardline_relief,
            r.hardline_trust,
            r.hardline_escalation_chance
        ),
        upkeep,
    ];
    let pulls: Vec<String> = r
        .pulls()
        .map(|p| format!("{} when {}", s.seat_name(p.seat), trigger_words(&p)))
        .collect();
    if !pulls.is_empty() {
        points.push(format!(
            "The pull toward unilateral operations, at upkeep: Escalation +1 for {}.",
            pulls.join("; for ")
        ));
    }
    RuleSection {
        title: "The round".to_string(),
        points,
    }
}

fn cards(s: &Scenario) -> RuleSection {
    let r = &s.rules;
    let thresholds: Vec<String> = Basket::ALL
        .iter()
        .map(|&b| format!("{b} ≥{}", s.threshold(b)))
        .collect();
    let enforcement: Vec<String> = Seat::DELEGATIONS
        .iter()
        .map(|&seat| format!("{} {}", s.seat_name(seat), s.enforcement[seat.index()]))
        .collect();
    let mut demand = format!(
        "Demand: asks the other delegation for something in a basket. It meets it with an \
         assurance of that basket (Trust +{}; the basket is agreed if Trust then reaches its \
         threshold: {}), counters with a demand of its own there, or rejects it (Trust −{}, \
         its own Pressure −{}).",
        r.meet_trust,
        thresholds.join(", "),
        r.reject_trust,
        r.reject_relief
    );
    if r.version >= 2 {
        demand.push_str(&format!(
            " A demand met relieves the demanding delegation: its Pressure −{}.",
            r.met_demand_relief
        ));
    }
    let security_cost = format!(
        "in Security also Security −{} (for a Pakistani pledge, Sovereignty) and Escalation +1",
        r.broken_security
    );
    let mut mediation = "Mediation: verification raises a commitment's credibility (up to the \
                         cap) and marks it verified; monitors on an Afghan pledge go on Afghan \
                         soil and ask the Afghan seat's consent (consenting costs its Pressure \
                         half the card's Sovereignty cost)"
        .to_string();
    if r.version >= 2 {
        mediation.push_str(&format!(
            "; refused, they do not deploy, the verification is withdrawn and Trust −{}. A \
             bridging proposal asks the delegation it would commit (declined: Trust −{}).",
            r.refused_monitors_trust, r.declined_bridge_trust
        ));
    } else {
        mediation.push_str(
            "; refused, they deploy anyway and Sovereignty pays the card's cost. A bridging \
             proposal meets a pending demand on the mediators' authority.",
        );
    }
    RuleSection {
        title: "The cards".to_string(),
        points: vec![
            format!(
                "Cards cost political capital; assurances and confidence cards cost 1 more \
                 while your own Pressure is {} or more.",
                r.surcharge_pressure
            ),
            demand,
            format!(
                "Assurance: a commitment whose credibility is the delegation's enforcement \
                 capacity ({}) plus the card's bonus, {}% at most. Broken: Trust −{}, \
                 Credibility −{}; {security_cost}; its basket unravels. Held through its \
                 tests, it is honoured: Trust +{}, and a basket agreed on it is secured for \
                 good.",
                enforcement.join(", "),
                r.max_credibility,
                r.broken_trust,
                r.broken_credibility,
                r.honoured_trust
            ),
            mediation,
            "Confidence and pressure cards: small immediate steps, and unilateral moves that \
             bring relief at home at a cost at the table. Each card's text gives its numbers."
                .to_string(),
        ],
    }
}

fn accord(s: &Scenario) -> RuleSection {
    let r = &s.rules;
    let mut points = vec![format!(
        "The mediators may table the accord once a round when 3 baskets are agreed, Security \
         and Sovereignty among them; both delegations vote. Refused: Trust −{0}, Credibility \
         −{0}.",
        r.refused_accord_trust
    )];
    if r.version >= 2 {
        points.push(format!(
            "It binds every commitment on the table. A durable peace needs, among them, a \
             verified Afghan commitment in Security and a Pakistani one in Sovereignty or \
             Humanitarian & Trade, with Trust ≥{} and Verification agreed at signing.",
            r.durable_trust
        ));
        points.push(format!(
            "Signing gives every bound commitment +{}% credibility (to {}% at most) and {} new \
             tests, one a round; the talks go on to the last round and at least {} rounds past \
             the signing. A bound pledge that breaks breaches the accord; its delegation may \
             renew it once, for {} capital.",
            r.accord_credibility,
            r.max_credibility,
            r.implementation_tests,
            r.implementation_rounds,
            r.renew_capital
        ));
    } else {
        points.push(format!(
            "Signed, the talks end: a durable peace with Trust ≥{} and Verification agreed, \
             else a fragile accord.",
            r.durable_trust
        ));
    }
    for seat in Seat::DELEGATIONS {
        if let Some(effects) = r.ratification_of(seat) {
            points.push(format!(
                "Ratification at home on signing, {}: {}.",
                s.seat_name(seat),
                super::ratification_words(s, seat, effects)
            ));
        }
    }
    RuleSection {
        title: "The accord".to_string(),
        points,
    }
}

fn endings(s: &Scenario) -> RuleSection {
    let r = &s.rules;
    let sc = &s.scoring;
    let top = Meter::Escalation.max();
    let walkouts: Vec<String> = r
        .walkouts()
        .iter()
        .map(|w| format!("{} when {}", s.seat_name(w.seat), trigger_words(w)))
        .collect();
    let signed_end = if r.version >= 2 {
        "After implementation: no breach, durable terms at signing and both halves still bound \
         make a durable peace; one breach (or no durable terms) a fragile accord; more, a \
         relapse."
    } else {
        "Accord signed: a durable peace or a fragile accord (above)."
    };
    RuleSection {
        title: "The endings".to_string(),
        points: vec![
            format!(
                "Breakdown: Escalation reaches {top}; a delegation walks out ({}); or \
                 Credibility reaches 0 (the mediators withdraw).",
                walkouts.join("; ")
            ),
            signed_end.to_string(),
            format!(
                "Time runs out without an accord: a fragile pause with Escalation \
                 {PAUSE_ESCALATION} or less, else a relapse."
            ),
            format!(
                "The escalation ladder runs 0–{top}: hard-line postures, broken Security \
                 pledges, the pull toward unilateral operations and some events raise it; both \
                 delegations conciliatory lowers it."
            ),
            format!(
                "Scores: every seat scores the shared outcome (durable peace {}, fragile \
                 accord {}, fragile pause {}, relapse {}, breakdown {}) plus its secret \
                 objective's points, minus each red line of its brief the game crossed.",
                signed(i32::from(sc.durable_peace)),
                signed(i32::from(sc.fragile_accord)),
                signed(i32::from(sc.fragile_pause)),
                signed(i32::from(sc.relapse)),
                signed(i32::from(sc.breakdown))
            ),
        ],
    }
}

fn version(s: &Scenario) -> RuleSection {
    let points = if s.rules.version >= 2 {
        vec![
            format!(
                "{} plays rules version 2. Unlike version 1: the accord binds its terms and \
                 must then be implemented; a kept pledge stays on the table for the accord; \
                 refused monitors do not deploy (consent is a veto); a bridge is a proposal; \
                 any delegation may offer a pledge unasked or a package across baskets; red \
                 lines are rules; the mediators move last in the last round; passivity costs \
                 Pressure and Trust.",
                s.title
            ),
            "Version 1: signing ends the game; an honoured pledge leaves the table; refused \
             monitors deploy anyway, at Sovereignty's cost; a bridge commits the other \
             delegation outright."
                .to_string(),
        ]
    } else {
        vec![format!(
            "{} plays rules version 1: signing ends the game, an honoured pledge leaves the \
             table, refused monitors deploy anyway at Sovereignty's cost, and a bridge commits \
             the other delegation outright. (Version 2 adds accord terms and implementation, \
             consent as a veto, packages and costs for passivity.)",
            s.title
        )]
    };
    RuleSection {
        title: "Rules version".to_string(),
        points,
    }
}
