//! The `lexenv` binary: parse the command line, run the command, map the
//! result to an exit code (0 all as expected, 1 failures, 2 bad input or
//! usage). Everything else lives in the library.

use std::process::ExitCode;

use lexenv::commands::{Verdict, execute};

fn main() -> ExitCode {
    let options = match lexenv::cli::parse(std::env::args_os()) {
        Ok(options) => options,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(u8::try_from(error.exit_code()).unwrap_or(2));
        }
    };
    let exe = match std::env::current_exe() {
        Ok(exe) => exe,
        Err(error) => {
            eprintln!("lexenv: cannot find its own binary to start workers: {error}");
            return ExitCode::from(2);
        }
    };
    match execute(options, &exe) {
        Ok(Verdict::AsExpected) => ExitCode::SUCCESS,
        Ok(Verdict::Unexpected) => ExitCode::from(1),
        Err(error) => {
            eprintln!("lexenv: {error}");
            ExitCode::from(2)
        }
    }
}
