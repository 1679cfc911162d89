//! Attributes: `getattr`, `setattr`, `delattr`, binding of methods and descriptors.

use super::*;
use crate::vm::object::class_flags;
use crate::vm::object::registry::is_object_method;
use crate::vm::object::registry::metaclass_of;
use crate::vm::types::list::sort_values;
use crate::vm::types::object::dir_names;

impl Vm {
    // ----- attributes --------------------------------------------------------------------

    pub fn getattr(&mut self, obj: &Value, name: &str) -> PyResult<Value> {
        match self.getattr_opt(obj, name) {
            Ok(Some(v)) => Ok(v),
            Ok(None) => Err(exc::with_attribute_context(
                self.attribute_error(obj, name),
                obj,
                name,
            )),
            Err(e) => Err(exc::with_attribute_context(e, obj, name)),
        }
    }

    #[cold]
    pub fn attribute_error(&self, obj: &Value, name: &str) -> PyErr {
        match obj {
            Value::Module(m) => {
                exc::attribute_error(format!("module '{}' has no attribute '{}'", m.name, name))
            }
            Value::Class(c) => exc::attribute_error(format!(
                "type object '{}' has no attribute '{}'",
                c.name, name
            )),
            other => exc::attribute_error(format!(
                "'{}' object has no attribute '{}'",
                other.type_name(),
                name
            )),
        }
    }

    /// `getattr(obj, name)`, with `Ok(None)` where CPython would raise AttributeError.
    pub fn getattr_opt(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        match obj {
            Value::Instance(inst) => {
                if inst.class.has_flag(class_flags::GETATTRIBUTE) {
                    return self.getattribute_hook(obj, inst, name);
                }
                if let Some(v) = self.generic_getattr(obj, inst, name)? {
                    return Ok(Some(v));
                }
                self.getattr_hook(obj, inst, name)
            }
            Value::Class(cls) => {
                // A metaclass that overrides `__getattribute__` (its bit, as for instances):
                // `type(cls).__getattribute__(cls, name)`.
                if let Some(meta) = &cls.metaclass
                    && meta.has_flag(class_flags::GETATTRIBUTE)
                {
                    return self.meta_getattribute_hook(obj, cls, meta, name);
                }
                self.class_getattr(obj, cls, name, true)
            }
            Value::Module(m) => match m.dict.get_str(name) {
                Some(v) => Ok(Some(v)),
                None if name == "__dict__" => Ok(Some(Value::Dict(m.dict.clone()))),
                None => match m.lazy_attr.get() {
                    Some(make) => make(self, m, name),
                    None => Ok(None),
                },
            },
            Value::Function(f) => {
                if let Some(v) = f.attrs.get_str(name) {
                    return Ok(Some(v));
                }
                Ok(match name {
                    "__name__" => Some(Value::str(&f.name.lock())),
                    "__qualname__" => Some(Value::str(&f.qualname.lock())),
                    "__module__" => Some(f.globals.get_str("__name__").unwrap_or(Value::None)),
                    // The compiler puts a function's docstring (or None) first in its
                    // constants, as CPython does; a lambda has none.
                    "__doc__" => Some(match f.code.consts.first() {
                        Some(d @ Value::Str(_)) if f.code.name != "<lambda>" => d.clone(),
                        _ => Value::None,
                    }),
                    "__code__" => Some(Value::Code(f.code.clone())),
                    "__globals__" => Some(Value::Dict(f.globals.clone())),
                    "__defaults__" => Some({
                        let defaults = f.defaults.lock();
                        if defaults.is_empty() {
                            Value::None
                        } else {
                            Value::tuple(defaults.clone())
                        }
                    }),
                    "__kwdefaults__" => Some(if f.kwdefaults.lock().is_empty() {
                        Value::None
                    } else {
                        let d = Dict::new();
                        let kw = f.kwdefaults.lock().clone();
                        for (name, v) in &kw {
                            d.set_str(name, v.clone());
                        }
                        Value::dict(d)
                    }),
                    "__closure__" => Some(if f.closure.is_empty() {
                        Value::None
                    } else {
                        Value::tuple(f.closure.iter().cloned().map(Value::Cell).collect())
                    }),
                    "__annotations__" => {
                        let mut slot = f.annotations.lock();
                        Some(slot.get_or_insert_with(|| Value::dict(Dict::new())).clone())
                    }
                    "__dict__" => Some(Value::dict(f.attrs.copy())),
                    "__class__" => Some(Value::Class(types().function.clone())),
                    // The `function` type's own methods, bound (`f.__get__`).
                    _ => types()
                        .function
                        .dict
                        .get_str(name)
                        .map(|m| Value::method(m, Value::Function(f.clone()))),
                })
            }
            Value::Builtin(b) => Ok(match name {
                "__name__" => Some(Value::str(b.name)),
                "__qualname__" => Some(match b.owner {
                    Some(owner) => Value::str(&format!("{owner}.{}", b.name)),
                    None => Value::str(b.name),
                }),
                "__text_signature__" => {
                    Some(super::text_signature::of_builtin(self, b).map_or(Value::None, Value::str))
                }
                // Known for the `builtins` module's own functions only (see `of_builtin`).
                "__module__" if super::text_signature::is_builtins_own(self, b) => {
                    Some(Value::str("builtins"))
                }
                "__doc__" => Some(Value::None),
                "__class__" => Some(Value::Class(types().builtin_function.clone())),
                _ => types()
                    .builtin_function
                    .dict
                    .get_str(name)
                    .map(|m| Value::method(m, obj.clone())),
            }),
            Value::Method(m) => Ok(match name {
                "__self__" => Some(m.self_.clone()),
                "__func__" => Some(m.func.clone()),
                "__class__" => Some(Value::Class(type_of(obj))),
                "__call__" => types()
                    .method
                    .dict
                    .get_str(name)
                    .map(|c| Value::method(c, obj.clone())),
                _ => self.getattr_opt(&m.func.clone(), name)?,
            }),
            Value::Code(c) => Ok(match name {
                "co_name" => Some(Value::str(&c.name)),
                "co_filename" => Some(Value::str(&c.filename)),
                "co_firstlineno" => Some(Value::Int(c.firstlineno as i64)),
                "co_argcount" => Some(Value::Int(c.argcount as i64)),
                "co_varnames" => Some(Value::tuple(
                    c.varnames.iter().map(|s| Value::str(s)).collect(),
                )),
                "co_names" => Some(Value::tuple(
                    c.names.iter().map(|s| Value::str(s)).collect(),
                )),
                "co_consts" => Some(Value::tuple(c.consts.to_vec())),
                "co_qualname" => Some(Value::str(&c.qualname)),
                "co_posonlyargcount" => Some(Value::Int(c.posonlyargcount as i64)),
                "co_kwonlyargcount" => Some(Value::Int(c.kwonlyargcount as i64)),
                // CPython 3.11's flags: CO_NOFREE (kept for `dis`, which prints 3.8's) is gone.
                "co_flags" => Some(Value::Int(i64::from(
                    c.flags & !crate::bytecode::code_flags::NOFREE,
                ))),
                "co_nlocals" => Some(Value::Int(c.nlocals() as i64)),
                "co_freevars" => Some(Value::tuple(
                    c.freevars.iter().map(|s| Value::str(s)).collect(),
                )),
                "co_cellvars" => Some(Value::tuple(
                    c.cellvars.iter().map(|s| Value::str(s)).collect(),
                )),
                _ => None,
            }),
            Value::Cell(c) => Ok(match name {
                "cell_contents" => match c.get() {
                    Some(v) => Some(v),
                    None => return Err(exc::value_error("Cell is empty")),
                },
                _ => None,
            }),
            Value::Range(r) => Ok(match name {
                "start" => Some(Value::Int(r.start)),
                "stop" => Some(Value::Int(r.stop)),
                "step" => Some(Value::Int(r.step)),
                _ => self.builtin_attr(obj, name)?,
            }),
            Value::Slice(s) => Ok(match name {
                "start" => Some(s.start.clone()),
                "stop" => Some(s.stop.clone()),
                "step" => Some(s.step.clone()),
                _ => self.builtin_attr(obj, name)?,
            }),
            Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => Ok(match name {
                "real" | "numerator" => Some(match obj {
                    Value::Bool(b) => Value::Int(*b as i64),
                    o => o.clone(),
                }),
                "imag" => Some(Value::Int(0)),
                "denominator" => Some(Value::Int(1)),
                _ => self.builtin_attr(obj, name)?,
            }),
            Value::Float(x) => Ok(match name {
                "real" => Some(Value::Float(*x)),
                "imag" => Some(Value::Float(0.0)),
                _ => self.builtin_attr(obj, name)?,
            }),
            Value::Native(n) => {
                let n = n.clone();
                if let Some(r) = n.getattr(self, name) {
                    return r.map(Some);
                }
                self.builtin_attr(obj, name)
            }
            _ => self.builtin_attr(obj, name),
        }
    }

    /// Attribute of a built-in value: a method from its class, bound to it, or `__class__`.
    pub(super) fn builtin_attr(&mut self, obj: &Value, name: &str) -> PyResult<Option<Value>> {
        let cls = type_of(obj);
        if let Some(v) = cls.lookup(name) {
            return Ok(Some(self.bind(v, obj, &cls)?));
        }
        Ok(match name {
            "__class__" => Some(Value::Class(cls)),
            _ => None,
        })
    }

    /// Binds a class attribute found for `obj`: functions become bound methods.
    pub(crate) fn bind(&mut self, v: Value, obj: &Value, cls: &Arc<Class>) -> PyResult<Value> {
        Ok(match v {
            Value::Function(_) | Value::Builtin(_) => Value::method(v, obj.clone()),
            Value::Native(ref n) => match n.type_name() {
                "staticmethod" => crate::vm::types::function::unwrap_staticmethod(&v).unwrap_or(v),
                "classmethod" => {
                    crate::vm::types::function::unwrap_classmethod(&v, &Value::Class(cls.clone()))
                        .unwrap_or(v)
                }
                "property" => return crate::vm::types::function::property_get(self, &v, obj),
                _ => v,
            },
            // A descriptor written in Python: `__get__(obj, type)`.
            Value::Instance(ref d) => match d.class.lookup("__get__") {
                Some(g) => {
                    return self.call(
                        &g,
                        &[v.clone(), obj.clone(), Value::Class(cls.clone())],
                        &[],
                    );
                }
                None => v,
            },
            v => v,
        })
    }

    pub fn setattr(&mut self, obj: &Value, name: &str, value: Value) -> PyResult<()> {
        match obj {
            Value::Instance(inst) => {
                if inst.class.has_flag(class_flags::SETATTR)
                    && let Some(h) = inst.class.lookup("__setattr__")
                    && !is_object_method(&Some(h.clone()), "__setattr__")
                {
                    self.call(&h, &[obj.clone(), Value::str(name), value], &[])?;
                    return Ok(());
                }
                self.generic_setattr(obj, inst, name, value)
            }
            Value::Class(cls) => {
                // A metaclass's `__setattr__` (an enum refusing to rebind its members).
                if let Some(meta) = &cls.metaclass
                    && let Some(h) = meta.lookup_user("__setattr__")
                {
                    self.call(&h, &[obj.clone(), Value::str(name), value], &[])?;
                    return Ok(());
                }
                cls.set_attr(name, value)
            }
            Value::Module(m) => {
                m.dict.set_str(name, value);
                Ok(())
            }
            Value::Function(f) => {
                match name {
                    "__name__" | "__qualname__"
                        if !matches!(value.builtin_base(), Value::Str(_)) =>
                    {
                        return Err(exc::type_error(format!(
                            "{name} must be set to a string object"
                        )));
                    }
                    "__name__" => *f.name.lock() = Arc::from(self.to_str(&value)?.as_str()),
                    "__qualname__" => *f.qualname.lock() = Arc::from(self.to_str(&value)?.as_str()),
                    "__annotations__" => *f.annotations.lock() = Some(value),
                    // CPython's `func_set_defaults` and `func_set_kwdefaults`.
                    "__defaults__" => {
                        *f.defaults.lock() = match value {
                            Value::None => Vec::new(),
                            Value::Tuple(t) => t.0.clone(),
                            _ => {
                                return Err(exc::type_error(
                                    "__defaults__ must be set to a tuple object",
                                ));
                            }
                        }
                    }
                    "__kwdefaults__" => {
                        *f.kwdefaults.lock() = match value {
                            Value::None => Vec::new(),
                            Value::Dict(d) => d
                                .items()
                                .into_iter()
                                .filter_map(|(k, v)| k.as_str().map(|s| (Arc::from(s), v)))
                                .collect(),
                            _ => {
                                return Err(exc::type_error(
                                    "__kwdefaults__ must be set to a dict object",
                                ));
                            }
                        }
                    }
                    _ => f.attrs.set_str(name, value),
                }
                Ok(())
            }
            Value::Native(n) => {
                let n = n.clone();
                match n.setattr(self, name, value) {
                    Some(r) => r,
                    None => Err(self.attribute_error(obj, name)),
                }
            }
            other => Err(self.read_only_attribute(other, name)),
        }
    }

    /// Why `obj.name = v` (or `del obj.name`) fails on a built-in value without a `__dict__`,
    /// in the words of CPython's `PyObject_GenericSetAttr`: a method of its type is
    /// read-only, an attribute the value computes (`(1).real`, a getset descriptor in
    /// CPython) is not writable, and anything else does not exist.
    #[cold]
    fn read_only_attribute(&mut self, obj: &Value, name: &str) -> PyErr {
        let ty = obj.type_name();
        if crate::vm::object::registry::type_of(obj)
            .lookup(name)
            .is_some()
        {
            exc::attribute_error(format!("'{ty}' object attribute '{name}' is read-only"))
        } else if self.getattr(obj, name).is_ok() {
            // CPython names the type that defines the descriptor: bool's are int's.
            let owner = if matches!(obj, Value::Bool(_)) {
                "int"
            } else {
                &ty
            };
            exc::attribute_error(format!(
                "attribute '{name}' of '{owner}' objects is not writable"
            ))
        } else {
            exc::attribute_error(format!("'{ty}' object has no attribute '{name}'"))
        }
    }

    /// `object.__setattr__(inst, name, value)`: a data descriptor's setter, exception
    /// state, a slot, or the instance dict; never the class's `__setattr__` hook.
    pub fn generic_setattr(
        &mut self,
        obj: &Value,
        inst: &Arc<Instance>,
        name: &str,
        value: Value,
    ) -> PyResult<()> {
        if name == "__class__" {
            return Err(exc::type_error(format!(
                "gilvm cannot reassign the __class__ of a '{}' object",
                inst.class.name
            )));
        }
        if Arc::ptr_eq(&inst.class, &crate::vm::object::registry::types().object) {
            // `object()` has no `__dict__`.
            return Err(self.read_only_attribute(obj, name));
        }
        let found = inst.class.lookup(name);
        if let Some(p) = &found
            && crate::vm::object::is_property(p)
        {
            return crate::vm::types::function::property_set(self, p, obj, value);
        }
        if let Some(d @ Value::Instance(di)) = &found
            && let Some(set) = di.class.lookup("__set__")
        {
            self.call(&set, &[d.clone(), obj.clone(), value], &[])?;
            return Ok(());
        }
        if name == "__dict__"
            && inst.class.flags() & (class_flags::SLOTTED | class_flags::MEMBERS) == 0
        {
            // `obj.__dict__ = d`: `d` itself holds the attributes from now on.
            let Value::Dict(d) = value.builtin_base() else {
                return Err(exc::type_error(format!(
                    "__dict__ must be set to a dictionary, not a '{}'",
                    value.type_name()
                )));
            };
            inst.replace_dict(d.clone());
            return Ok(());
        }
        if let Some(st) = inst.exc() {
            match name {
                "__cause__" => {
                    *st.cause.lock() = Some(value);
                    st.suppress_context
                        .store(true, std::sync::atomic::Ordering::Relaxed);
                    return Ok(());
                }
                "__context__" => {
                    *st.context.lock() = Some(value);
                    return Ok(());
                }
                "__traceback__" => {
                    return crate::vm::types::exceptions::set_traceback(st, &value);
                }
                "args" => {
                    *st.args.lock() = self.collect(&value)?;
                    return Ok(());
                }
                _ => {}
            }
        }
        if inst.class.has_flag(class_flags::SLOTTED)
            && !found
                .as_ref()
                .is_some_and(crate::vm::types::function::is_member)
        {
            return Err(self.attribute_error(obj, name));
        }
        inst.set_attr(name, value);
        Ok(())
    }

    pub fn delattr(&mut self, obj: &Value, name: &str) -> PyResult<()> {
        if let Value::Instance(inst) = obj {
            if inst.class.has_flag(class_flags::DELATTR)
                && let Some(h) = inst.class.lookup("__delattr__")
                && !is_object_method(&Some(h.clone()), "__delattr__")
            {
                self.call(&h, &[obj.clone(), Value::str(name)], &[])?;
                return Ok(());
            }
            return self.generic_delattr(obj, inst, name);
        }
        if let Value::Class(cls) = obj
            && let Some(meta) = &cls.metaclass
            && let Some(h) = meta.lookup_user("__delattr__")
        {
            self.call(&h, &[obj.clone(), Value::str(name)], &[])?;
            return Ok(());
        }
        self.delattr_plain(obj, name)
    }

    /// `delattr` past the hooks: what `type.__delattr__` does for a class.
    pub fn delattr_plain(&mut self, obj: &Value, name: &str) -> PyResult<()> {
        let removed = match obj {
            Value::Class(cls) if cls.kind == ClassKind::User => cls.dict.remove_str(name).is_some(),
            Value::Module(m) => m.dict.remove_str(name).is_some(),
            Value::Function(f) => f.attrs.remove_str(name).is_some(),
            Value::Native(n) => crate::vm::types::function::wrapper_delattr(&***n, name),
            Value::Class(_) | Value::Instance(_) => false,
            other => return Err(self.read_only_attribute(other, name)),
        };
        if removed {
            Ok(())
        } else {
            Err(self.attribute_error(obj, name))
        }
    }

    /// `object.__delattr__(inst, name)`: a property's deleter, else the instance dict (a
    /// slot included); never the class's `__delattr__` hook.
    pub fn generic_delattr(
        &mut self,
        obj: &Value,
        inst: &Arc<Instance>,
        name: &str,
    ) -> PyResult<()> {
        if Arc::ptr_eq(&inst.class, &crate::vm::object::registry::types().object) {
            // `object()` has no `__dict__`.
            return Err(self.read_only_attribute(obj, name));
        }
        // `del obj.x` where `x` is a property calls its deleter, as `delattr()` does.
        let found = inst.class.lookup(name);
        if let Some(p) = &found
            && crate::vm::object::is_property(p)
        {
            return crate::vm::types::function::property_delete(self, p, obj);
        }
        if let Some(d @ Value::Instance(di)) = &found
            && let Some(del) = di.class.lookup("__delete__")
        {
            self.call(&del, &[d.clone(), obj.clone()], &[])?;
            return Ok(());
        }
        if name == "__dict__"
            && inst.class.flags() & (class_flags::SLOTTED | class_flags::MEMBERS) == 0
        {
            // CPython drops the dict; the next `obj.__dict__` is a new, empty one.
            if let Value::Dict(d) = Value::dict(Dict::new()) {
                inst.replace_dict(d);
            }
            return Ok(());
        }
        if inst.remove_attr(name).is_some() {
            return Ok(());
        }
        if found
            .as_ref()
            .is_some_and(crate::vm::types::function::is_member)
        {
            return Err(exc::attribute_error(name.to_string()));
        }
        Err(self.attribute_error(obj, name))
    }

    /// `object.__getattribute__(inst, name)`: the instance dict, then the class's attributes
    /// (bound), then exception state and `__class__`/`__dict__`; `Ok(None)` when absent
    /// (`__getattr__` is the caller's business).
    pub fn generic_getattr(
        &mut self,
        obj: &Value,
        inst: &Arc<Instance>,
        name: &str,
    ) -> PyResult<Option<Value>> {
        // A data descriptor on the class (a property, an instance whose class defines
        // `__set__` or `__delete__`) comes before the instance's own value, as in CPython's
        // `PyObject_GenericGetAttr`.
        // The class's answer, when it had to be asked first; looked up once either way.
        let mut on_class = None;
        if inst.class.may_have_descriptors() {
            let found = inst.class.lookup(name);
            if let Some(v) = &found
                && crate::vm::object::is_data_descriptor(v)
            {
                return Ok(Some(self.bind(v.clone(), obj, &inst.class)?));
            }
            on_class = Some(found);
        }
        if let Some(v) = inst.attr(name) {
            return Ok(Some(v));
        }
        if let Some(v) = on_class.unwrap_or_else(|| inst.class.lookup(name)) {
            // An unset slot.
            if crate::vm::types::function::is_member(&v) {
                return Ok(None);
            }
            return Ok(Some(self.bind(v, obj, &inst.class)?));
        }
        if let Some(st) = inst.exc() {
            match name {
                "args" => return Ok(Some(Value::tuple(st.args.lock().clone()))),
                "__context__" => {
                    return Ok(Some(st.context.lock().clone().unwrap_or(Value::None)));
                }
                "__cause__" => {
                    return Ok(Some(st.cause.lock().clone().unwrap_or(Value::None)));
                }
                "__suppress_context__" => {
                    return Ok(Some(Value::Bool(st.suppress_context())));
                }
                "__traceback__" => {
                    return Ok(Some(crate::vm::types::exceptions::get_traceback(st)));
                }
                _ => {}
            }
        }
        Ok(match name {
            "__class__" => Some(Value::Class(inst.class.clone())),
            "__dict__" => self.instance_dict(inst),
            // The attributes a built-in value answers outside its class dict (`int.real`).
            _ => match inst.base() {
                Some(base) => self.getattr_opt(base, name)?,
                None => None,
            },
        })
    }

    /// `inst.__dict__`: the instance's own dict (writes through it set attributes), none for
    /// a slotted instance. When a class of the MRO has slots, whose values gilvm keeps in the
    /// same dict, a copy without them (so writes to it are not seen: a known difference).
    pub fn instance_dict(&mut self, inst: &Arc<Instance>) -> Option<Value> {
        let flags = inst.class.flags();
        if flags & class_flags::SLOTTED != 0 {
            return None;
        }
        if flags & class_flags::MEMBERS == 0 {
            return Some(inst.shared_dict());
        }
        let d = Dict::new();
        for (k, v) in inst.attr_items() {
            if let Value::Str(name) = &k
                && !inst
                    .class
                    .lookup(name.as_str())
                    .is_some_and(|v| crate::vm::types::function::is_member(&v))
            {
                d.insert(HashKey::str(name), v);
            }
        }
        Some(Value::dict(d))
    }

    /// After a miss: the class's `__getattr__`, if it has one.
    fn getattr_hook(
        &mut self,
        obj: &Value,
        inst: &Arc<Instance>,
        name: &str,
    ) -> PyResult<Option<Value>> {
        match inst.class.lookup("__getattr__") {
            Some(ga) => self
                .call(&ga, &[obj.clone(), Value::str(name)], &[])
                .map(Some),
            None => Ok(None),
        }
    }

    /// `cls.name` as `type.__getattribute__` finds it: the class's MRO (descriptors bound
    /// to the class), its own attributes, then the metaclass's; the metaclass's `__getattr__`
    /// after that when `with_getattr` (`type.__getattribute__` itself does not call it).
    /// Inlined into `getattr_opt`, the hot caller (a call here cost 25 instructions per
    /// `Cls.attr`); the others use [`Vm::class_getattr_outlined`].
    #[inline(always)]
    pub(crate) fn class_getattr(
        &mut self,
        obj: &Value,
        cls: &Arc<Class>,
        name: &str,
        with_getattr: bool,
    ) -> PyResult<Option<Value>> {
        if let Some(v) = cls.lookup(name) {
            return Ok(Some(match v {
                // classmethod wrappers bind to the class itself
                Value::Native(ref n) if n.type_name() == "classmethod" => {
                    crate::vm::types::function::unwrap_classmethod(&v, obj).unwrap_or(v)
                }
                Value::Native(ref n) if n.type_name() == "staticmethod" => {
                    crate::vm::types::function::unwrap_staticmethod(&v).unwrap_or(v)
                }
                Value::Instance(ref d) => match d.class.lookup("__get__") {
                    Some(g) => self.call(&g, &[v.clone(), Value::None, obj.clone()], &[])?,
                    None => v,
                },
                v => v,
            }));
        }
        Ok(match name {
            "__name__" => Some(Value::str(&cls.name)),
            "__qualname__" => Some(Value::str(&cls.qualname)),
            "__module__" => Some(Value::str(&cls.module)),
            "__base__" => Some(cls.base.clone().map_or(Value::None, Value::Class)),
            "__bases__" => Some(Value::tuple(
                cls.bases.iter().cloned().map(Value::Class).collect(),
            )),
            "__mro__" => Some(Value::tuple(cls.mro().cloned().map(Value::Class).collect())),
            "__dict__" => Some(Value::dict(cls.dict.copy())),
            "__class__" => Some(Value::Class(metaclass_of(cls))),
            "__doc__" => Some(Value::None),
            "__text_signature__" => {
                Some(super::text_signature::of_class(self, cls).map_or(Value::None, Value::str))
            }
            // What the metaclass (`type` at least) defines: `mro`, an enum's
            // `__members__`, a metaclass's methods, bound to the class.
            _ => {
                let meta = metaclass_of(cls);
                match meta.lookup(name) {
                    Some(v) => Some(self.bind(v, obj, &meta)?),
                    None if !with_getattr => None,
                    None => match meta.lookup_user("__getattr__") {
                        Some(ga) => Some(self.call(&ga, &[obj.clone(), Value::str(name)], &[])?),
                        None => None,
                    },
                }
            }
        })
    }

    /// [`Vm::class_getattr`] out of line, for the callers off the hot path.
    #[inline(never)]
    pub(crate) fn class_getattr_outlined(
        &mut self,
        obj: &Value,
        cls: &Arc<Class>,
        name: &str,
        with_getattr: bool,
    ) -> PyResult<Option<Value>> {
        self.class_getattr(obj, cls, name, with_getattr)
    }

    /// `cls.name` when the metaclass overrides `__getattribute__`: it, then the metaclass's
    /// `__getattr__` if it raised AttributeError (CPython's `slot_tp_getattr_hook`).
    #[inline(never)]
    fn meta_getattribute_hook(
        &mut self,
        obj: &Value,
        cls: &Arc<Class>,
        meta: &Arc<Class>,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let Some(h) = meta.lookup_user("__getattribute__") else {
            return self.class_getattr_outlined(obj, cls, name, true);
        };
        match self.call(&h, &[obj.clone(), Value::str(name)], &[]) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.matches(&types().attribute_error) => {
                match meta.lookup_user("__getattr__") {
                    Some(ga) => self
                        .call(&ga, &[obj.clone(), Value::str(name)], &[])
                        .map(Some),
                    None => Err(e),
                }
            }
            Err(e) => Err(e),
        }
    }

    /// `obj.name` for a class that overrides `__getattribute__`: it, then `__getattr__` if
    /// it raised AttributeError.
    #[inline(never)]
    fn getattribute_hook(
        &mut self,
        obj: &Value,
        inst: &Arc<Instance>,
        name: &str,
    ) -> PyResult<Option<Value>> {
        let h = inst.class.lookup("__getattribute__");
        if is_object_method(&h, "__getattribute__") || h.is_none() {
            if let Some(v) = self.generic_getattr(obj, inst, name)? {
                return Ok(Some(v));
            }
            return self.getattr_hook(obj, inst, name);
        }
        let h = h.unwrap_or(Value::None);
        match self.call(&h, &[obj.clone(), Value::str(name)], &[]) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.matches(&types().attribute_error) => {
                match inst.class.lookup("__getattr__") {
                    Some(ga) => self
                        .call(&ga, &[obj.clone(), Value::str(name)], &[])
                        .map(Some),
                    None => Err(e),
                }
            }
            Err(e) => Err(e),
        }
    }
}

impl Vm {
    /// `dir(x)` (CPython's `PyObject_Dir`): an instance's own `__dir__`, sorted, if its class
    /// defines one; else the names of its dict, its class's and their bases'.
    pub fn dir(&mut self, x: &Value) -> PyResult<Value> {
        if let Value::Instance(inst) = x
            && let Some(m) = inst.class.lookup("__dir__")
            && !is_object_method(&Some(m.clone()), "__dir__")
        {
            let r = self.call(&m, std::slice::from_ref(x), &[])?;
            let mut items = self.collect(&r)?;
            sort_values(self, &mut items, None, false)?;
            return Ok(Value::list(items));
        }
        Ok(Value::list(dir_names(x)))
    }
}
