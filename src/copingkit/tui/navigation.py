"""Where copingkit can go: every screen by name, the one-key places, and the command palette.

Screens never import each other (import-linter keeps them siblings): a screen asks for another one by
name through its context, and the app finds the screen class here and builds it:

    app_context(self).push_destination("editor", entry_id=entry.id)   # on top; esc comes back
    app_context(self).go("journal")                                   # a place: back to Home, then there

ADDING A SCREEN is one line in `DESTINATIONS` below, "name", then "module:Class":

    Destination("homework", "copingkit.tui.screens.homework:HomeworkScreen"),

The keyword arguments of `push_destination` go to the screen's constructor. To make it a *place*
(one key from anywhere once the journal is open, and an entry in the command palette), give it a key,
a label and a line of help on that same line:

    Destination("insights", "copingkit.tui.screens.insights:InsightsScreen", "i", "Insights", "Patterns over time"),

The app's key bindings, the palette and `go` are built from this list; tests/tui/test_every_screen.py
imports every screen named here (and every module under tui/screens), so a screen that is missing or
doesn't import fails the suite. Nothing shows a stand-in for it.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

from textual.binding import Binding
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.screen import Screen

from copingkit.tui.context import app_context


@dataclass(frozen=True)
class Destination:
    """A screen the app can show by name; with a key, also a place reachable with one key from anywhere."""

    name: str
    screen: str
    """"package.module:ClassName" of the screen; imported the first time it is shown."""
    key: str | None = None
    label: str = ""
    help: str = ""
    door: bool = False
    """Shown while the journal is locked too (a step of the way in); every other screen needs it open."""
    in_footer: bool = False
    """Its key is listed in the footer (most places are one key away without being listed)."""
    key_display: str | None = None
    reads: tuple[str, ...] = ()
    """Services (`copingkit.core.services` names) it reads as it opens; `preload` imports them too."""

    @property
    def module(self) -> str:
        return self.screen.partition(":")[0]

    @property
    def class_name(self) -> str:
        return self.screen.partition(":")[2]

    @property
    def is_place(self) -> bool:
        return self.key is not None


DESTINATIONS: tuple[Destination, ...] = (
    # Places: one key from anywhere, and in the command palette (in this order).
    Destination(
        "home", "copingkit.tui.screens.home:HomeScreen", "h", "Home", "Today at a glance", reads=("checkins", "journal")
    ),
    Destination("journal", "copingkit.tui.screens.journal:JournalScreen", "j", "Journal", "Write, read and search"),
    Destination("checkin", "copingkit.tui.screens.checkin:CheckInScreen", "c", "Check in", "How are you right now?"),
    Destination(
        "coping",
        "copingkit.tui.screens.coping:CopingScreen",
        "o",
        "Coping",
        "I'm struggling with…: one strategy at a time",
        in_footer=True,
    ),
    Destination(
        "library",
        "copingkit.tui.screens.library:LibraryScreen",
        "l",
        "Library",
        "Coping strategies: browse, favourites, my own",
    ),
    Destination(
        "tools",
        "copingkit.tui.screens.tools:ToolsScreen",
        "t",
        "Tools",
        "Breathing, grounding, relaxation, a calm place",
    ),
    Destination(
        "groups",
        "copingkit.tui.screens.groups:GroupsScreen",
        "g",
        "Groups",
        "Peer-support sessions: what I shared and heard, what I learned",
    ),
    Destination(
        "report",
        "copingkit.tui.screens.report:ReportScreen",
        "r",
        "Report",
        "A session report for your therapist: see what goes in, then save it",
    ),
    Destination(
        "assessments",
        "copingkit.tui.screens.assessments:AssessmentsScreen",
        "a",
        "Assessments",
        "Questionnaires to repeat: PHQ-9, PHQ-8, GAD-7, PCL-5, WHO-5",
    ),
    Destination(
        "learn",
        "copingkit.tui.screens.learn:LearnScreen",
        "question_mark",
        "Learn",
        "Short cards: trauma, support, getting help",
        key_display="?",
    ),
    Destination(
        "settings",
        "copingkit.tui.screens.settings:SettingsScreen",
        "comma",
        "Settings",
        "Theme, auto-lock, country, backups",
    ),
    Destination(
        "safety-plan", "copingkit.tui.screens.safety_plan:SafetyPlanScreen", "p", "Safety plan", "My safety plan"
    ),
    Destination(
        "import", "copingkit.tui.screens.import_file:ImportScreen", "m", "Import", "Move in from jrnl, Daylio, Day One"
    ),
    Destination(
        "homework",
        "copingkit.tui.screens.homework:HomeworkScreen",
        "w",
        "Homework",
        "What your packs ask for: due, done",
    ),
    Destination("insights", "copingkit.tui.screens.insights:InsightsScreen", "i", "Insights", "Patterns over time"),
    # Reached by name from another screen.
    Destination("editor", "copingkit.tui.screens.editor:EditorScreen"),
    Destination("thought-record", "copingkit.tui.screens.thought_record:ThoughtRecordScreen"),
    Destination("breathing", "copingkit.tui.screens.tools.breathing:BreathingScreen"),
    Destination("grounding", "copingkit.tui.screens.tools.grounding:GroundingScreen"),
    Destination("muscle-relaxation", "copingkit.tui.screens.tools.muscle:MuscleRelaxationScreen"),
    Destination("safe-place", "copingkit.tui.screens.tools.safe_place:SafePlaceScreen"),
    # Steps of the way in, shown while the journal is locked.
    Destination("locked-error", "copingkit.tui.screens.locked_error:LockedErrorScreen", door=True),
)
"""Every screen by name. One line per screen (see the module's docstring)."""

PLACES: tuple[Destination, ...] = tuple(item for item in DESTINATIONS if item.is_place)
"""The destinations with a key: the palette's places and the app's one-key bindings."""


def destination(name: str) -> Destination | None:
    return next((item for item in DESTINATIONS if item.name == name), None)


def load_screen_class(target: Destination) -> type[Screen]:
    """The screen class for a destination. A missing or broken screen module raises: that is a bug,
    and the test that imports every screen fails on it."""
    screen_class = getattr(importlib.import_module(target.module), target.class_name)
    if not (isinstance(screen_class, type) and issubclass(screen_class, Screen)):
        raise TypeError(f"{target.screen} is not a Screen")
    return screen_class


def preload(*names: str) -> None:
    """Import the screens called `names` (everything they import, and the services they read as
    they open) now, typically in a thread worker while a person types, so that showing them later
    costs no import. Raises what `load_screen_class` raises."""
    from copingkit.core.services import import_service_modules

    for name in names:
        target = destination(name)
        if target is None:
            raise ValueError(f"no destination called {name!r}")
        load_screen_class(target)
        import_service_modules(*target.reads)


def make_screen(target: Destination, **arguments: Any) -> Screen:
    return load_screen_class(target)(**arguments)


def place_bindings() -> list[Binding]:
    """One key per place, running the app's `go` action (`check_action` keeps letters for writing)."""
    return [
        Binding(
            item.key,
            f"go('{item.name}')",
            item.label,
            key_display=item.key_display,
            id=f"go-{item.name}",
            show=item.in_footer,
        )
        for item in PLACES
        if item.key is not None
    ]


class CopingkitCommands(Provider):
    """Command palette entries: Get help, Lock and every place copingkit can go."""

    def _commands(self) -> Iterable[tuple[str, str, Callable[[], Any]]]:
        app = app_context(self.app)
        yield "Get help", "Crisis lines and people to reach out to", app.action_get_help
        if app.unlocked:
            yield "Lock", "Save and lock the journal now", app.action_lock
            for item in PLACES:
                yield item.label, item.help, partial(app.go, item.name)

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands():
            yield DiscoveryHit(name, callback, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), callback, help=help_text)


__all__ = [
    "DESTINATIONS",
    "PLACES",
    "CopingkitCommands",
    "Destination",
    "destination",
    "load_screen_class",
    "make_screen",
    "place_bindings",
    "preload",
]
