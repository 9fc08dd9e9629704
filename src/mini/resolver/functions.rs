//! Lowering functions and classes: the scopes FunctionDeclarationInstantiation
//! creates (https://tc39.es/ecma262/#sec-functiondeclarationinstantiation)
//! and the plan it follows; the class scope of ClassDefinitionEvaluation
//! (#sec-runtime-semantics-classdefinitionevaluation) with the inner name
//! binding, private names, and the default constructor (#sec-default-constructor-functions).

use std::rc::Rc;

use super::hoisting::{bound_names, scan_var_scope};
use super::statements::describe;
use super::{Pass, RResult, Resolver, ScopeKind};
use crate::mini::ast::{self, FunctionBody, PatternKind};
use crate::mini::environment::BindingKind;
use crate::mini::ir::{
    Address, Arg, ArgumentsPlan, Body, ClassCode, ClassElement, Expr, FunctionCode, FunctionKind,
    FunctionRef, Ident, InstantiationPlan, Param, Pattern, SourceText, Stmt,
};
use crate::mini::value::JsStr;

fn function_kind(k: ast::FunctionKind) -> FunctionKind {
    match k {
        ast::FunctionKind::Normal => FunctionKind::Normal,
        ast::FunctionKind::Arrow => FunctionKind::Arrow,
        ast::FunctionKind::Method => FunctionKind::Method,
        ast::FunctionKind::Getter => FunctionKind::Getter,
        ast::FunctionKind::Setter => FunctionKind::Setter,
        ast::FunctionKind::ClassConstructor => FunctionKind::ClassConstructor,
        ast::FunctionKind::ClassFieldInitializer => FunctionKind::ClassFieldInitializer,
        ast::FunctionKind::ClassStaticBlock => FunctionKind::ClassStaticBlock,
    }
}

/// ContainsExpression of a binding pattern (#sec-static-semantics-containsexpression).
fn pattern_has_expression(p: &ast::Pattern) -> bool {
    match &p.kind {
        PatternKind::Identifier(_) | PatternKind::Member(_) => false,
        PatternKind::Object { properties, rest } => {
            properties.iter().any(|prop| {
                matches!(prop.key, ast::PropertyKey::Computed(_))
                    || prop.value.default.is_some()
                    || pattern_has_expression(&prop.value.target)
            }) || rest.as_ref().is_some_and(|r| pattern_has_expression(r))
        }
        PatternKind::Array { elements, rest } => {
            elements
                .iter()
                .flatten()
                .any(|e| e.default.is_some() || pattern_has_expression(&e.target))
                || rest.as_ref().is_some_and(|r| pattern_has_expression(r))
        }
    }
}

impl Resolver<'_> {
    fn source_text(&self, span: ast::Span) -> SourceText {
        SourceText {
            source: self.source.clone(),
            start: span.start,
            end: span.end,
        }
    }

    /// Lowers a function; `is_expression` for function expressions (a named
    /// one binds its own name in a scope of its own).
    pub(super) fn lower_function(
        &mut self,
        f: &ast::Function,
        is_expression: bool,
    ) -> RResult<Rc<FunctionCode>> {
        self.lower_function_with_source(f, is_expression, f.span)
    }

    fn lower_function_with_source(
        &mut self,
        f: &ast::Function,
        is_expression: bool,
        source: ast::Span,
    ) -> RResult<Rc<FunctionCode>> {
        let kind = function_kind(f.kind);
        let name = f.name.as_ref().map(|n| self.name(n));
        // InstantiateOrdinaryFunctionExpression 3.–4.: funcEnv with the name.
        let named_expression = is_expression && kind == FunctionKind::Normal && name.is_some();
        let self_name_scope = match (&name, named_expression) {
            (Some(n), true) => {
                self.push_scope(ScopeKind::FunctionName);
                self.declare(n, BindingKind::FunctionExpressionName);
                self.finish_scope(&describe("function name", f.span), false)
            }
            _ => None,
        };
        let code = self.lower_function_body(f, kind, name, source);
        if named_expression {
            self.pop_scope();
        }
        let mut code = code?;
        code.self_name_scope = self_name_scope;
        Ok(Rc::new(code))
    }

    fn lower_function_body(
        &mut self,
        f: &ast::Function,
        kind: FunctionKind,
        name: Option<JsStr>,
        source: ast::Span,
    ) -> RResult<FunctionCode> {
        let arrow = kind == FunctionKind::Arrow;
        self.push_function_state(f.is_strict);
        // Steps 5.–8.: parameterNames, hasDuplicates, simpleParameterList,
        // hasParameterExpressions.
        let mut param_names = Vec::new();
        for p in &f.params.items {
            bound_names(&p.target, &mut param_names);
        }
        if let Some(r) = &f.params.rest {
            bound_names(r, &mut param_names);
        }
        let has_parameter_expressions = f
            .params
            .items
            .iter()
            .any(|p| p.default.is_some() || pattern_has_expression(&p.target))
            || f.params.rest.as_ref().is_some_and(pattern_has_expression);
        // Steps 9.–14.: varNames, functionsToInitialize, lexical declarations.
        let body_stmts: &[ast::Stmt] = match &f.body {
            FunctionBody::Statements(s) => s,
            FunctionBody::Expression(_) => &[],
        };
        let hoisted = scan_var_scope(body_stmts, f.is_strict, &param_names);
        self.annex_b.extend(hoisted.annex_b.iter().map(|(_, a)| *a));
        // Steps 15.–18.: argumentsObjectNeeded.
        let declares_arguments = |n: &ast::Name| &**n == "arguments";
        let arguments_allowed = !arrow
            && !param_names.iter().any(declares_arguments)
            && (has_parameter_expressions
                || !(hoisted
                    .functions
                    .iter()
                    .any(|g| g.name.as_ref().is_some_and(declares_arguments))
                    || hoisted.lexical.iter().any(|(n, _)| declares_arguments(n))));
        self.push_scope(ScopeKind::Function {
            arrow,
            has_body_scope: has_parameter_expressions,
            arguments_allowed,
        });
        let function_scope_index = self.scopes.len() - 1;
        let scope_id = self.current_scope_id();
        // `var arguments` does not replace the object (step 27 skips it),
        // nor does an Annex B block `function arguments` (B.3.2.1 creates no
        // var binding for that name; evaluating the declaration overwrites
        // the object's binding).
        let var_arguments = hoisted.var_names.iter().any(declares_arguments)
            || hoisted.annex_b.iter().any(|(n, _)| declares_arguments(n));
        let uses_arguments = arguments_allowed
            && (var_arguments
                || (self.pass == Pass::Emit && self.analysis.uses_arguments.contains(&scope_id)));
        let mapped = uses_arguments && !f.is_strict && f.has_simple_parameter_list;
        // Steps 19.–21.: the parameter bindings (in the record when a mapped
        // arguments object aliases them).
        let param_js: Vec<JsStr> = param_names.iter().map(|n| self.name(n)).collect();
        for n in &param_js {
            self.declare_in(function_scope_index, n, BindingKind::Parameter, mapped);
        }
        let arguments_name = JsStr::from("arguments");
        if uses_arguments {
            self.declare(&arguments_name, BindingKind::Arguments);
        }
        // Step 27: without parameter expressions, vars share the record.
        let var_names: Vec<JsStr> = hoisted.var_names.iter().map(|n| self.name(n)).collect();
        let function_names: Vec<JsStr> = hoisted
            .functions
            .iter()
            .filter_map(|g| g.name.as_ref())
            .map(|n| self.name(n))
            .collect();
        let annex_names: Vec<JsStr> = hoisted.annex_b.iter().map(|(n, _)| self.name(n)).collect();
        let lexical: Vec<(JsStr, BindingKind)> = hoisted
            .lexical
            .iter()
            .map(|(n, k)| (self.name(n), *k))
            .collect();
        if !has_parameter_expressions {
            self.declare_var_scope_names(&var_names, &function_names, &annex_names, &lexical);
        }
        let this_in_env =
            self.pass == Pass::Emit && !arrow && self.analysis.this_captured.contains(&scope_id);
        let uses_this = !arrow
            && (this_in_env
                || self.analysis.frame_this.contains(&scope_id)
                || self.analysis.this_captured.contains(&scope_id)
                || matches!(
                    kind,
                    FunctionKind::ClassConstructor
                        | FunctionKind::ClassFieldInitializer
                        | FunctionKind::ClassStaticBlock
                ));
        let function_scope = self.finish_scope(
            &describe(if arrow { "arrow function" } else { "function" }, f.span),
            this_in_env,
        );
        let mut tdz_registers = if has_parameter_expressions {
            Vec::new()
        } else {
            self.tdz_registers()
        };
        // Step 22.–23. The arguments object's plan.
        let arguments = if uses_arguments {
            let binding = self.resolve(&arguments_name);
            let mut parameter_slots = vec![None; param_js.len()];
            if mapped {
                // CreateMappedArgumentsObject 15.–17.: the last parameter of
                // a duplicated name is the mapped one.
                let mut seen: Vec<&JsStr> = Vec::new();
                for (i, n) in param_js.iter().enumerate().rev() {
                    if seen.contains(&n) {
                        continue;
                    }
                    seen.push(n);
                    if let Some(Ident {
                        address: Address::Env { hops: 0, slot },
                        ..
                    }) = self.address_in_scope(function_scope_index, n)
                    {
                        parameter_slots[i] = Some(slot);
                    }
                }
            }
            Some(ArgumentsPlan {
                mapped,
                binding,
                parameter_slots,
            })
        } else {
            None
        };
        // Steps 24.–26.: the formal parameters.
        let mut params = Vec::with_capacity(f.params.items.len());
        for p in &f.params.items {
            let target = self.lower_pattern(&p.target)?;
            let default = p.default.as_ref().map(|d| self.lower_expr(d)).transpose()?;
            params.push(Param { target, default });
        }
        let rest = f
            .params
            .rest
            .as_ref()
            .map(|r| self.lower_pattern(r))
            .transpose()?;
        // Step 28: a separate var environment.
        let mut var_scope = None;
        if has_parameter_expressions {
            self.push_scope(ScopeKind::FunctionBody);
            self.declare_var_scope_names(&var_names, &function_names, &annex_names, &lexical);
            var_scope = self.finish_scope(&describe("function body", f.span), false);
            tdz_registers = self.tdz_registers();
        }
        // Steps 27.c / 28.e–f: vars start undefined, or as the same-named parameter.
        let mut vars = Vec::new();
        for n in var_names.iter().chain(&annex_names) {
            if vars
                .iter()
                .any(|(v, _): &(Ident, Option<Ident>)| v.name == *n)
            {
                continue;
            }
            let is_param = param_js.contains(n) || (uses_arguments && n.as_str() == "arguments");
            if !has_parameter_expressions && is_param {
                continue;
            }
            let copy_from = if has_parameter_expressions && is_param && !function_names.contains(n)
            {
                self.address_in_scope(function_scope_index, n)
            } else {
                None
            };
            vars.push((self.resolve(n), copy_from));
        }
        // Step 36: functions to initialise (the last declaration of a name wins).
        let mut functions: Vec<(Ident, Rc<FunctionCode>)> = Vec::new();
        for g in &hoisted.functions {
            let code = self.lower_function(g, false)?;
            let n = self.name(g.name.as_ref().expect("declarations are named"));
            functions.retain(|(id, _)| id.name != n);
            functions.push((self.resolve(&n), code));
        }
        let body = match &f.body {
            FunctionBody::Statements(s) => {
                let mut stmts = self.lower_statements(s)?;
                // NON-SPEC: `{ return e; }` in a body that never suspends
                // evaluates like a concise body (no statement list, no
                // return completion to carry).
                if !f.is_generator
                    && stmts.len() == 1
                    && matches!(stmts[0], Stmt::Return(Some(_)))
                    && let Some(Stmt::Return(Some(e))) = stmts.pop()
                {
                    Body::Expression(e)
                } else {
                    Body::Statements(stmts)
                }
            }
            FunctionBody::Expression(e) => Body::Expression(self.lower_expr(e)?),
        };
        if has_parameter_expressions {
            self.pop_scope();
        }
        self.pop_scope();
        let register_count = self.pop_function_state();
        let only_parameters = f.has_simple_parameter_list
            && rest.is_none()
            && arguments.is_none()
            && !has_parameter_expressions
            && vars.is_empty()
            && tdz_registers.is_empty()
            && functions.is_empty();
        let param_registers = if only_parameters && !f.is_generator && !f.is_async {
            params
                .iter()
                .map(|p| match p.target {
                    Pattern::Ident(Ident {
                        address: Address::Register(r),
                        ..
                    }) => Some(r),
                    _ => None,
                })
                .collect::<Option<Box<[u32]>>>()
        } else {
            None
        };
        Ok(FunctionCode {
            name,
            kind,
            is_async: f.is_async,
            is_generator: f.is_generator,
            strict: f.is_strict,
            params,
            rest,
            simple_params: f.has_simple_parameter_list,
            length: f.expected_argument_count() as u32,
            body,
            source_text: self.source_text(source),
            register_count,
            plan: InstantiationPlan {
                function_scope,
                arguments,
                separate_var_scope: has_parameter_expressions,
                var_scope,
                vars,
                tdz_registers,
                functions,
                only_parameters,
            },
            self_name_scope: None,
            this_in_env,
            uses_this,
            param_registers,
        })
    }

    /// Declares a var scope's bindings: vars, functions, Annex B names,
    /// then the top-level lexical declarations.
    fn declare_var_scope_names(
        &mut self,
        vars: &[JsStr],
        functions: &[JsStr],
        annex: &[JsStr],
        lexical: &[(JsStr, BindingKind)],
    ) {
        for n in vars.iter().chain(annex) {
            self.declare(n, BindingKind::Var);
        }
        for n in functions {
            self.declare(n, BindingKind::Function);
        }
        for (n, k) in lexical {
            self.declare(n, *k);
        }
    }

    /// ClassDefinitionEvaluation's scope and parts.
    pub(super) fn lower_class(
        &mut self,
        c: &ast::Class,
        name: Option<&JsStr>,
    ) -> RResult<Rc<ClassCode>> {
        self.push_scope(ScopeKind::Class);
        let inner_name = c.name.as_ref().map(|n| self.name(n));
        if let Some(n) = &inner_name {
            self.declare(n, BindingKind::ClassInner);
        }
        // Private names declared by the class body (one binding per name).
        let mut private: Vec<JsStr> = Vec::new();
        for e in &c.elements {
            let key = match e {
                ast::ClassElement::Method { key, .. } | ast::ClassElement::Field { key, .. } => key,
                ast::ClassElement::StaticBlock(_) => continue,
            };
            if let ast::PropertyKey::Private(n) = key {
                let n = self.name(&Rc::from(format!("#{n}")));
                if !private.contains(&n) {
                    self.declare(&n, BindingKind::Const);
                    private.push(n);
                }
            }
        }
        let env = self.finish_scope(&describe("class", c.span), false);
        let tdz_registers = self.tdz_registers();
        let inner_binding = inner_name.as_ref().map(|n| self.resolve(n));
        let private_names = private
            .iter()
            .map(|n| (self.resolve(n), n.clone()))
            .collect();
        let heritage = c
            .heritage
            .as_ref()
            .map(|h| self.lower_expr(h))
            .transpose()?;
        let (constructor, default_constructor) = match &c.constructor {
            Some(f) => (self.lower_function_with_source(f, false, c.span)?, false),
            None => (
                Rc::new(self.default_constructor(c.heritage.is_some(), c.span)),
                true,
            ),
        };
        let mut elements = Vec::with_capacity(c.elements.len());
        for e in &c.elements {
            elements.push(match e {
                ast::ClassElement::Method {
                    key,
                    is_static,
                    function,
                } => ClassElement::Method {
                    key: self.lower_prop_key(key)?,
                    is_static: *is_static,
                    code: self.lower_function(function, false)?,
                },
                ast::ClassElement::Field {
                    key,
                    is_static,
                    initializer,
                    ..
                } => ClassElement::Field {
                    key: self.lower_prop_key(key)?,
                    is_static: *is_static,
                    initializer: initializer
                        .as_ref()
                        .map(|i| self.lower_function(i, false))
                        .transpose()?,
                },
                ast::ClassElement::StaticBlock(f) => {
                    ClassElement::StaticBlock(self.lower_function(f, false)?)
                }
            });
        }
        self.pop_scope();
        Ok(Rc::new(ClassCode {
            name: name.cloned(),
            scope: crate::mini::ir::BlockScope {
                env,
                tdz_registers,
                functions: Vec::new(),
            },
            inner_binding,
            heritage,
            constructor,
            default_constructor,
            elements,
            source_text: self.source_text(c.span),
            private_names,
        }))
    }

    /// The default constructor (https://tc39.es/ecma262/#sec-default-constructor-functions):
    /// `constructor() {}` or, for a derived class, `constructor(...args) { super(...args); }`.
    fn default_constructor(&mut self, derived: bool, span: ast::Span) -> FunctionCode {
        let args = Ident::new(
            JsStr::from("args"),
            Address::Register(0),
            BindingKind::Parameter,
        );
        let (rest, body, registers) = if derived {
            let call = Expr::SuperCall {
                args: vec![Arg::Spread(Expr::Ident(args.clone()))],
                this_ref: FunctionRef::Frame,
            };
            (Some(Pattern::Ident(args)), vec![Stmt::Expr(call)], 1)
        } else {
            (None, Vec::new(), 0)
        };
        FunctionCode {
            name: None,
            kind: FunctionKind::ClassConstructor,
            is_async: false,
            is_generator: false,
            strict: true,
            params: Vec::new(),
            simple_params: rest.is_none(),
            rest,
            length: 0,
            body: Body::Statements(body),
            source_text: self.source_text(span),
            register_count: registers,
            plan: InstantiationPlan::default(),
            self_name_scope: None,
            this_in_env: false,
            uses_this: true,
            param_registers: None,
        }
    }
}
