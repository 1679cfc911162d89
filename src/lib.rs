//! gilvm: a bytecode virtual machine for a small Python-like language, made to show how
//! CPython's global interpreter lock behaves. See `src/README.md` for the module map.

pub mod ast;
pub mod bytecode;
pub mod compiler;
pub mod explore;
pub mod harness;
pub mod lexer;
pub mod parser;
pub mod race;
pub mod repl;
pub mod source;
pub mod trace;
pub mod vm;
