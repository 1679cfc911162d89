//! The instruction set, and nothing of the machine that runs it: the `Instruction` enum with
//! its typed operands, `CodeObject` (one compiled function, class body or module), the
//! `Constant`s a code object carries, and what can be known of an instruction statically —
//! its name, its stack effect, whether it is a switch point or touches shared state.
//!
//! Opcode names are CPython's, in the readable pre-3.11 style of the classroom material (3.8/3.9:
//! `LOAD_GLOBAL`, `INPLACE_MULTIPLY`, `JUMP_ABSOLUTE`, …), so that `result *= base` reads as the
//! four separate steps another thread can come between. Each instruction occupies two bytes of
//! "offset" as in CPython 3.8, so `dis` offsets and jump arguments match its listings.
//!
//! Operands are typed (`ConstIdx`, `NameIdx`, `LocalSlot`, `CellIdx`, `Label`) so that an index
//! can never be used against the wrong table. Every instruction has a `Location` (line and
//! columns) in the parallel `locations` table, for tracebacks, the stepper and `dis`.
//!
//! This module imports nothing from the interpreter: the compiler builds code objects from it
//! alone, and the interpreter turns a code object's constants into its own values once, when
//! the code is loaded.

use std::sync::Arc;

pub mod constant;
mod dis;
mod quicken;
mod switch_points;

pub use constant::Constant;
pub use dis::{
    disassemble, disassemble_marked, disassemble_recursive, disassemble_switch_points,
    instruction_text,
};
pub use quicken::{FusedOp, IntArith, IntCompare, MAX_FUSED_ARGS, keeps_arg0, quicken};
pub use switch_points::{Mark, SwitchPointFn, SwitchPoints, Window};

/// Declares the typed `u32` indices an instruction carries.
macro_rules! index_types {
    ($($(#[$doc:meta])* $name:ident;)*) => {$(
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        #[repr(transparent)]
        pub struct $name(pub u32);
    )*};
}

index_types! {
    /// Index into `co_consts`.
    ConstIdx;
    /// Index into `co_names` (globals, attributes, imported names).
    NameIdx;
    /// Index into `co_varnames`: a fast local of the frame.
    LocalSlot;
    /// Index into `co_cellvars ++ co_freevars`.
    CellIdx;
    /// A jump target: the index of an instruction (its offset is twice that).
    Label;
}

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
    /// `GET_AITER`: TOS = TOS.__aiter__() (`async for`).
    GetAiter,
    /// `GET_ANEXT`: pushes the awaitable of TOS.__anext__() (TOS stays).
    GetAnext,
    /// `END_ASYNC_FOR`: pops the exception on TOS; re-raises it unless it is a
    /// `StopAsyncIteration` (the end of an `async for`).
    EndAsyncFor,
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
    /// `JUMP_IF_NOT_EG_MATCH(target)` (`except*`, CPython 3.11's CHECK_EG_MATCH): pops TOS (a
    /// class or tuple) and TOS1 (the exceptions not yet handled, or None). On a match pushes
    /// the rest (or None) and the matching part, which becomes the handled exception;
    /// otherwise pushes TOS1 back and jumps.
    JumpIfNotEgMatch(Label),
    /// `PREP_RERAISE_STAR`: pops the list of what `except*` handlers raised (the unhandled
    /// rest last) and the exception caught; pushes what the statement raises, or None.
    PrepReraiseStar,
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
        op: FusedOp<IntArith>,
        store: u16,
    },
    /// Internal superinstruction: `LOAD_FAST left; LOAD_FAST/LOAD_CONST right; COMPARE_OP op;
    /// POP_JUMP_IF_FALSE` (its target read from the original stream) on small ints.
    FusedCompareJump {
        left: u16,
        right: u16,
        op: FusedOp<IntCompare>,
    },
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
    /// Internal superinstruction: `LOAD_FAST obj; LOAD_FAST/LOAD_CONST key; BINARY_SUBSCR`
    /// when the local is a list or tuple and the key an int in range: the item is read
    /// straight from the local (one read under the list's lock), without the reference-count
    /// round trip of pushing and popping the container; otherwise the originals run.
    FusedSubscr {
        obj: u16,
        key: u16,
        key_is_const: bool,
    },
    /// Internal superinstruction: `LOAD_FAST obj; LOAD_FAST/LOAD_CONST key; STORE_SUBSCR`
    /// when the local is a list and the key an int in range: the value on the stack is stored
    /// straight into the local's list (one write under its lock); otherwise the originals run.
    FusedStoreSubscr {
        obj: u16,
        key: u16,
        key_is_const: bool,
    },
    /// Internal superinstruction: `LOAD_FAST obj; LOAD_FAST/LOAD_CONST key; DUP_TOP_TWO;
    /// BINARY_SUBSCR` (the start of `obj[key] op= value`) when the local is a list or tuple
    /// and the key an int in range: pushes the container, the key and the item, the container
    /// counted once instead of twice; otherwise the originals run.
    FusedSubscrKeep {
        obj: u16,
        key: u16,
        key_is_const: bool,
    },
}

impl Instruction {
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
            GetAiter => "GET_AITER",
            GetAnext => "GET_ANEXT",
            EndAsyncFor => "END_ASYNC_FOR",
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
            JumpIfNotEgMatch(_) => "JUMP_IF_NOT_EG_MATCH",
            PrepReraiseStar => "PREP_RERAISE_STAR",
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
            FusedSubscr { .. } => "LOAD_FAST__LOAD__BINARY_SUBSCR",
            FusedStoreSubscr { .. } => "LOAD_FAST__LOAD__STORE_SUBSCR",
            FusedSubscrKeep { .. } => "LOAD_FAST__LOAD__DUP_TOP_TWO__BINARY_SUBSCR",
        };
        s.to_string()
    }

    /// The jump target, if this instruction can jump.
    pub fn jump_target(&self) -> Option<Label> {
        use Instruction::*;
        match *self {
            ForIter(l) | JumpForward(l) | JumpAbsolute(l) | PopJumpIfFalse(l)
            | PopJumpIfTrue(l) | JumpIfFalseOrPop(l) | JumpIfTrueOrPop(l) | SetupFinally(l)
            | SetupWith(l) | SetupAsyncWith(l) | JumpIfNotExcMatch(l) | JumpIfNotEgMatch(l) => {
                Some(l)
            }
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
            | SetupWith(l) | SetupAsyncWith(l) | JumpIfNotExcMatch(l) | JumpIfNotEgMatch(l) => {
                *l = target
            }
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
    pub const ASYNC_GENERATOR: u32 = 0x0200;
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
    pub consts: Vec<Constant>,
    pub names: Vec<Arc<str>>,
    pub varnames: Vec<Arc<str>>,
    pub cellvars: Vec<Arc<str>>,
    pub freevars: Vec<Arc<str>>,
    /// For each cellvar that is also an argument, its slot in varnames (copied in at entry).
    pub cell2arg: Vec<Option<u32>>,
    /// The deepest the value stack can get.
    pub max_stack: u32,
    /// What the fast loop executes: `instructions` with the first instruction of some purely
    /// local sequences replaced by a superinstruction (same length, same indices).
    pub quickened: Vec<Instruction>,
    /// Per instruction, for the attribute loads and stores: where in the instance dict's
    /// entry order the name was last found (CPython 3.11's `LOAD_ATTR_INSTANCE_VALUE` keeps
    /// an index the same way). Only a hint, kept for the interpreter: shared by every thread
    /// running this code, read and written with relaxed atomics, and checked against the key
    /// (under the dict's lock) before use.
    pub attr_hints: Box<[std::sync::atomic::AtomicU32]>,
    /// No instruction stores to or deletes local 0 (the first argument: `self` in a
    /// method), so an argument placed there stays until the frame ends: the interpreter may
    /// borrow it rather than count a reference.
    pub keeps_arg0: bool,
}

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

/// The deepest the value stack can get, by a walk over the control-flow graph.
pub fn max_stack_depth(code: &[Instruction]) -> u32 {
    let n = code.len();
    let mut depth_at: Vec<i32> = vec![i32::MIN; n + 1];
    let mut work = vec![(0usize, 0i32)];
    let mut max = 0i32;
    while let Some((mut pc, mut depth)) = work.pop() {
        while pc < n {
            if depth_at[pc] >= depth {
                break;
            }
            depth_at[pc] = depth;
            let ins = code[pc];
            let (fall, jump) = stack_effect(&ins);
            if let Some(Label(t)) = ins.jump_target() {
                work.push((t as usize, depth + jump));
            }
            depth += fall;
            max = max.max(depth).max(depth - fall + jump);
            match ins {
                Instruction::JumpAbsolute(_)
                | Instruction::JumpForward(_)
                | Instruction::ReturnValue
                | Instruction::RaiseVarargs(_)
                | Instruction::Reraise => break,
                _ => pc += 1,
            }
        }
    }
    max.max(0) as u32 + 2
}

/// How an instruction changes the stack depth: (when falling through, when jumping).
pub fn stack_effect(ins: &Instruction) -> (i32, i32) {
    use Instruction::*;
    let e = match *ins {
        Nop | RotTwo | RotThree | RotFour | UnaryPositive | UnaryNegative | UnaryNot
        | UnaryInvert | GetIter | LoadAttr(_) | JumpForward(_) | JumpAbsolute(_) | PopBlock
        | SetupAnnotations | ListToTuple | GetYieldFromIter | YieldValue | LoadMethod(_)
        | CopyDictWithoutKeys | GetAwaitable | GetAiter => {
            if matches!(ins, LoadMethod(_)) {
                1
            } else {
                0
            }
        }
        PopTop | StoreFast(_) | StoreName(_) | StoreGlobal(_) | StoreDeref(_) | Binary(_)
        | Inplace(_) | BinarySubscr | CompareOp(_) | PopJumpIfFalse(_) | PopJumpIfTrue(_)
        | ReturnValue | ListAppend(_) | SetAdd(_) | ListExtend(_) | SetUpdate(_)
        | DictUpdate(_) | DictMerge(_) | ImportStar | PrintExpr | Reraise | YieldFrom
        | PrepReraiseStar | EndAsyncFor => -1,
        DupTop | LoadFast(_) | LoadConst(_) | LoadName(_) | LoadGlobal(_) | LoadDeref(_)
        | LoadClosure(_) | LoadClassDeref(_) | LoadBuildClass | LoadAssertionError
        | ImportFrom(_) | WithExceptStart | BeforeAsyncWith | GetAnext | GetLen | MatchSequence
        | MatchMapping | MatchKeys => 1,
        MatchClass(_) => -2,
        DupTopTwo => 2,
        StoreAttr(_) | DeleteSubscr | MapAdd(_) | JumpIfNotExcMatch(_) | ImportName(_) => -2,
        StoreSubscr => -3,
        DeleteName(_) | DeleteGlobal(_) | DeleteFast(_) | DeleteDeref(_) => 0,
        DeleteAttr(_) => -1,
        CallMethod(n) => -(n as i32) - 1,
        CallFunction(n) => -(n as i32),
        CallFunctionKw(n) => -(n as i32) - 1,
        CallFunctionEx(f) => -1 - (f as i32 & 1),
        MakeFunction(f) => {
            -1 - (f & 1 != 0) as i32
                - (f & 2 != 0) as i32
                - (f & 4 != 0) as i32
                - (f & 8 != 0) as i32
        }
        BuildTuple(n) | BuildList(n) | BuildSet(n) | BuildString(n) => 1 - n as i32,
        BuildMap(n) => 1 - 2 * n as i32,
        BuildConstKeyMap(n) => -(n as i32),
        BuildSlice(n) => 1 - n as i32,
        UnpackSequence(n) => n as i32 - 1,
        UnpackEx(c) => ((c & 0xff) + (c >> 8)) as i32,
        FormatValue(f) => {
            if f & format_value::HAVE_SPEC != 0 {
                -1
            } else {
                0
            }
        }
        RaiseVarargs(n) => -(n as i32),
        ForIter(_) => return (1, -1),
        JumpIfFalseOrPop(_) | JumpIfTrueOrPop(_) => return (-1, 0),
        SetupFinally(_) => return (0, 1),
        JumpIfNotEgMatch(_) => return (0, -1),
        SetupWith(_) => return (1, 1),
        SetupAsyncWith(_) => return (0, 0),
        PopExcept
        | FusedBinaryStore { .. }
        | FusedCompareJump { .. }
        | FusedLoadAttr { .. }
        | FusedStoreAttr { .. }
        | FusedCallGlobal { .. }
        | FusedCallMethod { .. }
        | FusedSubscr { .. }
        | FusedStoreSubscr { .. }
        | FusedSubscrKeep { .. } => 0,
    };
    (e, e)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The eval loop fetches instructions as eight-byte words.
    #[test]
    fn an_instruction_is_eight_bytes() {
        assert_eq!(std::mem::size_of::<Instruction>(), 8);
    }

    #[test]
    fn stack_depth_of_straight_line_code() {
        let code = [
            Instruction::LoadConst(ConstIdx(0)),
            Instruction::LoadConst(ConstIdx(1)),
            Instruction::Binary(BinaryOp::Add),
            Instruction::ReturnValue,
        ];
        assert_eq!(max_stack_depth(&code), 4);
    }
}
