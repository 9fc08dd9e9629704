//! One run of one script on a fresh Boa `Context`: parse, evaluate, then the
//! event loop of DESIGN §3, turning every error into a transcript line or an
//! `Outcome` (DESIGN §4).
//!
//! Error policy:
//! - a JS exception nobody caught (script, timer task, microtask) appends
//!   `Uncaught <Name>` and the loop goes on with the next job;
//! - Boa's recursion / stack-size limits are not catchable JS errors: they
//!   end the current job with `Uncaught RangeError` and the loop goes on;
//! - the loop-iteration limit (and the event loop's own job budget) make the
//!   run a `Timeout`; a host limit (transcript size) makes it a `Limit`;
//!   an internal Boa panic error makes it a `Crash`.
//! - Unhandled promise rejections print nothing (node's `vm` would not print
//!   them without a hook either, and DESIGN §4 speaks of exceptions only);
//!   each becomes a note, "unhandled promise rejection: <Name>", that reports
//!   show next to the transcript.

use std::cell::RefCell;
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Poll, Waker};

use boa_engine::builtins::promise::PromiseState;
use boa_engine::context::ContextBuilder;
use boa_engine::object::builtins::JsPromise;
use boa_engine::{
    Context, EngineError, JsError, JsResult, JsValue, RuntimeLimitError, Script, Source, js_string,
};

use super::guards;
use super::host::{self, Host};
use crate::engine::{Limits, Outcome};
use crate::transcript::Transcript;

/// Slots of Boa's VM value stack allowed per unit of `Limits::max_depth`.
/// Generous, so that the recursion limit (a clean count of calls) is what
/// normally trips first.
const STACK_SLOTS_PER_FRAME: usize = 256;

/// Settings of one run beyond `Limits`.
#[derive(Clone, Copy, Debug)]
pub(super) struct RunConfig {
    /// Jobs (timer tasks plus microtasks) one run may execute before it is
    /// stopped as a `Timeout`: an interval nobody clears, or a microtask
    /// that re-queues itself forever, would otherwise never end.
    pub job_limit: u64,
}

/// Runs `source` on a fresh context with the host contract and `limits`.
pub(super) fn run_script(source: &str, limits: &Limits, config: RunConfig) -> Outcome {
    let host = Rc::new(Host::default());
    let builder = ContextBuilder::new()
        .job_executor(Rc::clone(&host))
        .host_hooks(Rc::clone(&host));
    let mut ctx = match builder.build() {
        Ok(ctx) => ctx,
        Err(err) => {
            return Outcome::Crash {
                reason: format!("cannot create a Boa context: {err}"),
            };
        }
    };
    apply_limits(&mut ctx, limits);
    if let Err(err) = host::install_globals(&mut ctx).and_then(|()| guards::install(&mut ctx)) {
        return Outcome::Crash {
            reason: format!("cannot install the host globals: {err}"),
        };
    }
    let outcome = match Script::parse(Source::from_bytes(source), None, &mut ctx) {
        Ok(script) => {
            let mut run = EventLoop {
                host: &host,
                limits,
                config,
                notes: Vec::new(),
                jobs_run: 0,
            };
            match run.drive(&mut ctx, &script) {
                Ok(()) => Outcome::Completed {
                    transcript: host.take_transcript(),
                    notes: run.notes,
                },
                Err(stop) => stop,
            }
        }
        Err(err) => syntax_error(err, &mut ctx),
    };
    // Drop the JS values the queues still hold before the context goes.
    host.clear_queues();
    drop(ctx);
    outcome
}

fn apply_limits(ctx: &mut Context, limits: &Limits) {
    let runtime = ctx.runtime_limits_mut();
    runtime.set_loop_iteration_limit(limits.steps);
    runtime.set_recursion_limit(limits.max_depth);
    runtime.set_stack_size_limit(
        limits
            .max_depth
            .saturating_mul(STACK_SLOTS_PER_FRAME)
            .max(1 << 16),
    );
}

/// The outcome of a script that does not parse (DESIGN §4): the single line
/// `Uncaught SyntaxError`, with Boa's message as a note.
fn syntax_error(err: JsError, ctx: &mut Context) -> Outcome {
    if let Some(engine) = err.as_engine() {
        return Outcome::Crash {
            reason: format!("Boa failed while parsing: {engine}"),
        };
    }
    let note = match err.try_native(ctx) {
        Ok(native) => format!("SyntaxError: {}", native.message()),
        Err(_) => "SyntaxError".to_string(),
    };
    Outcome::Completed {
        transcript: Transcript::syntax_error(),
        notes: vec![note],
    }
}

/// A future Boa hands the host (FinalizationRegistry cleanup, dynamic import).
type AsyncJobFuture<'a> = Box<dyn Future<Output = JsResult<JsValue>> + Unpin + 'a>;

struct EventLoop<'a> {
    host: &'a Host,
    limits: &'a Limits,
    config: RunConfig,
    notes: Vec<String>,
    jobs_run: u64,
}

impl EventLoop<'_> {
    /// Script, microtasks, then timer tasks by (due, seq), each followed by a
    /// microtask checkpoint (DESIGN §3). `Err` is a run that stopped early.
    fn drive(&mut self, ctx: &mut Context, script: &Script) -> Result<(), Outcome> {
        let result = script.evaluate(ctx);
        self.settle(result, ctx)?;
        // Async-job futures borrow the context through this cell between polls.
        let ctx = RefCell::new(ctx);
        let mut futures: VecDeque<AsyncJobFuture<'_>> = VecDeque::new();
        self.checkpoint(&ctx, &mut futures)?;
        while let Some(timer) = self.host.next_timer() {
            self.count_job()?;
            let (result, again) = timer.run(&mut ctx.borrow_mut());
            if let Some(interval) = again {
                self.host.reschedule(interval);
            }
            self.settle(result, &mut ctx.borrow_mut())?;
            self.checkpoint(&ctx, &mut futures)?;
        }
        Ok(())
    }

    /// Runs microtasks until none are left (including ones they queue), polls
    /// Boa's async jobs, and ends with ClearKeptObjects, as HTML's microtask
    /// checkpoint does.
    fn checkpoint<'c>(
        &mut self,
        ctx: &'c RefCell<&mut Context>,
        futures: &mut VecDeque<AsyncJobFuture<'c>>,
    ) -> Result<(), Outcome> {
        loop {
            while let Some(task) = self.host.pop_microtask() {
                self.count_job()?;
                let result = task.run(&mut ctx.borrow_mut());
                self.settle(result, &mut ctx.borrow_mut())?;
            }
            for job in self.host.take_async_jobs() {
                futures.push_back(Box::new(job.call(ctx)));
            }
            let mut task_cx = std::task::Context::from_waker(Waker::noop());
            for _ in 0..futures.len() {
                let Some(mut future) = futures.pop_front() else {
                    break;
                };
                match Pin::new(&mut future).poll(&mut task_cx) {
                    Poll::Ready(result) => self.settle(result, &mut ctx.borrow_mut())?,
                    Poll::Pending => futures.push_back(future),
                }
            }
            if !self.host.has_pending_jobs() {
                break;
            }
        }
        let mut ctx = ctx.borrow_mut();
        for promise in self.host.take_unhandled_rejections() {
            if let Ok(promise) = JsPromise::from_object(promise)
                && let PromiseState::Rejected(reason) = promise.state()
            {
                let name = thrown_name(&reason, &mut ctx);
                self.notes
                    .push(format!("unhandled promise rejection: {name}"));
            }
        }
        ctx.clear_kept_objects();
        Ok(())
    }

    fn count_job(&mut self) -> Result<(), Outcome> {
        self.jobs_run += 1;
        if self.jobs_run > self.config.job_limit {
            return Err(Outcome::Timeout {
                reason: format!("event loop job limit ({}) reached", self.config.job_limit),
            });
        }
        Ok(())
    }

    /// Records how one job ended. `Err` stops the whole run.
    fn settle(&mut self, result: JsResult<JsValue>, ctx: &mut Context) -> Result<(), Outcome> {
        let Err(err) = result else { return Ok(()) };
        if let Some(reason) = self.host.take_limit_hit() {
            return Err(Outcome::Limit { reason });
        }
        match err.as_engine() {
            None => {
                let name = uncaught_name(err, ctx);
                self.host.push_uncaught(&name);
                Ok(())
            }
            Some(EngineError::RuntimeLimit(RuntimeLimitError::LoopIteration)) => {
                Err(Outcome::Timeout {
                    reason: format!("loop iteration limit ({}) reached", self.limits.steps),
                })
            }
            Some(EngineError::RuntimeLimit(limit)) => {
                // Boa cannot raise these as JS exceptions (DESIGN §4).
                self.notes.push(format!(
                    "Boa runtime limit ({limit}) written as Uncaught RangeError"
                ));
                self.host.push_uncaught("RangeError");
                Ok(())
            }
            Some(other) => Err(Outcome::Crash {
                reason: format!("Boa engine error: {other}"),
            }),
        }
    }
}

/// `<Name>` of an `Uncaught <Name>` line (DESIGN §4): `String(e.name)` when
/// the thrown value is an Error object (its prototype chain holds the realm's
/// `Error.prototype`), otherwise `String(value)`. If that conversion throws
/// too, `Object.prototype.toString` of the value stands in.
fn uncaught_name(err: JsError, ctx: &mut Context) -> String {
    match err.into_opaque(ctx) {
        Ok(value) => thrown_name(&value, ctx),
        Err(err) => format!("<engine error: {err}>"),
    }
}

/// The `<Name>` for a thrown (or rejection) value: see `uncaught_name`.
fn thrown_name(value: &JsValue, ctx: &mut Context) -> String {
    if is_error_object(value, ctx)
        && let Some(obj) = value.as_object()
        && let Ok(name) = obj.get(js_string!("name"), ctx)
        && let Ok(name) = host::js_string_of(&name, ctx)
    {
        return name;
    }
    if let Ok(text) = host::js_string_of(value, ctx) {
        return text;
    }
    let to_string = ctx
        .intrinsics()
        .constructors()
        .object()
        .prototype()
        .get(js_string!("toString"), ctx);
    to_string
        .ok()
        .and_then(|f| f.as_callable())
        .and_then(|f| f.call(value, &[], ctx).ok())
        .and_then(|s| s.as_string().map(|s| s.to_std_string_lossy()))
        .unwrap_or_else(|| "[object Unknown]".to_string())
}

/// Whether `value` is an object whose prototype chain holds `Error.prototype`.
fn is_error_object(value: &JsValue, ctx: &Context) -> bool {
    let Some(obj) = value.as_object() else {
        return false;
    };
    let error_prototype = ctx.intrinsics().constructors().error().prototype();
    let mut proto = obj.prototype();
    // A chain is finite (no cycles by spec), but stay safe on a long one.
    for _ in 0..10_000 {
        match proto {
            Some(p) if p == error_prototype => return true,
            Some(p) => proto = p.prototype(),
            None => return false,
        }
    }
    false
}
