//! Bytes to text: UTF-8 with or without BOM, or GB18030/GBK; any line ending.

use anyhow::{Result, bail};

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

/// Decodes `bytes`: with `forced`, in that encoding; otherwise UTF-8 when
/// valid, else GB18030 when that decodes cleanly. Line endings become `\n`.
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Result<String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match forced {
        Some(Encoding::Utf8) => match std::str::from_utf8(bytes) {
            Ok(t) => t.to_string(),
            Err(e) => bail!(
                "不是有效的 UTF-8 文本(第{}行);若是 GBK 编码,请加 --encoding gbk",
                1 + bytes[..e.valid_up_to()]
                    .iter()
                    .filter(|&&b| b == b'\n')
                    .count()
            ),
        },
        Some(Encoding::Gb18030) => gb18030(bytes)?,
        None => match std::str::from_utf8(bytes) {
            Ok(t) => t.to_string(),
            Err(_) => gb18030(bytes).map_err(|_| {
                anyhow::anyhow!(
                    "既不是 UTF-8 也不是 GB18030/GBK 文本;请用 --encoding 指定编码,或先转换为 UTF-8"
                )
            })?,
        },
    };
    if let Some(pos) = text.find('\0') {
        bail!(
            "第{}行含有 NUL 字符:这不是文本文件",
            1 + text[..pos].matches('\n').count()
        );
    }
    Ok(text.replace("\r\n", "\n").replace('\r', "\n"))
}

fn gb18030(bytes: &[u8]) -> Result<String> {
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    if had_errors {
        bail!("不是有效的 GB18030/GBK 文本");
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
    fn binary_is_refused() {
        assert!(decode(b"abc\n\0\x01", None).is_err());
    }
}
