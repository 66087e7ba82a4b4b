"""Entry point: harden the process first, then hand over to the command line."""

from __future__ import annotations


def main() -> None:
    from copingkit import hardening

    hardening.apply()
    from copingkit.cli import main as cli_main

    cli_main()


if __name__ == "__main__":
    main()
