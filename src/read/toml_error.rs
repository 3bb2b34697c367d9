//! The TOML parser's messages in Chinese: what people see when a plan or a
//! ledger edited by hand does not parse. Known messages are translated; an
//! unknown one is reported as a format error without its English words.

/// `message` (the `toml` crate's) in Chinese.
pub fn chinese(message: &str) -> String {
    let message = message.trim();
    // serde's words about the fields: name the field.
    for (en, zh) in [
        ("missing field", "缺少字段"),
        ("unknown field", "不认识的字段"),
        ("duplicate key", "重复的键"),
        ("duplicate field", "重复的字段"),
    ] {
        if message.starts_with(en) {
            return match message.split('`').nth(1) {
                Some(name) => format!("{zh} {name}"),
                None => zh.to_string(),
            };
        }
    }
    if message.starts_with("invalid type") {
        let wanted = match message.rsplit(", expected ").next().unwrap_or("") {
            w if w.contains("string") => "，应为字符串（用英文双引号括起来）",
            w if w.contains("date") => "，应为日期（YYYY-MM-DD）",
            w if w.contains("integer") || w.contains("u32") => "，应为整数",
            w if w.contains("bool") => "，应为 true 或 false",
            w if w.contains("sequence") || w.contains("array") => "，应为数组（[ ]）",
            _ => "",
        };
        return format!("值的类型不对{wanted}");
    }
    let (what, expected) = match message.split_once(", expected ") {
        Some((w, e)) => (w, Some(e)),
        None => (message, None),
    };
    let what = translate(what);
    match expected.and_then(expectation) {
        Some(e) => format!("{what},应为{e}"),
        None => what.to_string(),
    }
}

fn translate(what: &str) -> &'static str {
    const KNOWN: [(&str, &str); 24] = [
        ("invalid date", "日期无效"),
        ("invalid time", "时间无效"),
        ("invalid offset", "时区偏移无效"),
        ("invalid datetime", "日期时间无效"),
        ("invalid basic string", "字符串无效(缺少结束的引号)"),
        (
            "invalid literal string",
            "单引号字符串无效(缺少结束的单引号)",
        ),
        (
            "invalid multiline basic string",
            "多行字符串无效(缺少结束的三引号)",
        ),
        (
            "invalid multiline literal string",
            "多行字符串无效(缺少结束的三个单引号)",
        ),
        ("invalid unquoted key", "键名无效"),
        ("invalid key", "键名无效"),
        ("key with no value", "键后面缺少值"),
        ("unclosed array", "数组缺少结束的方括号"),
        ("unclosed inline table", "内联表缺少结束的花括号"),
        ("unclosed table", "表头缺少结束的方括号"),
        ("unclosed array of tables", "[[entry]] 表头缺少结束的方括号"),
        ("missing escaped value", "反斜杠后的转义字符无效"),
        ("invalid escape", "转义字符无效"),
        ("invalid unicode escape", "\\u 转义无效"),
        ("unexpected key or value", "一行只能写一个“键 = 值”"),
        ("duplicate key", "键重复出现"),
        ("invalid number", "数字无效"),
        ("invalid integer", "整数无效"),
        ("invalid float", "小数无效"),
        ("invalid type", "值的类型不对"),
    ];
    KNOWN
        .iter()
        .find(|(en, _)| what.starts_with(en))
        .map_or("写法不对", |(_, zh)| zh)
}

/// What the parser expected, in Chinese, when it is one of the known kinds.
fn expectation(expected: &str) -> Option<String> {
    let e = expected.trim();
    if let Some(rest) = e.strip_prefix("a two-digit day") {
        let _ = rest;
        return Some("两位数的日(DD)".into());
    }
    for (en, zh) in [
        ("month between 01 and 12", "01 到 12 之间的月份"),
        ("hour between 00 and 23", "00 到 23 之间的小时"),
        ("minute between 00 and 59", "00 到 59 之间的分钟"),
        ("second between 00 and 60", "00 到 60 之间的秒"),
        ("day between 01 and 31", "01 到 31 之间的日"),
        ("a four-digit year", "四位数的年份(YYYY)"),
        ("a two-digit month", "两位数的月份(MM)"),
        ("newline", "换行"),
    ] {
        if e.starts_with(en) {
            return Some(zh.into());
        }
    }
    // `=`, `"`, `'`, `]`: a single symbol, shown as it is.
    let symbols: Vec<&str> = e
        .split(", ")
        .map(|s| s.trim_matches('`'))
        .filter(|s| !s.is_empty() && !s.chars().any(|c| c.is_ascii_alphabetic()))
        .collect();
    (!symbols.is_empty() && symbols.len() == e.split(", ").count()).then(|| {
        symbols
            .iter()
            .map(|s| format!("“{s}”"))
            .collect::<Vec<_>>()
            .join("或")
    })
}

#[cfg(test)]
mod tests {
    use super::chinese;

    #[test]
    fn the_parsers_words_become_chinese() {
        for (en, zh) in [
            (
                "invalid date, expected a two-digit day (DD)",
                "日期无效,应为两位数的日(DD)",
            ),
            ("key with no value, expected `=`", "键后面缺少值,应为“=”"),
            (
                "invalid basic string, expected `\"`",
                "字符串无效(缺少结束的引号),应为“\"”",
            ),
            (
                "unclosed array, expected `]`",
                "数组缺少结束的方括号,应为“]”",
            ),
            (
                "unexpected key or value, expected newline, `#`",
                "一行只能写一个“键 = 值”,应为换行",
            ),
            ("something new entirely", "写法不对"),
        ] {
            assert_eq!(chinese(en), zh, "{en}");
        }
    }

    #[test]
    fn no_english_word_survives() {
        for en in [
            "invalid time, expected hour between 00 and 23",
            "missing escaped value, expected `b`, `e`, `f`, `n`, `r`, `\\\\`, `\"`, `x`, `u`, `U`",
            "invalid literal string, expected `'`",
            "invalid offset, expected `+`",
        ] {
            let zh = chinese(en);
            assert!(!zh.chars().any(|c| c.is_ascii_alphabetic()), "{en} -> {zh}");
        }
    }
}
