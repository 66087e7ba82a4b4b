"""Hardening runs before textual: scrubbed environment, private umask, no core dumps, not dumpable,
no socket but AF_UNIX, no DNS."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

from copingkit import hardening

PROBE = textwrap.dedent(
    """
    import asyncio, ctypes, json, os, resource, socket, sys, urllib.request
    from copingkit import hardening
    hardening.apply()
    report = {"env": sorted(k for k in os.environ if k.startswith("TEXTUAL"))}
    report["umask"] = os.umask(0o077)
    report["core"] = resource.getrlimit(resource.RLIMIT_CORE)[0]
    report["dumpable"] = ctypes.CDLL(None).prctl(3, 0, 0, 0, 0)  # PR_GET_DUMPABLE
    def refused(action):
        try:
            action()
        except hardening.NetworkRefused as error:
            return "refused"
        except Exception as error:
            return f"other: {type(error).__name__}: {error}"
        return "allowed"
    report["inet"] = refused(lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM))
    report["inet6"] = refused(lambda: socket.socket(socket.AF_INET6, socket.SOCK_DGRAM))
    report["packet"] = refused(lambda: socket.socket(socket.AF_PACKET, socket.SOCK_RAW))
    report["netlink"] = refused(lambda: socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, 0))
    report["default"] = refused(lambda: socket.socket())
    inherited = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    report["unix_from_fileno"] = refused(lambda: socket.socket(fileno=os.dup(inherited.fileno())).close())
    report["dns"] = refused(lambda: socket.getaddrinfo("example.org", 443))
    report["connect"] = refused(lambda: socket.create_connection(("127.0.0.1", 9)))
    report["urlopen"] = refused(lambda: urllib.request.urlopen("http://127.0.0.1:9/"))
    report["unix"] = refused(lambda: socket.socketpair())
    async def tick():
        await asyncio.sleep(0)
        return "ok"
    report["asyncio"] = asyncio.run(tick())
    print(json.dumps(report))
    """
)


def _run_probe(extra_env: dict[str, str]) -> dict:
    env = {**os.environ, **extra_env}
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env, check=True)
    return json.loads(result.stdout)


def test_apply_scrubs_hardens_and_refuses_the_network():
    report = _run_probe(
        {
            "TEXTUAL": "devtools,debug",
            "TEXTUAL_LOG": "/tmp/keys.log",
            "TEXTUAL_DEBUG": "1",
            "TEXTUAL_DEVTOOLS_PORT": "8081",
            "TEXTUAL_ANIMATIONS": "none",
        }
    )
    assert report["env"] == ["TEXTUAL_ANIMATIONS"]
    assert report["umask"] == 0o077
    assert report["core"] == 0
    assert report["dumpable"] == 0
    for action in ("inet", "inet6", "packet", "netlink", "default", "dns", "connect", "urlopen"):
        assert report[action] == "refused", (action, report[action])
    assert report["unix"] == "allowed"
    assert report["unix_from_fileno"] == "allowed"
    assert report["asyncio"] == "ok"


def test_scrub_environment_on_a_given_mapping():
    env = {"TEXTUAL_LOG": "x", "textual_debug": "1", "TEXTUAL_ANIMATIONS": "none", "HOME": "/h"}
    removed = hardening.scrub_environment(env)
    assert sorted(removed) == ["TEXTUAL_LOG", "textual_debug"]
    assert env == {"TEXTUAL_ANIMATIONS": "none", "HOME": "/h"}
