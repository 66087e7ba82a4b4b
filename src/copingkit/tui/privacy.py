"""What the app never writes anywhere but the screen: a crash report's local variables, screenshots.

`PrivateOutput` is the app's base class. Its one reach into Textual's private API is `_fatal_error`
(Textual 8.2, pinned in pyproject.toml): the same crash report, built with `show_locals=False`,
because a local variable could hold journal text or a key. tests/faults/test_leaks.py crashes the
real app in a handler and in a worker and looks for a canary in what it prints.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.screen import Screen


class PrivateOutput(App[None]):
    """An app whose crash report holds no local variables and that takes no screenshots."""

    def _fatal_error(self) -> None:
        """Textual's crash report, without local variables: they could hold journal text or keys."""
        import rich
        from rich.segment import Segments
        from rich.traceback import Traceback

        self.bell()
        traceback = Traceback(show_locals=False, width=None, suppress=[rich])
        self._exit_renderables.append(Segments(self.console.render(traceback, self.console.options)))
        self._close_messages_no_wait()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's commands minus the screenshot one: a screenshot would write journal text to a file."""
        for command in super().get_system_commands(screen):
            if "screenshot" not in command.title.lower():
                yield command

    def action_screenshot(self, filename: str | None = None, path: str | None = None) -> None:
        """Screenshots are off: they would write personal text to a plaintext file."""


__all__ = ["PrivateOutput"]
