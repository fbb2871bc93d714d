//! Which language a page is in: the one the instructor chose with the page's 中文 / English
//! switch (remembered in a cookie), else the one their browser asks for first
//! (`Accept-Language`), else English. docs/serve.md, "Language", says the same.

use std::convert::Infallible;

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};

use crate::words::Lang;

/// The cookie the switch sets: `zh` or `en`.
pub const COOKIE: &str = "kam_lang";

/// The switch is remembered for a year.
pub const COOKIE_SECONDS: u32 = 365 * 24 * 60 * 60;

/// The language of a page asked for with these request headers: the cookie's, else
/// `Accept-Language`'s, else English.
pub fn chosen(headers: &HeaderMap) -> Lang {
    from_cookie(headers)
        .or_else(|| {
            let asked: Vec<&str> = headers
                .get_all(header::ACCEPT_LANGUAGE)
                .iter()
                .filter_map(|v| v.to_str().ok())
                .collect();
            from_accept_language(&asked.join(","))
        })
        .unwrap_or(Lang::En)
}

/// The language the switch's cookie holds, if it holds one.
pub fn from_cookie(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .filter(|(name, _)| *name == COOKIE)
        .find_map(|(_, value)| from_switch(value))
}

/// A value of the switch (`?lang=` or the cookie): `zh` or `en`, nothing else.
pub fn from_switch(value: &str) -> Option<Lang> {
    match value.trim() {
        "zh" => Some(Lang::Zh),
        "en" => Some(Lang::En),
        _ => None,
    }
}

/// The language an `Accept-Language` header prefers of the two the pages are in: Chinese when
/// a Chinese tag (`zh`, `zh-CN`, `zh-Hans`, any `zh-…`) has a higher weight than every English
/// one (`en`, `en-…`), or the same weight and comes first; English when an English tag wins;
/// `None` when neither is asked for (`de`, `*`, an empty header), or only with `q=0`. A tag
/// whose `q` is not a weight (`q=2`, `q=high`) is ignored.
pub fn from_accept_language(header: &str) -> Option<Lang> {
    // Per language: its best weight (in thousandths) and where that was first asked.
    let mut zh: Option<(u16, usize)> = None;
    let mut en: Option<(u16, usize)> = None;
    for (at, item) in header.split(',').enumerate() {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim();
        let mut weight = Some(1000);
        for param in parts {
            let Some((name, value)) = param.split_once('=') else {
                continue;
            };
            if name.trim().eq_ignore_ascii_case("q") {
                weight = q_value(value.trim());
            }
        }
        let Some(weight) = weight.filter(|w| *w > 0) else {
            continue;
        };
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        let best = if primary.eq_ignore_ascii_case("zh") {
            &mut zh
        } else if primary.eq_ignore_ascii_case("en") {
            &mut en
        } else {
            continue;
        };
        if best.is_none_or(|(w, _)| weight > w) {
            *best = Some((weight, at));
        }
    }
    match (zh, en) {
        (Some((zw, za)), Some((ew, ea))) => Some(if zw > ew || (zw == ew && za < ea) {
            Lang::Zh
        } else {
            Lang::En
        }),
        (Some(_), None) => Some(Lang::Zh),
        (None, Some(_)) => Some(Lang::En),
        (None, None) => None,
    }
}

/// An HTTP weight (`0`, `0.8`, `0.125`, `1`, `1.000`) in thousandths, or `None` if it is not
/// one.
fn q_value(value: &str) -> Option<u16> {
    let (whole, fraction) = value.split_once('.').unwrap_or((value, ""));
    if fraction.len() > 3 || !fraction.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let thousandths: u16 = format!("{fraction:0<3}").parse().ok()?;
    match whole {
        "0" => Some(thousandths),
        "1" if thousandths == 0 => Some(1000),
        _ => None,
    }
}

/// The page's language, as a handler takes it.
pub struct PageLang(pub Lang);

impl<S: Send + Sync> FromRequestParts<S> for PageLang {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<PageLang, Infallible> {
        Ok(PageLang(chosen(&parts.headers)))
    }
}

/// The switch's answer to `GET PATH?lang=zh`: where to go back to (`PATH` without `lang`),
/// and the language; `None` when the query has no valid `lang`. A form's address (the
/// answer to a form, an error page, may have a switch) goes back to the page the form is on.
pub fn switch(path: &str, query: Option<&str>) -> Option<(String, Lang)> {
    let query = query?;
    let mut lang = None;
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        match pair.split_once('=') {
            Some(("lang", value)) => lang = lang.or(from_switch(value)),
            _ if pair == "lang" => {}
            _ => kept.push(pair),
        }
    }
    let lang = lang?;
    let mut back = page_of(path);
    if !kept.is_empty() {
        back.push('?');
        back.push_str(&kept.join("&"));
    }
    Some((back, lang))
}

/// The page an address belongs to: itself, or for a form's address the page the form is on.
fn page_of(path: &str) -> String {
    if path == "/sessions" {
        return "/".to_owned();
    }
    let parts: Vec<&str> = path.split('/').collect();
    match parts.as_slice() {
        ["", "i", id, "release" | "extend" | "end"]
        | ["", "i", id, "seat", _, "excuse" | "unexcuse" | "remove"] => format!("/i/{id}"),
        _ if path.starts_with('/') && !path.starts_with("//") => path.to_owned(),
        _ => "/".to_owned(),
    }
}

/// The cookie that remembers the switch.
pub fn cookie(lang: Lang) -> String {
    format!(
        "{COOKIE}={}; Path=/; Max-Age={COOKIE_SECONDS}; SameSite=Lax; HttpOnly",
        lang.pick("zh", "en")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_chooses_by_weight_then_order() {
        let cases = [
            ("zh-CN,zh;q=0.9,en;q=0.8", Some(Lang::Zh)),
            ("en-US,en;q=0.9,zh-CN;q=0.8", Some(Lang::En)),
            ("zh", Some(Lang::Zh)),
            ("zh-Hans", Some(Lang::Zh)),
            ("zh-TW", Some(Lang::Zh)),
            ("en;q=0.5, zh;q=0.7", Some(Lang::Zh)),
            ("zh;q=0.5, en;q=0.7", Some(Lang::En)),
            ("en, zh", Some(Lang::En)),
            ("zh, en", Some(Lang::Zh)),
            ("de-DE, zh;q=0.3", Some(Lang::Zh)),
            ("de-DE, fr;q=0.8", None),
            ("*", None),
            ("", None),
            ("zh;q=0", None),
            ("zh;q=0, en;q=0.1", Some(Lang::En)),
            ("zh;q=2, en;q=0.1", Some(Lang::En)),
            ("zh;q=high", None),
            ("ZH-cn;Q=0.9, en;q=0.8", Some(Lang::Zh)),
            ("en;q=0.800, zh;q=0.8", Some(Lang::En)),
            ("en;q=0.801, zh;q=0.8", Some(Lang::En)),
            ("en;q=0.799, zh;q=0.8", Some(Lang::Zh)),
            ("zhx, en;q=0.1", Some(Lang::En)),
        ];
        for (header, expected) in cases {
            assert_eq!(from_accept_language(header), expected, "{header}");
        }
    }

    #[test]
    fn weights_are_read_as_http_writes_them() {
        assert_eq!(q_value("1"), Some(1000));
        assert_eq!(q_value("1.000"), Some(1000));
        assert_eq!(q_value("0.5"), Some(500));
        assert_eq!(q_value("0.125"), Some(125));
        assert_eq!(q_value("0"), Some(0));
        assert_eq!(q_value("1.5"), None);
        assert_eq!(q_value("0.1234"), None);
        assert_eq!(q_value("-0.5"), None);
        assert_eq!(q_value(""), None);
    }

    #[test]
    fn the_switch_goes_back_to_the_page_it_was_on() {
        assert_eq!(
            switch("/i/abc", Some("lang=zh")),
            Some(("/i/abc".to_owned(), Lang::Zh))
        );
        assert_eq!(
            switch("/i/abc/release", Some("lang=en")),
            Some(("/i/abc".to_owned(), Lang::En))
        );
        assert_eq!(
            switch("/i/abc/seat/3/remove", Some("lang=en")),
            Some(("/i/abc".to_owned(), Lang::En))
        );
        assert_eq!(
            switch("/sessions", Some("lang=zh")),
            Some(("/".to_owned(), Lang::Zh))
        );
        assert_eq!(
            switch("/i/abc/seat/3", Some("a=1&lang=zh")),
            Some(("/i/abc/seat/3?a=1".to_owned(), Lang::Zh))
        );
        assert_eq!(switch("/", Some("lang=fr")), None);
        assert_eq!(switch("/", None), None);
        assert_eq!(switch("//evil.example", Some("lang=zh")).unwrap().0, "/");
    }
}
