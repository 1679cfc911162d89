//! The second look at a line the grammar rejected, after CPython 3.11's second parser pass.
//!
//! CPython parses twice: when the first pass fails, it parses again with its `invalid_*` rules
//! switched on (`Grammar/python.gram`), and the first such rule that matches, in the order the
//! parser tries them, names the error (`expected ':'`, `Perhaps you forgot a comma?`, ...).
//! lalrpop's LR tables cannot hold those rules, so this module re-reads the tokens of the
//! logical line where the parse failed with a small backtracking parser of its own that follows
//! the same rules in the same order, and reports the first that matches. It only recognises
//! shapes: it builds no tree, and where it cannot follow the line it gives up (`None`), and
//! the caller says `invalid syntax` at the token the grammar stopped on, as CPython does.

use std::collections::HashMap;

use crate::ast::Span;
use crate::lexer::Token;
use crate::source::SyntaxError;

type Tok<'s> = (usize, Token<'s>, usize);
type R<T> = Result<T, SyntaxError>;

/// What a skimmed expression is, named as CPython's `_PyPegen_get_expr_name` names it.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Name,
    Attribute,
    Subscript,
    Call,
    Literal,
    True,
    False,
    None,
    Ellipsis,
    FString,
    Tuple,
    List,
    Set,
    Dict,
    ListComp,
    SetComp,
    DictComp,
    GenExp,
    Operator,
    Compare,
    IfExp,
    Lambda,
    Named,
    Starred,
    Yield,
    Await,
    /// A parenthesised expression: `(x)` (its kind is the inner one's, `first` says group).
    Group,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Name => "name",
            Kind::Attribute => "attribute",
            Kind::Subscript => "subscript",
            Kind::Call => "function call",
            Kind::Literal => "literal",
            Kind::True => "True",
            Kind::False => "False",
            Kind::None => "None",
            Kind::Ellipsis => "ellipsis",
            Kind::FString => "f-string expression",
            Kind::Tuple => "tuple",
            Kind::List => "list",
            Kind::Set => "set display",
            Kind::Dict => "dict literal",
            Kind::ListComp => "list comprehension",
            Kind::SetComp => "set comprehension",
            Kind::DictComp => "dict comprehension",
            Kind::GenExp => "generator expression",
            Kind::Operator | Kind::Group => "expression",
            Kind::Compare => "comparison",
            Kind::IfExp => "conditional expression",
            Kind::Lambda => "lambda",
            Kind::Named => "named expression",
            Kind::Starred => "starred",
            Kind::Yield => "yield expression",
            Kind::Await => "await expression",
        }
    }
}

/// A skimmed expression: its kind, its tokens `lo..hi`, and the kind of the atom it starts
/// with (CPython's `!(list|tuple|genexp|'True'|'None'|'False')` looks at that).
#[derive(Debug, Clone, Copy)]
struct X {
    kind: Kind,
    lo: usize,
    hi: usize,
    first: Kind,
}

/// A result: `Ok(None)` is "this rule does not match here", `Err` is a diagnosis.
type Parsed = R<Option<(usize, X)>>;

struct P<'a, 's> {
    t: &'a [Tok<'s>],
    text: &'a str,
    /// Bracket depth after each token (CPython's `tok->level`, which the comma rule reads).
    level: Vec<u32>,
    /// Results by (token, rule, checks on): PEG parsers memoise, or nested brackets would
    /// cost exponential time here.
    memo: HashMap<(usize, u8, bool), Option<(usize, X)>>,
}

/// Bracket depth beyond which a line is not diagnosed.
const MAX_DEPTH: u32 = 100;

/// Diagnoses one logical line of `text` (its tokens, ending with its `Newline` if it has
/// one): the first of CPython's `invalid_*` rules that matches, in the order CPython tries
/// them.
pub(super) fn diagnose_line(line: &[Tok<'_>], text: &str) -> Option<SyntaxError> {
    let mut depth = 0u32;
    let level: Vec<u32> = line
        .iter()
        .map(|(_, t, _)| {
            match t {
                Token::LPar | Token::LSqb | Token::LBrace => depth += 1,
                Token::RPar | Token::RSqb | Token::RBrace => depth = depth.saturating_sub(1),
                _ => {}
            }
            depth
        })
        .collect();
    // A recursive descent needs stack for each bracket: beyond this depth, no second look
    // (the caller then says `invalid syntax`, as CPython does when it gives up).
    if level.iter().any(|&d: &u32| d > MAX_DEPTH) {
        return None;
    }
    let mut p = P {
        t: line,
        text,
        level,
        memo: HashMap::new(),
    };
    p.statement(0).err()
}

fn is_compare(t: &Token<'_>) -> bool {
    matches!(
        t,
        Token::EqEqual
            | Token::NotEqual
            | Token::Less
            | Token::LessEqual
            | Token::Greater
            | Token::GreaterEqual
            | Token::In
            | Token::Is
    )
}

fn is_binary(t: &Token<'_>) -> bool {
    matches!(
        t,
        Token::VBar
            | Token::Circumflex
            | Token::Amper
            | Token::LeftShift
            | Token::RightShift
            | Token::Plus
            | Token::Minus
            | Token::Star
            | Token::Slash
            | Token::DoubleSlash
            | Token::Percent
            | Token::At
    )
}

fn is_augassign(t: &Token<'_>) -> bool {
    matches!(
        t,
        Token::PlusEqual
            | Token::MinEqual
            | Token::StarEqual
            | Token::SlashEqual
            | Token::PercentEqual
            | Token::AmperEqual
            | Token::VBarEqual
            | Token::CircumflexEqual
            | Token::LeftShiftEqual
            | Token::RightShiftEqual
            | Token::DoubleStarEqual
            | Token::DoubleSlashEqual
            | Token::AtEqual
    )
}

impl<'a, 's> P<'a, 's> {
    fn tok(&self, i: usize) -> Option<&'a Token<'s>> {
        self.t.get(i).map(|t| &t.1)
    }
    fn at(&self, i: usize, want: &Token<'_>) -> bool {
        self.tok(i) == Some(want)
    }
    /// The end of the line: no token, or the `Newline`.
    fn at_end(&self, i: usize) -> bool {
        matches!(self.tok(i), None | Some(Token::Newline))
    }
    fn start(&self, i: usize) -> usize {
        self.t
            .get(i)
            .map_or_else(|| self.t.last().map_or(0, |t| t.2), |t| t.0)
    }
    fn end(&self, i: usize) -> usize {
        self.t.get(i).map_or_else(|| self.start(i), |t| t.2)
    }
    /// The span of tokens `lo..hi`.
    fn span(&self, lo: usize, hi: usize) -> Span {
        Span::new(self.start(lo), self.end(hi.saturating_sub(1).max(lo)))
    }
    fn err(&self, msg: impl Into<String>, lo: usize, hi: usize) -> SyntaxError {
        SyntaxError::new(msg, self.span(lo, hi))
    }
    /// `expected ':'` where a colon is missing: CPython marks the token found instead.
    fn expected_colon(&self, i: usize) -> SyntaxError {
        let s = self.start(i);
        let e = match self.tok(i) {
            None | Some(Token::Newline) => s + 1,
            _ => self.end(i),
        };
        SyntaxError::new("expected ':'", Span::new(s, e))
    }

    // --- statements ---------------------------------------------------------------------

    /// One logical line: a compound statement's header (and a body on the same line), or
    /// simple statements separated by `;`.
    fn statement(&mut self, i: usize) -> R<()> {
        let i = if self.at(i, &Token::Async) { i + 1 } else { i };
        match self.tok(i) {
            Some(Token::If | Token::Elif | Token::While) => {
                let Some((j, _)) = self.named_expression(i + 1)? else {
                    return Ok(());
                };
                if self.at_end(j) {
                    return Err(self.expected_colon(j));
                }
                self.body_after_colon(j)
            }
            Some(Token::Else | Token::Try | Token::Finally) => {
                if !self.at(i + 1, &Token::Colon) {
                    return Err(self.expected_colon(i + 1));
                }
                self.body_after_colon(i + 1)
            }
            Some(Token::For) => {
                let Some((j, _)) = self.target_list(i + 1)? else {
                    return Ok(());
                };
                if !self.at(j, &Token::In) {
                    return Ok(());
                }
                let Some((j, _)) = self.star_expressions(j + 1)? else {
                    return Ok(());
                };
                if self.at_end(j) {
                    return Err(self.expected_colon(j));
                }
                self.body_after_colon(j)
            }
            Some(Token::Def) => {
                if !matches!(self.tok(i + 1), Some(Token::Name(_))) {
                    return Ok(());
                }
                if !self.at(i + 2, &Token::LPar) {
                    // `'def' NAME &&'('`: a forced token.
                    let s = self.start(i + 2);
                    let e = match self.tok(i + 2) {
                        None | Some(Token::Newline) => s + 1,
                        _ => self.end(i + 2),
                    };
                    return Err(SyntaxError::new("expected '('", Span::new(s, e)));
                }
                let Some(mut j) = self.skip_brackets(i + 2) else {
                    return Ok(());
                };
                if self.at(j, &Token::RArrow) {
                    let Some((k, _)) = self.expression(j + 1)? else {
                        return Ok(());
                    };
                    j = k;
                }
                if !self.at(j, &Token::Colon) {
                    return Err(self.expected_colon(j));
                }
                self.body_after_colon(j)
            }
            Some(Token::Class) => {
                if !matches!(self.tok(i + 1), Some(Token::Name(_))) {
                    return Ok(());
                }
                let mut j = i + 2;
                if self.at(j, &Token::LPar) {
                    let Some(k) = self.call_args(j + 1)? else {
                        return Ok(());
                    };
                    j = k;
                }
                if self.at_end(j) {
                    return Err(self.expected_colon(j));
                }
                self.body_after_colon(j)
            }
            Some(Token::With) => {
                let mut j = i + 1;
                loop {
                    let Some((k, _)) = self.expression(j)? else {
                        return Ok(());
                    };
                    j = k;
                    if self.at(j, &Token::As) {
                        let Some((k, _)) = self.bitwise_or(j + 1)? else {
                            return Ok(());
                        };
                        j = k;
                    }
                    if !self.at(j, &Token::Comma) {
                        break;
                    }
                    j += 1;
                }
                if self.at_end(j) {
                    return Err(self.expected_colon(j));
                }
                self.body_after_colon(j)
            }
            Some(Token::Except) => {
                let mut j = i + 1;
                if self.at(j, &Token::Star) {
                    j += 1;
                }
                if !self.at(j, &Token::Colon) {
                    let Some((k, a)) = self.expression(j)? else {
                        return Ok(());
                    };
                    // `except A, B:` (Python 2): CPython's `invalid_except_stmt`, marked
                    // from the first type up to the `:`.
                    if self.at(k, &Token::Comma)
                        && let Some((m, _)) = self.star_expressions(j)?
                    {
                        let m = if self.at(m, &Token::As) { m + 2 } else { m };
                        if self.at(m, &Token::Colon) {
                            return Err(SyntaxError::new(
                                "multiple exception types must be parenthesized",
                                Span::new(self.start(a.lo), self.start(m)),
                            ));
                        }
                    }
                    j = k;
                    if self.at(j, &Token::As) && matches!(self.tok(j + 1), Some(Token::Name(_))) {
                        j += 2;
                    }
                }
                if self.at_end(j) {
                    return Err(self.expected_colon(j));
                }
                self.body_after_colon(j)
            }
            // `match x` / `case 1` without the colon: CPython's `invalid_match_stmt` and
            // `invalid_case_block`. Anything else starting with the name is a statement.
            Some(Token::Match | Token::Case | Token::Name("match" | "case"))
                if self.soft_keyword_header(i)?.is_some() =>
            {
                let j = self.soft_keyword_header(i)?.unwrap_or(i);
                if self.at_end(j) {
                    return Err(self.expected_colon(j));
                }
                self.body_after_colon(j)
            }
            _ => self.simple_statements(i),
        }
    }

    /// The end of `match subject` or `case patterns [if guard]`, if the line has that shape
    /// (patterns are skimmed as expressions, which they look like).
    fn soft_keyword_header(&mut self, i: usize) -> R<Option<usize>> {
        let Some((mut j, _)) = self.star_named_expressions(i + 1)? else {
            return Ok(None);
        };
        if matches!(self.tok(i), Some(Token::Case | Token::Name("case"))) && self.at(j, &Token::If)
        {
            let Some((k, _)) = self.named_expression(j + 1)? else {
                return Ok(None);
            };
            j = k;
        }
        Ok((self.at_end(j) || self.at(j, &Token::Colon)).then_some(j))
    }

    /// After a header's `:`, a body on the same line.
    fn body_after_colon(&mut self, colon: usize) -> R<()> {
        if self.at(colon, &Token::Colon) && !self.at_end(colon + 1) {
            self.simple_statements(colon + 1)
        } else {
            Ok(())
        }
    }

    fn simple_statements(&mut self, mut i: usize) -> R<()> {
        loop {
            let Some(j) = self.simple_statement(i)? else {
                return Ok(());
            };
            if !self.at(j, &Token::Semi) {
                return Ok(());
            }
            i = j + 1;
            if self.at_end(i) {
                return Ok(());
            }
        }
    }

    /// A simple statement, in CPython's order: a valid assignment; then `invalid_assignment`
    /// (where `1 = x` meets `invalid_named_expression`); then an expression statement.
    fn simple_statement(&mut self, i: usize) -> R<Option<usize>> {
        match self.tok(i) {
            Some(Token::Return) => {
                if self.at_end(i + 1) || self.at(i + 1, &Token::Semi) {
                    return Ok(Some(i + 1));
                }
                return Ok(self.star_expressions(i + 1)?.map(|(j, _)| j));
            }
            Some(Token::From) => {
                // `invalid_import_from_targets`: `from m import a, b,` then the line's end.
                let Some(mut j) = (i + 1..self.t.len())
                    .find(|&k| self.at(k, &Token::Import) || self.at_end(k))
                    .filter(|&k| self.at(k, &Token::Import))
                    .map(|k| k + 1)
                else {
                    return Ok(None);
                };
                while matches!(self.tok(j), Some(Token::Name(_))) {
                    j += 1;
                    if self.at(j, &Token::As) && matches!(self.tok(j + 1), Some(Token::Name(_))) {
                        j += 2;
                    }
                    if !self.at(j, &Token::Comma) {
                        return Ok(None);
                    }
                    j += 1;
                    if self.at_end(j) {
                        return Err(self.err(
                            "trailing comma not allowed without surrounding parentheses",
                            j,
                            j + 1,
                        ));
                    }
                }
                return Ok(None);
            }
            Some(
                Token::Pass
                | Token::Break
                | Token::Continue
                | Token::Import
                | Token::Global
                | Token::Nonlocal
                | Token::Del
                | Token::Assert
                | Token::Raise,
            ) => return Ok(None),
            _ => {}
        }
        // A valid assignment: `(star_targets '=')+ rhs !'='`.
        let mut j = i;
        let mut targets = 0;
        while let Some((k, x)) = self.star_expressions_quiet(j) {
            if !self.at(k, &Token::Equal) || !valid_target(self, x) {
                break;
            }
            j = k + 1;
            targets += 1;
        }
        if targets > 0 {
            if let Some((k, _)) = self.rhs(j)?
                && !self.at(k, &Token::Equal)
            {
                return Ok(Some(k));
            }
        } else if let Some((k, x)) = self.star_expressions_quiet(i) {
            // `x += 1`, `x: int = 1`: valid forms, checked inside only.
            if valid_target(self, x)
                && (self.tok(k).is_some_and(is_augassign) || self.at(k, &Token::Colon))
            {
                let Some((k2, _)) = self.rhs(k + 1)? else {
                    return Ok(None);
                };
                if self.at(k, &Token::Colon) && self.at(k2, &Token::Equal) {
                    return Ok(self.rhs(k2 + 1)?.map(|(j, _)| j));
                }
                return Ok(Some(k2));
            }
        }
        // `invalid_assignment`: its second alternative starts with a `star_named_expression`,
        // which is where `invalid_named_expression` speaks.
        self.star_named_expressions(i)?;
        // `(star_targets '=')* a=star_expressions '='`.
        if let Some((k, x)) = self.star_expressions(j)?
            && self.at(k, &Token::Equal)
            && let Some(bad) = invalid_target(self, x)
        {
            return Err(self.err(
                format!("cannot assign to {}", self.kind_name(bad)),
                bad.lo,
                bad.hi,
            ));
        }
        // `(star_targets '=')* a=yield_expr '='`.
        if self.at(j, &Token::Yield)
            && let Some((k, y)) = self.yield_expr(j)?
            && self.at(k, &Token::Equal)
        {
            return Err(self.err("assignment to yield expression not possible", y.lo, y.hi));
        }
        Ok(self.star_expressions(i)?.map(|(j, _)| j))
    }

    fn kind_name(&self, x: X) -> &'static str {
        x.kind.name()
    }

    fn rhs(&mut self, i: usize) -> Parsed {
        if self.at(i, &Token::Yield) {
            return self.yield_expr(i);
        }
        self.star_expressions(i)
    }

    fn yield_expr(&mut self, i: usize) -> Parsed {
        let mut j = i + 1;
        if self.at(j, &Token::From) {
            return Ok(self
                .expression(j + 1)?
                .map(|(k, _)| (k, x(Kind::Yield, i, k))));
        }
        if let Some((k, _)) = self.star_expressions(j)? {
            j = k;
        }
        Ok(Some((j, x(Kind::Yield, i, j))))
    }

    // --- expressions ---------------------------------------------------------------------

    /// `star_expressions` without the checks: used to look for assignment targets, which
    /// CPython parses with its target rules (no `invalid_*` inside).
    fn star_expressions_quiet(&mut self, i: usize) -> Option<(usize, X)> {
        self.star_expressions(i).ok().flatten()
    }

    fn star_expressions(&mut self, i: usize) -> Parsed {
        self.comma_list(i, |p, i| p.star_expression(i))
    }

    fn star_named_expressions(&mut self, i: usize) -> Parsed {
        self.comma_list(i, |p, i| p.star_named_expression(i))
    }

    /// `item (',' item)* [',']`: a tuple when there is a comma.
    fn comma_list(&mut self, i: usize, item: fn(&mut Self, usize) -> Parsed) -> Parsed {
        let Some((mut j, first)) = item(self, i)? else {
            return Ok(None);
        };
        if !self.at(j, &Token::Comma) {
            return Ok(Some((j, first)));
        }
        while self.at(j, &Token::Comma) {
            match item(self, j + 1)? {
                Some((k, _)) => j = k,
                None => {
                    j += 1;
                    break;
                }
            }
        }
        Ok(Some((
            j,
            X {
                kind: Kind::Tuple,
                lo: i,
                hi: j,
                first: first.first,
            },
        )))
    }

    fn star_expression(&mut self, i: usize) -> Parsed {
        self.starred_or(i, Self::expression)
    }

    fn star_named_expression(&mut self, i: usize) -> Parsed {
        self.starred_or(i, Self::named_expression)
    }

    /// `'*' bitwise_or | rule`.
    fn starred_or(&mut self, i: usize, rule: fn(&mut Self, usize) -> Parsed) -> Parsed {
        if self.at(i, &Token::Star) {
            return Ok(self
                .bitwise_or(i + 1)?
                .map(|(j, _)| (j, x(Kind::Starred, i, j))));
        }
        rule(self, i)
    }

    /// `named_expression` with `invalid_named_expression` between its alternatives.
    fn named_expression(&mut self, i: usize) -> Parsed {
        if matches!(self.tok(i), Some(Token::Name(_))) && self.at(i + 1, &Token::ColonEqual) {
            return Ok(self
                .expression(i + 2)?
                .map(|(j, _)| (j, x(Kind::Named, i, j))));
        }
        // a=expression ':=' expression
        if let Some((j, a)) = self.expression(i)?
            && self.at(j, &Token::ColonEqual)
            && self.expression(j + 1)?.is_some()
        {
            return Err(self.err(
                format!(
                    "cannot use assignment expressions with {}",
                    self.kind_name(a)
                ),
                a.lo,
                a.hi,
            ));
        }
        // a=NAME '=' b=bitwise_or !('='|':=')
        if matches!(self.tok(i), Some(Token::Name(_)))
            && self.at(i + 1, &Token::Equal)
            && let Some((j, _)) = self.bitwise_or(i + 2)?
            && !self.at(j, &Token::Equal)
            && !self.at(j, &Token::ColonEqual)
        {
            return Err(self.err(
                "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                i,
                j,
            ));
        }
        // !(list|tuple|genexp|'True'|'None'|'False') a=bitwise_or b='=' bitwise_or !('='|':=')
        if let Some((j, a)) = self.bitwise_or(i)? {
            let excluded = matches!(
                a.first,
                Kind::List | Kind::Tuple | Kind::GenExp | Kind::True | Kind::None | Kind::False
            );
            if !excluded
                && self.at(j, &Token::Equal)
                && let Some((k, _)) = self.bitwise_or(j + 1)?
                && !self.at(k, &Token::Equal)
                && !self.at(k, &Token::ColonEqual)
            {
                return Err(self.err(
                    format!(
                        "cannot assign to {} here. Maybe you meant '==' instead of '='?",
                        self.kind_name(a)
                    ),
                    a.lo,
                    a.hi,
                ));
            }
        }
        match self.expression(i)? {
            Some((j, _)) if self.at(j, &Token::ColonEqual) => Ok(None),
            r => Ok(r),
        }
    }

    fn expression(&mut self, i: usize) -> Parsed {
        self.expression_with(i, true)
    }

    /// `expression`, with CPython's `invalid_expression` first when `checks` is on
    /// (`expression_without_invalid` is this with `checks` off).
    fn expression_with(&mut self, i: usize, checks: bool) -> Parsed {
        self.memoized((i, 2, checks), |p| p.expression_at(i, checks))
    }

    /// `rule`'s result at `key` (token, rule number, checks on), parsed once.
    fn memoized(
        &mut self,
        key: (usize, u8, bool),
        rule: impl FnOnce(&mut Self) -> Parsed,
    ) -> Parsed {
        if let Some(r) = self.memo.get(&key) {
            return Ok(*r);
        }
        let r = rule(self)?;
        self.memo.insert(key, r);
        Ok(r)
    }

    /// `operand (op operand)*`, where `op_len` is the length in tokens of an operator at a
    /// token (`None`: no operator there): the first operand alone when no operator follows it
    /// (a group keeps its position), else a `kind` node over the whole chain.
    fn chain(
        &mut self,
        i: usize,
        kind: Kind,
        op_len: impl Fn(&Self, usize) -> Option<usize>,
        mut operand: impl FnMut(&mut Self, usize) -> Parsed,
    ) -> Parsed {
        let Some((mut j, first)) = operand(self, i)? else {
            return Ok(None);
        };
        let first_end = j;
        while let Some(n) = op_len(self, j) {
            match operand(self, j + n)? {
                Some((k, _)) => j = k,
                None => break,
            }
        }
        if j == first_end {
            return Ok(Some((j, first)));
        }
        Ok(Some((
            j,
            X {
                kind,
                lo: i,
                hi: j,
                first: first.first,
            },
        )))
    }

    /// CPython's `expression`: `invalid_expression`, then `invalid_legacy_expression`, then
    /// the real alternatives.
    fn expression_at(&mut self, i: usize, checks: bool) -> Parsed {
        if self.at(i, &Token::Lambda) {
            return self.lambda(i, checks);
        }
        if checks {
            self.invalid_expression(i)?;
            self.invalid_legacy_expression(i)?;
        }
        let Some((j, a)) = self.disjunction(i, checks)? else {
            return Ok(None);
        };
        if self.at(j, &Token::If)
            && let Some((k, _)) = self.disjunction(j + 1, checks)?
            && self.at(k, &Token::Else)
            && let Some((m, _)) = self.expression_with(k + 1, checks)?
        {
            return Ok(Some((
                m,
                X {
                    kind: Kind::IfExp,
                    lo: i,
                    hi: m,
                    first: a.first,
                },
            )));
        }
        Ok(Some((j, a)))
    }

    /// `a=NAME !'(' b=star_expressions`: tried after any name, so the expressions after it
    /// are checked too (`f(a "x" b)` finds the missing comma in `"x" b`); only `print` and
    /// `exec` make it an error of its own.
    fn invalid_legacy_expression(&mut self, i: usize) -> R<()> {
        let Some(Token::Name(name)) = self.tok(i) else {
            return Ok(());
        };
        if self.at(i + 1, &Token::LPar) {
            return Ok(());
        }
        if let Some((j, _)) = self.star_expressions(i + 1)?
            && matches!(*name, "print" | "exec")
        {
            return Err(self.err(
                format!("Missing parentheses in call to '{name}'. Did you mean {name}(...)?"),
                i,
                j,
            ));
        }
        Ok(())
    }

    fn invalid_expression(&mut self, i: usize) -> R<()> {
        let legacy = matches!(self.tok(i), Some(Token::Name("print" | "exec")));
        let name_string = matches!(self.tok(i), Some(Token::Name(_)))
            && matches!(self.tok(i + 1), Some(Token::Str(_)));
        // CPython 3.11 compares a name with the soft keywords over the name's length only
        // (`strncmp`), so `c`, `ca`, `m`, `mat`... count as soft keywords here too.
        let soft = match self.tok(i) {
            Some(Token::Match | Token::Case) => true,
            Some(Token::Name(n)) => {
                *n == "_" || (!n.is_empty() && ("match".starts_with(n) || "case".starts_with(n)))
            }
            _ => false,
        };
        let Some((j, _)) = self.disjunction(i, true)? else {
            return Ok(());
        };
        if !name_string
            && !soft
            && !legacy
            && let Some((k, _)) = self.expression_with(j, false)?
            && self.level.get(k - 1).copied().unwrap_or(0) > 0
        {
            return Err(self.err("invalid syntax. Perhaps you forgot a comma?", i, k));
        }
        if self.at(j, &Token::If)
            && let Some((k, _)) = self.disjunction(j + 1, true)?
            && !self.at(k, &Token::Else)
            && !self.at(k, &Token::Colon)
        {
            return Err(self.err("expected 'else' after 'if' expression", i, k));
        }
        Ok(())
    }

    fn lambda(&mut self, i: usize, checks: bool) -> Parsed {
        // The parameters are the grammar's business; skip to the `:` at this depth.
        let mut j = i + 1;
        let mut depth = 0i32;
        loop {
            match self.tok(j) {
                None | Some(Token::Newline) => return Ok(None),
                Some(Token::Colon) if depth == 0 => break,
                Some(Token::LPar | Token::LSqb | Token::LBrace) => depth += 1,
                Some(Token::RPar | Token::RSqb | Token::RBrace) => depth -= 1,
                _ => {}
            }
            j += 1;
        }
        Ok(self
            .expression_with(j + 1, checks)?
            .map(|(k, _)| (k, x(Kind::Lambda, i, k))))
    }

    fn disjunction(&mut self, i: usize, checks: bool) -> Parsed {
        self.memoized((i, 0, checks), |p| p.bool_chain(i, checks, 0))
    }

    /// `or` (depth 0), `and` (1), `not` (2), comparisons (3).
    fn bool_chain(&mut self, i: usize, checks: bool, depth: u8) -> Parsed {
        if depth == 2 {
            if self.at(i, &Token::Not) {
                return Ok(self
                    .bool_chain(i + 1, checks, 2)?
                    .map(|(j, _)| (j, x(Kind::Operator, i, j))));
            }
            return self.comparison(i, checks);
        }
        let op = if depth == 0 { Token::Or } else { Token::And };
        self.chain(
            i,
            Kind::Operator,
            |p, j| p.at(j, &op).then_some(1),
            |p, j| p.bool_chain(j, checks, depth + 1),
        )
    }

    fn comparison(&mut self, i: usize, checks: bool) -> Parsed {
        self.chain(
            i,
            Kind::Compare,
            |p, j| match (p.tok(j), p.tok(j + 1)) {
                (Some(Token::Not), Some(Token::In)) | (Some(Token::Is), Some(Token::Not)) => {
                    Some(2)
                }
                (Some(t), _) if is_compare(t) => Some(1),
                _ => None,
            },
            |p, j| p.bitwise_or_with(j, checks),
        )
    }

    fn bitwise_or(&mut self, i: usize) -> Parsed {
        self.bitwise_or_with(i, true)
    }

    /// Every binary operator from `|` down to `**`, and the unary ones: all "expression".
    fn bitwise_or_with(&mut self, i: usize, checks: bool) -> Parsed {
        self.memoized((i, 1, checks), |p| p.binary_chain(i, checks))
    }

    fn binary_chain(&mut self, i: usize, checks: bool) -> Parsed {
        self.chain(
            i,
            Kind::Operator,
            |p, j| p.tok(j).is_some_and(is_binary).then_some(1),
            |p, j| p.factor(j, checks),
        )
    }

    fn factor(&mut self, i: usize, checks: bool) -> Parsed {
        if matches!(self.tok(i), Some(Token::Plus | Token::Minus | Token::Tilde)) {
            return Ok(self
                .factor(i + 1, checks)?
                .map(|(j, _)| (j, x(Kind::Operator, i, j))));
        }
        let (i0, awaited) = if self.at(i, &Token::Await) {
            (i + 1, true)
        } else {
            (i, false)
        };
        let Some((mut j, mut a)) = self.primary(i0, checks)? else {
            return Ok(None);
        };
        if awaited {
            a = X {
                kind: Kind::Await,
                lo: i,
                hi: j,
                first: Kind::Await,
            };
        }
        if self.at(j, &Token::DoubleStar)
            && let Some((k, _)) = self.factor(j + 1, checks)?
        {
            j = k;
            a.kind = Kind::Operator;
            a.lo = i;
            a.hi = j;
        }
        Ok(Some((j, a)))
    }

    fn primary(&mut self, i: usize, checks: bool) -> Parsed {
        let Some((mut j, mut a)) = self.atom(i, checks)? else {
            return Ok(None);
        };
        loop {
            match self.tok(j) {
                Some(Token::Dot) if matches!(self.tok(j + 1), Some(Token::Name(_))) => {
                    j += 2;
                    a.kind = Kind::Attribute;
                }
                Some(Token::LPar) => {
                    let Some(k) = (if checks {
                        self.call_args(j + 1)?
                    } else {
                        self.skip_brackets(j)
                    }) else {
                        return Ok(None);
                    };
                    j = k;
                    a.kind = Kind::Call;
                }
                Some(Token::LSqb) => {
                    let Some(k) = self.skip_subscript(j, checks)? else {
                        return Ok(None);
                    };
                    j = k;
                    a.kind = Kind::Subscript;
                }
                _ => break,
            }
            a.lo = i;
            a.hi = j;
        }
        Ok(Some((j, a)))
    }

    /// `[ slices ]`, starting at `[`; returns the index after `]`.
    fn skip_subscript(&mut self, i: usize, checks: bool) -> R<Option<usize>> {
        if !checks {
            return Ok(self.skip_brackets(i));
        }
        let mut j = i + 1;
        loop {
            match self.tok(j) {
                Some(Token::RSqb) => return Ok(Some(j + 1)),
                Some(Token::Colon | Token::Comma) => j += 1,
                _ => match self.named_expression(j)? {
                    Some((k, _)) => j = k,
                    None => return Ok(None),
                },
            }
        }
    }

    /// From an opening bracket to just after its partner.
    fn skip_brackets(&self, i: usize) -> Option<usize> {
        let mut depth = 0i32;
        let mut j = i;
        loop {
            match self.tok(j)? {
                Token::LPar | Token::LSqb | Token::LBrace => depth += 1,
                Token::RPar | Token::RSqb | Token::RBrace => {
                    depth -= 1;
                    if depth == 0 {
                        return Some(j + 1);
                    }
                }
                Token::Newline => return None,
                _ => {}
            }
            j += 1;
        }
    }

    /// Call arguments after `(`, with `invalid_arguments` and `invalid_kwarg`; returns the
    /// index after `)`.
    fn call_args(&mut self, i: usize) -> R<Option<usize>> {
        let mut j = i;
        let mut index = 0;
        loop {
            match self.tok(j) {
                Some(Token::RPar) => return Ok(Some(j + 1)),
                Some(Token::Star | Token::DoubleStar) => match self.expression(j + 1)? {
                    Some((k, _)) => j = k,
                    None => return Ok(None),
                },
                Some(Token::True | Token::False | Token::None) if self.at(j + 1, &Token::Equal) => {
                    let what = match self.tok(j) {
                        Some(Token::True) => "True",
                        Some(Token::False) => "False",
                        _ => "None",
                    };
                    return Err(self.err(format!("cannot assign to {what}"), j, j + 2));
                }
                Some(Token::Name(_)) if self.at(j + 1, &Token::Equal) => {
                    let Some((k, _)) = self.expression(j + 2)? else {
                        return Ok(None);
                    };
                    if self.at(k, &Token::For) || self.at(k, &Token::Async) {
                        return Err(self.err(
                            "invalid syntax. Maybe you meant '==' or ':=' instead of '='?",
                            j,
                            j + 2,
                        ));
                    }
                    j = k;
                }
                _ => {
                    // `args` takes `assignment_expression | expression`, never the
                    // `invalid_named_expression` of `named_expression`.
                    let item = if self.at(j + 1, &Token::ColonEqual) {
                        self.named_expression(j)?
                    } else {
                        self.expression(j)?
                    };
                    let Some((k, a)) = item else {
                        return Ok(None);
                    };
                    if self.at(k, &Token::Equal) {
                        return Err(self.err(
                            "expression cannot contain assignment, perhaps you meant \"==\"?",
                            j,
                            k + 1,
                        ));
                    }
                    if self.at(k, &Token::For) || self.at(k, &Token::Async) {
                        let Some((m, last)) = self.for_if_clauses(k)? else {
                            return Ok(None);
                        };
                        // Alone, `f(x for x in y)` is fine; with other arguments
                        // CPython marks the element to the end of the last clause.
                        if !(index == 0 && self.at(m, &Token::RPar)) {
                            return Err(self.err(
                                "Generator expression must be parenthesized",
                                a.lo,
                                last,
                            ));
                        }
                        j = m;
                    } else {
                        j = k;
                    }
                }
            }
            index += 1;
            match self.tok(j) {
                Some(Token::Comma) => j += 1,
                Some(Token::RPar) => return Ok(Some(j + 1)),
                _ => return Ok(None),
            }
        }
    }

    /// `('async'? 'for' targets 'in' disjunction ('if' disjunction)*)+`; returns the index
    /// after it and the end of its last item (the last condition, or else the iterable).
    fn for_if_clauses(&mut self, mut i: usize) -> R<Option<(usize, usize)>> {
        let mut last = i;
        let mut any = false;
        loop {
            let f = if self.at(i, &Token::Async) { i + 1 } else { i };
            if !self.at(f, &Token::For) {
                break;
            }
            let Some((j, _)) = self.target_list(f + 1)? else {
                return Ok(None);
            };
            if !self.at(j, &Token::In) {
                return Ok(None);
            }
            let Some((mut j, _)) = self.disjunction(j + 1, true)? else {
                return Ok(None);
            };
            last = j;
            while self.at(j, &Token::If) {
                let Some((k, _)) = self.disjunction(j + 1, true)? else {
                    return Ok(None);
                };
                j = k;
                last = j;
            }
            i = j;
            any = true;
        }
        Ok(any.then_some((i, last)))
    }

    /// Assignment targets of `for`: a comma list of `*`-able `bitwise_or`s (which stop
    /// before `in`).
    fn target_list(&mut self, i: usize) -> Parsed {
        self.comma_list(i, |p, i| {
            if p.at(i, &Token::Star) {
                return Ok(p
                    .bitwise_or(i + 1)?
                    .map(|(j, _)| (j, x(Kind::Starred, i, j))));
            }
            p.bitwise_or(i)
        })
    }

    fn atom(&mut self, i: usize, checks: bool) -> Parsed {
        let simple = |k: Kind| Ok(Some((i + 1, x(k, i, i + 1))));
        match self.tok(i) {
            Some(Token::Name(_)) => simple(Kind::Name),
            Some(Token::True) => simple(Kind::True),
            Some(Token::False) => simple(Kind::False),
            Some(Token::None) => simple(Kind::None),
            Some(Token::Ellipsis) => simple(Kind::Ellipsis),
            Some(Token::Int(_) | Token::Float(_) | Token::Imag(_)) => simple(Kind::Literal),
            Some(Token::Str(_)) => {
                let mut j = i;
                let mut kind = Kind::Literal;
                while let Some(Token::Str(s)) = self.tok(j) {
                    let prefix = s.split(['\'', '"']).next().unwrap_or("");
                    if prefix.contains(['f', 'F']) {
                        kind = Kind::FString;
                    }
                    j += 1;
                }
                Ok(Some((j, x(kind, i, j))))
            }
            Some(Token::LPar) => self.paren(i, checks),
            Some(Token::LSqb) => self.display(i, checks, Token::RSqb),
            Some(Token::LBrace) => self.display(i, checks, Token::RBrace),
            _ => Ok(None),
        }
    }

    fn paren(&mut self, i: usize, checks: bool) -> Parsed {
        if !checks {
            let Some(j) = self.skip_brackets(i) else {
                return Ok(None);
            };
            // Without checks only the extent matters, and whether it is a tuple.
            return Ok(Some((j, x(Kind::Group, i, j))));
        }
        if self.at(i + 1, &Token::RPar) {
            return Ok(Some((i + 2, x(Kind::Tuple, i, i + 2))));
        }
        if self.at(i + 1, &Token::Yield) {
            let Some((j, _)) = self.yield_expr(i + 1)? else {
                return Ok(None);
            };
            return Ok(self
                .closing(j, &Token::RPar)
                .map(|k| (k, x(Kind::Yield, i, k))));
        }
        let Some((j, inner)) = self.star_named_expression(i + 1)? else {
            return Ok(None);
        };
        let kind = match self.tok(j) {
            // A parenthesised expression is positioned without its parentheses, as in
            // CPython's tree.
            Some(Token::RPar) => {
                return Ok(Some((
                    j + 1,
                    X {
                        first: Kind::Group,
                        ..inner
                    },
                )));
            }
            Some(Token::For | Token::Async) => {
                let Some((k, _)) = self.for_if_clauses(j)? else {
                    return Ok(None);
                };
                return Ok(self
                    .closing(k, &Token::RPar)
                    .map(|m| (m, x(Kind::GenExp, i, m))));
            }
            Some(Token::Comma) => Kind::Tuple,
            _ => return Ok(None),
        };
        let Some((k, _)) = self.star_named_expressions(i + 1)? else {
            return Ok(None);
        };
        Ok(self.closing(k, &Token::RPar).map(|m| (m, x(kind, i, m))))
    }

    fn closing(&self, j: usize, want: &Token<'_>) -> Option<usize> {
        self.at(j, want).then_some(j + 1)
    }

    /// `[...]` and `{...}`: lists, sets, dicts and their comprehensions.
    fn display(&mut self, i: usize, checks: bool, close: Token<'static>) -> Parsed {
        let brace = close == Token::RBrace;
        if !checks {
            let Some(j) = self.skip_brackets(i) else {
                return Ok(None);
            };
            let k = if brace { Kind::Dict } else { Kind::List };
            return Ok(Some((j, x(k, i, j))));
        }
        let (list, comp) = if brace {
            (Kind::Set, Kind::SetComp)
        } else {
            (Kind::List, Kind::ListComp)
        };
        if self.at(i + 1, &close) {
            let k = if brace { Kind::Dict } else { Kind::List };
            return Ok(Some((i + 2, x(k, i, i + 2))));
        }
        if brace && self.at(i + 1, &Token::DoubleStar) {
            return self.dict_items(i, i + 1);
        }
        let Some((j, _)) = self.star_named_expression(i + 1)? else {
            return Ok(None);
        };
        if brace && self.at(j, &Token::Colon) {
            return self.dict_items(i, i + 1);
        }
        if matches!(self.tok(j), Some(Token::For | Token::Async)) {
            let Some((k, _)) = self.for_if_clauses(j)? else {
                return Ok(None);
            };
            return Ok(self.closing(k, &close).map(|m| (m, x(comp, i, m))));
        }
        let Some((k, _)) = self.star_named_expressions(i + 1)? else {
            return Ok(None);
        };
        Ok(self.closing(k, &close).map(|m| (m, x(list, i, m))))
    }

    /// The items of a dict display from `j`, with `invalid_double_starred_kvpairs`.
    fn dict_items(&mut self, i: usize, mut j: usize) -> Parsed {
        let mut pairs = 0;
        loop {
            if self.at(j, &Token::RBrace) {
                return Ok(Some((j + 1, x(Kind::Dict, i, j + 1))));
            }
            if self.at(j, &Token::DoubleStar) {
                let Some((k, _)) = self.bitwise_or(j + 1)? else {
                    return Ok(None);
                };
                j = k;
            } else {
                // After the first item CPython 3.11 reports a key without its `:` as such,
                // not as a missing comma (`{'a': 1, 'b' 2}`; `{'b' 2}` is a missing comma).
                let Some((k, key)) = self.expression_with(j, pairs == 0)? else {
                    return Ok(None);
                };
                if !self.at(k, &Token::Colon) {
                    if pairs > 0 {
                        // CPython marks the key's last character.
                        let end = self.end(key.hi.saturating_sub(1));
                        let last = self.text.get(..end).and_then(|t| t.chars().next_back());
                        let start = end - last.map_or(0, char::len_utf8);
                        return Err(SyntaxError::new(
                            "':' expected after dictionary key",
                            Span::new(start, end),
                        ));
                    }
                    return Ok(None);
                }
                if matches!(self.tok(k + 1), Some(Token::RBrace | Token::Comma)) {
                    return Err(self.err(
                        "expression expected after dictionary key and ':'",
                        k,
                        k + 1,
                    ));
                }
                if self.at(k + 1, &Token::Star) {
                    return Err(self.err(
                        "cannot use a starred expression in a dictionary value",
                        k + 1,
                        k + 2,
                    ));
                }
                let Some((m, _)) = self.expression(k + 1)? else {
                    return Ok(None);
                };
                if pairs == 0 && matches!(self.tok(m), Some(Token::For | Token::Async)) {
                    let Some((n, _)) = self.for_if_clauses(m)? else {
                        return Ok(None);
                    };
                    return Ok(self
                        .closing(n, &Token::RBrace)
                        .map(|e| (e, x(Kind::DictComp, i, e))));
                }
                j = m;
            }
            pairs += 1;
            match self.tok(j) {
                Some(Token::Comma) => j += 1,
                Some(Token::RBrace) => {}
                _ => return Ok(None),
            }
        }
    }
}

fn x(kind: Kind, lo: usize, hi: usize) -> X {
    X {
        kind,
        lo,
        hi,
        first: kind,
    }
}

/// Whether `x` can be assigned to (`_PyPegen_get_invalid_target` finds nothing).
fn valid_target(p: &mut P<'_, '_>, x: X) -> bool {
    invalid_target(p, x).is_none()
}

/// The first part of `x` that cannot be assigned to, as `_PyPegen_get_invalid_target` finds
/// it: tuples and lists are searched item by item, `*` looks inside.
fn invalid_target(p: &mut P<'_, '_>, x: X) -> Option<X> {
    match x.kind {
        Kind::Name | Kind::Attribute | Kind::Subscript => None,
        Kind::Starred => {
            let (_, inner) = p.bitwise_or(x.lo + 1).ok().flatten()?;
            invalid_target(p, inner)
        }
        Kind::Tuple | Kind::List => {
            let parens = x.first == Kind::Tuple && p.at(x.lo, &Token::LPar)
                || x.kind == Kind::List && p.at(x.lo, &Token::LSqb) && x.first == Kind::List;
            // Only a bare or bracketed comma list is searched item by item.
            let (mut j, end) = if parens && p.skip_brackets(x.lo) == Some(x.hi) {
                (x.lo + 1, x.hi - 1)
            } else {
                (x.lo, x.hi)
            };
            while j < end {
                let (k, item) = p.star_expression(j).ok().flatten()?;
                if let Some(bad) = invalid_target(p, item) {
                    return Some(bad);
                }
                j = k + 1;
            }
            None
        }
        _ => Some(x),
    }
}
