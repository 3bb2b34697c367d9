//! Splits a line into text and annotations, in time linear in its length.
//!
//! A bracket (〔〕【】［］[]()()) whose content carries a label followed by a
//! colon (牵头单位:…) is an annotation, and so is a line that begins with
//! one. A bracket that opens an annotation and never closes is an error
//! the caller may repair by joining the next line.

use super::annotation;
use crate::punctuation;

/// A piece of a line: text, or an annotation's content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Text(String),
    Annot(String),
}

const BRACKETS: [(char, char); 6] = [
    ('〔', '〕'),
    ('【', '】'),
    ('［', '］'),
    ('[', ']'),
    ('(', ')'),
    (punctuation::FULL_LEFT_PAREN, punctuation::FULL_RIGHT_PAREN),
];

/// For each char that opens a bracket, the index of its close (nesting
/// counted per kind of bracket), found with one stack per kind.
fn closes(chars: &[char]) -> Vec<Option<usize>> {
    let mut out = vec![None; chars.len()];
    let mut stacks: [Vec<usize>; 6] = Default::default();
    for (i, &c) in chars.iter().enumerate() {
        for (k, &(open, close)) in BRACKETS.iter().enumerate() {
            if c == open {
                stacks[k].push(i);
            } else if c == close
                && let Some(o) = stacks[k].pop()
            {
                out[o] = Some(i);
            }
        }
    }
    out
}

/// Where labels are: `ends[i]` is the end (exclusive char index) of the
/// shortest label-with-colon starting at char `i`.
fn label_ends(chars: &[char]) -> Vec<Option<usize>> {
    let mut out = vec![None; chars.len()];
    for (i, slot) in out.iter_mut().enumerate() {
        *slot = annotation::label_at(&chars[i..]).map(|len| i + len);
    }
    out
}

/// Splits a logical line into text and annotations. `Err` carries the char
/// index of a bracket that opens an annotation and never closes.
pub fn segments(line: &str) -> Result<Vec<Seg>, usize> {
    if annotation::starts_with_label(line) {
        return Ok(vec![Seg::Annot(line.trim().to_string())]);
    }
    let chars: Vec<char> = line.chars().collect();
    let close = closes(&chars);
    let ends = label_ends(&chars);
    // prefix[k]: labels starting before k; last: the last label's start.
    let mut prefix = vec![0usize; chars.len() + 1];
    for i in 0..chars.len() {
        prefix[i + 1] = prefix[i] + usize::from(ends[i].is_some());
    }
    let last_label = ends.iter().rposition(Option::is_some);
    // Whether a label lies wholly inside (open, end).
    let label_inside = |open: usize, end: usize| -> bool {
        let safe_end = end.saturating_sub(annotation::LONGEST_LABEL).max(open + 1);
        if prefix[safe_end] > prefix[open + 1] {
            return true;
        }
        (safe_end..end).any(|s| ends[s].is_some_and(|e| e <= end))
    };
    let mut out = Vec::new();
    let mut text = String::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if let Some(&(open, _)) = BRACKETS.iter().find(|(o, _)| *o == c) {
            match close[i] {
                Some(end) if label_inside(i, end) => {
                    if !text.trim().is_empty() {
                        out.push(Seg::Text(std::mem::take(&mut text)));
                    }
                    text.clear();
                    out.push(Seg::Annot(chars[i + 1..end].iter().collect()));
                    i = end + 1;
                    continue;
                }
                Some(_) => {}
                None => {
                    if last_label.is_some_and(|l| l > i) && !punctuation::is_left_paren(open) {
                        return Err(i);
                    }
                }
            }
        }
        text.push(c);
        i += 1;
    }
    if !text.trim().is_empty() {
        out.push(Seg::Text(text));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn annotations_in_any_bracket_or_alone() {
        assert_eq!(
            segments("开展排查。〔牵头单位:市水务局〕。"),
            Ok(vec![
                Seg::Text("开展排查。".into()),
                Seg::Annot("牵头单位:市水务局".into()),
                Seg::Text("。".into())
            ])
        );
        assert_eq!(
            segments("(牵头单位:县委办)").unwrap(),
            vec![Seg::Annot("牵头单位:县委办".into())]
        );
        assert_eq!(segments("云巩固振兴组〔2022〕6号").unwrap().len(), 1);
        assert!(segments("〔牵头单位:市水务局;").is_err());
        assert_eq!(
            segments("牵头单位:县水务局 时限:立行立改").unwrap().len(),
            1
        );
        // A bracket that merely mentions a label is text.
        assert_eq!(segments("(明确责任人)").unwrap().len(), 1);
        assert!(matches!(segments("(明确责任人)").unwrap()[0], Seg::Text(_)));
    }

    #[test]
    fn nested_and_unclosed_brackets_are_linear() {
        let line = "(".repeat(100_000);
        let start = std::time::Instant::now();
        assert_eq!(segments(&line).unwrap().len(), 1);
        let line = format!("{}牵头单位:x", "〔".repeat(50_000));
        assert!(segments(&line).is_err());
        assert!(start.elapsed().as_secs() < 2, "{:?}", start.elapsed());
    }
}
