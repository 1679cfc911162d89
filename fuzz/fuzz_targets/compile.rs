//! Any text through the lexer, the parser, the compiler and the disassembler: a result or a
//! SyntaxError, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        gilvm::tools::harness::compile_only(text);
    }
});
