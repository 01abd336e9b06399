//! Turning parsed TOML files into an engine [`Scenario`], checking everything the types alone
//! cannot: cross-field rules, duplicate ids, references between files.

mod actors;
mod briefs;
mod cards;
mod comparison;
mod conditions;
mod ctx;
mod events;
mod home;
mod ids;
mod main_file;
mod milestones;
mod monitors;
mod names;
mod placement;
mod quotes;
mod settings;
mod texts;

use super::ScenarioSource;
use super::error::{Problems, ScenarioError, closest, hint_for_toml_message, unknown_and_expected};
use super::raw::{self, Ranged, ScenarioFile};
use crate::engine::{
    Basket, Card, CardId, CardKind, Condition, Effects, EventCard, EventChoice, EventId,
    EventOption, Hint, Meter, MeterBounds, MeterTarget, Meters, Objective, Requirements, Rules,
    Scenario, Scoring, Seat,
};
use crate::scenario::limits::{MAX_CARDS_PER_DECK, MAX_EVENTS, MAX_OBJECTIVES, MAX_SPOT_EVENTS};
use actors::*;
use briefs::*;
use cards::*;
use comparison::{Known, build_comparison};
use conditions::*;
use ctx::*;
use events::*;
use home::*;
use ids::*;
use main_file::*;
use milestones::*;
use monitors::*;
use names::*;
use placement::misplaced_key_hint;
use quotes::quote_mistake;
use serde::Deserialize as _;
use serde::de::DeserializeOwned;
use settings::*;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::ops::Range;
use texts::*;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

/// Default Trust thresholds per basket (security, verification, sovereignty, humanitarian).
pub(super) const DEFAULT_THRESHOLDS: [u8; 4] = [35, 40, 30, 20];
/// Default duration of a commitment, in round-end tests.
pub(super) const DEFAULT_DURATION: u8 = 2;
/// Default Sovereignty cost of intrusive monitors without consent.
pub(super) const DEFAULT_SOVEREIGNTY_COST: u8 = 10;

/// The cards, events and objectives read from the files `[decks]` names.
#[derive(Default)]
struct Decks<'a> {
    pub(super) cards: Vec<Card>,
    pub(super) events: Vec<EventCard>,
    pub(super) objectives: Vec<Objective>,
    pub(super) ids: IdRegistry<'a>,
    /// Whether every card (event) could be read: if not, a reference to an unknown id may
    /// only point into what could not be read, so it is not reported on its own.
    pub(super) all_cards_read: bool,
    pub(super) all_events_read: bool,
    /// Every flag and actor, with where each is used.
    pub(super) refs: Refs<'a>,
}

/// Builds and validates a scenario from its source files. Problems in separate items (cards,
/// events, objectives, references) are all reported together; a file that is not valid TOML
/// stops only the checks of that file, and a bad item only its own.
/// Checks the guided tutorial's steps file when the folder has one (see
/// [`super::steps`]): it must read, and every seat needs a step.
fn check_tutorial_steps(source: &ScenarioSource, problems: &mut Problems) {
    use super::steps::StepsFile;
    if !source.files.contains_key(super::TUTORIAL_STEPS) {
        return;
    }
    let Some(ctx) = problems.check(source.ctx(super::TUTORIAL_STEPS)) else {
        return;
    };
    match toml::from_str::<StepsFile>(ctx.text) {
        Err(e) => problems.push(ctx.toml_error(&e)),
        Ok(file) => {
            if let Some(seat) = file.seat_without_steps() {
                problems.push(ctx.error(
                    0..0,
                    format!("{seat} has no tutorial steps"),
                    &format!(
                        "add a [[steps]] with seat = \"{}\" (every seat's tutorial needs one)",
                        seat.key()
                    ),
                ));
            }
        }
    }
}

pub(super) fn build(source: &ScenarioSource) -> Result<Scenario, ScenarioError> {
    let main = source.ctx("scenario.toml")?;
    let mut problems = Problems::default();
    let (mut file, deck_names) = read_main(&main, &mut problems);
    let mut refs = Refs::default();
    let actors = build_actors(
        &main,
        std::mem::take(&mut file.actors),
        &mut refs,
        &mut problems,
    );
    let seat_order = problems.check(seat_order(&main, &file)).unwrap_or_default();
    let seat_rules = seat_rules(&main, &file.rules, &mut problems);
    let (names, voices) = build_names(&main, file.names, &mut problems);
    let reflection_by_seat = reflection_by_seat(
        &main,
        file.reflection_by_seat,
        &file.reflection,
        &mut problems,
    );
    let briefs = [
        file.briefs.pakistan,
        file.briefs.afghanistan,
        file.briefs.mediator,
    ]
    .map(|brief| {
        let brief = problems.check(build_brief(&main, brief?))?;
        Some(std::sync::Arc::new(brief))
    });
    let Decks {
        cards,
        events,
        objectives,
        ids,
        all_cards_read,
        all_events_read,
        refs,
    } = read_decks(source, &main, &deck_names, &voices, refs, &mut problems);
    check_unused(&main, &actors, &refs.actors, &mut problems);
    check_tutorial_steps(source, &mut problems);

    // A reference to an item that is itself broken was reported with that item already.
    // Items by id, so each reference is looked up at once (validation stays linear).
    let event_index: HashMap<&str, usize> = events
        .iter()
        .enumerate()
        .map(|(i, e)| (e.id.as_str(), i))
        .collect();
    let card_index: HashMap<&str, usize> = cards
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();
    let mut opening_events = Vec::new();
    let mut opening: HashSet<usize> = HashSet::new();
    for id in &file.opening_events {
        match event_index.get(id.get_ref().as_str()).copied() {
            Some(i) if events[i].inject => problems.push(main.error(
                id.span(),
                format!(
                    "`{}` is on the inject list: it cannot open the game",
                    id.get_ref()
                ),
                "remove `inject = true` from the event, or leave it out of opening_events",
            )),
            Some(i) if opening.contains(&i) => problems.push(main.error(
                id.span(),
                format!("`{}` is in opening_events twice", id.get_ref()),
                "each event card is in the deck once: list it once",
            )),
            Some(i) => {
                opening.insert(i);
                opening_events.push(EventId(i as u16));
            }
            None => match ids.kind_of(id.get_ref()) {
                // A broken event was reported with the event itself.
                Some("event") => {}
                Some(kind) => problems.push(wrong_kind(&main, id, kind, "event")),
                None if !all_events_read => {}
                None => problems.push_with(|| {
                    unknown_reference(&main, id, "event", events.iter().map(|e| e.id.clone()))
                }),
            },
        }
    }
    let mut hints = Vec::new();
    for hint in &file.hints {
        match card_index.get(hint.card.get_ref().as_str()).copied() {
            Some(i) => hints.push(Hint {
                card: CardId(i as u16),
                text: hint.text.clone(),
            }),
            None => match ids.kind_of(hint.card.get_ref()) {
                Some("card") => {}
                Some(kind) => problems.push(wrong_kind(&main, &hint.card, kind, "card")),
                None if !all_cards_read => {}
                None => problems.push_with(|| {
                    unknown_reference(
                        &main,
                        &hint.card,
                        "card",
                        cards.iter().map(|c| c.id.clone()),
                    )
                }),
            },
        }
    }

    let comparison = file.comparison.and_then(|raw| {
        let known = Known {
            cards: &card_index,
            events: &event_index,
            ids: &ids,
            card_ids: &cards,
            event_ids: &events,
            all_cards_read,
            all_events_read,
        };
        build_comparison(&main, raw, &known, &mut problems)
    });

    problems.into_result(|| Scenario {
        name: source.name.clone(),
        title: file.title,
        briefing: file.briefing,
        rounds: file.rounds.0 as u8,
        seat_order,
        start: start_meters(&file.start),
        thresholds: thresholds(&file.thresholds),
        enforcement: [
            level_or(file.enforcement.pakistan, 70),
            level_or(file.enforcement.afghanistan, 45),
            0,
        ],
        rules: rules(&file.rules, file.start.capital, seat_rules),
        scoring: scoring(&file.scoring),
        questions: file.questions,
        reflection: file.reflection,
        reflection_by_seat,
        names,
        briefs,
        cards,
        events,
        opening_events,
        objectives,
        hints,
        flags: refs.flags.into_names(),
        comparison,
        actors,
    })
}

/// Reads and checks every file `[decks]` names (and the events written on the spot).
fn read_decks<'a>(
    source: &'a ScenarioSource,
    main: &FileCtx,
    files: &DeckNames,
    voices: &Voices,
    refs: Refs<'a>,
    problems: &mut Problems,
) -> Decks<'a> {
    let before = problems.count();
    let mut decks = Decks {
        all_cards_read: true,
        all_events_read: true,
        refs,
        ..Decks::default()
    };
    let seat_decks = [
        (Some(Seat::Pakistan), &files.pakistan),
        (Some(Seat::Afghanistan), &files.afghanistan),
        (Some(Seat::Mediator), &files.mediator),
        (None, &files.shared),
    ];
    for (deck, name) in seat_decks {
        let Some(ctx) = source.deck(main, name, problems) else {
            decks.all_cards_read = false;
            continue;
        };
        let items = ctx.parse_items::<raw::CardFile>("card", MAX_CARDS_PER_DECK, problems);
        let cards = register_items(&ctx, items, |c| &c.id, "card", &mut decks.ids, problems);
        decks.all_cards_read &= cards.all_ids;
        for card in cards.read {
            decks.cards.extend(problems.check(build_card(
                &ctx,
                deck,
                card,
                voices,
                &mut decks.refs,
            )));
        }
    }

    match source.deck(main, &files.events, problems) {
        None => decks.all_events_read = false,
        Some(ctx) => {
            let items = ctx.parse_items::<raw::EventFile>("event", MAX_EVENTS, problems);
            let events = register_items(&ctx, items, |e| &e.id, "event", &mut decks.ids, problems);
            decks.all_events_read &= events.all_ids;
            if events.all_read && events.read.iter().all(|e| e.inject) {
                let (message, hint) = if events.read.is_empty() {
                    (
                        "the event deck is empty",
                        "add at least one [[event]]: one is revealed every round",
                    )
                } else {
                    (
                        "the event deck is empty: every event has `inject = true`",
                        "leave `inject = true` out of at least one event: the deck reveals one \
                         every round, and inject-list events only come when the facilitator \
                         sends them",
                    )
                };
                problems.push(ctx.error(0..0, message.into(), hint));
            }
            for event in events.read {
                decks.events.extend(problems.check(build_event(
                    &ctx,
                    event,
                    voices,
                    &mut decks.refs,
                )));
            }
        }
    }

    // Events a facilitator wrote during a game: on the inject list, after every other event,
    // so the ids of the scenario's own events never move.
    if let Some(ctx) = source
        .files
        .contains_key(super::SPOT_INJECTS)
        .then(|| source.ctx(super::SPOT_INJECTS).ok())
        .flatten()
    {
        let items = ctx.parse_items::<raw::EventFile>("event", MAX_SPOT_EVENTS, problems);
        let spot = register_items(&ctx, items, |e| &e.id, "event", &mut decks.ids, problems);
        decks.all_events_read &= spot.all_ids;
        for event in spot.read {
            decks.events.extend(
                problems
                    .check(build_event(&ctx, event, voices, &mut decks.refs))
                    .map(|mut built| {
                        built.inject = true;
                        built
                    }),
            );
        }
    }

    if let Some(ctx) = source.deck(main, &files.objectives, problems) {
        let items = ctx.parse_items::<raw::ObjectiveFile>("objective", MAX_OBJECTIVES, problems);
        let objectives = register_items(
            &ctx,
            items,
            |o| &o.id,
            "objective",
            &mut decks.ids,
            problems,
        );
        for seat in Seat::ALL {
            if objectives.all_read && !objectives.read.iter().any(|o| o.seat == seat) {
                problems.push(ctx.error(
                    0..0,
                    format!("{seat} has no secret objective"),
                    &format!("add an [[objective]] with seat = \"{}\"", seat.key()),
                ));
            }
        }
        for objective in objectives.read {
            decks.objectives.extend(problems.check(build_objective(
                &ctx,
                objective,
                &mut decks.refs,
            )));
        }
    }
    // A flag named only in an item that could not be read would be reported wrongly.
    if problems.count() == before {
        decks.refs.flags.check(problems);
    }
    decks
}
