//! The class report as CSV (`kam report --csv`): one row per result file, flagged ones
//! included and marked unverified, every text cell neutralised against spreadsheet formulas.
//! The headers (and yes/no, the reasons) are in the report's language: in English the column
//! ids scripts have always read, in Chinese the names an instructor's spreadsheet shows.

use kam_sim::words::Metric;

use super::{ClassReport, Say, yes_no};
use crate::words::{Lang, fill};

/// A text cell a spreadsheet must not run: trainees choose their own names, and a cell that
/// starts with `=`, `+`, `-`, `@` (or a tab or carriage return) would be read as a formula.
/// The leading apostrophe makes it text (OWASP's advice for CSV injection).
fn text_cell(s: &str) -> String {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_owned()
    }
}

/// A seed cell a spreadsheet keeps whole. Excel holds 15 significant digits and shows a
/// longer number in exponent form with its last digits zeroed, and a seed from a class code
/// has up to 20: such a seed is written as the constant text formula `="…"`, which Excel and
/// LibreOffice show as the digits. A shorter seed stays a plain number.
fn seed_cell(seed: u64) -> String {
    if seed >= 1_000_000_000_000_000 {
        format!("=\"{seed}\"")
    } else {
        seed.to_string()
    }
}

/// The column headers in `lang`: the shared names of the scores, the catalogue's for the rest.
fn header(lang: Lang) -> [String; 14] {
    let say = |key: Say| key.t(lang).to_owned();
    let score = |m: Metric| match lang {
        Lang::Zh => m.name(lang).to_owned(),
        Lang::En => m.name(lang).to_lowercase(),
    };
    [
        say(Say::Player),
        say(Say::File),
        say(Say::Scenario),
        say(Say::Seed),
        say(Say::Verified),
        score(Metric::Composite),
        say(Say::Grade),
        score(Metric::Retention),
        score(Metric::Profit),
        score(Metric::Satisfaction),
        fill(Say::ExpertComposite.t(lang), &[&score(Metric::Composite)]),
        say(Say::Gap),
        say(Say::Reason),
        say(Say::MonthsPlayed),
    ]
}

/// One row per result file: verified ones with their figures, flagged ones with the reason,
/// headed in `lang`. Written by the `csv` crate (quoting by RFC 4180), text cells neutralised
/// ([`text_cell`]).
pub fn csv(r: &ClassReport, lang: Lang) -> String {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let mut rows: Vec<[String; 14]> = Vec::new();
    for g in &r.groups {
        for t in &g.trainees {
            let s = &t.scores;
            rows.push([
                text_cell(&t.player),
                text_cell(&t.file),
                text_cell(&g.prepared.scenario.id),
                seed_cell(g.seed),
                yes_no(lang, true).into(),
                format!("{:.2}", s.composite),
                s.grade.to_string(),
                format!("{:.2}", s.retention),
                format!("{:.2}", s.profit),
                format!("{:.2}", s.satisfaction),
                format!("{:.2}", t.expert),
                format!("{:.2}", t.gap()),
                String::new(),
                t.stopped_after
                    .unwrap_or(g.prepared.scenario.turns)
                    .to_string(),
            ]);
        }
    }
    for f in &r.flagged {
        rows.push([
            text_cell(f.player.as_deref().unwrap_or("")),
            text_cell(&f.file),
            text_cell(f.scenario.as_deref().unwrap_or("")),
            f.seed.map(seed_cell).unwrap_or_default(),
            yes_no(lang, false).into(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            text_cell(&f.reason.text(lang)),
            String::new(),
        ]);
    }
    // Writing to memory cannot fail; a row that somehow did would be left out, not panic.
    let _ = writer.write_record(header(lang));
    for row in &rows {
        let _ = writer.write_record(row);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    // A byte-order mark, so spreadsheet programs read the Chinese names as UTF-8.
    format!("\u{feff}{}", String::from_utf8_lossy(&bytes))
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_player_named_like_a_formula_is_text_in_the_csv() {
        assert_eq!(super::text_cell("plain"), "plain");
        for name in ["=HYPERLINK(\"x\")", "+1", "-2", "@SUM(A1)", "\tx"] {
            assert!(super::text_cell(name).starts_with('\''), "{name}");
        }
        let dir = tempfile::tempdir().unwrap();
        let (file, src) = kam_sim::BUNDLED_SCENARIOS[0];
        let (prepared, _) = kam_sim::load_str(file, src).unwrap();
        let game = kam_sim::play(&prepared, kam_sim::StrategyId::Even, 1).unwrap();
        let result = kam_sim::record_game(&game, "=HYPERLINK(\"x\")");
        let path = dir.path().join("evil.ron");
        kam_sim::write_record_atomic(&path, &result).unwrap();
        let report = crate::report::build(&[path], &[], crate::report::Unfinished::Flag);
        let csv = super::csv(&report, kam_sim::words::Lang::En);
        let row = csv.lines().nth(1).unwrap();
        assert!(
            row.starts_with("\"'=HYPERLINK(\"\"x\"\")\""),
            "a formula cell must be neutralised and quoted: {row}"
        );
        assert!(!csv.lines().any(|l| l.starts_with('=')));
    }
}

#[cfg(test)]
mod seed_tests {
    use super::seed_cell;

    #[test]
    fn a_seed_longer_than_a_spreadsheet_holds_is_written_as_text() {
        assert_eq!(seed_cell(42), "42");
        assert_eq!(seed_cell(999_999_999_999_999), "999999999999999");
        assert_eq!(
            seed_cell(12_345_678_901_234_567_890),
            "=\"12345678901234567890\""
        );
    }
}
