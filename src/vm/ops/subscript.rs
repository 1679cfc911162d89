//! Subscripts and membership: `a[i]`, `a[i] = v`, `del a[i]`, `x in a`, indices and slices.

use super::*;
use crate::vm::types::slice::{
    adjust_indices, assign_slice, slice_indices, slice_vec, unpack_slice,
};

/// Python's index normalisation for sequences: negative counts from the end.
pub(super) fn norm_index(i: i64, len: usize) -> Option<usize> {
    // In i128: `-2**63 + len` must not overflow.
    let i = if i < 0 {
        i as i128 + len as i128
    } else {
        i as i128
    };
    usize::try_from(i).ok().filter(|i| *i < len)
}

/// A list index for an item assignment or deletion, from the end when negative; CPython's
/// IndexError when out of range.
fn assignment_index(i: i64, len: usize) -> PyResult<usize> {
    norm_index(i, len).ok_or_else(|| exc::index_error("list assignment index out of range"))
}

impl Vm {
    /// An integer for indexing (`__index__`).
    pub fn to_index(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(*b as i64),
            Value::BigInt(_) => Err(exc::index_error(
                "cannot fit 'int' into an index-sized integer",
            )),
            _ => match self.call_special(v, "__index__", &[])? {
                Some(Value::Int(i)) => Ok(i),
                _ => Err(exc::type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    v.type_name()
                ))),
            },
        }
    }

    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match item.str_base() {
                Value::Str(sub) => Ok(s.as_str().contains(sub.as_str())),
                other => Err(exc::type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    other.type_name()
                ))),
            },
            Value::List(l) => {
                // Under the lock while every comparison is pure (no copy of the list: two
                // atomic counts per item); on a copy of the rest from the first that is not.
                let first_impure = {
                    let items = l.items.lock();
                    let mut at = None;
                    for (i, x) in items.iter().enumerate() {
                        match pure_eq(x, item) {
                            Some(true) => return Ok(true),
                            Some(false) => {}
                            None => {
                                at = Some(i);
                                break;
                            }
                        }
                    }
                    match at {
                        Some(i) => items[i..].to_vec(),
                        None => return Ok(false),
                    }
                };
                self.seq_contains(&first_impure, item)
            }
            Value::Tuple(t) => self.seq_contains(&t.0, item),
            Value::Dict(d) => {
                let k = self.hash_key(item)?;
                self.dict_contains(d, &k)
            }
            Value::Set(s) => {
                let k = self.hash_key(item)?;
                self.set_contains(s, &k)
            }
            Value::Range(r) => match item {
                Value::Int(_) | Value::Bool(_) => {
                    let i = self.to_index(item)?;
                    let in_bounds = if r.step > 0 {
                        i >= r.start && i < r.stop
                    } else {
                        i <= r.start && i > r.stop
                    };
                    // In i128: `i - start` can exceed i64 (both near opposite ends).
                    Ok(in_bounds && (i as i128 - r.start as i128) % r.step as i128 == 0)
                }
                _ => {
                    let items = self.collect(container)?;
                    self.seq_contains(&items, item)
                }
            },
            Value::Instance(_) | Value::Native(_) | Value::Bytes(_) | Value::Class(_) if !matches!(container, Value::Class(c) if c.metaclass.is_none()) =>
            {
                if let Some(r) =
                    self.call_special(container, "__contains__", std::slice::from_ref(item))?
                {
                    return self.truthy(&r);
                }
                let it = self.get_iter(container).map_err(|_| {
                    exc::type_error(format!(
                        "argument of type '{}' is not iterable",
                        container.type_name()
                    ))
                })?;
                while let Some(x) = self.next(&it)? {
                    if x.is(item) || self.eq(&x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Value::Iter(_) => {
                while let Some(x) = self.next(container)? {
                    if x.is(item) || self.eq(&x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            other => Err(exc::type_error(format!(
                "argument of type '{}' is not iterable",
                other.type_name()
            ))),
        }
    }

    pub(super) fn seq_contains(&mut self, items: &[Value], item: &Value) -> PyResult<bool> {
        for x in items {
            let equal = match pure_eq(x, item) {
                Some(equal) => equal,
                None => x.is(item) || self.eq(x, item)?,
            };
            if equal {
                return Ok(true);
            }
        }
        Ok(false)
    }

    pub fn getitem(&mut self, obj: &Value, key: &Value) -> PyResult<Value> {
        match obj {
            Value::List(l) => match key {
                Value::Int(i) => {
                    let items = l.items.lock();
                    match norm_index(*i, items.len()) {
                        Some(i) => Ok(items[i].fast_clone()),
                        None => Err(exc::index_error("list index out of range")),
                    }
                }
                Value::Slice(s) => {
                    // The bounds first (`__index__` may run code), then fitted to the
                    // length and copied under the list's lock: no copy of the whole list.
                    let (a, b, step) = unpack_slice(self, s)?;
                    let items = l.items.lock();
                    let (start, _, step, n) = adjust_indices(a, b, step, items.len())?;
                    let part = slice_vec(&items, start, step, n);
                    drop(items);
                    Ok(Value::list(part))
                }
                _ => {
                    let i = self.seq_index(key, "list")?;
                    self.getitem(obj, &Value::Int(i))
                }
            },
            Value::Tuple(t) => match key {
                Value::Int(i) => match norm_index(*i, t.0.len()) {
                    Some(i) => Ok(t.0[i].clone()),
                    None => Err(exc::index_error("tuple index out of range")),
                },
                Value::Slice(s) => {
                    let (start, _, step, n) = slice_indices(self, s, t.0.len())?;
                    Ok(Value::tuple(slice_vec(&t.0, start, step, n)))
                }
                _ => {
                    let i = self.seq_index(key, "tuple")?;
                    self.getitem(obj, &Value::Int(i))
                }
            },
            Value::Str(s) => match key {
                Value::Int(i) => match norm_index(*i, s.char_len()).and_then(|i| s.char_at(i)) {
                    Some(c) => {
                        let mut buf = [0u8; 4];
                        Ok(Value::str(c.encode_utf8(&mut buf)))
                    }
                    None => Err(exc::index_error("string index out of range")),
                },
                Value::Slice(sl) => {
                    // Without copying the characters out: an ASCII text is indexed by byte,
                    // and `text[a:b]` of any text is one byte range of it.
                    if s.is_ascii() || matches!(sl.step, Value::None | Value::Int(1)) {
                        let (start, _, step, n) = slice_indices(self, sl, s.char_len())?;
                        let text = s.as_str();
                        if s.is_ascii() {
                            if step == 1 {
                                let b0 = start as usize;
                                return Ok(Value::str(&text[b0..b0 + n]));
                            }
                            let bytes = text.as_bytes();
                            return Ok(Value::string(
                                (0..n)
                                    .map(|k| bytes[(start + k as i64 * step) as usize] as char)
                                    .collect(),
                            ));
                        }
                        if step == 1 {
                            let mut at = text.char_indices().map(|(b, _)| b).skip(start as usize);
                            let b0 = at.next().unwrap_or(text.len());
                            let b1 = match n {
                                0 => b0,
                                _ => at.nth(n - 1).unwrap_or(text.len()),
                            };
                            return Ok(Value::str(&text[b0..b1]));
                        }
                    }
                    let chars: Vec<char> = s.as_str().chars().collect();
                    let (start, _, step, n) = slice_indices(self, sl, chars.len())?;
                    Ok(Value::string(
                        slice_vec(&chars, start, step, n).into_iter().collect(),
                    ))
                }
                Value::Bool(b) => self.getitem(obj, &Value::Int(*b as i64)),
                other => Err(exc::type_error(format!(
                    "string indices must be integers, not '{}'",
                    other.type_name()
                ))),
            },
            Value::Dict(d) => {
                let k = self.hash_key(key)?;
                match self.dict_get(d, &k)? {
                    Some(v) => Ok(v),
                    None => Err(exc::key_error(key.clone())),
                }
            }
            Value::Range(r) => match key {
                Value::Slice(s) => {
                    // CPython's `compute_slice`: exact integers, so a bound beyond 2**63 is
                    // clamped; the result must still fit gilvm's i64 range.
                    use num_bigint::BigInt;
                    let [start, stop, step] = crate::vm::types::slice::long_indices(
                        self,
                        s,
                        &BigInt::from(r.len_usize()),
                    )?;
                    let at = |i: &BigInt| BigInt::from(r.start) + i * BigInt::from(r.step);
                    let fit = |v: BigInt| {
                        i64::try_from(&v).map_err(|_| {
                            exc::overflow_error("Python int too large to convert to C ssize_t")
                        })
                    };
                    Ok(Value::Range(Arc::new(crate::vm::object::RangeObj {
                        start: fit(at(&start))?,
                        stop: fit(at(&stop))?,
                        step: fit(BigInt::from(r.step) * step)?,
                    })))
                }
                _ => {
                    let i = self.seq_index(key, "range")?;
                    match norm_index(i, r.len_usize()) {
                        Some(i) => Ok(Value::Int(r.item(i))),
                        None => Err(exc::index_error("range object index out of range")),
                    }
                }
            },
            Value::Class(cls) => {
                if let Some(r) = self.call_special(obj, "__getitem__", std::slice::from_ref(key))? {
                    return Ok(r);
                }
                // `type[int]`: CPython's abstract layer makes the alias itself, with the
                // function behind `list.__class_getitem__`.
                let found = if Arc::ptr_eq(cls, &types().type_) {
                    types().list.lookup("__class_getitem__")
                } else {
                    cls.lookup("__class_getitem__")
                };
                if let Some(m) = found {
                    // An implicit classmethod (the class statement wraps it, as CPython).
                    return match crate::vm::types::function::unwrap_classmethod(&m, obj) {
                        Some(bound) => self.call(&bound, std::slice::from_ref(key), &[]),
                        None => self.call(&m, &[obj.clone(), key.clone()], &[]),
                    };
                }
                Err(exc::type_error(format!(
                    "type '{}' is not subscriptable",
                    cls.name
                )))
            }
            _ => match self.lookup_special(obj, "__getitem__") {
                Some(m) if slots::is_slot(&m, slots::getitem) && obj.carries_base() => {
                    slots::getitem_of(self, obj, key)
                }
                Some(m) => self.call(&m, &[obj.clone(), key.clone()], &[]),
                None => Err(exc::type_error(format!(
                    "'{}' object is not subscriptable",
                    obj.type_name()
                ))),
            },
        }
    }

    pub(super) fn seq_index(&mut self, key: &Value, what: &str) -> PyResult<i64> {
        match key {
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => self.to_index(key).map_err(|_| {
                exc::index_error("cannot fit 'int' into an index-sized integer".to_string())
            }),
            Value::Instance(_) if self.lookup_special(key, "__index__").is_some() => {
                self.to_index(key)
            }
            other => Err(exc::type_error(format!(
                "{} indices must be integers or slices, not {}",
                what,
                other.type_name()
            ))),
        }
    }

    pub fn setitem(&mut self, obj: &Value, key: &Value, value: Value) -> PyResult<()> {
        match obj {
            Value::List(l) => match key {
                Value::Slice(s) => {
                    // CPython's order: the bounds, then the new items.
                    let (a, b, step) = unpack_slice(self, s)?;
                    let new_items = self.collect(&value)?;
                    let mut items = l.items.lock();
                    let bounds = adjust_indices(a, b, step, items.len())?;
                    let n = bounds.3;
                    match assign_slice(&mut items, bounds, new_items) {
                        Ok(old) => {
                            drop(items);
                            drop(old);
                            Ok(())
                        }
                        Err(size) => Err(exc::value_error(format!(
                            "attempt to assign sequence of size {size} to extended slice of size {n}"
                        ))),
                    }
                }
                _ => {
                    let i = self.seq_index(key, "list")?;
                    let mut items = l.items.lock();
                    let i = assignment_index(i, items.len())?;
                    items[i] = value;
                    Ok(())
                }
            },
            Value::Dict(d) => {
                let k = self.hash_key(key)?;
                self.dict_set(d, k, value)
            }
            _ => match self.lookup_special(obj, "__setitem__") {
                Some(m) if slots::is_slot(&m, slots::setitem) && obj.carries_base() => {
                    self.setitem(obj.builtin_base(), key, value)
                }
                Some(m) => self
                    .call(&m, &[obj.clone(), key.clone(), value], &[])
                    .map(drop),
                None => Err(exc::type_error(format!(
                    "'{}' object does not support item assignment",
                    obj.type_name()
                ))),
            },
        }
    }

    pub fn delitem(&mut self, obj: &Value, key: &Value) -> PyResult<()> {
        match obj {
            Value::List(l) => match key {
                Value::Slice(s) => {
                    let len = l.len();
                    let (start, _, step, n) = slice_indices(self, s, len)?;
                    let mut idx: Vec<usize> =
                        (0..n).map(|k| (start + k as i64 * step) as usize).collect();
                    idx.sort_unstable();
                    let mut items = l.items.lock();
                    for i in idx.into_iter().rev() {
                        if i < items.len() {
                            items.remove(i);
                        }
                    }
                    Ok(())
                }
                _ => {
                    let i = self.seq_index(key, "list")?;
                    let mut items = l.items.lock();
                    let i = assignment_index(i, items.len())?;
                    items.remove(i);
                    Ok(())
                }
            },
            Value::Dict(d) => {
                let k = self.hash_key(key)?;
                match self.dict_remove(d, &k)? {
                    Some(_) => Ok(()),
                    None => Err(exc::key_error(key.clone())),
                }
            }
            _ => match self.lookup_special(obj, "__delitem__") {
                Some(m) if slots::is_slot(&m, slots::delitem) && obj.carries_base() => {
                    self.delitem(obj.builtin_base(), key)
                }
                Some(m) => self.call(&m, &[obj.clone(), key.clone()], &[]).map(drop),
                None => Err(exc::type_error(format!(
                    "'{}' object doesn't support item deletion",
                    obj.type_name()
                ))),
            },
        }
    }
}
