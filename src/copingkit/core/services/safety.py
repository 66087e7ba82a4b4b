"""The safety plan (Stanley-Brown: six steps plus reasons to keep going) and support contacts.

Items are ordered within their step and contacts are ordered as the person arranged them; Get help
shows the contacts first, before any bundled line. `render_safety_plan_html` makes the one-page
printable copy: plaintext, so the TUI and CLI say so before writing it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlmodel import Session, col, select

from copingkit.core.errors import InvalidInput
from copingkit.core.models import SAFETY_PLAN_STEPS
from copingkit.core.models import SafetyPlanItem as SafetyPlanItemRow
from copingkit.core.models import SupportContact as SupportContactRow
from copingkit.core.services._common import (
    UNSET,
    Cleaners,
    Service,
    apply_changes,
    given_changes,
    load_row,
    optional_text,
    read_model,
)
from copingkit.core.services.readmodels import SafetyPlan, SafetyPlanItem, SafetyPlanStep, SupportContact

ITEM_MAX = 500
NAME_MAX = 120
REACH_MAX = 200
NOTE_MAX = 500
ITEMS_PER_STEP_MAX = 50
CONTACTS_MAX = 100


@dataclass(frozen=True)
class StepInfo:
    key: str
    number: int | None
    title: str
    prompt: str


STEP_INFO: tuple[StepInfo, ...] = (
    StepInfo(
        "warning_signs", 1, "Warning signs", "Thoughts, feelings or situations that tell me things are getting hard."
    ),
    StepInfo(
        "internal_coping",
        2,
        "Things I can do on my own",
        "Things that help me feel a little better without anyone else.",
    ),
    StepInfo(
        "social_distraction",
        3,
        "People and places that take my mind off things",
        "People to be around and places to go that help me feel less alone.",
    ),
    StepInfo("people_to_ask", 4, "People I can ask for help", "People I trust to tell that I am struggling."),
    StepInfo(
        "professionals", 5, "Professionals and crisis lines", "My doctor, therapist, or a line I can call or text."
    ),
    StepInfo(
        "safe_environment",
        6,
        "Making my surroundings safer",
        "Putting distance between me and things I could use to get hurt, or asking someone I trust to keep them for now.",
    ),
    StepInfo("reasons_to_live", None, "Reasons to keep going", "People, hopes and things that matter to me."),
)
"""Our own wording for each step (CONTENT.md: the Stanley-Brown steps, in our own prompts)."""

assert tuple(info.key for info in STEP_INFO) == SAFETY_PLAN_STEPS

_INFO = {info.key: info for info in STEP_INFO}


def step_info(key: str) -> StepInfo:
    try:
        return _INFO[key]
    except KeyError:
        raise InvalidInput("That is not a step of the safety plan.") from None


class SafetyService(Service):
    # --- the plan ------------------------------------------------------------------------------

    def plan(self) -> SafetyPlan:
        """Every step in order, each with its items in order (empty steps included)."""
        with self.database.session() as session:
            rows = session.exec(
                select(SafetyPlanItemRow).order_by(col(SafetyPlanItemRow.position), col(SafetyPlanItemRow.id))
            ).all()
            by_step: dict[str, list[SafetyPlanItem]] = {key: [] for key in SAFETY_PLAN_STEPS}
            for row in rows:
                if row.step in by_step:
                    by_step[row.step].append(_read_item(row))
        return SafetyPlan(steps=tuple(_step(info.key, by_step[info.key]) for info in STEP_INFO))

    def step(self, step: str) -> SafetyPlanStep:
        key = step_info(step).key
        with self.database.session() as session:
            return _step(key, [_read_item(row) for row in _items(session, key)])

    def set_items(self, step: str, texts: Iterable[str]) -> SafetyPlanStep:
        """Replace a step's items with `texts`, in that order (blank lines are dropped)."""
        key = step_info(step).key
        if isinstance(texts, str):
            texts = [texts]
        cleaned = [text for text in (_item_text(raw, required=False) for raw in texts) if text]
        if len(cleaned) > ITEMS_PER_STEP_MAX:
            raise InvalidInput(f"A step can hold at most {ITEMS_PER_STEP_MAX} lines.")
        with self.database.session() as session:
            existing = _items(session, key)
            for position, text in enumerate(cleaned):
                if position < len(existing):
                    row = existing[position]
                    if row.text != text or row.position != position:
                        row.text, row.position = text, position
                        session.add(row)
                else:
                    session.add(SafetyPlanItemRow(step=key, text=text, position=position))
            for row in existing[len(cleaned) :]:
                session.delete(row)
            session.flush()
            return _step(key, [_read_item(row) for row in _items(session, key)])

    def add_item(self, step: str, text: str, *, position: int | None = None) -> SafetyPlanItem:
        """Add a line to a step, at the end unless `position` (0 = first) says otherwise."""
        key = step_info(step).key
        value = _item_text(text)
        with self.database.session() as session:
            rows = _items(session, key)
            if len(rows) >= ITEMS_PER_STEP_MAX:
                raise InvalidInput(f"A step can hold at most {ITEMS_PER_STEP_MAX} lines.")
            row = SafetyPlanItemRow(step=key, text=value, position=len(rows))
            session.add(row)
            session.flush()
            if position is not None:
                rows.insert(_clamp(position, len(rows)), row)
                _renumber(session, rows)
            return _read_item(row)

    def update_item(self, item_id: int, text: str) -> SafetyPlanItem:
        value = _item_text(text)
        with self.database.session() as session:
            row = _load_item(session, item_id)
            if row.text != value:
                row.text = value
                session.add(row)
                session.flush()
            return _read_item(row)

    def remove_item(self, item_id: int) -> None:
        with self.database.session() as session:
            row = _load_item(session, item_id)
            step = row.step
            session.delete(row)
            session.flush()
            _renumber(session, _items(session, step))

    def move_item(self, item_id: int, offset: int) -> SafetyPlanItem:
        """Move a line up (negative) or down (positive) within its step; stops at either end."""
        with self.database.session() as session:
            row = _load_item(session, item_id)
            rows = _items(session, row.step)
            _move(rows, row, offset)
            _renumber(session, rows)
            return _read_item(row)

    def reorder(self, step: str, item_ids: Sequence[int]) -> SafetyPlanStep:
        """Put a step's items in the order given; every item of the step must be named once."""
        key = step_info(step).key
        with self.database.session() as session:
            rows = _items(session, key)
            _check_order([row.id for row in rows], item_ids, "lines of this step")
            by_id = {row.id: row for row in rows}
            ordered = [by_id[item_id] for item_id in item_ids]
            _renumber(session, ordered)
            return _step(key, [_read_item(row) for row in ordered])

    # --- support contacts ----------------------------------------------------------------------

    def contacts(self) -> list[SupportContact]:
        """The person's own people, in their order (Get help shows these first)."""
        with self.database.session() as session:
            return [_read_contact(row) for row in _contacts(session)]

    def get_contact(self, contact_id: int) -> SupportContact:
        with self.database.session() as session:
            return _read_contact(_load_contact(session, contact_id))

    def add_contact(
        self, name: str, *, how_to_reach: str | None = None, note: str | None = None, position: int | None = None
    ) -> SupportContact:
        values = {"name": _name(name), "how_to_reach": _reach(how_to_reach), "note": _note(note)}
        with self.database.session() as session:
            rows = _contacts(session)
            if len(rows) >= CONTACTS_MAX:
                raise InvalidInput(f"There can be at most {CONTACTS_MAX} contacts.")
            row = SupportContactRow(position=len(rows), **values)
            session.add(row)
            session.flush()
            if position is not None:
                rows.insert(_clamp(position, len(rows)), row)
                _renumber(session, rows)
            return _read_contact(row)

    def update_contact(
        self, contact_id: int, *, name: Any = UNSET, how_to_reach: Any = UNSET, note: Any = UNSET
    ) -> SupportContact:
        with self.database.session() as session:
            row = _load_contact(session, contact_id)
            given = {"name": name, "how_to_reach": how_to_reach, "note": note}
            if apply_changes(row, given_changes(_CONTACT_UPDATES, given)):
                session.add(row)
                session.flush()
            return _read_contact(row)

    def remove_contact(self, contact_id: int) -> None:
        with self.database.session() as session:
            session.delete(_load_contact(session, contact_id))
            session.flush()
            _renumber(session, _contacts(session))

    def move_contact(self, contact_id: int, offset: int) -> SupportContact:
        with self.database.session() as session:
            row = _load_contact(session, contact_id)
            rows = _contacts(session)
            _move(rows, row, offset)
            _renumber(session, rows)
            return _read_contact(row)

    def reorder_contacts(self, contact_ids: Sequence[int]) -> list[SupportContact]:
        with self.database.session() as session:
            rows = _contacts(session)
            _check_order([row.id for row in rows], contact_ids, "contacts")
            by_id = {row.id: row for row in rows}
            ordered = [by_id[contact_id] for contact_id in contact_ids]
            _renumber(session, ordered)
            return [_read_contact(row) for row in ordered]

    # --- printable copy ------------------------------------------------------------------------

    def export_html(
        self, *, country: str | None = None, hide: Sequence[str] = (), corrections: Sequence[Any] = ()
    ) -> str:
        """The plan, the person's contacts and their country's lines as one printable page.

        `country` is the setting ("" or None: a labelled guess from the locale, or unknown);
        `hide` the bundled lines the person hid in Settings, left off as on Get help; `corrections`
        the person's own numbers for bundled lines (`copingkit.core.help.Correction`), marked as such."""
        from copingkit.core.help import build_help, choose_country

        now = self.now()
        contacts = self.contacts()
        view = build_help(
            choose_country(country or ""),
            today=now.date(),
            contacts=contacts,
            private=True,
            hide=hide,
            corrections=corrections,
        )
        return render_safety_plan_html(self.plan(), contacts, help=view, made_at=now)


# --- printable HTML -----------------------------------------------------------------------------


def render_safety_plan_html(
    plan: SafetyPlan,
    contacts: Sequence[SupportContact],
    *,
    help: Any = None,
    made_at: datetime | None = None,
) -> str:
    """One self-contained page (`copingkit.core.rendering`): everything escaped, no scripts, no links to load.

    `help` is a `copingkit.core.help.HelpView`; its words (country, lines, emergency) are the
    ones Get help and `help-now` show. Without one the page is for an unknown country."""
    from copingkit.core.help import CountryChoice, build_help, help_sections
    from copingkit.core.rendering import render

    if help is None:
        help = build_help(CountryChoice("", "unknown"), today=(made_at or datetime.now().astimezone()).date())
    return render(
        "safety_plan.html",
        title="My safety plan",
        plan=plan,
        contacts=contacts,
        sections={section.id: section for section in help_sections(help, "print")},
        made_on=made_at.astimezone().strftime("%d %B %Y") if made_at is not None else None,
    )


# --- helpers ------------------------------------------------------------------------------------


def _step(key: str, items: list[SafetyPlanItem]) -> SafetyPlanStep:
    info = _INFO[key]
    return SafetyPlanStep(key=key, number=info.number, title=info.title, prompt=info.prompt, items=tuple(items))


def _items(session: Session, step: str) -> list[SafetyPlanItemRow]:
    return list(
        session.exec(
            select(SafetyPlanItemRow)
            .where(SafetyPlanItemRow.step == step)
            .order_by(col(SafetyPlanItemRow.position), col(SafetyPlanItemRow.id))
        ).all()
    )


def _contacts(session: Session) -> list[SupportContactRow]:
    return list(
        session.exec(
            select(SupportContactRow).order_by(col(SupportContactRow.position), col(SupportContactRow.id))
        ).all()
    )


def _renumber(session: Session, rows: Sequence[Any]) -> None:
    for position, row in enumerate(rows):
        if row.position != position:
            row.position = position
            session.add(row)
    session.flush()


def _clamp(position: Any, length: int) -> int:
    if isinstance(position, bool) or not isinstance(position, int):
        raise InvalidInput("A position is a whole number.")
    return max(0, min(position, length))


def _move(rows: list[Any], row: Any, offset: Any) -> None:
    if isinstance(offset, bool) or not isinstance(offset, int):
        raise InvalidInput("Move by a whole number of places.")
    index = rows.index(row)
    target = max(0, min(len(rows) - 1, index + offset))
    rows.insert(target, rows.pop(index))


def _check_order(existing: list[Any], given: Sequence[Any], what: str) -> None:
    given = list(given)
    if len(given) != len(set(given)) or sorted(given) != sorted(existing):
        raise InvalidInput(f"The new order needs to name all the {what}, each once.")


def _load_item(session: Session, item_id: Any) -> SafetyPlanItemRow:
    return load_row(session, SafetyPlanItemRow, item_id, "That line is not in your safety plan.")


def _load_contact(session: Session, contact_id: Any) -> SupportContactRow:
    return load_row(session, SupportContactRow, contact_id, "That contact is not in this journal.")


def _limited(value: Any, what: str, most: int) -> str | None:
    text = optional_text(value, what)
    if text is not None and len(text) > most:
        raise InvalidInput(f"The {what} can be at most {most} characters.")
    return text


def _item_text(value: Any, *, required: bool = True) -> str | None:
    text = _limited(value, "line", ITEM_MAX)
    if text is not None:
        text = " ".join(text.split())
    if text is None and required:
        raise InvalidInput("A line of the plan needs some words.")
    return text


def _name(value: Any) -> str:
    name = _limited(value, "name", NAME_MAX)
    if name is None:
        raise InvalidInput("A contact needs a name.")
    return " ".join(name.split())


def _reach(value: Any) -> str | None:
    return _limited(value, "way to reach them", REACH_MAX)


def _note(value: Any) -> str | None:
    return _limited(value, "note", NOTE_MAX)


def _read_item(row: SafetyPlanItemRow) -> SafetyPlanItem:
    assert row.id is not None
    return read_model(SafetyPlanItem, row)


def _read_contact(row: SupportContactRow) -> SupportContact:
    assert row.id is not None
    return read_model(SupportContact, row)


_CONTACT_UPDATES: Cleaners = {
    "name": ("name", _name),
    "how_to_reach": ("how_to_reach", _reach),
    "note": ("note", _note),
}


__all__ = ["STEP_INFO", "SafetyService", "StepInfo", "render_safety_plan_html", "step_info"]
