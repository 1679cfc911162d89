//! The slower halves of some instructions, out of the dispatch loop: `raise`, `await`,
//! `match` patterns (mapping keys, class patterns) and unpacking.

use std::sync::Arc;
use std::sync::atomic::Ordering;

use crate::vm::Vm;
use crate::vm::eval::*;
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::value::{PyStr, Value};
use crate::vm::object::{Dict, PyResult};

/// `__enter__` and `__exit__`, interned once (`with` finds them through the lookup cache).
static ENTER: std::sync::LazyLock<Arc<PyStr>> =
    std::sync::LazyLock::new(|| crate::vm::object::value::intern("__enter__"));
static EXIT: std::sync::LazyLock<Arc<PyStr>> =
    std::sync::LazyLock::new(|| crate::vm::object::value::intern("__exit__"));

impl Vm {
    /// `with` (`async`: `async with`): the manager's `__enter__` and `__exit__` (`__aenter__`,
    /// `__aexit__`), or CPython 3.11's `BEFORE_WITH` error, which names a missing exit.
    #[cold]
    pub(crate) fn context_methods(
        &mut self,
        mgr: &Value,
        is_async: bool,
    ) -> PyResult<(Value, Value)> {
        let (enter, exit, kind) = if is_async {
            ("__aenter__", "__aexit__", "asynchronous context manager")
        } else {
            ("__enter__", "__exit__", "context manager")
        };
        let no_protocol = |missed: &str| {
            exc::type_error(format!(
                "'{}' object does not support the {kind} protocol{missed}",
                mgr.type_name()
            ))
        };
        if !is_async && let Value::Instance(inst) = mgr {
            // CPython's BEFORE_WITH looks both methods up on the type
            // (`_PyObject_LookupSpecial`: the instance's own attributes and `__getattr__` are
            // not asked), here through the thread's lookup cache.
            let cls = inst.class.clone();
            let enter = self
                .class_attr(&cls, &ENTER)
                .ok_or_else(|| no_protocol(""))?;
            let exit = self
                .class_attr(&cls, &EXIT)
                .ok_or_else(|| no_protocol(" (missed __exit__ method)"))?;
            return Ok((self.bind(enter, mgr, &cls)?, self.bind(exit, mgr, &cls)?));
        }
        let enter = self
            .getattr_opt(mgr, enter)?
            .ok_or_else(|| no_protocol(""))?;
        let exit = self
            .getattr_opt(mgr, exit)?
            .ok_or_else(|| no_protocol(&format!(" (missed {exit} method)")))?;
        Ok((enter, exit))
    }

    /// How CPython 3.11 names a function in a call's error (`_PyObject_FunctionStr`):
    /// `module.qualname()`, without the module for built-ins.
    #[cold]
    pub(crate) fn function_str(&mut self, f: &Value) -> String {
        match f {
            Value::Builtin(b) => {
                return match b.owner {
                    Some(owner) => format!("{owner}.{}()", b.name),
                    None => format!("{}()", b.name),
                };
            }
            Value::Method(m) if matches!(m.func, Value::Builtin(_)) => {
                let func = m.func.clone();
                return self.function_str(&func);
            }
            _ => {}
        }
        let qualname = match self.getattr_opt(f, "__qualname__") {
            Ok(Some(Value::Str(s))) => s.as_str().to_string(),
            _ => return self.to_str(f).unwrap_or_default(),
        };
        match self.getattr_opt(f, "__module__") {
            Ok(Some(Value::Str(m))) if m.as_str() != "builtins" => {
                format!("{}.{qualname}()", m.as_str())
            }
            _ => format!("{qualname}()"),
        }
    }

    /// `*x` where `x` is not iterable: CPython 3.11 says so naming the function called
    /// (`f(*x)`, CALL_FUNCTION_EX) or not (`f(a, *x)`, `[*x]`, LIST_EXTEND). Other errors,
    /// raised while iterating, pass through.
    #[cold]
    pub(crate) fn not_iterable_after_star(
        &mut self,
        e: PyErr,
        v: &Value,
        call: Option<&Value>,
    ) -> PyErr {
        let plain = format!("'{}' object is not iterable", v.type_name());
        if !e.matches(&crate::vm::object::registry::types().type_error)
            || e.args()
                .first()
                .and_then(|m| m.as_str().map(|s| s == plain))
                != Some(true)
        {
            return e;
        }
        match call {
            Some(f) => exc::type_error(format!(
                "{} argument after * must be an iterable, not {}",
                self.function_str(f),
                v.type_name()
            )),
            None => exc::type_error(format!(
                "Value after * must be an iterable, not {}",
                v.type_name()
            )),
        }
    }

    /// `from module import name` when the module has no `name` (CPython 3.11's `import_from`):
    /// a submodule in `sys.modules` will do; otherwise an ImportError that says where the
    /// module came from, and whether it is still running its body (a circular import).
    #[cold]
    pub(crate) fn cannot_import(&mut self, module: &Value, name: &str) -> PyErr {
        let pkgname = match module {
            Value::Module(m) => m.dict.get_str("__name__"),
            _ => None,
        };
        let pkgname = match pkgname {
            Some(Value::Str(s)) => Some(s.as_str().to_string()),
            _ => None,
        };
        let shown = pkgname
            .clone()
            .unwrap_or_else(|| "<unknown module name>".into());
        let file = match module {
            Value::Module(m) => match m.dict.get_str("__file__") {
                // The embedded modules stand in for CPython's, whose files are elsewhere.
                Some(Value::Str(f)) if !f.as_str().starts_with('<') => Some(f.as_str().to_string()),
                _ => None,
            },
            _ => None,
        };
        let q = crate::bytecode::constant::str_repr;
        let (msg, path) = match file {
            None => (
                format!(
                    "cannot import name {} from {} (unknown location)",
                    q(name),
                    q(&shown)
                ),
                None,
            ),
            Some(file) => {
                let partial = pkgname
                    .as_ref()
                    .is_some_and(|p| self.interp.initializing.lock().iter().any(|n| n == p));
                let msg = if partial {
                    format!(
                        "cannot import name {} from partially initialized module {} (most likely \
                         due to a circular import) ({file})",
                        q(name),
                        q(&shown)
                    )
                } else {
                    format!("cannot import name {} from {} ({file})", q(name), q(&shown))
                };
                (msg, Some(Value::str(&file)))
            }
        };
        let e = exc::import_error(msg);
        if let Some(st) = e.exc.exc() {
            st.set_field("name", pkgname.map(|p| Value::str(&p)));
            st.set_field("path", path);
        }
        e
    }

    /// `RAISE_VARARGS`: builds the exception to raise.
    pub(crate) fn do_raise(&mut self, stack: &mut Vec<Value>, n: u32) -> PyResult<PyErr> {
        match n {
            0 => match self.exc_info.last() {
                Some(e) => {
                    self.reraising = true;
                    to_pyerr(e)
                }
                None => Ok(exc::runtime_error("No active exception to reraise")),
            },
            1 => {
                let e = pop!(stack);
                self.make_exception(&e)
            }
            _ => {
                let cause = pop!(stack);
                let e = pop!(stack);
                let err = self.make_exception(&e)?;
                let cause = match cause {
                    Value::None => None,
                    other => Some(self.make_exception(&other).map_err(|_| {
                        exc::type_error("exception causes must derive from BaseException")
                    })?),
                };
                if let Some(st) = err.exc.exc() {
                    *st.cause.lock() = cause.map(|c| c.value());
                    st.suppress_context.store(true, Ordering::Relaxed);
                }
                Ok(err)
            }
        }
    }

    /// `except*`'s match (CPython's `exception_group_match`): of `rest` (None once all is
    /// handled), the part matching `typ` and what is left; None when nothing matches. A
    /// matching naked exception is wrapped in an `ExceptionGroup("", (exc,))` with no
    /// traceback (CPython 3.11 gives it none; 3.12 gives it the frame).
    pub(crate) fn eg_match(
        &mut self,
        rest: &Value,
        typ: &Value,
    ) -> PyResult<Option<(Value, Value)>> {
        use crate::vm::types::exceptions as ex;
        let t = crate::vm::object::registry::types();
        let valid = |v: &Value| matches!(v, Value::Class(c) if c.is_exception);
        let ok = match typ {
            Value::Tuple(ts) => ts.0.iter().all(valid),
            other => valid(other),
        };
        if !ok {
            return Err(exc::type_error(
                "catching classes that do not inherit from BaseException is not allowed",
            ));
        }
        let is_group =
            |v: &Value| matches!(v, Value::Class(c) if c.is_subclass_of(&t.base_exception_group));
        let is_group_type = match typ {
            Value::Tuple(ts) => ts.0.iter().any(is_group),
            other => is_group(other),
        };
        if is_group_type {
            return Err(exc::type_error(
                "catching ExceptionGroup with except* is not allowed. Use except instead.",
            ));
        }
        if rest.is_none() {
            return Ok(None);
        }
        if ex::exception_class_matches(rest, typ) {
            if crate::vm::object::exceptions::group_exceptions(rest).is_some() {
                return Ok(Some((Value::None, rest.clone())));
            }
            let eg = ex::exception_group_new(
                self,
                &[
                    Value::Class(t.base_exception_group.clone()),
                    Value::str(""),
                    Value::tuple(vec![rest.clone()]),
                ],
                &Vec::new(),
            )?;
            return Ok(Some((Value::None, eg)));
        }
        if crate::vm::object::exceptions::group_exceptions(rest).is_some() {
            let pair = self.call_method(rest, "split", std::slice::from_ref(typ))?;
            let items = self.collect(&pair)?;
            let (m, r) = match items.as_slice() {
                [m, r] => (m.clone(), r.clone()),
                _ => return Err(exc::type_error("split must return a 2-tuple")),
            };
            if m.is_none() {
                return Ok(None);
            }
            return Ok(Some((r, m)));
        }
        Ok(None)
    }

    /// `raise X`: an exception instance, or a class to instantiate without arguments.
    pub(crate) fn make_exception(&mut self, v: &Value) -> PyResult<PyErr> {
        match v {
            Value::Instance(inst) if inst.exc().is_some() => Ok(PyErr::from_instance(inst.clone())),
            Value::Class(cls) if cls.is_exception => {
                let inst = self.call0(v)?;
                match inst {
                    Value::Instance(i) if i.exc().is_some() => Ok(PyErr::from_instance(i)),
                    _ => Ok(exc::type_error("exceptions must derive from BaseException")),
                }
            }
            _ => Ok(exc::type_error("exceptions must derive from BaseException")),
        }
    }
}

impl Vm {
    /// `GET_AWAITABLE`: a coroutine is its own iterator; anything else must have an
    /// `__await__` that returns one.
    pub(crate) fn awaitable_iter(&mut self, v: Value) -> PyResult<Value> {
        if crate::vm::generator::is_coroutine(&v) {
            return Ok(v);
        }
        let Some(await_) = self.lookup_special(&v, "__await__") else {
            return Err(exc::type_error(format!(
                "object {} can't be used in 'await' expression",
                v.type_name()
            )));
        };
        let it = self.call(&await_, std::slice::from_ref(&v), &[])?;
        if crate::vm::generator::is_coroutine(&it) {
            return Err(exc::type_error("__await__() returned a coroutine"));
        }
        Ok(it)
    }
}

impl Vm {
    /// `GET_AITER`: `type(v).__aiter__(v)`, which must have an `__anext__`.
    pub(crate) fn get_aiter(&mut self, v: Value) -> PyResult<Value> {
        let Some(aiter) = self.lookup_special(&v, "__aiter__") else {
            return Err(exc::type_error(format!(
                "'async for' requires an object with __aiter__ method, got {}",
                v.type_name()
            )));
        };
        let it = self.call(&aiter, std::slice::from_ref(&v), &[])?;
        if self.lookup_special(&it, "__anext__").is_none() {
            return Err(exc::type_error(format!(
                "'async for' received an object from __aiter__ that does not implement \
                 __anext__: {}",
                it.type_name()
            )));
        }
        Ok(it)
    }

    /// `GET_ANEXT`: the awaitable of `type(it).__anext__(it)`.
    pub(crate) fn get_anext(&mut self, it: &Value) -> PyResult<Value> {
        if let Some(aw) = crate::vm::generator::agen_anext_of(it) {
            return Ok(aw);
        }
        let Some(anext) = self.lookup_special(it, "__anext__") else {
            return Err(exc::type_error(format!(
                "'async for' requires an iterator with __anext__ method, got {}",
                it.type_name()
            )));
        };
        let aw = self.call(&anext, std::slice::from_ref(it), &[])?;
        let name = aw.type_name().to_string();
        self.awaitable_iter(aw).map_err(|e| {
            if e.matches(&crate::vm::object::registry::types().type_error) {
                exc::type_error(format!(
                    "'async for' received an invalid object from __anext__: {name}"
                ))
            } else {
                e
            }
        })
    }

    /// `END_ASYNC_FOR`: whether the exception `e` ends the loop.
    pub(crate) fn is_stop_async_iteration(&self, e: &Value) -> bool {
        crate::vm::object::registry::type_of(e)
            .is_subclass_of(&crate::vm::object::registry::types().stop_async_iteration)
    }

    /// `MATCH_KEYS`: the values of `keys` in `d` as a tuple, or `None` if one is missing.
    pub(crate) fn match_keys(&mut self, d: &Dict, keys: &[Value]) -> PyResult<Value> {
        let mut values = Vec::with_capacity(keys.len());
        for k in keys {
            let hk = self.hash_key(k)?;
            match self.dict_get(d, &hk)? {
                Some(v) => values.push(v),
                None => return Ok(Value::None),
            }
        }
        Ok(Value::tuple(values))
    }

    /// `MATCH_CLASS`: the attributes a class pattern matches, or `None`.
    pub(crate) fn match_class(
        &mut self,
        subject: &Value,
        cls: &Value,
        count: usize,
        names: &Value,
    ) -> PyResult<Value> {
        let Value::Class(c) = cls else {
            return Err(exc::type_error("called match pattern must be a class"));
        };
        if !self.isinstance(subject, c) {
            return Ok(Value::None);
        }
        let mut out = Vec::new();
        if count > 0 {
            let t = crate::vm::object::registry::types();
            // These match their single positional sub-pattern against the subject itself.
            let self_matching = t.value_types().iter().any(|b| Arc::ptr_eq(b, c));
            let match_args = match c.lookup("__match_args__") {
                Some(Value::Tuple(a)) => Some(a.0.clone()),
                Some(_) => {
                    return Err(exc::type_error(format!(
                        "{}.__match_args__ must be a tuple",
                        c.name
                    )));
                }
                None => None,
            };
            match match_args {
                None if self_matching => {
                    if count > 1 {
                        return Err(exc::type_error(format!(
                            "{}() accepts 1 positional sub-pattern ({count} given)",
                            c.name
                        )));
                    }
                    out.push(subject.clone());
                }
                args => {
                    let args = args.unwrap_or_default();
                    if count > args.len() {
                        let n = args.len();
                        return Err(exc::type_error(format!(
                            "{}() accepts {n} positional sub-pattern{} ({count} given)",
                            c.name,
                            if n == 1 { "" } else { "s" }
                        )));
                    }
                    for a in &args[..count] {
                        let Value::Str(name) = a else {
                            return Err(exc::type_error(format!(
                                "__match_args__ elements must be strings (got {})",
                                a.type_name()
                            )));
                        };
                        match self.getattr_opt(subject, name.as_str())? {
                            Some(v) => out.push(v),
                            None => return Ok(Value::None),
                        }
                    }
                }
            }
        }
        if let Value::Tuple(names) = names {
            for n in names.0.iter() {
                let Value::Str(name) = n else { continue };
                match self.getattr_opt(subject, name.as_str())? {
                    Some(v) => out.push(v),
                    None => return Ok(Value::None),
                }
            }
        }
        Ok(Value::tuple(out))
    }

    /// `a, b = v`: exactly `n` items, with CPython's messages.
    pub(crate) fn unpack(&mut self, v: &Value, n: usize) -> PyResult<Vec<Value>> {
        let items = match v {
            Value::Tuple(t) => t.0.clone(),
            Value::List(l) => l.snapshot(),
            Value::Str(_)
            | Value::Dict(_)
            | Value::Set(_)
            | Value::Range(_)
            | Value::Iter(_)
            | Value::Instance(_)
            | Value::Native(_) => {
                let it = self.get_iter(v)?;
                let mut out = Vec::with_capacity(n);
                while let Some(x) = self.next(&it)? {
                    out.push(x);
                    if out.len() > n {
                        return Err(exc::value_error(format!(
                            "too many values to unpack (expected {})",
                            n
                        )));
                    }
                }
                out
            }
            other => {
                return Err(exc::type_error(format!(
                    "cannot unpack non-iterable {} object",
                    other.type_name()
                )));
            }
        };
        if items.len() > n {
            return Err(exc::value_error(format!(
                "too many values to unpack (expected {})",
                n
            )));
        }
        if items.len() < n {
            return Err(exc::value_error(format!(
                "not enough values to unpack (expected {}, got {})",
                n,
                items.len()
            )));
        }
        Ok(items)
    }

    /// The (key, value) pairs of a mapping, for `**m` in calls (to `call`) and displays.
    pub(crate) fn mapping_items(
        &mut self,
        v: &Value,
        call: Option<&Value>,
    ) -> PyResult<Vec<(Value, Value)>> {
        match v {
            Value::Dict(d) => Ok(d.items()),
            _ => {
                let Some(keys_fn) = self.getattr_opt(v, "keys")? else {
                    return Err(exc::type_error(if let Some(f) = call {
                        format!(
                            "{} argument after ** must be a mapping, not {}",
                            self.function_str(f),
                            v.type_name()
                        )
                    } else {
                        format!("'{}' object is not a mapping", v.type_name())
                    }));
                };
                let keys = self.call0(&keys_fn)?;
                let keys = self.collect(&keys)?;
                let mut out = Vec::with_capacity(keys.len());
                for k in keys {
                    let val = self.getitem(v, &k)?;
                    out.push((k, val));
                }
                Ok(out)
            }
        }
    }
}
