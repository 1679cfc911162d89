//! The choices of one run under `gilvm explore` (see `src/explore.rs`): the deterministic
//! scheduler asks the [`Guide`] at every branch point who runs next, and the guide answers
//! from the prefix the search handed it (beyond it: the default choice), recording each
//! branch point and its alternatives so the search can try the others on later runs.
//!
//! Branch points are of two kinds, as in CHESS:
//! - a *preemption*: at a switch point, the running thread could go on; switching away
//!   costs one preemption of the run's bound. Offered only where the thread may touch
//!   shared state before its next switch point (a preemption anywhere else gives the same
//!   interleaving of shared accesses as one at that next point).
//! - a *forced* choice: the running thread blocked, slept or ended, so someone else must
//!   run; choosing among the runnable threads costs nothing.

use crate::threads::Handoff;
use crate::threads::ThreadId;
use crate::threads::dpor::DporRun;
use crate::threads::pct::{Pct, SiteKey};

/// Why a run ended early.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// Every live thread was blocked and none could wake (the report, with who waits for
    /// what and where).
    Deadlock(String),
    /// The run executed more instructions than the per-run budget.
    StepLimit(u64),
    /// A replayed schedule did not fit the program (the message says where).
    Mismatch(String),
    /// Partial-order reduction: every thread that could run sleeps (the schedules from here
    /// were all covered by others), so the run was cut.
    Redundant,
}

/// One branch point of a run. Kept small (a run of a long program has millions): the
/// alternatives are derived from who was running and the set of threads that could run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Branch {
    /// The thread that was running (preemptive) or that stopped (forced).
    pub current: ThreadId,
    /// The threads that could run next (for a preemption: the others).
    pub cands: Cands,
    /// Index into [`Branch::alts`] of the thread chosen.
    pub taken: u32,
    /// Choosing any but the first alternative preempts `current`.
    pub preemptive: bool,
}

/// A set of thread ids: a bit mask when every id is below 64 (the usual case), else a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cands {
    Mask(u64),
    List(Box<[ThreadId]>),
}

impl Cands {
    /// From ids in increasing order.
    pub fn new(ids: &[ThreadId]) -> Cands {
        if ids.iter().all(|t| t.get() < 64) {
            Cands::Mask(ids.iter().fold(0, |m, t| m | 1 << t.get()))
        } else {
            Cands::List(ids.into())
        }
    }

    /// The ids in increasing order.
    pub fn ids(&self) -> Vec<ThreadId> {
        match self {
            Cands::Mask(m) => (0..64)
                .filter(|t| m & (1 << t) != 0)
                .map(ThreadId)
                .collect(),
            Cands::List(l) => l.to_vec(),
        }
    }

    pub fn len(&self) -> usize {
        match self {
            Cands::Mask(m) => m.count_ones() as usize,
            Cands::List(l) => l.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

impl Branch {
    /// The choices, the default first: for a preemption, the running thread and then the
    /// others; for a forced choice, the candidates in the order `--switch-every` would take
    /// them (the first after `current` in id order, wrapping around).
    pub fn alts(&self) -> Vec<ThreadId> {
        let ids = self.cands.ids();
        let split = ids.partition_point(|u| *u <= self.current);
        let rotated = ids[split..].iter().chain(&ids[..split]).copied();
        if self.preemptive {
            std::iter::once(self.current).chain(rotated).collect()
        } else {
            rotated.collect()
        }
    }

    /// How many choices there are.
    pub fn width(&self) -> usize {
        self.cands.len() + self.preemptive as usize
    }
}

#[derive(Debug, Default)]
pub struct Guide {
    /// The alternative to take at each branch point, in order; past its end, the default.
    pub prefix: Vec<usize>,
    /// At most this many preemptions in a run.
    pub bound: u32,
    /// Instructions (all threads) a run may execute.
    pub max_steps: u64,
    // Filled in by the run:
    pub branches: Vec<Branch>,
    pub preemptions: u32,
    /// The run's hand-offs as a schedule that `--replay-schedule` follows: every forced
    /// choice (a replayed run consumes an entry at each) and every preemption.
    pub handoffs: Vec<Handoff>,
    /// Entries of `handoffs` that matter: up to the last choice that was not the default
    /// (a replayed schedule that runs out goes on with the defaults).
    pub needed: usize,
    /// The run did not follow its prefix: the program is not deterministic under the
    /// schedule (it read the clock, or the process environment changed).
    pub diverged: bool,
    /// Partial-order reduction (`dpor.rs`): the steps, their accesses and the decision
    /// points of this run. When present, it chooses in place of `prefix`, and every
    /// decision point counts, even one with a single choice.
    pub dpor: Option<DporRun>,
    /// Probabilistic concurrency testing (`pct.rs`): when present, it chooses in place of
    /// `prefix`, at the branch points with more than one choice (and `dpor`, when present
    /// too, only records the run's steps, from which PCT learns the sites that race).
    pub pct: Option<Pct>,
}

impl Guide {
    pub fn new(prefix: Vec<usize>, bound: u32, max_steps: u64) -> Guide {
        Guide {
            prefix,
            bound,
            max_steps,
            ..Guide::default()
        }
    }

    /// A guide for partial-order reduction: `run` chooses; no preemption bound.
    pub fn dpor(run: DporRun, max_steps: u64) -> Guide {
        Guide {
            bound: u32::MAX,
            max_steps,
            dpor: Some(run),
            ..Guide::default()
        }
    }

    /// A guide for one PCT run: `pct` chooses; no preemption bound. The run's steps and
    /// their accesses are recorded (`dpor`, with the access recorder as the observer).
    pub fn pct(pct: Pct, max_steps: u64) -> Guide {
        Guide {
            bound: u32::MAX,
            max_steps,
            pct: Some(pct),
            dpor: Some(DporRun::new(Vec::new(), Vec::new(), Vec::new())),
            ..Guide::default()
        }
    }

    /// Whether a preemption is still allowed in this run.
    pub fn may_preempt(&self) -> bool {
        self.preemptions < self.bound
    }

    /// Picks who runs at a branch point and records it: `current` was running (it may go
    /// on, when `preemptive`) or stopped; `cands` (increasing ids) are the others that could
    /// run. A single choice is no branch point.
    /// Under partial-order reduction, `None` means every choice sleeps: the run is cut.
    pub fn decide(
        &mut self,
        current: ThreadId,
        cands: &[ThreadId],
        preemptive: bool,
    ) -> Option<ThreadId> {
        self.decide_at(current, cands, preemptive, None)
    }

    /// [`Guide::decide`], `current` being at `site` (where it goes on from; PCT counts the
    /// decision points at the sites that raced).
    pub fn decide_at(
        &mut self,
        current: ThreadId,
        cands: &[ThreadId],
        preemptive: bool,
        site: Option<SiteKey>,
    ) -> Option<ThreadId> {
        let b = Branch {
            current,
            cands: Cands::new(cands),
            taken: 0,
            preemptive,
        };
        if let Some(pct) = &mut self.pct {
            let alts = b.alts();
            let next = if b.width() < 2 {
                alts[0]
            } else {
                pct.decide(current, &alts, site)
            };
            // PCT learns which sites race from the run's steps: the access recorder's
            // decision points are every one, a single choice too.
            if let Some(run) = &mut self.dpor {
                pct.note_step(current, site, next);
                run.record(current, alts, preemptive, next);
            }
            if preemptive && next != current {
                self.preemptions += 1;
            }
            return Some(next);
        }
        if let Some(run) = &mut self.dpor {
            let next = run.decide(current, b.alts(), preemptive)?;
            if preemptive && next != current {
                self.preemptions += 1;
            }
            return Some(next);
        }
        if b.width() < 2 {
            return Some(if preemptive { current } else { cands[0] });
        }
        let depth = self.branches.len();
        let mut taken = self.prefix.get(depth).copied().unwrap_or(0);
        if taken >= b.width() {
            self.diverged = true;
            taken = 0;
        }
        let alts = b.alts();
        let next = alts[taken];
        if preemptive && taken != 0 {
            self.preemptions += 1;
        }
        self.branches.push(Branch {
            taken: taken as u32,
            ..b
        });
        Some(next)
    }

    /// Records a hand-off for the schedule string; `chosen` when it was not the default.
    pub fn handoff(&mut self, h: Handoff, chosen: bool) {
        self.handoffs.push(h);
        if chosen {
            self.needed = self.handoffs.len();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn follows_the_prefix_then_defaults() {
        let mut g = Guide::new(vec![1, 0], 2, 1000);
        // Thread 1 runs; 2 and 3 could: the alternatives are 1 (go on), 2, 3.
        assert_eq!(
            g.decide(ThreadId(1), &[ThreadId(2), ThreadId(3)], true),
            Some(ThreadId(2))
        );
        assert_eq!(g.preemptions, 1);
        // Thread 3 blocked; 1 and 2 could run: 1 comes first after 3, wrapping around.
        assert_eq!(
            g.decide(ThreadId(3), &[ThreadId(1), ThreadId(2)], false),
            Some(ThreadId(1))
        );
        assert_eq!(
            g.decide(ThreadId(2), &[ThreadId(3)], true),
            Some(ThreadId(2)),
            "past the prefix: the default"
        );
        assert_eq!(
            g.decide(ThreadId(2), &[ThreadId(3)], false),
            Some(ThreadId(3)),
            "one choice is no branch point"
        );
        assert_eq!(g.branches.len(), 3);
        assert_eq!(g.branches[1].alts(), vec![ThreadId(1), ThreadId(2)]);
        assert!(!g.diverged);
    }

    #[test]
    fn forced_choices_start_after_the_stopped_thread() {
        let b = Branch {
            current: ThreadId(2),
            cands: Cands::new(&[ThreadId(1), ThreadId(3), ThreadId(4)]),
            taken: 0,
            preemptive: false,
        };
        assert_eq!(b.alts(), vec![ThreadId(3), ThreadId(4), ThreadId(1)]);
        let big = Cands::new(&[ThreadId(3), ThreadId(70)]);
        assert!(matches!(big, Cands::List(_)));
        assert_eq!(big.ids(), vec![ThreadId(3), ThreadId(70)]);
    }

    #[test]
    fn a_prefix_that_does_not_fit_is_noticed() {
        let mut g = Guide::new(vec![2], 2, 1000);
        assert_eq!(
            g.decide(ThreadId(2), &[ThreadId(1), ThreadId(2)], false),
            Some(ThreadId(1))
        );
        assert!(g.diverged);
    }
}
