//! Lowering expressions and patterns: identifiers become resolved
//! [`Ident`](crate::mini::ir::Ident)s; `this`, `super` and `new.target`
//! get their [`FunctionRef`](crate::mini::ir::FunctionRef).

use std::cell::RefCell;
use std::rc::Rc;

use super::{RResult, Resolver};
use crate::mini::ast::{
    self, Argument, ArrayElement, AssignOp, ExprKind, MemberProperty, PatternKind,
    PropertyDefinition,
};
use crate::mini::interpreter::operators::UnaryOp;
use crate::mini::ir::{Arg, Expr, MemberProp, Pattern, PropDef, PropKey, TemplateSite};
use crate::mini::property::PropertyKey;
use crate::mini::value::{JsStr, Value};

pub(super) fn is_anonymous_function_definition(e: &ast::Expr) -> bool {
    match &e.kind {
        ExprKind::Function(f) => f.name.is_none(),
        ExprKind::Class(c) => c.name.is_none(),
        _ => false,
    }
}

impl Resolver<'_> {
    fn js_string(&mut self, s: &ast::JsString) -> JsStr {
        JsStr::from_rc(s.value.clone())
    }

    pub(super) fn lower_exprs(&mut self, es: &[ast::Expr]) -> RResult<Vec<Expr>> {
        es.iter().map(|e| self.lower_expr(e)).collect()
    }

    pub(super) fn lower_args(&mut self, args: &[Argument]) -> RResult<Vec<Arg>> {
        args.iter()
            .map(|a| {
                Ok(match a {
                    Argument::Plain(e) => Arg::Plain(self.lower_expr(e)?),
                    Argument::Spread(e) => Arg::Spread(self.lower_expr(e)?),
                })
            })
            .collect()
    }

    pub(super) fn lower_member_prop(&mut self, p: &MemberProperty) -> RResult<MemberProp> {
        Ok(match p {
            MemberProperty::Named(n) => MemberProp::Named(
                PropertyKey::from_js_str(self.name(n)),
                std::cell::Cell::new(0),
            ),
            MemberProperty::Computed(e) => MemberProp::Computed(Box::new(self.lower_expr(e)?)),
            MemberProperty::Private(n) => {
                let n = self.name(&format!("#{n}").into());
                MemberProp::Private(self.resolve(&n))
            }
        })
    }

    pub(super) fn lower_prop_key(&mut self, k: &ast::PropertyKey) -> RResult<PropKey> {
        Ok(match k {
            ast::PropertyKey::Named(n) => PropKey::Named(PropertyKey::from_js_str(self.name(n))),
            ast::PropertyKey::Number(n) => PropKey::Named(PropertyKey::from_number(*n)),
            ast::PropertyKey::Computed(e) => PropKey::Computed(Box::new(self.lower_expr(e)?)),
            ast::PropertyKey::Private(n) => {
                let n = self.name(&format!("#{n}").into());
                PropKey::Private(self.resolve(&n))
            }
        })
    }

    /// Lowers an expression.
    pub(super) fn lower_expr(&mut self, e: &ast::Expr) -> RResult<Expr> {
        Ok(match &e.kind {
            ExprKind::Identifier(n) => {
                let n = self.name(n);
                if n.as_str() == "undefined" {
                    // Still a global look-up (it may be shadowed): resolve normally.
                }
                Expr::Ident(self.resolve(&n))
            }
            ExprKind::This => Expr::This(self.resolve_function_ref()),
            ExprKind::Null => Expr::Literal(Value::Null),
            ExprKind::Bool(b) => Expr::Literal(Value::Boolean(*b)),
            ExprKind::Number(n) => Expr::Literal(Value::Number(*n)),
            ExprKind::String(s) => Expr::Literal(Value::String(self.js_string(s))),
            ExprKind::Regex { pattern, flags } => Expr::Regex {
                pattern: JsStr::from_rc(pattern.clone()),
                flags: JsStr::from_rc(flags.clone()),
            },
            ExprKind::Template(t) => {
                let mut quasis = Vec::new();
                for q in &t.quasis {
                    match &q.cooked {
                        Some(c) => quasis.push(self.js_string(c)),
                        None => {
                            return Err(
                                self.unsupported("invalid escape in an untagged template", t.span)
                            );
                        }
                    }
                }
                Expr::Template {
                    quasis,
                    exprs: self.lower_exprs(&t.expressions)?,
                }
            }
            ExprKind::TaggedTemplate { tag, quasi } => {
                let tag = Box::new(self.lower_expr(tag)?);
                let site = Rc::new(TemplateSite {
                    cooked: quasi
                        .quasis
                        .iter()
                        .map(|q| q.cooked.as_ref().map(|c| JsStr::from_rc(c.value.clone())))
                        .collect(),
                    raw: quasi
                        .quasis
                        .iter()
                        .map(|q| JsStr::from_rc(q.raw.clone()))
                        .collect(),
                    cache: RefCell::new(None),
                });
                Expr::TaggedTemplate {
                    tag,
                    site,
                    exprs: self.lower_exprs(&quasi.expressions)?,
                }
            }
            ExprKind::Array(elements) => {
                let mut out = Vec::with_capacity(elements.len());
                for el in elements {
                    out.push(match el {
                        ArrayElement::Hole => None,
                        ArrayElement::Plain(e) => Some(Arg::Plain(self.lower_expr(e)?)),
                        ArrayElement::Spread(e) => Some(Arg::Spread(self.lower_expr(e)?)),
                    });
                }
                Expr::Array(out)
            }
            ExprKind::Object(props) => {
                let mut out = Vec::with_capacity(props.len());
                for p in props {
                    out.push(match p {
                        PropertyDefinition::KeyValue { key, value } => PropDef::KeyValue {
                            key: self.lower_prop_key(key)?,
                            anonymous_function: is_anonymous_function_definition(value),
                            value: self.lower_expr(value)?,
                        },
                        PropertyDefinition::Proto(v) => PropDef::Proto(self.lower_expr(v)?),
                        PropertyDefinition::Shorthand { name, .. } => {
                            let n = self.name(name);
                            PropDef::KeyValue {
                                key: PropKey::Named(PropertyKey::from_js_str(n.clone())),
                                value: Expr::Ident(self.resolve(&n)),
                                anonymous_function: false,
                            }
                        }
                        PropertyDefinition::Method { key, function } => {
                            let key = self.lower_prop_key(key)?;
                            PropDef::Method {
                                key,
                                code: self.lower_function(function, false)?,
                            }
                        }
                        PropertyDefinition::Spread(e) => PropDef::Spread(self.lower_expr(e)?),
                    });
                }
                Expr::Object(out)
            }
            ExprKind::Function(f) => Expr::Function {
                code: self.lower_function(f, true)?,
                name: None,
            },
            ExprKind::Class(c) => {
                let name = c.name.as_ref().map(|n| self.name(n));
                Expr::Class {
                    code: self.lower_class(c, name.as_ref())?,
                    name: None,
                }
            }
            ExprKind::Unary { op, argument } => self.lower_unary(*op, argument)?,
            ExprKind::Update { op, prefix, target } => Expr::Update {
                op: *op,
                prefix: *prefix,
                target: Box::new(self.lower_pattern(target)?),
            },
            ExprKind::Binary { op, left, right } => {
                let left = Box::new(self.lower_expr(left)?);
                match self.lower_expr(right)? {
                    Expr::Literal(Value::Number(n)) => Expr::BinaryNumber(*op, left, n),
                    right => Expr::Binary(*op, left, Box::new(right)),
                }
            }
            ExprKind::Logical { op, left, right } => Expr::Logical(
                *op,
                Box::new(self.lower_expr(left)?),
                Box::new(self.lower_expr(right)?),
            ),
            ExprKind::Assign { op, target, value } => {
                let t = Box::new(self.lower_pattern(target)?);
                let v = Box::new(self.lower_expr(value)?);
                match op {
                    AssignOp::Assign => Expr::Assign {
                        target: t,
                        value: v,
                    },
                    AssignOp::Compound(b) => Expr::CompoundAssign {
                        op: *b,
                        target: t,
                        value: v,
                    },
                    AssignOp::Logical(l) => Expr::LogicalAssign {
                        op: *l,
                        target: t,
                        value: v,
                    },
                }
            }
            ExprKind::Conditional {
                test,
                consequent,
                alternate,
            } => Expr::Conditional(
                Box::new(self.lower_expr(test)?),
                Box::new(self.lower_expr(consequent)?),
                Box::new(self.lower_expr(alternate)?),
            ),
            ExprKind::Call {
                callee,
                arguments,
                optional,
            } => {
                if let ExprKind::Identifier(n) = &callee.kind
                    && &**n == "eval"
                    && !*optional
                {
                    let n = self.name(n);
                    let callee = self.resolve(&n);
                    if matches!(
                        callee.address,
                        crate::mini::ir::Address::Global(_) | crate::mini::ir::Address::Dynamic(_)
                    ) {
                        // A direct eval (the binding may hold %eval% at run time).
                        let strict = self.strict_here();
                        self.note_direct_eval(strict);
                        let args = self.lower_args(arguments)?;
                        let var_env_hops = self.var_env_hops();
                        let this_ref = self.resolve_function_ref();
                        return Ok(Expr::DirectEval(Box::new(crate::mini::ir::DirectEval {
                            callee,
                            args,
                            strict,
                            var_env_hops,
                            this_ref,
                        })));
                    }
                }
                Expr::Call {
                    callee: Box::new(self.lower_expr(callee)?),
                    args: self.lower_args(arguments)?,
                    optional: *optional,
                }
            }
            ExprKind::New { callee, arguments } => Expr::New {
                callee: Box::new(self.lower_expr(callee)?),
                args: self.lower_args(arguments)?,
            },
            ExprKind::Member {
                object,
                property,
                optional,
            } => Expr::Member {
                object: Box::new(self.lower_expr(object)?),
                property: self.lower_member_prop(property)?,
                optional: *optional,
            },
            ExprKind::SuperMember(p) => {
                let this_ref = self.resolve_function_ref();
                Expr::SuperMember {
                    property: self.lower_member_prop(p)?,
                    this_ref,
                }
            }
            ExprKind::SuperCall(args) => {
                let this_ref = self.resolve_function_ref();
                Expr::SuperCall {
                    args: self.lower_args(args)?,
                    this_ref,
                }
            }
            ExprKind::NewTarget => Expr::NewTarget(self.resolve_function_ref()),
            ExprKind::OptionalChain(inner) => {
                Expr::OptionalChain(Box::new(self.lower_expr(inner)?))
            }
            ExprKind::Sequence(items) => Expr::Sequence(self.lower_exprs(items)?),
            ExprKind::Yield { argument, delegate } => Expr::Yield {
                argument: argument
                    .as_ref()
                    .map(|a| self.lower_expr(a).map(Box::new))
                    .transpose()?,
                delegate: *delegate,
            },
            ExprKind::Await(a) => Expr::Await(Box::new(self.lower_expr(a)?)),
            ExprKind::PrivateIn { name, object } => {
                let n = self.name(&format!("#{name}").into());
                Expr::PrivateIn {
                    name: self.resolve(&n),
                    object: Box::new(self.lower_expr(object)?),
                }
            }
        })
    }

    fn lower_unary(&mut self, op: ast::UnaryOp, argument: &ast::Expr) -> RResult<Expr> {
        use ast::UnaryOp as A;
        Ok(match op {
            A::Typeof => {
                if let ExprKind::Identifier(n) = &argument.kind {
                    let n = self.name(n);
                    return Ok(Expr::TypeofIdent(self.resolve(&n)));
                }
                Expr::Unary(UnaryOp::Typeof, Box::new(self.lower_expr(argument)?))
            }
            A::Delete => match &argument.kind {
                ExprKind::Identifier(n) => {
                    let n = self.name(n);
                    Expr::DeleteIdent(self.resolve(&n))
                }
                ExprKind::Member {
                    object,
                    property,
                    optional: false,
                } => Expr::DeleteMember {
                    object: Box::new(self.lower_expr(object)?),
                    property: self.lower_member_prop(property)?,
                },
                ExprKind::OptionalChain(_) => {
                    // `delete a?.b`: evaluate the chain; deleting a member of
                    // a short-circuited chain is `true`.
                    Expr::Unary(UnaryOp::Delete, Box::new(self.lower_expr(argument)?))
                }
                _ => Expr::Unary(UnaryOp::Delete, Box::new(self.lower_expr(argument)?)),
            },
            A::Minus => Expr::Unary(UnaryOp::Minus, Box::new(self.lower_expr(argument)?)),
            A::Plus => Expr::Unary(UnaryOp::Plus, Box::new(self.lower_expr(argument)?)),
            A::Not => Expr::Unary(UnaryOp::Not, Box::new(self.lower_expr(argument)?)),
            A::BitNot => Expr::Unary(UnaryOp::BitNot, Box::new(self.lower_expr(argument)?)),
            A::Void => Expr::Unary(UnaryOp::Void, Box::new(self.lower_expr(argument)?)),
        })
    }

    /// Lowers a binding pattern or assignment target.
    pub(super) fn lower_pattern(&mut self, p: &ast::Pattern) -> RResult<Pattern> {
        Ok(match &p.kind {
            PatternKind::Identifier(n) => {
                let n = self.name(n);
                Pattern::Ident(self.resolve(&n))
            }
            PatternKind::Member(e) => match &e.kind {
                ExprKind::Member {
                    object, property, ..
                } => Pattern::Member {
                    object: Box::new(self.lower_expr(object)?),
                    property: self.lower_member_prop(property)?,
                },
                ExprKind::SuperMember(prop) => {
                    let this_ref = self.resolve_function_ref();
                    Pattern::SuperMember {
                        property: self.lower_member_prop(prop)?,
                        this_ref,
                    }
                }
                _ => return Err(self.unsupported("this assignment target", p.span)),
            },
            PatternKind::Object { properties, rest } => {
                let mut out = Vec::with_capacity(properties.len());
                for prop in properties {
                    let key = self.lower_prop_key(&prop.key)?;
                    let target = self.lower_pattern(&prop.value.target)?;
                    let default = prop
                        .value
                        .default
                        .as_ref()
                        .map(|d| self.lower_expr(d))
                        .transpose()?;
                    out.push((key, target, default));
                }
                let rest = rest
                    .as_ref()
                    .map(|r| self.lower_pattern(r).map(Box::new))
                    .transpose()?;
                Pattern::Object {
                    properties: out,
                    rest,
                }
            }
            PatternKind::Array { elements, rest } => {
                let mut out = Vec::with_capacity(elements.len());
                for el in elements {
                    out.push(match el {
                        None => None,
                        Some(b) => {
                            let target = self.lower_pattern(&b.target)?;
                            let default =
                                b.default.as_ref().map(|d| self.lower_expr(d)).transpose()?;
                            Some((target, default))
                        }
                    });
                }
                let rest = rest
                    .as_ref()
                    .map(|r| self.lower_pattern(r).map(Box::new))
                    .transpose()?;
                Pattern::Array {
                    elements: out,
                    rest,
                }
            }
        })
    }
}
