"""Tags shared by journal entries and check-ins."""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import col, select

from copingkit.core.models import CheckInTag, EntryTag, JournalEntry, Tag
from copingkit.core.services._common import Service
from copingkit.core.services.readmodels import TagCount


class TagService(Service):
    def list(self) -> list[TagCount]:
        """Every tag with how often it is used (entries in the trash not counted), most used first."""
        entry_counts = (
            select(EntryTag.tag_id, func.count().label("n"))
            .join(JournalEntry, col(JournalEntry.id) == col(EntryTag.entry_id))
            .where(col(JournalEntry.deleted_at).is_(None))
            .group_by(col(EntryTag.tag_id))
            .subquery()
        )
        checkin_counts = select(CheckInTag.tag_id, func.count().label("n")).group_by(col(CheckInTag.tag_id)).subquery()
        query = (
            select(Tag.name, func.coalesce(entry_counts.c.n, 0), func.coalesce(checkin_counts.c.n, 0))
            .outerjoin(entry_counts, entry_counts.c.tag_id == Tag.id)
            .outerjoin(checkin_counts, checkin_counts.c.tag_id == Tag.id)
        )
        with self.database.session() as session:
            rows = session.exec(query).all()
        counts = [TagCount(name=name, entries=int(entries), checkins=int(checkins)) for name, entries, checkins in rows]
        counts.sort(key=lambda count: (-count.total, count.name))
        return counts
