"""Speed of the Python package, as the README quotes it. Run with the package installed
(`pip install ./python`, a release build):

    python python/bench.py

Prints wall-clock and CPU time (medians over repeats) and the machine's load, for the figures
depend on it. No test checks these numbers.
"""

import os
import statistics
import subprocess
import sys
import time

# Run as `python python/bench.py`, this directory comes first on the path, and its reachmap/
# (the package's pure-Python part, without the compiled extension) would hide the installed one.
sys.path = [p for p in sys.path if os.path.abspath(p or ".") != os.path.dirname(os.path.abspath(__file__))]

import reachmap as rm  # noqa: E402

REPEATS = 7


def timed(call, repeats=REPEATS):
    """Median wall and CPU seconds of `call` over `repeats` runs."""
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        call()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def first_call():
    """A fresh interpreter's first `reach` (the gazetteer decompressed, parsed and indexed), then
    its second, in seconds."""
    code = (
        "import time, reachmap as rm\n"
        "t = time.perf_counter(); rm.reach([('Kaliningrad', 54.71, 20.51)], 2500); a = time.perf_counter() - t\n"
        "t = time.perf_counter(); rm.reach([('Kaliningrad', 54.71, 20.51)], 2500); b = time.perf_counter() - t\n"
        "print(a, b)\n"
    )
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
            for _ in range(REPEATS)]
    return statistics.median(float(r[0]) for r in runs), statistics.median(float(r[1]) for r in runs)


def main():
    print(f"reachmap {rm.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")

    ring = [("Kaliningrad", 54.71, 20.51)]
    rm.rings(ring, [2500])
    wall, cpu = timed(lambda: [rm.rings(ring, [2500]) for _ in range(100)])
    vertices = len(rm.rings(ring, [2500])["features"][0]["geometry"]["coordinates"][0])
    print(f"100 rm.rings calls of one 2,500 km ring ({vertices} vertices at 10 m): "
          f"{wall:.3f} s wall, {cpu:.3f} s CPU")

    sites = [(f"site {k}", -60 + 120 * ((k * 37) % 100) / 100, -180 + 3.6 * k) for k in range(100)]
    rm.reach(sites, 2500)
    wall, cpu = timed(lambda: rm.reach(sites, 2500))
    print(f"rm.reach of 100 sites x 2,500 km against capitals, no land, after the first call: "
          f"{wall * 1000:.1f} ms wall, {cpu * 1000:.1f} ms CPU")

    first, second = first_call()
    print(f"first rm.reach in a fresh interpreter (gazetteer loaded and indexed): {first * 1000:.0f} ms; "
          f"the second: {second * 1000:.2f} ms")

    wall, cpu = timed(lambda: rm.rings(ring, [5500]), repeats=21)
    print(f"one 5,500 km ring: {wall * 1000:.2f} ms wall, {cpu * 1000:.2f} ms CPU")


if __name__ == "__main__":
    main()
