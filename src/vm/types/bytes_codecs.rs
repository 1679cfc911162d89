//! The codecs between text and bytes (`bytes.decode`, `str.encode`: UTF-8, ASCII and Latin-1
//! under CPython's error handlers, raising `UnicodeDecodeError`/`UnicodeEncodeError` with
//! their five attributes), and `int.from_bytes`/`int.to_bytes`. The types are `bytes.rs`'s.

use num_bigint::{BigInt, Sign};
use num_traits::{Signed, Zero};

use super::args::*;
use super::bytes::*;
use crate::vm::Vm;
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::registry::types;
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, PyResult};
use crate::vm::types::ctor_args::*;

// ----- codecs ---------------------------------------------------------------------------------

/// The codecs gilvm knows, by CPython's normalised names.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Codec {
    Utf8,
    Ascii,
    Latin1,
}

impl Codec {
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
        }
    }
}

pub(super) fn codec(encoding: &str) -> PyResult<Codec> {
    let norm = encoding
        .trim()
        .to_ascii_lowercase()
        .replace(['_', ' '], "-");
    Ok(match norm.as_str() {
        "utf-8" | "utf8" | "u8" | "utf" | "cp65001" => Codec::Utf8,
        "ascii" | "us-ascii" | "646" => Codec::Ascii,
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "8859" | "l1" | "latin" | "cp819" => {
            Codec::Latin1
        }
        _ => {
            return Err(PyErr::new(
                &types().lookup_error,
                format!("unknown encoding: {encoding}"),
            ));
        }
    })
}

pub(super) fn unknown_handler(errors: &str) -> PyErr {
    PyErr::new(
        &types().lookup_error,
        format!("unknown error handler name '{errors}'"),
    )
}

/// `UnicodeDecodeError(encoding, object, start, end, reason)`.
pub(super) fn decode_error(
    codec: Codec,
    data: &[u8],
    start: usize,
    end: usize,
    reason: &str,
) -> PyErr {
    PyErr::with_args(
        &types().unicode_decode_error,
        vec![
            Value::str(codec.name()),
            Value::bytes(data),
            Value::Int(start as i64),
            Value::Int(end as i64),
            Value::str(reason),
        ],
    )
}

/// Text from bytes, as `bytes.decode(encoding, errors)` makes it.
pub fn decode(data: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let codec = codec(encoding)?;
    let mut out = String::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        // The next run that decodes, then the bad bytes after it (start..end).
        let (end_ok, bad) = match codec {
            Codec::Latin1 => {
                out.extend(data.iter().map(|&b| char::from(b)));
                return Ok(out);
            }
            Codec::Ascii => {
                let n = data[i..].iter().position(|b| !b.is_ascii());
                match n {
                    None => (data.len(), None),
                    Some(n) => (i + n, Some((i + n + 1, "ordinal not in range(128)"))),
                }
            }
            Codec::Utf8 => match std::str::from_utf8(&data[i..]) {
                Ok(_) => (data.len(), None),
                Err(e) => {
                    let at = i + e.valid_up_to();
                    let byte = data[at];
                    let (end, why) = match e.error_len() {
                        None => (data.len(), "unexpected end of data"),
                        Some(n) if (0x80..0xc2).contains(&byte) || byte > 0xf4 => {
                            (at + n, "invalid start byte")
                        }
                        Some(n) => (at + n, "invalid continuation byte"),
                    };
                    (at, Some((end, why)))
                }
            },
        };
        // Only ASCII or valid UTF-8 lies in i..end_ok.
        out.push_str(std::str::from_utf8(&data[i..end_ok]).unwrap_or_default());
        let Some((end, why)) = bad else {
            break;
        };
        match errors {
            "strict" => return Err(decode_error(codec, data, end_ok, end, why)),
            "ignore" => {}
            "replace" => out.push('\u{fffd}'),
            "backslashreplace" => {
                for b in &data[end_ok..end] {
                    out.push_str(&format!("\\x{b:02x}"));
                }
            }
            "surrogateescape" => {
                return Err(PyErr::new(
                    &types().lookup_error,
                    "the 'surrogateescape' error handler is not supported by gilvm",
                ));
            }
            other => return Err(unknown_handler(other)),
        }
        i = end;
    }
    Ok(out)
}

/// Bytes from text, as `str.encode(encoding, errors)` makes them.
pub fn encode(text: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let codec = codec(encoding)?;
    let limit = match codec {
        Codec::Utf8 => return Ok(text.as_bytes().to_vec()),
        Codec::Ascii => 0x80,
        Codec::Latin1 => 0x100,
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if (c as u32) < limit {
            out.push(c as u32 as u8);
            i += 1;
            continue;
        }
        // CPython reports the whole run of characters the codec cannot encode.
        let mut end = i;
        while end < chars.len() && chars[end] as u32 >= limit {
            end += 1;
        }
        match errors {
            "strict" => {
                return Err(PyErr::with_args(
                    &types().unicode_encode_error,
                    vec![
                        Value::str(codec.name()),
                        Value::str(text),
                        Value::Int(i as i64),
                        Value::Int(end as i64),
                        Value::string(format!("ordinal not in range({limit})")),
                    ],
                ));
            }
            "ignore" => {}
            "replace" => out.extend(std::iter::repeat_n(b'?', end - i)),
            "xmlcharrefreplace" => {
                for &c in &chars[i..end] {
                    out.extend(format!("&#{};", c as u32).bytes());
                }
            }
            "backslashreplace" => {
                for &c in &chars[i..end] {
                    out.extend(char_escape(c).bytes());
                }
            }
            other => return Err(unknown_handler(other)),
        }
        i = end;
    }
    Ok(out)
}

/// `\xhh`, `\uhhhh` or `\Uhhhhhhhh`, as `backslashreplace` and the error messages write a
/// character.
pub(super) fn char_escape(c: char) -> String {
    let n = c as u32;
    if n < 0x100 {
        format!("\\x{n:02x}")
    } else if n < 0x10000 {
        format!("\\u{n:04x}")
    } else {
        format!("\\U{n:08x}")
    }
}

/// `str(UnicodeDecodeError(...))` and `str(UnicodeEncodeError(...))`, CPython's wording, from
/// the five arguments; other argument lists as `BaseException.__str__`.
pub(crate) fn unicode_error_str(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = crate::vm::types::exceptions::exc_args(args.first().unwrap_or(&Value::None));
    let (Some(enc), Some(obj), Some(start), Some(end), Some(reason)) =
        (a.first(), a.get(1), a.get(2), a.get(3), a.get(4))
    else {
        return crate::vm::types::exceptions::exception_str(vm, args, kw);
    };
    let (enc, reason) = (vm.to_str(enc)?, vm.to_str(reason)?);
    let (start, end) = (vm.to_index(start)?, vm.to_index(end)?);
    let one = end == start + 1;
    Ok(Value::string(match obj {
        Value::Str(s) => {
            let c = s.as_str().chars().nth(start.max(0) as usize).unwrap_or('?');
            if one {
                format!(
                    "'{enc}' codec can't encode character '{}' in position {start}: {reason}",
                    char_escape(c)
                )
            } else {
                format!(
                    "'{enc}' codec can't encode characters in position {start}-{}: {reason}",
                    end - 1
                )
            }
        }
        other => {
            let data = bytes_like(other).unwrap_or_default();
            match data.get(start.max(0) as usize) {
                Some(b) if one => format!(
                    "'{enc}' codec can't decode byte {b:#04x} in position {start}: {reason}"
                ),
                _ => format!(
                    "'{enc}' codec can't decode bytes in position {start}-{}: {reason}",
                    end - 1
                ),
            }
        }
    }))
}

/// The `encoding` and `errors` arguments of `decode` and `encode`.
pub(super) fn codec_args(args: &[Value], kw: &KwArgs, name: &str) -> PyResult<(String, String)> {
    let slots = keywords(args, kw, name, &["encoding", "errors"], 2)?;
    let get = |i: usize, default: &str, what: &str| -> PyResult<String> {
        match &slots[i] {
            None => Ok(default.to_string()),
            Some(Value::Str(s)) => Ok(s.as_str().to_string()),
            Some(other) => Err(exc::type_error(format!(
                "{name}() argument '{what}' must be str, not {}",
                other.type_name()
            ))),
        }
    };
    Ok((get(0, "utf-8", "encoding")?, get(1, "strict", "errors")?))
}

pub(super) fn bytes_decode(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let (_, data) = this(args, "decode")?;
    let (enc, errors) = codec_args(args, kw, "decode")?;
    Ok(Value::string(decode(&data, &enc, &errors)?))
}

pub(super) fn str_encode(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "encode")?;
    let (enc, errors) = codec_args(args, kw, "encode")?;
    Ok(Value::bytes(encode(s.as_str(), &enc, &errors)?))
}

// ----- int.from_bytes / int.to_bytes ----------------------------------------------------------

pub(super) fn byteorder(v: Option<&Value>) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(Value::Str(s)) if s.as_str() == "big" => Ok(false),
        Some(Value::Str(s)) if s.as_str() == "little" => Ok(true),
        Some(Value::Str(_)) => Err(exc::value_error(
            "byteorder must be either 'little' or 'big'",
        )),
        Some(other) => Err(exc::type_error(format!(
            "to_bytes() argument 'byteorder' must be str, not {}",
            other.type_name()
        ))),
    }
}

/// `int.from_bytes(bytes, byteorder='big', *, signed=False)`: a class method, bound to `int`.
pub(super) fn int_from_bytes(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let slots = bind_params(
        rest(args),
        kw,
        "from_bytes",
        &["bytes", "byteorder", "signed"],
        1,
    )?;
    let Some(src) = &slots[0] else {
        return Err(exc::type_error(
            "from_bytes() missing required argument 'bytes' (pos 1)",
        ));
    };
    let data = match bytes_like(src) {
        Some(d) => d,
        None if matches!(src, Value::Str(_)) => {
            return Err(exc::type_error("cannot convert 'str' object to bytes"));
        }
        None => {
            let v = vm.call(
                &Value::Class(types().bytes.clone()),
                std::slice::from_ref(src),
                &[],
            )?;
            bytes_like(&v).unwrap_or_default()
        }
    };
    let little = byteorder(slots[1].as_ref())?;
    let signed = match &slots[2] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    let n = if little {
        BigInt::from_signed_bytes_le(&data)
    } else {
        BigInt::from_signed_bytes_be(&data)
    };
    let n = if signed || data.is_empty() {
        n
    } else if little {
        BigInt::from_bytes_le(Sign::Plus, &data)
    } else {
        BigInt::from_bytes_be(Sign::Plus, &data)
    };
    Ok(Value::from_bigint(n))
}

/// `int.to_bytes(length=1, byteorder='big', *, signed=False)`.
pub(super) fn int_to_bytes(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let n = this_int(args, "to_bytes")?;
    let slots = bind_params(
        rest(args),
        kw,
        "to_bytes",
        &["length", "byteorder", "signed"],
        0,
    )?;
    let length = match &slots[0] {
        Some(v) => arg_ssize(vm, v)?,
        None => 1,
    };
    if length < 0 {
        return Err(exc::value_error("length argument must be non-negative"));
    }
    let little = byteorder(slots[1].as_ref())?;
    let signed = match &slots[2] {
        Some(v) => vm.truthy(v)?,
        None => false,
    };
    if !signed && n.is_negative() {
        return Err(exc::overflow_error(
            "can't convert negative int to unsigned",
        ));
    }
    let mut data = if signed {
        n.to_signed_bytes_be()
    } else {
        n.to_bytes_be().1
    };
    if n.is_zero() {
        data.clear();
    }
    let length = length as usize;
    if data.len() > length {
        // `to_signed_bytes_be` may add a sign byte the value does not need at this length.
        let fits = signed
            && data.len() == length + 1
            && ((data[0] == 0 && data[1] & 0x80 == 0) || (data[0] == 0xff && data[1] & 0x80 != 0));
        if !fits {
            return Err(exc::overflow_error("int too big to convert"));
        }
        data.remove(0);
    }
    let fill = if signed && n.is_negative() { 0xff } else { 0 };
    let mut out = vec![fill; length - data.len()];
    out.extend(data);
    if little {
        out.reverse();
    }
    Ok(Value::bytes(out))
}
