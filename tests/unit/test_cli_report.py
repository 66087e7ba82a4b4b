"""`copingkit report`: warns, says what it holds, writes one 0600 page; an existing file is refused
(exit 1) unless --overwrite; --from/--to and --no-trends shape it."""

from __future__ import annotations

import stat
from datetime import timedelta
from pathlib import Path

from copingkit.core.clock import FixedClock
from copingkit.core.services import Services
from copingkit.core.vault import TEST_KDF, Vault
from tests.support.cli import NOW, PASSPHRASE, InProcessCli, make_home
from tests.support.html_pages import outside_references


def _seeded(tmp_path: Path) -> InProcessCli:
    home = make_home(tmp_path)
    vault = Vault.open(home.vault, PASSPHRASE, kdf=TEST_KDF)
    services = Services(vault.database, clock=FixedClock(NOW))
    services.journal.create("Walked by the river **twice**.", title="River", shared=True, at=NOW - timedelta(days=2))
    services.journal.create("Not for anyone else", title="Private", at=NOW - timedelta(days=2))
    services.checkins.create(4, note="calm evening", shared=True, at=NOW - timedelta(days=1))
    services.checkins.create(2, note="kept to myself", at=NOW - timedelta(days=40))
    services.groups.log("Tuesday group", minutes=75, connectedness=7, what_i_heard="someone's story", at=NOW)
    vault.close()
    return home


def test_report_warns_summarises_and_writes_one_private_page(tmp_path: Path) -> None:
    home = _seeded(tmp_path)
    output = tmp_path / "report.html"
    result = home.run("report", "--output", str(output))
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert f"The report is plaintext: anyone who can read {output} can read what is in it." in result.stderr
    assert "Shared entries: 1 entry marked to share" in result.stderr
    assert "Trends: numbers from 2 check-ins (no notes, no tags)" in result.stderr
    assert f"Report written to {output}." in result.stderr
    page = output.read_text(encoding="utf-8")
    assert stat.S_IMODE(output.stat().st_mode) == 0o600
    assert "Walked by the river <strong>twice</strong>." in page and "calm evening" in page
    assert "Not for anyone else" not in page and "kept to myself" not in page
    assert "someone" not in page and "Tuesday group" not in page and ">75<" in page
    assert outside_references(page) == []


def test_an_existing_file_is_refused_unless_overwrite(tmp_path: Path) -> None:
    home = _seeded(tmp_path)
    output = tmp_path / "report.html"
    output.write_text("my own file", encoding="utf-8")
    refused = home.run("report", "--output", str(output))
    assert refused.exit_code == 1
    assert f"{output} already exists; nothing was written. Choose another name or add --overwrite." in refused.stderr
    assert output.read_text(encoding="utf-8") == "my own file"
    replaced = home.run("report", "--output", str(output), "--overwrite")
    assert replaced.exit_code == 0, replaced.output
    assert "River" in output.read_text(encoding="utf-8")
    assert stat.S_IMODE(output.stat().st_mode) == 0o600


def test_days_and_no_trends_shape_the_report(tmp_path: Path) -> None:
    home = _seeded(tmp_path)
    output = tmp_path / "week.html"
    utc = {"TZ": "UTC"}
    result = home.run(
        "report", "--from", "7 days ago", "--to", "yesterday", "--no-trends", "--output", str(output), env=utc
    )
    assert result.exit_code == 0, result.output
    assert "From 2026-11-24 to 2026-11-30. It holds:" in result.stderr and "Trends: left out" in result.stderr
    page = output.read_text(encoding="utf-8")
    assert "River" in page and "<svg" not in page and "No group sessions in this period." in page
    backwards = home.run("report", "--from", "today", "--to", "yesterday", "--output", str(tmp_path / "x.html"))
    assert backwards.exit_code == 1 and "is before --from" in backwards.stderr
    assert not (tmp_path / "x.html").exists()
    unreadable = home.run("report", "--from", "someday", "--output", str(tmp_path / "y.html"))
    assert unreadable.exit_code == 1 and "I couldn't read the date 'someday'." in unreadable.stderr
