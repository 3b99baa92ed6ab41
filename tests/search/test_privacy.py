"""A case made private (a view restriction on it or on a page above it) disappears from every
public output within the next request, and comes back when the restriction goes – on the
database engine and on a real OpenSearch cluster (the `search_backend` fixture).

Every output is read through the test client as a visitor would: /sok/, the API, suggestions,
feeds, the municipality, theme and home pages, similar cases and inspiration links, the sitemap,
/statistik/ and its downloads, the case-list download and the open data.
"""

import json
import re
from dataclasses import dataclass
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from wagtail.models import PageViewRestriction

from cases.models import CaseStudyPage, MunicipalityPage
from search.service import related_cases
from tests.factories import make_case
from tests.sitemaps import sitemap_xml

pytestmark = pytest.mark.django_db

WORD = "zebrapedagogik"
TITLE = "Zebrapedagogik i lågstadiet"
SUMMARY = "Elever lär sig läsa med zebrapedagogik och randiga bokstavskort."
MEASURED = [{"name": "Andel som läser", "unit": "%", "baseline": 50, "outcome": 80, "year": 2024}]


@dataclass
class Scene:
    case: CaseStudyPage  # in Filipstad: the one that is made private
    twin: CaseStudyPage  # in Ljusnarsberg: same subject, names the case as its inspiration


@pytest.fixture
def scene(search_backend, filipstad, ljusnarsberg, django_capture_on_commit_callbacks):
    spec = {
        "summary": SUMMARY,
        "themes": ["grundskola"],
        "keywords": ["läsförståelse"],
        "evidence_level": "evaluated_good",
        "indicators": MEASURED,
        "sections": {"background": ["Zebrapedagogik med randiga bokstavskort i lågstadiet."]},
    }
    with django_capture_on_commit_callbacks(execute=True):
        case = make_case(filipstad, title=TITLE, slug="zebrapedagogik", **spec)
        twin = make_case(
            ljusnarsberg,
            title="Randiga bokstavskort i Ljusnarsberg",
            slug="randiga-bokstavskort",
            sources={"zebrapedagogik": case},
            inspired_by=[{"slug": "zebrapedagogik", "note": "Vi lånade korten."}],
            **spec,
        )
    return Scene(case, twin)


def _text(client, url, params=None) -> str:
    response = client.get(url, params or {})
    assert response.status_code == HTTPStatus.OK, url
    if response.streaming:
        return b"".join(response.streaming_content).decode("utf-8-sig")
    return response.content.decode()


def _lists(client, url, text) -> bool:
    """Whether the page at url shows text; a page that is itself private shows nothing."""
    response = client.get(url)
    return response.status_code == HTTPStatus.OK and text in response.content.decode()


def _unmarked(html: str) -> str:
    """Search results mark the matched words; read the titles without the marks."""
    return re.sub(r"</?mark>", "", html)


def _cases_in_filipstad_figure(client) -> int:
    body = _text(client, reverse("statistics_export", args=["insatser-per-kommun", "json"]))
    row = next(record for record in json.loads(body) if record.get("kommunkod") == "1782")
    return row["antal_insatser"]


def _api_ids(client, params) -> list[int]:
    data = json.loads(_text(client, "/api/v1/sok/", params))
    assert data["degraded"] is False  # answered by the engine under test, not a fallback
    return [hit["id"] for hit in data["results"]]


def _open_data_ids(client) -> list[int]:
    lines = _text(client, "/oppna-data/cases.jsonl").splitlines()
    return [json.loads(line)["id"] for line in lines if line.strip()]


def seen(client, scene: Scene) -> dict[str, bool]:
    """Where a visitor finds the case, output by output."""
    case, twin = scene.case, scene.twin
    return {
        "search page": TITLE in _unmarked(_text(client, "/sok/", {"q": WORD})),
        "api search": case.pk in _api_ids(client, {"q": WORD}),
        "api filter": case.pk in _api_ids(client, {"kommun": "1782", "antal": "50"}),
        "api case": client.get(f"/api/v1/insatser/{case.pk}/").status_code == HTTPStatus.OK,
        "result link": client.get(f"/sok/till/{case.pk}/").status_code == HTTPStatus.FOUND,
        "api suggestions": TITLE in _text(client, "/api/v1/forslag/", {"q": "zebrap"}),
        "search box suggestions": TITLE in _text(client, "/sok/forslag/", {"q": "zebrap"}),
        "atom feed": TITLE in _text(client, "/sok/atom/", {"q": WORD}),
        "rss feed": TITLE in _text(client, "/sok/rss/", {"q": WORD}),
        "theme feed": TITLE in _text(client, "/sok/atom/", {"tema": "grundskola"}),
        "municipality page": _lists(client, case.get_parent().url, TITLE),
        "theme page": TITLE in _text(client, "/teman/grundskola/"),
        "home page": TITLE in _text(client, "/"),
        "similar cases": case.pk in [hit.page_id for hit in related_cases(twin.pk, limit=50)],
        "inspiration link": TITLE in _text(client, twin.url),
        "sitemap": case.url in sitemap_xml(client),
        "case-list download": TITLE in _text(client, "/sok/export.csv", {"q": WORD}),
        "open data": case.pk in _open_data_ids(client),
    }


def _restrict(page, kind: str, capture) -> PageViewRestriction:
    with capture(execute=True):
        restriction = PageViewRestriction.objects.create(
            page=page, restriction_type=kind, password="hemligt-lösenord"
        )
        if kind == PageViewRestriction.GROUPS:
            restriction.groups.add(Group.objects.get(name="Moderatorer"))
    return restriction


def _lift(restriction, capture) -> None:
    with capture(execute=True):
        restriction.delete()


@pytest.mark.parametrize(
    "kind",
    [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS],
)
def test_a_private_case_disappears_everywhere_and_comes_back(
    client, scene, kind, django_capture_on_commit_callbacks
):
    before = seen(client, scene)
    assert all(before.values()), before
    counted = _cases_in_filipstad_figure(client)

    restriction = _restrict(scene.case, kind, django_capture_on_commit_callbacks)
    hidden = seen(client, scene)
    assert not any(hidden.values()), [where for where, found in hidden.items() if found]
    assert _cases_in_filipstad_figure(client) == counted - 1

    _lift(restriction, django_capture_on_commit_callbacks)
    after = seen(client, scene)
    assert all(after.values()), [where for where, found in after.items() if not found]
    assert _cases_in_filipstad_figure(client) == counted


def test_a_restriction_on_the_municipality_page_hides_all_its_cases(
    client, scene, filipstad, django_capture_on_commit_callbacks
):
    in_filipstad = set(
        CaseStudyPage.objects.live().descendant_of(filipstad).values_list("pk", flat=True)
    )
    assert len(in_filipstad) > 1
    assert set(_api_ids(client, {"kommun": "1782", "antal": "50"})) == in_filipstad

    restriction = _restrict(
        MunicipalityPage.objects.get(pk=filipstad.pk),
        PageViewRestriction.LOGIN,
        django_capture_on_commit_callbacks,
    )
    assert _api_ids(client, {"kommun": "1782", "antal": "50"}) == []
    everything = _api_ids(client, {"antal": "100"})
    assert not in_filipstad & set(everything)
    assert _cases_in_filipstad_figure(client) == 0
    hidden = seen(client, scene)
    assert not any(hidden.values()), [where for where, found in hidden.items() if found]
    assert client.get(filipstad.url).status_code == HTTPStatus.FOUND  # asks for a login

    _lift(restriction, django_capture_on_commit_callbacks)
    assert set(_api_ids(client, {"kommun": "1782", "antal": "50"})) == in_filipstad
    assert all(seen(client, scene).values())


def test_someone_who_may_see_the_case_still_opens_it(
    client, scene, moderator, django_capture_on_commit_callbacks
):
    _restrict(scene.case, PageViewRestriction.GROUPS, django_capture_on_commit_callbacks)
    assert client.get(scene.case.url).status_code == HTTPStatus.FOUND  # to the login
    client.force_login(moderator)
    assert TITLE in _text(client, scene.case.url)
    # Listings are the same for everyone: a private case is listed for nobody.
    assert TITLE not in _unmarked(_text(client, "/sok/", {"q": WORD}))


def test_setting_privacy_in_the_admin_hides_the_case_at_once(
    client, scene, moderator, django_capture_on_commit_callbacks
):
    """The path a moderator takes: the page's privacy dialog in the admin, on and off again."""
    url = reverse("wagtailadmin_pages:set_privacy", args=[scene.case.pk])
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"restriction_type": "password", "password": "hemligt-ord"})
    assert response.status_code == HTTPStatus.OK and '"is_public": false' in response.text
    client.logout()
    hidden = seen(client, scene)
    assert not any(hidden.values()), [where for where, found in hidden.items() if found]

    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"restriction_type": "none"})
    client.logout()
    assert all(seen(client, scene).values())


@pytest.fixture
def lagging_cluster(opensearch_url, settings, db):
    """The service configured with a real cluster whose index updates never run (no worker)."""
    import uuid

    from search import service

    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_ENGINE_URL = opensearch_url
    settings.SEARCH_INDEX_PREFIX = f"test-{uuid.uuid4().hex[:8]}"
    engine = service.cluster_engine()
    engine.clear()
    yield engine
    engine.clear()


def test_a_cluster_that_lags_behind_never_lists_a_case_made_private(
    client, lagging_cluster, filipstad, django_capture_on_commit_callbacks
):
    """The cluster hears of a new restriction only when the task worker runs; until then the
    database index, changed in the same transaction, decides what may be listed."""
    from search.documents import case_document

    case = make_case(filipstad, title=TITLE, slug="zebrapedagogik", summary=SUMMARY)
    other = make_case(filipstad, title="Zebrapedagogik för vuxna", slug="zebra-vuxna")
    lagging_cluster.index([case_document(case), case_document(other)])
    assert TITLE in _unmarked(_text(client, "/sok/", {"q": WORD}))

    with django_capture_on_commit_callbacks(execute=False):  # the worker has not run yet
        PageViewRestriction.objects.create(
            page=case, restriction_type=PageViewRestriction.PASSWORD, password="hemligt"
        )

    html = _unmarked(_text(client, "/sok/", {"q": WORD}))
    assert TITLE not in html
    assert "Zebrapedagogik för vuxna" in html
