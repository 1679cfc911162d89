//! `_heapq`: the native heap operations `heapq` (written in Python, `py/heapq.py`) imports
//! over its own, as CPython's `heapq.py` imports `Modules/_heapqmodule.c`.
//!
//! The algorithms are CPython 3.11's, step for step (the same comparisons in the same order,
//! so a heap of objects with noisy `__lt__` ends up the same, and a list of more than 2,500
//! items is heapified in the cache-friendly order), with its checks: a comparison may run
//! Python code, so the list's lock is never held across one. The two items are cloned out
//! under the lock, compared without it, and the list's length is checked again afterwards
//! ("list changed size during iteration", as CPython).

use std::sync::Arc;

use crate::vm::Vm;
use crate::vm::args::{no_keywords, one_arg, positional};
use crate::vm::object::exceptions::{self as exc};
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, List, PyResult};

/// The `_heapq` module.
pub fn build(vm: &mut Vm) -> Arc<crate::vm::object::Module> {
    let m = vm.new_module("_heapq");
    super::add_funcs(
        &m.dict,
        &[
            ("heappush", heappush),
            ("heappop", heappop),
            ("heapreplace", heapreplace),
            ("heappushpop", heappushpop),
            ("heapify", heapify),
        ],
    );
    m
}

/// The heap argument: a list (or an instance of a list subclass).
fn heap_arg<'a>(v: &'a Value, what: &str) -> PyResult<&'a Arc<List>> {
    match v.builtin_base() {
        Value::List(l) => Ok(l),
        _ => Err(exc::type_error(format!(
            "{what} must be list, not {}",
            v.type_name()
        ))),
    }
}

/// Argument Clinic's two positional arguments (`heappush(heap, item)`), with its messages.
fn two_args<'a>(args: &'a [Value], kw: &KwArgs, name: &str) -> PyResult<&'a [Value]> {
    if !kw.is_empty() {
        return Err(no_keywords(&format!("_heapq.{name}")));
    }
    positional(args, kw, name, 2, 2)
}

fn index_error() -> crate::vm::object::exceptions::PyErr {
    exc::index_error("index out of range")
}

fn changed_size() -> crate::vm::object::exceptions::PyErr {
    exc::runtime_error("list changed size during iteration")
}

/// `heap[i] < heap[j]`, compared outside the lock. `Err` if the comparison raises or the
/// list's length is no longer `size` after it.
fn less(vm: &mut Vm, heap: &List, i: usize, j: usize, size: usize) -> PyResult<bool> {
    let (a, b) = {
        let items = heap.items.lock();
        match (items.get(i), items.get(j)) {
            // Numbers, strs and tuples of them compare without Python code: no clones (two
            // atomic counts each), no second look at the size.
            (Some(a), Some(b)) => match crate::vm::ops::pure_lt(a, b) {
                Some(lt) => return Ok(lt),
                None => (a.clone(), b.clone()),
            },
            _ => return Err(changed_size()),
        }
    };
    let lt = vm.lt(&a, &b)?;
    if heap.items.lock().len() != size {
        return Err(changed_size());
    }
    Ok(lt)
}

/// Swaps two items, if the list still has them.
fn swap(heap: &List, i: usize, j: usize) -> PyResult<()> {
    let mut items = heap.items.lock();
    if i.max(j) >= items.len() {
        return Err(changed_size());
    }
    items.swap(i, j);
    Ok(())
}

/// CPython's `siftdown`: moves the item at `pos` up towards `startpos` while it is less than
/// its parent.
fn siftdown(vm: &mut Vm, heap: &List, startpos: usize, mut pos: usize) -> PyResult<()> {
    let size = heap.items.lock().len();
    if pos >= size {
        return Err(index_error());
    }
    while pos > startpos {
        let parentpos = (pos - 1) >> 1;
        if !less(vm, heap, pos, parentpos, size)? {
            break;
        }
        swap(heap, parentpos, pos)?;
        pos = parentpos;
    }
    Ok(())
}

/// CPython's `siftup`: bubbles the smaller child up from `pos` to a leaf, then sifts the
/// item that was at `pos` down into place.
fn siftup(vm: &mut Vm, heap: &List, mut pos: usize) -> PyResult<()> {
    let endpos = heap.items.lock().len();
    let startpos = pos;
    if pos >= endpos {
        return Err(index_error());
    }
    let limit = endpos >> 1;
    while pos < limit {
        let mut childpos = 2 * pos + 1;
        if childpos + 1 < endpos && !less(vm, heap, childpos, childpos + 1, endpos)? {
            childpos += 1;
        }
        swap(heap, childpos, pos)?;
        pos = childpos;
    }
    siftdown(vm, heap, startpos, pos)
}

/// `heappush(heap, item)`
fn heappush(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = two_args(args, kw, "heappush")?;
    let heap = heap_arg(&a[0], "heappush() argument 1")?;
    let last = {
        let mut items = heap.items.lock();
        items.push(a[1].clone());
        items.len() - 1
    };
    siftdown(vm, heap, 0, last)?;
    Ok(Value::None)
}

/// `heappop(heap)`
fn heappop(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let heap = heap_arg(one_arg(args, kw, "_heapq.heappop")?, "heappop() argument")?;
    let returned = {
        let mut items = heap.items.lock();
        let Some(last) = items.pop() else {
            return Err(index_error());
        };
        match items.first_mut() {
            None => return Ok(last),
            Some(first) => std::mem::replace(first, last),
        }
    };
    siftup(vm, heap, 0)?;
    Ok(returned)
}

/// `heapreplace(heap, item)`: pops the smallest item, then pushes `item`.
fn heapreplace(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = two_args(args, kw, "heapreplace")?;
    let heap = heap_arg(&a[0], "heapreplace() argument 1")?;
    let returned = match heap.items.lock().first_mut() {
        None => return Err(index_error()),
        Some(first) => std::mem::replace(first, a[1].clone()),
    };
    siftup(vm, heap, 0)?;
    Ok(returned)
}

/// `heappushpop(heap, item)`: pushes `item`, then pops the smallest item.
fn heappushpop(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = two_args(args, kw, "heappushpop")?;
    let heap = heap_arg(&a[0], "heappushpop() argument 1")?;
    let item = &a[1];
    let Some(top) = heap.items.lock().first().cloned() else {
        return Ok(item.clone());
    };
    if !vm.lt(&top, item)? {
        return Ok(item.clone());
    }
    let returned = match heap.items.lock().first_mut() {
        None => return Err(index_error()),
        Some(first) => std::mem::replace(first, item.clone()),
    };
    siftup(vm, heap, 0)?;
    Ok(returned)
}

/// `heapify(x)`: CPython's order of sift-ups, the cache-friendly one above 2,500 items.
fn heapify(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let heap = heap_arg(one_arg(args, kw, "_heapq.heapify")?, "heapify() argument")?;
    let n = heap.items.lock().len();
    if n > 2500 {
        cache_friendly_heapify(vm, heap, n)?;
    } else {
        for i in (0..n / 2).rev() {
            siftup(vm, heap, i)?;
        }
    }
    Ok(Value::None)
}

/// CPython's `cache_friendly_heapify`: the same heap property, reached row by row.
fn cache_friendly_heapify(vm: &mut Vm, heap: &List, n: usize) -> PyResult<()> {
    let m = n >> 1;
    let leftmost = keep_top_bit(m + 1) - 1;
    let mhalf = m >> 1;
    let mut runs = |from: usize, to: usize| -> PyResult<()> {
        for i in (to..from).rev() {
            let mut j = i;
            loop {
                siftup(vm, heap, j)?;
                if j & 1 == 0 {
                    break;
                }
                j >>= 1;
            }
        }
        Ok(())
    };
    runs(leftmost, mhalf)?;
    runs(m, leftmost)
}

/// `n` with every bit but its highest cleared.
fn keep_top_bit(n: usize) -> usize {
    if n == 0 {
        0
    } else {
        1 << (usize::BITS - 1 - n.leading_zeros())
    }
}
