"""The headless tests' fixed start time, and a journal that uses every table (for export, import
and the sealed-file round trip)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from copingkit.core.database import Database
from copingkit.core.models import (
    Assessment,
    GroupSession,
    HomeworkAssignment,
    HomeworkCompletion,
    HomeworkPack,
    PromptState,
    Revision,
    SafetyPlanItem,
    SupportContact,
    VaultSetting,
)
from copingkit.core.services import Services

START = datetime(2026, 3, 1, 9, 30, tzinfo=UTC)


def fill(services: Services, database: Database) -> dict[str, int]:
    """A journal that uses every table."""
    j, c, k = services.journal, services.checkins, services.coping
    first = j.create(
        'Monday: the meeting went fine. <b>bold</b> & "quotes"',
        title="Mon",
        tags=["work", "win"],
        at=START - timedelta(days=3),
        starred=True,
        shared=True,
    )
    second = j.create(
        "=SUM(A1) looks like a formula\nSecond line",
        tags=["work"],
        at=START - timedelta(days=2),
        kind="prompt",
        prompt_id="what-helped",
    )
    binned = j.create("In the trash", tags=["old"], at=START - timedelta(days=1))
    j.delete(binned.id)
    j.create("Group thoughts", kind="group_reflection", at=START - timedelta(days=1, hours=2), shared=True)
    c.create(
        2,
        note="rough start",
        tags=["work", "sleep"],
        emotions={"anxious": 7, "tired": 5},
        energy=2,
        sleep_hours=5.5,
        coping_confidence=4,
        at=START - timedelta(days=2, hours=1),
    )
    c.create(4, at=START - timedelta(hours=3))
    k.sync_builtin(
        [
            {
                "slug": "box-breathing",
                "title": "Box breathing",
                "steps": ["In 4", "Hold 4"],
                "minutes": 4,
                "reactions": ["anxious"],
                "approach": "Slow",
                "version": 3,
            }
        ]
    )
    box = k.get_by_slug("box-breathing")
    k.set_favourite(box.id)
    mine = k.create("Walk round the block", ["Shoes on", "Go"], reactions=["sad"])
    k.record_use(box.id, reaction="anxious", distress_before=8, distress_after=4, at=START - timedelta(days=2))
    k.record_use(mine.id, distress_before=5, at=START - timedelta(hours=1))
    with database.session() as session:
        pack = HomeworkPack(
            slug="sleep-week", title="Sleep week", author="Dr R", imported_at=START - timedelta(days=10)
        )
        session.add(pack)
        session.flush()
        session.add(HomeworkPack(slug="unused-pack", title="Unused", imported_at=START - timedelta(days=9)))
        assignment = HomeworkAssignment(
            pack_id=pack.id,
            strategy_id=box.id,
            title="Breathe before bed",
            times_per_week=5,
            created_at=START - timedelta(days=10),
        )
        session.add(assignment)
        session.flush()
        session.add(
            HomeworkCompletion(
                assignment_id=assignment.id, entry_id=second.id, note="did it", at=START - timedelta(days=2)
            )
        )
        session.add(HomeworkCompletion(assignment_id=assignment.id, note="again", at=START - timedelta(days=1)))
        session.add(
            Assessment(
                instrument_id="phq9",
                answers=[1, 2, 0, 1, 0, 0, 1, 0, 0],
                score=5,
                band="mild",
                at=START - timedelta(days=2),
            )
        )
        session.add(SafetyPlanItem(step="warning_signs", text="Not replying to texts", position=0))
        session.add(SafetyPlanItem(step="reasons_to_live", text="My dog", position=0))
        session.add(SupportContact(name="Sam", how_to_reach="07700 900123", position=0))
        session.add(
            GroupSession(
                at=START - timedelta(days=1, hours=3),
                group_name="Thursday circle",
                minutes=90,
                what_i_shared="a bit",
                what_i_heard="a lot",
                takeaways="small steps",
                connectedness=8,
            )
        )
        session.add(PromptState(prompt_id="what-helped", used_count=2, last_used_at=START - timedelta(days=2)))
        session.add(VaultSetting(key="draft", value={"body": "unfinished"}))
        session.add(
            Revision(
                table_name="journal_entry",
                row_uid=first.uid,
                content={"title": None, "body": "Monday, first go"},
                written_at=START - timedelta(days=3),
                kept_at=START,
            )
        )
    gone = j.create("Deleted forever", at=START - timedelta(days=4))
    j.purge(gone.id)
    return {"first": first.id, "second": second.id, "binned": binned.id}
