//! The Chinese authoring docs say what the English ones say (issue 21).
//!
//! - **Parity.** A *field table* in `docs/scenario-format.md` and `docs/zh/scenario-format.md`
//!   is a Markdown table preceded by a comment line `<!-- fields: TYPE -->`; the first cell of
//!   each of its rows is the field (or effect, or condition) in backticks. Both docs must mark
//!   the same TYPEs and list the same names under each, and those names must be exactly the
//!   ones the loader reads (serde's own list for each type, so a field added to the format and
//!   not documented fails here too). A table headed `field` or `字段` without the comment fails:
//!   it would escape the check.
//! - **Examples.** Every ```` ```ron ```` block of the four authoring docs that is a whole
//!   scenario loads without errors or warnings. A block is a whole scenario when its first
//!   line that is not blank or a `//` comment is `#![enable(implicit_some)]`, the line every
//!   scenario file starts with, and it leaves nothing out (no `/* ... */`); every other block
//!   is a fragment and is skipped. The Chinese and the English reference each hold at least one
//!   whole scenario, the same number, and the n-th of one plays exactly as the n-th of the
//!   other (only texts differ, as the docs themselves ask of language versions).
//! - **README.** The README's Chinese section (the heading with Chinese in it) links both
//!   Chinese docs.
//! - **Typography.** The Chinese docs' prose uses full-width punctuation: no ASCII `,;:?!()"`
//!   beside a Chinese character, and no line starts with `、。，：；？！`.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use kam_sim::scenario as s;
use serde::de::{self, Deserialize, IntoDeserializer, Visitor};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

const EN_FORMAT: &str = "docs/scenario-format.md";
const ZH_FORMAT: &str = "docs/zh/scenario-format.md";
const EN_AUTHORING: &str = "docs/authoring.md";
const ZH_AUTHORING: &str = "docs/zh/authoring.md";

// ---------------------------------------------------------------------------------------------
// Markdown, as far as these checks need it.
// ---------------------------------------------------------------------------------------------

/// The lines of `doc` outside fenced code blocks, with their 1-based numbers.
fn prose_lines(doc: &str) -> Vec<(usize, &str)> {
    let mut fenced = false;
    let mut out = Vec::new();
    for (i, line) in doc.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            out.push((i + 1, line));
        }
    }
    out
}

/// A fenced code block: its info string, the line of its first content line, its text.
struct Block {
    info: String,
    first_line: usize,
    text: String,
}

fn code_blocks(doc: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut open: Option<Block> = None;
    for (i, line) in doc.lines().enumerate() {
        let fence = line.trim_start().strip_prefix("```");
        match (&mut open, fence) {
            (None, Some(info)) => {
                open = Some(Block {
                    info: info.trim().to_owned(),
                    first_line: i + 2,
                    text: String::new(),
                })
            }
            (Some(_), Some(_)) => out.extend(open.take()),
            (Some(block), None) => {
                block.text.push_str(line);
                block.text.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "a code block is never closed");
    out
}

/// The cells of a table row, trimmed (`|` escaped as `\|` stays inside its cell).
fn cells(row: &str) -> Vec<String> {
    let inner = row.trim().trim_start_matches('|').trim_end_matches('|');
    let mut out = vec![String::new()];
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                out.last_mut().unwrap().push('|');
                chars.next();
            }
            '|' => out.push(String::new()),
            c => out.last_mut().unwrap().push(c),
        }
    }
    out.iter().map(|c| c.trim().to_owned()).collect()
}

/// The name a row documents: the identifier its first cell opens with, in backticks
/// (`` `Support("id", x)` `` documents `Support`).
fn documented_name(first_cell: &str) -> Option<String> {
    let rest = first_cell.strip_prefix('`')?;
    let name: String = rest
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    (!name.is_empty()).then_some(name)
}

/// A documented name and the line it is documented on.
type Fields = BTreeMap<String, BTreeMap<String, usize>>;

/// Every field table of a doc: TYPE → name → line. Problems (an unmarked field table, a marker
/// without a table, a row that names nothing, a TYPE marked twice) are returned as messages.
fn field_tables(path: &str, doc: &str) -> (Fields, Vec<String>) {
    let lines = prose_lines(doc);
    let mut fields = Fields::new();
    let mut problems = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let (n, line) = lines[i];
        let marker = line
            .trim()
            .strip_prefix("<!-- fields:")
            .and_then(|rest| rest.strip_suffix("-->"))
            .map(|t| t.trim().to_owned());
        if let Some(ty) = marker {
            i += 1;
            let table_starts = lines
                .get(i)
                .is_some_and(|(_, l)| l.trim_start().starts_with('|'));
            if !table_starts {
                problems.push(format!(
                    "{path}:{n}: `fields: {ty}` is not followed by a table"
                ));
                continue;
            }
            if fields.contains_key(&ty) {
                problems.push(format!("{path}:{n}: `{ty}` has a field table already"));
            }
            let table = fields.entry(ty.clone()).or_default();
            // The header and the separator, then the rows.
            i += 2;
            while let Some(&(n, row)) = lines.get(i) {
                if !row.trim_start().starts_with('|') {
                    break;
                }
                let first = cells(row).into_iter().next().unwrap_or_default();
                match documented_name(&first) {
                    Some(name) => {
                        if table.insert(name.clone(), n).is_some() {
                            problems.push(format!("{path}:{n}: `{ty}.{name}` is documented twice"));
                        }
                    }
                    None => problems.push(format!(
                        "{path}:{n}: a row of `{ty}`'s table does not open with a name in backticks: {first:?}"
                    )),
                }
                i += 1;
            }
            continue;
        }
        // A table headed like a field table must be marked, or it would escape the check.
        let previous = i.checked_sub(1).map(|p| lines[p].1.trim()).unwrap_or("");
        if line.trim_start().starts_with('|') && !previous.starts_with('|') {
            let head = cells(line).into_iter().next().unwrap_or_default();
            if ["field", "字段"].contains(&head.as_str()) {
                problems.push(format!(
                    "{path}:{n}: a field table without a `<!-- fields: TYPE -->` line before it"
                ));
            }
        }
        i += 1;
    }
    (fields, problems)
}

/// What one doc documents and the other does not, as messages.
fn parity(a_path: &str, a: &Fields, b_path: &str, b: &Fields) -> Vec<String> {
    let mut out = Vec::new();
    for (ty, names) in a {
        let Some(other) = b.get(ty) else {
            out.push(format!(
                "{b_path} has no field table for `{ty}` ({a_path} has one)"
            ));
            continue;
        };
        for (name, line) in names {
            if !other.contains_key(name) {
                out.push(format!(
                    "{b_path} does not document `{ty}.{name}` (documented at {a_path}:{line})"
                ));
            }
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The names the loader reads: serde's own lists, caught as the derived code hands them over.
// ---------------------------------------------------------------------------------------------

/// Stops a derived `Deserialize` at the point it names its fields (or variants).
#[derive(Debug)]
enum Caught {
    Names(Vec<&'static str>),
    Other(String),
}

impl fmt::Display for Caught {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Caught::Names(names) => write!(f, "names {names:?}"),
            Caught::Other(what) => write!(f, "{what}"),
        }
    }
}

impl std::error::Error for Caught {}

impl de::Error for Caught {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Caught::Other(msg.to_string())
    }
}

/// A deserializer that answers a struct with its field names, an enum with its variants, or,
/// given a variant, that struct variant's field names.
struct Catch(Option<&'static str>);

impl<'de> de::Deserializer<'de> for Catch {
    type Error = Caught;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Caught> {
        Err(Caught::Other("not a struct or an enum".into()))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Caught> {
        Err(Caught::Names(fields.to_vec()))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Caught> {
        match self.0 {
            None => Err(Caught::Names(variants.to_vec())),
            Some(_) => visitor.visit_enum(self),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map identifier ignored_any
    }
}

impl<'de> de::EnumAccess<'de> for Catch {
    type Error = Caught;
    type Variant = Catch;

    fn variant_seed<V: de::DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Catch), Caught> {
        let name = self.0.unwrap_or_default();
        let tag = seed.deserialize(name.into_deserializer())?;
        Ok((tag, self))
    }
}

impl<'de> de::VariantAccess<'de> for Catch {
    type Error = Caught;

    fn unit_variant(self) -> Result<(), Caught> {
        Err(Caught::Other("a unit variant".into()))
    }

    fn newtype_variant_seed<T: de::DeserializeSeed<'de>>(self, _: T) -> Result<T::Value, Caught> {
        Err(Caught::Other("a newtype variant".into()))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Caught> {
        Err(Caught::Other("a tuple variant".into()))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        _: V,
    ) -> Result<V::Value, Caught> {
        Err(Caught::Names(fields.to_vec()))
    }
}

fn names_of<'de, T: Deserialize<'de>>(variant: Option<&'static str>) -> BTreeSet<String> {
    match T::deserialize(Catch(variant)) {
        Err(Caught::Names(names)) => names.into_iter().map(str::to_owned).collect(),
        Err(other) => panic!("{}: {other}", std::any::type_name::<T>()),
        Ok(_) => panic!("{}: deserialized from nothing", std::any::type_name::<T>()),
    }
}

/// The names the loader reads for a documented TYPE, or None for a TYPE the format has not.
fn format_names(ty: &str) -> Option<BTreeSet<String>> {
    Some(match ty {
        "Scenario" => names_of::<s::Scenario>(None),
        "Means" => names_of::<s::Means>(None),
        "Resource" => names_of::<s::Resource>(None),
        "Scoring" => names_of::<s::Scoring>(None),
        "Account" => names_of::<s::Account>(None),
        "Contract" => names_of::<s::Contract>(None),
        "Response" => names_of::<s::Response>(None),
        "Stakeholder" => names_of::<s::Stakeholder>(None),
        "Opportunity" => names_of::<s::Opportunity>(None),
        "Approach" => names_of::<s::Approach>(None),
        "Event" => names_of::<s::Event>(None),
        "Conditional" => names_of::<s::Trigger>(Some("Conditional")),
        "Condition" => names_of::<s::Condition>(None),
        "Choice" => names_of::<s::Choice>(None),
        "Effect" => names_of::<s::Effect>(None),
        "Negotiation" => names_of::<s::Negotiation>(None),
        "Issue" => names_of::<s::Issue>(None),
        "IssueOption" => names_of::<s::IssueOption>(None),
        _ => return None,
    })
}

/// Every type of the format with fields an author writes: each must have a field table.
const FORMAT_TYPES: [&str; 18] = [
    "Scenario",
    "Means",
    "Resource",
    "Scoring",
    "Account",
    "Contract",
    "Response",
    "Stakeholder",
    "Opportunity",
    "Approach",
    "Event",
    "Conditional",
    "Condition",
    "Choice",
    "Effect",
    "Negotiation",
    "Issue",
    "IssueOption",
];

fn check_against_format(path: &str, doc: &Fields) -> Vec<String> {
    let mut out = Vec::new();
    for ty in FORMAT_TYPES {
        if !doc.contains_key(ty) {
            out.push(format!("{path} has no field table for `{ty}`"));
        }
    }
    for (ty, names) in doc {
        let Some(real) = format_names(ty) else {
            out.push(format!(
                "{path}: `fields: {ty}` is not a type of the format"
            ));
            continue;
        };
        for name in real.iter().filter(|n| !names.contains_key(*n)) {
            out.push(format!(
                "{path} does not document `{ty}.{name}`, which the loader reads"
            ));
        }
        for (name, line) in names.iter().filter(|(n, _)| !real.contains(*n)) {
            out.push(format!(
                "{path}:{line}: `{ty}.{name}` is documented but the loader has no such name"
            ));
        }
    }
    out
}

fn fields_of(path: &str) -> Fields {
    let (fields, problems) = field_tables(path, &read(path));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    fields
}

#[test]
fn both_references_document_the_same_fields_and_the_loader_s_own() {
    let en = fields_of(EN_FORMAT);
    let zh = fields_of(ZH_FORMAT);
    let mut problems = parity(EN_FORMAT, &en, ZH_FORMAT, &zh);
    problems.extend(parity(ZH_FORMAT, &zh, EN_FORMAT, &en));
    problems.extend(check_against_format(EN_FORMAT, &en));
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    let count: usize = en.values().map(BTreeMap::len).sum();
    println!("{} field tables, {count} names, the same in both", en.len());
}

#[test]
fn the_parity_check_fails_when_a_field_is_taken_from_either_doc() {
    let en_doc = read(EN_FORMAT);
    let zh_doc = read(ZH_FORMAT);
    let en = field_tables(EN_FORMAT, &en_doc).0;
    // A row taken out of the Chinese table of accounts, and one out of the English table of
    // effects: each is reported, by name.
    let without = |doc: &str, row: &str| {
        assert!(doc.contains(row), "{row}");
        let doc = doc.replacen(row, "", 1);
        field_tables("edited", &doc).0
    };
    let zh = without(&zh_doc, "| `visit_norm` |");
    let found = parity(EN_FORMAT, &en, "edited", &zh);
    assert!(
        found.iter().any(|p| p.contains("`Account.visit_norm`")),
        "{found:?}"
    );
    let en_less = without(&en_doc, "| `PaymentDays(x)` |");
    let zh = field_tables(ZH_FORMAT, &zh_doc).0;
    let found = parity(ZH_FORMAT, &zh, "edited", &en_less);
    assert!(
        found.iter().any(|p| p.contains("`Effect.PaymentDays`")),
        "{found:?}"
    );
    // A whole table unmarked is a problem of its own.
    let unmarked = zh_doc.replacen("<!-- fields: Contract -->\n", "", 1);
    let (_, problems) = field_tables("edited", &unmarked);
    assert!(
        problems
            .iter()
            .any(|p| p.contains("without a `<!-- fields: TYPE -->`")),
        "{problems:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// The examples.
// ---------------------------------------------------------------------------------------------

/// Whether a ```ron block is a whole scenario (see the module's documentation).
fn is_whole_scenario(text: &str) -> bool {
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//"));
    first == Some("#![enable(implicit_some)]") && !text.contains("/* ... */")
}

/// Loads every whole scenario of a doc; the text is placed at its own lines so a diagnostic
/// points into the doc.
fn whole_scenarios(path: &str) -> (Vec<std::sync::Arc<kam_sim::Prepared>>, Vec<String>) {
    let mut loaded = Vec::new();
    let mut problems = Vec::new();
    for block in code_blocks(&read(path))
        .into_iter()
        .filter(|b| b.info == "ron")
    {
        if !is_whole_scenario(&block.text) {
            continue;
        }
        let src = "\n".repeat(block.first_line - 1) + &block.text;
        match kam_sim::load_str(path, &src) {
            Ok((prepared, found)) => {
                problems.extend(
                    found
                        .iter()
                        .filter(|d| d.severity != kam_sim::Severity::Note)
                        .map(ToString::to_string),
                );
                loaded.push(prepared);
            }
            Err(errors) => problems.extend(errors.iter().map(ToString::to_string)),
        }
    }
    (loaded, problems)
}

#[test]
fn every_whole_scenario_in_the_docs_loads_without_a_warning() {
    let mut problems = Vec::new();
    let mut counts = BTreeMap::new();
    for path in [EN_FORMAT, ZH_FORMAT, EN_AUTHORING, ZH_AUTHORING] {
        let (loaded, found) = whole_scenarios(path);
        counts.insert(path, loaded.len());
        problems.extend(found);
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    // The rule must not skip everything: each reference holds a complete example.
    assert!(
        counts[EN_FORMAT] >= 1 && counts[ZH_FORMAT] >= 1,
        "{counts:?}"
    );
    assert_eq!(counts[EN_FORMAT], counts[ZH_FORMAT], "{counts:?}");
    assert_eq!(counts[EN_AUTHORING], counts[ZH_AUTHORING], "{counts:?}");
    println!("whole scenarios: {counts:?}");
}

#[test]
fn the_chinese_examples_play_exactly_as_the_english_ones() {
    for (en, zh) in [(EN_FORMAT, ZH_FORMAT), (EN_AUTHORING, ZH_AUTHORING)] {
        let (en_loaded, _) = whole_scenarios(en);
        let (zh_loaded, _) = whole_scenarios(zh);
        for (i, (a, b)) in en_loaded.iter().zip(&zh_loaded).enumerate() {
            for strategy in [kam_sim::StrategyId::Random, kam_sim::StrategyId::Expert] {
                let scores = |p| kam_sim::score_runs(p, strategy, 1, 12).expect("plays");
                let (ours, theirs) = (scores(a), scores(b));
                let composite =
                    |v: &[kam_sim::Scores]| -> Vec<f64> { v.iter().map(|s| s.composite).collect() };
                assert_eq!(
                    composite(&ours),
                    composite(&theirs),
                    "whole scenario {} of {zh} plays otherwise than its English ({strategy}): \
                     translate texts only, keep numbers and ids",
                    i + 1
                );
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The README and the typography.
// ---------------------------------------------------------------------------------------------

fn has_chinese(s: &str) -> bool {
    s.chars().any(is_chinese)
}

fn is_chinese(c: char) -> bool {
    matches!(c, '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}')
}

/// The README's Chinese section: from the first heading with Chinese in it (not the title) to
/// the next heading of its level or above.
fn chinese_section(readme: &str) -> Option<String> {
    let lines: Vec<&str> = readme.lines().collect();
    let level = |l: &str| l.chars().take_while(|c| *c == '#').count();
    let start = lines
        .iter()
        .position(|l| level(l) >= 2 && l.chars().nth(level(l)) == Some(' ') && has_chinese(l))?;
    let own = level(lines[start]);
    let end = lines[start + 1..]
        .iter()
        .position(|l| (1..=own).contains(&level(l)) && l.chars().nth(level(l)) == Some(' '))
        .map_or(lines.len(), |p| start + 1 + p);
    Some(lines[start..end].join("\n"))
}

#[test]
fn the_readme_s_chinese_section_links_both_chinese_docs() {
    let readme = read("README.md");
    let section = chinese_section(&readme).expect("README.md has a section headed in Chinese");
    for doc in [ZH_AUTHORING, ZH_FORMAT] {
        assert!(
            section.contains(&format!("]({doc})")),
            "the README's Chinese section does not link {doc}:\n{section}"
        );
        assert!(root().join(doc).is_file(), "{doc}");
    }
}

/// Prose with code spans, link targets and HTML comments taken out.
fn bare_prose(line: &str) -> String {
    let mut out = String::new();
    let mut rest = line;
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.split_once("-->").map_or("", |(_, r)| r);
        } else if let Some(after) = rest.strip_prefix("](") {
            out.push(']');
            rest = after.split_once(')').map_or("", |(_, r)| r);
        } else if rest.starts_with('`') {
            let ticks = rest.chars().take_while(|c| *c == '`').count();
            let fence = &rest[..ticks];
            rest = rest[ticks..].split_once(fence).map_or("", |(_, r)| r);
            out.push('·');
        } else {
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

fn typography(path: &str, doc: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (n, line) in prose_lines(doc) {
        if let Some(c) = line
            .chars()
            .next()
            .filter(|c| "、。，：；？！".contains(*c))
        {
            out.push(format!("{path}:{n}: a line starts with `{c}`"));
        }
        let prose: Vec<char> = bare_prose(line).chars().collect();
        for pair in prose.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            let ascii = |c: char| ",;:?!()\"".contains(c);
            if (is_chinese(a) && ascii(b)) || (ascii(a) && is_chinese(b)) {
                out.push(format!(
                    "{path}:{n}: ASCII punctuation beside Chinese: `{a}{b}` (use full-width)"
                ));
            }
        }
    }
    out
}

#[test]
fn the_chinese_docs_use_full_width_punctuation() {
    let mut problems = Vec::new();
    for path in [ZH_AUTHORING, ZH_FORMAT] {
        problems.extend(typography(path, &read(path)));
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
    // The check sees what it is for: an ASCII comma between Chinese (on both its sides) and a
    // line opening with 。, and not the comma of a code span or the full-width brackets.
    let found = typography("t", "客户,满意度\n。开头\n`a,b` 客户（A）\n");
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found[..2].iter().all(|p| p.starts_with("t:1:")),
        "{found:?}"
    );
    assert!(found[2].starts_with("t:2: a line starts with"), "{found:?}");
}
