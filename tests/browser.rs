//! The HTML report in a real browser: a temporary suite with a pass, a fail,
//! a known divergence and a timeout is run with `--format json --html DIR`,
//! the page is rendered by headless Chromium (`--dump-dom`, the DOM after the
//! page's script ran), and the matrix and per-engine numbers on it must equal
//! the JSON summary; the failing case's diff must be on the page, and the
//! filter script must work (preset from `?status=…`). A screenshot is left in
//! the test's temporary target folder for a person to look at.
//!
//! Chromium is looked for as `$LEXENV_CHROMIUM`, then `chromium`,
//! `chromium-browser`, `google-chrome`, `google-chrome-stable` on `PATH`.
//! Without one the test says so and skips; `.ci/run` installs it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const LEXENV: &str = env!("CARGO_BIN_EXE_lexenv");
const CHROMIUM_NAMES: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];
/// How long one Chromium invocation may take before it is killed.
const BROWSER_DEADLINE: Duration = Duration::from_secs(120);

fn find_chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("LEXENV_CHROMIUM").filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    CHROMIUM_NAMES.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

/// Runs headless Chromium with `args` (after the common ones) and returns
/// its stdout; panics with its stderr when it fails or hangs.
fn chromium(binary: &Path, profile: &Path, args: &[&str]) -> String {
    let mut child = Command::new(binary)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-extensions",
            "--allow-file-access-from-files",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", binary.display()));
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(_)) => break,
            Ok(None) if started.elapsed() > BROWSER_DEADLINE => {
                let _ = child.kill();
                let _ = child.wait();
                panic!(
                    "{} did not finish within {BROWSER_DEADLINE:?}",
                    binary.display()
                );
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => panic!("waiting for chromium: {e}"),
        }
    }
    let output = child.wait_with_output().expect("chromium's output");
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(
        output.status.success(),
        "chromium {args:?} failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    stdout
}

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    std::fs::create_dir_all(path.parent().expect("a parent")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

/// A pass, a fail (a wrong golden), a known divergence for node and for boa
/// (whichever of them runs), and a loop that never ends.
fn make_suite(root: &Path) {
    write(
        root,
        "cases/demo/pass.yaml",
        "description: A closure reads the current value & prints \"<Hi>\".\n\
         spec: [sec-getidentifierreference]\n\
         source: |\n  let name = \"John\";\n  function hi() { console.log(\"<Hi>, \" + name); }\n  \
         name = \"Pete\";\n  hi();\n",
    );
    write(root, "expected/demo/pass.out", "<Hi>, Pete\n");
    write(
        root,
        "cases/demo/fail.yaml",
        "description: A golden that is wrong on purpose.\n\
         spec: [sec-createperiterationenvironment]\n\
         source: |\n  for (let i = 0; i < 3; i++) setTimeout(() => console.log(i));\n",
    );
    write(root, "expected/demo/fail.out", "0\n1\n3\n");
    write(
        root,
        "cases/known/node.yaml",
        "description: V8 reports the clash of a global function named undefined as a SyntaxError.\n\
         spec: [sec-candeclareglobalfunction]\n\
         source: |\n  console.log(\"first line\");\n  function undefined() {}\n\
         known:\n  node: \"V8 compiles this to a SyntaxError\"\n",
    );
    write(root, "expected/known/node.out", "Uncaught TypeError\n");
    write(
        root,
        "cases/known/boa.yaml",
        "description: Assigning to a const in its TDZ is a ReferenceError.\n\
         spec: [sec-declarative-environment-records-setmutablebinding-n-v-s]\n\
         source: |\n  try { limit = 1; } catch (e) { console.log(e.name); }\n  const limit = 2;\n\
         known:\n  boa: \"Boa 0.22 throws TypeError\"\n",
    );
    write(root, "expected/known/boa.out", "ReferenceError\n");
    write(
        root,
        "cases/limits/forever.yaml",
        "description: A loop that never ends.\nspec: [sec-while-statement]\n\
         source: |\n  while (true) {}\n",
    );
    write(root, "expected/limits/forever.out", "");
}

/// The number inside the first element of `html` (after `from`) that
/// carries `attributes` verbatim.
fn number_after(html: &str, from: usize, attributes: &str) -> Option<u64> {
    let at = html[from..].find(attributes)? + from;
    let rest = &html[at + attributes.len()..];
    let start = rest.find('>')? + 1;
    let rest = &rest[start..];
    rest[..rest.find('<')?].trim().parse().ok()
}

#[test]
fn report_renders_in_chromium_with_the_json_numbers() {
    let Some(browser) = find_chromium() else {
        println!(
            "SKIPPED browser test: no Chromium found (set LEXENV_CHROMIUM, or install the \
             Debian package `chromium`; looked for {CHROMIUM_NAMES:?} on PATH)"
        );
        return;
    };
    let temp = tempfile::tempdir().expect("temp dir");
    let suite = temp.path().join("suite");
    make_suite(&suite);
    let out = temp.path().join("report");
    let run = Command::new(LEXENV)
        .args(["run", "--format", "json", "--timeout", "1000", "--suite"])
        .arg(&suite)
        .arg("--html")
        .arg(&out)
        .env_remove("CI")
        .output()
        .expect("lexenv runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(
        run.status.code(),
        Some(1),
        "a failing run:\n{stdout}\n{stderr}"
    );
    let json: Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}):\n{stdout}\n{stderr}"));
    let engines: Vec<&str> = json["engines"]
        .as_array()
        .expect("engines")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    let page = out.join("index.html");
    let url = format!("file://{}", page.display());
    let profile = temp.path().join("chromium-profile");

    let dom = chromium(&browser, &profile, &["--dump-dom", &url]);
    assert!(
        dom.contains("data-filter=\"ready\""),
        "the page's script ran in the browser:\n{dom}"
    );
    let runs = json["cases"].as_array().expect("cases").len();
    assert!(
        dom.contains(&format!("showing {runs} of {runs} runs")),
        "the filter counts every run:\n{dom}"
    );

    // The matrix's total row and the per-engine summary equal the JSON's.
    let footer = dom.find("<tfoot>").expect("the matrix has a total row");
    let mut statuses_seen = std::collections::BTreeMap::new();
    for engine in &engines {
        let summary = &json["summary"][engine];
        for (status, n) in summary["statuses"].as_object().expect("statuses") {
            let expected = n.as_u64().expect("a count");
            let cell = number_after(
                &dom,
                footer,
                &format!("data-engine=\"{engine}\" data-status=\"{status}\""),
            );
            match cell {
                Some(cell) => assert_eq!(cell, expected, "total row, {engine} {status}"),
                None => assert_eq!(expected, 0, "{engine} {status} has no column but occurs"),
            }
            *statuses_seen.entry(status.clone()).or_insert(0) += expected;
        }
        let list = dom
            .find(&format!("data-summary=\"{engine}\""))
            .unwrap_or_else(|| panic!("a summary for {engine}"));
        for count in ["total", "passed", "failed", "known"] {
            assert_eq!(
                number_after(&dom, list, &format!("data-count=\"{count}\"")),
                summary[count].as_u64(),
                "{engine} {count}"
            );
        }
    }
    assert!(statuses_seen["pass"] > 0, "{statuses_seen:?}");
    assert!(statuses_seen["fail"] > 0, "{statuses_seen:?}");
    assert!(statuses_seen["timeout"] > 0, "{statuses_seen:?}");
    if engines.len() > 1 {
        assert!(statuses_seen["known"] > 0, "{statuses_seen:?}");
    } else {
        println!(
            "note: only {engines:?} ran (no boa in this build, no node on PATH), so no run can be `known`"
        );
    }

    // The failing case's diff, line by line, inside that case.
    let fail = json["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .find(|c| c["id"] == "demo/fail")
        .expect("demo/fail in the JSON");
    let article = &dom[dom
        .find("id=\"demo/fail\"")
        .expect("the failing case's anchor")..];
    let article = &article[..article.find("</article>").expect("its end")];
    for engine in &engines {
        let diff = fail["results"][engine]["diff"]
            .as_str()
            .unwrap_or_else(|| panic!("{engine} has a diff for demo/fail"));
        assert!(
            article.contains(&format!("<div class=\"diff\" data-engine=\"{engine}\">")),
            "{engine}'s diff block:\n{article}"
        );
        for line in diff.lines() {
            let escaped = line
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;");
            assert!(
                article.contains(&format!(">{escaped}</span>")),
                "diff line {line:?} of {engine} on the page:\n{article}"
            );
        }
    }
    assert!(
        article.contains("<span class=\"del\">-3</span>"),
        "{article}"
    );
    assert!(
        article.contains("<span class=\"ins\">+2</span>"),
        "{article}"
    );

    // With JavaScript off a browser shows the file as written (Chromium's
    // --dump-dom needs script, so the file itself is checked): every case
    // and the diff are in it, and the filter bar is hidden.
    let file = std::fs::read_to_string(&page).expect("index.html");
    assert!(
        file.contains("<form id=\"filters\" hidden "),
        "no dead filter bar"
    );
    assert!(
        file.contains("<span class=\"del\">-3</span>"),
        "the diff is there"
    );
    let ids: std::collections::BTreeSet<&str> = json["cases"]
        .as_array()
        .expect("cases")
        .iter()
        .filter_map(|c| c["id"].as_str())
        .collect();
    assert_eq!(
        file.matches("<article ").count(),
        ids.len(),
        "every case is on the page"
    );

    // The filter, preset from the address, hides what does not match.
    let filtered = chromium(
        &browser,
        &profile,
        &["--dump-dom", &format!("{url}?status=timeout")],
    );
    assert!(
        filtered.contains(&format!("showing 1 of {runs} runs")),
        "only limits/forever timed out:\n{filtered}"
    );
    let rows: Vec<&str> = filtered
        .match_indices("<tr data-row")
        .map(|(at, _)| &filtered[at..at + filtered[at..].find('>').unwrap_or(0)])
        .filter(|tag| tag.contains("data-run"))
        .collect();
    assert_eq!(rows.len(), runs, "one area-table row per run");
    let hidden = rows.iter().filter(|tag| tag.contains("hidden")).count();
    assert_eq!(hidden, runs - 1, "every other row is hidden:\n{rows:#?}");

    // A screenshot for people; it must be a PNG with something in it.
    let shots = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    let shot = shots.join("lexenv-browser-report.png");
    let _ = std::fs::remove_file(&shot);
    chromium(
        &browser,
        &profile,
        &[
            "--hide-scrollbars",
            "--window-size=1280,1600",
            &format!("--screenshot={}", shot.display()),
            &url,
        ],
    );
    let png = std::fs::read(&shot).expect("the screenshot was written");
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    assert!(
        png.len() > 20_000,
        "a blank page compresses to less: {} bytes",
        png.len()
    );
    println!("screenshot of the report: {}", shot.display());
}
