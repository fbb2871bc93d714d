//! What can be wrong in a RON document, as data rather than sentences.
//!
//! The parser's and the deserializer's errors carry one of these kinds with the values it is
//! about (the name that was not known, the closest known one, what was expected and what was
//! found). `Display` says a kind in English, in the wording this crate has always used; a
//! caller that speaks another language matches on the kind and says it in its own words
//! (kam-sim does, for Chinese). The crate itself knows no languages: it is a generic reader,
//! and a list of languages here would tie it to one application's.

use std::fmt;

use serde::de;

use crate::tree::Pos;

/// What the parser found where it expected something else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token {
    /// The end of the text.
    EndOfFile,
    /// A string literal.
    Str,
    /// A word (identifier or number), shortened to 32 characters.
    Word(String),
    /// Any other character, control and whitespace characters escaped.
    Char(String),
}

impl fmt::Display for Token {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Token::EndOfFile => f.write_str("end of file"),
            Token::Str => f.write_str("a string"),
            Token::Word(w) | Token::Char(w) => write!(f, "`{w}`"),
        }
    }
}

/// What the parser expected, in [`ParseErrorKind::Expected`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Want {
    /// `(` after `enable` in an attribute.
    ParenAfterEnable,
    /// The name of a RON extension.
    ExtensionName,
    /// `,` or `)` after the named extension.
    AfterExtension(String),
    /// `=` after `type` or `schema` in an attribute.
    EqualsAfter(String),
    /// A string.
    Str,
    /// `]` closing an attribute.
    CloseAttribute,
    /// Any value.
    Value,
    /// A field name or `)`.
    FieldName,
    /// `:` after the named field.
    ColonAfterField(String),
    /// A value for the named field.
    ValueForField(String),
    /// `:` after a map key.
    ColonAfterKey,
}

impl fmt::Display for Want {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Want::ParenAfterEnable => f.write_str("`(` after `enable`"),
            Want::ExtensionName => f.write_str("an extension name"),
            Want::AfterExtension(name) => write!(f, "`,` or `)` after extension `{name}`"),
            Want::EqualsAfter(name) => write!(f, "`=` after `{name}`"),
            Want::Str => f.write_str("a string"),
            Want::CloseAttribute => f.write_str("`]` to close the attribute"),
            Want::Value => f.write_str("a value"),
            Want::FieldName => f.write_str("a field name or `)`"),
            Want::ColonAfterField(name) => write!(f, "`:` after field name `{name}`"),
            Want::ValueForField(name) => write!(f, "a value for field `{name}`"),
            Want::ColonAfterKey => f.write_str("`:` after map key"),
        }
    }
}

/// Where a separator was missing, in [`ParseErrorKind::MissingSeparator`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Context {
    /// Inside `Name(...)`.
    InVariant(String),
    /// After an element of an unnamed tuple.
    AfterTupleElement,
    /// After the value of the named field.
    AfterField(String),
    /// After a list element.
    AfterListElement,
    /// After a map entry.
    AfterMapEntry,
}

impl fmt::Display for Context {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Context::InVariant(name) => write!(f, "in `{name}(...)`"),
            Context::AfterTupleElement => f.write_str("after tuple element"),
            Context::AfterField(name) => write!(f, "after field `{name}`"),
            Context::AfterListElement => f.write_str("after list element"),
            Context::AfterMapEntry => f.write_str("after map entry"),
        }
    }
}

/// Why a separator may be missing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SeparatorHint {
    /// The text ended: the bracket `open` at `at` is never closed.
    Unclosed { open: char, at: Pos },
    /// The next thing starts a value: probably a comma is missing.
    MissingComma,
}

/// A syntax error's kind, with its values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseErrorKind {
    /// `/*` without `*/`.
    UnclosedComment,
    /// Nothing but whitespace and comments.
    EmptyDocument,
    /// Something after the value; `extra_bracket` when it is a closing bracket.
    TrailingContent { found: Token, extra_bracket: bool },
    /// `#` not starting `#![...]`.
    NotAnAttribute,
    /// `#![name...]` with a name other than `enable`, `type` or `schema`.
    UnknownAttribute,
    /// An extension name RON does not have.
    UnknownExtension(Unknown),
    /// `want` was expected where `found` is.
    Expected { want: Want, found: Token },
    /// No `,` or `close` between two things.
    MissingSeparator {
        close: char,
        context: Context,
        found: Token,
        hint: Option<SeparatorHint>,
    },
    /// More than `max` levels of brackets.
    TooDeep { max: usize },
    /// A string without its closing quote.
    UnterminatedString,
    /// A backslash at the end of the text.
    UnfinishedEscape,
    /// `\x` above `\x7F`.
    HexEscapeTooLarge,
    /// `\u{...` without `}`.
    UnclosedUnicodeEscape,
    /// `\u` naming no character.
    InvalidUnicodeEscape,
    /// A backslash before the shown character.
    UnknownEscape(String),
    /// `\x` or `\u` without enough hexadecimal digits.
    NotHexDigits,
    /// A raw string with `hashes` `#` whose end is missing.
    UnterminatedRawString { hashes: usize },
    /// `'` without its closing `'`.
    UnterminatedChar,
    /// `''`.
    EmptyChar,
    /// More than one character between single quotes.
    CharTooLong,
    /// The text of a malformed number.
    InvalidNumber(String),
    /// The text of a number too large for 128 bits.
    NumberTooLarge(String),
}

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseErrorKind::UnclosedComment => {
                f.write_str("unclosed comment: this `/*` has no matching `*/`")
            }
            ParseErrorKind::EmptyDocument => f.write_str("the document is empty: expected a value"),
            ParseErrorKind::TrailingContent {
                found,
                extra_bracket,
            } => {
                write!(f, "expected end of file after the value, found {found}")?;
                if *extra_bracket {
                    f.write_str(" (is there an extra closing bracket?)")?;
                }
                Ok(())
            }
            ParseErrorKind::NotAnAttribute => {
                f.write_str("expected an attribute like `#![enable(implicit_some)]`")
            }
            ParseErrorKind::UnknownAttribute => {
                f.write_str("unknown attribute: expected `enable(...)`")
            }
            ParseErrorKind::UnknownExtension(unknown) => unknown.fmt(f),
            ParseErrorKind::Expected { want, found } => write!(f, "expected {want}, found {found}"),
            ParseErrorKind::MissingSeparator {
                close,
                context,
                found,
                hint,
            } => {
                write!(f, "expected `,` or `{close}` {context}, found {found}")?;
                match hint {
                    Some(SeparatorHint::Unclosed { open, at }) => {
                        write!(f, " (the `{open}` at {at} is never closed)")
                    }
                    Some(SeparatorHint::MissingComma) => f.write_str(" (is a comma missing?)"),
                    None => Ok(()),
                }
            }
            ParseErrorKind::TooDeep { max } => {
                write!(f, "nested too deeply (more than {max} levels of brackets)")
            }
            ParseErrorKind::UnterminatedString => {
                f.write_str("unterminated string: the closing `\"` is missing")
            }
            ParseErrorKind::UnfinishedEscape => {
                f.write_str("unfinished escape sequence at end of file")
            }
            ParseErrorKind::HexEscapeTooLarge => f.write_str(
                "`\\x` escapes must be below `\\x80`; use `\\u{...}` for other characters",
            ),
            ParseErrorKind::UnclosedUnicodeEscape => {
                f.write_str("expected `}` to end the `\\u{...}` escape")
            }
            ParseErrorKind::InvalidUnicodeEscape => {
                f.write_str("invalid `\\u` escape: not a valid character")
            }
            ParseErrorKind::UnknownEscape(c) => write!(f, "unknown escape `\\{c}`"),
            ParseErrorKind::NotHexDigits => {
                f.write_str("invalid escape: expected hexadecimal digits")
            }
            ParseErrorKind::UnterminatedRawString { hashes } => write!(
                f,
                "unterminated raw string: the closing `\"{}` is missing",
                "#".repeat(*hashes)
            ),
            ParseErrorKind::UnterminatedChar => f.write_str("unterminated character literal"),
            ParseErrorKind::EmptyChar => f.write_str("empty character literal `''`"),
            ParseErrorKind::CharTooLong => f.write_str(
                "a character literal holds exactly one character, like 'x'; use double quotes for text",
            ),
            ParseErrorKind::InvalidNumber(text) => write!(f, "invalid number `{text}`"),
            ParseErrorKind::NumberTooLarge(text) => write!(f, "number `{text}` is too large"),
        }
    }
}

/// What kind of name was not known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameKind {
    Field,
    Variant,
    Extension,
}

impl NameKind {
    fn word(self) -> &'static str {
        match self {
            NameKind::Field => "field",
            NameKind::Variant => "variant",
            NameKind::Extension => "extension",
        }
    }
}

/// An unknown name: "unknown field `x`, did you mean `y`?", or the names allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unknown {
    pub what: NameKind,
    pub name: String,
    /// The allowed name closest to `name`, if it is close enough to be a typo.
    pub suggestion: Option<String>,
    /// Every allowed name.
    pub expected: Vec<String>,
}

impl Unknown {
    /// An unknown `name` where `expected` are allowed, with the closest as a suggestion.
    pub fn new(what: NameKind, name: &str, expected: &[&str]) -> Unknown {
        Unknown {
            what,
            name: name.to_owned(),
            suggestion: crate::suggest(name, expected).map(str::to_owned),
            expected: expected.iter().map(|&s| s.to_owned()).collect(),
        }
    }
}

impl fmt::Display for Unknown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (what, name) = (self.what.word(), &self.name);
        if let Some(suggestion) = &self.suggestion {
            write!(f, "unknown {what} `{name}`, did you mean `{suggestion}`?")
        } else if self.expected.is_empty() {
            write!(f, "unknown {what} `{name}` (none are allowed here)")
        } else {
            write!(
                f,
                "unknown {what} `{name}`, expected {}",
                OneOf(&self.expected)
            )
        }
    }
}

/// How many names "one of `a`, `b`, ..." shows before the ellipsis.
pub const ONE_OF_SHOWN: usize = 12;

/// "`a`" or "one of `a`, `b`, `c`" (at most [`ONE_OF_SHOWN`], then ", ...").
pub struct OneOf<'a>(pub &'a [String]);

impl fmt::Display for OneOf<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            [] => f.write_str("nothing"),
            [only] => write!(f, "`{only}`"),
            names => {
                let shown: Vec<String> = names
                    .iter()
                    .take(ONE_OF_SHOWN)
                    .map(|n| format!("`{n}`"))
                    .collect();
                let more = if names.len() > ONE_OF_SHOWN {
                    ", ..."
                } else {
                    ""
                };
                write!(f, "one of {}{more}", shown.join(", "))
            }
        }
    }
}

/// What the deserializer expected, in [`DeErrorKind::Mismatch`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    Bool,
    WholeNumber,
    Number,
    Char,
    Str,
    QuotedStr,
    Unit,
    /// The unit struct of this name.
    UnitStruct(String),
    List,
    /// A tuple of this many values.
    Tuple(usize),
    /// The named tuple struct with this many values.
    TupleStruct {
        name: String,
        len: usize,
    },
    Map,
    /// The named struct.
    Struct(String),
    /// One of these variant names.
    OneOf(Vec<String>),
    /// A field or variant name.
    Name,
}

impl fmt::Display for Expected {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Expected::Bool => f.write_str("`true` or `false`"),
            Expected::WholeNumber => f.write_str("a whole number"),
            Expected::Number => f.write_str("a number"),
            Expected::Char => f.write_str("a single character in single quotes, like 'x'"),
            Expected::Str => f.write_str("a string"),
            Expected::QuotedStr => f.write_str("a string in double quotes"),
            Expected::Unit => f.write_str("`()`"),
            Expected::UnitStruct(name) => write!(f, "`{name}`"),
            Expected::List => f.write_str("a list `[...]`"),
            Expected::Tuple(len) => write!(f, "{len} values in parentheses `(a, b, ...)`"),
            Expected::TupleStruct { name, len } => write!(f, "`{name}(...)` with {len} values"),
            Expected::Map => f.write_str("a map `{key: value, ...}`"),
            Expected::Struct(name) => write!(f, "a `{name}` written as `(field: value, ...)`"),
            Expected::OneOf(names) => OneOf(names).fmt(f),
            Expected::Name => f.write_str("a name"),
        }
    }
}

/// What the deserializer found instead: a value as written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    Unit,
    Bool(bool),
    /// An integer or float, as Rust prints it.
    Number(String),
    /// A string's first 40 characters; `cut` when there were more.
    Str {
        text: String,
        cut: bool,
    },
    Char(char),
    List,
    Map,
    Tuple,
    Struct,
    /// `Name(...)`.
    Named(String),
    /// A bare name.
    Ident(String),
}

impl fmt::Display for Found {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Found::Unit => f.write_str("`()`"),
            Found::Bool(b) => write!(f, "`{b}`"),
            Found::Number(n) => write!(f, "the number {n}"),
            Found::Str { text, cut } => {
                let more = if *cut { "…" } else { "" };
                write!(f, "a string \"{}{more}\"", text.escape_debug())
            }
            Found::Char(c) => write!(f, "the character {c:?}"),
            Found::List => f.write_str("a list `[...]`"),
            Found::Map => f.write_str("a map `{...}`"),
            Found::Tuple => f.write_str("a tuple `(...)`"),
            Found::Struct => f.write_str("a struct `(...)`"),
            Found::Named(name) => write!(f, "`{name}(...)`"),
            Found::Ident(name) => write!(f, "the name `{name}`"),
        }
    }
}

/// A hint after a mismatch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// A number was written in quotes.
    NumberInQuotes,
    /// Text was written without quotes.
    TextWithoutQuotes,
    /// A variant name was written in quotes.
    NameInQuotes,
}

impl fmt::Display for Hint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Hint::NumberInQuotes => "numbers are written without quotes",
            Hint::TextWithoutQuotes => "text must be written in double quotes",
            Hint::NameInQuotes => "write the name without quotes",
        })
    }
}

/// `serde`'s description of an unexpected value ([`serde::de::Unexpected`]), owned.
#[derive(Debug, Clone, PartialEq)]
pub enum Unexpected {
    Bool(bool),
    Unsigned(u64),
    Signed(i64),
    Float(f64),
    Char(char),
    Str(String),
    Bytes,
    Unit,
    Option,
    NewtypeStruct,
    Seq,
    Map,
    Enum,
    UnitVariant,
    NewtypeVariant,
    TupleVariant,
    StructVariant,
    Other(String),
}

impl From<de::Unexpected<'_>> for Unexpected {
    fn from(u: de::Unexpected<'_>) -> Self {
        use de::Unexpected as U;
        match u {
            U::Bool(b) => Unexpected::Bool(b),
            U::Unsigned(v) => Unexpected::Unsigned(v),
            U::Signed(v) => Unexpected::Signed(v),
            U::Float(v) => Unexpected::Float(v),
            U::Char(c) => Unexpected::Char(c),
            U::Str(s) => Unexpected::Str(s.to_owned()),
            U::Bytes(_) => Unexpected::Bytes,
            U::Unit => Unexpected::Unit,
            U::Option => Unexpected::Option,
            U::NewtypeStruct => Unexpected::NewtypeStruct,
            U::Seq => Unexpected::Seq,
            U::Map => Unexpected::Map,
            U::Enum => Unexpected::Enum,
            U::UnitVariant => Unexpected::UnitVariant,
            U::NewtypeVariant => Unexpected::NewtypeVariant,
            U::TupleVariant => Unexpected::TupleVariant,
            U::StructVariant => Unexpected::StructVariant,
            U::Other(s) => Unexpected::Other(s.to_owned()),
        }
    }
}

impl fmt::Display for Unexpected {
    /// In `serde`'s own words.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use de::Unexpected as U;
        let u = match self {
            Unexpected::Bool(b) => U::Bool(*b),
            Unexpected::Unsigned(v) => U::Unsigned(*v),
            Unexpected::Signed(v) => U::Signed(*v),
            Unexpected::Float(v) => U::Float(*v),
            Unexpected::Char(c) => U::Char(*c),
            Unexpected::Str(s) => U::Str(s),
            Unexpected::Bytes => U::Bytes(&[]),
            Unexpected::Unit => U::Unit,
            Unexpected::Option => U::Option,
            Unexpected::NewtypeStruct => U::NewtypeStruct,
            Unexpected::Seq => U::Seq,
            Unexpected::Map => U::Map,
            Unexpected::Enum => U::Enum,
            Unexpected::UnitVariant => U::UnitVariant,
            Unexpected::NewtypeVariant => U::NewtypeVariant,
            Unexpected::TupleVariant => U::TupleVariant,
            Unexpected::StructVariant => U::StructVariant,
            Unexpected::Other(s) => U::Other(s),
        };
        fmt::Display::fmt(&u, f)
    }
}

/// A deserialization error's kind, with its values.
#[derive(Debug, Clone, PartialEq)]
pub enum DeErrorKind {
    /// An unknown field or variant name.
    Unknown(Unknown),
    /// A required field is not given.
    MissingField(String),
    /// A field given twice; `first` is where it was first given, when known.
    DuplicateField { name: String, first: Option<Pos> },
    /// A map key given twice (the key as written, shortened).
    DuplicateKey { key: String, first: Pos },
    /// A value of the wrong kind, for the named field if it is one.
    Mismatch {
        expected: Expected,
        field: Option<String>,
        found: Found,
        hint: Option<Hint>,
    },
    /// `Found(...)` where `Expected(...)` is wanted.
    WrongName { expected: String, found: String },
    /// The wrong number of values, for the named field if it is one.
    WrongCount {
        expected: usize,
        field: Option<String>,
        found: usize,
    },
    /// An integer outside its type's range (`ty` is the Rust type, like `u8`).
    OutOfRange {
        value: i128,
        ty: String,
        min: String,
        max: String,
    },
    /// A unit variant written with values.
    TakesNoValues(String),
    /// A newtype variant written without its value.
    NeedsValue(String),
    /// A tuple variant written without its values.
    NeedsValues { name: String, len: usize },
    /// A struct variant written without its fields.
    NeedsFields(String),
    /// `serde`'s "invalid type": `expected` is its description of the type.
    InvalidType { found: Unexpected, expected: String },
    /// `serde`'s "invalid value".
    InvalidValue { found: Unexpected, expected: String },
    /// `serde`'s "invalid length".
    InvalidLength { len: usize, expected: String },
    /// More errors than [`crate::from_node`] looks for.
    TooManyErrors,
    /// A message from the type being read (`serde::de::Error::custom`).
    Custom(String),
}

impl fmt::Display for DeErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let for_field = |field: &Option<String>| {
            field
                .as_ref()
                .map(|name| format!(" for `{name}`"))
                .unwrap_or_default()
        };
        match self {
            DeErrorKind::Unknown(unknown) => unknown.fmt(f),
            DeErrorKind::MissingField(name) => write!(f, "missing field `{name}`"),
            DeErrorKind::DuplicateField { name, first: None } => {
                write!(f, "duplicate field `{name}`")
            }
            DeErrorKind::DuplicateField {
                name,
                first: Some(first),
            } => write!(f, "duplicate field `{name}` (first given at {first})"),
            DeErrorKind::DuplicateKey { key, first } => {
                write!(f, "duplicate key {key} (first given at {first})")
            }
            DeErrorKind::Mismatch {
                expected,
                field,
                found,
                hint,
            } => {
                write!(f, "expected {expected}{}, found {found}", for_field(field))?;
                match hint {
                    Some(hint) => write!(f, " ({hint})"),
                    None => Ok(()),
                }
            }
            DeErrorKind::WrongName { expected, found } => {
                write!(f, "expected `{expected}(...)`, found `{found}(...)`")
            }
            DeErrorKind::WrongCount {
                expected,
                field,
                found,
            } => {
                let s = if *expected == 1 { "" } else { "s" };
                write!(
                    f,
                    "expected {expected} value{s}{}, found {found}",
                    for_field(field)
                )
            }
            DeErrorKind::OutOfRange {
                value,
                ty,
                min,
                max,
            } => write!(f, "value {value} out of range for {ty} ({min} to {max})"),
            DeErrorKind::TakesNoValues(name) => {
                write!(f, "`{name}` takes no values; write just `{name}`")
            }
            DeErrorKind::NeedsValue(name) => {
                write!(f, "`{name}` needs a value, like `{name}(...)`")
            }
            DeErrorKind::NeedsValues { name, len } => write!(
                f,
                "`{name}` needs {len} values in parentheses, like `{name}(a, b)`"
            ),
            DeErrorKind::NeedsFields(name) => write!(
                f,
                "`{name}` needs named fields, like `{name}(field: value, ...)`"
            ),
            DeErrorKind::InvalidType { found, expected } => {
                write!(f, "expected {expected}, found {found}")
            }
            DeErrorKind::InvalidValue { found, expected } => {
                write!(f, "invalid value: {found}, expected {expected}")
            }
            DeErrorKind::InvalidLength { len, expected } => {
                write!(f, "expected {expected}, found {len} values")
            }
            DeErrorKind::TooManyErrors => {
                f.write_str("too many errors: only the first ones are listed")
            }
            DeErrorKind::Custom(message) => f.write_str(message),
        }
    }
}
