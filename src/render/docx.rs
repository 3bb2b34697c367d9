//! Official documents as .docx in the layout of GB/T 9704 (党政机关公文格式):
//! A4, margins 37/35/28/26 mm, 22 lines of 28 characters, the title in
//! 方正小标宋简体 二号, the body in 仿宋_GB2312 三号, level-one headings in
//! 黑体 and level-two in 楷体_GB2312, page numbers in the footer. Every run
//! names its font for East Asian text too (w:eastAsia, with the eastAsia
//! hint), so quotation marks and dashes stay in the Chinese font.
//!
//! Written by hand: a zip of a few XML parts, each built from escaped text.

use super::document::{Block, Document};
use anyhow::{Context, Result};
use std::fmt::Write as _;
use std::io::Write as _;

const TITLE_FONT: &str = "方正小标宋简体";
const BODY_FONT: &str = "仿宋_GB2312";
const HEADING1_FONT: &str = "黑体";
const HEADING2_FONT: &str = "楷体_GB2312";
const PAGE_NUMBER_FONT: &str = "宋体";
/// Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt.
const ERHAO: u32 = 44;
const SANHAO: u32 = 32;
const SIHAO: u32 = 28;

/// Millimetres to twentieths of a point.
fn twips(mm: f64) -> u32 {
    (mm / 25.4 * 1440.0).round() as u32
}

/// Text escaped for XML; characters XML 1.0 forbids are dropped.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

fn fonts(font: &str) -> String {
    let f = escape(font);
    format!(
        r#"<w:rFonts w:ascii="{f}" w:hAnsi="{f}" w:eastAsia="{f}" w:cs="{f}" w:hint="eastAsia"/>"#
    )
}

fn run(text: &str, font: &str, size: u32) -> String {
    format!(
        r#"<w:r><w:rPr>{}<w:sz w:val="{size}"/><w:szCs w:val="{size}"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>"#,
        fonts(font),
        escape(text)
    )
}

/// One paragraph: alignment, indents in hundredths of a character.
struct Para<'a> {
    text: &'a str,
    font: &'a str,
    size: u32,
    align: &'a str,
    first_line: u32,
    right: u32,
}

impl Para<'_> {
    fn xml(&self) -> String {
        let mut ppr = format!(r#"<w:jc w:val="{}"/>"#, self.align);
        if self.first_line > 0 || self.right > 0 {
            ppr.insert_str(
                0,
                // In characters for Word and WPS, and in twips (a character
                // of `size` half-points is size × 10 twips) for readers that
                // ignore the character units, such as LibreOffice.
                &format!(
                    r#"<w:ind w:firstLineChars="{}" w:firstLine="{}" w:rightChars="{}" w:right="{}"/>"#,
                    self.first_line,
                    self.first_line * self.size / 10,
                    self.right,
                    self.right * self.size / 10
                ),
            );
        }
        let body = if self.text.is_empty() {
            String::new()
        } else {
            run(self.text, self.font, self.size)
        };
        format!(
            r#"<w:p><w:pPr>{ppr}<w:rPr>{}<w:sz w:val="{}"/></w:rPr></w:pPr>{body}</w:p>"#,
            fonts(self.font),
            self.size
        )
    }
}

fn body(text: &str) -> Para<'_> {
    Para {
        text,
        font: BODY_FONT,
        size: SANHAO,
        align: "both",
        first_line: 200,
        right: 0,
    }
}

fn block(b: &Block) -> String {
    let p = match b {
        Block::Title(t) => {
            return Para {
                text: t,
                font: TITLE_FONT,
                size: ERHAO,
                align: "center",
                first_line: 0,
                right: 0,
            }
            .xml()
                + &body("").xml();
        }
        Block::Addressee(t) | Block::Line(t) => Para {
            first_line: 0,
            ..body(t)
        },
        Block::Body(t) => body(t),
        Block::Heading1(t) => Para {
            font: HEADING1_FONT,
            ..body(t)
        },
        Block::Heading2(t) => Para {
            font: HEADING2_FONT,
            ..body(t)
        },
        Block::Sender(t) | Block::Date(t) => Para {
            align: "right",
            first_line: 0,
            right: 400,
            ..body(t)
        },
    };
    p.xml()
}

/// The section: A4, the standard margins, 22 lines of 28 characters.
fn section() -> String {
    let (top, bottom, left, right) = (twips(37.0), twips(35.0), twips(28.0), twips(26.0));
    let text_width = 11906 - left - right;
    let text_height = 16838 - top - bottom;
    let line_pitch = text_height / 22;
    // charSpace: how far the grid's character pitch is from the font size,
    // in 1/4096 of a point.
    let pitch_pt = text_width as f64 / 28.0 / 20.0;
    let char_space = ((pitch_pt - (SANHAO / 2) as f64) * 4096.0).round() as i64;
    format!(
        r#"<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/><w:footerReference w:type="even" r:id="rIdFooterEven"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="{top}" w:right="{right}" w:bottom="{bottom}" w:left="{left}" w:header="851" w:footer="992" w:gutter="0"/><w:cols w:space="425"/><w:docGrid w:type="linesAndChars" w:linePitch="{line_pitch}" w:charSpace="{char_space}"/></w:sectPr>"#
    )
}

const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships""#;

fn document_xml(docs: &[Document]) -> String {
    let mut s = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NS}><w:body>"#
    );
    for (k, d) in docs.iter().enumerate() {
        if k > 0 {
            s.push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
        }
        for b in &d.blocks {
            if matches!(b, Block::Sender(_)) {
                s.push_str(&body("").xml());
            }
            s.push_str(&block(b));
        }
    }
    s.push_str(&section());
    s.push_str("</w:body></w:document>");
    s
}

/// A footer: — N — in 宋体 四号, on odd pages at the right and on even
/// pages at the left, one character in from the edge (GB/T 9704, 7.5).
fn footer_xml(odd: bool) -> String {
    let field = |instr: &str| {
        format!(
            r#"<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>{}<w:r><w:fldChar w:fldCharType="end"/></w:r>"#,
            run("1", PAGE_NUMBER_FONT, SIHAO)
        )
    };
    // One character of 四号 (14 pt) is 280 twips.
    let (align, indent) = if odd {
        ("right", r#"<w:ind w:right="280"/>"#)
    } else {
        ("left", r#"<w:ind w:left="280"/>"#)
    };
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr {NS}><w:p><w:pPr>{indent}<w:jc w:val="{align}"/></w:pPr>{}{}{}</w:p></w:ftr>"#,
        run("— ", PAGE_NUMBER_FONT, SIHAO),
        field("PAGE"),
        run(" —", PAGE_NUMBER_FONT, SIHAO)
    )
}

/// Settings: odd and even pages have their own footers.
fn settings_xml() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:settings {NS}><w:evenAndOddHeaders/></w:settings>"#
    )
}

fn styles_xml() -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr>{}<w:sz w:val="{SANHAO}"/><w:szCs w:val="{SANHAO}"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:snapToGrid w:val="1"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style></w:styles>"#,
        fonts(BODY_FONT)
    )
}

fn core_xml(title: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>{}</dc:title><dc:creator>rectify</dc:creator></cp:coreProperties>"#,
        escape(title)
    )
}

const CONTENT_TYPES: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/><Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/footer2.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/><Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>"#;

const ROOT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>"#;

const DOCUMENT_RELS: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/><Relationship Id="rIdFooterEven" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer2.xml"/><Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/></Relationships>"#;

/// The .docx bytes of `docs`, each starting on a new page.
pub fn write(docs: &[Document]) -> Result<Vec<u8>> {
    let title = docs
        .first()
        .and_then(|d| {
            d.blocks.iter().find_map(|b| match b {
                Block::Title(t) => Some(t.clone()),
                _ => None,
            })
        })
        .unwrap_or_default();
    let parts = [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", ROOT_RELS.to_string()),
        ("docProps/core.xml", core_xml(&title)),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_string()),
        ("word/document.xml", document_xml(docs)),
        ("word/styles.xml", styles_xml()),
        ("word/footer1.xml", footer_xml(true)),
        ("word/footer2.xml", footer_xml(false)),
        ("word/settings.xml", settings_xml()),
    ];
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, xml) in parts {
        zip.start_file(name, options).context("无法生成 .docx")?;
        zip.write_all(xml.as_bytes()).context("无法生成 .docx")?;
    }
    let cursor = zip.finish().context("无法生成 .docx")?;
    Ok(cursor.into_inner())
}

/// A name for a file: characters Windows forbids in file names replaced.
pub fn file_name(stem: &str) -> String {
    let mut s = String::new();
    for c in stem.chars() {
        let _ = write!(
            s,
            "{}",
            if matches!(c, '<' | '>' | ':' | '"' | '/' | '\\' | '|' | '?' | '*') || c.is_control() {
                '_'
            } else {
                c
            }
        );
    }
    format!("{s}.docx")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_what_xml_forbids() {
        assert_eq!(escape("a<b>&\"c\u{1}"), "a&lt;b&gt;&amp;&quot;c");
        assert_eq!(file_name("市水务局/7月"), "市水务局_7月.docx");
    }

    #[test]
    fn the_grid_is_22_lines_of_28_characters() {
        let s = section();
        assert!(s.contains(r#"w:linePitch="579""#), "{s}");
        assert!(
            s.contains(r#"w:top="2098""#) && s.contains(r#"w:left="1587""#),
            "{s}"
        );
    }
}
