"""Reusable widgets. Widgets post messages; they never call services."""

from copingkit.tui.widgets.save_status import SaveStatus

__all__ = ["SaveStatus"]
