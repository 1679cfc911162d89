//! Start-up: the one room that knows every other. It makes the built-in classes (each type's
//! constructor and methods, the exception hierarchy) once per process, and assembles an
//! [`Interpreter`] from the builtins module, the `random` state and a scheduler. Nothing in
//! the runtime imports it: the core below knows the registry (`object/registry.rs`), not the types.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, AtomicU64, AtomicUsize, Ordering};
use std::time::Instant;

use parking_lot::Mutex;

use crate::threads::{ThreadId, deterministic, scheduler, waits};
use crate::vm::object::gc;
use crate::vm::object::registry::{Types, build_once};
use crate::vm::object::{Class, NativeFn};
use crate::vm::types::{
    bool, bytes, dict, exceptions, float, function, int, iterators, list, object, range, set,
    slice, str, tuple,
};
use crate::vm::{Config, EvalBreaker, Interpreter, NEXT_INTERPRETER_ID, Output, builtins};

/// Makes the built-in classes if no one has yet. Every [`Interpreter`] does it first; code
/// that makes values without one (a tool's unit test) calls it itself.
pub fn init() {
    build_once(build_types);
}

impl Interpreter {
    pub fn new(config: Config) -> Arc<Interpreter> {
        init();
        let builtins = Arc::new(builtins::fresh());
        let eval_breaker = Arc::new(EvalBreaker::new());
        let switch_interval_us = Arc::new(AtomicU64::new(config.switch_interval_us));
        let recorder = config.events.clone();
        // Free-threaded and deterministic, threads interleave single instructions.
        let every_switch_point =
            config.every_switch_point || (config.policy.is_some() && !config.gil);
        // Recording alone tracks frames in the plain loop; counting instructions (for
        // --stats and schedules) needs the observed one.
        let counts = config.count_instructions;
        let observed = counts
            || config.max_steps > 0
            || config.policy.is_some()
            || every_switch_point
            || config.observer.is_some();
        let sched: Arc<dyn scheduler::Scheduler> = match &config.policy {
            Some(p) => {
                let d = deterministic::Deterministic::new(p.clone(), config.gil, recorder.clone())
                    .with_switch_points(if every_switch_point {
                        crate::bytecode::SwitchPoints::Every
                    } else {
                        crate::bytecode::SwitchPoints::Cpython
                    });
                let d = if config.log_handoffs {
                    d.logging_handoffs()
                } else {
                    d
                };
                Arc::new(if config.contained { d.contained() } else { d })
            }
            None if config.gil => Arc::new(scheduler::TimedGil::new(
                eval_breaker.clone(),
                switch_interval_us.clone(),
                recorder.clone(),
            )),
            None => Arc::new(scheduler::FreeThreaded::new(
                eval_breaker.clone(),
                recorder.clone(),
            )),
        };
        let heap = Arc::new(gc::Heap::new(eval_breaker.clone()));
        let interp = Arc::new(Interpreter {
            heap,
            id: NEXT_INTERPRETER_ID.fetch_add(1, Ordering::Relaxed),
            pending_finalizers: AtomicUsize::new(0),
            builtin_subclasses: Mutex::new(Vec::new()),
            builtins_overridden: Default::default(),
            eval_breaker,
            sched,
            next_thread_id: AtomicU64::new(2),
            live_threads: AtomicU64::new(0),
            waits: waits::Waits::default(),
            stop_reason: Mutex::new(None),
            exited: std::sync::OnceLock::new(),
            max_steps: config.max_steps,
            steps_total: AtomicU64::new(0),
            builtins: builtins.clone(),
            modules: Mutex::new(HashMap::new()),
            initializing: Mutex::new(Vec::new()),
            sources: Mutex::new(HashMap::new()),
            recursion_limit: AtomicU32::new(config.recursion_limit),
            switch_interval_us,
            argv: config.argv.clone(),
            sys_path0: config.sys_path0.clone(),
            stdout: Mutex::new(if config.capture_output {
                Output::Capture(Vec::new())
            } else {
                Output::stdout()
            }),
            stderr_capture: config.capture_output.then(|| Mutex::new(Vec::new())),
            os_threads: Mutex::new(0),
            os_threads_done: parking_lot::Condvar::new(),
            start: Instant::now(),
            start_epoch: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap_or_default(),
            random: std::sync::OnceLock::new(),
            recorder,
            observed,
            every_switch_point,
            observer: config.observer.clone(),
            exploring: matches!(config.policy, Some(deterministic::Policy::Explore(_))),
            sandboxed: config.sandboxed,
            thread_names: Mutex::new(std::collections::BTreeMap::from([(
                ThreadId::MAIN,
                "MainThread".to_string(),
            )])),
        });
        if let Some(d) = interp.sched.deterministic() {
            // A deadlock or a schedule that does not fit ends the run: flush what the
            // program printed, then say why.
            let weak = Arc::downgrade(&interp);
            let names = Arc::downgrade(&interp);
            d.set_fail_hook(
                Box::new(move |status, msg| {
                    if let Some(i) = weak.upgrade() {
                        i.flush_stdout();
                    }
                    let mut err = std::io::stderr().lock();
                    let _ = writeln!(err, "{msg}");
                    let _ = err.flush();
                    std::process::exit(status);
                }),
                Box::new(move |t| {
                    names
                        .upgrade()
                        .map(|i| i.thread_name(t))
                        .unwrap_or_else(|| format!("thread {t}"))
                }),
            );
        }
        interp
    }
}

fn class(name: &str, base: Option<&Arc<Class>>, ctor: Option<NativeFn>) -> Arc<Class> {
    let is_exception = base.is_some_and(|b| b.is_exception) || name == "BaseException";
    Class::new_builtin(name, "builtins", base.cloned(), ctor, is_exception)
}

fn build_types() -> Types {
    let object = class("object", None, Some(object::object_new));
    let o = Some(&object);
    let int = class("int", o, Some(int::int_new));
    let base_exception = class("BaseException", o, Some(exceptions::exception_new));
    let be = Some(&base_exception);
    let exception = class("Exception", be, Some(exceptions::exception_new));
    let ex = Some(&exception);
    let arithmetic_error = class("ArithmeticError", ex, Some(exceptions::exception_new));
    let lookup_error = class("LookupError", ex, Some(exceptions::exception_new));
    let import_error = class("ImportError", ex, Some(exceptions::exception_new));
    let name_error = class("NameError", ex, Some(exceptions::exception_new));
    let os_error = class("OSError", ex, Some(exceptions::exception_new));
    let runtime_error = class("RuntimeError", ex, Some(exceptions::exception_new));
    let syntax_error = class("SyntaxError", ex, Some(exceptions::exception_new));
    let indentation_error = class(
        "IndentationError",
        Some(&syntax_error),
        Some(exceptions::exception_new),
    );
    let value_error = class("ValueError", ex, Some(exceptions::exception_new));
    let warning = class("Warning", ex, Some(exceptions::exception_new));
    let connection_error = class(
        "ConnectionError",
        Some(&os_error),
        Some(exceptions::exception_new),
    );
    let unicode_error = class(
        "UnicodeError",
        Some(&value_error),
        Some(exceptions::exception_new),
    );
    let base_exception_group = class(
        "BaseExceptionGroup",
        be,
        Some(exceptions::exception_group_new),
    );
    let exception_group = Class::new_builtin_multi(
        "ExceptionGroup",
        vec![base_exception_group.clone(), exception.clone()],
        Some(exceptions::exception_group_new),
    );
    let e =
        |name: &str, base: &Arc<Class>| class(name, Some(base), Some(exceptions::exception_new));
    let t = Types {
        type_: class("type", o, Some(crate::vm::class::type_new)),
        bool: class("bool", Some(&int), Some(bool::bool_new)),
        float: class("float", o, Some(float::float_new)),
        complex: class("complex", o, Some(crate::vm::types::complex::complex_new)),
        str: class("str", o, Some(str::str_new)),
        bytes: class("bytes", o, Some(bytes::bytes_new)),
        bytearray: class("bytearray", o, Some(bytes::bytearray_new)),
        memoryview: class(
            "memoryview",
            o,
            Some(crate::vm::types::memoryview::memoryview_new),
        ),
        list: class("list", o, Some(list::list_new)),
        tuple: class("tuple", o, Some(tuple::tuple_new)),
        dict: class("dict", o, Some(dict::dict_new)),
        set: class("set", o, Some(set::set_new)),
        frozenset: class("frozenset", o, Some(set::frozenset_new)),
        none_type: class("NoneType", o, None),
        not_implemented_type: class("NotImplementedType", o, None),
        ellipsis_type: class("ellipsis", o, None),
        function: class("function", o, None),
        builtin_function: class("builtin_function_or_method", o, None),
        method: class("method", o, Some(crate::vm::types::function::method_new)),
        module: class("module", o, None),
        cell: class("cell", o, None),
        code: class("code", o, None),
        range: class("range", o, Some(range::range_new)),
        slice: class("slice", o, Some(slice::slice_new)),
        range_iterator: class("range_iterator", o, None),
        list_iterator: class("list_iterator", o, None),
        tuple_iterator: class("tuple_iterator", o, None),
        str_iterator: class("str_ascii_iterator", o, None),
        dict_keyiterator: class("dict_keyiterator", o, None),
        dict_valueiterator: class("dict_valueiterator", o, None),
        dict_itemiterator: class("dict_itemiterator", o, None),
        set_iterator: class("set_iterator", o, None),
        list_reverseiterator: class("list_reverseiterator", o, None),
        callable_iterator: class("callable_iterator", o, None),
        iterator: class("iterator", o, None),
        enumerate: class("enumerate", o, Some(iterators::enumerate_new)),
        zip: class("zip", o, Some(iterators::zip_new)),
        map: class("map", o, Some(iterators::map_new)),
        filter: class("filter", o, Some(iterators::filter_new)),
        reversed: class("reversed", o, Some(iterators::reversed_new)),
        dict_keys: class("dict_keys", o, None),
        dict_values: class("dict_values", o, None),
        dict_items: class("dict_items", o, None),
        generator: class("generator", o, None),
        coroutine: class("coroutine", o, None),
        async_generator: class("async_generator", o, None),
        async_generator_asend: class("async_generator_asend", o, None),
        async_generator_athrow: class("async_generator_athrow", o, None),
        anext_awaitable: class("anext_awaitable", o, None),
        property: class("property", o, None),
        staticmethod: class("staticmethod", o, None),
        classmethod: class("classmethod", o, None),
        super_: class("super", o, Some(function::super_new)),
        traceback: class("traceback", o, None),
        frame: class("frame", o, None),
        system_exit: e("SystemExit", &base_exception),
        keyboard_interrupt: e("KeyboardInterrupt", &base_exception),
        generator_exit: e("GeneratorExit", &base_exception),
        // Not a builtin: what unwinds every thread of a run `explore` has ended.
        run_aborted: e("_RunAborted", &base_exception),
        stop_iteration: e("StopIteration", &exception),
        stop_async_iteration: e("StopAsyncIteration", &exception),
        floating_point_error: e("FloatingPointError", &arithmetic_error),
        overflow_error: e("OverflowError", &arithmetic_error),
        zero_division_error: e("ZeroDivisionError", &arithmetic_error),
        assertion_error: e("AssertionError", &exception),
        attribute_error: e("AttributeError", &exception),
        buffer_error: e("BufferError", &exception),
        eof_error: e("EOFError", &exception),
        module_not_found_error: e("ModuleNotFoundError", &import_error),
        index_error: e("IndexError", &lookup_error),
        key_error: e("KeyError", &lookup_error),
        memory_error: e("MemoryError", &exception),
        unbound_local_error: e("UnboundLocalError", &name_error),
        timeout_error: e("TimeoutError", &os_error),
        not_implemented_error: e("NotImplementedError", &runtime_error),
        recursion_error: e("RecursionError", &runtime_error),
        tab_error: e("TabError", &indentation_error),
        system_error: e("SystemError", &exception),
        type_error: e("TypeError", &exception),
        blocking_io_error: e("BlockingIOError", &os_error),
        child_process_error: e("ChildProcessError", &os_error),
        broken_pipe_error: e("BrokenPipeError", &connection_error),
        connection_aborted_error: e("ConnectionAbortedError", &connection_error),
        connection_refused_error: e("ConnectionRefusedError", &connection_error),
        connection_reset_error: e("ConnectionResetError", &connection_error),
        file_exists_error: e("FileExistsError", &os_error),
        file_not_found_error: e("FileNotFoundError", &os_error),
        interrupted_error: e("InterruptedError", &os_error),
        is_a_directory_error: e("IsADirectoryError", &os_error),
        not_a_directory_error: e("NotADirectoryError", &os_error),
        permission_error: e("PermissionError", &os_error),
        process_lookup_error: e("ProcessLookupError", &os_error),
        reference_error: e("ReferenceError", &exception),
        unicode_decode_error: e("UnicodeDecodeError", &unicode_error),
        unicode_encode_error: e("UnicodeEncodeError", &unicode_error),
        unicode_translate_error: e("UnicodeTranslateError", &unicode_error),
        pending_deprecation_warning: e("PendingDeprecationWarning", &warning),
        syntax_warning: e("SyntaxWarning", &warning),
        future_warning: e("FutureWarning", &warning),
        import_warning: e("ImportWarning", &warning),
        unicode_warning: e("UnicodeWarning", &warning),
        bytes_warning: e("BytesWarning", &warning),
        resource_warning: e("ResourceWarning", &warning),
        encoding_warning: e("EncodingWarning", &warning),
        base_exception_group,
        exception_group,
        connection_error,
        unicode_error,
        user_warning: e("UserWarning", &warning),
        deprecation_warning: e("DeprecationWarning", &warning),
        runtime_warning: e("RuntimeWarning", &warning),
        object,
        int,
        base_exception,
        exception,
        arithmetic_error,
        lookup_error,
        import_error,
        name_error,
        os_error,
        runtime_error,
        syntax_error,
        indentation_error,
        value_error,
        warning,
    };
    register_all(&t);
    t
}

/// Registers each built-in type's methods in its class: the one place that lists the types.
/// Called once, while the built-in classes are being created: it must not call `types()`.
fn register_all(t: &Types) {
    str::register(t);
    bytes::register(t);
    crate::vm::types::memoryview::register(t);
    list::register(t);
    tuple::register(t);
    range::register(t);
    dict::register(t);
    set::register(t);
    int::register(t);
    float::register(t);
    crate::vm::types::complex::register(t);
    object::register(t);
    crate::vm::class::register(t);
    exceptions::register(t);
    slice::register(t);
    crate::vm::types::function::register(t);
    crate::vm::format::register(t);
    crate::vm::ops::slots::register(t);
    crate::vm::modules::typing::register(t);
    crate::vm::generator::register(t);
}
