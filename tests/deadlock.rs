//! Deadlocks and Ctrl-C when the OS schedules the threads (the deterministic scheduler's own
//! deadlock report is tested with `explore` and the stepper). A deadlocked program must be
//! reported — who waits for what, held by whom, at which line — with exit status 3, never hang;
//! a program that only waits a lot must never be reported. Both in GIL and free-threaded mode.

mod common;
use common::*;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::Duration;

const MODES: [&[&str]; 2] = [&[], &["-X", "gil=0"]];

/// Runs `script` in `mode`: it ends with the deadlock status, 3. Its stdout and stderr.
fn deadlocks(mode: &[&str], script: &str) -> (String, String) {
    let (out, err, code) = run_script(mode, script);
    assert_eq!(code, Some(3), "{mode:?}: {err}");
    (out, err)
}

/// Runs `script` in every mode: it deadlocks, printing `want_out` (flushed before the report)
/// and the report `want_err`.
fn reports_in_every_mode(script: &str, want_out: &str, want_err: &str) {
    for mode in MODES {
        let (out, err) = deadlocks(mode, script);
        assert_eq!(out, want_out, "{mode:?}: stdout is flushed first");
        assert_eq!(err, want_err, "{mode:?}");
    }
}

#[test]
fn two_threads_two_locks_is_reported_with_lines_and_holders() {
    reports_in_every_mode(
        "tests/deadlock/two_locks.py",
        "starting\n",
        "gilvm: deadlock: every thread is blocked and none can wake\n\
         \x20 MainThread joins one, at tests/deadlock/two_locks.py, line 31, in <module>\n\
         \x20 one waits for a lock held by two, at tests/deadlock/two_locks.py, line 15, in one\n\
         \x20 two waits for a lock held by one, at tests/deadlock/two_locks.py, line 23, in two\n",
    );
}

#[test]
fn a_thread_waiting_for_its_own_lock_is_reported() {
    for mode in MODES {
        let (out, err) = deadlocks(mode, "tests/deadlock/self_lock.py");
        assert_eq!(out, "acquiring twice\n");
        assert!(
            err.ends_with(
                "MainThread waits for a lock it holds itself, at tests/deadlock/self_lock.py, \
                 line 6, in <module>\n"
            ),
            "{mode:?}: {err}"
        );
    }
}

#[test]
fn a_queue_nobody_feeds_is_reported() {
    for mode in MODES {
        let (_, err) = deadlocks(mode, "tests/deadlock/queue_forever.py");
        assert_contains(
            &err,
            &[
                "MainThread joins consumer, at tests/deadlock/queue_forever.py, line 14",
                "consumer waits for a notify (Condition.wait) that no thread can send, at \
                 tests/deadlock/queue_forever.py, line 8, in consumer",
            ],
        );
    }
}

/// `ft_utils`' blocking objects have no single holder: the report says what each thread waits
/// for, and the holder where the object knows one (an `IntervalLock`'s owner).
#[test]
fn an_ft_utils_deadlock_is_reported() {
    reports_in_every_mode(
        "tests/deadlock/ft_utils.py",
        "locking\n",
        "gilvm: deadlock: every thread is blocked and none can wake\n\
         \x20 MainThread waits for an IntervalLock held by writer, at \
         tests/deadlock/ft_utils.py, line 33, in <module>\n\
         \x20 reader waits for an item from a ConcurrentQueue that no thread can push, at \
         tests/deadlock/ft_utils.py, line 19, in reader\n\
         \x20 writer waits to write an RWLock that readers or a writer hold, at \
         tests/deadlock/ft_utils.py, line 26, in writer\n",
    );
}

/// A thread that read-locks an `RWLock` and then write-locks it waits for itself.
#[test]
fn an_rwlock_upgrade_in_one_thread_is_reported() {
    let script = "from ft_utils.synchronization import RWLock\n\
                  l = RWLock()\nl.lock_read()\nl.lock_write()\n";
    for mode in MODES {
        let mut args = mode.to_vec();
        args.extend(["-c", script]);
        let o = gilvm(&args);
        let err = normalise(&o.stderr);
        assert_eq!(o.status.code(), Some(3), "{mode:?}: {err}");
        assert!(
            err.ends_with(
                "MainThread waits to write an RWLock that readers or a writer hold, at <string>, \
                 line 4, in <module>\n"
            ),
            "{mode:?}: {err}"
        );
    }
}

/// Heavy waiting that always makes progress: never a false report, whatever the schedule.
#[test]
fn busy_waiting_programs_are_never_reported() {
    for _ in 0..3 {
        for mode in MODES {
            let (out, err, code) = run_script(mode, "tests/deadlock/no_false_alarm.py");
            assert_eq!(code, Some(0), "{mode:?}: {err}");
            assert_eq!(out, "True 0\n", "{mode:?}");
            let (out, err, code) = run_script(mode, "tests/deadlock/ft_utils_busy.py");
            assert_eq!(code, Some(0), "{mode:?}: {err}");
            assert_eq!(out, "True 0 900 [1000]\n", "{mode:?}");
        }
    }
    for script in ["scripts/locked_update.py", "tests/threads/primitives.py"] {
        for mode in MODES {
            let (_, err, code) = run_script(mode, script);
            assert_eq!(code, Some(0), "{script} {mode:?}: {err}");
        }
    }
}

/// Ctrl-C raises KeyboardInterrupt in the main thread while it is blocked in `join` and in
/// `acquire`; uncaught, it prints a traceback and exits with 130, as CPython does in a shell.
#[test]
fn ctrl_c_interrupts_join_and_acquire() {
    let bin = assert_cmd::cargo::cargo_bin("gilvm");
    let mut child = Command::new(bin)
        .current_dir(root())
        .arg("tests/deadlock/interrupt.py")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("gilvm starts");
    let pid = child.id().to_string();
    let mut lines = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let mut next = || lines.next().and_then(Result::ok).unwrap_or_default();
    let interrupt = || {
        // Give the thread a moment to block (it polls for Ctrl-C while it waits).
        std::thread::sleep(Duration::from_millis(200));
        let ok = Command::new("kill").args(["-INT", &pid]).status();
        assert!(ok.is_ok_and(|s| s.success()), "kill -INT");
    };
    assert_eq!(next(), "joining");
    interrupt();
    assert_eq!(next(), "KeyboardInterrupt in join");
    assert_eq!(next(), "acquiring");
    interrupt();
    let out = child.wait_with_output().expect("gilvm ends");
    assert_eq!(out.status.code(), Some(130));
    let err = normalise(&out.stderr);
    assert!(
        err.ends_with(
            "File \"tests/deadlock/interrupt.py\", line 14, in <module>\n    lock.acquire()\nKeyboardInterrupt\n"
        ),
        "{err}"
    );
}
