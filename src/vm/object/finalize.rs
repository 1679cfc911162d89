//! Pending finalizers: Python code that must run because an object went away.
//!
//! CPython runs a suspended generator's `close()` (and a collected object's `__del__`) inside
//! the reference-count decrement that frees it. gilvm cannot: `Drop` has no `&mut Vm`, and a
//! value may be dropped while a lock is held (a dict's, a list's), where running Python code
//! could deadlock or re-enter. So a `Drop` that needs Python code *defers* it:
//!
//! - [`defer`] puts a [`Finalizer`] on a queue of the thread that dropped the object (one
//!   queue per `Vm` on this OS thread, found by interpreter id: a value of another
//!   interpreter, or one dropped where no `Vm` runs, is dropped without its finalizer), counts
//!   it in [`Interpreter::pending_finalizers`] and raises [`breaker::FINALIZE`] in the
//!   eval breaker. Queuing takes no lock, and the finalizer runs on the thread that let go of
//!   the object, as in CPython.
//! - The thread runs its queue ([`Vm::run_pending_finalizers`]) at its next safe point, where
//!   the loop looks at the bit with one relaxed load: at switch points (function entry,
//!   backward jumps), where it polls the breaker anyway; and after instructions that are
//!   already slow and commonly let go of a last reference: the forward jump of `break` (after
//!   the for loop's iterator is popped), stores and deletes of names, globals, cells and
//!   subscripts, `DELETE_FAST`, `POP_EXCEPT`, an exception caught, and before and after a
//!   call that is not a plain Python function call (so `g = None; print(...)` closes `g`
//!   first). Not after `STORE_FAST`, `POP_TOP` or attribute stores: those are the hot path,
//!   and a check there measurably changed it (cachegrind on `benches/`); what they drop is
//!   finalized at the next of the points above. With nothing queued the hot path pays
//!   nothing new (decision 4), and `for x in gen(): break` runs the generator's `finally`
//!   before the next statement, as CPython does.
//! - A finalizer's exception is reported as CPython's default `sys.unraisablehook` does
//!   ("Exception ignored in: <repr>", the traceback, the exception; no chained ones) on
//!   stderr, never raised; a stopped run's abort is not reported.
//! - When a thread's function returns it runs its queue a last time ([`Vm::finalize_thread`]);
//!   at the end of the program, [`Vm::finalize_main`] closes the generators `__main__` still
//!   holds (CPython's final collection finalizes them). A queue left when its `Vm` goes away
//!   is dropped without running.
//!
//! The cycle collector's `__del__` reuses this: defer a closure that calls `__del__` on the
//! collected object and returns its exception as an [`Unraisable`].

use std::cell::RefCell;
use std::sync::Arc;
use std::sync::atomic::Ordering;

use crate::threads::breaker;
use crate::vm::object::code::Code;
use crate::vm::object::exceptions::{PyErr, format_exception_unchained};
use crate::vm::{Interpreter, Vm};

/// Python code to run for an object that went away; its error is reported, not raised.
pub type Finalizer = Box<dyn FnOnce(&mut Vm) -> Result<(), Unraisable> + Send>;

/// An exception a finalizer could not raise to anyone: reported on stderr.
pub struct Unraisable {
    pub err: PyErr,
    /// The object it happened in (`<generator object g at 0x…>`).
    pub what: String,
}

/// One `Vm`'s queue on this thread.
struct Queue {
    interp: Arc<Interpreter>,
    /// `Vm`s of this interpreter on this thread (one, in practice).
    users: usize,
    items: Vec<Finalizer>,
}

std::thread_local! {
    static QUEUES: RefCell<Vec<Queue>> = const { RefCell::new(Vec::new()) };
}

/// A `Vm`'s queue on its thread: made with the `Vm`, gone (its finalizers dropped unrun)
/// when the `Vm` drops.
pub struct Registration {
    interp: u64,
}

impl Registration {
    pub fn new(interp: &Arc<Interpreter>) -> Registration {
        let _ = QUEUES.try_with(|q| {
            if let Ok(mut q) = q.try_borrow_mut() {
                match q.iter_mut().find(|e| e.interp.id == interp.id) {
                    Some(e) => e.users += 1,
                    None => q.push(Queue {
                        interp: interp.clone(),
                        users: 1,
                        items: Vec::new(),
                    }),
                }
            }
        });
        Registration { interp: interp.id }
    }
}

impl Drop for Registration {
    fn drop(&mut self) {
        let left = QUEUES
            .try_with(|q| {
                let mut q = q.try_borrow_mut().ok()?;
                let i = q.iter().position(|e| e.interp.id == self.interp)?;
                q[i].users -= 1;
                (q[i].users == 0).then(|| q.swap_remove(i))
            })
            .ok()
            .flatten();
        // Dropped outside the borrow: dropping them may drop more generators.
        if let Some(queue) = left {
            queue.interp.finalizers_done(queue.items.len());
        }
    }
}

/// Queues the finalizer `make` builds on this thread's queue for interpreter `interp`. With
/// no such queue `make` is not called: what it holds is simply dropped.
pub fn defer(interp: u64, make: impl FnOnce() -> Finalizer) {
    let queued = QUEUES
        .try_with(|q| {
            let mut q = q.try_borrow_mut().ok()?;
            let e = q.iter_mut().find(|e| e.interp.id == interp)?;
            e.items.push(make());
            Some(e.interp.clone())
        })
        .ok()
        .flatten();
    if let Some(i) = queued {
        i.pending_finalizers.fetch_add(1, Ordering::SeqCst);
        i.eval_breaker.fetch_or(breaker::FINALIZE, Ordering::SeqCst);
    }
}

/// [`defer`] to the innermost interpreter running on this thread (for objects that do not
/// know their interpreter: instances with `__del__`).
pub fn defer_here(make: impl FnOnce() -> Finalizer) {
    let interp = QUEUES
        .try_with(|q| q.try_borrow().ok()?.last().map(|e| e.interp.id))
        .ok()
        .flatten();
    if let Some(id) = interp {
        defer(id, make);
    }
}

/// This thread's queued finalizers for interpreter `interp`, taken out.
fn take(interp: u64) -> Vec<Finalizer> {
    QUEUES
        .try_with(|q| {
            let mut q = q.try_borrow_mut().ok()?;
            let e = q.iter_mut().find(|e| e.interp.id == interp)?;
            Some(std::mem::take(&mut e.items))
        })
        .ok()
        .flatten()
        .unwrap_or_default()
}

impl Interpreter {
    /// `n` queued finalizers have been run or dropped: lowers the breaker bit once none is
    /// left on any thread (raised again if one was queued meanwhile).
    fn finalizers_done(&self, n: usize) {
        if n > 0 {
            self.pending_finalizers.fetch_sub(n, Ordering::SeqCst);
        }
        if self.pending_finalizers.load(Ordering::SeqCst) == 0 {
            self.eval_breaker
                .fetch_and(!breaker::FINALIZE, Ordering::SeqCst);
            if self.pending_finalizers.load(Ordering::SeqCst) != 0 {
                self.eval_breaker
                    .fetch_or(breaker::FINALIZE, Ordering::SeqCst);
            }
        }
    }
}

impl Vm {
    /// Whether finalizers are queued (on some thread of this interpreter): one relaxed load.
    #[inline(always)]
    pub(crate) fn finalizers_due(&self) -> bool {
        self.eval_breaker.load(Ordering::Relaxed) & breaker::FINALIZE != 0
    }

    /// Runs this thread's queued finalizers, and those they queue, until none is left.
    /// `here`: the instruction that dropped the objects (the traceback of an exception
    /// raised outside any frame, such as "generator ignored GeneratorExit", points there).
    #[cold]
    #[inline(never)]
    pub fn run_pending_finalizers(&mut self, here: Option<(&Arc<Code>, usize)>) {
        loop {
            let batch = take(self.interp.id);
            if batch.is_empty() {
                break;
            }
            let n = batch.len();
            for f in batch {
                if let Err(u) = f(self) {
                    if let Some((code, index)) = here
                        && u.err.traceback_frames().is_empty()
                    {
                        u.err.add_traceback(code, index, None);
                    }
                    self.write_unraisable(&u);
                }
            }
            self.interp.finalizers_done(n);
        }
        self.interp.finalizers_done(0);
    }

    /// Prints an exception no one can catch, as CPython's default `sys.unraisablehook`.
    pub fn write_unraisable(&mut self, u: &Unraisable) {
        if u.err.is_run_aborted() {
            return;
        }
        let mut text = format!("Exception ignored in: {}\n", u.what);
        text.push_str(&format_exception_unchained(self, &u.err.value()));
        self.interp.write_stderr(&text);
    }

    /// A thread's last bytecode: runs what it queued, unless the run is being stopped.
    pub fn finalize_thread(&mut self) {
        if self.interp.stop_reason().is_none()
            && !self.interp.sched.aborted()
            && !self.interp.waits.deadlocked()
        {
            self.run_pending_finalizers(None);
        }
    }
}
