//! Switch points and shared state: where the scheduler may let another thread run, and which
//! instructions read or write what other threads can see. Both are static properties of the
//! bytecode, decided here so that the scheduler, `explore` and `dis` agree.

use super::{CodeObject, Instruction, Label};

impl Instruction {
    /// Whether the instruction reads or writes state other threads can see: a global, a
    /// module or class namespace, an attribute, a subscript, a cell. A preemption just before
    /// one of these is where a race can be made to happen (the seeded scheduler stalls a
    /// thread there; `explore` preempts only there).
    pub fn touches_shared_state(&self) -> bool {
        use Instruction::*;
        matches!(
            self,
            LoadGlobal(_)
                | StoreGlobal(_)
                | DeleteGlobal(_)
                | LoadName(_)
                | StoreName(_)
                | DeleteName(_)
                | LoadAttr(_)
                | StoreAttr(_)
                | DeleteAttr(_)
                | LoadMethod(_)
                | BinarySubscr
                | StoreSubscr
                | DeleteSubscr
                | LoadDeref(_)
                | StoreDeref(_)
                | DeleteDeref(_)
                | LoadClassDeref(_)
        )
    }

    /// Whether the instruction calls something: if that is a Python function, its entry is a
    /// switch point, so a switch may fall *inside* this instruction (`dis` marks it `c`).
    pub fn is_call(&self) -> bool {
        use Instruction::*;
        matches!(
            self,
            CallFunction(_) | CallFunctionKw(_) | CallFunctionEx(_) | CallMethod(_)
        )
    }

    /// Whether the instruction certainly touches nothing another thread can see or do: it
    /// works on its frame's own slots and stack, on constants, or on objects it creates, and
    /// calls no code. Anything else (a call, an operator that may run a method or read a
    /// shared container, an iterator step, a `with`, a return into unknown code) may touch
    /// shared state. `explore` relies on this being conservative.
    pub fn is_thread_local(&self) -> bool {
        use Instruction::*;
        matches!(
            self,
            Nop | PopTop
                | RotTwo
                | RotThree
                | RotFour
                | DupTop
                | DupTopTwo
                | LoadConst(_)
                | LoadFast(_)
                | StoreFast(_)
                | DeleteFast(_)
                | LoadClosure(_)
                | MakeFunction(_)
                | BuildTuple(_)
                | BuildList(_)
                | BuildSlice(_)
                | BuildString(_)
                | ListToTuple
                | JumpForward(_)
                | JumpAbsolute(_)
                | SetupFinally(_)
                | PopBlock
                | PopExcept
                | LoadAssertionError
        )
    }
}

/// Which instructions are switch points (where a thread switch may happen) is decided by the
/// thread layer; the disassembler only needs a yes/no per instruction (code object and index)
/// to draw its marker column.
pub type SwitchPointFn<'a> = &'a dyn Fn(&CodeObject, usize) -> bool;

/// Where the eval breaker is honoured, so where the GIL can change hands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SwitchPoints {
    /// CPython 3.10+: on entering a frame (before its first instruction) and at backward
    /// jumps — never inside `LOAD_GLOBAL … STORE_GLOBAL`.
    Cpython,
    /// Before any instruction (CPython before 3.10 checked its "ticks" almost anywhere).
    Every,
}

impl SwitchPoints {
    /// Whether a switch may happen at instruction `index` of `code`: before it (frame entry,
    /// `every`) or as it executes (a backward jump).
    pub fn is_switch_point(self, code: &CodeObject, index: usize) -> bool {
        match self {
            SwitchPoints::Every => true,
            SwitchPoints::Cpython => {
                index == 0
                    || matches!(
                        code.instructions.get(index),
                        Some(Instruction::JumpAbsolute(Label(t))) if (*t as usize) <= index
                    )
            }
        }
    }
}

impl SwitchPoints {
    /// Whether the thread, stopped at the switch point before instruction `index` of
    /// `code`, may touch shared state before its next switch point: only then can a
    /// preemption here change what any thread sees (`explore`'s pruning). The scan is
    /// static and conservative: it follows the code forwards over both arms of every
    /// branch, and anything it cannot see past (a call, a return, the end) counts as
    /// shared. A backward jump at `index` is the switch point itself: the block starts at
    /// its target.
    pub fn block_may_share(self, code: &CodeObject, index: usize) -> bool {
        let ins = &code.instructions;
        let mut i = index;
        if let Some(Instruction::JumpAbsolute(Label(t))) = ins.get(i)
            && (*t as usize) <= i
        {
            i = *t as usize;
        }
        let start = i;
        // The furthest forward jump target seen: code up to there may still run before
        // the next switch point.
        let mut reach = i;
        loop {
            let Some(op) = ins.get(i) else {
                return true;
            };
            if !op.is_thread_local() {
                return true;
            }
            if self == SwitchPoints::Every {
                // Every instruction is its own block.
                return false;
            }
            match *op {
                // A switch point: the block ends here, unless a forward jump seen earlier
                // lands beyond it (then the scan goes on).
                Instruction::JumpAbsolute(Label(t))
                    if (t as usize) <= i && i != start && reach <= i =>
                {
                    return false;
                }
                Instruction::JumpForward(Label(t))
                | Instruction::JumpAbsolute(Label(t))
                | Instruction::SetupFinally(Label(t)) => reach = reach.max(t as usize),
                _ => {}
            }
            i += 1;
        }
    }
}

/// How `dis --switch-points` marks an instruction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// `*`: a switch point (before the instruction, or as a backward jump executes).
    Switch,
    /// `c`: a call; a switch may fall inside it (at the entry of a Python function it runs).
    Call,
}

impl Mark {
    pub fn symbol(self) -> char {
        match self {
            Mark::Switch => '*',
            Mark::Call => 'c',
        }
    }
}

/// A read–modify–write window: a load of a name or attribute and a later store of the same
/// one, with a place between them where a switch may fall. Another thread's store to it in
/// that window is overwritten (a lost update), or makes what was checked stale.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// `counter`, or `acct.balance` (`.balance` when the object is not a plain name).
    pub name: String,
    /// Index of the load.
    pub load: usize,
    /// Index of the store.
    pub store: usize,
    /// Indices of the instructions where a switch may fall between them (switch points,
    /// calls, backward jumps), in order.
    pub switches: Vec<usize>,
    /// The load and the store are inside one `with` block: if it holds a lock every other
    /// writer holds too, no other thread can store in between.
    pub in_with: bool,
}

/// What a load or store touches, for matching a load with its store: globals and
/// module-level names are one namespace, cells are named by their variable.
fn shared_key(code: &CodeObject, index: usize) -> Option<(bool, String)> {
    use Instruction::*;
    let name = |i: u32| code.names.get(i as usize).map(|s| s.to_string());
    let (is_store, key) = match code.instructions.get(index)? {
        LoadGlobal(n) | LoadName(n) => (false, format!("g:{}", name(n.0)?)),
        StoreGlobal(n) | StoreName(n) => (true, format!("g:{}", name(n.0)?)),
        LoadDeref(c) | LoadClassDeref(c) => (false, format!("d:{}", code.cell_name(*c))),
        StoreDeref(c) => (true, format!("d:{}", code.cell_name(*c))),
        LoadAttr(n) => (false, format!("a:{}", name(n.0)?)),
        StoreAttr(n) => (true, format!("a:{}", name(n.0)?)),
        _ => return None,
    };
    Some((is_store, key))
}

/// How a window's location is shown: `counter`, `acct.balance`, or `.balance` when the
/// object the attribute is loaded from is not a plain name.
fn shown_name(code: &CodeObject, load: usize, key: &str) -> String {
    use Instruction::*;
    let Some((kind, name)) = key.split_once(':') else {
        return key.to_string();
    };
    if kind != "a" {
        return name.to_string();
    }
    let mut owner = load.checked_sub(1).and_then(|i| code.instructions.get(i));
    if matches!(owner, Some(DupTop)) {
        owner = load.checked_sub(2).and_then(|i| code.instructions.get(i));
    }
    let base = match owner {
        Some(LoadGlobal(n) | LoadName(n)) => code.names.get(n.0 as usize).map(|s| s.to_string()),
        Some(LoadFast(s)) => code.varnames.get(s.0 as usize).map(|s| s.to_string()),
        Some(LoadDeref(c)) => Some(code.cell_name(*c).to_string()),
        _ => None,
    };
    format!("{}.{name}", base.unwrap_or_default())
}

impl SwitchPoints {
    /// The marker `dis --switch-points` shows on instruction `index`: a call is marked as
    /// such even where it is also a switch point (under `every`), since the switch inside
    /// it is the one a listing of the caller would otherwise hide.
    pub fn mark(self, code: &CodeObject, index: usize) -> Option<Mark> {
        if code
            .instructions
            .get(index)
            .is_some_and(Instruction::is_call)
        {
            Some(Mark::Call)
        } else if self.is_switch_point(code, index) {
            Some(Mark::Switch)
        } else {
            None
        }
    }

    /// The read–modify–write windows of one code object (not of the code objects nested in
    /// it): for each store of a name or attribute, the earliest load of the same one from
    /// which the store can be reached through a place where a switch may fall, without
    /// passing another store of it — when the loaded value may decide the store: the store
    /// is on the load's line and stores something computed (`counter = counter + f()`), or
    /// the load is part of a condition tested on the way (`if balance >= amount:`, a check
    /// then an act), or it was kept in a local that is read on the way (`x = counter`).
    ///
    /// The scan follows the code forwards, over both arms of every branch. A backward jump
    /// is not followed (a load in one iteration and a store in the next is not one update);
    /// a loop met on the way, whole between the load and the store, counts as a switch
    /// point (its backward jump is one, or under `every` any instruction is).
    pub fn windows(self, code: &CodeObject) -> Vec<Window> {
        use Instruction::*;
        let ins = &code.instructions;
        let n = ins.len();
        let line = |i: usize| code.locations.get(i).map_or(0, |l| l.line);
        // Loop headers: targets of backward jumps, with the jump.
        let mut back_jump_to: Vec<Option<usize>> = vec![None; n];
        for (i, op) in ins.iter().enumerate() {
            if let JumpAbsolute(Label(t)) = op
                && (*t as usize) <= i
                && let Some(slot) = back_jump_to.get_mut(*t as usize)
            {
                *slot = Some(i);
            }
        }
        let keys: Vec<Option<(bool, String)>> = (0..n).map(|i| shared_key(code, i)).collect();
        let mut out: Vec<Window> = Vec::new();
        for (load, k) in keys.iter().enumerate() {
            let Some((false, key)) = k else { continue };
            let kept_in = match ins.get(load + 1) {
                Some(StoreFast(slot)) => Some(*slot),
                _ => None,
            };
            // Forward search from the load: (index, a switch may have fallen on the way,
            // the loaded value was tested or read back on the way, where the switches are).
            let mut seen = vec![[false; 4]; n];
            let mut work = vec![(load + 1, false, false, Vec::<usize>::new())];
            while let Some((i, mut passed, mut decides, mut at)) = work.pop() {
                let Some(op) = ins.get(i) else { continue };
                let state = passed as usize * 2 + decides as usize;
                if seen[i][state] {
                    continue;
                }
                seen[i][state] = true;
                if self == SwitchPoints::Every {
                    passed = true;
                    at.push(i);
                }
                if let Some(Some((true, k2))) = keys.get(i)
                    && k2 == key
                {
                    let computed = !matches!(
                        i.checked_sub(1).and_then(|j| ins.get(j)),
                        Some(LoadConst(_))
                    );
                    let same_line = line(i) == line(load) && computed;
                    if passed && (decides || same_line) && !out.iter().any(|w| w.store == i) {
                        out.push(Window {
                            name: shown_name(code, load, key),
                            load,
                            store: i,
                            switches: at,
                            in_with: ins
                                .iter()
                                .take(load)
                                .any(|op| matches!(op, SetupWith(Label(t)) if (*t as usize) > i)),
                        });
                    }
                    continue;
                }
                match op {
                    PopJumpIfFalse(_) | PopJumpIfTrue(_) | JumpIfFalseOrPop(_)
                    | JumpIfTrueOrPop(_)
                        if line(i) == line(load) =>
                    {
                        decides = true
                    }
                    LoadFast(slot) if Some(*slot) == kept_in => decides = true,
                    _ => {}
                }
                if let Some(j) = back_jump_to.get(i).copied().flatten()
                    && i > load
                    && self == SwitchPoints::Cpython
                {
                    passed = true;
                    at.push(j);
                }
                if op.is_call() && self == SwitchPoints::Cpython {
                    passed = true;
                    at.push(i);
                }
                let ends = matches!(
                    op,
                    JumpForward(_) | JumpAbsolute(_) | ReturnValue | RaiseVarargs(_) | Reraise
                );
                if !ends {
                    work.push((i + 1, passed, decides, at.clone()));
                }
                if let Some(Label(t)) = op.jump_target()
                    && (t as usize) > i
                {
                    work.push((t as usize, passed, decides, at.clone()));
                }
            }
        }
        for w in &mut out {
            w.switches.sort_unstable();
            w.switches.dedup();
        }
        out.sort_by_key(|w| (w.store, w.load));
        out
    }
}
