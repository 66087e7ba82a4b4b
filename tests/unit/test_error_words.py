"""One table of words and exit codes (core/error_words.py) for every error the core raises, and no code
that reads English to decide anything."""

from __future__ import annotations

import ast
import pkgutil
import re
from importlib import import_module
from pathlib import Path

import copingkit.core
from copingkit.core import error_words
from copingkit.core.error_words import TABLE, ExitCode, explain, full_words, what_next, words_for
from copingkit.core.errors import CopingkitError, InvalidInput
from copingkit.core.vault import errors

SRC = Path(copingkit.core.__file__).resolve().parents[1]


def _subclasses(base: type) -> set[type]:
    found: set[type] = set()
    todo = [base]
    while todo:
        for sub in todo.pop().__subclasses__():
            if sub not in found:
                found.add(sub)
                todo.append(sub)
    return found


def _core_error_types() -> set[type]:
    for info in pkgutil.walk_packages(copingkit.core.__path__, "copingkit.core."):
        import_module(info.name)
    kinds = {errors.VaultError, CopingkitError} | _subclasses(errors.VaultError) | _subclasses(CopingkitError)
    return {kind for kind in kinds if kind.__module__.startswith("copingkit.core")}


def _listed(kind: type) -> bool:
    return kind in TABLE or f"{kind.__module__}.{kind.__qualname__}" in error_words.BY_NAME


def test_every_error_type_in_the_core_has_its_own_words_and_exit_code() -> None:
    missing = {f"{kind.__module__}.{kind.__qualname__}" for kind in _core_error_types() if not _listed(kind)}
    assert missing == set()


def test_every_error_named_in_the_table_is_a_real_type() -> None:
    real = {f"{kind.__module__}.{kind.__qualname__}" for kind in _core_error_types()}
    assert set(error_words.BY_NAME) - real == set()


def test_every_entry_has_words_or_uses_the_errors_own_message_and_a_contract_exit_code() -> None:
    odd = {
        kind.__qualname__
        for kind, entry in TABLE.items()
        if not isinstance(entry.exit_code, ExitCode) or (entry.words is not None and not entry.words.strip())
    }
    assert odd == set()


def test_the_exit_codes_are_the_contracts() -> None:
    """DESIGN.md §4: 1 bad input (a refused folder, read-only, a recovery key's shape, memory, a failed save),
    3 wrong secret, 4 damaged or too costly, 5 open elsewhere, 6 conflict."""
    vault_codes = {
        kind.__name__: int(error_words.entry_for(kind).exit_code) for kind in _core_error_types() if _listed(kind)
    }
    assert vault_codes == {
        "VaultError": 4,
        "NotAVault": 1,
        "UnsupportedVersion": 4,
        "Malformed": 4,
        "WrongSecret": 3,
        "KeyNotAccepted": 3,
        "RecoveryKeyShape": 1,
        "Tampered": 4,
        "Conflict": 6,
        "Locked": 5,
        "SaveFailed": 1,
        "AlreadyExists": 1,
        "VaultMissing": 1,
        "TooCostly": 4,
        "NotEnoughMemory": 1,
        "CryptoFailed": 1,
        "DerivationCancelled": 1,
        "FolderNotTrusted": 1,
        "ReadOnly": 1,
        "CopingkitError": 1,
        "InvalidInput": 1,
        "NotFound": 1,
        "SchemaTooNew": 1,
        "PassphraseNeeded": 2,
        "WrongSourcePassphrase": 3,
        "PackError": 1,
    }


def test_a_damaged_journal_lists_its_newest_backups_apart_from_its_words() -> None:
    backups = tuple(Path(f"/b/journal-2026110{day}.vault") for day in range(1, 6))
    said = explain(errors.Tampered("tag", backups=backups))
    assert said is not None
    assert (said.words, said.backups) == (
        "The journal file is damaged or was changed outside copingkit, so it can't be opened.",
        backups,
    )
    assert said.full == (
        f"{said.words} Backups you can restore with `copingkit restore PATH`: "
        "/b/journal-20261103.vault, /b/journal-20261104.vault, /b/journal-20261105.vault"
    )
    assert full_words(errors.Malformed("short")).endswith(" No backups were found beside it.")


def test_the_variants_are_told_apart_by_type_and_field() -> None:
    assert words_for(errors.WrongSecret(errors.Secret.RECOVERY_KEY)) == error_words.RECOVERY_KEY_WRONG
    assert words_for(errors.RecoveryKeyShape()).startswith("That doesn't look like a recovery key")
    assert words_for(errors.TooCostly(errors.CostReason.KDF)).endswith(error_words.TOO_COSTLY_TRUST)
    assert words_for(errors.Conflict("x")) == error_words.CONFLICT_COPY_NOT_WRITTEN
    assert words_for(errors.Conflict("x", conflict_copy=Path("/c.vault"))).endswith(" Your version: /c.vault")
    assert words_for(InvalidInput("Mood is a number from 1 to 5.")) == "Mood is a number from 1 to 5."


def test_a_failed_save_says_what_is_true_where_it_is_said() -> None:
    error = errors.SaveFailed("No space left on device")
    in_the_app = explain(error)
    at_exit = explain(error, process_ends=True)
    assert in_the_app is not None and at_exit is not None
    assert in_the_app.words == (
        "Couldn't save just now. Your writing is safe in memory and will be saved on the next try. "
        "(No space left on device)"
    )
    assert at_exit.words == (
        "Couldn't save (No space left on device). Nothing was changed; please try again once that is sorted out."
    )


def test_what_is_not_ours_is_not_explained() -> None:
    assert explain(KeyError("x")) is None
    assert words_for(KeyError("x")) == error_words.GENERIC


def test_what_next_follows_the_type() -> None:
    assert what_next(errors.Locked(), None).startswith("Close copingkit in the other window")
    assert what_next(errors.NotAVault(), Path("/j.vault")).startswith("copingkit is looking at /j.vault.")


# ---- no code reads English to decide anything -------------------------------------------------------

ENGLISH = re.compile(r"[A-Za-z]'[a-z]|[A-Za-z]{2,} [A-Za-z]{2,}")
"""A constant that reads as words ("Couldn't", "another program"), not as a marker ("- ", "#")."""
TEXT_METHODS = {"startswith", "endswith", "split", "rsplit", "partition", "find", "index", "count"}


def _is_english(node: ast.AST) -> bool:
    if isinstance(node, ast.Tuple):
        return any(_is_english(item) for item in node.elts)
    return isinstance(node, ast.Constant) and isinstance(node.value, str) and bool(ENGLISH.search(node.value))


def _is_str_of_something(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str"


def _reads_english(node: ast.AST) -> bool:
    if isinstance(node, ast.Compare):
        sides = [node.left, *node.comparators]
        if any(_is_str_of_something(side) for side in sides) and any(isinstance(side, ast.Constant) for side in sides):
            return True  # str(error) == "a different journal"
        if any(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops) and _is_english(node.left):
            return True  # "changed by another program" in text
        return any(isinstance(op, (ast.Eq, ast.NotEq)) for op in node.ops) and any(_is_english(s) for s in sides)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in TEXT_METHODS:
        return any(_is_english(arg) for arg in node.args)  # text.startswith("Couldn't")
    return False


DATA_MARKERS = {("core/content/models.py", "In copingkit:")}
"""Prefixes that are a content file's own format (a source "In copingkit: <where>"), not a message's words."""


def _marker(node: ast.AST) -> str | None:
    constants = [sub.value for sub in ast.walk(node) if isinstance(sub, ast.Constant) and isinstance(sub.value, str)]
    return constants[0] if len(constants) == 1 else None


def _offenders(source: str, name: str) -> list[str]:
    tree = ast.parse(source)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, (ast.If, ast.IfExp, ast.While, ast.Assert, ast.comprehension)):
            tests = node.ifs if isinstance(node, ast.comprehension) else [node.test]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in TEXT_METHODS:
            tests = [node]
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "set_class":
            tests = node.args[:1]
        else:
            continue
        for test in tests:
            found.extend(
                f"{name}:{sub.lineno}"
                for sub in ast.walk(test)
                if _reads_english(sub) and (name, _marker(sub)) not in DATA_MARKERS
            )
    return sorted(set(found))


def test_the_check_finds_each_way_of_reading_english() -> None:
    samples = [
        'if str(error) == "a different journal": pass',
        "self.set_class(text.startswith(\"Couldn't\") or 'changed by another program' in text, '-failed')",
        'words = words.split(" Backups you can restore")[0]',
        'if warning.text == "Couldn\'t write the folder": pass',
    ]
    assert [bool(_offenders(sample, "sample")) for sample in samples] == [True, True, True, True]
    assert _offenders('if paragraph.startswith("- "): pass\nparts = text.split(",")', "sample") == []


def test_no_code_in_src_branches_on_message_text() -> None:
    offenders = [
        spot
        for path in sorted(SRC.rglob("*.py"))
        for spot in _offenders(path.read_text(encoding="utf-8"), str(path.relative_to(SRC)))
    ]
    assert offenders == []
