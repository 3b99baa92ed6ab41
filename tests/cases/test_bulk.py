"""A case made by the bulk path is the case an editor makes in the admin (issue #13)."""

from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.html import strip_tags
from wagtail.models import Page, PageLogEntry, ReferenceIndex

from cases.bulk import create_drafts, publish_cases
from cases.case_builder import Vocabulary, build_case
from cases.models import CaseStudyPage
from search.models import CaseSearchEntry
from search.request import SearchRequest
from search.service import search_cases
from tests.admin_forms import add_case_form, postable
from themes.models import Theme

pytestmark = pytest.mark.django_db


def _spec(slug, title):
    return {
        "slug": slug,
        "title": title,
        "summary": "Språkombud stärker språkutvecklingen i förskolan.",
        "themes": [Theme.objects.order_by("pk").first().slug],
        "keywords": ["språkombud", "förskola"],
        "status": "ongoing",
        "start_date": "2023-01-09",
        "grant_amount": 400000,
        "total_budget": 600000,
        "sections": {"background": ["Många barn saknade svenska."]},
    }


def _bulk(parent, specs, user=None):
    vocabulary = Vocabulary()
    with transaction.atomic():
        ids = publish_cases([(parent, build_case(spec, vocabulary)) for spec in specs], user)
    return [CaseStudyPage.objects.get(pk=pk) for pk in ids]


def _admin_case(admin_client, parent, title):
    url, data = add_case_form(
        admin_client, parent, title=title, themes=[Theme.objects.order_by("pk").first().pk]
    )
    data["action-publish"] = "action-publish"
    response = admin_client.post(url, postable(data))
    assert response.status_code == HTTPStatus.FOUND
    return CaseStudyPage.objects.child_of(parent).get(title=title)


FIELDS = [
    "summary",
    "status",
    "start_date",
    "end_date",
    "grant_amount",
    "total_budget",
    "evidence_level",
    "evaluation_kind",
    "municipality_id",
    "live",
    "has_unpublished_changes",
    "depth",
    "numchild",
    "locale_id",
    "content_type_id",
    "expired",
    "locked",
]


def test_a_bulk_case_is_what_the_admin_makes(admin_client, superuser, filipstad):
    by_admin = _admin_case(admin_client, filipstad, "Språkombud i förskolan")
    (bulk,) = _bulk(
        filipstad, [_spec("sprakombud-bulk", "Språkombud i förskolan, bulk")], superuser
    )

    for field in FIELDS:
        assert getattr(bulk, field) == getattr(by_admin, field), field
    assert bulk.body.raw_data[0]["type"] == by_admin.body.raw_data[0]["type"] == "background"
    assert strip_tags(str(bulk.body)) == strip_tags(str(by_admin.body))
    assert set(bulk.themes.all()) == set(by_admin.themes.all())
    assert sorted(k.name for k in bulk.keywords.all()) == sorted(
        k.name for k in by_admin.keywords.all()
    )
    # tree, URL and ownership
    assert bulk.get_parent().pk == by_admin.get_parent().pk == filipstad.pk
    assert bulk.path[:-4] == by_admin.path[:-4] and bulk.path > by_admin.path
    assert bulk.url == f"{filipstad.url}sprakombud-bulk/"
    assert bulk.url_path == f"{filipstad.url_path}sprakombud-bulk/"
    assert bulk.owner == by_admin.owner == superuser
    assert Page.objects.get(pk=filipstad.pk).numchild == Page.objects.child_of(filipstad).count()
    assert Page.find_problems() == ([], [], [], [], [])
    # revisions
    for case in (bulk, by_admin):
        assert case.latest_revision_id == case.live_revision_id is not None
        assert case.revisions.count() == 1
        revision = case.latest_revision
        assert revision.user == superuser
        shown = revision.as_object()
        assert shown.title == case.title and shown.summary == case.summary
        assert sorted(k.name for k in shown.keywords.all()) == ["förskola", "språkombud"]
        assert [t.pk for t in shown.themes.all()] == [t.pk for t in case.themes.all()]
        actions = PageLogEntry.objects.filter(page=case).values_list("action", "user")
        assert sorted(actions) == [
            ("wagtail.create", superuser.pk),
            ("wagtail.edit", superuser.pk),
            ("wagtail.publish", superuser.pk),
        ]
    referenced = [
        sorted(
            ReferenceIndex.get_references_for_object(case).values_list(
                "to_content_type", "to_object_id", "model_path"
            )
        )
        for case in (bulk, by_admin)
    ]
    assert referenced[0] == referenced[1] != []
    # search entries and the page itself
    for case in (bulk, by_admin):
        assert CaseSearchEntry.objects.filter(page_id=case.pk).exists()
        assert case in CaseStudyPage.objects.search(case.title)  # the admin's search
    found = search_cases(SearchRequest(text="Språkombud i förskolan", page_size=50))
    ids = {hit.page_id for hit in found.hits}
    assert {bulk.pk, by_admin.pk} <= ids
    response = admin_client.get(bulk.url)
    assert response.status_code == 200
    assert "Språkombud i förskolan, bulk" in response.content.decode()


def test_batches_continue_the_tree(filipstad):
    first = _bulk(filipstad, [_spec(f"forsta-{n}", f"Första {n}") for n in range(3)])
    second = _bulk(filipstad, [_spec(f"andra-{n}", f"Andra {n}") for n in range(3)])
    paths = [case.path for case in first + second]
    assert paths == sorted(paths) and len(set(paths)) == 6
    assert Page.find_problems() == ([], [], [], [], [])
    assert CaseStudyPage.objects.child_of(filipstad).filter(slug__startswith="andra-").count() == 3


def test_a_slug_taken_under_the_parent_is_refused(filipstad):
    taken = CaseStudyPage.objects.child_of(filipstad).first().slug
    with pytest.raises(ValidationError, match=taken):
        _bulk(filipstad, [_spec(taken, "Samma adress")])
    assert Page.find_problems() == ([], [], [], [], [])


def _admin_draft(admin_client, parent, title):
    url, data = add_case_form(
        admin_client, parent, title=title, themes=[Theme.objects.order_by("pk").first().pk]
    )
    response = admin_client.post(url, postable(data))
    assert response.status_code == HTTPStatus.FOUND
    return CaseStudyPage.objects.child_of(parent).get(title=title)


def test_a_bulk_draft_is_what_the_admin_saves(admin_client, superuser, filipstad):
    by_admin = _admin_draft(admin_client, filipstad, "Läxhjälp på biblioteket")
    vocabulary = Vocabulary()
    spec = _spec("laxhjalp-bulk", "Läxhjälp på biblioteket, bulk")
    with transaction.atomic():
        (page_id,) = create_drafts([(filipstad, build_case(spec, vocabulary))], superuser)
    bulk = CaseStudyPage.objects.get(pk=page_id)

    for case in (bulk, by_admin):
        assert not case.live and case.has_unpublished_changes
        assert case.first_published_at is None and case.live_revision_id is None
        assert case.latest_revision_id is not None and case.revisions.count() == 1
        assert case.latest_revision.user == superuser and case.owner == superuser
        assert case.draft_title == case.title
        actions = PageLogEntry.objects.filter(page=case).values_list("action", "user")
        assert sorted(actions) == [("wagtail.create", superuser.pk), ("wagtail.edit", superuser.pk)]
        # Editors find drafts in the admin's search; the public search knows nothing of them.
        assert case in CaseStudyPage.objects.search(case.title)
        assert not CaseSearchEntry.objects.filter(page_id=case.pk).exists()
    assert bulk.latest_revision.as_object().summary == bulk.summary
    assert Page.objects.get(pk=filipstad.pk).numchild == Page.objects.child_of(filipstad).count()
    assert Page.find_problems() == ([], [], [], [], [])
    # The editor can open the draft and sees its title.
    response = admin_client.get(f"/admin/pages/{bulk.pk}/edit/")
    assert response.status_code == 200
    assert "Läxhjälp på biblioteket, bulk" in response.content.decode()


def test_an_import_batch_with_a_refused_row_creates_the_others(filipstad, superuser):
    """Imports go through create_drafts a batch at a time; a refused batch is written again row
    by row, so only the bad row is reported – and a keyword made in the rolled-back batch is
    made again, not taken from memory."""
    from cases.exchange import importer
    from cases.exchange.import_rows import ImportReport, RowResult
    from themes.models import Keyword

    def row(number, title, **changes):
        spec = {**_spec("", title), "keywords": ["helt nytt nyckelord"], **changes}
        return RowResult(number, title, filipstad.municipality.code, spec)

    report = ImportReport(
        rows=[row(2, "Första raden"), row(3, "Andra raden", status="nonsens"), row(4, "Tredje")]
    )
    summary = importer.apply(report, superuser)

    assert [case.row for case in summary.created] == [2, 4]
    assert [failed.row for failed in summary.failed] == [3]
    assert "nonsens" in summary.failed[0].reason
    assert Keyword.objects.filter(name="helt nytt nyckelord").count() == 1
    for created in summary.created:
        case = CaseStudyPage.objects.get(pk=created.page_id)
        assert not case.live and case.owner == superuser
        assert [keyword.name for keyword in case.keywords.all()] == ["helt nytt nyckelord"]
    assert not CaseStudyPage.objects.filter(title="Andra raden").exists()
    assert Page.find_problems() == ([], [], [], [], [])
