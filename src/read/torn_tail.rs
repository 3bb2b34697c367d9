//! A torn tail: the last `[[entry]]` block cut short by a crash, a kill or
//! a full disk in the middle of an append. rectify writes an entry in one
//! write ending with its `recorded` line and a newline, so a block without
//! either was never finished. Views read the ledger without it (and say
//! so); the next locked append moves it to a side file.

use super::ledger;

/// Where the torn block starts, if the ledger's last block is unfinished
/// and everything before it reads.
pub fn find(bytes: &[u8]) -> Option<usize> {
    // A ledger that reads whole has nothing torn (an entry saved by hand
    // without a final newline is whole).
    if ledger::scan(bytes, |_, _| {}).is_ok() {
        return None;
    }
    // Whole lines, and the line cut short after them (if any).
    let whole = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let header = last_header(&bytes[..whole]);
    let finished = header.is_some_and(|h| {
        bytes[h..whole]
            .split(|&b| b == b'\n')
            .any(|line| line.trim_ascii_start().starts_with(b"recorded"))
    });
    let start = match header {
        // The last block is whole: only a cut line after it can be torn.
        Some(_) if finished && whole < bytes.len() => whole,
        Some(_) if finished => return None,
        Some(h) => h,
        None if whole < bytes.len() => whole,
        None => return None,
    };
    // A torn header line itself ("[[ent") starts the torn part too.
    ledger::scan(&bytes[..start], |_, _| {}).ok()?;
    Some(start)
}

/// The offset of the last line that is an `[[entry]]` header.
fn last_header(bytes: &[u8]) -> Option<usize> {
    let mut found = None;
    let mut offset = 0;
    for line in bytes.split(|&b| b == b'\n') {
        if line.trim_ascii().starts_with(b"[[entry]]") {
            found = Some(offset);
        }
        offset += line.len() + 1;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::find;

    const ONE: &str = "[[entry]]\ndate = 2022-07-05\nmeasure = \"1.2\"\nstatus = \"phased\"\nprogress = \"完成\"\nrecorded = 2022-07-05T10:00:00\n";

    #[test]
    fn a_block_cut_anywhere_is_torn_and_a_whole_one_is_not() {
        let whole = format!("# 台账\n\n{ONE}\n{ONE}");
        assert_eq!(find(whole.as_bytes()), None);
        let second = whole.rfind("[[entry]]").unwrap();
        for cut in second + 1..whole.len() - 1 {
            let cut_text = &whole.as_bytes()[..cut];
            if !whole.is_char_boundary(cut)
                || crate::read::ledger::scan(cut_text, |_, _| {}).is_ok()
            {
                // A cut that still reads (a time without seconds) is whole.
                continue;
            }
            assert_eq!(find(&whole.as_bytes()[..cut]), Some(second), "cut at {cut}");
        }
    }

    #[test]
    fn a_typo_in_a_finished_entry_is_not_torn() {
        let typo = ONE.replace("phased", "finished");
        assert_eq!(find(typo.as_bytes()), None);
    }
}
