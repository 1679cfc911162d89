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

/// `gilvm step --commands CMDS SCRIPT`: the transcript of that session.
fn commands(cmds: &str, script: &str) -> String {
    step(&["--commands", cmds, script])
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
    let text = commands(
        "b single_multiply; c; s; t 1; c; t 3; c; globals; c; s; s; s; globals",
        "scripts/single_multiply.py",
    );
    snapshot!(text);
    let (result, reference) = results(&text);
    assert_ne!(result, reference, "the update must be lost");
}

/// Without switching, the same program gives the right result: stepping itself changes nothing.
#[test]
fn stepping_without_switching_loses_nothing() {
    let text = commands(
        "b single_multiply; c; s; s; s; s; c; c",
        "scripts/single_multiply.py",
    );
    let (result, reference) = results(&text);
    assert_eq!(result, reference);
}

/// `watch` reports old -> new and who wrote it; the inspection commands print what they say.
#[test]
fn watch_and_inspection_commands() {
    let text = commands(
        "watch counter; b add; c; locals; stack; globals; dis; bt; threads; t 3; c; c; t 9; h; zzz",
        "tests/step/counter.py",
    );
    snapshot!(text);
    assert!(text.contains("watch counter: 0 -> 1"), "{text}");
}

/// Commands on stdin (not a terminal) give the same transcript as --commands.
#[test]
fn commands_from_stdin_match_commands_flag() {
    let cmds = "b add; c; s; s; t 1; c";
    let flag = commands(cmds, "tests/step/counter.py");
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

/// `--replay-schedule` runs explore's schedule of the lost update in `counter = counter +
/// one()` without stopping and hands over after its last hand-off: Thread-2 is about to
/// load `counter` while Thread-1 has loaded it (0) and is inside `one()`. Going on loses
/// Thread-2's update. A missing schedule file is an error.
#[test]
fn replay_schedule_hands_over_after_the_last_switch() {
    let schedule = "1:1108>2 2:148>1 1:1270>3";
    let text = step(&[
        "--replay-schedule",
        schedule,
        "--commands",
        "threads; p counter; c",
        "tests/explore/por/call_in_update.py",
    ]);
    assert_contains(
        &text,
        &[
            "── the schedule is replayed (3 hand-offs): you choose who runs from here\n\
             ── [3] Thread-2 (work) · work() · line 14 · step 1564\n",
            "[2] Thread-1 (work) waiting for the GIL at line 14\n",
            "(step) p counter\n0\n",
        ],
    );
    assert!(
        text.trim_end().ends_with("\n1"),
        "the update is lost: {text}"
    );
    // The same schedule from a file, as --record-schedule writes one.
    let dir = scratch_dir("step-replay");
    let file = dir.join("lost.sched");
    std::fs::write(
        &file,
        format!("# gilvm schedule\n{}\n", schedule.replace(' ', "\n")),
    )
    .unwrap();
    let from_file = step(&[
        "--replay-schedule",
        file.to_str().unwrap(),
        "--commands",
        "threads; p counter; c",
        "tests/explore/por/call_in_update.py",
    ]);
    assert_eq!(text, from_file);
    let _ = std::fs::remove_dir_all(&dir);
    fails_with(
        &[
            "step",
            "--replay-schedule",
            "no-such-file.sched",
            "tests/explore/por/call_in_update.py",
        ],
        2,
        &["no-such-file.sched: no such file"],
    );
}

/// `replay S` at the prompt starts the program again under the schedule, keeps the
/// breakpoints, and stops where the schedule ends.
#[test]
fn replay_at_the_prompt_starts_again() {
    let text = commands(
        "b work; c; s; replay 1:1108>2 2:148>1 1:1270>3; p counter; c",
        "tests/explore/por/call_in_update.py",
    );
    assert_contains(
        &text,
        &[
            "(step) replay 1:1108>2 2:148>1 1:1270>3\n\
             ── replay: tests/explore/por/call_in_update.py runs again from the start under the \
             schedule (3 hand-offs)\n\
             ── the schedule is replayed (3 hand-offs): you choose who runs from here\n\
             ── [3] Thread-2 (work) · work() · line 14 · step 1564\n",
            "(step) p counter\n0\n",
        ],
    );
    assert!(text.trim_end().ends_with("\n1"), "{text}");
    let bad = commands("replay 1:x>2; q", "tests/explore/por/call_in_update.py");
    assert_contains(&bad, &["*** replay 1:x>2: bad schedule entry '1:x>2'"]);
}

/// `p EXPR` evaluates in the stopped thread's frame (locals, then globals, then builtins),
/// prints the repr, and an error prints pdb's `***` and the exception line; the program and
/// its schedule are as without it. Objects of the program's classes show their attributes
/// in the displays, and `watch` follows an attribute.
#[test]
fn print_expressions_objects_and_attribute_watches() {
    let text = commands(
        "watch acct.balance; b withdraw; c; c; locals; globals; p amount; \
         p acct.balance - amount; print acct.owner.upper(); p len([amount, acct]); p nope; \
         p amount =; p 1/0; p threading.Event().wait(); c; c",
        "tests/step/bank.py",
    );
    assert_contains(
        &text,
        &[
            "watching acct.balance (now unbound)",
            "watch acct.balance: unbound -> 100, written by [1] MainThread",
            "globals: acct=Account(owner='ada', balance=100), a=<Thread object>, b=<Thread object>\n",
            "(step) p amount\n80\n",
            "(step) p acct.balance - amount\n20\n",
            "(step) print acct.owner.upper()\n'ADA'\n",
            "(step) p len([amount, acct])\n2\n",
            "(step) p nope\n*** NameError: name 'nope' is not defined\n",
            "(step) p amount =\n*** SyntaxError: invalid syntax\n",
            "(step) p 1/0\n*** ZeroDivisionError: division by zero\n",
            "(step) p threading.Event().wait()\n*** p cannot wait for another thread",
            "watch acct.balance: 100 -> 20, written by [2] Thread-1 (withdraw)",
            "balance = 20",
        ],
    );
    // The same session without the `p` commands reaches the same steps.
    let steps = |t: &str| {
        t.lines()
            .filter(|l| l.starts_with("── "))
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let plain = commands(
        "watch acct.balance; b withdraw; c; c; c; c",
        "tests/step/bank.py",
    );
    assert_eq!(steps(&text), steps(&plain));
}

/// A breakpoint that can never be hit is an error: a line past the end, a line with no
/// code, a function the program does not define.
#[test]
fn breakpoints_that_do_not_exist_are_errors() {
    let text = commands(
        "b 99; b 3; b nosuch; b withdraw; b 15; watch acct[0]; q",
        "tests/step/bank.py",
    );
    assert_contains(
        &text,
        &[
            "(step) b 99\n*** line 99 is out of range: bank.py has 26 lines\n",
            "(step) b 3\n*** line 3 of bank.py has no code",
            "(step) b nosuch\n*** no function named nosuch in bank.py\n",
            "(step) b withdraw\nbreakpoint at withdraw()\n",
            "(step) b 15\nbreakpoint at line 15\n",
            "watch takes a global name or an attribute of one",
        ],
    );
}

/// An empty line repeats the last command (piped stdin, as a person pressing Enter).
#[test]
fn empty_line_repeats_the_last_command() {
    let out = gilvm_with_stdin(&["step", "tests/step/counter.py"], "b add\nc\ns\n\n\nq\n");
    let text = stdout(&out);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(!text.contains("unknown command"), "{text}");
    let stops = text.lines().filter(|l| l.starts_with("── ")).count();
    assert_eq!(stops, 5, "first stop, the breakpoint, three steps:\n{text}");
    assert_eq!(text.matches("(step) s\n").count(), 3, "{text}");
}

/// Ctrl-C while the program runs stops it at the next instruction and comes back to the
/// prompt; Ctrl-C at the prompt leaves the person there. The signals are sent once the
/// process catches SIGINT (its `SigCgt` mask in /proc) and once the program has printed that it
/// is in its loop (after a thousand rounds), so nothing depends on timing.
#[cfg(target_os = "linux")]
#[test]
fn ctrl_c_comes_back_to_the_prompt() {
    use std::io::{BufRead, BufReader, Write};
    use std::process::Command;
    let (mut child, mut stdin, stdout) =
        spawn_piped(Command::new(env!("CARGO_BIN_EXE_gilvm")).args(["step", "tests/step/spin.py"]));
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    let mut seen = String::new();
    let mut wait_for = |needle: &str| {
        for line in rx.iter() {
            seen.push_str(&line);
            seen.push('\n');
            if line.contains(needle) {
                return;
            }
        }
        panic!("the stepper ended before {needle:?}:\n{seen}");
    };
    let sigint = || send_sigint(&child);
    wait_until_catching_sigint(&child);
    stdin.write_all(b"c\n").unwrap();
    stdin.flush().unwrap();
    wait_for("spinning");
    sigint();
    wait_for("Ctrl-C: stopped here");
    // At the prompt.
    sigint();
    stdin.write_all(b"p n >= 1000\nq\n").unwrap();
    stdin.flush().unwrap();
    drop(stdin);
    let status = child.wait().expect("gilvm ends");
    let rest: Vec<String> = rx.iter().collect();
    let all = format!("{seen}{}", rest.join("\n"));
    assert_eq!(status.code(), Some(0), "{all}");
    assert!(all.contains("(step) p n >= 1000\nTrue"), "{all}");
}

/// On a terminal the prompt is rustyline's: the up arrow brings back the last command (kept in
/// `$GILVM_STEP_HISTORY`), and Ctrl-C at the prompt stays at the prompt. The terminal is a
/// pty made by util-linux's `script`; each key is sent once the prompt after the last stop is
/// shown (rustyline shows it in raw mode, so the keys arrive as keys).
#[cfg(target_os = "linux")]
#[test]
fn terminal_prompt_has_history_and_takes_ctrl_c() {
    use std::io::{Read, Write};
    use std::process::Command;
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!("skipped: no `script` command to make a terminal");
        return;
    }
    let dir = scratch_dir("step-tty");
    let history = dir.join("history");
    let gilvm = format!("{} step tests/step/spin.py", env!("CARGO_BIN_EXE_gilvm"));
    let (mut child, mut stdin, mut stdout) = spawn_piped(
        Command::new("script")
            .args(["-qfec", &gilvm, "/dev/null"])
            .env("GILVM_STEP_HISTORY", &history),
    );
    let mut seen = String::new();
    // Reads until `marker` has been shown `n` times and a prompt after the last of them
    // (rustyline drops keys typed ahead of its prompt, so each line waits for one).
    let mut prompt_after = |marker: &str, n: usize, seen: &mut String| loop {
        if seen.matches(marker).count() >= n
            && let Some(i) = seen.rfind(marker)
            && seen[i..].contains("(step) ")
        {
            return;
        }
        let mut buf = [0u8; 4096];
        let k = stdout.read(&mut buf).unwrap_or(0);
        assert!(k > 0, "the stepper ended before {marker:?} x{n}:\n{seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..k]));
    };
    let mut send = |keys: &[u8]| {
        stdin.write_all(keys).unwrap();
        stdin.flush().unwrap();
    };
    prompt_after("── [", 1, &mut seen);
    send(b"s\r");
    prompt_after("── [", 2, &mut seen);
    send(b"\x1b[A\r"); // up arrow: `s` again
    prompt_after("── [", 3, &mut seen);
    send(b"\x03"); // Ctrl-C at the prompt
    prompt_after("--KeyboardInterrupt--", 1, &mut seen);
    send(b"p n\r");
    prompt_after("\r\n0\r\n", 1, &mut seen); // n = 0
    send(b"q\r");
    let status = child.wait().expect("script ends");
    let mut rest = String::new();
    let _ = stdout.read_to_string(&mut rest);
    seen.push_str(&rest);
    assert!(status.success(), "{seen}");
    assert!(!seen.contains("unknown command"), "{seen}");
    assert!(
        seen.contains("· step 3\r\n"),
        "the up arrow repeats s:\n{seen}"
    );
    assert!(seen.contains("--KeyboardInterrupt--"), "{seen}");
    assert!(seen.contains("quit"), "{seen}");
    let saved = std::fs::read_to_string(&history).unwrap_or_default();
    assert!(saved.lines().any(|l| l == "s"), "history: {saved:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
