//! Writes a large synthetic workspace to measure `status` at provincial
//! scale: `cargo run --release --example scale_workspace -- DIR [MEASURES] [ENTRIES]`
//! (defaults: 10,000 measures, 1,000,000 entries over 200 units).

use std::fmt::Write as _;
use std::io::Write as _;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = std::path::PathBuf::from(args.next().unwrap_or_else(|| "scale".into()));
    let measures: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let entries: usize = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let units = 200;
    std::fs::create_dir_all(dir.join("plan"))?;
    std::fs::create_dir_all(dir.join("reports"))?;
    let mut plan = String::from(
        "[plan]\ntitle = \"规模测试\"\nissuer = \"测试\"\nissued = 2022-07-01\n\n[reporting]\nday = 10\nfrom = \"2022-07\"\nuntil = \"2022-12\"\n",
    );
    for u in 0..units {
        let _ = write!(plan, "\n[[unit]]\nname = \"单位{u:03}\"\n");
    }
    let problems = 100;
    for p in 1..=problems {
        let _ = write!(plan, "\n[[problem]]\nnumber = {p}\ntitle = \"问题{p}\"\n");
    }
    for m in 0..measures {
        let p = m % problems + 1;
        let n = m / problems + 1;
        let _ = write!(
            plan,
            "\n[[measure]]\nid = \"{p}.{n}\"\nproblem = {p}\ntext = \"措施{m}的内容,开展排查整治。\"\nlead = [\"单位{:03}\"]\nresponsible = [\"单位{:03}\"]\ndeadline = \"2022年9月30日、12月31日前取得阶段性成效\"\nmilestones = [{{ date = 2022-09-30, require = \"phased\" }}, {{ date = 2022-12-31, require = \"phased\" }}]\n",
            m % units,
            (m + 1) % units
        );
    }
    std::fs::write(dir.join("plan/plan.toml"), plan)?;
    let statuses = ["in_progress", "phased", "done"];
    let mut files: Vec<std::io::BufWriter<std::fs::File>> = (0..units)
        .map(|u| {
            std::fs::File::create(dir.join(format!("reports/单位{u:03}.toml")))
                .map(std::io::BufWriter::new)
        })
        .collect::<Result<_, _>>()?;
    for e in 0..entries {
        let m = (e * 7919) % measures;
        let p = m % problems + 1;
        let n = m / problems + 1;
        let unit = if e % 2 == 0 {
            m % units
        } else {
            (m + 1) % units
        };
        let day = 1 + e % 28;
        let month = 7 + e % 6;
        writeln!(
            files[unit],
            "\n[[entry]]\ndate = 2022-{month:02}-{day:02}\nmeasure = \"{p}.{n}\"\nstatus = \"{}\"\nprogress = \"第{e}次进展:完成排查整治工作,发现问题若干并已整改。\"\nby = \"张三\"\nrecorded = 2022-{month:02}-{day:02}T10:00:00",
            statuses[e % 3]
        )?;
    }
    for f in &mut files {
        f.flush()?;
    }
    eprintln!(
        "wrote {} ({measures} measures, {entries} entries, {units} units)",
        dir.display()
    );
    Ok(())
}
