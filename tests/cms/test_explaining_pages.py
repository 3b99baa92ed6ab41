"""/om/ explains the site and its review; /om/evidensnivaer/ the evidence ladder, with examples,
and every level badge (case page, cards, search results) links to it."""

import pytest
from django.utils import translation

from cases.choices import EVIDENCE_CRITERIA, EvidenceLevel
from cases.models import CaseStudyPage


@pytest.mark.django_db
def test_about_page_tells_purpose_publisher_and_review(client):
    html = client.get("/om/").content.decode()
    for heading in ("Varför Kunskapsbanken finns", "Vem publicerar?", "Hur en insats granskas"):
        assert f"<h2>{heading}</h2>" in html
    assert 'href="/om/evidensnivaer/"' in html


@pytest.mark.django_db
def test_an_editors_about_text_is_kept(client):
    from wagtail.rich_text import RichText

    from cms.about_page import ensure_about_page
    from cms.models import HomePage, StandardPage

    page = StandardPage.objects.get(slug="om")
    page.body = [("text", RichText("<p>Redaktionens egen text.</p>"))]
    page.save_revision().publish()
    ensure_about_page(HomePage.objects.get())
    html = client.get("/om/").content.decode()
    assert "Redaktionens egen text." in html
    assert "Hur en insats granskas" not in html


@pytest.mark.django_db
def test_evidence_page_lists_each_level_with_criteria_and_examples(client):
    html = client.get("/om/evidensnivaer/").content.decode()
    assert "<h1>Evidensnivåer</h1>" in html
    for level in EvidenceLevel:
        assert f'id="niva-{level.value.replace("_", "-")}"' in html
        assert str(EVIDENCE_CRITERIA[level]) in html
    newest = (
        CaseStudyPage.objects.live()
        .filter(evidence_level="promising")
        .order_by("-first_published_at")
        .first()
    )
    assert newest is not None, "the demo has a promising case"
    section = html.split('id="niva-promising"')[1].split('id="niva-evaluated-good"')[0]
    assert f'href="{newest.url}"' in section
    assert 'href="/sok/?evidens=promising"' in section


@pytest.mark.django_db
def test_evidence_page_in_english(client):
    html = client.get("/en/om/evidensnivaer/").content.decode()
    assert "<h1>Evidence levels</h1>" in html
    assert "Evaluated with good results" in html


@pytest.mark.django_db
def test_level_badges_link_to_their_explanation(client):
    case = CaseStudyPage.objects.live().filter(evidence_level="evaluated_good").first()
    badge = 'class="evidence-badge" href="/om/evidensnivaer/#niva-evaluated-good"'
    with translation.override("sv"):
        url = case.url
    assert badge in client.get(url).content.decode()
    results = client.get("/sok/", {"evidens": "evaluated_good"}).content.decode()
    assert badge in results
    home = client.get("/").content.decode()
    assert 'class="evidence-badge" href="/om/evidensnivaer/#niva-' in home
