"""Requests per second over HTTP, against the production server as docs/operations.md deploys it.

    .venv/bin/python bench/http_bench.py [--rev HEAD] [--duration 10] [--connections 8]
        [--env NAME=VALUE ...] [--database FILE.sqlite3]

Builds a clean copy of the committed tree at --rev (git archive, as tools/smoke/production.sh
does), runs the documented steps with production settings (collectstatic, migrate, setup_site,
plus load_demo for content), and starts gunicorn with gunicorn.conf.py and 2 sync workers. In the
same run a trivial WSGI app ("ok", no Django) under the same gunicorn settings gives the ceiling
of this machine. Each page is then loaded with wrk (Debian package `wrk`; -t2, --connections,
--duration) and req/s, p50 and p99 are printed, with req/s as a share of the ceiling.

Settings the benchmark sets, and why:
- `SEARCH_RATE_LIMIT_PER_MINUTE=0`: every wrk request comes from 127.0.0.1, so the per-client
  limit (search/ratelimit.py, 120 a minute) would answer almost all of them with 429. Behind a
  proxy, operators keep the limit and set `TRUSTED_PROXY_COUNT` so that each visitor is counted
  by the X-Forwarded-For address the proxy adds (docs/operations.md).
- `X-Forwarded-Proto: https` on every request, as the proxy in front sets it; otherwise
  production settings answer with a redirect to https.

"Case (uncached)" asks for the case page with a query string that changes on every request
(`?u=<n>`), logged out: a page cache keyed on the full URL misses every time, so it measures the
page as rendered. Listings inside the page stay in the content-version cache, as they do between
publishes. Extra settings (e.g. one that switches the page cache off) go in with --env.

--database runs on a copy of an existing SQLite database instead of the demo (e.g. 100,000 real
cases made by `generate_cases`); `migrate` still runs on the copy. With many cases the database
engine is not the search engine to measure: pass the cluster with
`--env SEARCH_ENGINE_URL=http://127.0.0.1:9200 --env SEARCH_INDEX_PREFIX=…` after
`search_rebuild` on the same database.
"""

from __future__ import annotations

import argparse
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "skola",
    "läxhjälp",
    "unga",
    "föräldrar",
    "arbete",
    "språk",
    "integration",
    "nyanlända",
    "trygghet",
    "fritid",
    "idrott",
    "praktik",
    "mentor",
    "sfi",
    "hälsa",
    "bibliotek",
    "förening",
    "digital",
    "kultur",
    "vägledning",
    "familj",
    "validering",
    "betyg",
    "närvaro",
    "avhopp",
]

UNIQUE_SEARCH_LUA = """
local words = {%s}
local n = 0
request = function()
  n = n + 1
  local a = words[(n %% #words) + 1]
  local b = words[(math.floor(n / #words) %% #words) + 1]
  local c = words[(math.floor(n / (#words * #words)) %% #words) + 1]
  return wrk.format(nil, "/sok/?q=" .. a .. "+" .. b .. "+" .. c)
end
"""
BUSTING_LUA = """
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, "%s?u=" .. n)
end
"""
CEILING_APP = """
def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def run(cmd: list[str], env: dict, cwd: Path) -> str:
    result = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    if result.returncode:
        sys.exit(f"{' '.join(cmd)} failed:\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}")
    return result.stdout


def wait_for(url: str) -> None:
    for _ in range(120):
        try:
            urllib.request.urlopen(urllib.request.Request(url, headers=HEADERS), timeout=2)
            return
        except Exception:
            time.sleep(0.5)
    sys.exit(f"{url} did not answer")


HEADERS = {"X-Forwarded-Proto": "https"}


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}[unit]


def wrk(base: str, path: str, args, script: str | None = None) -> dict:
    cmd = ["wrk", "-t2", f"-c{args.connections}", f"-d{args.duration}s", "--latency"]
    cmd += ["--timeout", "30s"]
    cmd += ["-H", "X-Forwarded-Proto: https"]
    if script:
        cmd += ["-s", script]
    out = subprocess.run([*cmd, base + path], capture_output=True, text=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", out, re.M))
    if "50" not in latency:
        sys.exit(f"wrk gave no latencies for {path}:\n{out}")
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "rps": rps,
        "p50": to_ms(latency["50"]),
        "p99": to_ms(latency["99"]),
        "non2xx": int(errors.group(1)) if errors else 0,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rev", default="HEAD", help="the commit to measure")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--env", action="append", default=[], help="NAME=VALUE, repeatable")
    parser.add_argument(
        "--database", type=Path, help="an SQLite database to copy instead of the demo"
    )
    args = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is missing: apt-get install -y wrk")

    work = Path(tempfile.mkdtemp(prefix="http-bench-"))
    site = work / "site"
    site.mkdir()
    archive = subprocess.run(["git", "-C", ROOT, "archive", args.rev], capture_output=True)
    subprocess.run(["tar", "-xf", "-", "-C", site], input=archive.stdout, check=True)
    venv_bin = Path(sys.executable).parent
    env = {
        **os.environ,
        "PATH": f"{venv_bin}:{os.environ['PATH']}",
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SITE_URL": "https://127.0.0.1",
        "DATABASE_URL": f"sqlite:///{work}/site.sqlite3",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "SEARCH_ENGINE_URL": "",
        "SEARCH_RATE_LIMIT_PER_MINUTE": "0",
        **dict(item.split("=", 1) for item in args.env),
    }
    env.pop("REDIS_URL", None) if not any(e.startswith("REDIS_URL=") for e in args.env) else None
    python = str(venv_bin / "python")
    if args.database:
        shutil.copyfile(args.database, work / "site.sqlite3")
    for step in (["collectstatic", "--no-input"], ["migrate", "--no-input"], ["setup_site"]):
        run([python, "manage.py", *step], env, site)
    if not args.database:
        run([python, "manage.py", "load_demo"], env, site)
    case_url = run(
        [
            python,
            "manage.py",
            "shell",
            "-v0",
            "-c",
            "from cases.models import CaseStudyPage as C; "
            "print(C.objects.live().filter(indicators__isnull=False).first().url)",
        ],
        env,
        site,
    ).split()[-1]
    (work / "ceiling.py").write_text(CEILING_APP)
    (work / "unique.lua").write_text(UNIQUE_SEARCH_LUA % ", ".join(f'"{quote(w)}"' for w in WORDS))
    (work / "busting.lua").write_text(BUSTING_LUA % case_url)

    servers = []
    try:
        ceiling_port, site_port = free_port(), free_port()
        gunicorn = [str(venv_bin / "gunicorn"), "-c", str(site / "gunicorn.conf.py")]
        quiet = ["--workers", "2", "--access-logfile", "/dev/null"]
        servers.append(
            subprocess.Popen(
                [*gunicorn, *quiet, "--bind", f"127.0.0.1:{ceiling_port}", "ceiling:application"],
                cwd=work,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        servers.append(
            subprocess.Popen(
                [*gunicorn, *quiet, "--bind", f"127.0.0.1:{site_port}", "cms.wsgi"],
                cwd=site,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=open(work / "gunicorn.log", "w"),  # noqa: SIM115
            )
        )
        ceiling, base = f"http://127.0.0.1:{ceiling_port}", f"http://127.0.0.1:{site_port}"
        wait_for(ceiling + "/")
        wait_for(base + "/robots.txt")
        pages = [
            ("ceiling (trivial WSGI app)", ceiling, "/", None),
            ("home", base, "/", None),
            ("case (cached)", base, case_url, None),
            ("case (uncached)", base, case_url, str(work / "busting.lua")),
            ("theme", base, "/teman/grundskola/", None),
            ("search, one query", base, "/sok/?q=skola", None),
            ("search, unique queries", base, "/sok/", str(work / "unique.lua")),
            ("/statistik/", base, "/statistik/", None),
            ("API list", base, "/api/v1/sok/?q=skola", None),
        ]
        content = args.database or "demo content"
        print(
            f"rev {args.rev}, {content}, wrk -t2 -c{args.connections} -d{args.duration}s, "
            "gunicorn 2 sync"
        )
        columns = ("req/s", "p50 ms", "p99 ms", "ceiling", "non-2xx")
        print(f"{'page':<28} " + " ".join(f"{c:>8}" for c in columns))
        ceiling_rps = None
        for name, host, path, script in pages:
            for warm in (path,) if not script else ():
                urllib.request.urlopen(urllib.request.Request(host + warm, headers=HEADERS))
            result = wrk(host, path, args, script)
            ceiling_rps = ceiling_rps or result["rps"]
            share = result["rps"] / ceiling_rps * 100
            print(
                f"{name:<28} {result['rps']:8.1f} {result['p50']:8.1f} {result['p99']:8.1f} "
                f"{share:7.1f}% {result['non2xx']:8d}",
                flush=True,
            )
    finally:
        for server in servers:
            server.terminate()
        for server in servers:
            server.wait()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
