"""A thought record: a journal entry of kind "thought_record" whose body is plain markdown.

Situation, automatic thought, emotions with how strong each is (0–100), evidence for, evidence
against, a balanced thought, and the same emotions rated again. The fields are written into the
entry's markdown body under fixed headings (DESIGN.md §3: a thought record is a kind of journal
entry), so the record is listed, searched (every word of every field), exported, imported and merged
exactly like any entry, and reads well in a markdown or HTML export. `parse` reads a body back into
its fields for the form; words it cannot place (text above the first heading, an emotion line
without a number) are kept, never dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, fields

from copingkit.core.errors import InvalidInput

KIND = "thought_record"
INTENSITY_MAX = 100
EMOTION_NAME_MAX = 40

HEADINGS: dict[str, str] = {
    "situation": "Situation",
    "automatic_thought": "Automatic thought",
    "emotions": "Emotions",
    "evidence_for": "Evidence for",
    "evidence_against": "Evidence against",
    "balanced_thought": "Balanced thought",
    "emotions_after": "Emotions re-rated",
}
"""Each field's heading in the body, in the order of the form."""

_BY_HEADING = {heading.casefold(): name for name, heading in HEADINGS.items()}
_HEADING = re.compile(r"^##[ \t]+(.+?)[ \t]*#*[ \t]*$")
_RATED = re.compile(r"^(?:(?P<name>.*?\D)\s*[:=]?)?\s*(?P<value>\d{1,4})\s*%?$")
_BULLET = re.compile(r"^\s*[-*+]\s+")


@dataclass(frozen=True)
class Feeling:
    """An emotion and how strong it is, 0–100 (None while it is not rated yet)."""

    name: str
    intensity: int | None = None

    def __str__(self) -> str:
        return self.name if self.intensity is None else f"{self.name} {self.intensity}"


@dataclass(frozen=True)
class ThoughtRecord:
    situation: str = ""
    automatic_thought: str = ""
    emotions: tuple[Feeling, ...] = ()
    evidence_for: str = ""
    evidence_against: str = ""
    balanced_thought: str = ""
    emotions_after: tuple[Feeling, ...] = ()
    other: str = ""
    """Words in the body that are under none of the headings (kept above them)."""

    @property
    def is_empty(self) -> bool:
        return not any(getattr(self, field.name) for field in fields(self))


def feelings(value: str | Iterable[Feeling | tuple[str, int | None]] | None) -> tuple[Feeling, ...]:
    """Emotions from what a person typed (`anxious 80, sad 40`, one per line or comma) or from pairs.

    A name without a number is kept unrated; a number outside 0–100 is refused with a word."""
    if value is None:
        return ()
    if isinstance(value, str):
        items: list[Feeling | tuple[str, int | None]] = []
        for part in re.split(r"[,;\n]", value):
            part = _BULLET.sub("", part).strip()
            if part:
                items.append(_read_feeling(part))
        value = items
    found: list[Feeling] = []
    for item in value:
        name, intensity = (item.name, item.intensity) if isinstance(item, Feeling) else item
        name = " ".join(str(name).split())
        if not name:
            raise InvalidInput("Each emotion needs a name, like “anxious 80”.")
        if len(name) > EMOTION_NAME_MAX:
            raise InvalidInput(f"An emotion's name can be at most {EMOTION_NAME_MAX} characters.")
        if intensity is not None and (
            isinstance(intensity, bool) or not isinstance(intensity, int) or not 0 <= intensity <= INTENSITY_MAX
        ):
            raise InvalidInput(f"Each emotion's strength is a number from 0 to {INTENSITY_MAX}.")
        found.append(Feeling(name, intensity))
    return tuple(found)


def _read_feeling(text: str) -> tuple[str, int | None]:
    match = _RATED.match(text)
    if match is None:
        return text, None
    if match.group("name") is None or not match.group("name").strip(" :="):
        raise InvalidInput(f"Which emotion is “{text}”? Write its name before the number, like “anxious 80”.")
    return match.group("name").strip(" :="), int(match.group("value"))


def feelings_text(items: Iterable[Feeling]) -> str:
    """The emotions as they are typed in the form: `anxious 80, sad 40`."""
    return ", ".join(str(item) for item in items)


def render(record: ThoughtRecord) -> str:
    """The entry's markdown body: each field that has words under its heading; empty fields left out."""
    parts: list[str] = []
    if record.other.strip():
        parts.append(record.other.strip())
    for name, heading in HEADINGS.items():
        value = getattr(record, name)
        if isinstance(value, tuple):
            text = "\n".join(
                f"- {item.name}" + ("" if item.intensity is None else f": {item.intensity}") for item in value
            )
        else:
            text = value.strip()
        if text:
            parts.append(f"## {heading}\n\n{text}")
    return "\n\n".join(parts) + ("\n" if parts else "")


def parse(body: str) -> ThoughtRecord:
    """The fields of a thought record's body (the inverse of `render`, and lenient with hand edits)."""
    sections: dict[str, list[str]] = {"other": []}
    current = "other"
    for line in body.splitlines():
        heading = _HEADING.match(line)
        name = _BY_HEADING.get(heading.group(1).casefold()) if heading else None
        if name is not None and name not in sections:
            current = name
            sections[current] = []
            continue
        sections[current].append(line)
    values: dict[str, object] = {}
    leftovers: list[str] = []
    for name, lines in sections.items():
        text = "\n".join(lines).strip()
        if name in ("emotions", "emotions_after"):
            try:
                values[name] = feelings(text)
            except InvalidInput:
                leftovers.append(f"## {HEADINGS[name]}\n\n{text}")
        else:
            values[name] = text
    if leftovers:
        values["other"] = "\n\n".join(filter(None, [str(values.get("other", "")), *leftovers]))
    return ThoughtRecord(**values)  # type: ignore[arg-type]


__all__ = ["HEADINGS", "KIND", "Feeling", "ThoughtRecord", "feelings", "feelings_text", "parse", "render"]
