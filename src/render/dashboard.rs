//! The dashboard as one self-contained HTML page: no external URL (a
//! Content-Security-Policy forbids any load), the renderer meta tag for
//! domestic dual-core browsers, an inline SVG chart, a print stylesheet for
//! A3 landscape. Built with maud, which escapes every value by construction.

use super::chinese::date;
use crate::model::progress::Light;
use crate::views::dashboard::{Dashboard, Point};
use chrono::Datelike;
use maud::{DOCTYPE, Markup, PreEscaped, html};

const CSS: &str = r#"
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC","WenQuanYi Micro Hei",SimSun,sans-serif;margin:24px;color:#222;background:#fff}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:24px 0 8px;border-left:4px solid #a40000;padding-left:8px}
.asof{color:#555;margin-bottom:16px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{min-width:120px;padding:12px 16px;border-radius:6px;border:1px solid #ccc}
.card b{display:block;font-size:30px}
.red{background:#ffc7ce}.yellow{background:#ffeb9c}.green{background:#c6efce}.done{background:#ddebf7}.rate{background:#f2f2f2}
table{border-collapse:collapse;width:100%;font-size:14px}
th,td{border:1px solid #999;padding:4px 6px;text-align:left;vertical-align:top}
th{background:#d9d9d9}td.n{text-align:right}
.cols{display:flex;gap:24px}.cols>div{flex:1}
svg{max-width:1200px;display:block}svg text{font-size:12px;fill:#333}
@media print{@page{size:A3 landscape;margin:12mm}body{margin:0}h2{page-break-after:avoid}tr{page-break-inside:avoid}}
"#;

/// No load from anywhere: styles and images inline only.
const POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

fn light_class(l: Light) -> &'static str {
    l.key()
}

pub fn page(d: &Dashboard) -> String {
    let title = format!("{}整改工作看板", d.plan_title);
    let markup = html! {
        (DOCTYPE)
        html lang="zh-CN" {
            head {
                meta charset="utf-8";
                meta http-equiv="X-UA-Compatible" content="IE=edge";
                meta name="renderer" content="webkit";
                meta http-equiv="Content-Security-Policy" content=(POLICY);
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) }
                style { (PreEscaped(CSS)) }
            }
            body {
                h1 { (title) }
                div.asof { "截至" (date(d.as_of)) "，共" b #total { (d.total) } "条整改措施" }
                div.cards {
                    @for (l, n) in &d.by_light {
                        div class={ "card " (light_class(*l)) } {
                            (l.label()) b data-light=(l.key()) { (n) }
                        }
                    }
                    div.card.rate { "完成率" b #rate { (format!("{:.1}%", d.completion_rate())) } }
                }
                h2 { "完成进度" }
                (chart(&d.chart, d.total))
                h2 { "逾期措施（" (d.overdue.len()) "条）" }
                (overdue(d))
                div.cols {
                    div { h2 { "各方面问题" } (problems(d)) }
                    div { h2 { "各牵头单位" } (units(d)) }
                }
            }
        }
    };
    markup.into_string()
}

fn overdue(d: &Dashboard) -> Markup {
    html! {
        @if d.overdue.is_empty() {
            p { "无逾期措施。" }
        } @else {
            table #overdue {
                tr { th { "编号" } th { "整改措施" } th { "牵头单位" } th { "时限" } th { "逾期天数" } th { "状态" } }
                @for r in &d.overdue {
                    tr data-id=(r.id) {
                        td { (r.id) }
                        td { (r.name) }
                        td { (r.lead.join("、")) }
                        td { (r.overdue_since.map(date).unwrap_or_default()) }
                        td.n data-days=(r.days_overdue) { (r.days_overdue) }
                        td { (r.status.label()) }
                    }
                }
            }
        }
    }
}

fn problems(d: &Dashboard) -> Markup {
    html! {
        table #problems {
            tr { th { "问题" } th { "措施" } th { "已完成" } th { "逾期" } th { "未报送" } }
            @for p in &d.problems {
                tr {
                    td { (p.number) "．" (p.title) }
                    td.n { (p.measures) } td.n { (p.done) } td.n { (p.overdue) } td.n { (p.not_reported) }
                }
            }
        }
        @if let Some(due) = d.reporting_due {
            p { "未报送：截至" (date(due)) "报送期限，牵头单位未报送进展的措施数。" }
        }
    }
}

fn units(d: &Dashboard) -> Markup {
    html! {
        table #units {
            tr { th { "牵头单位" } th { "牵头措施" } th { "逾期" } th { "未报送" } }
            @for u in &d.units {
                tr {
                    td { (u.unit) } td.n { (u.led) } td.n { (u.overdue) } td.n { (u.not_reported) }
                }
            }
        }
    }
}

/// A month's end as 2022-07; another day (the viewing day) in full.
fn axis_label(d: chrono::NaiveDate) -> String {
    if d.succ_opt().is_some_and(|n| n.day() == 1) {
        d.format("%Y-%m").to_string()
    } else {
        d.format("%Y-%m-%d").to_string()
    }
}

/// Three lines over time: measures done, the expected pace (measures whose
/// completion milestone has passed) and milestones due.
fn chart(points: &[Point], total: usize) -> Markup {
    let (w, h, left, bottom, top) = (1000.0, 300.0, 50.0, 40.0, 16.0);
    let max = points
        .iter()
        .map(|p| p.milestones_due.max(p.expected))
        .chain([total, 1])
        .max()
        .unwrap_or(1) as f64;
    // Points stand at their days: month ends and the viewing day, which
    // may fall mid-month, are spaced by the days between them.
    let first = points.first().map(|p| p.date);
    let span = match (first, points.last()) {
        (Some(a), Some(b)) => (b.date - a).num_days().max(1) as f64,
        _ => 1.0,
    };
    let x = |k: usize| {
        let days = first.map_or(0, |a| (points[k].date - a).num_days()) as f64;
        left + (w - left - 20.0) * days / span
    };
    // Labels: every `every`-th month end and the last point, never two
    // closer than a label's width.
    let mut labelled: Vec<usize> = Vec::new();
    for k in 0..points.len() {
        let wanted = k % (points.len() / 12).max(1) == 0 || k + 1 == points.len();
        if !wanted {
            continue;
        }
        if let Some(&prev) = labelled.last()
            && x(k) - x(prev) < 70.0
        {
            if k + 1 == points.len() {
                labelled.pop();
            } else {
                continue;
            }
        }
        labelled.push(k);
    }
    let y = |v: usize| top + (h - top - bottom) * (1.0 - v as f64 / max);
    let line = |f: &dyn Fn(&Point) -> Option<usize>| -> String {
        points
            .iter()
            .enumerate()
            .filter_map(|(k, p)| f(p).map(|v| format!("{:.1},{:.1}", x(k), y(v))))
            .collect::<Vec<_>>()
            .join(" ")
    };
    html! {
        svg #chart viewBox=(format!("0 0 {w} {h}")) width="100%" role="img" aria-label="完成进度图" {
            line x1=(left) y1=(y(0)) x2=(w - 20.0) y2=(y(0)) stroke="#999" {}
            line x1=(left) y1=(top) x2=(left) y2=(y(0)) stroke="#999" {}
            @for v in [0, max as usize / 2, max as usize] {
                text x=(left - 6.0) y=(y(v) + 4.0) text-anchor="end" { (v) }
            }
            @for &k in &labelled {
                text x=(x(k)) y=(h - bottom + 18.0) text-anchor="middle" { (axis_label(points[k].date)) }
            }
            polyline points=(line(&|p: &Point| Some(p.milestones_due))) fill="none" stroke="#7f7f7f" stroke-dasharray="4 3" stroke-width="2" {}
            polyline points=(line(&|p: &Point| Some(p.expected))) fill="none" stroke="#c55a11" stroke-width="2" {}
            polyline points=(line(&|p: &Point| p.done)) fill="none" stroke="#2e75b6" stroke-width="3" {}
            g transform=(format!("translate({},{})", left + 10.0, top)) {
                rect x="0" y="0" width="14" height="4" fill="#2e75b6" {}
                text x="20" y="6" { "已完成措施" }
                rect x="120" y="0" width="14" height="4" fill="#c55a11" {}
                text x="140" y="6" { "应完成措施（按时限）" }
                rect x="300" y="0" width="14" height="4" fill="#7f7f7f" {}
                text x="320" y="6" { "到期时限节点（累计）" }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::fixture::day;

    fn point(date: &str, done: usize) -> Point {
        Point {
            date: day(date),
            done: Some(done),
            expected: 0,
            milestones_due: 0,
        }
    }

    /// The x of each point of the "done" line, read back from the SVG.
    fn xs(svg: &str) -> Vec<f64> {
        let doc = roxmltree::Document::parse(svg).expect("svg");
        let line = doc
            .descendants()
            .find(|n| n.has_tag_name("polyline") && n.attribute("stroke") == Some("#2e75b6"))
            .expect("done line");
        line.attribute("points")
            .expect("points")
            .split(' ')
            .map(|p| p.split(',').next().expect("x").parse().expect("number"))
            .collect()
    }

    #[test]
    fn points_stand_at_their_days() {
        let points = [
            point("2022-06-30", 0),
            point("2022-07-31", 1),
            point("2022-08-05", 2),
            point("2022-08-31", 3),
        ];
        let x = xs(&chart(&points, 4).into_string());
        let per_day = (x[1] - x[0]) / 31.0;
        assert!(((x[2] - x[1]) - 5.0 * per_day).abs() < 0.2, "{x:?}");
        assert!(((x[3] - x[2]) - 26.0 * per_day).abs() < 0.2, "{x:?}");
    }
}
