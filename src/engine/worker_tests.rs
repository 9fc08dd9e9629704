//! Tests of the worker protocol: the serving loop in process, and the parent
//! side against a fake worker (a shell script speaking the protocol).

use super::*;

fn limits(wall_ms: u64) -> Limits {
    Limits {
        wall_ms,
        ..Limits::default()
    }
}

fn serve_lines(input: &str, faults: bool) -> Vec<Outcome> {
    let mut out = Vec::new();
    serve(EngineKind::Mini, input.as_bytes(), &mut out, faults).expect("in-memory i/o");
    String::from_utf8(out)
        .expect("utf-8 answers")
        .lines()
        .map(|line| serde_json::from_str(line).expect("each answer is an Outcome"))
        .collect()
}

fn request(source: &str) -> String {
    serde_json::to_string(&Request {
        source: source.into(),
        limits: Limits::default(),
    })
    .unwrap()
}

#[test]
fn serve_answers_every_request_and_survives_bad_ones() {
    let input = format!("{}\n\nnot json\n{}\n", request("1"), request("2"));
    let answers = serve_lines(&input, false);
    assert_eq!(
        answers.len(),
        3,
        "one answer per non-blank line: {answers:?}"
    );
    match &answers[1] {
        Outcome::Crash { reason } => assert!(reason.contains("unreadable request"), "{reason}"),
        other => panic!("expected a crash for a bad request, got {other:?}"),
    }
}

#[test]
fn serve_turns_a_panic_into_a_crash_and_goes_on() {
    let input = format!("{}\n{}\n", request("/*lexenv:panic*/"), request("1"));
    let answers = serve_lines(&input, true);
    assert_eq!(answers.len(), 2);
    match &answers[0] {
        Outcome::Crash { reason } => {
            assert!(
                reason.contains("engine panicked: test marker panic"),
                "{reason}"
            )
        }
        other => panic!("expected a crash, got {other:?}"),
    }
}

#[test]
fn fault_markers_are_inert_unless_armed() {
    let answers = serve_lines(&format!("{}\n", request("/*lexenv:panic*/")), false);
    if let Outcome::Crash { reason } = &answers[0] {
        assert!(!reason.contains("test marker"), "{reason}");
    }
}

/// A worker that answers like an engine: a source containing `hang` never
/// answers, `abort` dies by SIGABRT after writing to stderr, `exit3` exits
/// with code 3, `garbage` answers with text that is not JSON, anything else
/// completes with the transcript "ok".
fn fake_worker() -> Worker {
    let script = r#"
        while IFS= read -r line; do
          case "$line" in
            *hang*) sleep 10 ;;
            *abort*) echo "first line" >&2; echo "about to die" >&2; kill -ABRT $$ ;;
            *exit3*) exit 3 ;;
            *garbage*) echo "this is not json" ;;
            *) printf '%s\n' '{"kind":"completed","transcript":"ok\n"}' ;;
          esac
        done
    "#;
    Worker::new(
        "fake",
        WorkerCommand {
            program: "sh".into(),
            args: vec!["-c".into(), script.into()],
        },
    )
}

fn ok() -> Outcome {
    Outcome::completed(crate::transcript::Transcript::from_golden("ok\n"))
}

fn crash_reason(outcome: Outcome) -> String {
    match outcome {
        Outcome::Crash { reason } => reason,
        other => panic!("expected a crash, got {other:?}"),
    }
}

#[test]
fn a_worker_is_reused_across_runs() {
    let mut worker = fake_worker();
    assert_eq!(worker.run("a", &limits(2000)), ok());
    let pid = worker.child.as_ref().map(|c| c.process.id());
    assert_eq!(worker.run("b", &limits(2000)), ok());
    assert_eq!(
        worker.child.as_ref().map(|c| c.process.id()),
        pid,
        "same child process"
    );
}

#[test]
fn a_hung_worker_is_killed_as_a_timeout_and_replaced() {
    let mut worker = fake_worker();
    let start = Instant::now();
    let outcome = worker.run("hang", &limits(100));
    assert_eq!(
        outcome,
        Outcome::Timeout {
            reason: "wall-clock limit of 100 ms".into()
        }
    );
    assert!(
        start.elapsed() < Duration::from_secs(3),
        "took {:?}",
        start.elapsed()
    );
    assert!(worker.child.is_none(), "the hung child is gone");
    assert_eq!(
        worker.run("next", &limits(2000)),
        ok(),
        "a new child serves the next run"
    );
}

#[cfg(unix)]
#[test]
fn a_worker_killed_by_a_signal_is_a_crash_with_its_stderr() {
    let mut worker = fake_worker();
    let reason = crash_reason(worker.run("abort", &limits(2000)));
    assert!(
        reason.starts_with("worker exited: signal 6 (SIGABRT)"),
        "{reason}"
    );
    assert!(
        reason.contains("stderr: first line | about to die"),
        "{reason}"
    );
    assert_eq!(
        worker.run("next", &limits(2000)),
        ok(),
        "replaced after the crash"
    );
}

#[test]
fn a_worker_that_exits_is_a_crash_with_its_exit_code() {
    let mut worker = fake_worker();
    let reason = crash_reason(worker.run("exit3", &limits(2000)));
    assert_eq!(reason, "worker exited: exit code 3");
}

#[test]
fn an_unreadable_answer_is_a_crash() {
    let mut worker = fake_worker();
    let reason = crash_reason(worker.run("garbage", &limits(2000)));
    assert!(
        reason.starts_with("worker sent an unreadable answer"),
        "{reason}"
    );
    assert_eq!(worker.run("next", &limits(2000)), ok());
}

#[test]
fn a_worker_that_cannot_start_is_a_crash_naming_the_program() {
    let command = WorkerCommand {
        program: "/nonexistent/lexenv-worker".into(),
        args: vec![],
    };
    let mut worker = Worker::new("ghost", command);
    let reason = crash_reason(worker.run("1", &limits(100)));
    assert!(
        reason.starts_with("cannot start the ghost worker `/nonexistent/lexenv-worker`"),
        "{reason}"
    );
}

#[test]
fn engines_not_built_in_are_refused_with_a_reason() {
    let exe = Path::new("lexenv");
    assert!(WorkerCommand::for_engine(EngineKind::Mini, exe).is_ok());
    let boa = WorkerCommand::for_engine(EngineKind::Boa, exe);
    assert_eq!(boa.is_ok(), cfg!(feature = "boa"), "{boa:?}");
    assert!(default_engines(exe).contains(&EngineKind::Mini));
}
