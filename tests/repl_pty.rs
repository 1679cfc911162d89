//! The interactive session on a terminal (a pty): rustyline reads the lines, as for a person.
//! What a person pastes or types ahead must all run, line by line.

use std::process::Command;

/// A session on a pty, with its own history file.
fn terminal(label: &str) -> rexpect::session::PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gilvm"));
    cmd.env(
        "GILVM_HISTORY",
        std::env::temp_dir().join(format!("gilvm_history_pty_{label}_{}", std::process::id())),
    )
    .env("TERM", "xterm")
    .env("NO_COLOR", "1")
    .env_remove("PYTHON_GIL");
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000)).expect("gilvm on a pty");
    p.exp_string(">>> ").expect("the first prompt");
    p
}

/// Ends the session with Ctrl-D, once the next prompt is shown: rustyline switches the
/// terminal to raw mode before it prints the prompt, and a key sent earlier may be dropped.
fn quit(p: &mut rexpect::session::PtySession) {
    p.exp_string(">>> ").expect("the prompt before Ctrl-D");
    p.send_control('d').expect("Ctrl-D");
    p.exp_eof().expect("the session ends");
}

/// Sends keys (rexpect buffers them until a flush).
fn send(p: &mut rexpect::session::PtySession, keys: &str) {
    p.send(keys).expect("keys sent");
    p.flush().expect("keys flushed");
}

/// A block pasted (a `def`, its body, a blank line and calls): every line runs, and the
/// session goes on. Pasted twice: as a terminal without bracketed paste (or `tmux
/// send-keys`) sends it, the keys of all its lines at once, and with bracketed paste, where
/// rustyline gives the lines as one text (here with no blank line after the body).
#[test]
fn a_pasted_block_runs_every_line() {
    let mut p = terminal("paste");
    send(
        &mut p,
        "def f(n):\r    return n * 1001\r\rprint(f(7))\rprint('pasted', f(2))\r",
    );
    p.exp_string("7007").expect("the call after the def ran");
    p.exp_string("pasted 2002")
        .expect("the last pasted line ran");
    send(
        &mut p,
        "\x1b[200~def g(n):\r    return n * 11\rprint('bracketed', g(3))\x1b[201~\r",
    );
    p.exp_string("bracketed 33").expect("a bracketed paste ran");
    p.send_line("print('then', f(3))").expect("type");
    p.exp_string("then 3003").expect("the session goes on");
    quit(&mut p);
}

/// Lines typed while the previous one runs (here, during a sleep) are kept and run in turn.
#[test]
fn lines_typed_ahead_during_a_sleep_run() {
    let mut p = terminal("ahead");
    p.send_line("import time; time.sleep(1.5); print('slept')")
        .expect("type");
    p.send_line("a = 6").expect("type ahead");
    p.send_line("print(a * 1234567)").expect("type ahead");
    p.exp_string("slept").expect("the sleep ended");
    p.exp_string("7407402").expect("both lines typed ahead ran");
    quit(&mut p);
}

/// Tab completes names (globals, builtins, keywords) and the attributes of a dotted name.
#[test]
fn tab_completes_names_and_attributes() {
    let mut p = terminal("tab");
    p.send_line("import threading").expect("type");
    p.exp_string(">>> ").expect("prompt");
    for line in [
        "class Account:",
        "    def __init__(self):",
        "        self.balance = 4321 * 2",
    ] {
        p.send_line(line).expect("type");
        p.exp_string("... ").expect("prompt");
    }
    p.send_line("").expect("type");
    p.exp_string(">>> ").expect("prompt");
    p.send_line("acct = Account()").expect("type");
    p.exp_string(">>> ").expect("prompt");
    // A unique completion is inserted: the line then runs as if typed in full.
    send(&mut p, "print(acct.bal\t)\r");
    p.exp_string("8642")
        .expect("acct.bal<Tab> completed to acct.balance");
    send(&mut p, "print(threading.current_thr\t().name)\r");
    p.exp_string("MainThread").expect("a module's attribute");
    send(&mut p, "prin\t('done')\r");
    p.exp_string("done").expect("a builtin");
    quit(&mut p);
}
