//! Kinds of monitoring (issue 15): `monitors = "international" | "regional" | "joint"` on a
//! verification card, `refuses_monitors` on a brief, and the engine enforcing the refusal.

mod common;

use ceasefire::bot::Policy;
use ceasefire::engine::{
    Action, Decision, Game, LogEvent, MonitorKind, RuleError, Scenario, Seat, TableId, Viewer,
    words,
};
use ceasefire::scenario::ScenarioSource;
use ceasefire::sim::seat_bots;
use common::{advance_to, assert_at, card, mini_with, play, refused};
use std::sync::Arc;

/// Two more verification cards: regional monitors and joint monitoring.
fn with_kinds(text: &str) -> String {
    format!(
        "{text}
[[card]]
id = \"md-regional\"
name = \"Regional observers\"
kind = \"mediation\"
cost = 1
verify = 30
monitors = \"regional\"
sovereignty_cost = 6
text = \"Target commitment: credibility +30; regional monitors (Afghan consent or Sovereignty -6).\"

[[card]]
id = \"md-joint\"
name = \"Joint monitoring\"
kind = \"mediation\"
cost = 1
verify = 20
monitors = \"joint\"
text = \"Target commitment: credibility +20; joint teams, nobody asked.\"
"
    )
}

/// md-shuttle with `extra` added before its text.
fn shuttle_with(extra: &'static str) -> impl Fn(&str) -> String {
    move |t: &str| {
        t.replace(
            "text = \"Trust +4, Credibility -2. Draw 1.\"",
            &format!("{extra}\ntext = \"Trust +4, Credibility -2. Draw 1.\""),
        )
    }
}

/// md-monitors with `extra` added after its `intrusive = true`.
fn monitor_team_with(extra: &'static str) -> impl Fn(&str) -> String {
    move |t: &str| {
        t.replace(
            "intrusive = true\n",
            &format!("intrusive = true\n{extra}\n"),
        )
    }
}

/// The Afghan brief with `refuses` as its `refuses_monitors`.
fn afghan_refuses(refuses: &'static str) -> impl Fn(&str) -> String {
    move |t: &str| {
        t.replace(
            "red_lines = [\"No foreign troops on Afghan soil.\"]",
            &format!(
                "red_lines = [\"No foreign troops on Afghan soil.\"]\nrefuses_monitors = {refuses}"
            ),
        )
    }
}

#[test]
fn kinds_of_monitors_validate_and_intrusive_still_means_international() {
    let consistent = monitor_team_with("monitors = \"international\"");
    let s = mini_with(&[("mediator.toml", &with_kinds)]).unwrap();
    let kind = |id: &str| s.cards[usize::from(card(&s, id))].monitors;
    assert_eq!(kind("md-monitors"), Some(MonitorKind::International));
    assert_eq!(kind("md-regional"), Some(MonitorKind::Regional));
    assert_eq!(kind("md-joint"), Some(MonitorKind::Joint));
    assert_eq!(kind("md-protocol"), None);
    let regional = &s.cards[usize::from(card(&s, "md-regional"))];
    assert_eq!(regional.sovereignty_cost, 6);
    // Both written, and agreeing: accepted.
    let s = mini_with(&[("mediator.toml", &consistent)]).unwrap();
    assert_eq!(
        s.cards[usize::from(card(&s, "md-monitors"))].monitors,
        Some(MonitorKind::International)
    );
}

#[test]
fn an_unknown_kind_of_monitors_is_refused_with_the_kinds() {
    let typo = |t: &str| with_kinds(t).replace("monitors = \"regional\"", "monitors = \"regionl\"");
    let (err, line) = refused("mediator.toml", &typo, "regionl");
    assert_at(
        &err,
        "mediator.toml",
        line,
        "unknown kind of monitoring `regionl`",
        "did you mean `regional`?",
    );
    assert!(
        err.hint
            .contains("\"international\", \"regional\", \"joint\""),
        "{err}"
    );
    let unknown = |t: &str| with_kinds(t).replace("monitors = \"joint\"", "monitors = \"un\"");
    let (err, line) = refused("mediator.toml", &unknown, "\"un\"");
    assert_at(
        &err,
        "mediator.toml",
        line,
        "unknown kind of monitoring",
        "use one of the kinds: \"international\", \"regional\", \"joint\"",
    );
}

#[test]
fn monitors_without_verify_is_refused_with_a_hint() {
    let edit = shuttle_with("monitors = \"regional\" # added");
    let (err, line) = refused("mediator.toml", &edit, "# added");
    assert_at(
        &err,
        "mediator.toml",
        line,
        "`monitors` needs `verify`",
        "add verify = <credibility added>",
    );
    let fixed = shuttle_with("monitors = \"regional\"\nverify = 10");
    assert!(mini_with(&[("mediator.toml", &fixed)]).is_ok());
}

#[test]
fn monitors_on_a_delegations_card_is_refused() {
    let edit = |t: &str| {
        t.replacen(
            "credibility = 5\n",
            "credibility = 5\nmonitors = \"joint\"\n",
            1,
        )
    };
    let (err, line) = refused("pakistan.toml", &edit, "monitors = \"joint\"");
    assert_at(
        &err,
        "pakistan.toml",
        line,
        "`monitors` is only for mediation cards",
        "remove it",
    );
}

#[test]
fn intrusive_contradicting_monitors_is_refused_with_a_hint() {
    let edit = monitor_team_with("monitors = \"regional\"");
    let (err, line) = refused("mediator.toml", &edit, "monitors = \"regional\"");
    assert_at(
        &err,
        "mediator.toml",
        line,
        "`intrusive = true` means international monitors",
        "remove `intrusive`",
    );
    let not_intrusive = |t: &str| {
        t.replace(
            "verify = 25\n",
            "verify = 25\nintrusive = false\nmonitors = \"international\"\n",
        )
    };
    let (err, line) = refused("mediator.toml", &not_intrusive, "\"international\"");
    assert_at(
        &err,
        "mediator.toml",
        line,
        "`intrusive = false` means no monitors on the ground",
        "remove `intrusive`",
    );
    // Joint teams are not intrusive: the two agree.
    let joint = |t: &str| {
        t.replace(
            "verify = 25\n",
            "verify = 25\nintrusive = false\nmonitors = \"joint\"\n",
        )
    };
    assert!(mini_with(&[("mediator.toml", &joint)]).is_ok());
}

#[test]
fn sovereignty_cost_on_joint_monitoring_is_refused() {
    let edit = |t: &str| {
        with_kinds(t).replace(
            "monitors = \"joint\"\n",
            "monitors = \"joint\"\nsovereignty_cost = 4 # added\n",
        )
    };
    let (err, line) = refused("mediator.toml", &edit, "# added");
    assert_at(
        &err,
        "mediator.toml",
        line,
        "applies only to monitors on the ground",
        "remove sovereignty_cost",
    );
}

#[test]
fn refuses_monitors_validates_and_a_broken_one_is_refused_with_a_hint() {
    let refuses = afghan_refuses("[\"international\", \"regional\"]");
    let s = mini_with(&[("scenario.toml", &refuses)]).unwrap();
    let brief = Game::new(s, 1).view(Seat::Afghanistan).briefs[Seat::Afghanistan.index()]
        .clone()
        .unwrap();
    assert_eq!(
        brief.refuses_monitors,
        vec![MonitorKind::International, MonitorKind::Regional]
    );
    assert_eq!(
        brief.refused_monitors_words().as_deref(),
        Some("international monitors and regional monitors")
    );
    let unknown = afghan_refuses("[\"foreign\"]");
    let (err, line) = refused("scenario.toml", &unknown, "refuses_monitors");
    assert_at(
        &err,
        "scenario.toml",
        line,
        "unknown kind of monitoring `foreign`",
        "\"international\", \"regional\", \"joint\"",
    );
    let twice = afghan_refuses("[\"joint\", \"joint\"]");
    let (err, line) = refused("scenario.toml", &twice, "refuses_monitors");
    assert_at(
        &err,
        "scenario.toml",
        line,
        "`joint` is refused twice",
        "name each kind once",
    );
}

/// The mini fixture with the regional and joint cards, the Afghan brief refusing
/// international monitors, calm events only, the Afghan seat moving before the mediators.
fn refusing_international() -> Scenario {
    let refuses = afghan_refuses("[\"international\"]");
    let mut s = mini_with(&[("mediator.toml", &with_kinds), ("scenario.toml", &refuses)]).unwrap();
    s.rules.hand_size = 10;
    let calm = s.events.iter().position(|e| e.id == "ev-calm").unwrap();
    s.events = vec![s.events[calm].clone()];
    s.opening_events = Vec::new();
    s.seat_order = vec![Seat::Afghanistan, Seat::Mediator, Seat::Pakistan];
    s
}

/// An Afghan Security pledge on the table, and the mediators to move.
fn afghan_pledge(game: &mut Game) -> TableId {
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
    advance_to(game, Seat::Mediator, Decision::Negotiate);
    game.view(Viewer::Facilitator).commitments[0].id
}

fn verify_with(game: &Game, id: &str, target: TableId) -> Action {
    Action::Play {
        seat: Seat::Mediator,
        card: card(game.scenario(), id),
        target: Some(target),
    }
}

#[test]
fn a_refused_kind_cannot_be_played_on_the_refusing_seats_pledge_while_another_kind_can() {
    let mut game = Game::new(refusing_international(), 11);
    let id = afghan_pledge(&mut game);
    let international = verify_with(&game, "md-monitors", id);
    let legal = game.legal_actions(Seat::Mediator);
    assert!(!legal.contains(&international));
    assert_eq!(
        game.check(&international),
        Err(RuleError::Illegal(
            "Afghanistan refuses international monitors (its brief)".into()
        ))
    );
    let monitors = card(game.scenario(), "md-monitors");
    assert_eq!(
        game.card_block_reason(Seat::Mediator, monitors).as_deref(),
        Some("Afghanistan refuses international monitors (its brief)")
    );
    // Regional monitors are not refused: they go on the ground, so Afghanistan is asked.
    let regional = verify_with(&game, "md-regional", id);
    assert!(game.legal_actions(Seat::Mediator).contains(&regional));
    play(&mut game, regional);
    assert_eq!(game.to_act(), Some((Seat::Afghanistan, Decision::Consent)));
    play(
        &mut game,
        Action::Consent {
            seat: Seat::Afghanistan,
            accept: true,
        },
    );
    let c = game.view(Viewer::Facilitator).commitments[0];
    assert!(c.monitors && c.verified);
    assert_eq!(c.monitoring(), Some(MonitorKind::Regional));
    assert!(words::commitment(game.scenario(), &c).contains("+regional monitors"));
    let deployed = game
        .log()
        .iter()
        .find(|e| matches!(e.event, LogEvent::MonitoringSet { .. }))
        .expect("the deployment is logged");
    assert_eq!(
        deployed.describe(game.scenario()),
        format!("Regional monitors deployed for #{id} with Afghan consent.")
    );
    assert_eq!(game.stats().monitors_deployed, 1);
}

#[test]
fn joint_monitoring_asks_nobody_and_deploys_no_monitors() {
    let mut game = Game::new(refusing_international(), 11);
    let id = afghan_pledge(&mut game);
    let joint = verify_with(&game, "md-joint", id);
    play(&mut game, joint);
    assert_eq!(
        game.to_act(),
        Some((Seat::Mediator, Decision::Negotiate)),
        "nobody is asked to consent"
    );
    let c = game.view(Viewer::Facilitator).commitments[0];
    assert!(c.verified && !c.monitors);
    assert_eq!(c.monitoring(), Some(MonitorKind::Joint));
    assert_eq!(game.stats().monitors_deployed, 0);
    assert!(words::commitment(game.scenario(), &c).contains("+joint monitoring"));
    let logged = game.log().iter().any(|e| {
        e.event
            == LogEvent::MonitoringSet {
                id,
                kind: MonitorKind::Joint,
                consented: true,
            }
    });
    assert!(logged);
}

#[test]
fn an_afghan_refusal_does_not_bind_pakistans_pledges() {
    let mut s = refusing_international();
    s.seat_order = vec![Seat::Pakistan, Seat::Mediator, Seat::Afghanistan];
    let mut game = Game::new(s.clone(), 11);
    advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    play(
        &mut game,
        Action::Play {
            seat: Seat::Pakistan,
            card: card(&s, "pk-noninterference"),
            target: None,
        },
    );
    advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    let id = game.view(Viewer::Facilitator).commitments[0].id;
    let international = verify_with(&game, "md-monitors", id);
    assert_eq!(game.check(&international), Ok(()));
    let monitors = card(&s, "md-monitors");
    assert_eq!(game.card_block_reason(Seat::Mediator, monitors), None);
}

/// Plays `games` games of random bots; every bot choice must be legal. Returns how many
/// international and regional deployments there were.
fn bot_deployments(scenario: Scenario, games: u64) -> (usize, usize) {
    let scenario = Arc::new(scenario);
    let (mut international, mut regional) = (0, 0);
    for seed in 0..games {
        let mut game = Game::new(scenario.clone(), seed);
        let mut bots = seat_bots(&[Policy::Random; 3], seed);
        while let Some((seat, _)) = game.to_act() {
            let legal = game.legal_actions(seat);
            let action = bots[seat.index()].choose(&game.view(seat), &legal).action;
            game.apply(action).expect("a bot plays only legal actions");
        }
        for entry in game.log() {
            match entry.event {
                LogEvent::MonitorsDeployed { .. } => international += 1,
                LogEvent::MonitoringSet {
                    kind: MonitorKind::Regional,
                    ..
                } => regional += 1,
                _ => {}
            }
        }
    }
    (international, regional)
}

#[test]
fn bots_never_send_the_monitors_a_brief_refuses() {
    let refusing = refusing_international();
    let plain = mini_with(&[("mediator.toml", &with_kinds)]).unwrap();
    let mut allowed = plain.clone();
    allowed.rules.hand_size = 10;
    allowed.events = refusing.events.clone();
    allowed.opening_events = Vec::new();
    allowed.seat_order = refusing.seat_order.clone();
    let (international, _) = bot_deployments(allowed, 40);
    assert!(
        international > 0,
        "without the refusal, bots send international monitors"
    );
    let (international, regional) = bot_deployments(refusing, 40);
    assert_eq!(international, 0);
    assert!(regional > 0, "regional monitors still deploy");
}

/// The built-in scenario `name`, and a copy without its `monitors = "joint"` line.
fn with_and_without_joint(name: &str) -> (Scenario, Scenario) {
    let source = ScenarioSource::builtin(name).unwrap();
    let mut before = source.clone();
    let mediator = before.files.get_mut("mediator.toml").unwrap();
    assert!(mediator.contains("monitors = \"joint\"\n"));
    *mediator = mediator.replace("monitors = \"joint\"\n", "");
    (source.build().unwrap(), before.build().unwrap())
}

#[test]
fn istanbul_and_the_tutorial_play_as_before_with_joint_monitoring_named() {
    for name in ["istanbul", "tutorial"] {
        let (named, before) = with_and_without_joint(name);
        let id = if name == "istanbul" {
            "md-joint-monitoring"
        } else {
            "md-t-joint-monitoring"
        };
        let joint = card(&named, id);
        assert_eq!(
            named.cards[usize::from(joint)].monitors,
            Some(MonitorKind::Joint)
        );
        assert_eq!(before.cards[usize::from(joint)].monitors, None);
        let (named, before) = (Arc::new(named), Arc::new(before));
        let mut joint_played = 0;
        for seed in 0..30u64 {
            let policies = [Policy::Random, Policy::Easy, Policy::Random];
            let a = ceasefire::sim::play_game(named.clone(), seed, &mut seat_bots(&policies, seed));
            let b =
                ceasefire::sim::play_game(before.clone(), seed, &mut seat_bots(&policies, seed));
            assert_eq!(a.actions(), b.actions(), "{name} seed {seed}");
            assert_eq!(a.outcome(), b.outcome(), "{name} seed {seed}");
            assert_eq!(a.meters(), b.meters(), "{name} seed {seed}");
            assert_eq!(a.stats(), b.stats(), "{name} seed {seed}");
            joint_played += a
                .log()
                .iter()
                .filter(|e| {
                    matches!(
                        e.event,
                        LogEvent::MonitoringSet {
                            kind: MonitorKind::Joint,
                            ..
                        }
                    )
                })
                .count();
        }
        assert!(joint_played > 0, "{name}: the joint card was played");
    }
}

#[test]
fn regional_monitors_refused_under_version_1_deploy_and_cross_the_consent_line() {
    let checked = |t: &str| {
        t.replace(
            "red_lines = [\"No foreign troops on Afghan soil.\"]",
            "red_lines = [{ text = \"No monitors without consent.\", rule = \
             \"monitors_without_consent\", cost = 3 }]",
        )
    };
    let mut s = mini_with(&[("mediator.toml", &with_kinds), ("scenario.toml", &checked)]).unwrap();
    assert_eq!(s.rules.version, 1);
    s.rules.hand_size = 10;
    let calm = s.events.iter().position(|e| e.id == "ev-calm").unwrap();
    s.events = vec![s.events[calm].clone()];
    s.opening_events = Vec::new();
    s.seat_order = vec![Seat::Afghanistan, Seat::Mediator, Seat::Pakistan];
    let sovereignty = s.start.get(ceasefire::engine::Meter::Sovereignty);
    let mut game = Game::new(s, 11);
    let id = afghan_pledge(&mut game);
    assert!(game.red_lines_crossed().is_empty());
    let regional = verify_with(&game, "md-regional", id);
    play(&mut game, regional);
    play(
        &mut game,
        Action::Consent {
            seat: Seat::Afghanistan,
            accept: false,
        },
    );
    assert_eq!(
        game.meters().get(ceasefire::engine::Meter::Sovereignty),
        sovereignty - 6
    );
    let c = game.view(Viewer::Facilitator).commitments[0];
    assert_eq!(c.monitoring(), Some(MonitorKind::Regional));
    let crossed = game.red_lines_crossed();
    assert_eq!(crossed.len(), 1, "{crossed:?}");
    assert_eq!(crossed[0].seat, Seat::Afghanistan);
}
