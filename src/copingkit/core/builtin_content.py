"""Bring the bundled content (builtin coping strategies) into an open journal.

Called once after every unlock; a new copingkit version's strategies arrive without touching
anything a person edited, favourited or hid (`CopingService.sync_builtin`).
"""

from __future__ import annotations

from copingkit.core.content import load_strategies
from copingkit.core.services import Services
from copingkit.core.services.readmodels import SyncSummary


def sync_builtin_content(services: Services) -> SyncSummary:
    return services.coping.sync_builtin(strategy.model_dump() for strategy in load_strategies())
