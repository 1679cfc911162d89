//! Tokens to tree: drives the lalrpop parser generated from `grammar/python.lalrpop`, holds the
//! helpers its actions call (literals, parameter lists, call arguments; strings are in
//! `strings.rs`), and turns parse failures into CPython 3.11's `SyntaxError` messages and
//! layout (with `diagnose.rs`, its second look at a rejected line).

use lalrpop_util::ParseError;
use logos::Logos;
use num_bigint::BigInt;
use num_traits::Num;

use crate::ast::*;
use crate::lexer::{Lexer, LexicalError, Spanned, Token};
use crate::source::{Shown, SourceFile, SyntaxError, SyntaxErrorKind};

mod diagnose;
mod strings;

pub use strings::strings;

#[allow(
    clippy::all,
    clippy::pedantic,
    unused_parens,
    unused_imports,
    dead_code
)]
mod grammar {
    include!(concat!(env!("OUT_DIR"), "/python.rs"));
}

/// What the single start symbol produced.
pub enum Top {
    Module(Vec<Stmt>),
    Expr(Expr),
}

/// One call argument as written.
pub enum Arg {
    Pos(Expr),
    /// `name=value`, or `**value` when the name is `None`.
    Kw(Option<String>, Expr, Span),
}

/// One entry of a parameter list as written, before it is sorted into [`Params`].
pub enum ParamItem {
    Plain(Param, Option<Expr>),
    Star(Option<Param>, Span),
    DoubleStar(Param),
    Slash(Span),
}

type PError<'s> = ParseError<usize, Token<'s>, LexicalError>;

/// Parses a whole file.
pub fn parse_module(src: &SourceFile) -> Result<Module, SyntaxError> {
    let parser = grammar::TopParser::new();
    match parser.parse(&src.text, SoftKeywords::new(Lexer::new(&src.text))) {
        Ok(Top::Module(body)) => Ok(Module { body }),
        Ok(Top::Expr(_)) => Err(SyntaxError::new("invalid syntax", Span::default())),
        Err(e) => Err(syntax_error(e, &src.text)),
    }
}

/// Decides which error a failed parse reports, in CPython 3.11's order
/// (`_PyPegen_run_parser` and `_PyPegen_set_syntax_error`):
///
/// 1. a tokenizer error where the parse stopped is the error;
/// 2. otherwise the second look at the failing line (`diagnose`, CPython's `invalid_*`
///    rules), then what the grammar expected there (`expected ':'`, an indented block),
///    then `invalid syntax` at the token the parse stopped on;
/// 3. but CPython then tokenizes the rest of the file, and a tokenizer error found there
///    wins: an unterminated string or unmatched bracket anywhere below, and a bracket
///    never closed if it was opened on a line above the error.
fn syntax_error(e: PError<'_>, text: &str) -> SyntaxError {
    let (tokens, lex_error) = lex_all(text);
    if let ParseError::User { error } = &e
        && lex_error.as_ref() == Some(error)
    {
        return error.clone().into_syntax_error();
    }
    let fail_at = match &e {
        ParseError::User { error } => error.span.start,
        ParseError::InvalidToken { location } | ParseError::UnrecognizedEof { location, .. } => {
            *location
        }
        ParseError::UnrecognizedToken { token, .. } | ParseError::ExtraToken { token } => token.0,
    };
    let err = string_error_before(&tokens, fail_at, text)
        .or_else(|| diagnose_at(&tokens, fail_at, text))
        .unwrap_or_else(|| convert_error(e, text));
    if let Some(lex) = lex_error {
        let line = |at: usize| text[..at.min(text.len())].matches('\n').count();
        if !lex.msg.ends_with("was never closed") || line(lex.span.start) < line(fail_at) {
            return lex.into_syntax_error();
        }
    }
    err
}

/// Every token of `text`, as the parser sees them, up to the first tokenizer error.
fn lex_all(text: &str) -> (Vec<(usize, Token<'_>, usize)>, Option<LexicalError>) {
    let mut tokens = Vec::new();
    for t in SoftKeywords::new(Lexer::new(text)) {
        match t {
            Ok((_, Token::StartModule, _)) => {}
            Ok(t) => tokens.push(t),
            Err(e) => return (tokens, Some(e)),
        }
    }
    (tokens, None)
}

/// An error inside the strings read before the parse failed (`f"{d["k"]}"` in 3.11 is
/// `f"{d["`, then `k`): CPython decodes a run of strings as soon as it has read it, so
/// their errors come first; lalrpop stops at the next token before decoding them.
fn string_error_before(
    tokens: &[(usize, Token<'_>, usize)],
    fail_at: usize,
    text: &str,
) -> Option<SyntaxError> {
    let mut i = 0;
    while i < tokens.len() && tokens[i].0 < fail_at {
        let run: Vec<(usize, &str)> = tokens[i..]
            .iter()
            .map_while(|t| match t.1 {
                Token::Str(s) => Some((t.0, s)),
                _ => None,
            })
            .collect();
        if run.is_empty() {
            i += 1;
            continue;
        }
        let (l, r) = (tokens[i].0, tokens[i + run.len() - 1].2);
        i += run.len();
        if let Err(e) = strings(text, run, l, r) {
            return Some(e.into_syntax_error());
        }
    }
    None
}

/// Runs `diagnose` over the logical line holding the token at `fail_at`.
fn diagnose_at(
    tokens: &[(usize, Token<'_>, usize)],
    fail_at: usize,
    text: &str,
) -> Option<SyntaxError> {
    let mut idx = tokens.partition_point(|t| t.0 < fail_at);
    // Dedents sit at the start of the line they precede.
    while tokens.get(idx).is_some_and(|t| t.1 == Token::Dedent) {
        idx += 1;
    }
    let breaks = |t: &Token<'_>| matches!(t, Token::Newline | Token::Indent | Token::Dedent);
    // A failing `Newline` ends its line; any other token belongs to the line it is on.
    let start = tokens[..idx.min(tokens.len())]
        .iter()
        .rposition(|t| breaks(&t.1))
        .map_or(0, |i| i + 1);
    let end = tokens[start..]
        .iter()
        .position(|t| breaks(&t.1))
        .map_or(tokens.len(), |i| start + i);
    if start >= end {
        return None;
    }
    // With its `Newline`, which is where CPython puts `expected ':'` (after trailing blanks).
    let end = if tokens.get(end).is_some_and(|t| t.1 == Token::Newline) {
        end + 1
    } else {
        end
    };
    diagnose::diagnose_line(&tokens[start..end], text)
}

/// Turns the soft keywords `match` and `case` into keywords where they begin a statement —
/// a logical line that starts with the name, ends with a colon, and is not an assignment
/// or annotation of a variable so named (`match = 1`, `match: int`, `match.x = 2`) — and
/// leaves them names everywhere else, as CPython's parser does by backtracking.
///
/// `case` is a keyword only directly inside a `match` block: outside one, `case[0]: int = 1`
/// is an annotation, as in CPython. The blocks are followed by indentation depth.
pub struct SoftKeywords<'s, I: Iterator<Item = Spanned<'s>>> {
    inner: I,
    ready: std::collections::VecDeque<Spanned<'s>>,
    at_line_start: bool,
    /// Indentation depth of the tokens handed out so far.
    depth: usize,
    /// The depths at which an open `match` block's `case` clauses stand.
    match_blocks: Vec<usize>,
    /// A `match` line was handed out, and its block's INDENT has not come yet.
    pending_match: bool,
}

impl<'s, I: Iterator<Item = Spanned<'s>>> SoftKeywords<'s, I> {
    pub fn new(inner: I) -> Self {
        SoftKeywords {
            inner,
            ready: Default::default(),
            at_line_start: true,
            depth: 0,
            match_blocks: Vec::new(),
            pending_match: false,
        }
    }

    /// Buffers the rest of the logical line after a leading `match`/`case` and decides.
    fn classify(&mut self, first: (usize, Token<'s>, usize)) {
        let (l, tok, r) = first;
        let mut line: Vec<Spanned<'s>> = Vec::new();
        for t in self.inner.by_ref() {
            let end = matches!(&t, Ok((_, Token::Newline, _)) | Err(_));
            line.push(t);
            if end {
                break;
            }
        }
        let toks: Vec<&Token<'s>> = line
            .iter()
            .filter_map(|t| t.as_ref().ok())
            .map(|t| &t.1)
            .collect();
        let second = toks.first();
        let ends_with_colon = toks.len() >= 2
            && matches!(toks[toks.len() - 1], Token::Newline)
            && matches!(toks[toks.len() - 2], Token::Colon);
        let not_a_statement_about_the_name = !matches!(
            second,
            None | Some(
                Token::Colon
                    | Token::Equal
                    | Token::Dot
                    | Token::Comma
                    | Token::Newline
                    | Token::Semi
                    | Token::RPar
                    | Token::RSqb
            )
        );
        let keyword = match tok {
            Token::Name("match") if ends_with_colon && not_a_statement_about_the_name => {
                Token::Match
            }
            Token::Name("case")
                if self.match_blocks.last() == Some(&self.depth)
                    && (ends_with_colon || one_line_case(&toks))
                    && not_a_statement_about_the_name =>
            {
                Token::Case
            }
            other => other,
        };
        self.ready.push_back(Ok((l, keyword, r)));
        self.ready.extend(line);
    }
}

/// Whether the tokens after a leading `case` read as `case PATTERN: statement` on one line:
/// a colon outside brackets with a statement after it, and no `=` or `lambda` before it
/// outside brackets (those make `case` a variable: `case[0] = lambda: 1`).
fn one_line_case(toks: &[&Token<'_>]) -> bool {
    let mut depth = 0usize;
    for (i, t) in toks.iter().enumerate() {
        match t {
            Token::LPar | Token::LSqb | Token::LBrace => depth += 1,
            Token::RPar | Token::RSqb | Token::RBrace => depth = depth.saturating_sub(1),
            Token::Equal | Token::Lambda if depth == 0 => return false,
            Token::Colon if depth == 0 => {
                return !matches!(toks.get(i + 1), None | Some(Token::Newline));
            }
            _ => {}
        }
    }
    false
}

impl<'s, I: Iterator<Item = Spanned<'s>>> Iterator for SoftKeywords<'s, I> {
    type Item = Spanned<'s>;
    fn next(&mut self) -> Option<Spanned<'s>> {
        if self.ready.is_empty() {
            let t = self.inner.next()?;
            match t {
                Ok((l, Token::Name(n @ ("match" | "case")), r)) if self.at_line_start => {
                    self.classify((l, Token::Name(n), r));
                }
                other => self.ready.push_back(other),
            }
        }
        let t = self.ready.pop_front()?;
        match &t {
            Ok((_, Token::Indent, _)) => {
                self.depth += 1;
                if std::mem::take(&mut self.pending_match) {
                    self.match_blocks.push(self.depth);
                }
            }
            Ok((_, Token::Dedent, _)) => {
                self.depth = self.depth.saturating_sub(1);
                let depth = self.depth;
                self.match_blocks.retain(|&d| d <= depth);
                self.pending_match = false;
            }
            Ok((_, Token::Match, _)) => self.pending_match = true,
            Ok((_, Token::Newline, _)) => {}
            _ if self.at_line_start => self.pending_match = false,
            _ => {}
        }
        self.at_line_start = matches!(
            &t,
            Ok((
                _,
                Token::Newline | Token::Indent | Token::Dedent | Token::StartModule,
                _
            ))
        );
        Some(t)
    }
}

pub fn pattern(kind: PatternKind, l: usize, r: usize) -> Pattern {
    Pattern {
        kind,
        span: Span::new(l, r),
    }
}

/// `Cls(p1, k=p2)` as a pattern.
pub fn class_pattern(
    cls: Expr,
    items: Vec<(Option<String>, Pattern)>,
    l: usize,
    r: usize,
) -> Pattern {
    let mut args = Vec::new();
    let mut kwargs = Vec::new();
    for (k, p) in items {
        match k {
            Some(k) => kwargs.push((k, p)),
            None => args.push(p),
        }
    }
    pattern(PatternKind::Class { cls, args, kwargs }, l, r)
}

/// `{k: p, **rest}` as a pattern.
pub fn mapping_pattern(items: Vec<(Option<Expr>, Pattern)>, l: usize, r: usize) -> Pattern {
    let mut keys = Vec::new();
    let mut patterns = Vec::new();
    let mut rest = None;
    for (k, p) in items {
        match (k, p.kind) {
            (Some(k), kind) => {
                keys.push(k);
                patterns.push(Pattern { kind, span: p.span });
            }
            (None, PatternKind::Capture(n)) => rest = n,
            (None, _) => {}
        }
    }
    pattern(
        PatternKind::Mapping {
            keys,
            patterns,
            rest,
        },
        l,
        r,
    )
}

/// Parses one expression written at byte offset `base` of `file` (f-string fields).
fn parse_expression_at(file: &str, text: &str, base: usize) -> Result<Expr, LexicalError> {
    let parser = grammar::TopParser::new();
    match parser.parse(file, Lexer::expression(text, base)) {
        Ok(Top::Expr(e)) => Ok(e),
        Ok(Top::Module(_)) => Err(error("invalid syntax", base, base)),
        Err(e) => {
            let se = convert_error(e, file);
            Err(LexicalError {
                msg: se.msg,
                span: se.span,
                kind: Some(se.kind),
                text: se.shown,
            })
        }
    }
}

/// Parses a standalone expression (e.g. `eval`-style input).
pub fn parse_expression(src: &SourceFile) -> Result<Expr, SyntaxError> {
    parse_expression_at(&src.text, &src.text, 0).map_err(LexicalError::into_syntax_error)
}

/// True when `text` is an unfinished block or bracket, so a REPL should ask for more lines.
pub fn is_incomplete(text: &str) -> bool {
    let src = SourceFile::new("<stdin>", text);
    match parse_module(&src) {
        Ok(_) => false,
        Err(e) => {
            e.msg.contains("was never closed")
                || e.msg.starts_with("unterminated triple-quoted")
                || (e.msg.starts_with("expected an indented block") && e.span.start >= text.len())
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Errors

pub fn error(msg: impl Into<String>, start: usize, end: usize) -> LexicalError {
    LexicalError {
        msg: msg.into(),
        span: Span::new(start, end),
        kind: None,
        text: None,
    }
}

fn convert_error(e: PError<'_>, text: &str) -> SyntaxError {
    match e {
        ParseError::User { error } => error.into_syntax_error(),
        ParseError::InvalidToken { location } => {
            SyntaxError::new("invalid syntax", Span::new(location, location + 1))
        }
        ParseError::UnrecognizedEof { location, expected } => {
            if expected.iter().any(|t| t == "INDENT") {
                indented_block_error(text, location)
            } else if expected.iter().any(|t| t == "\"finally\"")
                && expected.iter().any(|t| t == "\"except\"")
            {
                // A `try` body that ends the file: CPython places it at the end of the
                // text, before a final newline, and shows no caret.
                let end = text.len() - usize::from(text.ends_with('\n'));
                SyntaxError::new(
                    "expected 'except' or 'finally' block",
                    Span::new(end, usize::MAX),
                )
            } else {
                SyntaxError::new(
                    "unexpected EOF while parsing",
                    Span::new(location, location),
                )
            }
        }
        ParseError::ExtraToken {
            token: (l, _, r), ..
        } => SyntaxError::new("invalid syntax", Span::new(l, r)),
        ParseError::UnrecognizedToken {
            token: (l, tok, r),
            expected,
        } => {
            if tok == Token::Indent {
                return SyntaxError::indentation("unexpected indent", Span::new(r, r));
            }
            if expected.iter().any(|t| t == "INDENT") {
                return indented_block_error(text, l);
            }
            if expected.iter().any(|t| t == "\"finally\"")
                && expected.iter().any(|t| t == "\"except\"")
            {
                // The dedent that ends a nested `try` body at the end of the file is placed
                // as the end of the file is (above).
                let rest_is_blank = text.get(l..).is_some_and(|rest| {
                    rest.lines()
                        .all(|line| line.trim().is_empty() || line.trim().starts_with('#'))
                });
                if tok == Token::Dedent && rest_is_blank {
                    let end = text.len() - usize::from(text.ends_with('\n'));
                    return SyntaxError::new(
                        "expected 'except' or 'finally' block",
                        Span::new(end, usize::MAX),
                    );
                }
                return SyntaxError::new("expected 'except' or 'finally' block", Span::new(l, r));
            }
            if tok == Token::Newline && expected.iter().any(|t| t == "\":\"") {
                return SyntaxError::new("expected ':'", Span::new(l, l + 1));
            }
            SyntaxError::new("invalid syntax", Span::new(l, r))
        }
    }
}

/// `expected an indented block after 'if' statement on line 3`: names the header above `pos`.
fn indented_block_error(text: &str, pos: usize) -> SyntaxError {
    let pos = pos.min(text.len());
    let upto = &text[..pos];
    let header_line = upto.trim_end().matches('\n').count() + 1;
    let mut what = String::from("statement");
    let lines: Vec<&str> = text.lines().collect();
    let mut line_no = header_line;
    for n in (1..=header_line.min(lines.len())).rev() {
        let t = lines[n - 1].trim_start();
        let word: String = t
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        let word = if word == "async" {
            t[5..]
                .trim_start()
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .collect()
        } else {
            word
        };
        let found = match word.as_str() {
            "def" => Some("function definition".to_string()),
            "class" => Some("class definition".to_string()),
            "if" | "elif" | "else" | "for" | "while" | "try" | "except" | "finally" | "with" => {
                Some(format!("'{word}' statement"))
            }
            _ => None,
        };
        if let Some(f) = found {
            what = f;
            line_no = n;
            break;
        }
    }
    let msg = format!("expected an indented block after {what} on line {line_no}");
    if pos >= text.trim_end().len() {
        // At the end of the file CPython shows the header line without a caret.
        let start = text.lines().take(line_no - 1).map(|l| l.len() + 1).sum();
        return SyntaxError::indentation(msg, Span::new(start, usize::MAX));
    }
    SyntaxError::indentation(msg, Span::new(pos, pos + 1))
}

/// Renders a compile-time error in CPython 3.11's layout:
///
/// ```text
///   File "t.py", line 1
///     x = (1 +
///         ^
/// SyntaxError: '(' was never closed
/// ```
pub fn render_syntax_error(err: &SyntaxError, src: &SourceFile) -> String {
    match &err.shown {
        Some(shown) => {
            let own = SourceFile::new(src.name.clone(), shown.text.clone());
            render_in(err, &own, shown.first_line.saturating_sub(1))
        }
        None => render_in(err, src, 0),
    }
}

/// Renders against `src`, numbering its lines from `1 + line_offset`.
fn render_in(err: &SyntaxError, src: &SourceFile, line_offset: u32) -> String {
    let start = err.span.start.min(src.text.len());
    let (line, col) = src.line_col(start);
    let mut out = format!("  File \"{}\", line {}\n", src.name, line + line_offset);
    let text = src.line_text(line);
    let stripped = text.trim_start();
    let indent = text.chars().count() - stripped.chars().count();
    if err.compile_stage && src.name.starts_with('<') {
        out.push_str(&format!("{}: {}\n", err.kind.name(), err.msg));
        return out;
    }
    let no_caret = err.span.end == usize::MAX
        || (err.kind == SyntaxErrorKind::IndentationError && err.msg == "unexpected indent");
    if !stripped.is_empty() || line <= src.line_count() {
        out.push_str("    ");
        // CPython strips the indentation only: trailing blanks stay, and carets after them.
        out.push_str(stripped);
        out.push('\n');
        if !no_caret {
            let line_chars = text.chars().count() as u32;
            let end = err.span.end.min(src.text.len());
            let (end_line, end_col) = src.line_col(end.max(start));
            let end_col = if end_line != line {
                line_chars.max(col + 1)
            } else {
                end_col.max(col + 1)
            };
            let carets = (end_col - col).max(1) as usize;
            let pad = (col as usize).saturating_sub(indent);
            out.push_str(&format!("    {}{}\n", " ".repeat(pad), "^".repeat(carets)));
        }
    }
    out.push_str(&format!("{}: {}\n", err.kind.name(), err.msg));
    out
}

// ---------------------------------------------------------------------------------------------
// Helpers called by the grammar's actions

pub fn none_expr() -> Expr {
    constant(Constant::None, 0, 0)
}

pub fn constant(c: Constant, l: usize, r: usize) -> Expr {
    Expr {
        kind: ExprKind::Constant(c),
        span: Span::new(l, r),
    }
}

pub fn tuple(items: Vec<Expr>, l: usize, r: usize) -> Expr {
    Expr {
        kind: ExprKind::Tuple(items),
        span: Span::new(l, r),
    }
}

pub fn parenthesized(e: Expr) -> Expr {
    e
}

pub fn binop(a: Expr, op: BinOp, b: Expr, l: usize, r: usize) -> Expr {
    Expr {
        kind: ExprKind::BinOp {
            left: Box::new(a),
            op,
            right: Box::new(b),
        },
        span: Span::new(l, r),
    }
}

pub fn boolop(op: BoolOp, first: Expr, rest: Vec<Expr>, l: usize, r: usize) -> Expr {
    let mut values = vec![first];
    values.extend(rest);
    Expr {
        kind: ExprKind::BoolOp { op, values },
        span: Span::new(l, r),
    }
}

/// `del a, b` deletes each; `del (a, b)` too.
pub fn del_targets(t: Expr) -> Vec<Expr> {
    match t.kind {
        ExprKind::Tuple(items) => items,
        _ => vec![t],
    }
}

pub fn ann_assign(target: Expr, annotation: Expr, value: Option<Expr>) -> StmtKind {
    let simple = matches!(target.kind, ExprKind::Name(_));
    StmtKind::AnnAssign {
        target,
        annotation,
        value,
        simple,
    }
}

pub fn make_async(mut s: Stmt, l: usize) -> Stmt {
    match &mut s.kind {
        StmtKind::FunctionDef(f) => f.is_async = true,
        StmtKind::For { is_async, .. } | StmtKind::With { is_async, .. } => *is_async = true,
        _ => {}
    }
    s.span.start = l;
    s
}

pub fn make_if(
    l: usize,
    r: usize,
    test: Expr,
    body: Vec<Stmt>,
    elifs: Vec<(usize, Expr, Vec<Stmt>)>,
    orelse: Option<Vec<Stmt>>,
) -> Stmt {
    // Build the elif chain from the innermost out: each `elif` is an `If` in its parent's orelse.
    let mut tail = orelse.unwrap_or_default();
    for (el, t, b) in elifs.into_iter().rev() {
        let end = tail
            .last()
            .map_or(b.last().map_or(el, |s| s.span.end), |s| s.span.end);
        tail = vec![Stmt {
            kind: StmtKind::If {
                test: t,
                body: b,
                orelse: tail,
            },
            span: Span::new(el, end),
        }];
    }
    Stmt {
        kind: StmtKind::If {
            test,
            body,
            orelse: tail,
        },
        span: Span::new(l, r),
    }
}

pub fn decorate(decorators: Vec<Expr>, mut s: Stmt) -> Stmt {
    if let Some(d) = decorators.first() {
        s.span.start = d.span.start.saturating_sub(1);
    }
    match &mut s.kind {
        StmtKind::FunctionDef(f) => f.decorators = decorators,
        StmtKind::ClassDef(c) => c.decorators = decorators,
        _ => {}
    }
    s
}

/// Sorts a written parameter list into [`Params`], with CPython's errors.
pub fn build_params(items: Vec<ParamItem>) -> Result<Params, LexicalError> {
    let mut p = Params::default();
    let mut seen_star = false;
    let mut seen_default = false;
    let mut names: Vec<String> = Vec::new();
    let n = items.len();
    let before_kwarg: Vec<bool> = items
        .iter()
        .map(|it| matches!(it, ParamItem::DoubleStar(_)))
        .skip(1)
        .collect();
    // CPython marks the repeated name alone.
    let duplicate = |names: &[String], param: &Param| -> Result<(), LexicalError> {
        if names.contains(&param.name) {
            return Err(error(
                format!("duplicate argument '{}' in function definition", param.name),
                param.span.start,
                param.span.start + param.name.len(),
            ));
        }
        Ok(())
    };
    for (i, item) in items.into_iter().enumerate() {
        if p.kwarg.is_some() {
            // CPython marks the parameter's name, or the `*` / `/` itself.
            let span = match &item {
                ParamItem::Plain(p, _) | ParamItem::DoubleStar(p) => {
                    Span::new(p.span.start, p.span.start + p.name.len())
                }
                ParamItem::Star(_, s) | ParamItem::Slash(s) => Span::new(s.start, s.start + 1),
            };
            return Err(error(
                "arguments cannot follow var-keyword argument",
                span.start,
                span.end,
            ));
        }
        match item {
            ParamItem::Plain(param, default) => {
                duplicate(&names, &param)?;
                names.push(param.name.clone());
                if seen_star {
                    p.kw_defaults.push(default);
                    p.kwonly.push(param);
                } else {
                    match default {
                        Some(d) => {
                            seen_default = true;
                            p.defaults.push(d);
                        }
                        None if seen_default => {
                            return Err(error(
                                "non-default argument follows default argument",
                                param.span.start,
                                param.span.end,
                            ));
                        }
                        None => {}
                    }
                    p.args.push(param);
                }
            }
            ParamItem::Star(param, span) => {
                if seen_star {
                    return Err(error(
                        "* argument may appear only once",
                        span.start,
                        span.end,
                    ));
                }
                seen_star = true;
                // A bare `*` needs a keyword-only parameter after it, not just `**kw`.
                if param.is_none() && (i + 1 == n || before_kwarg.get(i) == Some(&true)) {
                    return Err(error(
                        "named arguments must follow bare *",
                        span.start,
                        span.end,
                    ));
                }
                if let Some(param) = &param {
                    duplicate(&names, param)?;
                    names.push(param.name.clone());
                }
                p.vararg = param;
            }
            ParamItem::DoubleStar(param) => {
                duplicate(&names, &param)?;
                names.push(param.name.clone());
                p.kwarg = Some(param);
            }
            ParamItem::Slash(span) => {
                if seen_star || !p.posonly.is_empty() || p.args.is_empty() {
                    return Err(error("invalid syntax", span.start, span.end));
                }
                p.posonly = std::mem::take(&mut p.args);
            }
        }
    }
    Ok(p)
}

/// CPython's name for what an expression is, in "cannot assign to ..." messages
/// (`_PyPegen_get_expr_name`).
pub fn expr_name(e: &Expr) -> &'static str {
    match &e.kind {
        ExprKind::Call { .. } => "function call",
        ExprKind::Constant(Constant::None) => "None",
        ExprKind::Constant(Constant::Bool(true)) => "True",
        ExprKind::Constant(Constant::Bool(false)) => "False",
        ExprKind::Constant(Constant::Ellipsis) => "ellipsis",
        ExprKind::Constant(_) => "literal",
        ExprKind::Name(_) => "name",
        ExprKind::Attribute { .. } => "attribute",
        ExprKind::Subscript { .. } => "subscript",
        ExprKind::Starred(_) => "starred",
        ExprKind::List(_) => "list",
        ExprKind::Tuple(_) => "tuple",
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

/// The targets of `a = b = value`: the first part that cannot be assigned to fails the
/// parse, so that `diagnose` can look at the line as CPython's `invalid_assignment` does.
pub fn check_targets(targets: &[Expr]) -> Result<(), LexicalError> {
    fn invalid(e: &Expr) -> Option<&Expr> {
        match &e.kind {
            ExprKind::Name(_) | ExprKind::Attribute { .. } | ExprKind::Subscript { .. } => None,
            ExprKind::Starred(inner) => invalid(inner),
            ExprKind::Tuple(items) | ExprKind::List(items) => items.iter().find_map(invalid),
            _ => Some(e),
        }
    }
    match targets.iter().find_map(invalid) {
        Some(bad) => Err(error(
            format!("cannot assign to {}", expr_name(bad)),
            bad.span.start,
            bad.span.end,
        )),
        None => Ok(()),
    }
}

/// Builds a call, checking the order of positional, `*`, keyword and `**` arguments.
pub fn call(func: Expr, args: Vec<Arg>, l: usize, r: usize) -> Result<Expr, LexicalError> {
    let mut pos = Vec::new();
    let mut keywords: Vec<Keyword> = Vec::new();
    let mut seen_dstar = false;
    for a in args {
        match a {
            Arg::Pos(e) => {
                let starred = matches!(e.kind, ExprKind::Starred(_));
                if seen_dstar {
                    let msg = if starred {
                        "iterable argument unpacking follows keyword argument unpacking"
                    } else {
                        "positional argument follows keyword argument unpacking"
                    };
                    // CPython's `invalid_arguments` marks the `*` of `*a`, but raises the
                    // other at the last token it read: `)`.
                    let (from, to) = if starred {
                        (e.span.start, e.span.start + 1)
                    } else {
                        (r.saturating_sub(1), r)
                    };
                    return Err(error(msg, from, to));
                }
                if !keywords.is_empty() && !starred {
                    return Err(error(
                        "positional argument follows keyword argument",
                        r.saturating_sub(1),
                        r,
                    ));
                }
                pos.push(e);
            }
            Arg::Kw(name, value, span) => {
                if name.is_none() {
                    seen_dstar = true;
                } else if keywords.iter().any(|k| k.arg == name) {
                    return Err(error(
                        format!(
                            "keyword argument repeated: {}",
                            name.as_deref().unwrap_or_default()
                        ),
                        span.start,
                        span.end,
                    ));
                }
                keywords.push(Keyword {
                    arg: name,
                    value,
                    span,
                });
            }
        }
    }
    Ok(Expr {
        kind: ExprKind::Call {
            func: Box::new(func),
            args: pos,
            keywords,
        },
        span: Span::new(l, r),
    })
}

/// Class bases and keywords (`class A(B, metaclass=M)`).
pub fn split_args(args: Vec<Arg>) -> (Vec<Expr>, Vec<Keyword>) {
    let mut bases = Vec::new();
    let mut kws = Vec::new();
    for a in args {
        match a {
            Arg::Pos(e) => bases.push(e),
            Arg::Kw(arg, value, span) => kws.push(Keyword { arg, value, span }),
        }
    }
    (bases, kws)
}

pub fn int_literal(text: &str, l: usize, r: usize) -> Result<Expr, LexicalError> {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let lower = clean.to_ascii_lowercase();
    let (digits, radix) = if let Some(d) = lower.strip_prefix("0x") {
        (d, 16)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (d, 8)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (d, 2)
    } else {
        if lower.len() > 1 && lower.starts_with('0') && lower.chars().any(|c| c != '0') {
            return Err(error(
                "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers",
                l,
                l + 1,
            ));
        }
        (lower.as_str(), 10)
    };
    let v = BigInt::from_str_radix(digits, radix).map_err(|_| error("invalid syntax", l, r))?;
    Ok(constant(Constant::Int(v), l, r))
}

pub fn float_literal(text: &str, l: usize, r: usize) -> Result<Expr, LexicalError> {
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    let v: f64 = clean.parse().map_err(|_| error("invalid syntax", l, r))?;
    Ok(constant(Constant::Float(v), l, r))
}

/// An imaginary literal (`2j`, `1.5J`, `1e3j`): the float before the `j`.
pub fn imag_literal(text: &str, l: usize, r: usize) -> Result<Expr, LexicalError> {
    let clean: String = text
        .chars()
        .filter(|&c| c != '_' && c != 'j' && c != 'J')
        .collect();
    let v: f64 = clean.parse().map_err(|_| error("invalid syntax", l, r))?;
    Ok(constant(Constant::Imag(v), l, r))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> Result<Module, SyntaxError> {
        parse_module(&SourceFile::new("t.py", s))
    }

    fn err(s: &str) -> String {
        let src = SourceFile::new("t.py", s);
        render_syntax_error(&parse(s).expect_err("should fail"), &src)
    }

    #[test]
    fn parses_the_seed_programs() {
        for src in [
            "def count(n):\n    while n > 0:\n        n -= 1\n",
            "result = 1\nbase = 2\ndef f():\n    global result; result *= base\nt1.start(); t2.start()\n",
            "power: int = 10\ndef f(t: Callable[[], None]) -> float:\n    return 1.0\n",
            "x = [i*i for i in range(10) if i % 2]\ny = sum(i for i in x)\nz = {k: v for k, v in d.items()}\n",
            "class A(B):\n    def __init__(self, *a, k=1, **kw):\n        super().__init__()\n",
            "try:\n    pass\nexcept E as e:\n    raise X from e\nelse:\n    pass\nfinally:\n    pass\n",
            "with open(f) as g, h:\n    a, *b = b, a\nlambda x, y=2: x + y\n",
            "print(f\"{t:.4f} {n:,} {x!r} {v:>8} {w:{width}} {a=}\")\n",
            "@dec(1)\n@other\nclass C: pass\nx = a if b else c\n",
            "if a:\n    pass\nelif b:\n    pass\nelse:\n    pass\n",
            "x = a[1:2, ::3]\ndel x[0], y.z\nfrom m import (a as b, c,)\nimport a.b as c\n",
        ] {
            if let Err(e) = parse(src) {
                panic!("{src:?}: {e:?}");
            }
        }
    }

    #[test]
    fn fstring_parts() {
        let m = parse("f'a{b!r:>{w}}c{{d}}'\n").unwrap();
        let StmtKind::Expr(e) = &m.body[0].kind else {
            panic!()
        };
        let ExprKind::JoinedStr(parts) = &e.kind else {
            panic!("{e:?}")
        };
        assert_eq!(parts.len(), 3);
        assert_eq!(parts[2], FStringPart::Literal("c{d}".into()));
    }

    #[test]
    fn errors_match_cpython() {
        assert_eq!(
            err("x = (1 +\n  2\n"),
            "  File \"t.py\", line 1\n    x = (1 +\n        ^\nSyntaxError: '(' was never closed\n"
        );
        assert_eq!(
            err("x = = 1\n"),
            "  File \"t.py\", line 1\n    x = = 1\n        ^\nSyntaxError: invalid syntax\n"
        );
        assert_eq!(
            err("if x\n  pass\n"),
            "  File \"t.py\", line 1\n    if x\n        ^\nSyntaxError: expected ':'\n"
        );
        assert_eq!(
            err("def f():\nreturn 1\n"),
            "  File \"t.py\", line 2\n    return 1\n    ^\nIndentationError: expected an indented block after function definition on line 1\n"
        );
        assert_eq!(
            err("x = 1\n  y = 2\n"),
            "  File \"t.py\", line 2\n    y = 2\nIndentationError: unexpected indent\n"
        );
        assert_eq!(
            err("if x:\n"),
            "  File \"t.py\", line 1\n    if x:\nIndentationError: expected an indented block after 'if' statement on line 1\n"
        );
        assert_eq!(
            err("a = def\n"),
            "  File \"t.py\", line 1\n    a = def\n        ^^^\nSyntaxError: invalid syntax\n"
        );
        assert_eq!(
            err("x = [1, 2 3]\n"),
            "  File \"t.py\", line 1\n    x = [1, 2 3]\n            ^^^\nSyntaxError: invalid syntax. Perhaps you forgot a comma?\n"
        );
        assert_eq!(
            err("print 'a'\n"),
            "  File \"t.py\", line 1\n    print 'a'\n    ^^^^^^^^^\nSyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?\n"
        );
        assert_eq!(
            err("x = 1\ny = '''abc\nfoo\n"),
            "  File \"t.py\", line 2\n    y = '''abc\n        ^\nSyntaxError: unterminated triple-quoted string literal (detected at line 3)\n"
        );
        assert_eq!(
            err("def f(a=1, b): pass\n"),
            "  File \"t.py\", line 1\n    def f(a=1, b): pass\n               ^\nSyntaxError: non-default argument follows default argument\n"
        );
    }
}
