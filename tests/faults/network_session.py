"""A Pilot session of the real app after `hardening.install_network_guard()`: network calls made from
inside the running app are refused, and the app keeps working. Prints one JSON report."""

from __future__ import annotations

import asyncio
import json
import socket
import urllib.request

from copingkit import hardening

hardening.install_network_guard()

from copingkit.config import Config  # noqa: E402
from copingkit.core.sample_data import build_demo_vault  # noqa: E402
from copingkit.tui.app import CopingkitApp  # noqa: E402


def attempt(action) -> str:
    try:
        action()
    except hardening.NetworkRefused:
        return "refused"
    except Exception as error:  # anything else means the guard did not stop it first
        return f"other: {type(error).__name__}: {error}"
    return "allowed"


ATTEMPTS = {
    "getaddrinfo": lambda: socket.getaddrinfo("example.org", 443),
    "gethostbyname": lambda: socket.gethostbyname("example.org"),
    "connect": lambda: socket.create_connection(("127.0.0.1", 9), timeout=1),
    "connect6": lambda: socket.create_connection(("::1", 9), timeout=1),
    "udp": lambda: socket.socket(socket.AF_INET, socket.SOCK_DGRAM).sendto(b"x", ("127.0.0.1", 9)),
    "urlopen": lambda: urllib.request.urlopen("http://127.0.0.1:9/", timeout=1),
    "urlopen_https": lambda: urllib.request.urlopen("https://example.org/", timeout=1),
}


async def main() -> dict:
    report: dict = {}
    vault = build_demo_vault()
    app = CopingkitApp(vault_path=None, config=Config(country="GB"), config_path=None, demo_vault=vault)
    app.animation_level = "none"
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        report["in_app"] = {name: attempt(action) for name, action in ATTEMPTS.items()}
        worker = app.run_worker(lambda: {name: attempt(action) for name, action in ATTEMPTS.items()}, thread=True)
        await app.workers.wait_for_complete()
        report["in_worker"] = worker.result
        report["unix"] = attempt(lambda: socket.socketpair()[0].close())
        before = app.services.checkins.count()
        await pilot.press("c")
        await pilot.pause()
        await app.workers.wait_for_complete()
        app.screen.query_one("#checkin-mood").focus()
        await pilot.press("4")
        await pilot.pause()
        await app.workers.wait_for_complete()
        report["checkins_added"] = app.services.checkins.count() - before
        await pilot.press("escape", "j")
        await pilot.pause()
        report["screen_after"] = type(app.screen).__name__
        report["entries"] = app.services.journal.count()
    report["return_code"] = app.return_code
    return report


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main())))
