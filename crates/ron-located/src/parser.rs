//! The parser: RON text to a located tree, every syntax error with its position.

use crate::kind::{Context, NameKind, ParseErrorKind as K, SeparatorHint, Token, Unknown, Want};
use crate::tree::*;

/// How deeply `(`, `[` and `{` may nest before [`parse`] gives up.
pub(crate) const MAX_DEPTH: usize = 128;

/// The extensions `#![enable(...)]` may name (all of them are accepted and ignored).
pub(crate) const EXTENSIONS: &[&str] = &[
    "implicit_some",
    "unwrap_newtypes",
    "unwrap_variant_newtypes",
    "explicit_struct_names",
];

pub(crate) type ParseResult<T> = Result<T, ParseError>;

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

pub(crate) struct Parser {
    pub(crate) chars: Vec<char>,
    pub(crate) i: usize,
    pub(crate) pos: Pos,
    pub(crate) depth: usize,
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

    fn fail<T>(&self, pos: Pos, kind: K) -> ParseResult<T> {
        Err(ParseError { pos, kind })
    }

    /// Fails at the cursor: `want` was expected, and something else is there.
    fn expected<T>(&self, want: Want) -> ParseResult<T> {
        self.fail(
            self.pos,
            K::Expected {
                want,
                found: self.found(),
            },
        )
    }

    /// The span from `start` to the cursor.
    fn span_from(&self, start: Pos) -> Span {
        Span {
            start,
            end: self.pos,
        }
    }

    /// A node of `kind` from `start` to the cursor.
    fn node_from(&self, start: Pos, kind: NodeKind) -> Node {
        Node {
            span: self.span_from(start),
            kind,
        }
    }

    /// Describes what is at the cursor, for "found ..." in messages.
    fn found(&self) -> Token {
        match self.peek() {
            None => Token::EndOfFile,
            Some('"') => Token::Str,
            Some(c) if is_ident_continue(c) => {
                let word: String = self.chars[self.i..]
                    .iter()
                    .take_while(|&&c| is_ident_continue(c) || c == '.')
                    .take(32)
                    .collect();
                Token::Word(word)
            }
            Some(c) => Token::Char(show_char(c)),
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
                    return self.fail(start, K::UnclosedComment);
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
            return self.fail(self.pos, K::EmptyDocument);
        }
        let node = self.value()?;
        self.skip_ws()?;
        if self.peek().is_some() {
            let extra_bracket = matches!(self.peek(), Some(')' | ']' | '}'));
            return self.fail(
                self.pos,
                K::TrailingContent {
                    found: self.found(),
                    extra_bracket,
                },
            );
        }
        Ok(node)
    }

    /// Skips `#![enable(...)]`, `#![type = "..."]` or `#![schema = "..."]`.
    fn attribute(&mut self) -> ParseResult<()> {
        let start = self.pos;
        self.bump();
        if !(self.eat('!') && self.eat('[')) {
            return self.fail(start, K::NotAnAttribute);
        }
        self.skip_ws()?;
        let at = self.pos;
        match self.ident().map(|(id, _)| id.name).as_deref() {
            Some("enable") => {
                self.skip_ws()?;
                if !self.eat('(') {
                    return self.expected(Want::ParenAfterEnable);
                }
                loop {
                    self.skip_ws()?;
                    if self.eat(')') {
                        break;
                    }
                    let at = self.pos;
                    let Some((ext, _)) = self.ident() else {
                        let found = self.found();
                        return self.fail(
                            at,
                            K::Expected {
                                want: Want::ExtensionName,
                                found,
                            },
                        );
                    };
                    if !EXTENSIONS.contains(&ext.name.as_str()) {
                        let unknown = Unknown::new(NameKind::Extension, &ext.name, EXTENSIONS);
                        return self.fail(at, K::UnknownExtension(unknown));
                    }
                    self.skip_ws()?;
                    if !self.eat(',') && self.peek() != Some(')') {
                        return self.expected(Want::AfterExtension(ext.name));
                    }
                }
            }
            Some(name @ ("type" | "schema")) => {
                self.skip_ws()?;
                if !self.eat('=') {
                    return self.expected(Want::EqualsAfter(name.to_owned()));
                }
                self.skip_ws()?;
                if self.peek() == Some('"') {
                    self.string()?;
                } else if self.at_raw_string() {
                    self.raw_string()?;
                } else {
                    return self.expected(Want::Str);
                }
            }
            _ => {
                return self.fail(at, K::UnknownAttribute);
            }
        }
        self.skip_ws()?;
        if !self.eat(']') {
            return self.expected(Want::CloseAttribute);
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
        let span = self.span_from(start);
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
                None => self.fail(
                    start,
                    K::Expected {
                        want: Want::Value,
                        found: self.found(),
                    },
                ),
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
            return self.fail(pos, K::TooDeep { max: MAX_DEPTH });
        }
        self.depth += 1;
        self.bump();
        Ok(pos)
    }

    fn close(&mut self, start: Pos, kind: NodeKind) -> Node {
        self.depth -= 1;
        self.node_from(start, kind)
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
                Some(n) => Context::InVariant(n.name.clone()),
                None => Context::AfterTupleElement,
            };
            let items = self.items(')', context, open)?;
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
                return self.fail(
                    at,
                    K::Expected {
                        want: Want::FieldName,
                        found,
                    },
                );
            };
            self.skip_ws()?;
            if !self.eat(':') {
                return self.expected(Want::ColonAfterField(key.name));
            }
            self.skip_ws()?;
            if matches!(self.peek(), None | Some(',' | ')')) {
                return self.expected(Want::ValueForField(key.name));
            }
            let value = self.value()?;
            let context = Context::AfterField(key.name.clone());
            fields.push((key, value));
            self.skip_ws()?;
            if self.eat(',') {
                continue;
            }
            if self.eat(')') {
                return Ok(fields);
            }
            return self.missing_separator(')', context, open);
        }
    }

    /// Comma-separated values up to `close`, which is consumed.
    fn items(&mut self, close: char, context: Context, open: Pos) -> ParseResult<Vec<Node>> {
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

    fn missing_separator<T>(&self, close: char, context: Context, open: Pos) -> ParseResult<T> {
        let hint = match self.peek() {
            None => {
                let opening = match close {
                    ')' => '(',
                    ']' => '[',
                    _ => '{',
                };
                Some(SeparatorHint::Unclosed {
                    open: opening,
                    at: open,
                })
            }
            Some(c) if is_ident_continue(c) || "\"'([{+-".contains(c) => {
                Some(SeparatorHint::MissingComma)
            }
            Some(_) => None,
        };
        self.fail(
            self.pos,
            K::MissingSeparator {
                close,
                context,
                found: self.found(),
                hint,
            },
        )
    }

    fn list(&mut self) -> ParseResult<Node> {
        let start = self.pos;
        let open = self.open()?;
        let items = self.items(']', Context::AfterListElement, open)?;
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
                return self.expected(Want::ColonAfterKey);
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
            return self.missing_separator('}', Context::AfterMapEntry, open);
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
                    return self.fail(start, K::UnterminatedString);
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
        Ok(self.node_from(start, NodeKind::Str(text)))
    }

    fn at_line_break(&self) -> bool {
        self.peek() == Some('\n') || (self.peek() == Some('\r') && self.peek_at(1) == Some('\n'))
    }

    /// Decodes the escape sequence after the backslash at `at`.
    fn escape(&mut self, at: Pos) -> ParseResult<char> {
        let c = match self.bump() {
            None => return self.fail(at, K::UnfinishedEscape),
            Some('n') => '\n',
            Some('t') => '\t',
            Some('r') => '\r',
            Some('0') => '\0',
            Some(c @ ('\\' | '"' | '\'')) => c,
            Some('x') => {
                let value = self.hex_digits(at, 2, 2)?;
                match char::from_u32(value).filter(char::is_ascii) {
                    Some(c) => c,
                    None => return self.fail(at, K::HexEscapeTooLarge),
                }
            }
            Some('u') => {
                let value = if self.eat('{') {
                    let value = self.hex_digits(at, 1, 6)?;
                    if !self.eat('}') {
                        return self.fail(at, K::UnclosedUnicodeEscape);
                    }
                    value
                } else {
                    self.hex_digits(at, 4, 4)?
                };
                match char::from_u32(value) {
                    Some(c) => c,
                    None => return self.fail(at, K::InvalidUnicodeEscape),
                }
            }
            Some(c) => {
                return self.fail(at, K::UnknownEscape(show_char(c)));
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
            return self.fail(at, K::NotHexDigits);
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
                None => return self.fail(start, K::UnterminatedRawString { hashes }),
                Some('"') if (0..hashes).all(|k| self.peek_at(k) == Some('#')) => {
                    for _ in 0..hashes {
                        self.bump();
                    }
                    break;
                }
                Some(c) => text.push(c),
            }
        }
        Ok(self.node_from(start, NodeKind::Str(text)))
    }

    fn char_literal(&mut self) -> ParseResult<Node> {
        let start = self.pos;
        self.bump();
        let at = self.pos;
        let c = match self.bump() {
            None => return self.fail(start, K::UnterminatedChar),
            Some('\'') => return self.fail(start, K::EmptyChar),
            Some('\\') => self.escape(at)?,
            Some(c) => c,
        };
        if !self.eat('\'') {
            return self.fail(start, K::CharTooLong);
        }
        Ok(self.node_from(start, NodeKind::Char(c)))
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
            Ok(kind) => Ok(self.node_from(start, kind)),
            Err(NumberError::Invalid) => self.fail(start, K::InvalidNumber(self.text_from(from))),
            Err(NumberError::TooLarge) => self.fail(start, K::NumberTooLarge(self.text_from(from))),
        }
    }
}

pub(crate) enum NumberError {
    Invalid,
    TooLarge,
}

/// Interprets the characters of a number after its sign and radix prefix.
pub(crate) fn number_kind(
    token: &str,
    radix: u32,
    negative: bool,
) -> Result<NodeKind, NumberError> {
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

pub(crate) fn float_kind(body: &str, negative: bool) -> Result<NodeKind, NumberError> {
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

pub(crate) fn special_float(word: &str) -> Option<f64> {
    match word {
        "inf" | "inff32" | "inff64" => Some(f64::INFINITY),
        "NaN" | "NaNf32" | "NaNf64" => Some(f64::NAN),
        _ => None,
    }
}

/// The whitespace characters RON accepts (the same set as `ron`).
pub(crate) fn is_whitespace(c: char) -> bool {
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
pub(crate) fn show_char(c: char) -> String {
    if c.is_control() || c.is_whitespace() {
        c.escape_debug().to_string()
    } else {
        c.to_string()
    }
}

pub(crate) fn is_ident_start(c: char) -> bool {
    c == '_' || c.is_alphabetic()
}

pub(crate) fn is_ident_continue(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

pub(crate) fn is_raw_ident_char(c: char) -> bool {
    is_ident_continue(c) || matches!(c, '.' | '+' | '-')
}
