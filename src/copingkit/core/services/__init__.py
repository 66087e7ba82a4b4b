"""The services: the only way the CLI and the TUI read or change a journal.

```python
services = Services(database, clock=system_now)
services.journal.create("Today was better.", tags=["work"])
```

Every method opens its own session on the database and returns frozen read models
(`copingkit.core.services.readmodels`), never ORM objects.

Each service is made, and its module imported, the first time it is used: a command that only reads
the journal (`services.reader`, plain SQL) or adds an entry (`services.writer`) never imports the ORM
the others are built on (DESIGN.md §1). A new service is one line in `_SERVICES` (and its type below).
"""

from __future__ import annotations

import threading
from importlib import import_module
from typing import TYPE_CHECKING, Any

from copingkit.core.clock import Clock, system_now

if TYPE_CHECKING:
    from copingkit.core.database import Database
    from copingkit.core.services.assessments import AssessmentService
    from copingkit.core.services.checkins import CheckInService
    from copingkit.core.services.coping import CopingService
    from copingkit.core.services.groups import GroupService
    from copingkit.core.services.homework import HomeworkService
    from copingkit.core.services.insights import InsightsService
    from copingkit.core.services.journal import JournalService
    from copingkit.core.services.journal_read import JournalReader
    from copingkit.core.services.journal_write import JournalWriter
    from copingkit.core.services.merge import MergeService
    from copingkit.core.services.report import ReportService
    from copingkit.core.services.safety import SafetyService
    from copingkit.core.services.tags import TagService
    from copingkit.core.services.transfer import TransferService

_SERVICES: dict[str, tuple[str, str]] = {
    "reader": ("journal_read", "JournalReader"),
    "writer": ("journal_write", "JournalWriter"),
    "journal": ("journal", "JournalService"),
    "checkins": ("checkins", "CheckInService"),
    "tags": ("tags", "TagService"),
    "coping": ("coping", "CopingService"),
    "transfer": ("transfer", "TransferService"),
    "safety": ("safety", "SafetyService"),
    "groups": ("groups", "GroupService"),
    "homework": ("homework", "HomeworkService"),
    "merge": ("merge", "MergeService"),
    "assessments": ("assessments", "AssessmentService"),
    "report": ("report", "ReportService"),
    "insights": ("insights", "InsightsService"),
}
"""attribute -> (module in copingkit.core.services, class)."""
_CLASSES = {cls: module for module, cls in _SERVICES.values()}


class Services:
    """All services over one database, sharing one clock."""

    if TYPE_CHECKING:
        reader: JournalReader
        """The journal's list, count, search and get alone, in plain SQL (no ORM imported)."""
        writer: JournalWriter
        """The reader and `create` (a new entry), in plain SQL (no ORM imported): what `copingkit write` uses."""
        journal: JournalService
        checkins: CheckInService
        tags: TagService
        coping: CopingService
        transfer: TransferService
        safety: SafetyService
        groups: GroupService
        homework: HomeworkService
        merge: MergeService
        assessments: AssessmentService
        report: ReportService
        insights: InsightsService
        """Aggregates for Insights, in plain SQL (no ORM imported)."""

    def __init__(self, database: Database, clock: Clock = system_now) -> None:
        self.database = database
        self.clock = clock
        database.clock = clock  # the same clock stamps updated_at and tombstones
        self._making = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        """A service on first use: made once, then an ordinary attribute."""
        home = _SERVICES.get(name)
        if home is None:
            raise AttributeError(f"{type(self).__name__!r} object has no attribute {name!r}")
        with self.__dict__["_making"]:
            if name not in self.__dict__:
                module, cls = home
                service_class = getattr(import_module(f"copingkit.core.services.{module}"), cls)
                self.__dict__[name] = service_class(self.database, self.clock)
            return self.__dict__[name]


def import_service_modules(*names: str) -> None:
    """Import the modules of the services called `names` (and the ORM they stand on) without making
    them: the TUI does this in a thread while the passphrase is typed, so the first screen after
    unlocking doesn't wait for the imports."""
    for name in names:
        import_module(f"copingkit.core.services.{_SERVICES[name][0]}")


def __getattr__(name: str) -> Any:
    """`from copingkit.core.services import JournalService` still works; the module is imported then."""
    if name in _CLASSES:
        return getattr(import_module(f"copingkit.core.services.{_CLASSES[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["Services", *sorted(_CLASSES)]
