//! One-line reasons for bot moves, as a negotiator would give them: what the seat does, then
//! the motive, read from public state only (its Pressure at home and the line it nears, Trust
//! against what a basket needs, the chance a pledge breaks, what it needs from the other
//! side). Numbers only support the words, with their scale ("72 of 100", "60% credible").
//! Never: name a hand, an objective, a brief or what a move is worth to the bot.

mod answers;
mod cards;
mod prompts;
mod situation;
mod turns;

use crate::engine::{Action, SeatView};
use situation::Situation;

/// The most characters a reason takes: support clauses that would run past it are left out.
pub const REASON_CHARS: usize = 160;

/// What a seat does and why: the act, the motive, then supporting facts while they fit.
pub(super) struct Reason {
    act: String,
    why: Vec<String>,
}

impl Reason {
    /// A reason for `act`, its motive still to come.
    pub(super) fn new(act: impl Into<String>) -> Reason {
        Reason {
            act: act.into(),
            why: Vec::new(),
        }
    }

    /// Adds a clause: the first is the motive, the others support it.
    pub(super) fn because(mut self, why: impl Into<String>) -> Reason {
        self.why.push(why.into());
        self
    }

    /// Adds a clause when there is one.
    pub(super) fn because_maybe(self, why: Option<String>) -> Reason {
        match why {
            Some(why) => self.because(why),
            None => self,
        }
    }

    /// One line: "act: motive; support; …", support left out where it would not fit in
    /// [`REASON_CHARS`].
    fn render(self) -> String {
        let mut clauses = self.why.into_iter();
        let Some(motive) = clauses.next() else {
            return self.act;
        };
        let mut line = format!("{}: {motive}", self.act);
        for clause in clauses {
            if line.chars().count() + 2 + clause.chars().count() <= REASON_CHARS {
                line.push_str("; ");
                line.push_str(&clause);
            }
        }
        line
    }
}

/// Describes `action` as taken from `view`, with the motive public state gives for it.
pub fn describe(view: &SeatView, action: &Action) -> String {
    let at = Situation {
        view,
        seat: action.seat(),
    };
    let reason = match *action {
        Action::Play { card, target, .. } => cards::play(&at, card, target),
        Action::Meet { demand, card, .. } => answers::meet(&at, demand, card),
        Action::Counter { demand, card, .. } => answers::counter(&at, demand, card),
        Action::Reject { demand, .. } => answers::reject(&at, demand),
        Action::OfferPackage { card, ask, .. } => answers::offer_package(&at, card, ask),
        Action::AnswerPackage { card, .. } => answers::answer_package(&at, card),
        Action::TableAccord { .. } => turns::table_accord(&at),
        Action::Pass { .. } => turns::pass(&at),
        Action::Posture { posture, .. } => turns::posture(&at, posture),
        Action::Choose { option, .. } => prompts::choose(&at, option),
        Action::Consent { accept, .. } => prompts::consent(&at, accept),
        Action::AnswerOffer { accept, .. } => prompts::answer_offer(&at, accept),
        Action::AnswerBridge { accept, .. } => prompts::answer_bridge(&at, accept),
        Action::Renew { accept, .. } => prompts::renew(&at, accept),
        Action::Vote { accept, .. } => prompts::vote(&at, accept),
        Action::Undo { .. } => Reason::new("takes back its last action"),
        Action::Inject { .. } => Reason::new("the facilitator injects an event"),
    };
    reason.render()
}

/// Whether a reason states a motive: after what the seat does, a colon or a dash opens a
/// clause of at least four words that says why. "takes a hard-line posture" does not;
/// "takes a hard-line posture: Pressure at home is 72 of 100" does.
pub fn states_a_motive(reason: &str) -> bool {
    let clause = reason
        .split_once(": ")
        .or_else(|| reason.split_once(" — "))
        .map(|(_, why)| why);
    clause.is_some_and(|why| {
        why.split_whitespace()
            .filter(|word| word.chars().any(char::is_alphabetic))
            .count()
            >= 4
    })
}
