"""Get help, put together once: the country it is for, the person's own people, the bundled lines,
the emergency number, the "this data is old" notice and the safety plan.

`build_help` makes one read model (`HelpView`); `help_sections` turns it into headed blocks of
plain text that the CLI (`help-now`), the Get help screen and the printable plan all render, so
the words live only here. The country is never guessed from a C, C.UTF-8, POSIX or unset locale:
that is "unknown", and unknown means the international directory, one sentence about the local
emergency number, and how to set the country.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Literal, Protocol

from copingkit.core import content

if TYPE_CHECKING:
    from copingkit.core.services.readmodels import SafetyPlan, SupportContact

Surface = Literal["cli", "app", "print"]
CountrySource = Literal["settings", "option", "locale", "unknown"]

LEAD = "You don't have to go through this alone. Reaching out is a strong thing to do."
NOTHING_SENT = "copingkit doesn't call or send anything: use your phone or another device to reach them."
STALE = (
    "These numbers were last checked more than a year ago. If one doesn't work, "
    "findahelpline.com lists current lines for every country."
)
UNKNOWN_COUNTRY = "copingkit doesn't know which country you are in, so it shows the international directory."
SETTINGS_WHERE: Mapping[str, str] = {
    "cli": "open `copingkit` and press , (Settings)",
    "app": "Settings (press , once your journal is open)",
    "print": "Settings in copingkit, then print the plan again",
}
WAY_WORDS = {"call": "Call", "text": "Text", "chat": "Chat", "email": "Email", "web": "Web"}
CORRECTED = "your correction"
"""Shown, in brackets, beside a way of reaching a line that the person corrected in Settings."""

_NOT_A_LOCALE = frozenset({"", "C", "POSIX"})


@dataclass(frozen=True, slots=True)
class CountryChoice:
    """Which country help is shown for, and why. `code` is "" when unknown."""

    code: str
    source: CountrySource
    problem: str = ""
    """A calm line when what was asked for isn't a country copingkit knows."""

    @property
    def known(self) -> bool:
        return bool(self.code)

    @property
    def name(self) -> str:
        return (content.country_name(self.code) or self.code) if self.code else ""


def locale_country(environ: Mapping[str, str] | None = None) -> str:
    """The country part of the locale the person set (LC_ALL, then LC_MESSAGES, then LANG).

    C, C.UTF-8, POSIX and unset give "" (Python itself reads C.UTF-8 as en_US, so it is never asked).
    """
    environ = os.environ if environ is None else environ
    value = next((environ.get(name, "") for name in ("LC_ALL", "LC_MESSAGES", "LANG") if environ.get(name)), "")
    base = value.split(".", 1)[0].split("@", 1)[0]
    if base in _NOT_A_LOCALE or "_" not in base:
        return ""
    code = base.split("_", 1)[1].upper()
    if len(code) != 2 or not code.isalpha() or content.country_name(code) is None:
        return ""
    return code


def choose_country(
    setting: str = "", *, asked: str | None = None, environ: Mapping[str, str] | None = None
) -> CountryChoice:
    """`asked` (a --country) wins, then the setting, then a labelled guess from the locale."""
    for raw, source in ((asked, "option"), (setting, "settings")):
        if not raw or not raw.strip():
            continue
        code = raw.strip().upper()
        code = "GB" if code == "UK" else code
        if len(code) == 2 and content.country_name(code) is not None:
            return CountryChoice(code, source)  # type: ignore[arg-type]
        return CountryChoice("", "unknown", problem=f"{_shown(raw)} isn't a country code copingkit knows.")
    guessed = locale_country(environ)
    return CountryChoice(guessed, "locale") if guessed else CountryChoice("", "unknown")


def _shown(raw: str) -> str:
    """What the person typed, when it is short printable text; otherwise "That"."""
    text = raw.strip()
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return "That"
    return text if text.isprintable() and len(text) <= 12 else "That"


@dataclass(frozen=True, slots=True)
class HelpView:
    """Everything Get help shows, in one place. `private` says contacts and plan came from the journal."""

    country: CountryChoice
    lines: tuple[content.CrisisLine, ...]
    anywhere: tuple[content.CrisisLine, ...]
    emergency: content.EmergencyNumber | None
    stale: bool
    contacts: tuple[SupportContact, ...] = ()
    plan: SafetyPlan | None = None
    private: bool = False
    has_journal: bool = False
    hidden: tuple[str, ...] = ()
    """Services of bundled lines the person hid (Settings), named so they can bring them back."""
    corrected: tuple[tuple[str, str], ...] = ()
    """(service, kind) of each way shown that is the person's correction, not the bundled value."""


class Correction(Protocol):
    """A person's correction to a bundled line (`copingkit.config.LineCorrection`)."""

    @property
    def service(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def value(self) -> str: ...


def _service_key(name: str) -> str:
    return " ".join(name.split()).casefold()


def corrected_line(
    line: content.CrisisLine, corrections: Sequence[Correction]
) -> tuple[content.CrisisLine, tuple[str, ...]]:
    """The line with the person's corrections in place of its bundled ways of that kind (a kind it
    lacks is added at the end), and the kinds corrected. The bundled data itself is never changed."""
    mine = {c.kind: c.value for c in corrections if _service_key(c.service) == _service_key(line.service)}
    if not mine:
        return line, ()
    ways: list[content.ContactWay] = []
    done: list[str] = []
    for way in (*line.ways, *(content.ContactWay.model_construct(kind=kind, value="") for kind in mine)):
        if way.kind not in mine:
            ways.append(way)
        elif way.kind not in done:
            ways.append(content.ContactWay.model_construct(kind=way.kind, value=mine[way.kind], note="", source=""))
            done.append(way.kind)
    return line.model_copy(update={"ways": tuple(ways)}), tuple(done)


def build_help(
    country: CountryChoice,
    *,
    today: date,
    contacts: Sequence[SupportContact] = (),
    plan: SafetyPlan | None = None,
    private: bool = False,
    has_journal: bool = False,
    hide: Sequence[str] = (),
    corrections: Sequence[Correction] = (),
) -> HelpView:
    """The read model. Unknown country: only the lines that help anywhere, and no number.

    `hide` names bundled lines the person chose not to see; the international directory stays.
    `corrections` are the person's own numbers for bundled lines (both kept in config.toml, so
    they hold while the journal is locked)."""
    if isinstance(today, datetime):
        today = today.date()
    every = content.load_crisis_lines(country.code or "ZZ")
    unwanted = {_service_key(name) for name in hide}
    local = tuple(line for line in every if line.country != "*") if country.known else ()
    corrected: list[tuple[str, str]] = []

    def with_corrections(lines: Iterable[content.CrisisLine]) -> tuple[content.CrisisLine, ...]:
        out = []
        for line in lines:
            fixed, kinds = corrected_line(line, corrections)
            out.append(fixed)
            corrected.extend((line.service, kind) for kind in kinds)
        return tuple(out)

    lines = with_corrections(line for line in local if _service_key(line.service) not in unwanted)
    anywhere = with_corrections(line for line in every if line.country == "*")
    return HelpView(
        country=country,
        lines=lines,
        hidden=tuple(line.service for line in local if _service_key(line.service) in unwanted),
        anywhere=anywhere,
        corrected=tuple(corrected),
        emergency=content.emergency_number(country.code) if country.known else None,
        stale=content.is_crisis_data_stale(today),
        contacts=tuple(contacts) if private else (),
        plan=plan if private else None,
        private=private,
        has_journal=has_journal or private,
    )


# --- corrections as a person types them in Settings ------------------------------------------


def corrections_text(corrections: Sequence[Correction]) -> str:
    """ "Samaritans: call 116 123; Shout: text 85258" — what Settings shows and reads back."""
    return "; ".join(f"{c.service}: {c.kind} {c.value}" for c in corrections)


def read_corrections(text: str) -> tuple[tuple[dict[str, str], ...], tuple[str, ...]]:
    """Corrections typed as "Name: number" or "Name: kind number", separated by semicolons.

    The name is a bundled line's (any letter case); without a kind, the line's first way is
    corrected. Returns the corrections (service, kind, value) and a calm line for each part
    that couldn't be used."""
    bundled = {_service_key(line.service): line for line in content.load_crisis_lines(None)}
    found: list[dict[str, str]] = []
    problems: list[str] = []
    for part in (piece.strip() for piece in text.split(";")):
        if not part:
            continue
        name, colon, rest = part.partition(":")
        line = bundled.get(_service_key(name))
        if line is None:
            typed = " ".join((name if colon else part).split())
            shown = f'"{typed}"' if typed.isprintable() and len(typed) <= 40 else "that"
            problems.append(f"No bundled line is called {shown}; that correction wasn't kept.")
            continue
        first, _, after = rest.strip().partition(" ")
        kind, value = (first.lower(), after.strip()) if first.lower() in WAY_WORDS else (line.ways[0].kind, rest)
        value = " ".join(value.split())
        if not value:
            problems.append(f"Type the number after the name, like {line.service}: {line.ways[0].value}.")
            continue
        found.append({"service": line.service, "kind": kind, "value": value})
    return tuple(found), tuple(problems)


# --- gentle follow-ups -------------------------------------------------------------------------

LOW_CHECKIN = "If it's a hard moment, a coping skill (o) and Get help (f1) are one key away."
REACH_OUT_FIRST = "It's still a lot. Reaching out can help right now: r for your people, lines and safety plan."


def checkin_follow_up(mood: int) -> str:
    """One quiet line after a check-in: only for the lowest mood, and never a push."""
    return LOW_CHECKIN if mood == 1 else ""


def reach_out_first(before: int | None, after: int | None, tries: int) -> bool:
    """After a re-rating: offer reaching out first when distress rose, or is 8+ after two strategies."""
    if after is None:
        return False
    return (before is not None and after > before) or (after >= 8 and tries >= 2)


# --- words -------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class HelpWay:
    label: str
    value: str
    note: str = ""
    corrected: bool = False
    """The person's correction in place of the bundled value: shown with "(your correction)"."""

    @property
    def mark(self) -> str:
        return f" ({CORRECTED})" if self.corrected else ""


@dataclass(frozen=True, slots=True)
class HelpItem:
    """A person or a service: a name, a detail (hours, how to reach), ways to reach, a note."""

    name: str
    detail: str = ""
    ways: tuple[HelpWay, ...] = ()
    note: str = ""


@dataclass(frozen=True, slots=True)
class HelpSection:
    id: str
    heading: str = ""
    items: tuple[HelpItem, ...] = ()
    text: tuple[str, ...] = ()


def country_sentences(country: CountryChoice, surface: Surface, *, no_lines: bool) -> tuple[str, ...]:
    """Which country this is for, why, and how to change it; and when we ship no lines for it."""
    out = [country.problem] if country.problem else []
    where = f"{country.name} ({country.code})"
    if country.source == "settings":
        out.append(f"Showing help for {where}, from your settings.")
    elif country.source == "option":
        out.append(f"Showing help for {where}, as asked with --country.")
    elif country.source == "locale":
        out.append(f"Showing help for {country.name} ({country.code}, from your system's language setting — a guess).")
    else:
        out.append(UNKNOWN_COUNTRY)
    if country.known and no_lines:
        out.append(f"copingkit has no bundled crisis lines for {where}. The directory below lists free lines there.")
    where_to = SETTINGS_WHERE[surface]
    if country.source == "settings":
        out.append(f"To change it: {where_to}.")
    elif country.source == "option":
        out.append(f"To keep this country: {where_to}.")
    else:
        once = "; for now, `copingkit help-now --country GB` (your country's two letters)" if surface == "cli" else ""
        out.append(f"To set your country: {where_to}{once}.")
    return tuple(out)


def line_item(line: content.CrisisLine, corrected: Sequence[str] = ()) -> HelpItem:
    """A line as a help item; `corrected` names the kinds of way that are the person's correction."""
    return HelpItem(
        line.service,
        detail=line.hours,
        ways=tuple(
            HelpWay(WAY_WORDS.get(way.kind, way.kind.title()), way.value, way.note, corrected=way.kind in corrected)
            for way in line.ways
        ),
    )


def _line_items(view: HelpView, lines: Sequence[content.CrisisLine]) -> tuple[HelpItem, ...]:
    return tuple(
        line_item(line, [kind for service, kind in view.corrected if service == line.service]) for line in lines
    )


def contact_item(contact: SupportContact) -> HelpItem:
    return HelpItem(contact.name, detail=contact.how_to_reach or "", note=contact.note or "")


def emergency_text(view: HelpView) -> tuple[str, ...]:
    """The emergency sentence, once: with the number when we ship one, and the responders note."""
    return (content.emergency_sentence(view.emergency), content.responders_note())


def plan_hint(view: HelpView, surface: Surface) -> str:
    if surface == "app":
        return "Press s for your safety plan." if view.private else "Your safety plan is one unlock away."
    if view.has_journal and not view.private:
        return "(Your own plan is in your journal, one unlock away: open `copingkit` and press p.)"
    return "(Make it your own: open `copingkit` and press p.)"


def plan_text(view: HelpView) -> tuple[str, ...]:
    """The plan as lines: the person's own, or the six prompts to fill in (CLI)."""
    plan = view.plan
    if plan is not None and not plan.is_empty:
        out = []
        for step in plan.steps:
            out.append(f"{f'{step.number}. ' if step.number else ''}{step.title}")
            out.extend(f"   - {item.text}" for item in step.items)
        return tuple(out)
    from copingkit.core.services.safety import STEP_INFO

    steps = tuple(f"{f'{info.number}. ' if info.number else ''}{info.title} — {info.prompt}" for info in STEP_INFO)
    return (*steps, plan_hint(view, "cli"))


def reasons_to_keep_going(view: HelpView) -> tuple[str, ...]:
    if view.plan is None:
        return ()
    return tuple(item.text for item in view.plan.step("reasons_to_live").items)


def help_sections(view: HelpView, surface: Surface) -> tuple[HelpSection, ...]:
    """The blocks every help view shows, in order: own people first, then the country, its lines,
    the directory, the emergency sentence, the stale notice, (on screen) reasons to keep going and
    the plan, and that nothing is sent."""
    out = [HelpSection("lead", text=(LEAD,))]
    if view.contacts:
        out.append(HelpSection("contacts", "Your people", items=tuple(contact_item(c) for c in view.contacts)))
    no_lines = not view.lines and not view.hidden
    out.append(HelpSection("country", text=country_sentences(view.country, surface, no_lines=no_lines)))
    if view.lines:
        heading = f"Crisis lines in {view.country.name}"
        out.append(HelpSection("lines", heading, items=_line_items(view, view.lines)))
    if view.hidden:
        names = ", ".join(view.hidden)
        out.append(HelpSection("hidden", text=(f"You chose to hide: {names}. Settings (press ,) shows them again.",)))
    if view.corrected:
        names = ", ".join(f"{service} ({WAY_WORDS.get(kind, kind).lower()})" for service, kind in view.corrected)
        out.append(
            HelpSection(
                "corrected", text=(f"Your corrections: {names}. Settings (press ,) brings back the bundled ones.",)
            )
        )
    if view.anywhere:
        heading = "Anywhere" if view.lines else "International directory"
        out.append(HelpSection("anywhere", heading, items=_line_items(view, view.anywhere)))
    out.append(HelpSection("emergency", "Emergency", text=emergency_text(view)))
    if view.stale:
        out.append(HelpSection("stale", text=(STALE,)))
    reasons = reasons_to_keep_going(view)
    if surface == "app" and reasons:
        out.append(HelpSection("reasons", "Reasons to keep going", text=reasons))
    if surface == "cli":
        out.append(HelpSection("plan", "Your safety plan", text=plan_text(view)))
    elif surface == "app":
        out.append(HelpSection("plan", text=(plan_hint(view, surface),)))
    if surface != "print":
        out.append(HelpSection("nothing-sent", text=(NOTHING_SENT,)))
    return tuple(out)


def plain_text(section: HelpSection) -> list[str]:
    """A section as indented plain lines (the CLI's rendering)."""
    out = [section.heading] if section.heading else []
    indent = "  " if section.heading else ""
    for item in section.items:
        first = f"{indent}{item.name}"
        if item.detail:
            first += f"  ({item.detail})" if item.ways else f" — {item.detail}"
        if item.note and not item.ways:
            first += f"  ({item.note})"
        out.append(first)
        out.extend(
            f"{indent}  {way.label}: {way.value}{way.mark}" + (f" — {way.note}" if way.note else "")
            for way in item.ways
        )
    out.extend(f"{indent}{line}" for line in section.text)
    return out


__all__ = [
    "CORRECTED",
    "SETTINGS_WHERE",
    "Correction",
    "CountryChoice",
    "HelpItem",
    "HelpSection",
    "HelpView",
    "HelpWay",
    "build_help",
    "choose_country",
    "corrections_text",
    "help_sections",
    "locale_country",
    "plain_text",
    "read_corrections",
]
