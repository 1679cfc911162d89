//! Probabilistic concurrency testing (PCT; Burckhardt, Kothari, Musuvathi and Nagarakatte,
//! "A Randomized Scheduler with Probabilistic Guarantees of Finding Bugs", ASPLOS 2010): the
//! chooser of `gilvm explore --strategy pct`, for programs too big to enumerate.
//!
//! A run is scheduled by priorities. Each thread gets a random priority when it is first seen,
//! all of them at least `depth`; at every decision point the runnable thread with the highest
//! priority runs. Before the run, `depth - 1` *change points* are drawn among the `k` counted
//! decision points a run has; at the `i`-th one met the thread deciding drops to priority
//! `depth - 1 - i`, below every other thread (those lowered before included), so another
//! thread takes over there.
//!
//! Counted points (as PCT with partial orders counts only racing events: Ozkan et al.,
//! OOPSLA 2019): a decision point counts when the step the deciding thread would take
//! there starts at a *racing site*, a place in the program where, in some earlier run, a
//! step raced with another thread's (two conflicting accesses that nothing orders: the
//! races of partial-order reduction, `dpor.rs`, over the run's recorded accesses). A switch
//! anywhere else only reorders steps that commute with every other thread's, so a change
//! point there can move to the thread's next counted point without changing what the run
//! does; every ordering constraint of a bug is between racing events, which are at counted
//! points. `k` is the most counted points a run had.
//!
//! The guarantee: PCT's `1 / (n * k^(d-1))` for `n` threads and a bug of depth `d` up to 2.
//! Deeper, each change point lowers below every other thread (PCT proper draws which of the
//! low priorities each change point gives, so that a later one may stay above an earlier
//! one): then a run is determined by the order of the threads' first priorities and the set
//! of change points, and each run makes any schedule some run with `d - 1` change points
//! makes with probability at least `1 / (n! * C(k, d-1))` — better than PCT's bound while
//! `n <= d`, and for the bugs where threads take turns (a lost update inside a lost update)
//! the chance is `(d-1)!` times PCT's. In practice bugs are found far more often than that.
//!
//! The decision points are the explorer's branch points (`guide.rs`): a switch point where the
//! running thread may touch shared state before its next one, and every point where it
//! blocked or ended. Each run is determined by its seed and the racing sites of the runs
//! before it, and its hand-offs are recorded as any explored run's, so it replays with
//! `--replay-schedule`.

use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

use crate::threads::{ThreadId, splitmix64};

/// Where a decision point is in the program: a hash of the code object's file, qualified
/// name and first line, and the instruction's index. The same in every run and every process
/// (code objects may be compiled again, addresses change).
pub type SiteKey = u64;

/// The [`SiteKey`] of instruction `index` of `code`.
pub fn site_key(code: &crate::bytecode::CodeObject, index: u32) -> SiteKey {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let first = code.firstlineno.to_le_bytes();
    let idx = index.to_le_bytes();
    let parts: [&[u8]; 4] = [
        code.filename.as_bytes(),
        code.qualname.as_bytes(),
        &first,
        &idx,
    ];
    for part in parts {
        for &b in part.iter().chain(&[0xff]) {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The sites whose steps raced with another thread's in some run so far: the decision
/// points there are the ones PCT counts and draws its change points among.
pub type Racing = Arc<HashSet<SiteKey>>;

/// One run's PCT state.
#[derive(Debug, Clone)]
pub struct Pct {
    rng: u64,
    depth: u32,
    /// The counted decision points (1-based, increasing) at which the deciding thread's
    /// priority drops.
    change_points: Vec<u64>,
    priorities: BTreeMap<ThreadId, u64>,
    /// Decision points so far (with more than one choice).
    pub steps: u64,
    /// Counted decision points so far: those at a site of `racing`.
    pub counted: u64,
    racing: Racing,
    /// The site of each decision point with more than one choice, in order (`None`: no
    /// site, a thread that ended): recounted when `racing` grows.
    pub points: Vec<Option<SiteKey>>,
    /// While recording accesses: the site of the step each decision point starts (that of
    /// the thread chosen, where it last stopped), one per decision point of the recorder.
    pub step_sites: Vec<Option<SiteKey>>,
    /// Each thread's site where it last stopped: its next step starts there.
    pending: BTreeMap<ThreadId, SiteKey>,
}

impl Pct {
    /// A run with seed `seed` and bug depth `depth` (at least 1), whose change points are
    /// drawn among `k` counted decision points (a previous run's count; 0 for none: the
    /// first run, which measures `k`), counting the decision points at the sites of `racing`.
    pub fn new(seed: u64, depth: u32, k: u64, racing: Racing) -> Pct {
        let mut pct = Pct {
            rng: seed,
            depth: depth.max(1),
            change_points: Vec::new(),
            priorities: BTreeMap::new(),
            steps: 0,
            counted: 0,
            racing,
            points: Vec::new(),
            step_sites: Vec::new(),
            pending: BTreeMap::new(),
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
        // The i-th change point met lowers to `depth - 1 - i`: below every thread, those
        // lowered before included (see the module's note on the guarantee).
        pct.change_points.sort_unstable();
        pct
    }

    fn next(&mut self) -> u64 {
        splitmix64(&mut self.rng)
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
    /// first); `current` is the thread that was running or stopped, at `site` (where it
    /// goes on from). The point counts when its site is racing.
    pub fn decide(
        &mut self,
        current: ThreadId,
        alts: &[ThreadId],
        site: Option<SiteKey>,
    ) -> ThreadId {
        self.steps += 1;
        self.points.push(site);
        self.priority(current);
        if site.is_some_and(|s| self.racing.contains(&s)) {
            self.counted += 1;
            if let Some(i) = self.change_points.iter().position(|&c| c == self.counted) {
                let lowered = self.depth as u64 - 1 - i as u64;
                self.priorities.insert(current, lowered);
            }
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

    /// Notes, while recording accesses, a decision point of the recorder (every one, a
    /// single choice too): `current` stopped at `site`, `next` runs. The step that starts
    /// here is `next`'s, from where it last stopped.
    pub fn note_step(&mut self, current: ThreadId, site: Option<SiteKey>, next: ThreadId) {
        match site {
            Some(s) => self.pending.insert(current, s),
            None => self.pending.remove(&current),
        };
        self.step_sites.push(self.pending.get(&next).copied());
    }

    /// How many of a run's decision points at `points` count when the racing sites are
    /// `racing`.
    pub fn count(points: &[Option<SiteKey>], racing: &HashSet<SiteKey>) -> u64 {
        points
            .iter()
            .filter(|p| p.is_some_and(|s| racing.contains(&s)))
            .count() as u64
    }
}

/// The probability, at least, that one run finds a bug of depth `depth` among `threads`
/// threads and `k` counted decision points: PCT's `1 / (n * k^(d-1))` up to depth 2 (one
/// change point: the two ways of lowering are one), and `1 / (n! * C(k, d-1))` deeper, the
/// chance of drawing one given order of the threads and one given set of change points.
pub fn guarantee(threads: usize, k: u64, depth: u32) -> f64 {
    let n = threads.max(1) as u64;
    let k = k.max(1);
    let d = depth.max(1) as u64;
    if d <= 2 {
        return 1.0 / (n as f64 * (k as f64).powi(d as i32 - 1));
    }
    let orders: f64 = (1..=n).map(|i| i as f64).product();
    let c = (d - 1).min(k);
    let sets: f64 = (0..c).map(|i| (k - i) as f64 / (i + 1) as f64).product();
    1.0 / (orders * sets)
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: ThreadId = ThreadId(1);
    const B: ThreadId = ThreadId(2);
    /// A racing site.
    const S: Option<SiteKey> = Some(1);

    fn racing() -> Racing {
        Arc::new([1].into())
    }

    /// Decision points at sites that never raced are not counted: a change point is the
    /// k-th counted one, and the thread deciding at an uncounted one keeps its priority.
    #[test]
    fn only_points_at_racing_sites_count() {
        for seed in 0..50 {
            let mut p = Pct::new(seed, 2, 3, racing());
            let at = p.change_points[0];
            let mut running = p.decide(A, &[A, B], S);
            let mut counted = 1;
            for step in 0..30 {
                let other = if running == A { B } else { A };
                let site = if step % 10 == 9 { S } else { Some(2) };
                let next = p.decide(running, &[running, other], site);
                if site == S {
                    counted += 1;
                }
                if next != running {
                    assert_eq!((site, counted), (S, at), "seed {seed}");
                }
                running = next;
            }
            assert_eq!((p.steps, p.counted), (31, 4));
            assert_eq!(Pct::count(&p.points, &[1].into()), 4);
            assert_eq!(Pct::count(&p.points, &[1, 2].into()), 31);
        }
    }

    /// With depth 1 there is no change point: the first choice made is kept all run long
    /// (the highest priority never changes).
    #[test]
    fn depth_one_never_switches_away_from_the_top_priority() {
        for seed in 0..50 {
            let mut p = Pct::new(seed, 1, 100, racing());
            let first = p.decide(A, &[A, B], S);
            for _ in 0..20 {
                let other = if first == A { B } else { A };
                assert_eq!(p.decide(first, &[first, other], S), first);
            }
        }
    }

    /// Depth 2, one change point among k: the thread deciding there drops below the other,
    /// which runs from then on.
    #[test]
    fn a_change_point_hands_over_for_good() {
        let k = 10;
        for seed in 0..50 {
            let mut p = Pct::new(seed, 2, k, racing());
            let at = p.change_points[0];
            let mut running = p.decide(A, &[A, B], S);
            let mut switches = 0;
            for step in 2..=k {
                let other = if running == A { B } else { A };
                let next = p.decide(running, &[running, other], S);
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
            let mut p = Pct::new(seed, 3, 20, racing());
            let mut cur = A;
            (0..20)
                .map(|_| {
                    let other = if cur == A { B } else { A };
                    cur = p.decide(cur, &[cur, other], S);
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
    fn the_guarantee_is_the_papers_bound_then_one_order_and_one_set() {
        assert_eq!(guarantee(2, 10, 1), 0.5);
        assert_eq!(guarantee(2, 10, 2), 1.0 / 20.0);
        // 2! orders, C(10, 2) = 45 sets.
        assert!((guarantee(2, 10, 3) - 1.0 / 90.0).abs() < 1e-15);
        // 3! orders, C(27, 4) = 17,550 sets.
        assert!((guarantee(3, 27, 5) - 1.0 / 105_300.0).abs() < 1e-15);
        // Fewer counted points than change points: every one is a change point.
        assert!((guarantee(3, 2, 5) - 1.0 / 6.0).abs() < 1e-15);
    }

    /// Change points lower the thread below every other, those lowered earlier included:
    /// two threads that each meet a change point in turn alternate.
    #[test]
    fn each_change_point_lowers_below_all_the_others() {
        for seed in 0..50 {
            let mut p = Pct::new(seed, 4, 12, racing());
            let mut running = p.decide(A, &[A, B], S);
            let mut switches = 0;
            for _ in 0..11 {
                let other = if running == A { B } else { A };
                let next = p.decide(running, &[running, other], S);
                switches += (next != running) as u32;
                running = next;
            }
            let cps = p.change_points.iter().filter(|&&c| c > 1).count() as u32;
            assert_eq!(
                switches + (p.change_points[0] == 1) as u32,
                3,
                "seed {seed}: {cps}"
            );
        }
    }
}
