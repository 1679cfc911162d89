//! The interactive session, driven through a pipe: with stdin not a terminal the REPL reads
//! plain lines and prints its prompts on stdout, so stdout reads as a transcript.

mod common;
use common::{assert_contains, scratch_dir};

use assert_cmd::Command;

/// Runs `gilvm` (no file) with `input` on stdin; returns (stdout, stderr, exit status).
fn session(args: &[&str], input: &str) -> (String, String, i32) {
    let history = std::env::temp_dir().join(format!("gilvm_history_test_{}", std::process::id()));
    let out = Command::cargo_bin("gilvm")
        .unwrap()
        .args(args)
        .env("GILVM_HISTORY", &history)
        .env_remove("PYTHON_GIL")
        .write_stdin(input)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
        out.status.code().unwrap_or(-1),
    )
}

fn repl(input: &str) -> (String, String, i32) {
    session(&[], input)
}

/// The transcript without the banner line.
fn body(stdout: &str) -> &str {
    stdout.split_once('\n').map_or("", |(_, rest)| rest)
}

/// The transcript of a session given `input` that wrote nothing to stderr, without the
/// banner line.
fn transcript(input: &str) -> String {
    let (out, err, _) = repl(input);
    assert_eq!(err, "", "{out}");
    body(&out).to_string()
}

#[test]
fn banner_and_expression_echo() {
    let (out, err, status) = repl("1+1\nNone\n'a'\n\"b\"\n[1, 'x']\n");
    assert!(
        out.starts_with(
            "gilvm 0.1.0 (GIL on, switch interval 5 ms) — :help for commands, Ctrl-D to exit\n"
        ),
        "{out}"
    );
    assert_eq!(
        body(&out),
        ">>> 2\n>>> >>> 'a'\n>>> 'b'\n>>> [1, 'x']\n>>> \n"
    );
    assert_eq!(err, "");
    assert_eq!(status, 0);
}

#[test]
fn repl_subcommand_and_free_threaded_banner() {
    let (out, _, status) = repl("");
    assert!(out.contains("GIL on"), "{out}");
    assert_eq!(status, 0);
    let (out, _, _) = session(&["repl"], "2*3\n");
    assert_eq!(body(&out), ">>> 6\n>>> \n");
    let (out, _, _) = session(&["-X", "gil=0", "--switch-interval", "200us"], "");
    assert!(
        out.starts_with("gilvm 0.1.0 (GIL off, switch interval 200 us)"),
        "{out}"
    );
}

#[test]
fn multi_line_def_then_call() {
    assert_eq!(
        transcript("def f(x):\n    y = x * 2\n    return y\n\nf(21)\n"),
        ">>> ... ... ... >>> 42\n>>> \n"
    );
}

#[test]
fn open_brackets_continue_until_closed() {
    assert_eq!(
        transcript("x = [1,\n  2,\n\n  3]\nx\n"),
        ">>> ... ... ... >>> [1, 2, 3]\n>>> \n"
    );
}

#[test]
fn for_loop_block_prints_each_value() {
    assert_eq!(
        transcript("for i in range(3):\n    i\n\n"),
        ">>> ... ... 0\n1\n2\n>>> \n"
    );
}

#[test]
fn error_then_recovery_with_earlier_state() {
    let (out, err, status) = repl("a = 5\nundefined_name\na + 1\n");
    assert_eq!(body(&out), ">>> >>> >>> 6\n>>> \n");
    assert_eq!(
        err,
        "Traceback (most recent call last):\n  File \"<stdin>\", line 1, in <module>\n\
         NameError: name 'undefined_name' is not defined\n"
    );
    assert_eq!(status, 0);
}

#[test]
fn syntax_error_with_caret_then_recovery() {
    let (out, err, _) = repl("b = 2\nb +* 3\nb\n");
    assert_eq!(body(&out), ">>> >>> >>> 2\n>>> \n");
    assert!(
        err.starts_with("  File \"<stdin>\", line 1\n    b +* 3\n"),
        "{err}"
    );
    assert!(err.contains('^'), "{err}");
    assert!(err.ends_with("SyntaxError: invalid syntax\n"), "{err}");
}

#[test]
fn dis_of_a_function_and_of_the_last_input() {
    let (out, err, _) = repl("def f(x):\n    return x + 1\n\n:dis f\ny = 3\n:dis\n");
    assert_contains(
        &out,
        &[
            "LOAD_FAST                0 (x)",
            "BINARY_ADD",
            "STORE_NAME               0 (y)",
        ],
    );
    assert_eq!(err, "");
    let (out, err, _) =
        repl("class C:\n    def m(self):\n        return self.v\n\n:dis C\n:dis C.m\n");
    assert!(out.contains("Disassembly of m:\n"), "{out}");
    assert_eq!(out.matches("LOAD_ATTR").count(), 2, "{out}");
    assert_eq!(err, "");
    let (_, err, _) = repl(":dis nothing\n:dis\n");
    assert_contains(
        &err,
        &["name 'nothing' is not defined", ":dis: no input yet"],
    );
}

#[test]
fn gil_command() {
    let (out, _, _) = repl(":gil\n");
    assert!(
        out.contains("GIL on, switch interval 5 ms; held by thread 1 (MainThread); taken "),
        "{out}"
    );
    let (out, _, _) = session(&["-X", "gil=0"], ":gil\n");
    assert!(out.contains("GIL off (free-threaded"), "{out}");
}

#[test]
fn set_switchinterval() {
    assert_eq!(
        transcript(":set switchinterval 1ms\nimport sys; sys.getswitchinterval()\n"),
        ">>> switch interval 1 ms\n>>> 0.001\n>>> \n"
    );
    let (_, err, _) = repl(":set switchinterval fast\n");
    assert!(err.contains("invalid duration 'fast'"), "{err}");
}

#[test]
fn set_gil_and_trace_apply_at_reset() {
    let (out, err, _) =
        repl(":set gil off\n:gil\n:trace on\n:reset\n:gil\nimport sys; sys._is_gil_enabled()\n");
    assert_contains(
        &out,
        &[
            "GIL off from the next :reset",
            "(:set gil off applies at the next :reset)",
            "trace on: applies from the next :reset",
            "a fresh interpreter (GIL off, switch interval 5 ms, live trace)",
            ">>> False\n",
        ],
    );
    // The live trace (on stderr) shows the new interpreter's main thread; waiting at the
    // prompt releases the GIL, as CPython's input does.
    assert!(err.contains("MainThread starts"), "{err}");
}

#[test]
fn reset_forgets_names() {
    let (out, err, _) = repl("zz = 1\nzz\n:reset\nzz\n");
    assert_contains(&out, &[">>> 1\n", "a fresh interpreter"]);
    assert!(err.contains("NameError: name 'zz' is not defined"), "{err}");
}

#[test]
fn exit_and_system_exit_statuses() {
    let (out, _, status) = repl("exit()\n1+1\n");
    assert_eq!(status, 0);
    assert!(!out.contains('2'), "{out}");
    let (_, _, status) = repl("raise SystemExit(3)\n");
    assert_eq!(status, 3);
    let (_, _, status) = repl("import sys\nsys.exit(4)\n");
    assert_eq!(status, 4);
    let (_, _, status) = repl("quit(5)\n");
    assert_eq!(status, 5);
    let (_, _, status) = repl(":quit\n1\n");
    assert_eq!(status, 0);
}

#[test]
fn threads_started_in_the_repl_run() {
    let (out, err, _) = repl(
        "import threading\nL = []\n\
         ts = [threading.Thread(target=L.append, args=(i,)) for i in range(4)]\n\
         for t in ts:\n    t.start()\n\n\
         for t in ts:\n    t.join()\n\n\
         sorted(L)\n:threads\n",
    );
    assert_contains(&out, &[">>> [0, 1, 2, 3]\n", "MainThread (alive)"]);
    assert_eq!(err, "");
}

#[test]
fn load_runs_a_file_in_the_session() {
    let dir = scratch_dir("repl-load");
    let file = dir.join("lib.py");
    std::fs::write(&file, "def triple(x):\n    return 3 * x\nprint('loaded')\n").unwrap();
    assert_eq!(
        transcript(&format!(":load {}\ntriple(5)\n", file.display())),
        ">>> loaded\n>>> 15\n>>> \n"
    );
    let (_, err, _) = repl(":load /nonexistent/x.py\n");
    assert!(err.contains(":load:"), "{err}");
}

#[test]
fn help_step_and_unknown_commands() {
    let (out, err, _) = repl(":help\n:step x = 1\nc\n:frobnicate\n");
    for c in [
        ":dis", ":threads", ":gil", ":set", ":trace", ":load", ":reset", ":step", ":quit",
    ] {
        assert!(out.contains(c), "{c} missing from {out}");
    }
    assert!(out.contains("(step) c"), "{out}");
    assert_eq!(
        err,
        "unknown command :frobnicate: :help lists the commands\n"
    );
}

#[test]
fn print_output_and_echo_interleave_in_order() {
    assert_eq!(transcript("print('hi')\n7\n"), ">>> hi\n>>> 7\n>>> \n");
}

#[test]
fn intervals_parse_and_print() {
    use gilvm::tools::cli::{format_interval, parse_interval};
    assert_eq!(parse_interval("1ms"), Ok(1000));
    assert_eq!(parse_interval("200us"), Ok(200));
    assert_eq!(parse_interval("0.01s"), Ok(10_000));
    assert_eq!(parse_interval("0.005"), Ok(5000));
    assert!(parse_interval("0us").is_err());
    assert_eq!(format_interval(5000), "5 ms");
    assert_eq!(format_interval(1500), "1.5 ms");
    assert_eq!(format_interval(200), "200 us");
}

#[test]
fn python_gil_env_applies_to_the_repl_subcommand() {
    let out = Command::cargo_bin("gilvm")
        .unwrap()
        .arg("repl")
        .env("PYTHON_GIL", "0")
        .env(
            "GILVM_HISTORY",
            std::env::temp_dir().join("gilvm_history_env_test"),
        )
        .write_stdin("import sys; sys._is_gil_enabled()\n")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_contains(&stdout, &["(GIL off,", ">>> False\n"]);
}

/// `:step STATEMENT` steps a statement of the session with commands from the same input,
/// then the session goes on with what the statement did.
#[test]
fn step_a_statement_then_carry_on() {
    let (out, err, status) = repl(
        "total = 0\ndef add(n):\n    global total\n    total += n\n\n:step add(5)\nb add\nc\ns\nlocals\nc\ntotal\n",
    );
    assert_eq!(status, 0, "{err}");
    assert!(out.contains("(step) b add\nbreakpoint at add()"), "{out}");
    // Lines count within the input that defined the function, as in CPython.
    assert_contains(&out, &["add() · line 3", "locals: n=5"]);
    assert!(out.trim_end().ends_with(">>> 5\n>>>"), "{out}");
}

/// Threads started by a stepped statement are stepped too; `t N` picks who runs.
#[test]
fn step_threads_from_the_repl() {
    let (out, err, status) = repl(
        "import threading\nout = []\ndef w(x):\n    out.append(x)\n\n:step t = threading.Thread(target=w, args=(1,)); t.start(); t.join()\nb w\nc\nthreads\nc\nc\nout\n",
    );
    assert_eq!(status, 0, "{err}");
    assert_contains(&out, &["w() · line 2", "Thread-1 (w) running", ">>> [1]"]);
}

/// Ctrl-C (SIGINT) while code runs raises KeyboardInterrupt in it — a busy loop and a sleep —
/// and the session goes on.
#[test]
fn ctrl_c_interrupts_running_code() {
    use std::io::{Read, Write};
    use std::process::Command as Std;
    use std::sync::{Arc, Mutex};
    let bin = assert_cmd::cargo::cargo_bin("gilvm");
    let history = std::env::temp_dir().join(format!("gilvm_history_int_{}", std::process::id()));
    let (mut child, mut stdin, mut out) =
        common::spawn_piped(Std::new(bin).env("GILVM_HISTORY", &history));
    stdin
        .write_all(b"import time\nwhile True:\n    pass\n\nprint('after loop')\ntime.sleep(60)\nprint('after sleep')\n")
        .expect("write");
    drop(stdin);
    let seen = Arc::new(Mutex::new(String::new()));
    let reader = {
        let seen = seen.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 256];
            while let Ok(n) = out.read(&mut buf) {
                if n == 0 {
                    break;
                }
                seen.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        })
    };
    let interrupt = |after: &str| {
        let start = std::time::Instant::now();
        while !seen.lock().unwrap().contains(after) {
            assert!(
                start.elapsed().as_secs() < 60,
                "never saw {after:?} in {:?}",
                seen.lock().unwrap()
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        // The code after the prompt has started (or is about to): interrupt it.
        std::thread::sleep(std::time::Duration::from_millis(300));
        let ok = Std::new("kill")
            .args(["-INT", &child.id().to_string()])
            .status()
            .expect("kill");
        assert!(ok.success());
    };
    interrupt(">>> ... ... ");
    interrupt("after loop\n");
    let status = child.wait().expect("wait");
    reader.join().expect("reader");
    let mut err = String::new();
    child
        .stderr
        .take()
        .expect("stderr")
        .read_to_string(&mut err)
        .expect("read");
    let out = seen.lock().unwrap().clone();
    assert_eq!(status.code(), Some(0), "{out}\n{err}");
    assert!(out.contains("after sleep"), "{out}");
    assert_eq!(err.matches("KeyboardInterrupt").count(), 2, "{err}");
}

/// `-X gil=0` before or after `repl` gives a free-threaded session, as with no subcommand.
#[test]
fn gil_flags_before_or_after_repl() {
    for args in [
        &["-X", "gil=0", "repl"][..],
        &["repl", "-X", "gil=0"],
        &["repl", "--free-threaded"],
        &["-X", "gil=0"],
    ] {
        let (out, err, status) = session(args, "import sys; sys._is_gil_enabled()\n");
        assert_eq!(status, 0, "{args:?}: {err}");
        assert_contains(&out, &["(GIL off,", ">>> False\n"]);
    }
    let (out, _, _) = session(&["repl", "--switch-interval", "200us"], "");
    assert!(out.contains("switch interval 200 us"), "{out}");
}

/// A watching flag applies in the session: `--stats` and `--timeline` after each input during
/// which another thread ran (not after one that ran the main thread alone), `--trace-gil`
/// live.
#[test]
fn watching_flags_apply_in_the_session() {
    let input = "import threading\nx = 1\nt = threading.Thread(target=print, args=('hi',)); t.start(); t.join()\n";
    let (out, err, status) = session(&["repl", "--stats"], input);
    assert_eq!(status, 0, "{err}");
    assert!(
        out.contains("watching (on stderr): --stats/--timeline: after each input during which another thread ran"),
        "{out}"
    );
    assert_eq!(
        err.matches("drop requests made").count(),
        1,
        "one table: {err}"
    );
    assert!(err.contains("Thread-1 (print)"), "{err}");
    let (_, err, _) = session(&["--timeline", "repl"], input);
    assert!(err.contains("█ holds the GIL"), "{err}");
    let (_, err, _) = session(&["repl", "--trace-gil"], input);
    // The thread's exit is its own line, or the hand-off it makes as it exits (when the
    // main thread is waiting for the GIL then): which one depends on the schedule.
    assert!(
        err.contains("Thread-1 (print) exits")
            || err.contains("Thread-1 (print) → MainThread  thread exit"),
        "{err}"
    );
}

/// A flag that cannot apply to a session is an error (exit 2), never ignored.
#[test]
fn flags_that_cannot_apply_are_errors() {
    for flag in [
        &["--explain"][..],
        &["--trace-out", "t.json"],
        &["--max-steps", "10"],
        &["--timeout", "1s"],
        &["--switch-every", "3"],
        &["--schedule-seed", "1"],
    ] {
        let mut args = vec!["repl"];
        args.extend_from_slice(flag);
        let (out, err, status) = session(&args, "1\n");
        assert_eq!(status, 2, "{args:?}: {out}");
        assert!(
            err.contains(&format!(
                "{} does not apply to the interactive session",
                flag[0]
            )),
            "{err}"
        );
        assert!(!out.contains(">>>"), "{out}");
    }
    let (_, err, status) = session(&["repl", "scripts/hello.py"], "");
    assert_eq!(status, 2);
    assert!(err.contains("repl takes no FILE"), "{err}");
}
