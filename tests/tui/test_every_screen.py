"""Every screen module imports and every destination is a real screen: a broken screen fails here,
and navigation never shows a stand-in for it."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest
from textual.screen import Screen

import copingkit.tui.screens
from copingkit.tui.app import CopingkitApp
from copingkit.tui.navigation import DESTINATIONS, PLACES, Destination, load_screen_class

SCREENS = Path(copingkit.tui.screens.__file__).parent
SCREEN_MODULES = sorted(
    ".".join(("copingkit", "tui", "screens", *path.relative_to(SCREENS).with_suffix("").parts)).removesuffix(
        ".__init__"
    )
    for path in SCREENS.rglob("*.py")
)


def test_the_screen_list_holds_every_destination_module() -> None:
    assert {item.module for item in DESTINATIONS} <= set(SCREEN_MODULES)
    assert "copingkit.tui.screens.tools.breathing" in SCREEN_MODULES


def test_destination_names_and_keys_are_each_used_once() -> None:
    names = [item.name for item in DESTINATIONS]
    keys = [item.key for item in PLACES]
    assert len(set(names)) == len(names)
    assert len(set(keys)) == len(keys)


def test_every_place_has_its_one_key_binding_and_palette_words() -> None:
    bindings = {binding.id: (binding.key, binding.action) for binding in CopingkitApp.BINDINGS}
    assert {f"go-{item.name}": bindings.get(f"go-{item.name}") for item in PLACES} == {
        f"go-{item.name}": (item.key, f"go('{item.name}')") for item in PLACES
    }
    assert [item.name for item in PLACES if not (item.label and item.help)] == []


@pytest.mark.parametrize("module", SCREEN_MODULES)
def test_every_screen_module_imports(module: str) -> None:
    importlib.import_module(module)


@pytest.mark.parametrize("target", DESTINATIONS, ids=lambda target: target.name)
def test_every_destination_loads_its_own_screen_class(target: Destination) -> None:
    screen_class = load_screen_class(target)
    assert issubclass(screen_class, Screen)
    assert screen_class is getattr(importlib.import_module(target.module), target.class_name)
    assert screen_class.__name__ == target.class_name


def test_a_missing_screen_module_is_an_error() -> None:
    missing = Destination("nowhere", "copingkit.tui.screens.nowhere:NowhereScreen")
    with pytest.raises(ModuleNotFoundError):
        load_screen_class(missing)


def test_a_screen_module_that_fails_to_import_is_an_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "broken_screen_module.py").write_text('raise RuntimeError("broken on purpose")\n')
    monkeypatch.syspath_prepend(str(tmp_path))
    broken = Destination("broken", "broken_screen_module:BrokenScreen")
    with pytest.raises(RuntimeError, match="broken on purpose"):
        load_screen_class(broken)


def test_a_name_that_is_not_a_screen_is_an_error() -> None:
    not_a_screen = Destination("home", "copingkit.tui.screens.home:Vertical")
    with pytest.raises(TypeError, match="is not a Screen"):
        load_screen_class(not_a_screen)
