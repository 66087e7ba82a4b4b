"""An OptionList of saved rows (check-ins, group sessions), each option's id the row's id."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, Protocol

from textual.widgets import OptionList
from textual.widgets.option_list import Option


class _Row(Protocol):
    @property
    def id(self) -> int: ...


def highlighted_row_id(options: OptionList) -> int | None:
    """The id of the highlighted row; None when nothing (or the "nothing yet" line) is highlighted."""
    option = options.highlighted_option
    if option is None or not (option.id or "").isdigit():
        return None
    return int(option.id or 0)


def fill_rows(
    options: OptionList,
    rows: Sequence[_Row],
    prompt: Callable[[Any], Any],
    *,
    empty: str,
    select: int | None = None,
) -> None:
    """Show `rows`, newest first as given, keeping the highlighted row (or `select`) highlighted;
    `empty` is the one, disabled line shown when there are none."""
    keep = select if select is not None else highlighted_row_id(options)
    options.clear_options()
    if not rows:
        options.add_option(Option(empty, id="none", disabled=True))
        return
    options.add_options([Option(prompt(row), id=str(row.id)) for row in rows])
    ids = [row.id for row in rows]
    options.highlighted = ids.index(keep) if keep in ids else 0


__all__ = ["fill_rows", "highlighted_row_id"]
