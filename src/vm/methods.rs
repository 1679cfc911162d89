//! Methods of the built-in types: `str.split`, `list.append`, `dict.items`, `set.union`, ….
//!
//! Each method is a [`NativeFn`] registered in its class dict by [`register_all`], so it is found
//! by the same attribute lookup as a user class's methods and receives `self` as `args[0]`.
//! Operators (`+`, `in`, `[]`, `==`, …) are not here: `ops.rs` handles them natively.
//!
//! What this module promises:
//! - Results and error messages are CPython 3.11's, word for word, including the wording of
//!   argument-count errors, which differs with how CPython declares each method (see the
//!   argument helpers below).
//! - No object lock is held while Python code runs (`__eq__`, `__hash__`, a sort key, `repr`):
//!   elements are copied out first, and loops that compare against a live list re-read it at
//!   each step, as CPython's do.
//! - String indices count code points; ASCII strings take byte-indexed fast paths.
//! - Sets iterate in CPython's table order (`pyset.rs`); the algebra follows CPython's paths.

use std::any::Any;
use std::cmp::Ordering;
use std::sync::Arc;

use num_bigint::BigInt;
use num_traits::{Signed, Zero};

use crate::vm::Vm;
use crate::vm::exceptions::{self as exc, PyErr};
use crate::vm::object::{
    BoundMethod, Class, Dict, IterObj, KwArgs, NativeFn, NativeObject, PyResult, SeqIter, Set,
};
use crate::vm::ops::{NOT_IMPLEMENTED, check_alloc};
use crate::vm::pyset::{self, Operand};
use crate::vm::types::{Types, add_method, is_printable, types};
use crate::vm::value::{KeySet, PyStr, Value};

// ----- arguments ---------------------------------------------------------------------------
//
// CPython words an argument error according to how the method is declared, so each helper
// below stands for one declaration style and produces that style's messages.

/// The arguments after `self`.
fn rest(args: &[Value]) -> &[Value] {
    args.get(1..).unwrap_or(&[])
}

use crate::vm::args::{no_keywords, plural};

/// `isupper`/`islower`: at least one character of the `wanted` case and none of the `other`
/// case or title case.
fn only_case(s: &str, wanted: fn(char) -> bool, other: fn(char) -> bool) -> bool {
    let mut cased = false;
    for c in s.chars() {
        if other(c) || is_titlecase(c) {
            return false;
        }
        cased |= wanted(c);
    }
    cased
}

/// The part of `str.split` after the dot.
fn short_name(qual: &str) -> &str {
    qual.rsplit('.').next().unwrap_or(qual)
}

/// `METH_NOARGS`: "list.clear() takes no arguments (1 given)".
fn no_args(args: &[Value], kw: &KwArgs, qual: &str) -> PyResult<()> {
    crate::vm::args::no_args(rest(args), kw, qual)
}

/// `METH_O`: "list.append() takes exactly one argument (0 given)".
fn one_arg<'a>(args: &'a [Value], kw: &KwArgs, qual: &str) -> PyResult<&'a Value> {
    crate::vm::args::one_arg(rest(args), kw, qual)
}

/// Argument Clinic, positional only: "insert expected 2 arguments, got 1".
fn positional<'a>(
    args: &'a [Value],
    kw: &KwArgs,
    qual: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    if !kw.is_empty() {
        return Err(no_keywords(qual));
    }
    crate::vm::args::positional(rest(args), kw, short_name(qual), min, max)
}

/// `PyArg_ParseTuple` style (`str.find`): "find() takes at least 1 argument (0 given)".
fn old_style<'a>(
    args: &'a [Value],
    kw: &KwArgs,
    qual: &str,
    min: usize,
    max: usize,
) -> PyResult<&'a [Value]> {
    if !kw.is_empty() {
        return Err(no_keywords(qual));
    }
    let pos = rest(args);
    let n = pos.len();
    if n >= min && n <= max {
        return Ok(pos);
    }
    let (which, bound) = if n < min {
        ("at least", min)
    } else {
        ("at most", max)
    };
    Err(exc::type_error(format!(
        "{}() takes {} {} argument{} ({} given)",
        short_name(qual),
        which,
        bound,
        plural(bound),
        n
    )))
}

/// Argument Clinic with keywords (`str.split(sep=None, maxsplit=-1)`, `list.sort(*, key=None,
/// reverse=False)`): every parameter optional, the first `maxpos` also positional. Returns one
/// slot per parameter.
fn keywords(
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    params: &[&str],
    maxpos: usize,
) -> PyResult<Vec<Option<Value>>> {
    let pos = rest(args);
    let (nargs, max) = (pos.len(), params.len());
    if nargs + kw.len() > max {
        return Err(exc::type_error(format!(
            "{}() takes at most {} {}argument{} ({} given)",
            name,
            max,
            if nargs == 0 { "keyword " } else { "" },
            plural(max),
            nargs + kw.len()
        )));
    }
    if nargs > maxpos {
        return Err(exc::type_error(if maxpos == 0 {
            format!("{}() takes no positional arguments", name)
        } else {
            format!(
                "{}() takes at most {} positional argument{} ({} given)",
                name,
                maxpos,
                plural(maxpos),
                nargs
            )
        }));
    }
    let mut slots: Vec<Option<Value>> = vec![None; max];
    for (slot, v) in slots.iter_mut().zip(pos) {
        *slot = Some(v.clone());
    }
    let mut unexpected = None;
    for (k, v) in kw {
        match params.iter().position(|p| *p == &**k) {
            Some(i) if i < nargs => {
                return Err(exc::type_error(format!(
                    "argument for {}() given by name ('{}') and position ({})",
                    name,
                    k,
                    i + 1
                )));
            }
            Some(i) => slots[i] = Some(v.clone()),
            None => unexpected = unexpected.or(Some(k)),
        }
    }
    match unexpected {
        Some(k) => Err(exc::type_error(format!(
            "'{}' is an invalid keyword argument for {}()",
            k, name
        ))),
        None => Ok(slots),
    }
}

/// A slot wrapper (`[].__len__`, `"".__contains__`): "expected 1 argument, got 0".
fn slot_args<'a>(args: &'a [Value], kw: &KwArgs, name: &str, n: usize) -> PyResult<&'a [Value]> {
    if !kw.is_empty() {
        return Err(exc::type_error(format!(
            "wrapper {}() takes no keyword arguments",
            name
        )));
    }
    let pos = rest(args);
    if pos.len() != n {
        return Err(exc::type_error(format!(
            "expected {} argument{}, got {}",
            n,
            plural(n),
            pos.len()
        )));
    }
    Ok(pos)
}

/// Whether CPython exposes `owner.name` as a slot wrapper rather than a method: the dunders
/// registered here are slot wrappers except these few, which their types define as methods.
fn is_slot(owner: &str, name: &str) -> bool {
    name.starts_with("__")
        && !matches!(
            (owner, name),
            ("list" | "dict", "__getitem__") | ("dict" | "set" | "frozenset", "__contains__")
        )
}

#[cold]
fn descriptor_error(name: &str, owner: &str, got: &Value) -> PyErr {
    let ty = got.type_name();
    exc::type_error(if is_slot(owner, name) {
        format!(
            "descriptor '{}' requires a '{}' object but received a '{}'",
            name, owner, ty
        )
    } else {
        format!(
            "descriptor '{}' for '{}' objects doesn't apply to a '{}' object",
            name, owner, ty
        )
    })
}

#[cold]
fn unbound_error(owner: &str, name: &str) -> PyErr {
    exc::type_error(if is_slot(owner, name) {
        format!(
            "descriptor '{}' of '{}' object needs an argument",
            name, owner
        )
    } else {
        format!("unbound method {}.{}() needs an argument", owner, name)
    })
}

/// Defines `fn $name(args, method_name) -> PyResult<$ty>`: `self` of the right type, or the
/// error CPython gives when a method is called through its class on something else.
macro_rules! self_getter {
    ($fn_name:ident, $owner:expr, $ty:ty, $pat:pat => $out:expr) => {
        fn $fn_name<'a>(args: &'a [Value], name: &str) -> PyResult<$ty> {
            match args.first() {
                Some($pat) => Ok($out),
                Some(other) => Err(descriptor_error(name, $owner, other)),
                None => Err(unbound_error($owner, name)),
            }
        }
    };
}

self_getter!(this_str, "str", &'a Arc<PyStr>, Value::Str(s) => s);
self_getter!(this_list, "list", &'a Arc<crate::vm::object::List>, Value::List(l) => l);
self_getter!(this_tuple, "tuple", &'a [Value], Value::Tuple(t) => &t.0);
self_getter!(this_dict, "dict", &'a Arc<Dict>, Value::Dict(d) => d);
self_getter!(this_range, "range", &'a crate::vm::object::RangeObj, Value::Range(r) => r);

/// `self` of a `float` method.
fn this_float(args: &[Value], name: &str) -> PyResult<f64> {
    match args.first() {
        Some(Value::Float(x)) => Ok(*x),
        Some(other) => Err(descriptor_error(name, "float", other)),
        None => Err(unbound_error("float", name)),
    }
}

/// `self` of `set` (`FROZEN = false`) or `frozenset` methods.
fn this_set<'a, const FROZEN: bool>(args: &'a [Value], name: &str) -> PyResult<&'a Arc<Set>> {
    let owner = if FROZEN { "frozenset" } else { "set" };
    match args.first() {
        Some(Value::Set(s)) if s.frozen == FROZEN => Ok(s),
        Some(other) => Err(descriptor_error(name, owner, other)),
        None => Err(unbound_error(owner, name)),
    }
}

/// `self` of an `int` method, as a BigInt (bool is an int).
fn this_int(args: &[Value], name: &str) -> PyResult<BigInt> {
    match args.first() {
        Some(Value::Int(i)) => Ok(BigInt::from(*i)),
        Some(Value::Bool(b)) => Ok(BigInt::from(*b as i64)),
        Some(Value::BigInt(b)) => Ok((**b).clone()),
        Some(other) => Err(descriptor_error(name, "int", other)),
        None => Err(unbound_error("int", name)),
    }
}

/// An argument converted like Argument Clinic's `Py_ssize_t`.
fn arg_ssize(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::BigInt(_) => Err(exc::overflow_error(
            "Python int too large to convert to C ssize_t",
        )),
        _ => vm.to_index(v),
    }
}

/// An argument converted like Argument Clinic's `bool(accept={int})`.
fn arg_flag(vm: &mut Vm, v: &Value) -> PyResult<bool> {
    match v {
        Value::BigInt(_) => Err(exc::overflow_error(
            "Python int too large to convert to C int",
        )),
        _ => Ok(vm.to_index(v)? != 0),
    }
}

/// A `start`/`end` argument (`_PyEval_SliceIndex`): huge ints clamp, `None` means absent
/// where `allow_none`.
fn slice_arg(vm: &mut Vm, v: &Value, allow_none: bool) -> PyResult<Option<i64>> {
    match v {
        Value::None if allow_none => Ok(None),
        Value::Int(i) => Ok(Some(*i)),
        Value::Bool(b) => Ok(Some(*b as i64)),
        Value::BigInt(b) => Ok(Some(if b.is_negative() { i64::MIN } else { i64::MAX })),
        _ if vm.lookup_special(v, "__index__").is_some() => vm.to_index(v).map(Some),
        _ => Err(exc::type_error(if allow_none {
            "slice indices must be integers or None or have an __index__ method"
        } else {
            "slice indices must be integers or have an __index__ method"
        })),
    }
}

/// CPython's `ADJUST_INDICES`: negative indices count from the end, then clamp to `0..=len`
/// (only `end` is clamped above; a `start` past the end stays past it).
fn adjust_indices(start: Option<i64>, end: Option<i64>, len: usize) -> (i64, i64) {
    let len = len as i64;
    let mut end = end.unwrap_or(len);
    if end > len {
        end = len;
    } else if end < 0 {
        end = (end + len).max(0);
    }
    let mut start = start.unwrap_or(0);
    if start < 0 {
        start = (start + len).max(0);
    }
    (start, end)
}

/// `x is y or x == y`, the comparison containers use.
fn same_or_eq(vm: &mut Vm, x: &Value, y: &Value) -> PyResult<bool> {
    Ok(x.is(y) || vm.eq(x, y)?)
}

// ----- str: character classes --------------------------------------------------------------

/// CPython's `Py_UNICODE_ISSPACE` (Rust's `is_whitespace` lacks U+001C..U+001F).
fn py_isspace(c: char) -> bool {
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
fn is_linebreak(c: char) -> bool {
    matches!(
        c,
        '\n' | '\x0b' | '\x0c' | '\r' | '\x1c'..='\x1e' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

fn in_table(c: char, table: &[(u32, u32)]) -> bool {
    let n = c as u32;
    table
        .binary_search_by(|&(lo, hi)| {
            if hi < n {
                Ordering::Less
            } else if lo > n {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        })
        .is_ok()
}

fn py_isalpha(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        in_table(c, ALPHA)
    }
}

fn py_isdecimal(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_table(c, DECIMAL)
    }
}

fn py_isdigit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_table(c, DIGIT)
    }
}

fn py_isnumeric(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_digit()
    } else {
        in_table(c, NUMERIC)
    }
}

/// `isalnum` is `isalpha or isdecimal or isdigit or isnumeric`; the last includes the others.
fn py_isalnum(c: char) -> bool {
    py_isalpha(c) || py_isnumeric(c)
}

/// Unicode category Lt (ǅ, ᾈ, …).
fn is_titlecase(c: char) -> bool {
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

fn is_cased(c: char) -> bool {
    c.is_uppercase() || c.is_lowercase() || is_titlecase(c)
}

/// An approximation of the Case_Ignorable property, for the final-sigma rule.
fn is_case_ignorable(c: char) -> bool {
    matches!(
        c,
        '\'' | '.' | ':' | '^' | '`' | '\u{ad}' | '\u{b7}' | '\u{2019}' | '\u{300}'..='\u{36f}'
    )
}

/// Appends the title case of `c` (`ß` → `Ss`, `ǆ` → `ǅ`).
fn push_title(out: &mut String, c: char) {
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
fn push_lower_at(out: &mut String, chars: &[char], i: usize) {
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
fn push_casefold(out: &mut String, c: char) {
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

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let start = |c: char| c == '_' || py_isalpha(c);
    start(first) && chars.all(|c| start(c) || py_isdecimal(c) || c.is_alphanumeric())
}

// ----- str: helpers ------------------------------------------------------------------------

/// Byte offset of code point `i` (the end when `i` is past it).
fn byte_at(s: &PyStr, i: i64) -> usize {
    let i = i.max(0) as usize;
    if s.is_ascii() {
        i.min(s.len())
    } else {
        s.as_str().char_indices().nth(i).map_or(s.len(), |(b, _)| b)
    }
}

/// Number of code points in `s`.
fn count_chars(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// A str argument or TypeError "must be str, not int".
fn str_arg(v: &Value) -> PyResult<&str> {
    match v {
        Value::Str(s) => Ok(s.as_str()),
        other => Err(exc::type_error(format!(
            "must be str, not {}",
            other.type_name()
        ))),
    }
}

/// `sub, start, end` of `find`, `count`, `index`, …: start/end are checked before `sub`.
fn find_args<'a>(
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
fn find_in(s: &PyStr, sub: &str, start: Option<i64>, end: Option<i64>, reverse: bool) -> i64 {
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
fn tail_match(s: &PyStr, sub: &str, start: Option<i64>, end: Option<i64>, at_end: bool) -> bool {
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
fn str_list(parts: Vec<&str>) -> Value {
    Value::list(parts.into_iter().map(Value::str).collect())
}

/// `str.split()` with no separator: runs of whitespace separate, and the ends are trimmed.
fn split_whitespace(s: &str, maxsplit: i64) -> Vec<&str> {
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
fn rsplit_whitespace(s: &str, maxsplit: i64) -> Vec<&str> {
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
fn split_args(
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
    let sep = match &a[0] {
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
fn strip_args(args: &[Value], kw: &KwArgs, qual: &str) -> PyResult<Option<Vec<char>>> {
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

fn do_strip<'a>(s: &'a str, chars: &Option<Vec<char>>, left: bool, right: bool) -> &'a str {
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
fn pad_args(vm: &mut Vm, args: &[Value], kw: &KwArgs, qual: &str) -> PyResult<(usize, char)> {
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
fn padded(s: &str, left: usize, right: usize, fill: char) -> Value {
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
fn str_split(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
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
fn str_rsplit(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
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
fn str_splitlines(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
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
fn str_join(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
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
        items.push(x);
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
fn str_strip(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "strip")?;
    let chars = strip_args(args, kw, "str.strip")?;
    Ok(Value::str(do_strip(s.as_str(), &chars, true, true)))
}

/// `str.lstrip(chars=None)`
fn str_lstrip(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "lstrip")?;
    let chars = strip_args(args, kw, "str.lstrip")?;
    Ok(Value::str(do_strip(s.as_str(), &chars, true, false)))
}

/// `str.rstrip(chars=None)`
fn str_rstrip(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "rstrip")?;
    let chars = strip_args(args, kw, "str.rstrip")?;
    Ok(Value::str(do_strip(s.as_str(), &chars, false, true)))
}

/// `str.startswith(prefix[, start[, end]])` and `endswith`: `prefix` a str or a tuple of str.
fn starts_or_ends(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    qual: &str,
    at_end: bool,
) -> PyResult<Value> {
    let name = short_name(qual);
    let s = this_str(args, name)?;
    let (what, start, end) = find_args(vm, args, kw, qual)?;
    match what {
        Value::Str(p) => Ok(Value::Bool(tail_match(s, p.as_str(), start, end, at_end))),
        Value::Tuple(t) => {
            for item in &t.0 {
                match item {
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
fn str_startswith(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    starts_or_ends(vm, args, kw, "str.startswith", false)
}

/// `str.endswith(suffix[, start[, end]])`
fn str_endswith(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    starts_or_ends(vm, args, kw, "str.endswith", true)
}

/// `find`, `rfind`, `index`, `rindex`: the position, or -1 / ValueError.
fn find_common(
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
fn str_find(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    find_common(vm, args, kw, "str.find", false, false)
}

/// `str.rfind(sub[, start[, end]])`
fn str_rfind(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    find_common(vm, args, kw, "str.rfind", true, false)
}

/// `str.index(sub[, start[, end]])`
fn str_index(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    find_common(vm, args, kw, "str.index", false, true)
}

/// `str.rindex(sub[, start[, end]])`
fn str_rindex(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    find_common(vm, args, kw, "str.rindex", true, true)
}

/// `str.count(sub[, start[, end]])`: non-overlapping occurrences.
fn str_count(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
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
fn str_replace(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "replace")?;
    let pos = positional(args, kw, "str.replace", 2, 3)?;
    let mut strs = ["", ""];
    for (i, slot) in strs.iter_mut().enumerate() {
        *slot = match &pos[i] {
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
fn str_center(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
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
fn str_ljust(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "ljust")?;
    let (width, fill) = pad_args(vm, args, kw, "str.ljust")?;
    let len = s.char_len();
    if width <= len {
        return Ok(args[0].clone());
    }
    Ok(padded(s.as_str(), 0, width - len, fill))
}

/// `str.rjust(width, fillchar=' ')`
fn str_rjust(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "rjust")?;
    let (width, fill) = pad_args(vm, args, kw, "str.rjust")?;
    let len = s.char_len();
    if width <= len {
        return Ok(args[0].clone());
    }
    Ok(padded(s.as_str(), width - len, 0, fill))
}

/// `str.zfill(width)`: zeros after any sign.
fn str_zfill(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
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
fn partition_common(args: &[Value], kw: &KwArgs, qual: &str, reverse: bool) -> PyResult<Value> {
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
fn str_partition(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    partition_common(args, kw, "str.partition", false)
}

/// `str.rpartition(sep)`
fn str_rpartition(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    partition_common(args, kw, "str.rpartition", true)
}

/// `str.expandtabs(tabsize=8)`: columns restart after `\n` and `\r`.
fn str_expandtabs(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
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
fn remove_affix(args: &[Value], kw: &KwArgs, qual: &str, suffix: bool) -> PyResult<Value> {
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
fn str_removeprefix(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    remove_affix(args, kw, "str.removeprefix", false)
}

/// `str.removesuffix(suffix)`
fn str_removesuffix(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    remove_affix(args, kw, "str.removesuffix", true)
}

/// `str.__len__()`
fn str_len(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "__len__")?;
    slot_args(args, kw, "__len__", 0)?;
    Ok(Value::Int(s.char_len() as i64))
}

/// `str.__getitem__(key)`
fn str_getitem(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    this_str(args, "__getitem__")?;
    let key = &slot_args(args, kw, "__getitem__", 1)?[0];
    vm.getitem(&args[0], key)
}

/// `str.__contains__(sub)`
fn str_contains(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    this_str(args, "__contains__")?;
    let x = &slot_args(args, kw, "__contains__", 1)?[0];
    Ok(Value::Bool(vm.contains(&args[0], x)?))
}

// ----- str.format ----------------------------------------------------------------------------
//
// The template language of `str.format`, parsed as CPython's `unicode_format.h` does: literal
// text with `{{`/`}}` escapes, and fields `{name!conv:spec}` whose name is an argument index or
// keyword followed by `.attr` / `[key]` parts, and whose spec may itself contain fields. All the
// delimiters are ASCII, so the parser walks bytes; every slice it takes is at an ASCII byte and
// so on a character boundary.

/// Where named fields are looked up.
enum Named<'a> {
    /// `str.format(**kwargs)`
    Kwargs(&'a KwArgs),
    /// `str.format_map(mapping)`
    Mapping(&'a Value),
}

#[derive(PartialEq, Clone, Copy)]
enum AutoNumber {
    Init,
    Auto,
    Manual,
}

/// The arguments of one `format` call and its auto-numbering state.
struct FormatArgs<'a> {
    /// `None` for `format_map`, which has no positional arguments at all.
    positional: Option<&'a [Value]>,
    named: Named<'a>,
    auto: AutoNumber,
    next_index: usize,
}

/// One replacement field, split into its parts.
struct Field<'t> {
    name: &'t str,
    conversion: Option<char>,
    spec: &'t str,
    spec_has_fields: bool,
}

/// Parses the field starting after its `{` at `*i`, leaving `*i` after its `}`.
fn parse_field<'t>(t: &'t str, i: &mut usize) -> PyResult<Field<'t>> {
    let b = t.as_bytes();
    let name_start = *i;
    let mut c = 0u8;
    while *i < b.len() {
        c = b[*i];
        *i += 1;
        match c {
            b'{' => return Err(exc::value_error("unexpected '{' in field name")),
            b'[' => {
                while *i < b.len() && b[*i] != b']' {
                    *i += 1;
                }
            }
            b'}' | b':' | b'!' => break,
            _ => {}
        }
    }
    let mut field = Field {
        name: "",
        conversion: None,
        spec: "",
        spec_has_fields: false,
    };
    match c {
        b'!' | b':' => {
            field.name = &t[name_start..*i - 1];
            if c == b'!' {
                let Some(conv) = t[*i..].chars().next() else {
                    return Err(exc::value_error(
                        "end of string while looking for conversion specifier",
                    ));
                };
                field.conversion = Some(conv);
                *i += conv.len_utf8();
                if *i < b.len() {
                    let next = b[*i];
                    *i += 1;
                    if next == b'}' {
                        return Ok(field);
                    }
                    if next != b':' {
                        return Err(exc::value_error("expected ':' after conversion specifier"));
                    }
                }
            }
            let spec_start = *i;
            let mut depth = 1;
            while *i < b.len() {
                let c = b[*i];
                *i += 1;
                if c == b'{' {
                    field.spec_has_fields = true;
                    depth += 1;
                } else if c == b'}' {
                    depth -= 1;
                    if depth == 0 {
                        field.spec = &t[spec_start..*i - 1];
                        return Ok(field);
                    }
                }
            }
            Err(exc::value_error("unmatched '{' in format spec"))
        }
        b'}' => {
            field.name = &t[name_start..*i - 1];
            Ok(field)
        }
        _ => Err(exc::value_error("expected '}' before end of string")),
    }
}

/// A field-name part made only of decimal digits, as an index.
fn format_index(s: &str) -> PyResult<Option<usize>> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    s.parse::<i64>()
        .map(|n| Some(n as usize))
        .map_err(|_| exc::value_error("Too many decimal digits in format string"))
}

/// The object a field name refers to: an argument, then its attributes and items.
fn field_object(vm: &mut Vm, name: &str, fa: &mut FormatArgs) -> PyResult<Value> {
    let split = name.find(['.', '[']).unwrap_or(name.len());
    let (first, mut tail) = name.split_at(split);
    let index = format_index(first)?;
    let empty = first.is_empty();
    if empty || index.is_some() {
        if fa.auto == AutoNumber::Init {
            fa.auto = if empty {
                AutoNumber::Auto
            } else {
                AutoNumber::Manual
            };
        }
        if empty && fa.auto == AutoNumber::Manual {
            return Err(exc::value_error(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        if !empty && fa.auto == AutoNumber::Auto {
            return Err(exc::value_error(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
    }
    let index = if empty {
        fa.next_index += 1;
        Some(fa.next_index - 1)
    } else {
        index
    };
    let mut obj = match index {
        Some(i) => {
            let Some(positional) = fa.positional else {
                return Err(exc::value_error("Format string contains positional fields"));
            };
            match positional.get(i) {
                Some(v) => v.clone(),
                None => {
                    return Err(exc::index_error(format!(
                        "Replacement index {} out of range for positional args tuple",
                        i
                    )));
                }
            }
        }
        None => match fa.named {
            Named::Kwargs(kw) => match kw.iter().find(|(k, _)| &**k == first) {
                Some((_, v)) => v.clone(),
                None => return Err(exc::key_error(Value::str(first))),
            },
            Named::Mapping(m) => vm.getitem(m, &Value::str(first))?,
        },
    };
    while let Some(c) = tail.bytes().next() {
        tail = &tail[1..];
        if c == b'.' {
            let end = tail.find(['.', '[']).unwrap_or(tail.len());
            let (attr, after) = tail.split_at(end);
            if attr.is_empty() {
                return Err(exc::value_error("Empty attribute in format string"));
            }
            obj = vm.getattr(&obj, attr)?;
            tail = after;
        } else if c == b'[' {
            let Some(end) = tail.find(']') else {
                return Err(exc::value_error("Missing ']' in format string"));
            };
            let key = &tail[..end];
            if key.is_empty() {
                return Err(exc::value_error("Empty attribute in format string"));
            }
            let key = match format_index(key)? {
                Some(i) => Value::Int(i as i64),
                None => Value::str(key),
            };
            obj = vm.getitem(&obj, &key)?;
            tail = &tail[end + 1..];
        } else {
            return Err(exc::value_error(
                "Only '.' or '[' may follow ']' in format field specifier",
            ));
        }
    }
    Ok(obj)
}

/// Expands a template; `depth` limits fields nested in specs (CPython allows one level).
fn expand_template(vm: &mut Vm, t: &str, fa: &mut FormatArgs, depth: u32) -> PyResult<String> {
    if depth == 0 {
        return Err(exc::value_error("Max string recursion exceeded"));
    }
    let b = t.as_bytes();
    let mut out = String::with_capacity(t.len());
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let mut brace = None;
        while i < b.len() {
            let c = b[i];
            i += 1;
            if c == b'{' || c == b'}' {
                brace = Some(c);
                break;
            }
        }
        let Some(c) = brace else {
            out.push_str(&t[start..]);
            break;
        };
        let at_end = i >= b.len();
        if c == b'}' && (at_end || b[i] != b'}') {
            return Err(exc::value_error("Single '}' encountered in format string"));
        }
        if at_end {
            return Err(exc::value_error("Single '{' encountered in format string"));
        }
        if b[i] == c {
            // `{{` or `}}`: the literal up to and including one brace.
            out.push_str(&t[start..i]);
            i += 1;
            continue;
        }
        out.push_str(&t[start..i - 1]);
        let field = parse_field(t, &mut i)?;
        let mut obj = field_object(vm, field.name, fa)?;
        match field.conversion {
            None => {}
            Some('r') => obj = Value::string(vm.repr(&obj)?),
            Some('s') => obj = vm.to_str_value(&obj)?,
            Some('a') => obj = Value::string(crate::vm::eval::ascii_escape(&vm.repr(&obj)?)),
            Some(c) if (c as u32) > 32 && (c as u32) < 127 => {
                return Err(exc::value_error(format!(
                    "Unknown conversion specifier {}",
                    c
                )));
            }
            Some(c) => {
                return Err(exc::value_error(format!(
                    "Unknown conversion specifier \\x{:x}",
                    c as u32
                )));
            }
        }
        let spec = if field.spec_has_fields {
            expand_template(vm, field.spec, fa, depth - 1)?
        } else {
            field.spec.to_string()
        };
        match &obj {
            Value::Str(s) if spec.is_empty() => out.push_str(s.as_str()),
            _ => out.push_str(&crate::vm::builtins::format_value(vm, &obj, &spec)?),
        }
    }
    Ok(out)
}

/// `str.format(*args, **kwargs)`
fn str_format(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "format")?;
    let mut fa = FormatArgs {
        positional: Some(rest(args)),
        named: Named::Kwargs(kw),
        auto: AutoNumber::Init,
        next_index: 0,
    };
    Ok(Value::string(expand_template(vm, s.as_str(), &mut fa, 2)?))
}

/// `str.format_map(mapping)`
fn str_format_map(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "format_map")?;
    let mapping = one_arg(args, kw, "str.format_map")?;
    let mut fa = FormatArgs {
        positional: None,
        named: Named::Mapping(mapping),
        auto: AutoNumber::Init,
        next_index: 0,
    };
    Ok(Value::string(expand_template(vm, s.as_str(), &mut fa, 2)?))
}

// ----- list ------------------------------------------------------------------------------------

/// `list.append(x)`
fn list_append(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "append")?;
    let x = one_arg(args, kw, "list.append")?;
    l.push(x.clone());
    Ok(Value::None)
}

/// `list.extend(iterable)`
fn list_extend(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "extend")?;
    let items = vm.collect(one_arg(args, kw, "list.extend")?)?;
    l.items.lock().extend(items);
    Ok(Value::None)
}

/// `list.insert(index, x)`: the index is clamped to the list.
fn list_insert(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "insert")?;
    let pos = positional(args, kw, "list.insert", 2, 2)?;
    let i = arg_ssize(vm, &pos[0])?;
    let mut items = l.items.lock();
    let n = items.len() as i64;
    let i = if i < 0 { (i + n).max(0) } else { i.min(n) };
    items.insert(i as usize, pos[1].clone());
    Ok(Value::None)
}

/// `list.pop(index=-1)`
fn list_pop(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "pop")?;
    let pos = positional(args, kw, "list.pop", 0, 1)?;
    let i = match pos.first() {
        Some(v) => arg_ssize(vm, v)?,
        None => -1,
    };
    let mut items = l.items.lock();
    if items.is_empty() {
        return Err(exc::index_error("pop from empty list"));
    }
    let n = items.len() as i64;
    let i = if i < 0 { i + n } else { i };
    if i < 0 || i >= n {
        return Err(exc::index_error("pop index out of range"));
    }
    Ok(items.remove(i as usize))
}

/// The first index in `start..stop` of the live list whose item equals `x`. The list is
/// re-read at each step because `__eq__` may change it.
fn list_find(
    vm: &mut Vm,
    l: &crate::vm::object::List,
    x: &Value,
    start: usize,
    stop: usize,
) -> PyResult<Option<usize>> {
    let mut i = start;
    while i < stop {
        let Some(item) = l.get(i) else { break };
        if same_or_eq(vm, &item, x)? {
            return Ok(Some(i));
        }
        i += 1;
    }
    Ok(None)
}

/// `list.remove(x)`
fn list_remove(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "remove")?;
    let x = one_arg(args, kw, "list.remove")?;
    if let Some(i) = list_find(vm, l, x, 0, usize::MAX)? {
        let mut items = l.items.lock();
        if i < items.len() {
            items.remove(i);
            return Ok(Value::None);
        }
    }
    Err(exc::value_error("list.remove(x): x not in list"))
}

/// `start` and `stop` of `list.index` / `tuple.index`, made non-negative.
fn index_bounds(vm: &mut Vm, pos: &[Value], len: usize) -> PyResult<(usize, usize)> {
    let len = len as i64;
    let mut bound = |v: Option<&Value>, default: i64| -> PyResult<usize> {
        let i = match v {
            Some(v) => slice_arg(vm, v, false)?.unwrap_or(default),
            None => default,
        };
        Ok(if i < 0 { (i + len).max(0) } else { i } as usize)
    };
    let start = bound(pos.get(1), 0)?;
    let stop = bound(pos.get(2), i64::MAX)?;
    Ok((start, stop))
}

/// `list.index(x, start=0, stop=sys.maxsize)`
fn list_index(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "index")?;
    let pos = positional(args, kw, "list.index", 1, 3)?;
    let (start, stop) = index_bounds(vm, pos, l.len())?;
    match list_find(vm, l, &pos[0], start, stop)? {
        Some(i) => Ok(Value::Int(i as i64)),
        None => Err(exc::value_error(format!(
            "{} is not in list",
            vm.repr(&pos[0])?
        ))),
    }
}

/// `list.count(x)`
fn list_count(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "count")?;
    let x = one_arg(args, kw, "list.count")?;
    let mut n = 0;
    let mut i = 0;
    while let Some(item) = l.get(i) {
        if same_or_eq(vm, &item, x)? {
            n += 1;
        }
        i += 1;
    }
    Ok(Value::Int(n))
}

/// `list.sort(*, key=None, reverse=False)`: stable. While it runs the list looks empty, as in
/// CPython, and a change made meanwhile is reported.
fn list_sort(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "sort")?;
    let a = keywords(args, kw, "sort", &["key", "reverse"], 0)?;
    let key = a[0].clone().filter(|k| !k.is_none());
    let reverse = match &a[1] {
        Some(v) => arg_flag(vm, v)?,
        None => false,
    };
    let mut items = std::mem::take(&mut *l.items.lock());
    let result = crate::vm::builtins::sort_values(vm, &mut items, key.as_ref(), reverse);
    let modified = {
        let mut slot = l.items.lock();
        let modified = !slot.is_empty();
        *slot = items;
        modified
    };
    result?;
    if modified {
        return Err(exc::value_error("list modified during sort"));
    }
    Ok(Value::None)
}

/// `list.reverse()`
fn list_reverse(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "reverse")?;
    no_args(args, kw, "list.reverse")?;
    l.items.lock().reverse();
    Ok(Value::None)
}

/// `list.copy()`
fn list_copy(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "copy")?;
    no_args(args, kw, "list.copy")?;
    Ok(Value::list(l.snapshot()))
}

/// `list.clear()`: the items are dropped after the lock is released.
fn list_clear(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "clear")?;
    no_args(args, kw, "list.clear")?;
    let old = std::mem::take(&mut *l.items.lock());
    drop(old);
    Ok(Value::None)
}

/// `list.__len__()`
fn list_len(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let l = this_list(args, "__len__")?;
    slot_args(args, kw, "__len__", 0)?;
    Ok(Value::Int(l.len() as i64))
}

/// `list.__getitem__(index)`
fn list_getitem(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    this_list(args, "__getitem__")?;
    let key = one_arg(args, kw, "list.__getitem__")?;
    vm.getitem(&args[0], key)
}

/// `list.__contains__(x)`
fn list_contains(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    this_list(args, "__contains__")?;
    let x = &slot_args(args, kw, "__contains__", 1)?[0];
    Ok(Value::Bool(vm.contains(&args[0], x)?))
}

// ----- tuple and range ---------------------------------------------------------------------------

/// `tuple.index(x, start=0, stop=sys.maxsize)`
fn tuple_index(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let t = this_tuple(args, "index")?;
    let pos = positional(args, kw, "tuple.index", 1, 3)?;
    let (start, stop) = index_bounds(vm, pos, t.len())?;
    for (i, item) in t.iter().enumerate().take(stop).skip(start) {
        if same_or_eq(vm, item, &pos[0])? {
            return Ok(Value::Int(i as i64));
        }
    }
    Err(exc::value_error("tuple.index(x): x not in tuple"))
}

/// `tuple.count(x)`
fn tuple_count(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let t = this_tuple(args, "count")?;
    let x = one_arg(args, kw, "tuple.count")?;
    let mut n = 0;
    for item in t {
        if same_or_eq(vm, item, x)? {
            n += 1;
        }
    }
    Ok(Value::Int(n))
}

/// `tuple.__len__()`
fn tuple_len(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let t = this_tuple(args, "__len__")?;
    slot_args(args, kw, "__len__", 0)?;
    Ok(Value::Int(t.len() as i64))
}

/// `tuple.__getitem__(index)`
fn tuple_getitem(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    this_tuple(args, "__getitem__")?;
    let key = &slot_args(args, kw, "__getitem__", 1)?[0];
    vm.getitem(&args[0], key)
}

/// `tuple.__contains__(x)`
fn tuple_contains(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    this_tuple(args, "__contains__")?;
    let x = &slot_args(args, kw, "__contains__", 1)?[0];
    Ok(Value::Bool(vm.contains(&args[0], x)?))
}

/// Where the int `i` is in the range, if it is.
fn range_position(r: &crate::vm::object::RangeObj, i: i64) -> Option<i64> {
    let (start, stop, step, i) = (r.start as i128, r.stop as i128, r.step as i128, i as i128);
    let inside = if step > 0 {
        start <= i && i < stop
    } else {
        stop < i && i <= start
    };
    (inside && (i - start) % step == 0).then(|| ((i - start) / step) as i64)
}

/// `range.count(x)`: arithmetic for ints, comparison for anything else.
fn range_count(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let r = this_range(args, "count")?;
    let x = one_arg(args, kw, "range.count")?;
    match x {
        Value::Int(i) => Ok(Value::Int(range_position(r, *i).is_some() as i64)),
        Value::Bool(b) => Ok(Value::Int(range_position(r, *b as i64).is_some() as i64)),
        Value::BigInt(_) => Ok(Value::Int(0)),
        _ => {
            let mut n = 0;
            for k in 0..r.len_usize() {
                if vm.eq(&Value::Int(crate::vm::ops::range_item(r, k)), x)? {
                    n += 1;
                }
            }
            Ok(Value::Int(n))
        }
    }
}

/// `range.index(x)`
fn range_index(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let r = this_range(args, "index")?;
    let x = one_arg(args, kw, "range.index")?;
    let int = match x {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(*b as i64),
        _ => None,
    };
    if let Some(p) = int.and_then(|i| range_position(r, i)) {
        return Ok(Value::Int(p));
    }
    if int.is_some() || matches!(x, Value::BigInt(_)) {
        return Err(exc::value_error(format!("{} is not in range", vm.repr(x)?)));
    }
    for k in 0..r.len_usize() {
        if vm.eq(&Value::Int(crate::vm::ops::range_item(r, k)), x)? {
            return Ok(Value::Int(k as i64));
        }
    }
    Err(exc::value_error("sequence.index(x): x not in sequence"))
}

// ----- dict ------------------------------------------------------------------------------------

/// `dict.get(key, default=None)`
fn dict_get(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this_dict(args, "get")?;
    let pos = positional(args, kw, "dict.get", 1, 2)?;
    let key = vm.hash_key(&pos[0])?;
    Ok(d.get(&key)
        .unwrap_or_else(|| pos.get(1).cloned().unwrap_or(Value::None)))
}

/// `dict.setdefault(key, default=None)`
fn dict_setdefault(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this_dict(args, "setdefault")?;
    let pos = positional(args, kw, "dict.setdefault", 1, 2)?;
    let key = vm.hash_key(&pos[0])?;
    let default = pos.get(1).cloned().unwrap_or(Value::None);
    let mut map = d.lock_mut();
    d.note_insert(key.hash, &default);
    Ok(map.entry(key).or_insert(default).clone())
}

/// `dict.pop(key[, default])`
fn dict_pop(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this_dict(args, "pop")?;
    let pos = positional(args, kw, "dict.pop", 1, 2)?;
    // Like CPython, an empty dict answers without hashing the key.
    let found = if d.is_empty() {
        None
    } else {
        d.remove(&vm.hash_key(&pos[0])?)
    };
    match (found, pos.get(1)) {
        (Some(v), _) => Ok(v),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err(exc::key_error(pos[0].clone())),
    }
}

/// `dict.popitem()`: the last item inserted.
fn dict_popitem(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this_dict(args, "popitem")?;
    no_args(args, kw, "dict.popitem")?;
    let last = d.lock_mut().pop();
    match last {
        Some((k, v)) => Ok(Value::tuple(vec![k.value, v])),
        None => Err(exc::key_error(Value::str("popitem(): dictionary is empty"))),
    }
}

/// Merges a mapping or an iterable of pairs into `d` (the positional argument of `update`).
fn dict_merge(vm: &mut Vm, d: &Dict, other: &Value) -> PyResult<()> {
    if let Value::Dict(o) = other {
        let items: Vec<_> = o
            .map
            .lock()
            .iter()
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let mut map = d.lock_mut();
        for (k, v) in items {
            d.note_insert(k.hash, &v);
            map.insert(k, v);
        }
        return Ok(());
    }
    if let Some(keys) = vm.getattr_opt(other, "keys")? {
        let keys = vm.call(&keys, &[], &[])?;
        let keys = vm.collect(&keys)?;
        for k in keys {
            let v = vm.getitem(other, &k)?;
            let hk = vm.hash_key(&k)?;
            d.insert(hk, v);
        }
        return Ok(());
    }
    let it = vm.get_iter(other)?;
    let mut n = 0;
    while let Some(item) = vm.next(&it)? {
        let pair = match vm.collect(&item) {
            Ok(p) => p,
            Err(e) if e.matches(&types().type_error) => {
                return Err(exc::type_error(format!(
                    "cannot convert dictionary update sequence element #{} to a sequence",
                    n
                )));
            }
            Err(e) => return Err(e),
        };
        let [k, v] = <[Value; 2]>::try_from(pair).map_err(|p| {
            exc::value_error(format!(
                "dictionary update sequence element #{} has length {}; 2 is required",
                n,
                p.len()
            ))
        })?;
        let hk = vm.hash_key(&k)?;
        d.insert(hk, v);
        n += 1;
    }
    Ok(())
}

/// `dict.update([other], **kwargs)`
fn dict_update(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this_dict(args, "update")?;
    let pos = positional(args, &[], "dict.update", 0, 1)?;
    if let Some(other) = pos.first() {
        dict_merge(vm, d, other)?;
    }
    for (k, v) in kw {
        d.set_str(k, v.clone());
    }
    Ok(Value::None)
}

/// `dict.copy()`
fn dict_copy(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this_dict(args, "copy")?;
    no_args(args, kw, "dict.copy")?;
    Ok(Value::Dict(Arc::new(d.copy())))
}

/// `dict.clear()`: the entries are dropped after the lock is released.
fn dict_clear(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this_dict(args, "clear")?;
    no_args(args, kw, "dict.clear")?;
    let old = std::mem::take(&mut *d.lock_mut());
    drop(old);
    Ok(Value::None)
}

/// `dict.fromkeys(iterable, value=None)`: a class method, bound to `dict` at registration.
fn dict_fromkeys(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let pos = positional(args, kw, "dict.fromkeys", 1, 2)?;
    let value = pos.get(1).cloned().unwrap_or(Value::None);
    let keys = vm.collect(&pos[0])?;
    match args.first() {
        Some(cls @ Value::Class(c)) if !Arc::ptr_eq(c, &types().dict) => {
            // A subclass: build an instance and fill it through `__setitem__`.
            let obj = vm.call(cls, &[], &[])?;
            for k in keys {
                vm.setitem(&obj, &k, value.clone())?;
            }
            Ok(obj)
        }
        _ => {
            let d = Dict::new();
            for k in keys {
                let hk = vm.hash_key(&k)?;
                d.insert(hk, value.clone());
            }
            Ok(Value::Dict(Arc::new(d)))
        }
    }
}

/// `dict.__len__()`
fn dict_len(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this_dict(args, "__len__")?;
    slot_args(args, kw, "__len__", 0)?;
    Ok(Value::Int(d.len() as i64))
}

/// `dict.__getitem__(key)`
fn dict_getitem(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    this_dict(args, "__getitem__")?;
    let key = one_arg(args, kw, "dict.__getitem__")?;
    vm.getitem(&args[0], key)
}

/// `dict.__contains__(key)`
fn dict_contains(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let d = this_dict(args, "__contains__")?;
    let key = one_arg(args, kw, "dict.__contains__")?;
    let key = vm.hash_key(key)?;
    Ok(Value::Bool(d.contains(&key)))
}

// ----- dict views --------------------------------------------------------------------------------

const KEYS: u8 = 0;
const VALUES: u8 = 1;
const ITEMS: u8 = 2;

/// A live view of a dict's keys, values or items (`d.keys()`): it holds the dict, not a copy,
/// so it sees later changes. `kind` is the `SeqIter::Dict` kind: 0 keys, 1 values, 2 items.
struct DictView {
    dict: Arc<Dict>,
    kind: u8,
}

impl NativeObject for DictView {
    fn class(&self) -> Arc<Class> {
        let t = types();
        match self.kind {
            KEYS => t.dict_keys.clone(),
            VALUES => t.dict_values.clone(),
            _ => t.dict_items.clone(),
        }
    }
    fn type_name(&self) -> &str {
        match self.kind {
            KEYS => "dict_keys",
            VALUES => "dict_values",
            _ => "dict_items",
        }
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

fn new_view(args: &[Value], kw: &KwArgs, qual: &str, kind: u8) -> PyResult<Value> {
    let name = short_name(qual);
    let d = this_dict(args, name)?;
    no_args(args, kw, qual)?;
    let view: Box<dyn NativeObject> = Box::new(DictView {
        dict: d.clone(),
        kind,
    });
    Ok(Value::Native(Arc::new(view)))
}

/// `dict.keys()`
fn dict_keys(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    new_view(args, kw, "dict.keys", KEYS)
}

/// `dict.values()`
fn dict_values(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    new_view(args, kw, "dict.values", VALUES)
}

/// `dict.items()`
fn dict_items(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    new_view(args, kw, "dict.items", ITEMS)
}

fn as_view(v: &Value) -> Option<&DictView> {
    match v {
        Value::Native(n) => n.as_any().downcast_ref::<DictView>(),
        _ => None,
    }
}

fn view_name(kind: u8) -> &'static str {
    match kind {
        KEYS => "dict_keys",
        VALUES => "dict_values",
        _ => "dict_items",
    }
}

/// `self` of a view method; the descriptor error names `kind`'s class.
fn this_view<'a>(args: &'a [Value], name: &str, kind: u8) -> PyResult<&'a DictView> {
    match args.first() {
        Some(v) => match as_view(v) {
            Some(view) if view.kind == kind => Ok(view),
            _ => Err(descriptor_error(name, view_name(kind), v)),
        },
        None => Err(unbound_error(view_name(kind), name)),
    }
}

/// The view's elements right now.
fn view_items(view: &DictView) -> Vec<Value> {
    match view.kind {
        KEYS => view.dict.keys(),
        VALUES => view.dict.values(),
        _ => view
            .dict
            .items()
            .into_iter()
            .map(|(k, v)| Value::tuple(vec![k, v]))
            .collect(),
    }
}

/// Defines the methods every view kind has, for one kind.
macro_rules! view_methods {
    ($len:ident, $iter:ident, $contains:ident, $repr:ident, $kind:expr) => {
        /// `view.__len__()`
        fn $len(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
            let view = this_view(args, "__len__", $kind)?;
            slot_args(args, kw, "__len__", 0)?;
            Ok(Value::Int(view.dict.len() as i64))
        }
        /// `view.__iter__()`: a live iterator over the dict.
        fn $iter(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
            let view = this_view(args, "__iter__", $kind)?;
            slot_args(args, kw, "__iter__", 0)?;
            let (dict, len) = (view.dict.clone(), view.dict.len());
            Ok(Value::Iter(Arc::new(IterObj::seq(SeqIter::Dict {
                dict,
                index: 0,
                len,
                kind: $kind,
            }))))
        }
        /// `x in view`
        fn $contains(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
            let view = this_view(args, "__contains__", $kind)?;
            let x = &slot_args(args, kw, "__contains__", 1)?[0];
            view_contains(vm, view, x).map(Value::Bool)
        }
        /// `repr(view)`: `dict_keys(['a', 'b'])`
        fn $repr(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
            let view = this_view(args, "__repr__", $kind)?;
            slot_args(args, kw, "__repr__", 0)?;
            view_repr(vm, &args[0], view)
        }
    };
}

view_methods!(keys_len, keys_iter, keys_contains, keys_repr, KEYS);
view_methods!(
    values_len,
    values_iter,
    values_contains,
    values_repr,
    VALUES
);
view_methods!(items_len, items_iter, items_contains, items_repr, ITEMS);

fn view_contains(vm: &mut Vm, view: &DictView, x: &Value) -> PyResult<bool> {
    match view.kind {
        KEYS => {
            let key = vm.hash_key(x)?;
            Ok(view.dict.contains(&key))
        }
        VALUES => {
            for v in view.dict.values() {
                if same_or_eq(vm, &v, x)? {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => {
            let Value::Tuple(t) = x else { return Ok(false) };
            let [k, v] = t.0.as_slice() else {
                return Ok(false);
            };
            let key = vm.hash_key(k)?;
            match view.dict.get(&key) {
                Some(found) => same_or_eq(vm, &found, v),
                None => Ok(false),
            }
        }
    }
}

fn view_repr(vm: &mut Vm, this: &Value, view: &DictView) -> PyResult<Value> {
    let name = view_name(view.kind);
    // A view inside its own dict prints as `...`, like a list inside itself.
    let id = this.id();
    if vm.repr_guard.contains(&id) {
        return Ok(Value::str("..."));
    }
    vm.repr_guard.push(id);
    let inner = vm.repr(&Value::list(view_items(view)));
    vm.repr_guard.pop();
    Ok(Value::string(format!("{}({})", name, inner?)))
}

/// The elements of any iterable as set keys (hashing them; sets and dicts need no hashing).
fn keys_of(vm: &mut Vm, v: &Value) -> PyResult<KeySet> {
    match v {
        Value::Set(s) => Ok(s.items.lock().clone()),
        Value::Dict(d) => Ok(d.map.lock().keys().cloned().collect()),
        _ => {
            let items = match as_view(v) {
                Some(view) => view_items(view),
                None => vm.collect(v)?,
            };
            let mut out = KeySet::default();
            for x in &items {
                out.insert(vm.hash_key(x)?);
            }
            Ok(out)
        }
    }
}

fn new_set(items: KeySet, frozen: bool) -> Value {
    Value::Set(Arc::new(Set::new(items, frozen)))
}

/// The operand of a set operation (see `pyset::operand`); a view is a plain iterable.
fn set_operand(vm: &mut Vm, v: &Value) -> PyResult<Operand> {
    match as_view(v) {
        Some(view) => {
            let mut keys = Vec::new();
            for x in &view_items(view) {
                keys.push(vm.hash_key(x)?);
            }
            Ok(Operand::Seq(keys))
        }
        None => pyset::operand(vm, v),
    }
}

/// CPython's `dictviews_to_set`: `set(view)`, made from the dict itself for a keys view.
fn view_to_set(vm: &mut Vm, v: &Value) -> PyResult<KeySet> {
    if let Some(view) = as_view(v)
        && view.kind == KEYS
    {
        return Ok(KeySet::from_operand(&Operand::Dict(
            view.dict.map.lock().keys().cloned().collect(),
        )));
    }
    Ok(KeySet::from_operand(&set_operand(vm, v)?))
}

/// The set algebra of keys and items views: `set(left) op right`. For the reflected
/// operators (`{1} & d.keys()`) the view is the right operand.
fn view_setop(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    op: u8,
    reflected: bool,
) -> PyResult<Value> {
    let view = args.first().and_then(as_view).filter(|v| v.kind != VALUES);
    let Some(view) = view else {
        let got = args.first().cloned().unwrap_or(Value::None);
        return Err(descriptor_error(name, "dict_keys", &got));
    };
    let other = &slot_args(args, kw, name, 1)?[0];
    if op == b'&' {
        // `_PyDictView_Intersect`: the view is `self` whichever side it was on.
        let mine = set_operand(vm, &args[0])?;
        if let Value::Set(o) = other
            && !o.frozen
            && view_items(view).len() <= o.len()
        {
            let o = o.items.lock().clone();
            return Ok(new_set(o.intersection(&mine), false));
        }
        let theirs = set_operand(vm, other)?;
        let bigger_view = as_view(other)
            .filter(|v| v.kind != VALUES)
            .is_some_and(|v| view_items(v).len() > view_items(view).len());
        let (container, walked) = if bigger_view {
            (theirs, mine)
        } else {
            (mine, theirs)
        };
        let container = KeySet::from_operand(&container);
        let mut r = KeySet::default();
        for k in walked.iter() {
            if container.contains(k) {
                r.insert(k.clone());
            }
        }
        return Ok(new_set(r, false));
    }
    let (left, right) = if reflected {
        (other, &args[0])
    } else {
        (&args[0], other)
    };
    let mut r = view_to_set(vm, left)?;
    let right = set_operand(vm, right)?;
    match op {
        b'|' => r.update(&right),
        b'-' => r.difference_update(&right),
        _ => r.symmetric_difference_update(&right),
    }
    Ok(new_set(r, false))
}

/// Defines the set operators of views.
macro_rules! view_ops {
    ($($fn_name:ident, $dunder:literal, $op:literal, $reflected:literal;)*) => {
        $(
            #[doc = concat!("`view.", $dunder, "(other)`")]
            fn $fn_name(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
                view_setop(vm, args, kw, $dunder, $op, $reflected)
            }
        )*
    };
}

view_ops! {
    view_and, "__and__", b'&', false;
    view_or, "__or__", b'|', false;
    view_sub, "__sub__", b'-', false;
    view_xor, "__xor__", b'^', false;
    view_rand, "__rand__", b'&', true;
    view_ror, "__ror__", b'|', true;
    view_rsub, "__rsub__", b'-', true;
    view_rxor, "__rxor__", b'^', true;
}

/// Comparisons of keys/items views with sets and other such views, as sets;
/// NotImplemented for anything else.
fn view_compare(vm: &mut Vm, args: &[Value], kw: &KwArgs, name: &str) -> PyResult<Value> {
    let view = args.first().and_then(as_view).filter(|v| v.kind != VALUES);
    let Some(view) = view else {
        let got = args.first().cloned().unwrap_or(Value::None);
        return Err(descriptor_error(name, "dict_keys", &got));
    };
    let other = &slot_args(args, kw, name, 1)?[0];
    let comparable =
        matches!(other, Value::Set(_)) || as_view(other).is_some_and(|v| v.kind != VALUES);
    if !comparable {
        return Ok(NOT_IMPLEMENTED.clone());
    }
    let a = keys_of(vm, &Value::list(view_items(view)))?;
    let b = keys_of(vm, other)?;
    Ok(Value::Bool(match name {
        "__eq__" => a.len() == b.len() && a.is_subset(&b),
        "__ne__" => !(a.len() == b.len() && a.is_subset(&b)),
        "__le__" => a.is_subset(&b),
        "__lt__" => a.len() < b.len() && a.is_subset(&b),
        "__ge__" => a.is_superset(&b),
        _ => a.len() > b.len() && a.is_superset(&b),
    }))
}

/// Defines the comparison methods of views.
macro_rules! view_cmps {
    ($($fn_name:ident, $dunder:literal;)*) => {
        $(
            #[doc = concat!("`view.", $dunder, "(other)`")]
            fn $fn_name(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
                view_compare(vm, args, kw, $dunder)
            }
        )*
    };
}

view_cmps! {
    view_eq, "__eq__";
    view_ne, "__ne__";
    view_lt, "__lt__";
    view_le, "__le__";
    view_gt, "__gt__";
    view_ge, "__ge__";
}

/// `view.isdisjoint(iterable)`
fn view_isdisjoint(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let view = args.first().and_then(as_view).filter(|v| v.kind != VALUES);
    let Some(view) = view else {
        let got = args.first().cloned().unwrap_or(Value::None);
        return Err(descriptor_error("isdisjoint", "dict_keys", &got));
    };
    let qual = if view.kind == KEYS {
        "dict_keys.isdisjoint"
    } else {
        "dict_items.isdisjoint"
    };
    let other = one_arg(args, kw, qual)?;
    let view = DictView {
        dict: view.dict.clone(),
        kind: view.kind,
    };
    for x in vm.collect(other)? {
        if view_contains(vm, &view, &x)? {
            return Ok(Value::Bool(false));
        }
    }
    Ok(Value::Bool(true))
}

// ----- set and frozenset -------------------------------------------------------------------------

/// A set element's key; an unhashable `set` is looked up as the equal frozenset, as CPython's
/// `set.remove` and `set.discard` do.
fn elem_key(vm: &mut Vm, x: &Value) -> PyResult<crate::vm::value::HashKey> {
    match x {
        Value::Set(s) if !s.frozen => {
            let frozen = new_set(s.items.lock().clone(), true);
            vm.hash_key(&frozen)
        }
        _ => vm.hash_key(x),
    }
}

fn qual<const FROZEN: bool>(name: &str) -> String {
    format!("{}.{}", if FROZEN { "frozenset" } else { "set" }, name)
}

/// `set.add(x)`
fn set_add(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_set::<false>(args, "add")?;
    let key = vm.hash_key(one_arg(args, kw, "set.add")?)?;
    s.items.lock().insert(key);
    Ok(Value::None)
}

/// `set.remove(x)`: KeyError if absent.
fn set_remove(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_set::<false>(args, "remove")?;
    let x = one_arg(args, kw, "set.remove")?;
    let key = elem_key(vm, x)?;
    if s.items.lock().shift_remove(&key) {
        Ok(Value::None)
    } else {
        Err(exc::key_error(x.clone()))
    }
}

/// `set.discard(x)`
fn set_discard(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_set::<false>(args, "discard")?;
    let key = elem_key(vm, one_arg(args, kw, "set.discard")?)?;
    s.items.lock().shift_remove(&key);
    Ok(Value::None)
}

/// `set.pop()`: the first element in iteration order.
fn set_pop(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_set::<false>(args, "pop")?;
    no_args(args, kw, "set.pop")?;
    let first = s.items.lock().pop();
    match first {
        Some(k) => Ok(k.value),
        None => Err(exc::key_error(Value::str("pop from an empty set"))),
    }
}

/// `set.clear()`
fn set_clear(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_set::<false>(args, "clear")?;
    no_args(args, kw, "set.clear")?;
    let old = s.items.lock().take();
    drop(old);
    Ok(Value::None)
}

/// `set.copy()` / `frozenset.copy()` (a frozenset is its own copy).
fn set_copy<const FROZEN: bool>(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_set::<FROZEN>(args, "copy")?;
    no_args(args, kw, &qual::<FROZEN>("copy"))?;
    if FROZEN {
        return Ok(args[0].clone());
    }
    let copy = s.items.lock().copy();
    Ok(new_set(copy, false))
}

/// The operands of every positional argument (the `*others` of `union` and friends), each
/// with whether it is the set itself.
fn others_keys(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    qual: &str,
) -> PyResult<Vec<(Operand, bool)>> {
    if !kw.is_empty() {
        return Err(no_keywords(qual));
    }
    // Cannot fail: both callers have checked `self` with `this_set` first.
    let me = &args[0];
    rest(args)
        .iter()
        .map(|o| Ok((set_operand(vm, o)?, o.is(me))))
        .collect()
}

/// What a multi-argument set operation does to the running result with each other set.
#[derive(Clone, Copy)]
enum SetOp {
    Union,
    Intersection,
    Difference,
    SymmetricDifference,
}

/// `set_intersection_multi`: `set & o1 & o2 ...` (a copy with no others).
fn intersection_multi(items: &KeySet, others: &[(Operand, bool)]) -> KeySet {
    let mut acc: Option<KeySet> = None;
    for (other, same) in others {
        let cur = acc.as_ref().unwrap_or(items);
        acc = Some(if *same && acc.is_none() {
            cur.copy()
        } else {
            cur.intersection(other)
        });
    }
    acc.unwrap_or_else(|| items.copy())
}

/// `union`, `intersection`, `difference`, `symmetric_difference`: a new set of self's type,
/// computed along CPython's paths (which decide the order of the result).
fn set_new_op<const FROZEN: bool>(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    op: SetOp,
) -> PyResult<Value> {
    let s = this_set::<FROZEN>(args, name)?;
    let q = qual::<FROZEN>(name);
    if let SetOp::SymmetricDifference = op {
        one_arg(args, kw, &q)?;
    }
    let others = others_keys(vm, args, kw, &q)?;
    let items = s.items.lock().clone();
    let r = match op {
        SetOp::Union => {
            let mut acc = items.copy();
            for (other, same) in &others {
                if !same {
                    acc.update(other);
                }
            }
            acc
        }
        SetOp::Intersection => intersection_multi(&items, &others),
        SetOp::Difference => match others.split_first() {
            None => items.copy(),
            Some(((first, _), more)) => {
                let mut acc = items.difference(first);
                for (other, _) in more {
                    acc.difference_update(other);
                }
                acc
            }
        },
        SetOp::SymmetricDifference => match others.first() {
            Some((other, _)) => items.symmetric_difference(other),
            None => items.copy(),
        },
    };
    Ok(new_set(r, FROZEN))
}

/// `*_update` methods: the same operations, in place.
fn set_update_op(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    op: SetOp,
) -> PyResult<Value> {
    let s = this_set::<false>(args, name)?;
    let q = qual::<false>(name);
    if let SetOp::SymmetricDifference = op {
        one_arg(args, kw, &q)?;
    }
    let others = others_keys(vm, args, kw, &q)?;
    let mut items = s.items.lock();
    match op {
        SetOp::Intersection => {
            let r = intersection_multi(&items, &others);
            items.swap_body(r);
        }
        _ => {
            for (other, same) in &others {
                match op {
                    SetOp::Union if *same => {}
                    SetOp::Union => items.update(other),
                    _ if *same => items.clear(),
                    SetOp::Difference => items.difference_update(other),
                    _ => items.symmetric_difference_update(other),
                }
            }
        }
    }
    Ok(Value::None)
}

/// Defines set methods that delegate to a shared implementation.
macro_rules! set_ops {
    ($($fn_name:ident = $imp:ident $(::<$frozen:literal>)? ($name:literal, $op:ident);)*) => {
        $(
            #[doc = concat!("`set.", $name, "(...)`")]
            fn $fn_name(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
                $imp$(::<$frozen>)?(vm, args, kw, $name, SetOp::$op)
            }
        )*
    };
}

set_ops! {
    set_union = set_new_op::<false>("union", Union);
    set_intersection = set_new_op::<false>("intersection", Intersection);
    set_difference = set_new_op::<false>("difference", Difference);
    set_symmetric_difference = set_new_op::<false>("symmetric_difference", SymmetricDifference);
    frozenset_union = set_new_op::<true>("union", Union);
    frozenset_intersection = set_new_op::<true>("intersection", Intersection);
    frozenset_difference = set_new_op::<true>("difference", Difference);
    frozenset_symmetric_difference = set_new_op::<true>("symmetric_difference", SymmetricDifference);
    set_update = set_update_op("update", Union);
    set_intersection_update = set_update_op("intersection_update", Intersection);
    set_difference_update = set_update_op("difference_update", Difference);
    set_symmetric_difference_update = set_update_op("symmetric_difference_update", SymmetricDifference);
}

/// `issubset`, `issuperset`, `isdisjoint` against any iterable.
fn set_relation<const FROZEN: bool>(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
) -> PyResult<Value> {
    let s = this_set::<FROZEN>(args, name)?;
    let other = keys_of(vm, one_arg(args, kw, &qual::<FROZEN>(name))?)?;
    let mine = s.items.lock().clone();
    Ok(Value::Bool(match name {
        "issubset" => mine.is_subset(&other),
        "issuperset" => mine.is_superset(&other),
        _ => mine.is_disjoint(&other),
    }))
}

/// `set.issubset(other)`
fn set_issubset<const FROZEN: bool>(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    set_relation::<FROZEN>(vm, args, kw, "issubset")
}

/// `set.issuperset(other)`
fn set_issuperset<const FROZEN: bool>(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    set_relation::<FROZEN>(vm, args, kw, "issuperset")
}

/// `set.isdisjoint(other)`
fn set_isdisjoint<const FROZEN: bool>(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    set_relation::<FROZEN>(vm, args, kw, "isdisjoint")
}

/// `set.__len__()`
fn set_len<const FROZEN: bool>(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_set::<FROZEN>(args, "__len__")?;
    slot_args(args, kw, "__len__", 0)?;
    Ok(Value::Int(s.len() as i64))
}

/// `set.__contains__(x)`
fn set_contains<const FROZEN: bool>(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_set::<FROZEN>(args, "__contains__")?;
    let key = elem_key(vm, one_arg(args, kw, &qual::<FROZEN>("__contains__"))?)?;
    Ok(Value::Bool(s.contains(&key)))
}

// ----- int and float -----------------------------------------------------------------------------

/// `int.bit_length()`
fn int_bit_length(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let i = this_int(args, "bit_length")?;
    no_args(args, kw, "int.bit_length")?;
    Ok(Value::Int(i.bits() as i64))
}

/// `int.bit_count()`: ones in the binary form of the absolute value.
fn int_bit_count(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let i = this_int(args, "bit_count")?;
    no_args(args, kw, "int.bit_count")?;
    Ok(Value::Int(i.magnitude().count_ones() as i64))
}

/// `int.conjugate()`: the int itself (a bool becomes an int).
fn int_conjugate(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let i = this_int(args, "conjugate")?;
    no_args(args, kw, "int.conjugate")?;
    Ok(Value::from_bigint(i))
}

/// `int.as_integer_ratio()`
fn int_as_integer_ratio(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let i = this_int(args, "as_integer_ratio")?;
    no_args(args, kw, "int.as_integer_ratio")?;
    Ok(Value::tuple(vec![Value::from_bigint(i), Value::Int(1)]))
}

/// `float.is_integer()`
fn float_is_integer(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = this_float(args, "is_integer")?;
    no_args(args, kw, "float.is_integer")?;
    Ok(Value::Bool(x.is_finite() && x.fract() == 0.0))
}

/// `float.conjugate()`
fn float_conjugate(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = this_float(args, "conjugate")?;
    no_args(args, kw, "float.conjugate")?;
    Ok(Value::Float(x))
}

/// `float.as_integer_ratio()`: the exact fraction, in lowest terms.
fn float_as_integer_ratio(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = this_float(args, "as_integer_ratio")?;
    no_args(args, kw, "float.as_integer_ratio")?;
    if x.is_infinite() {
        return Err(exc::overflow_error(
            "cannot convert Infinity to integer ratio",
        ));
    }
    if x.is_nan() {
        return Err(exc::value_error("cannot convert NaN to integer ratio"));
    }
    let bits = x.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1 << 52) - 1);
    let (mut mantissa, mut exp) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1 << 52), biased - 1075)
    };
    if mantissa == 0 {
        return Ok(Value::tuple(vec![Value::Int(0), Value::Int(1)]));
    }
    while exp < 0 && mantissa & 1 == 0 {
        mantissa >>= 1;
        exp += 1;
    }
    let mut num = BigInt::from(mantissa);
    if x < 0.0 {
        num = -num;
    }
    let den = if exp >= 0 {
        num <<= exp as usize;
        BigInt::from(1)
    } else {
        BigInt::from(1) << (-exp) as usize
    };
    debug_assert!(!den.is_zero());
    Ok(Value::tuple(vec![
        Value::from_bigint(num),
        Value::from_bigint(den),
    ]))
}

// ----- registration ------------------------------------------------------------------------------

fn add_all(cls: &Arc<Class>, methods: &[(&'static str, NativeFn)]) {
    for &(name, f) in methods {
        add_method(cls, name, f);
    }
}

/// Registers every method above in its class. Called once, while the built-in classes are
/// being created: it must not call `types()`.
pub fn register_all(t: &Types) {
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
            ("format", str_format),
            ("format_map", str_format_map),
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
            ("__len__", str_len),
            ("__getitem__", str_getitem),
            ("__contains__", str_contains),
        ],
    );
    add_all(
        &t.list,
        &[
            ("append", list_append),
            ("extend", list_extend),
            ("insert", list_insert),
            ("pop", list_pop),
            ("remove", list_remove),
            ("index", list_index),
            ("count", list_count),
            ("sort", list_sort),
            ("reverse", list_reverse),
            ("copy", list_copy),
            ("clear", list_clear),
            ("__len__", list_len),
            ("__getitem__", list_getitem),
            ("__contains__", list_contains),
        ],
    );
    add_all(
        &t.tuple,
        &[
            ("index", tuple_index),
            ("count", tuple_count),
            ("__len__", tuple_len),
            ("__getitem__", tuple_getitem),
            ("__contains__", tuple_contains),
        ],
    );
    add_all(&t.range, &[("count", range_count), ("index", range_index)]);
    add_all(
        &t.dict,
        &[
            ("get", dict_get),
            ("items", dict_items),
            ("keys", dict_keys),
            ("values", dict_values),
            ("setdefault", dict_setdefault),
            ("update", dict_update),
            ("pop", dict_pop),
            ("popitem", dict_popitem),
            ("copy", dict_copy),
            ("clear", dict_clear),
            ("__len__", dict_len),
            ("__getitem__", dict_getitem),
            ("__contains__", dict_contains),
        ],
    );
    // A class method: stored already bound to `dict`, so that both `dict.fromkeys(...)` and
    // `{}.fromkeys(...)` receive the class as `args[0]`.
    let fromkeys = Value::Builtin(Arc::new(crate::vm::object::BuiltinFunction {
        name: "fromkeys",
        owner: Some("dict"),
        func: dict_fromkeys,
    }));
    let bound = BoundMethod {
        func: fromkeys,
        self_: Value::Class(t.dict.clone()),
    };
    t.dict
        .dict
        .set_str("fromkeys", Value::Method(Arc::new(bound)));

    add_all(
        &t.dict_keys,
        &[
            ("__len__", keys_len),
            ("__iter__", keys_iter),
            ("__contains__", keys_contains),
            ("__repr__", keys_repr),
        ],
    );
    add_all(
        &t.dict_values,
        &[
            ("__len__", values_len),
            ("__iter__", values_iter),
            ("__contains__", values_contains),
            ("__repr__", values_repr),
        ],
    );
    add_all(
        &t.dict_items,
        &[
            ("__len__", items_len),
            ("__iter__", items_iter),
            ("__contains__", items_contains),
            ("__repr__", items_repr),
        ],
    );
    for cls in [&t.dict_keys, &t.dict_items] {
        add_all(
            cls,
            &[
                ("__and__", view_and),
                ("__or__", view_or),
                ("__sub__", view_sub),
                ("__xor__", view_xor),
                ("__rand__", view_rand),
                ("__ror__", view_ror),
                ("__rsub__", view_rsub),
                ("__rxor__", view_rxor),
                ("__eq__", view_eq),
                ("__ne__", view_ne),
                ("__lt__", view_lt),
                ("__le__", view_le),
                ("__gt__", view_gt),
                ("__ge__", view_ge),
                ("isdisjoint", view_isdisjoint),
            ],
        );
    }

    add_all(
        &t.set,
        &[
            ("add", set_add),
            ("remove", set_remove),
            ("discard", set_discard),
            ("pop", set_pop),
            ("clear", set_clear),
            ("copy", set_copy::<false>),
            ("update", set_update),
            ("union", set_union),
            ("intersection", set_intersection),
            ("difference", set_difference),
            ("symmetric_difference", set_symmetric_difference),
            ("intersection_update", set_intersection_update),
            ("difference_update", set_difference_update),
            (
                "symmetric_difference_update",
                set_symmetric_difference_update,
            ),
            ("issubset", set_issubset::<false>),
            ("issuperset", set_issuperset::<false>),
            ("isdisjoint", set_isdisjoint::<false>),
            ("__len__", set_len::<false>),
            ("__contains__", set_contains::<false>),
        ],
    );
    add_all(
        &t.frozenset,
        &[
            ("copy", set_copy::<true>),
            ("union", frozenset_union),
            ("intersection", frozenset_intersection),
            ("difference", frozenset_difference),
            ("symmetric_difference", frozenset_symmetric_difference),
            ("issubset", set_issubset::<true>),
            ("issuperset", set_issuperset::<true>),
            ("isdisjoint", set_isdisjoint::<true>),
            ("__len__", set_len::<true>),
            ("__contains__", set_contains::<true>),
        ],
    );

    add_all(
        &t.int,
        &[
            ("bit_length", int_bit_length),
            ("bit_count", int_bit_count),
            ("conjugate", int_conjugate),
            ("as_integer_ratio", int_as_integer_ratio),
        ],
    );
    add_all(
        &t.float,
        &[
            ("is_integer", float_is_integer),
            ("as_integer_ratio", float_as_integer_ratio),
            ("conjugate", float_conjugate),
        ],
    );
}

// ----- Unicode tables ----------------------------------------------------------------------------
//
// Rust's `char` predicates follow a newer Unicode and different definitions (`is_alphabetic`
// includes combining marks; nothing matches `isdecimal`), so the classes CPython 3.11 tests are
// tabulated here: sorted, inclusive code-point ranges generated from CPython 3.11 itself.

/// Non-ASCII code points for which CPython 3.11 (Unicode 14) says `isalpha()`.
#[rustfmt::skip]
const ALPHA: &[(u32, u32)] = &[
    (0xaa, 0xaa), (0xb5, 0xb5), (0xba, 0xba), (0xc0, 0xd6), (0xd8, 0xf6), (0xf8, 0x2c1),
    (0x2c6, 0x2d1), (0x2e0, 0x2e4), (0x2ec, 0x2ec), (0x2ee, 0x2ee), (0x370, 0x374), (0x376, 0x377),
    (0x37a, 0x37d), (0x37f, 0x37f), (0x386, 0x386), (0x388, 0x38a), (0x38c, 0x38c), (0x38e, 0x3a1),
    (0x3a3, 0x3f5), (0x3f7, 0x481), (0x48a, 0x52f), (0x531, 0x556), (0x559, 0x559), (0x560, 0x588),
    (0x5d0, 0x5ea), (0x5ef, 0x5f2), (0x620, 0x64a), (0x66e, 0x66f), (0x671, 0x6d3), (0x6d5, 0x6d5),
    (0x6e5, 0x6e6), (0x6ee, 0x6ef), (0x6fa, 0x6fc), (0x6ff, 0x6ff), (0x710, 0x710), (0x712, 0x72f),
    (0x74d, 0x7a5), (0x7b1, 0x7b1), (0x7ca, 0x7ea), (0x7f4, 0x7f5), (0x7fa, 0x7fa), (0x800, 0x815),
    (0x81a, 0x81a), (0x824, 0x824), (0x828, 0x828), (0x840, 0x858), (0x860, 0x86a), (0x870, 0x887),
    (0x889, 0x88e), (0x8a0, 0x8c9), (0x904, 0x939), (0x93d, 0x93d), (0x950, 0x950), (0x958, 0x961),
    (0x971, 0x980), (0x985, 0x98c), (0x98f, 0x990), (0x993, 0x9a8), (0x9aa, 0x9b0), (0x9b2, 0x9b2),
    (0x9b6, 0x9b9), (0x9bd, 0x9bd), (0x9ce, 0x9ce), (0x9dc, 0x9dd), (0x9df, 0x9e1), (0x9f0, 0x9f1),
    (0x9fc, 0x9fc), (0xa05, 0xa0a), (0xa0f, 0xa10), (0xa13, 0xa28), (0xa2a, 0xa30), (0xa32, 0xa33),
    (0xa35, 0xa36), (0xa38, 0xa39), (0xa59, 0xa5c), (0xa5e, 0xa5e), (0xa72, 0xa74), (0xa85, 0xa8d),
    (0xa8f, 0xa91), (0xa93, 0xaa8), (0xaaa, 0xab0), (0xab2, 0xab3), (0xab5, 0xab9), (0xabd, 0xabd),
    (0xad0, 0xad0), (0xae0, 0xae1), (0xaf9, 0xaf9), (0xb05, 0xb0c), (0xb0f, 0xb10), (0xb13, 0xb28),
    (0xb2a, 0xb30), (0xb32, 0xb33), (0xb35, 0xb39), (0xb3d, 0xb3d), (0xb5c, 0xb5d), (0xb5f, 0xb61),
    (0xb71, 0xb71), (0xb83, 0xb83), (0xb85, 0xb8a), (0xb8e, 0xb90), (0xb92, 0xb95), (0xb99, 0xb9a),
    (0xb9c, 0xb9c), (0xb9e, 0xb9f), (0xba3, 0xba4), (0xba8, 0xbaa), (0xbae, 0xbb9), (0xbd0, 0xbd0),
    (0xc05, 0xc0c), (0xc0e, 0xc10), (0xc12, 0xc28), (0xc2a, 0xc39), (0xc3d, 0xc3d), (0xc58, 0xc5a),
    (0xc5d, 0xc5d), (0xc60, 0xc61), (0xc80, 0xc80), (0xc85, 0xc8c), (0xc8e, 0xc90), (0xc92, 0xca8),
    (0xcaa, 0xcb3), (0xcb5, 0xcb9), (0xcbd, 0xcbd), (0xcdd, 0xcde), (0xce0, 0xce1), (0xcf1, 0xcf2),
    (0xd04, 0xd0c), (0xd0e, 0xd10), (0xd12, 0xd3a), (0xd3d, 0xd3d), (0xd4e, 0xd4e), (0xd54, 0xd56),
    (0xd5f, 0xd61), (0xd7a, 0xd7f), (0xd85, 0xd96), (0xd9a, 0xdb1), (0xdb3, 0xdbb), (0xdbd, 0xdbd),
    (0xdc0, 0xdc6), (0xe01, 0xe30), (0xe32, 0xe33), (0xe40, 0xe46), (0xe81, 0xe82), (0xe84, 0xe84),
    (0xe86, 0xe8a), (0xe8c, 0xea3), (0xea5, 0xea5), (0xea7, 0xeb0), (0xeb2, 0xeb3), (0xebd, 0xebd),
    (0xec0, 0xec4), (0xec6, 0xec6), (0xedc, 0xedf), (0xf00, 0xf00), (0xf40, 0xf47), (0xf49, 0xf6c),
    (0xf88, 0xf8c), (0x1000, 0x102a), (0x103f, 0x103f), (0x1050, 0x1055), (0x105a, 0x105d),
    (0x1061, 0x1061), (0x1065, 0x1066), (0x106e, 0x1070), (0x1075, 0x1081), (0x108e, 0x108e),
    (0x10a0, 0x10c5), (0x10c7, 0x10c7), (0x10cd, 0x10cd), (0x10d0, 0x10fa), (0x10fc, 0x1248),
    (0x124a, 0x124d), (0x1250, 0x1256), (0x1258, 0x1258), (0x125a, 0x125d), (0x1260, 0x1288),
    (0x128a, 0x128d), (0x1290, 0x12b0), (0x12b2, 0x12b5), (0x12b8, 0x12be), (0x12c0, 0x12c0),
    (0x12c2, 0x12c5), (0x12c8, 0x12d6), (0x12d8, 0x1310), (0x1312, 0x1315), (0x1318, 0x135a),
    (0x1380, 0x138f), (0x13a0, 0x13f5), (0x13f8, 0x13fd), (0x1401, 0x166c), (0x166f, 0x167f),
    (0x1681, 0x169a), (0x16a0, 0x16ea), (0x16f1, 0x16f8), (0x1700, 0x1711), (0x171f, 0x1731),
    (0x1740, 0x1751), (0x1760, 0x176c), (0x176e, 0x1770), (0x1780, 0x17b3), (0x17d7, 0x17d7),
    (0x17dc, 0x17dc), (0x1820, 0x1878), (0x1880, 0x1884), (0x1887, 0x18a8), (0x18aa, 0x18aa),
    (0x18b0, 0x18f5), (0x1900, 0x191e), (0x1950, 0x196d), (0x1970, 0x1974), (0x1980, 0x19ab),
    (0x19b0, 0x19c9), (0x1a00, 0x1a16), (0x1a20, 0x1a54), (0x1aa7, 0x1aa7), (0x1b05, 0x1b33),
    (0x1b45, 0x1b4c), (0x1b83, 0x1ba0), (0x1bae, 0x1baf), (0x1bba, 0x1be5), (0x1c00, 0x1c23),
    (0x1c4d, 0x1c4f), (0x1c5a, 0x1c7d), (0x1c80, 0x1c88), (0x1c90, 0x1cba), (0x1cbd, 0x1cbf),
    (0x1ce9, 0x1cec), (0x1cee, 0x1cf3), (0x1cf5, 0x1cf6), (0x1cfa, 0x1cfa), (0x1d00, 0x1dbf),
    (0x1e00, 0x1f15), (0x1f18, 0x1f1d), (0x1f20, 0x1f45), (0x1f48, 0x1f4d), (0x1f50, 0x1f57),
    (0x1f59, 0x1f59), (0x1f5b, 0x1f5b), (0x1f5d, 0x1f5d), (0x1f5f, 0x1f7d), (0x1f80, 0x1fb4),
    (0x1fb6, 0x1fbc), (0x1fbe, 0x1fbe), (0x1fc2, 0x1fc4), (0x1fc6, 0x1fcc), (0x1fd0, 0x1fd3),
    (0x1fd6, 0x1fdb), (0x1fe0, 0x1fec), (0x1ff2, 0x1ff4), (0x1ff6, 0x1ffc), (0x2071, 0x2071),
    (0x207f, 0x207f), (0x2090, 0x209c), (0x2102, 0x2102), (0x2107, 0x2107), (0x210a, 0x2113),
    (0x2115, 0x2115), (0x2119, 0x211d), (0x2124, 0x2124), (0x2126, 0x2126), (0x2128, 0x2128),
    (0x212a, 0x212d), (0x212f, 0x2139), (0x213c, 0x213f), (0x2145, 0x2149), (0x214e, 0x214e),
    (0x2183, 0x2184), (0x2c00, 0x2ce4), (0x2ceb, 0x2cee), (0x2cf2, 0x2cf3), (0x2d00, 0x2d25),
    (0x2d27, 0x2d27), (0x2d2d, 0x2d2d), (0x2d30, 0x2d67), (0x2d6f, 0x2d6f), (0x2d80, 0x2d96),
    (0x2da0, 0x2da6), (0x2da8, 0x2dae), (0x2db0, 0x2db6), (0x2db8, 0x2dbe), (0x2dc0, 0x2dc6),
    (0x2dc8, 0x2dce), (0x2dd0, 0x2dd6), (0x2dd8, 0x2dde), (0x2e2f, 0x2e2f), (0x3005, 0x3006),
    (0x3031, 0x3035), (0x303b, 0x303c), (0x3041, 0x3096), (0x309d, 0x309f), (0x30a1, 0x30fa),
    (0x30fc, 0x30ff), (0x3105, 0x312f), (0x3131, 0x318e), (0x31a0, 0x31bf), (0x31f0, 0x31ff),
    (0x3400, 0x4dbf), (0x4e00, 0xa48c), (0xa4d0, 0xa4fd), (0xa500, 0xa60c), (0xa610, 0xa61f),
    (0xa62a, 0xa62b), (0xa640, 0xa66e), (0xa67f, 0xa69d), (0xa6a0, 0xa6e5), (0xa717, 0xa71f),
    (0xa722, 0xa788), (0xa78b, 0xa7ca), (0xa7d0, 0xa7d1), (0xa7d3, 0xa7d3), (0xa7d5, 0xa7d9),
    (0xa7f2, 0xa801), (0xa803, 0xa805), (0xa807, 0xa80a), (0xa80c, 0xa822), (0xa840, 0xa873),
    (0xa882, 0xa8b3), (0xa8f2, 0xa8f7), (0xa8fb, 0xa8fb), (0xa8fd, 0xa8fe), (0xa90a, 0xa925),
    (0xa930, 0xa946), (0xa960, 0xa97c), (0xa984, 0xa9b2), (0xa9cf, 0xa9cf), (0xa9e0, 0xa9e4),
    (0xa9e6, 0xa9ef), (0xa9fa, 0xa9fe), (0xaa00, 0xaa28), (0xaa40, 0xaa42), (0xaa44, 0xaa4b),
    (0xaa60, 0xaa76), (0xaa7a, 0xaa7a), (0xaa7e, 0xaaaf), (0xaab1, 0xaab1), (0xaab5, 0xaab6),
    (0xaab9, 0xaabd), (0xaac0, 0xaac0), (0xaac2, 0xaac2), (0xaadb, 0xaadd), (0xaae0, 0xaaea),
    (0xaaf2, 0xaaf4), (0xab01, 0xab06), (0xab09, 0xab0e), (0xab11, 0xab16), (0xab20, 0xab26),
    (0xab28, 0xab2e), (0xab30, 0xab5a), (0xab5c, 0xab69), (0xab70, 0xabe2), (0xac00, 0xd7a3),
    (0xd7b0, 0xd7c6), (0xd7cb, 0xd7fb), (0xf900, 0xfa6d), (0xfa70, 0xfad9), (0xfb00, 0xfb06),
    (0xfb13, 0xfb17), (0xfb1d, 0xfb1d), (0xfb1f, 0xfb28), (0xfb2a, 0xfb36), (0xfb38, 0xfb3c),
    (0xfb3e, 0xfb3e), (0xfb40, 0xfb41), (0xfb43, 0xfb44), (0xfb46, 0xfbb1), (0xfbd3, 0xfd3d),
    (0xfd50, 0xfd8f), (0xfd92, 0xfdc7), (0xfdf0, 0xfdfb), (0xfe70, 0xfe74), (0xfe76, 0xfefc),
    (0xff21, 0xff3a), (0xff41, 0xff5a), (0xff66, 0xffbe), (0xffc2, 0xffc7), (0xffca, 0xffcf),
    (0xffd2, 0xffd7), (0xffda, 0xffdc), (0x10000, 0x1000b), (0x1000d, 0x10026), (0x10028, 0x1003a),
    (0x1003c, 0x1003d), (0x1003f, 0x1004d), (0x10050, 0x1005d), (0x10080, 0x100fa),
    (0x10280, 0x1029c), (0x102a0, 0x102d0), (0x10300, 0x1031f), (0x1032d, 0x10340),
    (0x10342, 0x10349), (0x10350, 0x10375), (0x10380, 0x1039d), (0x103a0, 0x103c3),
    (0x103c8, 0x103cf), (0x10400, 0x1049d), (0x104b0, 0x104d3), (0x104d8, 0x104fb),
    (0x10500, 0x10527), (0x10530, 0x10563), (0x10570, 0x1057a), (0x1057c, 0x1058a),
    (0x1058c, 0x10592), (0x10594, 0x10595), (0x10597, 0x105a1), (0x105a3, 0x105b1),
    (0x105b3, 0x105b9), (0x105bb, 0x105bc), (0x10600, 0x10736), (0x10740, 0x10755),
    (0x10760, 0x10767), (0x10780, 0x10785), (0x10787, 0x107b0), (0x107b2, 0x107ba),
    (0x10800, 0x10805), (0x10808, 0x10808), (0x1080a, 0x10835), (0x10837, 0x10838),
    (0x1083c, 0x1083c), (0x1083f, 0x10855), (0x10860, 0x10876), (0x10880, 0x1089e),
    (0x108e0, 0x108f2), (0x108f4, 0x108f5), (0x10900, 0x10915), (0x10920, 0x10939),
    (0x10980, 0x109b7), (0x109be, 0x109bf), (0x10a00, 0x10a00), (0x10a10, 0x10a13),
    (0x10a15, 0x10a17), (0x10a19, 0x10a35), (0x10a60, 0x10a7c), (0x10a80, 0x10a9c),
    (0x10ac0, 0x10ac7), (0x10ac9, 0x10ae4), (0x10b00, 0x10b35), (0x10b40, 0x10b55),
    (0x10b60, 0x10b72), (0x10b80, 0x10b91), (0x10c00, 0x10c48), (0x10c80, 0x10cb2),
    (0x10cc0, 0x10cf2), (0x10d00, 0x10d23), (0x10e80, 0x10ea9), (0x10eb0, 0x10eb1),
    (0x10f00, 0x10f1c), (0x10f27, 0x10f27), (0x10f30, 0x10f45), (0x10f70, 0x10f81),
    (0x10fb0, 0x10fc4), (0x10fe0, 0x10ff6), (0x11003, 0x11037), (0x11071, 0x11072),
    (0x11075, 0x11075), (0x11083, 0x110af), (0x110d0, 0x110e8), (0x11103, 0x11126),
    (0x11144, 0x11144), (0x11147, 0x11147), (0x11150, 0x11172), (0x11176, 0x11176),
    (0x11183, 0x111b2), (0x111c1, 0x111c4), (0x111da, 0x111da), (0x111dc, 0x111dc),
    (0x11200, 0x11211), (0x11213, 0x1122b), (0x11280, 0x11286), (0x11288, 0x11288),
    (0x1128a, 0x1128d), (0x1128f, 0x1129d), (0x1129f, 0x112a8), (0x112b0, 0x112de),
    (0x11305, 0x1130c), (0x1130f, 0x11310), (0x11313, 0x11328), (0x1132a, 0x11330),
    (0x11332, 0x11333), (0x11335, 0x11339), (0x1133d, 0x1133d), (0x11350, 0x11350),
    (0x1135d, 0x11361), (0x11400, 0x11434), (0x11447, 0x1144a), (0x1145f, 0x11461),
    (0x11480, 0x114af), (0x114c4, 0x114c5), (0x114c7, 0x114c7), (0x11580, 0x115ae),
    (0x115d8, 0x115db), (0x11600, 0x1162f), (0x11644, 0x11644), (0x11680, 0x116aa),
    (0x116b8, 0x116b8), (0x11700, 0x1171a), (0x11740, 0x11746), (0x11800, 0x1182b),
    (0x118a0, 0x118df), (0x118ff, 0x11906), (0x11909, 0x11909), (0x1190c, 0x11913),
    (0x11915, 0x11916), (0x11918, 0x1192f), (0x1193f, 0x1193f), (0x11941, 0x11941),
    (0x119a0, 0x119a7), (0x119aa, 0x119d0), (0x119e1, 0x119e1), (0x119e3, 0x119e3),
    (0x11a00, 0x11a00), (0x11a0b, 0x11a32), (0x11a3a, 0x11a3a), (0x11a50, 0x11a50),
    (0x11a5c, 0x11a89), (0x11a9d, 0x11a9d), (0x11ab0, 0x11af8), (0x11c00, 0x11c08),
    (0x11c0a, 0x11c2e), (0x11c40, 0x11c40), (0x11c72, 0x11c8f), (0x11d00, 0x11d06),
    (0x11d08, 0x11d09), (0x11d0b, 0x11d30), (0x11d46, 0x11d46), (0x11d60, 0x11d65),
    (0x11d67, 0x11d68), (0x11d6a, 0x11d89), (0x11d98, 0x11d98), (0x11ee0, 0x11ef2),
    (0x11fb0, 0x11fb0), (0x12000, 0x12399), (0x12480, 0x12543), (0x12f90, 0x12ff0),
    (0x13000, 0x1342e), (0x14400, 0x14646), (0x16800, 0x16a38), (0x16a40, 0x16a5e),
    (0x16a70, 0x16abe), (0x16ad0, 0x16aed), (0x16b00, 0x16b2f), (0x16b40, 0x16b43),
    (0x16b63, 0x16b77), (0x16b7d, 0x16b8f), (0x16e40, 0x16e7f), (0x16f00, 0x16f4a),
    (0x16f50, 0x16f50), (0x16f93, 0x16f9f), (0x16fe0, 0x16fe1), (0x16fe3, 0x16fe3),
    (0x17000, 0x187f7), (0x18800, 0x18cd5), (0x18d00, 0x18d08), (0x1aff0, 0x1aff3),
    (0x1aff5, 0x1affb), (0x1affd, 0x1affe), (0x1b000, 0x1b122), (0x1b150, 0x1b152),
    (0x1b164, 0x1b167), (0x1b170, 0x1b2fb), (0x1bc00, 0x1bc6a), (0x1bc70, 0x1bc7c),
    (0x1bc80, 0x1bc88), (0x1bc90, 0x1bc99), (0x1d400, 0x1d454), (0x1d456, 0x1d49c),
    (0x1d49e, 0x1d49f), (0x1d4a2, 0x1d4a2), (0x1d4a5, 0x1d4a6), (0x1d4a9, 0x1d4ac),
    (0x1d4ae, 0x1d4b9), (0x1d4bb, 0x1d4bb), (0x1d4bd, 0x1d4c3), (0x1d4c5, 0x1d505),
    (0x1d507, 0x1d50a), (0x1d50d, 0x1d514), (0x1d516, 0x1d51c), (0x1d51e, 0x1d539),
    (0x1d53b, 0x1d53e), (0x1d540, 0x1d544), (0x1d546, 0x1d546), (0x1d54a, 0x1d550),
    (0x1d552, 0x1d6a5), (0x1d6a8, 0x1d6c0), (0x1d6c2, 0x1d6da), (0x1d6dc, 0x1d6fa),
    (0x1d6fc, 0x1d714), (0x1d716, 0x1d734), (0x1d736, 0x1d74e), (0x1d750, 0x1d76e),
    (0x1d770, 0x1d788), (0x1d78a, 0x1d7a8), (0x1d7aa, 0x1d7c2), (0x1d7c4, 0x1d7cb),
    (0x1df00, 0x1df1e), (0x1e100, 0x1e12c), (0x1e137, 0x1e13d), (0x1e14e, 0x1e14e),
    (0x1e290, 0x1e2ad), (0x1e2c0, 0x1e2eb), (0x1e7e0, 0x1e7e6), (0x1e7e8, 0x1e7eb),
    (0x1e7ed, 0x1e7ee), (0x1e7f0, 0x1e7fe), (0x1e800, 0x1e8c4), (0x1e900, 0x1e943),
    (0x1e94b, 0x1e94b), (0x1ee00, 0x1ee03), (0x1ee05, 0x1ee1f), (0x1ee21, 0x1ee22),
    (0x1ee24, 0x1ee24), (0x1ee27, 0x1ee27), (0x1ee29, 0x1ee32), (0x1ee34, 0x1ee37),
    (0x1ee39, 0x1ee39), (0x1ee3b, 0x1ee3b), (0x1ee42, 0x1ee42), (0x1ee47, 0x1ee47),
    (0x1ee49, 0x1ee49), (0x1ee4b, 0x1ee4b), (0x1ee4d, 0x1ee4f), (0x1ee51, 0x1ee52),
    (0x1ee54, 0x1ee54), (0x1ee57, 0x1ee57), (0x1ee59, 0x1ee59), (0x1ee5b, 0x1ee5b),
    (0x1ee5d, 0x1ee5d), (0x1ee5f, 0x1ee5f), (0x1ee61, 0x1ee62), (0x1ee64, 0x1ee64),
    (0x1ee67, 0x1ee6a), (0x1ee6c, 0x1ee72), (0x1ee74, 0x1ee77), (0x1ee79, 0x1ee7c),
    (0x1ee7e, 0x1ee7e), (0x1ee80, 0x1ee89), (0x1ee8b, 0x1ee9b), (0x1eea1, 0x1eea3),
    (0x1eea5, 0x1eea9), (0x1eeab, 0x1eebb), (0x20000, 0x2a6df), (0x2a700, 0x2b738),
    (0x2b740, 0x2b81d), (0x2b820, 0x2cea1), (0x2ceb0, 0x2ebe0), (0x2f800, 0x2fa1d),
    (0x30000, 0x3134a),
];

/// Non-ASCII code points for which CPython 3.11 says `isdecimal()`.
#[rustfmt::skip]
const DECIMAL: &[(u32, u32)] = &[
    (0x660, 0x669), (0x6f0, 0x6f9), (0x7c0, 0x7c9), (0x966, 0x96f), (0x9e6, 0x9ef), (0xa66, 0xa6f),
    (0xae6, 0xaef), (0xb66, 0xb6f), (0xbe6, 0xbef), (0xc66, 0xc6f), (0xce6, 0xcef), (0xd66, 0xd6f),
    (0xde6, 0xdef), (0xe50, 0xe59), (0xed0, 0xed9), (0xf20, 0xf29), (0x1040, 0x1049),
    (0x1090, 0x1099), (0x17e0, 0x17e9), (0x1810, 0x1819), (0x1946, 0x194f), (0x19d0, 0x19d9),
    (0x1a80, 0x1a89), (0x1a90, 0x1a99), (0x1b50, 0x1b59), (0x1bb0, 0x1bb9), (0x1c40, 0x1c49),
    (0x1c50, 0x1c59), (0xa620, 0xa629), (0xa8d0, 0xa8d9), (0xa900, 0xa909), (0xa9d0, 0xa9d9),
    (0xa9f0, 0xa9f9), (0xaa50, 0xaa59), (0xabf0, 0xabf9), (0xff10, 0xff19), (0x104a0, 0x104a9),
    (0x10d30, 0x10d39), (0x11066, 0x1106f), (0x110f0, 0x110f9), (0x11136, 0x1113f),
    (0x111d0, 0x111d9), (0x112f0, 0x112f9), (0x11450, 0x11459), (0x114d0, 0x114d9),
    (0x11650, 0x11659), (0x116c0, 0x116c9), (0x11730, 0x11739), (0x118e0, 0x118e9),
    (0x11950, 0x11959), (0x11c50, 0x11c59), (0x11d50, 0x11d59), (0x11da0, 0x11da9),
    (0x16a60, 0x16a69), (0x16ac0, 0x16ac9), (0x16b50, 0x16b59), (0x1d7ce, 0x1d7ff),
    (0x1e140, 0x1e149), (0x1e2f0, 0x1e2f9), (0x1e950, 0x1e959), (0x1fbf0, 0x1fbf9),
];

/// Non-ASCII code points for which CPython 3.11 says `isdigit()`.
#[rustfmt::skip]
const DIGIT: &[(u32, u32)] = &[
    (0xb2, 0xb3), (0xb9, 0xb9), (0x660, 0x669), (0x6f0, 0x6f9), (0x7c0, 0x7c9), (0x966, 0x96f),
    (0x9e6, 0x9ef), (0xa66, 0xa6f), (0xae6, 0xaef), (0xb66, 0xb6f), (0xbe6, 0xbef), (0xc66, 0xc6f),
    (0xce6, 0xcef), (0xd66, 0xd6f), (0xde6, 0xdef), (0xe50, 0xe59), (0xed0, 0xed9), (0xf20, 0xf29),
    (0x1040, 0x1049), (0x1090, 0x1099), (0x1369, 0x1371), (0x17e0, 0x17e9), (0x1810, 0x1819),
    (0x1946, 0x194f), (0x19d0, 0x19da), (0x1a80, 0x1a89), (0x1a90, 0x1a99), (0x1b50, 0x1b59),
    (0x1bb0, 0x1bb9), (0x1c40, 0x1c49), (0x1c50, 0x1c59), (0x2070, 0x2070), (0x2074, 0x2079),
    (0x2080, 0x2089), (0x2460, 0x2468), (0x2474, 0x247c), (0x2488, 0x2490), (0x24ea, 0x24ea),
    (0x24f5, 0x24fd), (0x24ff, 0x24ff), (0x2776, 0x277e), (0x2780, 0x2788), (0x278a, 0x2792),
    (0xa620, 0xa629), (0xa8d0, 0xa8d9), (0xa900, 0xa909), (0xa9d0, 0xa9d9), (0xa9f0, 0xa9f9),
    (0xaa50, 0xaa59), (0xabf0, 0xabf9), (0xff10, 0xff19), (0x104a0, 0x104a9), (0x10a40, 0x10a43),
    (0x10d30, 0x10d39), (0x10e60, 0x10e68), (0x11052, 0x1105a), (0x11066, 0x1106f),
    (0x110f0, 0x110f9), (0x11136, 0x1113f), (0x111d0, 0x111d9), (0x112f0, 0x112f9),
    (0x11450, 0x11459), (0x114d0, 0x114d9), (0x11650, 0x11659), (0x116c0, 0x116c9),
    (0x11730, 0x11739), (0x118e0, 0x118e9), (0x11950, 0x11959), (0x11c50, 0x11c59),
    (0x11d50, 0x11d59), (0x11da0, 0x11da9), (0x16a60, 0x16a69), (0x16ac0, 0x16ac9),
    (0x16b50, 0x16b59), (0x1d7ce, 0x1d7ff), (0x1e140, 0x1e149), (0x1e2f0, 0x1e2f9),
    (0x1e950, 0x1e959), (0x1f100, 0x1f10a), (0x1fbf0, 0x1fbf9),
];

/// Non-ASCII code points for which CPython 3.11 says `isnumeric()`.
#[rustfmt::skip]
const NUMERIC: &[(u32, u32)] = &[
    (0xb2, 0xb3), (0xb9, 0xb9), (0xbc, 0xbe), (0x660, 0x669), (0x6f0, 0x6f9), (0x7c0, 0x7c9),
    (0x966, 0x96f), (0x9e6, 0x9ef), (0x9f4, 0x9f9), (0xa66, 0xa6f), (0xae6, 0xaef), (0xb66, 0xb6f),
    (0xb72, 0xb77), (0xbe6, 0xbf2), (0xc66, 0xc6f), (0xc78, 0xc7e), (0xce6, 0xcef), (0xd58, 0xd5e),
    (0xd66, 0xd78), (0xde6, 0xdef), (0xe50, 0xe59), (0xed0, 0xed9), (0xf20, 0xf33),
    (0x1040, 0x1049), (0x1090, 0x1099), (0x1369, 0x137c), (0x16ee, 0x16f0), (0x17e0, 0x17e9),
    (0x17f0, 0x17f9), (0x1810, 0x1819), (0x1946, 0x194f), (0x19d0, 0x19da), (0x1a80, 0x1a89),
    (0x1a90, 0x1a99), (0x1b50, 0x1b59), (0x1bb0, 0x1bb9), (0x1c40, 0x1c49), (0x1c50, 0x1c59),
    (0x2070, 0x2070), (0x2074, 0x2079), (0x2080, 0x2089), (0x2150, 0x2182), (0x2185, 0x2189),
    (0x2460, 0x249b), (0x24ea, 0x24ff), (0x2776, 0x2793), (0x2cfd, 0x2cfd), (0x3007, 0x3007),
    (0x3021, 0x3029), (0x3038, 0x303a), (0x3192, 0x3195), (0x3220, 0x3229), (0x3248, 0x324f),
    (0x3251, 0x325f), (0x3280, 0x3289), (0x32b1, 0x32bf), (0x3405, 0x3405), (0x3483, 0x3483),
    (0x382a, 0x382a), (0x3b4d, 0x3b4d), (0x4e00, 0x4e00), (0x4e03, 0x4e03), (0x4e07, 0x4e07),
    (0x4e09, 0x4e09), (0x4e5d, 0x4e5d), (0x4e8c, 0x4e8c), (0x4e94, 0x4e94), (0x4e96, 0x4e96),
    (0x4ebf, 0x4ec0), (0x4edf, 0x4edf), (0x4ee8, 0x4ee8), (0x4f0d, 0x4f0d), (0x4f70, 0x4f70),
    (0x5104, 0x5104), (0x5146, 0x5146), (0x5169, 0x5169), (0x516b, 0x516b), (0x516d, 0x516d),
    (0x5341, 0x5341), (0x5343, 0x5345), (0x534c, 0x534c), (0x53c1, 0x53c4), (0x56db, 0x56db),
    (0x58f1, 0x58f1), (0x58f9, 0x58f9), (0x5e7a, 0x5e7a), (0x5efe, 0x5eff), (0x5f0c, 0x5f0e),
    (0x5f10, 0x5f10), (0x62fe, 0x62fe), (0x634c, 0x634c), (0x67d2, 0x67d2), (0x6f06, 0x6f06),
    (0x7396, 0x7396), (0x767e, 0x767e), (0x8086, 0x8086), (0x842c, 0x842c), (0x8cae, 0x8cae),
    (0x8cb3, 0x8cb3), (0x8d30, 0x8d30), (0x9621, 0x9621), (0x9646, 0x9646), (0x964c, 0x964c),
    (0x9678, 0x9678), (0x96f6, 0x96f6), (0xa620, 0xa629), (0xa6e6, 0xa6ef), (0xa830, 0xa835),
    (0xa8d0, 0xa8d9), (0xa900, 0xa909), (0xa9d0, 0xa9d9), (0xa9f0, 0xa9f9), (0xaa50, 0xaa59),
    (0xabf0, 0xabf9), (0xf96b, 0xf96b), (0xf973, 0xf973), (0xf978, 0xf978), (0xf9b2, 0xf9b2),
    (0xf9d1, 0xf9d1), (0xf9d3, 0xf9d3), (0xf9fd, 0xf9fd), (0xff10, 0xff19), (0x10107, 0x10133),
    (0x10140, 0x10178), (0x1018a, 0x1018b), (0x102e1, 0x102fb), (0x10320, 0x10323),
    (0x10341, 0x10341), (0x1034a, 0x1034a), (0x103d1, 0x103d5), (0x104a0, 0x104a9),
    (0x10858, 0x1085f), (0x10879, 0x1087f), (0x108a7, 0x108af), (0x108fb, 0x108ff),
    (0x10916, 0x1091b), (0x109bc, 0x109bd), (0x109c0, 0x109cf), (0x109d2, 0x109ff),
    (0x10a40, 0x10a48), (0x10a7d, 0x10a7e), (0x10a9d, 0x10a9f), (0x10aeb, 0x10aef),
    (0x10b58, 0x10b5f), (0x10b78, 0x10b7f), (0x10ba9, 0x10baf), (0x10cfa, 0x10cff),
    (0x10d30, 0x10d39), (0x10e60, 0x10e7e), (0x10f1d, 0x10f26), (0x10f51, 0x10f54),
    (0x10fc5, 0x10fcb), (0x11052, 0x1106f), (0x110f0, 0x110f9), (0x11136, 0x1113f),
    (0x111d0, 0x111d9), (0x111e1, 0x111f4), (0x112f0, 0x112f9), (0x11450, 0x11459),
    (0x114d0, 0x114d9), (0x11650, 0x11659), (0x116c0, 0x116c9), (0x11730, 0x1173b),
    (0x118e0, 0x118f2), (0x11950, 0x11959), (0x11c50, 0x11c6c), (0x11d50, 0x11d59),
    (0x11da0, 0x11da9), (0x11fc0, 0x11fd4), (0x12400, 0x1246e), (0x16a60, 0x16a69),
    (0x16ac0, 0x16ac9), (0x16b50, 0x16b59), (0x16b5b, 0x16b61), (0x16e80, 0x16e96),
    (0x1d2e0, 0x1d2f3), (0x1d360, 0x1d378), (0x1d7ce, 0x1d7ff), (0x1e140, 0x1e149),
    (0x1e2f0, 0x1e2f9), (0x1e8c7, 0x1e8cf), (0x1e950, 0x1e959), (0x1ec71, 0x1ecab),
    (0x1ecad, 0x1ecaf), (0x1ecb1, 0x1ecb4), (0x1ed01, 0x1ed2d), (0x1ed2f, 0x1ed3d),
    (0x1f100, 0x1f10c), (0x1fbf0, 0x1fbf9), (0x20001, 0x20001), (0x20064, 0x20064),
    (0x200e2, 0x200e2), (0x20121, 0x20121), (0x2092a, 0x2092a), (0x20983, 0x20983),
    (0x2098c, 0x2098c), (0x2099c, 0x2099c), (0x20aea, 0x20aea), (0x20afd, 0x20afd),
    (0x20b19, 0x20b19), (0x22390, 0x22390), (0x22998, 0x22998), (0x23b1b, 0x23b1b),
    (0x2626d, 0x2626d), (0x2f890, 0x2f890),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::BinaryOp;

    fn new_vm() -> Vm {
        crate::vm::test_vm()
    }

    fn s(text: &str) -> Value {
        Value::str(text)
    }

    fn call_kw(
        vm: &mut Vm,
        obj: &Value,
        name: &str,
        args: &[Value],
        kw: &[(&str, Value)],
    ) -> PyResult<Value> {
        let m = vm.getattr(obj, name)?;
        let kw: Vec<(Arc<str>, Value)> =
            kw.iter().map(|(k, v)| (Arc::from(*k), v.clone())).collect();
        vm.call(&m, args, &kw)
    }

    /// `repr(obj.name(*args, **kw))`
    fn ok_kw(vm: &mut Vm, obj: &Value, name: &str, args: &[Value], kw: &[(&str, Value)]) -> String {
        let r = call_kw(vm, obj, name, args, kw).unwrap_or_else(|e| panic!("{}: {:?}", name, e));
        vm.repr(&r).unwrap()
    }

    fn ok(vm: &mut Vm, obj: &Value, name: &str, args: &[Value]) -> String {
        ok_kw(vm, obj, name, args, &[])
    }

    /// The last line CPython prints for the exception `obj.name(*args, **kw)` raises (built
    /// here from the class and args, so that it does not depend on `BaseException.__str__`).
    fn err_kw(
        vm: &mut Vm,
        obj: &Value,
        name: &str,
        args: &[Value],
        kw: &[(&str, Value)],
    ) -> String {
        let e = call_kw(vm, obj, name, args, kw)
            .err()
            .unwrap_or_else(|| panic!("{} did not raise", name));
        let args = e.args();
        let msg = match args.as_slice() {
            [] => String::new(),
            [one] if e.matches(&types().key_error) => vm.repr(one).unwrap(),
            [one] => vm.to_str(one).unwrap(),
            more => vm.repr(&Value::tuple(more.to_vec())).unwrap(),
        };
        format!("{}: {}", e.class().name, msg)
    }

    fn err(vm: &mut Vm, obj: &Value, name: &str, args: &[Value]) -> String {
        err_kw(vm, obj, name, args, &[])
    }

    fn list(items: &[Value]) -> Value {
        Value::list(items.to_vec())
    }

    fn ints(items: &[i64]) -> Value {
        Value::list(items.iter().map(|i| Value::Int(*i)).collect())
    }

    fn set_of(vm: &mut Vm, items: &[Value], frozen: bool) -> Value {
        let mut keys = KeySet::default();
        for x in items {
            keys.insert(vm.hash_key(x).unwrap());
        }
        new_set(keys, frozen)
    }

    fn repr(vm: &mut Vm, v: &Value) -> String {
        vm.repr(v).unwrap()
    }

    #[test]
    fn str_split_family() {
        let vm = &mut new_vm();
        assert_eq!(ok(vm, &s("a  b"), "split", &[]), "['a', 'b']");
        assert_eq!(
            ok(vm, &s("a,b,,c"), "split", &[s(",")]),
            "['a', 'b', '', 'c']"
        );
        assert_eq!(
            ok(vm, &s("  a b c  "), "split", &[Value::None, Value::Int(1)]),
            "['a', 'b c  ']"
        );
        assert_eq!(
            ok(vm, &s("  a b c  "), "rsplit", &[Value::None, Value::Int(1)]),
            "['  a b', 'c']"
        );
        assert_eq!(
            ok(vm, &s("a,b,c"), "rsplit", &[s(","), Value::Int(1)]),
            "['a,b', 'c']"
        );
        assert_eq!(
            ok_kw(
                vm,
                &s("a b c"),
                "split",
                &[],
                &[("maxsplit", Value::Int(1))]
            ),
            "['a', 'b c']"
        );
        assert_eq!(ok(vm, &s(""), "split", &[]), "[]");
        assert_eq!(ok(vm, &s(""), "split", &[s(",")]), "['']");
        assert_eq!(
            ok(vm, &s("a\u{3000}b\x1cc"), "split", &[]),
            "['a', 'b', 'c']"
        );
        assert_eq!(
            err(vm, &s("a"), "split", &[s("")]),
            "ValueError: empty separator"
        );
        assert_eq!(
            err_kw(vm, &s("a"), "split", &[], &[("x", Value::Int(1))]),
            "TypeError: 'x' is an invalid keyword argument for split()"
        );
        assert_eq!(
            err_kw(vm, &s("a"), "split", &[s(",")], &[("sep", s(","))]),
            "TypeError: argument for split() given by name ('sep') and position (1)"
        );
        assert_eq!(
            err(vm, &s("a"), "split", &[Value::Int(1)]),
            "TypeError: must be str or None, not int"
        );
        assert_eq!(
            err(vm, &s("a"), "split", &[s(","), s("x")]),
            "TypeError: 'str' object cannot be interpreted as an integer"
        );
        assert_eq!(
            ok(vm, &s("a\r\nb\rc\n"), "splitlines", &[Value::Bool(true)]),
            r"['a\r\n', 'b\r', 'c\n']"
        );
        assert_eq!(
            ok(vm, &s("a\r\nb\rc\n"), "splitlines", &[]),
            "['a', 'b', 'c']"
        );
        assert_eq!(
            ok(vm, &s("axbxc"), "rpartition", &[s("x")]),
            "('axb', 'x', 'c')"
        );
        assert_eq!(ok(vm, &s("abc"), "partition", &[s("x")]), "('abc', '', '')");
        assert_eq!(
            ok(vm, &s("abc"), "rpartition", &[s("x")]),
            "('', '', 'abc')"
        );
    }

    #[test]
    fn str_join_strip_case() {
        let vm = &mut new_vm();
        assert_eq!(ok(vm, &s(","), "join", &[s("abc")]), "'a,b,c'");
        assert_eq!(
            err(vm, &s(","), "join", &[list(&[s("a"), Value::Int(1)])]),
            "TypeError: sequence item 1: expected str instance, int found"
        );
        assert_eq!(
            err(vm, &s(","), "join", &[Value::Int(1)]),
            "TypeError: can only join an iterable"
        );
        assert_eq!(
            err(vm, &s(","), "join", &[]),
            "TypeError: str.join() takes exactly one argument (0 given)"
        );
        assert_eq!(ok(vm, &s(" x "), "strip", &[]), "'x'");
        assert_eq!(ok(vm, &s("xyxabcxy"), "strip", &[s("xy")]), "'abc'");
        assert_eq!(ok(vm, &s("  x  "), "lstrip", &[]), "'x  '");
        assert_eq!(ok(vm, &s("  x  "), "rstrip", &[Value::None]), "'  x'");
        assert_eq!(
            err(vm, &s("a"), "strip", &[Value::Int(1)]),
            "TypeError: strip arg must be None or str"
        );
        assert_eq!(
            ok(vm, &s("they're bill's 1st"), "title", &[]),
            "\"They'Re Bill'S 1St\""
        );
        assert_eq!(
            ok(vm, &s("hELLO wORLD"), "capitalize", &[]),
            "'Hello world'"
        );
        assert_eq!(ok(vm, &s("ΑΣ"), "capitalize", &[]), "'Ας'");
        assert_eq!(ok(vm, &s("ß"), "title", &[]), "'Ss'");
        assert_eq!(ok(vm, &s("ß"), "upper", &[]), "'SS'");
        assert_eq!(ok(vm, &s("Straße"), "casefold", &[]), "'strasse'");
        assert_eq!(ok(vm, &s("AbC"), "swapcase", &[]), "'aBc'");
        assert_eq!(ok(vm, &s("ABC"), "lower", &[]), "'abc'");
        assert_eq!(
            err(vm, &s("a"), "upper", &[Value::Int(1)]),
            "TypeError: str.upper() takes no arguments (1 given)"
        );
    }

    #[test]
    fn str_search_and_pad() {
        let vm = &mut new_vm();
        assert_eq!(ok(vm, &s("abc"), "find", &[s("c"), Value::Int(-1)]), "2");
        assert_eq!(ok(vm, &s("abc"), "find", &[s(""), Value::Int(5)]), "-1");
        assert_eq!(
            ok(
                vm,
                &s("abc"),
                "rfind",
                &[s(""), Value::Int(0), Value::Int(2)]
            ),
            "2"
        );
        assert_eq!(ok(vm, &s("héllo wörld"), "find", &[s("w")]), "6");
        assert_eq!(ok(vm, &s("héllo wörld"), "rfind", &[s("l")]), "9");
        assert_eq!(
            err(vm, &s("abc"), "index", &[s("z")]),
            "ValueError: substring not found"
        );
        assert_eq!(
            err(
                vm,
                &s("abc"),
                "rindex",
                &[s("c"), Value::Int(1), Value::Int(2)]
            ),
            "ValueError: substring not found"
        );
        assert_eq!(
            err(vm, &s("a"), "find", &[]),
            "TypeError: find() takes at least 1 argument (0 given)"
        );
        assert_eq!(
            err(vm, &s("a"), "find", &[Value::Int(1)]),
            "TypeError: must be str, not int"
        );
        assert_eq!(ok(vm, &s("abc"), "count", &[s("")]), "4");
        assert_eq!(ok(vm, &s("aaaa"), "count", &[s("aa")]), "2");
        assert_eq!(
            ok(vm, &s("abc"), "startswith", &[s(""), Value::Int(3)]),
            "True"
        );
        assert_eq!(
            ok(vm, &s("abc"), "startswith", &[s(""), Value::Int(4)]),
            "False"
        );
        assert_eq!(
            ok(
                vm,
                &s("abc"),
                "endswith",
                &[Value::tuple(vec![s("x"), s("c")])]
            ),
            "True"
        );
        assert_eq!(
            ok(
                vm,
                &s("abc"),
                "endswith",
                &[s("b"), Value::Int(0), Value::Int(2)]
            ),
            "True"
        );
        assert_eq!(
            err(vm, &s("a"), "startswith", &[Value::Int(1)]),
            "TypeError: startswith first arg must be str or a tuple of str, not int"
        );
        assert_eq!(
            ok(vm, &s("abc"), "replace", &[s(""), s("-"), Value::Int(2)]),
            "'-a-bc'"
        );
        assert_eq!(
            ok(vm, &s("aaa"), "replace", &[s("a"), s("b"), Value::Int(2)]),
            "'bba'"
        );
        assert_eq!(
            err(vm, &s("a"), "replace", &[s("a")]),
            "TypeError: replace expected at least 2 arguments, got 1"
        );
        assert_eq!(
            ok(vm, &s("abc"), "center", &[Value::Int(9), s("*")]),
            "'***abc***'"
        );
        assert_eq!(ok(vm, &s("ab"), "center", &[Value::Int(5)]), "'  ab '");
        assert_eq!(
            ok(vm, &s("a"), "center", &[Value::Int(4), s("-")]),
            "'-a--'"
        );
        assert_eq!(
            err(vm, &s("a"), "center", &[Value::Int(5), s("ab")]),
            "TypeError: The fill character must be exactly one character long"
        );
        assert_eq!(
            ok(vm, &s("ab"), "ljust", &[Value::Int(4), s(".")]),
            "'ab..'"
        );
        assert_eq!(ok(vm, &s("ab"), "rjust", &[Value::Int(4)]), "'  ab'");
        assert_eq!(ok(vm, &s("42"), "zfill", &[Value::Int(5)]), "'00042'");
        assert_eq!(ok(vm, &s("-42"), "zfill", &[Value::Int(6)]), "'-00042'");
        assert_eq!(
            ok(vm, &s("a\tbc\td"), "expandtabs", &[]),
            "'a       bc      d'"
        );
        assert_eq!(
            ok(vm, &s("a\tb\nc\td"), "expandtabs", &[Value::Int(4)]),
            r"'a   b\nc   d'"
        );
        assert_eq!(ok(vm, &s("abc"), "removeprefix", &[s("ab")]), "'c'");
        assert_eq!(ok(vm, &s("abc"), "removesuffix", &[s("x")]), "'abc'");
    }

    #[test]
    fn str_predicates() {
        let vm = &mut new_vm();
        let cases = [
            ("123", "isdigit", "True"),
            ("²", "isdigit", "True"),
            ("²", "isdecimal", "False"),
            ("一", "isnumeric", "True"),
            ("", "isdigit", "False"),
            ("é", "isalpha", "True"),
            ("a1", "isalnum", "True"),
            (" \t\n", "isspace", "True"),
            ("A1", "isupper", "True"),
            ("1", "isupper", "False"),
            ("abc", "islower", "True"),
            ("Hello World", "istitle", "True"),
            ("Hello world", "istitle", "False"),
            ("_x1", "isidentifier", "True"),
            ("1a", "isidentifier", "False"),
            ("a\tb", "isprintable", "False"),
            ("", "isprintable", "True"),
        ];
        for (text, method, want) in cases {
            assert_eq!(
                ok(vm, &s(text), method, &[]),
                want,
                "{:?}.{}()",
                text,
                method
            );
        }
    }

    #[test]
    fn str_format_fields() {
        let vm = &mut new_vm();
        assert_eq!(
            ok(vm, &s("{0}{1}{0}"), "format", &[s("a"), s("b")]),
            "'aba'"
        );
        assert_eq!(ok(vm, &s("{}-{}"), "format", &[s("a"), s("b")]), "'a-b'");
        assert_eq!(ok(vm, &s("{!r}"), "format", &[s("a")]), "\"'a'\"");
        assert_eq!(ok(vm, &s("{!a}"), "format", &[s("é")]), r#""'\\xe9'""#);
        assert_eq!(ok(vm, &s("{0[1]}{0[0]}"), "format", &[s("ab")]), "'ba'");
        assert_eq!(ok_kw(vm, &s("{x}"), "format", &[], &[("x", s("2"))]), "'2'");
        assert_eq!(ok(vm, &s("{{}}"), "format", &[]), "'{}'");
        assert_eq!(
            err(vm, &s("{1}"), "format", &[Value::Int(1)]),
            "IndexError: Replacement index 1 out of range for positional args tuple"
        );
        assert_eq!(err(vm, &s("{x}"), "format", &[]), "KeyError: 'x'");
        assert_eq!(
            err(vm, &s("{"), "format", &[]),
            "ValueError: Single '{' encountered in format string"
        );
        assert_eq!(
            err(vm, &s("}"), "format", &[]),
            "ValueError: Single '}' encountered in format string"
        );
        assert_eq!(
            err(vm, &s("{}{0}"), "format", &[s("a"), s("b")]),
            "ValueError: cannot switch from automatic field numbering to manual field specification"
        );
        assert_eq!(
            err(vm, &s("{!x}"), "format", &[s("a")]),
            "ValueError: Unknown conversion specifier x"
        );
        assert_eq!(
            err(vm, &s("{0!r"), "format", &[s("a")]),
            "ValueError: unmatched '{' in format spec"
        );
        assert_eq!(
            err(vm, &s("{a"), "format", &[]),
            "ValueError: expected '}' before end of string"
        );
        assert_eq!(
            err(vm, &s("{0[0]x}"), "format", &[s("a")]),
            "ValueError: Only '.' or '[' may follow ']' in format field specifier"
        );
        let d = Value::Dict(Arc::new(Dict::new()));
        vm.setitem(&d, &s("k"), s("v")).unwrap();
        assert_eq!(
            ok(vm, &s("<{k}>"), "format_map", std::slice::from_ref(&d)),
            "'<v>'"
        );
        assert_eq!(
            err(vm, &s("{0}"), "format_map", &[d]),
            "ValueError: Format string contains positional fields"
        );
    }

    /// Fields with a format spec go through `builtins::format_value`.
    #[test]
    fn str_format_specs() {
        let vm = &mut new_vm();
        assert_eq!(
            ok(vm, &s("{:>5}|{!r}"), "format", &[Value::Int(1), s("a")]),
            "\"    1|'a'\""
        );
        assert_eq!(
            ok(vm, &s("{0:{1}}"), "format", &[Value::Int(1), Value::Int(5)]),
            "'    1'"
        );
        assert_eq!(
            ok_kw(vm, &s("{x}"), "format", &[], &[("x", Value::Int(2))]),
            "'2'"
        );
        assert_eq!(
            err(
                vm,
                &s("{0:{1:{2}}}"),
                "format",
                &[Value::Int(1), Value::Int(5), Value::Int(2)]
            ),
            "ValueError: Max string recursion exceeded"
        );
    }

    #[test]
    fn list_methods() {
        let vm = &mut new_vm();
        let l = ints(&[1, 2]);
        call_kw(vm, &l, "append", &[Value::Int(3)], &[]).unwrap();
        call_kw(vm, &l, "insert", &[Value::Int(-100), Value::Int(0)], &[]).unwrap();
        call_kw(vm, &l, "extend", &[Value::tuple(vec![Value::Int(4)])], &[]).unwrap();
        assert_eq!(repr(vm, &l), "[0, 1, 2, 3, 4]");
        assert_eq!(ok(vm, &l, "pop", &[]), "4");
        assert_eq!(ok(vm, &l, "pop", &[Value::Int(0)]), "0");
        assert_eq!(
            err(vm, &l, "pop", &[Value::Int(5)]),
            "IndexError: pop index out of range"
        );
        assert_eq!(
            err(vm, &ints(&[]), "pop", &[]),
            "IndexError: pop from empty list"
        );
        assert_eq!(ok(vm, &l, "index", &[Value::Int(3)]), "2");
        assert_eq!(
            err(vm, &l, "index", &[Value::Int(5)]),
            "ValueError: 5 is not in list"
        );
        assert_eq!(
            err(
                vm,
                &l,
                "index",
                &[Value::Int(3), Value::Int(0), Value::Int(-1)]
            ),
            "ValueError: 3 is not in list"
        );
        assert_eq!(
            err(vm, &l, "index", &[]),
            "TypeError: index expected at least 1 argument, got 0"
        );
        assert_eq!(
            err(vm, &l, "remove", &[Value::Int(9)]),
            "ValueError: list.remove(x): x not in list"
        );
        assert_eq!(
            err(vm, &l, "append", &[]),
            "TypeError: list.append() takes exactly one argument (0 given)"
        );
        assert_eq!(
            err(vm, &l, "insert", &[Value::Int(1)]),
            "TypeError: insert expected 2 arguments, got 1"
        );
        assert_eq!(
            err(vm, &l, "pop", &[s("a")]),
            "TypeError: 'str' object cannot be interpreted as an integer"
        );
        assert_eq!(
            err(vm, &l, "sort", &[Value::Int(1)]),
            "TypeError: sort() takes no positional arguments"
        );
        call_kw(vm, &l, "remove", &[Value::Int(2)], &[]).unwrap();
        call_kw(vm, &l, "reverse", &[], &[]).unwrap();
        assert_eq!(repr(vm, &l), "[3, 1]");
        assert_eq!(
            ok(vm, &ints(&[1, 2, 1]), "count", &[Value::Float(1.0)]),
            "2"
        );
        let copy = call_kw(vm, &l, "copy", &[], &[]).unwrap();
        call_kw(vm, &l, "clear", &[], &[]).unwrap();
        assert_eq!(repr(vm, &l), "[]");
        assert_eq!(repr(vm, &copy), "[3, 1]");
        // Through the class, as `list.__getitem__(l, 1)`.
        let getitem = vm
            .getattr(&Value::Class(types().list.clone()), "__getitem__")
            .unwrap();
        let r = vm
            .call(&getitem, &[ints(&[5, 6]), Value::Int(1)], &[])
            .unwrap();
        assert_eq!(repr(vm, &r), "6");
        let append = vm
            .getattr(&Value::Class(types().list.clone()), "append")
            .unwrap();
        let e = vm
            .call(&append, &[Value::Int(1), Value::Int(2)], &[])
            .unwrap_err();
        assert_eq!(
            e.args()[0].as_str(),
            Some("descriptor 'append' for 'list' objects doesn't apply to a 'int' object")
        );
    }

    /// `list.sort` relies on `builtins::sort_values`.
    #[test]
    fn list_sort_with_key() {
        let vm = &mut new_vm();
        let l = list(&[s("bb"), s("a"), s("ccc")]);
        let key = vm.interp.builtins.get_str("len");
        if let Some(key) = key {
            call_kw(vm, &l, "sort", &[], &[("key", key)]).unwrap();
            assert_eq!(repr(vm, &l), "['a', 'bb', 'ccc']");
        }
        call_kw(vm, &l, "sort", &[], &[("reverse", Value::Bool(true))]).unwrap();
        assert_eq!(repr(vm, &l), "['ccc', 'bb', 'a']");
    }

    #[test]
    fn argument_messages() {
        let vm = &mut new_vm();
        let l = ints(&[1]);
        assert_eq!(
            err(vm, &l, "__len__", &[Value::Int(1)]),
            "TypeError: expected 0 arguments, got 1"
        );
        assert_eq!(
            err_kw(vm, &l, "pop", &[], &[("index", Value::Int(0))]),
            "TypeError: list.pop() takes no keyword arguments"
        );
        assert_eq!(
            err_kw(
                vm,
                &l,
                "sort",
                &[],
                &[
                    ("key", Value::None),
                    ("reverse", Value::None),
                    ("x", Value::None)
                ]
            ),
            "TypeError: sort() takes at most 2 keyword arguments (3 given)"
        );
        assert_eq!(
            err_kw(vm, &l, "sort", &[], &[("reverse", Value::None)]),
            "TypeError: 'NoneType' object cannot be interpreted as an integer"
        );
        assert_eq!(
            err(vm, &s("a"), "expandtabs", &[Value::Int(4), Value::Int(5)]),
            "TypeError: expandtabs() takes at most 1 argument (2 given)"
        );
        assert_eq!(
            err_kw(
                vm,
                &s("a"),
                "splitlines",
                &[],
                &[("keepends", Value::Int(1)), ("x", Value::Int(2))]
            ),
            "TypeError: splitlines() takes at most 1 keyword argument (2 given)"
        );
        let upper = vm
            .getattr(&Value::Class(types().str.clone()), "upper")
            .unwrap();
        let e = vm.call(&upper, &[], &[]).unwrap_err();
        assert_eq!(
            e.args()[0].as_str(),
            Some("unbound method str.upper() needs an argument")
        );
    }

    #[test]
    fn tuple_and_range() {
        let vm = &mut new_vm();
        let t = Value::tuple(vec![Value::Int(1), Value::Int(2), Value::Int(1)]);
        assert_eq!(ok(vm, &t, "count", &[Value::Int(1)]), "2");
        assert_eq!(ok(vm, &t, "index", &[Value::Int(1), Value::Int(1)]), "2");
        assert_eq!(
            err(vm, &t, "index", &[Value::Int(5)]),
            "ValueError: tuple.index(x): x not in tuple"
        );
        let r = Value::Range(Arc::new(crate::vm::object::RangeObj {
            start: 1,
            stop: 10,
            step: 2,
        }));
        assert_eq!(ok(vm, &r, "index", &[Value::Int(5)]), "2");
        assert_eq!(ok(vm, &r, "count", &[Value::Int(4)]), "0");
        assert_eq!(ok(vm, &r, "index", &[Value::Float(3.0)]), "1");
        assert_eq!(
            err(vm, &r, "index", &[Value::Int(4)]),
            "ValueError: 4 is not in range"
        );
        assert_eq!(
            err(vm, &r, "count", &[]),
            "TypeError: range.count() takes exactly one argument (0 given)"
        );
    }

    #[test]
    fn dict_methods_and_views() {
        let vm = &mut new_vm();
        let d = Value::Dict(Arc::new(Dict::new()));
        vm.setitem(&d, &s("a"), Value::Int(1)).unwrap();
        let keys = call_kw(vm, &d, "keys", &[], &[]).unwrap();
        let values = call_kw(vm, &d, "values", &[], &[]).unwrap();
        let items = call_kw(vm, &d, "items", &[], &[]).unwrap();
        vm.setitem(&d, &s("b"), Value::Int(2)).unwrap();
        // The views see the later insertion.
        assert_eq!(repr(vm, &keys), "dict_keys(['a', 'b'])");
        assert_eq!(repr(vm, &values), "dict_values([1, 2])");
        assert_eq!(repr(vm, &items), "dict_items([('a', 1), ('b', 2)])");
        assert_eq!(vm.len(&items).unwrap(), 2);
        assert!(vm.contains(&keys, &s("b")).unwrap());
        assert!(
            vm.contains(&items, &Value::tuple(vec![s("a"), Value::Int(1)]))
                .unwrap()
        );
        assert!(
            !vm.contains(&items, &Value::tuple(vec![s("a"), Value::Int(2)]))
                .unwrap()
        );
        assert!(vm.contains(&values, &Value::Int(2)).unwrap());
        let collected = Value::list(vm.collect(&keys).unwrap());
        assert_eq!(repr(vm, &collected), "['a', 'b']");
        let only_a = set_of(vm, &[s("a"), s("z")], false);
        let and = vm.binary_op(&keys, &only_a, BinaryOp::And).unwrap();
        assert_eq!(repr(vm, &and), "{'a'}");
        let rsub = vm.binary_op(&only_a, &keys, BinaryOp::Subtract).unwrap();
        assert_eq!(repr(vm, &rsub), "{'z'}");
        let ba = set_of(vm, &[s("b"), s("a")], false);
        let eq = vm
            .compare(&keys, &ba, crate::bytecode::CompareOp::Eq)
            .unwrap();
        assert_eq!(repr(vm, &eq), "True");

        assert_eq!(ok(vm, &d, "get", &[s("a")]), "1");
        assert_eq!(ok(vm, &d, "get", &[s("q"), Value::Int(0)]), "0");
        assert_eq!(
            err(vm, &d, "get", &[]),
            "TypeError: get expected at least 1 argument, got 0"
        );
        assert_eq!(ok(vm, &d, "setdefault", &[s("c"), Value::Int(3)]), "3");
        assert_eq!(ok(vm, &d, "setdefault", &[s("c"), Value::Int(4)]), "3");
        assert_eq!(ok(vm, &d, "pop", &[s("c")]), "3");
        assert_eq!(ok(vm, &d, "pop", &[s("c"), Value::None]), "None");
        assert_eq!(err(vm, &d, "pop", &[s("c")]), "KeyError: 'c'");

        let other = Value::Dict(Arc::new(Dict::new()));
        vm.setitem(&other, &s("x"), Value::Int(10)).unwrap();
        call_kw(vm, &d, "update", &[other], &[]).unwrap();
        call_kw(
            vm,
            &d,
            "update",
            &[list(&[Value::tuple(vec![s("y"), Value::Int(20)])])],
            &[],
        )
        .unwrap();
        call_kw(vm, &d, "update", &[], &[("z", Value::Int(30))]).unwrap();
        assert_eq!(repr(vm, &d), "{'a': 1, 'b': 2, 'x': 10, 'y': 20, 'z': 30}");
        assert_eq!(
            err(vm, &d, "update", &[ints(&[1])]),
            "TypeError: cannot convert dictionary update sequence element #0 to a sequence"
        );
        assert_eq!(
            err(vm, &d, "update", &[list(&[s("abc")])]),
            "ValueError: dictionary update sequence element #0 has length 3; 2 is required"
        );
        assert_eq!(ok(vm, &d, "popitem", &[]), "('z', 30)");
        let copy = call_kw(vm, &d, "copy", &[], &[]).unwrap();
        call_kw(vm, &d, "clear", &[], &[]).unwrap();
        assert_eq!(repr(vm, &keys), "dict_keys([])");
        assert_eq!(
            err(vm, &d, "popitem", &[]),
            "KeyError: 'popitem(): dictionary is empty'"
        );
        assert_eq!(vm.len(&copy).unwrap(), 4);

        let dict_class = Value::Class(types().dict.clone());
        assert_eq!(
            ok(vm, &dict_class, "fromkeys", &[s("ab")]),
            "{'a': None, 'b': None}"
        );
        assert_eq!(ok(vm, &d, "fromkeys", &[s("a"), Value::Int(0)]), "{'a': 0}");
    }

    #[test]
    fn set_algebra() {
        let vm = &mut new_vm();
        let a = set_of(vm, &[Value::Int(1), Value::Int(2), Value::Int(3)], false);
        let b = ints(&[2, 3, 4]);
        assert_eq!(
            ok(vm, &a, "union", &[b.clone(), ints(&[5])]),
            "{1, 2, 3, 4, 5}"
        );
        assert_eq!(
            ok(vm, &a, "intersection", std::slice::from_ref(&b)),
            "{2, 3}"
        );
        assert_eq!(ok(vm, &a, "difference", std::slice::from_ref(&b)), "{1}");
        assert_eq!(
            ok(vm, &a, "symmetric_difference", std::slice::from_ref(&b)),
            "{1, 4}"
        );
        assert_eq!(ok(vm, &a, "issubset", &[ints(&[1, 2, 3, 4])]), "True");
        assert_eq!(ok(vm, &a, "issuperset", &[ints(&[1, 2])]), "True");
        assert_eq!(ok(vm, &a, "isdisjoint", &[ints(&[7])]), "True");
        assert_eq!(
            err(vm, &a, "symmetric_difference", &[]),
            "TypeError: set.symmetric_difference() takes exactly one argument (0 given)"
        );
        call_kw(vm, &a, "add", &[Value::Int(9)], &[]).unwrap();
        call_kw(vm, &a, "discard", &[Value::Int(2)], &[]).unwrap();
        call_kw(vm, &a, "remove", &[Value::Int(1)], &[]).unwrap();
        assert_eq!(repr(vm, &a), "{3, 9}");
        assert_eq!(err(vm, &a, "remove", &[Value::Int(1)]), "KeyError: 1");
        assert_eq!(
            err(vm, &a, "add", &[ints(&[])]),
            "TypeError: unhashable type: 'list'"
        );
        call_kw(vm, &a, "update", &[ints(&[4]), ints(&[5])], &[]).unwrap();
        assert_eq!(repr(vm, &a), "{3, 4, 5, 9}");
        call_kw(vm, &a, "intersection_update", &[ints(&[3, 4, 5])], &[]).unwrap();
        call_kw(vm, &a, "difference_update", &[ints(&[4])], &[]).unwrap();
        call_kw(vm, &a, "symmetric_difference_update", &[ints(&[5, 6])], &[]).unwrap();
        assert_eq!(repr(vm, &a), "{3, 6}");
        assert_eq!(ok(vm, &a, "pop", &[]), "3");
        call_kw(vm, &a, "clear", &[], &[]).unwrap();
        assert_eq!(err(vm, &a, "pop", &[]), "KeyError: 'pop from an empty set'");
        let f = set_of(vm, &[Value::Int(1)], true);
        assert_eq!(ok(vm, &f, "union", &[ints(&[2])]), "frozenset({1, 2})");
        assert_eq!(
            err(vm, &f, "add", &[Value::Int(2)]),
            "AttributeError: 'frozenset' object has no attribute 'add'"
        );
    }

    #[test]
    fn numbers() {
        let vm = &mut new_vm();
        assert_eq!(ok(vm, &Value::Int(5), "bit_length", &[]), "3");
        assert_eq!(ok(vm, &Value::Int(-5), "bit_count", &[]), "2");
        assert_eq!(ok(vm, &Value::Bool(true), "conjugate", &[]), "1");
        assert_eq!(
            ok(vm, &Value::Float(0.1), "as_integer_ratio", &[]),
            "(3602879701896397, 36028797018963968)"
        );
        assert_eq!(
            ok(vm, &Value::Float(-2.5), "as_integer_ratio", &[]),
            "(-5, 2)"
        );
        assert_eq!(ok(vm, &Value::Float(2.0), "is_integer", &[]), "True");
        assert_eq!(
            err(vm, &Value::Float(f64::INFINITY), "as_integer_ratio", &[]),
            "OverflowError: cannot convert Infinity to integer ratio"
        );
        assert_eq!(
            err(vm, &Value::Float(1.5), "is_integer", &[Value::Int(1)]),
            "TypeError: float.is_integer() takes no arguments (1 given)"
        );
    }
}
