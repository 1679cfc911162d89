//! Ctrl-C (SIGINT) for the interactive session: the first one raises `KeyboardInterrupt` in the
//! main thread of the interpreter being watched, at its next switch point (the `SIGNAL` bit of
//! its eval breaker, as CPython's signal handler trips its eval breaker); a sleep is cut short.
//! A second Ctrl-C while the first is still pending (the main thread is stuck in a wait that
//! does not poll: a join, a lock) ends the process with status 130, as a shell expects.
//!
//! The handler (the `ctrlc` crate: one process-wide handler, run on its own thread) only sets
//! a bit; no Python code runs in it.

use std::sync::atomic::Ordering;
use std::sync::{Arc, OnceLock};

use parking_lot::Mutex;

use crate::threads::{EvalBreaker, breaker};

static WATCHED: Mutex<Option<Arc<EvalBreaker>>> = Mutex::new(None);
/// Flushes what the watched program printed, before a second Ctrl-C ends the process.
type Flush = Box<dyn Fn() + Send + Sync>;
static FLUSH: Mutex<Option<Flush>> = Mutex::new(None);

/// Like [`watch`], and a second Ctrl-C first flushes the program's output with `flush`.
pub fn watch_with_flush(breaker: Arc<EvalBreaker>, flush: Flush) -> bool {
    *FLUSH.lock() = Some(flush);
    watch(breaker)
}
static INSTALLED: OnceLock<bool> = OnceLock::new();

/// Sends Ctrl-C to `breaker`'s interpreter from now on (installing the handler once).
/// Returns false when the handler could not be installed (Ctrl-C then ends the process).
pub fn watch(breaker: Arc<EvalBreaker>) -> bool {
    *WATCHED.lock() = Some(breaker);
    install()
}

/// Takes a Ctrl-C before any interpreter does; returns whether it took it.
pub type Interceptor = Box<dyn Fn() -> bool + Send + Sync>;
static INTERCEPT: Mutex<Option<Interceptor>> = Mutex::new(None);

/// From now on Ctrl-C goes to `f` first (the stepper: back to its prompt); when `f` does not
/// take it, it goes on as without. Returns false when the handler could not be installed.
pub fn intercept(f: Interceptor) -> bool {
    *INTERCEPT.lock() = Some(f);
    install()
}

fn install() -> bool {
    *INSTALLED.get_or_init(|| {
        ctrlc::set_handler(|| {
            if INTERCEPT.lock().as_ref().is_some_and(|f| f()) {
                return;
            }
            let target = WATCHED.lock().clone();
            match target {
                Some(b) if b.load(Ordering::Relaxed) & breaker::SIGNAL == 0 => {
                    b.fetch_or(breaker::SIGNAL, Ordering::AcqRel);
                }
                _ => {
                    if let Some(f) = FLUSH.lock().as_ref() {
                        f();
                    }
                    let _ = std::io::Write::flush(&mut std::io::stdout());
                    eprintln!("\nKeyboardInterrupt");
                    std::process::exit(130);
                }
            }
        })
        .is_ok()
    })
}

/// Whether a Ctrl-C is pending for `breaker` (waits that sleep in slices check it).
pub fn pending(breaker: &EvalBreaker) -> bool {
    breaker.load(Ordering::Relaxed) & breaker::SIGNAL != 0
}
