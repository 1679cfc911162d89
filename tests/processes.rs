//! multiprocessing: each Process is an isolated interpreter with its own GIL; state is copied
//! at start() (fork), arguments and results are copied (pickle); nothing is shared.

mod common;
use common::*;

#[test]
fn processes_match_cpython_in_both_modes() {
    let want = read(&root().join("tests/threads/processes.out"));
    for mode in [&[][..], &["-X", "gil=0"][..]] {
        let mut args: Vec<&str> = mode.to_vec();
        args.push("tests/threads/processes.py");
        let o = gilvm(&args);
        assert!(o.status.success(), "{mode:?}: {}", normalise(&o.stderr));
        assert_eq!(normalise(&o.stdout), want, "{mode:?}");
    }
}

#[test]
fn a_failing_process_reports_like_cpython_and_exits_1() {
    let prog = "import multiprocessing\ndef boom():\n    raise ValueError('bad')\np = multiprocessing.Process(target=boom)\np.start(); p.join()\nprint('exitcode', p.exitcode)\nq = multiprocessing.Process(target=exit, args=(3,))\nq.start(); q.join()\nprint('exitcode', q.exitcode)";
    let o = gilvm(&["-c", prog]);
    assert!(o.status.success());
    assert_eq!(normalise(&o.stdout), "exitcode 1\nexitcode 3\n");
    let err = normalise(&o.stderr);
    assert!(
        err.starts_with("Process Process-1:\nTraceback (most recent call last):\n"),
        "{err}"
    );
    assert!(err.ends_with("ValueError: bad\n"), "{err}");
}

#[test]
fn unpicklable_arguments_are_refused() {
    let prog = "import multiprocessing, threading\ntry:\n    multiprocessing.Process(target=print, args=(threading.Lock(),)).start()\nexcept TypeError as e:\n    print(e)";
    assert_eq!(
        run_ok(&["-c", prog]),
        "cannot pickle '_thread.lock' object\n"
    );
}

/// A value computed in a child comes back (copied), exceptions too.
#[test]
fn spawn_returns_results_and_exceptions() {
    let prog = "import _gilvm_interp\ndef f(a, b=2):\n    return [a, b, {'k': (a,)}]\ndef g():\n    raise KeyError('x')\nprint(_gilvm_interp.spawn(f, (1,), {'b': 3}).result())\ntry:\n    _gilvm_interp.spawn(g).result()\nexcept KeyError as e:\n    print('KeyError', e)";
    assert_eq!(run_ok(&["-c", prog]), "[1, 3, {'k': (1,)}]\nKeyError 'x'\n");
}

/// The child's state is a copy taken at start(): later changes in the parent are invisible.
#[test]
fn a_process_cannot_see_later_changes_of_its_parent() {
    let prog = "import multiprocessing, time\nvalue = 'before'\ndef show():\n    time.sleep(0.2)\n    print('child sees', value)\nif __name__ == '__main__':\n    p = multiprocessing.Process(target=show)\n    p.start()\n    value = 'after'\n    p.join()\n    print('parent sees', value)";
    for mode in [&[][..], &["-X", "gil=0"][..]] {
        let mut args: Vec<&str> = mode.to_vec();
        args.extend(["-c", prog]);
        assert_eq!(
            run_ok(&args),
            "child sees before\nparent sees after\n",
            "{mode:?}"
        );
    }
}
