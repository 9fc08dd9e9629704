//! The entry to expression evaluation (NON-SPEC structure): [`Interpreter::eval_expr`]
//! handles leaves inline and sends the common forms (binary operators,
//! calls, identifiers, property access, assignment, update, closures,
//! conditionals) to small functions of their own; everything else goes to
//! the general dispatch in `expressions.rs`. A small function has a small
//! stack frame and few saved registers, which is most of the cost of a
//! tree-walking step; measured with `lexenv bench` and callgrind.

use super::operators::{number_comparison, number_operation};
use super::{Completion, Frame, Interpreter};
use crate::mini::ir::{Address, Arg, Expr};
use crate::mini::value::{JsStr, Value};

impl Interpreter {
    /// Evaluates an expression to a value (Evaluation + GetValue).
    /// NON-SPEC: leaves (literals, register reads) are handled inline, so
    /// they do not pay for the general dispatch's stack frame.
    #[inline(always)]
    pub fn eval_expr(&self, frame: &mut Frame, e: &Expr) -> Completion<Value> {
        match e {
            Expr::Literal(Value::Number(n)) => Ok(Value::Number(*n)),
            Expr::Ident(crate::mini::ir::Ident {
                address: Address::Register(r),
                name,
                ..
            }) => match frame.registers.get(*r as usize) {
                Some(Some(Value::Number(n))) => Ok(Value::Number(*n)),
                Some(Some(v)) => Ok(v.clone()),
                _ => self.get_identifier_value(
                    frame,
                    &crate::mini::ir::Ident::new(
                        name.clone(),
                        Address::Register(*r),
                        crate::mini::environment::BindingKind::Let,
                    ),
                ),
            },
            Expr::Binary(op, l, r) => self.eval_binary(frame, *op, l, r),
            Expr::BinaryNumber(op, l, n) => self.eval_binary_number(frame, *op, l, *n),
            Expr::Call {
                callee,
                args,
                optional,
            } => self.eval_call_expr(frame, callee, args, optional),
            Expr::Conditional(t, c, a) => self.eval_conditional(frame, t, c, a),
            Expr::Ident(id) => self.eval_identifier(frame, id),
            Expr::Member { .. } => self.eval_member_expression(frame, e),
            Expr::Function { code, name } => {
                self.eval_function_expression(frame, code, name.as_ref())
            }
            Expr::Assign { target, value } => self.eval_assignment(frame, target, value),
            Expr::CompoundAssign { op, target, value } => {
                self.eval_compound_assignment(frame, *op, target, value)
            }
            Expr::Update { op, prefix, target } => {
                self.eval_update_expression(frame, *op, *prefix, target)
            }
            _ => self.eval_expr_general(frame, e),
        }
    }

    /// ToBoolean of an expression's value: the test of `if`, loops and
    /// `?:`. NON-SPEC: a comparison of a number register with a number
    /// literal (`i < 10`) is answered without making a Boolean value.
    #[inline(always)]
    pub fn eval_condition(&self, frame: &mut Frame, e: &Expr) -> Completion<bool> {
        if let Expr::BinaryNumber(op, l, b) = e
            && let Expr::Ident(crate::mini::ir::Ident {
                address: Address::Register(r),
                ..
            }) = &**l
            && let Some(Some(Value::Number(a))) = frame.registers.get(*r as usize)
            && let Some(result) = number_comparison(*op, *a, *b)
        {
            return Ok(result);
        }
        Ok(self.eval_expr(frame, e)?.to_boolean())
    }

    /// A property access outside an optional chain (its own small
    /// function, like [`Interpreter::eval_binary`]).
    #[inline(never)]
    pub(super) fn eval_member_expression(&self, frame: &mut Frame, e: &Expr) -> Completion<Value> {
        Ok(self.eval_chain(frame, e)?.unwrap_or_default())
    }

    /// A function or arrow expression: a new closure (its own small
    /// function, like [`Interpreter::eval_binary`]).
    #[inline(never)]
    pub(super) fn eval_function_expression(
        &self,
        frame: &mut Frame,
        code: &std::rc::Rc<crate::mini::ir::FunctionCode>,
        name: Option<&JsStr>,
    ) -> Completion<Value> {
        Ok(Value::Object(self.instantiate_function(frame, code, name)))
    }

    /// An identifier's value (its own small function, like
    /// [`Interpreter::eval_binary`]).
    #[inline(never)]
    pub(super) fn eval_identifier(
        &self,
        frame: &Frame,
        id: &crate::mini::ir::Ident,
    ) -> Completion<Value> {
        self.get_identifier_value(frame, id)
    }

    /// `x++`, `--x`, … (its own small function, like [`Interpreter::eval_binary`]).
    #[inline(never)]
    pub(super) fn eval_update_expression(
        &self,
        frame: &mut Frame,
        op: super::operators::UpdateOp,
        prefix: bool,
        target: &crate::mini::ir::Pattern,
    ) -> Completion<Value> {
        self.eval_update(frame, op, prefix, target)
    }

    /// A binary operator expression (NON-SPEC: its own small function so
    /// that it does not pay for the general dispatch's stack frame).
    #[inline(never)]
    pub(super) fn eval_binary(
        &self,
        frame: &mut Frame,
        op: super::operators::BinaryOp,
        l: &Expr,
        r: &Expr,
    ) -> Completion<Value> {
        let lv = self.eval_expr(frame, l)?;
        let rv = self.eval_expr(frame, r)?;
        if let (Value::Number(a), Value::Number(b)) = (&lv, &rv)
            && let Some(v) = number_operation(op, *a, *b)
        {
            return Ok(v);
        }
        self.binary_operation(op, &lv, &rv)
    }

    /// A binary operator with a number literal on the right (see
    /// [`Expr::BinaryNumber`]).
    #[inline(never)]
    pub(super) fn eval_binary_number(
        &self,
        frame: &mut Frame,
        op: super::operators::BinaryOp,
        l: &Expr,
        b: f64,
    ) -> Completion<Value> {
        let lv = self.eval_expr(frame, l)?;
        if let Value::Number(a) = lv
            && let Some(v) = number_operation(op, a, b)
        {
            return Ok(v);
        }
        self.binary_operation(op, &lv, &Value::Number(b))
    }

    /// `test ? consequent : alternate` (its own small function, like
    /// [`Interpreter::eval_binary`]).
    #[inline(never)]
    pub(super) fn eval_conditional(
        &self,
        frame: &mut Frame,
        test: &Expr,
        consequent: &Expr,
        alternate: &Expr,
    ) -> Completion<Value> {
        if self.eval_condition(frame, test)? {
            self.eval_expr(frame, consequent)
        } else {
            self.eval_expr(frame, alternate)
        }
    }

    /// A call expression (see [`Interpreter::eval_binary`] for why it is
    /// a function of its own).
    #[inline(never)]
    pub(super) fn eval_call_expr(
        &self,
        frame: &mut Frame,
        callee: &Expr,
        args: &[Arg],
        optional: &bool,
    ) -> Completion<Value> {
        match callee {
            // A plain, non-optional call of a name (no short-circuit).
            Expr::Ident(id) if !*optional && !matches!(id.address, Address::Dynamic(_)) => {
                let func = self.get_identifier_value(frame, id)?;
                self.evaluate_call(frame, &func, &Value::Undefined, callee, args)
            }
            _ => Ok(self
                .eval_call(frame, callee, args, *optional)?
                .unwrap_or_default()),
        }
    }
}
