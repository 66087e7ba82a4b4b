"""The services: the only way the CLI and the TUI read or change a journal.

```python
services = Services(database, clock=system_now)
services.journal.create("Today was better.", tags=["work"])
```

Every method opens its own session on the database and returns frozen read models
(`copingkit.core.services.readmodels`), never ORM objects.
"""

from __future__ import annotations

from copingkit.core.clock import Clock, system_now
from copingkit.core.database import Database
from copingkit.core.services.assessments import AssessmentService
from copingkit.core.services.checkins import CheckInService
from copingkit.core.services.coping import CopingService
from copingkit.core.services.groups import GroupService
from copingkit.core.services.homework import HomeworkService
from copingkit.core.services.journal import JournalService
from copingkit.core.services.merge import MergeService
from copingkit.core.services.report import ReportService
from copingkit.core.services.safety import SafetyService
from copingkit.core.services.tags import TagService
from copingkit.core.services.transfer import TransferService


class Services:
    """All services over one database, sharing one clock."""

    def __init__(self, database: Database, clock: Clock = system_now) -> None:
        self.database = database
        self.clock = clock
        database.clock = clock  # the same clock stamps updated_at and tombstones
        self.journal = JournalService(database, clock)
        self.checkins = CheckInService(database, clock)
        self.tags = TagService(database, clock)
        self.coping = CopingService(database, clock)
        self.transfer = TransferService(database, clock)
        self.safety = SafetyService(database, clock)
        self.groups = GroupService(database, clock)
        self.homework = HomeworkService(database, clock)
        self.merge = MergeService(database, clock)
        self.assessments = AssessmentService(database, clock)
        self.report = ReportService(database, clock)


__all__ = [
    "AssessmentService",
    "CheckInService",
    "CopingService",
    "GroupService",
    "HomeworkService",
    "JournalService",
    "MergeService",
    "ReportService",
    "SafetyService",
    "Services",
    "TagService",
    "TransferService",
]
