//! Names and voices (issue 15): a scenario's names for its seats and the members of the
//! mediators' seat, used in every text; voices on mediator cards and answers; reflection
//! prompts of one seat's own. The fixture is `tests/fixtures/names`, the mini scenario with
//! Islamabad, Kabul and a contact group of Qatar and Türkiye.

mod common;

use ceasefire::bot::Policy;
use ceasefire::engine::{Action, Decision, Game, Scenario, Seat, Viewer, words};
use ceasefire::save::{Reflection, SaveFile};
use ceasefire::scenario::{ScenarioError, ScenarioSource};
use ceasefire::table::{Controller, Session};
use ceasefire::tui::{App, Options, Play, Speed, Theme};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent};
use ratatui::layout::Rect;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn names_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/names")
}

fn source() -> ScenarioSource {
    ScenarioSource::from_dir(&names_dir()).unwrap()
}

fn names() -> Arc<Scenario> {
    Arc::new(source().build().expect("the names fixture is valid"))
}

/// The fixture's source with `from` replaced by `to` (once) in `file`, built.
fn built_with(file: &str, from: &str, to: &str) -> Result<Scenario, ScenarioError> {
    let mut source = source();
    let text = source.files.get_mut(file).unwrap();
    assert!(text.contains(from), "{file} holds {from}");
    *text = text.replacen(from, to, 1);
    source.build()
}

/// The one problem the fixture has with `from` replaced by `to` in `file`: its message and
/// hint must say what `message` and `hint` say.
fn refused(file: &str, from: &str, to: &str, message: &str, hint: &str) {
    let error = built_with(file, from, to).expect_err("refused");
    assert_eq!(error.count(), 1, "one problem:\n{error}");
    let text = error.to_string();
    assert!(text.contains(message), "message `{message}` in:\n{text}");
    assert!(text.contains(hint), "hint `{hint}` in:\n{text}");
}

/// Plays `game` with `policy` bots to the end.
fn play_out(game: &mut Game, policy: Policy, seed: u64) {
    let mut bots = ceasefire::sim::seat_bots(&[policy; 3], seed);
    while let Some((seat, _)) = game.to_act() {
        let legal = game.legal_actions(seat);
        let choice = bots[seat.index()].choose(&game.view(seat), &legal);
        game.apply(choice.action).unwrap();
    }
}

fn log_text(game: &Game) -> Vec<String> {
    game.log()
        .iter()
        .map(|e| e.describe(game.scenario()))
        .collect()
}

#[test]
fn the_fixture_names_its_seats_and_the_mediators_members() {
    let s = names();
    assert_eq!(s.seat_name(Seat::Pakistan), "Islamabad");
    assert_eq!(s.seat_name(Seat::Afghanistan), "Kabul");
    assert_eq!(s.seat_name(Seat::Mediator), "Contact Group");
    let members: Vec<(&str, &str)> = s
        .names
        .members
        .iter()
        .map(|m| (m.id.as_str(), m.name.as_str()))
        .collect();
    assert_eq!(members, [("qatar", "Qatar"), ("turkiye", "Türkiye")]);
    let voice = |id: &str| s.card_voice(common::card(&s, id));
    assert_eq!(voice("md-shuttle"), Some("Qatar"));
    assert_eq!(voice("md-monitors"), Some("Türkiye"));
    assert_eq!(voice("md-protocol"), None);
    let prompts: Vec<&String> = s.reflection_for(Seat::Afghanistan).collect();
    assert_eq!(
        prompts,
        [
            "What did your side need most?",
            "AF-ONLY: which promise could you not keep?"
        ]
    );
}

#[test]
fn without_names_every_seat_keeps_its_usual_name() {
    let mini = common::mini();
    assert!(mini.names.is_default());
    for seat in Seat::ALL {
        assert_eq!(mini.seat_name(seat), seat.to_string());
        assert_eq!(mini.reflection_for(seat).count(), mini.reflection.len());
    }
    // Istanbul names the hosts as members, and keeps the seats' usual names.
    let istanbul = ceasefire::scenario::load("istanbul").unwrap();
    assert_eq!(istanbul.seat_name(Seat::Mediator), "Mediator");
    assert_eq!(istanbul.names.members.len(), 2);
    let bridge = common::card(&istanbul, "md-bridging-proposal");
    assert_eq!(istanbul.card_voice(bridge), Some("Qatar"));
}

#[test]
fn the_log_names_the_seats_and_who_speaks_for_the_mediators() {
    let s = names();
    let mut game = Game::new(s.clone(), 3);
    // Round 1 opens with the shelling: the contact group answers in Türkiye's voice.
    assert_eq!(game.to_act(), Some((Seat::Mediator, Decision::EventChoice)));
    let answer = Action::Choose {
        seat: Seat::Mediator,
        option: 0,
    };
    assert_eq!(
        words::action_in(&game, &answer),
        "Call both capitals — Escalation -1. (Türkiye speaks)"
    );
    common::play(&mut game, answer);
    common::advance_to(&mut game, Seat::Mediator, Decision::Negotiate);
    // The mediators' four cards are all in their opening hand of five.
    common::play(
        &mut game,
        Action::Play {
            seat: Seat::Mediator,
            card: common::card(&s, "md-shuttle"),
            target: None,
        },
    );
    common::advance_to(&mut game, Seat::Pakistan, Decision::Negotiate);
    common::play(
        &mut game,
        Action::Play {
            seat: Seat::Pakistan,
            card: common::card(&s, "pk-sanctuary"),
            target: None,
        },
    );
    let log = log_text(&game);
    let has = |line: &str| log.iter().any(|l| l == line);
    assert!(
        has("Türkiye (Contact Group) chose \"Call both capitals\" (Shelling at the crossing)."),
        "{log:#?}"
    );
    assert!(
        has("Qatar (Contact Group) played Shuttle diplomacy."),
        "{log:#?}"
    );
    assert!(has("Islamabad tabled demand #1 in Security."), "{log:#?}");
    // No line calls a seat by its usual name.
    for line in &log {
        for usual in ["Pakistan ", "Afghanistan ", "Mediator "] {
            assert!(!line.starts_with(usual), "{line}");
        }
    }
}

#[test]
fn a_whole_game_is_told_in_the_scenarios_names() {
    let mut game = Game::new(names(), 5);
    play_out(&mut game, Policy::Random, 5);
    // Every line uses the seats' names, their pressure meters' too ("Islamabad pressure").
    let log = log_text(&game).join("\n");
    assert!(log.contains("Islamabad"), "{log}");
    assert!(log.contains("Kabul"), "{log}");
    assert!(log.contains("  Islamabad pressure "), "{log}");
    // The report, its meters table and its red lines included, and the rule book.
    let file = SaveFile::of(
        &game,
        &source(),
        ["random", "random", "random"].map(String::from),
        vec![],
        0,
    );
    let bundle = ceasefire::report::Bundle {
        reports: vec![ceasefire::report::report("names", &file, &game)],
        comparisons: vec![],
    };
    let report = ceasefire::report::to_markdown(&bundle);
    assert!(report.contains("| Islamabad pressure |"), "{report}");
    let rules = format!("{:?}", ceasefire::engine::rulebook(game.scenario()));
    for (what, text) in [("log", &log), ("report", &report), ("rule book", &rules)] {
        for usual in [
            "Pakistan pressure",
            "Afghan pressure",
            "Pakistan ",
            "Pakistan's",
            "Afghanistan ",
            "Afghanistan's",
            "Mediator",
        ] {
            assert!(!text.contains(usual), "`{usual}` in the {what}:\n{text}");
        }
    }
}

fn options() -> Options {
    Options {
        saves_dir: None,
        speed: Speed::Instant,
        theme: Theme::new(false),
    }
}

fn later() -> Instant {
    Instant::now() + Duration::from_secs(3600)
}

fn press(app: &mut App, code: KeyCode) {
    app.handle(&Event::Key(KeyEvent::from(code)), Instant::now());
}

fn settle(app: &mut App) {
    for _ in 0..2000 {
        if app.wake_at().is_none() {
            return;
        }
        app.tick(later());
    }
    panic!("bots never stopped");
}

fn render(app: &mut App, (width, height): (u16, u16)) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    app.resize(Rect::new(0, 0, width, height));
    terminal.draw(|frame| app.draw(frame)).unwrap();
    terminal.backend().to_string()
}

/// A solo game of the fixture: Islamabad a person, bots elsewhere.
fn solo(seed: u64) -> App {
    let bot = Controller::Bot(Policy::Random);
    let dir = names_dir().display().to_string();
    let play = Play::start(&dir, [Controller::Human, bot, bot], Some(seed), &options()).unwrap();
    App::playing(options(), play, Instant::now())
}

#[test]
fn the_table_screen_calls_the_seats_by_their_names() {
    let mut app = solo(11);
    let brief = render(&mut app, (80, 24));
    assert!(
        brief.contains("Your secret objective, Islamabad"),
        "{brief}"
    );
    press(&mut app, KeyCode::Enter);
    settle(&mut app);
    let screen = render(&mut app, (80, 24));
    assert!(screen.contains("Islamabad's hand"), "{screen}");
    assert!(screen.contains("You: Islamabad"), "{screen}");
    assert!(screen.contains("Contact Group passed."), "{screen}");
    assert!(!screen.contains("Pakistan"), "{screen}");
    // The scenario's tags where a name does not fit: the header's scores and the pressures.
    assert!(screen.contains("◆ ISB 3 KBL 3 CG"), "{screen}");
    assert!(screen.contains("│ISB pressure "), "{screen}");
    assert!(screen.contains("│KBL pressure "), "{screen}");
    assert!(
        !screen.contains("PK") && !screen.contains("AF "),
        "{screen}"
    );
    insta::assert_snapshot!("table_80x24", screen);
    let wide = render(&mut app, (120, 40));
    assert!(wide.contains("chose \"Quiet word in Doha\""), "{wide}");
    assert!(wide.contains("Qatar (Contact Group)"), "{wide}");
}

#[test]
fn a_mediator_card_shows_who_speaks() {
    let bot = Controller::Bot(Policy::Random);
    let dir = names_dir().display().to_string();
    let play = Play::start(&dir, [bot, bot, Controller::Human], Some(11), &options()).unwrap();
    let mut app = App::playing(options(), play, Instant::now());
    // The brief names the members of the mediators' seat.
    let brief = render(&mut app, (120, 40));
    assert!(
        brief.contains("Contact Group's confidential brief"),
        "{brief}"
    );
    assert!(
        brief.contains("Your seat speaks with several voices: Qatar, Türkiye."),
        "{brief}"
    );
    press(&mut app, KeyCode::Enter);
    settle(&mut app);
    // Down the hand to the shuttle card: its details say Qatar speaks.
    let s = names();
    let shuttle = common::card(&s, "md-shuttle");
    let hand = app
        .play()
        .unwrap()
        .session()
        .game()
        .view(Viewer::Seat(Seat::Mediator))
        .own_hand()
        .to_vec();
    let at = hand.iter().position(|&c| c == shuttle).expect("in hand");
    for _ in 0..at {
        press(&mut app, KeyCode::Down);
    }
    let screen = render(&mut app, (120, 40));
    assert!(screen.contains("Qatar speaks"), "{screen}");
}

#[test]
fn the_curtain_passes_the_keyboard_to_the_named_seat() {
    let bot = Controller::Bot(Policy::Random);
    let dir = names_dir().display().to_string();
    let seats = [Controller::Human, Controller::Human, bot];
    let play = Play::start(&dir, seats, Some(11), &options()).unwrap();
    let mut app = App::playing(options(), play, Instant::now());
    let screen = render(&mut app, (80, 24));
    assert!(
        screen.contains("Pass the keyboard to Islamabad"),
        "{screen}"
    );
    assert!(
        screen.contains("Islamabad's hand and secret objective"),
        "{screen}"
    );
}

#[test]
fn each_seat_is_asked_its_own_reflection_prompts_and_no_others() {
    let s = names();
    let mut game = Game::new(s.clone(), 7);
    play_out(&mut game, Policy::Random, 7);
    let mut session = Session::new(source(), s.clone(), 7, [Controller::Human; 3], None);
    for action in game.actions() {
        session.act(*action).unwrap();
    }
    assert!(session.game().outcome().is_some());
    for (seat, own) in [
        (Seat::Pakistan, "PK-ONLY"),
        (Seat::Afghanistan, "AF-ONLY"),
        (Seat::Mediator, "MD-ONLY"),
    ] {
        let asked = session.unanswered(seat);
        assert_eq!(asked.len(), 2, "{seat}: {asked:?}");
        assert_eq!(asked[0], "What did your side need most?");
        assert!(asked[1].starts_with(own), "{seat}: {asked:?}");
    }
    // Answered, a seat's prompts are gone for it alone.
    for prompt in session.unanswered(Seat::Pakistan) {
        session.reflect(Seat::Pakistan, &prompt, "answered");
    }
    assert!(session.unanswered(Seat::Pakistan).is_empty());
    assert_eq!(session.unanswered(Seat::Afghanistan).len(), 2);
}

#[test]
fn the_reflection_screen_asks_the_persons_own_seat_only() {
    let mut app = solo(11);
    for _ in 0..400 {
        if app.play().unwrap().session().game().outcome().is_some() {
            break;
        }
        press(&mut app, KeyCode::Char('p'));
        press(&mut app, KeyCode::Enter);
        settle(&mut app);
    }
    assert!(app.play().unwrap().at_the_last_table());
    press(&mut app, KeyCode::Enter);
    let first = render(&mut app, (80, 24));
    assert!(
        first.contains("Islamabad, in your own words (1 of 2)"),
        "{first}"
    );
    press(&mut app, KeyCode::Enter);
    let second = render(&mut app, (80, 24));
    assert!(
        second.contains("PK-ONLY: was a strike ever worth it?"),
        "{second}"
    );
    assert!(second.contains("(2 of 2)"), "{second}");
    press(&mut app, KeyCode::Enter);
    let debrief = render(&mut app, (120, 40));
    assert!(debrief.contains("debrief"), "{debrief}");
    assert!(!debrief.contains("AF-ONLY") && !debrief.contains("MD-ONLY"));
}

#[test]
fn the_report_uses_the_names_and_lists_each_seats_own_prompts() {
    let s = names();
    let mut game = Game::new(s.clone(), 5);
    play_out(&mut game, Policy::Easy, 5);
    let seats = ["easy", "easy", "easy"].map(String::from);
    let mut file = SaveFile::of(&game, &source(), seats, Vec::new(), 0);
    file.reflections.push(Reflection {
        seat: "afghanistan".into(),
        prompt: "AF-ONLY: which promise could you not keep?".into(),
        answer: "The one about the east.".into(),
        by: None,
    });
    // Saved and read back, the game keeps its names: the save embeds the scenario's files.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("names.json");
    ceasefire::save::save(&path, &file).unwrap();
    let loaded = ceasefire::save::load(&path).unwrap();
    assert_eq!(loaded.game.scenario().seat_name(Seat::Afghanistan), "Kabul");
    assert_eq!(loaded.game.log(), game.log());
    let report = ceasefire::report::report("names", &loaded.file, &loaded.game);
    let seat_names: Vec<&str> = report.seats.iter().map(|s| s.seat.as_str()).collect();
    assert_eq!(seat_names, ["Islamabad", "Kabul", "Contact Group"]);
    assert_eq!(
        report.seats[2].own_reflection,
        ["MD-ONLY: did Qatar and Türkiye speak with one voice?"]
    );
    for row in &report.commitments {
        assert!(
            row.by.starts_with("Islamabad") || row.by.starts_with("Kabul"),
            "{row:?}"
        );
    }
    let markdown = ceasefire::report::to_markdown(&ceasefire::report::Bundle {
        reports: vec![report.clone()],
        comparisons: Vec::new(),
    });
    assert!(markdown.contains("Asked of Kabul alone:"), "{markdown}");
    assert!(
        markdown.contains("- **Kabul** — *AF-ONLY: which promise could you not keep?* The one"),
        "{markdown}"
    );
    assert!(!markdown.contains("Pakistan's"), "{markdown}");
    // The JSON says the same.
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["seats"][0]["seat"], "Islamabad");
    assert_eq!(
        json["seats"][0]["own_reflection"][0],
        "PK-ONLY: was a strike ever worth it?"
    );
    // A scenario without seat prompts writes no such field.
    let mini = Arc::new(common::mini());
    let mut game = Game::new(mini, 5);
    play_out(&mut game, Policy::Easy, 5);
    let source = ScenarioSource::from_dir(&common::mini_dir()).unwrap();
    let file = SaveFile::of(
        &game,
        &source,
        ["easy".into(), "easy".into(), "easy".into()],
        Vec::new(),
        0,
    );
    let json = serde_json::to_value(ceasefire::report::report("mini", &file, &game)).unwrap();
    assert!(json["seats"][0].get("own_reflection").is_none(), "{json}");
    assert_eq!(json["seats"][0]["seat"], "Pakistan");
}

#[test]
fn names_and_voices_change_no_move_of_a_game() {
    // Istanbul's voices and members are words only: stripped, the same seeds play the same
    // games. (The copy from before issue 15 has no actor, so its games differ; it still plays.)
    let istanbul = ScenarioSource::builtin("istanbul").unwrap();
    let mut plain = istanbul.clone();
    for text in plain.files.values_mut() {
        *text = text
            .lines()
            .filter(|l| !l.starts_with("voice = "))
            .collect::<Vec<_>>()
            .join("\n");
    }
    let main = plain.files.get_mut("scenario.toml").unwrap();
    let start = main.find("[names]").unwrap();
    let end = main.find("[decks]").unwrap();
    main.replace_range(start..end, "");
    let before = ScenarioSource::from_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/istanbul-before-issue-15"),
    )
    .unwrap();
    let built = [istanbul, plain, before].map(|s| Arc::new(s.build().unwrap()));
    assert!(built[1].names.is_default() && built[2].names.is_default());
    assert!(built[2].cards.iter().all(|c| c.voice.is_none()));
    for seed in 1..=3 {
        let games = built.clone().map(|s| {
            let mut game = Game::new(s, seed);
            play_out(&mut game, Policy::Easy, seed);
            game
        });
        assert_eq!(games[0].log(), games[1].log(), "seed {seed}");
        assert_eq!(games[0].actions(), games[1].actions(), "seed {seed}");
        assert_eq!(games[0].outcome(), games[1].outcome(), "seed {seed}");
        assert_eq!(games[0].scores(), games[1].scores(), "seed {seed}");
        // The copy from before issue 15 (no names, no actor) still plays to an end.
        assert!(games[2].outcome().is_some(), "seed {seed}");
        // Only the words differ: Istanbul's log says who speaks.
        let said = log_text(&games[0]);
        let plain = log_text(&games[1]);
        for (voiced, unvoiced) in said.iter().zip(&plain) {
            if voiced != unvoiced {
                assert!(
                    voiced.starts_with("Qatar (Mediator) played ")
                        || voiced.starts_with("Türkiye (Mediator) played "),
                    "{voiced} / {unvoiced}"
                );
                assert!(unvoiced.starts_with("Mediator played "), "{unvoiced}");
            }
        }
    }
}

#[test]
fn the_servers_lobby_and_seats_call_the_seats_by_their_names() {
    use ceasefire::server::lobby::Lobby;
    use ceasefire::server::tables::Tables;
    let tables = Tables::new(None, Duration::ZERO);
    let bot = Some(Policy::Random);
    let table = tables.open(&source(), 7, [None, bot, bot]).unwrap();
    let lines: Vec<String> = Lobby::at_table(table.id, &tables)
        .lines(&tables)
        .into_iter()
        .map(|(line, _)| line)
        .collect();
    assert!(
        lines.iter().any(|l| l == "   join as Islamabad"),
        "{lines:#?}"
    );
    let refused = table.claim(Seat::Afghanistan, 1).unwrap_err();
    assert_eq!(
        refused,
        format!("Kabul is played by a `random` bot at table {}.", table.id)
    );
}

// ------------------------------------------------------------------------ refused uses

#[test]
fn an_unknown_voice_is_refused_with_the_members_listed() {
    refused(
        "mediator.toml",
        "voice = \"qatar\"",
        "voice = \"qatr\"",
        "unknown voice `qatr`",
        "did you mean `qatar`? The members of the mediators' seat ([names] mediator_members in \
         scenario.toml) are: qatar, turkiye",
    );
    refused(
        "mediator.toml",
        "voice = \"qatar\"",
        "voice = \"oman\"",
        "unknown voice `oman`",
        "the members of the mediators' seat ([names] mediator_members in scenario.toml) are: \
         qatar, turkiye",
    );
    refused(
        "events.toml",
        "voice = \"turkiye\"",
        "voice = \"turkey\"",
        "unknown voice `turkey`",
        "did you mean `turkiye`?",
    );
}

#[test]
fn a_voice_without_members_is_refused_with_how_to_name_them() {
    let mut source = ScenarioSource::from_dir(&common::mini_dir()).unwrap();
    let deck = source.files.get_mut("mediator.toml").unwrap();
    *deck = deck.replacen(
        "name = \"Shuttle diplomacy\"",
        "name = \"Shuttle diplomacy\"\nvoice = \"qatar\"",
        1,
    );
    let error = source.build().expect_err("refused").to_string();
    assert!(error.contains("unknown voice `qatar`"), "{error}");
    assert!(
        error.contains("the scenario names no members of the mediators' seat"),
        "{error}"
    );
}

#[test]
fn a_voice_on_a_delegations_card_is_refused() {
    refused(
        "pakistan.toml",
        "name = \"Dismantle sanctuaries\"",
        "name = \"Dismantle sanctuaries\"\nvoice = \"qatar\"",
        "`voice` is only for what the mediators alone say",
        "but pakistan may play this card: remove `voice`",
    );
    refused(
        "shared.toml",
        "name = \"Hotline\"",
        "name = \"Hotline\"\nvoice = \"qatar\"",
        "`voice` is only for what the mediators alone say",
        "but pakistan, afghanistan and mediator may play this card",
    );
}

#[test]
fn a_voice_on_a_delegations_answer_is_refused() {
    refused(
        "events.toml",
        "label = \"Restraint\"",
        "label = \"Restraint\"\nvoice = \"qatar\"",
        "`voice` is only for what the mediators alone say",
        "but this choice is put to pakistan: remove `voice`",
    );
}

#[test]
fn an_empty_or_broken_name_is_refused() {
    refused(
        "scenario.toml",
        "pakistan = \"Islamabad\"",
        "pakistan = \"  \"",
        "`pakistan` cannot be empty",
        "leave the key out to keep the usual name",
    );
    refused(
        "scenario.toml",
        "afghanistan = \"Kabul\"",
        "afghanistan = \"Kabul\\nand the east\"",
        "`afghanistan` is a name: it must fit on one line",
        "remove the line breaks",
    );
    let long = "x".repeat(201);
    refused(
        "scenario.toml",
        "mediator = \"Contact Group\"",
        &format!("mediator = \"{long}\""),
        "`mediator` is 201 characters long; the most a name may be is 200",
        "docs/scenarios.md lists the limits",
    );
    refused(
        "scenario.toml",
        "{ id = \"qatar\", name = \"Qatar\" }",
        "{ id = \"qatar\", name = \"\" }",
        "`name` cannot be empty",
        "write the name players read",
    );
}

#[test]
fn two_names_alike_are_refused() {
    refused(
        "scenario.toml",
        "afghanistan = \"Kabul\"",
        "afghanistan = \"islamabad\"",
        "the name `islamabad` is given twice (as `Islamabad` first)",
        "players cannot tell them apart",
    );
    refused(
        "scenario.toml",
        "{ id = \"qatar\", name = \"Qatar\" }",
        "{ id = \"qatar\", name = \"Kabul\" }",
        "the name `Kabul` is given twice",
        "every seat and every member of the mediators' seat needs a name of its own",
    );
    // A seat left out keeps its usual name, which a member cannot take.
    let mut source = source();
    let main = source.files.get_mut("scenario.toml").unwrap();
    *main = main
        .replacen("mediator = \"Contact Group\"\n", "", 1)
        .replacen("name = \"Qatar\"", "name = \"mediator\"", 1);
    let error = source.build().expect_err("refused");
    assert_eq!(error.count(), 1, "{error}");
    let error = error.to_string();
    assert!(
        error.contains("the name `mediator` is given twice (as `Mediator` first)"),
        "{error}"
    );
    assert!(error.contains("keeps its usual name"), "{error}");
}

#[test]
fn two_members_with_one_id_or_none_are_refused() {
    refused(
        "scenario.toml",
        "{ id = \"turkiye\", name = \"Türkiye\" }",
        "{ id = \"qatar\", name = \"Türkiye\" }",
        "the mediators' seat has two members with the id `qatar`",
        "give each member an id of its own",
    );
    refused(
        "scenario.toml",
        "{ id = \"turkiye\", name = \"Türkiye\" }",
        "{ id = \"\", name = \"Türkiye\" }",
        "a member's id cannot be empty",
        "like `qatar`",
    );
}

#[test]
fn an_unknown_key_in_names_is_refused() {
    refused(
        "scenario.toml",
        "pakistan = \"Islamabad\"",
        "pakistani = \"Islamabad\"",
        "unknown field `pakistani`",
        "pakistan",
    );
}

#[test]
fn a_name_in_a_brief_is_refused_with_where_names_go() {
    refused(
        "scenario.toml",
        "situation = \"MD-BRIEF: your credibility is your only lever.\"",
        "name = \"The hosts\"\nsituation = \"MD-BRIEF: your credibility is your only lever.\"",
        "unknown field `name`",
        "a brief has no name: what a seat is called in every text goes in scenario.toml's \
         [names] table",
    );
}

#[test]
fn a_seats_reflection_prompt_asked_twice_or_empty_is_refused() {
    refused(
        "scenario.toml",
        "pakistan = [\"PK-ONLY: was a strike ever worth it?\"]",
        "pakistan = [\"What did your side need most?\"]",
        "this prompt is asked of every seat already, in `reflection`",
        "remove it from [reflection_by_seat]",
    );
    refused(
        "scenario.toml",
        "mediator = [\"MD-ONLY: did Qatar and Türkiye speak with one voice?\"]",
        "mediator = [\"MD-ONLY\", \"MD-ONLY\"]",
        "this prompt is in mediator's list twice",
        "list each prompt once",
    );
    refused(
        "scenario.toml",
        "afghanistan = [\"AF-ONLY: which promise could you not keep?\"]",
        "afghanistan = [\" \"]",
        "a reflection prompt cannot be empty",
        "write the question",
    );
    refused(
        "scenario.toml",
        "afghanistan = [\"AF-ONLY: which promise could you not keep?\"]",
        "kabul = [\"AF-ONLY: which promise could you not keep?\"]",
        "unknown field `kabul`",
        "afghanistan",
    );
}

#[test]
fn a_tag_too_long_broken_or_given_twice_is_refused() {
    refused(
        "scenario.toml",
        "pakistan_tag = \"ISB\"",
        "pakistan_tag = \"ISBD\"",
        "`pakistan_tag` must be one to three letters or digits, not \"ISBD\"",
        "write a short one",
    );
    refused(
        "scenario.toml",
        "afghanistan_tag = \"KBL\"",
        "afghanistan_tag = \"K-B\"",
        "`afghanistan_tag` must be one to three letters or digits",
        "`#7 AF→PK` on the table",
    );
    refused(
        "scenario.toml",
        "mediator_tag = \"CG\"",
        "mediator_tag = \"kbl\"",
        "the tag `kbl` is given twice (as `KBL` first)",
        "every seat needs a tag of its own",
    );
    // A seat's tag left out stays its usual one, which another seat's cannot take: the tag
    // written is the one pointed at.
    let mut source = source();
    let main = source.files.get_mut("scenario.toml").unwrap();
    *main = main.replacen("mediator_tag = \"CG\"\n", "", 1).replacen(
        "pakistan_tag = \"ISB\"",
        "pakistan_tag = \"MD\"",
        1,
    );
    let error = source.build().expect_err("refused");
    assert_eq!(error.count(), 1, "{error}");
    let error = error.to_string();
    assert!(error.contains("the tag `MD` is given twice"), "{error}");
    assert!(
        error.contains("pakistan_tag = \"MD\""),
        "the line written: {error}"
    );
}

#[test]
fn a_refused_turn_names_the_seats_as_the_scenario_does() {
    let mut game = Game::new(names(), 5);
    let (to_act, _) = game.to_act().expect("a seat to act");
    let other = Seat::ALL.into_iter().find(|&seat| seat != to_act).unwrap();
    let error = game
        .apply(Action::Pass { seat: other })
        .expect_err("not its turn")
        .to_string();
    let scenario = game.scenario();
    assert!(
        error.starts_with(&format!(
            "it is not {}'s turn ({} must ",
            scenario.seat_name(other),
            scenario.seat_name(to_act)
        )),
        "{error}"
    );
    for usual in ["Pakistan", "Afghanistan", "Mediator"] {
        assert!(!error.contains(usual), "{error}");
    }
}
