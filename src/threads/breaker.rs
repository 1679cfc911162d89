//! The eval breaker: one word per interpreter that every running thread polls with one
//! relaxed load at its switch points (backward jumps, function entry). Whoever needs a
//! running thread's attention — a waiter asking for the GIL, a signal, a stop, the end of a
//! deterministic quantum — raises a bit in it; the rare work happens only when a bit is set.

use std::sync::atomic::AtomicU32;

/// The eval-breaker word, alone on its cache line(s). Every running thread reads it at every
/// backward jump; sharing its line with anything that is written (measured: a neighbouring
/// small allocation) made two free-threaded counting threads 1.2x slower than two processes.
#[repr(align(128))]
#[derive(Default)]
pub struct EvalBreaker(AtomicU32);

impl EvalBreaker {
    pub fn new() -> EvalBreaker {
        EvalBreaker::default()
    }
}

impl std::ops::Deref for EvalBreaker {
    type Target = AtomicU32;
    fn deref(&self) -> &AtomicU32 {
        &self.0
    }
}

/// Bits of the eval-breaker word, polled at backward jumps and calls.
/// Another thread asked for the GIL.
pub const GIL_DROP_REQUEST: u32 = 1;
/// A signal (Ctrl-C) is pending.
pub const SIGNAL: u32 = 2;
/// Something outside wants this thread to stop (stepper, step budget).
pub const STOP: u32 = 4;
/// The running thread's deterministic quantum ran out.
pub const SCHEDULE: u32 = 8;
/// The runtime's collector has garbage to look for (`vm/object/gc.rs`).
pub const GC: u32 = 16;
/// Finalizers are queued (a suspended generator was dropped): the thread that queued them
/// runs them at its next safe point (`vm/object/finalize.rs`).
pub const FINALIZE: u32 = 32;
/// Another thread stops the world (free-threaded, for the cycle collector): park at this
/// safe point until it restarts it (`world.rs`).
pub const STOP_WORLD: u32 = 64;
