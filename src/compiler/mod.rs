//! The compiler: AST -> `CodeObject`, CPython 3.8-style bytecode.
//!
//! `symtable.rs` decides where each name lives; this module walks the tree once per code object
//! (module, class body, function, lambda, comprehension) and emits instructions, each tagged
//! with the source span it came from. Control flow inside `try`/`with`/loops is compiled the
//! way CPython 3.9 does it: a stack of "frame blocks" tells `break`, `continue` and `return`
//! what they must undo on the way out (pop a block, run a `finally` body, call `__exit__`).

pub mod symtable;

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
    };
    c.push_unit(0, "<module>".into(), "<module>".into(), 1);
    if has_annotations(&module.body) {
        c.emit(Instruction::SetupAnnotations);
    }
    // Interactive input has no docstring: a string statement echoes, as CPython's `single` mode.
    c.body_with_docstring(&module.body, mode != Mode::Interactive)?;
    c.load_const(Constant::None);
    c.emit(Instruction::ReturnValue);
    Ok(Arc::new(c.pop_unit()))
}

/// Parses and compiles source text (the usual entry point).
pub fn compile_source(src: &SourceFile, mode: Mode) -> Result<Arc<CodeObject>, SyntaxError> {
    let module = crate::parser::parse_module(src)?;
    compile_module(&module, src, mode)
}

fn has_annotations(body: &[Stmt]) -> bool {
    body.iter().any(|s| match &s.kind {
        StmtKind::AnnAssign { .. } => true,
        StmtKind::If { body, orelse, .. }
        | StmtKind::While { body, orelse, .. }
        | StmtKind::For { body, orelse, .. } => has_annotations(body) || has_annotations(orelse),
        StmtKind::Try {
            body,
            handlers,
            orelse,
            finalbody,
        } => {
            has_annotations(body)
                || handlers.iter().any(|h| has_annotations(&h.body))
                || has_annotations(orelse)
                || has_annotations(finalbody)
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
    Str(String),
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
        Constant::Str(s) => ConstKey::Str(s.to_string()),
        Constant::Tuple(t) => ConstKey::Tuple(t.iter().map(const_key).collect()),
        Constant::Code(c) => ConstKey::Code(Arc::as_ptr(c) as usize),
        Constant::Ellipsis => ConstKey::Ellipsis,
    }
}

/// What `break`/`continue`/`return` must undo when leaving a block.
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
    /// Inside a `with` body: the `__exit__` is on the stack.
    With,
    /// Inside an `except` body (`as name` is cleared on the way out).
    HandlerCleanup(Option<String>),
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
}

type CResult<T = ()> = Result<T, SyntaxError>;

impl<'a> Compiler<'a> {
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
        let kind = self.unit_ref().kind;
        match (self.scope_of(name), kind) {
            (NameScope::Local, ScopeKind::Function) => {
                let (i, _) = self.unit().varnames.insert_full(name.to_string());
                self.emit(Instruction::LoadFast(LocalSlot(i as u32)));
            }
            (NameScope::Cell | NameScope::Free, ScopeKind::Class) => {
                let c = self.cell_idx(name);
                self.emit(Instruction::LoadClassDeref(c));
            }
            (NameScope::Cell | NameScope::Free, _) => {
                let c = self.cell_idx(name);
                self.emit(Instruction::LoadDeref(c));
            }
            (NameScope::GlobalExplicit, _) | (NameScope::GlobalImplicit, ScopeKind::Function) => {
                let i = self.name_idx(name);
                self.emit(Instruction::LoadGlobal(i));
            }
            _ => {
                let i = self.name_idx(name);
                self.emit(Instruction::LoadName(i));
            }
        }
    }

    fn store_name(&mut self, name: &str) {
        let kind = self.unit_ref().kind;
        match (self.scope_of(name), kind) {
            (NameScope::Local, ScopeKind::Function) => {
                let (i, _) = self.unit().varnames.insert_full(name.to_string());
                self.emit(Instruction::StoreFast(LocalSlot(i as u32)));
            }
            (NameScope::Cell | NameScope::Free, _) => {
                let c = self.cell_idx(name);
                self.emit(Instruction::StoreDeref(c));
            }
            (NameScope::GlobalExplicit, _) | (NameScope::GlobalImplicit, ScopeKind::Function) => {
                let i = self.name_idx(name);
                self.emit(Instruction::StoreGlobal(i));
            }
            _ => {
                let i = self.name_idx(name);
                self.emit(Instruction::StoreName(i));
            }
        }
    }

    fn delete_name(&mut self, name: &str) {
        let kind = self.unit_ref().kind;
        match (self.scope_of(name), kind) {
            (NameScope::Local, ScopeKind::Function) => {
                let (i, _) = self.unit().varnames.insert_full(name.to_string());
                self.emit(Instruction::DeleteFast(LocalSlot(i as u32)));
            }
            (NameScope::Cell | NameScope::Free, _) => {
                let c = self.cell_idx(name);
                self.emit(Instruction::DeleteDeref(c));
            }
            (NameScope::GlobalExplicit, _) | (NameScope::GlobalImplicit, ScopeKind::Function) => {
                let i = self.name_idx(name);
                self.emit(Instruction::DeleteGlobal(i));
            }
            _ => {
                let i = self.name_idx(name);
                self.emit(Instruction::DeleteName(i));
            }
        }
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

    // ----- statements --------------------------------------------------------------------

    fn body_with_docstring(&mut self, body: &'a [Stmt], module: bool) -> CResult {
        let mut rest = body;
        if let Some(first) = body.first()
            && let StmtKind::Expr(Expr {
                kind: ExprKind::Constant(ast::Constant::Str(doc)),
                ..
            }) = &first.kind
            && module
        {
            self.with_loc(first.span, |c| {
                c.load_const(Constant::str(doc));
                c.store_name("__doc__");
            });
            rest = &body[1..];
        }
        self.stmts(rest)
    }

    fn stmts(&mut self, body: &'a [Stmt]) -> CResult {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    /// Compiles a statement. Its line stays current afterwards, as in CPython 3.8's compiler:
    /// code emitted after the statement (a loop's jump back, an implicit `return None`) is
    /// attributed to the last line compiled.
    fn stmt(&mut self, s: &'a Stmt) -> CResult {
        self.unit().loc = self.location(s.span);
        self.stmt_inner(s)
    }

    fn stmt_inner(&mut self, s: &'a Stmt) -> CResult {
        match &s.kind {
            StmtKind::Expr(e) => {
                if self.mode == Mode::Interactive && self.units.len() == 1 {
                    self.expr(e)?;
                    self.emit(Instruction::PrintExpr);
                } else if matches!(e.kind, ExprKind::Constant(_)) {
                    // A constant statement (docstring, `...`) does nothing.
                } else {
                    self.expr(e)?;
                    self.emit(Instruction::PopTop);
                }
            }
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for (i, t) in targets.iter().enumerate() {
                    if i + 1 < targets.len() {
                        self.emit(Instruction::DupTop);
                    }
                    self.store_target(t)?;
                }
            }
            StmtKind::AugAssign { target, op, value } => self.aug_assign(target, *op, value)?,
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                simple,
            } => {
                if let Some(v) = value {
                    self.expr(v)?;
                    self.store_target(target)?;
                }
                let kind = self.unit_ref().kind;
                if kind != ScopeKind::Function {
                    if let (true, ExprKind::Name(n)) = (*simple, &target.kind) {
                        self.expr(annotation)?;
                        let i = self.name_idx("__annotations__");
                        self.emit(Instruction::LoadName(i));
                        self.load_const(Constant::str(n));
                        self.emit(Instruction::StoreSubscr);
                    } else {
                        self.expr(annotation)?;
                        self.emit(Instruction::PopTop);
                    }
                }
            }
            StmtKind::Pass => {}
            StmtKind::Break => self.break_continue(true, s.span)?,
            StmtKind::Continue => self.break_continue(false, s.span)?,
            StmtKind::Return(v) => {
                if self.unit_ref().kind != ScopeKind::Function {
                    return Err(SyntaxError::new("'return' outside function", s.span));
                }
                match v {
                    Some(e) => self.expr(e)?,
                    None => self.load_const(Constant::None),
                }
                self.unwind_fblocks(true, None)?;
                self.emit(Instruction::ReturnValue);
            }
            StmtKind::Global(_) | StmtKind::Nonlocal(_) => {}
            StmtKind::Del(targets) => {
                for t in targets {
                    self.delete_target(t)?;
                }
            }
            StmtKind::Assert { test, msg } => {
                let end = self.new_label();
                self.jump_if(test, true, end)?;
                self.emit(Instruction::LoadAssertionError);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Instruction::CallFunction(1));
                }
                // CPython 3.11 points the traceback at the test expression.
                self.with_loc(test.span, |c| c.emit(Instruction::RaiseVarargs(1)));
                self.place(end);
            }
            StmtKind::Raise { exc, cause } => {
                let mut n = 0;
                if let Some(e) = exc {
                    self.expr(e)?;
                    n = 1;
                    if let Some(c) = cause {
                        self.expr(c)?;
                        n = 2;
                    }
                }
                self.emit(Instruction::RaiseVarargs(n));
            }
            StmtKind::If { test, body, orelse } => {
                let end = self.new_label();
                if orelse.is_empty() {
                    self.jump_if(test, false, end)?;
                    self.stmts(body)?;
                } else {
                    let other = self.new_label();
                    self.jump_if(test, false, other)?;
                    self.stmts(body)?;
                    self.jump(Instruction::JumpForward, end);
                    self.place(other);
                    self.stmts(orelse)?;
                }
                self.place(end);
            }
            StmtKind::While { test, body, orelse } => {
                let (start, after, end) = (self.new_label(), self.new_label(), self.new_label());
                self.place(start);
                let always = matches!(test.kind, ExprKind::Constant(ast::Constant::Bool(true)));
                if !always {
                    self.jump_if(test, false, after)?;
                }
                self.unit().fblocks.push(FBlock::WhileLoop { start, end });
                self.stmts(body)?;
                self.unit().fblocks.pop();
                self.jump(Instruction::JumpAbsolute, start);
                self.place(after);
                self.stmts(orelse)?;
                self.place(end);
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => {
                if *is_async {
                    return Err(SyntaxError::new(
                        "gilvm does not support 'async for' yet",
                        s.span,
                    ));
                }
                let (start, cleanup, end) = (self.new_label(), self.new_label(), self.new_label());
                self.expr(iter)?;
                self.emit(Instruction::GetIter);
                self.place(start);
                self.jump(Instruction::ForIter, cleanup);
                self.store_target(target)?;
                self.unit().fblocks.push(FBlock::ForLoop { start, end });
                self.stmts(body)?;
                self.unit().fblocks.pop();
                self.jump(Instruction::JumpAbsolute, start);
                self.place(cleanup);
                self.stmts(orelse)?;
                self.place(end);
            }
            StmtKind::FunctionDef(f) => self.function_def(f)?,
            StmtKind::ClassDef(c) => self.class_def(c)?,
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finalbody,
            } => {
                if finalbody.is_empty() {
                    self.try_except(body, handlers, orelse)?;
                } else {
                    self.try_finally(body, handlers, orelse, finalbody)?;
                }
            }
            StmtKind::With {
                items,
                body,
                is_async,
            } => {
                if *is_async {
                    if self.unit_ref().flags & code_flags::COROUTINE == 0 {
                        return Err(SyntaxError::new(
                            "'async with' outside async function",
                            s.span,
                        ));
                    }
                    self.async_with(items, body)?;
                } else {
                    self.with(items, body)?;
                }
            }
            StmtKind::Import(aliases) => {
                // CPython 3.11 gives every alias the statement's position (no caret in a
                // traceback, since it spans the whole line).
                for a in aliases {
                    self.with_loc(s.span, |c| -> CResult {
                        c.load_const(Constant::Int(0));
                        if a.asname.is_some() && a.name.contains('.') {
                            c.load_const(Constant::Tuple(vec![]));
                        } else {
                            c.load_const(Constant::None);
                        }
                        let i = c.name_idx(&a.name);
                        c.emit(Instruction::ImportName(i));
                        match &a.asname {
                            Some(asname) => c.store_name(asname),
                            None => {
                                let top = a.name.split('.').next().unwrap_or(&a.name).to_string();
                                c.store_name(&top);
                            }
                        }
                        Ok(())
                    })?;
                }
            }
            StmtKind::ImportFrom { module, names } => {
                self.load_const(Constant::Int(0));
                let fromlist: Vec<Constant> =
                    names.iter().map(|a| Constant::str(&a.name)).collect();
                self.load_const(Constant::Tuple(fromlist));
                let i = self.name_idx(module);
                self.emit(Instruction::ImportName(i));
                if names.len() == 1 && names[0].name == "*" {
                    self.emit(Instruction::ImportStar);
                } else {
                    for a in names {
                        let i = self.name_idx(&a.name);
                        self.emit(Instruction::ImportFrom(i));
                        self.store_name(a.asname.as_deref().unwrap_or(&a.name));
                    }
                    self.emit(Instruction::PopTop);
                }
            }
            StmtKind::Match { subject, cases } => self.match_stmt(subject, cases)?,
        }
        Ok(())
    }

    fn aug_assign(&mut self, target: &'a Expr, op: BinOp, value: &'a Expr) -> CResult {
        let op = binop(op);
        match &target.kind {
            ExprKind::Name(n) => {
                self.load_name(n);
                self.expr(value)?;
                self.emit(Instruction::Inplace(op));
                self.store_name(n);
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.expr(obj)?;
                self.emit(Instruction::DupTop);
                let i = self.name_idx(attr);
                self.emit(Instruction::LoadAttr(i));
                self.expr(value)?;
                self.emit(Instruction::Inplace(op));
                self.emit(Instruction::RotTwo);
                self.emit(Instruction::StoreAttr(i));
            }
            ExprKind::Subscript { value: obj, index } => {
                self.expr(obj)?;
                self.subscript_index(index)?;
                self.emit(Instruction::DupTopTwo);
                self.emit(Instruction::BinarySubscr);
                self.expr(value)?;
                self.emit(Instruction::Inplace(op));
                self.emit(Instruction::RotThree);
                self.emit(Instruction::StoreSubscr);
            }
            _ => {
                return Err(SyntaxError::new(
                    format!(
                        "'{}' is an illegal expression for augmented assignment",
                        expr_kind_name(target)
                    ),
                    target.span,
                ));
            }
        }
        Ok(())
    }

    fn store_target(&mut self, t: &'a Expr) -> CResult {
        self.with_loc(t.span, |c| match &t.kind {
            ExprKind::Name(n) => {
                c.store_name(n);
                Ok(())
            }
            ExprKind::Attribute { value, attr } => {
                c.expr(value)?;
                let i = c.name_idx(attr);
                c.emit(Instruction::StoreAttr(i));
                Ok(())
            }
            ExprKind::Subscript { value, index } => {
                c.expr(value)?;
                c.subscript_index(index)?;
                c.emit(Instruction::StoreSubscr);
                Ok(())
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let stars: Vec<usize> = items
                    .iter()
                    .enumerate()
                    .filter(|(_, e)| matches!(e.kind, ExprKind::Starred(_)))
                    .map(|(i, _)| i)
                    .collect();
                match stars.as_slice() {
                    [] => c.emit(Instruction::UnpackSequence(items.len() as u32)),
                    [i] => {
                        let after = items.len() - i - 1;
                        if *i > 255 || after > 255 {
                            return Err(SyntaxError::new(
                                "too many expressions in star-unpacking assignment",
                                t.span,
                            ));
                        }
                        c.emit(Instruction::UnpackEx((*i as u32) | ((after as u32) << 8)));
                    }
                    _ => {
                        return Err(SyntaxError::new(
                            "multiple starred expressions in assignment",
                            t.span,
                        ));
                    }
                }
                for item in items {
                    match &item.kind {
                        ExprKind::Starred(inner) => c.store_target(inner)?,
                        _ => c.store_target(item)?,
                    }
                }
                Ok(())
            }
            ExprKind::Starred(_) => Err(SyntaxError::new(
                "starred assignment target must be in a list or tuple",
                t.span,
            )),
            _ => Err(SyntaxError::new(
                format!("cannot assign to {}", expr_kind_name(t)),
                t.span,
            )),
        })
    }

    fn delete_target(&mut self, t: &'a Expr) -> CResult {
        match &t.kind {
            ExprKind::Name(n) => self.delete_name(n),
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_idx(attr);
                self.emit(Instruction::DeleteAttr(i));
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.subscript_index(index)?;
                self.emit(Instruction::DeleteSubscr);
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.delete_target(i)?;
                }
            }
            _ => {
                return Err(SyntaxError::new(
                    format!("cannot delete {}", expr_kind_name(t)),
                    t.span,
                ));
            }
        }
        Ok(())
    }

    /// `break` / `continue`: undo the blocks up to the innermost loop, then jump.
    fn break_continue(&mut self, is_break: bool, span: Span) -> CResult {
        let word = if is_break {
            "'break' outside loop"
        } else {
            "'continue' not properly in loop"
        };
        let loop_pos = self
            .unit_ref()
            .fblocks
            .iter()
            .rposition(|b| matches!(b, FBlock::WhileLoop { .. } | FBlock::ForLoop { .. }))
            .ok_or_else(|| SyntaxError::new(word, span))?;
        let (start, end, is_for) = match &self.unit_ref().fblocks[loop_pos] {
            FBlock::WhileLoop { start, end } => (*start, *end, false),
            FBlock::ForLoop { start, end } => (*start, *end, true),
            _ => unreachable!("position found a loop"),
        };
        self.unwind_fblocks(false, Some(loop_pos + 1))?;
        if is_break {
            if is_for {
                self.emit(Instruction::PopTop);
            }
            self.jump(Instruction::JumpAbsolute, end);
        } else {
            self.jump(Instruction::JumpAbsolute, start);
        }
        Ok(())
    }

    /// Emits the code that leaves every frame block above `down_to` (all of them for `return`),
    /// innermost first. `preserve_tos`: a return value is on the stack and must stay on top.
    fn unwind_fblocks(&mut self, preserve_tos: bool, down_to: Option<usize>) -> CResult {
        let stop = down_to.unwrap_or(0);
        let mut i = self.unit_ref().fblocks.len();
        while i > stop {
            i -= 1;
            // Take the block out while its unwinding code is emitted (a finally body compiled
            // here must not see itself), then put it back.
            let block = self.unit().fblocks.remove(i);
            let r = self.unwind_one(&block, preserve_tos);
            self.unit().fblocks.insert(i, block);
            r?;
        }
        Ok(())
    }

    fn unwind_one(&mut self, block: &FBlock<'a>, preserve_tos: bool) -> CResult {
        match block {
            FBlock::WhileLoop { .. } => {}
            FBlock::ForLoop { .. } => {
                if preserve_tos {
                    self.emit(Instruction::RotTwo);
                }
                self.emit(Instruction::PopTop);
            }
            FBlock::TryExcept => self.emit(Instruction::PopBlock),
            FBlock::FinallyTry(body) => {
                self.emit(Instruction::PopBlock);
                // The finally body runs with only the outer blocks active.
                let saved: Vec<FBlock<'a>> = Vec::new();
                let _ = saved;
                self.stmts(body)?;
            }
            FBlock::FinallyEnd => {
                if preserve_tos {
                    self.emit(Instruction::RotTwo);
                }
                self.emit(Instruction::PopTop);
                self.emit(Instruction::PopExcept);
            }
            FBlock::With => {
                self.emit(Instruction::PopBlock);
                if preserve_tos {
                    self.emit(Instruction::RotTwo);
                }
                self.call_exit_none();
                self.emit(Instruction::PopTop);
            }
            FBlock::HandlerCleanup(name) => {
                self.emit(Instruction::PopExcept);
                if let Some(n) = name {
                    self.load_const(Constant::None);
                    self.store_name(n);
                    self.delete_name(n);
                }
            }
        }
        Ok(())
    }

    /// Calls the `__exit__` on top of the stack with (None, None, None), leaving its result.
    /// Awaits the value on top of the stack (`await x`): the awaitable's iterator is driven
    /// by `YIELD_FROM`, each of its yields suspends this coroutine.
    fn await_top(&mut self) {
        self.emit(Instruction::GetAwaitable);
        self.load_const(Constant::None);
        self.emit(Instruction::YieldFrom);
    }

    /// `async with`: as `with`, with `__aenter__`/`__aexit__` awaited.
    fn async_with(&mut self, items: &'a [WithItem], body: &'a [Stmt]) -> CResult {
        let Some((item, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        let (handler, end) = (self.new_label(), self.new_label());
        self.expr(&item.context)?;
        // Stack: __aexit__, __aenter__()'s awaitable.
        self.emit(Instruction::BeforeAsyncWith);
        self.await_top();
        self.jump(Instruction::SetupAsyncWith, handler);
        match &item.target {
            Some(t) => self.store_target(t)?,
            None => self.emit(Instruction::PopTop),
        }
        self.unit().fblocks.push(FBlock::With);
        self.async_with(rest, body)?;
        self.unit().fblocks.pop();
        self.emit(Instruction::PopBlock);
        self.call_exit_none();
        self.await_top();
        self.emit(Instruction::PopTop);
        self.jump(Instruction::JumpForward, end);
        // Exception path. Stack: __aexit__, exception; an ExceptHandler block is active.
        self.place(handler);
        let suppress = self.new_label();
        self.emit(Instruction::WithExceptStart);
        self.await_top();
        self.jump(Instruction::PopJumpIfTrue, suppress);
        self.emit(Instruction::Reraise);
        self.place(suppress);
        self.emit(Instruction::PopTop);
        self.emit(Instruction::PopExcept);
        self.emit(Instruction::PopTop);
        self.place(end);
        Ok(())
    }

    fn call_exit_none(&mut self) {
        self.load_const(Constant::None);
        self.emit(Instruction::DupTop);
        self.emit(Instruction::DupTop);
        self.emit(Instruction::CallFunction(3));
    }

    fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
    ) -> CResult {
        let (handler, orelse_l, end) = (self.new_label(), self.new_label(), self.new_label());
        self.jump(Instruction::SetupFinally, handler);
        self.unit().fblocks.push(FBlock::TryExcept);
        self.stmts(body)?;
        self.unit().fblocks.pop();
        self.emit(Instruction::PopBlock);
        self.jump(Instruction::JumpForward, orelse_l);
        self.place(handler);
        // Stack: the exception; an ExceptHandler block is active.
        for (i, h) in handlers.iter().enumerate() {
            if h.typ.is_none() && i + 1 < handlers.len() {
                return Err(SyntaxError::new("default 'except:' must be last", h.span));
            }
            let next = self.new_label();
            self.with_loc(h.span, |c| -> CResult {
                if let Some(t) = &h.typ {
                    c.emit(Instruction::DupTop);
                    c.expr(t)?;
                    c.jump(Instruction::JumpIfNotExcMatch, next);
                }
                match &h.name {
                    Some(n) => c.store_name(n),
                    None => c.emit(Instruction::PopTop),
                }
                Ok(())
            })?;
            self.unit()
                .fblocks
                .push(FBlock::HandlerCleanup(h.name.clone()));
            self.stmts(&h.body)?;
            self.unit().fblocks.pop();
            self.emit(Instruction::PopExcept);
            if let Some(n) = &h.name {
                self.load_const(Constant::None);
                self.store_name(n);
                self.delete_name(n);
            }
            self.jump(Instruction::JumpForward, end);
            self.place(next);
        }
        // No handler matched: re-raise (the ExceptHandler block is popped by the unwinder).
        self.emit(Instruction::Reraise);
        self.place(orelse_l);
        self.stmts(orelse)?;
        self.place(end);
        Ok(())
    }

    fn try_finally(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
        finalbody: &'a [Stmt],
    ) -> CResult {
        let (handler, end) = (self.new_label(), self.new_label());
        self.jump(Instruction::SetupFinally, handler);
        self.unit().fblocks.push(FBlock::FinallyTry(finalbody));
        if handlers.is_empty() {
            self.stmts(body)?;
        } else {
            self.try_except(body, handlers, orelse)?;
        }
        self.unit().fblocks.pop();
        self.emit(Instruction::PopBlock);
        self.stmts(finalbody)?;
        self.jump(Instruction::JumpForward, end);
        self.place(handler);
        self.unit().fblocks.push(FBlock::FinallyEnd);
        self.stmts(finalbody)?;
        self.unit().fblocks.pop();
        self.emit(Instruction::Reraise);
        self.place(end);
        Ok(())
    }

    fn with(&mut self, items: &'a [WithItem], body: &'a [Stmt]) -> CResult {
        let Some((item, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        let (handler, end) = (self.new_label(), self.new_label());
        self.expr(&item.context)?;
        self.jump(Instruction::SetupWith, handler);
        match &item.target {
            Some(t) => self.store_target(t)?,
            None => self.emit(Instruction::PopTop),
        }
        self.unit().fblocks.push(FBlock::With);
        self.with(rest, body)?;
        self.unit().fblocks.pop();
        self.emit(Instruction::PopBlock);
        self.call_exit_none();
        self.emit(Instruction::PopTop);
        self.jump(Instruction::JumpForward, end);
        // Exception path. Stack: __exit__, exception; an ExceptHandler block is active.
        self.place(handler);
        let suppress = self.new_label();
        self.emit(Instruction::WithExceptStart);
        self.jump(Instruction::PopJumpIfTrue, suppress);
        self.emit(Instruction::Reraise);
        self.place(suppress);
        self.emit(Instruction::PopTop);
        self.emit(Instruction::PopExcept);
        self.emit(Instruction::PopTop);
        self.place(end);
        Ok(())
    }

    // ----- functions and classes ---------------------------------------------------------

    fn function_def(&mut self, f: &'a FunctionDef) -> CResult {
        for d in &f.decorators {
            self.expr(d)?;
        }
        let scope = *self
            .table
            .by_node
            .get(&symtable::node_key(f))
            .ok_or_else(|| SyntaxError::new("internal: no scope", f.header))?;
        let qualname = self.qualname_for(&f.name);
        let mut flags = self.function_prelude(&f.params, Some(&f.returns))?;
        let firstline = self.location(f.header).line;
        self.push_unit(scope, f.name.clone(), qualname.clone(), firstline);
        self.set_params(&f.params, scope);
        if f.is_async {
            if self.unit().flags & code_flags::GENERATOR != 0 {
                return Err(SyntaxError::new(
                    "gilvm does not support asynchronous generators",
                    f.header,
                ));
            }
            self.unit().flags |= code_flags::COROUTINE;
        }
        // The first constant of a function is its docstring, or None.
        match f.body.first().map(|s| &s.kind) {
            Some(StmtKind::Expr(Expr {
                kind: ExprKind::Constant(ast::Constant::Str(doc)),
                ..
            })) => {
                self.add_const(Constant::str(doc));
            }
            _ => {
                self.add_const(Constant::None);
            }
        }
        self.stmts(&f.body)?;
        if !ends_with_return(&f.body) {
            // The implicit `return None` keeps the line of the last statement.
            self.load_const(Constant::None);
            self.emit(Instruction::ReturnValue);
        }
        let code = self.pop_unit();
        flags |= self.make_closure(code, &qualname)?;
        self.emit(Instruction::MakeFunction(flags));
        for _ in &f.decorators {
            self.emit(Instruction::CallFunction(1));
        }
        self.store_name(&f.name);
        Ok(())
    }

    /// Pushes defaults, kw-defaults and annotations for MAKE_FUNCTION; returns its flags.
    fn function_prelude(
        &mut self,
        p: &'a Params,
        returns: Option<&'a Option<Expr>>,
    ) -> CResult<u32> {
        let mut flags = 0;
        if !p.defaults.is_empty() {
            if let Some(consts) = p
                .defaults
                .iter()
                .map(const_value)
                .collect::<Option<Vec<Constant>>>()
            {
                self.load_const(Constant::Tuple(consts));
            } else {
                for d in &p.defaults {
                    self.expr(d)?;
                }
                self.emit(Instruction::BuildTuple(p.defaults.len() as u32));
            }
            flags |= mf::DEFAULTS;
        }
        let kw: Vec<(&Param, &Expr)> = p
            .kwonly
            .iter()
            .zip(p.kw_defaults.iter())
            .filter_map(|(prm, d)| d.as_ref().map(|d| (prm, d)))
            .collect();
        if !kw.is_empty() {
            for (_, d) in &kw {
                self.expr(d)?;
            }
            self.load_const(Constant::Tuple(
                kw.iter().map(|(prm, _)| Constant::str(&prm.name)).collect(),
            ));
            self.emit(Instruction::BuildConstKeyMap(kw.len() as u32));
            flags |= mf::KWDEFAULTS;
        }
        let mut ann_names = Vec::new();
        let all = p
            .posonly
            .iter()
            .chain(&p.args)
            .chain(&p.vararg)
            .chain(&p.kwonly)
            .chain(&p.kwarg);
        for prm in all {
            if let Some(a) = &prm.annotation {
                self.expr(a)?;
                ann_names.push(Constant::str(&prm.name));
            }
        }
        if let Some(Some(r)) = returns {
            self.expr(r)?;
            ann_names.push(Constant::str("return"));
        }
        if !ann_names.is_empty() {
            let n = ann_names.len() as u32;
            self.load_const(Constant::Tuple(ann_names));
            self.emit(Instruction::BuildConstKeyMap(n));
            flags |= mf::ANNOTATIONS;
        }
        Ok(flags)
    }

    fn set_params(&mut self, p: &Params, scope: usize) {
        let u = self.unit();
        u.argcount = (p.posonly.len() + p.args.len()) as u32;
        u.posonlyargcount = p.posonly.len() as u32;
        u.kwonlyargcount = p.kwonly.len() as u32;
        u.flags |= code_flags::OPTIMIZED | code_flags::NEWLOCALS;
        if p.vararg.is_some() {
            u.flags |= code_flags::VARARGS;
        }
        if p.kwarg.is_some() {
            u.flags |= code_flags::VARKEYWORDS;
        }
        if self.table.scopes[scope].is_generator {
            self.unit().flags |= code_flags::GENERATOR;
        }
        if self.units.len() > 2 {
            self.unit().flags |= code_flags::NESTED;
        }
    }

    /// Pushes the closure tuple (if the code has free variables), the code and the qualname.
    fn make_closure(&mut self, code: CodeObject, qualname: &str) -> CResult<u32> {
        let mut flags = 0;
        if !code.freevars.is_empty() {
            for name in code.freevars.clone() {
                let c = self.cell_idx(&name);
                self.emit(Instruction::LoadClosure(c));
            }
            self.emit(Instruction::BuildTuple(code.freevars.len() as u32));
            flags |= mf::CLOSURE;
        }
        self.load_const(Constant::Code(Arc::new(code)));
        self.load_const(Constant::str(qualname));
        Ok(flags)
    }

    fn class_def(&mut self, c: &'a ClassDef) -> CResult {
        for d in &c.decorators {
            self.expr(d)?;
        }
        let scope = *self
            .table
            .by_node
            .get(&symtable::node_key(c))
            .ok_or_else(|| SyntaxError::new("internal: no scope", c.header))?;
        let qualname = self.qualname_for(&c.name);
        self.emit(Instruction::LoadBuildClass);
        let firstline = self.location(c.header).line;
        self.push_unit(scope, c.name.clone(), qualname.clone(), firstline);
        self.with_loc(c.header, |cc| {
            let i = cc.name_idx("__name__");
            cc.emit(Instruction::LoadName(i));
            let j = cc.name_idx("__module__");
            cc.emit(Instruction::StoreName(j));
            cc.load_const(Constant::str(&qualname));
            let k = cc.name_idx("__qualname__");
            cc.emit(Instruction::StoreName(k));
        });
        if has_annotations(&c.body) {
            self.emit(Instruction::SetupAnnotations);
        }
        self.body_with_docstring(&c.body, true)?;
        if self.table.scopes[scope].needs_class_cell {
            let cell = self.cell_idx("__class__");
            self.emit(Instruction::LoadClosure(cell));
            self.emit(Instruction::DupTop);
            let i = self.name_idx("__classcell__");
            self.emit(Instruction::StoreName(i));
        } else {
            self.load_const(Constant::None);
        }
        self.emit(Instruction::ReturnValue);
        let code = self.pop_unit();
        let flags = self.make_closure(code, &qualname)?;
        self.emit(Instruction::MakeFunction(flags));
        self.load_const(Constant::str(&c.name));
        for b in &c.bases {
            self.expr(b)?;
        }
        let nargs = 2 + c.bases.len() as u32;
        if c.keywords.is_empty() {
            self.emit(Instruction::CallFunction(nargs));
        } else {
            for k in &c.keywords {
                self.expr(&k.value)?;
            }
            let names: Vec<Constant> = c
                .keywords
                .iter()
                .map(|k| Constant::str(k.arg.as_deref().unwrap_or("")))
                .collect();
            self.load_const(Constant::Tuple(names));
            self.emit(Instruction::CallFunctionKw(nargs + c.keywords.len() as u32));
        }
        for _ in &c.decorators {
            self.emit(Instruction::CallFunction(1));
        }
        self.store_name(&c.name);
        Ok(())
    }

    // ----- expressions -------------------------------------------------------------------

    fn expr(&mut self, e: &'a Expr) -> CResult {
        let loc = self.location(e.span);
        let saved = std::mem::replace(&mut self.unit().loc, loc);
        let r = self.expr_inner(e);
        self.unit().loc = saved;
        r
    }

    fn expr_inner(&mut self, e: &'a Expr) -> CResult {
        match &e.kind {
            ExprKind::Name(n) => self.load_name(n),
            ExprKind::Constant(c) => self.load_const(constant(c)),
            ExprKind::JoinedStr(parts) => self.fstring(parts)?,
            ExprKind::BinOp { left, op, right } => {
                self.expr(left)?;
                self.expr(right)?;
                self.emit(Instruction::Binary(binop(*op)));
            }
            ExprKind::UnaryOp { op, operand } => {
                if let (UnaryOp::USub, Some(v)) = (op, const_value(operand))
                    && let Some(neg) = negate_const(&v)
                {
                    self.load_const(neg);
                    return Ok(());
                }
                self.expr(operand)?;
                self.emit(match op {
                    UnaryOp::Not => Instruction::UnaryNot,
                    UnaryOp::Invert => Instruction::UnaryInvert,
                    UnaryOp::UAdd => Instruction::UnaryPositive,
                    UnaryOp::USub => Instruction::UnaryNegative,
                });
            }
            ExprKind::BoolOp { op, values } => {
                let end = self.new_label();
                let make = match op {
                    BoolOp::And => Instruction::JumpIfFalseOrPop,
                    BoolOp::Or => Instruction::JumpIfTrueOrPop,
                };
                for (i, v) in values.iter().enumerate() {
                    self.expr(v)?;
                    if i + 1 < values.len() {
                        self.jump(make, end);
                    }
                }
                self.place(end);
            }
            ExprKind::Compare {
                left,
                ops,
                comparators,
            } => self.compare(left, ops, comparators)?,
            ExprKind::IfExp { test, body, orelse } => {
                let (other, end) = (self.new_label(), self.new_label());
                self.jump_if(test, false, other)?;
                self.expr(body)?;
                self.jump(Instruction::JumpForward, end);
                self.place(other);
                self.expr(orelse)?;
                self.place(end);
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => self.call(e, func, args, keywords)?,
            ExprKind::Attribute { value, attr } => {
                self.expr(value)?;
                let i = self.name_idx(attr);
                self.emit(Instruction::LoadAttr(i));
            }
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.subscript_index(index)?;
                self.emit(Instruction::BinarySubscr);
            }
            ExprKind::Slice { .. } => self.subscript_index(e)?,
            ExprKind::Starred(_) => {
                return Err(SyntaxError::new(
                    "can't use starred expression here",
                    e.span,
                ));
            }
            ExprKind::List(items) => self.sequence(items, SeqKind::List)?,
            ExprKind::Tuple(items) => {
                if let Some(consts) = items
                    .iter()
                    .map(const_value)
                    .collect::<Option<Vec<Constant>>>()
                {
                    self.load_const(Constant::Tuple(consts));
                } else {
                    self.sequence(items, SeqKind::Tuple)?;
                }
            }
            ExprKind::Set(items) => self.sequence(items, SeqKind::Set)?,
            ExprKind::Dict { keys, values } => self.dict(keys, values)?,
            ExprKind::ListComp { elt, generators } => {
                self.comprehension(e, generators, CompKind::List(elt))?
            }
            ExprKind::SetComp { elt, generators } => {
                self.comprehension(e, generators, CompKind::Set(elt))?
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(e, generators, CompKind::Dict(key, value))?,
            ExprKind::GeneratorExp { elt, generators } => {
                self.comprehension(e, generators, CompKind::Gen(elt))?
            }
            ExprKind::Lambda { params, body } => {
                let scope = *self
                    .table
                    .by_node
                    .get(&symtable::node_key(e))
                    .ok_or_else(|| SyntaxError::new("internal: no scope", e.span))?;
                let qualname = self.qualname_for("<lambda>");
                let mut flags = self.function_prelude(params, None)?;
                let line = self.location(e.span).line;
                self.push_unit(scope, "<lambda>".into(), qualname.clone(), line);
                self.set_params(params, scope);
                self.add_const(Constant::None);
                self.expr(body)?;
                if !self.table.scopes[scope].is_generator {
                    self.emit(Instruction::ReturnValue);
                } else {
                    self.emit(Instruction::PopTop);
                    self.load_const(Constant::None);
                    self.emit(Instruction::ReturnValue);
                }
                let code = self.pop_unit();
                flags |= self.make_closure(code, &qualname)?;
                self.emit(Instruction::MakeFunction(flags));
            }
            ExprKind::NamedExpr { target, value } => {
                self.expr(value)?;
                self.emit(Instruction::DupTop);
                self.store_name(target);
            }
            ExprKind::Yield(v) => {
                if self.unit_ref().kind != ScopeKind::Function {
                    return Err(SyntaxError::new("'yield' outside function", e.span));
                }
                match v {
                    Some(x) => self.expr(x)?,
                    None => self.load_const(Constant::None),
                }
                self.emit(Instruction::YieldValue);
            }
            ExprKind::YieldFrom(v) => {
                if self.unit_ref().kind != ScopeKind::Function {
                    return Err(SyntaxError::new("'yield' outside function", e.span));
                }
                self.expr(v)?;
                self.emit(Instruction::GetYieldFromIter);
                self.load_const(Constant::None);
                self.emit(Instruction::YieldFrom);
            }
            ExprKind::Await(v) => {
                if self.unit_ref().flags & code_flags::COROUTINE == 0 {
                    return Err(SyntaxError::new("'await' outside async function", e.span));
                }
                self.expr(v)?;
                self.await_top();
            }
        }
        Ok(())
    }

    /// Compiles a condition and jumps to `label` when its truth equals `cond`.
    /// `match subject:` — the subject stays on the stack while each case's pattern is tried
    /// on a copy; the first that matches (and whose guard holds) pops it and runs its body.
    fn match_stmt(&mut self, subject: &'a Expr, cases: &'a [MatchCase]) -> CResult {
        self.expr(subject)?;
        let end = self.new_label();
        for case in cases {
            let next = self.new_label();
            self.emit(Instruction::DupTop);
            self.pattern(&case.pattern)?;
            self.jump(Instruction::PopJumpIfFalse, next);
            if let Some(g) = &case.guard {
                self.jump_if(g, false, next)?;
            }
            self.emit(Instruction::PopTop);
            self.stmts(&case.body)?;
            self.jump(Instruction::JumpForward, end);
            self.place(next);
        }
        self.emit(Instruction::PopTop);
        self.place(end);
        Ok(())
    }

    /// A pattern: consumes the value on top of the stack, binds its captures, and pushes
    /// whether it matched (names may stay bound after a failed match, as PEP 634 allows).
    fn pattern(&mut self, p: &'a Pattern) -> CResult {
        self.with_loc(p.span, |c| c.pattern_inner(p))
    }

    fn pattern_inner(&mut self, p: &'a Pattern) -> CResult {
        use Instruction as I;
        match &p.kind {
            PatternKind::Capture(None) | PatternKind::Star(None) => {
                self.emit(I::PopTop);
                self.load_const(Constant::Bool(true));
            }
            PatternKind::Capture(Some(n)) | PatternKind::Star(Some(n)) => {
                self.store_name(n);
                self.load_const(Constant::Bool(true));
            }
            PatternKind::Value(e) => {
                let singleton = matches!(
                    e.kind,
                    ExprKind::Constant(ast::Constant::None | ast::Constant::Bool(_))
                );
                self.expr(e)?;
                self.emit(I::CompareOp(if singleton {
                    CompareOp::Is
                } else {
                    CompareOp::Eq
                }));
            }
            PatternKind::Or(alts) => {
                let (yes, end) = (self.new_label(), self.new_label());
                for alt in alts {
                    self.emit(I::DupTop);
                    self.pattern(alt)?;
                    self.jump(I::PopJumpIfTrue, yes);
                }
                self.emit(I::PopTop);
                self.load_const(Constant::Bool(false));
                self.jump(I::JumpForward, end);
                self.place(yes);
                self.emit(I::PopTop);
                self.load_const(Constant::Bool(true));
                self.place(end);
            }
            PatternKind::As(inner, n) => {
                let (no, end) = (self.new_label(), self.new_label());
                self.emit(I::DupTop);
                self.pattern(inner)?;
                self.jump(I::PopJumpIfFalse, no);
                self.store_name(n);
                self.load_const(Constant::Bool(true));
                self.jump(I::JumpForward, end);
                self.place(no);
                self.emit(I::PopTop);
                self.load_const(Constant::Bool(false));
                self.place(end);
            }
            PatternKind::Sequence(items) => {
                let stars: Vec<usize> = items
                    .iter()
                    .enumerate()
                    .filter(|(_, q)| matches!(q.kind, PatternKind::Star(_)))
                    .map(|(i, _)| i)
                    .collect();
                if stars.len() > 1 {
                    return Err(SyntaxError::new(
                        "multiple starred names in sequence pattern",
                        p.span,
                    ));
                }
                let (no, end) = (self.new_label(), self.new_label());
                self.emit(I::MatchSequence);
                self.jump(I::PopJumpIfFalse, no);
                self.emit(I::GetLen);
                let n = items.len();
                match stars.first() {
                    None => {
                        self.load_const(Constant::Int(n as i64));
                        self.emit(I::CompareOp(CompareOp::Eq));
                    }
                    Some(_) => {
                        self.load_const(Constant::Int(n as i64 - 1));
                        self.emit(I::CompareOp(CompareOp::Ge));
                    }
                }
                self.jump(I::PopJumpIfFalse, no);
                match stars.first() {
                    None => self.emit(I::UnpackSequence(n as u32)),
                    Some(&at) => self.emit(I::UnpackEx((at | ((n - 1 - at) << 8)) as u32)),
                }
                self.match_items(items, end)?;
                self.place(no);
                self.emit(I::PopTop);
                self.load_const(Constant::Bool(false));
                self.place(end);
            }
            PatternKind::Class { cls, args, kwargs } => {
                let (no, end) = (self.new_label(), self.new_label());
                self.expr(cls)?;
                let names: Vec<Constant> = kwargs.iter().map(|(k, _)| Constant::str(k)).collect();
                self.load_const(Constant::Tuple(names));
                self.emit(I::MatchClass(args.len() as u32));
                self.emit(I::DupTop);
                self.load_const(Constant::None);
                self.emit(I::CompareOp(CompareOp::Is));
                self.jump(I::PopJumpIfTrue, no);
                let subs: Vec<&'a Pattern> =
                    args.iter().chain(kwargs.iter().map(|(_, q)| q)).collect();
                self.emit(I::UnpackSequence(subs.len() as u32));
                self.match_item_refs(&subs, end)?;
                self.place(no);
                self.emit(I::PopTop);
                self.load_const(Constant::Bool(false));
                self.place(end);
            }
            PatternKind::Mapping {
                keys,
                patterns,
                rest,
            } => {
                let (no, no3, end) = (self.new_label(), self.new_label(), self.new_label());
                self.emit(I::MatchMapping);
                self.jump(I::PopJumpIfFalse, no);
                self.emit(I::GetLen);
                self.load_const(Constant::Int(keys.len() as i64));
                self.emit(I::CompareOp(CompareOp::Ge));
                self.jump(I::PopJumpIfFalse, no);
                for k in keys {
                    self.expr(k)?;
                }
                self.emit(I::BuildTuple(keys.len() as u32));
                self.emit(I::MatchKeys);
                self.emit(I::DupTop);
                self.load_const(Constant::None);
                self.emit(I::CompareOp(CompareOp::Is));
                self.jump(I::PopJumpIfTrue, no3);
                // [subject, keys, values] -> [values, subject, keys]
                self.emit(I::RotThree);
                match rest {
                    Some(n) => {
                        self.emit(I::CopyDictWithoutKeys);
                        self.store_name(n);
                    }
                    None => self.emit(I::PopTop),
                }
                self.emit(I::PopTop);
                self.emit(I::UnpackSequence(patterns.len() as u32));
                let subs: Vec<&'a Pattern> = patterns.iter().collect();
                self.match_item_refs(&subs, end)?;
                self.place(no3);
                self.emit(I::PopTop);
                self.emit(I::PopTop);
                self.place(no);
                self.emit(I::PopTop);
                self.load_const(Constant::Bool(false));
                self.place(end);
            }
        }
        Ok(())
    }

    fn match_items(&mut self, items: &'a [Pattern], end: usize) -> CResult {
        let refs: Vec<&'a Pattern> = items.iter().collect();
        self.match_item_refs(&refs, end)
    }

    /// The items of an unpacked sequence are on the stack, the first on top: matches each
    /// against its pattern; on success pushes True and jumps to `end`, on the first failure
    /// pops the items left and pushes False (falling through to the caller's code after
    /// this, which must then jump to `end` itself — it is placed right before it).
    fn match_item_refs(&mut self, items: &[&'a Pattern], end: usize) -> CResult {
        use Instruction as I;
        let n = items.len();
        let fails: Vec<usize> = (0..n).map(|_| self.new_label()).collect();
        for (k, q) in items.iter().enumerate() {
            self.pattern(q)?;
            self.jump(I::PopJumpIfFalse, fails[k]);
        }
        self.load_const(Constant::Bool(true));
        self.jump(I::JumpForward, end);
        if n == 0 {
            return Ok(());
        }
        // From the k-th failure, n-1-k items are left to pop.
        for (k, &label) in fails.iter().enumerate() {
            self.place(label);
            if k + 1 < n {
                self.emit(I::PopTop);
            }
        }
        self.load_const(Constant::Bool(false));
        self.jump(I::JumpForward, end);
        Ok(())
    }

    fn jump_if(&mut self, e: &'a Expr, cond: bool, label: usize) -> CResult {
        match &e.kind {
            ExprKind::UnaryOp {
                op: UnaryOp::Not,
                operand,
            } => return self.jump_if(operand, !cond, label),
            ExprKind::BoolOp { op, values } => {
                let is_or = *op == BoolOp::Or;
                if is_or == cond {
                    // `a or b` jumping when true: any true operand jumps.
                    for v in values {
                        self.jump_if(v, cond, label)?;
                    }
                } else {
                    let skip = self.new_label();
                    let n = values.len();
                    for (i, v) in values.iter().enumerate() {
                        if i + 1 < n {
                            self.jump_if(v, !cond, skip)?;
                        } else {
                            self.jump_if(v, cond, label)?;
                        }
                    }
                    self.place(skip);
                }
                return Ok(());
            }
            _ => {}
        }
        self.expr(e)?;
        let make = if cond {
            Instruction::PopJumpIfTrue
        } else {
            Instruction::PopJumpIfFalse
        };
        self.with_loc(e.span, |c| c.jump(make, label));
        Ok(())
    }

    fn compare(&mut self, left: &'a Expr, ops: &[CmpOp], comparators: &'a [Expr]) -> CResult {
        self.expr(left)?;
        if ops.len() == 1 {
            self.expr(&comparators[0])?;
            self.emit(Instruction::CompareOp(cmpop(ops[0])));
            return Ok(());
        }
        let (cleanup, end) = (self.new_label(), self.new_label());
        for (i, (op, right)) in ops.iter().zip(comparators).enumerate() {
            self.expr(right)?;
            if i + 1 < ops.len() {
                self.emit(Instruction::DupTop);
                self.emit(Instruction::RotThree);
                self.emit(Instruction::CompareOp(cmpop(*op)));
                self.jump(Instruction::JumpIfFalseOrPop, cleanup);
            } else {
                self.emit(Instruction::CompareOp(cmpop(*op)));
            }
        }
        self.jump(Instruction::JumpForward, end);
        self.place(cleanup);
        self.emit(Instruction::RotTwo);
        self.emit(Instruction::PopTop);
        self.place(end);
        Ok(())
    }

    fn fstring(&mut self, parts: &'a [FStringPart]) -> CResult {
        let mut n = 0u32;
        for p in parts {
            match p {
                FStringPart::Literal(s) => {
                    if s.is_empty() {
                        continue;
                    }
                    self.load_const(Constant::str(s));
                }
                FStringPart::Expr {
                    value,
                    conversion,
                    format_spec,
                } => {
                    self.expr(value)?;
                    let mut flags = match conversion {
                        Some('s') => fv::CONV_STR,
                        Some('r') => fv::CONV_REPR,
                        Some('a') => fv::CONV_ASCII,
                        _ => 0,
                    };
                    if let Some(spec) = format_spec {
                        self.fstring(spec)?;
                        flags |= fv::HAVE_SPEC;
                    }
                    self.emit(Instruction::FormatValue(flags));
                }
            }
            n += 1;
        }
        if n == 0 {
            self.load_const(Constant::str(""));
        } else if n > 1 {
            self.emit(Instruction::BuildString(n));
        }
        Ok(())
    }

    fn subscript_index(&mut self, index: &'a Expr) -> CResult {
        match &index.kind {
            ExprKind::Slice { lower, upper, step } => {
                for part in [lower, upper] {
                    match part {
                        Some(x) => self.expr(x)?,
                        None => self.load_const(Constant::None),
                    }
                }
                match step {
                    Some(s) => {
                        self.expr(s)?;
                        self.emit(Instruction::BuildSlice(3));
                    }
                    None => self.emit(Instruction::BuildSlice(2)),
                }
                Ok(())
            }
            ExprKind::Tuple(items)
                if items
                    .iter()
                    .any(|i| matches!(i.kind, ExprKind::Slice { .. })) =>
            {
                for i in items {
                    self.subscript_index(i)?;
                }
                self.emit(Instruction::BuildTuple(items.len() as u32));
                Ok(())
            }
            _ => self.expr(index),
        }
    }

    fn sequence(&mut self, items: &'a [Expr], kind: SeqKind) -> CResult {
        let has_star = items.iter().any(|i| matches!(i.kind, ExprKind::Starred(_)));
        if !has_star {
            for i in items {
                self.expr(i)?;
            }
            let n = items.len() as u32;
            self.emit(match kind {
                SeqKind::List => Instruction::BuildList(n),
                SeqKind::Tuple => Instruction::BuildTuple(n),
                SeqKind::Set => Instruction::BuildSet(n),
            });
            return Ok(());
        }
        match kind {
            SeqKind::Set => self.emit(Instruction::BuildSet(0)),
            _ => self.emit(Instruction::BuildList(0)),
        }
        for i in items {
            match &i.kind {
                ExprKind::Starred(inner) => {
                    self.expr(inner)?;
                    self.emit(match kind {
                        SeqKind::Set => Instruction::SetUpdate(1),
                        _ => Instruction::ListExtend(1),
                    });
                }
                _ => {
                    self.expr(i)?;
                    self.emit(match kind {
                        SeqKind::Set => Instruction::SetAdd(1),
                        _ => Instruction::ListAppend(1),
                    });
                }
            }
        }
        if kind == SeqKind::Tuple {
            self.emit(Instruction::ListToTuple);
        }
        Ok(())
    }

    fn dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr]) -> CResult {
        let has_spread = keys.iter().any(|k| k.is_none());
        if !has_spread {
            let const_keys: Option<Vec<Constant>> = keys
                .iter()
                .map(|k| k.as_ref().and_then(const_value))
                .collect();
            match const_keys {
                Some(ck) if ck.len() > 1 => {
                    for v in values {
                        self.expr(v)?;
                    }
                    self.load_const(Constant::Tuple(ck));
                    self.emit(Instruction::BuildConstKeyMap(values.len() as u32));
                }
                _ => {
                    for (k, v) in keys.iter().zip(values) {
                        if let Some(k) = k {
                            self.expr(k)?;
                        }
                        self.expr(v)?;
                    }
                    self.emit(Instruction::BuildMap(values.len() as u32));
                }
            }
            return Ok(());
        }
        self.emit(Instruction::BuildMap(0));
        for (k, v) in keys.iter().zip(values) {
            match k {
                Some(k) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    self.emit(Instruction::MapAdd(1));
                }
                None => {
                    self.expr(v)?;
                    self.emit(Instruction::DictUpdate(1));
                }
            }
        }
        Ok(())
    }

    fn call(
        &mut self,
        call: &'a Expr,
        func: &'a Expr,
        args: &'a [Expr],
        keywords: &'a [Keyword],
    ) -> CResult {
        let simple_args = !args.iter().any(|a| matches!(a.kind, ExprKind::Starred(_)));
        let simple_kw = !keywords.iter().any(|k| k.arg.is_none());
        // Zero-argument super(): super(__class__, <first argument>).
        if let ExprKind::Name(n) = &func.kind
            && n == "super"
            && args.is_empty()
            && keywords.is_empty()
        {
            if let Some(first) = self.first_param()
                && self.scope_of("__class__") == NameScope::Free
            {
                self.load_name("super");
                self.load_name("__class__");
                self.load_name(&first);
                self.emit(Instruction::CallFunction(2));
                return Ok(());
            }
            return Err(SyntaxError::new(
                "super(): no arguments (outside of a method)",
                call.span,
            ));
        }
        // obj.method(args): LOAD_METHOD / CALL_METHOD, no bound-method object.
        if let ExprKind::Attribute { value, attr } = &func.kind
            && simple_args
            && keywords.is_empty()
        {
            self.expr(value)?;
            let i = self.name_idx(attr);
            self.with_loc(func.span, |c| c.emit(Instruction::LoadMethod(i)));
            for a in args {
                self.expr(a)?;
            }
            self.emit(Instruction::CallMethod(args.len() as u32));
            return Ok(());
        }
        self.expr(func)?;
        if simple_args && simple_kw {
            for a in args {
                self.expr(a)?;
            }
            if keywords.is_empty() {
                self.emit(Instruction::CallFunction(args.len() as u32));
            } else {
                for k in keywords {
                    self.expr(&k.value)?;
                }
                let names: Vec<Constant> = keywords
                    .iter()
                    .map(|k| Constant::str(k.arg.as_deref().unwrap_or("")))
                    .collect();
                self.load_const(Constant::Tuple(names));
                self.emit(Instruction::CallFunctionKw(
                    (args.len() + keywords.len()) as u32,
                ));
            }
            return Ok(());
        }
        // General form: build the positional tuple and the keyword dict.
        if simple_args {
            for a in args {
                self.expr(a)?;
            }
            self.emit(Instruction::BuildTuple(args.len() as u32));
        } else {
            self.sequence(args, SeqKind::Tuple)?;
        }
        let has_kw = !keywords.is_empty();
        if has_kw {
            self.emit(Instruction::BuildMap(0));
            for k in keywords {
                match &k.arg {
                    Some(name) => {
                        self.load_const(Constant::str(name));
                        self.expr(&k.value)?;
                        self.emit(Instruction::MapAdd(1));
                    }
                    None => {
                        self.expr(&k.value)?;
                        self.emit(Instruction::DictMerge(1));
                    }
                }
            }
        }
        self.emit(Instruction::CallFunctionEx(has_kw as u32));
        Ok(())
    }

    fn first_param(&self) -> Option<String> {
        let u = self.unit_ref();
        if u.kind != ScopeKind::Function || u.argcount == 0 {
            return None;
        }
        u.varnames.get_index(0).cloned()
    }

    fn comprehension(
        &mut self,
        e: &'a Expr,
        gens: &'a [Comprehension],
        kind: CompKind<'a>,
    ) -> CResult {
        let scope = *self
            .table
            .by_node
            .get(&symtable::node_key(e))
            .ok_or_else(|| SyntaxError::new("internal: no scope", e.span))?;
        let name = match kind {
            CompKind::List(_) => "<listcomp>",
            CompKind::Set(_) => "<setcomp>",
            CompKind::Dict(..) => "<dictcomp>",
            CompKind::Gen(_) => "<genexpr>",
        };
        let qualname = self.qualname_for(name);
        let Some(first) = gens.first() else {
            return Err(SyntaxError::new("comprehension without for", e.span));
        };
        let line = self.location(e.span).line;
        self.push_unit(scope, name.to_string(), qualname.clone(), line);
        {
            let u = self.unit();
            u.argcount = 1;
            u.flags |= code_flags::OPTIMIZED | code_flags::NEWLOCALS;
        }
        if matches!(kind, CompKind::Gen(_)) {
            self.unit().flags |= code_flags::GENERATOR;
        }
        match kind {
            CompKind::List(_) => self.emit(Instruction::BuildList(0)),
            CompKind::Set(_) => self.emit(Instruction::BuildSet(0)),
            CompKind::Dict(..) => self.emit(Instruction::BuildMap(0)),
            CompKind::Gen(_) => {}
        }
        self.comprehension_loop(gens, 0, kind)?;
        if matches!(kind, CompKind::Gen(_)) {
            self.load_const(Constant::None);
        }
        self.emit(Instruction::ReturnValue);
        let code = self.pop_unit();
        let flags = self.make_closure(code, &qualname)?;
        self.emit(Instruction::MakeFunction(flags));
        self.expr(&first.iter)?;
        self.emit(Instruction::GetIter);
        self.emit(Instruction::CallFunction(1));
        Ok(())
    }

    fn comprehension_loop(
        &mut self,
        gens: &'a [Comprehension],
        depth: usize,
        kind: CompKind<'a>,
    ) -> CResult {
        let g = &gens[depth];
        let (start, end) = (self.new_label(), self.new_label());
        if depth == 0 {
            self.emit(Instruction::LoadFast(LocalSlot(0)));
        } else {
            self.expr(&g.iter)?;
            self.emit(Instruction::GetIter);
        }
        self.place(start);
        self.jump(Instruction::ForIter, end);
        self.store_target(&g.target)?;
        for cond in &g.ifs {
            self.jump_if(cond, false, start)?;
        }
        if depth + 1 < gens.len() {
            self.comprehension_loop(gens, depth + 1, kind)?;
        } else {
            let up = (gens.len() + 1) as u32;
            match kind {
                CompKind::List(elt) => {
                    self.expr(elt)?;
                    self.emit(Instruction::ListAppend(up));
                }
                CompKind::Set(elt) => {
                    self.expr(elt)?;
                    self.emit(Instruction::SetAdd(up));
                }
                CompKind::Dict(k, v) => {
                    self.expr(k)?;
                    self.expr(v)?;
                    self.emit(Instruction::MapAdd(up));
                }
                CompKind::Gen(elt) => {
                    self.expr(elt)?;
                    self.emit(Instruction::YieldValue);
                    self.emit(Instruction::PopTop);
                }
            }
        }
        self.jump(Instruction::JumpAbsolute, start);
        self.place(end);
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum SeqKind {
    List,
    Tuple,
    Set,
}

#[derive(Clone, Copy)]
enum CompKind<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Dict(&'a Expr, &'a Expr),
    Gen(&'a Expr),
}

fn ends_with_return(body: &[Stmt]) -> bool {
    matches!(body.last().map(|s| &s.kind), Some(StmtKind::Return(_)))
}

fn constant(c: &ast::Constant) -> Constant {
    match c {
        ast::Constant::None => Constant::None,
        ast::Constant::Bool(b) => Constant::Bool(*b),
        ast::Constant::Int(i) => Constant::int(i.clone()),
        ast::Constant::Float(x) => Constant::Float(*x),
        ast::Constant::Str(s) => Constant::str(s),
        ast::Constant::Ellipsis => Constant::Ellipsis,
    }
}

/// The value of a constant expression (literals, `-literal`, tuples of those).
fn const_value(e: &Expr) -> Option<Constant> {
    match &e.kind {
        ExprKind::Constant(ast::Constant::Ellipsis) => None,
        ExprKind::Constant(c) => Some(constant(c)),
        ExprKind::UnaryOp {
            op: UnaryOp::USub,
            operand,
        } => const_value(operand).and_then(|v| negate_const(&v)),
        ExprKind::Tuple(items) => items
            .iter()
            .map(const_value)
            .collect::<Option<Vec<_>>>()
            .map(Constant::Tuple),
        _ => None,
    }
}

fn negate_const(v: &Constant) -> Option<Constant> {
    match v {
        Constant::Int(i) => Some(
            i.checked_neg()
                .map_or_else(|| Constant::int(-BigInt::from(*i)), Constant::Int),
        ),
        Constant::BigInt(b) => Some(Constant::int(-b.clone())),
        Constant::Float(x) => Some(Constant::Float(-x)),
        _ => None,
    }
}

fn binop(op: BinOp) -> BinaryOp {
    match op {
        BinOp::Add => BinaryOp::Add,
        BinOp::Sub => BinaryOp::Subtract,
        BinOp::Mult => BinaryOp::Multiply,
        BinOp::MatMult => BinaryOp::MatrixMultiply,
        BinOp::Div => BinaryOp::TrueDivide,
        BinOp::FloorDiv => BinaryOp::FloorDivide,
        BinOp::Mod => BinaryOp::Modulo,
        BinOp::Pow => BinaryOp::Power,
        BinOp::LShift => BinaryOp::Lshift,
        BinOp::RShift => BinaryOp::Rshift,
        BinOp::BitOr => BinaryOp::Or,
        BinOp::BitXor => BinaryOp::Xor,
        BinOp::BitAnd => BinaryOp::And,
    }
}

fn cmpop(op: CmpOp) -> CompareOp {
    match op {
        CmpOp::Eq => CompareOp::Eq,
        CmpOp::NotEq => CompareOp::Ne,
        CmpOp::Lt => CompareOp::Lt,
        CmpOp::LtE => CompareOp::Le,
        CmpOp::Gt => CompareOp::Gt,
        CmpOp::GtE => CompareOp::Ge,
        CmpOp::Is => CompareOp::Is,
        CmpOp::IsNot => CompareOp::IsNot,
        CmpOp::In => CompareOp::In,
        CmpOp::NotIn => CompareOp::NotIn,
    }
}

/// CPython's words for an expression that cannot be assigned to.
fn expr_kind_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Call { .. } => "function call",
        ExprKind::Constant(ast::Constant::None | ast::Constant::Bool(_)) => "literal",
        ExprKind::Constant(_) => "literal",
        ExprKind::BinOp { .. } | ExprKind::UnaryOp { .. } => "expression",
        ExprKind::BoolOp { .. } => "expression",
        ExprKind::Compare { .. } => "comparison",
        ExprKind::Lambda { .. } => "lambda",
        ExprKind::IfExp { .. } => "conditional expression",
        ExprKind::JoinedStr(_) => "f-string expression",
        ExprKind::ListComp { .. } => "list comprehension",
        ExprKind::SetComp { .. } => "set comprehension",
        ExprKind::DictComp { .. } => "dict comprehension",
        ExprKind::GeneratorExp { .. } => "generator expression",
        ExprKind::Dict { .. } => "dict literal",
        ExprKind::Set(_) => "set display",
        ExprKind::Yield(_) | ExprKind::YieldFrom(_) => "yield expression",
        ExprKind::Await(_) => "await expression",
        ExprKind::NamedExpr { .. } => "named expression",
        _ => "expression",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negative_literals_fold() {
        assert!(matches!(
            negate_const(&Constant::Int(5)),
            Some(Constant::Int(-5))
        ));
        assert!(matches!(
            negate_const(&Constant::Int(i64::MIN)),
            Some(Constant::BigInt(_))
        ));
    }
}
