//! `dis`: `dis.dis(x)` prints the listing `gilvm dis` prints, through the interpreter's stdout.

use std::sync::Arc;

use crate::bytecode::{CodeObject, disassemble_recursive};
use crate::vm::Vm;
use crate::vm::modules::add_funcs;
use crate::vm::object::exceptions as exc;
use crate::vm::object::value::Value;
use crate::vm::object::{KwArgs, Module, PyResult};

pub fn build(vm: &mut Vm) -> Arc<Module> {
    let m = vm.new_module("dis");
    add_funcs(&m.dict, &[("dis", dis), ("disassemble", dis)]);
    // CPython 3.11's names of the `co_flags` bits (what `inspect` makes its `CO_*` from).
    let names = Value::dict(crate::vm::object::Dict::new());
    for (bit, name) in [
        (1, "OPTIMIZED"),
        (2, "NEWLOCALS"),
        (4, "VARARGS"),
        (8, "VARKEYWORDS"),
        (16, "NESTED"),
        (32, "GENERATOR"),
        (64, "NOFREE"),
        (128, "COROUTINE"),
        (256, "ITERABLE_COROUTINE"),
        (512, "ASYNC_GENERATOR"),
    ] {
        let _ = vm.setitem(&names, &Value::Int(bit), Value::str(name));
    }
    m.dict.set_str("COMPILER_FLAG_NAMES", names);
    m
}

/// The code object behind a function, method, code object or source string.
fn code_of(x: &Value) -> PyResult<Option<Arc<CodeObject>>> {
    Ok(match x {
        Value::Function(f) => Some(f.code.object.clone()),
        Value::Method(m) => code_of(&m.func)?,
        Value::Code(c) => Some(c.object.clone()),
        Value::Str(s) => {
            let src = crate::source::SourceFile::new("<dis>".to_string(), s.as_str().to_string());
            match crate::compiler::compile_source(&src, crate::compiler::Mode::Exec) {
                Ok(c) => Some(c),
                Err(e) => {
                    return Err(exc::PyErr::new(
                        &crate::vm::object::registry::types().syntax_error,
                        e.msg.clone(),
                    ));
                }
            }
        }
        _ => None,
    })
}

fn dis(vm: &mut Vm, args: &[Value], kw: &KwArgs) -> PyResult<Value> {
    let p = crate::vm::modules::bind_args(args, kw, "dis", &["x", "file", "depth"], 0, 1, 0)?;
    let Some(x) = p[0].clone().filter(|v| !v.is_none()) else {
        return Err(exc::runtime_error("no last traceback to disassemble"));
    };
    let mut out = String::new();
    if let Value::Class(cls) = &x {
        let mut items: Vec<(String, Value)> = cls
            .dict
            .items()
            .into_iter()
            .filter_map(|(k, v)| k.as_str().map(|s| (s.to_string(), v)))
            .collect();
        items.sort_by(|a, b| a.0.cmp(&b.0));
        for (name, v) in items {
            if let Some(code) = code_of(&v)? {
                out.push_str(&format!("Disassembly of {}:\n", name));
                disassemble_recursive(&code, &mut out, None);
                out.push('\n');
            }
        }
    } else {
        match code_of(&x)? {
            Some(code) => disassemble_recursive(&code, &mut out, None),
            None => {
                return Err(exc::type_error(format!(
                    "don't know how to disassemble {} objects",
                    x.type_name()
                )));
            }
        }
    }
    vm.write_stdout(&out)?;
    Ok(Value::None)
}
