//! Turning parsed TOML files into an engine [`Scenario`], checking everything the types alone
//! cannot: cross-field rules, duplicate ids, references between files.

use super::ScenarioSource;
use super::error::{Problems, ScenarioError, closest, hint_for_toml_message};
use super::raw::{self, Ranged, ScenarioFile};
use crate::engine::{
    Basket, Card, CardKind, Condition, Effects, EventCard, EventChoice, EventId, EventOption, Hint,
    Meter, MeterBounds, MeterTarget, Meters, Objective, Requirements, Rules, Scenario, Scoring,
    Seat,
};
use serde::Deserialize as _;
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;
use toml::de::{DeTable, DeValue, ValueDeserializer};

/// Default Trust thresholds per basket (security, verification, sovereignty, humanitarian).
const DEFAULT_THRESHOLDS: [u8; 4] = [35, 40, 30, 20];
/// Default duration of a commitment, in round-end tests.
const DEFAULT_DURATION: u8 = 2;
/// Default Sovereignty cost of intrusive monitors without consent.
const DEFAULT_SOVEREIGNTY_COST: u8 = 10;

/// One file being checked: its name (for messages) and its text (for line numbers).
struct FileCtx<'a> {
    path: std::path::PathBuf,
    text: &'a str,
}

impl FileCtx<'_> {
    fn error(&self, span: Range<usize>, message: String, hint: &str) -> ScenarioError {
        ScenarioError::at(&self.path, self.text, span, message, hint.to_string())
    }

    fn parse<T: DeserializeOwned>(&self) -> Result<T, ScenarioError> {
        toml::from_str(self.text).map_err(|e| self.toml_error(&e))
    }

    /// The `[decks]` table of a scenario.toml whose other parts may be broken, if it reads.
    fn decks(&self) -> Option<raw::DeckFiles> {
        let mut document = DeTable::parse(self.text).ok()?.into_inner();
        let decks = document.remove("decks")?;
        raw::DeckFiles::deserialize(ValueDeserializer::from(decks)).ok()
    }

    fn toml_error(&self, e: &toml::de::Error) -> ScenarioError {
        let raw = e.message().trim();
        let hint = hint_for_toml_message(raw);
        let message = plain_types(raw);
        match e.span() {
            Some(span) => ScenarioError::at(&self.path, self.text, span, message, hint),
            None => ScenarioError::whole_file(&self.path, message, hint),
        }
    }

    /// Reads a file that holds one array of tables (`[[card]]`, `[[event]]`, `[[objective]]`)
    /// named `key`. Each item is read on its own, so one bad item does not hide the others;
    /// the problems go to `problems`. `None` when the file itself cannot be read.
    fn parse_items<T: DeserializeOwned>(
        &self,
        key: &str,
        problems: &mut Problems,
    ) -> Option<Vec<Item<T>>> {
        let document = match DeTable::parse(self.text) {
            Ok(document) => document.into_inner(),
            Err(e) => {
                problems.push(self.toml_error(&e));
                return None;
            }
        };
        let mut items = Vec::new();
        for (name, value) in document {
            if name.get_ref() != key {
                problems.push(self.error(
                    name.span(),
                    format!("unknown key `{}`", name.get_ref()),
                    &format!("this file holds only [[{key}]] tables"),
                ));
                continue;
            }
            let span = value.span();
            let DeValue::Array(array) = value.into_inner() else {
                problems.push(self.error(
                    span,
                    format!("`{key}` must be a list of [[{key}]] tables"),
                    &format!("write each one under its own [[{key}]] header"),
                ));
                items.push(Item::Broken(None));
                continue;
            };
            for item in array {
                let id = item.get_ref().get("id").and_then(|id| {
                    let text = id.get_ref().as_str()?;
                    Some(Spanned::new(id.span(), text.to_string()))
                });
                match T::deserialize(ValueDeserializer::from(item)) {
                    Ok(item) => items.push(Item::Read(item)),
                    Err(e) => {
                        problems.push(self.toml_error(&e));
                        items.push(Item::Broken(id));
                    }
                }
            }
        }
        Some(items)
    }
}

/// One `[[card]]`, `[[event]]` or `[[objective]]` of a file.
enum Item<T> {
    /// It was read.
    Read(T),
    /// It could not be read (its problem is recorded); its id, when that much can be read, so
    /// duplicates and references are still checked against it.
    Broken(Option<Spanned<String>>),
}

/// The items of a file that were read, with what is known of the rest.
struct Registered<T> {
    /// The items read whose ids are new.
    read: Vec<T>,
    /// Every item was read.
    all_read: bool,
    /// Every item's id is known, even where the rest of the item could not be read.
    all_ids: bool,
}

/// Registers every id (broken items' too, so duplicates and references are still checked) in
/// file order, and keeps the items read.
fn register_items<T>(
    ctx: &FileCtx,
    items: Option<Vec<Item<T>>>,
    id_of: impl Fn(&T) -> &Spanned<String>,
    kind: &'static str,
    ids: &mut IdRegistry,
    problems: &mut Problems,
) -> Registered<T> {
    let mut registered = Registered {
        read: Vec::new(),
        all_read: items.is_some(),
        all_ids: items.is_some(),
    };
    for item in items.into_iter().flatten() {
        match item {
            Item::Read(item) => {
                if problems
                    .check(ids.register(ctx, id_of(&item), kind))
                    .is_some()
                {
                    registered.read.push(item);
                }
            }
            Item::Broken(Some(id)) => {
                problems.check(ids.register(ctx, &id, kind));
                registered.all_read = false;
            }
            Item::Broken(None) => {
                registered.all_read = false;
                registered.all_ids = false;
            }
        }
    }
    registered
}

/// Where each id was first defined, and what kind of item it names (`card`, `event`,
/// `objective`), to report duplicates and references to the wrong kind.
#[derive(Default)]
struct IdRegistry {
    seen: BTreeMap<String, (String, &'static str)>,
}

impl IdRegistry {
    /// What kind of item has this id, even one that failed its own checks.
    fn kind_of(&self, id: &str) -> Option<&'static str> {
        self.seen.get(id).map(|(_, kind)| *kind)
    }

    fn register(
        &mut self,
        ctx: &FileCtx,
        id: &Spanned<String>,
        kind: &'static str,
    ) -> Result<(), ScenarioError> {
        let name = id.get_ref();
        if name.trim().is_empty() {
            return Err(ctx.error(
                id.span(),
                "an id cannot be empty".into(),
                "give it a short unique name like `pk-patrols`",
            ));
        }
        let here = ScenarioError::at(&ctx.path, ctx.text, id.span(), String::new(), String::new())
            .location();
        if let Some((first, _)) = self.seen.get(name) {
            return Err(ctx.error(
                id.span(),
                format!("duplicate id `{name}`"),
                &format!("ids must be unique across the whole scenario; `{name}` is first defined at {first}"),
            ));
        }
        self.seen.insert(name.clone(), (here, kind));
        Ok(())
    }
}

/// The cards, events and objectives read from the files `[decks]` names.
#[derive(Default)]
struct Decks {
    cards: Vec<Card>,
    events: Vec<EventCard>,
    objectives: Vec<Objective>,
    ids: IdRegistry,
    /// Whether every card (event) could be read: if not, a reference to an unknown id may
    /// only point into what could not be read, so it is not reported on its own.
    all_cards_read: bool,
    all_events_read: bool,
}

/// Builds and validates a scenario from its source files. Problems in separate items (cards,
/// events, objectives, references) are all reported together; a file that is not valid TOML
/// stops only the checks of that file, and a bad item only its own.
pub(super) fn build(source: &ScenarioSource) -> Result<Scenario, ScenarioError> {
    let main = source.ctx("scenario.toml")?;
    let mut problems = Problems::default();
    let file: ScenarioFile = match main.parse() {
        Ok(file) => file,
        Err(error) => {
            // The other files can still be checked when `[decks]` itself can be read.
            if let Some(decks) = main.decks() {
                read_decks(source, &main, &decks, &mut problems);
            }
            return Err(problems.after(error));
        }
    };
    let seat_order = problems.check(seat_order(&main, &file)).unwrap_or_default();
    let Decks {
        cards,
        events,
        objectives,
        ids,
        all_cards_read,
        all_events_read,
    } = read_decks(source, &main, &file.decks, &mut problems);

    // A reference to an item that is itself broken was reported with that item already.
    let mut opening_events = Vec::new();
    for id in &file.opening_events {
        match events
            .iter()
            .position(|e: &EventCard| e.id == *id.get_ref())
        {
            Some(i) if events[i].inject => problems.push(main.error(
                id.span(),
                format!(
                    "`{}` is on the inject list: it cannot open the game",
                    id.get_ref()
                ),
                "remove `inject = true` from the event, or leave it out of opening_events",
            )),
            Some(i) if opening_events.contains(&(i as EventId)) => problems.push(main.error(
                id.span(),
                format!("`{}` is in opening_events twice", id.get_ref()),
                "each event card is in the deck once: list it once",
            )),
            Some(i) => opening_events.push(i as EventId),
            None => match ids.kind_of(id.get_ref()) {
                // A broken event was reported with the event itself.
                Some("event") => {}
                Some(kind) => problems.push(wrong_kind(&main, id, kind, "event")),
                None if !all_events_read => {}
                None => problems.push(unknown_reference(
                    &main,
                    id,
                    "event",
                    events.iter().map(|e| e.id.clone()),
                )),
            },
        }
    }
    let mut hints = Vec::new();
    for hint in &file.hints {
        match cards
            .iter()
            .position(|c: &Card| c.id == *hint.card.get_ref())
        {
            Some(i) => hints.push(Hint {
                card: i as u16,
                text: hint.text.clone(),
            }),
            None => match ids.kind_of(hint.card.get_ref()) {
                Some("card") => {}
                Some(kind) => problems.push(wrong_kind(&main, &hint.card, kind, "card")),
                None if !all_cards_read => {}
                None => problems.push(unknown_reference(
                    &main,
                    &hint.card,
                    "card",
                    cards.iter().map(|c| c.id.clone()),
                )),
            },
        }
    }

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
        rules: rules(&file.rules, file.start.capital),
        scoring: scoring(&file.scoring),
        questions: file.questions,
        reflection: file.reflection,
        briefs: [
            file.briefs.pakistan,
            file.briefs.afghanistan,
            file.briefs.mediator,
        ]
        .map(|b| {
            b.map(|b| {
                std::sync::Arc::new(crate::engine::Brief {
                    situation: b.situation,
                    red_lines: b.red_lines,
                    may_concede: b.may_concede,
                    alternative: b.alternative,
                })
            })
        }),
        cards,
        events,
        opening_events,
        objectives,
        hints,
    })
}

/// Reads and checks every file `[decks]` names (and the events written on the spot).
fn read_decks(
    source: &ScenarioSource,
    main: &FileCtx,
    files: &raw::DeckFiles,
    problems: &mut Problems,
) -> Decks {
    let mut decks = Decks {
        all_cards_read: true,
        all_events_read: true,
        ..Decks::default()
    };
    let seat_decks = [
        (Some(Seat::Pakistan), &files.pakistan),
        (Some(Seat::Afghanistan), &files.afghanistan),
        (Some(Seat::Mediator), &files.mediator),
        (None, &files.shared),
    ];
    for (deck, name) in seat_decks {
        let Some(ctx) = problems.check(source.referenced(main, name)) else {
            decks.all_cards_read = false;
            continue;
        };
        let items = ctx.parse_items::<raw::CardFile>("card", problems);
        let cards = register_items(&ctx, items, |c| &c.id, "card", &mut decks.ids, problems);
        decks.all_cards_read &= cards.all_ids;
        for card in cards.read {
            decks
                .cards
                .extend(problems.check(build_card(&ctx, deck, card)));
        }
    }

    match problems.check(source.referenced(main, &files.events)) {
        None => decks.all_events_read = false,
        Some(ctx) => {
            let items = ctx.parse_items::<raw::EventFile>("event", problems);
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
                decks
                    .events
                    .extend(problems.check(build_event(&ctx, event)));
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
        let items = ctx.parse_items::<raw::EventFile>("event", problems);
        let spot = register_items(&ctx, items, |e| &e.id, "event", &mut decks.ids, problems);
        decks.all_events_read &= spot.all_ids;
        for event in spot.read {
            decks
                .events
                .extend(problems.check(build_event(&ctx, event)).map(|mut built| {
                    built.inject = true;
                    built
                }));
        }
    }

    if let Some(ctx) = problems.check(source.referenced(main, &files.objectives)) {
        let items = ctx.parse_items::<raw::ObjectiveFile>("objective", problems);
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
            decks
                .objectives
                .extend(problems.check(build_objective(&ctx, objective)));
        }
    }
    decks
}

/// A reference to an item of the wrong kind (a card named where an event belongs).
fn wrong_kind(ctx: &FileCtx, id: &Spanned<String>, is: &str, wanted: &str) -> ScenarioError {
    ctx.error(
        id.span(),
        format!(
            "`{}` is {} {is}, not {} {wanted}",
            id.get_ref(),
            article(is),
            article(wanted)
        ),
        &format!("name {} {wanted}'s id here", article(wanted)),
    )
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

fn unknown_reference(
    ctx: &FileCtx,
    id: &Spanned<String>,
    what: &str,
    known: impl Iterator<Item = String>,
) -> ScenarioError {
    let known: Vec<String> = known.collect();
    let hint = match closest(id.get_ref(), &known) {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!("no {what} with this id exists in the scenario"),
    };
    ctx.error(
        id.span(),
        format!("unknown {what} `{}`", id.get_ref()),
        &hint,
    )
}

fn seat_order(ctx: &FileCtx, file: &ScenarioFile) -> Result<Vec<Seat>, ScenarioError> {
    let Some(order) = &file.seat_order else {
        return Ok(vec![Seat::Mediator, Seat::Pakistan, Seat::Afghanistan]);
    };
    let seats = order.get_ref();
    let mut sorted = seats.clone();
    sorted.sort();
    if sorted != Seat::ALL {
        return Err(ctx.error(
            order.span(),
            "seat_order must name each of the three seats exactly once".into(),
            "for example: seat_order = [\"mediator\", \"pakistan\", \"afghanistan\"]",
        ));
    }
    Ok(seats.clone())
}

fn level_or<const MIN: i64, const MAX: i64>(value: Option<Ranged<MIN, MAX>>, default: u8) -> u8 {
    value.map_or(default, |v| v.0 as u8)
}

fn start_meters(start: &raw::StartFile) -> Meters {
    let mut values = [0u8; 8];
    let pairs = [
        (Meter::Trust, start.trust, 25),
        (Meter::Sovereignty, start.sovereignty, 60),
        (Meter::Security, start.security, 45),
        (Meter::Border, start.border, 40),
        (Meter::Credibility, start.credibility, 60),
        (Meter::PakistanPressure, start.pakistan_pressure, 50),
        (Meter::AfghanistanPressure, start.afghanistan_pressure, 50),
    ];
    for (meter, value, default) in pairs {
        values[meter.index()] = level_or(value, default);
    }
    values[Meter::Escalation.index()] = level_or(start.escalation, 1);
    Meters::new(values)
}

fn thresholds(file: &raw::ThresholdsFile) -> [u8; 4] {
    let given = [
        file.security,
        file.verification,
        file.sovereignty,
        file.humanitarian,
    ];
    let mut out = DEFAULT_THRESHOLDS;
    for (slot, value) in out.iter_mut().zip(given) {
        *slot = level_or(value, *slot);
    }
    out
}

fn rules(file: &raw::RulesFile, capital: Option<Ranged<0, 10>>) -> Rules {
    let d = Rules::default();
    Rules {
        hand_size: level_or(file.hand_size, d.hand_size),
        actions_per_turn: level_or(file.actions_per_turn, d.actions_per_turn),
        capital_start: level_or(capital, d.capital_start),
        capital_per_round: level_or(file.capital_per_round, d.capital_per_round),
        reject_trust: level_or(file.reject_trust, d.reject_trust),
        meet_trust: level_or(file.meet_trust, d.meet_trust),
        surcharge_pressure: level_or(file.surcharge_pressure, d.surcharge_pressure),
        max_credibility: level_or(file.max_credibility, d.max_credibility),
        broken_trust: level_or(file.broken_trust, d.broken_trust),
        broken_credibility: level_or(file.broken_credibility, d.broken_credibility),
        broken_security: level_or(file.broken_security, d.broken_security),
        honoured_trust: level_or(file.honoured_trust, d.honoured_trust),
        stall_credibility: level_or(file.stall_credibility, d.stall_credibility),
        pressure_drift: level_or(file.pressure_drift, d.pressure_drift),
        pull_security: level_or(file.pull_security, d.pull_security),
        pull_pressure: level_or(file.pull_pressure, d.pull_pressure),
        walkout_sovereignty: level_or(file.walkout_sovereignty, d.walkout_sovereignty),
        walkout_security: level_or(file.walkout_security, d.walkout_security),
        walkout_pressure: level_or(file.walkout_pressure, d.walkout_pressure),
        hardline_escalation_chance: level_or(
            file.hardline_escalation_chance,
            d.hardline_escalation_chance,
        ),
        refused_accord_trust: level_or(file.refused_accord_trust, d.refused_accord_trust),
        reject_relief: level_or(file.reject_relief, d.reject_relief),
        durable_trust: level_or(file.durable_trust, d.durable_trust),
        conciliatory_trust: level_or(file.conciliatory_trust, d.conciliatory_trust),
        conciliatory_pressure: level_or(file.conciliatory_pressure, d.conciliatory_pressure),
        firm_pressure: level_or(file.firm_pressure, d.firm_pressure),
        hardline_relief: level_or(file.hardline_relief, d.hardline_relief),
        hardline_trust: level_or(file.hardline_trust, d.hardline_trust),
    }
}

fn scoring(file: &raw::ScoringFile) -> Scoring {
    let d = Scoring::default();
    let pick = |v: Option<Ranged<-100, 100>>, default: i16| v.map_or(default, |v| v.0 as i16);
    Scoring {
        durable_peace: pick(file.durable_peace, d.durable_peace),
        fragile_accord: pick(file.fragile_accord, d.fragile_accord),
        fragile_pause: pick(file.fragile_pause, d.fragile_pause),
        relapse: pick(file.relapse, d.relapse),
        breakdown: pick(file.breakdown, d.breakdown),
    }
}

/// Who may use `pressure` / `rival_pressure`: only effects whose actor is always a delegation.
/// (An event's own effects cannot even name them: their table has only the meters.)
#[derive(Clone, Copy, PartialEq, Eq)]
enum Actor {
    AlwaysDelegation,
    MaybeMediator,
}

fn build_effects(
    ctx: &FileCtx,
    effects: &Option<Spanned<raw::EffectsFile>>,
    actor: Actor,
) -> Result<Effects, ScenarioError> {
    let Some(spanned) = effects else {
        return Ok(Effects::default());
    };
    let e = spanned.get_ref();
    if actor != Actor::AlwaysDelegation && (e.pressure.is_some() || e.rival_pressure.is_some()) {
        return Err(ctx.error(
            spanned.span(),
            "`pressure` and `rival_pressure` need an acting delegation".into(),
            "only delegations have domestic pressure: limit `seats` to delegations, or use pakistan_pressure / afghanistan_pressure",
        ));
    }
    let fixed = [
        (MeterTarget::Fixed(Meter::Trust), e.trust),
        (MeterTarget::Fixed(Meter::Sovereignty), e.sovereignty),
        (MeterTarget::Fixed(Meter::Security), e.security),
        (MeterTarget::Fixed(Meter::Border), e.border),
        (MeterTarget::Fixed(Meter::Credibility), e.credibility),
        (
            MeterTarget::Fixed(Meter::PakistanPressure),
            e.pakistan_pressure,
        ),
        (
            MeterTarget::Fixed(Meter::AfghanistanPressure),
            e.afghanistan_pressure,
        ),
        (MeterTarget::OwnPressure, e.pressure),
        (MeterTarget::RivalPressure, e.rival_pressure),
    ];
    let mut meters: Vec<(MeterTarget, i8)> = fixed
        .into_iter()
        .filter_map(|(target, delta)| delta.map(|d| (target, d.0 as i8)))
        .filter(|(_, d)| *d != 0)
        .collect();
    if let Some(escalation) = e.escalation.filter(|d| d.0 != 0) {
        meters.push((MeterTarget::Fixed(Meter::Escalation), escalation.0 as i8));
    }
    Ok(Effects {
        meters,
        capital: e.capital.map_or(0, |c| c.0 as i8),
        draw: e.draw.map_or(0, |d| d.0 as u8),
    })
}

fn build_bounds(
    ctx: &FileCtx,
    min: &BTreeMap<Meter, Spanned<raw::Level>>,
    max: &BTreeMap<Meter, Spanned<raw::Level>>,
) -> Result<MeterBounds, ScenarioError> {
    let convert = |map: &BTreeMap<Meter, Spanned<raw::Level>>| {
        map.iter()
            .map(|(meter, value)| {
                let v = value.get_ref().0 as u8;
                if v > Meter::max(*meter) {
                    Err(ctx.error(
                        value.span(),
                        format!(
                            "{v} is out of range for {}: expected 0 to {}",
                            meter.key(),
                            Meter::max(*meter)
                        ),
                        "escalation runs from 0 to 5; every other meter from 0 to 100",
                    ))
                } else {
                    Ok((*meter, v))
                }
            })
            .collect::<Result<Vec<_>, _>>()
    };
    Ok(MeterBounds {
        min: convert(min)?,
        max: convert(max)?,
    })
}

fn build_card(ctx: &FileCtx, deck: Option<Seat>, c: raw::CardFile) -> Result<Card, ScenarioError> {
    let kind = *c.kind.get_ref();
    let kind_span = c.kind.span();
    let seats = match (&c.seats, deck) {
        (Some(seats), Some(owner)) => {
            if seats.get_ref().as_slice() != [owner] {
                return Err(ctx.error(
                    seats.span(),
                    format!(
                        "a card in {}'s deck can only be played by {}",
                        owner.key(),
                        owner.key()
                    ),
                    "put cards that several seats may play in the shared deck",
                ));
            }
            vec![owner]
        }
        (None, Some(owner)) => vec![owner],
        (Some(seats), None) => {
            if seats.get_ref().is_empty() {
                return Err(ctx.error(
                    seats.span(),
                    "`seats` cannot be empty".into(),
                    "name at least one seat",
                ));
            }
            let mut list = seats.get_ref().clone();
            list.sort();
            list.dedup();
            list
        }
        (None, None) => Seat::ALL.to_vec(),
    };
    let seats_span = c.seats.as_ref().map_or(kind_span.clone(), Spanned::span);
    let delegations_only = seats.iter().all(|s| s.is_delegation());
    match kind {
        CardKind::Demand | CardKind::Assurance | CardKind::Pressure if !delegations_only => {
            return Err(ctx.error(
                seats_span,
                format!("a {} card can only be played by delegations", kind.key()),
                "use seats = [\"pakistan\"], [\"afghanistan\"] or both",
            ));
        }
        CardKind::Mediation if seats != [Seat::Mediator] => {
            return Err(ctx.error(
                seats_span,
                "a mediation card can only be played by the mediator".into(),
                "put it in the mediator's deck, or make it a confidence card",
            ));
        }
        _ => {}
    }
    if matches!(kind, CardKind::Demand | CardKind::Assurance) && c.basket.is_none() {
        return Err(ctx.error(
            kind_span,
            format!("a {} card needs a basket", kind.key()),
            "add basket = \"security\", \"verification\", \"sovereignty\" or \"humanitarian\"",
        ));
    }
    let bridge = c.bridge.as_ref().is_some_and(|b| *b.get_ref());
    let verify = c.verify.as_ref().map_or(0, |v| v.get_ref().0 as u8);
    let intrusive = c.intrusive.as_ref().is_some_and(|b| *b.get_ref());
    for (present, span, field) in [
        (
            c.verify.is_some(),
            c.verify.as_ref().map(Spanned::span),
            "verify",
        ),
        (
            c.bridge.is_some(),
            c.bridge.as_ref().map(Spanned::span),
            "bridge",
        ),
        (
            c.intrusive.is_some(),
            c.intrusive.as_ref().map(Spanned::span),
            "intrusive",
        ),
    ] {
        if present && kind != CardKind::Mediation {
            return Err(ctx.error(
                span.unwrap_or(kind_span.clone()),
                format!("`{field}` is only for mediation cards"),
                "remove it, or make the card kind = \"mediation\"",
            ));
        }
    }
    if verify > 0 && bridge {
        return Err(ctx.error(
            kind_span,
            "a card cannot both verify a commitment and bridge a demand".into(),
            "split it into two cards",
        ));
    }
    if intrusive && verify == 0 {
        return Err(ctx.error(
            c.intrusive
                .as_ref()
                .map_or(kind_span.clone(), Spanned::span),
            "`intrusive` needs `verify`: monitors are a kind of verification".into(),
            "add verify = <credibility added>",
        ));
    }
    if let Some(cost) = &c.sovereignty_cost
        && !intrusive
    {
        return Err(ctx.error(
            cost.span(),
            "`sovereignty_cost` applies only to intrusive verification".into(),
            "add intrusive = true, or remove sovereignty_cost",
        ));
    }
    let makes_commitment = kind == CardKind::Assurance || bridge;
    for (span, field) in [
        (c.credibility.as_ref().map(Spanned::span), "credibility"),
        (c.duration.as_ref().map(Spanned::span), "duration"),
    ] {
        if let Some(span) = span
            && !makes_commitment
        {
            return Err(ctx.error(
                span,
                format!("`{field}` is only for cards that make a commitment"),
                "only assurances and bridging proposals (bridge = true) make commitments",
            ));
        }
    }
    if c.text.trim().is_empty() {
        return Err(ctx.error(
            c.id.span(),
            format!("card `{}` has no text", c.id.get_ref()),
            "write the rule in plain words: what it costs and exactly what it does",
        ));
    }
    let actor = if delegations_only {
        Actor::AlwaysDelegation
    } else {
        Actor::MaybeMediator
    };
    Ok(Card {
        effects: build_effects(ctx, &c.effects, actor)?,
        requires: Requirements {
            meters: build_bounds(ctx, &c.requires.min, &c.requires.max)?,
            agreed: c.requires.agreed,
            open: c.requires.open,
        },
        id: c.id.into_inner(),
        name: c.name,
        kind,
        seats,
        deck,
        cost: c.cost.0 as u8,
        basket: c.basket,
        credibility: c.credibility.map_or(0, |v| v.into_inner().0 as i8),
        duration: c
            .duration
            .map_or(DEFAULT_DURATION, |v| v.into_inner().0 as u8),
        verify,
        intrusive,
        sovereignty_cost: c.sovereignty_cost.map_or(
            if intrusive {
                DEFAULT_SOVEREIGNTY_COST
            } else {
                0
            },
            |v| v.into_inner().0 as u8,
        ),
        bridge,
        text: c.text,
        flavour: c.flavour,
    })
}

fn build_event(ctx: &FileCtx, e: raw::EventFile) -> Result<EventCard, ScenarioError> {
    let choice = match e.choice {
        None => None,
        Some(spanned) => {
            let span = spanned.span();
            let choice = spanned.into_inner();
            if choice.options.len() < 2 {
                return Err(ctx.error(
                    span,
                    "a choice needs at least two options".into(),
                    "add [[event.choice.options]] entries, or remove the choice",
                ));
            }
            let actor = if choice.seat.is_delegation() {
                Actor::AlwaysDelegation
            } else {
                Actor::MaybeMediator
            };
            let options = choice
                .options
                .into_iter()
                .map(|o| {
                    Ok(EventOption {
                        effects: build_effects(ctx, &o.effects, actor)?,
                        label: o.label,
                        text: o.text,
                    })
                })
                .collect::<Result<Vec<_>, ScenarioError>>()?;
            Some(EventChoice {
                seat: choice.seat,
                prompt: choice.prompt,
                options,
            })
        }
    };
    if let Some(breaks) = &e.breaks
        && !breaks.get_ref().is_delegation()
    {
        return Err(ctx.error(
            breaks.span(),
            "only a delegation's commitment can break".into(),
            "use breaks = \"pakistan\" or \"afghanistan\"",
        ));
    }
    Ok(EventCard {
        effects: build_effects(
            ctx,
            &e.effects.map(|spanned| {
                let span = spanned.span();
                Spanned::new(span, spanned.into_inner().into())
            }),
            Actor::MaybeMediator,
        )?,
        breaks: e.breaks.map(Spanned::into_inner),
        id: e.id.into_inner(),
        name: e.name,
        text: e.text,
        flavour: e.flavour,
        choice,
        inject: e.inject,
    })
}

fn build_objective(ctx: &FileCtx, o: raw::ObjectiveFile) -> Result<Objective, ScenarioError> {
    let c = o.condition;
    let mut agreed: Vec<Basket> = c.agreed;
    agreed.sort();
    agreed.dedup();
    Ok(Objective {
        condition: Condition {
            meters: build_bounds(ctx, &c.min, &c.max)?,
            agreed,
            agreed_at_least: c.agreed_at_least.map_or(0, |v| v.0 as u8),
            verified: c.verified,
            no_monitors: c.no_monitors,
            no_walkout: c.no_walkout,
            accord: c.accord,
            honoured_at_least: c.honoured_at_least.map_or(0, |v| v.0 as u8),
            broken_at_most: c.broken_at_most.map(|v| v.0 as u8),
            own_commitments: c.own_commitments,
        },
        id: o.id.into_inner(),
        seat: o.seat,
        name: o.name,
        text: o.text,
        points: o.points.0 as u8,
    })
}

impl ScenarioSource {
    /// The context for a file that must exist in the source.
    fn ctx(&self, file: &str) -> Result<FileCtx<'_>, ScenarioError> {
        match self.files.get(file) {
            Some(text) => Ok(FileCtx {
                path: self.root.join(file),
                text,
            }),
            None => Err(ScenarioError::whole_file(
                self.root.join(file),
                "file not found".into(),
                format!("a scenario folder needs {file}; see docs/scenarios.md"),
            )),
        }
    }

    /// The context for a file named in `[decks]`; a missing one is reported where it is named.
    fn referenced(
        &self,
        main: &FileCtx,
        name: &Spanned<String>,
    ) -> Result<FileCtx<'_>, ScenarioError> {
        let file = name.get_ref();
        match self.files.get(file) {
            Some(text) => Ok(FileCtx {
                path: self.root.join(file),
                text,
            }),
            None => {
                let known: Vec<String> = self.files.keys().cloned().collect();
                let hint = match closest(file, &known) {
                    Some(best) => format!("did you mean `{best}`? Names are relative to the scenario folder"),
                    None => "create the file, or fix the name; names are relative to the scenario folder".into(),
                };
                Err(main.error(
                    name.span(),
                    format!("`{file}` does not exist in {}", self.root.display()),
                    &hint,
                ))
            }
        }
    }
}

/// The deserializer's words (`i64`, `u8`, `bool`, "variant") in a facilitator's.
fn plain_types(message: &str) -> String {
    let mut out = message.to_string();
    for (rust, plain) in [
        ("unknown variant", "unknown name"),
        ("expected i64", "expected a whole number"),
        ("expected i32", "expected a whole number"),
        ("expected i8", "expected a whole number"),
        ("expected u64", "expected a whole number, 0 or more"),
        ("expected u32", "expected a whole number, 0 or more"),
        ("expected u16", "expected a whole number, 0 or more"),
        ("expected u8", "expected a whole number, 0 or more"),
        ("expected a boolean", "expected true or false"),
    ] {
        out = out.replace(rust, plain);
    }
    out
}
