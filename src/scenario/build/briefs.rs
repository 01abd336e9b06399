//! The seats' confidential briefs, with their red lines: words only, or words and a rule
//! from the engine's vocabulary ([`RedLineRule::NAMES`]) with its cost.

use super::*;
use crate::engine::{Brief, RedLine, RedLineCheck, RedLineRule};

/// Builds one seat's brief, checking every red line that names a rule.
pub(super) fn build_brief(ctx: &FileCtx, file: raw::BriefFile) -> Result<Brief, ScenarioError> {
    let red_lines = file
        .red_lines
        .into_iter()
        .map(|line| red_line(ctx, line))
        .collect::<Result<Vec<_>, _>>()?;
    let refuses_monitors = refused_kinds(ctx, &file.refuses_monitors)?;
    Ok(Brief {
        refuses_monitors,
        situation: file.situation,
        red_lines,
        may_concede: file.may_concede,
        alternative: file.alternative,
    })
}

fn red_line(ctx: &FileCtx, line: raw::RedLineFile) -> Result<RedLine, ScenarioError> {
    match line {
        raw::RedLineFile::Text(text) => Ok(RedLine::words(text)),
        raw::RedLineFile::Checked(line) => Ok(RedLine {
            check: Some(RedLineCheck {
                rule: rule(ctx, &line)?,
                cost: line.cost.0 as u8,
            }),
            text: line.text,
        }),
    }
}

/// The rule a checked red line names, with its meter and value for the meter rules.
fn rule(ctx: &FileCtx, line: &raw::CheckedRedLineFile) -> Result<RedLineRule, ScenarioError> {
    let name = line.rule.get_ref().as_str();
    let bounded = name == "meter_floor" || name == "meter_ceiling";
    if !bounded {
        refuse_meter_fields(ctx, line)?;
    }
    Ok(match name {
        "accord_without_afghan_security" => RedLineRule::AccordWithoutAfghanSecurity,
        "accord_without_pakistani_assurance" => RedLineRule::AccordWithoutPakistaniAssurance,
        "accord_without_verification" => RedLineRule::AccordWithoutVerification,
        "monitors_without_consent" => RedLineRule::MonitorsWithoutConsent,
        "walkout" => RedLineRule::Walkout,
        "breakdown" => RedLineRule::Breakdown,
        "accord_refused" => RedLineRule::AccordRefused,
        "meter_floor" | "meter_ceiling" => {
            let (meter, value) = meter_bound(ctx, line)?;
            if name == "meter_floor" {
                RedLineRule::MeterFloor { meter, value }
            } else {
                RedLineRule::MeterCeiling { meter, value }
            }
        }
        _ => return Err(unknown_rule(ctx, &line.rule)),
    })
}

fn unknown_rule(ctx: &FileCtx, rule: &Spanned<String>) -> ScenarioError {
    let known: Vec<String> = RedLineRule::NAMES.iter().map(|n| n.to_string()).collect();
    let hint = match closest(rule.get_ref(), &known) {
        Some(best) => format!("did you mean `{best}`? The rules are listed in docs/scenarios.md"),
        None => format!("use one of: {}", RedLineRule::NAMES.join(", ")),
    };
    ctx.error(
        rule.span(),
        format!("unknown red-line rule `{}`", rule.get_ref()),
        &hint,
    )
}

/// A rule other than the meter rules takes neither `meter` nor `value`.
fn refuse_meter_fields(ctx: &FileCtx, line: &raw::CheckedRedLineFile) -> Result<(), ScenarioError> {
    let span = line
        .meter
        .as_ref()
        .map(Spanned::span)
        .or(line.value.as_ref().map(Spanned::span));
    match span {
        Some(span) => Err(ctx.error(
            span,
            format!(
                "the red-line rule `{}` takes no meter or value",
                line.rule.get_ref()
            ),
            "remove `meter` and `value`: only meter_floor and meter_ceiling take them",
        )),
        None => Ok(()),
    }
}

/// The meter and value of a `meter_floor` or `meter_ceiling` rule, both required, the value
/// within the meter's range.
fn meter_bound(
    ctx: &FileCtx,
    line: &raw::CheckedRedLineFile,
) -> Result<(Meter, u8), ScenarioError> {
    let (Some(meter), Some(value)) = (&line.meter, &line.value) else {
        return Err(ctx.error(
            line.rule.span(),
            format!(
                "the red-line rule `{}` needs a meter and a value",
                line.rule.get_ref()
            ),
            "add `meter = \"sovereignty\", value = 15` (any meter, and a value within its range)",
        ));
    };
    let (meter, level) = (*meter.get_ref(), value.get_ref().0 as u8);
    if level > meter.max() {
        return Err(ctx.error(
            value.span(),
            format!("{level} is out of range for {meter}"),
            &format!("{meter} runs from 0 to {}", meter.max()),
        ));
    }
    Ok((meter, level))
}
