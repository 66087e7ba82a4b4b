"""The benchmark runner (issue 13): medians over repeated runs on the ten-year vault, each against its budget.

    python -m benchmarks [--entries 20000] [--big 100000] [--repeat 7] [--json]

It builds the vault with benchmarks/generate.py in a private temporary folder (floor KDF: Argon2id
64 MiB, 3 passes, 4 lanes), then measures in this process (open with the key known, save after one
edit, the floor, search, list) and end to end in fresh processes (`copingkit write`, `list`,
`search`, the TUI's first paint and unlock → home under a pseudo-terminal, peak memory), then the
same at --big entries for open, save, search and memory. When jrnl is installed beside this Python
(`pip install -e ".[bench]"`), it writes the same entries as a jrnl journal that jrnl encrypts
itself and times the two programs in turn. Exits 1 when a row misses its budget.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import json
import os
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

if __package__ in (None, ""):  # `python benchmarks/run.py`
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.generate import FLOOR, SEARCH_WORD, build, entry_items  # noqa: E402

PASSPHRASE = "ten years of benchmark days"
MIB = 2**20


@dataclass
class Row:
    name: str
    value: float | None
    unit: str
    budget: str = ""
    passed: bool | None = None
    note: str = ""

    def cells(self) -> tuple[str, str, str, str]:
        if self.value is None:
            shown = "—"
        elif self.unit == "×":
            shown = f"{self.value:.1f} ×"
        else:
            shown = f"{self.value:,.1f} {self.unit}"
        verdict = {True: "pass", False: "FAIL", None: ""}[self.passed]
        return self.name, shown, self.budget, verdict


def median_ms(action: Callable[[], object], repeat: int, *, setup: Callable[[], object] | None = None) -> float:
    samples = []
    for _ in range(repeat):
        if setup is not None:
            setup()
        started = time.perf_counter()
        action()
        samples.append((time.perf_counter() - started) * 1000)
    return statistics.median(samples)


def within(name: str, value: float, limit: float, unit: str, budget: str, note: str = "") -> Row:
    return Row(name, value, unit, budget, value <= limit, note)


# ---- in this process -----------------------------------------------------------------------


class KnownKey:
    """Argon2id memoised: "open with the key known" runs everything in Vault.open except the KDF itself."""

    def __init__(self) -> None:
        from copingkit.core.vault import crypto

        self._crypto = crypto
        self._real = crypto.argon2id
        self._known: dict[tuple, bytes] = {}

    def __enter__(self) -> KnownKey:
        def known(secret: bytes, salt: bytes, params) -> bytes:
            key = (secret, salt, params)
            if key not in self._known:
                self._known[key] = self._real(secret, salt, params)
            return self._known[key]

        self._crypto.argon2id = known
        return self

    def __exit__(self, *exc: object) -> None:
        self._crypto.argon2id = self._real


def floor_ms(path: Path, repeat: int) -> float:
    """A raw write + fsync of the vault's own bytes, to a new file in the same folder."""
    data = path.read_bytes()
    target = path.with_name(".floor-probe")

    def write() -> None:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)

    try:
        return median_ms(write, repeat, setup=lambda: target.unlink(missing_ok=True))
    finally:
        target.unlink(missing_ok=True)


def in_process(path: Path, entries: int, repeat: int, *, label: str, lists: bool) -> tuple[list[Row], float]:
    """open, save, floor, search (and at the main size list): returns the rows and the floor in ms."""
    from copingkit.core.services import Services
    from copingkit.core.vault import REAL_KDF, Vault

    rows = []
    with KnownKey():
        Vault.open(path, PASSPHRASE, kdf=REAL_KDF).close(save=False)  # the KDF once, outside the timing

        def open_close() -> None:
            Vault.open(path, PASSPHRASE, kdf=REAL_KDF).close(save=False)

        opened = median_ms(open_close, repeat)
        rows.append(
            within(f"open, key known{label}", opened, 100, "ms", "≤ 100 ms")
            if lists
            else Row(f"open, key known{label}", opened, "ms", "(budget at 20k)")
        )
        vault = Vault.open(path, PASSPHRASE, kdf=REAL_KDF)
    try:
        services = Services(vault.database)
        services.journal.create("The first save today also writes the daily backup; not timed.")
        vault.save()
        entry = services.journal.list(limit=1)[0]
        counter = iter(range(10**6))

        def one_edit() -> None:
            services.journal.update(entry.id, body=f"One small edit, number {next(counter)}.")

        saved = median_ms(vault.save, repeat, setup=one_edit)
        floor = floor_ms(path, repeat)
        rows.append(
            Row(
                f"floor: write + fsync of the file{label}",
                floor,
                "ms",
                "",
                None,
                f"{path.stat().st_size / MIB:.1f} MiB",
            )
        )
        rows.append(within(f"save after one edit{label}", saved, 2 * floor, "ms", f"≤ 2 × floor = {2 * floor:.0f} ms"))
        searched = median_ms(lambda: services.journal.search(SEARCH_WORD, limit=50), repeat * 3)
        rows.append(
            within(f"search top 50{label}", searched, 20, "ms", "≤ 20 ms")
            if lists
            else Row(f"search top 50{label}", searched, "ms", "(budget at 20k)")
        )
        if lists:
            latest = median_ms(lambda: services.journal.list(limit=50), repeat * 3)
            rows.append(within("list latest 50", latest, 10, "ms", "≤ 10 ms"))
            deep = median_ms(lambda: services.journal.list(limit=50, offset=entries // 2), repeat * 3)
            rows.append(within(f"list a deep page (offset {entries // 2:,})", deep, 10, "ms", "≤ 10 ms"))
            rows.extend(insights_rows(services, repeat))
    finally:
        vault.close(save=False)
    return rows, floor


INSIGHTS = (
    "mood_by_weekday",
    "mood_by_tag",
    "strategies",
    "coping_confidence",
    "mood_over_time",
    "year_in_pixels",
    "assessments",
    "groups",
)


def insights_rows(services, repeat: int) -> list[Row]:
    """Each Insights aggregate ≤ 150 ms, once an Insights service exists (issue 13 item 1)."""
    insights = getattr(services, "insights", None)
    rows = []
    for name in INSIGHTS:
        aggregate = getattr(insights, name, None)
        if aggregate is None:
            rows.append(Row(f"insights: {name}", None, "ms", "≤ 150 ms", None, "no Insights service yet"))
        else:
            rows.append(within(f"insights: {name}", median_ms(aggregate, repeat), 150, "ms", "≤ 150 ms"))
    return rows


def kdf_alone_ms(repeat: int) -> float:
    """Argon2id at the floor, the way the CLI runs it (a child process for a costly derivation)."""
    from copingkit.core.passphrase import normalise_passphrase
    from copingkit.core.vault import crypto

    salt = os.urandom(crypto.SALT_LEN)
    secret = normalise_passphrase(PASSPHRASE)
    return median_ms(lambda: crypto.argon2id(secret, salt, FLOOR), repeat)


# ---- in fresh processes --------------------------------------------------------------------


def copingkit_source() -> Path:
    """The folder the runner imported copingkit from (a worktree's src/ under PYTHONPATH, or the install)."""
    import copingkit

    return Path(copingkit.__file__).resolve().parent.parent


def quiet_env(home: Path) -> dict[str, str]:
    """A private home for the commands the runner starts, importing the same copingkit as the runner:
    its folder goes first on PYTHONPATH, so `PYTHONPATH=$PWD/src python -m benchmarks` in a worktree
    times that worktree's code end to end, not the editable install's. A private runtime folder
    (XDG_RUNTIME_DIR, as a login session has) where no key agent runs unless a row starts one."""
    runtime = home / "runtime"
    runtime.mkdir(mode=0o700, parents=True, exist_ok=True)
    env = {key: value for key, value in os.environ.items() if not key.startswith(("COPINGKIT_", "XDG_"))}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(copingkit_source()), env.get("PYTHONPATH", "")]))
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_RUNTIME_DIR=str(runtime),
        NO_COLOR="1",
        LANG="C.UTF-8",
        TERM="xterm-256color",
        PYTHONDONTWRITEBYTECODE="",
    )
    return env


_MEASURED = """
import os, subprocess, sys, time
started = time.perf_counter()
child = subprocess.Popen(sys.argv[1:], stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(child.pid, 0)
print(time.perf_counter() - started, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""
"""Runs the command as its own child and reports its wall time, peak memory and exit code. The
command must not be forked from this runner: Linux carries a process's peak across fork and exec,
so a child of the runner would report the runner's own memory (the vault it built) as its peak."""


def run_process(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    """Wall time in ms and the command's own peak resident memory in KiB (ru_maxrss from wait4)."""
    result = subprocess.run(
        [sys.executable, "-c", _MEASURED, *command], env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True
    )
    seconds, peak_kib, code = result.stdout.split()
    if result.returncode != 0 or int(code) != 0:
        raise RuntimeError(f"{' '.join(command[:6])}… exited {code}: {result.stderr.strip()}")
    return float(seconds) * 1000, int(peak_kib)


class Cli:
    def __init__(self, vault: Path, passphrase_file: Path, env: dict[str, str]) -> None:
        self.vault, self.passphrase_file = vault, passphrase_file
        self.base = [
            sys.executable,
            "-m",
            "copingkit",
            "--vault",
            str(vault),
            "--passphrase-file",
            str(passphrase_file),
        ]
        self.env = env
        self.written = 0

    def list(self) -> tuple[float, int]:
        return run_process([*self.base, "list", "--limit", "10"], self.env)

    def command(self, *args: str) -> tuple[float, int]:
        return run_process([*self.base, *args], self.env)

    def search(self) -> tuple[float, int]:
        return run_process([*self.base, "search", SEARCH_WORD], self.env)

    def write(self) -> tuple[float, int]:
        self.written += 1
        return run_process(
            [*self.base, "write", f"One more line, number {self.written}, from the benchmark."], self.env
        )


_ESCAPES = re.compile(r"\x1b\[[0-9;?<=>]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()][0-9A-Za-z]|\x1b[=>78]")


class Terminal:
    """The app under an 80×24 pseudo-terminal; `until` waits for words on the screen."""

    def __init__(self, command: list[str], env: dict[str, str]) -> None:
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True, close_fds=True
        )
        os.close(slave)
        self.seen = ""

    def until(self, words: str, timeout: float = 30.0) -> float:
        """Seconds since start when `words` first showed (output since the last call only)."""
        self.seen = ""
        deadline = time.monotonic() + timeout
        raw = ""
        while time.monotonic() < deadline:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                break
            raw += chunk.decode(errors="replace")
            self.seen = _ESCAPES.sub("", raw)
            if words in self.seen:
                return time.perf_counter() - self.started
        raise RuntimeError(f"the app never showed {words!r}; last seen: {self.seen[-300:]!r}")

    def drain(self, seconds: float) -> None:
        """Read (and forget) what the app prints for `seconds`."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            if select.select([self.master], [], [], left)[0]:
                try:
                    os.read(self.master, 65536)
                except OSError:
                    return

    def type(self, text: str) -> float:
        os.write(self.master, text.encode())
        return time.perf_counter() - self.started

    def close(self) -> None:
        with contextlib.suppress(OSError):
            os.write(self.master, b"\x11")  # ctrl+q
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        os.close(self.master)


def tui_times(vault: Path, env: dict[str, str], repeat: int) -> tuple[float, float]:
    """Medians, in ms: start → the unlock screen painted, and Enter → home painted."""
    paints, homes = [], []
    for _ in range(repeat):
        terminal = Terminal([sys.executable, "-m", "copingkit", "--vault", str(vault)], env)
        try:
            paints.append(terminal.until("Welcome back") * 1000)
            terminal.drain(0.3)  # a person reading the screen for a moment
            entered = terminal.type(PASSPHRASE + "\r")
            homes.append((terminal.until("Latest entries") - entered) * 1000)
        finally:
            terminal.close()
    return statistics.median(paints), statistics.median(homes)


# ---- jrnl side by side ---------------------------------------------------------------------


def jrnl_program() -> Path | None:
    found = Path(sys.executable).with_name("jrnl")
    return found if found.exists() else None


def jrnl_journal(folder: Path, entries: int) -> tuple[list[str], dict[str, str]]:
    """The same entries as a jrnl journal, encrypted by jrnl (its password from a file keyring)."""
    home = folder / "jrnl-home"
    (home / "config" / "jrnl").mkdir(parents=True)
    journal = folder / "journal.jrnl"
    env = quiet_env(home)
    env["PYTHON_KEYRING_BACKEND"] = "keyrings.alt.file.PlaintextKeyring"
    (home / "config" / "jrnl" / "jrnl.yaml").write_text(
        "colors: {body: none, date: none, tags: none, title: none}\n"
        "default_hour: 9\ndefault_minute: 0\neditor: ''\nencrypt: true\nhighlight: false\n"
        "indent_character: '|'\n"
        f"journals:\n  default: {{journal: {journal}}}\n"
        "linewrap: 79\ntagsymbols: '#@'\ntemplate: false\ntimeformat: '%Y-%m-%d %H:%M'\nversion: v4.6\n",
        encoding="utf-8",
    )
    subprocess.run(
        [sys.executable, "-c", "import keyring, sys; keyring.set_password('jrnl', 'default', sys.argv[1])", PASSPHRASE],
        env=env,
        check=True,
    )
    plain = folder / "plain.txt"
    with plain.open("w", encoding="utf-8") as out:
        for item in entry_items(entries):
            stamp = f"[{item['at'].astimezone():%Y-%m-%d %H:%M}]"
            tags = " ".join(f"@{tag}" for tag in item["tags"])
            text = f"{item['title']}\n{item['body']}" if item["title"] else item["body"]
            out.write(f"{stamp} {text} {tags}".rstrip() + "\n\n")
    program = str(jrnl_program())
    subprocess.run(
        [program, "--import", "--file", str(plain)], env=env, check=True, stdin=subprocess.DEVNULL, capture_output=True
    )
    plain.unlink()
    if not journal.read_bytes().startswith(b"JRNLv3"):
        raise RuntimeError("jrnl did not encrypt its journal")
    return [program], env


def side_by_side(cli: Cli, folder: Path, entries: int, repeat: int) -> list[Row]:
    program, env = jrnl_journal(folder, entries)
    pairs = {
        "list 10": (
            lambda: run_process([*program, "-n", "10"], env),
            cli.list,
            "`jrnl -n 10` / `copingkit list --limit 10`",
        ),
        "search": (
            lambda: run_process([*program, "-contains", SEARCH_WORD], env),
            cli.search,
            f"`jrnl -contains {SEARCH_WORD}` / `copingkit search {SEARCH_WORD}`",
        ),
        "write one": (
            lambda: run_process([*program, "One more line from the benchmark."], env),
            cli.write,
            "`jrnl TEXT` / `copingkit write TEXT`",
        ),
    }
    rows = []
    for name, (theirs, ours, note) in pairs.items():
        jrnl_ms, ours_ms = alternating(theirs, ours)
        j, c = statistics.median(jrnl_ms), statistics.median(ours_ms)
        rows.append(Row(f"jrnl {name}", j, "ms", "", None, note))
        rows.append(Row(f"ratio jrnl ÷ copingkit, {name}", j / c, "×", "≥ 3 ×", j / c >= 3, f"copingkit {c:,.0f} ms"))
    rows.append(with_the_agent(cli, folder, lambda: run_process([*program, "-n", "10"], env)))
    return rows


def alternating(theirs: Callable[[], tuple[float, int]], ours: Callable[[], tuple[float, int]]) -> tuple[list, list]:
    """Three runs of each in turn, so a busy moment falls on both; jrnl takes seconds a run, its write many more."""
    jrnl_ms, ours_ms = [], []
    for _ in range(3):
        jrnl_ms.append(theirs()[0])
        ours_ms.append(ours()[0])
    return jrnl_ms, ours_ms


def with_the_agent(cli: Cli, folder: Path, jrnl_list: Callable[[], tuple[float, int]]) -> Row:
    """`copingkit list --limit 10` with the key agent holding this vault's key (`unlock --for 15m`, in a
    private runtime folder of the run's own, locked after), alternating with `jrnl -n 10`: ≥ 5 ×."""
    runtime = folder / "runtime"
    runtime.mkdir(mode=0o700)
    unlocked = Cli(cli.vault, cli.passphrase_file, {**cli.env, "XDG_RUNTIME_DIR": str(runtime)})
    unlocked.command("unlock", "--for", "15m")
    try:
        jrnl_ms, ours_ms = alternating(jrnl_list, unlocked.list)
    finally:
        unlocked.command("lock")
    j, c = statistics.median(jrnl_ms), statistics.median(ours_ms)
    return Row(
        "ratio jrnl ÷ copingkit, list 10, unlocked",
        j / c,
        "×",
        "≥ 5 ×",
        j / c >= 5,
        f"copingkit {c:,.0f} ms with `copingkit unlock` (no KDF); jrnl {j:,.0f} ms",
    )


# ---- the run -------------------------------------------------------------------------------


def memory_row(name: str, peak_kib: int, vault: Path) -> Row:
    db = vault.stat().st_size / MIB
    limit = 2 * db + 120
    return within(name, peak_kib / 1024, limit, "MiB", f"≤ 2 × {db:.0f} + 120 = {limit:.0f} MiB")


def run(entries: int, big: int, repeat: int, progress: Callable[[str], None]) -> list[Row]:
    rows: list[Row] = []
    with tempfile.TemporaryDirectory(prefix="copingkit-bench-") as name:
        folder = Path(name)
        os.chmod(folder, 0o700)
        passphrase_file = folder / "passphrase"
        passphrase_file.write_text(PASSPHRASE + "\n", encoding="utf-8")
        env = quiet_env(folder / "home")
        vault = folder / "ten-years.vault"
        progress(f"generating {entries:,} entries")
        build(vault, PASSPHRASE, entries=entries)
        progress("in this process")
        measured, _ = in_process(vault, entries, repeat, label="", lists=True)
        rows.extend(measured)
        rows.append(
            Row("KDF alone (floor: 64 MiB, t 3, p 4)", kdf_alone_ms(repeat), "ms", "", None, "in a child, as the CLI")
        )
        progress("end to end")
        cli = Cli(vault, passphrase_file, env)
        cli.write()  # the day's first save writes the daily backup; not timed
        writes = [cli.write() for _ in range(repeat)]
        rows.append(
            Row("copingkit write, end to end", statistics.median(w[0] for w in writes), "ms", "", None, "floor KDF")
        )
        rows.append(
            Row("copingkit list --limit 10, end to end", median_ms_of(cli.list, repeat), "ms", "", None, "floor KDF")
        )
        rows.append(
            Row(
                f"copingkit search {SEARCH_WORD}, end to end",
                median_ms_of(cli.search, repeat),
                "ms",
                "",
                None,
                "floor KDF",
            )
        )
        progress("the TUI")
        kdf = next(row.value for row in rows if row.name.startswith("KDF alone"))
        paint, home = tui_times(vault, env, max(3, repeat // 2))
        rows.append(within("TUI first paint", paint, 500, "ms", "≤ 500 ms"))
        rows.append(
            within(
                "TUI unlock → home, after the KDF", home - kdf, 300, "ms", "≤ 300 ms", f"{home:,.0f} ms with the KDF"
            )
        )
        rows.append(memory_row("peak memory, copingkit write", max(w[1] for w in writes), vault))
        if jrnl_program() is not None:
            progress("side by side with jrnl")
            rows.extend(side_by_side(cli, folder, entries, repeat))
        else:
            rows.append(Row("jrnl side by side", None, "", "≥ 3 ×", None, 'not installed: pip install -e ".[bench]"'))
            rows.append(Row("jrnl side by side, unlocked", None, "", "≥ 5 ×", None, "jrnl not installed"))
        if big:
            for path in folder.glob("ten-years*"):
                path.unlink() if path.is_file() else shutil.rmtree(path)
            shutil.rmtree(folder / "backups", ignore_errors=True)
            big_vault = folder / f"{big}.vault"
            progress(f"generating {big:,} entries")
            build(big_vault, PASSPHRASE, entries=big)
            progress(f"at {big:,}")
            label = f" at {big // 1000}k"
            measured, _ = in_process(big_vault, big, max(3, repeat // 2), label=label, lists=False)
            rows.extend(measured)
            big_cli = Cli(big_vault, passphrase_file, env)
            big_cli.write()
            peak = max(big_cli.write()[1] for _ in range(2))
            rows.append(memory_row(f"peak memory, copingkit write{label}", peak, big_vault))
    return rows


def median_ms_of(action: Callable[[], tuple[float, int]], repeat: int) -> float:
    return statistics.median(action()[0] for _ in range(repeat))


def table(rows: list[Row]) -> str:
    header = ("measure", "median", "budget", "")
    cells = [header, *(row.cells() for row in rows)]
    widths = [max(len(cell[i]) for cell in cells) for i in range(4)]
    lines = []
    for row, cell in zip([None, *rows], cells, strict=True):
        line = f"{cell[0]:<{widths[0]}}  {cell[1]:>{widths[1]}}  {cell[2]:<{widths[2]}}  {cell[3]:<4}"
        if row is not None and row.note:
            line += f"  {row.note}"
        lines.append(line.rstrip())
        if row is None:
            lines.append("-" * len(lines[0]))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--big", type=int, default=100_000, help="the larger vault (0: skip it)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per measure (the median is shown)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    started = time.perf_counter()

    def progress(what: str) -> None:
        print(f"[{time.perf_counter() - started:5.0f} s] {what}…", file=sys.stderr, flush=True)

    rows = run(args.entries, args.big, args.repeat, progress)
    load = os.getloadavg()
    footer = (
        f"{args.entries:,} entries (and {args.big:,}); medians of {args.repeat} runs; "
        f"{time.perf_counter() - started:.0f} s in all; load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}; "
        f"{os.cpu_count()} cores; Python {sys.version.split()[0]}; copingkit from {copingkit_source()}"
    )
    if args.json:
        print(json.dumps({"rows": [asdict(row) for row in rows], "about": footer}, indent=2, ensure_ascii=False))
    else:
        print(table(rows))
        print(footer)
    raise SystemExit(1 if any(row.passed is False for row in rows) else 0)


if __name__ == "__main__":
    main()
