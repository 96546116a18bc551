//! The `reachmap` command: parses arguments, validates them into the library's types, runs the
//! library, and maps failures to exit codes (1 at run time, 2 for bad usage or input).

use std::process::ExitCode;

use clap::Parser;

mod cli;

fn main() -> ExitCode {
    // PROJ logs its own line for every projection string it refuses, before reachmap reports the
    // error with the field named; PROJ_DEBUG=0, read as each PROJ context is made, keeps it quiet
    // unless the user asked for PROJ's logging.
    if std::env::var_os("PROJ_DEBUG").is_none() {
        // SAFETY: the first thing the program does, before any other thread exists, so nothing
        // reads or writes the environment at the same time.
        unsafe { std::env::set_var("PROJ_DEBUG", "0") };
    }
    let args = match cli::Args::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    reachmap::output::remove_temporaries_on_interrupt();
    let result = cli::run(args);
    for note in reachmap::notes::take() {
        eprintln!("reachmap: note: {note}");
    }
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("reachmap: error: {e:#}");
            let usage = e.downcast_ref::<reachmap::Error>().is_some_and(reachmap::Error::is_usage);
            ExitCode::from(if usage { 2 } else { 1 })
        }
    }
}
