//! Each kind of ending explained from a hand-written log.

use super::explain;
use crate::engine::{
    Basket, Breakdown, LogEntry, LogEvent, Meter, Outcome, Posture, Scenario, Seat, TableId,
};

fn istanbul() -> Scenario {
    crate::scenario::load("istanbul").expect("istanbul builds")
}

fn at(round: u8, event: LogEvent) -> LogEntry {
    LogEntry { round, event }
}

fn meter(round: u8, meter: Meter, delta: i8, now: u8) -> LogEntry {
    at(round, LogEvent::MeterChanged { meter, delta, now })
}

fn card(scenario: &Scenario, id: &str) -> crate::engine::CardId {
    scenario.card_by_id(id).expect("a card of istanbul")
}

fn pledge(round: u8, id: u16, by: Seat, basket: Basket) -> LogEntry {
    at(
        round,
        LogEvent::CommitmentMade {
            id: TableId(id),
            by,
            basket,
            credibility: 60,
        },
    )
}

fn over(round: u8, outcome: Outcome) -> LogEntry {
    at(round, LogEvent::GameOver { outcome })
}

#[test]
fn open_conflict_names_what_raised_the_ladder() {
    let s = istanbul();
    let strike = card(&s, "pk-cross-border-strike");
    let outcome = Outcome::Breakdown(Breakdown::Escalation);
    let log = vec![
        at(
            2,
            LogEvent::PostureTaken {
                seat: Seat::Pakistan,
                posture: Posture::Hardline,
            },
        ),
        at(
            2,
            LogEvent::HardlineEscalated {
                seat: Seat::Pakistan,
            },
        ),
        meter(2, Meter::Escalation, 1, 2),
        at(3, LogEvent::UnilateralPull),
        meter(3, Meter::Escalation, 1, 3),
        at(4, LogEvent::UnilateralPull),
        meter(4, Meter::Escalation, 1, 4),
        at(
            5,
            LogEvent::CardPlayed {
                seat: Seat::Pakistan,
                card: strike,
            },
        ),
        meter(5, Meter::Escalation, 1, 5),
        over(5, outcome),
    ];
    let lines = explain(&s, &log, outcome);
    assert_eq!(
        lines[0],
        "Breakdown: open conflict in round 5 — Escalation reached 5 of 5."
    );
    assert_eq!(
        lines[1],
        "What raised Escalation: Pakistan's pull toward unilateral strikes +2 (rounds 3–4); \
         Pakistan's hard line +1 (round 2); Pakistan's Cross-border strike +1 (round 5)."
    );
}

#[test]
fn a_walkout_names_who_left_and_the_meter_that_crossed_its_line() {
    let s = istanbul();
    let outcome = Outcome::Breakdown(Breakdown::AfghanWalkout);
    let strike = card(&s, "pk-cross-border-strike");
    let log = vec![
        at(
            4,
            LogEvent::CardPlayed {
                seat: Seat::Pakistan,
                card: strike,
            },
        ),
        meter(4, Meter::Sovereignty, -10, 22),
        at(
            6,
            LogEvent::MonitorsDeployed {
                id: TableId(3),
                consented: false,
            },
        ),
        meter(6, Meter::Sovereignty, -10, 12),
        over(6, outcome),
    ];
    let lines = explain(&s, &log, outcome);
    assert_eq!(
        lines[0],
        "Breakdown: Afghanistan walked out in round 6 — Sovereignty fell to 12, under its \
         walkout line of 15."
    );
    assert!(
        lines[1].starts_with("What pushed down Sovereignty: "),
        "{lines:?}"
    );
    assert!(
        lines[1].contains("monitors deployed without consent −10 (round 6)"),
        "{lines:?}"
    );

    let outcome = Outcome::Breakdown(Breakdown::PakistaniWalkout);
    let log = vec![
        meter(7, Meter::PakistanPressure, 10, 92),
        meter(7, Meter::Security, -8, 12),
        over(7, outcome),
    ];
    let lines = explain(&s, &log, outcome);
    assert_eq!(
        lines[0],
        "Breakdown: Pakistan walked out in round 7 — Security fell to 12, under its walkout \
         line of 15, with Pakistan's Pressure at home at 92 (its line is 90)."
    );
}

#[test]
fn the_mediators_withdrawing_names_what_wore_them_down() {
    let s = istanbul();
    let outcome = Outcome::Breakdown(Breakdown::MediatorsWithdrew);
    let log = vec![
        at(2, LogEvent::Stalled),
        meter(2, Meter::Credibility, -7, 30),
        at(3, LogEvent::Stalled),
        meter(3, Meter::Credibility, -7, 23),
        at(
            4,
            LogEvent::CommitmentBroken {
                id: TableId(2),
                by: Seat::Afghanistan,
                basket: Basket::Security,
            },
        ),
        meter(4, Meter::Credibility, -13, 10),
        at(5, LogEvent::Stalled),
        meter(5, Meter::Credibility, -10, 0),
        over(5, outcome),
    ];
    let lines = explain(&s, &log, outcome);
    assert_eq!(
        lines,
        [
            "Breakdown: the mediators withdrew in round 5 — their Credibility reached 0 of 100.",
            "What pushed down Credibility: rounds without progress −24 (rounds 2, 3 and 5); \
             broken pledges −13 (round 4).",
        ]
    );
}

#[test]
fn no_accord_names_the_basket_never_agreed_and_why() {
    let s = istanbul();
    let outcome = Outcome::FragilePause;
    let log = vec![
        at(
            1,
            LogEvent::DemandTabled {
                id: TableId(1),
                by: Seat::Pakistan,
                basket: Basket::Security,
            },
        ),
        at(
            1,
            LogEvent::DemandRejected {
                id: TableId(1),
                by: Seat::Afghanistan,
            },
        ),
        over(10, outcome),
    ];
    let lines = explain(&s, &log, outcome);
    assert!(
        lines[0]
            .starts_with("Fragile pause: time ran out after round 10 with Escalation at 1 of 5"),
        "{lines:?}"
    );
    assert_eq!(
        lines[1],
        "No accord: Security was never agreed — Afghanistan rejected Pakistan's demand #1 in \
         round 1."
    );
    assert_eq!(
        lines[2],
        "No accord: Sovereignty was never agreed — neither delegation put it on the table."
    );
}

#[test]
fn a_relapse_names_the_ladder_and_the_accord_refused() {
    let s = istanbul();
    let outcome = Outcome::Relapse;
    let mut log = vec![meter(3, Meter::Escalation, 2, 3)];
    for (basket, id) in [
        (Basket::Security, 1),
        (Basket::Sovereignty, 2),
        (Basket::Humanitarian, 3),
    ] {
        log.push(pledge(4, id, Seat::Afghanistan, basket));
        log.push(at(4, LogEvent::BasketAgreed { basket }));
    }
    log.extend([
        at(5, LogEvent::AccordTabled),
        at(
            5,
            LogEvent::AccordVote {
                seat: Seat::Pakistan,
                accept: true,
            },
        ),
        at(
            5,
            LogEvent::AccordVote {
                seat: Seat::Afghanistan,
                accept: false,
            },
        ),
        at(5, LogEvent::AccordRefused),
        over(10, outcome),
    ]);
    let lines = explain(&s, &log, outcome);
    assert_eq!(
        lines[0],
        "Relapse: time ran out after round 10 with Escalation at 3 of 5, above the 2 a pause \
         allows."
    );
    assert!(
        lines[1].starts_with("What raised Escalation: "),
        "{lines:?}"
    );
    assert_eq!(
        lines[2],
        "No accord: Afghanistan refused the accord tabled in round 5."
    );
}

/// A log in which the accord is tabled and signed in round 5, binding `bound`.
fn signed_log(bound: &[(u16, Seat, Basket, bool)], trust: u8) -> Vec<LogEntry> {
    let mut log = vec![meter(1, Meter::Trust, trust as i8 - 25, trust)];
    for &(id, by, basket, verified) in bound {
        log.push(pledge(3, id, by, basket));
        if verified {
            log.push(at(
                3,
                LogEvent::CommitmentVerified {
                    id: TableId(id),
                    credibility: 85,
                },
            ));
        }
        log.push(at(3, LogEvent::BasketAgreed { basket }));
    }
    log.push(at(5, LogEvent::AccordTabled));
    for &(id, ..) in bound {
        log.push(at(5, LogEvent::CommitmentBound { id: TableId(id) }));
    }
    log.push(at(5, LogEvent::AccordSigned { until: 10 }));
    log
}

#[test]
fn a_durable_peace_names_what_it_stood_on() {
    let s = istanbul();
    let outcome = Outcome::DurablePeace;
    let mut log = signed_log(
        &[
            (1, Seat::Afghanistan, Basket::Security, true),
            (2, Seat::Pakistan, Basket::Sovereignty, false),
            (3, Seat::Afghanistan, Basket::Verification, false),
        ],
        64,
    );
    log.push(over(10, outcome));
    let lines = explain(&s, &log, outcome);
    assert_eq!(
        lines,
        [
            "Durable peace: the accord signed in round 5 held, implemented to round 10 without \
             a breach left standing.",
            "It stood on Trust 64 (at least 60) and Verification agreed at signing, with \
             Afghanistan's Security pledge #1 (verified) and Pakistan's Sovereignty pledge #2 \
             bound and kept.",
        ]
    );
}

#[test]
fn a_fragile_accord_names_each_condition_of_a_durable_peace_it_missed() {
    let s = istanbul();
    let outcome = Outcome::FragileAccord;
    let mut log = signed_log(
        &[
            (1, Seat::Afghanistan, Basket::Security, false),
            (2, Seat::Pakistan, Basket::Sovereignty, false),
            (3, Seat::Pakistan, Basket::Humanitarian, false),
        ],
        48,
    );
    log.extend([
        at(
            7,
            LogEvent::CommitmentBroken {
                id: TableId(2),
                by: Seat::Pakistan,
                basket: Basket::Sovereignty,
            },
        ),
        at(7, LogEvent::AccordBreached { id: TableId(2) }),
        over(10, outcome),
    ]);
    let lines = explain(&s, &log, outcome);
    assert_eq!(
        lines,
        [
            "Fragile accord: signed in round 5, implemented to round 10.",
            "Durable peace missed: Trust was 48 at signing, short of the 60 it needs.",
            "Durable peace missed: Verification was not agreed when the accord was signed.",
            "Durable peace missed: the Afghan Security pledge #1 was never verified.",
            "Durable peace missed: Pakistan's Sovereignty pledge #2 broke in round 7, breaching \
             the accord.",
        ]
    );
}

#[test]
fn a_relapse_after_signing_counts_the_breaches() {
    let s = istanbul();
    let outcome = Outcome::Relapse;
    let mut log = signed_log(&[(1, Seat::Afghanistan, Basket::Security, true)], 61);
    for round in [6, 8] {
        log.push(at(
            round,
            LogEvent::CommitmentBroken {
                id: TableId(1),
                by: Seat::Afghanistan,
                basket: Basket::Security,
            },
        ));
        log.push(at(round, LogEvent::AccordBreached { id: TableId(1) }));
    }
    log.push(over(10, outcome));
    let lines = explain(&s, &log, outcome);
    assert_eq!(
        lines,
        [
            "Relapse: the accord signed in round 5 was breached 2 times.",
            "Accord breached: Afghanistan's Security pledge #1 broke in round 6.",
            "Accord breached: Afghanistan's Security pledge #1 broke in round 8.",
        ]
    );
}

#[test]
fn a_breakdown_during_implementation_says_the_accord_did_not_survive() {
    let s = istanbul();
    let outcome = Outcome::Breakdown(Breakdown::MediatorsWithdrew);
    let mut log = signed_log(&[(1, Seat::Afghanistan, Basket::Security, true)], 61);
    log.extend([meter(7, Meter::Credibility, -60, 0), over(7, outcome)]);
    let lines = explain(&s, &log, outcome);
    assert_eq!(
        lines.last().map(String::as_str),
        Some("The accord signed in round 5 did not survive its implementation.")
    );
}
