//! Expression evaluation — https://tc39.es/ecma262/#sec-ecmascript-language-expressions
//!
//! Primary expressions, literals (object: #sec-object-initializer-runtime-semantics-evaluation,
//! array: #sec-array-initializer-runtime-semantics-evaluation), templates,
//! member access and calls (EvaluateCall, #sec-evaluatecall; optional
//! chains, #sec-optional-chaining-evaluation), `new` (EvaluateNew), `super`
//! (#sec-super-keyword-runtime-semantics-evaluation), unary and binary
//! operators, conditional and sequence expressions. Assignment and update
//! are in `assignment.rs`; functions and classes in `functions.rs` and
//! `classes.rs`; `yield`/`await` in `generators.rs`.

use super::operators::UnaryOp;
use super::{Abrupt, Completion, Frame, Interpreter};
use crate::mini::function_objects::make_method;
use crate::mini::ir::{Address, Arg, Expr, FunctionRef, Ident, MemberProp, PropDef, PropKey};
use crate::mini::object::{Obj, ObjectKind};
use crate::mini::property::{Attributes, PropertyDescriptor, PropertyKey};
use crate::mini::realm::ErrorKind;
use crate::mini::value::{JsStr, Value};

impl Interpreter {
    /// The general case of [`Interpreter::eval_expr`].
    pub(super) fn eval_expr_general(&self, frame: &mut Frame, e: &Expr) -> Completion<Value> {
        match e {
            Expr::Literal(v) => Ok(v.clone()),
            Expr::This(r) => self.this_of_frame(frame, *r),
            // Identifiers, binary operators, calls, conditionals, member
            // access, closures, assignment and update are dispatched by
            // eval_expr before this match; their arms here call the same
            // small functions (in dispatch.rs) so the match stays exhaustive.
            Expr::Ident(id) => self.eval_identifier(frame, id),
            Expr::Binary(op, l, r) => self.eval_binary(frame, *op, l, r),
            Expr::BinaryNumber(op, l, n) => self.eval_binary_number(frame, *op, l, *n),
            Expr::Call {
                callee,
                args,
                optional,
            } => self.eval_call_expr(frame, callee, args, optional),
            Expr::Logical(op, l, r) => {
                let lv = self.eval_expr(frame, l)?;
                let short = match op {
                    super::operators::LogicalOp::And => !lv.to_boolean(),
                    super::operators::LogicalOp::Or => lv.to_boolean(),
                    super::operators::LogicalOp::Coalesce => !lv.is_nullish(),
                };
                if short {
                    Ok(lv)
                } else {
                    self.eval_expr(frame, r)
                }
            }
            Expr::Conditional(t, c, a) => self.eval_conditional(frame, t, c, a),
            Expr::Member { .. } => self.eval_member_expression(frame, e),
            Expr::OptionalChain(inner) => Ok(self.eval_chain(frame, inner)?.unwrap_or_default()),
            Expr::Function { code, name } => {
                self.eval_function_expression(frame, code, name.as_ref())
            }
            Expr::Class { code, name } => Ok(Value::Object(self.class_definition_evaluation(
                frame,
                code,
                code.name.as_ref().or(name.as_ref()),
            )?)),
            Expr::Assign { target, value } => self.eval_assignment(frame, target, value),
            Expr::CompoundAssign { op, target, value } => {
                self.eval_compound_assignment(frame, *op, target, value)
            }
            Expr::LogicalAssign { op, target, value } => {
                self.eval_logical_assignment(frame, *op, target, value)
            }
            Expr::Update { op, prefix, target } => {
                self.eval_update_expression(frame, *op, *prefix, target)
            }
            Expr::Unary(op, arg) => self.eval_unary(frame, *op, arg),
            Expr::TypeofIdent(id) => Ok(Value::from(self.typeof_identifier(frame, id)?.type_of())),
            Expr::DeleteIdent(id) => {
                // delete of an identifier (sloppy only): a global object
                // property may be deleted; declared bindings may not.
                match &id.address {
                    Address::Global(name) => {
                        let global = self.realm.global_object.clone();
                        Ok(Value::Boolean(
                            global.delete(&PropertyKey::from_js_str(name.clone())),
                        ))
                    }
                    Address::Dynamic(name) => Ok(Value::Boolean(self.delete_dynamic(frame, name)?)),
                    _ => Ok(Value::Boolean(false)),
                }
            }
            Expr::DeleteMember { object, property } => {
                let base = self.eval_expr(frame, object)?;
                let key = self.eval_member_key(frame, property)?;
                // 5.–6. ToObject(base).[[Delete]](key); strict false → TypeError.
                let o = self.to_object(&base)?;
                let ok = o.delete(&key);
                if !ok && frame.strict {
                    return Err(self.type_error(&format!(
                        "Cannot delete property '{}'",
                        key.to_display_string()
                    )));
                }
                Ok(Value::Boolean(ok))
            }
            Expr::Template { quasis, exprs } => {
                let mut s = String::new();
                for (i, q) in quasis.iter().enumerate() {
                    s.push_str(q.as_str());
                    if let Some(e) = exprs.get(i) {
                        let v = self.eval_expr(frame, e)?;
                        s.push_str(self.to_string(&v)?.as_str());
                        self.check_string_length(s.len())?;
                    }
                }
                Ok(self.new_string(s))
            }
            Expr::TaggedTemplate { tag, site, exprs } => {
                let (func, this) = self.eval_callee(frame, tag)?.unwrap_or_default();
                let template = self.get_template_object(site);
                let mut args = vec![Value::Object(template)];
                for e in exprs {
                    args.push(self.eval_expr(frame, e)?);
                }
                self.call(&func, &this, &args)
            }
            Expr::Regex { pattern, flags } => {
                Ok(Value::Object(crate::mini::builtins::regexp::regexp_create(
                    self,
                    &Value::String(pattern.clone()),
                    &Value::String(flags.clone()),
                )?))
            }
            Expr::Array(elements) => {
                let mut values = Vec::with_capacity(elements.len());
                let mut holes = false;
                let mut out: Vec<Option<Value>> = Vec::with_capacity(elements.len());
                for el in elements {
                    match el {
                        None => {
                            holes = true;
                            out.push(None);
                        }
                        Some(Arg::Plain(e)) => out.push(Some(self.eval_expr(frame, e)?)),
                        Some(Arg::Spread(e)) => {
                            let v = self.eval_expr(frame, e)?;
                            for item in self.iterate_to_vec(&v)? {
                                out.push(Some(item));
                            }
                        }
                    }
                }
                if !holes {
                    values.extend(out.into_iter().flatten());
                    return Ok(Value::Object(self.new_array(values)));
                }
                let array = self.new_array(Vec::new());
                if let Some(a) = array.borrow_mut().array_mut() {
                    a.length = out.len() as u32;
                    a.elements = out;
                }
                Ok(Value::Object(array))
            }
            Expr::Object(props) => self.eval_object_literal(frame, props),
            Expr::New { callee, args } => {
                // EvaluateNew ( constructExpr, arguments ) — https://tc39.es/ecma262/#sec-evaluatenew
                let ctor = self.eval_expr(frame, callee)?;
                let args = self.eval_arguments(frame, args)?;
                match &ctor {
                    Value::Object(c) if c.is_constructor() => self.construct(c, &args, None),
                    _ => {
                        Err(self
                            .type_error(&format!("{} is not a constructor", self.describe(&ctor))))
                    }
                }
            }
            Expr::SuperMember { property, this_ref } => {
                let key = self.eval_member_key(frame, property)?;
                let this = self.this_of_frame(frame, *this_ref)?;
                let base = self.get_super_base(frame, *this_ref)?;
                match base {
                    Some(b) => self.get_with_receiver(&b, &key, Some(&this)),
                    None => Err(self.type_error("Cannot read properties of null (super)")),
                }
            }
            Expr::SuperCall { args, this_ref } => self.eval_super_call(frame, args, *this_ref),
            Expr::NewTarget(r) => Ok(self.function_of_frame(frame, *r)?.1),
            Expr::PrivateIn { name, object } => {
                let o = self.eval_expr(frame, object)?;
                let Value::Object(o) = o else {
                    return Err(self.type_error(
                        "Cannot use 'in' operator to search for a private field in a non-object",
                    ));
                };
                let key = self.private_key(frame, name)?;
                Ok(Value::Boolean(o.get_own_property(&key).is_some()))
            }
            Expr::Sequence(items) => {
                let mut last = Value::Undefined;
                for e in items {
                    last = self.eval_expr(frame, e)?;
                }
                Ok(last)
            }
            Expr::Yield { argument, delegate } => {
                self.eval_yield(frame, argument.as_deref(), *delegate)
            }
            Expr::DirectEval(d) => self.eval_direct_eval(frame, d),
            Expr::Await(arg) => {
                let v = self.eval_expr(frame, arg)?;
                self.await_value(frame, v)
            }
        }
    }

    /// Evaluates an initializer with NamedEvaluation when it is an anonymous
    /// function or class definition (#sec-runtime-semantics-namedevaluation).
    #[inline(always)]
    pub fn eval_named(
        &self,
        frame: &mut Frame,
        e: &Expr,
        name: Option<&JsStr>,
    ) -> Completion<Value> {
        match (e, name) {
            (Expr::Function { code, name: None }, Some(n)) => Ok(Value::Object(
                self.instantiate_function(frame, code, Some(n)),
            )),
            (Expr::Class { code, name: None }, Some(n)) if code.name.is_none() => Ok(
                Value::Object(self.class_definition_evaluation(frame, code, Some(n))?),
            ),
            _ => self.eval_expr(frame, e),
        }
    }

    /// Evaluates a member, call or optional-chain link; None when an
    /// optional link short-circuited (OptionalChain evaluation).
    pub(super) fn eval_chain(&self, frame: &mut Frame, e: &Expr) -> Completion<Option<Value>> {
        match e {
            Expr::Member {
                object,
                property,
                optional,
            } => {
                let Some(base) = self.eval_chain(frame, object)? else {
                    return Ok(None);
                };
                if *optional && base.is_nullish() {
                    return Ok(None);
                }
                // EvaluatePropertyAccessWithExpressionKey / IdentifierName.
                if let MemberProp::Private(name) = property {
                    return self.private_get(frame, &base, name).map(Some);
                }
                if let MemberProp::Named(key, hint) = property {
                    return self.get_named(&base, key, hint).map(Some);
                }
                let key = self.eval_member_key(frame, property)?;
                self.get_v(&base, &key).map(Some)
            }
            Expr::Call {
                callee,
                args,
                optional,
            } => self.eval_call(frame, callee, args, *optional),
            Expr::OptionalChain(inner) => self.eval_chain(frame, inner),
            other => self.eval_expr(frame, other).map(Some),
        }
    }

    /// A call link: EvaluateCall ( func, ref, arguments, tailPosition ) —
    /// https://tc39.es/ecma262/#sec-evaluatecall. None when an optional
    /// link short-circuited.
    #[inline]
    pub(super) fn eval_call(
        &self,
        frame: &mut Frame,
        callee: &Expr,
        args: &[Arg],
        optional: bool,
    ) -> Completion<Option<Value>> {
        let Some((func, this)) = self.eval_callee(frame, callee)? else {
            return Ok(None);
        };
        if optional && func.is_nullish() {
            return Ok(None);
        }
        self.evaluate_call(frame, &func, &this, callee, args)
            .map(Some)
    }

    /// EvaluateCall ( func, ref, arguments, tailPosition ) once the callee
    /// is known: ArgumentListEvaluation, the callable check, Call.
    #[inline(always)]
    pub(super) fn evaluate_call(
        &self,
        frame: &mut Frame,
        func: &Value,
        this: &Value,
        callee: &Expr,
        args: &[Arg],
    ) -> Completion<Value> {
        if let Value::Object(f) = func
            && let Some(result) = self.call_with_argument_registers(frame, f, this, args)
        {
            return result;
        }
        let mut argv = if args.is_empty() {
            Vec::new()
        } else {
            self.take_args()
        };
        if let Err(e) = self.eval_arguments_into(frame, args, &mut argv) {
            self.return_args(argv);
            return Err(e);
        }
        let Value::Object(f) = func else {
            self.return_args(argv);
            return Err(
                self.type_error(&format!("{} is not a function", callee_description(callee)))
            );
        };
        let result = self.call_object(f, this, &argv);
        self.return_args(argv);
        result
    }

    /// The function and `this` value of a call's callee (the Reference's
    /// base for property references, undefined otherwise). None when an
    /// optional link short-circuited.
    fn eval_callee(&self, frame: &mut Frame, callee: &Expr) -> Completion<Option<(Value, Value)>> {
        match callee {
            // A name a `with` object supplies: the object is the this value.
            Expr::Ident(Ident {
                address: Address::Dynamic(name),
                ..
            }) => Ok(Some(self.get_dynamic_callee(frame, name)?)),
            Expr::Ident(id) => Ok(Some((
                self.get_identifier_value(frame, id)?,
                Value::Undefined,
            ))),
            Expr::Member {
                object,
                property,
                optional,
            } => {
                let Some(base) = self.eval_chain(frame, object)? else {
                    return Ok(None);
                };
                if *optional && base.is_nullish() {
                    return Ok(None);
                }
                let func = if let MemberProp::Private(name) = property {
                    self.private_get(frame, &base, name)?
                } else if let MemberProp::Named(key, hint) = property {
                    self.get_named(&base, key, hint)?
                } else {
                    let key = self.eval_member_key(frame, property)?;
                    self.get_v(&base, &key)?
                };
                Ok(Some((func, base)))
            }
            Expr::SuperMember { property, this_ref } => {
                let key = self.eval_member_key(frame, property)?;
                let this = self.this_of_frame(frame, *this_ref)?;
                let base = self.get_super_base(frame, *this_ref)?;
                let func = match base {
                    Some(b) => self.get_with_receiver(&b, &key, Some(&this))?,
                    None => return Err(self.type_error("Cannot read properties of null (super)")),
                };
                Ok(Some((func, this)))
            }
            // `(a?.b)()`: the parenthesised chain is still a property
            // Reference, so `a` is the call's this; a short-circuited
            // chain is undefined, which the call then rejects.
            Expr::OptionalChain(inner) => {
                Ok(Some(self.eval_callee(frame, inner)?.unwrap_or_default()))
            }
            other => Ok(self
                .eval_chain(frame, other)?
                .map(|f| (f, Value::Undefined))),
        }
    }

    /// ArgumentListEvaluation — https://tc39.es/ecma262/#sec-runtime-semantics-argumentlistevaluation
    pub fn eval_arguments(&self, frame: &mut Frame, args: &[Arg]) -> Completion<Vec<Value>> {
        let mut out = Vec::with_capacity(args.len());
        self.eval_arguments_into(frame, args, &mut out)?;
        Ok(out)
    }

    /// ArgumentListEvaluation into a reused vector (NON-SPEC).
    fn eval_arguments_into(
        &self,
        frame: &mut Frame,
        args: &[Arg],
        out: &mut Vec<Value>,
    ) -> Completion<()> {
        for a in args {
            match a {
                Arg::Plain(e) => out.push(self.eval_expr(frame, e)?),
                Arg::Spread(e) => {
                    let v = self.eval_expr(frame, e)?;
                    out.extend(self.iterate_to_vec(&v)?);
                }
            }
        }
        Ok(())
    }

    /// The property key of a member access (ToPropertyKey of a computed key).
    pub fn eval_member_key(
        &self,
        frame: &mut Frame,
        property: &MemberProp,
    ) -> Completion<PropertyKey> {
        match property {
            MemberProp::Named(k, _) => Ok(k.clone()),
            MemberProp::Computed(e) => {
                let v = self.eval_expr(frame, e)?;
                match v {
                    Value::Number(n) => Ok(PropertyKey::from_number(n)),
                    Value::String(s) => Ok(PropertyKey::from_js_str(s)),
                    other => self.to_property_key(&other),
                }
            }
            MemberProp::Private(id) => self.private_key(frame, id),
        }
    }

    /// Evaluates a property key in a literal or class.
    pub fn eval_prop_key(&self, frame: &mut Frame, key: &PropKey) -> Completion<PropertyKey> {
        match key {
            PropKey::Named(k) => Ok(k.clone()),
            PropKey::Computed(e) => {
                let v = self.eval_expr(frame, e)?;
                self.to_property_key(&v)
            }
            PropKey::Private(id) => self.private_key(frame, id),
        }
    }

    /// The key a private name is stored under (its binding holds a
    /// private symbol, NON-SPEC representation of a Private Name).
    pub fn private_key(
        &self,
        frame: &Frame,
        id: &crate::mini::ir::Ident,
    ) -> Completion<PropertyKey> {
        match self.get_identifier_value(frame, id)? {
            Value::Symbol(s) => Ok(PropertyKey::Symbol(s)),
            _ => Err(self.type_error("invalid private name")),
        }
    }

    /// PrivateGet ( O, P ) — https://tc39.es/ecma262/#sec-privateget
    fn private_get(
        &self,
        frame: &Frame,
        base: &Value,
        name: &crate::mini::ir::Ident,
    ) -> Completion<Value> {
        let key = self.private_key(frame, name)?;
        let Value::Object(o) = base else {
            return Err(self.type_error(&format!(
                "Cannot read private member {} from a non-object",
                name.name
            )));
        };
        if o.get_own_property(&key).is_none() {
            return Err(self.type_error(&format!(
                "Cannot read private member {} from an object whose class did not declare it",
                name.name
            )));
        }
        self.get(o, &key)
    }

    /// Unary operators — https://tc39.es/ecma262/#sec-unary-operators
    fn eval_unary(&self, frame: &mut Frame, op: UnaryOp, arg: &Expr) -> Completion<Value> {
        let v = self.eval_expr(frame, arg)?;
        Ok(match op {
            UnaryOp::Minus => Value::Number(-self.to_number(&v)?),
            UnaryOp::Plus => Value::Number(self.to_number(&v)?),
            UnaryOp::Not => Value::Boolean(!v.to_boolean()),
            UnaryOp::BitNot => Value::Number(!self.to_int32(&v)? as f64),
            UnaryOp::Typeof => Value::from(v.type_of()),
            UnaryOp::Void => Value::Undefined,
            // `delete` of a non-reference: evaluate, return true.
            UnaryOp::Delete => Value::Boolean(true),
        })
    }

    /// Object initializer: PropertyDefinitionEvaluation for each definition.
    fn eval_object_literal(&self, frame: &mut Frame, props: &[PropDef]) -> Completion<Value> {
        let obj = self.new_object();
        for p in props {
            match p {
                PropDef::KeyValue {
                    key,
                    value,
                    anonymous_function,
                } => {
                    let k = self.eval_prop_key(frame, key)?;
                    let v = if *anonymous_function {
                        // NamedEvaluation with the property key's name.
                        match value {
                            Expr::Function { code, .. } => {
                                let f = self.instantiate_function(frame, code, None);
                                crate::mini::function_objects::set_function_name(&f, &k, None);
                                Value::Object(f)
                            }
                            Expr::Class { code, .. } => {
                                let name = JsStr::from(k.to_display_string());
                                Value::Object(self.class_definition_evaluation(
                                    frame,
                                    code,
                                    Some(&name),
                                )?)
                            }
                            other => self.eval_expr(frame, other)?,
                        }
                    } else {
                        self.eval_expr(frame, value)?
                    };
                    self.create_data_property_or_throw(&obj, k, v)?;
                }
                PropDef::Proto(e) => {
                    // __proto__: value sets [[Prototype]] when it is an Object or null.
                    match self.eval_expr(frame, e)? {
                        Value::Object(p) => obj.borrow_mut().prototype = Some(p),
                        Value::Null => obj.borrow_mut().prototype = None,
                        _ => {}
                    }
                }
                PropDef::Method { key, code } => {
                    let k = self.eval_prop_key(frame, key)?;
                    self.define_method_property(frame, &obj, k, code, true)?;
                }
                PropDef::Spread(e) => {
                    let v = self.eval_expr(frame, e)?;
                    self.copy_data_properties(&obj, &v, &[])?;
                }
            }
        }
        Ok(Value::Object(obj))
    }

    /// MethodDefinitionEvaluation for methods, getters and setters
    /// (https://tc39.es/ecma262/#sec-runtime-semantics-methoddefinitionevaluation):
    /// defines the closure on `home` with [[HomeObject]] `home`.
    pub fn define_method_property(
        &self,
        frame: &mut Frame,
        home: &Obj,
        key: PropertyKey,
        code: &std::rc::Rc<crate::mini::ir::FunctionCode>,
        enumerable: bool,
    ) -> Completion<()> {
        use crate::mini::ir::FunctionKind;
        let prefix = match code.kind {
            FunctionKind::Getter => Some("get"),
            FunctionKind::Setter => Some("set"),
            _ => None,
        };
        let closure = self.make_method(frame, code, home, &key, prefix);
        let desc = match code.kind {
            FunctionKind::Getter => {
                let existing_set = match home.get_own_property(&key) {
                    Some(crate::mini::property::Property::Accessor { set, .. }) => Some(set),
                    _ => None,
                };
                PropertyDescriptor {
                    get: Some(Value::Object(closure)),
                    set: existing_set,
                    enumerable: Some(enumerable),
                    configurable: Some(true),
                    ..Default::default()
                }
            }
            FunctionKind::Setter => {
                let existing_get = match home.get_own_property(&key) {
                    Some(crate::mini::property::Property::Accessor { get, .. }) => Some(get),
                    _ => None,
                };
                PropertyDescriptor {
                    set: Some(Value::Object(closure)),
                    get: existing_get,
                    enumerable: Some(enumerable),
                    configurable: Some(true),
                    ..Default::default()
                }
            }
            _ => PropertyDescriptor::data(
                Value::Object(closure),
                Attributes::new(true, enumerable, true),
            ),
        };
        self.define_property_or_throw(home, key, desc)
    }

    /// CopyDataProperties ( target, source, excludedItems ) — https://tc39.es/ecma262/#sec-copydataproperties
    pub fn copy_data_properties(
        &self,
        target: &Obj,
        source: &Value,
        excluded: &[PropertyKey],
    ) -> Completion<()> {
        // 1. If source is undefined or null, return.
        if source.is_nullish() {
            return Ok(());
        }
        // 2. Let from be ! ToObject(source).
        let from = self.to_object(source)?;
        // 3.–4. Copy each enumerable own property not excluded.
        for key in from.own_property_keys() {
            if excluded.contains(&key) {
                continue;
            }
            if let Some(p) = from.get_own_property(&key)
                && p.enumerable()
            {
                let v = self.get(&from, &key)?;
                self.create_data_property_or_throw(target, key, v)?;
            }
        }
        Ok(())
    }

    /// GetSuperBase via the [[HomeObject]] of the function `r` refers to
    /// (#sec-getsuperbase): the home object's [[Prototype]].
    fn get_super_base(&self, frame: &Frame, r: FunctionRef) -> Completion<Option<Obj>> {
        let (func, _) = self.function_of_frame(frame, r)?;
        let home = func.and_then(|f| match &f.borrow().kind {
            ObjectKind::Function(d) => d.home_object.clone(),
            _ => None,
        });
        match home {
            Some(h) => Ok(h.prototype()),
            None => {
                Err(self.throw_error(ErrorKind::SyntaxError, "'super' keyword unexpected here"))
            }
        }
    }

    /// SuperCall : super Arguments — https://tc39.es/ecma262/#sec-super-keyword-runtime-semantics-evaluation
    fn eval_super_call(
        &self,
        frame: &mut Frame,
        args: &[Arg],
        this_ref: FunctionRef,
    ) -> Completion<Value> {
        // 1.–3. newTarget = GetNewTarget(); func = GetSuperConstructor().
        let (active, new_target) = self.function_of_frame(frame, this_ref)?;
        let Some(active) = active else {
            return Err(self.throw_error(ErrorKind::SyntaxError, "'super' keyword unexpected here"));
        };
        let func = active.prototype();
        // 4. Let argList be ? ArgumentListEvaluation of Arguments.
        let arg_list = self.eval_arguments(frame, args)?;
        // 5. If IsConstructor(func) is false, throw a TypeError exception.
        let Some(func) = func.filter(|f| f.is_constructor()) else {
            return Err(self.type_error("Super constructor is not a constructor"));
        };
        let Value::Object(nt) = &new_target else {
            return Err(self.throw_error(ErrorKind::SyntaxError, "'super' keyword unexpected here"));
        };
        // 6. Let result be ? Construct(func, argList, newTarget).
        let result = self.construct(&func, &arg_list, Some(nt))?;
        // 7.–8. thisER.BindThisValue(result) (ReferenceError if already bound).
        match this_ref {
            FunctionRef::Frame => {
                if frame.this_value.is_some() {
                    return Err(self.reference_error("Super constructor may only be called once"));
                }
                frame.this_value = Some(result.clone());
            }
            FunctionRef::Env { hops } => {
                let env = self.env_at(frame, hops)?.clone();
                if env.bind_this_value(result.clone()).is_err() {
                    return Err(self.reference_error("Super constructor may only be called once"));
                }
            }
            FunctionRef::Global => {
                return Err(
                    self.throw_error(ErrorKind::SyntaxError, "'super' keyword unexpected here")
                );
            }
        }
        // 10. Perform ? InitializeInstanceElements(result, F).
        if let Value::Object(o) = &result {
            self.initialize_instance_elements(o, &active)?;
        }
        Ok(result)
    }

    /// GetTemplateObject ( templateLiteral ) — https://tc39.es/ecma262/#sec-gettemplateobject
    fn get_template_object(&self, site: &crate::mini::ir::TemplateSite) -> Obj {
        if let Some(t) = site.cache.borrow().as_ref() {
            return t.clone();
        }
        let cooked: Vec<Value> = site
            .cooked
            .iter()
            .map(|c| c.clone().map(Value::String).unwrap_or_default())
            .collect();
        let raw: Vec<Value> = site.raw.iter().map(|r| Value::String(r.clone())).collect();
        let template = self.new_array(cooked);
        let raw_obj = self.new_array(raw);
        let _ = self.set_integrity_level(&raw_obj, true);
        template.define_data("raw", Value::Object(raw_obj), Attributes::none());
        let _ = self.set_integrity_level(&template, true);
        *site.cache.borrow_mut() = Some(template.clone());
        template
    }

    /// Internal: a closure as a method of `home` (used by classes).
    pub fn set_home_object(&self, f: &Obj, home: &Obj) {
        make_method(f, home.clone());
    }

    /// Turns an abrupt completion's Throw into the thrown value (helper for
    /// host code that reports errors).
    pub fn thrown_value(e: &Abrupt) -> Option<&Value> {
        e.thrown()
    }
}

/// A short text naming a callee for "… is not a function" messages.
fn callee_description(callee: &Expr) -> String {
    match callee {
        Expr::Ident(id) => id.name.to_string(),
        Expr::Member {
            object,
            property: MemberProp::Named(k, _),
            ..
        } => {
            format!("{}.{}", callee_description(object), k.to_display_string())
        }
        Expr::This(_) => "this".into(),
        _ => "expression".into(),
    }
}
