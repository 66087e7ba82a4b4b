"""Coping strategies: the library, what a person tried, and what helped them."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import case, func, text
from sqlmodel import Session, col, select

from copingkit.core.errors import InvalidInput, NotFound
from copingkit.core.models import STRATEGY_SOURCES, CopingStrategy
from copingkit.core.models import StrategyUse as StrategyUseRow
from copingkit.core.services._common import (
    UNSET,
    Cleaners,
    Service,
    apply_changes,
    aware,
    fts_query,
    given_changes,
    load_row,
    optional_text,
    page,
    read_model,
    whole_number,
)
from copingkit.core.services.readmodels import Strategy, StrategyUse, SyncSummary

TITLE_MAX = 120
STEP_MAX = 2_000
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class CopingService(Service):
    def strategies(
        self,
        *,
        reaction: str | None = None,
        query: str | None = None,
        favourites: bool = False,
        include_hidden: bool = False,
    ) -> list[Strategy]:
        """The library: favourites first, then by title; with `query`, best match first."""
        wanted = _reaction(reaction)
        with self.database.session() as session:
            statement = select(CopingStrategy)
            ranked: list[int] | None = None
            if query is not None:
                match = fts_query(query)
                if match is None:
                    ranked = None
                else:
                    ranked = [
                        row[0]
                        for row in session.execute(
                            text(
                                "SELECT rowid FROM strategy_fts WHERE strategy_fts MATCH :m ORDER BY bm25(strategy_fts, 3.0, 1.0, 1.0)"
                            ),
                            {"m": match},
                        ).all()
                    ]
                    statement = statement.where(col(CopingStrategy.id).in_(ranked))
            if favourites:
                statement = statement.where(col(CopingStrategy.favourite).is_(True))
            if not include_hidden:
                statement = statement.where(col(CopingStrategy.hidden).is_(False))
            rows = list(session.exec(statement).all())
            if wanted is not None:
                rows = [row for row in rows if wanted in (row.reactions or [])]
            stats = _stats(session)
        if ranked is not None:
            order = {strategy_id: position for position, strategy_id in enumerate(ranked)}
            rows.sort(key=lambda row: order[row.id])
        else:
            rows.sort(key=lambda row: (not row.favourite, row.title.casefold(), row.id))
        return [_read(row, stats) for row in rows]

    def get(self, strategy_id: int) -> Strategy:
        with self.database.session() as session:
            return _read(_load(session, strategy_id), _stats(session))

    def get_by_slug(self, slug: str) -> Strategy:
        with self.database.session() as session:
            row = session.exec(select(CopingStrategy).where(CopingStrategy.slug == slug)).first()
            if row is None:
                raise NotFound("That strategy is not in this journal.")
            return _read(row, _stats(session))

    def create(
        self,
        title: str,
        steps: Iterable[str],
        *,
        minutes: int | None = None,
        reactions: Iterable[str] = (),
        approach: str | None = None,
        source: str = "mine",
        slug: str | None = None,
    ) -> Strategy:
        with self.database.session() as session:
            row = add_strategy(
                session,
                title,
                steps,
                now=self.now(),
                minutes=minutes,
                reactions=reactions,
                approach=approach,
                source=source,
                slug=slug,
            )
            return _read(row, {})

    def update(
        self,
        strategy_id: int,
        *,
        title: Any = UNSET,
        steps: Any = UNSET,
        minutes: Any = UNSET,
        reactions: Any = UNSET,
        approach: Any = UNSET,
    ) -> Strategy:
        """Edit a strategy's content; a builtin one edited here is never overwritten by updates."""
        given = {"title": title, "steps": steps, "minutes": minutes, "reactions": reactions, "approach": approach}
        with self.database.session() as session:
            row = _load(session, strategy_id)
            if apply_changes(row, given_changes(_UPDATES, given)):
                row.user_edited = True
                row.updated_at = self.now()
                session.add(row)
                session.flush()
            return _read(row, _stats(session))

    def set_favourite(self, strategy_id: int, favourite: bool = True) -> Strategy:
        return self._flag(strategy_id, "favourite", favourite)

    def set_hidden(self, strategy_id: int, hidden: bool = True) -> Strategy:
        return self._flag(strategy_id, "hidden", hidden)

    def _flag(self, strategy_id: int, name: str, value: bool) -> Strategy:
        with self.database.session() as session:
            row = _load(session, strategy_id)
            setattr(row, name, bool(value))
            session.add(row)
            session.flush()
            return _read(row, _stats(session))

    def delete(self, strategy_id: int) -> None:
        """Delete a strategy the person made; builtin ones can only be hidden."""
        with self.database.session() as session:
            row = _load(session, strategy_id)
            if row.source == "builtin":
                raise InvalidInput("Built-in strategies can be hidden but not deleted.")
            session.delete(row)

    def record_use(
        self,
        strategy_id: int,
        *,
        reaction: str | None = None,
        distress_before: int | None = None,
        distress_after: int | None = None,
        note: str | None = None,
        at: datetime | None = None,
    ) -> StrategyUse:
        before = whole_number(distress_before, 0, 10, "Distress is a number from 0 to 10.")
        after = whole_number(distress_after, 0, 10, "Distress is a number from 0 to 10.")
        when = self.now() if at is None else aware(at, "time")
        with self.database.session() as session:
            strategy = _load(session, strategy_id)
            use = StrategyUseRow(
                strategy_id=strategy.id,
                reaction=_reaction(reaction),
                distress_before=before,
                distress_after=after,
                note=optional_text(note, "note"),
                at=when,
            )
            session.add(use)
            session.flush()
            return _read_use(use)

    def history(self, strategy_id: int | None = None, *, limit: int = 50, offset: int = 0) -> list[StrategyUse]:
        """Uses, newest first; all strategies unless one is given."""
        limit, offset = page(limit, offset)
        with self.database.session() as session:
            statement = select(StrategyUseRow)
            if strategy_id is not None:
                statement = statement.where(StrategyUseRow.strategy_id == strategy_id)
            statement = statement.order_by(col(StrategyUseRow.at).desc(), col(StrategyUseRow.id).desc())
            return [_read_use(use) for use in session.exec(statement.limit(limit).offset(offset)).all()]

    def suggest(self, reaction: str | None = None) -> list[Strategy]:
        """Strategies for a reaction, what helped this person first.

        Helped = a positive mean drop in distress over uses rated before and after; those come
        first, biggest drop first, ties by how often used. Then favourites, then ones not yet
        tried, then ones tried that did not help; within each, the reviewed order for the reaction
        (settling skills first, reactions.toml `order`), then the person's own by title. Strategies the person used for this reaction
        count even if the library does not list it. Hidden ones never appear.
        """
        wanted = _reaction(reaction)
        with self.database.session() as session:
            rows = list(session.exec(select(CopingStrategy).where(col(CopingStrategy.hidden).is_(False))).all())
            stats = _stats(session)
            used_for = set()
            if wanted is not None:
                used_for = set(
                    session.exec(select(StrategyUseRow.strategy_id).where(StrategyUseRow.reaction == wanted)).all()
                )
        if wanted is not None:
            rows = [row for row in rows if wanted in (row.reactions or []) or row.id in used_for]
        strategies = [_read(row, stats) for row in rows]
        from copingkit.core.content import curated_order

        reviewed = {slug: position for position, slug in enumerate(curated_order(wanted))}

        def order(strategy: Strategy) -> tuple[Any, ...]:
            helped = strategy.mean_drop is not None and strategy.mean_drop > 0
            if helped:
                return (0, -(strategy.mean_drop or 0.0), -strategy.uses, 0, strategy.title.casefold(), strategy.id)
            tier = 1 if strategy.favourite else 2 if strategy.mean_drop is None else 3
            place = reviewed.get(strategy.slug, len(reviewed))
            return (tier, 0.0, 0, place, strategy.title.casefold(), strategy.id)

        strategies.sort(key=order)
        return strategies

    def sync_builtin(self, strategies: Iterable[Mapping[str, Any]]) -> SyncSummary:
        """Add new builtin strategies and update builtin ones the person has not edited.

        Favourite and hidden state is never touched; an edited strategy keeps its content.
        Each item has slug, title, steps, minutes, reactions, approach and version.
        """
        added = updated = kept = 0
        now = self.now()
        with self.database.session() as session:
            for item in strategies:
                slug = item.get("slug")
                if not isinstance(slug, str) or not SLUG.match(slug):
                    raise InvalidInput(f"A builtin strategy has a bad short name: {slug!r}.")
                version = whole_number(
                    item.get("version", 1),
                    1,
                    1_000_000,
                    "A builtin strategy's version is a whole number.",
                    optional=False,
                )
                content = {
                    "title": _title(item.get("title")),
                    "steps": _steps(item.get("steps", ())),
                    "minutes": _minutes(item.get("minutes")),
                    "reactions": _reactions(item.get("reactions", ())),
                    "approach": optional_text(item.get("approach"), "approach"),
                }
                row = session.exec(select(CopingStrategy).where(CopingStrategy.slug == slug)).first()
                if row is None:
                    session.add(
                        CopingStrategy(slug=slug, source="builtin", builtin_version=version, created_at=now, **content)
                    )
                    added += 1
                elif row.source != "builtin" or row.user_edited or (row.builtin_version or 0) >= version:
                    kept += 1
                else:
                    for key, value in content.items():
                        setattr(row, key, value)
                    row.builtin_version = version
                    row.updated_at = now
                    session.add(row)
                    updated += 1
            session.flush()
        return SyncSummary(added=added, updated=updated, kept=kept)


def add_strategy(
    session: Session,
    title: str,
    steps: Iterable[str],
    *,
    now: datetime,
    minutes: int | None = None,
    reactions: Iterable[str] = (),
    approach: str | None = None,
    source: str = "mine",
    slug: str | None = None,
    pack_id: int | None = None,
) -> CopingStrategy:
    """Check and add one strategy in `session` (the homework service adds a pack's in its own)."""
    if source not in STRATEGY_SOURCES:
        raise InvalidInput(f"A strategy's source is one of: {', '.join(STRATEGY_SOURCES)}.")
    values = {
        "title": _title(title),
        "steps": _steps(steps),
        "minutes": _minutes(minutes),
        "reactions": _reactions(reactions),
        "approach": optional_text(approach, "approach"),
    }
    if slug is None:
        slug = _free_slug(session, slugify(values["title"]))
    elif not isinstance(slug, str) or not SLUG.match(slug):
        raise InvalidInput("A strategy's short name uses lower-case letters, digits and dashes.")
    elif session.exec(select(CopingStrategy.id).where(CopingStrategy.slug == slug)).first() is not None:
        raise InvalidInput("There is already a strategy with that short name.")
    row = CopingStrategy(slug=slug, source=source, created_at=now, pack_id=pack_id, **values)
    session.add(row)
    session.flush()
    return row


def slugify(title: str) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:60].strip("-") or "strategy"


def _free_slug(session: Session, base: str) -> str:
    slug, n = base, 2
    while session.exec(select(CopingStrategy.id).where(CopingStrategy.slug == slug)).first() is not None:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _title(value: Any) -> str:
    title = optional_text(value, "name")
    if title is None:
        raise InvalidInput("A strategy needs a name.")
    title = " ".join(title.split())
    if len(title) > TITLE_MAX:
        raise InvalidInput(f"A strategy's name can be at most {TITLE_MAX} characters.")
    return title


def _steps(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    if value is None or not isinstance(value, Iterable):
        raise InvalidInput("A strategy needs at least one step.")
    steps = []
    for step in value:
        if not isinstance(step, str):
            raise InvalidInput("Each step needs to be text.")
        step = step.strip()
        if len(step) > STEP_MAX:
            raise InvalidInput(f"A step can be at most {STEP_MAX:,} characters.")
        if step:
            steps.append(step)
    if not steps:
        raise InvalidInput("A strategy needs at least one step.")
    return steps


def _minutes(value: Any) -> int | None:
    return whole_number(value, 1, 600, "Minutes is a whole number from 1 to 600.")


def _reaction(value: Any) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidInput("What you are struggling with needs to be a word or two.")
    reaction = "-".join(value.strip().lower().replace("_", " ").split())
    return reaction or None


def _reactions(value: Any) -> list[str]:
    if isinstance(value, str):
        value = [value]
    reactions: list[str] = []
    for item in value or ():
        reaction = _reaction(item)
        if reaction and reaction not in reactions:
            reactions.append(reaction)
    return reactions


def _load(session: Session, strategy_id: Any) -> CopingStrategy:
    return load_row(session, CopingStrategy, strategy_id, "That strategy is not in this journal.")


_UPDATES: Cleaners = {
    "title": ("title", _title),
    "steps": ("steps", _steps),
    "minutes": ("minutes", _minutes),
    "reactions": ("reactions", _reactions),
    "approach": ("approach", lambda approach: optional_text(approach, "approach")),
}


def _stats(session: Session) -> dict[int, tuple[int, float | None]]:
    """strategy id -> (uses, mean distress drop over uses rated before and after)."""
    both = (col(StrategyUseRow.distress_before).is_not(None)) & (col(StrategyUseRow.distress_after).is_not(None))
    drop = case((both, col(StrategyUseRow.distress_before) - col(StrategyUseRow.distress_after)), else_=None)
    rows = session.exec(
        select(StrategyUseRow.strategy_id, func.count(), func.avg(drop)).group_by(col(StrategyUseRow.strategy_id))
    ).all()
    return {strategy_id: (int(uses), None if mean is None else float(mean)) for strategy_id, uses, mean in rows}


def _read(row: CopingStrategy, stats: dict[int, tuple[int, float | None]]) -> Strategy:
    assert row.id is not None
    uses, mean_drop = stats.get(row.id, (0, None))
    return read_model(
        Strategy,
        row,
        steps=tuple(row.steps or ()),
        reactions=tuple(row.reactions or ()),
        favourite=bool(row.favourite),
        hidden=bool(row.hidden),
        user_edited=bool(row.user_edited),
        uses=uses,
        mean_drop=mean_drop,
    )


def _read_use(use: StrategyUseRow) -> StrategyUse:
    assert use.id is not None
    return read_model(StrategyUse, use)
