//! `_re`: the matcher under `re` (written in Python, `py/re.py`). CPython's `_sre` is a
//! backtracking engine over its own compiled code; here a pattern is translated to
//! fancy-regex's syntax (a backtracking engine with look-around and back-references over
//! the `regex` crate) and run by it. What the translation changes, so that the same pattern
//! means what it means to CPython:
//!
//! - `$` without MULTILINE matches at the end or before a final newline (`(?=\n?\z)`), `\Z`
//!   is the end (`\z`), `(?P=name)` is `\k<name>`, `(?#...)` is dropped;
//! - a `{` that does not start a repeat is a literal, and `{,n}` is `{0,n}`;
//! - inside a class, `[` is a literal (no nested classes or `&&` / `--` / `~~` operations);
//! - VERBOSE is applied here (whitespace and `#` comments outside classes dropped), since
//!   the `regex` crate's `x` also drops whitespace inside classes;
//! - ASCII makes `\d`, `\w`, `\s` and `\b` ASCII-only.
//!
//! Offsets cross the boundary as character indices, as Python's strings count them.

use std::sync::Arc;

use super::{add_funcs, native_class};
use crate::vm::Vm;
use crate::vm::object::exceptions as exc;
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, PyResult};
use crate::vm::object::{class_static, native_object, native_self};

/// CPython's flag bits (`re.IGNORECASE` = 2, …).
const IGNORECASE: i64 = 2;
const MULTILINE: i64 = 8;
const DOTALL: i64 = 16;
const VERBOSE: i64 = 64;
const ASCII: i64 = 256;

/// A compiled pattern: the search regex and the one anchored at the end (`fullmatch`).
pub struct Regex {
    re: fancy_regex::Regex,
    full: fancy_regex::Regex,
    groups: usize,
    names: Vec<(String, usize)>,
}

class_static!(REGEX_CLASS = native_class("Regex", "_re");
    "search" => regex_search, "scan" => regex_scan, "groups" => regex_groups,
    "names" => regex_names,
);

native_object!(Regex, "_re.Regex", REGEX_CLASS);

/// The `_re` module.
pub fn build(vm: &mut Vm) -> Arc<crate::vm::object::Module> {
    let m = vm.new_module("_re");
    add_funcs(&m.dict, &[("compile", compile)]);
    m
}

fn this(args: &[Value]) -> PyResult<&Regex> {
    native_self::<Regex>(args, "_re.Regex")
}

fn int_arg(args: &[Value], i: usize) -> i64 {
    match args.get(i) {
        Some(Value::Int(n)) => *n,
        Some(Value::Bool(b)) => *b as i64,
        _ => 0,
    }
}

fn str_arg(vm: &mut Vm, args: &[Value], i: usize) -> PyResult<String> {
    match args.get(i) {
        Some(v @ Value::Str(_)) => vm.to_str(v),
        Some(other) => Err(exc::type_error(format!(
            "expected string or bytes-like object, got '{}'",
            other.type_name()
        ))),
        None => Err(exc::type_error("missing string argument")),
    }
}

/// `_re.compile(pattern, flags)`: a `Regex`, or ValueError with the reason.
fn compile(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let pattern = str_arg(vm, args, 0)?;
    let flags = int_arg(args, 1);
    let (body, flags) = translate(&pattern, flags).map_err(exc::value_error)?;
    let mut prefix = String::new();
    for (bit, c) in [(IGNORECASE, 'i'), (MULTILINE, 'm'), (DOTALL, 's')] {
        if flags & bit != 0 {
            prefix.push(c);
        }
    }
    let prefix = if prefix.is_empty() {
        String::new()
    } else {
        format!("(?{prefix})")
    };
    let build = |text: String| {
        fancy_regex::RegexBuilder::new(&text)
            .backtrack_limit(10_000_000)
            .build()
            .map_err(|e| exc::value_error(e.to_string()))
    };
    let re = build(format!("{prefix}{body}"))?;
    let full = build(format!("{prefix}(?:{body})\\z"))?;
    let groups = re.captures_len() - 1;
    let names = re
        .capture_names()
        .enumerate()
        .filter_map(|(i, n)| n.map(|n| (n.to_string(), i)))
        .collect();
    Ok(Value::Native(Arc::new(Box::new(Regex {
        re,
        full,
        groups,
        names,
    }))))
}

/// Python's pattern syntax in fancy-regex's; also the flags the pattern sets inline.
fn translate(p: &str, mut flags: i64) -> Result<(String, i64), String> {
    let chars: Vec<char> = p.chars().collect();
    // Leading inline flags (`(?im)`) count for the whole pattern, as in Python.
    let mut i = 0;
    while i + 2 < chars.len() && chars[i] == '(' && chars[i + 1] == '?' {
        let mut j = i + 2;
        let mut f = flags;
        while j < chars.len() && "aiLmsux".contains(chars[j]) {
            f |= match chars[j] {
                'i' => IGNORECASE,
                'm' => MULTILINE,
                's' => DOTALL,
                'x' => VERBOSE,
                'a' => ASCII,
                _ => 0,
            };
            j += 1;
        }
        if j > i + 2 && j < chars.len() && chars[j] == ')' {
            flags = f;
            i = j + 1;
        } else {
            break;
        }
    }
    let verbose = flags & VERBOSE != 0;
    let ascii = flags & ASCII != 0;
    let multiline = flags & MULTILINE != 0;
    let mut out = String::new();
    let mut in_class = false;
    let mut class_start = 0usize;
    // Capturing groups opened so far, for back-references.
    let mut opened = 0usize;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            let Some(&n) = chars.get(i + 1) else {
                return Err("bad escape (end of pattern)".into());
            };
            i += 2;
            match n {
                'Z' if !in_class => out.push_str("\\z"),
                'd' | 'w' | 's' | 'D' | 'W' | 'S' if ascii => {
                    let cls = match n.to_ascii_lowercase() {
                        'd' => "0-9",
                        'w' => "0-9A-Za-z_",
                        _ => " \\t\\n\\r\\x0B\\x0C",
                    };
                    let neg = if n.is_ascii_uppercase() { "^" } else { "" };
                    if in_class && neg.is_empty() {
                        out.push_str(cls);
                    } else {
                        out.push_str(&format!("[{neg}{cls}]"));
                    }
                }
                '1'..='9' if !in_class => {
                    // A back-reference to a group the pattern has not opened yet is an
                    // error in Python.
                    let mut num = n.to_digit(10).unwrap_or(0) as usize;
                    if let Some(d) = chars.get(i).and_then(|c| c.to_digit(10)) {
                        num = num * 10 + d as usize;
                        i += 1;
                    }
                    if num > opened {
                        return Err(format!(
                            "invalid group reference {num} at position {}",
                            i - 1 - usize::from(num > 9)
                        ));
                    }
                    out.push_str(&format!("\\{num}"));
                }
                'b' | 'B' if ascii && !in_class => out.push_str(&format!("(?-u:\\{n})")),
                // In a class, `\b` is a backspace.
                'b' if in_class => out.push_str("\\x08"),
                _ => {
                    out.push('\\');
                    out.push(n);
                }
            }
            continue;
        }
        if in_class {
            match c {
                ']' => {
                    in_class = false;
                    out.push(']');
                }
                '[' => out.push_str("\\["),
                '&' | '-' | '~' if chars.get(i + 1) == Some(&c) => {
                    out.push('\\');
                    out.push(c);
                }
                _ => out.push(c),
            }
            i += 1;
            continue;
        }
        match c {
            '[' => {
                in_class = true;
                class_start = i;
                out.push('[');
                i += 1;
                if chars.get(i) == Some(&'^') {
                    out.push('^');
                    i += 1;
                }
                // A `]` first in the class is a literal.
                if chars.get(i) == Some(&']') {
                    out.push_str("\\]");
                    i += 1;
                }
                continue;
            }
            '$' => {
                out.push_str(if multiline { "(?m:$)" } else { "(?=\\n?\\z)" });
            }
            '{' => match repeat_at(&chars, i) {
                Some((text, end)) => {
                    out.push_str(&text);
                    i = end;
                    continue;
                }
                None => out.push_str("\\{"),
            },
            '}' => out.push_str("\\}"),
            '(' if chars.get(i + 1) != Some(&'?') => {
                opened += 1;
                out.push(c);
            }
            '(' => {
                if chars.get(i + 2) == Some(&'P') && chars.get(i + 3) == Some(&'<') {
                    opened += 1;
                }
                let rest: String = chars[i..chars.len().min(i + 4)].iter().collect();
                if rest.starts_with("(?#") {
                    while i < chars.len() && chars[i] != ')' {
                        i += 1;
                    }
                    i += 1;
                    continue;
                }
                if rest.starts_with("(?P=") {
                    let close = chars[i..].iter().position(|&c| c == ')');
                    let Some(close) = close else {
                        return Err("missing ), unterminated name".into());
                    };
                    let name: String = chars[i + 4..i + close].iter().collect();
                    out.push_str(&format!("\\k<{name}>"));
                    i += close + 1;
                    continue;
                }
                out.push(c);
            }
            ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' if verbose => {}
            '#' if verbose => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
                continue;
            }
            _ => out.push(c),
        }
        i += 1;
    }
    if in_class {
        return Err(format!(
            "unterminated character set at position {class_start}"
        ));
    }
    Ok((out, flags))
}

/// A repeat `{m}`, `{m,}`, `{,n}`, `{m,n}` at `chars[i]`: its fancy-regex text and the index
/// after it; None when the brace is a literal, as Python reads it.
fn repeat_at(chars: &[char], i: usize) -> Option<(String, usize)> {
    let close = i + chars[i..].iter().position(|&c| c == '}')?;
    let inner: String = chars[i + 1..close].iter().collect();
    let (lo, hi) = match inner.split_once(',') {
        Some((lo, hi)) => (lo, Some(hi)),
        None => (inner.as_str(), None),
    };
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if !digits(lo) || !hi.is_none_or(digits) || (lo.is_empty() && hi.is_none()) {
        return None;
    }
    let lo = if lo.is_empty() { "0" } else { lo };
    let text = match hi {
        None => format!("{{{lo}}}"),
        Some(hi) => format!("{{{lo},{hi}}}"),
    };
    Some((text, close + 1))
}

/// Character index ↔ byte offset in one string.
struct Offsets {
    /// Byte offset of each character, and the length at the end; empty when ASCII.
    starts: Vec<usize>,
}

impl Offsets {
    fn new(s: &str) -> Self {
        if s.is_ascii() {
            return Offsets { starts: Vec::new() };
        }
        let mut starts: Vec<usize> = s.char_indices().map(|(b, _)| b).collect();
        starts.push(s.len());
        Offsets { starts }
    }
    fn chars(&self, s: &str) -> usize {
        if self.starts.is_empty() {
            s.len()
        } else {
            self.starts.len() - 1
        }
    }
    fn byte(&self, ch: usize) -> usize {
        if self.starts.is_empty() {
            ch
        } else {
            self.starts[ch]
        }
    }
    fn char(&self, byte: usize) -> usize {
        if self.starts.is_empty() {
            byte
        } else {
            self.starts.partition_point(|&b| b < byte)
        }
    }
}

/// `pos` and `endpos` as Python clamps them: negative counts from 0, beyond the end is the end.
fn bounds(args: &[Value], n: usize) -> (usize, usize) {
    let clamp = |v: i64| v.clamp(0, n as i64) as usize;
    let pos = clamp(int_arg(args, 2));
    let endpos = match args.get(3) {
        Some(Value::Int(e)) => clamp(*e),
        _ => n,
    };
    (pos, endpos.max(pos))
}

/// The spans of a match's groups as a tuple `(s0, e0, s1, e1, …)` of character indices, -1
/// for a group that did not take part.
fn spans(caps: &fancy_regex::Captures<str>, groups: usize, off: &Offsets) -> Value {
    let mut v = Vec::with_capacity(2 * (groups + 1));
    for g in 0..=groups {
        match caps.get(g) {
            Some(m) => {
                v.push(Value::Int(off.char(m.start()) as i64));
                v.push(Value::Int(off.char(m.end()) as i64));
            }
            None => {
                v.push(Value::Int(-1));
                v.push(Value::Int(-1));
            }
        }
    }
    Value::tuple(v)
}

fn run_error(e: fancy_regex::Error) -> crate::vm::object::exceptions::PyErr {
    exc::runtime_error(format!("regular expression failed: {e}"))
}

/// `r.search(string, mode, pos, endpos)`: mode 0 searches, 1 matches at `pos`, 2 matches
/// all of `pos..endpos`. The spans, or None.
fn regex_search(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let r = this(args)?;
    let s = str_arg(vm, args, 1)?;
    let rest = args.get(1..).unwrap_or_default();
    let mode = int_arg(rest, 1);
    let off = Offsets::new(&s);
    let (pos, endpos) = bounds(rest, off.chars(&s));
    let text = &s[..off.byte(endpos)];
    let start = off.byte(pos);
    let re = if mode == 2 { &r.full } else { &r.re };
    let caps = re.captures_from_pos(text, start).map_err(run_error)?;
    Ok(match caps {
        Some(c) if mode == 0 || c.get(0).is_some_and(|m| m.start() == start) => {
            spans(&c, r.groups, &off)
        }
        _ => Value::None,
    })
}

/// `r.scan(string, pos, endpos)`: the spans of every match from `pos` on, as `finditer`
/// finds them (an empty match right after another match's end is allowed; after an empty
/// match the next one must move on, CPython's `must_advance`).
fn regex_scan(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let r = this(args)?;
    let s = str_arg(vm, args, 1)?;
    let rest = args.get(1..).unwrap_or_default();
    let off = Offsets::new(&s);
    // `rest` is (string, pos, endpos): shift so `bounds` reads pos at 2.
    let shifted = [
        Value::None,
        Value::None,
        rest.get(1).cloned().unwrap_or(Value::Int(0)),
        rest.get(2).cloned().unwrap_or(Value::None),
    ];
    let (pos, endpos) = bounds(&shifted, off.chars(&s));
    let text = &s[..off.byte(endpos)];
    let mut at = off.byte(pos);
    let mut must_advance = false;
    let mut found = Vec::new();
    while at <= text.len() {
        let Some(c) = r.re.captures_from_pos(text, at).map_err(run_error)? else {
            break;
        };
        let Some(m) = c.get(0) else { break };
        if must_advance && m.start() == at && m.end() == at {
            // An empty match where the last one ended: try again one character on.
            match text[at..].chars().next() {
                Some(ch) => at += ch.len_utf8(),
                None => break,
            }
            must_advance = false;
            continue;
        }
        found.push(spans(&c, r.groups, &off));
        must_advance = m.start() == m.end();
        at = m.end();
    }
    Ok(Value::list(found))
}

fn regex_groups(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    Ok(Value::Int(this(args)?.groups as i64))
}

/// `r.names()`: `[(name, index), …]` of the named groups.
fn regex_names(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let r = this(args)?;
    Ok(Value::list(
        r.names
            .iter()
            .map(|(n, i)| Value::tuple(vec![Value::str(n), Value::Int(*i as i64)]))
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(p: &str, flags: i64) -> String {
        translate(p, flags)
            .map(|(s, _)| s)
            .unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn translation_keeps_python_meaning() {
        assert_eq!(t("a$", 0), "a(?=\\n?\\z)");
        assert_eq!(t("a$", MULTILINE), "a(?m:$)");
        assert_eq!(t("(?m)^a$", 0), "^a(?m:$)");
        assert_eq!(t("ab\\Z", 0), "ab\\z");
        assert_eq!(t("a{,2}b{3}c{x}", 0), "a{0,2}b{3}c\\{x\\}");
        assert_eq!(t("[]a[]", 0), "[\\]a\\[]");
        assert_eq!(t("[a&&b]", 0), "[a\\&&b]");
        assert_eq!(t("(?P<c>x)(?P=c)", 0), "(?P<c>x)\\k<c>");
        assert_eq!(t("a(?#note)b", 0), "ab");
        assert_eq!(t("a b # comment\n c", VERBOSE), "abc");
        assert_eq!(t("[ ]", VERBOSE), "[ ]");
        assert_eq!(t("\\d\\w", ASCII), "[0-9][0-9A-Za-z_]");
        assert_eq!(t("[\\b]", 0), "[\\x08]");
        assert_eq!(t("(a)\\1", 0), "(a)\\1");
        assert!(t("\\1(a)", 0).starts_with("error: invalid group reference 1"));
        assert!(t("[a", 0).starts_with("error: unterminated character set"));
    }

    #[test]
    fn offsets_count_characters() {
        let s = "aé€b";
        let off = Offsets::new(s);
        assert_eq!(off.chars(s), 4);
        assert_eq!(off.byte(3), 6);
        assert_eq!(off.char(6), 3);
        assert_eq!(off.char(s.len()), 4);
    }
}
