//! `math`: CPython's `mathmodule.c`, with its special cases and error messages.

use std::sync::Arc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::bytecode::BinaryOp;
use crate::vm::Vm;
use crate::vm::modules::{add_funcs, arg_bigint, arg_f64, bind_args, one_arg, positional};
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, Module, PyResult};
use crate::vm::types::int::float_to_int;

pub fn build(vm: &mut Vm) -> Arc<Module> {
    let m = vm.new_module("math");
    let d = &m.dict;
    d.set_str("pi", Value::Float(std::f64::consts::PI));
    d.set_str("e", Value::Float(std::f64::consts::E));
    d.set_str("tau", Value::Float(std::f64::consts::TAU));
    d.set_str("inf", Value::Float(f64::INFINITY));
    d.set_str("nan", Value::Float(f64::NAN));
    add_funcs(
        d,
        &[
            ("sqrt", sqrt),
            ("exp", exp),
            ("exp2", exp2),
            ("expm1", expm1),
            ("cbrt", cbrt),
            ("erf", erf),
            ("erfc", erfc),
            ("gamma", gamma),
            ("lgamma", lgamma),
            ("sin", sin),
            ("cos", cos),
            ("tan", tan),
            ("asin", asin),
            ("acos", acos),
            ("atan", atan),
            ("sinh", sinh),
            ("cosh", cosh),
            ("tanh", tanh),
            ("asinh", asinh),
            ("acosh", acosh),
            ("atanh", atanh),
            ("log1p", log1p),
            ("fabs", fabs),
            ("degrees", degrees),
            ("radians", radians),
            ("pow", pow),
            ("atan2", atan2),
            ("copysign", copysign),
            ("fmod", fmod),
            ("remainder", remainder),
            ("log", log),
            ("log2", log2),
            ("log10", log10),
            ("hypot", hypot),
            ("dist", dist),
            ("floor", floor),
            ("ceil", ceil),
            ("trunc", trunc),
            ("modf", modf),
            ("frexp", frexp),
            ("ldexp", ldexp),
            ("factorial", factorial),
            ("gcd", gcd),
            ("lcm", lcm),
            ("isqrt", isqrt),
            ("comb", comb),
            ("perm", perm),
            ("isclose", isclose),
            ("isfinite", isfinite),
            ("isinf", isinf),
            ("isnan", isnan),
            ("fsum", fsum),
            ("prod", prod),
        ],
    );
    m
}

#[cold]
fn domain_error() -> PyErr {
    exc::value_error("math domain error")
}

#[cold]
fn range_error() -> PyErr {
    exc::overflow_error("math range error")
}

/// CPython's `math_1`: NaN out of a non-NaN is a domain error; an infinity out of a finite
/// input is a range error when the function can overflow, else a domain error.
fn math_1(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    f: fn(f64) -> f64,
    can_overflow: bool,
) -> PyResult<Value> {
    let x = arg_f64(vm, one_arg(args, kw, name)?)?;
    Ok(Value::Float(check_1(x, f(x), can_overflow)?))
}

fn check_1(x: f64, r: f64, can_overflow: bool) -> PyResult<f64> {
    if r.is_nan() && !x.is_nan() {
        return Err(domain_error());
    }
    if r.is_infinite() && x.is_finite() {
        return Err(if can_overflow {
            range_error()
        } else {
            domain_error()
        });
    }
    Ok(r)
}

macro_rules! unary {
    ($($name:ident => $f:expr, $over:expr;)*) => {
        $(
            fn $name(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
                math_1(vm, args, kw, concat!("math.", stringify!($name)), $f, $over)
            }
        )*
    };
}

unary! {
    sqrt => f64::sqrt, false;
    exp => f64::exp, true;
    exp2 => f64::exp2, true;
    expm1 => f64::exp_m1, true;
    cbrt => |x| glibc::call(&glibc::CBRT, x), false;
    erf => |x| libm::erf(x), false;
    erfc => |x| libm::erfc(x), false;
    sin => f64::sin, false;
    cos => f64::cos, false;
    tan => f64::tan, false;
    asin => f64::asin, false;
    acos => f64::acos, false;
    atan => f64::atan, false;
    sinh => f64::sinh, true;
    cosh => f64::cosh, true;
    tanh => f64::tanh, false;
    asinh => |x| glibc::call(&glibc::ASINH, x), false;
    acosh => |x| glibc::call(&glibc::ACOSH, x), false;
    atanh => |x| glibc::call(&glibc::ATANH, x), false;
    log1p => f64::ln_1p, false;
    fabs => f64::abs, false;
    degrees => |x: f64| x * (180.0 / std::f64::consts::PI), true;
    radians => |x: f64| x * (std::f64::consts::PI / 180.0), false;
}

fn two_floats(vm: &mut Vm, args: &[Value], kw: &KwArgs, name: &str) -> PyResult<(f64, f64)> {
    let a = positional(args, kw, name, 2, 2)?;
    Ok((arg_f64(vm, &a[0])?, arg_f64(vm, &a[1])?))
}

fn pow(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (x, y) = two_floats(vm, args, kw, "pow")?;
    Ok(Value::Float(float_pow(x, y)?))
}

fn float_pow(x: f64, y: f64) -> PyResult<f64> {
    if !x.is_finite() || !y.is_finite() {
        let r = if x.is_nan() {
            if y == 0.0 { 1.0 } else { x }
        } else if y.is_nan() {
            if x == 1.0 { 1.0 } else { y }
        } else if x.is_infinite() {
            let odd_y = y.is_finite() && (y.abs() % 2.0) == 1.0;
            if y > 0.0 {
                if odd_y { x } else { x.abs() }
            } else if y == 0.0 {
                1.0
            } else if odd_y {
                0.0f64.copysign(x)
            } else {
                0.0
            }
        } else if x.abs() == 1.0 {
            1.0
        } else if y > 0.0 && x.abs() > 1.0 {
            y
        } else if y < 0.0 && x.abs() < 1.0 {
            -y
        } else {
            0.0
        };
        return Ok(r);
    }
    if x == 0.0 && y < 0.0 {
        return Err(domain_error());
    }
    let r = x.powf(y);
    if r.is_nan() {
        return Err(domain_error());
    }
    if r.is_infinite() {
        return Err(range_error());
    }
    Ok(r)
}

fn atan2(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (y, x) = two_floats(vm, args, kw, "atan2")?;
    Ok(Value::Float(y.atan2(x)))
}

fn copysign(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (x, y) = two_floats(vm, args, kw, "copysign")?;
    Ok(Value::Float(x.copysign(y)))
}

fn fmod(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (x, y) = two_floats(vm, args, kw, "fmod")?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::Float(x));
    }
    let r = x % y;
    if r.is_nan() && !x.is_nan() && !y.is_nan() {
        return Err(domain_error());
    }
    Ok(Value::Float(r))
}

fn remainder(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (x, y) = two_floats(vm, args, kw, "remainder")?;
    if x.is_nan() {
        return Ok(Value::Float(x));
    }
    if y.is_nan() {
        return Ok(Value::Float(y));
    }
    if x.is_infinite() || y == 0.0 {
        return Err(domain_error());
    }
    if y.is_infinite() {
        return Ok(Value::Float(x));
    }
    // CPython's m_remainder.
    let absx = x.abs();
    let absy = y.abs();
    let m = absx % absy;
    let c = absy - m;
    let r = if m < c {
        m
    } else if m > c {
        -c
    } else {
        m - 2.0 * ((0.5 * (absx - m)) % absy)
    };
    Ok(Value::Float(1.0f64.copysign(x) * r))
}

/// `_PyLong_Frexp`: a positive int as `x * 2**e` with `0.5 <= x < 1`, correctly rounded.
fn bigint_frexp(b: &BigInt) -> (f64, i64) {
    let bits = b.bits();
    let (top, shift) = if bits > 55 {
        let shift = bits - 55;
        let top: BigInt = b >> shift;
        let sticky = (&top << shift) != *b;
        (top.to_u64().unwrap_or(0) | sticky as u64, shift)
    } else {
        (b.to_u64().unwrap_or(0), 0)
    };
    let width = bits - shift;
    let mut x = top as f64 / 2f64.powi(width as i32);
    let mut e = bits as i64;
    if x >= 1.0 {
        x /= 2.0;
        e += 1;
    }
    (x, e)
}

/// `loghelper`: ints of any size, then floats with `m_log`'s special cases.
fn loghelper(vm: &mut Vm, v: &Value, f: fn(f64) -> f64) -> PyResult<f64> {
    if let Some(b) = crate::vm::num::to_bigint(v) {
        if !b.is_positive() {
            return Err(domain_error());
        }
        return Ok(match b.to_f64() {
            Some(x) if x.is_finite() => f(x),
            _ => {
                let (x, e) = bigint_frexp(&b);
                f(x) + f(2.0) * e as f64
            }
        });
    }
    let x = arg_f64(vm, v)?;
    if x.is_finite() {
        if x > 0.0 {
            Ok(f(x))
        } else {
            Err(domain_error())
        }
    } else if x.is_nan() || x > 0.0 {
        Ok(x)
    } else {
        Err(domain_error())
    }
}

fn log(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(crate::vm::modules::no_keywords("log"));
    }
    if args.is_empty() || args.len() > 2 {
        return Err(exc::type_error("math.log requires 1 to 2 arguments"));
    }
    let num = loghelper(vm, &args[0], f64::ln)?;
    if args.len() == 2 {
        let den = loghelper(vm, &args[1], f64::ln)?;
        if den == 0.0 {
            return Err(exc::zero_division_error("float division by zero"));
        }
        return Ok(Value::Float(num / den));
    }
    Ok(Value::Float(num))
}

fn log2(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let v = one_arg(args, kw, "math.log2")?;
    Ok(Value::Float(loghelper(vm, v, f64::log2)?))
}

fn log10(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let v = one_arg(args, kw, "math.log10")?;
    Ok(Value::Float(loghelper(vm, v, f64::log10)?))
}

/// The Euclidean norm of a vector, scaled to avoid overflow and underflow.
/// The exponent `frexp(x)` gives (`x = m * 2**e`, `0.5 <= |m| < 1`), for a finite nonzero `x`.
fn frexp_exp(x: f64) -> i64 {
    let (m, bias) = if x.abs() < f64::MIN_POSITIVE {
        (x * 2f64.powi(64), -64)
    } else {
        (x, 0)
    };
    ((m.to_bits() >> 52) & 0x7ff) as i64 - 1022 + bias
}

/// CPython 3.11's `vector_norm` (`hypot`, `dist`): power-of-two scaling, Veltkamp-Dekker
/// splitting, compensated summation in three parts and a differential correction of the
/// square root, operation for operation, so the last bit agrees.
fn vector_norm(v: &[f64]) -> f64 {
    const T27: f64 = 134_217_729.0; // ldexp(1.0, 27) + 1.0
    let mut max = 0.0f64;
    let mut found_nan = false;
    for &x in v {
        let x = x.abs();
        if x.is_nan() {
            found_nan = true;
        }
        if x > max {
            max = x;
        }
    }
    if max.is_infinite() {
        return max;
    }
    if found_nan {
        return f64::NAN;
    }
    if max == 0.0 || v.len() <= 1 {
        return max;
    }
    let (mut csum, mut frac1, mut frac2, mut frac3) = (1.0f64, 0.0f64, 0.0f64, 0.0f64);
    let max_e = frexp_exp(max);
    if max_e >= -1023 {
        // ldexp(1.0, -max_e), in two exact halves (2**-1024 is subnormal, and powi would
        // divide by an overflowed 2**1024).
        let half = (-max_e / 2) as i32;
        let scale = 2f64.powi(half) * 2f64.powi(-max_e as i32 - half);
        for &value in v {
            let mut x = value.abs() * scale;
            let t = x * T27;
            let hi = t - (t - x);
            let lo = x - hi;
            x = hi * hi;
            let mut oldcsum = csum;
            csum += x;
            frac1 += (oldcsum - csum) + x;
            x = 2.0 * hi * lo;
            oldcsum = csum;
            csum += x;
            frac2 += (oldcsum - csum) + x;
            frac3 += lo * lo;
        }
        let h = (csum - 1.0 + (frac1 + frac2 + frac3)).sqrt();
        let mut x = h;
        let t = x * T27;
        let hi = t - (t - x);
        let lo = x - hi;
        x = -hi * hi;
        let mut oldcsum = csum;
        csum += x;
        frac1 += (oldcsum - csum) + x;
        x = -2.0 * hi * lo;
        oldcsum = csum;
        csum += x;
        frac2 += (oldcsum - csum) + x;
        x = -lo * lo;
        oldcsum = csum;
        csum += x;
        frac3 += (oldcsum - csum) + x;
        x = csum - 1.0 + (frac1 + frac2 + frac3);
        return (h + x / (2.0 * h)) / scale;
    }
    // When max_e < -1023, the scale would overflow: divide by max instead.
    for &value in v {
        let x = value.abs() / max;
        let x = x * x;
        let oldcsum = csum;
        csum += x;
        frac1 += (oldcsum - csum) + x;
    }
    max * (csum - 1.0 + frac1).sqrt()
}

fn hypot(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(crate::vm::modules::no_keywords("hypot"));
    }
    let mut v = Vec::with_capacity(args.len());
    for a in args {
        v.push(arg_f64(vm, a)?);
    }
    Ok(Value::Float(vector_norm(&v)))
}

fn dist(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = positional(args, kw, "dist", 2, 2)?;
    let p = seq_floats(vm, &a[0], "first")?;
    let q = seq_floats(vm, &a[1], "second")?;
    if p.len() != q.len() {
        return Err(exc::value_error(
            "both points must have the same number of dimensions",
        ));
    }
    let d: Vec<f64> = p.iter().zip(&q).map(|(x, y)| x - y).collect();
    Ok(Value::Float(vector_norm(&d)))
}

fn seq_floats(vm: &mut Vm, v: &Value, which: &str) -> PyResult<Vec<f64>> {
    let items = match v {
        Value::Tuple(t) => t.0.clone(),
        Value::List(l) => l.snapshot(),
        _ => {
            return Err(exc::type_error(format!(
                "dist(): {} argument must be a sequence",
                which
            )));
        }
    };
    items.iter().map(|x| arg_f64(vm, x)).collect()
}

fn int_value(v: &Value) -> Option<Value> {
    match v {
        Value::Int(_) | Value::BigInt(_) => Some(v.clone()),
        Value::Bool(b) => Some(Value::Int(*b as i64)),
        _ => None,
    }
}

fn rounding(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    dunder: &str,
    f: fn(f64) -> f64,
) -> PyResult<Value> {
    let v = one_arg(args, kw, name)?;
    if let Some(i) = int_value(v) {
        return Ok(i);
    }
    if let Value::Float(x) = v {
        return float_to_int(f(*x));
    }
    if let Some(r) = vm.call_special(v, dunder, &[])? {
        return Ok(r);
    }
    let x = arg_f64(vm, v)?;
    float_to_int(f(x))
}

fn floor(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    rounding(vm, args, kw, "math.floor", "__floor__", f64::floor)
}

fn ceil(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    rounding(vm, args, kw, "math.ceil", "__ceil__", f64::ceil)
}

fn trunc(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let v = one_arg(args, kw, "math.trunc")?;
    if let Some(i) = int_value(v) {
        return Ok(i);
    }
    if let Value::Float(x) = v {
        return float_to_int(x.trunc());
    }
    match vm.call_special(v, "__trunc__", &[])? {
        Some(r) => Ok(r),
        None => Err(exc::type_error(format!(
            "type {} doesn't define __trunc__ method",
            v.type_name()
        ))),
    }
}

fn modf(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = arg_f64(vm, one_arg(args, kw, "math.modf")?)?;
    let (frac, int) = if x.is_infinite() {
        (0.0f64.copysign(x), x)
    } else {
        let i = x.trunc();
        ((x - i).copysign(x), i)
    };
    Ok(Value::tuple(vec![Value::Float(frac), Value::Float(int)]))
}

fn frexp(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = arg_f64(vm, one_arg(args, kw, "math.frexp")?)?;
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::tuple(vec![Value::Float(x), Value::Int(0)]));
    }
    let mut e = 0i64;
    let mut m = x;
    if m.abs() < f64::MIN_POSITIVE {
        m *= 2f64.powi(64);
        e -= 64;
    }
    let bits = m.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    e += exp - 1022;
    let m = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    Ok(Value::tuple(vec![Value::Float(m), Value::Int(e)]))
}

fn ldexp(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = positional(args, kw, "ldexp", 2, 2)?;
    let x = arg_f64(vm, &a[0])?;
    let Some(e) = crate::vm::num::to_bigint(&a[1]) else {
        return Err(exc::type_error(
            "Expected an int as second argument to ldexp.",
        ));
    };
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::Float(x));
    }
    let e = e
        .to_i64()
        .unwrap_or(if e.is_negative() { i64::MIN } else { i64::MAX });
    let e = e.clamp(-2200, 2200) as i32;
    // Scale in steps so that intermediate results stay representable.
    let mut r = x;
    let mut left = e;
    while left != 0 {
        let step = left.clamp(-1000, 1000);
        r *= 2f64.powi(step);
        left -= step;
    }
    if r.is_infinite() {
        return Err(range_error());
    }
    Ok(Value::Float(r))
}

/// A non-negative integer argument for the combinatorics functions.
fn product_range(lo: u64, hi: u64) -> BigInt {
    // The product of lo..=hi by binary splitting.
    if lo > hi {
        return BigInt::one();
    }
    if hi - lo < 16 {
        let mut acc = BigInt::one();
        let mut small: u64 = 1;
        for i in lo..=hi {
            match small.checked_mul(i) {
                Some(s) => small = s,
                None => {
                    acc *= small;
                    small = i;
                }
            }
        }
        return acc * small;
    }
    let mid = lo + (hi - lo) / 2;
    product_range(lo, mid) * product_range(mid + 1, hi)
}

fn factorial(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let v = one_arg(args, kw, "math.factorial")?;
    let n = arg_bigint(vm, v)?;
    if n.is_negative() {
        return Err(exc::value_error(
            "factorial() not defined for negative values",
        ));
    }
    let Some(n) = n.to_u64().filter(|n| *n <= i64::MAX as u64) else {
        return Err(exc::overflow_error(
            "factorial() argument should not exceed 9223372036854775807",
        ));
    };
    Ok(Value::from_bigint(product_range(2, n)))
}

fn gcd(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    fold_ints(vm, args, kw, "gcd", BigInt::zero(), |acc, b| acc.gcd(b))
}

fn lcm(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    fold_ints(vm, args, kw, "lcm", BigInt::one(), |acc, b| {
        if acc.is_zero() || b.is_zero() {
            BigInt::zero()
        } else {
            acc.lcm(b).abs()
        }
    })
}

/// `gcd`/`lcm`: the integer arguments (positional only) folded into `init` by `step`.
fn fold_ints(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    init: BigInt,
    step: impl Fn(&BigInt, &BigInt) -> BigInt,
) -> PyResult<Value> {
    if !kw.is_empty() {
        return Err(crate::vm::modules::no_keywords(name));
    }
    let mut acc = init;
    for a in args {
        let b = arg_bigint(vm, a)?;
        acc = step(&acc, &b);
    }
    Ok(Value::from_bigint(acc))
}

fn isqrt(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let n = arg_bigint(vm, one_arg(args, kw, "math.isqrt")?)?;
    if n.is_negative() {
        return Err(exc::value_error("isqrt() argument must be nonnegative"));
    }
    Ok(Value::from_bigint(n.sqrt()))
}

fn nk_args(vm: &mut Vm, n: &Value, k: &Value) -> PyResult<(BigInt, BigInt)> {
    let n = arg_bigint(vm, n)?;
    let k = arg_bigint(vm, k)?;
    if n.is_negative() {
        return Err(exc::value_error("n must be a non-negative integer"));
    }
    if k.is_negative() {
        return Err(exc::value_error("k must be a non-negative integer"));
    }
    Ok((n, k))
}

fn comb(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = positional(args, kw, "comb", 2, 2)?;
    let (n, k) = nk_args(vm, &a[0], &a[1])?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = std::cmp::min(k.clone(), &n - &k);
    let Some(k) = k.to_u64() else {
        return Err(exc::overflow_error(
            "min(n - k, k) must not exceed 9223372036854775807",
        ));
    };
    let mut r = BigInt::one();
    for i in 0..k {
        r = r * (&n - i) / (i + 1);
    }
    Ok(Value::from_bigint(r))
}

fn perm(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = positional(args, kw, "perm", 1, 2)?;
    if a.len() == 1 || a[1].is_none() {
        return factorial(vm, &a[..1], &[]);
    }
    let (n, k) = nk_args(vm, &a[0], &a[1])?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let Some(k) = k.to_u64() else {
        return Err(exc::overflow_error("k must not exceed 9223372036854775807"));
    };
    let mut r = BigInt::one();
    for i in 0..k {
        r *= &n - i;
    }
    Ok(Value::from_bigint(r))
}

/// `isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0)`'s arguments bound (math's and cmath's).
pub(crate) fn isclose_bind(args: &[Value], kw: &KwArgs) -> PyResult<Vec<Option<Value>>> {
    bind_args(
        args,
        kw,
        "isclose",
        &["a", "b", "rel_tol", "abs_tol"],
        2,
        2,
        0,
    )
}

/// The tolerances of a bound `isclose` call, checked (after `a` and `b` are converted, the
/// order CPython's argument clinic checks them in).
pub(crate) fn isclose_tolerances(vm: &mut Vm, p: &[Option<Value>]) -> PyResult<(f64, f64)> {
    let rel_tol = match &p[2] {
        Some(v) => arg_f64(vm, v)?,
        None => 1e-9,
    };
    let abs_tol = match &p[3] {
        Some(v) => arg_f64(vm, v)?,
        None => 0.0,
    };
    if rel_tol < 0.0 || abs_tol < 0.0 {
        return Err(exc::value_error("tolerances must be non-negative"));
    }
    Ok((rel_tol, abs_tol))
}

fn isclose(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let p = isclose_bind(args, kw)?;
    let a = arg_f64(vm, p[0].as_ref().unwrap_or(&Value::None))?;
    let b = arg_f64(vm, p[1].as_ref().unwrap_or(&Value::None))?;
    let (rel_tol, abs_tol) = isclose_tolerances(vm, &p)?;
    if a == b {
        return Ok(Value::Bool(true));
    }
    if a.is_infinite() || b.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (b - a).abs();
    Ok(Value::Bool(
        diff <= (rel_tol * b).abs() || diff <= (rel_tol * a).abs() || diff <= abs_tol,
    ))
}

fn isfinite(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = arg_f64(vm, one_arg(args, kw, "math.isfinite")?)?;
    Ok(Value::Bool(x.is_finite()))
}

fn isinf(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = arg_f64(vm, one_arg(args, kw, "math.isinf")?)?;
    Ok(Value::Bool(x.is_infinite()))
}

fn isnan(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = arg_f64(vm, one_arg(args, kw, "math.isnan")?)?;
    Ok(Value::Bool(x.is_nan()))
}

/// Shewchuk's exactly rounded sum, as CPython's `math_fsum`.
pub fn fsum_values(xs: impl IntoIterator<Item = f64>) -> PyResult<f64> {
    let mut p: Vec<f64> = Vec::new();
    let mut special_sum = 0.0f64;
    let mut inf_sum = 0.0f64;
    for xsave in xs {
        let mut x = xsave;
        let mut i = 0;
        for j in 0..p.len() {
            let mut y = p[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                p[i] = lo;
                i += 1;
            }
            x = hi;
        }
        p.truncate(i);
        if x != 0.0 {
            if !x.is_finite() {
                if xsave.is_finite() {
                    return Err(exc::overflow_error("intermediate overflow in fsum"));
                }
                if xsave.is_infinite() {
                    inf_sum += xsave;
                }
                special_sum += xsave;
                p.clear();
            } else {
                p.push(x);
            }
        }
    }
    if special_sum != 0.0 {
        if inf_sum.is_nan() {
            return Err(exc::value_error("-inf + inf in fsum"));
        }
        return Ok(special_sum);
    }
    let mut n = p.len();
    let mut hi = 0.0f64;
    if n > 0 {
        n -= 1;
        hi = p[n];
        let mut lo = 0.0f64;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = p[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        if n > 0 && ((lo < 0.0 && p[n - 1] < 0.0) || (lo > 0.0 && p[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(hi)
}

fn fsum(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let v = one_arg(args, kw, "math.fsum")?;
    let items = vm.collect(v)?;
    let mut xs = Vec::with_capacity(items.len());
    for it in &items {
        xs.push(arg_f64(vm, it)?);
    }
    Ok(Value::Float(fsum_values(xs)?))
}

fn prod(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    if args.len() != 1 {
        return Err(exc::type_error(format!(
            "prod() takes exactly 1 positional argument ({} given)",
            args.len()
        )));
    }
    let mut acc = Value::Int(1);
    for (k, v) in kw {
        if &**k == "start" {
            acc = v.clone();
        } else {
            return Err(exc::type_error(format!(
                "prod() got an unexpected keyword argument '{}'",
                k
            )));
        }
    }
    let it = vm.get_iter(&args[0])?;
    while let Some(x) = vm.next(&it)? {
        acc = vm.binary_op(&acc, &x, BinaryOp::Multiply)?;
    }
    Ok(acc)
}

/// The C library's `asinh`, for `cmath` (std's is a Rust formula).
pub(crate) fn glibc_asinh(x: f64) -> f64 {
    glibc::call(&glibc::ASINH, x)
}

/// Functions whose C library results CPython returns but a plain `extern "C"` call does not
/// reach: Rust's `compiler_builtins` defines its own `cbrt` (correctly rounded, so
/// `cbrt(27.0)` is 3.0 where glibc's is 3.0000000000000004), which the linker prefers, and
/// std's `asinh`/`acosh`/`atanh` are Rust formulas. So they are looked up in `libm.so.6`
/// itself, once; where that fails (not glibc), std's versions answer.
mod glibc {
    use std::sync::OnceLock;

    type F = extern "C" fn(f64) -> f64;

    pub struct Sym {
        name: &'static [u8],
        fallback: fn(f64) -> f64,
        f: OnceLock<Option<F>>,
    }

    pub static CBRT: Sym = Sym::new(b"cbrt\0", f64::cbrt);
    pub static ASINH: Sym = Sym::new(b"asinh\0", f64::asinh);
    pub static ACOSH: Sym = Sym::new(b"acosh\0", f64::acosh);
    pub static ATANH: Sym = Sym::new(b"atanh\0", f64::atanh);

    impl Sym {
        const fn new(name: &'static [u8], fallback: fn(f64) -> f64) -> Self {
            Sym {
                name,
                fallback,
                f: OnceLock::new(),
            }
        }
    }

    fn lookup(name: &[u8]) -> Option<F> {
        // SAFETY: `dlopen` and `dlsym` get NUL-terminated names; the handle is never closed,
        // so the symbol stays valid for the process. A non-null `dlsym` result for these names
        // in `libm.so.6` is the C99 function `double f(double)`, which is what `F` says.
        unsafe {
            let lib = libc::dlopen(c"libm.so.6".as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL);
            if lib.is_null() {
                return None;
            }
            let p = libc::dlsym(lib, name.as_ptr().cast());
            if p.is_null() {
                return None;
            }
            Some(std::mem::transmute::<*mut libc::c_void, F>(p))
        }
    }

    pub fn call(sym: &Sym, x: f64) -> f64 {
        match sym.f.get_or_init(|| lookup(sym.name)) {
            Some(f) => f(x),
            None => (sym.fallback)(x),
        }
    }
}

/// The C library's math functions, for the results CPython gets from them: CPython 3.11's
/// `math.erf` and `math.erfc` are the platform's, and its `gamma`/`lgamma` are built from the
/// platform's `exp`, `pow`, `log`, `sin` and `cos`. (Checked bit for bit against python3 on
/// 400 arguments: `tests/programs/99_gamma_erf.py`.)
mod libm {
    // SAFETY: each is a C99 `<math.h>` function of the C library that std already links: it
    // takes and returns doubles by value, touches no memory of ours, and is thread-safe (its
    // only side effect is on the thread-local `errno`, which nothing here reads). So calling
    // it can have no undefined behaviour, and it is declared `safe`.
    #[link(name = "m")]
    unsafe extern "C" {
        pub safe fn erf(x: f64) -> f64;
        pub safe fn erfc(x: f64) -> f64;
        pub safe fn exp(x: f64) -> f64;
        pub safe fn pow(x: f64, y: f64) -> f64;
        pub safe fn log(x: f64) -> f64;
        pub safe fn sin(x: f64) -> f64;
        pub safe fn cos(x: f64) -> f64;
    }
}

/// Why a gamma function has no float answer: CPython's `EDOM` (ValueError) or `ERANGE`
/// (OverflowError).
enum GammaErr {
    Domain,
    Range,
}

/// `sin(pi*x)`, exact at the integers (CPython's `m_sinpi`); `x` is finite.
fn sinpi(x: f64) -> f64 {
    use std::f64::consts::PI;
    let y = x.abs() % 2.0;
    let r = match (2.0 * y).round() as i32 {
        0 => libm::sin(PI * y),
        1 => libm::cos(PI * (y - 0.5)),
        // -sin(pi*(y-1.0)) would give -0.0 instead of 0.0 at y == 1.0.
        2 => libm::sin(PI * (1.0 - y)),
        3 => -libm::cos(PI * (y - 1.5)),
        _ => libm::sin(PI * (y - 2.0)),
    };
    1.0f64.copysign(x) * r
}

// CPython's literals digit for digit (`Modules/mathmodule.c`): they parse to the same doubles.
#[allow(clippy::excessive_precision)]
const LANCZOS_G: f64 = 6.024_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_G_MINUS_HALF: f64 = 5.524_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
/// The denominator is x*(x+1)*...*(x+11).
const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];

/// Lanczos' sum L_g(x) for x > 0 (CPython's `lanczos_sum`): for large x the rational function
/// is evaluated in 1/x, which avoids overflow and loses less.
fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// CPython's `m_tgamma`, step for step (Lanczos' approximation with its correction for the
/// rounding of x+g-0.5; exact factorials for the small integers).
fn tgamma(x: f64) -> Result<f64, GammaErr> {
    if !x.is_finite() {
        return if x.is_nan() || x > 0.0 {
            Ok(x)
        } else {
            Err(GammaErr::Domain)
        };
    }
    if x == 0.0 {
        return Err(GammaErr::Domain);
    }
    if x == x.floor() {
        if x < 0.0 {
            return Err(GammaErr::Domain);
        }
        if x <= 23.0 {
            let mut f = 1.0;
            for k in 2..(x as u32) {
                f *= k as f64;
            }
            return Ok(f);
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        let r = 1.0 / x;
        return if r.is_infinite() {
            Err(GammaErr::Range)
        } else {
            Ok(r)
        };
    }
    if absx > 200.0 {
        return if x < 0.0 {
            Ok(0.0 / sinpi(x))
        } else {
            Err(GammaErr::Range)
        };
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    let z = if absx > LANCZOS_G_MINUS_HALF {
        (y - absx) - LANCZOS_G_MINUS_HALF
    } else {
        (y - LANCZOS_G_MINUS_HALF) - absx
    };
    let z = z * LANCZOS_G / y;
    let mut r;
    if x < 0.0 {
        r = -std::f64::consts::PI / sinpi(absx) / absx * libm::exp(y) / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= libm::pow(y, absx - 0.5);
        } else {
            let sqrtpow = libm::pow(y, absx / 2.0 - 0.25);
            r /= sqrtpow;
            r /= sqrtpow;
        }
    } else {
        r = lanczos_sum(absx) / libm::exp(y);
        r += z * r;
        if absx < 140.0 {
            r *= libm::pow(y, absx - 0.5);
        } else {
            let sqrtpow = libm::pow(y, absx / 2.0 - 0.25);
            r *= sqrtpow;
            r *= sqrtpow;
        }
    }
    if r.is_infinite() {
        return Err(GammaErr::Range);
    }
    Ok(r)
}

/// CPython's `m_lgamma`: the log of |Gamma(x)|, by Lanczos and, for x < 0, the reflection
/// formula.
fn lgamma_of(x: f64) -> Result<f64, GammaErr> {
    if !x.is_finite() {
        return Ok(if x.is_nan() { x } else { f64::INFINITY });
    }
    if x == x.floor() && x <= 2.0 {
        return if x <= 0.0 {
            Err(GammaErr::Domain)
        } else {
            Ok(0.0)
        };
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return Ok(-libm::log(absx));
    }
    let mut r = libm::log(lanczos_sum(absx)) - LANCZOS_G;
    r += (absx - 0.5) * (libm::log(absx + LANCZOS_G - 0.5) - 1.0);
    if x < 0.0 {
        #[allow(clippy::excessive_precision)]
        const LOGPI: f64 = 1.144_729_885_849_400_174_143_427_351_353_058_711_647;
        r = LOGPI - libm::log(sinpi(absx).abs()) - libm::log(absx) - r;
    }
    if r.is_infinite() {
        return Err(GammaErr::Range);
    }
    Ok(r)
}

fn gamma_result(r: Result<f64, GammaErr>) -> PyResult<Value> {
    match r {
        Ok(v) => Ok(Value::Float(v)),
        Err(GammaErr::Domain) => Err(domain_error()),
        Err(GammaErr::Range) => Err(range_error()),
    }
}

/// `math.gamma(x)`
fn gamma(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = arg_f64(vm, one_arg(args, kw, "math.gamma")?)?;
    gamma_result(tgamma(x))
}

/// `math.lgamma(x)`
fn lgamma(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let x = arg_f64(vm, one_arg(args, kw, "math.lgamma")?)?;
    gamma_result(lgamma_of(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fsum_exact() {
        // The errors are instances of the built-in classes, which an interpreter makes (once
        // per process): alone (`cargo test --lib -- math`) no other test has made them.
        let _vm = crate::vm::test_vm();
        let xs = vec![0.1; 10];
        assert_eq!(fsum_values(xs).ok(), Some(1.0));
        assert_eq!(
            fsum_values(vec![1e100, 1.0, -1e100, 1e-100]).ok(),
            Some(1.0)
        );
        assert!(fsum_values(vec![f64::INFINITY, f64::NEG_INFINITY]).is_err());
    }

    #[test]
    fn pow_special_cases() {
        // The errors are instances of the built-in classes, which an interpreter makes (once
        // per process): alone (`cargo test --lib -- math`) no other test has made them.
        let _vm = crate::vm::test_vm();
        assert_eq!(float_pow(2.0, 10.0).ok(), Some(1024.0));
        assert!(float_pow(0.0, -1.0).is_err());
        assert!(float_pow(-2.0, 0.5).is_err());
        assert!(float_pow(10.0, 400.0).is_err());
        assert_eq!(float_pow(f64::NAN, 0.0).ok(), Some(1.0));
        assert_eq!(float_pow(1.0, f64::NAN).ok(), Some(1.0));
        assert_eq!(float_pow(-f64::INFINITY, 3.0).ok(), Some(-f64::INFINITY));
    }

    #[test]
    fn big_products() {
        assert_eq!(product_range(2, 20), BigInt::from(2432902008176640000u64));
        assert_eq!(
            product_range(2, 25).to_string(),
            "15511210043330985984000000"
        );
    }

    #[test]
    fn frexp_of_huge_int() {
        let b = BigInt::from(10).pow(400u32);
        let (x, e) = bigint_frexp(&b);
        assert_eq!(e, 1329);
        assert!((0.5..1.0).contains(&x));
        let (x, e) = bigint_frexp(&(BigInt::one() << 2000));
        assert_eq!((x, e), (0.5, 2001));
    }

    #[test]
    fn float_to_int_errors() {
        // The errors are instances of the built-in classes, which an interpreter makes (once
        // per process): alone (`cargo test --lib -- math`) no other test has made them.
        let _vm = crate::vm::test_vm();
        assert!(float_to_int(f64::NAN).is_err());
        assert!(float_to_int(f64::INFINITY).is_err());
        assert!(matches!(float_to_int(1e20), Ok(Value::BigInt(_))));
    }
}
