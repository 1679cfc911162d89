//! `_hashlib`: the message digests `hashlib` offers (`md5`, `sha1`, `sha224`, `sha256`,
//! `sha384`, `sha512`), each a native `HASH` object with `update`, `digest`, `hexdigest`,
//! `copy`, `name`, `digest_size` and `block_size`. The digests themselves come from the
//! RustCrypto crates (`md-5`, `sha1`, `sha2`): audited, widely used implementations, where a
//! hand-written one would be one more thing to get wrong. `hashlib` is `py/hashlib.py`.

use std::sync::{Arc, LazyLock};

use md5::Md5;
use parking_lot::Mutex;
use sha1::Sha1;
use sha2::{Digest, Sha224, Sha256, Sha384, Sha512};

use super::{native_class, one_arg};
use crate::vm::Vm;
use crate::vm::object::exceptions as exc;
use crate::vm::object::registry::add_method;
use crate::vm::object::value::Value;
use crate::vm::object::{Class, KwArgs, PyResult, native_object, native_self};
use crate::vm::types::bytes::bytes_like;
use crate::vm::types::ctor_args::{bind_params, native};

/// One running digest.
#[derive(Clone)]
enum State {
    Md5(Md5),
    Sha1(Sha1),
    Sha224(Sha224),
    Sha256(Sha256),
    Sha384(Sha384),
    Sha512(Sha512),
}

impl State {
    fn new(name: &str) -> Option<State> {
        Some(match name.to_ascii_lowercase().as_str() {
            "md5" => State::Md5(Md5::new()),
            "sha1" => State::Sha1(Sha1::new()),
            "sha224" => State::Sha224(Sha224::new()),
            "sha256" => State::Sha256(Sha256::new()),
            "sha384" => State::Sha384(Sha384::new()),
            "sha512" => State::Sha512(Sha512::new()),
            _ => return None,
        })
    }
    fn update(&mut self, data: &[u8]) {
        match self {
            State::Md5(h) => h.update(data),
            State::Sha1(h) => h.update(data),
            State::Sha224(h) => h.update(data),
            State::Sha256(h) => h.update(data),
            State::Sha384(h) => h.update(data),
            State::Sha512(h) => h.update(data),
        }
    }
    /// The digest so far (the state goes on: a clone is finalised).
    fn digest(&self) -> Vec<u8> {
        match self.clone() {
            State::Md5(h) => h.finalize().to_vec(),
            State::Sha1(h) => h.finalize().to_vec(),
            State::Sha224(h) => h.finalize().to_vec(),
            State::Sha256(h) => h.finalize().to_vec(),
            State::Sha384(h) => h.finalize().to_vec(),
            State::Sha512(h) => h.finalize().to_vec(),
        }
    }
    fn name(&self) -> &'static str {
        match self {
            State::Md5(_) => "md5",
            State::Sha1(_) => "sha1",
            State::Sha224(_) => "sha224",
            State::Sha256(_) => "sha256",
            State::Sha384(_) => "sha384",
            State::Sha512(_) => "sha512",
        }
    }
    fn sizes(&self) -> (i64, i64) {
        match self {
            State::Md5(_) => (16, 64),
            State::Sha1(_) => (20, 64),
            State::Sha224(_) => (28, 64),
            State::Sha256(_) => (32, 64),
            State::Sha384(_) => (48, 128),
            State::Sha512(_) => (64, 128),
        }
    }
}

/// `_hashlib.HASH`: a digest in progress, locked for each update (CPython releases the GIL
/// around large updates and takes the object's lock the same way).
pub struct Hash {
    state: Mutex<State>,
}

native_object!(Hash, "_hashlib.HASH", HASH_CLASS, {
    fn getattr(&self, _vm: &mut Vm, name: &str) -> Option<PyResult<Value>> {
        let s = self.state.lock();
        let (size, block) = s.sizes();
        Some(Ok(match name {
            "name" => Value::str(s.name()),
            "digest_size" => Value::Int(size),
            "block_size" => Value::Int(block),
            _ => return None,
        }))
    }
});

static HASH_CLASS: LazyLock<Arc<Class>> = LazyLock::new(|| {
    let c = native_class("HASH", "_hashlib");
    add_method(&c, "update", hash_update);
    add_method(&c, "digest", hash_digest);
    add_method(&c, "hexdigest", hash_hexdigest);
    add_method(&c, "copy", hash_copy);
    c
});

pub fn build(vm: &mut Vm) -> Arc<crate::vm::object::Module> {
    let m = vm.new_module("_hashlib");
    super::add_funcs(&m.dict, &[("new", hash_new)]);
    m
}

/// Data to hash: bytes-like; a str is CPython's "Strings must be encoded before hashing".
fn data_arg(v: &Value) -> PyResult<Vec<u8>> {
    if matches!(v, Value::Str(_)) {
        return Err(exc::type_error("Strings must be encoded before hashing"));
    }
    bytes_like(v).ok_or_else(|| exc::type_error("object supporting the buffer API required"))
}

/// `_hashlib.new(name, data=b'')`.
fn hash_new(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = bind_params(args, kw, "new", &["name", "data", "usedforsecurity"], 2)?;
    let name = match &a[0] {
        Some(Value::Str(s)) => s.as_str().to_string(),
        Some(other) => {
            return Err(exc::type_error(format!(
                "new() argument 'name' must be str, not {}",
                other.type_name()
            )));
        }
        None => {
            return Err(exc::type_error(
                "new() missing required argument 'name' (pos 1)",
            ));
        }
    };
    let Some(mut state) = State::new(&name) else {
        return Err(exc::value_error(format!("unsupported hash type {name}")));
    };
    if let Some(d) = &a[1] {
        state.update(&data_arg(d)?);
    }
    Ok(native(Hash {
        state: Mutex::new(state),
    }))
}

fn hash_update(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let h = native_self::<Hash>(args, "HASH.update")?;
    let data = data_arg(one_arg(args.get(1..).unwrap_or_default(), kw, "update")?)?;
    h.state.lock().update(&data);
    Ok(Value::None)
}

fn hash_digest(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let h = native_self::<Hash>(args, "HASH.digest")?;
    Ok(Value::bytes(h.state.lock().digest()))
}

fn hash_hexdigest(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let h = native_self::<Hash>(args, "HASH.hexdigest")?;
    let d = h.state.lock().digest();
    Ok(Value::string(
        d.iter().map(|b| format!("{b:02x}")).collect(),
    ))
}

fn hash_copy(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    let h = native_self::<Hash>(args, "HASH.copy")?;
    let state = h.state.lock().clone();
    Ok(native(Hash {
        state: Mutex::new(state),
    }))
}
