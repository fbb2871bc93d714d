//! The building blocks of the instructors' HTML pages (`kam balance --out`, `kam report
//! --out`): the page frame with its inline CSS, percentage cells, SVG charts and legends, all
//! written with maud, which escapes every value by construction.
//!
//! A page is one self-contained file: inline CSS and SVG, no scripts, no external fonts or
//! stylesheets, so a report opens offline and projects in a classroom. UTF-8 with a font stack
//! that covers Chinese.

use kam_sim::Distribution;
use kam_sim::StrategyId;
use kam_sim::words::Lang;
use maud::{DOCTYPE, Markup, PreEscaped, html};

/// One colour per benchmark strategy (and a neutral one for the ablations).
pub fn strategy_colour(strategy: StrategyId) -> &'static str {
    match strategy {
        StrategyId::Random => "#9aa5b1",
        StrategyId::Even => "#e0a526",
        StrategyId::TierNorms => "#3e9bcd",
        StrategyId::Pareto => "#8e6bbf",
        StrategyId::Expert => "#2f9e5a",
        StrategyId::Ablation(_) => "#5b6b7b",
    }
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

const SVG_NS: &str = "http://www.w3.org/2000/svg";

/// A coordinate or length in a chart, to one decimal.
fn n1(v: f64) -> String {
    format!("{v:.1}")
}

/// A whole page around `body`, its `lang` attribute `zh-CN` or `en`.
pub fn page(title: &str, lang: Lang, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang=(kam_sim::words::html_lang(lang)) {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                // The only unescaped text on a page: the constant stylesheet above.
                style { (PreEscaped(CSS)) }
            }
            body {
                main { (body) }
            }
        }
    }
}

/// A table cell showing a share (0 to 1) as a percentage over a proportional bar.
pub fn pct_cell(share: f64, colour: &str) -> Markup {
    bar_cell(share, colour, &format!("{:.0}%", share * 100.0))
}

/// A table cell showing `label` over a bar as long as `share` (0 to 1) of the cell.
pub fn bar_cell(share: f64, colour: &str, label: &str) -> Markup {
    let w = (share.clamp(0.0, 1.0) * 100.0).round();
    html! {
        td class="pct" style=(format!("background-image:linear-gradient(90deg,{colour}40 {w}%,transparent {w}%)")) {
            (label)
        }
    }
}

/// Horizontal range chart: for each row, p10–p90 as a bar, p50 as a tick, the mean as a dot,
/// on a shared axis from `lo` to `hi`.
pub fn range_chart(
    rows: &[(String, &'static str, Distribution)],
    lo: f64,
    hi: f64,
    axis_label: &str,
) -> Markup {
    let (label_w, plot_w, row_h, top) = (150.0, 900.0, 34.0, 18.0);
    let height = top + row_h * rows.len() as f64 + 40.0;
    let width = label_w + plot_w + 30.0;
    let span = if hi > lo { hi - lo } else { 1.0 };
    let x = |v: f64| label_w + (v.clamp(lo, hi) - lo) / span * plot_w;
    html! {
        svg viewBox=(format!("0 0 {width} {height}")) width="100%" role="img" aria-label=(axis_label) xmlns=(SVG_NS) {
            @for k in 0..=10 {
                @let xv = n1(x(lo + span * k as f64 / 10.0));
                line x1=(xv) y1=(top) x2=(xv) y2=(n1(height - 34.0)) stroke="#e3e8ee" {}
                text x=(xv) y=(n1(height - 18.0)) font-size="13" text-anchor="middle" fill="#5f6b78" {
                    (fmt_axis(lo + span * k as f64 / 10.0))
                }
            }
            text x=(n1(label_w + plot_w / 2.0)) y=(n1(height - 2.0)) font-size="13" text-anchor="middle" fill="#5f6b78" {
                (axis_label)
            }
            @for (i, (label, colour, d)) in rows.iter().enumerate() {
                @let y = top + row_h * i as f64 + row_h / 2.0;
                @let (x10, x90, x50, xm) = (x(d.p10), x(d.p90), x(d.p50), x(d.mean));
                text x=(n1(label_w - 10.0)) y=(n1(y + 5.0)) font-size="15" text-anchor="end" fill="#1d2733" {
                    (label)
                }
                rect x=(n1(x10)) y=(n1(y - 7.0)) width=(n1((x90 - x10).max(2.0))) height="14" rx="4" fill=(colour) opacity="0.45" {}
                line x1=(n1(x50)) y1=(n1(y - 11.0)) x2=(n1(x50)) y2=(n1(y + 11.0)) stroke=(colour) stroke-width="3" {}
                circle cx=(n1(xm)) cy=(n1(y)) r="5" fill="#fff" stroke="#1d2733" stroke-width="2" {}
                text x=(n1(x90.max(xm) + 10.0)) y=(n1(y + 5.0)) font-size="13" fill="#354453" {
                    (fmt_axis(d.mean))
                }
            }
        }
    }
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
) -> Markup {
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
    html! {
        svg viewBox=(format!("0 0 {w} {h}")) width="100%" xmlns=(SVG_NS) {
            @for (b, &n) in counts.iter().enumerate() {
                @let bh = n as f64 / most as f64 * plot_h;
                @let x = left + bw * b as f64;
                rect x=(n1(x + 1.0)) y=(n1(base - bh)) width=(n1((bw - 2.0).max(1.0))) height=(n1(bh)) fill=(colour) opacity="0.8" {}
                @if n > 0 {
                    text x=(n1(x + bw / 2.0)) y=(n1(base - bh - 4.0)) font-size="13" text-anchor="middle" fill="#354453" {
                        (n)
                    }
                }
            }
            @for k in 0..=5 {
                text x=(n1(left + plot_w * k as f64 / 5.0)) y=(n1(h - 8.0)) font-size="12" text-anchor="middle" fill="#5f6b78" {
                    (fmt_axis(lo + span * k as f64 / 5.0))
                }
            }
            line x1=(left) y1=(n1(base)) x2=(n1(left + plot_w)) y2=(n1(base)) stroke="#9aa5b1" {}
            @if let Some((v, label)) = mark {
                @let x = left + (v.clamp(lo, hi) - lo) / span * plot_w;
                @let right = x > w - 140.0;
                line x1=(n1(x)) y1="4" x2=(n1(x)) y2=(n1(base)) stroke="#2f9e5a" stroke-width="2" stroke-dasharray="5 4" {}
                text x=(n1(if right { x - 6.0 } else { x + 6.0 })) y="14" font-size="13" font-weight="600" fill="#2f9e5a" text-anchor=(if right { "end" } else { "start" }) {
                    (label)
                }
            }
        }
    }
}

/// A single stacked bar of shares (each 0 to 1), for how a strategy answered an event.
pub fn stacked_bar(segments: &[(f64, &str)], width: f64) -> Markup {
    // Each segment starts where the ones before it end.
    let mut x = 0.0;
    let mut drawn: Vec<(f64, f64, &str)> = Vec::new();
    for (share, colour) in segments {
        let w = share.clamp(0.0, 1.0) * width;
        if w > 0.0 {
            drawn.push((x, w, colour));
        }
        x += w;
    }
    html! {
        svg viewBox=(format!("0 0 {width} 16")) width=(width) height="16" xmlns=(SVG_NS) {
            @for (x, w, colour) in drawn {
                rect x=(n1(x)) y="1" width=(n1(w)) height="14" fill=(colour) {}
            }
            @if x < width {
                rect x=(n1(x)) y="1" width=(n1(width - x)) height="14" fill="#eef2f6" {}
            }
        }
    }
}

/// A legend of coloured squares.
pub fn legend(items: &[(&str, &str)]) -> Markup {
    html! {
        div class="legend" {
            @for (label, colour) in items {
                span {
                    i style=(format!("background:{colour}")) {}
                    (label)
                }
            }
        }
    }
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
        let p = page(
            "宏达 <test>",
            Lang::Zh,
            html! { p { "<a href=\"x\">&'</a>" } },
        )
        .into_string();
        assert!(
            p.contains("&lt;a href=&quot;x&quot;&gt;&amp;'&lt;/a&gt;"),
            "{p}"
        );
        assert!(p.contains("<meta charset=\"utf-8\">") && p.contains("宏达 &lt;test&gt;"));
        assert!(p.contains("<html lang=\"zh-CN\">"), "{p}");
        for external in ["<script", "http://", "https://", "<link", "@import", "url("] {
            let without_svg_ns = p.replace("http://www.w3.org/2000/svg", "");
            assert!(!without_svg_ns.contains(external), "{external}");
        }
    }

    #[test]
    fn charts_are_svg() {
        let d = Distribution::of([10.0, 20.0, 30.0]);
        let c = range_chart(&[("expert".into(), "#000", d)], 0.0, 100.0, "composite").into_string();
        assert!(c.starts_with("<svg") && c.ends_with("</svg>") && c.contains("expert"));
        let h = histogram(
            &[1.0, 2.0, 99.0],
            0.0,
            100.0,
            10,
            "#000",
            Some((50.0, "expert 50")),
        )
        .into_string();
        assert!(h.contains("expert 50") && h.matches("<rect").count() == 10);
        assert!(
            stacked_bar(&[(0.5, "#f00"), (0.5, "#0f0")], 100.0)
                .into_string()
                .contains("#0f0")
        );
    }

    #[test]
    fn chart_labels_are_escaped() {
        let d = Distribution::of([1.0, 2.0]);
        let c = range_chart(&[("<b>x</b>".into(), "#000", d)], 0.0, 10.0, "a \"b\"").into_string();
        assert!(
            c.contains("&lt;b&gt;x&lt;/b&gt;") && !c.contains("<b>"),
            "{c}"
        );
        assert!(c.contains("aria-label=\"a &quot;b&quot;\""), "{c}");
        let l = legend(&[("1. <i>yes</i> & no", "#000")]).into_string();
        assert!(l.contains("1. &lt;i&gt;yes&lt;/i&gt; &amp; no"), "{l}");
        let h = histogram(&[1.0], 0.0, 10.0, 2, "#000", Some((5.0, "<mark>"))).into_string();
        assert!(h.contains("&lt;mark&gt;") && !h.contains("<mark>"), "{h}");
    }

    #[test]
    fn a_cell_shows_its_share_over_a_bar() {
        assert_eq!(
            pct_cell(0.256, "#2f9e5a").into_string(),
            "<td class=\"pct\" style=\"background-image:linear-gradient(90deg,#2f9e5a40 26%,transparent 26%)\">26%</td>"
        );
        assert!(
            bar_cell(1.5, "#000", "7.5")
                .into_string()
                .contains("100%,transparent 100%)\">7.5<")
        );
    }
}
