//! `ceasefire report`: the after-action report from saves, as Markdown and as JSON, and the
//! comparison of tables that played the same scenario and seed.

use ceasefire::bot::Policy;
use ceasefire::engine::{Action, EventId, Game};
use ceasefire::save::{self, Note, SaveFile};
use ceasefire::scenario::ScenarioSource;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn ceasefire(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ceasefire"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Plays the tutorial to the end with seed 9 and bots seeded by `bots`; saves it as `name`.
fn finished_save(dir: &Path, name: &str, bots: u64) -> (PathBuf, Game) {
    finished_save_with_injects(dir, name, bots, &[])
}

/// Like `finished_save`, and the facilitator injects each `(round, event id)` as that round
/// begins.
fn finished_save_with_injects(
    dir: &Path,
    name: &str,
    bots: u64,
    injects: &[(u8, &str)],
) -> (PathBuf, Game) {
    let source = ScenarioSource::builtin("tutorial").unwrap();
    let scenario = std::sync::Arc::new(source.build().unwrap());
    let mut game = Game::new(scenario, 9);
    let mut players = ceasefire::sim::seat_bots(&[Policy::Easy; 3], bots);
    let mut notes = Vec::new();
    let mut injected = 0;
    while let Some((seat, _)) = game.to_act() {
        if let Some((_, id)) = injects
            .get(injected)
            .filter(|(round, _)| *round == game.round())
        {
            let event = game.scenario().events.iter().position(|e| e.id == *id);
            let event = EventId(u16::try_from(event.expect("an event of the tutorial")).unwrap());
            game.apply(Action::Inject { event }).unwrap();
            injected += 1;
        }
        let legal = game.legal_actions(seat);
        let choice = players[seat.index()].choose(&game.view(seat), &legal);
        notes.push(Note {
            action: game.actions().len(),
            text: choice.reason,
            by_clock: false,
        });
        game.apply(choice.action).unwrap();
    }
    let path = dir.join(format!("{name}.json"));
    let seats = ["easy", "easy", "easy"].map(String::from);
    let mut file = SaveFile::of(&game, &source, seats, notes, 0);
    file.reflections.push(save::Reflection {
        seat: "afghanistan".into(),
        prompt: game.scenario().reflection[0].clone(),
        answer: "Trade first, then trust.".into(),
        by: None,
    });
    save::save(&path, &file).unwrap();
    (path, game)
}

#[test]
fn a_report_holds_every_section_and_is_the_same_every_time() {
    let dir = tempfile::tempdir().unwrap();
    let (path, game) = finished_save(dir.path(), "table-1", 1);
    let out = ceasefire(&["report", path.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    for heading in [
        "## Outcome",
        "## Seats, secret objectives and scores",
        "## The confidential briefs",
        "## The meters, round by round",
        "## Commitments",
        "## Events, round by round",
        "## Decisions, round by round",
        "## Turning points",
        "## Why the bots moved as they did",
        "## Reflections",
        "## Injects",
        "## For discussion",
    ] {
        assert!(text.contains(heading), "missing {heading}:\n{text}");
    }
    let outcome = game.outcome().unwrap();
    assert!(text.contains(&outcome.to_string()), "{text}");
    for score in game.scores().unwrap() {
        assert!(text.contains(&format!("| {} |", score.total)), "{text}");
    }
    assert!(text.contains("Trade first, then trust."), "{text}");
    // Every posture taken, card played and pledge made is among the decisions, dated by its
    // round.
    let postures: Vec<String> = game
        .log()
        .iter()
        .filter(|e| {
            matches!(
                e.event,
                ceasefire::engine::LogEvent::PostureTaken { .. }
                    | ceasefire::engine::LogEvent::CardPlayed { .. }
                    | ceasefire::engine::LogEvent::CommitmentMade { .. }
            )
        })
        .map(|e| format!("- Round {}: {}", e.round, e.describe(game.scenario())))
        .collect();
    assert!(!postures.is_empty());
    for posture in &postures {
        assert!(text.contains(posture.as_str()), "{posture}\n{text}");
    }
    // Every round's event, in order, as the log revealed them.
    let revealed: Vec<(u8, &str)> = game
        .log()
        .iter()
        .filter_map(|e| match e.event {
            ceasefire::engine::LogEvent::EventRevealed { event } => Some((
                e.round,
                game.scenario().events[usize::from(event)].name.as_str(),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(revealed.len(), usize::from(game.round()));
    for (round, name) in revealed {
        assert!(
            text.contains(&format!("- Round {round}: {name} — ")),
            "round {round}: {name}\n{text}"
        );
    }
    for question in &game.scenario().questions {
        assert!(text.contains(question.as_str()));
    }
    let again = ceasefire(&["report", path.to_str().unwrap()]);
    assert_eq!(
        out.stdout, again.stdout,
        "the same save gives the same report"
    );

    let written = dir.path().join("report.md");
    let out = ceasefire(&[
        "report",
        path.to_str().unwrap(),
        "--out",
        written.to_str().unwrap(),
    ]);
    assert!(out.status.success());
    assert_eq!(std::fs::read_to_string(&written).unwrap(), text);
}

#[test]
fn each_inject_is_told_once_with_when_it_was_sent_and_when_it_came_up() {
    let dir = tempfile::tempdir().unwrap();
    let (path, game) = finished_save_with_injects(
        dir.path(),
        "injected",
        1,
        &[(1, "ev-t-inject-donors"), (4, "ev-t-inject-bombing")],
    );
    assert_eq!(game.round(), 4, "the tutorial has four rounds");
    let file = save::load(&path).unwrap();
    let report = ceasefire::report::report("injected", &file.file, &file.game);
    let donors = &game
        .scenario()
        .events
        .iter()
        .find(|e| e.id == "ev-t-inject-donors");
    let donors = donors.unwrap();
    assert_eq!(
        report.injects,
        [
            format!(
                "INJECT \"{}\" — sent in round 1, came up in round 2: {}",
                donors.name, donors.text
            ),
            "INJECT \"Bombing at a border market\" — sent in round 4; the game ended before it \
             came up."
                .to_string(),
        ]
    );
}

#[test]
fn json_reports_carry_the_same_content_as_data() {
    let dir = tempfile::tempdir().unwrap();
    let (path, game) = finished_save(dir.path(), "table-1", 1);
    let out = ceasefire(&["report", path.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let report = &v["reports"][0];
    assert_eq!(
        report["outcome"]["kind"],
        game.outcome().unwrap().kind().key()
    );
    assert_eq!(report["seats"].as_array().unwrap().len(), 3);
    assert_eq!(report["actions"], game.actions().len());
    assert!(report["meters"].as_array().unwrap().len() >= 2);
    assert!(!report["bot_reasons"].as_array().unwrap().is_empty());
    // Each bot's move is dated by the round it was made in, as a replay to it says.
    for note in report["bot_reasons"].as_array().unwrap() {
        let index = note["action"].as_u64().unwrap() as usize;
        let before = Game::replay(
            game.scenario().clone(),
            game.seed(),
            &game.actions()[..index],
        )
        .unwrap();
        assert_eq!(note["round"], before.round(), "{note}");
    }
    let last = report["bot_reasons"].as_array().unwrap().last().unwrap();
    assert!(last["round"].as_u64().unwrap() > 1, "{last}");
    assert!(report["questions"].is_array());
}

#[test]
fn two_tables_with_one_seed_are_compared_at_their_first_different_action() {
    let dir = tempfile::tempdir().unwrap();
    let (a, game_a) = finished_save(dir.path(), "table-1", 1);
    let (b, game_b) = finished_save(dir.path(), "table-2", 2);
    let expected = game_a
        .actions()
        .iter()
        .zip(game_b.actions())
        .position(|(x, y)| x != y)
        .expect("differently seeded bots diverge");
    let out = ceasefire(&[
        "report",
        a.to_str().unwrap(),
        b.to_str().unwrap(),
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let comparison = &v["comparisons"][0];
    assert_eq!(comparison["first_different_action"], expected);
    assert_eq!(comparison["games"][0], "table-1");

    let out = ceasefire(&["report", a.to_str().unwrap(), b.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("# Comparing the tables"), "{text}");
    assert!(text.contains(&format!("| #{} |", expected + 1)), "{text}");
}

#[test]
fn a_bad_save_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.json");
    std::fs::write(&path, "{ not json").unwrap();
    let out = ceasefire(&["report", path.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("broken.json"));
}

#[test]
fn a_game_in_progress_is_reported_as_such() {
    let source = ScenarioSource::builtin("tutorial").unwrap();
    let scenario = std::sync::Arc::new(source.build().unwrap());
    let mut game = Game::new(scenario.clone(), 9);
    let quake = EventId(scenario.events.iter().position(|e| e.inject).unwrap() as u16);
    game.apply(Action::Inject { event: quake }).unwrap();
    let file = SaveFile::of(
        &game,
        &source,
        ["human", "human", "human"].map(String::from),
        vec![],
        0,
    );
    let report = ceasefire::report::report("table", &file, &game);
    assert!(game.outcome().is_none());
    assert!(
        report.injects[0].ends_with("it has not come up yet."),
        "{:?}",
        report.injects
    );
    // Compared with a table that has not moved yet, the inject is the facilitator's move
    // and the other table simply has none.
    let fresh = Game::new(scenario, 9);
    let divergence = ceasefire::report::compare(("a", &game), ("b", &fresh));
    assert!(
        divergence.choices[0].starts_with("Facilitator: Inject"),
        "{:?}",
        divergence.choices
    );
    assert_eq!(divergence.choices[1], "(no move yet)");
}

#[test]
fn tables_with_the_seats_played_differently_are_not_compared() {
    let dir = tempfile::tempdir().unwrap();
    let (a, game_a) = finished_save(dir.path(), "table-1", 1);
    let (b, game_b) = finished_save(dir.path(), "table-2", 2);
    let file_a = save::load(&a).unwrap().file;
    let mut file_b = save::load(&b).unwrap().file;
    let same = ceasefire::report::bundle(&[
        ("table-1".into(), file_a.clone(), game_a.clone()),
        ("table-2".into(), file_b.clone(), game_b.clone()),
    ]);
    assert_eq!(same.comparisons.len(), 1);
    // A rematch with the seats rotated: a person where a bot was.
    file_b.seats[0] = "human".into();
    let rotated = ceasefire::report::bundle(&[
        ("table-1".into(), file_a, game_a),
        ("table-2".into(), file_b, game_b),
    ]);
    assert!(rotated.comparisons.is_empty());
}

#[test]
fn turning_points_tell_the_rounds_without_progress_and_how_the_game_ended() {
    let dir = tempfile::tempdir().unwrap();
    let mut fatigued = 0;
    for bots in 1..6 {
        let (_, game) = finished_save(dir.path(), &format!("t{bots}"), bots);
        let points = ceasefire::report::turning_points(&game);
        let last = points.last().unwrap();
        assert!(
            last.starts_with(&format!("Round {}: the talks ended: ", game.round())),
            "{points:?}"
        );
        assert!(
            last.contains(&game.outcome().unwrap().to_string()),
            "{last}"
        );
        let stalls = game
            .log()
            .iter()
            .filter(|e| e.event == ceasefire::engine::LogEvent::Stalled)
            .count();
        if stalls > 0 {
            assert!(
                points.iter().any(|p| p.contains("mediation fatigue")),
                "{stalls} stalled rounds: {points:?}"
            );
            fatigued += 1;
        }
    }
    assert!(
        fatigued > 0,
        "no game had a round without progress: nothing was checked"
    );
}

#[test]
fn a_bridged_pledge_is_marked_as_the_mediators_doing() {
    let dir = tempfile::tempdir().unwrap();
    let mut bridged = 0;
    for bots in 1..12 {
        let (_, game) = finished_save(dir.path(), &format!("b{bots}"), bots);
        let file = SaveFile::of(
            &game,
            &ScenarioSource::builtin("tutorial").unwrap(),
            ["easy", "easy", "easy"].map(String::from),
            vec![],
            0,
        );
        let report = ceasefire::report::report("t", &file, &game);
        for entry in game.log() {
            if let ceasefire::engine::LogEvent::DemandBridged { commitment, .. } = entry.event {
                let row = report
                    .commitments
                    .iter()
                    .find(|r| r.id == commitment)
                    .unwrap();
                assert!(row.by.ends_with("(bridged by the mediators)"), "{row:?}");
                bridged += 1;
            }
        }
    }
    assert!(bridged > 0, "no bridge in these games: nothing was checked");
}

#[test]
fn the_report_lists_each_red_line_crossed_with_its_round_and_cost() {
    let mut source = ScenarioSource::from_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini"),
    )
    .unwrap();
    let text = source.files.get_mut("scenario.toml").unwrap();
    let md = "situation = \"MD-BRIEF: your credibility is your only lever.\"";
    *text = text.replace(
        md,
        &format!(
            "{md}\nred_lines = [\"Words only.\", {{ text = \"Nobody walks out.\", rule = \"walkout\", cost = 3 }}]"
        ),
    );
    text.push_str("\n[start]\nsovereignty = 20\n");
    let scenario = std::sync::Arc::new(source.build().unwrap());
    let strike = scenario.card_by_id("pk-strike").unwrap();
    let mut game = Game::new(scenario, 11);
    // Everyone passes, but Pakistan strikes as soon as it can: Sovereignty falls under the
    // walkout floor and the Afghan delegation walks out.
    while let Some((seat, _)) = game.to_act() {
        let legal = game.legal_actions(seat);
        let strikes = |a: &&Action| matches!(a, Action::Play { card, .. } if *card == strike);
        let passes = |a: &&Action| matches!(a, Action::Pass { .. });
        let action = legal
            .iter()
            .find(strikes)
            .or_else(|| legal.iter().find(passes))
            .copied()
            .unwrap_or(legal[0]);
        game.apply(action).unwrap();
    }
    let round = game.round();
    let seats = ["human", "easy", "easy"].map(String::from);
    let file = SaveFile::of(&game, &source, seats, Vec::new(), 0);
    let bundle = ceasefire::report::bundle(&[("walkout".to_string(), file, game.clone())]);
    let mediator = &bundle.reports[0].seats[2];
    assert_eq!(
        mediator.red_lines_crossed.len(),
        1,
        "the words-only line costs nothing"
    );
    let crossed = &mediator.red_lines_crossed[0];
    assert_eq!(
        (
            crossed.text.as_str(),
            crossed.rule.as_str(),
            crossed.round,
            crossed.cost
        ),
        ("Nobody walks out.", "walkout", round, 3)
    );
    let score = game.scores().unwrap()[2].clone();
    assert_eq!(mediator.score, Some(score.total));
    assert_eq!(score.red_lines, -3);
    let text = ceasefire::report::to_markdown(&bundle);
    assert!(text.contains("## Red lines crossed"), "{text}");
    assert!(
        text.contains(&format!(
            "| Mediator | Nobody walks out. | a delegation walking out (`walkout`) | {round} | −3 |"
        )),
        "{text}"
    );
    assert!(
        text.contains("- Red line: Nobody walks out. (crossing it costs 3 points)"),
        "{text}"
    );

    // The debrief on screen says the same: in the score line and in its own list.
    use ceasefire::table::{Controller, Session};
    let controllers = [Controller::Human; 3];
    let mut session = Session::new(source, game.scenario().clone(), 11, controllers, None);
    for action in game.actions() {
        session.act(*action).unwrap();
    }
    let theme = ceasefire::tui::Theme::new(false);
    let lines = ceasefire::tui::screens::debrief::lines(&session, 120, theme);
    let screen: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let screen = screen.join("\n");
    assert!(screen.contains("red lines crossed −3"), "{screen}");
    assert!(screen.contains("Red lines crossed"), "{screen}");
    assert!(
        screen.contains(&format!(
            "round {round}: \"Nobody walks out.\" — a delegation walking out (−3 points)"
        )),
        "{screen}"
    );
}

/// The Markdown report of `game`, a game of the built-in scenario `source`.
fn markdown_of(game: &Game, source: &ScenarioSource) -> String {
    let file = SaveFile::of(
        game,
        source,
        ["easy", "easy", "easy"].map(String::from),
        vec![],
        0,
    );
    let report = ceasefire::report::report("table", &file, game);
    ceasefire::report::to_markdown(&ceasefire::report::Bundle {
        reports: vec![report],
        comparisons: vec![],
    })
}

#[test]
fn the_report_says_why_it_ended_then_sets_the_table_beside_istanbul_2025() {
    for (name, policy, seeds) in [
        ("istanbul", Policy::Easy, 0..6u64),
        ("istanbul", Policy::Passive, 0..2),
        ("tutorial", Policy::Random, 0..6),
        ("tutorial", Policy::Passive, 0..2),
    ] {
        let source = ScenarioSource::builtin(name).unwrap();
        let scenario = std::sync::Arc::new(source.build().unwrap());
        for seed in seeds {
            let game = ceasefire::sim::play_game(
                scenario.clone(),
                seed,
                &mut ceasefire::sim::seat_bots(&[policy; 3], seed),
            );
            let text = markdown_of(&game, &source);
            let at = |heading: &str| {
                text.find(&format!("\n{heading}\n"))
                    .unwrap_or_else(|| panic!("{name} {policy} {seed}: no {heading}:\n{text}"))
            };
            let (outcome, why, beside, seats) = (
                at("## Outcome"),
                at("## Why it ended this way"),
                at("## This table and Istanbul 2025"),
                at("## Seats, secret objectives and scores"),
            );
            assert!(outcome < why && why < beside && beside < seats, "{text}");
            // Right after the outcome: its own first line names the ending.
            let first = text[why..].lines().nth(3).unwrap_or_default();
            let ending = game.outcome().unwrap().to_string();
            let named = ending.split(':').next().unwrap();
            assert!(
                first.starts_with("- ") && first.contains(named.split(' ').next().unwrap()),
                "{name} {policy} {seed}: {first}"
            );
            if game.round() >= 2 {
                let factors = &text[beside..text[beside..].find("### Remedies").unwrap() + beside];
                assert!(
                    factors.contains("At this table: round"),
                    "{name} {policy} {seed}: no factor tied to a round:\n{factors}"
                );
            }
        }
    }
}

#[test]
fn a_scenario_without_a_comparison_reports_without_one() {
    let dir = common_mini_dir();
    let source = ScenarioSource::from_dir(&dir).unwrap();
    let scenario = std::sync::Arc::new(source.build().unwrap());
    assert!(scenario.comparison.is_none());
    let game = ceasefire::sim::play_game(
        scenario,
        3,
        &mut ceasefire::sim::seat_bots(&[Policy::Easy; 3], 3),
    );
    let text = markdown_of(&game, &source);
    assert!(text.contains("## Why it ended this way"), "{text}");
    assert!(!text.contains("## This table"), "{text}");
    let file = SaveFile::of(
        &game,
        &source,
        ["easy", "easy", "easy"].map(String::from),
        vec![],
        0,
    );
    let json = serde_json::to_value(ceasefire::report::report("t", &file, &game)).unwrap();
    assert!(json.get("comparison").is_none(), "{json}");
    assert!(
        json["why"].as_array().is_some_and(|w| !w.is_empty()),
        "{json}"
    );
}

/// The small test scenario's folder.
fn common_mini_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/mini")
}
