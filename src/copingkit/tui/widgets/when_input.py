"""An Input for "when did this happen": ISO dates and times, "today", "yesterday", "N days ago".

Empty means "now". Times typed without a zone are the person's local time; what comes out is
timezone-aware UTC, as services expect.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta

from textual.validation import ValidationResult, Validator
from textual.widgets import Input

_DAYS_AGO = re.compile(r"^(\d{1,4})\s*(day|days|d)\s+ago$")
_WEEKS_AGO = re.compile(r"^(\d{1,3})\s*(week|weeks|w)\s+ago$")
_HOURS_AGO = re.compile(r"^(\d{1,3})\s*(hour|hours|h)\s+ago$")

HINT = 'e.g. yesterday, 3 days ago, 2026-11-20 or 2026-11-20 21:30'


def parse_when(text: str, now: datetime) -> datetime | None:
    """The UTC time that `text` means, None for empty text; ValueError with calm words otherwise."""
    words = " ".join(text.strip().lower().split())
    if not words or words == "now":
        return None
    local_now = now.astimezone()
    if words == "today":
        moment = local_now
    elif words == "yesterday":
        moment = local_now - timedelta(days=1)
    elif match := _DAYS_AGO.match(words):
        moment = local_now - timedelta(days=int(match.group(1)))
    elif match := _WEEKS_AGO.match(words):
        moment = local_now - timedelta(weeks=int(match.group(1)))
    elif match := _HOURS_AGO.match(words):
        moment = local_now - timedelta(hours=int(match.group(1)))
    else:
        moment = _parse_iso(words.upper().replace(" ", "T", 1), local_now)
    moment = moment.astimezone(UTC)
    if moment > now + timedelta(minutes=1):
        raise ValueError("That time is in the future; leave it empty for now.")
    return moment


def _parse_iso(text: str, local_now: datetime) -> datetime:
    try:
        if len(text) <= 10:
            day = date.fromisoformat(text)
            return datetime.combine(day, time(12, 0)).astimezone()
        parsed = datetime.fromisoformat(text)
    except ValueError:
        raise ValueError(f"I couldn't read that date; try {HINT}.") from None
    if parsed.tzinfo is None:
        parsed = parsed.astimezone()
    return parsed


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
