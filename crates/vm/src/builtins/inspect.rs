//! Node's `util.inspect` formatting (what `console.log` prints for non-string values),
//! implemented over a small snapshot tree ([`InspectValue`]) instead of live objects.
//!
//! Design decisions:
//! - The formatter never touches the VM. The console built-in first takes a snapshot of
//!   the value (`console.rs` walks the heap with the same depth limit and ancestor-based
//!   circularity detection as node), then this module turns the snapshot into text. This
//!   split keeps every formatting rule unit-testable without an object model, and it means
//!   the snapshot walk is the only place that can run user code (getters of `name`,
//!   `message`, `stack`) — exactly the reads node performs.
//! - The rules follow node v20's observable behaviour: quoting and escaping of strings,
//!   `-0`, `5n`, sparse arrays (`<1 empty item>`), `... N more items` after 100 entries,
//!   grouping of long arrays into aligned columns, the "fits in `breakLength` (80) columns"
//!   single-line rule combined with the `compact = 3` depth rule, `<ref *1>` / `[Circular
//!   *1]`, class-name prefixes, null-prototype markers, functions and classes, errors with
//!   extra properties, boxed primitives, `Map(n) {...}`, `Set(n) {...}` and so on.
//! - Lengths used for line breaking are UTF-16 lengths (JavaScript's `.length`), as node
//!   does; column alignment uses a display width in which East Asian wide characters count
//!   two columns (node asks ICU for this; the table here is an approximation of it).
//! - Not modelled (they need node internals): custom `[util.inspect.custom]` methods,
//!   proxies, iterator previews, `showHidden` listings of
//!   non-enumerable properties, `sorted`, `getters: true`, colours, and collapsing stack
//!   frames shared with an error's `cause`.

use super::number_format::number_to_string;

/// A JavaScript string as UTF-16 code units (lone surrogates are possible).
pub type Utf16Text = Vec<u16>;

/// The options of `util.inspect` that this formatter honours.
#[derive(Clone, Debug)]
pub struct InspectOptions {
    /// How many nested object levels to print; `None` is `depth: Infinity`.
    pub depth: Option<usize>,
    /// The line width at which entries are broken onto separate lines.
    pub break_length: usize,
    /// Node's numeric `compact` option: how many inner levels may be joined on one line.
    pub compact: usize,
    /// How many array, set or map entries to print before `... N more items`.
    pub max_array_length: usize,
    /// How many UTF-16 units of a string to print before `... N more characters`.
    pub max_string_length: usize,
    /// Whether non-enumerable properties were collected (only affects error-key pruning).
    pub show_hidden: bool,
}

impl Default for InspectOptions {
    fn default() -> Self {
        InspectOptions {
            depth: Some(2),
            break_length: 80,
            compact: 3,
            max_array_length: 100,
            max_string_length: 10_000,
            show_hidden: false,
        }
    }
}

/// A snapshot of a JavaScript value, ready to be formatted.
#[derive(Clone, Debug)]
pub enum InspectValue {
    /// `undefined`.
    Undefined,
    /// `null`.
    Null,
    /// A boolean.
    Boolean(bool),
    /// A number (printed with `-0` preserved).
    Number(f64),
    /// A BigInt as its decimal digits (with a leading `-` when negative), without the `n`.
    BigInt(String),
    /// A string primitive.
    String(Utf16Text),
    /// A symbol, as its descriptive string `Symbol(description)`.
    Symbol(Utf16Text),
    /// An object that is not on the current ancestor path.
    Object(Box<InspectObject>),
    /// A reference to an ancestor object (by [`InspectObject::identity`]): a cycle.
    Circular(u64),
}

/// A snapshot of one object.
#[derive(Clone, Debug)]
pub struct InspectObject {
    /// A stable identity of the object (used to number `<ref *N>` markers).
    pub identity: u64,
    /// The name node's `getConstructorName` finds: the first own `constructor` data
    /// property along the prototype chain that is a named function the object is an
    /// instance of. `None` when the chain ends without one (null prototype).
    pub constructor_name: Option<String>,
    /// The `Symbol.toStringTag` value when it is a non-empty string that is not an own
    /// enumerable property; otherwise empty.
    pub to_string_tag: String,
    /// What kind of object it is, with the kind's own data.
    pub kind: InspectObjectKind,
    /// The own enumerable properties (string keys in property order, then symbols) that
    /// node lists; for arrays only the non-index ones, for boxed strings without the
    /// indices; for errors `cause` and `errors` are appended as node does.
    pub properties: Vec<InspectProperty>,
}

/// The kind-specific part of an object snapshot.
#[derive(Clone, Debug)]
pub enum InspectObjectKind {
    /// An ordinary object (plain object or class instance).
    Ordinary,
    /// An `arguments` object.
    Arguments,
    /// An array.
    Array {
        /// The `length`.
        length: u64,
        /// The present index properties in ascending index order (at most
        /// `max_array_length` of them are needed).
        elements: Vec<(u64, PropertyContent)>,
        /// How many leading indices `i = 0, 1, ...` hold a number or BigInt (node pads
        /// grouped columns on the left only when every printed position does).
        leading_numeric_count: u64,
    },
    /// A function or class.
    Function(FunctionDetails),
    /// An Error object (one with an [[ErrorData]] slot).
    Error(ErrorDetails),
    /// A RegExp, with `RegExp.prototype.toString`'s result (`/a/g`).
    RegExp {
        /// The `/source/flags` text.
        text: String,
    },
    /// A Date, with its `toISOString()` (or `toString()` when invalid).
    Date {
        /// The printed text.
        text: String,
    },
    /// A Map.
    Map {
        /// The `size`.
        size: usize,
        /// The first `max_array_length` entries in insertion order.
        entries: Vec<(InspectValue, InspectValue)>,
    },
    /// A Set.
    Set {
        /// The `size`.
        size: usize,
        /// The first `max_array_length` values in insertion order.
        entries: Vec<InspectValue>,
    },
    /// A Map Iterator or Set Iterator, previewing the entries it has not yet produced
    /// (node's `[Map Iterator] { 'a' }`, `[Map Entries] { [ 'a', 1 ] }`).
    CollectionIterator {
        /// `Map` or `Set`.
        type_name: &'static str,
        /// Whether the iterator yields `[key, value]` pairs (`entries()`): then `entries`
        /// holds keys and values alternately.
        key_value: bool,
        /// The entries still to come (at most `max_array_length` of them, or pairs).
        entries: Vec<InspectValue>,
        /// How many entries (pairs for `key_value`) are still to come in total.
        remaining: usize,
    },
    /// A WeakMap (contents are never listed).
    WeakMap,
    /// A WeakSet (contents are never listed).
    WeakSet,
    /// A Promise.
    Promise(PromiseSnapshot),
    /// An ArrayBuffer or SharedArrayBuffer: its first bytes are listed as
    /// `[Uint8Contents]: <00 01 ...>` before its properties (the snapshot puts `byteLength`
    /// first among them, as node does).
    ArrayBuffer {
        /// `ArrayBuffer` or `SharedArrayBuffer`.
        type_name: &'static str,
        /// The first `max_array_length` bytes, or `None` for a detached buffer.
        contents: Option<Vec<u8>>,
        /// The byte length.
        byte_length: usize,
    },
    /// A boxed primitive (`new Number(3)`, `Object(Symbol())`, ...).
    Boxed {
        /// `Number`, `String`, `Boolean`, `BigInt` or `Symbol`.
        type_name: &'static str,
        /// The wrapped primitive.
        primitive: InspectValue,
    },
}

/// What node needs to know about a function.
#[derive(Clone, Debug)]
pub struct FunctionDetails {
    /// Whether the source text is a class (`Function.prototype.toString` starts with `class`).
    pub is_class: bool,
    /// Whether it is an async function.
    pub is_async: bool,
    /// Whether it is a generator function.
    pub is_generator: bool,
    /// `String(f.name)` for functions (empty when the name is empty); for classes, the own
    /// `name` property when it is truthy, else empty.
    pub name: String,
    /// For classes: the `name` of the class's prototype (the superclass), when truthy.
    pub super_class_name: Option<String>,
}

/// What node needs to know about an error.
#[derive(Clone, Debug)]
pub struct ErrorDetails {
    /// `String(err.name)`, or `Error` when it is null or undefined.
    pub name: String,
    /// `String(err.stack)` when truthy, else `Error.prototype.toString(err)`.
    pub stack: String,
    /// `err.message` when it is a non-empty string.
    pub message: Option<String>,
    /// `String(err.name)`, `String(err.message)` and `String(err.stack)`, compared with the
    /// stack to hide duplicated own properties.
    pub name_text: String,
    /// See `name_text`.
    pub message_text: String,
    /// See `name_text`.
    pub stack_text: String,
}

/// The state of a promise snapshot.
#[derive(Clone, Debug)]
pub enum PromiseSnapshot {
    /// Not settled yet.
    Pending,
    /// Fulfilled with a value.
    Fulfilled(InspectValue),
    /// Rejected with a reason.
    Rejected(InspectValue),
}

/// One listed property.
#[derive(Clone, Debug)]
pub struct InspectProperty {
    /// The key.
    pub key: InspectPropertyKey,
    /// Whether the property is enumerable (non-enumerable keys print as `[key]`).
    pub enumerable: bool,
    /// The value or accessor marker.
    pub content: PropertyContent,
}

/// A property key.
#[derive(Clone, Debug, PartialEq)]
pub enum InspectPropertyKey {
    /// A string key.
    String(Utf16Text),
    /// A symbol key, as its descriptive string `Symbol(description)`.
    Symbol(Utf16Text),
}

/// The content of a listed property.
#[derive(Clone, Debug)]
pub enum PropertyContent {
    /// A data property.
    Value(InspectValue),
    /// An accessor with only a getter.
    Getter,
    /// An accessor with only a setter.
    Setter,
    /// An accessor with both.
    GetterSetter,
    /// Not collected because the owner is deeper than the depth limit (never printed).
    NotCollected,
}

/// Formats a snapshot the way `util.inspect(value, options)` does.
pub fn inspect(value: &InspectValue, options: &InspectOptions) -> String {
    let mut context = InspectContext {
        options,
        indentation_level: 0,
        current_depth: 0,
        circular_indices: Vec::new(),
    };
    context.format_value(value, 0)
}

/// Formats a string the way `util.inspect` quotes it at the top level (`'abc'`).
pub fn inspect_string_literal(text: &[u16]) -> String {
    quote_and_escape(text)
}

/// Formats a number the way `util.inspect` does (`-0` keeps its sign).
pub fn format_number_like_inspect(number: f64) -> String {
    if number == 0.0 && number.is_sign_negative() {
        "-0".to_string()
    } else {
        number_to_string(number)
    }
}

/// Which list the entries of `reduce_to_single_string` come from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ExtrasType {
    /// Object properties (`key: value`), map and set entries.
    Object,
    /// Array elements followed by the array's non-index properties (grouping applies).
    ArrayExtras,
}

/// The mutable state of one `inspect` call (node's `ctx`).
struct InspectContext<'options> {
    options: &'options InspectOptions,
    indentation_level: usize,
    /// The recursion level of the most recently entered object (node's `currentDepth`).
    current_depth: usize,
    /// Object identities that were found to be referenced circularly, with their number.
    circular_indices: Vec<(u64, usize)>,
}

impl InspectContext<'_> {
    fn is_beyond_depth(&self, recurse_times: usize) -> bool {
        matches!(self.options.depth, Some(depth) if recurse_times > depth)
    }

    fn format_value(&mut self, value: &InspectValue, recurse_times: usize) -> String {
        match value {
            InspectValue::Object(object) => self.format_raw(object, recurse_times),
            InspectValue::Circular(identity) => {
                let index = match self.circular_indices.iter().find(|(id, _)| id == identity) {
                    Some(&(_, index)) => index,
                    None => {
                        let index = self.circular_indices.len() + 1;
                        self.circular_indices.push((*identity, index));
                        index
                    }
                };
                format!("[Circular *{index}]")
            }
            primitive => self.format_primitive(primitive),
        }
    }

    fn format_primitive(&self, value: &InspectValue) -> String {
        match value {
            InspectValue::Undefined => "undefined".to_string(),
            InspectValue::Null => "null".to_string(),
            InspectValue::Boolean(boolean) => boolean.to_string(),
            InspectValue::Number(number) => format_number_like_inspect(*number),
            InspectValue::BigInt(digits) => format!("{digits}n"),
            InspectValue::Symbol(text) => String::from_utf16_lossy(text),
            InspectValue::String(text) => self.format_string(text),
            InspectValue::Object(_) | InspectValue::Circular(_) => String::new(),
        }
    }

    fn format_string(&self, text: &[u16]) -> String {
        let mut text = text;
        let mut trailer = String::new();
        if text.len() > self.options.max_string_length {
            let remaining = text.len() - self.options.max_string_length;
            text = &text[..self.options.max_string_length];
            trailer = format!(
                "... {remaining} more character{}",
                if remaining > 1 { "s" } else { "" }
            );
        }
        let available = self.options.break_length as i64 - self.indentation_level as i64 - 4;
        if text.len() > 16 && (text.len() as i64) > available {
            // Long strings are split after each line feed into `'...\n' +` pieces.
            let mut pieces: Vec<String> = Vec::new();
            let mut piece_start = 0;
            for (index, &unit) in text.iter().enumerate() {
                if unit == u16::from(b'\n') && index + 1 < text.len() {
                    pieces.push(quote_and_escape(&text[piece_start..=index]));
                    piece_start = index + 1;
                }
            }
            pieces.push(quote_and_escape(&text[piece_start..]));
            let separator = format!(" +\n{}", " ".repeat(self.indentation_level + 2));
            return pieces.join(&separator) + &trailer;
        }
        quote_and_escape(text) + &trailer
    }

    fn format_raw(&mut self, object: &InspectObject, recurse_times: usize) -> String {
        let constructor = object.constructor_name.as_deref();
        let tag = object.to_string_tag.as_str();
        let mut keys: Vec<&InspectProperty> = object.properties.iter().collect();
        let mut base = String::new();
        let mut opening_brace = "{".to_string();
        let mut closing_brace = "}";
        let mut extras_type = ExtrasType::Object;

        // The "iterable" kinds first, as node checks them before everything else.
        match &object.kind {
            InspectObjectKind::Array { length, .. } => {
                let prefix = if constructor != Some("Array") || !tag.is_empty() {
                    get_prefix(constructor, tag, "Array", &format!("({length})"))
                } else {
                    String::new()
                };
                opening_brace = format!("{prefix}[");
                closing_brace = "]";
                if *length == 0 && keys.is_empty() {
                    return format!("{opening_brace}]");
                }
                extras_type = ExtrasType::ArrayExtras;
            }
            InspectObjectKind::Set { size, .. } | InspectObjectKind::Map { size, .. } => {
                let fallback = if matches!(object.kind, InspectObjectKind::Set { .. }) {
                    "Set"
                } else {
                    "Map"
                };
                let prefix = get_prefix(constructor, tag, fallback, &format!("({size})"));
                if *size == 0 && keys.is_empty() {
                    return format!("{prefix}{{}}");
                }
                opening_brace = format!("{prefix}{{");
            }
            InspectObjectKind::Function(details) => {
                base = function_base(details, constructor, tag);
                if keys.is_empty() {
                    return base;
                }
            }
            InspectObjectKind::CollectionIterator {
                type_name,
                key_value,
                ..
            } => {
                // Node's `getIteratorBraces`: the tag, with ` Entries` for pair iterators.
                let iterator_tag = format!("{type_name} Iterator");
                let mut braces_tag = tag.to_string();
                if braces_tag != iterator_tag {
                    if !braces_tag.is_empty() {
                        braces_tag.push_str("] [");
                    }
                    braces_tag.push_str(&iterator_tag);
                }
                opening_brace = format!("[{braces_tag}] {{");
                if *key_value && let Some(stem) = opening_brace.strip_suffix(" Iterator] {") {
                    opening_brace = format!("{stem} Entries] {{");
                }
            }
            _ if constructor == Some("Object") => {
                if matches!(object.kind, InspectObjectKind::Arguments) {
                    opening_brace = "[Arguments] {".to_string();
                } else if !tag.is_empty() {
                    opening_brace = format!("{}{{", get_prefix(constructor, tag, "Object", ""));
                }
                if keys.is_empty() {
                    return format!("{opening_brace}}}");
                }
            }
            InspectObjectKind::RegExp { text } => {
                base = text.clone();
                let prefix = get_prefix(constructor, tag, "RegExp", "");
                if prefix != "RegExp " {
                    base = format!("{prefix}{base}");
                }
                if keys.is_empty() || self.is_beyond_depth(recurse_times) {
                    return base;
                }
            }
            InspectObjectKind::Date { text } => {
                base = text.clone();
                let prefix = get_prefix(constructor, tag, "Date", "");
                if prefix != "Date " {
                    base = format!("{prefix}{base}");
                }
                if keys.is_empty() {
                    return base;
                }
            }
            InspectObjectKind::Error(details) => {
                base = self.format_error(details, constructor, tag, &mut keys);
                if keys.is_empty() {
                    return base;
                }
            }
            InspectObjectKind::Promise(_) => {
                opening_brace = format!("{}{{", get_prefix(constructor, tag, "Promise", ""));
            }
            InspectObjectKind::ArrayBuffer { type_name, .. } => {
                opening_brace = format!("{}{{", get_prefix(constructor, tag, type_name, ""));
            }
            InspectObjectKind::WeakMap => {
                opening_brace = format!("{}{{", get_prefix(constructor, tag, "WeakMap", ""));
            }
            InspectObjectKind::WeakSet => {
                opening_brace = format!("{}{{", get_prefix(constructor, tag, "WeakSet", ""));
            }
            InspectObjectKind::Boxed {
                type_name,
                primitive,
            } => {
                base = self.boxed_base(type_name, primitive, constructor, tag);
                if keys.is_empty() {
                    return base;
                }
            }
            InspectObjectKind::Ordinary | InspectObjectKind::Arguments => {
                let style = get_ctx_style(constructor, tag);
                if keys.is_empty() {
                    return format!("{style}{{}}");
                }
                opening_brace = format!("{style}{{");
            }
        }

        if self.is_beyond_depth(recurse_times) {
            let style = get_ctx_style(constructor, tag);
            let name = &style[..style.len() - 1];
            return if constructor.is_some() {
                format!("[{name}]")
            } else {
                name.to_string()
            };
        }

        let recurse_times = recurse_times + 1;
        self.current_depth = recurse_times;
        let mut output: Vec<String> = match &object.kind {
            InspectObjectKind::Array {
                length, elements, ..
            } => self.format_array_elements(*length, elements, recurse_times),
            InspectObjectKind::Set { size, entries } => {
                self.indentation_level += 2;
                let mut output: Vec<String> = entries
                    .iter()
                    .take(self.options.max_array_length)
                    .map(|entry| self.format_value(entry, recurse_times))
                    .collect();
                self.indentation_level -= 2;
                let remaining = size.saturating_sub(self.options.max_array_length.min(*size));
                if remaining > 0 {
                    output.push(remaining_items_text(remaining as u64));
                }
                output
            }
            InspectObjectKind::Map { size, entries } => {
                self.indentation_level += 2;
                let mut output = Vec::new();
                for (key, value) in entries.iter().take(self.options.max_array_length) {
                    let key_text = self.format_value(key, recurse_times);
                    let value_text = self.format_value(value, recurse_times);
                    output.push(format!("{key_text} => {value_text}"));
                }
                self.indentation_level -= 2;
                let remaining = size.saturating_sub(self.options.max_array_length.min(*size));
                if remaining > 0 {
                    output.push(remaining_items_text(remaining as u64));
                }
                output
            }
            InspectObjectKind::Promise(state) => match state {
                PromiseSnapshot::Pending => vec!["<pending>".to_string()],
                PromiseSnapshot::Fulfilled(value) | PromiseSnapshot::Rejected(value) => {
                    self.indentation_level += 2;
                    let text = self.format_value(value, recurse_times);
                    self.indentation_level -= 2;
                    if matches!(state, PromiseSnapshot::Rejected(_)) {
                        vec![format!("<rejected> {text}")]
                    } else {
                        vec![text]
                    }
                }
            },
            InspectObjectKind::CollectionIterator {
                key_value,
                entries,
                remaining,
                ..
            } => self.format_collection_iterator(*key_value, entries, *remaining, recurse_times),
            InspectObjectKind::WeakMap | InspectObjectKind::WeakSet => {
                vec!["<items unknown>".to_string()]
            }
            InspectObjectKind::ArrayBuffer {
                contents,
                byte_length,
                ..
            } => vec![array_buffer_contents(
                contents.as_deref(),
                *byte_length,
                self.options.max_array_length,
            )],
            _ => Vec::new(),
        };
        for property in &keys {
            let text = self.format_property(property, recurse_times);
            output.push(text);
        }

        if let Some(&(_, index)) = self
            .circular_indices
            .iter()
            .find(|(id, _)| *id == object.identity)
        {
            let reference = format!("<ref *{index}>");
            base = if base.is_empty() {
                reference
            } else {
                format!("{reference} {base}")
            };
        }

        let leading_numeric_count = match &object.kind {
            InspectObjectKind::Array {
                leading_numeric_count,
                ..
            } => Some(*leading_numeric_count),
            _ => None,
        };
        self.reduce_to_single_string(
            output,
            &base,
            &opening_brace,
            closing_brace,
            extras_type,
            recurse_times,
            leading_numeric_count,
        )
    }

    /// Node's `formatIterator` for Map and Set iterators: each value still to come, or each
    /// `[ key, value ]` pair (formatted as a short array) for `entries()` iterators.
    fn format_collection_iterator(
        &mut self,
        key_value: bool,
        entries: &[InspectValue],
        remaining: usize,
        recurse_times: usize,
    ) -> Vec<String> {
        let max_length = self.options.max_array_length.min(remaining);
        let mut output = Vec::with_capacity(max_length + 1);
        self.indentation_level += 2;
        if key_value {
            for pair in entries.chunks(2).take(max_length) {
                let parts: Vec<String> = pair
                    .iter()
                    .map(|item| self.format_value(item, recurse_times))
                    .collect();
                let text = self.reduce_to_single_string(
                    parts,
                    "",
                    "[",
                    "]",
                    ExtrasType::ArrayExtras,
                    recurse_times,
                    None,
                );
                output.push(text);
            }
        } else {
            for item in entries.iter().take(max_length) {
                output.push(self.format_value(item, recurse_times));
            }
        }
        self.indentation_level -= 2;
        if remaining > max_length {
            output.push(remaining_items_text((remaining - max_length) as u64));
        }
        output
    }

    /// Node's `formatArray`/`formatSpecialArray`: elements, runs of holes, and the
    /// `... N more items` tail.
    fn format_array_elements(
        &mut self,
        length: u64,
        elements: &[(u64, PropertyContent)],
        recurse_times: usize,
    ) -> Vec<String> {
        let max_length = (self.options.max_array_length as u64).min(length) as usize;
        let mut output: Vec<String> = Vec::new();
        let mut index: u64 = 0;
        for (element_index, content) in elements {
            if output.len() >= max_length {
                break;
            }
            if *element_index != index {
                let empty_items = element_index - index;
                output.push(format!(
                    "<{empty_items} empty item{}>",
                    if empty_items > 1 { "s" } else { "" }
                ));
                index = *element_index;
                if output.len() == max_length {
                    break;
                }
            }
            let text = self.format_property_content(content, recurse_times);
            output.push(text);
            index += 1;
        }
        let remaining = length - index;
        if output.len() != max_length {
            if remaining > 0 {
                output.push(format!(
                    "<{remaining} empty item{}>",
                    if remaining > 1 { "s" } else { "" }
                ));
            }
        } else if remaining > 0 {
            output.push(remaining_items_text(remaining));
        }
        output
    }

    fn format_property_content(
        &mut self,
        content: &PropertyContent,
        recurse_times: usize,
    ) -> String {
        match content {
            PropertyContent::Value(value) => {
                self.indentation_level += 2;
                let text = self.format_value(value, recurse_times);
                self.indentation_level -= 2;
                text
            }
            PropertyContent::Getter => "[Getter]".to_string(),
            PropertyContent::Setter => "[Setter]".to_string(),
            PropertyContent::GetterSetter => "[Getter/Setter]".to_string(),
            PropertyContent::NotCollected => "undefined".to_string(),
        }
    }

    fn format_property(&mut self, property: &InspectProperty, recurse_times: usize) -> String {
        let text = self.format_property_content(&property.content, recurse_times);
        let name = match &property.key {
            InspectPropertyKey::Symbol(description) => {
                format!("[{}]", escape_without_quotes(description))
            }
            InspectPropertyKey::String(key)
                if key.as_slice()
                    == "__proto__".encode_utf16().collect::<Vec<u16>>().as_slice() =>
            {
                "['__proto__']".to_string()
            }
            InspectPropertyKey::String(key) if !property.enumerable => {
                format!("[{}]", escape_without_quotes(key))
            }
            InspectPropertyKey::String(key) if is_identifier_like_key(key) => {
                String::from_utf16_lossy(key)
            }
            InspectPropertyKey::String(key) => quote_and_escape(key),
        };
        format!("{name}: {text}")
    }

    fn boxed_base(
        &self,
        type_name: &str,
        primitive: &InspectValue,
        constructor: Option<&str>,
        tag: &str,
    ) -> String {
        let mut base = format!("[{type_name}");
        if Some(type_name) != constructor {
            match constructor {
                None => base.push_str(" (null prototype)"),
                Some(name) => base.push_str(&format!(" ({name})")),
            }
        }
        base.push_str(": ");
        base.push_str(&self.format_primitive(primitive));
        base.push(']');
        if !tag.is_empty() && Some(tag) != constructor {
            base.push_str(&format!(" [{tag}]"));
        }
        base
    }

    fn format_error(
        &self,
        details: &ErrorDetails,
        constructor: Option<&str>,
        tag: &str,
        keys: &mut Vec<&InspectProperty>,
    ) -> String {
        let mut stack = details.stack.clone();
        // Hide own `name`/`message`/`stack` properties whose text already shows in the stack.
        if !self.options.show_hidden && !keys.is_empty() {
            for (key_name, key_text) in [
                ("name", &details.name_text),
                ("message", &details.message_text),
                ("stack", &details.stack_text),
            ] {
                let position = keys
                    .iter()
                    .position(|property| property.key == string_key(key_name));
                if let Some(position) = position
                    && stack.contains(key_text.as_str())
                {
                    keys.remove(position);
                }
            }
        }
        stack = improve_stack(stack, constructor, &details.name, tag);

        // Look for the first stack frame after the message (node wraps frameless errors in
        // brackets).
        let search_start = match &details.message {
            Some(message) => match stack.find(message.as_str()) {
                Some(position) if position > 0 => position + message.len(),
                _ => 0,
            },
            None => 0,
        };
        let has_frames = stack
            .get(search_start..)
            .is_some_and(|rest| rest.contains("\n    at"));
        if !has_frames {
            stack = format!("[{stack}]");
        }
        if self.indentation_level != 0 {
            stack = stack.replace('\n', &format!("\n{}", " ".repeat(self.indentation_level)));
        }
        stack
    }

    #[allow(clippy::too_many_arguments)]
    fn reduce_to_single_string(
        &mut self,
        mut output: Vec<String>,
        base: &str,
        opening_brace: &str,
        closing_brace: &str,
        extras_type: ExtrasType,
        recurse_times: usize,
        leading_numeric_count: Option<u64>,
    ) -> String {
        let entries = output.len();
        if extras_type == ExtrasType::ArrayExtras && entries > 6 {
            output = self.group_array_elements(output, leading_numeric_count);
        }
        if (self.current_depth as i64 - recurse_times as i64) < self.options.compact as i64
            && entries == output.len()
        {
            // Add 10 as node does, to start next to all other factors that may reduce the
            // available width.
            let start = output.len()
                + self.indentation_level
                + js_length(opening_brace)
                + js_length(base)
                + 10;
            if self.is_below_break_length(&output, start, base) {
                let joined = output.join(", ");
                if !joined.contains('\n') {
                    let base_part = if base.is_empty() {
                        String::new()
                    } else {
                        format!("{base} ")
                    };
                    return format!("{base_part}{opening_brace} {joined} {closing_brace}");
                }
            }
        }
        let indentation = format!("\n{}", " ".repeat(self.indentation_level));
        let base_part = if base.is_empty() {
            String::new()
        } else {
            format!("{base} ")
        };
        let separator = format!(",{indentation}  ");
        format!(
            "{base_part}{opening_brace}{indentation}  {}{indentation}{closing_brace}",
            output.join(&separator)
        )
    }

    fn is_below_break_length(&self, output: &[String], start: usize, base: &str) -> bool {
        let break_length = self.options.break_length;
        let mut total_length = output.len() + start;
        if total_length + output.len() > break_length {
            return false;
        }
        for entry in output {
            total_length += js_length(entry);
            if total_length > break_length {
                return false;
            }
        }
        base.is_empty() || !base.contains('\n')
    }

    /// Node's `groupArrayElements`: lays out many short entries in aligned columns.
    fn group_array_elements(
        &self,
        output: Vec<String>,
        leading_numeric_count: Option<u64>,
    ) -> Vec<String> {
        let mut total_length = 0usize;
        let mut max_length = 0usize;
        let mut output_length = output.len();
        if self.options.max_array_length < output.len() {
            // The "... n more items" entry is not part of the grid.
            output_length -= 1;
        }
        let separator_space = 2;
        let data_lengths: Vec<usize> = output[..output_length]
            .iter()
            .map(|entry| display_width(entry))
            .collect();
        for &length in &data_lengths {
            total_length += length + separator_space;
            max_length = max_length.max(length);
        }
        let actual_max = max_length + separator_space;
        let break_length = self.options.break_length as f64;
        let indentation = self.indentation_level as f64;
        if (actual_max * 3) as f64 + indentation < break_length
            && (total_length as f64 / actual_max as f64 > 5.0 || max_length <= 6)
        {
            let approximate_char_heights = 2.5;
            let average_bias =
                (actual_max as f64 - total_length as f64 / output.len() as f64).sqrt();
            let biased_max = (actual_max as f64 - 3.0 - average_bias).max(1.0);
            let columns = js_round(
                (approximate_char_heights * biased_max * output_length as f64).sqrt() / biased_max,
            )
            .min(((break_length - indentation) / actual_max as f64).floor())
            .min((self.options.compact * 4) as f64)
            .min(15.0);
            if columns <= 1.0 {
                return output;
            }
            let columns = columns as usize;
            let mut max_line_lengths = Vec::with_capacity(columns);
            for column in 0..columns {
                let mut line_max_length = 0;
                let mut row_index = column;
                while row_index < output_length {
                    line_max_length = line_max_length.max(data_lengths[row_index]);
                    row_index += columns;
                }
                max_line_lengths.push(line_max_length + separator_space);
            }
            let pad_at_start = match leading_numeric_count {
                Some(count) => count >= output.len() as u64,
                None => true,
            };
            let mut grouped = Vec::new();
            let mut row_start = 0;
            while row_start < output_length {
                let row_end = (row_start + columns).min(output_length);
                let mut line = String::new();
                for index in row_start..row_end {
                    let is_last_in_row = index == row_end - 1;
                    let cell_width = max_line_lengths[index - row_start];
                    let padding = " "
                        .repeat(cell_width.saturating_sub(data_lengths[index] + separator_space));
                    if is_last_in_row {
                        if pad_at_start {
                            line.push_str(&padding);
                        }
                        line.push_str(&output[index]);
                    } else if pad_at_start {
                        line.push_str(&padding);
                        line.push_str(&output[index]);
                        line.push_str(", ");
                    } else {
                        line.push_str(&output[index]);
                        line.push_str(", ");
                        line.push_str(&padding);
                    }
                }
                grouped.push(line);
                row_start += columns;
            }
            if self.options.max_array_length < output.len() {
                grouped.push(output[output_length].clone());
            }
            return grouped;
        }
        output
    }
}

/// Node's `getPrefix`: `Foo `, `Foo(3) `, `Foo [tag] ` or `[Object: null prototype] `.
fn get_prefix(constructor: Option<&str>, tag: &str, fallback: &str, size: &str) -> String {
    match constructor {
        None => {
            if !tag.is_empty() && fallback != tag {
                format!("[{fallback}{size}: null prototype] [{tag}] ")
            } else {
                format!("[{fallback}{size}: null prototype] ")
            }
        }
        Some(name) => {
            if !tag.is_empty() && name != tag {
                format!("{name}{size} [{tag}] ")
            } else {
                format!("{name}{size} ")
            }
        }
    }
}

/// Node's `getCtxStyle` for objects whose internal class name is `Object`.
fn get_ctx_style(constructor: Option<&str>, tag: &str) -> String {
    let fallback = if constructor.is_none() { "Object" } else { "" };
    get_prefix(constructor, tag, fallback, "")
}

fn function_base(details: &FunctionDetails, constructor: Option<&str>, tag: &str) -> String {
    if details.is_class {
        let name = if details.name.is_empty() {
            "(anonymous)"
        } else {
            details.name.as_str()
        };
        let mut base = format!("class {name}");
        if constructor != Some("Function")
            && let Some(constructor_name) = constructor
        {
            base.push_str(&format!(" [{constructor_name}]"));
        }
        if !tag.is_empty() && constructor != Some(tag) {
            base.push_str(&format!(" [{tag}]"));
        }
        if constructor.is_some() {
            if let Some(super_name) = details
                .super_class_name
                .as_deref()
                .filter(|name| !name.is_empty())
            {
                base.push_str(&format!(" extends {super_name}"));
            }
        } else {
            base.push_str(" extends [null prototype]");
        }
        return format!("[{base}]");
    }
    let mut type_name = String::from("Function");
    if details.is_generator {
        type_name = format!("Generator{type_name}");
    }
    if details.is_async {
        type_name = format!("Async{type_name}");
    }
    let mut base = format!("[{type_name}");
    if constructor.is_none() {
        base.push_str(" (null prototype)");
    }
    if details.name.is_empty() {
        base.push_str(" (anonymous)");
    } else {
        base.push_str(": ");
        base.push_str(&details.name);
    }
    base.push(']');
    if let Some(constructor_name) = constructor
        && constructor_name != type_name
    {
        base.push(' ');
        base.push_str(constructor_name);
    }
    if !tag.is_empty() && constructor != Some(tag) {
        base.push_str(&format!(" [{tag}]"));
    }
    base
}

/// Node's `improveStack`: makes the first line name the actual class (`MyError: ...`).
fn improve_stack(stack: String, constructor: Option<&str>, name: &str, tag: &str) -> String {
    let mut name_length = name.len();
    let looks_regular = name.ends_with("Error")
        && stack.starts_with(name)
        && (stack.len() == name_length || matches!(stack.as_bytes()[name_length], b':' | b'\n'));
    if constructor.is_some() && !looks_regular {
        return stack;
    }
    let mut fallback = "Error".to_string();
    if constructor.is_none() {
        let found = leading_error_name(&stack);
        name_length = found.len();
        fallback = if found.is_empty() {
            "Error".to_string()
        } else {
            found
        };
    }
    let prefix_with_space = get_prefix(constructor, tag, &fallback, "");
    let prefix = &prefix_with_space[..prefix_with_space.len() - 1];
    if name == prefix {
        return stack;
    }
    let rest = stack.get(name_length..).unwrap_or("");
    if prefix.contains(name) {
        if name_length == 0 {
            format!("{prefix}: {stack}")
        } else {
            format!("{prefix}{rest}")
        }
    } else {
        format!("{prefix} [{name}]{rest}")
    }
}

/// The class-like name at the start of a stack without a constructor, as node's two
/// regular expressions find it (`/^([A-Z][a-z_ A-Z0-9[\]()-]+)(?::|\n {4}at)/` or
/// `/^([a-z_A-Z0-9-]*Error)$/`); empty when neither matches.
fn leading_error_name(stack: &str) -> String {
    let bytes = stack.as_bytes();
    if let Some(first) = bytes.first()
        && first.is_ascii_uppercase()
    {
        let is_name_byte = |byte: u8| {
            byte.is_ascii_alphanumeric()
                || matches!(byte, b'_' | b' ' | b'[' | b']' | b'(' | b')' | b'-')
        };
        let run_end = 1 + bytes[1..]
            .iter()
            .take_while(|&&byte| is_name_byte(byte))
            .count();
        if run_end > 1 {
            let rest = &stack[run_end..];
            if rest.starts_with(':') || rest.starts_with("\n    at") {
                return stack[..run_end].to_string();
            }
        }
    }
    if stack.ends_with("Error")
        && stack
            .bytes()
            .all(|byte| byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-')
    {
        return stack.to_string();
    }
    String::new()
}

fn remaining_items_text(remaining: u64) -> String {
    format!(
        "... {remaining} more item{}",
        if remaining > 1 { "s" } else { "" }
    )
}

fn string_key(name: &str) -> InspectPropertyKey {
    InspectPropertyKey::String(name.encode_utf16().collect())
}

/// Whether a key prints without quotes (`/^[a-zA-Z_][a-zA-Z_0-9]*$/`).
fn is_identifier_like_key(key: &[u16]) -> bool {
    let is_start =
        |unit: u16| unit < 128 && ((unit as u8).is_ascii_alphabetic() || unit == u16::from(b'_'));
    let is_rest = |unit: u16| is_start(unit) || (unit < 128 && (unit as u8).is_ascii_digit());
    match key.split_first() {
        Some((&first, rest)) => is_start(first) && rest.iter().all(|&unit| is_rest(unit)),
        None => false,
    }
}

/// Node's `meta` table entry for a code unit that must be escaped (control characters,
/// quote, backslash, C1 controls).
fn escape_sequence_for(unit: u16) -> String {
    match unit {
        0x08 => "\\b".to_string(),
        0x09 => "\\t".to_string(),
        0x0a => "\\n".to_string(),
        0x0c => "\\f".to_string(),
        0x0d => "\\r".to_string(),
        0x27 => "\\'".to_string(),
        0x5c => "\\\\".to_string(),
        _ => format!("\\x{unit:02X}"),
    }
}

/// Appends `units` (valid UTF-16 apart from already-escaped lone surrogates) to `output`.
fn push_utf16(output: &mut String, units: &[u16]) {
    output.extend(
        char::decode_utf16(units.iter().copied()).map(|result| result.unwrap_or('\u{fffd}')),
    );
}

/// Escapes a string like node's `strEscape` core loop; `escape_single_quote` decides
/// whether `'` is escaped. Lone surrogates become `\uXXXX` (lowercase hex).
fn escape_units(text: &[u16], escape_single_quote: bool) -> String {
    let mut result = String::with_capacity(text.len() + 2);
    let mut last = 0;
    let mut index = 0;
    while index < text.len() {
        let unit = text[index];
        if (unit == 0x27 && escape_single_quote)
            || unit == 0x5c
            || unit < 0x20
            || (unit > 0x7e && unit < 0xa0)
        {
            push_utf16(&mut result, &text[last..index]);
            result.push_str(&escape_sequence_for(unit));
            last = index + 1;
        } else if (0xd800..=0xdfff).contains(&unit) {
            if unit <= 0xdbff
                && index + 1 < text.len()
                && (0xdc00..=0xdfff).contains(&text[index + 1])
            {
                index += 2;
                continue;
            }
            push_utf16(&mut result, &text[last..index]);
            result.push_str(&format!("\\u{unit:x}"));
            last = index + 1;
        }
        index += 1;
    }
    push_utf16(&mut result, &text[last..]);
    result
}

/// Node's `strEscape` with quotes: single quotes unless the text contains one, then
/// double quotes, then backticks, then escaped single quotes.
fn quote_and_escape(text: &[u16]) -> String {
    let contains = |unit: u8| text.contains(&u16::from(unit));
    let contains_template_start = text
        .windows(2)
        .any(|pair| pair == [u16::from(b'$'), u16::from(b'{')]);
    let quote = if !contains(b'\'') {
        '\''
    } else if !contains(b'"') {
        '"'
    } else if !contains(b'`') && !contains_template_start {
        '`'
    } else {
        '\''
    };
    let escaped = escape_units(text, quote == '\'');
    format!("{quote}{escaped}{quote}")
}

/// Node's `strEscapeSequencesReplacer` + `escapeFn` without quotes (symbol keys and
/// non-enumerable keys); escapes `'` too.
fn escape_without_quotes(text: &[u16]) -> String {
    escape_units(text, true)
}

/// JavaScript's `.length` of a Rust string (UTF-16 code units).
fn js_length(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().map(char::len_utf16).sum()
    }
}

/// JavaScript's `Math.round` (halves round towards +Infinity).
fn js_round(value: f64) -> f64 {
    (value + 0.5).floor()
}

/// The display width used for column alignment: ASCII control characters are zero wide,
/// East Asian wide and full-width characters two columns, combining marks zero.
fn display_width(text: &str) -> usize {
    text.chars()
        .map(|character| {
            let code = character as u32;
            if is_zero_width_code_point(code) {
                0
            } else if is_full_width_code_point(code) {
                2
            } else {
                1
            }
        })
        .sum()
}

fn is_zero_width_code_point(code: u32) -> bool {
    code <= 0x1f
        || (0x7f..=0x9f).contains(&code)
        || (0x300..=0x36f).contains(&code)
        || (0x200b..=0x200f).contains(&code)
        || (0x20d0..=0x20ff).contains(&code)
        || (0xfe00..=0xfe0f).contains(&code)
        || (0xfe20..=0xfe2f).contains(&code)
        || (0xe0100..=0xe01ef).contains(&code)
}

fn is_full_width_code_point(code: u32) -> bool {
    code >= 0x1100
        && (code <= 0x115f
            || code == 0x2329
            || code == 0x232a
            || ((0x2e80..=0x3247).contains(&code) && code != 0x303f)
            || (0x3250..=0x4dbf).contains(&code)
            || (0x4e00..=0xa4c6).contains(&code)
            || (0xa960..=0xa97c).contains(&code)
            || (0xac00..=0xd7a3).contains(&code)
            || (0xf900..=0xfaff).contains(&code)
            || (0xfe10..=0xfe19).contains(&code)
            || (0xfe30..=0xfe6b).contains(&code)
            || (0xff01..=0xff60).contains(&code)
            || (0xffe0..=0xffe6).contains(&code)
            || (0x1b000..=0x1b001).contains(&code)
            || (0x1f200..=0x1f251).contains(&code)
            || (0x1f300..=0x1f64f).contains(&code)
            || (0x20000..=0x3fffd).contains(&code))
}

#[cfg(test)]
mod tests;

/// Node's `formatArrayBuffer`: `[Uint8Contents]: <00 ff ...>`, at most `max_bytes` bytes and
/// then `... N more bytes`; `(detached)` for a detached buffer.
fn array_buffer_contents(contents: Option<&[u8]>, byte_length: usize, max_bytes: usize) -> String {
    let Some(bytes) = contents else {
        return "(detached)".to_string();
    };
    let shown: Vec<String> = bytes
        .iter()
        .take(max_bytes)
        .map(|byte| format!("{byte:02x}"))
        .collect();
    let mut text = shown.join(" ");
    let remaining = byte_length.saturating_sub(max_bytes);
    if remaining > 0 {
        text.push_str(&format!(
            " ... {remaining} more byte{}",
            if remaining > 1 { "s" } else { "" }
        ));
    }
    format!("[Uint8Contents]: <{text}>")
}
