//! Proxy exotic objects: the thirteen internal methods of ECMAScript §10.5, each of which
//! looks up its trap on the handler, calls it, and checks the invariants that tie the trap's
//! answer to the target.
//!
//! A proxy is an `ObjectKind::Proxy` object whose own storage is always empty and whose
//! `prototype` field is always `None`. The generic property operations in `property.rs` and
//! `object.rs` test for a proxy only where an ordinary lookup ends without an answer (at the
//! end of a prototype chain, or at the start of the rarer operations), so ordinary objects
//! pay nothing on their fast paths.
//!
//! Every entry point counts as a native call (`enter_native_call`), so a chain of proxies
//! whose targets are proxies cannot overflow the Rust stack: it ends in a RangeError.
//! Values held across calls into JavaScript (target, handler, trap, results) are rooted on
//! the handle stack.

use crate::atom::PropertyKey;
use crate::object::{ObjectKind, PropertyDescriptor, ProxyData};
use crate::realm::Vm;
use crate::value::{JsResult, ObjectRef, Value};

impl Vm {
    /// ProxyCreate(target, handler).
    pub fn proxy_create(&mut self, target: Value, handler: Value) -> JsResult<ObjectRef> {
        let (Value::Object(target_object), Value::Object(handler_object)) = (target, handler)
        else {
            return self
                .throw_type_error("Cannot create proxy with a non-object as target or handler");
        };
        let data = ProxyData {
            target: Some(target_object),
            handler: Some(handler_object),
            callable: self.is_callable(target),
            constructor: self.is_constructor(target),
        };
        Ok(self.alloc_object(None, ObjectKind::Proxy(Box::new(data))))
    }

    /// Revokes a proxy (the revocation function of `Proxy.revocable`).
    pub fn proxy_revoke(&mut self, proxy: ObjectRef) {
        if let ObjectKind::Proxy(data) = &mut self.object_mut(proxy).kind {
            data.target = None;
            data.handler = None;
        }
    }

    /// The proxy's target, or a TypeError when it has been revoked.
    pub fn proxy_target(&mut self, proxy: ObjectRef) -> JsResult<ObjectRef> {
        match &self.object(proxy).kind {
            ObjectKind::Proxy(data) => match data.target {
                Some(target) => Ok(target),
                None => self.throw_revoked(),
            },
            _ => Ok(proxy),
        }
    }

    fn throw_revoked<T>(&mut self) -> JsResult<T> {
        self.throw_type_error("Cannot perform operation on a revoked proxy")
    }

    /// ValidateNonRevokedProxy plus GetMethod(handler, trapName): returns the target, the
    /// handler and the trap (`None` when the handler does not define it). The target and the
    /// handler are rooted in the caller's handle scope.
    fn proxy_trap(
        &mut self,
        proxy: ObjectRef,
        trap_name: &str,
    ) -> JsResult<(ObjectRef, ObjectRef, Option<Value>)> {
        let (target, handler) = match &self.object(proxy).kind {
            ObjectKind::Proxy(data) => match (data.target, data.handler) {
                (Some(target), Some(handler)) => (target, handler),
                _ => return self.throw_revoked(),
            },
            _ => return self.throw_type_error("not a proxy"),
        };
        self.root(Value::Object(target));
        self.root(Value::Object(handler));
        let key = self.property_key_from_str(trap_name);
        let trap = self.get_method(Value::Object(handler), key)?;
        if let Some(trap) = trap {
            self.root(trap);
        }
        Ok((target, handler, trap))
    }

    /// Runs a proxy internal method inside a handle scope and a native-call depth count.
    fn with_proxy_frame<T>(&mut self, body: impl FnOnce(&mut Vm) -> JsResult<T>) -> JsResult<T> {
        self.enter_native_call()?;
        let scope = self.open_handle_scope();
        let result = body(self);
        self.close_handle_scope(scope);
        self.leave_native_call();
        result
    }

    /// Roots a property key that holds a handle (a symbol; string keys are atoms, which the
    /// atom table keeps alive) until the enclosing handle scope closes.
    pub(crate) fn root_key(&mut self, key: PropertyKey) {
        if let PropertyKey::Symbol(symbol) = key {
            self.root(Value::Symbol(symbol));
        }
    }

    /// `[[GetPrototypeOf]]` of a proxy.
    pub fn proxy_get_prototype_of(&mut self, proxy: ObjectRef) -> JsResult<Option<ObjectRef>> {
        self.with_proxy_frame(|vm| {
            let (target, handler, trap) = vm.proxy_trap(proxy, "getPrototypeOf")?;
            let Some(trap) = trap else {
                return vm.get_prototype_of(target);
            };
            let result = vm.call(trap, Value::Object(handler), &[Value::Object(target)])?;
            let prototype = match result {
                Value::Object(object) => Some(object),
                Value::Null => None,
                _ => {
                    return vm.throw_type_error(
                        "'getPrototypeOf' on proxy: trap returned neither object nor null",
                    );
                }
            };
            vm.root(result);
            if vm.is_extensible(target)? {
                return Ok(prototype);
            }
            if vm.get_prototype_of(target)? != prototype {
                return vm.throw_type_error(
                    "'getPrototypeOf' on proxy: proxy target is non-extensible but the trap did not return its actual prototype",
                );
            }
            Ok(prototype)
        })
    }

    /// `[[SetPrototypeOf]]` of a proxy.
    pub fn proxy_set_prototype_of(
        &mut self,
        proxy: ObjectRef,
        prototype: Option<ObjectRef>,
    ) -> JsResult<bool> {
        self.with_proxy_frame(|vm| {
            let (target, handler, trap) = vm.proxy_trap(proxy, "setPrototypeOf")?;
            let Some(trap) = trap else {
                return vm.set_prototype_of(target, prototype);
            };
            let prototype_value = prototype.map_or(Value::Null, Value::Object);
            let result = vm.call(
                trap,
                Value::Object(handler),
                &[Value::Object(target), prototype_value],
            )?;
            if !vm.to_boolean(result) {
                return Ok(false);
            }
            if vm.is_extensible(target)? {
                return Ok(true);
            }
            if vm.get_prototype_of(target)? != prototype {
                return vm.throw_type_error(
                    "'setPrototypeOf' on proxy: trap returned truish for setting a new prototype on the non-extensible proxy target",
                );
            }
            Ok(true)
        })
    }

    /// `[[IsExtensible]]` of a proxy.
    pub fn proxy_is_extensible(&mut self, proxy: ObjectRef) -> JsResult<bool> {
        self.with_proxy_frame(|vm| {
            let (target, handler, trap) = vm.proxy_trap(proxy, "isExtensible")?;
            let Some(trap) = trap else {
                return vm.is_extensible(target);
            };
            let result = vm.call(trap, Value::Object(handler), &[Value::Object(target)])?;
            let result = vm.to_boolean(result);
            if result != vm.is_extensible(target)? {
                return vm.throw_type_error(
                    "'isExtensible' on proxy: trap result does not reflect extensibility of proxy target",
                );
            }
            Ok(result)
        })
    }

    /// `[[PreventExtensions]]` of a proxy.
    pub fn proxy_prevent_extensions(&mut self, proxy: ObjectRef) -> JsResult<bool> {
        self.with_proxy_frame(|vm| {
            let (target, handler, trap) = vm.proxy_trap(proxy, "preventExtensions")?;
            let Some(trap) = trap else {
                return vm.prevent_extensions(target);
            };
            let result = vm.call(trap, Value::Object(handler), &[Value::Object(target)])?;
            let result = vm.to_boolean(result);
            if result && vm.is_extensible(target)? {
                return vm.throw_type_error(
                    "'preventExtensions' on proxy: trap returned truish but the proxy target is extensible",
                );
            }
            Ok(result)
        })
    }

    /// `[[GetOwnProperty]]` of a proxy.
    pub fn proxy_get_own_property(
        &mut self,
        proxy: ObjectRef,
        key: PropertyKey,
    ) -> JsResult<Option<PropertyDescriptor>> {
        self.with_proxy_frame(|vm| {
            vm.root_key(key);
            let (target, handler, trap) = vm.proxy_trap(proxy, "getOwnPropertyDescriptor")?;
            let Some(trap) = trap else {
                return vm.get_own_property(target, key);
            };
            let key_value = vm.property_key_to_value(key);
            let result = vm.call(
                trap,
                Value::Object(handler),
                &[Value::Object(target), key_value],
            )?;
            if !result.is_object() && !result.is_undefined() {
                return vm.throw_type_error(
                    "'getOwnPropertyDescriptor' on proxy: trap returned neither object nor undefined",
                );
            }
            vm.root(result);
            let target_descriptor = vm.get_own_property(target, key)?;
            if let Some(descriptor) = target_descriptor {
                vm.root_descriptor(descriptor);
            }
            if result.is_undefined() {
                let Some(target_descriptor) = target_descriptor else {
                    return Ok(None);
                };
                if target_descriptor.configurable == Some(false) {
                    return vm.throw_type_error(
                        "'getOwnPropertyDescriptor' on proxy: trap returned undefined for a non-configurable property",
                    );
                }
                if !vm.is_extensible(target)? {
                    return vm.throw_type_error(
                        "'getOwnPropertyDescriptor' on proxy: trap returned undefined for a property of a non-extensible target",
                    );
                }
                return Ok(None);
            }
            let extensible_target = vm.is_extensible(target)?;
            let mut descriptor = crate::builtins::object::to_property_descriptor(vm, result)?;
            complete_property_descriptor(&mut descriptor);
            vm.root_descriptor(descriptor);
            if !vm.is_compatible_property_descriptor(
                extensible_target,
                &descriptor,
                target_descriptor.as_ref(),
            ) {
                return vm.throw_type_error(
                    "'getOwnPropertyDescriptor' on proxy: trap returned a descriptor incompatible with the target property",
                );
            }
            if descriptor.configurable == Some(false) {
                match target_descriptor {
                    Some(current) if current.configurable == Some(false) => {
                        if descriptor.writable == Some(false) && current.writable == Some(true) {
                            return vm.throw_type_error(
                                "'getOwnPropertyDescriptor' on proxy: trap reported non-writable for a writable target property",
                            );
                        }
                    }
                    _ => {
                        return vm.throw_type_error(
                            "'getOwnPropertyDescriptor' on proxy: trap reported non-configurability for a configurable or missing property",
                        );
                    }
                }
            }
            Ok(Some(descriptor))
        })
    }

    fn root_descriptor(&mut self, descriptor: PropertyDescriptor) {
        for value in [descriptor.value, descriptor.get, descriptor.set]
            .into_iter()
            .flatten()
        {
            self.root(value);
        }
    }

    /// IsCompatiblePropertyDescriptor(Extensible, Desc, Current): ValidateAndApplyProperty
    /// Descriptor without an object to apply it to.
    pub fn is_compatible_property_descriptor(
        &self,
        extensible: bool,
        descriptor: &PropertyDescriptor,
        current: Option<&PropertyDescriptor>,
    ) -> bool {
        let Some(current) = current else {
            return extensible;
        };
        if current.configurable == Some(false) {
            if descriptor.configurable == Some(true) {
                return false;
            }
            if descriptor.enumerable.is_some() && descriptor.enumerable != current.enumerable {
                return false;
            }
            if !descriptor.is_generic() && descriptor.is_accessor() != current.is_accessor() {
                return false;
            }
            if current.is_accessor() {
                if let (Some(new), Some(old)) = (descriptor.get, current.get)
                    && !self.same_value(new, old)
                {
                    return false;
                }
                if let (Some(new), Some(old)) = (descriptor.set, current.set)
                    && !self.same_value(new, old)
                {
                    return false;
                }
            } else if current.writable == Some(false) {
                if descriptor.writable == Some(true) {
                    return false;
                }
                if let (Some(new), Some(old)) = (descriptor.value, current.value)
                    && !self.same_value(new, old)
                {
                    return false;
                }
            }
        }
        true
    }

    /// `[[DefineOwnProperty]]` of a proxy.
    pub fn proxy_define_own_property(
        &mut self,
        proxy: ObjectRef,
        key: PropertyKey,
        descriptor: PropertyDescriptor,
    ) -> JsResult<bool> {
        self.with_proxy_frame(|vm| {
            vm.root_key(key);
            vm.root_descriptor(descriptor);
            let (target, handler, trap) = vm.proxy_trap(proxy, "defineProperty")?;
            let Some(trap) = trap else {
                return vm.define_own_property(target, key, descriptor);
            };
            let descriptor_object = crate::builtins::object::from_property_descriptor(vm, descriptor);
            vm.root(Value::Object(descriptor_object));
            let key_value = vm.property_key_to_value(key);
            let result = vm.call(
                trap,
                Value::Object(handler),
                &[
                    Value::Object(target),
                    key_value,
                    Value::Object(descriptor_object),
                ],
            )?;
            if !vm.to_boolean(result) {
                return Ok(false);
            }
            let target_descriptor = vm.get_own_property(target, key)?;
            if let Some(current) = target_descriptor {
                vm.root_descriptor(current);
            }
            let extensible_target = vm.is_extensible(target)?;
            let setting_non_configurable = descriptor.configurable == Some(false);
            match target_descriptor {
                None => {
                    if !extensible_target {
                        return vm.throw_type_error(
                            "'defineProperty' on proxy: trap returned truish for adding a property to the non-extensible proxy target",
                        );
                    }
                    if setting_non_configurable {
                        return vm.throw_type_error(
                            "'defineProperty' on proxy: trap returned truish for defining a non-configurable property which is missing in the proxy target",
                        );
                    }
                }
                Some(current) => {
                    if !vm.is_compatible_property_descriptor(
                        extensible_target,
                        &descriptor,
                        Some(&current),
                    ) {
                        return vm.throw_type_error(
                            "'defineProperty' on proxy: trap returned truish for adding a property incompatible with the existing property in the proxy target",
                        );
                    }
                    if setting_non_configurable && current.configurable == Some(true) {
                        return vm.throw_type_error(
                            "'defineProperty' on proxy: trap returned truish for defining a non-configurable property which is configurable in the proxy target",
                        );
                    }
                    if current.is_data()
                        && current.configurable == Some(false)
                        && current.writable == Some(true)
                        && descriptor.writable == Some(false)
                    {
                        return vm.throw_type_error(
                            "'defineProperty' on proxy: trap returned truish for defining a non-writable property which is writable in the proxy target",
                        );
                    }
                }
            }
            Ok(true)
        })
    }

    /// `[[HasProperty]]` of a proxy.
    pub fn proxy_has_property(&mut self, proxy: ObjectRef, key: PropertyKey) -> JsResult<bool> {
        self.with_proxy_frame(|vm| {
            vm.root_key(key);
            let (target, handler, trap) = vm.proxy_trap(proxy, "has")?;
            let Some(trap) = trap else {
                return vm.has_property(target, key);
            };
            let key_value = vm.property_key_to_value(key);
            let result = vm.call(
                trap,
                Value::Object(handler),
                &[Value::Object(target), key_value],
            )?;
            let result = vm.to_boolean(result);
            if !result && let Some(current) = vm.get_own_property(target, key)? {
                if current.configurable == Some(false) {
                    return vm.throw_type_error(
                        "'has' on proxy: trap returned falsish for a non-configurable property",
                    );
                }
                if !vm.is_extensible(target)? {
                    return vm.throw_type_error(
                        "'has' on proxy: trap returned falsish but the proxy target is not extensible",
                    );
                }
            }
            Ok(result)
        })
    }

    /// `[[Get]]` of a proxy.
    pub fn proxy_get(
        &mut self,
        proxy: ObjectRef,
        key: PropertyKey,
        receiver: Value,
    ) -> JsResult<Value> {
        self.with_proxy_frame(|vm| {
            vm.root_key(key);
            vm.root(receiver);
            let (target, handler, trap) = vm.proxy_trap(proxy, "get")?;
            let Some(trap) = trap else {
                return vm.get_with_receiver(target, key, receiver);
            };
            let key_value = vm.property_key_to_value(key);
            let result = vm.call(
                trap,
                Value::Object(handler),
                &[Value::Object(target), key_value, receiver],
            )?;
            vm.root(result);
            if let Some(current) = vm.get_own_property(target, key)?
                && current.configurable == Some(false)
            {
                if current.is_data()
                    && current.writable == Some(false)
                    && !vm.same_value(result, current.value.unwrap_or(Value::Undefined))
                {
                    return vm.throw_type_error(
                        "'get' on proxy: the trap's result differs from a non-writable, non-configurable target property",
                    );
                }
                if current.is_accessor()
                    && current.get.is_none_or(|getter| getter.is_undefined())
                    && !result.is_undefined()
                {
                    return vm.throw_type_error(
                        "'get' on proxy: the trap returned a value for a non-configurable accessor without a getter",
                    );
                }
            }
            Ok(result)
        })
    }

    /// `[[Set]]` of a proxy.
    pub fn proxy_set(
        &mut self,
        proxy: ObjectRef,
        key: PropertyKey,
        value: Value,
        receiver: Value,
    ) -> JsResult<bool> {
        self.with_proxy_frame(|vm| {
            vm.root_key(key);
            vm.root(value);
            vm.root(receiver);
            let (target, handler, trap) = vm.proxy_trap(proxy, "set")?;
            let Some(trap) = trap else {
                return vm.set(target, key, value, receiver);
            };
            let key_value = vm.property_key_to_value(key);
            let result = vm.call(
                trap,
                Value::Object(handler),
                &[Value::Object(target), key_value, value, receiver],
            )?;
            if !vm.to_boolean(result) {
                return Ok(false);
            }
            if let Some(current) = vm.get_own_property(target, key)?
                && current.configurable == Some(false)
            {
                if current.is_data()
                    && current.writable == Some(false)
                    && !vm.same_value(value, current.value.unwrap_or(Value::Undefined))
                {
                    return vm.throw_type_error(
                        "'set' on proxy: trap returned truish for a non-writable, non-configurable target property with a different value",
                    );
                }
                if current.is_accessor() && current.set.is_none_or(|setter| setter.is_undefined())
                {
                    return vm.throw_type_error(
                        "'set' on proxy: trap returned truish for a non-configurable accessor without a setter",
                    );
                }
            }
            Ok(true)
        })
    }

    /// `[[Delete]]` of a proxy.
    pub fn proxy_delete(&mut self, proxy: ObjectRef, key: PropertyKey) -> JsResult<bool> {
        self.with_proxy_frame(|vm| {
            vm.root_key(key);
            let (target, handler, trap) = vm.proxy_trap(proxy, "deleteProperty")?;
            let Some(trap) = trap else {
                return vm.delete_property(target, key);
            };
            let key_value = vm.property_key_to_value(key);
            let result = vm.call(
                trap,
                Value::Object(handler),
                &[Value::Object(target), key_value],
            )?;
            if !vm.to_boolean(result) {
                return Ok(false);
            }
            let Some(current) = vm.get_own_property(target, key)? else {
                return Ok(true);
            };
            if current.configurable == Some(false) {
                return vm.throw_type_error(
                    "'deleteProperty' on proxy: trap returned truish for a non-configurable property",
                );
            }
            if !vm.is_extensible(target)? {
                return vm.throw_type_error(
                    "'deleteProperty' on proxy: trap returned truish for a property of a non-extensible target",
                );
            }
            Ok(true)
        })
    }

    /// `[[OwnPropertyKeys]]` of a proxy.
    pub fn proxy_own_property_keys(&mut self, proxy: ObjectRef) -> JsResult<Vec<PropertyKey>> {
        self.with_proxy_frame(|vm| {
            let (target, handler, trap) = vm.proxy_trap(proxy, "ownKeys")?;
            let Some(trap) = trap else {
                return vm.own_property_keys(target);
            };
            let result = vm.call(trap, Value::Object(handler), &[Value::Object(target)])?;
            let Value::Object(result_object) = result else {
                return vm.throw_type_error("'ownKeys' on proxy: trap returned a non-object");
            };
            vm.root(result);
            let length = crate::builtins::length_of_array_like(vm, result_object)?;
            let mut keys: Vec<PropertyKey> = Vec::new();
            let mut seen = rustc_hash::FxHashSet::default();
            for index in 0..length {
                let index_key = crate::builtins::index_key(vm, index);
                let element = vm.get(result_object, index_key)?;
                if !matches!(element, Value::String(_) | Value::Symbol(_)) {
                    return vm.throw_type_error(
                        "'ownKeys' on proxy: trap result contains an element that is not a string or symbol",
                    );
                }
                vm.root(element);
                let key = vm.to_property_key(element)?;
                if !seen.insert(key) {
                    return vm.throw_type_error(
                        "'ownKeys' on proxy: trap returned duplicate entries",
                    );
                }
                keys.push(key);
            }
            let extensible_target = vm.is_extensible(target)?;
            let target_keys = vm.own_property_keys(target)?;
            let mut configurable_keys = Vec::new();
            let mut non_configurable_keys = Vec::new();
            for key in target_keys {
                match vm.get_own_property(target, key)? {
                    Some(descriptor) if descriptor.configurable == Some(false) => {
                        non_configurable_keys.push(key)
                    }
                    _ => configurable_keys.push(key),
                }
            }
            if extensible_target && non_configurable_keys.is_empty() {
                return Ok(keys);
            }
            let mut unchecked = seen;
            for key in non_configurable_keys {
                if !unchecked.remove(&key) {
                    return vm.throw_type_error(
                        "'ownKeys' on proxy: trap result did not include a non-configurable key of the target",
                    );
                }
            }
            if extensible_target {
                return Ok(keys);
            }
            for key in configurable_keys {
                if !unchecked.remove(&key) {
                    return vm.throw_type_error(
                        "'ownKeys' on proxy: trap result did not include every key of the non-extensible target",
                    );
                }
            }
            if !unchecked.is_empty() {
                return vm.throw_type_error(
                    "'ownKeys' on proxy: trap returned extra keys but the proxy target is non-extensible",
                );
            }
            Ok(keys)
        })
    }

    /// `[[Call]]` of a proxy.
    pub fn proxy_call(
        &mut self,
        proxy: ObjectRef,
        this: Value,
        arguments: &[Value],
    ) -> JsResult<Value> {
        self.with_proxy_frame(|vm| {
            vm.root(this);
            for &argument in arguments {
                vm.root(argument);
            }
            let (target, handler, trap) = vm.proxy_trap(proxy, "apply")?;
            let Some(trap) = trap else {
                return vm.call(Value::Object(target), this, arguments);
            };
            let array = vm.new_array(arguments.to_vec());
            vm.call(
                trap,
                Value::Object(handler),
                &[Value::Object(target), this, Value::Object(array)],
            )
        })
    }

    /// `[[Construct]]` of a proxy.
    pub fn proxy_construct(
        &mut self,
        proxy: ObjectRef,
        arguments: &[Value],
        new_target: Value,
    ) -> JsResult<Value> {
        self.with_proxy_frame(|vm| {
            vm.root(new_target);
            for &argument in arguments {
                vm.root(argument);
            }
            let (target, handler, trap) = vm.proxy_trap(proxy, "construct")?;
            let Some(trap) = trap else {
                return vm.construct(Value::Object(target), arguments, Some(new_target));
            };
            let array = vm.new_array(arguments.to_vec());
            let result = vm.call(
                trap,
                Value::Object(handler),
                &[Value::Object(target), Value::Object(array), new_target],
            )?;
            if !result.is_object() {
                return vm.throw_type_error("'construct' on proxy: trap returned non-object");
            }
            Ok(result)
        })
    }
}

/// CompletePropertyDescriptor.
pub fn complete_property_descriptor(descriptor: &mut PropertyDescriptor) {
    if descriptor.is_generic() || descriptor.is_data() {
        descriptor.value.get_or_insert(Value::Undefined);
        descriptor.writable.get_or_insert(false);
    } else {
        descriptor.get.get_or_insert(Value::Undefined);
        descriptor.set.get_or_insert(Value::Undefined);
    }
    descriptor.enumerable.get_or_insert(false);
    descriptor.configurable.get_or_insert(false);
}
