"""Coping strategies: library, uses, suggestions from what helped, builtin sync."""

from __future__ import annotations

import pytest

from copingkit.core.errors import InvalidInput, NotFound
from copingkit.core.services import Services

BUILTIN = [
    {
        "slug": "box-breathing",
        "title": "Box breathing",
        "steps": ["In for 4", "Hold for 4", "Out for 4", "Hold for 4"],
        "minutes": 4,
        "reactions": ["anxious", "panic"],
        "approach": "Slows the body down.",
        "version": 1,
    },
    {
        "slug": "grounding-54321",
        "title": "5-4-3-2-1 grounding",
        "steps": ["5 things you see", "4 you can touch", "3 you hear", "2 you smell", "1 you taste"],
        "minutes": 5,
        "reactions": ["anxious", "dissociating"],
        "approach": "Brings attention to the room.",
        "version": 1,
    },
    {
        "slug": "opposite-action",
        "title": "Opposite action",
        "steps": ["Name the urge", "Do the opposite, fully"],
        "minutes": 10,
        "reactions": ["sad"],
        "approach": "DBT emotion regulation.",
        "version": 1,
    },
]


def _sync(services: Services) -> dict[str, int]:
    services.coping.sync_builtin(BUILTIN)
    return {s.slug: s.id for s in services.coping.strategies(include_hidden=True)}


def test_create_and_validate(services: Services) -> None:
    mine = services.coping.create(
        "  Cold water  ", ["Splash face", " ", "Breathe"], minutes=2, reactions=["Panic", "panic"]
    )
    assert (mine.slug, mine.title, mine.steps, mine.reactions, mine.source) == (
        "cold-water", "Cold water", ("Splash face", "Breathe"), ("panic",), "mine"
    )  # fmt: skip
    again = services.coping.create("Cold water", ["x"])
    assert again.slug == "cold-water-2"
    with pytest.raises(InvalidInput, match="needs a name"):
        services.coping.create(" ", ["x"])
    with pytest.raises(InvalidInput, match="at least one step"):
        services.coping.create("Empty", ["  "])
    with pytest.raises(InvalidInput, match="Minutes"):
        services.coping.create("Long", ["x"], minutes=0)
    with pytest.raises(InvalidInput):
        services.coping.create("Dup", ["x"], slug="cold-water")
    with pytest.raises(NotFound):
        services.coping.get(999)


def test_library_filters(services: Services) -> None:
    ids = _sync(services)
    services.coping.set_favourite(ids["opposite-action"])
    services.coping.set_hidden(ids["grounding-54321"])
    assert [s.slug for s in services.coping.strategies()] == ["opposite-action", "box-breathing"]
    assert [s.slug for s in services.coping.strategies(include_hidden=True)][0] == "opposite-action"
    assert [s.slug for s in services.coping.strategies(reaction="Anxious")] == ["box-breathing"]
    assert [s.slug for s in services.coping.strategies(favourites=True)] == ["opposite-action"]
    assert [s.slug for s in services.coping.strategies(query="hold")] == ["box-breathing"]
    assert [s.slug for s in services.coping.strategies(query="smell", include_hidden=True)] == ["grounding-54321"]
    assert services.coping.strategies(query="a AND (") == []


def test_record_use_validation(services: Services) -> None:
    ids = _sync(services)
    use = services.coping.record_use(
        ids["box-breathing"], reaction="anxious", distress_before=8, distress_after=5, note="ok"
    )
    assert (use.distress_before, use.distress_after, use.reaction) == (8, 5, "anxious")
    for bad in ({"distress_before": 11}, {"distress_after": -1}, {"distress_before": "7"}):
        with pytest.raises(InvalidInput, match="Distress"):
            services.coping.record_use(ids["box-breathing"], **bad)
    with pytest.raises(NotFound):
        services.coping.record_use(999)
    assert [u.id for u in services.coping.history(ids["box-breathing"])] == [use.id]


def test_suggest_puts_what_helped_first(services: Services) -> None:
    ids = _sync(services)
    box, ground = ids["box-breathing"], ids["grounding-54321"]
    mine = services.coping.create("Call my sister", ["Ring her"], reactions=["lonely"]).id
    # grounding helped a lot once; box helped a little, twice; mine helped (mean 3) when anxious
    services.coping.record_use(ground, reaction="anxious", distress_before=9, distress_after=3)
    services.coping.record_use(box, reaction="anxious", distress_before=8, distress_after=6)
    services.coping.record_use(box, reaction="anxious", distress_before=7, distress_after=5)
    services.coping.record_use(box, reaction="anxious", distress_before=7)  # not rated after: counts as a use only
    services.coping.record_use(mine, reaction="anxious", distress_before=6, distress_after=3)

    order = [s.id for s in services.coping.suggest("anxious")]
    assert order == [ground, mine, box]
    box_read = services.coping.get(box)
    assert box_read.uses == 3 and box_read.mean_drop == 2.0

    # opposite action is not for "anxious" and was never used for it
    assert ids["opposite-action"] not in order


def test_suggest_ties_break_by_use_count_and_unhelpful_goes_last(services: Services) -> None:
    ids = _sync(services)
    box, ground = ids["box-breathing"], ids["grounding-54321"]
    services.coping.record_use(box, distress_before=6, distress_after=4)
    services.coping.record_use(ground, distress_before=6, distress_after=4)
    services.coping.record_use(ground, distress_before=5, distress_after=3)
    assert [s.id for s in services.coping.suggest("anxious")] == [ground, box]

    worse = services.coping.create("Doomscrolling break", ["Put the phone down"], reactions=["anxious"]).id
    untried = services.coping.create("Weighted blanket", ["Lie under it"], reactions=["anxious"]).id
    services.coping.record_use(worse, distress_before=4, distress_after=6)
    order = [s.id for s in services.coping.suggest("anxious")]
    assert order == [ground, box, untried, worse]


def test_suggest_untried_favourites_before_other_untried_and_hidden_never(services: Services) -> None:
    ids = _sync(services)
    services.coping.set_favourite(ids["grounding-54321"])
    assert [s.slug for s in services.coping.suggest("anxious")] == ["grounding-54321", "box-breathing"]
    services.coping.set_hidden(ids["grounding-54321"])
    assert [s.slug for s in services.coping.suggest("anxious")] == ["box-breathing"]
    assert {s.slug for s in services.coping.suggest(None)} == {"box-breathing", "opposite-action"}


def test_sync_builtin_adds_updates_and_never_overwrites_edits(services: Services) -> None:
    first = services.coping.sync_builtin(BUILTIN)
    assert (first.added, first.updated, first.kept) == (3, 0, 0)
    ids = {s.slug: s.id for s in services.coping.strategies()}

    edited = services.coping.update(ids["box-breathing"], steps=["In for 5", "Out for 7"])
    assert edited.user_edited
    services.coping.set_favourite(ids["grounding-54321"])
    services.coping.set_hidden(ids["opposite-action"])

    newer = [dict(item, version=2, title=item["title"] + " (v2)") for item in BUILTIN]
    newer.append({**BUILTIN[0], "slug": "paced-breathing", "title": "Paced breathing", "version": 1})
    second = services.coping.sync_builtin(newer)
    assert (second.added, second.updated, second.kept) == (1, 2, 1)

    box = services.coping.get(ids["box-breathing"])
    assert box.title == "Box breathing" and box.steps == ("In for 5", "Out for 7") and box.builtin_version == 1
    ground = services.coping.get(ids["grounding-54321"])
    assert ground.title == "5-4-3-2-1 grounding (v2)" and ground.favourite and ground.builtin_version == 2
    opposite = services.coping.get(ids["opposite-action"])
    assert opposite.title == "Opposite action (v2)" and opposite.hidden

    # the same version again changes nothing; an older version never downgrades
    assert services.coping.sync_builtin(newer).updated == 0
    assert services.coping.sync_builtin(BUILTIN).updated == 0
    assert services.coping.get(ids["grounding-54321"]).title.endswith("(v2)")


def test_sync_builtin_leaves_a_users_own_strategy_with_the_same_slug(services: Services) -> None:
    mine = services.coping.create("Box breathing", ["My way"])
    summary = services.coping.sync_builtin(BUILTIN[:1])
    assert summary.kept == 1
    assert services.coping.get(mine.id).steps == ("My way",)


def test_sync_builtin_rejects_bad_items_without_writing(services: Services) -> None:
    with pytest.raises(InvalidInput):
        services.coping.sync_builtin([BUILTIN[0], {**BUILTIN[1], "steps": []}])
    assert services.coping.strategies() == []


def test_update_without_changes_does_not_mark_edited(services: Services) -> None:
    ids = _sync(services)
    same = services.coping.update(ids["box-breathing"], title="Box breathing", minutes=4)
    assert not same.user_edited


def test_delete_only_own_strategies(services: Services) -> None:
    ids = _sync(services)
    with pytest.raises(InvalidInput):
        services.coping.delete(ids["box-breathing"])
    mine = services.coping.create("Mine", ["x"])
    services.coping.record_use(mine.id, distress_before=3)
    services.coping.delete(mine.id)
    with pytest.raises(NotFound):
        services.coping.get(mine.id)
    assert services.coping.history() == []


def test_someone_new_gets_the_reviewed_order_then_what_lowered_distress_comes_first(services: Services) -> None:
    from copingkit.core import content
    from copingkit.core.builtin_content import sync_builtin_content

    sync_builtin_content(services)
    fresh = [s.slug for s in services.coping.suggest("avoidance")]
    assert fresh == list(content.curated_order("avoidance"))
    assert fresh[0] == "one-small-pleasant-thing" and fresh[-1] == "small-step-toward"
    values = services.coping.get_by_slug("values-step")
    services.coping.record_use(values.id, reaction="avoidance", distress_before=7, distress_after=4)
    rated = [s.slug for s in services.coping.suggest("avoidance")]
    assert rated[0] == "values-step"
    assert rated[1:] == [slug for slug in content.curated_order("avoidance") if slug != "values-step"]
