//! An instance of a user class (or of an exception class): its class, its attributes (the
//! class's shared keys and its own values, `attrs.rs`, or a dict once one is asked for), the
//! state an exception or a subclass of a built-in type carries, and its finalizer.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use crate::vm::Vm;
use crate::vm::leaf_lock::{LeafGuard, LeafMutex};
use crate::vm::object::attrs::{Attrs, MAX_KEYS, MIRRORED, Mirror};
use crate::vm::object::gc::GcSlot;
use crate::vm::object::value::{HashKey, PyStr, Value, intern};
use crate::vm::object::{Class, Dict, ExcState, class_flags};

/// An instance of a user class (or of an exception class).
pub struct Instance {
    pub class: Arc<Class>,
    /// The attributes: values by the class's shared key index (`attrs.rs`), or, once the
    /// instance has a dict of its own (`obj.__dict__` was asked for or assigned, or the
    /// class's shared keys were full), that dict, an object of its own for the cycle
    /// collector.
    attrs: LeafMutex<Attrs>,
    /// `attrs` holds a dict (set under its lock, never cleared): read without the lock by
    /// the attribute instructions, which then leave the shared keys alone.
    has_dict: AtomicBool,
    /// Present when the class derives from BaseException (boxed: most instances are not
    /// exceptions, and the state is a quarter of an instance's size).
    pub exc: Option<Box<ExcState>>,
    /// Present when the class derives from a built-in value type (`class Stack(list)`): the
    /// built-in value this instance extends, as CPython lays the base's struct first. Built-in
    /// methods called on the instance run on it (`Vm::call`), and the base types' slot
    /// wrappers (`ops/slots.rs`) apply the built-in operations to it. Set once, at `__new__`.
    pub base: Option<Value>,
    /// The first attributes' immediate values, readable without the lock.
    mirror: Mirror,
    /// `__del__` has run (or is queued): it runs once per object (PEP 442).
    pub finalized: AtomicBool,
    pub gc: GcSlot,
}

impl Drop for Instance {
    /// CPython calls `__del__` when the last reference goes. That is Python code, which
    /// cannot run inside a drop (no `Vm`, maybe a lock held), so the instance's contents move
    /// into a new instance, and the dropping thread calls `__del__` on it at its next safe
    /// point (`finalize.rs`). The new instance has another address, so its `id()` differs.
    fn drop(&mut self) {
        if self.class.flags() & class_flags::DEL == 0 || *self.finalized.get_mut() {
            return;
        }
        let Some(del) = self.class.lookup("__del__") else {
            return;
        };
        let mut heir = Instance::with_exc(self.class.clone(), self.exc.take());
        heir.base = self.base.take();
        *heir.finalized.get_mut() = true;
        // The same values and dict, so a `__dict__` handed out before is the heir's. The
        // heir's mirror starts empty: its reads ask the lock.
        heir.attrs = std::mem::take(&mut self.attrs);
        *heir.has_dict.get_mut() = *self.has_dict.get_mut();
        crate::vm::object::finalize::defer_here(move || {
            Box::new(move |vm: &mut Vm| {
                let this = Value::Instance(Arc::new(heir));
                let r = vm.call(&del, &[this], &[]).map(drop);
                r.map_err(|err| crate::vm::object::finalize::Unraisable {
                    what: vm
                        .repr(&del)
                        .unwrap_or_else(|_| "<object repr() failed>".into()),
                    err,
                })
            })
        });
    }
}

impl Value {
    /// An instance of a subclass of a built-in type, carrying its built-in value.
    #[inline]
    pub fn carries_base(&self) -> bool {
        matches!(self, Value::Instance(i) if i.base.is_some())
    }

    /// The built-in value a subclass instance extends (`Instance::base`), else the value.
    #[inline]
    pub fn builtin_base(&self) -> &Value {
        match self {
            Value::Instance(i) => i.base.as_ref().unwrap_or(self),
            _ => self,
        }
    }
}

impl Value {
    /// A `str` subclass instance's str (what native code taking a str argument reads), else
    /// the value itself (so an error names the argument's own type).
    #[inline]
    pub fn str_base(&self) -> &Value {
        match self {
            Value::Instance(i) if matches!(i.base, Some(Value::Str(_))) => {
                i.base.as_ref().unwrap_or(self)
            }
            _ => self,
        }
    }
}

impl Instance {
    #[inline(always)]
    pub fn new(class: Arc<Class>) -> Instance {
        let exc = class.is_exception.then(Box::default);
        Instance::with_exc(class, exc)
    }
    #[inline(always)]
    pub fn with_exc(class: Arc<Class>, exc: Option<Box<ExcState>>) -> Instance {
        Instance {
            attrs: LeafMutex::new(Attrs::with_capacity(class.keys.len())),
            has_dict: AtomicBool::new(false),
            class,
            exc,
            base: None,
            mirror: Mirror::default(),
            finalized: AtomicBool::new(false),
            gc: GcSlot::default(),
        }
    }

    /// An instance of a subclass of a built-in value type, extending `base`.
    pub fn with_base(class: Arc<Class>, base: Value) -> Instance {
        let mut inst = Instance::new(class);
        inst.base = Some(base);
        inst
    }

    /// The attributes, locked where they are values, or the dict that holds them.
    #[inline]
    fn locate(&self) -> Where<'_> {
        let attrs = self.attrs.lock();
        match &attrs.dict {
            Some(d) => Where::Dict(d.clone()),
            None => Where::Values(attrs),
        }
    }

    /// The instance's dict (`obj.__dict__`), made from its values the first time it is asked
    /// for. From then on the dict holds the attributes (so `self.__dict__[name] = value` and
    /// `vars(o).update(kw)` set them, as in CPython), and the cycle collector sees the
    /// instance refer to the dict, an object of its own.
    pub fn dict(&self) -> Arc<Dict> {
        let mut attrs = match self.locate() {
            Where::Dict(d) => return d,
            Where::Values(attrs) => attrs,
        };
        let d = Dict::with_capacity(attrs.len());
        for (i, v) in attrs.iter() {
            if let Some(k) = self.class.keys.name(i) {
                d.insert(HashKey::str(k), v.clone());
            }
        }
        let d = Arc::new(d);
        let old = self.install(&mut attrs, d.clone());
        drop(attrs);
        drop(old);
        // Outside the lock: registering may take the heap's lock.
        crate::vm::object::gc::dict(&d);
        d
    }

    /// Makes `d` the holder of the attributes, under the lock; returns the values it
    /// replaces, to be dropped after the lock.
    fn install(&self, attrs: &mut Attrs, d: Arc<Dict>) -> Vec<Option<Value>> {
        attrs.dict = Some(d);
        self.has_dict.store(true, Ordering::Release);
        self.mirror.clear();
        attrs.take()
    }

    /// `obj.__dict__ = d`: the instance's attributes are `d`'s entries from now on, `d`
    /// itself (`del obj.__dict__` passes a new empty dict).
    pub fn replace_dict(&self, d: Arc<Dict>) {
        let mut attrs = self.attrs.lock();
        let old_dict = attrs.dict.take();
        let old = self.install(&mut attrs, d);
        drop(attrs);
        drop(old);
        drop(old_dict);
    }

    /// `obj.__dict__` as a value.
    pub fn shared_dict(&self) -> Value {
        Value::Dict(self.dict())
    }

    /// The instance's dict if it has one (else its attributes are in its values).
    pub fn made_dict(&self) -> Option<Arc<Dict>> {
        match self.locate() {
            Where::Dict(d) => Some(d),
            Where::Values(_) => None,
        }
    }

    /// The attribute `name` from the instance itself (not its class).
    pub fn attr(&self, name: &str) -> Option<Value> {
        match self.locate() {
            Where::Dict(d) => d.get_str(name),
            Where::Values(attrs) => attrs.get(self.class.keys.find_str(name)?).cloned(),
        }
    }

    /// Whether the instance itself holds `name`. A name none of the class's instances ever
    /// held (a method's, at `LOAD_METHOD`) is answered inline, without a lock.
    #[inline(always)]
    pub fn has_attr(&self, name: &Arc<PyStr>) -> bool {
        if !self.has_dict.load(Ordering::Acquire) && !self.class.keys.may_contain(name) {
            return false;
        }
        self.has_attr_locked(name)
    }

    #[inline(never)]
    fn has_attr_locked(&self, name: &Arc<PyStr>) -> bool {
        match self.locate() {
            Where::Dict(d) => d.contains_pystr(name),
            Where::Values(attrs) => self
                .class
                .keys
                .find(name, 0)
                .is_some_and(|i| attrs.get(i).is_some()),
        }
    }

    /// `setattr(obj, name, value)` on the instance itself, past every hook.
    pub fn set_attr(&self, name: &str, value: Value) {
        // A name is interned only to become a shared key (at most `MAX_KEYS` per class), so
        // `setattr` with names made from data does not grow the intern table.
        let keys = &self.class.keys;
        let key = match keys.find_str(name) {
            Some(i) => keys.name(i).cloned(),
            None if keys.len() < MAX_KEYS => Some(intern(name)),
            None => None,
        };
        match key {
            Some(k) => self.set_attr_hinted(&k, value, &AtomicU32::new(0)),
            None => self.dict().set_str(name, value),
        }
    }

    /// `del obj.name` on the instance itself, past every hook: the value, if it had one.
    pub fn remove_attr(&self, name: &str) -> Option<Value> {
        match self.locate() {
            Where::Dict(d) => d.remove_str(name),
            Where::Values(mut attrs) => {
                let i = self.class.keys.find_str(name)?;
                let old = attrs.remove(i);
                self.mirror.write(i, None);
                old
            }
        }
    }

    /// The attributes as `(name, value)` pairs, in the order they were set.
    pub fn attr_items(&self) -> Vec<(Value, Value)> {
        match self.locate() {
            Where::Dict(d) => d.items(),
            Where::Values(attrs) => attrs
                .iter()
                .filter_map(|(i, v)| {
                    Some((Value::Str(self.class.keys.name(i)?.clone()), v.clone()))
                })
                .collect(),
        }
    }

    /// How many attributes the instance holds.
    pub fn attr_count(&self) -> usize {
        match self.locate() {
            Where::Dict(d) => d.len(),
            Where::Values(attrs) => attrs.len(),
        }
    }

    /// Calls `f` with every value the instance's attributes hold, or with its dict when it
    /// has one (the cycle collector's traverse).
    #[inline]
    pub fn visit_attrs(&self, mut f: impl FnMut(AttrsRef<'_>)) {
        let attrs = self.attrs.lock();
        match &attrs.dict {
            Some(d) => f(AttrsRef::Dict(d)),
            // In slot order: the collector does not need insertion order.
            None => attrs
                .values
                .iter()
                .flatten()
                .for_each(|v| f(AttrsRef::Value(v))),
        }
    }

    /// Drops the values of an instance without a dict (the cycle collector's clear: a dict
    /// may be reachable without the instance, and is cleared on its own if it is garbage).
    pub fn clear_attrs(&self) {
        let old = {
            let mut attrs = self.attrs.lock();
            self.mirror.clear();
            attrs.take()
        };
        drop(old);
    }

    /// The attribute `name` from this instance itself. `hint` is the attribute
    /// instruction's [`crate::bytecode::CodeObject::attr_hints`] slot: the shared key index
    /// where the name was last found. The key there is used only if it is `name` itself, so
    /// a stale or racing hint costs a scan of the keys, never a wrong value; a found index is
    /// stored back as the next hint. An immediate value of one of the first keys is read
    /// without the lock (see `attrs.rs`).
    #[inline(always)]
    pub fn get_attr_hinted(&self, name: &Arc<PyStr>, hint: &AtomicU32) -> Option<Value> {
        if self.has_dict.load(Ordering::Acquire) {
            return self.get_attr_locked(name, 0);
        }
        let at = hint.load(Ordering::Relaxed) as usize;
        let i = self.class.keys.find(name, at)?;
        if i != at {
            hint.store(i as u32, Ordering::Relaxed);
        }
        match self.mirror.read(i) {
            Some(v) => Some(v),
            None => self.get_attr_locked(name, i),
        }
    }

    /// Only the lock-free half of [`Instance::get_attr_hinted`]: `None` when the mirror
    /// cannot answer (the locked lookup may still find the attribute).
    #[inline(always)]
    pub fn get_attr_mirrored(&self, name: &Arc<PyStr>, hint: &AtomicU32) -> Option<Value> {
        let at = hint.load(Ordering::Relaxed) as usize;
        let k = self.class.keys.name(at)?;
        if !Arc::ptr_eq(k, name) {
            return None;
        }
        self.mirror.read(at)
    }

    /// `get_attr_hinted` through the lock, for key `i` (the values' key index).
    #[inline(never)]
    fn get_attr_locked(&self, name: &Arc<PyStr>, i: usize) -> Option<Value> {
        match self.locate() {
            Where::Dict(d) => d.get_pystr(name),
            Where::Values(attrs) => attrs.get(i).map(Value::fast_clone),
        }
    }

    /// `self.name = value` on this instance itself, with a key-index hint as
    /// [`Instance::get_attr_hinted`], keeping the mirror in step.
    #[inline]
    pub fn set_attr_hinted(&self, name: &Arc<PyStr>, value: Value, hint: &AtomicU32) {
        if self.has_dict.load(Ordering::Acquire) {
            return self.set_attr_in_dict(name, value);
        }
        let at = hint.load(Ordering::Relaxed) as usize;
        let Some(i) = self.class.keys.find_or_add(name, at) else {
            // The class's keys are full: this instance keeps a dict of its own.
            return self.dict().set_pystr(name, value);
        };
        if i != at {
            hint.store(i as u32, Ordering::Relaxed);
        }
        let mut attrs = match self.locate() {
            Where::Dict(d) => return d.set_pystr(name, value),
            Where::Values(attrs) => attrs,
        };
        let old = attrs.set(i, value);
        if i < MIRRORED {
            self.mirror.write(i, attrs.get(i));
        }
        drop(attrs);
        if let Some(old) = old {
            old.fast_drop();
        }
    }

    #[inline(never)]
    fn set_attr_in_dict(&self, name: &Arc<PyStr>, value: Value) {
        match self.locate() {
            Where::Dict(d) => d.set_pystr(name, value),
            // Not reached (a dict, once there, stays): store through a dict all the same.
            Where::Values(attrs) => {
                drop(attrs);
                self.dict().set_pystr(name, value)
            }
        }
    }
}

/// Where an instance's attributes are: its values (locked) or its dict.
enum Where<'a> {
    Values(LeafGuard<'a, Attrs>),
    Dict(Arc<Dict>),
}

/// What [`Instance::visit_attrs`] hands over: one value, or the instance's dict.
pub enum AttrsRef<'a> {
    Value(&'a Value),
    Dict(&'a Arc<Dict>),
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An instance and its `Arc` header fit mimalloc's 192-byte size class (the next is 224),
    /// with nothing to spare: a field added to `Instance` costs 32 bytes per instance made.
    #[test]
    fn an_instance_fits_in_192_bytes() {
        let with_header = std::mem::size_of::<Instance>() + 2 * std::mem::size_of::<usize>();
        assert!(with_header <= 192, "{with_header} bytes");
    }
}
