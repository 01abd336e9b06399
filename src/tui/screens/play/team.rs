//! The play screen in a seat shared by a delegation (a server's table): which login this
//! screen is, the pen (only its holder acts; a teammate's moves become proposals), handing
//! the pen on, taking a proposal, and the words of the team's bar under the keys. It asks the
//! session to change the team; it must not draw or decide what is legal.

use super::Play;
use crate::engine::{Action, Seat, Viewer, words};
use crate::table::Team;
use crate::tui::keys::{self, Command};
use crate::tui::screens::table::PenChoice;
use crate::tui::widgets::team_bar::BarLine;

impl Play {
    /// The same screen as the window of login `id` in its seat's delegation: its moves go
    /// through the pen.
    pub fn as_member(mut self, id: u64) -> Play {
        self.member = Some(id);
        self
    }

    /// The login this screen is in its seat's delegation, if it is one.
    pub fn member(&self) -> Option<u64> {
        self.member
    }

    /// The shown seat's delegation, when this screen's login is in it.
    fn my_team(&self) -> Option<(Seat, u64, Team)> {
        let (Viewer::Seat(seat), Some(me)) = (self.shown, self.member) else {
            return None;
        };
        let team = self.session().team(seat).clone();
        team.member(me).is_some().then_some((seat, me, team))
    }

    /// Who holds the pen, when this screen's login is in a delegation and does not: its
    /// moves are proposals to them.
    pub(super) fn pen_elsewhere(&self) -> Option<String> {
        let (_, me, team) = self.my_team()?;
        let holder = team.pen()?;
        (holder.id != me).then(|| holder.name.clone())
    }

    /// Puts `action` to the pen-holder `holder` as this login's proposal, and says so.
    pub(super) fn propose(&mut self, action: Action, holder: &str) {
        let Some(me) = self.member else {
            return;
        };
        let words = words::action_in(self.session().game(), &action);
        let proposed = self.session().propose(me, action);
        self.notice = Some(match proposed {
            Ok(()) => {
                // The table is in view again, with the proposal's word on it; a question put
                // aside comes back with Enter.
                self.ui.picker = None;
                self.ui.prompt_hidden = self.decision_prompt().is_some();
                format!("Proposed to {holder}, who holds the pen: {words}")
            }
            Err(why) => why,
        });
    }

    /// The pen key: its holder hands the pen on: to the one teammate there is, or, with
    /// several, to the one chosen from the list it opens (the next to have arrived first).
    pub(super) fn hand_pen(&mut self) {
        let Some((seat, me, team)) = self.my_team() else {
            self.notice = Some("The pen is passed within a delegation of several logins.".into());
            return;
        };
        if !team.holds_pen(me) || team.len() <= 2 {
            let handed = self.session().hand_pen(seat, me);
            self.said_pen(handed);
            return;
        }
        // The teammates in the order the pen would go round, starting after this login.
        let at = team.members().iter().position(|m| m.id == me).unwrap_or(0);
        let teammates = team
            .members()
            .iter()
            .cycle()
            .skip(at + 1)
            .take(team.len())
            .filter(|m| m.id != me)
            .map(|m| (m.name.clone(), m.id))
            .collect();
        self.notice = None;
        self.ui.pen = Some(PenChoice {
            teammates,
            selected: 0,
        });
    }

    /// Keys on the list of teammates to hand the pen to: move (the pen key moves on too),
    /// hand it to the highlighted one, or close the list.
    pub(super) fn handle_pen_choice(&mut self, command: Command) {
        let Some(choice) = &mut self.ui.pen else {
            return;
        };
        let n = choice.teammates.len().max(1);
        match command {
            Command::Up => choice.selected = (choice.selected + n - 1) % n,
            Command::Down | Command::Pen => choice.selected = (choice.selected + 1) % n,
            Command::Confirm => {
                let to = choice.teammates.get(choice.selected).map(|(_, id)| *id);
                self.ui.pen = None;
                if let (Some(to), Some((seat, me, _))) = (to, self.my_team()) {
                    let handed = self.session().hand_pen_to(seat, me, to);
                    self.said_pen(handed);
                }
            }
            Command::Back => self.ui.pen = None,
            _ => {}
        }
    }

    /// Says who the pen went to, or why it did not go.
    fn said_pen(&mut self, handed: Result<crate::table::Member, String>) {
        self.notice = Some(match handed {
            Ok(next) => format!(
                "You handed the pen to {}: they act for the seat now, and you propose.",
                next.name
            ),
            Err(why) => why,
        });
    }

    /// The list of teammates to hand the pen to, as a picker's words: its title, what is
    /// asked, and each teammate's line.
    pub(super) fn pen_choice_text(&self) -> Option<(String, String, Vec<String>)> {
        let choice = self.ui.pen.as_ref()?;
        let Viewer::Seat(seat) = self.shown else {
            return None;
        };
        let session = self.session();
        let seat_name = session.game().scenario().seat_name(seat).to_string();
        let proposal = session.live_proposal(seat);
        let labels = choice
            .teammates
            .iter()
            .map(|(name, id)| match proposal.filter(|p| p.by == *id) {
                Some(p) => format!(
                    "{name} (proposes: {})",
                    words::action_in(session.game(), &p.action)
                ),
                None => name.clone(),
            })
            .collect();
        Some((
            "Hand the pen".to_string(),
            format!(
                "Who holds the pen for {seat_name} now? They make the seat's moves; you propose \
                 yours to them."
            ),
            labels,
        ))
    }

    /// The take key: the pen-holder plays the teammate's proposal shown, if it can still be
    /// played.
    pub(super) fn take_proposal(&mut self) {
        if let Some(holder) = self.pen_elsewhere() {
            self.notice = Some(format!("{holder} holds the pen: only they take proposals."));
            return;
        }
        let proposal = match &self.shown {
            Viewer::Seat(seat) => self.session().live_proposal(*seat).cloned(),
            _ => None,
        };
        let Some(proposal) = proposal.filter(|_| self.member.is_some()) else {
            self.notice = Some("No proposal from a teammate stands now.".into());
            return;
        };
        self.act(proposal.action);
        if self.notice.is_none() {
            self.notice = Some(format!("You took {}'s proposal.", proposal.name));
        }
    }

    /// The button that confirms a choice: `Enter choose`, or `Enter propose` for a delegate
    /// without the pen.
    pub(super) fn confirm_button(&self) -> String {
        match self.pen_elsewhere() {
            Some(_) => keys::hint(Command::Confirm, "propose"),
            None => keys::button(Command::Confirm),
        }
    }

    /// The pass button: `p pass`, or `p propose a pass` for a delegate without the pen.
    pub(super) fn pass_button(&self) -> String {
        match self.pen_elsewhere() {
            Some(_) => keys::hint(Command::Pass, "propose a pass"),
            None => keys::button(Command::Pass),
        }
    }

    /// The footer's buttons of a delegation: the pen-holder's, to hand the pen on and to
    /// take the proposal standing.
    pub(super) fn team_buttons(&self) -> Vec<(String, Command)> {
        let Some((seat, me, team)) = self.my_team() else {
            return Vec::new();
        };
        let mut buttons = Vec::new();
        if team.holds_pen(me) && team.len() > 1 {
            buttons.push((keys::button(Command::Pen), Command::Pen));
            if self.session().live_proposal(seat).is_some() {
                buttons.push((keys::button(Command::TakeProposal), Command::TakeProposal));
            }
        }
        buttons
    }

    /// The team's bar: who holds the pen and who is in the delegation, then the proposal
    /// standing, if any. Nothing for a login alone in its seat.
    pub(crate) fn team_lines(&self) -> Vec<BarLine> {
        let Some((seat, me, team)) = self.my_team().filter(|(_, _, t)| t.len() > 1) else {
            return Vec::new();
        };
        let session = self.session();
        let seat_name = session.game().scenario().seat_name(seat).to_string();
        let names: Vec<String> = team
            .members()
            .iter()
            .map(|m| {
                let pen = if team.holds_pen(m.id) { " ✎" } else { "" };
                let you = if m.id == me { " (you)" } else { "" };
                format!("{}{pen}{you}", m.name)
            })
            .collect();
        let delegation = format!("{seat_name}: {}", names.join(", "));
        let holder = team.pen();
        let mine = team.holds_pen(me);
        let first = match (mine, team.next_after(me)) {
            (true, Some(_)) if team.len() > 2 => format!(
                "✎ You hold the pen · {} hands it to a teammate · {delegation}",
                keys::key(Command::Pen)
            ),
            (true, Some(next)) => format!(
                "✎ You hold the pen · {} hands it to {} · {delegation}",
                keys::key(Command::Pen),
                next.name
            ),
            (true, None) => format!("✎ You hold the pen · {delegation}"),
            (false, _) => format!(
                "✎ {} holds the pen: you propose, they act · {delegation}",
                holder.map_or("Nobody", |m| m.name.as_str())
            ),
        };
        let mut lines = vec![BarLine {
            text: first,
            loud: false,
        }];
        if let Some(proposal) = session.live_proposal(seat) {
            let what = words::action_in(session.game(), &proposal.action);
            let text = match (mine, proposal.by == me) {
                (true, _) => format!(
                    "» {} takes {}'s proposal: {what}",
                    keys::key(Command::TakeProposal),
                    proposal.name
                ),
                (false, true) => format!(
                    "» Your proposal to {}: {what}",
                    holder.map_or("the pen-holder", |m| m.name.as_str())
                ),
                (false, false) => format!("» {} proposes: {what}", proposal.name),
            };
            lines.push(BarLine { text, loud: mine });
        }
        lines
    }
}
