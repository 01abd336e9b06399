//! `requires` tables (meter comparisons, rounds, baskets, flags) and the flags that cards and
//! event choices set: every flag must be set somewhere and read somewhere.

use super::*;
use crate::engine::{ActorBound, ActorId, BasketNeed, FlagId, MAX_STRENGTH};

/// The most rounds a scenario has (`rounds` is 1–30).
const MAX_ROUNDS: i64 = 30;

/// How a flag is used at one place.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum FlagUse {
    /// `sets = [...]`.
    Set,
    /// `clears = [...]`.
    Clear,
    /// `flag = ...` or `not_flag = ...` in a `requires`.
    Read,
}

/// One use of a flag, with its place.
struct Use<'a> {
    flag: FlagId,
    how: FlagUse,
    path: std::path::PathBuf,
    text: &'a str,
    span: Range<usize>,
}

/// Every flag named in the scenario, numbered in the order first met, with each place it is
/// used.
#[derive(Default)]
pub(super) struct FlagRegistry<'a> {
    names: Vec<String>,
    index: HashMap<String, FlagId>,
    uses: Vec<Use<'a>>,
}

impl<'a> FlagRegistry<'a> {
    /// The flag named `name` at `span` of `ctx`, recorded as used there.
    pub(super) fn flag(
        &mut self,
        ctx: &FileCtx<'a>,
        name: &str,
        span: Range<usize>,
        how: FlagUse,
    ) -> Result<FlagId, ScenarioError> {
        let good = name.chars().next().is_some_and(|c| c.is_ascii_lowercase())
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
        if !good {
            return Err(ctx.error(
                span,
                format!("`{name}` is not a flag name"),
                "a flag's name is lower-case snake_case, starting with a letter: \
                 talks_moved_to_doha",
            ));
        }
        let flag = match self.index.get(name) {
            Some(&flag) => flag,
            None => {
                let flag = FlagId(self.names.len() as u16);
                self.names.push(name.to_string());
                self.index.insert(name.to_string(), flag);
                flag
            }
        };
        self.uses.push(Use {
            flag,
            how,
            path: ctx.path.clone(),
            text: ctx.text,
            span,
        });
        Ok(flag)
    }

    /// The flags of a `sets` or `clears` list.
    pub(super) fn list(
        &mut self,
        ctx: &FileCtx<'a>,
        names: &[Spanned<String>],
        how: FlagUse,
    ) -> Result<Vec<FlagId>, ScenarioError> {
        let mut flags = names
            .iter()
            .map(|name| self.flag(ctx, name.get_ref(), name.span(), how))
            .collect::<Result<Vec<_>, _>>()?;
        flags.sort();
        flags.dedup();
        Ok(flags)
    }

    /// Reports each flag that is read (or cleared) but never set, at its first such use, and
    /// each flag set but never read, at the first place it is set; a hint names the closest
    /// flag that is set (or read).
    pub(super) fn check(&self, problems: &mut Problems) {
        let used =
            |flag: FlagId, how: FlagUse| self.uses.iter().any(|u| u.flag == flag && u.how == how);
        let names_used = |how: FlagUse| -> Vec<String> {
            let mut names: Vec<String> = self
                .names
                .iter()
                .enumerate()
                .filter(|&(i, _)| used(FlagId(i as u16), how))
                .map(|(_, name)| name.clone())
                .collect();
            names.sort();
            names
        };
        for (i, name) in self.names.iter().enumerate() {
            let flag = FlagId(i as u16);
            // The earliest use in the file that names the flag first.
            let Some(file) = self.uses.iter().find(|u| u.flag == flag) else {
                continue;
            };
            let first = self
                .uses
                .iter()
                .filter(|u| u.flag == flag && u.path == file.path)
                .min_by_key(|u| u.span.start)
                .unwrap_or(file);
            let (message, hint) = if !used(flag, FlagUse::Set) {
                let hint = match closest(name, &names_used(FlagUse::Set)) {
                    Some(best) => format!("did you mean `{best}`? That flag is set"),
                    None => format!(
                        "set it with sets = [\"{name}\"] on an option of an event's choice or \
                         on a card, or remove this condition"
                    ),
                };
                (
                    format!(
                        "flag `{name}` is never set: no card or event choice has \
                         sets = [\"{name}\"]"
                    ),
                    hint,
                )
            } else if !used(flag, FlagUse::Read) {
                let hint = match closest(name, &names_used(FlagUse::Read)) {
                    Some(best) => format!("did you mean `{best}`? That flag is read"),
                    None => format!(
                        "read it with requires = {{ flag = \"{name}\" }} on an event, a card \
                         or an objective, or do not set it"
                    ),
                };
                (
                    format!("flag `{name}` is set but never read: no `requires` names it"),
                    hint,
                )
            } else {
                continue;
            };
            problems.push(ScenarioError::at(
                &first.path,
                first.text,
                first.span.clone(),
                message,
                hint,
            ));
        }
    }

    /// The flags' names, by [`FlagId`].
    pub(super) fn into_names(self) -> Vec<String> {
        self.names
    }
}

/// A comparison operator of a `requires` value.
#[derive(Clone, Copy, Debug)]
enum Op {
    AtLeast,
    Above,
    AtMost,
    Below,
    Equal,
}

/// `">= 40"` read as an operator and a number; otherwise the byte offset in `text` of what is
/// wrong, and what.
fn comparison(text: &str) -> Result<(Op, i64), (usize, String)> {
    let start = text.len() - text.trim_start().len();
    let rest = &text[start..];
    let ops = [
        (">=", Op::AtLeast),
        ("≥", Op::AtLeast),
        ("<=", Op::AtMost),
        ("≤", Op::AtMost),
        ("==", Op::Equal),
        (">", Op::Above),
        ("<", Op::Below),
        ("=", Op::Equal),
    ];
    for (wrong, right) in [("=>", ">="), ("=<", "<=")] {
        if rest.starts_with(wrong) {
            return Err((start, format!("write `{right}`, not `{wrong}`")));
        }
    }
    let Some((symbol, op)) = ops.iter().find(|(symbol, _)| rest.starts_with(symbol)) else {
        return Err((start, "a comparison starts with >=, >, <=, < or =".into()));
    };
    let after = start + symbol.len();
    let number = text[after..].trim();
    let at = after + (text[after..].len() - text[after..].trim_start().len());
    match number.parse::<i64>() {
        Ok(n) if number.chars().all(|c| c.is_ascii_digit()) => Ok((*op, n)),
        _ => Err((at, format!("`{number}` is not a whole number, 0 or more"))),
    }
}

/// The place in the file of byte `offset` of a string written at `span` (its opening quote
/// first). Exact for strings without escapes, which comparisons are.
fn inside(span: &Range<usize>, offset: usize) -> Range<usize> {
    let at = (span.start + 1 + offset).min(span.end.saturating_sub(1).max(span.start));
    at..at + 1
}

/// The lowest and highest value the comparisons at `value` allow, within `low..=high`.
fn bounds(
    ctx: &FileCtx,
    key: &str,
    value: &Spanned<raw::Strings>,
    low: i64,
    high: i64,
) -> Result<(i64, i64), ScenarioError> {
    let (mut least, mut most) = (low, high);
    for (text, span) in value.get_ref().spanned(value.span()) {
        let (op, n) = comparison(&text).map_err(|(offset, why)| {
            ctx.error(
                inside(&span, offset),
                format!("`{text}` is not a comparison: {why}"),
                &format!(
                    "write an operator and a whole number in quotes, like {key} = \">= 3\"; a \
                     range is a list: {key} = [\">= 2\", \"<= 4\"]"
                ),
            )
        })?;
        if n < low || n > high {
            return Err(ctx.error(
                span,
                format!("{n} is out of range for {key}: expected {low} to {high}"),
                "escalation runs from 0 to 5, rounds from 1 to 30, every other meter and an \
                 actor's strength from 0 to 100",
            ));
        }
        match op {
            Op::AtLeast => least = least.max(n),
            Op::Above => least = least.max(n + 1),
            Op::AtMost => most = most.min(n),
            Op::Below => most = most.min(n - 1),
            Op::Equal => {
                least = least.max(n);
                most = most.min(n);
            }
        }
    }
    if least > most {
        return Err(ctx.error(
            value.span(),
            format!("this condition on {key} can never hold"),
            &format!("{key} runs from {low} to {high}: loosen the comparison, or remove it"),
        ));
    }
    Ok((least, most))
}

/// A `requires` table as the engine checks it, its flags and actors recorded as read. `own`
/// is the actor whose act it is: only there may `strength` be written.
pub(super) fn build_requires<'a>(
    ctx: &FileCtx<'a>,
    r: &raw::RequiresFile,
    refs: &mut Refs<'a>,
    own: Option<ActorId>,
) -> Result<Requirements, ScenarioError> {
    let mut meters = build_bounds(ctx, &r.min, &r.max)?;
    for (meter, value) in r.meter_comparisons() {
        let Some(value) = value else { continue };
        let high = i64::from(meter.max());
        let (least, most) = bounds(ctx, meter.key(), value, 0, high)?;
        if least > 0 {
            meters.min.push((meter, least as u8));
        }
        if most < high {
            meters.max.push((meter, most as u8));
        }
    }
    let (min_round, max_round) = match &r.round {
        Some(value) => {
            let (least, most) = bounds(ctx, "round", value, 1, MAX_ROUNDS)?;
            (least as u8, most as u8)
        }
        None => (0, u8::MAX),
    };
    let actors = actor_bounds(ctx, r, refs, own)?;
    let mut baskets = Vec::new();
    baskets.extend(r.agreed.map(|b| (b, BasketNeed::Agreed)));
    baskets.extend(r.open.map(|b| (b, BasketNeed::Open)));
    baskets.extend(r.baskets.iter().map(|(&b, &need)| (b, need)));
    let mut read = |value: &Option<Spanned<raw::Strings>>| -> Result<Vec<FlagId>, ScenarioError> {
        let Some(value) = value else {
            return Ok(Vec::new());
        };
        let mut list = value
            .get_ref()
            .spanned(value.span())
            .into_iter()
            .map(|(name, span)| refs.flags.flag(ctx, &name, span, FlagUse::Read))
            .collect::<Result<Vec<_>, _>>()?;
        list.sort();
        list.dedup();
        Ok(list)
    };
    let set = read(&r.flag)?;
    let not_set = read(&r.not_flag)?;
    Ok(Requirements {
        meters,
        actors,
        min_round,
        max_round,
        baskets,
        flags: set,
        not_flags: not_set,
    })
}

/// The actors' strength ranges of a `requires`: `actor.<id> = ...`, and in an act `strength`
/// for the acting actor's own.
fn actor_bounds(
    ctx: &FileCtx,
    r: &raw::RequiresFile,
    refs: &mut Refs,
    own: Option<ActorId>,
) -> Result<Vec<ActorBound>, ScenarioError> {
    let mut named = Vec::new();
    if let Some(value) = &r.strength {
        let Some(own) = own else {
            return Err(ctx.error(
                key_before(ctx.text, value.span(), "strength"),
                "`strength` is only for an actor's acts".into(),
                "to read an actor's strength here, name it: actor.<id> = \">= 60\"",
            ));
        };
        named.push((own, "strength".to_string(), value));
    }
    for (name, value) in &r.actor {
        let span = key_before(ctx.text, value.span(), name);
        if let Some(actor) = refs.actors.actor(ctx, name, span, ActorUse::Read)? {
            named.push((actor, format!("actor.{name}"), value));
        }
    }
    let high = i64::from(MAX_STRENGTH);
    let mut out = Vec::new();
    for (actor, key, value) in named {
        let (least, most) = bounds(ctx, &key, value, 0, high)?;
        out.push(ActorBound {
            actor,
            min: least as u8,
            max: most as u8,
        });
    }
    out.sort_by_key(|b| b.actor);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comparisons_read_an_operator_and_a_number() {
        assert!(matches!(comparison(">= 40"), Ok((Op::AtLeast, 40))));
        assert!(matches!(comparison(" <3"), Ok((Op::Below, 3))));
        assert!(matches!(comparison("= 2"), Ok((Op::Equal, 2))));
        assert!(matches!(comparison("≤ 7"), Ok((Op::AtMost, 7))));
        assert_eq!(comparison("=> 40").unwrap_err().0, 0);
        assert_eq!(comparison("40").unwrap_err().0, 0);
        assert_eq!(comparison(">= forty").unwrap_err().0, 3);
    }
}
