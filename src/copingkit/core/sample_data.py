"""A realistic, gentle sample journal: for `copingkit demo`, snapshots and benchmarks.

Deterministic for a given seed and clock. The words are our own and deliberately ordinary.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

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


def populate(services: Services, *, days: int = 365, seed: int = 7, now: datetime | None = None) -> None:
    """Fill `services`' journal with `days` of entries, check-ins and strategy uses."""
    rng = random.Random(seed)
    now = now or services.clock()
    sync_builtin_content(services)
    strategies = services.coping.strategies()
    mood = 3.0
    for back in range(days, -1, -1):
        day = now - timedelta(days=back)
        mood = min(5.0, max(1.0, mood + rng.uniform(-0.8, 0.85)))
        if rng.random() < 0.85:
            at = day.replace(hour=rng.choice((8, 12, 18, 21)), minute=rng.randrange(60), second=0, microsecond=0)
            if at > now:
                at = now - timedelta(minutes=5)
            feelings = {name: rng.randrange(2, 9) for name in rng.sample(_EMOTIONS, rng.randrange(0, 3))}
            services.checkins.create(
                round(mood), at=at, note=rng.choice(("", "", "steady", "long day", "better after a walk")) or None,
                tags=rng.sample(_TAGS, rng.randrange(0, 2)), emotions=feelings,
                energy=rng.randrange(1, 6), sleep_hours=round(rng.uniform(4, 9), 1),
                coping_confidence=min(10, max(0, round(mood * 2 + rng.uniform(-1, 1)))),
            )
        if rng.random() < 0.6:
            at = day.replace(hour=rng.choice((7, 13, 20, 22)), minute=rng.randrange(60), second=0, microsecond=0)
            if at > now:
                at = now - timedelta(minutes=1)
            body = " ".join((rng.choice(_OPENINGS), rng.choice(_MIDDLES), rng.choice(_CLOSINGS)))
            services.journal.create(
                body, title=rng.choice(_TITLES) or None, tags=rng.sample(_TAGS, rng.randrange(0, 3)), at=at,
                starred=rng.random() < 0.08, shared=rng.random() < 0.15,
            )
        if strategies and rng.random() < 0.2:
            strategy = rng.choice(strategies)
            before = rng.randrange(4, 10)
            services.coping.record_use(
                strategy.id, reaction=strategy.reactions[0] if strategy.reactions else None,
                distress_before=before, distress_after=max(0, before - rng.randrange(0, 4)),
            )


def build_demo_vault(clock: Clock = system_now, *, days: int = 365):
    """An in-memory vault with a year of sample data; nothing touches the disk."""
    from copingkit.core.vault import Vault

    vault = Vault.in_memory()
    populate(Services(vault.database, clock=clock), days=days, now=clock())
    vault.save()
    return vault
