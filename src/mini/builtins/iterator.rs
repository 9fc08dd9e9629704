//! %IteratorPrototype% (https://tc39.es/ecma262/#sec-%iteratorprototype%-object)
//! and %ArrayIteratorPrototype% with CreateArrayIterator
//! (#sec-createarrayiterator, #sec-%arrayiteratorprototype%.next).

use super::{define_function, define_symbol_function};
use crate::mini::heap::{Trace, Tracer};
use crate::mini::interpreter::{Completion, Interpreter};
use crate::mini::object::{Obj, ObjectKind};
use crate::mini::property::{Attributes, PropertyKey};
use crate::mini::value::Value;

/// What an array iterator yields.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ArrayIterationKind {
    Keys,
    Values,
    Entries,
}

/// %ArrayIterator% instance slots: [[IteratedArrayLike]], [[ArrayLikeNextIndex]], [[ArrayLikeIterationKind]].
pub struct ArrayIterator {
    pub iterated: Option<Value>,
    pub next_index: u64,
    pub kind: ArrayIterationKind,
}

impl Trace for ArrayIterator {
    fn trace(&self, tracer: &mut dyn Tracer) {
        let ArrayIterator {
            iterated,
            next_index: _,
            kind: _,
        } = self;
        iterated.trace(tracer);
    }
}

pub fn install(interp: &Interpreter) {
    let iter_proto = interp.realm.iterator_prototype.clone();
    define_symbol_function(
        interp,
        &iter_proto,
        &interp.symbols.iterator.clone(),
        0,
        return_this,
    );
    let array_iter = interp.realm.array_iterator_prototype.clone();
    let next = define_function(interp, &array_iter, "next", 0, array_iterator_next);
    interp
        .realm
        .set_intrinsic("%ArrayIteratorPrototype%.next", next);
    array_iter.define_data(
        PropertyKey::Symbol(interp.symbols.to_string_tag.clone()),
        Value::from("Array Iterator"),
        Attributes::new(false, false, true),
    );
}

fn return_this(_interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    Ok(this.clone())
}

/// CreateArrayIterator ( array, kind ) — https://tc39.es/ecma262/#sec-createarrayiterator
pub fn create_array_iterator(interp: &Interpreter, array: Value, kind: ArrayIterationKind) -> Obj {
    Obj::with_kind(
        &interp.heap,
        Some(interp.realm.array_iterator_prototype.clone()),
        ObjectKind::Native(Box::new(ArrayIterator {
            iterated: Some(array),
            next_index: 0,
            kind,
        })),
    )
}

/// %ArrayIteratorPrototype%.next ( ) — https://tc39.es/ecma262/#sec-%arrayiteratorprototype%.next
fn array_iterator_next(interp: &Interpreter, this: &Value, _args: &[Value]) -> Completion<Value> {
    let Value::Object(it) = this else {
        return Err(interp.type_error("next called on a non-iterator"));
    };
    let state = match &it.borrow().kind {
        ObjectKind::Native(n) => n
            .as_any()
            .downcast_ref::<ArrayIterator>()
            .map(|a| (a.iterated.clone(), a.next_index, a.kind)),
        _ => None,
    };
    let Some((iterated, index, kind)) = state else {
        return Err(interp.type_error("next called on a non-array-iterator"));
    };
    let Some(array) = iterated else {
        return Ok(interp.create_iter_result_object(Value::Undefined, true));
    };
    let len = match &array {
        Value::Object(o) => interp.length_of_array_like(o)?,
        Value::String(s) => s.utf16_len() as u64,
        _ => 0,
    };
    let set_state = |iterated: Option<Value>, next: u64| {
        if let ObjectKind::Native(n) = &mut it.borrow_mut().kind
            && let Some(a) = n.as_any_mut().downcast_mut::<ArrayIterator>()
        {
            a.iterated = iterated;
            a.next_index = next;
        }
    };
    if index >= len {
        set_state(None, index);
        return Ok(interp.create_iter_result_object(Value::Undefined, true));
    }
    set_state(Some(array.clone()), index + 1);
    let key = PropertyKey::from(index as u32);
    let result = match kind {
        ArrayIterationKind::Keys => Value::Number(index as f64),
        ArrayIterationKind::Values => interp.get_v(&array, &key)?,
        ArrayIterationKind::Entries => {
            let v = interp.get_v(&array, &key)?;
            Value::Object(interp.new_array(vec![Value::Number(index as f64), v]))
        }
    };
    Ok(interp.create_iter_result_object(result, false))
}
