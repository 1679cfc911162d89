//! `str.format` and `str.format_map`: the template language, parsed as CPython's
//! `unicode_format.h` does.

use crate::vm::Vm;
use crate::vm::object::exceptions::{self as exc};
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, PyResult};
use crate::vm::types::args::*;

// ----- str.format ----------------------------------------------------------------------------
//
// The template language of `str.format`, parsed as CPython's `unicode_format.h` does: literal
// text with `{{`/`}}` escapes, and fields `{name!conv:spec}` whose name is an argument index or
// keyword followed by `.attr` / `[key]` parts, and whose spec may itself contain fields. All the
// delimiters are ASCII, so the parser walks bytes; every slice it takes is at an ASCII byte and
// so on a character boundary.

/// Where named fields are looked up.
pub(super) enum Named<'a> {
    /// `str.format(**kwargs)`
    Kwargs(&'a KwArgs),
    /// `str.format_map(mapping)`
    Mapping(&'a Value),
}

#[derive(PartialEq, Clone, Copy)]
pub(super) enum AutoNumber {
    Init,
    Auto,
    Manual,
}

/// The arguments of one `format` call and its auto-numbering state.
pub(super) struct FormatArgs<'a> {
    /// `None` for `format_map`, which has no positional arguments at all.
    positional: Option<&'a [Value]>,
    named: Named<'a>,
    auto: AutoNumber,
    next_index: usize,
}

/// One replacement field, split into its parts.
pub(super) struct Field<'t> {
    name: &'t str,
    conversion: Option<char>,
    spec: &'t str,
    spec_has_fields: bool,
}

/// Parses the field starting after its `{` at `*i`, leaving `*i` after its `}`.
pub(super) fn parse_field<'t>(t: &'t str, i: &mut usize) -> PyResult<Field<'t>> {
    let b = t.as_bytes();
    let name_start = *i;
    let mut c = 0u8;
    while *i < b.len() {
        c = b[*i];
        *i += 1;
        match c {
            b'{' => return Err(exc::value_error("unexpected '{' in field name")),
            b'[' => {
                while *i < b.len() && b[*i] != b']' {
                    *i += 1;
                }
            }
            b'}' | b':' | b'!' => break,
            _ => {}
        }
    }
    let mut field = Field {
        name: "",
        conversion: None,
        spec: "",
        spec_has_fields: false,
    };
    match c {
        b'!' | b':' => {
            field.name = &t[name_start..*i - 1];
            if c == b'!' {
                let Some(conv) = t[*i..].chars().next() else {
                    return Err(exc::value_error(
                        "end of string while looking for conversion specifier",
                    ));
                };
                field.conversion = Some(conv);
                *i += conv.len_utf8();
                if *i < b.len() {
                    let next = b[*i];
                    *i += 1;
                    if next == b'}' {
                        return Ok(field);
                    }
                    if next != b':' {
                        return Err(exc::value_error("expected ':' after conversion specifier"));
                    }
                }
            }
            let spec_start = *i;
            let mut depth = 1;
            while *i < b.len() {
                let c = b[*i];
                *i += 1;
                if c == b'{' {
                    field.spec_has_fields = true;
                    depth += 1;
                } else if c == b'}' {
                    depth -= 1;
                    if depth == 0 {
                        field.spec = &t[spec_start..*i - 1];
                        return Ok(field);
                    }
                }
            }
            Err(exc::value_error("unmatched '{' in format spec"))
        }
        b'}' => {
            field.name = &t[name_start..*i - 1];
            Ok(field)
        }
        _ => Err(exc::value_error("expected '}' before end of string")),
    }
}

/// A field-name part made only of decimal digits, as an index.
pub(super) fn format_index(s: &str) -> PyResult<Option<usize>> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return Ok(None);
    }
    s.parse::<i64>()
        .map(|n| Some(n as usize))
        .map_err(|_| exc::value_error("Too many decimal digits in format string"))
}

/// The object a field name refers to: an argument, then its attributes and items.
pub(super) fn field_object(vm: &mut Vm, name: &str, fa: &mut FormatArgs) -> PyResult<Value> {
    let split = name.find(['.', '[']).unwrap_or(name.len());
    let (first, mut tail) = name.split_at(split);
    let index = format_index(first)?;
    let empty = first.is_empty();
    if empty || index.is_some() {
        if fa.auto == AutoNumber::Init {
            fa.auto = if empty {
                AutoNumber::Auto
            } else {
                AutoNumber::Manual
            };
        }
        if empty && fa.auto == AutoNumber::Manual {
            return Err(exc::value_error(
                "cannot switch from manual field specification to automatic field numbering",
            ));
        }
        if !empty && fa.auto == AutoNumber::Auto {
            return Err(exc::value_error(
                "cannot switch from automatic field numbering to manual field specification",
            ));
        }
    }
    let index = if empty {
        fa.next_index += 1;
        Some(fa.next_index - 1)
    } else {
        index
    };
    let mut obj = match index {
        Some(i) => {
            let Some(positional) = fa.positional else {
                return Err(exc::value_error("Format string contains positional fields"));
            };
            match positional.get(i) {
                Some(v) => v.clone(),
                None => {
                    return Err(exc::index_error(format!(
                        "Replacement index {} out of range for positional args tuple",
                        i
                    )));
                }
            }
        }
        None => match fa.named {
            Named::Kwargs(kw) => match kw.iter().find(|(k, _)| &**k == first) {
                Some((_, v)) => v.clone(),
                None => return Err(exc::key_error(Value::str(first))),
            },
            Named::Mapping(m) => vm.getitem(m, &Value::str(first))?,
        },
    };
    while let Some(c) = tail.bytes().next() {
        tail = &tail[1..];
        if c == b'.' {
            let end = tail.find(['.', '[']).unwrap_or(tail.len());
            let (attr, after) = tail.split_at(end);
            if attr.is_empty() {
                return Err(exc::value_error("Empty attribute in format string"));
            }
            obj = vm.getattr(&obj, attr)?;
            tail = after;
        } else if c == b'[' {
            let Some(end) = tail.find(']') else {
                return Err(exc::value_error("Missing ']' in format string"));
            };
            let key = &tail[..end];
            if key.is_empty() {
                return Err(exc::value_error("Empty attribute in format string"));
            }
            let key = match format_index(key)? {
                Some(i) => Value::Int(i as i64),
                None => Value::str(key),
            };
            obj = vm.getitem(&obj, &key)?;
            tail = &tail[end + 1..];
        } else {
            return Err(exc::value_error(
                "Only '.' or '[' may follow ']' in format field specifier",
            ));
        }
    }
    Ok(obj)
}

/// Expands a template; `depth` limits fields nested in specs (CPython allows one level).
pub(super) fn expand_template(
    vm: &mut Vm,
    t: &str,
    fa: &mut FormatArgs,
    depth: u32,
) -> PyResult<String> {
    if depth == 0 {
        return Err(exc::value_error("Max string recursion exceeded"));
    }
    let b = t.as_bytes();
    let mut out = String::with_capacity(t.len());
    let mut i = 0;
    while i < b.len() {
        let start = i;
        let mut brace = None;
        while i < b.len() {
            let c = b[i];
            i += 1;
            if c == b'{' || c == b'}' {
                brace = Some(c);
                break;
            }
        }
        let Some(c) = brace else {
            out.push_str(&t[start..]);
            break;
        };
        let at_end = i >= b.len();
        if c == b'}' && (at_end || b[i] != b'}') {
            return Err(exc::value_error("Single '}' encountered in format string"));
        }
        if at_end {
            return Err(exc::value_error("Single '{' encountered in format string"));
        }
        if b[i] == c {
            // `{{` or `}}`: the literal up to and including one brace.
            out.push_str(&t[start..i]);
            i += 1;
            continue;
        }
        out.push_str(&t[start..i - 1]);
        let field = parse_field(t, &mut i)?;
        let mut obj = field_object(vm, field.name, fa)?;
        match field.conversion {
            None => {}
            Some('r') => obj = Value::string(vm.repr(&obj)?),
            Some('s') => obj = vm.to_str_value(&obj)?,
            Some('a') => obj = Value::string(crate::vm::types::str::ascii_escape(&vm.repr(&obj)?)),
            Some(c) if (c as u32) > 32 && (c as u32) < 127 => {
                return Err(exc::value_error(format!(
                    "Unknown conversion specifier {}",
                    c
                )));
            }
            Some(c) => {
                return Err(exc::value_error(format!(
                    "Unknown conversion specifier \\x{:x}",
                    c as u32
                )));
            }
        }
        let spec = if field.spec_has_fields {
            expand_template(vm, field.spec, fa, depth - 1)?
        } else {
            field.spec.to_string()
        };
        match &obj {
            Value::Str(s) if spec.is_empty() => out.push_str(s.as_str()),
            _ => out.push_str(&crate::vm::format::value::format_value(vm, &obj, &spec)?),
        }
    }
    Ok(out)
}

/// `str.format(*args, **kwargs)`
pub(crate) fn str_format(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "format")?;
    let mut fa = FormatArgs {
        positional: Some(rest(args)),
        named: Named::Kwargs(kw),
        auto: AutoNumber::Init,
        next_index: 0,
    };
    Ok(Value::string(expand_template(vm, s.as_str(), &mut fa, 2)?))
}

/// `str.format_map(mapping)`
pub(crate) fn str_format_map(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let s = this_str(args, "format_map")?;
    let mapping = one_arg(args, kw, "str.format_map")?;
    let mut fa = FormatArgs {
        positional: None,
        named: Named::Mapping(mapping),
        auto: AutoNumber::Init,
        next_index: 0,
    };
    Ok(Value::string(expand_template(vm, s.as_str(), &mut fa, 2)?))
}
