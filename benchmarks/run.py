"""The benchmark runner: speed and memory of the storage engine and services at ten years of data.

    python benchmarks/run.py [--entries 20000] [--json]

Targets (DESIGN.md §2 measured ~60–75 ms open and ~130 ms save on a 10-year journal); a run
exits 1 when any measurement misses its target, so CI or a person can check them.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from generate import PASSPHRASE, build  # noqa: E402

from copingkit.core.services import Services  # noqa: E402
from copingkit.core.vault import TEST_KDF, Vault  # noqa: E402

TARGETS_MS = {
    "open (after KDF)": 400.0,
    "save": 600.0,
    "journal list page": 50.0,
    "journal list deep page": 100.0,
    "search (ranked)": 150.0,
    "search as you type (prefix)": 150.0,
    "mood by day (14)": 50.0,
}
TARGET_PEAK_RSS_MIB = 400.0


def _time(action, repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def run(entries: int) -> dict[str, float]:
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.vault"
        build(path, entries=entries)
        results["file MiB"] = path.stat().st_size / 2**20

        def open_close() -> None:
            Vault.open(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0).close(save=False)

        results["open (after KDF)"] = _time(open_close)
        vault = Vault.open(path, PASSPHRASE, kdf=TEST_KDF, backups_keep=0)
        services = Services(vault.database)

        def edit_and_save() -> None:
            services.checkins.create(3, note="benchmark")
            vault.save()

        results["save"] = _time(edit_and_save)
        results["journal list page"] = _time(lambda: services.journal.list(limit=50))
        results["journal list deep page"] = _time(lambda: services.journal.list(limit=50, offset=entries - 100))
        results["search (ranked)"] = _time(lambda: services.journal.search("breathing", limit=50))
        results["search as you type (prefix)"] = _time(lambda: services.journal.search("shoul", limit=50))
        results["mood by day (14)"] = _time(lambda: services.checkins.mood_by_day(14))
        results["entries"] = services.journal.count()
        vault.close(save=False)
    results["peak RSS MiB"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    results = run(args.entries)
    missed = [name for name, target in TARGETS_MS.items() if results[name] > target]
    if results["peak RSS MiB"] > TARGET_PEAK_RSS_MIB:
        missed.append("peak RSS MiB")
    if args.json:
        print(json.dumps({"results": results, "targets_ms": TARGETS_MS, "missed": missed}, indent=2))
    else:
        for name, value in results.items():
            target = TARGETS_MS.get(name) or (TARGET_PEAK_RSS_MIB if name == "peak RSS MiB" else None)
            mark = "" if target is None else (" ok" if value <= target else " MISSED") + f" (target {target:g})"
            print(f"{name:32} {value:10.1f}{mark}")
    raise SystemExit(1 if missed else 0)


if __name__ == "__main__":
    main()
