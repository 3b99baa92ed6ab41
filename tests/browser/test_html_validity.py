"""Every public page type, in Swedish and English, and the admin's own views are valid HTML by the
Nu Html Checker (vnu.jar, installed from npm by `make vnu` into tools/vnu/).

The pages come from the browser tests' site with the demo content (DEBUG off, as in production),
found by following its links (tests/browser/pages.py). All pages are saved and checked in one run
of the checker, which starts a JVM only once. Warnings are advice; every error fails the test.
"""

from __future__ import annotations

import http.cookiejar
import json
import os
import re
import shutil
import subprocess
import urllib.parse
import urllib.request
from urllib.error import HTTPError

import pytest

from core.language_urls import language_path
from tests.browser.pages import PAGE_TYPES, PublicPages
from tests.servers import ROOT, manage_ok

VNU_JAR = ROOT / "tools" / "vnu" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Every admin view this project adds (the register_admin_urls hooks) and the dashboard it fills.
# "{batch}" is an import batch the fixture makes, with one good row and one with an error.
ADMIN_PATHS = {
    "admin-dashboard": "/admin/",
    "admin-due-for-review": "/admin/reports/granskning/",
    "admin-follow-up": "/admin/reports/uppfoljning/",
    "admin-import": "/admin/import/",
    "admin-import-batch": "/admin/import/{batch}/",
    "admin-search-statistics": "/admin/reports/sokstatistik/",
    "admin-task-queue": "/admin/reports/uppgiftsko/",
    "admin-editor-guide": "/admin/guide/",
}
ADMIN_USER, ADMIN_PASSWORD = "vnu-admin", "vnu-admin-password-only-for-tests"
IMPORT_ROWS = (
    "kommunkod;titel;sammanfattning;fokusomraden;status;startdatum\n"
    "1782;Cykelkök för unga;Unga lagar cyklar tillsammans med volontärer.;grundskola;ongoing;"
    "2024-03-01\n"
    "9999;Okänd kommun;Kort text.;grundskola;ongoing;2024-03-01\n"
)
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _checker() -> list[str]:
    java = shutil.which("java")
    missing = None if java else "java"
    missing = missing or (None if VNU_JAR.exists() else f"{VNU_JAR.relative_to(ROOT)}")
    if missing:
        message = f"the Nu Html Checker cannot run: {missing} is missing (run `make vnu`)"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    return [java, "-Xss4m", "-jar", str(VNU_JAR)]


def _opener() -> urllib.request.OpenerDirector:
    """An opener that keeps cookies: the admin's session after _log_in."""
    jar = http.cookiejar.CookieJar()
    return urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))


def _get(opener, url: str) -> str:
    try:
        with opener.open(url, timeout=30) as response:
            return response.read().decode()
    except HTTPError as error:  # the not-found page is a page too
        if error.code != 404:
            raise
        return error.read().decode()


def _log_in(opener, base_url: str) -> None:
    login_page = _get(opener, base_url + "/admin/login/")
    token = CSRF_INPUT.search(login_page).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": ADMIN_USER, "password": ADMIN_PASSWORD}
    ).encode()
    request = urllib.request.Request(
        base_url + "/admin/login/", data=data, headers={"Referer": base_url + "/admin/login/"}
    )
    with opener.open(request, timeout=30) as response:
        assert "/admin/login/" not in response.url, "could not log in to the admin"


@pytest.fixture(scope="module")
def saved_pages(production_site_url, site_env, tmp_path_factory):
    """Every page to check, saved as <kind>-<language>.html; returns {file name: URL}."""
    directory = tmp_path_factory.mktemp("vnu")
    pages = PublicPages(production_site_url)
    paths = {kind: pages.path(kind) for kind in PAGE_TYPES}
    saved = {}
    for language in ("sv", "en"):
        opener = _opener()
        for kind, path in paths.items():
            name = f"{kind}-{language}.html"
            address = production_site_url + language_path(path, language)
            (directory / name).write_text(_get(opener, address))
            saved[name] = path

    batch = manage_ok(
        site_env,
        "shell",
        "-c",
        "from django.contrib.auth import get_user_model; User = get_user_model(); "
        "from cases.models import ImportBatch; "
        f"User.objects.filter(username={ADMIN_USER!r}).exists() or "
        f"User.objects.create_superuser({ADMIN_USER!r}, 'vnu@localhost', {ADMIN_PASSWORD!r}); "
        f"print(ImportBatch.objects.create(file_name='vnu.csv', content={IMPORT_ROWS!r}.encode(), "
        f"uploaded_by=User.objects.get(username={ADMIN_USER!r}), row_count=2).pk)",
    ).split()[-1]
    opener = _opener()
    _log_in(opener, production_site_url)
    for kind, path in ADMIN_PATHS.items():
        path = path.format(batch=batch)
        name = f"{kind}-sv.html"
        (directory / name).write_text(_get(opener, production_site_url + path))
        saved[name] = path
    return directory, saved


def test_every_page_type_is_valid_html(saved_pages):
    command = _checker()
    directory, saved = saved_pages
    files = [str(directory / name) for name in saved]
    result = subprocess.run(
        [*command, "--format", "json", "--exit-zero-always", *files],
        capture_output=True,
        text=True,
        timeout=600,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    report = "\n".join(
        f"{saved.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))}"
        f" ({m.get('url', '').rsplit('/', 1)[-1]}) line {m.get('lastLine')}: {m['message']}"
        f"\n    {m.get('extract', '').strip()}"
        for m in errors
    )
    assert not errors, f"{len(errors)} errors from the Nu Html Checker:\n{report}"
