"""The JSON API, its OpenAPI schema (checked with schemathesis), feeds, CORS and rate limits."""

from http import HTTPStatus
from io import StringIO

import feedparser
import pytest
import schemathesis
from django.core.management import call_command
from hypothesis import HealthCheck, settings
from schemathesis.checks import negative_data_rejection

from cases.models import CaseStudyPage
from cms.wsgi import application

pytestmark = pytest.mark.django_db

api_schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@api_schema.parametrize()
@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
def test_every_api_answer_matches_the_openapi_schema(case, keep_test_connection):
    # The API clamps or ignores malformed parameters on purpose (it shares its parsing with the
    # search page, where a stale link must still show results), so the check that invalid input
    # is rejected does not apply. Every other check does: no server error, documented status
    # codes and content types, and bodies that match the schema – for valid and invalid input.
    # Uncompressed: public answers are gzipped, and schemathesis' WSGI client does not unpack.
    case.call_and_validate(
        headers={"Accept-Encoding": "identity"}, excluded_checks=[negative_data_rejection]
    )


def test_search_api_matches_the_search_page(client, search_backend):
    data = client.get("/api/v1/sok/?tema=grundskola&sortering=nyast&antal=5").json()
    expected = CaseStudyPage.objects.live().filter(themes__slug="grundskola")
    assert data["total"] == expected.count()
    assert len(data["results"]) == min(5, expected.count())
    assert data["links"]["next"].endswith("sida=2")
    assert data["links"]["previous"] is None
    assert {"themes", "statuses", "counties"} <= set(data["facets"])
    first = data["results"][0]
    assert first["url"].startswith("http://testserver/kommuner/")


def test_case_api_has_every_structured_field(client):
    case = CaseStudyPage.objects.live().filter(indicators__isnull=False).first()
    data = client.get(f"/api/v1/insatser/{case.pk}/").json()
    assert data["title"] == case.title
    assert data["municipality"]["code"] == case.municipality.code
    assert len(data["indicators"]) == case.indicators.count()
    assert data["evidence"]["level"] == case.evidence_level
    assert "background" in data["sections"]
    missing = client.get("/api/v1/insatser/999999999/")
    assert missing.status_code == HTTPStatus.NOT_FOUND
    assert missing.json() == {"error": "Ingen publicerad insats har detta id."}


def test_api_is_open_to_every_origin(client):
    response = client.get("/api/v1/sok/", HTTP_ORIGIN="https://kommun.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options("/api/v1/sok/", HTTP_ORIGIN="https://kommun.example")
    assert preflight.status_code == HTTPStatus.OK
    assert "GET" in preflight["Access-Control-Allow-Methods"]


def test_suggestions_endpoint(client, search_backend):
    suggestions = client.get("/api/v1/forslag/?q=fili").json()["suggestions"]
    assert {
        "kind": "municipality",
        "label": "Filipstad",
        "url": "/kommuner/filipstad/",
    } in suggestions


@pytest.mark.parametrize(("path", "version"), [("/sok/atom/", "atom10"), ("/sok/rss/", "rss20")])
def test_feeds_are_valid_and_follow_the_search(client, search_backend, path, version):
    response = client.get(f"{path}?tema=grundskola")
    assert response.status_code == HTTPStatus.OK
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == version
    expected = CaseStudyPage.objects.live().filter(themes__slug="grundskola")
    assert len(feed.entries) == min(30, expected.count())
    assert "Grundskola" in feed.feed.title
    assert all(entry.link.startswith("http://testserver/kommuner/") for entry in feed.entries)


def test_rate_limit_answers_429_with_retry_after(client, settings):
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 3
    statuses = [client.get("/api/v1/sok/?q=skola").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]
    limited = client.get("/sok/?q=skola")
    for _ in range(3):
        limited = client.get("/sok/?q=skola")
    assert limited.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert 0 < int(limited["Retry-After"]) <= 60
    other_client = client.get("/api/v1/sok/", REMOTE_ADDR="127.0.0.2")
    assert other_client.status_code == HTTPStatus.OK


def test_no_public_output_carries_a_contact_address(client, search_backend, tmp_path):
    cases = CaseStudyPage.objects.live().exclude(contact_email="")
    addresses = {case.contact_email.lower() for case in cases}
    case = cases.order_by("pk").first()
    assert case is not None and addresses

    detail = client.get(f"/api/v1/insatser/{case.pk}/").json()
    assert detail["contact"]["contactable"] is True
    assert detail["contact"]["contact_url"] == f"http://testserver/insats/{case.pk}/kontakta/"
    assert client.get(detail["contact"]["contact_url"]).status_code == HTTPStatus.OK

    listing = client.get(f"/api/v1/sok/?kommun={case.municipality.code}&antal=50")
    assert case.pk in {result["id"] for result in listing.json()["results"]}
    call_command("export_open_data", str(tmp_path), stdout=StringIO())
    outputs = {
        "API detail": client.get(f"/api/v1/insatser/{case.pk}/").content.decode(),
        "API list": listing.content.decode(),
        "Atom feed": client.get("/sok/atom/").content.decode(),
        "CSV export": b"".join(client.get("/sok/export.csv").streaming_content).decode("utf-8-sig"),
        "JSON export": b"".join(client.get("/sok/export.json").streaming_content).decode(),
        "open data": (tmp_path / "cases.jsonl").read_text(encoding="utf-8"),
    }
    for name, text in outputs.items():
        assert not [address for address in addresses if address in text.lower()], name
