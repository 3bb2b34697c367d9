//! The sentence that states the totals: 共排查问题6个、制定整改措施17条,
//! 共3个方面12项, 明确整改任务21项, 针对12个方面具体问题共制定52条整改措施.
//!
//! Only a sentence that says 共, 明确, 制定, 梳理 or 列出 counts, and only a
//! number with a counting word (条, 项, 个方面, 个问题) next to 措施, 任务 or
//! 方面: a number inside a finding (辖区4座污水处理站) is not a count.

use super::office::Sentence;

/// The counts a notice states, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stated {
    pub measures: Option<u32>,
    pub problems: Option<u32>,
    pub line: usize,
    pub sentence: String,
}

/// Numbers in `s`: (value, byte start, byte end).
fn numbers(s: &str) -> Vec<(u32, usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        match (c.is_ascii_digit(), start) {
            (true, None) => start = Some(i),
            (false, Some(b)) => {
                if let Ok(v) = s[b..i].parse() {
                    out.push((v, b, i));
                }
                start = None;
            }
            _ => {}
        }
    }
    out
}

const MEASURE_WORDS: [&str; 4] = ["措施", "任务", "举措", "事项"];

/// Reads the counts in one sentence.
fn counts_in(s: &str) -> (Option<u32>, Option<u32>) {
    let (mut measures, mut problems) = (None, None);
    for (v, b, e) in numbers(s) {
        let after = &s[e..];
        let before = &s[..b];
        let before_word = |w: &str| before.strip_suffix('共').unwrap_or(before).ends_with(w);
        if after.starts_with("个方面")
            || after.starts_with("个问题")
            || after.starts_with("个具体问题")
            || (after.starts_with('个') && before_word("问题"))
        {
            problems.get_or_insert(v);
        } else if let Some(rest) = after
            .strip_prefix('条')
            .or_else(|| after.strip_prefix('项'))
        {
            let noun_after = MEASURE_WORDS.iter().any(|w| {
                rest.starts_with(w) || rest.strip_prefix("整改").is_some_and(|r| r.starts_with(w))
            });
            let noun_before = MEASURE_WORDS.iter().any(|w| before_word(w));
            let after_aspects = before.ends_with("个方面") || before.ends_with("方面共");
            let of_problems = rest.starts_with("问题") || rest.starts_with("具体问题");
            if noun_after || noun_before || (after_aspects && !of_problems) {
                measures.get_or_insert(v);
            } else if of_problems {
                problems.get_or_insert(v);
            }
        }
    }
    (measures, problems)
}

/// The first sentence that states a count of measures (or, failing that,
/// of problems).
pub fn find(sentences: &[Sentence]) -> Option<Stated> {
    let mut problems_only = None;
    for s in sentences {
        if !["共", "明确", "制定", "梳理", "列出"]
            .iter()
            .any(|w| s.text.contains(w))
        {
            continue;
        }
        let (measures, problems) = counts_in(s.text);
        let stated = Stated {
            measures,
            problems,
            line: s.line,
            sentence: s.text.trim().to_string(),
        };
        if measures.is_some() {
            return Some(stated);
        }
        if problems.is_some() && problems_only.is_none() {
            problems_only = Some(stated);
        }
    }
    problems_only
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_genre_s_count_sentences() {
        assert_eq!(
            counts_in("针对12个方面具体问题共制定52条整改措施。"),
            (Some(52), Some(12))
        );
        assert_eq!(
            counts_in("共排查问题6个、制定整改措施17条。"),
            (Some(17), Some(6))
        );
        assert_eq!(counts_in("共3个方面12项。"), (Some(12), Some(3)));
        assert_eq!(counts_in("明确整改任务21项。"), (Some(21), None));
        assert_eq!(
            counts_in("辖区4座污水处理站运行不正常,第3条未落实。"),
            (None, None)
        );
        assert_eq!(counts_in("共检视出问题5个方面9项问题"), (None, Some(5)));
    }
}
