//! Built-in globals created on first use: `Math`, `JSON`, `Reflect`, `Atomics`, `Intl`,
//! `console`, `process`, `performance`, and the aliases of the global object itself
//! (`globalThis`, `global`).
//!
//! Performance decision: a program that never reads `Intl` should not pay for its dozens of
//! constructors, prototypes and methods (objects, name strings, shapes, atoms) at startup; the
//! "fib(30) allocates < 100 KB" target of docs/PERFORMANCE.md counts every byte of realm setup.
//! Each of these globals is a *self-contained* namespace: nothing else in the realm (no
//! intrinsic, no other built-in) refers to the objects it creates, so creating them later is
//! invisible to JavaScript as long as the global property itself behaves as if it had always
//! held them.
//!
//! How the property stays invisible:
//! - The global property is defined at setup at the same position (so enumeration order is
//!   unchanged) with the same attributes, holding the internal sentinel `Value::Hole`, and the
//!   key is recorded in [`LazyGlobals`] with its creation function.
//! - Every path that reads or replaces the value of a global property by name materializes it
//!   first: the global-variable slow paths of the interpreter (`GetGlobal` and friends; an
//!   inline cache is only ever filled by a slow path, so a cache hit never sees the sentinel),
//!   and the generic [[Get]] / [[GetOwnProperty]] of `crate::property` when they meet the
//!   sentinel.
//! - Every path through which the global object itself becomes a JavaScript value (the
//!   `globalThis`/`global` bindings, `this` of a script that uses it, the `this` coercion of
//!   sloppy functions, indirect eval, the dynamic function constructors, `$262.global`)
//!   materializes all of them first ([`Vm::global_object_escaping`]): from then on JavaScript
//!   code can enumerate, describe, freeze or delete the properties generically, and none holds
//!   a sentinel any more.
//!
//! Only the first realm (the one `Vm::new` creates) defers; realms made later by
//! `Vm::create_realm` install every global at once (they are rare and short-lived). Objects
//! created by a deferred installer get the same one-frozen-shape-per-object layout as realm
//! setup (see `Heap::freeze_setup_dictionaries`), so inline caches treat them alike.

use crate::atom::PropertyKey;
use crate::property::OwnLocation;
use crate::realm::{RealmId, Vm};
use crate::shape::Attributes;
use crate::value::{ObjectRef, Value};

/// Creates the value of a deferred global (in the first realm) and returns it.
pub type LazyGlobalInstaller = fn(&mut Vm) -> Value;

/// The deferred globals of the first realm.
#[derive(Debug)]
pub struct LazyGlobals {
    /// Keys still holding the sentinel, with the function that creates their value.
    pending: Vec<(PropertyKey, LazyGlobalInstaller)>,
    /// Whether new globals may still be deferred: true until the global object first escapes
    /// to JavaScript (after that, a deferred property could be observed holding the sentinel).
    open: bool,
    /// The first realm's global object (`None` until the first deferral).
    global: Option<ObjectRef>,
}

impl Default for LazyGlobals {
    fn default() -> Self {
        LazyGlobals {
            pending: Vec::new(),
            open: true,
            global: None,
        }
    }
}

impl LazyGlobals {
    /// Whether any global still waits for its first use.
    #[inline]
    pub fn any_pending(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Whether `key` is a global of the first realm that was not created yet.
    pub fn is_pending(&self, key: PropertyKey) -> bool {
        self.pending.iter().any(|(pending, _)| *pending == key)
    }

    /// How many globals wait for their first use (for tests and statistics).
    pub fn pending_count(&self) -> usize {
        self.pending.len()
    }
}

impl Vm {
    /// Defines the built-in global `name` (writable, non-enumerable, configurable) whose
    /// value `install` creates: deferred until first use in the first realm while its global
    /// object has not escaped to JavaScript yet, immediately otherwise.
    pub fn define_lazy_global(&mut self, name: &str, install: LazyGlobalInstaller) {
        let global = self.intrinsics.global_object;
        let deferrable = self.current_realm == RealmId(0)
            && self.lazy_globals.open
            && self.lazy_globals.global.is_none_or(|first| first == global);
        if !deferrable {
            let value = install(self);
            self.define_global(name, value);
            return;
        }
        let key = self.property_key_from_str(name);
        self.lazy_globals.global = Some(global);
        self.lazy_globals.pending.push((key, install));
        self.define_data_property(global, key, Value::Hole, Attributes::HIDDEN_DATA);
    }

    /// Creates the value of the deferred global `key` if it is one (a no-op otherwise), and
    /// stores it in the global property if that still holds the sentinel.
    pub fn materialize_lazy_global(&mut self, key: PropertyKey) {
        let Some(position) = self
            .lazy_globals
            .pending
            .iter()
            .position(|(pending, _)| *pending == key)
        else {
            return;
        };
        let (_, install) = self.lazy_globals.pending.swap_remove(position);
        let Some(global) = self.lazy_globals.global else {
            return;
        };
        let previous_realm = self.switch_realm(RealmId(0));
        let was_building = self.heap.building_realm;
        self.heap.building_realm = true;
        let value = install(self);
        if !was_building {
            self.heap.freeze_recorded_setup_dictionaries();
        }
        self.switch_realm(previous_realm);
        if let Some(OwnLocation::Slot(entry)) = self.find_own_property(global, key)
            && !entry.attributes.is_accessor()
        {
            let slots = &mut self.object_mut(global).slots;
            if slots[entry.slot as usize].is_hole() {
                slots[entry.slot as usize] = value;
            }
        }
    }

    /// Creates every deferred global and closes deferral (the global object is about to
    /// become visible to JavaScript).
    pub fn materialize_all_lazy_globals(&mut self) {
        self.lazy_globals.open = false;
        while let Some(&(key, _)) = self.lazy_globals.pending.last() {
            self.materialize_lazy_global(key);
        }
    }

    /// The value of the own data property `entry` of `holder` after creating it if it is a
    /// deferred global (its slot held the sentinel `Value::Hole`). Any other holder's value
    /// is returned unchanged.
    #[cold]
    #[inline(never)]
    pub(crate) fn value_after_materializing(
        &mut self,
        holder: ObjectRef,
        entry: crate::shape::ShapeEntry,
    ) -> Value {
        if self.lazy_globals.global == Some(holder) {
            self.materialize_lazy_global(entry.key);
        }
        self.object(holder).slots[entry.slot as usize]
    }

    /// Called before `value` is handed to JavaScript as the receiver of a getter or setter:
    /// when it is the global object with deferred globals (a bare `name` resolved to an
    /// accessor inherited from `Object.prototype`), they are all created first.
    #[inline]
    pub(crate) fn escape_if_global_object(&mut self, value: Value) {
        if self.lazy_globals.any_pending()
            && let Value::Object(object) = value
            && self.lazy_globals.global == Some(object)
        {
            self.materialize_all_lazy_globals();
        }
    }

    /// The global object of the current realm, about to be handed to JavaScript: every
    /// deferred global is created first (see the module documentation).
    #[inline]
    pub fn global_object_escaping(&mut self) -> ObjectRef {
        if self.lazy_globals.open || self.lazy_globals.any_pending() {
            self.materialize_all_lazy_globals();
        }
        self.intrinsics.global_object
    }
}

/// The installer of `globalThis` and `global`: the global object itself, escaping. (In a
/// realm made by `Vm::create_realm` nothing is deferred, and the first realm's deferred
/// globals are not its business.)
pub(crate) fn global_object_alias(vm: &mut Vm) -> Value {
    if vm.current_realm == RealmId(0) {
        Value::Object(vm.global_object_escaping())
    } else {
        Value::Object(vm.intrinsics.global_object)
    }
}
