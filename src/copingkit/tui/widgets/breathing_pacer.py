"""A breathing pacer: a bar that fills on the in-breath, stays on a hold and empties on the out-breath.

Driven by `set_interval`. With animation off (`app.animation_level == "none"`) nothing moves: the
widget shows the same rhythm as a static, readable guide instead.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content
from textual.reactive import reactive
from textual.timer import Timer
from textual.widget import Widget

TICK_SECONDS = 0.1
BAR_WIDTH = 40
PACE_STEPS = (0.5, 0.75, 1.0, 1.25, 1.5, 2.0)
"""Seconds per count: "faster" and "slower" move along these."""
MAX_HOLD_SECONDS = 4.0
"""A hold never lasts longer than this, however slow the pace (CONTENT.md: holds capped at 4 s)."""
SKIP_HOLD = "Skip the hold if it feels uncomfortable."


@dataclass(frozen=True)
class Phase:
    kind: str  # "in", "hold", "out"
    counts: int

    @property
    def words(self) -> str:
        return {"in": "Breathe in", "hold": "Hold", "out": "Breathe out"}[self.kind]


@dataclass(frozen=True)
class BreathingPattern:
    id: str
    title: str
    phases: tuple[Phase, ...]
    note: str

    @property
    def rhythm(self) -> str:
        return "-".join(str(phase.counts) for phase in self.phases)


def phase_seconds(phase: Phase, pace: float) -> float:
    """How long a phase lasts at `pace` seconds per count; a hold is capped at MAX_HOLD_SECONDS."""
    seconds = phase.counts * pace
    return min(seconds, MAX_HOLD_SECONDS) if phase.kind == "hold" else seconds


PATTERNS: tuple[BreathingPattern, ...] = (
    BreathingPattern(
        "longer-out",
        "Longer breath out",
        (Phase("in", 4), Phase("out", 6)),
        "No holding. If counting feels stressful, just make the out-breath a bit longer.",
    ),
    BreathingPattern(
        "short-hold",
        "Longer out, short pause",
        (Phase("in", 4), Phase("hold", 2), Phase("out", 6)),
        f"The pause is optional. {SKIP_HOLD}",
    ),
    BreathingPattern(
        "box",
        "Box breathing",
        (Phase("in", 4), Phase("hold", 4), Phase("out", 4), Phase("hold", 4)),
        f"Holds are optional and never longer than 4 seconds. {SKIP_HOLD}",
    ),
)


def pattern(pattern_id: str) -> BreathingPattern:
    for item in PATTERNS:
        if item.id == pattern_id:
            return item
    raise KeyError(pattern_id)


def static_guide(item: BreathingPattern, pace: float = 1.0) -> str:
    """The rhythm as plain steps, for when nothing should move on screen."""
    lines = [f"{item.title} ({item.rhythm})", ""]
    for number, phase in enumerate(item.phases, 1):
        seconds = phase_seconds(phase, pace)
        unit = "" if pace == 1.0 else f" (about {seconds:g} seconds)"
        lines.append(f"{number}. {phase.words} for a count of {phase.counts}{unit}.")
    lines += ["", "Repeat for a few minutes, at your own pace.", item.note]
    return "\n".join(lines)


class BreathingPacer(Widget):
    """Shows where in the breath to be; `running` pauses and resumes."""

    running: reactive[bool] = reactive(True)
    still: reactive[bool] = reactive(False)
    """Show the static guide even when animation is on (some people find motion too much)."""

    def __init__(self, pattern_id: str = "longer-out", *, pace: float = 1.0, id: str | None = None) -> None:
        super().__init__(id=id)
        self.pattern = pattern(pattern_id)
        self.pace = pace
        self.elapsed = 0.0
        self._timer: Timer | None = None

    @property
    def animated(self) -> bool:
        return self.app.animation_level != "none" and not self.still

    def on_mount(self) -> None:
        if self.animated:
            self._timer = self.set_interval(TICK_SECONDS, self.tick, name="breathing-pacer")

    def watch_still(self, still: bool) -> None:
        if not still and self._timer is None and self.animated:
            self._timer = self.set_interval(TICK_SECONDS, self.tick, name="breathing-pacer")
        self.elapsed = 0.0
        self.refresh(layout=True)

    def tick(self) -> None:
        if self.running and self.animated:
            self.elapsed = (self.elapsed + TICK_SECONDS) % self.cycle_seconds
            self.refresh()

    @property
    def cycle_seconds(self) -> float:
        return sum(phase_seconds(phase, self.pace) for phase in self.pattern.phases)

    def position(self) -> tuple[int, float, float]:
        """(index of the phase, seconds into it, its length in seconds) for the current moment."""
        left = self.elapsed
        phases = self.pattern.phases
        for index, phase in enumerate(phases):
            length = phase_seconds(phase, self.pace)
            if left < length:
                return index, left, length
            left -= length
        last = phase_seconds(phases[-1], self.pace)
        return len(phases) - 1, last, last

    def set_pattern(self, pattern_id: str) -> None:
        self.pattern = pattern(pattern_id)
        self.elapsed = 0.0
        self.refresh(layout=True)

    def set_pace(self, pace: float) -> None:
        self.pace = pace
        self.elapsed = 0.0
        self.refresh(layout=True)

    def render(self) -> Content:
        if not self.animated:
            return Content(static_guide(self.pattern, self.pace))
        index, into, length = self.position()
        phase = self.pattern.phases[index]
        fraction = into / length if length else 1.0
        if phase.kind == "in":
            fill = fraction
        elif phase.kind == "out":
            fill = 1.0 - fraction
        else:
            fill = 1.0 if self.pattern.phases[index - 1].kind == "in" else 0.0
        filled = round(fill * BAR_WIDTH)
        count = min(phase.counts, int(into / (length / phase.counts)) + 1) if length else phase.counts
        bar = Content.assemble(("█" * filled, "bold"), ("░" * (BAR_WIDTH - filled), "dim"))
        state = "" if self.running else "   (paused)"
        return Content.assemble(
            (f"{phase.words}", "bold"),
            f"  {count} of {phase.counts}{state}\n\n",
            bar,
            (f"\n\n{self.pattern.title} ({self.pattern.rhythm}). {self.pattern.note}", "dim"),
        )

    def watch_running(self, running: bool) -> None:
        self.refresh()
