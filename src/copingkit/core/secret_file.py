"""The one reader of a secret file: its first line, at most SECRET_MAX_CHARS long.

The command line's secrets (cli/secrets.py) and the unlock begun before the command line loads
(copingkit/early_unlock.py) read passphrase and recovery-key files here, so both read the same line
the same way. Nothing here prints: a file that can't be read raises SecretNotRead with the one calm
line, and the caller decides whether to say it.
"""

from __future__ import annotations

from copingkit.core.errors import ExitCode

SECRET_MAX_CHARS = 4096
"""A passphrase file is read one line, at most this long, so a huge file without a newline is never read whole."""


class SecretNotRead(Exception):
    """A secret that couldn't be had from where it was asked for; `str()` is the one calm line."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code


def first_line(source: str, what: str) -> str:
    """The first line of the file `source`, without its line ending; `what` names the secret in a refusal."""
    try:
        with open(source, encoding="utf-8") as handle:
            line = handle.readline(SECRET_MAX_CHARS + 1)
    except FileNotFoundError:
        raise SecretNotRead(f"There is no {what} file at {source}.", ExitCode.USAGE) from None
    except (OSError, UnicodeDecodeError):
        raise SecretNotRead(f"The {what} file {source} couldn't be read.", ExitCode.USAGE) from None
    line = line.rstrip("\r\n")
    if len(line) > SECRET_MAX_CHARS:
        raise SecretNotRead(
            f"The first line of {source} is longer than any {what} copingkit takes ({SECRET_MAX_CHARS:,} characters).",
            ExitCode.BAD_INPUT,
        )
    return line
