//! `_os`: the few operating-system facts the `os` module (written in Python, `py/os.py`)
//! needs — the process id, the CPU count, the environment, the working directory, and what
//! exists at a path — the text of a file for the built-in `open`, the writes of a file it
//! opened for writing, and the file-system changes course code makes around files (`remove`,
//! `rename`, `mkdir`, `makedirs`, `rmdir`, `listdir`, `getsize`), and what `shutil` and
//! `tempfile` need underneath (`copyfile`, `chmod`, `access`), and file descriptors
//! (`open`, `read`, `write`, `lseek`, `fstat`, `ftruncate`, `close`, `pipe`, `dup`, `dup2`),
//! links, owners and modes, the user's ids, a file system's sizes, the terminal's size, and
//! `os._exit`, which ends the run (not the process: see [`exit_now`]). Nothing is run. In a
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
            ("_exit", exit_now),
            ("pipe", fd_pipe),
            ("dup", fd_dup),
            ("dup2", fd_dup2),
            ("get_inheritable", get_inheritable),
            ("set_inheritable", set_inheritable),
            ("fchmod", fd_fchmod),
            ("symlink", symlink),
            ("link", link),
            ("umask", umask),
            ("ids", ids),
            ("chown", chown),
            ("statvfs", statvfs),
            ("terminal_size", terminal_size),
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

/// `chmod(path, mode, follow_symlinks=True)`: the permission bits of a file (`os.chmod`,
/// `shutil.copymode`). Not following symlinks is fchmodat(2)'s `AT_SYMLINK_NOFOLLOW`,
/// which Linux refuses for a link itself (CPython's NotImplementedError then).
fn chmod(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    use std::os::unix::fs::PermissionsExt;
    let a = crate::vm::args::positional(args, kw, "chmod", 2, 3)?;
    let path = str_arg(vm, &a[0])?;
    let Value::Int(mode) = a[1] else {
        return Err(exc::type_error("chmod: mode must be an int"));
    };
    let follow = match a.get(2) {
        Some(v) => vm.truthy(v)?,
        None => true,
    };
    writable(vm, &path)?;
    if !follow {
        let Ok(c_path) = std::ffi::CString::new(path.clone()) else {
            return Err(exc::value_error("chmod: embedded null character in path"));
        };
        // SAFETY: `c_path` is NUL-terminated and lives until the call returns; fchmodat
        // only reads it.
        let r = unsafe {
            libc::fchmodat(
                libc::AT_FDCWD,
                c_path.as_ptr(),
                (mode & 0o7777) as libc::mode_t,
                libc::AT_SYMLINK_NOFOLLOW,
            )
        };
        if r == 0 {
            return Ok(Value::None);
        }
        let e = std::io::Error::last_os_error();
        if e.raw_os_error() == Some(libc::EOPNOTSUPP) {
            return Err(PyErr::new(
                &types().not_implemented_error,
                "chmod: follow_symlinks unavailable on this platform",
            ));
        }
        return Err(path_error(&e, &path, None));
    }
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

/// `mkdir(path, mode)`: a new directory with the permission bits `mode` (less the umask, as
/// mkdir(2) applies it).
fn mkdir(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    use std::os::unix::fs::DirBuilderExt;
    let a = args_n(args, kw, "mkdir", 2)?;
    let path = str_arg(vm, &a[0])?;
    let mode = vm.to_index(&a[1])?;
    writable(vm, &path)?;
    std::fs::DirBuilder::new()
        .mode((mode & 0o7777) as u32)
        .create(&path)
        .map_err(|e| path_error(&e, &path, None))?;
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

/// `_exit(status)`: ends the run at once with `status` (CPython's `os._exit`). Tools run
/// programs inside their own process (`explore`, `race`'s runs, `gilvm web`, a
/// `multiprocessing` child), so the process is not ended here: the interpreter is told to
/// stop ([`crate::vm::Interpreter::exit_now`]) and this thread unwinds with the exception no
/// handler catches and no `finally` sees; whoever created the run ends it with `status`.
fn exit_now(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let status = vm.to_index(one_arg(args, kw, "_exit")?)?;
    vm.interp.exit_now((status & 0xff) as u8);
    Err(exc::run_aborted())
}

/// Keeps `f` in `FDS` under its descriptor, which it returns.
fn keep_fd(f: std::fs::File) -> i64 {
    use std::os::unix::io::AsRawFd;
    let fd = f.as_raw_fd();
    FDS.lock().insert(fd, Arc::new(f));
    i64::from(fd)
}

/// The raw descriptor `fd` names, if it is open here: one of `table` (`FDS`, locked by the
/// caller), or a standard stream.
fn raw_fd(table: &FdTable, fd: i64) -> PyResult<i32> {
    match fd {
        0..=2 => Ok(fd as i32),
        _ => {
            let fd = i32::try_from(fd).map_err(|_| bad_fd())?;
            if table.contains_key(&fd) {
                Ok(fd)
            } else {
                Err(bad_fd())
            }
        }
    }
}

/// `pipe()`: `(r, w)`, the two ends of a new pipe, not inheritable (as CPython's).
fn fd_pipe(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "pipe")?;
    let (r, w) = std::io::pipe().map_err(|e| exc::os_error_from_io(&e))?;
    let r = std::fs::File::from(std::os::fd::OwnedFd::from(r));
    let w = std::fs::File::from(std::os::fd::OwnedFd::from(w));
    Ok(Value::tuple(vec![
        Value::Int(keep_fd(r)),
        Value::Int(keep_fd(w)),
    ]))
}

/// `dup(fd)`: a new descriptor (the lowest free number, not inheritable) for the same open
/// file.
fn fd_dup(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    use std::os::fd::AsFd;
    let fd = vm.to_index(one_arg(args, kw, "dup")?)?;
    if vm.interp.sandboxed && (0..=2).contains(&fd) {
        // The process's own streams are not the run's (its output is captured).
        return Err(exc::os_error_from_io(&std::io::Error::from_raw_os_error(
            30,
        )));
    }
    let owned = match fd {
        0 => std::io::stdin().as_fd().try_clone_to_owned(),
        1 => std::io::stdout().as_fd().try_clone_to_owned(),
        2 => std::io::stderr().as_fd().try_clone_to_owned(),
        _ => fd_file(fd)?.as_fd().try_clone_to_owned(),
    };
    let owned = owned.map_err(|e| exc::os_error_from_io(&e))?;
    Ok(Value::Int(keep_fd(std::fs::File::from(owned))))
}

/// `dup2(fd, fd2, inheritable)`: makes `fd2` a descriptor of `fd`'s open file, closing
/// what `fd2` was, and returns `fd2`. `fd2` may be one of the standard streams (the
/// process's own: `print` then writes where `fd` does, as in CPython), a descriptor this
/// module holds, or a number nothing in the process has open. A number something else
/// in the process holds (the runtime's own files) is not taken from it: EBADF. Sandboxed,
/// the standard streams are not redirected (EROFS).
fn fd_dup2(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = args_n(args, kw, "dup2", 3)?;
    let fd = vm.to_index(&a[0])?;
    let fd2 = vm.to_index(&a[1])?;
    let inheritable = vm.truthy(&a[2])?;
    let mut table = FDS.lock();
    let from = raw_fd(&table, fd)?;
    let to = i32::try_from(fd2).map_err(|_| bad_fd())?;
    if to < 0 {
        return Err(bad_fd());
    }
    let flags = if inheritable { 0 } else { libc::O_CLOEXEC };
    if to <= 2 || table.contains_key(&to) {
        if to <= 2 && vm.interp.sandboxed {
            return Err(exc::os_error_from_io(&std::io::Error::from_raw_os_error(
                30,
            )));
        }
        if from == to {
            return Ok(Value::Int(fd2));
        }
        // SAFETY: dup3(2) takes no pointers. `to` is a standard stream or a descriptor
        // `FDS` owns: the `File` there keeps owning the number, which now names `fd`'s file.
        let r = unsafe { libc::dup3(from, to, flags) };
        if r < 0 {
            return Err(exc::os_error_from_io(&std::io::Error::last_os_error()));
        }
        return Ok(Value::Int(fd2));
    }
    // A number that is not ours: take it only if it is free. F_DUPFD gives the lowest free
    // number from `to` up, atomically, so nothing another part of the process holds is
    // closed.
    let cmd = if inheritable {
        libc::F_DUPFD
    } else {
        libc::F_DUPFD_CLOEXEC
    };
    // SAFETY: fcntl(2) with F_DUPFD takes an int and no pointers; `from` is open (it is a
    // standard stream or `FDS` holds it, and the table's lock is held).
    let got = unsafe { libc::fcntl(from, cmd, to) };
    if got < 0 {
        return Err(exc::os_error_from_io(&std::io::Error::last_os_error()));
    }
    // SAFETY: `got` was just made by fcntl for this call and nothing else refers to it, so
    // the `OwnedFd` is its only owner.
    let owned = unsafe { <std::os::fd::OwnedFd as std::os::fd::FromRawFd>::from_raw_fd(got) };
    if got != to {
        drop(owned);
        return Err(bad_fd());
    }
    table.insert(got, Arc::new(std::fs::File::from(owned)));
    Ok(Value::Int(fd2))
}

/// `get_inheritable(fd)`: whether a program the process runs would keep the descriptor
/// (its close-on-exec flag is clear).
fn get_inheritable(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let fd = vm.to_index(one_arg(args, kw, "get_inheritable")?)?;
    let table = FDS.lock();
    let raw = raw_fd(&table, fd)?;
    // SAFETY: fcntl(2) with F_GETFD takes no pointers; `raw` is open while the table's lock
    // is held.
    let flags = unsafe { libc::fcntl(raw, libc::F_GETFD) };
    if flags < 0 {
        return Err(exc::os_error_from_io(&std::io::Error::last_os_error()));
    }
    Ok(Value::Bool(flags & libc::FD_CLOEXEC == 0))
}

/// `set_inheritable(fd, inheritable)`: sets or clears the descriptor's close-on-exec flag.
fn set_inheritable(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = args_n(args, kw, "set_inheritable", 2)?;
    let fd = vm.to_index(&a[0])?;
    let inheritable = vm.truthy(&a[1])?;
    let table = FDS.lock();
    let raw = raw_fd(&table, fd)?;
    // SAFETY: fcntl(2) with F_GETFD/F_SETFD takes ints and no pointers; `raw` is open while
    // the table's lock is held.
    let r = unsafe {
        let flags = libc::fcntl(raw, libc::F_GETFD);
        if flags < 0 {
            flags
        } else if inheritable {
            libc::fcntl(raw, libc::F_SETFD, flags & !libc::FD_CLOEXEC)
        } else {
            libc::fcntl(raw, libc::F_SETFD, flags | libc::FD_CLOEXEC)
        }
    };
    if r < 0 {
        return Err(exc::os_error_from_io(&std::io::Error::last_os_error()));
    }
    Ok(Value::None)
}

/// `fchmod(fd, mode)`: the permission bits of an open file.
fn fd_fchmod(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    use std::os::unix::fs::PermissionsExt;
    let a = args_n(args, kw, "fchmod", 2)?;
    let fd = vm.to_index(&a[0])?;
    let mode = vm.to_index(&a[1])?;
    let f = fd_file(fd)?;
    f.set_permissions(std::fs::Permissions::from_mode((mode & 0o7777) as u32))
        .map_err(|e| exc::os_error_from_io(&e))?;
    Ok(Value::None)
}

/// `symlink(src, dst)`: a symbolic link at `dst` pointing to `src` (which need not exist).
fn symlink(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = args_n(args, kw, "symlink", 2)?;
    let (src, dst) = (str_arg(vm, &a[0])?, str_arg(vm, &a[1])?);
    writable(vm, &dst)
        .map_err(|_| path_error(&std::io::Error::from_raw_os_error(30), &src, Some(&dst)))?;
    std::os::unix::fs::symlink(&src, &dst).map_err(|e| path_error(&e, &src, Some(&dst)))?;
    Ok(Value::None)
}

/// `link(src, dst)`: a hard link: `dst` names the file `src` names.
fn link(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = args_n(args, kw, "link", 2)?;
    let (src, dst) = (str_arg(vm, &a[0])?, str_arg(vm, &a[1])?);
    writable(vm, &dst)
        .map_err(|_| path_error(&std::io::Error::from_raw_os_error(30), &src, Some(&dst)))?;
    std::fs::hard_link(&src, &dst).map_err(|e| path_error(&e, &src, Some(&dst)))?;
    Ok(Value::None)
}

/// `umask(mask)`: sets the process's file mode creation mask, returning the previous one.
/// Sandboxed, the process's mask is not changed (EROFS).
fn umask(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let mask = vm.to_index(one_arg(args, kw, "umask")?)?;
    if vm.interp.sandboxed {
        return Err(exc::os_error_from_io(&std::io::Error::from_raw_os_error(
            30,
        )));
    }
    // SAFETY: umask(2) takes an int and cannot fail.
    let old = unsafe { libc::umask((mask & 0o777) as libc::mode_t) };
    Ok(Value::Int(i64::from(old)))
}

/// `ids()`: `(uid, euid, gid, egid)` of the process.
fn ids(_vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    no_args(args, kw, "ids")?;
    // SAFETY: these four calls take no arguments and cannot fail.
    let (uid, euid, gid, egid) = unsafe {
        (
            libc::getuid(),
            libc::geteuid(),
            libc::getgid(),
            libc::getegid(),
        )
    };
    Ok(Value::tuple(
        [uid, euid, gid, egid]
            .into_iter()
            .map(|n| Value::Int(i64::from(n)))
            .collect(),
    ))
}

/// `chown(path, uid, gid, follow_symlinks)`: the owner and group of a file (-1 leaves one
/// as it is).
fn chown(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let a = args_n(args, kw, "chown", 4)?;
    let path = str_arg(vm, &a[0])?;
    let id = |v: i64| u32::try_from(v).ok();
    let (uid, gid) = (id(vm.to_index(&a[1])?), id(vm.to_index(&a[2])?));
    let follow = vm.truthy(&a[3])?;
    writable(vm, &path)?;
    let r = if follow {
        std::os::unix::fs::chown(&path, uid, gid)
    } else {
        std::os::unix::fs::lchown(&path, uid, gid)
    };
    r.map_err(|e| path_error(&e, &path, None))?;
    Ok(Value::None)
}

/// `statvfs(path)`: the fields of `os.statvfs_result` (block sizes and counts, file counts,
/// flags, the longest name, the file system's id). Sandboxed, nothing exists.
fn statvfs(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let path = str_arg(vm, one_arg(args, kw, "statvfs")?)?;
    if vm.interp.sandboxed {
        return Err(path_error(
            &std::io::Error::from_raw_os_error(2),
            &path,
            None,
        ));
    }
    let Ok(c_path) = std::ffi::CString::new(path.clone()) else {
        return Err(exc::value_error("embedded null byte"));
    };
    // SAFETY: an all-zero `statvfs` is a valid value of the plain C struct.
    let mut st: libc::statvfs = unsafe { std::mem::zeroed() };
    // SAFETY: `c_path` is NUL-terminated and lives until the call returns; `st` is a valid,
    // writable `statvfs` the call fills.
    let r = unsafe { libc::statvfs(c_path.as_ptr(), &mut st) };
    if r != 0 {
        return Err(path_error(&std::io::Error::last_os_error(), &path, None));
    }
    let n = |v: u64| Value::Int(v as i64);
    Ok(Value::tuple(vec![
        n(st.f_bsize as u64),
        n(st.f_frsize as u64),
        n(st.f_blocks as u64),
        n(st.f_bfree as u64),
        n(st.f_bavail as u64),
        n(st.f_files as u64),
        n(st.f_ffree as u64),
        n(st.f_favail as u64),
        n(st.f_flag as u64),
        n(st.f_namemax as u64),
        n(st.f_fsid as u64),
    ]))
}

/// `terminal_size(fd)`: `(columns, lines)` of the terminal at descriptor `fd`, or the
/// OSError of a descriptor that is not one (`[Errno 25] Inappropriate ioctl for device`).
/// Sandboxed, the output is not a terminal.
fn terminal_size(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let fd = vm.to_index(one_arg(args, kw, "terminal_size")?)?;
    if vm.interp.sandboxed {
        return Err(exc::os_error_from_io(&std::io::Error::from_raw_os_error(
            25,
        )));
    }
    let table = FDS.lock();
    let raw = raw_fd(&table, fd)?;
    // SAFETY: an all-zero `winsize` is a valid value of the plain C struct.
    let mut ws: libc::winsize = unsafe { std::mem::zeroed() };
    // SAFETY: TIOCGWINSZ writes one `winsize` through the pointer, which points at `ws`;
    // `raw` is open while the table's lock is held.
    let r = unsafe { libc::ioctl(raw, libc::TIOCGWINSZ, &mut ws) };
    if r != 0 {
        return Err(exc::os_error_from_io(&std::io::Error::last_os_error()));
    }
    Ok(Value::tuple(vec![
        Value::Int(i64::from(ws.ws_col)),
        Value::Int(i64::from(ws.ws_row)),
    ]))
}
