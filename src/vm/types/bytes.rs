//! `bytes` and `bytearray`: their constructors, their shared methods and operators, and the
//! registration of both (the codecs are `bytes_codecs.rs`'s, a bytearray's mutating methods
//! `bytearray.rs`'s).
//!
//! `bytes` is a value (`Value::Bytes`): immutable, shared without a lock. `bytearray` is a
//! native object whose data sits behind the same per-object lock a list uses (`LeafMutex`):
//! every method takes the lock once, copies or changes the data, and lets go before any
//! Python code runs (an argument's `__index__`, an iterable's items), so a bytearray shared
//! between threads is never torn, in either mode. Both types have the same methods (one
//! native function each, registered on both classes), which return the type of `self`.

use std::sync::Arc;

use num_traits::{Signed, ToPrimitive};

use super::args::*;
use crate::bytecode::constant::{bytes_repr, bytes_repr_prefixed};
use crate::vm::Vm;
use crate::vm::leaf_lock::LeafMutex;
use crate::vm::object::exceptions::{self as exc, check_alloc};
use crate::vm::object::registry::{Types, add_all, add_method, types};
use crate::vm::object::value::{NOT_IMPLEMENTED, Value};
use crate::vm::object::{BoundMethod, BuiltinFunction, KwArgs, PyResult, native_object};
use crate::vm::types::bytearray::*;
use crate::vm::types::bytes_codecs::*;
use crate::vm::types::ctor_args::*;
use crate::vm::types::slice::{adjust_indices as fit_slice, slice_vec, unpack_slice};

// ----- the two types --------------------------------------------------------------------------

/// `bytearray`: a mutable sequence of bytes.
pub struct ByteArray {
    pub data: LeafMutex<Vec<u8>>,
    /// How many `memoryview` buffers export the data (CPython's `ob_exports`): while any
    /// does, the length may not change. Changed and read under `data`'s lock.
    pub exports: std::sync::atomic::AtomicUsize,
}

native_object!(ByteArray, "bytearray", types().bytearray);

/// A new `bytearray` value holding `data`.
pub fn bytearray(data: Vec<u8>) -> Value {
    native(ByteArray {
        data: LeafMutex::new(data),
        exports: std::sync::atomic::AtomicUsize::new(0),
    })
}

/// Which of the two types a method was called on: the type its result has.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Kind {
    Bytes,
    ByteArray,
}

impl Kind {
    pub(super) fn name(self) -> &'static str {
        match self {
            Kind::Bytes => "bytes",
            Kind::ByteArray => "bytearray",
        }
    }
    pub(super) fn make(self, data: Vec<u8>) -> Value {
        match self {
            Kind::Bytes => Value::bytes(data),
            Kind::ByteArray => bytearray(data),
        }
    }
}

/// The `bytearray` behind a value, if it is one.
pub fn as_bytearray(v: &Value) -> Option<&ByteArray> {
    match v {
        Value::Native(n) => n.as_any().downcast_ref::<ByteArray>(),
        _ => None,
    }
}

/// The data of a bytes-like value (`bytes` or `bytearray`), copied out of a bytearray's lock.
pub fn bytes_like(v: &Value) -> Option<Vec<u8>> {
    match v {
        Value::Bytes(b) => Some(b.data().to_vec()),
        Value::Instance(i) => match i.base() {
            Some(b @ Value::Bytes(_)) => bytes_like(b),
            _ => None,
        },
        _ => match as_bytearray(v) {
            Some(a) => Some(a.data.lock().clone()),
            None => crate::vm::types::memoryview::view_bytes(v),
        },
    }
}

/// The bytes of a bytearray or a C-contiguous memoryview: the buffers `int()` and `float()`
/// read as text, as CPython's simple buffer request gives them.
pub fn simple_buffer(v: &Value) -> Option<Vec<u8>> {
    match as_bytearray(v) {
        Some(a) => Some(a.data.lock().clone()),
        None => crate::vm::types::memoryview::contiguous_bytes(v),
    }
}

/// A bytes-like argument, or CPython's "a bytes-like object is required, not 'str'".
pub fn need_bytes(v: &Value) -> PyResult<Vec<u8>> {
    bytes_like(v).ok_or_else(|| {
        exc::type_error(format!(
            "a bytes-like object is required, not '{}'",
            v.type_name()
        ))
    })
}

/// `self` of a method of both types: its kind and its data (a copy, for a bytearray).
pub(super) fn this(args: &[Value], name: &str) -> PyResult<(Kind, Vec<u8>)> {
    match args.first() {
        Some(Value::Bytes(b)) => Ok((Kind::Bytes, b.data().to_vec())),
        Some(v) => match as_bytearray(v) {
            Some(a) => Ok((Kind::ByteArray, a.data.lock().clone())),
            None => Err(descriptor_error(name, "bytes", v)),
        },
        None => Err(unbound_error("bytes", name)),
    }
}

/// `self` of a `bytearray`-only method.
pub(super) fn this_array<'a>(args: &'a [Value], name: &str) -> PyResult<&'a ByteArray> {
    match args.first() {
        Some(v) => as_bytearray(v).ok_or_else(|| descriptor_error(name, "bytearray", v)),
        None => Err(unbound_error("bytearray", name)),
    }
}

/// One byte given as an int: 0..=255, else CPython's ValueError.
pub(super) fn byte_value(vm: &mut Vm, v: &Value) -> PyResult<u8> {
    let i = index_bigint(vm, v)?;
    match i.to_u8() {
        Some(b) => Ok(b),
        None => Err(exc::value_error("byte must be in range(0, 256)")),
    }
}

// ----- constructors ---------------------------------------------------------------------------

/// What `bytes(...)` and `bytearray(...)` make of their arguments.
fn construct(vm: &mut Vm, args: &[Value], kw: &KwArgs, kind: Kind) -> PyResult<Vec<u8>> {
    let a = ctor_args(args);
    let name = kind.name();
    if a.len() + kw.len() > 3 {
        return Err(exc::type_error(format!(
            "{name}() takes at most 3 arguments ({} given)",
            a.len() + kw.len()
        )));
    }
    let slots = bind_params(a, kw, name, &["source", "encoding", "errors"], 0)?;
    let text = |v: &Option<Value>, what: &str| -> PyResult<Option<String>> {
        match v {
            None => Ok(None),
            Some(Value::Str(s)) => Ok(Some(s.as_str().to_string())),
            Some(other) => Err(exc::type_error(format!(
                "{name}() argument '{what}' must be str, not {}",
                other.type_name()
            ))),
        }
    };
    let encoding = text(&slots[1], "encoding")?;
    let errors = text(&slots[2], "errors")?;
    let Some(src) = &slots[0] else {
        if encoding.is_some() || errors.is_some() {
            return Err(exc::type_error(if encoding.is_some() {
                "encoding without a string argument"
            } else {
                "errors without a string argument"
            }));
        }
        return Ok(Vec::new());
    };
    if let Value::Str(s) = src {
        let Some(enc) = encoding else {
            return Err(exc::type_error("string argument without an encoding"));
        };
        return encode(s.as_str(), &enc, errors.as_deref().unwrap_or("strict"));
    }
    if encoding.is_some() || errors.is_some() {
        return Err(exc::type_error(if encoding.is_some() {
            "encoding without a string argument"
        } else {
            "errors without a string argument"
        }));
    }
    if let Some(data) = bytes_like(src) {
        return Ok(data);
    }
    if kind == Kind::Bytes
        && let Some(r) = vm.call_special(src, "__bytes__", &[])?
    {
        return match r {
            Value::Bytes(b) => Ok(b.data().to_vec()),
            other => Err(exc::type_error(format!(
                "__bytes__ returned non-bytes (type {})",
                other.type_name()
            ))),
        };
    }
    let is_int = matches!(src, Value::Int(_) | Value::Bool(_) | Value::BigInt(_))
        || (matches!(src, Value::Instance(_)) && vm.lookup_special(src, "__index__").is_some());
    if is_int {
        let n = index_bigint(vm, src)?;
        if n.is_negative() {
            return Err(exc::value_error("negative count"));
        }
        let n = n
            .to_usize()
            .ok_or_else(|| exc::overflow_error("cannot fit 'int' into an index-sized integer"))?;
        check_alloc(n, 1)?;
        return Ok(vec![0; n]);
    }
    let iter = match vm.get_iter(src) {
        Ok(it) => it,
        Err(e) if e.matches(&types().type_error) => {
            return Err(exc::type_error(format!(
                "cannot convert '{}' object to {name}",
                src.type_name()
            )));
        }
        Err(e) => return Err(e),
    };
    let mut out = Vec::new();
    while let Some(item) = vm.next(&iter)? {
        match index_bigint(vm, &item) {
            Ok(i) => match i.to_u8() {
                Some(b) => out.push(b),
                None => return Err(exc::value_error("bytes must be in range(0, 256)")),
            },
            Err(_) => return Err(cannot_interpret(&item)),
        }
    }
    Ok(out)
}

/// `bytes(source=b'', encoding=..., errors=...)`.
pub fn bytes_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let data = construct(vm, args, kw, Kind::Bytes)?;
    Ok(Value::bytes(data))
}

/// `bytearray(source=b'', encoding=..., errors=...)`.
pub fn bytearray_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let data = construct(vm, args, kw, Kind::ByteArray)?;
    Ok(bytearray(data))
}

/// `fromhex` called on a class: `args[0]` is it; a subclass is called with the result.
fn fromhex_of(vm: &mut Vm, args: &[Value], kw: &KwArgs, kind: Kind) -> PyResult<Value> {
    let v = fromhex(args, kw, kind)?;
    match args.first() {
        Some(cls @ Value::Class(c))
            if !Arc::ptr_eq(c, &types().bytes) && !Arc::ptr_eq(c, &types().bytearray) =>
        {
            vm.call(cls, &[v], &[])
        }
        _ => Ok(v),
    }
}

/// `bytes.fromhex(s)` / `bytearray.fromhex(s)`, `args[0]` being the class.
fn fromhex(args: &[Value], kw: &KwArgs, kind: Kind) -> PyResult<Value> {
    let s = one_arg(args, kw, "fromhex")?;
    let Value::Str(s) = s else {
        return Err(exc::type_error(format!(
            "fromhex() argument must be str, not {}",
            s.type_name()
        )));
    };
    let chars: Vec<char> = s.as_str().chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    let bad = |i: usize| {
        exc::value_error(format!(
            "non-hexadecimal number found in fromhex() arg at position {i}"
        ))
    };
    while i < chars.len() {
        if chars[i].is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let hi = chars[i]
            .to_digit(16)
            .filter(|_| chars[i].is_ascii())
            .ok_or_else(|| bad(i))?;
        let lo = chars
            .get(i + 1)
            .and_then(|c| c.to_digit(16).filter(|_| c.is_ascii()))
            .ok_or_else(|| bad(i + 1))?;
        out.push((hi * 16 + lo) as u8);
        i += 2;
    }
    Ok(kind.make(out))
}

// ----- operators ------------------------------------------------------------------------------

fn bytes_len(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let n = match args.first() {
        Some(Value::Bytes(b)) => b.len(),
        Some(v) => match as_bytearray(v) {
            Some(a) => a.data.lock().len(),
            None => this(args, "__len__")?.1.len(),
        },
        None => this(args, "__len__")?.1.len(),
    };
    Ok(Value::Int(n as i64))
}

fn bytes_repr_method(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (kind, data) = this(args, "__repr__")?;
    Ok(Value::string(match kind {
        Kind::Bytes => bytes_repr(&data),
        Kind::ByteArray => bytes_repr_prefixed(&data, "bytearray(b", ")"),
    }))
}

fn bytes_hash(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    match args.first() {
        Some(Value::Bytes(b)) => Ok(Value::Int(b.hash() as i64)),
        _ => Err(exc::type_error("unhashable type: 'bytearray'")),
    }
}

fn bytes_getitem(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (kind, data) = this(args, "__getitem__")?;
    let key = &slot_args(args, kw, "__getitem__", 1)?[0];
    if let Value::Slice(s) = key {
        let (a, b, step) = unpack_slice(vm, s)?;
        let (start, _, step, n) = fit_slice(a, b, step, data.len())?;
        return Ok(kind.make(slice_vec(&data, start, step, n)));
    }
    let i = index_of(vm, key, kind)?;
    match norm(i, data.len()) {
        Some(i) => Ok(Value::Int(data[i] as i64)),
        None => Err(exc::index_error(match kind {
            Kind::Bytes => "index out of range",
            Kind::ByteArray => "bytearray index out of range",
        })),
    }
}

pub(super) fn index_of(vm: &mut Vm, key: &Value, kind: Kind) -> PyResult<i64> {
    let what = match kind {
        Kind::Bytes => "byte",
        Kind::ByteArray => "bytearray",
    };
    match key {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => vm.to_index(key),
        Value::Instance(_) if vm.lookup_special(key, "__index__").is_some() => vm.to_index(key),
        other => Err(exc::type_error(format!(
            "{what} indices must be integers or slices, not {}",
            other.type_name()
        ))),
    }
}

pub(super) fn norm(i: i64, len: usize) -> Option<usize> {
    let i = if i < 0 { i + len as i64 } else { i };
    (0..len as i64).contains(&i).then_some(i as usize)
}

fn bytes_contains(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (_, data) = this(args, "__contains__")?;
    let x = &slot_args(args, kw, "__contains__", 1)?[0];
    if let Some(needle) = bytes_like(x) {
        return Ok(Value::Bool(find(&data, &needle, 0).is_some()));
    }
    match x {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) | Value::Instance(_) => {
            let b = byte_value(vm, x)?;
            Ok(Value::Bool(data.contains(&b)))
        }
        other => Err(exc::type_error(format!(
            "a bytes-like object is required, not '{}'",
            other.type_name()
        ))),
    }
}

fn bytes_iter(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (kind, _) = this(args, "__iter__")?;
    Ok(native(BytesIter {
        source: args[0].clone(),
        index: parking_lot::Mutex::new(0),
        kind,
    }))
}

/// `bytes_iterator` and `bytearray_iterator`: the next byte of the source at each step; a
/// bytearray's is read under its lock at that step, so the iterator sees later changes, as
/// CPython's does.
pub struct BytesIter {
    source: Value,
    index: parking_lot::Mutex<usize>,
    kind: Kind,
}

static BYTES_ITER_CLASS: std::sync::LazyLock<Arc<crate::vm::object::Class>> =
    std::sync::LazyLock::new(|| iter_class("bytes_iterator"));
static BYTEARRAY_ITER_CLASS: std::sync::LazyLock<Arc<crate::vm::object::Class>> =
    std::sync::LazyLock::new(|| iter_class("bytearray_iterator"));

fn iter_class(name: &str) -> Arc<crate::vm::object::Class> {
    let c =
        crate::vm::object::Class::new_native(name, "builtins", Some(types().object.clone()), None);
    add_method(&c, "__iter__", |_, a, _| {
        Ok(a.first().cloned().unwrap_or(Value::None))
    });
    add_method(&c, "__next__", |_, a, _| {
        let it = a.first().and_then(|v| match v {
            Value::Native(n) => n.as_any().downcast_ref::<BytesIter>(),
            _ => None,
        });
        match it.map(|it| it.step()) {
            Some(Some(b)) => Ok(b),
            Some(None) => Err(exc::stop_iteration(None)),
            None => Err(exc::type_error(
                "descriptor '__next__' requires a 'bytes_iterator' object",
            )),
        }
    });
    c
}

impl BytesIter {
    fn step(&self) -> Option<Value> {
        let mut i = self.index.lock();
        let b = match &self.source {
            Value::Bytes(b) => b.data().get(*i).copied(),
            v => as_bytearray(v).and_then(|a| a.data.lock().get(*i).copied()),
        }?;
        *i += 1;
        Some(Value::Int(b as i64))
    }
}

native_object!(
    BytesIter,
    |it| match it.kind {
        Kind::Bytes => "bytes_iterator",
        Kind::ByteArray => "bytearray_iterator",
    },
    |it| match it.kind {
        Kind::Bytes => BYTES_ITER_CLASS.clone(),
        Kind::ByteArray => BYTEARRAY_ITER_CLASS.clone(),
    },
    {
        fn next_item(&self, _vm: &mut Vm) -> Option<PyResult<Option<Value>>> {
            Some(Ok(self.step()))
        }
        fn referents(&self, f: &mut dyn FnMut(&Value)) {
            f(&self.source);
        }
    }
);

fn bytes_add(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (kind, mut data) = this(args, "__add__")?;
    let other = args.get(1).unwrap_or(&Value::None);
    match bytes_like(other) {
        Some(more) => {
            data.extend(more);
            Ok(kind.make(data))
        }
        None => Err(exc::type_error(format!(
            "can't concat {} to {}",
            other.type_name(),
            kind.name()
        ))),
    }
}

/// A repetition count, or CPython's "can't multiply sequence by non-int".
pub(super) fn count_arg(vm: &mut Vm, n: &Value) -> PyResult<usize> {
    let is_index = matches!(n, Value::Int(_) | Value::Bool(_) | Value::BigInt(_))
        || (matches!(n, Value::Instance(_)) && vm.lookup_special(n, "__index__").is_some());
    if !is_index {
        return Err(exc::type_error(format!(
            "can't multiply sequence by non-int of type '{}'",
            n.type_name()
        )));
    }
    let i = index_bigint(vm, n)?;
    if i.is_negative() {
        return Ok(0);
    }
    i.to_usize()
        .ok_or_else(|| exc::overflow_error("cannot fit 'int' into an index-sized integer"))
}

fn bytes_mul(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let (kind, data) = this(args, "__mul__")?;
    let n = count_arg(vm, args.get(1).unwrap_or(&Value::None))?;
    check_alloc(data.len(), n)?;
    Ok(kind.make(data.repeat(n)))
}

/// The comparisons: bytes-like values compare by their data; anything else is
/// `NotImplemented` (so `b"a" == "a"` is False and `b"a" < "a"` a TypeError).
fn compare(args: &[Value], f: fn(std::cmp::Ordering) -> bool) -> PyResult<Value> {
    let (kind, data) = this(args, "__eq__")?;
    // `bytes` compares with `bytes` and `bytearray` only (a view answers for itself);
    // `bytearray` with any buffer, as in CPython.
    if kind == Kind::Bytes
        && let Some(v @ Value::Native(_)) = args.get(1)
        && as_bytearray(v).is_none()
    {
        return Ok(NOT_IMPLEMENTED.clone());
    }
    match args.get(1).and_then(bytes_like) {
        Some(other) => Ok(Value::Bool(f(data.as_slice().cmp(other.as_slice())))),
        None => Ok(NOT_IMPLEMENTED.clone()),
    }
}

// ----- searching ------------------------------------------------------------------------------

pub(super) fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if from > hay.len() {
        return None;
    }
    if needle.is_empty() {
        return Some(from);
    }
    hay[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

pub(super) fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(hay.len());
    }
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// A `sub` argument of `find`/`count`/...: bytes-like or an int in 0..=255.
fn sub_arg(vm: &mut Vm, v: &Value) -> PyResult<Vec<u8>> {
    if let Some(b) = bytes_like(v) {
        return Ok(b);
    }
    match v {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => Ok(vec![byte_value(vm, v)?]),
        other => Err(exc::type_error(format!(
            "argument should be integer or bytes-like object, not '{}'",
            other.type_name()
        ))),
    }
}

/// `(sub[, start[, end]])` of `find`, `index`, `count`, ...: the data's window and the needle.
fn search_args(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
) -> PyResult<(Vec<u8>, Vec<u8>, i64, i64)> {
    let (_, data) = this(args, name)?;
    // start and end are converted before the needle, as CPython's stringlib does.
    let (sub, start, end) = crate::vm::types::str::find_args(vm, args, kw, name)?;
    let needle = sub_arg(vm, sub)?;
    let (s, e) = adjust_indices(start, end, data.len());
    Ok((data, needle, s, e))
}

fn find_in(data: &[u8], needle: &[u8], s: i64, e: i64, rev: bool) -> Option<usize> {
    if s > e || s as usize > data.len() {
        return None;
    }
    let window = &data[s as usize..e as usize];
    let at = if rev {
        rfind(window, needle)
    } else {
        find(window, needle, 0)
    };
    at.map(|p| p + s as usize)
}

fn bytes_find(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (d, n, s, e) = search_args(vm, args, kw, "find")?;
    Ok(Value::Int(
        find_in(&d, &n, s, e, false).map_or(-1, |p| p as i64),
    ))
}
fn bytes_rfind(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (d, n, s, e) = search_args(vm, args, kw, "rfind")?;
    Ok(Value::Int(
        find_in(&d, &n, s, e, true).map_or(-1, |p| p as i64),
    ))
}
fn bytes_index(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (d, n, s, e) = search_args(vm, args, kw, "index")?;
    match find_in(&d, &n, s, e, false) {
        Some(p) => Ok(Value::Int(p as i64)),
        None => Err(exc::value_error("subsection not found")),
    }
}
fn bytes_rindex(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (d, n, s, e) = search_args(vm, args, kw, "rindex")?;
    match find_in(&d, &n, s, e, true) {
        Some(p) => Ok(Value::Int(p as i64)),
        None => Err(exc::value_error("subsection not found")),
    }
}
fn bytes_count(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (d, n, s, e) = search_args(vm, args, kw, "count")?;
    if s > e || s as usize > d.len() {
        return Ok(Value::Int(0));
    }
    let window = &d[s as usize..e as usize];
    if n.is_empty() {
        return Ok(Value::Int(window.len() as i64 + 1));
    }
    let (mut count, mut i) = (0, 0);
    while let Some(p) = find(window, &n, i) {
        count += 1;
        i = p + n.len();
    }
    Ok(Value::Int(count))
}

/// `startswith`/`endswith(prefix[, start[, end]])`, the prefix bytes-like or a tuple of them.
fn starts_ends(vm: &mut Vm, args: &[Value], kw: &KwArgs, name: &str, end: bool) -> PyResult<Value> {
    let (_, data) = this(args, name)?;
    let (prefix, start, stop) = crate::vm::types::str::find_args(vm, args, kw, name)?;
    let (s, e) = adjust_indices(start, stop, data.len());
    let candidates: Vec<Value> = match prefix {
        Value::Tuple(t) => t.0.clone(),
        other => vec![other.clone()],
    };
    for c in &candidates {
        let Some(p) = bytes_like(c) else {
            return Err(exc::type_error(format!(
                "{name} first arg must be bytes or a tuple of bytes, not {}",
                c.type_name()
            )));
        };
        if s > data.len() as i64 || s > e {
            continue;
        }
        let window = &data[s as usize..e as usize];
        if (end && window.ends_with(&p)) || (!end && window.starts_with(&p)) {
            return Ok(Value::Bool(true));
        }
    }
    Ok(Value::Bool(false))
}

// ----- splitting and joining ------------------------------------------------------------------

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

/// `sep` and `maxsplit` of `split`/`rsplit`.
fn split_args(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
) -> PyResult<(Option<Vec<u8>>, i64)> {
    let slots = keywords(args, kw, name, &["sep", "maxsplit"], 2)?;
    let sep = match &slots[0] {
        None | Some(Value::None) => None,
        Some(v) => {
            let s = need_bytes(v)?;
            if s.is_empty() {
                return Err(exc::value_error("empty separator"));
            }
            Some(s)
        }
    };
    let max = match &slots[1] {
        None => -1,
        Some(v) => arg_ssize(vm, v)?,
    };
    Ok((sep, max))
}

fn bytes_split(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (kind, data) = this(args, "split")?;
    let (sep, max) = split_args(vm, args, kw, "split")?;
    let max = if max < 0 { usize::MAX } else { max as usize };
    let mut parts: Vec<Vec<u8>> = Vec::new();
    match sep {
        Some(sep) => {
            let mut i = 0;
            while parts.len() < max {
                match find(&data, &sep, i) {
                    Some(p) => {
                        parts.push(data[i..p].to_vec());
                        i = p + sep.len();
                    }
                    None => break,
                }
            }
            parts.push(data[i..].to_vec());
        }
        None => {
            let mut i = 0;
            let n = data.len();
            loop {
                while i < n && is_space(data[i]) {
                    i += 1;
                }
                if i >= n {
                    break;
                }
                if parts.len() == max {
                    let mut end = n;
                    while end > i && is_space(data[end - 1]) {
                        end -= 1;
                    }
                    parts.push(data[i..end].to_vec());
                    break;
                }
                let start = i;
                while i < n && !is_space(data[i]) {
                    i += 1;
                }
                parts.push(data[start..i].to_vec());
            }
        }
    }
    Ok(Value::list(
        parts.into_iter().map(|p| kind.make(p)).collect(),
    ))
}

fn bytes_rsplit(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (kind, data) = this(args, "rsplit")?;
    let (sep, max) = split_args(vm, args, kw, "rsplit")?;
    let max = if max < 0 { usize::MAX } else { max as usize };
    let mut parts: Vec<Vec<u8>> = Vec::new();
    match sep {
        Some(sep) => {
            let mut end = data.len();
            while parts.len() < max {
                match rfind(&data[..end], &sep) {
                    Some(p) => {
                        parts.push(data[p + sep.len()..end].to_vec());
                        end = p;
                    }
                    None => break,
                }
            }
            parts.push(data[..end].to_vec());
        }
        None => {
            let mut end = data.len();
            loop {
                while end > 0 && is_space(data[end - 1]) {
                    end -= 1;
                }
                if end == 0 {
                    break;
                }
                if parts.len() == max {
                    let mut start = 0;
                    while start < end && is_space(data[start]) {
                        start += 1;
                    }
                    parts.push(data[start..end].to_vec());
                    break;
                }
                let stop = end;
                while end > 0 && !is_space(data[end - 1]) {
                    end -= 1;
                }
                parts.push(data[end..stop].to_vec());
            }
        }
    }
    parts.reverse();
    Ok(Value::list(
        parts.into_iter().map(|p| kind.make(p)).collect(),
    ))
}

fn bytes_splitlines(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (kind, data) = this(args, "splitlines")?;
    let slots = keywords(args, kw, "splitlines", &["keepends"], 1)?;
    let keep = match &slots[0] {
        Some(v) => arg_flag(vm, v)?,
        None => false,
    };
    let mut parts = Vec::new();
    let (mut i, n) = (0, data.len());
    while i < n {
        let start = i;
        while i < n && data[i] != b'\n' && data[i] != b'\r' {
            i += 1;
        }
        let mut eol = i;
        if i < n {
            if data[i] == b'\r' && i + 1 < n && data[i + 1] == b'\n' {
                i += 2;
            } else {
                i += 1;
            }
            if keep {
                eol = i;
            }
        }
        parts.push(kind.make(data[start..eol].to_vec()));
    }
    Ok(Value::list(parts))
}

fn bytes_join(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (kind, sep) = this(args, "join")?;
    let it = one_arg(args, kw, "join")?;
    let items = vm.collect(it)?;
    let mut out = Vec::new();
    for (k, item) in items.iter().enumerate() {
        let Some(b) = bytes_like(item) else {
            return Err(exc::type_error(format!(
                "sequence item {k}: expected a bytes-like object, {} found",
                item.type_name()
            )));
        };
        if k > 0 {
            out.extend_from_slice(&sep);
        }
        out.extend(b);
    }
    Ok(kind.make(out))
}

fn strip_impl(args: &[Value], kw: &KwArgs, name: &str, left: bool, right: bool) -> PyResult<Value> {
    let (kind, data) = this(args, name)?;
    let pos = positional(args, kw, name, 0, 1)?;
    let chars: Option<Vec<u8>> = match pos.first() {
        None | Some(Value::None) => None,
        Some(v) => Some(need_bytes(v)?),
    };
    let strip = |b: u8| match &chars {
        None => is_space(b),
        Some(c) => c.contains(&b),
    };
    let (mut s, mut e) = (0, data.len());
    if left {
        while s < e && strip(data[s]) {
            s += 1;
        }
    }
    if right {
        while e > s && strip(data[e - 1]) {
            e -= 1;
        }
    }
    Ok(kind.make(data[s..e].to_vec()))
}

fn bytes_replace(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (kind, data) = this(args, "replace")?;
    let pos = positional(args, kw, "replace", 2, 3)?;
    let old = need_bytes(&pos[0])?;
    let new = need_bytes(&pos[1])?;
    let mut count = match pos.get(2) {
        Some(v) => arg_ssize(vm, v)?,
        None => -1,
    };
    let mut out = Vec::with_capacity(data.len());
    let mut i = 0;
    if old.is_empty() {
        for &b in &data {
            if count != 0 {
                out.extend_from_slice(&new);
                count -= 1;
            }
            out.push(b);
        }
        if count != 0 {
            out.extend_from_slice(&new);
        }
        return Ok(kind.make(out));
    }
    while count != 0 {
        match find(&data, &old, i) {
            Some(p) => {
                out.extend_from_slice(&data[i..p]);
                out.extend_from_slice(&new);
                i = p + old.len();
                count -= 1;
            }
            None => break,
        }
    }
    out.extend_from_slice(&data[i..]);
    Ok(kind.make(out))
}

fn partition_impl(args: &[Value], kw: &KwArgs, name: &str, rev: bool) -> PyResult<Value> {
    let (kind, data) = this(args, name)?;
    let sep = need_bytes(one_arg(args, kw, name)?)?;
    if sep.is_empty() {
        return Err(exc::value_error("empty separator"));
    }
    let at = if rev {
        rfind(&data, &sep)
    } else {
        find(&data, &sep, 0)
    };
    let parts = match at {
        Some(p) => [
            data[..p].to_vec(),
            sep.clone(),
            data[p + sep.len()..].to_vec(),
        ],
        None if rev => [Vec::new(), Vec::new(), data],
        None => [data, Vec::new(), Vec::new()],
    };
    Ok(Value::tuple(
        parts.into_iter().map(|p| kind.make(p)).collect(),
    ))
}

pub(super) fn bytes_hex(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (_, data) = this(args, "hex")?;
    let slots = keywords(args, kw, "hex", &["sep", "bytes_per_sep"], 2)?;
    let hex: Vec<String> = data.iter().map(|b| format!("{b:02x}")).collect();
    let Some(sep) = &slots[0] else {
        return Ok(Value::string(hex.concat()));
    };
    let sep = match sep {
        Value::Str(s) => s.as_str().to_string(),
        other => String::from_utf8_lossy(&need_bytes(other)?).into_owned(),
    };
    if sep.chars().count() != 1 {
        return Err(exc::value_error("sep must be length 1."));
    }
    let per = match &slots[1] {
        Some(v) => arg_ssize(vm, v)?,
        None => 1,
    };
    if per == 0 {
        return Ok(Value::string(hex.concat()));
    }
    let n = per.unsigned_abs() as usize;
    let groups: Vec<String> = if per > 0 {
        // Counted from the right.
        let mut g: Vec<String> = hex.rchunks(n).map(|c| c.concat()).collect();
        g.reverse();
        g
    } else {
        hex.chunks(n).map(|c| c.concat()).collect()
    };
    Ok(Value::string(groups.join(&sep)))
}

/// A method that maps each byte (`upper`, `lower`, `swapcase`).
fn map_bytes(args: &[Value], kw: &KwArgs, name: &str, f: fn(u8) -> u8) -> PyResult<Value> {
    let (kind, data) = this(args, name)?;
    no_args(args, kw, name)?;
    Ok(kind.make(data.into_iter().map(f).collect()))
}

/// A predicate over the bytes (`isdigit`, `isalpha`, ...): false when empty.
fn test_bytes(args: &[Value], kw: &KwArgs, name: &str, f: fn(&u8) -> bool) -> PyResult<Value> {
    let (_, data) = this(args, name)?;
    no_args(args, kw, name)?;
    Ok(Value::Bool(!data.is_empty() && data.iter().all(f)))
}

fn bytes_capitalize(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (kind, data) = this(args, "capitalize")?;
    no_args(args, kw, "capitalize")?;
    let out = data
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if i == 0 {
                b.to_ascii_uppercase()
            } else {
                b.to_ascii_lowercase()
            }
        })
        .collect();
    Ok(kind.make(out))
}

fn bytes_title(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (kind, data) = this(args, "title")?;
    no_args(args, kw, "title")?;
    let mut prev_cased = false;
    let out = data
        .iter()
        .map(|&b| {
            let r = if prev_cased {
                b.to_ascii_lowercase()
            } else {
                b.to_ascii_uppercase()
            };
            prev_cased = b.is_ascii_alphabetic();
            r
        })
        .collect();
    Ok(kind.make(out))
}

fn bytes_islower(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (_, d) = this(args, "islower")?;
    no_args(args, kw, "islower")?;
    Ok(Value::Bool(
        d.iter().any(u8::is_ascii_lowercase) && !d.iter().any(u8::is_ascii_uppercase),
    ))
}

fn bytes_isupper(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (_, d) = this(args, "isupper")?;
    no_args(args, kw, "isupper")?;
    Ok(Value::Bool(
        d.iter().any(u8::is_ascii_uppercase) && !d.iter().any(u8::is_ascii_lowercase),
    ))
}

fn bytes_istitle(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (_, d) = this(args, "istitle")?;
    no_args(args, kw, "istitle")?;
    // CPython's `_Py_bytes_istitle`: uppercase only after an uncased byte, lowercase only
    // after a cased one, and at least one cased byte.
    let (mut cased, mut prev_cased) = (false, false);
    for b in d {
        if b.is_ascii_uppercase() {
            if prev_cased {
                return Ok(Value::Bool(false));
            }
            prev_cased = true;
            cased = true;
        } else if b.is_ascii_lowercase() {
            if !prev_cased {
                return Ok(Value::Bool(false));
            }
            prev_cased = true;
            cased = true;
        } else {
            prev_cased = false;
        }
    }
    Ok(Value::Bool(cased))
}

/// `bytes.maketrans(frm, to)`: a static method, stored bound to its class.
fn bytes_maketrans(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let pos = positional(args, kw, "maketrans", 2, 2)?;
    let (frm, to) = (need_bytes(&pos[0])?, need_bytes(&pos[1])?);
    if frm.len() != to.len() {
        return Err(exc::value_error(
            "maketrans arguments must have same length",
        ));
    }
    let mut table: Vec<u8> = (0..=255).collect();
    for (f, t) in frm.into_iter().zip(to) {
        table[f as usize] = t;
    }
    Ok(Value::bytes(table))
}

/// `translate(table, /, delete=b'')`.
fn bytes_translate(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (kind, data) = this(args, "translate")?;
    let slots = keywords(args, kw, "translate", &["table", "delete"], 1)?;
    let table = match &slots[0] {
        None | Some(Value::None) => None,
        Some(v) => {
            let t = need_bytes(v)?;
            if t.len() != 256 {
                return Err(exc::value_error(
                    "translation table must be 256 characters long",
                ));
            }
            Some(t)
        }
    };
    let delete = match &slots[1] {
        Some(v) => need_bytes(v)?,
        None => Vec::new(),
    };
    let out = data
        .into_iter()
        .filter(|b| !delete.contains(b))
        .map(|b| table.as_ref().map_or(b, |t| t[b as usize]))
        .collect();
    Ok(kind.make(out))
}

fn bytes_isascii(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (_, d) = this(args, "isascii")?;
    no_args(args, kw, "isascii")?;
    Ok(Value::Bool(d.is_ascii()))
}

/// `center`, `ljust`, `rjust(width[, fillchar])`.
fn justify(vm: &mut Vm, args: &[Value], kw: &KwArgs, name: &str, how: u8) -> PyResult<Value> {
    let (kind, data) = this(args, name)?;
    let pos = positional(args, kw, name, 1, 2)?;
    let width = arg_ssize(vm, &pos[0])?;
    let fill = match pos.get(1) {
        None => b' ',
        Some(v) => match bytes_like(v) {
            Some(f) if f.len() == 1 => f[0],
            _ => {
                return Err(exc::type_error(format!(
                    "{name}() argument 2 must be a byte string of length 1, not {}",
                    v.type_name()
                )));
            }
        },
    };
    let len = data.len() as i64;
    if width <= len {
        return Ok(kind.make(data));
    }
    let pad = (width - len) as usize;
    let (left, right) = match how {
        b'l' => (0, pad),
        b'r' => (pad, 0),
        // CPython's `center`: the odd extra space goes left when the width is odd.
        _ => {
            let left = pad / 2 + (pad & width as usize & 1);
            (left, pad - left)
        }
    };
    let mut out = vec![fill; left];
    out.extend(data);
    out.extend(std::iter::repeat_n(fill, right));
    Ok(kind.make(out))
}

fn bytes_zfill(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (kind, data) = this(args, "zfill")?;
    let w = arg_ssize(vm, one_arg(args, kw, "zfill")?)?;
    if w <= data.len() as i64 {
        return Ok(kind.make(data));
    }
    let pad = w as usize - data.len();
    let mut out = Vec::with_capacity(w as usize);
    let signed = matches!(data.first(), Some(b'+' | b'-'));
    if signed {
        out.push(data[0]);
    }
    out.extend(std::iter::repeat_n(b'0', pad));
    out.extend_from_slice(&data[signed as usize..]);
    Ok(kind.make(out))
}

fn affix(args: &[Value], kw: &KwArgs, name: &str, prefix: bool) -> PyResult<Value> {
    let (kind, data) = this(args, name)?;
    let a = need_bytes(one_arg(args, kw, name)?)?;
    let out = if prefix {
        data.strip_prefix(a.as_slice()).unwrap_or(&data)
    } else {
        data.strip_suffix(a.as_slice()).unwrap_or(&data)
    };
    Ok(kind.make(out.to_vec()))
}

// ----- registration ---------------------------------------------------------------------------

/// A class method stored bound to its class (as `dict.fromkeys`).
fn class_method(
    cls: &Arc<crate::vm::object::Class>,
    name: &'static str,
    func: crate::vm::object::NativeFn,
) {
    let owner: &'static str = Box::leak(cls.name.clone().into_boxed_str());
    let f = Value::Builtin(Arc::new(BuiltinFunction {
        name,
        owner: Some(owner),
        func,
    }));
    let bound = BoundMethod::new(f, Value::Class(cls.clone()));
    cls.dict.set_str(name, Value::Method(Arc::new(bound)));
}

pub(crate) fn register(t: &Types) {
    use std::cmp::Ordering::*;
    let shared: &[(&'static str, crate::vm::object::NativeFn)] = &[
        ("__len__", bytes_len),
        ("__repr__", bytes_repr_method),
        ("__getitem__", bytes_getitem),
        ("__contains__", bytes_contains),
        ("__iter__", bytes_iter),
        ("__add__", bytes_add),
        ("__mul__", bytes_mul),
        ("__rmul__", bytes_mul),
        ("__eq__", |_, a, _| compare(a, |o| o == Equal)),
        ("__ne__", |_, a, _| compare(a, |o| o != Equal)),
        ("__lt__", |_, a, _| compare(a, |o| o == Less)),
        ("__le__", |_, a, _| compare(a, |o| o != Greater)),
        ("__gt__", |_, a, _| compare(a, |o| o == Greater)),
        ("__ge__", |_, a, _| compare(a, |o| o != Less)),
        ("decode", bytes_decode),
        ("hex", bytes_hex),
        ("find", bytes_find),
        ("rfind", bytes_rfind),
        ("index", bytes_index),
        ("rindex", bytes_rindex),
        ("count", bytes_count),
        ("startswith", |vm, a, kw| {
            starts_ends(vm, a, kw, "startswith", false)
        }),
        ("endswith", |vm, a, kw| {
            starts_ends(vm, a, kw, "endswith", true)
        }),
        ("split", bytes_split),
        ("rsplit", bytes_rsplit),
        ("splitlines", bytes_splitlines),
        ("join", bytes_join),
        ("strip", |_, a, kw| strip_impl(a, kw, "strip", true, true)),
        ("lstrip", |_, a, kw| {
            strip_impl(a, kw, "lstrip", true, false)
        }),
        ("rstrip", |_, a, kw| {
            strip_impl(a, kw, "rstrip", false, true)
        }),
        ("replace", bytes_replace),
        ("partition", |_, a, kw| {
            partition_impl(a, kw, "partition", false)
        }),
        ("rpartition", |_, a, kw| {
            partition_impl(a, kw, "rpartition", true)
        }),
        ("upper", |_, a, kw| {
            map_bytes(a, kw, "upper", |b| b.to_ascii_uppercase())
        }),
        ("lower", |_, a, kw| {
            map_bytes(a, kw, "lower", |b| b.to_ascii_lowercase())
        }),
        ("swapcase", |_, a, kw| {
            map_bytes(a, kw, "swapcase", |b| {
                if b.is_ascii_uppercase() {
                    b.to_ascii_lowercase()
                } else {
                    b.to_ascii_uppercase()
                }
            })
        }),
        ("capitalize", bytes_capitalize),
        ("title", bytes_title),
        ("isdigit", |_, a, kw| {
            test_bytes(a, kw, "isdigit", u8::is_ascii_digit)
        }),
        ("isalpha", |_, a, kw| {
            test_bytes(a, kw, "isalpha", u8::is_ascii_alphabetic)
        }),
        ("isalnum", |_, a, kw| {
            test_bytes(a, kw, "isalnum", u8::is_ascii_alphanumeric)
        }),
        ("isspace", |_, a, kw| {
            test_bytes(a, kw, "isspace", |b| is_space(*b))
        }),
        ("islower", bytes_islower),
        ("isupper", bytes_isupper),
        ("isascii", bytes_isascii),
        ("istitle", bytes_istitle),
        ("translate", bytes_translate),
        ("center", |vm, a, kw| justify(vm, a, kw, "center", b'c')),
        ("ljust", |vm, a, kw| justify(vm, a, kw, "ljust", b'l')),
        ("rjust", |vm, a, kw| justify(vm, a, kw, "rjust", b'r')),
        ("zfill", bytes_zfill),
        ("removeprefix", |_, a, kw| {
            affix(a, kw, "removeprefix", true)
        }),
        ("removesuffix", |_, a, kw| {
            affix(a, kw, "removesuffix", false)
        }),
    ];
    add_all(&t.bytes, shared);
    class_method(&t.bytes, "maketrans", bytes_maketrans);
    class_method(&t.bytearray, "maketrans", bytes_maketrans);
    add_all(&t.bytearray, shared);
    add_method(&t.bytes, "__hash__", bytes_hash);
    t.bytearray.dict.set_str("__hash__", Value::None);
    // A subclass's `fromhex` makes an instance of it (`cls(bytes)`), as in CPython.
    crate::vm::types::function::add_class_method(&t.bytes, "fromhex", |vm, a, kw| {
        fromhex_of(vm, a, kw, Kind::Bytes)
    });
    crate::vm::types::function::add_class_method(&t.bytearray, "fromhex", |vm, a, kw| {
        fromhex_of(vm, a, kw, Kind::ByteArray)
    });
    // `str(b)` is the repr of the bytes, never a subclass's `__repr__`.
    add_method(&t.bytes, "__str__", bytes_repr_method);
    add_all(
        &t.bytearray,
        &[
            ("__setitem__", ba_setitem),
            ("__delitem__", ba_delitem),
            ("__iadd__", ba_iadd),
            ("__imul__", ba_imul),
            ("append", ba_append),
            ("extend", ba_extend),
            ("pop", ba_pop),
            ("insert", ba_insert),
            ("remove", ba_remove),
            ("clear", ba_clear),
            ("reverse", ba_reverse),
            ("copy", ba_copy),
        ],
    );
    add_method(&t.str, "encode", str_encode);
    add_method(&t.int, "to_bytes", int_to_bytes);
    class_method(&t.int, "from_bytes", int_from_bytes);
    add_method(&t.unicode_decode_error, "__str__", unicode_error_str);
    add_method(&t.unicode_encode_error, "__str__", unicode_error_str);
    for cls in [&t.unicode_decode_error, &t.unicode_encode_error] {
        for (i, name) in ["encoding", "object", "start", "end", "reason"]
            .into_iter()
            .enumerate()
        {
            let get: crate::vm::object::NativeFn = match i {
                0 => |_, a, _| Ok(arg_of(a, 0)),
                1 => |_, a, _| Ok(arg_of(a, 1)),
                2 => |_, a, _| Ok(arg_of(a, 2)),
                3 => |_, a, _| Ok(arg_of(a, 3)),
                _ => |_, a, _| Ok(arg_of(a, 4)),
            };
            cls.dict.set_str(
                name,
                crate::vm::types::exceptions::readonly_property(name, get),
            );
        }
    }
}

/// The `i`th argument of the exception `args[0]` (a `UnicodeError`'s members).
fn arg_of(args: &[Value], i: usize) -> Value {
    let a = crate::vm::types::exceptions::exc_args(args.first().unwrap_or(&Value::None));
    a.get(i).cloned().unwrap_or(Value::None)
}
