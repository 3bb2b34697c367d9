//! How a text file on disk is encoded: UTF-8 with or without a byte-order
//! mark, or GB18030 (GBK) as Notepad and WPS save it; LF, CRLF or CR-only
//! lines. Decoding yields text with LF or CRLF line breaks (a CR-only file
//! has its breaks turned into LF, byte for byte, so offsets stay the same)
//! and the style, so a writer can append in the file's own style.

use crate::diagnostic::{Diagnostic, line_of};
use serde::Serialize;
use std::borrow::Cow;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Encoding {
    Utf8,
    /// GB18030, a superset of GBK and GB2312.
    Gb18030,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GBK（GB18030）",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineEnding {
    Lf,
    CrLf,
    /// Old Mac style: lines end with a lone carriage return.
    Cr,
}

impl LineEnding {
    /// The bytes that end a line in this style.
    pub fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
            LineEnding::Cr => "\r",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            LineEnding::Lf => "LF",
            LineEnding::CrLf => "CRLF",
            LineEnding::Cr => "CR",
        }
    }
}

/// A file's encoding, byte-order mark and line ending (the first line break
/// decides; a file with no line break counts as LF).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct TextStyle {
    pub encoding: Encoding,
    pub bom: bool,
    pub line_ending: LineEnding,
}

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// A file's text, decoded.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text after any BOM; CR-only breaks turned into LF.
    pub text: Cow<'a, str>,
    pub style: TextStyle,
    /// The file ended inside a UTF-8 character (a write cut short); those
    /// bytes are not in `text`.
    pub cut: bool,
}

impl Decoded<'_> {
    /// The byte offset in the file of byte `offset` of `text`.
    pub fn file_offset(&self, offset: usize) -> u64 {
        let bom = if self.style.bom { BOM.len() } else { 0 };
        let end = offset.min(self.text.len());
        let n = match self.style.encoding {
            Encoding::Utf8 => end,
            Encoding::Gb18030 => {
                let prefix = self.text.get(..end).unwrap_or(&self.text);
                encoding_rs::GB18030.encode(prefix).0.len()
            }
        };
        (bom + n) as u64
    }
}

/// Decodes a file's bytes. Refuses UTF-16 and bytes that are neither UTF-8
/// nor GB18030, naming the line.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>, Diagnostic> {
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Diagnostic::error("文件是 UTF-16 编码，无法读取")
            .line(1)
            .help("用记事本打开该文件，“另存为”时编码选“UTF-8”"));
    }
    let bom = bytes.starts_with(BOM);
    let body = if bom { &bytes[BOM.len()..] } else { bytes };
    let (text, encoding, cut): (Cow<str>, Encoding, bool) = match std::str::from_utf8(body) {
        Ok(t) => (Cow::Borrowed(t), Encoding::Utf8, false),
        Err(e) if e.error_len().is_none() => {
            // Only the last character is incomplete: a cut, not an encoding.
            let valid = &body[..e.valid_up_to()];
            let t = std::str::from_utf8(valid).unwrap_or_default();
            (Cow::Borrowed(t), Encoding::Utf8, true)
        }
        Err(e) => {
            let valid = &body[..e.valid_up_to()];
            let gb = if !bom && valid.is_ascii() {
                encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(body)
            } else {
                None
            };
            match gb {
                Some(t) => (t, Encoding::Gb18030, false),
                None => {
                    let line = line_of(&String::from_utf8_lossy(valid), valid.len());
                    return Err(Diagnostic::error(
                        "不是有效的 UTF-8 文本，也不是 GBK（GB18030）文本",
                    )
                    .line(line)
                    .help("用记事本打开该文件，“另存为”时编码选“UTF-8”"));
                }
            }
        }
    };
    let line_ending = line_ending_of(text.as_bytes());
    let text = if line_ending == LineEnding::Cr {
        Cow::Owned(cr_to_lf(&text))
    } else {
        text
    };
    Ok(Decoded {
        text,
        style: TextStyle {
            encoding,
            bom,
            line_ending,
        },
        cut,
    })
}

/// The style of the first line break.
pub fn line_ending_of(bytes: &[u8]) -> LineEnding {
    match memchr::memchr2(b'\r', b'\n', bytes) {
        Some(i) if bytes[i] == b'\r' => {
            if bytes.get(i + 1) == Some(&b'\n') {
                LineEnding::CrLf
            } else {
                LineEnding::Cr
            }
        }
        _ => LineEnding::Lf,
    }
}

/// Every lone CR becomes LF (CRLF pairs are kept); the length is unchanged.
fn cr_to_lf(text: &str) -> String {
    let mut bytes = text.as_bytes().to_vec();
    for i in 0..bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n') {
            bytes[i] = b'\n';
        }
    }
    // Replacing one ASCII byte by another keeps the text valid UTF-8.
    String::from_utf8(bytes).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles() {
        let d = decode(b"\xEF\xBB\xBFa\r\nb\r\n").unwrap();
        assert_eq!(d.text, "a\r\nb\r\n");
        assert_eq!(
            d.style,
            TextStyle {
                encoding: Encoding::Utf8,
                bom: true,
                line_ending: LineEnding::CrLf
            }
        );
        assert_eq!(d.file_offset(3), 6);
        let d = decode(b"a\rb\r").unwrap();
        assert_eq!(d.text, "a\nb\n");
        assert_eq!(d.style.line_ending, LineEnding::Cr);
        assert_eq!(decode(b"ab").unwrap().style.line_ending, LineEnding::Lf);
    }

    #[test]
    fn gbk_as_notepad_saves_it() {
        let (bytes, _, _) = encoding_rs::GBK.encode("# 市水务局\nby = \"张三\"\n");
        let d = decode(&bytes).unwrap();
        assert_eq!(d.text, "# 市水务局\nby = \"张三\"\n");
        assert_eq!(d.style.encoding, Encoding::Gb18030);
        assert_eq!(d.file_offset(d.text.find("by").unwrap()), 11);
    }

    #[test]
    fn a_cut_character_is_dropped() {
        let bytes = "a\n张".as_bytes();
        let d = decode(&bytes[..bytes.len() - 1]).unwrap();
        assert_eq!(d.text, "a\n");
        assert!(d.cut);
    }

    #[test]
    fn refusals_name_the_line() {
        let mut bytes = "第一行\n".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xff\xfe\n");
        let e = decode(&bytes).unwrap_err();
        assert_eq!(e.line, Some(2));
        assert!(decode(b"\xFF\xFEa\0").is_err());
    }
}
