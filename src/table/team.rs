//! A seat's delegation at a shared table: the logins that sit in it together, the one who
//! holds the pen (only they act for the seat), and the moves the others propose to them.
//!
//! A team is presence, like a seat being away: it lives in the session's memory only. A
//! proposal is never a game action and is never saved; it lapses as soon as any action is
//! taken at the table.

use super::Session;
use crate::engine::{Action, RuleError, Seat};

/// The most characters a delegate's name keeps.
pub const MAX_NAME: usize = 16;

/// One login in a seat's delegation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    /// Who it is to the table (a server's connection id).
    pub id: u64,
    /// What the others see it called (`ana`, `delegate 2`).
    pub name: String,
}

/// A move a delegate without the pen puts to the pen-holder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Proposal {
    /// Who proposes it.
    pub by: u64,
    /// Their name, as it was when they proposed.
    pub name: String,
    /// The move proposed.
    pub action: Action,
    /// How many actions the game had when it was made: once another is taken, it lapses.
    pub at: usize,
}

/// The logins sharing one seat, in the order they arrived, and who holds the pen.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Team {
    members: Vec<Member>,
    pen: Option<u64>,
    /// At most one a member, oldest first.
    proposals: Vec<Proposal>,
}

impl Team {
    /// The members, in the order they arrived.
    pub fn members(&self) -> &[Member] {
        &self.members
    }

    /// How many logins share the seat.
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether nobody is in the seat.
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    /// The member with this id.
    pub fn member(&self, id: u64) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    /// Who holds the pen (the first to arrive, until it is handed on).
    pub fn pen(&self) -> Option<&Member> {
        self.pen.and_then(|id| self.member(id))
    }

    /// Whether member `id` holds the pen.
    pub fn holds_pen(&self, id: u64) -> bool {
        self.pen == Some(id)
    }

    /// The teammate the pen goes to from member `id`: the next to have arrived after them,
    /// round again to the first. `None` when they are alone (or not in the team).
    pub fn next_after(&self, id: u64) -> Option<&Member> {
        let at = self.members.iter().position(|m| m.id == id)?;
        let next = &self.members[(at + 1) % self.members.len()];
        (next.id != id).then_some(next)
    }

    /// The proposals standing when the game has had `actions` actions, newest first.
    pub fn live_proposals(&self, actions: usize) -> Vec<&Proposal> {
        self.proposals
            .iter()
            .rev()
            .filter(|p| p.at == actions)
            .collect()
    }

    /// Adds a member; the first one holds the pen.
    fn join(&mut self, member: Member) {
        if self.pen.is_none() {
            self.pen = Some(member.id);
        }
        self.members.push(member);
    }

    /// Takes member `id` out (their proposal with them); a pen they held passes to the next
    /// teammate. Whether they were in the team.
    fn leave(&mut self, id: u64) -> bool {
        let Some(at) = self.members.iter().position(|m| m.id == id) else {
            return false;
        };
        if self.pen == Some(id) {
            self.pen = self.next_after(id).map(|m| m.id);
        }
        self.members.remove(at);
        self.proposals.retain(|p| p.by != id);
        true
    }

    /// A name no other member has: `wanted` cleaned, or `delegate N` (N their place on
    /// arrival), with a number added when taken.
    fn unique_name(&self, wanted: Option<&str>) -> String {
        let cleaned = wanted.map(clean_name).filter(|n| !n.is_empty());
        let taken = |name: &str| self.members.iter().any(|m| m.name == name);
        let (base, first) = match cleaned {
            Some(name) if !taken(&name) => return name,
            Some(name) => (name, 2),
            None => ("delegate".to_string(), self.members.len() + 1),
        };
        (first..)
            .map(|n| format!("{base} {n}"))
            .find(|name| !taken(name))
            .unwrap_or(base)
    }
}

/// A login's name as others see it: letters, digits, `-`, `_` and `.` of ASCII only (nothing
/// that could move a terminal or be wider than it looks), at most [`MAX_NAME`] of them.
pub fn clean_name(raw: &str) -> String {
    raw.chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        .take(MAX_NAME)
        .collect()
}

impl Session {
    /// The delegation in `seat`.
    pub fn team(&self, seat: Seat) -> &Team {
        &self.teams[seat.index()]
    }

    /// Counts every change to the teams (a login in or out, the pen handed on, a proposal),
    /// so a server knows to redraw the screens at the table.
    pub fn team_revision(&self) -> u64 {
        self.team_revision
    }

    /// The seat member `id` sits in, if any.
    pub fn seat_of(&self, id: u64) -> Option<Seat> {
        Seat::ALL
            .into_iter()
            .find(|seat| self.teams[seat.index()].member(id).is_some())
    }

    /// Seats login `id` in `seat`'s delegation, named `name` (cleaned; `delegate N` when
    /// none), unless the delegation already has `limit` members. A login sits in one seat:
    /// it leaves any other first. Already in it, nothing changes. Returns the member.
    pub fn join_team(
        &mut self,
        seat: Seat,
        id: u64,
        name: Option<&str>,
        limit: usize,
    ) -> Result<Member, String> {
        if let Some(member) = self.teams[seat.index()].member(id) {
            return Ok(member.clone());
        }
        let count = self.teams[seat.index()].len();
        if count >= limit.max(1) {
            let seat_name = self.game.scenario().seat_name(seat).to_string();
            return Err(if limit <= 1 {
                format!("{seat_name} is taken: someone is connected to it.")
            } else {
                format!(
                    "{seat_name}'s delegation is full: {count} logins share it, the most a seat \
                     takes here."
                )
            });
        }
        self.leave_team(id);
        let team = &mut self.teams[seat.index()];
        let member = Member {
            id,
            name: team.unique_name(name),
        };
        team.join(member.clone());
        self.away[seat.index()] = false;
        self.open[seat.index()] = false;
        self.team_revision += 1;
        Ok(member)
    }

    /// Login `id` is gone (its link dropped, or it left): the pen it held passes to the next
    /// teammate, and a seat left with nobody waits for its people, away. Returns the seat it
    /// sat in.
    pub fn leave_team(&mut self, id: u64) -> Option<Seat> {
        let seat = self.seat_of(id)?;
        let team = &mut self.teams[seat.index()];
        team.leave(id);
        if team.is_empty() {
            self.away[seat.index()] = true;
        }
        self.team_revision += 1;
        Some(seat)
    }

    /// Member `from` hands the pen to the next teammate (see [`Team::next_after`]); returns
    /// who holds it now, or why not.
    pub fn hand_pen(&mut self, seat: Seat, from: u64) -> Result<Member, String> {
        let next = self.teams[seat.index()].next_after(from).map(|m| m.id);
        match next {
            Some(to) => self.hand_pen_to(seat, from, to),
            None => self.hand_pen_to(seat, from, from),
        }
    }

    /// Member `from` hands the pen to teammate `to`, whom they chose; returns who holds it
    /// now, or why not (they do not hold it, `to` is themselves or not in the delegation).
    pub fn hand_pen_to(&mut self, seat: Seat, from: u64, to: u64) -> Result<Member, String> {
        let team = &mut self.teams[seat.index()];
        if !team.holds_pen(from) {
            return Err(match team.pen() {
                Some(holder) => format!("{} holds the pen: only they can hand it on.", holder.name),
                None => "Nobody holds the pen.".to_string(),
            });
        }
        if team.len() < 2 {
            return Err("Nobody else is in your delegation to hand the pen to.".to_string());
        }
        let next = team
            .member(to)
            .filter(|m| m.id != from)
            .cloned()
            .ok_or("That teammate is no longer in your delegation: choose another.")?;
        team.pen = Some(next.id);
        self.team_revision += 1;
        Ok(next)
    }

    /// Member `by`, without the pen, proposes `action` for their seat: the pen-holder sees it
    /// and may take it. It must be a move the seat could make now; it replaces their last
    /// proposal, and is never a game action.
    pub fn propose(&mut self, by: u64, action: Action) -> Result<(), String> {
        let seat = action.seat();
        let team = &self.teams[seat.index()];
        let Some(member) = team.member(by) else {
            return Err("Only a member of the delegation can propose its moves.".to_string());
        };
        if team.holds_pen(by) {
            return Err("You hold the pen: act yourself.".to_string());
        }
        if let Err(e) = self.game.check(&action) {
            return Err(format!("That cannot be proposed now: {e}."));
        }
        let proposal = Proposal {
            by,
            name: member.name.clone(),
            action,
            at: self.game.actions().len(),
        };
        let team = &mut self.teams[seat.index()];
        team.proposals.retain(|p| p.by != by);
        team.proposals.push(proposal);
        self.team_revision += 1;
        Ok(())
    }

    /// The newest proposal standing in `seat`'s delegation.
    pub fn live_proposal(&self, seat: Seat) -> Option<&Proposal> {
        self.teams[seat.index()]
            .live_proposals(self.game.actions().len())
            .into_iter()
            .next()
    }

    /// Member `id` takes a person's action for its seat: refused unless it holds the pen (a
    /// seat nobody sits in, as in a game on one machine, has no pen to hold).
    pub fn act_as(&mut self, id: u64, action: Action) -> Result<(), RuleError> {
        let team = &self.teams[action.seat().index()];
        if !team.is_empty() && !team.holds_pen(id) {
            let holder = team.pen().map_or("someone else", |m| m.name.as_str());
            return Err(RuleError::Illegal(format!(
                "{holder} holds the pen: your move goes to them as a proposal"
            )));
        }
        self.act(action)
    }

    /// Drops the proposals that lapsed (made before the last action).
    pub(super) fn forget_lapsed_proposals(&mut self) {
        let actions = self.game.actions().len();
        let mut changed = false;
        for team in &mut self.teams {
            let before = team.proposals.len();
            team.proposals.retain(|p| p.at == actions);
            changed |= team.proposals.len() != before;
        }
        if changed {
            self.team_revision += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn team(ids: &[u64]) -> Team {
        let mut team = Team::default();
        for &id in ids {
            let name = team.unique_name(None);
            team.join(Member { id, name });
        }
        team
    }

    #[test]
    fn the_first_to_arrive_holds_the_pen_and_it_passes_on_when_they_leave() {
        let mut team = team(&[7, 8, 9]);
        assert_eq!(team.pen().map(|m| m.id), Some(7));
        assert_eq!(team.next_after(9).map(|m| m.id), Some(7), "round again");
        team.leave(8);
        assert_eq!(team.pen().map(|m| m.id), Some(7), "a teammate left");
        team.leave(7);
        assert_eq!(team.pen().map(|m| m.id), Some(9), "the next connected one");
        assert_eq!(team.next_after(9), None, "alone");
        team.leave(9);
        assert!(team.pen().is_none() && team.is_empty());
    }

    #[test]
    fn names_are_cleaned_and_never_shared() {
        let mut team = team(&[1]);
        assert_eq!(team.members()[0].name, "delegate 1");
        assert_eq!(team.unique_name(Some("Ana\x1b[2J")), "Ana2J");
        assert_eq!(team.unique_name(Some("delegate 1")), "delegate1");
        team.join(Member {
            id: 2,
            name: "ana".into(),
        });
        assert_eq!(team.unique_name(Some("ana")), "ana 2");
        assert_eq!(team.unique_name(None), "delegate 3");
        assert_eq!(team.unique_name(Some("\u{7}\u{200b}")), "delegate 3");
        assert_eq!(clean_name(&"x".repeat(100)).len(), MAX_NAME);
    }
}
