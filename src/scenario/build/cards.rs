//! Cards: effects, requirements and each kind's own fields, checked against what its kind
//! allows.

use super::*;
use crate::engine::MonitorKind;

/// Who may use `pressure` / `rival_pressure`: only effects whose actor is always a delegation.
/// (An event's own effects cannot even name them: their table has only the meters.)
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Actor {
    /// Only delegations act: their own and their rival's pressure are known.
    AlwaysDelegation,
    /// A delegation or the mediator may act (a shared card).
    MaybeMediator,
    /// Only the mediator acts (a mediation card, a card of the mediator's, a choice the
    /// mediator makes).
    Mediator,
}

pub(super) fn build_effects(
    ctx: &FileCtx,
    effects: &Option<Spanned<raw::EffectsFile>>,
    actor: Actor,
) -> Result<Effects, ScenarioError> {
    let Some(spanned) = effects else {
        return Ok(Effects::default());
    };
    let e = spanned.get_ref();
    if actor != Actor::AlwaysDelegation && (e.pressure.is_some() || e.rival_pressure.is_some()) {
        let hint = if actor == Actor::Mediator {
            "the mediator acts here, and it has no pressure of its own nor a rival: name the \
             delegation whose pressure changes (pakistan_pressure / afghanistan_pressure), or \
             remove it"
        } else {
            "the mediator may play this card, and only delegations have domestic pressure: \
             limit `seats` to delegations (seats = [\"pakistan\", \"afghanistan\"]), or name \
             the delegation (pakistan_pressure / afghanistan_pressure)"
        };
        let span = key_span(ctx.text, spanned.span(), &["pressure", "rival_pressure"]);
        return Err(ctx.error(
            span.unwrap_or(spanned.span()),
            "`pressure` and `rival_pressure` need an acting delegation".into(),
            hint,
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
        ..Effects::default()
    })
}

/// The place of the first of `keys` written as a key (`key =`) inside `within`.
pub(super) fn key_span(text: &str, within: Range<usize>, keys: &[&str]) -> Option<Range<usize>> {
    let part = text.get(within.clone())?;
    let word = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == '-';
    part.char_indices()
        .filter(|(i, c)| word(*c) && !part[..*i].ends_with(word))
        .find_map(|(i, _)| {
            let key = keys.iter().find(|k| {
                part[i..].starts_with(*k) && part[i + k.len()..].trim_start().starts_with('=')
            })?;
            Some(within.start + i..within.start + i + key.len())
        })
}

pub(super) fn build_bounds(
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

pub(super) fn build_card<'a>(
    ctx: &FileCtx<'a>,
    deck: Option<Seat>,
    c: raw::CardFile,
    voices: &Voices,
    refs: &mut Refs<'a>,
) -> Result<Card, ScenarioError> {
    let requires = build_requires(ctx, &c.requires, refs, None)?;
    let sets = refs.flags.list(ctx, &c.sets, FlagUse::Set)?;
    let clears = refs.flags.list(ctx, &c.clears, FlagUse::Clear)?;
    let actors = refs.actors.changes(ctx, &c.actors)?;
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
                    &format!(
                        "remove `seats`: every card in {}'s deck is {}'s; put a card other \
                         seats play in their deck or in the shared deck",
                        owner.key(),
                        owner.key()
                    ),
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
            let hint = if deck == Some(Seat::Mediator) {
                "the mediator makes no demands, assurances or pressure: move the card to a \
                 delegation's deck, or to the shared deck with seats = [\"pakistan\"], \
                 [\"afghanistan\"] or both"
            } else {
                "use seats = [\"pakistan\"], [\"afghanistan\"] or both"
            };
            return Err(ctx.error(
                seats_span,
                format!("a {} card can only be played by delegations", kind.key()),
                hint,
            ));
        }
        CardKind::Mediation if seats != [Seat::Mediator] => {
            let mediators_own = c.verify.is_some()
                || c.bridge.is_some()
                || c.intrusive.is_some()
                || c.monitors.is_some();
            let hint = match deck {
                // Its verify, bridge or monitors are the mediator's alone.
                Some(_) if mediators_own => "put it in the mediator's deck",
                None if mediators_own => {
                    "use seats = [\"mediator\"], or put it in the mediator's deck"
                }
                Some(_) => "put it in the mediator's deck, or make it a confidence card",
                None => {
                    "use seats = [\"mediator\"], put it in the mediator's deck, or make it a \
                     confidence card"
                }
            };
            return Err(ctx.error(
                seats_span,
                "a mediation card can only be played by the mediator".into(),
                hint,
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
        (
            c.monitors.is_some(),
            c.monitors.as_ref().map(Spanned::span),
            "monitors",
        ),
    ] {
        if present && kind != CardKind::Mediation {
            // Only the mediator may play a mediation card.
            let hint = if seats == [Seat::Mediator] {
                "remove it, or make the card kind = \"mediation\""
            } else {
                "remove it: only the mediator verifies, bridges or sends monitors, with a \
                 kind = \"mediation\" card of its own"
            };
            return Err(ctx.error(
                span.unwrap_or(kind_span.clone()),
                format!("`{field}` is only for mediation cards"),
                hint,
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
    let intrusive = c.intrusive.as_ref().is_some_and(|b| *b.get_ref());
    if let Some(name) = &c.monitors
        && verify == 0
    {
        return Err(ctx.error(
            name.span(),
            "`monitors` needs `verify`: monitoring is a kind of verification".into(),
            if bridge {
                "a bridging proposal sends no monitors: remove `monitors` (monitoring goes on a \
                 card of its own, with verify = <credibility added> and monitors = \"...\")"
            } else {
                "add verify = <credibility added>, or remove `monitors`"
            },
        ));
    }
    if intrusive && verify == 0 {
        return Err(ctx.error(
            c.intrusive
                .as_ref()
                .map_or(kind_span.clone(), Spanned::span),
            "`intrusive` needs `verify`: monitors are a kind of verification".into(),
            // A card that bridges cannot verify as well.
            if bridge {
                "a bridging proposal sends no monitors: remove `intrusive` (monitors go on a \
                 card of their own, with verify = <credibility added> and intrusive = true)"
            } else {
                "add verify = <credibility added>, or remove `intrusive`"
            },
        ));
    }
    let monitors = card_monitors(ctx, &c)?;
    let sends = monitors.is_some_and(MonitorKind::on_the_ground);
    if let Some(cost) = &c.sovereignty_cost
        && monitors == Some(MonitorKind::Joint)
    {
        return Err(ctx.error(
            cost.span(),
            "`sovereignty_cost` applies only to monitors on the ground".into(),
            "joint monitoring asks nobody's consent, so nothing is refused: remove \
             sovereignty_cost, or use monitors = \"international\" or \"regional\"",
        ));
    }
    if let Some(cost) = &c.sovereignty_cost
        && !sends
    {
        return Err(ctx.error(
            cost.span(),
            "`sovereignty_cost` applies only to intrusive verification".into(),
            // Only a card that verifies can send monitors.
            if verify > 0 {
                "add intrusive = true (or monitors = \"regional\"), or remove sovereignty_cost"
            } else {
                "remove sovereignty_cost: it is the price of intrusive monitors, sent only by a \
                 mediation card with verify = <credibility added> and intrusive = true"
            },
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
                "remove it: only assurances and the mediator's bridging proposals \
                 (bridge = true) make commitments",
            ));
        }
    }
    let (milestones, duration) = build_milestones(ctx, &c, kind, bridge)?;
    if c.text.trim().is_empty() {
        return Err(ctx.error(
            c.id.span(),
            format!("card `{}` has no text", c.id.get_ref()),
            "write the rule in plain words: what it costs and exactly what it does",
        ));
    }
    let voice = voices.member(
        ctx,
        c.voice.as_ref(),
        seats == [Seat::Mediator],
        &format!("{} may play this card", seat_list(&seats)),
    )?;
    let actor = if delegations_only {
        Actor::AlwaysDelegation
    } else if seats == [Seat::Mediator] {
        Actor::Mediator
    } else {
        Actor::MaybeMediator
    };
    Ok(Card {
        effects: Effects {
            sets,
            clears,
            actors,
            ..build_effects(ctx, &c.effects, actor)?
        },
        requires,
        id: c.id.into_inner(),
        name: c.name,
        kind,
        seats,
        deck,
        cost: c.cost.0 as u8,
        basket: c.basket,
        credibility: c.credibility.map_or(0, |v| v.into_inner().0 as i8),
        duration,
        milestones,
        verify,
        monitors,
        sovereignty_cost: c
            .sovereignty_cost
            .map_or(if sends { DEFAULT_SOVEREIGNTY_COST } else { 0 }, |v| {
                v.into_inner().0 as u8
            }),
        bridge,
        text: c.text,
        flavour: c.flavour,
        voice,
    })
}

/// Seats in words, by their keys: `pakistan`, `pakistan and mediator`.
fn seat_list(seats: &[Seat]) -> String {
    let keys: Vec<&str> = seats.iter().map(|s| s.key()).collect();
    match keys.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => keys.join(""),
    }
}
