//! Cross-site request forgery: whether a state-changing request comes from the server's own
//! pages. The key cookie is SameSite=Lax, which stops another *site* but not a page on the
//! same host at another port, or on a sibling subdomain behind the same proxy; browsers say
//! where a request comes from in `Origin` (every POST) and `Sec-Fetch-Site`, so the server
//! compares that with its own origin, as the request's `Host` names it.

use axum::http::{HeaderMap, header};

use crate::words::Say;

/// How the request proved it is the instructor's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Credential {
    /// `Authorization: Bearer KEY`: a browser never adds it by itself, so it cannot be forged
    /// by another page.
    Bearer,
    /// The key cookie, which the browser adds to any request to the session's pages.
    Cookie,
}

/// `None` when the request may change state; else why not, in words for the refusal.
pub fn refusal(headers: &HeaderMap, credential: Credential) -> Option<Say> {
    const ANOTHER_SITE: Say = Say::AnotherSite;
    let host = headers.get(header::HOST).and_then(|h| h.to_str().ok());
    // `Origin: null` hides where a request came from (a page under `Referrer-Policy:
    // no-referrer`, a sandboxed frame, a file): it proves nothing either way, so the browser's
    // `Sec-Fetch-Site` decides. Chromium sends `null` with `same-origin` for the dashboard's
    // own forms when the page forbids referrers (the hand class run found every button
    // refused); a sandboxed frame elsewhere sends `null` with `cross-site`.
    let origin = headers
        .get(header::ORIGIN)
        .filter(|origin| origin.as_bytes() != b"null");
    let hidden_origin = headers.contains_key(header::ORIGIN) && origin.is_none();
    if let Some(origin) = origin {
        let same = origin
            .to_str()
            .ok()
            .zip(host)
            .is_some_and(|(origin, host)| same_origin(origin, host));
        return (!same).then_some(ANOTHER_SITE);
    }
    if let Some(site) = headers.get("sec-fetch-site") {
        return (site.as_bytes() != b"same-origin").then_some(ANOTHER_SITE);
    }
    if hidden_origin {
        return Some(ANOTHER_SITE);
    }
    // Neither header: not a browser of this decade, so a bearer key is a script's; a cookie
    // alone proves nothing about where the request came from.
    match credential {
        Credential::Bearer => None,
        Credential::Cookie => Some(Say::NoOrigin),
    }
}

/// `origin` (`scheme://host[:port]`) names the server that `host` (the Host header,
/// `host[:port]`) names. The server does not know whether a proxy in front added TLS, so
/// either scheme is accepted: a host and port serve one scheme only, and a Host without a
/// port is the default port of whichever scheme the browser used.
fn same_origin(origin: &str, host: &str) -> bool {
    let Some((scheme, origin_authority)) = origin.split_once("://") else {
        return false;
    };
    let default_port = match scheme.to_ascii_lowercase().as_str() {
        "http" => 80,
        "https" => 443,
        _ => return false,
    };
    let (Some((origin_host, origin_port)), Some((host_name, host_port))) =
        (split_authority(origin_authority), split_authority(host))
    else {
        return false;
    };
    origin_host.eq_ignore_ascii_case(host_name)
        && origin_port.unwrap_or(default_port) == host_port.unwrap_or(default_port)
}

/// `host[:port]` (with `[v6]` literals), or `None` when it is not one.
fn split_authority(authority: &str) -> Option<(&str, Option<u16>)> {
    if authority.is_empty() || authority.contains(['/', '@', '?', '#']) {
        return None;
    }
    let (name, port) = if let Some(rest) = authority.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        (inside, after.strip_prefix(':'))
    } else {
        match authority.rsplit_once(':') {
            Some((name, port)) => (name, Some(port)),
            None => (authority, None),
        }
    };
    let port = match port {
        Some(p) => Some(p.parse().ok()?),
        None => None,
    };
    (!name.is_empty()).then_some((name, port))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_origin_is_the_servers_own_only_with_its_host_and_port() {
        assert!(same_origin("http://127.0.0.1:8080", "127.0.0.1:8080"));
        assert!(same_origin("https://Class.Uni.edu", "class.uni.edu"));
        assert!(same_origin("http://class.uni.edu", "class.uni.edu:80"));
        assert!(same_origin("http://[::1]:8080", "[::1]:8080"));
        assert!(!same_origin("http://127.0.0.1:8081", "127.0.0.1:8080"));
        assert!(!same_origin("http://other.uni.edu", "class.uni.edu"));
        assert!(!same_origin("http://class.uni.edu:8080", "class.uni.edu"));
        assert!(!same_origin("null", "class.uni.edu"));
        assert!(!same_origin("ftp://class.uni.edu", "class.uni.edu"));
        assert!(!same_origin("http://a@class.uni.edu", "class.uni.edu"));
    }
}
