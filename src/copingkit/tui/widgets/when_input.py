"""An Input for "when did this happen": ISO dates and times, "today", "yesterday", "N days ago".

Empty means "now". Times typed without a zone are the person's local time; what comes out is
timezone-aware UTC, as services expect. Every rule (local zone of that date, no future times) is
`copingkit.core.dates`', the same as the CLI's --at. With `days=True` it reads a calendar day
(a filter's from/to), which may lie ahead.
"""

from __future__ import annotations

from datetime import date, datetime

from textual.validation import ValidationResult, Validator
from textual.widgets import Input

from copingkit.core import dates
from copingkit.tui.context import app_context

HINT = "e.g. yesterday, 3 days ago, 2026-11-20 or 2026-11-20 21:30"


def parse_when(text: str, now: datetime) -> datetime | None:
    """The UTC time `text` means (the same words as the CLI's --at), None for empty or "now".

    Raises ValueError with calm words for anything unreadable or in the future.
    """
    words = " ".join(text.strip().lower().split())
    if not words or words == "now":
        return None
    return dates.parse_when(words, now)


def parse_day(text: str, now: datetime) -> date | None:
    """The local calendar day `text` means, None for empty; ValueError with calm words otherwise."""
    words = " ".join(text.strip().lower().split())
    return dates.parse_day(words, now) if words else None


class _WhenValidator(Validator):
    def __init__(self, field: WhenInput) -> None:
        super().__init__()
        self.field = field

    def validate(self, value: str) -> ValidationResult:
        try:
            (parse_day if self.field.days else parse_when)(value, self.field.now())
        except ValueError as error:
            return self.failure(str(error))
        return self.success()


class WhenInput(Input):
    """A backdating field; `when()` gives the UTC time or None for "now"."""

    def __init__(
        self,
        *,
        placeholder: str = "now, or e.g. 3 days ago",
        compact: bool = False,
        days: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(
            placeholder=placeholder,
            compact=compact,
            id=id,
            classes=classes,
            valid_empty=True,
            validate_on=["changed", "submitted"],
        )
        self.tooltip = HINT
        self.days = days
        self.validators = [_WhenValidator(self)]

    def now(self) -> datetime:
        return app_context(self).clock()

    def when(self) -> datetime | None:
        """The chosen time in UTC, or None for now; raises ValueError with calm words."""
        return parse_when(self.value, self.now())

    def day(self) -> date | None:
        """The chosen local calendar day, or None when empty; raises ValueError with calm words."""
        return parse_day(self.value, self.now())

    def set_moment(self, moment: datetime | None) -> None:
        """Fill the field with a stored time, in local time, minute precision."""
        self.value = "" if moment is None else dates.to_local(moment).strftime("%Y-%m-%d %H:%M")
