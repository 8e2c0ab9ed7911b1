//! tseval-vm: values, the heap and object model (shapes + slots, inline caches), strings,
//! conversions and operators, the realm (`Vm`), the interpreter loop, and the built-ins.
//!
//! Module map (runtime core):
//! - [`value`]: `Value` (16-byte `Copy` enum) and the `u32` heap handles; `JsResult`.
//! - [`heap`]: the typed GC arenas and collection entry points.
//! - [`string`], [`atom`]: UTF-16 strings and interned property keys.
//! - [`shape`], [`object`], [`property`]: hidden classes, objects, property operations and
//!   inline caches.
//! - [`elements`]: the one-word dense element vector of objects.
//! - [`function`]: native/closure/bound functions, `Vm::call`, `Vm::construct`, `Args`.
//! - [`conversions`], [`operators`]: the abstract operations of ECMA-262 §7 and the operators.
//! - [`realm`]: the `Vm` struct, intrinsics, handle scopes, GC roots.
//! - [`error`]: throwing errors from Rust; uncaught-exception descriptions.
//! - [`env`]: captured-variable environments with pooled slot buffers.
//! - [`arguments`]: mapped `arguments` objects (parameters aliased through the environment).
//! - [`host`]: stdout/stderr sinks.
//! - [`integer_indexed`]: typed array element access and the byte encoding of elements.
//! - `interpreter`, `builtins`: owned by the interpreter and built-ins engineers.

pub mod arguments;
pub mod atom;
pub mod builtins;
pub mod conversions;
pub mod deferred_contents;
pub mod elements;
mod embedding;
pub mod env;
pub mod error;
pub mod function;
pub mod heap;
pub mod host;
pub mod integer_indexed;
pub mod interpreter;
pub mod lazy_globals;
pub mod modules;
pub mod object;
pub mod operators;
pub mod property;
pub mod proxy;
pub mod realm;
pub mod shape;
pub mod string;
pub mod test262_host;
pub mod value;

pub use atom::{Atom, PropertyKey, atoms};
pub use error::{ErrorKind, Exception};
pub use function::{Args, NativeFunction};
pub use realm::Vm;
pub use value::{JsResult, ObjectRef, StringRef, SymbolRef, Value};
