//! Accepting and serving connections, with the limits a server on an open network needs and
//! `axum::serve` does not set: a request head must arrive within a timeout (which also closes
//! a connection left idle between requests), one client address may hold only so many
//! connections, and the whole server only as many as its open-file limit allows. Without
//! them, idle half-sent requests held every file descriptor and stalled the server. And the
//! kernel queues a burst of new connections for the server to accept, rather than dropping
//! them.

use std::collections::HashMap;
use std::future::Future;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use tokio::net::{TcpListener, TcpSocket};

/// File descriptors kept back from connections: the database, the log, the listener.
const FILES_KEPT_BACK: u64 = 64;
/// How long a stopping server waits for the requests under way (live dashboards never end).
const STOP_GRACE: Duration = Duration::from_secs(10);
/// New connections the kernel holds until the server accepts them (Linux caps it at
/// `net.core.somaxconn`, 4,096 by default). tokio's `TcpListener::bind` asks for 128: a burst of
/// more (a class's games reconnecting at once after a restart, 2,000 clients in the slow-client
/// test) overflowed it, and each connection dropped waited a second for its client to try again.
const ACCEPT_BACKLOG: u32 = 1024;

#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    pub header_read_timeout: Duration,
    pub per_address: usize,
    pub total: usize,
}

/// A listener on `addr` with room for [`ACCEPT_BACKLOG`] connections not yet accepted.
pub fn listen(addr: SocketAddr) -> std::io::Result<TcpListener> {
    let socket = match addr {
        SocketAddr::V4(_) => TcpSocket::new_v4()?,
        SocketAddr::V6(_) => TcpSocket::new_v6()?,
    };
    // As `TcpListener::bind` does on Unix: a restarted server gets its port back at once.
    #[cfg(unix)]
    socket.set_reuseaddr(true)?;
    socket.bind(addr)?;
    socket.listen(ACCEPT_BACKLOG)
}

/// Raises the soft open-file limit to the hard one, where the OS allows, and says how many
/// connections fit under it.
pub fn connections_the_file_limit_allows() -> usize {
    #[cfg(unix)]
    {
        let limit = rlimit::increase_nofile_limit(u64::MAX)
            .or_else(|_| rlimit::getrlimit(rlimit::Resource::NOFILE).map(|(soft, _)| soft))
            .unwrap_or(1024);
        usize::try_from(limit.saturating_sub(FILES_KEPT_BACK).max(16)).unwrap_or(usize::MAX)
    }
    #[cfg(not(unix))]
    {
        // Windows has no per-process descriptor limit of this kind for sockets.
        100_000
    }
}

/// Open connections per client address and in all; a [`Slot`] is one of them.
#[derive(Default)]
struct OpenConnections {
    by_address: HashMap<IpAddr, usize>,
    total: usize,
}

/// One open connection, counted until it is dropped.
struct Slot {
    open: Arc<Mutex<OpenConnections>>,
    address: IpAddr,
}

fn lock(open: &Mutex<OpenConnections>) -> std::sync::MutexGuard<'_, OpenConnections> {
    open.lock().unwrap_or_else(|p| p.into_inner())
}

impl Slot {
    /// A slot for a new connection from `address`, or `None` when it is over a limit. One
    /// address never gets more than half of the total, so it cannot lock the others out.
    fn take(
        open: &Arc<Mutex<OpenConnections>>,
        address: IpAddr,
        limits: &ConnectionLimits,
    ) -> Option<Slot> {
        let address = client(address);
        let per_address = limits.per_address.min(limits.total / 2).max(1);
        let mut counts = lock(open);
        let from_address = counts.by_address.get(&address).copied().unwrap_or(0);
        if from_address >= per_address || counts.total >= limits.total {
            return None;
        }
        counts.by_address.insert(address, from_address + 1);
        counts.total += 1;
        Some(Slot {
            open: Arc::clone(open),
            address,
        })
    }
}

/// The client an address stands for: an IPv6 address's /64 (one host is given a whole /64
/// and may use any address in it), an IPv4 address itself.
fn client(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6([s[0], s[1], s[2], s[3], 0, 0, 0, 0].into())
            }
        },
        v4 => v4,
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        let mut counts = lock(&self.open);
        counts.total = counts.total.saturating_sub(1);
        if let Some(n) = counts.by_address.get_mut(&self.address) {
            *n -= 1;
            if *n == 0 {
                counts.by_address.remove(&self.address);
            }
        }
    }
}

/// Serves `app` on `listener` until `stop` completes, then lets the requests under way finish
/// (for a while).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: ConnectionLimits,
    stop: impl Future<Output = ()>,
) {
    let open = Arc::new(Mutex::new(OpenConnections::default()));
    let graceful = GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_read_timeout);
    tokio::pin!(stop);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of descriptors or a connection reset before accept: the listener
                    // itself is fine, so wait a moment rather than spin.
                    tracing::warn!(error = %e, "accepting a connection");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut stop => break,
        };
        // Over a limit: closed at once, so it holds nothing.
        let Some(slot) = Slot::take(&open, peer.ip(), &limits) else {
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            // What `into_make_service_with_connect_info` did: handlers read the peer address.
            request
                .extensions_mut()
                .insert(ConnectInfo::<SocketAddr>(peer));
            tower_service::Service::call(&mut app.clone(), request)
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A client that goes away or times out is no error of the server's.
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(STOP_GRACE, graceful.shutdown()).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slots_are_counted_per_address_and_in_all_and_given_back_when_dropped() {
        let open = Arc::new(Mutex::new(OpenConnections::default()));
        let limits = ConnectionLimits {
            header_read_timeout: Duration::from_secs(1),
            per_address: 2,
            total: 5,
        };
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = "2001:db8::1".parse().unwrap();
        let b_elsewhere_in_its_64: IpAddr = "2001:db8::2:3".parse().unwrap();
        let c: IpAddr = [10, 0, 0, 3].into();
        let first = Slot::take(&open, a, &limits).unwrap();
        let _second = Slot::take(&open, a, &limits).unwrap();
        assert!(Slot::take(&open, a, &limits).is_none(), "a's cap");
        let _third = Slot::take(&open, b, &limits).unwrap();
        let _fourth = Slot::take(&open, b_elsewhere_in_its_64, &limits).unwrap();
        assert!(
            Slot::take(&open, b, &limits).is_none(),
            "b's /64 is one client"
        );
        let _fifth = Slot::take(&open, c, &limits).unwrap();
        assert!(Slot::take(&open, c, &limits).is_none(), "the total cap");
        drop(first);
        assert!(Slot::take(&open, a, &limits).is_some());
        // A low total: no address gets more than half of it.
        let tight = ConnectionLimits {
            total: 4,
            per_address: 1_000,
            ..limits
        };
        let open = Arc::new(Mutex::new(OpenConnections::default()));
        let held: Vec<_> = (0..4)
            .filter_map(|_| Slot::take(&open, a, &tight))
            .collect();
        assert_eq!(held.len(), 2);
        assert!(Slot::take(&open, c, &tight).is_some());
    }
}
