//! Bots see only their seat's view: their choices cannot depend on hidden cards.

mod common;

use ceasefire::bot::Policy;
use ceasefire::engine::{Game, Seat, Viewer};
use ceasefire::sim::{play_game, seat_bots};
use std::sync::Arc;

/// A mid-game position reached by random bots.
fn position(seed: u64, steps: usize) -> Game {
    let scenario = Arc::new(common::mini());
    let mut game = Game::new(scenario, seed);
    let mut bots = seat_bots(&[Policy::Random; 3], seed);
    for _ in 0..steps {
        let Some((seat, _)) = game.to_act() else {
            break;
        };
        let legal = game.legal_actions(seat);
        let choice = bots[seat.index()].choose(&game.view(seat), &legal);
        game.apply(choice.action).unwrap();
    }
    game
}

#[test]
fn a_bots_choice_does_not_depend_on_hidden_cards() {
    let mut differing_hidden_states = 0;
    for seed in 0..12u64 {
        let game = position(seed, 7 + seed as usize * 3);
        let Some((seat, _)) = game.to_act() else {
            continue;
        };
        let view = game.view(seat);
        // Same public state and same hand for `seat`; other hands and piles dealt anew.
        let twin = Game::determinize(&view, seed + 1000);
        assert_eq!(twin.view(seat), view);
        let hidden = |g: &Game| {
            let v = g.view(Viewer::Facilitator);
            Seat::ALL
                .into_iter()
                .filter(|&s| s != seat)
                .map(|s| v.hands[s.index()].clone())
                .collect::<Vec<_>>()
        };
        if hidden(&twin) != hidden(&game) {
            differing_hidden_states += 1;
        }
        for policy in Policy::ALL {
            let mut a = policy.bot(77);
            let mut b = policy.bot(77);
            let first = a.choose(&game.view(seat), &game.legal_actions(seat));
            let second = b.choose(&twin.view(seat), &twin.legal_actions(seat));
            assert_eq!(first, second, "{policy} at seed {seed}");
        }
    }
    assert!(
        differing_hidden_states >= 6,
        "the twins must really hide different cards"
    );
}

#[test]
fn every_bot_choice_is_legal_and_explained() {
    for policy in Policy::ALL {
        let game = position(3, 9);
        let (seat, _) = game.to_act().unwrap();
        let legal = game.legal_actions(seat);
        let choice = policy.bot(1).choose(&game.view(seat), &legal);
        assert!(legal.contains(&choice.action), "{policy}");
        assert!(choice.reason.len() > 10, "{policy}: {}", choice.reason);
    }
}

#[test]
fn the_previous_hard_is_a_hidden_level_with_half_the_iterations() {
    use ceasefire::bot::{HARD, HARD_V1};
    assert_eq!("hard-v1".parse::<Policy>(), Ok(Policy::HardV1));
    assert!(!Policy::ALL.contains(&Policy::HardV1));
    assert!(Policy::HardV1.thinks());
    assert_eq!(HARD.iterations, 2 * HARD_V1.iterations);
    assert_eq!(HARD.rollout_rounds, HARD_V1.rollout_rounds);
}

#[test]
fn a_seeded_bot_game_is_reproducible() {
    let scenario = Arc::new(common::mini());
    for policy in [Policy::Easy, Policy::Normal] {
        let a = play_game(scenario.clone(), 5, &mut seat_bots(&[policy; 3], 5));
        let b = play_game(scenario.clone(), 5, &mut seat_bots(&[policy; 3], 5));
        assert_eq!(a.actions(), b.actions(), "{policy}");
    }
}

#[test]
fn searching_bots_outscore_random_ones_on_the_fixture() {
    let scenario = Arc::new(common::mini());
    let mean = |policy: Policy| {
        let total: i32 = (0..24u64)
            .map(|seed| {
                let game = play_game(scenario.clone(), seed, &mut seat_bots(&[policy; 3], seed));
                game.scores()
                    .unwrap()
                    .iter()
                    .map(|s| i32::from(s.total))
                    .sum::<i32>()
            })
            .sum();
        f64::from(total) / 24.0
    };
    let random = mean(Policy::Random);
    let normal = mean(Policy::Normal);
    assert!(normal > random + 3.0, "normal {normal} vs random {random}");
}

/// Whether the accord, tabled now and signed by both, would cross no red line of either
/// delegation's brief.
fn signing_keeps_the_delegations_red_lines(game: &Game, table: ceasefire::engine::Action) -> bool {
    use ceasefire::engine::{Action, Seat};
    let mut signed = game.clone();
    signed.apply(table).unwrap();
    for seat in Seat::DELEGATIONS {
        signed.apply(Action::Vote { seat, accept: true }).unwrap();
    }
    signed
        .red_lines_crossed()
        .iter()
        .all(|c| c.seat == Seat::Mediator)
}

#[test]
fn an_easy_mediator_tables_an_accord_worth_signing_in_the_last_round() {
    use ceasefire::engine::{Action, Decision};
    // Normal bots play the tutorial until its last round finds the mediators able to table
    // an accord that crosses neither delegation's red lines (one that does is refused, and
    // rightly not tabled); then the easy mediator plays its turn, which must table it (a cheap card
    // first is fine: the turn has two actions).
    let source = ceasefire::scenario::ScenarioSource::builtin("tutorial").unwrap();
    let scenario = Arc::new(source.build().unwrap());
    let mut checked = 0;
    for seed in 0..200u64 {
        if checked == 3 {
            break;
        }
        let mut game = Game::new(scenario.clone(), seed);
        let mut bots = seat_bots(&[Policy::Normal; 3], seed);
        while let Some((seat, decision)) = game.to_act() {
            let legal = game.legal_actions(seat);
            let table = Action::TableAccord { seat };
            if game.round() == scenario.rounds
                && decision == Decision::Negotiate
                && legal.contains(&table)
                && signing_keeps_the_delegations_red_lines(&game, table)
            {
                let mut easy = Policy::Easy.bot(seed);
                let mut reasons = Vec::new();
                while game.to_act() == Some((seat, Decision::Negotiate)) {
                    let legal = game.legal_actions(seat);
                    let choice = easy.choose(&game.view(seat), &legal);
                    reasons.push(choice.reason);
                    if choice.action == table {
                        break;
                    }
                    game.apply(choice.action).unwrap();
                }
                assert!(
                    game.to_act() == Some((seat, Decision::Negotiate)),
                    "seed {seed}: the turn ended without the accord: {reasons:?}"
                );
                checked += 1;
                break;
            }
            let choice = bots[seat.index()].choose(&game.view(seat), &legal);
            game.apply(choice.action).unwrap();
        }
    }
    assert!(
        checked >= 3,
        "only {checked} last-round accords were reached"
    );
}

/// What a bot's public reason may not hold: its expected score, or its secret objective's
/// name, text or points. Numbers in a reason may only be public ones: what a spectator sees
/// (meters, a commitment's id and credibility, a demand's id), or digits in the scenario's
/// public card and event names.
fn leaks_a_secret(reason: &str, game: &Game, seat: Seat) -> Option<String> {
    let scenario = game.scenario();
    // A public name may hold a telling word ("Tough press briefing"): names are read out.
    let mut lower = reason.to_lowercase();
    for name in public_names(scenario) {
        lower = lower.replace(&name.to_lowercase(), "");
    }
    for word in [
        "expect",
        "score",
        "objective",
        "brief",
        "points",
        "can be played",
    ] {
        if lower.contains(word) {
            return Some(format!("says `{word}`"));
        }
    }
    // How many moves it had tells how many cards in its hand could be played.
    if let Some((_, after)) = lower.split_once("among ")
        && after.starts_with(|c: char| c.is_ascii_digit())
    {
        return Some("counts its legal moves".to_string());
    }
    let objective = &scenario.objectives[usize::from(game.objective(seat))];
    if reason.contains(&objective.name) || reason.contains(&objective.text) {
        return Some("names the seat's objective".to_string());
    }
    let public = public_names(scenario).join(" ");
    let mut rest = reason;
    while let Some(at) = rest.find(|c: char| c.is_ascii_digit()) {
        let end = rest[at..]
            .find(|c: char| !c.is_ascii_digit())
            .map_or(rest.len(), |e| at + e);
        let number = &rest[at..end];
        let seen = number
            .parse::<i64>()
            .is_ok_and(|n| public_numbers(game).contains(&n));
        if !seen && !public.contains(number) {
            return Some(format!("holds the number {number}"));
        }
        rest = &rest[end..];
    }
    None
}

/// The scenario's public names: its cards', its events' and its events' options'.
fn public_names(scenario: &ceasefire::engine::Scenario) -> Vec<&str> {
    scenario
        .cards
        .iter()
        .map(|c| c.name.as_str())
        .chain(scenario.events.iter().map(|e| e.name.as_str()))
        .chain(
            scenario
                .events
                .iter()
                .filter_map(|e| e.choice.as_ref())
                .flat_map(|c| c.options.iter().map(|o| o.label.as_str())),
        )
        .collect()
}

/// The numbers a spectator can read off the table and out of the scenario's public parts:
/// meters, capital, rounds, demand and commitment ids, credibilities and the chance of
/// breaking they leave, and every number of the rules, thresholds, enforcement capacities,
/// cards and events (never the objectives' or the scoring's: what a move is worth to a bot
/// is made of those).
fn public_numbers(game: &Game) -> Vec<i64> {
    let view = game.view(Viewer::Spectator);
    let scenario = game.scenario();
    let meters = ceasefire::engine::Meter::ALL.map(|m| i64::from(view.meters.get(m)));
    let commitments = view.commitments.iter().flat_map(|c| {
        [
            i64::from(c.id.0),
            i64::from(c.credibility),
            100 - i64::from(c.credibility),
        ]
    });
    let demands = view
        .demands
        .iter()
        .flat_map(|d| [i64::from(d.id.0), i64::from(d.round)]);
    let consent = view
        .consent_before
        .map(|(credibility, _)| i64::from(credibility));
    let table = [
        i64::from(view.round),
        i64::from(view.last_round()),
        i64::from(scenario.rounds),
        100,
        10,
        5,
        1,
    ];
    let capital = view.capital.map(i64::from);
    // A pledge starts at its delegation's enforcement capacity plus its card's credibility.
    let pledges = scenario.enforcement.iter().flat_map(|&base| {
        let base = i64::from(base);
        let max = i64::from(scenario.rules.max_credibility);
        scenario
            .cards
            .iter()
            .map(move |c| (base + i64::from(c.credibility)).clamp(0, max))
            .chain([base, 100 - base])
    });
    let mut public: Vec<i64> = meters
        .into_iter()
        .chain(commitments)
        .chain(demands)
        .chain(consent)
        .chain(table)
        .chain(capital)
        .chain(pledges)
        .collect();
    let mut json = serde_json::to_value(scenario).unwrap();
    if let Some(fields) = json.as_object_mut() {
        fields.remove("objectives");
        fields.remove("scoring");
    }
    numbers_in(&json, &mut public);
    public
}

/// Every whole number in a JSON value, and its absolute value.
fn numbers_in(value: &serde_json::Value, out: &mut Vec<i64>) {
    match value {
        serde_json::Value::Number(n) => {
            if let Some(n) = n.as_i64() {
                out.extend([n, n.abs()]);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| numbers_in(v, out)),
        serde_json::Value::Object(fields) => fields.values().for_each(|v| numbers_in(v, out)),
        _ => {}
    }
}

#[test]
fn no_bot_reason_tells_its_expected_score_or_objective() {
    let scenario = Arc::new(common::mini());
    let mut reasons = 0;
    for seed in 0..6u64 {
        for policy in [
            Policy::Easy,
            Policy::Normal,
            Policy::Random,
            Policy::Passive,
        ] {
            let mut game = Game::new(scenario.clone(), seed);
            let mut bots = seat_bots(&[policy; 3], seed);
            while let Some((seat, _)) = game.to_act() {
                let legal = game.legal_actions(seat);
                let choice = bots[seat.index()].choose(&game.view(seat), &legal);
                if let Some(leak) = leaks_a_secret(&choice.reason, &game, seat) {
                    panic!("{policy} bot's reason {:?} {leak}", choice.reason);
                }
                reasons += 1;
                game.apply(choice.action).unwrap();
            }
        }
    }
    assert!(reasons > 200, "only {reasons} reasons were checked");
}

/// `view` with everything private taken out: no hand, objective or brief of any seat.
fn blind(view: &ceasefire::engine::SeatView) -> ceasefire::engine::SeatView {
    let mut blind = view.clone();
    blind.viewer = Viewer::Spectator;
    blind.hands = [None, None, None];
    blind.objectives = [None; 3];
    blind.briefs = [None, None, None];
    blind
}

/// Plays `games` seeded games of `scenario` with `policy` in every seat and checks every
/// reason as it is given: public (the same words from a view with nothing private in it, no
/// secret word or number), one line of at most 160 characters; returns them all.
fn checked_reasons(scenario: &str, policy: Policy, games: u64) -> Vec<String> {
    let source = ceasefire::scenario::ScenarioSource::builtin(scenario).unwrap();
    let scenario = Arc::new(source.build().unwrap());
    let mut reasons = Vec::new();
    for seed in 0..games {
        let mut game = Game::new(scenario.clone(), seed);
        let mut bots = seat_bots(&[policy; 3], seed);
        while let Some((seat, _)) = game.to_act() {
            let legal = game.legal_actions(seat);
            let view = game.view(seat);
            let choice = bots[seat.index()].choose(&view, &legal);
            let reason = choice.reason;
            assert_eq!(
                reason,
                ceasefire::bot::describe(&blind(&view), &choice.action),
                "the reason reads something private"
            );
            if let Some(leak) = leaks_a_secret(&reason, &game, seat) {
                panic!("{policy} bot's reason {reason:?} {leak}");
            }
            assert!(reason.chars().count() <= 160, "too long: {reason}");
            assert!(!reason.contains('\n'), "not one line: {reason:?}");
            reasons.push(reason);
            game.apply(choice.action).unwrap();
        }
    }
    reasons
}

#[test]
fn nine_bot_reasons_in_ten_name_a_motive_and_none_tells_a_secret() {
    let mut reasons = checked_reasons("istanbul", Policy::Easy, 20);
    reasons.extend(checked_reasons("tutorial", Policy::Normal, 3));
    let bare = reasons
        .iter()
        .filter(|r| r.contains("expects to score"))
        .count();
    assert_eq!(bare, 0, "a bare \"expects to score\"");
    let without: Vec<&String> = reasons
        .iter()
        .filter(|r| !ceasefire::bot::states_a_motive(r))
        .collect();
    let share = without.len() as f64 / reasons.len() as f64;
    assert!(
        share < 0.10,
        "{:.1}% of {} reasons name no motive, e.g. {:?}",
        share * 100.0,
        reasons.len(),
        without.iter().take(5).collect::<Vec<_>>()
    );
    assert!(reasons.len() > 1000, "only {} reasons", reasons.len());
}

#[test]
fn what_counts_as_a_motive() {
    use ceasefire::bot::states_a_motive;
    assert!(!states_a_motive("takes a hard-line posture"));
    assert!(!states_a_motive("plays Hotline"));
    assert!(!states_a_motive("signs: why not"));
    assert!(states_a_motive(
        "takes a hard-line posture: Pressure at home is 72 of 100"
    ));
    assert!(states_a_motive("waits — no pledge stands to verify yet"));
}

#[test]
fn a_pass_with_a_demand_pending_says_what_it_waits_for_and_a_posture_says_why() {
    use ceasefire::bot::describe;
    use ceasefire::engine::{Action, Decision, Posture};
    let scenario = Arc::new(common::mini());
    let mut game = Game::new(scenario.clone(), 1);
    common::advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    let demand = common::card(&scenario, "pk-sanctuary");
    common::play(
        &mut game,
        Action::Play {
            seat: Seat::Pakistan,
            card: demand,
            target: None,
        },
    );
    common::advance_to(&mut game, Seat::Afghanistan, Decision::Negotiate);
    let id = game.view(Seat::Afghanistan).demands[0].id;
    let pass = describe(
        &game.view(Seat::Afghanistan),
        &Action::Pass {
            seat: Seat::Afghanistan,
        },
    );
    assert!(
        pass.starts_with(&format!(
            "holds its capital: demand #{id} asks Security of it"
        )),
        "{pass}"
    );
    common::advance_to(&mut game, Seat::Pakistan, Decision::Posture);
    let hard = describe(
        &game.view(Seat::Pakistan),
        &Action::Posture {
            seat: Seat::Pakistan,
            posture: Posture::Hardline,
        },
    );
    assert!(
        hard.starts_with("takes a hard-line posture: Pressure at home is ")
            && hard.contains(" of 100"),
        "{hard}"
    );
}
