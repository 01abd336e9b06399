//! Rules version 2: what another seat proposes, a delegation decides. Monitors the Afghan
//! seat refuses do not deploy (their verification is withdrawn), and the mediators' bridge
//! is a proposal the delegation accepts, making the pledge itself, or declines.

use super::game::Prompt;
use super::{CardId, Game, LogEvent, Meter, Seat, TableId};

impl Game {
    /// Version 2: the Afghan seat refused monitors, and they do not deploy. The verification
    /// they came with is withdrawn (the pledge's credibility goes back to what it was) and the
    /// refusal costs Trust.
    pub(super) fn veto_monitors(&mut self, id: TableId, (credibility, verified): (u8, bool)) {
        if let Some(commitment) = self.commitments.iter_mut().find(|c| c.id == id) {
            commitment.credibility = credibility;
            commitment.verified = verified;
        }
        self.note(LogEvent::MonitorsRefused { id, credibility });
        let cost = i32::from(self.scenario.rules.refused_monitors_trust);
        self.shift(Meter::Trust, -cost);
    }

    /// Version 2: the mediators' bridge is a proposal to the delegation the demand is aimed
    /// at. The card waits in the mediators' discard until it is answered.
    pub(super) fn propose_bridge(&mut self, demand: TableId, card: CardId) {
        let Some(to) = self.demands.iter().find(|d| d.id == demand).map(|d| d.to) else {
            self.discards[Seat::Mediator.index()].push(card);
            return;
        };
        self.discards[Seat::Mediator.index()].push(card);
        self.note(LogEvent::BridgeProposed { id: demand, to });
        self.prompt = Some(Prompt::Bridge {
            seat: to,
            demand,
            card,
        });
    }

    /// Version 2: accepted, the bridge makes the delegation's pledge; declined, the demand
    /// stays open and Trust pays.
    pub(super) fn answer_bridge(&mut self, seat: Seat, accept: bool) {
        let Some(Prompt::Bridge { demand, card, .. }) = self.prompt.take() else {
            return;
        };
        if accept {
            let discard = &mut self.discards[Seat::Mediator.index()];
            if let Some(at) = discard.iter().rposition(|&c| c == card) {
                discard.remove(at);
            }
            self.bridge(demand, card);
        } else {
            self.note(LogEvent::BridgeDeclined { id: demand, seat });
            let cost = i32::from(self.scenario.rules.declined_bridge_trust);
            self.shift(Meter::Trust, -cost);
        }
    }
}
