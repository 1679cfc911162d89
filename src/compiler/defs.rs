//! The constructs that make a code object of their own: `def`, `lambda`, `class` and the
//! comprehensions. Each pushes a compilation unit, compiles its body into it, and emits the
//! `MAKE_FUNCTION` (or the call of the comprehension's function) in the enclosing unit.

use super::*;

impl<'a> Compiler<'a> {
    pub(super) fn function_def(&mut self, f: &'a FunctionDef) -> CResult {
        for d in &f.decorators {
            self.expr(d)?;
        }
        let scope = self.scope_made_for(f, f.header)?;
        let qualname = self.qualname_for(&f.name);
        let mut flags = self.function_prelude(&f.params, Some(&f.returns))?;
        let firstline = self.location(f.header).line;
        self.push_unit(scope, f.name.clone(), qualname.clone(), firstline);
        self.set_params(&f.params, scope);
        if f.is_async {
            // An `async def` with `yield` is an async generator (PEP 525), not a generator.
            let u = self.unit();
            if u.flags & code_flags::GENERATOR != 0 {
                u.flags = (u.flags & !code_flags::GENERATOR) | code_flags::ASYNC_GENERATOR;
            } else {
                u.flags |= code_flags::COROUTINE;
            }
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
        // Innermost first, each call at its decorator (CPython 3.11's
        // `compiler_apply_decorators`).
        for d in f.decorators.iter().rev() {
            self.with_loc(d.span, |c| c.emit(Instruction::CallFunction(1)));
        }
        self.store_name(&f.name);
        Ok(())
    }

    /// Pushes defaults, kw-defaults and annotations for MAKE_FUNCTION; returns its flags.
    pub(super) fn function_prelude(
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
                self.annotation(a)?;
                ann_names.push(Constant::str(&prm.name));
            }
        }
        if let Some(Some(r)) = returns {
            self.annotation(r)?;
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

    pub(super) fn set_params(&mut self, p: &Params, scope: usize) {
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
        if self.enclosed_by_function() {
            self.unit().flags |= code_flags::NESTED;
        }
    }

    /// Whether the unit being compiled is inside a function (CPython's `ste_nested`, which
    /// makes `CO_NESTED`): a method of a module-level class is not, one of a class made in a
    /// function is.
    fn enclosed_by_function(&self) -> bool {
        let n = self.units.len();
        n > 2
            && self.units[1..n - 1]
                .iter()
                .any(|u| u.flags & code_flags::OPTIMIZED != 0)
    }

    /// Pushes the closure tuple (if the code has free variables), the code and the qualname.
    pub(super) fn make_closure(&mut self, code: CodeObject, qualname: &str) -> CResult<u32> {
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

    pub(super) fn class_def(&mut self, c: &'a ClassDef) -> CResult {
        for d in &c.decorators {
            self.expr(d)?;
        }
        let scope = self.scope_made_for(c, c.header)?;
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
        // Innermost first, each call at its decorator (CPython 3.11's
        // `compiler_apply_decorators`).
        for d in c.decorators.iter().rev() {
            self.with_loc(d.span, |c| c.emit(Instruction::CallFunction(1)));
        }
        self.store_name(&c.name);
        Ok(())
    }

    pub(super) fn first_param(&self) -> Option<String> {
        let u = self.unit_ref();
        if u.kind != ScopeKind::Function || u.argcount == 0 {
            return None;
        }
        u.varnames.get_index(0).cloned()
    }

    pub(super) fn comprehension(
        &mut self,
        e: &'a Expr,
        gens: &'a [Comprehension],
        kind: CompKind<'a>,
    ) -> CResult {
        let scope = self.scope_made_for(e, e.span)?;
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
        // PEP 530: a generator expression with `async for` is an async generator; a list,
        // set or dict comprehension in an `async def` is a coroutine, awaited where it is
        // called (so that `async for` and `await` work in it).
        let any_async = gens.iter().any(|g| g.is_async);
        let is_gen = matches!(kind, CompKind::Gen(_));
        let in_async = self.in_async_function();
        if any_async && !is_gen && !in_async {
            return Err(SyntaxError::new(
                "asynchronous comprehension outside of an asynchronous function",
                e.span,
            ));
        }
        let awaited = !is_gen && in_async;
        self.push_unit(scope, name.to_string(), qualname.clone(), line);
        {
            let u = self.unit();
            u.argcount = 1;
            u.flags |= code_flags::OPTIMIZED | code_flags::NEWLOCALS;
        }
        if self.enclosed_by_function() {
            self.unit().flags |= code_flags::NESTED;
        }
        if is_gen && any_async {
            self.unit().flags |= code_flags::ASYNC_GENERATOR;
        } else if is_gen {
            self.unit().flags |= code_flags::GENERATOR;
        } else if awaited {
            self.unit().flags |= code_flags::COROUTINE;
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
        self.emit(if first.is_async {
            Instruction::GetAiter
        } else {
            Instruction::GetIter
        });
        self.emit(Instruction::CallFunction(1));
        if awaited {
            self.await_top();
        }
        Ok(())
    }

    pub(super) fn comprehension_loop(
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
            self.emit(if g.is_async {
                Instruction::GetAiter
            } else {
                Instruction::GetIter
            });
        }
        self.place(start);
        let handler = self.new_label();
        if g.is_async {
            // As `async for`: the end is a StopAsyncIteration from `__anext__()`.
            self.jump(Instruction::SetupFinally, handler);
            self.emit(Instruction::GetAnext);
            self.load_const(Constant::None);
            self.emit(Instruction::YieldFrom);
            self.emit(Instruction::PopBlock);
        } else {
            self.jump(Instruction::ForIter, end);
        }
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
        if g.is_async {
            self.place(handler);
            self.emit(Instruction::EndAsyncFor);
            self.emit(Instruction::PopExcept);
            self.emit(Instruction::PopTop);
        }
        self.place(end);
        Ok(())
    }
}
