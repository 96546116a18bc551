#![no_main]
//! Fuzz target: see `reachmap::fuzzing::coords` for the invariants checked.

libfuzzer_sys::fuzz_target!(|data: &[u8]| reachmap::fuzzing::coords(data));
