//! Per-client limits, checked inside the handlers: a submission is counted only once it has
//! reached `requests::create` (a 405 or a body that cannot be read costs nothing), and look-ups
//! of a request (`requests::show`, where an access token could be guessed) have a limit of their
//! own, larger than the one for submissions. governor's GCRA keeps one timestamp per client.
//!
//! Memory is bounded three ways: IPv6 clients are keyed by their /64 (one customer usually holds
//! a whole /64, so counting its addresses one by one would neither limit it nor bound the map),
//! entries that are full again are dropped every minute, and when `max_clients` are remembered
//! the map is swept at once; if it is still full (a flood from that many addresses within one
//! refill period), every client shares a single overflow bucket until a sweep makes room.

use std::net::{IpAddr, Ipv6Addr};
use std::num::NonZeroU32;
use std::sync::{Arc, Mutex, Weak};
use std::time::{Duration, Instant};

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};

use super::error::{ApiError, Limited};

/// How often entries of clients whose bucket is full again are dropped.
const SWEEP_EVERY: Duration = Duration::from_secs(60);

/// One limit: a burst, and the time for one more request to become available.
#[derive(Debug, Clone, Copy)]
pub struct RateLimit {
    pub burst: u32,
    pub period: Duration,
}

impl RateLimit {
    fn quota(self) -> Quota {
        let burst = NonZeroU32::new(self.burst.max(1)).unwrap_or(NonZeroU32::MIN);
        Quota::with_period(self.period.max(Duration::from_millis(1)))
            .unwrap_or_else(|| Quota::per_second(NonZeroU32::MIN))
            .allow_burst(burst)
    }
}

/// The settings of both limits.
#[derive(Debug, Clone, Copy)]
pub struct RateLimits {
    pub submissions: RateLimit,
    pub lookups: RateLimit,
    /// Desk sign-in attempts (`POST /api/desk/session`), per address, beside the per-account
    /// lockout.
    pub sign_ins: RateLimit,
    /// Clients remembered per limit before new ones share one bucket.
    pub max_clients: usize,
}

/// The limiters themselves, shared by every request.
pub struct Limiters {
    submissions: DefaultKeyedRateLimiter<IpAddr>,
    lookups: DefaultKeyedRateLimiter<IpAddr>,
    sign_ins: DefaultKeyedRateLimiter<IpAddr>,
    max_clients: usize,
    clock: DefaultClock,
    last_full_sweep: Mutex<Option<Instant>>,
}

impl Limiters {
    pub fn new(limits: RateLimits) -> Arc<Limiters> {
        Arc::new(Limiters {
            submissions: RateLimiter::keyed(limits.submissions.quota()),
            lookups: RateLimiter::keyed(limits.lookups.quota()),
            sign_ins: RateLimiter::keyed(limits.sign_ins.quota()),
            max_clients: limits.max_clients.max(1),
            clock: DefaultClock::default(),
            last_full_sweep: Mutex::new(None),
        })
    }

    /// Counts a submission by `client`; `429` when its bucket is empty.
    pub fn submission(&self, client: IpAddr) -> Result<(), ApiError> {
        self.check(&self.submissions, client, Limited::Submissions)
    }

    /// Counts a look-up by `client`; `429` when its bucket is empty.
    pub fn lookup(&self, client: IpAddr) -> Result<(), ApiError> {
        self.check(&self.lookups, client, Limited::Lookups)
    }

    /// Counts a desk sign-in attempt from `client`; `429` when its bucket is empty.
    pub fn sign_in(&self, client: IpAddr) -> Result<(), ApiError> {
        self.check(&self.sign_ins, client, Limited::SignIns)
    }

    fn check(
        &self,
        limiter: &DefaultKeyedRateLimiter<IpAddr>,
        client: IpAddr,
        what: Limited,
    ) -> Result<(), ApiError> {
        let mut key = bucket_of(client);
        if limiter.len() >= self.max_clients {
            self.sweep_now_and_then();
            if limiter.len() >= self.max_clients {
                key = OVERFLOW;
            }
        }
        limiter.check_key(&key).map_err(|not_until| {
            let wait = not_until.wait_time_from(self.clock.now());
            // Retry-After is whole seconds; round up so a client that obeys it gets through.
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            ApiError::RateLimited {
                wait: seconds.max(1),
                what,
            }
        })
    }

    /// Clients remembered by the two limiters (for tests and logs).
    pub fn remembered(&self) -> usize {
        self.submissions.len() + self.lookups.len() + self.sign_ins.len()
    }

    /// Drops the entries of clients whose bucket is full again: forgetting them changes nothing.
    pub fn sweep(&self) {
        for limiter in [&self.submissions, &self.lookups, &self.sign_ins] {
            limiter.retain_recent();
            limiter.shrink_to_fit();
        }
    }

    /// A sweep when the map is full, at most once a second (a sweep walks every entry).
    fn sweep_now_and_then(&self) {
        let now = Instant::now();
        let Ok(mut last) = self.last_full_sweep.try_lock() else {
            return; // another request is sweeping
        };
        if last.is_none_or(|last| now.duration_since(last) >= Duration::from_secs(1)) {
            *last = Some(now);
            self.sweep();
        }
    }

    /// Sweeps every minute for as long as the limiters are in use.
    pub fn spawn_sweeper(limiters: &Arc<Limiters>) {
        let weak: Weak<Limiters> = Arc::downgrade(limiters);
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(SWEEP_EVERY);
            tick.tick().await;
            loop {
                tick.tick().await;
                match weak.upgrade() {
                    Some(limiters) => limiters.sweep(),
                    None => break,
                }
            }
        });
    }
}

/// The key new clients share once `max_clients` are remembered.
const OVERFLOW: IpAddr = IpAddr::V6(Ipv6Addr::UNSPECIFIED);

/// The bucket a client address counts against: IPv4 addresses alone, IPv6 by their /64.
fn bucket_of(client: IpAddr) -> IpAddr {
    match client.to_canonical() {
        IpAddr::V6(v6) => {
            let segments = v6.segments();
            IpAddr::V6(Ipv6Addr::new(
                segments[0],
                segments[1],
                segments[2],
                segments[3],
                0,
                0,
                0,
                0,
            ))
        }
        v4 => v4,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(burst: u32, max_clients: usize) -> RateLimits {
        let limit = RateLimit {
            burst,
            period: Duration::from_secs(3600),
        };
        RateLimits {
            submissions: limit,
            lookups: RateLimit {
                burst: burst * 2,
                ..limit
            },
            sign_ins: limit,
            max_clients,
        }
    }

    #[test]
    fn ipv6_clients_count_by_their_64() {
        let limiters = Limiters::new(limits(1, 100));
        assert!(limiters
            .submission("2001:db8:1:2::1".parse().unwrap())
            .is_ok());
        assert!(limiters
            .submission("2001:db8:1:2::ffff".parse().unwrap())
            .is_err());
        assert!(limiters
            .submission("2001:db8:1:3::1".parse().unwrap())
            .is_ok());
    }

    #[test]
    fn lookups_have_their_own_larger_bucket() {
        let limiters = Limiters::new(limits(1, 100));
        let client: IpAddr = "192.0.2.1".parse().unwrap();
        assert!(limiters.submission(client).is_ok());
        assert!(limiters.submission(client).is_err());
        assert!(limiters.lookup(client).is_ok());
        assert!(limiters.lookup(client).is_ok());
        match limiters.lookup(client) {
            Err(ApiError::RateLimited { wait, what }) => {
                assert_eq!(what, Limited::Lookups);
                assert!(wait >= 1799, "{wait}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn memory_is_bounded_by_the_overflow_bucket_and_the_sweep() {
        let limiters = Limiters::new(limits(1, 3));
        for n in 0..10u8 {
            let _ = limiters.submission(IpAddr::from([198, 51, 100, n]));
        }
        // Three clients and the overflow bucket, not ten.
        assert!(limiters.remembered() <= 4, "{}", limiters.remembered());
        // The overflow bucket is shared: the 4th..10th clients were refused after the first.
        assert!(limiters
            .submission(IpAddr::from([198, 51, 100, 200]))
            .is_err());
    }
}
