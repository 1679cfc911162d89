//! The dispatch loop: one flat `match` over the instruction, hot cases first.
//!
//! What the loop promises (`src/README.md`, decisions 2–4):
//! - Locals and the value stack live in the frame, which only this thread touches; a loop over
//!   small ints (`while n > 0: n -= 1`) takes no lock, touches no atomic counter and allocates
//!   nothing.
//! - Each instruction does one step. `result *= base` stays LOAD, INPLACE_MULTIPLY, STORE: no
//!   lock is held from one instruction to the next, so another thread can come in between.
//! - The eval breaker is polled with one relaxed load, only where CPython 3.10+ polls it: at the
//!   start of a frame (CPython's `RESUME`) and at backward jumps. Switches between threads
//!   therefore happen only there, between instructions.
//! - Finalizers that dropped generators queued (`finalize.rs`) also run after a few
//!   instructions that are already slow (`finalize_point!`: one relaxed load); no thread
//!   switch happens there.
//!
//! Errors leave `execute` through `?`; `run_frame` then adds the traceback entry, finds the
//! innermost handler block and re-enters the loop there (CPython's `exception_unwind`).
//!
//! Beside the loop: `call.rs` (making and calling Python functions, argument binding),
//! `class.rs` (`__build_class__`), `instr.rs` (the slower halves of `raise`, `await`, `match`,
//! unpacking).

use std::sync::Arc;
use std::sync::atomic::Ordering;

use crate::bytecode::{
    BinaryOp, CellIdx, CompareOp, ConstIdx, Instruction, IntArith, IntCompare, Label, LocalSlot,
    MAX_FUSED_ARGS, NameIdx, format_value as fv,
};
use crate::threads::{ThreadId, breaker};
use crate::vm::Vm;
use crate::vm::frame::{
    Block, BlockKind, Frame, FrameObject, GlobalCallee, LookupCache, is_simple_call,
};
use crate::vm::object::class_flags;
use crate::vm::object::code::Code;
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::registry::types;
use crate::vm::object::set_table::Operand;
use crate::vm::object::value::self_hash_key;
use crate::vm::object::value::{HashKey, KeySet, PyStr, Value};
use crate::vm::object::{Cell, Class, Dict, IterObj, PyResult};
use crate::vm::ops::int_binop;
use crate::vm::types::slice;
use crate::vm::types::str::ascii_escape;

macro_rules! pop {
    ($stack:expr) => {
        match $stack.pop() {
            Some(v) => v,
            None => return Err($crate::vm::eval::stack_underflow()),
        }
    };
}

macro_rules! top {
    ($stack:expr) => {
        match $stack.last() {
            Some(v) => v,
            None => return Err($crate::vm::eval::stack_underflow()),
        }
    };
}
pub(crate) use pop;

/// `LOAD_FAST` of local `i`, or UnboundLocalError; also what the fusions that begin with one
/// fall back to.
macro_rules! load_fast {
    ($frame:expr, $code:expr, $stack:expr, $i:expr) => {{
        let v = &$frame.locals[$i as usize];
        if let Value::Null = v {
            return Err(unbound_local(&$code.varnames[$i as usize]));
        }
        $stack.push(v.fast_clone());
    }};
}

/// A fused call that made its callee's frame: it runs as the `CALL_FUNCTION` at `call_at`
/// (where tracebacks and waits see it), after `steps` instructions, and the loop goes on.
macro_rules! run_fused_call {
    ($vm:ident, $pc:expr, $stack:expr, $callee:expr, $call_at:expr, $steps:expr) => {{
        let call_at: usize = $call_at;
        *$pc = call_at + 1;
        $vm.obs.pc = call_at as u32;
        if OBSERVED {
            $vm.tick($steps);
        }
        let r = $vm.run_call_frame($callee)?;
        push_result($stack, r);
        continue;
    }};
}

/// Moves the function at `stack[base]` out (leaving `None`), saving the reference-count
/// round trip of a clone; the caller has checked that it is a function.
#[inline(always)]
pub(crate) fn take_function(stack: &mut [Value], base: usize) -> Value {
    std::mem::replace(&mut stack[base], Value::None)
}

/// Exploring: how many instructions a thread may run between questions to the scheduler
/// when no switch point on the way needs one (so a run's step budget is still enforced).
const EXPLORE_CONSULT_STEPS: u64 = 4096;

/// Exploring, at a switch point with a switch due: whether the thread may touch shared
/// state before its next switch point ([`Vm::explore_may_share`]).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Share {
    May,
    /// Not before its next switch point, in the program's own code.
    No,
    /// In gilvm's own modules written in Python: no switch is explored there.
    Library,
}

/// `FUSED_LOAD_ATTR`'s fast case: `locals[local].name` found in the instance's own dict is
/// pushed (true); anything else leaves the stack alone (false) for the unfused instructions,
/// among them an instance whose class may hold a data descriptor, which comes first.
/// An immediate value read without the lock from the instance's inline slots
/// (`object/attrs.rs`) is pushed inline; the rest goes out of line.
#[inline(always)]
pub(crate) fn load_attr_of_local(
    frame: &Frame,
    code: &Code,
    stack: &mut Vec<Value>,
    local: u16,
    name: u16,
    at: usize,
) -> bool {
    if let Some(Value::Instance(inst)) = frame.locals.get(local as usize)
        && !inst.class.has_flag(class_flags::GETATTRIBUTE)
        && !inst.class.may_have_descriptors()
        && let Some(Value::Str(name)) = code.name_values.get(name as usize)
        && let Some(hint) = code.attr_hints.get(at)
    {
        if let Some(v) = inst.get_attr_unlocked(name, hint) {
            push_result(stack, v);
            return true;
        }
        return load_attr_locked(inst, name, hint, stack);
    }
    false
}

/// [`load_attr_of_local`] when the slots could not answer without the lock.
#[inline(never)]
pub(crate) fn load_attr_locked(
    inst: &crate::vm::object::Instance,
    name: &Arc<PyStr>,
    hint: &std::sync::atomic::AtomicU32,
    stack: &mut Vec<Value>,
) -> bool {
    match inst.get_attr_hinted(name, hint) {
        Some(v) => {
            push_result(stack, v);
            true
        }
        None => false,
    }
}

/// A fused instruction's second operand: a local, or a constant.
#[inline(always)]
fn operand<'a>(code: &'a Code, frame: &'a Frame, index: u16, is_const: bool) -> &'a Value {
    if is_const {
        &code.consts[index as usize]
    } else {
        &frame.locals[index as usize]
    }
}

/// The top `n` (2 or 3) values of the stack as a slice's bounds when each is an int or None
/// (no `__index__` to run) and the step is not zero: CPython's PySlice_Unpack of them.
fn fused_slice_bounds(stack: &[Value], n: usize) -> Option<(Option<i64>, Option<i64>, i64)> {
    if !(2..=3).contains(&n) || stack.len() < n {
        return None;
    }
    let bound = |v: &Value| match v {
        Value::None => Some(None),
        Value::Int(i) => Some(Some(*i)),
        _ => None,
    };
    let top = &stack[stack.len() - n..];
    let step = match top.get(2).map(bound) {
        None | Some(Some(None)) => 1,
        Some(Some(Some(0))) | Some(None) => return None,
        Some(Some(Some(s))) => s.max(-i64::MAX),
    };
    Some((bound(&top[0])?, bound(&top[1])?, step))
}

/// `BUILD_SLICE n; BINARY_SUBSCR` on a list with int or None bounds: pops the bounds and the
/// list and gives the new list; `None` (the stack untouched) for anything else.
#[inline(never)]
fn fused_list_slice(stack: &mut Vec<Value>, n: u32) -> Option<Value> {
    let n = n as usize;
    let len = stack.len();
    if len < n + 1 {
        return None;
    }
    let (start, stop, step) = fused_slice_bounds(stack, n)?;
    let Value::List(l) = &stack[len - n - 1] else {
        return None;
    };
    let items = l.items.lock();
    let (start, _, step, count) = slice::adjust_indices(start, stop, step, items.len()).ok()?;
    let part = slice::slice_vec(&items, start, step, count);
    drop(items);
    // The bounds are ints or None (nothing to drop); the list is dropped as it is popped.
    stack.truncate(len - n);
    let list = stack.pop();
    drop(list);
    Some(Value::list(part))
}

/// `BUILD_SLICE n; STORE_SUBSCR` of a list or tuple into a list with int or None bounds,
/// where it cannot fail (a step of 1, or as many items as the extended slice has): pops the
/// bounds, the list and the value and stores; `false` (the stack untouched) otherwise.
#[inline(never)]
fn fused_list_slice_store(stack: &mut Vec<Value>, n: u32) -> bool {
    let n = n as usize;
    let len = stack.len();
    if len < n + 2 {
        return false;
    }
    let Some((start, stop, step)) = fused_slice_bounds(stack, n) else {
        return false;
    };
    let Value::List(target) = &stack[len - n - 1] else {
        return false;
    };
    // The new items first, their container let go before the target is locked (it may be
    // the target itself).
    let new_items = match &stack[len - n - 2] {
        Value::List(v) => v.snapshot(),
        Value::Tuple(t) => t.0.to_vec(),
        _ => return false,
    };
    let mut items = target.items.lock();
    let Ok(bounds) = slice::adjust_indices(start, stop, step, items.len()) else {
        return false;
    };
    let Ok(old) = slice::assign_slice(&mut items, bounds, new_items) else {
        return false;
    };
    drop(items);
    drop(old);
    // The bounds are ints or None (nothing to drop).
    stack.truncate(len - n);
    let target = stack.pop();
    let value = stack.pop();
    drop(target);
    drop(value);
    true
}

/// The operands of a float operation as floats: both ints or floats and at least one a float
/// (an int beside a float is converted as float's methods convert it: to the nearest float).
#[inline(always)]
fn float_operands(a: &Value, b: &Value) -> Option<(f64, f64)> {
    match (a, b) {
        (&Value::Float(x), &Value::Float(y)) => Some((x, y)),
        (&Value::Float(x), &Value::Int(y)) => Some((x, y as f64)),
        (&Value::Int(x), &Value::Float(y)) => Some((x as f64, y)),
        _ => None,
    }
}

/// `x op y` for the float operations that cannot raise: `+`, `-`, `*`, and `/` by a nonzero.
#[inline(always)]
fn float_arith(op: BinaryOp, x: f64, y: f64) -> Option<f64> {
    match op {
        BinaryOp::Add => Some(x + y),
        BinaryOp::Subtract => Some(x - y),
        BinaryOp::Multiply => Some(x * y),
        BinaryOp::TrueDivide if y != 0.0 => Some(x / y),
        _ => None,
    }
}

/// Whether the int converts to a float exactly (|i| ≤ 2^53).
#[inline(always)]
fn exact_in_float(i: i64) -> bool {
    i.unsigned_abs() <= 1 << 53
}

/// `FusedSubscr`'s fast case: item `i` of a list or tuple, if `container` is one and `i` is
/// in range (else the unfused instructions run, and raise where they would).
#[inline(always)]
fn fused_item(container: &Value, i: i64) -> Option<Value> {
    let at = |len: usize| {
        let j = if i < 0 { i + len as i64 } else { i };
        (0..len as i64).contains(&j).then_some(j as usize)
    };
    match container {
        Value::List(l) => {
            let items = l.items.lock();
            at(items.len()).map(|j| items[j].fast_clone())
        }
        Value::Tuple(t) => at(t.0.len()).map(|j| t.0[j].fast_clone()),
        _ => None,
    }
}

/// `UNPACK_SEQUENCE n`'s fast case: a tuple or list of exactly `n` items goes straight onto
/// the stack, last item first, with no vector in between (a tuple nobody else holds is
/// taken apart, not copied); anything else comes back for the general path.
#[inline(always)]
fn unpack_exact(stack: &mut Vec<Value>, v: Value, n: usize) -> Result<(), Value> {
    match v {
        Value::Tuple(t) if t.0.len() == n => {
            match Arc::try_unwrap(t) {
                Ok(t) => stack.extend(t.0.into_iter().rev()),
                Err(t) => stack.extend(t.0.iter().rev().map(Value::fast_clone)),
            }
            Ok(())
        }
        Value::List(l) => {
            {
                let items = l.items.lock();
                if items.len() == n {
                    stack.extend(items.iter().rev().map(Value::fast_clone));
                    return Ok(());
                }
            }
            Err(Value::List(l))
        }
        v => Err(v),
    }
}

/// `FusedStoreSubscr`'s fast case: `l[i] = v` when `i` is in range, returning the item it
/// replaced (to be dropped after the list's lock is released); else `v` back.
#[inline(always)]
fn store_item(l: &crate::vm::object::List, i: i64, v: Value) -> Result<Value, Value> {
    let mut items = l.items.lock();
    let len = items.len() as i64;
    let j = if i < 0 { i + len } else { i };
    if !(0..len).contains(&j) {
        return Err(v);
    }
    Ok(std::mem::replace(&mut items[j as usize], v))
}

/// Pushes a call's result. The result reaches here through a `Result` in memory, written
/// word by word; an int is re-pushed as one 16-byte store ([`Value::push_int`]) so that the
/// next instruction's 16-byte pop does not wait on those stores (measured on calls.py).
#[inline(always)]
pub(crate) fn push_result(stack: &mut Vec<Value>, v: Value) {
    match v {
        Value::Int(i) => Value::push_int(stack, i),
        v => Value::push_value(stack, v),
    }
}

/// Whether every `LOAD_FAST` among a fused call's argument loads finds its local bound
/// (else the unfused instructions run, and raise).
#[inline]
pub(crate) fn loads_bound(frame: &Frame, loads: &[Instruction]) -> bool {
    loads.iter().all(|ins| match *ins {
        Instruction::LoadFast(LocalSlot(i)) => {
            !matches!(frame.locals.get(i as usize), None | Some(Value::Null))
        }
        _ => true,
    })
}

/// The value one of a fused call's argument loads (`LOAD_FAST`/`LOAD_CONST`) pushes.
#[inline]
pub(crate) fn load_simple(frame: &Frame, code: &Code, ins: &Instruction) -> Value {
    match *ins {
        Instruction::LoadFast(LocalSlot(i)) => frame.locals[i as usize].fast_clone(),
        Instruction::LoadConst(ConstIdx(i)) => code.consts[i as usize].fast_clone(),
        // `quicken` fuses only those two.
        _ => Value::None,
    }
}

/// After an instruction that may have dropped the last reference to a suspended generator:
/// runs the finalizers this thread queued, if the breaker says some are (`finalize.rs`).
macro_rules! finalize_point {
    ($self:ident, $frame:ident, $pc:expr) => {
        if $self.finalizers_due() {
            $self.run_pending_finalizers(Some((&$frame.code, $pc - 1)));
        }
    };
}

/// Where a call's operands begin: `below` slots under the top of the stack (the callee, and
/// the object for a method call, and the arguments), or a stack underflow. First it notes
/// where the thread is if the call blocks or runs a frame (the event log and tracebacks of
/// waits need it; one store). A macro, for the early return: the code is what each call
/// instruction wrote out before.
macro_rules! call_base {
    ($self:ident, $pc:ident, $stack:ident, $below:expr) => {{
        $self.obs.pc = (*$pc - 1) as u32;
        let below: usize = $below;
        let len = $stack.len();
        if len < below {
            return Err(stack_underflow());
        }
        len - below
    }};
}

/// A call's fast case: a plain Python function given exactly its positional parameters
/// ([`is_simple_call`] of `nargs`, the callee at `stack[base]`) runs straight from the
/// stack; its result replaces the call's operands and the loop goes on. Anything else falls
/// through to [`general_call`]. A macro, for the `continue`.
macro_rules! simple_call {
    ($self:ident, $stack:ident, $base:expr, $nargs:expr) => {
        if let Value::Function(f) = &$stack[$base]
            && is_simple_call(f, $nargs)
        {
            let Value::Function(f) = take_function($stack, $base) else {
                return Err(stack_underflow());
            };
            let r = $self.call_simple(&f, $stack, $base + 1);
            $stack.truncate($base);
            Value::push_value($stack, r?);
            continue;
        }
    };
}

/// A call the general way: the callee is the first of `stack[callee]`, the arguments the
/// rest; the stack is cut back to `base` and the result pushed. Finalizers due run before
/// the call (`print` after a generator was let go of) and after it, once the arguments are
/// gone (a generator made for the call among them).
macro_rules! general_call {
    ($self:ident, $frame:ident, $pc:ident, $stack:ident, $base:expr, $callee:expr, $kwargs:expr) => {{
        finalize_point!($self, $frame, *$pc);
        let (f, args) = $stack[$callee].split_at(1);
        let r = $self.call(&f[0], args, $kwargs);
        $stack.truncate($base);
        finalize_point!($self, $frame, *$pc);
        Value::push_value($stack, r?);
    }};
}

/// A name missing from `frame.globals` once some globals have brought their own
/// `__builtins__`: looked up in those of `frame.globals` if it has them (a dict or a module),
/// else in the interpreter's. Not cached: the lookup cache knows only the interpreter's.
#[cold]
fn load_own_builtin(frame: &Frame, builtins: &Dict, name: &Arc<PyStr>) -> PyResult<Value> {
    let found = match frame.globals.get_str("__builtins__") {
        Some(Value::Dict(d)) => d.get_pystr(name),
        Some(Value::Module(m)) => m.dict.get_pystr(name),
        Some(other) => {
            return Err(exc::type_error(format!(
                "'{}' object is not subscriptable",
                other.type_name()
            )));
        }
        None => builtins.get_pystr(name),
    };
    found.ok_or_else(|| exc::name_not_defined(name.as_str(), &frame.globals))
}

#[cold]
pub(crate) fn stack_underflow() -> PyErr {
    exc::system_error("gilvm: value stack underflow (compiler bug)")
}

impl Vm {
    /// Runs a frame to its return (or its next `yield`), handling exceptions raised in it.
    pub fn run_frame(&mut self, frame: &mut Frame) -> PyResult<Value> {
        let caller_pc = self.obs.pc;
        let depth = self.frames.enter(frame, caller_pc);
        let r = if self.obs.tracking {
            self.obs.frame_serial += 1;
            self.obs.frames.push((
                frame.code.object.clone(),
                self.obs.pc,
                self.obs.frame_serial,
            ));
            self.undefer();
            self.obs.pc = frame.pc as u32;
            let r = self.run_frame_inner(frame);
            if let Some((_, pc, _)) = self.obs.frames.pop() {
                self.obs.pc = pc;
            }
            self.undefer();
            r
        } else {
            self.run_frame_inner(frame)
        };
        // Back in the caller, at its call.
        self.obs.pc = caller_pc;
        if let Some(obj) = self.frames.leave(depth) {
            self.leave_frame(frame, obj);
        }
        r
    }

    /// A frame with a `frame` object is left: the object keeps its locals, its instruction
    /// and its caller's `frame` (made now, as CPython 3.11's `take_ownership` does).
    #[cold]
    fn leave_frame(&mut self, frame: &mut Frame, obj: Value) {
        let back = self.frames.top_object();
        if let Some(o) = FrameObject::of(&obj) {
            o.snapshot(frame, frame.pc.saturating_sub(1), back);
        }
        frame.obj = Some(obj);
    }

    /// An attribute of a `frame` object is read by `frame`'s code at instruction `at`: the
    /// thread is there (`f_lineno`), and if the object is this very frame's, its locals are
    /// recorded as they are now (`f_locals`, as CPython 3.11 refreshes it at each read).
    #[cold]
    fn frame_attr_here(&mut self, frame: &Frame, obj: &Value, at: usize) {
        self.obs.pc = at as u32;
        if let Some(o) = FrameObject::of(obj)
            && self.frames.top_is(o)
        {
            o.snapshot(frame, at, None);
        }
    }

    /// The `frame` object of the frame running `depth` calls below the innermost.
    pub(crate) fn frame_object(&mut self, depth: usize) -> Option<Value> {
        let i = self.frames.len().checked_sub(depth + 1)?;
        Some(self.frames.object(i))
    }

    /// Where `obj`'s frame is on this thread's stack, if it is running here: the index of its
    /// record, and the instruction it is at.
    pub(crate) fn running_frame(&self, obj: &FrameObject) -> Option<(usize, u32)> {
        let i = self.frames.index_of(obj)?;
        Some((i, self.frames.pc_of(i, self.obs.pc)))
    }

    pub(crate) fn run_frame_inner(&mut self, frame: &mut Frame) -> PyResult<Value> {
        // Function entry is a switch point (CPython's RESUME).
        self.poll_breaker()?;
        loop {
            match self.execute(frame) {
                Ok(v) => return Ok(v),
                Err(err) => {
                    let reraise = std::mem::take(&mut self.reraising);
                    if !reraise {
                        let at = frame.pc.saturating_sub(1);
                        let obj = self.frames.top_object();
                        err.add_traceback(&frame.code, at, obj);
                        err.set_context(self.exc_info.last().cloned());
                    }
                    let at = frame.pc.saturating_sub(1);
                    match self.unwind(frame, &err) {
                        Some(handler) => {
                            // The frame goes on running: its `tb_frame.f_locals` are those
                            // it had as the exception passed (one that returns records its
                            // own as it leaves, in `run_frame`).
                            self.frames.record_top(frame, at);
                            frame.pc = handler
                        }
                        None => return Err(err),
                    }
                    // Unwinding dropped the stack down to the handler's level.
                    if self.finalizers_due() {
                        self.run_pending_finalizers(None);
                    }
                }
            }
        }
    }

    /// Resumes a suspended generator's frame with `err` raised at instruction `at`
    /// (`throw()`, `close()`): unwinds to a handler of the frame and runs on from there.
    pub(crate) fn throw_into_frame(
        &mut self,
        frame: &mut Frame,
        err: PyErr,
        at: usize,
    ) -> PyResult<Value> {
        err.add_traceback(&frame.code, at, frame.obj.clone());
        match self.unwind(frame, &err) {
            Some(handler) => frame.pc = handler,
            None => return Err(err),
        }
        self.run_frame(frame)
    }

    /// Pops handler blocks until one catches `err`; returns where to resume.
    pub(crate) fn unwind(&mut self, frame: &mut Frame, err: &PyErr) -> Option<usize> {
        let aborted = err.is_run_aborted();
        while let Some(block) = frame.blocks.pop() {
            if aborted {
                if let BlockKind::ExceptHandler = block.kind {
                    self.exc_info.pop();
                }
                continue;
            }
            match block.kind {
                BlockKind::ExceptHandler => {
                    // Leaving an `except` body by a new exception.
                    self.exc_info.pop();
                }
                BlockKind::Finally => {
                    frame.stack.truncate(block.level as usize);
                    frame.blocks.push(Block {
                        kind: BlockKind::ExceptHandler,
                        handler: 0,
                        level: frame.stack.len() as u32,
                    });
                    self.exc_info.push(err.value());
                    Value::push_value(&mut frame.stack, err.value());
                    return Some(block.handler as usize);
                }
            }
        }
        None
    }

    /// Counts `n` executed instructions (observed loop): this thread's step count and its
    /// deterministic quantum, which raises the schedule bit when it runs out.
    #[inline(always)]
    pub(crate) fn tick(&mut self, n: u64) {
        self.obs.steps += n;
        if self.obs.steps >= self.obs.step_checkpoint {
            self.count_budget();
        }
        if self.obs.countdown != 0 {
            if self.obs.countdown <= n {
                self.obs.countdown = 0;
                self.obs.switch_due = true;
                self.eval_breaker
                    .fetch_or(breaker::SCHEDULE, Ordering::Relaxed);
            } else {
                self.obs.countdown -= n;
            }
        }
    }

    /// Calls the interpreter's observer before an instruction (observed loop only). Out of
    /// line, so the loop holds no reference-counted observer of its own.
    #[cold]
    #[inline(never)]
    fn observe(&mut self, frame: &Frame, stack: &[Value], index: usize) -> PyResult<()> {
        match self.obs.observer.clone() {
            Some(o) => o.before_instruction(
                self,
                crate::vm::observe::Before {
                    frame,
                    stack,
                    index,
                },
            ),
            None => Ok(()),
        }
    }

    /// `--max-steps`: adds this thread's new steps to the run's total; past the budget, stops
    /// the run. Counted in batches of at most 1024 steps, so a single thread stops at exactly
    /// N and several threads within a batch each of it.
    #[cold]
    #[inline(never)]
    pub(crate) fn count_budget(&mut self) {
        let max = self.interp.max_steps;
        let delta = self.obs.steps - self.obs.steps_reported;
        self.obs.steps_reported = self.obs.steps;
        let total = self.interp.steps_total.fetch_add(delta, Ordering::Relaxed) + delta;
        if total >= max {
            self.obs.step_checkpoint = u64::MAX;
            self.interp
                .stop(format!("stopped after {max} steps (--max-steps)"));
        } else {
            self.obs.step_checkpoint = self.obs.steps + (max - total).min(1024);
        }
    }

    /// Exploring, at a switch point: whether the thread may touch shared state before its
    /// next one, in the program's own code (only then is a preemption worth exploring; the
    /// scheduler checks the same, this spares it the call). See `explore`'s pruning.
    pub(crate) fn explore_may_share(&self) -> Share {
        let Some((code, _, _)) = self.obs.frames.last() else {
            return Share::May;
        };
        if code.filename.starts_with("<gilvm>/") {
            return Share::Library;
        }
        let sp = if self.obs.every_switch_point {
            crate::bytecode::SwitchPoints::Every
        } else {
            crate::bytecode::SwitchPoints::Cpython
        };
        if sp.block_may_share(code, self.obs.pc as usize) {
            Share::May
        } else {
            Share::No
        }
    }

    /// Exploring, in gilvm's own Python code with a switch due and `next_consult` not yet
    /// reached: nothing can happen at a switch point until the frame changes or the step
    /// count gets there, so take the schedule bit down until then
    /// ([`Observation::library_deferred`](crate::vm::observe::Observation)).
    #[cold]
    fn defer_in_library(&mut self) {
        self.obs.library_deferred = true;
        self.eval_breaker
            .fetch_and(!breaker::SCHEDULE, Ordering::Relaxed);
        // `switch_due` stays set (the quantum's countdown stopped at 0 when it ran out):
        // counting down to `next_consult` raises the bit again there.
        self.obs.countdown = self.obs.next_consult - self.obs.steps;
    }

    /// The frame list changed: a deferred schedule bit goes up again, for the new frame to
    /// decide.
    #[inline(always)]
    pub(crate) fn undefer(&mut self) {
        if self.obs.library_deferred {
            self.obs.library_deferred = false;
            self.eval_breaker
                .fetch_or(breaker::SCHEDULE, Ordering::Relaxed);
        }
    }

    /// One relaxed load; the rare work happens out of line.
    #[inline(always)]
    pub fn poll_breaker(&mut self) -> PyResult<()> {
        if self.eval_breaker.load(Ordering::Relaxed) != 0 {
            return self.handle_breaker();
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    pub(crate) fn handle_breaker(&mut self) -> PyResult<()> {
        let bits = self.eval_breaker.load(Ordering::Acquire);
        // Free-threaded, another thread collects: park here until it restarts the world.
        if bits & breaker::STOP_WORLD != 0 {
            let at = self.at();
            self.interp.sched.switch_point(self.tid, &at);
        }
        if bits & breaker::GIL_DROP_REQUEST != 0 {
            let at = self.at();
            self.interp.sched.switch_point(self.tid, &at);
        }
        let share = if bits & breaker::SCHEDULE != 0
            && self.obs.switch_due
            && self.obs.exploring
            && self.obs.steps < self.obs.next_consult
        {
            self.explore_may_share()
        } else {
            Share::May
        };
        if share == Share::Library {
            self.defer_in_library();
        }
        if bits & breaker::SCHEDULE != 0 && self.obs.switch_due && share == Share::May {
            // Only the running thread polls under a deterministic schedule, so the bit is
            // this thread's.
            self.obs.switch_due = false;
            self.eval_breaker
                .fetch_and(!breaker::SCHEDULE, Ordering::Relaxed);
            if self.obs.exploring {
                self.obs.next_consult = self.obs.steps + EXPLORE_CONSULT_STEPS;
            }
            let at = self.at();
            self.interp.sched.switch_point(self.tid, &at);
            if self.interp.sched.aborted() {
                return Err(exc::run_aborted());
            }
            self.refill_quantum();
        }
        if bits & breaker::STOP != 0 && self.interp.stop_reason().is_some() {
            return Err(exc::run_aborted());
        }
        if bits & breaker::GC != 0 {
            self.collect_garbage_if_due();
        }
        if bits & breaker::FINALIZE != 0 {
            self.run_pending_finalizers(None);
        }
        // Signals are delivered to the main thread only, as in CPython.
        if bits & breaker::SIGNAL != 0 && self.tid == ThreadId::MAIN {
            self.eval_breaker
                .fetch_and(!breaker::SIGNAL, Ordering::AcqRel);
            return Err(exc::keyboard_interrupt(""));
        }
        Ok(())
    }

    /// Runs instructions until a return, a yield or an error. The value stack and the
    /// program counter are moved out of the frame into locals for the duration, so that the
    /// loop keeps them in registers; they are put back on every exit.
    pub(crate) fn execute(&mut self, frame: &mut Frame) -> PyResult<Value> {
        let mut stack = std::mem::take(&mut frame.stack);
        let mut pc = frame.pc;
        // Two instantiations of the loop (`src/README.md`, decision 4): the observed one
        // counts instructions, tracks where it is and runs the deterministic quantum; the
        // plain one pays nothing for any of that.
        let r = if self.obs.observed {
            self.execute_inner::<true>(frame, &mut stack, &mut pc)
        } else {
            self.execute_inner::<false>(frame, &mut stack, &mut pc)
        };
        frame.stack = stack;
        frame.pc = pc;
        r
    }

    #[inline(always)]
    pub(crate) fn execute_inner<const OBSERVED: bool>(
        &mut self,
        frame: &mut Frame,
        stack: &mut Vec<Value>,
        pc: &mut usize,
    ) -> PyResult<Value> {
        // SAFETY: `frame` is borrowed exclusively for this whole call, and nothing in it
        // replaces or drops `frame.code`: the only write to `Frame::code` in the crate is in
        // `FramePool::frame`, on a frame taken out of the pool, and a frame being executed is
        // not in the pool (its owner recycles it only after `execute` returns). So the Arc
        // keeps the Code alive for as long as this reference is used. The reference
        // points into the Arc's heap allocation, not into `frame`, so the loop's later
        // mutable uses of `frame`'s other fields do not alias it. Borrowing it this way saves
        // an atomic increment and decrement per frame run (a Python call).
        let code: &Code = unsafe { &*Arc::as_ptr(&frame.code) };
        let instrs: &[Instruction] = &code.instructions;
        // When a switch may fall between any two instructions, each must be its own step: no
        // superinstructions. Otherwise the observed loop keeps them (they fuse only local
        // work, never a switch point) and counts each as the instructions it stands for.
        let every = OBSERVED && self.obs.every_switch_point;
        // An observer (explain, the stepper) also needs every shared access to be its own
        // instruction.
        let observing = OBSERVED && self.obs.observer.is_some();
        let quick: &[Instruction] = if every || observing {
            &code.instructions
        } else {
            &code.quickened
        };
        loop {
            if OBSERVED {
                self.obs.pc = *pc as u32;
                if every {
                    // `--switch-points every`: a switch may fall before any instruction.
                    self.poll_breaker()?;
                }
                self.tick(1);
                if observing {
                    self.observe(frame, stack, *pc)?;
                }
            }
            let Some(&ins) = quick.get(*pc) else {
                return Err(exc::system_error(
                    "gilvm: ran off the end of the code (compiler bug)",
                ));
            };
            *pc += 1;
            match ins {
                Instruction::LoadFast(LocalSlot(i)) => load_fast!(frame, code, stack, i),
                // The fused instructions of the counting loops (`dis` shows their originals):
                // each falls back to its first original instruction, a `LOAD_FAST`, when its
                // operands are not the ones it is made for.
                Instruction::FusedBinaryStore {
                    left,
                    right,
                    op,
                    store,
                } => {
                    let l = &frame.locals[left as usize];
                    let r = operand(code, frame, right, op.right_is_const);
                    if let (Value::Int(x), Value::Int(y)) = (l, r) {
                        let v = match op.op {
                            IntArith::Add => x.checked_add(*y),
                            IntArith::Subtract => x.checked_sub(*y),
                            IntArith::Multiply => x.checked_mul(*y),
                        };
                        if let Some(v) = v {
                            std::mem::replace(&mut frame.locals[store as usize], Value::Int(v))
                                .fast_drop();
                            *pc += 3;
                            if OBSERVED {
                                self.tick(3);
                            }
                            continue;
                        }
                    }
                    load_fast!(frame, code, stack, left);
                }
                Instruction::FusedCompareJump { left, right, op } => {
                    let l = &frame.locals[left as usize];
                    let r = operand(code, frame, right, op.right_is_const);
                    if let (
                        Value::Int(x),
                        Value::Int(y),
                        Some(&Instruction::PopJumpIfFalse(Label(t))),
                    ) = (l, r, instrs.get(*pc + 2))
                    {
                        let ok = match op.op {
                            IntCompare::Lt => x < y,
                            IntCompare::Le => x <= y,
                            IntCompare::Eq => x == y,
                            IntCompare::Ne => x != y,
                            IntCompare::Gt => x > y,
                            IntCompare::Ge => x >= y,
                        };
                        *pc = if ok { *pc + 3 } else { t as usize };
                        if OBSERVED {
                            self.tick(3);
                        }
                        continue;
                    }
                    load_fast!(frame, code, stack, left);
                }
                Instruction::FusedSubscr {
                    obj,
                    key,
                    key_is_const,
                }
                | Instruction::FusedSubscrKeep {
                    obj,
                    key,
                    key_is_const,
                } => {
                    // `Keep` stands for DUP_TOP_TWO too: the container and key stay below.
                    let keep = matches!(ins, Instruction::FusedSubscrKeep { .. });
                    let container = &frame.locals[obj as usize];
                    if let Value::Int(i) = *operand(code, frame, key, key_is_const)
                        && let Some(v) = fused_item(container, i)
                    {
                        if keep {
                            Value::push_value(stack, container.clone());
                            Value::push_int(stack, i);
                        }
                        push_result(stack, v);
                        let skipped = 2 + keep as usize;
                        *pc += skipped;
                        if OBSERVED {
                            self.tick(skipped as u64);
                        }
                        continue;
                    }
                    load_fast!(frame, code, stack, obj);
                }
                Instruction::FusedStoreSubscr {
                    obj,
                    key,
                    key_is_const,
                } => {
                    let k = operand(code, frame, key, key_is_const);
                    if let (Value::Int(i), Value::List(l)) = (k, &frame.locals[obj as usize])
                        && let Some(v) = stack.pop()
                    {
                        match store_item(l, *i, v) {
                            Ok(old) => {
                                old.fast_drop();
                                *pc += 2;
                                if OBSERVED {
                                    self.tick(2);
                                }
                                finalize_point!(self, frame, *pc);
                                continue;
                            }
                            Err(v) => Value::push_value(stack, v),
                        }
                    }
                    load_fast!(frame, code, stack, obj);
                }
                // Out of line, so the counting loops keep their tight code. The fallback is
                // the `LOAD_FAST`.
                Instruction::FusedLoadAttr { local, name }
                | Instruction::FusedStoreAttr { local, name } => {
                    let at = *pc - 1;
                    let done = if matches!(ins, Instruction::FusedLoadAttr { .. }) {
                        load_attr_of_local(frame, code, stack, local, name, at)
                    } else {
                        self.store_attr_of_local(frame, code, stack, local, name, at)
                    };
                    if done {
                        *pc += 1;
                        if OBSERVED {
                            self.tick(1);
                        }
                        continue;
                    }
                    load_fast!(frame, code, stack, local);
                }
                // Out of line, like the attribute fusions; a miss runs the first original.
                Instruction::FusedCallGlobal { name, argc } => {
                    let at = *pc - 1;
                    let loads = &instrs[at + 1..at + 1 + argc as usize];
                    match self.fused_global_callee(frame, code, loads, name) {
                        GlobalCallee::Frame(callee) => {
                            run_fused_call!(
                                self,
                                pc,
                                stack,
                                callee,
                                at + 1 + argc as usize,
                                argc as u64 + 1
                            );
                        }
                        GlobalCallee::Instance(inst) => {
                            // A class: the call as `CALL_FUNCTION` makes it, its arguments
                            // taken straight from the loads.
                            let call_at = at + 1 + argc as usize;
                            *pc = call_at + 1;
                            self.obs.pc = call_at as u32;
                            if OBSERVED {
                                self.tick(argc as u64 + 1);
                            }
                            let mut args: [Value; MAX_FUSED_ARGS] =
                                std::array::from_fn(|_| Value::None);
                            for (a, ins) in args.iter_mut().zip(loads) {
                                *a = load_simple(frame, code, ins);
                            }
                            let r = self.init_instance(inst, &args[..loads.len()], &[])?;
                            push_result(stack, r);
                            continue;
                        }
                        GlobalCallee::Miss => {}
                    }
                    let v = self.load_global(frame, code, name as u32)?;
                    Value::push_value(stack, v);
                }
                Instruction::FusedCallMethod { local, name, argc } => {
                    let at = *pc - 1;
                    let loads = &instrs[at + 2..at + 2 + argc as usize];
                    if let Some(callee) = self.fused_method_frame(frame, code, loads, local, name) {
                        run_fused_call!(
                            self,
                            pc,
                            stack,
                            callee,
                            at + 2 + argc as usize,
                            argc as u64 + 2
                        );
                    }
                    load_fast!(frame, code, stack, local);
                }
                Instruction::StoreFast(LocalSlot(i)) => {
                    let v = pop!(stack);
                    std::mem::replace(&mut frame.locals[i as usize], v).fast_drop();
                }
                Instruction::LoadConst(ConstIdx(i)) => {
                    stack.push(code.consts[i as usize].fast_clone());
                }
                Instruction::Binary(op) | Instruction::Inplace(op) => {
                    // Two small ints, or floats (an int beside a float is converted, as
                    // float's own methods do): the result replaces the left operand in place.
                    let n = stack.len();
                    if n >= 2 {
                        match (&stack[n - 2], &stack[n - 1]) {
                            (Value::Int(x), Value::Int(y)) => {
                                if let Some(r) = match op {
                                    BinaryOp::Add => x.checked_add(*y),
                                    BinaryOp::Subtract => x.checked_sub(*y),
                                    BinaryOp::Multiply => x.checked_mul(*y),
                                    _ => None,
                                } {
                                    // SAFETY: shortens the stack by one; the element given
                                    // up is an int, which owns nothing, so not dropping it
                                    // is the same as dropping it.
                                    unsafe { stack.set_len(n - 1) };
                                    Value::overwrite_int(&mut stack[n - 2], r);
                                    continue;
                                }
                                if op == BinaryOp::TrueDivide
                                    && *y != 0
                                    && exact_in_float(*x)
                                    && exact_in_float(*y)
                                {
                                    // Both exact as floats, so one IEEE division is the
                                    // correctly rounded quotient int's true division gives.
                                    let r = *x as f64 / *y as f64;
                                    // SAFETY: as above.
                                    unsafe { stack.set_len(n - 1) };
                                    Value::overwrite_float(&mut stack[n - 2], r);
                                    continue;
                                }
                            }
                            (a, b) => {
                                if let Some((x, y)) = float_operands(a, b)
                                    && let Some(r) = float_arith(op, x, y)
                                {
                                    // SAFETY: as above; the element given up is an int or a
                                    // float, which own nothing.
                                    unsafe { stack.set_len(n - 1) };
                                    Value::overwrite_float(&mut stack[n - 2], r);
                                    continue;
                                }
                            }
                        }
                    }
                    let b = pop!(stack);
                    let a = pop!(stack);
                    let r = match (&a, &b) {
                        (Value::Int(x), Value::Int(y)) => {
                            // The common small-int cases inline; the rest (and overflow) out of line.
                            let fast = match op {
                                BinaryOp::Add => x.checked_add(*y),
                                BinaryOp::Subtract => x.checked_sub(*y),
                                BinaryOp::Multiply => x.checked_mul(*y),
                                _ => None,
                            };
                            match fast {
                                Some(r) => Value::Int(r),
                                None => int_binop(*x, *y, op)?,
                            }
                        }
                        (Value::Float(x), Value::Float(y))
                            if matches!(
                                op,
                                BinaryOp::Add | BinaryOp::Subtract | BinaryOp::Multiply
                            ) =>
                        {
                            Value::Float(match op {
                                BinaryOp::Add => x + y,
                                BinaryOp::Subtract => x - y,
                                _ => x * y,
                            })
                        }
                        _ => {
                            if matches!(ins, Instruction::Inplace(_)) {
                                self.inplace_op(&a, &b, op)?
                            } else {
                                self.binary_op(&a, &b, op)?
                            }
                        }
                    };
                    a.fast_drop();
                    b.fast_drop();
                    Value::push_value(stack, r);
                }
                Instruction::CompareOp(op) => {
                    let b = pop!(stack);
                    let a = pop!(stack);
                    if let (Value::Int(x), Value::Int(y)) = (&a, &b) {
                        let r = match op {
                            CompareOp::Lt => Some(x < y),
                            CompareOp::Le => Some(x <= y),
                            CompareOp::Eq => Some(x == y),
                            CompareOp::Ne => Some(x != y),
                            CompareOp::Gt => Some(x > y),
                            CompareOp::Ge => Some(x >= y),
                            _ => None,
                        };
                        if let Some(r) = r {
                            // A compare feeding a conditional jump skips the bool round trip.
                            // Purely local work: neither instruction is a switch point. An
                            // observer sees the jump as its own instruction (`--explain`
                            // tells a check from its jump).
                            if !every
                                && !observing
                                && let Some(&Instruction::PopJumpIfFalse(Label(t))) =
                                    instrs.get(*pc)
                            {
                                *pc = if r { *pc + 1 } else { t as usize };
                                if OBSERVED {
                                    self.tick(1);
                                }
                                continue;
                            }
                            Value::push_value(stack, Value::Bool(r));
                            continue;
                        }
                    }
                    let r = self.compare(&a, &b, op)?;
                    Value::push_value(stack, r);
                }
                Instruction::PopJumpIfFalse(Label(t)) => {
                    let v = pop!(stack);
                    let truth = match v {
                        Value::Bool(b) => b,
                        ref other => self.truthy(other)?,
                    };
                    if !truth {
                        *pc = t as usize;
                    }
                }
                Instruction::PopJumpIfTrue(Label(t)) => {
                    let v = pop!(stack);
                    let truth = match v {
                        Value::Bool(b) => b,
                        ref other => self.truthy(other)?,
                    };
                    if truth {
                        *pc = t as usize;
                    }
                }
                Instruction::JumpAbsolute(Label(t)) => {
                    let backward = (t as usize) < *pc;
                    if backward {
                        // Where a switch here stops the thread (a plain store: no branch).
                        self.obs.pc = (*pc - 1) as u32;
                        // Polled before the jump, so an exception raised here (Ctrl-C, a
                        // stopped run) is located at this instruction, as in CPython.
                        self.poll_breaker()?;
                        *pc = t as usize;
                    } else {
                        // `break`, after popping a for loop's iterator.
                        finalize_point!(self, frame, *pc);
                        *pc = t as usize;
                    }
                }
                Instruction::JumpForward(Label(t)) => *pc = t as usize,
                Instruction::ForIter(Label(t)) => {
                    let next = match top!(stack) {
                        Value::Iter(it) => match &**it {
                            IterObj::Range { next, stop, step } => {
                                let cur = next.load(Ordering::Relaxed);
                                if (*step > 0 && cur < *stop) || (*step < 0 && cur > *stop) {
                                    next.store(cur.wrapping_add(*step), Ordering::Relaxed);
                                    Value::push_int(stack, cur);
                                    continue;
                                } else {
                                    None
                                }
                            }
                            IterObj::List { .. } | IterObj::Tuple { .. } => {
                                it.next_item().flatten()
                            }
                            _ => {
                                let it = it.clone();
                                self.iter_next(&it)?
                            }
                        },
                        other => {
                            let other = other.clone();
                            self.next(&other)?
                        }
                    };
                    match next {
                        Some(v) => Value::push_value(stack, v),
                        None => {
                            stack.pop();
                            *pc = t as usize;
                        }
                    }
                }
                Instruction::LoadGlobal(NameIdx(i)) => {
                    let v = self.load_global(frame, code, i)?;
                    Value::push_value(stack, v);
                }
                Instruction::StoreGlobal(NameIdx(i)) => {
                    let v = pop!(stack);
                    frame.globals.insert(name_key(code, i), v);
                    finalize_point!(self, frame, *pc);
                }
                Instruction::LoadDeref(CellIdx(i)) => match frame.cells[i as usize].get() {
                    Some(v) => Value::push_value(stack, v),
                    None => return Err(unbound_deref(code, i, &frame.globals)),
                },
                Instruction::StoreDeref(CellIdx(i)) => {
                    let v = pop!(stack);
                    frame.cells[i as usize].set(Some(v));
                    finalize_point!(self, frame, *pc);
                }
                Instruction::LoadAttr(NameIdx(i)) => {
                    let obj = pop!(stack);
                    // Fast path: an instance attribute, found with the name's cached hash,
                    // when no data descriptor on the class comes first.
                    if let Value::Instance(inst) = &obj
                        && !inst.class.has_flag(class_flags::GETATTRIBUTE)
                        && let Value::Str(name) = &code.name_values[i as usize]
                        && self.no_data_descriptor(&inst.class, name)
                        && let Some(v) = inst.get_attr_hinted(name, &code.attr_hints[*pc - 1])
                    {
                        push_result(stack, v);
                        continue;
                    }
                    if let Value::Native(n) = &obj
                        && n.as_any().is::<FrameObject>()
                    {
                        self.frame_attr_here(frame, &obj, *pc - 1);
                    }
                    let v = self.getattr(&obj, &code.names[i as usize])?;
                    Value::push_value(stack, v);
                }
                Instruction::StoreAttr(NameIdx(i)) => {
                    let obj = pop!(stack);
                    let v = pop!(stack);
                    // Fast path: a plain instance whose class has no descriptor by that name.
                    if let Value::Instance(inst) = &obj
                        && let Value::Str(name) = &code.name_values[i as usize]
                        && self.plain_store(inst, name)
                    {
                        inst.set_attr_hinted(name, v, &code.attr_hints[*pc - 1]);
                        obj.fast_drop();
                        continue;
                    }
                    self.setattr(&obj, &code.names[i as usize], v)?;
                }
                Instruction::LoadMethod(NameIdx(i)) => {
                    let obj = pop!(stack);
                    let name = &code.names[i as usize];
                    let Value::Str(name_str) = &code.name_values[i as usize] else {
                        return Err(stack_underflow());
                    };
                    match self.find_method(&obj, name_str) {
                        Some(m) => {
                            Value::push_value(stack, m);
                            Value::push_value(stack, obj);
                        }
                        None => {
                            let attr = self.getattr(&obj, name)?;
                            Value::push_value(stack, Value::Null);
                            Value::push_value(stack, attr);
                        }
                    }
                }
                Instruction::CallMethod(n) => {
                    let n = n as usize;
                    // The method (or `NULL`), its object (or the callable) and the arguments.
                    let base = call_base!(self, pc, stack, n + 2);
                    simple_call!(self, stack, base, n + 1);
                    let callee = match stack[base] {
                        Value::Null => base + 1,
                        _ => base,
                    };
                    general_call!(self, frame, pc, stack, base, callee.., &[]);
                }
                Instruction::CallFunction(n) => {
                    let n = n as usize;
                    let base = call_base!(self, pc, stack, n + 1);
                    if n <= 1
                        && let Value::Builtin(b) = &stack[base]
                        && (n == 0 || crate::vm::builtins::reads_frame(b.func))
                        && let Some(v) = self.frame_builtin(frame, b.func, &stack[base + 1..])?
                    {
                        stack.truncate(base);
                        Value::push_value(stack, v);
                        continue;
                    }
                    simple_call!(self, stack, base, n);
                    general_call!(self, frame, pc, stack, base, base.., &[]);
                }
                Instruction::CallFunctionKw(n) => {
                    // Where the thread is if the call blocks or runs a frame (the event log
                    // and tracebacks of waits need it; one store).
                    self.obs.pc = (*pc - 1) as u32;
                    let names = pop!(stack);
                    let Value::Tuple(names) = names else {
                        return Err(stack_underflow());
                    };
                    let n = n as usize;
                    let nkw = names.0.len();
                    let len = stack.len();
                    if len < n + 1 || nkw > n {
                        return Err(stack_underflow());
                    }
                    let base = len - n - 1;
                    let kwargs: Vec<(Arc<str>, Value)> = names
                        .0
                        .iter()
                        .zip(stack[len - nkw..].iter())
                        .map(|(k, v)| (Arc::from(k.as_str().unwrap_or("")), v.clone()))
                        .collect();
                    general_call!(self, frame, pc, stack, base, base..len - nkw, &kwargs);
                }
                Instruction::CallFunctionEx(flags) => {
                    // Where the thread is if the call blocks or runs a frame (the event log
                    // and tracebacks of waits need it; one store).
                    self.obs.pc = (*pc - 1) as u32;
                    let kwargs = if flags & 1 != 0 {
                        Some(pop!(stack))
                    } else {
                        None
                    };
                    let args = pop!(stack);
                    let func = pop!(stack);
                    let args = match args {
                        Value::Tuple(t) => t.0.clone(),
                        other => self
                            .collect(&other)
                            .map_err(|e| self.not_iterable_after_star(e, &other, Some(&func)))?,
                    };
                    let kw = match kwargs {
                        Some(Value::Dict(d)) => d.to_kwargs()?,
                        _ => Vec::new(),
                    };
                    finalize_point!(self, frame, *pc);
                    let r = self.call(&func, &args, &kw);
                    drop((func, args, kw));
                    finalize_point!(self, frame, *pc);
                    Value::push_value(stack, r?);
                }
                Instruction::ReturnValue => {
                    let v = pop!(stack);
                    return Ok(v);
                }
                Instruction::PopTop => {
                    pop!(stack);
                }
                Instruction::RotTwo => {
                    let n = stack.len();
                    if n < 2 {
                        return Err(stack_underflow());
                    }
                    stack.swap(n - 1, n - 2);
                }
                Instruction::RotThree => {
                    let n = stack.len();
                    if n < 3 {
                        return Err(stack_underflow());
                    }
                    stack[n - 3..].rotate_right(1);
                }
                Instruction::RotFour => {
                    let n = stack.len();
                    if n < 4 {
                        return Err(stack_underflow());
                    }
                    stack[n - 4..].rotate_right(1);
                }
                Instruction::DupTop => {
                    let v = top!(stack).clone();
                    Value::push_value(stack, v);
                }
                Instruction::DupTopTwo => {
                    let n = stack.len();
                    if n < 2 {
                        return Err(stack_underflow());
                    }
                    let (a, b) = (stack[n - 2].clone(), stack[n - 1].clone());
                    Value::push_value(stack, a);
                    Value::push_value(stack, b);
                }
                Instruction::Nop => {}
                Instruction::UnaryNegative => {
                    let v = pop!(stack);
                    let r = self.unary_negative(&v)?;
                    Value::push_value(stack, r);
                }
                Instruction::UnaryPositive => {
                    let v = pop!(stack);
                    let r = self.unary_positive(&v)?;
                    Value::push_value(stack, r);
                }
                Instruction::UnaryNot => {
                    let v = pop!(stack);
                    let r = !self.truthy(&v)?;
                    Value::push_value(stack, Value::Bool(r));
                }
                Instruction::UnaryInvert => {
                    let v = pop!(stack);
                    let r = self.unary_invert(&v)?;
                    Value::push_value(stack, r);
                }
                Instruction::BinarySubscr => {
                    let key = pop!(stack);
                    let obj = pop!(stack);
                    let r = self.getitem(&obj, &key)?;
                    Value::push_value(stack, r);
                }
                Instruction::StoreSubscr => {
                    let key = pop!(stack);
                    let obj = pop!(stack);
                    let v = pop!(stack);
                    self.setitem(&obj, &key, v)?;
                    finalize_point!(self, frame, *pc);
                }
                Instruction::DeleteSubscr => {
                    let key = pop!(stack);
                    let obj = pop!(stack);
                    self.delitem(&obj, &key)?;
                    finalize_point!(self, frame, *pc);
                }
                Instruction::GetIter => {
                    let v = pop!(stack);
                    let it = self.get_iter(&v)?;
                    Value::push_value(stack, it);
                }
                Instruction::LoadName(NameIdx(i)) => {
                    let name = &code.names[i as usize];
                    let local = frame.ns.as_ref().and_then(|ns| ns.get_str(name));
                    let v = match local {
                        Some(v) => v,
                        None => self.load_global(frame, code, i)?,
                    };
                    Value::push_value(stack, v);
                }
                Instruction::StoreName(NameIdx(i)) => {
                    let v = pop!(stack);
                    let ns = frame.ns.as_ref().unwrap_or(&frame.globals);
                    ns.insert(name_key(code, i), v);
                    finalize_point!(self, frame, *pc);
                }
                Instruction::DeleteName(NameIdx(i)) => {
                    let name = &code.names[i as usize];
                    let ns = frame.ns.as_ref().unwrap_or(&frame.globals);
                    if ns.remove_str(name).is_none() {
                        return Err(exc::name_not_defined(name, &frame.globals));
                    }
                    finalize_point!(self, frame, *pc);
                }
                Instruction::DeleteGlobal(NameIdx(i)) => {
                    let name = &code.names[i as usize];
                    if frame.globals.remove_str(name).is_none() {
                        return Err(exc::name_not_defined(name, &frame.globals));
                    }
                    finalize_point!(self, frame, *pc);
                }
                Instruction::DeleteFast(LocalSlot(i)) => {
                    if let Value::Null = frame.locals[i as usize] {
                        return Err(unbound_local(&code.varnames[i as usize]));
                    }
                    frame.locals[i as usize] = Value::Null;
                    finalize_point!(self, frame, *pc);
                }
                Instruction::DeleteDeref(CellIdx(i)) => {
                    if frame.cells[i as usize].get().is_none() {
                        return Err(unbound_deref(code, i, &frame.globals));
                    }
                    frame.cells[i as usize].set(None);
                    finalize_point!(self, frame, *pc);
                }
                Instruction::LoadClosure(CellIdx(i)) => {
                    Value::push_value(stack, Value::Cell(frame.cells[i as usize].clone()));
                }
                Instruction::LoadClassDeref(CellIdx(i)) => {
                    let name = code.cell_name(CellIdx(i));
                    let local = frame.ns.as_ref().and_then(|ns| ns.get_str(name));
                    match local.or_else(|| frame.cells[i as usize].get()) {
                        Some(v) => Value::push_value(stack, v),
                        None => return Err(unbound_deref(code, i, &frame.globals)),
                    }
                }
                Instruction::DeleteAttr(NameIdx(i)) => {
                    let obj = pop!(stack);
                    self.delattr(&obj, &code.names[i as usize])?;
                    drop(obj);
                    finalize_point!(self, frame, *pc);
                }
                Instruction::MakeFunction(flags) => {
                    let f = self.make_function(frame, stack, flags)?;
                    Value::push_value(stack, f);
                }
                Instruction::LoadBuildClass => {
                    Value::push_value(stack, crate::vm::class::BUILD_CLASS.clone())
                }
                Instruction::BuildTuple(n) => {
                    let items = pop_n(stack, n)?;
                    Value::push_value(stack, Value::tuple(items));
                }
                Instruction::BuildList(n) => {
                    let items = pop_n(stack, n)?;
                    Value::push_value(stack, Value::list(items));
                }
                Instruction::BuildSet(n) => {
                    let items = pop_n(stack, n)?;
                    let mut set = KeySet::default();
                    let mut keys = Vec::with_capacity(items.len());
                    for v in &items {
                        keys.push(self.hash_key(v)?);
                    }
                    set.update(&self.canonical(&KeySet::new(), Operand::Seq(keys))?);
                    // A display of constants is a frozenset constant in CPython.
                    set = crate::vm::object::set_table::fold_display(
                        set,
                        instrs,
                        *pc - 1,
                        n as usize,
                    );
                    Value::push_value(stack, Value::set(set, false));
                }
                Instruction::BuildMap(n) => {
                    let items = pop_n(stack, n * 2)?;
                    let d = Dict::new();
                    let mut it = items.into_iter();
                    while let (Some(k), Some(v)) = (it.next(), it.next()) {
                        let k = self.hash_key(&k)?;
                        self.dict_set(&d, k, v)?;
                    }
                    Value::push_value(stack, Value::dict(d));
                }
                Instruction::BuildConstKeyMap(n) => {
                    let keys = pop!(stack);
                    let values = pop_n(stack, n)?;
                    let Value::Tuple(keys) = keys else {
                        return Err(stack_underflow());
                    };
                    let d = Dict::new();
                    for (k, v) in keys.0.iter().zip(values) {
                        d.insert(self.hash_key(k)?, v);
                    }
                    Value::push_value(stack, Value::dict(d));
                }
                Instruction::BuildString(n) => {
                    let items = pop_n(stack, n)?;
                    let mut s = String::new();
                    for v in &items {
                        if let Value::Str(p) = v {
                            s.push_str(p.as_str());
                        }
                    }
                    Value::push_value(stack, Value::string(s));
                }
                Instruction::BuildSlice(n) => {
                    // `list[a:b]`, `list[a:b:c]` with int or None bounds: the slice is read
                    // straight from the bounds, with no slice object (it cannot fail, so no
                    // error needs the subscript's position). Purely local work, as the
                    // fused compare and jump: neither instruction is a switch point.
                    if !every
                        && !observing
                        && let Some(&Instruction::BinarySubscr) = instrs.get(*pc)
                        && let Some(r) = fused_list_slice(stack, n)
                    {
                        *pc += 1;
                        if OBSERVED {
                            self.tick(1);
                        }
                        Value::push_value(stack, r);
                        continue;
                    }
                    // `list[a:b] = <list or tuple>` likewise, where it cannot fail.
                    if !every
                        && !observing
                        && let Some(&Instruction::StoreSubscr) = instrs.get(*pc)
                        && fused_list_slice_store(stack, n)
                    {
                        *pc += 1;
                        if OBSERVED {
                            self.tick(1);
                        }
                        finalize_point!(self, frame, *pc);
                        continue;
                    }
                    let step = if n == 3 { pop!(stack) } else { Value::None };
                    let stop = pop!(stack);
                    let start = pop!(stack);
                    stack.push(Value::Slice(Arc::new(crate::vm::object::SliceObj {
                        start,
                        stop,
                        step,
                    })));
                }
                Instruction::ListAppend(i) => {
                    let v = pop!(stack);
                    match peek(stack, i)? {
                        Value::List(l) => l.push(v),
                        _ => return Err(stack_underflow()),
                    }
                }
                Instruction::SetAdd(i) => {
                    let v = pop!(stack);
                    let k = self.hash_key(&v)?;
                    match peek(stack, i)? {
                        Value::Set(s) => {
                            let s = s.clone();
                            self.set_add(&s, k)?;
                        }
                        _ => return Err(stack_underflow()),
                    }
                }
                Instruction::MapAdd(i) => {
                    let v = pop!(stack);
                    let k = pop!(stack);
                    let k = self.hash_key(&k)?;
                    match peek(stack, i)? {
                        Value::Dict(d) => {
                            let d = d.clone();
                            self.dict_set(&d, k, v)?;
                        }
                        _ => return Err(stack_underflow()),
                    }
                }
                Instruction::ListExtend(i) => {
                    let v = pop!(stack);
                    let items = match self.collect(&v) {
                        Ok(items) => items,
                        Err(e) => {
                            let func = lone_star_call(&code.instructions, *pc, stack, i);
                            return Err(self.not_iterable_after_star(e, &v, func.as_ref()));
                        }
                    };
                    match peek(stack, i)? {
                        Value::List(l) => l.items.lock().extend(items),
                        _ => return Err(stack_underflow()),
                    }
                }
                Instruction::SetUpdate(i) => {
                    let v = pop!(stack);
                    let other = crate::vm::object::set_table::operand(self, &v)?;
                    match peek(stack, i)? {
                        Value::Set(s) => {
                            let s = s.clone();
                            let other = self.canonical_for(&s, other)?;
                            s.items.lock().update(&other);
                        }
                        _ => return Err(stack_underflow()),
                    }
                }
                Instruction::DictUpdate(i) | Instruction::DictMerge(i) => {
                    let v = pop!(stack);
                    // In a call, the function is under the dict and the positional arguments.
                    let func = match ins {
                        Instruction::DictMerge(_) => Some(peek(stack, i + 2)?.clone()),
                        _ => None,
                    };
                    let items = self.mapping_items(&v, func.as_ref())?;
                    let target = peek(stack, i)?.clone();
                    let Value::Dict(d) = target else {
                        return Err(stack_underflow());
                    };
                    for (k, val) in items {
                        let key = self.hash_key(&k)?;
                        if let Some(func) = &func
                            && self.dict_contains(&d, &key)?
                        {
                            let kr = self.repr(&k)?;
                            let fs = self.function_str(func);
                            return Err(exc::type_error(format!(
                                "{fs} got multiple values for keyword argument {kr}"
                            )));
                        }
                        self.dict_set(&d, key, val)?;
                    }
                }
                Instruction::ListToTuple => {
                    let v = pop!(stack);
                    let items = self.collect(&v)?;
                    Value::push_value(stack, Value::tuple(items));
                }
                Instruction::GetLen => {
                    let n = self.len(top!(stack))?;
                    Value::push_value(stack, Value::Int(n as i64));
                }
                Instruction::MatchSequence => {
                    let yes = matches!(
                        top!(stack),
                        Value::List(_) | Value::Tuple(_) | Value::Range(_)
                    );
                    Value::push_value(stack, Value::Bool(yes));
                }
                Instruction::MatchMapping => {
                    let yes = matches!(top!(stack), Value::Dict(_));
                    Value::push_value(stack, Value::Bool(yes));
                }
                Instruction::MatchKeys => {
                    let n = stack.len();
                    let found = match (stack.get(n.wrapping_sub(2)), stack.get(n.wrapping_sub(1))) {
                        (Some(Value::Dict(d)), Some(Value::Tuple(keys))) => {
                            let (d, keys) = (d.clone(), keys.clone());
                            self.match_keys(&d, &keys.0)?
                        }
                        _ => return Err(stack_underflow()),
                    };
                    Value::push_value(stack, found);
                }
                Instruction::CopyDictWithoutKeys => {
                    let keys = pop!(stack);
                    let (Value::Dict(d), Value::Tuple(keys)) = (top!(stack), &keys) else {
                        return Err(stack_underflow());
                    };
                    let copy = d.copy();
                    for k in keys.0.iter() {
                        let hk = self.hash_key(k)?;
                        copy.remove(&hk);
                    }
                    Value::push_value(stack, Value::dict(copy));
                }
                Instruction::MatchClass(count) => {
                    let names = pop!(stack);
                    let cls = pop!(stack);
                    let subject = pop!(stack);
                    let r = self.match_class(&subject, &cls, count as usize, &names)?;
                    Value::push_value(stack, r);
                }
                Instruction::UnpackSequence(n) => {
                    let v = pop!(stack);
                    if let Err(v) = unpack_exact(stack, v, n as usize) {
                        let items = self.unpack(&v, n as usize)?;
                        stack.extend(items.into_iter().rev());
                    }
                }
                Instruction::UnpackEx(counts) => {
                    let v = pop!(stack);
                    let (before, after) = ((counts & 0xff) as usize, (counts >> 8) as usize);
                    let items = self.collect(&v).map_err(|e| {
                        if e.matches(&types().type_error) && !matches!(v, Value::Instance(_)) {
                            exc::type_error(format!(
                                "cannot unpack non-iterable {} object",
                                v.type_name()
                            ))
                        } else {
                            e
                        }
                    })?;
                    if items.len() < before + after {
                        return Err(exc::value_error(format!(
                            "not enough values to unpack (expected at least {}, got {})",
                            before + after,
                            items.len()
                        )));
                    }
                    let mid_end = items.len() - after;
                    let mut items = items;
                    let tail: Vec<Value> = items.split_off(mid_end);
                    let middle: Vec<Value> = items.split_off(before);
                    stack.extend(tail.into_iter().rev());
                    Value::push_value(stack, Value::list(middle));
                    stack.extend(items.into_iter().rev());
                }
                Instruction::FormatValue(flags) => {
                    let spec = if flags & fv::HAVE_SPEC != 0 {
                        Some(pop!(stack))
                    } else {
                        None
                    };
                    let v = pop!(stack);
                    let v = match flags & fv::CONV_MASK {
                        fv::CONV_STR => self.to_str_value(&v)?,
                        fv::CONV_REPR => Value::string(self.repr(&v)?),
                        fv::CONV_ASCII => Value::string(ascii_escape(&self.repr(&v)?)),
                        _ => v,
                    };
                    let spec_str = match &spec {
                        Some(Value::Str(s)) => s.as_str(),
                        _ => "",
                    };
                    let r = match (&v, spec_str) {
                        (Value::Str(_), "") => v,
                        _ => Value::string(crate::vm::format::value::format_value(
                            self, &v, spec_str,
                        )?),
                    };
                    Value::push_value(stack, r);
                }
                Instruction::JumpIfFalseOrPop(Label(t)) => {
                    let v = top!(stack).clone();
                    if !self.truthy(&v)? {
                        *pc = t as usize;
                    } else {
                        stack.pop();
                    }
                }
                Instruction::JumpIfTrueOrPop(Label(t)) => {
                    let v = top!(stack).clone();
                    if self.truthy(&v)? {
                        *pc = t as usize;
                    } else {
                        stack.pop();
                    }
                }
                Instruction::SetupFinally(Label(t)) => {
                    frame.blocks.push(Block {
                        kind: BlockKind::Finally,
                        handler: t,
                        level: stack.len() as u32,
                    });
                }
                Instruction::SetupWith(Label(t)) => {
                    let mgr = pop!(stack);
                    let (enter, exit) = self.context_methods(&mgr, false)?;
                    Value::push_value(stack, exit);
                    frame.blocks.push(Block {
                        kind: BlockKind::Finally,
                        handler: t,
                        level: stack.len() as u32,
                    });
                    let r = self.call0(&enter)?;
                    Value::push_value(stack, r);
                }
                Instruction::BeforeAsyncWith => {
                    let mgr = pop!(stack);
                    let (enter, exit) = self.context_methods(&mgr, true)?;
                    Value::push_value(stack, exit);
                    let r = self.call0(&enter)?;
                    Value::push_value(stack, r);
                }
                Instruction::SetupAsyncWith(Label(t)) => {
                    // The entered value on top is not part of the cleanup.
                    frame.blocks.push(Block {
                        kind: BlockKind::Finally,
                        handler: t,
                        level: stack.len().saturating_sub(1) as u32,
                    });
                }
                Instruction::GetAwaitable => {
                    let v = pop!(stack);
                    let it = self.awaitable_iter(v)?;
                    Value::push_value(stack, it);
                }
                Instruction::GetAiter => {
                    let v = pop!(stack);
                    let it = self.get_aiter(v)?;
                    Value::push_value(stack, it);
                }
                Instruction::GetAnext => {
                    let it = self.get_anext(top!(stack))?;
                    Value::push_value(stack, it);
                }
                Instruction::EndAsyncFor => {
                    let e = pop!(stack);
                    if !self.is_stop_async_iteration(&e) {
                        self.reraising = true;
                        return Err(to_pyerr(&e)?);
                    }
                }
                Instruction::WithExceptStart => {
                    let n = stack.len();
                    if n < 2 {
                        return Err(stack_underflow());
                    }
                    let (exit, e) = (stack[n - 2].clone(), stack[n - 1].clone());
                    let cls = Value::Class(crate::vm::object::registry::type_of(&e));
                    let tb = match &e {
                        Value::Instance(i) => i.exc().map_or(Value::None, |st| {
                            crate::vm::types::exceptions::get_traceback(st)
                        }),
                        _ => Value::None,
                    };
                    let r = self.call(&exit, &[cls, e.clone(), tb], &[])?;
                    Value::push_value(stack, r);
                }
                Instruction::PopBlock => {
                    frame.blocks.pop();
                }
                Instruction::PopExcept => {
                    if let Some(b) = frame.blocks.pop() {
                        debug_assert_eq!(b.kind, BlockKind::ExceptHandler);
                        self.exc_info.pop();
                        // The exception may be gone, and the generators its traceback kept.
                        finalize_point!(self, frame, *pc);
                    }
                }
                Instruction::Reraise => {
                    let e = pop!(stack);
                    self.reraising = true;
                    return Err(to_pyerr(&e)?);
                }
                Instruction::JumpIfNotExcMatch(Label(t)) => {
                    let right = pop!(stack);
                    let left = pop!(stack);
                    if !exception_matches(&left, &right)? {
                        *pc = t as usize;
                    }
                }
                Instruction::JumpIfNotEgMatch(Label(t)) => {
                    let typ = pop!(stack);
                    let rest = pop!(stack);
                    match self.eg_match(&rest, &typ)? {
                        Some((rest, matched)) => {
                            if let Some(top) = self.exc_info.last_mut() {
                                *top = matched.clone();
                            }
                            Value::push_value(stack, rest);
                            Value::push_value(stack, matched);
                        }
                        None => {
                            Value::push_value(stack, rest);
                            *pc = t as usize;
                        }
                    }
                }
                Instruction::PrepReraiseStar => {
                    let list = pop!(stack);
                    let orig = pop!(stack);
                    let excs = self.collect(&list)?;
                    let r = crate::vm::types::exceptions::prep_reraise_star(self, &orig, &excs)?;
                    Value::push_value(stack, r);
                }
                Instruction::RaiseVarargs(n) => {
                    return Err(self.do_raise(stack, n)?);
                }
                Instruction::LoadAssertionError => {
                    Value::push_value(stack, Value::Class(types().assertion_error.clone()));
                }
                Instruction::ImportName(NameIdx(i)) => {
                    let fromlist = pop!(stack);
                    let level = pop!(stack);
                    if matches!(level, Value::Int(n) if n > 0) {
                        // No module here is in a package (CPython's `_calc___package__`
                        // finds none for a script or a module beside it).
                        return Err(exc::import_error(
                            "attempted relative import with no known parent package",
                        ));
                    }
                    let name = &code.names[i as usize];
                    let module = crate::vm::modules::import(self, name)?;
                    let r = if fromlist.is_none() && name.contains('.') {
                        let top = name.split('.').next().unwrap_or(name);
                        crate::vm::modules::import(self, top)?
                    } else {
                        module
                    };
                    Value::push_value(stack, r);
                }
                Instruction::ImportFrom(NameIdx(i)) => {
                    let module = top!(stack).clone();
                    let name = &code.names[i as usize];
                    match self.getattr_opt(&module, name)? {
                        Some(v) => Value::push_value(stack, v),
                        None => return Err(self.cannot_import(&module, name)),
                    }
                }
                Instruction::ImportStar => {
                    let module = pop!(stack);
                    if let Value::Module(m) = module {
                        let ns = frame.ns.clone().unwrap_or_else(|| frame.globals.clone());
                        for (k, v) in m.dict.items() {
                            if k.as_str().is_some_and(|s| !s.starts_with('_')) {
                                ns.insert(self.hash_key(&k)?, v);
                            }
                        }
                    }
                }
                Instruction::SetupAnnotations => {
                    let ns = frame.ns.clone().unwrap_or_else(|| frame.globals.clone());
                    if ns.get_str("__annotations__").is_none() {
                        ns.set_str("__annotations__", Value::dict(Dict::new()));
                    }
                }
                Instruction::PrintExpr => {
                    let v = pop!(stack);
                    if !v.is_none() {
                        let s = self.repr(&v)?;
                        self.write_stdout(&s)?;
                        self.write_stdout("\n")?;
                        self.interp.builtins.set_str("_", v);
                    }
                }
                Instruction::YieldValue => {
                    let v = pop!(stack);
                    frame.yielded = true;
                    return Ok(v);
                }
                Instruction::YieldFrom => {
                    let sent = pop!(stack);
                    let sub = top!(stack).clone();
                    match crate::vm::generator::send_to(self, &sub, sent)? {
                        crate::vm::generator::GenResult::Yield(v) => {
                            // Come back to this instruction when resumed.
                            *pc -= 1;
                            frame.yielded = true;
                            return Ok(v);
                        }
                        crate::vm::generator::GenResult::Return(v) => {
                            stack.pop();
                            Value::push_value(stack, v);
                        }
                    }
                }
                Instruction::GetYieldFromIter => {
                    let v = pop!(stack);
                    let it = if crate::vm::generator::is_generator(&v) {
                        v
                    } else {
                        self.get_iter(&v)?
                    };
                    Value::push_value(stack, it);
                }
            }
        }
    }

    #[inline]
    pub(crate) fn load_global(&mut self, frame: &Frame, code: &Code, i: u32) -> PyResult<Value> {
        let Value::Str(name) = &code.name_values[i as usize] else {
            return Err(stack_underflow());
        };
        let builtins = &self.interp.builtins;
        let versions = LookupCache::global_versions(&frame.globals, builtins);
        let cache = &mut self.frame_pool.lookups;
        if let Some(v) = cache.global(&frame.globals, versions, name) {
            return Ok(v);
        }
        let found = match frame.globals.get_pystr(name) {
            Some(v) => Some(v),
            None if self.interp.builtins_overridden.load(Ordering::Relaxed) => {
                return load_own_builtin(frame, builtins, name);
            }
            None => builtins.get_pystr(name),
        };
        match found {
            Some(v) => {
                cache.fill_global(&frame.globals, name, versions, v.clone());
                Ok(v)
            }
            None => Err(exc::name_not_defined(name.as_str(), &frame.globals)),
        }
    }

    /// `FUSED_STORE_ATTR`'s fast case: a plain instance in `locals[local]` (see
    /// [`Vm::plain_store`]) gets TOS stored under `name` (true); otherwise nothing happens
    /// (false).
    #[inline(never)]
    pub(crate) fn store_attr_of_local(
        &mut self,
        frame: &Frame,
        code: &Code,
        stack: &mut Vec<Value>,
        local: u16,
        name: u16,
        at: usize,
    ) -> bool {
        if let Some(Value::Instance(inst)) = frame.locals.get(local as usize)
            && let Some(Value::Str(name)) = code.name_values.get(name as usize)
            && self.plain_store(inst, name)
            && let Some(hint) = code.attr_hints.get(at)
            && let Some(v) = stack.pop()
        {
            inst.set_attr_hinted(name, v, hint);
            return true;
        }
        false
    }

    /// Whether `inst.name = v` is a plain store into the instance dict: no exception state,
    /// and no descriptor by that name on the class. Built-in bases (`object`) hold native
    /// values, so the class is asked through this thread's lookup cache rather than by
    /// walking its MRO each time.
    #[inline]
    pub(crate) fn plain_store(
        &mut self,
        inst: &Arc<crate::vm::object::Instance>,
        name: &Arc<PyStr>,
    ) -> bool {
        inst.exc().is_none()
            && inst.class.flags() & (class_flags::SETATTR | class_flags::SLOTTED) == 0
            // Instances of built-in classes (`object()`) take the checked path.
            && inst.class.kind == crate::vm::object::ClassKind::User
            // `obj.__dict__ = d` replaces the dict (CPython's `__dict__` is a data
            // descriptor of every class with instance dicts).
            && name.as_str() != "__dict__"
            && self.no_data_descriptor(&inst.class, name)
    }

    /// Whether `cls` certainly has no data descriptor named `name`, which would take a load
    /// or a store of an instance's attribute over (asked through this thread's lookup cache).
    #[inline]
    pub(crate) fn no_data_descriptor(&mut self, cls: &Arc<Class>, name: &Arc<PyStr>) -> bool {
        !cls.may_have_descriptors()
            || !self
                .class_attr(cls, name)
                .is_some_and(|v| crate::vm::object::is_data_descriptor(&v))
    }

    /// `FusedCallGlobal`'s fast cases, with one probe of the lookup cache (see
    /// [`crate::vm::frame::FramePool::global_callee`]): a function's frame, its arguments
    /// loaded by `loads`, or a class to call.
    #[inline(never)]
    pub(crate) fn fused_global_callee(
        &mut self,
        frame: &Frame,
        code: &Code,
        loads: &[Instruction],
        name: u16,
    ) -> GlobalCallee {
        let Some(Value::Str(name)) = code.name_values.get(name as usize) else {
            return GlobalCallee::Miss;
        };
        if !loads_bound(frame, loads) {
            return GlobalCallee::Miss;
        }
        let versions = LookupCache::global_versions(&frame.globals, &self.interp.builtins);
        self.frame_pool
            .global_callee(&frame.globals, versions, name, loads.len(), || {
                loads.iter().map(|ins| load_simple(frame, code, ins))
            })
    }

    /// `FusedCallMethod`'s fast case: `locals[local]` is an instance whose own dict does not
    /// shadow the method; the callee's frame gets the instance, then the loaded arguments.
    #[inline(never)]
    pub(crate) fn fused_method_frame(
        &mut self,
        frame: &Frame,
        code: &Code,
        loads: &[Instruction],
        local: u16,
        name: u16,
    ) -> Option<Box<Frame>> {
        let Some(Value::Instance(inst)) = frame.locals.get(local as usize) else {
            return None;
        };
        let Some(Value::Str(name)) = code.name_values.get(name as usize) else {
            return None;
        };
        if !loads_bound(frame, loads)
            || inst.class.has_flag(class_flags::GETATTRIBUTE)
            || inst.has_attr(name)
        {
            return None;
        }
        let versions = inst.class.mro_versions();
        let args = loads.iter().map(|ins| load_simple(frame, code, ins));
        let receiver = &frame.locals[local as usize];
        self.frame_pool.method_call_frame(
            &inst.class,
            versions,
            name,
            receiver,
            loads.len() + 1,
            args,
        )
    }

    /// For `LOAD_METHOD`: the function to call with `obj` as self, when `obj.name` would be a
    /// plain method bound to it (no instance attribute shadows it).
    pub(crate) fn find_method(&mut self, obj: &Value, name: &Arc<PyStr>) -> Option<Value> {
        let native_class;
        let cls = match obj {
            Value::Instance(inst) => {
                if inst.class.has_flag(class_flags::GETATTRIBUTE) || inst.has_attr(name) {
                    return None;
                }
                &inst.class
            }
            Value::Class(_) | Value::Module(_) | Value::Function(_) | Value::Method(_) => {
                return None;
            }
            Value::Native(n) => {
                native_class = n.class();
                &native_class
            }
            other => crate::vm::object::registry::builtin_type_of(other),
        };
        match self.class_attr(cls, name)? {
            m @ (Value::Function(_) | Value::Builtin(_)) => Some(m),
            _ => None,
        }
    }

    /// `name` looked up along `cls`'s MRO, through this thread's lookup cache.
    #[inline]
    pub(crate) fn class_attr(&mut self, cls: &Arc<Class>, name: &Arc<PyStr>) -> Option<Value> {
        let versions = cls.mro_versions();
        let cache = &mut self.frame_pool.lookups;
        if let Some(found) = cache.class_attr(cls, versions, name) {
            return found;
        }
        let found = cls.lookup_pystr(name);
        cache.fill_class_attr(cls, name, versions, found.clone());
        found
    }
}

#[cold]
pub(crate) fn unbound_local(name: &str) -> PyErr {
    exc::unbound_local_error(format!(
        "cannot access local variable '{}' where it is not associated with a value",
        name
    ))
}

#[cold]
pub(crate) fn unbound_deref(code: &Code, i: u32, globals: &Arc<Dict>) -> PyErr {
    let name = code.cell_name(CellIdx(i));
    if (i as usize) < code.cellvars.len() {
        unbound_local(name)
    } else {
        exc::name_error_for(
            format!(
                "cannot access free variable '{}' where it is not associated with a value in enclosing scope",
                name
            ),
            name,
            globals,
        )
    }
}

pub(crate) fn name_key(code: &Code, i: u32) -> HashKey {
    match &code.name_values[i as usize] {
        Value::Str(s) => HashKey::str(s),
        other => HashKey {
            value: other.clone(),
            hash: 0,
        },
    }
}

pub(crate) fn pop_n(stack: &mut Vec<Value>, n: u32) -> PyResult<Vec<Value>> {
    let n = n as usize;
    let len = stack.len();
    if len < n {
        return Err(stack_underflow());
    }
    Ok(stack.split_off(len - n))
}

/// The stack entry `i` places down (1 = top), as CPython's `PEEK(i)`.
/// The function called when the LIST_EXTEND before `pc` makes the positional arguments of
/// `f(*x)` or `f(*x, **k)` from a lone `*x`: the list is still empty, and LIST_TO_TUPLE then
/// CALL_FUNCTION_EX (or the keywords' BUILD_MAP) follow. CPython 3.11 passes a lone `*x`
/// to CALL_FUNCTION_EX as it is, which names the function when `x` is not iterable.
#[cold]
fn lone_star_call(code: &[Instruction], pc: usize, stack: &[Value], i: u32) -> Option<Value> {
    let follows = matches!(code.get(pc), Some(Instruction::ListToTuple))
        && matches!(
            code.get(pc + 1),
            Some(Instruction::CallFunctionEx(_) | Instruction::BuildMap(0))
        );
    let Ok(Value::List(l)) = peek(stack, i) else {
        return None;
    };
    if !follows || !l.items.lock().is_empty() {
        return None;
    }
    peek(stack, i + 1).ok().cloned()
}

pub(crate) fn peek(stack: &[Value], i: u32) -> PyResult<&Value> {
    let len = stack.len();
    if (i as usize) == 0 || len < i as usize {
        return Err(stack_underflow());
    }
    Ok(&stack[len - i as usize])
}

pub(crate) fn to_pyerr(v: &Value) -> PyResult<PyErr> {
    match v {
        Value::Instance(inst) if inst.exc().is_some() => Ok(PyErr::from_instance(inst.clone())),
        _ => Err(exc::system_error(
            "gilvm: re-raising a non-exception (compiler bug)",
        )),
    }
}

/// `except E:` matching: E is a class or a (nested) tuple of classes.
pub(crate) fn exception_matches(e: &Value, spec: &Value) -> PyResult<bool> {
    match spec {
        Value::Class(cls) => {
            if !cls.is_exception {
                return Err(exc::type_error(
                    "catching classes that do not inherit from BaseException is not allowed",
                ));
            }
            Ok(matches!(e, Value::Instance(i) if i.class.is_subclass_of(cls)))
        }
        Value::Tuple(t) => {
            for s in &t.0 {
                if exception_matches(e, s)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Err(exc::type_error(
            "catching classes that do not inherit from BaseException is not allowed",
        )),
    }
}

/// Keys built from constants never fail to hash.
pub fn const_key(v: &Value) -> HashKey {
    self_hash_key(v).unwrap_or(HashKey {
        value: v.clone(),
        hash: 0,
    })
}

#[allow(dead_code)]
pub(crate) fn _assert_send_sync() {
    pub(crate) fn is<T: Send + Sync>() {}
    is::<Value>();
    is::<Cell>();
    is::<Frame>();
}
