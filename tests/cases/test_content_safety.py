"""What editors enter can never run as script on the public site."""

from http import HTTPStatus

import pytest
from wagtail.test.utils.form_data import rich_text, streamfield

from cases.blocks import RICH_TEXT_FEATURES
from cases.models import CaseStudyPage
from tests.admin_forms import add_case_form, postable
from tests.factories import make_case

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert('xss')</script>"


def test_script_in_the_rich_text_editor_is_stripped(admin_client, filipstad):
    body = streamfield(
        [
            (
                "background",
                streamfield(
                    [("text", rich_text(f"<p>Hej{SCRIPT}</p><img src=x onerror=alert(1)>"))]
                ),
            )
        ]
    )
    url, data = add_case_form(admin_client, filipstad, title="Skriptförsök", body=body)
    data["action-publish"] = "1"
    assert admin_client.post(url, postable(data)).status_code == HTTPStatus.FOUND
    case = CaseStudyPage.objects.child_of(filipstad).get(slug="skriptforsok")
    html = admin_client.get(case.url).content.decode()
    body = html[html.index('id="section-background"') :]
    assert "Hej" in body
    assert "<script" not in body  # the element is gone; its text, if any, stays inert text
    assert "onerror" not in body


def test_markup_in_plain_fields_is_shown_as_text(client, filipstad):
    case = make_case(
        filipstad,
        title=f"Insats {SCRIPT}",
        summary=f"Sammanfattning {SCRIPT}",
        sections={"background": [f"Stycke {SCRIPT}"]},
        quote={"text": SCRIPT, "attribution": SCRIPT},
        contact={"role": SCRIPT},
    )
    html = client.get(case.url).content.decode()
    assert SCRIPT not in html
    assert "&lt;script&gt;alert(&#x27;xss&#x27;)&lt;/script&gt;" in html


def test_rich_text_offers_no_raw_html_or_embeds():
    assert not {"embed", "code", "image", "hr"} & set(RICH_TEXT_FEATURES)
