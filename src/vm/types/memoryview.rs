//! `memoryview`: a view of the bytes of a `bytes` or a `bytearray` (or of a `bytes`
//! subclass's value), one-dimensional, read as items of a `struct` format ('B' unless cast).
//!
//! A view shares memory with its object: it holds the object itself (an `Arc`), never a
//! pointer into it, and reads or writes the bytes under the bytearray's own lock at each
//! access, with every index checked against the data as it is then. So a view shared between
//! threads (free-threaded or not) can never read freed memory, and no `unsafe` is needed.
//!
//! CPython's managed buffer is [`Export`]: the views made from one `memoryview(obj)` call
//! (its slices, casts, `memoryview(view)`) share one, and while it lives a bytearray counts
//! one export (`ByteArray::exports`), which forbids changing its length (a BufferError, as
//! in CPython). `release()` (or leaving a `with` block) drops a view's share at once; the
//! last share dropped ends the export.
//!
//! The cycle collector sees a view's object through `referents`: a view of a `bytes`
//! subclass instance (which may hold a reference back to the view) is tracked; views of
//! plain `bytes` and `bytearray` hold no container and are not.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use super::args::*;
use crate::vm::Vm;
use crate::vm::num::to_f64;
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::pure_cmp::pure_eq;
use crate::vm::object::registry::{Types, add_all, add_method, types};
use crate::vm::object::value::{NOT_IMPLEMENTED, Value};
use crate::vm::object::{Class, KwArgs, PyResult, native_object};
use crate::vm::types::bytes::as_bytearray;
use crate::vm::types::ctor_args::{bind_params, ctor_args, native};
use crate::vm::types::slice::{adjust_indices as fit_slice, unpack_slice};

/// One export of an object's buffer, shared by the views made from it.
struct Export {
    /// What `view.obj` returns: the object `memoryview()` was called on.
    obj: Value,
    /// Where the bytes are: a `Value::Bytes` or a bytearray.
    data: Value,
}

impl Drop for Export {
    fn drop(&mut self) {
        if let Some(a) = as_bytearray(&self.data) {
            let _guard = a.data.lock();
            a.exports.fetch_sub(1, Ordering::AcqRel);
        }
    }
}

/// The shape of a view over its export's bytes: item `i` is the `itemsize` bytes at
/// `start + i * stride`.
#[derive(Clone, Copy)]
struct Layout {
    start: usize,
    len: usize,
    stride: isize,
    itemsize: usize,
    fmt: u8,
    readonly: bool,
}

impl Layout {
    fn contiguous(&self) -> bool {
        self.len <= 1 || self.stride == self.itemsize as isize
    }
    /// Where item `i` starts, if it lies inside data of `n` bytes.
    fn at(&self, i: usize, n: usize) -> Option<std::ops::Range<usize>> {
        let off = (self.start as isize).checked_add((i as isize).checked_mul(self.stride)?)?;
        let off = usize::try_from(off).ok()?;
        let end = off.checked_add(self.itemsize)?;
        (end <= n).then_some(off..end)
    }
}

/// `memoryview`.
pub struct MemoryView {
    /// `None` once released.
    export: parking_lot::Mutex<Option<Arc<Export>>>,
    lay: Layout,
}

native_object!(MemoryView, "memoryview", types().memoryview, {
    fn getattr(&self, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        let lay = self.lay;
        let known = matches!(
            name,
            "obj"
                | "nbytes"
                | "readonly"
                | "itemsize"
                | "format"
                | "ndim"
                | "shape"
                | "strides"
                | "suboffsets"
                | "c_contiguous"
                | "f_contiguous"
                | "contiguous"
        );
        if !known {
            return None;
        }
        let e = match self.export() {
            Ok(e) => e,
            Err(err) => return Some(Err(err)),
        };
        Some(Ok(match name {
            "obj" => e.obj.clone(),
            "nbytes" => Value::Int((lay.len * lay.itemsize) as i64),
            "readonly" => Value::Bool(lay.readonly),
            "itemsize" => Value::Int(lay.itemsize as i64),
            "format" => Value::string((lay.fmt as char).to_string()),
            "ndim" => Value::Int(1),
            "shape" => Value::tuple(vec![Value::Int(lay.len as i64)]),
            "strides" => Value::tuple(vec![Value::Int(lay.stride as i64)]),
            "suboffsets" => Value::tuple(vec![]),
            _ => Value::Bool(lay.contiguous()),
        }))
    }
    fn setattr(&self, _vm: &mut Vm, name: &str, _value: Value) -> Option<PyResult<()>> {
        let msg = match self.getattr(_vm, name) {
            Some(_) => format!("attribute '{name}' of 'memoryview' objects is not writable"),
            None => format!("'memoryview' object has no attribute '{name}'"),
        };
        Some(Err(exc::attribute_error(msg)))
    }
    fn referents(&self, f: &mut dyn FnMut(&Value)) {
        if let Some(e) = &*self.export.lock() {
            f(&e.obj);
        }
    }
    fn key_eq(&self, other: &Value) -> Option<bool> {
        // Only a hashable view (read-only, live) can be a key; a released one is never equal
        // to another object here (identity was checked before).
        match equal(self, &Value::None, other) {
            Ok(Value::Bool(b)) => Some(b),
            _ => None,
        }
    }
});

#[cold]
fn released() -> PyErr {
    exc::value_error("operation forbidden on released memoryview object")
}

#[cold]
fn lost() -> PyErr {
    // Unreachable while the length of an exported bytearray cannot change; kept as an error
    // rather than a panic.
    exc::value_error("memoryview: the underlying buffer is smaller than the view")
}

impl MemoryView {
    fn export(&self) -> PyResult<Arc<Export>> {
        self.export.lock().clone().ok_or_else(released)
    }

    /// Runs `f` over the exported bytes (under the bytearray's lock, for one).
    fn read<R>(&self, f: impl FnOnce(&[u8]) -> R) -> PyResult<R> {
        let e = self.export()?;
        match &e.data {
            Value::Bytes(b) => Ok(f(b.data())),
            v => match as_bytearray(v) {
                Some(a) => Ok(f(&a.data.lock())),
                None => Err(released()),
            },
        }
    }

    /// Runs `f` over the exported bytes, writable (a bytearray's, under its lock).
    fn write<R>(&self, f: impl FnOnce(&mut [u8]) -> R) -> PyResult<R> {
        let e = self.export()?;
        if self.lay.readonly {
            return Err(exc::type_error("cannot modify read-only memory"));
        }
        match as_bytearray(&e.data) {
            Some(a) => Ok(f(&mut a.data.lock())),
            None => Err(exc::type_error("cannot modify read-only memory")),
        }
    }

    /// The view's bytes, item by item (`tobytes()`).
    fn bytes(&self) -> PyResult<Vec<u8>> {
        let lay = self.lay;
        self.read(|d| {
            let mut out = Vec::with_capacity(lay.len * lay.itemsize);
            for i in 0..lay.len {
                out.extend_from_slice(d.get(lay.at(i, d.len())?)?);
            }
            Some(out)
        })?
        .ok_or_else(lost)
    }

    /// The view's items as values (`tolist()`).
    fn items(&self) -> PyResult<Vec<Value>> {
        let lay = self.lay;
        let raw = self.bytes()?;
        Ok(raw
            .chunks(lay.itemsize.max(1))
            .map(|c| unpack(lay.fmt, c))
            .collect())
    }

    fn item(&self, i: usize) -> PyResult<Value> {
        let lay = self.lay;
        self.read(|d| d.get(lay.at(i, d.len())?).map(|c| unpack(lay.fmt, c)))?
            .ok_or_else(lost)
    }

    /// A view of the same export with another layout.
    fn derive(&self, lay: Layout) -> PyResult<Value> {
        Ok(native(MemoryView {
            export: parking_lot::Mutex::new(Some(self.export()?)),
            lay,
        }))
    }
}

/// The view behind a value, if it is one.
fn as_view(v: &Value) -> Option<&MemoryView> {
    match v {
        Value::Native(n) => n.as_any().downcast_ref::<MemoryView>(),
        _ => None,
    }
}

/// A view's bytes, for the places any bytes-like object is accepted (`bytes(view)`,
/// `b"".join`, `struct.unpack`, `hashlib`, ...); `None` if `v` is no view or a released one.
pub fn view_bytes(v: &Value) -> Option<Vec<u8>> {
    as_view(v).and_then(|m| m.bytes().ok())
}

/// A C-contiguous view's bytes (what CPython's simple buffer request accepts: `int(view)`).
pub fn contiguous_bytes(v: &Value) -> Option<Vec<u8>> {
    as_view(v)
        .filter(|m| m.lay.contiguous())
        .and_then(|m| m.bytes().ok())
}

fn this<'a>(args: &'a [Value], name: &str) -> PyResult<&'a MemoryView> {
    match args.first() {
        Some(v) => as_view(v).ok_or_else(|| descriptor_error(name, "memoryview", v)),
        None => Err(exc::type_error(format!(
            "descriptor '{name}' of 'memoryview' object needs an argument"
        ))),
    }
}

// ----- formats --------------------------------------------------------------------------------

/// The size of a native single-character `struct` format, if it is one a view supports.
fn itemsize(fmt: u8) -> Option<usize> {
    Some(match fmt {
        b'B' | b'b' | b'c' | b'?' => 1,
        b'H' | b'h' => 2,
        b'I' | b'i' | b'f' => 4,
        b'L' | b'l' | b'Q' | b'q' | b'N' | b'n' | b'd' => 8,
        _ => return None,
    })
}

fn is_byte_format(fmt: u8) -> bool {
    matches!(fmt, b'B' | b'b' | b'c')
}

fn ne<const N: usize>(c: &[u8]) -> [u8; N] {
    let mut a = [0u8; N];
    for (d, s) in a.iter_mut().zip(c) {
        *d = *s;
    }
    a
}

/// One item, from its bytes in native order.
fn unpack(fmt: u8, c: &[u8]) -> Value {
    match fmt {
        b'B' => Value::Int(u8::from_ne_bytes(ne(c)) as i64),
        b'b' => Value::Int(i8::from_ne_bytes(ne(c)) as i64),
        b'c' => Value::bytes(c.to_vec()),
        b'?' => Value::Bool(c.iter().any(|&b| b != 0)),
        b'H' => Value::Int(u16::from_ne_bytes(ne(c)) as i64),
        b'h' => Value::Int(i16::from_ne_bytes(ne(c)) as i64),
        b'I' => Value::Int(u32::from_ne_bytes(ne(c)) as i64),
        b'i' => Value::Int(i32::from_ne_bytes(ne(c)) as i64),
        b'f' => Value::Float(f32::from_ne_bytes(ne(c)) as f64),
        b'd' => Value::Float(f64::from_ne_bytes(ne(c))),
        b'L' | b'Q' | b'N' => {
            let u = u64::from_ne_bytes(ne(c));
            match i64::try_from(u) {
                Ok(i) => Value::Int(i),
                Err(_) => Value::from_bigint(u.into()),
            }
        }
        _ => Value::Int(i64::from_ne_bytes(ne(c))),
    }
}

/// One item's bytes in native order, as CPython's `pack_single` checks them.
fn pack(vm: &mut Vm, fmt: u8, v: &Value) -> PyResult<Vec<u8>> {
    let bad_type = || {
        exc::type_error(format!(
            "memoryview: invalid type for format '{}'",
            fmt as char
        ))
    };
    let bad_value = || {
        exc::value_error(format!(
            "memoryview: invalid value for format '{}'",
            fmt as char
        ))
    };
    match fmt {
        b'c' => match v {
            Value::Bytes(b) if b.len() == 1 => Ok(b.data().to_vec()),
            Value::Bytes(_) => Err(bad_value()),
            _ => Err(bad_type()),
        },
        b'?' => Ok(vec![vm.truthy(v)? as u8]),
        b'f' | b'd' => {
            let x = match to_f64(v) {
                Some(x) => x?,
                None => return Err(bad_type()),
            };
            Ok(if fmt == b'f' {
                (x as f32).to_ne_bytes().to_vec()
            } else {
                x.to_ne_bytes().to_vec()
            })
        }
        _ => {
            let n: i128 = match v {
                Value::Int(i) => *i as i128,
                Value::Bool(b) => *b as i128,
                Value::BigInt(b) => num_traits::ToPrimitive::to_i128(&**b).unwrap_or(i128::MAX),
                Value::Instance(_) if vm.lookup_special(v, "__index__").is_some() => {
                    vm.to_index(v)? as i128
                }
                _ => return Err(bad_type()),
            };
            let size = itemsize(fmt).unwrap_or(8);
            let signed = fmt.is_ascii_lowercase();
            let bits = 8 * size as u32;
            let (lo, hi) = if signed {
                (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
            } else {
                (0, (1i128 << bits) - 1)
            };
            if n < lo || n > hi {
                return Err(bad_value());
            }
            Ok(n.to_le_bytes()[..size].to_vec())
        }
    }
}

// ----- construction ---------------------------------------------------------------------------

/// `memoryview(object)`.
pub fn memoryview_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let slots = bind_params(ctor_args(args), kw, "memoryview", &["object"], 1)?;
    let obj = slots.into_iter().next().flatten().unwrap_or(Value::None);
    if let Some(m) = as_view(&obj) {
        return m.derive(m.lay);
    }
    let data = match &obj {
        Value::Instance(i) => match i.base() {
            Some(b @ Value::Bytes(_)) => b.clone(),
            _ => obj.clone(),
        },
        _ => obj.clone(),
    };
    let lay = |len: usize, readonly: bool| Layout {
        start: 0,
        len,
        stride: 1,
        itemsize: 1,
        fmt: b'B',
        readonly,
    };
    let (export, lay) = match &data {
        Value::Bytes(b) => {
            let n = b.len();
            (Export { obj, data }, lay(n, true))
        }
        v => match as_bytearray(v) {
            Some(a) => {
                let n = {
                    let d = a.data.lock();
                    a.exports.fetch_add(1, Ordering::AcqRel);
                    d.len()
                };
                (Export { obj, data }, lay(n, false))
            }
            None => {
                return Err(exc::type_error(format!(
                    "memoryview: a bytes-like object is required, not '{}'",
                    obj.type_name()
                )));
            }
        },
    };
    Ok(native(MemoryView {
        export: parking_lot::Mutex::new(Some(Arc::new(export))),
        lay,
    }))
}

// ----- the methods ----------------------------------------------------------------------------

fn mv_len(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let m = this(args, "__len__")?;
    slot_args(args, kw, "__len__", 0)?;
    m.export()?;
    Ok(Value::Int(m.lay.len as i64))
}

/// An index key: an int, or an object with `__index__`; anything else CPython's message.
fn key_index(vm: &mut Vm, key: &Value) -> PyResult<i64> {
    match key {
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => vm.to_index(key),
        Value::Instance(_) if vm.lookup_special(key, "__index__").is_some() => vm.to_index(key),
        Value::Tuple(t) if t.0.is_empty() => {
            Err(exc::not_implemented_error("sub-views are not implemented"))
        }
        Value::Tuple(t) if t.0.iter().any(|v| matches!(v, Value::Slice(_))) => Err(
            exc::not_implemented_error("multi-dimensional slicing is not implemented"),
        ),
        Value::Tuple(t) => Err(exc::type_error(format!(
            "cannot index 1-dimension view with {}-element tuple",
            t.0.len()
        ))),
        _ => Err(exc::type_error("memoryview: invalid slice key")),
    }
}

fn position(i: i64, len: usize) -> PyResult<usize> {
    let j = if i < 0 { i + len as i64 } else { i };
    if (0..len as i64).contains(&j) {
        Ok(j as usize)
    } else {
        Err(exc::index_error("index out of bounds on dimension 1"))
    }
}

/// The layout of `view[slice]`: the same export, every `step`-th item from `start`.
fn sliced(vm: &mut Vm, m: &MemoryView, s: &crate::vm::object::SliceObj) -> PyResult<Layout> {
    let (lo, hi, step) = unpack_slice(vm, s)?;
    let lay = m.lay;
    let (start, _, step, n) = fit_slice(lo, hi, step, lay.len)?;
    let off = lay.start as isize + start as isize * lay.stride;
    Ok(Layout {
        start: usize::try_from(off).unwrap_or(lay.start),
        len: n,
        stride: lay.stride * step as isize,
        ..lay
    })
}

fn mv_getitem(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let m = this(args, "__getitem__")?;
    let key = &slot_args(args, kw, "__getitem__", 1)?[0];
    m.export()?;
    if let Value::Slice(s) = key {
        let lay = sliced(vm, m, s)?;
        return m.derive(lay);
    }
    let i = position(key_index(vm, key)?, m.lay.len)?;
    m.item(i)
}

fn mv_setitem(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let m = this(args, "__setitem__")?;
    let p = slot_args(args, kw, "__setitem__", 2)?;
    let (key, value) = (&p[0], &p[1]);
    m.export()?;
    if m.lay.readonly {
        return Err(exc::type_error("cannot modify read-only memory"));
    }
    let lay = m.lay;
    let (target, new) = if let Value::Slice(s) = key {
        let target = sliced(vm, m, s)?;
        let (fmt, new) = match as_view(value) {
            Some(src) => (src.lay.fmt, src.bytes()?),
            None => (b'B', need_buffer(value)?),
        };
        if fmt != lay.fmt || new.len() != target.len * lay.itemsize {
            return Err(exc::value_error(
                "memoryview assignment: lvalue and rvalue have different structures",
            ));
        }
        (target, new)
    } else {
        let i = position(key_index(vm, key)?, lay.len)?;
        let new = pack(vm, lay.fmt, value)?;
        (
            Layout {
                start: lay.at(i, usize::MAX).map(|r| r.start).ok_or_else(lost)?,
                len: 1,
                ..lay
            },
            new,
        )
    };
    m.write(|d| {
        let n = d.len();
        for (k, item) in new.chunks(target.itemsize.max(1)).enumerate() {
            let r = target.at(k, n)?;
            d.get_mut(r)?.copy_from_slice(item);
        }
        Some(())
    })?
    .ok_or_else(lost)?;
    Ok(Value::None)
}

/// A bytes-like right-hand side of a slice assignment, or CPython's TypeError.
fn need_buffer(v: &Value) -> PyResult<Vec<u8>> {
    crate::vm::types::bytes::need_bytes(v)
}

fn mv_delitem(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let m = this(args, "__delitem__")?;
    slot_args(args, kw, "__delitem__", 1)?;
    m.export()?;
    if m.lay.readonly {
        return Err(exc::type_error("cannot modify read-only memory"));
    }
    Err(exc::type_error("cannot delete memory"))
}

fn mv_tobytes(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let m = this(args, "tobytes")?;
    let slots = keywords(args, kw, "tobytes", &["order"], 1)?;
    match &slots[0] {
        None | Some(Value::None) => {}
        Some(Value::Str(s)) if matches!(s.as_str(), "C" | "F" | "A") => {}
        Some(Value::Str(_)) => return Err(exc::value_error("order must be 'C', 'F' or 'A'")),
        Some(v) => {
            return Err(exc::type_error(format!(
                "tobytes() argument 'order' must be str or None, not {}",
                v.type_name()
            )));
        }
    }
    Ok(Value::bytes(m.bytes()?))
}

fn mv_tolist(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let m = this(args, "tolist")?;
    no_args(args, kw, "memoryview.tolist")?;
    Ok(Value::list(m.items()?))
}

fn mv_hex(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let m = this(args, "hex")?;
    let mut call = vec![Value::bytes(m.bytes()?)];
    call.extend_from_slice(&args[1..]);
    crate::vm::types::bytes::bytes_hex(vm, &call, kw)
}

fn mv_release(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let m = this(args, "release")?;
    no_args(args, kw, "memoryview.release")?;
    // Dropped outside the view's lock: the export's drop takes the bytearray's.
    let gone = m.export.lock().take();
    drop(gone);
    Ok(Value::None)
}

fn mv_enter(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let m = this(args, "__enter__")?;
    no_args(args, kw, "memoryview.__enter__")?;
    m.export()?;
    Ok(args[0].clone())
}

fn mv_exit(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    this(args, "__exit__")?;
    mv_release(vm, &args[..1], &[])
}

fn mv_toreadonly(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let m = this(args, "toreadonly")?;
    no_args(args, kw, "memoryview.toreadonly")?;
    m.derive(Layout {
        readonly: true,
        ..m.lay
    })
}

/// `cast(format, shape=None)`, one-dimensional: CPython's checks in CPython's order.
fn mv_cast(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let m = this(args, "cast")?;
    let slots = keywords(args, kw, "cast", &["format", "shape"], 2)?;
    let fmt = match &slots[0] {
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(v) => {
            return Err(exc::type_error(format!(
                "cast() argument 'format' must be str, not {}",
                v.type_name()
            )));
        }
        None => {
            return Err(exc::type_error(
                "cast() missing required argument 'format' (pos 1)",
            ));
        }
    };
    m.export()?;
    let lay = m.lay;
    if !lay.contiguous() {
        return Err(exc::type_error(
            "memoryview: casts are restricted to C-contiguous views",
        ));
    }
    let shape = match &slots[1] {
        None => None,
        Some(v @ (Value::List(_) | Value::Tuple(_))) => Some(vm.collect(v)?),
        Some(_) => {
            return Err(exc::type_error("shape must be a list or a tuple"));
        }
    };
    let code = fmt.strip_prefix('@').unwrap_or(&fmt).as_bytes();
    let (fmt, size) = match code {
        [c] if itemsize(*c).is_some() => (*c, itemsize(*c).unwrap_or(1)),
        _ => {
            return Err(exc::value_error(
                "memoryview: destination format must be a native single character format \
                 prefixed with an optional '@'",
            ));
        }
    };
    if !is_byte_format(lay.fmt) && !is_byte_format(fmt) {
        return Err(exc::type_error(
            "memoryview: cannot cast between two non-byte formats",
        ));
    }
    let nbytes = lay.len * lay.itemsize;
    if nbytes % size != 0 {
        return Err(exc::type_error(
            "memoryview: length is not a multiple of itemsize",
        ));
    }
    let len = nbytes / size;
    if let Some(shape) = shape {
        let mut product: i128 = 1;
        for n in &shape {
            product = product.saturating_mul(vm.to_index(n)? as i128);
        }
        if product != len as i128 {
            return Err(exc::type_error(
                "memoryview: product(shape) * itemsize != buffer size",
            ));
        }
        if shape.len() != 1 {
            return Err(exc::not_implemented_error(
                "memoryview: only one-dimensional casts are supported",
            ));
        }
    }
    m.derive(Layout {
        start: lay.start,
        len,
        stride: size as isize,
        itemsize: size,
        fmt,
        readonly: lay.readonly,
    })
}

fn mv_eq(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let m = this(args, "__eq__")?;
    let other = args.get(1).unwrap_or(&Value::None);
    equal(m, &args[0], other)
}

fn mv_ne(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    match mv_eq(vm, args, kw)? {
        Value::Bool(b) => Ok(Value::Bool(!b)),
        other => Ok(other),
    }
}

/// CPython's `memory_richcompare`: a released view equals only itself; otherwise the items,
/// unpacked by each side's format, are compared (a `bytes` or `bytearray` has format 'B').
fn equal(m: &MemoryView, this: &Value, other: &Value) -> PyResult<Value> {
    let (ofmt, obytes, oreleased) = match as_view(other) {
        Some(o) => match o.bytes() {
            Ok(b) => (o.lay.fmt, b, false),
            Err(_) => (o.lay.fmt, Vec::new(), true),
        },
        None => match crate::vm::types::bytes::bytes_like(other) {
            Some(b) => (b'B', b, false),
            None => return Ok(NOT_IMPLEMENTED.clone()),
        },
    };
    let mine = match m.bytes() {
        Ok(b) => b,
        Err(_) => return Ok(Value::Bool(this.is(other))),
    };
    if oreleased {
        return Ok(Value::Bool(this.is(other)));
    }
    let osize = itemsize(ofmt).unwrap_or(1);
    let size = m.lay.itemsize.max(1);
    if mine.len() / size != obytes.len() / osize {
        return Ok(Value::Bool(false));
    }
    let same = mine
        .chunks(size)
        .zip(obytes.chunks(osize))
        .all(|(a, b)| pure_eq(&unpack(m.lay.fmt, a), &unpack(ofmt, b)) == Some(true));
    Ok(Value::Bool(same))
}

fn mv_hash(vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let m = this(args, "__hash__")?;
    let e = m.export()?;
    if !m.lay.readonly {
        return Err(exc::value_error("cannot hash writable memoryview object"));
    }
    if !is_byte_format(m.lay.fmt) {
        return Err(exc::value_error(
            "memoryview: hashing is restricted to formats 'B', 'b' or 'c'",
        ));
    }
    // CPython hashes the object first: a read-only view of a bytearray is unhashable.
    vm.hash_key(&e.obj)?;
    match Value::bytes(m.bytes()?) {
        Value::Bytes(b) => Ok(Value::Int(b.hash() as i64)),
        _ => Err(released()),
    }
}

fn mv_repr(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let m = this(args, "__repr__")?;
    let addr = Arc::as_ptr(match &args[0] {
        Value::Native(n) => n,
        _ => return Err(released()),
    }) as *const u8 as usize;
    let state = if m.export.lock().is_some() {
        ""
    } else {
        "released "
    };
    Ok(Value::string(format!("<{state}memory at {addr:#x}>")))
}

fn mv_iter(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let m = this(args, "__iter__")?;
    m.export()?;
    Ok(native(MemIter {
        view: args[0].clone(),
        index: parking_lot::Mutex::new(0),
    }))
}

// ----- memory_iterator ------------------------------------------------------------------------

/// `memory_iterator`: the view's next item at each step, read then (so it sees writes).
struct MemIter {
    view: Value,
    index: parking_lot::Mutex<usize>,
}

static MEM_ITER_CLASS: std::sync::LazyLock<Arc<Class>> = std::sync::LazyLock::new(|| {
    let c = Class::new_native(
        "memory_iterator",
        "builtins",
        Some(types().object.clone()),
        None,
    );
    add_method(&c, "__iter__", |_, a, _| {
        Ok(a.first().cloned().unwrap_or(Value::None))
    });
    add_method(&c, "__next__", |_, a, _| {
        let it = a.first().and_then(|v| match v {
            Value::Native(n) => n.as_any().downcast_ref::<MemIter>(),
            _ => None,
        });
        match it {
            Some(it) => it.step()?.ok_or_else(|| exc::stop_iteration(None)),
            None => Err(exc::type_error(
                "descriptor '__next__' requires a 'memory_iterator' object",
            )),
        }
    });
    c
});

impl MemIter {
    fn step(&self) -> PyResult<Option<Value>> {
        let Some(m) = as_view(&self.view) else {
            return Ok(None);
        };
        let mut i = self.index.lock();
        m.export()?;
        if *i >= m.lay.len {
            return Ok(None);
        }
        let v = m.item(*i)?;
        *i += 1;
        Ok(Some(v))
    }
}

native_object!(MemIter, "memory_iterator", MEM_ITER_CLASS, {
    fn next_item(&self, _vm: &mut Vm) -> Option<PyResult<Option<Value>>> {
        Some(self.step())
    }
    fn referents(&self, f: &mut dyn FnMut(&Value)) {
        f(&self.view);
    }
});

pub(crate) fn register(t: &Types) {
    add_all(
        &t.memoryview,
        &[
            ("__len__", mv_len),
            ("__getitem__", mv_getitem),
            ("__setitem__", mv_setitem),
            ("__delitem__", mv_delitem),
            ("__iter__", mv_iter),
            ("__eq__", mv_eq),
            ("__ne__", mv_ne),
            ("__hash__", mv_hash),
            ("__repr__", mv_repr),
            ("__enter__", mv_enter),
            ("__exit__", mv_exit),
            ("tobytes", mv_tobytes),
            ("tolist", mv_tolist),
            ("hex", mv_hex),
            ("release", mv_release),
            ("toreadonly", mv_toreadonly),
            ("cast", mv_cast),
        ],
    );
}
