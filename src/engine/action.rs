//! What a seat can do (`Action`), what it is being asked (`Decision`) and why a move is refused.

use super::{Basket, CardId, Posture, Seat, TableId};
use serde::{Deserialize, Serialize};
use std::fmt;

/// One decision by one seat. Plain data: saved, replayed and sent over the wire as is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Action {
    /// Play a card from hand; `target` is a commitment (verification) or a demand (bridge).
    Play {
        /// Who plays.
        seat: Seat,
        /// The card.
        card: CardId,
        /// The commitment or demand it is aimed at, when the card needs one.
        target: Option<TableId>,
    },
    /// Answer a pending demand with an assurance of the same basket.
    Meet {
        /// The answering delegation.
        seat: Seat,
        /// The demand answered.
        demand: TableId,
        /// The assurance played.
        card: CardId,
    },
    /// Answer a pending demand with a demand of one's own in the same basket.
    Counter {
        /// The answering delegation.
        seat: Seat,
        /// The demand countered.
        demand: TableId,
        /// The counter-demand played.
        card: CardId,
    },
    /// Reject a pending demand outright.
    Reject {
        /// The answering delegation.
        seat: Seat,
        /// The demand rejected.
        demand: TableId,
    },
    /// The mediator tables the accord for signature.
    TableAccord {
        /// Always the mediator.
        seat: Seat,
    },
    /// End this seat's negotiation turn.
    Pass {
        /// Who passes.
        seat: Seat,
    },
    /// Pick an option of the current event's choice.
    Choose {
        /// The deciding seat.
        seat: Seat,
        /// Index of the option.
        option: u8,
    },
    /// The Afghan seat consents to, or refuses, monitors on its soil.
    Consent {
        /// Always Afghanistan.
        seat: Seat,
        /// True to consent.
        accept: bool,
    },
    /// A delegation's vote on the tabled accord.
    Vote {
        /// The voting delegation.
        seat: Seat,
        /// True to sign.
        accept: bool,
    },
    /// A delegation's public posture for the round.
    Posture {
        /// The delegation.
        seat: Seat,
        /// The posture taken.
        posture: Posture,
    },
    /// Take back this seat's own last action, if nothing hidden was revealed since. Never in
    /// `legal_actions` (bots do not undo); check it with `Game::check_undo`.
    Undo {
        /// The seat taking its action back.
        seat: Seat,
    },
    /// The workshop facilitator injects one of the scenario's events: it is revealed at the
    /// next event phase, before the event deck, and marked as an inject in the log. Not a
    /// seat's decision: it may come at any moment and never in `legal_actions`.
    Inject {
        /// The event.
        event: super::EventId,
    },
    // New variants go last: a version-1 save's digest hashes each variant's position.
    /// Rules version 2: the delegation whose commitment bound by the accord broke renews it
    /// (paying political capital) or lets the breach stand.
    Renew {
        /// The delegation.
        seat: Seat,
        /// True to renew.
        accept: bool,
    },
    /// Rules version 2: the delegation a mediators' bridging proposal would commit accepts it
    /// (the pledge is made) or declines it (the demand stays open, Trust pays).
    AnswerBridge {
        /// The delegation.
        seat: Seat,
        /// True to accept.
        accept: bool,
    },
    /// Rules version 2: a delegation welcomes the pledge the other one offered unasked (its
    /// basket is then agreed, Trust permitting) or does not.
    AnswerOffer {
        /// The delegation the pledge was offered to.
        seat: Seat,
        /// True to welcome it.
        accept: bool,
    },
    /// Rules version 2: a delegation offers a package — `card`, an assurance from its hand,
    /// as its pledge in the card's basket (paid now), on condition that the other delegation
    /// commits in basket `ask`. The card waits in its discard until the offer is answered.
    OfferPackage {
        /// The offering delegation.
        seat: Seat,
        /// Its assurance card.
        card: CardId,
        /// The basket it asks the other delegation to commit in.
        ask: Basket,
    },
    /// Rules version 2: the delegation offered a package accepts it with `card`, one of its
    /// assurances in the asked basket (both pledges are then made, linked), or declines it
    /// with `None` (the offered card goes back to its delegation's hand).
    AnswerPackage {
        /// The delegation the package was offered to.
        seat: Seat,
        /// Its assurance in the asked basket, or `None` to decline.
        card: Option<CardId>,
    },
}

impl Action {
    /// The seat taking the action.
    pub fn seat(&self) -> Seat {
        match *self {
            Action::Play { seat, .. }
            | Action::Meet { seat, .. }
            | Action::Counter { seat, .. }
            | Action::Reject { seat, .. }
            | Action::TableAccord { seat }
            | Action::Pass { seat }
            | Action::Choose { seat, .. }
            | Action::Consent { seat, .. }
            | Action::Vote { seat, .. }
            | Action::Posture { seat, .. }
            | Action::Renew { seat, .. }
            | Action::AnswerBridge { seat, .. }
            | Action::AnswerOffer { seat, .. }
            | Action::OfferPackage { seat, .. }
            | Action::AnswerPackage { seat, .. }
            | Action::Undo { seat } => seat,
            // The facilitator speaks through the mediators' chair.
            Action::Inject { .. } => Seat::Mediator,
        }
    }

    /// Whether this is the facilitator's, not a seat's.
    pub fn is_inject(&self) -> bool {
        matches!(self, Action::Inject { .. })
    }

    /// The card this action takes from the seat's hidden hand and shows on the table, if any.
    pub fn card_shown(&self) -> Option<CardId> {
        match *self {
            Action::Play { card, .. }
            | Action::Meet { card, .. }
            | Action::Counter { card, .. }
            | Action::OfferPackage { card, .. } => Some(card),
            Action::AnswerPackage { card, .. } => card,
            _ => None,
        }
    }

    /// The decision this action answers (`None` for an undo, which answers none).
    pub fn decision(&self) -> Option<Decision> {
        Some(match self {
            Action::Play { .. }
            | Action::Meet { .. }
            | Action::Counter { .. }
            | Action::Reject { .. }
            | Action::TableAccord { .. }
            | Action::OfferPackage { .. }
            | Action::Pass { .. } => Decision::Negotiate,
            Action::Choose { .. } => Decision::EventChoice,
            Action::Consent { .. } => Decision::Consent,
            Action::Vote { .. } => Decision::AccordVote,
            Action::Posture { .. } => Decision::Posture,
            Action::Renew { .. } => Decision::Renew,
            Action::AnswerBridge { .. } => Decision::Bridge,
            Action::AnswerOffer { .. } => Decision::Offer,
            Action::AnswerPackage { .. } => Decision::Package,
            Action::Undo { .. } | Action::Inject { .. } => return None,
        })
    }
}

/// The kind of decision a seat is being asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Answer the current event's choice.
    EventChoice,
    /// Take a negotiation action (play, answer, table the accord, pass).
    Negotiate,
    /// Consent to intrusive monitors, or refuse.
    Consent,
    /// Vote on the tabled accord.
    AccordVote,
    /// Choose a public posture.
    Posture,
    /// Rules version 2: renew a broken commitment the accord binds, or not.
    Renew,
    /// Rules version 2: accept or decline the mediators' bridging proposal.
    Bridge,
    /// Rules version 2: welcome, or not, a pledge the other delegation offered unasked.
    Offer,
    /// Rules version 2: accept the other delegation's package with a pledge in the basket it
    /// asks for, or decline it.
    Package,
}

impl Decision {
    /// For a yes-or-no decision (consent, a vote, a renewal, a proposal's answer), the action
    /// that says `accept` to it for `seat`; `None` for a decision with other choices.
    pub fn answer(self, seat: Seat, accept: bool) -> Option<Action> {
        Some(match self {
            Decision::Consent => Action::Consent { seat, accept },
            Decision::AccordVote => Action::Vote { seat, accept },
            Decision::Renew => Action::Renew { seat, accept },
            Decision::Bridge => Action::AnswerBridge { seat, accept },
            Decision::Offer => Action::AnswerOffer { seat, accept },
            Decision::EventChoice | Decision::Negotiate | Decision::Posture | Decision::Package => {
                return None;
            }
        })
    }
}

impl fmt::Display for Decision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Decision::EventChoice => "answer the event",
            Decision::Negotiate => "negotiate",
            Decision::Consent => "decide on monitors",
            Decision::AccordVote => "vote on the accord",
            Decision::Posture => "choose a posture",
            Decision::Renew => "renew a broken pledge of the accord",
            Decision::Bridge => "answer the mediators' proposal",
            Decision::Offer => "answer the other delegation's offer",
            Decision::Package => "answer the other delegation's package",
        })
    }
}

/// Why the engine refused an action. The state is unchanged whenever one is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RuleError {
    /// The game has ended.
    #[error("the game is over")]
    GameOver,
    /// Another seat must act now.
    #[error("{words}")]
    NotYourTurn {
        /// Who tried.
        seat: Seat,
        /// Who must act.
        expected: Seat,
        /// What they must decide.
        decision: Decision,
        /// The refusal in words, the seats by the scenario's names ("it is not Islamabad's
        /// turn (Kabul must negotiate)").
        words: String,
    },
    /// The right seat, but the wrong kind of decision.
    #[error("{words}")]
    WrongDecision {
        /// Who tried.
        seat: Seat,
        /// What is expected.
        expected: Decision,
        /// The refusal in words, the seat by the scenario's name ("Islamabad must negotiate
        /// now").
        words: String,
    },
    /// Any other broken rule, with the reason in plain words.
    #[error("{0}")]
    Illegal(String),
}
