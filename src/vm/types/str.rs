//! `str`: its methods (`split`, `strip`, `find`, the `is…` predicates, …) and the character
//! classes they use, its constructor, and its `repr` and `ascii()` escapers. `str.format` lives in
//! `format/str_format.rs`; the Unicode tables in `str_tables.rs`.

use std::cmp::Ordering;

use super::args::*;
use super::str_tables::*;
use crate::vm::Vm;
use crate::vm::object::exceptions::check_alloc;
use crate::vm::object::exceptions::{self as exc};
use crate::vm::object::registry::{Types, add_all, types};
use crate::vm::object::value::{PyStr, Value};
use crate::vm::object::{KwArgs, PyResult};
use crate::vm::types::ctor_args::*;

// ----- str: character classes --------------------------------------------------------------

/// CPython's `Py_UNICODE_ISSPACE` (Rust's `is_whitespace` lacks U+001C..U+001F).
pub(super) fn py_isspace(c: char) -> bool {
    matches!(
        c,
        '\t'..='\r'
            | '\x1c'..='\x1f'
            | ' '
            | '\u{85}'
            | '\u{a0}'
            | '\u{1680}'
            | '\u{2000}'..='\u{200a}'
            | '\u{2028}'
            | '\u{2029}'
            | '\u{202f}'
            | '\u{205f}'
            | '\u{3000}'
    )
}

/// The line boundaries of `str.splitlines`.
pub(super) fn is_linebreak(c: char) -> bool {
    matches!(
        c,
        '\n' | '\x0b' | '\x0c' | '\r' | '\x1c'..='\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

pub(super) fn in_table(c: char, table: &[(u32, u32)]) -> bool {
    table_range(c, table).is_some()
}

/// The range of `table` (sorted, inclusive code-point ranges) that holds `c`.
fn table_range(c: char, table: &[(u32, u32)]) -> Option<(u32, u32)> {
    let n = c as u32;
    let i = table
        .binary_search_by(|&(lo, hi)| {
            if hi < n {
                Ordering::Less
            } else if lo > n {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        })
        .ok()?;
    table.get(i).copied()
}

/// A character class: an ASCII test for ASCII characters, else a generated Unicode table.
fn ascii_or_table(c: char, ascii: fn(&char) -> bool, table: &[(u32, u32)]) -> bool {
    if c.is_ascii() {
        ascii(&c)
    } else {
        in_table(c, table)
    }
}

pub(super) fn py_isalpha(c: char) -> bool {
    ascii_or_table(c, char::is_ascii_alphabetic, ALPHA)
}

pub(super) fn py_isdecimal(c: char) -> bool {
    ascii_or_table(c, char::is_ascii_digit, DECIMAL)
}

/// The value of a Unicode decimal digit (`unicodedata.decimal`): decimal digits come in runs
/// of ten from 0 to 9, so a run's first code point is its zero.
fn decimal_value(c: char) -> Option<u32> {
    if c.is_ascii_digit() {
        return c.to_digit(10);
    }
    let (zero, _) = table_range(c, DECIMAL)?;
    Some((c as u32 - zero) % 10)
}

/// What `int()` and `float()` parse (CPython's `_PyUnicode_TransformDecimalAndSpaceToASCII`):
/// Unicode decimal digits become ASCII digits, Unicode spaces a space, and any other
/// non-ASCII character `?`, so the parse fails and the error shows the original text.
pub(crate) fn decimal_and_space_to_ascii(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_ascii() {
        return std::borrow::Cow::Borrowed(s);
    }
    s.chars()
        .map(|c| {
            if c.is_ascii() {
                c
            } else if let Some(d) = decimal_value(c) {
                char::from_digit(d, 10).unwrap_or('?')
            } else if py_isspace(c) {
                ' '
            } else {
                '?'
            }
        })
        .collect::<String>()
        .into()
}

pub(super) fn py_isdigit(c: char) -> bool {
    ascii_or_table(c, char::is_ascii_digit, DIGIT)
}

pub(super) fn py_isnumeric(c: char) -> bool {
    ascii_or_table(c, char::is_ascii_digit, NUMERIC)
}

/// `isalnum` is `isalpha or isdecimal or isdigit or isnumeric`; the last includes the others.
pub(super) fn py_isalnum(c: char) -> bool {
    py_isalpha(c) || py_isnumeric(c)
}

/// Unicode category Lt (ǅ, ᾈ, …).
pub(super) fn is_titlecase(c: char) -> bool {
    matches!(
        c,
        '\u{1c5}'
            | '\u{1c8}'
            | '\u{1cb}'
            | '\u{1f2}'
            | '\u{1f88}'..='\u{1f8f}'
            | '\u{1f98}'..='\u{1f9f}'
            | '\u{1fa8}'..='\u{1faf}'
            | '\u{1fbc}'
            | '\u{1fcc}'
            | '\u{1ffc}'
    )
}

pub(super) fn is_cased(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase() || is_titlecase(c)
}

/// An approximation of the Case_Ignorable property, for the final-sigma rule.
pub(super) fn is_case_ignorable(c: char) -> bool {
    matches!(
        c,
        '\'' | '.' | ':' | '^' | '`' | '\u{ad}' | '\u{b7}' | '\u{2019}' | '\u{300}'..='\u{36f}'
    )
}

/// Appends the title case of `c` (`ß` → `Ss`, `ǆ` → `ǅ`).
pub(super) fn push_title(out: &mut String, c: char) {
    let single = match c {
        '\u{1c4}'..='\u{1c6}' => Some('\u{1c5}'),
        '\u{1c7}'..='\u{1c9}' => Some('\u{1c8}'),
        '\u{1ca}'..='\u{1cc}' => Some('\u{1cb}'),
        '\u{1f1}'..='\u{1f3}' => Some('\u{1f2}'),
        '\u{1f80}'..='\u{1f87}' | '\u{1f90}'..='\u{1f97}' | '\u{1fa0}'..='\u{1fa7}' => {
            char::from_u32(c as u32 + 8)
        }
        '\u{1fb3}' => Some('\u{1fbc}'),
        '\u{1fc3}' => Some('\u{1fcc}'),
        '\u{1ff3}' => Some('\u{1ffc}'),
        // Georgian letters have an upper case but are their own title case.
        '\u{10d0}'..='\u{10fa}' | '\u{10fd}'..='\u{10ff}' => Some(c),
        c if is_titlecase(c) => Some(c),
        _ => None,
    };
    if let Some(t) = single {
        out.push(t);
    } else if c == '\u{149}' {
        out.push_str("\u{2bc}N");
    } else {
        // The title case of a character whose upper case is several is its first upper-case
        // letter followed by lower case (ß → Ss, ﬁ → Fi).
        let mut upper = c.to_uppercase();
        if let Some(first) = upper.next() {
            out.push(first);
        }
        for u in upper {
            out.extend(u.to_lowercase());
        }
    }
}

/// Appends the lower case of `chars[i]`, with Greek capital sigma becoming final sigma at the
/// end of a word (CPython's `handle_capital_sigma`).
pub(super) fn push_lower_at(out: &mut String, chars: &[char], i: usize) {
    let c = chars[i];
    if c != 'Σ' {
        out.extend(c.to_lowercase());
        return;
    }
    let before = chars[..i].iter().rev().find(|c| !is_case_ignorable(**c));
    let after = chars[i + 1..].iter().find(|c| !is_case_ignorable(**c));
    let last = before.is_some_and(|c| is_cased(*c)) && !after.is_some_and(|c| is_cased(*c));
    out.push(if last { 'ς' } else { 'σ' });
}

/// Full case folding for the characters where it differs from lower-casing.
pub(super) fn push_casefold(out: &mut String, c: char) {
    let folded = match c {
        'µ' => "μ",
        'ß' | 'ẞ' => "ss",
        'ſ' => "s",
        'ς' => "σ",
        'ϐ' => "β",
        'ϑ' => "θ",
        'ϕ' => "φ",
        'ϖ' => "π",
        'ϰ' => "κ",
        'ϱ' => "ρ",
        'ϵ' => "ε",
        'ŉ' => "ʼn",
        '\u{345}' => "ι",
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        _ => {
            out.extend(c.to_lowercase());
            return;
        }
    };
    out.push_str(folded);
}

pub(super) fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let start = |c: char| c == '_' || py_isalpha(c);
    start(first) && chars.all(|c| start(c) || py_isdecimal(c) || c.is_alphanumeric())
}

/// `isupper`/`islower`: at least one character of the `wanted` case and none of the `other`
/// case or title case.
pub(super) fn only_case(s: &str, wanted: fn(char) -> bool, other: fn(char) -> bool) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if other(c) || is_titlecase(c) {
            return false;
        }
        cased |= wanted(c);
    }
    cased
}

// ----- str: helpers ------------------------------------------------------------------------

/// Byte offset of code point `i` (the end when `i` is past it).
pub(super) fn byte_at(s: &PyStr, i: i64) -> usize {
    let i = i.max(0) as usize;
    if s.is_ascii() {
        i.min(s.len())
    } else {
        s.as_str().char_indices().nth(i).map_or(s.len(), |(b, _)| b)
    }
}

/// Number of code points in `s`.
pub(super) fn count_chars(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// A str argument or TypeError "must be str, not int".
pub(super) fn str_arg(v: &Value) -> PyResult<&str> {
    match v.str_base() {
        Value::Str(s) => Ok(s.as_str()),
        other => Err(exc::type_error(format!(
            "must be str, not {}",
            other.type_name()
        ))),
    }
}

/// `sub, start, end` of `find`, `count`, `index`, …: start/end are checked before `sub`.
pub(crate) fn find_args<'a>(
    vm: &mut Vm,
    args: &'a [Value],
    kw: &KwArgs,
    qual: &str,
) -> PyResult<(&'a Value, Option<i64>, Option<i64>)> {
    let pos = old_style(args, kw, qual, 1, 3)?;
    let start = match pos.get(1) {
        Some(v) => slice_arg(vm, v, true)?,
        None => None,
    };
    let end = match pos.get(2) {
        Some(v) => slice_arg(vm, v, true)?,
        None => None,
    };
    Ok((&pos[0], start, end))
}

/// `str.find` / `str.rfind` as a code-point index or -1.
pub(super) fn find_in(
    s: &PyStr,
    sub: &str,
    start: Option<i64>,
    end: Option<i64>,
    reverse: bool,
) -> i64 {
    let (start, end) = adjust_indices(start, end, s.char_len());
    let sub_len = count_chars(sub) as i64;
    if end - start < sub_len {
        return -1;
    }
    let (bs, be) = (byte_at(s, start), byte_at(s, end));
    let hay = &s.as_str()[bs..be];
    let found = if reverse {
        hay.rfind(sub)
    } else {
        hay.find(sub)
    };
    match found {
        Some(p) => start + count_chars(&hay[..p]) as i64,
        None => -1,
    }
}

/// Does `s[start:end]` start (or end) with `sub`? CPython's `tailmatch`.
pub(super) fn tail_match(
    s: &PyStr,
    sub: &str,
    start: Option<i64>,
    end: Option<i64>,
    at_end: bool,
) -> bool {
    let (start, end) = adjust_indices(start, end, s.char_len());
    let sub_len = count_chars(sub) as i64;
    if end - start < sub_len {
        return false;
    }
    let (from, to) = if at_end {
        (end - sub_len, end)
    } else {
        (start, start + sub_len)
    };
    &s.as_str()[byte_at(s, from)..byte_at(s, to)] == sub
}

/// A Python list of the given strings.
pub(super) fn str_list(parts: Vec<&str>) -> Value {
    Value::list(parts.into_iter().map(Value::str).collect())
}

/// `str.split()` with no separator: runs of whitespace separate, and the ends are trimmed.
pub(super) fn split_whitespace(s: &str, maxsplit: i64) -> Vec<&str> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let n = chars.len();
    let at = |k: usize| chars.get(k).map_or(s.len(), |(b, _)| *b);
    let mut out = Vec::new();
    let mut i = 0;
    let mut left = if maxsplit < 0 { i64::MAX } else { maxsplit };
    while left > 0 {
        left -= 1;
        while i < n && py_isspace(chars[i].1) {
            i += 1;
        }
        if i == n {
            break;
        }
        let j = i;
        while i < n && !py_isspace(chars[i].1) {
            i += 1;
        }
        out.push(&s[at(j)..at(i)]);
    }
    while i < n && py_isspace(chars[i].1) {
        i += 1;
    }
    if i < n {
        out.push(&s[at(i)..]);
    }
    out
}

/// `str.rsplit()` with no separator.
pub(super) fn rsplit_whitespace(s: &str, maxsplit: i64) -> Vec<&str> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let end_of = |k: usize| chars[k].0 + chars[k].1.len_utf8();
    let mut out = Vec::new();
    // `i` is one past the character under consideration.
    let mut i = chars.len();
    let mut left = if maxsplit < 0 { i64::MAX } else { maxsplit };
    while left > 0 {
        left -= 1;
        while i > 0 && py_isspace(chars[i - 1].1) {
            i -= 1;
        }
        if i == 0 {
            break;
        }
        let j = i;
        while i > 0 && !py_isspace(chars[i - 1].1) {
            i -= 1;
        }
        let from = chars.get(i).map_or(s.len(), |(b, _)| *b);
        out.push(&s[from..end_of(j - 1)]);
    }
    while i > 0 && py_isspace(chars[i - 1].1) {
        i -= 1;
    }
    if i > 0 {
        out.push(&s[..end_of(i - 1)]);
    }
    out.reverse();
    out
}

/// The `sep` and `maxsplit` of `split` / `rsplit`.
pub(super) fn split_args(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
) -> PyResult<(Option<String>, i64)> {
    let a = keywords(args, kw, name, &["sep", "maxsplit"], 2)?;
    let maxsplit = match &a[1] {
        Some(v) => arg_ssize(vm, v)?,
        None => -1,
    };
    let sep = match a[0].as_ref().map(|v| v.str_base()) {
        None | Some(Value::None) => None,
        Some(Value::Str(s)) if s.is_empty() => return Err(exc::value_error("empty separator")),
        Some(Value::Str(s)) => Some(s.as_str().to_string()),
        Some(other) => {
            return Err(exc::type_error(format!(
                "must be str or None, not {}",
                other.type_name()
            )));
        }
    };
    Ok((sep, maxsplit))
}

/// The `chars` argument of `strip` and friends: `None` for whitespace.
pub(super) fn strip_args(args: &[Value], kw: &KwArgs, qual: &str) -> PyResult<Option<Vec<char>>> {
    let pos = positional(args, kw, qual, 0, 1)?;
    match pos.first() {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.as_str().chars().collect())),
        Some(_) => Err(exc::type_error(format!(
            "{} arg must be None or str",
            short_name(qual)
        ))),
    }
}

pub(super) fn do_strip<'a>(
    s: &'a str,
    chars: &Option<Vec<char>>,
    left: bool,
    right: bool,
) -> &'a str {
    let strip = |c: char| match chars {
        None => py_isspace(c),
        Some(set) => set.contains(&c),
    };
    let mut t = s;
    if left {
        t = t.trim_start_matches(strip);
    }
    if right {
        t = t.trim_end_matches(strip);
    }
    t
}

/// The `width` and `fillchar` of `center`, `ljust`, `rjust`.
pub(super) fn pad_args(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    qual: &str,
) -> PyResult<(usize, char)> {
    let pos = positional(args, kw, qual, 1, 2)?;
    let width = arg_ssize(vm, &pos[0])?.max(0) as usize;
    let fill = match pos.get(1) {
        None => ' ',
        Some(Value::Str(f)) => {
            let mut cs = f.as_str().chars();
            match (cs.next(), cs.next()) {
                (Some(c), None) => c,
                _ => {
                    return Err(exc::type_error(
                        "The fill character must be exactly one character long",
                    ));
                }
            }
        }
        Some(other) => {
            return Err(exc::type_error(format!(
                "The fill character must be a unicode character, not {}",
                other.type_name()
            )));
        }
    };
    check_alloc(width, 4)?;
    Ok((width, fill))
}

/// `s` with `left` and `right` fill characters around it.
pub(super) fn padded(s: &str, left: usize, right: usize, fill: char) -> Value {
    let mut out = String::with_capacity(s.len() + (left + right) * fill.len_utf8());
    out.extend(std::iter::repeat_n(fill, left));
    out.push_str(s);
    out.extend(std::iter::repeat_n(fill, right));
    Value::string(out)
}

// ----- str methods -------------------------------------------------------------------------

/// Defines a `str` method that takes no arguments and maps `self` to a value.
macro_rules! str_noargs {
    ($(#[$doc:meta])* $fn_name:ident, $name:literal, |$s:ident| $body:expr) => {
        $(#[$doc])*
        fn $fn_name(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
            let $s = this_str(args, $name)?;
            no_args(args, kw, concat!("str.", $name))?;
            Ok($body)
        }
    };
}

/// Defines a `str.isX()` predicate: true when the string is non-empty and every character
/// satisfies `$pred`.
macro_rules! str_predicate {
    ($(#[$doc:meta])* $fn_name:ident, $name:literal, $pred:expr) => {
        str_noargs!($(#[$doc])* $fn_name, $name, |s| {
            Value::Bool(!s.is_empty() && s.as_str().chars().all($pred))
        });
    };
}

str_noargs!(
    /// `str.upper()`
    str_upper, "upper", |s| Value::string(s.as_str().to_uppercase())
);
str_noargs!(
    /// `str.lower()`
    str_lower, "lower", |s| Value::string(s.as_str().to_lowercase())
);
str_noargs!(
    /// `str.casefold()`
    str_casefold, "casefold", |s| {
        let mut out = String::with_capacity(s.len());
        s.as_str().chars().for_each(|c| push_casefold(&mut out, c));
        Value::string(out)
    }
);
str_noargs!(
    /// `str.title()`: a cased character after an uncased one is title-cased, others lowered.
    str_title, "title", |s| {
        let chars: Vec<char> = s.as_str().chars().collect();
        let mut out = String::with_capacity(s.len());
        let mut prev_cased = false;
        for (i, &c) in chars.iter().enumerate() {
            if prev_cased {
                push_lower_at(&mut out, &chars, i);
            } else {
                push_title(&mut out, c);
            }
            prev_cased = is_cased(c);
        }
        Value::string(out)
    }
);
str_noargs!(
    /// `str.capitalize()`: the first character title-cased, the rest lowered.
    str_capitalize, "capitalize", |s| {
        let chars: Vec<char> = s.as_str().chars().collect();
        let mut out = String::with_capacity(s.len());
        for i in 0..chars.len() {
            if i == 0 {
                push_title(&mut out, chars[0]);
            } else {
                push_lower_at(&mut out, &chars, i);
            }
        }
        Value::string(out)
    }
);
str_noargs!(
    /// `str.swapcase()`
    str_swapcase, "swapcase", |s| {
        let chars: Vec<char> = s.as_str().chars().collect();
        let mut out = String::with_capacity(s.len());
        for (i, &c) in chars.iter().enumerate() {
            if c.is_uppercase() {
                push_lower_at(&mut out, &chars, i);
            } else if c.is_lowercase() {
                out.extend(c.to_uppercase());
            } else {
                out.push(c);
            }
        }
        Value::string(out)
    }
);
str_noargs!(
    /// `str.isascii()`: true for the empty string too.
    str_isascii, "isascii", |s| Value::Bool(s.as_str().is_ascii())
);
str_predicate!(
    /// `str.isdigit()`
    str_isdigit, "isdigit", py_isdigit
);
str_predicate!(
    /// `str.isdecimal()`
    str_isdecimal, "isdecimal", py_isdecimal
);
str_predicate!(
    /// `str.isnumeric()`
    str_isnumeric, "isnumeric", py_isnumeric
);
str_predicate!(
    /// `str.isalpha()`
    str_isalpha, "isalpha", py_isalpha
);
str_predicate!(
    /// `str.isalnum()`
    str_isalnum, "isalnum", py_isalnum
);
str_predicate!(
    /// `str.isspace()`
    str_isspace, "isspace", py_isspace
);
str_noargs!(
    /// `str.isprintable()` (true for the empty string)
    str_isprintable, "isprintable", |s| Value::Bool(s.as_str().chars().all(is_printable))
);
str_noargs!(
    /// `str.isidentifier()`
    str_isidentifier, "isidentifier", |s| Value::Bool(is_identifier(s.as_str()))
);
str_noargs!(
    /// `str.isupper()`: some cased character, and none lower- or title-case.
    str_isupper, "isupper", |s| Value::Bool(only_case(s.as_str(), char::is_uppercase, char::is_lowercase))
);
str_noargs!(
    /// `str.islower()`: some cased character, and none upper- or title-case.
    str_islower, "islower", |s| Value::Bool(only_case(s.as_str(), char::is_lowercase, char::is_uppercase))
);
str_noargs!(
    /// `str.istitle()`: upper-case letters only after uncased ones, lower-case only after cased.
    str_istitle, "istitle", |s| {
        let (mut cased, mut prev_cased, mut ok) = (false, false, true);
        for c in s.as_str().chars() {
            if c.is_uppercase() || is_titlecase(c) {
                if prev_cased {
                    ok = false;
                    break;
                }
                prev_cased = true;
                cased = true;
            } else if c.is_lowercase() {
                if !prev_cased {
                    ok = false;
                    break;
                }
                prev_cased = true;
                cased = true;
            } else {
                prev_cased = false;
            }
        }
        Value::Bool(ok && cased)
    }
);

/// `str.split(sep=None, maxsplit=-1)`
pub(super) fn str_split(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "split")?;
    let (sep, maxsplit) = split_args(vm, args, kw, "split")?;
    let text = s.as_str();
    Ok(str_list(match sep {
        None => split_whitespace(text, maxsplit),
        Some(sep) if maxsplit < 0 => text.split(sep.as_str()).collect(),
        Some(sep) => text.splitn(maxsplit as usize + 1, sep.as_str()).collect(),
    }))
}

/// `str.rsplit(sep=None, maxsplit=-1)`
pub(super) fn str_rsplit(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "rsplit")?;
    let (sep, maxsplit) = split_args(vm, args, kw, "rsplit")?;
    let text = s.as_str();
    Ok(str_list(match sep {
        None => rsplit_whitespace(text, maxsplit),
        Some(sep) => {
            let mut parts: Vec<&str> = if maxsplit < 0 {
                text.rsplit(sep.as_str()).collect()
            } else {
                text.rsplitn(maxsplit as usize + 1, sep.as_str()).collect()
            };
            parts.reverse();
            parts
        }
    }))
}

/// `str.splitlines(keepends=False)`
pub(super) fn str_splitlines(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "splitlines")?;
    let a = keywords(args, kw, "splitlines", &["keepends"], 1)?;
    let keepends = match &a[0] {
        Some(v) => arg_flag(vm, v)?,
        None => false,
    };
    let text = s.as_str();
    let mut parts = Vec::new();
    let mut it = text.char_indices().peekable();
    let mut line_start = 0;
    while let Some((i, c)) = it.next() {
        if !is_linebreak(c) {
            continue;
        }
        let mut next = i + c.len_utf8();
        if c == '\r' && it.peek().is_some_and(|(_, d)| *d == '\n') {
            it.next();
            next += 1;
        }
        parts.push(&text[line_start..if keepends { next } else { i }]);
        line_start = next;
    }
    if line_start < text.len() {
        parts.push(&text[line_start..]);
    }
    Ok(str_list(parts))
}

/// `str.join(iterable)`
pub(super) fn str_join(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "join")?;
    let iterable = one_arg(args, kw, "str.join")?;
    let it = vm.get_iter(iterable).map_err(|e| {
        if e.matches(&types().type_error) {
            exc::type_error("can only join an iterable")
        } else {
            e
        }
    })?;
    let mut items = Vec::new();
    while let Some(x) = vm.next(&it)? {
        // A str subclass joins as the str it carries.
        items.push(match x.builtin_base() {
            b @ Value::Str(_) => b.clone(),
            _ => x,
        });
    }
    let mut total = 0usize;
    for (i, item) in items.iter().enumerate() {
        match item {
            Value::Str(p) => total = total.saturating_add(p.len()),
            other => {
                return Err(exc::type_error(format!(
                    "sequence item {}: expected str instance, {} found",
                    i,
                    other.type_name()
                )));
            }
        }
    }
    check_alloc(total.saturating_add(s.len().saturating_mul(items.len())), 1)?;
    let mut out = String::with_capacity(total + s.len() * items.len());
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(s.as_str());
        }
        if let Value::Str(p) = item {
            out.push_str(p.as_str());
        }
    }
    Ok(Value::string(out))
}

/// `str.strip(chars=None)`
pub(super) fn str_strip(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "strip")?;
    let chars = strip_args(args, kw, "str.strip")?;
    Ok(Value::str(do_strip(s.as_str(), &chars, true, true)))
}

/// `str.lstrip(chars=None)`
pub(super) fn str_lstrip(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "lstrip")?;
    let chars = strip_args(args, kw, "str.lstrip")?;
    Ok(Value::str(do_strip(s.as_str(), &chars, true, false)))
}

/// `str.rstrip(chars=None)`
pub(super) fn str_rstrip(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "rstrip")?;
    let chars = strip_args(args, kw, "str.rstrip")?;
    Ok(Value::str(do_strip(s.as_str(), &chars, false, true)))
}

/// `str.startswith(prefix[, start[, end]])` and `endswith`: `prefix` a str or a tuple of str.
pub(super) fn starts_or_ends(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    qual: &str,
    at_end: bool,
) -> PyResult<Value> {
    let name = short_name(qual);
    let s = this_str(args, name)?;
    let (what, start, end) = find_args(vm, args, kw, qual)?;
    // A str or tuple subclass reads as its str or tuple.
    let what = match what.builtin_base() {
        b @ (Value::Str(_) | Value::Tuple(_)) => b.clone(),
        _ => what.clone(),
    };
    match &what {
        Value::Str(p) => Ok(Value::Bool(tail_match(s, p.as_str(), start, end, at_end))),
        Value::Tuple(t) => {
            for item in &t.0 {
                match item.str_base() {
                    Value::Str(p) => {
                        if tail_match(s, p.as_str(), start, end, at_end) {
                            return Ok(Value::Bool(true));
                        }
                    }
                    other => {
                        return Err(exc::type_error(format!(
                            "tuple for {} must only contain str, not {}",
                            name,
                            other.type_name()
                        )));
                    }
                }
            }
            Ok(Value::Bool(false))
        }
        other => Err(exc::type_error(format!(
            "{} first arg must be str or a tuple of str, not {}",
            name,
            other.type_name()
        ))),
    }
}

/// `str.startswith(prefix[, start[, end]])`
pub(super) fn str_startswith(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    starts_or_ends(vm, args, kw, "str.startswith", false)
}

/// `str.endswith(suffix[, start[, end]])`
pub(super) fn str_endswith(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    starts_or_ends(vm, args, kw, "str.endswith", true)
}

/// `find`, `rfind`, `index`, `rindex`: the position, or -1 / ValueError.
pub(super) fn find_common(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    qual: &str,
    reverse: bool,
    raise: bool,
) -> PyResult<Value> {
    let s = this_str(args, short_name(qual))?;
    let (sub, start, end) = find_args(vm, args, kw, qual)?;
    let pos = find_in(s, str_arg(sub)?, start, end, reverse);
    if pos < 0 && raise {
        return Err(exc::value_error("substring not found"));
    }
    Ok(Value::Int(pos))
}

/// `str.find(sub[, start[, end]])`
pub(super) fn str_find(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    find_common(vm, args, kw, "str.find", false, false)
}

/// `str.rfind(sub[, start[, end]])`
pub(super) fn str_rfind(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    find_common(vm, args, kw, "str.rfind", true, false)
}

/// `str.index(sub[, start[, end]])`
pub(super) fn str_index(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    find_common(vm, args, kw, "str.index", false, true)
}

/// `str.rindex(sub[, start[, end]])`
pub(super) fn str_rindex(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    find_common(vm, args, kw, "str.rindex", true, true)
}

/// `str.count(sub[, start[, end]])`: non-overlapping occurrences.
pub(super) fn str_count(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "count")?;
    let (sub, start, end) = find_args(vm, args, kw, "str.count")?;
    let sub = str_arg(sub)?;
    let (start, end) = adjust_indices(start, end, s.char_len());
    let sub_len = count_chars(sub) as i64;
    if end - start < sub_len {
        return Ok(Value::Int(0));
    }
    if sub.is_empty() {
        return Ok(Value::Int(end - start + 1));
    }
    let hay = &s.as_str()[byte_at(s, start)..byte_at(s, end)];
    Ok(Value::Int(hay.matches(sub).count() as i64))
}

/// `str.replace(old, new, count=-1)`
pub(super) fn str_replace(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "replace")?;
    let pos = positional(args, kw, "str.replace", 2, 3)?;
    let mut strs = ["", ""];
    for (i, slot) in strs.iter_mut().enumerate() {
        *slot = match pos[i].str_base() {
            Value::Str(x) => x.as_str(),
            other => {
                return Err(exc::type_error(format!(
                    "replace() argument {} must be str, not {}",
                    i + 1,
                    other.type_name()
                )));
            }
        };
    }
    let [old, new] = strs;
    let count = match pos.get(2) {
        Some(v) => arg_ssize(vm, v)?,
        None => -1,
    };
    let text = s.as_str();
    let occurrences = if old.is_empty() {
        s.char_len() + 1
    } else {
        text.matches(old).count()
    };
    let n = if count < 0 {
        occurrences
    } else {
        occurrences.min(count as usize)
    };
    check_alloc(new.len().saturating_mul(n).saturating_add(text.len()), 1)?;
    Ok(Value::string(text.replacen(old, new, n)))
}

/// `str.center(width, fillchar=' ')`
pub(super) fn str_center(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "center")?;
    let (width, fill) = pad_args(vm, args, kw, "str.center")?;
    let len = s.char_len();
    if width <= len {
        return Ok(args[0].clone());
    }
    let marg = width - len;
    // CPython's rounding: the odd extra goes left only when both margin and width are odd.
    let left = marg / 2 + (marg & width & 1);
    Ok(padded(s.as_str(), left, marg - left, fill))
}

/// `str.ljust(width, fillchar=' ')`
pub(super) fn str_ljust(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "ljust")?;
    let (width, fill) = pad_args(vm, args, kw, "str.ljust")?;
    let len = s.char_len();
    if width <= len {
        return Ok(args[0].clone());
    }
    Ok(padded(s.as_str(), 0, width - len, fill))
}

/// `str.rjust(width, fillchar=' ')`
pub(super) fn str_rjust(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "rjust")?;
    let (width, fill) = pad_args(vm, args, kw, "str.rjust")?;
    let len = s.char_len();
    if width <= len {
        return Ok(args[0].clone());
    }
    Ok(padded(s.as_str(), width - len, 0, fill))
}

/// `str.zfill(width)`: zeros after any sign.
pub(super) fn str_zfill(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "zfill")?;
    let width = arg_ssize(vm, one_arg(args, kw, "str.zfill")?)?.max(0) as usize;
    let len = s.char_len();
    if width <= len {
        return Ok(args[0].clone());
    }
    check_alloc(width, 1)?;
    let text = s.as_str();
    let (sign, digits) = match text.as_bytes().first() {
        Some(b'+' | b'-') => text.split_at(1),
        _ => ("", text),
    };
    let mut out = String::with_capacity(width + text.len());
    out.push_str(sign);
    out.extend(std::iter::repeat_n('0', width - len));
    out.push_str(digits);
    Ok(Value::string(out))
}

/// `partition` / `rpartition`
pub(super) fn partition_common(
    args: &[Value],
    kw: &KwArgs,
    qual: &str,
    reverse: bool,
) -> PyResult<Value> {
    let s = this_str(args, short_name(qual))?;
    let sep = str_arg(one_arg(args, kw, qual)?)?;
    if sep.is_empty() {
        return Err(exc::value_error("empty separator"));
    }
    let text = s.as_str();
    let found = if reverse {
        text.rfind(sep)
    } else {
        text.find(sep)
    };
    let parts = match found {
        Some(i) => [&text[..i], sep, &text[i + sep.len()..]],
        None if reverse => ["", "", text],
        None => [text, "", ""],
    };
    Ok(Value::tuple(parts.into_iter().map(Value::str).collect()))
}

/// `str.partition(sep)`
pub(super) fn str_partition(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    partition_common(args, kw, "str.partition", false)
}

/// `str.rpartition(sep)`
pub(super) fn str_rpartition(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    partition_common(args, kw, "str.rpartition", true)
}

/// `str.expandtabs(tabsize=8)`: columns restart after `\n` and `\r`.
pub(super) fn str_expandtabs(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "expandtabs")?;
    let a = keywords(args, kw, "expandtabs", &["tabsize"], 1)?;
    let tabsize = match &a[0] {
        Some(v) => arg_ssize(vm, v)?,
        None => 8,
    };
    let mut out = String::with_capacity(s.len());
    let mut col: i64 = 0;
    for c in s.as_str().chars() {
        match c {
            '\t' => {
                if tabsize > 0 {
                    let n = tabsize - col % tabsize;
                    check_alloc(out.len().saturating_add(n as usize), 1)?;
                    out.extend(std::iter::repeat_n(' ', n as usize));
                    col += n;
                }
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            c => {
                out.push(c);
                col += 1;
            }
        }
    }
    Ok(Value::string(out))
}

/// `removeprefix` / `removesuffix`
pub(super) fn remove_affix(
    args: &[Value],
    kw: &KwArgs,
    qual: &str,
    suffix: bool,
) -> PyResult<Value> {
    let name = short_name(qual);
    let s = this_str(args, name)?;
    let affix = match one_arg(args, kw, qual)? {
        Value::Str(a) => a.as_str(),
        other => {
            return Err(exc::type_error(format!(
                "{}() argument must be str, not {}",
                name,
                other.type_name()
            )));
        }
    };
    let text = s.as_str();
    let stripped = if suffix {
        text.strip_suffix(affix)
    } else {
        text.strip_prefix(affix)
    };
    match stripped {
        Some(t) if !affix.is_empty() => Ok(Value::str(t)),
        _ => Ok(args[0].clone()),
    }
}

/// `str.removeprefix(prefix)`
pub(super) fn str_removeprefix(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    remove_affix(args, kw, "str.removeprefix", false)
}

/// `str.removesuffix(suffix)`
pub(super) fn str_removesuffix(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    remove_affix(args, kw, "str.removesuffix", true)
}

/// Registers the methods of `str` in its class. Called once, while the built-in classes are
/// being created: it must not call `types()`.
pub(crate) fn register(t: &Types) {
    add_all(
        &t.str,
        &[
            ("split", str_split),
            ("rsplit", str_rsplit),
            ("splitlines", str_splitlines),
            ("join", str_join),
            ("strip", str_strip),
            ("lstrip", str_lstrip),
            ("rstrip", str_rstrip),
            ("upper", str_upper),
            ("lower", str_lower),
            ("title", str_title),
            ("capitalize", str_capitalize),
            ("swapcase", str_swapcase),
            ("casefold", str_casefold),
            ("startswith", str_startswith),
            ("endswith", str_endswith),
            ("find", str_find),
            ("rfind", str_rfind),
            ("index", str_index),
            ("rindex", str_rindex),
            ("count", str_count),
            ("replace", str_replace),
            ("isascii", str_isascii),
            ("translate", str_translate),
            ("isdigit", str_isdigit),
            ("isdecimal", str_isdecimal),
            ("isnumeric", str_isnumeric),
            ("isalpha", str_isalpha),
            ("isalnum", str_isalnum),
            ("isspace", str_isspace),
            ("isupper", str_isupper),
            ("islower", str_islower),
            ("istitle", str_istitle),
            ("isidentifier", str_isidentifier),
            ("isprintable", str_isprintable),
            ("center", str_center),
            ("ljust", str_ljust),
            ("rjust", str_rjust),
            ("zfill", str_zfill),
            ("partition", str_partition),
            ("rpartition", str_rpartition),
            ("expandtabs", str_expandtabs),
            ("removeprefix", str_removeprefix),
            ("removesuffix", str_removesuffix),
        ],
    );
    add_all(&t.str, &sequence_slots!(this_str, |s| s.char_len()));
    // A static method: stored bound to `str`, so `str.maketrans(...)` and `"".maketrans(...)`
    // both receive the class first, which it ignores.
    let maketrans = Value::Builtin(std::sync::Arc::new(crate::vm::object::BuiltinFunction {
        name: "maketrans",
        owner: Some("str"),
        func: str_maketrans,
    }));
    let bound = crate::vm::object::BoundMethod::new(maketrans, Value::Class(t.str.clone()));
    t.str
        .dict
        .set_str("maketrans", Value::Method(std::sync::Arc::new(bound)));
}

/// `str(object='')`.
pub fn str_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = ctor_args(args);
    if a.len() + kw.len() > 3 {
        return Err(exc::type_error(format!(
            "str() takes at most 3 arguments ({} given)",
            a.len() + kw.len()
        )));
    }
    let slots = bind_params(a, kw, "str", &["object", "encoding", "errors"], 0)?;
    match &slots[0] {
        None => Ok(Value::str("")),
        Some(x) => {
            if slots[1].is_some() || slots[2].is_some() {
                let text = |v: &Option<Value>, default: &str, what: &str| match v {
                    None => Ok(default.to_string()),
                    Some(Value::Str(s)) => Ok(s.as_str().to_string()),
                    Some(other) => Err(exc::type_error(format!(
                        "str() argument '{what}' must be str, not {}",
                        other.type_name()
                    ))),
                };
                let encoding = text(&slots[1], "utf-8", "encoding")?;
                let errors = text(&slots[2], "strict", "errors")?;
                if let Some(data) = crate::vm::types::bytes::bytes_like(x) {
                    return Ok(Value::string(crate::vm::types::bytes_codecs::decode(
                        &data, &encoding, &errors,
                    )?));
                }
                return Err(exc::type_error(format!(
                    "decoding to str: need a bytes-like object, {} found",
                    x.type_name()
                )));
            }
            vm.to_str_value(x)
        }
    }
}

// ----- translate ----------------------------------------------------------------------------

/// `str.maketrans(x[, y[, z]])`: a static method, stored bound to `str` (as `dict.fromkeys`
/// is to `dict`), so `args[0]` is the class and is ignored.
fn str_maketrans(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let pos = positional(args, kw, "maketrans", 1, 3)?;
    let table = Value::Dict(std::sync::Arc::new(crate::vm::object::Dict::new()));
    if pos.len() == 1 {
        let Value::Dict(d) = &pos[0] else {
            return Err(exc::type_error(
                "if you give only one argument to maketrans it must be a dict",
            ));
        };
        for (k, v) in d.items() {
            let key = match &k {
                Value::Str(s) if s.as_str().chars().count() == 1 => {
                    Value::Int(s.as_str().chars().next().map_or(0, |c| c as i64))
                }
                Value::Str(_) => {
                    return Err(exc::value_error(
                        "string keys in translate table must be of length 1",
                    ));
                }
                Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => k.clone(),
                _ => {
                    return Err(exc::type_error(
                        "keys in translate table must be strings or integers",
                    ));
                }
            };
            vm.setitem(&table, &key, v)?;
        }
        return Ok(table);
    }
    let (Value::Str(x), Value::Str(y)) = (&pos[0], &pos[1]) else {
        return Err(match &pos[0] {
            Value::Str(_) => exc::type_error(format!(
                "maketrans() argument 2 must be str, not {}",
                pos[1].type_name()
            )),
            _ => exc::type_error(
                "first maketrans argument must be a string if there is a second argument",
            ),
        });
    };
    if x.as_str().chars().count() != y.as_str().chars().count() {
        return Err(exc::value_error(
            "the first two maketrans arguments must have equal length",
        ));
    }
    for (a, b) in x.as_str().chars().zip(y.as_str().chars()) {
        vm.setitem(&table, &Value::Int(a as i64), Value::Int(b as i64))?;
    }
    if let Some(z) = pos.get(2) {
        let Value::Str(z) = z else {
            return Err(exc::type_error(format!(
                "maketrans() argument 3 must be str, not {}",
                z.type_name()
            )));
        };
        for c in z.as_str().chars() {
            vm.setitem(&table, &Value::Int(c as i64), Value::None)?;
        }
    }
    Ok(table)
}

/// `str.translate(table)`: each character's ordinal looked up with `table[ord(c)]`; a
/// `LookupError` keeps the character, `None` deletes it, an int or a str replaces it.
fn str_translate(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "translate")?;
    let pos = positional(args, kw, "translate", 1, 1)?;
    let table = &pos[0];
    let mut out = String::with_capacity(s.len());
    for c in s.as_str().chars() {
        match vm.getitem(table, &Value::Int(c as i64)) {
            Ok(Value::None) => {}
            Ok(Value::Str(r)) => out.push_str(r.as_str()),
            Ok(Value::Int(n)) => match u32::try_from(n).ok().and_then(char::from_u32) {
                Some(ch) => out.push(ch),
                None => {
                    return Err(exc::value_error(
                        "character mapping must be in range(0x110000)",
                    ));
                }
            },
            Ok(_) => {
                return Err(exc::type_error(
                    "character mapping must return integer, None or str",
                ));
            }
            Err(e) if e.matches(&types().lookup_error) => out.push(c),
            Err(e) => return Err(e),
        }
    }
    Ok(Value::string(out))
}

// ----- repr ---------------------------------------------------------------------------------

/// Python's `repr(str)` and `str.isprintable` for one character: the rules `dis` shows
/// string constants with, which are the runtime's too.
pub use crate::bytecode::constant::{is_printable, str_repr};

/// `ascii(x)`: the repr with every non-ASCII character escaped.
pub fn ascii_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let n = c as u32;
        if n < 0x80 {
            out.push(c);
        } else if n < 0x100 {
            out.push_str(&format!("\\x{:02x}", n));
        } else if n < 0x10000 {
            out.push_str(&format!("\\u{:04x}", n));
        } else {
            out.push_str(&format!("\\U{:08x}", n));
        }
    }
    out
}
