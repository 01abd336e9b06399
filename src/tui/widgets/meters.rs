//! The meters as gauges: a bar, the value, the change since the seat's last action, and a
//! `!` with the danger line drawn in the bar when a meter is past it.

use crate::engine::words::danger;
use crate::engine::{Meter, Meters, Scenario, Seat};
use crate::tui::theme::Theme;
use ratatui::prelude::*;

/// Short meter names that fit an 80-column screen: a delegation's pressure by its seat's tag
/// in the scenario (`PK pressure`).
pub fn short_name(scenario: &Scenario, meter: Meter) -> String {
    let pressure = |seat| format!("{} pressure", scenario.seat_tag(seat));
    match meter {
        Meter::Trust => "Trust".to_string(),
        Meter::Sovereignty => "Sovereignty".to_string(),
        Meter::Security => "Security".to_string(),
        Meter::Border => "Border".to_string(),
        Meter::Credibility => "Credibility".to_string(),
        Meter::Escalation => "Escalation".to_string(),
        Meter::PakistanPressure => pressure(Seat::Pakistan),
        Meter::AfghanistanPressure => pressure(Seat::Afghanistan),
    }
}

/// The columns of the meters' names: the longest short name and a space, 12 at least (a
/// scenario's three-letter tag makes its pressures one column longer).
pub fn name_width(scenario: &Scenario) -> usize {
    Meter::ALL
        .iter()
        .map(|&meter| short_name(scenario, meter).chars().count() + 1)
        .max()
        .unwrap_or(0)
        .max(12)
}

/// One line per meter, fitted to `width` columns.
pub fn lines(
    scenario: &Scenario,
    meters: Meters,
    since: Meters,
    width: u16,
    theme: Theme,
) -> Vec<Line<'static>> {
    let names = name_width(scenario);
    let bar_width = usize::from(width)
        .saturating_sub(names + 4 + 4 + 2)
        .clamp(4, 40);
    Meter::ALL
        .iter()
        .map(|&meter| {
            let value = meters.get(meter);
            let delta = i32::from(value) - i32::from(since.get(meter));
            let line_at = danger(scenario, meter);
            let crossed = line_at.is_some_and(|d| d.crossed(value));
            let bar = bar(value, meter.max(), line_at.map(|d| d.at), bar_width);
            let delta_text = match delta {
                0 => "    ".to_string(),
                d => format!("{d:+4}"),
            };
            let value_style = if crossed {
                theme.danger()
            } else {
                theme.text()
            };
            Line::from(vec![
                Span::styled(
                    format!("{:<names$}", short_name(scenario, meter)),
                    theme.text(),
                ),
                Span::styled(
                    bar,
                    if crossed {
                        theme.danger()
                    } else {
                        theme.good()
                    },
                ),
                Span::styled(format!("{value:>4}"), value_style),
                Span::styled(delta_text, theme.dim()),
                Span::styled(if crossed { " !" } else { "  " }, theme.danger()),
            ])
        })
        .collect()
}

/// A bar of `width` cells: `█` filled, `·` empty, `│` at the danger line.
fn bar(value: u8, max: u8, line_at: Option<u8>, width: usize) -> String {
    let filled = (usize::from(value) * width + usize::from(max) / 2) / usize::from(max.max(1));
    let mark = line_at.map(|at| (usize::from(at) * width / usize::from(max.max(1))).min(width - 1));
    (0..width)
        .map(|i| match (i < filled, Some(i) == mark) {
            (_, true) => '│',
            (true, false) => '█',
            (false, false) => '·',
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::bar;

    #[test]
    fn bars_fill_in_proportion_and_mark_the_danger_line() {
        assert_eq!(bar(50, 100, None, 10), "█████·····");
        assert_eq!(bar(0, 100, Some(30), 10), "···│······");
        assert_eq!(bar(5, 5, Some(3), 5), "███│█");
    }
}
