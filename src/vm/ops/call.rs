//! Calls: any callable with positional and keyword arguments, special-method calls,
//! calling a class.

use super::*;

/// `__init__`, interned once: a class call finds it through the thread's lookup cache.
static INIT: std::sync::LazyLock<Arc<PyStr>> =
    std::sync::LazyLock::new(|| crate::vm::object::value::intern("__init__"));

impl Vm {
    // ----- calls -------------------------------------------------------------------------

    /// Calls any callable with positional and keyword arguments.
    pub fn call(&mut self, f: &Value, args: &[Value], kwargs: &KwArgs) -> PyResult<Value> {
        match f {
            Value::Function(func) => self.call_function(func, args, kwargs),
            Value::Builtin(b) => {
                if let Some(Value::Instance(i)) = args.first()
                    && i.base().is_some()
                    && b.owner.is_some()
                {
                    return self.call_builtin_on_base(b, args, kwargs);
                }
                (b.func)(self, args, kwargs)
            }
            Value::Method(m) => self.call_with_self(&m.func, &m.self_, args, kwargs),
            Value::Class(cls) => match &cls.metaclass {
                // A metaclass's own `__call__` (`Color(1)` in an enum) runs instead of
                // `type.__call__`.
                Some(meta) => match meta.lookup_user("__call__") {
                    Some(m) => self.call_with_self(&m, f, args, kwargs),
                    None => self.call_class(cls, args, kwargs),
                },
                None => self.call_class(cls, args, kwargs),
            },
            // An instance's or a native object's class says how (`__call__`).
            Value::Instance(_) | Value::Native(_) => match self.lookup_special(f, "__call__") {
                Some(m) => self.call_with_self(&m, f, args, kwargs),
                None => Err(not_callable(f)),
            },
            other => Err(not_callable(other)),
        }
    }

    /// Calls `f` with `self_` then `args` (a bound method's call, `__init__` of a new
    /// instance). A plain Python function gets its frame straight from the arguments, `self_`
    /// borrowed where the function allows: no argument vector, no count moved for `self_`.
    #[inline]
    pub fn call_with_self(
        &mut self,
        f: &Value,
        self_: &Value,
        args: &[Value],
        kwargs: &KwArgs,
    ) -> PyResult<Value> {
        if let Value::Function(func) = f
            && kwargs.is_empty()
            && crate::vm::frame::is_simple_call(func, args.len() + 1)
        {
            // SAFETY: `self_` is borrowed from the caller for the whole of this call, and
            // the frame ends (run, then recycled) before `run_call_frame` returns.
            let frame = unsafe {
                self.frame_pool
                    .bound_call_frame(func, self_, args.iter().cloned())
            };
            return self.run_call_frame(frame);
        }
        self.call(f, &with_self(self_.clone(), args), kwargs)
    }

    pub fn call0(&mut self, f: &Value) -> PyResult<Value> {
        self.call(f, &[], &[])
    }

    pub fn call1(&mut self, f: &Value, a: Value) -> PyResult<Value> {
        self.call(f, &[a], &[])
    }

    /// Calls `obj.name(*args)` (a method looked up on the object's class).
    pub fn call_method(&mut self, obj: &Value, name: &str, args: &[Value]) -> PyResult<Value> {
        let m = self.getattr(obj, name)?;
        self.call(&m, args, &[])
    }

    /// Looks a special method up on the type (not the instance), as CPython does for dunders.
    pub fn lookup_special(&self, obj: &Value, name: &str) -> Option<Value> {
        match obj {
            Value::Instance(i) => i.class.lookup(name),
            Value::Native(n) => n.class().lookup(name),
            Value::Bytes(_) => types().bytes.lookup(name),
            // A class's special methods come from its metaclass (`len(Color)`); `type`'s
            // own are not looked for here (built-in behaviour answers for those).
            Value::Class(c) => c.metaclass.as_ref()?.lookup_user(name),
            _ => None,
        }
    }

    /// A built-in type's own method called on an instance of a subclass (`Stack.append`,
    /// `super().__init__(…)`): it runs on the built-in value the instance carries, as CPython's
    /// methods see the base's struct at the start of a subclass instance. Methods of other
    /// types (`object`'s) keep the instance.
    #[inline(never)]
    fn call_builtin_on_base(
        &mut self,
        b: &crate::vm::object::BuiltinFunction,
        args: &[Value],
        kwargs: &KwArgs,
    ) -> PyResult<Value> {
        if let Some(base) = args.first().map(|a| a.builtin_base())
            && b.owner
                == Some(
                    crate::vm::object::registry::builtin_type_of(base)
                        .name
                        .as_str(),
                )
        {
            let mut all = args.to_vec();
            all[0] = base.clone();
            return (b.func)(self, &all, kwargs);
        }
        (b.func)(self, args, kwargs)
    }

    /// Calls a special method found on the type with `obj` as self.
    pub fn call_special(
        &mut self,
        obj: &Value,
        name: &str,
        args: &[Value],
    ) -> PyResult<Option<Value>> {
        match self.lookup_special(obj, name) {
            Some(m) => Ok(Some(self.call_with_self(&m, obj, args, &[])?)),
            None => Ok(None),
        }
    }

    /// The binary-operator protocol: `a.name(b)`, then the reflected `b.rname(a)`; the first
    /// result that is not `NotImplemented`, or `None`.
    #[inline]
    pub(crate) fn call_binary_dunders(
        &mut self,
        a: &Value,
        b: &Value,
        name: &str,
        rname: &str,
    ) -> PyResult<Option<Value>> {
        if let Some(r) = self.call_special(a, name, std::slice::from_ref(b))?
            && !is_not_implemented(&r)
        {
            return Ok(Some(r));
        }
        if let Some(r) = self.call_special(b, rname, std::slice::from_ref(a))?
            && !is_not_implemented(&r)
        {
            return Ok(Some(r));
        }
        Ok(None)
    }

    /// `type.__call__(cls, *args, **kwargs)`: `__new__`, then `__init__` if `__new__` gave an
    /// instance of `cls`.
    pub(crate) fn call_class(
        &mut self,
        cls: &Arc<Class>,
        args: &[Value],
        kwargs: &KwArgs,
    ) -> PyResult<Value> {
        if cls.kind == ClassKind::Builtin {
            let Some(ctor) = cls.constructor else {
                return Err(exc::type_error(format!(
                    "cannot create '{}' instances",
                    cls.name
                )));
            };
            return ctor(self, &with_self(Value::Class(cls.clone()), args), kwargs);
        }
        if cls.has_flag(class_flags::NEW) {
            return self.call_class_new(cls, args, kwargs);
        }
        // A user class: the nearest built-in base decides what kind of object is made.
        self.init_instance(Value::new_instance(cls.clone()), args, kwargs)
    }

    /// The rest of [`Vm::call_class`] for a user class without its own `__new__`: `inst` is
    /// the new instance, whose class (which it keeps alive) is the one called.
    pub(crate) fn init_instance(
        &mut self,
        inst: Arc<Instance>,
        args: &[Value],
        kwargs: &KwArgs,
    ) -> PyResult<Value> {
        if let Some(st) = inst.exc() {
            // BaseException.__new__ keeps the arguments even if __init__ does not call super().
            *st.args.lock() = args.to_vec();
            if inst
                .class
                .is_subclass_of(&crate::vm::object::registry::types().base_exception_group)
            {
                crate::vm::types::exceptions::init_user_group(self, &inst, args)?;
            }
        }
        let obj = Value::Instance(inst);
        // The class, borrowed from the instance (which `obj` holds until the end).
        let Value::Instance(inst) = &obj else {
            unreachable!("made from an instance just above")
        };
        let cls = &inst.class;
        // A plain `__init__` found in this thread's lookup cache runs on a frame made from
        // the cache's own reference (no count raised and dropped around the call: two atomic
        // read-modify-writes per object made, 4% of `benches/cycles.py`). The frame holds
        // the code and globals it needs, so the function may leave the cache meanwhile; `obj`
        // stays in this function's local until the frame has ended, as `method_call_frame`
        // requires of its receiver.
        if kwargs.is_empty()
            && let Some(frame) = self.frame_pool.method_call_frame(
                cls,
                cls.mro_versions(),
                &INIT,
                &obj,
                args.len() + 1,
                args.iter().cloned(),
            )
        {
            let r = self.run_call_frame(frame)?;
            if !r.is_none() {
                return Err(init_returned(&r));
            }
            return Ok(obj);
        }
        match self.class_attr(cls, &INIT) {
            Some(init) => {
                let r = self.call_with_self(&init, &obj, args, kwargs)?;
                if !r.is_none() {
                    return Err(init_returned(&r));
                }
            }
            None => {
                if !args.is_empty() || !kwargs.is_empty() {
                    return Err(exc::type_error(format!(
                        "{}() takes no arguments",
                        cls.name
                    )));
                }
            }
        }
        Ok(obj)
    }

    /// [`Vm::call_class`] for a class with its own `__new__` (or a metaclass, whose `__new__`
    /// is `type.__new__` at least).
    #[inline(never)]
    fn call_class_new(
        &mut self,
        cls: &Arc<Class>,
        args: &[Value],
        kwargs: &KwArgs,
    ) -> PyResult<Value> {
        let cls_value = Value::Class(cls.clone());
        let new = cls.lookup("__new__").unwrap_or(Value::None);
        let new = crate::vm::types::function::unwrap_staticmethod(&new).unwrap_or(new);
        let mut all = with_self(cls_value, args);
        let obj = self.call(&new, &all, kwargs)?;
        if !self.isinstance(&obj, cls) {
            return Ok(obj);
        }
        let init_cls = crate::vm::object::registry::type_of(&obj);
        if let Some(init) = init_cls.lookup("__init__") {
            // `object.__init__` with arguments complains only when `__new__` is not overridden.
            if !crate::vm::object::registry::is_object_method(&Some(init.clone()), "__init__") {
                all[0] = obj.clone();
                let r = self.call(&init, &all, kwargs)?;
                if !r.is_none() {
                    return Err(init_returned(&r));
                }
            }
        }
        Ok(obj)
    }
}

#[cold]
fn init_returned(r: &Value) -> PyErr {
    exc::type_error(format!(
        "__init__() should return None, not '{}'",
        r.type_name()
    ))
}

#[cold]
fn not_callable(f: &Value) -> PyErr {
    exc::type_error(format!("'{}' object is not callable", f.type_name()))
}

/// `args` after a first argument (`self`, or the class for `__new__`), as a bound call passes
/// them.
#[inline]
pub(crate) fn with_self(first: Value, args: &[Value]) -> Vec<Value> {
    let mut all = Vec::with_capacity(args.len() + 1);
    all.push(first);
    all.extend_from_slice(args);
    all
}
