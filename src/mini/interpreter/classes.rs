//! Classes — ClassDefinitionEvaluation (https://tc39.es/ecma262/#sec-runtime-semantics-classdefinitionevaluation),
//! ClassElementEvaluation, DefineField, InitializeInstanceElements
//! (#sec-initializeinstanceelements).
//!
//! NON-SPEC: a Private Name is represented by a fresh private symbol held in
//! the class scope's binding for `#name`; private fields and methods are
//! properties keyed by it that reflection never lists.

use super::{Completion, Frame, Interpreter};
use crate::mini::environment::new_declarative_environment;
use crate::mini::function_objects::{
    ClassFieldDefinition, ConstructorKind, make_constructor, make_method, set_function_name,
};
use crate::mini::ir::{ClassCode, ClassElement, FunctionKind, PropKey};
use crate::mini::object::{Obj, ObjectKind};
use crate::mini::property::{Attributes, PropertyDescriptor, PropertyKey};
use crate::mini::realm::ErrorKind;
use crate::mini::value::{JsStr, Sym, Value};

/// Elements run after the class is made: static fields and blocks in order.
enum StaticElement {
    Field(ClassFieldDefinition),
    Block(Obj),
}

impl Interpreter {
    /// ClassDefinitionEvaluation ( classBinding, className ) with the class
    /// scope: the running environment is restored afterwards.
    pub fn class_definition_evaluation(
        &self,
        frame: &mut Frame,
        code: &ClassCode,
        name: Option<&JsStr>,
    ) -> Completion<Obj> {
        let old_env = frame.env.clone();
        let result = self.class_definition_inner(frame, code, name);
        // Restore the running execution context's LexicalEnvironment.
        frame.env = old_env;
        result
    }

    fn class_definition_inner(
        &self,
        frame: &mut Frame,
        code: &ClassCode,
        name: Option<&JsStr>,
    ) -> Completion<Obj> {
        // 1.–4. classEnv = NewDeclarativeEnvironment(env) with the inner
        // name binding (uninitialised) and the class's private names.
        if let Some(info) = &code.scope.env {
            frame.env =
                new_declarative_environment(&self.heap, Some(frame.env.clone()), info.clone());
        }
        for r in &code.scope.tdz_registers {
            if let Some(slot) = frame.registers.get_mut(*r as usize) {
                *slot = None;
            }
        }
        for (binding, description) in &code.private_names {
            let sym = Sym::new_private(description.clone());
            self.initialize_identifier(frame, binding, Value::Symbol(sym))?;
        }
        // 5.–8. protoParent and constructorParent from the heritage.
        let (proto_parent, constructor_parent) = match &code.heritage {
            None => (
                Some(self.realm.object_prototype.clone()),
                self.realm.function_prototype.clone(),
            ),
            Some(h) => {
                let superclass = self.eval_expr(frame, h)?;
                match superclass {
                    Value::Null => (None, self.realm.function_prototype.clone()),
                    Value::Object(s) if s.is_constructor() => {
                        let pp = self.get(&s, &PropertyKey::from("prototype"))?;
                        let pp =
                            match pp {
                                Value::Object(o) => Some(o),
                                Value::Null => None,
                                _ => return Err(self.type_error(
                                    "Class extends value does not have valid prototype property",
                                )),
                            };
                        (pp, s)
                    }
                    other => {
                        return Err(self.type_error(&format!(
                            "Class extends value {} is not a constructor or null",
                            self.describe(&other)
                        )));
                    }
                }
            }
        };
        // 9. Let proto be OrdinaryObjectCreate(protoParent).
        let proto = self.new_object_with_proto(proto_parent);
        // 14.–18. F from the constructor's code, in classEnv, as a class constructor.
        let f = self.make_function_object(&code.constructor, frame.env.clone());
        f.borrow_mut().prototype = Some(constructor_parent);
        if let ObjectKind::Function(d) = &mut f.borrow_mut().kind {
            d.is_class_constructor = true;
            d.constructor_kind = if code.heritage.is_some() {
                ConstructorKind::Derived
            } else {
                ConstructorKind::Base
            };
        }
        make_method(&f, proto.clone());
        // 19. SetFunctionName(F, className).
        let class_name = name.cloned().unwrap_or_else(|| JsStr::from(""));
        set_function_name(&f, &PropertyKey::from_js_str(class_name), None);
        // 20. MakeConstructor(F, false, proto).
        make_constructor(self, &f, false, Some(proto.clone()));
        // 22. CreateMethodProperty(proto, "constructor", F).
        proto.define_data(
            "constructor",
            Value::Object(f.clone()),
            Attributes::builtin(),
        );
        // 23.–26. ClassElementEvaluation for each element.
        let mut instance_fields = Vec::new();
        let mut instance_private_methods = Vec::new();
        let mut static_elements = Vec::new();
        for element in &code.elements {
            match element {
                ClassElement::Method {
                    key,
                    is_static,
                    code: mcode,
                } => {
                    let home = if *is_static { &f } else { &proto };
                    let k = self.eval_prop_key(frame, key)?;
                    if matches!(key, PropKey::Private(_)) {
                        // Private methods and accessors live on each instance
                        // (PrivateMethodOrAccessorAdd), statics on F.
                        let holder = self.new_object_with_proto(None);
                        self.define_method_property(frame, &holder, k.clone(), mcode, false)?;
                        if let Some(mut p) = holder.get_own_property(&k) {
                            if let crate::mini::property::Property::Data { attributes, .. } = &mut p
                            {
                                *attributes = Attributes::none();
                            }
                            if let Some(home_fn) = method_function(&p) {
                                make_method(&home_fn, home.clone());
                            }
                            if *is_static {
                                merge_private(&f, k, p);
                            } else {
                                instance_private_methods.push((k, p));
                            }
                        }
                        continue;
                    }
                    self.define_method_property(frame, home, k, mcode, false)?;
                }
                ClassElement::Field {
                    key,
                    is_static,
                    initializer,
                } => {
                    let home = if *is_static { &f } else { &proto };
                    let k = self.eval_prop_key(frame, key)?;
                    let init = initializer
                        .as_ref()
                        .map(|c| self.make_method(frame, c, home, &k, None));
                    let field = ClassFieldDefinition {
                        name: k,
                        initializer: init,
                    };
                    if *is_static {
                        static_elements.push(StaticElement::Field(field));
                    } else {
                        instance_fields.push(field);
                    }
                }
                ClassElement::StaticBlock(c) => {
                    let closure = self.make_method(frame, c, &f, &PropertyKey::from(""), None);
                    static_elements.push(StaticElement::Block(closure));
                }
            }
        }
        // 27. Initialise the inner class-name binding.
        if let Some(b) = &code.inner_binding {
            self.initialize_identifier(frame, b, Value::Object(f.clone()))?;
        }
        // 29.–30. F.[[PrivateMethods]] and F.[[Fields]] (NON-SPEC: private
        // methods are stored first among the fields, as read-only).
        if let ObjectKind::Function(d) = &mut f.borrow_mut().kind {
            d.fields = instance_fields.into();
        }
        if !instance_private_methods.is_empty() {
            let store = self.new_object_with_proto(None);
            for (k, p) in instance_private_methods {
                store.borrow_mut().properties.insert(k, p);
            }
            f.define_data(
                PropertyKey::Symbol(self.private_methods_symbol()),
                Value::Object(store),
                Attributes::none(),
            );
        }
        // 31. Static fields and blocks, in order, with `this` = F.
        let receiver = Value::Object(f.clone());
        for element in static_elements {
            match element {
                StaticElement::Field(field) => self.define_field(&f, &field)?,
                StaticElement::Block(b) => {
                    self.call_initializer(&b, &receiver)?;
                }
            }
        }
        Ok(f)
    }

    /// The symbol under which a class keeps its private methods (NON-SPEC).
    fn private_methods_symbol(&self) -> Sym {
        if let Some(Value::Symbol(s)) = self.realm.intrinsic("%PrivateMethods%").map(Value::Object)
        {
            return s;
        }
        thread_local! {
            static SYM: Sym = Sym::new_private(JsStr::from("[[PrivateMethods]]"));
        }
        SYM.with(|s| s.clone())
    }

    /// InitializeInstanceElements ( O, constructor ) — https://tc39.es/ecma262/#sec-initializeinstanceelements
    pub fn initialize_instance_elements(&self, o: &Obj, constructor: &Obj) -> Completion<()> {
        let (fields, has_private_methods) = match &constructor.borrow().kind {
            ObjectKind::Function(d) => (d.fields.clone(), true),
            _ => return Ok(()),
        };
        // 2. PrivateMethodOrAccessorAdd for each private method.
        if has_private_methods
            && let Some(crate::mini::property::Property::Data {
                value: Value::Object(store),
                ..
            }) =
                constructor.get_own_property(&PropertyKey::Symbol(self.private_methods_symbol()))
        {
            let entries: Vec<_> = store
                .borrow()
                .properties
                .iter()
                .map(|(k, p)| (k.clone(), p.clone()))
                .collect();
            for (k, p) in entries {
                if o.get_own_property(&k).is_some() {
                    return Err(self
                        .type_error("Cannot initialize private methods twice on the same object"));
                }
                o.borrow_mut().properties.insert(k, p);
            }
        }
        // 3. For each field: DefineField(O, fieldRecord).
        for field in &fields {
            self.define_field(o, field)?;
        }
        Ok(())
    }

    /// DefineField ( receiver, fieldRecord ) — https://tc39.es/ecma262/#sec-definefield
    fn define_field(&self, receiver: &Obj, field: &ClassFieldDefinition) -> Completion<()> {
        // 3.–4. initValue = Call(initializer, receiver) or undefined.
        let value = match &field.initializer {
            Some(init) => {
                let v = self.call_initializer(init, &Value::Object(receiver.clone()))?;
                // NamedEvaluation of an anonymous function initializer.
                if let Value::Object(fo) = &v
                    && is_anonymous_function(fo)
                {
                    set_function_name(fo, &field.name, None);
                }
                v
            }
            None => Value::Undefined,
        };
        // 5. Private name: PrivateFieldAdd (TypeError if present).
        if let PropertyKey::Symbol(s) = &field.name
            && s.is_private()
        {
            if receiver.get_own_property(&field.name).is_some() {
                return Err(
                    self.type_error("Cannot initialize private field twice on the same object")
                );
            }
            receiver.borrow_mut().properties.insert(
                field.name.clone(),
                crate::mini::property::Property::data(value, Attributes::new(true, false, false)),
            );
            return Ok(());
        }
        // 6. CreateDataPropertyOrThrow(receiver, fieldName, initValue).
        self.create_data_property_or_throw(receiver, field.name.clone(), value)
    }

    /// The default for a missing class heritage error (kept for messages).
    pub fn class_syntax_error(&self, message: &str) -> super::Abrupt {
        self.throw_error(ErrorKind::SyntaxError, message)
    }
}

/// The function object of a method/accessor property.
fn method_function(p: &crate::mini::property::Property) -> Option<Obj> {
    match p {
        crate::mini::property::Property::Data {
            value: Value::Object(f),
            ..
        } => Some(f.clone()),
        crate::mini::property::Property::Accessor {
            get: Value::Object(f),
            ..
        } => Some(f.clone()),
        crate::mini::property::Property::Accessor {
            set: Value::Object(f),
            ..
        } => Some(f.clone()),
        _ => None,
    }
}

/// Adds a static private method/accessor to F, merging get/set halves.
fn merge_private(f: &Obj, key: PropertyKey, p: crate::mini::property::Property) {
    use crate::mini::property::Property;
    let merged = match (f.get_own_property(&key), p) {
        (
            Some(Property::Accessor {
                get,
                set,
                attributes,
            }),
            Property::Accessor {
                get: g2, set: s2, ..
            },
        ) => Property::Accessor {
            get: if g2.is_undefined() { get } else { g2 },
            set: if s2.is_undefined() { set } else { s2 },
            attributes,
        },
        (_, p) => p,
    };
    f.borrow_mut().properties.insert(key, merged);
}

/// True for a function whose own `name` is the empty string.
fn is_anonymous_function(f: &Obj) -> bool {
    matches!(&f.borrow().kind, ObjectKind::Function(d) if d.code.name.is_none() && d.code.kind != FunctionKind::Method)
        && crate::mini::function_objects::function_name(f).is_empty()
}

#[allow(dead_code)]
fn _unused(_: PropertyDescriptor) {}
