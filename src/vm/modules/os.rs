//! `_os`: the few operating-system facts the `os` module (written in Python, `py/os.py`)
//! needs — the process id, the CPU count, the environment, the working directory, and what
//! exists at a path — and the text of a file for the built-in `open` (reading only).
//! Read-only: gilvm's programs do not create, remove or run anything. In a sandboxed
//! interpreter (`Config::sandboxed`: `gilvm web`'s runs) the environment is empty, the
//! working directory is `/` and no path exists.

use std::sync::Arc;

use crate::vm::Vm;
use crate::vm::modules::{add_funcs, no_args, one_arg};
use crate::vm::object::exceptions::{self as exc, PyErr};
use crate::vm::object::registry::types;
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, Module, PyResult};
use crate::vm::types::ctor_args::bind_params;

pub fn build(vm: &mut Vm) -> Arc<Module> {
    let m = vm.new_module("_os");
    add_funcs(
        &m.dict,
        &[
            ("getpid", getpid),
            ("cpu_count", cpu_count),
            ("environ_items", environ_items),
            ("getcwd", getcwd),
            ("stat_kind", stat_kind),
        ],
    );
    m
}

fn getpid(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "getpid")?;
    Ok(Value::Int(i64::from(std::process::id())))
}

fn cpu_count(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "cpu_count")?;
    Ok(Value::Int(
        std::thread::available_parallelism().map_or(1, |n| n.get()) as i64,
    ))
}

/// The environment as a list of `(name, value)` pairs (names or values that are not UTF-8 are
/// left out).
fn environ_items(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "environ_items")?;
    if vm.interp.sandboxed {
        return Ok(Value::list(Vec::new()));
    }
    let items = std::env::vars_os()
        .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
        .map(|(k, v)| Value::tuple(vec![Value::string(k), Value::string(v)]))
        .collect();
    Ok(Value::list(items))
}

fn getcwd(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "getcwd")?;
    if vm.interp.sandboxed {
        return Ok(Value::str("/"));
    }
    let dir = std::env::current_dir().map_err(|e| exc::os_error_from_io(&e))?;
    Ok(Value::string(dir.to_string_lossy().into_owned()))
}

/// `"file"`, `"dir"`, `"other"`, or None when nothing is there (following symlinks).
fn stat_kind(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let path = one_arg(args, kw, "stat_kind")?;
    let path = vm.to_str(path)?;
    if vm.interp.sandboxed {
        return Ok(Value::None);
    }
    Ok(match std::fs::metadata(&*path) {
        Ok(m) if m.is_file() => Value::str("file"),
        Ok(m) if m.is_dir() => Value::str("dir"),
        Ok(_) => Value::str("other"),
        Err(_) => Value::None,
    })
}

/// The bytes of the file at `path` (`open(path, 'rb')`, and the text modes before decoding),
/// with CPython's `FileNotFoundError: [Errno 2] No such file or directory: 'x'`. Sandboxed,
/// no file exists.
pub(crate) fn read_file_bytes(vm: &Vm, path: &str) -> PyResult<Vec<u8>> {
    let bytes = if vm.interp.sandboxed {
        Err(std::io::Error::from_raw_os_error(2))
    } else {
        std::fs::read(path)
    };
    bytes.map_err(|e| {
        let err = exc::os_error_from_io(&e);
        let name = Value::string(path.to_string());
        if let Some(st) = &err.exc.exc {
            st.args.lock().push(name.clone());
            st.set_field("filename", Some(name));
        }
        err
    })
}

/// The text of the file at `path` for `open(path)`: decoded (`encoding` as `open` names it:
/// UTF-8, ASCII or Latin-1) with universal newlines (`\r\n` and `\r` read as `\n`), as
/// CPython's text mode reads it. Errors are CPython's: `FileNotFoundError: [Errno 2] No such
/// file or directory: 'x'` (the OSError subclass of the errno, with the file name), a
/// `UnicodeDecodeError`, `LookupError: unknown encoding: x`. Sandboxed, no file exists.
pub(crate) fn read_text_file(vm: &Vm, path: &str, encoding: Option<&str>) -> PyResult<String> {
    let norm = encoding.map(|e| e.to_ascii_lowercase().replace('_', "-"));
    let codec = match norm.as_deref() {
        None | Some("utf-8" | "utf8" | "u8" | "utf") => "utf-8",
        Some("ascii" | "us-ascii" | "646") => "ascii",
        Some("latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1") => "latin-1",
        Some(_) => {
            return Err(PyErr::new(
                &types().lookup_error,
                format!("unknown encoding: {}", encoding.unwrap_or_default()),
            ));
        }
    };
    let bytes = read_file_bytes(vm, path)?;
    let text = match codec {
        "latin-1" => bytes.iter().map(|&b| char::from(b)).collect(),
        "ascii" => match bytes.iter().position(|b| !b.is_ascii()) {
            None => String::from_utf8(bytes).unwrap_or_default(),
            Some(i) => {
                return Err(PyErr::new(
                    &types().unicode_decode_error,
                    format!(
                        "'ascii' codec can't decode byte {:#04x} in position {i}: ordinal not \
                         in range(128)",
                        bytes[i]
                    ),
                ));
            }
        },
        _ => String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            let byte = e.as_bytes()[at];
            let why = match e.utf8_error().error_len() {
                None => "unexpected end of data",
                Some(_) if (0x80..0xc2).contains(&byte) || byte > 0xf4 => "invalid start byte",
                Some(_) => "invalid continuation byte",
            };
            PyErr::new(
                &types().unicode_decode_error,
                format!("'utf-8' codec can't decode byte {byte:#04x} in position {at}: {why}"),
            )
        })?,
    };
    Ok(if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

/// `open(file, mode='r', ...)`: a text file (or with `'rb'` a binary one), for reading
/// (gilvm's programs do not write files). The file is read and decoded here, so that its errors
/// come from the call as CPython's do; `io.TextIOWrapper` (`py/io.py`) serves the text.
pub(crate) fn open(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let params = [
        "file",
        "mode",
        "buffering",
        "encoding",
        "errors",
        "newline",
        "closefd",
        "opener",
    ];
    let a = bind_params(args, kw, "open", &params, 1)?;
    let file = a[0].clone().unwrap_or(Value::None);
    if !matches!(file, Value::Str(_)) {
        return Err(exc::type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            file.type_name()
        )));
    }
    let path = vm.to_str(&file)?.to_string();
    let mode = match &a[1] {
        None => "r".to_string(),
        Some(m @ Value::Str(_)) => vm.to_str(m)?.to_string(),
        Some(m) => {
            return Err(exc::type_error(format!(
                "open() argument 'mode' must be str, not {}",
                m.type_name()
            )));
        }
    };
    let mut seen = String::new();
    for c in mode.chars() {
        if !"rwxabt+U".contains(c) || seen.contains(c) {
            return Err(exc::value_error(format!("invalid mode: '{mode}'")));
        }
        seen.push(c);
    }
    if mode.chars().filter(|c| "rwxa".contains(*c)).count() != 1 {
        return Err(exc::value_error(
            "must have exactly one of create/read/write/append mode",
        ));
    }
    if mode.contains('b') && mode.contains('t') {
        return Err(exc::value_error("can't have text and binary mode at once"));
    }
    if !mode.contains('r') || mode.contains('+') {
        return Err(exc::os_error(format!(
            "gilvm's programs do not write files: open() reads only (mode '{mode}')"
        )));
    }
    if mode.contains('b') {
        if !matches!(a[3], None | Some(Value::None)) {
            return Err(exc::value_error(
                "binary mode doesn't take an encoding argument",
            ));
        }
        let data = read_file_bytes(vm, &path)?;
        let io = crate::vm::modules::import(vm, "io")?;
        let reader = vm.getattr(&io, "BufferedReader")?;
        return vm.call(
            &reader,
            &[Value::bytes(data), file, Value::string(mode)],
            &[],
        );
    }
    let encoding = match &a[3] {
        None | Some(Value::None) => None,
        Some(e) => Some(vm.to_str(e)?.to_string()),
    };
    // A file that does not decode opens, and its first read raises (as CPython's decoder).
    let (text, undecodable) = match read_text_file(vm, &path, encoding.as_deref()) {
        Ok(text) => (text, Value::None),
        Err(e) if e.matches(&types().unicode_decode_error) => (String::new(), e.value()),
        Err(e) => return Err(e),
    };
    let io = crate::vm::modules::import(vm, "io")?;
    let wrapper = vm.getattr(&io, "TextIOWrapper")?;
    let encoding = Value::string(encoding.unwrap_or_else(|| "UTF-8".to_string()));
    vm.call(
        &wrapper,
        &[
            Value::string(text),
            file,
            Value::string(mode),
            encoding,
            undecodable,
        ],
        &[],
    )
}
