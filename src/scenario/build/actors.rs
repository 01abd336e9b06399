//! `[[actors]]`: the parties that hold no seat, their acts and their reactions to pledges,
//! and every reference to them (`actor.<id>` in a `requires`, `actors = { <id> = N }` on a
//! card, an event, an option or an act). An actor must do something: act, or be read.

use super::*;
use crate::engine::{self, Act, ActorId, PledgeReaction};
use crate::scenario::limits::MAX_ACTORS;

/// How an actor is named at one place.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum ActorUse {
    /// `actor.<id>` (or an act's own `strength`) in a `requires`.
    Read,
    /// `actors = { <id> = N }`.
    Changed,
}

/// Every actor of the scenario by id, with whether a condition reads it.
#[derive(Default)]
pub(super) struct ActorRegistry {
    ids: Vec<String>,
    index: HashMap<String, ActorId>,
    read: Vec<bool>,
    /// Whether every actor could be read: if not (scenario.toml has a mistake), a reference
    /// to an unknown actor may only point at what could not be read, so it is not reported
    /// on its own.
    pub(super) complete: bool,
}

impl ActorRegistry {
    /// The actor `name` at `span` of `ctx`, recorded as used there; an unknown one is an
    /// error with the closest id as a hint (or `None`, unreported, when not every actor
    /// could be read).
    pub(super) fn actor(
        &mut self,
        ctx: &FileCtx,
        name: &str,
        span: Range<usize>,
        how: ActorUse,
    ) -> Result<Option<ActorId>, ScenarioError> {
        let Some(&actor) = self.index.get(name) else {
            if !self.complete {
                return Ok(None);
            }
            let hint = match closest(name, &self.ids) {
                Some(best) => format!("did you mean `{best}`?"),
                None if self.ids.is_empty() => {
                    "the scenario has no actors: add an [[actors]] table to scenario.toml with \
                     this id, or remove the reference"
                        .to_string()
                }
                None => format!("the actors are {}", self.listed()),
            };
            return Err(ctx.error(span, format!("unknown actor `{name}`"), &hint));
        };
        if how == ActorUse::Read {
            self.read[usize::from(actor)] = true;
        }
        Ok(Some(actor))
    }

    /// The ids, each in backquotes, for a hint.
    fn listed(&self) -> String {
        let ids: Vec<String> = self.ids.iter().map(|id| format!("`{id}`")).collect();
        ids.join(", ")
    }

    /// The changes of an `actors = { <id> = N }` table, in the order written.
    pub(super) fn changes(
        &mut self,
        ctx: &FileCtx,
        table: &Option<Spanned<BTreeMap<String, raw::Delta>>>,
    ) -> Result<Vec<(ActorId, i8)>, ScenarioError> {
        let Some(table) = table else {
            return Ok(Vec::new());
        };
        let mut changes = Vec::new();
        for (name, delta) in table.get_ref() {
            let span = key_span(ctx.text, table.span(), &[name.as_str()]).unwrap_or(table.span());
            let actor = self.actor(ctx, name, span, ActorUse::Changed)?;
            if let Some(actor) = actor
                && delta.0 != 0
            {
                changes.push((actor, delta.0 as i8));
            }
        }
        changes.sort_by_key(|&(actor, _)| actor);
        Ok(changes)
    }
}

/// Everything items refer to by name across files: flags and actors.
#[derive(Default)]
pub(super) struct Refs<'a> {
    /// Every flag, with where it is set and read.
    pub(super) flags: FlagRegistry<'a>,
    /// Every actor, with whether it is read.
    pub(super) actors: ActorRegistry,
}

/// The place of `name` written as a key just before `at` (`actor.<name> = ...`), or `at`
/// itself when it cannot be found.
pub(super) fn key_before(text: &str, at: Range<usize>, name: &str) -> Range<usize> {
    text.get(..at.start)
        .and_then(|before| before.rfind(name))
        .map_or(at, |start| start..start + name.len())
}

/// Registers every actor's id, then builds each actor (its acts may name the others).
/// Problems go to `problems`; an actor with one is left out. Called once scenario.toml's
/// other parts are read, so that `problems` tells whether every actor is known.
pub(super) fn build_actors<'a>(
    main: &FileCtx<'a>,
    files: Vec<raw::ActorFile>,
    refs: &mut Refs<'a>,
    problems: &mut Problems,
) -> Vec<engine::Actor> {
    let mut kept = Vec::new();
    for (number, file) in files.into_iter().enumerate() {
        let id = file.id.get_ref();
        let problem = if number >= MAX_ACTORS {
            Some((
                format!("more than {MAX_ACTORS} actors: a scenario may have at most {MAX_ACTORS}"),
                "merge some, or leave them to the event deck; docs/scenarios.md lists the limits"
                    .to_string(),
            ))
        } else if !snake_case(id) {
            Some((
                format!("`{id}` is not an actor id"),
                "an actor's id is lower-case snake_case, starting with a letter: armed_groups \
                 (conditions name it as actor.armed_groups)"
                    .to_string(),
            ))
        } else if refs.actors.index.contains_key(id) {
            Some((
                format!("actor `{id}` is defined twice"),
                "give each [[actors]] its own id".to_string(),
            ))
        } else {
            None
        };
        match problem {
            Some((message, hint)) => problems.push(main.error(file.id.span(), message, &hint)),
            None => {
                let registry = &mut refs.actors;
                registry
                    .index
                    .insert(id.clone(), ActorId(registry.ids.len() as u16));
                registry.ids.push(id.clone());
                registry.read.push(false);
                kept.push(file);
            }
        }
    }
    // Only scenario.toml has been read so far: without a mistake in it, every actor is known.
    refs.actors.complete = problems.count() == 0;
    let mut actors = Vec::new();
    for (index, file) in kept.into_iter().enumerate() {
        if let Some(actor) = problems.check(build_actor(main, ActorId(index as u16), file, refs)) {
            actors.push(actor);
        }
    }
    actors
}

/// Whether `name` is lower-case snake_case, starting with a letter.
fn snake_case(name: &str) -> bool {
    name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn build_actor<'a>(
    main: &FileCtx<'a>,
    own: ActorId,
    file: raw::ActorFile,
    refs: &mut Refs<'a>,
) -> Result<engine::Actor, ScenarioError> {
    for (text, what) in [(&file.name, "name"), (&file.about, "about")] {
        if text.trim().is_empty() {
            return Err(main.error(
                file.id.span(),
                format!("actor `{}` has no {what}", file.id.get_ref()),
                "write its name, and in `about` one or two sentences saying who they are: \
                 players read both",
            ));
        }
    }
    let acts = file
        .acts
        .into_iter()
        .map(|act| build_act(main, own, act, refs))
        .collect::<Result<Vec<_>, _>>()?;
    let pledges = file
        .pledges
        .into_iter()
        .map(|p| build_pledge(main, p))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(engine::Actor {
        id: file.id.into_inner(),
        name: file.name,
        about: file.about,
        strength: file.strength.0 as u8,
        drift: file.drift.map_or(0, |d| d.0 as i8),
        acts,
        pledges,
    })
}

fn build_act<'a>(
    main: &FileCtx<'a>,
    own: ActorId,
    act: raw::ActFile,
    refs: &mut Refs<'a>,
) -> Result<Act, ScenarioError> {
    let requires = build_requires(main, &act.requires, refs, Some(own))?;
    let sets = refs.flags.list(main, &act.sets, FlagUse::Set)?;
    let clears = refs.flags.list(main, &act.clears, FlagUse::Clear)?;
    let actors = refs.actors.changes(main, &act.actors)?;
    let place = act_place(main, &act);
    let effects = Effects {
        sets,
        clears,
        actors,
        ..build_effects(
            main,
            &act.effects.map(|spanned| {
                let span = spanned.span();
                Spanned::new(span, spanned.into_inner().into())
            }),
            Actor::MaybeMediator,
        )?
    };
    let breaks = match act.breaks {
        None => None,
        Some(breaks) => {
            let seat = breaks.get_ref().seat.clone();
            if !seat.get_ref().is_delegation() {
                return Err(main.error(
                    seat.span(),
                    "only a delegation's commitment can break".into(),
                    "use seat = \"pakistan\" or \"afghanistan\"",
                ));
            }
            Some((seat.into_inner(), breaks.into_inner().basket))
        }
    };
    if act.text.trim().is_empty() {
        return Err(main.error(
            place.clone(),
            "an act has no text".into(),
            "write what happens in plain words, with every number: the log shows it",
        ));
    }
    if effects.is_empty() && breaks.is_none() {
        return Err(main.error(
            place,
            format!("this act does nothing: \"{}\"", act.text),
            "give it effects, breaks, actors, sets or clears, or remove it",
        ));
    }
    Ok(Act {
        requires,
        chance: act.chance.map_or(100, |c| c.0 as u8),
        effects,
        breaks,
        text: act.text,
    })
}

/// Where an act's mistake is shown: at its text in the file.
fn act_place(main: &FileCtx, act: &raw::ActFile) -> Range<usize> {
    let text = act.text.as_str();
    main.text
        .find(text)
        .filter(|_| !text.is_empty())
        .map_or(0..0, |start| start..start + text.len())
}

fn build_pledge(main: &FileCtx, p: raw::PledgeFile) -> Result<PledgeReaction, ScenarioError> {
    if !p.seat.get_ref().is_delegation() {
        return Err(main.error(
            p.seat.span(),
            "only a delegation makes pledges".into(),
            "use seat = \"pakistan\" or \"afghanistan\"",
        ));
    }
    let honoured = p.honoured.map_or(0, |d| d.0 as i8);
    let broken = p.broken.map_or(0, |d| d.0 as i8);
    if honoured == 0 && broken == 0 {
        return Err(main.error(
            p.seat.span(),
            "these pledges change nothing".into(),
            "add honoured = N (strength change when such a pledge is honoured) or broken = N \
             (when it breaks), or remove this [[actors.pledges]]",
        ));
    }
    Ok(PledgeReaction {
        seat: p.seat.into_inner(),
        basket: p.basket,
        honoured,
        broken,
    })
}

/// Reports each actor that does nothing: no act, and no condition reads its strength.
pub(super) fn check_unused(
    main: &FileCtx,
    actors: &[engine::Actor],
    registry: &ActorRegistry,
    problems: &mut Problems,
) {
    for (index, actor) in actors.iter().enumerate() {
        let read = registry.read.get(index).copied().unwrap_or(true);
        if actor.acts.is_empty() && !read {
            let span = main
                .text
                .find(&format!("\"{}\"", actor.id))
                .map_or(0..0, |start| start..start + actor.id.len() + 2);
            problems.push(main.error(
                span,
                format!(
                    "actor `{}` does nothing: it has no [[actors.acts]] and no `requires` \
                     reads its strength",
                    actor.id
                ),
                &format!(
                    "add an [[actors.acts]] under it, or read it with requires = {{ actor.{} = \
                     \">= 50\" }} on a card or an event, or remove it",
                    actor.id
                ),
            ));
        }
    }
}
