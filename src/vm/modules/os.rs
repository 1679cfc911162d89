//! `_os`: the few operating-system facts the `os` module (written in Python, `py/os.py`)
//! needs — the process id, the CPU count, the environment, the working directory, and what
//! exists at a path — the text of a file for the built-in `open`, the writes of a file it
//! opened for writing, and the file-system changes course code makes around files (`remove`,
//! `rename`, `mkdir`, `makedirs`, `rmdir`, `listdir`, `getsize`), and what `shutil` and
//! `tempfile` need underneath (`copyfile`, `chmod`, `access`), and file descriptors
//! (`open`, `read`, `write`, `lseek`, `fstat`, `ftruncate`, `close`). Nothing is run. In a
//! sandboxed interpreter (`Config::sandboxed`: `gilvm web`'s runs) the environment is empty,
//! the working directory is `/`, no path exists, and every change is refused with
//! `OSError: [Errno 30] Read-only file system`.

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
            ("open_for_write", open_for_write),
            ("write_file", write_file),
            ("remove", remove),
            ("rename", rename),
            ("mkdir", mkdir),
            ("makedirs", makedirs),
            ("rmdir", rmdir),
            ("listdir", listdir),
            ("getsize", getsize),
            ("stat", stat),
            ("chdir", chdir),
            ("readlink", readlink),
            ("utime", utime),
            ("chmod", chmod),
            ("copyfile", copyfile),
            ("access", access),
            ("open", fd_open),
            ("close", fd_close),
            ("read", fd_read),
            ("write", fd_write),
            ("lseek", fd_lseek),
            ("fstat", fd_fstat),
            ("ftruncate", fd_ftruncate),
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

/// The text of the file at `path` for `open(path)`: decoded (`encoding` as `open` names it:
/// UTF-8, ASCII or Latin-1) with universal newlines (`\r\n` and `\r` read as `\n`) unless
/// `open` was given a `newline`, as CPython's text mode reads it. Errors are CPython's:
/// `FileNotFoundError: [Errno 2] No such file or directory: 'x'` (the OSError subclass of
/// the errno, with the file name), a `UnicodeDecodeError`, `LookupError: unknown encoding:
/// x`. Sandboxed, no file exists.
/// The bytes of the file at `path` (`open(path, 'rb')`), with CPython's
/// `FileNotFoundError: [Errno 2] No such file or directory: 'x'`. Sandboxed, no file exists.
pub(crate) fn read_file_bytes(vm: &Vm, path: &str) -> PyResult<Vec<u8>> {
    let bytes = if vm.interp.sandboxed {
        Err(std::io::Error::from_raw_os_error(2))
    } else {
        std::fs::read(path)
    };
    bytes.map_err(|e| {
        let err = exc::os_error_from_io(&e);
        let name = Value::string(path.to_string());
        if let Some(st) = err.exc.exc() {
            st.args.lock().push(name.clone());
            st.set_field("filename", Some(name));
        }
        err
    })
}

pub(crate) fn read_text_file(
    vm: &Vm,
    path: &str,
    encoding: Option<&str>,
    universal_newlines: bool,
) -> PyResult<String> {
    decode_text(encoding, universal_newlines, || read_file_bytes(vm, path))
}

/// The text of the bytes `read` gives (a file's, or what is left to read of a descriptor's),
/// decoded as `read_text_file` says; an unknown encoding is reported before anything is read.
fn decode_text(
    encoding: Option<&str>,
    universal_newlines: bool,
    read: impl FnOnce() -> PyResult<Vec<u8>>,
) -> PyResult<String> {
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
    let bytes = read()?;
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
    Ok(if universal_newlines && text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text
    })
}

/// An `io::Error` on `path` (and `path2`) as CPython's OSError subclass, with its file names:
/// `FileExistsError: [Errno 17] File exists: 'x'`.
fn path_error(e: &std::io::Error, path: &str, path2: Option<&str>) -> PyErr {
    let err = exc::os_error_from_io(e);
    if let Some(st) = err.exc.exc() {
        let name = Value::string(path.to_string());
        st.args.lock().push(name.clone());
        st.set_field("filename", Some(name));
        if let Some(p2) = path2 {
            let name2 = Value::string(p2.to_string());
            let mut args = st.args.lock();
            args.push(Value::Int(0));
            args.push(name2.clone());
            drop(args);
            st.set_field("filename2", Some(name2));
        }
    }
    err
}

/// Refuses a change to the file system in a sandboxed interpreter (`gilvm web`).
fn writable(vm: &Vm, path: &str) -> PyResult<()> {
    if vm.interp.sandboxed {
        return Err(path_error(
            &std::io::Error::from_raw_os_error(30),
            path,
            None,
        ));
    }
    Ok(())
}

/// A path argument as a string: a `str`, or an object whose class has `__fspath__` returning
/// one (`pathlib.Path`), as CPython's `os.fspath` reads it.
pub(crate) fn str_arg(vm: &mut Vm, v: &Value) -> PyResult<String> {
    if let Value::Str(s) = v.builtin_base() {
        return Ok(s.as_str().to_string());
    }
    let Some(method) = vm.lookup_special(v, "__fspath__") else {
        return Err(exc::type_error(format!(
            "expected str, bytes or os.PathLike object, not {}",
            v.type_name()
        )));
    };
    let r = vm.call(&method, std::slice::from_ref(v), &[])?;
    match r.builtin_base() {
        Value::Str(s) => Ok(s.as_str().to_string()),
        _ => Err(exc::type_error(format!(
            "expected {}.__fspath__() to return str or bytes, not {}",
            v.type_name(),
            r.type_name()
        ))),
    }
}

/// `stat(path, follow_symlinks)`: the fields of CPython's `os.stat_result`, in its order:
/// the ten visible ones (whole seconds for the times), then `st_atime`, `st_mtime`,
/// `st_ctime` as floats, the three `_ns` times, `st_blksize`, `st_blocks`, `st_rdev`.
/// Sandboxed, nothing exists.
fn stat(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = args_n(args, kw, "stat", 2)?;
    let path = str_arg(vm, &a[0])?;
    let follow = vm.truthy(&a[1])?;
    let meta = if vm.interp.sandboxed {
        Err(std::io::Error::from_raw_os_error(2))
    } else if follow {
        std::fs::metadata(&path)
    } else {
        std::fs::symlink_metadata(&path)
    };
    let m = meta.map_err(|e| path_error(&e, &path, None))?;
    Ok(stat_tuple(&m))
}

/// The fields of `os.stat_result` for `m`, in CPython's order (see `stat`).
fn stat_tuple(m: &std::fs::Metadata) -> Value {
    use std::os::unix::fs::MetadataExt;
    let int = |n: i64| Value::Int(n);
    let big = |n: i128| Value::from_bigint(num_bigint::BigInt::from(n));
    let secs = |s: i64, ns: i64| Value::Float(s as f64 + ns as f64 * 1e-9);
    let nanos = |s: i64, ns: i64| big(i128::from(s) * 1_000_000_000 + i128::from(ns));
    Value::tuple(vec![
        int(i64::from(m.mode())),
        big(i128::from(m.ino())),
        big(i128::from(m.dev())),
        big(i128::from(m.nlink())),
        int(i64::from(m.uid())),
        int(i64::from(m.gid())),
        big(i128::from(m.size())),
        int(m.atime()),
        int(m.mtime()),
        int(m.ctime()),
        secs(m.atime(), m.atime_nsec()),
        secs(m.mtime(), m.mtime_nsec()),
        secs(m.ctime(), m.ctime_nsec()),
        nanos(m.atime(), m.atime_nsec()),
        nanos(m.mtime(), m.mtime_nsec()),
        nanos(m.ctime(), m.ctime_nsec()),
        big(i128::from(m.blksize())),
        big(i128::from(m.blocks())),
        big(i128::from(m.rdev())),
    ])
}

/// `chdir(path)`: changes the process's working directory. Sandboxed, no directory exists.
fn chdir(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let path = str_arg(vm, one_arg(args, kw, "chdir")?)?;
    let r = if vm.interp.sandboxed {
        Err(std::io::Error::from_raw_os_error(2))
    } else {
        std::env::set_current_dir(&path)
    };
    r.map_err(|e| path_error(&e, &path, None))?;
    Ok(Value::None)
}

/// `utime(path, times_ns)`: sets a file's access and modification times, given as a pair
/// of nanoseconds since the epoch, or None for now. Sandboxed, refused.
fn utime(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    use std::time::{Duration, SystemTime, UNIX_EPOCH};
    let a = args_n(args, kw, "utime", 2)?;
    let path = str_arg(vm, &a[0])?;
    writable(vm, &path)?;
    let at = |vm: &mut Vm, v: &Value| -> PyResult<SystemTime> {
        let ns = crate::vm::modules::arg_bigint(vm, v)?;
        let too_large = || exc::overflow_error("timestamp out of range for platform time_t");
        let ns = i64::try_from(&ns).map_err(|_| too_large())?;
        let d = Duration::from_nanos(ns.unsigned_abs());
        let t = if ns < 0 {
            UNIX_EPOCH.checked_sub(d)
        } else {
            UNIX_EPOCH.checked_add(d)
        };
        t.ok_or_else(too_large)
    };
    let times = match &a[1] {
        Value::None => {
            let now = SystemTime::now();
            std::fs::FileTimes::new()
                .set_accessed(now)
                .set_modified(now)
        }
        t => {
            let pair = vm.collect(t)?;
            let [atime, mtime] = pair.as_slice() else {
                return Err(exc::type_error("utime: 'ns' must be a tuple of two ints"));
            };
            std::fs::FileTimes::new()
                .set_accessed(at(vm, atime)?)
                .set_modified(at(vm, mtime)?)
        }
    };
    std::fs::File::open(&path)
        .and_then(|f| f.set_times(times))
        .map_err(|e| path_error(&e, &path, None))?;
    Ok(Value::None)
}

/// `readlink(path)`: the target of a symbolic link. Sandboxed, nothing exists.
fn readlink(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let path = str_arg(vm, one_arg(args, kw, "readlink")?)?;
    let r = if vm.interp.sandboxed {
        Err(std::io::Error::from_raw_os_error(2))
    } else {
        std::fs::read_link(&path)
    };
    let target = r.map_err(|e| path_error(&e, &path, None))?;
    Ok(Value::string(target.to_string_lossy().into_owned()))
}

fn args_n<'a>(args: &'a [Value], kw: &KwArgs, name: &str, n: usize) -> PyResult<&'a [Value]> {
    crate::vm::args::positional(args, kw, name, n, n)
}

/// `open_for_write(path, kind)`: what `open` does to the file before the first write: `w`
/// creates or truncates it, `x` creates it (FileExistsError if it exists), `a` creates it
/// if missing.
fn open_for_write(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = args_n(args, kw, "open_for_write", 2)?;
    let path = str_arg(vm, &a[0])?;
    let kind = str_arg(vm, &a[1])?;
    prepare_write(vm, &path, &kind)?;
    Ok(Value::None)
}

/// What `open(path, kind)` does to a file opened for writing before the first write: `w`
/// creates or truncates it, `x` creates it (FileExistsError if it exists), `a` creates it
/// if missing, `r` (`r+`) needs it to exist and be writable.
pub(crate) fn prepare_write(vm: &Vm, path: &str, kind: &str) -> PyResult<()> {
    writable(vm, path)?;
    let mut o = std::fs::OpenOptions::new();
    match kind {
        "w" => o.write(true).create(true).truncate(true),
        "x" => o.write(true).create_new(true),
        "a" => o.append(true).create(true),
        _ => o.write(true),
    };
    o.open(path).map_err(|e| path_error(&e, path, None))?;
    Ok(())
}

/// `write_file(path, text, encoding, append)`: the text a file object flushes, encoded,
/// appended or replacing the file's contents.
fn write_file(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    use std::io::Write;
    let a = args_n(args, kw, "write_file", 4)?;
    let path = str_arg(vm, &a[0])?;
    let text = str_arg(vm, &a[1])?;
    let encoding = str_arg(vm, &a[2])?.to_ascii_lowercase().replace('_', "-");
    let append = vm.truthy(&a[3])?;
    writable(vm, &path)?;
    let limit = match encoding.as_str() {
        "ascii" | "us-ascii" | "646" => Some((128u32, "ascii", "ordinal not in range(128)")),
        "latin-1" | "latin1" | "iso-8859-1" | "iso8859-1" | "l1" => {
            Some((256, "latin-1", "ordinal not in range(256)"))
        }
        _ => None,
    };
    let bytes: Vec<u8> = match limit {
        None => text.into_bytes(),
        Some((max, codec, why)) => {
            let mut out = Vec::with_capacity(text.len());
            for (i, c) in text.chars().enumerate() {
                if c as u32 >= max {
                    return Err(PyErr::new(
                        &types().unicode_encode_error,
                        format!(
                            "'{codec}' codec can't encode character '\\u{:04x}' in position {i}: {why}",
                            c as u32
                        ),
                    ));
                }
                out.push(c as u32 as u8);
            }
            out
        }
    };
    let mut o = std::fs::OpenOptions::new();
    if append {
        o.append(true).create(true);
    } else {
        o.write(true).create(true).truncate(true);
    }
    let mut f = o.open(&path).map_err(|e| path_error(&e, &path, None))?;
    f.write_all(&bytes)
        .map_err(|e| path_error(&e, &path, None))?;
    Ok(Value::None)
}

fn remove(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let path = str_arg(vm, one_arg(args, kw, "remove")?)?;
    writable(vm, &path)?;
    std::fs::remove_file(&path).map_err(|e| path_error(&e, &path, None))?;
    Ok(Value::None)
}

fn rename(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = args_n(args, kw, "rename", 2)?;
    let (src, dst) = (str_arg(vm, &a[0])?, str_arg(vm, &a[1])?);
    writable(vm, &src)?;
    std::fs::rename(&src, &dst).map_err(|e| path_error(&e, &src, Some(&dst)))?;
    Ok(Value::None)
}

/// `chmod(path, mode)`: the permission bits of a file (`os.chmod`, `shutil.copymode`).
fn chmod(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    use std::os::unix::fs::PermissionsExt;
    let a = args_n(args, kw, "chmod", 2)?;
    let path = str_arg(vm, &a[0])?;
    let Value::Int(mode) = a[1] else {
        return Err(exc::type_error("chmod: mode must be an int"));
    };
    writable(vm, &path)?;
    let perms = std::fs::Permissions::from_mode((mode & 0o7777) as u32);
    std::fs::set_permissions(&path, perms).map_err(|e| path_error(&e, &path, None))?;
    Ok(Value::None)
}

/// `copyfile(src, dst)`: the bytes of `src` written to `dst` (created or truncated), as
/// `shutil.copyfile` does; the permission bits are not copied. `src` is read first, so an
/// error names the file it is about, as CPython's `open(src, 'rb')`, `open(dst, 'wb')`.
fn copyfile(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = args_n(args, kw, "copyfile", 2)?;
    let (src, dst) = (str_arg(vm, &a[0])?, str_arg(vm, &a[1])?);
    writable(vm, &dst)?;
    let mut from = std::fs::File::open(&src).map_err(|e| path_error(&e, &src, None))?;
    if from.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(path_error(
            &std::io::Error::from_raw_os_error(21),
            &src,
            None,
        ));
    }
    let mut to = std::fs::File::create(&dst).map_err(|e| path_error(&e, &dst, None))?;
    std::io::copy(&mut from, &mut to).map_err(|e| path_error(&e, &dst, None))?;
    Ok(Value::None)
}

/// `access(path, mode)`: whether the real user may reach `path` as `mode` says (`F_OK` 0,
/// `X_OK` 1, `W_OK` 2, `R_OK` 4), the C library's `access`; `shutil.which` asks it. In a
/// sandboxed interpreter no path exists, so the answer is False.
fn access(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = args_n(args, kw, "access", 2)?;
    let path = str_arg(vm, &a[0])?;
    let Value::Int(mode) = a[1] else {
        return Err(exc::type_error("access: mode must be an int"));
    };
    if vm.interp.sandboxed {
        return Ok(Value::Bool(false));
    }
    let Ok(c_path) = std::ffi::CString::new(path) else {
        return Err(exc::value_error("access: embedded null character in path"));
    };
    // SAFETY: `c_path` is a NUL-terminated string that lives until the call returns, and
    // `access` only reads it; the mode is any int (the C library rejects unknown bits
    // with EINVAL, read here as False, as CPython's `os.access`).
    let r = unsafe { libc::access(c_path.as_ptr(), mode as libc::c_int) };
    Ok(Value::Bool(r == 0))
}

fn mkdir(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let path = str_arg(vm, one_arg(args, kw, "mkdir")?)?;
    writable(vm, &path)?;
    std::fs::create_dir(&path).map_err(|e| path_error(&e, &path, None))?;
    Ok(Value::None)
}

/// `makedirs(path, exist_ok)`: every missing directory on the way.
fn makedirs(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = args_n(args, kw, "makedirs", 2)?;
    let path = str_arg(vm, &a[0])?;
    let exist_ok = vm.truthy(&a[1])?;
    writable(vm, &path)?;
    if std::path::Path::new(&path).is_dir() {
        if exist_ok {
            return Ok(Value::None);
        }
        return Err(path_error(
            &std::io::Error::from_raw_os_error(17),
            &path,
            None,
        ));
    }
    std::fs::create_dir_all(&path).map_err(|e| path_error(&e, &path, None))?;
    Ok(Value::None)
}

fn rmdir(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let path = str_arg(vm, one_arg(args, kw, "rmdir")?)?;
    writable(vm, &path)?;
    std::fs::remove_dir(&path).map_err(|e| path_error(&e, &path, None))?;
    Ok(Value::None)
}

/// `listdir(path)`: the names in a directory, in the order the system lists them (as
/// CPython's, both read the directory with `readdir`).
fn listdir(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let path = str_arg(vm, one_arg(args, kw, "listdir")?)?;
    if vm.interp.sandboxed {
        return Err(path_error(
            &std::io::Error::from_raw_os_error(2),
            &path,
            None,
        ));
    }
    let mut names = Vec::new();
    for e in std::fs::read_dir(&path).map_err(|e| path_error(&e, &path, None))? {
        let e = e.map_err(|e| path_error(&e, &path, None))?;
        names.push(Value::string(e.file_name().to_string_lossy().into_owned()));
    }
    Ok(Value::list(names))
}

fn getsize(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let path = str_arg(vm, one_arg(args, kw, "getsize")?)?;
    let meta = if vm.interp.sandboxed {
        Err(std::io::Error::from_raw_os_error(2))
    } else {
        std::fs::metadata(&path)
    };
    let m = meta.map_err(|e| path_error(&e, &path, None))?;
    Ok(Value::Int(m.len() as i64))
}

/// `open(file, mode='r', ...)`. A binary file is a descriptor opened here with the flags of
/// CPython's FileIO, handed to `io.BufferedReader`/`BufferedWriter`/`BufferedRandom`
/// (`py/io.py`). A text file is created, truncated or read and decoded here, so that its
/// errors come from the call as CPython's do; `io.TextIOWrapper` serves the text and writes
/// it back. `file` may be a descriptor (`open(fd)`, `os.fdopen`).
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
    // `open(fd)`: a file object over a descriptor that is already open (`os.fdopen`).
    let fd = match file {
        Value::Int(fd) => Some(fd),
        _ => None,
    };
    let path = match fd {
        Some(_) => String::new(),
        None => str_arg(vm, &file)?,
    };
    // CPython's file object is named by the path as a string (`open(Path("x")).name`), or
    // by its descriptor.
    let file = if matches!(file, Value::Str(_) | Value::Int(_)) {
        file
    } else {
        Value::string(path.clone())
    };
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
    let closefd = match &a[6] {
        None => true,
        Some(v) => vm.truthy(v)?,
    };
    let kind = mode.chars().find(|c| "rwxa".contains(*c)).unwrap_or('r');
    // `buffering=0`: a raw file (`io.FileIO`); text cannot be unbuffered.
    let unbuffered = matches!(a[2], Some(Value::Int(0)) | Some(Value::Bool(false)));
    if mode.contains('b') {
        for (i, what) in [(3, "an encoding"), (4, "an errors"), (5, "a newline")] {
            if !matches!(a[i], None | Some(Value::None)) {
                return Err(exc::value_error(format!(
                    "binary mode doesn't take {what} argument"
                )));
            }
        }
        let fd = match fd {
            Some(fd) => fd,
            None => {
                if !closefd {
                    return Err(exc::value_error("Cannot use closefd=False with file name"));
                }
                let access = if mode.contains('+') {
                    libc::O_RDWR
                } else if kind == 'r' {
                    libc::O_RDONLY
                } else {
                    libc::O_WRONLY
                };
                let create = match kind {
                    'w' => libc::O_CREAT | libc::O_TRUNC,
                    'x' => libc::O_CREAT | libc::O_EXCL,
                    'a' => libc::O_CREAT | libc::O_APPEND,
                    _ => 0,
                };
                open_fd(vm, &path, access | create | libc::O_CLOEXEC, 0o666)?
            }
        };
        let class = if unbuffered {
            "FileIO"
        } else if mode.contains('+') {
            "BufferedRandom"
        } else if kind == 'r' {
            "BufferedReader"
        } else {
            "BufferedWriter"
        };
        let io = crate::vm::modules::import(vm, "io")?;
        let class = vm.getattr(&io, class)?;
        return vm.call(
            &class,
            &[
                Value::Int(fd),
                file,
                Value::string(mode),
                Value::Bool(closefd),
            ],
            &[],
        );
    }
    if fd.is_none() && !closefd {
        return Err(exc::value_error("Cannot use closefd=False with file name"));
    }
    let encoding = match &a[3] {
        None | Some(Value::None) => None,
        // Python 3.10's name for the locale's encoding (`io.text_encoding(None)`), which is
        // UTF-8 for gilvm.
        Some(e) if vm.to_str(e)?.as_str() == "locale" => None,
        Some(e) => Some(vm.to_str(e)?.to_string()),
    };
    let newline = match &a[5] {
        None | Some(Value::None) => Value::None,
        Some(n @ Value::Str(s)) => {
            if !matches!(s.as_str(), "" | "\n" | "\r" | "\r\n") {
                return Err(exc::value_error(format!(
                    "illegal newline value: {}",
                    s.as_str()
                )));
            }
            n.clone()
        }
        Some(n) => {
            return Err(exc::type_error(format!(
                "open() argument 'newline' must be str or None, not {}",
                n.type_name()
            )));
        }
    };
    if fd.is_none() && (kind != 'r' || mode.contains('+')) {
        // The file is created, truncated or checked now, as CPython's open() does.
        prepare_write(vm, &path, &kind.to_string())?;
    }
    let reads_existing = kind == 'r' || (kind == 'a' && mode.contains('+'));
    // A file that does not decode opens, and its first read raises (as CPython's decoder).
    // Over a descriptor, the text is what is left to read of it.
    if unbuffered {
        return Err(exc::value_error("can't have unbuffered text I/O"));
    }
    let reads = reads_existing || (fd.is_some() && mode.contains('+'));
    let (text, undecodable) = if !reads {
        (String::new(), Value::None)
    } else {
        let universal = newline.is_none();
        let text = match fd {
            Some(fd) => decode_text(encoding.as_deref(), universal, || fd_read_all(fd)),
            None => read_text_file(vm, &path, encoding.as_deref(), universal),
        };
        match text {
            Ok(text) => (text, Value::None),
            Err(e) if e.matches(&types().unicode_decode_error) => (String::new(), e.value()),
            Err(e) => return Err(e),
        }
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
            newline,
            Value::Bool(closefd),
        ],
        &[],
    )
}

// ---------------------------------------------------------------------------------------
// File descriptors: `os.open`, `os.read`, `os.write`, `os.lseek`, `os.fstat`, `os.close`,
// and the binary files of `open` built on them (`io.FileIO`, `py/io.py`).
//
// A descriptor is a real one of the process (`os.open` returns what open(2) returned), and
// the `File` that owns it is kept in `FDS` under its number until `os.close`, so that no
// code here needs `unsafe` to turn a bare number back into a file. Descriptors 0, 1 and 2
// are the process's standard streams, read and written through std's handles. Any other
// number that `FDS` does not hold is `OSError: [Errno 9] Bad file descriptor`, as the OS
// says of a number that is not open. Sandboxed (`gilvm web`), opening for reading finds no
// file and opening for writing is refused with EROFS, as for every other path.
// ---------------------------------------------------------------------------------------

type FdTable = std::collections::HashMap<i32, Arc<std::fs::File>>;

static FDS: std::sync::LazyLock<parking_lot::Mutex<FdTable>> =
    std::sync::LazyLock::new(Default::default);

fn bad_fd() -> PyErr {
    exc::os_error_from_io(&std::io::Error::from_raw_os_error(9))
}

/// The file behind descriptor `fd` (not one of the standard streams).
fn fd_file(fd: i64) -> PyResult<Arc<std::fs::File>> {
    let fd = i32::try_from(fd).map_err(|_| bad_fd())?;
    FDS.lock().get(&fd).cloned().ok_or_else(bad_fd)
}

/// `open(path, flags, mode)`: open(2) with the flags as given (`O_CREAT`, `O_EXCL`,
/// `O_TRUNC`, `O_APPEND`, `O_NOFOLLOW`, ... pass through unchanged) and the new file's
/// permission bits (less the umask), returning the descriptor.
fn fd_open(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = args_n(args, kw, "open", 3)?;
    let path = str_arg(vm, &a[0])?;
    let flags = vm.to_index(&a[1])?;
    let mode = vm.to_index(&a[2])?;
    let flags = i32::try_from(flags)
        .map_err(|_| exc::overflow_error("signed integer is greater than maximum"))?;
    let mode = u32::try_from(mode).map_err(|_| exc::overflow_error("mode is out of range"))?;
    Ok(Value::Int(open_fd(vm, &path, flags, mode)?))
}

/// open(2) of `path` with `flags` and `mode`, keeping the file in `FDS`: its descriptor.
fn open_fd(vm: &Vm, path: &str, flags: i32, mode: u32) -> PyResult<i64> {
    use std::os::unix::fs::OpenOptionsExt;
    use std::os::unix::io::AsRawFd;
    let access = flags & libc::O_ACCMODE;
    let changes =
        access != libc::O_RDONLY || flags & (libc::O_CREAT | libc::O_TRUNC | libc::O_APPEND) != 0;
    if vm.interp.sandboxed {
        let errno = if changes { 30 } else { 2 };
        return Err(path_error(
            &std::io::Error::from_raw_os_error(errno),
            path,
            None,
        ));
    }
    let mut o = std::fs::OpenOptions::new();
    o.read(access == libc::O_RDONLY || access == libc::O_RDWR)
        .write(access == libc::O_WRONLY || access == libc::O_RDWR)
        .custom_flags(flags & !libc::O_ACCMODE)
        .mode(mode);
    let f = o.open(path).map_err(|e| path_error(&e, path, None))?;
    let fd = f.as_raw_fd();
    FDS.lock().insert(fd, Arc::new(f));
    Ok(i64::from(fd))
}

/// What is left to read of descriptor `fd`, to its end.
fn fd_read_all(fd: i64) -> PyResult<Vec<u8>> {
    use std::io::Read;
    let mut out = Vec::new();
    let r = if fd == 0 {
        std::io::stdin().read_to_end(&mut out)
    } else {
        (&*fd_file(fd)?).read_to_end(&mut out)
    };
    r.map_err(|e| exc::os_error_from_io(&e))?;
    Ok(out)
}

/// `close(fd)`: closes the descriptor (the `File` is dropped once no read or write on
/// another thread still holds it).
fn fd_close(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let fd = vm.to_index(one_arg(args, kw, "close")?)?;
    let fd = i32::try_from(fd).map_err(|_| bad_fd())?;
    match FDS.lock().remove(&fd) {
        Some(_) => Ok(Value::None),
        None => Err(bad_fd()),
    }
}

/// `read(fd, n)`: at most `n` bytes from the descriptor's position (fewer at the end).
fn fd_read(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    use std::io::Read;
    let a = args_n(args, kw, "read", 2)?;
    let fd = vm.to_index(&a[0])?;
    let n = vm.to_index(&a[1])?;
    if n < 0 {
        return Err(exc::value_error("negative count"));
    }
    let mut buf = vec![0u8; n as usize];
    let got = if fd == 0 {
        std::io::stdin().read(&mut buf)
    } else {
        let f = fd_file(fd)?;
        (&*f).read(&mut buf)
    };
    let got = got.map_err(|e| exc::os_error_from_io(&e))?;
    buf.truncate(got);
    Ok(Value::bytes(buf))
}

/// `write(fd, data)`: writes a bytes-like `data` at the descriptor's position (at the end
/// with `O_APPEND`), returning the count written.
fn fd_write(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    use std::io::Write;
    let a = args_n(args, kw, "write", 2)?;
    let fd = vm.to_index(&a[0])?;
    let data = crate::vm::types::bytes::need_bytes(&a[1])?;
    let n = match fd {
        1 | 2 if vm.interp.sandboxed => {
            vm.write_stdout(&String::from_utf8_lossy(&data))?;
            Ok(data.len())
        }
        1 => std::io::stdout().write(&data).and_then(|n| {
            std::io::stdout().flush()?;
            Ok(n)
        }),
        2 => std::io::stderr().write(&data),
        _ => {
            let f = fd_file(fd)?;
            (&*f).write(&data)
        }
    };
    let n = n.map_err(|e| exc::os_error_from_io(&e))?;
    Ok(Value::Int(n as i64))
}

/// `lseek(fd, pos, how)`: moves the descriptor's position (`how` 0, 1, 2: from the start,
/// the current position, the end) and returns the new one.
fn fd_lseek(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    use std::io::{Seek, SeekFrom};
    let a = args_n(args, kw, "lseek", 3)?;
    let fd = vm.to_index(&a[0])?;
    let pos = vm.to_index(&a[1])?;
    let how = vm.to_index(&a[2])?;
    let f = fd_file(fd)?;
    if how == i64::from(libc::SEEK_DATA) || how == i64::from(libc::SEEK_HOLE) {
        // SEEK_DATA / SEEK_HOLE (Linux's 3 and 4), which std's `Seek` does not name.
        use std::os::unix::io::AsRawFd;
        // SAFETY: lseek(2) takes no pointers; the descriptor belongs to `f`, which this
        // function holds, so it stays open (and is not another file's) for the call.
        let at = unsafe { libc::lseek(f.as_raw_fd(), pos, how as libc::c_int) };
        if at < 0 {
            return Err(exc::os_error_from_io(&std::io::Error::last_os_error()));
        }
        return Ok(Value::Int(at));
    }
    let to = match how {
        0 if pos < 0 => {
            return Err(exc::os_error_from_io(&std::io::Error::from_raw_os_error(
                22,
            )));
        }
        0 => SeekFrom::Start(pos as u64),
        1 => SeekFrom::Current(pos),
        2 => SeekFrom::End(pos),
        _ => {
            return Err(exc::os_error_from_io(&std::io::Error::from_raw_os_error(
                22,
            )));
        }
    };
    let at = (&*f).seek(to).map_err(|e| exc::os_error_from_io(&e))?;
    Ok(Value::Int(at as i64))
}

/// `fstat(fd)`: the fields of `os.stat_result` for the open file (as `stat`).
fn fd_fstat(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let fd = vm.to_index(one_arg(args, kw, "fstat")?)?;
    let f = fd_file(fd)?;
    let m = f.metadata().map_err(|e| exc::os_error_from_io(&e))?;
    Ok(stat_tuple(&m))
}

/// `ftruncate(fd, length)`: cuts (or extends with zeros) the open file to `length` bytes.
fn fd_ftruncate(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = args_n(args, kw, "ftruncate", 2)?;
    let fd = vm.to_index(&a[0])?;
    let len = vm.to_index(&a[1])?;
    let f = fd_file(fd)?;
    let len = u64::try_from(len)
        .map_err(|_| exc::os_error_from_io(&std::io::Error::from_raw_os_error(22)))?;
    f.set_len(len).map_err(|e| exc::os_error_from_io(&e))?;
    Ok(Value::None)
}
