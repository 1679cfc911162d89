//! The compiler: AST -> `CodeObject`, CPython 3.8-style bytecode.
//!
//! `symtable.rs` decides where each name lives; the compiler walks the tree once per code object
//! (module, class body, function, lambda, comprehension) and emits instructions, each tagged
//! with the source span it came from. Control flow inside `try`/`with`/loops is compiled the
//! way CPython 3.9 does it: a stack of "frame blocks" tells `break`, `continue` and `return`
//! what they must undo on the way out (pop a block, run a `finally` body, call `__exit__`).
//!
//! What it promises: its input is the AST and the source text, its output a `CodeObject` whose
//! constants are plain `bytecode::Constant`s; it knows nothing of the interpreter (no values,
//! no interning), so code objects are data any interpreter can load.
//!
//! This file holds the compilation units, emission and name resolution; `stmt.rs` compiles
//! statements, `expr.rs` expressions and constant folding, `pattern.rs` `match`, `defs.rs`
//! functions, classes and comprehensions (everything that makes a code object of its own).

mod defs;
mod expr;
mod pattern;
mod stmt;
pub mod symtable;
mod unparse;

use expr::*;

use std::collections::HashMap;
use std::sync::Arc;

use indexmap::IndexSet;
use num_bigint::BigInt;

use crate::ast::{self, *};
use crate::bytecode::{
    BinaryOp, CellIdx, CodeObject, CompareOp, ConstIdx, Constant, Instruction, Label, LocalSlot,
    Location, NameIdx, code_flags, format_value as fv, make_function as mf,
};
use crate::source::{SourceFile, SyntaxError};
use symtable::{NameScope, ScopeKind, SymbolTable};

/// What the module-level code does with expression statements.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A script: expression values are discarded.
    Exec,
    /// The REPL: expression statements print their repr (`PRINT_EXPR`).
    Interactive,
    /// `eval()`: the module is one expression statement, whose value the code returns.
    Eval,
}

/// Compiles a parsed module.
pub fn compile_module(
    module: &Module,
    src: &SourceFile,
    mode: Mode,
) -> Result<Arc<CodeObject>, SyntaxError> {
    let table = symtable::build(module)?;
    let mut c = Compiler {
        src,
        table,
        units: Vec::new(),
        filename: Arc::from(src.name.as_str()),
        mode,
        future_annotations: has_future_annotations(&module.body),
    };
    c.push_unit(0, "<module>".into(), "<module>".into(), 1);
    if has_annotations(&module.body) {
        c.emit(Instruction::SetupAnnotations);
    }
    // Interactive input has no docstring: a string statement echoes, as CPython's `single` mode;
    // `eval("'text'")` gives the string.
    c.body_with_docstring(&module.body, mode == Mode::Exec)?;
    c.load_const(Constant::None);
    c.emit(Instruction::ReturnValue);
    Ok(Arc::new(c.pop_unit()))
}

impl Compiler<'_> {
    /// Prints a SyntaxWarning as CPython's default warning filter does, while compiling:
    /// `FILE:LINE: SyntaxWarning: MSG` and, for a file, its line indented by two spaces
    /// (`-c` and `<stdin>` have no lines to show). Compiling happens once per run, so it
    /// is printed once, as by `python3`.
    #[cold]
    fn syntax_warning(&self, at: usize, msg: &str) {
        let line = self.src.line_of(at);
        let mut out = format!("{}:{line}: SyntaxWarning: {msg}\n", self.src.name);
        if !self.src.name.starts_with('<') {
            out.push_str(&format!("  {}\n", self.src.line_text(line).trim()));
        }
        eprint!("{out}");
    }
}

/// Parses and compiles source text (the usual entry point).
pub fn compile_source(src: &SourceFile, mode: Mode) -> Result<Arc<CodeObject>, SyntaxError> {
    let module = crate::parser::parse_module(src).map_err(|mut e| {
        // Checked by gilvm's parser, by CPython's compiler.
        e.compile_stage = e.msg.starts_with("duplicate argument")
            || e.msg.starts_with("keyword argument repeated");
        e
    })?;
    compile_module(&module, src, mode).map_err(|mut e| {
        // What CPython's parser rejects but gilvm's compiler checks keeps its line.
        e.compile_stage = !(e.msg.starts_with("cannot assign to")
            || e.msg.starts_with("cannot delete")
            || e.msg
                .ends_with("illegal expression for augmented assignment"));
        e
    })
}

/// Parses and compiles the expression `eval()` is given: a code object that returns its value.
pub fn compile_eval(src: &SourceFile) -> Result<Arc<CodeObject>, SyntaxError> {
    let expr = crate::parser::parse_expression(src).map_err(|mut e| {
        // An expression cut short: CPython's eval mode has no implicit newline, so its parser
        // stops at the ENDMARKER and says `invalid syntax` there (at the newline if the text
        // ends with one; otherwise at column 0 of the last line, with no caret).
        if e.msg == "unexpected EOF while parsing" {
            let text = src.text.as_str();
            e.msg = "invalid syntax".to_string();
            e.span = match text.strip_suffix('\n') {
                Some(rest) => Span::new(rest.len(), rest.len()),
                None => Span::new(text.len(), usize::MAX),
            };
        }
        e
    })?;
    let span = expr.span;
    let module = Module {
        body: vec![crate::ast::Stmt {
            kind: crate::ast::StmtKind::Expr(expr),
            span,
        }],
    };
    compile_module(&module, src, Mode::Eval)
}

/// Where the starred items of an unpacking are: the `*rest` of a target list or of a
/// sequence pattern (`is_star` tells one).
fn starred<T>(items: &[T], is_star: impl Fn(&T) -> bool) -> Vec<usize> {
    (0..items.len()).filter(|&i| is_star(&items[i])).collect()
}

/// Whether the future imports that open the module (after its docstring) include
/// `annotations`.
fn has_future_annotations(body: &[Stmt]) -> bool {
    let mut stmts = body.iter().peekable();
    if let Some(s) = stmts.peek()
        && let StmtKind::Expr(e) = &s.kind
        && matches!(e.kind, ExprKind::Constant(ast::Constant::Str(_)))
    {
        stmts.next();
    }
    for s in stmts {
        match &s.kind {
            StmtKind::ImportFrom { module, names } if module == "__future__" => {
                if names.iter().any(|a| a.name == "annotations") {
                    return true;
                }
            }
            _ => return false,
        }
    }
    false
}

fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { .. } => true,
        StmtKind::If { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::For { body, orelse, .. } => has_annotations(body) || has_annotations(orelse),
        StmtKind::Try(t) => {
            has_annotations(&t.body)
                || t.handlers.iter().any(|h| has_annotations(&h.body))
                || has_annotations(&t.orelse)
                || has_annotations(&t.finalbody)
        }
        StmtKind::With { body, .. } => has_annotations(body),
        _ => false,
    })
}

#[derive(Clone, PartialEq, Eq, Hash)]
enum ConstKey {
    None,
    Bool(bool),
    Int(BigInt),
    Float(u64),
    Complex(u64, u64),
    Str(String),
    Bytes(Vec<u8>),
    Tuple(Vec<ConstKey>),
    /// A code object, by identity.
    Code(usize),
    Ellipsis,
}

fn const_key(v: &Constant) -> ConstKey {
    match v {
        Constant::None => ConstKey::None,
        Constant::Bool(b) => ConstKey::Bool(*b),
        Constant::Int(i) => ConstKey::Int(BigInt::from(*i)),
        Constant::BigInt(b) => ConstKey::Int(b.clone()),
        Constant::Float(x) => ConstKey::Float(x.to_bits()),
        Constant::Complex(re, im) => ConstKey::Complex(re.to_bits(), im.to_bits()),
        Constant::Str(s) => ConstKey::Str(s.to_string()),
        Constant::Bytes(b) => ConstKey::Bytes(b.to_vec()),
        Constant::Tuple(t) => ConstKey::Tuple(t.iter().map(const_key).collect()),
        Constant::Code(c) => ConstKey::Code(Arc::as_ptr(c) as usize),
        Constant::Ellipsis => ConstKey::Ellipsis,
    }
}

/// What `break`/`continue`/`return` must undo when leaving a block.
/// What [`Compiler::name_op`] does with a name.
#[derive(Clone, Copy)]
enum NameOp {
    Load,
    Store,
    Delete,
}

enum FBlock<'a> {
    WhileLoop {
        start: usize,
        end: usize,
    },
    ForLoop {
        start: usize,
        end: usize,
    },
    /// Inside `try:` of a try/except (a SETUP_FINALLY block is active).
    TryExcept,
    /// Inside `try:` of a try/finally: leaving runs the finally body.
    FinallyTry(&'a [Stmt]),
    /// Inside the finally body run for an exception: the exception is on the stack.
    FinallyEnd,
    /// Inside a `with` body: the `__exit__` is on the stack (`__aexit__` for `async with`,
    /// whose result leaving the body awaits).
    With {
        is_async: bool,
    },
    /// Inside an `except` body (`as name` is cleared on the way out).
    HandlerCleanup(Option<String>),
    /// Inside an `except*` body: `break`, `continue` and `return` cannot leave it.
    ExceptStar,
}

struct Unit<'a> {
    scope: usize,
    kind: ScopeKind,
    name: String,
    qualname: String,
    firstlineno: u32,
    instructions: Vec<Instruction>,
    locations: Vec<Location>,
    /// Label id -> instruction index (set when the label is placed).
    labels: Vec<Option<u32>>,
    consts: Vec<Constant>,
    const_index: HashMap<ConstKey, u32>,
    names: IndexSet<String>,
    varnames: IndexSet<String>,
    cellvars: Vec<String>,
    freevars: Vec<String>,
    argcount: u32,
    posonlyargcount: u32,
    kwonlyargcount: u32,
    flags: u32,
    fblocks: Vec<FBlock<'a>>,
    loc: Location,
}

struct Compiler<'a> {
    src: &'a SourceFile,
    table: SymbolTable,
    units: Vec<Unit<'a>>,
    filename: Arc<str>,
    mode: Mode,
    /// `from __future__ import annotations` opens the module: annotations are kept as text.
    future_annotations: bool,
}

type CResult<T = ()> = Result<T, SyntaxError>;

impl<'a> Compiler<'a> {
    /// Pushes the value of an annotation: the expression's value, or under
    /// `from __future__ import annotations` its text.
    fn annotation(&mut self, e: &'a Expr) -> CResult {
        if self.future_annotations {
            let text = unparse::annotation_text(e, &self.src.text);
            self.load_const(Constant::str(&text));
            Ok(())
        } else {
            self.expr(e)
        }
    }

    // ----- units -------------------------------------------------------------------------

    fn push_unit(&mut self, scope: usize, name: String, qualname: String, firstlineno: u32) {
        let sc = &self.table.scopes[scope];
        let mut varnames = IndexSet::new();
        for p in &sc.params {
            varnames.insert(p.clone());
        }
        if sc.kind == ScopeKind::Function {
            for (n, _) in sc.symbols.iter() {
                if sc.scope_of(n) == NameScope::Local {
                    varnames.insert(n.clone());
                }
            }
        }
        let unit = Unit {
            scope,
            kind: sc.kind,
            name,
            qualname,
            firstlineno,
            instructions: Vec::new(),
            locations: Vec::new(),
            labels: Vec::new(),
            consts: Vec::new(),
            const_index: HashMap::new(),
            names: IndexSet::new(),
            varnames,
            cellvars: sc.cellvars.iter().cloned().collect(),
            freevars: sc.freevars.iter().cloned().collect(),
            argcount: 0,
            posonlyargcount: 0,
            kwonlyargcount: 0,
            flags: 0,
            fblocks: Vec::new(),
            loc: Location {
                line: firstlineno,
                end_line: firstlineno,
                col: 0,
                end_col: 0,
            },
        };
        self.units.push(unit);
    }

    fn pop_unit(&mut self) -> CodeObject {
        let Some(mut u) = self.units.pop() else {
            unreachable!("pop_unit without a unit");
        };
        // Resolve labels to instruction indices.
        for ins in u.instructions.iter_mut() {
            if let Some(Label(id)) = ins.jump_target() {
                let target = u.labels.get(id as usize).copied().flatten().unwrap_or(0);
                ins.set_jump_target(Label(target));
            }
        }
        let varnames: Vec<Arc<str>> = u.varnames.iter().map(|s| Arc::from(s.as_str())).collect();
        let cell2arg = u
            .cellvars
            .iter()
            .map(|c| {
                let nargs = (u.argcount + u.kwonlyargcount) as usize
                    + (u.flags & code_flags::VARARGS != 0) as usize
                    + (u.flags & code_flags::VARKEYWORDS != 0) as usize;
                varnames[..nargs.min(varnames.len())]
                    .iter()
                    .position(|v| &**v == c.as_str())
                    .map(|p| p as u32)
            })
            .collect();
        let names: Vec<Arc<str>> = u.names.iter().map(|s| Arc::from(s.as_str())).collect();
        let max_stack = crate::bytecode::max_stack_depth(&u.instructions);
        let mut flags = u.flags;
        if u.cellvars.is_empty() && u.freevars.is_empty() {
            flags |= code_flags::NOFREE;
        }
        let quickened = crate::bytecode::quicken(&u.instructions);
        let attr_hints = u.instructions.iter().map(|_| Default::default()).collect();
        let keeps_arg0 = u.argcount >= 1 && crate::bytecode::keeps_arg0(&u.instructions);
        CodeObject {
            quickened,
            attr_hints,
            keeps_arg0,
            name: u.name,
            qualname: u.qualname,
            filename: self.filename.clone(),
            firstlineno: u.firstlineno,
            argcount: u.argcount,
            posonlyargcount: u.posonlyargcount,
            kwonlyargcount: u.kwonlyargcount,
            flags,
            instructions: u.instructions,
            locations: u.locations,
            consts: u.consts,
            names,
            varnames,
            cellvars: u.cellvars.iter().map(|s| Arc::from(s.as_str())).collect(),
            freevars: u.freevars.iter().map(|s| Arc::from(s.as_str())).collect(),
            cell2arg,
            max_stack,
        }
    }

    fn unit(&mut self) -> &mut Unit<'a> {
        let Some(u) = self.units.last_mut() else {
            unreachable!("no compilation unit")
        };
        u
    }

    fn unit_ref(&self) -> &Unit<'a> {
        let Some(u) = self.units.last() else {
            unreachable!("no compilation unit")
        };
        u
    }

    // ----- emission ----------------------------------------------------------------------

    fn location(&self, span: Span) -> Location {
        let (line, col) = self.src.line_col(span.start);
        let (end_line, end_col) = self.src.line_col(span.end);
        Location {
            line,
            end_line,
            col,
            end_col,
        }
    }

    /// Where an instruction on `obj.attr` (spanning `span`) points: at the whole expression,
    /// but starting at the attribute's name when the expression spans lines (CPython 3.11's
    /// `update_start_location_to_match_attr`, so `.attr` on its own line is what is shown).
    fn attr_location(&self, span: Span, attr: &str) -> Location {
        let mut loc = self.location(span);
        if loc.line != loc.end_line {
            loc.line = loc.end_line;
            loc.col = loc.end_col.saturating_sub(attr.chars().count() as u32);
        }
        loc
    }

    /// Emits `ins` at `loc` rather than at the current location.
    fn emit_at(&mut self, loc: Location, ins: Instruction) {
        let saved = std::mem::replace(&mut self.unit().loc, loc);
        self.emit(ins);
        self.unit().loc = saved;
    }

    fn emit(&mut self, ins: Instruction) {
        let u = self.unit();
        let loc = u.loc;
        u.instructions.push(ins);
        u.locations.push(loc);
    }

    fn new_label(&mut self) -> usize {
        let u = self.unit();
        u.labels.push(None);
        u.labels.len() - 1
    }

    fn place(&mut self, label: usize) {
        let u = self.unit();
        let here = u.instructions.len() as u32;
        u.labels[label] = Some(here);
    }

    fn jump(&mut self, make: fn(Label) -> Instruction, label: usize) {
        self.emit(make(Label(label as u32)));
    }

    /// Jumps to `label` if TOS is `None` (`when_none`), or if it is not, leaving TOS on the
    /// stack: `DUP_TOP; LOAD_CONST None; COMPARE_OP is; POP_JUMP_IF_TRUE` (or `_FALSE`).
    fn jump_if_top_is_none(&mut self, when_none: bool, label: usize) {
        self.emit(Instruction::DupTop);
        self.load_const(Constant::None);
        self.emit(Instruction::CompareOp(CompareOp::Is));
        if when_none {
            self.jump(Instruction::PopJumpIfTrue, label);
        } else {
            self.jump(Instruction::PopJumpIfFalse, label);
        }
    }

    fn add_const(&mut self, v: Constant) -> u32 {
        let key = const_key(&v);
        let u = self.unit();
        if let Some(&i) = u.const_index.get(&key) {
            return i;
        }
        let i = u.consts.len() as u32;
        u.consts.push(v);
        u.const_index.insert(key, i);
        i
    }

    fn load_const(&mut self, v: Constant) {
        let i = self.add_const(v);
        self.emit(Instruction::LoadConst(ConstIdx(i)));
    }

    fn name_idx(&mut self, name: &str) -> NameIdx {
        let (i, _) = self.unit().names.insert_full(name.to_string());
        NameIdx(i as u32)
    }

    fn cell_idx(&mut self, name: &str) -> CellIdx {
        let u = self.unit_ref();
        if let Some(i) = u.cellvars.iter().position(|c| c == name) {
            return CellIdx(i as u32);
        }
        if let Some(i) = u.freevars.iter().position(|c| c == name) {
            return CellIdx((u.cellvars.len() + i) as u32);
        }
        // A free name not yet known to this unit (cannot happen after analysis).
        let u = self.unit();
        u.freevars.push(name.to_string());
        CellIdx((u.cellvars.len() + u.freevars.len() - 1) as u32)
    }

    fn with_loc<T>(&mut self, span: Span, f: impl FnOnce(&mut Self) -> T) -> T {
        let loc = self.location(span);
        let saved = std::mem::replace(&mut self.unit().loc, loc);
        let r = f(self);
        self.unit().loc = saved;
        r
    }

    // ----- names -------------------------------------------------------------------------

    fn scope_of(&self, name: &str) -> NameScope {
        let u = self.unit_ref();
        self.table.scopes[u.scope].scope_of(name)
    }

    fn load_name(&mut self, name: &str) {
        self.name_op(name, NameOp::Load);
    }

    fn store_name(&mut self, name: &str) {
        self.name_op(name, NameOp::Store);
    }

    fn delete_name(&mut self, name: &str) {
        self.name_op(name, NameOp::Delete);
    }

    /// Loads, stores or deletes `name` by its scope (CPython's `compiler_nameop`): a fast
    /// local in a function, a cell or free variable (a class body loads those with
    /// `LOAD_CLASSDEREF`), a global, or a name looked up at run time.
    fn name_op(&mut self, name: &str, op: NameOp) {
        let kind = self.unit_ref().kind;
        let ins = match (self.scope_of(name), kind) {
            (NameScope::Local, ScopeKind::Function) => {
                let (i, _) = self.unit().varnames.insert_full(name.to_string());
                let slot = LocalSlot(i as u32);
                match op {
                    NameOp::Load => Instruction::LoadFast(slot),
                    NameOp::Store => Instruction::StoreFast(slot),
                    NameOp::Delete => Instruction::DeleteFast(slot),
                }
            }
            (NameScope::Cell | NameScope::Free, _) => {
                let c = self.cell_idx(name);
                match op {
                    NameOp::Load if kind == ScopeKind::Class => Instruction::LoadClassDeref(c),
                    NameOp::Load => Instruction::LoadDeref(c),
                    NameOp::Store => Instruction::StoreDeref(c),
                    NameOp::Delete => Instruction::DeleteDeref(c),
                }
            }
            (NameScope::GlobalExplicit, _) | (NameScope::GlobalImplicit, ScopeKind::Function) => {
                let i = self.name_idx(name);
                match op {
                    NameOp::Load => Instruction::LoadGlobal(i),
                    NameOp::Store => Instruction::StoreGlobal(i),
                    NameOp::Delete => Instruction::DeleteGlobal(i),
                }
            }
            _ => {
                let i = self.name_idx(name);
                match op {
                    NameOp::Load => Instruction::LoadName(i),
                    NameOp::Store => Instruction::StoreName(i),
                    NameOp::Delete => Instruction::DeleteName(i),
                }
            }
        };
        self.emit(ins);
    }

    /// The scope the symbol table made for `node` (a `def`, `class`, `lambda` or
    /// comprehension), by the node's address.
    fn scope_made_for<T>(&self, node: &T, span: Span) -> CResult<usize> {
        self.table
            .by_node
            .get(&symtable::node_key(node))
            .copied()
            .ok_or_else(|| SyntaxError::new("internal: no scope", span))
    }

    fn qualname_for(&self, name: &str) -> String {
        let u = self.unit_ref();
        match u.kind {
            ScopeKind::Module => name.to_string(),
            ScopeKind::Class => format!("{}.{}", u.qualname, name),
            ScopeKind::Function => {
                if self.scope_of(name) == NameScope::GlobalExplicit {
                    name.to_string()
                } else {
                    format!("{}.<locals>.{}", u.qualname, name)
                }
            }
        }
    }
}

fn ends_with_return(body: &[Stmt]) -> bool {
    matches!(body.last().map(|s| &s.kind), Some(StmtKind::Return(_)))
}

#[cfg(test)]
mod tests {
    //! Switch points and the `explore` block scan (`bytecode/switch_points.rs`) on compiled
    //! code: here rather than in `bytecode`, which imports nothing above it.
    use super::*;
    use crate::bytecode::{Constant, SwitchPoints};

    /// The code object of the function `name` defined at the top of `src`.
    fn function(src: &str, name: &str) -> Arc<CodeObject> {
        let module = compile_source(&SourceFile::new("<t>", src), Mode::Exec).unwrap();
        module
            .consts
            .iter()
            .find_map(|c| match c {
                Constant::Code(c) if c.name == name => Some(c.clone()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no function {name}"))
    }

    /// The index of the first backward jump (a loop's back edge).
    fn back_edge(code: &CodeObject) -> usize {
        code.instructions
            .iter()
            .enumerate()
            .position(
                |(k, i)| matches!(i, Instruction::JumpAbsolute(Label(t)) if (*t as usize) <= k),
            )
            .unwrap()
    }

    #[test]
    fn a_block_that_touches_a_global_may_share() {
        let g = function("x = 0\ndef g():\n    global x\n    x = 1\n", "g");
        let store = g
            .instructions
            .iter()
            .position(|i| matches!(i, Instruction::StoreGlobal(_)))
            .unwrap();
        // Under CPython's switch points the block from the entry reaches the store.
        assert!(SwitchPoints::Cpython.block_may_share(&g, 0));
        // Switching before every instruction, only the store itself shares.
        assert!(SwitchPoints::Every.block_may_share(&g, store));
        assert!(!SwitchPoints::Every.block_may_share(&g, store - 1));
    }

    #[test]
    fn a_loop_of_local_work_shares_nothing() {
        let f = function("def spin():\n    while True:\n        i = 1\n", "spin");
        let back = back_edge(&f);
        // At the loop's back edge, the block is the loop body up to the back edge again.
        assert!(!SwitchPoints::Cpython.block_may_share(&f, back));
        // A call is never known to be local.
        let h = function("def h(xs):\n    while True:\n        len(xs)\n", "h");
        let back = back_edge(&h);
        assert!(SwitchPoints::Cpython.block_may_share(&h, back));
    }
}
