//! Tokens to tree: drives the lalrpop parser generated from `grammar/python.lalrpop`, holds the
//! helpers its actions call (literals, strings and f-strings, parameter lists, call
//! arguments), and turns parse failures into CPython 3.11's `SyntaxError` messages and layout.

use lalrpop_util::ParseError;
use num_bigint::BigInt;
use num_traits::Num;

use crate::ast::*;
use crate::lexer::{Lexer, LexicalError, Spanned, Token};
use crate::source::{SourceFile, SyntaxError, SyntaxErrorKind};

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
        Err(e) => Err(convert_error(e, &src.text)),
    }
}

/// Turns the soft keywords `match` and `case` into keywords where they begin a statement —
/// a logical line that starts with the name, ends with a colon, and is not an assignment
/// or annotation of a variable so named (`match = 1`, `match: int`, `match.x = 2`) — and
/// leaves them names everywhere else, as CPython's parser does by backtracking.
pub struct SoftKeywords<'s, I: Iterator<Item = Spanned<'s>>> {
    inner: I,
    ready: std::collections::VecDeque<Spanned<'s>>,
    at_line_start: bool,
}

impl<'s, I: Iterator<Item = Spanned<'s>>> SoftKeywords<'s, I> {
    pub fn new(inner: I) -> Self {
        SoftKeywords {
            inner,
            ready: Default::default(),
            at_line_start: true,
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
                if (ends_with_colon || one_line_case(&toks)) && not_a_statement_about_the_name =>
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
            if tok == Token::Newline && expected.iter().any(|t| t == "\":\"") {
                return SyntaxError::new("expected ':'", Span::new(l, l + 1));
            }
            let line_start = text[..l.min(text.len())].rfind('\n').map_or(0, |i| i + 1);
            let before = &text[line_start..l.min(text.len())];
            let is_operand = matches!(
                tok,
                Token::Name(_) | Token::Int(_) | Token::Float(_) | Token::Str(_)
            );
            if is_operand && before.trim() == "print" {
                let end = text[l..].find('\n').map_or(text.len(), |i| l + i);
                let start = line_start + (before.len() - before.trim_start().len());
                return SyntaxError::new(
                    "Missing parentheses in call to 'print'. Did you mean print(...)?",
                    Span::new(start, end),
                );
            }
            if is_operand && open_brackets(before) > 0 {
                let prev = before.trim_end();
                if prev
                    .chars()
                    .last()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '"' || c == '\'')
                {
                    let word = prev
                        .char_indices()
                        .rev()
                        .take_while(|(_, c)| c.is_alphanumeric() || *c == '_' || *c == '.')
                        .last()
                        .map_or(prev.len(), |(i, _)| i);
                    return SyntaxError::new(
                        "invalid syntax. Perhaps you forgot a comma?",
                        Span::new(line_start + word, r),
                    );
                }
            }
            SyntaxError::new("invalid syntax", Span::new(l, r))
        }
    }
}

/// Brackets opened and not closed in a line prefix (strings ignored roughly).
fn open_brackets(s: &str) -> i32 {
    let mut depth = 0;
    let mut quote: Option<char> = None;
    for c in s.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None => match c {
                '(' | '[' | '{' => depth += 1,
                ')' | ']' | '}' => depth -= 1,
                '"' | '\'' => quote = Some(c),
                _ => {}
            },
        }
    }
    depth
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
    let start = err.span.start.min(src.text.len());
    let (line, col) = src.line_col(start);
    let mut out = format!("  File \"{}\", line {}\n", src.name, line);
    let text = src.line_text(line);
    let stripped = text.trim_start();
    let indent = text.chars().count() - stripped.chars().count();
    let no_caret = err.span.end == usize::MAX
        || (err.kind == SyntaxErrorKind::IndentationError && err.msg == "unexpected indent");
    if !stripped.is_empty() || line <= src.line_count() {
        out.push_str("    ");
        out.push_str(stripped.trim_end());
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
    for (i, item) in items.into_iter().enumerate() {
        if p.kwarg.is_some() {
            let span = match &item {
                ParamItem::Plain(p, _) | ParamItem::DoubleStar(p) => p.span,
                ParamItem::Star(_, s) | ParamItem::Slash(s) => *s,
            };
            return Err(error(
                "arguments cannot follow var-keyword argument",
                span.start,
                span.end,
            ));
        }
        match item {
            ParamItem::Plain(param, default) => {
                if names.contains(&param.name) {
                    return Err(error(
                        format!("duplicate argument '{}' in function definition", param.name),
                        param.span.start,
                        param.span.end,
                    ));
                }
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
                if param.is_none() && i + 1 == n {
                    return Err(error(
                        "named arguments must follow bare *",
                        span.start,
                        span.end,
                    ));
                }
                if let Some(param) = &param {
                    names.push(param.name.clone());
                }
                p.vararg = param;
            }
            ParamItem::DoubleStar(param) => {
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
                    return Err(error(msg, e.span.start, e.span.end));
                }
                if !keywords.is_empty() && !starred {
                    return Err(error(
                        "positional argument follows keyword argument",
                        e.span.start,
                        e.span.end,
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

// ---------------------------------------------------------------------------------------------
// Strings and f-strings

/// Adjacent string literals (`"a" f"{b}" 'c'`) become one constant or one f-string.
pub fn strings(
    file: &str,
    toks: Vec<(usize, &str)>,
    l: usize,
    r: usize,
) -> Result<Expr, LexicalError> {
    let mut parts: Vec<FStringPart> = Vec::new();
    let mut any_f = false;
    for (off, raw) in toks {
        let q = raw.find(['\'', '"']).unwrap_or(0);
        let prefix = raw[..q].to_ascii_lowercase();
        if prefix.contains('b') {
            return Err(error(
                "bytes literals are not supported by gilvm",
                off,
                off + raw.len(),
            ));
        }
        let quote_len = if raw[q..].starts_with("'''") || raw[q..].starts_with("\"\"\"") {
            3
        } else {
            1
        };
        let body_start = q + quote_len;
        let body_end = raw.len().saturating_sub(quote_len).max(body_start);
        let body = &raw[body_start..body_end];
        let is_raw = prefix.contains('r');
        if prefix.contains('f') {
            any_f = true;
            let fparts = parse_fstring(file, body, off + body_start, is_raw)?;
            for p in fparts {
                push_part(&mut parts, p);
            }
        } else {
            let s = if is_raw {
                body.to_string()
            } else {
                decode_escapes(body, off + body_start)?
            };
            push_part(&mut parts, FStringPart::Literal(s));
        }
    }
    if !any_f {
        let s = match parts.pop() {
            Some(FStringPart::Literal(s)) => s,
            _ => String::new(),
        };
        return Ok(constant(Constant::Str(s), l, r));
    }
    Ok(Expr {
        kind: ExprKind::JoinedStr(parts),
        span: Span::new(l, r),
    })
}

fn push_part(parts: &mut Vec<FStringPart>, p: FStringPart) {
    if let FStringPart::Literal(s) = &p {
        if let Some(FStringPart::Literal(prev)) = parts.last_mut() {
            prev.push_str(s);
            return;
        }
        if parts.is_empty() && s.is_empty() {
            parts.push(p);
            return;
        }
        if s.is_empty() {
            return;
        }
    }
    parts.push(p);
}

/// Decodes backslash escapes of a non-raw literal.
fn decode_escapes(body: &str, off: usize) -> Result<String, LexicalError> {
    if !body.contains('\\') {
        return Ok(body.to_string());
    }
    let mut out = String::with_capacity(body.len());
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let Some((_, e)) = chars.next() else {
            out.push('\\');
            break;
        };
        match e {
            '\n' => {}
            '\r' => {
                if chars.peek().is_some_and(|&(_, c)| c == '\n') {
                    chars.next();
                }
            }
            '\\' => out.push('\\'),
            '\'' => out.push('\''),
            '"' => out.push('"'),
            'a' => out.push('\x07'),
            'b' => out.push('\x08'),
            'f' => out.push('\x0c'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'v' => out.push('\x0b'),
            '0'..='7' => {
                let mut v = e.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek() {
                        Some(&(_, d)) if d.is_digit(8) => {
                            v = v * 8 + d.to_digit(8).unwrap_or(0);
                            chars.next();
                        }
                        _ => break,
                    }
                }
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
            }
            'x' | 'u' | 'U' => {
                let n = match e {
                    'x' => 2,
                    'u' => 4,
                    _ => 8,
                };
                let mut v = 0u32;
                for k in 0..n {
                    match chars.peek() {
                        Some(&(_, d)) if d.is_ascii_hexdigit() => {
                            v = v * 16 + d.to_digit(16).unwrap_or(0);
                            chars.next();
                        }
                        _ => {
                            let kind = match e {
                                'x' => "truncated \\xXX escape",
                                'u' => "truncated \\uXXXX escape",
                                _ => "truncated \\UXXXXXXXX escape",
                            };
                            let _ = k;
                            return Err(error(
                                format!(
                                    "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: {kind}",
                                    i,
                                    i + 1
                                ),
                                off,
                                off + body.len(),
                            ));
                        }
                    }
                }
                match char::from_u32(v) {
                    Some(c) => out.push(c),
                    None => {
                        return Err(error(
                            format!(
                                "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: illegal Unicode character",
                                i,
                                i + n + 1
                            ),
                            off,
                            off + body.len(),
                        ));
                    }
                }
            }
            'N' => {
                // \N{NAME}: only a few common names are known.
                let rest = &body[i + 2..];
                let close = rest.find('}');
                let name = close.and_then(|c| rest.get(1..c)).unwrap_or("");
                let ch = match name.to_ascii_uppercase().as_str() {
                    "BULLET" => Some('\u{2022}'),
                    "EM DASH" => Some('\u{2014}'),
                    "GREEK SMALL LETTER ALPHA" => Some('\u{3b1}'),
                    "SNOWMAN" => Some('\u{2603}'),
                    "DEGREE SIGN" => Some('\u{b0}'),
                    _ => None,
                };
                match (ch, close) {
                    (Some(c), Some(cl)) => {
                        out.push(c);
                        for _ in 0..=cl {
                            chars.next();
                        }
                    }
                    _ => {
                        return Err(error(
                            format!(
                                "(unicode error) 'unicodeescape' codec can't decode bytes in position {}-{}: unknown Unicode character name",
                                i,
                                i + 1
                            ),
                            off,
                            off + body.len(),
                        ));
                    }
                }
            }
            other => {
                out.push('\\');
                out.push(other);
            }
        }
    }
    Ok(out)
}

/// Splits an f-string body into literal parts and `{expression!conv:spec}` fields.
fn parse_fstring(
    file: &str,
    body: &str,
    off: usize,
    is_raw: bool,
) -> Result<Vec<FStringPart>, LexicalError> {
    let bytes = body.as_bytes();
    let mut parts = Vec::new();
    let mut lit = String::new();
    let mut lit_start = 0;
    let mut i = 0;
    let flush = |lit: &mut String, start: usize, parts: &mut Vec<FStringPart>| {
        if !lit.is_empty() {
            let s = if is_raw {
                std::mem::take(lit)
            } else {
                let d = decode_escapes(lit, off + start);
                lit.clear();
                d?
            };
            parts.push(FStringPart::Literal(s));
        }
        Ok::<(), LexicalError>(())
    };
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'{' && bytes.get(i + 1) == Some(&b'{') {
            lit.push('{');
            i += 2;
            continue;
        }
        if b == b'}' {
            if bytes.get(i + 1) == Some(&b'}') {
                lit.push('}');
                i += 2;
                continue;
            }
            return Err(error(
                "f-string: single '}' is not allowed",
                off + i,
                off + i + 1,
            ));
        }
        if b == b'{' {
            flush(&mut lit, lit_start, &mut parts)?;
            let (field, next) = parse_field(file, body, off, i)?;
            parts.extend(field);
            i = next;
            lit_start = i;
            continue;
        }
        if b == b'\\' && !is_raw && i + 1 < bytes.len() {
            // Keep the escape intact for decode_escapes (so `\{` is not a field).
            let c = body[i + 1..].chars().next().map_or(1, char::len_utf8);
            lit.push_str(&body[i..i + 1 + c]);
            i += 1 + c;
            continue;
        }
        let c = body[i..].chars().next().unwrap_or(' ');
        lit.push(c);
        i += c.len_utf8();
    }
    flush(&mut lit, lit_start, &mut parts)?;
    Ok(parts)
}

/// Parses the field starting at `body[open] == '{'`; returns its parts (a `x=` field adds a
/// literal) and the index after the closing `}`.
fn parse_field(
    file: &str,
    body: &str,
    off: usize,
    open: usize,
) -> Result<(Vec<FStringPart>, usize), LexicalError> {
    let bytes = body.as_bytes();
    let mut depth = 0i32;
    let mut i = open + 1;
    let mut quote: Option<u8> = None;
    let mut expr_end = None;
    let mut debug = false;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(q) = quote {
            if b == q {
                quote = None;
            }
            i += 1;
            continue;
        }
        match b {
            b'\'' | b'"' => quote = Some(b),
            b'(' | b'[' | b'{' => depth += 1,
            b')' | b']' => depth -= 1,
            b'}' if depth > 0 => depth -= 1,
            b'}' if depth == 0 => {
                expr_end = Some(i);
                break;
            }
            b'!' if depth == 0 && bytes.get(i + 1) != Some(&b'=') => {
                expr_end = Some(i);
                break;
            }
            b':' if depth == 0 => {
                expr_end = Some(i);
                break;
            }
            b'=' if depth == 0
                && bytes.get(i + 1) != Some(&b'=')
                && !matches!(
                    bytes.get(i.wrapping_sub(1)),
                    Some(b'=' | b'!' | b'<' | b'>')
                ) =>
            {
                debug = true;
                expr_end = Some(i);
                break;
            }
            _ => {}
        }
        i += 1;
    }
    let Some(end) = expr_end else {
        return Err(error(
            "f-string: expecting '}'",
            off + body.len(),
            off + body.len() + 1,
        ));
    };
    let expr_text = &body[open + 1..end];
    if expr_text.trim().is_empty() {
        return Err(error(
            "f-string: empty expression not allowed",
            off + end,
            off + end + 1,
        ));
    }
    let value = parse_expression_at(file, expr_text, off + open + 1)?;
    let mut out = Vec::new();
    let mut i = end;
    let mut conversion = None;
    if debug {
        out.push(FStringPart::Literal(body[open + 1..=end].to_string()));
        i += 1;
        // whitespace after '=' is part of the text
        while i < bytes.len() && bytes[i] == b' ' {
            if let Some(FStringPart::Literal(s)) = out.last_mut() {
                s.push(' ');
            }
            i += 1;
        }
    }
    if bytes.get(i) == Some(&b'!') {
        match bytes.get(i + 1) {
            Some(&c @ (b's' | b'r' | b'a')) => conversion = Some(c as char),
            _ => {
                return Err(error(
                    "f-string: invalid conversion character: expected 's', 'r', or 'a'",
                    off + i + 1,
                    off + i + 2,
                ));
            }
        }
        i += 2;
    }
    let mut format_spec = None;
    if bytes.get(i) == Some(&b':') {
        // The spec runs to the matching '}' and may hold nested fields.
        let spec_start = i + 1;
        let mut j = spec_start;
        let mut nest = 0;
        while j < bytes.len() {
            match bytes[j] {
                b'{' => nest += 1,
                b'}' if nest > 0 => nest -= 1,
                b'}' => break,
                _ => {}
            }
            j += 1;
        }
        if j >= bytes.len() {
            return Err(error(
                "f-string: expecting '}'",
                off + body.len(),
                off + body.len() + 1,
            ));
        }
        let spec_body = &body[spec_start..j];
        let spec_parts = parse_fstring(file, spec_body, off + spec_start, true)?;
        format_spec = Some(spec_parts);
        i = j;
    }
    if bytes.get(i) != Some(&b'}') {
        return Err(error(
            "f-string: expecting '}'",
            off + i.min(body.len()),
            off + i.min(body.len()) + 1,
        ));
    }
    if debug && conversion.is_none() && format_spec.is_none() {
        conversion = Some('r');
    }
    out.push(FStringPart::Expr {
        value: Box::new(value),
        conversion,
        format_spec,
    });
    Ok((out, i + 1))
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
        parse("def count(n):\n    while n > 0:\n        n -= 1\n").unwrap();
        parse("result = 1\nbase = 2\ndef f():\n    global result; result *= base\nt1.start(); t2.start()\n").unwrap();
        parse("power: int = 10\ndef f(t: Callable[[], None]) -> float:\n    return 1.0\n").unwrap();
        parse("x = [i*i for i in range(10) if i % 2]\ny = sum(i for i in x)\nz = {k: v for k, v in d.items()}\n").unwrap();
        parse("class A(B):\n    def __init__(self, *a, k=1, **kw):\n        super().__init__()\n")
            .unwrap();
        parse("try:\n    pass\nexcept E as e:\n    raise X from e\nelse:\n    pass\nfinally:\n    pass\n").unwrap();
        parse("with open(f) as g, h:\n    a, *b = b, a\nlambda x, y=2: x + y\n").unwrap();
        parse("print(f\"{t:.4f} {n:,} {x!r} {v:>8} {w:{width}} {a=}\")\n").unwrap();
        parse("@dec(1)\n@other\nclass C: pass\nx = a if b else c\n").unwrap();
        parse("if a:\n    pass\nelif b:\n    pass\nelse:\n    pass\n").unwrap();
        parse("x = a[1:2, ::3]\ndel x[0], y.z\nfrom m import (a as b, c,)\nimport a.b as c\n")
            .unwrap();
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
