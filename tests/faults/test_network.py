"""Nothing leaves the device: the CLI works with no network at all, and the audit hook refuses DNS,
connect and urlopen from inside the running app (and its worker threads) while the app keeps working.
(The whole suite also runs with sockets disabled by pytest-socket.)"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import subprocess_env

HERE = Path(__file__).parent
RUNNER = HERE.parent / "e2e" / "run_cli.py"


def test_a_cli_session_in_a_namespace_without_a_network(home):
    if shutil.which("unshare") is None:
        pytest.skip("no `unshare` command here")
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, text=True, timeout=30)
    if probe.returncode != 0:
        pytest.skip(f"`unshare -n` is not permitted here: {probe.stderr.strip() or probe.returncode}")
    links = subprocess.run(["unshare", "-n", "cat", "/proc/net/dev"], capture_output=True, text=True, timeout=30)
    assert [line.split(":")[0].strip() for line in links.stdout.splitlines()[2:]] == ["lo"], links.stdout

    def run(*args: str, input: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run(
            ["unshare", "-n", sys.executable, str(RUNNER), *args],
            input=input,
            capture_output=True,
            text=True,
            env=home.env,
            cwd=home.root / "work",
            timeout=120,
        )

    assert run("init").returncode == 0
    assert run("write", "written with no network at all", "--tag", "offline").returncode == 0
    assert run("checkin", "3", "--note", "offline too").returncode == 0
    assert run("export", "--format", "json", "--output", str(home.root / "work" / "export.json")).returncode == 0
    listed = run("list", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    assert [e["preview"] for e in json.loads(listed.stdout)["entries"]] == ["written with no network at all"]
    assert run("doctor").returncode in (0, 1)


def test_the_audit_hook_refuses_the_network_inside_a_running_app():
    result = subprocess.run(
        [sys.executable, str(HERE / "network_session.py")],
        capture_output=True,
        text=True,
        env=subprocess_env(),
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["in_app"] == dict.fromkeys(report["in_app"], "refused"), report["in_app"]
    assert report["in_worker"] == dict.fromkeys(report["in_app"], "refused"), report["in_worker"]
    assert report["unix"] == "allowed"
    assert report["checkins_added"] == 1 and report["screen_after"] == "JournalScreen", report
    assert report["entries"] > 0 and report["return_code"] in (0, None)
