//! The dashboard in a real headless browser (Chromium): it renders, takes a
//! screenshot, loads nothing from outside, and shows the numbers `status
//! --format json` gives. Skipped, with a message, where no browser exists.

use crate::cycle::july;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn browser() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("RECTIFY_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| std::env::split_paths(&path).map(move |d| d.join(name)))
        .find(|p| p.is_file())
}

fn chromium(browser: &PathBuf, profile: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--no-first-run",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .output()
        .expect("run chromium")
}

/// The text of every element `<tag attr="value">text<`, as (value, text).
fn tagged<'a>(dom: &'a str, attr: &str) -> Vec<(&'a str, &'a str)> {
    let key = format!("{attr}=\"");
    dom.match_indices(&key)
        .map(|(i, _)| {
            let rest = &dom[i + key.len()..];
            let (value, rest) = rest.split_once('"').unwrap();
            let text = rest.split_once('>').unwrap().1.split('<').next().unwrap();
            (value, text)
        })
        .collect()
}

#[test]
fn the_dashboard_in_a_browser_shows_what_status_says() {
    let ws = july();
    let day = "2022-08-12";
    let out = ws.run(&["dashboard", "-o", "看板.html", "--as-of", day]);
    out.ok();
    assert_eq!(out.stderr, "已写入 看板.html\n");
    let html = ws.read("看板.html");
    // Self-contained: nothing to fetch, and a policy that forbids it.
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "an external URL"
    );
    assert!(html.contains(r#"<meta name="renderer" content="webkit">"#));
    assert!(
        html.contains(r#"content="default-src 'none'; style-src 'unsafe-inline'; img-src data:""#)
    );
    assert!(html.contains("@page{size:A3 landscape"));
    let Some(browser) = browser() else {
        eprintln!(
            "跳过浏览器检查:未找到 chromium(apt-get install chromium fonts-noto-cjk,或设置 RECTIFY_CHROMIUM)"
        );
        return;
    };
    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}", ws.path().join("看板.html").display());
    let dom = chromium(&browser, profile.path(), &["--dump-dom", &url]);
    assert!(
        dom.status.success(),
        "{}",
        String::from_utf8_lossy(&dom.stderr)
    );
    let dom = String::from_utf8(dom.stdout).unwrap();
    let status = ws
        .run(&["status", "--as-of", day, "--format", "json"])
        .view("measures");
    let rows = status.as_array().unwrap();
    let lights = tagged(&dom, "data-light");
    assert_eq!(lights.len(), 4);
    for (light, shown) in lights {
        let n = rows.iter().filter(|r| r["light"] == light).count();
        assert_eq!(shown, n.to_string(), "{light}");
    }
    assert!(dom.contains(&format!(r#"<b id="total">{}</b>"#, rows.len())));
    let done = rows
        .iter()
        .filter(|r| r["status"] == "done" || r["status"] == "signed_off")
        .count();
    let rate = format!("{:.1}%", done as f64 * 100.0 / rows.len() as f64);
    assert!(
        dom.contains(&format!(r#"<b id="rate">{rate}</b>"#)),
        "{rate}"
    );
    let overdue = ws
        .run(&["overdue", "--as-of", day, "--format", "json"])
        .view("measures");
    let expected: Vec<(String, String)> = overdue
        .as_array()
        .unwrap()
        .iter()
        .map(|r: &Value| {
            (
                r["id"].as_str().unwrap().to_string(),
                r["days_overdue"].to_string(),
            )
        })
        .collect();
    let ids = tagged(&dom, "data-id");
    let days = tagged(&dom, "data-days");
    let shown: Vec<(String, String)> = ids
        .iter()
        .zip(&days)
        .map(|((id, _), (d, _))| (id.to_string(), d.to_string()))
        .collect();
    assert_eq!(shown, expected);
    // A screenshot renders.
    let shot = ws.path().join("看板.png");
    let arg = format!("--screenshot={}", shot.display());
    let out = chromium(
        &browser,
        profile.path(),
        &[&arg, "--window-size=1600,1200", &url],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let png = std::fs::read(&shot).expect("a screenshot");
    assert!(
        png.starts_with(b"\x89PNG") && png.len() > 20_000,
        "{} bytes",
        png.len()
    );
}

#[test]
fn the_dashboard_is_not_written_over_an_existing_file() {
    let ws = july();
    ws.write("看板.html", "旧");
    let err = ws.refused(&["dashboard", "-o", "看板.html", "--as-of", "2022-08-12"]);
    assert!(err.contains("文件已存在"), "{err}");
}

/// The 未报送 count of `unit` in the page's table of lead units.
fn not_reported(page: &str, unit: &str) -> usize {
    let row = page
        .split("<tr>")
        .find(|r| r.starts_with(&format!("<td>{unit}</td>")))
        .unwrap_or_else(|| panic!("no row for {unit}"));
    let last = row.rsplit("<td class=\"n\">").next().expect("cells");
    last.split('<')
        .next()
        .expect("count")
        .parse()
        .expect("a number")
}

#[test]
fn who_has_not_reported_is_missing_s_answer_even_after_a_later_correction() {
    let ws = crate::corrections::logged();
    let history = ws.run(&["show", "1.2", "--format", "json"]).view("history");
    let id = history[0]["id"].as_str().expect("id").to_string();
    ws.run(&["withdraw", &id, "-u", "水务局", "-r", "误记", "-b", "李四"])
        .ok();
    // As of a day before the withdrawal was recorded, and after it.
    for as_of in ["2022-07-31", "2022-08-20"] {
        let missing = ws.run(&["missing", "--as-of", as_of, "--format", "json"]);
        let owed = missing
            .view("units")
            .as_array()
            .expect("units")
            .iter()
            .find(|u| u["unit"] == "市水务局")
            .map_or(0, |u| u["measures"].as_array().expect("measures").len());
        let file = format!("{as_of}.html");
        ws.run(&["dashboard", "-o", &file, "--as-of", as_of]).ok();
        assert_eq!(not_reported(&ws.read(&file), "市水务局"), owed, "{as_of}");
    }
}
