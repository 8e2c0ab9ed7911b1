//! Objects: a shape plus slots, dense elements, a prototype link, and a kind.
//!
//! Layout (see [`Object`]):
//! - Named properties (and any index property that cannot live in `elements`) are described
//!   by the shape and stored in `slots`.
//! - `elements` holds the dense indexed properties `0 .. elements.len()` of ANY object (arrays
//!   and ordinary objects alike). Every element there is a plain data property with default
//!   attributes (writable, enumerable, configurable); `Value::Hole` means "no such property".
//!   An index whose property has other attributes, or which is far beyond the dense range,
//!   lives in the shape as `PropertyKey::Index` instead. An index is never in both places.
//! - Arrays keep their `length` in [`ArrayData`]; `elements.len() <= length` always.
//! - `kind` carries the internal slots of exotic and built-in objects.
//!
//! Performance decisions: variants with large payloads are boxed so `ObjectKind` (and every
//! object) stays small; the hot kinds (ordinary, array, closure) are unboxed.

use regress::Regex;
use tseval_gc::{Trace, Tracer};

use crate::elements::ElementVector;
use crate::function::{BoundFunctionData, ClosureData, NativeFunctionData};
use crate::realm::Vm;
use crate::value::{
    BigIntRef, EnvRef, JsResult, ObjectRef, ShapeId, StringRef, SymbolRef, Value, trace_values,
};

/// A heap object.
#[derive(Debug)]
pub struct Object {
    /// The hidden class describing `slots`.
    pub shape: ShapeId,
    /// `[[Prototype]]`.
    pub prototype: Option<ObjectRef>,
    /// Named property storage, laid out by `shape` (the first few inline, see [`SlotStorage`]).
    pub slots: SlotStorage,
    /// Dense indexed properties (`Value::Hole` = absent); one word (see [`ElementVector`]).
    pub elements: ElementVector,
    /// `[[Extensible]]`.
    pub extensible: bool,
    /// Set when an inline cache depends on this object's layout as a prototype; any layout
    /// change (add/delete/reconfigure/setPrototypeOf) then bumps `Vm::prototype_epoch`,
    /// invalidating every prototype-chain cache entry.
    pub guards_inline_caches: bool,
    /// Internal slots by kind.
    pub kind: ObjectKind,
}

impl Object {
    /// True for callable objects (functions of any kind).
    #[inline]
    pub fn is_callable(&self) -> bool {
        matches!(
            self.kind,
            ObjectKind::Closure(_) | ObjectKind::NativeFunction(_) | ObjectKind::BoundFunction(_)
        ) || matches!(&self.kind, ObjectKind::Proxy(proxy) if proxy.callable)
    }

    /// True for Proxy exotic objects (revoked or not).
    #[inline]
    pub fn is_proxy(&self) -> bool {
        matches!(self.kind, ObjectKind::Proxy(_))
    }

    /// True for arrays.
    #[inline]
    pub fn is_array(&self) -> bool {
        matches!(self.kind, ObjectKind::Array(_))
    }

    /// The array data, if this is an array.
    #[inline]
    pub fn array_data(&self) -> Option<&ArrayData> {
        match &self.kind {
            ObjectKind::Array(data) => Some(data),
            _ => None,
        }
    }
}

impl Trace for Object {
    /// Performance decision: ordinary objects and arrays (almost every marked object) skip
    /// the two matches over the kind (its trace and its size), and an empty element vector
    /// skips its loop; on stress-test.ts the kind's matches were ~12 M of the collector's
    /// 175 M instructions.
    fn trace(&self, tracer: &mut Tracer) {
        tracer.push(self.shape);
        if let Some(prototype) = self.prototype {
            tracer.push(prototype);
        }
        trace_values(&self.slots, tracer);
        if !self.elements.is_empty() {
            trace_values(&self.elements, tracer);
        }
        if !self.kind.has_no_references_or_payload() {
            self.kind.trace(tracer);
        }
    }

    /// Slot and element vectors by capacity (what malloc really holds), plus the kind's
    /// boxed payload. Capacities only: no walk, so marking stays cheap.
    #[inline]
    fn external_bytes(&self) -> usize {
        let vectors = (self.slots.spilled_capacity() + self.elements.capacity())
            * std::mem::size_of::<Value>();
        if self.kind.has_no_references_or_payload() {
            vectors
        } else {
            vectors + self.kind.external_bytes()
        }
    }
}

/// How many named-property slots an object stores inline, before they spill to a heap vector.
///
/// Performance decision (measured on stress-test.ts and realm setup, see docs/PERFORMANCE.md):
/// most objects have few named properties (a tree node's `left, right, value`, a record's
/// three fields, every function's `length, name` and a closure's `prototype`), and a separate
/// slot vector cost a heap block per object: 48 bytes plus malloc's header for three slots,
/// and one allocation per closure or `new`. Three inline slots make [`SlotStorage`] 56 bytes
/// (the enum's tag hides in a `Value` tag niche) instead of a 24-byte `Vec` plus its block.
pub const INLINE_SLOT_COUNT: usize = 3;

/// The named-property slots of an object: up to [`INLINE_SLOT_COUNT`] values inline, or a heap
/// vector once an object needs more. It dereferences to a slice, so slot reads and writes are
/// `slots[index]` either way; only growth (`resize`) and shrinking (`truncate`) are methods.
///
/// Performance decision: slots are reached only through `Deref`/`DerefMut`; inherent
/// `get`/`get_mut`/`len`/`Index` accessors (tried after the first inline-slot commit) changed
/// how LLVM allocated registers in `dispatch::run` and cost fib.js instructions, so they were
/// removed again (callgrind figures in docs/PERFORMANCE.md, "Interpreter speed").
#[derive(Clone, Debug)]
pub struct SlotStorage(SlotRepresentation);

#[derive(Clone, Debug)]
enum SlotRepresentation {
    /// `values[..length]` are the slots; the rest is `Undefined` padding.
    Inline {
        length: u32,
        values: [Value; INLINE_SLOT_COUNT],
    },
    /// More slots than fit inline (an object that once spilled stays spilled).
    Spilled(Vec<Value>),
}

impl Default for SlotStorage {
    fn default() -> Self {
        SlotStorage::new()
    }
}

impl SlotStorage {
    /// No slots (allocates nothing).
    #[inline]
    pub const fn new() -> SlotStorage {
        SlotStorage(SlotRepresentation::Inline {
            length: 0,
            values: [Value::Undefined; INLINE_SLOT_COUNT],
        })
    }

    /// No slots yet, with room for `capacity` before growing (inline when it fits).
    #[inline]
    pub fn with_capacity(capacity: usize) -> SlotStorage {
        if capacity <= INLINE_SLOT_COUNT {
            SlotStorage::new()
        } else {
            SlotStorage(SlotRepresentation::Spilled(Vec::with_capacity(capacity)))
        }
    }

    /// `count` slots, all holding `value`.
    #[inline]
    pub fn filled(count: usize, value: Value) -> SlotStorage {
        let mut storage = SlotStorage::with_capacity(count);
        storage.resize(count, value);
        storage
    }

    /// The given values as slots.
    #[inline]
    pub fn from_slice(values: &[Value]) -> SlotStorage {
        let mut storage = SlotStorage::filled(values.len(), Value::Undefined);
        storage.copy_from_slice(values);
        storage
    }

    /// Capacity of the heap vector (0 while the slots are inline), for the GC's size estimate.
    #[inline]
    pub fn spilled_capacity(&self) -> usize {
        match &self.0 {
            SlotRepresentation::Inline { .. } => 0,
            SlotRepresentation::Spilled(vector) => vector.capacity(),
        }
    }

    /// Grows or shrinks to `new_length` slots, filling new ones with `value`; spills to the
    /// heap when the inline room is exceeded.
    pub fn resize(&mut self, new_length: usize, value: Value) {
        match &mut self.0 {
            SlotRepresentation::Inline { length, values } if new_length <= INLINE_SLOT_COUNT => {
                for slot in values.iter_mut().take(new_length).skip(*length as usize) {
                    *slot = value;
                }
                for slot in values.iter_mut().skip(new_length) {
                    *slot = Value::Undefined;
                }
                *length = new_length as u32;
            }
            SlotRepresentation::Inline { length, values } => {
                let mut vector = Vec::with_capacity(new_length);
                vector.extend_from_slice(&values[..*length as usize]);
                vector.resize(new_length, value);
                self.0 = SlotRepresentation::Spilled(vector);
            }
            SlotRepresentation::Spilled(vector) => vector.resize(new_length, value),
        }
    }

    /// Drops the slots from `new_length` on (no-op when already shorter).
    pub fn truncate(&mut self, new_length: usize) {
        if new_length < self.len() {
            self.resize(new_length, Value::Undefined);
        }
    }
}

impl std::ops::Deref for SlotStorage {
    type Target = [Value];

    #[inline]
    fn deref(&self) -> &[Value] {
        match &self.0 {
            SlotRepresentation::Inline { length, values } => &values[..*length as usize],
            SlotRepresentation::Spilled(vector) => vector,
        }
    }
}

impl std::ops::DerefMut for SlotStorage {
    #[inline]
    fn deref_mut(&mut self) -> &mut [Value] {
        match &mut self.0 {
            SlotRepresentation::Inline { length, values } => &mut values[..*length as usize],
            SlotRepresentation::Spilled(vector) => vector,
        }
    }
}

const _: () = assert!(std::mem::size_of::<SlotStorage>() == 56);
// Object layout (docs/PERFORMANCE.md, "Smaller objects"): shape 4 + prototype 8 + two flags
// + slots 56 + elements 8 + kind 16 = 94 bytes, padded to 96 (120 before the one-word element
// vector and the 16-byte `ObjectKind`). Two bytes of padding remain for further flags.
const _: () = assert!(std::mem::size_of::<ObjectKind>() == 16);
const _: () = assert!(std::mem::size_of::<Object>() == 96);
const _: () = assert!(std::mem::size_of::<Option<Object>>() == 96);

/// Array internal state.
#[derive(Clone, Copy, Debug)]
pub struct ArrayData {
    /// The `length` property value.
    pub length: u32,
    /// Whether `length` is writable (false after `Object.freeze` or a defineProperty).
    pub length_writable: bool,
}

/// What an iterator over a collection yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IterationKind {
    /// Keys (indices for arrays).
    Keys,
    /// Values.
    Values,
    /// `[key, value]` pairs.
    Entries,
}

/// The stored `iterated` handle of an exhausted Array, Map or Set iterator.
///
/// Performance decision: an `Option<ObjectRef>` takes 8 bytes, which made the iterator
/// states 16 bytes and `ObjectKind` 24; a plain handle with `u32::MAX` (an index no arena
/// hands out) for "exhausted" keeps them at 12, so `ObjectKind` fits in 16 (see
/// [`ObjectKind`] and docs/PERFORMANCE.md, "Smaller objects").
const EXHAUSTED_ITERATOR: ObjectRef = ObjectRef(u32::MAX);

/// State of an Array Iterator (`[].values()`, `for-of` over arrays and typed sequences).
#[derive(Clone, Copy, Debug)]
pub struct ArrayIteratorData {
    /// The iterated object, or [`EXHAUSTED_ITERATOR`]; read through
    /// [`ArrayIteratorData::iterated`].
    iterated: ObjectRef,
    /// The next index.
    pub next_index: u32,
    /// What to yield.
    pub kind: IterationKind,
}

impl ArrayIteratorData {
    /// A fresh iterator over `iterated`.
    #[inline]
    pub fn new(iterated: ObjectRef, kind: IterationKind) -> ArrayIteratorData {
        ArrayIteratorData {
            iterated,
            next_index: 0,
            kind,
        }
    }

    /// The iterated object, or `None` once exhausted.
    #[inline]
    pub fn iterated(&self) -> Option<ObjectRef> {
        (self.iterated != EXHAUSTED_ITERATOR).then_some(self.iterated)
    }

    /// Marks the iterator exhausted (it no longer refers to the iterated object).
    #[inline]
    pub fn finish(&mut self) {
        self.iterated = EXHAUSTED_ITERATOR;
    }
}

/// State of a Map or Set iterator.
#[derive(Clone, Copy, Debug)]
pub struct CollectionIteratorData {
    /// The iterated Map/Set, or [`EXHAUSTED_ITERATOR`]; read through
    /// [`CollectionIteratorData::iterated`].
    iterated: ObjectRef,
    /// The next entry position in the map's entry list.
    pub position: u32,
    /// What to yield.
    pub kind: IterationKind,
}

impl CollectionIteratorData {
    /// A fresh iterator over the Map or Set `iterated`.
    #[inline]
    pub fn new(iterated: ObjectRef, kind: IterationKind) -> CollectionIteratorData {
        CollectionIteratorData {
            iterated,
            position: 0,
            kind,
        }
    }

    /// The iterated Map or Set, or `None` once exhausted.
    #[inline]
    pub fn iterated(&self) -> Option<ObjectRef> {
        (self.iterated != EXHAUSTED_ITERATOR).then_some(self.iterated)
    }

    /// Marks the iterator exhausted (it no longer refers to the collection).
    #[inline]
    pub fn finish(&mut self) {
        self.iterated = EXHAUSTED_ITERATOR;
    }
}

/// State of a String Iterator (iterates code points).
#[derive(Clone, Copy, Debug)]
pub struct StringIteratorData {
    /// The iterated string, or `None` once exhausted.
    pub iterated: Option<StringRef>,
    /// The next code-unit position.
    pub position: u32,
}

/// State of a `for-in` enumeration: the keys are snapshotted when the loop starts, and each
/// key is re-checked (still present?) when it is reached, as engines commonly do.
#[derive(Clone, Debug)]
pub struct ForInIteratorData {
    /// The object being enumerated (its own and inherited enumerable string keys).
    pub object: ObjectRef,
    /// Keys as string values, in enumeration order.
    pub keys: Vec<Value>,
    /// The next position in `keys`.
    pub position: usize,
}

/// RegExp internal slots.
#[derive(Debug)]
pub struct RegExpData {
    /// The compiled matcher (shared by the objects of one regular-expression literal).
    pub matcher: std::rc::Rc<Regex>,
    /// `[[OriginalSource]]`.
    pub source: StringRef,
    /// `[[OriginalFlags]]`.
    pub flags: StringRef,
    /// `[[LegacyFeaturesEnabled]]` (Annex B legacy RegExp features): true when %RegExp% of
    /// this realm created the object itself, false for subclass instances.
    pub legacy_features_enabled: bool,
}

/// Promise states.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PromiseState {
    /// Not settled yet.
    Pending,
    /// Fulfilled with `result`.
    Fulfilled,
    /// Rejected with `result`.
    Rejected,
}

/// Promise internal slots. The logic lives in the built-ins.
#[derive(Clone, Debug)]
pub struct PromiseData {
    /// `[[PromiseState]]`.
    pub state: PromiseState,
    /// `[[PromiseResult]]`.
    pub result: Value,
    /// `[[PromiseFulfillReactions]]` and `[[PromiseRejectReactions]]`, which always grow
    /// together (PerformPromiseThen appends one of each): one entry per pair.
    pub reactions: Vec<PromiseReaction>,
    /// `[[PromiseIsHandled]]`.
    pub is_handled: bool,
}

/// One PerformPromiseThen's pair of reactions on a pending promise.
#[derive(Clone, Copy, Debug)]
pub enum PromiseReaction {
    /// The PromiseReaction records of a `then` (internal record objects read by the promise
    /// reaction job): one for fulfilment, one for rejection.
    Records {
        /// The fulfil reaction record.
        fulfill: Value,
        /// The reject reaction record.
        reject: Value,
    },
    /// A `then` whose result promise is a plain %Promise% made for it: the job calls the
    /// handler (undefined passes the value through) and resolves or rejects `result`
    /// directly. The capability's resolving functions and the two reaction records are not
    /// created: nothing else can reach them (the executor is built in), so they are
    /// unobservable, and each `then` costs one promise instead of eight objects.
    Then {
        /// The promise `then` returned.
        result: ObjectRef,
        /// The fulfilment handler, or undefined.
        on_fulfilled: Value,
        /// The rejection handler, or undefined.
        on_rejected: Value,
    },
    /// A built-in continuation with no result capability and no handler function objects:
    /// the settlement enqueues `on_fulfilled` or `on_rejected` as an internal job with
    /// `[data, value, undefined]`. `await` uses this (its onFulfilled/onRejected closures
    /// are not observable), so an `await` allocates no function objects.
    Internal {
        /// The continuation's state (an async function's or generator's state object).
        data: Value,
        /// The job run when the promise fulfils.
        on_fulfilled: crate::realm::InternalJob,
        /// The job run when the promise rejects.
        on_rejected: crate::realm::InternalJob,
    },
}

impl PromiseReaction {
    /// The values this reaction keeps alive.
    fn trace(&self, tracer: &mut Tracer) {
        match self {
            PromiseReaction::Records { fulfill, reject } => {
                fulfill.trace(tracer);
                reject.trace(tracer);
            }
            PromiseReaction::Then {
                result,
                on_fulfilled,
                on_rejected,
            } => {
                tracer.push(*result);
                on_fulfilled.trace(tracer);
                on_rejected.trace(tracer);
            }
            PromiseReaction::Internal { data, .. } => data.trace(tracer),
        }
    }
}

/// Proxy internal slots. `target` and `handler` become `None` when the proxy is revoked.
#[derive(Clone, Copy, Debug)]
pub struct ProxyData {
    /// `[[ProxyTarget]]`.
    pub target: Option<ObjectRef>,
    /// `[[ProxyHandler]]`.
    pub handler: Option<ObjectRef>,
    /// The target was callable at creation (the proxy has a [[Call]]).
    pub callable: bool,
    /// The target was a constructor at creation (the proxy has a [[Construct]]).
    pub constructor: bool,
}

/// The kind of an object and its internal slots.
#[derive(Debug)]
pub enum ObjectKind {
    /// A plain object.
    Ordinary,
    /// An Array exotic object.
    Array(ArrayData),
    /// A bytecode function (closure).
    Closure(ClosureData),
    /// A function implemented in Rust.
    NativeFunction(Box<NativeFunctionData>),
    /// The result of `Function.prototype.bind`.
    BoundFunction(Box<BoundFunctionData>),
    /// An object with `[[ErrorData]]` (instances of Error and its subclasses).
    Error,
    /// `new Boolean(x)`.
    BooleanWrapper(bool),
    /// `new Number(x)`.
    NumberWrapper(f64),
    /// `new String(x)` (index and `length` properties are virtual).
    StringWrapper(StringRef),
    /// `Object(symbol)`.
    SymbolWrapper(SymbolRef),
    /// `Object(bigint)`.
    BigIntWrapper(BigIntRef),
    /// An unmapped `arguments` object (elements hold the values).
    Arguments,
    /// A mapped `arguments` object: mapped indices are the parameters' environment slots
    /// (see `arguments.rs`); the other indices are ordinary properties.
    MappedArguments(Box<crate::arguments::ParameterMap>),
    /// A Map.
    Map(Box<OrderedMap>),
    /// A Set (values are stored as keys; the map value is unused).
    Set(Box<OrderedMap>),
    /// A Date with its time value (NaN for invalid dates).
    Date(f64),
    /// A RegExp.
    RegExp(Box<RegExpData>),
    /// An Array Iterator.
    ArrayIterator(ArrayIteratorData),
    /// A Map Iterator.
    MapIterator(CollectionIteratorData),
    /// A Set Iterator.
    SetIterator(CollectionIteratorData),
    /// A String Iterator.
    StringIterator(StringIteratorData),
    /// A `for-in` key iterator (internal; never exposed to JS).
    ForInIterator(Box<ForInIteratorData>),
    /// A Promise.
    Promise(Box<PromiseData>),
    /// An ArrayBuffer or SharedArrayBuffer (its byte storage).
    ArrayBuffer(Box<ArrayBufferData>),
    /// An integer-indexed exotic object (Int8Array ... BigUint64Array). Boxed: its 13 bytes of
    /// state would make every `ObjectKind` 24 bytes instead of 16.
    TypedArray(Box<TypedArrayData>),
    /// A DataView.
    DataView(DataViewData),
    /// A Proxy exotic object. Its own storage is always empty and its `prototype` field is
    /// always `None`, so the property fast paths (which only fall back at the end of a
    /// prototype chain) stay correct without testing for proxies.
    Proxy(Box<ProxyData>),
    /// An object with internal slots described by `ObjectKind::Internal` data: the
    /// built-in iterator helpers, wrappers and weak references keep their state here.
    Internal(Box<InternalData>),
    /// A module namespace exotic object (the id of its module; the exports live in the
    /// module record).
    ModuleNamespace(u32),
    /// Internal (never exposed to JavaScript): the target of a module import binding, a slot
    /// of the exporting module's environment.
    ModuleBinding {
        /// The exporting module's environment.
        env: EnvRef,
        /// The slot of the exported binding.
        slot: u32,
    },
}

/// The largest byte length of an ArrayBuffer this engine allocates (or lets a resizable
/// buffer grow to); anything longer is a RangeError, never an attempted huge allocation.
/// It also keeps every byte offset and element count of a view within `u32`.
pub const MAX_ARRAY_BUFFER_BYTE_LENGTH: usize = 0x7FFF_FFFF;

/// The `length` (or `byte_length`) of a view that tracks its resizable buffer's length.
pub const LENGTH_TRACKING: u32 = u32::MAX;

/// Internal slots of an ArrayBuffer or SharedArrayBuffer.
#[derive(Debug)]
pub struct ArrayBufferData {
    /// `[[ArrayBufferData]]`: the bytes (empty once detached).
    pub bytes: Vec<u8>,
    /// True once detached (`[[ArrayBufferData]]` is null).
    pub detached: bool,
    /// `[[ArrayBufferMaxByteLength]]` for resizable/growable buffers, `None` for fixed ones.
    pub max_byte_length: Option<usize>,
    /// True for a SharedArrayBuffer.
    pub shared: bool,
}

/// The element types of typed arrays (and of DataView accessors), in the order of
/// `ElementType::ALL`, which is also the order of the realm's typed array intrinsics.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ElementType {
    /// Int8Array.
    Int8,
    /// Uint8Array.
    Uint8,
    /// Uint8ClampedArray.
    Uint8Clamped,
    /// Int16Array.
    Int16,
    /// Uint16Array.
    Uint16,
    /// Int32Array.
    Int32,
    /// Uint32Array.
    Uint32,
    /// Float32Array.
    Float32,
    /// Float64Array.
    Float64,
    /// BigInt64Array.
    BigInt64,
    /// BigUint64Array.
    BigUint64,
    /// Float16Array (IEEE 754 binary16).
    Float16,
}

impl ElementType {
    /// Every element type, in intrinsic order.
    pub const ALL: [ElementType; 12] = [
        ElementType::Int8,
        ElementType::Uint8,
        ElementType::Uint8Clamped,
        ElementType::Int16,
        ElementType::Uint16,
        ElementType::Int32,
        ElementType::Uint32,
        ElementType::Float32,
        ElementType::Float64,
        ElementType::BigInt64,
        ElementType::BigUint64,
        ElementType::Float16,
    ];

    /// The element size in bytes.
    #[inline]
    pub fn size(self) -> usize {
        match self {
            ElementType::Int8 | ElementType::Uint8 | ElementType::Uint8Clamped => 1,
            ElementType::Int16 | ElementType::Uint16 | ElementType::Float16 => 2,
            ElementType::Int32 | ElementType::Uint32 | ElementType::Float32 => 4,
            ElementType::Float64 | ElementType::BigInt64 | ElementType::BigUint64 => 8,
        }
    }

    /// True for the BigInt element types (`[[ContentType]]` is BigInt).
    #[inline]
    pub fn is_bigint(self) -> bool {
        matches!(self, ElementType::BigInt64 | ElementType::BigUint64)
    }

    /// The position of this type in [`ElementType::ALL`].
    #[inline]
    pub fn index(self) -> usize {
        self as usize
    }

    /// The constructor name (`[[TypedArrayName]]`).
    pub fn constructor_name(self) -> &'static str {
        match self {
            ElementType::Int8 => "Int8Array",
            ElementType::Uint8 => "Uint8Array",
            ElementType::Uint8Clamped => "Uint8ClampedArray",
            ElementType::Int16 => "Int16Array",
            ElementType::Uint16 => "Uint16Array",
            ElementType::Int32 => "Int32Array",
            ElementType::Uint32 => "Uint32Array",
            ElementType::Float32 => "Float32Array",
            ElementType::Float64 => "Float64Array",
            ElementType::BigInt64 => "BigInt64Array",
            ElementType::BigUint64 => "BigUint64Array",
            ElementType::Float16 => "Float16Array",
        }
    }
}

/// Internal slots of a typed array.
#[derive(Clone, Copy, Debug)]
pub struct TypedArrayData {
    /// `[[ViewedArrayBuffer]]`.
    pub buffer: ObjectRef,
    /// `[[TypedArrayName]]` / `[[ContentType]]` / element size.
    pub element_type: ElementType,
    /// `[[ByteOffset]]`.
    pub byte_offset: u32,
    /// `[[ArrayLength]]`, or [`LENGTH_TRACKING`] for `auto`.
    pub length: u32,
}

/// Internal slots of a DataView.
#[derive(Clone, Copy, Debug)]
pub struct DataViewData {
    /// `[[ViewedArrayBuffer]]`.
    pub buffer: ObjectRef,
    /// `[[ByteOffset]]`.
    pub byte_offset: u32,
    /// `[[ByteLength]]`, or [`LENGTH_TRACKING`] for `auto`.
    pub byte_length: u32,
}

/// State of built-in objects whose internal slots are a handful of values: iterator helpers
/// (%IteratorHelperPrototype% objects), %WrapForValidIteratorPrototype% objects, WeakRef and
/// FinalizationRegistry. `tag` identifies the kind; `values` holds the slots (all traced).
#[derive(Clone, Debug)]
pub struct InternalData {
    /// What kind of built-in object this is.
    pub tag: InternalTag,
    /// The internal slots (traced).
    pub values: Vec<Value>,
    /// Small integer state (counters, stage of a state machine).
    pub counter: f64,
    /// A second piece of integer state.
    pub state: u32,
}

/// The kinds of objects stored as [`ObjectKind::Internal`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InternalTag {
    /// An Iterator Helper object of the given operation.
    IteratorHelper(IteratorHelperKind),
    /// A %WrapForValidIteratorPrototype% object: `values = [iterator, next method]`.
    WrappedIterator,
    /// A WeakRef: `values = [target]`.
    WeakRef,
    /// A FinalizationRegistry: `values = [cleanup callback]`.
    FinalizationRegistry,
    /// A TextEncoder (no state).
    TextEncoder,
    /// A TextDecoder: `counter` holds its flags (see `builtins::web`).
    TextDecoder,
    /// A resource list of explicit resource management (see `builtins::disposable`):
    /// `values` holds (value, dispose method, hint) triples, `state` is 1 once disposed.
    Disposable(crate::builtins::disposable::DisposableKind),
    /// An Intl service object: `values = [bound function, name, value, ...]`
    /// (see `builtins::intl`).
    Intl(crate::builtins::intl::IntlKind),
}

/// Which Iterator.prototype method created an Iterator Helper object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IteratorHelperKind {
    /// `map(mapper)`.
    Map,
    /// `filter(predicate)`.
    Filter,
    /// `take(limit)`.
    Take,
    /// `drop(limit)`.
    Drop,
    /// `flatMap(mapper)`.
    FlatMap,
    /// `Iterator.concat(...iterables)`.
    Concat,
    /// `Iterator.zip(iterables, options)` and `Iterator.zipKeyed(iterables, options)` (see
    /// `builtins::iterator_zip` for the layout of `values`).
    Zip,
}

impl ObjectKind {
    /// True for the kinds whose internal slots hold no heap reference and own no heap
    /// block (ordinary objects and arrays, whose elements live in the object), so the
    /// collector can skip [`ObjectKind::trace`] and [`ObjectKind::external_bytes`].
    #[inline(always)]
    fn has_no_references_or_payload(&self) -> bool {
        matches!(self, ObjectKind::Ordinary | ObjectKind::Array(_))
    }

    /// Approximate bytes owned by the kind's boxed payload (for the GC's live-size estimate).
    fn external_bytes(&self) -> usize {
        const VALUE: usize = std::mem::size_of::<Value>();
        match self {
            ObjectKind::NativeFunction(_) => std::mem::size_of::<NativeFunctionData>(),
            ObjectKind::BoundFunction(bound) => {
                std::mem::size_of::<BoundFunctionData>() + bound.bound_arguments.len() * VALUE
            }
            // Each entry is a key/value pair plus (about) one bucket position.
            ObjectKind::Map(map) | ObjectKind::Set(map) => {
                std::mem::size_of::<OrderedMap>() + map.entries.capacity() * (2 * VALUE + 16)
            }
            ObjectKind::RegExp(_) => std::mem::size_of::<RegExpData>() + 256,
            ObjectKind::ForInIterator(iterator) => {
                std::mem::size_of::<ForInIteratorData>() + iterator.keys.capacity() * VALUE
            }
            ObjectKind::ArrayBuffer(buffer) => {
                std::mem::size_of::<ArrayBufferData>() + buffer.bytes.capacity()
            }
            ObjectKind::Promise(promise) => {
                std::mem::size_of::<PromiseData>()
                    + promise.reactions.capacity() * std::mem::size_of::<PromiseReaction>()
            }
            ObjectKind::Proxy(_) => std::mem::size_of::<ProxyData>(),
            ObjectKind::Internal(internal) => {
                std::mem::size_of::<InternalData>() + internal.values.capacity() * VALUE
            }
            _ => 0,
        }
    }

    fn trace(&self, tracer: &mut Tracer) {
        match self {
            ObjectKind::Ordinary
            | ObjectKind::Array(_)
            | ObjectKind::Error
            | ObjectKind::BooleanWrapper(_)
            | ObjectKind::NumberWrapper(_)
            | ObjectKind::Arguments
            | ObjectKind::Date(_) => {}
            ObjectKind::Closure(closure) => closure.trace(tracer),
            ObjectKind::NativeFunction(native) => native.trace(tracer),
            ObjectKind::BoundFunction(bound) => bound.trace(tracer),
            ObjectKind::StringWrapper(string) => tracer.push(*string),
            ObjectKind::SymbolWrapper(symbol) => tracer.push(*symbol),
            ObjectKind::BigIntWrapper(bigint) => tracer.push(*bigint),
            ObjectKind::Map(map) | ObjectKind::Set(map) => map.trace(tracer),
            ObjectKind::RegExp(regexp) => {
                tracer.push(regexp.source);
                tracer.push(regexp.flags);
            }
            ObjectKind::ArrayIterator(iterator) => {
                if let Some(iterated) = iterator.iterated() {
                    tracer.push(iterated);
                }
            }
            ObjectKind::MapIterator(iterator) | ObjectKind::SetIterator(iterator) => {
                if let Some(iterated) = iterator.iterated() {
                    tracer.push(iterated);
                }
            }
            ObjectKind::StringIterator(iterator) => {
                if let Some(iterated) = iterator.iterated {
                    tracer.push(iterated);
                }
            }
            ObjectKind::ForInIterator(iterator) => {
                tracer.push(iterator.object);
                trace_values(&iterator.keys, tracer);
            }
            ObjectKind::ModuleNamespace(_) => {}
            ObjectKind::ModuleBinding { env, .. } => tracer.push(*env),
            ObjectKind::MappedArguments(map) => tracer.push(map.env),
            ObjectKind::Promise(promise) => {
                promise.result.trace(tracer);
                for reaction in &promise.reactions {
                    reaction.trace(tracer);
                }
            }
            ObjectKind::ArrayBuffer(_) => {}
            ObjectKind::TypedArray(view) => tracer.push(view.buffer),
            ObjectKind::DataView(view) => tracer.push(view.buffer),
            ObjectKind::Proxy(proxy) => {
                if let Some(target) = proxy.target {
                    tracer.push(target);
                }
                if let Some(handler) = proxy.handler {
                    tracer.push(handler);
                }
            }
            ObjectKind::Internal(internal) => trace_values(&internal.values, tracer),
        }
    }
}

/// A normalised Map/Set key for hashing under SameValueZero. Strings hash by content (the
/// content comparison is done by the caller, who has access to the string arena).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MapKeyHash {
    /// undefined, null, booleans.
    Simple(u8),
    /// Numbers by bit pattern after normalising -0 to +0 and every NaN to one NaN.
    Number(u64),
    /// Strings by content hash.
    String(u32),
    /// Symbols by identity.
    Symbol(u32),
    /// Objects by identity.
    Object(u32),
    /// BigInts by value hash.
    BigInt(u64),
}

/// An insertion-ordered hash map with SameValueZero keys, for Map and Set.
///
/// Deleted entries leave tombstones so live iterators (which hold a position) keep working;
/// the entry list is compacted only when no iteration was ever started on this map (a
/// conservative rule; see `iteration_started`).
///
/// Performance decision (callgrind on `map.set(i, v)` loops): entries with the same hash are
/// chained through `next_with_same_hash` instead of a `Vec` of positions per hash, so an
/// insertion allocates nothing beyond the amortised growth of three vectors and the table.
#[derive(Debug, Default)]
pub struct OrderedMap {
    /// Entries in insertion order; `None` is a deleted entry.
    entries: Vec<Option<(Value, Value)>>,
    /// For each live entry, the position of the next live entry with the same hash (inserted
    /// earlier), or [`NO_ENTRY`]; index-aligned with `entries`.
    next_with_same_hash: Vec<u32>,
    /// Hash -> position of the newest live entry with that hash (the head of its chain).
    buckets: rustc_hash::FxHashMap<MapKeyHash, u32>,
    live: usize,
    /// Set by iterators and `forEach`; disables compaction (positions must stay stable).
    pub iteration_started: bool,
    /// True for the storage of a WeakMap or WeakSet (the brand that tells them apart from a
    /// Map or Set, which share the object kind).
    pub weak: bool,
}

impl OrderedMap {
    /// An empty map.
    pub fn new() -> OrderedMap {
        OrderedMap::default()
    }

    /// Number of live entries (`size`).
    pub fn len(&self) -> usize {
        self.live
    }

    /// True when no entry is live.
    pub fn is_empty(&self) -> bool {
        self.live == 0
    }

    /// Length of the entry list including tombstones (the iteration bound).
    pub fn entry_list_len(&self) -> usize {
        self.entries.len()
    }

    /// The entry at a position, or `None` for tombstones/out of range.
    pub fn entry_at(&self, position: usize) -> Option<(Value, Value)> {
        self.entries.get(position).copied().flatten()
    }

    /// Finds the position of a key. `same_key(stored)` decides equality for candidates with
    /// the same hash (content comparison for strings).
    pub fn find(&self, hash: MapKeyHash, mut same_key: impl FnMut(Value) -> bool) -> Option<usize> {
        let mut position = *self.buckets.get(&hash)?;
        while position != NO_ENTRY {
            let index = position as usize;
            if self.entries[index].is_some_and(|(stored, _)| same_key(stored)) {
                return Some(index);
            }
            position = self.next_with_same_hash[index];
        }
        None
    }

    /// Sets the value of an existing position.
    pub fn set_value_at(&mut self, position: usize, value: Value) {
        if let Some(Some(entry)) = self.entries.get_mut(position) {
            entry.1 = value;
        }
    }

    /// Appends a new entry (the caller checked the key is absent).
    pub fn insert_new(&mut self, hash: MapKeyHash, key: Value, value: Value) {
        self.maybe_compact();
        let position = self.entries.len() as u32;
        self.entries.push(Some((key, value)));
        let head = self.buckets.entry(hash).or_insert(NO_ENTRY);
        self.next_with_same_hash.push(*head);
        *head = position;
        self.live += 1;
    }

    /// Removes the entry at a position (leaves a tombstone).
    pub fn remove_at(&mut self, hash: MapKeyHash, position: usize) {
        if self.entries.get(position).is_some_and(Option::is_some) {
            self.entries[position] = None;
            self.live -= 1;
            self.unlink(hash, position as u32);
        }
    }

    /// Takes `position` out of the chain of `hash` (chains are short: one entry per distinct
    /// key with that hash).
    fn unlink(&mut self, hash: MapKeyHash, position: u32) {
        let next = self.next_with_same_hash[position as usize];
        self.next_with_same_hash[position as usize] = NO_ENTRY;
        let Some(head) = self.buckets.get_mut(&hash) else {
            return;
        };
        if *head == position {
            if next == NO_ENTRY {
                self.buckets.remove(&hash);
            } else {
                *head = next;
            }
            return;
        }
        let mut previous = *head;
        while previous != NO_ENTRY {
            let following = self.next_with_same_hash[previous as usize];
            if following == position {
                self.next_with_same_hash[previous as usize] = next;
                return;
            }
            previous = following;
        }
    }

    /// Removes every entry (tombstones keep iterator positions meaningful).
    pub fn clear(&mut self) {
        for entry in &mut self.entries {
            *entry = None;
        }
        self.buckets.clear();
        self.next_with_same_hash.fill(NO_ENTRY);
        self.live = 0;
        if !self.iteration_started {
            self.entries.clear();
            self.next_with_same_hash.clear();
        }
    }

    fn maybe_compact(&mut self) {
        if self.iteration_started || self.entries.len() < 32 || self.live * 2 >= self.entries.len()
        {
            return;
        }
        // Renumber: rebuild entries and chains without tombstones. Hashes are not stored, so
        // the chains are rebuilt by remapping old positions (deleted entries were unlinked, so
        // every position a chain or bucket holds is live and has a new position).
        let mut new_position_of_old = vec![NO_ENTRY; self.entries.len()];
        let mut compacted = Vec::with_capacity(self.live);
        let mut compacted_chains = Vec::with_capacity(self.live);
        for (old, entry) in self.entries.iter().enumerate() {
            if let Some(entry) = entry {
                new_position_of_old[old] = compacted.len() as u32;
                compacted.push(Some(*entry));
                compacted_chains.push(self.next_with_same_hash[old]);
            }
        }
        let remap = |position: u32| {
            if position == NO_ENTRY {
                NO_ENTRY
            } else {
                new_position_of_old[position as usize]
            }
        };
        for next in compacted_chains.iter_mut() {
            *next = remap(*next);
        }
        for head in self.buckets.values_mut() {
            *head = remap(*head);
        }
        self.entries = compacted;
        self.next_with_same_hash = compacted_chains;
    }

    fn trace(&self, tracer: &mut Tracer) {
        for (key, value) in self.entries.iter().flatten() {
            key.trace(tracer);
            value.trace(tracer);
        }
    }
}

/// The end of a same-hash chain in [`OrderedMap`].
const NO_ENTRY: u32 = u32::MAX;

/// A property descriptor as used by `[[DefineOwnProperty]]` and `[[GetOwnProperty]]`.
/// Absent fields are `None`.
#[derive(Clone, Copy, Debug, Default)]
pub struct PropertyDescriptor {
    /// `[[Value]]`.
    pub value: Option<Value>,
    /// `[[Writable]]`.
    pub writable: Option<bool>,
    /// `[[Get]]` (`Value::Undefined` or a callable object).
    pub get: Option<Value>,
    /// `[[Set]]` (`Value::Undefined` or a callable object).
    pub set: Option<Value>,
    /// `[[Enumerable]]`.
    pub enumerable: Option<bool>,
    /// `[[Configurable]]`.
    pub configurable: Option<bool>,
}

impl PropertyDescriptor {
    /// A complete data descriptor.
    pub fn data(value: Value, writable: bool, enumerable: bool, configurable: bool) -> Self {
        PropertyDescriptor {
            value: Some(value),
            writable: Some(writable),
            get: None,
            set: None,
            enumerable: Some(enumerable),
            configurable: Some(configurable),
        }
    }

    /// A complete accessor descriptor.
    pub fn accessor(get: Value, set: Value, enumerable: bool, configurable: bool) -> Self {
        PropertyDescriptor {
            value: None,
            writable: None,
            get: Some(get),
            set: Some(set),
            enumerable: Some(enumerable),
            configurable: Some(configurable),
        }
    }

    /// IsAccessorDescriptor.
    pub fn is_accessor(&self) -> bool {
        self.get.is_some() || self.set.is_some()
    }

    /// IsDataDescriptor.
    pub fn is_data(&self) -> bool {
        self.value.is_some() || self.writable.is_some()
    }

    /// IsGenericDescriptor.
    pub fn is_generic(&self) -> bool {
        !self.is_accessor() && !self.is_data()
    }
}

impl Vm {
    /// Allocates an object with the given prototype and kind, using the empty root shape of
    /// its kind (arrays and string wrappers have their own roots, because they have virtual
    /// named properties that inline caches must never confuse with ordinary objects').
    #[inline]
    pub fn alloc_object(&mut self, prototype: Option<ObjectRef>, kind: ObjectKind) -> ObjectRef {
        let shape = match kind {
            ObjectKind::Array(_) => self.intrinsics.array_root_shape,
            ObjectKind::StringWrapper(_) => self.intrinsics.string_wrapper_root_shape,
            ObjectKind::Proxy(_) => self.intrinsics.proxy_root_shape,
            _ => self.intrinsics.root_shape,
        };
        self.alloc_object_with_shape(shape, prototype, kind, SlotStorage::new())
    }

    /// Allocates an object with a pre-built shape and matching slots (for closures and
    /// literals whose layout is known ahead of time: no transitions at creation).
    #[inline]
    pub fn alloc_object_with_shape(
        &mut self,
        shape: ShapeId,
        prototype: Option<ObjectRef>,
        kind: ObjectKind,
        slots: SlotStorage,
    ) -> ObjectRef {
        self.heap.accounting.note_allocation(
            std::mem::size_of::<Object>() + slots.spilled_capacity() * std::mem::size_of::<Value>(),
        );
        self.heap.objects.allocate(Object {
            shape,
            prototype,
            slots,
            elements: ElementVector::new(),
            extensible: true,
            guards_inline_caches: false,
            kind,
        })
    }

    /// A new ordinary object inheriting from %Object.prototype%.
    pub fn new_object(&mut self) -> ObjectRef {
        let prototype = self.intrinsics.object_prototype;
        self.alloc_object(Some(prototype), ObjectKind::Ordinary)
    }

    /// A new array inheriting from %Array.prototype% with the given elements (holes allowed).
    ///
    /// Takes a `Vec` (copied into the element block, see `crate::elements`) or an
    /// [`ElementVector`] (moved).
    pub fn new_array(&mut self, elements: impl Into<ElementVector>) -> ObjectRef {
        let elements = elements.into();
        let prototype = self.intrinsics.array_prototype;
        let length = elements.len() as u32;
        self.heap
            .accounting
            .note_extra_bytes(elements.capacity() * std::mem::size_of::<Value>());
        let shape = self.intrinsics.array_root_shape;
        let array = self.alloc_object_with_shape(
            shape,
            Some(prototype),
            ObjectKind::Array(ArrayData {
                length,
                length_writable: true,
            }),
            SlotStorage::new(),
        );
        self.object_mut(array).elements = elements;
        array
    }

    /// The object behind a handle.
    #[inline]
    pub fn object(&self, object: ObjectRef) -> &Object {
        self.heap.objects.get(object)
    }

    /// The object behind a handle, mutably.
    #[inline]
    pub fn object_mut(&mut self, object: ObjectRef) -> &mut Object {
        self.heap.objects.get_mut(object)
    }

    /// IsCallable.
    #[inline]
    pub fn is_callable(&self, value: Value) -> bool {
        match value {
            Value::Object(object) => self.object(object).is_callable(),
            _ => false,
        }
    }

    /// IsConstructor.
    pub fn is_constructor(&self, value: Value) -> bool {
        let Value::Object(object) = value else {
            return false;
        };
        match &self.object(object).kind {
            ObjectKind::Closure(closure) => closure.is_constructor,
            ObjectKind::NativeFunction(native) => native.is_constructor,
            ObjectKind::BoundFunction(bound) => self.is_constructor(Value::Object(bound.target)),
            ObjectKind::Proxy(proxy) => proxy.constructor,
            _ => false,
        }
    }

    /// IsArray without the revoked-proxy TypeError: arrays, and proxies whose (transitive)
    /// target is an array. A revoked proxy answers false here; [`Vm::is_array_checked`]
    /// throws instead.
    pub fn is_array(&self, value: Value) -> bool {
        let Value::Object(mut object) = value else {
            return false;
        };
        // Proxy chains are bounded by the native call depth when they are built through
        // `new Proxy`, but walk with a bound anyway.
        for _ in 0..100_000 {
            match &self.object(object).kind {
                ObjectKind::Array(_) => return true,
                ObjectKind::Proxy(proxy) => match proxy.target {
                    Some(target) => object = target,
                    None => return false,
                },
                _ => return false,
            }
        }
        false
    }

    /// IsArray(argument) as specified: a revoked proxy throws a TypeError.
    pub fn is_array_checked(&mut self, value: Value) -> JsResult<bool> {
        let Value::Object(mut object) = value else {
            return Ok(false);
        };
        for _ in 0..100_000 {
            match &self.object(object).kind {
                ObjectKind::Array(_) => return Ok(true),
                ObjectKind::Proxy(proxy) => match proxy.target {
                    Some(target) => object = target,
                    None => {
                        return self
                            .throw_type_error("Cannot perform 'IsArray' on a revoked proxy");
                    }
                },
                _ => return Ok(false),
            }
        }
        Ok(false)
    }

    /// `[[GetPrototypeOf]]`.
    #[inline]
    pub fn get_prototype_of(&mut self, object: ObjectRef) -> JsResult<Option<ObjectRef>> {
        let data = self.object(object);
        if data.is_proxy() {
            return self.proxy_get_prototype_of(object);
        }
        Ok(data.prototype)
    }

    /// `[[SetPrototypeOf]]`: returns false when not allowed (non-extensible or a cycle).
    pub fn set_prototype_of(
        &mut self,
        object: ObjectRef,
        prototype: Option<ObjectRef>,
    ) -> JsResult<bool> {
        if self.object(object).is_proxy() {
            return self.proxy_set_prototype_of(object, prototype);
        }
        let current = self.object(object).prototype;
        if current == prototype {
            return Ok(true);
        }
        if !self.object(object).extensible {
            return Ok(false);
        }
        let mut cursor = prototype;
        while let Some(ancestor) = cursor {
            if ancestor == object {
                return Ok(false);
            }
            // The cycle check stops at a proxy (its [[GetPrototypeOf]] is not ordinary).
            if self.object(ancestor).is_proxy() {
                break;
            }
            cursor = self.object(ancestor).prototype;
        }
        self.note_layout_change(object);
        self.object_mut(object).prototype = prototype;
        Ok(true)
    }

    /// `[[PreventExtensions]]`.
    pub fn prevent_extensions(&mut self, object: ObjectRef) -> JsResult<bool> {
        // A typed array whose length can change (length-tracking, or on a resizable
        // non-shared buffer) cannot be made non-extensible (ES2025 10.4.5.2).
        if let ObjectKind::TypedArray(view) = &self.object(object).kind {
            let fixed_buffer = self
                .array_buffer_data(view.buffer)
                .is_some_and(|buffer| buffer.max_byte_length.is_none() || buffer.shared);
            if view.length == LENGTH_TRACKING || !fixed_buffer {
                return Ok(false);
            }
        }
        if self.object(object).is_proxy() {
            return self.proxy_prevent_extensions(object);
        }
        // A non-extensible object could no longer receive its deferred built-in properties.
        self.ensure_contents_installed(object);
        self.object_mut(object).extensible = false;
        Ok(true)
    }

    /// `[[IsExtensible]]`.
    pub fn is_extensible(&mut self, object: ObjectRef) -> JsResult<bool> {
        if self.object(object).is_proxy() {
            return self.proxy_is_extensible(object);
        }
        Ok(self.object(object).extensible)
    }

    /// The SameValueZero hash of a Map/Set key (after the caller normalised -0 to +0).
    pub fn map_key_hash(&self, key: Value) -> MapKeyHash {
        match key {
            Value::Undefined => MapKeyHash::Simple(0),
            Value::Null => MapKeyHash::Simple(1),
            Value::Boolean(false) => MapKeyHash::Simple(2),
            Value::Boolean(true) => MapKeyHash::Simple(3),
            Value::Hole => MapKeyHash::Simple(4),
            Value::Number(number) => {
                if number.is_nan() {
                    MapKeyHash::Number(f64::NAN.to_bits())
                } else if number == 0.0 {
                    MapKeyHash::Number(0)
                } else {
                    MapKeyHash::Number(number.to_bits())
                }
            }
            Value::String(string) => MapKeyHash::String(self.string(string).hash_code()),
            Value::Symbol(symbol) => MapKeyHash::Symbol(symbol.0),
            Value::Object(object) => MapKeyHash::Object(object.0),
            Value::BigInt(bigint) => {
                MapKeyHash::BigInt(self.heap.bigints.get(bigint).to_i128() as u64)
            }
        }
    }

    /// Finds a key in the Map/Set object's storage; returns its position.
    pub fn map_find(&self, map_object: ObjectRef, key: Value) -> Option<usize> {
        let hash = self.map_key_hash(key);
        let map = match &self.object(map_object).kind {
            ObjectKind::Map(map) | ObjectKind::Set(map) => map,
            _ => return None,
        };
        map.find(hash, |stored| self.same_value_zero(stored, key))
    }

    /// Map.prototype.set / Set.prototype.add storage operation (normalises -0 to +0).
    pub fn map_set(&mut self, map_object: ObjectRef, key: Value, value: Value) {
        // Normalise -0 to +0 (the comparison is also true for -0).
        let key = if key.as_number() == Some(0.0) {
            Value::Number(0.0)
        } else {
            key
        };
        let hash = self.map_key_hash(key);
        let position = self.map_find(map_object, key);
        if let ObjectKind::Map(map) | ObjectKind::Set(map) = &mut self.object_mut(map_object).kind {
            match position {
                Some(position) => map.set_value_at(position, value),
                None => map.insert_new(hash, key, value),
            }
        }
        self.heap.accounting.note_extra_bytes(40);
    }

    /// Map.prototype.get storage operation.
    pub fn map_get(&self, map_object: ObjectRef, key: Value) -> Option<Value> {
        let position = self.map_find(map_object, key)?;
        match &self.object(map_object).kind {
            ObjectKind::Map(map) | ObjectKind::Set(map) => {
                map.entry_at(position).map(|(_, value)| value)
            }
            _ => None,
        }
    }

    /// Map.prototype.delete / Set.prototype.delete storage operation.
    pub fn map_delete(&mut self, map_object: ObjectRef, key: Value) -> bool {
        let Some(position) = self.map_find(map_object, key) else {
            return false;
        };
        let stored_key = match &self.object(map_object).kind {
            ObjectKind::Map(map) | ObjectKind::Set(map) => {
                map.entry_at(position).map(|(key, _)| key)
            }
            _ => None,
        };
        let Some(stored_key) = stored_key else {
            return false;
        };
        let hash = self.map_key_hash(stored_key);
        if let ObjectKind::Map(map) | ObjectKind::Set(map) = &mut self.object_mut(map_object).kind {
            map.remove_at(hash, position);
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(storage: &SlotStorage) -> Vec<f64> {
        storage
            .iter()
            .map(|value| value.as_number().unwrap_or(f64::NAN))
            .collect()
    }

    #[test]
    fn slots_stay_inline_up_to_the_inline_count_then_spill_keeping_their_values() {
        let mut storage = SlotStorage::from_slice(&[Value::Number(1.0), Value::Number(2.0)]);
        assert_eq!(storage.spilled_capacity(), 0);
        storage.resize(INLINE_SLOT_COUNT, Value::Number(3.0));
        assert_eq!(storage.spilled_capacity(), 0, "three slots fit inline");
        assert_eq!(numbers(&storage), vec![1.0, 2.0, 3.0]);
        storage.resize(5, Value::Number(9.0));
        assert!(storage.spilled_capacity() >= 5, "a fourth slot spills");
        storage[4] = Value::Number(5.0);
        assert_eq!(numbers(&storage), vec![1.0, 2.0, 3.0, 9.0, 5.0]);
        storage.truncate(2);
        assert_eq!(numbers(&storage), vec![1.0, 2.0]);
    }

    #[test]
    fn shrinking_inline_slots_clears_the_dropped_values() {
        let mut storage = SlotStorage::filled(3, Value::Number(7.0));
        storage.truncate(1);
        storage.resize(3, Value::Number(8.0));
        assert_eq!(numbers(&storage), vec![7.0, 8.0, 8.0]);
        assert_eq!(SlotStorage::with_capacity(2).len(), 0);
        assert_eq!(SlotStorage::with_capacity(10).spilled_capacity(), 10);
    }
}
