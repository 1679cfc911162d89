//! The vocabulary of thread events, shared by the schedulers that produce them and the
//! tools that show them: who ([`ThreadId`]), why a thread stopped running bytecode
//! ([`DropReason`], [`Blocking`]), where it was ([`At`], [`Site`]), and the one interface
//! through which every hand-off is reported ([`EventSink`]).
//!
//! A scheduler holds an `Option<Arc<dyn EventSink>>`: with no sink the calls are skipped
//! entirely, so recording costs nothing when off. `tools::trace::Recorder` is the sink that
//! keeps a log and prints the live `--trace-gil` lines.

use std::sync::Arc;

use crate::bytecode::CodeObject;

/// A thread of one interpreter, numbered in start order: the main thread is 1, the next
/// thread started 2, and so on (`threading.get_ident()` and `--trace-gil` show the number).
#[derive(
    Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct ThreadId(pub u64);

impl ThreadId {
    /// The thread that runs the program's module code.
    pub const MAIN: ThreadId = ThreadId(1);

    pub fn get(self) -> u64 {
        self.0
    }
}

impl std::fmt::Display for ThreadId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::str::FromStr for ThreadId {
    type Err = std::num::ParseIntError;
    fn from_str(s: &str) -> Result<ThreadId, Self::Err> {
        s.parse().map(ThreadId)
    }
}

/// Prints the bare number, as the id printed before it was a type of its own.
impl std::fmt::Debug for ThreadId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

/// What a blocking call waits for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blocking {
    /// `time.sleep`.
    Sleep,
    /// Waiting for a lock (also `Condition.wait`, `Event.wait`, `Queue.get`).
    Lock,
    /// `Thread.join`.
    Join,
    /// Output reaching the OS.
    Io,
    /// A native kernel running without the GIL (`nogil`).
    Native,
    /// Waiting for another process (`multiprocessing`).
    Process,
}

impl Blocking {
    pub fn describe(self) -> &'static str {
        match self {
            Blocking::Sleep => "sleep",
            Blocking::Lock => "lock wait",
            Blocking::Join => "join",
            Blocking::Io => "I/O",
            Blocking::Native => "native code",
            Blocking::Process => "process wait",
        }
    }
}

/// Why a thread stopped running bytecode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DropReason {
    /// A waiter asked after one switch interval; the holder honoured it at a switch point.
    Requested,
    /// A blocking call.
    Blocking(Blocking),
    /// The thread finished.
    Exit,
    /// A deterministic policy (`--switch-every`, `--schedule-seed`) preempted it.
    Scheduled,
    /// `--replay-schedule` preempted it.
    Replayed,
    /// A person chose another thread (the stepper's `t N`).
    Manual,
}

impl DropReason {
    pub fn describe(self) -> &'static str {
        match self {
            DropReason::Requested => "interval expired",
            DropReason::Blocking(b) => b.describe(),
            DropReason::Exit => "thread exit",
            DropReason::Scheduled => "scheduled switch",
            DropReason::Replayed => "replayed switch",
            DropReason::Manual => "manual switch",
        }
    }

    /// A short machine-readable name (Perfetto args, JSON).
    pub fn key(self) -> &'static str {
        match self {
            DropReason::Requested => "interval",
            DropReason::Blocking(Blocking::Sleep) => "sleep",
            DropReason::Blocking(Blocking::Lock) => "lock",
            DropReason::Blocking(Blocking::Join) => "join",
            DropReason::Blocking(Blocking::Io) => "io",
            DropReason::Blocking(Blocking::Native) => "native",
            DropReason::Blocking(Blocking::Process) => "process",
            DropReason::Exit => "exit",
            DropReason::Scheduled => "scheduled",
            DropReason::Replayed => "replayed",
            DropReason::Manual => "manual",
        }
    }

    pub fn is_blocking(self) -> bool {
        matches!(self, DropReason::Blocking(_))
    }
}

/// An instruction of a running program: where a thread stopped.
#[derive(Clone)]
pub struct Site {
    pub code: Arc<CodeObject>,
    /// Instruction index (the `dis` offset is twice this).
    pub index: u32,
}

impl Site {
    pub fn function(&self) -> &str {
        &self.code.qualname
    }
    pub fn offset(&self) -> u32 {
        self.index * 2
    }
    pub fn line(&self) -> u32 {
        self.code.line_at(self.index as usize)
    }
    pub fn opname(&self) -> String {
        self.code
            .instructions
            .get(self.index as usize)
            .map_or_else(|| "?".to_string(), |i| i.opname())
    }
    /// `count() line 3, JUMP_ABSOLUTE @14` (`<module>` for module code).
    pub fn describe(&self) -> String {
        let f = self.function();
        let f = if f.starts_with('<') {
            f.to_string()
        } else {
            format!("{f}()")
        };
        format!(
            "{f} line {}, {} @{}",
            self.line(),
            self.opname(),
            self.offset()
        )
    }
}

impl std::fmt::Debug for Site {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

/// Where a thread is when it reports an event: its own instruction count and, when known, the
/// instruction it stopped at.
#[derive(Clone, Debug, Default)]
pub struct At {
    /// Instructions this thread has executed (counted only while observing; else 0).
    pub steps: u64,
    pub site: Option<Site>,
    /// The thread is inside gilvm's own modules written in Python (`threading`, `queue`):
    /// `site` then names the program's line that called in. `explore` treats that code as
    /// native and never preempts inside it.
    pub builtin: bool,
}

/// One hand-off: thread `from`, after executing `steps` instructions, stopped and `to` ran
/// next (`to == from` when it stopped for a blocking call and was the next to run anyway).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Handoff {
    pub from: ThreadId,
    pub steps: u64,
    pub to: ThreadId,
}

/// Receives every hand-off of one interpreter's threads, as it happens.
pub trait EventSink: Send + Sync {
    /// Names a thread (`threading.Thread` reports its name when it starts).
    fn set_name(&self, t: ThreadId, name: &str);
    /// `t` asks to run bytecode (it starts waiting for the GIL).
    fn want(&self, t: ThreadId, at: &At);
    /// `t` asked the holder to drop the GIL (CPython's `gil_drop_request`).
    fn request(&self, t: ThreadId, holder: Option<ThreadId>);
    /// `t` runs bytecode from now on.
    fn take(&self, t: ThreadId, at: &At);
    /// `t` stopped running bytecode, and why.
    fn drop_(&self, t: ThreadId, reason: DropReason, at: &At);
    /// `t`'s asyncio event loop runs task `name` from now on (`None`: no task runs).
    fn task(&self, t: ThreadId, name: Option<&str>, at: &At);
}
