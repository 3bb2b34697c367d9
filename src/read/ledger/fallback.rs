//! The TOML fallback: a block the fast reader does not know for certain
//! (multi-line strings, inline tables, quoted keys…) parsed by the `toml`
//! crate, so the result is the same as parsing the file as TOML.

use super::fields::{FIELDS, Fields, Value, field_index};
use super::{LedgerError, err};
use crate::diagnostic::line_of;
use chrono::{FixedOffset, NaiveDate, NaiveTime};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::BTreeMap;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SlowDoc {
    entry: Vec<BTreeMap<Spanned<String>, Spanned<toml::Value>>>,
}

/// Parses one block (its `[[entry]]` header is on line `first`).
pub(super) fn slow_block(block: &str, first: usize) -> Result<Fields<'static>, LedgerError> {
    let doc: SlowDoc = toml::from_str(block).map_err(|e| {
        let line = e
            .span()
            .map_or(first, |s| first - 1 + line_of(block, s.start));
        // The likeliest hand edit: text in Chinese quotation marks.
        let curly = block
            .lines()
            .nth(line.saturating_sub(first))
            .is_some_and(|l| {
                l.split_once('=')
                    .is_some_and(|(_, v)| v.trim_start().starts_with(['“', '”', '‘']))
            });
        if curly {
            return err(line, "文字要用英文半角双引号(\")括起来,不能用中文引号“”");
        }
        err(
            line,
            format!(
                "不是有效的 TOML：{}",
                crate::read::toml_error::chinese(e.message())
            ),
        )
    })?;
    let Some(table) = doc.entry.into_iter().next() else {
        return Err(err(first, "空的条目"));
    };
    let mut fields: Fields = Default::default();
    for (k, v) in table {
        let line = first - 1 + line_of(block, v.span().start);
        let value = value_of(v.into_inner()).map_err(|m| err(line, m))?;
        let key = k.into_inner();
        let Some(index) = field_index(&key) else {
            return Err(err(
                line,
                format!("未知字段 {key}；可用字段：{}", FIELDS.join("、")),
            ));
        };
        fields[index] = Some((line, value));
    }
    Ok(fields)
}

fn value_of(v: toml::Value) -> Result<Value<'static>, &'static str> {
    Ok(match v {
        toml::Value::String(s) => Value::Str(Cow::Owned(s)),
        toml::Value::Datetime(dt) => {
            let date = dt
                .date
                .map(|d| NaiveDate::from_ymd_opt(d.year as i32, d.month as u32, d.day as u32));
            let time = dt.time.map(|t| {
                NaiveTime::from_hms_nano_opt(
                    t.hour as u32,
                    t.minute as u32,
                    t.second.unwrap_or(0) as u32,
                    t.nanosecond.unwrap_or(0),
                )
            });
            match (date, time, dt.offset) {
                (Some(None), _, _) => return Err("无效的日期"),
                (_, Some(None), _) => return Err("无效的时间"),
                (Some(Some(d)), None, None) => Value::Date(d),
                (Some(Some(d)), Some(Some(t)), None) => Value::DateTime(d.and_time(t)),
                (Some(Some(d)), Some(Some(t)), Some(offset)) => {
                    let minutes = match offset {
                        toml::value::Offset::Z => 0,
                        toml::value::Offset::Custom { minutes } => minutes as i32,
                    };
                    let zone = FixedOffset::east_opt(minutes * 60).ok_or("无效的时区")?;
                    match d.and_time(t).and_local_timezone(zone).single() {
                        Some(t) => Value::Offset(t),
                        None => return Err("无效的时间"),
                    }
                }
                _ => Value::Other("不完整的时间"),
            }
        }
        toml::Value::Integer(_) => Value::Other("整数"),
        toml::Value::Float(_) => Value::Other("小数"),
        toml::Value::Boolean(_) => Value::Other("布尔值"),
        toml::Value::Array(_) => Value::Other("数组"),
        toml::Value::Table(_) => Value::Other("表"),
    })
}
