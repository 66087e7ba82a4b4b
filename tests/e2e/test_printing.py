"""The session report and the printable safety plan, printed by a real headless Chromium on A4 and
on Letter: the right page size, every piece of text there and nothing past the page's edge (long
lines and long unbroken words wrap), and the charts drawn (their labels are on the page).

One browser prints all four PDFs (tests/support/chromium.py, DevTools over a pipe: no socket)."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Iterator
from datetime import UTC, timedelta
from pathlib import Path

import pytest
from pypdf import PdfReader

from copingkit.core.clock import FixedClock
from copingkit.core.database import Database
from copingkit.core.services import Services
from copingkit.core.services.report import render_report_html
from tests.support.chromium import A4, LETTER, Chromium, Paper
from tests.support.journal_data import START, fill

pytestmark = pytest.mark.chromium

UNBROKEN = "Unbroken" + "abcdefghij" * 24 + "End"
LINES = [f"Line {n:02d} of the long entry: the walk helped, and so did writing it down afterwards." for n in range(70)]


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Chromium]:
    chromium = Chromium(tmp_path_factory.mktemp("chromium"))
    yield chromium
    chromium.close()


@pytest.fixture
def services() -> Iterator[Services]:
    database = Database.new()
    yield Services(database, clock=FixedClock(START))
    database.close()


def _print(browser: Chromium, page: str, folder: Path, paper: Paper) -> PdfReader:
    path = folder / "page.html"
    path.write_text(page, encoding="utf-8")
    return PdfReader(io.BytesIO(browser.print_pdf(path, paper)))


def _check_pages(reader: PdfReader, paper: Paper) -> tuple[str, list[str]]:
    """Every page is `paper`'s size and every piece of text starts inside it; the text, and its lines."""
    outside: list[tuple[int, str, float, float]] = []
    for number, page in enumerate(reader.pages, 1):
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert max(abs(width - paper.points[0]), abs(height - paper.points[1])) < 1, (
            f"page {number}: {width} x {height}"
        )

        def seen(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
            if text.strip():
                x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
                y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
                if not (0 <= x < width and 0 <= y < height):
                    outside.append((number, text, x, y))  # noqa: B023 - used at once

        page.extract_text(visitor_text=seen)
    assert outside == []
    text = unicodedata.normalize("NFKC", "\n".join(page.extract_text() for page in reader.pages))  # ligatures
    return " ".join(text.split()), text.splitlines()


def _assert_wrapped_whole(word: str, text: str, lines: list[str]) -> None:
    """`word` is all there, over more than one line: wrapped at the edge, not run past it."""
    assert word in re.sub(r"\s+", "", text)
    assert all(word not in line for line in lines)


PAPERS = [pytest.param(A4, id="A4"), pytest.param(LETTER, id="Letter")]


@pytest.mark.parametrize("paper", PAPERS)
def test_the_session_report_prints_whole_with_its_charts(
    browser: Chromium, services: Services, tmp_path: Path, paper: Paper
) -> None:
    fill(services, services.database)
    services.journal.create("\n".join(LINES), title="A long week", shared=True, at=START - timedelta(days=5))
    services.journal.create(f"A word that never ends: {UNBROKEN}", shared=True, at=START - timedelta(days=4))
    services.checkins.create(3, note=f"shared note {UNBROKEN}", shared=True, at=START - timedelta(days=6))
    for day in range(20):
        services.checkins.create(1 + day % 5, coping_confidence=day % 11, at=START - timedelta(days=30 - day))
    report = services.report.build(zone=UTC)
    reader = _print(browser, render_report_html(report), tmp_path, paper)
    assert len(reader.pages) >= 3
    text, lines = _check_pages(reader, paper)
    for line in LINES:
        assert line in text
    _assert_wrapped_whole(UNBROKEN, text, lines)
    for heading in (
        "Shared journal entries",
        "Shared check-ins",
        "Trends",
        "Questionnaires",
        "Coping strategies used",
        "Homework done",
        "Group sessions",
    ):
        assert heading in text
    assert "Monday: the meeting went fine." in text and "Group thoughts" in text
    assert "Little interest or pleasure in doing things" in text and "Box breathing" in text
    assert "Breathe before bed" in text
    for title in ("Mood, daily average (1 very low to 5 very good)", "Coping confidence, daily average (0 to 10)"):
        assert title in text
    first, last = report.trends.days[0].day, report.trends.days[-1].day  # type: ignore[union-attr]
    assert f"{first.isoformat()} " in text and last.isoformat() in text


@pytest.mark.parametrize("paper", PAPERS)
def test_the_printable_safety_plan_prints_whole(
    browser: Chromium, services: Services, tmp_path: Path, paper: Paper
) -> None:
    safety = services.safety
    items = {
        "warning_signs": ["Not replying to texts", f"Pacing at night {UNBROKEN}"],
        "internal_coping": ["A cold shower", "Box breathing for four minutes"],
        "reasons_to_live": ["My dog", "The sea in the morning"],
    }
    for step, texts in items.items():
        safety.set_items(step, texts)
    safety.add_contact("Sam (sister)", how_to_reach="07700 900123", note="any time, even late")
    reader = _print(browser, safety.export_html(country="GB"), tmp_path, paper)
    text, lines = _check_pages(reader, paper)
    for step in safety.plan().steps:
        assert step.title in text
    for texts in items.values():
        for item in texts:
            assert item.replace(UNBROKEN, "").strip() in text
    _assert_wrapped_whole(UNBROKEN, text, lines)
    assert "Sam (sister) — 07700 900123 — any time, even late" in text
    assert "Samaritans" in text and "116 123" in text and "In an emergency" in text
