"""The core stays headless; the CLI stays free of textual until the app is asked for."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_import_linter_contract_is_kept():
    lint = Path(sys.executable).with_name("lint-imports")
    result = subprocess.run(
        [str(lint), "--config", str(ROOT / ".importlinter")], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "5 kept, 0 broken" in result.stdout


def test_pyflakes_finds_nothing_even_where_a_line_says_noqa():
    """ruff's F rules are pyflakes'; `--ignore-noqa` reads them as pyflakes itself does, with no way to
    silence one: an import kept for its side effect is written so that it is used."""
    ruff = Path(sys.executable).with_name("ruff")
    result = subprocess.run(
        [str(ruff), "check", "--select", "F", "--ignore-noqa", "--no-cache", "src", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _modules_after(code: str) -> set[str]:
    probe = f"import sys\n{code}\nprint('\\n'.join(sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_cli_commands_do_not_import_textual():
    loaded = _modules_after(
        "from click.testing import CliRunner\n"
        "from copingkit.cli import main\n"
        "CliRunner().invoke(main, ['--help'])\n"
        "CliRunner().invoke(main, ['doctor'])\n"
    )
    assert "copingkit.cli" in loaded
    assert not {m for m in loaded if m == "textual" or m.startswith(("textual.", "copingkit.tui"))}


def test_package_import_is_light():
    loaded = _modules_after("import copingkit")
    assert "sqlmodel" not in loaded and "textual" not in loaded and "cryptography" not in loaded


TESTS = ROOT / "tests"


def _test_sources() -> dict[Path, str]:
    return {path: path.read_text() for path in TESTS.rglob("*.py") if "__snapshots__" not in path.parts}


def test_no_test_module_imports_another_test_module_or_a_conftest_by_name():
    """Shared helpers live in tests/support/ or in fixtures; a bare `from conftest import` or `from
    test_x import` only works through whatever pytest put on sys.path."""
    import re

    bare = re.compile(
        r"^[ \t]*(?:from|import) +(?:conftest|test_\w+)\b|^[ \t]*from +(?:\.|tests\.\w+\.)test_\w+ |^[ \t]*from +tests\.\w+\.conftest ",
        re.M,
    )
    found = {str(path.relative_to(ROOT)): bare.findall(text) for path, text in _test_sources().items()}
    assert {path: lines for path, lines in found.items() if lines} == {}


def test_every_test_folder_is_a_package_so_two_folders_may_hold_the_same_file_name():
    """Without __init__.py, tests/unit/test_homework.py and tests/tui/test_homework.py are both the module
    `test_homework`, and the second fails to collect (seen in a full run)."""
    folders = {path.parent for path in TESTS.rglob("test_*.py") if "__snapshots__" not in path.parts}
    assert sorted(str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").exists()) == []


def test_no_test_skips_when_one_of_our_modules_is_missing():
    markers = ("import" + "orskip", "except " + "ImportError", "except " + "ModuleNotFoundError")
    offenders = {
        (str(path.relative_to(ROOT)), marker)
        for path, text in _test_sources().items()
        for marker in markers
        if marker in text
    }
    assert offenders == set()


def test_no_test_sleeps_for_real_in_a_pilot():
    """Time in the TUI tests passes with `test_time.advance` (tests/support/timers.py)."""
    import re

    sleeping = re.compile(r"\.pause\(\s*[^)\s]")
    offenders = {str(path.relative_to(ROOT)) for path, text in _test_sources().items() if sleeping.search(text)}
    assert offenders == set()


def test_screens_and_widgets_reach_the_app_only_through_its_typed_context() -> None:
    """No `getattr(self.app, ...)` with a default, or `hasattr(self.app, ...)`, that hides a missing piece
    (tui/context.py instead)."""
    source = Path(__file__).resolve().parents[2] / "src" / "copingkit"
    found = [
        f"{path.relative_to(source)}:{number}"
        for path in source.rglob("*.py")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if "getattr(self.app" in line or "hasattr(self.app" in line
    ]
    assert found == []


TUI = ROOT / "src" / "copingkit" / "tui"


def _below_the_app() -> dict[Path, ast.Module]:
    """Every TUI module but the app module itself (and its package, if it becomes one)."""
    return {
        path: ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for path in sorted(TUI.rglob("*.py"))
        if path != TUI / "app.py" and (TUI / "app") not in path.parents
    }


def _context_members() -> set[str]:
    from copingkit.tui.context import AppContext

    return set(AppContext.__annotations__) | {name for name in vars(AppContext) if not name.startswith("_")}


def _is_self_app(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Attribute)
        and node.attr == "app"
        and isinstance(node.value, ast.Name)
        and node.value.id == "self"
    )


def _is_context_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "app_context"


def test_screens_use_only_textuals_own_api_on_self_app() -> None:
    """`self.app.X` is for Textual's App (push_screen, screen_stack, call_from_thread, ...), typed by
    Textual; copingkit's own parts (services, clock, saving, ...) go through `app_context(self)` or
    `open_services(self)`, typed by tui/context.py's protocol."""
    from textual.app import App

    textuals = set(dir(App())) - _context_members()  # an instance: some (animation_level) are set in __init__
    found = sorted(
        f"{path.relative_to(TUI)}:{node.lineno} self.app.{node.attr}"
        for path, tree in _below_the_app().items()
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute) and _is_self_app(node.value) and node.attr not in textuals
    )
    assert found == []


def test_what_screens_ask_of_the_context_is_in_the_protocol() -> None:
    """`app_context(...).X`, and `x.X` where `x = app_context(...)`, name a member of AppContext (no
    type checker runs here, so this is what keeps the protocol honest)."""
    members = _context_members()
    found = []
    for path, tree in _below_the_app().items():
        for function in ast.walk(tree):
            if not isinstance(function, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Module)):
                continue
            bound = {
                target.id
                for node in ast.walk(function)
                if isinstance(node, ast.Assign) and _is_context_call(node.value)
                for target in node.targets
                if isinstance(target, ast.Name)
            }
            found += [
                f"{path.relative_to(TUI)}:{node.lineno} .{node.attr}"
                for node in ast.walk(function)
                if isinstance(node, ast.Attribute)
                and (_is_context_call(node.value) or (isinstance(node.value, ast.Name) and node.value.id in bound))
                and node.attr not in members
            ]
    assert sorted(set(found)) == []


def test_the_app_has_everything_the_context_promises(tmp_path: Path) -> None:
    """What `_implements_the_context` in tui/app.py claims for a type checker, checked on a real app."""
    from copingkit.config import Config
    from copingkit.tui.app import CopingkitApp

    app = CopingkitApp(vault_path=tmp_path / "journal.vault", config=Config(), config_path=None)
    assert sorted(name for name in _context_members() if not hasattr(app, name)) == []
