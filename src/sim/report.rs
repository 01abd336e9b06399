//! Text renderings of a simulation: the short summary and the balance report.

use super::stats::wilson_interval;
use super::{SimConfig, SimReport};
use crate::engine::Seat;
use std::fmt::Write;

/// Games a card must be played in, as a share of the games it was playable in, not to be dead.
pub const DEAD_CARD_RATE: f64 = 0.02;

fn header(config: &SimConfig, report: &SimReport) -> String {
    let seats: Vec<String> = Seat::ALL
        .iter()
        .map(|s| format!("{}={}", s.key(), config.policies[s.index()]))
        .collect();
    format!(
        "{}: {} games, seed {}, {}\n",
        config.scenario.title,
        report.games,
        config.seed,
        seats.join(" ")
    )
}

fn speed(report: &SimReport) -> String {
    let mut out = format!(
        "Speed: {:.0} games/s on {} thread(s)\n",
        report.games_per_second, report.threads
    );
    for (policy, t) in &report.decision_ms {
        let _ = writeln!(
            out,
            "Decision time {policy:<7} p50 {:.3} ms  p95 {:.3} ms  max {:.3} ms  ({} decisions)",
            t.p50, t.p95, t.max, t.count
        );
    }
    out
}

/// The accord measures read from the logs, on one line: the share of games signed, the
/// durable peaces that rest on no tested, verified Afghan Security commitment, and the mean
/// implementation (none under rules version 1, where signing ends the game). `lead` names
/// the share of games signed.
fn accords_line(lead: &str, report: &SimReport) -> String {
    let signed = 100.0 * f64::from(report.accords_signed) / f64::from(report.games.max(1));
    format!(
        "{lead}: {signed:.1}% · durable peaces without a tested, verified Afghan \
         Security commitment: {} of {} · mean implementation: {:.1} rounds\n",
        report.durable_without_afghan_security,
        report.outcomes["durable_peace"],
        report.mean_implementation_rounds
    )
}

/// The default output of `ceasefire sim`: outcomes, mean scores, speed.
pub fn render_summary(config: &SimConfig, report: &SimReport) -> String {
    let mut out = header(config, report);
    out.push_str("Outcomes:\n");
    for (kind, count) in &report.outcomes {
        let share = 100.0 * f64::from(*count) / f64::from(report.games.max(1));
        let _ = writeln!(out, "  {kind:<15} {count:>7}  {share:5.1}%");
    }
    out.push_str("Mean score:\n");
    for seat in Seat::ALL {
        let _ = writeln!(
            out,
            "  {:<15} {:>7.2} ± {:.2}",
            seat.key(),
            report.mean_score[seat.key()],
            report.score_ci95[seat.key()]
        );
    }
    out.push_str(&accords_line("Accords signed", report));
    let _ = writeln!(out, "Mean actions per game: {:.1}", report.mean_actions);
    out.push_str(&speed(report));
    out
}

/// The design's balance targets (`GAME_DESIGN.md`): with the same bots in every seat, durable
/// peace, the fragile outcomes and breakdown each in at least 10% of games; each checked, and
/// for a miss what an author can turn.
fn targets(config: &SimConfig, report: &SimReport) -> String {
    let games = f64::from(report.games.max(1));
    let share = |keys: &[&str]| {
        100.0
            * keys
                .iter()
                .map(|k| f64::from(report.outcomes[*k]))
                .sum::<f64>()
            / games
    };
    let checks = [
        (
            "durable peace",
            share(&["durable_peace"]),
            "durable peace is rare: raise starting Trust, lower the Verification threshold or \
             make verification cards cheaper",
        ),
        (
            "fragile outcomes",
            share(&["fragile_accord", "fragile_pause"]),
            "the fragile middle is rare: the talks either succeed or collapse; soften the \
             swings of events and broken pledges",
        ),
        (
            "breakdown",
            share(&["breakdown"]),
            "breakdowns are rare, so the talks may be too easy: lower starting Trust or \
             Security, lower enforcement capacity, or make events harsher",
        ),
    ];
    let mut out = String::from("\nAgainst the design's targets (each at least 10% of games)\n");
    if config.policies.iter().any(|p| *p != config.policies[0]) {
        out.push_str("  (the targets assume the same bots in every seat; these differ)\n");
    }
    if config.policies.contains(&crate::bot::Policy::Random) {
        out.push_str(
            "  (random bots rarely sign anything: measure balance with --seat SEAT=normal)\n",
        );
    }
    for (name, rate, advice) in checks {
        let mark = if rate >= 10.0 { "✓" } else { "✗" };
        let _ = writeln!(out, "  {mark} {name:<17} {rate:5.1}%");
        if rate < 10.0 {
            let _ = writeln!(out, "      {advice}");
        }
    }
    out
}

/// `ceasefire sim --report`: outcome rates with confidence intervals, scores, dead and
/// dominant cards.
pub fn render_report(config: &SimConfig, report: &SimReport) -> String {
    let mut out = header(config, report);
    let games = u64::from(report.games);
    out.push_str("\nOutcome rates (95% confidence interval)\n");
    for (kind, count) in &report.outcomes {
        let (low, high) = wilson_interval(u64::from(*count), games);
        let rate = 100.0 * *count as f64 / games.max(1) as f64;
        let _ = writeln!(
            out,
            "  {kind:<15} {rate:5.1}%  [{:5.1}% – {:5.1}%]",
            100.0 * low,
            100.0 * high
        );
    }
    let accords = report.outcomes["durable_peace"] + report.outcomes["fragile_accord"];
    let fragile = report.outcomes["fragile_accord"] + report.outcomes["fragile_pause"];
    let _ = writeln!(
        out,
        "  accord signed   {:5.1}%   fragile outcomes {:5.1}%",
        100.0 * f64::from(accords) / games.max(1) as f64,
        100.0 * f64::from(fragile) / games.max(1) as f64
    );
    out.push_str(&accords_line("  from the logs, accords signed", report));
    out.push_str(&targets(config, report));
    out.push_str("\nMean score per seat (± 95% CI)\n");
    for seat in Seat::ALL {
        let _ = writeln!(
            out,
            "  {:<12} {:>6.2} ± {:.2}",
            seat.key(),
            report.mean_score[seat.key()],
            report.score_ci95[seat.key()]
        );
    }
    let rate = |c: &super::CardStats| f64::from(c.played) / f64::from(c.playable.max(1));
    let mut dead: Vec<_> = report
        .cards
        .iter()
        .filter(|c| c.playable == 0 || rate(c) < DEAD_CARD_RATE)
        .collect();
    dead.sort_by(|a, b| rate(a).total_cmp(&rate(b)));
    let _ = writeln!(
        out,
        "\nDead cards (played in under {:.0}% of the games they were playable in): {}",
        100.0 * DEAD_CARD_RATE,
        if dead.is_empty() { "none" } else { "" }
    );
    for card in dead {
        let _ = writeln!(
            out,
            "  {:<28} played {:>5} / playable {:>5}",
            card.id, card.played, card.playable
        );
    }
    let mean_all = Seat::ALL
        .iter()
        .map(|s| report.mean_score[s.key()])
        .sum::<f64>()
        / 3.0;
    let mut dominant: Vec<_> = report
        .cards
        .iter()
        .filter(|c| c.played >= 20 && rate(c) >= 0.5)
        .filter_map(|c| c.mean_score_when_played.map(|m| (c, m - mean_all)))
        .collect();
    dominant.sort_by(|a, b| b.1.total_cmp(&a.1));
    out.push_str(
        "\nMost dominant cards (played in at least half the games they could be; score lift: the \
         mean score of the games it was played in, less the mean of all games)\n",
    );
    for (card, lift) in dominant.iter().take(5) {
        let _ = writeln!(
            out,
            "  {:<28} played in {:>5.1}% of its games  score lift {lift:+.2}",
            card.id,
            100.0 * rate(card)
        );
    }
    out.push('\n');
    out.push_str(&speed(report));
    out
}
