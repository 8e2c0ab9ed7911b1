//! ECMAScript modules: Source Text Module Records, loading through a host loader, linking,
//! evaluation (with top-level await), module namespace objects, dynamic `import()` and
//! `import.meta` (ES2025 sections 16.2.1.5 and following).
//!
//! # Representation
//!
//! The compiler turns module code into two templates that share one environment, the module
//! environment, which the VM creates when the module is linked: `ModuleInfo::init` puts the
//! hoisted functions and `var`s in place (InitializeEnvironment), `CompiledScript::top_level`
//! is the body (ExecuteModule). Every module-scope binding lives in that environment, so an
//! import binding is an environment slot holding an internal [`ObjectKind::ModuleBinding`]
//! object that points at the exporting module's environment slot; `LoadImport` follows it, so
//! importers see later updates and the exporter's TDZ. A namespace import (or an import that
//! resolves to a namespace) holds the namespace object itself.
//!
//! Module records live in [`ModuleRegistry`] on the `Vm`, indexed by [`ModuleId`], and are
//! never freed (as the spec's module map keeps them alive for the realm's lifetime). Their
//! heap values (environments, namespaces, errors, promises, meta objects) are GC roots.
//!
//! # Loading
//!
//! The embedder installs a [`ModuleLoader`]: given the referrer's name (its file name) and a
//! specifier, it returns the canonical name and source text of the module. Loading is
//! synchronous; the module map is keyed by the canonical name. Graph algorithms that recurse
//! over modules check the native stack budget, so a pathological graph is a RangeError.

use std::rc::Rc;

use rustc_hash::FxHashMap;
use tseval_compiler::{CompiledScript, ModuleInfo};
use tseval_gc::{Trace, Tracer};
use tseval_parser::{Arena, Goal, Interner};

use crate::atom::PropertyKey;
use crate::builtins::promise;
use crate::function::{Args, CodeId};
use crate::object::{ObjectKind, PropertyDescriptor};
use crate::realm::Vm;
use crate::value::{EnvRef, JsResult, ObjectRef, Value};

/// Index of a module record in [`ModuleRegistry::modules`].
pub type ModuleId = u32;

/// What a loader returns for a specifier.
#[derive(Clone, Debug)]
pub struct LoadedSource {
    /// The canonical name (the module map key, also the module's file name in stack traces and
    /// the referrer of its own imports).
    pub key: String,
    /// The source text.
    pub source: String,
}

/// The host hook behind HostLoadImportedModule.
pub trait ModuleLoader {
    /// Resolves `specifier` as imported by the script or module named `referrer` and reads
    /// it. An `Err` becomes a TypeError in JavaScript.
    fn load(&mut self, referrer: &str, specifier: &str) -> Result<LoadedSource, String>;

    /// Properties (name, string value) the host puts on a module's `import.meta` object.
    fn import_meta_properties(&mut self, _key: &str) -> Vec<(String, String)> {
        Vec::new()
    }
}

/// A module's [[Status]].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ModuleStatus {
    /// Parsed; its dependencies are not all loaded yet.
    New,
    /// Loaded with all dependencies.
    Unlinked,
    /// Inside Link().
    Linking,
    /// Linked.
    Linked,
    /// Inside Evaluate().
    Evaluating,
    /// Waiting for asynchronous dependencies or its own top-level await.
    EvaluatingAsync,
    /// Done (successfully or with [`ModuleRecord::error`]).
    Evaluated,
}

/// Where an export resolves to (ResolvedBinding Record).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResolvedBinding {
    /// A binding in a module environment.
    Slot {
        /// The module.
        module: ModuleId,
        /// The slot in its environment.
        slot: u16,
    },
    /// The namespace object of a module (`export * as ns`).
    Namespace(ModuleId),
}

/// The result of ResolveExport.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Resolution {
    NotFound,
    Ambiguous,
    Found(ResolvedBinding),
}

/// A Source Text Module Record.
pub struct ModuleRecord {
    /// The canonical name.
    pub key: Rc<str>,
    /// The compiled module.
    pub script: Rc<CompiledScript>,
    /// [[Status]].
    pub status: ModuleStatus,
    /// The loaded module of each request (`ModuleInfo::requests`), once loaded.
    pub loaded: Vec<Option<ModuleId>>,
    /// The module environment, created on first need during linking.
    pub env: Option<EnvRef>,
    /// The namespace object, created on first need.
    pub namespace: Option<ObjectRef>,
    /// The namespace's export names (as keys, sorted by code units) and their bindings.
    pub namespace_exports: Vec<(PropertyKey, ResolvedBinding)>,
    /// The `import.meta` object, created on first use.
    pub meta: Option<ObjectRef>,
    /// [[EvaluationError]].
    pub error: Option<Value>,
    /// For a JSON or text module: its only export's value (the default export).
    pub synthetic_default: Option<Value>,
    /// Linked body and init code.
    code: Option<(CodeId, CodeId)>,
    dfs_index: u32,
    dfs_ancestor_index: u32,
    cycle_root: ModuleId,
    has_tla: bool,
    /// [[AsyncEvaluation]] (true from the moment it became asynchronous until it finished).
    async_evaluation: bool,
    /// The order in which modules became asynchronous.
    async_order: u64,
    /// [[TopLevelCapability]]'s promise.
    pub capability: Option<ObjectRef>,
    async_parents: Vec<ModuleId>,
    pending_async_dependencies: usize,
}

/// Every module of a realm and the host loader.
#[derive(Default)]
pub struct ModuleRegistry {
    /// The module records.
    pub modules: Vec<ModuleRecord>,
    /// The module map: canonical name to record.
    pub by_key: FxHashMap<Rc<str>, ModuleId>,
    /// The host loader; without one, every import fails with a TypeError.
    pub loader: Option<Box<dyn ModuleLoader>>,
    next_async_order: u64,
}

impl std::fmt::Debug for ModuleRegistry {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        formatter
            .debug_struct("ModuleRegistry")
            .field("modules", &self.modules.len())
            .finish_non_exhaustive()
    }
}

impl ModuleRegistry {
    /// Marks the heap values held by module records.
    pub fn trace(&self, tracer: &mut Tracer) {
        for module in &self.modules {
            if let Some(env) = module.env {
                tracer.push(env);
            }
            for object in [module.namespace, module.meta, module.capability]
                .into_iter()
                .flatten()
            {
                tracer.push(object);
            }
            for value in [module.error, module.synthetic_default]
                .into_iter()
                .flatten()
            {
                value.trace(tracer);
            }
        }
    }
}

fn info(record: &ModuleRecord) -> &ModuleInfo {
    // Only module code is registered, so `module` is always present.
    record
        .script
        .module
        .as_deref()
        .expect("module records hold module code")
}

impl Vm {
    fn module(&self, id: ModuleId) -> &ModuleRecord {
        &self.modules.modules[id as usize]
    }

    fn module_mut(&mut self, id: ModuleId) -> &mut ModuleRecord {
        &mut self.modules.modules[id as usize]
    }

    /// Installs the host's module loader.
    pub fn set_module_loader(&mut self, loader: Box<dyn ModuleLoader>) {
        self.modules.loader = Some(loader);
    }

    /// Registers an already compiled module under `key` (the entry module of a program)
    /// and returns its id; an existing record with the same key is returned as is.
    pub fn register_module(&mut self, key: &str, script: Rc<CompiledScript>) -> ModuleId {
        if let Some(&id) = self.modules.by_key.get(key) {
            return id;
        }
        let requests = script.module.as_ref().map_or(0, |info| info.requests.len());
        let id = self.modules.modules.len() as ModuleId;
        let key: Rc<str> = Rc::from(key);
        self.modules.modules.push(ModuleRecord {
            key: Rc::clone(&key),
            script,
            status: ModuleStatus::New,
            loaded: vec![None; requests],
            env: None,
            namespace: None,
            namespace_exports: Vec::new(),
            meta: None,
            error: None,
            synthetic_default: None,
            code: None,
            dfs_index: 0,
            dfs_ancestor_index: 0,
            cycle_root: id,
            has_tla: false,
            async_evaluation: false,
            async_order: 0,
            capability: None,
            async_parents: Vec::new(),
            pending_async_dependencies: 0,
        });
        let has_tla = info(self.module(id)).has_top_level_await;
        self.module_mut(id).has_tla = has_tla;
        self.modules.by_key.insert(key, id);
        id
    }

    /// HostLoadImportedModule: resolves, reads and compiles (or finds in the module map) the
    /// module `specifier` imported from `referrer`.
    fn load_imported_module(
        &mut self,
        referrer: &str,
        specifier: &str,
        module_type: Option<&str>,
    ) -> JsResult<ModuleId> {
        match module_type {
            None | Some("javascript") | Some("json") | Some("text") => {}
            Some(other) => {
                return Err(self.new_type_error(&format!("Module type '{other}' is not supported")));
            }
        }
        let loaded = match self.modules.loader.as_mut() {
            Some(loader) => loader.load(referrer, specifier),
            None => Err(format!(
                "Cannot find module '{specifier}' (no module loader)"
            )),
        };
        let loaded = match loaded {
            Ok(loaded) => loaded,
            Err(message) => return Err(self.new_type_error(&message)),
        };
        let synthetic = module_type.filter(|kind| *kind == "json" || *kind == "text");
        let key = match synthetic {
            Some(kind) => format!("{}#{kind}", loaded.key),
            None => loaded.key.clone(),
        };
        if let Some(&id) = self.modules.by_key.get(key.as_str()) {
            return Ok(id);
        }
        let Some(kind) = synthetic else {
            let script = compile_module(&loaded.source, &key)
                .map_err(|message| self.new_syntax_error(&message))?;
            return Ok(self.register_module(&key, Rc::new(script)));
        };
        // A JSON or text module is a synthetic module with one export, `default`, whose value
        // is computed now (a JSON syntax error is a loading error).
        let units: Vec<u16> = loaded.source.encode_utf16().collect();
        let value = if kind == "json" {
            crate::builtins::json::parse_json(self, &units)?
        } else {
            Value::String(self.new_string(&loaded.source))
        };
        let scope = self.open_handle_scope();
        self.root(value);
        let script = compile_module("var value;\nexport { value as default };\n", &key)
            .map_err(|message| self.new_syntax_error(&message))?;
        let id = self.register_module(&key, Rc::new(script));
        self.module_mut(id).synthetic_default = Some(value);
        self.close_handle_scope(scope);
        Ok(id)
    }

    /// Loads the whole graph below `root` (LoadRequestedModules, synchronously).
    pub fn load_requested_modules(&mut self, root: ModuleId) -> JsResult<()> {
        let mut worklist = vec![root];
        while let Some(id) = worklist.pop() {
            if self.module(id).status != ModuleStatus::New {
                continue;
            }
            let key = Rc::clone(&self.module(id).key);
            let requests = info(self.module(id)).requests.clone();
            for (index, request) in requests.iter().enumerate() {
                if self.module(id).loaded[index].is_some() {
                    continue;
                }
                let module_type = request
                    .attributes
                    .iter()
                    .find(|(attribute, _)| &**attribute == "type")
                    .map(|(_, value)| Rc::clone(value));
                let loaded =
                    self.load_imported_module(&key, &request.specifier, module_type.as_deref())?;
                self.module_mut(id).loaded[index] = Some(loaded);
                worklist.push(loaded);
            }
            self.module_mut(id).status = ModuleStatus::Unlinked;
        }
        Ok(())
    }

    fn required_module(&mut self, id: ModuleId, request: u32) -> JsResult<ModuleId> {
        match self
            .module(id)
            .loaded
            .get(request as usize)
            .copied()
            .flatten()
        {
            Some(required) => Ok(required),
            None => Err(self.new_type_error("internal error: module request not loaded")),
        }
    }

    fn check_module_recursion(&mut self) -> JsResult<()> {
        if self.native_stack_has_room() {
            Ok(())
        } else {
            Err(self.new_range_error("Maximum call stack size exceeded"))
        }
    }

    // ----- Export resolution -----

    /// GetExportedNames(exportStarSet).
    fn exported_names(
        &mut self,
        id: ModuleId,
        visited: &mut Vec<ModuleId>,
    ) -> JsResult<Vec<Rc<str>>> {
        self.check_module_recursion()?;
        if visited.contains(&id) {
            return Ok(Vec::new());
        }
        visited.push(id);
        let module_info = info(self.module(id));
        let mut names: Vec<Rc<str>> = module_info
            .local_exports
            .iter()
            .map(|entry| Rc::clone(&entry.export_name))
            .chain(
                module_info
                    .indirect_exports
                    .iter()
                    .map(|entry| Rc::clone(&entry.export_name)),
            )
            .collect();
        let stars = module_info.star_exports.clone();
        for request in stars.iter() {
            let required = self.required_module(id, *request)?;
            for name in self.exported_names(required, visited)? {
                if &*name != "default" && !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        Ok(names)
    }

    /// ResolveExport(exportName, resolveSet).
    fn resolve_export(
        &mut self,
        id: ModuleId,
        name: &str,
        resolve_set: &mut Vec<(ModuleId, Rc<str>)>,
    ) -> JsResult<Resolution> {
        self.check_module_recursion()?;
        if resolve_set
            .iter()
            .any(|(module, resolved)| *module == id && &**resolved == name)
        {
            return Ok(Resolution::NotFound);
        }
        resolve_set.push((id, Rc::from(name)));
        let module_info = info(self.module(id));
        if let Some(entry) = module_info
            .local_exports
            .iter()
            .find(|entry| &*entry.export_name == name)
        {
            return Ok(Resolution::Found(ResolvedBinding::Slot {
                module: id,
                slot: entry.local_slot,
            }));
        }
        if let Some(entry) = module_info
            .indirect_exports
            .iter()
            .find(|entry| &*entry.export_name == name)
            .cloned()
        {
            let required = self.required_module(id, entry.request)?;
            return match entry.import_name {
                None => Ok(Resolution::Found(ResolvedBinding::Namespace(required))),
                Some(import_name) => self.resolve_export(required, &import_name, resolve_set),
            };
        }
        if name == "default" {
            return Ok(Resolution::NotFound);
        }
        let stars = module_info.star_exports.clone();
        let mut star_resolution: Option<ResolvedBinding> = None;
        for request in stars.iter() {
            let required = self.required_module(id, *request)?;
            match self.resolve_export(required, name, resolve_set)? {
                Resolution::Ambiguous => return Ok(Resolution::Ambiguous),
                Resolution::NotFound => {}
                Resolution::Found(binding) => match star_resolution {
                    None => star_resolution = Some(binding),
                    Some(existing) if existing != binding => return Ok(Resolution::Ambiguous),
                    Some(_) => {}
                },
            }
        }
        Ok(star_resolution.map_or(Resolution::NotFound, Resolution::Found))
    }

    // ----- Namespaces -----

    /// GetModuleNamespace(module).
    pub fn module_namespace(&mut self, id: ModuleId) -> JsResult<ObjectRef> {
        if let Some(namespace) = self.module(id).namespace {
            return Ok(namespace);
        }
        let names = self.exported_names(id, &mut Vec::new())?;
        let mut exports: Vec<(Vec<u16>, Rc<str>, ResolvedBinding)> = Vec::new();
        for name in names {
            if let Resolution::Found(binding) = self.resolve_export(id, &name, &mut Vec::new())? {
                exports.push((name.encode_utf16().collect(), name, binding));
            }
        }
        exports.sort_by(|left, right| left.0.cmp(&right.0));
        let namespace_exports: Vec<(PropertyKey, ResolvedBinding)> = exports
            .into_iter()
            .map(|(_, name, binding)| (self.property_key_from_str(&name), binding))
            .collect();
        let namespace = self.alloc_object(None, ObjectKind::ModuleNamespace(id));
        self.module_mut(id).namespace = Some(namespace);
        self.module_mut(id).namespace_exports = namespace_exports;
        let tag = Value::String(self.new_string("Module"));
        let key = PropertyKey::Symbol(self.intrinsics.symbols.to_string_tag);
        self.define_own_property(
            namespace,
            key,
            PropertyDescriptor::data(tag, false, false, false),
        )?;
        self.object_mut(namespace).extensible = false;
        Ok(namespace)
    }

    /// The export index of `key` on the namespace of module `id`, if it is an export name.
    pub fn namespace_export_index(&self, id: ModuleId, key: PropertyKey) -> Option<u32> {
        if matches!(key, PropertyKey::Symbol(_)) {
            return None;
        }
        self.module(id)
            .namespace_exports
            .iter()
            .position(|(export, _)| *export == key)
            .map(|index| index as u32)
    }

    /// The export names of a namespace, in order.
    pub fn namespace_export_keys(&self, id: ModuleId) -> Vec<PropertyKey> {
        self.module(id)
            .namespace_exports
            .iter()
            .map(|(key, _)| *key)
            .collect()
    }

    /// Reads export `index` of the namespace of module `id` ([[Get]] of a module namespace):
    /// a ReferenceError while the binding is in its TDZ.
    pub fn namespace_export_value(&mut self, id: ModuleId, index: u32) -> JsResult<Value> {
        let Some(&(key, binding)) = self.module(id).namespace_exports.get(index as usize) else {
            return Ok(Value::Undefined);
        };
        match binding {
            ResolvedBinding::Namespace(target) => self.module_namespace(target).map(Value::Object),
            ResolvedBinding::Slot { module, slot } => {
                let value = self
                    .module(module)
                    .env
                    .and_then(|env| self.env(env).slots.get(usize::from(slot)).copied())
                    .unwrap_or(Value::Hole);
                if value.is_hole() {
                    let name = self.property_key_to_rust(key);
                    return Err(self.new_reference_error(&format!(
                        "Cannot access '{name}' before initialization"
                    )));
                }
                Ok(value)
            }
        }
    }

    // ----- Linking -----

    fn ensure_module_env(&mut self, id: ModuleId) -> EnvRef {
        if let Some(env) = self.module(id).env {
            return env;
        }
        let slots = info(self.module(id)).env_slots;
        let env = self.new_env(None, usize::from(slots), Value::Hole);
        self.module_mut(id).env = Some(env);
        env
    }

    fn ensure_module_code(&mut self, id: ModuleId) -> JsResult<(CodeId, CodeId)> {
        if let Some(code) = self.module(id).code {
            return Ok(code);
        }
        let script = Rc::clone(&self.module(id).script);
        match crate::interpreter::link::link_module(self, &script) {
            Ok(code) => {
                self.module_mut(id).code = Some(code);
                Ok(code)
            }
            Err(message) => Err(self.new_syntax_error(&message)),
        }
    }

    /// Link(): links the graph below `root`; on failure every module of the failed
    /// strongly connected components goes back to unlinked.
    pub fn link_module(&mut self, root: ModuleId) -> JsResult<()> {
        let mut stack = Vec::new();
        match self.inner_module_linking(root, &mut stack, 0) {
            Ok(_) => Ok(()),
            Err(error) => {
                for id in stack {
                    let module = self.module_mut(id);
                    module.status = ModuleStatus::Unlinked;
                    module.env = None;
                }
                Err(error)
            }
        }
    }

    fn inner_module_linking(
        &mut self,
        id: ModuleId,
        stack: &mut Vec<ModuleId>,
        mut index: u32,
    ) -> JsResult<u32> {
        self.check_module_recursion()?;
        match self.module(id).status {
            ModuleStatus::Linking
            | ModuleStatus::Linked
            | ModuleStatus::EvaluatingAsync
            | ModuleStatus::Evaluated
            | ModuleStatus::Evaluating => return Ok(index),
            ModuleStatus::New => {
                return Err(self.new_type_error("internal error: linking an unloaded module"));
            }
            ModuleStatus::Unlinked => {}
        }
        {
            let module = self.module_mut(id);
            module.status = ModuleStatus::Linking;
            module.dfs_index = index;
            module.dfs_ancestor_index = index;
        }
        index += 1;
        stack.push(id);
        let requests = self.module(id).loaded.clone();
        for required in requests.into_iter().flatten() {
            index = self.inner_module_linking(required, stack, index)?;
            if self.module(required).status == ModuleStatus::Linking {
                let ancestor = self
                    .module(id)
                    .dfs_ancestor_index
                    .min(self.module(required).dfs_ancestor_index);
                self.module_mut(id).dfs_ancestor_index = ancestor;
            }
        }
        self.initialize_module_environment(id)?;
        if self.module(id).dfs_ancestor_index == self.module(id).dfs_index {
            while let Some(member) = stack.pop() {
                self.module_mut(member).status = ModuleStatus::Linked;
                if member == id {
                    break;
                }
            }
        }
        Ok(index)
    }

    fn unresolvable_import_error(&mut self, id: ModuleId, name: &str, ambiguous: bool) -> Value {
        let key = Rc::clone(&self.module(id).key);
        let message = if ambiguous {
            format!(
                "The requested module '{key}' contains conflicting star exports for name '{name}'"
            )
        } else {
            format!("The requested module '{key}' does not provide an export named '{name}'")
        };
        self.new_syntax_error(&message)
    }

    /// InitializeEnvironment().
    fn initialize_module_environment(&mut self, id: ModuleId) -> JsResult<()> {
        let module_info = info(self.module(id));
        let indirect = module_info.indirect_exports.clone();
        let imports = module_info.imports.clone();
        for entry in indirect.iter() {
            match self.resolve_export(id, &entry.export_name, &mut Vec::new())? {
                Resolution::Found(_) => {}
                resolution => {
                    let required = self.required_module(id, entry.request)?;
                    let name = entry.import_name.as_deref().unwrap_or("*");
                    return Err(self.unresolvable_import_error(
                        required,
                        name,
                        resolution == Resolution::Ambiguous,
                    ));
                }
            }
        }
        let env = self.ensure_module_env(id);
        for entry in imports.iter() {
            let required = self.required_module(id, entry.request)?;
            let value = match &entry.import_name {
                None => Value::Object(self.module_namespace(required)?),
                Some(name) => match self.resolve_export(required, name, &mut Vec::new())? {
                    Resolution::Found(ResolvedBinding::Namespace(target)) => {
                        Value::Object(self.module_namespace(target)?)
                    }
                    Resolution::Found(ResolvedBinding::Slot { module, slot }) => {
                        let target_env = self.ensure_module_env(module);
                        let cell = self.alloc_object(
                            None,
                            ObjectKind::ModuleBinding {
                                env: target_env,
                                slot: u32::from(slot),
                            },
                        );
                        Value::Object(cell)
                    }
                    resolution => {
                        return Err(self.unresolvable_import_error(
                            required,
                            name,
                            resolution == Resolution::Ambiguous,
                        ));
                    }
                },
            };
            self.env_mut(env).slots[usize::from(entry.local_slot)] = value;
        }
        let (_, init) = self.ensure_module_code(id)?;
        let closure = crate::interpreter::objects::create_module_closure(self, init, env);
        self.call(Value::Object(closure), Value::Undefined, &[])?;
        if let Some(value) = self.module(id).synthetic_default
            && let Some(export) = info(self.module(id)).local_exports.first()
        {
            let slot = usize::from(export.local_slot);
            self.env_mut(env).slots[slot] = value;
        }
        Ok(())
    }

    // ----- Evaluation -----

    /// Evaluate(): returns the promise of the module's (cycle root's) top-level capability.
    pub fn evaluate_module(&mut self, root: ModuleId) -> ObjectRef {
        let mut id = root;
        if matches!(
            self.module(id).status,
            ModuleStatus::EvaluatingAsync | ModuleStatus::Evaluated
        ) {
            id = self.module(id).cycle_root;
        }
        if let Some(capability) = self.module(id).capability {
            return capability;
        }
        let capability = promise::new_promise(self, None);
        self.module_mut(id).capability = Some(capability);
        let mut stack = Vec::new();
        match self.inner_module_evaluation(id, &mut stack, 0) {
            Ok(_) => {
                if !self.module(id).async_evaluation {
                    let _ = promise::resolve_promise(self, capability, Value::Undefined);
                }
            }
            Err(error) => {
                for member in stack {
                    let module = self.module_mut(member);
                    module.status = ModuleStatus::Evaluated;
                    module.error = Some(error);
                }
                promise::reject_promise(self, capability, error);
            }
        }
        capability
    }

    fn inner_module_evaluation(
        &mut self,
        id: ModuleId,
        stack: &mut Vec<ModuleId>,
        mut index: u32,
    ) -> JsResult<u32> {
        self.check_module_recursion()?;
        match self.module(id).status {
            ModuleStatus::EvaluatingAsync | ModuleStatus::Evaluated => {
                return match self.module(id).error {
                    Some(error) => Err(error),
                    None => Ok(index),
                };
            }
            ModuleStatus::Evaluating => return Ok(index),
            ModuleStatus::Linked => {}
            _ => return Err(self.new_type_error("internal error: evaluating an unlinked module")),
        }
        {
            let module = self.module_mut(id);
            module.status = ModuleStatus::Evaluating;
            module.dfs_index = index;
            module.dfs_ancestor_index = index;
            module.pending_async_dependencies = 0;
        }
        index += 1;
        stack.push(id);
        let requests = self.module(id).loaded.clone();
        for required in requests.into_iter().flatten() {
            index = self.inner_module_evaluation(required, stack, index)?;
            let mut required = required;
            if self.module(required).status == ModuleStatus::Evaluating {
                let ancestor = self
                    .module(id)
                    .dfs_ancestor_index
                    .min(self.module(required).dfs_ancestor_index);
                self.module_mut(id).dfs_ancestor_index = ancestor;
            } else {
                required = self.module(required).cycle_root;
                if let Some(error) = self.module(required).error {
                    return Err(error);
                }
            }
            if self.module(required).async_evaluation {
                self.module_mut(id).pending_async_dependencies += 1;
                self.module_mut(required).async_parents.push(id);
            }
        }
        if self.module(id).pending_async_dependencies > 0 || self.module(id).has_tla {
            let order = self.modules.next_async_order;
            self.modules.next_async_order += 1;
            let module = self.module_mut(id);
            module.async_evaluation = true;
            module.async_order = order;
            if module.pending_async_dependencies == 0 {
                self.execute_async_module(id)?;
            }
        } else {
            self.execute_module_body(id)?;
        }
        if self.module(id).dfs_ancestor_index == self.module(id).dfs_index {
            while let Some(member) = stack.pop() {
                let module = self.module_mut(member);
                module.status = if module.async_evaluation {
                    ModuleStatus::EvaluatingAsync
                } else {
                    ModuleStatus::Evaluated
                };
                module.cycle_root = id;
                if member == id {
                    break;
                }
            }
        }
        Ok(index)
    }

    /// Runs a module body; for a body with top-level await, returns its promise.
    fn run_module_body(&mut self, id: ModuleId) -> JsResult<Value> {
        let (body, _) = self.ensure_module_code(id)?;
        let env = self.ensure_module_env(id);
        let closure = crate::interpreter::objects::create_module_closure(self, body, env);
        self.call(Value::Object(closure), Value::Undefined, &[])
    }

    /// ExecuteModule() of a module without top-level await.
    fn execute_module_body(&mut self, id: ModuleId) -> JsResult<()> {
        self.run_module_body(id).map(|_| ())
    }

    /// ExecuteAsyncModule(module).
    fn execute_async_module(&mut self, id: ModuleId) -> JsResult<()> {
        let result = self.run_module_body(id)?;
        let Value::Object(body_promise) = result else {
            return Ok(());
        };
        let module_value = Value::Number(f64::from(id));
        let empty = Value::String(self.intrinsics.empty_string);
        let scope = self.open_handle_scope();
        self.root(result);
        let on_fulfilled = self.new_native_function_with_data(
            empty,
            1,
            async_module_fulfilled,
            false,
            module_value,
        );
        self.root(Value::Object(on_fulfilled));
        let on_rejected = self.new_native_function_with_data(
            empty,
            1,
            async_module_rejected,
            false,
            module_value,
        );
        promise::react_to_promise(
            self,
            body_promise,
            Value::Object(on_fulfilled),
            Value::Object(on_rejected),
        );
        self.close_handle_scope(scope);
        Ok(())
    }

    /// GatherAvailableAncestors(module, execList).
    fn gather_available_ancestors(&mut self, id: ModuleId, exec_list: &mut Vec<ModuleId>) {
        let parents = self.module(id).async_parents.clone();
        for parent in parents {
            let root = self.module(parent).cycle_root;
            if !exec_list.contains(&parent) && self.module(root).error.is_none() {
                let module = self.module_mut(parent);
                module.pending_async_dependencies =
                    module.pending_async_dependencies.saturating_sub(1);
                if module.pending_async_dependencies == 0 {
                    exec_list.push(parent);
                    if !self.module(parent).has_tla {
                        self.gather_available_ancestors(parent, exec_list);
                    }
                }
            }
        }
    }

    /// AsyncModuleExecutionFulfilled(module).
    fn async_module_execution_fulfilled(&mut self, id: ModuleId) {
        if self.module(id).status == ModuleStatus::Evaluated {
            return;
        }
        {
            let module = self.module_mut(id);
            module.async_evaluation = false;
            module.status = ModuleStatus::Evaluated;
        }
        if let Some(capability) = self.module(id).capability {
            let _ = promise::resolve_promise(self, capability, Value::Undefined);
        }
        let mut exec_list = Vec::new();
        self.gather_available_ancestors(id, &mut exec_list);
        exec_list.sort_by_key(|member| self.module(*member).async_order);
        for member in exec_list {
            if self.module(member).status == ModuleStatus::Evaluated {
                continue;
            }
            if self.module(member).has_tla {
                if let Err(error) = self.execute_async_module(member) {
                    self.async_module_execution_rejected(member, error);
                }
            } else {
                match self.execute_module_body(member) {
                    Err(error) => self.async_module_execution_rejected(member, error),
                    Ok(()) => {
                        let module = self.module_mut(member);
                        module.async_evaluation = false;
                        module.status = ModuleStatus::Evaluated;
                        if let Some(capability) = self.module(member).capability {
                            let _ = promise::resolve_promise(self, capability, Value::Undefined);
                        }
                    }
                }
            }
        }
    }

    /// AsyncModuleExecutionRejected(module, error).
    fn async_module_execution_rejected(&mut self, id: ModuleId, error: Value) {
        if self.module(id).status == ModuleStatus::Evaluated {
            return;
        }
        {
            let module = self.module_mut(id);
            module.error = Some(error);
            module.status = ModuleStatus::Evaluated;
        }
        if let Some(capability) = self.module(id).capability {
            promise::reject_promise(self, capability, error);
        }
        let parents = self.module(id).async_parents.clone();
        for parent in parents {
            self.async_module_execution_rejected(parent, error);
        }
    }

    // ----- Entry points -----

    /// Loads, links and evaluates the module `id` (an entry module registered with
    /// [`Vm::register_module`]). Returns the evaluation promise; a loading or linking error is
    /// returned as `Err`.
    pub fn run_module(&mut self, id: ModuleId) -> JsResult<ObjectRef> {
        self.load_requested_modules(id)?;
        self.link_module(id)?;
        Ok(self.evaluate_module(id))
    }

    /// The settled state of a promise: `None` while pending, else `Ok(value)` when fulfilled
    /// or `Err(reason)` when rejected (a rejection read here counts as handled).
    pub fn promise_outcome(&mut self, promise: ObjectRef) -> Option<Result<Value, Value>> {
        match &mut self.object_mut(promise).kind {
            ObjectKind::Promise(data) => match data.state {
                crate::object::PromiseState::Pending => None,
                crate::object::PromiseState::Fulfilled => Some(Ok(data.result)),
                crate::object::PromiseState::Rejected => {
                    data.is_handled = true;
                    Some(Err(data.result))
                }
            },
            _ => None,
        }
    }

    /// The module whose code is named `file_name`, if any.
    pub fn module_by_name(&self, file_name: &str) -> Option<ModuleId> {
        self.modules.by_key.get(file_name).copied()
    }

    /// `import.meta` of the module named `file_name`.
    pub fn import_meta(&mut self, file_name: &str) -> JsResult<Value> {
        let Some(id) = self.module_by_name(file_name) else {
            return Err(self.new_syntax_error("Cannot use 'import.meta' outside a module"));
        };
        if let Some(meta) = self.module(id).meta {
            return Ok(Value::Object(meta));
        }
        let meta = self.alloc_object(None, ObjectKind::Ordinary);
        self.module_mut(id).meta = Some(meta);
        let key = Rc::clone(&self.module(id).key);
        let properties = match self.modules.loader.as_mut() {
            Some(loader) => loader.import_meta_properties(&key),
            None => Vec::new(),
        };
        for (name, text) in properties {
            let value = Value::String(self.new_string(&text));
            let property = self.property_key_from_str(&name);
            self.create_data_property(meta, property, value)?;
        }
        Ok(Value::Object(meta))
    }

    /// `import(specifier, options)` from the script or module named `referrer`: always
    /// returns a promise.
    pub fn dynamic_import(&mut self, referrer: &str, specifier: Value, options: Value) -> Value {
        let capability = promise::new_promise(self, None);
        let scope = self.open_handle_scope();
        self.root(Value::Object(capability));
        if let Err(error) = self.start_dynamic_import(referrer, specifier, options, capability) {
            promise::reject_promise(self, capability, error);
        }
        self.close_handle_scope(scope);
        Value::Object(capability)
    }

    fn start_dynamic_import(
        &mut self,
        referrer: &str,
        specifier: Value,
        options: Value,
        capability: ObjectRef,
    ) -> JsResult<()> {
        self.root(options);
        let specifier = self.to_rust_string(specifier)?;
        let mut module_type: Option<String> = None;
        if !options.is_undefined() {
            let Value::Object(options_object) = options else {
                return Err(
                    self.new_type_error("The second argument of import() must be an object")
                );
            };
            let with_key = self.property_key_from_str("with");
            let attributes = self.get(options_object, with_key)?;
            if !attributes.is_undefined() {
                let Value::Object(attributes_object) = attributes else {
                    return Err(
                        self.new_type_error("The 'with' option of import() must be an object")
                    );
                };
                self.root(attributes);
                let keys = self.own_enumerable_string_keys(attributes_object)?;
                for key in keys {
                    let value = self.get(attributes_object, key)?;
                    let Value::String(string) = value else {
                        return Err(self.new_type_error("Import attribute values must be strings"));
                    };
                    if self.property_key_to_rust(key) == "type" {
                        module_type = Some(self.string_to_rust(string));
                    }
                }
            }
        }
        let id = self.load_imported_module(referrer, &specifier, module_type.as_deref())?;
        self.load_requested_modules(id)?;
        // Loading finishes in a later job (ContinueDynamicImport runs as a promise reaction),
        // so linking and evaluation never happen inside another module's evaluation.
        let data = self.new_array(vec![
            Value::Object(capability),
            Value::Number(f64::from(id)),
        ]);
        self.root(Value::Object(data));
        let loaded = promise::new_promise(self, None);
        self.root(Value::Object(loaded));
        promise::resolve_promise(self, loaded, Value::Undefined)?;
        let empty = Value::String(self.intrinsics.empty_string);
        let continuation = self.new_native_function_with_data(
            empty,
            0,
            continue_dynamic_import,
            false,
            Value::Object(data),
        );
        promise::react_to_promise(self, loaded, Value::Object(continuation), Value::Undefined);
        Ok(())
    }

    /// ContinueDynamicImport after loading: link, evaluate, and settle the import's promise
    /// with the namespace once the evaluation settles.
    fn continue_dynamic_import(&mut self, capability: ObjectRef, id: ModuleId, data: Value) {
        if let Err(error) = self.link_module(id) {
            promise::reject_promise(self, capability, error);
            return;
        }
        let evaluation = self.evaluate_module(id);
        let scope = self.open_handle_scope();
        self.root(data);
        self.root(Value::Object(evaluation));
        let empty = Value::String(self.intrinsics.empty_string);
        let on_fulfilled =
            self.new_native_function_with_data(empty, 1, dynamic_import_fulfilled, false, data);
        self.root(Value::Object(on_fulfilled));
        let on_rejected =
            self.new_native_function_with_data(empty, 1, dynamic_import_rejected, false, data);
        promise::react_to_promise(
            self,
            evaluation,
            Value::Object(on_fulfilled),
            Value::Object(on_rejected),
        );
        self.close_handle_scope(scope);
    }
}

/// Compiles module source text.
pub fn compile_module(source: &str, key: &str) -> Result<CompiledScript, String> {
    let arena = Arena::new();
    let mut interner = Interner::new();
    let program = tseval_parser::parse_program(source, key, &arena, &mut interner, Goal::Module)
        .map_err(|error| error.message.clone())?;
    let shared_source: Rc<str> = Rc::from(source);
    tseval_compiler::compile_script(&program, &interner, key, &shared_source)
        .map_err(|error| error.message)
}

fn module_id_of(vm: &Vm, args: &Args) -> Option<ModuleId> {
    let data = vm.native_function_data(args.callee());
    let number = data.as_number()?;
    let id = number as ModuleId;
    ((id as usize) < vm.modules.modules.len()).then_some(id)
}

fn async_module_fulfilled(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if let Some(id) = module_id_of(vm, &args) {
        vm.async_module_execution_fulfilled(id);
    }
    Ok(Value::Undefined)
}

fn async_module_rejected(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let error = args.get(vm, 0);
    if let Some(id) = module_id_of(vm, &args) {
        vm.async_module_execution_rejected(id, error);
    }
    Ok(Value::Undefined)
}

fn dynamic_import_parts(vm: &Vm, args: &Args) -> Option<(ObjectRef, ModuleId)> {
    let Value::Object(data) = vm.native_function_data(args.callee()) else {
        return None;
    };
    let elements = &vm.object(data).elements;
    let capability = elements.first()?.as_object()?;
    let id = elements.get(1)?.as_number()? as ModuleId;
    ((id as usize) < vm.modules.modules.len()).then_some((capability, id))
}

fn continue_dynamic_import(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if let Some((capability, id)) = dynamic_import_parts(vm, &args) {
        let data = vm.native_function_data(args.callee());
        vm.continue_dynamic_import(capability, id, data);
    }
    Ok(Value::Undefined)
}

fn dynamic_import_fulfilled(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    if let Some((capability, id)) = dynamic_import_parts(vm, &args) {
        match vm.module_namespace(id) {
            Ok(namespace) => {
                promise::resolve_promise(vm, capability, Value::Object(namespace))?;
            }
            Err(error) => promise::reject_promise(vm, capability, error),
        }
    }
    Ok(Value::Undefined)
}

fn dynamic_import_rejected(vm: &mut Vm, _this: Value, args: Args) -> JsResult<Value> {
    let error = args.get(vm, 0);
    if let Some((capability, _)) = dynamic_import_parts(vm, &args) {
        promise::reject_promise(vm, capability, error);
    }
    Ok(Value::Undefined)
}
