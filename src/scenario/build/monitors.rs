//! Kinds of monitoring: a verification card's `monitors` (with the first format's
//! `intrusive`, which means international monitors) and a brief's `refuses_monitors`.

use super::*;
use crate::engine::MonitorKind;

/// The kind a name stands for, or an error at the name listing the kinds.
pub(super) fn monitor_kind(
    ctx: &FileCtx,
    name: &Spanned<String>,
) -> Result<MonitorKind, ScenarioError> {
    MonitorKind::from_key(name.get_ref()).ok_or_else(|| {
        let known: Vec<String> = MonitorKind::NAMES.iter().map(|n| n.to_string()).collect();
        let kinds = MonitorKind::NAMES.map(|n| format!("\"{n}\"")).join(", ");
        let hint = match closest(name.get_ref(), &known) {
            Some(best) => format!("did you mean `{best}`? The kinds are {kinds}"),
            None => format!("use one of the kinds: {kinds}"),
        };
        ctx.error(
            name.span(),
            format!("unknown kind of monitoring `{}`", name.get_ref()),
            &hint,
        )
    })
}

/// A card's kind of monitoring from `monitors` and `intrusive`: `intrusive = true` is
/// international monitors, `intrusive = false` none; both given must agree (`intrusive =
/// false` agrees only with joint monitoring, which sends nobody onto the ground).
pub(super) fn card_monitors(
    ctx: &FileCtx,
    c: &raw::CardFile,
) -> Result<Option<MonitorKind>, ScenarioError> {
    let intrusive = c.intrusive.as_ref().map(|b| *b.get_ref());
    let Some(name) = &c.monitors else {
        return Ok(intrusive
            .unwrap_or(false)
            .then_some(MonitorKind::International));
    };
    let kind = monitor_kind(ctx, name)?;
    match intrusive {
        Some(true) if kind != MonitorKind::International => Err(ctx.error(
            name.span(),
            format!("`intrusive = true` means international monitors, but `monitors` says {kind}"),
            &format!(
                "remove `intrusive`: monitors = \"{}\" says the kind on its own (intrusive = \
                 true is the older way to write monitors = \"international\")",
                kind.key()
            ),
        )),
        Some(false) if kind.on_the_ground() => Err(ctx.error(
            name.span(),
            format!(
                "`intrusive = false` means no monitors on the ground, but `monitors` sends {kind}"
            ),
            &format!(
                "remove `intrusive`: monitors = \"{}\" says the kind on its own",
                kind.key()
            ),
        )),
        _ => Ok(Some(kind)),
    }
}

/// A brief's `refuses_monitors`: known kinds, each named once.
pub(super) fn refused_kinds(
    ctx: &FileCtx,
    names: &[Spanned<String>],
) -> Result<Vec<MonitorKind>, ScenarioError> {
    let mut kinds = Vec::new();
    for name in names {
        let kind = monitor_kind(ctx, name)?;
        if kinds.contains(&kind) {
            return Err(ctx.error(
                name.span(),
                format!("`{}` is refused twice", kind.key()),
                "name each kind once in refuses_monitors",
            ));
        }
        kinds.push(kind);
    }
    Ok(kinds)
}
