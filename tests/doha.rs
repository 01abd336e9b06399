//! The built-in scenario `doha` (issue 15): it validates, plays to an end with every bot,
//! and uses what it was written to use: an actor that grows, shrinks and acts in play,
//! phased commitments passing stage by stage, flags set by an answer and read by a later
//! event, Kabul's refusal of international monitors, and the seats' names and voices.

mod common;

use ceasefire::bot::Policy;
use ceasefire::engine::{
    Action, ActorId, Decision, EventId, Game, LogEvent, Posture, RuleError, Scenario, Seat, Viewer,
};
use ceasefire::scenario::{ScenarioSource, builtin_names};
use ceasefire::sim::{play_game, seat_bots};
use std::sync::Arc;

/// The built-in doha scenario.
fn doha() -> Scenario {
    ScenarioSource::builtin("doha")
        .expect("doha is built in")
        .build()
        .expect("doha validates")
}

fn event(s: &Scenario, id: &str) -> EventId {
    let index = s.events.iter().position(|e| e.id == id);
    EventId(index.unwrap_or_else(|| panic!("no event {id}")) as u16)
}

fn actor(s: &Scenario, id: &str) -> ActorId {
    let index = s.actors.iter().position(|a| a.id == id);
    ActorId(index.unwrap_or_else(|| panic!("no actor {id}")) as u16)
}

/// The events revealed, in order, with their rounds.
fn revealed(game: &Game) -> Vec<(u8, EventId)> {
    game.log()
        .iter()
        .filter_map(|e| match e.event {
            LogEvent::EventRevealed { event } => Some((e.round, event)),
            _ => None,
        })
        .collect()
}

/// Plays seeded games of doha with `policy` in every seat.
fn games(policy: Policy, seeds: std::ops::Range<u64>) -> Vec<Game> {
    let scenario = Arc::new(doha());
    seeds
        .map(|seed| play_game(scenario.clone(), seed, &mut seat_bots(&[policy; 3], seed)))
        .collect()
}

#[test]
fn doha_is_built_in_and_holds_what_it_was_written_with() {
    assert!(builtin_names().contains(&"doha"));
    let s = doha();
    for seat in [Seat::Pakistan, Seat::Afghanistan, Seat::Mediator] {
        let own = s.cards.iter().filter(|c| c.deck == Some(seat)).count();
        assert!((18..=20).contains(&own), "{seat}: {own} cards");
        let objectives = s.objectives.iter().filter(|o| o.seat == seat).count();
        assert_eq!(objectives, 4, "{seat}");
    }
    assert_eq!(s.cards.iter().filter(|c| c.deck.is_none()).count(), 7);
    assert_eq!(s.events.len(), 24);
    assert!(s.flags.len() >= 10, "{:?}", s.flags);
    let stages = |id: &str| s.cards[usize::from(common::card(&s, id))].milestones.len();
    assert_eq!(stages("pk-fire-control"), 4);
    assert_eq!(stages("af-no-support"), 3);
    assert_eq!(stages("pk-halt-strikes"), 2);
    let actors: Vec<&str> = s.actors.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(actors, ["armed_groups", "pk_hardliners", "af_hardliners"]);
    assert_eq!(s.opening_events, [event(&s, "ev-truce-48")]);
    assert_eq!(s.rules.version, 2);
}

#[test]
fn seeded_games_end_with_every_bot_level() {
    let scenario = Arc::new(doha());
    for policy in Policy::ALL {
        // The searching bot is slow in a debug build: one game is enough to see it finish.
        let seeds = if policy == Policy::Hard { 0..1 } else { 0..3 };
        for seed in seeds {
            let game = play_game(scenario.clone(), seed, &mut seat_bots(&[policy; 3], seed));
            assert!(game.outcome().is_some(), "{policy} seed {seed}");
            assert!(game.scores().is_some(), "{policy} seed {seed}");
            assert!(game.round() <= scenario.rounds + 1);
        }
    }
}

#[test]
fn the_armed_groups_grow_shrink_and_act_in_play() {
    let played = games(Policy::Normal, 0..6);
    let s = played[0].scenario().clone();
    let groups = actor(&s, "armed_groups");
    let (mut grew, mut shrank, mut attacked) = (0, 0, 0);
    for game in &played {
        for entry in game.log() {
            match entry.event {
                LogEvent::ActorStrength { actor, delta, .. } if actor == groups => {
                    if delta > 0 {
                        grew += 1;
                    } else {
                        shrank += 1;
                    }
                }
                // Act 0 is their attack on a post (act 1 strikes through a pledge, at 65).
                LogEvent::ActorActed { actor, act: 0 } if actor == groups => attacked += 1,
                _ => {}
            }
        }
    }
    assert!(grew > 0 && shrank > 0, "grew {grew}, shrank {shrank}");
    assert!(attacked > 0, "the armed groups never fired on a post");
    // Their attack sets the flag the event "Two accounts of the same night" reads.
    let shots = s.flags.iter().position(|f| f == "shots_fired").unwrap();
    assert!(
        played
            .iter()
            .any(|g| g.flags().iter().any(|f| usize::from(f.0) == shots)),
        "an attack sets shots_fired"
    );
    let ends: Vec<u8> = played
        .iter()
        .map(|g| g.view(Viewer::Facilitator).actors[usize::from(groups)])
        .collect();
    assert!(
        ends.iter().any(|&e| e != s.actors[0].strength),
        "strength never moved: {ends:?}"
    );
}

#[test]
fn phased_pledges_pass_their_stages_one_by_one() {
    // Some seeded game of normal bots makes a phased pledge and passes every one of its
    // stages, in order, one round-end test each.
    let phased = ["pk-fire-control", "af-no-support", "pk-halt-strikes"];
    let mut found = None;
    for game in games(Policy::Normal, 0..12) {
        let s = game.scenario();
        let mut stages: std::collections::HashMap<u16, Vec<(u8, u8, u8)>> = Default::default();
        for entry in game.log() {
            if let LogEvent::MilestonePassed {
                id,
                card,
                stage,
                of,
                ..
            } = entry.event
            {
                assert!(phased.contains(&s.cards[usize::from(card)].id.as_str()));
                stages
                    .entry(id.0)
                    .or_default()
                    .push((entry.round, stage, of));
            }
        }
        if let Some(passed) = stages.values().find(|p| p.len() == usize::from(p[0].2)) {
            found = Some(passed.clone());
            break;
        }
    }
    let passed = found.expect("no seeded game passed every stage of a phased pledge");
    for (i, &(round, stage, of)) in passed.iter().enumerate() {
        assert_eq!(usize::from(stage), i + 1, "{passed:?}");
        assert!(of >= 2);
        if i > 0 {
            assert!(round > passed[i - 1].0, "one stage a round: {passed:?}");
        }
    }
}

/// Answers every prompt with option `option` for the event choice and passes or stays firm
/// otherwise, until round `round` has revealed its event.
fn answer_until(game: &mut Game, option: u8, round: u8) {
    while game.outcome().is_none()
        && !(game.round() == round
            && game
                .log()
                .iter()
                .any(|e| e.round == round && matches!(e.event, LogEvent::EventRevealed { .. })))
    {
        let (seat, decision) = game.to_act().expect("someone acts");
        let action = match decision {
            Decision::EventChoice => Action::Choose { seat, option },
            Decision::Negotiate => Action::Pass { seat },
            Decision::Posture => Action::Posture {
                seat,
                posture: Posture::Firm,
            },
            _ => game.legal_actions(seat)[0],
        };
        common::play(game, action);
    }
}

#[test]
fn an_answer_sets_a_flag_that_a_later_event_reads() {
    // Kabul's threat to leave waits on top of the pile until strikes during the talks are on
    // the record; Islamabad's account of the Paktika strikes puts them there, or not.
    let mut s = doha();
    s.opening_events = vec![event(&s, "ev-kabul-walks"), event(&s, "ev-paktika-strikes")];
    let s = Arc::new(s);
    let walks = event(&s, "ev-kabul-walks");
    let paktika = event(&s, "ev-paktika-strikes");

    let mut claimed = Game::new(s.clone(), 3);
    answer_until(&mut claimed, 0, 2);
    assert_eq!(revealed(&claimed)[..2], [(1, paktika), (2, walks)]);
    let said = claimed
        .log()
        .iter()
        .map(|e| e.describe(&s))
        .collect::<Vec<_>>();
    assert!(
        said.iter().any(|l| l.contains("strikes_during_talks")),
        "{said:#?}"
    );

    let mut restrained = Game::new(s.clone(), 3);
    answer_until(&mut restrained, 1, 2);
    let events = revealed(&restrained);
    assert_eq!(events[0], (1, paktika));
    assert!(events.iter().all(|&(_, e)| e != walks), "{events:?}");
}

#[test]
fn extending_the_truce_keeps_its_deadline_from_coming() {
    let mut s = doha();
    let deadline = event(&s, "ev-truce-deadline");
    s.opening_events.push(deadline);
    let s = Arc::new(s);
    // Option 0: the hosts press for an extension; option 1: the deadline stands.
    let mut extended = Game::new(s.clone(), 8);
    answer_until(&mut extended, 0, 2);
    assert!(revealed(&extended).iter().all(|&(_, e)| e != deadline));
    let mut lapsed = Game::new(s.clone(), 8);
    answer_until(&mut lapsed, 1, 2);
    assert_eq!(revealed(&lapsed)[1], (2, deadline));
}

#[test]
fn kabul_refuses_international_monitors_on_its_pledges_only() {
    let scenario = Arc::new(doha());
    let team = common::card(&scenario, "md-international-team");
    let (mut refused, mut on_kabul, mut on_islamabad) = (0, 0, 0);
    for seed in 0..10u64 {
        let mut game = Game::new(scenario.clone(), seed);
        let mut bots = seat_bots(&[Policy::Normal; 3], seed);
        while let Some((seat, decision)) = game.to_act() {
            if seat == Seat::Mediator && decision == Decision::Negotiate {
                let view = game.view(Viewer::Facilitator);
                // Positions where nothing else stops the card: in hand, paid for, and aimed
                // at an Afghan pledge it could still raise.
                let holds = view.hands[Seat::Mediator.index()]
                    .as_ref()
                    .is_some_and(|h| h.contains(&team))
                    && view.capital[Seat::Mediator.index()] >= 3;
                let max = scenario.rules.max_credibility;
                for c in view
                    .commitments
                    .iter()
                    .filter(|c| holds && c.holder == Seat::Afghanistan && c.credibility < max)
                {
                    let play = Action::Play {
                        seat,
                        card: team,
                        target: Some(c.id),
                    };
                    assert_eq!(
                        game.check(&play),
                        Err(RuleError::Illegal(
                            "Kabul refuses international monitors (its brief)".into()
                        ))
                    );
                    refused += 1;
                }
            }
            let legal = game.legal_actions(seat);
            let choice = bots[seat.index()].choose(&game.view(seat), &legal);
            if let Action::Play {
                card,
                target: Some(target),
                ..
            } = choice.action
                && card == team
            {
                let view = game.view(Viewer::Facilitator);
                let holder = view
                    .commitments
                    .iter()
                    .find(|c| c.id == target)
                    .unwrap()
                    .holder;
                match holder {
                    Seat::Afghanistan => on_kabul += 1,
                    _ => on_islamabad += 1,
                }
            }
            game.apply(choice.action).unwrap();
        }
        for entry in game.log() {
            assert!(!matches!(entry.event, LogEvent::MonitorsDeployed { .. }));
        }
    }
    assert!(refused > 0, "no position put the refusal to the test");
    assert_eq!(on_kabul, 0);
    assert!(
        on_islamabad > 0,
        "the team still checks Islamabad's pledges"
    );
}

#[test]
fn the_seats_names_and_the_hosts_voices_are_in_the_texts() {
    let s = doha();
    assert_eq!(s.names.seats, ["Islamabad", "Kabul", "The hosts"]);
    let members: Vec<&str> = s.names.members.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(members, ["Qatar", "Türkiye"]);
    assert_eq!(
        s.card_voice(common::card(&s, "md-overnight-draft")),
        Some("Qatar")
    );
    assert_eq!(
        s.card_voice(common::card(&s, "md-istanbul-date")),
        Some("Türkiye")
    );
    assert_eq!(s.card_voice(common::card(&s, "md-written-terms")), None);
    assert!(!s.reflection_by_seat.iter().any(Vec::is_empty));

    let game = &games(Policy::Easy, 0..1)[0];
    let log: Vec<String> = game.log().iter().map(|e| e.describe(&s)).collect();
    let log = log.join("\n");
    // Round 1 opens with the truce, answered in one of the hosts' voices.
    assert!(
        log.contains("Qatar (The hosts) chose") || log.contains("Türkiye (The hosts) chose"),
        "{log}"
    );
    assert!(log.contains("Islamabad"), "{log}");
    assert!(log.contains("Kabul"), "{log}");
}
