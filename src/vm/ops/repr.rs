//! Truth, `repr` and `str` of any value.

use super::*;
use crate::vm::types::object::default_object_repr;

impl Vm {
    // ----- truth, repr, str --------------------------------------------------------------

    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        if let Some(b) = v.fast_truth() {
            return Ok(b);
        }
        if let Some(r) = self.call_special(v, "__bool__", &[])? {
            return match r {
                Value::Bool(b) => Ok(b),
                other => Err(exc::type_error(format!(
                    "__bool__ should return bool, returned {}",
                    other.type_name()
                ))),
            };
        }
        if self.lookup_special(v, "__len__").is_some() {
            return Ok(self.len(v)? != 0);
        }
        Ok(true)
    }

    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        Ok(match v {
            Value::None => "None".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Int(i) => i.to_string(),
            Value::BigInt(b) => bigint_to_string(b)?,
            Value::Float(x) => float_repr(*x),
            Value::Str(s) => str_repr(s.as_str()),
            Value::Bytes(b) => crate::bytecode::constant::bytes_repr(b.data()),
            Value::List(l) => {
                let items = l.snapshot();
                self.repr_seq(v, "[", "]", &items, false)?
            }
            Value::Tuple(t) => self.repr_seq(v, "(", ")", &t.0, true)?,
            Value::Dict(d) => {
                if d.is_empty() {
                    return Ok("{}".into());
                }
                if !self.repr_enter(v) {
                    return Ok("{...}".into());
                }
                let r = (|| -> PyResult<String> {
                    let mut out = String::from("{");
                    for (i, (k, val)) in d.items().iter().enumerate() {
                        if i > 0 {
                            out.push_str(", ");
                        }
                        out.push_str(&self.repr(k)?);
                        out.push_str(": ");
                        out.push_str(&self.repr(val)?);
                    }
                    out.push('}');
                    Ok(out)
                })();
                self.repr_leave();
                r?
            }
            Value::Set(s) => {
                let items = s.snapshot();
                if items.is_empty() {
                    return Ok(if s.frozen { "frozenset()" } else { "set()" }.into());
                }
                let inner = self.repr_seq(v, "{", "}", &items, false)?;
                if s.frozen {
                    format!("frozenset({})", inner)
                } else {
                    inner
                }
            }
            Value::Function(f) => format!("<function {} at {:#x}>", f.qualname.lock(), v.id()),
            Value::Builtin(b) => match b.owner {
                Some(owner) => format!("<method '{}' of '{}' objects>", b.name, owner),
                None => format!("<built-in function {}>", b.name),
            },
            Value::Method(m) => match &m.func {
                Value::Builtin(b) => format!(
                    "<built-in method {} of {} object at {:#x}>",
                    b.name,
                    m.self_.type_name(),
                    m.self_.id()
                ),
                Value::Function(f) => {
                    let self_repr = self.repr(&m.self_)?;
                    format!("<bound method {} of {}>", f.qualname.lock(), self_repr)
                }
                other => format!("<bound method of {}>", self.repr(other)?),
            },
            Value::Class(c) => match self.lookup_special(v, "__repr__") {
                // A metaclass's `__repr__`.
                Some(m) => {
                    self.check_stack()?;
                    match self.call(&m, std::slice::from_ref(v), &[])? {
                        Value::Str(s) => s.as_str().to_string(),
                        other => {
                            return Err(exc::type_error(format!(
                                "__repr__ returned non-string (type {})",
                                other.type_name()
                            )));
                        }
                    }
                }
                None => c.repr(),
            },
            Value::Module(m) => {
                if m.dict.get_str("__file__").is_some() {
                    let file = m
                        .dict
                        .get_str("__file__")
                        .map(|f| self.to_str(&f))
                        .transpose()?
                        .unwrap_or_default();
                    format!("<module '{}' from '{}'>", m.name, file)
                } else {
                    format!("<module '{}' (built-in)>", m.name)
                }
            }
            Value::Range(r) => {
                if r.step == 1 {
                    format!("range({}, {})", r.start, r.stop)
                } else {
                    format!("range({}, {}, {})", r.start, r.stop, r.step)
                }
            }
            Value::Slice(s) => {
                format!(
                    "slice({}, {}, {})",
                    self.repr(&s.start)?,
                    self.repr(&s.stop)?,
                    self.repr(&s.step)?
                )
            }
            Value::Code(c) => c.repr(),
            Value::Cell(_) => format!("<cell at {:#x}>", v.id()),
            Value::Iter(_) => format!("<{} object at {:#x}>", v.type_name(), v.id()),
            Value::Instance(_) | Value::Native(_) => {
                if v.is(&NOT_IMPLEMENTED) {
                    return Ok("NotImplemented".into());
                }
                if v.is(&ELLIPSIS) {
                    return Ok("Ellipsis".into());
                }
                let cls = type_of(v);
                match cls.lookup("__repr__") {
                    Some(m) => {
                        self.check_stack()?;
                        let r = self.call(&m, std::slice::from_ref(v), &[])?;
                        match r {
                            Value::Str(s) => s.as_str().to_string(),
                            other => {
                                return Err(exc::type_error(format!(
                                    "__repr__ returned non-string (type {})",
                                    other.type_name()
                                )));
                            }
                        }
                    }
                    None => default_object_repr(v),
                }
            }
            Value::Null => "<NULL>".into(),
        })
    }

    pub(super) fn repr_enter(&mut self, v: &Value) -> bool {
        let id = v.id();
        if self.repr_guard.contains(&id) {
            return false;
        }
        self.repr_guard.push(id);
        true
    }

    pub(super) fn repr_leave(&mut self) {
        self.repr_guard.pop();
    }

    pub(super) fn repr_seq(
        &mut self,
        v: &Value,
        open: &str,
        close: &str,
        items: &[Value],
        tuple: bool,
    ) -> PyResult<String> {
        if !self.repr_enter(v) {
            return Ok(format!("{}...{}", open, close));
        }
        self.check_stack().inspect_err(|_| self.repr_leave())?;
        let r = (|| {
            let mut out = String::from(open);
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                out.push_str(&self.repr(item)?);
            }
            if tuple && items.len() == 1 {
                out.push(',');
            }
            out.push_str(close);
            Ok(out)
        })();
        self.repr_leave();
        r
    }

    /// `str(v)`.
    pub fn to_str(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::Str(s) => Ok(s.as_str().to_string()),
            Value::Instance(_) | Value::Native(_) => {
                let m = type_of(v).lookup("__str__");
                self.str_by(m, v)
            }
            // A metaclass's `__str__`, else the class's repr (its metaclass's `__repr__`).
            Value::Class(c) if c.metaclass.is_some() => {
                let m = self.lookup_special(v, "__str__");
                self.str_by(m, v)
            }
            _ => self.repr(v),
        }
    }

    /// `str(v)` by the `__str__` found for it (its result must be a str), or by its repr when
    /// there is none.
    fn str_by(&mut self, method: Option<Value>, v: &Value) -> PyResult<String> {
        match method {
            Some(m) => match self.call(&m, std::slice::from_ref(v), &[])? {
                Value::Str(s) => Ok(s.as_str().to_string()),
                other => Err(exc::type_error(format!(
                    "__str__ returned non-string (type {})",
                    other.type_name()
                ))),
            },
            None => self.repr(v),
        }
    }

    /// `str(v)` as a value, reusing the string itself when `v` is already one.
    pub fn to_str_value(&mut self, v: &Value) -> PyResult<Value> {
        match v {
            Value::Str(_) => Ok(v.clone()),
            _ => Ok(Value::string(self.to_str(v)?)),
        }
    }
}
