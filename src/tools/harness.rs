//! Running untrusted source in-process with a budget: what the fuzzers (`fuzz/`) and the
//! property tests (`tests/generated.rs`) drive. Every input must end in one of the
//! [`Verdict`]s — a Rust panic, an abort or a hang is a bug in gilvm.
//!
//! Runs are deterministic (a seeded schedule, a virtual clock: `time.sleep` takes no real
//! time), contained (a deadlock or the step budget ends the run, not the process), and their
//! output is captured, so one process can run millions of them.

use std::sync::Arc;

use crate::compiler::{self, Mode};
use crate::source::SourceFile;
use crate::threads::deterministic::Policy;
use crate::vm::{Config, Interpreter, THREAD_STACK_SIZE, Vm};

/// How a bounded run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The source does not compile (`SyntaxError`, `IndentationError`).
    SyntaxError,
    /// It ran to the end or to an uncaught exception: the exit status CPython would give.
    Exit(u8),
    /// The step budget ended it.
    Stopped,
}

/// What a bounded run printed, and how it ended.
#[derive(Debug, Clone)]
pub struct Run {
    pub verdict: Verdict,
    pub stdout: String,
    pub stderr: String,
}

/// Compiles only: lexer, parser and compiler, and the disassembler over the result.
pub fn compile_only(text: &str) -> bool {
    let src = SourceFile::new("<fuzz>", text);
    match compiler::compile_source(&src, Mode::Exec) {
        Ok(code) => {
            let mut listing = String::new();
            crate::bytecode::disassemble_recursive(&code, &mut listing, None);
            true
        }
        Err(e) => {
            let _ = crate::parser::render_syntax_error(&e, &src);
            false
        }
    }
}

/// Compiles and runs `text` on a thread of its own with the interpreter's stack, at most
/// `max_steps` instructions over all its threads, threads switched by a schedule seeded with
/// `seed`.
pub fn run_bounded(text: &str, max_steps: u64, seed: u64) -> Run {
    let text = text.to_string();
    let worker = std::thread::Builder::new()
        .name("gilvm-harness".into())
        .stack_size(THREAD_STACK_SIZE)
        .spawn(move || run_here(&text, max_steps, seed));
    match worker.map(|h| h.join()) {
        Ok(Ok(run)) => run,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        Err(e) => panic!("cannot start the harness thread: {e}"),
    }
}

fn run_here(text: &str, max_steps: u64, seed: u64) -> Run {
    let src = Arc::new(SourceFile::new("<fuzz>", text));
    let code = match compiler::compile_source(&src, Mode::Exec) {
        Ok(code) => code,
        Err(e) => {
            return Run {
                verdict: Verdict::SyntaxError,
                stdout: String::new(),
                stderr: crate::parser::render_syntax_error(&e, &src),
            };
        }
    };
    let interp = Interpreter::new(Config {
        argv: vec!["<fuzz>".into()],
        policy: Some(Policy::Seeded { seed, mean: 100 }),
        capture_output: true,
        contained: true,
        max_steps,
        ..Config::default()
    });
    interp.add_source(src);
    let mut vm = Vm::new(interp.clone(), THREAD_STACK_SIZE);
    vm.sched_acquire();
    let status = match vm.run_module_code(code, "__main__") {
        Ok(_) => Some(0),
        Err(e) if e.is_run_aborted() && interp.exited().is_none() => None,
        Err(e) => Some(crate::vm::exit_status(&mut vm, &e)),
    };
    let status = interp.exited().map_or(status, Some);
    let aborted = interp.sched.aborted() || interp.stop_reason().is_some();
    if !aborted {
        vm.shutdown_threads();
    }
    vm.sched_exit();
    drop(vm);
    interp.wait_os_threads();
    let verdict = match status {
        Some(s) if interp.stop_reason().is_none() || interp.exited().is_some() => Verdict::Exit(s),
        _ => Verdict::Stopped,
    };
    Run {
        verdict,
        stdout: interp.take_output(),
        stderr: interp.take_stderr(),
    }
}
