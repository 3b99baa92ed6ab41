"""/sok/ through the Django test client, on the database engine and on a real OpenSearch cluster."""

import re
from http import HTTPStatus

import pytest
from django.utils.html import escape
from wagtail.contrib.search_promotions.models import Query, SearchPromotion

from cases.models import CaseStudyPage
from search.analytics_models import SearchWeekStat
from search.documents import case_document
from tests.factories import make_case

pytestmark = pytest.mark.django_db


def _get(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK, url
    return response.content.decode()


def _hit_titles(html):
    return re.findall(r'class="hit-title"><a href="[^"]*">(.*?)</a>', html)


def test_text_search_lists_hits_with_marked_words(client, search_backend):
    html = _get(client, "/sok/?q=brobyggare")
    titles = _hit_titles(html)
    assert any("Brobyggare i skolan" in re.sub("</?mark>", "", title) for title in titles)
    assert "<mark>" in html


def test_facet_counts_and_selection(client, search_backend):
    html = _get(client, "/sok/?tema=grundskola")
    expected = CaseStudyPage.objects.live().filter(themes__slug="grundskola", status="ongoing")
    assert re.search(
        rf'value="ongoing"[^>]*> Pågående <span class="count">\({expected.count()}\)', html
    )
    assert re.search(r'name="tema" value="grundskola" checked', html)
    assert (
        len(_hit_titles(html))
        == CaseStudyPage.objects.live().filter(themes__slug="grundskola").count()
    )


def test_a_chip_removes_its_filter_and_keeps_the_rest(client, search_backend):
    html = _get(client, "/sok/?q=skola&tema=grundskola&lan=17")
    chips = {
        label.strip(): href
        for href, label in re.findall(r'<a class="chip" href="([^"]*)">([^<]*)<', html)
    }
    remove_county = next(href for label, href in chips.items() if label.startswith("Län"))
    assert "lan=" not in remove_county and "tema=grundskola" in remove_county
    assert "q=skola" in remove_county.replace("&amp;", "&")
    wider = _get(client, "/sok/" + remove_county.replace("&amp;", "&"))
    assert len(_hit_titles(wider)) >= len(_hit_titles(html))


def test_absurd_pages_and_sizes_are_clamped(client, search_backend):
    for query in ["sida=0", "sida=-4", "sida=99999999999999999999", "antal=100000", "sida=abc"]:
        assert client.get(f"/sok/?{query}").status_code == HTTPStatus.OK, query
    last = _get(client, "/sok/?sida=500")
    total = re.search(r'class="result-count" role="status">(\d+) insatser', last).group(1)
    assert int(total) == CaseStudyPage.objects.live().count()  # still shown past the last page


def test_did_you_mean_links_to_the_correction_when_correction_is_off(client, search_backend):
    # With correction on, the page shows the corrected results (test_spelling.py).
    html = _get(client, "/sok/?q=brobigare&ratta=nej")
    assert "Menade du" in html
    assert 'href="?q=brobyggare&amp;ratta=nej"' in html


def test_a_title_with_markup_stays_inert_in_results(client, search_backend, filipstad):
    case = make_case(
        filipstad, title="<script>alert(1)</script> Läxhjälp", summary="Läxhjälp i skolan."
    )
    search_backend.index([case_document(case)])
    html = _get(client, "/sok/?q=läxhjälp")
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_filtered_pages_are_not_indexed_by_search_engines(client, search_backend):
    assert client.get("/sok/").get("X-Robots-Tag") is None
    assert client.get("/sok/?tema=grundskola")["X-Robots-Tag"] == "noindex"


def test_editors_picks_come_first_marked_as_recommended(client, search_backend):
    case = CaseStudyPage.objects.live().get(title="Brobyggare mellan skola och hem")
    query = Query.get("brobyggare")
    SearchPromotion.objects.create(query=query, page=case, sort_order=0)
    html = _get(client, "/sok/?q=Brobyggare")
    promoted = html.index('id="promoted-heading"')
    assert html.index(escape(case.title)) > promoted
    assert html.index(escape(case.title)) < html.index('class="hits"')
    assert "Rekommenderad" in html


def test_searches_and_clicks_are_counted_without_personal_data(client, search_backend):
    _get(client, "/sok/?q=Brobyggare")
    _get(client, "/sok/?q=brobyggare&sida=2")  # later pages are not new searches
    _get(client, "/sok/?q=finnsintealls")
    case = CaseStudyPage.objects.live().get(title="Brobyggare i skolan")
    response = client.get(f"/sok/till/{case.pk}/?q=brobyggare")
    assert response.status_code == HTTPStatus.FOUND and response.url == case.url
    stat = SearchWeekStat.objects.get(query="brobyggare")
    assert (stat.searches, stat.zero_results, stat.clicks) == (1, 0, 1)
    assert SearchWeekStat.objects.get(query="finnsintealls").zero_results == 1
    stored = {field.name for field in SearchWeekStat._meta.get_fields()}
    assert stored == {"id", "week", "query", "searches", "zero_results", "clicks"}


def test_search_statistics_report_for_moderators(client, moderator, filipstad_editor):
    client.get("/sok/?q=läxhjälp")
    client.force_login(moderator)
    html = _get(client, "/admin/reports/sokstatistik/")
    assert "läxhjälp" in html
    client.force_login(filipstad_editor)
    denied = client.get("/admin/reports/sokstatistik/")
    assert denied.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)
    assert "läxhjälp" not in denied.content.decode()


def test_case_page_shows_similar_cases_and_peer_municipalities(client):
    case = CaseStudyPage.objects.live().get(title="Brobyggare i skolan")
    html = _get(client, case.url)
    similar = html[html.index('id="related-heading"') :]
    assert "Brobyggare mellan skola och hem" in similar
    peers = html[html.index('id="peers-heading"') :]
    assert "Hofors" in peers
    assert ">Filipstad<" not in peers


def test_county_map_shows_counts_and_filters_by_county(client, search_backend):
    html = _get(client, "/sok/?tema=grundskola")
    expected = CaseStudyPage.objects.live().filter(
        themes__slug="grundskola", municipality__county_code="17"
    )
    # The accessible name starts with the tile's visible text, such as "Värmland 3" (WCAG 2.5.3).
    label = f'aria-label="Värmland: {expected.count()} insats'
    assert label in html
    assert f'<span class="tile-map__value">{expected.count()}</span>' in html
    link = re.search(r'<a class="[^"]*" href="([^"]*)" aria-label="Värmland:', html).group(1)
    assert "lan=17" in link and "tema=grundskola" in link
    selected = _get(client, "/sok/" + link.replace("&amp;", "&"))
    assert "Värmland: " in selected and "(valt)" in selected and "is-selected" in selected
    assert html.count('class="tile-map__tile') == 21


def test_an_unreachable_cluster_gives_results_and_a_notice(client, settings):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_ENGINE_URL = "http://127.0.0.1:9"  # nothing listens on the discard port
    settings.SEARCH_INDEX_PREFIX = "unreachable"
    html = _get(client, "/sok/?q=brobyggare")
    assert "Söktjänsten svarar inte just nu" in html
    assert "Brobyggare i skolan" in re.sub("</?mark>", "", html)
    data = client.get("/api/v1/sok/?q=brobyggare").json()
    assert data["degraded"] is True and data["total"] >= 2


@pytest.mark.parametrize(
    ("parameter", "facet"),
    [
        ("lan", "Län"),
        ("kommun", "Kommun"),
        ("tema", "Fokusområde"),
        ("nyckelord", "Nyckelord"),
        ("malgrupp", "Målgrupp"),
        ("status", "Status"),
        ("evidens", "Evidensnivå"),
    ],
)
def test_an_unknown_filter_value_is_ignored_with_a_notice(client, search_backend, parameter, facet):
    everything = _get(client, "/sok/")
    html = _get(client, f"/sok/?{parameter}=abc")
    assert f"{facet}: “abc” matchar inget på webbplatsen och har ignorerats." in html
    assert 'value="abc"' not in html, "the unknown value is shown as a filter"
    assert 'class="chip"' not in html, "the unknown value is shown as a chosen filter"
    assert len(_hit_titles(html)) == len(_hit_titles(everything))


def test_known_values_stay_when_an_unknown_one_is_dropped(client, search_backend):
    html = _get(client, "/sok/?tema=grundskola&tema=finns-inte&lan=17")
    assert "“finns-inte” matchar inget" in html
    assert re.search(r'name="tema" value="grundskola" checked', html)
    assert re.search(r'name="lan" value="17" checked', html)
    assert 'value="finns-inte"' not in html
    assert not re.search(r'class="chip"[^>]*>[^<]*finns-inte', html)


def test_snippets_never_show_a_double_ellipsis(client, search_backend):
    html = _get(client, "/sok/?q=skolan")
    summaries = re.findall(r'<p class="hit-summary"[^>]*>(.*?)</p>', html, re.S)
    assert summaries
    cut = [s for s in summaries if "…" in s]
    assert cut, "no snippet was cut from a longer text"
    doubled = [s for s in summaries if re.search(r"…\s*(<[^>]+>\s*)*…|\.\.\.\s*…|…\s*\.\.\.", s)]
    assert not doubled, doubled


def test_results_come_before_the_filters_and_the_filter_button_counts_them(client, search_backend):
    html = _get(client, "/sok/?tema=grundskola&lan=17&resultat=ja&fran=2019")
    assert html.index('id="hits"') < html.index('id="search-filters"')
    assert re.search(r'<a class="filter-toggle" href="#search-filters"[^>]*>Filter \(4\)</a>', html)
    assert '<a class="skip-link" data-results-skip href="#hits">Hoppa till sökträffarna</a>' in html
    empty = _get(client, "/sok/?q=zzzzqqqq&ratta=nej")
    assert 'data-results-skip href="#search-results"' in empty
    assert re.search(r'class="filter-toggle"[^>]*>Filter</a>', empty)
