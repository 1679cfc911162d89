//! `nogil`: native kernels that drop the GIL while they compute in Rust — the
//! `Py_BEGIN_ALLOW_THREADS` / Cython `with nogil:` pattern, to show that threads calling native
//! code run in parallel under the GIL while threads running bytecode take turns.
//!
//! Every kernel has the same three steps: read its arguments into plain Rust data while it
//! holds the GIL, compute on that data inside [`Vm::allow_threads`] (no Python object is
//! touched there), and build the result object after taking the GIL back. `threads > 1`
//! splits the work over scoped OS threads, like OpenMP's `prange`.
//! `sgd` has no `threads`: each step of stochastic gradient descent reads the weights the
//! previous step wrote, so its loop cannot be split — the native speed-up comes from leaving
//! the interpreter, not from more cores.
//! `count_holding_gil` is the counter-example: the same loop without releasing the GIL, one
//! long native call during which no other thread runs bytecode.

use std::hint::black_box;
use std::sync::Arc;

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::vm::Vm;
use crate::vm::modules::{add_funcs, arg_bigint, arg_f64, bind_args};
use crate::vm::object::exceptions::{self as exc};
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, Module, PyResult};

const DOC: &str = "Native kernels that release the GIL while they compute in Rust, as C \
extensions do with Py_BEGIN_ALLOW_THREADS. Threads calling them run in parallel on several \
cores, while threads running bytecode (or a native call that keeps the GIL) take turns.";

pub fn build(vm: &mut Vm) -> Arc<Module> {
    let m = vm.new_module("nogil");
    m.dict.set_str("__doc__", Value::str(DOC));
    add_funcs(
        &m.dict,
        &[
            ("count", count),
            ("count_holding_gil", count_holding_gil),
            ("grayscale", grayscale),
            ("sum_of_squares", sum_of_squares),
            ("sgd", sgd),
        ],
    );
    m
}

/// Runs `f` with the GIL released if this thread holds it (free-threaded mode, or a host that
/// runs code without taking the GIL, has nothing to release).
fn without_gil<R>(vm: &mut Vm, f: impl FnOnce() -> R) -> R {
    let sched = vm.interp.sched.clone();
    if sched.gil_enabled() && sched.holder() == Some(vm.tid) {
        vm.allow_threads(crate::threads::Blocking::Native, f)
    } else {
        f()
    }
}

/// An int argument as i64: "'float' object cannot be interpreted as an integer", and
/// "Python int too large to convert to C long" past i64.
fn arg_i64(vm: &mut Vm, v: &Value) -> PyResult<i64> {
    match v {
        Value::Int(i) => Ok(*i),
        Value::Bool(b) => Ok(*b as i64),
        _ => {
            let b = arg_bigint(vm, v)?;
            b.to_i64()
                .ok_or_else(|| exc::overflow_error("Python int too large to convert to C long"))
        }
    }
}

/// The optional `threads` argument: an int, at least 1.
fn arg_threads(vm: &mut Vm, v: Option<&Value>, fname: &str) -> PyResult<usize> {
    let Some(v) = v else { return Ok(1) };
    let t = arg_i64(vm, v)?;
    if t < 1 {
        return Err(exc::value_error(format!(
            "{fname}() argument 'threads' must be >= 1, not {t}"
        )));
    }
    Ok(usize::try_from(t).unwrap_or(usize::MAX))
}

/// `while n > 0: n -= 1`, in Rust. `black_box(&n)` makes the optimiser assume the counter's
/// memory is read and may change at every step, so it stays in memory and the loop really runs
/// n iterations, each a store and a dependent load (about a nanosecond).
fn count_down(n: i64) {
    let mut n = n;
    while *black_box(&n) > 0 {
        n -= 1;
    }
}

fn count_arg(vm: &mut Vm, args: &[Value], kw: &KwArgs, fname: &str) -> PyResult<i64> {
    let a = bind_args(args, kw, fname, &["n"], 1, 1, 0)?;
    match &a[0] {
        Some(v) => arg_i64(vm, v),
        None => Err(exc::type_error(format!(
            "{fname}() missing 1 required positional argument: 'n'"
        ))),
    }
}

/// `count(n)`: counts down from `n` with the GIL released; other threads run meanwhile.
fn count(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let n = count_arg(vm, args, kw, "count")?;
    without_gil(vm, move || count_down(n));
    Ok(Value::None)
}

/// `count_holding_gil(n)`: the same loop, GIL held throughout: a single long "instruction"
/// that the interpreter cannot interrupt, so every other thread waits for it to end.
fn count_holding_gil(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let n = count_arg(vm, args, kw, "count_holding_gil")?;
    count_down(n);
    Ok(Value::None)
}

/// Runs `work(chunk)` over `data` cut into `threads` contiguous chunks, one scoped OS thread
/// per chunk after the first (which the calling thread does itself); results in chunk order.
/// A thread that cannot be spawned has its chunk done by the calling thread.
fn par_chunks<T: Sync, R: Send>(
    data: &[T],
    threads: usize,
    work: impl Fn(&[T]) -> R + Sync,
) -> Vec<R> {
    let threads = threads.clamp(1, data.len().max(1));
    if threads == 1 {
        return vec![work(data)];
    }
    let size = data.len().div_ceil(threads);
    let chunks: Vec<&[T]> = data.chunks(size).collect();
    std::thread::scope(|s| {
        let work = &work;
        let handles: Vec<_> = chunks[1..]
            .iter()
            .map(|c| {
                let c = *c;
                std::thread::Builder::new()
                    .name("nogil-worker".into())
                    .spawn_scoped(s, move || work(c))
                    .map_err(|_| c)
            })
            .collect();
        let mut out = Vec::with_capacity(chunks.len());
        out.push(work(chunks[0]));
        for h in handles {
            out.push(match h {
                Ok(h) => match h.join() {
                    Ok(r) => r,
                    Err(p) => std::panic::resume_unwind(p),
                },
                Err(c) => work(c),
            });
        }
        out
    })
}

/// One pixel component: an int in 0..=255 or any float.
fn component(v: &Value, i: usize, j: usize) -> PyResult<f64> {
    let int = match v {
        Value::Float(x) => return Ok(*x),
        Value::Int(k) => Some(*k),
        Value::Bool(b) => Some(*b as i64),
        Value::BigInt(_) => None,
        other => {
            return Err(exc::type_error(format!(
                "grayscale() pixels[{i}][{j}] must be int or float, not {}",
                other.type_name()
            )));
        }
    };
    match int {
        Some(k) if (0..=255).contains(&k) => Ok(k as f64),
        _ => Err(exc::value_error(format!(
            "grayscale() pixels[{i}][{j}] must be in range 0..255, not {v:?}"
        ))),
    }
}

/// The pixel list's items (GIL held): a snapshot of the list, or the tuple's items.
fn pixel_items(pixels: &Value) -> PyResult<Vec<Value>> {
    list_items(pixels, "grayscale() argument 'pixels' must be list")
}

/// One pixel, `pixels[i]`, as `[r, g, b]`. Reads only immutable objects (a tuple and the
/// numbers in it; a list pixel is read under its own lock), so it runs without the GIL.
fn read_pixel(p: &Value, i: usize) -> PyResult<[f64; 3]> {
    match p {
        Value::Tuple(t) => rgb(&t.0, i),
        Value::List(l) => rgb(&l.items.lock(), i),
        other => Err(exc::type_error(format!(
            "grayscale() pixels[{i}] must be a tuple (R, G, B), not {}",
            other.type_name()
        ))),
    }
}

fn rgb(c: &[Value], i: usize) -> PyResult<[f64; 3]> {
    match c {
        [r, g, b] => Ok([
            component(r, i, 0)?,
            component(g, i, 1)?,
            component(b, i, 2)?,
        ]),
        _ => Err(exc::value_error(format!(
            "grayscale() pixels[{i}] must have 3 components (R, G, B), not {}",
            c.len()
        ))),
    }
}

/// `grayscale(pixels, threads=1)`: `0.299*R + 0.587*G + 0.114*B` per pixel, in that order of
/// operations (bit for bit what the Python expression gives), computed without the GIL — the
/// reading of the pixels too, each thread its own share, so the work scales with threads.
/// The first bad pixel (in list order) is reported.
fn grayscale(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = bind_args(args, kw, "grayscale", &["pixels", "threads"], 1, 2, 0)?;
    let threads = arg_threads(vm, a[1].as_ref(), "grayscale")?;
    let items = match &a[0] {
        Some(p) => pixel_items(p)?,
        None => return Ok(Value::list(Vec::new())),
    };
    let parts = without_gil(vm, move || {
        let base = items.as_ptr() as usize;
        let size = std::mem::size_of::<Value>().max(1);
        par_chunks(&items, threads, |chunk| -> PyResult<Vec<f64>> {
            // Where this chunk starts in `items`, for error messages.
            let start = (chunk.as_ptr() as usize - base) / size;
            chunk
                .iter()
                .enumerate()
                .map(|(k, p)| {
                    let [r, g, b] = read_pixel(p, start + k)?;
                    Ok(0.299 * r + 0.587 * g + 0.114 * b)
                })
                .collect()
        })
    });
    let mut out = Vec::new();
    for part in parts {
        out.extend(part?.into_iter().map(Value::Float));
    }
    Ok(Value::list(out))
}

/// Σ i² over `range`, exact: a u128 accumulator plus a count of its wrap-arounds, so the
/// value is `carries * 2**128 + acc` whatever the length.
fn squares(range: std::ops::Range<u64>) -> (u128, u64) {
    let mut acc: u128 = 0;
    let mut carries: u64 = 0;
    for i in range {
        let i = u128::from(black_box(i));
        let (s, o) = acc.overflowing_add(i * i);
        acc = s;
        carries += u64::from(o);
    }
    (acc, carries)
}

/// `sum_of_squares(n, threads=1)`: `sum(i*i for i in range(n))`, exact, without the GIL.
fn sum_of_squares(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = bind_args(args, kw, "sum_of_squares", &["n", "threads"], 1, 2, 0)?;
    let n = match &a[0] {
        Some(v) => arg_i64(vm, v)?,
        None => 0,
    };
    let threads = arg_threads(vm, a[1].as_ref(), "sum_of_squares")?;
    let n = u64::try_from(n).unwrap_or(0);
    let parts = without_gil(vm, move || {
        // Split 0..n into `threads` contiguous ranges (at most n of them).
        let k = u64::try_from(threads)
            .unwrap_or(u64::MAX)
            .clamp(1, n.max(1));
        let size = n.div_ceil(k).max(1);
        let bounds: Vec<std::ops::Range<u64>> = (0..k)
            .map(|j| (j * size).min(n)..((j + 1) * size).min(n))
            .filter(|r| !r.is_empty())
            .collect();
        par_chunks(&bounds, bounds.len(), |rs| {
            rs.iter()
                .map(|r| squares(r.clone()))
                .fold(BigInt::from(0), |t, (acc, c)| {
                    t + BigInt::from(acc) + (BigInt::from(c) << 128)
                })
        })
    });
    let total: BigInt = parts.into_iter().sum();
    Ok(Value::from_bigint(total))
}

/// Reads a list or tuple of numbers into `f64`s (GIL held); `what` names it in errors.
fn read_floats(vm: &mut Vm, v: &Value, what: &str) -> PyResult<Vec<f64>> {
    let items = list_items(v, &format!("sgd() {what} must be a list of numbers"))?;
    items.iter().map(|x| arg_f64(vm, x)).collect()
}

/// The items of a list or tuple argument (GIL held: a snapshot of a list); a TypeError
/// `"{expected}, not {type}"` for anything else.
fn list_items(v: &Value, expected: &str) -> PyResult<Vec<Value>> {
    match v {
        Value::List(l) => Ok(l.items.lock().clone()),
        Value::Tuple(t) => Ok(t.0.clone()),
        other => Err(exc::type_error(format!(
            "{expected}, not {}",
            other.type_name()
        ))),
    }
}

/// Per-sample stochastic gradient descent for `y ≈ w·x + b` (squared loss), in exactly the
/// order of operations of the Python loop
/// ```text
/// pred = b; for j: pred += w[j] * x[j]
/// err = pred - y; for j: w[j] -= lr * err * x[j]; b -= lr * err
/// ```
/// so it gives bit for bit the weights the pure-Python version gives.
fn sgd_steps(xs: &[Vec<f64>], ys: &[f64], lr: f64, epochs: u64) -> (Vec<f64>, f64) {
    let d = xs.first().map_or(0, Vec::len);
    let mut w = vec![0.0f64; d];
    let mut b = 0.0f64;
    for _ in 0..epochs {
        for (x, &y) in xs.iter().zip(ys) {
            let mut pred = b;
            for (wj, xj) in w.iter().zip(x) {
                pred += wj * xj;
            }
            let err = pred - y;
            for (wj, xj) in w.iter_mut().zip(x) {
                *wj -= lr * err * xj;
            }
            b -= lr * err;
        }
    }
    (w, b)
}

/// `sgd(xs, ys, lr, epochs)`: fits `y ≈ w·x + b` by per-sample gradient descent from zero
/// weights, without the GIL; returns `(w, b)` with `w` a list. `xs` is a list of feature rows
/// of equal length, `ys` one target per row.
fn sgd(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = bind_args(args, kw, "sgd", &["xs", "ys", "lr", "epochs"], 4, 4, 0)?;
    let [Some(xs), Some(ys), Some(lr), Some(epochs)] = &a[..] else {
        return Err(exc::type_error("sgd() takes exactly 4 arguments"));
    };
    let rows = list_items(xs, "sgd() argument 'xs' must be a list of rows")?;
    let mut x = Vec::with_capacity(rows.len());
    for (i, r) in rows.iter().enumerate() {
        x.push(read_floats(vm, r, &format!("xs[{i}]"))?);
    }
    let y = read_floats(vm, ys, "argument 'ys'")?;
    if x.len() != y.len() {
        return Err(exc::value_error(format!(
            "sgd() xs and ys must have the same length, not {} and {}",
            x.len(),
            y.len()
        )));
    }
    if let Some(first) = x.first()
        && let Some((i, r)) = x.iter().enumerate().find(|(_, r)| r.len() != first.len())
    {
        return Err(exc::value_error(format!(
            "sgd() xs[{i}] has {} features, xs[0] has {}",
            r.len(),
            first.len()
        )));
    }
    let lr = arg_f64(vm, lr)?;
    let epochs = arg_i64(vm, epochs)?;
    let epochs = u64::try_from(epochs).map_err(|_| {
        exc::value_error(format!(
            "sgd() argument 'epochs' must be >= 0, not {epochs}"
        ))
    })?;
    let (w, b) = without_gil(vm, move || sgd_steps(&x, &y, lr, epochs));
    let w = Value::list(w.into_iter().map(Value::Float).collect());
    Ok(Value::tuple(vec![w, Value::Float(b)]))
}
