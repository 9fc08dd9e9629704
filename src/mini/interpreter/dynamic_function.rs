//! The Function constructor's work: CreateDynamicFunction
//! (https://tc39.es/ecma262/#sec-createdynamicfunction) for `Function(…)`
//! and `new Function(…)`, and for the GeneratorFunction, AsyncFunction and
//! AsyncGeneratorFunction constructors.
//!
//! NON-SPEC shape: the parameters and body are checked on their own (each
//! must parse in a function wrapper with nothing else around it, so a
//! parameter list cannot close the function early), then the assembled
//! source is run as global code, like an indirect eval. That gives the new
//! function what the spec gives it: the global environment as its
//! [[Environment]] — it closes over no local scope — and strictness from
//! its own body only.

use super::eval::VarEnv;
use super::{Completion, Interpreter};
use crate::mini::ast::{ExprKind, StmtKind};
use crate::mini::function_objects::set_function_name;
use crate::mini::property::PropertyKey;
use crate::mini::realm::ErrorKind;
use crate::mini::value::Value;

/// The `kind` argument of CreateDynamicFunction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DynamicFunctionKind {
    Normal,
    Generator,
    Async,
    AsyncGenerator,
}

impl DynamicFunctionKind {
    /// Steps 1.–4.: the source text's prefix.
    fn prefix(self) -> &'static str {
        match self {
            DynamicFunctionKind::Normal => "function",
            DynamicFunctionKind::Generator => "function*",
            DynamicFunctionKind::Async => "async function",
            DynamicFunctionKind::AsyncGenerator => "async function*",
        }
    }
}

impl Interpreter {
    /// CreateDynamicFunction ( constructor, newTarget, kind, parameterArgs, bodyArg ).
    pub fn create_dynamic_function(
        &self,
        kind: DynamicFunctionKind,
        args: &[Value],
    ) -> Completion<Value> {
        let prefix = kind.prefix();
        // 4.–9. P is the parameters joined with ","; bodyString is "\n" + body + "\n".
        let (parameter_args, body_arg) = match args.split_last() {
            Some((body, params)) => (params, self.to_string(body)?.to_string()),
            None => (args, String::new()),
        };
        let mut params = Vec::with_capacity(parameter_args.len());
        for p in parameter_args {
            params.push(self.to_string(p)?.to_string());
        }
        let p = params.join(",");
        let body = format!("\n{body_arg}\n");
        // 16.–19. Parameters and body must each parse on their own.
        self.check_lone_function(&format!("({prefix} ({p}\n) {{\n}})"))?;
        self.check_lone_function(&format!("({prefix} (\n) {{{body}}})"))?;
        // 13. sourceString = prefix + " anonymous(" + P + LF + ") {" + bodyString + "}".
        // The expression is anonymous, so `anonymous` is no binding inside.
        let source = format!("({prefix} ({p}\n) {{{body}}})");
        self.check_lone_function(&source)?;
        // 29.–31. OrdinaryFunctionCreate in the global environment; MakeConstructor.
        let f = self.perform_eval(
            Value::from(source.as_str()),
            self.global_env.clone(),
            VarEnv::Global,
            false,
            Some(Value::Object(self.realm.global_object.clone())),
            None,
            Value::Undefined,
        )?;
        // 32. SetFunctionName(F, "anonymous").
        if let Value::Object(o) = &f {
            set_function_name(o, &PropertyKey::from("anonymous"), None);
        }
        Ok(f)
    }

    /// A SyntaxError unless `source` is exactly one parenthesised function
    /// expression.
    fn check_lone_function(&self, source: &str) -> Completion<()> {
        let script = crate::mini::parse_script(source)
            .map_err(|e| self.throw_error(ErrorKind::SyntaxError, &e.message))?;
        match script.body.as_slice() {
            [s] if matches!(&s.kind, StmtKind::Expression(e) if matches!(e.kind, ExprKind::Function(_))) => {
                Ok(())
            }
            _ => Err(self.throw_error(
                ErrorKind::SyntaxError,
                "invalid parameters or body for the Function constructor",
            )),
        }
    }
}
