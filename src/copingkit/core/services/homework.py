"""Homework from packs and strategy cards (docs/packs.md): what is due, what is done.

`import_pack` stores a checked `copingkit.core.packs.Pack` in one transaction: the pack, the
strategies it brings (source "pack"; a card's as "group", learned from my group) and one
assignment per prompt, strategy, questionnaire and check-ins. The same file imported again adds
nothing (the pack's slug is made from its content). `items` says for each assignment whether it is
due now and what was done; `complete` records one completion (no notes).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlmodel import Session, col, select

from copingkit.core import dates
from copingkit.core.errors import InvalidInput, NotFound
from copingkit.core.models import CopingStrategy, HomeworkAssignment, HomeworkCompletion, HomeworkPack
from copingkit.core.packs import Pack, PackStrategy, cadence_words
from copingkit.core.services._common import Service, aware
from copingkit.core.services.coping import add_strategy, slugify

CARD_FROM_PLACEHOLDER = (
    '# from = "a first name, or your group\'s name"   (optional: remove the # to say who it is from)'
)
"""The line a card carries when it was written without `--from`."""

KIND_WORDS = {"prompt": "Write", "strategy": "Practise", "assessment": "Fill in", "checkin": "Check in"}


@dataclass(frozen=True, slots=True)
class PackSummary:
    """What a pack would add (before) or added (after); `already` when it is in the journal."""

    title: str
    kind: str
    sender: str
    note: str
    prompts: int
    strategies: int
    new_strategies: tuple[str, ...]
    assessments: tuple[str, ...]
    checkins: str
    due: date | None
    already: bool = False

    def lines(self) -> tuple[str, ...]:
        """The summary in words, shown before asking to add it."""
        out = [f"{'Strategy card' if self.kind == 'card' else 'Pack'}: {self.title}"]
        if self.sender:
            out.append(f"From: {self.sender}")
        if self.note:
            out.append(f"Note: {self.note}")
        if self.kind == "card":
            out.append(f'Adds "{self.new_strategies[0]}" to your library as learned from my group.')
            return tuple(out)
        counts = [
            _count(self.prompts, "prompt to write about", "prompts to write about"),
            _count(self.strategies, "strategy to practise", "strategies to practise"),
            _count(len(self.assessments), "questionnaire", "questionnaires"),
        ]
        out.append(
            "Homework: "
            + ", ".join(part for part in counts if part)
            + (f", check-ins {self.checkins}" if self.checkins else "")
        )
        if self.new_strategies:
            out.append("New in your library: " + ", ".join(self.new_strategies))
        if self.assessments:
            out.append("Questionnaires: " + ", ".join(self.assessments))
        if self.due is not None:
            out.append(f"Due by {self.due.isoformat()}")
        return tuple(out)


def _count(n: int, one: str, many: str) -> str:
    return "" if n == 0 else f"{n} {one if n == 1 else many}"


@dataclass(frozen=True, slots=True)
class HomeworkItem:
    """One assignment and where it stands today."""

    id: int
    kind: str
    title: str
    instructions: str
    cadence: str
    """ "once", "every day", "3 times a week", "every 2 weeks"."""
    pack_title: str
    sender: str
    due: bool
    """Something to do now (never done, or due again by its cadence)."""
    status: str
    """In words: "due by 2026-12-15", "done on 2026-12-02", "2 of 3 this week", "next on 2026-12-16"."""
    done_count: int
    last_done: date | None
    due_on: date | None
    instrument: str | None = None
    strategy_id: int | None = None


class HomeworkService(Service):
    def summary(self, pack: Pack) -> PackSummary:
        """What importing `pack` would add, and whether it is already in the journal."""
        with self.database.session() as session:
            already = _pack_row(session, pack) is not None
        return _summary(pack, already=already)

    def import_pack(self, pack: Pack) -> PackSummary:
        """Add the pack (or card); adds nothing when the same one was imported before."""
        with self.database.session() as session:
            if _pack_row(session, pack) is not None:
                return _summary(pack, already=True)
            now = self.now()
            row = HomeworkPack(
                slug=pack_slug(pack),
                title=pack.title,
                author=pack.from_ or None,
                version=pack.version,
                description=pack.note or None,
                imported_at=now,
                kind=pack.kind,
            )
            session.add(row)
            session.flush()
            if pack.kind == "card":
                _new_strategy(session, pack.strategies[0], now=now, source="group", pack_id=row.id)
                return _summary(pack)
            for prompt in pack.prompts:
                session.add(_assignment(row, "prompt", prompt.text, prompt.text, due=prompt.due or pack.due, now=now))
            for wanted in pack.strategies:
                strategy = _library_strategy(session, wanted, now=now, pack_id=row.id)
                session.add(
                    _assignment(
                        row,
                        "strategy",
                        strategy.title,
                        "",
                        due=wanted.due or pack.due,
                        now=now,
                        strategy_id=strategy.id,
                        times_per_week=wanted.times_per_week,
                        every_days=wanted.every,
                    )
                )
            for form in pack.assessments:
                session.add(
                    _assignment(
                        row,
                        "assessment",
                        _instrument_name(form.instrument),
                        "",
                        due=form.due or pack.due,
                        now=now,
                        instrument=form.instrument,
                        every_days=form.every,
                    )
                )
            if pack.checkins is not None:
                asked = pack.checkins
                session.add(
                    _assignment(
                        row,
                        "checkin",
                        "Check in",
                        "",
                        due=asked.due or pack.due,
                        now=now,
                        times_per_week=asked.times_per_week,
                        every_days=asked.every,
                    )
                )
        return _summary(pack)

    def items(self) -> list[HomeworkItem]:
        """Every assignment that isn't archived: what is due first, then by due date and title."""
        now = self.now()
        today = dates.today(now)
        with self.database.session() as session:
            rows = session.exec(
                select(HomeworkAssignment, HomeworkPack)
                .join(HomeworkPack, col(HomeworkPack.id) == col(HomeworkAssignment.pack_id), isouter=True)
                .where(col(HomeworkAssignment.archived).is_(False))
            ).all()
            done: dict[int, list[datetime]] = {}
            for assignment_id, at in session.exec(
                select(HomeworkCompletion.assignment_id, HomeworkCompletion.at).order_by(col(HomeworkCompletion.at))
            ).all():
                done.setdefault(assignment_id, []).append(at)
        out = [_item(assignment, pack, done.get(assignment.id or 0, []), today) for assignment, pack in rows]
        far = date.max
        return sorted(out, key=lambda item: (not item.due, item.due_on or far, item.title.casefold(), item.id))

    def complete(self, assignment_id: int, *, at: datetime | None = None) -> HomeworkItem:
        """Record that it was done (now, or `at`); returns the item as it stands after."""
        when = self.now() if at is None else aware(at, "time")
        with self.database.session() as session:
            row = session.get(HomeworkAssignment, assignment_id) if isinstance(assignment_id, int) else None
            if row is None or row.archived:
                raise NotFound("That homework is not in this journal.")
            session.add(HomeworkCompletion(assignment_id=assignment_id, at=when))
        return next(item for item in self.items() if item.id == assignment_id)

    def card(self, name: str, *, sender: str | None = None) -> str:
        """One strategy of the library (by name or short name) as a card's TOML text.

        `sender` fills the card's `from` (a first name, a group's name). Without it the card says
        nobody's name: a commented `from` line shows where one goes, so nothing names the person
        unless they chose to."""
        import tomli_w

        wanted = " ".join(str(name).split()).casefold()
        if not wanted:
            raise InvalidInput("Name the strategy to share (its title, as the library shows it).")
        with self.database.session() as session:
            rows = session.exec(select(CopingStrategy)).all()
            found = next((r for r in rows if r.slug == wanted or " ".join(r.title.split()).casefold() == wanted), None)
        if found is None:
            raise NotFound("No strategy in your library has that name. `copingkit cope` and the Library list them.")
        strategy: dict[str, object] = {"title": found.title, "steps": list(found.steps or ())}
        if found.minutes:
            strategy["minutes"] = found.minutes
        from copingkit.core import content

        known = {reaction.id for reaction in content.load_reactions()}
        if any(reaction in known for reaction in found.reactions or ()):
            strategy["reactions"] = [reaction for reaction in found.reactions if reaction in known]
        if found.approach:
            strategy["approach"] = found.approach
        top: dict[str, object] = {"kind": "card", "version": 1, "title": found.title}
        signed = " ".join((sender or "").split())
        if signed:
            top["from"] = signed
            sign = ""
        else:
            sign = CARD_FROM_PLACEHOLDER + "\n"
        header = "# A copingkit strategy card: `copingkit pack import` adds it as learned from my group.\n"
        text = header + tomli_w.dumps(top) + sign + "\n" + tomli_w.dumps({"strategies": [strategy]})
        from copingkit.core.packs import read_pack

        read_pack(text, file="card")  # what is written is a card `pack import` takes (a too-long name is refused)
        return text


# --- helpers ------------------------------------------------------------------------------------


def complete_assessment_homework(session: Session, instrument_id: str, at: datetime) -> int:
    """Mark done, at `at`, every open homework item that asks for this questionnaire (a form just
    taken, in the same transaction as its result); how many were marked."""
    rows = session.exec(
        select(HomeworkAssignment.id).where(
            HomeworkAssignment.kind == "assessment",
            HomeworkAssignment.instrument == instrument_id,
            col(HomeworkAssignment.archived).is_(False),
        )
    ).all()
    for assignment_id in rows:
        session.add(HomeworkCompletion(assignment_id=assignment_id, at=at))
    return len(rows)


def pack_slug(pack: Pack) -> str:
    """Made from the pack's content, so the same pack imported twice is found (and adds nothing)."""
    digest = hashlib.sha256(pack.model_dump_json(by_alias=True).encode("utf-8")).hexdigest()[:12]
    return f"{pack.kind}-{slugify(pack.title)[:40]}-{digest}"


def _pack_row(session: Session, pack: Pack) -> HomeworkPack | None:
    return session.exec(select(HomeworkPack).where(HomeworkPack.slug == pack_slug(pack))).first()


def _instrument_name(instrument_id: str) -> str:
    from copingkit.core import assessments

    return assessments.instrument(instrument_id).name


def _summary(pack: Pack, *, already: bool = False) -> PackSummary:
    checkins = pack.checkins
    return PackSummary(
        title=pack.title,
        kind=pack.kind,
        sender=pack.from_,
        note=pack.note,
        prompts=len(pack.prompts),
        strategies=len(pack.strategies),
        new_strategies=tuple(s.title for s in pack.strategies if s.title is not None),
        assessments=tuple(
            f"{_instrument_name(form.instrument)} ({cadence_words(form.every, None)})" for form in pack.assessments
        ),
        checkins=cadence_words(checkins.every, checkins.times_per_week) if checkins is not None else "",
        due=pack.due,
        already=already,
    )


def _new_strategy(session: Session, wanted: PackStrategy, *, now: datetime, source: str, pack_id: int | None):
    assert wanted.title is not None and wanted.steps is not None
    return add_strategy(
        session,
        wanted.title,
        wanted.steps,
        now=now,
        minutes=wanted.minutes,
        reactions=wanted.reactions,
        approach=wanted.approach or None,
        source=source,
        pack_id=pack_id,
    )


def _library_strategy(session: Session, wanted: PackStrategy, *, now: datetime, pack_id: int | None) -> CopingStrategy:
    """The strategy a pack asks to practise: the library's (by slug) or a new one from the pack."""
    if wanted.practise is None:
        return _new_strategy(session, wanted, now=now, source="pack", pack_id=pack_id)
    row = session.exec(select(CopingStrategy).where(CopingStrategy.slug == wanted.practise)).first()
    if row is None:
        from copingkit.core import content

        bundled = content.bundled_strategy(wanted.practise)
        assert bundled is not None  # the pack model checked it
        row = add_strategy(
            session,
            bundled.title,
            bundled.steps,
            now=now,
            minutes=bundled.minutes,
            reactions=bundled.reactions,
            approach=bundled.approach,
            source="builtin",
            slug=bundled.slug,
        )
        row.builtin_version = bundled.version
    return row


def _assignment(
    pack: HomeworkPack,
    kind: str,
    title: str,
    instructions: str,
    *,
    due: date | None,
    now: datetime,
    strategy_id: int | None = None,
    instrument: str | None = None,
    times_per_week: int | None = None,
    every_days: int | None = None,
) -> HomeworkAssignment:
    return HomeworkAssignment(
        pack_id=pack.id,
        kind=kind,
        title=title,
        instructions=instructions or None,
        due_at=dates.day_start(due) if due is not None else None,
        created_at=now,
        strategy_id=strategy_id,
        instrument=instrument,
        times_per_week=times_per_week,
        every_days=every_days,
    )


def _item(row: HomeworkAssignment, pack: HomeworkPack | None, done: Sequence[datetime], today: date) -> HomeworkItem:
    days = [dates.today(at) for at in done]
    last = max(days) if days else None
    due_on = dates.today(row.due_at) if row.due_at is not None else None
    if row.times_per_week:
        this_week = sum(today - timedelta(days=6) <= day <= today for day in days)
        due = this_week < row.times_per_week
        status = f"{this_week} of {row.times_per_week} this week"
    elif row.every_days and last is not None:
        next_on = last + timedelta(days=row.every_days)
        due = next_on <= today
        status = f"{'due again' if due else 'next on ' + next_on.isoformat()} (last done {last.isoformat()})"
    else:
        due = last is None
        if last is not None:
            status = f"done on {last.isoformat()}"
        elif due_on is not None:
            status = f"was due {due_on.isoformat()}" if due_on < today else f"due by {due_on.isoformat()}"
        else:
            status = "to do"
    assert row.id is not None
    return HomeworkItem(
        id=row.id,
        kind=row.kind,
        title=row.title,
        instructions=row.instructions or "",
        cadence=cadence_words(row.every_days, row.times_per_week),
        pack_title=pack.title if pack is not None else "",
        sender=(pack.author or "") if pack is not None else "",
        due=due,
        status=status,
        done_count=len(days),
        last_done=last,
        due_on=due_on,
        instrument=row.instrument,
        strategy_id=row.strategy_id,
    )


__all__ = ["KIND_WORDS", "HomeworkItem", "HomeworkService", "PackSummary", "pack_slug"]
