//! The `reachmap` command: parses arguments, validates them into the library's types, runs the
//! library, and maps failures to exit codes (1 at run time, 2 for bad usage or input).

use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    let args = match cli::Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    reachmap::output::remove_temporaries_on_interrupt();
    match cli::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("reachmap: error: {e:#}");
            let usage = e.downcast_ref::<reachmap::Error>().is_some_and(reachmap::Error::is_usage);
            ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}
