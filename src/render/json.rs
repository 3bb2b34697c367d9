//! JSON output for scripts.

use crate::model::Entry;
use anyhow::{Context, Result};
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Map, Value};

pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut s = serde_json::to_string_pretty(value).context("无法生成 JSON")?;
    s.push('\n');
    Ok(s)
}

/// A view as JSON: an object naming the plan and the day, with `rows`
/// under `key` (`{"plan": …, "as_of": …, "measures": […]}`).
pub fn view<T: Serialize + ?Sized>(
    plan: &str,
    as_of: NaiveDate,
    key: &str,
    rows: &T,
) -> Result<String> {
    let mut object = Map::new();
    object.insert("plan".into(), Value::from(plan));
    object.insert("as_of".into(), Value::from(as_of.to_string()));
    object.insert(
        key.into(),
        serde_json::to_value(rows).context("无法生成 JSON")?,
    );
    to_string(&Value::Object(object))
}

/// A report that is an object already, with the plan and the day added.
pub fn report<T: Serialize + ?Sized>(plan: &str, as_of: NaiveDate, report: &T) -> Result<String> {
    let mut object = Map::new();
    object.insert("plan".into(), Value::from(plan));
    object.insert("as_of".into(), Value::from(as_of.to_string()));
    match serde_json::to_value(report).context("无法生成 JSON")? {
        Value::Object(fields) => {
            for (k, v) in fields {
                object.entry(k).or_insert(v);
            }
        }
        other => {
            object.insert("report".into(), other);
        }
    }
    to_string(&Value::Object(object))
}

/// An entry `log`, `signoff` or `reopen` recorded, with its ledger.
pub fn recorded(ledger: &str, unit: &str, entry: &Entry) -> Result<String> {
    let value = serde_json::json!({
        "ledger": ledger,
        "unit": unit,
        "date": entry.date.to_string(),
        "measure": entry.measure,
        "status": entry.status.key(),
        "progress": entry.progress,
        "problems": entry.problems,
        "next": entry.next,
        "by": entry.by,
        "recorded": entry.recorded.format("%Y-%m-%dT%H:%M:%S").to_string(),
        "id": entry.id(),
        "replaces": entry.replaces,
    });
    to_string(&value)
}
