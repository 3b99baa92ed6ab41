"""Reconcile compares content: what each live case should say with what the index really holds,
so documents changed behind the application's back are found and repaired."""

import json
import urllib.request
from io import StringIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from cases.models import CaseStudyPage, Municipality
from search.documents import FINGERPRINTED_FIELDS, UNFINGERPRINTED, case_document, live_cases
from search.models import CaseSearchDocument, CaseSearchEntry, CaseSearchTag
from search.reconcile import compare
from search.request import SearchRequest
from search.service import search_cases


def test_compare_finds_missing_stale_and_orphaned():
    drift = compare({1: "a", 2: "b", 3: "c"}, {2: "b", 3: "old", 4: "x"})
    assert drift.missing == [1]
    assert drift.stale == [3]
    assert drift.orphaned == [4]
    assert drift.to_update == [1, 3, 4]
    assert compare({1: "a"}, {1: "a"}).total == 0


@pytest.mark.django_db
def test_the_fingerprint_covers_every_field_of_the_document():
    document = case_document(live_cases().first())
    assert set(document) - UNFINGERPRINTED == set(FINGERPRINTED_FIELDS)


@pytest.mark.django_db
def test_a_move_changes_the_version_though_nothing_was_published(ljusnarsberg):
    page = live_cases().filter(municipality__code="1782").first()
    before = case_document(page)["version"]
    page.move(ljusnarsberg, pos="last-child")
    after = case_document(live_cases().get(pk=page.pk))
    assert after["municipality_code"] == "1864"
    assert after["version"] != before


def _reconcile(label, check=False):
    out = StringIO()
    call_command("search_reconcile", engine=label, check=check, stdout=out)
    return out.getvalue()


def _label(engine):
    return "database" if engine.name == "database" else "cluster"


def _alter_behind_the_back(engine, page_id):
    """Change a stored document without the application: another municipality, another title."""
    if engine.name == "database":
        CaseSearchEntry.objects.filter(page_id=page_id).update(municipality="Fel kommun")
        return
    request = urllib.request.Request(
        f"{settings.SEARCH_ENGINE_URL.split(',')[0]}/{engine.alias}/_update/{page_id}?refresh=true",
        data=json.dumps({"doc": {"municipality": "Fel kommun", "title": "Fel titel"}}).encode(),
        headers={"Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 200


def test_check_finds_a_document_altered_in_the_index_and_reconcile_repairs_it(search_backend):
    engine = search_backend
    label = _label(engine)
    assert "no drift" in _reconcile(label, check=True)
    page = live_cases().filter(municipality__code="1782").first()
    _alter_behind_the_back(engine, page.pk)

    out = StringIO()
    with pytest.raises(CommandError, match="drifted"):
        call_command("search_reconcile", engine=label, check=True, stdout=out)
    assert f"1 stale: {page.pk}" in out.getvalue()

    assert "repaired 1 cases" in _reconcile(label)
    assert "no drift" in _reconcile(label, check=True)
    if label == "cluster":
        engine.transport.refresh(engine.alias)
    hits = search_cases(SearchRequest(municipalities=("1782",), page_size=100)).hits
    assert page.pk in [hit.page_id for hit in hits]
    assert {hit.municipality for hit in hits} == {page.municipality.name}


@pytest.mark.django_db
def test_the_database_index_is_checked_row_document_and_tags(filipstad):
    page = live_cases().filter(municipality__code="1782", themes__isnull=False).first()
    assert "no drift" in _reconcile("database", check=True)

    CaseSearchTag.objects.filter(entry_id=page.pk).delete()
    document = CaseSearchDocument.objects.get(entry_id=page.pk)
    document.data = {**document.data, "title": "Ändrad utanför"}
    document.save()
    other = live_cases().exclude(pk=page.pk).first()
    CaseSearchEntry.objects.filter(page_id=other.pk).update(status="fel")

    out = StringIO()
    with pytest.raises(CommandError):
        call_command("search_reconcile", engine="database", check=True, stdout=out)
    assert "database: 2 stale" in out.getvalue()
    _reconcile("database")
    assert "no drift" in _reconcile("database", check=True)
    assert CaseSearchTag.objects.filter(entry_id=page.pk).exists()


@pytest.mark.django_db
def test_a_rename_made_behind_the_applications_back_is_stale_until_reconciled(filipstad):
    """A bulk update sends no signal: the index still names the old municipality."""
    cases = set(live_cases().filter(municipality__code="1782").values_list("pk", flat=True))
    Municipality.objects.filter(code="1782").update(name="Nya Filipstad")
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("search_reconcile", engine="database", check=True, stdout=out)
    assert f"database: {len(cases)} stale" in out.getvalue()
    _reconcile("database")
    hit = search_cases(SearchRequest(municipalities=("1782",))).hits[0]
    assert hit.municipality == "Nya Filipstad"


@pytest.mark.django_db
def test_a_case_made_private_without_signals_is_orphaned(filipstad):
    page = live_cases().first()
    CaseStudyPage.objects.filter(pk=page.pk).update(live=False)
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("search_reconcile", engine="database", check=True, stdout=out)
    assert f"1 orphaned: {page.pk}" in out.getvalue()
