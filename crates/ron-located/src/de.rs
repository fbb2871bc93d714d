//! The serde deserializer over the tree: every error located, all of them found in one run.

use std::collections::HashSet;
use std::fmt::{self, Write as _};
use std::rc::Rc;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, EnumAccess, MapAccess, SeqAccess,
    VariantAccess, Visitor,
};

use crate::kind::{DeErrorKind, Expected, Found, Hint, NameKind, Unknown};
use crate::placeholder::*;
use crate::suggest::*;
use crate::tree::*;

/// A problem found while deserializing: where, on which path, and what.
#[derive(Debug, Clone, PartialEq)]
pub struct DeError {
    /// The offending value, field name or variant name.
    pub span: Span,
    /// Where in the data it is, like `accounts[2].stakeholders[0].style`;
    /// empty for the top-level value.
    pub path: String,
    /// What is wrong, with the values it is about; its `Display` says it in English.
    pub kind: DeErrorKind,
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}: {}", self.span.start, self.kind)
        } else {
            write!(f, "{}: {}: {}", self.span.start, self.path, self.kind)
        }
    }
}

impl std::error::Error for DeError {}

/// How many times [`from_node`] retries after patching around an error.
pub(crate) const MAX_PASSES: usize = 200;

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
                kind: DeErrorKind::TooManyErrors,
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
        if genuine && !repeated && seen.insert((loc.span, error.kind.to_string())) {
            errors.push(DeError {
                span: loc.span,
                path: loc.path,
                kind: *error.kind,
            });
        }
        let progressed = (genuine && overlay.apply(loc.fix)) || overlay.drop_element(node, target);
        if !progressed {
            break;
        }
    }
    errors.sort_by_cached_key(|e| (e.span.start, e.path.clone(), e.kind.to_string()));
    Err(errors)
}

/// The address of a node, identifying it within one tree.
pub(crate) fn id(node: &Node) -> usize {
    std::ptr::from_ref(node).addr()
}

/// Changes [`from_node`] makes to its view of the tree between attempts.
#[derive(Default)]
pub(crate) struct Overlay {
    /// List elements, struct field values and map entry values to skip.
    pub(crate) removed: HashSet<usize>,
    /// Nodes to read as placeholder values.
    pub(crate) poisoned: HashSet<usize>,
    /// Nodes whose (wrong) struct name is to be ignored.
    pub(crate) unnamed: HashSet<usize>,
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
pub(crate) fn find_chain(
    node: &Node,
    in_list: bool,
    target: usize,
    chain: &mut Vec<(usize, bool)>,
) -> bool {
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
pub(crate) enum Fix {
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
pub(crate) struct Loc {
    pub(crate) span: Span,
    pub(crate) path: String,
    pub(crate) fix: Fix,
}

/// The error type of the deserializers here. Errors made by `serde` (like
/// "missing field") start without a location; the innermost node they pass
/// through on the way out supplies it.
#[derive(Debug)]
pub(crate) struct Error {
    /// Boxed: the kind is large, and this travels through every `Result` of the deserializer.
    pub(crate) kind: Box<DeErrorKind>,
    pub(crate) loc: Option<Loc>,
    /// The field, for "missing field" errors.
    pub(crate) missing: Option<&'static str>,
    /// For unknown-field errors with a suggestion: the struct node and the suggested field.
    pub(crate) typo_of: Option<(usize, &'static str)>,
}

impl Error {
    pub(crate) fn new(kind: DeErrorKind) -> Self {
        Error {
            kind: Box::new(kind),
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
        self.kind.fmt(f)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error::new(DeErrorKind::Custom(msg.to_string()))
    }

    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error::new(DeErrorKind::InvalidType {
            found: unexp.into(),
            expected: exp.to_string(),
        })
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Error::new(DeErrorKind::InvalidValue {
            found: unexp.into(),
            expected: exp.to_string(),
        })
    }

    fn invalid_length(len: usize, exp: &dyn de::Expected) -> Self {
        Error::new(DeErrorKind::InvalidLength {
            len,
            expected: exp.to_string(),
        })
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Error::new(DeErrorKind::Unknown(Unknown::new(
            NameKind::Variant,
            variant,
            expected,
        )))
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Error::new(DeErrorKind::Unknown(Unknown::new(
            NameKind::Field,
            field,
            expected,
        )))
    }

    fn missing_field(field: &'static str) -> Self {
        let mut error = Error::new(DeErrorKind::MissingField(field.to_owned()));
        error.missing = Some(field);
        error
    }

    fn duplicate_field(field: &'static str) -> Self {
        Error::new(DeErrorKind::DuplicateField {
            name: field.to_owned(),
            first: None,
        })
    }
}

/// A path like `accounts[2].style`, shared between nodes as a linked list.
#[derive(Clone, Default)]
pub(crate) struct Path<'a>(pub(crate) Option<Rc<Link<'a>>>);

pub(crate) struct Link<'a> {
    pub(crate) parent: Path<'a>,
    pub(crate) seg: Seg<'a>,
}

#[derive(Clone, Copy)]
pub(crate) enum Seg<'a> {
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

pub(crate) fn key_text(key: &Node) -> String {
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
pub(crate) fn same_key(a: &Node, b: &Node) -> bool {
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
pub(crate) fn describe(node: &Node) -> Found {
    match &node.kind {
        NodeKind::Unit => Found::Unit,
        NodeKind::Bool(b) => Found::Bool(*b),
        NodeKind::Int(v) => Found::Number(v.to_string()),
        NodeKind::Float(v) => Found::Number(v.to_string()),
        NodeKind::Str(s) => {
            let text: String = s.chars().take(40).collect();
            let cut = text.len() < s.len();
            Found::Str { text, cut }
        }
        NodeKind::Char(c) => Found::Char(*c),
        NodeKind::List(_) => Found::List,
        NodeKind::Map(_) => Found::Map,
        NodeKind::Tuple { name: None, .. } => Found::Tuple,
        NodeKind::Struct { name: None, .. } => Found::Struct,
        NodeKind::Tuple { name: Some(n), .. } | NodeKind::Struct { name: Some(n), .. } => {
            Found::Named(n.name.clone())
        }
        NodeKind::Ident(id) => Found::Ident(id.name.clone()),
    }
}

pub(crate) fn single(items: &[Node]) -> Option<&Node> {
    match items {
        [item] => Some(item),
        _ => None,
    }
}

/// The deserializer over one node of the tree.
#[derive(Clone)]
pub(crate) struct NodeDe<'a> {
    pub(crate) node: &'a Node,
    pub(crate) path: Path<'a>,
    pub(crate) overlay: &'a Overlay,
    /// Read a `Name(...)` as if it had no name (used after unwrapping `Some`
    /// or a newtype variant).
    pub(crate) anon: bool,
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

    fn error(&self, kind: DeErrorKind) -> Error {
        self.locate(Error::new(kind))
    }

    /// The field this value is for, if it is a field's value.
    fn field(&self) -> Option<String> {
        self.path.last_field().map(str::to_owned)
    }

    /// "expected {expected} for `field`, found {what is there}".
    fn mismatch(&self, expected: Expected, hint: Option<Hint>) -> Error {
        self.error(DeErrorKind::Mismatch {
            expected,
            field: self.field(),
            found: describe(self.node),
            hint,
        })
    }

    /// A hint for a number written in quotes.
    fn quoted_number_hint(&self) -> Option<Hint> {
        match &self.node.kind {
            NodeKind::Str(s) if s.trim().parse::<f64>().is_ok() => Some(Hint::NumberInQuotes),
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
        let kind = DeErrorKind::WrongName {
            expected: expected.to_owned(),
            found: found.name.clone(),
        };
        Error::new(kind).or_at(found.span, &self.path, Fix::Unname(id(self.node)))
    }

    fn check_len(&self, items: &[Node], len: usize) -> Result<(), Error> {
        let found = items.iter().filter(|n| !self.removed(n)).count();
        if found == len {
            return Ok(());
        }
        Err(self.error(DeErrorKind::WrongCount {
            expected: len,
            field: self.field(),
            found,
        }))
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
                self.error(DeErrorKind::OutOfRange {
                    value: v,
                    ty: ty.to_owned(),
                    min: min.to_string(),
                    max: max.to_string(),
                })
            }),
            _ => Err(self.mismatch(Expected::WholeNumber, self.quoted_number_hint())),
        }
    }

    fn float(&self) -> Result<f64, Error> {
        match self.node.kind {
            // Precision loss only beyond 2^53, far outside any sensible scenario value.
            NodeKind::Int(v) => Ok(v as f64),
            NodeKind::Float(v) => Ok(v),
            _ => Err(self.mismatch(Expected::Number, self.quoted_number_hint())),
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
            _ => Err(self.mismatch(Expected::Bool, None)),
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
            _ => Err(self.mismatch(Expected::Char, None)),
        }
    }

    fn string<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Str(s) => visitor.visit_borrowed_str(s),
            NodeKind::Ident(_) => Err(self.mismatch(Expected::Str, Some(Hint::TextWithoutQuotes))),
            _ => Err(self.mismatch(Expected::QuotedStr, None)),
        }
    }

    fn bytes<V: Visitor<'a>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::Str(s) => visitor.visit_borrowed_bytes(s.as_bytes()),
            NodeKind::List(items) => visitor.visit_seq(self.items(items)),
            _ => Err(self.mismatch(Expected::Str, None)),
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
            _ => Err(self.mismatch(Expected::Unit, None)),
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
            _ => Err(self.mismatch(Expected::UnitStruct(name.to_owned()), None)),
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
            _ => Err(self.mismatch(Expected::List, None)),
        }
    }

    fn tuple<V: Visitor<'a>>(self, len: usize, visitor: V) -> Result<V::Value, Error> {
        match &self.node.kind {
            NodeKind::List(items) | NodeKind::Tuple { items, .. } if self.name().is_none() => {
                self.check_len(items, len)?;
                visitor.visit_seq(self.items(items))
            }
            NodeKind::Unit if len == 0 => visitor.visit_seq(self.items(&[])),
            _ => Err(self.mismatch(Expected::Tuple(len), None)),
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
            _ => Err(self.mismatch(
                Expected::TupleStruct {
                    name: name.to_owned(),
                    len,
                },
                None,
            )),
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
            _ => Err(self.mismatch(Expected::Map, None)),
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
            _ => Err(self.mismatch(Expected::Struct(name.to_owned()), None)),
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
                return Err(self.mismatch(one_of(variants), Some(Hint::NameInQuotes)));
            }
            _ => return Err(self.mismatch(one_of(variants), None)),
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
            _ => Err(self.mismatch(Expected::Name, None)),
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
pub(crate) struct Items<'a> {
    pub(crate) de: NodeDe<'a>,
    pub(crate) items: &'a [Node],
    pub(crate) next: usize,
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
pub(crate) struct Fields<'a> {
    pub(crate) de: NodeDe<'a>,
    pub(crate) fields: &'a [(Ident, Node)],
    pub(crate) next: usize,
    pub(crate) expected: Option<&'static [&'static str]>,
    pub(crate) current: Option<&'a (Ident, Node)>,
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
                let mut error = Error::new(DeErrorKind::Unknown(Unknown::new(
                    NameKind::Field,
                    &key.name,
                    expected,
                )));
                error.typo_of = suggest(&key.name, expected).map(|s| (id(self.de.node), s));
                return Err(error.or_at(key.span, &path, fix));
            }
            if let Some((first, _)) = earlier
                .iter()
                .find(|(k, v)| k.name == key.name && !self.de.removed(v))
            {
                let kind = DeErrorKind::DuplicateField {
                    name: key.name.clone(),
                    first: Some(first.span.start),
                };
                return Err(Error::new(kind).or_at(key.span, &path, fix));
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
        let (key, value) = self.current.take().ok_or_else(|| {
            Error::new(DeErrorKind::Custom(
                "a field value was requested before its name".to_owned(),
            ))
        })?;
        self.de.child(value, Seg::Field(&key.name)).read(seed)
    }
}

/// The entries of a map, skipping removed ones.
pub(crate) struct Entries<'a> {
    pub(crate) de: NodeDe<'a>,
    pub(crate) entries: &'a [(Node, Node)],
    pub(crate) next: usize,
    pub(crate) current: Option<&'a (Node, Node)>,
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
                let kind = DeErrorKind::DuplicateKey {
                    key: key_text(key),
                    first: first.span.start,
                };
                let path = self.de.path.push(Seg::Key(key));
                return Err(Error::new(kind).or_at(key.span, &path, Fix::Remove(id(value))));
            }
            self.current = Some(entry);
            return self.de.child(key, Seg::Key(key)).read(seed).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<S: DeserializeSeed<'a>>(&mut self, seed: S) -> Result<S::Value, Error> {
        let (key, value) = self.current.take().ok_or_else(|| {
            Error::new(DeErrorKind::Custom(
                "a map value was requested before its key".to_owned(),
            ))
        })?;
        self.de.child(value, Seg::Key(key)).read(seed)
    }
}

/// A field or variant name, handed to serde's identifier visitors.
pub(crate) struct NameDe<'a> {
    pub(crate) ident: &'a Ident,
    pub(crate) path: Path<'a>,
    pub(crate) fix: Fix,
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
pub(crate) enum Content<'a> {
    Unit,
    Tuple(&'a [Node]),
    Struct(&'a [(Ident, Node)]),
}

pub(crate) struct Enum<'a> {
    pub(crate) de: NodeDe<'a>,
    pub(crate) variant: &'a Ident,
    pub(crate) content: Content<'a>,
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
                let name = self.variant.name.clone();
                Err(self.de.error(DeErrorKind::TakesNoValues(name)))
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
                let name = self.variant.name.clone();
                Err(self.de.error(DeErrorKind::NeedsValue(name)))
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
                let name = self.variant.name.clone();
                Err(self.de.error(DeErrorKind::NeedsValues { name, len }))
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
                let name = self.variant.name.clone();
                Err(self.de.error(DeErrorKind::NeedsFields(name)))
            }
        }
    }
}
