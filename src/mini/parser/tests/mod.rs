//! Parser tests: helpers and a compact S-expression printer so tests can
//! state the tree they expect (`a + b * c` → `(+ a (* b c))`).

mod corpus;
mod early_errors;
mod expressions;
mod no_panic;
mod statements;

use crate::mini::ast::{
    Argument, ArrayElement, AssignOp, BinaryOp, Expr, ExprKind, ForHead, ForInit, Function,
    FunctionBody, LogicalOp, MemberProperty, Pattern, PatternKind, PropertyDefinition, PropertyKey,
    Script, Stmt, StmtKind, UnaryOp, UpdateOp,
};
use crate::mini::parser::{ParseError, parse_script};

/// Parses `source`, failing the test with the error if it does not parse.
#[track_caller]
pub(super) fn parse_ok(source: &str) -> Script {
    match parse_script(source) {
        Ok(script) => script,
        Err(error) => panic!("expected {source:?} to parse, got: {error}"),
    }
}

/// Parses `source`, failing the test if it parses.
#[track_caller]
pub(super) fn parse_err(source: &str) -> ParseError {
    match parse_script(source) {
        Ok(script) => panic!(
            "expected {source:?} to be a syntax error, got: {}",
            show_script(&script)
        ),
        Err(error) => error,
    }
}

/// Asserts that `source` fails with a message containing `fragment`.
#[track_caller]
pub(super) fn assert_error(source: &str, fragment: &str) {
    let error = parse_err(source);
    assert!(
        error.message.contains(fragment),
        "error for {source:?} was {:?}, expected it to mention {fragment:?}",
        error.message
    );
}

/// Asserts that `source` parses to statements printing as `expected`.
#[track_caller]
pub(super) fn assert_tree(source: &str, expected: &str) {
    assert_eq!(
        show_script(&parse_ok(source)),
        expected,
        "tree of {source:?}"
    );
}

/// The statements of a script, printed and joined with `; `.
pub(super) fn show_script(script: &Script) -> String {
    script
        .body
        .iter()
        .map(show_stmt)
        .collect::<Vec<_>>()
        .join("; ")
}

fn show_block(body: &[Stmt]) -> String {
    format!(
        "{{{}}}",
        body.iter().map(show_stmt).collect::<Vec<_>>().join("; ")
    )
}

pub(super) fn show_stmt(stmt: &Stmt) -> String {
    match &stmt.kind {
        StmtKind::Expression(expr) => show(expr),
        StmtKind::VarDecl(declaration) => {
            let declarators: Vec<String> = declaration
                .declarators
                .iter()
                .map(|d| match &d.init {
                    Some(init) => format!("{}={}", show_pattern(&d.target), show(init)),
                    None => show_pattern(&d.target),
                })
                .collect();
            format!("({:?} {})", declaration.kind, declarators.join(" ")).to_lowercase_kind()
        }
        StmtKind::FunctionDecl(function) => show_function(function),
        StmtKind::ClassDecl(class) => format!("(class {})", class.name.as_deref().unwrap_or("")),
        StmtKind::Block(body) => show_block(body),
        StmtKind::Empty => "empty".into(),
        StmtKind::If {
            test,
            consequent,
            alternate,
        } => match alternate {
            Some(alternate) => format!(
                "(if {} {} {})",
                show(test),
                show_stmt(consequent),
                show_stmt(alternate)
            ),
            None => format!("(if {} {})", show(test), show_stmt(consequent)),
        },
        StmtKind::For {
            init,
            test,
            update,
            body,
        } => {
            let init = match init {
                Some(ForInit::VarDecl(d)) => show_stmt(&Stmt {
                    kind: StmtKind::VarDecl(d.clone()),
                    span: stmt.span,
                }),
                Some(ForInit::Expression(e)) => show(e),
                None => "_".into(),
            };
            let opt = |e: &Option<Expr>| e.as_ref().map_or("_".into(), show);
            format!(
                "(for {init} {} {} {})",
                opt(test),
                opt(update),
                show_stmt(body)
            )
        }
        StmtKind::ForIn { head, object, body } => format!(
            "(for-in {} {} {})",
            show_head(head),
            show(object),
            show_stmt(body)
        ),
        StmtKind::ForOf {
            head,
            iterable,
            body,
            is_await,
        } => {
            format!(
                "({} {} {} {})",
                if *is_await { "for-await-of" } else { "for-of" },
                show_head(head),
                show(iterable),
                show_stmt(body)
            )
        }
        StmtKind::While { test, body } => format!("(while {} {})", show(test), show_stmt(body)),
        StmtKind::DoWhile { body, test } => format!("(do {} {})", show_stmt(body), show(test)),
        StmtKind::Continue(label) => format!(
            "(continue{})",
            label.as_ref().map_or(String::new(), |l| format!(" {l}"))
        ),
        StmtKind::Break(label) => format!(
            "(break{})",
            label.as_ref().map_or(String::new(), |l| format!(" {l}"))
        ),
        StmtKind::Return(Some(expr)) => format!("(return {})", show(expr)),
        StmtKind::Return(None) => "(return)".into(),
        StmtKind::With { object, body } => format!("(with {} {})", show(object), show_stmt(body)),
        StmtKind::Switch {
            discriminant,
            cases,
        } => {
            let cases: Vec<String> = cases
                .iter()
                .map(|case| {
                    let test = case.test.as_ref().map_or("default".into(), show);
                    format!("({test} {})", show_block(&case.body))
                })
                .collect();
            format!("(switch {} {})", show(discriminant), cases.join(" "))
        }
        StmtKind::Labeled { label, body } => format!("({label}: {})", show_stmt(body)),
        StmtKind::Throw(expr) => format!("(throw {})", show(expr)),
        StmtKind::Try {
            block,
            handler,
            finalizer,
        } => {
            let mut text = format!("(try {}", show_block(block));
            if let Some(handler) = handler {
                let param = handler.param.as_ref().map_or("_".into(), show_pattern);
                text += &format!(" (catch {param} {})", show_block(&handler.body));
            }
            if let Some(finalizer) = finalizer {
                text += &format!(" (finally {})", show_block(finalizer));
            }
            text + ")"
        }
        StmtKind::Debugger => "debugger".into(),
    }
}

trait LowercaseKind {
    fn to_lowercase_kind(self) -> String;
}

impl LowercaseKind for String {
    fn to_lowercase_kind(self) -> String {
        self.replacen("(Var ", "(var ", 1)
            .replacen("(Let ", "(let ", 1)
            .replacen("(Const ", "(const ", 1)
    }
}

fn show_head(head: &ForHead) -> String {
    match head {
        ForHead::Declaration { kind, target } => {
            format!("({kind:?} {})", show_pattern(target)).to_lowercase_kind()
        }
        ForHead::Target(target) => show_pattern(target),
    }
}

fn show_function(function: &Function) -> String {
    let mut params: Vec<String> = function
        .params
        .items
        .iter()
        .map(|item| match &item.default {
            Some(default) => format!("{}={}", show_pattern(&item.target), show(default)),
            None => show_pattern(&item.target),
        })
        .collect();
    if let Some(rest) = &function.params.rest {
        params.push(format!("...{}", show_pattern(rest)));
    }
    let body = match &function.body {
        FunctionBody::Statements(body) => show_block(body),
        FunctionBody::Expression(expr) => show(expr),
    };
    let mut flags = String::new();
    if function.is_async {
        flags += "async ";
    }
    if function.is_generator {
        flags += "* ";
    }
    let kind = format!("{:?}", function.kind).to_lowercase();
    let name = function
        .name
        .as_deref()
        .map_or(String::new(), |n| format!(" {n}"));
    format!("({flags}{kind}{name} ({}) {body})", params.join(" "))
}

pub(super) fn show_pattern(pattern: &Pattern) -> String {
    let element = |item: &crate::mini::ast::BindingElement| match &item.default {
        Some(default) => format!("{}={}", show_pattern(&item.target), show(default)),
        None => show_pattern(&item.target),
    };
    match &pattern.kind {
        PatternKind::Identifier(name) => name.to_string(),
        PatternKind::Member(expr) => show(expr),
        PatternKind::Array { elements, rest } => {
            let mut parts: Vec<String> = elements
                .iter()
                .map(|e| e.as_ref().map_or("_".into(), element))
                .collect();
            if let Some(rest) = rest {
                parts.push(format!("...{}", show_pattern(rest)));
            }
            format!("[{}]", parts.join(" "))
        }
        PatternKind::Object { properties, rest } => {
            let mut parts: Vec<String> = properties
                .iter()
                .map(|p| format!("{}:{}", show_key(&p.key), element(&p.value)))
                .collect();
            if let Some(rest) = rest {
                parts.push(format!("...{}", show_pattern(rest)));
            }
            format!("{{{}}}", parts.join(" "))
        }
    }
}

fn show_key(key: &PropertyKey) -> String {
    match key {
        PropertyKey::Named(name) => name.to_string(),
        PropertyKey::Number(n) => n.to_string(),
        PropertyKey::Computed(expr) => format!("[{}]", show(expr)),
        PropertyKey::Private(name) => format!("#{name}"),
    }
}

fn show_args(arguments: &[Argument]) -> String {
    arguments
        .iter()
        .map(|a| match a {
            Argument::Plain(e) => format!(" {}", show(e)),
            Argument::Spread(e) => format!(" ...{}", show(e)),
        })
        .collect()
}

fn binary_symbol(op: BinaryOp) -> &'static str {
    use BinaryOp::*;
    match op {
        Eq => "==",
        NotEq => "!=",
        StrictEq => "===",
        StrictNotEq => "!==",
        Lt => "<",
        LtEq => "<=",
        Gt => ">",
        GtEq => ">=",
        Shl => "<<",
        Shr => ">>",
        UShr => ">>>",
        Add => "+",
        Sub => "-",
        Mul => "*",
        Div => "/",
        Rem => "%",
        Exp => "**",
        BitOr => "|",
        BitXor => "^",
        BitAnd => "&",
        In => "in",
        Instanceof => "instanceof",
    }
}

fn logical_symbol(op: LogicalOp) -> &'static str {
    match op {
        LogicalOp::And => "&&",
        LogicalOp::Or => "||",
        LogicalOp::Coalesce => "??",
    }
}

fn show_member(property: &MemberProperty) -> String {
    match property {
        MemberProperty::Named(name) => format!(".{name}"),
        MemberProperty::Computed(expr) => format!("[{}]", show(expr)),
        MemberProperty::Private(name) => format!(".#{name}"),
    }
}

/// An expression as an S-expression.
pub(super) fn show(expr: &Expr) -> String {
    match &expr.kind {
        ExprKind::Identifier(name) => name.to_string(),
        ExprKind::This => "this".into(),
        ExprKind::Null => "null".into(),
        ExprKind::Bool(b) => b.to_string(),
        ExprKind::Number(n) => n.to_string(),
        ExprKind::String(s) => format!("{:?}", &*s.value),
        ExprKind::Regex { pattern, flags } => format!("/{pattern}/{flags}"),
        ExprKind::Template(t) => {
            let quasis: Vec<String> = t
                .quasis
                .iter()
                .map(|q| {
                    q.cooked
                        .as_ref()
                        .map_or("!".into(), |c| c.value.to_string())
                })
                .collect();
            let exprs: Vec<String> = t.expressions.iter().map(show).collect();
            format!("(template {:?} {})", quasis, exprs.join(" "))
        }
        ExprKind::TaggedTemplate { tag, quasi } => {
            format!("(tagged {} {})", show(tag), quasi.quasis.len())
        }
        ExprKind::Array(elements) => {
            let parts: Vec<String> = elements
                .iter()
                .map(|e| match e {
                    ArrayElement::Hole => "_".into(),
                    ArrayElement::Plain(e) => show(e),
                    ArrayElement::Spread(e) => format!("...{}", show(e)),
                })
                .collect();
            format!("[{}]", parts.join(" "))
        }
        ExprKind::Object(properties) => {
            let parts: Vec<String> = properties
                .iter()
                .map(|p| match p {
                    PropertyDefinition::KeyValue { key, value } => {
                        format!("{}:{}", show_key(key), show(value))
                    }
                    PropertyDefinition::Proto(value) => format!("__proto__={}", show(value)),
                    PropertyDefinition::Shorthand { name, .. } => name.to_string(),
                    PropertyDefinition::Method { key, function } => {
                        format!("{}:{}", show_key(key), show_function(function))
                    }
                    PropertyDefinition::Spread(e) => format!("...{}", show(e)),
                })
                .collect();
            format!("{{{}}}", parts.join(" "))
        }
        ExprKind::Function(function) => show_function(function),
        ExprKind::Class(class) => format!("(class {})", class.name.as_deref().unwrap_or("")),
        ExprKind::Unary { op, argument } => {
            let symbol = match op {
                UnaryOp::Minus => "-",
                UnaryOp::Plus => "+",
                UnaryOp::Not => "!",
                UnaryOp::BitNot => "~",
                UnaryOp::Typeof => "typeof",
                UnaryOp::Void => "void",
                UnaryOp::Delete => "delete",
            };
            format!("({symbol} {})", show(argument))
        }
        ExprKind::Update { op, prefix, target } => {
            let symbol = if *op == UpdateOp::Increment {
                "++"
            } else {
                "--"
            };
            if *prefix {
                format!("({symbol}pre {})", show_pattern(target))
            } else {
                format!("({symbol}post {})", show_pattern(target))
            }
        }
        ExprKind::Binary { op, left, right } => {
            format!("({} {} {})", binary_symbol(*op), show(left), show(right))
        }
        ExprKind::Logical { op, left, right } => {
            format!("({} {} {})", logical_symbol(*op), show(left), show(right))
        }
        ExprKind::Assign { op, target, value } => {
            let symbol = match op {
                AssignOp::Assign => "=".to_string(),
                AssignOp::Compound(op) => format!("{}=", binary_symbol(*op)),
                AssignOp::Logical(op) => format!("{}=", logical_symbol(*op)),
            };
            format!("({symbol} {} {})", show_pattern(target), show(value))
        }
        ExprKind::Conditional {
            test,
            consequent,
            alternate,
        } => {
            format!(
                "(? {} {} {})",
                show(test),
                show(consequent),
                show(alternate)
            )
        }
        ExprKind::Call {
            callee,
            arguments,
            optional,
        } => {
            format!(
                "({}call {}{})",
                if *optional { "?" } else { "" },
                show(callee),
                show_args(arguments)
            )
        }
        ExprKind::New { callee, arguments } => {
            format!("(new {}{})", show(callee), show_args(arguments))
        }
        ExprKind::Member {
            object,
            property,
            optional,
        } => {
            format!(
                "{}{}{}",
                show(object),
                if *optional { "?" } else { "" },
                show_member(property)
            )
        }
        ExprKind::SuperMember(property) => format!("super{}", show_member(property)),
        ExprKind::SuperCall(arguments) => format!("(super{})", show_args(arguments)),
        ExprKind::NewTarget => "new.target".into(),
        ExprKind::OptionalChain(inner) => format!("(chain {})", show(inner)),
        ExprKind::Sequence(items) => format!(
            "(, {})",
            items.iter().map(show).collect::<Vec<_>>().join(" ")
        ),
        ExprKind::Yield { argument, delegate } => {
            let star = if *delegate { "*" } else { "" };
            match argument {
                Some(argument) => format!("(yield{star} {})", show(argument)),
                None => format!("(yield{star})"),
            }
        }
        ExprKind::Await(argument) => format!("(await {})", show(argument)),
        ExprKind::PrivateIn { name, object } => format!("(#{name} in {})", show(object)),
    }
}
