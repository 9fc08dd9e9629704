//! Assignment, update expressions and destructuring.
//!
//! - AssignmentExpression evaluation — https://tc39.es/ecma262/#sec-assignment-operators-runtime-semantics-evaluation
//!   (`=`, `op=`, `&&=`, `||=`, `??=`)
//! - Postfix/prefix `++`/`--` — #sec-postfix-increment-operator
//! - BindingInitialization (#sec-runtime-semantics-bindinginitialization) and
//!   DestructuringAssignmentEvaluation (#sec-runtime-semantics-destructuringassignmentevaluation),
//!   one walk over [`Pattern`] with `init` choosing InitializeReferencedBinding
//!   (declarations, parameters) or PutValue (assignment).

use super::operators::{BinaryOp, LogicalOp, UpdateOp};
use super::{Completion, Frame, Interpreter};
use crate::mini::ir::{Expr, MemberProp, Pattern};
use crate::mini::property::PropertyKey;
use crate::mini::value::Value;

/// An evaluated assignment target (a Reference Record whose base and name
/// are known).
enum Target {
    Ident,
    Property {
        base: Value,
        key: PropertyKey,
    },
    Private {
        base: Value,
        key: PropertyKey,
    },
    Super {
        this: Value,
        key: PropertyKey,
        home_proto: Option<crate::mini::object::Obj>,
    },
}

impl Interpreter {
    /// Evaluates the reference part of a simple target (identifier or member).
    fn eval_target(&self, frame: &mut Frame, target: &Pattern) -> Completion<Target> {
        match target {
            Pattern::Ident(_) => Ok(Target::Ident),
            Pattern::Member { object, property } => {
                let base = self.eval_expr(frame, object)?;
                if let MemberProp::Private(id) = property {
                    let key = self.private_key(frame, id)?;
                    return Ok(Target::Private { base, key });
                }
                let key = self.eval_member_key(frame, property)?;
                Ok(Target::Property { base, key })
            }
            Pattern::SuperMember { property, this_ref } => {
                let key = self.eval_member_key(frame, property)?;
                let this = self.this_of_frame(frame, *this_ref)?;
                let (func, _) = self.function_of_frame(frame, *this_ref)?;
                let home = func.and_then(|f| match &f.borrow().kind {
                    crate::mini::object::ObjectKind::Function(d) => d.home_object.clone(),
                    _ => None,
                });
                Ok(Target::Super {
                    this,
                    key,
                    home_proto: home.and_then(|h| h.prototype()),
                })
            }
            _ => Err(self.throw_error(
                crate::mini::realm::ErrorKind::SyntaxError,
                "Invalid assignment target",
            )),
        }
    }

    /// GetValue of an evaluated target.
    fn get_target(&self, frame: &Frame, pattern: &Pattern, target: &Target) -> Completion<Value> {
        match (target, pattern) {
            (Target::Ident, Pattern::Ident(id)) => self.get_identifier_value(frame, id),
            (Target::Property { base, key }, _) => self.get_v(base, key),
            (Target::Private { base, key }, _) => match base {
                Value::Object(o) if o.get_own_property(key).is_some() => self.get(o, key),
                _ => Err(self.type_error(
                    "Cannot read private member from an object whose class did not declare it",
                )),
            },
            (
                Target::Super {
                    this,
                    key,
                    home_proto: Some(p),
                },
                _,
            ) => self.get_with_receiver(p, key, Some(this)),
            (
                Target::Super {
                    home_proto: None, ..
                },
                _,
            ) => Ok(Value::Undefined),
            _ => Ok(Value::Undefined),
        }
    }

    /// PutValue of an evaluated target.
    fn put_target(
        &self,
        frame: &mut Frame,
        pattern: &Pattern,
        target: Target,
        value: Value,
    ) -> Completion<()> {
        match (target, pattern) {
            (Target::Ident, Pattern::Ident(id)) => self.put_identifier_value(frame, id, value),
            (Target::Property { base, key }, _) => {
                self.put_property(frame.strict, &base, key, value)
            }
            (Target::Private { base, key }, _) => match &base {
                // PrivateSet: the field must exist (methods are read-only).
                Value::Object(o) if o.get_own_property(&key).is_some() => {
                    if !o.get_own_property(&key).is_some_and(|p| {
                        p.attributes().writable()
                            || matches!(p, crate::mini::property::Property::Accessor { .. })
                    }) {
                        return Err(self.type_error("Private method is not writable"));
                    }
                    self.set(o, key, value, true)
                }
                _ => Err(self.type_error(
                    "Cannot write private member to an object whose class did not declare it",
                )),
            },
            (
                Target::Super {
                    this,
                    key,
                    home_proto,
                },
                _,
            ) => {
                let ok = match &home_proto {
                    Some(p) => self.ordinary_set(p, key.clone(), value, &this)?,
                    None => false,
                };
                if !ok && frame.strict {
                    return Err(self.type_error(&format!(
                        "Cannot assign to read only property '{}'",
                        key.to_display_string()
                    )));
                }
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// PutValue ( V, W ) for a property reference — https://tc39.es/ecma262/#sec-putvalue
    pub fn put_property(
        &self,
        strict: bool,
        base: &Value,
        key: PropertyKey,
        value: Value,
    ) -> Completion<()> {
        match base {
            Value::Object(o) => self.set(o, key, value, strict),
            Value::Undefined | Value::Null => Err(self.type_error(&format!(
                "Cannot set properties of {} (setting '{}')",
                if base.is_null() { "null" } else { "undefined" },
                key.to_display_string()
            ))),
            // 5.a–c. A primitive base: ToObject, then [[Set]] with the
            // primitive as receiver (fails silently in sloppy code).
            primitive => {
                let o = self.to_object(primitive)?;
                let ok = self.ordinary_set(&o, key.clone(), value, primitive)?;
                if !ok && strict {
                    return Err(self.type_error(&format!(
                        "Cannot create property '{}' on primitive",
                        key.to_display_string()
                    )));
                }
                Ok(())
            }
        }
    }

    /// AssignmentExpression : LeftHandSideExpression = AssignmentExpression
    #[inline(never)]
    pub fn eval_assignment(
        &self,
        frame: &mut Frame,
        target: &Pattern,
        value: &Expr,
    ) -> Completion<Value> {
        match target {
            // 1.a–e. Simple target: evaluate the reference, then the value
            // (NamedEvaluation for an anonymous function assigned to an
            // identifier), then PutValue.
            Pattern::Ident(id) => {
                let v = self.eval_named(frame, value, Some(&id.name))?;
                self.put_identifier_value(frame, id, v.clone())?;
                Ok(v)
            }
            Pattern::Member { .. } | Pattern::SuperMember { .. } => {
                let t = self.eval_target(frame, target)?;
                let v = self.eval_expr(frame, value)?;
                self.put_target(frame, target, t, v.clone())?;
                Ok(v)
            }
            // 2. Destructuring: evaluate the value, then the pattern.
            _ => {
                let v = self.eval_expr(frame, value)?;
                self.bind_pattern(frame, target, v.clone(), false)?;
                Ok(v)
            }
        }
    }

    /// AssignmentExpression : LeftHandSideExpression AssignmentOperator AssignmentExpression
    #[inline(never)]
    pub fn eval_compound_assignment(
        &self,
        frame: &mut Frame,
        op: BinaryOp,
        target: &Pattern,
        value: &Expr,
    ) -> Completion<Value> {
        // Fastest path: `x += n` / `x -= n` on a mutable declarative binding
        // holding a number, read and written in one borrow (the right side
        // is a literal, so nothing runs between GetValue and PutValue).
        if let (Pattern::Ident(id), Expr::Literal(Value::Number(n)), BinaryOp::Add | BinaryOp::Sub) =
            (target, value, op)
            && let crate::mini::ir::Address::Env { hops, slot } = id.address
            && !id.kind.is_immutable()
            && let Some(env) = frame.env.ancestor(hops)
            && let Some(Some(Value::Number(old))) = env.borrow_mut().bindings.get_mut(slot as usize)
        {
            *old = if op == BinaryOp::Add {
                *old + n
            } else {
                *old - n
            };
            return Ok(Value::Number(*old));
        }
        // Fast path: an identifier target (no reference to evaluate).
        if let Pattern::Ident(id) = target {
            let old = self.get_identifier_value(frame, id)?;
            let rhs = self.eval_expr(frame, value)?;
            let new = match (op, &old, &rhs) {
                (BinaryOp::Add, Value::Number(a), Value::Number(b)) => Value::Number(a + b),
                (BinaryOp::Sub, Value::Number(a), Value::Number(b)) => Value::Number(a - b),
                _ => self.binary_operation(op, &old, &rhs)?,
            };
            self.put_identifier_value(frame, id, new.clone())?;
            return Ok(new);
        }
        let t = self.eval_target(frame, target)?;
        let old = self.get_target(frame, target, &t)?;
        let rhs = self.eval_expr(frame, value)?;
        let new = self.binary_operation(op, &old, &rhs)?;
        self.put_target(frame, target, t, new.clone())?;
        Ok(new)
    }

    /// `&&=`, `||=`, `??=`: short-circuit before evaluating the value.
    pub fn eval_logical_assignment(
        &self,
        frame: &mut Frame,
        op: LogicalOp,
        target: &Pattern,
        value: &Expr,
    ) -> Completion<Value> {
        let t = self.eval_target(frame, target)?;
        let old = self.get_target(frame, target, &t)?;
        let short = match op {
            LogicalOp::And => !old.to_boolean(),
            LogicalOp::Or => old.to_boolean(),
            LogicalOp::Coalesce => !old.is_nullish(),
        };
        if short {
            return Ok(old);
        }
        let name = match target {
            Pattern::Ident(id) => Some(&id.name),
            _ => None,
        };
        let v = self.eval_named(frame, value, name)?;
        self.put_target(frame, target, t, v.clone())?;
        Ok(v)
    }

    /// Update expressions (`x++`, `--x`, …).
    #[inline]
    pub fn eval_update(
        &self,
        frame: &mut Frame,
        op: UpdateOp,
        prefix: bool,
        target: &Pattern,
    ) -> Completion<Value> {
        // Fast path: a register holding a number.
        if let Pattern::Ident(id) = target
            && let crate::mini::ir::Address::Register(r) = id.address
            && !id.kind.is_immutable()
            && let Some(Some(Value::Number(n))) = frame.registers.get_mut(r as usize)
        {
            let old = *n;
            let new = if op == UpdateOp::Increment {
                old + 1.0
            } else {
                old - 1.0
            };
            *n = new;
            return Ok(Value::Number(if prefix { new } else { old }));
        }
        self.eval_update_general(frame, op, prefix, target)
    }

    /// The general case of [`Interpreter::eval_update`].
    #[inline(never)]
    fn eval_update_general(
        &self,
        frame: &mut Frame,
        op: UpdateOp,
        prefix: bool,
        target: &Pattern,
    ) -> Completion<Value> {
        let t = self.eval_target(frame, target)?;
        let old = self.get_target(frame, target, &t)?;
        // 3. Let oldValue be ? ToNumeric(lhsValue).
        let old = self.to_number(&old)?;
        let new = if op == UpdateOp::Increment {
            old + 1.0
        } else {
            old - 1.0
        };
        self.put_target(frame, target, t, Value::Number(new))?;
        Ok(Value::Number(if prefix { new } else { old }))
    }

    /// BindingInitialization / DestructuringAssignmentEvaluation of
    /// `pattern` with `value`: `init` initialises bindings (declarations,
    /// parameters, catch), otherwise assigns (PutValue).
    pub fn bind_pattern(
        &self,
        frame: &mut Frame,
        pattern: &Pattern,
        value: Value,
        init: bool,
    ) -> Completion<()> {
        match pattern {
            Pattern::Ident(id) => {
                if init {
                    self.initialize_identifier(frame, id, value)
                } else {
                    self.put_identifier_value(frame, id, value)
                }
            }
            Pattern::Member { .. } | Pattern::SuperMember { .. } => {
                let t = self.eval_target(frame, pattern)?;
                self.put_target(frame, pattern, t, value)
            }
            Pattern::Object { properties, rest } => {
                // RequireObjectCoercible(value).
                if value.is_nullish() {
                    return Err(self.type_error(&format!(
                        "Cannot destructure '{}' as it is {}.",
                        if value.is_null() { "null" } else { "undefined" },
                        if value.is_null() { "null" } else { "undefined" }
                    )));
                }
                let mut used = Vec::new();
                for (key, target, default) in properties {
                    // KeyedBindingInitialization / KeyedDestructuringAssignmentEvaluation.
                    let k = self.eval_prop_key(frame, key)?;
                    let mut v = self.get_v(&value, &k)?;
                    used.push(k);
                    if v.is_undefined()
                        && let Some(d) = default
                    {
                        v = self.eval_named(
                            frame,
                            d,
                            crate::mini::declaration_instantiation::pattern_name(target),
                        )?;
                    }
                    self.bind_pattern(frame, target, v, init)?;
                }
                if let Some(rest) = rest {
                    // RestBindingInitialization: a new object with the rest.
                    let rest_obj = self.new_object();
                    self.copy_data_properties(&rest_obj, &value, &used)?;
                    self.bind_pattern(frame, rest, Value::Object(rest_obj), init)?;
                }
                Ok(())
            }
            Pattern::Array { elements, rest } => {
                // IteratorBindingInitialization over GetIterator(value).
                let mut record = self.get_iterator(&value)?;
                let result = (|| {
                    for el in elements {
                        let next = self.iterator_step_value(&mut record)?;
                        let Some((target, default)) = el else {
                            continue;
                        };
                        let mut v = next.unwrap_or_default();
                        if v.is_undefined()
                            && let Some(d) = default
                        {
                            v = self.eval_named(
                                frame,
                                d,
                                crate::mini::declaration_instantiation::pattern_name(target),
                            )?;
                        }
                        self.bind_pattern(frame, target, v, init)?;
                    }
                    if let Some(rest) = rest {
                        let mut items = Vec::new();
                        while let Some(v) = self.iterator_step_value(&mut record)? {
                            items.push(v);
                        }
                        let array = self.new_array(items);
                        self.bind_pattern(frame, rest, Value::Object(array), init)?;
                    }
                    Ok(())
                })();
                match result {
                    // If iteratorRecord.[[Done]] is false, IteratorClose.
                    Ok(()) => self.iterator_close(&record),
                    Err(e) => Err(self.iterator_close_on_abrupt(&record, e)),
                }
            }
        }
    }
}
