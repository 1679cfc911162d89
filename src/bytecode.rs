//! Bytecode: the `Instruction` set, the `CodeObject` that holds a compiled function, and the
//! disassembler.
//!
//! Opcode names are CPython's, in the readable pre-3.11 style of the classroom material (3.8/3.9:
//! `LOAD_GLOBAL`, `INPLACE_MULTIPLY`, `JUMP_ABSOLUTE`, …), so that `result *= base` reads as the
//! four separate steps another thread can come between. Each instruction occupies two bytes of
//! "offset" as in CPython 3.8, so `dis` offsets and jump arguments match its listings.
//!
//! Operands are typed (`ConstIdx`, `NameIdx`, `LocalSlot`, `CellIdx`, `Label`) so that an index
//! can never be used against the wrong table. Every instruction has a `Location` (line and
//! columns) in the parallel `locations` table, for tracebacks, the stepper and `dis`.

use std::fmt::Write as _;
use std::sync::Arc;

use crate::vm::value::Value;

/// Index into `co_consts`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(transparent)]
pub struct ConstIdx(pub u32);
/// Index into `co_names` (globals, attributes, imported names).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(transparent)]
pub struct NameIdx(pub u32);
/// Index into `co_varnames`: a fast local of the frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(transparent)]
pub struct LocalSlot(pub u32);
/// Index into `co_cellvars ++ co_freevars`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(transparent)]
pub struct CellIdx(pub u32);
/// A jump target: the index of an instruction (its offset is twice that).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(transparent)]
pub struct Label(pub u32);

/// The binary operators of `BINARY_*` / `INPLACE_*`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    Power,
    Multiply,
    MatrixMultiply,
    FloorDivide,
    TrueDivide,
    Modulo,
    Add,
    Subtract,
    Lshift,
    Rshift,
    And,
    Xor,
    Or,
}

impl BinaryOp {
    pub fn suffix(self) -> &'static str {
        match self {
            BinaryOp::Power => "POWER",
            BinaryOp::Multiply => "MULTIPLY",
            BinaryOp::MatrixMultiply => "MATRIX_MULTIPLY",
            BinaryOp::FloorDivide => "FLOOR_DIVIDE",
            BinaryOp::TrueDivide => "TRUE_DIVIDE",
            BinaryOp::Modulo => "MODULO",
            BinaryOp::Add => "ADD",
            BinaryOp::Subtract => "SUBTRACT",
            BinaryOp::Lshift => "LSHIFT",
            BinaryOp::Rshift => "RSHIFT",
            BinaryOp::And => "AND",
            BinaryOp::Xor => "XOR",
            BinaryOp::Or => "OR",
        }
    }
    /// The operator as written in source (`+`, `**`, …), used in error messages.
    pub fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Power => "**",
            BinaryOp::Multiply => "*",
            BinaryOp::MatrixMultiply => "@",
            BinaryOp::FloorDivide => "//",
            BinaryOp::TrueDivide => "/",
            BinaryOp::Modulo => "%",
            BinaryOp::Add => "+",
            BinaryOp::Subtract => "-",
            BinaryOp::Lshift => "<<",
            BinaryOp::Rshift => ">>",
            BinaryOp::And => "&",
            BinaryOp::Xor => "^",
            BinaryOp::Or => "|",
        }
    }
    /// The dunder method names: (`__add__`, `__radd__`, `__iadd__`).
    pub fn dunders(self) -> (&'static str, &'static str, &'static str) {
        match self {
            BinaryOp::Power => ("__pow__", "__rpow__", "__ipow__"),
            BinaryOp::Multiply => ("__mul__", "__rmul__", "__imul__"),
            BinaryOp::MatrixMultiply => ("__matmul__", "__rmatmul__", "__imatmul__"),
            BinaryOp::FloorDivide => ("__floordiv__", "__rfloordiv__", "__ifloordiv__"),
            BinaryOp::TrueDivide => ("__truediv__", "__rtruediv__", "__itruediv__"),
            BinaryOp::Modulo => ("__mod__", "__rmod__", "__imod__"),
            BinaryOp::Add => ("__add__", "__radd__", "__iadd__"),
            BinaryOp::Subtract => ("__sub__", "__rsub__", "__isub__"),
            BinaryOp::Lshift => ("__lshift__", "__rlshift__", "__ilshift__"),
            BinaryOp::Rshift => ("__rshift__", "__rrshift__", "__irshift__"),
            BinaryOp::And => ("__and__", "__rand__", "__iand__"),
            BinaryOp::Xor => ("__xor__", "__rxor__", "__ixor__"),
            BinaryOp::Or => ("__or__", "__ror__", "__ior__"),
        }
    }
}

/// `COMPARE_OP`'s argument, numbered as CPython 3.8's `dis.cmp_op`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Lt = 0,
    Le = 1,
    Eq = 2,
    Ne = 3,
    Gt = 4,
    Ge = 5,
    In = 6,
    NotIn = 7,
    Is = 8,
    IsNot = 9,
}

impl CompareOp {
    pub fn symbol(self) -> &'static str {
        match self {
            CompareOp::Lt => "<",
            CompareOp::Le => "<=",
            CompareOp::Eq => "==",
            CompareOp::Ne => "!=",
            CompareOp::Gt => ">",
            CompareOp::Ge => ">=",
            CompareOp::In => "in",
            CompareOp::NotIn => "not in",
            CompareOp::Is => "is",
            CompareOp::IsNot => "is not",
        }
    }
}

/// `MAKE_FUNCTION` flag bits (CPython's).
pub mod make_function {
    pub const DEFAULTS: u32 = 0x01;
    pub const KWDEFAULTS: u32 = 0x02;
    pub const ANNOTATIONS: u32 = 0x04;
    pub const CLOSURE: u32 = 0x08;
}

/// `FORMAT_VALUE` flag bits (CPython's): low two bits a conversion, 0x04 a spec on the stack.
pub mod format_value {
    pub const CONV_MASK: u32 = 0x03;
    pub const CONV_STR: u32 = 0x01;
    pub const CONV_REPR: u32 = 0x02;
    pub const CONV_ASCII: u32 = 0x03;
    pub const HAVE_SPEC: u32 = 0x04;
}

/// One instruction. TOS is the top of the value stack, TOS1 the one below.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Instruction {
    /// `NOP`: does nothing (keeps a line's place in the line table).
    Nop,
    /// `POP_TOP`: pops TOS.
    PopTop,
    /// `ROT_TWO`: swaps TOS and TOS1.
    RotTwo,
    /// `ROT_THREE`: lifts TOS1 and TOS2 one place, moves TOS to third.
    RotThree,
    /// `ROT_FOUR`: lifts the three below TOS one place, moves TOS to fourth.
    RotFour,
    /// `DUP_TOP`: pushes a second reference to TOS.
    DupTop,
    /// `DUP_TOP_TWO`: pushes TOS1, TOS again, keeping their order.
    DupTopTwo,
    /// `UNARY_POSITIVE`: TOS = +TOS.
    UnaryPositive,
    /// `UNARY_NEGATIVE`: TOS = -TOS.
    UnaryNegative,
    /// `UNARY_NOT`: TOS = not TOS.
    UnaryNot,
    /// `UNARY_INVERT`: TOS = ~TOS.
    UnaryInvert,
    /// `BINARY_<op>`: pops TOS and TOS1, pushes `TOS1 op TOS`.
    Binary(BinaryOp),
    /// `INPLACE_<op>`: like `BINARY_<op>` but tries `__i<op>__` first (`x op= y`); the store is a separate instruction.
    Inplace(BinaryOp),
    /// `BINARY_SUBSCR`: TOS = TOS1[TOS].
    BinarySubscr,
    /// `STORE_SUBSCR`: TOS1[TOS] = TOS2; pops all three.
    StoreSubscr,
    /// `DELETE_SUBSCR`: del TOS1[TOS].
    DeleteSubscr,
    /// `COMPARE_OP(op)`: pops TOS and TOS1, pushes `TOS1 op TOS` (also `in`, `is`).
    CompareOp(CompareOp),
    /// `GET_ITER`: TOS = iter(TOS).
    GetIter,
    /// `FOR_ITER(delta)`: pushes next(TOS); when the iterator is exhausted pops it and jumps forward.
    ForIter(Label),
    /// `LOAD_CONST(consti)`: pushes co_consts[consti].
    LoadConst(ConstIdx),
    /// `LOAD_NAME(namei)`: pushes the value of co_names[namei] from locals, then globals, then builtins.
    LoadName(NameIdx),
    /// `STORE_NAME(namei)`: pops TOS into locals[co_names[namei]].
    StoreName(NameIdx),
    /// `DELETE_NAME(namei)`: deletes locals[co_names[namei]].
    DeleteName(NameIdx),
    /// `LOAD_GLOBAL(namei)`: pushes globals[co_names[namei]] (or the builtin of that name).
    LoadGlobal(NameIdx),
    /// `STORE_GLOBAL(namei)`: pops TOS into globals[co_names[namei]].
    StoreGlobal(NameIdx),
    /// `DELETE_GLOBAL(namei)`: deletes globals[co_names[namei]].
    DeleteGlobal(NameIdx),
    /// `LOAD_FAST(var_num)`: pushes the local co_varnames[var_num].
    LoadFast(LocalSlot),
    /// `STORE_FAST(var_num)`: pops TOS into the local co_varnames[var_num].
    StoreFast(LocalSlot),
    /// `DELETE_FAST(var_num)`: unbinds the local co_varnames[var_num].
    DeleteFast(LocalSlot),
    /// `LOAD_DEREF(i)`: pushes the contents of cell i (a closure variable).
    LoadDeref(CellIdx),
    /// `STORE_DEREF(i)`: pops TOS into cell i.
    StoreDeref(CellIdx),
    /// `DELETE_DEREF(i)`: empties cell i.
    DeleteDeref(CellIdx),
    /// `LOAD_CLOSURE(i)`: pushes cell i itself (to build a closure).
    LoadClosure(CellIdx),
    /// `LOAD_CLASSDEREF(i)`: in a class body, pushes locals[name] if bound, else the contents of cell i.
    LoadClassDeref(CellIdx),
    /// `LOAD_ATTR(namei)`: TOS = getattr(TOS, co_names[namei]).
    LoadAttr(NameIdx),
    /// `STORE_ATTR(namei)`: TOS.name = TOS1; pops both.
    StoreAttr(NameIdx),
    /// `DELETE_ATTR(namei)`: del TOS.name.
    DeleteAttr(NameIdx),
    /// `LOAD_METHOD(namei)`: replaces TOS with (method, self) when TOS's type has a method `name`, else (NULL, attribute).
    LoadMethod(NameIdx),
    /// `CALL_METHOD(argc)`: calls the method pushed by LOAD_METHOD with argc positional arguments.
    CallMethod(u32),
    /// `CALL_FUNCTION(argc)`: calls TOS[argc] with the argc positional arguments above it.
    CallFunction(u32),
    /// `CALL_FUNCTION_KW(argc)`: TOS is a tuple of keyword names for the last len(TOS) of argc arguments.
    CallFunctionKw(u32),
    /// `CALL_FUNCTION_EX(flags)`: calls TOS2/TOS1 with a positional tuple (TOS1 or TOS) and, if flags & 1, a kwargs dict (TOS).
    CallFunctionEx(u32),
    /// `MAKE_FUNCTION(flags)`: pops a code object and (per flags) closure, annotations, kw-defaults, defaults; pushes a function.
    MakeFunction(u32),
    /// `LOAD_BUILD_CLASS`: pushes the builtin `__build_class__`.
    LoadBuildClass,
    /// `BUILD_TUPLE(count)`: pops count items, pushes a tuple of them.
    BuildTuple(u32),
    /// `BUILD_LIST(count)`: pops count items, pushes a list of them.
    BuildList(u32),
    /// `BUILD_SET(count)`: pops count items, pushes a set of them.
    BuildSet(u32),
    /// `BUILD_MAP(count)`: pops count key/value pairs, pushes a dict.
    BuildMap(u32),
    /// `BUILD_CONST_KEY_MAP(count)`: TOS is a tuple of count keys; pops it and count values, pushes a dict.
    BuildConstKeyMap(u32),
    /// `BUILD_STRING(count)`: pops count strings, pushes their concatenation.
    BuildString(u32),
    /// `BUILD_SLICE(argc)`: pops 2 or 3 values, pushes slice(start, stop[, step]).
    BuildSlice(u32),
    /// `LIST_APPEND(i)`: appends TOS to the list i entries down (comprehensions).
    ListAppend(u32),
    /// `SET_ADD(i)`: adds TOS to the set i entries down.
    SetAdd(u32),
    /// `MAP_ADD(i)`: sets TOS1: TOS in the dict i entries down.
    MapAdd(u32),
    /// `LIST_EXTEND(i)`: extends the list i entries down with the iterable TOS.
    ListExtend(u32),
    /// `SET_UPDATE(i)`: updates the set i entries down with the iterable TOS.
    SetUpdate(u32),
    /// `DICT_UPDATE(i)`: updates the dict i entries down with the mapping TOS.
    DictUpdate(u32),
    /// `DICT_MERGE(i)`: like DICT_UPDATE but a repeated key is an error (`f(**a, **b)`).
    DictMerge(u32),
    /// `LIST_TO_TUPLE`: TOS = tuple(TOS).
    ListToTuple,
    /// `await`: replace TOS with the iterator that awaiting it runs (a coroutine itself, or
    /// what its `__await__()` returns).
    GetAwaitable,
    /// `async with`: replace TOS (the context manager) with its `__aexit__` and the result
    /// of calling its `__aenter__` (to be awaited).
    BeforeAsyncWith,
    /// `async with`, after awaiting `__aenter__`: pushes a cleanup block whose handler is the
    /// target, below the entered value on top.
    SetupAsyncWith(Label),
    /// `match`: push `len(TOS)` (TOS stays).
    GetLen,
    /// `match`: push whether TOS is a sequence for sequence patterns (a list, tuple or
    /// range; never a str, bytes or dict). TOS stays.
    MatchSequence,
    /// `match`: push whether TOS is a mapping (a dict). TOS stays.
    MatchMapping,
    /// `match`: TOS is a tuple of keys, TOS1 a mapping: push a tuple of their values, or
    /// `None` if a key is missing (both stay).
    MatchKeys,
    /// `match`: TOS is a tuple of keys, TOS1 a dict: replace TOS with a copy of the dict
    /// without those keys (`**rest`).
    CopyDictWithoutKeys,
    /// `match` class pattern with `count` positional sub-patterns: TOS is a tuple of keyword
    /// attribute names, TOS1 the class, TOS2 the subject; all three are replaced by a tuple
    /// of the attributes to match (positional, then keyword), or `None` if the subject is
    /// not an instance or lacks one.
    MatchClass(u32),
    /// `UNPACK_SEQUENCE(count)`: pops an iterable, pushes its count items, last first.
    UnpackSequence(u32),
    /// `UNPACK_EX(counts)`: unpacks with a starred target; low byte = before, high byte = after.
    UnpackEx(u32),
    /// `FORMAT_VALUE(flags)`: formats TOS (converted per flags, with a spec from the stack if flags & 4).
    FormatValue(u32),
    /// `JUMP_FORWARD(delta)`: jumps forward to the target.
    JumpForward(Label),
    /// `JUMP_ABSOLUTE(target)`: jumps to the target (a loop's back edge: a switch point).
    JumpAbsolute(Label),
    /// `POP_JUMP_IF_FALSE(target)`: pops TOS; jumps if it is false.
    PopJumpIfFalse(Label),
    /// `POP_JUMP_IF_TRUE(target)`: pops TOS; jumps if it is true.
    PopJumpIfTrue(Label),
    /// `JUMP_IF_FALSE_OR_POP(target)`: jumps keeping TOS if it is false, else pops it (`and`).
    JumpIfFalseOrPop(Label),
    /// `JUMP_IF_TRUE_OR_POP(target)`: jumps keeping TOS if it is true, else pops it (`or`).
    JumpIfTrueOrPop(Label),
    /// `RETURN_VALUE`: returns TOS to the caller.
    ReturnValue,
    /// `SETUP_FINALLY(delta)`: pushes an exception handler block starting at the target.
    SetupFinally(Label),
    /// `SETUP_WITH(delta)`: calls TOS.__enter__(), leaves TOS.__exit__ below, pushes a handler block and the result.
    SetupWith(Label),
    /// `WITH_EXCEPT_START`: calls the `__exit__` below the exception with (type, value, traceback); pushes its result.
    WithExceptStart,
    /// `POP_BLOCK`: pops the innermost handler block.
    PopBlock,
    /// `POP_EXCEPT`: ends an `except` body: restores the previously handled exception.
    PopExcept,
    /// `RERAISE`: pops the exception on TOS and raises it again, traceback kept.
    Reraise,
    /// `JUMP_IF_NOT_EXC_MATCH(target)`: pops TOS (a class or tuple) and TOS1 (an exception); jumps unless it matches.
    JumpIfNotExcMatch(Label),
    /// `RAISE_VARARGS(argc)`: 0: re-raise the handled exception; 1: raise TOS; 2: raise TOS1 from TOS.
    RaiseVarargs(u32),
    /// `LOAD_ASSERTION_ERROR`: pushes AssertionError.
    LoadAssertionError,
    /// `IMPORT_NAME(namei)`: pops fromlist and level, imports the module co_names[namei], pushes it.
    ImportName(NameIdx),
    /// `IMPORT_FROM(namei)`: pushes attribute co_names[namei] of the module on TOS (which stays).
    ImportFrom(NameIdx),
    /// `IMPORT_STAR`: pops a module and copies its public names into the locals.
    ImportStar,
    /// `SETUP_ANNOTATIONS`: creates `__annotations__` in the locals if it is missing.
    SetupAnnotations,
    /// `PRINT_EXPR`: the REPL's echo: pops TOS and prints its repr unless it is None.
    PrintExpr,
    /// `YIELD_VALUE`: pops TOS and yields it from a generator; pushes the value sent in.
    YieldValue,
    /// `YIELD_FROM`: delegates to the sub-iterator TOS1, sending TOS.
    YieldFrom,
    /// `GET_YIELD_FROM_ITER`: TOS = iter(TOS) unless it is already a generator or coroutine.
    GetYieldFromIter,
    /// Internal superinstruction (quickened stream only, never in `dis`): the four purely local
    /// steps `LOAD_FAST left; LOAD_FAST/LOAD_CONST right; BINARY/INPLACE op; STORE_FAST store`
    /// done at once when both operands are small ints; otherwise the originals run.
    FusedBinaryStore {
        left: u16,
        right: u16,
        op: FusedOp,
        store: u16,
    },
    /// Internal superinstruction: `LOAD_FAST left; LOAD_FAST/LOAD_CONST right; COMPARE_OP op;
    /// POP_JUMP_IF_FALSE` (its target read from the original stream) on small ints.
    FusedCompareJump { left: u16, right: u16, op: FusedOp },
    /// Internal superinstruction: `LOAD_FAST local; LOAD_ATTR name` when the local is an
    /// instance with `name` in its own dict: the attribute is read straight from the local,
    /// without the reference-count round trip of pushing and popping it. The attribute load is
    /// still one lookup under the instance's lock; otherwise the originals run.
    FusedLoadAttr { local: u16, name: u16 },
    /// Internal superinstruction: `LOAD_FAST local; STORE_ATTR name` when the local is a plain
    /// instance whose class has no descriptor (one store under the instance's lock);
    /// otherwise the originals run.
    FusedStoreAttr { local: u16, name: u16 },
    /// Internal superinstruction: `LOAD_GLOBAL name; argc × LOAD_FAST/LOAD_CONST;
    /// CALL_FUNCTION argc` when this thread's lookup cache holds the global as a Python
    /// function taking exactly those arguments: its frame is built straight from the locals
    /// and constants, the function borrowed from the cache (no push, no reference count).
    /// The global is read once, as `LOAD_GLOBAL` would, and the call's entry is still the
    /// switch point; otherwise the originals run.
    FusedCallGlobal { name: u16, argc: u8 },
    /// Internal superinstruction: `LOAD_FAST local; LOAD_METHOD name; argc × LOAD_FAST/
    /// LOAD_CONST; CALL_METHOD argc` on an instance whose class's method is in this thread's
    /// lookup cache as a Python function taking `self` and those arguments: as
    /// `FusedCallGlobal`; otherwise the originals run.
    FusedCallMethod { local: u16, name: u16, argc: u8 },
}

/// The operator of a fused instruction and whether its right operand is a constant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FusedOp {
    pub code: u8,
    pub right_is_const: bool,
}

impl Instruction {
    /// Whether the instruction reads or writes state other threads can see: a global, a
    /// module or class namespace, an attribute, a subscript, a cell. A preemption just before
    /// one of these is where a race can be made to happen (the seeded scheduler stalls a
    /// thread there; `explore` preempts only there).
    pub fn touches_shared_state(&self) -> bool {
        use Instruction::*;
        matches!(
            self,
            LoadGlobal(_)
                | StoreGlobal(_)
                | DeleteGlobal(_)
                | LoadName(_)
                | StoreName(_)
                | DeleteName(_)
                | LoadAttr(_)
                | StoreAttr(_)
                | DeleteAttr(_)
                | LoadMethod(_)
                | BinarySubscr
                | StoreSubscr
                | DeleteSubscr
                | LoadDeref(_)
                | StoreDeref(_)
                | DeleteDeref(_)
                | LoadClassDeref(_)
        )
    }

    /// Whether the instruction certainly touches nothing another thread can see or do: it
    /// works on its frame's own slots and stack, on constants, or on objects it creates, and
    /// calls no code. Anything else (a call, an operator that may run a method or read a
    /// shared container, an iterator step, a `with`, a return into unknown code) may touch
    /// shared state. `explore` relies on this being conservative.
    pub fn is_thread_local(&self) -> bool {
        use Instruction::*;
        matches!(
            self,
            Nop | PopTop
                | RotTwo
                | RotThree
                | RotFour
                | DupTop
                | DupTopTwo
                | LoadConst(_)
                | LoadFast(_)
                | StoreFast(_)
                | DeleteFast(_)
                | LoadClosure(_)
                | MakeFunction(_)
                | BuildTuple(_)
                | BuildList(_)
                | BuildSlice(_)
                | BuildString(_)
                | ListToTuple
                | JumpForward(_)
                | JumpAbsolute(_)
                | SetupFinally(_)
                | PopBlock
                | PopExcept
                | LoadAssertionError
        )
    }

    /// The `co_names` index of an attribute load or store.
    fn name_idx(&self) -> Option<u32> {
        match *self {
            Instruction::LoadAttr(NameIdx(i)) | Instruction::StoreAttr(NameIdx(i)) => Some(i),
            _ => None,
        }
    }

    pub fn opname(&self) -> String {
        use Instruction::*;
        let s = match self {
            Nop => "NOP",
            PopTop => "POP_TOP",
            RotTwo => "ROT_TWO",
            RotThree => "ROT_THREE",
            RotFour => "ROT_FOUR",
            DupTop => "DUP_TOP",
            DupTopTwo => "DUP_TOP_TWO",
            UnaryPositive => "UNARY_POSITIVE",
            UnaryNegative => "UNARY_NEGATIVE",
            UnaryNot => "UNARY_NOT",
            UnaryInvert => "UNARY_INVERT",
            Binary(op) => return format!("BINARY_{}", op.suffix()),
            Inplace(op) => return format!("INPLACE_{}", op.suffix()),
            BinarySubscr => "BINARY_SUBSCR",
            StoreSubscr => "STORE_SUBSCR",
            DeleteSubscr => "DELETE_SUBSCR",
            CompareOp(_) => "COMPARE_OP",
            GetIter => "GET_ITER",
            ForIter(_) => "FOR_ITER",
            LoadConst(_) => "LOAD_CONST",
            LoadName(_) => "LOAD_NAME",
            StoreName(_) => "STORE_NAME",
            DeleteName(_) => "DELETE_NAME",
            LoadGlobal(_) => "LOAD_GLOBAL",
            StoreGlobal(_) => "STORE_GLOBAL",
            DeleteGlobal(_) => "DELETE_GLOBAL",
            LoadFast(_) => "LOAD_FAST",
            StoreFast(_) => "STORE_FAST",
            DeleteFast(_) => "DELETE_FAST",
            LoadDeref(_) => "LOAD_DEREF",
            StoreDeref(_) => "STORE_DEREF",
            DeleteDeref(_) => "DELETE_DEREF",
            LoadClosure(_) => "LOAD_CLOSURE",
            LoadClassDeref(_) => "LOAD_CLASSDEREF",
            LoadAttr(_) => "LOAD_ATTR",
            StoreAttr(_) => "STORE_ATTR",
            DeleteAttr(_) => "DELETE_ATTR",
            LoadMethod(_) => "LOAD_METHOD",
            CallMethod(_) => "CALL_METHOD",
            CallFunction(_) => "CALL_FUNCTION",
            CallFunctionKw(_) => "CALL_FUNCTION_KW",
            CallFunctionEx(_) => "CALL_FUNCTION_EX",
            MakeFunction(_) => "MAKE_FUNCTION",
            LoadBuildClass => "LOAD_BUILD_CLASS",
            BuildTuple(_) => "BUILD_TUPLE",
            BuildList(_) => "BUILD_LIST",
            BuildSet(_) => "BUILD_SET",
            BuildMap(_) => "BUILD_MAP",
            BuildConstKeyMap(_) => "BUILD_CONST_KEY_MAP",
            BuildString(_) => "BUILD_STRING",
            BuildSlice(_) => "BUILD_SLICE",
            ListAppend(_) => "LIST_APPEND",
            SetAdd(_) => "SET_ADD",
            MapAdd(_) => "MAP_ADD",
            ListExtend(_) => "LIST_EXTEND",
            SetUpdate(_) => "SET_UPDATE",
            DictUpdate(_) => "DICT_UPDATE",
            DictMerge(_) => "DICT_MERGE",
            ListToTuple => "LIST_TO_TUPLE",
            GetLen => "GET_LEN",
            GetAwaitable => "GET_AWAITABLE",
            BeforeAsyncWith => "BEFORE_ASYNC_WITH",
            SetupAsyncWith(_) => "SETUP_ASYNC_WITH",
            MatchSequence => "MATCH_SEQUENCE",
            MatchMapping => "MATCH_MAPPING",
            MatchKeys => "MATCH_KEYS",
            CopyDictWithoutKeys => "COPY_DICT_WITHOUT_KEYS",
            MatchClass(_) => "MATCH_CLASS",
            UnpackSequence(_) => "UNPACK_SEQUENCE",
            UnpackEx(_) => "UNPACK_EX",
            FormatValue(_) => "FORMAT_VALUE",
            JumpForward(_) => "JUMP_FORWARD",
            JumpAbsolute(_) => "JUMP_ABSOLUTE",
            PopJumpIfFalse(_) => "POP_JUMP_IF_FALSE",
            PopJumpIfTrue(_) => "POP_JUMP_IF_TRUE",
            JumpIfFalseOrPop(_) => "JUMP_IF_FALSE_OR_POP",
            JumpIfTrueOrPop(_) => "JUMP_IF_TRUE_OR_POP",
            ReturnValue => "RETURN_VALUE",
            SetupFinally(_) => "SETUP_FINALLY",
            SetupWith(_) => "SETUP_WITH",
            WithExceptStart => "WITH_EXCEPT_START",
            PopBlock => "POP_BLOCK",
            PopExcept => "POP_EXCEPT",
            Reraise => "RERAISE",
            JumpIfNotExcMatch(_) => "JUMP_IF_NOT_EXC_MATCH",
            RaiseVarargs(_) => "RAISE_VARARGS",
            LoadAssertionError => "LOAD_ASSERTION_ERROR",
            ImportName(_) => "IMPORT_NAME",
            ImportFrom(_) => "IMPORT_FROM",
            ImportStar => "IMPORT_STAR",
            SetupAnnotations => "SETUP_ANNOTATIONS",
            PrintExpr => "PRINT_EXPR",
            YieldValue => "YIELD_VALUE",
            YieldFrom => "YIELD_FROM",
            GetYieldFromIter => "GET_YIELD_FROM_ITER",
            FusedBinaryStore { .. } => "LOAD_FAST__BINARY__STORE_FAST",
            FusedCompareJump { .. } => "LOAD_FAST__COMPARE__POP_JUMP_IF_FALSE",
            FusedLoadAttr { .. } => "LOAD_FAST__LOAD_ATTR",
            FusedStoreAttr { .. } => "LOAD_FAST__STORE_ATTR",
            FusedCallGlobal { .. } => "LOAD_GLOBAL__CALL_FUNCTION",
            FusedCallMethod { .. } => "LOAD_FAST__LOAD_METHOD__CALL_METHOD",
        };
        s.to_string()
    }

    /// The jump target, if this instruction can jump.
    pub fn jump_target(&self) -> Option<Label> {
        use Instruction::*;
        match *self {
            ForIter(l) | JumpForward(l) | JumpAbsolute(l) | PopJumpIfFalse(l)
            | PopJumpIfTrue(l) | JumpIfFalseOrPop(l) | JumpIfTrueOrPop(l) | SetupFinally(l)
            | SetupWith(l) | SetupAsyncWith(l) | JumpIfNotExcMatch(l) => Some(l),
            _ => None,
        }
    }

    /// Relative jumps show their argument as a delta and `(to N)`, as in CPython 3.8.
    fn is_relative_jump(&self) -> bool {
        matches!(
            self,
            Instruction::ForIter(_)
                | Instruction::JumpForward(_)
                | Instruction::SetupFinally(_)
                | Instruction::SetupWith(_)
                | Instruction::SetupAsyncWith(_)
        )
    }

    pub fn set_jump_target(&mut self, target: Label) {
        use Instruction::*;
        match self {
            ForIter(l) | JumpForward(l) | JumpAbsolute(l) | PopJumpIfFalse(l)
            | PopJumpIfTrue(l) | JumpIfFalseOrPop(l) | JumpIfTrueOrPop(l) | SetupFinally(l)
            | SetupWith(l) | SetupAsyncWith(l) | JumpIfNotExcMatch(l) => *l = target,
            _ => {}
        }
    }
}

/// Source position of one instruction: 1-based lines, 0-based character columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Location {
    pub line: u32,
    pub end_line: u32,
    pub col: u32,
    pub end_col: u32,
}

/// `co_flags` bits (CPython's values).
pub mod code_flags {
    pub const OPTIMIZED: u32 = 0x0001;
    pub const NEWLOCALS: u32 = 0x0002;
    pub const VARARGS: u32 = 0x0004;
    pub const VARKEYWORDS: u32 = 0x0008;
    pub const NESTED: u32 = 0x0010;
    pub const GENERATOR: u32 = 0x0020;
    pub const NOFREE: u32 = 0x0040;
    pub const COROUTINE: u32 = 0x0080;
}

/// A compiled function, class body or module: CPython's `code` object.
#[derive(Debug)]
pub struct CodeObject {
    pub name: String,
    pub qualname: String,
    pub filename: Arc<str>,
    pub firstlineno: u32,
    pub argcount: u32,
    pub posonlyargcount: u32,
    pub kwonlyargcount: u32,
    pub flags: u32,
    pub instructions: Vec<Instruction>,
    /// Parallel to `instructions`.
    pub locations: Vec<Location>,
    pub consts: Vec<Value>,
    pub names: Vec<Arc<str>>,
    pub varnames: Vec<Arc<str>>,
    pub cellvars: Vec<Arc<str>>,
    pub freevars: Vec<Arc<str>>,
    /// For each cellvar that is also an argument, its slot in varnames (copied in at entry).
    pub cell2arg: Vec<Option<u32>>,
    /// The deepest the value stack can get.
    pub max_stack: u32,
    /// `names` as interned Python strings (built once, used by LOAD_GLOBAL/LOAD_ATTR lookups).
    pub name_values: Vec<Value>,
    /// What the fast loop executes: `instructions` with the first instruction of some purely
    /// local sequences replaced by a superinstruction (same length, same indices).
    pub quickened: Vec<Instruction>,
    /// Per instruction, for the attribute loads and stores: where in the instance dict's
    /// entry order the name was last found (CPython 3.11's `LOAD_ATTR_INSTANCE_VALUE` keeps
    /// an index the same way). Only a hint: shared by every thread running this code, read
    /// and written with relaxed atomics, and checked under the dict's lock against the key
    /// before use ([`crate::vm::object::Instance::get_attr_hinted`]).
    pub attr_hints: Box<[std::sync::atomic::AtomicU32]>,
    /// No instruction stores to or deletes local 0 (the first argument: `self` in a
    /// method), so an argument placed there stays until the frame ends (see
    /// [`crate::vm::frame::Frame::borrowed_self`]).
    pub keeps_arg0: bool,
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
        let (Some(local), Some(name)) = (small(local), code[i + 1].name_idx().and_then(small))
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
        let LoadFast(LocalSlot(left)) = code[i] else {
            continue;
        };
        let (right, right_is_const) = match code[i + 1] {
            LoadFast(LocalSlot(r)) => (r, false),
            LoadConst(ConstIdx(r)) => (r, true),
            _ => continue,
        };
        let (Some(left), Some(right)) = (small(left), small(right)) else {
            continue;
        };
        match (code[i + 2], code[i + 3]) {
            (Binary(op) | Inplace(op), StoreFast(LocalSlot(store))) => {
                let code_byte = match op {
                    BinaryOp::Add => 0,
                    BinaryOp::Subtract => 1,
                    BinaryOp::Multiply => 2,
                    _ => continue,
                };
                let Some(store) = small(store) else { continue };
                out[i] = FusedBinaryStore {
                    left,
                    right,
                    op: FusedOp {
                        code: code_byte,
                        right_is_const,
                    },
                    store,
                };
            }
            (CompareOp(op), PopJumpIfFalse(_)) if (op as u8) <= 5 => {
                out[i] = FusedCompareJump {
                    left,
                    right,
                    op: FusedOp {
                        code: op as u8,
                        right_is_const,
                    },
                };
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

impl CodeObject {
    pub fn has_flag(&self, flag: u32) -> bool {
        self.flags & flag != 0
    }

    /// Number of fast-local slots (`co_nlocals`).
    pub fn nlocals(&self) -> usize {
        self.varnames.len()
    }

    pub fn ncells(&self) -> usize {
        self.cellvars.len() + self.freevars.len()
    }

    pub fn cell_name(&self, i: CellIdx) -> &str {
        let i = i.0 as usize;
        if i < self.cellvars.len() {
            &self.cellvars[i]
        } else {
            &self.freevars[i - self.cellvars.len()]
        }
    }

    pub fn line_at(&self, index: usize) -> u32 {
        self.locations
            .get(index)
            .map_or(self.firstlineno, |l| l.line)
    }

    /// `<code object f at 0x…, file "x.py", line 1>`; the address is the object's own.
    pub fn repr(&self) -> String {
        format!(
            "<code object {} at {:#x}, file \"{}\", line {}>",
            self.name, self as *const CodeObject as usize, self.filename, self.firstlineno
        )
    }
}

/// Which instructions are switch points (where a thread switch may happen) is decided by the
/// thread layer; the disassembler only needs a yes/no per instruction (code object and index)
/// to draw its marker column.
pub type SwitchPointFn<'a> = &'a dyn Fn(&CodeObject, usize) -> bool;

/// Where the eval breaker is honoured, so where the GIL can change hands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SwitchPoints {
    /// CPython 3.10+: on entering a frame (before its first instruction) and at backward
    /// jumps — never inside `LOAD_GLOBAL … STORE_GLOBAL`.
    Cpython,
    /// Before any instruction (CPython before 3.10 checked its "ticks" almost anywhere).
    Every,
}

impl SwitchPoints {
    /// Whether a switch may happen at instruction `index` of `code`: before it (frame entry,
    /// `every`) or as it executes (a backward jump).
    pub fn is_switch_point(self, code: &CodeObject, index: usize) -> bool {
        match self {
            SwitchPoints::Every => true,
            SwitchPoints::Cpython => {
                index == 0
                    || matches!(
                        code.instructions.get(index),
                        Some(Instruction::JumpAbsolute(Label(t))) if (*t as usize) <= index
                    )
            }
        }
    }
}

impl SwitchPoints {
    /// Whether the thread, stopped at the switch point before instruction `index` of
    /// `code`, may touch shared state before its next switch point: only then can a
    /// preemption here change what any thread sees (`explore`'s pruning). The scan is
    /// static and conservative: it follows the code forwards over both arms of every
    /// branch, and anything it cannot see past (a call, a return, the end) counts as
    /// shared. A backward jump at `index` is the switch point itself: the block starts at
    /// its target.
    pub fn block_may_share(self, code: &CodeObject, index: usize) -> bool {
        let ins = &code.instructions;
        let mut i = index;
        if let Some(Instruction::JumpAbsolute(Label(t))) = ins.get(i)
            && (*t as usize) <= i
        {
            i = *t as usize;
        }
        let start = i;
        // The furthest forward jump target seen: code up to there may still run before
        // the next switch point.
        let mut reach = i;
        loop {
            let Some(op) = ins.get(i) else {
                return true;
            };
            if !op.is_thread_local() {
                return true;
            }
            if self == SwitchPoints::Every {
                // Every instruction is its own block.
                return false;
            }
            match *op {
                // A switch point: the block ends here, unless a forward jump seen earlier
                // lands beyond it (then the scan goes on).
                Instruction::JumpAbsolute(Label(t))
                    if (t as usize) <= i && i != start && reach <= i =>
                {
                    return false;
                }
                Instruction::JumpForward(Label(t))
                | Instruction::JumpAbsolute(Label(t))
                | Instruction::SetupFinally(Label(t)) => reach = reach.max(t as usize),
                _ => {}
            }
            i += 1;
        }
    }
}

/// Disassembles one code object in CPython 3.8's `dis.disassemble` layout.
pub fn disassemble(code: &CodeObject, out: &mut String) {
    disassemble_marked(code, out, None)
}

/// Like [`disassemble`], with an extra marker column (`*`) on switch points when given.
pub fn disassemble_marked(code: &CodeObject, out: &mut String, marks: Option<SwitchPointFn>) {
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
        match marks {
            Some(f) if f(code, i) => fields.push("  *".to_string()),
            _ => fields.push("   ".to_string()),
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
        if let Value::Code(inner) = c {
            out.push('\n');
            let _ = writeln!(out, "Disassembly of {}:", inner.repr());
            disassemble_recursive(inner, out, marks);
        }
    }
}

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
            let text = match code.consts.get(i as usize) {
                Some(Value::Code(c)) => c.repr(),
                Some(v) => crate::vm::value::const_repr(v),
                None => "?".into(),
            };
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compiler::{Mode, compile_source};
    use crate::source::SourceFile;
    use crate::vm::value::Value;

    /// The code object of the function `name` defined at the top of `src`.
    fn function(src: &str, name: &str) -> Arc<CodeObject> {
        let module = compile_source(&SourceFile::new("<t>", src), Mode::Exec).unwrap();
        module
            .consts
            .iter()
            .find_map(|c| match c {
                Value::Code(c) if c.name == name => Some(c.clone()),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no function {name}"))
    }

    #[test]
    fn a_block_that_touches_a_global_may_share() {
        let g = function("x = 0\ndef g():\n    global x\n    x = 1\n", "g");
        let store = g
            .instructions
            .iter()
            .position(|i| matches!(i, Instruction::StoreGlobal(_)))
            .unwrap();
        // Under CPython's switch points the block from the entry reaches the store.
        assert!(SwitchPoints::Cpython.block_may_share(&g, 0));
        // Switching before every instruction, only the store itself shares.
        assert!(SwitchPoints::Every.block_may_share(&g, store));
        assert!(!SwitchPoints::Every.block_may_share(&g, store - 1));
    }

    #[test]
    fn a_loop_of_local_work_shares_nothing() {
        let f = function("def spin():\n    while True:\n        i = 1\n", "spin");
        let back = f
            .instructions
            .iter()
            .enumerate()
            .position(
                |(k, i)| matches!(i, Instruction::JumpAbsolute(Label(t)) if (*t as usize) <= k),
            )
            .unwrap();
        // At the loop's back edge, the block is the loop body up to the back edge again.
        assert!(!SwitchPoints::Cpython.block_may_share(&f, back));
        // A call is never known to be local.
        let h = function("def h(xs):\n    while True:\n        len(xs)\n", "h");
        let back = h
            .instructions
            .iter()
            .enumerate()
            .position(
                |(k, i)| matches!(i, Instruction::JumpAbsolute(Label(t)) if (*t as usize) <= k),
            )
            .unwrap();
        assert!(SwitchPoints::Cpython.block_may_share(&h, back));
    }
}
