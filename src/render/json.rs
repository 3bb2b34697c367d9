//! JSON output for scripts.

use anyhow::{Context, Result};
use serde::Serialize;

pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String> {
    let mut s = serde_json::to_string_pretty(value).context("无法生成 JSON")?;
    s.push('\n');
    Ok(s)
}
