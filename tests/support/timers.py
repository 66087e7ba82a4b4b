"""Test time for copingkit's own Textual timers, so nothing a test waits for depends on the machine.

Textual timers read and sleep on the real clock. While `TestTime.installed()` is active, every timer
whose callback is copingkit code (autosave, save debounce and retry, undo windows, the search delay,
the idle check, guided-tool ticks) reads and sleeps on test time instead, which only moves when a
test calls `await test_time.advance(pilot, seconds)`. That also moves the injected `FixedClock`, so
"now" and the timers agree. Textual's own timers (screen refresh, cursor blink, toasts) keep real
time.

This reaches into Textual 8.2's `textual.timer` (its module-level `_time` and `sleep`, and a timer's
`_callback`); textual is pinned exactly, and tests/tui/test_timers.py fails if an upgrade moves them.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import heapq
import itertools
import sys
from collections.abc import Awaitable, Iterator
from types import ModuleType
from typing import Any

import textual.timer

from copingkit.core.clock import FixedClock


def is_copingkit_timer(timer: object) -> bool:
    if not isinstance(timer, textual.timer.Timer):
        return False
    callback: Any = timer._callback
    while isinstance(callback, functools.partial):  # set_timer wraps it: partial(node.call_next, callback)
        wrapped = getattr(callback.func, "__name__", "") == "call_next" and callback.args
        callback = callback.args[0] if wrapped else callback.func
    return (getattr(callback, "__module__", None) or "").startswith("copingkit.")


class _TimerClock:
    """Stands in for the `textual._time` module inside `textual.timer`."""

    def __init__(self, test_time: TestTime, real: ModuleType) -> None:
        self._test_time = test_time
        self._real = real

    def get_time(self) -> float:
        if is_copingkit_timer(sys._getframe(1).f_locals.get("self")):  # called by Timer._run
            return self._test_time.elapsed
        return self._real.get_time()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)


class TestTime:
    __test__ = False

    def __init__(self, clock: FixedClock) -> None:
        self.clock = clock
        self.elapsed = 0.0
        self._sleepers: list[tuple[float, int, asyncio.Future[None]]] = []
        self._order = itertools.count()

    @property
    def waiting(self) -> int:
        """How many copingkit timers are waiting for test time to pass."""
        return sum(not future.done() for _, _, future in self._sleepers)

    async def advance(self, pilot: Any, seconds: float) -> None:
        """Let `seconds` of test time pass: due timers fire in order, and what each one starts (a save
        worker, a retry timer) runs before the next one is due."""
        await _settle(pilot)  # timers set just now start waiting first
        end = self.elapsed + seconds
        while self._sleepers and self._sleepers[0][0] <= end:
            due, _, waiting = heapq.heappop(self._sleepers)
            if waiting.done():
                continue
            self._move_to(due)
            waiting.set_result(None)
            await _settle(pilot)
        self._move_to(end)
        await _settle(pilot)

    def _move_to(self, moment: float) -> None:
        if moment > self.elapsed:
            self.clock.advance(seconds=moment - self.elapsed)
            self.elapsed = moment

    def _sleep(self, seconds: float, timer: object, real_sleep: Any) -> Awaitable[None]:
        if not is_copingkit_timer(timer):
            return real_sleep(seconds)
        waiting: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._sleepers, (self.elapsed + max(seconds, 0.0), next(self._order), waiting))
        return waiting

    @contextlib.contextmanager
    def installed(self) -> Iterator[TestTime]:
        real_time, real_sleep = textual.timer._time, textual.timer.sleep

        def sleep(seconds: float) -> Awaitable[None]:
            return self._sleep(seconds, sys._getframe(1).f_locals.get("self"), real_sleep)  # called by Timer._run

        textual.timer._time = _TimerClock(self, real_time)  # type: ignore[assignment]
        textual.timer.sleep = sleep  # type: ignore[assignment]
        try:
            yield self
        finally:
            textual.timer._time, textual.timer.sleep = real_time, real_sleep


async def _settle(pilot: Any) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
