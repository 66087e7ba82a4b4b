"""A realistic, gentle sample journal: for `copingkit demo`, snapshots and benchmarks.

Deterministic for a given seed and clock. The words are our own and deliberately ordinary.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

from copingkit.core.builtin_content import sync_builtin_content
from copingkit.core.clock import Clock, system_now
from copingkit.core.services import Services

_OPENINGS = (
    "Woke up early and lay there for a while.",
    "The morning was grey but the tea was good.",
    "Group tonight. I almost didn't go, but I went.",
    "Work was loud today.",
    "Walked to the park after lunch.",
    "Slept badly again; the dream came back around three.",
    "Called my sister for the first time in weeks.",
    "Spent the afternoon tidying the kitchen.",
    "Therapy session today. We talked about trust.",
    "A quiet day, mostly reading.",
    "Felt on edge in the supermarket queue.",
    "Cooked a proper dinner for once.",
)
_MIDDLES = (
    "I noticed my shoulders were up by my ears, so I tried the slow breathing.",
    "Someone at group said they use the five-senses trick; I want to try it.",
    "The old feeling that it was my fault showed up, and I answered it the way we practised.",
    "I kept busy, which helped until the evening.",
    "I wrote down three things that went okay, even small ones.",
    "I let myself rest without calling it lazy.",
    "The news was too much, so I turned it off and went outside.",
    "I told one person how I was really doing.",
    "My heart raced for a few minutes and then it passed.",
    "I listened to the rain and counted the sounds I could hear.",
)
_CLOSINGS = (
    "Going to bed earlier tonight.",
    "Tomorrow I'll try the walk again.",
    "Not a great day, not a terrible one.",
    "Proud that I kept going.",
    "I want to remember that it passed.",
    "Grateful for small things.",
)
_TITLES = ("", "", "", "Group night", "A harder day", "Small win", "After therapy", "Sleep", "Walk")
_TAGS = ("sleep", "work", "group", "family", "walk", "therapy", "anxiety", "gratitude")
_EMOTIONS = ("calm", "anxious", "sad", "angry", "hopeful", "tired", "lonely", "grateful")


def _stamp(moment: datetime) -> str:
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def sample_document(*, days: int = 365, seed: int = 7, now: datetime, entries_per_day: float = 0.6) -> dict:
    """A copingkit export document with `days` of entries and check-ins (imported in bulk)."""
    rng = random.Random(seed)
    tags = [{"id": i + 1, "name": name} for i, name in enumerate(_TAGS)]
    entries, entry_tags, checkins, emotions, checkin_tags = [], [], [], [], []
    mood = 3.0
    for back in range(days, -1, -1):
        day = now - timedelta(days=back)
        mood = min(5.0, max(1.0, mood + rng.uniform(-0.8, 0.85)))
        if rng.random() < 0.85:
            at = min(
                day.replace(hour=rng.choice((8, 12, 18, 21)), minute=rng.randrange(60), second=0, microsecond=0),
                now - timedelta(minutes=5),
            )
            checkin_id = len(checkins) + 1
            checkins.append(
                {
                    "id": checkin_id,
                    "mood": round(mood),
                    "energy": rng.randrange(1, 6),
                    "sleep_hours": round(rng.uniform(4, 9), 1),
                    "coping_confidence": min(10, max(0, round(mood * 2 + rng.uniform(-1, 1)))),
                    "note": rng.choice(("", "", "steady", "long day", "better after a walk")) or None,
                    "at": _stamp(at),
                    "created_at": _stamp(at),
                    "edited_at": None,
                }
            )
            for name in rng.sample(_EMOTIONS, rng.randrange(0, 3)):
                emotions.append(
                    {
                        "id": len(emotions) + 1,
                        "checkin_id": checkin_id,
                        "emotion": name,
                        "intensity": rng.randrange(2, 9),
                    }
                )
            for tag in rng.sample(tags, rng.randrange(0, 2)):
                checkin_tags.append({"checkin_id": checkin_id, "tag_id": tag["id"]})
        count = int(entries_per_day) + (rng.random() < entries_per_day % 1)
        for _ in range(count):
            at = min(
                day.replace(
                    hour=rng.choice((7, 13, 20, 22)), minute=rng.randrange(60), second=rng.randrange(60), microsecond=0
                ),
                now - timedelta(minutes=1),
            )
            body = " ".join((rng.choice(_OPENINGS), rng.choice(_MIDDLES), rng.choice(_CLOSINGS)))
            entry_id = len(entries) + 1
            entries.append(
                {
                    "id": entry_id,
                    "title": rng.choice(_TITLES) or None,
                    "body": body,
                    "preview": body[:120],
                    "kind": "free",
                    "prompt_id": None,
                    "starred": rng.random() < 0.08,
                    "shared_with_therapist": rng.random() < 0.15,
                    "created_at": _stamp(at),
                    "edited_at": None,
                    "deleted_at": None,
                }
            )
            for tag in rng.sample(tags, rng.randrange(0, 3)):
                entry_tags.append({"entry_id": entry_id, "tag_id": tag["id"]})
    return {
        "format": "copingkit-export",
        "version": 1,
        "exported_at": _stamp(now),
        "tables": {
            "tag": tags,
            "journal_entry": entries,
            "entry_tag": entry_tags,
            "mood_checkin": checkins,
            "checkin_emotion": emotions,
            "checkin_tag": checkin_tags,
        },
    }


def populate(
    services: Services, *, days: int = 365, seed: int = 7, now: datetime | None = None, entries_per_day: float = 0.6
) -> None:
    """Fill `services`' journal with `days` of entries, check-ins and strategy uses."""
    now = now or services.clock()
    rng = random.Random(seed + 1)
    sync_builtin_content(services)
    services.transfer.import_document(sample_document(days=days, seed=seed, now=now, entries_per_day=entries_per_day))
    strategies = services.coping.strategies()
    for back in range(min(days, 365), 0, -5):
        if strategies and rng.random() < 0.8:
            strategy = rng.choice(strategies)
            before = rng.randrange(4, 10)
            services.coping.record_use(
                strategy.id,
                reaction=strategy.reactions[0] if strategy.reactions else None,
                distress_before=before,
                distress_after=max(0, before - rng.randrange(0, 4)),
                at=now - timedelta(days=back),
            )
    _sample_assessments(services, rng, days=days, now=now)
    _sample_groups(services, rng, days=days, now=now)


def _sample_assessments(services: Services, rng: random.Random, *, days: int, now: datetime) -> None:
    """Every two weeks a PHQ-8, a GAD-7 and a WHO-5, easing a little over the months (no PHQ-9)."""
    for back in range(min(days, 365), 0, -14):
        ease = back / 365  # 1 a year ago, 0 now
        at = now - timedelta(days=back, hours=2)
        for instrument_id, count, top, good_is_high in (
            ("phq8", 8, 3, False),
            ("gad7", 7, 3, False),
            ("who5", 5, 5, True),
        ):
            level = 0.35 + 0.4 * (1 - ease) if good_is_high else 0.2 + 0.4 * ease
            answers = [min(top, max(0, round(level * top + rng.uniform(-1, 1)))) for _ in range(count)]
            services.assessments.record(instrument_id, answers, at=at)


def _sample_groups(services: Services, rng: random.Random, *, days: int, now: datetime) -> None:
    """A weekly peer group, gone to most weeks, feeling a little more connected over the months
    (now and then not rated); nothing about what was heard, which is about other people."""
    for back in range(min(days, 365) - 1, 0, -7):
        if rng.random() < 0.7:
            lift = 1 - back / 365  # 0 a year ago, 1 now
            rated = rng.random() < 0.85
            connectedness = min(10, max(0, round(4 + 4 * lift + rng.uniform(-1.5, 1.5)))) if rated else None
            at = now - timedelta(days=back, hours=4)
            services.groups.log("Tuesday peer group", at=at, minutes=90, connectedness=connectedness)


def build_demo_vault(clock: Clock = system_now, *, days: int = 365):
    """An in-memory vault with a year of sample data; nothing touches the disk."""
    from copingkit.core.vault import Vault

    vault = Vault.in_memory()
    populate(Services(vault.database, clock=clock), days=days, now=clock())
    vault.save()
    return vault
