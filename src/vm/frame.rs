//! A frame: one activation of a code object. Owned by the thread running it, never shared, so
//! its locals and value stack need no locks (the counting loop touches only this).

use std::sync::Arc;

use crate::bytecode::CodeObject;
use crate::vm::object::{Cell, Dict};
use crate::vm::value::Value;

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

/// Spare locals/stack vectors of finished frames, kept per thread: most calls then reuse an
/// allocation instead of making two.
#[derive(Default)]
pub struct FramePool {
    spare: Vec<Vec<Value>>,
}

impl FramePool {
    const MAX: usize = 64;

    #[inline]
    pub fn take(&mut self) -> Vec<Value> {
        self.spare.pop().unwrap_or_default()
    }

    /// Returns a finished frame's vectors (cleared: their values are dropped here).
    #[inline]
    pub fn recycle(&mut self, frame: &mut Frame) {
        for v in [
            std::mem::take(&mut frame.locals),
            std::mem::take(&mut frame.stack),
        ] {
            let mut v = v;
            v.clear();
            if self.spare.len() < Self::MAX && v.capacity() <= 256 {
                self.spare.push(v);
            }
        }
    }
}
