//! The bytecode stepper (`gilvm step`), driven by scripted commands: the transcripts are
//! insta snapshots, so a lesson is written down once and checked on every run. Everything is
//! deterministic: one thread runs at a time and only the commands decide who.

mod common;
use common::*;

/// Runs `gilvm step ARGS`: it exits 0. Its transcript (stdout, then stderr).
fn step(args: &[&str]) -> String {
    let mut all = vec!["step"];
    all.extend(args);
    let out = gilvm(&all);
    let text = normalise(&out.stdout) + &normalise(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{text}");
    text
}

/// Snapshots a transcript with object addresses (code object reprs) redacted.
macro_rules! snapshot {
    ($text:expr) => {
        insta::with_settings!({filters => vec![(r"0x[0-9a-f]+", "0x…")]}, {
            insta::assert_snapshot!($text);
        })
    };
}

/// single_multiply.py's two figures: its `Result = ` and its `Ref Result = `.
fn results(text: &str) -> (&str, &str) {
    let line = |prefix: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(prefix))
            .unwrap_or_else(|| panic!("no {prefix:?} line"))
    };
    (line("Result = "), line("Ref Result = "))
}

/// The lesson: make `result *= base` lose an update by hand. Thread-1 loads `result`, the GIL
/// goes to the main thread, which starts Thread-2; Thread-2 loads, multiplies and stores; back
/// in Thread-1, its store erases Thread-2's update.
#[test]
fn lost_update_in_single_multiply_made_by_hand() {
    let text = step(&[
        "--commands",
        "b single_multiply; c; s; t 1; c; t 3; c; globals; c; s; s; s; globals",
        "scripts/single_multiply.py",
    ]);
    snapshot!(text);
    let (result, reference) = results(&text);
    assert_ne!(result, reference, "the update must be lost");
}

/// Without switching, the same program gives the right result: stepping itself changes nothing.
#[test]
fn stepping_without_switching_loses_nothing() {
    let text = step(&[
        "--commands",
        "b single_multiply; c; s; s; s; s; c; c",
        "scripts/single_multiply.py",
    ]);
    let (result, reference) = results(&text);
    assert_eq!(result, reference);
}

/// `watch` reports old -> new and who wrote it; the inspection commands print what they say.
#[test]
fn watch_and_inspection_commands() {
    let text = step(&[
        "--commands",
        "watch counter; b add; c; locals; stack; globals; dis; bt; threads; t 3; c; c; t 9; h; zzz",
        "tests/step/counter.py",
    ]);
    snapshot!(text);
    assert!(text.contains("watch counter: 0 -> 1"), "{text}");
}

/// Commands on stdin (not a terminal) give the same transcript as --commands.
#[test]
fn commands_from_stdin_match_commands_flag() {
    let cmds = "b add; c; s; s; t 1; c";
    let flag = step(&["--commands", cmds, "tests/step/counter.py"]);
    let out = gilvm_with_stdin(
        &["step", "tests/step/counter.py"],
        &cmds.replace("; ", "\n"),
    );
    let piped = normalise(&out.stdout) + &normalise(&out.stderr);
    assert_eq!(flag, piped);
}

/// Free-threaded, the person picks the thread for any instruction; `q` ends the session.
#[test]
fn free_threaded_stepping_and_quit() {
    let text = step(&[
        "-X",
        "gil=0",
        "--commands",
        "b add; c; s; t 3; s; s; q",
        "tests/step/counter.py",
    ]);
    assert!(text.contains("GIL:     none (free-threaded)"), "{text}");
    assert!(text.trim_end().ends_with("quit"), "{text}");
    assert!(
        !text.contains("counter ="),
        "quit stops the program: {text}"
    );
}
