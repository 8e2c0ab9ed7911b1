//! Built-in objects whose properties are installed on first touch: the intrinsic
//! constructors and prototypes (`Array.prototype`, `String`, `Date.prototype`, ...) exist from
//! realm setup on, but their methods and other properties are created the first time anything
//! looks at them.
//!
//! Performance decision: the "fib(30) allocates < 100 KB" target of docs/PERFORMANCE.md counts
//! every byte of realm setup, and most of it was the contents of the intrinsic prototypes and
//! constructors: a function object, a boxed native-function record, a name string, an atom
//! and a property-table entry per method, for hundreds of methods a small program never
//! calls. Unlike the self-contained namespaces of `crate::lazy_globals`, these objects cannot
//! be created later: the runtime refers to them through `Intrinsics` (every array has
//! %Array.prototype% as its prototype), so the objects exist and only their *contents* wait.
//!
//! How a deferred object stays invisible:
//! - [`Vm::defer_contents`] records a *group*: the objects one installer fills (for example
//!   `Array` and `Array.prototype`), and the installer. Each member gets a private shape (its
//!   own, unshared by any other object) flagged with `Shape::deferred_contents`. The
//!   properties defined before deferral (`length`, `name`, `prototype`, `constructor`) stay
//!   where they are; the installer appends the rest in exactly the order the eager code did,
//!   so enumeration order is unchanged.
//! - Every own-property operation finds properties through [`Vm::find_own_property`] (the
//!   [[GetOwnProperty]], [[Get]], [[Set]], [[DefineOwnProperty]], [[Delete]], [[HasProperty]]
//!   paths, prototype-chain walks and cache-filling slow paths) or reads the whole property
//!   table ([[OwnPropertyKeys]], the inspect formatter, preventExtensions). Both check the flag
//!   on the shape they read anyway and run the group's installer first
//!   ([`Vm::install_deferred_contents`]).
//! - Inline caches: a cache entry is only ever made by a slow path, after that path looked the
//!   key up (and so installed the contents). A deferred object's private shape is not shared
//!   with any other object and is replaced by the installer, so an entry keyed on it (made by
//!   a slow path that read the receiver's shape before the lookup installed the contents) can
//!   never match again, and no entry made for another object can match it. Installing adds
//!   properties through the ordinary paths, which bump the prototype epoch of objects that
//!   guard prototype-chain caches.
//! - A group is removed from the pending list and its members' flags cleared before its
//!   installer runs, so the installer defines properties on its own objects normally and
//!   never recurses into itself; an installer that touches another deferred group's object
//!   installs that group first (as the eager order did, since groups are recorded in the
//!   eager installation order and an installer only reads groups recorded before it).
//!
//! Only the first realm defers, and only while it is being built (`Heap::building_realm`);
//! realms made by `Vm::create_realm` install everything at once. The shapes an installer builds
//! are frozen and pinned like those of realm setup (`Heap::freeze_recorded_setup_dictionaries`).

use crate::realm::{RealmId, Vm};
use crate::value::ObjectRef;

/// Installs the deferred properties of a group of built-in objects.
pub type DeferredContentsInstaller = fn(&mut Vm);

/// Returned by a lookup that met an object whose built-in contents are not installed yet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContentsDeferred;

/// The pending groups of the first realm.
#[derive(Debug, Default)]
pub struct DeferredContents {
    /// Each deferred object with the index of its group in `installers`.
    members: Vec<(ObjectRef, u16)>,
    /// The installer of each group; `None` once it ran.
    installers: Vec<Option<DeferredContentsInstaller>>,
}

impl DeferredContents {
    /// How many groups still wait for their first touch (for tests and statistics).
    pub fn pending_count(&self) -> usize {
        self.installers
            .iter()
            .filter(|group| group.is_some())
            .count()
    }

    /// Every object of a pending group (roots for the collector: a member must not be freed
    /// and its handle reused while its group can still run).
    pub fn pending_objects(&self) -> impl Iterator<Item = ObjectRef> + '_ {
        self.members
            .iter()
            .filter(|(_, group)| self.installers[usize::from(*group)].is_some())
            .map(|(object, _)| *object)
    }
}

impl Vm {
    /// Arranges for `install` to fill `objects` (whose identity already exists) on the first
    /// touch of any of them, in the first realm while it is being built; runs it at once
    /// otherwise. `objects` must list every object the installer adds properties to.
    pub(crate) fn defer_contents(
        &mut self,
        objects: &[ObjectRef],
        install: DeferredContentsInstaller,
    ) {
        let deferrable = self.current_realm == RealmId(0)
            && self.heap.building_realm
            && self.deferred_contents.installers.len() < usize::from(u16::MAX);
        if !deferrable {
            install(self);
            return;
        }
        let group = self.deferred_contents.installers.len() as u16;
        self.deferred_contents.installers.push(Some(install));
        for &object in objects {
            let shape = self.give_private_shape(object);
            self.heap.shapes.get_mut(shape).deferred_contents = true;
            self.deferred_contents.members.push((object, group));
        }
    }

    /// Runs the installer of the group `object` belongs to, if it has not run yet (a no-op
    /// for any other object).
    #[cold]
    #[inline(never)]
    pub fn install_deferred_contents(&mut self, object: ObjectRef) {
        let Some(&(_, group)) = self
            .deferred_contents
            .members
            .iter()
            .find(|(member, group)| {
                *member == object
                    && self.deferred_contents.installers[usize::from(*group)].is_some()
            })
        else {
            // Not a member (or its group ran): make sure the flag does not stay behind.
            let shape = self.object(object).shape;
            self.heap.shapes.get_mut(shape).deferred_contents = false;
            return;
        };
        let Some(install) = self.deferred_contents.installers[usize::from(group)].take() else {
            return;
        };
        for index in 0..self.deferred_contents.members.len() {
            let (member, member_group) = self.deferred_contents.members[index];
            if member_group == group {
                let shape = self.object(member).shape;
                self.heap.shapes.get_mut(shape).deferred_contents = false;
            }
        }
        let previous_realm = self.switch_realm(RealmId(0));
        let was_building = self.heap.building_realm;
        self.heap.building_realm = true;
        install(self);
        if !was_building {
            self.heap.freeze_recorded_setup_dictionaries();
        }
        self.switch_realm(previous_realm);
        if self.deferred_contents.pending_count() == 0 {
            self.deferred_contents = DeferredContents::default();
        }
    }

    /// Installs every pending group (for tests, and for callers that must see the finished
    /// realm).
    pub fn install_all_deferred_contents(&mut self) {
        while let Some(&(object, _)) = self
            .deferred_contents
            .members
            .iter()
            .find(|(_, group)| self.deferred_contents.installers[usize::from(*group)].is_some())
        {
            self.install_deferred_contents(object);
        }
    }

    /// Runs the pending installer of `object`'s group before code that reads the object's
    /// whole property table directly instead of looking keys up one by one.
    #[inline]
    pub fn ensure_contents_installed(&mut self, object: ObjectRef) {
        let shape = self.object(object).shape;
        if self.heap.shapes.get(shape).deferred_contents {
            self.install_deferred_contents(object);
        }
    }
}
