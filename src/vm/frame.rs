//! A frame: one activation of a code object. Owned by the thread running it, never shared, so
//! its locals and value stack need no locks (the counting loop touches only this).

use std::sync::Arc;

use crate::bytecode::{CodeObject, code_flags};
use crate::vm::object::{Cell, Class, Dict, Function};
use crate::vm::value::{PyStr, Value};

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
    pub code: Arc<CodeObject>,
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
    /// Set by `YIELD_VALUE`: the value returned by the loop was yielded, not returned.
    pub yielded: bool,
}

impl Frame {
    pub fn new(
        code: Arc<CodeObject>,
        globals: Arc<Dict>,
        ns: Option<Arc<Dict>>,
        closure: &[Arc<Cell>],
    ) -> Frame {
        Frame::with_buffers(code, globals, ns, closure, Vec::new(), Vec::new())
    }

    /// A frame whose locals and value stack reuse `locals` and `stack` (empty vectors from
    /// the thread's [`FramePool`]), so a call allocates nothing in the common case.
    pub fn with_buffers(
        code: Arc<CodeObject>,
        globals: Arc<Dict>,
        ns: Option<Arc<Dict>>,
        closure: &[Arc<Cell>],
        mut locals: Vec<Value>,
        mut stack: Vec<Value>,
    ) -> Frame {
        let cells = if code.ncells() == 0 {
            Vec::new()
        } else {
            let mut cells = Vec::with_capacity(code.ncells());
            for _ in 0..code.cellvars.len() {
                cells.push(Arc::new(Cell::new(None)));
            }
            cells.extend_from_slice(closure);
            cells
        };
        locals.resize(code.nlocals(), Value::Null);
        stack.reserve(code.max_stack as usize + 1);
        Frame {
            locals,
            stack,
            blocks: Vec::new(),
            pc: 0,
            cells,
            globals,
            ns,
            yielded: false,
            code,
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
        code: &Arc<CodeObject>,
        globals: &Arc<Dict>,
        closure: &[Arc<Cell>],
        args: impl IntoIterator<Item = Value>,
    ) -> Box<Frame> {
        pooled_frame(&mut self.frames, code, globals, closure, args)
    }

    /// The fused `LOAD_GLOBAL; <argc loads>; CALL_FUNCTION argc`: when this thread's cache
    /// holds `name` in `globals` (at `versions`) as a function that [`is_simple_call`]
    /// accepts, its frame, built from the function as it sits in the cache, borrowed: the
    /// call moves no reference count of the function. `None`: the unfused path must run.
    #[inline]
    pub fn global_call_frame(
        &mut self,
        globals: &Arc<Dict>,
        versions: u64,
        name: &Arc<PyStr>,
        argc: usize,
        args: impl IntoIterator<Item = Value>,
    ) -> Option<Box<Frame>> {
        self.cached_call_frame(Arc::as_ptr(globals) as usize, versions, name, argc, args)
    }

    /// The fused `LOAD_FAST obj; LOAD_METHOD name; <loads>; CALL_METHOD`: as
    /// [`FramePool::global_call_frame`], for a method found on `cls` (at `versions`) in this
    /// thread's cache; `args` starts with `self`.
    #[inline]
    pub fn method_call_frame(
        &mut self,
        cls: &Arc<Class>,
        versions: u64,
        name: &Arc<PyStr>,
        argc: usize,
        args: impl IntoIterator<Item = Value>,
    ) -> Option<Box<Frame>> {
        self.cached_call_frame(Arc::as_ptr(cls) as usize, versions, name, argc, args)
    }

    /// Both fused calls: the function cached under (`scope`, `name`) at `versions`, if it
    /// takes `argc` plain positional arguments, gets a pooled frame of `args`.
    #[inline]
    fn cached_call_frame(
        &mut self,
        scope: usize,
        versions: u64,
        name: &Arc<PyStr>,
        argc: usize,
        args: impl IntoIterator<Item = Value>,
    ) -> Option<Box<Frame>> {
        let found = self.lookups.probe(scope, name, versions)?;
        let Some(Value::Function(f)) = found else {
            return None;
        };
        if !is_simple_call(f, argc) {
            return None;
        }
        Some(pooled_frame(
            &mut self.frames,
            &f.code,
            &f.globals,
            &[],
            args,
        ))
    }

    /// Takes a finished frame back: its values are dropped here, its buffers kept.
    #[inline]
    pub fn recycle(&mut self, mut frame: Box<Frame>) {
        frame.locals.clear();
        frame.stack.clear();
        frame.cells.clear();
        frame.blocks.clear();
        frame.ns = None;
        frame.pc = 0;
        frame.yielded = false;
        if self.frames.len() < Self::MAX
            && frame.locals.capacity() <= 256
            && frame.stack.capacity() <= 256
        {
            self.frames.push(frame);
        }
    }
}

/// A frame from `frames` (or a new one) for `code` in `globals`: see [`FramePool::frame`].
#[inline]
#[allow(clippy::vec_box)] // the pool's frames are boxed: see `FramePool::frames`
fn pooled_frame(
    frames: &mut Vec<Box<Frame>>,
    code: &Arc<CodeObject>,
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
    if code.ncells() != 0 {
        frame.cells.reserve(code.ncells());
        for _ in 0..code.cellvars.len() {
            frame.cells.push(Arc::new(Cell::new(None)));
        }
        frame.cells.extend_from_slice(closure);
    }
    frame.locals.extend(args);
    frame.locals.resize(code.nlocals(), Value::Null);
    frame.stack.reserve(code.max_stack as usize + 1);
    frame
}

/// Whether a call of `func` with `nargs` positional arguments needs no argument binding:
/// exactly the positional parameters, no cells, not a generator or coroutine. Such a call
/// moves its arguments straight into the new frame's first locals.
#[inline(always)]
pub fn is_simple_call(func: &Function, nargs: usize) -> bool {
    let co = &func.code;
    co.argcount as usize == nargs
        && co.flags
            & (code_flags::VARARGS
                | code_flags::VARKEYWORDS
                | code_flags::GENERATOR
                | code_flags::COROUTINE)
            == 0
        && co.kwonlyargcount == 0
        && co.ncells() == 0
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

/// The version sum that keeps a class-attribute entry valid: every dict along the MRO.
pub fn mro_versions(cls: &Arc<Class>) -> u64 {
    cls.mro()
        .fold(0u64, |sum, c| sum.wrapping_add(c.dict.version()))
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
