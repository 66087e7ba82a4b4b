"""Bundled content: reactions, coping strategies, prompts, learn cards, crisis lines, word list.

The words live in TOML and text files beside this module; this module reads them with
``importlib.resources`` (so it works from a wheel or a zip). Each item is checked by its pydantic
model in ``models.py`` (which is also the frozen read model handed out); the checks that need a
whole file (duplicates, each reaction's strategies and order) are here. Each ``validate_*``
function takes already-parsed data, so tests can feed it bad data and see it refused. A problem
raises :class:`ContentError` naming the file, the item and the field.
"""

from __future__ import annotations

import math
import re
import secrets
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, datetime
from functools import cache
from importlib import resources
from typing import Any

from copingkit.core.content.models import (
    CONTACT_KINDS,
    COUNTRY_ALIASES,
    REQUIRED_LEARN_TOPICS,
    ContactWay,
    ContentError,
    Country,
    CrisisLine,
    CrisisMeta,
    EmergencyEntry,
    EmergencyNumber,
    LearnCard,
    LearnMeta,
    Model,
    Prompt,
    PromptsMeta,
    Reaction,
    Source,
    StrategiesMeta,
    Strategy,
    term,
    validate_item,
    validate_meta,
)

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
STALE_AFTER_DAYS = 365
MIN_PASSPHRASE_WORDS = 6
MIN_WORDLIST_SIZE = 2048
WHEN_CALMER = "when you're calmer"

_WORD = re.compile(r"^[a-z]{3,9}$")


# --- whole-file checks (each item is checked by its model in models.py) ------------------------


def _tables(data: Mapping[str, Any], key: str, file: str) -> list[Any]:
    if not isinstance(data, Mapping):
        raise ContentError(f"{file}: expected a TOML document")
    value = data.get(key)
    if not isinstance(value, list) or not value:
        raise ContentError(f"{file}: no [[{key}]] entries")
    return value


def _items(
    model: type[Model],
    data: Mapping[str, Any],
    *,
    table: str,
    file: str,
    kind: str,
    key: str = "id",
    context: Mapping[str, Any] | None = None,
) -> tuple[Model, ...]:
    raws = _tables(data, table, file)
    return tuple(
        validate_item(model, raw, file=file, kind=kind, index=i, key=key, context=context) for i, raw in enumerate(raws)
    )


def _unique(items: Sequence[Any], attr: str, file: str, kind: str) -> None:
    seen: set[str] = set()
    for item in items:
        value = getattr(item, attr)
        if value in seen:
            raise ContentError(f"{file}: {kind} {value!r}: field {attr!r}: duplicate {attr}")
        seen.add(value)


# --- validators (take parsed TOML, return read models) -----------------------------------------


def validate_reactions(data: Mapping[str, Any], *, file: str = REACTIONS_FILE) -> tuple[Reaction, ...]:
    out = _items(Reaction, data, table="reaction", file=file, kind="reaction")
    _unique(out, "id", file, "reaction")
    owner: dict[str, str] = {}
    for reaction in out:
        for word in (term(reaction.id), term(reaction.label), *reaction.words):
            if owner.setdefault(word, reaction.id) != reaction.id:
                raise ContentError(
                    f"{file}: reaction {reaction.id!r}: field 'words': the word {word!r} also means {owner[word]!r}"
                )
    return out


def validate_strategies(
    data: Mapping[str, Any],
    reactions: Iterable[Reaction | str],
    *,
    file: str = STRATEGIES_FILE,
    min_per_reaction: int = MIN_STRATEGIES_PER_REACTION,
) -> tuple[Strategy, ...]:
    reactions = tuple(reactions)
    vocabulary = {r if isinstance(r, str) else r.id for r in reactions}
    out = _items(
        Strategy, data, table="strategy", file=file, kind="strategy", key="slug", context={"reactions": vocabulary}
    )
    _unique(out, "slug", file, "strategy")
    by_slug = {strategy.slug: strategy for strategy in out}
    for reaction in reactions:
        if isinstance(reaction, str) or not reaction.order:
            continue
        tagged = {strategy.slug for strategy in out if reaction.id in strategy.reactions}
        if set(reaction.order) != tagged:
            missing, extra = sorted(tagged - set(reaction.order)), sorted(set(reaction.order) - tagged)
            raise ContentError(
                f"{REACTIONS_FILE}: reaction {reaction.id!r}: field 'order': must list exactly its strategies"
                f" (missing: {', '.join(missing) or '-'}; not tagged for it: {', '.join(extra) or '-'})"
            )
        calmer = [by_slug[slug].when_calmer for slug in reaction.order]
        if calmer != sorted(calmer):
            late = next(slug for slug, flag in zip(reaction.order, calmer, strict=True) if flag)
            raise ContentError(
                f"{REACTIONS_FILE}: reaction {reaction.id!r}: field 'order': settling strategies come first; {late!r}"
                " is marked when_calmer but comes before one that is not"
            )
    for reaction in sorted(vocabulary):
        count = sum(reaction in s.reactions for s in out)
        if count < min_per_reaction:
            raise ContentError(
                f"{file}: reaction {reaction!r} has {count} strateg{'y' if count == 1 else 'ies'},"
                f" needs at least {min_per_reaction}"
            )
    return out


def validate_prompts(data: Mapping[str, Any], *, file: str = PROMPTS_FILE) -> tuple[Prompt, ...]:
    out = _items(Prompt, data, table="prompt", file=file, kind="prompt")
    _unique(out, "id", file, "prompt")
    return out


def validate_learn_cards(data: Mapping[str, Any], *, file: str = LEARN_FILE) -> tuple[LearnCard, ...]:
    out = _items(LearnCard, data, table="card", file=file, kind="card")
    _unique(out, "id", file, "card")
    missing = sorted(REQUIRED_LEARN_TOPICS - {c.topic for c in out})
    if missing:
        raise ContentError(f"{file}: no card for required topic(s) {', '.join(missing)}")
    return out


def validate_crisis_lines(data: Mapping[str, Any], *, file: str = CRISIS_FILE) -> tuple[CrisisLine, ...]:
    out = _items(CrisisLine, data, table="line", file=file, kind="line", key="service")
    seen: set[tuple[str, str]] = set()
    for line in out:
        if (line.country, line.service) in seen:
            raise ContentError(f"{file}: line {line.service!r}: field 'service': listed twice for {line.country}")
        seen.add((line.country, line.service))
    return out


def validate_emergency_numbers(data: Mapping[str, Any], *, file: str = CRISIS_FILE) -> tuple[EmergencyNumber, ...]:
    entries = _items(EmergencyEntry, data, table="emergency", file=file, kind="emergency", key="number")
    out = tuple(number for entry in entries for number in entry.numbers())
    seen: set[str] = set()
    for number in out:
        if number.country in seen:
            raise ContentError(
                f"{file}: emergency {number.number!r}: field 'countries': duplicate country {number.country}"
            )
        seen.add(number.country)
    return out


def validate_countries(text: str, *, file: str = COUNTRIES_FILE) -> tuple[Country, ...]:
    """Tab-separated: code, English name, optional other names (';'-separated). '#' starts a comment."""
    out = []
    for n, raw in enumerate(text.splitlines(), 1):
        if not raw.strip() or raw.startswith("#"):
            continue
        fields = raw.split("\t")
        if len(fields) not in (2, 3):
            raise ContentError(f"{file}: line {n}: expected CODE<tab>Name[<tab>other;names], got {raw!r}")
        others = [name for name in fields[2].split(";") if name.strip()] if len(fields) == 3 else []
        row = {"code": fields[0], "name": fields[1], "other_names": others}
        out.append(validate_item(Country, row, file=file, kind="line", index=n - 1, key="none"))
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


# --- words people type -------------------------------------------------------------------------


def reaction_terms() -> dict[str, str]:
    """Every id, label and word (as `_term` reads them) -> the reaction it means."""
    terms: dict[str, str] = {}
    for reaction in load_reactions():
        for word in (term(reaction.id), term(reaction.label), *reaction.words):
            terms.setdefault(word, reaction.id)
    return terms


def match_reaction(typed: str) -> Reaction | None:
    """The reaction someone means by what they typed ("panic", "Nightmares sleep", "on-edge").

    The whole phrase first; otherwise a single word in it that names exactly one reaction
    ("feeling lonely"). None when nothing matches: offer the list and `reaction_suggestions`.
    """
    terms = reaction_terms()
    wanted = term(typed)
    found = terms.get(wanted)
    if found is None:
        hits = {terms[word] for word in wanted.split() if word in terms}
        found = hits.pop() if len(hits) == 1 else None
    return next((reaction for reaction in load_reactions() if reaction.id == found), None)


def reaction_suggestions(typed: str, *, most: int = 3) -> tuple[Reaction, ...]:
    """Reactions whose words are close to what was typed (spelling slips: "anxeity", "nightmear")."""
    import difflib

    terms = reaction_terms()
    close = difflib.get_close_matches(term(typed), list(terms), n=most * 3, cutoff=0.6)
    ids = list(dict.fromkeys(terms[term] for term in close))[:most]
    by_id = {reaction.id: reaction for reaction in load_reactions()}
    return tuple(by_id[reaction_id] for reaction_id in ids)


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


@cache
def _strategies_meta() -> StrategiesMeta:
    return validate_meta(StrategiesMeta, _toml(STRATEGIES_FILE), file=STRATEGIES_FILE)


@cache
def _crisis_meta() -> CrisisMeta:
    return validate_meta(CrisisMeta, _toml(CRISIS_FILE), file=CRISIS_FILE)


def care_notice() -> str:
    """'Not a substitute for professional care' wording to show beside strategies."""
    return _strategies_meta().notice


def strategy_note_text() -> str:
    """What the app says before a strategy that has a content note."""
    return _strategies_meta().content_note_text


def learn_notice() -> str:
    return validate_meta(LearnMeta, _toml(LEARN_FILE), file=LEARN_FILE).notice


def content_note_text() -> str:
    """What the app says before a prompt that has a content note."""
    return validate_meta(PromptsMeta, _toml(PROMPTS_FILE), file=PROMPTS_FILE).content_note_text


def emergency_note() -> str:
    """The local-emergency sentence and the honest note about responders, together."""
    return f"{_crisis_meta().emergency_sentence} {responders_note()}"


def emergency_sentence(number: EmergencyNumber | None = None) -> str:
    """The one sentence about calling for emergency help: with the number when we ship one."""
    if number is None:
        return _crisis_meta().emergency_sentence
    also = f" ({number.note.rstrip('.')})" if number.note else ""
    return f"If you or someone else is in immediate danger, call {number.number}{also}."


def responders_note() -> str:
    """Said honestly: responders may involve emergency services, rarely, when a life is at risk."""
    return _crisis_meta().responders_note


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
    return COUNTRY_ALIASES.get(code, code)


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
