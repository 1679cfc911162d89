//! Moving values between isolated interpreters: what `fork` and `pickle` do for
//! `multiprocessing` in CPython, done by copying.
//!
//! Interpreters share nothing mutable (`src/README.md`, decision 1). A value going from one
//! to another is copied deeply: containers, instances, functions (with their globals mapped to
//! the target's module), cells. Immutable things are shared — strings, big ints, code objects,
//! built-in functions and classes — which is sound because nothing can change them.
//! Classes and functions defined in a module other than `__main__` are looked up by module and
//! qualified name in the target (as pickle does), so the target's own `multiprocessing.Process`
//! is used, not a copy.
//!
//! Two modes: [`Mode::Fork`] copies a whole module's state at `Process.start()` (locks become
//! fresh unlocked locks, uncopyable values are left out); [`Mode::Pickle`] copies arguments and
//! results and refuses what pickle refuses (`cannot pickle '_thread.lock' object`).

use std::collections::HashMap;
use std::sync::Arc;

use crate::vm::Vm;
use crate::vm::object::exceptions as exc;
use crate::vm::object::value::{HashKey, KeySet, Value};
use crate::vm::object::{
    BoundMethod, Cell, Class, ClassKind, Dict, ExcState, Function, Instance, List, PyResult, Set,
    SliceObj, Tuple,
};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Fork,
    Pickle,
}

/// Copies values into the interpreter of `target` (a Vm of the receiving interpreter).
pub struct Copier {
    mode: Mode,
    /// Source object address → its copy, so sharing and cycles survive.
    memo: HashMap<usize, Value>,
    /// Source dicts that are module globals → the target's dict for the same module.
    globals: HashMap<usize, Arc<Dict>>,
}

impl Copier {
    pub fn new(mode: Mode) -> Copier {
        Copier {
            mode,
            memo: HashMap::new(),
            globals: HashMap::new(),
        }
    }

    pub fn set_mode(&mut self, mode: Mode) {
        self.mode = mode;
    }

    /// Functions whose globals are `from` get `to` as their globals in the target.
    pub fn map_globals(&mut self, from: &Arc<Dict>, to: Arc<Dict>) {
        self.globals
            .insert(Arc::as_ptr(from) as *const u8 as usize, to);
    }

    fn refuse(&self, what: &str) -> crate::vm::object::exceptions::PyErr {
        exc::type_error(format!("cannot pickle '{what}' object"))
    }

    /// Copies every entry of a module's globals (fork): what cannot be copied is left out.
    pub fn copy_globals(&mut self, target: &mut Vm, from: &Dict, into: &Dict) -> PyResult<()> {
        for (k, v) in from.items() {
            if let Value::Str(s) = &k
                && matches!(s.as_str(), "__name__" | "__builtins__")
            {
                continue;
            }
            if let Ok(v) = self.copy(target, &v) {
                let key = self.copy(target, &k)?;
                into.insert(crate::vm::object::value::self_hash_key(&key)?, v);
            }
        }
        Ok(())
    }

    pub fn copy(&mut self, target: &mut Vm, v: &Value) -> PyResult<Value> {
        if v.is_scalar()
            || matches!(
                v,
                Value::Code(_) | Value::Builtin(_) | Value::Range(_) | Value::Null
            )
        {
            return Ok(v.clone());
        }
        let key = v.id();
        if let Some(done) = self.memo.get(&key) {
            return Ok(done.clone());
        }
        let out = match v {
            Value::Tuple(t) => {
                let items =
                    t.0.iter()
                        .map(|x| self.copy(target, x))
                        .collect::<PyResult<Vec<_>>>()?;
                Value::Tuple(Arc::new(Tuple(items)))
            }
            Value::List(l) => {
                let new = Arc::new(List::new(Vec::new()));
                self.memo.insert(key, Value::List(new.clone()));
                let items = l.snapshot();
                let copied = items
                    .iter()
                    .map(|x| self.copy(target, x))
                    .collect::<PyResult<Vec<_>>>()?;
                *new.items.lock() = copied;
                return Ok(Value::List(new));
            }
            Value::Dict(d) => {
                let new = Arc::new(Dict::new());
                self.memo.insert(key, Value::Dict(new.clone()));
                self.copy_dict(target, d, &new)?;
                return Ok(Value::Dict(new));
            }
            Value::Set(s) => {
                let mut items = KeySet::default();
                for x in s.snapshot() {
                    let c = self.copy(target, &x)?;
                    items.insert(crate::vm::object::value::self_hash_key(&c)?);
                }
                Value::Set(Arc::new(Set::new(items, s.frozen)))
            }
            Value::Slice(s) => Value::Slice(Arc::new(SliceObj {
                start: self.copy(target, &s.start)?,
                stop: self.copy(target, &s.stop)?,
                step: self.copy(target, &s.step)?,
            })),
            Value::Cell(c) => {
                let new = Arc::new(Cell::new(None));
                self.memo.insert(key, Value::Cell(new.clone()));
                if let Some(x) = c.get() {
                    new.set(Some(self.copy(target, &x)?));
                }
                return Ok(Value::Cell(new));
            }
            Value::Function(f) => return self.copy_function(target, key, f),
            Value::Method(m) => Value::Method(Arc::new(BoundMethod::new(
                self.copy(target, &m.func)?,
                self.copy(target, &m.self_)?,
            ))),
            Value::Class(c) => return self.copy_class(target, key, c),
            Value::Instance(i) => return self.copy_instance(target, key, i),
            Value::Module(m) => match m.name.as_str() {
                "__main__" => target
                    .interp
                    .modules
                    .lock()
                    .get("__main__")
                    .cloned()
                    .ok_or_else(|| self.refuse("module"))?,
                name => crate::vm::modules::import(target, name)?,
            },
            Value::Native(n) => {
                if let Some(l) = n
                    .as_any()
                    .downcast_ref::<crate::vm::modules::thread::Lock>()
                {
                    if self.mode == Mode::Pickle {
                        return Err(self.refuse("_thread.lock"));
                    }
                    let _ = l;
                    Value::Native(Arc::new(Box::new(crate::vm::modules::thread::Lock::new())))
                } else if n
                    .as_any()
                    .downcast_ref::<crate::vm::modules::thread::RLock>()
                    .is_some()
                {
                    if self.mode == Mode::Pickle {
                        return Err(self.refuse("_thread.RLock"));
                    }
                    Value::Native(Arc::new(Box::new(
                        crate::vm::modules::thread::RLock::default(),
                    )))
                } else if let Some(a) = n
                    .as_any()
                    .downcast_ref::<crate::vm::modules::ft_utils::AtomicInt64>()
                {
                    // A fork copies the counter's memory: the child counts on its own copy.
                    if self.mode == Mode::Pickle {
                        return Err(self.refuse("AtomicInt64"));
                    }
                    Value::Native(Arc::new(Box::new(a.forked())))
                } else if let Some((func, rewrap)) =
                    crate::vm::types::function::function_wrapper(&***n)
                {
                    Value::Native(Arc::new(rewrap(self.copy(target, func)?)))
                } else if let Some(p) = n
                    .as_any()
                    .downcast_ref::<crate::vm::types::function::Property>()
                {
                    let mut opt = |x: &Option<Value>| -> PyResult<Option<Value>> {
                        x.as_ref().map(|x| self.copy(target, x)).transpose()
                    };
                    Value::Native(Arc::new(Box::new(crate::vm::types::function::Property {
                        fget: opt(&p.fget)?,
                        fset: opt(&p.fset)?,
                        fdel: opt(&p.fdel)?,
                        doc: opt(&p.doc)?,
                        name: p.name.clone(),
                    })))
                } else if n.shareable() {
                    v.clone()
                } else {
                    return Err(self.refuse(n.type_name()));
                }
            }
            Value::Iter(_) => return Err(self.refuse(&v.type_name())),
            _ => v.clone(),
        };
        self.memo.insert(key, out.clone());
        Ok(out)
    }

    fn copy_dict(&mut self, target: &mut Vm, from: &Dict, into: &Dict) -> PyResult<()> {
        for (k, v) in from.items() {
            let k = self.copy(target, &k)?;
            let v = self.copy(target, &v)?;
            into.insert(
                crate::vm::object::value::self_hash_key(&k).or_else(|_| target.hash_key(&k))?,
                v,
            );
        }
        Ok(())
    }

    /// A module-level function or class of a module other than `__main__`: the target's own.
    fn by_reference(&mut self, target: &mut Vm, module: &str, qualname: &str) -> Option<Value> {
        if module == "__main__" || qualname.contains("<locals>") || qualname.contains("<lambda>") {
            return None;
        }
        let mut v = crate::vm::modules::import(target, module).ok()?;
        for part in qualname.split('.') {
            v = target.getattr(&v, part).ok()?;
        }
        Some(v)
    }

    fn copy_function(&mut self, target: &mut Vm, key: usize, f: &Arc<Function>) -> PyResult<Value> {
        let module = f
            .globals
            .get_str("__name__")
            .and_then(|n| n.as_str().map(str::to_string))
            .unwrap_or_default();
        let qualname = f.qualname.lock().to_string();
        if let Some(found) = self.by_reference(target, &module, &qualname) {
            self.memo.insert(key, found.clone());
            return Ok(found);
        }
        let globals = match self
            .globals
            .get(&(Arc::as_ptr(&f.globals) as *const u8 as usize))
        {
            Some(g) => g.clone(),
            None if self.mode == Mode::Pickle => {
                return Err(exc::type_error(format!(
                    "cannot pickle function '{qualname}' of module '{module}'"
                )));
            }
            None => Arc::new(Dict::new()),
        };
        let defaults = f
            .defaults
            .lock()
            .iter()
            .map(|d| self.copy(target, d))
            .collect::<PyResult<Vec<_>>>()?;
        let mut kwdefaults = Vec::new();
        let kw = f.kwdefaults.lock().clone();
        for (k, d) in &kw {
            kwdefaults.push((k.clone(), self.copy(target, d)?));
        }
        let mut closure = Vec::new();
        for c in &f.closure {
            match self.copy(target, &Value::Cell(c.clone()))? {
                Value::Cell(c) => closure.push(c),
                _ => closure.push(Arc::new(Cell::new(None))),
            }
        }
        let annotations = match &*f.annotations.lock() {
            Some(a) => Some(self.copy(target, a)?),
            None => None,
        };
        let new = Arc::new(Function {
            code: f.code.clone(),
            globals,
            name: parking_lot::Mutex::new(f.name.lock().clone()),
            qualname: parking_lot::Mutex::new(f.qualname.lock().clone()),
            defaults: parking_lot::Mutex::new(defaults),
            kwdefaults: parking_lot::Mutex::new(kwdefaults),
            closure,
            annotations: parking_lot::Mutex::new(annotations),
            weakrefd: Default::default(),
            gc: Default::default(),
            attrs: Dict::new(),
        });
        let v = Value::Function(new.clone());
        self.memo.insert(key, v.clone());
        self.copy_dict(target, &f.attrs, &new.attrs)?;
        Ok(v)
    }

    fn copy_class(&mut self, target: &mut Vm, key: usize, c: &Arc<Class>) -> PyResult<Value> {
        if c.kind == ClassKind::Builtin {
            return Ok(Value::Class(c.clone()));
        }
        if let Some(found) = self.by_reference(target, &c.module, &c.qualname) {
            self.memo.insert(key, found.clone());
            return Ok(found);
        }
        let mut bases = Vec::with_capacity(c.bases.len());
        for b in &c.bases {
            if let Value::Class(b) = self.copy(target, &Value::Class(b.clone()))? {
                bases.push(b);
            }
        }
        let metaclass = match &c.metaclass {
            Some(m) => match self.copy(target, &Value::Class(m.clone()))? {
                Value::Class(m) => Some(m),
                _ => None,
            },
            None => None,
        };
        let new = Class::new_user(
            &c.name,
            c.qualname.clone(),
            c.module.clone(),
            bases,
            metaclass,
            Dict::new(),
            c.slots.clone(),
        )
        .map_err(exc::type_error)?;
        let v = Value::Class(new.clone());
        self.memo.insert(key, v.clone());
        self.copy_dict(target, &c.dict, &new.dict)?;
        new.note_hooks();
        Ok(v)
    }

    fn copy_instance(&mut self, target: &mut Vm, key: usize, i: &Arc<Instance>) -> PyResult<Value> {
        let class = match self.copy(target, &Value::Class(i.class.clone()))? {
            Value::Class(c) => c,
            _ => return Err(self.refuse(&i.class.name)),
        };
        let exc = match i.exc() {
            Some(st) => {
                let args = st
                    .args
                    .lock()
                    .clone()
                    .iter()
                    .map(|a| self.copy(target, a))
                    .collect::<PyResult<Vec<_>>>()?;
                let new = ExcState::default();
                *new.args.lock() = args;
                *new.traceback.lock() = st.traceback.lock().clone();
                let fields = st.fields.lock().clone();
                for (k, v) in fields {
                    if k != "<globals>" {
                        let v = self.copy(target, &v)?;
                        new.set_field(k, Some(v));
                    }
                }
                Some(new)
            }
            None if class.is_exception => Some(ExcState::default()),
            None => None,
        };
        let new = Arc::new(Instance::with_exc(class, exc.map(Box::new)));
        let v = Value::Instance(new.clone());
        self.memo.insert(key, v.clone());
        match i.made_dict() {
            Some(d) => self.copy_dict(target, &d, &new.dict())?,
            None => {
                for (k, v) in i.attr_items() {
                    let v = self.copy(target, &v)?;
                    if let Value::Str(k) = &k {
                        new.set_attr(k.as_str(), v);
                    }
                }
            }
        }
        Ok(v)
    }
}

#[allow(dead_code)]
fn _key_is_used(_k: HashKey) {}
