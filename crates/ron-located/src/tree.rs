//! The located tree: every value, field name and variant name with its span.

use std::fmt;

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
    /// What is wrong there: what was expected and what was found.
    pub kind: crate::kind::ParseErrorKind,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.pos, self.kind)
    }
}

impl std::error::Error for ParseError {}
