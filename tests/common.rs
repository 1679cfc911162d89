//! Helpers shared by the integration tests: run the built `gilvm` binary from the repository
//! root, with output normalised so golden files do not depend on where the repo is checked out.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, ChildStdout, Command, Output, Stdio};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The command `gilvm ARGS` in the repository root.
fn command(args: &[&str]) -> assert_cmd::Command {
    let mut c = assert_cmd::Command::cargo_bin("gilvm").expect("binary built");
    c.current_dir(root())
        .args(args)
        // A guard against a hang, not a speed test: the heaviest run (`explore` of
        // locked_update.py's 800,000 locked increments, twice, in a debug build) took over
        // 120 s on a loaded two-core machine.
        .timeout(std::time::Duration::from_secs(300));
    c
}

/// A scratch directory for a test's files, made if missing: unique to this test process, and
/// `label` keeps the tests of one file apart.
pub fn scratch_dir(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("gilvm-{label}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// `gilvm web --port 0 ARGS` started in the repository root, its stderr to `stderr`: the
/// server, its stdout after the first line, and the URL that line printed.
pub fn start_web(args: &[&str], stderr: Stdio) -> (Child, BufReader<ChildStdout>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_gilvm"))
        .current_dir(root())
        .args(["web", "--port", "0"])
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(stderr)
        .spawn()
        .expect("gilvm web starts");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout is piped"));
    let mut first = String::new();
    stdout
        .read_line(&mut first)
        .expect("gilvm web prints its URL");
    let url = first
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in gilvm web's first line: {first:?}"))
        .to_string();
    (child, stdout, url)
}

/// Starts `cmd` with its standard streams piped: the child, its stdin and its stdout (its
/// stderr stays with the child).
pub fn spawn_piped(cmd: &mut Command) -> (Child, ChildStdin, ChildStdout) {
    let mut child = cmd
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the command starts");
    let stdin = child.stdin.take().expect("stdin");
    let stdout = child.stdout.take().expect("stdout");
    (child, stdin, stdout)
}

/// Runs `gilvm ARGS` in the repository root.
pub fn gilvm(args: &[&str]) -> Output {
    command(args).output().expect("gilvm runs")
}

/// Runs `gilvm ARGS` in the repository root with `input` piped to its standard input.
pub fn gilvm_with_stdin(args: &[&str], input: &str) -> Output {
    command(args)
        .write_stdin(input)
        .output()
        .expect("gilvm runs")
}

/// Tracebacks name scripts by absolute path, as CPython does; golden files hold paths relative
/// to the repository root.
pub fn normalise(text: &[u8]) -> String {
    let s = String::from_utf8_lossy(text).into_owned();
    let prefix = format!("{}/", root().display());
    s.replace(&prefix, "")
}

/// Runs `gilvm ARGS`: its stdout and stderr, normalised, and its exit code.
pub fn run(args: &[&str]) -> (String, String, Option<i32>) {
    let o = gilvm(args);
    (normalise(&o.stdout), normalise(&o.stderr), o.status.code())
}

/// Runs `gilvm ARGS`: it succeeds. Its stdout.
pub fn run_ok(args: &[&str]) -> String {
    let (out, err, code) = run(args);
    assert_eq!(code, Some(0), "{args:?}: {out}{err}");
    out
}

/// Runs `gilvm -c CODE`: it exits 0. Its stdout and stderr.
pub fn run_c(code: &str) -> (String, String) {
    let (out, err, status) = run(&["-c", code]);
    assert_eq!(status, Some(0), "{code}\n{err}");
    (out, err)
}

/// Runs `gilvm MODE... SCRIPT`, as [`run`].
pub fn run_script(mode: &[&str], script: &str) -> (String, String, Option<i32>) {
    let mut args = mode.to_vec();
    args.push(script);
    run(&args)
}

pub fn stdout(o: &Output) -> String {
    normalise(&o.stdout)
}

pub fn stderr(o: &Output) -> String {
    normalise(&o.stderr)
}

/// Runs `gilvm ARGS`: it exits `code` (2: a usage error) and its stderr says each of
/// `needles`.
#[track_caller]
pub fn fails_with(args: &[&str], code: i32, needles: &[&str]) {
    let o = gilvm(args);
    assert_eq!(o.status.code(), Some(code), "{args:?}");
    assert_contains(&stderr(&o), needles);
}

/// Asserts that `text` contains each of `needles`, showing the text where one is missing.
#[track_caller]
pub fn assert_contains(text: &str, needles: &[&str]) {
    for n in needles {
        assert!(text.contains(n), "missing {n:?} in:\n{text}");
    }
}

/// Asserts that a step view (`gilvm web`'s JSON) lists a finding whose text begins `start`.
#[track_caller]
pub fn assert_finding(view: &serde_json::Value, start: &str) {
    let findings = view["findings"].as_array().expect("the view's findings");
    assert!(
        findings
            .iter()
            .any(|f| f["text"].as_str().is_some_and(|t| t.starts_with(start))),
        "no finding {start:?} in {findings:?}"
    );
}

pub fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `tests/DIR/*.py`, sorted.
pub fn scripts(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|e| panic!("{dir}: {e}"))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "py"))
        .collect();
    v.sort();
    v
}

pub fn rel(p: &Path) -> String {
    p.strip_prefix(root()).unwrap_or(p).display().to_string()
}

/// `run` (a `gilvm` run, named `what` in the message) exited 0 and printed `want`; or why
/// not: its status, the first difference of its stdout from `want`, and its stderr.
pub fn prints_expected(what: &str, want: &str, run: &Output) -> Result<(), String> {
    let got = normalise(&run.stdout);
    if got == want && run.status.success() {
        return Ok(());
    }
    Err(format!(
        "{what} differs from CPython (status {:?})\n{}\n--- stderr:\n{}",
        run.status.code(),
        diff(want, &got),
        normalise(&run.stderr)
    ))
}

/// A small line diff: the first differing line with context, enough to see what broke.
pub fn diff(want: &str, got: &str) -> String {
    if want == got {
        return "(same)".into();
    }
    let w: Vec<&str> = want.lines().collect();
    let g: Vec<&str> = got.lines().collect();
    let i = w.iter().zip(&g).take_while(|(a, b)| a == b).count();
    let lo = i.saturating_sub(2);
    let mut s = format!("first difference at line {}:\n", i + 1);
    for (k, line) in w.iter().enumerate().skip(lo).take(5) {
        s.push_str(&format!("  want {:>4}: {line}\n", k + 1));
    }
    for (k, line) in g.iter().enumerate().skip(lo).take(5) {
        s.push_str(&format!("  got  {:>4}: {line}\n", k + 1));
    }
    if w.len() != g.len() {
        s.push_str(&format!("  ({} lines wanted, {} got)\n", w.len(), g.len()));
    }
    s
}

/// Starts `gilvm args` (stdout and stderr piped) and returns once it catches SIGINT.
#[cfg(target_os = "linux")]
pub fn spawn_catching_sigint(args: &[&str]) -> std::process::Child {
    let child = Command::new(env!("CARGO_BIN_EXE_gilvm"))
        .args(args)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gilvm starts");
    wait_until_catching_sigint(&child);
    child
}

/// Returns once `child` catches SIGINT (its `SigCgt` mask in /proc), so a test's Ctrl-C does
/// not depend on how fast the process starts.
#[cfg(target_os = "linux")]
pub fn wait_until_catching_sigint(child: &std::process::Child) {
    let status = format!("/proc/{}/status", child.id());
    let catches_sigint = || {
        std::fs::read_to_string(&status)
            .ok()
            .and_then(|s| {
                let mask = s
                    .lines()
                    .find_map(|l| l.strip_prefix("SigCgt:"))?
                    .trim()
                    .to_string();
                u64::from_str_radix(&mask, 16).ok()
            })
            .is_some_and(|m| m & (1 << (2 - 1)) != 0)
    };
    while !catches_sigint() {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Sends SIGINT (a Ctrl-C) to `child`.
#[cfg(target_os = "linux")]
pub fn send_sigint(child: &std::process::Child) {
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status();
    assert!(sent.is_ok_and(|s| s.success()));
}
