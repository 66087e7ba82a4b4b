"""One line that says whether the journal is saved: "Saved", "Saving…", or why not."""

from __future__ import annotations

from textual.widgets import Static

from copingkit.tui.saving import StatusLine


class SaveStatus(Static):
    """Mirrors `app.save_status`; the app mounts one on every screen that holds the journal."""

    DEFAULT_CSS = """
    SaveStatus {
        dock: bottom;
        height: auto;
        max-height: 3;
        width: 100%;
        padding: 0 1;
        margin-bottom: 1;
        text-align: right;
        color: $text-muted;
        background: $surface;
    }
    SaveStatus.-failed {
        color: $text-warning;
    }
    """

    def on_mount(self) -> None:
        self.watch(self.app, "save_status", self._show)  # AppContext.save_status, a reactive on the app

    def _show(self, text: str) -> None:
        self.update(text)
        self.set_class(isinstance(text, StatusLine) and text.failed, "-failed")
