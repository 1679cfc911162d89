//! The disassembler: CPython 3.8's `dis.disassemble` layout, byte for byte, with an optional
//! marker column for switch points.

use std::fmt::Write as _;
use std::sync::Arc;

use super::switch_points::Mark;
use super::{
    CodeObject, ConstIdx, Constant, Instruction, Label, LocalSlot, NameIdx, SwitchPointFn,
    SwitchPoints, format_value,
};

/// Disassembles one code object in CPython 3.8's `dis.disassemble` layout.
pub fn disassemble(code: &CodeObject, out: &mut String) {
    disassemble_marked(code, out, None)
}

/// Like [`disassemble`], with an extra marker column (`*`) on switch points when given.
pub fn disassemble_marked(code: &CodeObject, out: &mut String, marks: Option<SwitchPointFn>) {
    let marker = |i: usize| marks.and_then(|f| f(code, i).then_some('*'));
    listing(code, out, &marker)
}

/// One code object's listing, with `marker`'s character (if any) in the marker column.
fn listing(code: &CodeObject, out: &mut String, marker: &dyn Fn(usize) -> Option<char>) {
    let n = code.instructions.len();
    let maxline = code.locations.iter().map(|l| l.line).max().unwrap_or(0);
    let lineno_width = if maxline >= 1000 {
        maxline.to_string().len()
    } else {
        3
    };
    let maxoffset = n.saturating_sub(1) * 2;
    let offset_width = if maxoffset >= 10000 {
        maxoffset.to_string().len()
    } else {
        4
    };
    let mut is_target = vec![false; n];
    for ins in &code.instructions {
        if let Some(Label(t)) = ins.jump_target()
            && let Some(slot) = is_target.get_mut(t as usize)
        {
            *slot = true;
        }
    }
    let mut last_line = 0;
    for (i, &target) in is_target.iter().enumerate() {
        let line = code.locations.get(i).map_or(0, |l| l.line);
        let starts_line = line != last_line && line != 0;
        if starts_line {
            last_line = line;
            if i > 0 {
                out.push('\n');
            }
        }
        let mut fields: Vec<String> = Vec::with_capacity(6);
        if starts_line {
            fields.push(format!("{:>w$}", line, w = lineno_width));
        } else {
            fields.push(" ".repeat(lineno_width));
        }
        match marker(i) {
            Some(c) => fields.push(format!("  {c}")),
            None => fields.push("   ".to_string()),
        }
        fields.push(if target { ">>".into() } else { "  ".into() });
        fields.push(format!("{:>w$}", i * 2, w = offset_width));
        fields.push(instruction_text(code, i));
        let line_text = fields.join(" ");
        out.push_str(line_text.trim_end());
        out.push('\n');
    }
}

/// One instruction as `dis` lists it after the offset: opname, argument and its meaning
/// (`LOAD_GLOBAL              0 (result)`). Empty for an index out of range.
pub fn instruction_text(code: &CodeObject, index: usize) -> String {
    let Some(ins) = code.instructions.get(index) else {
        return String::new();
    };
    let mut text = format!("{:<20}", ins.opname());
    if let Some((arg, argrepr)) = arg_and_repr(code, index, ins) {
        text.push_str(&format!(" {:>5}", arg));
        if !argrepr.is_empty() {
            text.push_str(&format!(" ({})", argrepr));
        }
    }
    text
}

/// Disassembles a code object and, recursively, every code object among its constants.
pub fn disassemble_recursive(code: &CodeObject, out: &mut String, marks: Option<SwitchPointFn>) {
    disassemble_marked(code, out, marks);
    for c in &code.consts {
        if let Constant::Code(inner) = c {
            out.push('\n');
            let _ = writeln!(out, "Disassembly of {}:", inner.repr());
            disassemble_recursive(inner, out, marks);
        }
    }
}

/// `dis --switch-points`: the listing of `code` and the code objects nested in it, with `*`
/// on the switch points of `policy` and `c` on calls (a switch may fall inside one) when
/// `marks`, and after each code object its read–modify–write windows when `windows`.
pub fn disassemble_switch_points(
    code: &CodeObject,
    out: &mut String,
    policy: SwitchPoints,
    marks: bool,
    windows: bool,
) {
    let marker = |i: usize| {
        if marks {
            policy.mark(code, i).map(Mark::symbol)
        } else {
            None
        }
    };
    listing(code, out, &marker);
    if windows {
        for w in policy.windows(code) {
            let line = |i: usize| code.locations.get(i).map_or(0, |l| l.line);
            let (l1, l2) = (line(w.load), line(w.store));
            let lines = if l1 == l2 {
                format!("line {l1}")
            } else {
                format!("lines {l1}-{l2}")
            };
            let mut at: Vec<String> = w
                .switches
                .iter()
                .take(WINDOW_PLACES)
                .map(|&i| {
                    let what = match policy.mark(code, i) {
                        Some(Mark::Call) => " (inside the call)",
                        _ if code.instructions.get(i).is_some_and(|op| {
                            matches!(op, Instruction::JumpAbsolute(Label(t)) if (*t as usize) <= i)
                        }) =>
                        {
                            " (a loop's backward jump)"
                        }
                        _ => "",
                    };
                    format!("{}{what}", i * 2)
                })
                .collect();
            if w.switches.len() > WINDOW_PLACES {
                at.push(format!("… ({} places)", w.switches.len()));
            }
            let _ = writeln!(
                out,
                "    window on {} ({lines}): loaded at {}, stored at {}; a switch may fall at {}",
                w.name,
                w.load * 2,
                w.store * 2,
                at.join(", ")
            );
            if w.in_with {
                out.push_str(
                    "      (inside a `with`: safe if it holds a lock every writer of it holds)\n",
                );
            }
        }
    }
    for c in &code.consts {
        if let Constant::Code(inner) = c {
            out.push('\n');
            let _ = writeln!(out, "Disassembly of {}:", inner.repr());
            disassemble_switch_points(inner, out, policy, marks, windows);
        }
    }
}

/// Places listed in a window before "… (N places)".
const WINDOW_PLACES: usize = 3;

fn name_of(table: &[Arc<str>], i: u32) -> String {
    table
        .get(i as usize)
        .map_or_else(|| "?".to_string(), |s| s.to_string())
}

/// The numeric argument and its readable form, as `dis` shows them.
fn arg_and_repr(code: &CodeObject, index: usize, ins: &Instruction) -> Option<(i64, String)> {
    use Instruction::*;
    let offset = index as i64 * 2;
    if let Some(Label(t)) = ins.jump_target() {
        let target = t as i64 * 2;
        return Some(if ins.is_relative_jump() {
            (target - offset - 2, format!("to {}", target))
        } else {
            (target, String::new())
        });
    }
    let r = match *ins {
        LoadConst(ConstIdx(i)) => {
            let text = code
                .consts
                .get(i as usize)
                .map_or_else(|| "?".into(), Constant::repr);
            (i as i64, text)
        }
        LoadName(NameIdx(i))
        | StoreName(NameIdx(i))
        | DeleteName(NameIdx(i))
        | LoadGlobal(NameIdx(i))
        | StoreGlobal(NameIdx(i))
        | DeleteGlobal(NameIdx(i))
        | LoadAttr(NameIdx(i))
        | StoreAttr(NameIdx(i))
        | DeleteAttr(NameIdx(i))
        | LoadMethod(NameIdx(i))
        | ImportName(NameIdx(i))
        | ImportFrom(NameIdx(i)) => (i as i64, name_of(&code.names, i)),
        LoadFast(LocalSlot(i)) | StoreFast(LocalSlot(i)) | DeleteFast(LocalSlot(i)) => {
            (i as i64, name_of(&code.varnames, i))
        }
        LoadDeref(c) | StoreDeref(c) | DeleteDeref(c) | LoadClosure(c) | LoadClassDeref(c) => {
            (c.0 as i64, code.cell_name(c).to_string())
        }
        CompareOp(op) => (op as i64, op.symbol().to_string()),
        FormatValue(flags) => {
            let mut s = match flags & format_value::CONV_MASK {
                format_value::CONV_STR => "str".to_string(),
                format_value::CONV_REPR => "repr".to_string(),
                format_value::CONV_ASCII => "ascii".to_string(),
                _ => String::new(),
            };
            if flags & format_value::HAVE_SPEC != 0 {
                if !s.is_empty() {
                    s.push_str(", ");
                }
                s.push_str("with format");
            }
            (flags as i64, s)
        }
        MakeFunction(flags) => {
            let names = ["defaults", "kwdefaults", "annotations", "closure"];
            let s: Vec<&str> = names
                .iter()
                .enumerate()
                .filter(|(b, _)| flags & (1 << b) != 0)
                .map(|(_, n)| *n)
                .collect();
            (flags as i64, s.join(", "))
        }
        CallMethod(n) | CallFunction(n) | CallFunctionKw(n) | CallFunctionEx(n) | BuildTuple(n)
        | BuildList(n) | BuildSet(n) | BuildMap(n) | BuildConstKeyMap(n) | BuildString(n)
        | BuildSlice(n) | ListAppend(n) | SetAdd(n) | MapAdd(n) | ListExtend(n) | SetUpdate(n)
        | DictUpdate(n) | DictMerge(n) | UnpackSequence(n) | UnpackEx(n) | RaiseVarargs(n)
        | MatchClass(n) => (n as i64, String::new()),
        _ => return None,
    };
    Some(r)
}
