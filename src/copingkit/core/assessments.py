"""Assessments: the instruments (PHQ-9, PHQ-8, GAD-7, PCL-5, WHO-5) and how they are scored.

The instruments are data: `content/assessments.toml`, checked on load by the pydantic models
below (an unknown field, a band outside the score range or two bands that overlap is refused
with the file and the instrument named). This module only reads that file and scores answers;
storing results and history is `copingkit.core.services.assessments`.

```python
phq9 = instrument("phq9")
scored = score(phq9, [1, 2, 1, 2, 1, 2, 1, 2, 0], difficulty=1)
scored.score, scored.band, scored.flags      # 12, "moderate", ()
result_json(scored)                          # DESIGN.md §4's document
```

Rules, all from CONTENT.md: each answer is one of the form's option values; the total is the sum;
a band is the range the total (WHO-5: the percentage, raw x 4) falls in, and there is none where
CONTENT.md gives none (PCL-5 always, WHO-5 above 50); flags are `item9` (PHQ-9 item 9 above
"not at all") and `pcl5_threshold` (PCL-5 at 33 or more). A form with a blank answer has no
score, no band and no percent, but keeps its answers and still raises `item9`. The difficulty
item is never scored. A score is not a diagnosis, and every result says so (`NOT_A_DIAGNOSIS`).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from copingkit.core.content import ContentError
from copingkit.core.errors import InvalidInput

ASSESSMENTS_FILE = "assessments.toml"
ITEM9 = "item9"
PCL5_THRESHOLD = "pcl5_threshold"
MAX_ANSWERS_TEXT = 200
"""The longest `--answers` text read (PCL-5's 20 answers need 39 characters)."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class OptionModel(_Strict):
    """One answer a person can give: the value scored and the form's own label."""

    value: int = Field(ge=0, le=9)
    label: str = Field(min_length=1)


class BandModel(_Strict):
    """A range (both ends included) and CONTENT.md's words for it, lower case."""

    low: int = Field(ge=0)
    high: int = Field(ge=0)
    words: str = Field(min_length=1, pattern=r"^[a-z][a-z -]*$")

    @model_validator(mode="after")
    def _ordered(self) -> BandModel:
        if self.high < self.low:
            raise ValueError(f"band {self.words!r} ends ({self.high}) before it starts ({self.low})")
        return self


class DifficultyModel(_Strict):
    """The form's unscored question about how much the problems get in the way."""

    text: str = Field(min_length=1)
    options: tuple[OptionModel, ...] = Field(min_length=2)


class ThresholdModel(_Strict):
    """A flag raised at `at` or more (on the same scale as the bands)."""

    at: int = Field(ge=0)
    flag: str = Field(pattern=r"^[a-z0-9_]+$")
    words: str = Field(min_length=1)


class InstrumentModel(_Strict):
    """One questionnaire, exactly as its published form (see the comments in the TOML file)."""

    id: str = Field(pattern=r"^[a-z0-9]+$")
    version: int = Field(ge=1)
    name: str = Field(min_length=1)
    title: str = Field(min_length=1)
    about: str = Field(min_length=1)
    period: str = Field(min_length=1)
    stem: str = Field(min_length=1)
    items: tuple[str, ...] = Field(min_length=1)
    options: tuple[OptionModel, ...] = Field(min_length=2)
    bands: tuple[BandModel, ...]
    band_on: Literal["score", "percent"] = "score"
    percent_factor: int | None = Field(default=None, ge=1)
    higher_means: str = Field(min_length=1)
    meaningful_change: int | None = Field(default=None, ge=1)
    response_change: int | None = Field(default=None, ge=1)
    threshold: ThresholdModel | None = None
    crisis_item: int | None = Field(default=None, ge=1)
    difficulty: DifficultyModel | None = None
    content_note: bool = False
    licence: str = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> InstrumentModel:
        values = sorted(option.value for option in self.options)
        if values != list(range(len(values))):
            raise ValueError("option values must be 0, 1, 2, ... each once")
        if self.difficulty is not None:
            difficulty = sorted(option.value for option in self.difficulty.options)
            if difficulty != list(range(len(difficulty))):
                raise ValueError("difficulty option values must be 0, 1, 2, ... each once")
        if self.band_on == "percent" and self.percent_factor is None:
            raise ValueError("bands on the percentage need percent_factor")
        if self.crisis_item is not None and self.crisis_item > len(self.items):
            raise ValueError(f"crisis_item {self.crisis_item} is not one of the {len(self.items)} items")
        top = self.band_top
        previous: BandModel | None = None
        for band in sorted(self.bands, key=lambda band: band.low):
            if band.high > top:
                raise ValueError(f"band {band.words!r} goes past the highest possible value ({top})")
            if previous is not None and band.low <= previous.high:
                raise ValueError(f"bands {previous.words!r} and {band.words!r} overlap")
            previous = band
        if self.threshold is not None and self.threshold.at > top:
            raise ValueError(f"threshold {self.threshold.at} is above the highest possible value ({top})")
        return self

    # -- derived ---------------------------------------------------------------------------

    @property
    def top_answer(self) -> int:
        """The highest value one answer can have (3 for PHQ-9, 4 for PCL-5, 5 for WHO-5)."""
        return max(option.value for option in self.options)

    @property
    def max_score(self) -> int:
        return self.top_answer * len(self.items)

    @property
    def band_top(self) -> int:
        """The highest value on the scale the bands use (the percentage's 100 for WHO-5)."""
        return self.max_score * (self.percent_factor or 1) if self.band_on == "percent" else self.max_score

    @property
    def has_percent(self) -> bool:
        return self.percent_factor is not None

    def option_label(self, value: int) -> str:
        return next(option.label for option in self.options if option.value == value)

    def difficulty_label(self, value: int) -> str:
        if self.difficulty is None:
            raise InvalidInput(f"{self.name} has no difficulty question.")
        return next(option.label for option in self.difficulty.options if option.value == value)

    @property
    def answer_range(self) -> str:
        return f"0 to {self.top_answer}"


Instrument = InstrumentModel
"""The read model for an instrument is its validated, frozen model."""


class MetaModel(_Strict):
    version: int = Field(ge=1)
    not_a_diagnosis: str = Field(min_length=1)
    crisis_text: str = Field(min_length=1)
    crisis_after: str = Field(min_length=1)
    partial_text: str = Field(min_length=1)
    content_note_text: str = Field(min_length=1)


class AssessmentsFileModel(_Strict):
    """The whole file: `[meta]` and one `[[instrument]]` table per questionnaire."""

    meta: MetaModel
    instrument: tuple[InstrumentModel, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique(self) -> AssessmentsFileModel:
        seen: set[str] = set()
        for item in self.instrument:
            if item.id in seen:
                raise ValueError(f"instrument {item.id!r} appears twice")
            seen.add(item.id)
        return self


def validate_assessments(data: Mapping[str, Any], *, file: str = ASSESSMENTS_FILE) -> AssessmentsFileModel:
    """The parsed TOML checked, or `ContentError` naming the file, the instrument and the field."""
    try:
        return AssessmentsFileModel.model_validate(data)
    except ValidationError as error:
        problems = []
        for problem in error.errors():
            where = _where(data, problem["loc"])
            problems.append(f"{where}: {problem['msg']}")
        raise ContentError(f"{file}: " + "; ".join(problems)) from error


def _where(data: Mapping[str, Any], loc: tuple[Any, ...]) -> str:
    """`instrument phq9, bands.2` rather than `instrument.0.bands.2`."""
    if len(loc) >= 2 and loc[0] == "instrument" and isinstance(loc[1], int):
        items = data.get("instrument")
        name = f"#{loc[1] + 1}"
        if isinstance(items, list) and loc[1] < len(items) and isinstance(items[loc[1]], Mapping):
            name = str(items[loc[1]].get("id", name))
        rest = ".".join(str(part) for part in loc[2:])
        return f"instrument {name}" + (f", {rest}" if rest else "")
    return ".".join(str(part) for part in loc) or "file"


@cache
def _file() -> AssessmentsFileModel:
    try:
        text = resources.files("copingkit.core.content").joinpath(ASSESSMENTS_FILE).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ContentError(f"{ASSESSMENTS_FILE}: missing from the copingkit package") from error
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{ASSESSMENTS_FILE}: not valid TOML: {error}") from error
    return validate_assessments(data)


def load_instruments() -> tuple[Instrument, ...]:
    """Every bundled instrument, in the file's order."""
    return _file().instrument


def instrument_ids() -> tuple[str, ...]:
    return tuple(item.id for item in load_instruments())


def instrument(instrument_id: Any) -> Instrument:
    """The instrument with this id, or `InvalidInput` naming the ones there are."""
    for item in load_instruments():
        if item.id == instrument_id:
            return item
    known = ", ".join(instrument_ids())
    raise InvalidInput(f"copingkit doesn't know an assessment called {str(instrument_id)[:40]!r}. It knows: {known}.")


def texts() -> MetaModel:
    """The file's own words: not a diagnosis, the item-9 crisis text, the partial-form note."""
    return _file().meta


def not_a_diagnosis() -> str:
    """Shown on every result, in the TUI and the CLI."""
    return texts().not_a_diagnosis


def crisis_text() -> str:
    """CONTENT.md's item-9 rule, in our words: shown before the total when item 9 is above 0."""
    return texts().crisis_text


# --- scoring ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Scored:
    """Answers scored. `score`, `band` and `percent` are None when an answer is blank."""

    instrument_id: str
    version: int
    answers: tuple[int | None, ...]
    difficulty: int | None
    score: int | None
    band: str | None
    percent: int | None
    flags: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return self.score is not None


def check_answers(form: Instrument, answers: Sequence[Any], *, allow_blank: bool = False) -> tuple[int | None, ...]:
    """The answers as a tuple, or `InvalidInput` saying what is wrong with the first bad one.

    The count must match the form. Each answer is a whole number from 0 to the form's top value;
    `None` (a blank) only with `allow_blank` (the TUI; the CLI needs every answer).
    """
    if isinstance(answers, (str, bytes)) or not isinstance(answers, Sequence):
        raise InvalidInput(f"{form.name} needs its answers as a list of numbers.")
    count = len(form.items)
    if len(answers) != count:
        given = "answer" if len(answers) == 1 else "answers"
        raise InvalidInput(f"{form.name} has {count} questions; {len(answers)} {given} given.")
    checked: list[int | None] = []
    for number, answer in enumerate(answers, start=1):
        if answer is None and allow_blank:
            checked.append(None)
            continue
        if isinstance(answer, bool) or not isinstance(answer, int) or not 0 <= answer <= form.top_answer:
            shown = "blank" if answer is None else str(answer)[:12]
            raise InvalidInput(f"Answer {number} is {shown}; {form.name}'s answers go from {form.answer_range}.")
        checked.append(answer)
    return tuple(checked)


def check_difficulty(form: Instrument, difficulty: Any) -> int | None:
    if difficulty is None:
        return None
    if form.difficulty is None:
        raise InvalidInput(f"{form.name} has no difficulty question.")
    top = max(option.value for option in form.difficulty.options)
    if isinstance(difficulty, bool) or not isinstance(difficulty, int) or not 0 <= difficulty <= top:
        raise InvalidInput(f"The difficulty answer goes from 0 to {top}.")
    return difficulty


def band_of(form: Instrument, value: int) -> str | None:
    """The band words for a value on the bands' scale, or None where CONTENT.md gives none."""
    for band in form.bands:
        if band.low <= value <= band.high:
            return band.words
    return None


def crisis_item_answered(form: Instrument, answers: Sequence[int | None]) -> bool:
    """PHQ-9 item 9 above "not at all": the crisis screen comes first."""
    if form.crisis_item is None or len(answers) < form.crisis_item:
        return False
    answer = answers[form.crisis_item - 1]
    return answer is not None and answer > 0


def score(form: Instrument, answers: Sequence[Any], *, difficulty: Any = None, allow_blank: bool = False) -> Scored:
    """Score a form (see the module's rules). Raises `InvalidInput` for a wrong count or value."""
    checked = check_answers(form, answers, allow_blank=allow_blank)
    checked_difficulty = check_difficulty(form, difficulty)
    total: int | None = None
    percent: int | None = None
    band: str | None = None
    if all(answer is not None for answer in checked):
        total = sum(answer for answer in checked if answer is not None)
        if form.percent_factor is not None:
            percent = total * form.percent_factor
        band = band_of(form, _on_band_scale(form, total))
    return Scored(
        instrument_id=form.id,
        version=form.version,
        answers=checked,
        difficulty=checked_difficulty,
        score=total,
        band=band,
        percent=percent,
        flags=flags_of(form, checked, total),
    )


def _on_band_scale(form: Instrument, total: int) -> int:
    return total * form.percent_factor if form.band_on == "percent" and form.percent_factor else total


def flags_of(form: Instrument, answers: Sequence[int | None], total: int | None) -> tuple[str, ...]:
    """`item9` when the crisis item is above 0 (even on a blank-left form); the threshold's flag
    (`pcl5_threshold`) when the total is at or above it."""
    flags = []
    if crisis_item_answered(form, answers):
        flags.append(ITEM9)
    if form.threshold is not None and total is not None and _on_band_scale(form, total) >= form.threshold.at:
        flags.append(form.threshold.flag)
    return tuple(flags)


def parse_answers(text: Any) -> list[int]:
    """`"1,2,0, 3"` -> [1, 2, 0, 3]; `InvalidInput` for anything that is not whole numbers."""
    if not isinstance(text, str):
        raise InvalidInput("Give the answers as numbers separated by commas, like 1,2,0.")
    if len(text) > MAX_ANSWERS_TEXT:
        raise InvalidInput(f"That list of answers is longer than any form ({MAX_ANSWERS_TEXT} characters at most).")
    parts = [part.strip() for part in text.split(",")]
    answers: list[int] = []
    for number, part in enumerate(parts, start=1):
        if not part.isascii() or not part.isdigit():
            shown = part[:12] if part else "blank"
            raise InvalidInput(f"Answer {number} is {shown}; each answer is a whole number, like 1,2,0.")
        answers.append(int(part))
    return answers


def result_json(scored: Scored) -> dict[str, Any]:
    """DESIGN.md §4's `assess --format json` document (without the row's id and uid).

    `{"instrument": "phq9", "version": "1", "score": 12, "band": "moderate", "flags": ["item9"]}`;
    WHO-5 adds `"percent"`.
    """
    document: dict[str, Any] = {
        "instrument": scored.instrument_id,
        "version": str(scored.version),
        "score": scored.score,
        "band": scored.band,
        "flags": list(scored.flags),
    }
    if instrument(scored.instrument_id).has_percent:
        document["percent"] = scored.percent
    return document


# --- change over time ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """From one result to a later one, on the bands' scale (WHO-5: percentage points).

    `meaningful` / `response` are None when CONTENT.md gives no such change for the instrument.
    """

    delta: int
    meaningful: bool | None
    response: bool | None

    @property
    def direction(self) -> str:
        return "higher" if self.delta > 0 else "lower" if self.delta < 0 else "the same"


def value_on_scale(form: Instrument, total: int | None, percent: int | None) -> int | None:
    """What trends compare: the percentage for WHO-5, the total otherwise."""
    return percent if form.has_percent else total


def change(form: Instrument, earlier: int, later: int) -> Change:
    delta = later - earlier
    meaningful = None if form.meaningful_change is None else abs(delta) >= form.meaningful_change
    response = None if form.response_change is None else abs(delta) >= form.response_change
    return Change(delta=delta, meaningful=meaningful, response=response)


def change_words(form: Instrument, moved: Change, *, since: str = "last time") -> str:
    """ "6 lower than last time — a meaningful change (10 or more)" — plain and never a verdict."""
    unit = " points" if form.has_percent else ""
    if moved.delta == 0:
        text = f"the same as {since}"
    else:
        text = f"{abs(moved.delta)}{unit} {moved.direction} than {since}"
    if moved.meaningful:
        return f"{text} — a meaningful change ({form.meaningful_change} or more)"
    if moved.response:
        return f"{text} — a change of {form.response_change} or more"
    return text


def meaningful_words(form: Instrument) -> str | None:
    """What counts as a meaningful change for this instrument, if CONTENT.md gives one."""
    if form.meaningful_change is None:
        return None
    unit = " points" if form.has_percent else ""
    text = f"A change of {form.meaningful_change}{unit} or more counts as meaningful"
    if form.response_change is not None:
        text += f"; {form.response_change} or more as a response"
    return text + "."


__all__ = [
    "ITEM9",
    "PCL5_THRESHOLD",
    "AssessmentsFileModel",
    "Change",
    "Instrument",
    "InstrumentModel",
    "Scored",
    "band_of",
    "change",
    "change_words",
    "check_answers",
    "check_difficulty",
    "crisis_item_answered",
    "crisis_text",
    "flags_of",
    "instrument",
    "instrument_ids",
    "load_instruments",
    "meaningful_words",
    "not_a_diagnosis",
    "parse_answers",
    "result_json",
    "score",
    "texts",
    "validate_assessments",
    "value_on_scale",
]
