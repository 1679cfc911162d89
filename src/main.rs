//! The `gilvm` command: run a script (`gilvm FILE`), a string (`gilvm -c CODE`), or print its
//! bytecode (`gilvm dis FILE`). Exit status as CPython's: 0 on success, 1 on an uncaught
//! exception or a syntax error, 2 on a usage error, `sys.exit(n)`'s n.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};

use gilvm::compiler::{self, Mode};
use gilvm::source::SourceFile;
use gilvm::vm::{Config, Interpreter, THREAD_STACK_SIZE, Vm};

#[derive(Parser, Debug)]
#[command(
    name = "gilvm",
    version,
    about = "A bytecode VM for a small Python-like language that shows how CPython's GIL behaves",
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,

    /// Implementation options, as CPython's `-X`: `-X gil=0` runs free-threaded (no GIL),
    /// `-X gil=1` forces the GIL on. Wins over the PYTHON_GIL environment variable.
    #[arg(short = 'X', value_name = "OPTION")]
    xoptions: Vec<String>,

    /// Run without a GIL: threads execute bytecode in parallel (same as `-X gil=0`).
    #[arg(long)]
    free_threaded: bool,

    /// The GIL's switch interval (`sys.setswitchinterval`): a number with a unit, `5ms`,
    /// `1ms`, `200us`, `0.01s` (a bare number is seconds). Default 5ms, as CPython.
    #[arg(long, value_name = "DURATION", value_parser = parse_interval)]
    switch_interval: Option<u64>,

    /// Program passed in as a string (like `python -c`).
    #[arg(short = 'c', value_name = "CODE")]
    code: Option<String>,

    /// The script to run.
    #[arg(value_name = "FILE")]
    file: Option<PathBuf>,

    /// Arguments passed to the script in `sys.argv[1:]`.
    #[arg(
        value_name = "ARGS",
        trailing_var_arg = true,
        allow_hyphen_values = true
    )]
    args: Vec<String>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Print the bytecode of a script, in the layout of CPython's `dis`.
    Dis {
        /// The script to disassemble.
        file: PathBuf,
    },
}

/// `5ms` / `200us` / `0.01s` / `0.005` → microseconds (strictly positive, as CPython).
fn parse_interval(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let (num, scale) = if let Some(n) = t.strip_suffix("us") {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix("µs") {
        (n, 1.0)
    } else if let Some(n) = t.strip_suffix("ms") {
        (n, 1e3)
    } else if let Some(n) = t.strip_suffix('s') {
        (n, 1e6)
    } else {
        (t, 1e6)
    };
    let v: f64 = num
        .trim()
        .parse()
        .map_err(|_| format!("invalid duration '{text}': use e.g. 5ms, 200us or 0.01s"))?;
    let us = v * scale;
    if !us.is_finite() || us < 1.0 {
        return Err(format!(
            "switch interval must be at least 1us (got '{text}')"
        ));
    }
    Ok(us.round() as u64)
}

/// GIL on or off: `-X gil=` and `--free-threaded` win over `PYTHON_GIL`, as in CPython.
fn gil_enabled(cli: &Cli) -> Result<bool, String> {
    let mut gil = match std::env::var("PYTHON_GIL").ok().as_deref() {
        None | Some("") => None,
        Some("0") => Some(false),
        Some("1") => Some(true),
        Some(other) => {
            return Err(format!(
                "PYTHON_GIL={other}: only 0 (free-threaded) and 1 (GIL) are supported"
            ));
        }
    };
    for x in &cli.xoptions {
        match x.as_str() {
            "gil=0" => gil = Some(false),
            "gil=1" => gil = Some(true),
            other if other.starts_with("gil=") => {
                return Err(format!(
                    "-X {other}: only gil=0 (free-threaded) and gil=1 are supported"
                ));
            }
            // Other -X options (utf8, dev, …) mean nothing here; CPython ignores unknown ones.
            _ => {}
        }
    }
    if cli.free_threaded {
        gil = Some(false);
    }
    Ok(gil.unwrap_or(true))
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let gil = match gil_enabled(&cli) {
        Ok(g) => g,
        Err(msg) => {
            eprintln!("gilvm: {msg}");
            return ExitCode::from(2);
        }
    };
    let settings = Settings {
        gil,
        switch_interval_us: cli.switch_interval.unwrap_or(5000),
    };
    match cli.command {
        Some(Command::Dis { file }) => dis(&file),
        None => match (cli.code, cli.file) {
            (Some(code), file) => {
                // With -c, every positional argument goes to sys.argv[1:].
                let mut argv = vec!["-c".to_string()];
                argv.extend(file.map(|f| f.display().to_string()));
                argv.extend(cli.args);
                run(SourceFile::new("<string>", code), argv, &settings)
            }
            (None, Some(file)) => {
                let Some(src) = read_source(&file, true) else {
                    return ExitCode::from(2);
                };
                let mut argv = vec![file.display().to_string()];
                argv.extend(cli.args);
                run(src, argv, &settings)
            }
            (None, None) => {
                eprintln!(
                    "gilvm: no script given (the REPL arrives in a later version); try 'gilvm --help'"
                );
                ExitCode::from(2)
            }
        },
    }
}

/// Reads a script, printing CPython's message when it cannot be opened.
/// A script run as `__main__` is named by its absolute path in code objects and tracebacks
/// (CPython 3.9+); `dis` shows the path as given, like `python -m dis`.
fn read_source(path: &PathBuf, absolute: bool) -> Option<SourceFile> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let name = if absolute {
                std::path::absolute(path).unwrap_or_else(|_| path.clone())
            } else {
                path.clone()
            };
            Some(SourceFile::new(name.display().to_string(), text))
        }
        Err(e) => {
            let abs = std::path::absolute(path).unwrap_or_else(|_| path.clone());
            let errno = e.raw_os_error().unwrap_or(0);
            let what = match e.kind() {
                std::io::ErrorKind::NotFound => "No such file or directory".to_string(),
                std::io::ErrorKind::PermissionDenied => "Permission denied".to_string(),
                _ => e.to_string(),
            };
            eprintln!(
                "gilvm: can't open file '{}': [Errno {}] {}",
                abs.display(),
                errno,
                what
            );
            None
        }
    }
}

fn dis(path: &PathBuf) -> ExitCode {
    let Some(src) = read_source(path, false) else {
        return ExitCode::from(2);
    };
    match compiler::compile_source(&src, Mode::Exec) {
        Ok(code) => {
            let mut out = String::new();
            gilvm::bytecode::disassemble_recursive(&code, &mut out, None);
            print!("{}", out);
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprint!("{}", gilvm::parser::render_syntax_error(&e, &src));
            ExitCode::from(1)
        }
    }
}

/// Compiles and runs a program as `__main__` on a thread with a large stack.
/// How the interpreter is configured from the command line and the environment.
struct Settings {
    gil: bool,
    switch_interval_us: u64,
}

fn run(src: SourceFile, argv: Vec<String>, settings: &Settings) -> ExitCode {
    let code = match compiler::compile_source(&src, Mode::Exec) {
        Ok(code) => code,
        Err(e) => {
            eprint!("{}", gilvm::parser::render_syntax_error(&e, &src));
            return ExitCode::from(1);
        }
    };
    let interp = Interpreter::new(Config {
        argv,
        gil: settings.gil,
        switch_interval_us: settings.switch_interval_us,
        ..Config::default()
    });
    // Like CPython, tracebacks of `-c` code show no source lines (there is no file to read).
    if src.name != "<string>" {
        interp.add_source(Arc::new(src));
    }
    let worker = std::thread::Builder::new()
        .name("gilvm-main".into())
        .stack_size(THREAD_STACK_SIZE)
        .spawn(move || {
            let mut vm = Vm::new(interp.clone(), THREAD_STACK_SIZE);
            // The main thread holds the GIL while it runs bytecode, as in CPython.
            interp.sched.acquire(vm.tid);
            let result = vm.run_module_code(code, "__main__");
            let status = match result {
                Ok(_) => 0,
                Err(err) => gilvm::vm::exit_status(&mut vm, &err),
            };
            vm.shutdown_threads();
            interp.flush_stdout();
            interp
                .sched
                .release(vm.tid, gilvm::vm::gil::DropReason::Exit);
            status
        });
    match worker.map(|h| h.join()) {
        Ok(Ok(status)) => ExitCode::from(status),
        _ => {
            eprintln!("gilvm: internal error: the interpreter thread failed");
            ExitCode::from(70)
        }
    }
}
