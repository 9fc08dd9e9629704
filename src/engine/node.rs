//! The `node` engine: a node process running `node_worker.js` (embedded in
//! the binary), which speaks the worker protocol of `worker.rs` and plays the
//! host contract of DESIGN §3–4 in a fresh `vm` realm per case.
//!
//! node is optional. It is used when an executable called `node` is found on
//! `PATH` and reports a version of at least `MIN_MAJOR`; otherwise
//! `availability()` says why not, and callers skip node with that reason
//! (the gate, `lexenv run` without `--engine`) or refuse with it
//! (`--engine node`).

use std::env;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

use super::worker::WorkerCommand;

/// The node side of the worker protocol.
pub const WORKER_SCRIPT: &str = include_str!("node_worker.js");

/// Oldest node major version lexenv supports (`vm` microtask modes, BigInt
/// time, `String.prototype` built-ins the worker uses).
pub const MIN_MAJOR: u32 = 18;

/// A usable node found on this machine.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NodeInstall {
    /// Absolute path of the executable.
    pub program: PathBuf,
    /// What `node --version` printed, e.g. `v20.20.2`.
    pub version: String,
}

impl NodeInstall {
    /// The arguments that start a worker: the script is passed inline, so
    /// nothing is written to disk.
    pub fn worker_args(&self) -> Vec<OsString> {
        vec!["-e".into(), WORKER_SCRIPT.into()]
    }
}

/// How to start a node worker, or why node cannot be used here.
pub fn worker_command() -> Result<WorkerCommand, String> {
    let node = availability().map_err(str::to_string)?;
    Ok(WorkerCommand {
        program: node.program.clone(),
        args: node.worker_args(),
    })
}

/// The node on `PATH`, looked up once per process; `Err` says why node
/// cannot be used ("node not found on PATH", a version too old, …).
pub fn availability() -> Result<&'static NodeInstall, &'static str> {
    static FOUND: OnceLock<Result<NodeInstall, String>> = OnceLock::new();
    FOUND
        .get_or_init(|| locate(env::var_os("PATH").as_deref()))
        .as_ref()
        .map_err(String::as_str)
}

/// Finds `node` in the directories of `path` (a `PATH` value) and checks
/// its version.
pub fn locate(path: Option<&std::ffi::OsStr>) -> Result<NodeInstall, String> {
    let program = path
        .into_iter()
        .flat_map(env::split_paths)
        .map(|dir| dir.join(executable_name()))
        .find(|candidate| is_executable(candidate))
        .ok_or_else(|| "node not found on PATH".to_string())?;
    let version = query_version(&program)?;
    Ok(NodeInstall { program, version })
}

fn executable_name() -> &'static str {
    if cfg!(windows) { "node.exe" } else { "node" }
}

fn is_executable(path: &Path) -> bool {
    let Ok(meta) = path.metadata() else {
        return false;
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// Runs `node --version` and checks the major version.
fn query_version(program: &Path) -> Result<String, String> {
    let output = Command::new(program)
        .arg("--version")
        .stdin(Stdio::null())
        .stderr(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run `{} --version`: {e}", program.display()))?;
    let version = String::from_utf8_lossy(&output.stdout).trim().to_string();
    if !output.status.success() {
        return Err(format!(
            "`{} --version` failed ({})",
            program.display(),
            output.status
        ));
    }
    match parse_major(&version) {
        Some(major) if major >= MIN_MAJOR => Ok(version),
        Some(_) => Err(format!(
            "node {version} at {} is too old (lexenv needs v{MIN_MAJOR} or newer)",
            program.display()
        )),
        None => Err(format!(
            "`{} --version` printed `{version}`, not a node version",
            program.display()
        )),
    }
}

/// `v20.20.2` → 20.
pub fn parse_major(version: &str) -> Option<u32> {
    version.strip_prefix('v')?.split('.').next()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_major_versions() {
        assert_eq!(parse_major("v20.20.2"), Some(20));
        assert_eq!(parse_major("v18.0.0"), Some(18));
        assert_eq!(parse_major("20.1.0"), None);
        assert_eq!(parse_major("vX"), None);
        assert_eq!(parse_major(""), None);
    }

    #[test]
    fn empty_path_means_not_found() {
        assert_eq!(locate(None), Err("node not found on PATH".to_string()));
        let dir = tempfile::tempdir().expect("temp dir");
        assert_eq!(
            locate(Some(dir.path().as_os_str())),
            Err("node not found on PATH".to_string())
        );
    }

    /// `locate` on a folder holding only a fake `node` shell script. Retries
    /// while the script is "busy": another test thread forking at the moment
    /// the file was written holds a write handle until its exec.
    #[cfg(unix)]
    fn locate_fake(script: &str) -> Result<NodeInstall, String> {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let fake = dir.path().join("node");
        std::fs::write(&fake, script).expect("write fake node");
        std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).expect("chmod");
        let mut result = locate(Some(dir.path().as_os_str()));
        for _ in 0..20 {
            match &result {
                Err(e) if e.contains("busy") => {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                    result = locate(Some(dir.path().as_os_str()));
                }
                _ => break,
            }
        }
        result
    }

    #[cfg(unix)]
    #[test]
    fn too_old_and_broken_nodes_are_refused_with_a_reason() {
        let err = locate_fake("#!/bin/sh\necho v16.3.0\n").expect_err("v16 is too old");
        assert!(err.contains("v16.3.0") && err.contains("too old"), "{err}");

        let err = locate_fake("#!/bin/sh\necho hello\n").expect_err("not a version");
        assert!(err.contains("not a node version"), "{err}");

        let err = locate_fake("#!/bin/sh\nexit 3\n").expect_err("fails");
        assert!(err.contains("failed"), "{err}");

        let found = locate_fake("#!/bin/sh\necho v22.1.0\n").expect("v22 is fine");
        assert_eq!(found.version, "v22.1.0");
        assert!(found.program.ends_with("node"));
    }
}
