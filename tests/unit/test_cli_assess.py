"""`copingkit assess`: DESIGN.md §4's JSON for every instrument, the item-9 text on stderr before
the total, asking item by item at a terminal, and a wrong count or value refused (exit 1) with
nothing stored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from copingkit.core import assessments
from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault
from tests.support.cli import PASSPHRASE, InProcessCli, make_home


@pytest.fixture
def home(tmp_path: Path) -> InProcessCli:
    return make_home(tmp_path)


def stored(home: InProcessCli) -> list:
    vault = Vault.open(home.vault, PASSPHRASE, kdf=TEST_KDF)
    try:
        return Services(vault.database).assessments.list()
    finally:
        vault.close(save=False)


@pytest.mark.parametrize(
    ("instrument", "answers", "document"),
    [
        (
            "phq9",
            "1,2,1,2,1,2,1,2,0",
            {"instrument": "phq9", "version": "1", "score": 12, "band": "moderate", "flags": []},
        ),
        (
            "phq8",
            "3,3,3,3,3,3,2,0",
            {"instrument": "phq8", "version": "1", "score": 20, "band": "severe", "flags": []},
        ),
        ("gad7", "1,1,1,1,0,0,0", {"instrument": "gad7", "version": "1", "score": 4, "band": "minimal", "flags": []}),
        (
            "pcl5",
            ",".join(["2"] * 16 + ["1", "0", "0", "0"]),
            {"instrument": "pcl5", "version": "1", "score": 33, "band": None, "flags": ["pcl5_threshold"]},
        ),
        (
            "pcl5",
            ",".join(["2"] * 16 + ["0"] * 4),
            {"instrument": "pcl5", "version": "1", "score": 32, "band": None, "flags": []},
        ),
        (
            "who5",
            "2,2,1,1,1",
            {"instrument": "who5", "version": "1", "score": 7, "band": "likely depression", "flags": [], "percent": 28},
        ),
        (
            "who5",
            "3,3,3,2,2",
            {"instrument": "who5", "version": "1", "score": 13, "band": None, "flags": [], "percent": 52},
        ),
    ],
)
def test_json_is_design_section_4(home: InProcessCli, instrument, answers, document) -> None:
    result = home.run("assess", instrument, "--answers", answers, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == document
    assert assessments.not_a_diagnosis() in result.stderr
    [row] = stored(home)
    assert (row.instrument_id, row.score, row.band) == (instrument, document["score"], document["band"])


def test_item9_text_goes_to_stderr_and_stdout_holds_only_the_json(home: InProcessCli) -> None:
    result = home.run("assess", "phq9", "--answers", "1,2,1,2,1,2,1,1,1", "--difficulty", "2", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "instrument": "phq9",
        "version": "1",
        "score": 12,
        "band": "moderate",
        "flags": ["item9"],
    }
    assert assessments.crisis_text() in result.stderr
    assert "findahelpline.com" in result.stderr
    [row] = stored(home)
    assert row.flags == ("item9",)
    assert row.difficulty == 2
    assert row.crisis_shown_at is not None


def test_text_shows_the_item9_text_before_the_total_and_says_not_a_diagnosis(home: InProcessCli) -> None:
    result = home.run("assess", "phq9", "--answers", "0,0,0,0,0,0,0,0,1")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.index(assessments.crisis_text()) < out.index("PHQ-9: 1 of 27 — minimal")
    assert assessments.not_a_diagnosis() in out


def test_no_item9_text_when_item9_is_zero(home: InProcessCli) -> None:
    result = home.run("assess", "phq9", "--answers", "3,3,3,3,3,3,3,3,0")
    assert result.exit_code == 0, result.stderr
    assert assessments.crisis_text() not in result.output
    assert "PHQ-9: 24 of 27 — severe" in result.stdout
    assert stored(home)[0].crisis_shown_at is None


def test_text_shows_the_change_since_last_time(home: InProcessCli) -> None:
    assert home.run("assess", "pcl5", "--answers", ",".join(["3"] * 15 + ["0"] * 5)).exit_code == 0
    result = home.run("assess", "pcl5", "--answers", ",".join(["3"] * 10 + ["2"] + ["0"] * 9))
    assert "PCL-5: 32 of 80" in result.stdout
    assert "13 lower than last time — a meaningful change (10 or more)." in result.stdout
    assert "A change of 10 or more counts as meaningful; 5 or more as a response." in result.stdout


def test_who5_text_shows_percent_and_raw(home: InProcessCli) -> None:
    result = home.run("assess", "who5", "--answers", "3,3,2,2,2")
    assert "WHO-5: 48% (raw 12 of 25) — poor well-being" in result.stdout


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["phq9", "--answers", "1,1,1,1,1,1,1,1"], "PHQ-9 has 9 questions; 8 answers given"),
        (["phq9", "--answers", "1,1,1,1,1,1,1,1,1,1"], "PHQ-9 has 9 questions; 10 answers given"),
        (["phq9", "--answers", "1,1,1,4,1,1,1,1,1"], "Answer 4 is 4; PHQ-9's answers go from 0 to 3"),
        (["who5", "--answers", "6,0,0,0,0"], "Answer 1 is 6"),
        (["gad7", "--answers", "1,,1,1,1,1,1"], "Answer 2 is blank"),
        (["gad7", "--answers", "1,x,1,1,1,1,1"], "Answer 2 is x"),
        (["gad7", "--answers", "0,0,0,0,0,0,0", "--difficulty", "4"], "difficulty answer goes from 0 to 3"),
        (["pcl5", "--answers", ",".join(["0"] * 20), "--difficulty", "1"], "PCL-5 has no difficulty question"),
        (["cdrisc", "--answers", "1"], "doesn't know an assessment called 'cdrisc'"),
    ],
)
def test_wrong_count_or_value_exits_1_and_stores_nothing(home: InProcessCli, arguments, message) -> None:
    result = home.run("assess", *arguments, "--format", "json")
    assert result.exit_code == 1
    assert message in result.stderr
    assert result.stdout == ""
    assert stored(home) == []


def test_off_a_terminal_answers_are_needed(home: InProcessCli) -> None:
    result = home.run("assess", "gad7")
    assert result.exit_code == 1
    assert "Give the answers with --answers" in result.stderr
    assert stored(home) == []


def test_at_a_terminal_each_question_is_asked(home: InProcessCli) -> None:
    typed = (
        "\n".join(["1", "2", "5", "", "1", "0", "0", "1", "1", "1", "2", "9", "3"]) + "\n"
    )  # 5 and a blank are refused, asked again; 9 too
    result = home.run("assess", "phq9", terminal=True, input=typed)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Please answer with a number from 0 to 3." in out
    assert "1/9. Little interest or pleasure in doing things" in out
    assert "9/9. Thoughts that you would be better off dead or of hurting yourself in some way" in out
    assert out.index(assessments.crisis_text()) < out.index("If you checked off any problems")
    assert out.index("If you checked off any problems") < out.index("PHQ-9: 9 of 27 — mild")
    [row] = stored(home)
    assert (row.answers, row.difficulty) == ((1, 2, 1, 0, 0, 1, 1, 1, 2), 3)
    assert row.crisis_shown_at is not None


def test_at_a_terminal_pcl5_starts_with_its_content_note(home: InProcessCli) -> None:
    typed = "\n".join(["0"] * 20) + "\n"
    result = home.run("assess", "pcl5", terminal=True, input=typed)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.index(assessments.texts().content_note_text) < result.stdout.index("1/20.")
