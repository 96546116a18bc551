"""Shared by the tests: the `reachmap` command line to compare against.

The command line is the reference for every feature the package returns: the same input must
give the same features, coordinates equal to the printed precision. It is found as
$REACHMAP_BIN, else the repository's target/release/reachmap (built by `cargo test --release` or
`cargo build --release` at the root). Without it the comparisons are skipped — except under
CI=true, where they fail, for CI builds it before running these tests.
"""

import json
import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[2]


def _binary():
    given = os.environ.get("REACHMAP_BIN")
    if given:
        return pathlib.Path(given)
    return REPO / "target" / "release" / "reachmap"


@pytest.fixture(scope="session")
def cli():
    """Runs the command line with the given arguments; returns its standard output."""
    binary = _binary()
    if not binary.exists():
        message = f"no reachmap command line at {binary} (set REACHMAP_BIN or build it)"
        if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
            pytest.fail(message)
        pytest.skip(message)

    def run(*args, check=True):
        done = subprocess.run([str(binary), *args], capture_output=True, text=True)
        if check and done.returncode != 0:
            raise AssertionError(f"reachmap {' '.join(args)} failed: {done.stderr}")
        return done

    return run


@pytest.fixture(scope="session")
def cli_json(cli):
    """Runs the command line and parses its standard output as JSON."""

    def run(*args):
        return json.loads(cli(*args).stdout)

    return run
