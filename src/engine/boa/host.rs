//! The host side of a Boa run: the state one run owns (transcript, microtask
//! queue, virtual-time timers) and the globals of the host contract
//! (DESIGN §3) that read and write it.
//!
//! `Host` doubles as Boa's `JobExecutor`: promise reactions and other jobs
//! Boa enqueues land in the same FIFO queue as `queueMicrotask` callbacks.
//! The event loop that drains it lives in `event_loop.rs`; Boa's own
//! `run_jobs` is only a fallback for Boa-internal callers.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::rc::Rc;

use boa_engine::builtins::promise::{OperationType, Promise};
use boa_engine::context::HostHooks;
use boa_engine::context::time::JsDuration;
use boa_engine::error::PanicError;
use boa_engine::job::{GenericJob, Job, JobExecutor, NativeAsyncJob, PromiseJob, TimeoutJob};
use boa_engine::object::ObjectInitializer;
use boa_engine::object::builtins::JsFunction;
use boa_engine::property::Attribute;
use boa_engine::{
    Context, JsNativeError, JsObject, JsResult, JsString, JsValue, NativeFunction, js_string,
};

use crate::transcript::Transcript;

/// The most transcript text one run may print before it stops as `limit`.
pub(super) const MAX_TRANSCRIPT_BYTES: usize = 16 << 20;

/// One job on the microtask queue.
pub(super) enum Microtask {
    /// A promise reaction or thenable job enqueued by Boa.
    Promise(PromiseJob),
    /// Any other job Boa enqueues for "as soon as possible".
    Generic(GenericJob),
    /// A `queueMicrotask(fn)` callback.
    Callback(JsFunction),
}

impl Microtask {
    pub(super) fn run(self, ctx: &mut Context) -> JsResult<JsValue> {
        match self {
            Microtask::Promise(job) => job.call(ctx),
            Microtask::Generic(job) => job.call(ctx),
            Microtask::Callback(func) => func.call(&JsValue::undefined(), &[], ctx),
        }
    }
}

/// What a timer runs when it is due.
pub(super) enum TimerAction {
    /// `setTimeout`/`setInterval`: a JS function and its extra arguments.
    Call {
        func: JsFunction,
        args: Vec<JsValue>,
    },
    /// A timeout Boa itself enqueued (e.g. `Atomics.waitAsync`).
    Native(TimeoutJob),
}

/// A scheduled timer task.
pub(super) struct Timer {
    id: u64,
    action: TimerAction,
    /// `Some(delay)` for `setInterval`: re-scheduled `delay` ms after each run.
    repeat: Option<u64>,
}

impl Timer {
    /// Runs the task once. An interval keeps its action for the next run.
    pub(super) fn run(self, ctx: &mut Context) -> (JsResult<JsValue>, Option<Timer>) {
        match self.action {
            TimerAction::Call { func, args } => {
                let result = func.call(&JsValue::undefined(), &args, ctx);
                let again = self.repeat.map(|delay| Timer {
                    id: self.id,
                    action: TimerAction::Call { func, args },
                    repeat: Some(delay),
                });
                (result, again)
            }
            TimerAction::Native(job) => (job.call(ctx), None),
        }
    }
}

/// Timer tasks ordered by (due time, scheduling order): DESIGN §3.
#[derive(Default)]
struct Timers {
    /// Virtual now, in ms: the due time of the task that ran last.
    now: u64,
    next_id: u64,
    next_seq: u64,
    queue: BTreeMap<(u64, u64), Timer>,
    /// Where each live timer id sits in `queue`.
    keys: HashMap<u64, (u64, u64)>,
    /// The interval whose callback is running now, and whether it was cleared
    /// from inside that callback.
    running_interval: Option<(u64, bool)>,
}

impl Timers {
    fn schedule(&mut self, id: u64, delay: u64, action: TimerAction, repeat: Option<u64>) {
        self.next_seq += 1;
        let key = (self.now.saturating_add(delay), self.next_seq);
        self.queue.insert(key, Timer { id, action, repeat });
        self.keys.insert(id, key);
    }

    fn fresh_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }

    fn clear(&mut self, id: u64) {
        if let Some(key) = self.keys.remove(&id) {
            self.queue.remove(&key);
        } else if let Some((running, cleared)) = &mut self.running_interval
            && *running == id
        {
            *cleared = true;
        }
    }
}

/// Everything one run owns outside the JS heap.
#[derive(Default)]
pub(super) struct Host {
    transcript: RefCell<Transcript>,
    microtasks: RefCell<VecDeque<Microtask>>,
    async_jobs: RefCell<VecDeque<NativeAsyncJob>>,
    timers: RefCell<Timers>,
    /// Set when a host limit (not a JS error) stopped the run.
    limit_hit: RefCell<Option<String>>,
    /// Promises rejected with no handler yet (HostPromiseRejectionTracker).
    unhandled_rejections: RefCell<Vec<JsObject>>,
}

impl Host {
    pub(super) fn push_uncaught(&self, name: &str) {
        self.transcript.borrow_mut().push_uncaught(name);
    }

    pub(super) fn take_transcript(&self) -> Transcript {
        std::mem::take(&mut *self.transcript.borrow_mut())
    }

    pub(super) fn take_limit_hit(&self) -> Option<String> {
        self.limit_hit.borrow_mut().take()
    }

    pub(super) fn pop_microtask(&self) -> Option<Microtask> {
        self.microtasks.borrow_mut().pop_front()
    }

    pub(super) fn has_pending_jobs(&self) -> bool {
        !self.microtasks.borrow().is_empty() || !self.async_jobs.borrow().is_empty()
    }

    pub(super) fn take_async_jobs(&self) -> VecDeque<NativeAsyncJob> {
        std::mem::take(&mut *self.async_jobs.borrow_mut())
    }

    /// Removes the next timer task and moves virtual now to its due time.
    pub(super) fn next_timer(&self) -> Option<Timer> {
        let mut timers = self.timers.borrow_mut();
        let ((due, _), timer) = timers.queue.pop_first()?;
        timers.keys.remove(&timer.id);
        timers.now = due;
        if timer.repeat.is_some() {
            timers.running_interval = Some((timer.id, false));
        }
        Some(timer)
    }

    /// After an interval ran: schedules its next run unless it was cleared.
    /// The next run is due `delay` ms after this one and is ordered after
    /// every timer its callback scheduled.
    pub(super) fn reschedule(&self, timer: Timer) {
        let mut timers = self.timers.borrow_mut();
        let cleared = matches!(timers.running_interval.take(), Some((id, true)) if id == timer.id);
        if let (false, Some(delay)) = (cleared, timer.repeat) {
            timers.schedule(timer.id, delay, timer.action, timer.repeat);
        }
    }

    /// Promises still rejected without a handler since the last call.
    pub(super) fn take_unhandled_rejections(&self) -> Vec<JsObject> {
        std::mem::take(&mut *self.unhandled_rejections.borrow_mut())
    }

    /// Drops every queued job and timer (and the JS values they hold).
    pub(super) fn clear_queues(&self) {
        self.microtasks.borrow_mut().clear();
        self.async_jobs.borrow_mut().clear();
        self.unhandled_rejections.borrow_mut().clear();
        let mut timers = self.timers.borrow_mut();
        timers.queue.clear();
        timers.keys.clear();
    }
}

impl JobExecutor for Host {
    fn enqueue_job(self: Rc<Self>, job: Job, _ctx: &mut Context) {
        match job {
            Job::PromiseJob(job) => self
                .microtasks
                .borrow_mut()
                .push_back(Microtask::Promise(job)),
            Job::GenericJob(job) => self
                .microtasks
                .borrow_mut()
                .push_back(Microtask::Generic(job)),
            Job::AsyncJob(job) | Job::FinalizationRegistryCleanupJob(job) => {
                self.async_jobs.borrow_mut().push_back(job);
            }
            Job::TimeoutJob(job) => {
                let delay = duration_ms(job.timeout());
                let mut timers = self.timers.borrow_mut();
                let id = timers.fresh_id();
                timers.schedule(id, delay, TimerAction::Native(job), None);
            }
            // Only boa_runtime enqueues interval jobs; lexenv's setInterval is
            // its own. Anything else is dropped: the run simply never sees it.
            _ => {}
        }
    }

    /// Drains the microtask queue, stopping at the first error. lexenv's
    /// event loop does not call this (it reports errors per job and goes
    /// on); it exists for Boa APIs that run jobs themselves.
    fn run_jobs(self: Rc<Self>, ctx: &mut Context) -> JsResult<()> {
        while let Some(task) = self.pop_microtask() {
            task.run(ctx)?;
        }
        Ok(())
    }
}

/// Tracks rejections without handlers, so the event loop can note them
/// (they are not part of the transcript: DESIGN §4 is about exceptions).
impl HostHooks for Host {
    fn promise_rejection_tracker(
        &self,
        promise: &JsObject<Promise>,
        operation: OperationType,
        _ctx: &mut Context,
    ) {
        let promise = promise.clone().upcast();
        let mut unhandled = self.unhandled_rejections.borrow_mut();
        match operation {
            OperationType::Reject => unhandled.push(promise),
            OperationType::Handle => unhandled.retain(|p| p != &promise),
        }
    }
}

fn duration_ms(duration: JsDuration) -> u64 {
    duration.as_millis()
}

/// Installs the host contract's globals (DESIGN §3) into `ctx`.
pub(super) fn install_globals(ctx: &mut Context) -> JsResult<()> {
    let log = NativeFunction::from_fn_ptr(print);
    let console = ObjectInitializer::new(ctx)
        .function(log, js_string!("log"), 0)
        .build();
    ctx.register_global_property(
        js_string!("console"),
        console,
        Attribute::WRITABLE | Attribute::CONFIGURABLE,
    )?;
    let globals: [(
        JsString,
        usize,
        fn(&JsValue, &[JsValue], &mut Context) -> JsResult<JsValue>,
    ); 8] = [
        (js_string!("alert"), 0, print),
        (js_string!("print"), 0, print),
        (js_string!("setTimeout"), 2, set_timeout),
        (js_string!("setInterval"), 2, set_interval),
        (js_string!("clearTimeout"), 1, clear_timer),
        (js_string!("clearInterval"), 1, clear_timer),
        (js_string!("queueMicrotask"), 1, queue_microtask),
        (js_string!("gc"), 0, gc),
    ];
    for (name, length, f) in globals {
        ctx.register_global_builtin_callable(name, length, NativeFunction::from_fn_ptr(f))?;
    }
    Ok(())
}

/// The `Host` of the context a native function runs in.
fn host(ctx: &Context) -> JsResult<Rc<Host>> {
    ctx.downcast_job_executor::<Host>()
        .ok_or_else(|| PanicError::new("lexenv: the Boa context has no lexenv host").into())
}

/// `String(value)` with the realm's own `String` function, so Symbols print
/// as `Symbol(desc)` and objects go through their `toString`.
pub(super) fn js_string_of(value: &JsValue, ctx: &mut Context) -> JsResult<String> {
    let string_fn = ctx.intrinsics().constructors().string().constructor();
    let converted = string_fn.call(&JsValue::undefined(), std::slice::from_ref(value), ctx)?;
    match converted.as_string() {
        Some(s) => Ok(s.to_std_string_lossy()),
        None => Err(JsNativeError::typ()
            .with_message("String() did not return a string")
            .into()),
    }
}

/// `console.log`, `alert`, `print`: one transcript line, the arguments as
/// `String(arg)` joined by one space.
fn print(_this: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let mut line = String::new();
    for (i, arg) in args.iter().enumerate() {
        if i > 0 {
            line.push(' ');
        }
        line.push_str(&js_string_of(arg, ctx)?);
    }
    let host = host(ctx)?;
    let mut transcript = host.transcript.borrow_mut();
    if transcript.len().saturating_add(line.len()) >= MAX_TRANSCRIPT_BYTES {
        let reason = format!("transcript size limit ({MAX_TRANSCRIPT_BYTES} bytes) reached");
        *host.limit_hit.borrow_mut() = Some(reason.clone());
        // An engine error: JS cannot catch it, so the run stops here.
        return Err(PanicError::new(reason).into());
    }
    transcript.push_line(&line);
    Ok(JsValue::undefined())
}

/// A timer delay: ToNumber; NaN or negative is 0; floored (DESIGN §3).
/// `+Infinity` and anything past `u64::MAX` ms saturate (due last).
fn delay_ms(value: &JsValue, ctx: &mut Context) -> JsResult<u64> {
    let n = value.to_number(ctx)?;
    // `as` saturates: +Infinity becomes u64::MAX.
    Ok(if n.is_nan() || n <= 0.0 {
        0
    } else {
        n.floor() as u64
    })
}

fn schedule_timer(
    args: &[JsValue],
    ctx: &mut Context,
    what: &str,
    repeat: bool,
) -> JsResult<JsValue> {
    let Some(func) = args.first().and_then(JsValue::as_function) else {
        return Err(JsNativeError::typ()
            .with_message(format!("{what}: the callback must be a function"))
            .into());
    };
    let delay = delay_ms(args.get(1).unwrap_or(&JsValue::undefined()), ctx)?;
    let extra = args.get(2..).unwrap_or_default().to_vec();
    let host = host(ctx)?;
    let mut timers = host.timers.borrow_mut();
    let id = timers.fresh_id();
    timers.schedule(
        id,
        delay,
        TimerAction::Call { func, args: extra },
        repeat.then_some(delay),
    );
    Ok(JsValue::from(id))
}

fn set_timeout(_this: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    schedule_timer(args, ctx, "setTimeout", false)
}

fn set_interval(_this: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    schedule_timer(args, ctx, "setInterval", true)
}

/// `clearTimeout(id)` / `clearInterval(id)` (one id space, as in browsers).
/// Anything but a live timer id is ignored; the id is not converted.
fn clear_timer(_this: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let id = args.first().and_then(JsValue::as_number);
    if let Some(id) = id.filter(|n| n.fract() == 0.0 && *n >= 1.0 && *n < 2f64.powi(53)) {
        host(ctx)?.timers.borrow_mut().clear(id as u64);
    }
    Ok(JsValue::undefined())
}

fn queue_microtask(_this: &JsValue, args: &[JsValue], ctx: &mut Context) -> JsResult<JsValue> {
    let Some(func) = args.first().and_then(JsValue::as_function) else {
        return Err(JsNativeError::typ()
            .with_message("queueMicrotask: the callback must be a function")
            .into());
    };
    host(ctx)?
        .microtasks
        .borrow_mut()
        .push_back(Microtask::Callback(func));
    Ok(JsValue::undefined())
}

/// `gc()`: a full collection now. It does *not* perform ClearKeptObjects:
/// targets that `new WeakRef` or `deref()` kept alive stay alive until the
/// end of the current job (ECMA-262 sec-weakref-execution, as in V8), and the
/// event loop clears the kept list at every microtask checkpoint.
fn gc(_this: &JsValue, _args: &[JsValue], _ctx: &mut Context) -> JsResult<JsValue> {
    boa_engine::gc::force_collect();
    Ok(JsValue::undefined())
}
