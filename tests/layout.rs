//! The layout's rules (`src/README.md`, decision 6), checked on the source text: imports point
//! down the pipeline. A lower room that names a higher one fails here, with the file and line.
//!
//! Rooms, lowest first: the front end (`source`, `lexer`, `ast`, `parser`) → `bytecode` →
//! `compiler` → `threads` → `vm` (the runtime core) → `tools` → `main.rs`.

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
    ("src/vm", &["crate::tools"]),
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
