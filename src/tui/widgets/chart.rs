//! A text chart of the meters over the game: one row per meter, one cell per recorded point,
//! drawn with the eight block heights so it reads the same with or without colour.

use crate::engine::{Meter, Meters, Scenario};
use crate::tui::theme::Theme;
use crate::tui::widgets::meters::{name_width, short_name};
use ratatui::prelude::*;

const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/// Columns per recorded point.
const CELL: usize = 3;

/// An axis line, then one bar row per meter over `history` (the start, then each round's
/// end), with the first and last values.
pub fn lines(scenario: &Scenario, history: &[Meters], theme: Theme) -> Vec<Line<'static>> {
    let names = name_width(scenario);
    let axis: String = (0..history.len())
        .map(|i| {
            if i == 0 {
                format!("{:<CELL$}", "S")
            } else {
                format!("{i:<CELL$}")
            }
        })
        .collect();
    let mut out = vec![Line::styled(
        format!("{:<names$}{axis}  (S: start; n: end of round n)", ""),
        theme.dim(),
    )];
    out.extend(Meter::ALL.iter().map(|&meter| {
        let values: Vec<u8> = history.iter().map(|m| m.get(meter)).collect();
        let spark: String = values
            .iter()
            .map(|&v| {
                format!(
                    "{:<CELL$}",
                    level(v, meter.max()).to_string().repeat(CELL - 1)
                )
            })
            .collect();
        let first = values.first().copied().unwrap_or(0);
        let last = values.last().copied().unwrap_or(0);
        Line::from(vec![
            Span::styled(
                format!("{:<names$}", short_name(scenario, meter)),
                theme.text(),
            ),
            Span::styled(spark, theme.good()),
            Span::styled(format!("  {first:>3} → {last:<3}"), theme.dim()),
        ])
    }));
    out
}

fn level(value: u8, max: u8) -> char {
    let index = usize::from(value) * (LEVELS.len() - 1) / usize::from(max.max(1));
    LEVELS[index.min(LEVELS.len() - 1)]
}

#[cfg(test)]
mod tests {
    use super::level;

    #[test]
    fn levels_span_the_range() {
        assert_eq!(level(0, 100), '▁');
        assert_eq!(level(100, 100), '█');
        assert_eq!(level(5, 5), '█');
    }
}
