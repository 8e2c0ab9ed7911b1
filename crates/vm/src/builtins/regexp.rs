//! `RegExp` on top of the `regress` crate (ECMAScript syntax and backtracking semantics,
//! matching directly on UTF-16 code units): the constructor, `exec`/`test`/`toString`, the flag
//! getters, `lastIndex` handling for the `g` and `y` flags, named groups, `d` (indices), and
//! the `Symbol.match`/`matchAll`/`replace`/`search`/`split` methods the String methods use.
//!
//! Simplifications (stated honestly): `Symbol.species` is ignored by `split`/`matchAll`;
//! `matchAll` collects its matches eagerly and returns an array iterator over them; the `v`
//! flag is passed to regress as-is.

use regress::{Flags, Regex};

use super::{getter, method, string_value, symbol_method, to_units, units_of, utf16_value};
use crate::atom::{PropertyKey, atoms};
use crate::function::Args;
use crate::object::{IterationKind, ObjectKind, RegExpData};
use crate::realm::Vm;
use crate::shape::Attributes;
use crate::string::JsString;
use crate::value::{JsResult, ObjectRef, StringRef, Value};

/// Installs `RegExp` and `RegExp.prototype`.
pub fn install(vm: &mut Vm) {
    let constructor = vm.intrinsics.regexp_constructor;
    super::install_constructor_behaviour(vm, constructor, regexp_constructor, 2);
    let prototype = vm.intrinsics.regexp_prototype;
    vm.defer_contents(&[constructor, prototype], install_contents);
}

/// Installs the properties of `RegExp` and `RegExp.prototype` (on first touch, see `crate::deferred_contents`;
/// setting the constructor's behaviour again is harmless).
fn install_contents(vm: &mut Vm) {
    let constructor = vm.intrinsics.regexp_constructor;
    super::install_constructor_behaviour(vm, constructor, regexp_constructor, 2);
    method(vm, constructor, "escape", 1, regexp_escape);
    let prototype = vm.intrinsics.regexp_prototype;
    method(vm, prototype, "exec", 1, regexp_exec);
    method(vm, prototype, "test", 1, regexp_test);
    method(vm, prototype, "toString", 0, regexp_to_string);
    method(vm, prototype, "compile", 2, regexp_compile);
    getter(vm, prototype, "source", regexp_source);
    getter(vm, prototype, "flags", regexp_flags);
    getter(vm, prototype, "global", |vm, this, _| {
        flag_getter(vm, this, 'g')
    });
    getter(vm, prototype, "ignoreCase", |vm, this, _| {
        flag_getter(vm, this, 'i')
    });
    getter(vm, prototype, "multiline", |vm, this, _| {
        flag_getter(vm, this, 'm')
    });
    getter(vm, prototype, "dotAll", |vm, this, _| {
        flag_getter(vm, this, 's')
    });
    getter(vm, prototype, "unicode", |vm, this, _| {
        flag_getter(vm, this, 'u')
    });
    getter(vm, prototype, "unicodeSets", |vm, this, _| {
        flag_getter(vm, this, 'v')
    });
    getter(vm, prototype, "sticky", |vm, this, _| {
        flag_getter(vm, this, 'y')
    });
    getter(vm, prototype, "hasIndices", |vm, this, _| {
        flag_getter(vm, this, 'd')
    });
    let symbols = vm.intrinsics.symbols;
    symbol_method(
        vm,
        prototype,
        symbols.match_,
        "[Symbol.match]",
        1,
        regexp_symbol_match,
    );
    symbol_method(
        vm,
        prototype,
        symbols.match_all,
        "[Symbol.matchAll]",
        1,
        regexp_symbol_match_all,
    );
    symbol_method(
        vm,
        prototype,
        symbols.replace,
        "[Symbol.replace]",
        2,
        regexp_symbol_replace,
    );
    symbol_method(
        vm,
        prototype,
        symbols.search,
        "[Symbol.search]",
        1,
        regexp_symbol_search,
    );
    symbol_method(
        vm,
        prototype,
        symbols.split,
        "[Symbol.split]",
        2,
        regexp_symbol_split,
    );
    let species = symbols.species;
    super::symbol_getter(
        vm,
        constructor,
        species,
        "get [Symbol.species]",
        |_, this, _| Ok(this),
    );
}

/// Compiles a pattern with flags; SyntaxError text on failure.
pub fn compile_regex(pattern: &[u16], flags: &str) -> Result<Regex, String> {
    let unicode = flags.contains('u') || flags.contains('v');
    let code_points: Vec<u32> = if unicode {
        char::decode_utf16(pattern.iter().copied())
            .map(|result| result.map_or(0xfffd, |c| c as u32))
            .collect()
    } else {
        pattern.iter().map(|&unit| unit as u32).collect()
    };
    Regex::from_unicode(code_points.into_iter(), Flags::from(flags))
        .map_err(|error| error.to_string())
}

fn validate_flags(flags: &str) -> bool {
    let mut seen = String::new();
    for flag in flags.chars() {
        if !"dgimsuyv".contains(flag) || seen.contains(flag) {
            return false;
        }
        seen.push(flag);
    }
    !(seen.contains('u') && seen.contains('v'))
}

/// Creates a RegExp object (RegExpAlloc + RegExpInitialize).
pub fn regexp_create(
    vm: &mut Vm,
    pattern: &[u16],
    flags: &str,
    prototype: Option<ObjectRef>,
) -> JsResult<ObjectRef> {
    if !validate_flags(flags) {
        return vm.throw_syntax_error(&format!(
            "Invalid flags supplied to RegExp constructor '{flags}'"
        ));
    }
    let matcher = match compile_regex(pattern, flags) {
        Ok(matcher) => matcher,
        Err(message) => {
            let source = String::from_utf16_lossy(pattern);
            return vm.throw_syntax_error(&format!(
                "Invalid regular expression: /{source}/{flags}: {message}"
            ));
        }
    };
    let source = vm.alloc_string(JsString::from_utf16(pattern));
    let flags_string = vm.new_string(flags);
    Ok(regexp_object(
        vm,
        std::rc::Rc::new(matcher),
        source,
        flags_string,
        prototype,
    ))
}

/// A RegExp object around an already compiled `matcher` (RegExpAlloc + the end of
/// RegExpInitialize: `lastIndex` is 0).
pub(crate) fn regexp_object(
    vm: &mut Vm,
    matcher: std::rc::Rc<Regex>,
    source: StringRef,
    flags: StringRef,
    prototype: Option<ObjectRef>,
) -> ObjectRef {
    let prototype = prototype.unwrap_or(vm.intrinsics.regexp_prototype);
    let object = vm.alloc_object(
        Some(prototype),
        ObjectKind::RegExp(Box::new(RegExpData {
            matcher,
            source,
            flags,
            legacy_features_enabled: true,
        })),
    );
    vm.define_data_property(
        object,
        PropertyKey::Atom(atoms::LAST_INDEX),
        Value::Number(0.0),
        Attributes::WRITABLE_ONLY,
    );
    object
}

fn regexp_constructor(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let pattern = args.get(vm, 0);
    let flags = args.get(vm, 1);
    let new_target = if args.is_construct_call() {
        args.new_target()
    } else {
        Value::Object(args.callee())
    };
    if !args.is_construct_call()
        && let Value::Object(object) = pattern
        && matches!(vm.object(object).kind, ObjectKind::RegExp(_))
        && flags.is_undefined()
    {
        let constructor = vm.get(object, PropertyKey::Atom(atoms::CONSTRUCTOR))?;
        if constructor.is_identical(Value::Object(args.callee())) {
            return Ok(pattern);
        }
    }
    let existing = match pattern {
        Value::Object(object) => match &vm.object(object).kind {
            ObjectKind::RegExp(data) => Some((data.source, data.flags)),
            _ => None,
        },
        _ => None,
    };
    let (pattern_units, flag_text) = match existing {
        Some((source, original_flags)) => {
            let flags_text = if flags.is_undefined() {
                vm.string_to_rust(original_flags)
            } else {
                vm.to_rust_string(flags)?
            };
            (units_of(vm, source), flags_text)
        }
        None => {
            let units = if pattern.is_undefined() {
                Vec::new()
            } else {
                to_units(vm, pattern)?
            };
            let flags_text = if flags.is_undefined() {
                String::new()
            } else {
                vm.to_rust_string(flags)?
            };
            (units, flags_text)
        }
    };
    let fallback = vm.intrinsics.regexp_prototype;
    let prototype = vm.get_prototype_from_constructor(new_target, fallback)?;
    let created = regexp_create(vm, &pattern_units, &flag_text, Some(prototype))?;
    // [[LegacyFeaturesEnabled]]: false for instances of subclasses (and of another realm's
    // constructor used as new.target).
    let legacy = new_target.is_identical(Value::Object(vm.intrinsics.regexp_constructor));
    if let ObjectKind::RegExp(data) = &mut vm.object_mut(created).kind {
        data.legacy_features_enabled = legacy;
    }
    Ok(Value::Object(created))
}

fn regexp_compile(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let object = this_regexp(vm, this)?;
    // Legacy RegExp features: only instances made by %RegExp% itself may be recompiled.
    let legacy_enabled = matches!(
        &vm.object(object).kind,
        ObjectKind::RegExp(data) if data.legacy_features_enabled
    );
    if !legacy_enabled {
        return vm.throw_type_error(
            "RegExp.prototype.compile cannot be used on a RegExp subclass instance",
        );
    }
    let pattern = args.get(vm, 0);
    let flags = args.get(vm, 1);
    let existing = match pattern {
        Value::Object(pattern_object) => match &vm.object(pattern_object).kind {
            ObjectKind::RegExp(data) => Some((data.source, data.flags)),
            _ => None,
        },
        _ => None,
    };
    let (pattern_units, flags_text) = match existing {
        Some((source, original_flags)) => {
            if !flags.is_undefined() {
                return vm.throw_type_error(
                    "Cannot supply flags when constructing one RegExp from another",
                );
            }
            (units_of(vm, source), vm.string_to_rust(original_flags))
        }
        None => {
            let units = if pattern.is_undefined() {
                Vec::new()
            } else {
                to_units(vm, pattern)?
            };
            let text = if flags.is_undefined() {
                String::new()
            } else {
                vm.to_rust_string(flags)?
            };
            (units, text)
        }
    };
    let fresh = regexp_create(vm, &pattern_units, &flags_text, None)?;
    let data = std::mem::replace(&mut vm.object_mut(fresh).kind, ObjectKind::Ordinary);
    // The recompiled object keeps its identity; LastIndex is reset below.
    vm.object_mut(object).kind = data;
    vm.put_value(
        this,
        PropertyKey::Atom(atoms::LAST_INDEX),
        Value::Number(0.0),
        true,
    )?;
    Ok(this)
}

fn this_regexp(vm: &mut Vm, this: Value) -> JsResult<ObjectRef> {
    match this {
        Value::Object(object) if matches!(vm.object(object).kind, ObjectKind::RegExp(_)) => {
            Ok(object)
        }
        _ => vm.throw_type_error("RegExp method called on incompatible receiver"),
    }
}

fn flags_of(vm: &Vm, object: ObjectRef) -> String {
    match &vm.object(object).kind {
        ObjectKind::RegExp(data) => vm.string_to_rust(data.flags),
        _ => String::new(),
    }
}

fn flag_getter(vm: &mut Vm, this: Value, flag: char) -> JsResult<Value> {
    match this {
        Value::Object(object) if matches!(vm.object(object).kind, ObjectKind::RegExp(_)) => {
            Ok(Value::Boolean(flags_of(vm, object).contains(flag)))
        }
        Value::Object(object) if object == vm.intrinsics.regexp_prototype => Ok(Value::Undefined),
        _ => vm.throw_type_error("RegExp flag getter called on incompatible receiver"),
    }
}

/// EscapeRegExpPattern: the `source` text (`/` and line terminators escaped, `(?:)` for "").
pub fn escape_pattern(source: &[u16]) -> String {
    if source.is_empty() {
        return "(?:)".to_string();
    }
    let text = String::from_utf16_lossy(source);
    let mut escaped = String::with_capacity(text.len());
    let mut in_class = false;
    let mut previous_backslash = false;
    for character in text.chars() {
        match character {
            '/' if !previous_backslash && !in_class => escaped.push_str("\\/"),
            '\n' => escaped.push_str(if previous_backslash { "n" } else { "\\n" }),
            '\r' => escaped.push_str(if previous_backslash { "r" } else { "\\r" }),
            '\u{2028}' => escaped.push_str("\\u2028"),
            '\u{2029}' => escaped.push_str("\\u2029"),
            _ => {
                if !previous_backslash {
                    if character == '[' {
                        in_class = true;
                    } else if character == ']' {
                        in_class = false;
                    }
                }
                escaped.push(character);
            }
        }
        previous_backslash = character == '\\' && !previous_backslash;
    }
    escaped
}

/// `/source/flags` of a RegExp object (what `toString` and console.log show).
pub fn regexp_display_text(vm: &Vm, object: ObjectRef) -> String {
    match &vm.object(object).kind {
        ObjectKind::RegExp(data) => {
            let source = escape_pattern(&units_of(vm, data.source));
            format!("/{source}/{}", vm.string_to_rust(data.flags))
        }
        _ => "/(?:)/".to_string(),
    }
}

fn regexp_source(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    match this {
        Value::Object(object) => match &vm.object(object).kind {
            ObjectKind::RegExp(data) => {
                let text = escape_pattern(&units_of(vm, data.source));
                Ok(string_value(vm, &text))
            }
            _ if object == vm.intrinsics.regexp_prototype => Ok(string_value(vm, "(?:)")),
            _ => vm
                .throw_type_error("RegExp.prototype.source getter called on incompatible receiver"),
        },
        _ => vm.throw_type_error("RegExp.prototype.source getter called on non-object"),
    }
}

fn regexp_flags(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let Value::Object(object) = this else {
        return vm.throw_type_error("RegExp.prototype.flags getter called on non-object");
    };
    let mut text = String::new();
    let atoms = regexp_property_atoms(vm);
    for (atom, flag) in atoms[1..]
        .iter()
        .zip(['d', 'g', 'i', 'm', 's', 'u', 'v', 'y'])
    {
        let value = vm.get(object, PropertyKey::Atom(*atom))?;
        if vm.to_boolean(value) {
            text.push(flag);
        }
    }
    Ok(string_value(vm, &text))
}

fn regexp_to_string(vm: &mut Vm, this: Value, _args: Args) -> JsResult<Value> {
    let Value::Object(object) = this else {
        return vm.throw_type_error("RegExp.prototype.toString called on non-object");
    };
    let source = vm.get(object, PropertyKey::Atom(atoms::SOURCE))?;
    let mut units = vec![u16::from(b'/')];
    units.extend(to_units(vm, source)?);
    units.push(u16::from(b'/'));
    let flags = vm.get(object, PropertyKey::Atom(atoms::FLAGS))?;
    units.extend(to_units(vm, flags)?);
    Ok(utf16_value(vm, units))
}

/// One match: the whole-match range, the capture ranges, and the named groups.
pub struct RegExpMatch {
    /// Start of the whole match (code units).
    pub start: usize,
    /// End of the whole match.
    pub end: usize,
    /// Capture groups 1..n.
    pub captures: Vec<Option<(usize, usize)>>,
    /// Named groups in group order: (name, range).
    pub named_groups: Vec<(String, Option<(usize, usize)>)>,
}

/// Runs the matcher on `subject` from `start` (code units). With `sticky`, only a match
/// starting exactly at `start` counts.
pub fn run_matcher(
    vm: &Vm,
    regexp: ObjectRef,
    subject: &[u16],
    start: usize,
    sticky: bool,
) -> Option<RegExpMatch> {
    let ObjectKind::RegExp(data) = &vm.object(regexp).kind else {
        return None;
    };
    if start > subject.len() {
        return None;
    }
    let unicode = vm
        .string(data.flags)
        .view()
        .code_units()
        .any(|unit| unit == u16::from(b'u') || unit == u16::from(b'v'));
    let found = if unicode {
        data.matcher.find_from_utf16(subject, start).next()
    } else {
        data.matcher.find_from_ucs2(subject, start).next()
    }?;
    if sticky && found.range.start != start {
        return None;
    }
    Some(RegExpMatch {
        start: found.range.start,
        end: found.range.end,
        captures: found
            .captures
            .iter()
            .map(|capture| capture.as_ref().map(|range| (range.start, range.end)))
            .collect(),
        named_groups: found
            .named_groups()
            .map(|(name, range)| {
                (
                    name.to_string(),
                    range.map(|range| (range.start, range.end)),
                )
            })
            .collect(),
    })
}

/// RegExpBuiltinExec: returns the match array (or null), updating `lastIndex`.
pub fn builtin_exec(
    vm: &mut Vm,
    regexp: ObjectRef,
    subject: &[u16],
    subject_value: Value,
) -> JsResult<Value> {
    let flags = flags_of(vm, regexp);
    let global = flags.contains('g');
    let sticky = flags.contains('y');
    let has_indices = flags.contains('d');
    let last_index_value = vm.get(regexp, PropertyKey::Atom(atoms::LAST_INDEX))?;
    let mut last_index = vm.to_length(last_index_value)? as usize;
    if !global && !sticky {
        last_index = 0;
    }
    if last_index > subject.len() {
        if global || sticky {
            vm.put_value(
                Value::Object(regexp),
                PropertyKey::Atom(atoms::LAST_INDEX),
                Value::Number(0.0),
                true,
            )?;
        }
        return Ok(Value::Null);
    }
    let Some(found) = run_matcher(vm, regexp, subject, last_index, sticky) else {
        if global || sticky {
            vm.put_value(
                Value::Object(regexp),
                PropertyKey::Atom(atoms::LAST_INDEX),
                Value::Number(0.0),
                true,
            )?;
        }
        return Ok(Value::Null);
    };
    if global || sticky {
        vm.put_value(
            Value::Object(regexp),
            PropertyKey::Atom(atoms::LAST_INDEX),
            Value::Number(found.end as f64),
            true,
        )?;
    }
    let scope = vm.open_handle_scope();
    let mut elements = Vec::with_capacity(found.captures.len() + 1);
    elements.push(utf16_value(vm, subject[found.start..found.end].to_vec()));
    for capture in &found.captures {
        let value = match capture {
            Some((start, end)) => utf16_value(vm, subject[*start..*end].to_vec()),
            None => Value::Undefined,
        };
        vm.root(value);
        elements.push(value);
    }
    let array = vm.new_array(elements);
    vm.root(Value::Object(array));
    let index_key = PropertyKey::Atom(atoms::INDEX);
    vm.define_data_property(
        array,
        index_key,
        Value::Number(found.start as f64),
        Attributes::DEFAULT_DATA,
    );
    vm.define_data_property(
        array,
        PropertyKey::Atom(atoms::INPUT),
        subject_value,
        Attributes::DEFAULT_DATA,
    );
    let groups = if found.named_groups.is_empty() {
        Value::Undefined
    } else {
        let groups = vm.alloc_object(None, ObjectKind::Ordinary);
        for (name, range) in &found.named_groups {
            let value = match range {
                Some((start, end)) => utf16_value(vm, subject[*start..*end].to_vec()),
                None => Value::Undefined,
            };
            let key = vm.property_key_from_str(name);
            vm.define_data_property(groups, key, value, Attributes::DEFAULT_DATA);
        }
        Value::Object(groups)
    };
    vm.define_data_property(
        array,
        PropertyKey::Atom(atoms::GROUPS),
        groups,
        Attributes::DEFAULT_DATA,
    );
    if has_indices {
        let pair = |vm: &mut Vm, range: Option<(usize, usize)>| match range {
            Some((start, end)) => Value::Object(
                vm.new_array(vec![Value::Number(start as f64), Value::Number(end as f64)]),
            ),
            None => Value::Undefined,
        };
        let mut index_pairs = vec![pair(vm, Some((found.start, found.end)))];
        for capture in &found.captures {
            let value = pair(vm, *capture);
            vm.root(value);
            index_pairs.push(value);
        }
        let indices = vm.new_array(index_pairs);
        let indices_groups = if found.named_groups.is_empty() {
            Value::Undefined
        } else {
            let object = vm.alloc_object(None, ObjectKind::Ordinary);
            for (name, range) in &found.named_groups {
                let value = pair(vm, *range);
                let key = vm.property_key_from_str(name);
                vm.define_data_property(object, key, value, Attributes::DEFAULT_DATA);
            }
            Value::Object(object)
        };
        vm.define_data_property(
            indices,
            PropertyKey::Atom(atoms::GROUPS),
            indices_groups,
            Attributes::DEFAULT_DATA,
        );
        vm.define_data_property(
            array,
            PropertyKey::Atom(atoms::INDICES),
            Value::Object(indices),
            Attributes::DEFAULT_DATA,
        );
    }
    vm.close_handle_scope(scope);
    Ok(Value::Object(array))
}

/// The atoms of `exec` and of the flag getters' names in `flags` order (`hasIndices`,
/// `global`, `ignoreCase`, `multiline`, `dotAll`, `unicode`, `unicodeSets`, `sticky`),
/// interned once per Vm on first use (atoms are never freed).
///
/// Performance decision: `replace`, `split` and `matchAll` read `flags` (eight getters)
/// and RegExpExec reads `exec` on every call; interning the names each time was 4.7% of a
/// `replace(/\d+/g, ...)` loop. They are not predeclared atoms because realm setup would then
/// outgrow the atom table's reservation (fib(30)'s startup allocations 97 -> 121 KB).
fn regexp_property_atoms(vm: &mut Vm) -> [crate::atom::Atom; 9] {
    if let Some(atoms) = vm.regexp_property_atoms {
        return atoms;
    }
    let atoms = [
        "exec",
        "hasIndices",
        "global",
        "ignoreCase",
        "multiline",
        "dotAll",
        "unicode",
        "unicodeSets",
        "sticky",
    ]
    .map(|name| vm.intern_str(name));
    vm.regexp_property_atoms = Some(atoms);
    atoms
}

/// RegExpExec: a user-defined `exec` is honoured; the built-in one runs directly.
pub fn regexp_exec_abstract(
    vm: &mut Vm,
    regexp: ObjectRef,
    subject: &[u16],
    subject_value: Value,
) -> JsResult<Value> {
    let exec_atom = regexp_property_atoms(vm)[0];
    let exec = vm.get(regexp, PropertyKey::Atom(exec_atom))?;
    let is_builtin = match exec {
        Value::Object(function) => {
            matches!(&vm.object(function).kind, ObjectKind::NativeFunction(native) if std::ptr::fn_addr_eq(native.function, regexp_exec as crate::function::NativeFunction))
        }
        _ => false,
    };
    if vm.is_callable(exec) && !is_builtin {
        let result = vm.call(exec, Value::Object(regexp), &[subject_value])?;
        if !result.is_object() && !result.is_null() {
            return vm.throw_type_error("exec result must be an object or null");
        }
        return Ok(result);
    }
    if !matches!(vm.object(regexp).kind, ObjectKind::RegExp(_)) {
        return vm.throw_type_error("RegExp exec method called on incompatible receiver");
    }
    builtin_exec(vm, regexp, subject, subject_value)
}

fn subject_of(vm: &mut Vm, value: Value) -> JsResult<(Vec<u16>, Value)> {
    let string = vm.to_string(value)?;
    Ok((units_of(vm, string), Value::String(string)))
}

fn regexp_exec(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let regexp = this_regexp(vm, this)?;
    let (subject, subject_value) = subject_of(vm, args.get(vm, 0))?;
    builtin_exec(vm, regexp, &subject, subject_value)
}

fn regexp_test(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let Value::Object(regexp) = this else {
        return vm.throw_type_error("RegExp.prototype.test called on non-object");
    };
    let (subject, subject_value) = subject_of(vm, args.get(vm, 0))?;
    let result = regexp_exec_abstract(vm, regexp, &subject, subject_value)?;
    Ok(Value::Boolean(!result.is_null()))
}

/// AdvanceStringIndex.
fn advance_index(subject: &[u16], index: usize, unicode: bool) -> usize {
    if !unicode || index + 1 >= subject.len() {
        return index + 1;
    }
    let first = subject[index];
    let second = subject[index + 1];
    if (0xd800..0xdc00).contains(&first) && (0xdc00..0xe000).contains(&second) {
        index + 2
    } else {
        index + 1
    }
}

fn is_unicode(vm: &mut Vm, regexp: ObjectRef) -> JsResult<bool> {
    let flags = vm.get(regexp, PropertyKey::Atom(atoms::FLAGS))?;
    let text = vm.to_rust_string(flags)?;
    Ok(text.contains('u') || text.contains('v'))
}

fn regexp_symbol_match(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let Value::Object(regexp) = this else {
        return vm.throw_type_error("RegExp.prototype[Symbol.match] called on non-object");
    };
    let (subject, subject_value) = subject_of(vm, args.get(vm, 0))?;
    let flags = vm.get(regexp, PropertyKey::Atom(atoms::FLAGS))?;
    let flags = vm.to_rust_string(flags)?;
    if !flags.contains('g') {
        return regexp_exec_abstract(vm, regexp, &subject, subject_value);
    }
    let unicode = flags.contains('u') || flags.contains('v');
    vm.put_value(
        this,
        PropertyKey::Atom(atoms::LAST_INDEX),
        Value::Number(0.0),
        true,
    )?;
    let scope = vm.open_handle_scope();
    vm.root(this);
    vm.root(subject_value);
    let mut matches = Vec::new();
    loop {
        let result = regexp_exec_abstract(vm, regexp, &subject, subject_value)?;
        let Value::Object(result) = result else { break };
        let matched = vm.get(result, PropertyKey::Index(0))?;
        let matched = vm.to_string(matched)?;
        vm.root(Value::String(matched));
        matches.push(Value::String(matched));
        if vm.string(matched).is_empty() {
            let last_index = vm.get(regexp, PropertyKey::Atom(atoms::LAST_INDEX))?;
            let last_index = vm.to_length(last_index)? as usize;
            let next = advance_index(&subject, last_index, unicode);
            vm.put_value(
                this,
                PropertyKey::Atom(atoms::LAST_INDEX),
                Value::Number(next as f64),
                true,
            )?;
        }
    }
    vm.close_handle_scope(scope);
    if matches.is_empty() {
        return Ok(Value::Null);
    }
    Ok(Value::Object(vm.new_array(matches)))
}

fn regexp_symbol_match_all(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let Value::Object(regexp) = this else {
        return vm.throw_type_error("RegExp.prototype[Symbol.matchAll] called on non-object");
    };
    let (subject, subject_value) = subject_of(vm, args.get(vm, 0))?;
    let flags = vm.get(regexp, PropertyKey::Atom(atoms::FLAGS))?;
    let flags = vm.to_rust_string(flags)?;
    let scope = vm.open_handle_scope();
    vm.root(subject_value);
    // A fresh matcher so the original's lastIndex is untouched (as the spec's species clone).
    let source = match &vm.object(regexp).kind {
        ObjectKind::RegExp(data) => units_of(vm, data.source),
        _ => {
            let source = vm.get(regexp, PropertyKey::Atom(atoms::SOURCE))?;
            to_units(vm, source)?
        }
    };
    let matcher = regexp_create(vm, &source, &flags, None)?;
    vm.root(Value::Object(matcher));
    let last_index = vm.get(regexp, PropertyKey::Atom(atoms::LAST_INDEX))?;
    let last_index = vm.to_length(last_index)?;
    vm.put_value(
        Value::Object(matcher),
        PropertyKey::Atom(atoms::LAST_INDEX),
        Value::Number(last_index),
        true,
    )?;
    let global = flags.contains('g');
    let unicode = flags.contains('u') || flags.contains('v');
    let mut results = Vec::new();
    loop {
        let result = builtin_exec(vm, matcher, &subject, subject_value)?;
        let Value::Object(result_object) = result else {
            break;
        };
        vm.root(result);
        results.push(result);
        if !global {
            break;
        }
        let matched = vm.get(result_object, PropertyKey::Index(0))?;
        let matched = vm.to_string(matched)?;
        if vm.string(matched).is_empty() {
            let last_index = vm.get(matcher, PropertyKey::Atom(atoms::LAST_INDEX))?;
            let last_index = vm.to_length(last_index)? as usize;
            let next = advance_index(&subject, last_index, unicode);
            vm.put_value(
                Value::Object(matcher),
                PropertyKey::Atom(atoms::LAST_INDEX),
                Value::Number(next as f64),
                true,
            )?;
        }
    }
    let array = vm.new_array(results);
    vm.close_handle_scope(scope);
    Ok(Value::Object(super::iterators::create_array_iterator(
        vm,
        array,
        IterationKind::Values,
    )))
}

/// Looks up a named capture's text for `$<name>`.
pub type NamedCaptureLookup<'lookup> = &'lookup dyn Fn(&str) -> Option<Vec<u16>>;

/// GetSubstitution: expands `$$ $& $\` $' $n $nn $<name>` in a replacement template.
pub fn get_substitution(
    matched: &[u16],
    subject: &[u16],
    position: usize,
    captures: &[Option<Vec<u16>>],
    named_captures: Option<NamedCaptureLookup<'_>>,
    replacement: &[u16],
) -> Vec<u16> {
    let mut result = Vec::with_capacity(replacement.len());
    let capture_count = captures.len();
    let mut index = 0;
    let tail_position = (position + matched.len()).min(subject.len());
    while index < replacement.len() {
        let unit = replacement[index];
        if unit != u16::from(b'$') || index + 1 >= replacement.len() {
            result.push(unit);
            index += 1;
            continue;
        }
        let next = replacement[index + 1];
        match next {
            0x24 => {
                result.push(u16::from(b'$'));
                index += 2;
            }
            0x26 => {
                result.extend_from_slice(matched);
                index += 2;
            }
            0x60 => {
                result.extend_from_slice(&subject[..position.min(subject.len())]);
                index += 2;
            }
            0x27 => {
                result.extend_from_slice(&subject[tail_position..]);
                index += 2;
            }
            0x30..=0x39 => {
                let first_digit = (next - 0x30) as usize;
                let two_digit = replacement
                    .get(index + 2)
                    .filter(|unit| (0x30..=0x39).contains(*unit))
                    .map(|unit| first_digit * 10 + (*unit - 0x30) as usize);
                if let Some(number) = two_digit
                    && number >= 1
                    && number <= capture_count
                {
                    if let Some(capture) = &captures[number - 1] {
                        result.extend_from_slice(capture);
                    }
                    index += 3;
                } else if first_digit >= 1 && first_digit <= capture_count {
                    if let Some(capture) = &captures[first_digit - 1] {
                        result.extend_from_slice(capture);
                    }
                    index += 2;
                } else {
                    result.push(u16::from(b'$'));
                    index += 1;
                }
            }
            0x3c => match named_captures {
                None => {
                    result.push(u16::from(b'$'));
                    index += 1;
                }
                Some(lookup) => {
                    let close = replacement[index + 2..]
                        .iter()
                        .position(|&unit| unit == u16::from(b'>'));
                    match close {
                        None => {
                            result.push(u16::from(b'$'));
                            index += 1;
                        }
                        Some(offset) => {
                            let name = String::from_utf16_lossy(
                                &replacement[index + 2..index + 2 + offset],
                            );
                            if let Some(value) = lookup(&name) {
                                result.extend_from_slice(&value);
                            }
                            index += offset + 3;
                        }
                    }
                }
            },
            _ => {
                result.push(u16::from(b'$'));
                index += 1;
            }
        }
    }
    result
}

fn regexp_symbol_replace(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let Value::Object(regexp) = this else {
        return vm.throw_type_error("RegExp.prototype[Symbol.replace] called on non-object");
    };
    let scope = vm.open_handle_scope();
    vm.root(this);
    let (subject, subject_value) = subject_of(vm, args.get(vm, 0))?;
    vm.root(subject_value);
    let replace_value = args.get(vm, 1);
    vm.root(replace_value);
    let functional = vm.is_callable(replace_value);
    let replacement_template = if functional {
        Vec::new()
    } else {
        to_units(vm, replace_value)?
    };
    let flags = vm.get(regexp, PropertyKey::Atom(atoms::FLAGS))?;
    let flags = vm.to_rust_string(flags)?;
    let global = flags.contains('g');
    let unicode = flags.contains('u') || flags.contains('v');
    if global {
        vm.put_value(
            this,
            PropertyKey::Atom(atoms::LAST_INDEX),
            Value::Number(0.0),
            true,
        )?;
    }
    let mut results = Vec::new();
    loop {
        let result = regexp_exec_abstract(vm, regexp, &subject, subject_value)?;
        let Value::Object(result_object) = result else {
            break;
        };
        vm.root(result);
        results.push(result_object);
        if !global {
            break;
        }
        let matched = vm.get(result_object, PropertyKey::Index(0))?;
        let matched = vm.to_string(matched)?;
        if vm.string(matched).is_empty() {
            let last_index = vm.get(regexp, PropertyKey::Atom(atoms::LAST_INDEX))?;
            let last_index = vm.to_length(last_index)? as usize;
            let next = advance_index(&subject, last_index, unicode);
            vm.put_value(
                this,
                PropertyKey::Atom(atoms::LAST_INDEX),
                Value::Number(next as f64),
                true,
            )?;
        }
    }
    let mut accumulated = Vec::with_capacity(subject.len());
    let mut next_source_position = 0usize;
    for result in results {
        let capture_count = super::length_of_array_like(vm, result)?.saturating_sub(1) as usize;
        let matched_value = vm.get(result, PropertyKey::Index(0))?;
        let matched = to_units(vm, matched_value)?;
        let position_value = vm.get(result, PropertyKey::Atom(atoms::INDEX))?;
        let position =
            (vm.to_integer_or_infinity(position_value)?.max(0.0) as usize).min(subject.len());
        let mut captures: Vec<Option<Vec<u16>>> = Vec::with_capacity(capture_count);
        let mut capture_values = Vec::with_capacity(capture_count);
        for number in 1..=capture_count {
            let capture = vm.get(result, PropertyKey::Index(number as u32))?;
            if capture.is_undefined() {
                captures.push(None);
                capture_values.push(Value::Undefined);
            } else {
                let string = vm.to_string(capture)?;
                vm.root(Value::String(string));
                captures.push(Some(units_of(vm, string)));
                capture_values.push(Value::String(string));
            }
        }
        let named_captures = vm.get(result, PropertyKey::Atom(atoms::GROUPS))?;
        let replacement: Vec<u16> = if functional {
            let mut call_arguments = vec![utf16_value(vm, matched.clone())];
            call_arguments.extend(capture_values);
            call_arguments.push(Value::Number(position as f64));
            call_arguments.push(subject_value);
            if !named_captures.is_undefined() {
                call_arguments.push(named_captures);
            }
            let replaced = vm.call(replace_value, Value::Undefined, &call_arguments)?;
            to_units(vm, replaced)?
        } else if let Value::Object(groups) = named_captures {
            // Resolve the named groups this template mentions up front (the lookup closure
            // cannot call into the VM).
            let mut resolved: Vec<(String, Option<Vec<u16>>)> = Vec::new();
            let mut search = 0;
            while let Some(offset) = replacement_template[search..]
                .windows(2)
                .position(|pair| pair == [0x24, 0x3c])
            {
                let name_start = search + offset + 2;
                let Some(close) = replacement_template[name_start..]
                    .iter()
                    .position(|&unit| unit == u16::from(b'>'))
                else {
                    break;
                };
                let name =
                    String::from_utf16_lossy(&replacement_template[name_start..name_start + close]);
                let key = vm.property_key_from_str(&name);
                let value = vm.get(groups, key)?;
                let text = if value.is_undefined() {
                    None
                } else {
                    Some(to_units(vm, value)?)
                };
                resolved.push((name, text));
                search = name_start + close + 1;
            }
            let lookup = move |name: &str| {
                resolved
                    .iter()
                    .find(|(candidate, _)| candidate == name)
                    .and_then(|(_, text)| text.clone())
            };
            get_substitution(
                &matched,
                &subject,
                position,
                &captures,
                Some(&lookup),
                &replacement_template,
            )
        } else {
            get_substitution(
                &matched,
                &subject,
                position,
                &captures,
                None,
                &replacement_template,
            )
        };
        if position >= next_source_position {
            accumulated.extend_from_slice(&subject[next_source_position..position]);
            accumulated.extend_from_slice(&replacement);
            next_source_position = (position + matched.len()).min(subject.len());
        }
    }
    if next_source_position < subject.len() {
        accumulated.extend_from_slice(&subject[next_source_position..]);
    }
    vm.close_handle_scope(scope);
    Ok(utf16_value(vm, accumulated))
}

fn regexp_symbol_search(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let Value::Object(regexp) = this else {
        return vm.throw_type_error("RegExp.prototype[Symbol.search] called on non-object");
    };
    let (subject, subject_value) = subject_of(vm, args.get(vm, 0))?;
    let previous = vm.get(regexp, PropertyKey::Atom(atoms::LAST_INDEX))?;
    if !vm.same_value(previous, Value::Number(0.0)) {
        vm.put_value(
            this,
            PropertyKey::Atom(atoms::LAST_INDEX),
            Value::Number(0.0),
            true,
        )?;
    }
    let result = regexp_exec_abstract(vm, regexp, &subject, subject_value)?;
    let current = vm.get(regexp, PropertyKey::Atom(atoms::LAST_INDEX))?;
    if !vm.same_value(current, previous) {
        vm.put_value(this, PropertyKey::Atom(atoms::LAST_INDEX), previous, true)?;
    }
    match result {
        Value::Object(result) => vm.get(result, PropertyKey::Atom(atoms::INDEX)),
        _ => Ok(Value::Number(-1.0)),
    }
}

fn regexp_symbol_split(vm: &mut Vm, this: Value, args: Args) -> JsResult<Value> {
    let Value::Object(regexp) = this else {
        return vm.throw_type_error("RegExp.prototype[Symbol.split] called on non-object");
    };
    let (subject, _subject_value) = subject_of(vm, args.get(vm, 0))?;
    let limit_value = args.get(vm, 1);
    let limit = if limit_value.is_undefined() {
        u32::MAX
    } else {
        vm.to_uint32(limit_value)?
    };
    let unicode = is_unicode(vm, regexp)?;
    let scope = vm.open_handle_scope();
    vm.root(this);
    let mut pieces: Vec<Value> = Vec::new();
    if limit == 0 {
        vm.close_handle_scope(scope);
        return Ok(Value::Object(vm.new_array(pieces)));
    }
    if !matches!(vm.object(regexp).kind, ObjectKind::RegExp(_)) {
        return vm.throw_type_error("RegExp.prototype[Symbol.split] requires a RegExp");
    }
    let size = subject.len();
    if size == 0 {
        if run_matcher(vm, regexp, &subject, 0, true).is_none() {
            pieces.push(utf16_value(vm, Vec::new()));
        }
        vm.close_handle_scope(scope);
        return Ok(Value::Object(vm.new_array(pieces)));
    }
    let mut piece_start = 0usize;
    let mut position = 0usize;
    while position < size {
        let Some(found) = run_matcher(vm, regexp, &subject, position, false) else {
            break;
        };
        if found.start >= size {
            break;
        }
        position = found.start;
        let end = found.end.min(size);
        if end == piece_start {
            position = advance_index(&subject, position, unicode);
            continue;
        }
        let piece = utf16_value(vm, subject[piece_start..position].to_vec());
        vm.root(piece);
        pieces.push(piece);
        if pieces.len() as u32 == limit {
            vm.close_handle_scope(scope);
            return Ok(Value::Object(vm.new_array(pieces)));
        }
        for capture in &found.captures {
            let value = match capture {
                Some((start, end)) => utf16_value(vm, subject[*start..*end].to_vec()),
                None => Value::Undefined,
            };
            vm.root(value);
            pieces.push(value);
            if pieces.len() as u32 == limit {
                vm.close_handle_scope(scope);
                return Ok(Value::Object(vm.new_array(pieces)));
            }
        }
        piece_start = end;
        position = if end > position {
            end
        } else {
            advance_index(&subject, position, unicode)
        };
    }
    let tail = utf16_value(vm, subject[piece_start..].to_vec());
    pieces.push(tail);
    vm.close_handle_scope(scope);
    Ok(Value::Object(vm.new_array(pieces)))
}

/// `RegExp.escape(string)`: EncodeForRegExpEscape over the code points of the string.
fn regexp_escape(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let Value::String(string) = args.get(vm, 0) else {
        return vm.throw_type_error("RegExp.escape requires a string");
    };
    let units = vm.string(string).to_utf16();
    let mut escaped: Vec<u16> = Vec::with_capacity(units.len() * 2);
    let push_text = |escaped: &mut Vec<u16>, text: &str| escaped.extend(text.encode_utf16());
    for (index, code_point) in char::decode_utf16(units.iter().copied()).enumerate() {
        let code_point: u32 = match code_point {
            Ok(character) => character as u32,
            Err(error) => error.unpaired_surrogate() as u32,
        };
        let ascii = char::from_u32(code_point).filter(char::is_ascii);
        if index == 0 && ascii.is_some_and(|character| character.is_ascii_alphanumeric()) {
            push_text(&mut escaped, &format!("\\x{code_point:02x}"));
            continue;
        }
        if let Some(character) = ascii
            && "^$\\.*+?()[]{}|/".contains(character)
        {
            escaped.push(u16::from(b'\\'));
            escaped.push(code_point as u16);
            continue;
        }
        let control = match code_point {
            0x09 => Some("\\t"),
            0x0A => Some("\\n"),
            0x0B => Some("\\v"),
            0x0C => Some("\\f"),
            0x0D => Some("\\r"),
            _ => None,
        };
        if let Some(control) = control {
            push_text(&mut escaped, control);
            continue;
        }
        let is_other_punctuator =
            ascii.is_some_and(|character| ",-=<>#&!%:;@~'`\"".contains(character));
        let is_white_space_or_line_terminator = matches!(
            code_point,
            0x20 | 0xA0 | 0x1680 | 0x2000
                ..=0x200A | 0x202F | 0x205F | 0x3000 | 0xFEFF | 0x2028 | 0x2029
        );
        let is_surrogate = (0xD800..=0xDFFF).contains(&code_point);
        if is_other_punctuator || is_white_space_or_line_terminator || is_surrogate {
            if code_point <= 0xFF {
                push_text(&mut escaped, &format!("\\x{code_point:02x}"));
            } else {
                push_text(&mut escaped, &format!("\\u{code_point:04x}"));
            }
            continue;
        }
        match char::from_u32(code_point) {
            Some(character) => {
                let mut buffer = [0u16; 2];
                escaped.extend_from_slice(character.encode_utf16(&mut buffer));
            }
            None => escaped.push(code_point as u16),
        }
    }
    Ok(super::utf16_value(vm, escaped))
}
