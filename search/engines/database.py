"""The embedded database search engine: needs no server, and stands in when a cluster is down.

Filters and facet counts are SQL over CaseSearchEntry and CaseSearchTag written once
(database_sql.py: the ORM spent more time building the nine counts than the database running
them); sorting and the rest are ORM queries. Text is
analysed by search.analysis and matched and ranked by the rule of search/ranking.py over a
postings table, with the same SQL on SQLite and PostgreSQL (database_postings.py). Highlights and
did-you-mean are computed in Python from the stored documents, so they are the same on both.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from functools import cached_property
from itertools import islice, product

from django.db import connection, transaction
from django.db.models import BooleanField, Case, Count, F, Q, QuerySet, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from cases.choices import EvidenceLevel, Status
from core.bulk_rows import insert_rows
from search import analysis, filters, ranking
from search.engines.database_postings import PostingIndex
from search.engines.database_sql import COLUMNS, Where, facet_counts, where
from search.models import CaseSearchDocument, CaseSearchEntry, CaseSearchTag, CaseSearchWord
from search.request import (
    FACETS,
    FILTER_FIELDS,
    MAX_TEXT_LENGTH,
    FacetValue,
    Hit,
    SearchRequest,
    SearchResult,
    Suggestion,
)

CHUNK_SIZE = 500
# List filter -> (document field with the slugs, with the names, with the English names).
TAGS = {name: (filters.FILTER_FIELDS[name], name, f"{name}_en") for name in filters.LIST_FILTERS}
# List filter -> document field with each value's page address, where the value has one.
TAG_URLS = {"themes": "theme_urls"}
INDICATOR_LABELS = {"true": _("With measured results"), "false": _("Without measured results")}
# did-you-mean: how many corrections of one word to consider, and how many combinations to try.
# A query with more unknown words than this is not a typo; words shorter than the minimum are
# left alone (too little to go on).
CORRECTIONS_PER_WORD = 3
MAX_CORRECTION_TRIES = 6
MAX_UNKNOWN_WORDS = 3
MIN_CORRECTED_LENGTH = 3
# related(): what a shared theme, a shared keyword and the best text match are worth.
RELATED_WEIGHTS = {"themes": 1.0, "keywords": 2.0, "text": 3.0}
RELATED_CANDIDATES = 50
# Swedish lower-case order for labels: å, ä, ö after z, in that order.
_SWEDISH_ORDER = str.maketrans({"å": "{", "ä": "|", "ö": "}"})


class DatabaseEngine:
    name = "database"

    @cached_property
    def _fulltext(self) -> PostingIndex:
        return PostingIndex()

    # Searching

    def search(self, request: SearchRequest) -> SearchResult:
        request = request.normalised()
        parsed = analysis.parse_query(request.text)
        query = self._fulltext.query(parsed) if request.text else None
        # Only stop words, punctuation or symbols: nothing to look for.
        nothing = query is not None and query.empty
        matching = _matching(query)
        total = 0 if nothing else _count(where(request, matching))
        ids = [] if nothing else self._page_ids(request, query, matching, total)
        return SearchResult(
            hits=_hits(ids, analysis.highlight_terms(parsed) if query else frozenset()),
            total=total,
            request=request,
            facets=_facets(request, matching, nothing),
            suggestion=self._suggestion(request) if query and not total else None,
            engine=self.name,
        )

    def ordered_ids(self, request: SearchRequest) -> Iterable[int]:
        """Every indexed case the filters of a request without text select, in its sort order,
        read in chunks: downloads stream any number of cases, with no result window."""
        entries = _filtered(CaseSearchEntry.objects.all(), where(request.normalised()))
        ordered = entries.order_by(*_order(request.sort)).values_list("page_id", flat=True)
        return ordered.iterator(chunk_size=CHUNK_SIZE)

    def _page_ids(self, request, query, matching, total) -> list[int]:
        if request.offset >= total:
            return []
        if request.sort == "relevance" and query is not None:
            scope = where(request).entry_ids() if request.has_filters else None
            return query.ranked(scope, request.offset, request.page_size)
        found = _filtered(CaseSearchEntry.objects.all(), where(request, matching))
        ordered = found.order_by(*_order(request.sort))
        end = request.offset + request.page_size
        return list(ordered.values_list("page_id", flat=True)[request.offset : end])

    def _suggestion(self, request: SearchRequest) -> str | None:
        """The text with unknown words replaced by close indexed ones, if that finds anything."""
        words = analysis.words(request.text)
        stems = {word: analysis.stem(word) for word in words}
        known = set(
            CaseSearchWord.objects.filter(stem__in=set(stems.values())).values_list(
                "stem", flat=True
            )
        )
        unknown = [
            word
            for word in words
            if len(word) >= MIN_CORRECTED_LENGTH
            and word not in analysis.STOP_WORDS
            and not word.isdigit()
            and stems[word] not in known
        ]
        if not unknown or len(unknown) > MAX_UNKNOWN_WORDS:
            return None
        corrections = {word: _close_words(word) for word in unknown}
        options = [corrections.get(word, [word]) for word in words]
        for attempt in islice(product(*options), MAX_CORRECTION_TRIES):
            if list(attempt) == words:
                continue
            corrected = replace(request, text=" ".join(attempt))
            query = self._fulltext.query(analysis.parse_query(corrected.text))
            if not query.empty and _count(where(corrected, _matching(query))):
                return corrected.text
        return None

    # Suggestions and related cases

    def autocomplete(self, prefix: str, limit: int = 8) -> list[Suggestion]:
        folded = analysis.fold((prefix or "")[:MAX_TEXT_LENGTH])
        if not folded or limit <= 0:
            return []
        return _fair_share(
            [
                _theme_suggestions(folded),
                _municipality_suggestions(folded),
                _case_suggestions(folded, limit),
            ],
            limit,
        )

    def related(self, page_id: int, limit: int = 5) -> list[Hit]:
        entry = CaseSearchEntry.objects.filter(page_id=page_id).first()
        if entry is None or limit <= 0:
            return []
        scores: dict[int, float] = defaultdict(float)
        for kind, pairs in _shared_tags(entry).items():
            for other, shared in pairs:
                scores[other] += RELATED_WEIGHTS[kind] * shared
        document = entry.document.data
        subject = " ".join([document.get("title") or "", *(document.get("keywords") or [])])
        matches = self._fulltext.ranked_any(
            (term for _position, term in analysis.index_terms(subject)), RELATED_CANDIDATES
        )
        best = max((score for _, score in matches), default=0) or 1
        for other, score in matches:
            scores[other] += RELATED_WEIGHTS["text"] * score / best
        scores.pop(entry.page_id, None)
        candidates = sorted(scores, key=lambda other: (-scores[other], other))[:RELATED_CANDIDATES]
        codes = dict(
            CaseSearchEntry.objects.filter(page_id__in=candidates).values_list(
                "page_id", "municipality_code"
            )
        )
        # Other municipalities first: learning from elsewhere is the point of the library.
        ordered = sorted(
            (other for other in candidates if other in codes),
            key=lambda other: (codes[other] == entry.municipality_code, -scores[other], other),
        )
        return _hits(ordered[:limit], frozenset())

    # Indexing

    def index(self, documents: Iterable[dict]) -> int:
        count = 0
        iterator = iter(documents)
        while chunk := list(islice(iterator, CHUNK_SIZE)):
            self._write({int(document["id"]): _without_nul(document) for document in chunk})
            count += len(chunk)
        if count >= CHUNK_SIZE:
            self._fulltext.refresh_statistics()
        return count

    def _write(self, documents: dict[int, dict]) -> None:
        vocabulary = {
            word
            for document in documents.values()
            for value in ranking.field_texts(document).values()
            for word in analysis.words(value)
            if 2 <= len(word) <= 64 and not word.isdigit()
        }
        # One executemany per table: bulk_create compiled SQL for every value.
        with transaction.atomic():
            self._remove(list(documents))
            insert_rows(CaseSearchEntry, [_entry(d) for d in documents.values()])
            insert_rows(
                CaseSearchDocument,
                [CaseSearchDocument(entry_id=page_id, data=d) for page_id, d in documents.items()],
            )
            insert_rows(
                CaseSearchTag,
                [tag for page_id, d in documents.items() for tag in _tags(page_id, d)],
            )
            self._fulltext.store(documents)
            insert_rows(
                CaseSearchWord,
                [CaseSearchWord(word=word, stem=analysis.stem(word)) for word in vocabulary],
                ignore_conflicts=True,
            )

    def delete(self, page_ids: Iterable[int]) -> None:
        iterator = iter(page_ids)
        while chunk := [int(page_id) for page_id in islice(iterator, CHUNK_SIZE)]:
            with transaction.atomic():
                self._remove(chunk)

    def _remove(self, page_ids: list[int]) -> None:
        CaseSearchEntry.objects.filter(page_id__in=page_ids).delete()
        self._fulltext.remove(page_ids)

    def indexed_versions(self) -> dict[int, str]:
        return dict(CaseSearchEntry.objects.values_list("page_id", "version"))

    def clear(self) -> None:
        with transaction.atomic():
            CaseSearchTag.objects.all().delete()
            CaseSearchDocument.objects.all().delete()
            CaseSearchEntry.objects.all().delete()
            CaseSearchWord.objects.all().delete()
            self._fulltext.clear()


# Filters and facets


def _order(sort: str) -> list:
    """search/filters.py's sort order as entry columns (missing values last)."""
    return [
        "-page_id" if field == "id" else F(field).desc(nulls_last=True)
        for field in filters.sort_fields(sort)
    ]


def _matching(query) -> tuple[str, tuple] | None:
    """The text match as a subquery of page ids (None without text)."""
    if query is None or query.empty:
        return None
    matching = query.matching()
    return matching.sql, matching.params


def _filtered(entries: QuerySet, conditions: Where) -> QuerySet:
    if not conditions.clauses:
        return entries
    return entries.filter(RawSQL(conditions.sql, conditions.params, output_field=BooleanField()))


def _count(conditions: Where) -> int:
    sql, params = conditions.entry_ids()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS found", params)
        return cursor.fetchone()[0]


def _facets(request: SearchRequest, matching, nothing: bool) -> dict[str, list[FacetValue]]:
    """Every facet's counts, read in one statement (database_sql.facet_counts)."""
    counts: dict[str, dict[str, tuple[str, str, int]]] = {name: {} for name in FACETS}
    for value, label, label_en, count, name in [] if nothing else facet_counts(request, matching):
        if value is None or value == "":
            continue
        value = _facet_value(name, value)
        label = label or _fixed_label(name, value)
        counts[name][value] = (label, label_en or label, count)
    return {name: _facet(name, counts[name], request) for name in FACETS}


def _facet(name: str, counts: dict, request: SearchRequest) -> list[FacetValue]:
    selected = _selected(name, request)
    missing = [value for value in selected if value not in counts]
    for value, (label, label_en) in _labels(name, missing).items():
        counts[value] = (label, label_en, 0)
    values = [
        FacetValue(
            value, label, count, value in selected or _in_years(name, value, request), label_en
        )
        for value, (label, label_en, count) in counts.items()
    ]
    return sorted(values, key=lambda v: (-v.count, v.label.lower().translate(_SWEDISH_ORDER)))


def _facet_value(name: str, value: str) -> str:
    """A counted value as the facet names it (booleans read back as text differ per database)."""
    if name == "has_indicators":
        return "true" if str(value).lower() in ("1", "true", "t") else "false"
    return str(value)


def _fixed_label(name: str, value: str) -> str:
    choices = {"statuses": Status, "evidence_levels": EvidenceLevel}.get(name)
    if choices is not None:
        return str(choices(value).label) if value in choices.values else value
    if name == "has_indicators":
        return str(INDICATOR_LABELS.get(value, value))
    return value


def _selected(name: str, request: SearchRequest) -> set[str]:
    if name in FILTER_FIELDS:
        return set(request.filter_values(name))
    if name == "has_indicators" and request.has_indicators is not None:
        return {"true" if request.has_indicators else "false"}
    return set()


def _in_years(name: str, value: str, request: SearchRequest) -> bool:
    if name != "start_years" or (request.year_from is None and request.year_to is None):
        return False
    year = int(value)
    return (request.year_from or year) <= year <= (request.year_to or year)


def _labels(name: str, values: list[str]) -> dict[str, tuple[str, str]]:
    """(label, English label) of selected values no case in scope has (they are still shown,
    with 0), as any indexed case names them; a value no indexed case has is its own label."""
    if not values:
        return {}
    if name in TAGS:
        known = CaseSearchTag.objects.filter(kind=name, slug__in=values).values_list(
            "slug", "name", "name_en"
        )
    elif name in ("municipalities", "counties"):
        column, label_column = COLUMNS[name]
        known = (
            CaseSearchEntry.objects.filter(**{f"{column}__in": values})
            .values_list(column, label_column, label_column)
            .distinct()
        )
    else:
        known = [(value, _fixed_label(name, value), "") for value in values]
    labels = {value: (label, label_en or label) for value, label, label_en in known}
    return {value: labels.get(value, (value, value)) for value in values}


# Hits


def _hits(page_ids: list[int], wanted: frozenset[str]) -> list[Hit]:
    documents = dict(
        CaseSearchDocument.objects.filter(entry_id__in=page_ids).values_list("entry_id", "data")
    )
    return [
        Hit.from_document(documents[page_id], ranking.highlights(documents[page_id], wanted))
        for page_id in page_ids
        if page_id in documents
    ]


def _close_words(word: str) -> list[str]:
    """Indexed words spelt like this one. Typos rarely hit the first letter; assuming that keeps
    the candidates few."""
    candidates = (
        CaseSearchWord.objects.filter(word__startswith=word[0])
        .annotate(length=Length("word"))
        .filter(length__range=(len(word) - 2, len(word) + 2))
        .values_list("word", flat=True)
    )
    return difflib.get_close_matches(word, list(candidates), n=CORRECTIONS_PER_WORD, cutoff=0.75)


# Autocomplete and related


def _starts(label: str, folded_prefix: str) -> bool:
    folded = analysis.fold(label)
    return folded.startswith(folded_prefix) or f" {folded_prefix}" in folded


def _by_label(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    return sorted(suggestions, key=lambda s: s.label.lower().translate(_SWEDISH_ORDER))


def _theme_suggestions(folded: str) -> list[Suggestion]:
    """Focus areas some indexed case has, with the page address their documents carry."""
    tags = CaseSearchTag.objects.filter(kind="themes").exclude(url="")
    found = {
        slug: Suggestion("theme", name, url, name_en or name)
        for slug, name, name_en, url in tags.values_list("slug", "name", "name_en", "url")
        .order_by()
        .distinct()
        if _starts(name, folded)
    }
    return _by_label(found.values())


def _municipality_suggestions(folded: str) -> list[Suggestion]:
    """Municipalities some indexed case is from, with their page's address."""
    entries = CaseSearchEntry.objects.exclude(municipality_url="").exclude(municipality="")
    found = {
        url: Suggestion("municipality", name, url, name)
        for name, url in entries.values_list("municipality", "municipality_url")
        .order_by()
        .distinct()
        if _starts(name, folded)
    }
    return _by_label(found.values())


def _case_suggestions(folded: str, limit: int) -> list[Suggestion]:
    entries = (
        CaseSearchEntry.objects.filter(
            Q(folded_title__startswith=folded) | Q(folded_title__contains=f" {folded}")
        )
        .annotate(later=Case(When(folded_title__startswith=folded, then=0), default=1))
        .order_by("later", "title", "page_id")
        .values_list("title", "url")[:limit]
    )
    return [Suggestion("case", title, url) for title, url in entries if url]


def _fair_share(groups: list[list[Suggestion]], limit: int) -> list[Suggestion]:
    """Up to `limit` suggestions, kinds taking turns for the room, each kind kept together."""
    taken = [0] * len(groups)
    while sum(taken) < limit and any(n < len(g) for n, g in zip(taken, groups, strict=True)):
        for i, group in enumerate(groups):
            if taken[i] < len(group) and sum(taken) < limit:
                taken[i] += 1
    return [item for group, n in zip(groups, taken, strict=True) for item in group[:n]]


def _shared_tags(entry: CaseSearchEntry) -> dict[str, list[tuple[int, int]]]:
    """kind -> (other page id, how many of this case's themes / keywords it shares)."""
    shared = {}
    for kind in ("themes", "keywords"):
        own = entry.tags.filter(kind=kind).values("slug")
        shared[kind] = list(
            CaseSearchTag.objects.filter(kind=kind, slug__in=own)
            .exclude(entry_id=entry.page_id)
            .values_list("entry_id")
            .annotate(count=Count("id"))
            .order_by()
        )
    return shared


# Documents -> rows


def _without_nul(value):
    # Neither PostgreSQL text nor jsonb can hold NUL characters.
    if isinstance(value, str):
        return value.replace("\x00", "")
    if isinstance(value, list):
        return [_without_nul(item) for item in value]
    if isinstance(value, dict):
        return {key: _without_nul(item) for key, item in value.items()}
    return value


def _entry(document: dict) -> CaseSearchEntry:
    title = document.get("title") or ""
    return CaseSearchEntry(
        page_id=int(document["id"]),
        version=str(document.get("version") or ""),
        title=title,
        folded_title=analysis.fold(title),
        municipality_code=document.get("municipality_code") or "",
        municipality=document.get("municipality") or "",
        municipality_url=document.get("municipality_url") or "",
        county_code=document.get("county_code") or "",
        county=document.get("county") or "",
        status=document.get("status") or "",
        evidence_level=document.get("evidence_level") or "",
        start_date=_parse(date, document.get("start_date")),
        start_year=document.get("start_year"),
        end_year=document.get("end_year"),
        has_indicators=bool(document.get("has_indicators")),
        published_at=_parse(datetime, document.get("published_at")),
        url=document.get("url") or "",
    )


def _tags(page_id: int, document: dict) -> list[CaseSearchTag]:
    tags = {}
    for kind, (slugs_field, names_field, english_field) in TAGS.items():
        slugs, names = document.get(slugs_field) or [], document.get(names_field) or []
        english = document.get(english_field) or []
        urls = document.get(TAG_URLS.get(kind, "")) or []
        for number, (slug, name) in enumerate(zip(slugs, names, strict=False)):
            tags[kind, slug] = CaseSearchTag(
                entry_id=page_id,
                kind=kind,
                slug=slug,
                name=name,
                name_en=_at(english, number) or name,
                url=_at(urls, number),
            )
    return list(tags.values())


def _at(values: list, number: int) -> str:
    return str(values[number] or "") if number < len(values) else ""


def _parse(kind, value):
    return kind.fromisoformat(value) if isinstance(value, str) and value else None
