#![no_main]
//! Fuzz target: see `reachmap::fuzzing::places` for the invariants checked.

libfuzzer_sys::fuzz_target!(|data: &[u8]| reachmap::fuzzing::places(data));
