//! A test-side spreadsheet editor, independent of the crate rectify writes
//! with: it opens the .xlsx as a zip, rewrites cells of the first sheet's
//! XML as a person's edits would leave them (inline text, numbers), adds
//! rows below the table, and zips it up again.

use std::io::{Read, Write};

pub enum Value<'a> {
    Text(&'a str),
    Number(f64),
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn element(addr: &str, style: &str, v: &Value) -> String {
    match v {
        Value::Text(t) => format!(
            "<c r=\"{addr}\"{style} t=\"inlineStr\"><is><t xml:space=\"preserve\">{}</t></is></c>",
            escape(t)
        ),
        Value::Number(n) => format!("<c r=\"{addr}\"{style}><v>{n}</v></c>"),
    }
}

/// Sets one cell in a sheet's XML; a cell not there gets a row of its own
/// at the bottom (for notes under the table).
fn set(xml: &str, addr: &str, v: &Value) -> String {
    let open = format!("<c r=\"{addr}\"");
    let Some(start) = xml.find(&open) else {
        let row: String = addr.chars().filter(char::is_ascii_digit).collect();
        let new = format!(
            "<row r=\"{row}\">{}</row></sheetData>",
            element(addr, "", v)
        );
        return xml.replacen("</sheetData>", &new, 1);
    };
    let rest = &xml[start..];
    let head_end = rest.find('>').expect("cell tag");
    let end = if rest[..=head_end].ends_with("/>") {
        head_end + 1
    } else {
        rest.find("</c>").expect("cell end") + 4
    };
    let style = rest[..head_end]
        .split(' ')
        .find(|a| a.starts_with("s=\""))
        .map(|a| format!(" {}", a.trim_end_matches('/')))
        .unwrap_or_default();
    format!(
        "{}{}{}",
        &xml[..start],
        element(addr, &style, v),
        &rest[end..]
    )
}

/// The workbook `bytes` with `cells` of its first sheet set.
pub fn fill(bytes: &[u8], cells: &[(&str, Value)]) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    let mut out = Vec::new();
    {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut out));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        for i in 0..archive.len() {
            let mut f = archive.by_index(i).expect("entry");
            let name = f.name().expect("entry name").to_string();
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("read entry");
            if name == "xl/worksheets/sheet1.xml" {
                let mut xml = String::from_utf8(data).expect("utf-8");
                for (addr, v) in cells {
                    xml = set(&xml, addr, v);
                }
                data = xml.into_bytes();
            }
            zip.start_file(name, options).expect("zip entry");
            zip.write_all(&data).expect("zip write");
        }
        zip.finish().expect("zip finish");
    }
    out
}
