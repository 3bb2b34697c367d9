//! Which top-level section (一、二、…) holds the problems: the one whose
//! lines carry the most annotations or a table of measures, not the first
//! whose heading says 措施 (a later 保障措施 is no list). The list ends at
//! the next top-level heading.

use super::annotation;
use super::markers::section_heading;
use super::table;
use std::ops::Range;

/// The top-level headings and the chosen section.
#[derive(Debug, Clone)]
pub struct Sections {
    /// (line index, heading text after 一、).
    pub headings: Vec<(usize, String)>,
    /// The chosen heading, if any.
    pub chosen: Option<usize>,
    /// Line indices of the problem list.
    pub range: Range<usize>,
}

/// How many annotated lines or measure tables each line holds.
fn weight(lines: &[&str], i: usize) -> usize {
    let l = lines[i];
    if annotation::has_label(l) {
        return 1;
    }
    if !l.contains('\t') && l.chars().count() > 8 {
        return 0;
    }
    let window: Vec<(usize, &str)> = lines[i..]
        .iter()
        .take(16)
        .enumerate()
        .map(|(k, l)| (k, *l))
        .collect();
    let starts_table = table::at(&window, 0, &|_| false).is_some();
    usize::from(starts_table) * 10
}

pub fn find(lines: &[&str]) -> Sections {
    let headings: Vec<(usize, String)> = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| section_heading(l).map(|(_, rest)| (i, rest.to_string())))
        .collect();
    let end_of = |k: usize| headings.get(k + 1).map_or(lines.len(), |h| h.0);
    let scores: Vec<usize> = (0..headings.len())
        .map(|k| {
            (headings[k].0 + 1..end_of(k))
                .map(|i| weight(lines, i))
                .sum()
        })
        .collect();
    let best = scores
        .iter()
        .enumerate()
        .filter(|(_, s)| **s > 0)
        .max_by_key(|(k, s)| (**s, std::cmp::Reverse(*k)))
        .map(|(k, _)| k);
    let chosen = best.or_else(|| {
        headings
            .iter()
            .position(|(_, t)| t.contains("问题") || t.contains("清单"))
    });
    let range = match chosen {
        Some(k) => headings[k].0 + 1..end_of(k),
        None => 0..lines.len(),
    };
    Sections {
        headings,
        chosen,
        range,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_section_with_annotations_wins_over_one_named_for_measures() {
        let lines = [
            "一、整改任务",
            "(一)问题。",
            "(1)措施。〔牵头单位:县水务局;完成时限:2023年底前〕",
            "二、保障措施",
            "(一)加强领导。",
            "三、工作要求",
        ];
        let s = find(&lines);
        assert_eq!(s.chosen, Some(0));
        assert_eq!(s.range, 1..3);
    }
}
