//! `rectify convert-ledger UNIT`: a unit's ledger saved as GBK, with a
//! byte-order mark or with CR-only line breaks, converted to plain UTF-8
//! with the original kept beside it, so that `log` can append to it.

use super::{Context, chosen_unit};
use crate::cli::ConvertLedgerArgs;
use crate::clock;
use crate::diagnostic::Diagnostic;
use crate::read::ledger::{Encoding, LineEnding, TextStyle};
use crate::read::ledger_name;
use crate::write::ledger_conversion;
use anyhow::Result;
use std::process::ExitCode;

pub fn run(ctx: &Context, args: &ConvertLedgerArgs) -> Result<ExitCode> {
    let ws = ctx.open()?;
    let defaults = ctx.defaults(&ws)?;
    let Some(unit) = chosen_unit(&ws.plan, args.unit.as_deref(), &defaults)? else {
        return Err(Diagnostic::error("没有指明单位")
            .help("写出单位名称，如 rectify convert-ledger 水务局")
            .into());
    };
    let display = ledger_name::display(ws.plan.units.name(unit));
    let now = clock::now(ws.plan.zone)?;
    match ledger_conversion::convert(&ws.ledger_path(unit), &display, ws.plan.zone, now)? {
        None => eprintln!("{display} 已是 UTF-8 文本（不带 BOM），无需转换"),
        Some(c) => eprintln!(
            "已把 {display} 由{}转换为 UTF-8：{} 条记录转换前后逐条一致；原文件保存为 {}",
            style_label(c.from),
            c.entries,
            c.backup
        ),
    }
    Ok(ExitCode::SUCCESS)
}

/// How the ledger was saved, in words.
fn style_label(s: TextStyle) -> String {
    let mut parts = vec![match s.encoding {
        Encoding::Utf8 if s.bom => "带 BOM 的 UTF-8".to_string(),
        e => e.label().to_string(),
    }];
    if s.line_ending == LineEnding::Cr {
        parts.push("只用 CR 换行".to_string());
    }
    parts.join("、")
}
