//! The layout's rules (`src/README.md`, decision 6), checked on the source text: imports point
//! down the pipeline. A lower room that names a higher one fails here, with the file and line.
//!
//! Rooms, lowest first: the front end (`source`, `lexer`, `ast`, `parser`) → `bytecode` →
//! `compiler` → `threads` → `vm` (the runtime core) → `tools` → `main.rs`. Inside `vm`: the
//! object model (`vm/object/`) → the interpreter's state → the built-in types → formatting →
//! the protocols → `class`, generators and the modules → the built-in functions, the eval
//! loop and calls → `boot.rs`.

use std::path::{Path, PathBuf};

/// Each room, and the paths its files must never name (in code or in comments: a doc link
/// upward is a dependency a reader follows too).
const RULES: &[(&str, &[&str])] = &[
    (
        "src/source.rs",
        &[
            "crate::bytecode",
            "crate::compiler",
            "crate::threads",
            "crate::vm",
            "crate::tools",
        ],
    ),
    (
        "src/lexer.rs",
        &[
            "crate::bytecode",
            "crate::compiler",
            "crate::threads",
            "crate::vm",
            "crate::tools",
        ],
    ),
    (
        "src/ast.rs",
        &[
            "crate::bytecode",
            "crate::compiler",
            "crate::threads",
            "crate::vm",
            "crate::tools",
        ],
    ),
    (
        "src/parser",
        &[
            "crate::bytecode",
            "crate::compiler",
            "crate::threads",
            "crate::vm",
            "crate::tools",
        ],
    ),
    (
        "src/bytecode",
        &[
            "crate::compiler",
            "crate::threads",
            "crate::vm",
            "crate::tools",
        ],
    ),
    (
        "src/compiler",
        &["crate::threads", "crate::vm", "crate::tools"],
    ),
    ("src/threads", &["crate::vm", "crate::tools"]),
    ("src/vm", &["crate::tools", "crate::vm::boot"]),
];

/// The runtime core's floors, lowest first (`src/README.md`, "the runtime core, in floors"):
/// each floor's rooms, and the paths by which a file names that floor. A file of a floor must
/// not name any floor above its own.
const CORE_FLOORS: &[(&[&str], &[&str])] = &[
    // The object model: values, the heap objects, exceptions, code objects, the registry of
    // built-in classes and the cycle collector, whose data types refer to each other (a
    // `Value` holds an `Instance`, whose `Dict` holds `Value`s), so they share one folder.
    // Its one name from above is `Vm`, the context every operation receives.
    (
        &["src/vm/object", "src/vm/leaf_lock.rs", "src/vm/mt19937.rs"],
        &[],
    ),
    // The interpreter's state: `Vm` and `Interpreter`, frames, the observer interface, and
    // the helpers that read numbers and arguments out of values.
    (
        &[
            "src/vm/mod.rs",
            "src/vm/frame.rs",
            "src/vm/observe.rs",
            "src/vm/num.rs",
            "src/vm/args.rs",
        ],
        &[
            "crate::vm::frame",
            "crate::vm::observe",
            "crate::vm::num",
            "crate::vm::args",
        ],
    ),
    // The built-in types, a file each.
    (
        &["src/vm/types"],
        &[
            "crate::vm::types::str::",
            "crate::vm::types::list::",
            "crate::vm::types::tuple::",
            "crate::vm::types::dict::",
            "crate::vm::types::set::",
            "crate::vm::types::int::",
            "crate::vm::types::float::",
            "crate::vm::types::bool::",
            "crate::vm::types::range::",
            "crate::vm::types::slice::",
            "crate::vm::types::object::",
            "crate::vm::types::function::",
            "crate::vm::types::iterators::",
            "crate::vm::types::exceptions::",
        ],
    ),
    (&["src/vm/format"], &["crate::vm::format"]),
    (&["src/vm/ops"], &["crate::vm::ops"]),
    // The language on top: `type`, generators, the built-in modules.
    (
        &["src/vm/class.rs", "src/vm/generator.rs", "src/vm/modules"],
        &[
            "crate::vm::class",
            "crate::vm::generator",
            "crate::vm::modules",
        ],
    ),
    // The built-in functions, the eval loop and calls (`boot.rs` is ruled out by RULES).
    (
        &[
            "src/vm/builtins.rs",
            "src/vm/eval.rs",
            "src/vm/call.rs",
            "src/vm/instr.rs",
        ],
        &[
            "crate::vm::builtins",
            "crate::vm::eval",
            "crate::vm::call",
            "crate::vm::instr",
        ],
    ),
];

/// `RULES`, and for each floor of the core, its rooms with every path of the floors above.
fn rules() -> Vec<(&'static str, Vec<&'static str>)> {
    let mut out: Vec<_> = RULES.iter().map(|(r, f)| (*r, f.to_vec())).collect();
    for (i, (rooms, _)) in CORE_FLOORS.iter().enumerate() {
        let above: Vec<&str> = CORE_FLOORS[i + 1..]
            .iter()
            .flat_map(|(_, names)| names.iter().copied())
            .collect();
        out.extend(rooms.iter().map(|r| (*r, above.clone())));
    }
    out
}

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(path)
            .expect("readable source folder")
            .map(|e| e.expect("entry").path())
            .collect();
        entries.sort();
        for e in entries {
            rust_files(&e, out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_path_buf());
    }
}

#[test]
fn imports_point_down() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut broken = Vec::new();
    for (room, forbidden) in rules() {
        let mut files = Vec::new();
        rust_files(&root.join(room), &mut files);
        assert!(
            !files.is_empty(),
            "{room}: no source files (moved? update RULES)"
        );
        for file in files {
            let text = std::fs::read_to_string(&file).expect("readable source");
            for (n, line) in text.lines().enumerate() {
                for f in &forbidden {
                    if line.contains(f) {
                        broken.push(format!(
                            "{}:{}: names {f}: {}",
                            file.strip_prefix(root).unwrap_or(&file).display(),
                            n + 1,
                            line.trim()
                        ));
                    }
                }
            }
        }
    }
    assert!(
        broken.is_empty(),
        "a lower room names a higher one (src/README.md, decision 6):\n{}",
        broken.join("\n")
    );
}

/// No source file is longer than 1,500 lines, but the eval loop's dispatch (one `match` is
/// clearest whole) and generated tables.
#[test]
fn no_file_over_1500_lines() {
    const EXEMPT: &[&str] = &["src/vm/eval.rs"];
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let rel = f.strip_prefix(root).unwrap_or(f).display().to_string();
            let text = std::fs::read_to_string(f).expect("readable source");
            let lines = text.lines().count();
            let generated = text.starts_with("// @generated");
            (lines > 1500 && !generated && !EXEMPT.contains(&rel.as_str()))
                .then(|| format!("{rel}: {lines} lines"))
        })
        .collect();
    assert!(
        long.is_empty(),
        "files over 1,500 lines:\n{}",
        long.join("\n")
    );
}
