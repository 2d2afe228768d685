//! Who the client is, for the rate limits: the connecting address, or — when that address is a
//! reverse proxy the operator trusts (`--trusted-proxy`) — the right-most address in the
//! proxy's forwarding header that is not itself a trusted proxy.
//!
//! Why right-most: every proxy appends the address it received the request from, so the
//! entries to the right were written by our proxies and the first untrusted one is the
//! address that reached them. Everything to its left was sent by the client and may be
//! invented; reading the left-most entry would let any client choose its own rate-limit bucket.

use std::net::{IpAddr, SocketAddr};
use std::str::FromStr;
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::HeaderMap;
use ipnet::IpNet;

use super::AppState;

/// Which header the trusted proxies write (only one is read, see [`ProxyHeader`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ProxyHeader {
    /// `X-Forwarded-For: client, proxy1, proxy2` (nginx `$proxy_add_x_forwarded_for`).
    #[default]
    XForwardedFor,
    /// RFC 7239 `Forwarded: for=client, for="[2001:db8::1]:4711"`.
    Forwarded,
}

/// The reverse proxies whose forwarding header is believed. Only one header is read, the one
/// the operator names: a proxy that appends to `X-Forwarded-For` passes a client's own
/// `Forwarded` header on untouched, and reading that would let the client pick its address.
#[derive(Debug, Clone, Default)]
pub struct TrustedProxies {
    nets: Arc<Vec<IpNet>>,
    header: ProxyHeader,
}

impl TrustedProxies {
    pub fn new(nets: Vec<IpNet>, header: ProxyHeader) -> TrustedProxies {
        TrustedProxies {
            nets: Arc::new(nets),
            header,
        }
    }

    fn trusts(&self, address: IpAddr) -> bool {
        self.nets.iter().any(|net| net.contains(&address))
    }

    /// The client's address for a request from `peer` with `headers`.
    pub fn client(&self, peer: IpAddr, headers: &HeaderMap) -> IpAddr {
        let peer = peer.to_canonical();
        if !self.trusts(peer) {
            return peer;
        }
        let hops: Vec<Option<IpAddr>> = match self.header {
            ProxyHeader::XForwardedFor => headers
                .get_all("x-forwarded-for")
                .iter()
                .flat_map(|value| split_list(value.as_bytes()))
                .map(parse_node)
                .collect(),
            ProxyHeader::Forwarded => headers
                .get_all("forwarded")
                .iter()
                .flat_map(|value| split_list(value.as_bytes()))
                .map(forwarded_for)
                .collect(),
        };
        // Walk from the proxy that connected to us towards the client. An entry that cannot be
        // read (`unknown`, an obfuscated name, garbage) ends the walk: the last proxy we trust
        // is then the best name for the client we have.
        let mut client = peer;
        for hop in hops.iter().rev() {
            match hop {
                Some(address) => {
                    client = address.to_canonical();
                    if !self.trusts(client) {
                        break;
                    }
                }
                None => break,
            }
        }
        client
    }
}

/// Reads one `--trusted-proxy` value: an address (`10.0.0.1`, `::1`) or a network in CIDR
/// form (`10.0.0.0/8`, `fd00::/8`).
pub fn parse_trusted(text: &str) -> Result<IpNet, String> {
    let text = text.trim();
    IpNet::from_str(text)
        .or_else(|_| IpAddr::from_str(text).map(IpNet::from))
        .map_err(|_| format!("{text:?} is neither an IP address nor a network such as 10.0.0.0/8"))
}

/// The comma-separated entries of one header value, trimmed; empty entries dropped.
fn split_list(value: &[u8]) -> impl Iterator<Item = &str> {
    std::str::from_utf8(value)
        .unwrap_or("")
        .split(',')
        .map(str::trim)
        .filter(|entry| !entry.is_empty())
}

/// An address as proxies write it: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`,
/// `[2001:db8::1]` or `[2001:db8::1]:4711`.
fn parse_node(text: &str) -> Option<IpAddr> {
    let text = text.trim().trim_matches('"');
    if let Ok(address) = IpAddr::from_str(text) {
        return Some(address);
    }
    if let Ok(socket) = SocketAddr::from_str(text) {
        return Some(socket.ip());
    }
    let inner = text.strip_prefix('[')?.strip_suffix(']')?;
    IpAddr::from_str(inner).ok()
}

/// The `for=` parameter of one RFC 7239 `forwarded-element` (`for=192.0.2.60;proto=http`).
fn forwarded_for(element: &str) -> Option<IpAddr> {
    element.split(';').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("for")
            .then(|| parse_node(value))
            .flatten()
    })
}

/// The client of a request, as [`TrustedProxies::client`] decides it.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub IpAddr);

impl FromRequestParts<AppState> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        // Without connection info (a router driven in-process) every caller is one client.
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(peer)| peer.ip())
            .unwrap_or(IpAddr::from([0, 0, 0, 0]));
        Ok(ClientIp(state.proxies.client(peer, &parts.headers)))
    }
}

#[cfg(test)]
mod tests {
    use axum::http::HeaderValue;

    use super::*;

    fn ip(text: &str) -> IpAddr {
        text.parse().unwrap()
    }

    fn proxies(nets: &[&str], header: ProxyHeader) -> TrustedProxies {
        TrustedProxies::new(
            nets.iter().map(|n| parse_trusted(n).unwrap()).collect(),
            header,
        )
    }

    fn headers(name: &'static str, values: &[&str]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for value in values {
            map.append(name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn an_untrusted_peer_is_the_client_whatever_it_claims() {
        let proxies = proxies(&["10.0.0.0/8"], ProxyHeader::XForwardedFor);
        let claims = headers("x-forwarded-for", &["203.0.113.9"]);
        assert_eq!(proxies.client(ip("192.0.2.7"), &claims), ip("192.0.2.7"));
    }

    #[test]
    fn the_right_most_untrusted_hop_is_the_client() {
        let proxies = proxies(&["10.0.0.0/8", "192.0.2.1"], ProxyHeader::XForwardedFor);
        // The client invented "1.1.1.1"; our outer proxy 192.0.2.1 appended what it saw.
        let forwarded = headers("x-forwarded-for", &["1.1.1.1, 198.51.100.4", "192.0.2.1"]);
        assert_eq!(
            proxies.client(ip("10.1.2.3"), &forwarded),
            ip("198.51.100.4")
        );
        // Ports, brackets and IPv4-mapped IPv6 peers are read as addresses.
        let ported = headers("x-forwarded-for", &["[2001:db8::5]:4711"]);
        assert_eq!(
            proxies.client(ip("::ffff:10.0.0.1"), &ported),
            ip("2001:db8::5")
        );
        // No header: the proxy itself is all we know.
        assert_eq!(
            proxies.client(ip("10.0.0.1"), &HeaderMap::new()),
            ip("10.0.0.1")
        );
        // An unreadable hop stops the walk at the last trusted proxy.
        let unknown = headers("x-forwarded-for", &["198.51.100.4, unknown"]);
        assert_eq!(proxies.client(ip("10.0.0.1"), &unknown), ip("10.0.0.1"));
    }

    #[test]
    fn rfc_7239_forwarded_is_read_when_chosen_and_only_then() {
        let forwarded = headers(
            "forwarded",
            &[r#"for=1.1.1.1, for="[2001:db8:cafe::17]:4711";proto=https, For=10.0.0.2"#],
        );
        let read = proxies(&["10.0.0.0/8"], ProxyHeader::Forwarded);
        assert_eq!(
            read.client(ip("10.0.0.1"), &forwarded),
            ip("2001:db8:cafe::17")
        );
        let ignored = proxies(&["10.0.0.0/8"], ProxyHeader::XForwardedFor);
        assert_eq!(ignored.client(ip("10.0.0.1"), &forwarded), ip("10.0.0.1"));
        let obfuscated = headers("forwarded", &["for=_hidden;by=10.0.0.1"]);
        assert_eq!(read.client(ip("10.0.0.1"), &obfuscated), ip("10.0.0.1"));
    }

    #[test]
    fn trusted_proxy_values_are_addresses_or_networks() {
        assert_eq!(
            parse_trusted("10.0.0.1").unwrap().to_string(),
            "10.0.0.1/32"
        );
        assert_eq!(parse_trusted(" fd00::/8 ").unwrap().to_string(), "fd00::/8");
        assert!(parse_trusted("proxy.example").is_err());
        assert!(parse_trusted("10.0.0.0/33").is_err());
    }
}
