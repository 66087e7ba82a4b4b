"""Whatever bytes a person (or a script) hands the command line, it answers with one calm line and loses nothing.

In-process through click's CliRunner on a vault made with the test KDF profile, so hypothesis can
try many inputs quickly. Arguments arrive the way the OS hands them to Python: bytes decoded with
surrogateescape, so invalid UTF-8 shows up as lone surrogates.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from tests.support.cli import InProcessCli, make_home

DOCUMENTED_EXITS = {0, 1, 2}
"""What these commands may end with (DESIGN.md §4): ok, bad input, usage. 3–6 need a wrong key, a damaged file, a lock or a conflict."""


def _argv(raw: bytes) -> str:
    return os.fsdecode(raw.replace(b"\0", b""))


_typed = st.one_of(
    st.text(st.characters(blacklist_characters="\0", blacklist_categories=("Cs",)), max_size=30),
    st.binary(max_size=30).map(_argv),
)
_dates = st.one_of(
    st.sampled_from(
        [
            "today",
            "yesterday",
            "3 days ago",
            "2 weeks ago",
            "2026-07-01 09:00",
            "2026-03-08 02:30",
            "0001-01-01",
            "9999-12-31",
            "2031-01-01",
            "99999999 days ago",
            "2026-07-01T09:00+14:00",
        ]
    ),
    st.text("0123456789", min_size=1, max_size=6000),
    _typed,
)
_numbers = st.one_of(st.integers(-10, 10**6).map(str), st.text("0123456789", min_size=1, max_size=6000), _typed)
_stdin = st.one_of(
    st.binary(max_size=200), st.text(max_size=100).map(lambda text: text.encode("utf-8", "surrogatepass"))
)


def _options(*pairs: tuple[str, st.SearchStrategy[str]]) -> st.SearchStrategy[list[str]]:
    """Each option present or not, in a fixed order."""
    return st.tuples(
        *(st.one_of(st.none(), values.map(lambda value, flag=flag: [flag, value])) for flag, values in pairs)
    ).map(lambda chosen: [word for pair in chosen if pair for word in pair])


def _import_files(export: bytes) -> st.SearchStrategy[bytes]:
    spliced = st.tuples(st.integers(0, len(export)), st.integers(0, 40), st.binary(max_size=20)).map(
        lambda cut: export[: cut[0]] + cut[2] + export[cut[0] + cut[1] :]
    )
    leaves = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(), st.text(max_size=20), _dates)
    document = json.loads(export)
    tables = document["tables"]
    reshaped = st.tuples(st.sampled_from(sorted(name for name, rows in tables.items() if rows)), leaves).map(
        lambda change: json.dumps(
            {**document, "tables": {**tables, change[0]: [{key: change[1] for key in tables[change[0]][0]}]}}
        ).encode()
    )
    return st.one_of(
        st.binary(max_size=300),
        spliced,
        reshaped,
        st.recursive(
            leaves,
            lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3),
            max_leaves=10,
        ).map(lambda value: json.dumps(value).encode()),
    )


def _commands(export: bytes) -> st.SearchStrategy[tuple[list[str], bytes | None, bytes | None]]:
    """(arguments, standard input, import file contents)."""
    write = st.tuples(
        st.one_of(_typed.map(lambda text: [text]), st.just(["-"])),
        _options(("--tag", _typed), ("--title", _typed), ("--at", _dates)),
        _stdin,
    ).map(lambda parts: (["write", *parts[0], *parts[1]], parts[2], None))
    checkin = st.tuples(
        st.one_of(st.sampled_from(["1", "3", "5"]), _numbers),
        _options(("--note", _typed), ("--tag", _typed), ("--at", _dates)),
    ).map(lambda parts: (["checkin", parts[0], *parts[1]], None, None))
    listing = _options(
        ("--from", _dates),
        ("--to", _dates),
        ("--tag", _typed),
        ("--limit", _numbers),
        ("--format", st.sampled_from(["json", "text"])),
    ).map(lambda options: (["list", *options], None, None))
    search = st.tuples(_typed, _options(("--limit", _numbers))).map(
        lambda parts: (["search", parts[0], *parts[1]], None, None)
    )
    imports = _import_files(export).map(lambda data: (["import", "--format", "copingkit-json", "IMPORT"], None, data))
    return st.one_of(write, checkin, listing, search, imports)


@dataclass(frozen=True)
class Journal:
    home: InProcessCli
    original: bytes = field(repr=False)
    export: bytes = field(repr=False)


@pytest.fixture(scope="module")
def journal(tmp_path_factory: pytest.TempPathFactory) -> Journal:
    """A journal with a little in it, its bytes, and a real export of it to mutate."""
    home = make_home(tmp_path_factory.mktemp("fuzz"))
    assert home.run("write", "the river was calm", "--tag", "walk", "--title", "Evening").exit_code == 0
    assert home.run("checkin", "4", "--note", "steady", "--tag", "sleep").exit_code == 0
    target = home.root / "export.json"
    assert home.run("export", "--format", "json", "--output", str(target)).exit_code == 0
    return Journal(home, home.vault.read_bytes(), target.read_bytes())


def _run(home: InProcessCli, original: bytes, args: list[str], stdin: bytes | None, contents: bytes | None):
    home.vault.write_bytes(original)
    if contents is not None:
        path = home.root / "import.json"
        path.write_bytes(contents)
        args = [str(path) if word == "IMPORT" else word for word in args]
    return home.run(*args, input=stdin)


def _assert_calm(result, home: InProcessCli, original: bytes) -> None:
    assert result.exc_info[0] is SystemExit, repr(result.exception)  # click's main always ends in sys.exit
    assert "Traceback" not in result.output
    assert result.exit_code in DOCUMENTED_EXITS
    if result.exit_code != 0:
        assert home.vault.read_bytes() == original
    if result.exit_code == 1:
        assert len(result.stderr.strip().splitlines()) == 1, result.stderr


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_any_bytes_on_any_input_path_get_a_calm_answer_and_leave_the_vault_alone(journal, data) -> None:
    home, original, export = journal.home, journal.original, journal.export
    args, stdin, contents = data.draw(_commands(export))
    result = _run(home, original, args, stdin, contents)
    event(f"{args[0]} exit {result.exit_code}")
    _assert_calm(result, home, original)


@pytest.mark.parametrize(
    ("args", "stdin", "contents", "words"),
    [
        (["write", _argv(b"bad \xff bytes")], None, None, "TEXT isn't valid text (UTF-8)"),
        (["write", "words", "--tag", _argv(b"t\xc3")], None, None, "--tag isn't valid text (UTF-8)"),
        (["write", "words", "--title", _argv(b"\xed\xa0\x80")], None, None, "--title isn't valid text (UTF-8)"),
        (["checkin", "3", "--note", _argv(b"\xfe")], None, None, "--note isn't valid text (UTF-8)"),
        (["list", "--tag", _argv(b"\xff")], None, None, "--tag isn't valid text (UTF-8)"),
        (["search", _argv(b"q\xff")], None, None, "QUERY isn't valid text (UTF-8)"),
        (["write", "-"], b"bad \xff stdin", None, "standard input isn't valid text (UTF-8)"),
        (["checkin", "9" * 5000], None, None, "MOOD is too big a number (5,000 digits)"),
        (["list", "--limit", "9" * 5000], None, None, "--limit is too big a number"),
        (["import", "--format", "copingkit-json", "IMPORT"], None, b"[" * 200_000, "is not a copingkit JSON export"),
        (
            ["import", "--format", "copingkit-json", "IMPORT"],
            None,
            b'{"format": "copingkit-export", "version": ' + b"9" * 5000 + b"}",
            "is not a copingkit JSON export",
        ),
        (
            ["import", "--format", "copingkit-json", "IMPORT"],
            None,
            b'{"format": "copingkit-export", "version": 1, "entries": "\xff"}',
            "isn't valid text (UTF-8)",
        ),
        (
            ["import", "--format", "copingkit-json", "IMPORT"],
            None,
            b'{"format": "copingkit-export", "version": 1, "x": "\\ud800"}',
            None,
        ),
    ],
    ids=[
        "text",
        "tag",
        "title",
        "note",
        "list-tag",
        "query",
        "stdin",
        "mood-digits",
        "limit-digits",
        "deep-json",
        "json-digits",
        "json-bytes",
        "json-lone-surrogate",
    ],
)
def test_each_kind_of_bad_input_has_its_own_calm_line(journal, args, stdin, contents, words) -> None:
    home, original = journal.home, journal.original
    result = _run(home, original, args, stdin, contents)
    _assert_calm(result, home, original)
    assert result.exit_code == 1
    if words is not None:
        assert words in result.stderr


def test_a_file_past_the_ceiling_is_refused_before_it_is_read_whole(journal, monkeypatch: pytest.MonkeyPatch) -> None:
    from copingkit.cli import common

    home, original, export = journal.home, journal.original, journal.export
    monkeypatch.setattr(common, "INPUT_MAX_BYTES", len(export) - 1)
    result = _run(home, original, ["import", "--format", "copingkit-json", "IMPORT"], None, export)
    _assert_calm(result, home, original)
    assert result.exit_code == 1 and "more than copingkit reads at once" in result.stderr
    piped = _run(home, original, ["write", "-"], b"x" * len(export), None)
    _assert_calm(piped, home, original)
    assert piped.exit_code == 1 and "Standard input is more than copingkit reads at once" in piped.stderr


@example(b"\xff")
@settings(max_examples=20, deadline=None)
@given(country=st.binary(min_size=1, max_size=6))
def test_help_now_is_never_a_barrier_whatever_the_country_bytes(tmp_path_factory, country: bytes) -> None:
    home = make_home(tmp_path_factory.mktemp("help"), with_vault=False)
    result = home.run("help-now", "--country", _argv(country) or "X")
    assert result.exit_code == 0, result.output
    assert "Emergency" in result.stdout


def test_a_passphrase_file_with_no_line_end_is_not_read_whole(journal) -> None:
    home, original = journal.home, journal.original
    endless = home.root / "endless"
    endless.write_bytes(b"x" * 100_000)
    home.vault.write_bytes(original)
    result = home.run("--passphrase-file", str(endless), "write", "words")
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == f"The first line of {endless} is longer than any passphrase copingkit takes (4,096 characters)."
    )
    assert home.vault.read_bytes() == original
