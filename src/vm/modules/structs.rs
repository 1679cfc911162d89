//! `_struct`: packing values into bytes and back by a format string, as CPython's
//! `Modules/_struct.c` does: byte order and sizes (`@` native with alignment, `=` `<` `>` `!`
//! standard), the format characters `x c b B ? h H i I l L q Q n N P f d s p`, and its
//! `struct.error` messages. `struct` (`py/struct.py`) adds the `Struct` class over it.

use std::sync::{Arc, LazyLock};

use num_bigint::BigInt;
use num_traits::ToPrimitive;

use crate::vm::Vm;
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::registry::types;
use crate::vm::object::value::Value;
use crate::vm::object::{Class, KwArgs, PyResult};
use crate::vm::types::bytes::bytes_like;

/// `struct.error`, shared by every interpreter (a built-in exception class of module `struct`).
static ERROR: LazyLock<Arc<Class>> = LazyLock::new(|| {
    Class::new_builtin(
        "error",
        "struct",
        Some(types().exception.clone()),
        Some(crate::vm::types::exceptions::exception_new),
        true,
    )
});

fn error(msg: impl Into<String>) -> PyErr {
    PyErr::new(&ERROR, msg)
}

pub fn build(vm: &mut Vm) -> Arc<crate::vm::object::Module> {
    let m = vm.new_module("_struct");
    super::add_funcs(
        &m.dict,
        &[
            ("pack", pack),
            ("unpack", unpack),
            ("unpack_from", unpack_from),
            ("iter_unpack", iter_unpack),
            ("calcsize", calcsize),
        ],
    );
    m.dict.set_str("error", Value::Class(ERROR.clone()));
    m
}

/// A parsed format: its byte order, whether sizes and alignment are native, and its codes
/// with their counts (for `s` and `p` the count is the length of the one item).
struct Format {
    little: bool,
    native: bool,
    codes: Vec<(u8, usize)>,
}

impl Format {
    fn parse(vm: &mut Vm, v: &Value) -> PyResult<Format> {
        let text: Vec<u8> = match v {
            Value::Str(s) => s.as_str().as_bytes().to_vec(),
            other => match bytes_like(other) {
                Some(b) => b,
                None => {
                    let _ = vm;
                    return Err(exc::type_error(format!(
                        "Struct() argument 1 must be a str or bytes object, not {}",
                        other.type_name()
                    )));
                }
            },
        };
        let (mut little, mut native, mut i) = (cfg!(target_endian = "little"), true, 0);
        match text.first() {
            Some(b'@') => i = 1,
            Some(b'=') => (native, i) = (false, 1),
            Some(b'<') => (little, native, i) = (true, false, 1),
            Some(b'>' | b'!') => (little, native, i) = (false, false, 1),
            _ => {}
        }
        let mut codes = Vec::new();
        while i < text.len() {
            let c = text[i];
            if c.is_ascii_whitespace() {
                i += 1;
                continue;
            }
            let mut count = None;
            while i < text.len() && text[i].is_ascii_digit() {
                let d = (text[i] - b'0') as usize;
                count = Some(
                    count
                        .unwrap_or(0usize)
                        .checked_mul(10)
                        .and_then(|n| n.checked_add(d))
                        .ok_or_else(|| error("total struct size too long"))?,
                );
                i += 1;
            }
            let Some(&c) = text.get(i) else {
                return Err(error("repeat count given without format specifier"));
            };
            if size_of(c, native).is_none() {
                return Err(error("bad char in struct format"));
            }
            codes.push((c, count.unwrap_or(1)));
            i += 1;
        }
        Ok(Format {
            little,
            native,
            codes,
        })
    }

    /// The packed size, with native alignment.
    fn size(&self) -> usize {
        let mut n = 0;
        for &(c, count) in &self.codes {
            let s = size_of(c, self.native).unwrap_or(1);
            n = self.align(n, c);
            n += s * count;
        }
        n
    }

    fn align(&self, n: usize, c: u8) -> usize {
        if !self.native {
            return n;
        }
        let s = size_of(c, true).unwrap_or(1);
        if matches!(c, b's' | b'p' | b'x' | b'c' | b'b' | b'B' | b'?') || s <= 1 {
            n
        } else {
            n.div_ceil(s) * s
        }
    }

    /// How many values `pack` takes (and `unpack` gives).
    fn items(&self) -> usize {
        self.codes
            .iter()
            .map(|&(c, n)| match c {
                b'x' => 0,
                b's' | b'p' => 1,
                _ => n,
            })
            .sum()
    }
}

/// `PyFloat_Pack2`: `x` as an IEEE 754 half float (round half to even), or CPython's
/// OverflowError. A NaN packs as the quiet NaN of its sign.
fn pack_half(x: f64) -> PyResult<u16> {
    let overflow = || exc::overflow_error("float too large to pack with e format");
    let sign = u16::from(x.is_sign_negative());
    let (e, bits): (i32, u16) = if x == 0.0 {
        (0, 0)
    } else if x.is_infinite() {
        (0x1f, 0)
    } else if x.is_nan() {
        (0x1f, 512)
    } else {
        // frexp: x = f * 2**e with f in [0.5, 1), then normalized to [1, 2).
        let (mut f, mut e) = frexp(x.abs());
        f *= 2.0;
        e -= 1;
        if e >= 16 {
            return Err(overflow());
        } else if e < -25 {
            // |x| < 2**-25: underflow to zero.
            f = 0.0;
            e = 0;
        } else if e < -14 {
            // |x| < 2**-14: gradual underflow.
            f *= 2f64.powi(14 + e);
            e = 0;
        } else {
            e += 15;
            f -= 1.0; // the leading 1
        }
        f *= 1024.0;
        let mut bits = f as u16; // truncates
        if f - f64::from(bits) > 0.5 || (f - f64::from(bits) == 0.5 && bits % 2 == 1) {
            bits += 1;
            if bits == 1024 {
                // The carry ran out of ten 1 bits.
                bits = 0;
                e += 1;
                if e == 31 {
                    return Err(overflow());
                }
            }
        }
        (e, bits)
    };
    Ok(bits | ((e as u16) << 10) | (sign << 15))
}

/// C's `frexp` for a finite nonzero positive `x`: `(f, e)` with `x = f * 2**e`, `0.5 <= f < 1`.
fn frexp(x: f64) -> (f64, i32) {
    let raw = x.to_bits();
    let exp = ((raw >> 52) & 0x7ff) as i32;
    if exp == 0 {
        // Subnormal: scale into the normal range first.
        let (f, e) = frexp(x * 2f64.powi(54));
        return (f, e - 54);
    }
    let f = f64::from_bits((raw & !(0x7ff << 52)) | (1022 << 52));
    (f, exp - 1022)
}

/// `PyFloat_Unpack2`: the half float `h` as a double.
fn unpack_half(h: u16) -> f64 {
    let sign = h >> 15 != 0;
    let e = i32::from((h >> 10) & 0x1f);
    let f = h & 0x3ff;
    if e == 0x1f {
        let r = if f == 0 { f64::INFINITY } else { f64::NAN };
        return if sign { -r } else { r };
    }
    let mut x = f64::from(f) / 1024.0;
    let e = if e == 0 {
        -14
    } else {
        x += 1.0;
        e - 15
    };
    x *= 2f64.powi(e);
    if sign { -x } else { x }
}

fn size_of(c: u8, native: bool) -> Option<usize> {
    Some(match c {
        b'x' | b'c' | b'b' | b'B' | b'?' | b's' | b'p' => 1,
        b'h' | b'H' | b'e' => 2,
        b'i' | b'I' | b'f' => 4,
        b'l' | b'L' => {
            if native {
                std::mem::size_of::<std::ffi::c_long>()
            } else {
                4
            }
        }
        b'q' | b'Q' | b'd' => 8,
        b'n' | b'N' | b'P' if native => std::mem::size_of::<usize>(),
        _ => return None,
    })
}

/// An int argument: an int, or an object with `__index__`.
fn int_arg(vm: &mut Vm, v: &Value) -> PyResult<BigInt> {
    match v {
        Value::Int(i) => Ok(BigInt::from(*i)),
        Value::Bool(b) => Ok(BigInt::from(*b as i64)),
        Value::BigInt(b) => Ok((**b).clone()),
        Value::Instance(_) | Value::Native(_) if vm.lookup_special(v, "__index__").is_some() => {
            crate::vm::types::ctor_args::index_bigint(vm, v)
        }
        _ => Err(error("required argument is not an integer")),
    }
}

/// Packs one integer of format `c` in `size` bytes, with CPython's range errors.
fn pack_int(
    vm: &mut Vm,
    v: &Value,
    c: u8,
    size: usize,
    little: bool,
    out: &mut Vec<u8>,
) -> PyResult<()> {
    let n = int_arg(vm, v)?;
    // `B` and `H` are read as a signed C long and range-checked (CPython's `np_ubyte`,
    // `np_ushort`), so -1 is a range error there and "out of range" for the wider ones.
    let unsigned = (c.is_ascii_uppercase() && !matches!(c, b'B' | b'H')) || c == b'P';
    let out_of_range = || error("argument out of range");
    let bits = size * 8;
    let x: i128 = if unsigned {
        let u = n.to_u64().ok_or_else(out_of_range)?;
        u as i128
    } else {
        n.to_i64().ok_or_else(out_of_range)? as i128
    };
    let (lo, hi) = if unsigned || matches!(c, b'B' | b'H') {
        (0i128, (1i128 << bits) - 1)
    } else {
        (-(1i128 << (bits - 1)), (1i128 << (bits - 1)) - 1)
    };
    if x < lo || x > hi {
        let name = match c {
            b'b' => "byte format".to_string(),
            b'B' => "ubyte format".to_string(),
            b'h' => "short format".to_string(),
            b'H' => "ushort format".to_string(),
            c => format!("'{}' format", c as char),
        };
        return Err(error(format!("{name} requires {lo} <= number <= {hi}")));
    }
    let bytes = x.to_le_bytes();
    let mut part = bytes[..size].to_vec();
    if !little {
        part.reverse();
    }
    out.extend(part);
    Ok(())
}

fn float_arg(vm: &mut Vm, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(x) => Ok(*x),
        Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => crate::vm::args::arg_f64(vm, v),
        Value::Instance(_) | Value::Native(_)
            if vm.lookup_special(v, "__float__").is_some()
                || vm.lookup_special(v, "__index__").is_some() =>
        {
            crate::vm::args::arg_f64(vm, v)
        }
        _ => Err(error("required argument is not a float")),
    }
}

fn pack_values(vm: &mut Vm, f: &Format, values: &[Value]) -> PyResult<Vec<u8>> {
    if values.len() != f.items() {
        return Err(error(format!(
            "pack expected {} items for packing (got {})",
            f.items(),
            values.len()
        )));
    }
    let mut out = Vec::with_capacity(f.size());
    let mut vals = values.iter();
    let mut next = || vals.next().cloned().unwrap_or(Value::None);
    for &(c, count) in &f.codes {
        let aligned = f.align(out.len(), c);
        out.resize(aligned, 0);
        let size = size_of(c, f.native).unwrap_or(1);
        match c {
            b'x' => out.extend(std::iter::repeat_n(0, count)),
            b's' | b'p' => {
                let v = next();
                let Some(mut data) = bytes_like(&v) else {
                    return Err(error(format!(
                        "argument for '{}' must be a bytes object",
                        c as char
                    )));
                };
                if c == b'p' {
                    if count == 0 {
                        continue;
                    }
                    data.truncate((count - 1).min(255));
                    out.push(data.len() as u8);
                    data.resize(count - 1, 0);
                } else {
                    data.resize(count, 0);
                }
                out.extend(data);
            }
            _ => {
                for _ in 0..count {
                    let v = next();
                    match c {
                        b'c' => match bytes_like(&v) {
                            Some(b) if b.len() == 1 => out.push(b[0]),
                            _ => {
                                return Err(error(
                                    "char format requires a bytes object of length 1",
                                ));
                            }
                        },
                        b'?' => {
                            let t = vm.truthy(&v)?;
                            out.push(t as u8);
                        }
                        b'f' => {
                            let x = float_arg(vm, &v)?;
                            let y = x as f32;
                            if y.is_infinite() && x.is_finite() {
                                return Err(exc::overflow_error(
                                    "float too large to pack with f format",
                                ));
                            }
                            out.extend(if f.little {
                                y.to_le_bytes()
                            } else {
                                y.to_be_bytes()
                            });
                        }
                        b'd' => {
                            let x = float_arg(vm, &v)?;
                            out.extend(if f.little {
                                x.to_le_bytes()
                            } else {
                                x.to_be_bytes()
                            });
                        }
                        b'e' => {
                            let bits = pack_half(float_arg(vm, &v)?)?;
                            out.extend(if f.little {
                                bits.to_le_bytes()
                            } else {
                                bits.to_be_bytes()
                            });
                        }
                        _ => pack_int(vm, &v, c, size, f.little, &mut out)?,
                    }
                }
            }
        }
    }
    Ok(out)
}

fn unpack_values(f: &Format, data: &[u8]) -> Vec<Value> {
    let mut out = Vec::with_capacity(f.items());
    let mut at = 0;
    for &(c, count) in &f.codes {
        at = f.align(at, c);
        let size = size_of(c, f.native).unwrap_or(1);
        match c {
            b'x' => at += count,
            b's' => {
                out.push(Value::bytes(&data[at..at + count]));
                at += count;
            }
            b'p' => {
                if count > 0 {
                    let n = (data[at] as usize).min(count - 1);
                    out.push(Value::bytes(&data[at + 1..at + 1 + n]));
                } else {
                    out.push(Value::bytes(Vec::new()));
                }
                at += count;
            }
            _ => {
                for _ in 0..count {
                    let mut raw = data[at..at + size].to_vec();
                    at += size;
                    if !f.little {
                        raw.reverse();
                    }
                    out.push(match c {
                        b'c' => Value::bytes(raw),
                        b'?' => Value::Bool(raw[0] != 0),
                        b'f' => {
                            let mut w = [0u8; 4];
                            w.copy_from_slice(&raw);
                            Value::Float(f32::from_le_bytes(w) as f64)
                        }
                        b'd' => {
                            let mut w = [0u8; 8];
                            w.copy_from_slice(&raw);
                            Value::Float(f64::from_le_bytes(w))
                        }
                        b'e' => Value::Float(unpack_half(u16::from_le_bytes([raw[0], raw[1]]))),
                        _ => {
                            let unsigned = c.is_ascii_uppercase() || c == b'P';
                            let mut w = [0u8; 16];
                            w[..size].copy_from_slice(&raw);
                            if !unsigned && raw[size - 1] & 0x80 != 0 {
                                w[size..].fill(0xff);
                            }
                            let x = i128::from_le_bytes(w);
                            match i64::try_from(x) {
                                Ok(i) => Value::Int(i),
                                Err(_) => Value::from_bigint(BigInt::from(x)),
                            }
                        }
                    });
                }
            }
        }
    }
    out
}

fn fmt_arg<'a>(args: &'a [Value], name: &str) -> PyResult<&'a Value> {
    args.first().ok_or_else(|| {
        exc::type_error(format!(
            "{name}() missing required argument 'format' (pos 1)"
        ))
    })
}

fn no_kw(kw: &KwArgs, name: &str) -> PyResult<()> {
    if kw.is_empty() {
        Ok(())
    } else {
        Err(exc::type_error(format!(
            "{name}() takes no keyword arguments"
        )))
    }
}

fn pack(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_kw(kw, "pack")?;
    let f = Format::parse(vm, fmt_arg(args, "pack")?)?;
    Ok(Value::bytes(pack_values(vm, &f, &args[1..])?))
}

fn buffer_arg(v: Option<&Value>) -> PyResult<Vec<u8>> {
    let v = v.unwrap_or(&Value::None);
    bytes_like(v).ok_or_else(|| {
        exc::type_error(format!(
            "a bytes-like object is required, not '{}'",
            v.type_name()
        ))
    })
}

fn unpack(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_kw(kw, "unpack")?;
    if args.len() != 2 {
        return Err(exc::type_error(format!(
            "unpack expected 2 arguments, got {}",
            args.len()
        )));
    }
    let f = Format::parse(vm, &args[0])?;
    let data = buffer_arg(args.get(1))?;
    if data.len() != f.size() {
        return Err(error(format!(
            "unpack requires a buffer of {} bytes",
            f.size()
        )));
    }
    Ok(Value::tuple(unpack_values(&f, &data)))
}

fn unpack_from(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = crate::vm::types::ctor_args::bind_params(
        args,
        kw,
        "unpack_from",
        &["format", "buffer", "offset"],
        2,
    )?;
    let f = Format::parse(vm, a[0].as_ref().unwrap_or(&Value::None))?;
    let data = buffer_arg(a[1].as_ref())?;
    let offset = match &a[2] {
        Some(v) => vm.to_index(v)?,
        None => 0,
    };
    let len = data.len() as i64;
    let offset = if offset < 0 {
        if offset + len < 0 {
            return Err(error(format!(
                "offset {offset} out of range for {len}-byte buffer"
            )));
        }
        offset + len
    } else {
        offset
    };
    let size = f.size() as i64;
    if len - offset < size {
        return Err(error(if offset == 0 {
            format!(
                "unpack_from requires a buffer of at least {size} bytes for unpacking {size} bytes at offset 0 (actual buffer size is {len})"
            )
        } else {
            format!(
                "unpack_from requires a buffer of at least {} bytes for unpacking {size} bytes at offset {offset} (actual buffer size is {len})",
                size + offset
            )
        }));
    }
    Ok(Value::tuple(unpack_values(&f, &data[offset as usize..])))
}

fn iter_unpack(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_kw(kw, "iter_unpack")?;
    let f = Format::parse(vm, fmt_arg(args, "iter_unpack")?)?;
    let data = buffer_arg(args.get(1))?;
    let size = f.size();
    if size == 0 {
        return Err(error("cannot iteratively unpack with a struct of length 0"));
    }
    if data.len() % size != 0 {
        return Err(error(format!(
            "iterative unpacking requires a buffer of a multiple of {size} bytes"
        )));
    }
    let items: Vec<Value> = data
        .chunks(size)
        .map(|c| Value::tuple(unpack_values(&f, c)))
        .collect();
    vm.get_iter(&Value::list(items))
}

fn calcsize(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_kw(kw, "calcsize")?;
    let f = Format::parse(vm, fmt_arg(args, "calcsize")?)?;
    Ok(Value::Int(f.size() as i64))
}
