//! The reference engine: Boa (`boa_engine` 0.22, with `annex-b`) playing the
//! host contract of DESIGN §3–4.
//!
//! - `host`: the globals (`console.log`, timers, `queueMicrotask`, `gc`) and
//!   the per-run state they share with the event loop;
//! - `event_loop`: one run — parse, evaluate, microtasks, virtual-time
//!   timers — and how each error becomes a transcript line or an `Outcome`;
//! - `guards`: built-ins replaced so that big inputs throw instead of
//!   aborting the process.
//!
//! Boa re-enters native code on the Rust stack (`JSON.stringify`, `map`
//! callbacks, `String(array)`), and a Rust stack overflow aborts the
//! process, so every run happens on a thread with a large stack
//! (`STACK_BYTES`, committed lazily by the OS). `BoaEngine` keeps one such
//! thread alive across runs and gives it scripts over a channel; each run
//! gets a fresh `Context`. A Rust panic inside Boa is caught on that thread
//! and becomes `Outcome::Crash`; the thread is then replaced, since Boa's
//! thread-local heap may be left inconsistent. The wall-clock limit is
//! enforced by the harness, which kills the worker process.
//!
//! `Limits` map to Boa's runtime limits: `steps` is the loop-iteration limit
//! (counted per call frame, so it is not a general time budget; Boa runs
//! roughly 20–30 M empty iterations a second), `max_depth` the recursion
//! limit (its VM stack limit is set well above it). Boa has no heap limit,
//! so `heap_bytes` is not enforced here.

mod event_loop;
mod guards;
mod host;
#[cfg(test)]
mod tests;

use std::any::Any;
use std::panic::{self, AssertUnwindSafe};
use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};

use super::{Engine, Limits, Outcome};
use event_loop::RunConfig;

pub use guards::MAX_STRING_LENGTH;

/// Native stack of the thread Boa runs on. Deep native recursion inside
/// built-ins (e.g. `JSON.stringify` of a 100,000-deep object) needs it.
pub const STACK_BYTES: usize = 1 << 30;

/// Default for `BoaEngine::with_job_limit`: timer tasks plus microtasks one
/// run may execute.
pub const DEFAULT_JOB_LIMIT: u64 = 1_000_000;

/// Boa behind the `Engine` trait.
pub struct BoaEngine {
    runner: Option<Runner>,
    config: RunConfig,
}

impl BoaEngine {
    pub fn new() -> Self {
        BoaEngine {
            runner: None,
            config: RunConfig {
                job_limit: DEFAULT_JOB_LIMIT,
            },
        }
    }

    /// Sets how many event-loop jobs (timer tasks and microtasks) one run may
    /// execute before it ends as a timeout.
    pub fn with_job_limit(mut self, job_limit: u64) -> Self {
        self.config.job_limit = job_limit;
        self
    }
}

impl Default for BoaEngine {
    fn default() -> Self {
        Self::new()
    }
}

impl Engine for BoaEngine {
    fn name(&self) -> &'static str {
        "boa"
    }

    fn run(&mut self, source: &str, limits: &Limits) -> Outcome {
        let runner = match self.runner.take() {
            Some(runner) => runner,
            None => match Runner::spawn() {
                Ok(runner) => runner,
                Err(err) => {
                    return Outcome::Crash {
                        reason: format!("cannot start the Boa thread: {err}"),
                    };
                }
            },
        };
        let request = Request {
            source: source.to_owned(),
            limits: limits.clone(),
            config: self.config,
        };
        let reply = runner
            .requests
            .send(request)
            .ok()
            .and_then(|()| runner.replies.recv().ok());
        match reply {
            Some(Reply {
                outcome,
                thread_usable: true,
            }) => {
                self.runner = Some(runner);
                outcome
            }
            Some(Reply {
                outcome,
                thread_usable: false,
            }) => {
                runner.shut_down();
                outcome
            }
            None => {
                runner.shut_down();
                Outcome::Crash {
                    reason: "the Boa thread stopped without an answer".into(),
                }
            }
        }
    }
}

struct Request {
    source: String,
    limits: Limits,
    config: RunConfig,
}

struct Reply {
    outcome: Outcome,
    /// False after a panic: the thread has exited and must be replaced.
    thread_usable: bool,
}

/// The long-lived big-stack thread that runs scripts.
struct Runner {
    requests: Sender<Request>,
    replies: Receiver<Reply>,
    thread: JoinHandle<()>,
}

impl Runner {
    fn spawn() -> std::io::Result<Runner> {
        let (requests, inbox) = mpsc::channel::<Request>();
        let (outbox, replies) = mpsc::channel::<Reply>();
        let thread = thread::Builder::new()
            .name("boa-engine".into())
            .stack_size(STACK_BYTES)
            .spawn(move || serve(inbox, outbox))?;
        Ok(Runner {
            requests,
            replies,
            thread,
        })
    }

    fn shut_down(self) {
        drop(self.requests);
        // The thread ends once its inbox is closed; its result (a panic that
        // escaped `serve`) has already been reported as a crash.
        let _ = self.thread.join();
    }
}

impl Drop for BoaEngine {
    fn drop(&mut self) {
        if let Some(runner) = self.runner.take() {
            runner.shut_down();
        }
    }
}

/// The Boa thread's loop: one fresh context per request.
fn serve(inbox: Receiver<Request>, outbox: Sender<Reply>) {
    for request in inbox {
        let Request {
            source,
            limits,
            config,
        } = request;
        let result = panic::catch_unwind(AssertUnwindSafe(|| {
            event_loop::run_script(&source, &limits, config)
        }));
        let reply = match result {
            Ok(outcome) => Reply {
                outcome,
                thread_usable: true,
            },
            Err(payload) => Reply {
                outcome: Outcome::Crash {
                    reason: format!("Boa panicked: {}", panic_message(&*payload)),
                },
                thread_usable: false,
            },
        };
        let usable = reply.thread_usable;
        if outbox.send(reply).is_err() || !usable {
            return;
        }
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "non-string panic payload".to_string()
    }
}
