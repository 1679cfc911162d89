//! Comparison and hashing: `==`, `<`, …, `hash(a)`.

use super::*;

/// Exact comparison of an int with a float (CPython never rounds the int).
pub(super) fn cmp_int_float(i: &BigInt, f: f64) -> Option<Ordering> {
    if f.is_nan() {
        return None;
    }
    if f.is_infinite() {
        return Some(if f > 0.0 {
            Ordering::Less
        } else {
            Ordering::Greater
        });
    }
    let fl = f.floor();
    let fb = BigInt::from_f64(fl)?;
    match i.cmp(&fb) {
        Ordering::Equal => {
            if f > fl {
                Some(Ordering::Less)
            } else {
                Some(Ordering::Equal)
            }
        }
        o => Some(o),
    }
}

/// Compares two numbers; `None` when either is not a number, `Some(None)` for NaN.
pub(super) fn numeric_cmp(a: &Value, b: &Value) -> Option<Option<Ordering>> {
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(Some(x.cmp(y))),
        (Value::Float(x), Value::Float(y)) => Some(x.partial_cmp(y)),
        _ => {
            let (na, nb) = (to_num(a)?, to_num(b)?);
            Some(match (na, nb) {
                (Num::Int(x), Num::Int(y)) => Some(x.cmp(&y)),
                (Num::Float(x), Num::Float(y)) => x.partial_cmp(&y),
                (Num::Int(x), Num::Float(y)) => cmp_int_float(&x, y),
                (Num::Float(x), Num::Int(y)) => cmp_int_float(&y, x).map(Ordering::reverse),
            })
        }
    }
}

impl Vm {
    // ----- comparison --------------------------------------------------------------------

    pub fn compare(&mut self, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
        Ok(Value::Bool(match op {
            CompareOp::Eq => return self.rich_eq(a, b, false),
            CompareOp::Ne => return self.rich_eq(a, b, true),
            CompareOp::Is => a.is(b),
            CompareOp::IsNot => !a.is(b),
            CompareOp::In => self.contains(b, a)?,
            CompareOp::NotIn => !self.contains(b, a)?,
            CompareOp::Lt | CompareOp::Le | CompareOp::Gt | CompareOp::Ge => {
                return self.rich_order(a, b, op);
            }
        }))
    }

    /// `a == b` as a bool.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => Ok(x == y),
            (Value::Str(x), Value::Str(y)) => Ok(Arc::ptr_eq(x, y) || x.as_str() == y.as_str()),
            _ => {
                let r = self.rich_eq(a, b, false)?;
                self.truthy(&r)
            }
        }
    }

    pub(super) fn rich_eq(&mut self, a: &Value, b: &Value, negate: bool) -> PyResult<Value> {
        let r = self.eq_inner(a, b, negate)?;
        Ok(match r {
            EqResult::Bool(x) => Value::Bool(x != negate),
            EqResult::Value(v) => v,
        })
    }

    pub(super) fn eq_inner(&mut self, a: &Value, b: &Value, negate: bool) -> PyResult<EqResult> {
        if let Some(c) = numeric_cmp(a, b) {
            return Ok(EqResult::Bool(c == Some(Ordering::Equal)));
        }
        Ok(EqResult::Bool(match (a, b) {
            (Value::Str(x), Value::Str(y)) => x.as_str() == y.as_str(),
            (Value::List(x), Value::List(y)) => {
                if Arc::ptr_eq(x, y) {
                    true
                } else {
                    let (xs, ys) = (x.snapshot(), y.snapshot());
                    self.seq_eq(&xs, &ys)?
                }
            }
            (Value::Tuple(x), Value::Tuple(y)) => self.seq_eq(&x.0, &y.0)?,
            (Value::Dict(x), Value::Dict(y)) => {
                if x.len() != y.len() {
                    false
                } else {
                    let mut all = true;
                    for (k, v) in x.items() {
                        let key = self.hash_key(&k)?;
                        match self.dict_get(y, &key)? {
                            Some(v2) => {
                                if !self.eq(&v, &v2)? {
                                    all = false;
                                    break;
                                }
                            }
                            None => {
                                all = false;
                                break;
                            }
                        }
                    }
                    all
                }
            }
            (Value::Set(x), Value::Set(y)) => {
                let xs = x.items.lock().clone();
                if Arc::ptr_eq(x, y) {
                    true
                } else if xs.holds_user_eq() || y.items.lock().holds_user_eq() {
                    let ys = y.items.lock().clone();
                    let ys = self.canonical_set(&xs, ys)?;
                    xs.len() == ys.len() && xs.is_subset(&ys)
                } else {
                    x.eq_set(y)
                }
            }
            (Value::Range(x), Value::Range(y)) => {
                let (lx, ly) = (x.len(), y.len());
                lx == ly
                    && (lx.is_zero()
                        || (x.start == y.start && (lx == BigInt::from(1) || x.step == y.step)))
            }
            (Value::Bytes(x), Value::Bytes(y)) => x.data() == y.data(),
            (Value::Instance(_) | Value::Native(_) | Value::Bytes(_), _)
            | (_, Value::Instance(_) | Value::Native(_) | Value::Bytes(_)) => {
                let (name, rname) = if negate {
                    ("__ne__", "__ne__")
                } else {
                    ("__eq__", "__eq__")
                };
                if let Some(r) = self.call_binary_dunders(a, b, name, rname)? {
                    return Ok(EqResult::Value(r));
                }
                let op = if negate { CompareOp::Ne } else { CompareOp::Eq };
                if let Some(r) = self.plain_slot_against_subclass(a, b, op)? {
                    return Ok(EqResult::Value(r));
                }
                if negate {
                    // `!=` falls back to the inverse of `__eq__`.
                    if let Some(r) = self.call_special(a, "__eq__", std::slice::from_ref(b))?
                        && !is_not_implemented(&r)
                    {
                        let t = self.truthy(&r)?;
                        return Ok(EqResult::Bool(t));
                    }
                }
                a.is(b)
            }
            // CPython 3.8+'s `meth_richcompare`: the same `__self__`, equal `__func__`.
            (Value::Method(x), Value::Method(y)) => {
                x.self_.is(&y.self_) && self.eq(&x.func, &y.func)?
            }
            _ => a.is(b),
        }))
    }

    /// The comparison slot of a plain built-in value, which `call_binary_dunders` does not
    /// look for, when the other operand is an instance of a subclass of a built-in type whose
    /// own methods answered `NotImplemented`: CPython's slot compares that instance as the
    /// value it carries (`{"a": 1} == Counter(a=1)` is `dict.__eq__`'s answer). Tried after
    /// the instance's method, as CPython tries a subclass's reflected method first.
    #[cold]
    fn plain_slot_against_subclass(
        &mut self,
        a: &Value,
        b: &Value,
        op: CompareOp,
    ) -> PyResult<Option<Value>> {
        let plain =
            |v: &Value| !matches!(v, Value::Instance(_) | Value::Native(_) | Value::Class(_));
        let reflected = match op {
            CompareOp::Lt => CompareOp::Gt,
            CompareOp::Le => CompareOp::Ge,
            CompareOp::Gt => CompareOp::Lt,
            CompareOp::Ge => CompareOp::Le,
            other => other,
        };
        // The operands as CPython's slot sees them: a subclass of the other's type goes first
        // with the reflected operation, as `do_richcompare` does.
        let (x, y, op) = if plain(a) && b.carries_base() {
            let base = b.builtin_base();
            if base.type_name() == a.type_name() {
                (base, a, reflected)
            } else {
                (a, base, op)
            }
        } else if a.carries_base() && plain(b) {
            (a.builtin_base(), b, op)
        } else {
            return Ok(None);
        };
        match self.compare(x, y, op) {
            // The two built-in values do not compare: the caller's error names the subclass.
            // A TypeError from inside (an item's `__lt__`) is the comparison's own answer.
            Err(e)
                if e.matches(&types().type_error)
                    && e.args()
                        .first()
                        .and_then(|m| m.as_str().map(str::to_string))
                        == Some(format!(
                            "'{}' not supported between instances of '{}' and '{}'",
                            op.symbol(),
                            x.type_name(),
                            y.type_name()
                        )) =>
            {
                Ok(None)
            }
            r => r.map(Some),
        }
    }

    /// Two sequences are equal: the same length, and each pair of items identical or equal
    /// (`PyObject_RichCompareBool`'s identity shortcut, as lists, tuples and deques compare).
    pub(crate) fn seq_eq(&mut self, xs: &[Value], ys: &[Value]) -> PyResult<bool> {
        if xs.len() != ys.len() {
            return Ok(false);
        }
        for (x, y) in xs.iter().zip(ys) {
            if !x.is(y) && !self.eq(x, y)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    pub(super) fn rich_order(&mut self, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
        if let Some(c) = numeric_cmp(a, b) {
            return Ok(Value::Bool(ord_matches(c, op)));
        }
        match (a, b) {
            (Value::Str(x), Value::Str(y)) => {
                return Ok(Value::Bool(ord_matches(
                    Some(x.as_str().cmp(y.as_str())),
                    op,
                )));
            }
            (Value::List(x), Value::List(y)) => {
                let (xs, ys) = (x.snapshot(), y.snapshot());
                return self.seq_order(&xs, &ys, op);
            }
            (Value::Tuple(x), Value::Tuple(y)) => return self.seq_order(&x.0, &y.0, op),
            (Value::Set(x), Value::Set(y)) => {
                // One lock at a time: `s <= s` takes the same lock twice, and two threads
                // comparing `a <= b` and `b <= a` would take two in opposite orders.
                let xs = x.items.lock().clone();
                let ys = y.items.lock().clone();
                let ys = self.canonical_set(&xs, ys)?;
                return Ok(Value::Bool(match op {
                    CompareOp::Le => xs.is_subset(&ys),
                    CompareOp::Lt => xs.len() < ys.len() && xs.is_subset(&ys),
                    CompareOp::Ge => xs.is_superset(&ys),
                    _ => xs.len() > ys.len() && xs.is_superset(&ys),
                }));
            }
            _ => {}
        }
        let (name, rname) = match op {
            CompareOp::Lt => ("__lt__", "__gt__"),
            CompareOp::Le => ("__le__", "__ge__"),
            CompareOp::Gt => ("__gt__", "__lt__"),
            _ => ("__ge__", "__le__"),
        };
        if let Some(r) = self.call_binary_dunders(a, b, name, rname)? {
            return Ok(r);
        }
        if let Some(r) = self.plain_slot_against_subclass(a, b, op)? {
            return Ok(r);
        }
        Err(exc::type_error(format!(
            "'{}' not supported between instances of '{}' and '{}'",
            op.symbol(),
            a.type_name(),
            b.type_name()
        )))
    }

    pub(crate) fn seq_order(
        &mut self,
        xs: &[Value],
        ys: &[Value],
        op: CompareOp,
    ) -> PyResult<Value> {
        for (x, y) in xs.iter().zip(ys) {
            if !x.is(y) && !self.eq(x, y)? {
                return self.rich_order(x, y, op);
            }
        }
        Ok(Value::Bool(ord_matches(Some(xs.len().cmp(&ys.len())), op)))
    }

    /// `a < b` as a bool (sorting, min, max).
    pub fn lt(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let Some(lt) = pure_lt(a, b) {
            return Ok(lt);
        }
        let r = self.rich_order(a, b, CompareOp::Lt)?;
        self.truthy(&r)
    }

    /// `a > b` as a bool (max).
    pub fn gt(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let (Value::Int(x), Value::Int(y)) = (a, b) {
            return Ok(x > y);
        }
        let r = self.rich_order(a, b, CompareOp::Gt)?;
        self.truthy(&r)
    }

    // ----- hashing -----------------------------------------------------------------------

    /// A dict/set key for `v`, or TypeError for unhashable values.
    #[inline]
    pub fn hash_key(&mut self, v: &Value) -> PyResult<HashKey> {
        match v {
            Value::Instance(_) | Value::Tuple(_) | Value::Native(_) => self.hash_key_slow(v),
            _ => self_hash_key(v),
        }
    }

    /// [`Vm::hash_key`] of the values whose hash may run user code.
    #[inline(never)]
    fn hash_key_slow(&mut self, v: &Value) -> PyResult<HashKey> {
        if let Value::Instance(inst) = v
            && let Some(h) = inst.class.lookup("__hash__")
        {
            if h.is_none() {
                return Err(exc::type_error(format!(
                    "unhashable type: '{}'",
                    inst.class.tp_name()
                )));
            }
            let r = self.call(&h, std::slice::from_ref(v), &[])?;
            // CPython hashes what `__hash__` returned (an int, maybe huge or a bool), and
            // keeps -1 for errors.
            let hv = match r {
                Value::Int(-1) => -2,
                Value::Int(i) => i,
                Value::Bool(b) => b as i64,
                Value::BigInt(b) => crate::vm::object::value::hash_bigint(&b),
                other => {
                    return Err(exc::type_error(format!(
                        "__hash__ method should return an integer, not {}",
                        other.type_name()
                    )));
                }
            };
            return Ok(HashKey {
                value: v.clone(),
                hash: hv,
            });
        }
        if let Value::Tuple(t) = v
            && t.0.iter().any(hashes_by_code)
        {
            let mut h = super::TupleHash::new();
            for item in t.0.iter() {
                h.add(self.hash_key(item)?.hash);
            }
            return Ok(HashKey {
                value: v.clone(),
                hash: h.finish(t.0.len()),
            });
        }
        if let Value::Native(n) = v
            && let Some(h) = n.class().dict.get_str("__hash__")
        {
            if h.is_none() {
                // A native mutable container (`collections.deque`) opts out, as in CPython.
                return Err(exc::type_error(format!(
                    "unhashable type: '{}'",
                    n.type_name()
                )));
            }
            // One whose equality is not identity (`int | str`) hashes to match it.
            if let Value::Int(hash) = self.call(&h, std::slice::from_ref(v), &[])? {
                return Ok(HashKey {
                    value: v.clone(),
                    hash,
                });
            }
        }
        self_hash_key(v)
    }
}

/// Whether hashing `v` may call a user's `__hash__` (an instance, or a tuple holding one).
fn hashes_by_code(v: &Value) -> bool {
    match v {
        Value::Instance(_) => true,
        Value::Tuple(t) => t.0.iter().any(hashes_by_code),
        _ => false,
    }
}

pub(super) enum EqResult {
    Bool(bool),
    Value(Value),
}

pub(super) fn ord_matches(c: Option<Ordering>, op: CompareOp) -> bool {
    match c {
        None => false,
        Some(c) => match op {
            CompareOp::Lt => c == Ordering::Less,
            CompareOp::Le => c != Ordering::Greater,
            CompareOp::Gt => c == Ordering::Greater,
            CompareOp::Ge => c != Ordering::Less,
            CompareOp::Eq => c == Ordering::Equal,
            CompareOp::Ne => c != Ordering::Equal,
            _ => false,
        },
    }
}
