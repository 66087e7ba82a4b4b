"""Begin deriving the passphrase's key before the command line is even loaded.

Almost every command opens the vault, and the passphrase's Argon2id (~0.1 s at the floor, in a child:
core/derivation.py) is the longest step of it. Nothing that comes before it needs the command line:
started here, as the process begins, the child's start and its derivation run while click, the
command's module, the store and the services are imported, instead of after them
(`copingkit --passphrase-file F list --limit 10` at the floor KDF, 20,000 entries: see the README's
performance section).

This reads only what the group's own options say, as click will (cli/app.py: `--vault`,
`--passphrase-file`, `--trust-folder`, `--allow-costly-kdf` before the command's name, or their
environment variables), and gives up at anything else: an unknown option, `--help`, `--version`,
no command (the app), a command that doesn't unlock with that passphrase, a passphrase from standard
input, a pipe or a prompt, a key agent that may hold the key. Giving up costs nothing: the command begins the
same derivation itself, as it always did (core/vault/ahead.py).

It changes when the work starts, never what is done: the open takes the begun child only for the
very same passphrase, salt and costs; the file's header and costs are checked first, as an open
checks them; nothing is printed, whatever is wrong; and a child nobody took is ended at exit.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

VALUED = {"--vault": "vault", "--passphrase-file": "passphrase_file"}
"""The group's options that take a value (cli/app.py), by the field of `Request` they fill."""
FLAGS = {"--trust-folder", "--allow-costly-kdf"}
"""The group's flags (cli/app.py)."""
COMMANDS_NOT_UNLOCKING = frozenset({"init", "recover", "doctor", "demo", "lock"})
"""Commands that never open the vault with the --passphrase-file passphrase: nothing is begun for them."""
GIVE_UP = frozenset({"-h", "--help", "--version"})


class Request(NamedTuple):
    """What the group's options say about the unlock to come (a NamedTuple, not a dataclass: typing is
    loaded already, and dataclasses' import would come before the child's start)."""

    vault: Path
    passphrase_file: str
    allow_costly: bool


def begin(argv: list[str], environ: os._Environ[str] | dict[str, str] = os.environ) -> bool:
    """Begin the derivation the command in `argv` (without the program's name) will ask for; whether
    one was begun. Never raises and never prints."""
    try:
        request = parse(argv, environ)
        if request is None or not _a_plain_file(request.passphrase_file) or _agent_may_be_running():
            return False
        import atexit

        from copingkit.core import derivation

        derivation.prespawn()  # its interpreter starts while the passphrase and the header are read
        atexit.register(derivation.discard_ahead)
        if not _begin(request):
            derivation.discard_ahead()
            return False
        return True
    except Exception:  # noqa: BLE001 - only ever a head start: the command does all of this again itself
        return False


def _begin(request: Request) -> bool:
    from copingkit.core.secret_file import SecretNotRead, first_line

    try:
        passphrase = first_line(request.passphrase_file, "passphrase")
    except SecretNotRead:
        return False  # the command reads it again, and says what is wrong
    from copingkit.core.vault import ahead

    return ahead.begin(request.vault, passphrase, allow_costly=request.allow_costly)


def parse(argv: list[str], environ: os._Environ[str] | dict[str, str] = os.environ) -> Request | None:
    """The vault, the passphrase file and --allow-costly-kdf, as the group's options give them to a
    command that unlocks with that passphrase; None wherever that isn't certain."""
    given: dict[str, str] = {}
    allow_costly = False
    at = 0
    while at < len(argv):
        token = argv[at]
        if not token.startswith("-"):
            break  # the command's name
        name, equals, value = token.partition("=")
        if name in VALUED:
            if not equals:
                at += 1
                if at == len(argv):
                    return None
                value = argv[at]
            given[VALUED[name]] = value
        elif token in FLAGS:
            allow_costly = allow_costly or token == "--allow-costly-kdf"
        else:
            return None  # --help, --version, `--`, or anything click would say more about
        at += 1
    if at == len(argv) or argv[at] in COMMANDS_NOT_UNLOCKING or GIVE_UP & set(argv[at:]):
        return None
    from copingkit import paths

    passphrase_file = given.get("passphrase_file") or environ.get("COPINGKIT_PASSPHRASE_FILE") or None
    if passphrase_file is None or passphrase_file == "-":
        return None
    vault = given.get("vault") or environ.get(paths.VAULT_ENV) or None
    path = Path(vault) if vault else paths.default_vault_path()
    return Request(vault=path.expanduser(), passphrase_file=passphrase_file, allow_costly=allow_costly)


def _a_plain_file(path: str) -> bool:
    """Whether `path` is a regular file, which can be read twice: a pipe (`--passphrase-file
    <(pass show journal)`, /dev/stdin) gives its line once, and that line belongs to the command."""
    import stat

    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False


def _agent_may_be_running() -> bool:
    """Whether a key agent's socket is there (`copingkit unlock`): then the command asks it first, and a
    derivation begun meanwhile would only slow down an open that needs none."""
    from copingkit.core import agent_socket

    try:
        return agent_socket.socket_path().exists()
    except (OSError, agent_socket.AgentUnavailable):
        return False
