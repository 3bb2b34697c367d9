//! clap's own words in Chinese: help templates, usage lines, the
//! annotations of defaults, variables and choices, examples, and errors.

use super::value;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, Command};
use std::fmt::Write;

/// Puts every help text of `cmd` and its subcommands in Chinese.
pub fn localize(cmd: Command) -> Command {
    let cmd = cmd
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本"),
        )
        .disable_help_subcommand(true);
    localize_one(cmd, "rectify")
}

fn localize_one(mut cmd: Command, path: &str) -> Command {
    cmd = cmd.disable_help_flag(true).arg(
        Arg::new("help")
            .short('h')
            .long("help")
            .action(ArgAction::Help)
            .help("显示帮助"),
    );
    let ids: Vec<clap::Id> = cmd.get_arguments().map(|a| a.get_id().clone()).collect();
    for id in ids {
        cmd = cmd.mut_arg(id, annotate);
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        let sub_path = format!("{path} {name}");
        cmd = cmd.mut_subcommand(&name, |s| localize_one(s, &sub_path));
    }
    let examples = examples(cmd.get_name());
    let examples = if path == "rectify" { "" } else { examples };
    let usage = usage(&cmd, path);
    let template = template(&cmd, !examples.is_empty());
    cmd = cmd
        .override_usage(usage)
        .help_template(template)
        .subcommand_help_heading("命令")
        .subcommand_value_name("命令");
    if !examples.is_empty() {
        cmd = cmd.after_help(format!("示例:\n{}", examples.trim_end()));
    }
    cmd
}

/// Writes default, variable and choices into the help text in Chinese.
fn annotate(arg: Arg) -> Arg {
    let mut help = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
    let mut notes = Vec::new();
    if arg.get_action().takes_values() {
        let choices: Vec<String> = arg
            .get_possible_values()
            .iter()
            .filter(|v| !v.is_hide_set())
            .map(|v| v.get_name().to_string())
            .collect();
        if !choices.is_empty() {
            notes.push(format!("[可选值: {}]", choices.join("、")));
        }
        let defaults: Vec<String> = arg
            .get_default_values()
            .iter()
            .map(|v| v.to_string_lossy().to_string())
            .collect();
        if !defaults.is_empty() {
            notes.push(format!("[默认: {}]", defaults.join("、")));
        }
    }
    if let Some(env) = arg.get_env() {
        notes.push(format!("[环境变量: {}]", env.to_string_lossy()));
    }
    if !notes.is_empty() {
        help = format!("{help} {}", notes.join(" "));
    }
    // Options every subcommand takes come after the subcommand's own.
    let arg = if arg.is_global_set() {
        arg.display_order(100)
    } else {
        arg
    };
    let arg = arg.help(help).hide_env(true);
    if arg.get_action().takes_values() {
        arg.hide_possible_values(true).hide_default_value(true)
    } else {
        arg
    }
}

/// `rectify log [选项] <编号>`.
fn usage(cmd: &Command, path: &str) -> String {
    let mut s = format!("{path} [选项]");
    for a in cmd.get_positionals() {
        let name = a
            .get_value_names()
            .and_then(|v| v.first())
            .map_or_else(|| a.get_id().to_string(), |n| n.to_string());
        if a.is_required_set() {
            let _ = write!(s, " <{name}>");
        } else {
            let _ = write!(s, " [{name}]");
        }
    }
    if cmd.has_subcommands() {
        s.push_str(" <命令>");
    }
    s
}

fn template(cmd: &Command, examples: bool) -> String {
    let mut t = String::from("{about-with-newline}\n用法: {usage}");
    if cmd.get_positionals().next().is_some() {
        t.push_str("\n\n参数:\n{positionals}");
    }
    t.push_str("\n\n选项:\n{options}");
    if cmd.has_subcommands() {
        t.push_str("\n\n命令:\n{subcommands}");
    }
    if examples {
        t.push_str("{after-help}");
    }
    t.push('\n');
    t
}

/// A subcommand's 示例 section.
fn examples(name: &str) -> &'static str {
    match name {
        "init" => {
            "  rectify init 安宁整改\n  rectify init 新工作区 --from 通知.txt --units 单位.toml\n"
        }
        "import" => {
            "  rectify import 通知.txt --check\n  rectify import 通知.txt --units plan/units.toml -o plan/plan.toml\n"
        }
        "log" => {
            "  rectify log 1.2 -u 水务局 -s 推进中 -p \"完成全市农村供水保障排查\"\n  rectify log 5.1 -s 已完成 -p \"已全部完成\" --date 7月5日 -b 张三\n"
        }
        "status" => {
            "  rectify status\n  rectify status --as-of 2022-07-10 -u 水务局\n  rectify status --problem 五\n"
        }
        "overdue" => "  rectify overdue --as-of 2022-07-10\n  rectify overdue -o 逾期.txt\n",
        "deadlines" => "  rectify deadlines --within 15\n",
        "show" => "  rectify show 5.1\n  rectify show 措施1.2 --format json\n",
        "units" => "  rectify units\n",
        "summary" => {
            "  rectify summary --month 2022-07 -u 水务局 -o 水务局7月报告.txt\n  rectify summary --month 2022年7月 --docx 汇总报告.docx\n  rectify summary --month 2022-07 --all-units --docx 各单位报告\n"
        }
        "missing" => {
            "  rectify missing\n  rectify missing --due 2022-08-10 --exit-code\n  rectify missing --docx 催报通知\n"
        }
        "amend" => {
            "  rectify show 1.2                      (查到要更正的记录编号)\n  rectify amend 3f9a1c2e -u 水务局 -p \"完成全市农村供水保障排查,覆盖 9 个街道\"\n  rectify amend 3f9a1c2e -s 取得阶段性成效 --date 7月6日\n"
        }
        "withdraw" => "  rectify withdraw 3f9a1c2e -u 水务局 -r \"误记到措施 1.2,应为 1.3\"\n",
        "signoff" => "  rectify signoff 2.2 -b 王五 -n \"经核查,学习记录齐全\"\n",
        "reopen" => "  rectify reopen 2.2 -b 王五 -n \"抽查发现资料不全\"\n",
        "check" => "  rectify check\n  rectify check --errors-only\n",
        "export" => {
            "  rectify export -o 整改台账.xlsx\n  rectify export -o 水务局台账.xlsx -u 水务局 --history\n"
        }
        "dashboard" => "  rectify dashboard -o 看板.html\n",
        "convert-ledger" => "  rectify convert-ledger 水务局\n",
        "template" => {
            "  rectify template -u 水务局 --month 2022-07 -o 市水务局-2022-07.xlsx\n  rectify template --all --month 2022年7月 -o 7月填报表\n"
        }
        "ingest" => {
            "  rectify ingest 市水务局-2022-07.xlsx --dry-run\n  rectify ingest 7月填报表/*.xlsx\n"
        }
        "completions" => {
            "  rectify completions bash > ~/.local/share/bash-completion/completions/rectify\n  rectify completions powershell >> $PROFILE\n"
        }
        _ => "",
    }
}

fn context(e: &clap::Error, kind: ContextKind) -> Option<String> {
    e.get(kind).map(|v| match v {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.join("、"),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(v) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join("、"),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        _ => String::new(),
    })
}

/// A clap error in Chinese, with the usage line of the command it is about.
pub fn error_message(e: &clap::Error, root: &Command, argv: &[String]) -> String {
    let arg = context(e, ContextKind::InvalidArg).unwrap_or_default();
    // "--date <日期>" names the option; the value name adds nothing here.
    let option = arg.split(" <").next().unwrap_or_default().to_string();
    let value = context(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut s = match e.kind() {
        ErrorKind::InvalidValue if value.is_empty() => format!("{option}: 需要一个值"),
        ErrorKind::InvalidValue => {
            let valid = context(e, ContextKind::ValidValue).unwrap_or_default();
            format!("{option}: “{value}”无效;可选值: {valid}")
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| s.to_string())
                .unwrap_or_default();
            // A value error is about one word: no usage line after it.
            return if why == value::EMPTY {
                format!("{option}: {why}")
            } else {
                format!("{option}: “{value}”{why}")
            };
        }
        ErrorKind::UnknownArgument if value::looks_like_quoted_tail(&arg) => {
            format!("多出来的参数“{arg}”\n    提示: {}", value::QUOTING)
        }
        ErrorKind::UnknownArgument if arg.starts_with('-') => format!("没有“{arg}”这个选项"),
        ErrorKind::UnknownArgument => format!("多出来的参数“{arg}”"),
        ErrorKind::InvalidSubcommand => {
            let name = context(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("没有“{name}”这个命令")
        }
        ErrorKind::NoEquals => format!("{arg} 的值须用等号写在后面,如 {arg}=值"),
        ErrorKind::ArgumentConflict => {
            let prior = context(e, ContextKind::PriorArg).unwrap_or_default();
            format!("{arg} 不能与 {prior} 同时使用")
        }
        ErrorKind::MissingRequiredArgument => format!("缺少必需的参数: {arg}"),
        ErrorKind::MissingSubcommand => "缺少命令".to_string(),
        ErrorKind::TooManyValues => format!("{arg} 的值太多:“{value}”"),
        ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => {
            format!("{arg} 的值个数不对")
        }
        ErrorKind::InvalidUtf8 => "参数不是有效的 UTF-8 文字".to_string(),
        _ => "命令行有误".to_string(),
    };
    let suggestion = context(e, ContextKind::SuggestedArg)
        .or_else(|| context(e, ContextKind::SuggestedValue))
        .or_else(|| context(e, ContextKind::SuggestedSubcommand));
    if let Some(sugg) = suggestion {
        let _ = write!(s, "\n    提示: 是不是要写 {sugg}?");
    }
    if e.kind() == ErrorKind::InvalidValue {
        return s;
    }
    let target = subcommand_of(root, argv);
    let path = if std::ptr::eq(target, root) {
        "rectify".to_string()
    } else {
        format!("rectify {}", target.get_name())
    };
    let _ = write!(s, "\n\n用法: {}", usage(target, &path));
    let _ = write!(s, "\n详细说明请看 {path} --help");
    s
}

/// The subcommand the arguments name, or the root.
fn subcommand_of<'c>(root: &'c Command, argv: &[String]) -> &'c Command {
    argv.iter()
        .skip(1)
        .find_map(|a| root.find_subcommand(a))
        .unwrap_or(root)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_command_tree_is_consistent() {
        super::super::command().debug_assert();
    }
}
