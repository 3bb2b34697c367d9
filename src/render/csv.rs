//! CSV for Excel and WPS: UTF-8 with a BOM (so Chinese shows without an
//! import dialog), CRLF line ends, fields quoted as RFC 4180 says.

use super::labels;
use crate::views::MeasureRow;
use crate::views::deadlines::DeadlineRow;
use crate::views::missing::MissingReport;
use crate::views::units::UnitRow;
use chrono::NaiveDate;

/// A CSV document being built.
pub struct Csv {
    text: String,
}

impl Csv {
    pub fn new(header: &[&str]) -> Csv {
        let mut c = Csv {
            text: String::from("\u{FEFF}"),
        };
        c.row(header);
        c
    }

    pub fn row<S: AsRef<str>>(&mut self, fields: &[S]) {
        for (i, f) in fields.iter().enumerate() {
            if i > 0 {
                self.text.push(',');
            }
            self.text.push_str(&field(f.as_ref()));
        }
        self.text.push_str("\r\n");
    }

    pub fn finish(self) -> String {
        self.text
    }
}

/// One field: quoted when it holds a comma, quote or line break, with
/// quotes doubled; line breaks inside become CRLF.
pub fn field(s: &str) -> String {
    if s.contains([',', '"', '\r', '\n']) {
        let body = s
            .replace("\r\n", "\n")
            .replace('\r', "\n")
            .replace('\n', "\r\n");
        format!("\"{}\"", body.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn date(d: Option<NaiveDate>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

pub fn status(rows: &[MeasureRow], as_of: NaiveDate) -> String {
    let mut c = Csv::new(&[
        "编号",
        "问题",
        "整改措施",
        "牵头单位",
        "责任单位",
        "整改时限",
        "状态",
        "最近报送",
        "下一时限",
        "预警",
    ]);
    for r in rows {
        c.row(&[
            r.id.clone(),
            r.problem.to_string(),
            r.title.clone(),
            r.lead.join("、"),
            r.responsible.join("、"),
            r.deadline.clone(),
            r.status.label().to_string(),
            date(r.last_entry),
            date(r.next_milestone),
            labels::light_text(r, as_of),
        ]);
    }
    c.finish()
}

pub fn overdue(rows: &[MeasureRow]) -> String {
    let mut c = Csv::new(&[
        "编号",
        "整改措施",
        "牵头单位",
        "逾期时限",
        "逾期天数",
        "状态",
        "最近报送",
    ]);
    for r in rows {
        c.row(&[
            r.id.clone(),
            r.title.clone(),
            r.lead.join("、"),
            date(r.overdue_since),
            r.days_overdue.to_string(),
            r.status.label().to_string(),
            date(r.last_entry),
        ]);
    }
    c.finish()
}

pub fn deadlines(rows: &[DeadlineRow]) -> String {
    let mut c = Csv::new(&[
        "时限",
        "剩余天数",
        "编号",
        "整改措施",
        "牵头单位",
        "要求",
        "状态",
    ]);
    for r in rows {
        c.row(&[
            r.due.to_string(),
            r.days_left.to_string(),
            r.measure.id.clone(),
            r.measure.title.clone(),
            r.measure.lead.join("、"),
            r.require.label().to_string(),
            r.measure.status.label().to_string(),
        ]);
    }
    c.finish()
}

pub fn units(rows: &[UnitRow]) -> String {
    let mut c = Csv::new(&[
        "单位",
        "其他写法",
        "领导小组办公室",
        "牵头",
        "参与",
        "台账条目",
    ]);
    for r in rows {
        c.row(&[
            r.name.clone(),
            r.aliases.join("、"),
            if r.office { "是" } else { "" }.to_string(),
            r.leads.to_string(),
            r.shares.to_string(),
            r.entries.to_string(),
        ]);
    }
    c.finish()
}

/// One row per unit and measure not reported on.
pub fn missing(r: &MissingReport) -> String {
    let mut c = Csv::new(&[
        "报送期限",
        "单位",
        "措施编号",
        "整改措施",
        "最近一次记录",
        "逾期补报",
    ]);
    let time = |t: Option<chrono::NaiveDateTime>| {
        t.map_or_else(String::new, |t| t.format("%Y-%m-%d %H:%M").to_string())
    };
    for u in &r.units {
        for m in &u.measures {
            c.row(&[
                r.due.to_string(),
                u.unit.clone(),
                m.id.clone(),
                m.title.clone(),
                time(u.last_recorded),
                time(m.filed_late),
            ]);
        }
    }
    c.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_as_rfc_4180() {
        assert_eq!(field("水务局"), "水务局");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("说\"好\""), "\"说\"\"好\"\"\"");
        assert_eq!(field("一\n二"), "\"一\r\n二\"");
        let mut c = Csv::new(&["甲", "乙"]);
        c.row(&["1", "x,y"]);
        assert_eq!(c.finish(), "\u{FEFF}甲,乙\r\n1,\"x,y\"\r\n");
    }
}
