//! Actors (`[[actors]]`): parties that hold no seat. They validate, act at upkeep when their
//! condition holds, break the named commitment, are moved by cards, gate cards and events,
//! and every broken use is refused with its place and a hint.

mod common;

use ceasefire::engine::{
    Action, ActorId, Decision, Game, LogEvent, Meter, Posture, Scenario, Seat, Viewer,
};
use ceasefire::scenario::{ScenarioError, ScenarioSource};
use common::{advance_to, card, play};
use proptest::prelude::*;
use std::fs;
use std::path::Path;
use std::sync::Arc;

/// One actor that raids at every upkeep while its strength is at least 50.
const ACTOR: &str = r#"
[[actors]]
id = "armed_groups"
name = "Armed groups"
about = "Fighters no delegation controls."
strength = 50

[[actors.acts]]
requires = { strength = ">= 50" }
chance = 100
effects = { security = -3 }
text = "A raid: Security -3."
"#;

/// An edit of one file of the mini fixture: the file's name and the edit.
type Edit<'a> = (&'a str, &'a dyn Fn(&str) -> String);

/// The mini fixture with `ACTOR` appended to scenario.toml and `edits` made, built; and the
/// line (1-based) of `marker` in the last file edited (0 when absent).
fn built(edits: &[Edit], marker: &str) -> (Result<Scenario, ScenarioError>, usize) {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(common::mini_dir()).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), dir.path().join(entry.file_name())).unwrap();
    }
    let main = dir.path().join("scenario.toml");
    let text = fs::read_to_string(&main).unwrap() + ACTOR;
    fs::write(&main, text).unwrap();
    let mut line = 0;
    for (file, edit) in edits {
        let path = dir.path().join(file);
        let edited = edit(&fs::read_to_string(&path).unwrap());
        fs::write(&path, &edited).unwrap();
        line = edited
            .lines()
            .position(|l| l.contains(marker))
            .map_or(0, |i| i + 1);
    }
    let scenario = ScenarioSource::from_dir(dir.path()).and_then(|s| s.build());
    (scenario, line)
}

/// The scenario with `edits`, which must validate; every card of a seat in its hand.
fn scenario(edits: &[Edit]) -> Arc<Scenario> {
    let mut scenario = built(edits, "").0.expect("the scenario validates");
    scenario.rules.hand_size = 10;
    Arc::new(scenario)
}

/// The error of the scenario with `edits`, which must be refused at the line of `marker`
/// in `file` (the last file edited), with `message` and `hint` in its words.
fn refused(edits: &[Edit], file: &str, marker: &str, message: &str, hint: &str) {
    let (result, line) = built(edits, marker);
    let err = result.expect_err("the broken scenario must be refused");
    assert_eq!(
        err.file.file_name().unwrap(),
        Path::new(file).as_os_str(),
        "{err}"
    );
    assert_eq!(err.line, line, "{err}");
    assert!(err.column >= 1, "{err}");
    assert!(err.message.contains(message), "message: {err}");
    assert!(err.hint.contains(hint), "hint: {err}");
}

/// Replaces the first `from` of a file with `to`.
fn replace(from: &'static str, to: &'static str) -> impl Fn(&str) -> String {
    move |text: &str| {
        assert!(text.contains(from), "`{from}` is not in the file");
        text.replacen(from, to, 1)
    }
}

/// Passes and takes firm postures until round `round` begins (or the game ends).
fn pass_until_round(game: &mut Game, round: u8) {
    while game.outcome().is_none() && game.round() < round {
        let (seat, decision) = game.to_act().expect("someone acts");
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

/// How many times the actors acted so far.
fn acts(game: &Game) -> usize {
    game.log()
        .iter()
        .filter(|e| matches!(e.event, LogEvent::ActorActed { .. }))
        .count()
}

#[test]
fn a_scenario_with_an_actor_validates_and_shows_it_to_every_viewer() {
    let scenario = scenario(&[]);
    assert_eq!(scenario.actors.len(), 1);
    assert_eq!(scenario.actors[0].name, "Armed groups");
    assert_eq!(scenario.actors[0].acts[0].chance, 100);
    let game = Game::new(scenario.clone(), 1);
    assert_eq!(game.actor_strengths(), &[50]);
    for viewer in [
        Viewer::Seat(Seat::Pakistan),
        Viewer::Spectator,
        Viewer::Facilitator,
    ] {
        assert_eq!(game.view(viewer).actors, vec![50]);
    }
    let sample = Game::determinize(&game.view(Seat::Afghanistan), 9);
    assert_eq!(sample.actor_strengths(), &[50], "a sampled game keeps them");
}

#[test]
fn an_act_fires_at_upkeep_when_its_condition_holds() {
    let scenario = scenario(&[]);
    let mut game = Game::new(scenario.clone(), 3);
    let security = game.meters().get(Meter::Security);
    pass_until_round(&mut game, 2);
    assert_eq!(acts(&game), 1);
    let acted = game
        .log()
        .iter()
        .position(|e| matches!(e.event, LogEvent::ActorActed { .. }))
        .unwrap();
    assert_eq!(
        game.log()[acted].describe(&scenario),
        "Armed groups: A raid: Security -3."
    );
    assert_eq!(
        game.log()[acted + 1].event,
        LogEvent::MeterChanged {
            meter: Meter::Security,
            delta: -3,
            now: security - 3
        }
    );

    let mut weaker = (*scenario).clone();
    weaker.actors[0].strength = 49;
    let mut game = Game::new(Arc::new(weaker), 3);
    pass_until_round(&mut game, 3);
    assert_eq!(acts(&game), 0, "below 50 the raid's condition fails");
}

#[test]
fn a_breaks_act_breaks_the_newest_commitment_in_its_basket() {
    let scenario = scenario(&[(
        "scenario.toml",
        &replace(
            "effects = { security = -3 }",
            "breaks = { seat = \"afghanistan\", basket = \"security\" }",
        ),
    )]);
    let pledge = card(&scenario, "af-sanctuary-pledge");
    let mut broken_by_actor = 0;
    for seed in 0..8 {
        let mut game = Game::new(scenario.clone(), seed);
        advance_to(&mut game, Seat::Afghanistan, Decision::Negotiate);
        play(
            &mut game,
            Action::Play {
                seat: Seat::Afghanistan,
                card: pledge,
                target: None,
            },
        );
        pass_until_round(&mut game, 2);
        assert!(
            game.commitments().is_empty(),
            "seed {seed}: the pledge broke"
        );
        let log = game.log();
        let acted = log
            .iter()
            .position(|e| matches!(e.event, LogEvent::ActorActed { .. }));
        let broke = log
            .iter()
            .rposition(|e| matches!(e.event, LogEvent::CommitmentBroken { .. }));
        // The round-end test may break it first; otherwise the act does.
        if let (Some(acted), Some(broke)) = (acted, broke)
            && broke == acted + 1
        {
            broken_by_actor += 1;
        }
    }
    assert!(broken_by_actor > 0, "the act broke the pledge in some game");
}

#[test]
fn a_cards_actors_effect_changes_strength() {
    let scenario = scenario(&[(
        "pakistan.toml",
        &replace(
            "effects = { border = 5 }",
            "effects = { border = 5 }\nactors = { armed_groups = -10 }",
        ),
    )]);
    let mut game = Game::new(scenario.clone(), 5);
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    play(
        &mut game,
        Action::Play {
            seat: Seat::Pakistan,
            card: card(&scenario, "pk-open-crossing"),
            target: None,
        },
    );
    assert_eq!(game.actor_strengths(), &[40]);
    let change = game
        .log()
        .iter()
        .rfind(|e| matches!(e.event, LogEvent::ActorStrength { .. }))
        .unwrap();
    assert_eq!(
        change.event,
        LogEvent::ActorStrength {
            actor: ActorId(0),
            delta: -10,
            now: 40
        }
    );
    assert_eq!(change.describe(&scenario), "  Armed groups -10 → 40");
    pass_until_round(&mut game, 2);
    assert_eq!(acts(&game), 0, "at 40 the raid no longer happens");
}

#[test]
fn an_actor_condition_gates_a_card_and_an_event() {
    let scenario = scenario(&[
        (
            "mediator.toml",
            &replace(
                "id = \"md-shuttle\"",
                "id = \"md-shuttle\"\nrequires = { actor.armed_groups = \"<= 30\" }",
            ),
        ),
        (
            "events.toml",
            &replace(
                "breaks = \"afghanistan\"",
                "breaks = \"afghanistan\"\nrequires = { actor.armed_groups = \">= 90\" }",
            ),
        ),
    ]);
    let shuttle = card(&scenario, "md-shuttle");
    let mut game = Game::new(scenario.clone(), 2);
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    assert_eq!(
        game.card_block_reason(Seat::Mediator, shuttle).as_deref(),
        Some("needs Armed groups at strength at most 30 (now 50)")
    );
    pass_until_round(&mut game, 5);
    let leaks = game.log().iter().filter(|e| {
        matches!(e.event, LogEvent::EventRevealed { event }
            if scenario.events[usize::from(event)].id == "ev-leak")
    });
    assert_eq!(leaks.count(), 0, "the leak needs the groups at 90");
}

#[test]
fn pledges_kept_or_broken_move_the_actor() {
    let scenario = scenario(&[(
        "scenario.toml",
        &replace(
            "[[actors.acts]]",
            "[[actors.pledges]]\nseat = \"afghanistan\"\nbasket = \"verification\"\nhonoured = -7\nbroken = 4\n\n[[actors.acts]]",
        ),
    )]);
    let mechanism = card(&scenario, "af-joint-mechanism");
    for seed in 0..6 {
        let mut game = Game::new(scenario.clone(), seed);
        advance_to(&mut game, Seat::Afghanistan, Decision::Negotiate);
        play(
            &mut game,
            Action::Play {
                seat: Seat::Afghanistan,
                card: mechanism,
                target: None,
            },
        );
        pass_until_round(&mut game, 2);
        let honoured = game
            .log()
            .iter()
            .any(|e| matches!(e.event, LogEvent::CommitmentHonoured { .. }));
        assert_eq!(game.actor_strengths(), &[if honoured { 43 } else { 54 }]);
    }
}

#[test]
fn a_scenario_without_actors_draws_nothing_for_them() {
    let mini = Arc::new(common::mini());
    let with = scenario(&[("scenario.toml", &replace("strength = 50", "strength = 0"))]);
    assert!(mini.actors.is_empty());
    // Same seed, same passes: the only difference an idle actor makes is none at all.
    let mut plain = Game::new(mini, 4);
    let mut idle = Game::new(with, 4);
    pass_until_round(&mut plain, 3);
    pass_until_round(&mut idle, 3);
    assert_eq!(plain.meters(), idle.meters());
    assert_eq!(plain.log(), idle.log());
}

#[test]
fn an_unknown_actor_on_a_card_is_refused_with_the_closest_id() {
    refused(
        &[(
            "pakistan.toml",
            &replace(
                "effects = { border = 5 }",
                "effects = { border = 5 }\nactors = { armed_group = -10 }",
            ),
        )],
        "pakistan.toml",
        "armed_group =",
        "unknown actor `armed_group`",
        "did you mean `armed_groups`?",
    );
}

#[test]
fn an_unknown_actor_in_a_condition_is_refused() {
    refused(
        &[(
            "events.toml",
            &replace(
                "breaks = \"afghanistan\"",
                "breaks = \"afghanistan\"\nrequires = { actor.rebels = \">= 90\" }",
            ),
        )],
        "events.toml",
        "actor.rebels",
        "unknown actor `rebels`",
        "the actors are `armed_groups`",
    );
}

#[test]
fn strength_outside_an_act_is_refused() {
    refused(
        &[(
            "events.toml",
            &replace(
                "breaks = \"afghanistan\"",
                "breaks = \"afghanistan\"\nrequires = { strength = \">= 90\" }",
            ),
        )],
        "events.toml",
        "strength",
        "`strength` is only for an actor's acts",
        "actor.<id>",
    );
}

#[test]
fn a_strength_out_of_range_is_refused() {
    refused(
        &[("scenario.toml", &replace("strength = 50", "strength = 120"))],
        "scenario.toml",
        "strength = 120",
        "out of range",
        "",
    );
    refused(
        &[(
            "scenario.toml",
            &replace("strength = \">= 50\"", "strength = \">= 150\""),
        )],
        "scenario.toml",
        ">= 150",
        "150 is out of range for strength",
        "strength from 0 to 100",
    );
    refused(
        &[("scenario.toml", &replace("chance = 100", "chance = 0"))],
        "scenario.toml",
        "chance = 0",
        "out of range",
        "",
    );
}

#[test]
fn an_act_that_breaks_a_mediator_pledge_is_refused() {
    refused(
        &[(
            "scenario.toml",
            &replace(
                "effects = { security = -3 }",
                "breaks = { seat = \"mediator\" }",
            ),
        )],
        "scenario.toml",
        "mediator\" }",
        "only a delegation's commitment can break",
        "seat = \"pakistan\" or \"afghanistan\"",
    );
}

#[test]
fn an_act_that_does_nothing_is_refused() {
    refused(
        &[(
            "scenario.toml",
            &replace("effects = { security = -3 }\n", ""),
        )],
        "scenario.toml",
        "A raid",
        "this act does nothing",
        "give it effects, breaks, actors, sets or clears",
    );
}

#[test]
fn a_bad_or_repeated_actor_id_is_refused() {
    refused(
        &[(
            "scenario.toml",
            &replace("id = \"armed_groups\"", "id = \"Armed Groups\""),
        )],
        "scenario.toml",
        "Armed Groups",
        "is not an actor id",
        "lower-case snake_case",
    );
    let twice = |text: &str| {
        let again = ACTOR.replace("id = \"armed_groups\"", "id = \"armed_groups\" # again");
        format!("{text}{again}")
    };
    refused(
        &[("scenario.toml", &twice)],
        "scenario.toml",
        "# again",
        "actor `armed_groups` is defined twice",
        "its own id",
    );
}

#[test]
fn more_than_four_actors_are_refused() {
    let many = |text: &str| {
        let mut out = text.to_string();
        for n in 1..=4 {
            out.push_str(&ACTOR.replace("armed_groups", &format!("group_{n}")));
        }
        out
    };
    refused(
        &[("scenario.toml", &many)],
        "scenario.toml",
        "group_4",
        "more than 4 actors",
        "docs/scenarios.md lists the limits",
    );
}

#[test]
fn an_actor_that_does_nothing_is_refused() {
    let idle = |text: &str| {
        let at = text.find("[[actors.acts]]").unwrap();
        text[..at].to_string()
    };
    refused(
        &[("scenario.toml", &idle)],
        "scenario.toml",
        "id = \"armed_groups\"",
        "actor `armed_groups` does nothing",
        "add an [[actors.acts]]",
    );
}

#[test]
fn pledges_of_the_mediator_or_that_change_nothing_are_refused() {
    refused(
        &[(
            "scenario.toml",
            &replace(
                "[[actors.acts]]",
                "[[actors.pledges]]\nseat = \"mediator\"\nhonoured = -5\n\n[[actors.acts]]",
            ),
        )],
        "scenario.toml",
        "seat = \"mediator\"",
        "only a delegation makes pledges",
        "seat = \"pakistan\" or \"afghanistan\"",
    );
    refused(
        &[(
            "scenario.toml",
            &replace(
                "[[actors.acts]]",
                "[[actors.pledges]]\nseat = \"pakistan\"\n\n[[actors.acts]]",
            ),
        )],
        "scenario.toml",
        "seat = \"pakistan\"",
        "these pledges change nothing",
        "honoured = N",
    );
}

#[test]
fn an_actor_without_about_is_refused() {
    refused(
        &[(
            "scenario.toml",
            &replace(
                "about = \"Fighters no delegation controls.\"",
                "about = \"\"",
            ),
        )],
        "scenario.toml",
        "id = \"armed_groups\"",
        "actor `armed_groups` has no about",
        "one or two sentences",
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Whatever the start, the drift and the cards' changes, strength stays within 0–100 and
    /// every logged change is what was applied.
    #[test]
    fn strength_stays_within_its_range(
        start in 0u8..=100,
        drift in -20i8..=20,
        change in -50i8..=50,
        seed in any::<u64>(),
        picks in proptest::collection::vec(any::<u16>(), 0..160),
    ) {
        let mut scenario = (*scenario(&[])).clone();
        scenario.actors[0].strength = start;
        scenario.actors[0].drift = drift;
        for card in &mut scenario.cards {
            card.effects.actors = vec![(ActorId(0), change)];
        }
        let scenario = Arc::new(scenario);
        let mut game = Game::new(scenario.clone(), seed);
        let mut strength = i32::from(start);
        for pick in picks {
            let Some((seat, _)) = game.to_act() else { break };
            let legal = game.legal_actions(seat);
            let before = game.log().len();
            game.apply(legal[usize::from(pick) % legal.len()]).unwrap();
            for entry in &game.log()[before..] {
                if let LogEvent::ActorStrength { delta, now, .. } = entry.event {
                    strength += i32::from(delta);
                    prop_assert_eq!(strength, i32::from(now));
                }
            }
            prop_assert!(game.actor_strengths()[0] <= 100);
            prop_assert_eq!(i32::from(game.actor_strengths()[0]), strength);
        }
    }
}

#[test]
fn istanbul_has_the_armed_groups_kabul_does_not_control() {
    let istanbul = ScenarioSource::builtin("istanbul")
        .unwrap()
        .build()
        .unwrap();
    assert_eq!(istanbul.actors.len(), 1);
    let groups = &istanbul.actors[0];
    assert_eq!(groups.id, "armed_groups");
    assert!(groups.acts.iter().any(|a| a.breaks.is_some()));
    let change = |id: &str| {
        let card = &istanbul.cards[usize::from(card(&istanbul, id))];
        card.effects.actors.first().map(|&(_, delta)| delta)
    };
    assert!(change("md-coordinated-patrols").is_some_and(|d| d < 0));
    assert!(change("pk-cross-border-strike").is_some_and(|d| d > 0));
    let tutorial = ScenarioSource::builtin("tutorial")
        .unwrap()
        .build()
        .unwrap();
    assert!(tutorial.actors.is_empty(), "the tutorial plays as before");
}
