"""manage.py build_archive (cms/archive/): the public site as files that work from file://.

The full builds run on the suite's demo content with a draft and two restricted cases added; the
bad-input tests crawl only a page or two.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
import zipfile
from datetime import date
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import PageViewRestriction

from cases.models import CaseStudyPage, public_cases
from cms.archive import build as archive_build
from cms.archive.paths import file_for, relative_link
from cms.archive.rewrite import add_banner, replace_forms, rewrite_html
from core.language_urls import language_path
from tests.factories import make_case
from themes.models import Theme

ARCHIVE_DATE = "2027-12-31"
BANNER = "Arkiverad kopia av Kunskapsbanken från 31 december 2027"


# -- pure parts ----------------------------------------------------------------------------------


def test_every_address_has_a_file_named_in_full():
    assert file_for("/", is_html=True) == "index.html"
    assert file_for("/kommuner/filipstad/", is_html=True) == "kommuner/filipstad/index.html"
    assert file_for("/en/om/", is_html=True) == "en/om/index.html"
    assert file_for("/oppna-data/cases.jsonl", is_html=False) == "oppna-data/cases.jsonl"
    assert file_for("/media/images/h%C3%A4st.jpg", is_html=False) == "media/images/häst.jpg"


def test_links_are_relative_to_the_file_that_holds_them():
    assert relative_link("kommuner/filipstad/x/index.html", "teman/a/index.html") == (
        "../../../teman/a/index.html"
    )
    assert relative_link("index.html", "static/css/site.css") == "static/css/site.css"
    assert relative_link("a/index.html", "media/häst.jpg") == "../media/h%C3%A4st.jpg"


def test_rewriting_reaches_every_kind_of_address_and_leaves_text_alone():
    page = (
        '<meta name="description" content="Om /kommuner/ och mer">'
        '<meta property="og:url" content="http://127.0.0.1:8000/om/">'
        '<a href="/om/?a=1&amp;b=2#x">Om</a><img src="/media/a.jpg" '
        'srcset="/media/a-480.jpg 480w, /media/a-800.jpg 800w" '
        'style="background: url(/media/b.png)">'
        '<a href="https://www.scb.se/">SCB</a>'
    )
    seen = []

    def resolve(address):
        seen.append(address)
        return "R" if address.startswith(("/", "http://127.0.0.1")) else None

    result = rewrite_html(page, resolve)
    assert "/om/?a=1&b=2#x" in seen  # unescaped before it is resolved
    assert 'content="Om /kommuner/ och mer"' in result
    assert 'content="R"' in result
    assert 'srcset="R 480w, R 800w"' in result
    assert "url(R)" in result
    assert 'href="https://www.scb.se/"' in result


def test_forms_but_the_search_box_are_replaced_and_the_banner_is_added():
    page = (
        '<html><head><title>x</title></head><body><a class="skip-link" href="#main">Hoppa</a>'
        '<form role="search" method="get" action="/sok/"><input name="q"></form>'
        '<form class="contact" method="post" action="/insats/1/kontakta/"><input name="x">'
        '</form><form class="figure-filters" method="get" action="/statistik/">'
        '<select name="lan"></select></form></body></html>'
    )
    page = replace_forms(page, "Inte i arkivet.")
    page = add_banner(page, '<aside class="archive-banner">B</aside>', "static/arkiv/archive.css")
    assert 'method="post"' not in page
    assert "figure-filters" not in page
    assert page.count('<p class="archive-note">Inte i arkivet.</p>') == 2
    assert '<form role="search" method="get" action="/sok/">' in page
    assert '</a><aside class="archive-banner">B</aside>' in page
    assert '<link rel="stylesheet" href="static/arkiv/archive.css">' in page


# -- the whole archive ---------------------------------------------------------------------------


class Links(HTMLParser):
    """Every address in a page's href, src, srcset and action attributes, and its forms."""

    def __init__(self):
        super().__init__()
        self.addresses: list[str] = []
        self.other_forms = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name in ("href", "src", "action"):
            if attributes.get(name) is not None:
                self.addresses.append(attributes[name])
        if attributes.get("srcset"):
            self.addresses += [part.split()[0] for part in attributes["srcset"].split(",")]
        if tag == "form" and attributes.get("role") != "search":
            self.other_forms += 1


def links_of(path: Path) -> Links:
    parser = Links()
    parser.feed(path.read_text())
    return parser


def files_in(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


@pytest.fixture
def hidden_cases(filipstad, ljusnarsberg):
    """A draft, a case behind a password and a case behind a login."""
    draft = make_case(filipstad, publish=False, title="Utkast som inte får arkiveras")
    password = make_case(filipstad, title="Lösenordsskyddad insats i arkivtest")
    PageViewRestriction.objects.create(
        page=password, restriction_type=PageViewRestriction.PASSWORD, password="hemligt-ord"
    )
    login = make_case(ljusnarsberg, title="Inloggningsskyddad insats i arkivtest")
    PageViewRestriction.objects.create(page=login, restriction_type=PageViewRestriction.LOGIN)
    return [draft, password, login]


def build(folder: Path, *extra: str) -> str:
    out = StringIO()
    call_command("build_archive", str(folder), "--date", ARCHIVE_DATE, *extra, stdout=out)
    return out.getvalue()


@pytest.mark.django_db
def test_the_archive_holds_the_public_site_and_works_from_disk(tmp_path, hidden_cases):
    folder = tmp_path / "arkiv"
    zip_path = tmp_path / "arkiv.zip"
    output = build(folder, "--zip", str(zip_path))
    assert "Arkivet är skrivet till" in output

    # Every public case and focus area, in both languages.
    cases = list(public_cases().specific())
    assert len(cases) >= 40
    for case in cases:
        for language in ("sv", "en"):
            page = folder / file_for(language_path(case.url, language), is_html=True)
            assert page.is_file(), page
        assert case.title in (folder / file_for(case.url, is_html=True)).read_text()
    for theme in Theme.objects.all():
        if theme.cases.exists():
            assert (folder / "teman" / theme.slug / "index.html").is_file(), theme.slug
    for name in ("statistik", "oppna-data", "om", "om/evidensnivaer", "kommuner", "en/statistik"):
        assert (folder / name / "index.html").is_file(), name

    # Nothing a visitor may not see.
    hidden_titles = [case.title for case in hidden_cases]
    everything = files_in(folder)
    for name, content in everything.items():
        text = content.decode("utf-8", "replace")
        for title in hidden_titles:
            assert title not in text, f"{title} in {name}"
    for case in hidden_cases:
        assert not (folder / file_for(case.url, is_html=True)).exists()

    # The open-data package, as /oppna-data/ offers it.
    package = json.loads((folder / "oppna-data" / "datapackage.json").read_text())
    for resource in package["resources"]:
        assert (folder / "oppna-data" / resource["path"]).is_file()
    assert (folder / "oppna-data" / "README.txt").is_file()

    # Every page: the banner, no form that posts, every link relative and leading to a file.
    pages = [folder / name for name in everything if name.endswith(".html")]
    for page in pages:
        text = page.read_text()
        relative_name = page.relative_to(folder).as_posix()
        if not relative_name.startswith("en/"):
            assert BANNER in text, relative_name
        assert "127.0.0.1" not in text and "testserver" not in text, relative_name
        links = links_of(page)
        assert links.other_forms == 0, relative_name
        for address in links.addresses:
            parts = urlsplit(address)
            if parts.scheme in ("mailto", "tel") or address.startswith("#"):
                continue
            if parts.scheme in ("http", "https"):
                continue  # other sites
            assert not address.startswith("/"), f"{address} in {relative_name}"
            target = posixpath.normpath(
                posixpath.join(posixpath.dirname(relative_name), unquote(parts.path))
            )
            assert target in everything, f"{address} in {relative_name} leads nowhere"
    assert "Archived copy of Kunskapsbanken from 31 December 2027" in (
        (folder / "en" / "index.html").read_text()
    )

    # The offline search's index holds every public case and no hidden one.
    index = (folder / "sok" / "index-data.js").read_text()
    assert index.startswith("window.KUNSKAPSBANKEN_ARKIV = ")
    records = json.loads(index.split(" = ", 1)[1].rstrip().rstrip(";"))
    assert sorted(record["t"] for record in records) == sorted(case.title for case in cases)
    for record in records:
        target = posixpath.normpath(posixpath.join("sok", unquote(record["u"])))
        assert target in everything
    search_page = (folder / "sok" / "index.html").read_text()
    assert 'src="index-data.js"' in search_page
    assert "<script>" not in search_page  # the scripts are files, no inline code

    # The manifest's checksums are the files', and the zip holds the same files.
    manifest = json.loads((folder / archive_build.MANIFEST).read_text())
    assert manifest["archived_on"] == ARCHIVE_DATE
    listed = {name: everything[name] for name in everything if name != archive_build.MANIFEST}
    assert set(manifest["files"]) == set(listed)
    for name, content in listed.items():
        assert manifest["files"][name]["sha256"] == hashlib.sha256(content).hexdigest()
    with zipfile.ZipFile(zip_path) as archive:
        assert {info.filename: archive.read(info) for info in archive.infolist()} == everything

    # The same content gives the same files.
    again = tmp_path / "igen"
    build(again)
    assert files_in(again) == everything


# -- bad input -----------------------------------------------------------------------------------


@pytest.fixture
def small_crawl(monkeypatch):
    """A build that renders the home page and one case only."""
    case = public_cases().order_by("path").first()
    monkeypatch.setattr(archive_build, "seed_paths", lambda: ["/", case.url])
    monkeypatch.setattr(archive_build.Builder, "discover", lambda *args, **kwargs: None)
    return case


@pytest.mark.django_db
def test_a_folder_that_is_not_empty_is_refused_without_force(tmp_path, small_crawl):
    folder = tmp_path / "arkiv"
    folder.mkdir()
    (folder / "viktigt.txt").write_text("behåll mig")
    with pytest.raises(CommandError, match=r"är inte tom.*--force"):
        build(folder)
    assert (folder / "viktigt.txt").read_text() == "behåll mig"

    build(folder, "--force")
    assert not (folder / "viktigt.txt").exists()
    assert (folder / file_for(small_crawl.url, is_html=True)).is_file()
    assert [path.name for path in tmp_path.iterdir()] == ["arkiv"]  # no temporary folder left


@pytest.mark.django_db
def test_an_existing_zip_is_refused_without_force(tmp_path, small_crawl):
    zip_path = tmp_path / "arkiv.zip"
    zip_path.write_bytes(b"gammal")
    with pytest.raises(CommandError, match="finns redan"):
        build(tmp_path / "arkiv", "--zip", str(zip_path))
    assert zip_path.read_bytes() == b"gammal"


@pytest.mark.django_db
def test_a_page_that_fails_names_its_address_and_writes_nothing(tmp_path, small_crawl, monkeypatch):
    def broken(self, request, *args, **kwargs):
        raise RuntimeError("trasig mall")

    monkeypatch.setattr(CaseStudyPage, "serve", broken)
    folder = tmp_path / "arkiv"
    folder.mkdir()
    (folder / "viktigt.txt").write_text("behåll mig")
    with pytest.raises(CommandError) as error:
        build(folder, "--force", "--zip", str(tmp_path / "arkiv.zip"))
    assert "gick inte att visa" in str(error.value)
    assert small_crawl.url in str(error.value)
    assert (folder / "viktigt.txt").read_text() == "behåll mig"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["arkiv"]


def test_a_date_in_another_format_is_refused():
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM-DD"):
        call_command("build_archive", "/tmp/aldrig-skrivet", "--date", "31/12/2027")
    assert date.fromisoformat(ARCHIVE_DATE)


@pytest.mark.django_db
def test_a_public_cases_document_is_archived_and_linked(tmp_path, filipstad, monkeypatch):
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.models import Collection

    from cases.models import CaseAttachment

    document = get_document_model().objects.create(
        title="Slutrapport för arkivet",
        collection=Collection.objects.get(name="Filipstad"),
        file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="slutrapport.pdf"),
    )
    case = make_case(filipstad, title="Insats med rapport i arkivet", publish=False)
    case.attachments = [CaseAttachment(document=document)]
    case.save_revision().publish()
    case = CaseStudyPage.objects.get(pk=case.pk)

    # Only the case and what it uses, not the whole site.
    follows = archive_build.Builder.should_follow
    monkeypatch.setattr(archive_build, "seed_paths", lambda: [case.url])
    monkeypatch.setattr(
        archive_build.Builder,
        "should_follow",
        lambda self, path: (
            follows(self, path)
            and (path == case.url or path.startswith(("/dokument/", "/media/", "/static/")))
        ),
    )
    folder = tmp_path / "arkiv"
    build(folder)
    page_file = file_for(case.url, is_html=True)
    links = links_of(folder / page_file).addresses
    document_links = [address for address in links if "dokument/" in address]
    assert document_links
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_file), document_links[0]))
    assert (folder / unquote(target)).read_bytes() == b"%PDF-1.4\n%%EOF\n"


def test_the_site_and_its_files_are_never_the_target(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    for folder in (settings.BASE_DIR, settings.BASE_DIR.parent, tmp_path):
        with pytest.raises(CommandError, match="välj en egen mapp"):
            call_command("build_archive", str(folder), "--force")
    assert (settings.BASE_DIR / "manage.py").is_file()
