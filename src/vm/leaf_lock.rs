//! `LeafMutex`: the lock of a dict, held for a few instructions at a time.
//!
//! Every attribute, global and method lookup locks a dict (`object.rs`: each shared object
//! guards itself). Measured on `benches/attrs.py`, four fifths of a dict lookup was the two
//! atomic read-modify-writes of `parking_lot::Mutex` (a `lock cmpxchg` to lock, another to
//! unlock). A leaf lock needs less: it is never held across a call into Python code, a
//! blocking wait or another object's lock (the rule of `object.rs`), so a waiter only ever
//! waits for a holder that is a few hundred instructions from letting go. This lock takes one
//! atomic swap to lock and a plain release store to unlock; a waiter spins briefly and then
//! yields its CPU (the holder may have been descheduled: two cores, more threads).
//!
//! Its API is the part of `parking_lot::Mutex` the dict uses, so the two are interchangeable.

use std::cell::UnsafeCell;
use std::ops::{Deref, DerefMut};
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Default)]
pub struct LeafMutex<T> {
    locked: AtomicBool,
    data: UnsafeCell<T>,
}

// SAFETY: the lock gives one thread at a time access to `data` (the Acquire swap that takes
// it synchronises with the Release store that gave it up), exactly like `std::sync::Mutex`,
// which is Send + Sync under the same bound.
unsafe impl<T: Send> Send for LeafMutex<T> {}
// SAFETY: as above: `&LeafMutex<T>` hands out `&mut T` only through a guard, one at a time.
unsafe impl<T: Send> Sync for LeafMutex<T> {}

impl<T> LeafMutex<T> {
    pub const fn new(data: T) -> LeafMutex<T> {
        LeafMutex {
            locked: AtomicBool::new(false),
            data: UnsafeCell::new(data),
        }
    }

    /// Takes the lock, waiting for the holder if there is one.
    #[inline]
    pub fn lock(&self) -> LeafGuard<'_, T> {
        if self.locked.swap(true, Ordering::Acquire) {
            self.lock_contended();
        }
        LeafGuard { lock: self }
    }

    #[cold]
    #[inline(never)]
    fn lock_contended(&self) {
        let mut spins = 0u32;
        loop {
            // Wait with plain loads (no cache-line ping-pong), then try again.
            while self.locked.load(Ordering::Relaxed) {
                if spins < 64 {
                    spins += 1;
                    std::hint::spin_loop();
                } else {
                    std::thread::yield_now();
                }
            }
            if !self.locked.swap(true, Ordering::Acquire) {
                return;
            }
        }
    }

    pub fn get_mut(&mut self) -> &mut T {
        self.data.get_mut()
    }

    pub fn into_inner(self) -> T {
        self.data.into_inner()
    }
}

impl<T> std::fmt::Debug for LeafMutex<T> {
    // Does not lock: a `{:?}` must never wait, nor deadlock on a lock this thread holds.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LeafMutex").finish_non_exhaustive()
    }
}

/// Holds a [`LeafMutex`] until dropped.
pub struct LeafGuard<'a, T> {
    lock: &'a LeafMutex<T>,
}

impl<T> Deref for LeafGuard<'_, T> {
    type Target = T;
    #[inline]
    fn deref(&self) -> &T {
        // SAFETY: the guard exists only while this thread holds the lock, so no other
        // reference to `data` is live (see the `Sync` impl).
        unsafe { &*self.lock.data.get() }
    }
}

impl<T> DerefMut for LeafGuard<'_, T> {
    #[inline]
    fn deref_mut(&mut self) -> &mut T {
        // SAFETY: as in `deref`, and `&mut self` makes this the only borrow of the guard.
        unsafe { &mut *self.lock.data.get() }
    }
}

impl<T> Drop for LeafGuard<'_, T> {
    #[inline]
    fn drop(&mut self) {
        // A plain store on x86: the releasing half costs no read-modify-write.
        self.lock.locked.store(false, Ordering::Release);
    }
}
