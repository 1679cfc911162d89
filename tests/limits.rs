//! Runaway programs: `--max-steps N` and `--timeout D` stop a run with a clear message and exit
//! status 124, even a loop that catches `BaseException`, threads that never end and threads
//! asleep; what was printed before is never lost.

mod common;
use common::*;

/// Runs spin_threads.py in `mode` under `limit` (`--max-steps N`, `--timeout T`): it is
/// stopped, with status 124. Its stdout and stderr.
fn stop_spin_threads(mode: &[&str], limit: [&str; 2]) -> (String, String) {
    let mut args = mode.to_vec();
    args.extend(limit);
    args.push("tests/limits/spin_threads.py");
    let (out, err, code) = run(&args);
    assert_eq!(code, Some(124), "{mode:?}: {err}");
    (out, err)
}

#[test]
fn max_steps_stops_a_loop_that_swallows_every_exception() {
    let (out, err, code) = run(&["--max-steps", "1000", "tests/limits/spin.py"]);
    assert_eq!(code, Some(124), "{err}");
    assert_eq!(out, "spinning\n");
    assert_eq!(
        err,
        "gilvm: stopped after 1000 steps (--max-steps); MainThread was at \
         tests/limits/spin.py, line 8, in <module>\n"
    );
}

#[test]
fn max_steps_counts_every_thread() {
    for mode in [&[][..], &["-X", "gil=0"]] {
        let (_, err) = stop_spin_threads(mode, ["--max-steps", "20000"]);
        assert!(
            err.starts_with("gilvm: stopped after 20000 steps (--max-steps); MainThread "),
            "{err}"
        );
    }
}

/// The limits are long enough for a debug build on a loaded machine to reach the `print`
/// (the program must be spinning when the timeout falls, whatever the load).
#[test]
fn timeout_stops_spinning_and_sleeping_threads() {
    for mode in [&[][..], &["-X", "gil=0"]] {
        let (out, err) = stop_spin_threads(mode, ["--timeout", "2s"]);
        assert_eq!(out, "started\n");
        assert_eq!(
            err,
            "gilvm: stopped after 2.000 s (--timeout); MainThread was waiting for the other \
             threads to end\n",
            "{mode:?}"
        );
    }
    let (out, err, code) = run(&["--timeout", "1.5", "tests/limits/spin.py"]);
    assert_eq!(code, Some(124), "{err}");
    assert_eq!(out, "spinning\n");
    assert!(err.starts_with("gilvm: stopped after 1.500 s (--timeout); MainThread was at tests/limits/spin.py, line "), "{err}");
}

#[test]
fn a_program_within_its_limits_runs_normally() {
    let (out, err, code) = run(&[
        "--max-steps",
        "100000000",
        "--timeout",
        "60s",
        "scripts/hello.py",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(!out.is_empty());
}

#[test]
fn cpython_limits_and_messages() {
    let (out, err, code) = run(&[
        "-c",
        "try:\n    str(10**5000)\nexcept ValueError as e:\n    print(e)\n\
         try:\n    [0] * 10**12\nexcept MemoryError as e:\n    print(repr(e))\n\
         try:\n    int('1' * 5000)\nexcept ValueError as e:\n    print(e)\n",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        out,
        "Exceeds the limit (4300 digits) for integer string conversion; use \
         sys.set_int_max_str_digits() to increase the limit\n\
         MemoryError()\n\
         Exceeds the limit (4300 digits) for integer string conversion: value has 5000 digits; \
         use sys.set_int_max_str_digits() to increase the limit\n"
    );
}

/// i64 edges (`-2**63 / 1`, `[..][::-2**63]`, a range longer than `i64::MAX`) raise or answer
/// as CPython 3.11 does (`int_extremes.out` is its output); they once overflowed and panicked.
#[test]
fn machine_int_edges_do_not_panic() {
    for mode in [&[][..], &["-X", "gil=0"]] {
        let mut args = mode.to_vec();
        args.push("tests/limits/int_extremes.py");
        let (out, err, code) = run(&args);
        assert_eq!(code, Some(0), "{mode:?}: {err}");
        assert_eq!(out, read(&root().join("tests/limits/int_extremes.out")));
    }
}

/// Every method of the built-in and native types, called bound and unbound with odd
/// arguments, returns or raises: none panics (`type(iter(deque())).__iter__()` once did).
#[test]
fn odd_calls_to_native_methods_raise_and_never_panic() {
    let (out, err, code) = run(&["tests/limits/odd_calls.py"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("calls "), "{out}");
}
