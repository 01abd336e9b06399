//! Text renderings of a simulation: the short summary and the balance report.

use super::advice::{Check, Probe, TARGET_MAX, TARGET_MIN, advise, candidates, checks};
use super::knobs::Knob;
use super::stats::wilson_interval;
use super::{CardStats, SimConfig, SimReport};
use crate::engine::Seat;
use std::fmt::Write;

/// Games a card must be played in, as a share of the games it was playable in, not to be dead.
pub const DEAD_CARD_RATE: f64 = 0.02;
/// A card is dominant when it is played in more than this share of the games it was
/// playable in …
pub const DOMINANT_PLAY_RATE: f64 = 0.5;
/// … and its player's score in those games beats that seat's mean score by at least this
/// many points (see [`CardStats::score_lift`]) …
pub const DOMINANT_SCORE_LIFT: f64 = 3.0;
/// … over at least this many games played, so a handful of lucky games flags nothing.
pub const DOMINANT_MIN_GAMES: u32 = 30;

/// True when a card meets all three thresholds of dominance.
pub fn is_dominant(card: &CardStats) -> bool {
    let rate = f64::from(card.played) / f64::from(card.playable.max(1));
    card.played >= DOMINANT_MIN_GAMES
        && rate > DOMINANT_PLAY_RATE
        && card
            .score_lift
            .is_some_and(|lift| lift >= DOMINANT_SCORE_LIFT)
}

/// The first line of every rendering: scenario, games, seed and the bot at each seat.
pub(super) fn header(config: &SimConfig, games: u32) -> String {
    let seats: Vec<String> = Seat::ALL
        .iter()
        .map(|s| format!("{}={}", s.key(), config.policies[s.index()]))
        .collect();
    format!(
        "{}: {} games, seed {}, {}\n",
        config.scenario.title,
        games,
        config.seed,
        seats.join(" ")
    )
}

/// Games per second in as many digits as say something: whole games when there are ten or
/// more a second, else seconds a game (thinking bots' tables play a game in seconds).
fn rate(games_per_second: f64) -> String {
    if games_per_second >= 10.0 {
        format!("{games_per_second:.0} games/s")
    } else if games_per_second > 0.0 {
        format!(
            "{games_per_second:.2} games/s ({:.1} s a game)",
            1.0 / games_per_second
        )
    } else {
        "0 games/s".to_string()
    }
}

fn speed(report: &SimReport) -> String {
    let mut out = format!(
        "Speed: {} on {} thread(s)\n",
        rate(report.games_per_second),
        report.threads
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
    let mut out = header(config, report.games);
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
/// peace, the fragile outcomes and breakdown each in at least 10% of games, and no outcome in
/// more than half. Each miss comes with the knobs the probe measured moving it, or, without a
/// probe, the sweeps that would measure them.
fn targets(config: &SimConfig, report: &SimReport, probe: Option<&Probe>) -> String {
    let mut out = format!(
        "\nAgainst the design's targets (each at least {TARGET_MIN:.0}% of games; no outcome \
         above {TARGET_MAX:.0}%)\n"
    );
    if config.policies.iter().any(|p| *p != config.policies[0]) {
        out.push_str("  (the targets assume the same bots in every seat; these differ)\n");
    }
    if config.policies.contains(&crate::bot::Policy::Random) {
        out.push_str(
            "  (random bots rarely sign anything: measure balance with --seat SEAT=normal)\n",
        );
    }
    for check in checks(report) {
        let mark = if check.missed() { "✗" } else { "✓" };
        let limit = if check.minimum {
            String::new()
        } else {
            format!("  above {TARGET_MAX:.0}%: one outcome dominates")
        };
        let _ = writeln!(
            out,
            "  {mark} {:<17} {:5.1}%{limit}",
            check.name, check.share
        );
        if check.missed() {
            out.push_str(&miss_advice(&check, probe));
        }
    }
    let missed = checks(report).iter().any(Check::missed);
    if missed && probe.is_none() {
        out.push_str(&sweep_commands(config));
    }
    if let Some(probe) = probe {
        let _ = writeln!(
            out,
            "  (advice measured by a probe: {} runs of {} games, the same seed, each knob one \
             step down and up; {:.1} s)",
            probe.runs, probe.games, probe.seconds
        );
    }
    out
}

/// The sweeps of the candidate knobs around the scenario's values, as commands to run.
fn sweep_commands(config: &SimConfig) -> String {
    let seats: Vec<String> = Seat::ALL
        .iter()
        .map(|s| format!("--seat {}={}", s.key(), config.policies[s.index()]))
        .collect();
    let mut out = String::from("  sweeps of the usual knobs (one step down and up):\n");
    for (key, step) in candidates(&config.scenario) {
        let Ok(knob) = Knob::parse(&key) else {
            continue;
        };
        let Some(now) = knob.current(&config.scenario) else {
            continue;
        };
        let values: Vec<String> = [now - step, now, now + step]
            .iter()
            .filter(|v| knob.value(&v.to_string()).is_ok())
            .map(i64::to_string)
            .collect();
        let _ = writeln!(
            out,
            "    ceasefire sim --scenario {} --seed {} --games 200 {} --sweep {key}={}",
            shell_word(&config.scenario_arg),
            config.seed,
            seats.join(" "),
            values.join(",")
        );
    }
    out
}

/// `text` as one word of a POSIX shell command: quoted when it holds anything a shell would
/// read specially (a folder path with spaces, say).
fn shell_word(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "-_./:@+=,".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// What to turn for a missed check: the probe's best knobs with their measured shares, or the
/// sweeps to run when there was no probe.
fn miss_advice(check: &Check, probe: Option<&Probe>) -> String {
    let way = if check.minimum { "raise" } else { "lower" };
    let Some(probe) = probe else {
        return format!(
            "      to {way} it, run the sweeps below and compare their {} shares\n",
            check.name
        );
    };
    let advice = advise(probe, check, 2);
    if advice.is_empty() {
        return format!(
            "      no candidate knob moved it the right way on the probe's {} games: try a \
             wider `sim --sweep` of the settings in docs/scenarios.md, or change the cards\n",
            probe.games
        );
    }
    let mut out = String::new();
    for a in advice {
        let step = format!("{} {} → {}", a.effect.key, a.effect.from, a.effect.to);
        let shares = format!("{} {:.1}% → {:.1}%", check.name, a.before, a.after);
        if a.clear {
            let _ = writeln!(out, "      {way} it with {step}: {shares}");
        } else {
            let _ = writeln!(
                out,
                "      perhaps {step}: {shares}, within the probe's noise; confirm with \
                 more games: sim --games 1000 --sweep {}={},{}",
                a.effect.key, a.effect.from, a.effect.to
            );
        }
    }
    out
}

/// `ceasefire sim --report`: outcome rates with confidence intervals, the design's targets
/// (with the probe's advice for a miss, when one was run), scores, dead and dominant cards.
pub fn render_report(config: &SimConfig, report: &SimReport, probe: Option<&Probe>) -> String {
    let mut out = header(config, report.games);
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
    out.push_str(&targets(config, report, probe));
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
    let rate = |c: &CardStats| f64::from(c.played) / f64::from(c.playable.max(1));
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
    let mut dominant: Vec<_> = report.cards.iter().filter(|c| is_dominant(c)).collect();
    dominant.sort_by(|a, b| {
        let lift = |c: &CardStats| c.score_lift.unwrap_or(0.0);
        lift(b).total_cmp(&lift(a))
    });
    let _ = writeln!(
        out,
        "\nDominant cards (played in over {:.0}% of the games they were playable in, at least {} \
         games, and a score lift of {:+.1} or more: the mean score of the seat that played it, \
         less that seat's mean over all games): {}",
        100.0 * DOMINANT_PLAY_RATE,
        DOMINANT_MIN_GAMES,
        DOMINANT_SCORE_LIFT,
        if dominant.is_empty() { "none" } else { "" }
    );
    for card in dominant {
        let _ = writeln!(
            out,
            "  {:<28} played in {:>5.1}% of its games  score lift {:+.2}",
            card.id,
            100.0 * rate(card),
            card.score_lift.unwrap_or(0.0)
        );
    }
    out.push('\n');
    out.push_str(&speed(report));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(id: &str, playable: u32, played: u32, lift: f64) -> CardStats {
        CardStats {
            id: id.into(),
            name: id.into(),
            playable,
            played,
            mean_score_when_played: Some(lift),
            score_lift: Some(lift),
        }
    }

    #[test]
    fn a_slow_run_says_its_speed_in_seconds_a_game() {
        assert_eq!(rate(12_345.6), "12346 games/s");
        assert_eq!(rate(0.2), "0.20 games/s (5.0 s a game)");
        assert_eq!(rate(0.0), "0 games/s");
    }

    #[test]
    fn a_dominant_card_meets_all_three_thresholds() {
        assert!(is_dominant(&card("strong", 100, 60, 3.5)));
        // Played in exactly half its games: not over the rate.
        assert!(!is_dominant(&card("half", 100, 50, 5.0)));
        // Often played, but its player does no better than usual.
        assert!(!is_dominant(&card("habit", 100, 90, 2.9)));
        // Too few games to tell.
        assert!(!is_dominant(&card("rare", 40, 29, 8.0)));
        let never = CardStats {
            score_lift: None,
            ..card("never", 0, 0, 0.0)
        };
        assert!(!is_dominant(&never));
    }

    #[test]
    fn suggested_sweeps_name_the_scenario_as_it_was_given() {
        let scenario = crate::scenario::ScenarioSource::builtin("istanbul")
            .unwrap()
            .build()
            .unwrap();
        let config = SimConfig {
            scenario: std::sync::Arc::new(scenario),
            scenario_arg: "/home/ana/my decks/border".into(),
            games: 10,
            seed: 3,
            policies: [crate::bot::Policy::Random; 3],
            progress: false,
            decision_times: false,
        };
        let commands = sweep_commands(&config);
        assert!(
            commands.contains("--scenario '/home/ana/my decks/border' --seed 3"),
            "{commands}"
        );
        assert!(!commands.contains("--scenario istanbul"), "{commands}");
        assert!(
            commands.contains("--sweep actors.armed_groups.strength="),
            "an actor's strength is one of the knobs: {commands}"
        );
        assert_eq!(shell_word("decks/doha"), "decks/doha");
        assert_eq!(shell_word("it's"), "'it'\\''s'");
    }
}
