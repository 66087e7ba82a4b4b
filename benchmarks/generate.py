"""Make a large sample vault for benchmarks: by default ten years, 20,000 entries.

    python benchmarks/generate.py OUT.vault [--entries 20000] [--years 10]

The passphrase is "benchmark" and the KDF uses the test profile, so the runner measures the
storage engine, not Argon2id.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

from copingkit.core.clock import FixedClock
from copingkit.core.database import Database
from copingkit.core.sample_data import populate
from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault

PASSPHRASE = "benchmark"
NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)


def build(out: Path, *, entries: int = 20_000, years: int = 10) -> Path:
    days = years * 365
    database = Database.new()
    populate(Services(database, clock=FixedClock(NOW)), days=days, now=NOW, entries_per_day=entries / (days + 1))
    vault, _ = Vault.create(out, PASSPHRASE, kdf=TEST_KDF, database=database, backups_keep=0)
    vault.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--years", type=int, default=10)
    args = parser.parse_args()
    started = time.perf_counter()
    build(args.out, entries=args.entries, years=args.years)
    size = args.out.stat().st_size / 2**20
    print(f"wrote {args.out} ({size:.1f} MiB) in {time.perf_counter() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
