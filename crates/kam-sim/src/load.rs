//! Loading a scenario file the way a compiler reads source: every problem that can be found
//! in one pass, each located as FILE:LINE:COL with what was expected.
//!
//! Three layers, each reporting all it finds: bytes (UTF-8), syntax and types (`ron_tree`),
//! then meaning (`validate`). Semantic findings carry a path such as
//! `events[2].trigger.account`, which is mapped back to a position through the syntax tree.

use std::fmt;
use std::path::Path;
use std::sync::Arc;

use crate::engine::Prepared;
use crate::ron_tree::{self, Node, NodeKind, Pos, Span};
use crate::scenario::Scenario;
use crate::validate::{self, Finding};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
    /// Something the author should know once, not a problem.
    Note,
}

/// One problem in a scenario file, located.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: u32,
    pub col: u32,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        write!(
            f,
            "{}:{}:{}: {severity}: {}",
            self.file, self.line, self.col, self.message
        )
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
            format!("cannot read the file: {e}"),
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
                "the file is not UTF-8 text (is it a scenario file? save it as UTF-8)".to_owned(),
            )])
        }
    }
}

/// Parses, deserializes and validates scenario text.
pub fn load_str(file: &str, src: &str) -> Loaded {
    let node = ron_tree::parse(src).map_err(|e| {
        let message = ascii_hint_at(src, e.pos, e.message);
        vec![diagnostic(file, e.pos, Severity::Error, message)]
    })?;
    let scenario: Scenario = ron_tree::from_node(&node).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| {
                let message = ascii_hint_at(src, e.span.start, e.message);
                diagnostic(file, e.span.start, Severity::Error, message)
            })
            .collect::<Vec<_>>()
    })?;
    let mut diagnostics: Vec<Diagnostic> = validate::check(&scenario)
        .into_iter()
        .map(
            |Finding {
                 path,
                 severity,
                 message,
             }| { diagnostic(file, span_at(&node, &path).start, severity, message) },
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
fn ascii_hint_at(src: &str, pos: Pos, message: String) -> String {
    let at = src
        .lines()
        .nth(pos.line.saturating_sub(1) as usize)
        .and_then(|line| line.chars().nth(pos.col.saturating_sub(1) as usize));
    match at.and_then(|c| validate::ascii_hint(c.encode_utf8(&mut [0; 4]))) {
        Some(hint) => format!("{message}; {hint}"),
        None => message,
    }
}

fn diagnostic(file: &str, pos: Pos, severity: Severity, message: String) -> Diagnostic {
    Diagnostic {
        file: file.to_owned(),
        line: pos.line,
        col: pos.col,
        severity,
        message,
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
        let node = ron_tree::parse(src).unwrap();
        let span = span_at(&node, "a[1].b.c[1]");
        assert_eq!((span.start.line, span.start.col), (1, 26));
        // A path that goes too deep stops at the deepest existing part.
        let span = span_at(&node, "a[1].b.nothing");
        assert_eq!((span.start.line, span.start.col), (1, 18));
    }

    #[test]
    fn bad_utf8_is_located() {
        let bytes = b"(id: \"x\",\n title: \"\xff\")";
        let errors = load_bytes("f.ron", bytes).unwrap_err();
        assert_eq!((errors[0].line, errors[0].col), (2, 10));
        assert!(errors[0].message.contains("UTF-8"));
    }
}
