//! Statements: assignments, control flow, `try`/`with` and the frame blocks that `break`,
//! `continue` and `return` unwind on the way out, imports, `global`/`nonlocal` and the rest.

use super::*;

impl<'a> Compiler<'a> {
    pub(super) fn body_with_docstring(&mut self, body: &'a [Stmt], module: bool) -> CResult {
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

    pub(super) fn stmts(&mut self, body: &'a [Stmt]) -> CResult {
        for s in body {
            self.stmt(s)?;
        }
        Ok(())
    }

    /// Compiles a statement. Its line stays current afterwards, as in CPython 3.8's compiler:
    /// code emitted after the statement (a loop's jump back, an implicit `return None`) is
    /// attributed to the last line compiled.
    pub(super) fn stmt(&mut self, s: &'a Stmt) -> CResult {
        self.unit().loc = self.location(s.span);
        self.stmt_inner(s)
    }

    pub(super) fn stmt_inner(&mut self, s: &'a Stmt) -> CResult {
        match &s.kind {
            StmtKind::Expr(e) => {
                if self.mode == Mode::Interactive && self.units.len() == 1 {
                    self.expr(e)?;
                    self.emit(Instruction::PrintExpr);
                } else if self.mode == Mode::Eval && self.units.len() == 1 {
                    self.expr(e)?;
                    self.emit(Instruction::ReturnValue);
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
                        self.annotation(annotation)?;
                        let i = self.name_idx("__annotations__");
                        self.emit(Instruction::LoadName(i));
                        self.load_const(Constant::str(n));
                        self.emit(Instruction::StoreSubscr);
                    } else if !self.future_annotations {
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
                // CPython reports a constant's position, else the statement's.
                let at = match v {
                    Some(e) if matches!(e.kind, ExprKind::Constant(_)) => e.span,
                    _ => s.span,
                };
                self.check_except_star(0, at)?;
                if v.is_some() && self.unit_ref().flags & code_flags::ASYNC_GENERATOR != 0 {
                    return Err(SyntaxError::new(
                        "'return' with value in async generator",
                        s.span,
                    ));
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
                // CPython's `compiler_assert`: a non-empty tuple is always true.
                if matches!(&test.kind, ExprKind::Tuple(items) if !items.is_empty()) {
                    self.syntax_warning(
                        s.span.start,
                        "assertion is always true, perhaps remove parentheses?",
                    );
                }
                let end = self.new_label();
                self.jump_if(test, true, end)?;
                self.emit(Instruction::LoadAssertionError);
                if let Some(m) = msg {
                    self.expr(m)?;
                    self.emit(Instruction::CallFunction(1));
                }
                // CPython 3.11 points the traceback at the last comparison its jump
                // compiled (through `not`, `and`/`or` and `if`-`else`), else at the statement.
                let at = last_jump_compare(test).unwrap_or(s.span);
                self.with_loc(at, |c| c.emit(Instruction::RaiseVarargs(1)));
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
                self.stmts_in(FBlock::WhileLoop { start, end }, body)?;
                self.jump(Instruction::JumpAbsolute, start);
                self.else_block(after, orelse, end)?;
            }
            StmtKind::For {
                target,
                iter,
                body,
                orelse,
                is_async,
            } => {
                if *is_async {
                    return self.async_for(s, target, iter, body, orelse);
                }
                let (start, cleanup, end) = (self.new_label(), self.new_label(), self.new_label());
                self.expr(iter)?;
                self.emit(Instruction::GetIter);
                self.place(start);
                self.jump(Instruction::ForIter, cleanup);
                self.store_target(target)?;
                self.stmts_in(FBlock::ForLoop { start, end }, body)?;
                self.jump(Instruction::JumpAbsolute, start);
                self.else_block(cleanup, orelse, end)?;
            }
            StmtKind::FunctionDef(f) => self.function_def(f)?,
            StmtKind::ClassDef(c) => self.class_def(c)?,
            StmtKind::Try(t) => {
                if t.finalbody.is_empty() {
                    self.try_except(&t.body, &t.handlers, &t.orelse)?;
                } else {
                    self.try_finally(t)?;
                }
            }
            StmtKind::With {
                items,
                body,
                is_async,
            } => {
                if *is_async && !self.in_async_function() {
                    return Err(SyntaxError::new(
                        "'async with' outside async function",
                        s.span,
                    ));
                }
                self.with(items, body, *is_async)?;
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
                // `from ..m import x`: the dots are the level, as in CPython's `ImportFrom`.
                let name = module.trim_start_matches('.');
                let level = module.len() - name.len();
                self.load_const(Constant::Int(level as i64));
                let fromlist: Vec<Constant> =
                    names.iter().map(|a| Constant::str(&a.name)).collect();
                self.load_const(Constant::Tuple(fromlist));
                let i = self.name_idx(name);
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

    /// `target op= value`. As CPython 3.11's `compiler_augassign`: the target's loads and
    /// stores point at the target, the operation at the whole statement.
    pub(super) fn aug_assign(&mut self, target: &'a Expr, op: BinOp, value: &'a Expr) -> CResult {
        let op = binop(op);
        let at = self.location(target.span);
        match &target.kind {
            ExprKind::Name(n) => {
                self.with_loc(target.span, |c| c.load_name(n));
                self.expr(value)?;
                self.emit(Instruction::Inplace(op));
                self.with_loc(target.span, |c| c.store_name(n));
            }
            ExprKind::Attribute { value: obj, attr } => {
                self.expr(obj)?;
                let i = self.name_idx(attr);
                let attr_at = self.attr_location(target.span, attr);
                self.emit_at(at, Instruction::DupTop);
                self.emit_at(attr_at, Instruction::LoadAttr(i));
                self.expr(value)?;
                self.emit(Instruction::Inplace(op));
                self.emit_at(at, Instruction::RotTwo);
                self.emit_at(attr_at, Instruction::StoreAttr(i));
            }
            ExprKind::Subscript { value: obj, index } => {
                self.expr(obj)?;
                self.subscript_index(index)?;
                self.emit_at(at, Instruction::DupTopTwo);
                self.emit_at(at, Instruction::BinarySubscr);
                self.expr(value)?;
                self.emit(Instruction::Inplace(op));
                self.emit_at(at, Instruction::RotThree);
                self.emit_at(at, Instruction::StoreSubscr);
            }
            _ => {
                return Err(SyntaxError::new(
                    format!(
                        "'{}' is an illegal expression for augmented assignment",
                        crate::parser::expr_name(target)
                    ),
                    target.span,
                ));
            }
        }
        Ok(())
    }

    pub(super) fn store_target(&mut self, t: &'a Expr) -> CResult {
        self.with_loc(t.span, |c| match &t.kind {
            ExprKind::Name(n) => {
                c.store_name(n);
                Ok(())
            }
            ExprKind::Attribute { value, attr } => {
                c.attribute(t.span, value, attr, Instruction::StoreAttr)
            }
            ExprKind::Subscript { value, index } => {
                c.subscript(value, index, Instruction::StoreSubscr)
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                let stars = starred(items, |e| matches!(e.kind, ExprKind::Starred(_)));
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
                format!("cannot assign to {}", crate::parser::expr_name(t)),
                t.span,
            )),
        })
    }

    /// `del t`: each target's instructions point at that target (CPython 3.11's `compiler_visit_expr`).
    pub(super) fn delete_target(&mut self, t: &'a Expr) -> CResult {
        self.with_loc(t.span, |c| c.delete_target_inner(t))
    }

    fn delete_target_inner(&mut self, t: &'a Expr) -> CResult {
        match &t.kind {
            ExprKind::Name(n) => self.delete_name(n),
            ExprKind::Attribute { value, attr } => {
                self.attribute(t.span, value, attr, Instruction::DeleteAttr)?
            }
            ExprKind::Subscript { value, index } => {
                self.subscript(value, index, Instruction::DeleteSubscr)?
            }
            ExprKind::Tuple(items) | ExprKind::List(items) => {
                for i in items {
                    self.delete_target(i)?;
                }
            }
            _ => {
                return Err(SyntaxError::new(
                    format!("cannot delete {}", crate::parser::expr_name(t)),
                    t.span,
                ));
            }
        }
        Ok(())
    }

    /// `break` / `continue`: undo the blocks up to the innermost loop, then jump.
    pub(super) fn break_continue(&mut self, is_break: bool, span: Span) -> CResult {
        let word = if is_break {
            "'break' outside loop"
        } else {
            "'continue' not properly in loop"
        };
        let loop_pos = self
            .unit_ref()
            .fblocks
            .iter()
            .rposition(|b| matches!(b, FBlock::WhileLoop { .. } | FBlock::ForLoop { .. }));
        self.check_except_star(loop_pos.map_or(0, |p| p + 1), span)?;
        let loop_pos = loop_pos.ok_or_else(|| SyntaxError::new(word, span))?;
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

    /// CPython's `compiler_unwind_fblock_stack` refuses to leave an `except*` body.
    fn check_except_star(&self, down_to: usize, span: Span) -> CResult {
        if self.unit_ref().fblocks[down_to..]
            .iter()
            .any(|b| matches!(b, FBlock::ExceptStar))
        {
            return Err(SyntaxError::new(
                "'break', 'continue' and 'return' cannot appear in an except* block",
                span,
            ));
        }
        Ok(())
    }

    /// Emits the code that leaves every frame block above `down_to` (all of them for `return`),
    /// innermost first. `preserve_tos`: a return value is on the stack and must stay on top.
    pub(super) fn unwind_fblocks(&mut self, preserve_tos: bool, down_to: Option<usize>) -> CResult {
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

    pub(super) fn unwind_one(&mut self, block: &FBlock<'a>, preserve_tos: bool) -> CResult {
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
            FBlock::With { is_async } => {
                let is_async = *is_async;
                self.emit(Instruction::PopBlock);
                if preserve_tos {
                    self.emit(Instruction::RotTwo);
                }
                self.call_exit_none();
                if is_async {
                    self.await_top();
                }
                self.emit(Instruction::PopTop);
            }
            // `check_except_star` has refused any jump out of it.
            FBlock::ExceptStar => {}
            FBlock::HandlerCleanup(name) => {
                self.emit(Instruction::PopExcept);
                self.clear_handler_name(name);
            }
        }
        Ok(())
    }

    /// Whether the unit is an `async def` (a coroutine or an async generator): `await`,
    /// `async for` and `async with` may be used.
    pub(super) fn in_async_function(&self) -> bool {
        self.unit_ref().flags & (code_flags::COROUTINE | code_flags::ASYNC_GENERATOR) != 0
    }

    /// `async for target in iter: body else: orelse`, as CPython 3.10 compiles it: each
    /// step awaits `__anext__()` inside a handler that ends the loop on
    /// `StopAsyncIteration` (`END_ASYNC_FOR`).
    fn async_for(
        &mut self,
        s: &'a Stmt,
        target: &'a Expr,
        iter: &'a Expr,
        body: &'a [Stmt],
        orelse: &'a [Stmt],
    ) -> CResult {
        if !self.in_async_function() {
            return Err(SyntaxError::new(
                "'async for' outside async function",
                s.span,
            ));
        }
        let (start, handler, after, end) = (
            self.new_label(),
            self.new_label(),
            self.new_label(),
            self.new_label(),
        );
        self.expr(iter)?;
        self.emit(Instruction::GetAiter);
        self.place(start);
        self.jump(Instruction::SetupFinally, handler);
        self.emit(Instruction::GetAnext);
        self.load_const(Constant::None);
        self.emit(Instruction::YieldFrom);
        self.emit(Instruction::PopBlock);
        self.store_target(target)?;
        self.stmts_in(FBlock::ForLoop { start, end }, body)?;
        self.jump(Instruction::JumpAbsolute, start);
        // Stack: the async iterator, the exception; an ExceptHandler block is active.
        self.place(handler);
        self.with_loc(s.span, |c| {
            c.emit(Instruction::EndAsyncFor);
            c.emit(Instruction::PopExcept);
            c.emit(Instruction::PopTop);
        });
        self.else_block(after, orelse, end)
    }

    /// Awaits the value on top of the stack (`await x`): the awaitable's iterator is driven
    /// by `YIELD_FROM`, each of its yields suspends this coroutine.
    pub(super) fn await_top(&mut self) {
        self.emit(Instruction::GetAwaitable);
        self.load_const(Constant::None);
        self.emit(Instruction::YieldFrom);
    }

    /// Calls the `__exit__` on top of the stack with (None, None, None), leaving its result.
    pub(super) fn call_exit_none(&mut self) {
        self.load_const(Constant::None);
        self.emit(Instruction::DupTop);
        self.emit(Instruction::DupTop);
        self.emit(Instruction::CallFunction(3));
    }

    pub(super) fn try_except(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
    ) -> CResult {
        if let Some(first) = handlers.first() {
            let star = first.star.is_some();
            if let Some(h) = handlers.iter().find(|h| h.star.is_some() != star) {
                let kw_end = h.star.unwrap_or(h.span.start + "except".len());
                return Err(SyntaxError::new(
                    "cannot have both 'except' and 'except*' on the same 'try'",
                    Span::new(h.span.start, kw_end),
                ));
            }
            if star {
                return self.try_except_star(body, handlers, orelse);
            }
        }
        let (orelse_l, end) = self.try_body(body)?;
        // Stack: the exception; an ExceptHandler block is active.
        for (i, h) in handlers.iter().enumerate() {
            if h.typ.is_none() && i + 1 < handlers.len() {
                // CPython marks the whole handler, body included.
                let end = h.body.last().map_or(h.span.end, |s| s.span.end);
                return Err(SyntaxError::new(
                    "default 'except:' must be last",
                    Span::new(h.span.start, end),
                ));
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
            if h.name.is_some() {
                // CPython's `try: body finally: name = None; del name`: the name is unbound
                // however the body is left, by an exception too.
                let cleanup = self.new_label();
                self.with_loc(h.span, |c| c.jump(Instruction::SetupFinally, cleanup));
                self.unit()
                    .fblocks
                    .push(FBlock::HandlerCleanup(h.name.clone()));
                self.stmts_in(FBlock::TryExcept, &h.body)?;
                self.unit().fblocks.pop();
                self.emit(Instruction::PopBlock);
                self.emit(Instruction::PopExcept);
                self.clear_handler_name(&h.name);
                self.jump(Instruction::JumpForward, end);
                // Stack: the exception raised in the body; an ExceptHandler block is active.
                self.place(cleanup);
                self.with_loc(h.span, |c| {
                    c.clear_handler_name(&h.name);
                    c.emit(Instruction::Reraise);
                });
            } else {
                self.stmts_in(FBlock::HandlerCleanup(None), &h.body)?;
                self.emit(Instruction::PopExcept);
                self.jump(Instruction::JumpForward, end);
            }
            self.place(next);
        }
        // No handler matched: re-raise (the ExceptHandler block is popped by the unwinder).
        self.emit(Instruction::Reraise);
        self.else_block(orelse_l, orelse, end)
    }

    /// `try: ... except* T: ...` (PEP 654), as CPython 3.11 compiles it: the handlers take
    /// their parts of the exception in turn (`JUMP_IF_NOT_EG_MATCH`), what each raises is
    /// collected in a list, and `PREP_RERAISE_STAR` combines it with the unhandled rest.
    fn try_except_star(
        &mut self,
        body: &'a [Stmt],
        handlers: &'a [ExceptHandler],
        orelse: &'a [Stmt],
    ) -> CResult {
        let (orelse_l, end) = self.try_body(body)?;
        // Stack: orig; an ExceptHandler block is active. Make it orig, raised list, rest.
        let first_span = handlers.first().map_or(Span::default(), |h| h.span);
        self.with_loc(first_span, |c| {
            c.emit(Instruction::DupTop);
            c.emit(Instruction::BuildList(0));
            c.emit(Instruction::RotTwo);
        });
        for h in handlers {
            let (next, raised) = (self.new_label(), self.new_label());
            // CPython's handler node spans the body too.
            let whole = Span::new(
                h.span.start,
                h.body.last().map_or(h.span.end, |s| s.span.end),
            );
            self.with_loc(whole, |c| -> CResult {
                if let Some(t) = &h.typ {
                    c.expr(t)?;
                }
                c.jump(Instruction::JumpIfNotEgMatch, next);
                match &h.name {
                    Some(n) => c.store_name(n),
                    None => c.emit(Instruction::PopTop),
                }
                c.jump(Instruction::SetupFinally, raised);
                Ok(())
            })?;
            self.stmts_in(FBlock::ExceptStar, &h.body)?;
            self.emit(Instruction::PopBlock);
            self.clear_handler_name(&h.name);
            self.jump(Instruction::JumpForward, next);
            // The body raised. Stack: orig, list, rest, exception.
            self.place(raised);
            self.emit(Instruction::ListAppend(2));
            self.emit(Instruction::PopExcept);
            self.clear_handler_name(&h.name);
            self.place(next);
        }
        // Stack: orig, list, rest.
        let reraise = self.new_label();
        self.emit(Instruction::ListAppend(1));
        self.emit(Instruction::PrepReraiseStar);
        self.jump_if_top_is_none(false, reraise);
        self.emit(Instruction::PopTop);
        self.emit(Instruction::PopExcept);
        self.jump(Instruction::JumpForward, end);
        self.place(reraise);
        self.emit(Instruction::Reraise);
        self.else_block(orelse_l, orelse, end)
    }

    /// The `try` body of `try ... except`, and the handler's start: labels for the `else`
    /// block and the end.
    fn try_body(&mut self, body: &'a [Stmt]) -> CResult<(usize, usize)> {
        let (handler, orelse_l, end) = (self.new_label(), self.new_label(), self.new_label());
        self.jump(Instruction::SetupFinally, handler);
        self.stmts_in(FBlock::TryExcept, body)?;
        self.emit(Instruction::PopBlock);
        self.jump(Instruction::JumpForward, orelse_l);
        self.place(handler);
        Ok((orelse_l, end))
    }

    /// The `else` block of a loop or a `try` at `label`, and the statement's end after it.
    fn else_block(&mut self, label: usize, orelse: &'a [Stmt], end: usize) -> CResult {
        self.place(label);
        self.stmts(orelse)?;
        self.place(end);
        Ok(())
    }

    /// `body` compiled inside `block` (what a `break`, `continue` or `return` in it unwinds).
    fn stmts_in(&mut self, block: FBlock<'a>, body: &'a [Stmt]) -> CResult {
        self.unit().fblocks.push(block);
        self.stmts(body)?;
        self.unit().fblocks.pop();
        Ok(())
    }

    /// Unbinds an `except ... as name` target at the end of its handler (CPython's
    /// `name = None; del name`).
    fn clear_handler_name(&mut self, name: &Option<String>) {
        if let Some(n) = name {
            self.load_const(Constant::None);
            self.store_name(n);
            self.delete_name(n);
        }
    }

    pub(super) fn try_finally(&mut self, t: &'a Try) -> CResult {
        let finalbody: &'a [Stmt] = &t.finalbody;
        let (handler, end) = (self.new_label(), self.new_label());
        self.jump(Instruction::SetupFinally, handler);
        self.unit().fblocks.push(FBlock::FinallyTry(finalbody));
        if t.handlers.is_empty() {
            self.stmts(&t.body)?;
        } else {
            self.try_except(&t.body, &t.handlers, &t.orelse)?;
        }
        self.unit().fblocks.pop();
        self.emit(Instruction::PopBlock);
        self.stmts(finalbody)?;
        self.jump(Instruction::JumpForward, end);
        self.place(handler);
        self.stmts_in(FBlock::FinallyEnd, finalbody)?;
        self.emit(Instruction::Reraise);
        self.place(end);
        Ok(())
    }

    /// `with` or, `is_async`, `async with`: the same, with `__aenter__`/`__aexit__` and their
    /// results awaited.
    pub(super) fn with(
        &mut self,
        items: &'a [WithItem],
        body: &'a [Stmt],
        is_async: bool,
    ) -> CResult {
        let Some((item, rest)) = items.split_first() else {
            return self.stmts(body);
        };
        let (handler, end) = (self.new_label(), self.new_label());
        self.expr(&item.context)?;
        if is_async {
            // Stack: __aexit__, __aenter__()'s awaitable.
            self.emit(Instruction::BeforeAsyncWith);
            self.await_top();
            self.jump(Instruction::SetupAsyncWith, handler);
        } else {
            self.jump(Instruction::SetupWith, handler);
        }
        match &item.target {
            Some(t) => self.store_target(t)?,
            None => self.emit(Instruction::PopTop),
        }
        self.unit().fblocks.push(FBlock::With { is_async });
        self.with(rest, body, is_async)?;
        self.unit().fblocks.pop();
        self.emit(Instruction::PopBlock);
        self.call_exit_none();
        if is_async {
            self.await_top();
        }
        self.emit(Instruction::PopTop);
        self.jump(Instruction::JumpForward, end);
        // Exception path. Stack: __exit__, exception; an ExceptHandler block is active.
        self.place(handler);
        let suppress = self.new_label();
        self.emit(Instruction::WithExceptStart);
        if is_async {
            self.await_top();
        }
        self.jump(Instruction::PopJumpIfTrue, suppress);
        self.emit(Instruction::Reraise);
        self.place(suppress);
        self.emit(Instruction::PopTop);
        self.emit(Instruction::PopExcept);
        self.emit(Instruction::PopTop);
        self.place(end);
        Ok(())
    }
}

/// Where CPython 3.11's `assert` raises: its `compiler_jump_if` leaves the location of the
/// last comparison it compiles (in compile order: an `if`-`else`'s test, then its branches)
/// in place, while any other expression restores the statement's. The span of that
/// comparison, if there is one.
fn last_jump_compare(e: &Expr) -> Option<Span> {
    match &e.kind {
        ExprKind::Compare { .. } => Some(e.span),
        ExprKind::UnaryOp {
            op: crate::ast::UnaryOp::Not,
            operand,
        } => last_jump_compare(operand),
        ExprKind::BoolOp { values, .. } => values.iter().rev().find_map(last_jump_compare),
        ExprKind::IfExp { test, body, orelse } => [orelse, body, test]
            .into_iter()
            .find_map(|x| last_jump_compare(x)),
        _ => None,
    }
}
