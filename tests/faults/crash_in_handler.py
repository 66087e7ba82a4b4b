"""The real app (demo vault, hardened like the entry point) with a handler that fails while a local
variable holds a canary; run headless, it prints Textual's crash report on exit."""

from __future__ import annotations

import sys

from copingkit import hardening

hardening.apply()

from copingkit import config  # noqa: E402
from copingkit.core.sample_data import build_demo_vault  # noqa: E402
from copingkit.tui.app import CopingkitApp  # noqa: E402

CANARY, WHERE = sys.argv[1], sys.argv[2]  # WHERE: "handler" or "worker" (a thread worker)


def fail_with_private_words() -> None:
    private_words = f"my private words {CANARY}"
    raise RuntimeError("a handler failed " + str(len(private_words)))


def failing_get_help(self) -> None:
    if WHERE == "worker":
        self.run_worker(fail_with_private_words, thread=True)
    else:
        fail_with_private_words()


CopingkitApp.action_get_help = failing_get_help  # the real class, so its crash report is the one tested


async def press_f1(pilot) -> None:
    await pilot.pause()
    await pilot.press("f1")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


if __name__ == "__main__":
    app = CopingkitApp(
        vault_path=None, config=config.Config(country="GB"), config_path=None, demo_vault=build_demo_vault()
    )
    app.run(headless=True, auto_pilot=press_f1)
    sys.exit(app.return_code or 0)
