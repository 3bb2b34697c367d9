//! I/O errors in Chinese: the one place an `std::io::Error` is put into
//! words for a person.

use std::io::{Error, ErrorKind};

/// What went wrong, in Chinese, without the OS's English text.
pub fn describe(e: &Error) -> String {
    let what = match e.kind() {
        ErrorKind::NotFound => "找不到文件或目录",
        ErrorKind::PermissionDenied => "没有权限(文件可能为只读,或正被其他程序占用)",
        ErrorKind::AlreadyExists => "文件已存在",
        ErrorKind::WouldBlock => "文件正被其他程序占用",
        ErrorKind::InvalidInput => "参数无效",
        ErrorKind::InvalidData => "内容不是有效的文字(UTF-8)",
        ErrorKind::TimedOut => "操作超时",
        ErrorKind::WriteZero | ErrorKind::StorageFull => "磁盘已满,写入失败",
        ErrorKind::Interrupted => "操作被中断",
        ErrorKind::UnexpectedEof => "文件意外结束",
        ErrorKind::BrokenPipe => "输出管道已关闭",
        ErrorKind::NotADirectory => "不是目录",
        ErrorKind::IsADirectory => "是目录而不是文件",
        ErrorKind::DirectoryNotEmpty => "目录不是空的",
        ErrorKind::ReadOnlyFilesystem => "磁盘为只读",
        ErrorKind::InvalidFilename => "文件名无效或过长",
        ErrorKind::CrossesDevices => "不能跨磁盘移动文件",
        ErrorKind::QuotaExceeded => "超出磁盘配额",
        ErrorKind::FileTooLarge => "文件太大",
        ErrorKind::ResourceBusy => "文件或设备正忙",
        ErrorKind::Deadlock => "文件锁死锁",
        ErrorKind::OutOfMemory => "内存不足",
        _ => "读写文件出错",
    };
    match e.raw_os_error() {
        Some(code) => format!("{what}(系统错误 {code})"),
        None => what.to_string(),
    }
}

/// An error chain as one line, each I/O error in Chinese.
pub fn chain(err: &anyhow::Error) -> String {
    let parts: Vec<String> = err
        .chain()
        .map(|cause| match cause.downcast_ref::<Error>() {
            Some(io) => describe(io),
            None => cause.to_string(),
        })
        .collect();
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    #[test]
    fn not_found_in_chinese() {
        let e = Error::from_raw_os_error(2);
        let text = describe(&e);
        assert!(text.starts_with("找不到文件或目录"), "{text}");
        let err = std::fs::read("/无此目录/x")
            .context("无法读取 x")
            .unwrap_err();
        assert_eq!(chain(&err), "无法读取 x: 找不到文件或目录(系统错误 2)");
    }
}
