//! Who a typed line is for, as chat tools have it: a line is for the whole table, unless it
//! starts with `@` and a seat's name (`@pakistan`, `@afghanistan`, `@mediator`, or what the
//! scenario calls the seat), which makes it private to that seat; `@team` keeps it within
//! the sender's own delegation. Also: whether a line mentions a seat.

use super::{Audience, Speaker};
use crate::engine::{Seat, SeatNames};

/// A typed line's audience and the words to send it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Addressed<'a> {
    /// Who it is for.
    pub to: Audience,
    /// What to say, without the `@name` that addressed it.
    pub body: &'a str,
}

/// Reads who `line`, typed by `from`, is for (see the module doc). Refused with a word why:
/// a name nobody at the table has, the sender's own seat, nothing said after the name.
pub fn address<'a>(
    line: &'a str,
    from: Speaker,
    names: &SeatNames,
) -> Result<Addressed<'a>, String> {
    let (to, body, name) = split(line, from, names)?;
    if body.is_empty() {
        return Err(match name {
            Some(name) => format!("Write something after @{name}."),
            None => "Nothing to send.".to_string(),
        });
    }
    Ok(Addressed { to, body })
}

/// Who a line being typed is for, in words for the message line (`to the table`,
/// `privately to Afghanistan`), or what is wrong with its `@name` so far.
pub fn preview(line: &str, from: Speaker, names: &SeatNames) -> Result<String, String> {
    match split(line, from, names) {
        Ok((to, ..)) => Ok(audience_words(to, from, names)),
        // Still typing the name: no complaint until a space ends it.
        Err(_) if line.trim_start().starts_with('@') && !line.trim_start().contains(' ') => {
            Ok("to whom? a seat's name after @".to_string())
        }
        Err(e) => Err(e),
    }
}

/// An audience in words, as `from` sends to it: `to the table`, `privately to
/// Afghanistan`, `to your delegation only`.
pub fn audience_words(to: Audience, from: Speaker, names: &SeatNames) -> String {
    match to {
        Audience::Table => "to the table".to_string(),
        Audience::Seat(seat) => format!("privately to {}", names.seats[seat.index()]),
        Audience::Team(seat) if from == Speaker::Seat(seat) => {
            "to your delegation only".to_string()
        }
        Audience::Team(seat) => format!("to {}'s delegation only", names.seats[seat.index()]),
    }
}

/// Whether `text` names `seat` as a word (its key, the scenario's name for it, its tag, a
/// member of the mediators' seat): a bot so named at the table answers.
pub fn mentions(text: &str, seat: Seat, names: &SeatNames) -> bool {
    let text = text.to_lowercase();
    seat_names(seat, names)
        .iter()
        .any(|name| has_word(&text, name))
}

/// The audience, the words after the name, and the name as typed (when there was one).
fn split<'a>(
    line: &'a str,
    from: Speaker,
    names: &SeatNames,
) -> Result<(Audience, &'a str, Option<&'a str>), String> {
    let line = line.trim();
    let Some(rest) = line.strip_prefix('@') else {
        return Ok((Audience::Table, line, None));
    };
    let end = rest
        .find(|c: char| c.is_whitespace() || c == ':' || c == ',')
        .unwrap_or(rest.len());
    let (name, body) = rest.split_at(end);
    let body = body.trim_start_matches([':', ',']).trim();
    let to = resolve(name, from, names)?;
    Ok((to, body, Some(name)))
}

/// The audience a name after `@` stands for.
fn resolve(name: &str, from: Speaker, table: &SeatNames) -> Result<Audience, String> {
    let lower = name.to_lowercase();
    match lower.as_str() {
        "table" | "all" | "everyone" => return Ok(Audience::Table),
        "team" => {
            return from.seat().map(Audience::Team).ok_or_else(|| {
                "The facilitator has no delegation: name a seat after @, or write to the \
                 whole table."
                    .to_string()
            });
        }
        _ => {}
    }
    let exact = Seat::ALL
        .into_iter()
        .find(|&seat| seat_names(seat, table).contains(&lower));
    // A name begun (three letters at least) that only one seat's names start with.
    let begun = || {
        let mut found = Seat::ALL.into_iter().filter(|&seat| {
            lower.chars().count() >= 3
                && seat_names(seat, table)
                    .iter()
                    .any(|n| n.starts_with(&lower))
        });
        match (found.next(), found.next()) {
            (Some(seat), None) => Some(seat),
            _ => None,
        }
    };
    match exact.or_else(begun) {
        Some(seat) if from == Speaker::Seat(seat) => Err(format!(
            "@{name} is your own seat: write @team to reach your own delegation only, or no \
             @ for the whole table."
        )),
        Some(seat) => Ok(Audience::Seat(seat)),
        None => {
            let others: Vec<String> = Seat::ALL
                .into_iter()
                .filter(|&seat| from != Speaker::Seat(seat))
                .map(|seat| format!("@{}", seat.key()))
                .collect();
            Err(format!(
                "Nobody here is called @{name}: write {} for one seat, or no @ for the whole \
                 table.",
                others.join(" or ")
            ))
        }
    }
}

/// Every name a seat answers to, in lower case: its key, the scenario's name for it (with
/// and without its spaces), its tag, and for the mediators `mediators` and the names and
/// ids of the seat's members.
fn seat_names(seat: Seat, table: &SeatNames) -> Vec<String> {
    let shown = table.seats[seat.index()].to_lowercase();
    let mut names = vec![
        seat.key().to_string(),
        shown.replace(' ', ""),
        shown,
        crate::engine::words::seat_tag(seat).to_lowercase(),
    ];
    if seat == Seat::Mediator {
        names.push("mediators".to_string());
        for member in &table.members {
            names.push(member.id.to_lowercase());
            names.push(member.name.to_lowercase());
        }
    }
    names.retain(|n| !n.is_empty());
    names
}

/// Whether `word` stands in `text` as a word of its own (no letter or digit either side).
fn has_word(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Member;

    fn scenario() -> SeatNames {
        SeatNames {
            members: vec![Member {
                id: "qatar".into(),
                name: "Qatar".into(),
            }],
            ..SeatNames::default()
        }
    }

    #[test]
    fn an_at_name_makes_a_line_private_and_no_at_sends_it_to_the_table() {
        let s = scenario();
        let pk = Speaker::Seat(Seat::Pakistan);
        let to = |line| address(line, Speaker::Seat(Seat::Mediator), &s);
        assert_eq!(
            to("@pakistan we should talk").unwrap(),
            Addressed {
                to: Audience::Seat(Seat::Pakistan),
                body: "we should talk"
            }
        );
        assert_eq!(to("hello all").unwrap().to, Audience::Table);
        assert_eq!(to("@Afghanistan: fine").unwrap().body, "fine");
        assert_eq!(
            to("@afg, fine").unwrap().to,
            Audience::Seat(Seat::Afghanistan)
        );
        assert_eq!(to("@team hold").unwrap().to, Audience::Team(Seat::Mediator));
        assert!(
            to("@nobody hi")
                .unwrap_err()
                .contains("@pakistan or @afghanistan")
        );
        assert!(to("@mediator hi").unwrap_err().contains("your own seat"));
        assert!(to("@pakistan").unwrap_err().contains("after @pakistan"));
        assert_eq!(
            address("@qatar a word", pk, &s).unwrap().to,
            Audience::Seat(Seat::Mediator)
        );
        assert!(address("@team x", Speaker::Facilitator, &s).is_err());
    }

    #[test]
    fn the_line_says_who_it_is_for_while_it_is_typed() {
        let s = scenario();
        let md = Speaker::Seat(Seat::Mediator);
        assert_eq!(preview("", md, &s).unwrap(), "to the table");
        assert_eq!(preview("@paki", md, &s).unwrap(), "privately to Pakistan");
        assert_eq!(
            preview("@p", md, &s).unwrap(),
            "to whom? a seat's name after @"
        );
        assert!(preview("@zz hello", md, &s).is_err());
    }

    #[test]
    fn a_seat_is_mentioned_by_any_of_its_names_as_a_word() {
        let s = scenario();
        assert!(mentions(
            "What does Afghanistan want?",
            Seat::Afghanistan,
            &s
        ));
        assert!(mentions("ask @qatar", Seat::Mediator, &s));
        assert!(!mentions("afghanistanis", Seat::Afghanistan, &s));
        assert!(!mentions("nothing here", Seat::Pakistan, &s));
    }
}
