//! `cmath`: CPython 3.11's `Modules/cmathmodule.c`: every function (`sqrt`, `exp`, `log`,
//! `log10`, `phase`, `polar`, `rect`, `isclose`, `isfinite`, `isinf`, `isnan`, the
//! trigonometric and hyperbolic functions and their inverses) and the constants. Finite
//! arguments take CPython's algorithms step for step (the same libm calls, so the same bits);
//! non-finite ones follow C99 Annex G, which CPython's special-value tables encode (the
//! trigonometric and hyperbolic functions use the tables themselves).

use std::sync::Arc;

use crate::vm::Vm;
use crate::vm::modules::{add_funcs, arg_f64, one_arg, positional};
use crate::vm::object::complex::{complex_parts, complex_value};
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, Module, PyResult};
use crate::vm::types::complex::{C, CErr, c_abs, c_diff, c_quot};

pub fn build(vm: &mut Vm) -> Arc<Module> {
    let m = vm.new_module("cmath");
    let d = &m.dict;
    d.set_str("pi", Value::Float(std::f64::consts::PI));
    d.set_str("e", Value::Float(std::f64::consts::E));
    d.set_str("tau", Value::Float(std::f64::consts::TAU));
    d.set_str("inf", Value::Float(f64::INFINITY));
    d.set_str("infj", complex_value(0.0, f64::INFINITY));
    d.set_str("nan", Value::Float(f64::NAN));
    d.set_str("nanj", complex_value(0.0, f64::NAN));
    add_funcs(
        d,
        &[
            ("sqrt", sqrt),
            ("exp", exp),
            ("log", log),
            ("log10", log10),
            ("phase", phase),
            ("polar", polar),
            ("rect", rect),
            ("isclose", isclose),
            ("isfinite", isfinite),
            ("isinf", isinf),
            ("isnan", isnan),
            ("acos", acos),
            ("acosh", acosh),
            ("asin", asin),
            ("asinh", asinh),
            ("atan", atan),
            ("atanh", atanh),
            ("cos", cos),
            ("cosh", cosh),
            ("sin", sin),
            ("sinh", sinh),
            ("tan", tan),
            ("tanh", tanh),
        ],
    );
    m
}

/// An argument as a complex number (`PyArg_Parse`'s `D`): a complex, `__complex__`, or a real
/// number ("must be real number, not str").
fn arg_complex(vm: &mut Vm, v: &Value) -> PyResult<C> {
    if let Some((re, im)) = complex_parts(v) {
        return Ok(C::new(re, im));
    }
    if let Some(r) = vm.call_special(v, "__complex__", &[])? {
        return match complex_parts(&r) {
            Some((re, im)) => Ok(C::new(re, im)),
            None => Err(exc::type_error(format!(
                "__complex__ returned non-complex (type {})",
                r.type_name()
            ))),
        };
    }
    Ok(C::new(arg_f64(vm, v)?, 0.0))
}

/// `math_error`: CPython's exception for an `errno`.
#[cold]
fn math_error(e: CErr) -> PyErr {
    match e {
        CErr::Range => exc::overflow_error("math range error"),
        _ => exc::value_error("math domain error"),
    }
}

/// A one-argument function: the result, or the error its `errno` names.
fn unary(
    vm: &mut Vm,
    args: &[Value],
    kw: &KwArgs,
    name: &str,
    f: fn(C) -> (C, CErr),
) -> PyResult<Value> {
    let z = arg_complex(vm, one_arg(args, kw, name)?)?;
    match f(z) {
        (r, CErr::None) => Ok(complex_value(r.re, r.im)),
        (_, e) => Err(math_error(e)),
    }
}

/// `2**53 + 1` and `-(53 + 1) / 2`: the scalings that keep `hypot` out of subnormals.
const CM_SCALE_UP: i32 = 53;
const CM_SCALE_DOWN: i32 = -27;

fn ldexp(x: f64, e: i32) -> f64 {
    x * 2f64.powi(e)
}

/// `cmath_sqrt_impl`.
fn c_sqrt(z: C) -> (C, CErr) {
    if !z.re.is_finite() || !z.im.is_finite() {
        let r = if z.im.is_infinite() {
            C::new(f64::INFINITY, z.im)
        } else if z.re == f64::NEG_INFINITY {
            if z.im.is_nan() {
                C::new(f64::NAN, f64::INFINITY)
            } else {
                C::new(0.0, f64::INFINITY.copysign(z.im))
            }
        } else if z.re == f64::INFINITY {
            if z.im.is_nan() {
                C::new(f64::INFINITY, f64::NAN)
            } else {
                C::new(f64::INFINITY, 0f64.copysign(z.im))
            }
        } else {
            C::new(f64::NAN, f64::NAN)
        };
        return (r, CErr::None);
    }
    if z.re == 0.0 && z.im == 0.0 {
        return (C::new(0.0, z.im), CErr::None);
    }
    let mut ax = z.re.abs();
    let ay = z.im.abs();
    let s = if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        // hypot(ax, ay) would be subnormal: scale up, then back down.
        ax = ldexp(ax, CM_SCALE_UP);
        ldexp(
            (ax + ax.hypot(ldexp(ay, CM_SCALE_UP))).sqrt(),
            CM_SCALE_DOWN,
        )
    } else {
        ax /= 8.0;
        2.0 * (ax + ax.hypot(ay / 8.0)).sqrt()
    };
    let d = ay / (2.0 * s);
    let r = if z.re >= 0.0 {
        C::new(s, d.copysign(z.im))
    } else {
        C::new(d, s.copysign(z.im))
    };
    (r, CErr::None)
}

/// `cmath_exp_impl`.
fn c_exp(z: C) -> (C, CErr) {
    if !z.re.is_finite() || !z.im.is_finite() {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            if z.re > 0.0 {
                C::new(
                    f64::INFINITY.copysign(z.im.cos()),
                    f64::INFINITY.copysign(z.im.sin()),
                )
            } else {
                C::new(0f64.copysign(z.im.cos()), 0f64.copysign(z.im.sin()))
            }
        } else if z.re == f64::INFINITY && z.im == 0.0 {
            C::new(f64::INFINITY, z.im)
        } else if z.re == f64::NEG_INFINITY {
            C::new(0.0, if z.im == 0.0 { z.im } else { 0.0 })
        } else if z.re.is_nan() && z.im == 0.0 {
            C::new(f64::NAN, z.im)
        } else if z.re == f64::INFINITY {
            C::new(f64::INFINITY, f64::NAN)
        } else {
            C::new(f64::NAN, f64::NAN)
        };
        // A domain error when the imaginary part is infinite and the real part is finite
        // or +inf.
        let domain = z.im.is_infinite() && (z.re.is_finite() || z.re == f64::INFINITY);
        return (r, if domain { CErr::Domain } else { CErr::None });
    }
    let large = (f64::MAX / 4.0).ln();
    let r = if z.re > large {
        let l = (z.re - 1.0).exp();
        C::new(
            l * z.im.cos() * std::f64::consts::E,
            l * z.im.sin() * std::f64::consts::E,
        )
    } else {
        let l = z.re.exp();
        C::new(l * z.im.cos(), l * z.im.sin())
    };
    let err = if r.re.is_infinite() || r.im.is_infinite() {
        CErr::Range
    } else {
        CErr::None
    };
    (r, err)
}

/// `c_log`.
fn c_log(z: C) -> (C, CErr) {
    if !z.re.is_finite() || !z.im.is_finite() {
        let re = if z.re.is_infinite() || z.im.is_infinite() {
            f64::INFINITY
        } else {
            f64::NAN
        };
        return (C::new(re, z.im.atan2(z.re)), CErr::None);
    }
    let ax = z.re.abs();
    let ay = z.im.abs();
    let large = f64::MAX / 4.0;
    let re = if ax > large || ay > large {
        (ax / 2.0).hypot(ay / 2.0).ln() + std::f64::consts::LN_2
    } else if ax < f64::MIN_POSITIVE && ay < f64::MIN_POSITIVE {
        if ax > 0.0 || ay > 0.0 {
            // hypot(ax, ay) would be subnormal.
            ldexp(ax, 53).hypot(ldexp(ay, 53)).ln() - 53.0 * std::f64::consts::LN_2
        } else {
            // log(±0 ± 0j)
            return (C::new(f64::NEG_INFINITY, z.im.atan2(z.re)), CErr::Domain);
        }
    } else {
        let h = ax.hypot(ay);
        if (0.71..=1.73).contains(&h) {
            let (am, an) = if ax > ay { (ax, ay) } else { (ay, ax) };
            ((am - 1.0) * (am + 1.0) + an * an).ln_1p() / 2.0
        } else {
            h.ln()
        }
    };
    (C::new(re, z.im.atan2(z.re)), CErr::None)
}

fn sqrt(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    unary(vm, args, kw, "sqrt", c_sqrt)
}

fn exp(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    unary(vm, args, kw, "exp", c_exp)
}

fn log10(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    unary(vm, args, kw, "log10", |z| {
        let (r, e) = c_log(z);
        (
            C::new(
                r.re / std::f64::consts::LN_10,
                r.im / std::f64::consts::LN_10,
            ),
            e,
        )
    })
}

/// `log(x[, base])`: `log(x) / log(base)`.
fn log(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = positional(args, kw, "log", 1, 2)?;
    let x = arg_complex(vm, &a[0])?;
    let (mut r, mut err) = c_log(x);
    if let Some(b) = a.get(1) {
        let b = arg_complex(vm, b)?;
        let (lb, e1) = c_log(b);
        let (q, e2) = c_quot(r, lb);
        r = q;
        for e in [e1, e2] {
            if e != CErr::None {
                err = e;
            }
        }
    }
    match err {
        CErr::None => Ok(complex_value(r.re, r.im)),
        e => Err(math_error(e)),
    }
}

fn phase(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let z = arg_complex(vm, one_arg(args, kw, "phase")?)?;
    Ok(Value::Float(z.im.atan2(z.re)))
}

fn polar(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let z = arg_complex(vm, one_arg(args, kw, "polar")?)?;
    let phi = z.im.atan2(z.re);
    match c_abs(z) {
        (r, CErr::None) => Ok(Value::tuple(vec![Value::Float(r), Value::Float(phi)])),
        (_, e) => Err(math_error(e)),
    }
}

/// `rect(r, phi)`: `r * (cos(phi) + sin(phi)*1j)`.
fn rect(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = positional(args, kw, "rect", 2, 2)?;
    let (r, phi) = (arg_f64(vm, &a[0])?, arg_f64(vm, &a[1])?);
    let z = if !r.is_finite() || !phi.is_finite() {
        if r != 0.0 && !r.is_nan() && phi.is_infinite() {
            return Err(math_error(CErr::Domain));
        }
        if r.is_infinite() && phi.is_finite() && phi != 0.0 {
            let (c, s) = (
                f64::INFINITY.copysign(phi.cos()),
                f64::INFINITY.copysign(phi.sin()),
            );
            if r > 0.0 {
                C::new(c, s)
            } else {
                C::new(-c, -s)
            }
        } else if r.is_infinite() && phi == 0.0 {
            C::new(r, if r > 0.0 { phi } else { -phi })
        } else if r == 0.0 && !phi.is_nan() {
            C::new(0.0, 0.0)
        } else if r.is_infinite() {
            C::new(f64::INFINITY, f64::NAN)
        } else {
            C::new(f64::NAN, if phi == 0.0 { phi } else { f64::NAN })
        }
    } else if phi == 0.0 {
        C::new(r, r * phi)
    } else {
        C::new(r * phi.cos(), r * phi.sin())
    };
    Ok(complex_value(z.re, z.im))
}

fn isclose(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    use crate::vm::modules::math::{isclose_bind, isclose_tolerances};
    let p = isclose_bind(args, kw)?;
    let a = arg_complex(vm, p[0].as_ref().unwrap_or(&Value::None))?;
    let b = arg_complex(vm, p[1].as_ref().unwrap_or(&Value::None))?;
    let (rel_tol, abs_tol) = isclose_tolerances(vm, &p)?;
    if a.re == b.re && a.im == b.im {
        return Ok(Value::Bool(true));
    }
    if [a.re, a.im, b.re, b.im].iter().any(|x| x.is_infinite()) {
        return Ok(Value::Bool(false));
    }
    let diff = c_abs(c_diff(a, b)).0;
    Ok(Value::Bool(
        diff <= rel_tol * c_abs(b).0 || diff <= rel_tol * c_abs(a).0 || diff <= abs_tol,
    ))
}

fn isfinite(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let z = arg_complex(vm, one_arg(args, kw, "isfinite")?)?;
    Ok(Value::Bool(z.re.is_finite() && z.im.is_finite()))
}

fn isinf(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let z = arg_complex(vm, one_arg(args, kw, "isinf")?)?;
    Ok(Value::Bool(z.re.is_infinite() || z.im.is_infinite()))
}

fn isnan(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let z = arg_complex(vm, one_arg(args, kw, "isnan")?)?;
    Ok(Value::Bool(z.re.is_nan() || z.im.is_nan()))
}

// The trigonometric and hyperbolic functions, after `cmathmodule.c`: the same formulas and
// libm calls step for step, and for a non-finite argument its special-value tables (C99
// Annex G's answers, indexed by `special_type` of the real and the imaginary part).

/// `special_type`: the row or column of a special-value table for a double.
fn special_type(d: f64) -> usize {
    match d {
        d if d.is_nan() => 6,
        f64::NEG_INFINITY => 0,
        f64::INFINITY => 5,
        d if d == 0.0 => {
            if d.is_sign_negative() {
                2
            } else {
                3
            }
        }
        d if d < 0.0 => 1,
        _ => 4,
    }
}

type Table = [[(f64, f64); 7]; 7];

const P: f64 = std::f64::consts::PI;
const P14: f64 = 0.25 * P;
const P12: f64 = 0.5 * P;
const P34: f64 = 0.75 * P;
const INF: f64 = f64::INFINITY;
const N: f64 = f64::NAN;
/// The tables' placeholder for a pair of finite nonzero parts, which never reaches them.
const U: f64 = -9.542_631_940_771_103e33;

/// `SPECIAL_VALUE`: the table's answer when a part of `z` is not finite.
fn special_value(z: C, table: &Table) -> Option<C> {
    if z.re.is_finite() && z.im.is_finite() {
        return None;
    }
    let (re, im) = table[special_type(z.re)][special_type(z.im)];
    Some(C::new(re, im))
}

/// The C library's `asinh` (std's is a Rust formula): `math`'s lookup of it in libm.
fn asinh_f(x: f64) -> f64 {
    crate::vm::modules::math::glibc_asinh(x)
}

/// `CM_LARGE_DOUBLE` and the logarithm and square root used with it.
const CM_LARGE_DOUBLE: f64 = f64::MAX / 4.0;
fn cm_log_large_double() -> f64 {
    CM_LARGE_DOUBLE.ln()
}
fn cm_sqrt_large_double() -> f64 {
    CM_LARGE_DOUBLE.sqrt()
}

#[rustfmt::skip]
static ACOS_SPECIAL: Table = [
    [(P34, INF), (P, INF), (P, INF), (P, -INF), (P, -INF), (P34, -INF), (N, INF)],
    [(P12, INF), (U, U), (U, U), (U, U), (U, U), (P12, -INF), (N, N)],
    [(P12, INF), (U, U), (P12, 0.0), (P12, -0.0), (U, U), (P12, -INF), (P12, N)],
    [(P12, INF), (U, U), (P12, 0.0), (P12, -0.0), (U, U), (P12, -INF), (P12, N)],
    [(P12, INF), (U, U), (U, U), (U, U), (U, U), (P12, -INF), (N, N)],
    [(P14, INF), (0.0, INF), (0.0, INF), (0.0, -INF), (0.0, -INF), (P14, -INF), (N, INF)],
    [(N, INF), (N, N), (N, N), (N, N), (N, N), (N, -INF), (N, N)],
];

#[rustfmt::skip]
static ACOSH_SPECIAL: Table = [
    [(INF, -P34), (INF, -P), (INF, -P), (INF, P), (INF, P), (INF, P34), (INF, N)],
    [(INF, -P12), (U, U), (U, U), (U, U), (U, U), (INF, P12), (N, N)],
    [(INF, -P12), (U, U), (0.0, -P12), (0.0, P12), (U, U), (INF, P12), (N, N)],
    [(INF, -P12), (U, U), (0.0, -P12), (0.0, P12), (U, U), (INF, P12), (N, N)],
    [(INF, -P12), (U, U), (U, U), (U, U), (U, U), (INF, P12), (N, N)],
    [(INF, -P14), (INF, -0.0), (INF, -0.0), (INF, 0.0), (INF, 0.0), (INF, P14), (INF, N)],
    [(INF, N), (N, N), (N, N), (N, N), (N, N), (INF, N), (N, N)],
];

#[rustfmt::skip]
static ASINH_SPECIAL: Table = [
    [(-INF, -P14), (-INF, -0.0), (-INF, -0.0), (-INF, 0.0), (-INF, 0.0), (-INF, P14), (-INF, N)],
    [(-INF, -P12), (U, U), (U, U), (U, U), (U, U), (-INF, P12), (N, N)],
    [(-INF, -P12), (U, U), (-0.0, -0.0), (-0.0, 0.0), (U, U), (-INF, P12), (N, N)],
    [(INF, -P12), (U, U), (0.0, -0.0), (0.0, 0.0), (U, U), (INF, P12), (N, N)],
    [(INF, -P12), (U, U), (U, U), (U, U), (U, U), (INF, P12), (N, N)],
    [(INF, -P14), (INF, -0.0), (INF, -0.0), (INF, 0.0), (INF, 0.0), (INF, P14), (INF, N)],
    [(INF, N), (N, N), (N, -0.0), (N, 0.0), (N, N), (INF, N), (N, N)],
];

#[rustfmt::skip]
static ATANH_SPECIAL: Table = [
    [(-0.0, -P12), (-0.0, -P12), (-0.0, -P12), (-0.0, P12), (-0.0, P12), (-0.0, P12), (-0.0, N)],
    [(-0.0, -P12), (U, U), (U, U), (U, U), (U, U), (-0.0, P12), (N, N)],
    [(-0.0, -P12), (U, U), (-0.0, -0.0), (-0.0, 0.0), (U, U), (-0.0, P12), (-0.0, N)],
    [(0.0, -P12), (U, U), (0.0, -0.0), (0.0, 0.0), (U, U), (0.0, P12), (0.0, N)],
    [(0.0, -P12), (U, U), (U, U), (U, U), (U, U), (0.0, P12), (N, N)],
    [(0.0, -P12), (0.0, -P12), (0.0, -P12), (0.0, P12), (0.0, P12), (0.0, P12), (0.0, N)],
    [(0.0, -P12), (N, N), (N, N), (N, N), (N, N), (0.0, P12), (N, N)],
];

#[rustfmt::skip]
static COSH_SPECIAL: Table = [
    [(INF, N), (U, U), (INF, 0.0), (INF, -0.0), (U, U), (INF, N), (INF, N)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(N, 0.0), (U, U), (1.0, 0.0), (1.0, -0.0), (U, U), (N, 0.0), (N, 0.0)],
    [(N, 0.0), (U, U), (1.0, -0.0), (1.0, 0.0), (U, U), (N, 0.0), (N, 0.0)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(INF, N), (U, U), (INF, -0.0), (INF, 0.0), (U, U), (INF, N), (INF, N)],
    [(N, N), (N, N), (N, 0.0), (N, 0.0), (N, N), (N, N), (N, N)],
];

#[rustfmt::skip]
static SINH_SPECIAL: Table = [
    [(INF, N), (U, U), (-INF, -0.0), (-INF, 0.0), (U, U), (INF, N), (INF, N)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(0.0, N), (U, U), (-0.0, -0.0), (-0.0, 0.0), (U, U), (0.0, N), (0.0, N)],
    [(0.0, N), (U, U), (0.0, -0.0), (0.0, 0.0), (U, U), (0.0, N), (0.0, N)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(INF, N), (U, U), (INF, -0.0), (INF, 0.0), (U, U), (INF, N), (INF, N)],
    [(N, N), (N, N), (N, -0.0), (N, 0.0), (N, N), (N, N), (N, N)],
];

#[rustfmt::skip]
static TANH_SPECIAL: Table = [
    [(-1.0, 0.0), (U, U), (-1.0, -0.0), (-1.0, 0.0), (U, U), (-1.0, 0.0), (-1.0, 0.0)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (-0.0, -0.0), (-0.0, 0.0), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (0.0, -0.0), (0.0, 0.0), (U, U), (N, N), (N, N)],
    [(N, N), (U, U), (U, U), (U, U), (U, U), (N, N), (N, N)],
    [(1.0, 0.0), (U, U), (1.0, -0.0), (1.0, 0.0), (U, U), (1.0, 0.0), (1.0, 0.0)],
    [(N, N), (N, N), (N, -0.0), (N, 0.0), (N, N), (N, N), (N, N)],
];

/// `z` times `-i` after `f(i z)`: how `cmathmodule.c` gets asin, atan, sin and tan from
/// asinh, atanh, sinh and tanh (`f(z) = -i g(i z)`).
fn rotated(z: C, g: fn(C) -> (C, CErr)) -> (C, CErr) {
    let (s, e) = g(C::new(-z.im, z.re));
    (C::new(s.im, -s.re), e)
}

/// `cmath_acos_impl`.
fn c_acos(z: C) -> (C, CErr) {
    if let Some(r) = special_value(z, &ACOS_SPECIAL) {
        return (r, CErr::None);
    }
    let r = if z.re.abs() > CM_LARGE_DOUBLE || z.im.abs() > CM_LARGE_DOUBLE {
        // Large arguments: avoid the overflow of the formula below.
        let l = (z.re / 2.0).hypot(z.im / 2.0).ln() + std::f64::consts::LN_2 * 2.0;
        let im = if z.re < 0.0 {
            -l.copysign(z.im)
        } else {
            l.copysign(-z.im)
        };
        C::new(z.im.abs().atan2(z.re), im)
    } else {
        let s1 = c_sqrt(C::new(1.0 - z.re, -z.im)).0;
        let s2 = c_sqrt(C::new(1.0 + z.re, z.im)).0;
        C::new(
            2.0 * s1.re.atan2(s2.re),
            asinh_f(s2.re * s1.im - s2.im * s1.re),
        )
    };
    (r, CErr::None)
}

/// `cmath_acosh_impl`.
fn c_acosh(z: C) -> (C, CErr) {
    if let Some(r) = special_value(z, &ACOSH_SPECIAL) {
        return (r, CErr::None);
    }
    let r = if z.re.abs() > CM_LARGE_DOUBLE || z.im.abs() > CM_LARGE_DOUBLE {
        C::new(
            (z.re / 2.0).hypot(z.im / 2.0).ln() + std::f64::consts::LN_2 * 2.0,
            z.im.atan2(z.re),
        )
    } else {
        let s1 = c_sqrt(C::new(z.re - 1.0, z.im)).0;
        let s2 = c_sqrt(C::new(z.re + 1.0, z.im)).0;
        C::new(
            asinh_f(s1.re * s2.re + s1.im * s2.im),
            2.0 * s1.im.atan2(s2.re),
        )
    };
    (r, CErr::None)
}

/// `cmath_asinh_impl`.
fn c_asinh(z: C) -> (C, CErr) {
    if let Some(r) = special_value(z, &ASINH_SPECIAL) {
        return (r, CErr::None);
    }
    let r = if z.re.abs() > CM_LARGE_DOUBLE || z.im.abs() > CM_LARGE_DOUBLE {
        let l = (z.re / 2.0).hypot(z.im / 2.0).ln() + std::f64::consts::LN_2 * 2.0;
        let re = if z.im >= 0.0 {
            l.copysign(z.re)
        } else {
            -l.copysign(-z.re)
        };
        C::new(re, z.im.atan2(z.re.abs()))
    } else {
        let s1 = c_sqrt(C::new(1.0 + z.im, -z.re)).0;
        let s2 = c_sqrt(C::new(1.0 - z.im, z.re)).0;
        C::new(
            asinh_f(s1.re * s2.im - s2.re * s1.im),
            z.im.atan2(s1.re * s2.re - s1.im * s2.im),
        )
    };
    (r, CErr::None)
}

/// `cmath_atanh_impl`.
fn c_atanh(z: C) -> (C, CErr) {
    if let Some(r) = special_value(z, &ATANH_SPECIAL) {
        return (r, CErr::None);
    }
    // Reduce to z.re >= 0 with atanh(z) = -atanh(-z).
    if z.re < 0.0 {
        let (r, e) = c_atanh(C::new(-z.re, -z.im));
        return (C::new(-r.re, -r.im), e);
    }
    let ay = z.im.abs();
    if z.re > cm_sqrt_large_double() || ay > cm_sqrt_large_double() {
        // Large |z|: atanh(z) ~ 1/z +/- i pi/2.
        let h = (z.re / 2.0).hypot(z.im / 2.0);
        let re = z.re / 4.0 / h / h;
        return (C::new(re, -(P / 2.0).copysign(-z.im)), CErr::None);
    }
    if z.re == 1.0 && ay < f64::MIN_POSITIVE.sqrt() {
        // C99: atanh(1 +/- 0i) is inf +/- 0i.
        if ay == 0.0 {
            return (C::new(INF, z.im), CErr::Domain);
        }
        let re = -(ay.sqrt() / ay.hypot(2.0).sqrt()).ln();
        let im = (2f64.atan2(-ay) / 2.0).copysign(z.im);
        return (C::new(re, im), CErr::None);
    }
    let one_minus = 1.0 - z.re;
    let re = (4.0 * z.re / (one_minus * one_minus + ay * ay)).ln_1p() / 4.0;
    let im = -(-2.0 * z.im).atan2((1.0 - z.re) * (1.0 + z.re) - ay * ay) / 2.0;
    (C::new(re, im), CErr::None)
}

/// `cmath_cosh_impl`.
fn c_cosh(z: C) -> (C, CErr) {
    if !z.re.is_finite() || !z.im.is_finite() {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            let (c, s) = (INF.copysign(z.im.cos()), INF.copysign(z.im.sin()));
            if z.re > 0.0 {
                C::new(c, s)
            } else {
                C::new(c, -s)
            }
        } else {
            let (re, im) = COSH_SPECIAL[special_type(z.re)][special_type(z.im)];
            C::new(re, im)
        };
        // EDOM when the imaginary part is infinite and the real part is not a NaN.
        let domain = z.im.is_infinite() && !z.re.is_nan();
        return (r, if domain { CErr::Domain } else { CErr::None });
    }
    let r = if z.re.abs() > cm_log_large_double() {
        // cosh(z.re) overflows where cosh(z) may not.
        let x_minus_one = z.re - 1f64.copysign(z.re);
        C::new(
            z.im.cos() * x_minus_one.cosh() * std::f64::consts::E,
            z.im.sin() * x_minus_one.sinh() * std::f64::consts::E,
        )
    } else {
        C::new(z.im.cos() * z.re.cosh(), z.im.sin() * z.re.sinh())
    };
    overflow_check(r)
}

/// `cmath_sinh_impl`.
fn c_sinh(z: C) -> (C, CErr) {
    if !z.re.is_finite() || !z.im.is_finite() {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            let (c, s) = (INF.copysign(z.im.cos()), INF.copysign(z.im.sin()));
            if z.re > 0.0 {
                C::new(c, s)
            } else {
                C::new(-c, s)
            }
        } else {
            let (re, im) = SINH_SPECIAL[special_type(z.re)][special_type(z.im)];
            C::new(re, im)
        };
        let domain = z.im.is_infinite() && !z.re.is_nan();
        return (r, if domain { CErr::Domain } else { CErr::None });
    }
    let r = if z.re.abs() > cm_log_large_double() {
        let x_minus_one = z.re - 1f64.copysign(z.re);
        C::new(
            z.im.cos() * x_minus_one.sinh() * std::f64::consts::E,
            z.im.sin() * x_minus_one.cosh() * std::f64::consts::E,
        )
    } else {
        C::new(z.im.cos() * z.re.sinh(), z.im.sin() * z.re.cosh())
    };
    overflow_check(r)
}

/// `ERANGE` when a part of a finite argument's result overflowed.
fn overflow_check(r: C) -> (C, CErr) {
    if r.re.is_infinite() || r.im.is_infinite() {
        (r, CErr::Range)
    } else {
        (r, CErr::None)
    }
}

/// `cmath_tanh_impl`: tanh(x+iy) = (tanh(x)(1+tan(y)^2) + i tan(y)(1-tanh(x)^2)) /
/// (1+tan(y)^2 tanh(x)^2), with 1-tanh(x)^2 as 1/cosh(x)^2.
fn c_tanh(z: C) -> (C, CErr) {
    if !z.re.is_finite() || !z.im.is_finite() {
        let r = if z.re.is_infinite() && z.im.is_finite() && z.im != 0.0 {
            let im = 0f64.copysign(2.0 * z.im.sin() * z.im.cos());
            C::new(if z.re > 0.0 { 1.0 } else { -1.0 }, im)
        } else {
            let (re, im) = TANH_SPECIAL[special_type(z.re)][special_type(z.im)];
            C::new(re, im)
        };
        // EDOM when the imaginary part is infinite and the real part finite.
        let domain = z.im.is_infinite() && z.re.is_finite();
        return (r, if domain { CErr::Domain } else { CErr::None });
    }
    let r = if z.re.abs() > cm_log_large_double() {
        // 2*z.imag could overflow.
        C::new(
            1f64.copysign(z.re),
            4.0 * z.im.sin() * z.im.cos() * (-2.0 * z.re.abs()).exp(),
        )
    } else {
        let tx = z.re.tanh();
        let ty = z.im.tan();
        let cx = 1.0 / z.re.cosh();
        let txty = tx * ty;
        let denom = 1.0 + txty * txty;
        C::new(tx * (1.0 + ty * ty) / denom, ((ty / denom) * cx) * cx)
    };
    (r, CErr::None)
}

fn c_asin(z: C) -> (C, CErr) {
    rotated(z, c_asinh)
}

fn c_atan(z: C) -> (C, CErr) {
    rotated(z, c_atanh)
}

fn c_sin(z: C) -> (C, CErr) {
    rotated(z, c_sinh)
}

fn c_tan(z: C) -> (C, CErr) {
    rotated(z, c_tanh)
}

/// `cos(z) = cosh(iz)`.
fn c_cos(z: C) -> (C, CErr) {
    c_cosh(C::new(-z.im, z.re))
}

macro_rules! unary_fns {
    ($($name:ident => $f:ident;)*) => {
        $(
            fn $name(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
                unary(vm, args, kw, stringify!($name), $f)
            }
        )*
    };
}

unary_fns! {
    acos => c_acos;
    acosh => c_acosh;
    asin => c_asin;
    asinh => c_asinh;
    atan => c_atan;
    atanh => c_atanh;
    cos => c_cos;
    cosh => c_cosh;
    sin => c_sin;
    sinh => c_sinh;
    tan => c_tan;
    tanh => c_tanh;
}
