//! The command line: every flag, exit codes, and the error paths (syntax errors with carets,
//! tracebacks), checked against what CPython 3.11 prints.

mod common;
use common::*;

/// Runs `gilvm ARGS`: it fails with status 1. Its stdout and stderr.
fn fails(args: &[&str]) -> (String, String) {
    let (out, err, code) = run(args);
    assert_eq!(code, Some(1), "{args:?}: {err}");
    (out, err)
}

#[test]
fn version_and_help() {
    let o = gilvm(&["--version"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), format!("gilvm {}\n", env!("CARGO_PKG_VERSION")));
    let o = gilvm(&["--help"]);
    assert!(o.status.success());
    let h = stdout(&o);
    for word in ["Usage:", "dis", "-c <CODE>", "[FILE]"] {
        assert!(h.contains(word), "help lacks {word}:\n{h}");
    }
}

#[test]
fn usage_errors_exit_2() {
    assert_eq!(gilvm(&["--no-such-flag"]).status.code(), Some(2));
    let o = gilvm(&["tests/cli/does_not_exist.py"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("can't open file") && e.contains("[Errno 2] No such file or directory"),
        "{e}"
    );
}

#[test]
fn dash_c_runs_code() {
    let o = gilvm(&["-c", "print(6 * 7); print('a', 'b', sep='-')"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "42\na-b\n");
}

#[test]
fn argv_and_sys_exit_code() {
    let o = gilvm(&["tests/cli/argv_exit.py", "a", "-b"]);
    assert_eq!(stdout(&o), "['tests/cli/argv_exit.py', 'a', '-b']\n");
    assert_eq!(o.status.code(), Some(3));
    let o = gilvm(&["-c", "import sys; print(sys.argv)", "x"]);
    assert_eq!(stdout(&o), "['-c', 'x']\n");
}

#[test]
fn uncaught_exception_prints_traceback_and_exits_1() {
    let (out, err) = fails(&["tests/cli/traceback.py"]);
    assert_eq!(out, "before\n");
    assert_eq!(
        err,
        "Traceback (most recent call last):\n  File \"tests/cli/traceback.py\", line 5, in <module>\n    f()\n  File \"tests/cli/traceback.py\", line 2, in f\n    return 1 / 0\n           ~~^~~\nZeroDivisionError: division by zero\n"
    );
}

#[test]
fn syntax_error_has_caret_and_exits_1() {
    let (out, err) = fails(&["tests/cli/unclosed.py"]);
    assert_eq!(out, "", "nothing runs when the file does not compile");
    assert_eq!(
        err,
        "  File \"tests/cli/unclosed.py\", line 2\n    x = (1 +\n        ^\nSyntaxError: '(' was never closed\n"
    );
    let (_, err) = fails(&["-c", "x = = 1"]);
    assert_eq!(
        err,
        "  File \"<string>\", line 1\n    x = = 1\n        ^\nSyntaxError: invalid syntax\n"
    );
}

#[test]
fn indentation_error() {
    let (_, err) = fails(&["tests/cli/indent.py"]);
    assert_eq!(
        err,
        "  File \"tests/cli/indent.py\", line 3\n    print(x)\n    ^\nIndentationError: expected an indented block after 'if' statement on line 2\n"
    );
}

#[test]
fn runaway_recursion_raises_recursion_error() {
    let o = gilvm(&["tests/cli/recursion.py"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        "caught RecursionError maximum recursion depth exceeded\n"
    );
}

#[test]
fn dis_subcommand() {
    let o = gilvm(&["dis", "tests/dis/count.py"]);
    assert!(o.status.success());
    let s = stdout(&o);
    assert_contains(
        &s,
        &[
            "Disassembly of <code object count at 0x",
            ">>    0 LOAD_FAST                0 (n)",
            "INPLACE_SUBTRACT",
        ],
    );
    let (_, err) = fails(&["dis", "tests/cli/unclosed.py"]);
    assert!(err.contains("SyntaxError: '(' was never closed"));
}

#[test]
fn seed_scripts_run() {
    for s in ["scripts/count_single.py", "scripts/timing_loop.py"] {
        let o = gilvm(&[s]);
        assert!(o.status.success(), "{s}: {}", stderr(&o));
        assert!(!o.stdout.is_empty(), "{s} printed nothing");
    }
}

/// `gilvm help SUBCOMMAND` shows that subcommand's help, for every subcommand.
#[test]
fn help_names_a_subcommand() {
    for (sub, usage) in [
        ("race", "Usage: gilvm race [OPTIONS] <FILE>"),
        ("explore", "Usage: gilvm explore [OPTIONS] <FILE>"),
        ("dis", "Usage: gilvm dis [OPTIONS] <FILE>"),
        ("step", "Usage: gilvm step [OPTIONS] <FILE>"),
        ("repl", "Usage: gilvm repl"),
    ] {
        let o = gilvm(&["help", sub]);
        assert_eq!(o.status.code(), Some(0), "help {sub}: {}", stderr(&o));
        assert!(stdout(&o).contains(usage), "help {sub}:\n{}", stdout(&o));
    }
}

/// A flag whose value cannot work is a usage error (exit 2) that says what is wrong, before the
/// program runs: nothing of the program's output appears.
#[test]
fn unusable_flag_values_say_what_is_wrong() {
    let (out, err, code) = run(&["--timeout", "0", "scripts/hello.py"]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(out, "");
    assert!(err.contains("a timeout must be longer than zero"), "{err}");
    assert!(!err.contains("switch interval"), "{err}");

    let (out, err, code) = run(&[
        "--replay-schedule",
        "no_such_schedule.txt",
        "scripts/hello.py",
    ]);
    assert_eq!(code, Some(2), "{err}");
    assert_eq!(out, "");
    assert!(
        err.contains("--replay-schedule no_such_schedule.txt: no such file"),
        "{err}"
    );

    for flag in ["--trace-out", "--record-schedule"] {
        let (out, err, code) = run(&[flag, "no_such_dir/x.json", "scripts/hello.py"]);
        assert_eq!(code, Some(2), "{flag}: {err}");
        assert_eq!(out, "", "{flag}: the program must not run");
        assert!(
            err.contains(&format!(
                "{flag} no_such_dir/x.json: cannot create the file"
            )),
            "{err}"
        );
    }
}

/// `gilvm -` reads the program from stdin, as `python3 -` does: argv[0] is `-`, the file is
/// `<stdin>`, and a traceback shows no source lines (there is no file to read them from).
#[test]
fn a_dash_runs_the_program_on_stdin() {
    let o = gilvm_with_stdin(&["-", "a"], "import sys\nprint(sys.argv, __file__)\n1/0\n");
    assert_eq!(stdout(&o), "['-', 'a'] <stdin>\n");
    assert_eq!(
        stderr(&o),
        "Traceback (most recent call last):\n  File \"<stdin>\", line 3, in <module>\n\
         ZeroDivisionError: division by zero\n"
    );
    assert_eq!(o.status.code(), Some(1));
}
