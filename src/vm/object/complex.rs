//! `complex`'s objects: two floats, immutable.
//!
//! A complex number is a native object (`Value::Native`), not a `Value` variant of its own:
//! two f64s do not fit beside the tag in `Value`'s 16 bytes, so it would be behind an `Arc`
//! either way, and as a native object it costs the eval loop's hot paths nothing (operators
//! reach it through its class's `__add__`, …, as for any object the numeric fast paths do not
//! know). Its methods and arithmetic are `vm/types/complex.rs`.

use std::sync::Arc;

use crate::vm::Vm;
use crate::vm::object::exceptions as exc;
use crate::vm::object::registry::types;
use crate::vm::object::value::Value;
use crate::vm::object::{PyResult, native_object};

/// A complex number: `real + imag*1j`.
pub struct Complex {
    pub re: f64,
    pub im: f64,
}

native_object!(Complex, "complex", types().complex, {
    fn getattr(&self, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        match name {
            "real" => Some(Ok(Value::Float(self.re))),
            "imag" => Some(Ok(Value::Float(self.im))),
            _ => None,
        }
    }
    fn setattr(&self, _vm: &mut Vm, name: &str, _value: Value) -> Option<PyResult<()>> {
        matches!(name, "real" | "imag").then(|| Err(exc::attribute_error("readonly attribute")))
    }
    fn shareable(&self) -> bool {
        true
    }
});

/// The complex number `re + im*1j`.
pub fn complex_value(re: f64, im: f64) -> Value {
    Value::Native(Arc::new(Box::new(Complex { re, im })))
}

/// The parts of `v` if it is a complex number (not a subclass instance).
pub fn complex_parts(v: &Value) -> Option<(f64, f64)> {
    match v {
        Value::Native(n) => n.as_any().downcast_ref::<Complex>().map(|c| (c.re, c.im)),
        _ => None,
    }
}
