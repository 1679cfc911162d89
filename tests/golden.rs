//! Golden tests: every program in `tests/programs/` prints exactly what CPython 3.11 printed
//! (`NAME.out`, produced once with `python3` and committed); every program in `tests/errors/`
//! also matches CPython's stderr (`NAME.err`, the traceback) and exit status (`NAME.code`).

mod common;
use common::*;

#[test]
fn programs_match_cpython_output() {
    let scripts = scripts("tests/programs");
    assert!(
        scripts.len() >= 60,
        "expected at least 60 golden programs, found {}",
        scripts.len()
    );
    let mut failures = Vec::new();
    for py in &scripts {
        let name = rel(py);
        let expected = read(&py.with_extension("out"));
        let out = gilvm(&[&name]);
        let stdout = normalise(&out.stdout);
        if stdout != expected || !out.status.success() {
            failures.push(format!(
                "--- {name} (status {:?})\n{}\n--- stderr:\n{}",
                out.status.code(),
                diff(&expected, &stdout),
                normalise(&out.stderr)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} programs differ from CPython:\n{}",
        failures.len(),
        scripts.len(),
        failures.join("\n")
    );
}

#[test]
fn errors_match_cpython_tracebacks() {
    let scripts = scripts("tests/errors");
    assert!(!scripts.is_empty());
    let mut failures = Vec::new();
    for py in &scripts {
        let name = rel(py);
        let out = gilvm(&[&name]);
        let want_out = read(&py.with_extension("out"));
        let want_err = read(&py.with_extension("err"));
        let want_code: i32 = read(&py.with_extension("code"))
            .trim()
            .parse()
            .expect("code");
        let got_out = normalise(&out.stdout);
        let got_err = normalise(&out.stderr);
        if got_out != want_out || got_err != want_err || out.status.code() != Some(want_code) {
            failures.push(format!(
                "--- {name}: status {:?} (want {want_code})\nstdout:\n{}\nstderr:\n{}",
                out.status.code(),
                diff(&want_out, &got_out),
                diff(&want_err, &got_err)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// A small line diff: the first differing line with context, enough to see what broke.
fn diff(want: &str, got: &str) -> String {
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
