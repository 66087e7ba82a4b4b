"""The services are a headless library: importing them pulls in no UI code."""

from __future__ import annotations

import subprocess
import sys


def test_services_import_no_ui() -> None:
    code = (
        "import sys, copingkit.core.services, copingkit.core.schema, copingkit.core.models;"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in {'textual', 'click', 'rich'}"
        " or m.startswith(('copingkit.tui', 'copingkit.cli')));"
        "print(','.join(bad))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == ""
