//! A span-preserving RON parser and a `serde` deserializer over its tree.
//!
//! Scenario files are written by instructors, not programmers, so checking
//! them should feel like a compiler: every problem reported as `line:col`
//! with a plain message, and *all* problems found in one run. `ron` alone
//! cannot do this: `ron::from_str` stops at the first error, and
//! `ron::Value` keeps no source positions, so problems found after parsing
//! (unknown fields, wrong types, numbers out of range) cannot be located.
//!
//! [`parse`] turns RON text into a [`Node`] tree in which every value, field
//! name and variant name carries its [`Span`]. [`from_node`] deserializes any
//! `serde` type from that tree. When deserialization fails it records the
//! error with its position, patches its private view of the tree so that the
//! same error cannot happen again, and retries, until it has seen them all.
//!
//! The accepted syntax is what `ron` 0.12 accepts for plain data (comments,
//! `#![enable(...)]` attributes, trailing commas, raw strings, raw
//! identifiers, integer and float suffixes), with a few relaxations:
//! options are implicit (`x` means `Some(x)`, as under
//! `#![enable(implicit_some)]`), `Some(a: 1)` is read as `Some((a: 1))`,
//! a newtype variant may hold its value's fields directly (`A(1, 2)`, as
//! under `unwrap_variant_newtypes`), fixed-size tuples may be written as
//! lists, `\uXXXX` escapes are allowed and a leading byte-order mark is
//! ignored.

use std::collections::HashSet;
use std::fmt::{self, Write as _};
use std::rc::Rc;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, IntoDeserializer, MapAccess,
    SeqAccess, VariantAccess, Visitor,
};

// ------------------------------------------------------------------ tree

/// A position in the source text. Both numbers start at 1; columns count
/// characters, not bytes, so they match what an editor shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// Line number, starting at 1.
    pub line: u32,
    /// Column number in characters, starting at 1.
    pub col: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// A region of the source text; `end` is the position just after its last
/// character.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    /// Position of the first character.
    pub start: Pos,
    /// Position just after the last character.
    pub end: Pos,
}

/// A parsed RON value and where it was written.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// The source region of the whole value, including any name in front.
    pub span: Span,
    /// What the value is.
    pub kind: NodeKind,
}

/// The kinds of RON values.
#[derive(Debug, Clone, PartialEq)]
pub enum NodeKind {
    /// `()`.
    Unit,
    /// `true` or `false`.
    Bool(bool),
    /// An integer literal (decimal, `0x`, `0o` or `0b`, with its sign applied).
    Int(i128),
    /// A float literal, including `inf` and `NaN`.
    Float(f64),
    /// A string literal, escapes decoded.
    Str(String),
    /// A character literal such as `'x'`.
    Char(char),
    /// `[a, b]`.
    List(Vec<Node>),
    /// `{k: v}`, entries in source order.
    Map(Vec<(Node, Node)>),
    /// `(a, b)` or `Name(a, b)`; `Some(x)` is a tuple named `Some`.
    Tuple {
        /// The name in front of the parentheses, if any.
        name: Option<Ident>,
        /// The elements in source order.
        items: Vec<Node>,
    },
    /// `(a: 1)` or `Name(a: 1)`.
    Struct {
        /// The name in front of the parentheses, if any.
        name: Option<Ident>,
        /// The fields in source order, duplicates included.
        fields: Vec<(Ident, Node)>,
    },
    /// A bare identifier: a unit variant, `None` or a unit struct name.
    Ident(Ident),
}

/// An identifier (struct, variant or field name) and where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    /// The name, without any `r#` prefix.
    pub name: String,
    /// The source region of the name.
    pub span: Span,
}

/// A syntax error: where it is and what was expected there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// Where the problem is.
    pub pos: Pos,
    /// What was expected and what was found.
    pub message: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pos, self.message)
    }
}

impl std::error::Error for ParseError {}

// ---------------------------------------------------------------- parser

/// How deeply `(`, `[` and `{` may nest before [`parse`] gives up.
const MAX_DEPTH: usize = 128;

/// The extensions `#![enable(...)]` may name (all of them are accepted and ignored).
const EXTENSIONS: &[&str] = &[
    "implicit_some",
    "unwrap_newtypes",
    "unwrap_variant_newtypes",
    "explicit_struct_names",
];

type ParseResult<T> = Result<T, ParseError>;

/// Parses a RON document into a tree that remembers where everything was
/// written.
///
/// # Errors
///
/// The first syntax error, as a [`ParseError`]. Nesting deeper than 128
/// brackets is one, and so is anything but whitespace and comments after
/// the value. Never panics, whatever the input.
pub fn parse(src: &str) -> Result<Node, ParseError> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    Parser {
        chars: src.chars().collect(),
        i: 0,
        pos: Pos { line: 1, col: 1 },
        depth: 0,
    }
    .document()
}

struct Parser {
    chars: Vec<char>,
    i: usize,
    pos: Pos,
    depth: usize,
}

impl Parser {
    fn peek(&self) -> Option<char> {
        self.peek_at(0)
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.i + k).copied()
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.i += 1;
        if c == '\n' {
            self.pos.line = self.pos.line.saturating_add(1);
            self.pos.col = 1;
        } else {
            self.pos.col = self.pos.col.saturating_add(1);
        }
        Some(c)
    }

    fn eat(&mut self, c: char) -> bool {
        let found = self.peek() == Some(c);
        if found {
            self.bump();
        }
        found
    }

    fn fail<T>(&self, pos: Pos, message: impl Into<String>) -> ParseResult<T> {
        Err(ParseError {
            pos,
            message: message.into(),
        })
    }

    /// Describes what is at the cursor, for "found ..." in messages.
    fn found(&self) -> String {
        match self.peek() {
            None => "end of file".to_owned(),
            Some('"') => "a string".to_owned(),
            Some(c) if is_ident_continue(c) => {
                let word: String = self.chars[self.i..]
                    .iter()
                    .take_while(|&&c| is_ident_continue(c) || c == '.')
                    .take(32)
                    .collect();
                format!("`{word}`")
            }
            Some(c) => format!("`{}`", show_char(c)),
        }
    }

    /// The source text from char index `from` to the cursor, shortened.
    fn text_from(&self, from: usize) -> String {
        self.chars[from..self.i].iter().take(40).collect()
    }

    fn skip_ws(&mut self) -> ParseResult<()> {
        loop {
            match (self.peek(), self.peek_at(1)) {
                (Some(c), _) if is_whitespace(c) => {
                    self.bump();
                }
                (Some('/'), Some('/')) => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.bump();
                    }
                }
                (Some('/'), Some('*')) => self.block_comment()?,
                _ => return Ok(()),
            }
        }
    }

    fn block_comment(&mut self) -> ParseResult<()> {
        let start = self.pos;
        self.bump();
        self.bump();
        let mut level = 1_usize;
        while level > 0 {
            match (self.peek(), self.peek_at(1)) {
                (None, _) => {
                    return self.fail(start, "unclosed comment: this `/*` has no matching `*/`");
                }
                (Some('/'), Some('*')) => {
                    self.bump();
                    self.bump();
                    level += 1;
                }
                (Some('*'), Some('/')) => {
                    self.bump();
                    self.bump();
                    level -= 1;
                }
                _ => {
                    self.bump();
                }
            }
        }
        Ok(())
    }

    fn document(mut self) -> ParseResult<Node> {
        self.skip_ws()?;
        while self.peek() == Some('#') {
            self.attribute()?;
            self.skip_ws()?;
        }
        if self.peek().is_none() {
            return self.fail(self.pos, "the document is empty: expected a value");
        }
        let node = self.value()?;
        self.skip_ws()?;
        if self.peek().is_some() {
            let hint = if matches!(self.peek(), Some(')' | ']' | '}')) {
                " (is there an extra closing bracket?)"
            } else {
                ""
            };
            return self.fail(
                self.pos,
                format!(
                    "expected end of file after the value, found {}{hint}",
                    self.found()
                ),
            );
        }
        Ok(node)
    }

    /// Skips `#![enable(...)]`, `#![type = "..."]` or `#![schema = "..."]`.
    fn attribute(&mut self) -> ParseResult<()> {
        let start = self.pos;
        self.bump();
        if !(self.eat('!') && self.eat('[')) {
            return self.fail(
                start,
                "expected an attribute like `#![enable(implicit_some)]`",
            );
        }
        self.skip_ws()?;
        let at = self.pos;
        match self.ident().map(|(id, _)| id.name).as_deref() {
            Some("enable") => {
                self.skip_ws()?;
                if !self.eat('(') {
                    let found = self.found();
                    return self.fail(
                        self.pos,
                        format!("expected `(` after `enable`, found {found}"),
                    );
                }
                loop {
                    self.skip_ws()?;
                    if self.eat(')') {
                        break;
                    }
                    let at = self.pos;
                    let Some((ext, _)) = self.ident() else {
                        let found = self.found();
                        return self.fail(at, format!("expected an extension name, found {found}"));
                    };
                    if !EXTENSIONS.contains(&ext.name.as_str()) {
                        return self.fail(at, unknown_message("extension", &ext.name, EXTENSIONS));
                    }
                    self.skip_ws()?;
                    if !self.eat(',') && self.peek() != Some(')') {
                        let found = self.found();
                        return self.fail(
                            self.pos,
                            format!(
                                "expected `,` or `)` after extension `{}`, found {found}",
                                ext.name
                            ),
                        );
                    }
                }
            }
            Some(name @ ("type" | "schema")) => {
                self.skip_ws()?;
                if !self.eat('=') {
                    let found = self.found();
                    return self.fail(
                        self.pos,
                        format!("expected `=` after `{name}`, found {found}"),
                    );
                }
                self.skip_ws()?;
                if self.peek() == Some('"') {
                    self.string()?;
                } else if self.at_raw_string() {
                    self.raw_string()?;
                } else {
                    let found = self.found();
                    return self.fail(self.pos, format!("expected a string, found {found}"));
                }
            }
            _ => {
                return self.fail(at, "unknown attribute: expected `enable(...)`");
            }
        }
        self.skip_ws()?;
        if !self.eat(']') {
            let found = self.found();
            return self.fail(
                self.pos,
                format!("expected `]` to close the attribute, found {found}"),
            );
        }
        Ok(())
    }

    fn at_raw_string(&self) -> bool {
        if self.peek() != Some('r') {
            return false;
        }
        let mut k = 1;
        while self.peek_at(k) == Some('#') {
            k += 1;
        }
        self.peek_at(k) == Some('"')
    }

    /// Reads a plain or raw (`r#name`) identifier; also says whether it was raw.
    fn ident(&mut self) -> Option<(Ident, bool)> {
        let start = self.pos;
        let raw = self.peek() == Some('r')
            && self.peek_at(1) == Some('#')
            && self.peek_at(2).is_some_and(is_raw_ident_char);
        let mut name = String::new();
        if raw {
            self.bump();
            self.bump();
            while let Some(c) = self.peek().filter(|&c| is_raw_ident_char(c)) {
                name.push(c);
                self.bump();
            }
        } else {
            if !self.peek().is_some_and(is_ident_start) || self.at_raw_string() {
                return None;
            }
            while let Some(c) = self.peek().filter(|&c| is_ident_continue(c)) {
                name.push(c);
                self.bump();
            }
        }
        let span = Span {
            start,
            end: self.pos,
        };
        Some((Ident { name, span }, raw))
    }

    fn value(&mut self) -> ParseResult<Node> {
        let start = self.pos;
        match self.peek() {
            Some('(') => self.parens(None, start),
            Some('[') => self.list(),
            Some('{') => self.map(),
            Some('"') => self.string(),
            Some('\'') => self.char_literal(),
            Some(c)
                if c.is_ascii_digit()
                    || c == '+'
                    || c == '-'
                    || (c == '.' && self.peek_at(1).is_some_and(|d| d.is_ascii_digit())) =>
            {
                self.number()
            }
            _ if self.at_raw_string() => self.raw_string(),
            _ => match self.ident() {
                Some((id, raw)) => self.after_ident(id, raw, start),
                None => {
                    let found = self.found();
                    self.fail(start, format!("expected a value, found {found}"))
                }
            },
        }
    }

    /// Finishes a value that starts with an identifier: `true`, `inf`,
    /// `Name(...)` or a bare name.
    fn after_ident(&mut self, id: Ident, raw: bool, start: Pos) -> ParseResult<Node> {
        let span = id.span;
        if !raw {
            let kind = match id.name.as_str() {
                "true" => Some(NodeKind::Bool(true)),
                "false" => Some(NodeKind::Bool(false)),
                name => special_float(name).map(NodeKind::Float),
            };
            if let Some(kind) = kind {
                return Ok(Node { span, kind });
            }
        }
        self.skip_ws()?;
        if self.peek() == Some('(') {
            return self.parens(Some(id), start);
        }
        Ok(Node {
            span,
            kind: NodeKind::Ident(id),
        })
    }

    /// Consumes an opening bracket, enforcing the nesting limit.
    fn open(&mut self) -> ParseResult<Pos> {
        let pos = self.pos;
        if self.depth >= MAX_DEPTH {
            return self.fail(
                pos,
                format!("nested too deeply (more than {MAX_DEPTH} levels of brackets)"),
            );
        }
        self.depth += 1;
        self.bump();
        Ok(pos)
    }

    fn close(&mut self, start: Pos, kind: NodeKind) -> Node {
        self.depth -= 1;
        Node {
            span: Span {
                start,
                end: self.pos,
            },
            kind,
        }
    }

    fn parens(&mut self, name: Option<Ident>, start: Pos) -> ParseResult<Node> {
        let open = self.open()?;
        self.skip_ws()?;
        let kind = if self.eat(')') {
            match name {
                None => NodeKind::Unit,
                name => NodeKind::Tuple {
                    name,
                    items: Vec::new(),
                },
            }
        } else if self.at_field() {
            let fields = self.fields(open)?;
            NodeKind::Struct { name, fields }
        } else {
            let context = match &name {
                Some(n) => format!("in `{}(...)`", n.name),
                None => "after tuple element".to_owned(),
            };
            let items = self.items(')', &context, open)?;
            NodeKind::Tuple { name, items }
        };
        Ok(self.close(start, kind))
    }

    /// Whether the cursor is at `name:`, i.e. the parentheses hold a struct.
    fn at_field(&mut self) -> bool {
        let (i, pos) = (self.i, self.pos);
        let is_field = self.ident().is_some() && self.skip_ws().is_ok() && self.peek() == Some(':');
        self.i = i;
        self.pos = pos;
        is_field
    }

    fn fields(&mut self, open: Pos) -> ParseResult<Vec<(Ident, Node)>> {
        let mut fields = Vec::new();
        loop {
            self.skip_ws()?;
            if self.eat(')') {
                return Ok(fields);
            }
            let at = self.pos;
            let Some((key, _)) = self.ident() else {
                let found = self.found();
                return self.fail(at, format!("expected a field name or `)`, found {found}"));
            };
            self.skip_ws()?;
            if !self.eat(':') {
                let found = self.found();
                return self.fail(
                    self.pos,
                    format!(
                        "expected `:` after field name `{}`, found {found}",
                        key.name
                    ),
                );
            }
            self.skip_ws()?;
            if matches!(self.peek(), None | Some(',' | ')')) {
                let found = self.found();
                return self.fail(
                    self.pos,
                    format!("expected a value for field `{}`, found {found}", key.name),
                );
            }
            let value = self.value()?;
            let context = format!("after field `{}`", key.name);
            fields.push((key, value));
            self.skip_ws()?;
            if self.eat(',') {
                continue;
            }
            if self.eat(')') {
                return Ok(fields);
            }
            return self.missing_separator(')', &context, open);
        }
    }

    /// Comma-separated values up to `close`, which is consumed.
    fn items(&mut self, close: char, context: &str, open: Pos) -> ParseResult<Vec<Node>> {
        let mut items = Vec::new();
        loop {
            self.skip_ws()?;
            if self.eat(close) {
                return Ok(items);
            }
            items.push(self.value()?);
            self.skip_ws()?;
            if self.eat(',') {
                continue;
            }
            if self.eat(close) {
                return Ok(items);
            }
            return self.missing_separator(close, context, open);
        }
    }

    fn missing_separator<T>(&self, close: char, context: &str, open: Pos) -> ParseResult<T> {
        let hint = match self.peek() {
            None => {
                let opening = match close {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                format!(" (the `{opening}` at {open} is never closed)")
            }
            Some(c) if is_ident_continue(c) || "\"'([{+-".contains(c) => {
                " (is a comma missing?)".to_owned()
            }
            Some(_) => String::new(),
        };
        let found = self.found();
        self.fail(
            self.pos,
            format!("expected `,` or `{close}` {context}, found {found}{hint}"),
        )
    }

    fn list(&mut self) -> ParseResult<Node> {
        let start = self.pos;
        let open = self.open()?;
        let items = self.items(']', "after list element", open)?;
        Ok(self.close(start, NodeKind::List(items)))
    }

    fn map(&mut self) -> ParseResult<Node> {
        let start = self.pos;
        let open = self.open()?;
        let mut entries = Vec::new();
        loop {
            self.skip_ws()?;
            if self.eat('}') {
                break;
            }
            let key = self.value()?;
            self.skip_ws()?;
            if !self.eat(':') {
                let found = self.found();
                return self.fail(
                    self.pos,
                    format!("expected `:` after map key, found {found}"),
                );
            }
            self.skip_ws()?;
            let value = self.value()?;
            entries.push((key, value));
            self.skip_ws()?;
            if self.eat(',') {
                continue;
            }
            if self.eat('}') {
                break;
            }
            return self.missing_separator('}', "after map entry", open);
        }
        Ok(self.close(start, NodeKind::Map(entries)))
    }

    fn string(&mut self) -> ParseResult<Node> {
        let start = self.pos;
        self.bump();
        let mut text = String::new();
        loop {
            let at = self.pos;
            match self.bump() {
                None => {
                    return self.fail(start, "unterminated string: the closing `\"` is missing");
                }
                Some('"') => break,
                Some('\\') if self.at_line_break() => {
                    // A line continuation: skip the break and the next line's indentation.
                    while self
                        .peek()
                        .is_some_and(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
                    {
                        self.bump();
                    }
                }
                Some('\\') => text.push(self.escape(at)?),
                Some(c) => text.push(c),
            }
        }
        Ok(Node {
            span: Span {
                start,
                end: self.pos,
            },
            kind: NodeKind::Str(text),
        })
    }

    fn at_line_break(&self) -> bool {
        self.peek() == Some('\n') || (self.peek() == Some('\r') && self.peek_at(1) == Some('\n'))
    }

    /// Decodes the escape sequence after the backslash at `at`.
    fn escape(&mut self, at: Pos) -> ParseResult<char> {
        let c = match self.bump() {
            None => return self.fail(at, "unfinished escape sequence at end of file"),
            Some('n') => '\n',
            Some('t') => '\t',
            Some('r') => '\r',
            Some('0') => '\0',
            Some(c @ ('\\' | '"' | '\'')) => c,
            Some('x') => {
                let value = self.hex_digits(at, 2, 2)?;
                match char::from_u32(value).filter(char::is_ascii) {
                    Some(c) => c,
                    None => {
                        return self.fail(
                            at,
                            "`\\x` escapes must be below `\\x80`; use `\\u{...}` for other characters",
                        );
                    }
                }
            }
            Some('u') => {
                let value = if self.eat('{') {
                    let value = self.hex_digits(at, 1, 6)?;
                    if !self.eat('}') {
                        return self.fail(at, "expected `}` to end the `\\u{...}` escape");
                    }
                    value
                } else {
                    self.hex_digits(at, 4, 4)?
                };
                match char::from_u32(value) {
                    Some(c) => c,
                    None => return self.fail(at, "invalid `\\u` escape: not a valid character"),
                }
            }
            Some(c) => {
                return self.fail(at, format!("unknown escape `\\{}`", show_char(c)));
            }
        };
        Ok(c)
    }

    fn hex_digits(&mut self, at: Pos, min: usize, max: usize) -> ParseResult<u32> {
        let mut value = 0_u32;
        let mut count = 0;
        while count < max
            && let Some(digit) = self.peek().and_then(|c| c.to_digit(16))
        {
            value = value * 16 + digit;
            count += 1;
            self.bump();
        }
        if count < min {
            return self.fail(at, "invalid escape: expected hexadecimal digits");
        }
        Ok(value)
    }

    fn raw_string(&mut self) -> ParseResult<Node> {
        let start = self.pos;
        self.bump();
        let mut hashes = 0;
        while self.eat('#') {
            hashes += 1;
        }
        self.bump();
        let mut text = String::new();
        loop {
            match self.bump() {
                None => {
                    let end = format!("\"{}", "#".repeat(hashes));
                    return self.fail(
                        start,
                        format!("unterminated raw string: the closing `{end}` is missing"),
                    );
                }
                Some('"') if (0..hashes).all(|k| self.peek_at(k) == Some('#')) => {
                    for _ in 0..hashes {
                        self.bump();
                    }
                    break;
                }
                Some(c) => text.push(c),
            }
        }
        Ok(Node {
            span: Span {
                start,
                end: self.pos,
            },
            kind: NodeKind::Str(text),
        })
    }

    fn char_literal(&mut self) -> ParseResult<Node> {
        let start = self.pos;
        self.bump();
        let at = self.pos;
        let c = match self.bump() {
            None => return self.fail(start, "unterminated character literal"),
            Some('\'') => return self.fail(start, "empty character literal `''`"),
            Some('\\') => self.escape(at)?,
            Some(c) => c,
        };
        if !self.eat('\'') {
            return self.fail(
                start,
                "a character literal holds exactly one character, like 'x'; use double quotes for text",
            );
        }
        Ok(Node {
            span: Span {
                start,
                end: self.pos,
            },
            kind: NodeKind::Char(c),
        })
    }

    fn number(&mut self) -> ParseResult<Node> {
        let start = self.pos;
        let from = self.i;
        let negative = self.peek() == Some('-');
        if matches!(self.peek(), Some('+' | '-')) {
            self.bump();
        }
        let kind = if self.peek().is_some_and(is_ident_start) {
            // `-inf`, `+NaN` and the like.
            let word = self.ident().map(|(id, _)| id.name).unwrap_or_default();
            special_float(&word)
                .map(|v| NodeKind::Float(if negative { -v } else { v }))
                .ok_or(NumberError::Invalid)
        } else {
            let radix = match (self.peek(), self.peek_at(1)) {
                (Some('0'), Some('x')) => 16,
                (Some('0'), Some('o')) => 8,
                (Some('0'), Some('b')) => 2,
                _ => 10,
            };
            if radix != 10 {
                self.bump();
                self.bump();
            }
            let mut token = String::new();
            while let Some(c) = self.peek() {
                let exponent_sign =
                    radix == 10 && matches!(c, '+' | '-') && token.ends_with(['e', 'E']);
                if !(c.is_alphanumeric() || c == '_' || c == '.' || exponent_sign) {
                    break;
                }
                token.push(c);
                self.bump();
            }
            number_kind(&token, radix, negative)
        };
        match kind {
            Ok(kind) => Ok(Node {
                span: Span {
                    start,
                    end: self.pos,
                },
                kind,
            }),
            Err(NumberError::Invalid) => {
                self.fail(start, format!("invalid number `{}`", self.text_from(from)))
            }
            Err(NumberError::TooLarge) => self.fail(
                start,
                format!("number `{}` is too large", self.text_from(from)),
            ),
        }
    }
}

enum NumberError {
    Invalid,
    TooLarge,
}

/// Interprets the characters of a number after its sign and radix prefix.
fn number_kind(token: &str, radix: u32, negative: bool) -> Result<NodeKind, NumberError> {
    const INT_SUFFIXES: [&str; 10] = [
        "i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64", "u128",
    ];
    if radix == 10 {
        if let Some(body) = token
            .strip_suffix("f32")
            .or_else(|| token.strip_suffix("f64"))
        {
            return float_kind(body, negative);
        }
        if token.contains(['.', 'e', 'E']) {
            return float_kind(token, negative);
        }
    }
    let digits = INT_SUFFIXES
        .iter()
        .find_map(|suffix| token.strip_suffix(suffix))
        .unwrap_or(token);
    let mut magnitude = 0_u128;
    let mut count = 0;
    for c in digits.chars().filter(|&c| c != '_') {
        let digit = c.to_digit(radix).ok_or(NumberError::Invalid)?;
        magnitude = magnitude
            .checked_mul(radix.into())
            .and_then(|m| m.checked_add(digit.into()))
            .ok_or(NumberError::TooLarge)?;
        count += 1;
    }
    if count == 0 {
        return Err(NumberError::Invalid);
    }
    let value = if negative {
        0_i128.checked_sub_unsigned(magnitude)
    } else {
        i128::try_from(magnitude).ok()
    };
    value.map(NodeKind::Int).ok_or(NumberError::TooLarge)
}

fn float_kind(body: &str, negative: bool) -> Result<NodeKind, NumberError> {
    let well_formed = body.starts_with(|c: char| c.is_ascii_digit() || c == '.')
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '_' | '.' | 'e' | 'E' | '+' | '-'));
    if !well_formed {
        return Err(NumberError::Invalid);
    }
    let cleaned: String = body.chars().filter(|&c| c != '_').collect();
    let value: f64 = cleaned.parse().map_err(|_| NumberError::Invalid)?;
    Ok(NodeKind::Float(if negative { -value } else { value }))
}

fn special_float(word: &str) -> Option<f64> {
    match word {
        "inf" | "inff32" | "inff64" => Some(f64::INFINITY),
        "NaN" | "NaNf32" | "NaNf64" => Some(f64::NAN),
        _ => None,
    }
}

/// The whitespace characters RON accepts (the same set as `ron`).
fn is_whitespace(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | '\x0B'
            | '\x0C'
            | '\u{85}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// A character as it should appear in a message: control and whitespace
/// characters escaped, everything else as is.
fn show_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        c.escape_debug().to_string()
    } else {
        c.to_string()
    }
}

fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

fn is_ident_continue(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

fn is_raw_ident_char(c: char) -> bool {
    is_ident_continue(c) || matches!(c, '.' | '+' | '-')
}

// ----------------------------------------------------------- suggestions

/// "unknown field `x`, did you mean `y`?" or the list of allowed names.
fn unknown_message(what: &str, name: &str, expected: &[&str]) -> String {
    if let Some(suggestion) = suggest(name, expected) {
        format!("unknown {what} `{name}`, did you mean `{suggestion}`?")
    } else if expected.is_empty() {
        format!("unknown {what} `{name}` (none are allowed here)")
    } else {
        format!("unknown {what} `{name}`, expected {}", one_of(expected))
    }
}

/// "`a`" or "one of `a`, `b`, `c`".
fn one_of(names: &[&str]) -> String {
    const SHOWN: usize = 12;
    match names {
        [] => "nothing".to_owned(),
        [only] => format!("`{only}`"),
        _ => {
            let shown: Vec<String> = names.iter().take(SHOWN).map(|n| format!("`{n}`")).collect();
            let more = if names.len() > SHOWN { ", ..." } else { "" };
            format!("one of {}{more}", shown.join(", "))
        }
    }
}

/// The candidate closest to `name`, if it is close enough to be a typo: the project's one
/// "did you mean" (the validator's suggestions use it too).
pub fn suggest<'c>(name: &str, candidates: &[&'c str]) -> Option<&'c str> {
    if name.chars().count() > 64 {
        return None;
    }
    let name = name.to_lowercase();
    candidates
        .iter()
        .map(|&c| (typo_distance(&name, &c.to_lowercase()), c))
        .filter(|&(d, c)| {
            let allowed = match c.chars().count() {
                0..=2 => 0,
                3..=5 => 1,
                _ => 2,
            };
            d <= allowed
        })
        .min_by_key(|&(d, _)| d)
        .map(|(_, c)| c)
}

/// Edit distance counting insertions, deletions, substitutions and swaps of neighbouring
/// characters as one edit each (Damerau-Levenshtein, from the maintained `strsim`).
fn typo_distance(a: &str, b: &str) -> usize {
    strsim::damerau_levenshtein(a, b)
}

// ---------------------------------------------------------- deserializer

/// A problem found while deserializing: where, on which path, and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeError {
    /// The offending value, field name or variant name.
    pub span: Span,
    /// Where in the data it is, like `accounts[2].stakeholders[0].style`;
    /// empty for the top-level value.
    pub path: String,
    /// What is wrong, in words meant for the person who wrote the file.
    pub message: String,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.span.start, self.message)
        } else {
            write!(f, "{}: {}: {}", self.span.start, self.path, self.message)
        }
    }
}

impl std::error::Error for DeError {}

/// How many times [`from_node`] retries after patching around an error.
const MAX_PASSES: usize = 200;

/// Deserializes `T` from a parsed tree, reporting *every* error found.
///
/// Options are implicit: a bare value means `Some(value)`, and `None` and
/// `Some(x)` work as usual. Fields not declared by `T` are errors even
/// without `#[serde(deny_unknown_fields)]`.
///
/// `serde` stops at the first error, so this records it, patches a private
/// view of the tree so that the error cannot recur (drops an unknown or
/// duplicate field or map key, ignores a wrong struct name, or stands in a
/// harmless placeholder for a bad value so that the values after it are
/// still checked; as a last resort drops the enclosing list element) and
/// tries again, at most 200 times.
///
/// # Errors
///
/// Every error found, sorted by position, each reported once. If there were
/// any, the result is `Err` even if a later attempt succeeded.
pub fn from_node<T: DeserializeOwned>(node: &Node) -> Result<T, Vec<DeError>> {
    let mut overlay = Overlay::default();
    let mut errors = Vec::new();
    let mut seen = HashSet::new();
    // Fields already suggested as corrections of unknown ones, by struct node:
    // their "missing field" errors would only repeat the suggestion.
    let mut suggested = HashSet::new();
    for pass in 0..=MAX_PASSES {
        if pass == MAX_PASSES {
            errors.push(DeError {
                span: node.span,
                path: String::new(),
                message: "too many errors: only the first ones are listed".to_owned(),
            });
            break;
        }
        let root = NodeDe {
            node,
            path: Path::default(),
            overlay: &overlay,
            anon: false,
        };
        let error = match T::deserialize(root) {
            Ok(value) if errors.is_empty() => return Ok(value),
            Ok(_) => break,
            Err(error) => error,
        };
        let loc = error.loc.unwrap_or_else(|| Loc {
            span: node.span,
            path: String::new(),
            fix: Fix::Poison(id(node)),
        });
        if let Some(typo) = error.typo_of {
            suggested.insert(typo);
        }
        let target = loc.fix.target();
        // An error from a placeholder is an artifact of an earlier recovery.
        let genuine = !overlay.poisoned.contains(&target);
        let repeated = error
            .missing
            .is_some_and(|field| suggested.contains(&(target, field)));
        if genuine && !repeated && seen.insert((loc.span, error.message.clone())) {
            errors.push(DeError {
                span: loc.span,
                path: loc.path,
                message: error.message,
            });
        }
        let progressed = (genuine && overlay.apply(loc.fix)) || overlay.drop_element(node, target);
        if !progressed {
            break;
        }
    }
    errors.sort_by(|a, b| {
        (a.span.start, &a.path, &a.message).cmp(&(b.span.start, &b.path, &b.message))
    });
    Err(errors)
}

/// The address of a node, identifying it within one tree.
fn id(node: &Node) -> usize {
    std::ptr::from_ref(node).addr()
}

/// Changes [`from_node`] makes to its view of the tree between attempts.
#[derive(Default)]
struct Overlay {
    /// List elements, struct field values and map entry values to skip.
    removed: HashSet<usize>,
    /// Nodes to read as placeholder values.
    poisoned: HashSet<usize>,
    /// Nodes whose (wrong) struct name is to be ignored.
    unnamed: HashSet<usize>,
}

impl Overlay {
    /// Applies a fix; false if it was already applied.
    fn apply(&mut self, fix: Fix) -> bool {
        match fix {
            Fix::Poison(node) => self.poisoned.insert(node),
            Fix::Remove(node) => self.removed.insert(node),
            Fix::Unname(node) => self.unnamed.insert(node),
        }
    }

    /// Removes the innermost list element containing `target`, if any.
    fn drop_element(&mut self, root: &Node, target: usize) -> bool {
        let mut chain = Vec::new();
        find_chain(root, false, target, &mut chain);
        chain
            .iter()
            .rev()
            .find(|&&(_, in_list)| in_list)
            .is_some_and(|&(node, _)| self.removed.insert(node))
    }
}

/// Collects the nodes from `node` down to the one with id `target`, each
/// marked with whether it is a list element. Leaves `chain` as it was if
/// `target` is not below `node`.
fn find_chain(node: &Node, in_list: bool, target: usize, chain: &mut Vec<(usize, bool)>) -> bool {
    chain.push((id(node), in_list));
    if id(node) == target {
        return true;
    }
    let found = match &node.kind {
        NodeKind::List(items) => items.iter().any(|n| find_chain(n, true, target, chain)),
        NodeKind::Tuple { items, .. } => items.iter().any(|n| find_chain(n, false, target, chain)),
        NodeKind::Struct { fields, .. } => fields
            .iter()
            .any(|(_, n)| find_chain(n, false, target, chain)),
        NodeKind::Map(entries) => entries.iter().any(|(k, v)| {
            find_chain(k, false, target, chain) || find_chain(v, false, target, chain)
        }),
        _ => false,
    };
    if !found {
        chain.pop();
    }
    found
}

/// How to keep an error from recurring; each variant holds a node id.
#[derive(Debug, Clone, Copy)]
enum Fix {
    /// Read this node as a placeholder value.
    Poison(usize),
    /// Skip this field value, list element or map entry value.
    Remove(usize),
    /// Ignore this node's struct name.
    Unname(usize),
}

impl Fix {
    fn target(self) -> usize {
        match self {
            Fix::Poison(node) | Fix::Remove(node) | Fix::Unname(node) => node,
        }
    }
}

/// Where an error happened.
#[derive(Debug)]
struct Loc {
    span: Span,
    path: String,
    fix: Fix,
}

/// The error type of the deserializers here. Errors made by `serde` (like
/// "missing field") start without a location; the innermost node they pass
/// through on the way out supplies it.
#[derive(Debug)]
struct Error {
    message: String,
    loc: Option<Loc>,
    /// The field, for "missing field" errors.
    missing: Option<&'static str>,
    /// For unknown-field errors with a suggestion: the struct node and the suggested field.
    typo_of: Option<(usize, &'static str)>,
}

impl Error {
    fn new(message: impl Into<String>) -> Self {
        Error {
            message: message.into(),
            loc: None,
            missing: None,
            typo_of: None,
        }
    }

    /// Sets the location unless an inner one is already known.
    fn or_at(mut self, span: Span, path: &Path<'_>, fix: Fix) -> Self {
        if self.loc.is_none() {
            self.loc = Some(Loc {
                span,
                path: path.render(),
                fix,
            });
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::new(msg.to_string())
    }

    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error::new(format!("expected {exp}, found {unexp}"))
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error::new(format!("invalid value: {unexp}, expected {exp}"))
    }

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        Error::new(format!("expected {exp}, found {len} values"))
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Error::new(unknown_message("variant", variant, expected))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Error::new(unknown_message("field", field, expected))
    }

    fn missing_field(field: &'static str) -> Self {
        let mut error = Error::new(format!("missing field `{field}`"));
        error.missing = Some(field);
        error
    }

    fn duplicate_field(field: &'static str) -> Self {
        Error::new(format!("duplicate field `{field}`"))
    }
}

/// A path like `accounts[2].style`, shared between nodes as a linked list.
#[derive(Clone, Default)]
struct Path<'a>(Option<Rc<Link<'a>>>);

struct Link<'a> {
    parent: Path<'a>,
    seg: Seg<'a>,
}

#[derive(Clone, Copy)]
enum Seg<'a> {
    Field(&'a str),
    Index(usize),
    Key(&'a Node),
}

impl<'a> Path<'a> {
    fn push(&self, seg: Seg<'a>) -> Self {
        Path(Some(Rc::new(Link {
            parent: self.clone(),
            seg,
        })))
    }

    fn last_field(&self) -> Option<&'a str> {
        match self.0.as_deref()?.seg {
            Seg::Field(name) => Some(name),
            _ => None,
        }
    }

    fn render(&self) -> String {
        let mut segs = Vec::new();
        let mut cur = self;
        while let Some(link) = &cur.0 {
            segs.push(link.seg);
            cur = &link.parent;
        }
        let mut out = String::new();
        for seg in segs.into_iter().rev() {
            match seg {
                Seg::Field(name) if out.is_empty() => out.push_str(name),
                Seg::Field(name) => {
                    out.push('.');
                    out.push_str(name);
                }
                Seg::Index(i) => {
                    let _ = write!(out, "[{i}]");
                }
                Seg::Key(key) => {
                    let _ = write!(out, "[{}]", key_text(key));
                }
            }
        }
        out
    }
}

fn key_text(key: &Node) -> String {
    match &key.kind {
        NodeKind::Str(s) => format!("{:?}", s.chars().take(40).collect::<String>()),
        NodeKind::Int(v) => v.to_string(),
        NodeKind::Bool(b) => b.to_string(),
        NodeKind::Char(c) => format!("{c:?}"),
        NodeKind::Ident(id) => id.name.clone(),
        _ => "...".to_owned(),
    }
}

/// Whether two map keys are certainly the same (only simple keys are compared).
fn same_key(a: &Node, b: &Node) -> bool {
    match (&a.kind, &b.kind) {
        (NodeKind::Str(a), NodeKind::Str(b)) => a == b,
        (NodeKind::Int(a), NodeKind::Int(b)) => a == b,
        (NodeKind::Bool(a), NodeKind::Bool(b)) => a == b,
        (NodeKind::Char(a), NodeKind::Char(b)) => a == b,
        (NodeKind::Ident(a), NodeKind::Ident(b)) => a.name == b.name,
        _ => false,
    }
}

/// Describes a value for "found ..." in messages.
fn describe(node: &Node) -> String {
    match &node.kind {
        NodeKind::Unit => "`()`".to_owned(),
        NodeKind::Bool(b) => format!("`{b}`"),
        NodeKind::Int(v) => format!("the number {v}"),
        NodeKind::Float(v) => format!("the number {v}"),
        NodeKind::Str(s) => {
            let short: String = s.chars().take(40).collect();
            let more = if short.len() < s.len() { "…" } else { "" };
            format!("a string \"{}{more}\"", short.escape_debug())
        }
        NodeKind::Char(c) => format!("the character {c:?}"),
        NodeKind::List(_) => "a list `[...]`".to_owned(),
        NodeKind::Map(_) => "a map `{...}`".to_owned(),
        NodeKind::Tuple { name: None, .. } => "a tuple `(...)`".to_owned(),
        NodeKind::Struct { name: None, .. } => "a struct `(...)`".to_owned(),
        NodeKind::Tuple { name: Some(n), .. } | NodeKind::Struct { name: Some(n), .. } => {
            format!("`{}(...)`", n.name)
        }
        NodeKind::Ident(id) => format!("the name `{}`", id.name),
    }
}

fn single(items: &[Node]) -> Option<&Node> {
    match items {
        [item] => Some(item),
        _ => None,
    }
}

/// The deserializer over one node of the tree.
#[derive(Clone)]
struct NodeDe<'a> {
    node: &'a Node,
    path: Path<'a>,
    overlay: &'a Overlay,
    /// Read a `Name(...)` as if it had no name (used after unwrapping `Some`
    /// or a newtype variant).
    anon: bool,
}

impl<'a> NodeDe<'a> {
    /// The deserializer for a child node, with `seg` added to the path.
    fn child(&self, node: &'a Node, seg: Seg<'a>) -> Self {
        NodeDe {
            node,
            path: self.path.push(seg),
            overlay: self.overlay,
            anon: false,
        }
    }

    /// The deserializer for a wrapped node at the same path (`Some(x)`, `Name(x)`).
    fn inner(&self, node: &'a Node) -> Self {
        NodeDe {
            node,
            path: self.path.clone(),
            overlay: self.overlay,
            anon: false,
        }
    }

    fn anonymous(self) -> Self {
        NodeDe { anon: true, ..self }
    }

    fn poisoned(&self) -> bool {
        self.overlay.poisoned.contains(&id(self.node))
    }

    fn removed(&self, node: &Node) -> bool {
        self.overlay.removed.contains(&id(node))
    }

    /// The name in front of the parentheses, unless it is to be ignored.
    fn name(&self) -> Option<&'a Ident> {
        if self.anon || self.overlay.unnamed.contains(&id(self.node)) {
            return None;
        }
        match &self.node.kind {
            NodeKind::Tuple { name, .. } | NodeKind::Struct { name, .. } => name.as_ref(),
            _ => None,
        }
    }

    fn locate(&self, error: Error) -> Error {
        error.or_at(self.node.span, &self.path, Fix::Poison(id(self.node)))
    }

    fn error(&self, message: String) -> Error {
        self.locate(Error::new(message))
    }

    fn for_field(&self) -> String {
        self.path
            .last_field()
            .map(|name| format!(" for `{name}`"))
            .unwrap_or_default()
    }

    /// "expected {expected} for `field`, found {what is there}".
    fn mismatch(&self, expected: &str, hint: Option<&str>) -> Error {
        let hint = hint.map(|h| format!(" ({h})")).unwrap_or_default();
        self.error(format!(
            "expected {expected}{}, found {}{hint}",
            self.for_field(),
            describe(self.node)
        ))
    }

    /// A hint for a number written in quotes.
    fn quoted_number_hint(&self) -> Option<&'static str> {
        match &self.node.kind {
            NodeKind::Str(s) if s.trim().parse::<f64>().is_ok() => {
                Some("numbers are written without quotes")
            }
            _ => None,
        }
    }

    fn check_name(&self, expected: &str) -> Result<(), Error> {
        match self.name() {
            Some(found) if found.name != expected => Err(self.wrong_name(found, expected)),
            _ => Ok(()),
        }
    }

    fn wrong_name(&self, found: &Ident, expected: &str) -> Error {
        let message = format!("expected `{expected}(...)`, found `{}(...)`", found.name);
        Error::new(message).or_at(found.span, &self.path, Fix::Unname(id(self.node)))
    }

    fn check_len(&self, items: &[Node], len: usize) -> Result<(), Error> {
        let found = items.iter().filter(|n| !self.removed(n)).count();
        if found == len {
            return Ok(());
        }
        let s = if len == 1 { "" } else { "s" };
        Err(self.error(format!(
            "expected {len} value{s}{}, found {found}",
            self.for_field()
        )))
    }

    fn items(&self, items: &'a [Node]) -> Items<'a> {
        Items {
            de: self.clone(),
            items,
            next: 0,
        }
    }

    /// Visits the fields of a struct. An error the visitor raises right after
    /// reading a field name (a field given twice through an alias) is placed
    /// at that name.
    fn visit_fields<V: Visitor<'a>>(
        &self,
        fields: &'a [(Ident, Node)],
        expected: Option<&'static [&'static str]>,
        visitor: V,
    ) -> Result<V::Value, Error> {
        let mut access = Fields {
            de: self.clone(),
            fields,
            next: 0,
            expected,
            current: None,
        };
        visitor
            .visit_map(&mut access)
            .map_err(|e| match access.current {
                Some((key, value)) => {
                    let path = self.path.push(Seg::Field(&key.name));
                    e.or_at(key.span, &path, Fix::Remove(id(value)))
                }
                None => e,
            })
    }

    /// Deserializes `seed` from this node. Errors the seed raises after
    /// reading the node (as untagged enums do) are placed here too.
    fn read<S: DeserializeSeed<'a>>(self, seed: S) -> Result<S::Value, Error> {
        let here = self.clone();
        seed.deserialize(self).map_err(|e| here.locate(e))
    }

    fn integer<T: TryFrom<i128> + fmt::Display>(
        &self,
        ty: &str,
        min: T,
        max: T,
    ) -> Result<T, Error> {
        match self.node.kind {
            NodeKind::Int(v) => T::try_from(v).map_err(|_| {
                self.error(format!("value {v} out of range for {ty} ({min} to {max})"))
            }),
            _ => Err(self.mismatch("a whole number", self.quoted_number_hint())),
        }
    }

    fn float(&self) -> Result<f64, Error> {
        match self.node.kind {
            // Precision loss only beyond 2^53, far outside any sensible scenario value.
            NodeKind::Int(v) => Ok(v as f64),
            NodeKind::Float(v) => Ok(v),
            _ => Err(self.mismatch("a number", self.quoted_number_hint())),
        }
    }

    fn any<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Unit => visitor.visit_unit(),
            NodeKind::Bool(b) => visitor.visit_bool(*b),
            NodeKind::Int(v) => {
                if let Ok(v) = i64::try_from(*v) {
                    visitor.visit_i64(v)
                } else if let Ok(v) = u64::try_from(*v) {
                    visitor.visit_u64(v)
                } else {
                    visitor.visit_i128(*v)
                }
            }
            NodeKind::Float(v) => visitor.visit_f64(*v),
            NodeKind::Str(s) => visitor.visit_borrowed_str(s),
            NodeKind::Char(c) => visitor.visit_char(*c),
            NodeKind::List(items) => visitor.visit_seq(self.items(items)),
            NodeKind::Map(entries) => visitor.visit_map(Entries {
                de: self.clone(),
                entries,
                next: 0,
                current: None,
            }),
            NodeKind::Tuple { items, .. } => match (self.name(), single(items)) {
                (Some(n), Some(item)) if n.name == "Some" => visitor.visit_some(self.inner(item)),
                _ => visitor.visit_seq(self.items(items)),
            },
            NodeKind::Struct { fields, .. } => self.visit_fields(fields, None, visitor),
            NodeKind::Ident(id) if id.name == "None" => visitor.visit_none(),
            NodeKind::Ident(id) => visitor.visit_borrowed_str(&id.name),
        }
    }

    fn boolean<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node.kind {
            NodeKind::Bool(b) => visitor.visit_bool(b),
            _ => Err(self.mismatch("`true` or `false`", None)),
        }
    }

    fn f32_<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        // Rounding to the nearest f32 is the point of asking for one.
        visitor.visit_f32(self.float()? as f32)
    }

    fn f64_<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_f64(self.float()?)
    }

    fn character<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match self.node.kind {
            NodeKind::Char(c) => visitor.visit_char(c),
            _ => Err(self.mismatch("a single character in single quotes, like 'x'", None)),
        }
    }

    fn string<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Str(s) => visitor.visit_borrowed_str(s),
            NodeKind::Ident(_) => {
                Err(self.mismatch("a string", Some("text must be written in double quotes")))
            }
            _ => Err(self.mismatch("a string in double quotes", None)),
        }
    }

    fn bytes<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Str(s) => visitor.visit_borrowed_bytes(s.as_bytes()),
            NodeKind::List(items) => visitor.visit_seq(self.items(items)),
            _ => Err(self.mismatch("a string", None)),
        }
    }

    fn option<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match (&self.node.kind, self.name()) {
            (NodeKind::Ident(id), _) if id.name == "None" => visitor.visit_none(),
            (NodeKind::Tuple { items, .. }, Some(n)) if n.name == "Some" => match single(items) {
                Some(item) => visitor.visit_some(self.inner(item)),
                None => visitor.visit_some(self.anonymous()),
            },
            (NodeKind::Struct { .. }, Some(n)) if n.name == "Some" => {
                visitor.visit_some(self.anonymous())
            }
            _ => visitor.visit_some(self),
        }
    }

    fn unit<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Unit => visitor.visit_unit(),
            NodeKind::Tuple { items, .. } if items.is_empty() && self.name().is_none() => {
                visitor.visit_unit()
            }
            _ => Err(self.mismatch("`()`", None)),
        }
    }

    fn unit_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Unit => visitor.visit_unit(),
            NodeKind::Ident(id) if id.name == name => visitor.visit_unit(),
            NodeKind::Tuple { items, .. } if items.is_empty() => {
                self.check_name(name)?;
                visitor.visit_unit()
            }
            _ => Err(self.mismatch(&format!("`{name}`"), None)),
        }
    }

    fn newtype_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        // A newtype is transparent, so `Other(x)` may well be a value of the
        // inner type; only a name that looks like a typo of this one is wrong.
        if let Some(found) = self.name()
            && found.name != name
            && suggest(&found.name, &[name]).is_some()
        {
            return Err(self.wrong_name(found, name));
        }
        let named_here = self.name().is_some_and(|n| n.name == name);
        if let NodeKind::Tuple { items, .. } = &self.node.kind
            && (named_here || self.name().is_none())
            && let Some(item) = single(items)
        {
            return visitor.visit_newtype_struct(self.inner(item));
        }
        if named_here {
            visitor.visit_newtype_struct(self.anonymous())
        } else {
            visitor.visit_newtype_struct(self)
        }
    }

    fn seq<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::List(items) => visitor.visit_seq(self.items(items)),
            _ => Err(self.mismatch("a list `[...]`", None)),
        }
    }

    fn tuple<V: Visitor<'a>>(self, len: usize, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::List(items) | NodeKind::Tuple { items, .. } if self.name().is_none() => {
                self.check_len(items, len)?;
                visitor.visit_seq(self.items(items))
            }
            NodeKind::Unit if len == 0 => visitor.visit_seq(self.items(&[])),
            _ => Err(self.mismatch(&format!("{len} values in parentheses `(a, b, ...)`"), None)),
        }
    }

    fn tuple_struct<V: Visitor<'a>>(
        self,
        name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Tuple { items, .. } => {
                self.check_name(name)?;
                self.check_len(items, len)?;
                visitor.visit_seq(self.items(items))
            }
            NodeKind::Unit if len == 0 => visitor.visit_seq(self.items(&[])),
            _ => Err(self.mismatch(&format!("`{name}(...)` with {len} values"), None)),
        }
    }

    fn map<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Map(entries) => visitor.visit_map(Entries {
                de: self.clone(),
                entries,
                next: 0,
                current: None,
            }),
            // Structs flattened into others are read as maps.
            NodeKind::Struct { fields, .. } => self.visit_fields(fields, None, visitor),
            NodeKind::Unit => self.visit_fields(&[], None, visitor),
            _ => Err(self.mismatch("a map `{key: value, ...}`", None)),
        }
    }

    fn structure<V: Visitor<'a>>(
        self,
        name: &'static str,
        expected: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Struct { fields, .. } => {
                self.check_name(name)?;
                self.visit_fields(fields, Some(expected), visitor)
            }
            NodeKind::Tuple { items, .. } if items.is_empty() => {
                self.check_name(name)?;
                self.visit_fields(&[], Some(expected), visitor)
            }
            NodeKind::Unit => self.visit_fields(&[], Some(expected), visitor),
            _ => Err(self.mismatch(
                &format!("a `{name}` written as `(field: value, ...)`"),
                None,
            )),
        }
    }

    fn enumeration<V: Visitor<'a>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        let (variant, content) = match (&self.node.kind, self.anon) {
            (NodeKind::Ident(id), _) => (id, Content::Unit),
            (
                NodeKind::Tuple {
                    name: Some(id),
                    items,
                },
                false,
            ) => (id, Content::Tuple(items)),
            (
                NodeKind::Struct {
                    name: Some(id),
                    fields,
                },
                false,
            ) => (id, Content::Struct(fields)),
            (NodeKind::Str(_), _) => {
                return Err(self.mismatch(&one_of(variants), Some("write the name without quotes")));
            }
            _ => return Err(self.mismatch(&one_of(variants), None)),
        };
        visitor.visit_enum(Enum {
            de: self,
            variant,
            content,
        })
    }

    fn identifier<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Ident(id) => visitor.visit_borrowed_str(&id.name),
            NodeKind::Str(s) => visitor.visit_borrowed_str(s),
            _ => Err(self.mismatch("a name", None)),
        }
    }

    fn ignored<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

macro_rules! int_methods {
    ($($method:ident: $ty:ty => $visit:ident;)*) => {
        impl<'a> NodeDe<'a> {
            $(
                fn $method<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
                    visitor.$visit(self.integer(stringify!($ty), <$ty>::MIN, <$ty>::MAX)?)
                }
            )*
        }
    };
}

int_methods! {
    i8_: i8 => visit_i8;
    i16_: i16 => visit_i16;
    i32_: i32 => visit_i32;
    i64_: i64 => visit_i64;
    i128_: i128 => visit_i128;
    u8_: u8 => visit_u8;
    u16_: u16 => visit_u16;
    u32_: u32 => visit_u32;
    u64_: u64 => visit_u64;
    u128_: u128 => visit_u128;
}

/// Implements `Deserializer` methods by calling the like-named inherent
/// method (or the placeholder, for a poisoned node) and locating any error
/// that comes out without a location at this node.
macro_rules! located {
    ($($method:ident => $imp:ident($($arg:ident: $ty:ty),*);)*) => {$(
        fn $method<V: Visitor<'a>>(self, $($arg: $ty,)* visitor: V) -> Result<V::Value, Error> {
            let here = self.clone();
            let result = if self.poisoned() {
                Placeholder(0).$method($($arg,)* visitor)
            } else {
                self.$imp($($arg,)* visitor)
            };
            result.map_err(|e| here.locate(e))
        }
    )*};
}

impl<'a> Deserializer<'a> for NodeDe<'a> {
    type Error = Error;

    located! {
        deserialize_any => any();
        deserialize_bool => boolean();
        deserialize_i8 => i8_();
        deserialize_i16 => i16_();
        deserialize_i32 => i32_();
        deserialize_i64 => i64_();
        deserialize_i128 => i128_();
        deserialize_u8 => u8_();
        deserialize_u16 => u16_();
        deserialize_u32 => u32_();
        deserialize_u64 => u64_();
        deserialize_u128 => u128_();
        deserialize_f32 => f32_();
        deserialize_f64 => f64_();
        deserialize_char => character();
        deserialize_str => string();
        deserialize_string => string();
        deserialize_bytes => bytes();
        deserialize_byte_buf => bytes();
        deserialize_option => option();
        deserialize_unit => unit();
        deserialize_unit_struct => unit_struct(name: &'static str);
        deserialize_newtype_struct => newtype_struct(name: &'static str);
        deserialize_seq => seq();
        deserialize_tuple => tuple(len: usize);
        deserialize_tuple_struct => tuple_struct(name: &'static str, len: usize);
        deserialize_map => map();
        deserialize_struct => structure(name: &'static str, fields: &'static [&'static str]);
        deserialize_enum => enumeration(name: &'static str, variants: &'static [&'static str]);
        deserialize_identifier => identifier();
        deserialize_ignored_any => ignored();
    }
}

/// The elements of a list or tuple, skipping removed ones.
struct Items<'a> {
    de: NodeDe<'a>,
    items: &'a [Node],
    next: usize,
}

impl<'a> SeqAccess<'a> for Items<'a> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'a>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        while let Some(item) = self.items.get(self.next) {
            let index = self.next;
            self.next += 1;
            if !self.de.removed(item) {
                return self.de.child(item, Seg::Index(index)).read(seed).map(Some);
            }
        }
        Ok(None)
    }

    fn size_hint(&self) -> Option<usize> {
        let rest = self.items.get(self.next..).unwrap_or_default();
        Some(rest.iter().filter(|n| !self.de.removed(n)).count())
    }
}

/// The fields of a struct, checked against the expected names if known.
struct Fields<'a> {
    de: NodeDe<'a>,
    fields: &'a [(Ident, Node)],
    next: usize,
    expected: Option<&'static [&'static str]>,
    current: Option<&'a (Ident, Node)>,
}

impl<'a> MapAccess<'a> for Fields<'a> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        while let Some(entry) = self.fields.get(self.next) {
            let earlier = self.fields.get(..self.next).unwrap_or_default();
            self.next += 1;
            let (key, value) = entry;
            if self.de.removed(value) {
                continue;
            }
            let path = self.de.path.push(Seg::Field(&key.name));
            let fix = Fix::Remove(id(value));
            if let Some(expected) = self.expected
                && !expected.contains(&key.name.as_str())
            {
                let mut error = Error::new(unknown_message("field", &key.name, expected));
                error.typo_of = suggest(&key.name, expected).map(|s| (id(self.de.node), s));
                return Err(error.or_at(key.span, &path, fix));
            }
            if let Some((first, _)) = earlier
                .iter()
                .find(|(k, v)| k.name == key.name && !self.de.removed(v))
            {
                let message = format!(
                    "duplicate field `{}` (first given at {})",
                    key.name, first.span.start
                );
                return Err(Error::new(message).or_at(key.span, &path, fix));
            }
            self.current = Some(entry);
            return seed
                .deserialize(NameDe {
                    ident: key,
                    path,
                    fix,
                })
                .map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<S: DeserializeSeed<'a>>(&mut self, seed: S) -> Result<S::Value, Error> {
        let (key, value) = self
            .current
            .take()
            .ok_or_else(|| Error::new("a field value was requested before its name"))?;
        self.de.child(value, Seg::Field(&key.name)).read(seed)
    }
}

/// The entries of a map, skipping removed ones.
struct Entries<'a> {
    de: NodeDe<'a>,
    entries: &'a [(Node, Node)],
    next: usize,
    current: Option<&'a (Node, Node)>,
}

impl<'a> MapAccess<'a> for Entries<'a> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'a>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        while let Some(entry) = self.entries.get(self.next) {
            let earlier = self.entries.get(..self.next).unwrap_or_default();
            self.next += 1;
            let (key, value) = entry;
            if self.de.removed(value) {
                continue;
            }
            if let Some((first, _)) = earlier
                .iter()
                .find(|(k, v)| same_key(k, key) && !self.de.removed(v))
            {
                let message = format!(
                    "duplicate key {} (first given at {})",
                    key_text(key),
                    first.span.start
                );
                let path = self.de.path.push(Seg::Key(key));
                return Err(Error::new(message).or_at(key.span, &path, Fix::Remove(id(value))));
            }
            self.current = Some(entry);
            return self.de.child(key, Seg::Key(key)).read(seed).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<S: DeserializeSeed<'a>>(&mut self, seed: S) -> Result<S::Value, Error> {
        let (key, value) = self
            .current
            .take()
            .ok_or_else(|| Error::new("a map value was requested before its key"))?;
        self.de.child(value, Seg::Key(key)).read(seed)
    }
}

/// A field or variant name, handed to serde's identifier visitors.
struct NameDe<'a> {
    ident: &'a Ident,
    path: Path<'a>,
    fix: Fix,
}

impl<'de> Deserializer<'de> for NameDe<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor
            .visit_borrowed_str::<Error>(&self.ident.name)
            .map_err(|e| e.or_at(self.ident.span, &self.path, self.fix))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map struct enum identifier ignored_any
    }
}

/// What follows a variant name.
enum Content<'a> {
    Unit,
    Tuple(&'a [Node]),
    Struct(&'a [(Ident, Node)]),
}

struct Enum<'a> {
    de: NodeDe<'a>,
    variant: &'a Ident,
    content: Content<'a>,
}

impl<'a> EnumAccess<'a> for Enum<'a> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'a>>(self, seed: S) -> Result<(S::Value, Self), Error> {
        let name = NameDe {
            ident: self.variant,
            path: self.de.path.clone(),
            fix: Fix::Poison(id(self.de.node)),
        };
        let value = seed.deserialize(name)?;
        Ok((value, self))
    }
}

impl<'a> VariantAccess<'a> for Enum<'a> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.content {
            Content::Unit | Content::Tuple([]) => Ok(()),
            _ => {
                let name = &self.variant.name;
                Err(self
                    .de
                    .error(format!("`{name}` takes no values; write just `{name}`")))
            }
        }
    }

    fn newtype_variant_seed<S: DeserializeSeed<'a>>(self, seed: S) -> Result<S::Value, Error> {
        match self.content {
            Content::Tuple(items) => match single(items) {
                Some(item) => self.de.inner(item).read(seed),
                None => self.de.anonymous().read(seed),
            },
            Content::Struct(_) => self.de.anonymous().read(seed),
            Content::Unit => {
                let name = &self.variant.name;
                Err(self
                    .de
                    .error(format!("`{name}` needs a value, like `{name}(...)`")))
            }
        }
    }

    fn tuple_variant<V: Visitor<'a>>(self, len: usize, visitor: V) -> Result<V::Value, Error> {
        match self.content {
            Content::Tuple(items) => {
                self.de.check_len(items, len)?;
                visitor.visit_seq(self.de.items(items))
            }
            _ => {
                let name = &self.variant.name;
                Err(self.de.error(format!(
                    "`{name}` needs {len} values in parentheses, like `{name}(a, b)`"
                )))
            }
        }
    }

    fn struct_variant<V: Visitor<'a>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.content {
            Content::Struct(given) => self.de.visit_fields(given, Some(fields), visitor),
            Content::Tuple([]) => self.de.visit_fields(&[], Some(fields), visitor),
            _ => {
                let name = &self.variant.name;
                Err(self.de.error(format!(
                    "`{name}` needs named fields, like `{name}(field: value, ...)`"
                )))
            }
        }
    }
}

// ---------------------------------------------------------- placeholders

/// How deeply placeholder values may nest (a recursive type like
/// `enum E { Not(Box<E>), Leaf }` would otherwise recurse forever).
const MAX_PLACEHOLDER_DEPTH: u32 = 32;

/// Produces a harmless stand-in value of whatever type is asked for, so that
/// deserialization can go on past a bad node and find the errors after it.
struct Placeholder(u32);

impl Placeholder {
    fn deeper(&self) -> Result<Placeholder, Error> {
        if self.0 >= MAX_PLACEHOLDER_DEPTH {
            Err(Error::new("cannot fill in a stand-in value for this type"))
        } else {
            Ok(Placeholder(self.0 + 1))
        }
    }
}

impl<'de> Deserializer<'de> for Placeholder {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_bool(false)
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_i8(0)
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_i16(0)
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_i32(0)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_i64(0)
    }

    fn deserialize_i128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_i128(0)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_u8(0)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_u16(0)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_u32(0)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_u64(0)
    }

    fn deserialize_u128<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_u128(0)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_f32(0.0)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_f64(0.0)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_char(' ')
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str("")
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str("")
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_bytes(&[])
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_bytes(&[])
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_none()
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self.deeper()?)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_seq(Blanks {
            left: 0,
            inner: self.deeper()?,
        })
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_seq(Blanks {
            left: len,
            inner: self.deeper()?,
        })
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_tuple(len, visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_struct("", &[], visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_map(BlankFields {
            fields,
            next: 0,
            inner: self.deeper()?,
        })
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_enum(BlankEnum {
            variants,
            inner: self.deeper()?,
        })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_str("")
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }
}

/// `left` placeholder elements.
struct Blanks {
    left: usize,
    inner: Placeholder,
}

impl<'de> SeqAccess<'de> for Blanks {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Error> {
        if self.left == 0 {
            return Ok(None);
        }
        self.left -= 1;
        seed.deserialize(Placeholder(self.inner.0)).map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.left)
    }
}

/// Every expected field, each with a placeholder value.
struct BlankFields {
    fields: &'static [&'static str],
    next: usize,
    inner: Placeholder,
}

impl<'de> MapAccess<'de> for BlankFields {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        let Some(&field) = self.fields.get(self.next) else {
            return Ok(None);
        };
        self.next += 1;
        let key: de::value::StrDeserializer<'_, Error> = field.into_deserializer();
        seed.deserialize(key).map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        seed.deserialize(Placeholder(self.inner.0))
    }
}

/// The first variant of an enum, with placeholder contents.
struct BlankEnum {
    variants: &'static [&'static str],
    inner: Placeholder,
}

impl<'de> EnumAccess<'de> for BlankEnum {
    type Error = Error;
    type Variant = Placeholder;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Placeholder), Error> {
        let first = self
            .variants
            .first()
            .ok_or_else(|| Error::new("this type has no variants"))?;
        let key: de::value::StrDeserializer<'_, Error> = first.into_deserializer();
        Ok((seed.deserialize(key)?, self.inner))
    }
}

impl<'de> VariantAccess<'de> for Placeholder {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<S::Value, Error> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, len: usize, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_tuple(len, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_struct("", fields, visitor)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize, PartialEq)]
    enum Style {
        Formal,
        Casual,
        Rumour,
        Custom(String),
        Mixed { formal: u8, casual: u8 },
    }

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Channel {
        #[default]
        FaceToFace,
        EmailBlast,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Stakeholder {
        name: String,
        style: Style,
        #[serde(default)]
        influence: u8,
        note: Option<String>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct AccountId(u32);

    fn default_tags() -> Vec<String> {
        vec!["new".to_owned()]
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Account {
        name: String,
        tier: u8,
        margin: f64,
        stakeholders: Vec<Stakeholder>,
        #[serde(default)]
        channel: Channel,
        #[serde(default = "default_tags")]
        tags: Vec<String>,
        pos: (i32, i32),
        id: AccountId,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    struct Scenario {
        title: String,
        description: String,
        seed: u64,
        budget: Option<i64>,
        rival: Option<String>,
        weights: BTreeMap<String, f32>,
        initial: char,
        flag: bool,
        accounts: Vec<Account>,
    }

    const VALID: &str = r##"#![enable(implicit_some)]
// 情景：华东区大客户
/* block /* nested */ comment */
Scenario(
    title: "华东区 大客户",
    description: r#"He said "hi"
第二行"#,
    seed: 0xDEAD_BEEF,
    budget: -1_000,
    rival: None,
    weights: { "price": 0.5, "质量": 2.5e-1, },
    initial: '高',
    flag: true,
    accounts: [
        Account(
            name: "Acme \"A\" \u{4e2d}\n",
            tier: 3,
            margin: 12, // an integer where a float is expected
            stakeholders: [
                (name: "王", style: Rumour, influence: 7, note: "会议"),
                (name: "Li", style: Custom("x"), note: None),
                (name: "Z", style: Mixed(formal: 1, casual: 2),),
            ],
            channel: email_blast,
            pos: (1, -2),
            id: AccountId(7),
        ),
        (name: "B", tier: 1, margin: -2.5e3, stakeholders: [], tags: ["a", "b",], pos: (0, 0), id: AccountId(8)),
    ],
)
"##;

    fn expected_valid() -> Scenario {
        Scenario {
            title: "华东区 大客户".to_owned(),
            description: "He said \"hi\"\n第二行".to_owned(),
            seed: 0xDEAD_BEEF,
            budget: Some(-1000),
            rival: None,
            weights: BTreeMap::from([("price".to_owned(), 0.5), ("质量".to_owned(), 0.25)]),
            initial: '高',
            flag: true,
            accounts: vec![
                Account {
                    name: "Acme \"A\" 中\n".to_owned(),
                    tier: 3,
                    margin: 12.0,
                    stakeholders: vec![
                        Stakeholder {
                            name: "王".to_owned(),
                            style: Style::Rumour,
                            influence: 7,
                            note: Some("会议".to_owned()),
                        },
                        Stakeholder {
                            name: "Li".to_owned(),
                            style: Style::Custom("x".to_owned()),
                            influence: 0,
                            note: None,
                        },
                        Stakeholder {
                            name: "Z".to_owned(),
                            style: Style::Mixed {
                                formal: 1,
                                casual: 2,
                            },
                            influence: 0,
                            note: None,
                        },
                    ],
                    channel: Channel::EmailBlast,
                    tags: vec!["new".to_owned()],
                    pos: (1, -2),
                    id: AccountId(7),
                },
                Account {
                    name: "B".to_owned(),
                    tier: 1,
                    margin: -2500.0,
                    stakeholders: vec![],
                    channel: Channel::FaceToFace,
                    tags: vec!["a".to_owned(), "b".to_owned()],
                    pos: (0, 0),
                    id: AccountId(8),
                },
            ],
        }
    }

    /// Where `needle` first occurs in `src`.
    fn pos_of(src: &str, needle: &str) -> Pos {
        let at = src.find(needle).expect("needle occurs in the source");
        let before = &src[..at];
        let line = before.matches('\n').count() + 1;
        let col = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        Pos {
            line: u32::try_from(line).unwrap(),
            col: u32::try_from(col).unwrap(),
        }
    }

    fn errors_of<T: DeserializeOwned + fmt::Debug>(src: &str) -> Vec<DeError> {
        let node = parse(src).expect("the test document parses");
        from_node::<T>(&node).expect_err("the test document has errors")
    }

    /// Asserts that `errors` are exactly the expected ones, in order: each
    /// given as the text it points at and a part of its message.
    fn assert_errors(src: &str, errors: &[DeError], expected: &[(&str, &str)]) {
        let rendered: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(errors.len(), expected.len(), "errors: {rendered:#?}");
        for (error, (needle, message)) in errors.iter().zip(expected) {
            assert_eq!(
                error.span.start,
                pos_of(src, needle),
                "{error} (at {needle})"
            );
            assert!(
                error.message.contains(message),
                "{error} (wanted {message})"
            );
        }
    }

    fn parse_error(src: &str) -> ParseError {
        parse(src).expect_err("the test document is malformed")
    }

    #[test]
    fn valid_document_matches_ron() {
        let ours: Scenario = from_node(&parse(VALID).unwrap()).unwrap();
        let theirs: Scenario = ron::from_str(VALID).unwrap();
        assert_eq!(ours, theirs);
        assert_eq!(ours, expected_valid());
    }

    #[test]
    fn spans_count_characters() {
        let node = parse("(title: \"高高\", n: 1)").unwrap();
        let NodeKind::Struct { name: None, fields } = node.kind else {
            panic!("not a struct: {node:?}");
        };
        assert_eq!(fields[1].0.span.start, Pos { line: 1, col: 15 });
        assert_eq!(fields[1].1.span.start, Pos { line: 1, col: 18 });
        assert_eq!(fields[0].1.span.end, Pos { line: 1, col: 13 });
        assert_eq!(node.span.end, Pos { line: 1, col: 20 });
    }

    #[test]
    fn options_are_implicit() {
        #[derive(Debug, Deserialize, PartialEq)]
        struct Opts {
            a: Option<i64>,
            b: Option<i64>,
            c: Option<i64>,
            d: Option<i64>,
            s: Option<Style>,
            t: Option<Style>,
            u: Option<Account>,
        }
        let src = r#"(a: 5, b: Some(6), c: None, s: Formal, t: Some(Custom("z")),
            u: Some(name: "n", tier: 1, margin: 0.5, stakeholders: [], pos: (0, 0), id: (1)))"#;
        let opts: Opts = from_node(&parse(src).unwrap()).unwrap();
        assert_eq!(opts.a, Some(5));
        assert_eq!(opts.b, Some(6));
        assert_eq!(opts.c, None);
        assert_eq!(opts.d, None);
        assert_eq!(opts.s, Some(Style::Formal));
        assert_eq!(opts.t, Some(Style::Custom("z".to_owned())));
        assert_eq!(opts.u.map(|u| u.id), Some(AccountId(1)));
    }

    const FOUR_ERRORS: &str = r#"Scenario(
    title: "t",
    description: "d",
    seed: 1,
    weights: {},
    initial: 'x',
    flag: false,
    accounts: [
        (name: "A", tier: 300, margin: 1.0, stakeholders: [], pos: (0, 0), id: AccountId(1)),
        (name: "B", tier: 1, margin: 1.0, stakeholders: [
            (name: "s", style: Rumor),
        ], pos: (0, 0), id: AccountId(2)),
        (name: "C", tier: 1, margin: "高", stakeholders: [], pos: (0, 0), id: AccountId(3)),
    ],
    titel: "oops",
)"#;

    #[test]
    fn reports_every_error_with_its_position() {
        let errors = errors_of::<Scenario>(FOUR_ERRORS);
        assert_errors(
            FOUR_ERRORS,
            &errors,
            &[
                ("300", "value 300 out of range for u8 (0 to 255)"),
                ("Rumor", "unknown variant `Rumor`, did you mean `Rumour`?"),
                (
                    "\"高\"",
                    "expected a number for `margin`, found a string \"高\"",
                ),
                ("titel", "unknown field `titel`, did you mean `title`?"),
            ],
        );
        let paths: Vec<&str> = errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "accounts[0].tier",
                "accounts[1].stakeholders[0].style",
                "accounts[2].margin",
                "titel"
            ]
        );
        assert_eq!(
            errors[0].to_string(),
            "9:27: accounts[0].tier: value 300 out of range for u8 (0 to 255)"
        );
    }

    #[test]
    fn reports_several_errors_in_one_struct() {
        let src = r#"Account(
    name: 55,
    tier: "xx",
    margin: 1.0,
    stakeholders: [
        (name: "a", style: Formal, influence: 999),
        (name: "b", styel: Casual),
    ],
    tags: ["ok", 33],
    pos: (1, 2, 3),
    id: AccountId(-1),
    name: "dup",
)"#;
        let errors = errors_of::<Account>(src);
        assert_errors(
            src,
            &errors,
            &[
                (
                    "55",
                    "expected a string in double quotes for `name`, found the number 55",
                ),
                (
                    "\"xx\"",
                    "expected a whole number for `tier`, found a string \"xx\"",
                ),
                ("999", "value 999 out of range for u8"),
                ("styel", "unknown field `styel`, did you mean `style`?"),
                (
                    "33",
                    "expected a string in double quotes, found the number 33",
                ),
                ("(1, 2, 3)", "expected 2 values for `pos`, found 3"),
                ("-1", "value -1 out of range for u32"),
                (
                    "name: \"dup\"",
                    "duplicate field `name` (first given at 2:5)",
                ),
            ],
        );
        assert_eq!(errors[4].path, "tags[1]");
        assert_eq!(errors[6].path, "id");
    }

    #[test]
    fn suggests_near_names_and_lists_the_others() {
        let src =
            r#"(name: "A", tier: 1, margin: 1.0, staekholders: [], pos: (0, 0), id: AccountId(1))"#;
        let errors = errors_of::<Account>(src);
        // The `stakeholders` the typo was meant to be is not also reported missing.
        assert_errors(
            src,
            &errors,
            &[(
                "staekholders",
                "unknown field `staekholders`, did you mean `stakeholders`?",
            )],
        );

        let src = r#"(name: "s", style: Gossip, zzz: 1)"#;
        let errors = errors_of::<Stakeholder>(src);
        assert_errors(
            src,
            &errors,
            &[
                (
                    "Gossip",
                    "unknown variant `Gossip`, expected one of `Formal`, `Casual`, `Rumour`, `Custom`, `Mixed`",
                ),
                (
                    "zzz",
                    "unknown field `zzz`, expected one of `name`, `style`, `influence`, `note`",
                ),
            ],
        );
    }

    #[test]
    fn reports_missing_fields_at_the_struct() {
        let src = r#"[
    (name: "A", margin: 1.0, stakeholders: [], pos: (0, 0), id: AccountId(1)),
    Acount(name: "B", tier: 300, margin: 1.0, stakeholders: [], pos: (0, 0), id: AccountI(2)),
]"#;
        let errors = errors_of::<Vec<Account>>(src);
        assert_errors(
            src,
            &errors,
            &[
                ("(name: \"A\"", "missing field `tier`"),
                ("Acount", "expected `Account(...)`, found `Acount(...)`"),
                ("300", "value 300 out of range for u8"),
                (
                    "AccountI(2",
                    "expected `AccountId(...)`, found `AccountI(...)`",
                ),
            ],
        );
        assert_eq!(errors[0].path, "[0]");
    }

    #[test]
    fn reports_duplicate_keys() {
        let src = r#"{"a": 1, "质量": 2, "a": 3, "质量": 300}"#;
        let errors = errors_of::<BTreeMap<String, u8>>(src);
        assert_errors(
            src,
            &errors,
            &[
                ("\"a\": 3", "duplicate key \"a\" (first given at 1:2)"),
                (
                    "\"质量\": 300",
                    "duplicate key \"质量\" (first given at 1:10)",
                ),
            ],
        );
        assert_eq!(errors[1].path, "[\"质量\"]");
    }

    #[test]
    fn explains_type_mismatches() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code, reason = "only the errors matter")]
        struct Kinds {
            #[serde(default)]
            text: String,
            #[serde(default)]
            count: u32,
            #[serde(default)]
            style: Option<Style>,
            #[serde(default)]
            flags: Vec<bool>,
        }
        let src = r#"(text: Hello, count: "12", style: "Formal", flags: [true, 1], )"#;
        let errors = errors_of::<Kinds>(src);
        assert_errors(
            src,
            &errors,
            &[
                ("Hello", "(text must be written in double quotes)"),
                (
                    "\"12\"",
                    "expected a whole number for `count`, found a string \"12\" (numbers are written without quotes)",
                ),
                ("\"Formal\"", "(write the name without quotes)"),
                ("1]", "expected `true` or `false`, found the number 1"),
            ],
        );
    }

    #[test]
    fn recursive_types_recover_without_overflow() {
        #[derive(Debug, Deserialize)]
        #[allow(dead_code, reason = "only the errors matter")]
        enum Expr {
            Not(Box<Expr>),
            Leaf(u8),
        }
        let src = "[Bogus, Leaf(1), Not(Leaf(300)), Leaf(\"x\")]";
        let errors = errors_of::<Vec<Expr>>(src);
        assert_errors(
            src,
            &errors,
            &[
                (
                    "Bogus",
                    "unknown variant `Bogus`, expected one of `Not`, `Leaf`",
                ),
                ("300", "out of range for u8"),
                ("\"x\"", "expected a whole number"),
            ],
        );
    }

    #[test]
    fn syntax_errors_say_what_was_expected() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "(title: \"a\" tier: 3)",
                "tier",
                "expected `,` or `)` after field `title`, found `tier` (is a comma missing?)",
            ),
            (
                "(title: \"a\": 3)",
                ": 3",
                "expected `,` or `)` after field `title`, found `:`",
            ),
            ("(a: \"abc", "\"abc", "unterminated string"),
            ("(a: 1) /* x", "/*", "unclosed comment"),
            (
                "() x",
                "x",
                "expected end of file after the value, found `x`",
            ),
            (
                "(\"高高高\" x)",
                "x",
                "expected `,` or `)` after tuple element, found `x`",
            ),
            ("[1, 2", "$", "the `[` at 1:1 is never closed"),
            ("\"a\\qb\"", "\\q", "unknown escape `\\q`"),
            ("(a: 5个)", "5", "invalid number `5个`"),
            (
                "1000000000000000000000000000000000000000000",
                "1",
                "is too large",
            ),
            ("'ab'", "'", "exactly one character"),
            ("(a: )", ")", "expected a value for field `a`, found `)`"),
            (
                "#![enable(implicit_sum)]",
                "implicit_sum",
                "did you mean `implicit_some`?",
            ),
            ("", "$", "the document is empty"),
            ("  // nothing\n", "$", "the document is empty"),
        ];
        // `$` stands for the end of the input.
        for &(src, needle, message) in cases {
            let error = parse_error(src);
            let expected_pos = pos_of(&format!("{src}$"), needle);
            assert_eq!(error.pos, expected_pos, "{src}: {error}");
            assert!(error.message.contains(message), "{src}: {error}");
        }
    }

    #[test]
    fn parses_literals() {
        let cases: &[(&str, NodeKind)] = &[
            ("0x1F", NodeKind::Int(31)),
            ("-0b101", NodeKind::Int(-5)),
            ("0o17", NodeKind::Int(15)),
            ("1_000u32", NodeKind::Int(1000)),
            ("+7", NodeKind::Int(7)),
            ("-2.5e3", NodeKind::Float(-2500.0)),
            ("1.5f32", NodeKind::Float(1.5)),
            ("-inf", NodeKind::Float(f64::NEG_INFINITY)),
            ("'\\u{4e2d}'", NodeKind::Char('中')),
            ("\"\\u4e2d\\x41\\t\"", NodeKind::Str("中A\t".to_owned())),
            ("\"a\\\n    b\"", NodeKind::Str("ab".to_owned())),
            ("r##\"a \"# b\"##", NodeKind::Str("a \"# b".to_owned())),
            ("false", NodeKind::Bool(false)),
            ("()", NodeKind::Unit),
        ];
        for (src, kind) in cases {
            assert_eq!(&parse(src).unwrap().kind, kind, "{src}");
        }
        let NodeKind::Ident(id) = parse("r#true").unwrap().kind else {
            panic!("a raw identifier is a name");
        };
        assert_eq!(id.name, "true");
        assert!(matches!(parse("NaN").unwrap().kind, NodeKind::Float(v) if v.is_nan()));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let error = parse_error(&"[".repeat(100_000));
        assert!(error.message.contains("nested too deeply"), "{error}");
        assert_eq!(error.pos, Pos { line: 1, col: 129 });
        assert!(parse(&format!("{}{}", "Some(".repeat(129), ")".repeat(129))).is_err());

        let deepest = format!("{}{}", "[".repeat(128), "]".repeat(128));
        let node = parse(&deepest).unwrap();
        assert!(from_node::<ron::Value>(&node).is_ok());
        assert!(from_node::<Scenario>(&node).is_err());
    }

    /// A small deterministic pseudo-random number generator.
    fn xorshift(mut state: u64) -> impl FnMut() -> u64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        }
    }

    /// Parses and deserializes `src` in every way the tests use; must not panic.
    fn exercise(src: &str) {
        if let Ok(node) = parse(src) {
            let _ = from_node::<Scenario>(&node);
            let _ = from_node::<ron::Value>(&node);
            let _ = from_node::<Vec<Account>>(&node);
        }
    }

    #[test]
    fn truncated_documents_do_not_panic() {
        for src in [VALID, FOUR_ERRORS] {
            for (i, _) in src.char_indices() {
                exercise(&src[..i]);
            }
        }
    }

    #[test]
    fn garbage_does_not_panic() {
        const TOKENS: &[&str] = &[
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            ",",
            ":",
            "\"",
            "'",
            "\\",
            "/",
            "*",
            "#",
            "!",
            "r#",
            "r\"",
            "Some",
            "None",
            "Account",
            "name",
            "tier",
            "stakeholders",
            "1",
            "-2.5e3",
            "0x1F",
            " ",
            "\n",
            "高",
            "true",
            "inf",
            "\\u{",
            "//",
            "/*",
            "*/",
            "\"s\"",
            "#![enable(implicit_some)]",
            "_",
            "-",
            ".",
            "e",
            "AccountId",
            "Rumour",
        ];
        let mut next = xorshift(0x2545_F491_4F6C_DD1D);
        for _ in 0..2000 {
            let len = usize::try_from(next() % 120).unwrap();
            let bytes: Vec<u8> = (0..len).map(|_| next().to_le_bytes()[0]).collect();
            exercise(&String::from_utf8_lossy(&bytes));

            let soup: String = (0..len)
                .map(|_| TOKENS[usize::try_from(next() % TOKENS.len() as u64).unwrap()])
                .collect();
            exercise(&soup);
        }
    }

    #[test]
    fn mutated_documents_give_consistent_results() {
        const TOKENS: &[&str] = &[
            "(", ")", "[", "]", ",", ":", "\"", "x", "1", "-", "Some", "None", " ", "300", "\"s\"",
            "Rumor", "tier: 2,", "name:",
        ];
        let mut next = xorshift(0x9E37_79B9_7F4A_7C15);
        let mut below = |n: usize| usize::try_from(next() % n as u64).unwrap();
        for _ in 0..2000 {
            let mut chars: Vec<char> = VALID.chars().collect();
            for _ in 0..=below(3) {
                let at = below(chars.len());
                match below(3) {
                    0 => {
                        chars.remove(at);
                    }
                    1 => {
                        let token = TOKENS[below(TOKENS.len())];
                        chars.splice(at..at, token.chars());
                    }
                    _ => {
                        let other = below(chars.len());
                        chars.swap(at, other);
                    }
                }
            }
            let src: String = chars.into_iter().collect();
            let Ok(node) = parse(&src) else {
                continue;
            };
            match from_node::<Scenario>(&node) {
                Ok(ours) => {
                    if let Ok(theirs) = ron::from_str::<Scenario>(&src) {
                        assert_eq!(ours, theirs, "{src}");
                    }
                }
                Err(errors) => {
                    assert!(!errors.is_empty(), "{src}");
                    for pair in errors.windows(2) {
                        assert!(pair[0].span.start <= pair[1].span.start, "{src}");
                    }
                    let distinct: HashSet<_> =
                        errors.iter().map(|e| (e.span, &e.message)).collect();
                    assert_eq!(distinct.len(), errors.len(), "{src}");
                }
            }
        }
    }
}
