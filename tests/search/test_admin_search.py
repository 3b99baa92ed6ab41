"""Wagtail's own admin search is independent of the public search engines."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("cluster_url", ["", "http://127.0.0.1:9"])
def test_admin_page_search_finds_cases_whatever_public_engine_is_configured(
    admin_client, settings, cluster_url
):
    settings.SEARCH_ENGINE_URL = cluster_url
    response = admin_client.get(reverse("wagtailadmin_pages:search"), {"q": "brobyggare"})
    assert response.status_code == 200
    assert "Brobyggare i skolan" in response.content.decode()
