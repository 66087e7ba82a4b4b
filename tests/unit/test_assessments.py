"""Scoring every instrument against hand-computed forms, every band boundary included (CONTENT.md)."""

from __future__ import annotations

import copy
import tomllib
from importlib import resources

import pytest

from copingkit.core import assessments
from copingkit.core.content import ContentError
from copingkit.core.errors import InvalidInput

# (answers, total, band, flags) — each total summed by hand; the bands are CONTENT.md's table.
PHQ9 = [
    ([0, 0, 0, 0, 0, 0, 0, 0, 0], 0, "minimal", ()),
    ([1, 1, 1, 1, 0, 0, 0, 0, 0], 4, "minimal", ()),
    ([1, 1, 1, 1, 1, 0, 0, 0, 0], 5, "mild", ()),
    ([1, 1, 1, 1, 1, 1, 1, 1, 1], 9, "mild", ("item9",)),
    ([2, 2, 2, 2, 2, 0, 0, 0, 0], 10, "moderate", ()),
    ([2, 2, 2, 2, 2, 2, 2, 0, 0], 14, "moderate", ()),
    ([3, 3, 3, 2, 2, 2, 0, 0, 0], 15, "moderately severe", ()),
    ([3, 3, 3, 3, 3, 2, 2, 0, 0], 19, "moderately severe", ()),
    ([3, 3, 3, 3, 3, 3, 2, 0, 0], 20, "severe", ()),
    ([3, 3, 3, 3, 3, 3, 3, 3, 3], 27, "severe", ("item9",)),
]
PHQ8 = [
    ([0, 0, 0, 0, 0, 0, 0, 0], 0, "minimal"),
    ([1, 1, 1, 1, 0, 0, 0, 0], 4, "minimal"),
    ([1, 1, 1, 1, 1, 0, 0, 0], 5, "mild"),
    ([2, 2, 2, 1, 1, 1, 0, 0], 9, "mild"),
    ([2, 2, 2, 2, 2, 0, 0, 0], 10, "moderate"),
    ([2, 2, 2, 2, 2, 2, 2, 0], 14, "moderate"),
    ([3, 3, 3, 3, 3, 0, 0, 0], 15, "moderately severe"),
    ([3, 3, 3, 3, 3, 2, 2, 0], 19, "moderately severe"),
    ([3, 3, 3, 3, 3, 3, 2, 0], 20, "severe"),
    ([3, 3, 3, 3, 3, 3, 3, 3], 24, "severe"),
]
GAD7 = [
    ([0, 0, 0, 0, 0, 0, 0], 0, "minimal"),
    ([1, 1, 1, 1, 0, 0, 0], 4, "minimal"),
    ([1, 1, 1, 1, 1, 0, 0], 5, "mild"),
    ([2, 2, 2, 1, 1, 1, 0], 9, "mild"),
    ([2, 2, 2, 2, 2, 0, 0], 10, "moderate"),
    ([2, 2, 2, 2, 2, 2, 2], 14, "moderate"),
    ([3, 3, 3, 2, 2, 2, 0], 15, "severe"),
    ([3, 3, 3, 3, 3, 3, 3], 21, "severe"),
]
PCL5 = [
    ([0] * 20, 0, ()),
    ([2] * 16 + [0, 0, 0, 0], 32, ()),
    ([2] * 16 + [1, 0, 0, 0], 33, ("pcl5_threshold",)),
    ([4] * 20, 80, ("pcl5_threshold",)),
]
# WHO-5: raw, x4 = percent; <= 28 likely depression, <= 50 poor well-being, above: no band.
WHO5 = [
    ([0, 0, 0, 0, 0], 0, 0, "likely depression"),
    ([2, 2, 1, 1, 1], 7, 28, "likely depression"),
    ([2, 2, 2, 1, 1], 8, 32, "poor well-being"),
    ([3, 3, 2, 2, 2], 12, 48, "poor well-being"),
    ([3, 3, 3, 2, 2], 13, 52, None),
    ([5, 5, 5, 5, 5], 25, 100, None),
]


@pytest.mark.parametrize(("answers", "total", "band", "flags"), PHQ9)
def test_phq9(answers, total, band, flags) -> None:
    scored = assessments.score(assessments.instrument("phq9"), answers)
    assert (scored.score, scored.band, scored.flags, scored.percent) == (total, band, flags, None)


@pytest.mark.parametrize(("answers", "total", "band"), PHQ8)
def test_phq8(answers, total, band) -> None:
    scored = assessments.score(assessments.instrument("phq8"), answers)
    assert (scored.score, scored.band, scored.flags) == (total, band, ())


@pytest.mark.parametrize(("answers", "total", "band"), GAD7)
def test_gad7(answers, total, band) -> None:
    scored = assessments.score(assessments.instrument("gad7"), answers)
    assert (scored.score, scored.band, scored.flags) == (total, band, ())


@pytest.mark.parametrize(("answers", "total", "flags"), PCL5)
def test_pcl5_has_no_band_and_flags_33_or_more(answers, total, flags) -> None:
    scored = assessments.score(assessments.instrument("pcl5"), answers)
    assert (scored.score, scored.band, scored.flags) == (total, None, flags)


@pytest.mark.parametrize(("answers", "raw", "percent", "band"), WHO5)
def test_who5_raw_and_percent(answers, raw, percent, band) -> None:
    scored = assessments.score(assessments.instrument("who5"), answers)
    assert (scored.score, scored.percent, scored.band, scored.flags) == (raw, percent, band, ())


def test_the_instruments_and_their_shapes() -> None:
    shapes = {item.id: (len(item.items), item.top_answer, item.max_score) for item in assessments.load_instruments()}
    assert shapes == {
        "phq9": (9, 3, 27),
        "phq8": (8, 3, 24),
        "gad7": (7, 3, 21),
        "pcl5": (20, 4, 80),
        "who5": (5, 5, 25),
    }


def test_phq8_is_phq9_without_item_9() -> None:
    assert assessments.instrument("phq8").items == assessments.instrument("phq9").items[:8]
    assert assessments.instrument("phq9").crisis_item == 9
    assert assessments.instrument("phq8").crisis_item is None


def test_item9_flag_only_above_not_at_all() -> None:
    phq9 = assessments.instrument("phq9")
    assert assessments.score(phq9, [3, 3, 3, 3, 3, 3, 3, 3, 0]).flags == ()
    assert assessments.score(phq9, [0, 0, 0, 0, 0, 0, 0, 0, 1]).flags == ("item9",)


def test_a_blank_answer_means_no_score_but_item9_still_counts() -> None:
    phq9 = assessments.instrument("phq9")
    scored = assessments.score(phq9, [None, 1, 1, 1, 1, 1, 1, 1, 2], allow_blank=True)
    assert (scored.score, scored.band, scored.complete) == (None, None, False)
    assert scored.flags == ("item9",)
    assert scored.answers[0] is None


def test_a_blank_is_refused_unless_allowed() -> None:
    with pytest.raises(InvalidInput, match="Answer 1 is blank"):
        assessments.score(assessments.instrument("gad7"), [None, 1, 1, 1, 1, 1, 1])


def test_blank_who5_has_no_percent() -> None:
    scored = assessments.score(assessments.instrument("who5"), [5, None, 5, 5, 5], allow_blank=True)
    assert (scored.score, scored.percent, scored.band) == (None, None, None)


@pytest.mark.parametrize(
    ("instrument_id", "answers", "message"),
    [
        ("phq9", [1] * 8, "PHQ-9 has 9 questions; 8 answers given"),
        ("phq9", [1] * 10, "PHQ-9 has 9 questions; 10 answers given"),
        ("phq9", [1, 1, 1, 4, 1, 1, 1, 1, 1], "Answer 4 is 4; PHQ-9's answers go from 0 to 3"),
        ("gad7", [0, 0, 0, 0, 0, 0, -1], "Answer 7 is -1"),
        ("pcl5", [5] + [0] * 19, "Answer 1 is 5; PCL-5's answers go from 0 to 4"),
        ("who5", [6, 0, 0, 0, 0], "Answer 1 is 6; WHO-5's answers go from 0 to 5"),
        ("who5", [True, 0, 0, 0, 0], "Answer 1 is True"),
        ("who5", [1.0, 0, 0, 0, 0], "Answer 1 is 1.0"),
    ],
)
def test_wrong_count_or_out_of_range_is_refused(instrument_id, answers, message) -> None:
    with pytest.raises(InvalidInput, match=message):
        assessments.score(assessments.instrument(instrument_id), answers)


def test_each_forms_difficulty_question_is_its_own_wording() -> None:
    """The PHQ-9 and GAD-7 forms word their last question differently; each is reproduced as printed."""
    assert assessments.instrument("phq9").difficulty.text == (
        "If you checked off any problems, how difficult have these problems made it for you to do your work, "
        "take care of things at home, or get along with other people?"
    )
    assert assessments.instrument("gad7").difficulty.text == (
        "If you checked off any problems, how difficult have these made it for you to do your work, "
        "take care of things at home, or get along with other people?"
    )
    assert [option.label for option in assessments.instrument("gad7").difficulty.options] == [
        "Not difficult at all",
        "Somewhat difficult",
        "Very difficult",
        "Extremely difficult",
    ]


def test_difficulty_is_unscored_and_checked() -> None:
    phq9 = assessments.instrument("phq9")
    plain = assessments.score(phq9, [1] * 8 + [0])
    with_difficulty = assessments.score(phq9, [1] * 8 + [0], difficulty=3)
    assert (with_difficulty.score, with_difficulty.difficulty) == (plain.score, 3)
    with pytest.raises(InvalidInput, match="difficulty answer goes from 0 to 3"):
        assessments.score(phq9, [1] * 8 + [0], difficulty=4)
    with pytest.raises(InvalidInput, match="PCL-5 has no difficulty question"):
        assessments.score(assessments.instrument("pcl5"), [0] * 20, difficulty=1)


def test_unknown_instrument_names_the_known_ones() -> None:
    with pytest.raises(InvalidInput, match="It knows: phq9, phq8, gad7, pcl5, who5"):
        assessments.instrument("cdrisc")


@pytest.mark.parametrize(("text", "answers"), [("1,2,0", [1, 2, 0]), (" 3 , 0,1 ", [3, 0, 1]), ("4", [4])])
def test_parse_answers(text, answers) -> None:
    assert assessments.parse_answers(text) == answers


@pytest.mark.parametrize(
    ("text", "message"),
    [("1,,2", "Answer 2 is blank"), ("1,two", "Answer 2 is two"), ("1,-1", "Answer 2 is -1"), ("1,٣", "Answer 2")],
)
def test_parse_answers_refuses_what_is_not_a_whole_number(text, message) -> None:
    with pytest.raises(InvalidInput, match=message):
        assessments.parse_answers(text)


def test_parse_answers_bounds_its_input() -> None:
    with pytest.raises(InvalidInput, match="longer than any form"):
        assessments.parse_answers("1," * 200)


def test_result_json_is_design_section_4() -> None:
    phq9 = assessments.score(assessments.instrument("phq9"), [1, 2, 1, 2, 1, 2, 1, 1, 1])
    assert assessments.result_json(phq9) == {
        "instrument": "phq9",
        "version": "1",
        "score": 12,
        "band": "moderate",
        "flags": ["item9"],
    }
    who5 = assessments.score(assessments.instrument("who5"), [3, 3, 3, 2, 2])
    assert assessments.result_json(who5) == {
        "instrument": "who5",
        "version": "1",
        "score": 13,
        "band": None,
        "flags": [],
        "percent": 52,
    }


@pytest.mark.parametrize(
    ("instrument_id", "earlier", "later", "meaningful", "response"),
    [
        ("pcl5", 50, 40, True, True),
        ("pcl5", 50, 45, False, True),
        ("pcl5", 50, 46, False, False),
        ("who5", 40, 52, True, None),
        ("who5", 40, 48, False, None),
        ("phq9", 20, 5, None, None),
    ],
)
def test_meaningful_change_is_content_mds(instrument_id, earlier, later, meaningful, response) -> None:
    moved = assessments.change(assessments.instrument(instrument_id), earlier, later)
    assert (moved.delta, moved.meaningful, moved.response) == (later - earlier, meaningful, response)


def test_change_words() -> None:
    pcl5 = assessments.instrument("pcl5")
    assert (
        assessments.change_words(pcl5, assessments.change(pcl5, 50, 38))
        == "12 lower than last time — a meaningful change (10 or more)"
    )
    assert assessments.change_words(pcl5, assessments.change(pcl5, 40, 46)) == (
        "6 higher than last time — a change of 5 or more"
    )
    who5 = assessments.instrument("who5")
    assert assessments.change_words(who5, assessments.change(who5, 40, 44)) == "4 points higher than last time"
    assert assessments.meaningful_words(who5) == "A change of 10 points or more counts as meaningful."
    assert assessments.meaningful_words(assessments.instrument("phq9")) is None


def test_every_result_text_says_a_score_is_not_a_diagnosis() -> None:
    assert assessments.not_a_diagnosis().startswith("A score is not a diagnosis")


# --- the content file is validated ---------------------------------------------------------------


def _bundled() -> dict:
    text = resources.files("copingkit.core.content").joinpath("assessments.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def test_the_bundled_file_validates() -> None:
    assert assessments.validate_assessments(_bundled()).meta.version == 1


def test_an_unknown_field_is_refused_with_the_instrument_named() -> None:
    data = copy.deepcopy(_bundled())
    data["instrument"][3]["severity_bands"] = []
    with pytest.raises(ContentError, match=r"assessments.toml: instrument pcl5, severity_bands: Extra inputs"):
        assessments.validate_assessments(data)


def test_overlapping_bands_are_refused() -> None:
    data = copy.deepcopy(_bundled())
    data["instrument"][0]["bands"][1]["low"] = 4
    with pytest.raises(ContentError, match="instrument phq9.*'minimal' and 'mild' overlap"):
        assessments.validate_assessments(data)


def test_a_band_past_the_top_score_is_refused() -> None:
    data = copy.deepcopy(_bundled())
    data["instrument"][2]["bands"][-1]["high"] = 22
    with pytest.raises(ContentError, match="instrument gad7.*past the highest possible value \\(21\\)"):
        assessments.validate_assessments(data)


def test_option_values_must_run_from_zero() -> None:
    data = copy.deepcopy(_bundled())
    data["instrument"][1]["options"][0]["value"] = 7
    with pytest.raises(ContentError, match="instrument phq8.*option values must be 0, 1, 2"):
        assessments.validate_assessments(data)


def test_a_repeated_instrument_is_refused() -> None:
    data = copy.deepcopy(_bundled())
    data["instrument"].append(data["instrument"][0])
    with pytest.raises(ContentError, match="instrument 'phq9' appears twice"):
        assessments.validate_assessments(data)
