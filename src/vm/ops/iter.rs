//! Iteration: `iter`, `next`, collecting an iterable, `len`.

use super::*;

#[cold]
fn not_an_iterator(v: &Value) -> PyErr {
    exc::type_error(format!("'{}' object is not an iterator", v.type_name()))
}

#[cold]
fn not_iterable(v: &Value) -> PyErr {
    exc::type_error(format!("'{}' object is not iterable", v.type_name()))
}

impl Vm {
    // ----- iteration ---------------------------------------------------------------------

    /// `iter(v)`.
    pub fn get_iter(&mut self, v: &Value) -> PyResult<Value> {
        let it = match v {
            Value::List(l) => IterObj::list(l.clone()),
            Value::Tuple(t) => IterObj::tuple(t.clone()),
            Value::Str(s) => IterObj::seq(SeqIter::Str {
                s: s.clone(),
                pos: 0,
            }),
            Value::Range(r) => IterObj::range(r.start, r.stop, r.step),
            Value::Dict(d) => IterObj::seq(SeqIter::Dict {
                dict: d.clone(),
                index: 0,
                len: d.len(),
                kind: 0,
            }),
            Value::Set(s) => IterObj::seq(SeqIter::Values {
                items: s.snapshot(),
                index: 0,
            }),
            Value::Iter(_) => return Ok(v.clone()),
            // A class iterates when its metaclass says how (`for c in Color`).
            Value::Instance(_) | Value::Native(_) | Value::Bytes(_) | Value::Class(_) if !matches!(v, Value::Class(c) if c.metaclass.is_none()) =>
            {
                if let Some(r) = self.call_special(v, "__iter__", &[])? {
                    return Ok(r);
                }
                if self.lookup_special(v, "__getitem__").is_some() {
                    IterObj::seq(SeqIter::GetItem {
                        obj: v.clone(),
                        index: 0,
                    })
                } else {
                    return Err(not_iterable(v));
                }
            }
            _ => return Err(not_iterable(v)),
        };
        Ok(Value::Iter(Arc::new(it)))
    }

    /// `next(it)`: `Ok(None)` when exhausted.
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        match it {
            Value::Iter(obj) => self.iter_next(obj),
            Value::Instance(_) | Value::Native(_) => {
                if let Value::Native(n) = it
                    && let Some(r) = n.next_item(self)
                {
                    return r;
                }
                match self.lookup_special(it, "__next__") {
                    Some(m) => match self.call(&m, std::slice::from_ref(it), &[]) {
                        Ok(v) => Ok(Some(v)),
                        Err(e) if e.matches(&types().stop_iteration) => Ok(None),
                        Err(e) => Err(e),
                    },
                    None => Err(not_an_iterator(it)),
                }
            }
            other => Err(not_an_iterator(other)),
        }
    }

    #[inline]
    pub fn iter_next(&mut self, obj: &IterObj) -> PyResult<Option<Value>> {
        match obj {
            IterObj::Range { next, stop, step } => {
                let cur = next.load(std::sync::atomic::Ordering::Relaxed);
                if (*step > 0 && cur < *stop) || (*step < 0 && cur > *stop) {
                    // Past i64's end is past `stop`: the iteration ends there, never wraps.
                    next.store(
                        cur.checked_add(*step).unwrap_or(*stop),
                        std::sync::atomic::Ordering::Relaxed,
                    );
                    Ok(Some(Value::Int(cur)))
                } else {
                    Ok(None)
                }
            }
            IterObj::List { .. } | IterObj::Tuple { .. } => Ok(obj.next_item().flatten()),
            IterObj::Seq(m) => {
                // Cheap cases are answered under the lock; those that call Python code take
                // what they need out of it first.
                let mut st = m.lock();
                match &mut *st {
                    SeqIter::Reversed { list, index } => {
                        if *index == 0 {
                            return Ok(None);
                        }
                        *index -= 1;
                        Ok(list.get(*index).cloned())
                    }
                    SeqIter::Str { s, pos } => {
                        let text = s.as_str();
                        match text[*pos..].chars().next() {
                            Some(c) => {
                                *pos += c.len_utf8();
                                let mut buf = [0u8; 4];
                                Ok(Some(Value::str(c.encode_utf8(&mut buf))))
                            }
                            None => Ok(None),
                        }
                    }
                    SeqIter::Values { items, index } => {
                        let item = items.get(*index).cloned();
                        *index += 1;
                        Ok(item)
                    }
                    SeqIter::Dict {
                        dict,
                        index,
                        len,
                        kind,
                    } => {
                        if dict.len() != *len {
                            *len = usize::MAX;
                            return Err(exc::runtime_error(
                                "dictionary changed size during iteration",
                            ));
                        }
                        let Some((k, v)) = dict.entry_at(*index) else {
                            return Ok(None);
                        };
                        *index += 1;
                        Ok(Some(match kind {
                            0 => k,
                            1 => v,
                            _ => Value::tuple(vec![k, v]),
                        }))
                    }
                    SeqIter::Exhausted => Ok(None),
                    SeqIter::Enumerate { inner, count } => {
                        let inner = inner.clone();
                        let n = count.clone();
                        *count += 1;
                        drop(st);
                        Ok(self
                            .next(&inner)?
                            .map(|v| Value::tuple(vec![Value::from_bigint(n), v])))
                    }
                    SeqIter::Zip { inners, strict } => {
                        let (inners, strict) = (inners.clone(), *strict);
                        drop(st);
                        let mut out = Vec::with_capacity(inners.len());
                        for (i, it) in inners.iter().enumerate() {
                            match self.next(it)? {
                                Some(v) => out.push(v),
                                None if strict => return self.zip_strict_end(&inners, i),
                                None => return Ok(None),
                            }
                        }
                        if inners.is_empty() {
                            return Ok(None);
                        }
                        Ok(Some(Value::tuple(out)))
                    }
                    SeqIter::Map { func, inners } => {
                        let (func, inners) = (func.clone(), inners.clone());
                        drop(st);
                        let mut args = Vec::with_capacity(inners.len());
                        for it in &inners {
                            match self.next(it)? {
                                Some(v) => args.push(v),
                                None => return Ok(None),
                            }
                        }
                        Ok(Some(self.call(&func, &args, &[])?))
                    }
                    SeqIter::Filter { func, inner } => {
                        let (func, inner) = (func.clone(), inner.clone());
                        drop(st);
                        while let Some(v) = self.next(&inner)? {
                            let keep = if func.is_none() {
                                self.truthy(&v)?
                            } else {
                                let r = self.call1(&func, v.clone())?;
                                self.truthy(&r)?
                            };
                            if keep {
                                return Ok(Some(v));
                            }
                        }
                        Ok(None)
                    }
                    SeqIter::Callable { func, sentinel } => {
                        let (func, sentinel) = (func.clone(), sentinel.clone());
                        drop(st);
                        let v = self.call0(&func)?;
                        if self.eq(&v, &sentinel)? {
                            *m.lock() = SeqIter::Exhausted;
                            Ok(None)
                        } else {
                            Ok(Some(v))
                        }
                    }
                    SeqIter::GetItem { obj, index } => {
                        let (obj, i) = (obj.clone(), *index);
                        *index += 1;
                        drop(st);
                        match self.getitem(&obj, &Value::Int(i)) {
                            Ok(v) => Ok(Some(v)),
                            Err(e)
                                if e.matches(&types().index_error)
                                    || e.matches(&types().stop_iteration) =>
                            {
                                *m.lock() = SeqIter::Exhausted;
                                Ok(None)
                            }
                            Err(e) => Err(e),
                        }
                    }
                }
            }
        }
    }

    /// All the items of an iterable.
    pub fn collect(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        match v {
            Value::List(l) => Ok(l.snapshot()),
            Value::Tuple(t) => Ok(t.0.clone()),
            Value::Range(r) => {
                let n = r.len_usize();
                check_alloc(n, 1)?;
                Ok((0..n).map(|i| Value::Int(r.item(i))).collect())
            }
            _ => {
                let it = self.get_iter(v)?;
                let mut out = Vec::new();
                while let Some(x) = self.next(&it)? {
                    out.push(x);
                }
                Ok(out)
            }
        }
    }

    // ----- containers --------------------------------------------------------------------

    pub fn len(&mut self, v: &Value) -> PyResult<usize> {
        Ok(match v {
            Value::Str(s) => s.char_len(),
            Value::List(l) => l.len(),
            Value::Tuple(t) => t.0.len(),
            Value::Dict(d) => d.len(),
            Value::Set(s) => s.len(),
            // A length is a Py_ssize_t, as in CPython: at most `i64::MAX`.
            Value::Range(r) => r.len().to_i64().map(|n| n as usize).ok_or_else(|| {
                exc::overflow_error("Python int too large to convert to C ssize_t")
            })?,
            _ => match self.call_special(v, "__len__", &[])? {
                Some(r) => {
                    let n = self.to_index(&r)?;
                    if n < 0 {
                        return Err(exc::value_error("__len__() should return >= 0"));
                    }
                    n as usize
                }
                None => {
                    return Err(exc::type_error(format!(
                        "object of type '{}' has no len()",
                        v.type_name()
                    )));
                }
            },
        })
    }
}

impl Vm {
    /// `zip(strict=True)` found iterable `i` exhausted: the end is clean only if it is the
    /// first and every other one ends there too (CPython's messages, `bltinmodule.c`).
    #[cold]
    fn zip_strict_end(&mut self, inners: &[Value], i: usize) -> PyResult<Option<Value>> {
        let plural = |i: usize| {
            if i == 1 {
                " ".to_string()
            } else {
                "s 1-".to_string()
            }
        };
        if i > 0 {
            return Err(exc::value_error(format!(
                "zip() argument {} is shorter than argument{}{}",
                i + 1,
                plural(i),
                i
            )));
        }
        for (j, it) in inners.iter().enumerate().skip(1) {
            if self.next(it)?.is_some() {
                return Err(exc::value_error(format!(
                    "zip() argument {} is longer than argument{}{}",
                    j + 1,
                    plural(j),
                    j
                )));
            }
        }
        Ok(None)
    }
}
