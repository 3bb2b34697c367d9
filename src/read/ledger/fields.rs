//! An entry's fields as either reader saw them, and the checks that turn
//! them into an [`Entry`] or its [`Facts`]: one place for the field list,
//! the required fields and the value types.

use super::{Facts, LedgerError, err};
use crate::clock;
use crate::model::{Entry, EntryId, Status};
use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime};
use std::borrow::Cow;

/// A value as the fast reader or the TOML parser saw it.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Value<'a> {
    Str(Cow<'a, str>),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
    /// A time with a UTC offset (`Z` or `+08:00`).
    Offset(DateTime<FixedOffset>),
    Other(&'static str),
}

pub const FIELDS: [&str; 9] = [
    "date", "measure", "status", "progress", "problems", "next", "by", "recorded", "replaces",
];
pub(super) const DATE: usize = 0;
pub(super) const MEASURE: usize = 1;
pub(super) const STATUS: usize = 2;
pub(super) const PROGRESS: usize = 3;
pub(super) const PROBLEMS: usize = 4;
pub(super) const NEXT: usize = 5;
pub(super) const BY: usize = 6;
pub(super) const RECORDED: usize = 7;
pub(super) const REPLACES: usize = 8;
const REQUIRED: [usize; 5] = [DATE, MEASURE, STATUS, PROGRESS, RECORDED];

/// The index of a field name in [`FIELDS`].
pub(super) fn field_index(key: &str) -> Option<usize> {
    Some(match key {
        "date" => DATE,
        "measure" => MEASURE,
        "status" => STATUS,
        "progress" => PROGRESS,
        "problems" => PROBLEMS,
        "next" => NEXT,
        "by" => BY,
        "recorded" => RECORDED,
        "replaces" => REPLACES,
        _ => return None,
    })
}

/// A block's fields by index into [`FIELDS`], each with its line.
pub(super) type Fields<'a> = [Option<(usize, Value<'a>)>; FIELDS.len()];

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Str(_) => "字符串",
        Value::Date(_) => "日期",
        Value::DateTime(_) | Value::Offset(_) => "时间",
        Value::Other(k) => k,
    }
}

/// The first required field the block lacks.
pub(super) fn missing(f: &Fields) -> Option<&'static str> {
    REQUIRED
        .iter()
        .find(|&&k| f[k].is_none())
        .map(|&k| FIELDS[k])
}

/// Checks a block's fields and returns the facts; text fields are checked
/// for presence and type only. Times with an offset are converted to the
/// plan's local time `zone`.
pub(super) fn facts_from(
    f: &Fields,
    header: usize,
    zone: FixedOffset,
) -> Result<Facts, LedgerError> {
    if let Some(name) = missing(f) {
        return Err(err(header, format!("此条目缺少字段 {name}")));
    }
    let text = |k: usize| -> Result<Option<&Cow<str>>, LedgerError> {
        match &f[k] {
            None => Ok(None),
            Some((_, Value::Str(s))) => Ok(Some(s)),
            Some((line, v)) => Err(err(
                *line,
                format!("字段 {} 应为字符串，实为{}", FIELDS[k], kind(v)),
            )),
        }
    };
    let date = match &f[DATE] {
        Some((_, Value::Date(d))) => *d,
        Some((line, Value::Str(s))) => {
            clock::parse_date(s).map_err(|e| err(*line, format!("date: {e}")))?
        }
        Some((line, v)) => {
            return Err(err(
                *line,
                format!("字段 date 应为日期 YYYY-MM-DD，实为{}", kind(v)),
            ));
        }
        None => return Err(err(header, "此条目缺少字段 date")),
    };
    let recorded = match &f[RECORDED] {
        Some((_, Value::DateTime(t))) => *t,
        Some((_, Value::Offset(t))) => t.with_timezone(&zone).naive_local(),
        Some((line, Value::Str(s))) => {
            clock::parse_datetime(s).map_err(|e| err(*line, format!("recorded: {e}")))?
        }
        Some((line, v)) => {
            return Err(err(
                *line,
                format!(
                    "字段 recorded 应为时间 YYYY-MM-DDTHH:MM:SS，实为{}",
                    kind(v)
                ),
            ));
        }
        None => return Err(err(header, "此条目缺少字段 recorded")),
    };
    let status_text = text(STATUS)?.map(|s| s.as_ref()).unwrap_or_default();
    let status = Status::parse(status_text).ok_or_else(|| {
        let line = f[STATUS].as_ref().map_or(header, |(l, _)| *l);
        err(
            line,
            format!("status = “{status_text}”无效；可用 in_progress、phased、done（或 推进中、取得阶段性成效、已完成）"),
        )
    })?;
    let measure = text(MEASURE)?.map_or_else(|| "".into(), |s| s.as_ref().into());
    for k in [PROGRESS, PROBLEMS, NEXT, BY] {
        text(k)?;
    }
    let replaces = match text(REPLACES)? {
        None => None,
        Some(t) => Some(EntryId::parse(t).ok_or_else(|| {
            let line = f[REPLACES].as_ref().map_or(header, |(l, _)| *l);
            err(
                line,
                format!(
                    "replaces = “{t}”无效：应为被更正记录的 8 位编号（rectify show 措施编号 可查）"
                ),
            )
        })?),
    };
    if status == Status::Withdrawn && replaces.is_none() {
        return Err(err(
            header,
            "撤回记录（status = withdrawn）缺少字段 replaces：须写明撤回的是哪一条记录",
        ));
    }
    Ok(Facts {
        date,
        measure,
        status,
        recorded,
        replaces,
    })
}

/// Builds a whole entry from a block's fields.
pub(super) fn entry_from(
    mut f: Fields,
    header: usize,
    zone: FixedOffset,
) -> Result<Entry, LedgerError> {
    let facts = facts_from(&f, header, zone)?;
    let mut take = |k: usize| -> Option<String> {
        match f[k].take() {
            Some((_, Value::Str(s))) => Some(s.into_owned()),
            _ => None,
        }
    };
    Ok(Entry {
        date: facts.date,
        measure: facts.measure.to_string(),
        status: facts.status,
        progress: take(PROGRESS).unwrap_or_default(),
        problems: take(PROBLEMS),
        next: take(NEXT),
        by: take(BY),
        recorded: facts.recorded,
        replaces: facts.replaces,
    })
}

/// What a scan yields per entry.
pub(super) trait FromBlock: Sized {
    fn from_fields(f: Fields, header: usize, zone: FixedOffset) -> Result<Self, LedgerError>;
}

impl FromBlock for Entry {
    fn from_fields(f: Fields, header: usize, zone: FixedOffset) -> Result<Self, LedgerError> {
        entry_from(f, header, zone)
    }
}

impl FromBlock for Facts {
    fn from_fields(f: Fields, header: usize, zone: FixedOffset) -> Result<Self, LedgerError> {
        facts_from(&f, header, zone)
    }
}
