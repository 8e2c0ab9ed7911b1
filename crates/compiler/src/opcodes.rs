//! The instruction set of tseval: ONE macro table that is the single source of truth.
//!
//! Every row of [`define_instruction_set!`] below declares one opcode: its name, its operands
//! (each with a typed kind), the register windows it touches beyond its named register operands,
//! and one line of register-transfer meaning. From that table the macro generates:
//!
//! - [`Instruction`]: a `Copy` Rust enum with named operand fields (8 bytes, asserted below);
//! - [`Opcode`]: the field-less discriminant list, with [`Opcode::name`];
//! - [`Instruction::for_each_operand`]: the operand iterator used by the disassembler and verifier;
//! - [`Instruction::for_each_register_window`]: the consecutive register ranges an instruction
//!   reads or writes beyond its single-register operands (call windows, iterator records, ...);
//! - [`Instruction::jump_offset_mut`] / [`Instruction::jump_target`]: jump patching and decoding;
//! - [`INSTRUCTION_SET`]: static metadata from which [`instruction_set_markdown`] renders the
//!   documentation table (the lead puts it into docs/).
//!
//! The disassembler ([`crate::disassembler`]) and the verifier ([`crate::verifier`]) are written
//! once, generically, on top of the generated operand iterators, so adding a row here updates them.
//!
//! # Conventions every VM implementer must know
//!
//! **Registers.** `R[i]` is register `i` of the current frame's window. `R[0]` is always the
//! `this` value passed by the caller; `R[1..=param_count]` are the parameters. The compiler never
//! writes `R[0]` except in derived class constructors (where `R[0]` starts as the hole and
//! receives the result of `super(...)` when `this` is not captured). Registers past the passed
//! parameters start as `undefined` (see [`crate::bytecode::FunctionTemplate`] for the prologue).
//!
//! **The hole.** The hole is an internal VM value that never escapes to user code. It marks an
//! uninitialised `let`/`const`/`class` binding (temporal dead zone), an uninitialised `this` in a
//! derived constructor, and an elision in array literals (`[1, , 3]`). Only these instructions may
//! observe it: [`Instruction::ThrowIfHole`], [`Instruction::CheckThisInitialized`],
//! [`Instruction::CheckThisUninitialized`], [`Instruction::DerivedConstructorResult`],
//! [`Instruction::ArrayPush`] and [`Instruction::NewArrayFromRegisters`] (a hole element makes an
//! array hole), and plain register/environment moves (`Move`, `LoadEnv`, `StoreEnv`, `LoadImport`).
//!
//! **Jumps.** A [`JumpOffset`] is relative to the index of the jump instruction itself:
//! `target = pc + offset` counted in instructions (not bytes). A jump whose offset is `<= 0` is a
//! loop back-edge and is a GC safepoint / interrupt check.
//!
//! **Calling convention** (team contract). The caller puts `callee, this, arg0..argN-1` into
//! consecutive registers `R[c], R[c+1], R[c+2..c+2+N]`; `Call { dst, callee: c, argc: N }`. The
//! callee's window starts at the caller's `c+1`, so in the callee `R[0]` is `this` and
//! `R[1..=N]` are the arguments. `Construct` uses the same window, but `R[c+1]` holds
//! `new.target` on entry (the VM replaces it by the new receiver for base constructors, or by the
//! hole for derived constructors). The result is written to `R[dst]` when the callee returns.
//!
//! **Property keys and inline caches.** Named property instructions carry one [`IcIdx`] and no
//! separate key: the function's IC site table (`FunctionTemplate::ic_sites[ic]`) records the key
//! name (a `Constant::Name`), so the VM's per-site cache entry can hold the linked atom next to
//! the cached shape/slot. This keeps every instruction at 8 bytes.
//!
//! **Strictness.** Every strict/sloppy difference at run time (failed assignments throwing,
//! `delete` of a non-configurable property, assignment to an undeclared global) follows the
//! current function's `STRICT` flag; these are all slow paths.
//!
//! **Environments.** The frame has a current environment `E` and a per-frame counter
//! `scope_depth` (0 at function entry). [`Instruction::PushEnv`] makes a new environment whose
//! parent is `E` and increments `scope_depth`; [`Instruction::PopEnv`] goes back to the parent and
//! decrements it. `Env(d)` is the environment reached by following `d` parent links from `E`.
//! Exception handlers record the `scope_depth` they expect (see `ExceptionHandler`); on a catch
//! the VM pops `frame.scope_depth - handler.scope_depth` environments.
//!
//! **Iterator records** occupy three consecutive registers `R[i], R[i+1], R[i+2]`: the iterator
//! object, its `next` method, and the `done` flag (a boolean value).
//!
//! **Exceptions** are not handled by opcodes: each function has a table of
//! `(start_pc, end_pc) -> handler_pc` entries (see `crate::bytecode::ExceptionHandler`).

use std::fmt;

/// Operand encodings of the decorator instructions (`DecorateElement`, `RunInitializers`) and
/// the layout of a decoration record, shared by the compiler and the VM.
pub mod decoration {
    /// Record index of the instance-method extra initializers.
    pub const INSTANCE_EXTRA_INITIALIZERS: u16 = 0;
    /// Record index of the static-method extra initializers.
    pub const STATIC_EXTRA_INITIALIZERS: u16 = 1;
    /// Record index of the class extra initializers.
    pub const CLASS_EXTRA_INITIALIZERS: u16 = 2;
    /// Record index of the decorated class.
    pub const DECORATED_CLASS: u16 = 3;
    /// Record index of the first per-field list: field `j` owns `FIRST_FIELD_LIST + 2 * j` (its
    /// initializers) and the next index (its extra initializers).
    pub const FIRST_FIELD_LIST: u16 = 4;
    /// The most decorated fields and accessors one class may have (the list index must fit
    /// below the `RunInitializers` flag bits, and the field index in `DecorateElement`'s
    /// operand above its kind bits).
    pub const MAX_DECORATED_FIELDS: usize = 4000;
    /// `RunInitializers` flag: the list maps a value (field initializers).
    pub const RUN_WITH_VALUE: u16 = 0x8000;
    /// `RunInitializers` flag: call the initializers with the decorated class as `this`.
    pub const RUN_ON_DECORATED_CLASS: u16 = 0x4000;
    /// `DecorateElement` kind (bits 0-2): a method.
    pub const ELEMENT_METHOD: u16 = 0;
    /// A getter.
    pub const ELEMENT_GETTER: u16 = 1;
    /// A setter.
    pub const ELEMENT_SETTER: u16 = 2;
    /// A field.
    pub const ELEMENT_FIELD: u16 = 3;
    /// An `accessor` field.
    pub const ELEMENT_ACCESSOR: u16 = 4;
    /// `DecorateElement` flag: a static element.
    pub const ELEMENT_STATIC: u16 = 8;
    /// `DecorateElement`: the field index `j` is stored from this bit on.
    pub const ELEMENT_FIELD_INDEX_SHIFT: u16 = 4;
}

/// Completion kinds kept in the kind register of a finally block (and of the finally part
/// the compiler builds around a scope with `using` declarations): the code after the
/// finally part dispatches on them, and `DisposeResources` reads and writes them.
pub const COMPLETION_NORMAL: i32 = 0;
/// A throw completion; the value register holds the thrown value.
pub const COMPLETION_THROW: i32 = 1;
/// A return completion; the value register holds the return value.
pub const COMPLETION_RETURN: i32 = 2;
/// The first kind used for the break/continue jumps that leave through a finally block.
pub const COMPLETION_FIRST_JUMP: i32 = 3;

/// A register operand: an index into the current frame's register window.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Reg(pub u16);

/// An index into the function's constant pool where a literal value is expected
/// (`Constant::Number`, `Constant::String`, `Constant::BigInt`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ConstIdx(pub u16);

/// An index into the function's constant pool where a `Constant::Name` is expected
/// (identifier text used as a property key, binding name or error-message name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NameIdx(pub u16);

/// An index into the function's constant pool where a `Constant::Function` is expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FunctionIdx(pub u16);

/// An index into the function's constant pool where a `Constant::TemplateObject` is expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct TemplateObjectIdx(pub u16);

/// An index into the function's constant pool where a `Constant::RegExp` is expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct RegExpIdx(pub u16);

/// An index into the function's constant pool where a `Constant::EvalSite` is expected.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct EvalSiteIdx(pub u16);

/// An inline-cache site index: `FunctionTemplate::ic_sites[ic]`, which also names the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct IcIdx(pub u16);

/// A jump offset in instructions, relative to the jump instruction itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct JumpOffset(pub i32);

/// A 16-bit jump offset, used by the fused compare-and-branch instructions, which need two
/// register (or register and immediate) operands next to the offset and must still fit in 8
/// bytes. The code generator falls back to an unfused compare plus a 32-bit jump when a
/// target is out of range (see `codegen::relax_short_jumps`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ShortJumpOffset(pub i16);

/// What a `DefineMethod` installs and whether the property is enumerable.
///
/// Class elements are non-enumerable; object-literal elements are enumerable. All of them are
/// configurable; methods are writable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum MethodKind {
    /// A class method: `{ value: f, writable: true, enumerable: false, configurable: true }`.
    ClassMethod,
    /// A class getter: `{ get: f, enumerable: false, configurable: true }`, name `"get " + key`.
    ClassGetter,
    /// A class setter: `{ set: f, enumerable: false, configurable: true }`, name `"set " + key`.
    ClassSetter,
    /// An object-literal method: `{ value: f, writable, enumerable, configurable }`.
    ObjectMethod,
    /// An object-literal getter: `{ get: f, enumerable: true, configurable: true }`.
    ObjectGetter,
    /// An object-literal setter: `{ set: f, enumerable: true, configurable: true }`.
    ObjectSetter,
}

impl MethodKind {
    /// The short lowercase name used by the disassembler.
    pub const fn name(self) -> &'static str {
        match self {
            MethodKind::ClassMethod => "class-method",
            MethodKind::ClassGetter => "class-getter",
            MethodKind::ClassSetter => "class-setter",
            MethodKind::ObjectMethod => "object-method",
            MethodKind::ObjectGetter => "object-getter",
            MethodKind::ObjectSetter => "object-setter",
        }
    }
}

/// What a `DefinePrivate` installs on an object under a private name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum PrivateKind {
    /// A private field (writable); throws TypeError if the object already has this private name.
    Field,
    /// A private method (not writable: assigning to it throws TypeError).
    Method,
    /// A private getter (merged with a setter of the same name into one accessor element).
    Getter,
    /// A private setter (merged with a getter of the same name into one accessor element).
    Setter,
}

impl PrivateKind {
    /// The short lowercase name used by the disassembler.
    pub const fn name(self) -> &'static str {
        match self {
            PrivateKind::Field => "field",
            PrivateKind::Method => "method",
            PrivateKind::Getter => "getter",
            PrivateKind::Setter => "setter",
        }
    }
}

/// Which class of constant an operand expects; used by the verifier and the VM's linker.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ConstantClass {
    /// Number, String or BigInt literal value.
    Literal,
    /// `Constant::Name`.
    Name,
    /// `Constant::Function`.
    Function,
    /// `Constant::TemplateObject`.
    TemplateObject,
    /// `Constant::RegExp`.
    RegExp,
    /// `Constant::EvalSite`.
    EvalSite,
}

/// The static kind of an operand, as listed in [`INSTRUCTION_SET`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OperandKind {
    /// A `Reg(u16)` register index.
    Register,
    /// A `u16` constant-pool index expecting the given class of constant.
    Constant(ConstantClass),
    /// An `IcIdx(u16)` inline-cache site index.
    InlineCache,
    /// A `JumpOffset(i32)` relative jump.
    Jump,
    /// A `ShortJumpOffset(i16)` relative jump.
    ShortJump,
    /// A signed 32-bit immediate.
    ImmediateI32,
    /// A signed 16-bit immediate (small integer operands of register-immediate instructions).
    ImmediateI16,
    /// An unsigned 16-bit immediate (counts, environment depths and slots, capacities).
    ImmediateU16,
    /// A [`MethodKind`] byte.
    MethodKind,
    /// A [`PrivateKind`] byte.
    PrivateKind,
}

impl OperandKind {
    /// The Rust spelling of the operand type, for the documentation table.
    pub const fn type_name(self) -> &'static str {
        match self {
            OperandKind::Register => "Reg",
            OperandKind::Constant(ConstantClass::Literal) => "ConstIdx",
            OperandKind::Constant(ConstantClass::Name) => "NameIdx",
            OperandKind::Constant(ConstantClass::Function) => "FunctionIdx",
            OperandKind::Constant(ConstantClass::TemplateObject) => "TemplateObjectIdx",
            OperandKind::Constant(ConstantClass::RegExp) => "RegExpIdx",
            OperandKind::Constant(ConstantClass::EvalSite) => "EvalSiteIdx",
            OperandKind::InlineCache => "IcIdx",
            OperandKind::Jump => "JumpOffset",
            OperandKind::ShortJump => "ShortJumpOffset",
            OperandKind::ImmediateI32 => "i32",
            OperandKind::ImmediateI16 => "i16",
            OperandKind::ImmediateU16 => "u16",
            OperandKind::MethodKind => "MethodKind",
            OperandKind::PrivateKind => "PrivateKind",
        }
    }
}

/// The decoded value of one operand, produced by [`Instruction::for_each_operand`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OperandValue {
    /// A register.
    Register(Reg),
    /// A constant-pool index and the class of constant it must point at.
    Constant(u16, ConstantClass),
    /// An inline-cache site.
    InlineCache(IcIdx),
    /// A relative jump (short jumps are widened).
    Jump(JumpOffset),
    /// A signed immediate (16-bit immediates are widened).
    ImmediateI32(i32),
    /// An unsigned immediate.
    ImmediateU16(u16),
    /// A method kind.
    MethodKind(MethodKind),
    /// A private element kind.
    PrivateKind(PrivateKind),
}

/// Implemented by every operand type so that the macro can treat operands generically.
pub trait OperandType: Copy {
    /// The static kind of this operand type.
    const KIND: OperandKind;
    /// Converts the operand into its decoded value.
    fn to_operand_value(self) -> OperandValue;
    /// Returns the jump offset when this operand is one.
    fn jump_offset(self) -> Option<i32> {
        None
    }
    /// Sets the jump offset when this operand is one: `None` for non-jump operands,
    /// `Some(false)` when the offset does not fit the operand (it is then left unchanged).
    fn set_jump_offset(&mut self, _offset: i32) -> Option<bool> {
        None
    }
}

impl OperandType for Reg {
    const KIND: OperandKind = OperandKind::Register;
    fn to_operand_value(self) -> OperandValue {
        OperandValue::Register(self)
    }
}

macro_rules! constant_operand_type {
    ($type:ident, $class:ident) => {
        impl OperandType for $type {
            const KIND: OperandKind = OperandKind::Constant(ConstantClass::$class);
            fn to_operand_value(self) -> OperandValue {
                OperandValue::Constant(self.0, ConstantClass::$class)
            }
        }
    };
}
constant_operand_type!(ConstIdx, Literal);
constant_operand_type!(NameIdx, Name);
constant_operand_type!(FunctionIdx, Function);
constant_operand_type!(TemplateObjectIdx, TemplateObject);
constant_operand_type!(RegExpIdx, RegExp);
constant_operand_type!(EvalSiteIdx, EvalSite);

impl OperandType for IcIdx {
    const KIND: OperandKind = OperandKind::InlineCache;
    fn to_operand_value(self) -> OperandValue {
        OperandValue::InlineCache(self)
    }
}

impl OperandType for JumpOffset {
    const KIND: OperandKind = OperandKind::Jump;
    fn to_operand_value(self) -> OperandValue {
        OperandValue::Jump(self)
    }
    fn jump_offset(self) -> Option<i32> {
        Some(self.0)
    }
    fn set_jump_offset(&mut self, offset: i32) -> Option<bool> {
        self.0 = offset;
        Some(true)
    }
}

impl OperandType for ShortJumpOffset {
    const KIND: OperandKind = OperandKind::ShortJump;
    fn to_operand_value(self) -> OperandValue {
        OperandValue::Jump(JumpOffset(i32::from(self.0)))
    }
    fn jump_offset(self) -> Option<i32> {
        Some(i32::from(self.0))
    }
    fn set_jump_offset(&mut self, offset: i32) -> Option<bool> {
        match i16::try_from(offset) {
            Ok(short) => {
                self.0 = short;
                Some(true)
            }
            Err(_) => Some(false),
        }
    }
}

impl OperandType for i16 {
    const KIND: OperandKind = OperandKind::ImmediateI16;
    fn to_operand_value(self) -> OperandValue {
        OperandValue::ImmediateI32(i32::from(self))
    }
}

impl OperandType for i32 {
    const KIND: OperandKind = OperandKind::ImmediateI32;
    fn to_operand_value(self) -> OperandValue {
        OperandValue::ImmediateI32(self)
    }
}

impl OperandType for u16 {
    const KIND: OperandKind = OperandKind::ImmediateU16;
    fn to_operand_value(self) -> OperandValue {
        OperandValue::ImmediateU16(self)
    }
}

impl OperandType for MethodKind {
    const KIND: OperandKind = OperandKind::MethodKind;
    fn to_operand_value(self) -> OperandValue {
        OperandValue::MethodKind(self)
    }
}

impl OperandType for PrivateKind {
    const KIND: OperandKind = OperandKind::PrivateKind;
    fn to_operand_value(self) -> OperandValue {
        OperandValue::PrivateKind(self)
    }
}

/// Static description of one operand of one opcode.
#[derive(Clone, Copy, Debug)]
pub struct OperandInfo {
    /// The field name in [`Instruction`].
    pub name: &'static str,
    /// The operand's kind.
    pub kind: OperandKind,
}

/// Static description of one opcode, generated from the table.
#[derive(Clone, Copy, Debug)]
pub struct InstructionInfo {
    /// The opcode.
    pub opcode: Opcode,
    /// The opcode's name.
    pub name: &'static str,
    /// The operands in field order.
    pub operands: &'static [OperandInfo],
    /// Register windows as `(base field, length expression)` source text.
    pub windows: &'static [(&'static str, &'static str)],
    /// The one-line register-transfer meaning.
    pub transfer: &'static str,
    /// The doc-comment lines of the row.
    pub doc: &'static [&'static str],
}

macro_rules! define_instruction_set {
    (
        $(
            $(#[doc = $doc:literal])*
            $name:ident { $( $field:ident : $kind:ty ),* $(,)? }
            $( window ( $wbase:ident , $wlen:expr ) )*
            => $transfer:literal ;
        )*
    ) => {
        /// One bytecode instruction. Generated from the table in `opcodes.rs`; see the module
        /// documentation for conventions (registers, hole, jumps, calling convention).
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Instruction {
            $(
                $(#[doc = $doc])*
                #[doc = ""]
                #[doc = concat!("Register transfer: `", $transfer, "`")]
                $name { $( $field : $kind ),* },
            )*
        }

        /// The operation of an [`Instruction`] without its operands.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Opcode {
            $(
                #[doc = concat!("See [`Instruction::", stringify!($name), "`].")]
                $name,
            )*
        }

        impl Opcode {
            /// Every opcode in table order.
            pub const ALL: &'static [Opcode] = &[ $( Opcode::$name, )* ];

            /// The opcode's name as written in the table.
            pub const fn name(self) -> &'static str {
                match self {
                    $( Opcode::$name => stringify!($name), )*
                }
            }
        }

        impl Instruction {
            /// The operation of this instruction.
            pub const fn opcode(&self) -> Opcode {
                match self {
                    $( Instruction::$name { .. } => Opcode::$name, )*
                }
            }

            /// The opcode's name as written in the table.
            pub const fn name(&self) -> &'static str {
                self.opcode().name()
            }

            /// Calls `visit(field_name, value)` for every operand in declaration order.
            pub fn for_each_operand(&self, mut visit: impl FnMut(&'static str, OperandValue)) {
                match *self {
                    $(
                        Instruction::$name { $( $field ),* } => {
                            $( visit(stringify!($field), OperandType::to_operand_value($field)); )*
                        }
                    )*
                }
            }

            /// Calls `visit(base, length)` for every range of consecutive registers
            /// `R[base .. base + length]` the instruction touches beyond its plain register
            /// operands (call windows, iterator records, register lists).
            #[allow(unused_variables, unused_mut)]
            pub fn for_each_register_window(&self, mut visit: impl FnMut(Reg, usize)) {
                match *self {
                    $(
                        Instruction::$name { $( $field ),* } => {
                            $( visit($wbase, { let length: usize = $wlen; length }); )*
                        }
                    )*
                }
            }

            /// The jump offset operand, if this instruction has one.
            #[allow(unused_variables)]
            pub fn jump_offset(&self) -> Option<i32> {
                match *self {
                    $(
                        Instruction::$name { $( $field ),* } => {
                            $(
                                if let Some(offset) = OperandType::jump_offset($field) {
                                    return Some(offset);
                                }
                            )*
                            None
                        }
                    )*
                }
            }

            /// Patches the jump offset operand: `None` if this instruction is not a jump,
            /// `Some(false)` if the offset does not fit a short jump (left unchanged).
            #[allow(unused_variables)]
            pub fn set_jump_offset(&mut self, offset: i32) -> Option<bool> {
                match self {
                    $(
                        Instruction::$name { $( $field ),* } => {
                            $(
                                if let Some(fits) = OperandType::set_jump_offset($field, offset) {
                                    return Some(fits);
                                }
                            )*
                            None
                        }
                    )*
                }
            }
        }

        /// Static metadata for every opcode in table order.
        pub static INSTRUCTION_SET: &[InstructionInfo] = &[
            $(
                InstructionInfo {
                    opcode: Opcode::$name,
                    name: stringify!($name),
                    operands: &[ $( OperandInfo { name: stringify!($field), kind: <$kind as OperandType>::KIND } ),* ],
                    windows: &[ $( (stringify!($wbase), stringify!($wlen)) ),* ],
                    transfer: $transfer,
                    doc: &[ $( $doc ),* ],
                },
            )*
        ];
    };
}

define_instruction_set! {
    // ----- Loads and moves -------------------------------------------------------------------

    /// Does nothing. Emitted only as a placeholder that may be patched.
    Nop {} => "(no effect)";
    /// Loads `undefined`.
    LoadUndefined { dst: Reg } => "R[dst] := undefined";
    /// Loads `null`.
    LoadNull { dst: Reg } => "R[dst] := null";
    /// Loads `true`.
    LoadTrue { dst: Reg } => "R[dst] := true";
    /// Loads `false`.
    LoadFalse { dst: Reg } => "R[dst] := false";
    /// Loads the hole (marks a binding as being in its temporal dead zone).
    LoadHole { dst: Reg } => "R[dst] := hole";
    /// Loads a small integer Number (every i32 is exactly representable; `-0` is never encoded).
    LoadInt { dst: Reg, value: i32 } => "R[dst] := value (as a Number)";
    /// Loads a Number, String or BigInt literal from the constant pool.
    LoadConst { dst: Reg, constant: ConstIdx } => "R[dst] := K[constant]";
    /// Copies a register.
    Move { dst: Reg, src: Reg } => "R[dst] := R[src]";
    /// Loads the frame's `new.target` (undefined when the function was called, not constructed).
    LoadNewTarget { dst: Reg } => "R[dst] := frame.new_target";
    /// Loads the function object being executed (the callee of this frame).
    LoadCallee { dst: Reg } => "R[dst] := frame.function";
    /// Loads the running function's [[HomeObject]] (undefined if it has none); used for `super`.
    LoadHomeObject { dst: Reg } => "R[dst] := frame.function.[[HomeObject]]";
    /// Creates a closure from a nested function template, capturing the current environment.
    /// Normal functions and generators also get a fresh `prototype` object as the spec requires.
    CreateClosure { dst: Reg, function: FunctionIdx } => "R[dst] := Closure(K[function], E)";
    /// Sets a function's [[HomeObject]] (for methods created outside `DefineMethod`, such as the
    /// synthetic class-field initializer).
    SetHomeObject { function: Reg, home: Reg } => "R[function].[[HomeObject]] := R[home]";
    /// SetFunctionName for anonymous functions/classes bound to a computed key: defines the
    /// function's own `name` property from the property key `R[key]` (Symbols give `"[desc]"`).
    SetFunctionName { function: Reg, key: Reg } => "R[function].name := KeyToName(R[key])";

    // ----- Arithmetic, bitwise and relational operators ----------------------------------------
    // All binary operators follow the ECMAScript operator semantics exactly (ToPrimitive,
    // ToNumeric, BigInt mixing TypeErrors, string concatenation for `+`).

    /// Addition or string concatenation.
    Add { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] + R[rhs]";
    /// Subtraction.
    Sub { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] - R[rhs]";
    /// Multiplication.
    Mul { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] * R[rhs]";
    /// Division.
    Div { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] / R[rhs]";
    /// Remainder.
    Mod { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] % R[rhs]";
    /// Exponentiation.
    Exp { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] ** R[rhs]";
    /// Bitwise and.
    BitAnd { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] & R[rhs]";
    /// Bitwise or.
    BitOr { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] | R[rhs]";
    /// Bitwise exclusive or.
    BitXor { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] ^ R[rhs]";
    /// Left shift.
    Shl { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] << R[rhs]";
    /// Signed right shift.
    Shr { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] >> R[rhs]";
    /// Unsigned right shift.
    UShr { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] >>> R[rhs]";
    /// Abstract (loose) equality.
    Eq { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] == R[rhs]";
    /// Abstract (loose) inequality.
    NotEq { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] != R[rhs]";
    /// Strict equality.
    StrictEq { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] === R[rhs]";
    /// Strict inequality.
    StrictNotEq { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] !== R[rhs]";
    /// Less than.
    Lt { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] < R[rhs]";
    /// Less than or equal.
    LtEq { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] <= R[rhs]";
    /// Greater than.
    Gt { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] > R[rhs]";
    /// Greater than or equal.
    GtEq { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] >= R[rhs]";
    /// `instanceof` (honours `Symbol.hasInstance`).
    InstanceOf { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] instanceof R[rhs]";
    /// `in` (TypeError if `R[rhs]` is not an object).
    In { dst: Reg, lhs: Reg, rhs: Reg } => "R[dst] := R[lhs] in R[rhs]";

    // ----- Register-immediate arithmetic ---------------------------------------------------------
    // Performance decision: loops and recursive code mostly combine a variable with a small
    // integer literal (`i + 1`, `n - 2`, `h * 31`, `x | 0`, `i & 7`, `i >>> 3`, `k % 7`).
    // Encoding the literal as an `i16` immediate saves the `LoadInt` dispatch (and a register)
    // per evaluation. The semantics are exactly those of the register-register opcode with a
    // Number right operand; only the right operand may be an immediate, so evaluation order and
    // ToPrimitive behaviour are unchanged.

    /// Addition of a small integer (string concatenation when `R[lhs]` is a string).
    AddInt { dst: Reg, lhs: Reg, value: i16 } => "R[dst] := R[lhs] + value";
    /// Subtraction of a small integer.
    SubInt { dst: Reg, lhs: Reg, value: i16 } => "R[dst] := R[lhs] - value";
    /// Multiplication by a small integer.
    MulInt { dst: Reg, lhs: Reg, value: i16 } => "R[dst] := R[lhs] * value";
    /// Remainder by a small integer.
    ModInt { dst: Reg, lhs: Reg, value: i16 } => "R[dst] := R[lhs] % value";
    /// Bitwise and with a small integer.
    BitAndInt { dst: Reg, lhs: Reg, value: i16 } => "R[dst] := R[lhs] & value";
    /// Bitwise or with a small integer.
    BitOrInt { dst: Reg, lhs: Reg, value: i16 } => "R[dst] := R[lhs] | value";
    /// Bitwise exclusive or with a small integer.
    BitXorInt { dst: Reg, lhs: Reg, value: i16 } => "R[dst] := R[lhs] ^ value";
    /// Left shift by a small integer.
    ShlInt { dst: Reg, lhs: Reg, value: i16 } => "R[dst] := R[lhs] << value";
    /// Signed right shift by a small integer.
    ShrInt { dst: Reg, lhs: Reg, value: i16 } => "R[dst] := R[lhs] >> value";
    /// Unsigned right shift by a small integer.
    UShrInt { dst: Reg, lhs: Reg, value: i16 } => "R[dst] := R[lhs] >>> value";

    // ----- Unary operators ----------------------------------------------------------------------

    /// Numeric negation (`-x`, Number or BigInt).
    Neg { dst: Reg, src: Reg } => "R[dst] := -R[src]";
    /// Unary plus: ToNumber (TypeError for BigInt and Symbol).
    ToNumber { dst: Reg, src: Reg } => "R[dst] := ToNumber(R[src])";
    /// ToNumeric (Number or BigInt); used for the old value of `x++` / `x--`.
    ToNumeric { dst: Reg, src: Reg } => "R[dst] := ToNumeric(R[src])";
    /// Bitwise not.
    BitNot { dst: Reg, src: Reg } => "R[dst] := ~R[src]";
    /// Logical not.
    Not { dst: Reg, src: Reg } => "R[dst] := !ToBoolean(R[src])";
    /// `typeof` of a value.
    TypeOf { dst: Reg, src: Reg } => "R[dst] := typeof R[src]";
    /// Increment (`++`): ToNumeric then +1 (Number or BigInt). Postfix forms emit `ToNumeric`
    /// first to keep the old value.
    Inc { dst: Reg, src: Reg } => "R[dst] := ToNumeric(R[src]) + 1";
    /// Decrement (`--`): ToNumeric then -1 (Number or BigInt).
    Dec { dst: Reg, src: Reg } => "R[dst] := ToNumeric(R[src]) - 1";
    /// ToString (TypeError for Symbol); used for template-literal substitutions.
    ToString { dst: Reg, src: Reg } => "R[dst] := ToString(R[src])";
    /// ToPropertyKey (string or symbol); used for computed keys evaluated ahead of their use.
    ToPropertyKey { dst: Reg, src: Reg } => "R[dst] := ToPropertyKey(R[src])";
    /// Concatenates `count` consecutive registers that already hold strings (template literals).
    StringConcat { dst: Reg, first: Reg, count: u16 } window(first, count as usize)
        => "R[dst] := R[first] ++ ... ++ R[first+count-1]";

    // ----- Jumps ---------------------------------------------------------------------------------

    /// Unconditional jump.
    Jump { offset: JumpOffset } => "pc := pc + offset";
    /// Jump if the value is truthy.
    JumpIfTrue { condition: Reg, offset: JumpOffset } => "if ToBoolean(R[condition]) { pc := pc + offset }";
    /// Jump if the value is falsy.
    JumpIfFalse { condition: Reg, offset: JumpOffset } => "if !ToBoolean(R[condition]) { pc := pc + offset }";
    /// Jump if the value is `null` or `undefined`.
    JumpIfNullish { value: Reg, offset: JumpOffset } => "if R[value] is null or undefined { pc := pc + offset }";
    /// Jump if the value is neither `null` nor `undefined`.
    JumpIfNotNullish { value: Reg, offset: JumpOffset } => "if R[value] is not null/undefined { pc := pc + offset }";
    /// Jump if the value is `undefined`.
    JumpIfUndefined { value: Reg, offset: JumpOffset } => "if R[value] === undefined { pc := pc + offset }";
    /// Jump if the value is not `undefined`.
    JumpIfNotUndefined { value: Reg, offset: JumpOffset } => "if R[value] !== undefined { pc := pc + offset }";

    // ----- Fused compare-and-branch ----------------------------------------------------------------
    // Performance decision: a condition such as `i < n` or `x === null` used only to branch
    // (loop tests, `if`, `?:`, `&&`/`||` in conditions) compiles to one instruction instead of
    // a compare that materialises a boolean plus a `JumpIfFalse`. The offset is a 16-bit
    // `ShortJumpOffset` to keep instructions at 8 bytes; the code generator rewrites a fused
    // jump into the unfused pair when its target is out of range. Both polarities exist because
    // `!(a < b)` is not `a >= b` (NaN). Semantics (including ToPrimitive order and exceptions)
    // are exactly those of the corresponding compare opcode. A jump with offset <= 0 is a
    // back-edge and a GC safepoint, like `Jump`.

    /// Jump if `R[lhs] < R[rhs]`.
    JumpIfLessThan { lhs: Reg, rhs: Reg, offset: ShortJumpOffset } => "if R[lhs] < R[rhs] { pc := pc + offset }";
    /// Jump unless `R[lhs] < R[rhs]`.
    JumpIfNotLessThan { lhs: Reg, rhs: Reg, offset: ShortJumpOffset } => "if !(R[lhs] < R[rhs]) { pc := pc + offset }";
    /// Jump if `R[lhs] <= R[rhs]`.
    JumpIfLessEqual { lhs: Reg, rhs: Reg, offset: ShortJumpOffset } => "if R[lhs] <= R[rhs] { pc := pc + offset }";
    /// Jump unless `R[lhs] <= R[rhs]`.
    JumpIfNotLessEqual { lhs: Reg, rhs: Reg, offset: ShortJumpOffset } => "if !(R[lhs] <= R[rhs]) { pc := pc + offset }";
    /// Jump if `R[lhs] > R[rhs]`.
    JumpIfGreaterThan { lhs: Reg, rhs: Reg, offset: ShortJumpOffset } => "if R[lhs] > R[rhs] { pc := pc + offset }";
    /// Jump unless `R[lhs] > R[rhs]`.
    JumpIfNotGreaterThan { lhs: Reg, rhs: Reg, offset: ShortJumpOffset } => "if !(R[lhs] > R[rhs]) { pc := pc + offset }";
    /// Jump if `R[lhs] >= R[rhs]`.
    JumpIfGreaterEqual { lhs: Reg, rhs: Reg, offset: ShortJumpOffset } => "if R[lhs] >= R[rhs] { pc := pc + offset }";
    /// Jump unless `R[lhs] >= R[rhs]`.
    JumpIfNotGreaterEqual { lhs: Reg, rhs: Reg, offset: ShortJumpOffset } => "if !(R[lhs] >= R[rhs]) { pc := pc + offset }";
    /// Jump if `R[lhs] === R[rhs]`.
    JumpIfStrictEqual { lhs: Reg, rhs: Reg, offset: ShortJumpOffset } => "if R[lhs] === R[rhs] { pc := pc + offset }";
    /// Jump if `R[lhs] !== R[rhs]`.
    JumpIfStrictNotEqual { lhs: Reg, rhs: Reg, offset: ShortJumpOffset } => "if R[lhs] !== R[rhs] { pc := pc + offset }";
    /// Jump if `R[lhs] < value`.
    JumpIfLessThanInt { lhs: Reg, value: i16, offset: ShortJumpOffset } => "if R[lhs] < value { pc := pc + offset }";
    /// Jump unless `R[lhs] < value`.
    JumpIfNotLessThanInt { lhs: Reg, value: i16, offset: ShortJumpOffset } => "if !(R[lhs] < value) { pc := pc + offset }";
    /// Jump if `R[lhs] <= value`.
    JumpIfLessEqualInt { lhs: Reg, value: i16, offset: ShortJumpOffset } => "if R[lhs] <= value { pc := pc + offset }";
    /// Jump unless `R[lhs] <= value`.
    JumpIfNotLessEqualInt { lhs: Reg, value: i16, offset: ShortJumpOffset } => "if !(R[lhs] <= value) { pc := pc + offset }";
    /// Jump if `R[lhs] > value`.
    JumpIfGreaterThanInt { lhs: Reg, value: i16, offset: ShortJumpOffset } => "if R[lhs] > value { pc := pc + offset }";
    /// Jump unless `R[lhs] > value`.
    JumpIfNotGreaterThanInt { lhs: Reg, value: i16, offset: ShortJumpOffset } => "if !(R[lhs] > value) { pc := pc + offset }";
    /// Jump if `R[lhs] >= value`.
    JumpIfGreaterEqualInt { lhs: Reg, value: i16, offset: ShortJumpOffset } => "if R[lhs] >= value { pc := pc + offset }";
    /// Jump unless `R[lhs] >= value`.
    JumpIfNotGreaterEqualInt { lhs: Reg, value: i16, offset: ShortJumpOffset } => "if !(R[lhs] >= value) { pc := pc + offset }";
    /// Jump if `R[lhs] === value`.
    JumpIfStrictEqualInt { lhs: Reg, value: i16, offset: ShortJumpOffset } => "if R[lhs] === value { pc := pc + offset }";
    /// Jump if `R[lhs] !== value`.
    JumpIfStrictNotEqualInt { lhs: Reg, value: i16, offset: ShortJumpOffset } => "if R[lhs] !== value { pc := pc + offset }";

    // ----- Property access -------------------------------------------------------------------

    /// Named property get, cached. The key is `ic_sites[ic].key`. Primitives are boxed for the
    /// lookup (receiver stays the primitive); null/undefined throw TypeError
    /// ("Cannot read properties of undefined (reading 'key')").
    GetNamed { dst: Reg, object: Reg, ic: IcIdx } => "R[dst] := R[object].<ic key>";
    /// Named property set ([[Set]]), cached. Failure throws in strict code.
    SetNamed { object: Reg, value: Reg, ic: IcIdx } => "R[object].<ic key> := R[value]";
    /// Keyed property get (`o[k]`); the key is converted with ToPropertyKey.
    GetKeyed { dst: Reg, object: Reg, key: Reg } => "R[dst] := R[object][R[key]]";
    /// Keyed property set ([[Set]]); failure throws in strict code.
    SetKeyed { object: Reg, key: Reg, value: Reg } => "R[object][R[key]] := R[value]";
    /// CreateDataPropertyOrThrow with a named key (object literals, class fields): defines an own
    /// enumerable, writable, configurable data property, never calling setters.
    DefineNamed { object: Reg, value: Reg, ic: IcIdx } => "DefineOwn(R[object], <ic key>, R[value])";
    /// CreateDataPropertyOrThrow with a computed key.
    DefineKeyed { object: Reg, key: Reg, value: Reg } => "DefineOwn(R[object], ToPropertyKey(R[key]), R[value])";
    /// `delete o[k]`; throws TypeError in strict code when the property is non-configurable.
    DeleteKeyed { dst: Reg, object: Reg, key: Reg } => "R[dst] := delete R[object][R[key]]";
    /// Defines a method/getter/setter (per `kind`): sets the function's [[HomeObject]] to
    /// `R[object]` and its `name` from the key (with a `get `/`set ` prefix for accessors).
    /// A getter and a setter of the same key merge into one accessor property.
    DefineMethod { object: Reg, key: Reg, function: Reg, kind: MethodKind }
        => "DefineMethod(R[object], ToPropertyKey(R[key]), R[function], kind)";
    /// `__proto__: v` in an object literal: sets [[Prototype]] if `R[value]` is an object or null,
    /// otherwise does nothing.
    SetPrototypeFromLiteral { object: Reg, value: Reg } => "if R[value] is Object|null { R[object].[[Prototype]] := R[value] }";
    /// [[GetPrototypeOf]] of an object (used for the super constructor: `GetPrototypeOf(callee)`).
    GetPrototypeOf { dst: Reg, object: Reg } => "R[dst] := R[object].[[GetPrototypeOf]]()";
    /// `super[key]` read: `R[receiver]` is `this` and `R[receiver+1]` the home object.
    GetSuper { dst: Reg, receiver: Reg, key: Reg } window(receiver, 2)
        => "R[dst] := R[receiver+1].[[GetPrototypeOf]]().[[Get]](ToPropertyKey(R[key]), R[receiver])";
    /// `super[key] = value`: `R[receiver]` is `this` and `R[receiver+1]` the home object; throws
    /// TypeError when [[Set]] returns false (super property code is always strict).
    SetSuper { receiver: Reg, key: Reg, value: Reg } window(receiver, 2)
        => "R[receiver+1].[[GetPrototypeOf]]().[[Set]](ToPropertyKey(R[key]), R[value], R[receiver])";
    /// Object spread / rest: copies own enumerable properties of `R[source]` to `R[target]`
    /// (CopyDataProperties), skipping the `excluded` keys held in `R[source+1 ..= source+excluded]`
    /// (already property keys). A null/undefined source copies nothing.
    CopyDataProperties { target: Reg, source: Reg, excluded: u16 } window(source, 1 + excluded as usize)
        => "CopyDataProperties(R[target], R[source], excluding R[source+1 ..= source+excluded])";
    /// Throws TypeError if the value is null or undefined (destructuring `const {} = null`).
    RequireObjectCoercible { value: Reg } => "if R[value] is null/undefined { throw TypeError }";

    // ----- Object, array and literal creation ---------------------------------------------------

    /// Creates an ordinary object inheriting from %Object.prototype%; `capacity` is a slot hint.
    NewObject { dst: Reg, capacity: u16 } => "R[dst] := {} (room for capacity properties)";
    /// Creates an empty array with room for `capacity` elements.
    NewArray { dst: Reg, capacity: u16 } => "R[dst] := [] (room for capacity elements)";
    /// Creates an array from consecutive registers; a hole register becomes an array hole.
    NewArrayFromRegisters { dst: Reg, first: Reg, count: u16 } window(first, count as usize)
        => "R[dst] := [R[first], ..., R[first+count-1]]";
    /// Appends one element (a hole value appends an elision: only `length` grows).
    ArrayPush { array: Reg, value: Reg } => "R[array][R[array].length++] := R[value]";
    /// Appends every value produced by iterating `R[iterable]` (array-literal / argument spread).
    SpreadIntoArray { array: Reg, iterable: Reg } => "for v of R[iterable]: ArrayPush(R[array], v)";
    /// Gets the cached template object of a tagged-template site (frozen strings array with a
    /// frozen `raw` array); the same object is returned every time for a given site.
    GetTemplateObject { dst: Reg, template: TemplateObjectIdx } => "R[dst] := TemplateObject(K[template])";
    /// Creates a new RegExp object from a literal (a fresh object on every evaluation).
    NewRegExp { dst: Reg, regexp: RegExpIdx } => "R[dst] := new RegExp(K[regexp].pattern, K[regexp].flags)";

    // ----- Globals -------------------------------------------------------------------------------

    /// Reads a global binding: the realm's global declarative record (top-level `let`,
    /// `const` and `class` of scripts compiled with global lexical declarations; ReferenceError
    /// in their temporal dead zone) first, then the global object; ReferenceError if missing.
    /// The same order holds for `TypeOfGlobal`, `SetGlobal` (TypeError for a constant) and
    /// `DeleteGlobal` (false for a lexical binding).
    GetGlobal { dst: Reg, ic: IcIdx } => "R[dst] := global.<ic key> (ReferenceError if missing)";
    /// `typeof name` for an unresolved name: never throws, gives "undefined" when missing.
    TypeOfGlobal { dst: Reg, ic: IcIdx } => "R[dst] := typeof global.<ic key>";
    /// Writes a global binding. If missing: sloppy code creates it, strict code throws
    /// ReferenceError ("x is not defined").
    SetGlobal { value: Reg, ic: IcIdx } => "global.<ic key> := R[value]";
    /// `delete name` for an unresolved name in sloppy code.
    DeleteGlobal { dst: Reg, name: NameIdx } => "R[dst] := delete global[K[name]]";
    /// Script-start declaration of a top-level `var`: if the global object has no own property
    /// `name`, defines `{ value: undefined, writable, enumerable, configurable: false }`.
    DeclareGlobalVar { name: NameIdx } => "CreateGlobalVarBinding(K[name])";
    /// Script-start declaration of a top-level function: defines/overwrites the global property
    /// `name` as `{ value: R[function], writable, enumerable, configurable: false }`.
    DeclareGlobalFunction { name: NameIdx, function: Reg } => "CreateGlobalFunctionBinding(K[name], R[function])";

    // ----- Object environments (`with`) ---------------------------------------------------------

    /// ToObject (TypeError for null and undefined); the object of a `with` statement.
    ToObject { dst: Reg, src: Reg } => "R[dst] := ToObject(R[src])";
    /// HasBinding of an object environment record with `withEnvironment = true`: the object has
    /// the property (HasProperty) and `object[@@unscopables]`, if an object, does not make it
    /// unscopable (ToBoolean of its property). Code under `with` tests each `with` object this
    /// way before using the statically resolved binding.
    HasWithBinding { dst: Reg, object: Reg, name: NameIdx } => "R[dst] := HasBinding(R[object], K[name])";

    /// CanDeclareGlobalFunction check of global or eval declaration instantiation, run before
    /// any declaration: TypeError unless the global object has no own property `name` and is
    /// extensible, or the property is configurable, or it is a writable enumerable data property.
    CheckGlobalFunctionDeclaration { name: NameIdx } => "if !CanDeclareGlobalFunction(K[name]) { throw TypeError }";
    /// CanDeclareGlobalVar check: TypeError unless the global object has an own property `name`
    /// or is extensible.
    CheckGlobalVarDeclaration { name: NameIdx } => "if !CanDeclareGlobalVar(K[name]) { throw TypeError }";
    /// GlobalDeclarationInstantiation's check of a top-level `let`/`const`/`class` of a script
    /// compiled with global lexical declarations: SyntaxError if the name already has a var
    /// declaration (a script `var`/function or an eval var), a lexical declaration, or is a
    /// non-configurable own property of the global object.
    CheckGlobalLexicalDeclaration { name: NameIdx } => "if !CanDeclareGlobalLexical(K[name]) { throw SyntaxError }";
    /// Creates the uninitialised binding `name` in the realm's global declarative record (the
    /// bindings every script of the realm shares); `constant` 1 makes it immutable.
    DeclareGlobalLexical { name: NameIdx, constant: u16 } => "GlobalLexical[K[name]] := uninitialised";
    /// Initialises a binding of the global declarative record (the end of its temporal dead
    /// zone); constants are written here once.
    InitializeGlobalLexical { value: Reg, name: NameIdx } => "GlobalLexical[K[name]] := R[value]";

    // ----- Environments (captured bindings) ---------------------------------------------------

    /// Enters a scope whose captured bindings live in a new environment of `slots` slots, all
    /// initialised to undefined; increments `frame.scope_depth`.
    PushEnv { slots: u16 } => "E := Env { parent: E, slots: [undefined; slots] }";
    /// Leaves the innermost scope environment; decrements `frame.scope_depth`.
    PopEnv {} => "E := E.parent";
    /// Per-iteration copy for `for (let ...)` loops whose bindings are captured: replaces the
    /// current environment by a fresh copy with the same parent and the same slot values.
    CopyEnv {} => "E := Env { parent: E.parent, slots: E.slots.clone() }";
    /// Reads a slot of the environment `depth` parent links up from the current one.
    LoadEnv { dst: Reg, depth: u16, slot: u16 } => "R[dst] := Env(depth).slots[slot]";
    /// Writes a slot of the environment `depth` parent links up from the current one.
    StoreEnv { src: Reg, depth: u16, slot: u16 } => "Env(depth).slots[slot] := R[src]";
    /// Mapped `arguments` (sloppy function, simple parameter list): makes `R[arguments][index]`
    /// an alias of the parameter in slot `slot` of the current environment (the function
    /// environment), if the call passed argument `index`. Emitted once per mapped parameter
    /// right after the function environment is pushed.
    MapArgument { arguments: Reg, index: u16, slot: u16 } => "R[arguments][index] aliases E.slots[slot]";

    // ----- Modules ---------------------------------------------------------------------------------

    /// Reads a module import binding: the slot holds an indirection (installed at link time) to
    /// the exporting module's environment slot, or a namespace object. The result is the hole
    /// while the target binding is in its TDZ (the compiler follows with `ThrowIfHole`).
    LoadImport { dst: Reg, depth: u16, slot: u16 } => "R[dst] := *Env(depth).slots[slot] (live binding)";
    /// `import.meta`: the running module's meta object (created on first use).
    LoadImportMeta { dst: Reg } => "R[dst] := import.meta";
    /// Dynamic `import(R[specifier], R[options])`: a promise for the module namespace.
    ImportCall { dst: Reg, specifier: Reg, options: Reg } => "R[dst] := import(R[specifier], R[options])";

    // ----- Errors and TDZ checks ---------------------------------------------------------------

    /// TDZ check: ReferenceError "Cannot access 'name' before initialization" if `R[value]` is the
    /// hole.
    ThrowIfHole { value: Reg, name: NameIdx } => "if R[value] is hole { throw ReferenceError(name) }";
    /// Assignment to a `const` binding: TypeError "Assignment to constant variable.".
    ThrowConstAssign { name: NameIdx } => "throw TypeError('Assignment to constant variable.')";
    /// Derived constructor `this` check: ReferenceError "Must call super constructor in derived
    /// class before accessing 'this' or returning from derived constructor" if `R[value]` is hole.
    CheckThisInitialized { value: Reg } => "if R[value] is hole { throw ReferenceError }";
    /// Second `super()` call check: ReferenceError "Super constructor may only be called once" if
    /// `R[value]` is not the hole.
    CheckThisUninitialized { value: Reg } => "if R[value] is not hole { throw ReferenceError }";
    /// Result of a derived constructor's `return`: an object is returned as is; undefined returns
    /// `this` (ReferenceError if it is still the hole); anything else throws TypeError "Derived
    /// constructors may only return object or undefined".
    DerivedConstructorResult { dst: Reg, value: Reg, this: Reg }
        => "R[dst] := IsObject(R[value]) ? R[value] : R[value] === undefined ? checked R[this] : throw TypeError";
    /// Throws a TypeError with a constant message.
    ThrowTypeError { message: ConstIdx } => "throw new TypeError(K[message])";
    /// Throws a ReferenceError with a constant message (e.g. invalid assignment target at run
    /// time in sloppy code).
    ThrowReferenceError { message: ConstIdx } => "throw new ReferenceError(K[message])";

    // ----- Calls and control transfer -------------------------------------------------------

    /// Calls `R[callee]` with `this = R[callee+1]` and `argc` arguments from `R[callee+2]`; the
    /// callee's window starts at `callee+1`. TypeError if `R[callee]` is not callable (message
    /// names the callee expression where the VM can).
    Call { dst: Reg, callee: Reg, argc: u16 } window(callee, 2 + argc as usize)
        => "R[dst] := R[callee].[[Call]](R[callee+1], R[callee+2 .. callee+2+argc])";
    /// `Call` with `this = undefined`: the VM stores undefined into `R[callee+1]` first, which
    /// saves the `LoadUndefined` dispatch of every plain function call `f(...)`.
    CallUndefinedThis { dst: Reg, callee: Reg, argc: u16 } window(callee, 2 + argc as usize)
        => "R[callee+1] := undefined; R[dst] := R[callee].[[Call]](undefined, R[callee+2 .. callee+2+argc])";
    /// A call written `eval(...)`: when `R[callee]` is the realm's %eval% and the code is not
    /// compiled for an indirect call, performs a direct eval of `R[callee+2]` (if any) in the
    /// caller's scope described by `K[site]` (whose `argument_count` gives argc); otherwise it is
    /// exactly `CallUndefinedThis { dst, callee, argc }`. The argument registers beyond the
    /// declared window are checked by the verifier against `argument_count`.
    CallEval { dst: Reg, callee: Reg, site: EvalSiteIdx } window(callee, 2)
        => "R[dst] := R[callee] is %eval% ? DirectEval(R[callee+2], K[site]) : R[callee](undefined, ...)";
    /// Calls `R[callee]` with `this = R[callee+1]` and the elements of the array `R[arguments]`
    /// as arguments (the array was built with `SpreadIntoArray`; it is read without iteration).
    CallSpread { dst: Reg, callee: Reg, arguments: Reg } window(callee, 2)
        => "R[dst] := R[callee].[[Call]](R[callee+1], ...elements of R[arguments])";
    /// A call whose only spread is its last argument, `f(a, ...values)`: calls `R[callee]` with
    /// `this = R[callee+1]`, the `argc` arguments `R[callee+2 .. callee+2+argc]` and then every
    /// value of iterating `R[callee+2+argc]`. An Array with the built-in iterator is copied
    /// straight onto the register stack (no allocation, no iterator object); anything else goes
    /// through the iteration protocol before the callee is checked, as the specification orders.
    CallSpreadTail { dst: Reg, callee: Reg, argc: u16 } window(callee, 3 + argc as usize)
        => "R[dst] := R[callee].[[Call]](R[callee+1], R[callee+2 .. callee+2+argc], ...R[callee+2+argc])";
    /// `new`: constructs `R[callee]` with `new.target = R[callee+1]` and `argc` arguments from
    /// `R[callee+2]`. Also used for `super(...)`, where `R[callee]` is the parent constructor and
    /// `R[callee+1]` the current `new.target`. TypeError if not a constructor.
    Construct { dst: Reg, callee: Reg, argc: u16 } window(callee, 2 + argc as usize)
        => "R[dst] := R[callee].[[Construct]](R[callee+2 .. callee+2+argc], newTarget = R[callee+1])";
    /// `new` / `super(...)` with spread arguments taken from the array `R[arguments]`.
    ConstructSpread { dst: Reg, callee: Reg, arguments: Reg } window(callee, 2)
        => "R[dst] := R[callee].[[Construct]](...elements of R[arguments], newTarget = R[callee+1])";
    /// `new` / `super(...)` whose only spread is the last argument (see `CallSpreadTail`), with
    /// `new.target = R[callee+1]`.
    ConstructSpreadTail { dst: Reg, callee: Reg, argc: u16 } window(callee, 3 + argc as usize)
        => "R[dst] := R[callee].[[Construct]](R[callee+2 .. callee+2+argc], ...R[callee+2+argc], newTarget = R[callee+1])";
    /// Returns from the function. For a base-class or plain constructor called with `new`, a
    /// non-object result is replaced by the receiver `R[0]`. A derived constructor's result is
    /// already checked by `DerivedConstructorResult`.
    Return { value: Reg } => "return R[value]";
    /// Throws the value. The VM searches this function's exception table, then the callers'.
    Throw { value: Reg } => "throw R[value]";
    /// The `debugger` statement: no effect.
    Debugger {} => "(no effect)";

    // ----- Iteration ------------------------------------------------------------------------------

    /// GetIterator(R[iterable], sync): fills the iterator record `R[dst..dst+3]` with the
    /// iterator, its `next` method and `done = false`. TypeError if not iterable.
    GetIterator { dst: Reg, iterable: Reg } window(dst, 3)
        => "R[dst], R[dst+1], R[dst+2] := iterator, iterator.next, false";
    /// Steps the iterator record at `R[iterator..iterator+3]`: if already done, `R[dst] :=
    /// undefined` without calling anything. Otherwise calls next (TypeError if the result is not
    /// an object); when the result is done, sets `R[iterator+2] := true` and `R[dst] :=
    /// undefined`, else `R[dst] := result.value`. If next() or reading done/value throws, the
    /// record is marked done before the exception propagates.
    IteratorNext { dst: Reg, iterator: Reg } window(iterator, 3)
        => "if !R[iterator+2] { r := Call(R[iterator+1], R[iterator]); R[iterator+2] := r.done; R[dst] := done ? undefined : r.value }";
    /// Normal-completion close (break/return out of for-of, end of array destructuring): if the
    /// record is not done, calls `iterator.return()` if present and throws TypeError if its result
    /// is not an object. Marks the record done.
    IteratorClose { iterator: Reg } window(iterator, 3)
        => "if !R[iterator+2] { IteratorClose(R[iterator], normal) }";
    /// Throw-completion close: like `IteratorClose` but errors from `return()` (and a non-object
    /// result) are ignored; the compiler re-throws the original exception right after.
    IteratorCloseForThrow { iterator: Reg } window(iterator, 3)
        => "if !R[iterator+2] { IteratorClose(R[iterator], throw) }";
    /// Collects the remaining values of the record into a new array (array rest element) and
    /// marks it done.
    IteratorCollectRest { dst: Reg, iterator: Reg } window(iterator, 3)
        => "R[dst] := [...remaining values of R[iterator]]";
    /// for-in: creates a key iterator over the enumerable string keys of `R[object]` and its
    /// prototype chain (null/undefined give an empty iteration).
    ForInPrepare { dst: Reg, object: Reg } => "R[dst] := ForInIterator(R[object])";
    /// for-in step: the next key not deleted since preparation, or undefined when exhausted.
    ForInNext { dst: Reg, iterator: Reg } => "R[dst] := next key of R[iterator] or undefined";

    // ----- Classes ------------------------------------------------------------------------------

    /// Creates a base class: `R[dst]` := the constructor function F made from the class-constructor
    /// template (closing over the current environment; [[HomeObject]] := prototype), and
    /// `R[dst+1]` := F.prototype, a new object inheriting %Object.prototype% with a non-enumerable
    /// `constructor` = F. F.prototype is non-writable, non-enumerable, non-configurable.
    CreateClass { dst: Reg, constructor: FunctionIdx } window(dst, 2)
        => "R[dst], R[dst+1] := F, F.prototype";
    /// Creates a derived class like `CreateClass` with heritage `R[parent]`: if null, the
    /// prototype inherits null and F inherits %Function.prototype%; else `R[parent]` must be a
    /// constructor (TypeError "Class extends value X is not a constructor or null") whose
    /// `prototype` is an object or null, and F.[[Prototype]] := R[parent].
    CreateDerivedClass { dst: Reg, constructor: FunctionIdx, parent: Reg } window(dst, 2)
        => "R[dst], R[dst+1] := F extends R[parent], F.prototype";
    /// Creates a fresh private name (unique per class evaluation) whose description is `#name`.
    NewPrivateName { dst: Reg, description: NameIdx } => "R[dst] := new PrivateName(K[description])";
    /// Reads a private element; TypeError if `R[object]` lacks it ("Cannot read private member
    /// #x from an object whose class did not declare it").
    GetPrivate { dst: Reg, object: Reg, key: Reg } => "R[dst] := R[object].[[PrivateElements]][R[key]]";
    /// Writes a private field or calls a private setter; TypeError if missing, if the element is
    /// a method, or if it is an accessor without setter.
    SetPrivate { object: Reg, key: Reg, value: Reg } => "R[object].[[PrivateElements]][R[key]] := R[value]";
    /// Adds a private element of the given kind (fields and methods: TypeError if already
    /// present; accessors merge with the other half).
    DefinePrivate { object: Reg, key: Reg, value: Reg, kind: PrivateKind }
        => "PrivateElementAdd(R[object], R[key], R[value], kind)";
    /// `#x in obj`: TypeError if `R[object]` is not an object.
    HasPrivate { dst: Reg, object: Reg, key: Reg } => "R[dst] := R[key] in R[object].[[PrivateElements]]";

    // ----- Generators and async functions --------------------------------------------------------

    /// Suspends a generator, yielding `R[value]` (the VM wraps it as `{ value, done: false }`).
    /// On resumption with `next(v)`: `R[dst] := v`, `R[dst+1] := false`. With `return(v)`:
    /// `R[dst] := v`, `R[dst+1] := true` (the compiler then runs finally blocks and returns v).
    /// With `throw(e)`: `e` is thrown at this instruction.
    Yield { dst: Reg, value: Reg } window(dst, 2) => "R[dst], R[dst+1] := yield R[value]";
    /// Marks the end of a generator's (or async generator's) parameter initialisation and
    /// function-declaration instantiation. Calling a generator function runs its code up to
    /// this instruction (so errors in parameter defaults and destructuring throw at the call,
    /// as FunctionDeclarationInstantiation requires), then suspends it in the suspended-start
    /// state; the first `next()` resumes right after it.
    GeneratorStart {} => "suspend (suspended-start state)";
    /// Suspends an async function until `R[value]` (PromiseResolve'd) settles: fulfilled gives
    /// `R[dst] := result`; rejected throws the reason at this instruction.
    Await { dst: Reg, value: Reg } => "R[dst] := await R[value]";

    // ----- Explicit resource management (`using`, `await using`) -------------------------------

    /// Starts the resource list of a block, function body or loop iteration that declares
    /// `using` bindings (an internal DisposeCapability, never exposed to user code).
    NewDisposeCapability { dst: Reg } => "R[dst] := new DisposeCapability";
    /// AddDisposableResource(R[resources], R[value], hint) for a `using` (`hint` 0) or `await
    /// using` (`hint` 1) declaration: null and undefined are skipped (recorded, for `await
    /// using`, as a pending await); anything else must be an object with a callable
    /// `[Symbol.dispose]` (or `[Symbol.asyncDispose]`) method, else TypeError.
    AddDisposable { resources: Reg, value: Reg, hint: u16 }
        => "AddDisposableResource(R[resources], R[value], hint)";
    /// DisposeResources(R[resources], completion) for a scope with only `using` bindings, at
    /// the entry of its finally part. `R[completion]` holds the completion kind
    /// (COMPLETION_THROW for a throw) and `R[completion+1]` its value; a disposal error
    /// becomes the new completion (`R[completion] := COMPLETION_THROW`, `R[completion+1] :=`
    /// the error, a SuppressedError when the old completion was already a throw).
    DisposeResources { resources: Reg, completion: Reg } window(completion, 2)
        => "R[completion], R[completion+1] := DisposeResources(R[resources], completion)";
    /// The async form, for scopes with `await using` bindings: starts DisposeResources and
    /// `R[dst] :=` a promise that settles when it is done (rejected with the final error
    /// when the completion ends as a throw), or undefined when the list is empty and no
    /// await is needed. The compiler awaits the promise.
    DisposeResourcesAsync { dst: Reg, resources: Reg, completion: Reg } window(completion, 2)
        => "R[dst] := DisposeResourcesAsync(R[resources], completion) or undefined";

    // ----- Decorators and auto-accessors (see tseval_vm::builtins::decorators) ---------------

    /// The per-class decoration record: the extra-initializer lists of instance methods,
    /// static methods and the class, the decorated class, and an (initializers, extra
    /// initializers) list pair for each of `fields` decorated fields or accessors.
    NewDecorationRecord { dst: Reg, fields: u16 } => "R[dst] := new DecorationRecord(fields)";
    /// Applies the decorators `R[window+3]` (an array, in source order) of one class element:
    /// `R[window]` is the record, `R[window+1]` the home object (prototype or class),
    /// `R[window+2]` the key. `element` packs the kind (method 0, getter 1, setter 2, field 3,
    /// accessor 4), the static flag (8) and, from bit 4, the field's index in the record.
    DecorateElement { window: Reg, element: u16 } window(window, 4)
        => "ApplyDecorators(R[window+3], record R[window], home R[window+1], key R[window+2])";
    /// Applies the class decorators `R[window+2]` to the class `R[window+1]` and records the
    /// result in the record `R[window]`: `R[window+1] :=` the decorated class.
    DecorateClass { window: Reg } window(window, 3)
        => "R[window+1] := ApplyClassDecorators(R[window+2], R[window+1], record R[window])";
    /// Calls each initializer of list `list` (low 14 bits) of the record `R[window]` with
    /// `this` = `R[window+1]` (or, with flag 0x4000, the decorated class); with flag 0x8000 each
    /// maps the value `R[window+2]` and the result is written back to `R[window+2]`.
    RunInitializers { window: Reg, list: u16 } window(window, 3)
        => "R[window+2] := RunInitializers(record R[window], list, this R[window+1], R[window+2])";
    /// `accessor key = value`: defines on `R[window]` (prototype or class) a getter and a
    /// setter named by the key `R[window+1]` that read and write the private name
    /// `R[window+2]` of their receiver.
    DefineAutoAccessor { window: Reg } window(window, 3)
        => "R[window].[R[window+1]] := { get/set this.[[PrivateElements]][R[window+2]] }";

    // ----- Async iteration and generator delegation ------------------------------------------

    /// GetIterator(R[iterable], sync) without the fast array representation: the record always
    /// holds the iterator object and its `next` method (used by `yield*`, which looks up
    /// `throw` and `return` on the iterator).
    GetProtocolIterator { dst: Reg, iterable: Reg } window(dst, 3)
        => "R[dst], R[dst+1], R[dst+2] := iterator, iterator.next, false";
    /// GetIterator(R[iterable], async): `R[iterable][Symbol.asyncIterator]()`, or when that
    /// method is undefined/null, CreateAsyncFromSyncIterator of the sync iterator. TypeError if
    /// neither method exists or the iterator is not an object.
    GetAsyncIterator { dst: Reg, iterable: Reg } window(dst, 3)
        => "R[dst], R[dst+1], R[dst+2] := async iterator, iterator.next, false";
    /// Calls the record's `next` method with no arguments and stores the raw result (for
    /// `for await`, which awaits it before `IteratorResultValue`).
    IteratorNextCall { dst: Reg, iterator: Reg } window(iterator, 3)
        => "R[dst] := Call(R[iterator+1], R[iterator])";
    /// Unpacks an iterator result: TypeError if `R[dst]` is not an object; if its `done` is
    /// truthy, `R[iterator+2] := true` and `R[dst] := undefined`, else `R[dst] := result.value`.
    IteratorResultValue { dst: Reg, iterator: Reg } window(iterator, 3)
        => "if !IsObject(R[dst]) throw; if R[dst].done { R[iterator+2] := true; R[dst] := undefined } else { R[dst] := R[dst].value }";
    /// First half of AsyncIteratorClose: marks the record done; if it was not done and the
    /// iterator has a `return` method, `R[dst] := Call(return, iterator)` and `R[dst+1] :=
    /// true` (the compiler then awaits `R[dst]`), else `R[dst+1] := false`.
    IteratorReturnCall { dst: Reg, iterator: Reg } window(dst, 2) window(iterator, 3)
        => "R[dst], R[dst+1] := done ? (_, false) : (Call(iterator.return, iterator), true)";
    /// TypeError ("Iterator result is not an object") if `R[value]` is not an object.
    CheckIteratorResult { value: Reg } => "if !IsObject(R[value]) throw TypeError";
    /// One step of `yield*`: `R[received]` is the value the generator was resumed with and
    /// `R[received+1]` the resumption kind (0 next, 1 return, 2 throw). next: `R[dst] :=
    /// Call(next, iterator, value)`, `R[dst+1] := 0`. throw: with a `throw` method, `R[dst] :=
    /// Call(throw, iterator, value)`, `R[dst+1] := 0`; without, `R[dst+1] := 3` (the compiler
    /// closes the iterator and throws a TypeError). return: with a `return` method, `R[dst] :=
    /// Call(return, iterator, value)`, `R[dst+1] := 0`; without, `R[dst] := value`, `R[dst+1]
    /// := 2` (return from the generator).
    DelegateCall { dst: Reg, iterator: Reg, received: Reg } window(dst, 2) window(iterator, 3) window(received, 2)
        => "R[dst], R[dst+1] := yield* step of R[iterator] for resumption R[received], R[received+1]";
    /// Inspects the inner result `R[dst]` of a `yield*` step (after the await in async
    /// generators): TypeError if not an object. If done: `R[dst] := result.value` and `R[dst+1]
    /// := 2` when the resumption kind `R[received+1]` was return, else 1 (the value of the
    /// `yield*` expression). If not done: `R[dst+1] := 0` and `R[dst]` stays the result object
    /// (`unwrap` = 0) or becomes `result.value` (`unwrap` = 1, async generators).
    DelegateResult { dst: Reg, received: Reg, unwrap: u16 } window(dst, 2) window(received, 2)
        => "R[dst], R[dst+1] := inspect inner result R[dst]";
    /// The suspension of `yield*`: in a generator, the result object `R[value]` of the inner
    /// iterator is returned as is by `next`/`return`/`throw`; in an async generator the value
    /// `R[value]` settles the front request as `{ value, done: false }` without an await. On
    /// resumption `R[dst] := v` and `R[dst+1] :=` the resumption kind (0 next, 1 return, 2
    /// throw); a throw resumption does not throw here.
    YieldDelegate { dst: Reg, value: Reg } window(dst, 2) => "R[dst], R[dst+1] := yield* R[value]";
}

const _: () = assert!(std::mem::size_of::<Instruction>() <= 8);

impl Instruction {
    /// The absolute jump target when this instruction is a jump located at `pc`.
    pub fn jump_target(&self, pc: usize) -> Option<i64> {
        self.jump_offset()
            .map(|offset| pc as i64 + i64::from(offset))
    }

    /// Whether control never falls through to the next instruction.
    pub const fn is_terminator(&self) -> bool {
        matches!(
            self,
            Instruction::Jump { .. }
                | Instruction::Return { .. }
                | Instruction::Throw { .. }
                | Instruction::ThrowConstAssign { .. }
                | Instruction::ThrowTypeError { .. }
                | Instruction::ThrowReferenceError { .. }
        )
    }
}

impl fmt::Display for Reg {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "r{}", self.0)
    }
}

/// Renders the whole instruction set as a markdown document (conventions plus one table row per
/// opcode). Generated from [`INSTRUCTION_SET`], so it never drifts from the implementation.
pub fn instruction_set_markdown() -> String {
    let mut markdown = String::new();
    markdown.push_str("# tseval instruction set\n\n");
    markdown.push_str(
        "Generated from `crates/compiler/src/opcodes.rs` (`instruction_set_markdown()`); do not \
         edit by hand.\n\n",
    );
    markdown.push_str(&format!(
        "Every instruction is a `Copy` Rust enum value of {} bytes. Registers are `Reg(u16)`; \
         `K[i]` is constant-pool entry `i`; `E` is the current environment; `Env(d)` follows `d` \
         parent links from `E`; jump targets are `pc + offset` where `pc` is the jump's own \
         index. Iterator records are three consecutive registers (iterator, next method, done). \
         Named property and global instructions take their key from `ic_sites[ic].key`.\n\n",
        std::mem::size_of::<Instruction>()
    ));
    markdown.push_str("| # | Opcode | Operands | Register transfer | Notes |\n");
    markdown.push_str("|---|---|---|---|---|\n");
    for (index, info) in INSTRUCTION_SET.iter().enumerate() {
        let operands: Vec<String> = info
            .operands
            .iter()
            .map(|operand| format!("{}: {}", operand.name, operand.kind.type_name()))
            .collect();
        let mut notes: String = info
            .doc
            .iter()
            .map(|line| line.trim())
            .collect::<Vec<_>>()
            .join(" ");
        for (base, length) in info.windows {
            notes.push_str(&format!(" Window: R[{base} .. {base} + {length}]."));
        }
        markdown.push_str(&format!(
            "| {} | `{}` | {} | `{}` | {} |\n",
            index,
            info.name,
            operands.join(", "),
            info.transfer.replace('|', "\\|"),
            notes.replace('|', "\\|")
        ));
    }
    markdown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instruction_is_eight_bytes() {
        assert_eq!(std::mem::size_of::<Instruction>(), 8);
    }

    #[test]
    fn opcode_table_and_metadata_agree() {
        assert_eq!(Opcode::ALL.len(), INSTRUCTION_SET.len());
        for (index, info) in INSTRUCTION_SET.iter().enumerate() {
            assert_eq!(Opcode::ALL[index], info.opcode);
            assert_eq!(info.opcode.name(), info.name);
        }
    }

    #[test]
    fn jump_patching_reaches_the_offset_field() {
        let mut instruction = Instruction::JumpIfFalse {
            condition: Reg(3),
            offset: JumpOffset(0),
        };
        assert_eq!(instruction.set_jump_offset(-4), Some(true));
        assert_eq!(instruction.jump_target(10), Some(6));
        let mut fused = Instruction::JumpIfLessThan {
            lhs: Reg(1),
            rhs: Reg(2),
            offset: ShortJumpOffset(0),
        };
        assert_eq!(fused.set_jump_offset(40_000), Some(false));
        assert_eq!(fused.set_jump_offset(-7), Some(true));
        assert_eq!(fused.jump_target(10), Some(3));
        assert_eq!(
            Instruction::Move {
                dst: Reg(1),
                src: Reg(2)
            }
            .jump_target(3),
            None
        );
    }

    #[test]
    fn call_window_covers_callee_this_and_arguments() {
        let call = Instruction::Call {
            dst: Reg(0),
            callee: Reg(5),
            argc: 3,
        };
        let mut windows = Vec::new();
        call.for_each_register_window(|base, length| windows.push((base, length)));
        assert_eq!(windows, vec![(Reg(5), 5)]);
    }

    #[test]
    fn markdown_lists_every_opcode() {
        let markdown = instruction_set_markdown();
        for info in INSTRUCTION_SET {
            assert!(
                markdown.contains(&format!("`{}`", info.name)),
                "{} missing",
                info.name
            );
        }
    }
}
