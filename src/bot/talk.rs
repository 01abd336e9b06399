//! What a bot says when it is spoken to: a short line in the seat's voice, drawn from what
//! anyone at the table can see (the meters, the baskets, the demands before it) and from the
//! reasons it has already given for its moves in the log. It is handed the public view
//! only (a spectator's), so its words cannot give away its hand, its secret objective or its
//! brief; and it draws on no generator: the same game and the same words always get the
//! same answer.

use crate::engine::{Basket, Meter, Seat, SeatView, Viewer};

/// What was said that a bot answers, by the first subject it finds in the words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Subject {
    Basket(Basket),
    Trust,
    Accord,
    Threat,
    Demand,
    Greeting,
}

/// The words that mark each subject, looked for at the start of a word, in this order.
const SUBJECTS: [(Subject, &[&str]); 9] = [
    (
        Subject::Threat,
        &[
            "strike", "war", "punish", "threat", "retaliat", "or else", "sanction",
        ],
    ),
    (
        Subject::Basket(Basket::Verification),
        &["verif", "monitor", "inspect", "observer", "check"],
    ),
    (
        Subject::Basket(Basket::Security),
        &["secur", "camp", "militan", "patrol", "sanctuar", "attack"],
    ),
    (
        Subject::Basket(Basket::Sovereignty),
        &["sovereign", "interfer", "territor"],
    ),
    (
        Subject::Basket(Basket::Humanitarian),
        &[
            "humanitar",
            "border",
            "crossing",
            "refugee",
            "trade",
            "aid",
            "return",
        ],
    ),
    (
        Subject::Trust,
        &["trust", "believe", "faith", "promise", "honest"],
    ),
    (
        Subject::Accord,
        &["accord", "sign", "deal", "agreement", "treaty", "peace"],
    ),
    (
        Subject::Demand,
        &[
            "demand", "want", "need", "ask", "offer", "concede", "give", "?",
        ],
    ),
    (
        Subject::Greeting,
        &[
            "hello",
            "good morning",
            "good evening",
            "welcome",
            "thank",
            "salaam",
        ],
    ),
];

/// The bot of `seat` answers `heard`, from `public` (the spectator's view of the game: what
/// every seat can see) and `last_reason`, the reason it last gave in the log for a move of
/// its own. One or two sentences.
pub fn reply(public: &SeatView, seat: Seat, heard: &str, last_reason: Option<&str>) -> String {
    debug_assert_eq!(
        public.viewer,
        Viewer::Spectator,
        "a bot speaks from the public view"
    );
    let heard = heard.to_lowercase();
    let subject = SUBJECTS
        .iter()
        .find(|(_, words)| words.iter().any(|w| starts_a_word(&heard, w)))
        .map(|(subject, _)| *subject);
    let trust = public.meters.get(Meter::Trust);
    match subject {
        Some(Subject::Basket(basket)) => about_basket(public, basket, trust, seat),
        Some(Subject::Trust) => {
            format!("Trust stands at {trust}. Words help; pledges that hold will help more.")
        }
        Some(Subject::Accord) => {
            let agreed = public.baskets.iter().filter(|b| b.is_agreed()).count();
            format!(
                "{agreed} of {} baskets are agreed. We will sign an accord that holds, not one \
                 that only looks good this week.",
                public.baskets.len()
            )
        }
        Some(Subject::Threat) => format!(
            "Threats harden {} at home. Escalation stands at {}; we would rather see it fall.",
            if seat.is_delegation() {
                "our people"
            } else {
                "both peoples"
            },
            public.meters.get(Meter::Escalation)
        ),
        Some(Subject::Demand) if !seat.is_delegation() => {
            "Bring it to the table: we look for a proposal both delegations can take home."
                .to_string()
        }
        Some(Subject::Demand) => match public.demands.iter().find(|d| d.to == seat) {
            Some(d) => format!(
                "Demand #{} in {} is before us; we will answer it when our turn comes.",
                d.id, d.basket
            ),
            None => {
                "Put it on the table as a demand, and we will answer it at our turn.".to_string()
            }
        },
        Some(Subject::Greeting) => {
            "We are here to talk. The table will judge us by what we do.".to_string()
        }
        None => match last_reason {
            Some(reason) => format!("Our last move speaks for us: {}.", sentence(reason)),
            None => "We hear you. Put it on the table, and we will answer at our turn.".to_string(),
        },
    }
}

/// What a bot says once it has moved after being spoken to: its reason for the move, which
/// the log shows every seat anyway.
pub fn acted(seat_name: &str, reason: &str) -> String {
    format!(
        "You have our answer in deeds: {seat_name} {}.",
        sentence(reason)
    )
}

/// A line on one basket, in `seat`'s voice: what it needs while open, that it holds once
/// agreed.
fn about_basket(public: &SeatView, basket: Basket, trust: u8, seat: Seat) -> String {
    if public.baskets[basket.index()].is_agreed() {
        return format!("{basket} is agreed; we mean to see that it holds.");
    }
    let needed = public.scenario.threshold(basket);
    let first = match (basket, seat.is_delegation()) {
        (Basket::Verification, true) => "We need to see verification before we commit further.",
        (Basket::Verification, false) => "Pledges that can be checked are pledges that hold.",
        (Basket::Security, true) => "Security comes first for our people: we need more than words.",
        (Basket::Security, false) => "Security is what both sides need first; words will not do.",
        (Basket::Sovereignty, true) => {
            "Our sovereignty is not on the table, but respect for it is."
        }
        (Basket::Sovereignty, false) => {
            "Each side's sovereignty is the ground the accord stands on."
        }
        (Basket::Humanitarian, _) => "The crossings matter to families on both sides; we can talk.",
    };
    if trust >= needed {
        format!("{first} Trust is at {trust}: enough to agree {basket}, if a demand is met.")
    } else {
        format!("{first} Trust is at {trust}; {basket} needs {needed} before it can be agreed.")
    }
}

/// Whether `word` starts a word of `text` (or, for a phrase or a sign, stands in it).
fn starts_a_word(text: &str, word: &str) -> bool {
    if !word.chars().all(char::is_alphanumeric) {
        return text.contains(word);
    }
    text.match_indices(word).any(|(at, _)| {
        !text[..at]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    })
}

/// `reason` without its closing full stop, so it ends a sentence of ours.
fn sentence(reason: &str) -> &str {
    reason.trim().trim_end_matches('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_found_at_the_start_of_a_word() {
        assert!(starts_a_word("we want verification", "verif"));
        assert!(!starts_a_word("unverified", "verif"));
        assert!(starts_a_word("or else!", "or else"));
        assert!(starts_a_word("why?", "?"));
        assert_eq!(sentence("passes: nothing to do."), "passes: nothing to do");
    }
}
