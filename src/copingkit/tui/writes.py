"""Screens' writes through a service: a refusal is a calm word to the person, never a crash."""

from __future__ import annotations

from collections.abc import Callable

from textual.widget import Widget

from copingkit.core.errors import InvalidInput, NotFound


def write_or_warn(widget: Widget, change: Callable[[], object]) -> bool:
    """Run `change`; if the service refuses it (bad input, or the row is gone), show why and return False."""
    try:
        change()
    except (InvalidInput, NotFound) as error:
        widget.notify(str(error), severity="warning", timeout=6)
        return False
    return True


__all__ = ["write_or_warn"]
