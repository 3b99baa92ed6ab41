"""The bulk path's shortcuts write exactly what the slow ways write (issue #13).

cases/bulk.py builds the search documents from the pages it holds in memory instead of reading
them back; these tests hold it to the documents built from the pages as the database returns
them, for synthetic cases of every shape.
"""

import pytest
from django.db import transaction

from cases.bulk import publish_cases
from cases.case_builder import Vocabulary, build_case
from cases.models import CaseStudyPage
from cases.synthetic import generate_specs
from search.documents import case_document, live_cases
from search.models import CaseSearchDocument, CaseSearchEntry, CaseSearchTag

pytestmark = pytest.mark.django_db

COUNT = 40


@pytest.fixture
def bulk_cases(filipstad, ljusnarsberg, superuser):
    parents = {"1782": filipstad, "1864": ljusnarsberg}
    vocabulary = Vocabulary()
    specs = list(generate_specs(COUNT, 7, list(parents)))
    with transaction.atomic():
        ids = publish_cases(
            [(parents[spec["municipality"]], build_case(spec, vocabulary)) for spec in specs],
            superuser,
        )
    return ids


def test_search_documents_equal_those_read_back(bulk_cases):
    stored = dict(
        CaseSearchDocument.objects.filter(entry_id__in=bulk_cases).values_list("entry_id", "data")
    )
    assert sorted(stored) == sorted(bulk_cases)
    for page in live_cases().filter(pk__in=bulk_cases):
        assert stored[page.pk] == case_document(page), page.slug


def test_entries_and_tags_are_those_a_reindex_writes(bulk_cases):
    """The rows the bulk path wrote, then the same cases indexed again the ordinary way."""

    def snapshot():
        entries = list(
            CaseSearchEntry.objects.filter(page_id__in=bulk_cases).order_by("page_id").values()
        )
        tags = sorted(
            CaseSearchTag.objects.filter(entry_id__in=bulk_cases).values_list(
                "entry_id", "kind", "slug", "name", "name_en", "url"
            )
        )
        return entries, tags

    from search.indexing import cases_changed

    bulk = snapshot()
    cases_changed(bulk_cases)
    assert snapshot() == bulk
    assert bulk[1], "the cases have tags"


def test_a_case_under_a_private_municipality_page_is_not_indexed(filipstad, superuser):
    from wagtail.models import PageViewRestriction

    PageViewRestriction.objects.create(
        page=filipstad, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
    )
    spec = next(generate_specs(1, 3, ["1782"]))
    with transaction.atomic():
        (page_id,) = publish_cases([(filipstad, build_case(spec, Vocabulary()))], superuser)
    assert CaseStudyPage.objects.get(pk=page_id).live
    assert not CaseSearchEntry.objects.filter(page_id=page_id).exists()


def test_admin_search_entries_equal_those_add_bulk_writes(bulk_cases):
    """The bulk path's admin search rows, then the rows Wagtail's own add_bulk writes for the
    same pages read back from the database."""
    from modelsearch.utils import get_content_type_pk
    from wagtail.search.backends import get_search_backend
    from wagtail.search.models import IndexEntry

    entries = IndexEntry.objects.filter(
        content_type_id=get_content_type_pk(CaseStudyPage),
        object_id__in=[str(pk) for pk in bulk_cases],
    )

    def rows():
        return sorted(entries.values_list("object_id", "title", "autocomplete", "body"))

    written = rows()
    assert len(written) == COUNT
    assert all(body for _id, _title, _autocomplete, body in written)
    entries.delete()
    get_search_backend().add_bulk(
        CaseStudyPage, list(CaseStudyPage.objects.filter(pk__in=bulk_cases))
    )
    assert rows() == written
