//! The scenario-wide settings: seat order, starting meters, basket thresholds, rules and
//! scoring, with the defaults for what a scenario leaves out.

use super::*;

pub(super) fn seat_order(ctx: &FileCtx, file: &ScenarioFile) -> Result<Vec<Seat>, ScenarioError> {
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

pub(super) fn level_or<const MIN: i64, const MAX: i64>(
    value: Option<Ranged<MIN, MAX>>,
    default: u8,
) -> u8 {
    value.map_or(default, |v| v.0 as u8)
}

pub(super) fn start_meters(start: &raw::StartFile) -> Meters {
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

pub(super) fn thresholds(file: &raw::ThresholdsFile) -> [u8; 4] {
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

pub(super) fn rules(
    file: &raw::RulesFile,
    capital: Option<Ranged<0, 10>>,
    seats: SeatRules,
) -> Rules {
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
        version: level_or(file.version, d.version),
        refused_monitors_trust: level_or(file.refused_monitors_trust, d.refused_monitors_trust),
        implementation_rounds: level_or(file.implementation_rounds, d.implementation_rounds),
        renew_capital: level_or(file.renew_capital, d.renew_capital),
        declined_bridge_trust: level_or(file.declined_bridge_trust, d.declined_bridge_trust),
        idle_pressure: level_or(file.idle_pressure, d.idle_pressure),
        ignored_demand_trust: level_or(file.ignored_demand_trust, d.ignored_demand_trust),
        met_demand_relief: level_or(file.met_demand_relief, d.met_demand_relief),
        accord_credibility: level_or(file.accord_credibility, d.accord_credibility),
        implementation_tests: level_or(file.implementation_tests, d.implementation_tests),
        escalation_pull: seats.escalation_pull,
        pull_changes: seats.pull_changes,
        walkout_changes: seats.walkout_changes,
        ratification: seats.ratification,
    }
}

pub(super) fn scoring(file: &raw::ScoringFile) -> Scoring {
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
