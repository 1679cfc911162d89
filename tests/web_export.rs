//! `gilvm web --export` and the command's errors, without a server or a browser: the exported
//! page carries every stop of the run, and bad input is a clear error with CPython's exit codes.

mod common;

use std::path::Path;
use std::process::Output;

use common::*;

/// `gilvm web --export OUT ARGS`.
fn export(out: &Path, args: &[&str]) -> Output {
    let mut all = vec!["web", "--export", out.to_str().unwrap()];
    all.extend_from_slice(args);
    gilvm(&all)
}

/// The JSON the exported page carries (`<script id="gilvm-data">`).
fn page_data(html: &str) -> serde_json::Value {
    let start = html
        .find(r#"<script id="gilvm-data" type="application/json">"#)
        .expect("the data element");
    let rest = &html[start..];
    let open = rest.find('>').unwrap() + 1;
    let close = rest.find("</script>").unwrap();
    serde_json::from_str(&rest[open..close]).expect("the data is JSON")
}

#[test]
fn an_exported_page_replays_every_stop_of_the_run() {
    let dir = scratch_dir("web-export");
    let out = dir.join("lesson.html");
    let o = export(&out, &["tests/step/bank.py"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_contains(&stdout(&o), &["gilvm web: wrote", "stops"]);
    let html = read(&out);
    // Self-contained: nothing is fetched from anywhere.
    for needle in ["http://", "https://", "<link ", " src=\""] {
        assert!(!html.contains(needle), "the page refers to {needle}");
    }
    let data = page_data(&html);
    assert_eq!(data["live"], false);
    let views = data["views"].as_array().unwrap();
    assert!(views.len() > 20, "{} stops", views.len());
    // Stop numbers count up from 0; the last view is the end, with the program's output.
    for (i, v) in views.iter().enumerate() {
        assert_eq!(v["stop"], i as u64);
        for id in v["code_ids"].as_array().unwrap() {
            assert!(id.as_u64().unwrap() < data["codes"].as_array().unwrap().len() as u64);
        }
    }
    let last = views.last().unwrap();
    assert_eq!(last["finished"], true);
    assert_eq!(last["output"], "balance = 20\n");
}

#[test]
fn an_exported_page_follows_a_replayed_schedule() {
    // The overdraft's hand-offs (made by hand in the step view, in the GIL-before-3.10
    // regime: every instruction is a switch point).
    let dir = scratch_dir("web-export");
    let out = dir.join("overdraft.html");
    let by_hand = run_ok(&[
        "step",
        "--switch-points",
        "every",
        "--commands",
        "b 16;c;t 1;c;t 3;c;t 2;c;c;c;c",
        "tests/step/bank.py",
    ]);
    assert!(by_hand.contains("balance = -60"), "{by_hand}");
    let o = export(
        &out,
        &[
            "--replay-schedule",
            "1:1111>2 2:146>1 1:1270>3 3:151>2 2:216>3 3:216>1",
            "-X",
            "gil=0",
            "tests/step/bank.py",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let data = page_data(&read(&out));
    let last = data["views"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["output"], "balance = -60\n");
    assert_finding(&last, "stale check on .balance");
}

#[test]
fn the_web_command_reports_bad_input() {
    fails_with(
        &["web", "no_such_file.py"],
        2,
        &["can't open file", "no_such_file.py"],
    );

    let dir = scratch_dir("web-export");
    let bad = dir.join("bad.py");
    std::fs::write(&bad, "print(1\n").unwrap();
    let o = export(Path::new("x.html"), &[bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert_contains(&stderr(&o), &["SyntaxError", "'(' was never closed"]);

    fails_with(
        &["web", "--replay-schedule", "1:5>2", "tests/step/bank.py"],
        2,
        &["--replay-schedule goes with --export"],
    );

    let o = export(
        Path::new("x.html"),
        &["--replay-schedule", "1:x>2", "tests/step/bank.py"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert_contains(&stderr(&o), &["--replay-schedule"]);

    fails_with(&["web", "--timeout", "0", "tests/step/bank.py"], 2, &[]);

    let o = export(&dir.join("no_dir/x.html"), &["tests/step/bank.py"]);
    assert_eq!(o.status.code(), Some(1));
    assert_contains(&stderr(&o), &["cannot write"]);
}
