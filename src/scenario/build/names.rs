//! `[names]` and `[reflection_by_seat]` of `scenario.toml`: what the seats are called in every
//! text, the named members of the mediators' seat (the voices its cards speak in), and each
//! seat's own reflection prompts.

use super::*;
use crate::engine::{Member, MemberId, SeatNames};
use crate::scenario::limits::MAX_NAME_CHARS;

/// The members of the mediators' seat that a card or an event option may name as its voice.
#[derive(Default)]
pub(super) struct Voices {
    /// Each member's id, by [`MemberId`].
    ids: Vec<String>,
    /// Every member could be read: an unknown voice is a mistake (otherwise it may name a
    /// member whose own mistake was reported already).
    complete: bool,
}

impl Voices {
    /// The member `voice` names, checked: only `speaks` (a card or an answer of the
    /// mediators' alone) may name one, and only a member of `[names] mediator_members`.
    /// `who` says, for the hint, who plays the card or answers the choice instead.
    pub(super) fn member(
        &self,
        ctx: &FileCtx,
        voice: Option<&Spanned<String>>,
        speaks: bool,
        who: &str,
    ) -> Result<Option<MemberId>, ScenarioError> {
        let Some(voice) = voice else {
            return Ok(None);
        };
        if !speaks {
            return Err(ctx.error(
                voice.span(),
                "`voice` is only for what the mediators alone say".into(),
                &format!(
                    "a voice names the member of the mediators' seat who speaks, but {who}: \
                     remove `voice`"
                ),
            ));
        }
        if let Some(index) = self.ids.iter().position(|id| id == voice.get_ref()) {
            return Ok(Some(MemberId(index as u16)));
        }
        if !self.complete {
            return Ok(None);
        }
        let hint = if self.ids.is_empty() {
            format!(
                "the scenario names no members of the mediators' seat: add them to \
                 scenario.toml, as in [names] mediator_members = [{{ id = \"{}\", name = \
                 \"...\" }}]",
                voice.get_ref()
            )
        } else {
            let members = self.ids.join(", ");
            match closest(voice.get_ref(), &self.ids) {
                Some(best) => format!(
                    "did you mean `{best}`? The members of the mediators' seat ([names] \
                     mediator_members in scenario.toml) are: {members}"
                ),
                None => format!(
                    "the members of the mediators' seat ([names] mediator_members in \
                     scenario.toml) are: {members}"
                ),
            }
        };
        Err(ctx.error(
            voice.span(),
            format!("unknown voice `{}`", voice.get_ref()),
            &hint,
        ))
    }
}

/// The seats' names and the mediators' members of `[names]` (`None`: it could not be read,
/// and was reported). A name in error keeps its default, a member in error is left out; each
/// mistake goes to `problems`.
pub(super) fn build_names(
    main: &FileCtx,
    file: Option<raw::NamesFile>,
    problems: &mut Problems,
) -> (SeatNames, Voices) {
    let mut names = SeatNames::default();
    let Some(file) = file else {
        return (names, Voices::default());
    };
    let mut voices = Voices {
        ids: Vec::new(),
        complete: true,
    };
    // Every name given, with its place, to check that no two are the same.
    let mut given: Vec<(String, Range<usize>)> = Vec::new();
    for (seat, name) in [
        (Seat::Pakistan, file.pakistan),
        (Seat::Afghanistan, file.afghanistan),
        (Seat::Mediator, file.mediator),
    ] {
        let Some(name) = name else {
            given.push((names.seats[seat.index()].clone(), 0..0));
            continue;
        };
        if let Some(text) = problems.check(one_line_name(main, &name, seat.key())) {
            names.seats[seat.index()] = text.clone();
            given.push((text, name.span()));
        }
    }
    let mut tags: Vec<(String, Range<usize>)> = Vec::new();
    for (seat, tag) in [
        (Seat::Pakistan, file.pakistan_tag),
        (Seat::Afghanistan, file.afghanistan_tag),
        (Seat::Mediator, file.mediator_tag),
    ] {
        let key = format!("{}_tag", seat.key());
        let Some(tag) = tag else {
            tags.push((names.tags[seat.index()].clone(), 0..0));
            continue;
        };
        if let Some(text) = problems.check(seat_tag(main, &tag, &key)) {
            names.tags[seat.index()] = text.clone();
            tags.push((text, tag.span()));
        }
    }
    for (i, (tag, span)) in tags.iter().enumerate() {
        let same =
            |(other, _): &&(String, Range<usize>)| other.to_lowercase() == tag.to_lowercase();
        if let Some((other, first)) = tags[..i].iter().find(same) {
            // A default tag has no place in the file: the one written is shown.
            let span = if span.is_empty() { first } else { span };
            problems.push(main.error(
                span.clone(),
                format!("the tag `{tag}` is given twice (as `{other}` first)"),
                "every seat needs a tag of its own, or players cannot tell them apart in the \
                 header and on the table (a seat's tag left out stays PK, AF or MD)",
            ));
        }
    }
    for member in file.mediator_members {
        let id = member.id.get_ref();
        let problem = if id.trim().is_empty() {
            Some(main.error(
                member.id.span(),
                "a member's id cannot be empty".into(),
                "give it a short id that cards name in `voice`, like `qatar`",
            ))
        } else if voices.ids.contains(id) {
            Some(main.error(
                member.id.span(),
                format!("the mediators' seat has two members with the id `{id}`"),
                "give each member an id of its own",
            ))
        } else {
            None
        };
        let name = problems.check(one_line_name(main, &member.name, "name"));
        match (problem, name) {
            (None, Some(name)) => {
                voices.ids.push(id.clone());
                given.push((name.clone(), member.name.span()));
                names.members.push(Member {
                    id: id.clone(),
                    name,
                });
            }
            (problem, _) => {
                if let Some(problem) = problem {
                    problems.push(problem);
                }
                voices.complete = false;
            }
        }
    }
    for (i, (name, span)) in given.iter().enumerate() {
        let first = given[..i]
            .iter()
            .find(|(other, _)| other.to_lowercase() == name.to_lowercase());
        if let Some((other, _)) = first {
            // A default name cannot be the second of two: defaults come first, and differ.
            problems.push(main.error(
                span.clone(),
                format!("the name `{name}` is given twice (as `{other}` first)"),
                "every seat and every member of the mediators' seat needs a name of its own, \
                 or players cannot tell them apart in the texts (a seat left out of [names] \
                 keeps its usual name: Pakistan, Afghanistan or Mediator)",
            ));
        }
    }
    (names, voices)
}

/// A seat's tag as written, checked: one to three letters or digits.
fn seat_tag(main: &FileCtx, tag: &Spanned<String>, key: &str) -> Result<String, ScenarioError> {
    let text = tag.get_ref().trim();
    let fits = (1..=3).contains(&text.chars().count()) && text.chars().all(|c| c.is_alphanumeric());
    if fits {
        Ok(text.to_string())
    } else {
        Err(main.error(
            tag.span(),
            format!("`{key}` must be one to three letters or digits, not \"{text}\""),
            "a tag stands for the seat where a name does not fit (the header's scores, \
             `#7 AF→PK` on the table, `PK pressure`): write a short one, like \"ISB\"",
        ))
    }
}

/// A display name as written, checked: not empty, on one line, within [`MAX_NAME_CHARS`].
/// Returned without surrounding spaces.
fn one_line_name(
    main: &FileCtx,
    name: &Spanned<String>,
    key: &str,
) -> Result<String, ScenarioError> {
    let text = name.get_ref().trim();
    let problem = if text.is_empty() {
        Some((
            format!("`{key}` cannot be empty"),
            "write the name players read, like \"Islamabad\"; or leave the key out to keep the \
             usual name",
        ))
    } else if text.contains(['\n', '\t']) {
        Some((
            format!("`{key}` is a name: it must fit on one line"),
            "remove the line breaks and tabs: names are shown in titles and log lines",
        ))
    } else if text.chars().count() > MAX_NAME_CHARS {
        Some((
            format!(
                "`{key}` is {} characters long; the most a name may be is {MAX_NAME_CHARS}",
                text.chars().count()
            ),
            "shorten it; docs/scenarios.md lists the limits",
        ))
    } else {
        None
    };
    match problem {
        Some((message, hint)) => Err(main.error(name.span(), message, hint)),
        None => Ok(text.to_string()),
    }
}

/// Each seat's own reflection prompts, by seat index: each one not empty, and asked once (a
/// prompt also in `reflection`, or twice in a seat's list, is refused: answers are kept by
/// their prompt).
pub(super) fn reflection_by_seat(
    main: &FileCtx,
    file: raw::ReflectionBySeatFile,
    shared: &[String],
    problems: &mut Problems,
) -> [Vec<String>; 3] {
    let mut out: [Vec<String>; 3] = Default::default();
    for (seat, prompts) in [
        (Seat::Pakistan, file.pakistan),
        (Seat::Afghanistan, file.afghanistan),
        (Seat::Mediator, file.mediator),
    ] {
        let own = &mut out[seat.index()];
        for prompt in prompts {
            let text = prompt.get_ref();
            let problem = if text.trim().is_empty() {
                Some((
                    "a reflection prompt cannot be empty".to_string(),
                    "write the question, or remove the empty entry",
                ))
            } else if shared.contains(text) {
                Some((
                    "this prompt is asked of every seat already, in `reflection`".to_string(),
                    "remove it from [reflection_by_seat], or from `reflection` to ask it of \
                     some seats only",
                ))
            } else if own.contains(text) {
                Some((
                    format!("this prompt is in {}'s list twice", seat.key()),
                    "list each prompt once",
                ))
            } else {
                None
            };
            match problem {
                Some((message, hint)) => problems.push(main.error(prompt.span(), message, hint)),
                None => own.push(text.clone()),
            }
        }
    }
    out
}
