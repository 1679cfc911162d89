//! The symbol table: decides, for every name in every scope, whether it is a fast local, a
//! cell (a local captured by a nested function), a free variable (captured from an enclosing
//! function), an explicit or implicit global — CPython's `symtable.c` rules.
//!
//! Pass 1 (`build`) records what each scope binds, declares and uses; pass 2 (`analyze`)
//! resolves free names against enclosing *function* scopes (class bodies do not enclose their
//! methods) and turns captured locals into cells.

use std::collections::{HashMap, HashSet};

use indexmap::{IndexMap, IndexSet};

use crate::ast::*;
use crate::source::SyntaxError;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
}

/// Where a name lives, as the code generator needs to know.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameScope {
    /// Module/class namespace (`LOAD_NAME`) or fast local (`LOAD_FAST`) by scope kind.
    Local,
    /// Local captured by an inner function (`LOAD_DEREF`).
    Cell,
    /// Captured from an enclosing function (`LOAD_DEREF`, or `LOAD_CLASSDEREF` in a class).
    Free,
    GlobalExplicit,
    GlobalImplicit,
}

#[derive(Debug, Default, Clone)]
pub struct SymFlags {
    pub bound: bool,
    pub used: bool,
    pub param: bool,
    pub global: bool,
    pub nonlocal: bool,
    /// The `nonlocal` statement, which CPython marks when the name has no binding.
    pub nonlocal_at: Span,
}

#[derive(Debug)]
pub struct Scope {
    pub kind: ScopeKind,
    pub name: String,
    /// Names in order of first appearance.
    pub symbols: IndexMap<String, SymFlags>,
    /// Parameters in `co_varnames` order.
    pub params: Vec<String>,
    pub children: Vec<usize>,
    pub is_generator: bool,
    /// Resolved by `analyze`.
    pub resolved: HashMap<String, NameScope>,
    pub cellvars: IndexSet<String>,
    pub freevars: IndexSet<String>,
    /// A class body whose methods use `super()`/`__class__`: it owns the `__class__` cell.
    pub needs_class_cell: bool,
    /// A comprehension's or generator expression's own scope (PEP 572 looks through these).
    pub is_comprehension: bool,
    /// A comprehension's iteration variables, which `:=` may not rebind.
    comp_iter_vars: HashSet<String>,
    /// How deep the builder is inside a comprehension's iterable expression in this scope,
    /// where `:=` is not allowed.
    comp_iter_expr: u32,
}

impl Scope {
    fn new(kind: ScopeKind, name: &str) -> Scope {
        Scope {
            kind,
            name: name.to_string(),
            symbols: IndexMap::new(),
            params: Vec::new(),
            children: Vec::new(),
            is_generator: false,
            resolved: HashMap::new(),
            cellvars: IndexSet::new(),
            freevars: IndexSet::new(),
            needs_class_cell: false,
            is_comprehension: false,
            comp_iter_vars: HashSet::new(),
            comp_iter_expr: 0,
        }
    }

    pub fn scope_of(&self, name: &str) -> NameScope {
        if let Some(s) = self.resolved.get(name) {
            return *s;
        }
        match self.kind {
            ScopeKind::Function => NameScope::GlobalImplicit,
            _ => NameScope::GlobalImplicit,
        }
    }
}

/// All scopes of a module; `0` is the module itself. Nested scopes are found by the address
/// of their AST node.
pub struct SymbolTable {
    pub scopes: Vec<Scope>,
    pub by_node: HashMap<usize, usize>,
}

pub fn node_key<T>(node: &T) -> usize {
    node as *const T as usize
}

pub fn build(module: &Module) -> Result<SymbolTable, SyntaxError> {
    let mut b = Builder {
        scopes: vec![Scope::new(ScopeKind::Module, "<module>")],
        by_node: HashMap::new(),
        stack: vec![0],
    };
    for s in &module.body {
        b.stmt(s)?;
    }
    let mut table = SymbolTable {
        scopes: b.scopes,
        by_node: b.by_node,
    };
    analyze(&mut table, 0, &HashSet::new())?;
    Ok(table)
}

struct Builder {
    scopes: Vec<Scope>,
    by_node: HashMap<usize, usize>,
    stack: Vec<usize>,
}

impl Builder {
    fn cur(&mut self) -> &mut Scope {
        let i = *self.stack.last().unwrap_or(&0);
        &mut self.scopes[i]
    }

    fn push_scope(&mut self, kind: ScopeKind, name: &str, key: usize) -> usize {
        let id = self.scopes.len();
        self.scopes.push(Scope::new(kind, name));
        let parent = *self.stack.last().unwrap_or(&0);
        self.scopes[parent].children.push(id);
        self.by_node.insert(key, id);
        self.stack.push(id);
        id
    }

    fn bind(&mut self, name: &str, span: Span) -> Result<(), SyntaxError> {
        let s = self.cur();
        let e = s.symbols.entry(name.to_string()).or_default();
        if e.global && s.kind != ScopeKind::Module && !e.bound && e.used {
            // assigned after a global declaration is fine; before is caught in `declare`
        }
        e.bound = true;
        let _ = span;
        Ok(())
    }

    fn use_name(&mut self, name: &str) {
        self.cur().symbols.entry(name.to_string()).or_default().used = true;
    }

    fn declare(&mut self, name: &str, global: bool, span: Span) -> Result<(), SyntaxError> {
        let kind = self.cur().kind;
        let s = self.cur();
        let e = s.symbols.entry(name.to_string()).or_default();
        let what = if global { "global" } else { "nonlocal" };
        if e.param {
            return Err(SyntaxError::new(
                format!("name '{}' is parameter and {}", name, what),
                span,
            ));
        }
        if e.bound {
            return Err(SyntaxError::new(
                format!("name '{}' is assigned to before {} declaration", name, what),
                span,
            ));
        }
        if e.used {
            return Err(SyntaxError::new(
                format!("name '{}' is used prior to {} declaration", name, what),
                span,
            ));
        }
        if !global && kind == ScopeKind::Module {
            return Err(SyntaxError::new(
                "nonlocal declaration not allowed at module level",
                span,
            ));
        }
        if global {
            e.global = true;
        } else {
            e.nonlocal = true;
            e.nonlocal_at = span;
        }
        Ok(())
    }

    fn params(&mut self, p: &Params) -> Result<(), SyntaxError> {
        let mut seen = HashSet::new();
        for prm in p.in_varnames_order() {
            if !seen.insert(prm.name.clone()) {
                return Err(SyntaxError::new(
                    format!("duplicate argument '{}' in function definition", prm.name),
                    prm.span,
                ));
            }
            let s = self.cur();
            s.params.push(prm.name.clone());
            let e = s.symbols.entry(prm.name.clone()).or_default();
            e.param = true;
            e.bound = true;
        }
        Ok(())
    }

    /// Defaults and annotations are evaluated in the enclosing scope.
    fn outer_parts_of_params(&mut self, p: &Params) -> Result<(), SyntaxError> {
        for d in &p.defaults {
            self.expr(d)?;
        }
        for d in p.kw_defaults.iter().flatten() {
            self.expr(d)?;
        }
        for prm in p.in_varnames_order() {
            if let Some(a) = &prm.annotation {
                self.expr(a)?;
            }
        }
        Ok(())
    }

    fn stmts(&mut self, body: &[Stmt]) -> Result<(), SyntaxError> {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    fn stmt(&mut self, s: &Stmt) -> Result<(), SyntaxError> {
        match &s.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign { targets, value } => {
                self.expr(value)?;
                for t in targets {
                    self.target(t)?;
                }
                Ok(())
            }
            StmtKind::AugAssign { target, value, .. } => {
                self.expr(value)?;
                if let ExprKind::Name(n) = &target.kind {
                    self.use_name(n);
                }
                self.target(target)
            }
            StmtKind::AnnAssign {
                target,
                annotation,
                value,
                ..
            } => {
                if let Some(v) = value {
                    self.expr(v)?;
                }
                if self.cur().kind != ScopeKind::Function {
                    self.expr(annotation)?;
                }
                if value.is_some() || !matches!(target.kind, ExprKind::Name(_)) {
                    self.target(target)
                } else if let ExprKind::Name(n) = &target.kind {
                    // `x: int` alone makes x local in a function.
                    self.bind(n, target.span)
                } else {
                    Ok(())
                }
            }
            StmtKind::Pass | StmtKind::Break | StmtKind::Continue => Ok(()),
            StmtKind::Return(v) => v.as_ref().map_or(Ok(()), |e| self.expr(e)),
            StmtKind::Global(names) => {
                for n in names {
                    self.declare(n, true, s.span)?;
                }
                Ok(())
            }
            StmtKind::Nonlocal(names) => {
                for n in names {
                    self.declare(n, false, s.span)?;
                }
                Ok(())
            }
            StmtKind::Del(targets) => {
                for t in targets {
                    self.target(t)?;
                }
                Ok(())
            }
            StmtKind::Assert { test, msg } => {
                self.expr(test)?;
                msg.as_ref().map_or(Ok(()), |m| self.expr(m))
            }
            StmtKind::Raise { exc, cause } => {
                if let Some(e) = exc {
                    self.expr(e)?;
                }
                cause.as_ref().map_or(Ok(()), |c| self.expr(c))
            }
            StmtKind::If { test, body, orelse } | StmtKind::While { test, body, orelse } => {
                self.expr(test)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                ..
            } => {
                self.expr(iter)?;
                self.target(target)?;
                self.stmts(body)?;
                self.stmts(orelse)
            }
            StmtKind::FunctionDef(f) => {
                for d in &f.decorators {
                    self.expr(d)?;
                }
                self.outer_parts_of_params(&f.params)?;
                if let Some(r) = &f.returns {
                    self.expr(r)?;
                }
                self.bind(&f.name, f.header)?;
                self.push_scope(ScopeKind::Function, &f.name, node_key(&**f));
                self.params(&f.params)?;
                self.stmts(&f.body)?;
                self.stack.pop();
                Ok(())
            }
            StmtKind::ClassDef(c) => {
                for d in &c.decorators {
                    self.expr(d)?;
                }
                for b in &c.bases {
                    self.expr(b)?;
                }
                for k in &c.keywords {
                    self.expr(&k.value)?;
                }
                self.bind(&c.name, c.header)?;
                self.push_scope(ScopeKind::Class, &c.name, node_key(&**c));
                self.stmts(&c.body)?;
                self.stack.pop();
                Ok(())
            }
            StmtKind::Try(t) => {
                self.stmts(&t.body)?;
                for h in &t.handlers {
                    if let Some(t) = &h.typ {
                        self.expr(t)?;
                    }
                    if let Some(n) = &h.name {
                        self.bind(n, h.span)?;
                    }
                    self.stmts(&h.body)?;
                }
                self.stmts(&t.orelse)?;
                self.stmts(&t.finalbody)
            }
            StmtKind::With { items, body, .. } => {
                for it in items {
                    self.expr(&it.context)?;
                    if let Some(t) = &it.target {
                        self.target(t)?;
                    }
                }
                self.stmts(body)
            }
            StmtKind::Import(aliases) => {
                for a in aliases {
                    let bound = a
                        .asname
                        .clone()
                        .unwrap_or_else(|| a.name.split('.').next().unwrap_or("").to_string());
                    self.bind(&bound, a.span)?;
                }
                Ok(())
            }
            StmtKind::ImportFrom { names, .. } => {
                for a in names {
                    if a.name == "*" {
                        if self.cur().kind != ScopeKind::Module {
                            return Err(SyntaxError::new(
                                "import * only allowed at module level",
                                a.span,
                            ));
                        }
                        continue;
                    }
                    let bound = a.asname.clone().unwrap_or_else(|| a.name.clone());
                    self.bind(&bound, a.span)?;
                }
                Ok(())
            }
            StmtKind::Match { subject, cases } => {
                self.expr(subject)?;
                for c in cases {
                    self.pattern(&c.pattern)?;
                    if let Some(g) = &c.guard {
                        self.expr(g)?;
                    }
                    self.stmts(&c.body)?;
                }
                Ok(())
            }
        }
    }

    fn pattern(&mut self, p: &Pattern) -> Result<(), SyntaxError> {
        match &p.kind {
            PatternKind::Value(e) => self.expr(e),
            PatternKind::Capture(Some(n)) | PatternKind::Star(Some(n)) => self.bind(n, p.span),
            PatternKind::Capture(None) | PatternKind::Star(None) => Ok(()),
            PatternKind::Or(ps) | PatternKind::Sequence(ps) => {
                for q in ps {
                    self.pattern(q)?;
                }
                Ok(())
            }
            PatternKind::As(q, n) => {
                self.pattern(q)?;
                self.bind(n, p.span)
            }
            PatternKind::Class { cls, args, kwargs } => {
                self.expr(cls)?;
                for q in args.iter().chain(kwargs.iter().map(|(_, q)| q)) {
                    self.pattern(q)?;
                }
                Ok(())
            }
            PatternKind::Mapping {
                keys,
                patterns,
                rest,
            } => {
                for k in keys {
                    self.expr(k)?;
                }
                for q in patterns {
                    self.pattern(q)?;
                }
                match rest {
                    Some(n) => self.bind(n, p.span),
                    None => Ok(()),
                }
            }
        }
    }

    fn target(&mut self, t: &Expr) -> Result<(), SyntaxError> {
        match &t.kind {
            ExprKind::Name(n) => self.bind(n, t.span),
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.target(i)?;
                }
                Ok(())
            }
            ExprKind::Starred(inner) => self.target(inner),
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)
            }
            _ => self.expr(t),
        }
    }

    fn expr(&mut self, e: &Expr) -> Result<(), SyntaxError> {
        match &e.kind {
            ExprKind::Name(n) => {
                self.use_name(n);
                if n == "super" || n == "__class__" {
                    self.mark_class_cell_use();
                }
                Ok(())
            }
            ExprKind::Constant(_) => Ok(()),
            ExprKind::JoinedStr(parts) => self.fstring_parts(parts),
            ExprKind::BinOp { left, right, .. } => {
                self.expr(left)?;
                self.expr(right)
            }
            ExprKind::UnaryOp { operand, .. } => self.expr(operand),
            ExprKind::BoolOp { values, .. } => values.iter().try_for_each(|v| self.expr(v)),
            ExprKind::Compare {
                left, comparators, ..
            } => {
                self.expr(left)?;
                comparators.iter().try_for_each(|v| self.expr(v))
            }
            ExprKind::IfExp { test, body, orelse } => {
                self.expr(test)?;
                self.expr(body)?;
                self.expr(orelse)
            }
            ExprKind::Call {
                func,
                args,
                keywords,
            } => {
                self.expr(func)?;
                args.iter().try_for_each(|a| self.expr(a))?;
                keywords.iter().try_for_each(|k| self.expr(&k.value))
            }
            ExprKind::Attribute { value, .. } => self.expr(value),
            ExprKind::Subscript { value, index } => {
                self.expr(value)?;
                self.expr(index)
            }
            ExprKind::Slice { lower, upper, step } => {
                for x in [lower, upper, step].into_iter().flatten() {
                    self.expr(x)?;
                }
                Ok(())
            }
            ExprKind::Starred(v) => self.expr(v),
            ExprKind::List(items) | ExprKind::Tuple(items) | ExprKind::Set(items) => {
                items.iter().try_for_each(|v| self.expr(v))
            }
            ExprKind::Dict { keys, values } => {
                keys.iter().flatten().try_for_each(|k| self.expr(k))?;
                values.iter().try_for_each(|v| self.expr(v))
            }
            ExprKind::ListComp { elt, generators }
            | ExprKind::SetComp { elt, generators }
            | ExprKind::GeneratorExp { elt, generators } => {
                let is_gen = matches!(e.kind, ExprKind::GeneratorExp { .. });
                self.comprehension(e, generators, &[&**elt], is_gen)
            }
            ExprKind::DictComp {
                key,
                value,
                generators,
            } => self.comprehension(e, generators, &[&**key, &**value], false),
            ExprKind::Lambda { params, body } => {
                self.outer_parts_of_params(params)?;
                self.push_scope(ScopeKind::Function, "<lambda>", node_key(e));
                self.params(params)?;
                self.expr(body)?;
                self.stack.pop();
                Ok(())
            }
            ExprKind::NamedExpr { target, value } => {
                if self.cur().comp_iter_expr > 0 {
                    return Err(SyntaxError::new(
                        "assignment expression cannot be used in a comprehension iterable \
                         expression",
                        e.span,
                    ));
                }
                self.expr(value)?;
                if self.cur().is_comprehension {
                    let at = Span::new(e.span.start, e.span.start + target.len());
                    self.bind_named_in_comprehension(target, at)
                } else {
                    self.bind(target, e.span)
                }
            }
            ExprKind::Yield(v) => {
                self.mark_generator(e.span)?;
                v.as_ref().map_or(Ok(()), |x| self.expr(x))
            }
            ExprKind::YieldFrom(v) => {
                self.mark_generator(e.span)?;
                self.expr(v)
            }
            ExprKind::Await(v) => self.expr(v),
        }
    }

    fn fstring_parts(&mut self, parts: &[FStringPart]) -> Result<(), SyntaxError> {
        for p in parts {
            if let FStringPart::Expr {
                value, format_spec, ..
            } = p
            {
                self.expr(value)?;
                if let Some(spec) = format_spec {
                    self.fstring_parts(spec)?;
                }
            }
        }
        Ok(())
    }

    fn mark_generator(&mut self, span: Span) -> Result<(), SyntaxError> {
        let s = self.cur();
        if s.kind != ScopeKind::Function {
            return Err(SyntaxError::new("'yield' outside function", span));
        }
        s.is_generator = true;
        Ok(())
    }

    /// `super()` or `__class__` in a function makes the enclosing class own a `__class__` cell.
    fn mark_class_cell_use(&mut self) {
        if self.cur().kind != ScopeKind::Function {
            return;
        }
        self.use_name("__class__");
        for &i in self.stack.iter().rev() {
            if self.scopes[i].kind == ScopeKind::Class {
                self.scopes[i].needs_class_cell = true;
                break;
            }
        }
    }

    /// PEP 572: `name := value` inside a comprehension binds `name` in the nearest enclosing
    /// scope that is not a comprehension (CPython's `symtable_extend_namedexpr_scope`): the
    /// comprehensions in between see it as free (a function's local) or global (a module's,
    /// or declared `global` there). Not allowed in a class body, nor for an iteration
    /// variable of any comprehension on the way.
    fn bind_named_in_comprehension(&mut self, name: &str, span: Span) -> Result<(), SyntaxError> {
        let mut comps = Vec::new();
        let mut target = 0;
        for &i in self.stack.iter().rev() {
            let s = &self.scopes[i];
            if !s.is_comprehension {
                target = i;
                break;
            }
            if s.comp_iter_vars.contains(name) {
                return Err(SyntaxError::new(
                    format!(
                        "assignment expression cannot rebind comprehension iteration variable \
                         '{name}'"
                    ),
                    span,
                ));
            }
            comps.push(i);
        }
        let t = &mut self.scopes[target];
        if t.kind == ScopeKind::Class {
            return Err(SyntaxError::new(
                "assignment expression within a comprehension cannot be used in a class body",
                span,
            ));
        }
        let global = t.kind == ScopeKind::Module || t.symbols.get(name).is_some_and(|f| f.global);
        t.symbols.entry(name.to_string()).or_default().bound = true;
        for i in comps {
            let f = self.scopes[i].symbols.entry(name.to_string()).or_default();
            if global {
                f.global = true;
            } else {
                f.nonlocal = true;
            }
        }
        Ok(())
    }

    /// A comprehension is a function scope of its own; its first iterable is evaluated outside.
    fn comprehension(
        &mut self,
        e: &Expr,
        gens: &[Comprehension],
        elts: &[&Expr],
        is_gen: bool,
    ) -> Result<(), SyntaxError> {
        let Some(first) = gens.first() else {
            return Ok(());
        };
        self.cur().comp_iter_expr += 1;
        let r = self.expr(&first.iter);
        self.cur().comp_iter_expr -= 1;
        r?;
        let name = match &e.kind {
            ExprKind::ListComp { .. } => "<listcomp>",
            ExprKind::SetComp { .. } => "<setcomp>",
            ExprKind::DictComp { .. } => "<dictcomp>",
            _ => "<genexpr>",
        };
        self.push_scope(ScopeKind::Function, name, node_key(e));
        {
            let s = self.cur();
            s.params.push(".0".to_string());
            let f = s.symbols.entry(".0".to_string()).or_default();
            f.param = true;
            f.bound = true;
            s.is_generator = is_gen;
            s.is_comprehension = true;
        }
        for (i, g) in gens.iter().enumerate() {
            if i > 0 {
                self.cur().comp_iter_expr += 1;
                let r = self.expr(&g.iter);
                self.cur().comp_iter_expr -= 1;
                r?;
            }
            let mut names = Vec::new();
            target_names(&g.target, &mut names);
            self.cur().comp_iter_vars.extend(names);
            self.target(&g.target)?;
            for cond in &g.ifs {
                self.expr(cond)?;
            }
        }
        for elt in elts {
            self.expr(elt)?;
        }
        self.stack.pop();
        Ok(())
    }
}

/// The names an assignment target binds.
fn target_names(t: &Expr, out: &mut Vec<String>) {
    match &t.kind {
        ExprKind::Name(n) => out.push(n.clone()),
        ExprKind::Tuple(items) | ExprKind::List(items) => {
            for i in items {
                target_names(i, out);
            }
        }
        ExprKind::Starred(inner) => target_names(inner, out),
        _ => {}
    }
}

/// Resolves the names of scope `id`, given the names bound in enclosing function scopes.
/// Returns the free names this scope needs from outside.
fn analyze(
    table: &mut SymbolTable,
    id: usize,
    enclosing: &HashSet<String>,
) -> Result<HashSet<String>, SyntaxError> {
    let kind = table.scopes[id].kind;
    let mut resolved: HashMap<String, NameScope> = HashMap::new();
    let mut local_bound: HashSet<String> = HashSet::new();
    for (name, f) in &table.scopes[id].symbols {
        let s = if f.global {
            NameScope::GlobalExplicit
        } else if f.nonlocal {
            if !enclosing.contains(name) {
                return Err(SyntaxError::new(
                    format!("no binding for nonlocal '{}' found", name),
                    f.nonlocal_at,
                ));
            }
            NameScope::Free
        } else if f.bound && !(kind == ScopeKind::Function && name == "__class__" && !f.param) {
            local_bound.insert(name.clone());
            NameScope::Local
        } else if kind != ScopeKind::Module && enclosing.contains(name) {
            NameScope::Free
        } else {
            NameScope::GlobalImplicit
        };
        resolved.insert(name.clone(), s);
    }
    // What the children may capture: enclosing function bindings plus this function's own.
    let mut child_env = enclosing.clone();
    match kind {
        ScopeKind::Function => {
            for n in &local_bound {
                child_env.insert(n.clone());
            }
        }
        ScopeKind::Class => {
            if table.scopes[id].needs_class_cell {
                child_env.insert("__class__".to_string());
            }
        }
        ScopeKind::Module => {}
    }
    // Names declared global here are not capturable by children.
    for (name, s) in &resolved {
        if *s == NameScope::GlobalExplicit {
            child_env.remove(name);
        }
    }
    let children = table.scopes[id].children.clone();
    let mut needed_by_children: HashSet<String> = HashSet::new();
    for c in children {
        let free = analyze(table, c, &child_env)?;
        needed_by_children.extend(free);
    }
    let scope = &mut table.scopes[id];
    let mut free_out: HashSet<String> = HashSet::new();
    let mut cellvars: Vec<String> = Vec::new();
    let mut freevars: Vec<String> = Vec::new();
    if kind == ScopeKind::Class && scope.needs_class_cell {
        cellvars.push("__class__".to_string());
        needed_by_children.remove("__class__");
    }
    for name in needed_by_children {
        match resolved.get(&name).copied() {
            Some(NameScope::Local) if kind == ScopeKind::Function => {
                resolved.insert(name.clone(), NameScope::Cell);
                cellvars.push(name);
            }
            Some(NameScope::Free) => {
                free_out.insert(name);
            }
            _ => {
                // Passes through this scope: a class body hands it on to its methods; a
                // function relays it from its own enclosing function.
                if kind == ScopeKind::Function {
                    resolved.insert(name.clone(), NameScope::Free);
                }
                if kind != ScopeKind::Module {
                    free_out.insert(name.clone());
                    if !freevars.contains(&name) {
                        freevars.push(name);
                    }
                }
            }
        }
    }
    for (name, s) in &resolved {
        if *s == NameScope::Free {
            free_out.insert(name.clone());
            if !freevars.contains(name) {
                freevars.push(name.clone());
            }
        }
    }
    // CPython orders cell and free variables by name.
    cellvars.sort();
    freevars.sort();
    scope.cellvars = cellvars.into_iter().collect();
    scope.freevars = freevars.into_iter().collect();
    scope.resolved = resolved;
    Ok(free_out)
}
