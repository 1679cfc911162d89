//! Text to tokens: a logos scanner for the raw tokens, wrapped by [`Lexer`], which turns
//! indentation into `Indent`/`Dedent` tokens, ends logical lines with `Newline`, and ignores
//! line breaks inside `( [ {` — Python's tokenizer rules, fed to the lalrpop parser as
//! `(start, Token, end)` triples with byte offsets.
//!
//! Strings are scanned whole by a callback (prefix, quotes, escapes, triple quotes) and handed
//! to the parser as raw slices; `parser/mod.rs` decodes escapes and splits f-strings.

use logos::Logos;

use crate::ast::Span;
use crate::source::{Shown, SyntaxError, SyntaxErrorKind};

/// A lexical error: what the tokenizer could not make sense of.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LexicalError {
    pub msg: String,
    pub span: Span,
    pub kind: Option<SyntaxErrorKind>,
    /// See [`Shown`]: f-string fields' errors.
    pub text: Option<Box<Shown>>,
}

impl LexicalError {
    fn new(msg: impl Into<String>, start: usize, end: usize) -> LexicalError {
        LexicalError {
            msg: msg.into(),
            span: Span::new(start, end),
            kind: None,
            text: None,
        }
    }
    pub fn into_syntax_error(self) -> SyntaxError {
        SyntaxError {
            kind: self.kind.unwrap_or(SyntaxErrorKind::SyntaxError),
            msg: self.msg,
            span: self.span,
            shown: self.text,
            compile_stage: false,
        }
    }
}

/// Scans the rest of a string literal after its opening quote(s).
fn lex_string<'s>(lex: &mut logos::Lexer<'s, Token<'s>>) -> Result<(), LexicalError> {
    let slice = lex.slice();
    let quote = slice.as_bytes()[slice.len() - 1];
    let rest = lex.remainder().as_bytes();
    let triple = rest.len() >= 2 && rest[0] == quote && rest[1] == quote;
    let start = lex.span().start;
    let mut i = if triple { 2 } else { 0 };
    while i < rest.len() {
        let b = rest[i];
        if b == b'\\' {
            i += 2;
            continue;
        }
        if b == quote {
            if !triple {
                lex.bump(i + 1);
                return Ok(());
            }
            if rest.len() >= i + 3 && rest[i + 1] == quote && rest[i + 2] == quote {
                lex.bump(i + 3);
                return Ok(());
            }
        }
        if b == b'\n' && !triple {
            return Err(LexicalError::new(
                "unterminated string literal",
                start,
                start + 1,
            ));
        }
        i += 1;
    }
    if triple {
        Err(LexicalError::new(
            "unterminated triple-quoted string literal",
            start,
            start + 1,
        ))
    } else {
        Err(LexicalError::new(
            "unterminated string literal",
            start,
            start + 1,
        ))
    }
}

/// A name, or CPython's `invalid character` at the first character that cannot be in one
/// (`–` pasted for `-`, curly quotes). Letters and digits of any script approximate
/// Unicode's XID classes, which CPython uses.
fn name_token<'s>(lex: &mut logos::Lexer<'s, Token<'s>>) -> Result<&'s str, LexicalError> {
    let s = lex.slice();
    for (i, c) in s.char_indices() {
        if !c.is_ascii() && !c.is_alphanumeric() && !is_combining(c) {
            let at = lex.span().start + i;
            return Err(LexicalError::new(
                format!("invalid character '{c}' (U+{:04X})", c as u32),
                at,
                at + c.len_utf8(),
            ));
        }
    }
    Ok(s)
}

/// Combining marks and connector punctuation that identifiers may continue with.
fn is_combining(c: char) -> bool {
    matches!(c as u32, 0x300..=0x36F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F | 0x203F | 0x2040 | 0xFE33 | 0xFE34 | 0xFF3F | 0x200C | 0x200D)
}

fn string_token<'s>(lex: &mut logos::Lexer<'s, Token<'s>>) -> Result<&'s str, LexicalError> {
    lex_string(lex)?;
    Ok(lex.slice())
}

/// The raw tokens. `Newline`, `Indent` and `Dedent` as the parser sees them come from
/// [`Lexer`]; logos only reports physical line breaks (`RawNewline`).
#[derive(Logos, Debug, Clone, Copy, PartialEq)]
#[logos(error = LexicalError)]
#[logos(skip r"[ \t\x0c]+")]
#[logos(skip(r"#[^\r\n]*", allow_greedy = true))]
#[logos(skip r"\\\r?\n")]
pub enum Token<'s> {
    #[regex(r"\r?\n")]
    RawNewline,
    /// Synthesised: end of a logical line.
    Newline,
    Indent,
    Dedent,
    /// Synthesised first token: parse a whole file.
    StartModule,
    /// Synthesised first token: parse one expression (f-string fields).
    StartExpr,
    /// Synthesised from the soft keywords `match` and `case` where they start a statement
    /// (see `parser::SoftKeywords`).
    Match,
    Case,

    #[regex(
        r"[a-zA-Z_\u{80}-\u{10FFFF}][a-zA-Z0-9_\u{80}-\u{10FFFF}]*",
        name_token
    )]
    Name(&'s str),
    #[regex(r"[0-9](_?[0-9])*", |lex| lex.slice())]
    #[regex(r"0[xX](_?[0-9a-fA-F])+", |lex| lex.slice())]
    #[regex(r"0[oO](_?[0-7])+", |lex| lex.slice())]
    #[regex(r"0[bB](_?[01])+", |lex| lex.slice())]
    Int(&'s str),
    #[regex(r"[0-9](_?[0-9])*\.([0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?", |lex| lex.slice())]
    #[regex(r"\.[0-9](_?[0-9])*([eE][+-]?[0-9](_?[0-9])*)?", |lex| lex.slice())]
    #[regex(r"[0-9](_?[0-9])*[eE][+-]?[0-9](_?[0-9])*", |lex| lex.slice())]
    Float(&'s str),
    #[regex(r"[0-9](_?[0-9])*(\.([0-9](_?[0-9])*)?)?([eE][+-]?[0-9](_?[0-9])*)?[jJ]", |lex| lex.slice())]
    Imag(&'s str),
    /// A whole string literal with its prefix and quotes, undecoded.
    #[regex(r#"([rRuUfFbB]|[rR][bBfF]|[bBfF][rR])?["']"#, string_token)]
    Str(&'s str),

    #[token("False")]
    False,
    #[token("None")]
    None,
    #[token("True")]
    True,
    #[token("and")]
    And,
    #[token("as")]
    As,
    #[token("assert")]
    Assert,
    #[token("async")]
    Async,
    #[token("await")]
    Await,
    #[token("break")]
    Break,
    #[token("class")]
    Class,
    #[token("continue")]
    Continue,
    #[token("def")]
    Def,
    #[token("del")]
    Del,
    #[token("elif")]
    Elif,
    #[token("else")]
    Else,
    #[token("except")]
    Except,
    #[token("finally")]
    Finally,
    #[token("for")]
    For,
    #[token("from")]
    From,
    #[token("global")]
    Global,
    #[token("if")]
    If,
    #[token("import")]
    Import,
    #[token("in")]
    In,
    #[token("is")]
    Is,
    #[token("lambda")]
    Lambda,
    #[token("nonlocal")]
    Nonlocal,
    #[token("not")]
    Not,
    #[token("or")]
    Or,
    #[token("pass")]
    Pass,
    #[token("raise")]
    Raise,
    #[token("return")]
    Return,
    #[token("try")]
    Try,
    #[token("while")]
    While,
    #[token("with")]
    With,
    #[token("yield")]
    Yield,

    #[token("(")]
    LPar,
    #[token(")")]
    RPar,
    #[token("[")]
    LSqb,
    #[token("]")]
    RSqb,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token(":")]
    Colon,
    #[token(",")]
    Comma,
    #[token(";")]
    Semi,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("|")]
    VBar,
    #[token("&")]
    Amper,
    #[token("<")]
    Less,
    #[token(">")]
    Greater,
    #[token("=")]
    Equal,
    #[token(".")]
    Dot,
    #[token("%")]
    Percent,
    #[token("==")]
    EqEqual,
    #[token("!=")]
    NotEqual,
    #[token("<=")]
    LessEqual,
    #[token(">=")]
    GreaterEqual,
    #[token("~")]
    Tilde,
    #[token("^")]
    Circumflex,
    #[token("<<")]
    LeftShift,
    #[token(">>")]
    RightShift,
    #[token("**")]
    DoubleStar,
    #[token("+=")]
    PlusEqual,
    #[token("-=")]
    MinEqual,
    #[token("*=")]
    StarEqual,
    #[token("/=")]
    SlashEqual,
    #[token("%=")]
    PercentEqual,
    #[token("&=")]
    AmperEqual,
    #[token("|=")]
    VBarEqual,
    #[token("^=")]
    CircumflexEqual,
    #[token("<<=")]
    LeftShiftEqual,
    #[token(">>=")]
    RightShiftEqual,
    #[token("**=")]
    DoubleStarEqual,
    #[token("//")]
    DoubleSlash,
    #[token("//=")]
    DoubleSlashEqual,
    #[token("@")]
    At,
    #[token("@=")]
    AtEqual,
    #[token("->")]
    RArrow,
    #[token("...")]
    Ellipsis,
    #[token(":=")]
    ColonEqual,
    #[token("!")]
    Exclamation,
}

impl Token<'_> {
    /// How CPython's messages name the token (`'('`, `'if'`).
    pub fn text(&self) -> String {
        match self {
            Token::Name(s) | Token::Int(s) | Token::Float(s) | Token::Imag(s) | Token::Str(s) => {
                s.to_string()
            }
            Token::Newline | Token::RawNewline => "newline".into(),
            Token::Indent => "indent".into(),
            Token::Dedent => "dedent".into(),
            other => {
                let s = format!("{other:?}");
                s.to_lowercase()
            }
        }
    }
}

pub type Spanned<'s> = Result<(usize, Token<'s>, usize), LexicalError>;

/// Python's tokenizer on top of logos: indentation, logical lines, brackets.
pub struct Lexer<'s> {
    inner: logos::SpannedIter<'s, Token<'s>>,
    text: &'s str,
    /// Added to every offset: f-string fields are lexed from a slice of the file.
    base: usize,
    /// Indentation columns (tabs to multiples of 8) and the same with tabs as one column,
    /// to detect inconsistent mixing (TabError) as CPython does.
    indents: Vec<(usize, usize)>,
    /// Open brackets: (char, offset).
    brackets: Vec<(char, usize)>,
    pending: std::collections::VecDeque<Spanned<'s>>,
    at_line_start: bool,
    /// The logical line so far has at least one token.
    line_has_tokens: bool,
    first: Option<Token<'s>>,
    expr_mode: bool,
    done: bool,
    last_end: usize,
}

impl<'s> Lexer<'s> {
    /// A lexer for a whole module.
    pub fn new(text: &'s str) -> Lexer<'s> {
        Lexer::with_start(text, 0, Token::StartModule)
    }

    /// A lexer for one expression found at `base` in the file (newlines are insignificant).
    pub fn expression(text: &'s str, base: usize) -> Lexer<'s> {
        Lexer::with_start(text, base, Token::StartExpr)
    }

    fn with_start(text: &'s str, base: usize, start: Token<'s>) -> Lexer<'s> {
        Lexer {
            inner: Token::lexer(text).spanned(),
            text,
            base,
            indents: vec![(0, 0)],
            brackets: Vec::new(),
            pending: Default::default(),
            at_line_start: true,
            line_has_tokens: false,
            expr_mode: start == Token::StartExpr,
            first: Some(start),
            done: false,
            last_end: 0,
        }
    }

    fn err(&self, msg: impl Into<String>, start: usize, end: usize) -> LexicalError {
        LexicalError::new(msg, start + self.base, end + self.base)
    }

    /// Measures the indentation before the token at `pos` and queues Indent/Dedent tokens.
    fn indentation(&mut self, pos: usize) -> Result<(), LexicalError> {
        let line_start = self.text[..pos].rfind('\n').map_or(0, |i| i + 1);
        let ws = &self.text[line_start..pos];
        // A token after a backslash continuation is not at a line start: nothing to measure.
        if ws.chars().any(|c| !matches!(c, ' ' | '\t' | '\x0c')) {
            return Ok(());
        }
        let (mut col, mut alt) = (0usize, 0usize);
        for c in ws.chars() {
            match c {
                ' ' => {
                    col += 1;
                    alt += 1;
                }
                '\t' => {
                    col = (col / 8 + 1) * 8;
                    alt += 1;
                }
                _ => {
                    col = 0;
                    alt = 0;
                }
            }
        }
        let (top, top_alt) = *self.indents.last().unwrap_or(&(0, 0));
        let b = self.base;
        if col == top {
            if alt != top_alt {
                return Err(self.tab_error(pos));
            }
        } else if col > top {
            if alt <= top_alt {
                return Err(self.tab_error(pos));
            }
            self.indents.push((col, alt));
            self.pending
                .push_back(Ok((line_start + b, Token::Indent, pos + b)));
        } else {
            while self.indents.last().is_some_and(|&(c, _)| c > col) {
                self.indents.pop();
                self.pending
                    .push_back(Ok((pos + b, Token::Dedent, pos + b)));
            }
            let (top, top_alt) = *self.indents.last().unwrap_or(&(0, 0));
            if top != col {
                // CPython's tokenizer has read the whole line when it notices: the caret
                // goes after its last character.
                let eol = self.text[pos..]
                    .find(['\r', '\n'])
                    .map_or(self.text.len(), |i| pos + i);
                let mut e = self.err(
                    "unindent does not match any outer indentation level",
                    eol,
                    eol,
                );
                e.kind = Some(SyntaxErrorKind::IndentationError);
                return Err(e);
            }
            if top_alt != alt {
                return Err(self.tab_error(pos));
            }
        }
        Ok(())
    }

    fn tab_error(&self, pos: usize) -> LexicalError {
        // CPython reports a TabError without a column, so it prints no caret: an end of
        // `usize::MAX` says so to `render_syntax_error`.
        let mut e = self.err(
            "inconsistent use of tabs and spaces in indentation",
            pos,
            pos,
        );
        e.span.end = usize::MAX;
        e.kind = Some(SyntaxErrorKind::TabError);
        e
    }

    fn finish(&mut self) {
        self.done = true;
        let end = self.text.len() + self.base;
        if let Some(&(c, at)) = self.brackets.last() {
            self.pending
                .push_back(Err(self.err(format!("'{c}' was never closed"), at, at + 1)));
            return;
        }
        if self.line_has_tokens && !self.expr_mode {
            self.pending.push_back(Ok((end, Token::Newline, end)));
        }
        while self.indents.len() > 1 {
            self.indents.pop();
            self.pending.push_back(Ok((end, Token::Dedent, end)));
        }
    }

    fn next_raw(&mut self) {
        let Some((tok, span)) = self.inner.next() else {
            self.finish();
            return;
        };
        let b = self.base;
        let tok = match tok {
            Ok(t) => t,
            Err(mut e) => {
                if e.msg.is_empty() {
                    let ch = self.text[span.start..].chars().next().unwrap_or(' ');
                    e = if ch == '\\' {
                        // A backslash not ending its line: CPython marks what follows it.
                        let next = self.text[span.start + 1..]
                            .chars()
                            .next()
                            .map_or(1, char::len_utf8);
                        self.err(
                            "unexpected character after line continuation character",
                            span.start + 1,
                            span.start + 1 + next,
                        )
                    } else {
                        self.err(invalid_char_message(ch), span.start, span.end)
                    };
                } else {
                    e.span = Span::new(e.span.start + b, e.span.end + b);
                    if e.msg.starts_with("unterminated") {
                        // CPython names the line where it gave up looking for the quote.
                        let upto = if e.msg.contains("triple") {
                            self.text.strip_suffix('\n').unwrap_or(self.text)
                        } else {
                            &self.text[..span.start]
                        };
                        let line = upto.matches('\n').count() + 1;
                        e.msg = format!("{} (detected at line {line})", e.msg);
                    }
                }
                self.done = true;
                self.pending.push_back(Err(e));
                return;
            }
        };
        if tok == Token::RawNewline {
            if self.brackets.is_empty() && self.line_has_tokens && !self.expr_mode {
                self.pending
                    .push_back(Ok((span.start + b, Token::Newline, span.end + b)));
                self.line_has_tokens = false;
            }
            if self.brackets.is_empty() {
                self.at_line_start = true;
            }
            return;
        }
        if self.at_line_start && !self.expr_mode {
            self.at_line_start = false;
            if let Err(e) = self.indentation(span.start) {
                self.done = true;
                self.pending.push_back(Err(e));
                return;
            }
        }
        self.at_line_start = false;
        self.line_has_tokens = true;
        if let Some(e) = self.bad_number_end(&tok, span.end) {
            self.done = true;
            self.pending.push_back(Err(e));
            return;
        }
        match tok {
            Token::LPar | Token::LSqb | Token::LBrace => {
                // CPython's tokenizer stops at MAXLEVEL (200) open brackets.
                if self.brackets.len() >= 200 {
                    self.done = true;
                    self.pending.push_back(Err(self.err(
                        "too many nested parentheses",
                        span.start,
                        span.end,
                    )));
                    return;
                }
                let c = self.text[span.start..].chars().next().unwrap_or('(');
                self.brackets.push((c, span.start));
            }
            Token::RPar | Token::RSqb | Token::RBrace => {
                let c = self.text[span.start..].chars().next().unwrap_or(')');
                match self.brackets.pop() {
                    None => {
                        self.done = true;
                        self.pending.push_back(Err(self.err(
                            format!("unmatched '{c}'"),
                            span.start,
                            span.end,
                        )));
                        return;
                    }
                    Some((open, _)) if closing(open) != c => {
                        self.done = true;
                        self.pending.push_back(Err(self.err(
                            format!(
                                "closing parenthesis '{c}' does not match opening parenthesis '{open}'"
                            ),
                            span.start,
                            span.end,
                        )));
                        return;
                    }
                    _ => {}
                }
            }
            _ => {}
        }
        self.last_end = span.end;
        self.pending
            .push_back(Ok((span.start + b, tok, span.end + b)));
    }
}

impl Lexer<'_> {
    /// CPython's tokenizer errors for a number run into a name (`2nd`, `1_`, `0x`, `0b12`,
    /// `5j2`): `invalid decimal literal` and its kin, with the caret where CPython's
    /// tokenizer stopped, which is one character before its read position. A number followed
    /// by a keyword (`1if x else 2`) is allowed, as CPython allows it (with a warning).
    fn bad_number_end(&self, tok: &Token<'_>, end: usize) -> Option<LexicalError> {
        let (Token::Int(text) | Token::Float(text) | Token::Imag(text)) = tok else {
            return None;
        };
        let rest = &self.text[end..];
        let next = rest.chars().next()?;
        let ident = |c: char| c.is_alphanumeric() || c == '_';
        if !ident(next) {
            return None;
        }
        let lower = text.to_ascii_lowercase();
        // `0x`, `0o8`, `0b2`: logos read only the `0`.
        if lower == "0" {
            let mut it = rest.chars();
            let (radix, digit) = (it.next()?, it.next());
            let base = match radix {
                'x' | 'X' => "hexadecimal",
                'o' | 'O' => "octal",
                'b' | 'B' => "binary",
                _ => "",
            };
            if !base.is_empty() {
                return match digit {
                    Some(d) if d.is_ascii_digit() => Some(self.err_msg(
                        format!("invalid digit '{d}' in {base} literal"),
                        end + 1,
                        d,
                    )),
                    _ => Some(self.err_msg(format!("invalid {base} literal"), end, radix)),
                };
            }
        }
        let kind = if matches!(tok, Token::Imag(_)) {
            "imaginary"
        } else if lower.starts_with("0x") {
            "hexadecimal"
        } else if lower.starts_with("0o") {
            "octal"
        } else if lower.starts_with("0b") {
            "binary"
        } else {
            "decimal"
        };
        if next.is_ascii_digit() && (kind == "octal" || kind == "binary") {
            return Some(self.err_msg(
                format!("invalid digit '{next}' in {kind} literal"),
                end,
                next,
            ));
        }
        if next == '_' {
            return Some(self.err_msg(format!("invalid {kind} literal"), end, '_'));
        }
        let keyword = ["and", "else", "for", "if", "in", "is", "or", "not"]
            .iter()
            .any(|k| rest.starts_with(k));
        if keyword {
            return None;
        }
        let last = text.chars().next_back()?;
        Some(self.err_msg(
            format!("invalid {kind} literal"),
            end - last.len_utf8(),
            last,
        ))
    }

    fn err_msg(&self, msg: String, from: usize, ch: char) -> LexicalError {
        self.err(msg, from, from + ch.len_utf8())
    }
}

fn closing(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

fn invalid_char_message(ch: char) -> String {
    match ch {
        '$' | '?' | '`' => "invalid syntax".to_string(),
        '\'' | '"' => "unterminated string literal".to_string(),
        c if (c as u32) < 128 && !c.is_ascii_graphic() => {
            format!("invalid non-printable character U+{:04X}", c as u32)
        }
        c if (c as u32) < 128 => "invalid syntax".to_string(),
        c => format!("invalid character '{c}' (U+{:04X})", c as u32),
    }
}

impl<'s> Iterator for Lexer<'s> {
    type Item = Spanned<'s>;
    fn next(&mut self) -> Option<Spanned<'s>> {
        if let Some(t) = self.first.take() {
            return Some(Ok((self.base, t, self.base)));
        }
        loop {
            if let Some(t) = self.pending.pop_front() {
                return Some(t);
            }
            if self.done {
                return None;
            }
            self.next_raw();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<String> {
        Lexer::new(src)
            .skip(1)
            .map(|t| match t {
                Ok((_, t, _)) => format!("{t:?}"),
                Err(e) => format!("ERR {}", e.msg),
            })
            .collect()
    }

    #[test]
    fn indentation_becomes_tokens() {
        let k = kinds("if x:\n    y = 1\n\n    # c\n    z\nw\n");
        assert_eq!(
            k,
            [
                "If",
                "Name(\"x\")",
                "Colon",
                "Newline",
                "Indent",
                "Name(\"y\")",
                "Equal",
                "Int(\"1\")",
                "Newline",
                "Name(\"z\")",
                "Newline",
                "Dedent",
                "Name(\"w\")",
                "Newline"
            ]
        );
    }

    #[test]
    fn brackets_hide_newlines_and_eof_closes_blocks() {
        let k = kinds("f(1,\n  2)\nif a:\n  b");
        assert!(k.ends_with(&["Newline".to_string(), "Dedent".to_string()]));
        assert_eq!(k.iter().filter(|t| *t == "Newline").count(), 3);
    }

    #[test]
    fn strings_and_numbers() {
        let k = kinds(r#"s = f"a{b}" + '''x'y''' + 0x_ff + 1_000 + 1.5e-3"#);
        assert!(k.contains(&"Str(\"f\\\"a{b}\\\"\")".to_string()), "{k:?}");
        assert!(k.contains(&"Str(\"'''x'y'''\")".to_string()));
        assert!(k.contains(&"Float(\"1.5e-3\")".to_string()));
    }

    #[test]
    fn errors() {
        for (src, error) in [
            ("x = (1,\n", "'(' was never closed"),
            ("x = 1)", "unmatched ')'"),
            ("if x:\n    a\n  b\n", "unindent does not match"),
            ("s = 'abc\n", "unterminated"),
        ] {
            let last = kinds(src).pop().unwrap();
            assert!(last.contains(error), "{src:?}: {last}");
        }
    }
}
