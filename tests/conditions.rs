//! Conditions (`requires`) and flags: a choice sets a flag, events, cards and objectives read
//! it, and the game stays deterministic.

mod common;

use ceasefire::engine::{Action, Decision, Game, LogEvent, Requirements, Scenario, Seat};
use common::{advance_to, card, flags, play};
use std::sync::Arc;

/// The round-1 event (ev-attack, the opening event) answered with `option`: 0 retaliates,
/// 1 moves the talks to Doha (setting `talks_moved`).
fn after_the_attack(scenario: &Arc<Scenario>, seed: u64, option: u8) -> Game {
    let mut game = Game::new(scenario.clone(), seed);
    assert_eq!(game.to_act(), Some((Seat::Pakistan, Decision::EventChoice)));
    play(
        &mut game,
        Action::Choose {
            seat: Seat::Pakistan,
            option,
        },
    );
    game
}

/// The ids of the events revealed so far, by name.
fn revealed(game: &Game) -> Vec<(u8, String)> {
    game.log()
        .iter()
        .filter_map(|entry| match entry.event {
            LogEvent::EventRevealed { event } => Some((
                entry.round,
                game.scenario().events[usize::from(event)].id.clone(),
            )),
            _ => None,
        })
        .collect()
}

/// Passes and takes firm postures until the game is over or `rounds` more rounds began.
fn pass_rounds(game: &mut Game, rounds: u8) {
    let until = game.round() + rounds;
    while game.outcome().is_none() && game.round() < until {
        let (seat, decision) = game.to_act().expect("someone acts");
        let action = match decision {
            Decision::Negotiate => Action::Pass { seat },
            Decision::Posture => Action::Posture {
                seat,
                posture: ceasefire::engine::Posture::Firm,
            },
            _ => game.legal_actions(seat)[0],
        };
        play(game, action);
    }
}

#[test]
fn a_choice_sets_a_flag_and_the_event_requiring_it_is_drawn_only_then() {
    let scenario = Arc::new(flags());
    let doha = scenario
        .flags
        .iter()
        .position(|f| f == "talks_moved")
        .unwrap();
    for seed in 0..12 {
        let mut moved = after_the_attack(&scenario, seed, 1);
        assert_eq!(moved.flags().len(), 1);
        assert_eq!(usize::from(moved.flags()[0]), doha);
        let set = moved
            .log()
            .iter()
            .find(|e| matches!(e.event, LogEvent::FlagSet { .. }))
            .expect("the flag set is logged");
        assert_eq!(set.describe(&scenario), "Flag set: talks_moved.");
        pass_rounds(&mut moved, 1);
        assert_eq!(
            revealed(&moved).last(),
            Some(&(2, "ev-doha".to_string())),
            "seed {seed}: with the talks moved, the Doha event comes next (ev-calm needs them not moved)"
        );

        let mut stayed = after_the_attack(&scenario, seed, 0);
        assert!(stayed.flags().is_empty());
        pass_rounds(&mut stayed, 3);
        let events = revealed(&stayed);
        assert!(events.len() >= 2, "seed {seed}: {events:?}");
        assert!(
            events.iter().all(|(_, id)| id != "ev-doha"),
            "seed {seed}: the Doha event needs the flag: {events:?}"
        );
    }
}

#[test]
fn flags_are_part_of_the_deterministic_state() {
    let scenario = Arc::new(flags());
    let mut game = after_the_attack(&scenario, 7, 1);
    pass_rounds(&mut game, 1);
    let visit = card(&scenario, "pk-doha-visit");
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    play(
        &mut game,
        Action::Play {
            seat: Seat::Pakistan,
            card: visit,
            target: None,
        },
    );
    assert_eq!(game.flags().len(), 2);
    let replayed = Game::replay(scenario.clone(), 7, game.actions()).unwrap();
    assert_eq!(replayed, game);
    assert_eq!(replayed.digest(), game.digest());
    assert_eq!(game.view(Seat::Afghanistan).flags, game.flags());
    let sampled = Game::determinize(&game.view(Seat::Afghanistan), 99);
    assert_eq!(sampled.flags(), game.flags());
}

#[test]
fn a_card_with_requires_is_illegal_until_its_condition_holds() {
    let scenario = Arc::new(flags());
    let visit = card(&scenario, "pk-doha-visit");
    let play_visit = Action::Play {
        seat: Seat::Pakistan,
        card: visit,
        target: None,
    };

    let mut stayed = after_the_attack(&scenario, 3, 0);
    pass_rounds(&mut stayed, 1);
    advance_to(&mut stayed, Seat::Pakistan, Decision::Negotiate);
    let refusal = stayed.apply(play_visit).unwrap_err().to_string();
    assert_eq!(refusal, "needs the flag talks_moved");
    assert_eq!(
        stayed.card_block_reason(Seat::Pakistan, visit).as_deref(),
        Some("needs the flag talks_moved")
    );
    assert!(!stayed.legal_actions(Seat::Pakistan).contains(&play_visit));

    let mut moved = after_the_attack(&scenario, 3, 1);
    advance_to(&mut moved, Seat::Pakistan, Decision::Negotiate);
    assert_eq!(
        moved.apply(play_visit).unwrap_err().to_string(),
        "needs round 2 or later (now round 1)"
    );
    pass_rounds(&mut moved, 1);
    advance_to(&mut moved, Seat::Pakistan, Decision::Negotiate);
    assert!(moved.legal_actions(Seat::Pakistan).contains(&play_visit));
    play(&mut moved, play_visit);
    assert!(
        moved
            .log()
            .iter()
            .any(|e| e.describe(&scenario) == "Flag set: delegation_in_doha.")
    );
}

#[test]
fn a_card_can_clear_a_flag_and_what_needed_it_is_illegal_again() {
    let scenario = Arc::new(flags());
    let back = card(&scenario, "md-back-to-istanbul");
    let mut game = after_the_attack(&scenario, 5, 1);
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    play(
        &mut game,
        Action::Play {
            seat: Seat::Mediator,
            card: back,
            target: None,
        },
    );
    assert!(game.flags().is_empty());
    assert!(
        game.log()
            .iter()
            .any(|e| e.describe(&scenario) == "Flag cleared: talks_moved.")
    );
    pass_rounds(&mut game, 1);
    let visit = card(&scenario, "pk-doha-visit");
    assert_eq!(
        game.card_block_reason(Seat::Pakistan, visit).as_deref(),
        Some("needs the flag talks_moved")
    );
    assert_ne!(
        revealed(&game).last().map(|(_, id)| id.as_str()),
        Some("ev-doha")
    );
}

#[test]
fn an_objective_whose_requires_fails_at_the_end_scores_nothing() {
    let scenario = Arc::new(flags());
    let visit = card(&scenario, "pk-doha-visit");
    let mediator_objective = |game: &Game| {
        let scores = game.scores().expect("the game is over");
        scores[Seat::Mediator.index()].objective_met
    };

    let mut without = after_the_attack(&scenario, 11, 1);
    pass_rounds(&mut without, 10);
    assert!(without.outcome().is_some());
    assert!(
        !mediator_objective(&without),
        "no delegation went to Doha: the mediators' objective scores nothing"
    );

    let mut with = after_the_attack(&scenario, 11, 1);
    pass_rounds(&mut with, 1);
    advance_to(&mut with, Seat::Pakistan, Decision::Negotiate);
    play(
        &mut with,
        Action::Play {
            seat: Seat::Pakistan,
            card: visit,
            target: None,
        },
    );
    pass_rounds(&mut with, 10);
    assert!(!with.outcome().unwrap().somebody_left());
    assert!(mediator_objective(&with), "the flag is set and nobody left");
}

#[test]
fn when_no_event_in_the_pile_can_happen_the_discard_is_shuffled_back_and_else_there_is_none() {
    let mut scenario = flags();
    assert_eq!(scenario.events[3].id, "ev-doha");
    let doha = scenario.events[3].requires.flags.clone();
    for event in &mut scenario.events {
        if event.id != "ev-attack" && event.id != "ev-doha" {
            event.requires.flags = doha.clone();
        }
    }
    let scenario = Arc::new(scenario);
    let mut game = after_the_attack(&scenario, 2, 0);
    pass_rounds(&mut game, 1);
    assert_eq!(
        revealed(&game).last(),
        Some(&(2, "ev-attack".to_string())),
        "nothing in the pile can happen without the flag: the attack comes back from the discard"
    );

    let mut scenario = (*scenario).clone();
    scenario.events[1].requires = Requirements {
        max_round: 1,
        ..Requirements::default()
    };
    assert_eq!(scenario.events[1].id, "ev-attack");
    let scenario = Arc::new(scenario);
    let mut game = after_the_attack(&scenario, 2, 0);
    pass_rounds(&mut game, 1);
    assert_eq!(revealed(&game).len(), 1, "{:?}", revealed(&game));
    assert_eq!(game.view(Seat::Mediator).current_event, None);
    let last_round: Vec<String> = game
        .log()
        .iter()
        .filter(|e| e.round == 2)
        .map(|e| e.describe(&scenario))
        .collect();
    assert!(
        last_round.contains(&"No event this round: none left in the deck can happen now.".into()),
        "{last_round:?}"
    );
}
