//! What a filled report form asks to append, checked row by row against
//! the plan: the form is this plan's and this unit's, no locked cell was
//! edited, and each filled row is an entry the unit may record — its
//! measure, its status, its date within the month — by the rules `log`
//! keeps ([`admission::entry_breaches`]). Every problem is listed with its
//! cell; the ledger-dependent rules are judged later, under the lock.

use crate::cli::value;
use crate::diagnostic::Diagnostic;
use crate::model::admission::{self, Breach};
use crate::model::report_form::{Column, identity};
use crate::model::{Entry, Plan, Status, UnitId};
use crate::read::report_form::{FilledForm, FormRow};
use crate::read::sheet::{Cell, serial_date};
use crate::render::chinese;
use crate::views::template::month_end;
use chrono::{Datelike, NaiveDate, NaiveDateTime};

/// A row to append, with the cells its rules are about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub entry: Entry,
    /// `file!H7`: the progress cell, and the status cell.
    pub progress_at: String,
    pub status_at: String,
}

/// The checked form: whose it is, for which month, the rows to append.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Intake {
    pub unit: UnitId,
    pub month: NaiveDate,
    pub rows: Vec<Candidate>,
}

const STATUSES: &str = "推进中/取得阶段性成效/已完成";

/// Checks `form` for `plan`; `sender`, when given, is the unit the form
/// must be for. Every problem found, or the rows to append.
pub fn check(
    plan: &Plan,
    form: &FilledForm,
    sender: Option<UnitId>,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<Intake, Vec<Diagnostic>> {
    let (unit, month) = whose(plan, form, sender).map_err(|d| vec![d])?;
    let mut errors = locked_edits(plan, form);
    let mut rows = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for r in &form.rows {
        if [
            Column::Progress,
            Column::Problems,
            Column::Next,
            Column::Status,
        ]
        .iter()
        .all(|c| cell(r, *c).is_empty())
        {
            continue;
        }
        if seen.contains(&r.id.as_str()) {
            errors.push(
                Diagnostic::error(format!("措施 {} 在表中出现了两次", r.id))
                    .at(form.place(r.row, Column::Id), None)
                    .help("每条措施只填一行"),
            );
            continue;
        }
        seen.push(&r.id);
        match row(plan, form, r, unit, month, today, now) {
            Ok(c) => rows.push(c),
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(Intake { unit, month, rows })
    } else {
        Err(errors)
    }
}

fn cell(r: &FormRow, c: Column) -> Cell {
    r.cells.get(&c).cloned().unwrap_or(Cell::Empty)
}

fn optional(r: &FormRow, c: Column) -> Option<String> {
    Some(cell(r, c).text()).filter(|t| !t.is_empty())
}

/// The unit and month the form is for, once it is known to be this plan's.
fn whose(
    plan: &Plan,
    form: &FilledForm,
    sender: Option<UnitId>,
) -> Result<(UnitId, NaiveDate), Diagnostic> {
    let here = || form.display.clone();
    let stamp = &form.stamp;
    let other_plan = match &stamp.plan {
        Some(h) => *h != identity(plan),
        None => stamp.plan_title.as_deref() != Some(plan.title.as_str()),
    };
    if other_plan {
        return Err(Diagnostic::error(format!(
            "这份填报表不是按本工作区的方案（《{}》）生成的，或生成后方案的措施有了变动",
            plan.title
        ))
        .at(here(), None)
        .help("用本工作区的 rectify template 重新生成填报表，请该单位重新填报"));
    }
    let Some(unit) = plan.units.exact(&stamp.unit) else {
        return Err(
            Diagnostic::error(format!("填报表的单位“{}”不在方案中", stamp.unit))
                .at(here(), None)
                .help("用 rectify template 重新生成填报表"),
        );
    };
    if let Some(s) = sender
        && s != unit
    {
        return Err(Diagnostic::error(format!(
            "这是{}的填报表，不是{}的",
            stamp.unit,
            plan.units.name(s)
        ))
        .at(here(), None)
        .help("核对报送单位与文件；每个单位只导入本单位的填报表"));
    }
    let month = value::month(&stamp.month)
        .map_err(|e| Diagnostic::error(format!("填报月份“{}”{e}", stamp.month)).at(here(), None))?;
    Ok((unit, month.0))
}

/// Locked cells that differ from what rectify wrote (the hidden copy), and
/// measure rows missing or added.
fn locked_edits(plan: &Plan, form: &FilledForm) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let edited = |at: &str, was: &str, now: &str| {
        Diagnostic::error(format!("锁定的单元格被改动：原为“{was}”，现为“{now}”"))
            .at(at.to_string(), None)
            .help("这里由 rectify 填写，请恢复原样（或重新生成填报表）后再导入")
    };
    let stamp = &form.stamp;
    let month_shown = value::month(&stamp.month)
        .map(|m| chinese::month(m.0))
        .unwrap_or_default();
    if let Some((shown, at)) = &form.shown_unit
        && *shown != stamp.unit
    {
        out.push(edited(at, &stamp.unit, shown));
    }
    if let Some((shown, at)) = &form.shown_month
        && stamp.plan.is_some()
        && *shown != month_shown
    {
        out.push(edited(at, &month_shown, shown));
    }
    let Some(copies) = &form.copies else {
        return out;
    };
    for r in &form.rows {
        let Some((_, texts)) = copies.iter().find(|(id, _)| *id == r.id) else {
            out.push(
                Diagnostic::error(format!("编号“{}”不是这份填报表原有的措施", r.id))
                    .at(form.place(r.row, Column::Id), None)
                    .help("不要增加行或改动编号；其他措施请用该措施单位的填报表"),
            );
            continue;
        };
        for (k, col) in Column::locked_columns().enumerate() {
            let now = cell(r, col).text();
            let was = texts.get(k).map(String::as_str).unwrap_or_default();
            if col != Column::Id && now != was && form.columns.contains_key(&col) {
                out.push(edited(&form.place(r.row, col), was, &now));
            }
        }
    }
    for (id, _) in copies {
        if !form.rows.iter().any(|r| r.id == *id) && plan.measure(id).is_some() {
            out.push(
                Diagnostic::error(format!("措施 {id} 的行不见了（编号被改动或整行被删除）"))
                    .at(form.display.clone(), None)
                    .help("不要删除行或改动编号；可重新生成填报表后再填"),
            );
        }
    }
    out
}

/// One filled row as an entry, or every problem with it.
fn row(
    plan: &Plan,
    form: &FilledForm,
    r: &FormRow,
    unit: UnitId,
    month: NaiveDate,
    today: NaiveDate,
    now: NaiveDateTime,
) -> Result<Candidate, Vec<Diagnostic>> {
    let at = |c: Column| form.place(r.row, c);
    let Some(m) = plan.measure(&r.id) else {
        return Err(vec![
            Diagnostic::error(format!("没有编号为“{}”的措施", r.id)).at(at(Column::Id), None),
        ]);
    };
    if !m.involves(unit) {
        return Err(vec![
            admission::not_involved(plan, unit, m).at(at(Column::Id), None),
        ]);
    }
    let mut errors = Vec::new();
    let status = status(&cell(r, Column::Status)).map_err(|e| e.at(at(Column::Status), None));
    let date = date(&cell(r, Column::Date), month).map_err(|e| e.at(at(Column::Date), None));
    let (status, date) = match (status, date) {
        (Ok(s), Ok(d)) => (s, d),
        (s, d) => {
            errors.extend(s.err());
            errors.extend(d.err());
            (Status::InProgress, month)
        }
    };
    let entry = Entry {
        date,
        measure: m.id.0.clone(),
        status,
        progress: cell(r, Column::Progress).text(),
        problems: optional(r, Column::Problems),
        next: optional(r, Column::Next),
        by: optional(r, Column::By),
        recorded: now,
        replaces: None,
    };
    for b in admission::entry_breaches(plan, &entry, today) {
        let place = match b {
            Breach::EmptyProgress { .. } => at(Column::Progress),
            Breach::RecordedBeforePlanYear { .. } => form.display.clone(),
            _ => at(Column::Date),
        };
        if errors.is_empty() || matches!(b, Breach::EmptyProgress { .. }) {
            errors.push(b.diagnostic().at(place, None));
        }
    }
    if errors.is_empty() {
        Ok(Candidate {
            entry,
            progress_at: at(Column::Progress),
            status_at: at(Column::Status),
        })
    } else {
        Err(errors)
    }
}

fn status(c: &Cell) -> Result<Status, Diagnostic> {
    let text = c.text();
    if text.is_empty() {
        return Err(
            Diagnostic::error(format!("状态未填写，应为 {STATUSES}")).help("从下拉列表中选择")
        );
    }
    value::progress_status(&text).map_err(|_| {
        Diagnostic::error(format!("状态“{text}”无效，应为 {STATUSES}")).help("从下拉列表中选择")
    })
}

/// The 日期 cell: a date, an Excel day number, or text as people type it;
/// empty, the month's last day. It must fall in the month.
fn date(c: &Cell, month: NaiveDate) -> Result<NaiveDate, Diagnostic> {
    let wrong = |text: &str| {
        Diagnostic::error(format!("日期“{text}”无效"))
            .help("写作 2022-07-31、2022/7/31 或 2022年7月31日")
    };
    let d = match c {
        Cell::Empty => month_end(month),
        Cell::Date(d) => *d,
        Cell::Number(n) => serial_date(*n).ok_or_else(|| wrong(&c.text()))?,
        Cell::Text(t) => value::day(t)
            .ok()
            .and_then(|d| d.in_year(month.year()))
            .ok_or_else(|| wrong(t.trim()))?,
    };
    if d.year() != month.year() || d.month() != month.month() {
        return Err(Diagnostic::error(format!(
            "日期 {d} 不在填报月份（{}）内",
            chinese::month(month)
        ))
        .help("只填报本月的进展；其他月份的进展用那个月的填报表"));
    }
    Ok(d)
}
