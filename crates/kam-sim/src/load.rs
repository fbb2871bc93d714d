//! Loading a scenario file the way a compiler reads source: every problem that can be found
//! in one pass, each located as FILE:LINE:COL with what was expected.
//!
//! Three layers, each reporting all it finds: bytes (UTF-8), syntax and types (`ron_located`),
//! then meaning (`validate`). Semantic findings carry a path such as
//! `events[2].trigger.account`, which is mapped back to a position through the syntax tree.
//! What is wrong is a typed [`Problem`], said in Chinese or English where it is shown
//! ([`Diagnostic::render`]); `Display` is English.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use crate::engine::Prepared;
use crate::problems::{self, FullWidth, Problem};
use crate::scenario::{Language, Scenario};
use crate::validate::{self, Finding};
use crate::words::Lang;
use ron_located::{self, Node, NodeKind, Pos, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    /// Something the author should know once, not a problem.
    Note,
}

/// One problem in a scenario file, located.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    pub file: String,
    pub line: u32,
    pub col: u32,
    pub severity: Severity,
    /// What is wrong, with its values: said in a language by [`Diagnostic::render`].
    pub problem: Problem,
}

impl Diagnostic {
    /// The problem in English (as [`Display`](fmt::Display) prints it after the location).
    pub fn message(&self) -> String {
        self.problem.render(Lang::En)
    }

    /// `FILE:LINE:COL: error: message` in `lang`, as a compiler prints it
    /// (`broken.ron:42:13: 错误：未知字段 …`). The location comes first and is the same in
    /// every language, so editors and grep find it.
    pub fn render(&self, lang: Lang) -> String {
        format!(
            "{}:{}:{}: {}",
            self.file,
            self.line,
            self.col,
            problems::headed(lang, self.severity, &self.problem.render(lang))
        )
    }
}

impl fmt::Display for Diagnostic {
    /// In English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// A loaded scenario with its warnings, or every error found.
pub type Loaded = Result<(Arc<Prepared>, Vec<Diagnostic>), Vec<Diagnostic>>;

/// Reads and checks a scenario file. I/O errors are reported as a diagnostic at 1:1.
pub fn load_file(path: &Path) -> Loaded {
    let file = path.display().to_string();
    match std::fs::read(path) {
        Ok(bytes) => load_bytes(&file, &bytes),
        Err(e) => Err(vec![diagnostic(
            &file,
            Pos { line: 1, col: 1 },
            Severity::Error,
            Problem::CannotRead {
                kind: e.kind(),
                detail: e.to_string(),
            },
        )]),
    }
}

/// Checks raw bytes: anything that is not UTF-8 is reported where the first bad byte is.
pub fn load_bytes(file: &str, bytes: &[u8]) -> Loaded {
    match std::str::from_utf8(bytes) {
        Ok(src) => load_str(file, src),
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            Err(vec![diagnostic(
                file,
                end_of(valid),
                Severity::Error,
                Problem::NotUtf8,
            )])
        }
    }
}

/// Parses, deserializes and validates scenario text.
pub fn load_str(file: &str, src: &str) -> Loaded {
    let node = ron_located::parse(src).map_err(|e| {
        let problem = Problem::Syntax {
            error: e.kind,
            full_width: full_width_at(src, e.pos),
        };
        vec![diagnostic(file, e.pos, Severity::Error, problem)]
    })?;
    let scenario: Scenario = ron_located::from_node(&node).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| {
                let problem = Problem::Data {
                    error: e.kind,
                    full_width: full_width_at(src, e.span.start),
                };
                diagnostic(file, e.span.start, Severity::Error, problem)
            })
            .collect::<Vec<_>>()
    })?;
    let mut diagnostics: Vec<Diagnostic> = validate::check(&scenario)
        .into_iter()
        .map(
            |Finding {
                 path,
                 severity,
                 problem,
             }| { diagnostic(file, span_at(&node, &path).start, severity, problem) },
        )
        .collect();
    diagnostics.sort_by_key(|d| (d.line, d.col, d.severity));
    if diagnostics.iter().any(|d| d.severity == Severity::Error) {
        Err(diagnostics)
    } else {
        Ok((Prepared::new(scenario), diagnostics))
    }
}

/// A syntax error at a full-width mark (`，` typed for `,` by a Chinese input method) says
/// which ASCII character the file needs there.
fn full_width_at(src: &str, pos: Pos) -> Option<FullWidth> {
    let at = src
        .lines()
        .nth(pos.line.saturating_sub(1) as usize)
        .and_then(|line| line.chars().nth(pos.col.saturating_sub(1) as usize))?;
    validate::ascii_hint(at.encode_utf8(&mut [0; 4]))
}

/// The language a scenario's text says it is in (its `language` field), if the text parses
/// far enough to tell, even when the scenario is otherwise broken: `kam validate` speaks it.
/// `None` when the field is not written (the game then plays in Chinese, but an author who
/// left it out may well write English, so a tool falls back to the locale).
pub fn language_of(src: &str) -> Option<Language> {
    let Ok(root) = ron_located::parse(src) else {
        // A file that does not parse (a full-width comma typed by a Chinese input method is
        // the commonest slip) still says its language in a line of its own.
        return language_line(src);
    };
    let NodeKind::Struct { fields, .. } = &root.kind else {
        return None;
    };
    let (_, value) = fields.iter().find(|(ident, _)| ident.name == "language")?;
    match &value.kind {
        // The names the `language` field accepts.
        NodeKind::Ident(id) => match id.name.as_str() {
            "Zh" | "zh" => Some(Language::Zh),
            "En" | "en" => Some(Language::En),
            _ => None,
        },
        _ => None,
    }
}

/// The language a `language: Zh` line names, read as text, outside comments.
fn language_line(src: &str) -> Option<Language> {
    src.lines().find_map(|line| {
        let line = line.split("//").next()?.trim();
        let value = line
            .strip_prefix("language")?
            .trim_start()
            .strip_prefix(':')?;
        match value.trim().trim_end_matches(',').trim() {
            "Zh" | "zh" => Some(Language::Zh),
            "En" | "en" => Some(Language::En),
            _ => None,
        }
    })
}

fn diagnostic(file: &str, pos: Pos, severity: Severity, problem: Problem) -> Diagnostic {
    Diagnostic {
        file: file.to_owned(),
        line: pos.line,
        col: pos.col,
        severity,
        problem,
    }
}

fn end_of(text: &str) -> Pos {
    let line = text.matches('\n').count() as u32 + 1;
    let col = text.rsplit('\n').next().map_or(0, |l| l.chars().count()) as u32 + 1;
    Pos { line, col }
}

/// The span of the value at `path` (`accounts[1].stakeholders[0].id`), or of the deepest
/// part of it that exists.
pub fn span_at(root: &Node, path: &str) -> Span {
    let mut node = root;
    for step in path_steps(path) {
        let next = match (&node.kind, step) {
            (NodeKind::Struct { fields, .. }, Step::Field(name)) => fields
                .iter()
                .find(|(ident, _)| ident.name == name)
                .map(|(_, v)| v),
            (NodeKind::List(items), Step::Index(i))
            | (NodeKind::Tuple { items, .. }, Step::Index(i)) => items.get(i),
            // `Some(x)` written out: look through it.
            (NodeKind::Tuple { items, .. }, Step::Field(_)) if items.len() == 1 => {
                match &items[0].kind {
                    NodeKind::Struct { fields, .. } => match step {
                        Step::Field(name) => fields
                            .iter()
                            .find(|(ident, _)| ident.name == name)
                            .map(|(_, v)| v),
                        Step::Index(_) => None,
                    },
                    _ => None,
                }
            }
            _ => None,
        };
        match next {
            Some(n) => node = n,
            None => break,
        }
    }
    node.span
}

#[derive(Clone, Copy)]
enum Step<'a> {
    Field(&'a str),
    Index(usize),
}

fn path_steps(path: &str) -> Vec<Step<'_>> {
    let mut steps = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, rest) = part.split_once('[').map_or((part, ""), |(n, r)| (n, r));
        if !name.is_empty() {
            steps.push(Step::Field(name));
        }
        for index in rest.split('[') {
            if let Ok(i) = index.trim_end_matches(']').parse() {
                steps.push(Step::Index(i));
            }
        }
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_find_nested_values() {
        let src = "(a: [(b: 1), (b: (c: [5, 6]))])";
        let node = ron_located::parse(src).unwrap();
        let span = span_at(&node, "a[1].b.c[1]");
        assert_eq!((span.start.line, span.start.col), (1, 26));
        // A path that goes too deep stops at the deepest existing part.
        let span = span_at(&node, "a[1].b.nothing");
        assert_eq!((span.start.line, span.start.col), (1, 18));
    }

    /// The tutorial with one mistake: `find` (its first occurrence) replaced by `by`.
    fn tutorial_with(find: &str, by: &str) -> String {
        let (_, src) = crate::bundled::by_name("tutorial").unwrap();
        assert!(src.contains(find), "{find}");
        src.replacen(find, by, 1)
    }

    /// In Chinese as in English the location comes first, byte for byte the same, so an
    /// editor jumps to it whatever the language: for a mistake in the shape of the file (an
    /// unknown field), a number out of range and a reference to nothing.
    #[test]
    fn a_chinese_message_keeps_file_line_col_first_and_unchanged() {
        let cases = [
            (
                tutorial_with("satisfaction: 60.0", "satisfation: 60.0"),
                (61, 13),
                "错误：未知字段 `satisfation`，是不是 `satisfaction`？",
                "error: unknown field `satisfation`, did you mean `satisfaction`?",
            ),
            (
                tutorial_with("share: 45.0", "share: 145.0"),
                (58, 20),
                "错误：钱包份额必须在 0 到 100 之间，实际为 145",
                "error: share must be between 0 and 100, found 145",
            ),
            (
                tutorial_with("account: \"northwind\"", "account: \"northwnd\""),
                (188, 49),
                "错误：未知客户 `northwnd`，是不是 `northwind`？",
                "error: unknown account `northwnd`, did you mean `northwind`?",
            ),
        ];
        for (src, (line, col), zh_message, en_message) in cases {
            let errors = load_str("broken.ron", &src).unwrap_err();
            assert_eq!(errors.len(), 1, "{errors:#?}");
            let d = &errors[0];
            let location = format!("broken.ron:{line}:{col}: ");
            let (zh, en) = (d.render(Lang::Zh), d.render(Lang::En));
            assert_eq!(en, d.to_string(), "English is what Display prints");
            assert_eq!(zh, format!("{location}{zh_message}"));
            assert_eq!(en, format!("{location}{en_message}"));
            assert_eq!(
                zh.as_bytes()[..location.len()],
                en.as_bytes()[..location.len()]
            );
        }
    }

    #[test]
    fn the_language_of_a_file_is_read_even_when_it_is_broken() {
        let zh = "(id: \"x\", language: Zh, turns: \"many\")";
        assert_eq!(language_of(zh), Some(Language::Zh));
        assert_eq!(language_of("(language: en, bogus: 1)"), Some(Language::En));
        assert_eq!(language_of("(id: \"x\")"), None, "not written: not known");
        // A file that does not parse still says its language on a line of its own (the
        // playtest's full-width comma was reported in English).
        let broken = "(\n    id: \"x\"，\n    language: Zh,\n    // language: En\n)";
        assert_eq!(language_of(broken), Some(Language::Zh));
        assert_eq!(language_of("(\n  // language: Zh\n  id: 1，\n)"), None);
        assert_eq!(language_of("(language: Fr)"), None);
    }

    #[test]
    fn bad_utf8_is_located() {
        let bytes = b"(id: \"x\",\n title: \"\xff\")";
        let errors = load_bytes("f.ron", bytes).unwrap_err();
        assert_eq!((errors[0].line, errors[0].col), (2, 10));
        assert!(errors[0].message().contains("UTF-8"));
    }
}
