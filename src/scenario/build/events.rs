//! Events (with their choices) and secret objectives.

use super::*;

pub(super) fn build_event<'a>(
    ctx: &FileCtx<'a>,
    e: raw::EventFile,
    voices: &Voices,
    refs: &mut Refs<'a>,
) -> Result<EventCard, ScenarioError> {
    let requires = build_requires(ctx, &e.requires, refs, None)?;
    let actors = refs.actors.changes(ctx, &e.actors)?;
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
                Actor::Mediator
            };
            let options = choice
                .options
                .into_iter()
                .map(|o| {
                    let sets = refs.flags.list(ctx, &o.sets, FlagUse::Set)?;
                    let clears = refs.flags.list(ctx, &o.clears, FlagUse::Clear)?;
                    let actors = refs.actors.changes(ctx, &o.actors)?;
                    let voice = voices.member(
                        ctx,
                        o.voice.as_ref(),
                        choice.seat == Seat::Mediator,
                        &format!("this choice is put to {}", choice.seat.key()),
                    )?;
                    Ok(EventOption {
                        voice,
                        effects: Effects {
                            sets,
                            clears,
                            actors,
                            ..build_effects(ctx, &o.effects, actor)?
                        },
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
        effects: Effects {
            actors,
            ..build_effects(
                ctx,
                &e.effects.map(|spanned| {
                    let span = spanned.span();
                    Spanned::new(span, spanned.into_inner().into())
                }),
                Actor::MaybeMediator,
            )?
        },
        breaks: e.breaks.map(Spanned::into_inner),
        id: e.id.into_inner(),
        name: e.name,
        text: e.text,
        flavour: e.flavour,
        choice,
        inject: e.inject,
        requires,
    })
}

pub(super) fn build_objective<'a>(
    ctx: &FileCtx<'a>,
    o: raw::ObjectiveFile,
    refs: &mut Refs<'a>,
) -> Result<Objective, ScenarioError> {
    let requires = build_requires(ctx, &o.requires, refs, None)?;
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
        requires,
    })
}
