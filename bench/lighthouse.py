"""Lighthouse 12.2.3 on the main public page types, at phone and desktop widths, against a
production-like server started here: production settings, collectstatic, gunicorn with
gunicorn.conf.py, SQLite with the demo content (as tools/smoke/production.sh does), and in front
of it a small proxy that serves /media/ from disk, as the reverse proxy does in production.

    .venv/bin/python bench/lighthouse.py [--pages home,case] [--write-docs]

Lighthouse comes pinned from npm (bench/lighthouse/package-lock.json, installed on first run) and
drives Debian's Chromium (CHROME_PATH, default /usr/bin/chromium). Prints one table row per page
and form factor: the four category scores and LCP, TBT and CLS. With --write-docs the table
replaces the one between the lighthouse markers in docs/performance.md. JSON reports are kept in
artifacts/lighthouse/.
"""

from __future__ import annotations

import argparse
import http.client
import json
import mimetypes
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "bench" / "lighthouse"
LIGHTHOUSE = PACKAGE / "node_modules" / ".bin" / "lighthouse"
REPORTS = ROOT / "artifacts" / "lighthouse"
DOCS = ROOT / "docs" / "performance.md"
START, END = "<!-- lighthouse:start -->", "<!-- lighthouse:end -->"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
FORM_FACTORS = {"phone": [], "desktop": ["--preset=desktop"]}

# Page type -> Python that prints its path on the demo site.
FIND_PATHS = """
from cases.models import CaseStudyPage, MunicipalityPage
from themes.models import Keyword, Theme
case = CaseStudyPage.objects.live().public().filter(indicators__isnull=False).first()
keyword = Keyword.objects.filter(tagged_cases__isnull=False).first()
paths = {
    "home": "/",
    "municipality index": "/kommuner/",
    "municipality": case.get_parent().url,
    "case": case.url,
    "theme index": "/teman/",
    "theme": f"/teman/{Theme.objects.filter(cases__isnull=False).first().slug}/",
    "keyword": f"/teman/nyckelord/{keyword.slug}/",
    "search": "/sok/",
    "search with text": "/sok/?q=skola",
    "statistics": "/statistik/",
    "open data": "/oppna-data/",
    "standard page": "/om/",
}
import json; print(json.dumps(paths))
"""


def run(command: list[str], env: dict, **kwargs) -> str:
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit(f"{' '.join(command)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def install_lighthouse() -> None:
    if not LIGHTHOUSE.exists():
        run(
            ["npm", "ci", "--prefix", str(PACKAGE), "--no-audit", "--no-fund", "--loglevel=error"],
            dict(os.environ),
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def production_env(work: Path) -> dict:
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.production",
        "SECRET_KEY": "lighthouse-" + secrets.token_urlsafe(40),
        "ALLOWED_HOSTS": "127.0.0.1",
        "DATABASE_URL": f"sqlite:///{work / 'site.sqlite3'}",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "SEARCH_ENGINE_URL": "",
        # Plain HTTP on the loopback: nothing to redirect to, no proxy in front.
        "SECURE_SSL_REDIRECT": "false",
        "TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "SEARCH_RATE_LIMIT_PER_MINUTE": "0",
    }


def prepare_site(env: dict) -> dict[str, str]:
    python = sys.executable
    run([python, "manage.py", "collectstatic", "--no-input", "-v0"], env)
    run([python, "manage.py", "migrate", "--no-input", "-v0"], env)
    run([python, "manage.py", "setup_site"], env)
    run([python, "manage.py", "load_demo"], env, timeout=1200)
    return json.loads(run([python, "manage.py", "shell", "-c", FIND_PATHS], env).splitlines()[-1])


def start_gunicorn(env: dict, port: int) -> subprocess.Popen:
    gunicorn = Path(sys.executable).with_name("gunicorn")
    command = [str(gunicorn), "-c", "gunicorn.conf.py", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen(
        [*command, "--workers", "2", "--access-logfile", "/dev/null", "cms.wsgi"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(120):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=2)
            return server
        except OSError:
            time.sleep(0.5)
    server.terminate()
    sys.exit("gunicorn did not start")


def media_proxy(media_root: Path, upstream_port: int) -> ThreadingHTTPServer:
    """The production proxy's part that matters to a browser: /media/ from disk (cached for a
    day), everything else passed to gunicorn unchanged."""

    class Proxy(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):
            if self.path.startswith("/media/"):
                return self.media()
            upstream = http.client.HTTPConnection("127.0.0.1", upstream_port, timeout=60)
            headers = {k: v for k, v in self.headers.items() if k.lower() != "connection"}
            upstream.request("GET", self.path, headers=headers)
            response = upstream.getresponse()
            body = response.read()
            self.send_response(response.status)
            for name, value in response.getheaders():
                if name.lower() not in ("connection", "transfer-encoding", "content-length"):
                    self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            upstream.close()

        def media(self):
            path = (media_root / self.path.split("?")[0].removeprefix("/media/")).resolve()
            if not path.is_file() or media_root.resolve() not in path.parents:
                self.send_error(404)
                return
            body = path.read_bytes()
            self.send_response(200)
            self.send_header(
                "Content-Type", mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            )
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "public, max-age=86400")
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", free_port()), Proxy)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def lighthouse(url: str, form_factor: str, report: Path) -> dict:
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", "/usr/bin/chromium")}
    command = [
        str(LIGHTHOUSE),
        url,
        *FORM_FACTORS[form_factor],
        "--only-categories=" + ",".join(CATEGORIES),
        "--output=json",
        f"--output-path={report}",
        "--chrome-flags=--headless=new --no-sandbox --disable-gpu",
        "--quiet",
    ]
    subprocess.run(command, env=env, check=True, timeout=300)
    data = json.loads(report.read_text())
    audits = data["audits"]
    scores = {name: round(data["categories"][name]["score"] * 100) for name in CATEGORIES}
    return {
        **scores,
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "cls": audits["cumulative-layout-shift"]["numericValue"],
        "failed": sorted(
            audit_id
            for category in ("accessibility", "best-practices", "seo")
            for ref in data["categories"][category]["auditRefs"]
            if ref["weight"] > 0
            and (audit_id := ref["id"])
            and audits[audit_id]["score"] is not None
            and audits[audit_id]["score"] < 1
        ),
    }


def table(rows: list[tuple[str, str, dict]]) -> str:
    lines = [
        "| page | width | performance | accessibility | best practices | SEO | LCP s | TBT ms"
        " | CLS | below 100 in |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for page, form_factor, r in rows:
        lines.append(
            f"| {page} | {form_factor} | {r['performance']} | {r['accessibility']}"
            f" | {r['best-practices']} | {r['seo']} | {r['lcp'] / 1000:.1f} | {r['tbt']:.0f}"
            f" | {r['cls']:.3f} | {', '.join(r['failed']) or '–'} |"
        )
    return "\n".join(lines)


def write_docs(markdown: str) -> None:
    text = DOCS.read_text()
    block = f"{START}\nMeasured {date.today().isoformat()}.\n\n{markdown}\n{END}"
    if START in text:
        before, rest = text.split(START, 1)
        text = before + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    DOCS.write_text(text)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", help="comma-separated page types (default: all)")
    parser.add_argument("--write-docs", action="store_true")
    args = parser.parse_args()

    install_lighthouse()
    REPORTS.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lighthouse-site-") as directory:
        env = production_env(Path(directory))
        paths = prepare_site(env)
        if args.pages:
            paths = {name: paths[name] for name in args.pages.split(",")}
        gunicorn_port = free_port()
        server = start_gunicorn(env, gunicorn_port)
        proxy = media_proxy(Path(env["MEDIA_ROOT"]), gunicorn_port)
        port = proxy.server_address[1]
        rows = []
        try:
            for page, path in paths.items():
                for form_factor in FORM_FACTORS:
                    report = REPORTS / f"{page.replace(' ', '-')}-{form_factor}.json"
                    result = lighthouse(f"http://127.0.0.1:{port}{path}", form_factor, report)
                    rows.append((page, form_factor, result))
                    print(table([(page, form_factor, result)]).splitlines()[-1], flush=True)
        finally:
            proxy.shutdown()
            server.terminate()
            server.wait(timeout=30)
    markdown = table(rows)
    print(markdown)
    if args.write_docs:
        write_docs(markdown)


if __name__ == "__main__":
    main()
