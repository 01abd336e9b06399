//! Who may log in: the none, password and public-key methods checked against the server's
//! access policy (the facilitator's names need its own password), the methods offered, and
//! what a user name asks for.

use super::Connection;
use crate::engine::{Seat, Viewer};
use crate::server::Access;
use crate::server::throttle::{FREE_FAILURES, Turn};
use russh::keys::PublicKey;
use russh::server::Auth;
use russh::{MethodKind, MethodSet};
use std::time::{Duration, Instant};

/// The longest a password attempt waits for its turn before it is refused unchecked.
const LOGIN_PATIENCE: Duration = Duration::from_secs(20);

impl Connection {
    /// Whether `user` asks for the facilitator's console or view (`facilitator`,
    /// `facilitator.N`, in any case): those need the facilitator's own password.
    fn is_facilitator(user: &str) -> bool {
        user.to_ascii_lowercase().split('.').next() == Some("facilitator")
    }

    fn authorize(&mut self, user: &str, accepted: bool, method: &str) -> Auth {
        if accepted {
            // Names are matched in any case: `Pakistan@` takes the Pakistani seat.
            self.user = user.to_ascii_lowercase();
            tracing::info!(conn = self.id, user = %self.user, "logged in");
            Auth::Accept
        } else {
            // A client asks with `none` first to learn the methods: not worth a line.
            if method != "none" {
                tracing::info!(conn = self.id, user, method, "login refused");
            }
            Auth::Reject {
                proceed_with_methods: None,
                partial_success: false,
            }
        }
    }

    /// The `none` method: an open server lets anyone in but the facilitator.
    pub(super) fn auth_by_none(&mut self, user: &str) -> Auth {
        let open = matches!(self.shared.access, Access::Open) && !Self::is_facilitator(user);
        self.authorize(user, open, "none")
    }

    /// The password method, slowed per address: the attempt waits its turn when its
    /// address has failed too often lately (see [`crate::server::throttle`]), and a failure
    /// is counted against the address.
    pub(super) async fn auth_by_password_in_turn(&mut self, user: &str, password: &str) -> Auth {
        let Some(address) = self.address else {
            return self.auth_by_password(user, password);
        };
        let shared = self.shared.clone();
        let throttle = &shared.throttle;
        match throttle.turn(address, Instant::now(), LOGIN_PATIENCE) {
            Turn::Now => {}
            Turn::After(wait) => tokio::time::sleep(wait).await,
            Turn::Refused => {
                tracing::warn!(
                    conn = self.id,
                    %address,
                    user,
                    "login refused unchecked: too many failed logins from this address"
                );
                return self.rejected_password();
            }
        }
        let auth = self.auth_by_password(user, password);
        if matches!(auth, Auth::Reject { .. }) {
            let failures = throttle.failed(address, Instant::now());
            if failures == FREE_FAILURES + 1 {
                tracing::warn!(
                    %address,
                    failures,
                    "failed logins from one address: its attempts are slowed from now on"
                );
            }
        }
        auth
    }

    /// A refused password, with the methods still open (see `auth_by_password`).
    fn rejected_password(&self) -> Auth {
        Auth::Reject {
            proceed_with_methods: Some(methods(
                &self.shared.access,
                self.shared.facilitator_password.is_some(),
            )),
            partial_success: false,
        }
    }

    /// The password method: the facilitator's names need its password, any other the
    /// server's (or none on an open server).
    pub(super) fn auth_by_password(&mut self, user: &str, password: &str) -> Auth {
        let ok = if Self::is_facilitator(user) {
            self.shared
                .facilitator_password
                .as_ref()
                .is_some_and(|secret| constant_time_eq(secret.as_bytes(), password.as_bytes()))
        } else {
            match &self.shared.access {
                Access::Password(secret) => {
                    constant_time_eq(secret.as_bytes(), password.as_bytes())
                }
                Access::Open => true,
                Access::Keys(_) => false,
            }
        };
        // A seat's join code is also its login's password.
        let by_code = self.seat_code_login(user, password);
        let ok = by_code || ok;
        let auth = self.authorize(user, ok, "password");
        // A mistyped password may be typed again: keep offering passwords (russh would drop
        // the method after one failure, and ssh then says only "publickey").
        match auth {
            Auth::Reject { .. } => self.rejected_password(),
            accepted => accepted,
        }
    }

    /// The public-key method: a listed key on a server that takes keys, any key on an open
    /// one; never for the facilitator's names.
    pub(super) fn auth_by_key(&mut self, user: &str, key: &PublicKey) -> Auth {
        if Self::is_facilitator(user) {
            return self.authorize(user, false, "publickey");
        }
        let ok = match &self.shared.access {
            Access::Keys(allowed) => allowed.iter().any(|k| k.key_data() == key.key_data()),
            Access::Open => true,
            Access::Password(_) => false,
        };
        if ok {
            self.remember_key(key);
        }
        self.authorize(user, ok, "publickey")
    }
}

/// What a user name asks for: `pakistan`, `afghanistan`, `mediator`, `watch` or
/// `facilitator`, optionally with a table number (`afghanistan.2`; table 1 without one). A
/// seat's name may end in the delegate's own name after a `+` (`pakistan.2+ana`), which
/// their teammates see. `None` for any other name (a `+` on any but a seat's too): the lobby.
pub fn parse_user(user: &str) -> Option<(Viewer, u32)> {
    let (user, delegate) = match user.split_once('+') {
        Some((base, name)) => (base, Some(name)),
        None => (user, None),
    };
    let (name, table) = match user.split_once('.') {
        Some((name, number)) => (name, number.parse().ok()?),
        None => (user, 1),
    };
    let viewer = match name {
        "watch" => Viewer::Spectator,
        "facilitator" => Viewer::Facilitator,
        seat => Viewer::Seat(Seat::from_key(seat)?),
    };
    if delegate.is_some() && !matches!(viewer, Viewer::Seat(_)) {
        return None;
    }
    Some((viewer, table))
}

/// The name a login goes by in a seat's delegation: what follows the `+` of a seat's login
/// (`pakistan.2+ana`: `ana`), or a lobby user's own name (`maria`); `None` for a bare seat
/// login (`pakistan.2`), whom the table calls `delegate N`. Cleaned when seated.
pub fn delegate_name(user: &str) -> Option<String> {
    match (parse_user(user), user.split_once('+')) {
        (None, _) => Some(user.to_string()),
        (Some(_), Some((_, name))) if !name.is_empty() => Some(name.to_string()),
        (Some(_), _) => None,
    }
}

/// Compares secrets without an early exit on the first differing byte.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The authentication methods offered for an access policy (password too when the
/// facilitator has one).
pub fn methods(access: &Access, facilitator: bool) -> MethodSet {
    let kinds: &[MethodKind] = match (access, facilitator) {
        (Access::Open, _) => &[
            MethodKind::None,
            MethodKind::Password,
            MethodKind::PublicKey,
        ],
        (Access::Password(_), _) => &[MethodKind::Password],
        (Access::Keys(_), false) => &[MethodKind::PublicKey],
        (Access::Keys(_), true) => &[MethodKind::PublicKey, MethodKind::Password],
    };
    MethodSet::from(kinds)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_names_pick_a_viewer_and_a_table() {
        assert_eq!(
            parse_user("pakistan"),
            Some((Viewer::Seat(Seat::Pakistan), 1))
        );
        assert_eq!(parse_user("watch.4"), Some((Viewer::Spectator, 4)));
        assert_eq!(parse_user("facilitator"), Some((Viewer::Facilitator, 1)));
        assert_eq!(parse_user("maria"), None);
        assert_eq!(parse_user("mediator.x"), None);
    }

    #[test]
    fn a_seats_login_may_name_its_delegate_and_no_other_login_may() {
        assert_eq!(
            parse_user("pakistan.2+ana"),
            Some((Viewer::Seat(Seat::Pakistan), 2))
        );
        assert_eq!(
            parse_user("mediator+bo"),
            Some((Viewer::Seat(Seat::Mediator), 1))
        );
        assert_eq!(delegate_name("pakistan.2+ana").as_deref(), Some("ana"));
        assert_eq!(delegate_name("pakistan.2"), None);
        assert_eq!(delegate_name("pakistan.2+"), None);
        assert_eq!(delegate_name("maria").as_deref(), Some("maria"));
        // Never the facilitator's view, or watching, under another name.
        assert_eq!(parse_user("facilitator+x"), None);
        assert_eq!(parse_user("facilitator.2+x"), None);
        assert_eq!(parse_user("watch+x"), None);
        assert!(!Connection::is_facilitator("facilitator+x"));
    }

    #[test]
    fn the_facilitators_names_need_its_password_in_any_case() {
        assert!(Connection::is_facilitator("facilitator"));
        assert!(Connection::is_facilitator("Facilitator.2"));
        assert!(Connection::is_facilitator("FACILITATOR"));
        assert!(!Connection::is_facilitator("maria"));
    }

    #[test]
    fn secrets_compare_whole() {
        assert!(constant_time_eq(b"s3cret", b"s3cret"));
        assert!(!constant_time_eq(b"s3cret", b"s3creT"));
        assert!(!constant_time_eq(b"s3cret", b"s3cre"));
    }
}
