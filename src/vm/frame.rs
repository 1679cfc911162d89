//! A frame: one activation of a code object. Owned by the thread running it, never shared, so
//! its locals and value stack need no locks (the counting loop touches only this).

use std::sync::Arc;

use crate::vm::object::code::Code;
use crate::vm::object::value::{PyStr, Value};
use crate::vm::object::{Cell, Class, Dict, Function, NativeObject};

/// What a handler block on the block stack is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    /// `SETUP_FINALLY` / `SETUP_WITH`: on an exception, jump to `handler`.
    Finally,
    /// Inside an `except` body: leaving it (normally or by an exception) restores the
    /// previously handled exception.
    ExceptHandler,
}

#[derive(Debug, Clone, Copy)]
pub struct Block {
    pub kind: BlockKind,
    /// Instruction index of the handler.
    pub handler: u32,
    /// Value-stack depth to unwind to.
    pub level: u32,
}

pub struct Frame {
    pub code: Arc<Code>,
    /// Fast locals, `Value::Null` while unbound.
    pub locals: Vec<Value>,
    /// Cell variables, then free variables.
    pub cells: Vec<Arc<Cell>>,
    pub stack: Vec<Value>,
    pub blocks: Vec<Block>,
    /// Index of the next instruction.
    pub pc: usize,
    pub globals: Arc<Dict>,
    /// The locals namespace of module and class bodies (`LOAD_NAME`/`STORE_NAME`).
    pub ns: Option<Arc<Dict>>,
    /// A class body's namespace when `__prepare__` returned something other than a plain
    /// `dict` (a dict subclass, a user mapping): `ns` is then `None`, and the name
    /// instructions go through this object's `__getitem__`/`__setitem__`/`__delitem__`.
    pub ns_map: Option<Value>,
    /// Set by `YIELD_VALUE`: the value returned by the loop was yielded, not returned.
    pub yielded: bool,
    /// `locals[0]` is an uncounted copy of the caller's receiver (a bitwise copy of the
    /// caller's local, its reference count not raised), made by
    /// [`FramePool::method_call_frame`]; the frame forgets it instead of dropping it when
    /// it ends ([`Frame::forget_borrowed_self`], called by every end: `recycle` and drop).
    borrowed_self: bool,
    /// This frame's `frame` object, once one was asked for (kept here between runs of a
    /// generator's frame and after it returned; its [`FrameStack`] holds it while it runs).
    pub obj: Option<Value>,
}

impl Drop for Frame {
    fn drop(&mut self) {
        self.forget_borrowed_self();
    }
}

impl Frame {
    pub fn new(
        code: Arc<Code>,
        globals: Arc<Dict>,
        ns: Option<Arc<Dict>>,
        closure: &[Arc<Cell>],
    ) -> Frame {
        Frame::with_buffers(code, globals, ns, closure, Vec::new(), Vec::new())
    }

    /// A frame whose locals and value stack reuse `locals` and `stack` (empty vectors from
    /// the thread's [`FramePool`]), so a call allocates nothing in the common case.
    pub fn with_buffers(
        code: Arc<Code>,
        globals: Arc<Dict>,
        ns: Option<Arc<Dict>>,
        closure: &[Arc<Cell>],
        mut locals: Vec<Value>,
        mut stack: Vec<Value>,
    ) -> Frame {
        let cells = if code.shape.ncells == 0 {
            Vec::new()
        } else {
            let mut cells = Vec::with_capacity(code.shape.ncells as usize);
            for _ in 0..code.cellvars.len() {
                let c = Arc::new(Cell::new(None));
                crate::vm::object::gc::cell(&c);
                cells.push(c);
            }
            cells.extend_from_slice(closure);
            cells
        };
        locals.resize(code.shape.nlocals as usize, Value::Null);
        stack.reserve(code.shape.max_stack as usize + 1);
        Frame {
            locals,
            stack,
            blocks: Vec::new(),
            pc: 0,
            cells,
            globals,
            ns,
            ns_map: None,
            yielded: false,
            borrowed_self: false,
            obj: None,
            code,
        }
    }

    /// Takes the uncounted receiver copy out of `locals[0]` without dropping it (see
    /// `borrowed_self`).
    #[inline]
    fn forget_borrowed_self(&mut self) {
        if std::mem::take(&mut self.borrowed_self)
            && let Some(slot) = self.locals.first_mut()
        {
            std::mem::forget(std::mem::replace(slot, Value::Null));
        }
    }
}

/// Finished frames kept per thread for the next calls, and this thread's [`LookupCache`] (the
/// pool is the per-thread state of the call path).
///
/// A pooled frame keeps its locals and stack allocations, and its references to the code and
/// globals it last ran: calling the same function again (in a loop, or recursively) then costs
/// no allocation and no reference-count traffic for them. It holds no other value.
#[derive(Default)]
pub struct FramePool {
    /// Boxed, so that taking and returning one moves a pointer, not the frame (measured:
    /// calls.py 18% faster than with `Vec<Frame>`).
    #[allow(clippy::vec_box)]
    frames: Vec<Box<Frame>>,
    pub lookups: LookupCache,
}

impl FramePool {
    const MAX: usize = 64;

    /// A frame for `code` in `globals`, its cells made (closure last), its locals starting
    /// with `args` and then unbound.
    #[inline]
    pub fn frame(
        &mut self,
        code: &Arc<Code>,
        globals: &Arc<Dict>,
        closure: &[Arc<Cell>],
        args: impl IntoIterator<Item = Value>,
    ) -> Box<Frame> {
        pooled_frame(&mut self.frames, code, globals, closure, args)
    }

    /// The fused `LOAD_GLOBAL; <argc loads>; CALL_FUNCTION argc`, with one probe of this
    /// thread's cache for `name` in `globals` (at `versions`):
    /// - a function that [`is_simple_call`] accepts: its frame, built from the function as
    ///   it sits in the cache, borrowed (the call moves no reference count of the function),
    ///   its arguments `args()`;
    /// - a class made by a `class` statement with no metaclass (calling it is
    ///   `call_class`, whatever `__new__` and `__init__` it has): the class;
    /// - anything else, or nothing cached: the unfused path must run.
    #[inline]
    pub fn global_callee<I: IntoIterator<Item = Value>>(
        &mut self,
        globals: &Arc<Dict>,
        versions: u64,
        name: &Arc<PyStr>,
        argc: usize,
        args: impl FnOnce() -> I,
    ) -> GlobalCallee {
        match self
            .lookups
            .probe(Arc::as_ptr(globals) as usize, name, versions)
        {
            Some(Some(Value::Function(f))) if is_simple_call(f, argc) => GlobalCallee::Frame(
                pooled_frame(&mut self.frames, &f.code, &f.globals, &[], args()),
            ),
            // A plain user class: its new instance, made from the cache's reference to the
            // class (the instance's own is the only count raised; the instance then keeps
            // the class alive through `__init__`, whatever happens to the cache).
            Some(Some(Value::Class(c)))
                if c.kind == crate::vm::object::ClassKind::User
                    && c.metaclass.is_none()
                    && !c.has_flag(crate::vm::object::class_flags::NEW) =>
            {
                GlobalCallee::Instance(Value::new_instance(c.clone()))
            }
            _ => GlobalCallee::Miss,
        }
    }

    /// The fused `LOAD_FAST obj; LOAD_METHOD name; <loads>; CALL_METHOD`: as
    /// [`FramePool::global_call_frame`], for a method found on `cls` (at `versions`) in this
    /// thread's cache, called with `receiver` (the caller's local `obj`) then `args`.
    ///
    /// When the method never writes its first local ([`crate::bytecode::CodeObject::keeps_arg0`]), `self`
    /// is passed *borrowed*: `locals[0]` gets a bitwise copy of `receiver` without raising
    /// its reference count (two atomic read-modify-writes per call saved: a tenth of
    /// `benches/attrs.py`). Sound because:
    /// - the caller's local slot keeps its counted reference for the whole call: it can
    ///   change only through the caller's `&mut Frame`, held by the caller's suspended
    ///   eval loop until this frame has ended (frames run as nested Rust calls);
    /// - the callee has no instruction that overwrites or deletes local 0, so the copy
    ///   stays in `locals[0]` until the frame ends; copies made from it (`LOAD_FAST`,
    ///   `locals()`) are ordinary clones that count;
    /// - every end of the frame forgets the copy instead of dropping it (`recycle`, and
    ///   `Drop` for frames dropped otherwise, during a panic's unwinding included); the
    ///   flag is set before the copy is written, so no end can miss it.
    ///
    /// This, [`cached_function`] and [`pooled_frame`] are always inlined into the fused
    /// method call: left to the inliner they were called out of line once the call site
    /// checked the class's hook bits (1.9% of `benches/attrs.py`'s instructions).
    #[inline(always)]
    pub fn method_call_frame(
        &mut self,
        cls: &Arc<Class>,
        versions: u64,
        name: &Arc<PyStr>,
        receiver: &Value,
        argc: usize,
        args: impl IntoIterator<Item = Value>,
    ) -> Option<Box<Frame>> {
        let f = cached_function(
            &self.lookups,
            Arc::as_ptr(cls) as usize,
            versions,
            name,
            argc,
        )?;
        // SAFETY: the caller's eval loop holds `receiver` in its frame's local slot for the
        // whole call (the argument above).
        Some(unsafe { bound_frame(&mut self.frames, f, receiver, args) })
    }

    /// A frame for `f` called with `receiver` then `args` (the method's `self` of a fused
    /// method call, a bound method's `self`, a class's new instance for `__init__`); `f`
    /// takes `args.len() + 1` plain positional arguments ([`is_simple_call`]). When `f`
    /// never writes its first local, `receiver` is passed borrowed, as argued at
    /// [`FramePool::method_call_frame`].
    ///
    /// # Safety
    /// `receiver` must stay where it is, unchanged, until the frame has ended (run and
    /// recycled, or dropped): the frame's local 0 may be a bitwise copy of it.
    #[inline(always)]
    pub unsafe fn bound_call_frame(
        &mut self,
        f: &Arc<Function>,
        receiver: &Value,
        args: impl IntoIterator<Item = Value>,
    ) -> Box<Frame> {
        // SAFETY: the caller's contract is this function's.
        unsafe { bound_frame(&mut self.frames, f, receiver, args) }
    }

    /// Takes a finished frame back: its values are dropped here, its buffers kept.
    #[inline]
    pub fn recycle(&mut self, mut frame: Box<Frame>) {
        frame.forget_borrowed_self();
        frame.locals.clear();
        frame.stack.clear();
        frame.cells.clear();
        frame.blocks.clear();
        frame.ns = None;
        frame.pc = 0;
        frame.yielded = false;
        frame.obj = None;
        if self.frames.len() < Self::MAX
            && frame.locals.capacity() <= 256
            && frame.stack.capacity() <= 256
        {
            self.frames.push(frame);
        }
    }
}

/// What [`FramePool::global_callee`] found.
pub enum GlobalCallee {
    Frame(Box<Frame>),
    /// A new instance of the plain user class found: `__init__` is still to run
    /// ([`crate::vm::Vm::init_instance`]).
    Instance(Arc<crate::vm::object::Instance>),
    Miss,
}

/// [`FramePool::bound_call_frame`], on the pool's frames.
///
/// # Safety
/// As for [`FramePool::bound_call_frame`].
#[inline(always)]
#[allow(clippy::vec_box)] // the pool's frames are boxed: see `FramePool::frames`
unsafe fn bound_frame(
    frames: &mut Vec<Box<Frame>>,
    f: &Arc<Function>,
    receiver: &Value,
    args: impl IntoIterator<Item = Value>,
) -> Box<Frame> {
    let borrow = f.code.shape.keeps_arg0;
    let first = if borrow {
        Value::Null
    } else {
        receiver.clone()
    };
    let mut frame = pooled_frame(
        frames,
        &f.code,
        &f.globals,
        &[],
        std::iter::once(first).chain(args),
    );
    if borrow && let Some(slot) = frame.locals.first_mut() {
        frame.borrowed_self = true;
        // SAFETY: the copy is never dropped (the flag, set just before, makes every end
        // of the frame forget it), and the original it aliases outlives it (the
        // caller's contract).
        *slot = unsafe { std::ptr::read(receiver) };
    }
    frame
}

/// The function cached under (`scope`, `name`) at `versions`, if a call with `argc` plain
/// positional arguments needs no binding (borrowed from the cache: no count raised).
#[inline(always)]
fn cached_function<'a>(
    lookups: &'a LookupCache,
    scope: usize,
    versions: u64,
    name: &Arc<PyStr>,
    argc: usize,
) -> Option<&'a Arc<Function>> {
    match lookups.probe(scope, name, versions)? {
        Some(Value::Function(f)) if is_simple_call(f, argc) => Some(f),
        _ => None,
    }
}

/// A frame from `frames` (or a new one) for `code` in `globals`: see [`FramePool::frame`].
#[inline(always)]
#[allow(clippy::vec_box)] // the pool's frames are boxed: see `FramePool::frames`
fn pooled_frame(
    frames: &mut Vec<Box<Frame>>,
    code: &Arc<Code>,
    globals: &Arc<Dict>,
    closure: &[Arc<Cell>],
    args: impl IntoIterator<Item = Value>,
) -> Box<Frame> {
    let Some(mut frame) = frames.pop() else {
        let mut locals = Vec::new();
        locals.extend(args);
        return Box::new(Frame::with_buffers(
            code.clone(),
            globals.clone(),
            None,
            closure,
            locals,
            Vec::new(),
        ));
    };
    if !Arc::ptr_eq(&frame.code, code) {
        frame.code = code.clone();
    }
    if !Arc::ptr_eq(&frame.globals, globals) {
        frame.globals = globals.clone();
    }
    if code.shape.ncells != 0 {
        frame.cells.reserve(code.shape.ncells as usize);
        for _ in 0..code.cellvars.len() {
            let c = Arc::new(Cell::new(None));
            crate::vm::object::gc::cell(&c);
            frame.cells.push(c);
        }
        frame.cells.extend_from_slice(closure);
    }
    frame.locals.extend(args);
    frame
        .locals
        .resize(code.shape.nlocals as usize, Value::Null);
    frame.stack.reserve(code.shape.max_stack as usize + 1);
    frame
}

/// Whether a call of `func` with `nargs` positional arguments needs no argument binding:
/// exactly the positional parameters, no cells, not a generator or coroutine. Such a call
/// moves its arguments straight into the new frame's first locals.
#[inline(always)]
pub fn is_simple_call(func: &Function, nargs: usize) -> bool {
    // `simple_argc` is `u32::MAX` when no call is simple, which no `nargs` equals.
    func.code.shape.simple_argc as usize == nargs
}

/// This thread's cache of name lookups: `LOAD_GLOBAL` (globals, then builtins) and attributes
/// found on a class along its MRO (`LOAD_METHOD`). Per thread, so a hit takes no lock and
/// touches no shared line but the dicts' version words.
///
/// An entry keeps strong references to the name and to the globals dict or class it was
/// filled from, so the addresses it compares cannot be taken by a new object while it lives,
/// and a copy of what the lookup found. It is valid while the sum of the versions of the
/// dicts the lookup consulted is unchanged: versions only grow, so an equal sum means that no
/// dict changed. The sum is read before the lookup ([`Dict::version`]), so a change racing
/// with the fill can only make the entry miss. A store made by this thread is therefore always
/// seen; one made by another thread is seen once its version bump is visible, like the store.
#[derive(Default)]
pub struct LookupCache {
    /// Empty until the first fill (threads that never look a name up allocate nothing).
    slots: Vec<Slot>,
}

#[derive(Default)]
struct Slot {
    name: Option<Arc<PyStr>>,
    owner: Owner,
    versions: u64,
    found: Option<Value>,
}

#[derive(Default)]
enum Owner {
    #[default]
    Empty,
    Globals(Arc<Dict>),
    Class(Arc<Class>),
}

impl Owner {
    fn addr(&self) -> usize {
        match self {
            Owner::Empty => 0,
            Owner::Globals(g) => Arc::as_ptr(g) as usize,
            Owner::Class(c) => Arc::as_ptr(c) as usize,
        }
    }
}

impl LookupCache {
    const SLOTS: usize = 256;

    #[inline]
    fn index(owner: usize, name: &Arc<PyStr>) -> usize {
        let mix = (owner ^ (Arc::as_ptr(name) as usize).rotate_left(17))
            .wrapping_mul(0x9e37_79b9_7f4a_7c15_u64 as usize);
        mix >> (usize::BITS - Self::SLOTS.trailing_zeros())
    }

    #[inline]
    fn probe(&self, owner: usize, name: &Arc<PyStr>, versions: u64) -> Option<&Option<Value>> {
        let slot = self.slots.get(Self::index(owner, name))?;
        let hit = slot.owner.addr() == owner
            && slot.versions == versions
            && slot.name.as_ref().is_some_and(|n| Arc::ptr_eq(n, name));
        hit.then_some(&slot.found)
    }

    fn fill(
        &mut self,
        addr: usize,
        owner: impl FnOnce() -> Owner,
        name: &Arc<PyStr>,
        versions: u64,
        found: Option<Value>,
    ) {
        if self.slots.is_empty() {
            self.slots.resize_with(Self::SLOTS, Slot::default);
        }
        let slot = &mut self.slots[Self::index(addr, name)];
        // Refilling the same name and owner (a global that keeps changing) moves no refcount.
        if slot.owner.addr() != addr || !slot.name.as_ref().is_some_and(|n| Arc::ptr_eq(n, name)) {
            slot.owner = owner();
            slot.name = Some(name.clone());
        }
        slot.versions = versions;
        slot.found = found;
    }

    /// The sum of versions of `globals` and `builtins` (read it before the lookup).
    #[inline]
    pub fn global_versions(globals: &Dict, builtins: &Dict) -> u64 {
        globals.version().wrapping_add(builtins.version())
    }

    /// A cached `LOAD_GLOBAL` result for `name` in `globals`, if still valid.
    #[inline]
    pub fn global(&self, globals: &Arc<Dict>, versions: u64, name: &Arc<PyStr>) -> Option<Value> {
        match self.probe(Arc::as_ptr(globals) as usize, name, versions)? {
            // The usual global: a function about to be called (cloned inline).
            Some(Value::Function(f)) => Some(Value::Function(f.clone())),
            Some(v) => Some(v.fast_clone()),
            None => None,
        }
    }

    pub fn fill_global(&mut self, globals: &Arc<Dict>, name: &Arc<PyStr>, versions: u64, v: Value) {
        let addr = Arc::as_ptr(globals) as usize;
        self.fill(
            addr,
            || Owner::Globals(globals.clone()),
            name,
            versions,
            Some(v),
        );
    }

    /// A cached class lookup of `name` along `cls`'s MRO (`Some(None)`: cached as absent).
    #[inline]
    pub fn class_attr(
        &self,
        cls: &Arc<Class>,
        versions: u64,
        name: &Arc<PyStr>,
    ) -> Option<Option<Value>> {
        self.probe(Arc::as_ptr(cls) as usize, name, versions)
            .map(|f| f.as_ref().map(Value::fast_clone))
    }

    pub fn fill_class_attr(
        &mut self,
        cls: &Arc<Class>,
        name: &Arc<PyStr>,
        versions: u64,
        found: Option<Value>,
    ) {
        let addr = Arc::as_ptr(cls) as usize;
        self.fill(addr, || Owner::Class(cls.clone()), name, versions, found);
    }
}

#[cfg(test)]
mod borrowed_self_tests {
    use std::sync::Arc;

    use crate::compiler::{Mode, compile_source};
    use crate::source::SourceFile;
    use crate::vm::object::value::Value;

    /// Runs `text` and returns the reference count of the instance in global `o` (one of
    /// which is the global itself).
    fn count_after(text: &str) -> usize {
        crate::vm::on_test_stack(|| count_after_here(text))
    }

    fn count_after_here(text: &str) -> usize {
        let src = SourceFile::new("<test>", text);
        let code = compile_source(&src, Mode::Exec).expect("compiles");
        let mut vm = crate::vm::test_vm();
        let module = vm.run_module_code(code, "__main__").expect("runs");
        let Some(Value::Instance(o)) = module.dict.get_str("o") else {
            panic!("no instance o")
        };
        Arc::strong_count(&o) - 1
    }

    /// Borrowed receivers leave every count as it was: calls that return `self`, keep it,
    /// raise, recurse or are declined (the method rebinds `self`) all balance.
    #[test]
    fn borrowed_receivers_leave_counts_balanced() {
        let classes = "
class A:
    def get(self):
        return 1
    def me(self):
        return self
    def keep(self):
        kept.append(self)
    def boom(self):
        raise ValueError
    def down(self, k):
        return 0 if k == 0 else self.down(k - 1)
    def rebind(self):
        self = None
kept = []
o = A()
";
        let calls = [
            "a.get()",
            "a.me()",
            // Miri: its frames are large, and the stack check stops deep recursion early.
            if cfg!(miri) {
                "a.down(1)"
            } else {
                "a.down(20)"
            },
            "a.rebind()",
            "a.keep()",
            "x = a.me(); y = x",
        ];
        for call in calls {
            let text = format!(
                "{classes}
def run(a):
    for i in range(50):
        try:
            {call}
            a.boom()
        except ValueError:
            pass
run(o)
kept.clear()
"
            );
            assert_eq!(count_after(&text), 1, "after {call}");
        }
    }
}

/// A running frame as its thread's [`FrameStack`] lists it: what `sys._getframe`, `f_back`
/// and `traceback.extract_stack` read without touching the frame itself (its owner's eval
/// loop holds it exclusively). Three words, so a call pays a push and a pop.
pub struct FrameRecord {
    /// The frame's code (`Arc::as_ptr` of `Frame::code`).
    code: *const Code,
    /// The frame's globals (`Arc::as_ptr` of `Frame::globals`).
    globals: *const Dict,
    /// The caller's instruction when this frame was entered (`obs.pc`, which every call
    /// instruction stores): the line a frame waiting for this one is on.
    caller_pc: u32,
}

/// The frames running on one thread (`Vm::frames`), pushed by `Vm::run_frame` and popped
/// when it returns, and the `frame` objects made for some of them, only when asked for
/// (CPython 3.11's `_PyInterpreterFrame`, and its `PyFrameObject` made on demand). The
/// objects are kept aside, by record index, so that a call with none pays nothing for them.
#[derive(Default)]
pub struct FrameStack {
    records: Vec<FrameRecord>,
    /// `(index in records, frame object)`, by increasing index.
    objs: Vec<(u32, Value)>,
}

impl FrameStack {
    /// `frame` starts (or resumes) running, entered from the instruction `caller_pc`: its
    /// index, for [`FrameStack::leave`].
    #[inline]
    pub fn enter(&mut self, frame: &mut Frame, caller_pc: u32) -> usize {
        let depth = self.records.len();
        self.records.push(FrameRecord {
            code: Arc::as_ptr(&frame.code),
            globals: Arc::as_ptr(&frame.globals),
            caller_pc,
        });
        if frame.obj.is_some() {
            self.keep(depth, frame);
        }
        depth
    }

    #[cold]
    fn keep(&mut self, depth: usize, frame: &mut Frame) {
        if let Some(o) = frame.obj.take() {
            self.objs.push((depth as u32, o));
        }
    }

    /// The frame entered at `depth` returns (or yields): its frame object, if it has one.
    #[inline]
    pub fn leave(&mut self, depth: usize) -> Option<Value> {
        self.records.truncate(depth);
        match self.objs.last() {
            Some((d, _)) if *d as usize == depth => self.objs.pop().map(|(_, o)| o),
            _ => None,
        }
    }

    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The instruction the frame at `i` is at, `top_pc` for the innermost.
    pub fn pc_of(&self, i: usize, top_pc: u32) -> u32 {
        self.records.get(i + 1).map_or(top_pc, |r| r.caller_pc)
    }

    /// Where `obj`'s frame is in this stack, if it runs here.
    pub fn index_of(&self, obj: &FrameObject) -> Option<usize> {
        self.objs
            .iter()
            .rev()
            .find(|(_, o)| FrameObject::of(o).is_some_and(|o| std::ptr::eq(o, obj)))
            .map(|(i, _)| *i as usize)
    }

    /// The frame object of the frame at `i` (< `len()`), made now if it has none.
    pub fn object(&mut self, i: usize) -> Value {
        let at = self.objs.partition_point(|(d, _)| (*d as usize) < i);
        if let Some((d, o)) = self.objs.get(at)
            && *d as usize == i
        {
            return o.clone();
        }
        let r = &self.records[i];
        // SAFETY: `code` and `globals` are `Arc::as_ptr` of the `Arc`s of the frame this
        // record stands for, taken when it was pushed. The record lives only while that frame
        // runs: `Vm::run_frame` pushes it, runs the frame and pops it before returning (and
        // nothing in the crate catches a panic, so an unwinding panic never leaves a record
        // behind for a later read). While the frame runs, its `code` and `globals` are never
        // replaced or dropped (the only writes to those fields are in `pooled_frame`, on a
        // frame taken out of the pool, and a running frame is not in the pool). So both
        // `Arc`s are alive, and raising their strong count before `from_raw` makes a new,
        // counted `Arc` of the same type, as `increment_strong_count` requires.
        let (code, globals) = unsafe {
            Arc::increment_strong_count(r.code);
            Arc::increment_strong_count(r.globals);
            (Arc::from_raw(r.code), Arc::from_raw(r.globals))
        };
        let o = Arc::new(Box::new(FrameObject {
            code,
            globals,
            left: parking_lot::Mutex::new(Left::default()),
        }) as Box<dyn NativeObject>);
        // It holds its globals, so the cycle collector tracks it (its locals, once recorded,
        // can hold the exception whose traceback holds it).
        crate::vm::object::gc::native(&o);
        let o = Value::Native(o);
        self.objs.insert(at, (i as u32, o.clone()));
        o
    }

    /// The innermost frame's object, made now if it has none (None: no frame runs).
    pub fn top_object(&mut self) -> Option<Value> {
        let n = self.records.len();
        (n > 0).then(|| self.object(n - 1))
    }

    /// Records `frame`'s locals in its object, if it has one (`frame` is the innermost).
    pub fn record_top(&self, frame: &Frame, index: usize) {
        if let Some((d, o)) = self.objs.last()
            && *d as usize + 1 == self.records.len()
            && let Some(o) = FrameObject::of(o)
        {
            o.snapshot(frame, index, None);
        }
    }

    /// Whether `obj` is the innermost frame's object.
    pub fn top_is(&self, obj: &FrameObject) -> bool {
        let n = self.records.len();
        n > 0 && self.index_of(obj) == Some(n - 1)
    }
}

/// A `frame` object (`sys._getframe()`, `tb.tb_frame`, `f.f_back`): its code and globals, and
/// what the frame had when it was last left (its locals, its instruction, its caller's
/// `frame`). While the frame runs on the asking thread, its line and caller are read from
/// that thread's [`FrameStack`] instead.
pub struct FrameObject {
    pub code: Arc<Code>,
    pub globals: Arc<Dict>,
    left: parking_lot::Mutex<Left>,
}

#[derive(Default)]
struct Left {
    /// Fast locals, then cells' values; or a module or class body's namespace.
    locals: Option<Locals>,
    /// The instruction last run.
    index: Option<u32>,
    back: Option<Value>,
    /// The dict `locals()` and `f_locals` hand out for a function's frame: one per frame, as
    /// CPython 3.11's `f_locals`, refreshed from the fast locals at each read, so what
    /// `exec` stored in it (names that are not fast locals) stays.
    dict: Option<Arc<Dict>>,
}

enum Locals {
    Fast(Vec<Value>, Vec<Option<Value>>),
    Ns(Arc<Dict>),
}

impl FrameObject {
    /// The frame object a value holds, if it is one.
    pub fn of(v: &Value) -> Option<&FrameObject> {
        match v {
            Value::Native(n) => n.as_any().downcast_ref::<FrameObject>(),
            _ => None,
        }
    }

    /// Records what `frame` has as it is left (returns, yields, raises, or is looked at by
    /// `sys._getframe()`), and its caller's `frame` object (`back`; None at the bottom).
    pub fn snapshot(&self, frame: &Frame, index: usize, back: Option<Value>) {
        let locals = match &frame.ns {
            Some(ns) => Locals::Ns(ns.clone()),
            None => Locals::Fast(
                frame.locals.clone(),
                frame.cells.iter().map(|c| c.get()).collect(),
            ),
        };
        let mut l = self.left.lock();
        let old = l.locals.replace(locals);
        l.index = Some(index as u32);
        let old_back = if back.is_some() {
            std::mem::replace(&mut l.back, back)
        } else {
            None
        };
        drop(l);
        // Dropped with the lock released.
        drop((old, old_back));
    }

    /// `f_locals`: the locals as last recorded (a module's: its namespace). A function's
    /// frame has one dict for good, refreshed here as CPython's `PyFrame_FastToLocals` does:
    /// a bound local is set, an unbound one removed, other keys left as they are.
    pub fn locals(&self) -> Arc<Dict> {
        let mut l = self.left.lock();
        let (fast, cells) = match &l.locals {
            Some(Locals::Ns(ns)) => return ns.clone(),
            Some(Locals::Fast(fast, cells)) => (fast.clone(), cells.clone()),
            None => (Vec::new(), Vec::new()),
        };
        let d = l
            .dict
            .get_or_insert_with(|| {
                let d = Arc::new(Dict::new());
                crate::vm::object::gc::dict(&d);
                d
            })
            .clone();
        // The dict's own lock is taken with this one released.
        drop(l);
        let fast = fast
            .into_iter()
            .map(|v| (!matches!(v, Value::Null)).then_some(v));
        let names = self.code.varnames.iter();
        let cell_names = self.code.cellvars.iter().chain(&self.code.freevars);
        for (name, v) in names.zip(fast).chain(cell_names.zip(cells)) {
            match v {
                Some(v) => d.set_str(name, v),
                None => {
                    d.remove_str(name);
                }
            }
        }
        d
    }

    /// The instruction last recorded (None: never left).
    pub fn left_index(&self) -> Option<u32> {
        self.left.lock().index
    }

    /// The values the recorded state holds (for the cycle collector).
    pub fn referents_left(&self, f: &mut dyn FnMut(&Value)) {
        f(&Value::Dict(self.globals.clone()));
        let l = self.left.lock();
        match &l.locals {
            Some(Locals::Fast(fast, cells)) => {
                fast.iter().for_each(&mut *f);
                cells.iter().flatten().for_each(&mut *f);
            }
            Some(Locals::Ns(_)) | None => {}
        }
        if let Some(d) = &l.dict {
            f(&Value::Dict(d.clone()));
        }
        if let Some(b) = &l.back {
            f(b);
        }
    }

    /// The caller's `frame` recorded when the frame was left.
    pub fn left_back(&self) -> Option<Value> {
        self.left.lock().back.clone()
    }
}
