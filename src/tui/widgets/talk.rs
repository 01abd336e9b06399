//! One message of the table talk as a styled line, as one viewer sees it: its round, who
//! said it (in the seat's colour), who it was for when it was private, and its text; for a
//! viewer who may not read a private message, only that it was sent.

use crate::engine::talk::{Audience, Message, Speaker, clean};
use crate::engine::{SeatNames, Viewer};
use crate::tui::theme::Theme;
use ratatui::prelude::*;

/// `message` as `viewer` sees it: `R2 Afghanistan: text`, `R2 Mediator → Pakistan
/// (private): text`, or `R2 Mediator → Pakistan: a private message`. With `logins`, the login
/// that typed it follows the speaker (`Pakistan [pakistan.2]`), as the facilitator sees it.
pub fn line(
    message: &Message,
    viewer: Viewer,
    names: &SeatNames,
    logins: bool,
    theme: Theme,
) -> Line<'static> {
    let speaker = match message.from {
        Speaker::Seat(seat) => theme.seat(seat).add_modifier(Modifier::BOLD),
        Speaker::Facilitator => theme.heading(),
    };
    let mut spans = vec![
        Span::styled(format!("R{} ", message.round), theme.dim()),
        Span::styled(message.from.name(names).to_string(), speaker),
    ];
    if let (true, Some(login)) = (logins, &message.login) {
        spans.push(Span::styled(
            format!(" [{}]", clean(login).text),
            theme.dim(),
        ));
    }
    let readable = message.readable_by(viewer);
    match message.to {
        Audience::Table => {}
        Audience::Seat(to) if readable => spans.push(Span::styled(
            format!(" → {} (private)", names.seats[to.index()]),
            theme.warn(),
        )),
        Audience::Seat(to) => {
            spans.push(Span::styled(
                format!(" → {}: a private message", names.seats[to.index()]),
                theme.dim(),
            ));
            return Line::from(spans);
        }
        Audience::Team(_) => spans.push(Span::styled(" (to the delegation)", theme.warn())),
    }
    spans.push(Span::raw(format!(": {}", clean(&message.text).text)));
    Line::from(spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::Seat;

    #[test]
    fn a_private_message_shows_its_text_only_to_those_who_may_read_it() {
        let message = Message {
            round: 3,
            action: 9,
            from: Speaker::Seat(Seat::Mediator),
            login: Some("mediator.2".into()),
            to: Audience::Seat(Seat::Pakistan),
            text: "a word".into(),
        };
        let names = SeatNames::default();
        let text = |viewer, logins| -> String {
            line(&message, viewer, &names, logins, Theme::new(false))
                .spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect()
        };
        assert_eq!(
            text(Viewer::Seat(Seat::Pakistan), false),
            "R3 Mediator → Pakistan (private): a word"
        );
        assert_eq!(
            text(Viewer::Seat(Seat::Afghanistan), false),
            "R3 Mediator → Pakistan: a private message"
        );
        assert_eq!(
            text(Viewer::Facilitator, true),
            "R3 Mediator [mediator.2] → Pakistan (private): a word"
        );
    }
}
