"""/api/v1/ lists the API's endpoints; /oppna-data/api/ documents them for people, in Swedish and
English, from the OpenAPI document itself."""

import pytest

from search.openapi import schema
from search.request import MAX_TEXT_LENGTH


@pytest.mark.django_db
def test_the_api_root_is_an_index_of_its_endpoints(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["documentation"] == "http://testserver/oppna-data/api/"
    assert data["openapi"] == "http://testserver/api/v1/openapi.json"
    paths = {endpoint["path"] for endpoint in data["endpoints"]}
    assert paths >= set(schema("http://testserver")["paths"]) | {"/api/v1/openapi.json"}
    search = next(e for e in data["endpoints"] if e["path"] == "/api/v1/sok/")
    assert search["url"] == "http://testserver/api/v1/sok/"
    assert client.get(search["url"]).status_code == 200


@pytest.mark.django_db
def test_the_docs_page_shows_every_endpoint_parameter_and_field_in_swedish(client, settings):
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 120
    html = client.get("/oppna-data/api/").content.decode()
    assert "<h1>Öppet API</h1>" in html
    document = schema("http://testserver")
    for path in document["paths"]:
        assert f"<code>GET {path}</code>" in html
    # Parameters with their bounds, in Swedish.
    assert "<code>antal</code>" in html and "1–50" in html
    assert f"högst {MAX_TEXT_LENGTH} tecken" in html
    assert "Fokusområdets kortnamn, t.ex. grundskola (upprepa för flera: någon av dem)" in html
    assert "Kommunkod (SCB), t.ex. 1782" in html
    # Response fields, nested ones dotted.
    assert "<code>results[].municipality.name</code>" in html
    assert "<code>evidence.criteria</code>" in html
    # curl, rate limits, licence.
    assert "curl -s &#x27;http://testserver/api/v1/sok/?q=mentor&amp;status=ongoing" in html
    assert "120 anrop per minut" in html and "Retry-After" in html
    assert "https://creativecommons.org/licenses/by/4.0/" in html


@pytest.mark.django_db
def test_the_docs_page_in_english(client, settings):
    settings.SEARCH_RATE_LIMIT_PER_MINUTE = 60
    html = client.get("/en/oppna-data/api/").content.decode()
    assert "<h1>The open API</h1>" in html
    assert "Municipality code (SCB), e.g. 1782" in html
    assert "60 requests per minute" in html


@pytest.mark.django_db
def test_the_docs_are_linked_from_the_footer_and_the_open_data_page(client):
    html = client.get("/oppna-data/").content.decode()
    assert html.count('href="/oppna-data/api/"') == 2
    english = client.get("/en/").content.decode()
    assert 'href="/en/oppna-data/api/"' in english
