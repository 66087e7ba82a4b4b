"""The session report: exactly what DESIGN.md §3 (Sharing) lists, nothing unshared, nothing loaded from elsewhere."""

from __future__ import annotations

import html
import re
from datetime import UTC, date, timedelta
from pathlib import Path

from copingkit.core.assessments import instrument, not_a_diagnosis
from copingkit.core.database import Database
from copingkit.core.packs import read_pack
from copingkit.core.services import Services
from copingkit.core.services.report import render_report_html
from tests.support.html_pages import outside_references
from tests.support.journal_data import START, fill

ROOT = Path(__file__).resolve().parents[2]


def _page(services: Services, **options) -> str:
    return render_report_html(services.report.build(zone=UTC, **options))


def _text(page: str) -> str:
    body = page[page.index("<body>") :]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_the_report_holds_what_is_shared_and_numbers_from_everything_else(
    services: Services, database: Database
) -> None:
    fill(services, database)
    services.checkins.create(5, note="shared note", tags=["calm"], shared=True, at=START - timedelta(hours=2))
    services.groups.log(
        "Harbour peer group",
        at=START - timedelta(minutes=30),
        minutes=60,
        connectedness=6,
        what_i_shared="said-in-the-room",
        what_i_heard="heard-in-the-room",
        takeaways="taken-away",
    )
    page = _page(services)
    text = _text(page)
    assert "Mon" in text and "Monday: the meeting went fine." in text and "Group thoughts" in text
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "<b>" not in page
    for unshared in ("=SUM(A1)", "In the trash", "Deleted forever", "rough start", "#sleep", "unfinished"):
        assert unshared not in text
    assert "5 (very good)" in text and "shared note" in text and "#calm" in text
    assert "From all 3 check-ins in this period, numbers only: average mood 3.67 (lowest 2, highest 5)" in text
    assert "<svg" in page and "Mood, daily average (1 very low to 5 very good)" in text
    assert "Coping confidence, daily average (0 to 10)" in text
    assert "PHQ-9: 5 of 27, mild" in text
    assert "2 Feeling down, depressed, or hopeless 2 (More than half the days)" in text
    assert "9 Thoughts that you would be better off dead or of hurting yourself in some way 0 (Not at all)" in text
    assert not_a_diagnosis() in text
    assert "Box breathing 8 4" in text and "Walk round the block 5 —" in text
    assert text.count("Breathe before bed Sleep week") == 2 and "did it" not in text and "again" not in text
    assert "2026-02-28 06:30 90 8" in text and "2026-03-01 09:00 60 6" in text
    for private in ("Thursday circle", "Harbour peer group", "said-in-the-room", "heard-in-the-room", "taken-away"):
        assert private not in text


def test_the_report_loads_runs_and_links_nothing(services: Services, database: Database) -> None:
    fill(services, database)
    services.journal.create("<script>alert(1)</script> **mine** [x](https://example.com)", shared=True)
    page = _page(services)
    assert outside_references(page) == []
    assert "&lt;script&gt;alert(1)&lt;/script&gt; <strong>mine</strong> [x](https://example.com)" in page
    assert page.count("://") == 1  # the address typed in the entry, shown as text; no URL of ours


def test_a_range_keeps_only_what_falls_inside_it(services: Services, database: Database, monkeypatch) -> None:
    monkeypatch.setenv("TZ", "UTC")  # the range's days are local days
    fill(services, database)
    report = services.report.build(date_from=START.date() - timedelta(days=1), date_to=START.date(), zone=UTC)
    assert report.period == "From 2026-02-28 to 2026-03-01"
    assert [entry.body for entry in report.entries] == ["Group thoughts"]
    assert report.trends is not None and report.trends.count == 1
    assert [use.strategy for use in report.strategy_uses] == ["Walk round the block"]
    assert [done.when for done in report.homework] == ["2026-02-28 09:30"]
    assert report.assessments == ()


def test_no_trends_leaves_them_out_and_the_summary_says_what_each_section_holds(
    services: Services, database: Database
) -> None:
    fill(services, database)
    report = services.report.build(trends=False, zone=UTC)
    assert "Trends" not in _text(render_report_html(report)) and "<svg" not in render_report_html(report)
    assert report.summary() == (
        "Shared entries: 2 entries marked to share",
        "Shared check-ins: 0 check-ins marked to share",
        "Trends: left out",
        "Questionnaires: 1 result with their answers",
        "Coping strategies: 2 uses, distress before and after",
        "Homework done: 2 items",
        "Group sessions: 1 session (date, minutes, connectedness only)",
    )


def test_an_empty_journal_makes_a_report_that_says_so(services: Services) -> None:
    text = _text(_page(services, date_to=date(2026, 3, 1)))
    assert "Up to 2026-03-01" in text
    assert "No entries marked to share in this period." in text and "No check-ins in this period." in text
    assert "No group sessions in this period." in text


def test_questionnaires_carry_their_flags_blanks_percent_and_difficulty(services: Services) -> None:
    a = services.assessments
    a.record("phq9", [1, 1, 1, 1, 1, 1, 1, 1, 2], difficulty=2, crisis_shown_at=START, at=START)
    a.record("who5", [3, 3, 3, 3, 3], at=START)
    a.record("pcl5", [2] * 20, at=START)
    a.record("gad7", [1, None, 1, 1, 1, 1, 1], allow_blank=True, at=START)
    text = _text(_page(services))
    assert "PHQ-9: 10 of 27, moderate" in text
    assert "Item 9 was answered above “not at all”; the crisis lines were shown before the total." in text
    assert "How difficult these problems made things: Very difficult" in text
    assert "WHO-5: 15 of 25 (60%)" in text
    assert f"PCL-5: 40 of 80 {instrument('pcl5').threshold.words}" in text
    assert (
        "GAD-7: not scored (some answers left blank)" in text
        and "2 Not being able to stop or control worrying left blank" in text
    )


def test_homework_done_through_the_homework_service_is_in_the_report(services: Services) -> None:
    pack = read_pack((ROOT / "examples" / "homework-pack.toml").read_text(encoding="utf-8"))
    services.homework.import_pack(pack)
    item = services.homework.items()[0]
    services.homework.complete(item.id, at=START)
    report = services.report.build(zone=UTC)
    assert [(done.when, done.title, done.pack) for done in report.homework] == [
        ("2026-03-01 09:30", item.title, "Between sessions: noticing and settling")
    ]
