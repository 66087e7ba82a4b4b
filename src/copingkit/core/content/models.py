"""The shape of each bundled content file, as pydantic models that are also the read models.

Each item in a file (a reaction, a strategy, a crisis line…) is validated by its model; a problem
becomes a :class:`ContentError` that names the file, the item and the field
("strategies.toml: strategy 'box-breathing': field 'minutes': must be a whole number (got 'five')").
Checks that need the whole file (duplicates, each reaction's strategies) live with the loaders.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, datetime
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

CONTACT_KINDS = frozenset({"call", "text", "chat", "email", "web"})
REQUIRED_LEARN_TOPICS = frozenset(
    {
        "trauma-reactions",
        "ptsd-symptoms",
        "peer-support",
        "finding-a-group",
        "crisis-lines",
        "professional-help",
        "data",
        "grounding",
        "sleep",
    }
)
LEARN_TOPICS = REQUIRED_LEARN_TOPICS | {"other"}
PROMPT_THEMES = frozenset(
    {
        "peer-support",
        "resilience",
        "trust",
        "shame",
        "self-compassion",
        "hope",
        "gratitude",
        "coping",
        "relationships",
        "body",
        "values",
        "trauma-processing",
    }
)
NEVER_WITH_A_CONTENT_NOTE = frozenset({"reminders-flashbacks", "anxiety-panic"})
"""Strategies with a content note are never offered during flashbacks or panic (CONTENT.md)."""
COUNTRY_ALIASES = {"UK": "GB"}

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_COUNTRY = re.compile(r"^(?:[A-Z]{2}|\*)$")


class ContentError(ValueError):
    """Bundled content is missing, malformed or inconsistent. The message names file, item and field."""


def _problem(kind: str, message: str, **context: Any) -> PydanticCustomError:
    return PydanticCustomError(kind, message, context)


def term(text: str) -> str:
    """How typed words are compared: lower case, hyphens, underscores and curly quotes as plain."""
    text = text.replace("\u2019", "'").replace("_", " ").replace("-", " ").casefold()
    return " ".join(text.split())


def _slug(value: str) -> str:
    if not _SLUG.match(value):
        raise _problem("slug", "must be kebab-case (a-z, 0-9, single hyphens) (got {got})", got=repr(value))
    return value


def _country(value: str) -> str:
    if not _COUNTRY.match(value):
        raise _problem("country", "must be an ISO 3166-1 alpha-2 code or '*' (got {got})", got=repr(value))
    if value in COUNTRY_ALIASES:
        raise _problem(
            "country", "{got} is not an ISO code; use {use}", got=repr(value), use=repr(COUNTRY_ALIASES[value])
        )
    return value


def _https_or_empty(value: str) -> str:
    if value and not value.startswith("https://"):
        raise _problem("https", "must be an https:// page (got {got})", got=repr(value))
    return value


def _https(value: str) -> str:
    if not value.startswith("https://"):
        raise _problem("https", "must be the service's https:// page (got {got})", got=repr(value))
    return value


def _toml_date(value: Any) -> Any:
    if isinstance(value, datetime) or not isinstance(value, date):
        raise _problem("toml_date", "must be a TOML date, like 2026-11-01 (got {got})", got=repr(value))
    return value


def _no_repeats(values: tuple[str, ...]) -> tuple[str, ...]:
    twice = sorted({value for value in values if values.count(value) > 1})
    if twice:
        raise _problem("repeated", "lists {twice} more than once", twice=", ".join(twice))
    return values


Text = Annotated[str, Strict(), StringConstraints(strip_whitespace=True, min_length=1)]
"""Non-empty text (surrounding spaces dropped)."""
OptionalText = Annotated[str, Strict(), StringConstraints(strip_whitespace=True)]
Slug = Annotated[Text, AfterValidator(_slug)]
WholeNumber = Annotated[int, Strict()]
Flag = Annotated[bool, Strict()]
CountryCode = Annotated[str, Strict(), AfterValidator(_country)]
Texts = tuple[Text, ...]


class ContentModel(BaseModel):
    """Frozen, no unknown fields, types as written in TOML (no "5" for 5, no "yes" for true)."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Reaction(ContentModel):
    id: Slug
    label: Text
    description: Text
    words: Annotated[Texts, Field(min_length=1), AfterValidator(lambda words: tuple(term(w) for w in words))] = ()
    """Plain words and synonyms people type for it ("panic", "nightmare", "on edge")."""
    order: Annotated[Texts, Field(min_length=1), AfterValidator(_no_repeats)] = ()
    """Strategy slugs in the reviewed order for someone new: settling skills first."""


class Strategy(ContentModel):
    slug: Slug
    title: Text
    steps: Annotated[Texts, Field(min_length=3, max_length=7)]
    minutes: Annotated[WholeNumber, Field(ge=1, le=120)]
    reactions: Annotated[Texts, Field(min_length=1), AfterValidator(_no_repeats)]
    approach: Text
    version: Annotated[WholeNumber, Field(ge=1)]
    content_note: Flag
    """Revisits what happened, weighs one's own part or faces something avoided: say so first."""
    ground_first: Flag
    """Offer a grounding skill before it."""
    when_calmer: Flag
    """Reflective, cognitive or approach work: offered after settling skills, marked "when you're calmer"."""

    @field_validator("reactions")
    @classmethod
    def _known_reactions(cls, value: tuple[str, ...], info: ValidationInfo) -> tuple[str, ...]:
        vocabulary = (info.context or {}).get("reactions")
        unknown = sorted(set(value) - set(vocabulary)) if vocabulary is not None else []
        if unknown:
            raise _problem(
                "reaction", "unknown reaction(s) {unknown} (not in reactions.toml)", unknown=", ".join(unknown)
            )
        return value

    @model_validator(mode="after")
    def _content_note_rules(self) -> Strategy:
        if self.content_note and not self.ground_first:
            raise _problem("content_note", "a strategy with a content note needs ground_first = true")
        if self.content_note and not self.when_calmer:
            raise _problem("content_note", "a strategy with a content note needs when_calmer = true")
        during = sorted(NEVER_WITH_A_CONTENT_NOTE & set(self.reactions))
        if self.content_note and during:
            raise _problem(
                "content_note", "a strategy with a content note is never offered for {during}", during=", ".join(during)
            )
        return self


class Prompt(ContentModel):
    id: Slug
    theme: Text
    text: Text
    content_note: Flag
    ground_first: Flag

    @field_validator("theme")
    @classmethod
    def _known_theme(cls, value: str) -> str:
        if value not in PROMPT_THEMES:
            raise _problem("theme", "unknown theme {got}", got=repr(value))
        return value

    @model_validator(mode="after")
    def _content_note_rules(self) -> Prompt:
        if self.theme == "trauma-processing" and not self.content_note:
            raise _problem("content_note", "trauma-processing prompts need content_note = true")
        if self.content_note and not self.ground_first:
            raise _problem("content_note", "a prompt with a content note needs ground_first = true")
        return self


class Source(ContentModel):
    name: Text
    url: Annotated[OptionalText, AfterValidator(_https_or_empty)] = ""

    @model_validator(mode="after")
    def _openable(self) -> Source:
        if not self.url and not self.name.startswith("In copingkit:"):
            raise _problem("source", 'needs a source a person can open: an https:// page, or "In copingkit: <where>"')
        return self


class LearnCard(ContentModel):
    id: Slug
    topic: Text
    title: Text
    body: Annotated[Texts, Field(min_length=1)]
    """Short paragraphs; an item starting with "- " is a bullet."""
    sources: Annotated[tuple[Source, ...], Field(min_length=1)]

    @field_validator("topic")
    @classmethod
    def _known_topic(cls, value: str) -> str:
        if value not in LEARN_TOPICS:
            raise _problem("topic", "unknown topic {got}", got=repr(value))
        return value


class ContactWay(ContentModel):
    kind: Literal["call", "text", "chat", "email", "web"]
    value: Text
    note: OptionalText = ""
    source: Annotated[OptionalText, AfterValidator(_https_or_empty)] = ""
    """Where this way of reaching the service is published; required for chat."""

    @model_validator(mode="after")
    def _chat_has_a_source(self) -> ContactWay:
        if self.kind == "chat" and not self.source:
            raise _problem("chat", "a chat channel needs the source that publishes it")
        return self


class CrisisLine(ContentModel):
    country: CountryCode
    service: Text
    ways: Annotated[tuple[ContactWay, ...], Field(min_length=1)]
    hours: Text
    source: Annotated[Text, AfterValidator(_https)]
    last_verified: Annotated[date, BeforeValidator(_toml_date)]


class Country(ContentModel):
    code: Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Z]{2}$")]
    name: Text
    other_names: Texts = ()


class EmergencyNumber(ContentModel):
    country: CountryCode
    number: str
    note: str = ""


def _digits(value: str) -> str:
    if not value.isdigit():
        raise _problem("digits", "must be digits (got {got})", got=repr(value))
    return value


def _per_country(value: tuple[str, ...]) -> tuple[str, ...]:
    if "*" in value:
        raise _problem("country", "emergency numbers are per country, not '*'")
    return value


class EmergencyEntry(ContentModel):
    """One [[emergency]] table: a number shared by several countries."""

    countries: Annotated[tuple[CountryCode, ...], Field(min_length=1), AfterValidator(_per_country)]
    number: Annotated[Text, AfterValidator(_digits)]
    note: OptionalText = ""

    def numbers(self) -> tuple[EmergencyNumber, ...]:
        return tuple(EmergencyNumber(country=code, number=self.number, note=self.note) for code in self.countries)


class StrategiesMeta(BaseModel):
    model_config = ConfigDict(frozen=True)
    notice: Text
    content_note_text: Text


class PromptsMeta(BaseModel):
    model_config = ConfigDict(frozen=True)
    content_note_text: Text


class LearnMeta(BaseModel):
    model_config = ConfigDict(frozen=True)
    notice: Text


class CrisisMeta(BaseModel):
    model_config = ConfigDict(frozen=True)
    emergency_sentence: Text
    responders_note: Text


# --- errors in words ---------------------------------------------------------------------------

_TYPE_WORDS = {
    "missing": "missing",
    "extra_forbidden": "unknown field",
    "int_type": "must be a whole number",
    "int_parsing": "must be a whole number",
    "int_from_float": "must be a whole number",
    "bool_type": "must be true or false",
    "bool_parsing": "must be true or false",
    "string_type": "must be text",
    "string_too_short": "is empty",
    "tuple_type": "must be a list",
    "list_type": "must be a list",
    "model_type": "must be a table",
    "model_attributes_type": "must be a table",
    "dict_type": "must be a table",
    "date_type": "must be a TOML date, like 2026-11-01",
}


def field_label(loc: tuple[int | str, ...]) -> str:
    """('ways', 1, 'kind') -> "ways[2].kind" (list positions counted from 1, as a person counts)."""
    out = ""
    for part in loc:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def error_words(error: Mapping[str, Any]) -> str:
    """One pydantic error as "field 'x': problem" (or only the problem when it is about the whole item)."""
    kind, ctx = error["type"], error.get("ctx") or {}
    got = error.get("input")
    if kind in _TYPE_WORDS:
        problem = _TYPE_WORDS[kind]
        if kind not in ("missing", "extra_forbidden", "string_too_short") and not isinstance(got, (Mapping, list)):
            problem += f" (got {got!r})"
    elif kind in ("greater_than_equal", "greater_than"):
        problem = f"must be at least {ctx.get('ge', ctx.get('gt'))} (got {got!r})"
    elif kind in ("less_than_equal", "less_than"):
        problem = f"must be at most {ctx.get('le', ctx.get('lt'))} (got {got!r})"
    elif kind == "too_short":
        problem = f"must have at least {ctx['min_length']} item(s) (has {ctx['actual_length']})"
    elif kind == "too_long":
        problem = f"must have at most {ctx['max_length']} items (has {ctx['actual_length']})"
    elif kind == "literal_error":
        problem = f"must be one of {ctx['expected']} (got {got!r})"
    elif kind == "string_pattern_mismatch":
        problem = f"doesn't have the expected form (got {got!r})"
    else:
        problem = error["msg"]
    label = field_label(tuple(error["loc"]))
    return f"field {label!r}: {problem}" if label else problem


def _all_words(error: ValidationError) -> str:
    """Every problem, except a list's "too short" when one of its items already failed (pydantic
    counts only the items that passed)."""
    errors = error.errors(include_url=False)
    inside = {tuple(e["loc"][:n]) for e in errors for n in range(len(e["loc"]))}
    kept = [e for e in errors if not (e["type"] == "too_short" and tuple(e["loc"]) in inside)]
    return "; ".join(error_words(e) for e in kept)


Model = TypeVar("Model", bound=BaseModel)


def item_name(kind: str, raw: Any, index: int, key: str) -> str:
    """How an item is named in an error: by its id (or service, slug…), else by its position."""
    name = raw.get(key) if isinstance(raw, Mapping) else None
    return f"{kind} {name!r}" if isinstance(name, str) and name.strip() else f"{kind} #{index + 1}"


def validate_item(
    model: type[Model],
    raw: Any,
    *,
    file: str,
    kind: str,
    index: int,
    key: str = "id",
    context: Mapping[str, Any] | None = None,
) -> Model:
    """Validate one table of a file; a problem names the file, the item and the field(s)."""
    try:
        return model.model_validate(raw, context=dict(context or {}))
    except ValidationError as error:
        raise ContentError(f"{file}: {item_name(kind, raw, index, key)}: {_all_words(error)}") from None


def validate_meta(model: type[Model], data: Mapping[str, Any], *, file: str) -> Model:
    """The [meta] table of a file."""
    meta = data.get("meta") if isinstance(data, Mapping) else None
    if not isinstance(meta, Mapping):
        raise ContentError(f"{file}: no [meta] table")
    try:
        return model.model_validate(meta)
    except ValidationError as error:
        raise ContentError(f"{file}: [meta]: {_all_words(error)}") from None
