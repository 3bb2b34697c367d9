//! The plan's time zone: `log` records the offices' wall-clock time whatever
//! zone the machine keeps, and times written with an offset are read in the
//! plan's zone.

use crate::harness::*;
use chrono::{Duration, NaiveDateTime, Timelike, Utc};

/// The shipped plan, stating `zone` in `[plan]`.
fn plan_in(zone: &str) -> String {
    let plan = shipped_plan();
    assert!(plan.contains("stated_measures = 52\n"));
    plan.replacen(
        "stated_measures = 52\n",
        &format!("stated_measures = 52\nzone = \"{zone}\"\n"),
        1,
    )
}

fn last_recorded(ledger: &str) -> NaiveDateTime {
    let line = ledger
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("recorded = "))
        .expect("a recorded line");
    NaiveDateTime::parse_from_str(line, "%Y-%m-%dT%H:%M:%S").expect("a local time")
}

/// Logs on the real clock (no `RECTIFY_NOW`) with the machine's zone set
/// to `tz` (a POSIX TZ value); returns what was recorded and the UTC
/// instants just before and after, to the second.
fn log_on_the_real_clock(
    ws: &Workspace,
    tz: &str,
    measure: &str,
) -> (NaiveDateTime, NaiveDateTime, NaiveDateTime) {
    let second = |t: chrono::DateTime<Utc>| t.naive_utc().with_nanosecond(0).expect("second");
    let before = second(Utc::now());
    let out = ws
        .command(&[
            "log",
            measure,
            "--unit",
            "水务局",
            "--status",
            "in_progress",
            "--date",
            "2022-07-20",
            "--progress",
            &format!("{tz} 的服务器"),
        ])
        .env_remove("RECTIFY_NOW")
        .env("TZ", tz)
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let after = second(Utc::now());
    (
        last_recorded(&ws.read("reports/市水务局.toml")),
        before,
        after,
    )
}

#[test]
fn a_server_on_any_zone_records_beijing_time() {
    let ws = Workspace::new();
    // UTC, New York in winter, Tokyo: the machine's zone never shows.
    // (Three measures: three entries for one measure within a second would
    // be recorded a second apart, to keep their ids apart.)
    for (tz, measure) in [("UTC0", "1.2"), ("EST5", "1.3"), ("JST-9", "1.4")] {
        let (recorded, before, after) = log_on_the_real_clock(&ws, tz, measure);
        let beijing = Duration::hours(8);
        assert!(
            before + beijing <= recorded && recorded <= after + beijing,
            "{tz}: recorded {recorded}, UTC between {before} and {after}"
        );
    }
}

#[test]
fn a_plan_in_another_zone_records_and_reads_times_in_it() {
    let ws = Workspace::with_plan(&plan_in("-05:00"));
    let (recorded, before, after) = log_on_the_real_clock(&ws, "JST-9", "1.2");
    let zone = Duration::hours(-5);
    assert!(
        before + zone <= recorded && recorded <= after + zone,
        "recorded {recorded}, UTC between {before} and {after}"
    );

    // A hand-written entry with an offset is read on the plan's clock.
    let ledger = "[[entry]]\ndate = 2022-07-20\nmeasure = \"6.2\"\nstatus = \"in_progress\"\nprogress = \"手工补记\"\nrecorded = 2022-07-20T14:00:00Z\n";
    let last = |ws: &Workspace| {
        ws.write("reports/市财政局.toml", ledger);
        let v = ws
            .run(&[
                "missing",
                "--due",
                "2022-08-10",
                "--as-of",
                "2022-08-20",
                "--format",
                "json",
            ])
            .view("units");
        v.as_array()
            .expect("units")
            .iter()
            .find(|u| u["unit"] == "市财政局")
            .expect("市财政局")["last_recorded"]
            .clone()
    };
    assert_eq!(last(&ws), "2022-07-20T09:00:00");
    assert_eq!(last(&Workspace::new()), "2022-07-20T22:00:00");
}

#[test]
fn a_zone_that_is_not_an_offset_is_refused_with_its_line() {
    let ws = Workspace::with_plan(&plan_in("UTC+8"));
    let line = ws
        .read("plan/plan.toml")
        .lines()
        .position(|l| l.starts_with("zone = "))
        .expect("zone line")
        + 1;
    let err = ws.refused(&["status", "--as-of", "2022-07-20"]);
    assert!(
        err.contains(&format!(
            "错误: plan/plan.toml:{line}: 时区 zone “UTC+8”无效"
        )),
        "{err}"
    );
    assert!(err.contains("\"+08:00\""), "{err}");
}

#[test]
fn the_shipped_plan_states_no_zone_and_is_read_as_beijing_time() {
    assert!(!shipped_plan().contains("\nzone"));
    let ws = Workspace::with_plan(&plan_in("+08:00"));
    let plain = Workspace::new();
    let args = ["status", "--as-of", "2022-07-20", "--format", "json"];
    assert_eq!(ws.run(&args).stdout, plain.run(&args).stdout);
}
