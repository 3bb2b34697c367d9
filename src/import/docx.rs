//! A Word file (.docx) to the lines the importer reads: paragraphs and
//! table rows in document order, a row's cells joined by tabs, and the
//! automatic numbering (一、 / (一) / 1. / ①) restored, since Word stores it
//! apart from the text (numbering.xml, and styles.xml for numbered
//! styles). A line of the result is a paragraph or a table row.

use crate::diagnostic::Diagnostic;
use anyhow::{Context as _, Result, anyhow};
use roxmltree::{Document, Node};
use std::collections::HashMap;
use std::io::{Cursor, Read};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Whether `bytes` are a zip archive (a .docx is one).
pub fn is_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

fn part(archive: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>> {
    let mut file = match archive.by_name(name) {
        Ok(f) => f,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(_) => {
            return Err(Diagnostic::error(format!("Word 文件损坏,无法读出 {name}"))
                .help("在 Word 或 WPS 中打开后重新另存为 .docx")
                .into());
        }
    };
    let mut text = String::new();
    file.read_to_string(&mut text)
        .with_context(|| format!("Word 文件损坏,无法读出 {name}"))?;
    Ok(Some(text))
}

fn parse<'a>(name: &str, text: &'a str) -> Result<Document<'a>> {
    Document::parse(text).map_err(|e| anyhow!("Word 文件中的 {name} 无法解析: {e}"))
}

/// Reads a .docx's text.
pub fn read(bytes: &[u8]) -> Result<String> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
        anyhow!("不是有效的 Word 文件(.docx): {e};请在 Word 或 WPS 中重新另存为 .docx")
    })?;
    let Some(document) = part(&mut archive, "word/document.xml")? else {
        return Err(Diagnostic::error(
            "这个压缩文件里没有 Word 正文(word/document.xml):它不是 .docx 文件",
        )
        .into());
    };
    let numbering = part(&mut archive, "word/numbering.xml")?;
    let styles = part(&mut archive, "word/styles.xml")?;
    let doc = parse("document.xml", &document)?;
    let numbering = match &numbering {
        Some(t) => Numbering::new(&parse("numbering.xml", t)?),
        None => Numbering::default(),
    };
    let styles = match &styles {
        Some(t) => style_numbers(&parse("styles.xml", t)?),
        None => HashMap::new(),
    };
    let mut reader = Reader {
        numbering,
        styles,
        counters: HashMap::new(),
        lines: Vec::new(),
    };
    let body = doc
        .root_element()
        .children()
        .find(|n| is(n, "body"))
        .ok_or_else(|| anyhow!("Word 文件没有正文(w:body)"))?;
    reader.block(body);
    Ok(reader.lines.join("\n"))
}

fn is(n: &Node, name: &str) -> bool {
    n.is_element() && n.tag_name().name() == name && n.tag_name().namespace() == Some(W)
}

fn child<'a, 'i>(n: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    n.children().find(|c| is(c, name))
}

fn val(n: Node) -> Option<String> {
    n.attribute((W, "val")).map(str::to_string)
}

/// One level of a numbering definition.
#[derive(Debug, Clone, Default)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// numbering.xml: which abstract definition each numId uses, and its levels.
#[derive(Debug, Default)]
struct Numbering {
    abstract_of: HashMap<String, String>,
    levels: HashMap<(String, u32), Level>,
}

impl Numbering {
    fn new(doc: &Document) -> Numbering {
        let mut n = Numbering::default();
        for node in doc.root_element().children() {
            if is(&node, "abstractNum") {
                let Some(id) = node.attribute((W, "abstractNumId")) else {
                    continue;
                };
                for lvl in node.children().filter(|c| is(c, "lvl")) {
                    let ilvl = lvl
                        .attribute((W, "ilvl"))
                        .and_then(|v| v.parse().ok())
                        .unwrap_or(0);
                    let get = |name| child(lvl, name).and_then(val).unwrap_or_default();
                    let level = Level {
                        format: get("numFmt"),
                        text: get("lvlText"),
                        start: get("start").parse().unwrap_or(1),
                    };
                    n.levels.insert((id.to_string(), ilvl), level);
                }
            } else if is(&node, "num")
                && let (Some(num), Some(abs)) = (
                    node.attribute((W, "numId")),
                    child(node, "abstractNumId").and_then(val),
                )
            {
                n.abstract_of.insert(num.to_string(), abs);
            }
        }
        n
    }
}

/// styles.xml: the numbering a paragraph style carries.
fn style_numbers(doc: &Document) -> HashMap<String, (String, u32)> {
    let mut out = HashMap::new();
    for style in doc.root_element().children().filter(|c| is(c, "style")) {
        let Some(id) = style.attribute((W, "styleId")) else {
            continue;
        };
        if let Some(num_pr) = child(style, "pPr").and_then(|p| child(p, "numPr"))
            && let Some(num) = child(num_pr, "numId").and_then(val)
        {
            let ilvl = child(num_pr, "ilvl")
                .and_then(val)
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            out.insert(id.to_string(), (num, ilvl));
        }
    }
    out
}

/// A counter's value in a numbering format.
fn format_number(n: u32, format: &str) -> String {
    const CN: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match format {
        "chineseCounting"
        | "chineseCountingThousand"
        | "ideographTraditional"
        | "chineseLegalSimplified"
        | "taiwaneseCounting" => match n {
            0..=9 => CN[n as usize].to_string(),
            10 => "十".to_string(),
            11..=19 => format!("十{}", CN[(n - 10) as usize]),
            20..=99 if n.is_multiple_of(10) => format!("{}十", CN[(n / 10) as usize]),
            20..=99 => format!("{}十{}", CN[(n / 10) as usize], CN[(n % 10) as usize]),
            _ => n.to_string(),
        },
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32('①' as u32 + n - 1).map_or(n.to_string(), String::from)
        }
        "lowerLetter" if (1..=26).contains(&n) => ((b'a' + (n - 1) as u8) as char).to_string(),
        "upperLetter" if (1..=26).contains(&n) => ((b'A' + (n - 1) as u8) as char).to_string(),
        "none" | "bullet" => String::new(),
        _ => n.to_string(),
    }
}

struct Reader {
    numbering: Numbering,
    styles: HashMap<String, (String, u32)>,
    /// Counters per abstract definition, one per level.
    counters: HashMap<String, Vec<u32>>,
    lines: Vec<String>,
}

impl Reader {
    /// Paragraphs and tables under `node`, in order.
    fn block(&mut self, node: Node) {
        for n in node.children() {
            if is(&n, "p") {
                let line = self.paragraph(n);
                self.lines.push(line);
            } else if is(&n, "tbl") {
                self.table(n);
            } else if is(&n, "sdt")
                && let Some(content) = child(n, "sdtContent")
            {
                self.block(content);
            }
        }
    }

    fn table(&mut self, tbl: Node) {
        for tr in tbl.children().filter(|c| is(c, "tr")) {
            let cells: Vec<String> = tr
                .children()
                .filter(|c| is(c, "tc"))
                .map(|tc| {
                    tc.children()
                        .filter(|p| is(p, "p"))
                        .map(|p| self.paragraph(p))
                        .collect::<Vec<_>>()
                        .concat()
                })
                .collect();
            self.lines.push(cells.join("\t"));
        }
    }

    /// A paragraph's text with its number restored.
    fn paragraph(&mut self, p: Node) -> String {
        let mut text = String::new();
        for d in p.descendants() {
            if is(&d, "t") {
                text.push_str(d.text().unwrap_or(""));
            } else if is(&d, "tab") && d.parent().is_some_and(|r| is(&r, "r")) {
                text.push('\t');
            }
        }
        let prefix = self.number(p).unwrap_or_default();
        format!("{prefix}{}", text.replace(['\n', '\r'], ""))
    }

    /// The paragraph's numbering (direct, or from its style), advanced.
    fn number(&mut self, p: Node) -> Option<String> {
        let ppr = child(p, "pPr");
        let direct = ppr.and_then(|x| child(x, "numPr")).and_then(|np| {
            let num = child(np, "numId").and_then(val)?;
            let ilvl = child(np, "ilvl")
                .and_then(val)
                .and_then(|v| v.parse().ok())
                .unwrap_or(0);
            Some((num, ilvl))
        });
        let styled = || {
            let style = ppr.and_then(|x| child(x, "pStyle")).and_then(val)?;
            self.styles.get(&style).cloned()
        };
        let (num, ilvl) = direct.or_else(styled)?;
        let abs = self.numbering.abstract_of.get(&num)?.clone();
        let level = self.numbering.levels.get(&(abs.clone(), ilvl))?.clone();
        let starts: Vec<u32> = (0..=ilvl)
            .map(|l| {
                self.numbering
                    .levels
                    .get(&(abs.clone(), l))
                    .map_or(1, |x| x.start)
            })
            .collect();
        let counters = self.counters.entry(abs.clone()).or_default();
        let depth = ilvl as usize + 1;
        if counters.len() < depth {
            let have = counters.len();
            counters.extend(starts[have..].iter().map(|s| s.saturating_sub(1)));
        }
        counters.truncate(depth);
        counters[depth - 1] += 1;
        let values = counters.clone();
        let mut out = level.text.clone();
        for (l, v) in values.iter().enumerate().rev() {
            let fmt = self
                .numbering
                .levels
                .get(&(abs.clone(), l as u32))
                .map_or("decimal", |x| x.format.as_str());
            out = out.replace(&format!("%{}", l + 1), &format_number(*v, fmt));
        }
        Some(out)
    }
}
