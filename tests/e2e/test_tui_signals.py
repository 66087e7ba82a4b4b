"""The real app on a real terminal: closing the window, a TERM signal or the panic key straight after
typing keeps every word, releases the lock and exits calmly."""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

import pytest

from tests.support.cli_home import PASSPHRASE, RUNNER, initialise, make_home
from tests.support.terminal import TerminalSession

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="pseudo-terminals and POSIX signals")

WORDS = "Not sleeping for two nights but the walk helped"


@pytest.fixture
def home(tmp_path: Path):
    return initialise(make_home(tmp_path))


def open_editor_and_type(home, words: str) -> TerminalSession:
    env = {**home.env, "TERM": "xterm-256color"}
    env.pop("COPINGKIT_PASSPHRASE_FILE")
    session = TerminalSession(["python", str(RUNNER)], env, home.root / "work")
    session.wait_for(b"Welcome back")
    session.type(PASSPHRASE.encode() + b"\r")
    session.wait_for(b"How are you right now")  # Home is open
    session.type(b"n")
    session.wait_for(b"saves as you type")
    session.type(words.encode())
    session.wait_for(words.split()[-1].encode())  # drawn, so the app has read every key
    return session


def stored_previews(home) -> list[str]:
    result = home.run("list", "--format", "json")
    assert result.returncode == 0, result.stderr  # also: the lock was released
    return [entry["preview"] for entry in json.loads(result.stdout)["entries"]]  # short bodies: whole


@pytest.mark.parametrize("number", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_a_signal_straight_after_typing_keeps_every_word_and_exits_0(home, number) -> None:
    with open_editor_and_type(home, WORDS) as session:
        session.signal(number)
        assert session.wait() == 0
    assert stored_previews(home) == [WORDS]


def test_closing_the_window_mid_sentence_keeps_the_words(home) -> None:
    with open_editor_and_type(home, WORDS) as session:
        session.close_terminal()
        session.wait()
    assert stored_previews(home) == [WORDS]


def test_the_panic_key_straight_after_typing_keeps_every_key(home) -> None:
    with open_editor_and_type(home, "Dear diary") as session:
        session.type(b" and more" + b"\x1b[24~")  # f12 in the same burst as the last words
        session.wait_for(b"Welcome back")
        session.type(b"\x11")  # ctrl+q on the unlock screen
        assert session.wait() == 0
    assert stored_previews(home) == ["Dear diary and more"]
