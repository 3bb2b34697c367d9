//! A test-side Word writer: builds a .docx from a small markup, with the
//! numbering stored apart from the text as Word stores it.
//!
//! Markup, one paragraph per line: `#1 text` is numbered 一、 (through the
//! Heading1 style, as Word's numbered headings are), `#2 text` (一), `#3
//! text` 1. (direct numbering); `|a|b|c` is a table row (cells split by
//! `|`, paragraphs in a cell by `/`); anything else is a plain paragraph.

use std::io::Write;

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn run(text: &str) -> String {
    format!(
        "<w:r><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape(text)
    )
}

fn paragraph(line: &str) -> String {
    for (mark, ppr) in [
        ("#1 ", "<w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>"),
        (
            "#2 ",
            "<w:pPr><w:numPr><w:ilvl w:val=\"1\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>",
        ),
        (
            "#3 ",
            "<w:pPr><w:numPr><w:ilvl w:val=\"2\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>",
        ),
    ] {
        if let Some(text) = line.strip_prefix(mark) {
            return format!("<w:p>{ppr}{}</w:p>", run(text));
        }
    }
    format!("<w:p>{}</w:p>", run(line))
}

fn table(rows: &[&str]) -> String {
    let mut s = String::from("<w:tbl><w:tblPr><w:tblW w:w=\"0\" w:type=\"auto\"/></w:tblPr>");
    for row in rows {
        s.push_str("<w:tr>");
        for cell in row.trim_start_matches('|').split('|') {
            s.push_str("<w:tc>");
            for p in cell.split('/') {
                s.push_str(&format!(
                    "<w:p>{}</w:p>",
                    if p.is_empty() { String::new() } else { run(p) }
                ));
            }
            s.push_str("</w:tc>");
        }
        s.push_str("</w:tr>");
    }
    s.push_str("</w:tbl>");
    s
}

const NS: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

fn document(markup: &str) -> String {
    let lines: Vec<&str> = markup.lines().collect();
    let mut body = String::new();
    let mut k = 0;
    while k < lines.len() {
        if lines[k].starts_with('|') {
            let end = lines[k..]
                .iter()
                .position(|l| !l.starts_with('|'))
                .map_or(lines.len(), |p| k + p);
            body.push_str(&table(&lines[k..end]));
            k = end;
        } else {
            body.push_str(&paragraph(lines[k]));
            k += 1;
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document {NS}><w:body>{body}<w:sectPr/></w:body></w:document>"
    )
}

fn numbering() -> String {
    let level = |ilvl: u32, fmt: &str, text: &str| {
        format!(
            "<w:lvl w:ilvl=\"{ilvl}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/><w:lvlText w:val=\"{text}\"/></w:lvl>"
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:numbering {NS}><w:abstractNum w:abstractNumId=\"7\">{}{}{}</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"7\"/></w:num></w:numbering>",
        level(0, "chineseCounting", "%1、"),
        level(1, "chineseCounting", "（%2）"),
        level(2, "decimal", "%3."),
    )
}

fn styles() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:styles {NS}><w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr></w:style></w:styles>"
    )
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/></Types>";
const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
const DOC_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/></Relationships>";

/// The bytes of a .docx for `markup`.
pub fn docx(markup: &str) -> Vec<u8> {
    let mut out = std::io::Cursor::new(Vec::new());
    let mut zip = zip::ZipWriter::new(&mut out);
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in [
        ("[Content_Types].xml", CONTENT_TYPES.to_string()),
        ("_rels/.rels", RELS.to_string()),
        ("word/_rels/document.xml.rels", DOC_RELS.to_string()),
        ("word/document.xml", document(markup)),
        ("word/numbering.xml", numbering()),
        ("word/styles.xml", styles()),
    ] {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(text.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip finish");
    out.into_inner()
}
