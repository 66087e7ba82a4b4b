"""Homework packs and strategy cards: one hand-written TOML format (docs/packs.md), checked by
pydantic models.

A *pack* is what a therapist or a peer-group facilitator hands over: a title, who it is from, a
note, journal prompts, strategies to practise, questionnaires to repeat with a cadence, check-ins
asked for, and due dates. A *card* is one strategy a person passes to someone in their group
(`copingkit share-strategy`); importing it adds the strategy as "learned from my group".

`read_pack(text, file=...)` returns a `Pack` or raises `PackError`, whose message names the field
and, where it can be found in the file, its line. The file is only read: storing it is the
homework service's work (`copingkit.core.services.homework`).
"""

from __future__ import annotations

import re
import tomllib
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    ValidationError,
    model_validator,
)
from pydantic_core import PydanticCustomError

from copingkit.core.content.models import error_words, field_label
from copingkit.core.errors import InvalidInput

MAX_PACK_BYTES = 256 * 1024
"""A pack is a page or two of text; anything bigger is refused before it is parsed."""
MAX_ITEMS = 100
MAX_TEXT = 2000
INSTRUMENTS = ("phq9", "phq8", "gad7", "pcl5", "who5")
"""The questionnaires a pack may ask to repeat (their scoring lives in `copingkit.core.assessments`)."""
PACK_VERSION = 1

_EVERY = re.compile(r"^(?:(\d{1,3})\s+)?(day|days|week|weeks)$")


class PackError(InvalidInput):
    """A pack file that can't be used; the message names the field and, when found, the line."""


def _problem(kind: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, context)


def _a_date(value: Any) -> Any:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise _problem("pack_date", "must be a date like 2026-12-15, without quotes (got {got})", got=repr(value))
    return value


def _every(value: Any) -> int:
    """ "day", "week", "3 days", "2 weeks" -> days."""
    found = _EVERY.match(" ".join(value.lower().split())) if isinstance(value, str) else None
    count = int(found.group(1) or 1) if found else 0
    days = count * (7 if found and found.group(2).startswith("week") else 1)
    if not found or not 1 <= days <= 365:
        raise _problem(
            "cadence", 'must be like "day", "week", "3 days" or "2 weeks" (at most a year; got {got})', got=repr(value)
        )
    return days


def _strategy_slug(value: str) -> str:
    from copingkit.core import content

    if content.bundled_strategy(value) is None:
        raise _problem("strategy", "{got} isn't a strategy in copingkit's library", got=repr(value))
    return value


def _reaction(value: str) -> str:
    from copingkit.core import content

    if value not in {reaction.id for reaction in content.load_reactions()}:
        ids = ", ".join(reaction.id for reaction in content.load_reactions())
        raise _problem("reaction", "{got} isn't a reaction copingkit knows (one of: {ids})", got=repr(value), ids=ids)
    return value


Text = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT)]
OptionalText = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, max_length=MAX_TEXT)]
Due = Annotated[date | None, BeforeValidator(lambda value: value if value is None else _a_date(value))]
Every = Annotated[int, BeforeValidator(_every)]
"""A cadence as written ("2 weeks"), kept as days."""
TimesPerWeek = Annotated[int, Strict(), Field(ge=1, le=21)]
Items = Field(max_length=MAX_ITEMS)


class PackModel(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True)


class PackPrompt(PackModel):
    """Something to write about in the journal."""

    text: Text
    due: Due = None


class PackStrategy(PackModel):
    """A strategy to practise: one from copingkit's library (`practise`), or written out here."""

    practise: Annotated[str, Strict(), AfterValidator(_strategy_slug)] | None = None
    title: Annotated[Text, StringConstraints(max_length=120)] | None = None
    steps: Annotated[tuple[Text, ...], Field(min_length=1, max_length=12)] | None = None
    minutes: Annotated[int, Strict(), Field(ge=1, le=240)] | None = None
    reactions: tuple[Annotated[str, Strict(), AfterValidator(_reaction)], ...] = ()
    approach: OptionalText = ""
    times_per_week: TimesPerWeek | None = None
    every: Every | None = None
    due: Due = None

    @model_validator(mode="after")
    def _one_or_the_other(self) -> PackStrategy:
        if self.practise is not None and (self.title is not None or self.steps is not None):
            raise _problem("strategy", "give either practise (a library strategy) or title and steps, not both")
        if self.practise is None and (self.title is None or self.steps is None):
            raise _problem("strategy", "needs practise (a library strategy's id) or both title and steps")
        if self.times_per_week is not None and self.every is not None:
            raise _problem("cadence", "give times_per_week or every, not both")
        return self


class PackAssessment(PackModel):
    """A questionnaire to fill in, once or again and again (`every`)."""

    instrument: Literal["phq9", "phq8", "gad7", "pcl5", "who5"]
    every: Every | None = None
    due: Due = None


class PackCheckins(PackModel):
    """Check-ins asked for: how often."""

    times_per_week: TimesPerWeek | None = None
    every: Every | None = None
    due: Due = None

    @model_validator(mode="after")
    def _how_often(self) -> PackCheckins:
        if (self.times_per_week is None) == (self.every is None):
            raise _problem("cadence", "give times_per_week or every (one of them)")
        return self


class Pack(PackModel):
    kind: Literal["pack", "card"]
    version: Annotated[int, Strict(), Field(ge=PACK_VERSION, le=PACK_VERSION)] = PACK_VERSION
    title: Text
    from_: OptionalText = Field(default="", alias="from")
    note: OptionalText = ""
    due: Due = None
    prompts: Annotated[tuple[PackPrompt, ...], Items] = ()
    strategies: Annotated[tuple[PackStrategy, ...], Items] = ()
    assessments: Annotated[tuple[PackAssessment, ...], Items] = ()
    checkins: PackCheckins | None = None

    @model_validator(mode="after")
    def _kind_rules(self) -> Pack:
        if self.kind == "card":
            if len(self.strategies) != 1 or self.prompts or self.assessments or self.checkins is not None:
                raise _problem("card", "a card holds exactly one [[strategies]] and nothing else")
            if self.strategies[0].practise is not None:
                raise _problem("card", "a card's strategy is written out (title and steps), not practise")
        elif not (self.prompts or self.strategies or self.assessments or self.checkins is not None):
            raise _problem("pack", "a pack needs at least one prompt, strategy, assessment or check-ins")
        return self

    @property
    def item_count(self) -> int:
        return len(self.prompts) + len(self.strategies) + len(self.assessments) + (self.checkins is not None)


# --- lines in the file -------------------------------------------------------------------------

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_-]+)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_-]+|\"[^\"]*\")\s*=")


def find_line(text: str, loc: tuple[int | str, ...]) -> int | None:
    """The line (from 1) where the field at `loc` is written, or its table's header when the field
    is missing; None when it can't be told (pydantic's loc: ('strategies', 1, 'minutes'))."""
    where: tuple[int | str, ...] = ()
    counts: dict[str, int] = {}
    header_line: dict[tuple[int | str, ...], int] = {(): 1}
    key_line: dict[tuple[int | str, ...], int] = {}
    for number, line in enumerate(text.splitlines(), 1):
        header = _HEADER.match(line)
        if header:
            name = header.group(2)
            if header.group(1) == "[[":
                index = counts.get(name, 0)
                counts[name] = index + 1
                where = (name, index)
            else:
                where = (name,)
            header_line.setdefault(where, number)
            continue
        key = _KEY.match(line)
        if key:
            key_line.setdefault((*where, key.group(1).strip('"')), number)
    for size in range(len(loc), 0, -1):
        prefix = tuple(loc[:size])
        if prefix in key_line:
            return key_line[prefix]
        if prefix in header_line:
            return header_line[prefix]
    return None


_TOML_AT = re.compile(r"(?P<what>.*) \(at line (?P<line>\d+), column (?P<column>\d+)\)", re.DOTALL)
"""tomllib's "Invalid date or datetime (at line 3, column 7)", so the line leads as in every other error."""


def read_pack_file(path: Path) -> Pack:
    """The pack in the file at `path`, read no further than a pack can be (so /dev/zero stops too);
    a `PackError` naming the file, field and line when it can't be used. OSError when it can't be read."""
    with path.open("rb") as handle:
        data = handle.read(MAX_PACK_BYTES + 1)
    if len(data) > MAX_PACK_BYTES:
        raise PackError(
            f"{path.name}: larger than a pack can be ({MAX_PACK_BYTES // 1024} KiB at most); nothing was added."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        raise PackError(f"{path.name} isn't valid text (UTF-8), so it is not a pack; nothing was added.") from None
    return read_pack(text, file=path.name)


def read_pack(text: str, *, file: str = "pack") -> Pack:
    """The pack in `text`; a `PackError` naming the field and line when it can't be used."""
    if len(text.encode("utf-8", "surrogatepass")) > MAX_PACK_BYTES:
        raise PackError(f"{file}: larger than a pack can be ({MAX_PACK_BYTES // 1024} KiB at most).")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        said = _TOML_AT.fullmatch(str(error))
        if said is None:
            raise PackError(f"{file}: not valid TOML: {error}.") from None
        raise PackError(
            f"{file}, line {said['line']}: not valid TOML: {said['what']} (column {said['column']})."
        ) from None
    try:
        return Pack.model_validate(raw)
    except ValidationError as error:
        problems = []
        for item in error.errors(include_url=False):
            loc = tuple("from" if part == "from_" else part for part in item["loc"])
            line = find_line(text, loc)
            where = f"{file}, line {line}" if line is not None else file
            problems.append(f"{where}: {error_words({**item, 'loc': loc})}")
        raise PackError("\n".join(problems)) from None


def cadence_words(every_days: int | None, times_per_week: int | None) -> str:
    """How often, in words: "every day", "every 2 weeks", "3 times a week", "once"."""
    if times_per_week:
        return "once a week" if times_per_week == 1 else f"{times_per_week} times a week"
    if not every_days:
        return "once"
    if every_days == 1:
        return "every day"
    if every_days % 7 == 0:
        weeks = every_days // 7
        return "every week" if weeks == 1 else f"every {weeks} weeks"
    return f"every {every_days} days"


__all__ = [
    "INSTRUMENTS",
    "MAX_PACK_BYTES",
    "Pack",
    "PackAssessment",
    "PackCheckins",
    "PackError",
    "PackPrompt",
    "PackStrategy",
    "cadence_words",
    "field_label",
    "find_line",
    "read_pack",
]
