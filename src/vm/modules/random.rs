//! `random`: CPython 3.11's `random.py` over the interpreter's Mersenne Twister, so that a
//! seeded program draws exactly the numbers CPython draws.

use std::sync::{Arc, LazyLock};

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::bytecode::BinaryOp;
use crate::vm::Vm;
use crate::vm::modules::{add_funcs, arg_bigint, bind_args, native_class_with, no_args};
use crate::vm::mt19937::{Mt19937, RandomState};
use crate::vm::object::exceptions as exc;
use crate::vm::object::registry::add_method;
use crate::vm::object::value::{Value, hash_f64};
use crate::vm::object::{Class, KwArgs, Module, NativeFn, NativeObject, PyResult};
use crate::vm::object::{native_object, native_self};

native_object!(
    RandomState,
    |this| if this.system {
        "SystemRandom"
    } else {
        "Random"
    },
    |this| if this.system {
        SYSTEM_RANDOM_CLASS.clone()
    } else {
        RANDOM_CLASS.clone()
    }
);

type GenFn = fn(&mut Vm, &RandomState, &[Value], &KwArgs) -> PyResult<Value>;

/// Every generator operation twice: as a module function on the shared generator, and as a
/// method of `Random` on the instance's own.
macro_rules! generator_functions {
    ($($name:literal => $f:ident),* $(,)?) => {
        const MODULE_FUNCS: &[(&str, NativeFn)] = &[$(($name, {
            fn module_fn(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
                let g = vm.interp.random();
                $f(vm, &g, args, kw)
            }
            module_fn
        })),*];
        const METHODS: &[(&str, NativeFn)] = &[$(($name, {
            fn method(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
                with_self(vm, args, kw, $f)
            }
            method
        })),*];
    };
}

generator_functions! {
    "seed" => seed,
    "random" => random,
    "randint" => randint,
    "randrange" => randrange,
    "choice" => choice,
    "shuffle" => shuffle,
    "uniform" => uniform,
    "getrandbits" => getrandbits,
    "randbytes" => randbytes,
    "sample" => sample,
    "choices" => choices,
    "gauss" => gauss,
    "normalvariate" => normalvariate,
    "expovariate" => expovariate,
    "triangular" => triangular,
    "lognormvariate" => lognormvariate,
    "vonmisesvariate" => vonmisesvariate,
    "gammavariate" => gammavariate,
    "betavariate" => betavariate,
    "paretovariate" => paretovariate,
    "weibullvariate" => weibullvariate,
    "getstate" => getstate,
    "setstate" => setstate,
}

/// Calls `f` on the `Random` instance in `args[0]`.
fn with_self(vm: &mut Vm, args: &[Value], kw: &KwArgs, f: GenFn) -> PyResult<Value> {
    let g = native_self::<RandomState>(args, "random.Random")?;
    f(vm, g, args.get(1..).unwrap_or_default(), kw)
}

static RANDOM_CLASS: LazyLock<Arc<Class>> = LazyLock::new(|| {
    let c = native_class_with("Random", "random", Some(random_new));
    for (name, f) in METHODS {
        add_method(&c, name, *f);
    }
    c
});

/// `Random(x=None)`: a generator of its own, seeded as `seed(x)` seeds.
fn random_new(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let g = RandomState::new(Mt19937::from_int_seed(&BigInt::from(0)));
    let rest = args.get(1..).unwrap_or(&[]);
    let p = bind_args(rest, kw, "Random", &["x"], 0, 1, 0)?;
    let seed_args: Vec<Value> = p[0].iter().cloned().collect();
    seed(vm, &g, &seed_args, &[])?;
    let b: Box<dyn NativeObject> = Box::new(g);
    Ok(Value::Native(Arc::new(b)))
}

/// `SystemRandom`: a `Random` whose numbers come from the OS's entropy. CPython reads
/// `os.urandom` for every draw; here the generator is seeded once from 2,496 bytes of
/// `/dev/urandom` (the whole Mersenne Twister state), which is as unpredictable to a program.
/// `seed` does nothing, `getstate`/`setstate` raise, as in CPython.
static SYSTEM_RANDOM_CLASS: LazyLock<Arc<Class>> = LazyLock::new(|| {
    let c = crate::vm::object::Class::new_native(
        "SystemRandom",
        "random",
        Some(RANDOM_CLASS.clone()),
        Some(system_random_new),
    );
    add_method(&c, "seed", system_seed);
    add_method(&c, "getstate", system_no_state);
    add_method(&c, "setstate", system_no_state);
    c
});

fn system_random_new(_vm: &mut Vm, _args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    use std::io::Read;
    let mut bytes = vec![0u8; 4 * crate::vm::mt19937::N];
    let read = std::fs::File::open("/dev/urandom").and_then(|mut f| f.read_exact(&mut bytes));
    let seed = match read {
        Ok(()) => BigInt::from_bytes_le(num_bigint::Sign::Plus, &bytes),
        Err(_) => {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            BigInt::from(nanos)
        }
    };
    let mut g = RandomState::new(Mt19937::from_int_seed(&seed));
    g.system = true;
    let b: Box<dyn NativeObject> = Box::new(g);
    Ok(Value::Native(Arc::new(b)))
}

fn system_seed(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    native_self::<RandomState>(args, "random.Random")?;
    Ok(Value::None)
}

fn system_no_state(_vm: &mut Vm, args: &[Value], _kw: &KwArgs) -> PyResult<Value> {
    native_self::<RandomState>(args, "random.Random")?;
    Err(exc::not_implemented_error(
        "System entropy source does not have state.",
    ))
}

pub fn build(vm: &mut Vm) -> Arc<Module> {
    let m = vm.new_module("random");
    add_funcs(&m.dict, MODULE_FUNCS);
    m.dict.set_str("Random", Value::Class(RANDOM_CLASS.clone()));
    m.dict
        .set_str("SystemRandom", Value::Class(SYSTEM_RANDOM_CLASS.clone()));
    m
}

fn rand_f64(g: &RandomState) -> f64 {
    g.mt.lock().random()
}

fn randbelow(g: &RandomState, n: &BigInt) -> BigInt {
    g.mt.lock().randbelow(n)
}

fn randbelow_usize(g: &RandomState, n: usize) -> usize {
    randbelow(g, &BigInt::from(n)).to_usize().unwrap_or(0)
}

fn seed(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let p = bind_args(args, kw, "Random.seed", &["a", "version"], 0, 2, 1)?;
    let a = p[0].clone().unwrap_or(Value::None);
    let rng = match &a {
        Value::None => {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos());
            let mixed = nanos ^ ((vm.interp.start.elapsed().as_nanos()) << 64);
            Mt19937::from_int_seed(&BigInt::from(mixed))
        }
        Value::Int(_) | Value::BigInt(_) | Value::Bool(_) => {
            let n = crate::vm::num::to_bigint(&a).unwrap_or_default();
            Mt19937::from_int_seed(&n.abs())
        }
        Value::Float(x) => Mt19937::from_int_seed(&BigInt::from(hash_f64(*x) as u64)),
        Value::Str(s) => Mt19937::from_str_seed(s.as_str()),
        _ => {
            return Err(exc::type_error(
                "The only supported seed types are: None,\nint, float, str, bytes, and bytearray.",
            ));
        }
    };
    *g.mt.lock() = rng;
    *g.gauss_next.lock() = None;
    Ok(Value::None)
}

fn random(_vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "Random.random")?;
    Ok(Value::Float(rand_f64(g)))
}

fn getrandbits(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let v = crate::vm::modules::one_arg(args, kw, "Random.getrandbits")?;
    let k = arg_bigint(vm, v)?;
    if k.is_negative() {
        return Err(exc::value_error("number of bits must be non-negative"));
    }
    let Some(k) = k.to_u32() else {
        return Err(exc::overflow_error(
            "Python int too large to convert to C int",
        ));
    };
    let r = g.mt.lock().getrandbits(k);
    Ok(Value::from_bigint(r))
}

/// `randbytes(n)`: CPython 3.11's `self.getrandbits(n * 8).to_bytes(n, 'little')`, so the
/// same seed gives the same bytes.
fn randbytes(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let v = crate::vm::modules::one_arg(args, kw, "Random.randbytes")?;
    let n = arg_bigint(vm, v)?;
    let bits = vm.binary_op(
        &Value::from_bigint(n.clone()),
        &Value::Int(8),
        BinaryOp::Multiply,
    )?;
    let r = getrandbits(vm, g, &[bits], kw)?;
    let to_bytes = vm.getattr(&r, "to_bytes")?;
    vm.call(
        &to_bytes,
        &[Value::from_bigint(n), Value::str("little")],
        &[],
    )
}

/// `_index(x)` with 3.11's deprecated fallback for integral floats.
fn range_arg(vm: &mut Vm, v: &Value, what: &str) -> PyResult<BigInt> {
    if let Value::Float(x) = v {
        if x.is_finite() && x.fract() == 0.0 {
            return match crate::vm::types::int::float_to_int(*x)? {
                Value::Int(i) => Ok(BigInt::from(i)),
                Value::BigInt(b) => Ok((*b).clone()),
                _ => Ok(BigInt::zero()),
            };
        }
        if x.is_nan() {
            return Err(exc::value_error("cannot convert float NaN to integer"));
        }
        if x.is_infinite() {
            return Err(exc::overflow_error(
                "cannot convert float infinity to integer",
            ));
        }
        return Err(exc::value_error(format!(
            "non-integer {} for randrange()",
            what
        )));
    }
    arg_bigint(vm, v)
}

/// `randrange` on already-converted bounds (`stop` None: one-argument form).
pub fn randrange_impl(
    g: &RandomState,
    istart: &BigInt,
    istop: Option<&BigInt>,
    istep: &BigInt,
) -> PyResult<BigInt> {
    let Some(istop) = istop else {
        if istart.is_positive() {
            return Ok(randbelow(g, istart));
        }
        return Err(exc::value_error("empty range for randrange()"));
    };
    let width = istop - istart;
    if istep.is_one() {
        if width.is_positive() {
            return Ok(istart + randbelow(g, &width));
        }
        return Err(exc::value_error(format!(
            "empty range for randrange() ({}, {}, {})",
            istart, istop, width
        )));
    }
    let n = if istep.is_positive() {
        (&width + istep - BigInt::one()).div_floor(istep)
    } else if istep.is_negative() {
        (&width + istep + BigInt::one()).div_floor(istep)
    } else {
        return Err(exc::value_error("zero step for randrange()"));
    };
    if !n.is_positive() {
        return Err(exc::value_error("empty range for randrange()"));
    }
    Ok(istart + istep * randbelow(g, &n))
}

fn randrange(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let p = bind_args(
        args,
        kw,
        "Random.randrange",
        &["start", "stop", "step"],
        1,
        3,
        1,
    )?;
    let start = p[0].clone().unwrap_or(Value::None);
    let istart = range_arg(vm, &start, "arg 1")?;
    let stop = p[1].clone().filter(|v| !v.is_none());
    let Some(stop) = stop else {
        if p[2].is_some() {
            return Err(exc::type_error("Missing a non-None stop argument"));
        }
        return Ok(Value::from_bigint(randrange_impl(
            g,
            &istart,
            None,
            &BigInt::one(),
        )?));
    };
    let istop = range_arg(vm, &stop, "stop")?;
    let istep = match &p[2] {
        Some(s) => range_arg(vm, s, "step")?,
        None => BigInt::one(),
    };
    Ok(Value::from_bigint(randrange_impl(
        g,
        &istart,
        Some(&istop),
        &istep,
    )?))
}

fn randint(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let p = bind_args(args, kw, "Random.randint", &["a", "b"], 2, 2, 1)?;
    let a = p[0].clone().unwrap_or(Value::None);
    let b = p[1].clone().unwrap_or(Value::None);
    let b1 = vm.binary_op(&b, &Value::Int(1), BinaryOp::Add)?;
    randrange(vm, g, &[a, b1], &[])
}

fn choice(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let p = bind_args(args, kw, "Random.choice", &["seq"], 1, 1, 1)?;
    let seq = p[0].clone().unwrap_or(Value::None);
    let n = vm.len(&seq)?;
    if n == 0 {
        return Err(exc::index_error("Cannot choose from an empty sequence"));
    }
    let i = randbelow_usize(g, n);
    vm.getitem(&seq, &Value::Int(i as i64))
}

fn shuffle(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let p = bind_args(args, kw, "Random.shuffle", &["x"], 1, 1, 1)?;
    let x = p[0].clone().unwrap_or(Value::None);
    let n = vm.len(&x)?;
    for i in (1..n).rev() {
        let j = randbelow_usize(g, i + 1);
        if let Value::List(l) = &x {
            let mut items = l.items.lock();
            if i < items.len() && j < items.len() {
                items.swap(i, j);
                continue;
            }
        }
        let (ki, kj) = (Value::Int(i as i64), Value::Int(j as i64));
        let xi = vm.getitem(&x, &ki)?;
        let xj = vm.getitem(&x, &kj)?;
        vm.setitem(&x, &ki, xj)?;
        vm.setitem(&x, &kj, xi)?;
    }
    Ok(Value::None)
}

fn uniform(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let p = bind_args(args, kw, "Random.uniform", &["a", "b"], 2, 2, 1)?;
    let a = p[0].clone().unwrap_or(Value::None);
    let b = p[1].clone().unwrap_or(Value::None);
    let r = Value::Float(rand_f64(g));
    let width = vm.binary_op(&b, &a, BinaryOp::Subtract)?;
    let scaled = vm.binary_op(&width, &r, BinaryOp::Multiply)?;
    vm.binary_op(&a, &scaled, BinaryOp::Add)
}

fn is_sequence(v: &Value) -> bool {
    match v {
        Value::List(_) | Value::Tuple(_) | Value::Str(_) | Value::Range(_) => true,
        Value::Instance(i) => i.class.lookup("__getitem__").is_some(),
        _ => false,
    }
}

fn sample(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let p = bind_args(
        args,
        kw,
        "Random.sample",
        &["population", "k", "counts"],
        2,
        2,
        1,
    )?;
    let population = p[0].clone().unwrap_or(Value::None);
    let kv = p[1].clone().unwrap_or(Value::None);
    if !is_sequence(&population) {
        return Err(exc::type_error(
            "Population must be a sequence.  For dicts or sets, use sorted(d).",
        ));
    }
    let n = vm.len(&population)?;
    if let Some(counts) = p[2].clone().filter(|c| !c.is_none()) {
        let counts = vm.collect(&counts)?;
        let mut cum: Vec<BigInt> = Vec::with_capacity(counts.len());
        let mut acc = BigInt::zero();
        for c in &counts {
            let Some(b) = crate::vm::num::to_bigint(c) else {
                return Err(exc::type_error("Counts must be integers"));
            };
            acc += b;
            cum.push(acc.clone());
        }
        if cum.len() != n {
            return Err(exc::value_error(
                "The number of counts does not match the population",
            ));
        }
        let total = cum.pop().unwrap_or_default();
        if !total.is_positive() {
            return Err(exc::value_error(
                "Total of counts must be greater than zero",
            ));
        }
        let Some(total) = total.to_i64() else {
            return Err(exc::overflow_error(
                "Python int too large to convert to C ssize_t",
            ));
        };
        let range = Value::Range(Arc::new(crate::vm::object::RangeObj {
            start: 0,
            stop: total,
            step: 1,
        }));
        let sel = sample(vm, g, &[range, kv], &[])?;
        let sel = vm.collect(&sel)?;
        let mut out = Vec::with_capacity(sel.len());
        for s in sel {
            let s = crate::vm::num::to_bigint(&s).unwrap_or_default();
            let idx = cum.partition_point(|c| *c <= s);
            out.push(vm.getitem(&population, &Value::Int(idx as i64))?);
        }
        return Ok(Value::list(out));
    }
    let k = arg_bigint(vm, &kv)?;
    let k = match k.to_usize() {
        Some(k) if k <= n => k,
        _ => {
            return Err(exc::value_error(
                "Sample larger than population or is negative",
            ));
        }
    };
    let mut result: Vec<Value> = Vec::with_capacity(k);
    let mut setsize: usize = 21;
    if k > 5 {
        let e = ((k as f64 * 3.0).ln() / 4f64.ln()).ceil();
        setsize += 4f64.powf(e) as usize;
    }
    if n <= setsize {
        let mut pool = vm.collect(&population)?;
        for i in 0..k {
            let j = randbelow_usize(g, n - i);
            result.push(pool[j].clone());
            pool[j] = pool[n - i - 1].clone();
        }
    } else {
        let mut selected = std::collections::HashSet::with_capacity(k);
        for _ in 0..k {
            let mut j = randbelow_usize(g, n);
            while selected.contains(&j) {
                j = randbelow_usize(g, n);
            }
            selected.insert(j);
            result.push(vm.getitem(&population, &Value::Int(j as i64))?);
        }
    }
    Ok(Value::list(result))
}

fn choices(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    // population, weights=None, *, cum_weights=None, k=1
    let p = bind_args(
        args,
        kw,
        "Random.choices",
        &["population", "weights", "cum_weights", "k"],
        1,
        2,
        1,
    )?;
    let population = p[0].clone().unwrap_or(Value::None);
    let weights = p[1].clone().filter(|v| !v.is_none());
    let cum_weights = p[2].clone().filter(|v| !v.is_none());
    let k = match &p[3] {
        Some(v) => arg_bigint(vm, v)?.to_i64().unwrap_or(0).max(0) as usize,
        None => 1,
    };
    let n = vm.len(&population)?;
    let cum: Vec<Value> = match (weights, cum_weights) {
        (None, None) => {
            let nf = n as f64;
            let mut out = Vec::with_capacity(k);
            for _ in 0..k {
                let i = (rand_f64(g) * nf).floor() as i64;
                out.push(vm.getitem(&population, &Value::Int(i))?);
            }
            return Ok(Value::list(out));
        }
        (Some(_), Some(_)) => {
            return Err(exc::type_error(
                "Cannot specify both weights and cumulative weights",
            ));
        }
        (Some(w), None) => {
            let ws = vm.collect(&w)?;
            let mut cum = Vec::with_capacity(ws.len());
            let mut acc: Option<Value> = None;
            for x in ws {
                let next = match &acc {
                    None => x,
                    Some(a) => vm.binary_op(a, &x, BinaryOp::Add)?,
                };
                cum.push(next.clone());
                acc = Some(next);
            }
            cum
        }
        (None, Some(c)) => vm.collect(&c)?,
    };
    if cum.len() != n {
        return Err(exc::value_error(
            "The number of weights does not match the population",
        ));
    }
    let last = cum.last().cloned().unwrap_or(Value::Int(0));
    let total = vm.binary_op(&last, &Value::Float(0.0), BinaryOp::Add)?;
    let total = match total {
        Value::Float(x) => x,
        _ => 0.0,
    };
    if total <= 0.0 {
        return Err(exc::value_error(
            "Total of weights must be greater than zero",
        ));
    }
    if !total.is_finite() {
        return Err(exc::value_error("Total of weights must be finite"));
    }
    let hi = n - 1;
    let mut out = Vec::with_capacity(k);
    for _ in 0..k {
        let x = Value::Float(rand_f64(g) * total);
        // bisect_right(cum, x, 0, hi)
        let (mut lo, mut h) = (0usize, hi);
        while lo < h {
            let mid = (lo + h) / 2;
            if vm.lt(&x, &cum[mid])? {
                h = mid;
            } else {
                lo = mid + 1;
            }
        }
        out.push(vm.getitem(&population, &Value::Int(lo as i64))?);
    }
    Ok(Value::list(out))
}

fn float_arg(vm: &mut Vm, v: &Option<Value>, default: f64) -> PyResult<f64> {
    match v {
        Some(v) => crate::vm::modules::arg_f64(vm, v),
        None => Ok(default),
    }
}

fn gauss(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let p = bind_args(args, kw, "Random.gauss", &["mu", "sigma"], 0, 2, 1)?;
    let mu = float_arg(vm, &p[0], 0.0)?;
    let sigma = float_arg(vm, &p[1], 1.0)?;
    let saved = g.gauss_next.lock().take();
    let z = match saved {
        Some(z) => z,
        None => {
            let x2pi = rand_f64(g) * std::f64::consts::TAU;
            let g2rad = (-2.0 * (1.0 - rand_f64(g)).ln()).sqrt();
            *g.gauss_next.lock() = Some(x2pi.sin() * g2rad);
            x2pi.cos() * g2rad
        }
    };
    Ok(Value::Float(mu + z * sigma))
}

fn normalvariate(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let p = bind_args(args, kw, "Random.normalvariate", &["mu", "sigma"], 0, 2, 1)?;
    let mu = float_arg(vm, &p[0], 0.0)?;
    let sigma = float_arg(vm, &p[1], 1.0)?;
    Ok(Value::Float(mu + normal_z(g) * sigma))
}

fn expovariate(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let p = bind_args(args, kw, "Random.expovariate", &["lambd"], 1, 1, 1)?;
    let lambd = float_arg(vm, &p[0], 1.0)?;
    if lambd == 0.0 {
        return Err(exc::zero_division_error("float division by zero"));
    }
    Ok(Value::Float(-(1.0 - rand_f64(g)).ln() / lambd))
}

fn triangular(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let p = bind_args(
        args,
        kw,
        "Random.triangular",
        &["low", "high", "mode"],
        0,
        3,
        1,
    )?;
    let mut low = float_arg(vm, &p[0], 0.0)?;
    let mut high = float_arg(vm, &p[1], 1.0)?;
    let u = rand_f64(g);
    let mut c = match &p[2] {
        Some(m) if !m.is_none() => {
            let mode = crate::vm::modules::arg_f64(vm, m)?;
            if high == low {
                return Ok(Value::Float(low));
            }
            (mode - low) / (high - low)
        }
        _ => 0.5,
    };
    let mut u = u;
    if u > c {
        u = 1.0 - u;
        c = 1.0 - c;
        std::mem::swap(&mut low, &mut high);
    }
    Ok(Value::Float(low + (high - low) * (u * c).sqrt()))
}

/// `random.py`'s constants.
const TWOPI: f64 = std::f64::consts::TAU;

/// Python's float `%`: the result takes the divisor's sign.
fn py_fmod(x: f64, y: f64) -> f64 {
    let m = x % y;
    if m != 0.0 {
        if (y < 0.0) != (m < 0.0) { m + y } else { m }
    } else {
        0f64.copysign(y)
    }
}

/// Python's float `**` for the non-negative bases the distributions use: `0.0 ** negative`
/// raises as CPython does.
fn py_pow(x: f64, y: f64) -> PyResult<f64> {
    if x == 0.0 && y < 0.0 {
        return Err(exc::zero_division_error(
            "0.0 cannot be raised to a negative power",
        ));
    }
    Ok(x.powf(y))
}

fn float_div(a: f64, b: f64) -> PyResult<f64> {
    if b == 0.0 {
        return Err(exc::zero_division_error("float division by zero"));
    }
    Ok(a / b)
}

/// The two float parameters of a distribution, both required.
fn two_floats(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    names: &[&str],
) -> PyResult<(f64, f64)> {
    let p = bind_args(args, kw, name, names, 2, 2, 1)?;
    Ok((float_arg(vm, &p[0], 0.0)?, float_arg(vm, &p[1], 0.0)?))
}

fn normal_z(g: &RandomState) -> f64 {
    let magic = 4.0 * (-0.5f64).exp() / 2.0f64.sqrt();
    loop {
        let u1 = rand_f64(g);
        let u2 = 1.0 - rand_f64(g);
        let z = magic * (u1 - 0.5) / u2;
        let zz = z * z / 4.0;
        if zz <= -u2.ln() {
            return z;
        }
    }
}

fn lognormvariate(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (mu, sigma) = two_floats(vm, args, kw, "Random.lognormvariate", &["mu", "sigma"])?;
    Ok(Value::Float((mu + normal_z(g) * sigma).exp()))
}

fn vonmisesvariate(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (mu, kappa) = two_floats(vm, args, kw, "Random.vonmisesvariate", &["mu", "kappa"])?;
    if kappa <= 1e-6 {
        return Ok(Value::Float(TWOPI * rand_f64(g)));
    }
    let s = 0.5 / kappa;
    let r = s + (1.0 + s * s).sqrt();
    let z = loop {
        let u1 = rand_f64(g);
        let z = (std::f64::consts::PI * u1).cos();
        let d = z / (r + z);
        let u2 = rand_f64(g);
        if u2 < 1.0 - d * d || u2 <= (1.0 - d) * d.exp() {
            break z;
        }
    };
    let q = 1.0 / r;
    let f = (q + z) / (1.0 + q * z);
    let u3 = rand_f64(g);
    let theta = if u3 > 0.5 {
        py_fmod(mu + f.acos(), TWOPI)
    } else {
        py_fmod(mu - f.acos(), TWOPI)
    };
    Ok(Value::Float(theta))
}

fn gamma_draw(g: &RandomState, alpha: f64, beta: f64) -> PyResult<f64> {
    if alpha <= 0.0 || beta <= 0.0 {
        return Err(exc::value_error(
            "gammavariate: alpha and beta must be > 0.0",
        ));
    }
    if alpha > 1.0 {
        let log4 = 4.0f64.ln();
        let sg_magicconst = 1.0 + 4.5f64.ln();
        let ainv = (2.0 * alpha - 1.0).sqrt();
        let bbb = alpha - log4;
        let ccc = alpha + ainv;
        loop {
            let u1 = rand_f64(g);
            if !(1e-7 < u1 && u1 < 0.9999999) {
                continue;
            }
            let u2 = 1.0 - rand_f64(g);
            let v = (u1 / (1.0 - u1)).ln() / ainv;
            let x = alpha * v.exp();
            let z = u1 * u1 * u2;
            let r = bbb + ccc * v - x;
            if r + sg_magicconst - 4.5 * z >= 0.0 || r >= z.ln() {
                return Ok(x * beta);
            }
        }
    } else if alpha == 1.0 {
        Ok(-(1.0 - rand_f64(g)).ln() * beta)
    } else {
        let e = std::f64::consts::E;
        loop {
            let u = rand_f64(g);
            let b = (e + alpha) / e;
            let p = b * u;
            let x = if p <= 1.0 {
                py_pow(p, 1.0 / alpha)?
            } else {
                -((b - p) / alpha).ln()
            };
            let u1 = rand_f64(g);
            if p > 1.0 {
                if u1 <= py_pow(x, alpha - 1.0)? {
                    return Ok(x * beta);
                }
            } else if u1 <= (-x).exp() {
                return Ok(x * beta);
            }
        }
    }
}

fn gammavariate(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (alpha, beta) = two_floats(vm, args, kw, "Random.gammavariate", &["alpha", "beta"])?;
    Ok(Value::Float(gamma_draw(g, alpha, beta)?))
}

fn betavariate(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (alpha, beta) = two_floats(vm, args, kw, "Random.betavariate", &["alpha", "beta"])?;
    let y = gamma_draw(g, alpha, 1.0)?;
    if y != 0.0 {
        let y2 = gamma_draw(g, beta, 1.0)?;
        return Ok(Value::Float(float_div(y, y + y2)?));
    }
    Ok(Value::Float(0.0))
}

fn paretovariate(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let p = bind_args(args, kw, "Random.paretovariate", &["alpha"], 1, 1, 1)?;
    let alpha = float_arg(vm, &p[0], 1.0)?;
    let u = 1.0 - rand_f64(g);
    Ok(Value::Float(py_pow(u, float_div(-1.0, alpha)?)?))
}

fn weibullvariate(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (alpha, beta) = two_floats(vm, args, kw, "Random.weibullvariate", &["alpha", "beta"])?;
    let u = 1.0 - rand_f64(g);
    Ok(Value::Float(
        alpha * py_pow(-u.ln(), float_div(1.0, beta)?)?,
    ))
}

/// `getstate()`: `(3, (624 words..., index), gauss_next)`, CPython's version 3 state.
fn getstate(_vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "Random.getstate")?;
    let internal = {
        let mt = g.mt.lock();
        let (words, index) = mt.words();
        let mut v: Vec<Value> = words.iter().map(|w| Value::Int(i64::from(*w))).collect();
        v.push(Value::Int(index as i64));
        v
    };
    let gauss_next = match *g.gauss_next.lock() {
        Some(x) => Value::Float(x),
        None => Value::None,
    };
    Ok(Value::tuple(vec![
        Value::Int(3),
        Value::tuple(internal),
        gauss_next,
    ]))
}

/// `setstate(state)`: versions 3 and 2 (whose words may be negative C longs), with
/// CPython's errors.
fn setstate(vm: &mut Vm, g: &RandomState, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let p = bind_args(args, kw, "Random.setstate", &["state"], 1, 1, 1)?;
    let state = p[0].clone().unwrap_or(Value::None);
    let items = vm.collect(&state)?;
    let version = items.first().cloned().unwrap_or(Value::None);
    let is_version =
        |n: i64| matches!(crate::vm::num::to_bigint(&version), Some(v) if v == BigInt::from(n));
    if is_version(3) || is_version(2) {
        if items.len() != 3 {
            return Err(exc::value_error(if items.len() > 3 {
                "too many values to unpack (expected 3)".to_string()
            } else {
                format!(
                    "not enough values to unpack (expected 3, got {})",
                    items.len()
                )
            }));
        }
        let Value::Tuple(internal) = &items[1] else {
            if is_version(2) {
                return Err(exc::type_error("state vector must be a tuple"));
            }
            return Err(exc::type_error("state vector must be a tuple"));
        };
        let gauss_next = match &items[2] {
            Value::None => None,
            v => Some(crate::vm::modules::arg_f64(vm, v)?),
        };
        let internal: Vec<Value> = if is_version(2) {
            // Version 2 pickled the words as C longs: `x % 2**32`.
            let m = BigInt::from(1u64 << 32);
            internal
                .0
                .iter()
                .map(|x| {
                    let b = crate::vm::num::to_bigint(x).unwrap_or_default();
                    Value::from_bigint(b.mod_floor(&m))
                })
                .collect()
        } else {
            internal.0.clone()
        };
        if internal.len() != crate::vm::mt19937::N + 1 {
            return Err(exc::value_error("state vector is the wrong size"));
        }
        let mut words = [0u32; crate::vm::mt19937::N];
        for (slot, x) in words.iter_mut().zip(&internal) {
            let b = arg_bigint(vm, x)?;
            if b.is_negative() {
                return Err(exc::overflow_error(
                    "can't convert negative value to unsigned int",
                ));
            }
            // PyLong_AsUnsignedLong, then truncated to 32 bits as CPython's `(uint32_t)`.
            let Some(w) = b.to_u64() else {
                return Err(exc::overflow_error(
                    "Python int too large to convert to C unsigned long",
                ));
            };
            *slot = w as u32;
        }
        let index = arg_bigint(vm, &internal[crate::vm::mt19937::N])?;
        let index = match index.to_i64() {
            Some(i) if (0..=crate::vm::mt19937::N as i64).contains(&i) => i as usize,
            Some(_) => return Err(exc::value_error("invalid state")),
            None => {
                return Err(exc::overflow_error(
                    "Python int too large to convert to C ssize_t",
                ));
            }
        };
        *g.mt.lock() = Mt19937::from_words(words, index);
        *g.gauss_next.lock() = gauss_next;
        return Ok(Value::None);
    }
    let shown = vm.repr(&version)?;
    Err(exc::value_error(format!(
        "state with version {} passed to Random.setstate() of version 3",
        shown
    )))
}

#[cfg(test)]
mod tests {
    use crate::vm::Vm;
    use crate::vm::modules::tests::{assert_errors, call_kw, i, vm};
    use crate::vm::object::value::Value;

    fn run(
        vm: &mut Vm,
        name: &str,
        args: &[Value],
        kw: &[(&str, Value)],
    ) -> Result<String, String> {
        let kw: Vec<(std::sync::Arc<str>, Value)> = kw
            .iter()
            .map(|(k, v)| (std::sync::Arc::from(*k), v.clone()))
            .collect();
        let v = call_kw(vm, "random", name, args, &kw)?;
        Ok(vm.repr(&v).unwrap_or_default())
    }

    #[test]
    fn errors() {
        assert_errors(
            &mut vm(),
            "random",
            &[
                (
                    "randrange",
                    vec![i(5), i(5)],
                    "ValueError: empty range for randrange() (5, 5, 0)",
                ),
                (
                    "randrange",
                    vec![i(0)],
                    "ValueError: empty range for randrange()",
                ),
                (
                    "randrange",
                    vec![i(1), i(10), i(0)],
                    "ValueError: zero step for randrange()",
                ),
                (
                    "randrange",
                    vec![i(10), i(1), i(2)],
                    "ValueError: empty range for randrange()",
                ),
                (
                    "randrange",
                    vec![Value::Float(1.5)],
                    "ValueError: non-integer arg 1 for randrange()",
                ),
                (
                    "randrange",
                    vec![i(1), Value::None, i(2)],
                    "TypeError: Missing a non-None stop argument",
                ),
                (
                    "randrange",
                    vec![],
                    "TypeError: Random.randrange() missing 1 required positional argument: 'start'",
                ),
                (
                    "randint",
                    vec![i(1), i(2), i(3)],
                    "TypeError: Random.randint() takes 3 positional arguments but 4 were given",
                ),
                (
                    "randint",
                    vec![],
                    "TypeError: Random.randint() missing 2 required positional arguments: 'a' and 'b'",
                ),
                (
                    "choice",
                    vec![Value::list(vec![])],
                    "IndexError: Cannot choose from an empty sequence",
                ),
                (
                    "sample",
                    vec![Value::list(vec![i(1), i(2)]), i(3)],
                    "ValueError: Sample larger than population or is negative",
                ),
                (
                    "getrandbits",
                    vec![i(-1)],
                    "ValueError: number of bits must be non-negative",
                ),
                (
                    "random",
                    vec![i(1)],
                    "TypeError: Random.random() takes no arguments (1 given)",
                ),
            ],
        );
    }

    #[test]
    fn matches_cpython() {
        let mut vm = vm();
        let vm = &mut vm;
        let ok = |vm: &mut Vm, name: &str, args: &[Value]| run(vm, name, args, &[]).unwrap();
        ok(vm, "seed", &[i(42)]);
        assert_eq!(ok(vm, "random", &[]), "0.6394267984578837");
        assert_eq!(ok(vm, "randint", &[i(1), i(10)]), "1");
        assert_eq!(ok(vm, "randrange", &[i(0), i(100), i(7)]), "77");
        assert_eq!(ok(vm, "choice", &[Value::str("abcdef")]), "'c'");
        let l = Value::list((0..10).map(i).collect());
        ok(vm, "shuffle", std::slice::from_ref(&l));
        assert_eq!(
            vm.repr(&l).unwrap_or_default(),
            "[8, 1, 7, 6, 4, 0, 5, 2, 9, 3]"
        );
        let r100 = Value::Range(std::sync::Arc::new(crate::vm::object::RangeObj {
            start: 0,
            stop: 100,
            step: 1,
        }));
        let r10 = Value::Range(std::sync::Arc::new(crate::vm::object::RangeObj {
            start: 0,
            stop: 10,
            step: 1,
        }));
        assert_eq!(ok(vm, "sample", &[r100, i(5)]), "[4, 3, 11, 27, 29]");
        assert_eq!(ok(vm, "sample", &[r10, i(3)]), "[8, 0, 3]");
        assert_eq!(
            run(vm, "choices", &[Value::str("abc")], &[("k", i(4))]).unwrap(),
            "['c', 'c', 'b', 'b']"
        );
        let w = Value::list(vec![i(1), i(2), i(3)]);
        assert_eq!(
            run(vm, "choices", &[Value::str("abc"), w], &[("k", i(4))]).unwrap(),
            "['b', 'c', 'c', 'a']"
        );
        assert_eq!(ok(vm, "uniform", &[i(1), i(2)]), "1.4226143981535024");
        assert_eq!(ok(vm, "getrandbits", &[i(70)]), "242675763540280906633");
        assert_eq!(ok(vm, "gauss", &[i(0), i(1)]), "0.8734043853794468");
        assert_eq!(ok(vm, "gauss", &[i(0), i(1)]), "-0.2406296726551354");
        ok(vm, "seed", &[Value::str("hello")]);
        assert_eq!(ok(vm, "random", &[]), "0.3537754404730722");
        ok(vm, "seed", &[Value::Float(1.5)]);
        assert_eq!(ok(vm, "random", &[]), "0.551763726942059");
        ok(vm, "seed", &[i(-7)]);
        assert_eq!(ok(vm, "random", &[]), "0.32383276483316237");
    }
}
