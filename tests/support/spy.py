"""A spy for a service method: it calls the real method (or whatever `method` is set to later) and
records the keyword arguments of every call."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any


class Spy:
    def __init__(self, method: Callable[..., Any]) -> None:
        self.method = method
        self.calls: list[dict[str, Any]] = []

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        self.calls.append(kwargs)
        return self.method(*args, **kwargs)
