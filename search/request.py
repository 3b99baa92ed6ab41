"""The typed search request and result that every engine speaks.

A request is built from untrusted input (query string, API) and then normalised: text trimmed and
cut, filters deduplicated and cut to known shapes, page and page size clamped, an unknown sort
replaced by relevance, a reversed year range swapped. Engines only ever see normalised requests,
so absurd input gives an empty or clamped result, never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from datetime import datetime

from cases.params import parse_int

SORTS = ("relevance", "newest", "start_date")
MAX_TEXT_LENGTH = 200
MAX_FILTER_VALUES = 20
# Characters kept of one filter value (a theme slug, a municipality code …): real ones are far
# shorter, so anything longer is junk that would only bloat engine queries and cache keys.
MAX_FILTER_VALUE_LENGTH = 100
# Characters of an ignored value the page repeats back in a notice.
MAX_SHOWN_INPUT = 20
MAX_PAGE_SIZE = 50
DEFAULT_PAGE_SIZE = 20
# Deep pages are useless to people and expensive for engines (from + size); 500 × 50 is plenty.
MAX_PAGE = 500
MIN_YEAR, MAX_YEAR = 2000, 2100

FILTER_FIELDS = (
    "themes",
    "keywords",
    "municipalities",
    "counties",
    "statuses",
    "target_groups",
    "evidence_levels",
)
FACETS = (*FILTER_FIELDS, "start_years", "has_indicators")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True)
class SearchRequest:
    text: str = ""
    themes: tuple[str, ...] = ()  # theme slugs
    keywords: tuple[str, ...] = ()  # keyword slugs
    municipalities: tuple[str, ...] = ()  # SCB municipality codes
    counties: tuple[str, ...] = ()  # SCB county codes
    statuses: tuple[str, ...] = ()
    target_groups: tuple[str, ...] = ()  # target group slugs
    evidence_levels: tuple[str, ...] = ()
    year_from: int | None = None  # cases active in [year_from, year_to]
    year_to: int | None = None
    has_indicators: bool | None = None
    # A municipality's slug: only cases from it and the municipalities most like it
    # (key_figures/neighbours.py; search/views.py turns it into a municipality-set filter).
    similar_to: str = ""
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    # For the service, not the engines: whether query words naming a filter value become that
    # filter (search/understanding.py), and whether a typo is corrected (search/spelling.py).
    interpret: bool = True
    correct: bool = True

    def normalised(self) -> SearchRequest:
        text = " ".join(_CONTROL.sub(" ", self.text or "").split())[:MAX_TEXT_LENGTH]
        filters = {name: _clean_values(getattr(self, name)) for name in FILTER_FIELDS}
        year_from, year_to = _clamp_year(self.year_from), _clamp_year(self.year_to)
        if year_from is not None and year_to is not None and year_from > year_to:
            year_from, year_to = year_to, year_from
        sort = self.sort if self.sort in SORTS else "relevance"
        if sort == "relevance" and not text:
            sort = "newest"
        return replace(
            self,
            text=text,
            year_from=year_from,
            year_to=year_to,
            sort=sort,
            similar_to=_CONTROL.sub("", self.similar_to or "").strip()[:MAX_FILTER_VALUE_LENGTH],
            page=_clamp(self.page, 1, MAX_PAGE, default=1),
            page_size=_clamp(self.page_size, 1, MAX_PAGE_SIZE, default=DEFAULT_PAGE_SIZE),
            **filters,
        )

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    def filter_values(self, name: str) -> tuple[str, ...]:
        return getattr(self, name)

    def without(self, name: str) -> SearchRequest:
        """The same request with one facet's own filter removed (for that facet's counts)."""
        if name == "start_years":
            return replace(self, year_from=None, year_to=None)
        if name == "has_indicators":
            return replace(self, has_indicators=None)
        return replace(self, **{name: ()})

    @property
    def has_filters(self) -> bool:
        return bool(
            any(getattr(self, name) for name in FILTER_FIELDS)
            or self.year_from is not None
            or self.year_to is not None
            or self.has_indicators is not None
            or bool(self.similar_to)
        )


def _clean_values(values) -> tuple[str, ...]:
    if isinstance(values, str):
        values = (values,)
    cleaned = []
    for value in values or ():
        value = _CONTROL.sub("", str(value)).strip()[:MAX_FILTER_VALUE_LENGTH]
        if value and value not in cleaned:
            cleaned.append(value)
    return tuple(cleaned[:MAX_FILTER_VALUES])


def _clamp(value, low: int, high: int, *, default: int) -> int:
    number = parse_int(value, low=low, high=high, clamp=True)
    return default if number is None else number


def _clamp_year(value) -> int | None:
    return parse_int(value, low=MIN_YEAR, high=MAX_YEAR, clamp=True)


@dataclass
class Hit:
    page_id: int
    title: str
    url: str
    summary: str
    municipality: str
    municipality_code: str
    county: str
    county_code: str
    themes: list[str]
    status: str
    start_year: int | None
    end_year: int | None
    # Safe HTML: the engine escapes the text and adds only <mark> elements.
    highlights: dict[str, list[str]] = field(default_factory=dict)
    is_example: bool = False
    published_at: datetime | None = None
    evidence_level: str = ""

    @classmethod
    def from_document(cls, document: dict, highlights: dict[str, list[str]] | None = None) -> Hit:
        """A hit from a stored search document (search/documents.py shape)."""
        published = document.get("published_at")
        return cls(
            page_id=int(document["id"]),
            title=document.get("title") or "",
            url=document.get("url") or "",
            summary=document.get("summary") or "",
            municipality=document.get("municipality") or "",
            municipality_code=document.get("municipality_code") or "",
            county=document.get("county") or "",
            county_code=document.get("county_code") or "",
            themes=list(document.get("themes") or []),
            status=document.get("status") or "",
            start_year=document.get("start_year"),
            end_year=document.get("end_year"),
            highlights=highlights or {},
            is_example=bool(document.get("is_example")),
            published_at=datetime.fromisoformat(published) if published else None,
            evidence_level=document.get("evidence_level") or "",
        )

    @property
    def evidence_label(self) -> str:
        from cases.choices import EvidenceLevel

        try:
            return str(EvidenceLevel(self.evidence_level).label)
        except ValueError:
            return ""

    @property
    def status_label(self) -> str:
        from cases.choices import Status

        try:
            return str(Status(self.status).label)
        except ValueError:
            return self.status


@dataclass
class FacetValue:
    value: str
    label: str  # Swedish
    count: int
    selected: bool = False
    label_en: str = ""  # the English site's label; empty: the Swedish one


@dataclass
class SearchResult:
    hits: list[Hit]
    total: int
    request: SearchRequest
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    suggestion: str | None = None
    engine: str = ""
    # True when the configured cluster did not answer and the database engine stood in.
    degraded: bool = False
    # Set by the service (search/service.py), never by engines: query words used as filters
    # (search.understanding.InterpretedFilter), the text searched instead of the request's, and
    # the request's text with its typos corrected when a correction was applied.
    interpreted: tuple = ()
    searched_text: str | None = None
    corrected_text: str | None = None

    @property
    def page_count(self) -> int:
        return max(1, -(-self.total // self.request.page_size))


@dataclass
class Suggestion:
    kind: str  # "case", "theme" or "municipality"
    label: str  # Swedish
    url: str
    label_en: str = ""  # the English site's label; empty: the Swedish one


def request_fields() -> list[str]:
    return [f.name for f in fields(SearchRequest)]
