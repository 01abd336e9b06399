//! An event written on the spot in the console: its form (title, text, meter changes), the
//! typing into it, and the meter changes read from text like `trust -5, security +3`.

use super::{Dashboard, when_injects_come};
use crate::engine::Meter;
use crate::server::tables::Tables;

/// An event being written on the spot: title, text and meter changes
/// (`trust -5, security +3`), one field at a time.
#[derive(Clone, Debug, Default)]
pub(super) struct SpotForm {
    pub(super) field: usize,
    pub(super) fields: [String; 3],
}

pub(super) const FIELDS: [&str; 3] = ["Title", "Text", "Meters (e.g. trust -5, security +3)"];

/// Reads `trust -5, security +3` into meter changes, within the design's ranges.
pub fn parse_meters(text: &str) -> Result<Vec<(String, i8)>, String> {
    let names: Vec<&str> = Meter::ALL.iter().map(|m| m.key()).collect();
    text.split(',')
        .map(str::trim)
        .filter(|part| !part.is_empty())
        .map(|part| {
            let (name, number) = part
                .rsplit_once(' ')
                .ok_or_else(|| format!("`{part}`: write a meter and a change, like `trust -5`"))?;
            let name = name.trim().to_lowercase().replace(' ', "_");
            // The screens' short names (PK pressure, AF pressure) work as well as the keys.
            let name = match name.as_str() {
                "pk_pressure" | "pakistani_pressure" => "pakistan_pressure".to_string(),
                "af_pressure" | "afghan_pressure" => "afghanistan_pressure".to_string(),
                _ => name,
            };
            let meter = Meter::ALL
                .into_iter()
                .find(|m| m.key() == name)
                .ok_or_else(|| {
                    format!(
                        "unknown meter `{name}`: use {} (or PK/AF pressure)",
                        names.join(", ")
                    )
                })?;
            let delta: i64 = number
                .trim_start_matches('+')
                .parse()
                .map_err(|_| format!("`{number}` is not a whole number"))?;
            let limit: i8 = if meter == Meter::Escalation { 5 } else { 50 };
            match i8::try_from(delta) {
                Ok(delta) if delta.abs() <= limit => Ok((name, delta)),
                _ => Err(format!("{name} may change by {limit} at most")),
            }
        })
        .collect()
}

impl Dashboard {
    /// Takes a typed key for the event being written: `Tab` moves to the next field, `Enter`
    /// injects it into the selected table, `Esc` drops it.
    pub(super) fn type_spot_key(
        &mut self,
        key: ratatui::crossterm::event::KeyEvent,
        tables: &Tables,
    ) {
        use ratatui::crossterm::event::KeyCode;
        let Some(form) = &mut self.writing else {
            return;
        };
        match key.code {
            KeyCode::Char(c) if form.fields[form.field].chars().count() < 300 => {
                form.fields[form.field].push(c)
            }
            KeyCode::Backspace => {
                form.fields[form.field].pop();
            }
            KeyCode::Tab | KeyCode::Down => form.field = (form.field + 1) % FIELDS.len(),
            KeyCode::BackTab | KeyCode::Up => {
                form.field = (form.field + FIELDS.len() - 1) % FIELDS.len()
            }
            KeyCode::Esc => self.writing = None,
            KeyCode::Enter => {
                let form = form.clone();
                self.notice = Some(match self.submit(&form, tables) {
                    Ok(message) => {
                        self.writing = None;
                        message
                    }
                    Err(e) => e,
                });
            }
            _ => {}
        }
    }

    fn submit(&self, form: &SpotForm, tables: &Tables) -> Result<String, String> {
        let [name, text, meters] = &form.fields;
        if name.trim().is_empty() || text.trim().is_empty() {
            return Err("An event needs a title and a text.".into());
        }
        let all = tables.all();
        let table = all
            .get(self.selected.min(all.len().saturating_sub(1)))
            .ok_or("No table to inject into.")?;
        let event = crate::scenario::SpotEvent {
            name: name.trim().to_string(),
            text: text.trim().to_string(),
            effects: parse_meters(meters)?,
        };
        let result = table.lock().inject_new(&event);
        table.changed();
        result.map(|()| {
            format!(
                "Injected \"{}\" into table {}: {}.",
                event.name,
                table.id,
                when_injects_come(table)
            )
        })
    }
}
