"""Make the ten-year benchmark vault, deterministically (issue 13).

    python benchmarks/generate.py OUT.vault --entries 20000 --kdf floor --passphrase-file F

By default: 20,000 entries of 60–120 words over ten years, 30,000 check-ins, 5,000 strategy uses
and three dozen tags. The same arguments always give the same journal (the same text, times, tags
and numbers; the file's salts and nonces are fresh, as for every save). Check-ins and strategy uses
scale with --entries (1.5 and 0.25 per entry).

--kdf floor seals the passphrase slot at the policy minimum (Argon2id, 64 MiB, 3 passes, 4 lanes),
so `copingkit --vault OUT.vault --passphrase-file F list` opens it as it is, without re-wrapping;
--kdf calibrated calibrates to about a second here, as `copingkit init` does.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from copingkit.core.builtin_content import sync_builtin_content
from copingkit.core.clock import FixedClock
from copingkit.core.database import Database
from copingkit.core.services import Services
from copingkit.core.vault import REAL_KDF, Vault
from copingkit.core.vault.costs import KdfParams

NOW = datetime(2026, 11, 29, 12, 0, tzinfo=UTC)
YEARS = 10
SEED = 13
FLOOR = REAL_KDF.minimum
"""The policy minimum, Argon2id m 64 MiB, t 3, p 4: the cheapest slot copingkit opens as it is."""

SEARCH_WORD = "breathing"
"""A word in about one entry in eight: what the runner searches for (copingkit and jrnl alike)."""

TAGS = tuple(
    "sleep work group family walk therapy anxiety gratitude friends music cooking reading garden "
    "rain weekend doctor exercise money school nightmare panic anger grief hope rest tea journal "
    "park bus letter call meds body trigger boundary win".split()
)

_WORDS = (
    "the a and I it was to of my in that for on with at but so then again today tonight morning "
    "evening afternoon slowly quietly almost really still just felt noticed tried thought wanted "
    "remembered walked talked called wrote rested waited listened breathed counted cooked cleaned "
    "read slept woke sat stood left came went kept let told asked heard saw held carried opened "
    "closed small long short grey bright warm cold loud calm heavy light tired steady better worse "
    "okay hard gentle kind careful good bad new old same other next last first few many "
    "kitchen window door street park bus shop queue room bed chair table tea coffee bread rain "
    "wind sun cloud tree river bench phone letter book song music friend sister brother mother "
    "father neighbour group therapist doctor dog cat body chest shoulders hands heart head "
    "thoughts feeling fear worry anger sadness relief hope trust memory dream noise silence step "
    "plan list note day week hour minute moment time way thing part place"
).split()
_SENTENCES = (
    "I noticed my shoulders were up by my ears, so I tried the slow breathing.",
    "Someone at group said they use the five-senses trick, and I want to try it.",
    "The old feeling that it was my fault showed up, and I answered it the way we practised.",
    "I wrote down three things that went okay, even small ones.",
    "I let myself rest without calling it lazy.",
    "My heart raced for a few minutes and then it passed.",
    "I told one person how I was really doing.",
)
_TITLES = ("", "", "", "Group night", "A harder day", "Small win", "Sleep")


def _body(rng: random.Random) -> str:
    """60–120 words: ordinary sentences of common words, with one of the set sentences now and then."""
    target = rng.randint(60, 120)
    words: list[str] = []
    while len(words) < target:
        if rng.random() < 0.12:
            words.extend(rng.choice(_SENTENCES).split())
            continue
        sentence = [rng.choice(_WORDS) for _ in range(rng.randint(6, 14))]
        sentence[0] = sentence[0].capitalize()
        sentence[-1] += "."
        words.extend(sentence)
    words = words[:target]
    words[-1] = words[-1].rstrip(",.") + "."
    return " ".join(words)


def _times(rng: random.Random, count: int, start: datetime, end: datetime) -> list[datetime]:
    span = int((end - start).total_seconds())
    return sorted(start + timedelta(seconds=rng.randrange(span)) for _ in range(count))


def _span(now: datetime) -> tuple[datetime, datetime]:
    return now - timedelta(days=365 * YEARS), now - timedelta(minutes=1)


def entry_items(entries: int, *, now: datetime = NOW, seed: int = SEED) -> list[dict[str, Any]]:
    """The journal entries, oldest first, as `JournalService.create_many` takes them; the same every call.

    The runner writes these same entries into a jrnl journal for the side-by-side comparison.
    """
    rng = random.Random(seed)
    return [
        {
            "body": _body(rng),
            "title": rng.choice(_TITLES) or None,
            "tags": rng.sample(TAGS, rng.randrange(0, 4)),
            "at": at,
            "starred": rng.random() < 0.05,
        }
        for at in _times(rng, entries, *_span(now))
    ]


def populate(services: Services, *, entries: int, now: datetime = NOW, seed: int = SEED) -> dict[str, int]:
    """Fill a journal with `entries` entries, 1.5 × as many check-ins and a quarter as many strategy uses."""
    sync_builtin_content(services)
    batch = 5_000
    items = entry_items(entries, now=now, seed=seed)
    for first in range(0, entries, batch):
        services.journal.create_many(items[first : first + batch])
    del items
    rng = random.Random(seed + 1)
    checkins = entries * 3 // 2
    moments = _times(rng, checkins, *_span(now))
    for first in range(0, checkins, batch):
        services.checkins.create_many(
            {
                "mood": rng.randint(1, 5),
                "energy": rng.randint(1, 5),
                "sleep_hours": round(rng.uniform(4, 9), 1),
                "coping_confidence": rng.randint(0, 10),
                "emotions": dict.fromkeys(rng.sample(("calm", "anxious", "sad", "hopeful"), rng.randrange(0, 3)), 5),
                "tags": rng.sample(TAGS, rng.randrange(0, 2)),
                "note": rng.choice(("", "", "steady", "long day", "better after a walk")) or None,
                "at": at,
            }
            for at in moments[first : first + batch]
        )
    strategies = services.coping.strategies()
    uses = entries // 4
    for at in _times(rng, uses, *_span(now)):
        strategy = rng.choice(strategies)
        before = rng.randint(3, 10)
        services.coping.record_use(
            strategy.id,
            reaction=strategy.reactions[0] if strategy.reactions else None,
            distress_before=before,
            distress_after=min(10, max(0, before - rng.randint(-1, 4))),
            at=at,
        )
    return {"entries": entries, "checkins": checkins, "strategy_uses": uses, "tags": len(TAGS)}


def build(
    out: Path, passphrase: str, *, entries: int = 20_000, kdf: str = "floor", backups_keep: int = 0
) -> dict[str, int]:
    """Write the vault at `out` (which must not exist yet); returns what it holds."""
    database = Database.new()
    counts = populate(Services(database, clock=FixedClock(NOW)), entries=entries)
    params: KdfParams | None = FLOOR if kdf == "floor" else None
    vault, _recovery_key = Vault.create(
        out, passphrase, kdf=REAL_KDF, params=params, database=database, backups_keep=backups_keep
    )
    vault.close()
    return counts


def read_passphrase(path: Path) -> str:
    """The first line of the file, as the CLI's --passphrase-file reads it."""
    return path.read_text(encoding="utf-8").splitlines()[0]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path, help="the vault file to write (must not exist)")
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--kdf", choices=("floor", "calibrated"), default="floor")
    parser.add_argument("--passphrase-file", type=Path, required=True, help="its first line is the passphrase")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = build(args.out, read_passphrase(args.passphrase_file), entries=args.entries, kdf=args.kdf)
    size = args.out.stat().st_size / 2**20
    held = ", ".join(f"{n:,} {name.replace('_', ' ')}" for name, n in counts.items())
    print(f"wrote {args.out} ({size:.1f} MiB: {held}) in {time.perf_counter() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    main()
