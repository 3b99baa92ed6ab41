"""The search document of a case: one flat dictionary every engine indexes.

Built from a live CaseStudyPage by `case_document`; `CaseDocumentSource` loads many pages with the
few queries that need, for bulk indexing.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.utils import translation

from cases.evidence import effective_level, uptake_by_source
from cases.models import CaseStudyPage, public_cases
from themes.models import ThemeIndexPage

DOCUMENT_VERSION_FIELD = "version"
# Not part of the fingerprint: the version is the fingerprint, and the lessons are a part of the
# body that a cluster does not store.
UNFINGERPRINTED = frozenset({DOCUMENT_VERSION_FIELD, "lessons"})
# Every other field of case_document (a test keeps the two in step): what reconcile reads back.
FINGERPRINTED_FIELDS = (
    "id",
    "title",
    "summary",
    "body",
    "url",
    "themes",
    "themes_en",
    "theme_slugs",
    "theme_urls",
    "keywords",
    "keywords_en",
    "keyword_slugs",
    "target_groups",
    "target_groups_en",
    "target_group_slugs",
    "municipality",
    "municipality_code",
    "municipality_url",
    "county",
    "county_code",
    "status",
    "evidence_level",
    "start_date",
    "end_date",
    "start_year",
    "end_year",
    "has_indicators",
    "is_example",
    "published_at",
)


_TAG = re.compile(r"<[^>]+>")


def html_to_text(markup: str) -> str:
    """Text of an HTML fragment, with tag boundaries as spaces so paragraphs do not run together."""
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def _block_text(block) -> Iterator[str]:
    value = block.value
    kind = block.block_type
    if kind == "text":
        yield html_to_text(value.source if hasattr(value, "source") else str(value))
    elif kind == "quote":
        yield value.get("text", "")
    elif kind == "image":
        yield value.get("caption", "")
    elif kind == "document":
        yield value.get("title", "")
    elif kind == "table":
        for row in (value or {}).get("data", []) or []:
            yield " ".join(str(cell) for cell in row if cell)


def section_texts(page: CaseStudyPage) -> dict[str, str]:
    sections: dict[str, str] = {}
    for section in page.body:
        text = " ".join(part for block in section.value for part in _block_text(block) if part)
        sections[section.block_type] = " ".join(text.split())
    return sections


def case_document(
    page: CaseStudyPage,
    theme_index: ThemeIndexPage | bool | None = False,
    uptake: dict[int, tuple[int, ...]] | None = None,
) -> dict:
    """The search document for one published case, the same whichever language is active when
    it is built (page addresses follow the active language, and an editor may use the admin in
    English): results add the visitor's language to its URL when they show it (the English
    address is the Swedish one under /en/, cms/language_urls.py).

    It carries every label and address a result, a facet or a suggestion shows – names in
    Swedish and English, the municipality's and each focus area's page – so engines answer from
    the index alone. `theme_index` is the published focus-area index page (None: there is none),
    looked up when not given; bulk indexing looks it up once. `evidence_level` is the level the
    case shows (cases/evidence.py); `uptake` (`uptake_by_source()` for these pages, read fresh:
    indexing runs inside the publish) is looked up when not given."""
    if uptake is None:
        uptake = uptake_by_source([page.pk])
    with translation.override(settings.LANGUAGE_CODE):
        if theme_index is False:
            theme_index = focus_area_index()
        return _case_document(page, theme_index, uptake)


def focus_area_index() -> ThemeIndexPage | None:
    """The page under which each focus area has its own (None without a published one)."""
    index = ThemeIndexPage.live_pages().public().first()
    return index if index is not None and index.url else None


def english(item) -> str:
    """The English name an editor gave, or the Swedish one (as the English site shows it)."""
    return item.name_en or item.name


def parent_url(url: str) -> str:
    """The address of the page a page lives under: a case's municipality page."""
    trimmed = url.rstrip("/")
    return trimmed.rsplit("/", 1)[0] + "/" if "/" in trimmed else ""


def _case_document(page: CaseStudyPage, theme_index: ThemeIndexPage | None, uptake: dict) -> dict:
    municipality = page.municipality
    start_year = page.start_date.year if page.start_date else None
    end_year = page.end_date.year if page.end_date else None
    sections = section_texts(page)
    themes = list(page.themes.all())
    # Tags have no order of their own, and PostgreSQL returns them in any: sorted, the same
    # case always gives the same document (and fingerprint).
    keywords = sorted(page.keywords.all(), key=lambda keyword: keyword.name)
    groups = list(page.target_groups.all())
    url = page.url or ""
    document = {
        "id": page.pk,
        "title": page.title,
        "summary": page.summary,
        "body": " ".join(sections.values()),
        "lessons": " ".join(sections.get(name, "") for name in ("lessons", "challenges")).strip(),
        "url": url,
        "themes": [theme.name for theme in themes],
        "themes_en": [english(theme) for theme in themes],
        "theme_slugs": [theme.slug for theme in themes],
        "theme_urls": [theme_index.theme_url(theme) if theme_index else "" for theme in themes],
        "keywords": [keyword.name for keyword in keywords],
        "keywords_en": [english(keyword) for keyword in keywords],
        "keyword_slugs": [keyword.slug for keyword in keywords],
        "target_groups": [group.name for group in groups],
        "target_groups_en": [english(group) for group in groups],
        "target_group_slugs": [group.slug for group in groups],
        "municipality": municipality.name if municipality else "",
        "municipality_code": municipality.code if municipality else "",
        # Cases live directly under their municipality's page.
        "municipality_url": parent_url(url) if municipality else "",
        "county": municipality.county_name if municipality else "",
        "county_code": municipality.county_code if municipality else "",
        "status": page.status,
        "evidence_level": effective_level(page.evidence_level, page.pk in uptake),
        "start_date": page.start_date.isoformat() if page.start_date else None,
        "end_date": page.end_date.isoformat() if page.end_date else None,
        "start_year": start_year,
        "end_year": end_year,
        # "Measured results" means an indicator with an outcome, as in the follow-up figures.
        "has_indicators": any(i.outcome is not None for i in page.indicators.all()),
        "is_example": page.is_example,
        "published_at": page.first_published_at.isoformat() if page.first_published_at else None,
    }
    document[DOCUMENT_VERSION_FIELD] = fingerprint(document)
    return document


def fingerprint(document: dict) -> str:
    """A stable digest of everything the document says: any change to what a search can show
    or filter on (a move, a renamed theme, keyword or municipality, a new privacy) changes it.
    Reconcile compares it with the same digest of what an index holds (search/reconcile.py)."""
    fields = {field: document.get(field) for field in FINGERPRINTED_FIELDS}
    canonical = json.dumps(fields, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.blake2b(canonical.encode(), digest_size=20).hexdigest()


def live_cases():
    return (
        public_cases()
        .select_related("municipality")
        .prefetch_related("themes", "keywords", "target_groups", "indicators")
        .order_by("pk")
    )


def iter_documents(pages: Iterable[CaseStudyPage] | None = None, chunk_size: int = 500):
    """Documents for the given pages, or for every live case, in chunks that bound memory."""
    pages = live_cases() if pages is None else pages
    if hasattr(pages, "iterator"):
        pages = pages.iterator(chunk_size=chunk_size)
    theme_index = uptake = False
    for page in pages:
        if theme_index is False:
            with translation.override(settings.LANGUAGE_CODE):
                theme_index = focus_area_index()
            uptake = uptake_by_source()  # every case's derived level in one query
        yield case_document(page, theme_index, uptake)
