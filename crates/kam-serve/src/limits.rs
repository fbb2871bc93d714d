//! Limits on what one client can ask of the server: a token bucket per client key.
//!
//! Hand-written rather than a crate (governor, tower_governor): it is twenty lines over a
//! mutex, and those crates would add their own clocks and maps to the build for no gain.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

/// The largest request body the server reads (an uploaded scenario is the largest).
pub const MAX_BODY_BYTES: usize = 1024 * 1024;
/// The longest class title, in characters.
pub const MAX_TITLE_CHARS: usize = 120;
/// Seats in one class.
pub const MAX_SEATS: usize = 500;
/// Clients remembered before the oldest are forgotten (bounds the limiter's memory).
const MAX_CLIENTS: usize = 100_000;

pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl RateLimiter {
    pub fn new(per_second: f64, burst: f64) -> RateLimiter {
        RateLimiter {
            per_second,
            burst,
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// A limit of `allowance`: its burst, then one more each `every`.
    pub fn from_allowance(allowance: crate::Allowance) -> RateLimiter {
        let every = allowance.every.as_secs_f64().max(f64::MIN_POSITIVE);
        RateLimiter::new(1.0 / every, f64::from(allowance.burst.max(1)))
    }

    /// Whether `key`'s bucket has a request left, without taking it.
    pub fn has_room(&self, key: &str) -> bool {
        let buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        buckets.get(key).is_none_or(|(tokens, at)| {
            tokens + Instant::now().duration_since(*at).as_secs_f64() * self.per_second >= 1.0
        })
    }

    /// Takes one request from `key`'s bucket; false when it is empty.
    pub fn allow(&self, key: &str) -> bool {
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        if buckets.len() >= MAX_CLIENTS && !buckets.contains_key(key) {
            // Forget the clients that have been quiet longest (their buckets are full again).
            let full = self.burst / self.per_second.max(f64::MIN_POSITIVE);
            buckets.retain(|_, (_, at)| now.duration_since(*at).as_secs_f64() < full);
            if buckets.len() >= MAX_CLIENTS {
                return false;
            }
        }
        let (tokens, at) = buckets.entry(key.to_owned()).or_insert((self.burst, now));
        *tokens =
            (*tokens + now.duration_since(*at).as_secs_f64() * self.per_second).min(self.burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_burst_passes_then_the_bucket_refuses_and_other_clients_are_unaffected() {
        let limiter = RateLimiter::new(0.001, 3.0);
        assert!((0..3).all(|_| limiter.allow("a")));
        assert!(!limiter.allow("a"));
        assert!(limiter.allow("b"));
    }
}
