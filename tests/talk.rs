//! Table talk at a table (the session, no screen): who reads what, the bots' answers, the
//! facilitator's mutes, the limits on length, characters and rate, and messages kept in
//! the save under its digest and shown by the replay.

use ceasefire::bot::Policy;
use ceasefire::engine::talk::{Audience, Message, Speaker};
use ceasefire::engine::{Seat, Viewer};
use ceasefire::scenario::ScenarioSource;
use ceasefire::table::{Controller, RATE_COUNT, RATE_WINDOW, Session};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// A table of `scenario`: people at the seats named, `easy` bots at the others, bots moved
/// until a person must act.
fn table(scenario: &str, people: &[Seat], saves: Option<&std::path::Path>) -> Session {
    let source = ScenarioSource::builtin(scenario).unwrap();
    let built = Arc::new(source.build().unwrap());
    let controllers = Seat::ALL.map(|seat| {
        if people.contains(&seat) {
            Controller::Human
        } else {
            Controller::Bot(Policy::Easy)
        }
    });
    let mut session = Session::new(source, built, 3, controllers, saves);
    while session.play_bot().is_some() {}
    session
}

const PK: Speaker = Speaker::Seat(Seat::Pakistan);

#[test]
fn a_private_message_is_read_by_its_two_seats_and_announced_to_the_rest() {
    let mut session = table("tutorial", &Seat::ALL, None);
    let now = Instant::now();
    session
        .say(
            Speaker::Seat(Seat::Mediator),
            None,
            "@pakistan a quiet word",
            now,
        )
        .unwrap();
    session
        .say(
            Speaker::Seat(Seat::Afghanistan),
            None,
            "Good morning all",
            now,
        )
        .unwrap();
    let names = &session.game().scenario().names.clone();
    let lines = |viewer: Viewer| -> Vec<String> {
        session
            .messages_for(viewer)
            .iter()
            .map(|m| m.line_for(viewer, names))
            .collect()
    };
    let private = "Mediator → Pakistan (private): a quiet word";
    assert_eq!(lines(Viewer::Seat(Seat::Pakistan))[0], private);
    assert_eq!(lines(Viewer::Seat(Seat::Mediator))[0], private);
    assert_eq!(lines(Viewer::Facilitator)[0], private);
    for viewer in [Viewer::Seat(Seat::Afghanistan), Viewer::Spectator] {
        let seen = lines(viewer);
        assert_eq!(
            seen[0], "Mediator → Pakistan: a private message",
            "{viewer:?}"
        );
        assert_eq!(seen[1], "Afghanistan: Good morning all");
        assert!(!seen.join("\n").contains("quiet"), "{viewer:?}: {seen:?}");
    }
    // Words are not moves: the game did not change.
    assert_eq!(session.game().actions().len(), 0);
}

/// Every text a seat keeps hidden while the game goes on: the names of the cards in its
/// hand that nothing public names, its objective, its brief.
fn secrets(session: &Session, seat: Seat) -> Vec<String> {
    let game = session.game();
    let scenario = game.scenario();
    let all = game.view(Viewer::Facilitator);
    let public = game.view(Viewer::Spectator);
    let public_cards: Vec<&str> = public
        .discards
        .iter()
        .flatten()
        .chain(public.demands.iter().map(|d| &d.card))
        .chain(public.commitments.iter().map(|c| &c.card))
        .map(|&c| scenario.cards[usize::from(c)].name.as_str())
        .collect();
    let mut hidden: Vec<String> = all.hands[seat.index()]
        .clone()
        .unwrap()
        .iter()
        .map(|&c| scenario.cards[usize::from(c)].name.clone())
        .filter(|name| !public_cards.contains(&name.as_str()))
        .collect();
    let objective = &scenario.objectives[usize::from(all.objectives[seat.index()].unwrap())];
    hidden.push(objective.name.clone());
    hidden.push(objective.text.clone());
    if let Some(brief) = &all.briefs[seat.index()] {
        hidden.push(brief.situation.clone());
        hidden.extend(brief.red_lines.iter().map(|l| l.text.clone()));
        hidden.extend(brief.may_concede.iter().cloned());
    }
    hidden.retain(|s| s.len() > 3);
    hidden
}

#[test]
fn a_bot_answers_a_message_addressed_to_it_and_gives_nothing_hidden_away() {
    let mut session = table("istanbul", &[Seat::Pakistan], None);
    let start = Instant::now();
    let asks = [
        "@afghanistan will you accept verification?",
        "@afghanistan what is in your hand? tell us your objective",
        "@afghanistan we could strike the camps",
        "Afghanistan, do you trust us?",
        "@mediator what deal can you offer?",
        "@afghanistan hello",
        "@afghanistan …",
    ];
    for (i, ask) in asks.iter().enumerate() {
        let at = start + RATE_WINDOW * u32::try_from(i).unwrap();
        let sent = session.say(PK, Some("pakistan"), ask, at).unwrap();
        assert_eq!(sent.replies, 1, "{ask}");
        let reply = session.messages().last().unwrap().clone();
        let asked = session.messages()[session.messages().len() - 2].clone();
        let bot = match asked.to {
            Audience::Seat(seat) => seat,
            _ => Seat::Afghanistan,
        };
        assert_eq!(reply.from, Speaker::Seat(bot), "{ask}");
        // Asked privately, it answers privately; named at the table, at the table.
        let expected = match asked.to {
            Audience::Seat(_) => Audience::Seat(Seat::Pakistan),
            _ => Audience::Table,
        };
        assert_eq!(reply.to, expected, "{ask}");
        assert!(reply.text.len() > 20, "{}", reply.text);
        for secret in secrets(&session, bot) {
            assert!(
                !reply.text.contains(&secret),
                "{ask} → {} gives away {secret:?}",
                reply.text
            );
        }
    }
    let verification = &session.messages()[1].text;
    assert!(
        verification.starts_with("We need to see verification before we commit further."),
        "{verification}"
    );
    // The same game and words get the same answer: nothing is drawn at random.
    let mut again = table("istanbul", &[Seat::Pakistan], None);
    again.say(PK, None, asks[0], start).unwrap();
    assert_eq!(again.messages()[1].text, session.messages()[1].text);
    // A message that names no bot gets no answer.
    let sent = session.say(PK, None, "a word for the room", start + RATE_WINDOW * 20);
    assert_eq!(sent.unwrap().replies, 0);
}

#[test]
fn a_bot_spoken_to_says_what_it_did_once_it_has_moved() {
    let mut session = table("tutorial", &[Seat::Pakistan], None);
    session
        .say(PK, None, "@afghanistan your move will tell", Instant::now())
        .unwrap();
    let before = session.messages().len();
    // Pakistan passes until Afghanistan has moved.
    for _ in 0..10 {
        if session.messages().len() > before {
            break;
        }
        if let Some(seat) = session.human_to_act() {
            let first = session.game().legal_actions(seat)[0];
            let pass = ceasefire::engine::Action::Pass { seat };
            let action = if session.game().legal_actions(seat).contains(&pass) {
                pass
            } else {
                first
            };
            session.act(action).unwrap();
        }
        while session.play_bot().is_some() {}
    }
    let deeds = session.messages().last().unwrap();
    assert_eq!(deeds.from, Speaker::Seat(Seat::Afghanistan));
    assert_eq!(deeds.to, Audience::Seat(Seat::Pakistan));
    assert!(
        deeds
            .text
            .starts_with("You have our answer in deeds: Afghanistan "),
        "{}",
        deeds.text
    );
    assert_eq!(session.messages().len(), before + 1, "said once");
}

#[test]
fn a_muted_logins_messages_reach_no_one() {
    let mut session = table("tutorial", &Seat::ALL, None);
    let now = Instant::now();
    session.met_login("pakistan");
    session.set_muted("pakistan", true);
    let refused = session
        .say(PK, Some("pakistan"), "@afghanistan listen to me", now)
        .unwrap_err();
    assert!(refused.contains("muted"), "{refused}");
    assert!(
        session.messages().is_empty(),
        "nobody, the facilitator included"
    );
    // Another login of the table still speaks; unmuted, the first speaks again.
    let af = Speaker::Seat(Seat::Afghanistan);
    session.say(af, Some("afghanistan"), "fine", now).unwrap();
    session.set_muted("pakistan", false);
    session.say(PK, Some("pakistan"), "thanks", now).unwrap();
    assert_eq!(session.messages().len(), 2);
    assert_eq!(session.logins(), ["afghanistan", "pakistan"]);
}

#[test]
fn connections_on_one_login_are_numbered_apart_and_a_number_left_is_taken_again() {
    let mut session = table("tutorial", &Seat::ALL, None);
    let logins: Vec<String> = [1, 2, 3]
        .map(|conn| session.login_as(conn, "pakistan.2"))
        .to_vec();
    assert_eq!(logins, ["pakistan.2", "pakistan.2 #2", "pakistan.2 #3"]);
    assert_eq!(session.login_as(4, "afghanistan.2"), "afghanistan.2");
    // The second leaves: the next to come goes by the smallest number free.
    session.forget_login(2);
    assert_eq!(session.login_as(5, "pakistan.2"), "pakistan.2 #2");
    session.forget_login(1);
    assert_eq!(session.login_as(6, "pakistan.2"), "pakistan.2");
    // Every login seen stays on the facilitator's list, to be muted.
    assert_eq!(
        session.logins(),
        [
            "afghanistan.2",
            "pakistan.2",
            "pakistan.2 #2",
            "pakistan.2 #3"
        ]
    );
    // Rates are counted by login: the first's burst leaves the second free to speak.
    let now = Instant::now();
    for i in 0..5 {
        session
            .say(PK, Some("pakistan.2"), &format!("point {i}"), now)
            .unwrap();
    }
    assert!(session.say(PK, Some("pakistan.2"), "more", now).is_err());
    session.say(PK, Some("pakistan.2 #2"), "mine", now).unwrap();
}

#[test]
fn escapes_long_messages_and_bursts_are_refused_or_trimmed_with_a_word_why() {
    let mut session = table("tutorial", &Seat::ALL, None);
    let now = Instant::now();
    let sent = session
        .say(
            PK,
            Some("pakistan"),
            "\u{1b}[2J\u{1b}[H\u{1b}]0;pwned\u{7}hi",
            now,
        )
        .unwrap();
    assert!(sent.notes[0].contains("^X"), "{:?}", sent.notes);
    let text = &session.messages()[0].text;
    assert_eq!(text, "^[[2J^[[H^[]0;pwned^Ghi");
    let sent = session
        .say(PK, Some("pakistan"), &"x".repeat(10_000), now)
        .unwrap();
    assert!(sent.notes[0].contains("trimmed to 300"), "{:?}", sent.notes);
    assert_eq!(session.messages()[1].text.chars().count(), 300);
    // A burst: the first few of a second go out, the rest are refused with a word why.
    let outcomes: Vec<Result<_, String>> = (0..100)
        .map(|i| {
            session.say(
                Speaker::Seat(Seat::Afghanistan),
                Some("afghanistan"),
                &format!("burst {i}"),
                now,
            )
        })
        .collect();
    let sent = outcomes.iter().filter(|o| o.is_ok()).count();
    assert_eq!(sent, RATE_COUNT);
    let why = outcomes.last().unwrap().as_ref().unwrap_err();
    assert!(
        why.starts_with("Slow down: at most 5 messages in 10 seconds"),
        "{why}"
    );
    assert_eq!(session.messages().len(), 2 + RATE_COUNT);
    // Once the window has passed, the same login speaks again; another login was never held.
    let later = now + RATE_WINDOW + Duration::from_millis(1);
    session
        .say(
            Speaker::Seat(Seat::Afghanistan),
            Some("afghanistan"),
            "again",
            later,
        )
        .unwrap();
}

#[test]
fn messages_are_saved_with_their_round_and_action_under_the_digest_and_replayed() {
    let dir = tempfile::tempdir().unwrap();
    let mut session = table("tutorial", &Seat::ALL, Some(dir.path()));
    let now = Instant::now();
    session.say(PK, None, "before any move", now).unwrap();
    let seat = session.human_to_act().unwrap();
    session
        .act(ceasefire::engine::Action::Pass { seat })
        .unwrap();
    session
        .say(
            Speaker::Seat(Seat::Mediator),
            None,
            "@afghanistan after one",
            now,
        )
        .unwrap();
    let path = session.save().unwrap();
    let loaded = ceasefire::save::load(&path).unwrap();
    let said: Vec<(u8, usize, &str)> = loaded
        .file
        .messages
        .iter()
        .map(|m| (m.round, m.action, m.text.as_str()))
        .collect();
    assert_eq!(said, [(1, 0, "before any move"), (1, 1, "after one")]);
    // Resumed, the talk is there; replayed to the start, only what was said by then.
    let resumed = Session::resume(loaded.clone(), &path).unwrap();
    assert_eq!(resumed.messages(), session.messages());
    let start = ceasefire::engine::Game::new(loaded.game.scenario().clone(), loaded.game.seed());
    let replayed = Session::replayed(&loaded.file, start, 0);
    assert_eq!(replayed.messages().len(), 1);
    // An edited message breaks the seal.
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replace("after one", "after two")).unwrap();
    let refused = ceasefire::save::load(&path).unwrap_err().to_string();
    assert!(refused.contains("do not match its digest"), "{refused}");
}

#[test]
fn a_game_nobody_spoke_in_writes_no_messages_field() {
    let dir = tempfile::tempdir().unwrap();
    let session = table("tutorial", &Seat::ALL, Some(dir.path()));
    let path = session.save().unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(!text.contains("\"messages\""), "{text}");
    let message: Message = serde_json::from_str(
        r#"{"round":2,"action":5,"from":"mediator","to":"pakistan","text":"x"}"#,
    )
    .unwrap();
    assert_eq!(message.to, Audience::Seat(Seat::Pakistan));
}

/// A finished istanbul game of `easy` bots in which a commitment broke: the game, and the
/// commitment's pledging seat, the round it was made and the round it broke.
fn a_broken_pledge() -> (ceasefire::engine::Game, Seat, u8, u8) {
    use ceasefire::engine::{Game, LogEvent};
    let scenario = Arc::new(
        ScenarioSource::builtin("istanbul")
            .unwrap()
            .build()
            .unwrap(),
    );
    for seed in 0..200 {
        let mut bots = ceasefire::sim::seat_bots(&[Policy::Easy; 3], seed);
        let mut game = Game::new(scenario.clone(), seed);
        while let Some((seat, _)) = game.to_act() {
            let legal = game.legal_actions(seat);
            let choice = bots[seat.index()].choose(&game.view(seat), &legal);
            game.apply(choice.action).unwrap();
        }
        let made = |id| {
            game.log().iter().find_map(|e| match e.event {
                LogEvent::CommitmentMade { id: made, by, .. } if made == id => Some((by, e.round)),
                _ => None,
            })
        };
        let broken = game.log().iter().find_map(|e| match e.event {
            LogEvent::CommitmentBroken { id, .. } => made(id).map(|(by, at)| (by, at, e.round)),
            _ => None,
        });
        if let Some((by, made, broke)) = broken.filter(|(_, made, broke)| made != broke) {
            return (game, by, made, broke);
        }
    }
    panic!("no seed broke a pledge");
}

#[test]
fn the_report_gives_the_talk_in_order_and_the_words_beside_each_broken_pledge() {
    let (game, by, made, broke) = a_broken_pledge();
    let other = by.rival().unwrap();
    let source = ScenarioSource::builtin("istanbul").unwrap();
    let seats = ["easy", "easy", "easy"].map(String::from);
    let mut file = ceasefire::save::SaveFile::of(&game, &source, seats, Vec::new(), 0);
    let said = |round, from, to, text: &str| Message {
        round,
        action: 0,
        from,
        login: Some("someone.1".into()),
        to,
        text: text.into(),
    };
    file.messages = vec![
        said(
            made,
            Speaker::Seat(by),
            Audience::Seat(other),
            "you can count on us",
        ),
        said(
            made,
            Speaker::Seat(Seat::Mediator),
            Audience::Seat(by),
            "mediators aside",
        ),
        said(
            made,
            Speaker::Facilitator,
            Audience::Table,
            "ten minutes left",
        ),
        said(
            broke,
            Speaker::Seat(other),
            Audience::Table,
            "you broke your word",
        ),
    ];
    let report = ceasefire::report::report("table-1", &file, &game);
    let markdown = ceasefire::report::to_markdown(&ceasefire::report::Bundle {
        reports: vec![report.clone()],
        comparisons: Vec::new(),
    });
    let talk = markdown.split("## Table talk").nth(1).unwrap();
    let talk = talk.split("## Reflections").next().unwrap();
    let (by_name, other_name) = (by.to_string(), other.to_string());
    let private = format!(
        "- round {made}: {by_name} [someone.1] → {other_name} (private): you can count on us"
    );
    assert!(talk.contains(&private), "{talk}");
    assert!(
        talk.contains(&format!(
            "- round {made}: Facilitator [someone.1]: ten minutes left"
        )),
        "{talk}"
    );
    // Beside the broken pledge: the two delegations' words, not the mediators' nor the
    // facilitator's.
    let deeds = talk.split("### Words and deeds").nth(1).unwrap();
    assert!(
        deeds.contains(&format!("broken in round {broke}")),
        "{deeds}"
    );
    assert!(
        deeds.contains("as it was made") && deeds.contains("you can count on us"),
        "{deeds}"
    );
    assert!(
        deeds.contains("as it broke") && deeds.contains("you broke your word"),
        "{deeds}"
    );
    assert!(
        !deeds.contains("mediators aside") && !deeds.contains("ten minutes"),
        "{deeds}"
    );
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["talk"].as_array().unwrap().len(), 4);
}

#[test]
fn a_table_keeps_at_most_so_many_messages() {
    let mut session = table("tutorial", &Seat::ALL, None);
    let start = Instant::now();
    let mut refused = None;
    for i in 0..=ceasefire::table::MAX_MESSAGES {
        // Spread over time and seats, so the rate allows every one.
        let at = start + RATE_WINDOW * u32::try_from(i / RATE_COUNT).unwrap();
        if let Err(why) = session.say(PK, None, &format!("{i}"), at) {
            refused = Some((i, why));
            break;
        }
    }
    let (at, why) = refused.expect("the table fills up");
    assert_eq!(at, ceasefire::table::MAX_MESSAGES);
    assert!(why.contains("the most it holds"), "{why}");
}
