//! Bytes to text: UTF-8 with or without BOM, or GB18030/GBK; any line ending.

use crate::diagnostic::{Diagnostic, Diagnostics};
use anyhow::Result;

/// A text encoding the importer reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Gb18030,
}

impl Encoding {
    pub fn parse(name: &str) -> Option<Encoding> {
        match name.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Some(Encoding::Utf8),
            "gb18030" | "gbk" | "gb2312" | "cp936" => Some(Encoding::Gb18030),
            _ => None,
        }
    }
}

/// What a notice file is, from its first bytes and its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Docx,
    /// .doc or .wps: the old binary formats.
    OldWord,
    Pdf,
}

impl Kind {
    pub fn of(bytes: &[u8], extension: Option<&str>) -> Kind {
        let ext = extension.map(str::to_ascii_lowercase);
        if bytes.starts_with(b"%PDF") || ext.as_deref() == Some("pdf") {
            Kind::Pdf
        } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
            || matches!(ext.as_deref(), Some("doc" | "wps" | "et" | "dps"))
        {
            Kind::OldWord
        } else if super::docx::is_zip(bytes) || ext.as_deref() == Some("docx") {
            Kind::Docx
        } else {
            Kind::Text
        }
    }
}

/// A notice file's text: a .docx is read directly; .doc, .wps and .pdf are
/// refused with what to do instead; anything else is decoded as text.
pub fn notice_text(
    bytes: &[u8],
    extension: Option<&str>,
    forced: Option<Encoding>,
) -> Result<String> {
    match Kind::of(bytes, extension) {
        Kind::Docx => super::docx::read(bytes),
        Kind::OldWord => Err(refusal(
            "这是旧版 Word（.doc）或 WPS（.wps）文件，rectify 读不了",
            "请在 Word 或 WPS 中打开，“另存为”Word 文档（.docx）或纯文本（.txt），再导入另存的文件",
        )),
        Kind::Pdf => Err(refusal(
            "这是 PDF 文件，其中的文字无法可靠地还原为段落和表格",
            "请找到通知的 Word 原件，“另存为”.docx 或纯文本（.txt）后导入；只有 PDF 时，可先在 WPS 中转换为 Word 再另存为 .docx",
        )),
        Kind::Text => decode(bytes, forced),
    }
}

fn refusal(what: &str, hint: &str) -> anyhow::Error {
    Diagnostics(vec![Diagnostic::error(what).help(hint)]).into()
}

/// Decodes `bytes`: with `forced`, in that encoding; otherwise UTF-8 when
/// valid, else GB18030 when that decodes cleanly. Line endings become `\n`.
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match forced {
        Some(Encoding::Utf8) => match std::str::from_utf8(bytes) {
            Ok(t) => t.to_string(),
            Err(e) => {
                let line = 1 + bytes[..e.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count();
                return Err(
                    Diagnostic::error(format!("不是有效的 UTF-8 文本(第{line}行)"))
                        .help("若是 GBK 编码,请加 --encoding gbk")
                        .into(),
                );
            }
        },
        Some(Encoding::Gb18030) => gb18030(bytes)?,
        None => match std::str::from_utf8(bytes) {
            Ok(t) => t.to_string(),
            Err(_) => gb18030(bytes).map_err(|_| {
                Diagnostic::error("既不是 UTF-8 也不是 GB18030/GBK 文本")
                    .help("用 --encoding 指定编码,或先另存为 UTF-8")
            })?,
        },
    };
    if let Some(pos) = text.find('\0') {
        let line = 1 + text[..pos].matches('\n').count();
        return Err(Diagnostic::error("含有 NUL 字符:这不是文本文件")
            .line(line)
            .into());
    }
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

fn gb18030(bytes: &[u8]) -> Result<String> {
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(Diagnostic::error("不是有效的 GB18030/GBK 文本").into());
    }
    Ok(text.into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_bom_and_crlf() {
        let t = decode("\u{feff}一、总体要求\r\n二\r\n".as_bytes(), None).unwrap();
        assert_eq!(t, "一、总体要求\n二\n");
    }

    #[test]
    fn gbk_is_detected() {
        let (bytes, _, _) = encoding_rs::GBK.encode("整改措施:(1)开展排查。\n");
        assert_eq!(decode(&bytes, None).unwrap(), "整改措施:(1)开展排查。\n");
        assert_eq!(
            decode(&bytes, Some(Encoding::Gb18030)).unwrap(),
            "整改措施:(1)开展排查。\n"
        );
        assert!(decode(&bytes, Some(Encoding::Utf8)).is_err());
    }

    #[test]
    fn old_word_and_pdf_are_told_apart() {
        let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert_eq!(Kind::of(&ole, Some("wps")), Kind::OldWord);
        assert_eq!(Kind::of(b"%PDF-1.7", None), Kind::Pdf);
        assert_eq!(Kind::of(b"PK\x03\x04", Some("docx")), Kind::Docx);
        assert_eq!(Kind::of("一、".as_bytes(), Some("txt")), Kind::Text);
        let err = notice_text(&ole, Some("doc"), None)
            .unwrap_err()
            .to_string();
        assert!(err.contains("另存为"), "{err}");
    }

    #[test]
    fn binary_is_refused() {
        assert!(decode(b"abc\n\0\x01", None).is_err());
    }
}
