//! `[rules]` keys that name a seat: `escalation_pull`, `[rules.pull.<seat>]`,
//! `[rules.walkout.<seat>]` and `[rules.ratification.<seat>]`, checked and turned into the
//! engine's [`Rules`] fields.

use super::*;
use crate::engine::TriggerChange;

/// The seat-naming rules read from `[rules]`.
pub(super) struct SeatRules {
    pub(super) escalation_pull: Vec<Seat>,
    pub(super) pull_changes: Vec<(Seat, TriggerChange)>,
    pub(super) walkout_changes: Vec<(Seat, TriggerChange)>,
    pub(super) ratification: Vec<(Seat, Effects)>,
}

/// Checks and reads the seat-naming rules, recording each mistake in `problems`.
pub(super) fn seat_rules(
    ctx: &FileCtx,
    file: &raw::RulesFile,
    problems: &mut Problems,
) -> SeatRules {
    let escalation_pull = match &file.escalation_pull {
        Some(list) => problems.check(pull_seats(ctx, list)).unwrap_or_default(),
        None => vec![Seat::Pakistan],
    };
    let pull_changes = triggers(ctx, &file.pull, "pull", problems);
    for (seat, span) in trigger_spans(&file.pull) {
        if !escalation_pull.contains(&seat) {
            problems.push(ctx.error(
                span,
                format!(
                    "[rules.pull.{key}] changes the pull of a seat that `escalation_pull` does not list",
                    key = seat.key()
                ),
                &format!(
                    "add \"{key}\" to escalation_pull (for example escalation_pull = [\"pakistan\", \"{key}\"]), or remove [rules.pull.{key}]",
                    key = seat.key()
                ),
            ));
        }
    }
    SeatRules {
        escalation_pull,
        pull_changes,
        walkout_changes: triggers(ctx, &file.walkout, "walkout", problems),
        ratification: ratification(&file.ratification),
    }
}

/// `escalation_pull`: delegations only, each once.
fn pull_seats(ctx: &FileCtx, list: &Spanned<Vec<Seat>>) -> Result<Vec<Seat>, ScenarioError> {
    let seats = list.get_ref();
    if seats.contains(&Seat::Mediator) {
        return Err(ctx.error(
            list.span(),
            "escalation_pull names the mediators, who have no pressure of their own and no strikes to threaten".into(),
            "list delegations only: escalation_pull = [\"pakistan\", \"afghanistan\"]",
        ));
    }
    if seats.len() == 2 && seats[0] == seats[1] {
        return Err(ctx.error(
            list.span(),
            format!("escalation_pull names {} twice", seats[0].key()),
            "name each delegation once: escalation_pull = [\"pakistan\", \"afghanistan\"]",
        ));
    }
    if seats.len() > 2 {
        return Err(ctx.error(
            list.span(),
            "escalation_pull names more seats than there are delegations".into(),
            "name each delegation once: escalation_pull = [\"pakistan\", \"afghanistan\"]",
        ));
    }
    Ok(seats.clone())
}

/// The seats a `[rules.pull]` or `[rules.walkout]` table names, with where.
fn trigger_spans(file: &raw::SeatTriggersFile) -> Vec<(Seat, Range<usize>)> {
    [
        (Seat::Pakistan, &file.pakistan),
        (Seat::Afghanistan, &file.afghanistan),
    ]
    .into_iter()
    .filter_map(|(seat, t)| t.as_ref().map(|t| (seat, t.span())))
    .collect()
}

/// The trigger changes of `[rules.<table>]`; a meter that cannot signal insecurity is refused.
fn triggers(
    ctx: &FileCtx,
    file: &raw::SeatTriggersFile,
    table: &str,
    problems: &mut Problems,
) -> Vec<(Seat, TriggerChange)> {
    let mut changes = Vec::new();
    for (seat, trigger) in [
        (Seat::Pakistan, &file.pakistan),
        (Seat::Afghanistan, &file.afghanistan),
    ] {
        let Some(trigger) = trigger else { continue };
        let trigger = trigger.get_ref();
        if let Some(meter) = &trigger.meter
            && matches!(
                meter.get_ref(),
                Meter::Escalation | Meter::PakistanPressure | Meter::AfghanistanPressure
            )
        {
            problems.push(ctx.error(
                meter.span(),
                format!(
                    "[rules.{table}.{}] cannot be set off by {} falling: it is the meter that falls below `below`",
                    seat.key(),
                    meter.get_ref().key()
                ),
                "use trust, sovereignty, security, border or credibility; the seat's own pressure is `pressure = N`",
            ));
            continue;
        }
        changes.push((
            seat,
            TriggerChange {
                meter: trigger.meter.as_ref().map(|m| *m.get_ref()),
                below: trigger.below.map(|v| v.0 as u8),
                pressure: trigger.pressure.map(|v| v.0 as u8),
            },
        ));
    }
    changes
}

/// `[rules.ratification]` as effects per seat.
fn ratification(file: &raw::RatificationsFile) -> Vec<(Seat, Effects)> {
    [
        (Seat::Pakistan, &file.pakistan),
        (Seat::Afghanistan, &file.afghanistan),
    ]
    .into_iter()
    .filter_map(|(seat, r)| {
        let r = r.as_ref()?;
        let meters = [
            (MeterTarget::OwnPressure, r.pressure),
            (MeterTarget::RivalPressure, r.rival_pressure),
            (MeterTarget::Fixed(Meter::Trust), r.trust),
            (MeterTarget::Fixed(Meter::Sovereignty), r.sovereignty),
            (MeterTarget::Fixed(Meter::Security), r.security),
            (MeterTarget::Fixed(Meter::Border), r.border),
            (MeterTarget::Fixed(Meter::Credibility), r.credibility),
        ]
        .into_iter()
        .filter_map(|(target, delta)| delta.map(|d| (target, d.0 as i8)))
        .filter(|&(_, d)| d != 0)
        .collect();
        let effects = Effects {
            meters,
            capital: r.capital.map_or(0, |c| c.0 as i8),
            ..Effects::default()
        };
        Some((seat, effects))
    })
    .collect()
}
