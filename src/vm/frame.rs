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
        closure: Vec<Arc<Cell>>,
    ) -> Frame {
        let mut cells = Vec::with_capacity(code.ncells());
        for _ in 0..code.cellvars.len() {
            cells.push(Arc::new(Cell::new(None)));
        }
        cells.extend(closure);
        Frame {
            locals: vec![Value::Null; code.nlocals()],
            stack: Vec::with_capacity(code.max_stack as usize + 1),
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
