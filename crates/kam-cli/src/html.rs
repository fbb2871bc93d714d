//! Self-contained HTML for instructors: one file, inline CSS and SVG, no scripts, no external
//! fonts or stylesheets, so a report opens offline and projects in a classroom. UTF-8 with a
//! font stack that covers Chinese.

use std::fmt::Write;

use kam_sim::batch::Distribution;

/// One colour per built-in strategy (and a neutral one for anything else).
pub fn strategy_colour(name: &str) -> &'static str {
    match name {
        "random" => "#9aa5b1",
        "even" => "#e0a526",
        "tier-norms" => "#3e9bcd",
        "pareto" => "#8e6bbf",
        "expert" => "#2f9e5a",
        _ => "#5b6b7b",
    }
}

/// Escapes text for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

const CSS: &str = r#"
:root { --ink:#1d2733; --muted:#5f6b78; --line:#d8dee5; --bg:#f6f8fa; --good:#2f9e5a; --bad:#c8453b; --warn:#d48a00; }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--ink);
  font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "WenQuanYi Micro Hei", system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  font-size: 16px; line-height: 1.45; }
main { max-width: 1200px; margin: 0 auto; padding: 28px 32px 48px; }
h1 { font-size: 30px; margin: 0 0 4px; }
h2 { font-size: 22px; margin: 34px 0 10px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 18px; margin: 20px 0 8px; }
.sub { color: var(--muted); margin: 0 0 18px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 10px; padding: 16px 20px; margin: 12px 0; }
.verdict { font-size: 20px; font-weight: 700; padding: 14px 20px; border-radius: 10px; margin: 16px 0; color: #fff; }
.verdict.good { background: var(--good); } .verdict.bad { background: var(--bad); } .verdict.warn { background: var(--warn); }
table { border-collapse: collapse; width: 100%; background: #fff; font-variant-numeric: tabular-nums; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: right; vertical-align: middle; }
th { background: #eef2f6; font-weight: 600; font-size: 14px; color: #354453; }
td.l, th.l { text-align: left; }
td.nw { white-space: nowrap; }
tr.flag td { color: var(--bad); }
.pct { background-repeat: no-repeat; background-size: 100% 100%; }
.badge { display: inline-block; padding: 1px 8px; border-radius: 10px; font-size: 13px; font-weight: 600; color: #fff; }
.pass { background: var(--good); } .fail { background: var(--bad); }
.grade-A { background: #2f9e5a; } .grade-B { background: #5aa469; } .grade-C { background: #d4a017; } .grade-D { background: #e07b39; } .grade-F { background: #c8453b; }
ul.warnings { margin: 6px 0; padding-left: 22px; } ul.warnings li { margin: 4px 0; }
code { background: #eef2f6; padding: 1px 5px; border-radius: 4px; font-size: 14px; }
.legend span { display: inline-block; margin-right: 16px; font-size: 14px; color: var(--muted); }
.legend i { display: inline-block; width: 12px; height: 12px; border-radius: 3px; margin-right: 5px; vertical-align: -1px; }
.grid { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr)); gap: 14px; }
.muted { color: var(--muted); font-size: 14px; }
svg text { font-family: inherit; }
@media print { body { background: #fff; } .card { break-inside: avoid; } }
"#;

/// A whole page around `body`.
pub fn page(title: &str, lang: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{CSS}</style>\n</head>\n<body>\n<main>\n{body}\n</main>\n</body>\n</html>\n",
        esc(title)
    )
}

/// A table cell showing a share (0 to 1) as a percentage over a proportional bar.
pub fn pct_cell(share: f64, colour: &str) -> String {
    let w = (share.clamp(0.0, 1.0) * 100.0).round();
    format!(
        "<td class=\"pct\" style=\"background-image:linear-gradient(90deg,{colour}40 {w}%,transparent {w}%)\">{:.0}%</td>",
        share * 100.0
    )
}

/// Horizontal range chart: for each row, p10–p90 as a bar, p50 as a tick, the mean as a dot,
/// on a shared axis from `lo` to `hi`.
pub fn range_chart(
    rows: &[(String, &'static str, Distribution)],
    lo: f64,
    hi: f64,
    axis_label: &str,
) -> String {
    let (label_w, plot_w, row_h, top) = (150.0, 900.0, 34.0, 18.0);
    let height = top + row_h * rows.len() as f64 + 40.0;
    let width = label_w + plot_w + 30.0;
    let span = if hi > lo { hi - lo } else { 1.0 };
    let x = |v: f64| label_w + (v.clamp(lo, hi) - lo) / span * plot_w;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg viewBox=\"0 0 {width} {height}\" width=\"100%\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">",
        esc(axis_label)
    );
    for k in 0..=10 {
        let v = lo + span * k as f64 / 10.0;
        let xv = x(v);
        let _ = write!(
            s,
            "<line x1=\"{xv:.1}\" y1=\"{top}\" x2=\"{xv:.1}\" y2=\"{:.1}\" stroke=\"#e3e8ee\"/><text x=\"{xv:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#5f6b78\">{}</text>",
            height - 34.0,
            height - 18.0,
            fmt_axis(v)
        );
    }
    let _ = write!(
        s,
        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#5f6b78\">{}</text>",
        label_w + plot_w / 2.0,
        height - 2.0,
        esc(axis_label)
    );
    for (i, (label, colour, d)) in rows.iter().enumerate() {
        let y = top + row_h * i as f64 + row_h / 2.0;
        let _ = write!(
            s,
            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"15\" text-anchor=\"end\" fill=\"#1d2733\">{}</text>",
            label_w - 10.0,
            y + 5.0,
            esc(label)
        );
        let (x10, x90) = (x(d.p10), x(d.p90));
        let _ = write!(
            s,
            "<rect x=\"{x10:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"14\" rx=\"4\" fill=\"{colour}\" opacity=\"0.45\"/>",
            y - 7.0,
            (x90 - x10).max(2.0)
        );
        let x50 = x(d.p50);
        let _ = write!(
            s,
            "<line x1=\"{x50:.1}\" y1=\"{:.1}\" x2=\"{x50:.1}\" y2=\"{:.1}\" stroke=\"{colour}\" stroke-width=\"3\"/>",
            y - 11.0,
            y + 11.0
        );
        let _ = write!(
            s,
            "<circle cx=\"{:.1}\" cy=\"{y:.1}\" r=\"5\" fill=\"#fff\" stroke=\"#1d2733\" stroke-width=\"2\"/><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" fill=\"#354453\">{}</text>",
            x(d.mean),
            x90.max(x(d.mean)) + 10.0,
            y + 5.0,
            fmt_axis(d.mean)
        );
    }
    s.push_str("</svg>");
    s
}

/// A histogram of `values` in `bins` bins between `lo` and `hi`, optionally with a marked value
/// (the expert's score) drawn as a dashed line.
pub fn histogram(
    values: &[f64],
    lo: f64,
    hi: f64,
    bins: usize,
    colour: &str,
    mark: Option<(f64, &str)>,
) -> String {
    let (w, h, left, bottom, top) = (560.0, 240.0, 36.0, 28.0, 34.0);
    let bins = bins.max(1);
    let span = if hi > lo { hi - lo } else { 1.0 };
    let mut counts = vec![0usize; bins];
    for v in values {
        let b = (((v - lo) / span) * bins as f64)
            .floor()
            .clamp(0.0, bins as f64 - 1.0) as usize;
        counts[b] += 1;
    }
    let most = counts.iter().copied().max().unwrap_or(0).max(1);
    let plot_w = w - left - 10.0;
    let plot_h = h - bottom - top;
    let base = top + plot_h;
    let bw = plot_w / bins as f64;
    let mut s = format!(
        "<svg viewBox=\"0 0 {w} {h}\" width=\"100%\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    for (b, &n) in counts.iter().enumerate() {
        let bh = n as f64 / most as f64 * plot_h;
        let x = left + bw * b as f64;
        let _ = write!(
            s,
            "<rect x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{bh:.1}\" fill=\"{colour}\" opacity=\"0.8\"/>",
            x + 1.0,
            base - bh,
            (bw - 2.0).max(1.0)
        );
        if n > 0 {
            let _ = write!(
                s,
                "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"13\" text-anchor=\"middle\" fill=\"#354453\">{n}</text>",
                x + bw / 2.0,
                base - bh - 4.0
            );
        }
    }
    for k in 0..=5 {
        let v = lo + span * k as f64 / 5.0;
        let x = left + plot_w * k as f64 / 5.0;
        let _ = write!(
            s,
            "<text x=\"{x:.1}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"middle\" fill=\"#5f6b78\">{}</text>",
            h - 8.0,
            fmt_axis(v)
        );
    }
    let _ = write!(
        s,
        "<line x1=\"{left}\" y1=\"{base:.1}\" x2=\"{:.1}\" y2=\"{base:.1}\" stroke=\"#9aa5b1\"/>",
        left + plot_w
    );
    if let Some((v, label)) = mark {
        let x = left + (v.clamp(lo, hi) - lo) / span * plot_w;
        let right = x > w - 140.0;
        let _ = write!(
            s,
            "<line x1=\"{x:.1}\" y1=\"4\" x2=\"{x:.1}\" y2=\"{base:.1}\" stroke=\"#2f9e5a\" stroke-width=\"2\" stroke-dasharray=\"5 4\"/><text x=\"{:.1}\" y=\"14\" font-size=\"13\" font-weight=\"600\" fill=\"#2f9e5a\" text-anchor=\"{}\">{}</text>",
            if right { x - 6.0 } else { x + 6.0 },
            if right { "end" } else { "start" },
            esc(label)
        );
    }
    s.push_str("</svg>");
    s
}

/// A single stacked bar of shares (each 0 to 1), for how a strategy answered an event.
pub fn stacked_bar(segments: &[(f64, &str)], width: f64) -> String {
    let mut s = format!(
        "<svg viewBox=\"0 0 {width} 16\" width=\"{width}\" height=\"16\" xmlns=\"http://www.w3.org/2000/svg\">"
    );
    let mut x = 0.0;
    for (share, colour) in segments {
        let w = share.clamp(0.0, 1.0) * width;
        if w > 0.0 {
            let _ = write!(
                s,
                "<rect x=\"{x:.1}\" y=\"1\" width=\"{w:.1}\" height=\"14\" fill=\"{colour}\"/>"
            );
        }
        x += w;
    }
    if x < width {
        let _ = write!(
            s,
            "<rect x=\"{x:.1}\" y=\"1\" width=\"{:.1}\" height=\"14\" fill=\"#eef2f6\"/>",
            width - x
        );
    }
    s.push_str("</svg>");
    s
}

/// A legend of coloured squares.
pub fn legend(items: &[(&str, &str)]) -> String {
    let mut s = String::from("<div class=\"legend\">");
    for (label, colour) in items {
        let _ = write!(
            s,
            "<span><i style=\"background:{colour}\"></i>{}</span>",
            esc(label)
        );
    }
    s.push_str("</div>");
    s
}

fn fmt_axis(v: f64) -> String {
    if v.abs() >= 10_000.0 {
        format!("{:.0}k", v / 1000.0)
    } else if v.abs() >= 100.0 || v.fract().abs() < 1e-9 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// Colours for the answers of an event, by the courseware's verdict.
pub fn verdict_colour(verdict: kam_sim::scenario::Verdict, k: usize) -> &'static str {
    use kam_sim::scenario::Verdict;
    match verdict {
        Verdict::Good => ["#2f9e5a", "#62b97f", "#98d3a7"][k % 3],
        Verdict::Neutral => ["#d4a017", "#e6c15a", "#f0d98f"][k % 3],
        Verdict::Poor => ["#c8453b", "#de7a72", "#eba8a2"][k % 3],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_builds_a_self_contained_page() {
        assert_eq!(
            esc("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
        let p = page("宏达 <test>", "zh", "<p>正文</p>");
        assert!(p.contains("<meta charset=\"utf-8\">") && p.contains("宏达 &lt;test&gt;"));
        for external in ["<script", "http://", "https://", "<link", "@import", "url("] {
            let without_svg_ns = p.replace("http://www.w3.org/2000/svg", "");
            assert!(!without_svg_ns.contains(external), "{external}");
        }
    }

    #[test]
    fn charts_are_svg() {
        let d = Distribution::of([10.0, 20.0, 30.0]);
        let c = range_chart(&[("expert".into(), "#000", d)], 0.0, 100.0, "composite");
        assert!(c.starts_with("<svg") && c.ends_with("</svg>") && c.contains("expert"));
        let h = histogram(
            &[1.0, 2.0, 99.0],
            0.0,
            100.0,
            10,
            "#000",
            Some((50.0, "expert 50")),
        );
        assert!(h.contains("expert 50") && h.matches("<rect").count() == 10);
        assert!(stacked_bar(&[(0.5, "#f00"), (0.5, "#0f0")], 100.0).contains("#0f0"));
    }
}
