//! Source text and positions: turns byte offsets (what the lexer and the tree carry) into the
//! 1-based lines and 0-based character columns that tracebacks, `SyntaxError`s and the line
//! table show, and hands out a line's text for carets.

use crate::ast::Span;

#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The name shown in tracebacks: the path as given on the command line, or `<string>`.
    pub name: String,
    pub text: String,
    /// Byte offset at which each line starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        let mut line_starts = vec![0];
        for (i, b) in text.bytes().enumerate() {
            if b == b'\n' {
                line_starts.push(i + 1);
            }
        }
        SourceFile {
            name: name.into(),
            text,
            line_starts,
        }
    }

    /// 1-based line number of a byte offset (offsets past the end map to the last line).
    pub fn line_of(&self, offset: usize) -> u32 {
        match self.line_starts.binary_search(&offset) {
            Ok(i) => i as u32 + 1,
            Err(i) => i as u32,
        }
    }

    /// 1-based line and 0-based column *in characters* of a byte offset.
    pub fn line_col(&self, offset: usize) -> (u32, u32) {
        let line = self.line_of(offset);
        // Cannot fail: `line_starts[0]` is 0, so `line_of` is at least 1 and names a line.
        let start = self.line_starts[line as usize - 1];
        let offset = offset.min(self.text.len());
        let col = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.chars().count());
        (line, col as u32)
    }

    /// The text of a 1-based line, without its line ending; empty past the end.
    pub fn line_text(&self, line: u32) -> &str {
        let Some(&start) = self.line_starts.get((line as usize).wrapping_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line as usize)
            .copied()
            .unwrap_or(self.text.len());
        self.text[start..end].trim_end_matches(['\n', '\r'])
    }

    pub fn line_count(&self) -> u32 {
        self.line_starts.len() as u32
    }
}

/// What kind of compile-time error: CPython's class names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    SyntaxError,
    IndentationError,
    TabError,
}

impl SyntaxErrorKind {
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorKind::SyntaxError => "SyntaxError",
            SyntaxErrorKind::IndentationError => "IndentationError",
            SyntaxErrorKind::TabError => "TabError",
        }
    }
}

/// The text an error shows instead of the file's line: CPython 3.11 parses an f-string
/// field's expression on its own, as `(expr)`, and shows that text, numbered from the line
/// the field is on. The error's span is then an offset into `text`.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Shown {
    pub text: String,
    pub first_line: u32,
}

/// A compile-time error at a place in the source. `render_syntax_error` (in `parser/mod.rs`) prints it in
/// CPython 3.11's layout: file and line, the source line, carets under `span`, `Kind: msg`.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub msg: String,
    pub span: Span,
    /// Set when the error is not in the file's own text (see [`Shown`]).
    pub shown: Option<Box<Shown>>,
    /// Raised where CPython raises it after parsing (its compiler or symbol table): for
    /// `-c` and `<stdin>` input CPython then has no line to show, only the message.
    pub compile_stage: bool,
}

impl SyntaxError {
    pub fn new(msg: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError {
            kind: SyntaxErrorKind::SyntaxError,
            msg: msg.into(),
            span,
            shown: None,
            compile_stage: false,
        }
    }
    pub fn indentation(msg: impl Into<String>, span: Span) -> SyntaxError {
        SyntaxError {
            kind: SyntaxErrorKind::IndentationError,
            msg: msg.into(),
            span,
            shown: None,
            compile_stage: false,
        }
    }
}

/// CPython's message for a script it cannot open:
/// `can't open file '/abs/path': [Errno 2] No such file or directory`.
pub fn cant_open(path: &std::path::Path, e: &std::io::Error) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let what = match e.kind() {
        std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
        std::io::ErrorKind::PermissionDenied => "Permission denied".to_string(),
        _ => e.to_string(),
    };
    format!(
        "can't open file '{}': [Errno {}] {}",
        abs.display(),
        e.raw_os_error().unwrap_or(0),
        what
    )
}
