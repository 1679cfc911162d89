//! Which CPU a thread runs on: `explore` keeps each of its jobs on one CPU (a run hands the
//! baton from thread to thread and only one of them runs at a time, so a hand-off to a
//! thread asleep on another CPU would cost a cross-CPU wake-up: measured on a 2-vCPU VM,
//! 1,480 schedules per second spread over both CPUs, 4,400 on one).
//!
//! A thread pinned here remembers its CPU ([`pinned`]); the pool of OS threads that run a
//! program's threads (`vm/modules/thread.rs`) hands that CPU to the pooled thread that takes
//! the work, so the threads of one run stay on their job's CPU even when a pooled thread
//! served another job before. Linux only; elsewhere nothing is pinned.

use std::cell::Cell;

thread_local! {
    /// The CPU this thread was pinned to by [`pin`], if any.
    static PINNED: Cell<Option<usize>> = const { Cell::new(None) };
}

/// The CPU this thread was pinned to with [`pin`], if it was.
pub fn pinned() -> Option<usize> {
    PINNED.with(|p| p.get())
}

/// Keeps the calling thread (and the threads it starts later) on CPU `cpu`. False when the
/// system refused (the thread then runs where the OS puts it).
pub fn pin(cpu: usize) -> bool {
    if pinned() == Some(cpu) {
        return true;
    }
    let ok = set_affinity(cpu);
    if ok {
        PINNED.with(|p| p.set(Some(cpu)));
    }
    ok
}

/// Pins the calling thread to the CPU it is running on now.
pub fn pin_here() -> bool {
    current_cpu().is_some_and(pin)
}

/// The CPUs this process may run on, in increasing order (empty when unknown).
pub fn allowed_cpus() -> Vec<usize> {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: `cpu_set_t` is plain bits, so all-zero is a valid empty set; it is alive
        // for the call and its size is the one passed; pid 0 is the calling thread.
        // `CPU_ISSET` reads the set within its size (the index is below `CPU_SETSIZE`).
        unsafe {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            if libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) != 0 {
                return Vec::new();
            }
            (0..libc::CPU_SETSIZE as usize)
                .filter(|&c| libc::CPU_ISSET(c, &set))
                .collect()
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        Vec::new()
    }
}

fn current_cpu() -> Option<usize> {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: `sched_getcpu` takes nothing and returns a CPU number or -1.
        usize::try_from(unsafe { libc::sched_getcpu() }).ok()
    }
    #[cfg(not(target_os = "linux"))]
    {
        None
    }
}

fn set_affinity(cpu: usize) -> bool {
    #[cfg(target_os = "linux")]
    {
        if cpu >= libc::CPU_SETSIZE as usize {
            return false;
        }
        // SAFETY: an all-zero `cpu_set_t` is a valid empty set; `CPU_SET` writes bit `cpu`,
        // below `CPU_SETSIZE` (checked above); the set is alive for the call and its size is
        // the one passed; pid 0 is the calling thread. On failure nothing changes.
        unsafe {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            libc::CPU_SET(cpu, &mut set);
            libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) == 0
        }
    }
    #[cfg(not(target_os = "linux"))]
    {
        let _ = cpu;
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pinned_thread_remembers_its_cpu() {
        let cpus = allowed_cpus();
        std::thread::spawn(move || {
            assert_eq!(pinned(), None);
            if let Some(&c) = cpus.last()
                && pin(c)
            {
                assert_eq!(pinned(), Some(c));
                assert_eq!(current_cpu(), Some(c));
            }
        })
        .join()
        .unwrap();
    }
}
