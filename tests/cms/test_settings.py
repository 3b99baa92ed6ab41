import os

import pytest
from django.core.exceptions import ImproperlyConfigured

from cms.settings.env import env_bool, env_choice, env_int, env_list
from tests.servers import manage

PRODUCTION_ENV = {
    "DJANGO_SETTINGS_MODULE": "cms.settings.production",
    "SECRET_KEY": "x" * 60 + "-a-long-random-production-key",
    "ALLOWED_HOSTS": "kunskapsbanken.example.org",
    "SITE_URL": "https://kunskapsbanken.example.org",
    "CONTACT_EMAIL": "kunskapsbanken@example.org",
}


def _manage(*args, env=None):
    clean_env = {k: v for k, v in os.environ.items() if k not in ("SECRET_KEY", "ALLOWED_HOSTS")}
    return manage({**clean_env, **(env or {})}, *args)


def test_env_helpers_parse_and_reject(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    monkeypatch.setenv("HOSTS", " a.example, b.example ,")
    monkeypatch.setenv("COUNT", "12")
    assert env_bool("FLAG") is True
    assert env_list("HOSTS") == ["a.example", "b.example"]
    assert env_int("COUNT", 1) == 12
    monkeypatch.setenv("FLAG", "kanske")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be a boolean"):
        env_bool("FLAG")
    monkeypatch.setenv("ENGINE", " OpenSearch ")
    assert env_choice("ENGINE", ("opensearch", "elasticsearch"), "opensearch") == "opensearch"
    monkeypatch.setenv("ENGINE", "solr")
    with pytest.raises(ImproperlyConfigured, match="ENGINE must be one of opensearch, elastic"):
        env_choice("ENGINE", ("opensearch", "elasticsearch"), "opensearch")


def test_production_refuses_to_start_without_a_secret_key():
    result = _manage("check", env={"DJANGO_SETTINGS_MODULE": "cms.settings.production"})
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_settings_pass_the_deploy_check_without_warnings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_default_language_is_swedish_and_english_is_offered(settings):
    assert settings.LANGUAGE_CODE == "sv"
    assert [code for code, _ in settings.LANGUAGES] == ["sv", "en"]
    assert settings.TIME_ZONE == "Europe/Stockholm"


@pytest.mark.django_db
def test_the_interface_switches_to_english(client):
    html = client.get("/en/").content.decode()
    assert '<html lang="en">' in html
    assert "Focus areas" in html
    html = client.get("/").content.decode()
    assert '<html lang="sv">' in html
    assert "Fokusområden" in html


@pytest.mark.django_db
def test_an_english_browser_still_gets_swedish_until_english_is_chosen(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="sv">' in html
    # The former switcher's form (still in pages someone saved) lands on the English address.
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/kommuner/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/kommuner/"
    assert '<html lang="en">' in client.get(response["Location"]).content.decode()
    # The cookie that form sets no longer chooses the language: the address does.
    assert '<html lang="sv">' in client.get("/").content.decode()
