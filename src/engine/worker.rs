//! Worker processes: how the harness runs engines out of process so that no
//! input can hang or abort a run (DESIGN §5).
//!
//! Protocol: the parent writes one JSON `Request` per line to the worker's
//! stdin; the worker answers each with one JSON `Outcome` line on stdout.
//! `lexenv worker --engine boa|mini` is the worker for in-process engines
//! (`serve`); any other program that speaks the same protocol (node running a
//! script) plugs in through `WorkerCommand`.
//!
//! The parent side is `Worker`, an `Engine` that forwards each run to its
//! child. The answer is awaited for the wall-clock limit plus a grace period;
//! past that the child is killed and the run is a `timeout`. A child that dies
//! or closes stdout makes the run a `crash` whose reason carries the exit
//! status and the last lines the child wrote to stderr. Either way the child
//! is replaced lazily, at the next run.

use std::collections::VecDeque;
use std::ffi::OsString;
use std::io::{self, BufRead, BufReader, Read, Write};
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use super::{Engine, EngineKind, Limits, Outcome};

/// One script to run.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Request {
    pub source: String,
    pub limits: Limits,
}

// ---------------------------------------------------------------------------
// Worker side
// ---------------------------------------------------------------------------

/// Native stack of the thread that serves requests: in-process engines may
/// recurse deeply in Rust before their own depth limits stop them.
const SERVE_STACK_BYTES: usize = 256 << 20;

/// Environment variable that arms the test-only fault markers (see
/// `injected_fault`). Never set outside lexenv's own tests.
pub const TEST_FAULTS_ENV: &str = "LEXENV_TEST_FAULTS";

/// `lexenv worker --engine NAME`: serves requests from stdin until it closes.
/// Returns an error message when the engine cannot run in this process.
pub fn serve_stdio(kind: EngineKind) -> Result<(), String> {
    if kind.in_process().is_none() {
        return Err(format!(
            "engine `{kind}` cannot run inside a lexenv worker in this build"
        ));
    }
    let faults = std::env::var_os(TEST_FAULTS_ENV).is_some_and(|v| !v.is_empty());
    install_panic_recorder();
    let server = thread::Builder::new()
        .name(format!("{kind}-worker"))
        .stack_size(SERVE_STACK_BYTES)
        .spawn(move || {
            let stdin = io::stdin().lock();
            let stdout = io::stdout().lock();
            serve(kind, stdin, stdout, faults)
        })
        .map_err(|e| format!("cannot start the worker thread: {e}"))?;
    match server.join() {
        Ok(Ok(())) => Ok(()),
        Ok(Err(e)) => Err(format!("worker i/o failed: {e}")),
        Err(_) => Err("worker thread panicked outside an engine run".into()),
    }
}

/// Answers every request line of `input` with one outcome line on `output`.
/// A panic inside the engine becomes that request's `Outcome::Crash` and the
/// engine is rebuilt; an unreadable request is answered with a crash too.
pub fn serve(
    kind: EngineKind,
    input: impl BufRead,
    mut output: impl Write,
    test_faults: bool,
) -> io::Result<()> {
    let mut engine: Option<Option<Box<dyn Engine>>> = None;
    for line in input.lines() {
        let line = line?;
        if line.trim().is_empty() {
            continue;
        }
        let outcome = match serde_json::from_str::<Request>(&line) {
            Err(e) => Outcome::Crash {
                reason: format!("worker got an unreadable request: {e}"),
            },
            Ok(request) => {
                let run = panic::catch_unwind(AssertUnwindSafe(|| {
                    if test_faults {
                        injected_fault(&request.source);
                    }
                    let engine = engine.get_or_insert_with(|| kind.in_process());
                    match engine {
                        Some(engine) => engine.run(&request.source, &request.limits),
                        None => Outcome::Crash {
                            reason: format!("engine `{kind}` is not compiled into this worker"),
                        },
                    }
                }));
                match run {
                    Ok(outcome) => outcome,
                    // The engine is rebuilt below: a panic may have left it
                    // inconsistent.
                    Err(payload) => Outcome::Crash {
                        reason: panic_reason(payload.as_ref()),
                    },
                }
            }
        };
        if matches!(outcome, Outcome::Crash { .. }) {
            engine = None;
        }
        let json = serde_json::to_string(&outcome).map_err(io::Error::other)?;
        writeln!(output, "{json}")?;
        output.flush()?;
    }
    Ok(())
}

/// The last panic's message and location, kept by the hook that
/// `serve_stdio` installs.
static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// Replaces the default panic hook (which prints to stderr) with one that
/// keeps the message and location for the crash reason.
fn install_panic_recorder() {
    panic::set_hook(Box::new(|info| {
        let message = payload_text(info.payload()).unwrap_or("(no message)");
        let text = match info.location() {
            Some(at) => format!("{message} at {}:{}", at.file(), at.line()),
            None => message.to_string(),
        };
        if let Ok(mut last) = LAST_PANIC.lock() {
            *last = Some(text);
        }
    }));
}

fn payload_text(payload: &(dyn std::any::Any + Send)) -> Option<&str> {
    payload
        .downcast_ref::<&str>()
        .copied()
        .or_else(|| payload.downcast_ref::<String>().map(String::as_str))
}

fn panic_reason(payload: &(dyn std::any::Any + Send)) -> String {
    let recorded = LAST_PANIC.lock().ok().and_then(|mut last| last.take());
    let text = recorded
        .or_else(|| payload_text(payload).map(str::to_string))
        .unwrap_or_else(|| "(no message)".into());
    format!("engine panicked: {text}")
}

/// Test-only faults, armed by `LEXENV_TEST_FAULTS`: a source containing
/// `/*lexenv:abort*/` aborts the worker, `/*lexenv:panic*/` panics inside the
/// run, `/*lexenv:hang*/` never answers. They let tests provoke a crash or a
/// hang on any engine, including one still under construction.
fn injected_fault(source: &str) {
    if source.contains("/*lexenv:abort*/") {
        eprintln!("lexenv worker: aborting on the test marker");
        std::process::abort();
    }
    if source.contains("/*lexenv:hang*/") {
        loop {
            thread::sleep(Duration::from_secs(3600));
        }
    }
    if source.contains("/*lexenv:panic*/") {
        panic!("test marker panic");
    }
}

// ---------------------------------------------------------------------------
// Parent side
// ---------------------------------------------------------------------------

/// How to start a worker: a program and its arguments.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkerCommand {
    pub program: PathBuf,
    pub args: Vec<OsString>,
}

impl WorkerCommand {
    /// `lexenv worker --engine NAME`, with `lexenv` the given binary.
    pub fn lexenv(lexenv_exe: &Path, kind: EngineKind) -> Self {
        WorkerCommand {
            program: lexenv_exe.to_path_buf(),
            args: vec!["worker".into(), "--engine".into(), kind.name().into()],
        }
    }

    /// How to start a worker for `kind`, or why this build or machine
    /// cannot. `lexenv_exe` is the lexenv binary (`current_exe()` in the CLI,
    /// `CARGO_BIN_EXE_lexenv` in tests).
    pub fn for_engine(kind: EngineKind, lexenv_exe: &Path) -> Result<Self, String> {
        match kind {
            EngineKind::Boa if cfg!(feature = "boa") => Ok(Self::lexenv(lexenv_exe, kind)),
            EngineKind::Boa => Err(
                "this lexenv was built without the `boa` feature (--no-default-features)".into(),
            ),
            EngineKind::Mini => Ok(Self::lexenv(lexenv_exe, kind)),
            EngineKind::Node => super::node::worker_command(),
        }
    }
}

/// The engines a run uses when none is named: every engine this build and
/// machine can start, in `EngineKind` order.
pub fn default_engines(lexenv_exe: &Path) -> Vec<EngineKind> {
    EngineKind::ALL
        .into_iter()
        .filter(|&kind| WorkerCommand::for_engine(kind, lexenv_exe).is_ok())
        .collect()
}

/// Extra time past `Limits::wall_ms` before a worker is declared hung, so an
/// engine that enforces the limit itself can answer first.
fn grace(limits: &Limits) -> Duration {
    Duration::from_millis(250 + limits.wall_ms / 10)
}

/// How many of a crashed worker's last stderr lines a crash reason quotes.
const STDERR_TAIL_LINES: usize = 12;

/// An engine running in a child process, restarted as needed.
pub struct Worker {
    name: &'static str,
    command: WorkerCommand,
    child: Option<LiveChild>,
}

/// A running child with its pipes.
struct LiveChild {
    process: Child,
    stdin: ChildStdin,
    /// Lines from the child's stdout; disconnected at EOF.
    answers: Receiver<String>,
    stderr: Arc<Mutex<StderrTail>>,
}

#[derive(Default)]
struct StderrTail {
    lines: VecDeque<String>,
    closed: bool,
}

impl Worker {
    /// A worker for the engine called `name`; the child starts at the first
    /// run.
    pub fn new(name: &'static str, command: WorkerCommand) -> Self {
        Worker {
            name,
            command,
            child: None,
        }
    }

    fn spawn(&self) -> io::Result<LiveChild> {
        let mut process = Command::new(&self.command.program)
            .args(&self.command.args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let (Some(stdin), Some(stdout), Some(stderr)) = (
            process.stdin.take(),
            process.stdout.take(),
            process.stderr.take(),
        ) else {
            let _ = process.kill();
            let _ = process.wait();
            return Err(io::Error::other("child pipes missing"));
        };
        let (sender, answers) = mpsc::channel();
        thread::Builder::new()
            .name(format!("{}-stdout", self.name))
            .spawn(move || {
                let mut reader = BufReader::new(stdout);
                loop {
                    let mut line = String::new();
                    match reader.read_line(&mut line) {
                        Ok(0) | Err(_) => break,
                        Ok(_) => {
                            if sender.send(line).is_err() {
                                break;
                            }
                        }
                    }
                }
            })?;
        let tail = Arc::new(Mutex::new(StderrTail::default()));
        let writer = Arc::clone(&tail);
        thread::Builder::new()
            .name(format!("{}-stderr", self.name))
            .spawn(move || collect_stderr(stderr, &writer))?;
        Ok(LiveChild {
            process,
            stdin,
            answers,
            stderr: tail,
        })
    }

    /// Kills the child (if any) and forgets it.
    fn discard(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.process.kill();
            let _ = child.process.wait();
        }
    }

    /// The child died or broke the protocol: collect why, replace it later.
    fn crashed(&mut self, what: &str) -> Outcome {
        let Some(mut child) = self.child.take() else {
            return Outcome::Crash {
                reason: what.to_string(),
            };
        };
        let status = wait_briefly(&mut child.process, Duration::from_secs(2));
        let stderr = child.stderr_tail(Duration::from_millis(500));
        let mut reason = match status {
            Some(status) => format!("{what}: {}", describe_exit(status)),
            None => {
                let _ = child.process.kill();
                let _ = child.process.wait();
                format!("{what} (killed)")
            }
        };
        if !stderr.is_empty() {
            reason.push_str("; stderr: ");
            reason.push_str(&stderr);
        }
        Outcome::Crash { reason }
    }
}

impl Engine for Worker {
    fn name(&self) -> &'static str {
        self.name
    }

    fn run(&mut self, source: &str, limits: &Limits) -> Outcome {
        if self.child.is_none() {
            match self.spawn() {
                Ok(child) => self.child = Some(child),
                Err(e) => {
                    return Outcome::Crash {
                        reason: format!(
                            "cannot start the {} worker `{}`: {e}",
                            self.name,
                            self.command.program.display()
                        ),
                    };
                }
            }
        }
        let request = Request {
            source: source.to_string(),
            limits: limits.clone(),
        };
        let mut line = serde_json::to_string(&request).expect("a Request always serializes");
        line.push('\n');
        let child = self.child.as_mut().expect("spawned above");
        if let Ok(mut tail) = child.stderr.lock() {
            tail.lines.clear();
        }
        if child
            .stdin
            .write_all(line.as_bytes())
            .and_then(|()| child.stdin.flush())
            .is_err()
        {
            return self.crashed("worker exited");
        }
        let deadline = Duration::from_millis(limits.wall_ms) + grace(limits);
        match child.answers.recv_timeout(deadline) {
            Ok(answer) => match serde_json::from_str::<Outcome>(&answer) {
                Ok(outcome) => outcome,
                Err(e) => {
                    let mut shown: String = answer.trim_end().chars().take(200).collect();
                    if shown.len() < answer.trim_end().len() {
                        shown.push('…');
                    }
                    let what = format!("worker sent an unreadable answer ({e}): {shown:?}");
                    let _ = child.process.kill();
                    self.crashed(&what)
                }
            },
            Err(RecvTimeoutError::Timeout) => {
                self.discard();
                Outcome::Timeout {
                    reason: format!("wall-clock limit of {} ms", limits.wall_ms),
                }
            }
            Err(RecvTimeoutError::Disconnected) => self.crashed("worker exited"),
        }
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        self.discard();
    }
}

impl LiveChild {
    /// The last stderr lines, one line joined by " | ", after waiting up to
    /// `wait` for the child's stderr to close.
    fn stderr_tail(&self, wait: Duration) -> String {
        let start = Instant::now();
        loop {
            let closed = self.stderr.lock().map(|t| t.closed).unwrap_or(true);
            if closed || start.elapsed() >= wait {
                break;
            }
            thread::sleep(Duration::from_millis(10));
        }
        let Ok(tail) = self.stderr.lock() else {
            return String::new();
        };
        tail.lines
            .iter()
            .map(|l| l.trim_end())
            .collect::<Vec<_>>()
            .join(" | ")
    }
}

fn collect_stderr(stderr: impl Read, tail: &Mutex<StderrTail>) {
    let mut reader = BufReader::new(stderr);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf) {
            Ok(0) | Err(_) => break,
            Ok(_) => {
                let mut line = String::from_utf8_lossy(&buf).into_owned();
                if line.len() > 500 {
                    let mut cut = 500;
                    while !line.is_char_boundary(cut) {
                        cut -= 1;
                    }
                    line.truncate(cut);
                    line.push('…');
                }
                if let Ok(mut tail) = tail.lock() {
                    tail.lines.push_back(line);
                    if tail.lines.len() > STDERR_TAIL_LINES {
                        tail.lines.pop_front();
                    }
                }
            }
        }
    }
    if let Ok(mut tail) = tail.lock() {
        tail.closed = true;
    }
}

fn wait_briefly(process: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let start = Instant::now();
    loop {
        match process.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if start.elapsed() < limit => thread::sleep(Duration::from_millis(10)),
            _ => return None,
        }
    }
}

/// "exit code 3", "signal 6 (SIGABRT)".
fn describe_exit(status: ExitStatus) -> String {
    if let Some(code) = status.code() {
        return format!("exit code {code}");
    }
    #[cfg(unix)]
    {
        use std::os::unix::process::ExitStatusExt;
        if let Some(signal) = status.signal() {
            return match signal_name(signal) {
                Some(name) => format!("signal {signal} ({name})"),
                None => format!("signal {signal}"),
            };
        }
    }
    status.to_string()
}

#[cfg(unix)]
fn signal_name(signal: i32) -> Option<&'static str> {
    Some(match signal {
        1 => "SIGHUP",
        2 => "SIGINT",
        4 => "SIGILL",
        6 => "SIGABRT",
        7 => "SIGBUS",
        8 => "SIGFPE",
        9 => "SIGKILL",
        11 => "SIGSEGV",
        13 => "SIGPIPE",
        15 => "SIGTERM",
        _ => return None,
    })
}

#[cfg(test)]
#[path = "worker_tests.rs"]
mod tests;
