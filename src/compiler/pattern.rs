//! `match` statements: each case's pattern is compiled to tests on a copy of the subject,
//! CPython 3.10's way (`MATCH_SEQUENCE`, `MATCH_KEYS`, `MATCH_CLASS`, …).

use super::*;

impl<'a> Compiler<'a> {
    /// `match subject:` — the subject stays on the stack while each case's pattern is tried
    /// on a copy; the first that matches (and whose guard holds) pops it and runs its body.
    pub(super) fn match_stmt(&mut self, subject: &'a Expr, cases: &'a [MatchCase]) -> CResult {
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
    pub(super) fn pattern(&mut self, p: &'a Pattern) -> CResult {
        self.with_loc(p.span, |c| c.pattern_inner(p))
    }

    pub(super) fn pattern_inner(&mut self, p: &'a Pattern) -> CResult {
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
                self.match_result(false, yes, end);
            }
            PatternKind::As(inner, n) => {
                let (no, end) = (self.new_label(), self.new_label());
                self.emit(I::DupTop);
                self.pattern(inner)?;
                self.jump(I::PopJumpIfFalse, no);
                self.store_name(n);
                self.match_result(true, no, end);
            }
            PatternKind::Sequence(items) => {
                let stars = starred(items, |q| matches!(q.kind, PatternKind::Star(_)));
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
                self.jump_if_top_is_none(true, no);
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
                self.jump_if_top_is_none(true, no3);
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

    /// The end of an alternative between two outcomes: `first` as this path's result, a jump
    /// to `end`; at `other` (where the other path arrives with the subject on the stack) the
    /// subject popped and the opposite result; then `end`.
    fn match_result(&mut self, first: bool, other: usize, end: usize) {
        self.load_const(Constant::Bool(first));
        self.jump(Instruction::JumpForward, end);
        self.place(other);
        self.emit(Instruction::PopTop);
        self.load_const(Constant::Bool(!first));
        self.place(end);
    }

    pub(super) fn match_items(&mut self, items: &'a [Pattern], end: usize) -> CResult {
        let refs: Vec<&'a Pattern> = items.iter().collect();
        self.match_item_refs(&refs, end)
    }

    /// The items of an unpacked sequence are on the stack, the first on top: matches each
    /// against its pattern; on success pushes True and jumps to `end`, on the first failure
    /// pops the items left and pushes False (falling through to the caller's code after
    /// this, which must then jump to `end` itself — it is placed right before it).
    pub(super) fn match_item_refs(&mut self, items: &[&'a Pattern], end: usize) -> CResult {
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
}
