//! One test per mechanic of the design brief, on the small fixture scenario.

mod common;

use ceasefire::engine::{
    Action, Basket, BasketState, Breakdown, Decision, EventId, Game, LogEvent, Meter, Meters,
    Outcome, Posture, RuleError, Scenario, Seat, TableId, Viewer,
};
use common::{advance_to, card, mini, play};

fn only_calm_events(mut s: Scenario) -> Scenario {
    let calm = s.events.iter().position(|e| e.id == "ev-calm").unwrap();
    s.events = vec![s.events[calm].clone()];
    s.opening_events = Vec::new();
    s
}

fn start(s: Scenario) -> Game {
    Game::new(s, 11)
}

fn with_meter(mut s: Scenario, meter: Meter, value: u8) -> Scenario {
    let mut values = s.start.values();
    values[meter.index()] = value;
    s.start = Meters::new(values);
    s
}

/// Calm events under rules version 2.
fn calm_version_2() -> Scenario {
    let mut s = only_calm_events(mini());
    s.rules.version = 2;
    s
}

/// Calm events, Trust 70 and pledges that always hold (enforcement and credibility 100).
fn certain_pledges_and_high_trust() -> Scenario {
    let mut s = with_meter(only_calm_events(mini()), Meter::Trust, 70);
    s.enforcement = [100, 100, 0];
    s.rules.max_credibility = 100;
    s
}

fn pending_demand_id(game: &Game, by: Seat) -> TableId {
    game.view(Viewer::Facilitator)
        .demands
        .iter()
        .find(|d| d.by == by)
        .map(|d| d.id)
        .expect("a pending demand")
}

/// Mediator passes; Pakistan demands Security and passes; returns the demand's id.
fn pakistan_demands_security(game: &mut Game) -> TableId {
    let s = game.scenario().clone();
    advance_to(game, Seat::Pakistan, Decision::Negotiate);
    play(
        game,
        Action::Play {
            seat: Seat::Pakistan,
            card: card(&s, "pk-sanctuary"),
            target: None,
        },
    );
    play(
        game,
        Action::Pass {
            seat: Seat::Pakistan,
        },
    );
    pending_demand_id(game, Seat::Pakistan)
}

#[test]
fn a_demand_met_by_an_assurance_agrees_the_basket() {
    let s = only_calm_events(mini());
    let mut game = start(s.clone());
    let demand = pakistan_demands_security(&mut game);
    assert_eq!(
        game.meters().get(Meter::PakistanPressure),
        47,
        "the demand's own effect"
    );
    play(
        &mut game,
        Action::Meet {
            seat: Seat::Afghanistan,
            demand,
            card: card(&s, "af-sanctuary-pledge"),
        },
    );
    let view = game.view(Viewer::Facilitator);
    assert!(view.demands.is_empty());
    assert_eq!(view.commitments.len(), 1);
    let commitment = view.commitments[0];
    assert_eq!(
        (commitment.by, commitment.basket),
        (Seat::Afghanistan, Basket::Security)
    );
    assert_eq!(
        commitment.credibility,
        s.enforcement[Seat::Afghanistan.index()]
    );
    assert_eq!(
        view.baskets[Basket::Security.index()],
        BasketState::Agreed {
            commitment: commitment.id
        }
    );
    assert_eq!(game.meters().get(Meter::Trust), 25 + s.rules.meet_trust);
    assert_eq!(view.capital, [2, 2, 3], "each delegation paid 1 capital");
}

#[test]
fn meeting_a_demand_below_the_trust_threshold_leaves_the_basket_open() {
    let mut s = only_calm_events(mini());
    s.thresholds[Basket::Security.index()] = 90;
    let mut game = start(s.clone());
    let demand = pakistan_demands_security(&mut game);
    let entries = game
        .apply(Action::Meet {
            seat: Seat::Afghanistan,
            demand,
            card: card(&s, "af-sanctuary-pledge"),
        })
        .unwrap();
    assert!(entries.iter().any(|e| matches!(
        e.event,
        LogEvent::BasketShortOfTrust {
            basket: Basket::Security,
            threshold: 90,
            ..
        }
    )));
    assert_eq!(game.view(Viewer::Facilitator).baskets[0], BasketState::Open);
    assert_eq!(
        game.view(Viewer::Facilitator).commitments.len(),
        1,
        "the pledge still stands"
    );
}

#[test]
fn rejecting_a_demand_costs_trust_and_relieves_pressure_at_home() {
    let s = only_calm_events(mini());
    let mut game = start(s.clone());
    let demand = pakistan_demands_security(&mut game);
    let pressure = game.meters().get(Meter::AfghanistanPressure);
    play(
        &mut game,
        Action::Reject {
            seat: Seat::Afghanistan,
            demand,
        },
    );
    assert_eq!(game.meters().get(Meter::Trust), 25 - s.rules.reject_trust);
    assert_eq!(
        game.meters().get(Meter::AfghanistanPressure),
        pressure - s.rules.reject_relief
    );
    assert!(game.view(Viewer::Facilitator).demands.is_empty());
}

#[test]
fn countering_replaces_the_demand_with_one_aimed_back() {
    let s = only_calm_events(mini());
    let mut game = start(s.clone());
    advance_to(&mut game, Seat::Afghanistan, Decision::Negotiate);
    play(
        &mut game,
        Action::Play {
            seat: Seat::Afghanistan,
            card: card(&s, "af-trade"),
            target: None,
        },
    );
    let trade = pending_demand_id(&game, Seat::Afghanistan);
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    let trust = game.meters().get(Meter::Trust);
    let counter = Action::Counter {
        seat: Seat::Pakistan,
        demand: trade,
        card: card(&s, "pk-refugee-returns"),
    };
    let label = ceasefire::engine::words::action_in(&game, &counter);
    play(&mut game, counter);
    let demands = game.view(Viewer::Facilitator).demands;
    assert!(
        label.ends_with(&format!(
            ": #{trade} is withdrawn, your demand #{} in Humanitarian & Trade goes to them",
            demands[0].id
        )),
        "{label}"
    );
    assert_eq!(demands.len(), 1);
    assert_eq!(
        (demands[0].by, demands[0].to, demands[0].basket),
        (Seat::Pakistan, Seat::Afghanistan, Basket::Humanitarian)
    );
    assert_eq!(
        game.meters().get(Meter::Trust),
        trust,
        "countering costs no trust"
    );
}

#[test]
fn a_counter_must_be_a_demand_in_the_same_basket() {
    let s = only_calm_events(mini());
    let mut game = start(s.clone());
    advance_to(&mut game, Seat::Afghanistan, Decision::Negotiate);
    play(
        &mut game,
        Action::Play {
            seat: Seat::Afghanistan,
            card: card(&s, "af-trade"),
            target: None,
        },
    );
    let trade = pending_demand_id(&game, Seat::Afghanistan);
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    let err = game
        .apply(Action::Counter {
            seat: Seat::Pakistan,
            demand: trade,
            card: card(&s, "pk-sanctuary"),
        })
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("not in the Humanitarian & Trade basket"),
        "{err}"
    );
}

/// Afghanistan commits to Security on its own in round 1; returns the commitment id.
/// With `afghan_then_mediator`, the mediator acts right after, in the same round, so the
/// commitment is not yet tested.
/// The mediator plays `card` (by id) aimed at table item `id`.
fn mediator_plays(game: &mut Game, card_id: &str, id: TableId) {
    let card = card(game.scenario(), card_id);
    play(
        game,
        Action::Play {
            seat: Seat::Mediator,
            card,
            target: Some(id),
        },
    );
}

fn afghan_then_mediator(mut s: Scenario) -> Scenario {
    s.seat_order = vec![Seat::Afghanistan, Seat::Mediator, Seat::Pakistan];
    s
}

fn afghan_security_pledge(game: &mut Game) -> TableId {
    let s = game.scenario().clone();
    advance_to(game, Seat::Afghanistan, Decision::Negotiate);
    play(
        game,
        Action::Play {
            seat: Seat::Afghanistan,
            card: card(&s, "af-sanctuary-pledge"),
            target: None,
        },
    );
    game.view(Viewer::Facilitator).commitments[0].id
}

#[test]
fn verification_raises_a_commitments_credibility() {
    let s = afghan_then_mediator(only_calm_events(mini()));
    let mut game = start(s.clone());
    let id = afghan_security_pledge(&mut game);
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    mediator_plays(&mut game, "md-protocol", id);
    let c = game.view(Viewer::Facilitator).commitments[0];
    assert!(c.verified && !c.monitors);
    assert_eq!(c.credibility, 45 + 25);
}

#[test]
fn intrusive_monitors_refused_by_the_afghan_seat_cost_sovereignty() {
    let s = afghan_then_mediator(only_calm_events(mini()));
    let mut game = start(s.clone());
    let id = afghan_security_pledge(&mut game);
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    mediator_plays(&mut game, "md-monitors", id);
    assert_eq!(game.to_act(), Some((Seat::Afghanistan, Decision::Consent)));
    assert_eq!(game.view(Seat::Afghanistan).consent_for, Some(id));
    play(
        &mut game,
        Action::Consent {
            seat: Seat::Afghanistan,
            accept: false,
        },
    );
    assert_eq!(game.meters().get(Meter::Sovereignty), 60 - 10);
    assert!(game.view(Viewer::Facilitator).commitments[0].monitors);
    assert_eq!(
        game.to_act(),
        Some((Seat::Mediator, Decision::Negotiate)),
        "the mediator's turn goes on"
    );
}

#[test]
fn intrusive_monitors_with_consent_spare_sovereignty_but_stir_pressure() {
    let s = afghan_then_mediator(only_calm_events(mini()));
    let mut game = start(s.clone());
    let id = afghan_security_pledge(&mut game);
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    let pressure = game.meters().get(Meter::AfghanistanPressure);
    mediator_plays(&mut game, "md-monitors", id);
    play(
        &mut game,
        Action::Consent {
            seat: Seat::Afghanistan,
            accept: true,
        },
    );
    assert_eq!(game.meters().get(Meter::Sovereignty), 60);
    assert_eq!(game.meters().get(Meter::AfghanistanPressure), pressure + 5);
    assert_eq!(
        game.view(Viewer::Facilitator).commitments[0].credibility,
        45 + 35
    );
}

#[test]
fn intrusive_verification_of_a_pakistani_pledge_puts_no_monitors_on_afghan_soil() {
    let mut s = only_calm_events(mini());
    s.seat_order = vec![Seat::Pakistan, Seat::Mediator, Seat::Afghanistan];
    let mut game = start(s.clone());
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    play(
        &mut game,
        Action::Play {
            seat: Seat::Pakistan,
            card: card(&s, "pk-noninterference"),
            target: None,
        },
    );
    let id = game.view(Viewer::Facilitator).commitments[0].id;
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    let sovereignty = game.meters().get(Meter::Sovereignty);
    mediator_plays(&mut game, "md-monitors", id);
    assert_eq!(game.to_act().map(|(seat, _)| seat), Some(Seat::Mediator));
    let view = game.view(Viewer::Facilitator);
    let c = view.commitments.iter().find(|c| c.id == id).unwrap();
    assert!(c.verified && !c.monitors);
    assert_eq!(view.stats.monitors_deployed, 0);
    assert_eq!(game.meters().get(Meter::Sovereignty), sovereignty);
}

#[test]
fn a_bridging_proposal_resolves_a_demand_on_the_mediators_authority() {
    let s = only_calm_events(mini());
    let mut game = start(s.clone());
    let demand = pakistan_demands_security(&mut game);
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    play(
        &mut game,
        Action::Play {
            seat: Seat::Mediator,
            card: card(&s, "md-bridge"),
            target: Some(demand),
        },
    );
    let view = game.view(Viewer::Facilitator);
    assert!(view.demands.is_empty());
    let c = view.commitments[0];
    assert_eq!((c.by, c.credibility), (Seat::Afghanistan, 45 + 10));
    assert!(view.baskets[Basket::Security.index()].is_agreed());
}

#[test]
fn a_commitment_with_no_credibility_breaks_and_unravels_its_basket() {
    let mut s = only_calm_events(mini());
    s.enforcement = [0, 0, 0];
    let mut game = start(s.clone());
    let demand = pakistan_demands_security(&mut game);
    play(
        &mut game,
        Action::Meet {
            seat: Seat::Afghanistan,
            demand,
            card: card(&s, "af-sanctuary-pledge"),
        },
    );
    let before = game.meters();
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    let log = game.log();
    assert!(log.iter().any(|e| matches!(
        e.event,
        LogEvent::CommitmentBroken {
            by: Seat::Afghanistan,
            ..
        }
    )));
    assert!(log.iter().any(|e| matches!(
        e.event,
        LogEvent::BasketUnravelled {
            basket: Basket::Security
        }
    )));
    let view = game.view(Viewer::Facilitator);
    assert!(view.commitments.is_empty());
    assert_eq!(view.baskets[0], BasketState::Open);
    assert_eq!(
        game.meters().get(Meter::Security),
        before.get(Meter::Security) - s.rules.broken_security
    );
    assert_eq!(
        game.meters().get(Meter::Escalation),
        before.get(Meter::Escalation) + 1
    );
}

/// Pledges made certain (enforcement and credibility 100) in `s`; Afghanistan meets
/// Pakistan's Security demand and its pledge holds both its tests. Returns the game at the
/// mediators' turn after the second test.
fn a_certain_afghan_pledge_held_twice(mut s: Scenario) -> Game {
    s.enforcement = [100, 100, 0];
    s.rules.max_credibility = 100;
    let mut game = start(s.clone());
    let demand = pakistan_demands_security(&mut game);
    play(
        &mut game,
        Action::Meet {
            seat: Seat::Afghanistan,
            demand,
            card: card(&s, "af-sanctuary-pledge"),
        },
    );
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    assert_eq!(game.view(Viewer::Facilitator).commitments[0].tests, 1);
    advance_to(&mut game, Seat::Afghanistan, Decision::Negotiate);
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    game
}

#[test]
fn a_commitment_that_survives_its_duration_is_honoured_and_secures_its_basket() {
    let game = a_certain_afghan_pledge_held_twice(only_calm_events(mini()));
    let view = game.view(Viewer::Facilitator);
    assert!(view.commitments.is_empty());
    assert_eq!(view.baskets[0], BasketState::Secured);
    assert!(
        game.log()
            .iter()
            .any(|e| matches!(e.event, LogEvent::CommitmentHonoured { .. }))
    );
}

/// Plays three rounds that agree Security, Sovereignty and Verification.
fn three_baskets(s: &Scenario) -> Game {
    let mut game = start(s.clone());
    let c = |id| card(s, id);
    let security = pakistan_demands_security(&mut game);
    play(
        &mut game,
        Action::Meet {
            seat: Seat::Afghanistan,
            demand: security,
            card: c("af-sanctuary-pledge"),
        },
    );
    play(
        &mut game,
        Action::Play {
            seat: Seat::Afghanistan,
            card: c("af-respect-borders"),
            target: None,
        },
    );
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    let sovereignty = pending_demand_id(&game, Seat::Afghanistan);
    play(
        &mut game,
        Action::Meet {
            seat: Seat::Pakistan,
            demand: sovereignty,
            card: c("pk-noninterference"),
        },
    );
    play(
        &mut game,
        Action::Play {
            seat: Seat::Pakistan,
            card: c("pk-monitors"),
            target: None,
        },
    );
    let verification = pending_demand_id(&game, Seat::Pakistan);
    play(
        &mut game,
        Action::Meet {
            seat: Seat::Afghanistan,
            demand: verification,
            card: c("af-joint-mechanism"),
        },
    );
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    game
}

#[test]
fn the_accord_can_be_tabled_only_with_security_and_sovereignty_among_three_baskets() {
    let mut s = only_calm_events(mini());
    s.enforcement = [100, 100, 0];
    s.rules.max_credibility = 100;
    let mut game = start(s.clone());
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    let err = game
        .apply(Action::TableAccord {
            seat: Seat::Mediator,
        })
        .unwrap_err();
    assert!(err.to_string().contains("3 agreed baskets"), "{err}");
    let game = three_baskets(&s);
    assert!(
        game.legal_actions(Seat::Mediator)
            .contains(&Action::TableAccord {
                seat: Seat::Mediator
            })
    );
}

#[test]
fn an_accord_signed_by_both_ends_the_game_and_scores_it() {
    let mut s = only_calm_events(mini());
    s.enforcement = [100, 100, 0];
    s.rules.max_credibility = 100;
    let mut game = three_baskets(&s);
    play(
        &mut game,
        Action::TableAccord {
            seat: Seat::Mediator,
        },
    );
    assert_eq!(game.to_act(), Some((Seat::Pakistan, Decision::AccordVote)));
    play(
        &mut game,
        Action::Vote {
            seat: Seat::Pakistan,
            accept: true,
        },
    );
    play(
        &mut game,
        Action::Vote {
            seat: Seat::Afghanistan,
            accept: true,
        },
    );
    let trust_high = game.meters().get(Meter::Trust) >= s.rules.durable_trust;
    let expected = if trust_high {
        Outcome::DurablePeace
    } else {
        Outcome::FragileAccord
    };
    assert_eq!(game.outcome(), Some(expected));
    let scores = game.scores().unwrap();
    let mediator = &scores[Seat::Mediator.index()];
    assert!(
        mediator.objective_met,
        "no walkout and at least two baskets agreed"
    );
    assert_eq!(mediator.total, expected.points(&s.scoring) + 4);
    assert_eq!(game.to_act(), None);
    assert_eq!(
        game.apply(Action::Pass {
            seat: Seat::Mediator
        }),
        Err(RuleError::GameOver)
    );
}

#[test]
fn high_trust_and_verification_make_the_peace_durable() {
    let s = certain_pledges_and_high_trust();
    let mut game = three_baskets(&s);
    play(
        &mut game,
        Action::TableAccord {
            seat: Seat::Mediator,
        },
    );
    play(
        &mut game,
        Action::Vote {
            seat: Seat::Pakistan,
            accept: true,
        },
    );
    play(
        &mut game,
        Action::Vote {
            seat: Seat::Afghanistan,
            accept: true,
        },
    );
    assert_eq!(game.outcome(), Some(Outcome::DurablePeace));
}

#[test]
fn a_refused_accord_costs_trust_and_credibility_and_talks_go_on() {
    let mut s = only_calm_events(mini());
    s.enforcement = [100, 100, 0];
    s.rules.max_credibility = 100;
    let mut game = three_baskets(&s);
    let before = game.meters();
    play(
        &mut game,
        Action::TableAccord {
            seat: Seat::Mediator,
        },
    );
    play(
        &mut game,
        Action::Vote {
            seat: Seat::Pakistan,
            accept: false,
        },
    );
    assert_eq!(game.outcome(), None);
    let cost = s.rules.refused_accord_trust;
    assert_eq!(
        game.meters().get(Meter::Trust),
        before.get(Meter::Trust) - cost
    );
    assert_eq!(
        game.meters().get(Meter::Credibility),
        before.get(Meter::Credibility) - cost
    );
    assert_eq!(game.to_act(), Some((Seat::Mediator, Decision::Negotiate)));
    let err = game
        .apply(Action::TableAccord {
            seat: Seat::Mediator,
        })
        .unwrap_err();
    assert!(err.to_string().contains("already tabled"), "{err}");
}

#[test]
fn escalation_at_five_is_open_conflict() {
    let s = with_meter(only_calm_events(mini()), Meter::Escalation, 4);
    let mut game = start(s.clone());
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    play(
        &mut game,
        Action::Play {
            seat: Seat::Pakistan,
            card: card(&s, "pk-strike"),
            target: None,
        },
    );
    assert_eq!(
        game.outcome(),
        Some(Outcome::Breakdown(Breakdown::Escalation))
    );
}

#[test]
fn sovereignty_under_the_floor_is_an_afghan_walkout() {
    let s = with_meter(only_calm_events(mini()), Meter::Sovereignty, 20);
    let mut game = start(s.clone());
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    play(
        &mut game,
        Action::Play {
            seat: Seat::Pakistan,
            card: card(&s, "pk-strike"),
            target: None,
        },
    );
    assert_eq!(
        game.outcome(),
        Some(Outcome::Breakdown(Breakdown::AfghanWalkout))
    );
    assert!(
        !game.scores().unwrap()[Seat::Mediator.index()].objective_met,
        "the mediator wanted no walkout"
    );
}

#[test]
fn security_collapse_under_top_pressure_is_a_pakistani_walkout() {
    let mut s = with_meter(only_calm_events(mini()), Meter::Security, 16);
    s = with_meter(s, Meter::PakistanPressure, 95);
    s.events[0].effects.meters = vec![(ceasefire::engine::MeterTarget::Fixed(Meter::Security), -2)];
    let game = start(s);
    assert_eq!(
        game.outcome(),
        Some(Outcome::Breakdown(Breakdown::PakistaniWalkout))
    );
}

#[test]
fn a_round_without_progress_wears_out_the_mediators() {
    let s = with_meter(only_calm_events(mini()), Meter::Credibility, 5);
    let mut game = start(s);
    advance_to(&mut game, Seat::Pakistan, Decision::Posture);
    play(
        &mut game,
        Action::Posture {
            seat: Seat::Pakistan,
            posture: Posture::Firm,
        },
    );
    play(
        &mut game,
        Action::Posture {
            seat: Seat::Afghanistan,
            posture: Posture::Firm,
        },
    );
    assert!(game.log().iter().any(|e| e.event == LogEvent::Stalled));
    assert_eq!(
        game.outcome(),
        Some(Outcome::Breakdown(Breakdown::MediatorsWithdrew))
    );
}

#[test]
fn time_running_out_is_a_pause_or_a_relapse_by_escalation() {
    for (escalation, expected) in [(1, Outcome::FragilePause), (3, Outcome::Relapse)] {
        let mut s = with_meter(only_calm_events(mini()), Meter::Escalation, escalation);
        s.rounds = 1;
        let mut game = start(s);
        advance_to(&mut game, Seat::Pakistan, Decision::Posture);
        play(
            &mut game,
            Action::Posture {
                seat: Seat::Pakistan,
                posture: Posture::Firm,
            },
        );
        play(
            &mut game,
            Action::Posture {
                seat: Seat::Afghanistan,
                posture: Posture::Firm,
            },
        );
        assert_eq!(game.outcome(), Some(expected));
    }
}

#[test]
fn both_conciliatory_lowers_escalation_and_postures_stay_hidden_until_both_chose() {
    let s = with_meter(only_calm_events(mini()), Meter::Escalation, 2);
    let mut game = start(s);
    advance_to(&mut game, Seat::Pakistan, Decision::Posture);
    play(
        &mut game,
        Action::Posture {
            seat: Seat::Pakistan,
            posture: Posture::Conciliatory,
        },
    );
    assert_eq!(game.view(Seat::Afghanistan).postures[0], None);
    assert_eq!(
        game.view(Seat::Pakistan).postures[0],
        Some(Posture::Conciliatory)
    );
    assert!(
        !game
            .log()
            .iter()
            .any(|e| matches!(e.event, LogEvent::PostureTaken { .. }))
    );
    play(
        &mut game,
        Action::Posture {
            seat: Seat::Afghanistan,
            posture: Posture::Conciliatory,
        },
    );
    assert_eq!(game.meters().get(Meter::Escalation), 1);
    assert_eq!(game.meters().get(Meter::Trust), 25 + 2 * 3);
}

#[test]
fn high_pressure_makes_conciliatory_cards_dearer() {
    let s = with_meter(only_calm_events(mini()), Meter::PakistanPressure, 80);
    let game = start(s.clone());
    assert_eq!(
        game.effective_cost(Seat::Pakistan, card(&s, "pk-noninterference")),
        2
    );
    assert_eq!(
        game.effective_cost(Seat::Pakistan, card(&s, "pk-strike")),
        2,
        "pressure cards are not surcharged"
    );
    assert_eq!(
        game.effective_cost(Seat::Afghanistan, card(&s, "af-sanctuary-pledge")),
        1
    );
}

#[test]
fn illegal_actions_are_refused_with_a_reason() {
    let s = with_meter(only_calm_events(mini()), Meter::Escalation, 4);
    let mut game = start(s.clone());
    let err = game
        .apply(Action::Pass {
            seat: Seat::Pakistan,
        })
        .unwrap_err();
    assert!(
        matches!(
            err,
            RuleError::NotYourTurn {
                expected: Seat::Mediator,
                ..
            }
        ),
        "{err}"
    );
    let err = game
        .apply(Action::Play {
            seat: Seat::Mediator,
            card: card(&s, "pk-strike"),
            target: None,
        })
        .unwrap_err();
    assert!(err.to_string().contains("not in Mediator's hand"), "{err}");
    let err = game
        .apply(Action::Play {
            seat: Seat::Mediator,
            card: card(&s, "md-protocol"),
            target: None,
        })
        .unwrap_err();
    assert!(err.to_string().contains("commitment"), "{err}");
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    if let Some(convoy) = s.card_by_id("sh-convoy")
        && game.view(Seat::Pakistan).own_hand().contains(&convoy)
    {
        let err = game
            .apply(Action::Play {
                seat: Seat::Pakistan,
                card: convoy,
                target: None,
            })
            .unwrap_err();
        assert!(err.to_string().contains("Escalation at most 3"), "{err}");
    }
    let err = game
        .apply(Action::Posture {
            seat: Seat::Pakistan,
            posture: Posture::Firm,
        })
        .unwrap_err();
    assert!(matches!(err, RuleError::WrongDecision { .. }), "{err}");
}

#[test]
fn capital_pays_for_cards_and_returns_each_round() {
    let s = only_calm_events(mini());
    let mut game = start(s.clone());
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    play(
        &mut game,
        Action::Play {
            seat: Seat::Pakistan,
            card: card(&s, "pk-strike"),
            target: None,
        },
    );
    play(
        &mut game,
        Action::Play {
            seat: Seat::Pakistan,
            card: card(&s, "pk-sanctuary"),
            target: None,
        },
    );
    assert_eq!(game.view(Seat::Pakistan).capital[0], 0);
    let err = game
        .card_block_reason(Seat::Pakistan, card(&s, "pk-noninterference"))
        .unwrap();
    assert!(err.contains("costs 1 capital, you have 0"), "{err}");
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    assert_eq!(
        game.view(Seat::Pakistan).capital[0],
        s.rules.capital_per_round
    );
}

#[test]
fn an_event_choice_belongs_to_its_seat() {
    let mut s = mini();
    let attack = s.events.iter().position(|e| e.id == "ev-attack").unwrap();
    s.events = vec![s.events[attack].clone()];
    s.opening_events = Vec::new();
    let mut game = start(s.clone());
    assert_eq!(game.to_act(), Some((Seat::Pakistan, Decision::EventChoice)));
    assert_eq!(game.meters().get(Meter::Security), 45 - 8);
    assert_eq!(game.legal_actions(Seat::Pakistan).len(), 2);
    play(
        &mut game,
        Action::Choose {
            seat: Seat::Pakistan,
            option: 0,
        },
    );
    assert_eq!(
        game.meters().get(Meter::Escalation),
        2,
        "retaliation climbs the ladder"
    );
    assert_eq!(game.to_act(), Some((Seat::Mediator, Decision::Negotiate)));
}

#[test]
fn a_leak_breaks_the_weakest_commitment_of_its_seat() {
    let mut s = mini();
    let calm = EventId(s.events.iter().position(|e| e.id == "ev-calm").unwrap() as u16);
    let leak = EventId(s.events.iter().position(|e| e.id == "ev-leak").unwrap() as u16);
    s.opening_events = vec![calm, leak];
    s.enforcement = [100, 100, 0];
    s.rules.max_credibility = 100;
    let mut game = start(s.clone());
    afghan_security_pledge(&mut game);
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    assert_eq!(game.round(), 2);
    assert!(game.log().iter().any(|e| e.round == 2
        && matches!(
            e.event,
            LogEvent::CommitmentBroken {
                by: Seat::Afghanistan,
                ..
            }
        )));
}

#[test]
fn a_seat_sees_its_own_secrets_and_nobody_elses() {
    let game = start(mini());
    let pakistan = game.view(Seat::Pakistan);
    assert!(
        pakistan.hands[0].is_some() && pakistan.hands[1].is_none() && pakistan.hands[2].is_none()
    );
    assert!(pakistan.objectives[0].is_some() && pakistan.objectives[1].is_none());
    assert!(pakistan.event_pile.is_none());
    let spectator = game.view(Viewer::Spectator);
    assert!(
        spectator.hands.iter().all(Option::is_none)
            && spectator.objectives.iter().all(Option::is_none)
    );
    let facilitator = game.view(Viewer::Facilitator);
    assert!(facilitator.hands.iter().all(Option::is_some) && facilitator.event_pile.is_some());
}

#[test]
fn the_opening_events_come_first_in_order() {
    let s = mini();
    let game = start(s.clone());
    let first = game.log().iter().find_map(|e| match e.event {
        LogEvent::EventRevealed { event } => Some(event),
        _ => None,
    });
    assert_eq!(first, Some(s.opening_events[0]));
}

#[test]
fn a_seat_can_take_back_its_last_action_before_anything_is_revealed() {
    let s = only_calm_events(mini());
    let mut game = start(s.clone());
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    let before = game.view(Viewer::Facilitator);
    play(
        &mut game,
        Action::Play {
            seat: Seat::Pakistan,
            card: card(&s, "pk-strike"),
            target: None,
        },
    );
    assert_ne!(game.meters(), before.meters);
    assert!(
        matches!(game.check_undo(Seat::Afghanistan), Err(RuleError::Illegal(r))
            if r.contains("another seat has acted") && !r.contains("Pakistan"))
    );
    assert!(!game.legal_actions(Seat::Pakistan).contains(&Action::Undo {
        seat: Seat::Pakistan
    }));
    play(
        &mut game,
        Action::Undo {
            seat: Seat::Pakistan,
        },
    );
    assert_eq!(game.view(Viewer::Facilitator), before);
    assert_eq!(
        game.log().last().unwrap().event,
        LogEvent::Undone {
            seat: Seat::Pakistan
        }
    );
    assert_eq!(game.to_act(), Some((Seat::Pakistan, Decision::Negotiate)));
    let replayed = Game::replay(game.scenario().clone(), game.seed(), game.actions()).unwrap();
    assert_eq!(replayed, game, "the undo is part of the replayable history");
}

#[test]
fn an_undo_is_refused_once_something_hidden_was_revealed() {
    let s = only_calm_events(mini());
    let mut game = start(s.clone());
    advance_to(&mut game, Seat::Pakistan, Decision::Posture);
    play(
        &mut game,
        Action::Posture {
            seat: Seat::Pakistan,
            posture: Posture::Firm,
        },
    );
    assert_eq!(
        game.check_undo(Seat::Pakistan),
        Ok(()),
        "a secret posture can be changed"
    );
    play(
        &mut game,
        Action::Posture {
            seat: Seat::Afghanistan,
            posture: Posture::Firm,
        },
    );
    let err = game.check_undo(Seat::Afghanistan).unwrap_err();
    assert!(err.to_string().contains("too late"), "{err}");
    assert!(
        game.apply(Action::Undo {
            seat: Seat::Afghanistan
        })
        .is_err()
    );
}

#[test]
fn briefs_are_read_only_by_their_own_seat_until_the_end() {
    let mut game = start(mini());
    let pk = game.view(Seat::Pakistan);
    assert!(
        pk.briefs[0]
            .as_ref()
            .unwrap()
            .situation
            .starts_with("PK-BRIEF")
    );
    assert!(pk.briefs[1].is_none() && pk.briefs[2].is_none());
    let facilitator = game.view(Viewer::Facilitator);
    assert!(facilitator.briefs.iter().all(Option::is_some));
    assert!(
        game.view(Viewer::Spectator)
            .briefs
            .iter()
            .all(Option::is_none)
    );
    while let Some((seat, _)) = game.to_act() {
        let action = *game.legal_actions(seat).last().unwrap();
        game.apply(action).unwrap();
    }
    let af = game.view(Seat::Afghanistan);
    assert!(
        af.briefs[0]
            .as_ref()
            .unwrap()
            .situation
            .starts_with("PK-BRIEF")
    );
    assert!(
        af.briefs[2]
            .as_ref()
            .unwrap()
            .situation
            .starts_with("MD-BRIEF")
    );
}

#[test]
fn an_injected_event_comes_before_the_deck_and_is_marked_in_the_log() {
    let scenario = mini();
    let mut plain = start(scenario.clone());
    let mut injected = start(scenario.clone());
    let last = EventId((scenario.events.len() - 1) as u16);
    injected.apply(Action::Inject { event: last }).unwrap();
    assert!(
        injected
            .log()
            .iter()
            .any(|e| e.event == LogEvent::InjectQueued { event: last })
    );
    assert_eq!(injected.view(Seat::Pakistan).injects, vec![last], "public");
    // Play both games identically to round 2's event.
    let mut deck_event_round_2 = None;
    while plain.round() < 3 && plain.outcome().is_none() {
        let (seat, _) = plain.to_act().unwrap();
        let action = *plain.legal_actions(seat).last().unwrap();
        plain.apply(action).unwrap();
        injected.apply(action).unwrap();
        if plain.round() == 2 && deck_event_round_2.is_none() {
            deck_event_round_2 = plain.view(Viewer::Facilitator).current_event;
            assert_eq!(injected.view(Viewer::Facilitator).current_event, Some(last));
            assert!(
                injected
                    .log()
                    .iter()
                    .any(|e| e.round == 2 && e.event == LogEvent::Injected { event: last })
            );
            // The inject may change meters, so stop comparing action by action.
            break;
        }
    }
    assert!(deck_event_round_2.is_some());
    let replayed = Game::replay(scenario, injected.seed(), injected.actions()).unwrap();
    assert_eq!(replayed, injected, "injects replay like any action");
}

#[test]
fn an_inject_cannot_be_undone_and_is_refused_after_the_end() {
    let mut game = start(mini());
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    play(
        &mut game,
        Action::Pass {
            seat: Seat::Pakistan,
        },
    );
    game.apply(Action::Inject { event: EventId(0) }).unwrap();
    assert!(game.check_undo(Seat::Mediator).is_err());
    assert!(game.check_undo(Seat::Pakistan).is_err());
    assert!(
        game.apply(Action::Inject {
            event: EventId(999)
        })
        .is_err()
    );
    while let Some((seat, _)) = game.to_act() {
        let action = *game.legal_actions(seat).last().unwrap();
        game.apply(action).unwrap();
    }
    assert_eq!(
        game.apply(Action::Inject { event: EventId(0) }),
        Err(RuleError::GameOver)
    );
}

#[test]
fn events_on_the_inject_list_never_come_from_the_deck() {
    let scenario = mini();
    let summit = EventId(
        scenario
            .events
            .iter()
            .position(|e| e.id == "ev-inject-summit")
            .unwrap() as u16,
    );
    for seed in 0..40 {
        let mut game = Game::new(scenario.clone(), seed);
        assert!(
            !game
                .view(Viewer::Facilitator)
                .event_pile
                .unwrap()
                .contains(&summit)
        );
        while let Some((seat, _)) = game.to_act() {
            assert_ne!(game.view(Viewer::Facilitator).current_event, Some(summit));
            let action = *game.legal_actions(seat).first().unwrap();
            game.apply(action).unwrap();
        }
    }
}

#[test]
fn a_scenario_may_only_grow_by_inject_list_events_during_a_game() {
    let scenario = mini();
    let mut game = start(scenario.clone());
    let mut grown = scenario.clone();
    let mut extra = grown.events[0].clone();
    extra.id = "spot-1".into();
    extra.inject = true;
    grown.events.push(extra.clone());
    assert!(
        game.extend_events(std::sync::Arc::new(grown.clone()))
            .is_ok()
    );
    assert_eq!(game.scenario().events.len(), scenario.events.len() + 1);

    let mut changed = grown.clone();
    changed.rounds += 1;
    assert!(game.extend_events(std::sync::Arc::new(changed)).is_err());
    let mut in_deck = grown;
    in_deck.events.last_mut().unwrap().inject = false;
    let mut fresh = start(scenario);
    assert!(fresh.extend_events(std::sync::Arc::new(in_deck)).is_err());
}

/// Rules version 2 on the fixture: calm events, strong enforcement, Trust high enough, and
/// pledges that must hold for many tests, so they still stand when the accord is tabled.
fn version_2() -> Scenario {
    let mut s = certain_pledges_and_high_trust();
    s.rules.version = 2;
    for card in &mut s.cards {
        card.duration = card.duration.max(9);
    }
    s
}

/// Tables the accord in `game` and has both delegations sign it.
fn table_and_sign(game: &mut Game) {
    play(
        game,
        Action::TableAccord {
            seat: Seat::Mediator,
        },
    );
    for seat in Seat::DELEGATIONS {
        play(game, Action::Vote { seat, accept: true });
    }
}

#[test]
fn version_2_an_accord_binds_the_standing_commitments_and_says_so() {
    let s = version_2();
    let mut game = three_baskets(&s);
    let standing: Vec<TableId> = game.commitments().iter().map(|c| c.id).collect();
    assert!(standing.len() >= 3, "{standing:?}");
    play(
        &mut game,
        Action::TableAccord {
            seat: Seat::Mediator,
        },
    );
    let bound: Vec<TableId> = game
        .log()
        .iter()
        .filter_map(|e| match e.event {
            LogEvent::CommitmentBound { id } => Some(id),
            _ => None,
        })
        .collect();
    assert_eq!(bound, standing);
}

#[test]
fn version_2_no_durable_peace_without_verified_afghan_action_on_the_sanctuaries() {
    // Trust is high and Verification agreed, which made it durable under version 1; but the
    // Afghan Security pledge is not verified.
    let s = version_2();
    let mut game = three_baskets(&s);
    let terms = ceasefire::engine::AccordTerms::of(game.commitments());
    assert!(!terms.afghan_security_verified && terms.pakistani_assurance);
    table_and_sign(&mut game);
    assert!(!game.view(Seat::Mediator).accord.unwrap().durable_terms);
    assert_eq!(play_out_passively(&mut game), Outcome::FragileAccord);

    let mut v1 = s.clone();
    v1.rules.version = 1;
    let mut game = three_baskets(&v1);
    table_and_sign(&mut game);
    assert_eq!(game.outcome(), Some(Outcome::DurablePeace), "version 1");
}

#[test]
fn version_2_a_verified_afghan_pledge_and_a_pakistani_assurance_make_the_peace_durable() {
    // Afghan enforcement below the maximum, so its pledge can be verified.
    let mut s = version_2();
    s.enforcement[Seat::Afghanistan.index()] = 90;
    let mut game = three_baskets(&s);
    let afghan = game
        .commitments()
        .iter()
        .find(|c| c.by == Seat::Afghanistan && c.basket == Basket::Security)
        .map(|c| c.id)
        .unwrap();
    mediator_plays(&mut game, "md-protocol", afghan);
    assert!(ceasefire::engine::AccordTerms::of(game.commitments()).both_halves());
    table_and_sign(&mut game);
    assert!(game.view(Seat::Mediator).accord.unwrap().durable_terms);
}

#[test]
fn version_2_refused_monitors_do_not_deploy_and_the_verification_is_withdrawn() {
    let s = afghan_then_mediator(calm_version_2());
    let mut game = start(s.clone());
    let id = afghan_security_pledge(&mut game);
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    let before = game.meters();
    mediator_plays(&mut game, "md-monitors", id);
    assert_eq!(game.to_act(), Some((Seat::Afghanistan, Decision::Consent)));
    let refuse = Action::Consent {
        seat: Seat::Afghanistan,
        accept: false,
    };
    let label = ceasefire::engine::words::action_in(&game, &refuse);
    assert!(
        label.contains("no monitors deploy") && label.contains("back to 45%"),
        "{label}"
    );
    play(&mut game, refuse);
    let c = game.view(Viewer::Facilitator).commitments[0];
    assert!(!c.monitors && !c.verified, "{c:?}");
    assert_eq!(c.credibility, 45);
    assert_eq!(game.view(Viewer::Facilitator).stats.monitors_deployed, 0);
    assert_eq!(
        game.meters().get(Meter::Sovereignty),
        before.get(Meter::Sovereignty)
    );
    assert_eq!(
        game.meters().get(Meter::Trust),
        before.get(Meter::Trust) - s.rules.refused_monitors_trust
    );
    assert!(game.log().iter().any(|e| e.event
        == LogEvent::MonitorsRefused {
            id,
            credibility: 45
        }));
}

/// Plays every decision as the decision clock would (pass, firm, the first option or
/// refusal) until the game ends; returns the outcome.
fn play_out_passively(game: &mut Game) -> Outcome {
    for _ in 0..2_000 {
        let Some((seat, _)) = game.to_act() else {
            return game.outcome().expect("the game is over");
        };
        let action = ceasefire::bot::passive_action(&game.view(seat)).unwrap();
        play(game, action);
    }
    panic!("the game never ended");
}

/// Version 2 with a verifiable Afghan pledge: the accord's terms are durable once the mediator
/// verifies it. The leak (breaking Afghanistan's least credible pledge) waits on the inject list.
fn version_2_with_a_leak_to_inject() -> (Scenario, ceasefire::engine::EventId) {
    let mut s = version_2();
    // Every pledge is certain (100%) except the Afghan Security one, at 90% until verified.
    let sanctuary = card(&s, "af-sanctuary-pledge");
    s.cards[usize::from(sanctuary)].credibility = -10;
    let full = mini();
    let leak = full.events.iter().find(|e| e.id == "ev-leak").unwrap();
    let mut leak = leak.clone();
    leak.inject = true;
    s.events.push(leak);
    let id = ceasefire::engine::EventId((s.events.len() - 1) as u16);
    (s, id)
}

/// Three baskets, the Afghan Security pledge verified, the accord tabled and signed.
fn signed_durable_terms(s: &Scenario) -> Game {
    let mut game = three_baskets(s);
    let afghan = game
        .commitments()
        .iter()
        .find(|c| c.by == Seat::Afghanistan && c.basket == Basket::Security)
        .map(|c| c.id)
        .unwrap();
    mediator_plays(&mut game, "md-protocol", afghan);
    table_and_sign(&mut game);
    game
}

#[test]
fn version_2_a_pledge_that_held_its_tests_is_kept_on_the_table_untested() {
    let s = calm_version_2();
    let mut game = a_certain_afghan_pledge_held_twice(s.clone());
    // Honoured as under version 1 (basket secured, Trust), but kept on the table.
    let view = game.view(Viewer::Facilitator);
    let [kept] = view.commitments[..] else {
        panic!("one pledge stands: {:?}", view.commitments);
    };
    assert_eq!(view.baskets[0], BasketState::Secured);
    assert!(kept.tests >= kept.duration);
    assert!(
        game.log()
            .iter()
            .any(|e| matches!(e.event, LogEvent::CommitmentKept { id, .. } if id == kept.id))
    );
    assert!(ceasefire::engine::words::commitment(&s, &kept).contains("kept"));
    // A further round's upkeep no longer tests it.
    let tests_so_far = |game: &Game| {
        game.log()
            .iter()
            .filter(|e| matches!(e.event, LogEvent::CommitmentTested { id, .. } if id == kept.id))
            .count()
    };
    let before = tests_so_far(&game);
    advance_to(&mut game, Seat::Afghanistan, Decision::Negotiate);
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    assert_eq!(tests_so_far(&game), before, "a kept pledge rests");
    assert_eq!(game.view(Viewer::Facilitator).commitments, vec![kept]);
}

#[test]
fn version_2_the_accord_binds_kept_pledges_with_new_tests_and_more_credibility() {
    let (mut s, _) = version_2_with_a_leak_to_inject();
    s.rules.accord_credibility = 7;
    let mut game = three_baskets(&s);
    let afghan = game
        .commitments()
        .iter()
        .find(|c| c.by == Seat::Afghanistan && c.basket == Basket::Security)
        .map(|c| c.id)
        .unwrap();
    mediator_plays(&mut game, "md-protocol", afghan);
    let before: Vec<_> = game.commitments().to_vec();
    table_and_sign(&mut game);
    let bound = game.view(Seat::Mediator).accord.unwrap().bound;
    assert_eq!(bound.len(), before.len(), "every standing pledge is bound");
    for old in before {
        let now = game.commitments().iter().find(|c| c.id == old.id).unwrap();
        assert_eq!(
            now.credibility,
            (old.credibility + 7)
                .min(s.rules.max_credibility)
                .max(old.credibility)
        );
        assert_eq!(
            (now.tests, now.duration),
            (0, s.rules.implementation_tests),
            "#{} owes new tests under the accord",
            now.id
        );
    }
}

#[test]
fn version_2_signing_starts_implementation_and_the_talks_go_on() {
    let (s, _) = version_2_with_a_leak_to_inject();
    let game = signed_durable_terms(&s);
    assert_eq!(game.outcome(), None, "signing does not end the game");
    let mut game = game;
    let until = s.rounds.max(game.round() + s.rules.implementation_rounds);
    assert!(
        game.log()
            .iter()
            .any(|e| e.event == LogEvent::AccordSigned { until })
    );
    let view = game.view(Seat::Pakistan);
    let accord = view.accord.as_ref().expect("public");
    assert!(accord.durable_terms && accord.breaches == 0);
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    let err = game
        .check(&Action::TableAccord {
            seat: Seat::Mediator,
        })
        .unwrap_err();
    assert!(err.to_string().contains("being implemented"), "{err}");
}

#[test]
fn version_2_an_accord_implemented_without_a_breach_is_a_durable_peace() {
    let (s, _) = version_2_with_a_leak_to_inject();
    let mut game = signed_durable_terms(&s);
    let bound = game.view(Seat::Mediator).accord.unwrap().bound;
    assert_eq!(play_out_passively(&mut game), Outcome::DurablePeace);
    let until = s.rounds.max(
        game.log()
            .iter()
            .find_map(|e| match e.event {
                LogEvent::AccordSigned { .. } => Some(e.round),
                _ => None,
            })
            .unwrap()
            + s.rules.implementation_rounds,
    );
    assert_eq!(game.round(), until, "implementation ran to its last round");
    // Every bound pledge was tested after signing, and none left the table as honoured.
    for id in bound {
        assert!(
            game.log()
                .iter()
                .any(|e| matches!(e.event, LogEvent::CommitmentTested { id: t, .. } if t == id))
        );
        assert!(
            !game
                .log()
                .iter()
                .any(|e| matches!(e.event, LogEvent::CommitmentHonoured { id: h, .. } if h == id))
        );
    }
}

#[test]
fn version_2_a_breach_left_standing_makes_a_fragile_accord() {
    let (s, leak) = version_2_with_a_leak_to_inject();
    let mut game = signed_durable_terms(&s);
    play(&mut game, Action::Inject { event: leak });
    // Refusing the renewal (the passive answer) leaves one breach.
    assert_eq!(play_out_passively(&mut game), Outcome::FragileAccord);
    assert!(
        game.log()
            .iter()
            .any(|e| matches!(e.event, LogEvent::AccordBreached { .. }))
    );
}

#[test]
fn version_2_a_renewed_breach_keeps_the_peace_durable_and_costs_capital() {
    let (s, leak) = version_2_with_a_leak_to_inject();
    let mut game = signed_durable_terms(&s);
    play(&mut game, Action::Inject { event: leak });
    advance_to(&mut game, Seat::Afghanistan, Decision::Renew);
    let capital = game.view(Seat::Afghanistan).capital[Seat::Afghanistan.index()];
    let cards_before = game.card_positions().len();
    play(
        &mut game,
        Action::Renew {
            seat: Seat::Afghanistan,
            accept: true,
        },
    );
    let view = game.view(Seat::Afghanistan);
    assert_eq!(
        view.capital[Seat::Afghanistan.index()],
        capital - s.rules.renew_capital
    );
    assert_eq!(game.card_positions().len(), cards_before, "no card doubled");
    assert!(
        game.log()
            .iter()
            .any(|e| matches!(e.event, LogEvent::CommitmentRenewed { .. }))
    );
    assert_eq!(view.accord.as_ref().unwrap().breaches, 0);
    assert_eq!(play_out_passively(&mut game), Outcome::DurablePeace);
    // Read from the log alone, the peace rests on a verified Afghan Security pledge (the
    // renewal) that held tests after the signing.
    let facts = ceasefire::sim::accord_facts(game.log());
    assert!(facts.signed && !facts.durable_without_afghan_security);
    assert!(
        facts
            .implementation_rounds
            .is_some_and(|rounds| rounds >= 2)
    );
}

/// Version 2: the mediator plays its bridge on Pakistan's Security demand; returns the demand.
fn mediator_proposes_a_bridge(game: &mut Game) -> TableId {
    let demand = pakistan_demands_security(game);
    advance_to(game, Seat::Mediator, Decision::Negotiate);
    let label = ceasefire::engine::words::action_in(
        game,
        &Action::Play {
            seat: Seat::Mediator,
            card: card(game.scenario(), "md-bridge"),
            target: Some(demand),
        },
    );
    assert!(
        label.contains("proposes Afghanistan's pledge at 55% in Security")
            && label.contains("if Afghanistan accepts"),
        "{label}"
    );
    mediator_plays(game, "md-bridge", demand);
    demand
}

#[test]
fn version_2_a_bridge_is_a_proposal_the_delegation_accepts() {
    let s = calm_version_2();
    let mut game = start(s.clone());
    let demand = mediator_proposes_a_bridge(&mut game);
    assert_eq!(game.to_act(), Some((Seat::Afghanistan, Decision::Bridge)));
    assert!(
        game.commitments().is_empty(),
        "no pledge is made for a delegation"
    );
    play(
        &mut game,
        Action::AnswerBridge {
            seat: Seat::Afghanistan,
            accept: true,
        },
    );
    let view = game.view(Viewer::Facilitator);
    assert!(view.demands.iter().all(|d| d.id != demand));
    let c = view.commitments[0];
    assert_eq!((c.by, c.credibility), (Seat::Afghanistan, 45 + 10));
    assert!(view.baskets[Basket::Security.index()].is_agreed());
    assert_eq!(
        game.to_act().map(|(seat, _)| seat),
        Some(Seat::Mediator),
        "the mediator's turn goes on"
    );
}

#[test]
fn version_2_a_declined_bridge_leaves_the_demand_open_and_costs_trust() {
    let s = calm_version_2();
    let mut game = start(s.clone());
    let demand = mediator_proposes_a_bridge(&mut game);
    let trust = game.meters().get(Meter::Trust);
    let decline = Action::AnswerBridge {
        seat: Seat::Afghanistan,
        accept: false,
    };
    let label = ceasefire::engine::words::action_in(&game, &decline);
    assert!(label.contains("Trust −3"), "{label}");
    play(&mut game, decline);
    let view = game.view(Viewer::Facilitator);
    assert!(view.demands.iter().any(|d| d.id == demand), "still open");
    assert!(view.commitments.is_empty());
    assert_eq!(
        game.meters().get(Meter::Trust),
        trust - s.rules.declined_bridge_trust
    );
    assert!(game.log().iter().any(|e| e.event
        == LogEvent::BridgeDeclined {
            id: demand,
            seat: Seat::Afghanistan
        }));
}

#[test]
fn version_2_a_turn_without_a_move_costs_the_delegation_at_home() {
    let s = calm_version_2();
    let mut game = start(s.clone());
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    let pressure = game.meters().get(Meter::PakistanPressure);
    let pass = Action::Pass {
        seat: Seat::Pakistan,
    };
    let label = ceasefire::engine::words::action_in(&game, &pass);
    assert!(
        label.contains("without a move (your Pressure +4)"),
        "{label}"
    );
    play(&mut game, pass);
    assert_eq!(
        game.meters().get(Meter::PakistanPressure),
        pressure + s.rules.idle_pressure
    );
    // Version 1: a pass is free.
    let mut game = start(only_calm_events(mini()));
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    let pressure = game.meters().get(Meter::PakistanPressure);
    play(&mut game, pass);
    assert_eq!(game.meters().get(Meter::PakistanPressure), pressure);
}

#[test]
fn version_2_a_met_demand_relieves_the_demander_and_an_ignored_one_costs_trust() {
    let s = calm_version_2();
    let mut game = start(s.clone());
    let demand = pakistan_demands_security(&mut game);
    let pressure = game.meters().get(Meter::PakistanPressure);
    play(
        &mut game,
        Action::Meet {
            seat: Seat::Afghanistan,
            demand,
            card: card(&s, "af-sanctuary-pledge"),
        },
    );
    assert_eq!(
        game.meters().get(Meter::PakistanPressure),
        pressure - s.rules.met_demand_relief
    );

    // A demand nobody answers costs Trust at the end of every round after the one it came in.
    let mut game = start(s.clone());
    let demand = pakistan_demands_security(&mut game);
    advance_to(&mut game, Seat::Pakistan, Decision::Posture);
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    assert!(
        !game
            .log()
            .iter()
            .any(|e| matches!(e.event, LogEvent::DemandIgnored { .. })),
        "not in the round it was tabled"
    );
    advance_to(&mut game, Seat::Pakistan, Decision::Posture);
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    assert!(game.log().iter().any(|e| e.event
        == LogEvent::DemandIgnored {
            id: demand,
            to: Seat::Afghanistan
        }));
}

#[test]
fn the_accord_facts_read_a_finished_log_in_which_a_vote_was_taken_back() {
    let s = certain_pledges_and_high_trust();
    let mut game = three_baskets(&s);
    play(
        &mut game,
        Action::TableAccord {
            seat: Seat::Mediator,
        },
    );
    let pakistan = Action::Vote {
        seat: Seat::Pakistan,
        accept: true,
    };
    play(&mut game, pakistan);
    play(
        &mut game,
        Action::Undo {
            seat: Seat::Pakistan,
        },
    );
    // The undo took the vote out of the log: the tabling stands just before the `Undone`.
    let events: Vec<LogEvent> = game.log().iter().rev().take(2).map(|e| e.event).collect();
    assert_eq!(
        events,
        [
            LogEvent::Undone {
                seat: Seat::Pakistan
            },
            LogEvent::AccordTabled
        ]
    );
    play(&mut game, pakistan);
    play(
        &mut game,
        Action::Vote {
            seat: Seat::Afghanistan,
            accept: true,
        },
    );
    assert_eq!(game.outcome(), Some(Outcome::DurablePeace));
    let facts = ceasefire::sim::accord_facts(game.log());
    assert!(facts.signed);
    assert!(
        facts.durable_without_afghan_security,
        "version 1 tests nothing after the signing"
    );
    assert_eq!(facts.implementation_rounds, None);
}

#[test]
fn version_2_a_pledge_offered_unasked_and_welcomed_agrees_its_basket() {
    let mut s = with_meter(only_calm_events(mini()), Meter::Trust, 40);
    s.seat_order = vec![Seat::Pakistan, Seat::Mediator, Seat::Afghanistan];
    s.rules.version = 2;
    for accept in [true, false] {
        let mut game = start(s.clone());
        advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
        play(
            &mut game,
            Action::Play {
                seat: Seat::Pakistan,
                card: card(&s, "pk-noninterference"),
                target: None,
            },
        );
        assert_eq!(game.to_act(), Some((Seat::Afghanistan, Decision::Offer)));
        let answer = Action::AnswerOffer {
            seat: Seat::Afghanistan,
            accept,
        };
        let label = ceasefire::engine::words::action_in(&game, &answer);
        assert_eq!(label.contains("agrees Sovereignty"), accept, "{label}");
        play(&mut game, answer);
        assert_eq!(
            game.baskets()[Basket::Sovereignty.index()].is_agreed(),
            accept
        );
        assert_eq!(
            game.to_act().map(|(seat, _)| seat),
            Some(Seat::Pakistan),
            "Pakistan's turn goes on"
        );
    }
}

#[test]
fn version_2_in_the_last_round_the_mediators_move_last() {
    let mut s = only_calm_events(mini());
    s.seat_order = vec![Seat::Mediator, Seat::Pakistan, Seat::Afghanistan];
    s.rounds = 2;
    s.rules.version = 2;
    let order_of = |game: &mut Game| {
        let mut order = Vec::new();
        while let Some((seat, Decision::Negotiate)) = game.to_act() {
            order.push(seat);
            play(game, Action::Pass { seat });
        }
        order
    };
    let mut game = start(s.clone());
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    assert_eq!(
        order_of(&mut game),
        [Seat::Mediator, Seat::Pakistan, Seat::Afghanistan],
        "round 1: the scenario's order"
    );
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    assert_eq!(game.round(), 2);
    assert_eq!(
        order_of(&mut game),
        [Seat::Pakistan, Seat::Afghanistan, Seat::Mediator],
        "the last round: the mediators close it"
    );
}

/// Version 2: Pakistan offers its Sovereignty pledge as a package for an Afghan commitment in
/// Security; the game waits on Afghanistan's answer.
fn pakistan_offers_a_package(game: &mut Game) -> Action {
    let s = game.scenario().clone();
    advance_to(game, Seat::Pakistan, Decision::Negotiate);
    let offer = Action::OfferPackage {
        seat: Seat::Pakistan,
        card: card(&s, "pk-noninterference"),
        ask: Basket::Security,
    };
    assert!(game.legal_actions(Seat::Pakistan).contains(&offer));
    let label = ceasefire::engine::words::action_in(game, &offer);
    assert!(
        label.contains("as a package") && label.contains("if Afghanistan commits in Security"),
        "{label}"
    );
    play(game, offer);
    assert_eq!(game.to_act(), Some((Seat::Afghanistan, Decision::Package)));
    offer
}

/// Version 2: the package offered and accepted with Afghanistan's Security pledge; returns
/// the two commitments (Pakistan's offer, Afghanistan's answer).
fn package_agreed(game: &mut Game) -> (TableId, TableId) {
    pakistan_offers_a_package(game);
    let accept = Action::AnswerPackage {
        seat: Seat::Afghanistan,
        card: Some(card(game.scenario(), "af-sanctuary-pledge")),
    };
    assert!(game.legal_actions(Seat::Afghanistan).contains(&accept));
    play(game, accept);
    game.log()
        .iter()
        .find_map(|e| match e.event {
            LogEvent::PackageAgreed { offer, answer } => Some((offer, answer)),
            _ => None,
        })
        .expect("the package is agreed")
}

#[test]
fn version_2_an_accepted_package_makes_two_linked_pledges_and_agrees_both_baskets() {
    let s = calm_version_2();
    let mut game = start(s.clone());
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    let (trust, capital) = (game.meters().get(Meter::Trust), game.capital());
    pakistan_offers_a_package(&mut game);
    let accept = Action::AnswerPackage {
        seat: Seat::Afghanistan,
        card: Some(card(&s, "af-sanctuary-pledge")),
    };
    let label = ceasefire::engine::words::action_in(&game, &accept);
    assert!(label.contains("agrees Sovereignty and Security"), "{label}");
    play(&mut game, accept);
    let view = game.view(Viewer::Facilitator);
    let [offer, answer] = view.commitments[..] else {
        panic!("two pledges: {:?}", view.commitments);
    };
    assert_eq!(
        (offer.by, offer.basket, answer.by, answer.basket),
        (
            Seat::Pakistan,
            Basket::Sovereignty,
            Seat::Afghanistan,
            Basket::Security
        )
    );
    assert_eq!(
        (offer.linked, answer.linked),
        (Some(answer.id), Some(offer.id))
    );
    assert_eq!(
        offer.credibility,
        s.enforcement[Seat::Pakistan.index()] + 5,
        "the card's credibility"
    );
    for basket in [Basket::Sovereignty, Basket::Security] {
        assert!(view.baskets[basket.index()].is_agreed(), "{basket}");
    }
    assert_eq!(
        game.meters().get(Meter::Trust),
        trust + 2 * s.rules.meet_trust,
        "each half counts as a met demand"
    );
    for seat in Seat::DELEGATIONS {
        assert_eq!(
            view.capital[seat.index()],
            capital[seat.index()] - 1,
            "{seat} paid"
        );
    }
    assert_eq!(
        game.to_act().map(|(seat, _)| seat),
        Some(Seat::Pakistan),
        "Pakistan's turn goes on"
    );
}

#[test]
fn version_2_a_declined_package_returns_the_card_to_the_offerers_hand() {
    let s = calm_version_2();
    let mut game = start(s.clone());
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    let (trust, capital) = (game.meters().get(Meter::Trust), game.capital());
    let cards = game.card_positions().len();
    pakistan_offers_a_package(&mut game);
    let offered = card(&s, "pk-noninterference");
    assert!(!game.view(Seat::Pakistan).own_hand().contains(&offered));
    let decline = Action::AnswerPackage {
        seat: Seat::Afghanistan,
        card: None,
    };
    assert_eq!(
        ceasefire::bot::passive_action(&game.view(Seat::Afghanistan)),
        Some(decline),
        "the decision clock declines"
    );
    play(&mut game, decline);
    let view = game.view(Seat::Pakistan);
    assert!(view.own_hand().contains(&offered));
    assert!(view.commitments.is_empty());
    assert_eq!(game.meters().get(Meter::Trust), trust);
    assert_eq!(
        view.capital[Seat::Pakistan.index()],
        capital[Seat::Pakistan.index()] - 1,
        "the capital spent stays spent"
    );
    assert_eq!(
        game.card_positions().len(),
        cards,
        "no card doubled or lost"
    );
    assert!(game.log().iter().any(|e| e.event
        == LogEvent::PackageDeclined {
            seat: Seat::Afghanistan,
            ask: Basket::Security
        }));
}

/// [`version_2`] with the leak (breaking Afghanistan's least credible pledge) on the inject
/// list; every pledge is certain, so only the leak breaks one.
fn version_2_with_a_certain_leak() -> (Scenario, EventId) {
    let mut s = version_2();
    let mut leak = mini()
        .events
        .into_iter()
        .find(|e| e.id == "ev-leak")
        .unwrap();
    leak.inject = true;
    s.events.push(leak);
    let id = EventId((s.events.len() - 1) as u16);
    (s, id)
}

/// The total change of `meter` logged since entry `from`.
fn logged_change(game: &Game, from: usize, meter: Meter) -> i32 {
    game.log()[from..]
        .iter()
        .map(|e| match e.event {
            LogEvent::MeterChanged {
                meter: m, delta, ..
            } if m == meter => i32::from(delta),
            _ => 0,
        })
        .sum()
}

#[test]
fn version_2_a_broken_half_of_a_package_releases_the_other_without_penalty() {
    let (s, leak) = version_2_with_a_certain_leak();
    let mut game = start(s.clone());
    let (offer, answer) = package_agreed(&mut game);
    play(&mut game, Action::Inject { event: leak });
    while game.round() == 1 {
        let (seat, _) = game.to_act().expect("the game goes on");
        let action = ceasefire::bot::passive_action(&game.view(seat)).unwrap();
        play(&mut game, action);
    }
    let from = game
        .log()
        .iter()
        .rposition(|e| e.event == LogEvent::RoundStarted)
        .unwrap();
    let log: Vec<LogEvent> = game.log()[from..].iter().map(|e| e.event).collect();
    assert!(log.contains(&LogEvent::CommitmentReleased {
        id: offer,
        partner: answer
    }));
    assert!(
        !log.iter()
            .any(|e| matches!(e, LogEvent::CommitmentBroken { id, .. } if *id == offer)),
        "{log:?}"
    );
    let view = game.view(Viewer::Facilitator);
    assert!(view.commitments.is_empty());
    assert!(!view.baskets[Basket::Sovereignty.index()].is_agreed());
    assert_eq!(view.stats.broken, [0, 1, 0], "only the Afghan pledge broke");
    assert!(view.discards[Seat::Pakistan.index()].contains(&card(&s, "pk-noninterference")));
    // The meters moved only as one broken pledge moves them.
    assert_eq!(
        logged_change(&game, from, Meter::Trust),
        -i32::from(s.rules.broken_trust)
    );
    assert_eq!(
        logged_change(&game, from, Meter::Credibility),
        -i32::from(s.rules.broken_credibility)
    );
}

#[test]
fn version_2_a_package_half_released_in_implementation_is_no_breach() {
    let (s, leak) = version_2_with_a_certain_leak();
    let mut game = start(s.clone());
    let (offer, answer) = package_agreed(&mut game);
    // Humanitarian, the third basket: Pakistan's pledge offered unasked and welcomed.
    play(
        &mut game,
        Action::Play {
            seat: Seat::Pakistan,
            card: card(&s, "pk-open-crossing"),
            target: None,
        },
    );
    play(
        &mut game,
        Action::AnswerOffer {
            seat: Seat::Afghanistan,
            accept: true,
        },
    );
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    table_and_sign(&mut game);
    let bound = game.view(Seat::Mediator).accord.unwrap().bound;
    assert!(
        bound.contains(&offer) && bound.contains(&answer),
        "{bound:?}"
    );
    play(&mut game, Action::Inject { event: leak });
    // Refusing the renewal (the passive answer) leaves the one breach: the released half
    // is not a second one.
    assert_eq!(play_out_passively(&mut game), Outcome::FragileAccord);
    let accord = game.view(Viewer::Facilitator).accord.unwrap();
    assert_eq!(accord.breaches, 1);
    assert!(!accord.bound.contains(&offer) && !accord.bound.contains(&answer));
    let breached: Vec<TableId> = game
        .log()
        .iter()
        .filter_map(|e| match e.event {
            LogEvent::AccordBreached { id } => Some(id),
            _ => None,
        })
        .collect();
    assert_eq!(breached, [answer]);
    assert!(game.log().iter().any(|e| e.event
        == LogEvent::CommitmentReleased {
            id: offer,
            partner: answer
        }));
}

#[test]
fn version_2_a_package_trades_across_open_baskets_only_and_version_1_has_none() {
    let s = calm_version_2();
    let mut game = start(s.clone());
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    let offer = |ask| Action::OfferPackage {
        seat: Seat::Pakistan,
        card: card(&s, "pk-noninterference"),
        ask,
    };
    assert!(
        game.check(&offer(Basket::Sovereignty)).is_err(),
        "same basket"
    );
    assert!(game.check(&offer(Basket::Security)).is_ok());
    let demand = Action::OfferPackage {
        seat: Seat::Pakistan,
        card: card(&s, "pk-sanctuary"),
        ask: Basket::Sovereignty,
    };
    assert!(game.check(&demand).is_err(), "only an assurance");

    let mut v1 = s.clone();
    v1.rules.version = 1;
    let mut game = start(v1);
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    let err = game.check(&offer(Basket::Security)).unwrap_err();
    assert!(err.to_string().contains("version 2"), "{err}");
    assert!(
        !game
            .legal_actions(Seat::Pakistan)
            .iter()
            .any(|a| matches!(a, Action::OfferPackage { .. }))
    );
}

// ---- Red lines the engine checks -------------------------------------------------------

/// The fixture with these red lines (TOML list items) in each seat's brief.
fn with_red_lines(pakistan: &str, afghanistan: &str, mediator: &str) -> Scenario {
    let mut source = ceasefire::scenario::ScenarioSource::from_dir(&common::mini_dir()).unwrap();
    let text = source.files.get_mut("scenario.toml").unwrap();
    let md = "situation = \"MD-BRIEF: your credibility is your only lever.\"";
    *text = text
        .replace(
            r#"red_lines = ["No accord without action on sanctuaries."]"#,
            &format!("red_lines = [{pakistan}]"),
        )
        .replace(
            r#"red_lines = ["No foreign troops on Afghan soil."]"#,
            &format!("red_lines = [{afghanistan}]"),
        )
        .replace(md, &format!("{md}\nred_lines = [{mediator}]"));
    let mut scenario = source.build().unwrap();
    scenario.rules.hand_size = mini().rules.hand_size;
    scenario
}

/// Every accord rule in the delegations' briefs, and the mediators' refusal rule.
fn accord_red_lines() -> Scenario {
    with_red_lines(
        r#""Words only, never checked.",
        { text = "No accord without verified action.", rule = "accord_without_afghan_security", cost = 3 },
        { text = "Verification is not optional.", rule = "accord_without_verification", cost = 2 }"#,
        r#"{ text = "Nothing from Islamabad, no accord.", rule = "accord_without_pakistani_assurance", cost = 3 }"#,
        r#"{ text = "No refused accord.", rule = "accord_refused", cost = 2 }"#,
    )
}

/// (seat, line index, round) of every red line crossed.
fn crossed(game: &Game) -> Vec<(Seat, usize, u8)> {
    game.red_lines_crossed()
        .iter()
        .map(|c| (c.seat, c.line, c.round))
        .collect()
}

#[test]
fn an_accord_signed_without_a_verified_afghan_security_pledge_crosses_that_red_line() {
    let mut s = accord_red_lines();
    s = with_meter(only_calm_events(s), Meter::Trust, 70);
    s.enforcement = [100, 100, 0];
    s.rules.max_credibility = 100;
    let mut game = three_baskets(&s);
    table_and_sign(&mut game);
    assert!(game.outcome().is_some(), "signed under rules version 1");
    let round = game.round();
    // The Afghan Security pledge was never verified; Verification was agreed, and Pakistan's
    // Sovereignty pledge is bound.
    assert_eq!(crossed(&game), vec![(Seat::Pakistan, 1, round)]);
    let scores = game.scores().unwrap();
    let pakistan = &scores[Seat::Pakistan.index()];
    assert_eq!(pakistan.red_lines, -3);
    assert_eq!(
        pakistan.total,
        pakistan.shared + pakistan.objective - 3,
        "the red line is part of the total"
    );
    for seat in [Seat::Afghanistan, Seat::Mediator] {
        assert_eq!(scores[seat.index()].red_lines, 0, "{seat}");
    }
}

#[test]
fn verifying_the_afghan_pledge_before_signing_keeps_the_line() {
    let mut s = accord_red_lines();
    s = with_meter(only_calm_events(s), Meter::Trust, 70);
    s.enforcement = [100, 100, 0];
    s.rules.max_credibility = 100;
    // Pledges that stay on the table until the accord (none is honoured off it first).
    for card in &mut s.cards {
        card.duration = 10;
    }
    // The Afghan Security pledge one short of certain, so verification can still raise it.
    let pledge = card(&s, "af-sanctuary-pledge");
    s.cards[usize::from(pledge)].credibility = -1;
    let mut game = three_baskets(&s);
    let afghan_security = game
        .commitments()
        .iter()
        .find(|c| c.by == Seat::Afghanistan && c.basket == Basket::Security)
        .unwrap()
        .id;
    mediator_plays(&mut game, "md-protocol", afghan_security);
    table_and_sign(&mut game);
    assert!(game.outcome().is_some());
    assert_eq!(crossed(&game), vec![]);
    assert!(game.scores().unwrap().iter().all(|s| s.red_lines == 0));
}

#[test]
fn under_version_2_the_terms_are_judged_when_signed_while_implementation_goes_on() {
    let mut s = accord_red_lines();
    s = with_meter(only_calm_events(s), Meter::Trust, 70);
    s.enforcement = [100, 100, 0];
    s.rules.max_credibility = 100;
    s.rules.version = 2;
    let mut game = three_baskets(&s);
    let round = game.round();
    table_and_sign(&mut game);
    assert!(
        game.log()
            .iter()
            .any(|e| matches!(e.event, LogEvent::AccordSigned { .. }))
    );
    assert_eq!(game.outcome(), None, "implementation goes on");
    assert_eq!(crossed(&game), vec![(Seat::Pakistan, 1, round)]);
}

#[test]
fn a_refused_accord_crosses_the_mediators_line_in_its_round() {
    let mut s = accord_red_lines();
    s = with_meter(only_calm_events(s), Meter::Trust, 70);
    s.enforcement = [100, 100, 0];
    s.rules.max_credibility = 100;
    let mut game = three_baskets(&s);
    let round = game.round();
    play(
        &mut game,
        Action::TableAccord {
            seat: Seat::Mediator,
        },
    );
    assert_eq!(crossed(&game), vec![], "tabled, not yet refused");
    play(
        &mut game,
        Action::Vote {
            seat: Seat::Pakistan,
            accept: false,
        },
    );
    assert_eq!(crossed(&game), vec![(Seat::Mediator, 0, round)]);
}

#[test]
fn monitors_deployed_after_a_refusal_cross_the_afghan_line_only_under_version_1() {
    let red_lines = with_red_lines(
        "",
        r#"{ text = "No monitors without consent.", rule = "monitors_without_consent", cost = 3 }"#,
        "",
    );
    for version in [1, 2] {
        let mut s = afghan_then_mediator(only_calm_events(red_lines.clone()));
        s.rules.version = version;
        let mut game = start(s);
        let id = afghan_security_pledge(&mut game);
        advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
        mediator_plays(&mut game, "md-monitors", id);
        let round = game.round();
        play(
            &mut game,
            Action::Consent {
                seat: Seat::Afghanistan,
                accept: false,
            },
        );
        let expected = if version == 1 {
            vec![(Seat::Afghanistan, 0, round)]
        } else {
            vec![]
        };
        assert_eq!(crossed(&game), expected, "rules version {version}");
    }
}

#[test]
fn a_walkout_crosses_the_walkout_breakdown_and_meter_lines_in_its_round() {
    let s = with_red_lines(
        r#"{ text = "No open conflict.", rule = "breakdown", cost = 2 }"#,
        r#"{ text = "Keep Sovereignty above 15.", rule = "meter_floor", meter = "sovereignty", value = 15, cost = 2 },
        { text = "Pressure stays below 99.", rule = "meter_ceiling", meter = "afghanistan_pressure", value = 99, cost = 2 }"#,
        r#"{ text = "Nobody walks out.", rule = "walkout", cost = 3 }"#,
    );
    let s = with_meter(only_calm_events(s), Meter::Sovereignty, 20);
    let mut game = start(s.clone());
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    play(
        &mut game,
        Action::Play {
            seat: Seat::Pakistan,
            card: card(&s, "pk-strike"),
            target: None,
        },
    );
    assert_eq!(
        game.outcome(),
        Some(Outcome::Breakdown(Breakdown::AfghanWalkout))
    );
    assert_eq!(
        crossed(&game),
        vec![
            (Seat::Pakistan, 0, 1),
            (Seat::Afghanistan, 0, 1),
            (Seat::Mediator, 0, 1)
        ]
    );
    let points: Vec<i16> = game.scores().unwrap().iter().map(|s| s.red_lines).collect();
    assert_eq!(points, vec![-2, -2, -3]);
}

#[test]
fn open_conflict_is_a_breakdown_but_no_walkout() {
    let s = with_red_lines(
        r#"{ text = "No breakdown.", rule = "breakdown", cost = 2 }"#,
        "",
        r#"{ text = "Nobody walks out.", rule = "walkout", cost = 3 }"#,
    );
    let mut s = with_meter(only_calm_events(s), Meter::Escalation, 4);
    s.events[0].effects.meters =
        vec![(ceasefire::engine::MeterTarget::Fixed(Meter::Escalation), 1)];
    let game = start(s);
    assert_eq!(
        game.outcome(),
        Some(Outcome::Breakdown(Breakdown::Escalation))
    );
    assert_eq!(crossed(&game), vec![(Seat::Pakistan, 0, 1)]);
}

#[test]
fn a_meter_line_is_judged_at_each_rounds_end_not_in_between() {
    // Pakistan's pressure starts at 50 and drifts up 2 at every upkeep: 52 after round 1.
    let s = with_red_lines(
        r#"{ text = "Pressure below 54.", rule = "meter_ceiling", meter = "pakistan_pressure", value = 54, cost = 2 }"#,
        "",
        "",
    );
    let s = only_calm_events(s);
    let mut game = start(s);
    let pressure_after = |game: &Game, round: u8| {
        game.view(Viewer::Facilitator).meter_history[usize::from(round)]
            .get(Meter::PakistanPressure)
    };
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    while game.round() < 3 && game.outcome().is_none() {
        let (seat, decision) = game.to_act().unwrap();
        let action = match decision {
            Decision::Posture => Action::Posture {
                seat,
                posture: Posture::Firm,
            },
            _ => Action::Pass { seat },
        };
        play(&mut game, action);
    }
    let first = (1..game.round()).find(|&r| pressure_after(&game, r) >= 54);
    let lines: Vec<u8> = crossed(&game).iter().map(|c| c.2).collect();
    assert_eq!(lines, first.into_iter().collect::<Vec<_>>());
    assert!(
        first.is_some(),
        "firm postures and drift reach 54 in two rounds"
    );
}

#[test]
fn red_lines_in_words_only_cost_nothing() {
    let s = with_meter(only_calm_events(mini()), Meter::Sovereignty, 20);
    let mut game = start(s.clone());
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    play(
        &mut game,
        Action::Play {
            seat: Seat::Pakistan,
            card: card(&s, "pk-strike"),
            target: None,
        },
    );
    assert!(game.outcome().is_some());
    assert!(game.red_lines_crossed().is_empty());
    for score in game.scores().unwrap() {
        assert_eq!(score.red_lines, 0);
        assert_eq!(score.total, score.shared + score.objective);
    }
}

/// The fixture scenario with `tail` appended to its `scenario.toml`, built from the files (so
/// the keys go through the loader); every card of a seat's deck in its opening hand.
fn mini_with(tail: &str) -> Scenario {
    let dir = tempfile::tempdir().unwrap();
    for entry in std::fs::read_dir(common::mini_dir()).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let main = dir.path().join("scenario.toml");
    let text = std::fs::read_to_string(&main).unwrap();
    std::fs::write(&main, format!("{text}\n{tail}\n")).unwrap();
    let mut s = ceasefire::scenario::ScenarioSource::from_dir(dir.path())
        .and_then(|s| s.build())
        .expect("the edited fixture is valid");
    s.rules.hand_size = 10;
    s
}

/// Everyone passes and takes a firm posture through round 1's upkeep.
fn after_round_one(s: Scenario) -> Game {
    let mut game = start(s);
    advance_to(&mut game, Seat::Pakistan, Decision::Posture);
    for seat in Seat::DELEGATIONS {
        play(
            &mut game,
            Action::Posture {
                seat,
                posture: Posture::Firm,
            },
        );
    }
    assert_eq!(game.round(), 2);
    game
}

fn pulls(game: &Game) -> Vec<LogEvent> {
    game.log()
        .iter()
        .map(|e| e.event)
        .filter(|e| matches!(e, LogEvent::UnilateralPull | LogEvent::SeatPulled { .. }))
        .collect()
}

/// Calm events, Sovereignty 25 (under the pull line 30, over the walkout line 15) and Afghan
/// pressure `pressure`; Pakistan's Security stays at 45, over its line.
fn afghan_unease(s: Scenario, pressure: u8) -> Scenario {
    let s = with_meter(only_calm_events(s), Meter::Sovereignty, 25);
    with_meter(s, Meter::AfghanistanPressure, pressure)
}

#[test]
fn a_symmetric_pull_raises_escalation_from_the_afghan_side() {
    let symmetric = mini_with("[rules]\nescalation_pull = [\"pakistan\", \"afghanistan\"]");
    let game = after_round_one(afghan_unease(symmetric.clone(), 80));
    assert_eq!(game.meters().get(Meter::Escalation), 2);
    let pulled = LogEvent::SeatPulled {
        seat: Seat::Afghanistan,
        meter: Meter::Sovereignty,
    };
    assert_eq!(pulls(&game), [pulled]);
    let entry = game.log().iter().find(|e| e.event == pulled).unwrap();
    assert_eq!(
        entry.describe(&symmetric),
        "Low Sovereignty and pressure in Afghanistan pull toward unilateral operations."
    );
    // Under its pressure line, the Afghan side feels no pull.
    let calm = after_round_one(afghan_unease(symmetric, 60));
    assert!(pulls(&calm).is_empty());
    assert_eq!(calm.meters().get(Meter::Escalation), 1);
    // By default only Pakistan's pressure drives the pull: the same unease changes nothing.
    let default = after_round_one(afghan_unease(mini(), 80));
    assert!(pulls(&default).is_empty());
    assert_eq!(default.meters().get(Meter::Escalation), 1);
}

#[test]
fn the_pull_follows_the_meter_and_lines_a_scenario_gives_its_seat() {
    let s = mini_with(
        "[rules]\nescalation_pull = [\"afghanistan\"]\n\n[rules.pull.afghanistan]\nmeter = \"border\"\nbelow = 50\npressure = 0",
    );
    // Border starts at 40 (+2 from the calm event): under 50, whatever the pressure.
    let game = after_round_one(only_calm_events(s));
    assert_eq!(
        pulls(&game),
        [LogEvent::SeatPulled {
            seat: Seat::Afghanistan,
            meter: Meter::Border,
        }]
    );
    assert_eq!(game.meters().get(Meter::Escalation), 2);
    // Pakistan is no longer listed: its Security and pressure at the old lines pull nothing.
    let s = mini_with("[rules]\nescalation_pull = [\"afghanistan\"]");
    let s = with_meter(
        with_meter(only_calm_events(s), Meter::Security, 20),
        Meter::PakistanPressure,
        80,
    );
    let game = after_round_one(s);
    assert!(pulls(&game).is_empty());
}

#[test]
fn pakistans_default_pull_keeps_its_log_line() {
    let s = with_meter(only_calm_events(mini()), Meter::Security, 20);
    let game = after_round_one(with_meter(s, Meter::PakistanPressure, 80));
    assert_eq!(pulls(&game), [LogEvent::UnilateralPull]);
    assert_eq!(game.meters().get(Meter::Escalation), 2);
}

#[test]
fn a_walkout_rule_moves_to_the_meter_its_seat_names() {
    let moved = mini_with("[rules.walkout.afghanistan]\nmeter = \"security\"\nbelow = 20");
    // Sovereignty under 15 is no longer the Afghan walkout…
    let game = start(with_meter(
        only_calm_events(moved.clone()),
        Meter::Sovereignty,
        10,
    ));
    assert_eq!(game.outcome(), None);
    let game = start(with_meter(only_calm_events(mini()), Meter::Sovereignty, 10));
    assert_eq!(
        game.outcome(),
        Some(Outcome::Breakdown(Breakdown::AfghanWalkout))
    );
    // …Security under 20 is, with Pakistan's pressure far from its own line.
    let game = start(with_meter(
        only_calm_events(moved.clone()),
        Meter::Security,
        18,
    ));
    let outcome = game.outcome().unwrap();
    assert_eq!(outcome, Outcome::Breakdown(Breakdown::AfghanWalkout));
    assert_eq!(
        outcome.explanation_in(&moved.rules),
        "Security fell below 20: the Afghan delegation walked out."
    );
    let game = start(with_meter(only_calm_events(mini()), Meter::Security, 18));
    assert_eq!(game.outcome(), None);
}

#[test]
fn a_symmetric_walkout_needs_each_seats_own_pressure() {
    let s = mini_with("[rules.walkout.afghanistan]\nbelow = 15\npressure = 90");
    let low = with_meter(only_calm_events(s), Meter::Sovereignty, 10);
    assert_eq!(
        start(low.clone()).outcome(),
        None,
        "Afghan pressure 50 is under 90"
    );
    let pressed = with_meter(low, Meter::AfghanistanPressure, 95);
    assert_eq!(
        start(pressed.clone()).outcome(),
        Some(Outcome::Breakdown(Breakdown::AfghanWalkout))
    );
    // The meter is still Sovereignty, so the explanation is the usual one.
    assert_eq!(
        Outcome::Breakdown(Breakdown::AfghanWalkout).explanation_in(&pressed.rules),
        Outcome::Breakdown(Breakdown::AfghanWalkout).explanation()
    );
    // `below = 0`: the seat never walks out.
    let never = mini_with("[rules.walkout.afghanistan]\nbelow = 0");
    let game = start(with_meter(only_calm_events(never), Meter::Sovereignty, 0));
    assert_eq!(game.outcome(), None);
}

const RATIFICATION: &str = "[rules.ratification]\npakistan = { pressure = 10 }\nafghanistan = { pressure = -5, trust = -3, capital = 2 }";

/// `s` with calm events, Trust 70 and pledges that always hold.
fn certain(s: Scenario) -> Scenario {
    let mut s = with_meter(only_calm_events(s), Meter::Trust, 70);
    s.enforcement = [100, 100, 0];
    s.rules.max_credibility = 100;
    s
}

fn ratifications(game: &Game) -> Vec<Seat> {
    game.log()
        .iter()
        .filter_map(|e| match e.event {
            LogEvent::Ratified { seat } => Some(seat),
            _ => None,
        })
        .collect()
}

/// The meters of `with` minus those of `without`, for the meters that differ.
fn meter_gaps(with: &Game, without: &Game) -> Vec<(Meter, i32)> {
    Meter::ALL
        .into_iter()
        .map(|m| {
            (
                m,
                i32::from(with.meters().get(m)) - i32::from(without.meters().get(m)),
            )
        })
        .filter(|&(_, d)| d != 0)
        .collect()
}

#[test]
fn ratification_at_home_applies_when_the_accord_is_signed() {
    let ratified = certain(mini_with(RATIFICATION));
    let mut game = three_baskets(&ratified);
    let mut plain = three_baskets(&certain(mini()));
    table_and_sign(&mut game);
    table_and_sign(&mut plain);
    assert!(game.outcome().is_some());
    assert_eq!(game.outcome(), plain.outcome());
    assert_eq!(ratifications(&game), [Seat::Pakistan, Seat::Afghanistan]);
    assert!(ratifications(&plain).is_empty());
    assert_eq!(
        meter_gaps(&game, &plain),
        [
            (Meter::Trust, -3),
            (Meter::PakistanPressure, 10),
            (Meter::AfghanistanPressure, -5)
        ]
    );
    let said: Vec<String> = game
        .log()
        .iter()
        .filter(|e| matches!(e.event, LogEvent::Ratified { .. }))
        .map(|e| e.describe(&ratified))
        .collect();
    assert_eq!(
        said,
        [
            "Ratification at home: Pakistan: Pakistan pressure +10.",
            "Ratification at home: Afghanistan: Afghan pressure −5, Trust −3, political capital +2."
        ]
    );
}

#[test]
fn version_2_ratification_comes_with_the_signature_and_before_implementation() {
    let version_2 = |s: Scenario| {
        let mut s = certain(s);
        s.rules.version = 2;
        for card in &mut s.cards {
            card.duration = card.duration.max(9);
        }
        s
    };
    let ratified = version_2(mini_with(RATIFICATION));
    let mut game = three_baskets(&ratified);
    let mut plain = three_baskets(&version_2(mini()));
    table_and_sign(&mut game);
    table_and_sign(&mut plain);
    assert_eq!(game.outcome(), None, "implementation begins");
    let events: Vec<LogEvent> = game.log().iter().map(|e| e.event).collect();
    let signed = events
        .iter()
        .position(|e| matches!(e, LogEvent::AccordSigned { .. }))
        .unwrap();
    assert_eq!(
        events[signed + 1],
        LogEvent::Ratified {
            seat: Seat::Pakistan
        }
    );
    let afghan = Seat::Afghanistan.index();
    assert_eq!(
        game.view(Viewer::Facilitator).capital[afghan],
        (plain.view(Viewer::Facilitator).capital[afghan] + 2).min(10)
    );
    assert_eq!(
        meter_gaps(&game, &plain),
        [
            (Meter::Trust, -3),
            (Meter::PakistanPressure, 10),
            (Meter::AfghanistanPressure, -5)
        ]
    );
}

#[test]
fn the_danger_lines_follow_the_pulls_and_walkouts_a_scenario_names() {
    use ceasefire::engine::words::danger;
    let line = |s: &Scenario, meter| {
        let d = danger(s, meter).unwrap();
        (d.at, d.why)
    };
    let default = mini();
    assert_eq!(
        line(&default, Meter::Security),
        (30, "pull toward unilateral operations")
    );
    assert_eq!(
        line(&default, Meter::Sovereignty),
        (25, "near the Afghan walkout line")
    );
    let moved = mini_with(
        "[rules]\nescalation_pull = [\"afghanistan\"]\n\n[rules.walkout.afghanistan]\nmeter = \"security\"",
    );
    assert_eq!(
        line(&moved, Meter::Security),
        (25, "near the Afghan walkout line")
    );
    assert_eq!(
        line(&moved, Meter::Sovereignty),
        (30, "pull toward unilateral operations")
    );
}
