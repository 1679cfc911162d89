//! The quickening pass: from a code object's instructions, the stream the fast loop runs, in
//! which the first instruction of some purely local sequences is replaced by a
//! superinstruction (same length, same indices; the instructions after it stay, for when the
//! superinstruction's fast case does not apply).
//!
//! Every fused instruction carries typed operands (`IntArith`, `IntCompare`, slots, name
//! indices); none skips a switch point or merges two accesses to shared state.

use super::{BinaryOp, CompareOp, ConstIdx, Instruction, LocalSlot, NameIdx};

/// The operator of a fused instruction and whether its right operand is a constant (one
/// two-byte field: the instruction stays eight bytes with its tag in the flag's spare values,
/// which keeps the eval loop's decoding of every instruction cheap).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FusedOp<Op> {
    pub op: Op,
    pub right_is_const: bool,
}

/// The arithmetic a `FusedBinaryStore` does on two small ints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntArith {
    Add,
    Subtract,
    Multiply,
}

impl IntArith {
    /// The fusable operator, if `op` is one.
    pub fn of(op: BinaryOp) -> Option<IntArith> {
        match op {
            BinaryOp::Add => Some(IntArith::Add),
            BinaryOp::Subtract => Some(IntArith::Subtract),
            BinaryOp::Multiply => Some(IntArith::Multiply),
            _ => None,
        }
    }
}

/// The comparison a `FusedCompareJump` does on two small ints (the orderings and equality:
/// `in` and `is` are never fused).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IntCompare {
    Lt,
    Le,
    Eq,
    Ne,
    Gt,
    Ge,
}

impl IntCompare {
    /// The fusable comparison, if `op` is one.
    pub fn of(op: CompareOp) -> Option<IntCompare> {
        match op {
            CompareOp::Lt => Some(IntCompare::Lt),
            CompareOp::Le => Some(IntCompare::Le),
            CompareOp::Eq => Some(IntCompare::Eq),
            CompareOp::Ne => Some(IntCompare::Ne),
            CompareOp::Gt => Some(IntCompare::Gt),
            CompareOp::Ge => Some(IntCompare::Ge),
            _ => None,
        }
    }
}

/// The `co_names` index of an attribute load or store.
fn attr_name_idx(ins: &Instruction) -> Option<u32> {
    match *ins {
        Instruction::LoadAttr(NameIdx(i)) | Instruction::StoreAttr(NameIdx(i)) => Some(i),
        _ => None,
    }
}

/// The operand a `LOAD_FAST` or `LOAD_CONST` loads: its index, and whether it is a constant.
fn local_or_const(ins: &Instruction) -> Option<(u32, bool)> {
    match *ins {
        Instruction::LoadFast(LocalSlot(i)) => Some((i, false)),
        Instruction::LoadConst(ConstIdx(i)) => Some((i, true)),
        _ => None,
    }
}

/// `code[i]` a `LOAD_FAST` and `code[i + 1]` a load of a local or a constant, both indices
/// small enough for a fused instruction's operands: the local, the operand, and whether the
/// operand is a constant.
fn local_then_operand(code: &[Instruction], i: usize) -> Option<(u16, u16, bool)> {
    let Instruction::LoadFast(LocalSlot(local)) = code[i] else {
        return None;
    };
    let (operand, is_const) = local_or_const(code.get(i + 1)?)?;
    Some((
        u16::try_from(local).ok()?,
        u16::try_from(operand).ok()?,
        is_const,
    ))
}

/// Whether no instruction of `code` writes local 0 (`STORE_FAST 0` or `DELETE_FAST 0`; the
/// fused instructions of [`quicken`] only stand for sequences that contain their stores).
pub fn keeps_arg0(code: &[Instruction]) -> bool {
    !code.iter().any(|ins| {
        matches!(
            ins,
            Instruction::StoreFast(LocalSlot(0)) | Instruction::DeleteFast(LocalSlot(0))
        )
    })
}

/// Builds the quickened stream. Only sequences that touch nothing but the frame's own locals
/// and constants are fused (`src/README.md`, decision 3), plus a local load feeding one
/// attribute load or store: a global, attribute or subscript access is never merged with
/// another one, and no switch point is skipped, so every race a program has stays visible.
pub fn quicken(code: &[Instruction]) -> Vec<Instruction> {
    use Instruction::*;
    let mut out = code.to_vec();
    let small = |v: u32| u16::try_from(v).ok();
    for i in 0..code.len().saturating_sub(1) {
        let LoadFast(LocalSlot(local)) = code[i] else {
            continue;
        };
        let (Some(local), Some(name)) = (small(local), attr_name_idx(&code[i + 1]).and_then(small))
        else {
            continue;
        };
        match code[i + 1] {
            LoadAttr(_) => out[i] = FusedLoadAttr { local, name },
            StoreAttr(_) => out[i] = FusedStoreAttr { local, name },
            _ => {}
        }
    }
    for i in 0..code.len().saturating_sub(3) {
        let Some((left, right, right_is_const)) = local_then_operand(code, i) else {
            continue;
        };
        match (code[i + 2], code[i + 3]) {
            (Binary(op) | Inplace(op), StoreFast(LocalSlot(store))) => {
                let (Some(op), Some(store)) = (IntArith::of(op), small(store)) else {
                    continue;
                };
                out[i] = FusedBinaryStore {
                    left,
                    right,
                    op: FusedOp { op, right_is_const },
                    store,
                };
            }
            (CompareOp(op), PopJumpIfFalse(_)) => {
                if let Some(op) = IntCompare::of(op) {
                    out[i] = FusedCompareJump {
                        left,
                        right,
                        op: FusedOp { op, right_is_const },
                    };
                }
            }
            _ => {}
        }
    }
    // A subscript of a local by a local or a constant: one shared access, as unfused.
    for i in 0..code.len().saturating_sub(2) {
        if out[i] != code[i] {
            continue;
        }
        let Some((obj, key, key_is_const)) = local_then_operand(code, i) else {
            continue;
        };
        match code[i + 2] {
            DupTopTwo if code.get(i + 3) == Some(&BinarySubscr) => {
                out[i] = FusedSubscrKeep {
                    obj,
                    key,
                    key_is_const,
                }
            }
            BinarySubscr => {
                out[i] = FusedSubscr {
                    obj,
                    key,
                    key_is_const,
                }
            }
            StoreSubscr => {
                out[i] = FusedStoreSubscr {
                    obj,
                    key,
                    key_is_const,
                }
            }
            _ => {}
        }
    }
    // Calls whose arguments are plain local or constant loads (at most `MAX_FUSED_ARGS`).
    let simple_args = |from: usize| {
        code[from.min(code.len())..]
            .iter()
            .take_while(|ins| matches!(ins, LoadFast(_) | LoadConst(_)))
            .take(MAX_FUSED_ARGS)
            .count()
    };
    for i in 0..code.len() {
        match code[i] {
            LoadGlobal(NameIdx(name)) => {
                let argc = simple_args(i + 1);
                if let (Some(name), Some(&CallFunction(n))) = (small(name), code.get(i + 1 + argc))
                    && n as usize == argc
                {
                    out[i] = FusedCallGlobal {
                        name,
                        argc: argc as u8,
                    };
                }
            }
            LoadFast(LocalSlot(local)) if out[i] == code[i] => {
                let Some(&LoadMethod(NameIdx(name))) = code.get(i + 1) else {
                    continue;
                };
                let argc = simple_args(i + 2);
                if let (Some(local), Some(name), Some(&CallMethod(n))) =
                    (small(local), small(name), code.get(i + 2 + argc))
                    && n as usize == argc
                {
                    out[i] = FusedCallMethod {
                        local,
                        name,
                        argc: argc as u8,
                    };
                }
            }
            _ => {}
        }
    }
    out
}

/// The most arguments a fused call (`FusedCallGlobal`, `FusedCallMethod`) loads.
pub const MAX_FUSED_ARGS: usize = 6;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bytecode::Label;
    use Instruction::*;

    #[test]
    fn subscripts_of_locals_fuse_and_keep_their_originals() {
        let code = [
            LoadFast(LocalSlot(0)),
            LoadConst(ConstIdx(1)),
            BinarySubscr,
            LoadFast(LocalSlot(0)),
            LoadFast(LocalSlot(2)),
            StoreSubscr,
            LoadFast(LocalSlot(0)),
            LoadConst(ConstIdx(3)),
            DupTopTwo,
            BinarySubscr,
            LoadGlobal(NameIdx(0)),
            LoadConst(ConstIdx(1)),
            BinarySubscr,
            JumpAbsolute(Label(0)),
        ];
        let out = quicken(&code);
        assert_eq!(out.len(), code.len());
        let fused = |obj, key, key_is_const| (obj, key, key_is_const);
        assert!(matches!(out[0], FusedSubscr { obj, key, key_is_const }
            if fused(obj, key, key_is_const) == (0, 1, true)));
        assert!(matches!(out[3], FusedStoreSubscr { obj, key, key_is_const }
            if fused(obj, key, key_is_const) == (0, 2, false)));
        assert!(matches!(out[6], FusedSubscrKeep { obj, key, key_is_const }
            if fused(obj, key, key_is_const) == (0, 3, true)));
        // Only a local is borrowed: a global's subscript runs unfused.
        assert_eq!(out[10], code[10]);
        // Every instruction after a fused one stays, for the fused one's misses.
        for i in [1, 2, 4, 5, 7, 8, 9, 11, 12, 13] {
            assert_eq!(out[i], code[i], "instruction {i}");
        }
    }
}
