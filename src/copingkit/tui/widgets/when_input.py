"""An Input for "when did this happen": ISO dates and times, "today", "yesterday", "N days ago".

Empty means "now". Times typed without a zone are the person's local time; what comes out is
timezone-aware UTC, as services expect.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.validation import ValidationResult, Validator
from textual.widgets import Input

from copingkit.core import dates

HINT = "e.g. yesterday, 3 days ago, 2026-11-20 or 2026-11-20 21:30"


def parse_when(text: str, now: datetime) -> datetime | None:
    """The UTC time `text` means (the same words as the CLI's --at), None for empty or "now".

    Raises ValueError with calm words for anything unreadable or in the future.
    """
    words = " ".join(text.strip().lower().split())
    if not words or words == "now":
        return None
    moment = dates.parse_when(words.replace(" ", "T", 1) if words[:1].isdigit() and ":" in words else words, now)
    if moment > now + timedelta(minutes=1):
        raise ValueError("That time is in the future; leave it empty for now.")
    return moment


class _WhenValidator(Validator):
    def __init__(self, field: WhenInput) -> None:
        super().__init__()
        self.field = field

    def validate(self, value: str) -> ValidationResult:
        try:
            parse_when(value, self.field.now())
        except ValueError as error:
            return self.failure(str(error))
        return self.success()


class WhenInput(Input):
    """A backdating field; `when()` gives the UTC time or None for "now"."""

    def __init__(
        self,
        *,
        placeholder: str = f"now — or {HINT}",
        compact: bool = False,
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
        self.validators = [_WhenValidator(self)]

    def now(self) -> datetime:
        clock = getattr(self.app, "clock", None)
        return clock() if callable(clock) else datetime.now(UTC)

    def when(self) -> datetime | None:
        """The chosen time in UTC, or None for now; raises ValueError with calm words."""
        return parse_when(self.value, self.now())

    def set_moment(self, moment: datetime | None) -> None:
        """Fill the field with a stored time, in local time, minute precision."""
        self.value = "" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")
