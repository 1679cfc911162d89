//! Expressions: operators, comparisons and conditions (`jump_if`), f-strings, displays,
//! subscripts and calls; and constant folding (literals, negated literals, tuples of them).

use super::*;

impl<'a> Compiler<'a> {
    pub(super) fn expr(&mut self, e: &'a Expr) -> CResult {
        let loc = self.location(e.span);
        let saved = std::mem::replace(&mut self.unit().loc, loc);
        let r = self.expr_inner(e);
        self.unit().loc = saved;
        r
    }

    pub(super) fn expr_inner(&mut self, e: &'a Expr) -> CResult {
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
                self.attribute(e.span, value, attr, Instruction::LoadAttr)?
            }
            ExprKind::Subscript { value, index } => {
                self.subscript(value, index, Instruction::BinarySubscr)?
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
                let scope = self.scope_made_for(e, e.span)?;
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
                if self.in_async_function() {
                    return Err(SyntaxError::new(
                        "'yield from' inside async function",
                        e.span,
                    ));
                }
                self.expr(v)?;
                self.emit(Instruction::GetYieldFromIter);
                self.load_const(Constant::None);
                self.emit(Instruction::YieldFrom);
            }
            ExprKind::Await(v) => {
                if !self.in_async_function() {
                    let msg = if self.unit_ref().kind == ScopeKind::Function {
                        "'await' outside async function"
                    } else {
                        "'await' outside function"
                    };
                    return Err(SyntaxError::new(msg, e.span));
                }
                self.expr(v)?;
                self.await_top();
            }
        }
        Ok(())
    }

    /// Compiles a condition and jumps to `label` when its truth equals `cond`.
    pub(super) fn jump_if(&mut self, e: &'a Expr, cond: bool, label: usize) -> CResult {
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

    /// CPython's `check_compare`: `x is 1` compiles, with a SyntaxWarning on stderr, once per
    /// comparison chain, when either side of an `is` or `is not` is a literal (a constant
    /// other than `None`, `True`, `False` and `...`, after constant folding).
    fn warn_is_literal(&self, left: &Expr, ops: &[CmpOp], comparators: &[Expr]) {
        fn folds(e: &Expr) -> bool {
            match &e.kind {
                ExprKind::Constant(_) => true,
                ExprKind::UnaryOp { op, operand } => *op != UnaryOp::Not && folds(operand),
                ExprKind::BinOp { left, right, .. } => folds(left) && folds(right),
                ExprKind::Tuple(items) => items.iter().all(folds),
                _ => false,
            }
        }
        fn literal(e: &Expr) -> bool {
            folds(e)
                && !matches!(
                    e.kind,
                    ExprKind::Constant(
                        ast::Constant::None | ast::Constant::Bool(_) | ast::Constant::Ellipsis
                    )
                )
        }
        let mut prev = literal(left);
        for (op, right) in ops.iter().zip(comparators) {
            let this = literal(right);
            if matches!(op, CmpOp::Is | CmpOp::IsNot) && (prev || this) {
                let msg = if *op == CmpOp::Is {
                    "\"is\" with a literal. Did you mean \"==\"?"
                } else {
                    "\"is not\" with a literal. Did you mean \"!=\"?"
                };
                self.syntax_warning(left.span.start, msg);
                return;
            }
            prev = this;
        }
    }

    pub(super) fn compare(
        &mut self,
        left: &'a Expr,
        ops: &[CmpOp],
        comparators: &'a [Expr],
    ) -> CResult {
        self.warn_is_literal(left, ops, comparators);
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

    pub(super) fn fstring(&mut self, parts: &'a [FStringPart]) -> CResult {
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

    /// `value.attr` under `op` (`LOAD_ATTR`, `STORE_ATTR`, `DELETE_ATTR`, `LOAD_METHOD`): the
    /// object, then the instruction, marked at the attribute's name (`span` is all of
    /// `value.attr`).
    pub(super) fn attribute(
        &mut self,
        span: Span,
        value: &'a Expr,
        attr: &str,
        op: fn(NameIdx) -> Instruction,
    ) -> CResult {
        self.expr(value)?;
        let i = self.name_idx(attr);
        let loc = self.attr_location(span, attr);
        self.emit_at(loc, op(i));
        Ok(())
    }

    /// `value[index]` under `op` (`BINARY_SUBSCR`, `STORE_SUBSCR`, `DELETE_SUBSCR`).
    pub(super) fn subscript(
        &mut self,
        value: &'a Expr,
        index: &'a Expr,
        op: Instruction,
    ) -> CResult {
        self.expr(value)?;
        self.subscript_index(index)?;
        self.emit(op);
        Ok(())
    }

    pub(super) fn subscript_index(&mut self, index: &'a Expr) -> CResult {
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

    pub(super) fn sequence(&mut self, items: &'a [Expr], kind: SeqKind) -> CResult {
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

    pub(super) fn dict(&mut self, keys: &'a [Option<Expr>], values: &'a [Expr]) -> CResult {
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

    pub(super) fn call(
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
            self.attribute(func.span, value, attr, Instruction::LoadMethod)?;
            for a in args {
                self.expr(a)?;
            }
            // The call is marked from the method's name when `.method` starts a line.
            let mut loc = self.location(call.span);
            let at = self.attr_location(func.span, attr);
            (loc.line, loc.col) = (at.line, at.col);
            self.emit_at(loc, Instruction::CallMethod(args.len() as u32));
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
            let mut merged = false;
            for k in keywords {
                match &k.arg {
                    Some(name) => {
                        self.load_const(Constant::str(name));
                        self.expr(&k.value)?;
                        if merged {
                            // After a `**m`, a keyword is merged too, so that a name given
                            // twice is reported.
                            self.emit(Instruction::BuildMap(1));
                            self.emit(Instruction::DictMerge(1));
                        } else {
                            self.emit(Instruction::MapAdd(1));
                        }
                    }
                    None => {
                        self.expr(&k.value)?;
                        self.emit(Instruction::DictMerge(1));
                        merged = true;
                    }
                }
            }
        }
        self.emit(Instruction::CallFunctionEx(has_kw as u32));
        Ok(())
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum SeqKind {
    List,
    Tuple,
    Set,
}

#[derive(Clone, Copy)]
pub(super) enum CompKind<'a> {
    List(&'a Expr),
    Set(&'a Expr),
    Dict(&'a Expr, &'a Expr),
    Gen(&'a Expr),
}

pub(super) fn constant(c: &ast::Constant) -> Constant {
    match c {
        ast::Constant::None => Constant::None,
        ast::Constant::Bool(b) => Constant::Bool(*b),
        ast::Constant::Int(i) => Constant::int(i.clone()),
        ast::Constant::Float(x) => Constant::Float(*x),
        ast::Constant::Imag(x) => Constant::Complex(0.0, *x),
        ast::Constant::Str(s) => Constant::str(s),
        ast::Constant::Bytes(b) => Constant::Bytes(b.as_slice().into()),
        ast::Constant::Ellipsis => Constant::Ellipsis,
    }
}

/// The value of a constant expression (literals, `-literal`, tuples of those).
pub(super) fn const_value(e: &Expr) -> Option<Constant> {
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

pub(super) fn negate_const(v: &Constant) -> Option<Constant> {
    match v {
        Constant::Int(i) => Some(
            i.checked_neg()
                .map_or_else(|| Constant::int(-BigInt::from(*i)), Constant::Int),
        ),
        Constant::BigInt(b) => Some(Constant::int(-b.clone())),
        Constant::Float(x) => Some(Constant::Float(-x)),
        Constant::Complex(re, im) => Some(Constant::Complex(-re, -im)),
        _ => None,
    }
}

pub(super) fn binop(op: BinOp) -> BinaryOp {
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

pub(super) fn cmpop(op: CmpOp) -> CompareOp {
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
