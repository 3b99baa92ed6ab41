"""Building the archive: render every public address as an anonymous visitor, then write files.

The pages are fetched through Django's test client, so they pass through the real middleware and
views exactly as a visitor without a session sees them. Starting from the sitemap's addresses
(every live public page and the public views outside the page tree) in both interface languages,
the crawl follows the site's own links; what it finds is then rewritten to relative links
(rewrite.py, paths.py). Everything is written into a temporary folder beside the target and moved
into place at the end, so a failed build leaves nothing half-written.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import shutil
import tempfile
import zipfile
from collections import deque
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.test import Client, RequestFactory, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.site_url import site_address
from core.language_urls import language_path, split_language

from . import offline_search
from .paths import file_for, is_safe, relative_link
from .rewrite import add_banner, replace_forms, rewrite_css, rewrite_html

ASSETS = Path(__file__).resolve().parent / "assets"
MANIFEST = "arkiv-manifest.json"

# Addresses that need the server (search, forms, feeds, the API, downloads built per request)
# or are not pages; links to them lead to the archive's "not in the archive" page. /sok/ itself is
# replaced by the offline search page.
NOT_ARCHIVED = (
    "/admin/",
    "/api/",
    "/oppna-data/api/",  # describes the API, which the archive does not have
    "/sok/",
    "/folj/",
    "/insats/",
    "/i18n/",
    "/inbjudan/",
    "/halsa/",
    "/sitemap.xml",
    "/robots.txt",
)
# The statistics workbooks carry the time they were written, so the same content would give
# other files (the CSV and JSON downloads of the same figures are kept).
NOT_ARCHIVED_STATISTICS = (".xlsx",)
SEARCH_PATH = "/sok/"
MISSING_PATH = "/arkiv/inte-med/"
OPEN_DATA_PATH = "/oppna-data/"
ARCHIVE_STATIC = "/static/arkiv/"
REDIRECTS = (301, 302, 303, 307, 308)


class ArchiveError(Exception):
    """A build that cannot be completed; the message is for the person running it."""


@dataclass
class Crawl:
    """What the crawl found: the archive file of every address, the files' contents, the
    addresses that were not archived and the pages that failed."""

    files: dict[str, str] = field(default_factory=dict)  # site path -> archive file
    contents: dict[str, bytes] = field(default_factory=dict)  # archive file -> bytes
    sources: dict[str, str] = field(default_factory=dict)  # archive file -> site path
    aliases: dict[str, str] = field(default_factory=dict)  # redirecting path -> its target
    missing: dict[str, str] = field(default_factory=dict)  # path -> why
    failures: dict[str, str] = field(default_factory=dict)  # path -> what went wrong

    def add(self, path: str, file: str, content: bytes) -> None:
        self.files[path] = file
        self.contents[file] = content
        self.sources.setdefault(file, path)

    def file_of(self, path: str) -> str | None:
        seen = set()
        while path in self.aliases and path not in seen:
            seen.add(path)
            path = self.aliases[path]
        return self.files.get(path)


@dataclass(frozen=True)
class Result:
    folder: Path
    files: int
    size: int
    pages: int
    missing: dict[str, str]


def site_hosts() -> set[str]:
    hosts = {"testserver", site_address(settings.WAGTAILADMIN_BASE_URL).hostname}
    hosts.update(host for host in settings.ALLOWED_HOSTS if host and "*" not in host)
    return {host.lstrip(".") for host in hosts}


def internal_path(address: str, base: str, hosts: set[str]) -> tuple[str, str, str] | None:
    """(path, query, fragment) of an address on the site, resolved against the page path
    `base`; None for other sites, mailto:, data: and the like, and for bare fragments."""
    if not address or address.startswith("#"):
        return None
    parts = urlsplit(urljoin(base, address))
    if parts.scheme not in ("", "http", "https"):
        return None
    if parts.netloc and parts.hostname not in hosts:
        return None
    return parts.path or "/", parts.query, parts.fragment


def is_not_archived(path: str) -> bool:
    _language, bare = split_language(path)
    if bare == SEARCH_PATH:
        return False  # the offline search page takes its place
    if bare.startswith("/statistik/") and bare.endswith(NOT_ARCHIVED_STATISTICS):
        return True
    return bare.startswith(NOT_ARCHIVED)


def private_prefixes() -> tuple[str, ...]:
    """The addresses (in every language) of pages an anonymous visitor may not see: drafts,
    pages with a view restriction and everything below them."""
    visible = Page.objects.live().public().values_list("pk", flat=True)
    prefixes = set()
    for page in Page.objects.filter(depth__gt=1).exclude(pk__in=visible).specific():
        url = page.get_url()
        if url and url.startswith("/"):
            for code, _name in settings.LANGUAGES:
                prefixes.add(language_path(url, code))
    return tuple(sorted(prefixes))


def seed_paths() -> list[str]:
    """The sitemap's addresses: every live public page, the public views outside the page tree
    and the explaining pages, in each interface language."""
    paths = ["/"]
    for page in Page.objects.live().public().filter(depth__gt=1).order_by("path").specific():
        url = page.get_url()
        if url and url.startswith("/"):
            paths.append(url)
    with translation.override(settings.LANGUAGE_CODE):
        paths += [reverse(name) for name in ("statistics", "open_data", "evidence_levels")]
        paths.append(reverse("privacy"))
    return [language_path(path, code) for path in paths for code, _name in settings.LANGUAGES]


def static_file(relative: str) -> bytes | None:
    """A file under STATIC_URL: the collected copy if there is one, else from the finders."""
    try:
        if staticfiles_storage.exists(relative):
            with staticfiles_storage.open(relative) as file:
                return file.read()
    except (NotImplementedError, OSError, ValueError):
        pass
    found = finders.find(relative)
    return Path(found).read_bytes() if found else None


def media_file(relative: str) -> bytes | None:
    try:
        with default_storage.open(relative) as file:
            return file.read()
    except (OSError, ValueError):
        return None


class Builder:
    def __init__(self, archived_on: date, stdout=None):
        self.archived_on = archived_on
        self.stdout = stdout
        self.hosts = site_hosts()
        address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
        self.host = address.netloc
        self.secure = address.scheme == "https"
        self.crawl = Crawl()
        self.private = private_prefixes()

    # -- crawling --------------------------------------------------------------------------

    def is_private(self, path: str) -> bool:
        return any(path.startswith(prefix) for prefix in self.private)

    def should_follow(self, path: str) -> bool:
        if path in self.crawl.files:
            return False  # written already (the open-data package)
        if split_language(path)[1] == SEARCH_PATH:
            return False  # the archive's own search page (own_pages) takes its place
        return not (is_not_archived(path) or self.is_private(path))

    def discover(self, content: str, base: str, css: bool, queue: deque, seen: set) -> None:
        def record(address: str) -> None:
            found = internal_path(address, base, self.hosts)
            if found is None:
                return None
            path = found[0]
            if path not in seen and self.should_follow(path):
                seen.add(path)
                queue.append(path)
            return None

        (rewrite_css if css else rewrite_html)(content, record)

    def fetch_file(self, path: str) -> bytes | None:
        if path.startswith(settings.STATIC_URL):
            return static_file(unquote(path[len(settings.STATIC_URL) :]))
        if path.startswith(settings.MEDIA_URL):
            return media_file(unquote(path[len(settings.MEDIA_URL) :]))
        return None

    def run_crawl(self, client: Client) -> None:
        queue: deque[str] = deque()
        seen: set[str] = set()
        for path in seed_paths():
            if path not in seen and self.should_follow(path):
                seen.add(path)
                queue.append(path)
        while queue:
            path = queue.popleft()
            if path.startswith((settings.STATIC_URL, settings.MEDIA_URL)):
                content = self.fetch_file(path)
                if content is None:
                    self.crawl.missing[path] = "file not found"
                    continue
                file = file_for(path, is_html=False)
                self.crawl.add(path, file, content)
                if file.endswith(".css"):
                    self.discover(content.decode("utf-8", "replace"), path, True, queue, seen)
                continue
            self.fetch_page(client, path, queue, seen)

    def fetch_page(self, client: Client, path: str, queue: deque, seen: set) -> None:
        client.cookies.clear()  # every page as a first-time visitor without a session
        try:
            response = client.get(path, secure=self.secure, HTTP_HOST=self.host)
        except Exception as error:  # reported with its address; the build then fails
            self.crawl.failures[path] = f"{type(error).__name__}: {error}"
            return
        status = response.status_code
        if status in REDIRECTS:
            found = internal_path(response["Location"], path, self.hosts)
            if found and self.should_follow(found[0]):
                self.crawl.aliases[path] = found[0]
                if found[0] not in seen:
                    seen.add(found[0])
                    queue.append(found[0])
            else:
                self.crawl.missing[path] = f"redirects to {response['Location']}"
            return
        if status >= 500:
            self.crawl.failures[path] = f"HTTP {status}"
            return
        if status != 200:
            self.crawl.missing[path] = f"HTTP {status}"
            return
        content = b"".join(response.streaming_content) if response.streaming else response.content
        kind = response.get("Content-Type", "")
        is_html = kind.startswith("text/html")
        file = file_for(path, is_html=is_html)
        if not is_safe(file):
            self.crawl.missing[path] = "unsafe file name"
            return
        self.crawl.add(path, file, content)
        if is_html or kind.startswith("text/css"):
            text = content.decode(response.charset or "utf-8", "replace")
            self.discover(text, path, not is_html, queue, seen)

    # -- pages of the archive's own ----------------------------------------------------------

    def request(self, path: str):
        request = RequestFactory().get(path, HTTP_HOST=self.host, secure=self.secure)
        request.user = AnonymousUser()
        return request

    def own_pages(self) -> None:
        """The offline search page with its index, and the 'not in the archive' page, in each
        language; the archive's script and style sheet."""
        for name in ("search.js", "archive.css"):
            path = ARCHIVE_STATIC + name
            self.crawl.add(path, file_for(path, is_html=False), (ASSETS / name).read_bytes())
        for code, _name in settings.LANGUAGES:
            with translation.override(code):
                self.search_page(code)
                missing = language_path(MISSING_PATH, code)
                page = render_to_string(
                    "cms/archive/not_archived.html",
                    {"page_title": _("Not in the archive")},
                    request=self.request(missing),
                )
                self.crawl.add(missing, file_for(missing, is_html=True), page.encode())

    def search_page(self, language: str) -> None:
        search = language_path(SEARCH_PATH, language)
        search_file = file_for(search, is_html=True)
        entries = offline_search.case_entries(language)
        index_path = search + "index-data.js"

        def href(path: str) -> str:
            target = self.crawl.file_of(path)
            return relative_link(search_file, target or self.missing_file(language))

        script = offline_search.index_script(entries, href)
        self.crawl.add(index_path, file_for(index_path, is_html=False), script.encode())
        context = {
            "page_title": _("Search the archive"),
            "by_theme": offline_search.by_theme(entries),
            "by_municipality": offline_search.by_municipality(entries),
            "count": len(entries),
            "index_path": index_path,
            "script_path": ARCHIVE_STATIC + "search.js",
        }
        page = render_to_string("cms/archive/search.html", context, request=self.request(search))
        self.crawl.add(search, search_file, page.encode())

    def missing_file(self, language: str) -> str:
        return file_for(language_path(MISSING_PATH, language), is_html=True)

    def open_data(self, folder: Path) -> None:
        """The open-data package as `export_open_data` writes it, at the addresses /oppna-data/
        links to (the same files in both languages)."""
        from cases.exchange.case_rows import PageUrls
        from cases.exchange.open_data import write_package

        created = timezone.make_aware(datetime.combine(self.archived_on, time(0, 0)))
        scheme = "https" if self.secure else "http"
        write_package(folder, PageUrls(f"{scheme}://{self.host}/"), created)
        for item in sorted(folder.iterdir()):
            for code, _name in settings.LANGUAGES:
                path = language_path(OPEN_DATA_PATH + item.name, code)
                self.crawl.files[path] = posixpath.join(OPEN_DATA_PATH.strip("/"), item.name)

    # -- rewriting -----------------------------------------------------------------------------

    def resolver(self, file: str, base: str, language: str):
        def resolve(address: str) -> str | None:
            found = internal_path(address, base, self.hosts)
            if found is None:
                return None
            path, query, fragment = found
            target = self.crawl.file_of(path)
            if target is None:
                target = self.missing_file(language)
                query = fragment = ""
            elif split_language(path)[1] != SEARCH_PATH:
                query = ""  # one file per address: the filtered views are not kept
            link = relative_link(file, target)
            return link + (f"?{query}" if query else "") + (f"#{fragment}" if fragment else "")

        return resolve

    def finished(self, file: str, content: bytes) -> bytes:
        base = self.crawl.sources.get(file, "/" + file)
        if file.endswith(".css"):
            language = settings.LANGUAGE_CODE
            return rewrite_css(content.decode(), self.resolver(file, base, language)).encode()
        if not file.endswith(".html"):
            return content
        language = split_language(base)[0]
        with translation.override(language):
            page = rewrite_html(content.decode(), self.resolver(file, base, language))
            page = replace_forms(
                page, html.escape(_("The form needs the live site and is not in the archive."))
            )
            banner = _(
                "Archived copy of Kunskapsbanken from %(date)s – search works without a server "
                "through a prebuilt index"
            ) % {"date": date_format(self.archived_on, "j F Y")}
            banner_html = (
                f'<aside class="archive-banner" aria-label="{html.escape(_("Archive"))}">'
                f"<p>{html.escape(banner)}</p></aside>"
            )
            stylesheet = relative_link(
                file, file_for(ARCHIVE_STATIC + "archive.css", is_html=False)
            )
            return add_banner(page, banner_html, stylesheet).encode()

    # -- the whole build ---------------------------------------------------------------------

    def build(self, work: Path) -> Result:
        open_data = work / OPEN_DATA_PATH.strip("/")
        self.open_data(open_data)
        with override_settings(PAGE_CACHE_SECONDS=0, SEARCH_RATE_LIMIT_PER_MINUTE=0):
            client = Client(raise_request_exception=False)
            self.run_crawl(client)
        if self.crawl.failures:
            listing = "\n".join(
                f"  {path}: {why}" for path, why in sorted(self.crawl.failures.items())
            )
            raise ArchiveError(
                _("These pages could not be rendered, so no archive was written:\n%(pages)s")
                % {"pages": listing}
            )
        self.own_pages()
        for file, content in sorted(self.crawl.contents.items()):
            target = work / file
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(self.finished(file, content))
        manifest = write_manifest(work, self.archived_on)
        pages = sum(1 for file in self.crawl.contents if file.endswith(".html"))
        return Result(work, len(manifest), sum(manifest.values()), pages, self.crawl.missing)


def write_manifest(folder: Path, archived_on: date) -> dict[str, int]:
    """MANIFEST: every file with its size and SHA-256, sorted, so two builds can be compared."""
    files = {}
    sizes = {}
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.name != MANIFEST:
            relative = path.relative_to(folder).as_posix()
            data = path.read_bytes()
            files[relative] = {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}
            sizes[relative] = len(data)
    manifest = {"archived_on": archived_on.isoformat(), "files": files}
    (folder / MANIFEST).write_text(
        json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True) + "\n"
    )
    return sizes


def write_zip(folder: Path, target: Path, archived_on: date) -> None:
    """The folder as a zip with a fixed order and time stamp, so equal folders give equal zips."""
    stamp = (archived_on.year, archived_on.month, archived_on.day, 0, 0, 0)
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, path.read_bytes())


def is_protected(folder: Path) -> bool:
    """True for the project, media, static or backup folder or a folder that holds one of them:
    --force would replace it."""
    kept = [settings.BASE_DIR, settings.MEDIA_ROOT, settings.STATIC_ROOT]
    kept.append(getattr(settings, "BACKUP_ROOT", settings.BASE_DIR))
    return any(Path(path).resolve().is_relative_to(folder) for path in kept)


def build_archive(
    folder: Path,
    *,
    archived_on: date,
    zip_path: Path | None = None,
    force: bool = False,
    stdout=None,
) -> Result:
    """Write the archive into `folder` (and `zip_path`). Refuses a folder that is not empty and
    an existing zip unless `force`; builds beside the target and moves into place at the end."""
    folder = folder.resolve()
    if is_protected(folder):
        raise ArchiveError(
            _("%(path)s holds the site itself or its files; choose a folder of its own.")
            % {"path": folder}
        )
    if folder.exists() and not folder.is_dir():
        raise ArchiveError(_("%(path)s is a file, not a folder.") % {"path": folder})
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise ArchiveError(
            _(
                "The folder %(path)s is not empty. Choose an empty folder, or add --force to "
                "replace its contents with the archive."
            )
            % {"path": folder}
        )
    if zip_path is not None:
        zip_path = zip_path.resolve()
        if zip_path.exists() and not force:
            raise ArchiveError(
                _("The file %(path)s already exists. Add --force to replace it.")
                % {"path": zip_path}
            )
        if zip_path.is_relative_to(folder):
            raise ArchiveError(_("Write the zip file outside the archive folder."))
    folder.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        result = Builder(archived_on, stdout).build(work)
        if zip_path is not None:
            zip_path.parent.mkdir(parents=True, exist_ok=True)
            partial = zip_path.with_name(f".{zip_path.name}.partial")
            write_zip(work, partial, archived_on)
            partial.replace(zip_path)
        if folder.is_dir():
            old = Path(tempfile.mkdtemp(prefix=f".{folder.name}-old-", dir=folder.parent))
            folder.replace(old / folder.name)
            work.replace(folder)
            shutil.rmtree(old)
        else:
            work.replace(folder)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return Result(folder, result.files, result.size, result.pages, result.missing)
