//! The host (DESIGN §3–4): the transcript, `console.log`/`alert`/`print`,
//! virtual-time timers, the job queue shared by promise reactions and
//! `queueMicrotask` (HostEnqueuePromiseJob, #sec-hostenqueuepromisejob), `gc()`,
//! and the event loop:
//!
//! run the script; drain microtasks; then repeatedly take the timer with the
//! smallest (due time, scheduling order), set virtual now to its due time,
//! run it, drain microtasks. An exception nobody caught appends
//! `Uncaught <Name>` and the loop goes on. After every job and task the
//! kept-alive WeakRef targets are released (ClearKeptObjects).
//!
//! An interval is rescheduled after its callback ran, due `delay` after this
//! run and ordered after every timer its callback scheduled. A run may
//! execute at most [`JOB_LIMIT`] jobs and tasks (an interval nobody clears
//! would run forever): past that it is a timeout.

use std::collections::{BTreeMap, VecDeque};

use crate::mini::builtins::{define_function, global};
use crate::mini::interpreter::{Abrupt, AbruptKind, Completion, Halt, Interpreter, arg};
use crate::mini::object::Obj;
use crate::mini::property::PropertyKey;
use crate::mini::value::Value;
use crate::transcript::Transcript;

/// Timer tasks plus microtasks one run may execute.
pub const JOB_LIMIT: u64 = 1_000_000;

/// The most transcript text one run may print.
pub const MAX_TRANSCRIPT_BYTES: usize = 16 << 20;

/// A job's steps: a native function over the values the job captured.
pub type JobFn = fn(&Interpreter, &[Value]) -> Completion<()>;

/// A Job Abstract Closure (#sec-jobs) and its captured values.
pub struct Job {
    pub run: JobFn,
    pub args: Vec<Value>,
}

struct Timer {
    id: u64,
    callback: Value,
    args: Vec<Value>,
    /// Some(delay) for an interval.
    repeat: Option<u64>,
}

/// Everything a run owns outside the JS heap.
#[derive(Default)]
pub struct Host {
    pub transcript: Transcript,
    /// Diagnostics for the report (not part of the transcript).
    pub notes: Vec<String>,
    jobs: VecDeque<Job>,
    timers: BTreeMap<(u64, u64), Timer>,
    now: u64,
    next_id: u64,
    next_seq: u64,
    /// The interval whose callback runs now, and whether it was cleared.
    running_interval: Option<(u64, bool)>,
    jobs_run: u64,
}

impl Host {
    pub fn new() -> Self {
        Self::default()
    }

    /// HostEnqueuePromiseJob ( job, realm ) — https://tc39.es/ecma262/#sec-hostenqueuepromisejob
    pub fn enqueue_job(&mut self, job: Job) {
        self.jobs.push_back(job);
    }

    fn schedule(
        &mut self,
        id: u64,
        delay: u64,
        callback: Value,
        args: Vec<Value>,
        repeat: Option<u64>,
    ) {
        self.next_seq += 1;
        self.timers.insert(
            (self.now.saturating_add(delay), self.next_seq),
            Timer {
                id,
                callback,
                args,
                repeat,
            },
        );
    }

    fn clear(&mut self, id: u64) {
        if let Some(key) = self
            .timers
            .iter()
            .find(|(_, t)| t.id == id)
            .map(|(k, _)| *k)
        {
            self.timers.remove(&key);
        } else if let Some((running, cleared)) = &mut self.running_interval
            && *running == id
        {
            *cleared = true;
        }
    }

    /// Drops every queued job and timer (and the values they hold).
    pub fn clear_queues(&mut self) {
        self.jobs.clear();
        self.timers.clear();
    }
}

/// The name an uncaught exception prints as: `String(e.name)` for an
/// object with %Error.prototype% on its chain, else `String(value)`
/// (falling back to Object.prototype.toString's form if that throws).
pub fn uncaught_name(interp: &Interpreter, value: &Value) -> String {
    if let Value::Object(o) = value {
        let error_proto = interp.realm.error_prototypes[0].clone();
        let mut proto = o.prototype();
        let mut is_error = false;
        while let Some(p) = proto {
            if p.ptr_eq(&error_proto) {
                is_error = true;
                break;
            }
            proto = p.prototype();
        }
        if is_error
            && let Ok(name) = interp.get(o, &PropertyKey::from("name"))
            && let Ok(s) = interp.string_of(&name)
        {
            return s.to_string();
        }
    }
    match interp.string_of(value) {
        Ok(s) => s.to_string(),
        Err(_) => "[object Object]".into(),
    }
}

/// Reports an abrupt completion of a script, task or job: a throw appends
/// `Uncaught <Name>`; a halt is passed up.
fn report(interp: &Interpreter, result: Completion<()>) -> Result<(), Halt> {
    match result.map_err(Abrupt::into_kind) {
        Ok(()) => Ok(()),
        Err(AbruptKind::Throw(v)) => {
            let name = uncaught_name(interp, &v);
            interp.host.borrow_mut().transcript.push_uncaught(&name);
            Ok(())
        }
        Err(AbruptKind::Halt(h)) => Err(h),
        // A stray return completion ends its job quietly.
        Err(AbruptKind::Return(_)) => Ok(()),
    }
}

/// What stopped an event loop early.
pub enum LoopStop {
    Halt(Halt),
    JobLimit,
}

fn count_job(interp: &Interpreter) -> Result<(), LoopStop> {
    let mut host = interp.host.borrow_mut();
    host.jobs_run += 1;
    if host.jobs_run > JOB_LIMIT {
        return Err(LoopStop::JobLimit);
    }
    Ok(())
}

/// Runs every queued job, including those queued meanwhile.
pub fn drain_microtasks(interp: &Interpreter) -> Result<(), LoopStop> {
    loop {
        let job = interp.host.borrow_mut().jobs.pop_front();
        let Some(job) = job else { return Ok(()) };
        count_job(interp)?;
        let result = (job.run)(interp, &job.args);
        drop(job);
        report(interp, result).map_err(LoopStop::Halt)?;
        interp.clear_kept_objects();
    }
}

/// The event loop after the script: microtasks, then timers in (due, seq)
/// order, each followed by a microtask checkpoint.
pub fn run_event_loop(interp: &Interpreter, script: Completion<()>) -> Result<(), LoopStop> {
    report(interp, script).map_err(LoopStop::Halt)?;
    interp.clear_kept_objects();
    drain_microtasks(interp)?;
    loop {
        let next = {
            let mut host = interp.host.borrow_mut();
            match host.timers.pop_first() {
                None => None,
                Some(((due, _), timer)) => {
                    host.now = due;
                    if timer.repeat.is_some() {
                        host.running_interval = Some((timer.id, false));
                    }
                    Some(timer)
                }
            }
        };
        let Some(timer) = next else { return Ok(()) };
        count_job(interp)?;
        let result = interp
            .call(&timer.callback, &Value::Undefined, &timer.args)
            .map(|_| ());
        report(interp, result).map_err(LoopStop::Halt)?;
        if let Some(delay) = timer.repeat {
            let mut host = interp.host.borrow_mut();
            let cleared =
                matches!(host.running_interval.take(), Some((id, true)) if id == timer.id);
            if !cleared {
                host.schedule(timer.id, delay, timer.callback, timer.args, Some(delay));
            }
        }
        interp.clear_kept_objects();
        drain_microtasks(interp)?;
    }
}

/// Installs the host globals on the global object.
pub fn install(interp: &Interpreter) {
    let g = interp.realm.global_object.clone();
    let console = interp.new_object();
    define_function(interp, &console, "log", 0, console_log);
    global(interp, "console", Value::Object(console));
    define_function(interp, &g, "alert", 1, console_log);
    define_function(interp, &g, "print", 1, console_log);
    define_function(interp, &g, "setTimeout", 2, set_timeout);
    define_function(interp, &g, "setInterval", 2, set_interval);
    define_function(interp, &g, "clearTimeout", 1, clear_timer);
    define_function(interp, &g, "clearInterval", 1, clear_timer);
    define_function(interp, &g, "queueMicrotask", 1, queue_microtask);
    define_function(interp, &g, "gc", 0, gc);
}

/// `console.log(...args)`: one line, each argument as String(arg), joined by
/// one space.
fn console_log(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let mut line = String::new();
    for (i, a) in args.iter().enumerate() {
        if i > 0 {
            line.push(' ');
        }
        line.push_str(interp.string_of(a)?.as_str());
    }
    let mut host = interp.host.borrow_mut();
    if host.transcript.len().saturating_add(line.len()) >= MAX_TRANSCRIPT_BYTES {
        return Err(Abrupt::halt(Halt::OutputLimit(MAX_TRANSCRIPT_BYTES)));
    }
    host.transcript.push_line(&line);
    Ok(Value::Undefined)
}

/// The delay argument: ToNumber; NaN or negative is 0; floored.
fn timer_delay(interp: &Interpreter, v: &Value) -> Completion<u64> {
    let n = interp.to_number(v)?;
    Ok(if n.is_nan() || n <= 0.0 {
        0
    } else {
        n.floor().min(1e15) as u64
    })
}

fn add_timer(interp: &Interpreter, args: &[Value], repeat: bool) -> Completion<Value> {
    let callback = arg(args, 0);
    interp.require_callable(&callback, "timer callback")?;
    let delay = timer_delay(interp, &arg(args, 1))?;
    let extra = args.get(2..).map(<[Value]>::to_vec).unwrap_or_default();
    let mut host = interp.host.borrow_mut();
    host.next_id += 1;
    let id = host.next_id;
    host.schedule(id, delay, callback, extra, repeat.then_some(delay));
    Ok(Value::Number(id as f64))
}

fn set_timeout(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    add_timer(interp, args, false)
}

fn set_interval(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    add_timer(interp, args, true)
}

fn clear_timer(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    if let Value::Number(n) = arg(args, 0)
        && n >= 1.0
        && n.fract() == 0.0
    {
        interp.host.borrow_mut().clear(n as u64);
    }
    Ok(Value::Undefined)
}

fn run_callback_job(interp: &Interpreter, args: &[Value]) -> Completion<()> {
    interp.call(&arg(args, 0), &Value::Undefined, &[])?;
    Ok(())
}

fn queue_microtask(interp: &Interpreter, _this: &Value, args: &[Value]) -> Completion<Value> {
    let callback = arg(args, 0);
    interp.require_callable(&callback, "queueMicrotask callback")?;
    interp.host.borrow_mut().enqueue_job(Job {
        run: run_callback_job,
        args: vec![callback],
    });
    Ok(Value::Undefined)
}

/// `gc()`: a full collection. Objects the running code still references
/// survive (they are external to the heap); WeakRef targets kept alive in
/// this job survive too.
fn gc(interp: &Interpreter, _this: &Value, _args: &[Value]) -> Completion<Value> {
    interp.heap.collect();
    Ok(Value::Undefined)
}

/// Lets tests inspect an object while keeping the type private.
#[allow(dead_code)]
fn _uses(_: Obj) {}
