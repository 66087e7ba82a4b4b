"""Small text widgets shared by the way-in screens and the keys modal."""

from __future__ import annotations

from textual.widgets import Static


class Note(Static):
    """A line of guidance that takes no room until it has something to say."""

    def on_mount(self) -> None:
        self.display = bool(str(self.render()).strip())

    def say(self, text: str) -> None:
        self.update(text)
        self.display = bool(text)


def recovery_key_lines(key: str) -> str:
    """The key in groups of four, two rows, easy to copy by hand."""
    groups = [group for group in key.replace(" ", "-").split("-") if group]
    half = (len(groups) + 1) // 2
    return "  ".join(groups[:half]) + "\n" + "  ".join(groups[half:])
