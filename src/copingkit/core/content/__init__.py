"""Bundled content: reactions, coping strategies, prompts, learn cards, crisis lines, word list.

The words live in TOML and text files beside this module; this module reads them with
``importlib.resources`` (so it works from a wheel or a zip), checks them, and hands out frozen
dataclasses. Each ``validate_*`` function takes already-parsed data, so tests can feed it bad data
and see it refused. A problem raises :class:`ContentError` naming the file and the item.
"""

from __future__ import annotations

import math
import re
import secrets
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

__all__ = [
    "CONTACT_KINDS",
    "MIN_PASSPHRASE_WORDS",
    "MIN_STRATEGIES_PER_REACTION",
    "REQUIRED_LEARN_TOPICS",
    "STALE_AFTER_DAYS",
    "ContactWay",
    "ContentError",
    "Country",
    "CrisisLine",
    "EmergencyNumber",
    "LearnCard",
    "Prompt",
    "Reaction",
    "Source",
    "Strategy",
    "bundled_strategy",
    "care_notice",
    "curated_order",
    "content_note_text",
    "country_name",
    "crisis_data_age_days",
    "emergency_note",
    "emergency_number",
    "emergency_sentence",
    "generate_passphrase",
    "is_crisis_data_stale",
    "learn_notice",
    "load_countries",
    "load_crisis_lines",
    "load_emergency_numbers",
    "load_learn_cards",
    "load_prompts",
    "load_reactions",
    "load_strategies",
    "load_wordlist",
    "match_reaction",
    "reaction_suggestions",
    "reaction_terms",
    "passphrase_entropy_bits",
    "responders_note",
    "search_countries",
    "strategy_note_text",
    "validate_countries",
    "validate_crisis_lines",
    "validate_emergency_numbers",
    "validate_learn_cards",
    "validate_prompts",
    "validate_reactions",
    "validate_strategies",
    "validate_wordlist",
]

REACTIONS_FILE = "reactions.toml"
STRATEGIES_FILE = "strategies.toml"
PROMPTS_FILE = "prompts.toml"
LEARN_FILE = "learn.toml"
CRISIS_FILE = "crisis_lines.toml"
WORDLIST_FILE = "wordlist.txt"
COUNTRIES_FILE = "countries.tsv"

MIN_STRATEGIES_PER_REACTION = 4
"""Every reaction must offer at least this many strategies (the shipped set has five or more)."""

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
CONTACT_KINDS = frozenset({"call", "text", "chat", "email", "web"})
STALE_AFTER_DAYS = 365
MIN_PASSPHRASE_WORDS = 6
MIN_WORDLIST_SIZE = 2048

_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_COUNTRY = re.compile(r"^(?:[A-Z]{2}|\*)$")
_WORD = re.compile(r"^[a-z]{3,9}$")
_COUNTRY_ALIASES = {"UK": "GB"}


class ContentError(ValueError):
    """Bundled content is missing, malformed or inconsistent. The message names file and item."""


# --- read models -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Reaction:
    id: str
    label: str
    description: str
    words: tuple[str, ...] = ()
    """Plain words and synonyms people type for it ("panic", "nightmare", "on edge")."""
    order: tuple[str, ...] = ()
    """Strategy slugs in the reviewed order for someone new: settling skills first."""


@dataclass(frozen=True, slots=True)
class Strategy:
    slug: str
    title: str
    steps: tuple[str, ...]
    minutes: int
    reactions: tuple[str, ...]
    approach: str
    version: int
    content_note: bool = False
    """Revisits what happened, weighs one's own part or faces something avoided: say so first."""
    ground_first: bool = False
    """Offer a grounding skill before it."""
    when_calmer: bool = False
    """Reflective, cognitive or approach work: offered after settling skills, marked "when you're calmer"."""


NEVER_WITH_A_CONTENT_NOTE = frozenset({"reminders-flashbacks", "anxiety-panic"})
"""Strategies with a content note are never offered during flashbacks or panic (CONTENT.md)."""
WHEN_CALMER = "when you're calmer"


@dataclass(frozen=True, slots=True)
class Prompt:
    id: str
    theme: str
    text: str
    content_note: bool
    ground_first: bool


@dataclass(frozen=True, slots=True)
class Source:
    name: str
    url: str


@dataclass(frozen=True, slots=True)
class LearnCard:
    id: str
    topic: str
    title: str
    body: tuple[str, ...]
    """Short paragraphs; an item starting with "- " is a bullet."""
    sources: tuple[Source, ...]


@dataclass(frozen=True, slots=True)
class ContactWay:
    kind: str
    value: str
    note: str
    source: str = ""
    """Where this way of reaching the service is published; required for chat."""


@dataclass(frozen=True, slots=True)
class CrisisLine:
    country: str
    service: str
    ways: tuple[ContactWay, ...]
    hours: str
    source: str
    last_verified: date


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    other_names: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class EmergencyNumber:
    country: str
    number: str
    note: str


# --- field checks ------------------------------------------------------------------------------


class _Item:
    """Field access for one table in a file, with errors that say where the problem is."""

    def __init__(self, file: str, kind: str, raw: Any, index: int, key: str = "id") -> None:
        self.file = file
        if not isinstance(raw, Mapping):
            raise ContentError(f"{file}: {kind} #{index + 1} is not a table")
        self.raw = raw
        name = raw.get(key)
        self.where = f"{kind} {name!r}" if isinstance(name, str) and name else f"{kind} #{index + 1}"

    def fail(self, problem: str) -> ContentError:
        return ContentError(f"{self.file}: {self.where}: {problem}")

    def only(self, allowed: Iterable[str]) -> None:
        unknown = sorted(set(self.raw) - set(allowed))
        if unknown:
            raise self.fail(f"unknown field(s) {', '.join(unknown)}")

    def text(self, key: str, *, allow_empty: bool = False) -> str:
        value = self.raw.get(key)
        if value is None:
            raise self.fail(f"missing {key!r}")
        if not isinstance(value, str):
            raise self.fail(f"{key!r} must be text")
        if not allow_empty and not value.strip():
            raise self.fail(f"{key!r} is empty")
        return value.strip()

    def slug(self, key: str) -> str:
        value = self.text(key)
        if not _SLUG.match(value):
            raise self.fail(f"{key!r} must be kebab-case (a-z, 0-9, single hyphens), got {value!r}")
        return value

    def integer(self, key: str, *, minimum: int, maximum: int | None = None) -> int:
        value = self.raw.get(key)
        if value is None:
            raise self.fail(f"missing {key!r}")
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{key!r} must be a whole number")
        if value < minimum or (maximum is not None and value > maximum):
            top = "" if maximum is None else f" and at most {maximum}"
            raise self.fail(f"{key!r} must be at least {minimum}{top}, got {value}")
        return value

    def boolean(self, key: str) -> bool:
        value = self.raw.get(key)
        if value is None:
            raise self.fail(f"missing {key!r}")
        if not isinstance(value, bool):
            raise self.fail(f"{key!r} must be true or false")
        return value

    def texts(self, key: str, *, least: int, most: int | None = None) -> tuple[str, ...]:
        value = self.raw.get(key)
        if value is None:
            raise self.fail(f"missing {key!r}")
        if not isinstance(value, list):
            raise self.fail(f"{key!r} must be a list")
        if len(value) < least or (most is not None and len(value) > most):
            span = f"{least}-{most}" if most is not None else f"at least {least}"
            raise self.fail(f"{key!r} must have {span} items, has {len(value)}")
        out = []
        for n, item in enumerate(value, 1):
            if not isinstance(item, str) or not item.strip():
                raise self.fail(f"{key!r} item {n} must be non-empty text")
            out.append(item.strip())
        return tuple(out)

    def table_list(self, key: str, *, least: int) -> list[Any]:
        value = self.raw.get(key)
        if value is None:
            raise self.fail(f"missing {key!r}")
        if not isinstance(value, list) or len(value) < least:
            raise self.fail(f"{key!r} must be a list with at least {least} item(s)")
        return value


def _tables(data: Mapping[str, Any], key: str, file: str) -> list[Any]:
    if not isinstance(data, Mapping):
        raise ContentError(f"{file}: expected a TOML document")
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise ContentError(f"{file}: no [[{key}]] entries")
    return value


def _unique(items: Sequence[Any], attr: str, file: str, kind: str) -> None:
    seen: set[str] = set()
    for item in items:
        value = getattr(item, attr)
        if value in seen:
            raise ContentError(f"{file}: {kind} {value!r}: duplicate {attr}")
        seen.add(value)


def _meta_text(data: Mapping[str, Any], key: str, file: str) -> str:
    meta = data.get("meta")
    value = meta.get(key) if isinstance(meta, Mapping) else None
    if not isinstance(value, str) or not value.strip():
        raise ContentError(f"{file}: [meta] is missing {key!r}")
    return value.strip()


# --- validators (take parsed TOML, return read models) -----------------------------------------


def validate_reactions(data: Mapping[str, Any], *, file: str = REACTIONS_FILE) -> tuple[Reaction, ...]:
    out = []
    for i, raw in enumerate(_tables(data, "reaction", file)):
        item = _Item(file, "reaction", raw, i)
        item.only({"id", "label", "description", "words", "order"})
        words = item.texts("words", least=1) if "words" in item.raw else ()
        order = item.texts("order", least=1) if "order" in item.raw else ()
        if len(set(order)) != len(order):
            raise item.fail("a strategy is listed twice in 'order'")
        out.append(
            Reaction(
                item.slug("id"),
                item.text("label"),
                item.text("description"),
                tuple(_term(word) for word in words),
                order,
            )
        )
    _unique(out, "id", file, "reaction")
    owner: dict[str, str] = {}
    for reaction in out:
        for term in (_term(reaction.id), _term(reaction.label), *reaction.words):
            if owner.setdefault(term, reaction.id) != reaction.id:
                raise ContentError(f"{file}: reaction {reaction.id!r}: the word {term!r} also means {owner[term]!r}")
    return tuple(out)


def _term(text: str) -> str:
    """How typed words are compared: lower case, hyphens, underscores and curly quotes as plain."""
    text = text.replace("\u2019", "'").replace("_", " ").replace("-", " ").casefold()
    return " ".join(text.split())


def reaction_terms() -> dict[str, str]:
    """Every id, label and word (as `_term` reads them) -> the reaction it means."""
    terms: dict[str, str] = {}
    for reaction in load_reactions():
        for term in (_term(reaction.id), _term(reaction.label), *reaction.words):
            terms.setdefault(term, reaction.id)
    return terms


def match_reaction(typed: str) -> Reaction | None:
    """The reaction someone means by what they typed ("panic", "Nightmares sleep", "on-edge").

    The whole phrase first; otherwise a single word in it that names exactly one reaction
    ("feeling lonely"). None when nothing matches: offer the list and `reaction_suggestions`.
    """
    terms = reaction_terms()
    wanted = _term(typed)
    found = terms.get(wanted)
    if found is None:
        hits = {terms[word] for word in wanted.split() if word in terms}
        found = hits.pop() if len(hits) == 1 else None
    return next((reaction for reaction in load_reactions() if reaction.id == found), None)


def reaction_suggestions(typed: str, *, most: int = 3) -> tuple[Reaction, ...]:
    """Reactions whose words are close to what was typed (spelling slips: "anxeity", "nightmear")."""
    import difflib

    terms = reaction_terms()
    close = difflib.get_close_matches(_term(typed), list(terms), n=most * 3, cutoff=0.6)
    ids = list(dict.fromkeys(terms[term] for term in close))[:most]
    by_id = {reaction.id: reaction for reaction in load_reactions()}
    return tuple(by_id[reaction_id] for reaction_id in ids)


def validate_strategies(
    data: Mapping[str, Any],
    reactions: Iterable[Reaction | str],
    *,
    file: str = STRATEGIES_FILE,
    min_per_reaction: int = MIN_STRATEGIES_PER_REACTION,
) -> tuple[Strategy, ...]:
    reactions = tuple(reactions)
    vocabulary = {r if isinstance(r, str) else r.id for r in reactions}
    out = []
    for i, raw in enumerate(_tables(data, "strategy", file)):
        item = _Item(file, "strategy", raw, i, key="slug")
        item.only(
            {
                "slug",
                "title",
                "steps",
                "minutes",
                "reactions",
                "approach",
                "version",
                "content_note",
                "ground_first",
                "when_calmer",
            }
        )
        strategy_reactions = item.texts("reactions", least=1)
        unknown = sorted(set(strategy_reactions) - vocabulary)
        if unknown:
            raise item.fail(f"unknown reaction(s) {', '.join(unknown)} (not in {REACTIONS_FILE})")
        if len(set(strategy_reactions)) != len(strategy_reactions):
            raise item.fail("a reaction is listed twice")
        strategy = Strategy(
            slug=item.slug("slug"),
            title=item.text("title"),
            steps=item.texts("steps", least=3, most=7),
            minutes=item.integer("minutes", minimum=1, maximum=120),
            reactions=strategy_reactions,
            approach=item.text("approach"),
            version=item.integer("version", minimum=1),
            content_note=item.boolean("content_note"),
            ground_first=item.boolean("ground_first"),
            when_calmer=item.boolean("when_calmer"),
        )
        if strategy.content_note and not strategy.ground_first:
            raise item.fail("a strategy with a content note needs ground_first = true")
        if strategy.content_note and not strategy.when_calmer:
            raise item.fail("a strategy with a content note needs when_calmer = true")
        during = sorted(NEVER_WITH_A_CONTENT_NOTE & set(strategy.reactions))
        if strategy.content_note and during:
            raise item.fail(f"a strategy with a content note is never offered for {', '.join(during)}")
        out.append(strategy)
    _unique(out, "slug", file, "strategy")
    by_slug = {strategy.slug: strategy for strategy in out}
    for reaction in reactions:
        if isinstance(reaction, str) or not reaction.order:
            continue
        tagged = {strategy.slug for strategy in out if reaction.id in strategy.reactions}
        if set(reaction.order) != tagged:
            missing, extra = sorted(tagged - set(reaction.order)), sorted(set(reaction.order) - tagged)
            raise ContentError(
                f"{REACTIONS_FILE}: reaction {reaction.id!r}: 'order' must list exactly its strategies"
                f" (missing: {', '.join(missing) or '-'}; not tagged for it: {', '.join(extra) or '-'})"
            )
        calmer = [by_slug[slug].when_calmer for slug in reaction.order]
        if calmer != sorted(calmer):
            late = next(slug for slug, flag in zip(reaction.order, calmer, strict=True) if flag)
            raise ContentError(
                f"{REACTIONS_FILE}: reaction {reaction.id!r}: settling strategies come first; {late!r} is"
                " marked when_calmer but comes before one that is not"
            )
    for reaction in sorted(vocabulary):
        count = sum(reaction in s.reactions for s in out)
        if count < min_per_reaction:
            raise ContentError(
                f"{file}: reaction {reaction!r} has {count} strateg{'y' if count == 1 else 'ies'},"
                f" needs at least {min_per_reaction}"
            )
    return tuple(out)


def validate_prompts(data: Mapping[str, Any], *, file: str = PROMPTS_FILE) -> tuple[Prompt, ...]:
    out = []
    for i, raw in enumerate(_tables(data, "prompt", file)):
        item = _Item(file, "prompt", raw, i)
        item.only({"id", "theme", "text", "content_note", "ground_first"})
        theme = item.text("theme")
        if theme not in PROMPT_THEMES:
            raise item.fail(f"unknown theme {theme!r}")
        prompt = Prompt(
            id=item.slug("id"),
            theme=theme,
            text=item.text("text"),
            content_note=item.boolean("content_note"),
            ground_first=item.boolean("ground_first"),
        )
        if prompt.theme == "trauma-processing" and not prompt.content_note:
            raise item.fail("trauma-processing prompts need content_note = true")
        if prompt.content_note and not prompt.ground_first:
            raise item.fail("a prompt with a content note needs ground_first = true")
        out.append(prompt)
    _unique(out, "id", file, "prompt")
    return tuple(out)


def _source(item: _Item, raw: Any, n: int) -> Source:
    if not isinstance(raw, Mapping):
        raise item.fail(f"source {n} must be a table with name and url")
    unknown = sorted(set(raw) - {"name", "url"})
    if unknown:
        raise item.fail(f"source {n}: unknown field(s) {', '.join(unknown)}")
    name, url = raw.get("name"), raw.get("url", "")
    if not isinstance(name, str) or not name.strip():
        raise item.fail(f"source {n} needs a name")
    if not isinstance(url, str) or (url and not url.startswith("https://")):
        raise item.fail(f"source {n}: url must be empty or start with https://")
    if not url and not name.strip().startswith("In copingkit:"):
        raise item.fail(f'source {n}: a source a person can open: an https:// page, or "In copingkit: <where>"')
    return Source(name.strip(), url)


def validate_learn_cards(data: Mapping[str, Any], *, file: str = LEARN_FILE) -> tuple[LearnCard, ...]:
    out = []
    for i, raw in enumerate(_tables(data, "card", file)):
        item = _Item(file, "card", raw, i)
        item.only({"id", "topic", "title", "body", "sources"})
        topic = item.text("topic")
        if topic not in LEARN_TOPICS:
            raise item.fail(f"unknown topic {topic!r}")
        sources = tuple(_source(item, s, n) for n, s in enumerate(item.table_list("sources", least=1), 1))
        out.append(
            LearnCard(
                id=item.slug("id"),
                topic=topic,
                title=item.text("title"),
                body=item.texts("body", least=1),
                sources=sources,
            )
        )
    _unique(out, "id", file, "card")
    missing = sorted(REQUIRED_LEARN_TOPICS - {c.topic for c in out})
    if missing:
        raise ContentError(f"{file}: no card for required topic(s) {', '.join(missing)}")
    return tuple(out)


def _country(item: _Item, value: Any) -> str:
    if not isinstance(value, str) or not _COUNTRY.match(value):
        raise item.fail(f"country must be an ISO 3166-1 alpha-2 code or '*', got {value!r}")
    if value in _COUNTRY_ALIASES:
        raise item.fail(f"country {value!r} is not an ISO code; use {_COUNTRY_ALIASES[value]!r}")
    return value


def validate_crisis_lines(data: Mapping[str, Any], *, file: str = CRISIS_FILE) -> tuple[CrisisLine, ...]:
    out = []
    for i, raw in enumerate(_tables(data, "line", file)):
        item = _Item(file, "line", raw, i, key="service")
        item.only({"country", "service", "ways", "hours", "source", "last_verified"})
        ways = []
        for n, way in enumerate(item.table_list("ways", least=1), 1):
            if not isinstance(way, Mapping):
                raise item.fail(f"way {n} must be a table")
            unknown = sorted(set(way) - {"kind", "value", "note", "source"})
            if unknown:
                raise item.fail(f"way {n}: unknown field(s) {', '.join(unknown)}")
            kind, value, note = way.get("kind"), way.get("value"), way.get("note", "")
            way_source = way.get("source", "")
            if not isinstance(way_source, str) or (way_source and not way_source.startswith("https://")):
                raise item.fail(f"way {n}: source must be the https:// page that publishes it")
            if kind == "chat" and not way_source:
                raise item.fail(f"way {n}: a chat channel needs the source that publishes it")
            if kind not in CONTACT_KINDS:
                raise item.fail(f"way {n}: kind must be one of {', '.join(sorted(CONTACT_KINDS))}")
            if not isinstance(value, str) or not value.strip():
                raise item.fail(f"way {n} needs a value")
            if not isinstance(note, str):
                raise item.fail(f"way {n}: note must be text")
            ways.append(ContactWay(kind, value.strip(), note.strip(), way_source))
        source = item.text("source")
        if not source.startswith("https://"):
            raise item.fail("source must be the service's https:// page")
        verified = item.raw.get("last_verified")
        if verified is None:
            raise item.fail("missing 'last_verified'")
        if isinstance(verified, datetime) or not isinstance(verified, date):
            raise item.fail("last_verified must be a TOML date, like 2026-11-01")
        out.append(
            CrisisLine(
                country=_country(item, item.raw.get("country")),
                service=item.text("service"),
                ways=tuple(ways),
                hours=item.text("hours"),
                source=source,
                last_verified=verified,
            )
        )
    seen: set[tuple[str, str]] = set()
    for line in out:
        if (line.country, line.service) in seen:
            raise ContentError(f"{file}: line {line.service!r}: listed twice for {line.country}")
        seen.add((line.country, line.service))
    return tuple(out)


def validate_emergency_numbers(data: Mapping[str, Any], *, file: str = CRISIS_FILE) -> tuple[EmergencyNumber, ...]:
    out: list[EmergencyNumber] = []
    for i, raw in enumerate(_tables(data, "emergency", file)):
        item = _Item(file, "emergency", raw, i, key="number")
        item.only({"countries", "number", "note"})
        number = item.text("number")
        if not number.isdigit():
            raise item.fail(f"number must be digits, got {number!r}")
        note = item.text("note", allow_empty=True) if "note" in item.raw else ""
        for country in item.texts("countries", least=1):
            if country == "*":
                raise item.fail("emergency numbers are per country, not '*'")
            out.append(EmergencyNumber(_country(item, country), number, note))
    _unique(out, "country", file, "emergency number for")
    return tuple(out)


def validate_countries(text: str, *, file: str = COUNTRIES_FILE) -> tuple[Country, ...]:
    """Tab-separated: code, English name, optional other names (';'-separated). '#' starts a comment."""
    out = []
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        if len(fields) not in (2, 3) or not re.fullmatch(r"[A-Z]{2}", fields[0]) or not fields[1].strip():
            raise ContentError(f"{file}: line {n}: expected CODE<tab>Name[<tab>other;names], got {raw!r}")
        others = tuple(name.strip() for name in fields[2].split(";") if name.strip()) if len(fields) == 3 else ()
        out.append(Country(fields[0], fields[1].strip(), others))
    _unique(out, "code", file, "country")
    return tuple(out)


def validate_wordlist(words: Sequence[str], *, file: str = WORDLIST_FILE) -> tuple[str, ...]:
    seen: set[str] = set()
    for n, word in enumerate(words, 1):
        if not _WORD.match(word):
            raise ContentError(f"{file}: line {n}: {word!r} is not 3-9 lowercase letters a-z")
        if word in seen:
            raise ContentError(f"{file}: line {n}: {word!r} is a duplicate")
        seen.add(word)
    if len(seen) < MIN_WORDLIST_SIZE:
        raise ContentError(f"{file}: has {len(seen)} words, needs at least {MIN_WORDLIST_SIZE}")
    return tuple(words)


# --- loading -----------------------------------------------------------------------------------


def _read_text(name: str) -> str:
    try:
        return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as error:
        raise ContentError(f"{name}: missing from the copingkit package") from error


@cache
def _toml(name: str) -> Mapping[str, Any]:
    try:
        return tomllib.loads(_read_text(name))
    except tomllib.TOMLDecodeError as error:
        raise ContentError(f"{name}: not valid TOML: {error}") from error


@cache
def load_reactions() -> tuple[Reaction, ...]:
    return validate_reactions(_toml(REACTIONS_FILE))


@cache
def load_strategies() -> tuple[Strategy, ...]:
    return validate_strategies(_toml(STRATEGIES_FILE), load_reactions())


def curated_order(reaction: str | None) -> tuple[str, ...]:
    """Builtin strategy slugs in the reviewed order for someone new (no reaction: settling first)."""
    strategies = load_strategies()
    if reaction is None:
        return tuple(s.slug for s in sorted(strategies, key=lambda s: s.when_calmer))
    found = next((r for r in load_reactions() if r.id == reaction), None)
    return found.order if found is not None else ()


def bundled_strategy(slug: str) -> Strategy | None:
    """The builtin strategy with this slug (its content note, grounding and "when calmer" marks)."""
    return next((strategy for strategy in load_strategies() if strategy.slug == slug), None)


@cache
def load_prompts() -> tuple[Prompt, ...]:
    return validate_prompts(_toml(PROMPTS_FILE))


@cache
def load_learn_cards() -> tuple[LearnCard, ...]:
    return validate_learn_cards(_toml(LEARN_FILE))


@cache
def _all_crisis_lines() -> tuple[CrisisLine, ...]:
    return validate_crisis_lines(_toml(CRISIS_FILE))


@cache
def load_emergency_numbers() -> tuple[EmergencyNumber, ...]:
    return validate_emergency_numbers(_toml(CRISIS_FILE))


def care_notice() -> str:
    """'Not a substitute for professional care' wording to show beside strategies."""
    return _meta_text(_toml(STRATEGIES_FILE), "notice", STRATEGIES_FILE)


def strategy_note_text() -> str:
    """What the app says before a strategy that has a content note."""
    return _meta_text(_toml(STRATEGIES_FILE), "content_note_text", STRATEGIES_FILE)


def learn_notice() -> str:
    return _meta_text(_toml(LEARN_FILE), "notice", LEARN_FILE)


def content_note_text() -> str:
    """What the app says before a prompt that has a content note."""
    return _meta_text(_toml(PROMPTS_FILE), "content_note_text", PROMPTS_FILE)


def emergency_note() -> str:
    """The local-emergency sentence and the honest note about responders, together."""
    return f"{_meta_text(_toml(CRISIS_FILE), 'emergency_sentence', CRISIS_FILE)} {responders_note()}"


def emergency_sentence(number: EmergencyNumber | None = None) -> str:
    """The one sentence about calling for emergency help: with the number when we ship one."""
    if number is None:
        return _meta_text(_toml(CRISIS_FILE), "emergency_sentence", CRISIS_FILE)
    also = f" ({number.note.rstrip('.')})" if number.note else ""
    return f"If you or someone else is in immediate danger, call {number.number}{also}."


def responders_note() -> str:
    """Said honestly: responders may involve emergency services, rarely, when a life is at risk."""
    return _meta_text(_toml(CRISIS_FILE), "responders_note", CRISIS_FILE)


@cache
def load_countries() -> tuple[Country, ...]:
    return validate_countries(_read_text(COUNTRIES_FILE))


def country_name(code: str) -> str | None:
    """The English name for an ISO code ("UK" is read as "GB"), or None for a code we don't know."""
    wanted = _normalise_country(code)
    return next((country.name for country in load_countries() if country.code == wanted), None)


def _folded(text: str) -> str:
    import unicodedata

    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return " ".join(plain.casefold().replace("&", "and").split())


def search_countries(query: str) -> tuple[Country, ...]:
    """Countries whose code, name or other name matches ``query``: exact code first, then names
    that start with it, then names that contain it; an empty query gives every country by name."""
    everyone = sorted(load_countries(), key=lambda country: _folded(country.name))
    wanted = _folded(query)
    if not wanted:
        return tuple(everyone)
    ranked: list[tuple[int, Country]] = []
    for country in everyone:
        names = [_folded(name) for name in (country.name, *country.other_names)]
        if wanted.upper() == country.code or (wanted == "uk" and country.code == "GB"):
            ranked.append((0, country))
        elif any(name.startswith(wanted) for name in names):
            ranked.append((1, country))
        elif any(wanted in name for name in names):
            ranked.append((2, country))
    ranked.sort(key=lambda pair: pair[0])
    return tuple(country for _, country in ranked)


def _normalise_country(country: str) -> str:
    code = country.strip().upper()
    return _COUNTRY_ALIASES.get(code, code)


def load_crisis_lines(country: str | None = None) -> tuple[CrisisLine, ...]:
    """Lines for ``country`` (ISO code; "UK" is read as "GB"), then the ones that help anywhere.

    With no country, every line is returned, country lines first, so nobody is left without one.
    A person's own lines and contacts come before these; that ordering belongs to the service.
    """
    lines = _all_crisis_lines()
    anywhere = tuple(line for line in lines if line.country == "*")
    if country is None:
        return tuple(line for line in lines if line.country != "*") + anywhere
    code = _normalise_country(country)
    return tuple(line for line in lines if line.country == code) + anywhere


def emergency_number(country: str) -> EmergencyNumber | None:
    """The emergency number for a country, or None when we don't ship one for it."""
    code = _normalise_country(country)
    for entry in load_emergency_numbers():
        if entry.country == code:
            return entry
    return None


def crisis_data_age_days(today: date) -> int:
    """Days since the least recently verified crisis line was checked."""
    if isinstance(today, datetime):
        today = today.date()
    oldest = min(line.last_verified for line in _all_crisis_lines())
    return (today - oldest).days


def is_crisis_data_stale(today: date) -> bool:
    """True when some crisis line was last verified more than a year before ``today``."""
    return crisis_data_age_days(today) > STALE_AFTER_DAYS


@cache
def load_wordlist() -> tuple[str, ...]:
    return validate_wordlist(_read_text(WORDLIST_FILE).split())


def passphrase_entropy_bits(words: int = MIN_PASSPHRASE_WORDS) -> float:
    """Entropy of a generated passphrase: words × log2(size of the word list)."""
    return words * math.log2(len(load_wordlist()))


def generate_passphrase(words: int = MIN_PASSPHRASE_WORDS, *, separator: str = "-") -> str:
    """Random words from the list, chosen with ``secrets``. Never fewer than six."""
    if isinstance(words, bool) or not isinstance(words, int) or words < MIN_PASSPHRASE_WORDS:
        raise ValueError(f"a passphrase needs at least {MIN_PASSPHRASE_WORDS} words")
    wordlist = load_wordlist()
    return separator.join(secrets.choice(wordlist) for _ in range(words))
