//! The notice's header: its title, the covering notice, the issuer, the
//! issue date and the addressees.

use super::markers::{date_line, problem_heading};
use crate::diagnostic::Diagnostic;
use crate::punctuation;
use chrono::NaiveDate;

#[derive(Debug, Clone)]
pub struct Header {
    pub title: String,
    pub notice_title: Option<String>,
    pub issuer: Option<String>,
    pub issued: NaiveDate,
    pub addressees: Option<String>,
}

/// Reads the header from the lines before `first_heading` (the first
/// section heading, if any). Errors when there is no issue date.
pub fn read(
    lines: &[&str],
    first_heading: Option<usize>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Header> {
    let first_line = lines.iter().find(|l| !l.is_empty()).copied().unwrap_or("");
    let notice_title = first_line.contains("通知").then(|| first_line.to_string());
    let first_problem = lines
        .iter()
        .position(|l| problem_heading(l).is_some())
        .unwrap_or(lines.len());
    let header_end = first_heading.unwrap_or(lines.len()).min(first_problem);
    let mut issued = None;
    let mut issuer = None;
    for (i, l) in lines.iter().enumerate() {
        if let Some(d) = date_line(l) {
            issued = Some(d);
            issuer = lines[..i]
                .iter()
                .rev()
                .find(|p| !p.is_empty())
                .filter(|p| !p.ends_with('。') && p.chars().count() < 40)
                .map(|p| p.to_string());
            break;
        }
    }
    if issuer.is_none()
        && let Some(t) = &notice_title
        && let Some(p) = t.find("关于")
    {
        issuer = Some(t[..p].to_string());
    }
    let head = &lines[..header_end.min(lines.len())];
    let addressees = head
        .iter()
        .skip(1)
        .find(|l| l.chars().last().is_some_and(punctuation::is_colon) && l.chars().count() < 40)
        .map(|l| l.trim_end_matches(punctuation::is_colon).to_string());
    let title = head
        .iter()
        .find(|l| {
            (l.contains("方案") || l.contains("清单"))
                && !l.contains("通知")
                && !l.ends_with('。')
                && l.chars().count() < 120
        })
        .map(|l| l.to_string())
        .or_else(|| {
            let t = notice_title.as_deref()?;
            let a = t.find('《')?;
            let b = t.find('》')?;
            (b > a).then(|| t[a + '《'.len_utf8()..b].to_string())
        });
    let Some(issued) = issued else {
        diags.push(
            Diagnostic::error("找不到印发日期")
                .help("通知中应有单独一行的日期,如“2022年7月1日”;请补上后重新导入"),
        );
        return None;
    };
    let title = title.unwrap_or_else(|| {
        diags.push(Diagnostic::warning("找不到方案标题,以首行代替").line(1));
        first_line.to_string()
    });
    Some(Header {
        title,
        notice_title,
        issuer,
        issued,
        addressees,
    })
}
