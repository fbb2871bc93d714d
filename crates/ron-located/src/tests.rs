//! The reader's tests: syntax, spans, every error in one run, suggestions, placeholders.

use std::collections::BTreeMap;

use serde::Deserialize;

use std::collections::HashSet;
use std::fmt;

use crate::de::*;
use crate::parser::*;
use crate::tree::*;
use serde::de::DeserializeOwned;

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
            error.kind.to_string().contains(message),
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
        assert!(error.kind.to_string().contains(message), "{src}: {error}");
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
    assert!(
        error.kind.to_string().contains("nested too deeply"),
        "{error}"
    );
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
                let distinct: HashSet<_> = errors
                    .iter()
                    .map(|e| (e.span, e.kind.to_string()))
                    .collect();
                assert_eq!(distinct.len(), errors.len(), "{src}");
            }
        }
    }
}
