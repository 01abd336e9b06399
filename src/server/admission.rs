//! Who may have a connection at all, decided when the TCP connection is accepted — before a
//! byte of SSH is spoken: a limit on connections in all and on connections from one address
//! (a whole room behind one NAT address must fit), and the one-line refusal a client over
//! either limit is shown.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

/// How many connections the server takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Connections at once, from everyone (logged in or not).
    pub total: usize,
    /// Connections at once from one address.
    pub per_address: usize,
}

/// Why a connection was turned away at the door.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// Every place is taken.
    #[error("the server is full ({0} connections); try again in a minute")]
    Full(usize),
    /// This address has as many connections as one address may.
    #[error("too many connections from your address ({0}); close one and try again")]
    AddressFull(usize),
}

/// The connections now open, counted in all and by address.
#[derive(Debug)]
pub struct Admission {
    limits: Limits,
    counts: Mutex<Counts>,
}

#[derive(Debug, Default)]
struct Counts {
    total: usize,
    by_address: HashMap<IpAddr, usize>,
}

/// A place taken by one connection; dropping it frees the place.
#[derive(Debug)]
pub struct Permit {
    admission: Arc<Admission>,
    address: IpAddr,
}

impl Admission {
    /// No connection yet, these limits.
    pub fn new(limits: Limits) -> Arc<Admission> {
        Arc::new(Admission {
            limits,
            counts: Mutex::new(Counts::default()),
        })
    }

    /// The limits in force.
    pub fn limits(&self) -> Limits {
        self.limits
    }

    /// Connections open now.
    pub fn open(&self) -> usize {
        self.counts().total
    }

    fn counts(&self) -> std::sync::MutexGuard<'_, Counts> {
        self.counts.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Takes a place for a connection from `address`, or says why there is none.
    pub fn admit(self: &Arc<Self>, address: IpAddr) -> Result<Permit, Refusal> {
        let mut counts = self.counts();
        if counts.total >= self.limits.total {
            return Err(Refusal::Full(self.limits.total));
        }
        let from_here = counts.by_address.entry(address).or_default();
        if *from_here >= self.limits.per_address {
            return Err(Refusal::AddressFull(self.limits.per_address));
        }
        *from_here += 1;
        counts.total += 1;
        Ok(Permit {
            admission: self.clone(),
            address,
        })
    }
}

impl Drop for Permit {
    fn drop(&mut self) {
        let mut counts = self.admission.counts();
        counts.total = counts.total.saturating_sub(1);
        if let Some(n) = counts.by_address.get_mut(&self.address) {
            *n = n.saturating_sub(1);
            if *n == 0 {
                counts.by_address.remove(&self.address);
            }
        }
    }
}

/// What a refused client is sent instead of a session: the SSH identification line and one
/// unencrypted disconnect message (allowed before key exchange), which OpenSSH prints as
/// "Received disconnect from HOST port PORT:12: MESSAGE". No key exchange is spent on it.
pub fn refusal_bytes(message: &str) -> Vec<u8> {
    /// SSH_MSG_DISCONNECT, and its reason code SSH_DISCONNECT_TOO_MANY_CONNECTIONS.
    const DISCONNECT: u8 = 1;
    const TOO_MANY_CONNECTIONS: u32 = 12;
    let text = format!("ceasefire: {message}");
    let mut payload = vec![DISCONNECT];
    payload.extend_from_slice(&TOO_MANY_CONNECTIONS.to_be_bytes());
    payload.extend_from_slice(&(text.len() as u32).to_be_bytes());
    payload.extend_from_slice(text.as_bytes());
    payload.extend_from_slice(&0u32.to_be_bytes());
    // The packet (length, padding length, payload, padding) is a multiple of 8 bytes, with
    // at least 4 bytes of padding.
    let mut padding = 8 - (5 + payload.len()) % 8;
    if padding < 4 {
        padding += 8;
    }
    let mut bytes = b"SSH-2.0-ceasefire\r\n".to_vec();
    bytes.extend_from_slice(&((1 + payload.len() + padding) as u32).to_be_bytes());
    bytes.push(padding as u8);
    bytes.extend_from_slice(&payload);
    bytes.extend(std::iter::repeat_n(0u8, padding));
    bytes
}

/// Raises this process's soft limit on open files as far as its hard limit allows and
/// returns the soft limit now in force, so a room of connections cannot run the server out
/// of descriptors.
pub fn raise_open_file_limit() -> u64 {
    rlimit::increase_nofile_limit(u64::MAX).unwrap_or(1024)
}

/// Descriptors kept back from connections: the listener, the log, saves being written, the
/// runtime's own, and a margin.
pub const RESERVED_FILES: u64 = 64;

/// The connection limit the open-file limit allows: `wanted`, or fewer when `files` leaves
/// too little head-room (each connection holds one socket).
pub fn connections_allowed(wanted: usize, files: u64) -> usize {
    let room = files.saturating_sub(RESERVED_FILES).max(1);
    wanted.min(usize::try_from(room).unwrap_or(usize::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn address(last: u8) -> IpAddr {
        IpAddr::from([10, 0, 0, last])
    }

    #[test]
    fn the_total_limit_holds_and_a_closed_connection_frees_its_place() {
        let admission = Admission::new(Limits {
            total: 2,
            per_address: 10,
        });
        let first = admission.admit(address(1)).unwrap();
        let _second = admission.admit(address(2)).unwrap();
        assert_eq!(admission.admit(address(3)).unwrap_err(), Refusal::Full(2));
        drop(first);
        assert!(admission.admit(address(3)).is_ok());
    }

    #[test]
    fn one_address_cannot_take_every_place() {
        let admission = Admission::new(Limits {
            total: 10,
            per_address: 2,
        });
        let _a = admission.admit(address(1)).unwrap();
        let _b = admission.admit(address(1)).unwrap();
        assert_eq!(
            admission.admit(address(1)).unwrap_err(),
            Refusal::AddressFull(2)
        );
        let _other = admission.admit(address(2)).expect("others still get in");
        assert_eq!(admission.open(), 3);
    }

    #[test]
    fn the_refusal_is_a_well_formed_disconnect_packet() {
        let bytes = refusal_bytes("the server is full");
        let packet = &bytes[b"SSH-2.0-ceasefire\r\n".len()..];
        let length = u32::from_be_bytes(packet[..4].try_into().unwrap()) as usize;
        assert_eq!(packet.len(), 4 + length);
        assert_eq!(packet.len() % 8, 0);
        let padding = packet[4] as usize;
        assert!(padding >= 4);
        assert_eq!(packet[5], 1, "SSH_MSG_DISCONNECT");
        let text = String::from_utf8_lossy(&packet[14..length + 4 - padding - 4]);
        assert_eq!(text, "ceasefire: the server is full");
    }

    #[test]
    fn the_connection_limit_leaves_head_room_in_the_file_limit() {
        assert_eq!(connections_allowed(500, 1_048_576), 500);
        assert_eq!(connections_allowed(500, 256), 256 - RESERVED_FILES as usize);
        assert_eq!(connections_allowed(500, 10), 1);
    }
}
