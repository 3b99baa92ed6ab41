"""The footer (cms/templatetags/site_footer.py): the site settings and the accessibility statement
link, rendered once per content version, so a page reads nothing for it – and a change shows on
the next request."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.models import SiteSettings

pytestmark = pytest.mark.django_db


def _footer(client, path: str) -> str:
    html = client.get(path).content.decode()
    return re.search(r'<footer class="site-footer">.*?</footer>', html, re.S).group(0)


def test_the_footer_names_the_organisation_the_contact_and_the_statement(client):
    site_settings = SiteSettings.load()
    site_settings.organisation_name = "Delegationen för kunskap"
    site_settings.contact_email = "kunskap@kommun.example"
    site_settings.save()
    footer = _footer(client, "/")
    assert "Delegationen för kunskap" in footer
    assert 'href="mailto:kunskap@kommun.example"' in footer
    statement = site_settings.accessibility_statement
    assert statement is not None
    assert f'href="{statement.url}">Tillgänglighetsredogörelse</a>' in footer
    english = _footer(client, "/en/")
    assert "About the site" in english and 'href="/en/om/"' in english
    assert "Om webbplatsen" in footer and 'href="/om/"' in footer


def test_a_page_reads_nothing_for_the_footer_once_it_is_rendered(client):
    client.get("/kommuner/")
    with CaptureQueriesContext(connection) as queries:
        assert client.get("/kommuner/").status_code == 200
    sql = [query["sql"] for query in queries.captured_queries]
    assert not any("cms_sitesettings" in statement for statement in sql)


def test_a_change_to_the_settings_shows_at_the_next_request(client):
    assert "Each case names a contact" not in _footer(client, "/en/")  # a contact may be set
    site_settings = SiteSettings.load()
    site_settings.contact_email = ""
    site_settings.save()
    assert "Varje insats anger en kontaktperson" in _footer(client, "/")
    assert "Each case names a contact in its municipality." in _footer(client, "/en/")
    site_settings.contact_email = "ny@kommun.example"
    site_settings.save()
    assert "ny@kommun.example" in _footer(client, "/")
    assert "ny@kommun.example" in _footer(client, "/en/")
    site_settings.accessibility_statement = None
    site_settings.save()
    assert "Tillgänglighetsredogörelse</a>" not in _footer(client, "/")
