//! The fuzz targets on stable Rust: every input of the committed corpora (`fuzz/corpus/<target>/`,
//! seeds plus what the libFuzzer runs kept) replayed through the same checks as the fuzz targets
//! (`reachmap::fuzzing`), then a short mutation run per target — byte flips, insertions,
//! deletions and splices of corpus inputs from a fixed seed — as the smoke test CI runs on every
//! change. Longer runs use cargo-fuzz on nightly: `cd fuzz && cargo +nightly fuzz run rings`.

use std::path::Path;

use reachmap::fuzzing;

type Target = fn(&[u8]);

const TARGETS: [(&str, Target); 4] = [
    ("coords", fuzzing::coords),
    ("scenario", fuzzing::scenario),
    ("places", fuzzing::places),
    ("rings", fuzzing::rings),
];

fn corpus(target: &str) -> Vec<Vec<u8>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus").join(target);
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.sort();
    files.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

#[test]
fn every_corpus_input_passes() {
    for (name, target) in TARGETS {
        let inputs = corpus(name);
        assert!(!inputs.is_empty(), "{name}: empty corpus");
        for input in &inputs {
            target(input);
        }
    }
}

/// A small deterministic generator (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Bytes that matter to the parsers: separators, signs, units, hemispheres, TOML and JSON syntax.
const INTERESTING: &[u8] = b"0123456789.,;:-+eE NSWE\"'[]{}=\n\r\t#\\\xc2\xb0\xe2\x80\xb2";

fn mutate(rng: &mut Rng, input: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    let mut data = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        match rng.below(6) {
            0 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] ^= 1 << rng.below(8);
            }
            1 => {
                let i = rng.below(data.len() + 1);
                data.insert(i, INTERESTING[rng.below(INTERESTING.len())]);
            }
            2 if !data.is_empty() => {
                let i = rng.below(data.len());
                let n = 1 + rng.below(8.min(data.len() - i));
                data.drain(i..i + n);
            }
            3 => {
                let other = &corpus[rng.below(corpus.len())];
                if !other.is_empty() {
                    let (a, b) = (rng.below(other.len()), rng.below(other.len()));
                    let (a, b) = (a.min(b), a.max(b));
                    let i = rng.below(data.len() + 1);
                    data.splice(i..i, other[a..b].iter().copied());
                }
            }
            4 if !data.is_empty() => {
                let i = rng.below(data.len());
                data[i] = (rng.next() & 0xff) as u8;
            }
            _ => {
                let i = rng.below(data.len() + 1);
                let n = rng.below(data.len() - i + 1);
                let copy: Vec<u8> = data[i..i + n].to_vec();
                data.splice(i..i, copy);
            }
        }
    }
    data.truncate(1 << 16);
    data
}

#[test]
fn a_short_mutation_run_per_target() {
    let runs: usize = std::env::var("REACHMAP_FUZZ_SMOKE_RUNS").ok().and_then(|v| v.parse().ok()).unwrap_or(2_000);
    for (k, (name, target)) in TARGETS.iter().enumerate() {
        let corpus = corpus(name);
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ (k as u64 + 1));
        // Geometry runs are costlier: fewer of them.
        let n = if *name == "rings" { runs / 8 } else { runs };
        for _ in 0..n {
            let pick = rng.below(corpus.len());
            let input = mutate(&mut rng, &corpus[pick], &corpus);
            // A failing input is kept for triage (and, once fixed, for the corpus).
            if let Err(panic) = std::panic::catch_unwind(|| target(&input)) {
                let kept = std::env::temp_dir().join(format!("reachmap-fuzz-{name}-failure"));
                let _ = std::fs::write(&kept, &input);
                eprintln!("{name}: failing input kept in {}", kept.display());
                std::panic::resume_unwind(panic);
            }
        }
    }
}
