"""Plain, frozen read models: what services hand to the CLI and the TUI.

They carry no session and no lazy loading, so a screen can keep one as long as it likes.
All datetimes are timezone-aware UTC. The journal's own (Entry, EntrySummary, SearchHit) live in
journal_models, so the plain-SQL reader and writer load only those; they are named here as well.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from copingkit.core.services.journal_models import ENTRY_KINDS, Entry, EntrySummary, SearchHit

MOOD_WORDS = {1: "very low", 2: "low", 3: "okay", 4: "good", 5: "very good"}


@dataclass(frozen=True)
class EntryRevision:
    """An earlier version of an entry, kept when a merge or an import chose another one."""

    title: str | None
    body: str
    written_at: datetime | None
    kept_at: datetime


@dataclass(frozen=True)
class Emotion:
    name: str
    intensity: int


@dataclass(frozen=True)
class CheckIn:
    id: int
    mood: int
    at: datetime
    note: str | None = None
    tags: tuple[str, ...] = ()
    emotions: tuple[Emotion, ...] = ()
    energy: int | None = None
    sleep_hours: float | None = None
    coping_confidence: int | None = None
    created_at: datetime | None = None
    edited_at: datetime | None = None
    shared: bool = False
    uid: str = ""

    @property
    def mood_word(self) -> str:
        return MOOD_WORDS[self.mood]


@dataclass(frozen=True)
class DayMood:
    """Mood on one calendar day; `mean` is None on days without a check-in."""

    day: date
    mean: float | None
    low: int | None
    high: int | None
    count: int


@dataclass(frozen=True)
class TagCount:
    name: str
    entries: int
    checkins: int

    @property
    def total(self) -> int:
        return self.entries + self.checkins


@dataclass(frozen=True)
class Strategy:
    id: int
    slug: str
    title: str
    steps: tuple[str, ...]
    minutes: int | None
    reactions: tuple[str, ...]
    approach: str | None
    source: str
    favourite: bool
    hidden: bool
    user_edited: bool
    builtin_version: int | None
    uses: int = 0
    mean_drop: float | None = None
    """Mean fall in distress (before - after) over uses rated both times; None if never rated."""


@dataclass(frozen=True)
class StrategyUse:
    id: int
    strategy_id: int
    at: datetime
    reaction: str | None = None
    distress_before: int | None = None
    distress_after: int | None = None
    note: str | None = None


@dataclass(frozen=True)
class SyncSummary:
    added: int = 0
    updated: int = 0
    kept: int = 0
    """Builtin strategies left as they were (edited by the person, not builtin, or already current)."""


@dataclass(frozen=True)
class ImportSummary:
    """How many rows of each table an import wrote (merged rows count as written)."""

    counts: dict[str, int] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def entries(self) -> int:
        return self.counts.get("journal_entry", 0)

    @property
    def checkins(self) -> int:
        return self.counts.get("mood_checkin", 0)

    def __str__(self) -> str:
        entries = f"{self.entries} entr{'y' if self.entries == 1 else 'ies'}"
        checkins = f"{self.checkins} check-in{'' if self.checkins == 1 else 's'}"
        return f"{entries}, {checkins} ({self.total} record{'' if self.total == 1 else 's'} in all)"


__all__ = [
    "ENTRY_KINDS",
    "MOOD_WORDS",
    "CheckIn",
    "DayMood",
    "Emotion",
    "Entry",
    "EntryRevision",
    "EntrySummary",
    "ImportSummary",
    "SearchHit",
    "Strategy",
    "StrategyUse",
    "SyncSummary",
    "TagCount",
]


# --- safety plan, support contacts, group sessions ---------------------------------------------


@dataclass(frozen=True)
class SafetyPlanItem:
    id: int
    step: str
    text: str
    position: int


@dataclass(frozen=True)
class SafetyPlanStep:
    """One step of the plan with its items in order. `number` is 1-6; None for reasons to keep going."""

    key: str
    number: int | None
    title: str
    prompt: str
    items: tuple[SafetyPlanItem, ...] = ()


@dataclass(frozen=True)
class SafetyPlan:
    """The six Stanley-Brown steps in order, then reasons to keep going."""

    steps: tuple[SafetyPlanStep, ...]

    def step(self, key: str) -> SafetyPlanStep:
        for step in self.steps:
            if step.key == key:
                return step
        raise KeyError(key)

    @property
    def is_empty(self) -> bool:
        return not any(step.items for step in self.steps)


@dataclass(frozen=True)
class SupportContact:
    id: int
    name: str
    how_to_reach: str | None
    note: str | None
    position: int


@dataclass(frozen=True)
class GroupSession:
    id: int
    at: datetime
    group_name: str
    minutes: int | None
    what_i_shared: str | None = None
    what_i_heard: str | None = None
    takeaways: str | None = None
    connectedness: int | None = None


__all__ += ["GroupSession", "SafetyPlan", "SafetyPlanItem", "SafetyPlanStep", "SupportContact"]


@dataclass(frozen=True)
class AssessmentItem:
    """One question of a result: its number, the form's wording, and the answer (None: left blank)."""

    number: int
    text: str
    answer: int | None
    label: str | None
    """The form's words for the answer ("Several days"), or None when blank."""


@dataclass(frozen=True)
class AssessmentResult:
    """One questionnaire taken (`AssessmentService`). Everything a report or Insights needs.

    `score`, `band` and `percent` are None for a form left partly blank (and `band` is always None
    for PCL-5, and for WHO-5 above 50). `percent` is WHO-5's raw x 4, None for the others. `flags`:
    "item9" (PHQ-9 item 9 above 0), "pcl5_threshold" (PCL-5 at 33 or more). `crisis_shown_at`: when
    the item-9 crisis screen was shown for it. A score is not a diagnosis: whoever shows one shows
    `copingkit.core.assessments.not_a_diagnosis()` beside it.
    """

    id: int
    uid: str
    instrument_id: str
    instrument_version: int
    name: str
    at: datetime
    answers: tuple[int | None, ...]
    items: tuple[AssessmentItem, ...]
    difficulty: int | None
    difficulty_label: str | None
    score: int | None
    max_score: int | None
    band: str | None
    percent: int | None
    flags: tuple[str, ...]
    crisis_shown_at: datetime | None

    @property
    def complete(self) -> bool:
        return self.score is not None

    @property
    def value(self) -> int | None:
        """What trends compare: WHO-5's percentage, the total for the others."""
        return self.percent if self.percent is not None else self.score


@dataclass(frozen=True)
class AssessmentChange:
    """From one scored result to the next, on the trend's scale (WHO-5: percentage points).

    `meaningful` and `response` are None where CONTENT.md gives no such change (PHQ-9, PHQ-8, GAD-7).
    """

    delta: int
    meaningful: bool | None
    response: bool | None
    words: str


@dataclass(frozen=True)
class AssessmentPoint:
    result: AssessmentResult
    change: AssessmentChange | None
    """From the scored result before this one; None for the first, or a result without a score."""


@dataclass(frozen=True)
class AssessmentHistory:
    """One instrument's results, oldest first, with the change between scored results.

    `latest` is the newest result's change from the scored one before it; `since_first` compares
    the newest scored result with the first; `meaningful_rule` says what change counts as
    meaningful (None where CONTENT.md gives none); `trend` is the scored values, oldest first.
    """

    instrument_id: str
    name: str
    points: tuple[AssessmentPoint, ...]
    latest: AssessmentChange | None
    since_first: AssessmentChange | None
    meaningful_rule: str | None
    higher_means: str

    @property
    def trend(self) -> tuple[int, ...]:
        return tuple(point.result.value for point in self.points if point.result.value is not None)


__all__ += ["AssessmentChange", "AssessmentHistory", "AssessmentItem", "AssessmentPoint", "AssessmentResult"]
