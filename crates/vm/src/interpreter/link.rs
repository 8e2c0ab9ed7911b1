//! Linking: turning the compiler's plain-data [`CompiledScript`] into runtime function
//! templates ([`LinkedFunction`]) exactly once per script.
//!
//! Linking converts every constant-pool entry into what the dispatch loop needs at run time:
//! literal strings become heap strings (allocated once, rooted by [`super::trace_roots`]),
//! names become property keys (atoms, or array indices for canonical index names), BigInt
//! literals become heap BigInts, nested function templates become [`CodeId`]s into the
//! interpreter's code table, and every inline-cache site gets a cache entry holding its key.
//!
//! Performance decisions:
//! - Nothing here runs per execution: a closure refers to its linked template by `CodeId`, and
//!   a frame holds an `Rc<LinkedFunction>`, so `LoadConst` is an indexed load of a `Value`.
//! - Inline caches live in `Cell`s inside the linked function, so the dispatch loop can update
//!   them through a shared reference while the code is borrowed.

use std::cell::Cell;
use std::rc::Rc;

use tseval_compiler::bytecode::{
    CompiledScript, Constant, FunctionFlags, FunctionTemplate, IcKind, TemplateObjectDescriptor,
};
use tseval_compiler::opcodes::Instruction;
use tseval_gc::Tracer;

use crate::atom::PropertyKey;
use crate::function::CodeId;
use crate::property::InlineCache;
use crate::realm::{RealmId, Vm};
use crate::string::JsString;
use crate::value::{BigInt, ObjectRef, ShapeId, StringRef, Value};

/// Script-wide information shared by every function of one script (for stack traces and
/// `Function.prototype.toString`).
#[derive(Debug)]
pub struct LinkedScript {
    /// The file name used in stack traces.
    pub file_name: Rc<str>,
    /// The full source text.
    pub source: Rc<str>,
}

/// A linked constant-pool entry.
#[derive(Debug)]
pub enum LinkedConstant {
    /// A Number, String or BigInt literal, ready to be copied into a register.
    Value(Value),
    /// A name, converted to a property key (an atom, or an index for names like `"0"`).
    Key(PropertyKey),
    /// A nested function template.
    Function(CodeId),
    /// A tagged-template site: its strings and the lazily created, cached template object.
    TemplateObject {
        /// The compile-time strings.
        descriptor: Rc<TemplateObjectDescriptor>,
        /// The template object once created (the same object is returned every time).
        cached: Cell<Option<ObjectRef>>,
    },
    /// A regular-expression literal's pattern and flags as heap strings.
    RegExp {
        /// The pattern source.
        pattern: StringRef,
        /// The flags.
        flags: StringRef,
        /// The matcher compiled at the literal's first evaluation, shared by every RegExp
        /// object the literal creates (compiling it per evaluation made a `/re/.test(s)`
        /// loop 3x slower than QuickJS).
        compiled: std::cell::OnceCell<Rc<regress::Regex>>,
    },
    /// A direct-eval call site's description of the caller's scope (compile-time data).
    EvalSite(Rc<tseval_compiler::bytecode::EvalSite>),
}

/// Number of entries of a polymorphic inline cache.
pub const POLYMORPHIC_ENTRIES: usize = 4;

/// The inline-cache state of one property-access or global-access site: the site's key plus
/// up to [`POLYMORPHIC_ENTRIES`] runtime cache entries (`crate::property::InlineCache`),
/// updated through `Cell`s.
///
/// Performance decision: sites that see several receiver shapes (a method called on objects
/// of a few classes, as in scheduler-style code) would thrash a monomorphic entry and take the
/// slow path on most executions; a small polymorphic cache checked linearly keeps them on the
/// fast path. Entries are replaced round-robin once full.
#[derive(Debug)]
pub struct InlineCacheSite {
    /// The property key of the site (from `ic_sites[ic].key`).
    pub key: PropertyKey,
    /// What the site caches.
    pub kind: IcKind,
    /// The cache entries (empty entries are `InlineCache::Empty`).
    pub entries: [Cell<InlineCache>; POLYMORPHIC_ENTRIES],
    /// The entry the next miss fills (round-robin).
    pub next_entry: Cell<u8>,
    /// Performance decision: a copy of one `InlineCache::Own` entry of `entries` (the most
    /// recently remembered one), checked before the polymorphic scan. A monomorphic hit is
    /// then two loads and a compare instead of copying and matching 24-byte enum entries.
    /// Invariant: when `Some`, the same `Own` entry is present in `entries` (so it is traced
    /// through them and is exactly as valid as they are).
    pub own_shape: Cell<Option<ShapeId>>,
    /// The slot of the `own_shape` entry.
    pub own_slot: Cell<u32>,
}

impl InlineCacheSite {
    fn new(key: PropertyKey, kind: IcKind) -> InlineCacheSite {
        InlineCacheSite {
            key,
            kind,
            entries: std::array::from_fn(|_| Cell::new(InlineCache::Empty)),
            next_entry: Cell::new(0),
            own_shape: Cell::new(None),
            own_slot: Cell::new(0),
        }
    }

    /// Records a new entry filled by a slow path (ignores empty entries and duplicates).
    pub fn remember(&self, entry: InlineCache) {
        if entry == InlineCache::Empty
            || self.entries.iter().any(|existing| existing.get() == entry)
        {
            return;
        }
        let index = usize::from(self.next_entry.get()) % POLYMORPHIC_ENTRIES;
        self.entries[index].set(entry);
        self.next_entry
            .set(((index + 1) % POLYMORPHIC_ENTRIES) as u8);
        // Keep the monomorphic copy pointing at an `Own` entry that is still cached: the new
        // one if it is `Own`, otherwise any remaining one.
        let newest_own = std::iter::once(entry)
            .chain(self.entries.iter().map(Cell::get))
            .find_map(|candidate| match candidate {
                InlineCache::Own { shape, slot } => Some((shape, slot)),
                _ => None,
            });
        self.own_shape.set(newest_own.map(|(shape, _)| shape));
        self.own_slot.set(newest_own.map_or(0, |(_, slot)| slot));
    }
}

/// A function template after linking; immutable except for its inline caches.
#[derive(Debug)]
pub struct LinkedFunction {
    /// This function's index in the code table.
    pub id: CodeId,
    /// The compiled template (exception table, source positions, flags, ...).
    pub template: Rc<FunctionTemplate>,
    /// The instructions (a copy owned here so the dispatch loop reaches them in one hop).
    pub code: Box<[Instruction]>,
    /// The linked constant pool, index-aligned with `template.constants`.
    pub constants: Box<[LinkedConstant]>,
    /// The literal values of the constant pool, index-aligned with `constants` (undefined for
    /// non-literal entries). `LoadConst` copies from here: a plain 16-byte `Value` copy,
    /// where extracting the value out of the `LinkedConstant` enum made LLVM copy it in
    /// overlapping pieces (a store-forwarding stall measured at ~7% of a numeric loop).
    pub constant_values: Box<[Value]>,
    /// One cache per IC site, index-aligned with `template.ic_sites`.
    pub inline_caches: Box<[InlineCacheSite]>,
    /// The function's static name as a heap string.
    pub name: StringRef,
    /// Flag bits (copied from the template for one-hop access).
    pub flags: FunctionFlags,
    /// Parameter register count (copied from the template).
    pub param_count: u16,
    /// Register window size (copied from the template).
    pub register_count: u16,
    /// The script this function belongs to.
    pub script: Rc<LinkedScript>,
    /// The realm the function was linked in (every closure of this code belongs to it) when
    /// a [[Call]] of this function needs no prologue work beyond filling registers with
    /// undefined (no arguments object, rest array, `this` coercion, class-constructor check
    /// or generator/async setup), otherwise `RealmId::NONE`. The dispatch loop inlines the
    /// call when this equals `vm.current_realm`: folding the realm into the flag keeps the
    /// inline call path at one compare, as the plain boolean was (a call into another realm
    /// must switch realms, so it takes the out-of-line path).
    pub plain_call_realm: RealmId,
    /// Slack-tracking hint for [[Construct]]: the largest number of named-property slots an
    /// object constructed with this function as new.target had when its constructor returned.
    /// New receivers get slot vectors of this capacity, so the field stores of a constructor
    /// do not reallocate the vector once per field.
    pub construct_slot_hint: Cell<u16>,
    /// The realm the function was linked in when the only extra prologue work of a [[Call]]
    /// is sloppy-mode `this` coercion, which is a no-op when `this` is already an object
    /// (method calls): the dispatch loop inlines those calls too. Otherwise
    /// `RealmId::NONE` (see `plain_call_realm`).
    pub coerces_this_only_realm: RealmId,
}

impl LinkedFunction {
    /// True when the function is strict-mode code.
    #[inline]
    pub fn is_strict(&self) -> bool {
        self.flags.contains(FunctionFlags::STRICT)
    }

    /// Marks every heap value this linked function holds.
    pub fn trace(&self, tracer: &mut Tracer) {
        use tseval_gc::Trace;
        tracer.push(self.name);
        for constant in self.constants.iter() {
            match constant {
                LinkedConstant::Value(value) => value.trace(tracer),
                LinkedConstant::Key(key) => key.trace(tracer),
                LinkedConstant::Function(_) | LinkedConstant::EvalSite(_) => {}
                LinkedConstant::TemplateObject { cached, .. } => {
                    if let Some(object) = cached.get() {
                        tracer.push(object);
                    }
                }
                LinkedConstant::RegExp { pattern, flags, .. } => {
                    tracer.push(*pattern);
                    tracer.push(*flags);
                }
            }
        }
        for site in self.inline_caches.iter() {
            site.key.trace(tracer);
            // Shapes and objects named by a cache entry are kept alive while cached, so a
            // handle in a cache can never be reused for an unrelated value.
            for entry in site.entries.iter() {
                trace_cache_entry(entry.get(), tracer);
            }
        }
    }
}

/// Marks the shapes and objects a cache entry names.
fn trace_cache_entry(entry: InlineCache, tracer: &mut Tracer) {
    match entry {
        InlineCache::Empty => {}
        InlineCache::Own { shape, .. } => tracer.push(shape),
        InlineCache::Prototype {
            shape,
            prototype,
            holder,
            ..
        }
        | InlineCache::Accessor {
            shape,
            prototype,
            holder,
            ..
        } => {
            tracer.push(shape);
            tracer.push(prototype);
            tracer.push(holder);
        }
        InlineCache::Add {
            from,
            to,
            prototype,
            ..
        } => {
            tracer.push(from);
            tracer.push(to);
            if let Some(prototype) = prototype {
                tracer.push(prototype);
            }
        }
    }
}

/// Links a whole script (the top level and every nested function) into the VM's code table
/// and returns the `CodeId` of the top-level code.
///
/// The bytecode verifier runs first (once per script, linear in code size): the dispatch loop
/// relies on verified bytecode (registers inside the window, constants of the right class,
/// jump targets in range), so unverifiable code is rejected here with a message instead of
/// reaching the loop.
pub fn link_script(vm: &mut Vm, script: &CompiledScript) -> Result<CodeId, String> {
    tseval_compiler::verifier::verify(&script.top_level).map_err(|error| {
        format!("internal compiler error (bytecode failed verification): {error}")
    })?;
    Ok(link_verified_script(vm, script))
}

/// Links module code: returns the `CodeId`s of its body and of its environment-instantiation
/// code (both verified first, and both belonging to one linked script).
pub fn link_module(vm: &mut Vm, script: &CompiledScript) -> Result<(CodeId, CodeId), String> {
    let Some(module) = &script.module else {
        return Err("internal error: linking a script as a module".to_string());
    };
    for template in [&script.top_level, &module.init] {
        tseval_compiler::verifier::verify(template).map_err(|error| {
            format!("internal compiler error (bytecode failed verification): {error}")
        })?;
    }
    let linked_script = Rc::new(LinkedScript {
        file_name: script.file_name.clone(),
        source: script.source.clone(),
    });
    let body = link_function(vm, &script.top_level, &linked_script);
    let init = link_function(vm, &module.init, &linked_script);
    Ok((body, init))
}

/// Links a script whose bytecode was already verified.
fn link_verified_script(vm: &mut Vm, script: &CompiledScript) -> CodeId {
    let linked_script = Rc::new(LinkedScript {
        file_name: script.file_name.clone(),
        source: script.source.clone(),
    });
    link_function(vm, &script.top_level, &linked_script)
}

/// Links one function template and (recursively) its nested templates. Recursion depth is
/// bounded by the compiler's own nesting limit.
pub fn link_function(
    vm: &mut Vm,
    template: &Rc<FunctionTemplate>,
    script: &Rc<LinkedScript>,
) -> CodeId {
    let mut constants = Vec::with_capacity(template.constants.len());
    for constant in template.constants.iter() {
        let linked = match constant {
            Constant::Number(number) => LinkedConstant::Value(Value::Number(*number)),
            Constant::String(text) => LinkedConstant::Value(Value::String(vm.new_string(text))),
            Constant::Utf16String(units) => {
                let string = vm.alloc_string(JsString::from_utf16(units));
                LinkedConstant::Value(Value::String(string))
            }
            Constant::BigInt(digits) => LinkedConstant::Value(link_bigint(vm, digits)),
            Constant::Name(name) => LinkedConstant::Key(vm.property_key_from_str(name)),
            Constant::Function(nested) => {
                LinkedConstant::Function(link_function(vm, nested, script))
            }
            Constant::TemplateObject(descriptor) => LinkedConstant::TemplateObject {
                descriptor: descriptor.clone(),
                cached: Cell::new(None),
            },
            Constant::RegExp { pattern, flags } => {
                let pattern = vm.new_string(pattern);
                let flags = vm.new_string(flags);
                LinkedConstant::RegExp {
                    pattern,
                    flags,
                    compiled: std::cell::OnceCell::new(),
                }
            }
            Constant::EvalSite(site) => LinkedConstant::EvalSite(site.clone()),
        };
        constants.push(linked);
    }
    let inline_caches: Box<[InlineCacheSite]> = template
        .ic_sites
        .iter()
        .map(|site| {
            let key = match constants.get(usize::from(site.key)) {
                Some(LinkedConstant::Key(key)) => *key,
                // The verifier guarantees IC keys are names; an empty-name atom is a harmless
                // fallback for unverified input.
                _ => PropertyKey::Atom(crate::atom::atoms::EMPTY),
            };
            InlineCacheSite::new(key, site.kind)
        })
        .collect();
    let name = vm.new_string(&template.name);
    let id = CodeId(vm.interpreter.function_count() as u32);
    let linked = LinkedFunction {
        id,
        template: template.clone(),
        code: template.instructions.clone(),
        constant_values: constants
            .iter()
            .map(|constant| match constant {
                LinkedConstant::Value(value) => *value,
                _ => Value::Undefined,
            })
            .collect(),
        constants: constants.into_boxed_slice(),
        inline_caches,
        name,
        flags: template.flags,
        param_count: template.param_count,
        register_count: template.register_count.max(1),
        script: script.clone(),
        construct_slot_hint: Cell::new(0),
        plain_call_realm: if has_plain_call_prologue(template.flags) {
            vm.current_realm
        } else {
            RealmId::NONE
        },
        coerces_this_only_realm: if !has_plain_call_prologue(template.flags)
            && has_plain_call_prologue(FunctionFlags(
                template.flags.0 & !FunctionFlags::USES_THIS.0,
            )) {
            vm.current_realm
        } else {
            RealmId::NONE
        },
    };
    vm.interpreter.push_function(linked);
    id
}

/// Whether [[Call]] of a function with these flags needs only the register fill.
fn has_plain_call_prologue(flags: FunctionFlags) -> bool {
    let special = FunctionFlags::CLASS_CONSTRUCTOR.0
        | FunctionFlags::USES_ARGUMENTS.0
        | FunctionFlags::HAS_REST.0
        | FunctionFlags::GENERATOR.0
        | FunctionFlags::ASYNC.0;
    let coerces_this = flags.contains(FunctionFlags::USES_THIS)
        && !flags.contains(FunctionFlags::STRICT)
        && !flags.contains(FunctionFlags::ARROW);
    flags.0 & special == 0 && !coerces_this
}

/// Parses a BigInt literal's digits (with its radix prefix, numeric separators already
/// removed or skipped here). A literal beyond the BigInt size limit becomes 0n; the lexer's
/// literals are source text, so such a literal would need megabytes of digits.
fn link_bigint(vm: &mut Vm, digits: &str) -> Value {
    // The literal keeps its radix prefix (`0x`, `0o`, `0b`); decimal literals have none.
    let (radix, body) = match digits.get(..2) {
        Some("0x" | "0X") => (16, &digits[2..]),
        Some("0o" | "0O") => (8, &digits[2..]),
        Some("0b" | "0B") => (2, &digits[2..]),
        _ => (10, digits),
    };
    let clean: String = body
        .chars()
        .filter(|character| character.is_digit(radix))
        .collect();
    let value = BigInt::parse_digits(&clean, radix).unwrap_or_else(|| BigInt::from_i128(0));
    vm.heap
        .accounting
        .note_allocation(std::mem::size_of::<BigInt>());
    Value::BigInt(vm.heap.bigints.allocate(value))
}
