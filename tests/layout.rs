//! The layout's rules (`src/README.md`, decision 6), checked on the source text: imports point
//! down the pipeline. A lower room that names a higher one fails here, with the file and line.
//!
//! Rooms, lowest first: the front end (`source`, `lexer`, `ast`, `parser`) → `bytecode` →
//! `compiler` → `threads` → `vm` (the runtime core) → `tools` → `main.rs`. Inside `vm`: the
//! object model → the built-in types → formatting → the protocols → `class`, generators and
//! the modules → the built-in functions, the eval loop and calls → `boot.rs`.

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
    // Inside the core, floor by floor (`src/README.md`, "the runtime core, in floors"): the
    // object model, the built-in types, formatting, the protocols, the language on top.
    ("src/vm/mod.rs", OBJECT_MODEL),
    ("src/vm/value.rs", OBJECT_MODEL),
    ("src/vm/object.rs", OBJECT_MODEL),
    ("src/vm/exceptions.rs", OBJECT_MODEL),
    ("src/vm/types/mod.rs", OBJECT_MODEL),
    ("src/vm/types/set_table.rs", OBJECT_MODEL),
    ("src/vm/code.rs", OBJECT_MODEL),
    ("src/vm/frame.rs", OBJECT_MODEL),
    ("src/vm/gc.rs", OBJECT_MODEL),
    ("src/vm/finalize.rs", OBJECT_MODEL),
    ("src/vm/attr_mirror.rs", OBJECT_MODEL),
    ("src/vm/num.rs", OBJECT_MODEL),
    ("src/vm/args.rs", OBJECT_MODEL),
    ("src/vm/observe.rs", OBJECT_MODEL),
    ("src/vm/leaf_lock.rs", OBJECT_MODEL),
    ("src/vm/mt19937.rs", OBJECT_MODEL),
    ("src/vm/types", ABOVE_TYPES),
    ("src/vm/format", ABOVE_FORMAT),
    ("src/vm/ops", ABOVE_OPS),
    ("src/vm/class.rs", ABOVE_LANGUAGE),
    ("src/vm/generator.rs", ABOVE_LANGUAGE),
    ("src/vm/modules", ABOVE_LANGUAGE),
];

/// What the object model must not name: any type's file, and every floor above.
const OBJECT_MODEL: &[&str] = &[
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
    "crate::vm::format",
    "crate::vm::ops",
    "crate::vm::class",
    "crate::vm::generator",
    "crate::vm::modules",
    "crate::vm::builtins",
    "crate::vm::eval",
    "crate::vm::call",
    "crate::vm::instr",
];
/// What the built-in types must not name: the floors above them.
const ABOVE_TYPES: &[&str] = &[
    "crate::vm::format",
    "crate::vm::ops",
    "crate::vm::class",
    "crate::vm::generator",
    "crate::vm::modules",
    "crate::vm::builtins",
    "crate::vm::eval",
    "crate::vm::call",
    "crate::vm::instr",
];
/// What formatting must not name.
const ABOVE_FORMAT: &[&str] = &[
    "crate::vm::ops",
    "crate::vm::class",
    "crate::vm::generator",
    "crate::vm::modules",
    "crate::vm::builtins",
    "crate::vm::eval",
    "crate::vm::call",
    "crate::vm::instr",
];
/// What the protocols must not name.
const ABOVE_OPS: &[&str] = &[
    "crate::vm::class",
    "crate::vm::generator",
    "crate::vm::modules",
    "crate::vm::builtins",
    "crate::vm::eval",
    "crate::vm::call",
    "crate::vm::instr",
];
/// What `class`, generators and the modules must not name.
const ABOVE_LANGUAGE: &[&str] = &[
    "crate::vm::builtins",
    "crate::vm::eval",
    "crate::vm::call",
    "crate::vm::instr",
];

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
    for (room, forbidden) in RULES {
        let mut files = Vec::new();
        rust_files(&root.join(room), &mut files);
        assert!(
            !files.is_empty(),
            "{room}: no source files (moved? update RULES)"
        );
        for file in files {
            let text = std::fs::read_to_string(&file).expect("readable source");
            for (n, line) in text.lines().enumerate() {
                for f in *forbidden {
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
