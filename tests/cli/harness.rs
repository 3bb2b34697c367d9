//! The test harness: a temporary workspace, the built binary run in it, and
//! helpers to assert output, exit codes and the files left behind.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

pub const BIN: &str = env!("CARGO_BIN_EXE_rectify");
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The clock every test runs at unless it says otherwise.
pub const NOW: &str = "2022-07-20T09:00:00";

pub fn shipped_plan() -> String {
    std::fs::read_to_string(Path::new(ROOT).join("plan/plan.toml")).expect("plan/plan.toml")
}

pub fn seed_path() -> PathBuf {
    let dir = Path::new(ROOT).join("seeds");
    std::fs::read_dir(&dir)
        .expect("seeds/")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "txt"))
        .expect("a notice in seeds/")
}

pub struct Output {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Output {
    pub fn ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "stdout:\n{}\nstderr:\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn fails(&self) -> &Self {
        assert_ne!(self.code, 0, "expected failure; stdout:\n{}", self.stdout);
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| panic!("{e}: {}", self.stdout))
    }

    /// A view's JSON object: it names the plan and the day; its `key`.
    pub fn view(&self, key: &str) -> serde_json::Value {
        let v = self.json();
        assert!(
            v["plan"].as_str().is_some_and(|p| p.ends_with("整改方案")),
            "{v}"
        );
        assert!(v["as_of"].is_string(), "{v}");
        v.get(key)
            .unwrap_or_else(|| panic!("no {key}: {v}"))
            .clone()
    }
}

pub struct Workspace {
    pub dir: tempfile::TempDir,
    pub now: String,
}

impl Workspace {
    /// A workspace with the shipped plan and no ledgers.
    pub fn new() -> Workspace {
        Workspace::with_plan(&shipped_plan())
    }

    pub fn with_plan(plan: &str) -> Workspace {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("plan")).expect("mkdir");
        std::fs::create_dir_all(dir.path().join("reports")).expect("mkdir");
        std::fs::write(dir.path().join("plan/plan.toml"), plan).expect("write plan");
        Workspace {
            dir,
            now: NOW.to_string(),
        }
    }

    /// An empty folder (no plan).
    pub fn empty() -> Workspace {
        Workspace {
            dir: tempfile::tempdir().expect("temp dir"),
            now: NOW.to_string(),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) -> &Self {
        let p = self.path().join(rel);
        if let Some(d) = p.parent() {
            std::fs::create_dir_all(d).expect("mkdir");
        }
        std::fs::write(p, text).expect("write");
        self
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn read_bytes(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut c = Command::new(BIN);
        c.args(args)
            .current_dir(self.path())
            .env("RECTIFY_NOW", &self.now)
            .env("NO_COLOR", "1")
            // No officer's defaults from the machine running the tests.
            .env("XDG_CONFIG_HOME", self.path().join(".no-user-config"))
            .env("HOME", self.path().join(".no-home"))
            .env("APPDATA", self.path().join(".no-appdata"))
            .env_remove("RECTIFY_UNIT")
            .env_remove("RECTIFY_BY")
            .env_remove("PAGER")
            .env_remove("RECTIFY_WORKSPACE");
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        let out = self.command(args).output().expect("run rectify");
        Output {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            code: out.status.code().unwrap_or(-1),
        }
    }

    /// `rectify log ID --unit UNIT --status STATUS --progress TEXT`.
    pub fn log(&self, id: &str, unit: &str, status: &str, progress: &str) -> Output {
        self.run(&[
            "log",
            id,
            "--unit",
            unit,
            "--status",
            status,
            "--progress",
            progress,
        ])
    }

    /// Every file under the workspace with its bytes.
    /// The workspace's files, without the facts cache (`.rectify/`), which
    /// is safe to delete at any time and is not the user's data.
    pub fn snapshot(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
            for e in std::fs::read_dir(dir).expect("read_dir").flatten() {
                let p = e.path();
                if p.strip_prefix(root)
                    .is_ok_and(|r| r.starts_with(".rectify"))
                {
                    continue;
                }
                if p.is_dir() {
                    out.insert(p.strip_prefix(root).expect("prefix").join(""), Vec::new());
                    walk(&p, root, out);
                } else {
                    out.insert(
                        p.strip_prefix(root).expect("prefix").to_path_buf(),
                        std::fs::read(&p).expect("read"),
                    );
                }
            }
        }
        let mut out = BTreeMap::new();
        walk(self.path(), self.path(), &mut out);
        out
    }

    /// Runs a command that must be refused, leaving every file as it was;
    /// returns its standard error.
    pub fn refused(&self, args: &[&str]) -> String {
        let before = self.snapshot();
        let out = self.run(args);
        assert_ne!(
            out.code, 0,
            "expected {args:?} to be refused; stdout:\n{}",
            out.stdout
        );
        assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        assert_eq!(before, self.snapshot(), "{args:?} changed files");
        out.stderr
    }
}

/// Compares with a golden file; `UPDATE_GOLDEN=1` rewrites it.
pub fn golden(name: &str, actual: &str) {
    let path = Path::new(ROOT).join("tests/golden").join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "missing golden file {}; run with UPDATE_GOLDEN=1",
            path.display()
        )
    });
    assert_eq!(actual, expected, "output differs from {}", path.display());
}
