//! The codecs between text and bytes (`bytes.decode`, `str.encode`: UTF-8, UTF-16, UTF-32,
//! ASCII, Latin-1 and cp1252 under CPython's error handlers, raising `UnicodeDecodeError`/
//! `UnicodeEncodeError` with their five attributes), `_codecs.lookup_name` for the `codecs`
//! module, and `int.from_bytes`/`int.to_bytes`. The types are `bytes.rs`'s.
//!
//! UTF-8, ASCII and Latin-1 decode a run at a time; UTF-16, UTF-32 and cp1252 a unit at a
//! time ([`step`]), reporting CPython's reasons over CPython's byte ranges.

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

/// The codecs gilvm knows, by CPython's normalised names. UTF-16 and UTF-32 carry their byte
/// order: `None` for the plain codec, which writes a BOM (little-endian, the native order
/// here) and reads one if present.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Codec {
    Utf8,
    Ascii,
    Latin1,
    Utf16(Option<Endian>),
    Utf32(Option<Endian>),
    Cp1252,
}

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Endian {
    Little,
    Big,
}

impl Codec {
    /// The name errors give (`UnicodeDecodeError.encoding`): the byte order a plain UTF-16
    /// or UTF-32 codec settled on, `charmap` for the table codecs, as in CPython.
    fn name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "latin-1",
            Codec::Utf16(Some(Endian::Big)) => "utf-16-be",
            Codec::Utf16(_) => "utf-16-le",
            Codec::Utf32(Some(Endian::Big)) => "utf-32-be",
            Codec::Utf32(_) => "utf-32-le",
            Codec::Cp1252 => "charmap",
        }
    }

    /// `codecs.lookup(name).name`.
    pub(crate) fn lookup_name(self) -> &'static str {
        match self {
            Codec::Utf8 => "utf-8",
            Codec::Ascii => "ascii",
            Codec::Latin1 => "iso8859-1",
            Codec::Utf16(None) => "utf-16",
            Codec::Utf16(Some(Endian::Little)) => "utf-16-le",
            Codec::Utf16(Some(Endian::Big)) => "utf-16-be",
            Codec::Utf32(None) => "utf-32",
            Codec::Utf32(Some(Endian::Little)) => "utf-32-le",
            Codec::Utf32(Some(Endian::Big)) => "utf-32-be",
            Codec::Cp1252 => "cp1252",
        }
    }
}

/// cp1252's bytes 0x80..0xa0 (the rest are Latin-1); `None`: undefined.
const CP1252_HIGH: [Option<char>; 32] = [
    Some('\u{20ac}'),
    None,
    Some('\u{201a}'),
    Some('\u{0192}'),
    Some('\u{201e}'),
    Some('\u{2026}'),
    Some('\u{2020}'),
    Some('\u{2021}'),
    Some('\u{02c6}'),
    Some('\u{2030}'),
    Some('\u{0160}'),
    Some('\u{2039}'),
    Some('\u{0152}'),
    None,
    Some('\u{017d}'),
    None,
    None,
    Some('\u{2018}'),
    Some('\u{2019}'),
    Some('\u{201c}'),
    Some('\u{201d}'),
    Some('\u{2022}'),
    Some('\u{2013}'),
    Some('\u{2014}'),
    Some('\u{02dc}'),
    Some('\u{2122}'),
    Some('\u{0161}'),
    Some('\u{203a}'),
    Some('\u{0153}'),
    None,
    Some('\u{017e}'),
    Some('\u{0178}'),
];

fn cp1252_decode(b: u8) -> Option<char> {
    match b {
        0x80..0xa0 => CP1252_HIGH[(b - 0x80) as usize],
        _ => Some(char::from(b)),
    }
}

fn cp1252_encode(c: char) -> Option<u8> {
    match c as u32 {
        n @ (0..0x80 | 0xa0..0x100) => Some(n as u8),
        _ => CP1252_HIGH
            .iter()
            .position(|&x| x == Some(c))
            .map(|i| 0x80 + i as u8),
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
        "utf-16" | "utf16" | "u16" => Codec::Utf16(None),
        "utf-16-le" | "utf-16le" | "utf16le" | "unicodelittleunmarked" => {
            Codec::Utf16(Some(Endian::Little))
        }
        "utf-16-be" | "utf-16be" | "utf16be" | "unicodebigunmarked" => {
            Codec::Utf16(Some(Endian::Big))
        }
        "utf-32" | "utf32" | "u32" => Codec::Utf32(None),
        "utf-32-le" | "utf-32le" | "utf32le" => Codec::Utf32(Some(Endian::Little)),
        "utf-32-be" | "utf-32be" | "utf32be" => Codec::Utf32(Some(Endian::Big)),
        "cp1252" | "windows-1252" | "1252" => Codec::Cp1252,
        _ => {
            return Err(PyErr::new(
                &types().lookup_error,
                format!("unknown encoding: {encoding}"),
            ));
        }
    })
}

/// `_codecs.lookup_name(encoding)`: the codec's name as `codecs.lookup(encoding).name` gives
/// it, or CPython's LookupError.
pub(crate) fn lookup_name(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let v = crate::vm::args::one_arg(args, kw, "lookup_name")?;
    let Value::Str(s) = v else {
        return Err(exc::type_error(format!(
            "lookup() argument must be str, not {}",
            v.type_name()
        )));
    };
    Ok(Value::str(codec(s.as_str())?.lookup_name()))
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

/// One step of a unit-at-a-time decoder: a character and where the next unit starts, or the
/// end of the bad bytes and CPython's reason.
enum Step {
    Char(char, usize),
    Bad(usize, &'static str),
}

/// The unit of UTF-16, UTF-32 or cp1252 at `i` (`i < data.len()`).
fn step(codec: Codec, data: &[u8], i: usize) -> Step {
    let rest = &data[i..];
    match codec {
        Codec::Utf16(order) => {
            let unit = |k: usize| {
                let pair = [rest[k], rest[k + 1]];
                match order {
                    Some(Endian::Big) => u16::from_be_bytes(pair),
                    _ => u16::from_le_bytes(pair),
                }
            };
            if rest.len() < 2 {
                return Step::Bad(data.len(), "truncated data");
            }
            let u = unit(0);
            match u {
                0xd800..0xdc00 => {
                    if rest.len() < 4 {
                        return Step::Bad(data.len(), "unexpected end of data");
                    }
                    let lo = unit(2);
                    if !(0xdc00..0xe000).contains(&lo) {
                        return Step::Bad(i + 2, "illegal UTF-16 surrogate");
                    }
                    let c = 0x10000 + ((u as u32 - 0xd800) << 10) + (lo as u32 - 0xdc00);
                    match char::from_u32(c) {
                        Some(c) => Step::Char(c, i + 4),
                        None => Step::Bad(i + 4, "illegal encoding"),
                    }
                }
                0xdc00..0xe000 => Step::Bad(i + 2, "illegal encoding"),
                u => match char::from_u32(u as u32) {
                    Some(c) => Step::Char(c, i + 2),
                    None => Step::Bad(i + 2, "illegal encoding"),
                },
            }
        }
        Codec::Utf32(order) => {
            if rest.len() < 4 {
                return Step::Bad(data.len(), "truncated data");
            }
            let quad = [rest[0], rest[1], rest[2], rest[3]];
            let n = match order {
                Some(Endian::Big) => u32::from_be_bytes(quad),
                _ => u32::from_le_bytes(quad),
            };
            match n {
                0xd800..0xe000 => Step::Bad(
                    i + 4,
                    "code point in surrogate code point range(0xd800, 0xe000)",
                ),
                n => match char::from_u32(n) {
                    Some(c) => Step::Char(c, i + 4),
                    None => Step::Bad(i + 4, "code point not in range(0x110000)"),
                },
            }
        }
        _ => match cp1252_decode(rest[0]) {
            Some(c) => Step::Char(c, i + 1),
            None => Step::Bad(i + 1, "character maps to <undefined>"),
        },
    }
}

/// A plain UTF-16 or UTF-32 codec's byte order, from the BOM if the data starts with one
/// (and where the text starts); the others as they are.
fn settle(codec: Codec, data: &[u8]) -> (Codec, usize) {
    match codec {
        Codec::Utf16(None) => match data {
            [0xfe, 0xff, ..] => (Codec::Utf16(Some(Endian::Big)), 2),
            [0xff, 0xfe, ..] => (Codec::Utf16(Some(Endian::Little)), 2),
            _ => (Codec::Utf16(Some(Endian::Little)), 0),
        },
        Codec::Utf32(None) => match data {
            [0, 0, 0xfe, 0xff, ..] => (Codec::Utf32(Some(Endian::Big)), 4),
            [0xff, 0xfe, 0, 0, ..] => (Codec::Utf32(Some(Endian::Little)), 4),
            _ => (Codec::Utf32(Some(Endian::Little)), 0),
        },
        c => (c, 0),
    }
}

/// Decodes with a unit-at-a-time codec (UTF-16, UTF-32, cp1252) under an error handler.
fn decode_units(codec: Codec, data: &[u8], errors: &str) -> PyResult<String> {
    let (codec, mut i) = settle(codec, data);
    let mut out = String::with_capacity(data.len());
    while i < data.len() {
        match step(codec, data, i) {
            Step::Char(c, next) => {
                out.push(c);
                i = next;
            }
            Step::Bad(end, why) => {
                match errors {
                    "strict" => return Err(decode_error(codec, data, i, end, why)),
                    "ignore" => {}
                    "replace" => out.push('\u{fffd}'),
                    "backslashreplace" => {
                        for b in &data[i..end] {
                            out.push_str(&format!("\\x{b:02x}"));
                        }
                    }
                    "surrogateescape" => return Err(no_surrogates()),
                    other => return Err(unknown_handler(other)),
                }
                i = end;
            }
        }
    }
    Ok(out)
}

/// gilvm's text is UTF-8 and cannot hold the lone surrogates `surrogateescape` makes.
#[cold]
fn no_surrogates() -> PyErr {
    PyErr::new(
        &types().lookup_error,
        "the 'surrogateescape' error handler is not supported by gilvm",
    )
}

/// Text from bytes, as `bytes.decode(encoding, errors)` makes it.
pub fn decode(data: &[u8], encoding: &str, errors: &str) -> PyResult<String> {
    let codec = codec(encoding)?;
    if matches!(codec, Codec::Utf16(_) | Codec::Utf32(_) | Codec::Cp1252) {
        return decode_units(codec, data, errors);
    }
    let mut out = String::with_capacity(data.len());
    let mut i = 0;
    while i < data.len() {
        // The next run that decodes, then the bad bytes after it (start..end).
        let (end_ok, bad) = match codec {
            Codec::Latin1 | Codec::Utf16(_) | Codec::Utf32(_) | Codec::Cp1252 => {
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
            "surrogateescape" => return Err(no_surrogates()),
            other => return Err(unknown_handler(other)),
        }
        i = end;
    }
    Ok(out)
}

/// UTF-16 or UTF-32 bytes of `text` (a BOM first for the plain codecs): every character of
/// a Rust string encodes, so no error handler is ever consulted, as in CPython.
fn encode_wide(codec: Codec, text: &str) -> Vec<u8> {
    let big = matches!(
        codec,
        Codec::Utf16(Some(Endian::Big)) | Codec::Utf32(Some(Endian::Big))
    );
    let mut out = Vec::with_capacity(text.len() * 2 + 4);
    let put16 = |out: &mut Vec<u8>, u: u16| {
        out.extend(if big {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        })
    };
    match codec {
        Codec::Utf16(order) => {
            if order.is_none() {
                put16(&mut out, 0xfeff);
            }
            let mut buf = [0u16; 2];
            for c in text.chars() {
                for &u in c.encode_utf16(&mut buf).iter() {
                    put16(&mut out, u);
                }
            }
        }
        _ => {
            let put32 = |out: &mut Vec<u8>, n: u32| {
                out.extend(if big {
                    n.to_be_bytes()
                } else {
                    n.to_le_bytes()
                })
            };
            if codec == Codec::Utf32(None) {
                put32(&mut out, 0xfeff);
            }
            for c in text.chars() {
                put32(&mut out, c as u32);
            }
        }
    }
    out
}

/// Bytes from text, as `str.encode(encoding, errors)` makes them.
pub fn encode(text: &str, encoding: &str, errors: &str) -> PyResult<Vec<u8>> {
    let codec = codec(encoding)?;
    let limit = match codec {
        Codec::Utf8 => return Ok(text.as_bytes().to_vec()),
        Codec::Utf16(_) | Codec::Utf32(_) => return Ok(encode_wide(codec, text)),
        Codec::Ascii => 0x80,
        Codec::Latin1 | Codec::Cp1252 => 0x100,
    };
    let byte = |c: char| match codec {
        Codec::Cp1252 => cp1252_encode(c),
        _ => ((c as u32) < limit).then_some(c as u32 as u8),
    };
    let reason = match codec {
        Codec::Cp1252 => "character maps to <undefined>".to_string(),
        _ => format!("ordinal not in range({limit})"),
    };
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        if let Some(b) = byte(chars[i]) {
            out.push(b);
            i += 1;
            continue;
        }
        // CPython reports the whole run of characters the codec cannot encode (a charmap
        // codec, one at a time).
        let mut end = i + 1;
        while codec != Codec::Cp1252 && end < chars.len() && byte(chars[end]).is_none() {
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
                        Value::string(reason),
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
