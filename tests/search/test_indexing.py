"""Publishing, unpublishing, moving, deleting and renaming keep the database index in step."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from cases.models import CaseStudyPage, Municipality
from search.request import SearchRequest
from search.service import database_engine, search_cases
from search.tasks import backoff
from tests.factories import make_case
from themes.models import Keyword, Theme

pytestmark = pytest.mark.django_db


def _found(**fields):
    return [hit.page_id for hit in search_cases(SearchRequest(page_size=50, **fields)).hits]


def test_publishing_makes_a_case_findable_and_unpublishing_removes_it(filipstad):
    case = make_case(filipstad, title="Cykelskola för vuxna", summary="Vuxna lär sig cykla.")
    assert _found(text="cykelskola") == [case.pk]
    case.unpublish()
    assert _found(text="cykelskola") == []


def test_a_draft_is_not_findable_until_published(filipstad):
    draft = make_case(filipstad, title="Hemlig simskola", publish=False)
    assert _found(text="simskola hemlig") == []
    draft.get_latest_revision().publish()
    assert _found(text="simskola hemlig") == [draft.pk]


def test_an_edit_is_findable_only_once_published(filipstad):
    case = make_case(filipstad, title="Läsombud i förskolan")
    case.title = "Gnistrande läsombud i förskolan"
    revision = case.save_revision()
    assert _found(text="gnistrande") == []
    revision.publish()
    assert _found(text="gnistrande") == [case.pk]


def test_moving_a_case_moves_it_between_municipalities_in_search(filipstad, ljusnarsberg):
    case = make_case(filipstad, title="Flyttbar insats")
    case.move(ljusnarsberg, pos="last-child")
    assert case.pk in _found(municipalities=("1864",))
    assert case.pk not in _found(municipalities=("1782",))


def test_deleting_a_case_removes_it(filipstad):
    case = make_case(filipstad, title="Raderad insats")
    CaseStudyPage.objects.get(pk=case.pk).delete()
    assert _found(text="raderad insats") == []


def test_renaming_a_theme_or_municipality_updates_their_cases(filipstad):
    case = make_case(filipstad, themes=["folkhalsa"], title="Pulsträning")
    theme = Theme.objects.get(slug="folkhalsa")
    theme.name = "Hälsa och rörelse"
    theme.save()
    hit = next(h for h in search_cases(SearchRequest(text="pulsträning")).hits)
    assert "Hälsa och rörelse" in hit.themes
    municipality = Municipality.objects.get(code="1782")
    municipality.name = "Filipstads kommun"
    municipality.save()
    assert search_cases(SearchRequest(text="pulsträning")).hits[0].municipality == (
        "Filipstads kommun"
    )
    assert case.pk in _found(text="pulsträning")


def test_rebuild_and_reconcile_on_the_database_engine(filipstad):
    engine = database_engine()
    total = CaseStudyPage.objects.live().count()
    out = StringIO()
    call_command("search_rebuild", engine="database", stdout=out)
    assert f"indexed {total} cases" in out.getvalue()

    case = make_case(filipstad, title="Tappad i indexet")
    engine.delete([case.pk])
    engine.index([{**_document_of(case.pk), "id": 10**8}])  # an orphan
    out = StringIO()
    with pytest.raises(Exception, match="drifted"):
        call_command("search_reconcile", engine="database", check=True, stdout=out)
    assert "1 missing" in out.getvalue() and "1 orphaned" in out.getvalue()
    call_command("search_reconcile", engine="database", stdout=StringIO())
    out = StringIO()
    call_command("search_reconcile", engine="database", check=True, stdout=out)
    assert "no drift" in out.getvalue()
    assert _found(text="tappad indexet") == [case.pk]


def _document_of(page_id):
    from search.documents import case_document, live_cases

    return case_document(live_cases().get(pk=page_id))


def test_the_probe_delay_grows_to_at_most_thirty_seconds():
    # However long an outage lasts, waiting updates go out within 30 s of the cluster's return.
    assert [backoff(n).total_seconds() for n in range(4)] == [5, 10, 20, 30]
    assert backoff(100) == timedelta(seconds=30)


def test_renaming_or_deleting_a_keyword_updates_its_cases(filipstad):
    case = make_case(filipstad, title="Läxhjälp på biblioteket")
    keyword = Keyword.objects.create(name="Läxor", slug="laxor")
    case.keywords.add(keyword)
    case.save_revision().publish()
    keyword.name = "Läxläsning"
    keyword.save()
    assert "Läxläsning" in _document_in_index(case.pk)["keywords"]
    keyword.delete()
    assert "Läxläsning" not in _document_in_index(case.pk)["keywords"]


def test_a_new_slug_for_a_municipality_page_changes_the_url_of_its_cases(filipstad):
    case = make_case(filipstad, title="Adressbytet")
    filipstad.slug = "filipstad-ny"
    filipstad.save_revision().publish()
    url = _document_in_index(case.pk)["url"]
    assert "/filipstad-ny/" in url
    assert url == CaseStudyPage.objects.get(pk=case.pk).url


def test_a_case_published_in_english_is_indexed_with_its_swedish_address(filipstad):
    with translation.override("en"):
        case = make_case(filipstad, title="Publicerad på engelska")
        assert CaseStudyPage.objects.get(pk=case.pk).url.startswith("/en/")
    url = _document_in_index(case.pk)["url"]
    assert url == CaseStudyPage.objects.get(pk=case.pk).url
    assert not url.startswith("/en/")


def test_keywords_in_a_document_come_in_one_order_however_they_were_added(filipstad):
    """Tags have no order, and PostgreSQL returns them in any: an unsorted list gave the same case
    two fingerprints, and reconcile reported drift that was not there."""
    case = make_case(filipstad, title="Ordning bland nyckelorden")
    for name in ("ordning zeta", "ordning alfa", "ordning my"):
        case.keywords.add(Keyword.objects.create(name=name, slug=name.replace(" ", "-")))
    case.save_revision().publish()
    document = _document_in_index(case.pk)
    ours = [name for name in document["keywords"] if name.startswith("ordning")]
    assert ours == ["ordning alfa", "ordning my", "ordning zeta"]
    assert document["keywords"] == sorted(document["keywords"])


def _document_in_index(page_id):
    from search.models import CaseSearchDocument

    return CaseSearchDocument.objects.get(entry_id=page_id).data
