"""The editor's block picker: every block has an icon, a description and a preview that renders
as the public site shows it (Wagtail's block preview view, as a logged-in municipal editor)."""

import re
from html import unescape
from http import HTTPStatus

import pytest
from django.urls import reverse

from cases import blocks as case_blocks
from cases.models import CaseStudyPage
from cms.models import StandardPage

BLOCK_CLASSES = [
    case_blocks.TextBlock,
    case_blocks.ImageBlock,
    case_blocks.QuoteBlock,
    case_blocks.DocumentLinkBlock,
    case_blocks.CaseTableBlock,
    case_blocks.SectionContentBlock,
    case_blocks.CaseBodyBlock,
]


def _pickable_blocks():
    """Every block an editor can choose in a case's or a standard page's body."""
    body = CaseStudyPage._meta.get_field("body").stream_block
    found = list(body.child_blocks.values())
    for section in body.child_blocks.values():
        found.extend(section.child_blocks.values())
    found.extend(StandardPage._meta.get_field("body").stream_block.child_blocks.values())
    return found


def test_every_block_class_lists_icon_description_and_preview_value():
    for block_class in BLOCK_CLASSES:
        meta = block_class._meta_class
        assert meta.icon and meta.icon != "placeholder", block_class
        assert str(meta.description), block_class
        assert hasattr(meta, "preview_value"), block_class


def test_the_blocks_module_has_no_block_class_the_test_misses():
    defined = {
        value
        for value in vars(case_blocks).values()
        if isinstance(value, type) and value.__module__ == case_blocks.__name__
    }
    assert defined == set(BLOCK_CLASSES)


def test_every_pickable_block_is_previewable_and_described():
    for block in _pickable_blocks():
        assert block.is_previewable, block.name
        assert str(block.get_description()), block.name


def test_a_section_describes_what_belongs_in_it():
    results = CaseStudyPage._meta.get_field("body").stream_block.child_blocks["results"]
    assert str(results.get_description()) == "Vad som förändrades – med siffror där ni har dem."


@pytest.fixture
def editor_client(client, filipstad_editor):
    client.force_login(filipstad_editor)
    return client


def _preview(client, block):
    return client.get(reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix})


@pytest.mark.django_db
def test_every_pickable_block_previews_for_an_editor(editor_client):
    for block in _pickable_blocks():
        response = _preview(editor_client, block)
        assert response.status_code == HTTPStatus.OK, block.name
        html = response.content.decode()
        assert "/static/css/site.css" in html, block.name
        assert '<meta name="robots" content="noindex"' in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "shown"),
    [
        (("background", "text"), "En mentor träffar varje elev två gånger i veckan."),
        (("background", "quote"), "Vi såg skillnad redan efter en termin."),
        (("background", "quote"), "Rektor på en av skolorna"),
        (("background", "table"), "Läser på årskursnivå"),
        (("background", "image"), "Läsmentorernas första möte med eleverna."),
        (("background", "document"), "Utvärderingsrapport 2024"),
        (("results",), "<h2>Resultat</h2>"),
        (("results",), "Vi såg skillnad redan efter en termin."),
    ],
)
def test_a_preview_shows_the_sample_content_in_swedish(editor_client, path, shown):
    block = CaseStudyPage._meta.get_field("body").stream_block
    for name in path:
        block = block.child_blocks[name]
    assert shown in _preview(editor_client, block).content.decode()


@pytest.mark.django_db
def test_the_table_preview_has_a_header_row(editor_client):
    table = CaseStudyPage._meta.get_field("body").stream_block.child_blocks["results"]
    html = _preview(editor_client, table.child_blocks["table"]).content.decode()
    assert re.search(r"<th[^>]*>\s*År\s*</th>", html)
    assert re.search(r"<td[^>]*>\s*74 %\s*</td>", html)


@pytest.mark.django_db
def test_the_whole_body_previews_its_sections_in_order(editor_client):
    html = _preview(editor_client, CaseStudyPage._meta.get_field("body").stream_block)
    text = html.content.decode()
    assert text.index("<h2>Bakgrund</h2>") < text.index("<h2>Resultat</h2>")


@pytest.mark.django_db
def test_a_visitor_gets_no_block_preview(client):
    response = _preview(client, case_blocks.QuoteBlock())
    assert response.status_code == HTTPStatus.FOUND
    assert "/admin/login/" in response["Location"]


@pytest.mark.django_db
def test_the_case_form_hands_the_picker_descriptions_and_previews(
    client, filipstad_editor, filipstad
):
    client.force_login(filipstad_editor)
    case = CaseStudyPage.objects.child_of(filipstad).live().first()
    html = unescape(client.get(reverse("wagtailadmin_pages:edit", args=[case.id])).content.decode())
    # The block definitions travel as JSON with non-ASCII letters escaped.
    text = re.escape('"description": "Stycken, rubriker, listor och l\\u00e4nkar."')
    assert re.search(text + r'[^{}]*"icon": "pilcrow"[^{}]*"isPreviewable": true', html)
    assert '"description": "En l\\u00e4nk till en rapport eller ett annat dokument' in html
