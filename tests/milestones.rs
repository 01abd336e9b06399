//! Phased commitments (issue 15): `milestones` on an assurance — stages with their own tests
//! and partial credit, the basket secured only when the last one passes.

mod common;

use ceasefire::engine::{
    Action, Basket, BasketState, CardKind, Decision, Game, LogEvent, Meter, Posture, Scenario,
    Seat, TableId, Viewer, words,
};
use ceasefire::save::SaveFile;
use ceasefire::scenario::ScenarioSource;
use common::{advance_to, assert_at, card, mini_copy, mini_with, play, refused};
use std::path::Path;
use std::sync::Arc;

/// The phased Afghan assurance the tests add, its stages written in `stages`.
fn phased_card(stages: &str) -> String {
    format!(
        "
[[card]]
id = \"af-phased\"
name = \"Phased action against armed groups\"
kind = \"assurance\"
cost = 1
basket = \"security\"
milestones = [
{stages}
]
text = \"Assurance (Security) in stages.\"
"
    )
}

/// Three stages: the first brings Trust +2 and credibility +5, the second Trust +3.
const THREE_STAGES: &str = "  { name = \"hold 48 hours\", tests = 1, trust = 2, credibility = 5 },
  { name = \"close the camps\", trust = 3 },
  { name = \"extend to the end of talks\", tests = 1 },";

/// `afghanistan.toml` with the phased card after its own cards.
fn with_three_stages(text: &str) -> String {
    format!("{text}{}", phased_card(THREE_STAGES))
}

/// The mini fixture with the three-stage phased card, every card of a seat's deck in its
/// opening hand, no event that breaks a pledge, and Afghan pledges starting at
/// `enforcement` credibility (at most 100).
fn phased_mini(enforcement: u8) -> Scenario {
    let mut s = mini_with(&[("afghanistan.toml", &with_three_stages)]).unwrap();
    s.rules.hand_size = 10;
    s.rules.max_credibility = 100;
    s.enforcement[Seat::Afghanistan.index()] = enforcement;
    for event in &mut s.events {
        event.breaks = None;
    }
    s
}

// ---- Validation ----------------------------------------------------------------------------

#[test]
fn a_phased_assurance_validates_and_owes_the_sum_of_its_stages() {
    let s = mini_with(&[("afghanistan.toml", &with_three_stages)]).unwrap();
    let def = &s.cards[usize::from(card(&s, "af-phased"))];
    assert_eq!(def.kind, CardKind::Assurance);
    assert_eq!(def.duration, 3);
    let names: Vec<&str> = def.milestones.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "hold 48 hours",
            "close the camps",
            "extend to the end of talks"
        ]
    );
    // `tests` defaults to 1, `trust` and `credibility` to 0.
    let second = &def.milestones[1];
    assert_eq!((second.tests, second.trust, second.credibility), (1, 3, 0));
    assert_eq!(
        (def.milestones[0].trust, def.milestones[0].credibility),
        (2, 5)
    );
    // A duration that agrees with the stages is accepted; plain cards have no stages.
    let agreeing = |t: &str| {
        with_three_stages(t).replace(
            "cost = 1\nbasket = \"security\"\nmilestones",
            "cost = 1\nbasket = \"security\"\nduration = 3\nmilestones",
        )
    };
    assert!(mini_with(&[("afghanistan.toml", &agreeing)]).is_ok());
    let plain = &s.cards[usize::from(card(&s, "af-sanctuary-pledge"))];
    assert!(plain.milestones.is_empty());
}

#[test]
fn milestones_on_a_demand_are_refused_with_where_they_belong() {
    let edit = |t: &str| {
        t.replacen(
            "basket = \"sovereignty\"\ntext = \"Demand (Sovereignty).\"",
            "basket = \"sovereignty\"\nmilestones = [ { name = \"a\" }, { name = \"b\" } ]\ntext = \"Demand (Sovereignty).\"",
            1,
        )
    };
    let (err, line) = refused("afghanistan.toml", &edit, "milestones = [");
    assert_at(
        &err,
        "afghanistan.toml",
        line,
        "`milestones` is only for assurance cards",
        "put the stages on that assurance card",
    );
}

#[test]
fn milestones_on_a_bridge_or_a_confidence_card_are_refused_with_a_hint() {
    let bridge = |t: &str| {
        t.replacen(
            "bridge = true\n",
            "bridge = true\nmilestones = [ { name = \"a\" }, { name = \"b\" } ]\n",
            1,
        )
    };
    let (err, line) = refused("mediator.toml", &bridge, "milestones = [");
    assert_at(
        &err,
        "mediator.toml",
        line,
        "`milestones` is only for assurance cards",
        "a bridged pledge has no stages",
    );
    let shuttle = |t: &str| {
        t.replacen(
            "effects = { trust = 4, credibility = -2, draw = 1 }",
            "effects = { trust = 4, credibility = -2, draw = 1 }\nmilestones = [ { name = \"a\" }, { name = \"b\" } ]",
            1,
        )
    };
    let (err, line) = refused("mediator.toml", &shuttle, "milestones = [");
    assert_at(
        &err,
        "mediator.toml",
        line,
        "`milestones` is only for assurance cards",
        "kind = \"assurance\"",
    );
}

#[test]
fn a_stage_with_no_tests_is_refused_at_its_tests() {
    let edit = |t: &str| {
        with_three_stages(t).replace(
            "{ name = \"close the camps\", trust = 3 }",
            "{ name = \"close the camps\", tests = 0 }",
        )
    };
    let (err, line) = refused("afghanistan.toml", &edit, "tests = 0");
    assert_at(
        &err,
        "afghanistan.toml",
        line,
        "a milestone holds at least one test",
        "write tests = 1 or more",
    );
    assert!(err.column > 10, "{err}");
}

#[test]
fn a_duration_other_than_the_stages_sum_is_refused_with_the_sum() {
    let edit = |t: &str| {
        with_three_stages(t).replace(
            "basket = \"security\"\nmilestones",
            "basket = \"security\"\nduration = 2\nmilestones",
        )
    };
    let (err, line) = refused("afghanistan.toml", &edit, "duration = 2");
    assert_at(
        &err,
        "afghanistan.toml",
        line,
        "`duration` is 2, but the milestones' tests add up to 3",
        "remove `duration`",
    );
    assert!(err.hint.contains("duration = 3"), "{err}");
}

#[test]
fn too_many_or_too_few_stages_are_refused() {
    let seven: String = (1..=7)
        .map(|i| format!("  {{ name = \"stage {i}\" }},\n"))
        .collect();
    let many = |t: &str| format!("{t}{}", phased_card(&seven));
    let (err, line) = refused("afghanistan.toml", &many, "milestones = [");
    assert_at(
        &err,
        "afghanistan.toml",
        line,
        "`milestones` has 7 stages; a phased commitment has 2 to 6",
        "merge stages",
    );
    let one = |t: &str| format!("{t}{}", phased_card("  { name = \"only\", tests = 2 },"));
    let (err, line) = refused("afghanistan.toml", &one, "milestones = [");
    assert_at(
        &err,
        "afghanistan.toml",
        line,
        "`milestones` has 1 stages",
        "write duration = <tests>",
    );
}

#[test]
fn stages_owing_more_than_ten_tests_are_refused() {
    let long = |t: &str| {
        format!(
            "{t}{}",
            phased_card("  { name = \"a\", tests = 6 },\n  { name = \"b\", tests = 5 },")
        )
    };
    let (err, line) = refused("afghanistan.toml", &long, "milestones = [");
    assert_at(
        &err,
        "afghanistan.toml",
        line,
        "the milestones' tests add up to 11; a commitment owes at most 10",
        "fewer tests",
    );
}

#[test]
fn a_stage_without_a_name_is_refused_at_its_name() {
    let edit =
        |t: &str| with_three_stages(t).replace("name = \"close the camps\"", "name = \"  \"");
    let (err, line) = refused("afghanistan.toml", &edit, "name = \"  \"");
    assert_at(
        &err,
        "afghanistan.toml",
        line,
        "a milestone needs a name",
        "name the stage in a few words",
    );
}

#[test]
fn a_stage_name_is_held_to_the_name_limit_and_a_misspelt_key_is_named() {
    let long = "x".repeat(201);
    let edit = move |t: &str| {
        with_three_stages(t).replace("name = \"close the camps\"", &format!("name = \"{long}\""))
    };
    let (err, line) = refused("afghanistan.toml", &edit, "xxxxxxxx");
    assert_at(
        &err,
        "afghanistan.toml",
        line,
        "`name` is 201 characters long; the most it may be is 200",
        "shorten it",
    );
    let misspelt =
        |t: &str| with_three_stages(t).replace("tests = 1, trust = 2", "test = 1, trust = 2");
    let (err, line) = refused("afghanistan.toml", &misspelt, "test = 1");
    assert_at(
        &err,
        "afghanistan.toml",
        line,
        "unknown field `test`",
        "did you mean `tests`?",
    );
}

// ---- Play ------------------------------------------------------------------------------------

/// Round 1 of a game of `scenario`: Pakistan demands action on the sanctuaries, Afghanistan
/// meets the demand with the phased card (agreeing Security). Returns the commitment's id.
fn phased_pledge(game: &mut Game) -> TableId {
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
    advance_to(game, Seat::Afghanistan, Decision::Negotiate);
    let demand = game.demands()[0].id;
    play(
        game,
        Action::Meet {
            seat: Seat::Afghanistan,
            demand,
            card: card(&s, "af-phased"),
        },
    );
    let id = game.commitments()[0].id;
    assert_eq!(
        game.baskets()[Basket::Security.index()],
        BasketState::Agreed { commitment: id }
    );
    id
}

/// Passes (firm postures, each prompt's first option) until the round ends or the game does.
fn to_next_round(game: &mut Game) {
    let round = game.round();
    while game.round() == round {
        let Some((seat, decision)) = game.to_act() else {
            return;
        };
        let action = match decision {
            Decision::Negotiate => Action::Pass { seat },
            Decision::Posture => Action::Posture {
                seat,
                posture: Posture::Firm,
            },
            _ => game.legal_actions(seat)[0],
        };
        play(game, action);
    }
}

/// The log's milestone events: `(stage, passed)` in order, for commitment `id`.
fn milestones_of(game: &Game, id: TableId) -> Vec<(u8, bool)> {
    game.log()
        .iter()
        .filter_map(|e| match e.event {
            LogEvent::MilestonePassed { id: i, stage, .. } if i == id => Some((stage, true)),
            LogEvent::MilestoneBroken { id: i, stage, .. } if i == id => Some((stage, false)),
            _ => None,
        })
        .collect()
}

/// The first seed in `seeds` whose game of `scenario`, driven by [`phased_pledge`] and
/// [`to_next_round`] for `rounds` rounds, logs exactly `wanted` for the phased pledge.
fn seed_where(
    scenario: &Arc<Scenario>,
    rounds: u8,
    wanted: &[(u8, bool)],
) -> Option<(u64, Game, TableId)> {
    (0..200).find_map(|seed| {
        let mut game = Game::new(scenario.clone(), seed);
        let id = phased_pledge(&mut game);
        for _ in 0..rounds {
            to_next_round(&mut game);
        }
        (milestones_of(&game, id) == wanted).then_some((seed, game, id))
    })
}

#[test]
fn stages_pass_one_by_one_with_their_credit_and_the_basket_is_secured_at_the_last() {
    let scenario = Arc::new(phased_mini(90));
    let all = [(1, true), (2, true), (3, true)];
    let (seed, _, id) = seed_where(&scenario, 3, &all).expect("a seed where every stage holds");
    // Round by round, from the start again: the stage on the table, the basket's state.
    let mut game = Game::new(scenario.clone(), seed);
    assert_eq!(phased_pledge(&mut game), id);
    // What every seat sees of it on the table: the stage under the pledge's line.
    let stage = |game: &Game| {
        let view = game.view(Viewer::Seat(Seat::Pakistan));
        let c = view.commitments.iter().find(|c| c.id == id).copied();
        c.and_then(|c| words::commitment_stage(&scenario, &c))
    };
    assert_eq!(stage(&game).as_deref(), Some("stage 1/3: hold 48 hours"));
    assert_eq!(game.commitments()[0].credibility, 90);
    to_next_round(&mut game);
    let c = game.commitments()[0];
    assert_eq!((c.tests, c.stages_passed, c.credibility), (1, Some(1), 95));
    assert_eq!(stage(&game).as_deref(), Some("stage 2/3: close the camps"));
    assert_eq!(
        game.baskets()[Basket::Security.index()],
        BasketState::Agreed { commitment: id }
    );
    to_next_round(&mut game);
    assert_eq!(game.commitments()[0].stages_passed, Some(2));
    assert_eq!(
        game.baskets()[Basket::Security.index()],
        BasketState::Agreed { commitment: id },
        "not secured before the last stage"
    );
    to_next_round(&mut game);
    // Rules version 1: honoured, the pledge leaves the table and the basket is secured.
    assert!(game.commitments().iter().all(|c| c.id != id));
    assert_eq!(
        game.baskets()[Basket::Security.index()],
        BasketState::Secured
    );
    assert_eq!(game.stats().honoured[Seat::Afghanistan.index()], 1);

    // The log: each stage right after the test that passed it, its Trust right after; the
    // last one before the honour and the basket secured.
    let log = game.log();
    let at = |wanted: &dyn Fn(&LogEvent) -> bool| log.iter().position(|e| wanted(&e.event));
    for (stage, trust) in [(1u8, Some(2i8)), (2, Some(3)), (3, None)] {
        let passed = at(&|e| matches!(e, LogEvent::MilestonePassed { id: i, stage: s, of: 3, .. } if *i == id && *s == stage)).unwrap();
        assert!(matches!(
            log[passed - 1].event,
            LogEvent::CommitmentTested { held: true, .. }
        ));
        match trust {
            Some(delta) => assert!(
                matches!(log[passed + 1].event, LogEvent::MeterChanged { meter: Meter::Trust, delta: d, .. } if d == delta),
                "{:?}",
                log[passed + 1]
            ),
            None => assert!(!matches!(
                log[passed + 1].event,
                LogEvent::MeterChanged { .. }
            )),
        }
    }
    let last = at(&|e| matches!(e, LogEvent::MilestonePassed { stage: 3, .. })).unwrap();
    let honoured = at(&|e| matches!(e, LogEvent::CommitmentHonoured { .. })).unwrap();
    let secured = at(&|e| matches!(e, LogEvent::BasketSecured { .. })).unwrap();
    assert!(last < honoured && honoured < secured);
    let words: Vec<String> = log
        .iter()
        .filter(|e| matches!(e.event, LogEvent::MilestonePassed { .. }))
        .map(|e| e.describe(&scenario))
        .collect();
    assert_eq!(
        words,
        [
            format!(
                "Milestone 1 of 3 passed: hold 48 hours (commitment #{id}); credibility now 95%."
            ),
            format!("Milestone 2 of 3 passed: close the camps (commitment #{id})."),
            format!("Milestone 3 of 3 passed: extend to the end of talks (commitment #{id})."),
        ]
    );
}

#[test]
fn a_break_midway_keeps_the_credit_of_the_stages_passed_and_unravels_the_basket() {
    let scenario = Arc::new(phased_mini(60));
    let wanted = [(1, true), (2, false)];
    let (_, game, id) = seed_where(&scenario, 2, &wanted).expect("a seed breaking at stage 2");
    let log = game.log();
    let broken = log
        .iter()
        .position(|e| matches!(e.event, LogEvent::MilestoneBroken { .. }))
        .unwrap();
    // The stage it broke on comes first, then the break as any other, and the basket unravels.
    assert!(matches!(
        log[broken - 1].event,
        LogEvent::CommitmentTested { held: false, .. }
    ));
    assert!(matches!(log[broken + 1].event, LogEvent::CommitmentBroken { id: i, .. } if i == id));
    assert_eq!(
        log[broken].describe(&scenario),
        format!(
            "Commitment #{id} broke at milestone 2 of 3, close the camps: the stage passed \
             before it keeps its credit."
        )
    );
    assert!(log[broken..].iter().any(|e| matches!(
        e.event,
        LogEvent::BasketUnravelled {
            basket: Basket::Security
        }
    )));
    assert_eq!(game.baskets()[Basket::Security.index()], BasketState::Open);
    assert!(
        !log.iter()
            .any(|e| matches!(e.event, LogEvent::BasketSecured { .. }))
    );
    // The first stage's Trust +2 is still in the log, never taken back: the Trust lost is the
    // break's own cost.
    let passed = log
        .iter()
        .position(|e| matches!(e.event, LogEvent::MilestonePassed { stage: 1, .. }))
        .unwrap();
    assert!(matches!(
        log[passed + 1].event,
        LogEvent::MeterChanged {
            meter: Meter::Trust,
            delta: 2,
            ..
        }
    ));
    let trust_after_break: Vec<i8> = log[broken..]
        .iter()
        .take_while(|e| {
            !matches!(
                e.event,
                LogEvent::CommitmentTested { .. } | LogEvent::RoundStarted
            )
        })
        .filter_map(|e| match e.event {
            LogEvent::MeterChanged {
                meter: Meter::Trust,
                delta,
                ..
            } => Some(delta),
            _ => None,
        })
        .collect();
    assert_eq!(
        trust_after_break,
        [-i8::try_from(scenario.rules.broken_trust).unwrap()]
    );
    assert_eq!(game.stats().broken[Seat::Afghanistan.index()], 1);
}

#[test]
fn under_rules_version_2_the_last_stage_keeps_the_pledge_for_the_accord() {
    let mut s = phased_mini(100);
    s.rules.version = 2;
    let scenario = Arc::new(s);
    let mut game = Game::new(scenario.clone(), 3);
    let id = phased_pledge(&mut game);
    for _ in 0..3 {
        to_next_round(&mut game);
    }
    assert_eq!(milestones_of(&game, id), [(1, true), (2, true), (3, true)]);
    let c = game
        .commitments()
        .iter()
        .find(|c| c.id == id)
        .copied()
        .unwrap();
    assert_eq!((c.tests, c.duration, c.stages_passed), (3, 3, Some(3)));
    assert_eq!(
        game.baskets()[Basket::Security.index()],
        BasketState::Secured
    );
    assert!(
        words::commitment(&scenario, &c).ends_with("kept 3/3: Phased action against armed groups")
    );
    assert_eq!(
        words::commitment_stage(&scenario, &c).as_deref(),
        Some("all 3 stages passed")
    );
}

/// A game of the mini fixture under rules version 2, 8 rounds, every pledge holding: the
/// phased card has two stages, of 1 and 5 tests. Round 1: Pakistan demands action on the
/// sanctuaries, Afghanistan meets it with the phased card and asks for respect of its
/// borders; round 2: Pakistan meets that and Afghanistan asks for open trade; round 3:
/// Pakistan meets that; round 4: the mediators table the accord and both sign.
fn signed_with_a_phased_pledge() -> (Game, TableId) {
    let stages = |t: &str| {
        format!(
            "{t}{}",
            phased_card(
                "  { name = \"first patrols\", trust = 2 },\n  { name = \"camps closed\", tests = 5, trust = 4 },"
            )
        )
    };
    let mut s = mini_with(&[("afghanistan.toml", &stages)]).unwrap();
    s.rules.version = 2;
    s.rules.hand_size = 10;
    s.rules.max_credibility = 100;
    s.rounds = 8;
    s.enforcement = [100; 3];
    for event in &mut s.events {
        event.breaks = None;
    }
    let mut game = Game::new(Arc::new(s), 1);
    let id = phased_pledge(&mut game);
    let s = game.scenario().clone();
    let demand_to =
        |game: &Game, seat: Seat| game.demands().iter().find(|d| d.to == seat).unwrap().id;
    play(
        &mut game,
        Action::Play {
            seat: Seat::Afghanistan,
            card: card(&s, "af-respect-borders"),
            target: None,
        },
    );
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    let demand = demand_to(&game, Seat::Pakistan);
    play(
        &mut game,
        Action::Meet {
            seat: Seat::Pakistan,
            demand,
            card: card(&s, "pk-noninterference"),
        },
    );
    advance_to(&mut game, Seat::Afghanistan, Decision::Negotiate);
    play(
        &mut game,
        Action::Play {
            seat: Seat::Afghanistan,
            card: card(&s, "af-trade"),
            target: None,
        },
    );
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    let demand = demand_to(&game, Seat::Pakistan);
    play(
        &mut game,
        Action::Meet {
            seat: Seat::Pakistan,
            demand,
            card: card(&s, "pk-open-crossing"),
        },
    );
    to_next_round(&mut game);
    assert_eq!(game.round(), 4);
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    play(
        &mut game,
        Action::TableAccord {
            seat: Seat::Mediator,
        },
    );
    for seat in Seat::DELEGATIONS {
        advance_to(&mut game, seat, Decision::AccordVote);
        play(&mut game, Action::Vote { seat, accept: true });
    }
    assert!(game.accord().is_some_and(|a| a.bound.contains(&id)));
    (game, id)
}

#[test]
fn an_accord_binding_a_phased_pledge_carries_its_stages_on() {
    let (mut game, id) = signed_with_a_phased_pledge();
    // Signed in round 4, after three tests: the first stage passed, four tests of the second
    // still ahead, more than the accord's own two; none is started afresh.
    let owed = game.scenario().rules.implementation_tests;
    let c = *game.commitments().iter().find(|c| c.id == id).unwrap();
    assert_eq!((c.tests, c.duration, c.stages_passed), (3, 6, Some(1)));
    assert_eq!(c.owed_if_bound(owed), 3);
    // A plain pledge bound with it owes the accord's tests, afresh.
    let plain = game.commitments().iter().find(|c| c.id != id).unwrap();
    assert_eq!((plain.tests, plain.duration), (0, owed));
    let unphased = ceasefire::engine::Commitment {
        stages_passed: None,
        ..c
    };
    assert_eq!(unphased.owed_if_bound(owed), owed);
    let signed = game
        .log()
        .iter()
        .find(|e| matches!(e.event, LogEvent::AccordSigned { .. }))
        .unwrap();
    assert!(
        signed
            .describe(game.scenario())
            .contains("must hold 2 more tests (a phased one, at least that and to its last stage)"),
        "{}",
        signed.describe(game.scenario())
    );
    while game.outcome().is_none() {
        to_next_round(&mut game);
    }
    // The second stage passes on the test that implements the pledge, and only then.
    assert_eq!(milestones_of(&game, id), [(1, true), (2, true)]);
    let log = game.log();
    let last = log
        .iter()
        .position(|e| matches!(e.event, LogEvent::MilestonePassed { stage: 2, .. }))
        .unwrap();
    let implemented = log
        .iter()
        .position(|e| matches!(e.event, LogEvent::CommitmentImplemented { id: i } if i == id))
        .unwrap();
    assert!(last < implemented);
    assert!(
        log[last..implemented]
            .iter()
            .all(|e| !matches!(e.event, LogEvent::CommitmentTested { .. }))
    );
}

#[test]
fn bots_play_games_with_a_phased_card_to_the_end() {
    use ceasefire::bot::Policy;
    use ceasefire::sim::seat_bots;
    let scenario = Arc::new(phased_mini(55));
    let mut stages = 0;
    for seed in 0..12u64 {
        let policies = [Policy::Easy, Policy::Random, Policy::Easy];
        let game =
            ceasefire::sim::play_game(scenario.clone(), seed, &mut seat_bots(&policies, seed));
        assert!(game.outcome().is_some());
        stages += game
            .log()
            .iter()
            .filter(|e| {
                matches!(
                    e.event,
                    LogEvent::MilestonePassed { .. } | LogEvent::MilestoneBroken { .. }
                )
            })
            .count();
    }
    assert!(stages > 0, "the phased card was played and tested");
}

#[test]
fn the_report_gives_a_phased_pledges_fate_with_its_milestones() {
    let dir = mini_copy(&[("afghanistan.toml", &with_three_stages)]);
    let source = ScenarioSource::from_dir(dir.path()).unwrap();
    let scenario = Arc::new(phased_mini(60));
    let (_, game, id) =
        seed_where(&scenario, 2, &[(1, true), (2, false)]).expect("a seed breaking at stage 2");
    let file = SaveFile::of(
        &game,
        &source,
        ["human", "human", "human"].map(String::from),
        vec![],
        0,
    );
    let report = ceasefire::report::report("t", &file, &game);
    let row = report.commitments.iter().find(|r| r.id == id).unwrap();
    assert!(
        row.fate
            .ends_with(", at milestone 2 of 3 (1 passed, its credit kept)"),
        "{row:?}"
    );
    let scenario = Arc::new(phased_mini(100));
    let mut game = Game::new(scenario, 1);
    let id = phased_pledge(&mut game);
    to_next_round(&mut game);
    let report = ceasefire::report::report("t", &file, &game);
    let row = report.commitments.iter().find(|r| r.id == id).unwrap();
    assert_eq!(row.fate, "standing, 1 of 3 milestones passed");
}

// ---- Before and after ------------------------------------------------------------------------

/// A game of `scenario` played by a fixed script: each move drawn from the legal ones (the
/// cooperative ones when there are any) by a generator seeded with `seed`. Depends on the
/// engine alone, not on any bot.
fn scripted(scenario: Arc<Scenario>, seed: u64) -> Game {
    let mut game = Game::new(scenario, seed);
    let mut x = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    for _ in 0..3000 {
        let Some((seat, _)) = game.to_act() else {
            break;
        };
        let legal = game.legal_actions(seat);
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let good: Vec<Action> = legal
            .iter()
            .copied()
            .filter(|a| cooperative(&game, a))
            .collect();
        let pool = if good.is_empty() { &legal } else { &good };
        let action = pool[((x >> 33) % pool.len() as u64) as usize];
        game.apply(action).unwrap();
    }
    game
}

/// Moves that keep the talks going: no pressure card, rejection or pass when anything else
/// is legal; conciliatory postures; every prompt answered yes.
fn cooperative(game: &Game, action: &Action) -> bool {
    match *action {
        Action::Posture { posture, .. } => posture == Posture::Conciliatory,
        Action::Play { card, .. } => {
            game.scenario().cards[usize::from(card)].kind != CardKind::Pressure
        }
        Action::Reject { .. } | Action::Pass { .. } => false,
        Action::Vote { accept, .. }
        | Action::Consent { accept, .. }
        | Action::AnswerBridge { accept, .. }
        | Action::AnswerOffer { accept, .. }
        | Action::Renew { accept, .. } => accept,
        _ => true,
    }
}

/// The digests of [`scripted`] games of `tests/fixtures/istanbul-before-issue-15`, seeds 1 to
/// 12, taken with the engine as it was before phased commitments (commit 5823b1e). They end
/// in breakdowns, fragile pauses, a relapse and a durable peace after implementation.
const BEFORE_MILESTONES: [&str; 12] = [
    "3a0beea3159a3d1332ea755ac2fccb30c105e0ea3fbe20c4ae10c647026612fe",
    "2072878958a1405ef16d73ed17828590fc754dea07ee5c55f44d3316c4ed273a",
    "41c40543d053a1fe9ff7c03a2287eea77778bc5206432fe5ff14f30a14cc7802",
    "d497036a3e15a503ece75c30c008d72e4c96b964e461b1d0ae81765daf89fa69",
    "013a2572711b153cb1cbbcb2a8ba4dee5b9b3e694f9236c128b3d3651eb41be7",
    "22bbe8ec1620b83df14157cc03617144eddc72c6ace885b4cd8471622fba8596",
    "d0aff49d751d1b99622d016d85dd911f00f94b469978bbf5e571ce324bb2ba87",
    "60d917338a03436797715783a61b5238396cd0657b77575d2c81d1315503306e",
    "8a0753805a6b8479058ade434fe2640ac460b5efd87fab4c3580216cf204a697",
    "f965e18e5ad0b44a14f4460a18331b3060a66a841b1f30998e5702977a4a0136",
    "8b9a2db5f042c8b1e5b61efd1048a2f5ca29fc848176789a1a3cade785a90122",
    "08c20d9561341797419fac0a6b55429dad508bf5624a260f0a7010b78b07bcce",
];

#[test]
fn istanbul_without_milestones_plays_bit_for_bit_as_before() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/istanbul-before-issue-15");
    let scenario = Arc::new(
        ScenarioSource::from_dir(&dir)
            .and_then(|s| s.build())
            .unwrap(),
    );
    assert!(scenario.cards.iter().all(|c| c.milestones.is_empty()));
    for (seed, before) in (1u64..).zip(BEFORE_MILESTONES) {
        let game = scripted(scenario.clone(), seed);
        assert_eq!(game.digest().to_string(), before, "seed {seed}");
        assert!(game.commitments().iter().all(|c| c.stages_passed.is_none()));
    }
}

// ---- Screens -------------------------------------------------------------------------------

#[test]
fn the_table_shows_a_phased_pledges_stage_and_its_details_list_the_stages() {
    use ceasefire::table::Session;
    use ceasefire::tui::{App, Options, Play, Speed, Theme};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
    use ratatui::layout::Rect;
    use std::time::Instant;

    let dir = mini_copy(&[("afghanistan.toml", &with_three_stages)]);
    let source = ScenarioSource::from_dir(dir.path()).unwrap();
    let scenario = Arc::new(phased_mini(100));
    // Round 1 as in the other tests, then the first stage passes at its end.
    let mut game = Game::new(scenario.clone(), 4);
    let id = phased_pledge(&mut game);
    to_next_round(&mut game);
    // Pakistan a person, the others bots (who do not move: the app is never ticked).
    let seats = ["human", "passive", "passive"].map(String::from);
    let file = SaveFile::of(&game, &source, seats, vec![], 0);
    let upto = game.actions().len();
    let session = Session::replayed(&file, game, upto);
    let options = Options {
        saves_dir: None,
        speed: Speed::Instant,
        theme: Theme::new(false),
    };
    let mut app = App::playing(
        options,
        Play::with_session(session, Speed::Instant),
        Instant::now(),
    );
    // To the table panel (Tab: hand, log, table), its first item: the phased pledge.
    for code in [KeyCode::Esc, KeyCode::Tab, KeyCode::Tab, KeyCode::Home] {
        app.handle(&Event::Key(KeyEvent::from(code)), Instant::now());
    }
    let render = |app: &mut App| {
        let (width, height) = (120, 40);
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        app.resize(Rect::new(0, 0, width, height));
        terminal.draw(|frame| app.draw(frame)).unwrap();
        let screen = terminal.backend().to_string();
        let flat: String = screen
            .lines()
            .map(|l| l.trim_matches('"').trim_matches('│').trim())
            .collect::<Vec<_>>()
            .join(" ");
        (screen, flat)
    };
    let (screen, flat) = render(&mut app);
    // The table: the pledge, and its stage on a line of its own; the details say it too.
    assert!(
        flat.contains(&format!("▸ #{id} AF Security 100% held 1/3")),
        "{screen}"
    );
    assert!(
        flat.contains("┃     stage 2/3: close the camps"),
        "{screen}"
    );
    assert!(
        flat.contains("on stage 2 of 3, close the camps"),
        "{screen}"
    );
    insta::assert_snapshot!("phased_commitment_120x40", screen);
    // Further down the details, the stages: passed, current, ahead.
    for _ in 0..2 {
        let page_down = Event::Key(KeyEvent::from(KeyCode::PageDown));
        app.handle(&page_down, Instant::now());
        render(&mut app);
    }
    let (screen, flat) = render(&mut app);
    assert!(
        flat.contains("✓ 1. hold 48 hours — 1 test, Trust +2, credibility +5"),
        "{screen}"
    );
    assert!(
        flat.contains("▸ 2. close the camps — 1 test, Trust +3"),
        "{screen}"
    );
    assert!(
        flat.contains("3. extend to the end of talks — 1 test"),
        "{screen}"
    );
    insta::assert_snapshot!("phased_commitment_stages_120x40", screen);
}
