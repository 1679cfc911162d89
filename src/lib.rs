//! gilvm: a bytecode virtual machine for a small Python-like language, made to show how
//! CPython's global interpreter lock behaves. See `src/README.md` for the module map.
//!
//! The rooms, lowest first; each imports only rooms listed before it.

// Text becomes tokens, tokens a tree.
pub mod ast;
pub mod lexer;
pub mod parser;
pub mod source;

// The tree becomes bytecode.
pub mod bytecode;
pub mod compiler;

// Who may run bytecode, and when.
pub mod threads;

// Bytecode runs: values, objects, the eval loop, built-in types and modules.
pub mod vm;

// What watches, drives and shows the runtime: trace, explain, stepper, race, explore, REPL.
pub mod tools;
