//! An instance of a user class (or of an exception class): its class, its attributes (the
//! class's shared keys and its own values, `attrs.rs`, or a dict once one is asked for), the
//! state an exception or a subclass of a built-in type carries, and its finalizer.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};

use crate::vm::Vm;
use crate::vm::leaf_lock::LeafMutex;
use crate::vm::object::attrs::{MAX_KEYS, Peek, Rest, Slots, Taken, Values};
use crate::vm::object::gc::GcSlot;
use crate::vm::object::value::{HashKey, PyStr, Value, intern};
use crate::vm::object::{Class, Dict, ExcState, class_flags};

/// What an instance carries besides its attributes: an exception's state when its class
/// derives from BaseException, or the built-in value it extends when its class derives from
/// a built-in value type — never both (CPython's "multiple bases have instance lay-out
/// conflict", `class.rs`), so one field holds either.
enum Extra {
    Plain,
    /// Boxed: most instances are not exceptions, and the state is larger than an instance.
    Exc(Box<ExcState>),
    /// The built-in value this instance extends (`class Stack(list)`), as CPython lays the
    /// base's struct first. Built-in methods called on the instance run on it (`Vm::call`),
    /// and the base types' slot wrappers (`ops/slots.rs`) apply the built-in operations to
    /// it. Set once, at `__new__`.
    Base(Value),
}

const _: () = assert!(std::mem::size_of::<Extra>() == 16);

/// An instance of a user class (or of an exception class).
pub struct Instance {
    pub class: Arc<Class>,
    /// The attributes: values by the class's shared key index (`attrs.rs`), the first in
    /// `slots`, the rest here, or, once the instance has a dict of its own (`obj.__dict__`
    /// was asked for or assigned, or the class's shared keys were full), that dict, an
    /// object of its own for the cycle collector. The lock guards `slots` too.
    attrs: LeafMutex<Rest>,
    /// `attrs` holds a dict (set under its lock, never cleared): read without the lock by
    /// the attribute instructions, which then leave the shared keys alone.
    has_dict: AtomicBool,
    /// An exception's state or the built-in value the instance extends ([`Extra`]).
    extra: Extra,
    /// The values of the first keys, written under `attrs`'s lock, immediate ones readable
    /// without it.
    slots: Slots,
    /// `__del__` has run (or is queued): it runs once per object (PEP 442).
    pub finalized: AtomicBool,
    pub gc: GcSlot,
}

impl Drop for Instance {
    /// CPython calls `__del__` when the last reference goes. That is Python code, which
    /// cannot run inside a drop (no `Vm`, maybe a lock held), so the instance's contents move
    /// into a new instance, and the dropping thread calls `__del__` on it at its next safe
    /// point (`finalize.rs`). The new instance has another address, so its `id()` differs.
    ///
    /// Its weak references' callbacks are queued after `__del__` (`weakref.rs`).
    fn drop(&mut self) {
        let flags = self.class.flags();
        if flags & (class_flags::DEL | class_flags::WEAKREFD) == 0 {
            return;
        }
        if flags & class_flags::DEL != 0 {
            self.queue_del();
        }
        if flags & class_flags::WEAKREFD != 0 {
            crate::vm::object::weakref::instance_dropped(self as *const Instance as usize);
        }
    }
}

impl Instance {
    /// [`Drop`]'s `__del__`, if the class has one and it has not run.
    fn queue_del(&mut self) {
        if *self.finalized.get_mut() {
            return;
        }
        let Some(del) = self.class.lookup("__del__") else {
            return;
        };
        let mut heir = Instance::with_exc(self.class.clone(), None);
        heir.extra = std::mem::replace(&mut self.extra, Extra::Plain);
        *heir.finalized.get_mut() = true;
        // The same values and dict, so a `__dict__` handed out before is the heir's.
        heir.attrs = std::mem::take(&mut self.attrs);
        heir.slots = std::mem::take(&mut self.slots);
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
        matches!(self, Value::Instance(i) if i.base().is_some())
    }

    /// The built-in value a subclass instance extends (`Instance::base`), else the value.
    #[inline]
    pub fn builtin_base(&self) -> &Value {
        match self {
            Value::Instance(i) => i.base().unwrap_or(self),
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
            Value::Instance(i) if matches!(i.base(), Some(Value::Str(_))) => {
                i.base().unwrap_or(self)
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
            attrs: LeafMutex::default(),
            has_dict: AtomicBool::new(false),
            class,
            extra: exc.map_or(Extra::Plain, Extra::Exc),
            slots: Slots::default(),
            finalized: AtomicBool::new(false),
            gc: GcSlot::default(),
        }
    }

    /// The exception's state, when the class derives from BaseException.
    #[inline]
    pub fn exc(&self) -> Option<&ExcState> {
        match &self.extra {
            Extra::Exc(e) => Some(e),
            _ => None,
        }
    }

    /// The built-in value this instance extends, when the class derives from a built-in
    /// value type.
    #[inline]
    pub fn base(&self) -> Option<&Value> {
        match &self.extra {
            Extra::Base(v) => Some(v),
            _ => None,
        }
    }

    /// An instance of a subclass of a built-in value type, extending `base`.
    pub fn with_base(class: Arc<Class>, base: Value) -> Instance {
        let mut inst = Instance::new(class);
        inst.extra = Extra::Base(base);
        inst
    }

    /// The attributes, locked where they are values, or the dict that holds them.
    #[inline]
    fn locate(&self) -> Where<'_> {
        let values = Values::new(&self.slots, self.attrs.lock());
        match values.dict() {
            Some(d) => Where::Dict(d.clone()),
            None => Where::Values(values),
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
        for i in attrs.indices() {
            if let (Some(k), Some(v)) = (self.class.keys.name(i), attrs.get(i)) {
                d.insert(HashKey::str(k), v);
            }
        }
        let d = Arc::new(d);
        let mut old = Taken::default();
        self.install(&mut attrs, d.clone(), &mut old);
        drop(attrs);
        drop(old);
        // Outside the lock: registering may take the heap's lock.
        crate::vm::object::gc::dict(&d);
        d
    }

    /// Makes `d` the holder of the attributes, under the lock; moves the values it
    /// replaces to `old`, to be dropped after the lock.
    fn install(&self, attrs: &mut Values<'_>, d: Arc<Dict>, old: &mut Taken) {
        attrs.set_dict(d);
        self.has_dict.store(true, Ordering::Release);
        attrs.take(true, old);
    }

    /// `obj.__dict__ = d`: the instance's attributes are `d`'s entries from now on, `d`
    /// itself (`del obj.__dict__` passes a new empty dict).
    pub fn replace_dict(&self, d: Arc<Dict>) {
        let mut attrs = Values::new(&self.slots, self.attrs.lock());
        let old_dict = attrs.take_dict();
        let mut old = Taken::default();
        self.install(&mut attrs, d, &mut old);
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
            Where::Values(attrs) => attrs.get(self.class.keys.find_str(name)?),
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
                .is_some_and(|i| attrs.is_set(i)),
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
                attrs.remove(i)
            }
        }
    }

    /// The attributes as `(name, value)` pairs, in the order they were set.
    pub fn attr_items(&self) -> Vec<(Value, Value)> {
        match self.locate() {
            Where::Dict(d) => d.items(),
            Where::Values(attrs) => attrs
                .indices()
                .into_iter()
                .filter_map(|i| Some((Value::Str(self.class.keys.name(i)?.clone()), attrs.get(i)?)))
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
        let attrs = Values::new(&self.slots, self.attrs.lock());
        match attrs.dict() {
            Some(d) => f(AttrsRef::Dict(d)),
            // In slot order: the collector does not need insertion order.
            None => attrs.for_each(|v| f(AttrsRef::Value(v))),
        }
    }

    /// Drops the values of an instance without a dict (the cycle collector's clear: a dict
    /// may be reachable without the instance, and is cleared on its own if it is garbage).
    pub fn clear_attrs(&self) {
        // Filled in place: the values are moved once, not returned through memory.
        let mut old = Taken::default();
        {
            let mut attrs = Values::new(&self.slots, self.attrs.lock());
            if attrs.dict().is_some() {
                return;
            }
            attrs.take(false, &mut old);
        }
        // `old` is dropped here, in place, after the lock.
    }

    /// The attribute `name` from this instance itself. `hint` is the attribute
    /// instruction's [`crate::bytecode::CodeObject::attr_hints`] slot: the shared key index
    /// where the name was last found. The key there is used only if it is `name` itself, so
    /// a stale or racing hint costs a scan of the keys, never a wrong value; a found index is
    /// stored back as the next hint. An immediate value of one of the first keys, or its
    /// absence, is read without the lock (see `attrs.rs`).
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
        match self.slots.peek(i) {
            Peek::Value(v) => Some(v),
            Peek::Absent => None,
            Peek::Ask => self.get_attr_locked(name, i),
        }
    }

    /// Only the lock-free half of [`Instance::get_attr_hinted`]: `None` when the slots
    /// cannot answer with a value (the locked lookup may still find the attribute).
    #[inline(always)]
    pub fn get_attr_unlocked(&self, name: &Arc<PyStr>, hint: &AtomicU32) -> Option<Value> {
        let at = hint.load(Ordering::Relaxed) as usize;
        let k = self.class.keys.name(at)?;
        if !Arc::ptr_eq(k, name) {
            return None;
        }
        match self.slots.peek(at) {
            Peek::Value(v) => Some(v),
            _ => None,
        }
    }

    /// `get_attr_hinted` through the lock, for key `i` (the values' key index).
    #[inline(never)]
    fn get_attr_locked(&self, name: &Arc<PyStr>, i: usize) -> Option<Value> {
        match self.locate() {
            Where::Dict(d) => d.get_pystr(name),
            Where::Values(attrs) => attrs.get(i),
        }
    }

    /// `self.name = value` on this instance itself, with a key-index hint as
    /// [`Instance::get_attr_hinted`].
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
    Values(Values<'a>),
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
    /// Seven inline slots fit (`attrs::INLINE`): a class of up to seven attributes (most of
    /// them; the benchmarks' `Variable` of constraints.py has seven) makes one allocation.
    #[test]
    fn an_instance_fits_in_192_bytes() {
        let with_header = std::mem::size_of::<Instance>() + 2 * std::mem::size_of::<usize>();
        assert!(with_header <= 192, "{with_header} bytes");
    }
}
