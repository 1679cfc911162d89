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
