//! The command line itself: help and errors in Chinese, forgiving input,
//! the officer's defaults, exit codes, `-o`, terminal styles, completions.

use crate::harness::*;
use std::path::Path;

const SUBCOMMANDS: [&str; 21] = [
    "init",
    "import",
    "log",
    "amend",
    "withdraw",
    "status",
    "overdue",
    "deadlines",
    "show",
    "units",
    "summary",
    "missing",
    "signoff",
    "reopen",
    "check",
    "convert-ledger",
    "export",
    "dashboard",
    "template",
    "ingest",
    "completions",
];

/// Words of four or more Latin letters a person may see untranslated:
/// the program, values typed as they are, and the settings key `unit`
/// (subcommand names are allowed too).
const ALLOWED: [&str; 20] = [
    "rectify",
    "ASCII",
    "table",
    "json",
    "auto",
    "always",
    "never",
    "bash",
    "fish",
    "powershell",
    "elvish",
    "phased",
    "done",
    "less",
    "unit",
    "YYYY",
    "PROFILE",
    // File extensions, as in the file names a clerk types.
    "docx",
    "xlsx",
    "html",
];

/// English words in `text`, leaving out options (`--as-of`), file names
/// (`plan/plan.toml`), variables (`RECTIFY_UNIT`) and allowed values.
fn english_words(text: &str) -> Vec<String> {
    let mut found = Vec::new();
    let token_char = |c: char| c.is_ascii_alphanumeric() || "-_./*$~<>".contains(c);
    for token in text.split(|c: char| !token_char(c)) {
        let token = token
            .trim_matches(|c: char| "<>".contains(c))
            .trim_end_matches('.');
        let is_name = token.starts_with('-') || token.contains(['/', '.', '_', '$', '~']);
        if is_name || SUBCOMMANDS.contains(&token) {
            continue;
        }
        for word in token.split(|c: char| !c.is_ascii_alphabetic()) {
            if word.len() >= 4 && !ALLOWED.contains(&word) && !SUBCOMMANDS.contains(&word) {
                found.push(word.to_string());
            }
        }
    }
    found
}

#[test]
fn the_word_finder_finds_english() {
    assert_eq!(
        english_words("Usage: rectify [OPTIONS] --as-of plan/plan.toml"),
        ["Usage", "OPTIONS"]
    );
    assert!(english_words("用法: rectify log [选项] RECTIFY_UNIT table、json").is_empty());
}

#[test]
fn every_help_is_in_chinese_with_examples() {
    let ws = Workspace::new();
    let root = ws.run(&["--help"]);
    root.ok();
    assert!(
        root.stdout.contains("用法: rectify [选项] <命令>"),
        "{}",
        root.stdout
    );
    assert!(root.stdout.contains("命令:"));
    assert_eq!(english_words(&root.stdout), Vec::<String>::new());
    let version = ws.run(&["--version"]);
    version.ok();
    assert!(version.stdout.starts_with("rectify "), "{}", version.stdout);
    for sub in SUBCOMMANDS {
        for flag in ["--help", "-h"] {
            let out = ws.run(&[sub, flag]);
            out.ok();
            let help = &out.stdout;
            assert!(
                help.contains(&format!("用法: rectify {sub} [选项]")),
                "{help}"
            );
            assert!(help.contains("选项:"), "{help}");
            assert!(help.contains("显示帮助"), "{help}");
            assert!(help.contains("\n示例:\n  rectify "), "{sub}: {help}");
            assert_eq!(english_words(help), Vec::<String>::new(), "{sub}: {help}");
        }
    }
    // Help wraps at the terminal's width: compare with whitespace folded.
    let log = ws.run(&["log", "--help"]).stdout;
    let log = log.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(log.contains("参数: <编号> 措施编号"), "{log}");
    assert!(log.contains("[环境变量: RECTIFY_UNIT]"), "{log}");
    assert!(log.contains("[可选值: table、json] [默认: table]"), "{log}");
    let init = ws.run(&["init", "--help"]).stdout;
    assert!(init.contains("<目录>  新工作区的目录"), "{init}");
    assert!(init.contains("--from <通知文件>"), "{init}");
}

/// Runs a command that the parser refuses: exit 2, Chinese only.
fn usage_error(ws: &Workspace, args: &[&str]) -> String {
    let before = ws.snapshot();
    let out = ws.run(args);
    assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
    assert_eq!(out.stdout, "", "{args:?}");
    assert_eq!(before, ws.snapshot(), "{args:?}");
    // What the person typed is said back as typed.
    let said = args
        .iter()
        .fold(out.stderr.clone(), |s, a| s.replace(a, " "));
    assert_eq!(
        english_words(&said),
        Vec::<String>::new(),
        "{args:?}: {}",
        out.stderr
    );
    out.stderr
}

#[test]
fn every_parser_error_is_in_chinese() {
    let ws = Workspace::new();
    let cases: &[(&[&str], &str)] = &[
        (
            &["log", "1.2", "-u", "水务局"],
            "错误: 缺少必需的参数: --status <状态>、--progress <文字>\n\n用法: rectify log [选项] <编号>\n详细说明请看 rectify log --help\n",
        ),
        (
            &["status", "--format", "xml"],
            "错误: --format: “xml”无效;可选值: table、json、csv\n",
        ),
        (
            &["status", "--formt", "json"],
            "错误: 没有“--formt”这个选项\n    提示: 是不是要写 --format?\n\n用法: rectify status [选项]\n详细说明请看 rectify status --help\n",
        ),
        (
            &["staus"],
            "错误: 没有“staus”这个命令\n    提示: 是不是要写 status?\n\n用法: rectify [选项] <命令>\n详细说明请看 rectify --help\n",
        ),
        (
            &["init", "a", "--plan", "p.toml", "--from", "n.txt"],
            "错误: --plan <文件> 不能与 --from <通知文件> 同时使用\n\n用法: rectify init [选项] <目录>\n详细说明请看 rectify init --help\n",
        ),
        (
            &["show", "1.2", "1.3"],
            "错误: 多出来的参数“1.3”\n\n用法: rectify show [选项] <编号>\n详细说明请看 rectify show --help\n",
        ),
        (
            &["status", "--problem", "x"],
            "错误: --problem: “x”不是问题序号;应写作 1、一 或 (一)\n",
        ),
        (
            &["deadlines", "--within", "三十"],
            "错误: --within: “三十”不是天数,应写作整数,如 30\n",
        ),
        (
            &["summary", "--month", "七月"],
            "错误: --month: “七月”不是有效的月份,应写作 YYYY-MM(如 2022-07),也可写 2022-7、2022.07、2022年7月\n",
        ),
        (
            &["import", "n.txt", "--encoding", "latin1"],
            "错误: --encoding: “latin1”不是认识的编码;可选值: utf-8、gbk、gb18030\n",
        ),
        (
            &["completions", "cmd"],
            "错误: <外壳>: “cmd”无效;可选值: bash、elvish、fish、powershell、zsh\n",
        ),
        (&["status", "--as-of"], "错误: --as-of: 需要一个值\n"),
    ];
    for (args, expected) in cases {
        assert_eq!(usage_error(&ws, args), *expected, "{args:?}");
    }
    // Curly quotes around a text with a space: the shell splits it.
    let err = usage_error(
        &ws,
        &[
            "log",
            "1.2",
            "-u",
            "水务局",
            "-s",
            "推进中",
            "-p",
            "“完成排查",
            "召开调度会”",
        ],
    );
    assert!(err.contains("英文半角引号"), "{err}");
    // Nothing at all: the help, on standard error.
    let err = usage_error(&ws, &[]);
    assert!(err.contains("用法: rectify [选项] <命令>"), "{err}");
}

#[test]
fn what_an_ime_types_is_accepted_and_said_back() {
    let ws = Workspace::new();
    let out = ws.run(&[
        "log",
        "１．２",
        "-u",
        "安宁市水务局",
        "-s",
        "推进中",
        "-p",
        "“完成排查 召开调度会”",
        "--date",
        "7月5日",
        "-b",
        "张三",
    ]);
    out.ok();
    assert_eq!(
        out.stderr,
        "提示: --date 日期按计划年度 2022 年记为 2022-07-05\n已记入 reports/市水务局.toml: 措施 1.2 2022-07-05 推进中\n  单位: 市水务局\n  整改进展情况: 完成排查 召开调度会\n  记录人: 张三\n"
    );
    let ledger = ws.read("reports/市水务局.toml");
    assert!(ledger.contains("date = 2022-07-05\nmeasure = \"1.2\"\nstatus = \"in_progress\"\nprogress = \"完成排查 召开调度会\"\n"), "{ledger}");
    for (date, id) in [
        ("２０２２-０７-０６", "第1.2条"),
        ("2022.7.7", "措施1.2"),
        ("20220708", "1.2"),
    ] {
        ws.run(&[
            "log",
            id,
            "-u",
            "水务局",
            "-s",
            "phased",
            "-p",
            "x",
            "--date",
            date,
        ])
        .ok();
    }
    let ledger = ws.read("reports/市水务局.toml");
    for day in ["2022-07-06", "2022-07-07", "2022-07-08"] {
        assert!(
            ledger.contains(&format!("date = {day}\n")),
            "{day}: {ledger}"
        );
    }
    // The same view whichever way the problem, month or id is written.
    let status = |p: &str| {
        ws.run(&["status", "--problem", p, "--as-of", "2022-07-10"])
            .stdout
    };
    let one = status("1");
    assert!(one.contains("│ 1.2 "), "{one}");
    for p in ["一", "（一）", "(一)", "１", "第一项"] {
        assert_eq!(status(p), one, "{p}");
    }
    let month = |m: &str| {
        ws.run(&[
            "summary",
            "--month",
            m,
            "-u",
            "水务局",
            "--as-of",
            "2022-08-05",
        ])
        .stdout
    };
    let july = month("2022-07");
    for m in ["2022年7月", "2022-7", "2022.07", "２０２２年７月"] {
        assert_eq!(month(m), july, "{m}");
    }
    let show = ws.run(&["show", "1.2", "--as-of", "2022年7月20日"]).stdout;
    assert_eq!(
        ws.run(&["show", "措施１．２", "--as-of", "2022-07-20"])
            .stdout,
        show
    );
}

#[test]
fn the_officers_defaults_come_from_rectify_toml_and_the_environment() {
    let ws = Workspace::new();
    let err = ws.refused(&["log", "1.2", "-s", "推进中", "-p", "x"]);
    assert_eq!(
        err,
        "错误: 没有指明单位\n    提示: 用 -u 单位 指明,或在工作区的 rectify.toml 中写 unit = \"单位名称\"\n"
    );
    ws.write("rectify.toml", "unit = \"水务局\"\nby = \"张三\"\n");
    ws.run(&["log", "1.2", "-s", "推进中", "-p", "排查"]).ok();
    let ledger = ws.read("reports/市水务局.toml");
    assert!(
        ledger.contains("progress = \"排查\"\nby = \"张三\"\n"),
        "{ledger}"
    );
    // The environment and the command line win over the file.
    let out = ws
        .command(&["log", "1.1", "-s", "推进中", "-p", "示范", "-b", "李四"])
        .env("RECTIFY_UNIT", "农业农村局")
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let ledger = ws.read("reports/市农业农村局.toml");
    assert!(ledger.contains("by = \"李四\"\n"), "{ledger}");
    // A mistake in the file is located, in Chinese.
    ws.write("rectify.toml", "unit = \"水务局\"\nname = 1\n");
    let err = ws.refused(&["log", "1.2", "-s", "推进中", "-p", "x"]);
    assert!(
        err.starts_with("错误: rectify.toml:2: 设置文件写法有误\n    提示: "),
        "{err}"
    );
    // A unit the plan does not have is named as coming from the file.
    ws.write("rectify.toml", "unit = \"水利局\"\n");
    let err = ws.refused(&["log", "1.2", "-s", "推进中", "-p", "x"]);
    assert!(
        err.starts_with("错误: rectify.toml: 没有名为“水利局”的单位"),
        "{err}"
    );
    assert!(
        err.contains(
            "单位取自设置文件 rectify.toml 中的 unit = \"水利局\";改正该文件,或用 -u 单位 指明"
        ),
        "{err}"
    );
}

#[test]
fn the_users_own_defaults_are_read_too() {
    let ws = Workspace::new();
    ws.write(
        ".no-user-config/rectify/config.toml",
        "unit = \"乡村振兴局\"\nby = \"王五\"\n",
    );
    ws.write("rectify.toml", "by = \"张三\"\n");
    ws.run(&["log", "5.1", "-s", "推进中", "-p", "x"]).ok();
    let ledger = ws.read("reports/市乡村振兴局.toml");
    assert!(ledger.contains("by = \"张三\"\n"), "{ledger}");
}

#[test]
fn overdue_and_missing_exit_1_with_exit_code_when_they_list_something() {
    let ws = Workspace::new();
    let code = |args: &[&str]| ws.run(args).code;
    assert_eq!(code(&["overdue", "--as-of", "2022-07-01"]), 0);
    assert_eq!(
        code(&["overdue", "--as-of", "2022-07-01", "--exit-code"]),
        1
    );
    assert_eq!(
        code(&["overdue", "--as-of", "2022-06-30", "--exit-code"]),
        0
    );
    assert_eq!(code(&["missing", "--due", "2022-07-10", "--exit-code"]), 1);
    assert_eq!(code(&["missing", "--due", "2022-07-10"]), 0);
    // A refusal is 1, a mistake on the command line 2.
    assert_eq!(code(&["show", "1.99"]), 1);
    assert_eq!(code(&["show", "x"]), 2);
}

#[test]
fn log_signoff_and_reopen_print_json_when_asked() {
    let ws = Workspace::new();
    let out = ws.run(&[
        "log",
        "2.2",
        "-u",
        "乡村振兴局",
        "-s",
        "done",
        "-p",
        "完成",
        "--date",
        "2022-07-18",
        "--format",
        "json",
    ]);
    out.ok();
    let v = out.json();
    assert_eq!(v["ledger"], "reports/市乡村振兴局.toml");
    assert_eq!(v["unit"], "市乡村振兴局");
    assert_eq!(v["measure"], "2.2");
    assert_eq!(v["status"], "done");
    assert_eq!(v["date"], "2022-07-18");
    assert_eq!(v["recorded"], "2022-07-20T09:00:00");
    let out = ws.run(&[
        "signoff", "2.2", "-b", "王五", "-n", "核查", "--format", "json",
    ]);
    out.ok();
    assert_eq!(out.json()["status"], "signed_off");
    assert_eq!(out.json()["by"], "王五");
    let out = ws.run(&[
        "reopen", "2.2", "-b", "王五", "-n", "抽查", "--format", "json",
    ]);
    out.ok();
    assert_eq!(out.json()["status"], "reopened");
}

#[test]
fn output_files_are_written_whole_and_never_over_the_workspaces_own() {
    let ws = Workspace::new();
    let shown = ws.run(&["status", "--as-of", "2022-07-10"]).stdout;
    let out = ws.run(&["status", "--as-of", "2022-07-10", "-o", "状态.txt"]);
    out.ok();
    assert_eq!(out.stdout, "");
    assert_eq!(out.stderr, "已写入 状态.txt\n");
    assert_eq!(ws.read("状态.txt"), shown);
    let err = ws.refused(&["status", "-o", "状态.txt"]);
    assert_eq!(
        err,
        "错误: -o 状态.txt: 文件已存在,未覆盖\n    提示: 确需覆盖请加 --force,或换一个文件名\n"
    );
    ws.run(&[
        "overdue",
        "--as-of",
        "2022-07-10",
        "-o",
        "状态.txt",
        "--force",
    ])
    .ok();
    assert!(ws.read("状态.txt").starts_with("截至 2022-07-10 逾期措施"));
    ws.run(&["log", "1.2", "-u", "水务局", "-s", "推进中", "-p", "x"])
        .ok();
    for target in [
        "plan/plan.toml",
        "reports/市水务局.toml",
        "reports/../plan/plan.toml",
    ] {
        let err = ws.refused(&["units", "-o", target, "--force"]);
        assert!(err.contains("不能用报告覆盖"), "{target}: {err}");
    }
    let names: Vec<String> = std::fs::read_dir(ws.path())
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert!(!names.iter().any(|n| n.ends_with(".tmp")), "{names:?}");
}

#[test]
fn ascii_borders_and_colour_when_asked() {
    let ws = Workspace::new();
    let ascii = ws.run(&["units", "--ascii"]).stdout;
    assert!(ascii.is_ascii() || !ascii.contains('│'), "{ascii}");
    assert!(ascii.starts_with("+-"), "{ascii}");
    assert!(!ascii.contains(['│', '─', '┆', '╞']), "{ascii}");
    let plain = ws.run(&["overdue", "--as-of", "2022-07-10"]).stdout;
    assert!(!plain.contains('\u{1b}'));
    let coloured = ws
        .run(&["overdue", "--as-of", "2022-07-10", "--color", "always"])
        .stdout;
    assert!(coloured.contains("\u{1b}["), "{coloured}");
    let never = ws
        .run(&["overdue", "--as-of", "2022-07-10", "--color", "never"])
        .stdout;
    assert_eq!(never, plain);
}

#[test]
fn an_io_error_is_said_in_chinese() {
    let ws = Workspace::new();
    let err = ws.refused(&["import", "没有这个文件.txt"]);
    assert!(
        err.starts_with("错误: 无法读取通知 没有这个文件.txt: 找不到文件或目录"),
        "{err}"
    );
    assert!(!err.contains("No such file"), "{err}");
}

/// What bash offers for the words typed (the last one being completed),
/// with the script `rectify completions bash` printed, in `dir`.
fn bash_offers(script: &Path, dir: &Path, words: &[&str]) -> Vec<String> {
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let cur = words.last().copied().unwrap_or_default();
    let prev = words[words.len().saturating_sub(2)];
    let line = format!(
        "source '{}' && complete -p rectify >/dev/null && COMP_WORDS=({}) && COMP_CWORD={} && _clap_complete_rectify rectify '{cur}' '{prev}' && printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        script.display(),
        quoted.join(" "),
        words.len() - 1
    );
    let bash = std::process::Command::new("bash")
        .args(["-c", &line])
        .current_dir(dir)
        .env_remove("RECTIFY_WORKSPACE")
        .output()
        .expect("bash");
    assert!(
        bash.status.success(),
        "{}",
        String::from_utf8_lossy(&bash.stderr)
    );
    String::from_utf8_lossy(&bash.stdout)
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_loads_the_completions_and_offers_the_workspace_s_units_and_measures() {
    let ws = Workspace::new();
    let out = ws.run(&["completions", "bash"]);
    out.ok();
    ws.write("rectify.bash", &out.stdout);
    let script = ws.path().join("rectify.bash");
    assert_eq!(
        bash_offers(&script, ws.path(), &["rectify", "sta"]),
        ["status"]
    );
    let ids = bash_offers(&script, ws.path(), &["rectify", "log", "1."]);
    assert_eq!(ids, ["1.1", "1.2", "1.3", "1.4"]);
    assert_eq!(
        bash_offers(&script, ws.path(), &["rectify", "log", "1.2", "-u", "市水"]),
        ["市水务局"]
    );
    // From a folder inside the workspace too; outside one, no values and
    // no error.
    assert_eq!(
        bash_offers(
            &script,
            &ws.path().join("reports"),
            &["rectify", "show", "12."]
        ),
        ["12.1", "12.2"]
    );
    let elsewhere = tempfile::tempdir().expect("temp dir");
    assert!(bash_offers(&script, elsewhere.path(), &["rectify", "show", "1."]).is_empty());
    // …unless the line names the workspace.
    let root = ws.path().to_string_lossy().into_owned();
    assert_eq!(
        bash_offers(
            &script,
            elsewhere.path(),
            &["rectify", "-C", &root, "show", "12."]
        ),
        ["12.1", "12.2"]
    );
    for shell in ["zsh", "fish", "powershell"] {
        let out = ws.run(&["completions", shell]);
        out.ok();
        assert!(out.stdout.contains("RECTIFY_COMPLETE"), "{shell}");
    }
}
