"""Packs read and checked (copingkit.core.packs) and homework stored (HomeworkService): what is
due, what is done, by cadence; errors name the field and the line."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest

from copingkit.core.clock import FixedClock
from copingkit.core.packs import PackError, cadence_words, find_line, read_pack
from copingkit.core.services import Services

PACK = """kind = "pack"
title = "Week 1"
from = "The Tuesday group"
due = 2026-03-08

[[prompts]]
text = "What helped?"

[[strategies]]
practise = "paced-breathing"
times_per_week = 3

[[assessments]]
instrument = "who5"
every = "2 weeks"
"""


def by_kind(services: Services) -> dict[str, object]:
    return {item.kind: item for item in services.homework.items()}


def test_a_once_item_is_due_until_done(services: Services) -> None:
    services.homework.import_pack(read_pack(PACK))
    prompt = by_kind(services)["prompt"]
    assert (prompt.due, prompt.status, prompt.sender) == (True, "due by 2026-03-08", "The Tuesday group")
    after = services.homework.complete(prompt.id)
    assert (after.due, after.status, after.done_count) == (False, "done on 2026-03-01", 1)


def test_times_per_week_counts_the_last_seven_days(services: Services, clock: FixedClock) -> None:
    services.homework.import_pack(read_pack(PACK))
    practise = by_kind(services)["strategy"]
    assert (practise.title, practise.status) == ("Longer breath out", "0 of 3 this week")
    for _ in range(3):
        last = services.homework.complete(practise.id)
    assert (last.due, last.status) == (False, "3 of 3 this week")
    clock.advance(days=7)
    assert by_kind(services)["strategy"].status == "0 of 3 this week"


def test_a_cadence_makes_it_due_again(services: Services, clock: FixedClock) -> None:
    services.homework.import_pack(read_pack(PACK))
    form = by_kind(services)["assessment"]
    assert (form.title, form.instrument, form.cadence, form.due) == ("WHO-5", "who5", "every 2 weeks", True)
    done = services.homework.complete(form.id)
    assert (done.due, done.status) == (False, "next on 2026-03-15 (last done 2026-03-01)")
    clock.advance(days=14)
    again = by_kind(services)["assessment"]
    assert (again.due, again.status) == (True, "due again (last done 2026-03-01)")


def test_what_is_due_comes_first(services: Services) -> None:
    services.homework.import_pack(read_pack(PACK))
    prompt = by_kind(services)["prompt"]
    services.homework.complete(prompt.id)
    assert [item.kind for item in services.homework.items()][-1] == "prompt"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            ('practise = "paced-breathing"', 'practise = "flying"'),
            "line 10: field 'strategies[1].practise': 'flying' isn't a strategy",
        ),
        (('instrument = "who5"', 'instrument = "bdi"'), "line 14: field 'assessments[1].instrument': must be one of"),
        (('every = "2 weeks"', 'every = "fortnightly"'), "line 15: field 'assessments[1].every': must be like"),
        (
            ("times_per_week = 3", "times_per_week = 30"),
            "line 11: field 'strategies[1].times_per_week': must be at most 21",
        ),
        (('kind = "pack"', 'kind = "bundle"'), "line 1: field 'kind': must be one of 'pack' or 'card'"),
    ],
)
def test_each_bad_field_is_named_with_its_line(change: tuple[str, str], message: str) -> None:
    with pytest.raises(PackError, match="^" + re.escape(f"week.toml, {message}")):
        read_pack(PACK.replace(*change), file="week.toml")


def test_a_strategy_needs_the_library_or_its_own_words_not_both() -> None:
    both = PACK.replace('practise = "paced-breathing"', 'practise = "paced-breathing"\ntitle = "Mine"\nsteps = ["a"]')
    with pytest.raises(PackError, match=r"line 9: field 'strategies\[1\]': give either practise .* not both"):
        read_pack(both, file="week.toml")


def test_a_pack_needs_something_to_do_and_a_card_exactly_one_written_strategy() -> None:
    with pytest.raises(PackError, match="a pack needs at least one prompt"):
        read_pack('kind = "pack"\ntitle = "Empty"\n')
    with pytest.raises(PackError, match="a card holds exactly one"):
        read_pack(PACK.replace('kind = "pack"', 'kind = "card"'))


def test_a_file_bigger_than_a_pack_is_refused_before_it_is_parsed(monkeypatch: pytest.MonkeyPatch) -> None:
    import tomllib

    calls = []
    monkeypatch.setattr(tomllib, "loads", lambda text: calls.append(text))
    with pytest.raises(PackError, match="larger than a pack can be"):
        read_pack("#" * (256 * 1024 + 1))
    assert calls == []


def test_find_line_reads_tables_arrays_of_tables_and_keys() -> None:
    assert find_line(PACK, ("from",)) == 3
    assert find_line(PACK, ("assessments", 0, "every")) == 15
    assert find_line(PACK, ("assessments", 0, "due")) == 13
    assert find_line(PACK, ("prompts", 0)) == 6


def test_cadence_words() -> None:
    assert [cadence_words(None, None), cadence_words(1, None), cadence_words(14, None), cadence_words(3, None)] == [
        "once",
        "every day",
        "every 2 weeks",
        "every 3 days",
    ]
    assert [cadence_words(None, 1), cadence_words(None, 5)] == ["once a week", "5 times a week"]


def test_taking_a_questionnaire_a_pack_asked_for_marks_it_done(services: Services, clock: FixedClock) -> None:
    from pathlib import Path

    example = Path(__file__).resolve().parents[2] / "examples" / "homework-pack.toml"
    services.homework.import_pack(read_pack(example.read_text(encoding="utf-8")))
    forms = {item.instrument: item for item in services.homework.items() if item.kind == "assessment"}
    assert {name: item.due for name, item in forms.items()} == {"phq9": True, "gad7": True}
    services.assessments.record("phq9", [0, 1, 0, 1, 0, 1, 0, 1, 0])
    after = {item.instrument: item for item in services.homework.items() if item.kind == "assessment"}
    assert (after["phq9"].due, after["phq9"].done_count, after["phq9"].last_done) == (False, 1, clock().date())
    assert (
        after["phq9"].status
        == f"next on {(clock().date() + timedelta(days=14)).isoformat()} (last done {clock().date().isoformat()})"
    )
    assert (after["gad7"].due, after["gad7"].done_count) == (True, 0)
    services.assessments.record(
        "gad7", [1, None, 1, 1, 1, 1, 1], allow_blank=True
    )  # a blank is fine: nothing is required
    assert next(item for item in services.homework.items() if item.instrument == "gad7").done_count == 1
    services.assessments.record("who5", [3, 3, 3, 3, 3])  # no pack asked for it: nothing else changes
    assert sum(item.done_count for item in services.homework.items()) == 2
