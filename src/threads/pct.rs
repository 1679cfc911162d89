//! Probabilistic concurrency testing (PCT; Burckhardt, Kothari, Musuvathi and Nagarakatte,
//! "A Randomized Scheduler with Probabilistic Guarantees of Finding Bugs", ASPLOS 2010): the
//! chooser of `gilvm explore --strategy pct`, for programs too big to enumerate.
//!
//! A run is scheduled by priorities. Each thread gets a random priority when it is first seen,
//! all of them at least `depth`; at every decision point the runnable thread with the highest
//! priority runs. Before the run, `depth - 1` *change points* are drawn among the `k` decision
//! points a run has; at the `i`-th one the thread deciding drops to priority `depth - 1 - i`,
//! below every initial priority, so another thread takes over there.
//!
//! The guarantee: a bug of depth `d` (one that needs `d` ordering constraints between threads
//! to show) is found by one run with probability at least `1 / (n * k^(d-1))`, for `n`
//! threads and `k` decision points. In practice it is found far more often than that.
//!
//! The decision points are the explorer's branch points (`guide.rs`): a switch point where the
//! running thread may touch shared state before its next one, and every point where it
//! blocked or ended. Each run is determined by its seed, and its hand-offs are recorded as any
//! explored run's, so it replays with `--replay-schedule`.

use std::collections::BTreeMap;

use crate::threads::ThreadId;

/// One run's PCT state.
#[derive(Debug, Clone)]
pub struct Pct {
    rng: u64,
    depth: u32,
    /// The decision points (1-based, increasing) at which the deciding thread's priority drops.
    change_points: Vec<u64>,
    priorities: BTreeMap<ThreadId, u64>,
    /// Decision points so far: the run's `k`, once it has ended.
    pub steps: u64,
}

impl Pct {
    /// A run with seed `seed` and bug depth `depth` (at least 1), whose change points are
    /// drawn among `k` decision points (a previous run's count; 0 for none: the first run,
    /// which measures `k`).
    pub fn new(seed: u64, depth: u32, k: u64) -> Pct {
        let mut pct = Pct {
            rng: seed,
            depth: depth.max(1),
            change_points: Vec::new(),
            priorities: BTreeMap::new(),
            steps: 0,
        };
        if k > 0 {
            let wanted = (pct.depth as usize - 1).min(k as usize);
            while pct.change_points.len() < wanted {
                let at = 1 + pct.next() % k;
                if !pct.change_points.contains(&at) {
                    pct.change_points.push(at);
                }
            }
        }
        // Drawn in random order; the i-th change point met lowers to `depth - 1 - i`.
        pct
    }

    /// SplitMix64: small, fast and fully determined by the seed.
    fn next(&mut self) -> u64 {
        self.rng = self.rng.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.rng;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn priority(&mut self, t: ThreadId) -> u64 {
        if let Some(&p) = self.priorities.get(&t) {
            return p;
        }
        // At least `depth`, above every lowered priority; the thread id in the low bits
        // keeps them distinct.
        let p = self.depth as u64 + (((self.next() >> 24) << 16) | (t.get() & 0xFFFF));
        self.priorities.insert(t, p);
        p
    }

    /// The threads seen so far: the run's `n`.
    pub fn threads(&self) -> usize {
        self.priorities.len()
    }

    /// Who runs at a decision point: `alts` are the choices (for a preemption, `current`
    /// first); `current` is the thread that was running or stopped.
    pub fn decide(&mut self, current: ThreadId, alts: &[ThreadId]) -> ThreadId {
        self.steps += 1;
        self.priority(current);
        if let Some(i) = self.change_points.iter().position(|&c| c == self.steps) {
            let lowered = self.depth as u64 - 1 - i as u64;
            self.priorities.insert(current, lowered);
        }
        let mut best = alts[0];
        let mut best_p = self.priority(best);
        for &t in &alts[1..] {
            let p = self.priority(t);
            if p > best_p {
                best = t;
                best_p = p;
            }
        }
        best
    }
}

/// The probability, at least, that one run finds a bug of depth `depth` among `threads`
/// threads and `k` decision points: `1 / (n * k^(d-1))`.
pub fn guarantee(threads: usize, k: u64, depth: u32) -> f64 {
    let n = threads.max(1) as f64;
    let k = k.max(1) as f64;
    1.0 / (n * k.powi(depth.max(1) as i32 - 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: ThreadId = ThreadId(1);
    const B: ThreadId = ThreadId(2);

    /// With depth 1 there is no change point: the first choice made is kept all run long
    /// (the highest priority never changes).
    #[test]
    fn depth_one_never_switches_away_from_the_top_priority() {
        for seed in 0..50 {
            let mut p = Pct::new(seed, 1, 100);
            let first = p.decide(A, &[A, B]);
            for _ in 0..20 {
                let other = if first == A { B } else { A };
                assert_eq!(p.decide(first, &[first, other]), first);
            }
        }
    }

    /// Depth 2, one change point among k: the thread deciding there drops below the other,
    /// which runs from then on.
    #[test]
    fn a_change_point_hands_over_for_good() {
        let k = 10;
        for seed in 0..50 {
            let mut p = Pct::new(seed, 2, k);
            let at = p.change_points[0];
            let mut running = p.decide(A, &[A, B]);
            let mut switches = 0;
            for step in 2..=k {
                let other = if running == A { B } else { A };
                let next = p.decide(running, &[running, other]);
                if next != running {
                    switches += 1;
                    assert_eq!(step, at, "a switch only at the change point");
                }
                running = next;
            }
            assert!(
                switches <= 1 && (at == 1 || switches == 1),
                "seed {seed}: {switches}"
            );
        }
    }

    #[test]
    fn a_seed_determines_the_run_and_seeds_differ() {
        let run = |seed| {
            let mut p = Pct::new(seed, 3, 20);
            let mut cur = A;
            (0..20)
                .map(|_| {
                    let other = if cur == A { B } else { A };
                    cur = p.decide(cur, &[cur, other]);
                    cur.get()
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(run(7), run(7));
        assert!(
            (0..20)
                .map(run)
                .collect::<std::collections::HashSet<_>>()
                .len()
                > 1
        );
    }

    #[test]
    fn the_guarantee_is_the_papers_bound() {
        assert_eq!(guarantee(2, 10, 1), 0.5);
        assert_eq!(guarantee(2, 10, 3), 1.0 / 200.0);
    }
}
