//! The virtual machine: an [`Interpreter`] (everything one run of a program shares) and a
//! [`Vm`] (one OS thread's state inside it).
//!
//! There is no process-global interpreter state (`src/README.md`, decision 1): globals,
//! modules, the recursion limit, the switch interval and the output all hang off one
//! `Interpreter`, so many can run side by side in one process (`race --jobs`, `explore`).
//! Only the built-in classes (`object/registry.rs`) are process-wide, and they are immutable.
//!
//! The rooms of `vm/`, floor by floor (each imports only the floors below it), are mapped in
//! `src/README.md`: the object model (`object/`: values, objects, exceptions, code objects,
//! the registry of built-in classes, the cycle collector), the interpreter's state (this file,
//! `frame`, `observe`, `num`, `args`), the built-in types (`types/`), formatting (`format/`),
//! the protocols (`ops/`, as `Vm` methods), the language on top (`class`, `generator`,
//! `modules/`, `builtins`, `eval`, `call`, `instr`) and `boot.rs`, which makes the built-in
//! classes and assembles an `Interpreter`.

pub mod args;
pub mod boot;
pub mod builtins;
pub mod call;
pub mod class;
pub mod eval;
pub mod format;
pub mod frame;
pub mod generator;
pub mod instr;
pub mod leaf_lock;
pub mod modules;
pub mod mt19937;
pub mod num;
pub mod object;
pub mod observe;
pub mod ops;
pub mod types;

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use parking_lot::Mutex;

use crate::bytecode::CodeObject;
use crate::source::SourceFile;
use crate::threads::{
    DropReason, EvalBreaker, EventSink, ThreadId, breaker, deterministic, scheduler, waits,
};
use crate::vm::object::exceptions::PyErr;
use crate::vm::object::value::Value;
use crate::vm::object::{Dict, Module, PyResult, code, exceptions, finalize, gc, registry};

/// Where `print` writes. Tests and `race` capture; the CLI writes to the process's stdout.
pub enum Output {
    Stdout(std::io::BufWriter<std::io::Stdout>),
    /// Line-buffered, for a terminal: output appears as the program prints it.
    Terminal(std::io::LineWriter<std::io::Stdout>),
    Capture(Vec<u8>),
}

impl Output {
    pub fn stdout() -> Output {
        use std::io::IsTerminal;
        if std::io::stdout().is_terminal() {
            Output::Terminal(std::io::LineWriter::new(std::io::stdout()))
        } else {
            Output::Stdout(std::io::BufWriter::with_capacity(
                64 * 1024,
                std::io::stdout(),
            ))
        }
    }
    pub fn write_str(&mut self, s: &str) -> std::io::Result<()> {
        match self {
            Output::Stdout(w) => w.write_all(s.as_bytes()),
            Output::Terminal(w) => w.write_all(s.as_bytes()),
            Output::Capture(v) => {
                v.extend_from_slice(s.as_bytes());
                Ok(())
            }
        }
    }
    /// Whether writing `n` more bytes makes a system call.
    pub fn write_reaches_os(&self, n: usize) -> bool {
        match self {
            Output::Stdout(w) => w.buffer().len() + n > w.capacity(),
            Output::Terminal(_) => true,
            Output::Capture(_) => false,
        }
    }

    /// Drops what the buffer holds without writing it (`os._exit` with stdout not a
    /// terminal). A terminal's output was written at each line, as CPython's is.
    pub fn discard(&mut self) {
        if let Output::Stdout(w) = self {
            let capacity = w.capacity();
            let old = std::mem::replace(w, std::io::BufWriter::with_capacity(0, std::io::stdout()));
            let (stdout, _dropped) = old.into_parts();
            *w = std::io::BufWriter::with_capacity(capacity, stdout);
        }
    }

    pub fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Output::Stdout(w) => w.flush(),
            Output::Terminal(w) => w.flush(),
            Output::Capture(_) => Ok(()),
        }
    }
}

/// Settings chosen when an interpreter is created.
#[derive(Clone)]
pub struct Config {
    pub argv: Vec<String>,
    /// Switch interval in microseconds (CPython's default 5000).
    pub switch_interval_us: u64,
    pub recursion_limit: u32,
    pub capture_output: bool,
    /// Run with a GIL (CPython's default) or free-threaded (`-X gil=0`).
    pub gil: bool,
    /// A deterministic schedule instead of real timing (`--switch-every`, `--schedule-seed`,
    /// `--replay-schedule`).
    pub policy: Option<deterministic::Policy>,
    /// Where the eval breaker is honoured: `false` = CPython's switch points (frame entry,
    /// backward jumps), `true` = before every instruction (`--switch-points every`).
    pub every_switch_point: bool,
    /// Receives every hand-off (a recorder for `--trace-gil`, `--stats`, `--timeline`,
    /// `--trace-out`, …).
    pub events: Option<Arc<dyn EventSink>>,
    /// Count the instructions each thread executes (`--stats`, `--record-schedule`): this
    /// runs the observed loop, which costs more than recording hand-offs alone.
    pub count_instructions: bool,
    /// Watches every instruction (`--explain`, the stepper).
    pub observer: Option<Arc<dyn observe::Observer>>,
    /// `--max-steps`: stop the run after about this many instructions (0: no limit).
    pub max_steps: u64,
    /// A deterministic run that deadlocks or whose schedule does not fit ends the run (see
    /// `Deterministic::stopped`), not the process (`explore`, `--minimize`).
    pub contained: bool,
    /// The program sees nothing of the machine it runs on (`gilvm web`: a page's visitors
    /// run code on the server): `os.environ` is empty, `os.getcwd()` is `/`, no path exists,
    /// and stdin is at its end.
    pub sandboxed: bool,
    /// A deterministic run keeps the hand-offs it makes (`Deterministic::made`: the web view
    /// shows them and replays them).
    pub log_handoffs: bool,
    /// `sys.path[0]` as already read (`explore`'s runs of one program share one reading, which
    /// costs a system call per directory of the path); `None`: read it from `argv[0]`.
    pub sys_path0: Option<String>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            argv: vec![String::new()],
            switch_interval_us: 5000,
            recursion_limit: 1000,
            capture_output: false,
            gil: true,
            policy: None,
            every_switch_point: false,
            events: None,
            count_instructions: false,
            observer: None,
            contained: false,
            sandboxed: false,
            log_handoffs: false,
            max_steps: 0,
            sys_path0: None,
        }
    }
}

impl Interpreter {
    /// Some globals bring their own `__builtins__` (see [`Interpreter::builtins_overridden`]).
    pub fn note_builtins_override(&self) {
        self.builtins_overridden
            .store(true, std::sync::atomic::Ordering::Relaxed);
    }
}

/// Hands out [`Interpreter::id`]s.
static NEXT_INTERPRETER_ID: AtomicU64 = AtomicU64::new(1);

/// Everything one run of a program shares between its threads.
pub struct Interpreter {
    /// Unique in the process: what a dropped generator uses to find the queue of pending
    /// finalizers of its own interpreter on the dropping thread (`finalize.rs`).
    pub id: u64,
    /// Finalizers queued on this interpreter's threads and not yet run (`finalize.rs`).
    pub pending_finalizers: AtomicUsize,
    pub builtins: Arc<Dict>,
    /// Set once some globals have brought their own `__builtins__` (`eval(src, {"__builtins__":
    /// {}})`): from then on a name missing from globals is looked up in theirs.
    pub builtins_overridden: AtomicBool,
    /// `sys.modules`.
    pub modules: Mutex<HashMap<String, Value>>,
    /// This interpreter's subclasses of built-in classes, as (the built-in class's address,
    /// the subclass), for `int.__subclasses__()`: built-in classes are shared by every
    /// interpreter of the process, so they keep no list of their own (`class.rs`). Weak, so
    /// the list keeps no class alive.
    pub builtin_subclasses: Mutex<Vec<(usize, std::sync::Weak<object::Class>)>>,
    /// The user modules whose body is running (CPython's `__spec__._initializing`), for
    /// `from m import x`'s "partially initialized module" message.
    pub initializing: Mutex<Vec<String>>,
    /// Source text by file name, for tracebacks (CPython's `linecache`).
    pub sources: Mutex<HashMap<String, Arc<SourceFile>>>,
    pub recursion_limit: AtomicU32,
    /// `sys.setswitchinterval`, in microseconds (shared with the GIL).
    pub switch_interval_us: Arc<AtomicU64>,
    /// The eval breaker every thread of this interpreter polls.
    pub eval_breaker: Arc<EvalBreaker>,
    /// Who runs bytecode: the GIL, or nobody's permission needed.
    pub sched: Arc<dyn scheduler::Scheduler>,
    /// Thread ids are handed out in start order; the main thread is 1.
    pub next_thread_id: AtomicU64,
    /// Threads started with `_thread.start_new_thread` that have not finished.
    pub live_threads: AtomicU64,
    /// Waits without a timeout, for deadlock detection when the OS schedules threads.
    pub waits: waits::Waits,
    /// Why the run is being stopped (`--timeout`, `--max-steps`); see [`Interpreter::stop`].
    stop_reason: Mutex<Option<String>>,
    /// `os._exit(n)`: the status the run ends with (see [`Interpreter::exit_now`]).
    exited: std::sync::OnceLock<u8>,
    /// `--max-steps` (0: none) and the instructions counted so far over all threads.
    pub max_steps: u64,
    pub steps_total: AtomicU64,
    pub argv: Vec<String>,
    /// `sys.path[0]`, when the creator read it already (`Config::sys_path0`).
    pub sys_path0: Option<String>,
    pub stdout: Mutex<Output>,
    /// What the program wrote to stderr, when captured (`capture_output`); else it goes
    /// straight to the process's stderr.
    pub stderr_capture: Option<Mutex<Vec<u8>>>,
    /// OS threads started for this interpreter that have not finished their work yet.
    os_threads: Mutex<u64>,
    os_threads_done: parking_lot::Condvar,
    pub start: Instant,
    /// Wall-clock time at `start`, since the Unix epoch.
    pub start_epoch: std::time::Duration,
    /// The `random` module's generator, seeded from the clock at its first use (seeding costs
    /// more than many a short run: `explore` makes an interpreter per schedule).
    pub random: std::sync::OnceLock<Arc<crate::vm::mt19937::RandomState>>,
    /// The GIL event log, when recording.
    pub recorder: Option<Arc<dyn EventSink>>,
    /// Threads run the observed loop (counting instructions, knowing where they are): on
    /// when recording, scheduling deterministically or switching at every instruction.
    pub observed: bool,
    /// `--switch-points every`.
    pub every_switch_point: bool,
    /// Watches every instruction of the observed loop (`--explain`, the stepper).
    pub observer: Option<Arc<dyn observe::Observer>>,
    /// `explore` chooses who runs (`Policy::Explore`).
    pub exploring: bool,
    /// Thread names reported by `threading` (for messages), by id.
    pub thread_names: Mutex<std::collections::BTreeMap<ThreadId, String>>,
    /// The containers made by this interpreter's threads, for the cycle collector.
    pub heap: Arc<gc::Heap>,
    /// `Config::sandboxed`.
    pub sandboxed: bool,
}

impl Interpreter {
    /// The `random` module's generator (seeded from the clock when first asked for).
    pub fn random(&self) -> Arc<crate::vm::mt19937::RandomState> {
        self.random
            .get_or_init(|| {
                Arc::new(crate::vm::mt19937::RandomState::new(
                    crate::vm::mt19937::Mt19937::from_int_seed(&num_bigint::BigInt::from(
                        std::time::SystemTime::now()
                            .duration_since(std::time::UNIX_EPOCH)
                            .map_or(0, |d| d.as_nanos()),
                    )),
                ))
            })
            .clone()
    }

    pub fn add_source(&self, src: Arc<SourceFile>) {
        self.sources.lock().insert(src.name.clone(), src);
    }

    pub fn source(&self, name: &str) -> Option<Arc<SourceFile>> {
        self.sources.lock().get(name).cloned()
    }

    /// The name `threading` gave thread `t`, else `thread N` (for messages).
    pub fn thread_name(&self, t: ThreadId) -> String {
        self.thread_names
            .lock()
            .get(&t)
            .cloned()
            .unwrap_or_else(|| format!("thread {t}"))
    }

    pub fn flush_stdout(&self) {
        let _ = self.stdout.lock().flush();
    }

    /// Asks every thread to stop: each raises an exception no handler catches at its next
    /// switch point, and waits and sleeps end early. The first reason given is kept.
    pub fn stop(&self, why: String) {
        self.stop_reason.lock().get_or_insert(why);
        self.waits.stopping();
        self.eval_breaker.fetch_or(breaker::STOP, Ordering::AcqRel);
    }

    pub fn stop_reason(&self) -> Option<String> {
        self.stop_reason.lock().clone()
    }

    /// `os._exit(status)`: the run ends now. Every thread unwinds as for [`Interpreter::stop`]
    /// (no handler, no `finally`, no `atexit` function, no finalizer runs), what the program
    /// printed and the buffer still holds is dropped (CPython's `sys.stdout` buffer is not
    /// flushed), and the run's creator ends it with `status` ([`Interpreter::exited`]). The
    /// process itself is not ended: `explore`, `race` and `gilvm web` run programs inside
    /// their own process.
    pub fn exit_now(&self, status: u8) {
        // A thread that holds stdout (a write that handed the baton over) may never run
        // again: its buffer is then kept.
        if self.exited.set(status).is_ok()
            && let Some(mut out) = self.stdout.try_lock()
        {
            out.discard();
        }
        self.stop("os._exit".to_string());
        // Under a deterministic schedule the threads waiting for the baton unwind too.
        if let Some(d) = self.sched.deterministic() {
            d.abort_run();
        }
    }

    /// The status `os._exit` asked for, once some thread called it.
    pub fn exited(&self) -> Option<u8> {
        self.exited.get().copied()
    }

    /// Flushes stdout unless another thread keeps it busy for long (a signal handler must
    /// not hang on a writer blocked on a full pipe).
    pub fn try_flush_stdout(&self) {
        if let Some(mut out) = self
            .stdout
            .try_lock_for(std::time::Duration::from_millis(200))
        {
            let _ = out.flush();
        }
    }

    /// Writes to the program's stderr (after flushing stdout, so the two interleave as
    /// written), or to the capture.
    pub fn write_stderr(&self, text: &str) {
        self.flush_stdout();
        match &self.stderr_capture {
            Some(c) => c.lock().extend_from_slice(text.as_bytes()),
            None => {
                let mut err = std::io::stderr().lock();
                let _ = err.write_all(text.as_bytes());
                let _ = err.flush();
            }
        }
    }

    /// An OS thread starts working for this interpreter.
    pub fn os_thread_started(&self) {
        *self.os_threads.lock() += 1;
    }

    /// An OS thread has finished its work for this interpreter.
    pub fn os_thread_done(&self) {
        let mut n = self.os_threads.lock();
        *n = n.saturating_sub(1);
        self.os_threads_done.notify_all();
    }

    /// Waits, at most `limit`, until every OS thread of this interpreter has finished
    /// leaving. `join()` returns as soon as a thread's Python code is done, a moment before
    /// the thread reports its exit: free-threaded, the main thread could otherwise end the
    /// run first and the event log lose that exit. Daemon threads still running keep it
    /// waiting until `limit`.
    pub fn wait_exiting_threads(&self, limit: std::time::Duration) {
        let deadline = std::time::Instant::now() + limit;
        let mut n = self.os_threads.lock();
        while *n > 0
            && !self
                .os_threads_done
                .wait_until(&mut n, deadline)
                .timed_out()
        {}
    }

    /// Waits until every OS thread started for this interpreter has finished its work.
    pub fn wait_os_threads(&self) {
        let mut n = self.os_threads.lock();
        while *n != 0 {
            self.os_threads_done.wait(&mut n);
        }
    }

    /// The captured stderr (when created with `capture_output`).
    pub fn take_stderr(&self) -> String {
        match &self.stderr_capture {
            Some(c) => String::from_utf8_lossy(&std::mem::take(&mut *c.lock())).into_owned(),
            None => String::new(),
        }
    }

    /// The captured output (when created with `capture_output`).
    pub fn take_output(&self) -> String {
        match &mut *self.stdout.lock() {
            Output::Capture(v) => String::from_utf8_lossy(&std::mem::take(v)).into_owned(),
            _ => String::new(),
        }
    }
}

impl Drop for Interpreter {
    /// A finished interpreter gives back what it allocated (`src/README.md`, decision 7):
    /// its modules go, and the cycle collector breaks what only kept itself alive (module
    /// globals and the functions that point back at them, classes and their methods, …).
    fn drop(&mut self) {
        drop(std::mem::take(self.modules.get_mut()));
        self.heap.collect_all();
    }
}

/// A VM on a fresh interpreter that captures its output, for unit tests.
#[cfg(test)]
pub(crate) fn test_vm() -> Vm {
    test_vm_with(Config::default())
}

/// Runs `f` on a thread with the 8 MiB of stack [`test_vm`] tells its VM it has (a test
/// thread has 2 MiB, and an unoptimised `execute` frame is over 100 KiB): for tests that
/// recurse in Python.
#[cfg(test)]
pub(crate) fn on_test_stack<R: Send>(f: impl FnOnce() -> R + Send) -> R {
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(8 << 20)
            .spawn_scoped(s, f)
            .expect("spawns a test thread")
            .join()
            .expect("the test thread did not panic")
    })
}

/// [`test_vm`] with other settings (output is always captured).
#[cfg(test)]
pub(crate) fn test_vm_with(config: Config) -> Vm {
    Vm::new(
        Interpreter::new(Config {
            capture_output: true,
            ..config
        }),
        8 << 20,
    )
}

/// How much Rust stack an interpreter thread gets; deep Python recursion is stopped by the
/// recursion limit or, failing that, by [`Vm::check_stack`] well before this runs out.
pub const THREAD_STACK_SIZE: usize = 256 * 1024 * 1024;
/// Stop recursing when less than this much stack is left.
const STACK_RESERVE: usize = 1024 * 1024;

/// One OS thread's state: its recursion depth, the exception being handled, its eval breaker.
pub struct Vm {
    pub interp: Arc<Interpreter>,
    /// This thread's id within the interpreter (the main thread is 1).
    pub tid: ThreadId,
    pub depth: u32,
    /// Exceptions being handled (`except` bodies currently running), innermost last.
    pub exc_info: Vec<Value>,
    /// The word the eval loop polls (one relaxed load) at switch points.
    pub eval_breaker: Arc<EvalBreaker>,
    /// Containers whose repr is being built (to print `[...]` for a list containing itself).
    pub repr_guard: Vec<usize>,
    /// Reused locals/stack vectors of finished frames.
    pub frame_pool: frame::FramePool,
    /// The frames running on this thread, outermost first (`sys._getframe`, `f_back`).
    pub(crate) frames: frame::FrameStack,
    /// Set when the error being returned is a re-raise (`RERAISE`, bare `raise`): the frame is
    /// already in its traceback.
    pub(crate) reraising: bool,
    /// Address near the base of this thread's stack, for [`Vm::check_stack`].
    stack_base: usize,
    stack_size: usize,
    /// What the observed loop keeps (instruction counts, frames, the quantum, the
    /// observer): one field, untouched by the plain loop.
    pub(crate) obs: observe::Observation,
    /// This thread's queue of pending finalizers (`finalize.rs`).
    _finalizers: finalize::Registration,
    /// Containers this thread makes are tracked in its interpreter's heap while the `Vm`
    /// lives (declared last: dropped after everything above).
    _heap: gc::Enter,
}

impl Vm {
    /// State for the current thread, which must have been started with `stack_size` bytes of
    /// stack (the main thread's size is unknown: pass a conservative figure).
    pub fn new(interp: Arc<Interpreter>, stack_size: usize) -> Vm {
        Vm::for_thread(interp, ThreadId::MAIN, stack_size)
    }

    /// State for a thread the interpreter started (`tid` from `next_thread_id`).
    pub fn for_thread(interp: Arc<Interpreter>, tid: ThreadId, stack_size: usize) -> Vm {
        let marker = 0u8;
        let step_checkpoint = if interp.max_steps > 0 { 0 } else { u64::MAX };
        Vm {
            tid,
            _heap: gc::enter(&interp.heap),
            _finalizers: finalize::Registration::new(&interp),
            eval_breaker: interp.eval_breaker.clone(),
            interp,
            depth: 0,
            exc_info: Vec::new(),
            repr_guard: Vec::new(),
            frame_pool: frame::FramePool::default(),
            frames: frame::FrameStack::default(),
            reraising: false,
            stack_base: &marker as *const u8 as usize,
            stack_size,
            obs: observe::Observation::new(step_checkpoint),
        }
    }

    /// Raises RecursionError when the Rust stack is nearly used up (a program that raised
    /// the recursion limit very high, or native code recursing through `repr`).
    #[inline]
    pub fn check_stack(&self) -> PyResult<()> {
        let marker = 0u8;
        let here = &marker as *const u8 as usize;
        let used = self.stack_base.abs_diff(here);
        if used + STACK_RESERVE > self.stack_size {
            return Err(exceptions::recursion_error(
                "maximum recursion depth exceeded",
            ));
        }
        Ok(())
    }

    /// Entering a Python frame: the recursion limit, as CPython counts it.
    #[inline]
    pub fn enter_call(&mut self) -> PyResult<()> {
        self.depth += 1;
        if self.depth > self.interp.recursion_limit.load(Ordering::Relaxed) {
            self.depth -= 1;
            return Err(exceptions::recursion_error(
                "maximum recursion depth exceeded",
            ));
        }
        if let Err(e) = self.check_stack() {
            self.depth -= 1;
            return Err(e);
        }
        Ok(())
    }

    #[inline]
    pub fn leave_call(&mut self) {
        self.depth -= 1;
    }

    /// Writes program output. A write that reaches the OS (a terminal writes each line; a
    /// pipe or file when the buffer fills) is a blocking call: with other threads running,
    /// it releases the GIL around the write, as CPython's buffered I/O does.
    pub fn write_stdout(&mut self, s: &str) -> PyResult<()> {
        let blocking = self.interp.live_threads.load(Ordering::Relaxed) > 0
            && self.interp.sched.holder() == Some(self.tid)
            && self.interp.stdout.lock().write_reaches_os(s.len());
        let r = if blocking {
            let interp = self.interp.clone();
            self.allow_threads(crate::threads::Blocking::Io, move || {
                interp.stdout.lock().write_str(s)
            })
        } else {
            self.interp.stdout.lock().write_str(s)
        };
        r.map_err(|e| exceptions::os_error_from_io(&e))
    }

    pub fn flush_stdout(&mut self) -> PyResult<()> {
        self.interp
            .stdout
            .lock()
            .flush()
            .map_err(|e| exceptions::os_error_from_io(&e))
    }

    /// Creates a module object whose globals hold `__name__` (and `__builtins__`).
    pub fn new_module(&self, name: &str) -> Arc<Module> {
        let dict = Arc::new(Dict::new());
        gc::dict(&dict);
        dict.set_str("__name__", Value::str(name));
        dict.set_str("__doc__", Value::None);
        let m = Arc::new(Module {
            name: name.to_string(),
            dict,
            lazy_attr: std::sync::OnceLock::new(),
            gc: Default::default(),
        });
        gc::module(&m);
        m
    }

    /// Runs a compiled module as `__main__` (or another name) and returns its module.
    pub fn run_module_code(&mut self, code: Arc<CodeObject>, name: &str) -> PyResult<Arc<Module>> {
        self.run_loaded_module(code::Code::new(code), name)
    }

    /// [`Vm::run_module_code`] for code already loaded ([`code::Code::new`]).
    pub fn run_loaded_module(
        &mut self,
        code: Arc<code::Code>,
        name: &str,
    ) -> PyResult<Arc<Module>> {
        let module = self.new_file_module(name, &code.filename);
        self.run_loaded_in(code, module.dict.clone())?;
        Ok(module)
    }

    /// The `builtins` module (its dict is the interpreter's built-ins), the one in
    /// `sys.modules`, put there by the first to ask.
    pub fn builtins_module(&self) -> Arc<Module> {
        let mut modules = self.interp.modules.lock();
        if let Some(Value::Module(m)) = modules.get("builtins") {
            return m.clone();
        }
        let m = Arc::new(Module {
            name: "builtins".to_string(),
            dict: self.interp.builtins.clone(),
            lazy_attr: std::sync::OnceLock::new(),
            gc: Default::default(),
        });
        gc::module(&m);
        modules.insert("builtins".to_string(), Value::Module(m.clone()));
        m
    }

    /// A new module for the code of `file`, put in `sys.modules` before its body runs (so a
    /// circular import finds it, partially initialized).
    pub fn new_file_module(&mut self, name: &str, file: &str) -> Arc<Module> {
        let module = self.new_module(name);
        // The other entries CPython 3.11's import system puts in a module's globals (not
        // `__loader__`, nor an imported module's `__spec__`: gilvm has no importlib), in
        // CPython's order. `__main__`'s `__builtins__` is the `builtins` module, an imported
        // module's is its dict.
        let d = &module.dict;
        if name == "__main__" {
            d.set_str("__package__", Value::None);
            d.set_str("__spec__", Value::None);
            d.set_str("__annotations__", Value::dict(Dict::new()));
            d.set_str("__builtins__", Value::Module(self.builtins_module()));
            d.set_str("__file__", Value::str(file));
            d.set_str("__cached__", Value::None);
        } else {
            d.set_str("__package__", Value::str(""));
            d.set_str("__file__", Value::str(file));
            d.set_str("__builtins__", Value::Dict(self.interp.builtins.clone()));
        }
        self.interp
            .modules
            .lock()
            .insert(name.to_string(), Value::Module(module.clone()));
        module
    }

    /// Runs `f` without the right to run bytecode: a blocking call (sleep, lock wait, join,
    /// a write) lets other threads run meanwhile, as CPython's `Py_BEGIN_ALLOW_THREADS`.
    /// `f` must not touch Python objects that need the GIL's protection (none do: every
    /// object guards itself) and must not run Python code.
    pub fn allow_threads<R>(&mut self, why: crate::threads::Blocking, f: impl FnOnce() -> R) -> R {
        let at = self.at();
        let sched = self.interp.sched.clone();
        // Under a deterministic schedule most blocking calls keep the baton; the quantum
        // goes on unless the baton really moved (drawing a new one would make a seeded run
        // depend on whether a write reached the OS, i.e. on the terminal).
        let moves = sched.deterministic().map(|d| d.handoff_count());
        sched.release(self.tid, DropReason::Blocking(why), &at);
        let r = f();
        let at = self.at();
        sched.acquire(self.tid, &at);
        if moves != sched.deterministic().map(|d| d.handoff_count()) {
            self.refill_quantum();
        }
        r
    }

    /// Takes the right to run bytecode (thread start, after a blocking call), then starts a
    /// new deterministic quantum.
    pub fn sched_acquire(&mut self) {
        let at = self.at();
        self.interp.sched.acquire(self.tid, &at);
        self.obs.observed = self.interp.observed;
        self.obs.tracking = self.interp.observed || self.interp.recorder.is_some();
        self.obs.every_switch_point = self.interp.every_switch_point;
        self.obs.observer = self.interp.observer.clone();
        self.obs.exploring = self.interp.exploring;
        self.refill_quantum();
    }

    /// This thread stops running bytecode for good.
    pub fn sched_exit(&mut self) {
        let at = self.at();
        self.interp.sched.release(self.tid, DropReason::Exit, &at);
    }

    /// After a hand-off: how many instructions until the deterministic scheduler preempts.
    pub(crate) fn refill_quantum(&mut self) {
        let Some(d) = self.interp.sched.deterministic() else {
            return;
        };
        // A quantum that ran out before a blocking call handed the baton over is spent.
        self.obs.library_deferred = false;
        if self.obs.switch_due {
            self.obs.switch_due = false;
            self.eval_breaker
                .fetch_and(!breaker::SCHEDULE, Ordering::Relaxed);
        }
        match d.quantum(self.tid) {
            None => self.obs.countdown = 0,
            Some(0) => {
                self.obs.countdown = 0;
                self.obs.switch_due = true;
                self.eval_breaker
                    .fetch_or(breaker::SCHEDULE, Ordering::Relaxed);
            }
            Some(k) => self.obs.countdown = k,
        }
    }

    /// Where this thread is, for the event log and the deterministic scheduler: its
    /// instruction count and the instruction it is at — in the program's own code (a wait
    /// inside a built-in module written in Python is shown at the user's line that called
    /// into it). Empty unless the observed loop runs.
    pub fn at(&self) -> crate::threads::At {
        if !self.obs.tracking {
            return crate::threads::At::default();
        }
        let n = self.obs.frames.len();
        let mut site = None;
        let builtin = n > 0 && self.obs.frames[n - 1].0.filename.starts_with("<gilvm>/");
        for i in (0..n).rev() {
            let code = &self.obs.frames[i].0;
            let index = if i + 1 == n {
                self.obs.pc
            } else {
                self.obs.frames[i + 1].1
            };
            let s = crate::threads::Site {
                code: code.clone(),
                index,
            };
            let builtin = code.filename.starts_with("<gilvm>/");
            if site.is_none() || !builtin {
                site = Some(s);
            }
            if !builtin {
                break;
            }
        }
        crate::threads::At {
            steps: self.obs.steps,
            site,
            builtin,
        }
    }

    /// Whether a frame of the function `name` (qualified name) is being run, by the
    /// observed loop's frame list (empty when not observing).
    pub fn running_function(&self, name: &str) -> bool {
        self.obs.frames.iter().any(|(c, _, _)| c.qualname == name)
    }

    /// Runs module-level code with `globals` as both its globals and its locals.
    pub fn run_code_in(&mut self, code: Arc<CodeObject>, globals: Arc<Dict>) -> PyResult<Value> {
        self.run_loaded_in(code::Code::new(code), globals)
    }

    /// [`Vm::run_code_in`] for code already loaded ([`code::Code::new`]).
    pub fn run_loaded_in(&mut self, code: Arc<code::Code>, globals: Arc<Dict>) -> PyResult<Value> {
        let mut frame = frame::Frame::new(code, globals.clone(), Some(globals), &[]);
        // The module's frame counts towards the recursion limit, as in CPython.
        self.enter_call()?;
        let r = self.run_frame(&mut frame);
        self.leave_call();
        r
    }

    /// At the end of the program: waits for every non-daemon thread (`threading._shutdown`,
    /// as `Py_FinalizeEx` does), if the program used `threading`; then closes the suspended
    /// generators `__main__` holds ([`Vm::finalize_main`]).
    pub fn shutdown_threads(&mut self) {
        self.join_threads();
        if self.interp.stop_reason().is_none() && !self.interp.sched.aborted() {
            self.run_atexit();
            self.finalize_main();
            self.close_open_files();
        }
    }

    /// [`Vm::shutdown_threads`] for a `multiprocessing` child: a forked CPython child leaves
    /// by `os._exit`, so it runs no `atexit` function (not even its parent's).
    pub fn shutdown_child(&mut self) {
        self.join_threads();
        if self.interp.stop_reason().is_none() && !self.interp.sched.aborted() {
            self.finalize_main();
            self.close_open_files();
        }
    }

    /// The functions `atexit.register` holds, if the program imported it, newest first
    /// (CPython's `atexit_callfuncs`: one registered meanwhile is not run); an exception is
    /// reported as unraisable, and the next function runs.
    fn run_atexit(&mut self) {
        let atexit = self.interp.modules.lock().get("atexit").cloned();
        let Some(Value::List(list)) = atexit.and_then(|m| self.getattr(&m, "_callbacks").ok())
        else {
            return;
        };
        let n = list.items.lock().len();
        for i in (0..n).rev() {
            let cb = list.items.lock().get(i).cloned();
            let Some(Value::Tuple(cb)) = cb else {
                continue;
            };
            let [func, Value::Tuple(args), kwargs] = &cb.0[..] else {
                continue;
            };
            let r = match kwargs {
                Value::Dict(d) => d.to_kwargs(),
                _ => Ok(Vec::new()),
            };
            if let Err(e) = r.and_then(|kw| self.call(func, &args.0, &kw)) {
                if e.is_run_aborted() {
                    return;
                }
                let what = self.repr(func).unwrap_or_default();
                let mut text = format!("Exception ignored in atexit callback: {what}\n");
                text.push_str(&object::exceptions::format_exception_unchained(
                    self,
                    &e.value(),
                ));
                self.interp.write_stderr(&text);
            }
        }
        list.items.lock().clear();
    }

    /// At the end of the program: closes the files still open for writing, so what they
    /// hold reaches the disk (`io._flush_at_exit`), as CPython's finalization does.
    fn close_open_files(&mut self) {
        let io = self.interp.modules.lock().get("io").cloned();
        if let Some(m) = io
            && let Ok(f) = self.getattr(&m, "_flush_at_exit")
            && let Err(e) = self.call(&f, &[], &[])
        {
            self.print_exception(&e);
        }
    }

    fn join_threads(&mut self) {
        let threading = self.interp.modules.lock().get("threading").cloned();
        if let Some(m) = threading
            && let Ok(f) = self.getattr(&m, "_shutdown")
            && let Err(e) = self.call(&f, &[], &[])
        {
            if !e.is_run_aborted() {
                self.print_exception(&e);
            } else if self.interp.waits.deadlocked() {
                self.interp.waits.unwound(self.tid, &e.traceback_frames());
            }
        }
    }

    /// When the program deadlocked (every thread blocked, found when the OS schedules
    /// threads): who waits for what, held by whom, at which line. The other threads need the
    /// GIL to unwind to where they leave their line, so this thread lets it go meanwhile.
    pub fn deadlock_report(&mut self) -> Option<String> {
        if !self.interp.waits.deadlocked() {
            return None;
        }
        let interp = self.interp.clone();
        Some(self.allow_threads(crate::threads::Blocking::Join, move || {
            interp.waits.report(|t| interp.thread_name(t))
        }))
    }

    /// Prints an uncaught exception the way CPython does, to stderr (stdout flushed first).
    pub fn print_exception(&mut self, err: &PyErr) {
        let text = exceptions::format_exception(self, &err.value());
        self.interp.write_stderr(&text);
    }
}

/// What an uncaught exception at the top of a program turns into: `SystemExit`'s code, or 1
/// after printing the traceback.
pub fn exit_status(vm: &mut Vm, err: &PyErr) -> u8 {
    if err.is_run_aborted()
        && let Some(status) = vm.interp.exited()
    {
        return status;
    }
    if err.matches(&registry::types().system_exit) {
        let args = err.args();
        return match args.first() {
            None | Some(Value::None) => 0,
            Some(Value::Int(i)) => (*i & 0xff) as u8,
            Some(Value::Bool(b)) => *b as u8,
            Some(other) => {
                let text = vm.to_str(other).unwrap_or_default();
                vm.interp.write_stderr(&format!("{text}\n"));
                1
            }
        };
    }
    vm.print_exception(err);
    // A shell reports a process that SIGINT ended as 128 + 2; CPython re-raises the signal.
    if err.matches(&registry::types().keyboard_interrupt) {
        return 130;
    }
    1
}
