//! The after-action report: what a facilitator projects or hands out after a game, as
//! Markdown or as data (JSON), the table talk included (`talk`). Built from a save alone, so the same save always gives the same
//! report; several saves of one scenario and seed add a comparison of where they diverged.
//! Never: read the clock or anything outside the saves it is given.

mod comparison;
mod ending;
mod markdown;
mod milestones;
mod talk;

pub use comparison::{
    ComparisonSection, ItemSection, Moment, comparison, illustrated, where_shown,
};
pub use ending::{explain as explain_ending, why_it_ended};
pub use markdown::to_markdown;
pub use talk::TalkLine;

use crate::engine::{EventId, Game, LogEvent, Meter, Meters, Outcome, Seat, TableId, Viewer};
use crate::save::SaveFile;
use serde::Serialize;
use std::collections::{BTreeMap, VecDeque};

impl Report {
    /// What the game's scenario calls `meter`.
    pub fn meter_name(&self, meter: Meter) -> String {
        self.meter_names
            .get(meter.index())
            .cloned()
            .unwrap_or_else(|| meter.to_string())
    }
}

/// One game's report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    /// The save's file name (how the room knows the table).
    pub name: String,
    /// The scenario's title.
    pub title: String,
    /// The scenario's short name.
    pub scenario: String,
    /// The seed.
    pub seed: u64,
    /// Actions in the game.
    pub actions: usize,
    /// The round reached.
    pub round: u8,
    /// The outcome, when the game ended.
    pub outcome: Option<OutcomeSection>,
    /// Why it ended this way: the decisive conditions, one line each (empty, and left out of
    /// the JSON, while the game goes on).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub why: Vec<String>,
    /// The game beside the real talks, factor by factor and remedy by remedy, when the
    /// scenario draws that comparison (left out of the JSON when it does not).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comparison: Option<ComparisonSection>,
    /// Every seat: who played it, its objective and score. In seat order (Pakistan,
    /// Afghanistan, the mediators), so a seat's key finds its section by index.
    pub seats: Vec<SeatSection>,
    /// The meters at the start and at the end of every round.
    pub meters: Vec<MeterRow>,
    /// What the scenario calls each meter, in [`Meter::ALL`]'s order (the JSON names meters
    /// by their keys).
    #[serde(skip)]
    pub meter_names: Vec<String>,
    /// Every commitment made, and what became of it.
    pub commitments: Vec<CommitmentRow>,
    /// The event each round opened with, in order ("Round 2: A calm week — Trust +2.").
    pub events: Vec<String>,
    /// What the seats decided, round by round: cards played, pledges made and verified,
    /// demands and their answers, event choices, consent to monitors, postures, the accord
    /// and its votes.
    pub decisions: Vec<String>,
    /// The moments that turned the game.
    pub turning_points: Vec<String>,
    /// Events the facilitator injected, as the log tells them.
    pub injects: Vec<String>,
    /// The bots' reasons for their moves.
    pub bot_reasons: Vec<MoveNote>,
    /// The moves the decision clock made when a person's time ran out.
    pub clock_moves: Vec<MoveNote>,
    /// What was said at the table, in order, private messages included and marked. Left
    /// out of the JSON when nobody spoke.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub talk: Vec<TalkLine>,
    /// What the people wrote after the game (skipped prompts left out).
    pub reflections: Vec<crate::save::Reflection>,
    /// The scenario's discussion questions.
    pub questions: Vec<String>,
    /// What this report prints that the save's digest did not verify (a version-1 save's
    /// digest covers the game only; see [`crate::save::LEGACY_UNVERIFIED`]). Empty, and left
    /// out of the JSON, when the digest covers it all.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub unverified: Vec<String>,
    /// The parties that held no seat, and how strong they ended. Empty, and left out of the
    /// JSON, in a scenario without actors.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub actors: Vec<ActorSection>,
}

/// One actor in the report: who they are, how strong they started and ended, how often
/// they acted.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActorSection {
    /// The actor's name.
    pub name: String,
    /// Who they are, as the scenario tells players.
    pub about: String,
    /// Strength at the start.
    pub start: u8,
    /// Strength at the end (or now).
    pub end: u8,
    /// How many times they acted.
    pub acted: usize,
}

/// Each actor of the game, with its strength at the start and now and how often it acted.
fn actor_sections(game: &Game) -> Vec<ActorSection> {
    let scenario = game.scenario();
    scenario
        .actors
        .iter()
        .zip(game.actor_strengths())
        .enumerate()
        .map(|(index, (actor, &end))| ActorSection {
            name: actor.name.clone(),
            about: actor.about.clone(),
            start: actor.strength,
            end,
            acted: game
                .log()
                .iter()
                .filter(|e| {
                    matches!(e.event, crate::engine::LogEvent::ActorActed { actor, .. }
                        if usize::from(actor) == index)
                })
                .count(),
        })
        .collect()
}

/// How the game ended and why.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OutcomeSection {
    /// `durable_peace`, `fragile_accord`, `fragile_pause`, `relapse` or `breakdown`.
    pub kind: String,
    /// In words ("Breakdown: Afghan walkout").
    pub text: String,
    /// Why.
    pub explanation: String,
}

/// One seat in the report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SeatSection {
    /// The seat.
    pub seat: String,
    /// Who played it (`human`, `hard`, …).
    pub played_by: String,
    /// Its secret objective's name.
    pub objective: String,
    /// What the objective asked.
    pub objective_text: String,
    /// Whether it was met (`None` while the game goes on).
    pub objective_met: Option<bool>,
    /// The final score (`None` while the game goes on).
    pub score: Option<i16>,
    /// The seat's confidential brief, if the scenario gives one.
    pub brief: Option<crate::engine::Brief>,
    /// The seat's engine-checked red lines the game crossed, in brief order.
    pub red_lines_crossed: Vec<CrossedLine>,
    /// The reflection prompts asked of this seat alone (`[reflection_by_seat]`), after those
    /// asked of everyone.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub own_reflection: Vec<String>,
}

/// A red line the game crossed, for the report.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CrossedLine {
    /// The brief's words.
    pub text: String,
    /// The rule's name (`accord_without_verification`, …).
    pub rule: String,
    /// What crossed it, in words.
    pub what: String,
    /// The round in which it was first crossed.
    pub round: u8,
    /// The points it cost the seat.
    pub cost: u8,
}

/// The meters at one point of the game.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MeterRow {
    /// `start`, or `end of round N`.
    pub when: String,
    /// Every meter, by its file name.
    pub values: BTreeMap<String, u8>,
}

/// A commitment and its fate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CommitmentRow {
    /// Table id.
    pub id: TableId,
    /// The round it was made.
    pub round: u8,
    /// The pledging delegation.
    pub by: String,
    /// Its basket.
    pub basket: String,
    /// Credibility when made.
    pub credibility: u8,
    /// Highest credibility after verification, if verified.
    pub verified_to: Option<u8>,
    /// `honoured`, `broken in round N`, or `standing`; for a phased commitment, with its
    /// milestones (`broken in round 6, at milestone 3 of 4 (2 passed, their credit kept)`).
    pub fate: String,
    /// The round it broke in, if it broke.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub broken_in: Option<u8>,
    /// What its two delegations said to each other (to the table, or privately) in the round
    /// it was made and the round it broke: the words beside the deed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<TalkLine>,
}

/// Why a move that no person chose was made: a bot's reason, or the clock running out.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MoveNote {
    /// Index of the action.
    pub action: usize,
    /// The round it was made in.
    pub round: u8,
    /// The seat that moved.
    pub seat: String,
    /// Why.
    pub reason: String,
}

/// Where two games of the same scenario and seed parted ways.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Divergence {
    /// The two games' names.
    pub games: [String; 2],
    /// Index of the first action that differs (`None`: one game is a prefix of the other).
    pub first_different_action: Option<usize>,
    /// The round in which it happened.
    pub round: Option<u8>,
    /// What each game did there.
    pub choices: [String; 2],
    /// Each game's outcome.
    pub outcomes: [String; 2],
}

/// Reports of several games, with comparisons of those that share a scenario and seed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bundle {
    /// One report per save, in the order given.
    pub reports: Vec<Report>,
    /// Each pair of saves with the same scenario and seed.
    pub comparisons: Vec<Divergence>,
}

/// Every seat's crossed red lines, by seat index, with the brief's words.
pub fn crossed_lines(game: &Game) -> [Vec<CrossedLine>; 3] {
    let view = game.view(Viewer::Facilitator);
    let mut out: [Vec<CrossedLine>; 3] = Default::default();
    for crossing in game.red_lines_crossed() {
        let brief = view.briefs[crossing.seat.index()].as_deref();
        let text = brief
            .and_then(|b| b.red_lines.get(crossing.line))
            .map_or(String::new(), |l| l.text.clone());
        out[crossing.seat.index()].push(CrossedLine {
            text,
            rule: crossing.rule.name().to_string(),
            what: crossing.rule.describe(game.scenario()),
            round: crossing.round,
            cost: crossing.cost,
        });
    }
    out
}

/// Builds a game's report from its save and the replayed game.
pub fn report(name: &str, file: &SaveFile, game: &Game) -> Report {
    let view = game.view(Viewer::Facilitator);
    let scenario = game.scenario();
    let scores = game.scores();
    let crossed = crossed_lines(game);
    let seats = Seat::ALL
        .iter()
        .map(|&seat| {
            let objective =
                view.objectives[seat.index()].map(|o| &scenario.objectives[usize::from(o)]);
            let score = scores.as_ref().map(|s| &s[seat.index()]);
            SeatSection {
                seat: scenario.seat_name(seat).to_string(),
                played_by: file.seats[seat.index()].clone(),
                objective: objective.map_or(String::new(), |o| o.name.clone()),
                objective_text: objective.map_or(String::new(), |o| o.text.clone()),
                objective_met: score.map(|s| s.objective_met),
                score: score.map(|s| s.total),
                brief: view.briefs[seat.index()].as_deref().cloned(),
                red_lines_crossed: crossed[seat.index()].clone(),
                own_reflection: scenario.reflection_by_seat[seat.index()].clone(),
            }
        })
        .collect();
    Report {
        meter_names: Meter::ALL
            .iter()
            .map(|&meter| scenario.meter_name(meter).into_owned())
            .collect(),
        name: name.to_string(),
        title: scenario.title.clone(),
        scenario: scenario.name.clone(),
        seed: game.seed(),
        actions: game.actions().len(),
        round: game.round(),
        outcome: game.outcome().map(|o: Outcome| OutcomeSection {
            kind: o.kind().key().to_string(),
            text: o.to_string(),
            explanation: o.explanation_for(scenario),
        }),
        why: why_it_ended(game),
        comparison: comparison(game),
        seats,
        meters: meter_rows(&view.meter_history, view.meters),
        commitments: {
            let mut rows = commitments(game);
            talk::words_beside_deeds(scenario, &file.messages, &mut rows);
            rows
        },
        events: round_events(game),
        decisions: decisions(game),
        turning_points: turning_points(game),
        injects: injects(game),
        bot_reasons: move_notes(file, game, false),
        clock_moves: move_notes(file, game, true),
        talk: talk::talk_lines(scenario, &file.messages),
        reflections: file
            .reflections
            .iter()
            .filter(|r| !r.answer.is_empty())
            .cloned()
            .collect(),
        questions: scenario.questions.clone(),
        unverified: file.unverified().iter().map(|s| s.to_string()).collect(),
        actors: actor_sections(game),
    }
}

/// The save's notes on moves the bots made, or those the decision clock made.
fn move_notes(file: &SaveFile, game: &Game, by_clock: bool) -> Vec<MoveNote> {
    let rounds = rounds_of_actions(game);
    file.notes
        .iter()
        .filter(|note| note.by_clock == by_clock)
        .filter_map(|note| {
            let action = file.actions.get(note.action)?;
            Some(MoveNote {
                action: note.action,
                round: *rounds.get(note.action)?,
                seat: game.scenario().seat_name(action.seat()).to_string(),
                reason: note.text.clone(),
            })
        })
        .collect()
}

fn meter_rows(history: &[Meters], now: Meters) -> Vec<MeterRow> {
    let mut points = history.to_vec();
    if points.last() != Some(&now) {
        points.push(now);
    }
    points
        .iter()
        .enumerate()
        .map(|(i, meters)| MeterRow {
            when: if i == 0 {
                "start".to_string()
            } else {
                format!("end of round {i}")
            },
            values: Meter::ALL
                .iter()
                .map(|m| (m.key().to_string(), meters.get(*m)))
                .collect(),
        })
        .collect()
}

/// The round in which each of the game's actions was made, from one replay.
fn rounds_of_actions(game: &Game) -> Vec<u8> {
    let mut replay = Game::new(game.scenario().clone(), game.seed());
    let mut rounds = Vec::with_capacity(game.actions().len());
    for action in game.actions() {
        rounds.push(replay.round());
        if replay.apply(*action).is_err() {
            break;
        }
    }
    rounds
}

fn commitments(game: &Game) -> Vec<CommitmentRow> {
    let mut rows: Vec<CommitmentRow> = Vec::new();
    for entry in game.log() {
        match entry.event {
            LogEvent::CommitmentMade {
                id,
                by,
                basket,
                credibility,
            } => rows.push(CommitmentRow {
                id,
                round: entry.round,
                by: game.scenario().seat_name(by).to_string(),
                basket: basket.to_string(),
                credibility,
                verified_to: None,
                fate: "standing".to_string(),
                broken_in: None,
                words: Vec::new(),
            }),
            LogEvent::DemandBridged { commitment, .. } => {
                if let Some(row) = rows.iter_mut().rev().find(|r| r.id == commitment) {
                    row.by = format!("{} (bridged by the mediators)", row.by);
                }
            }
            LogEvent::CommitmentVerified { id, credibility } => {
                if let Some(row) = rows.iter_mut().rev().find(|r| r.id == id) {
                    row.verified_to = Some(credibility);
                }
            }
            LogEvent::CommitmentBroken { id, .. } => {
                if let Some(row) = rows.iter_mut().rev().find(|r| r.id == id) {
                    row.fate = format!("broken in round {}", entry.round);
                    row.broken_in = Some(entry.round);
                }
            }
            LogEvent::CommitmentHonoured { id, .. } => {
                if let Some(row) = rows.iter_mut().rev().find(|r| r.id == id) {
                    row.fate = format!("honoured in round {}", entry.round);
                }
            }
            LogEvent::CommitmentKept { id, .. } => {
                if let Some(row) = rows.iter_mut().rev().find(|r| r.id == id) {
                    row.fate = format!("honoured in round {}, kept for the accord", entry.round);
                }
            }
            _ => {}
        }
    }
    let fates = milestones::milestone_fates(game);
    for row in &mut rows {
        if let Some(milestones) = fates.get(&row.id) {
            row.fate.push_str(milestones);
        }
    }
    rows
}

/// The seats' decisions in the order they were made, each as the log tells it, with the
/// factors and remedies of the scenario's comparison it illustrates in brackets.
fn decisions(game: &Game) -> Vec<String> {
    let scenario = game.scenario();
    game.log()
        .iter()
        .filter(|entry| {
            matches!(
                entry.event,
                LogEvent::EventChosen { .. }
                    | LogEvent::CardPlayed { .. }
                    | LogEvent::CommitmentMade { .. }
                    | LogEvent::CommitmentVerified { .. }
                    | LogEvent::DemandTabled { .. }
                    | LogEvent::DemandMet { .. }
                    | LogEvent::DemandCountered { .. }
                    | LogEvent::DemandRejected { .. }
                    | LogEvent::DemandBridged { .. }
                    | LogEvent::MonitorsDeployed { .. }
                    | LogEvent::MonitoringSet { .. }
                    | LogEvent::PostureTaken { .. }
                    | LogEvent::AccordTabled
                    | LogEvent::AccordVote { .. }
            )
        })
        .map(|entry| {
            let said = format!("Round {}: {}", entry.round, entry.describe(scenario));
            let shows: Vec<&str> = illustrated(scenario, entry)
                .into_iter()
                .map(|item| item.name.as_str())
                .collect();
            if shows.is_empty() {
                said
            } else {
                format!("{said} [{}]", shows.join("; "))
            }
        })
        .collect()
}

/// The event revealed at the start of each round, with what it did.
fn round_events(game: &Game) -> Vec<String> {
    let events = &game.scenario().events;
    game.log()
        .iter()
        .filter_map(|entry| match entry.event {
            LogEvent::EventRevealed { event } => {
                let card = &events[usize::from(event)];
                Some(format!(
                    "Round {}: {} — {}",
                    entry.round, card.name, card.text
                ))
            }
            _ => None,
        })
        .collect()
}

/// Each event the facilitator injected, once: when it was sent, when it came up (or that the
/// game ended first) and what it said.
fn injects(game: &Game) -> Vec<String> {
    let events = &game.scenario().events;
    let mut waiting: VecDeque<(u8, EventId)> = VecDeque::new();
    let mut told = Vec::new();
    for entry in game.log() {
        match entry.event {
            LogEvent::InjectQueued { event } => waiting.push_back((entry.round, event)),
            LogEvent::Injected { event } => {
                let sent = waiting.pop_front().map_or(entry.round, |(round, _)| round);
                let card = &events[usize::from(event)];
                told.push(format!(
                    "INJECT \"{}\" — sent in round {sent}, came up in round {}: {}",
                    card.name, entry.round, card.text
                ));
            }
            _ => {}
        }
    }
    let why = if game.outcome().is_some() {
        "the game ended before it came up"
    } else {
        "it has not come up yet"
    };
    told.extend(waiting.into_iter().map(|(sent, event)| {
        format!(
            "INJECT \"{}\" — sent in round {sent}; {why}.",
            events[usize::from(event)].name
        )
    }));
    told
}

/// The largest swings of single rounds, broken commitments, rejected demands, refused
/// accords and runs of rounds without progress, in the order they happened; then how the
/// game ended.
pub fn turning_points(game: &Game) -> Vec<String> {
    let mut swings: BTreeMap<(u8, Meter), i32> = BTreeMap::new();
    let mut events = Vec::new();
    let mut stalled: Vec<u8> = Vec::new();
    for entry in game.log() {
        let round = entry.round;
        match entry.event {
            LogEvent::Stalled => stalled.push(round),
            LogEvent::MeterChanged { meter, delta, .. } => {
                *swings.entry((round, meter)).or_default() += i32::from(delta);
            }
            LogEvent::CommitmentBroken { id, by, basket } => events.push((
                round,
                format!(
                    "Round {round}: {}'s pledge #{id} in {basket} broke.",
                    game.scenario().seat_name(by)
                ),
            )),
            LogEvent::AccordRefused => events.push((
                round,
                format!("Round {round}: the tabled accord was refused."),
            )),
            LogEvent::DemandRejected { id, by } => events.push((
                round,
                format!(
                    "Round {round}: {} rejected demand #{id}.",
                    game.scenario().seat_name(by)
                ),
            )),
            _ => {}
        }
    }
    let weight =
        |meter: Meter, delta: i32| delta.abs() * if meter == Meter::Escalation { 10 } else { 1 };
    let mut ranked: Vec<((u8, Meter), i32)> = swings
        .into_iter()
        .filter(|((_, meter), delta)| weight(*meter, *delta) >= 10)
        .collect();
    ranked
        .sort_by_key(|((round, meter), delta)| (std::cmp::Reverse(weight(*meter, *delta)), *round));
    for ((round, meter), delta) in ranked.into_iter().take(3) {
        events.push((
            round,
            format!(
                "Round {round}: {} moved {delta:+} in a single round.",
                game.scenario().meter_name(meter)
            ),
        ));
    }
    // Mediation fatigue works slowly: a run of rounds without progress is one turning point.
    let credibility = game.scenario().rules.stall_credibility;
    for run in runs(&stalled) {
        let text = match run {
            (first, last) if first == last => format!(
                "Round {first}: no progress; mediation fatigue cost the mediators \
                 {credibility} Credibility."
            ),
            (first, last) => format!(
                "Rounds {first}–{last}: no progress; mediation fatigue cost the mediators \
                 {credibility} Credibility each round."
            ),
        };
        events.push((run.0, text));
    }
    events.sort_by_key(|(round, _)| *round);
    let mut points: Vec<String> = events.into_iter().map(|(_, text)| text).take(11).collect();
    if let Some(outcome) = game.outcome() {
        points.push(format!(
            "Round {}: the talks ended: {outcome}. {}",
            game.round(),
            outcome.explanation_for(game.scenario())
        ));
    }
    points
}

/// A name in quotes ("\"Harvest season\""), unless it holds quotes of its own.
fn quoted(name: &str) -> String {
    if name.contains('"') {
        name.to_string()
    } else {
        format!("\"{name}\"")
    }
}

/// Consecutive rounds in `rounds` (sorted), as (first, last) runs.
fn runs(rounds: &[u8]) -> Vec<(u8, u8)> {
    let mut out: Vec<(u8, u8)> = Vec::new();
    for &round in rounds {
        match out.last_mut() {
            Some((_, last)) if *last + 1 == round => *last = round,
            Some((_, last)) if *last == round => {}
            _ => out.push((round, round)),
        }
    }
    out
}

/// Where two games of the same scenario and seed diverged.
pub fn compare(a: (&str, &Game), b: (&str, &Game)) -> Divergence {
    let (actions_a, actions_b) = (a.1.actions(), b.1.actions());
    let first = actions_a
        .iter()
        .zip(actions_b)
        .position(|(x, y)| x != y)
        .or_else(|| {
            (actions_a.len() != actions_b.len()).then(|| actions_a.len().min(actions_b.len()))
        });
    let describe = |game: &Game, index: Option<usize>| {
        let Some(action) = index.and_then(|i| game.actions().get(i)) else {
            return if game.outcome().is_some() {
                "(the game had ended)".to_string()
            } else {
                "(no move yet)".to_string()
            };
        };
        let before = Game::replay(
            game.scenario().clone(),
            game.seed(),
            &game.actions()[..index.unwrap_or(0)],
        );
        match before {
            Ok(before) => format!(
                "{}: {}",
                crate::engine::words::actor(game.scenario(), action),
                crate::engine::words::action_in(&before, action)
            ),
            Err(_) => format!("{action:?}"),
        }
    };
    let round = first.and_then(|i| {
        Game::replay(
            a.1.scenario().clone(),
            a.1.seed(),
            &actions_a[..i.min(actions_a.len())],
        )
        .ok()
        .map(|g| g.round())
    });
    let outcome = |game: &Game| {
        game.outcome().map_or_else(
            || format!("in progress, round {}", game.round()),
            |o| o.to_string(),
        )
    };
    Divergence {
        games: [a.0.to_string(), b.0.to_string()],
        first_different_action: first,
        round,
        choices: [describe(a.1, first), describe(b.1, first)],
        outcomes: [outcome(a.1), outcome(b.1)],
    }
}

/// Reports on several saves, comparing every pair that shares a scenario and a seed.
pub fn bundle(games: &[(String, SaveFile, Game)]) -> Bundle {
    let reports = games
        .iter()
        .map(|(name, file, game)| report(name, file, game))
        .collect();
    // Tables compare when they played the same game: scenario, seed, and who played each seat
    // (a person or the same bot); a rematch with the seats rotated is a different game.
    let mut comparisons = Vec::new();
    for (i, (name_a, file_a, a)) in games.iter().enumerate() {
        for (name_b, file_b, b) in &games[i + 1..] {
            if a.scenario().name == b.scenario().name
                && a.seed() == b.seed()
                && file_a.seats == file_b.seats
            {
                comparisons.push(compare((name_a, a), (name_b, b)));
            }
        }
    }
    Bundle {
        reports,
        comparisons,
    }
}
