//! tseval-compiler: scope resolution (lexical depth/slot, TDZ, capture analysis) and
//! register-bytecode generation. Owns THE opcode table ([`opcodes`]), the bytecode containers
//! ([`bytecode`]), the disassembler and the verifier.

pub mod bytecode;
pub mod disassembler;
pub mod opcodes;
pub mod verifier;

pub use bytecode::{CompiledScript, Constant, FunctionFlags, FunctionTemplate};
pub use disassembler::disassemble;
pub use opcodes::{Instruction, Opcode, instruction_set_markdown};
pub use verifier::verify;
