"""Compare export documents apart from ids: shared by the services and the CLI tests."""

from __future__ import annotations

import json
from typing import Any

from copingkit.core.models import TABLES


def normalise(doc: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Drop ids and replace every foreign key by the content of the row it points at."""
    content: dict[str, dict[Any, str]] = {}
    out: dict[str, list[dict[str, Any]]] = {}
    for model in TABLES:
        table = model.__table__
        name = table.name
        foreign = {fk.parent.name: fk.column.table.name for fk in table.foreign_keys}
        content[name] = {}
        out[name] = []
        for row in doc["tables"][name]:
            clean = {}
            for key, value in row.items():
                if key == "id":
                    continue
                if key in foreign and value is not None:
                    value = content[foreign[key]][value]
                clean[key] = value
            if "id" in row:
                content[name][row["id"]] = json.dumps(clean, sort_keys=True)
            out[name].append(clean)
    return out
