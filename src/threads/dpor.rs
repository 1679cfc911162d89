//! Dynamic partial-order reduction for `gilvm explore`: source-set DPOR with sleep sets
//! (Abdulla, Aronis, Jonsson and Sagonas, "Optimal Dynamic Partial Order Reduction", POPL
//! 2014, Algorithm 1), over gilvm's own steps.
//!
//! A *step* is what one thread runs between two decision points of a run: under
//! `--switch-points cpython` the instructions from one switch point to the next one after
//! which the thread may touch shared state (or to a blocking call, or the thread's end);
//! under `every` (and free-threaded) one such instruction. While a step runs, the tool's
//! observer reports what each instruction reads and writes ([`Access`]): a global, module or
//! attribute name, a container, a cell, a lock, or — for anything it cannot see into (a
//! native call it does not know, the clock, output) — [`ANY`], which conflicts with
//! everything. Two steps of different threads *conflict* when they access the same key and
//! one of them writes. A lock a step takes and releases as often, by nothing else, the step
//! only reads ([`LockOp`]). Objects are numbered in the order a run meets them, and the run
//! keeps each numbered object's allocation ([`Kept`]) so that a number is one object.
//!
//! After each run, [`analyze`] computes happens-before with vector clocks (program order,
//! spawn, and the order of conflicting accesses: a lock hand-off or a join is a conflict on
//! the lock) and finds every race: two conflicting steps of different threads not ordered
//! through anything else. For each race it makes sure the search will also run a schedule
//! that starts, at the first step's decision point, with a thread that can begin the
//! reversed order (a *source set*: one initial of `notdep(e).e'` is enough). Sleep sets
//! stop the search from running again, through another first step, a schedule it already
//! covered: a thread explored at a decision point sleeps in the siblings explored after it
//! until a step that conflicts with its own wakes it; a run in which every enabled thread
//! sleeps is redundant and is cut ([`DporRun::sleep_blocked`]).
//!
//! Why it is sound here: steps that do not conflict commute — each reads and writes only
//! keys the other does not write — so every schedule is equivalent (same outcome) to one
//! the search runs; the recorded accesses over-approximate what an instruction touches
//! (unknown means [`ANY`]). For the argument in full, see the README ("Why the reduction is
//! sound").

use std::sync::Arc;

use crate::threads::ThreadId;

/// The key that conflicts with every other (it stands for "anything").
pub const ANY: u64 = u64::MAX;

/// One access of a step: a key (an object's address, a hashed name, or [`ANY`]) and
/// whether it writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Access {
    pub key: u64,
    pub write: bool,
}

impl Access {
    pub fn read(key: u64) -> Access {
        Access { key, write: false }
    }
    pub fn write(key: u64) -> Access {
        Access { key, write: true }
    }
    /// Anything: conflicts with every access.
    pub fn any() -> Access {
        Access::write(ANY)
    }
    /// The key of a name (a global, an attribute, a module or class member): names are
    /// keyed without the namespace that holds them, so `obj.x`, a module's `x` and global
    /// `x` share a key (more conflicts than there are, never fewer).
    pub fn name_key(name: &str) -> u64 {
        Access::name_key_bytes(name.as_bytes(), &[])
    }

    /// A key like [`Access::name_key`]'s, of the bytes of `a` then `b`.
    pub fn name_key_bytes(a: &[u8], b: &[u8]) -> u64 {
        // FNV-1a; the top bit set keeps it apart from objects (below 2^63).
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in a.iter().chain(b) {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        (h | (1 << 63)) & !1
    }

    /// The key of the object at `addr` (below 2^48), or of its member named `name` (a
    /// [`Access::name_key`]; 0 for the object itself), as the observer sees it. The run
    /// replaces the address with the object's number ([`DporRun::access`]): addresses differ
    /// from run to run, numbers given in the same order do not.
    pub fn object_key(addr: u64, name: u64) -> u64 {
        let member = if name == 0 {
            0
        } else {
            ((name >> 3) & 0x3fff) | 1
        };
        (addr & ADDR_MASK) | (member << 48)
    }

    fn is_object(&self) -> bool {
        self.key >> 63 == 0
    }
}

const ADDR_MASK: u64 = (1 << 48) - 1;

/// What keeps a numbered object's address from being reused while a run numbers it: a
/// `Weak` of the object, which keeps the allocation, not the value (the object is dropped,
/// and its `__del__` runs, when it would have been).
pub type Kept = Box<dyn std::any::Any + Send>;

/// An object the observer keys by its address: it can give a [`Kept`] of itself.
pub trait Downgrade {
    fn keep(&self) -> Kept;
}

impl<T: Send + Sync + 'static> Downgrade for Arc<T> {
    fn keep(&self) -> Kept {
        Box::new(Arc::downgrade(self))
    }
}

/// What an access of a lock does to it: within one step, a lock acquired by blocking
/// acquires and released as many times, by nothing else, was free before the step and is
/// free after it; the step only read it ([`DporRun::finish_step`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LockOp {
    /// `acquire()` with no timeout, `__enter__`, `with`: the step holds the lock past it.
    Acquire,
    /// `release()`, `__exit__`.
    Release,
    /// Anything else (`acquire(False)`, which may fail; `locked()`).
    Other,
}

/// A hasher for the search's own `u64` keys (addresses, hashed names), which need no
/// protection from chosen collisions: one multiply (FxHash's), where SipHash showed in
/// the profile of every run.
#[derive(Default, Clone, Copy)]
pub struct KeyHasher(u64);

impl std::hash::Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        // A product's low bits depend only on the key's low bits (an address's are
        // zero, by alignment); hashbrown picks buckets by the low bits: rotate the high,
        // well-mixed bits there.
        self.0.rotate_left(26)
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_u64(b as u64);
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = (self.0.rotate_left(5) ^ n).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

type KeyMap<V> = std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<KeyHasher>>;

/// Whether `old`, an access recorded in an earlier run whose objects numbered below
/// `stable` are this run's too, may conflict with `new`, of this run. Numbers below
/// `stable` name the same objects in both runs; a number from `stable` on names an object
/// neither run had numbered by then, so it is none of those (a run never gives an object
/// two numbers nor two objects one: it keeps each numbered object's allocation), but two
/// such numbers of the two runs may name one object: they count as the same.
fn conflict_across(old: &Access, stable: u64, new: &Access) -> bool {
    if !(old.write || new.write) {
        return false;
    }
    if old.key == ANY || new.key == ANY {
        return true;
    }
    match (old.is_object(), new.is_object()) {
        (true, true) => {
            let (a, b) = (old.key >> 24, new.key >> 24);
            let member = |k: u64| k & ((1 << 24) - 1);
            match (a < stable, b < stable) {
                (true, true) => old.key == new.key,
                (false, false) => member(old.key) == member(new.key),
                _ => false,
            }
        }
        (false, false) => old.key == new.key,
        _ => false,
    }
}

/// A step's accesses, once per key (a write wins over a read), in the order first made.
/// Past [`AccessSet::SCAN`] keys a hash index finds a key: the main thread's first steps,
/// through `import threading`, gather hundreds, and a search of the list for every access
/// cost a tenth of a run.
#[derive(Debug, Default)]
struct AccessSet {
    list: Vec<Access>,
    /// Each key's place in `list`, kept once `list` is longer than `SCAN`.
    index: KeyMap<usize>,
}

impl AccessSet {
    const SCAN: usize = 16;

    /// A set that starts as `list`, as it is (a key twice stays twice; a later access
    /// updates its first place, as a linear search finds it).
    fn from_list(list: Vec<Access>) -> AccessSet {
        let mut s = AccessSet {
            list,
            index: KeyMap::default(),
        };
        s.reindex();
        s
    }

    fn reindex(&mut self) {
        self.index.clear();
        if self.list.len() > Self::SCAN {
            for (i, b) in self.list.iter().enumerate() {
                self.index.entry(b.key).or_insert(i);
            }
        }
    }

    /// Adds `more` (the same list a linear merge would give).
    fn merge(&mut self, more: &[Access]) {
        for a in more {
            if self.list.len() <= Self::SCAN {
                match self.list.iter_mut().find(|b| b.key == a.key) {
                    Some(b) => b.write |= a.write,
                    None => {
                        self.list.push(*a);
                        if self.list.len() > Self::SCAN {
                            self.reindex();
                        }
                    }
                }
                continue;
            }
            match self.index.entry(a.key) {
                std::collections::hash_map::Entry::Occupied(e) => {
                    self.list[*e.get()].write |= a.write;
                }
                std::collections::hash_map::Entry::Vacant(e) => {
                    e.insert(self.list.len());
                    self.list.push(*a);
                }
            }
        }
    }

    /// The accesses, leaving the set empty.
    fn take(&mut self) -> Vec<Access> {
        self.index.clear();
        std::mem::take(&mut self.list)
    }
}

/// A thread, the accesses of the step it takes at a decision point, and how many objects
/// the run had numbered there (those keep their numbers in every run through that point).
pub type Sleeper = (ThreadId, Vec<Access>, u64);

/// One decision point of a run.
#[derive(Debug, Clone)]
pub struct Node {
    /// The threads that could run, the default first.
    pub enabled: Vec<ThreadId>,
    pub chosen: ThreadId,
    /// The sleep set here (only for decision points past the run's prefix).
    pub sleep: Vec<Sleeper>,
    /// Objects numbered when the run got here.
    pub numbered: u64,
}

/// One step of a run.
#[derive(Debug, Clone)]
pub struct Step {
    pub thread: ThreadId,
    /// The decision point it started at (`None`: the main thread's first step).
    pub node: Option<usize>,
    pub accesses: Vec<Access>,
}

/// What one run records for the search (a field of the run's guide).
#[derive(Debug, Default)]
pub struct DporRun {
    /// The thread to run at each decision point, in order; past its end, the first enabled
    /// thread that does not sleep.
    pub prefix: Vec<ThreadId>,
    /// The sleep set at the last decision point of the prefix.
    pub branch_sleep: Vec<Sleeper>,
    /// After the prefix, the threads to run next, step by step, while they can (the rest of
    /// the race's reversal, as optimal DPOR's wakeup sequences); then the defaults.
    pub hints: Vec<ThreadId>,
    pub nodes: Vec<Node>,
    pub steps: Vec<Step>,
    /// Each spawned thread and the step (index into `steps`) that spawned it.
    pub spawns: Vec<(ThreadId, usize)>,
    /// Every enabled thread slept at a decision point: the run was cut (redundant).
    pub sleep_blocked: bool,
    /// A prefix entry could not be followed.
    pub diverged: bool,
    cur: AccessSet,
    cur_thread: ThreadId,
    cur_node: Option<usize>,
    /// The accesses of the instruction each thread was running when it stopped (a blocked
    /// call retries them when the thread runs again).
    last_instr: Vec<Access>,
    resume: Vec<(ThreadId, Vec<Access>)>,
    /// Each object's number, by address, in the order the run first accessed them.
    objects: KeyMap<u64>,
    /// A `Weak` of each numbered object, so that no other object takes its address (and
    /// its number) before the run ends.
    kept: Vec<Kept>,
    /// The locks the current step acquired or released: each key, the acquires less the
    /// releases, and whether the step only read it so far (blocking acquires, then as many
    /// releases, and nothing else).
    cur_locks: Vec<(u64, i32, bool)>,
}

impl DporRun {
    pub fn new(prefix: Vec<ThreadId>, branch_sleep: Vec<Sleeper>, hints: Vec<ThreadId>) -> DporRun {
        DporRun {
            prefix,
            branch_sleep,
            hints,
            cur_thread: ThreadId::MAIN,
            // A small program's runs number a few hundred objects.
            objects: KeyMap::with_capacity_and_hasher(512, Default::default()),
            ..DporRun::default()
        }
    }

    /// The running thread's instruction accesses `accs`; `objs[i]` is the object of
    /// `accs[i]` when it is an object's key (one without is anything), and `locks[i]` what
    /// it does to it when it is a lock.
    pub fn access(
        &mut self,
        accs: &[Access],
        objs: &[Option<&dyn Downgrade>],
        locks: &[Option<LockOp>],
    ) {
        self.last_instr.clear();
        for (i, a) in accs.iter().enumerate() {
            let mut a = *a;
            if a.is_object() && a.key != ANY {
                let next = self.objects.len() as u64;
                let n = match self.objects.entry(a.key & ADDR_MASK) {
                    std::collections::hash_map::Entry::Occupied(e) => Some(*e.get()),
                    std::collections::hash_map::Entry::Vacant(e) => {
                        objs.get(i).copied().flatten().map(|o| {
                            self.kept.push(o.keep());
                            *e.insert(next)
                        })
                    }
                };
                a = match n {
                    Some(n) => Access {
                        key: (n << 24) | (a.key >> 48),
                        write: a.write,
                    },
                    None => Access::any(),
                };
            }
            let op = locks.get(i).copied().flatten();
            if op.is_some() || !self.cur_locks.is_empty() {
                self.note_lock(a.key, op);
            }
            self.last_instr.push(a);
        }
        self.cur.merge(&self.last_instr);
    }

    /// Notes an access of `key` by the current step: `op` when it is a lock's.
    fn note_lock(&mut self, key: u64, op: Option<LockOp>) {
        let at = self.cur_locks.iter().position(|(k, _, _)| *k == key);
        let Some(op) = op else {
            if let Some(i) = at {
                self.cur_locks[i].2 = false;
            }
            return;
        };
        let i = at.unwrap_or_else(|| {
            self.cur_locks.push((key, 0, op == LockOp::Acquire));
            self.cur_locks.len() - 1
        });
        let e = &mut self.cur_locks[i];
        match op {
            LockOp::Acquire => e.1 += 1,
            LockOp::Release => e.1 -= 1,
            LockOp::Other => e.2 = false,
        }
        if e.1 < 0 {
            e.2 = false;
        }
    }

    /// How many objects the run has numbered so far.
    pub fn numbered(&self) -> u64 {
        self.objects.len() as u64
    }

    /// The running thread started thread `t`.
    pub fn spawned(&mut self, t: ThreadId) {
        self.spawns.push((t, self.steps.len()));
    }

    /// Ends the step in progress (at a decision point, or when the run ends).
    pub fn finish_step(&mut self) {
        let mut accesses = self.cur.take();
        // A lock the step acquired (not failing: it went on) and released as often, with
        // nothing else, was free before the step and after it, and no other thread ran
        // in between: the step read it. Such steps commute with each other; one that holds
        // the lock past its end, or releases it, writes it and conflicts with them.
        for (key, balance, read) in self.cur_locks.drain(..) {
            if read && balance == 0 {
                for a in accesses.iter_mut().filter(|a| a.key == key) {
                    a.write = false;
                }
            }
        }
        self.steps.push(Step {
            thread: self.cur_thread,
            node: self.cur_node,
            accesses,
        });
    }

    /// A decision point: `current` was running (and may go on, when `preemptive`);
    /// `alts` are the choices, the default first. Returns who runs next, or `None` when every
    /// choice sleeps (the run is redundant).
    pub fn decide(
        &mut self,
        current: ThreadId,
        alts: Vec<ThreadId>,
        preemptive: bool,
    ) -> Option<ThreadId> {
        self.stop_step(current, preemptive);
        let k = self.nodes.len();
        let sleep = if k + 1 == self.prefix.len() {
            std::mem::take(&mut self.branch_sleep)
        } else if k + 1 > self.prefix.len() && k > 0 {
            let last = self
                .steps
                .last()
                .map(|s| s.accesses.as_slice())
                .unwrap_or(&[]);
            // The sleep set of the decision point before, less the threads the step
            // since woke.
            self.nodes[k - 1]
                .sleep
                .iter()
                .filter(|(_, a, stable)| {
                    !a.iter()
                        .any(|x| last.iter().any(|y| conflict_across(x, *stable, y)))
                })
                .cloned()
                .collect()
        } else {
            Vec::new()
        };
        let next = match self.prefix.get(k) {
            Some(p) if alts.contains(p) => *p,
            Some(_) => {
                self.diverged = true;
                alts[0]
            }
            None => {
                let awake = |t: &ThreadId| sleep.iter().all(|(s, _, _)| s != t);
                let hint = (k + 1 - self.prefix.len() <= self.hints.len())
                    .then(|| self.hints.get(k - self.prefix.len()).copied())
                    .flatten()
                    .filter(|h| alts.contains(h) && awake(h));
                if hint.is_none() {
                    self.hints.clear();
                }
                match hint.or_else(|| alts.iter().copied().find(awake)) {
                    Some(t) => t,
                    None => {
                        self.sleep_blocked = true;
                        return None;
                    }
                }
            }
        };
        self.start_step(alts, next, sleep);
        Some(next)
    }

    /// A decision point where another chose (PCT, which learns from the run's races):
    /// records it as [`DporRun::decide`] would have, `next` running.
    pub fn record(
        &mut self,
        current: ThreadId,
        alts: Vec<ThreadId>,
        preemptive: bool,
        next: ThreadId,
    ) {
        self.stop_step(current, preemptive);
        self.start_step(alts, next, Vec::new());
    }

    /// Ends the step of `current` at a decision point.
    fn stop_step(&mut self, current: ThreadId, preemptive: bool) {
        self.finish_step();
        if !preemptive {
            // Blocked, asleep or ended: a blocked call runs again when the thread resumes.
            let last = self.last_instr.clone();
            self.resume.retain(|(t, _)| *t != current);
            self.resume.push((current, last));
        }
    }

    /// Starts the step of `next` at a new decision point.
    fn start_step(&mut self, alts: Vec<ThreadId>, next: ThreadId, sleep: Vec<Sleeper>) {
        let k = self.nodes.len();
        self.nodes.push(Node {
            enabled: alts,
            chosen: next,
            sleep,
            numbered: self.numbered(),
        });
        self.cur_thread = next;
        self.cur_node = Some(k);
        // `finish_step` above emptied `cur`; a blocked call's accesses start it again.
        if let Some(i) = self.resume.iter().position(|(t, _)| *t == next) {
            let resumed = self.resume.swap_remove(i).1;
            // A retried acquire holds its lock from before the step's first access.
            for a in &resumed {
                self.cur_locks.push((a.key, 0, false));
            }
            self.cur = AccessSet::from_list(resumed);
        }
    }
}

/// A decision point on the search's current path.
#[derive(Debug, Clone)]
pub struct TreeNode {
    pub enabled: Vec<ThreadId>,
    pub chosen: ThreadId,
    /// The accesses of the step `chosen` takes here.
    pub chosen_acc: Vec<Access>,
    /// Threads to run here (`chosen` among them), each with the steps to try after it.
    pub backtrack: Vec<(ThreadId, Vec<ThreadId>)>,
    /// The steps to try after `chosen`.
    pub hints: Vec<ThreadId>,
    /// Threads already run here, with their steps.
    pub done: Vec<Sleeper>,
    /// The sleep set on arrival.
    pub sleep: Vec<Sleeper>,
    /// Objects numbered on arrival.
    pub numbered: u64,
}

impl TreeNode {
    fn covers(&self, t: ThreadId) -> bool {
        self.backtrack.iter().any(|(u, _)| *u == t)
            || self.done.iter().any(|(u, _, _)| *u == t)
            || self.sleep.iter().any(|(u, _, _)| *u == t)
    }
}

/// The search's state between runs: the current path of decision points.
#[derive(Debug, Default)]
pub struct Tree {
    pub path: Vec<TreeNode>,
}

impl Tree {
    /// The prefix and branch sleep set for the next run.
    pub fn next_run(&self) -> DporRun {
        let prefix = self.path.iter().map(|n| n.chosen).collect();
        let (sleep, hints) = match self.path.last() {
            Some(n) => (
                n.sleep.iter().chain(&n.done).cloned().collect(),
                n.hints.clone(),
            ),
            None => (Vec::new(), Vec::new()),
        };
        DporRun::new(prefix, sleep, hints)
    }

    /// Takes in a finished run: extends the path with its new decision points and adds the
    /// backtracking its races call for.
    pub fn record(&mut self, mut run: DporRun) {
        let known = self.path.len();
        for node in run.nodes.drain(..).skip(known) {
            self.path.push(TreeNode {
                enabled: node.enabled,
                chosen: node.chosen,
                chosen_acc: Vec::new(),
                backtrack: vec![(node.chosen, Vec::new())],
                hints: Vec::new(),
                done: Vec::new(),
                sleep: node.sleep,
                numbered: node.numbered,
            });
        }
        // The reversals read neither the nodes' nor the steps' accesses once the races are
        // found: the steps' accesses then move into the path.
        let (clocks, races) = clocks_and_races(&run);
        for (i, j) in races {
            self.reverse(&run, &clocks, i, j);
        }
        for s in &mut run.steps {
            if let Some(k) = s.node
                && let Some(n) = self.path.get_mut(k)
            {
                n.chosen_acc = std::mem::take(&mut s.accesses);
            }
        }
    }

    /// Race `i` ⋖ `j`: makes sure some initial of `notdep(i).j` is run at `i`'s decision
    /// point.
    fn reverse(&mut self, run: &DporRun, clocks: &Clocks, i: usize, j: usize) {
        let Some(k) = run.steps[i].node else {
            return;
        };
        let Some(node) = self.path.get(k) else {
            return;
        };
        let (initials, v) = initials(run, clocks, i, j);
        if initials.iter().any(|t| node.covers(*t)) {
            return;
        }
        // `v`'s first step is one of its initials: run it first, then the rest of `v`.
        let seq: Vec<ThreadId> = v.iter().map(|&x| run.steps[x].thread).collect();
        let node = &mut self.path[k];
        match seq.first() {
            Some(&t) if node.enabled.contains(&t) => node.backtrack.push((t, seq[1..].to_vec())),
            // It cannot run there (blocked): every thread that can.
            _ => {
                for t in node.enabled.clone() {
                    if !node.backtrack.iter().any(|(u, _)| *u == t) {
                        node.backtrack.push((t, Vec::new()));
                    }
                }
            }
        }
    }

    /// Moves to the next branch: the deepest decision point with a thread left to run.
    /// False when there is none (the search is complete).
    pub fn advance(&mut self) -> bool {
        while let Some(n) = self.path.last_mut() {
            let next = n.backtrack.iter().find(|(t, _)| {
                *t != n.chosen
                    && !n.done.iter().any(|(u, _, _)| u == t)
                    && !n.sleep.iter().any(|(u, _, _)| u == t)
            });
            if let Some((t, hints)) = next.cloned() {
                let acc = std::mem::take(&mut n.chosen_acc);
                n.done.push((n.chosen, acc, n.numbered));
                n.chosen = t;
                n.hints = hints;
                return true;
            }
            self.path.pop();
        }
        false
    }
}

/// Happens-before of a run's steps: each step's vector clock (one row of `width` entries
/// in `vc`, a column per thread id) and its index in its thread.
struct Clocks {
    vc: Vec<u32>,
    width: usize,
    local: Vec<u32>,
}

impl Clocks {
    /// Step `s`'s vector clock.
    fn row(&self, s: usize) -> &[u32] {
        &self.vc[s * self.width..(s + 1) * self.width]
    }

    /// Whether step `a` happens before step `b` (`a` < `b`).
    fn hb(&self, run: &DporRun, a: usize, b: usize) -> bool {
        let t = run.steps[a].thread.get() as usize;
        self.row(b)[t] >= self.local[a]
    }
}

/// Per key: the last write and the reads since, one per thread (step indices), as of
/// the last `ANY` numbered `epoch` (a state of an earlier epoch is empty: `ANY` forgets
/// every key without visiting them).
#[derive(Default, Clone)]
struct KeyState {
    epoch: u32,
    write: Option<usize>,
    reads: Vec<usize>,
}

/// The per-key state of [`clocks_and_races`]: each key's, the last `ANY` and how many
/// there were.
#[derive(Default)]
struct Known {
    keys: KeyMap<KeyState>,
    epoch: u32,
    last_any: Option<usize>,
}

impl Known {
    /// Key `key`'s state, if it has one since the last `ANY`.
    fn get(&self, key: u64) -> Option<&KeyState> {
        self.keys.get(&key).filter(|k| k.epoch == self.epoch)
    }

    /// Key `key`'s state, emptied first if it is older than the last `ANY`.
    fn entry(&mut self, key: u64) -> &mut KeyState {
        let epoch = self.epoch;
        let k = self.keys.entry(key).or_default();
        if k.epoch != epoch {
            k.epoch = epoch;
            k.write = None;
            k.reads.clear();
        }
        k
    }
}

/// Vector clocks of every step, and every race (pairs of step indices).
fn clocks_and_races(run: &DporRun) -> (Clocks, Vec<(usize, usize)>) {
    let n = run.steps.len();
    let width = run
        .steps
        .iter()
        .map(|s| s.thread.get() as usize + 1)
        .max()
        .unwrap_or(0);
    let mut clocks = Clocks {
        vc: Vec::with_capacity(n * width),
        width,
        local: Vec::with_capacity(n),
    };
    let mut races = Vec::new();
    let mut last_of: Vec<Option<usize>> = vec![None; width];
    let mut count: Vec<u32> = vec![0; width];
    let mut known = Known {
        keys: KeyMap::with_capacity_and_hasher(256, Default::default()),
        ..Known::default()
    };
    // Each thread's last step with an access since the last `ANY`.
    let mut since_any: Vec<Option<usize>> = vec![None; width];
    // Reused from step to step.
    let mut cands: Vec<usize> = Vec::new();
    for (s, step) in run.steps.iter().enumerate() {
        let t = step.thread.get() as usize;
        // Its thread's previous step, or the step that spawned the thread.
        let before = last_of[t].or_else(|| spawner(run, s));
        conflicting_steps(step, &known, &since_any, &mut cands);
        latest_of_each_thread(run, &mut cands);
        let hb = |a, b| clocks.hb(run, a, b);
        immediate_races(run, s, &cands, before, hb, &mut races);
        // The new row: the join of the predecessors' rows, then its own entry.
        clocks.vc.resize((s + 1) * width, 0);
        let (head, row) = clocks.vc.split_at_mut(s * width);
        for &k in before.iter().chain(cands.iter()) {
            for (a, b) in row.iter_mut().zip(&head[k * width..(k + 1) * width]) {
                *a = (*a).max(*b);
            }
        }
        count[t] += 1;
        row[t] = count[t];
        clocks.local.push(count[t]);
        last_of[t] = Some(s);
        note_accesses(run, s, &mut known);
        if step.accesses.iter().any(|a| a.key == ANY) {
            since_any.iter_mut().for_each(|x| *x = None);
        }
        if !step.accesses.is_empty() {
            since_any[t] = Some(s);
        }
    }
    (clocks, races)
}

/// Keeps, of the sorted steps `cands`, the last of each thread (still sorted). The races
/// and the clock a step gets from its conflicting steps depend only on these: an earlier
/// step of a thread happens before its last one, so it races with nothing that the last
/// does not also order after it, and its clock is below the last one's.
fn latest_of_each_thread(run: &DporRun, cands: &mut Vec<usize>) {
    if cands.len() < 2 {
        return;
    }
    let mut seen: u64 = 0;
    let mut big: Vec<ThreadId> = Vec::new();
    let mut keep = vec![false; cands.len()];
    for (x, &c) in cands.iter().enumerate().rev() {
        let t = run.steps[c].thread;
        let first = if t.get() < 64 {
            let bit = 1u64 << t.get();
            let new = seen & bit == 0;
            seen |= bit;
            new
        } else if big.contains(&t) {
            false
        } else {
            big.push(t);
            true
        };
        keep[x] = first;
    }
    let mut keep = keep.into_iter();
    cands.retain(|_| keep.next().unwrap_or(false));
}

/// The earlier step that spawned step `s`'s thread, if one did.
fn spawner(run: &DporRun, s: usize) -> Option<usize> {
    let thread = run.steps[s].thread;
    run.spawns
        .iter()
        .find(|(c, _)| *c == thread)
        .map(|(_, parent)| *parent)
        .filter(|&p| p < s)
}

/// The earlier steps `step`'s accesses conflict with, by the per-key state before it
/// (sorted, once each, into `cands`): for each key its last write (or the last `ANY`, the
/// later of the two) and, for a write, the reads since; for `ANY`, the last `ANY` and each
/// thread's last step with an access since (`since_any`). Every key's last write and reads
/// since, which `ANY` conflicts with, happen before or are one of those: a step's access is
/// in the key's state until a later read of its thread (after it in program order) or a
/// later write (which conflicts with it) replaces it. So the steps that are last of their
/// thread, which alone decide the races and the clock, are the same.
fn conflicting_steps(
    step: &Step,
    known: &Known,
    since_any: &[Option<usize>],
    cands: &mut Vec<usize>,
) {
    let last_any = known.last_any;
    cands.clear();
    for a in &step.accesses {
        if a.key == ANY {
            cands.extend(last_any);
            cands.extend(since_any.iter().flatten());
        } else {
            let k = known.get(a.key);
            let w = match (k.and_then(|k| k.write), last_any) {
                (Some(x), Some(y)) => Some(x.max(y)),
                (x, y) => x.or(y),
            };
            cands.extend(w);
            if a.write
                && let Some(k) = k
            {
                cands.extend(&k.reads);
            }
        }
    }
    cands.sort_unstable();
    cands.dedup();
}

/// The races of step `s` with its conflicting earlier steps `cands`, into `races`. The
/// step's direct predecessors are `before` (its thread's previous step, or its parent's
/// spawning step) and the conflicting steps; a race with `i` (of another thread) is
/// immediate when `i` happens before (`hb(a, b)`: `a` before `b`) none of the others.
fn immediate_races(
    run: &DporRun,
    s: usize,
    cands: &[usize],
    before: Option<usize>,
    hb: impl Fn(usize, usize) -> bool,
    races: &mut Vec<(usize, usize)>,
) {
    let thread = run.steps[s].thread;
    for &i in cands {
        // Its thread's step, or the step that spawned its thread: ordered.
        if run.steps[i].thread == thread || Some(i) == before {
            continue;
        }
        let through_other = cands.iter().chain(&before).any(|&k| k != i && hb(i, k));
        if !through_other {
            races.push((i, s));
        }
    }
}

/// Step `s`'s accesses into the per-key state: a write replaces the key's state, a read
/// replaces its thread's earlier read, and `ANY` forgets every key.
fn note_accesses(run: &DporRun, s: usize, known: &mut Known) {
    let step = &run.steps[s];
    for a in &step.accesses {
        if a.key == ANY {
            known.epoch += 1;
            known.last_any = Some(s);
        } else if a.write {
            let k = known.entry(a.key);
            k.write = Some(s);
            k.reads.clear();
        } else {
            let k = known.entry(a.key);
            k.reads.retain(|&r| run.steps[r].thread != step.thread);
            k.reads.push(s);
        }
    }
}

/// Every race of a run: pairs of conflicting steps of different threads that nothing else
/// orders (the immediate races).
pub fn races(run: &DporRun) -> Vec<(usize, usize)> {
    clocks_and_races(run).1
}

/// The threads that can start `notdep(i).j`: the steps after `i` that `i` does not happen
/// before, then `j`; a thread is an initial when its first step there has no predecessor
/// there.
fn initials(run: &DporRun, clocks: &Clocks, i: usize, j: usize) -> (Vec<ThreadId>, Vec<usize>) {
    let v: Vec<usize> = (i + 1..j)
        .filter(|&k| !clocks.hb(run, i, k))
        .chain(std::iter::once(j))
        .collect();
    let mut seen: Vec<ThreadId> = Vec::new();
    let mut out = Vec::new();
    for (x, &k) in v.iter().enumerate() {
        let t = run.steps[k].thread;
        if seen.contains(&t) {
            continue;
        }
        seen.push(t);
        if !v[..x].iter().any(|&e| clocks.hb(run, e, k)) {
            out.push(t);
        }
    }
    (out, v)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The happens-before and races of the implementation before vector clocks were kept in
    // one flat array, kept to check the new one against.
    /// Happens-before of a run's steps: each step's vector clock and its index in its thread.
    struct OldClocks {
        vc: Vec<Vec<u32>>,
        local: Vec<u32>,
    }

    impl OldClocks {
        /// Whether step `a` happens before step `b` (`a` < `b`).
        fn hb(&self, run: &DporRun, a: usize, b: usize) -> bool {
            let t = run.steps[a].thread.get() as usize;
            self.vc[b].get(t).is_some_and(|&c| c >= self.local[a])
        }
    }

    fn old_join(into: &mut Vec<u32>, from: &[u32]) {
        if into.len() < from.len() {
            into.resize(from.len(), 0);
        }
        for (a, b) in into.iter_mut().zip(from) {
            *a = (*a).max(*b);
        }
    }

    /// Per key: the last write and the reads since, one per thread (step indices).
    #[derive(Default, Clone)]
    struct OldKeyState {
        write: Option<usize>,
        reads: Vec<usize>,
    }

    /// Step `s`'s accesses into the per-key state: a write replaces the key's state, a read
    /// replaces its thread's earlier read, and `ANY` forgets every key.
    fn old_note_accesses(
        run: &DporRun,
        s: usize,
        keys: &mut KeyMap<OldKeyState>,
        last_any: &mut Option<usize>,
    ) {
        let step = &run.steps[s];
        for a in &step.accesses {
            if a.key == ANY {
                keys.clear();
                *last_any = Some(s);
            } else if a.write {
                keys.insert(
                    a.key,
                    OldKeyState {
                        write: Some(s),
                        reads: Vec::new(),
                    },
                );
            } else {
                let k = keys.entry(a.key).or_default();
                k.reads.retain(|&r| run.steps[r].thread != step.thread);
                k.reads.push(s);
            }
        }
    }

    /// The conflicting steps before each thread's last were kept, and `ANY` took every
    /// key's.
    fn old_conflicting_steps(
        step: &Step,
        keys: &KeyMap<OldKeyState>,
        last_any: Option<usize>,
        cands: &mut Vec<usize>,
    ) {
        cands.clear();
        for a in &step.accesses {
            if a.key == ANY {
                cands.extend(last_any);
                for k in keys.values() {
                    cands.extend(k.write);
                    cands.extend(&k.reads);
                }
            } else {
                let k = keys.get(&a.key);
                let w = match (k.and_then(|k| k.write), last_any) {
                    (Some(x), Some(y)) => Some(x.max(y)),
                    (x, y) => x.or(y),
                };
                cands.extend(w);
                if a.write
                    && let Some(k) = k
                {
                    cands.extend(&k.reads);
                }
            }
        }
        cands.sort_unstable();
        cands.dedup();
    }

    /// Vector clocks of every step, and every race (pairs of step indices).
    fn old_clocks_and_races(run: &DporRun) -> (OldClocks, Vec<(usize, usize)>) {
        let n = run.steps.len();
        let mut clocks = OldClocks {
            vc: Vec::with_capacity(n),
            local: Vec::with_capacity(n),
        };
        let mut races = Vec::new();
        let mut last_of: Vec<Option<usize>> = Vec::new();
        let mut count: Vec<u32> = Vec::new();
        let mut keys: KeyMap<OldKeyState> = Default::default();
        let mut last_any: Option<usize> = None;
        for (s, step) in run.steps.iter().enumerate() {
            let t = step.thread.get() as usize;
            if last_of.len() <= t {
                last_of.resize(t + 1, None);
                count.resize(t + 1, 0);
            }
            let before = last_of[t].or_else(|| spawner(run, s));
            let mut base: Vec<u32> = before.map(|p| clocks.vc[p].clone()).unwrap_or_default();
            let mut cands: Vec<usize> = Vec::new();
            old_conflicting_steps(step, &keys, last_any, &mut cands);
            let hb = |a, b| clocks.hb(run, a, b);
            immediate_races(run, s, &cands, before, hb, &mut races);
            for &i in &cands {
                let (head, _) = clocks.vc.split_at(s);
                old_join(&mut base, &head[i]);
            }
            count[t] += 1;
            if base.len() <= t {
                base.resize(t + 1, 0);
            }
            base[t] = count[t];
            clocks.vc.push(base);
            clocks.local.push(count[t]);
            last_of[t] = Some(s);
            old_note_accesses(run, s, &mut keys, &mut last_any);
        }
        (clocks, races)
    }

    /// Random runs: threads spawned by earlier steps, steps with random accesses (some
    /// `ANY`); the flat clocks give the same races and the same happens-before.
    #[test]
    fn flat_clocks_agree_with_the_reference() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut rand = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        for _ in 0..300 {
            let mut run = DporRun::default();
            let mut threads = vec![ThreadId::MAIN];
            let steps = 1 + rand(60) as usize;
            for s in 0..steps {
                let t = threads[rand(threads.len() as u64) as usize];
                if threads.len() < 5 && rand(8) == 0 {
                    let child = ThreadId(threads.len() as u64 + 1);
                    run.spawns.push((child, s));
                    threads.push(child);
                }
                let accesses = (0..rand(4))
                    .map(|_| Access {
                        key: if rand(15) == 0 { ANY } else { rand(6) },
                        write: rand(2) == 0,
                    })
                    .collect();
                run.steps.push(Step {
                    thread: t,
                    node: Some(s),
                    accesses,
                });
            }
            let (new, races) = clocks_and_races(&run);
            let (old, old_races) = old_clocks_and_races(&run);
            assert_eq!(races, old_races);
            for b in 0..steps {
                for a in 0..b {
                    assert_eq!(new.hb(&run, a, b), old.hb(&run, a, b), "{a} {b}");
                }
            }
        }
    }

    /// The step that spawns a thread comes before the thread's first step, whatever they
    /// access: not a race (the child cannot run before it exists).
    #[test]
    fn a_spawn_orders_the_child_after_its_parent() {
        let step = |t: u64, write: bool| Step {
            thread: ThreadId(t),
            node: None,
            accesses: vec![Access { key: 7, write }],
        };
        let run = DporRun {
            steps: vec![step(1, true), step(2, true), step(1, true)],
            spawns: vec![(ThreadId(2), 0)],
            ..DporRun::default()
        };
        assert_eq!(races(&run), vec![(1, 2)]);
    }

    /// A step that takes a lock by blocking acquires and releases it as often, by nothing
    /// else, reads it; any other mix writes it.
    #[test]
    fn a_lock_taken_and_released_within_a_step_is_read() {
        let lock = Arc::new(0u32);
        let key = Access::object_key(Arc::as_ptr(&lock) as usize as u64, 0);
        let step = |ops: &[LockOp]| {
            let mut run = DporRun::default();
            for &op in ops {
                run.access(&[Access::write(key)], &[Some(&lock)], &[Some(op)]);
            }
            run.finish_step();
            run.steps[0].accesses[0].write
        };
        use LockOp::*;
        assert!(!step(&[Acquire, Release]));
        assert!(!step(&[Acquire, Acquire, Release, Release]));
        assert!(step(&[Acquire]), "held past the step");
        assert!(step(&[Release, Acquire]), "released first");
        assert!(step(&[Acquire, Release, Release]));
        assert!(step(&[Acquire, Other, Release]), "acquire(False) may fail");
    }

    /// Numbers below `stable` are one object in both runs; a number from `stable` on is
    /// none of those, and may be any other such (of the same member).
    #[test]
    fn objects_numbered_across_a_decision_point() {
        let obj = |n: u64, member: u64| Access::write((n << 24) | member);
        let stable = 5;
        assert!(conflict_across(&obj(2, 0), stable, &obj(2, 0)));
        assert!(!conflict_across(&obj(2, 0), stable, &obj(3, 0)));
        assert!(!conflict_across(&obj(2, 0), stable, &obj(7, 0)));
        assert!(!conflict_across(&obj(7, 0), stable, &obj(2, 0)));
        assert!(conflict_across(&obj(7, 0), stable, &obj(9, 0)));
        assert!(!conflict_across(&obj(7, 3), stable, &obj(9, 5)));
        assert!(conflict_across(&obj(7, 3), stable, &Access::any()));
    }

    /// The set a linear merge gives (the implementation before [`AccessSet`]'s index).
    fn linear_merge(set: &mut Vec<Access>, more: &[Access]) {
        for a in more {
            match set.iter_mut().find(|b| b.key == a.key) {
                Some(b) => b.write |= a.write,
                None => set.push(*a),
            }
        }
    }

    #[test]
    fn access_set_is_the_linear_merge() {
        let mut seed: u64 = 7;
        let mut rand = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for case in 0..300 {
            let keys = 1 + case % 60;
            let start: Vec<Access> = (0..rand(30))
                .map(|_| Access {
                    key: rand(keys),
                    write: rand(2) == 0,
                })
                .collect();
            let mut linear = start.clone();
            let mut set = AccessSet::from_list(start);
            for _ in 0..rand(8) {
                let more: Vec<Access> = (0..rand(40))
                    .map(|_| Access {
                        key: rand(keys),
                        write: rand(3) == 0,
                    })
                    .collect();
                linear_merge(&mut linear, &more);
                set.merge(&more);
                assert_eq!(set.list, linear, "case {case}");
            }
            assert_eq!(set.take(), linear);
            assert!(set.list.is_empty() && set.index.is_empty());
        }
    }
}
