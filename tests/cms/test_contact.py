"""The site always names a contact: production refuses to deploy without one, setup_site takes it
from CONTACT_EMAIL, the demo sets one and the footer and accessibility statement show it."""

from io import StringIO

import pytest
from django.core.management import call_command

from cms.checks import contact_address_is_configured
from cms.models import SiteSettings
from tests.cms.test_settings import PRODUCTION_ENV, _manage


def test_production_refuses_to_deploy_without_a_contact_address():
    env = {key: value for key, value in PRODUCTION_ENV.items() if key != "CONTACT_EMAIL"}
    result = _manage("check", "--deploy", env={**env, "CONTACT_EMAIL": ""})
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "kunskapsbanken.E001" in output
    assert "no contact e-mail address" in output


@pytest.mark.django_db
def test_an_address_in_site_settings_satisfies_the_check(settings):
    settings.REQUIRE_CONTACT_EMAIL = True
    settings.CONTACT_EMAIL = ""
    SiteSettings.objects.update(contact_email="")
    assert [error.id for error in contact_address_is_configured()] == ["kunskapsbanken.E001"]
    site_settings = SiteSettings.load()
    site_settings.contact_email = "redaktionen@example.org"
    site_settings.save()
    assert contact_address_is_configured() == []


@pytest.mark.django_db
def test_setup_site_copies_the_contact_into_the_footer(settings, client):
    SiteSettings.objects.update(contact_email="")
    settings.CONTACT_EMAIL = "tillganglighet@example.org"
    call_command("setup_site", stdout=StringIO())
    assert SiteSettings.load().contact_email == "tillganglighet@example.org"
    footer = client.get("/").content.decode()
    assert 'href="mailto:tillganglighet@example.org"' in footer


@pytest.mark.django_db
def test_the_demo_statement_follows_diggs_model_and_names_the_contact(client):
    from cases.demo.loader import DEMO_CONTACT_EMAIL

    statement = client.get("/tillganglighetsredogorelse/").content.decode()
    assert f'href="mailto:{DEMO_CONTACT_EMAIL}"' in statement
    for heading in (
        "Innehåll som inte är tillgängligt",
        "Rapportera brister i webbplatsens tillgänglighet",
        "Vad kan du göra om du inte kan använda delar av webbplatsen?",
        "Tillsyn",
    ):
        assert heading in statement
    assert "Myndigheten för digital förvaltning (Digg)" in statement
    assert 'href="https://www.digg.se/tdosanmalan"' in statement


@pytest.mark.django_db
def test_an_editors_address_is_not_overwritten(settings):
    site_settings = SiteSettings.load()
    site_settings.contact_email = "redaktionen@example.org"
    site_settings.save()
    settings.CONTACT_EMAIL = "annan@example.org"
    call_command("setup_site", stdout=StringIO())
    assert SiteSettings.load().contact_email == "redaktionen@example.org"


@pytest.mark.django_db
def test_the_demo_content_sets_a_contact():
    from cases.demo.loader import DEMO_CONTACT_EMAIL

    SiteSettings.objects.update(contact_email="")
    call_command("load_demo", stdout=StringIO())
    assert SiteSettings.load().contact_email == DEMO_CONTACT_EMAIL
