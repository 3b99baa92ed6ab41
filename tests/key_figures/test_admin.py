"""The read-only listing of key figures in the admin."""

import pytest

pytestmark = pytest.mark.django_db
URL = "/admin/key_figures/"


def test_moderators_see_figures_with_source_and_year(client, moderator):
    client.force_login(moderator)
    response = client.get(URL + "?q=Filipstad")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Filipstad" in html
    assert "Kolada N01951" in html
    assert "2023" in html


def test_nobody_can_add_or_edit_figures(client, superuser):
    client.force_login(superuser)
    assert client.get(URL + "new/").status_code in (302, 403, 404)
    html = client.get(URL).content.decode()
    assert URL + "new/" not in html


def test_municipality_editors_do_not_see_them(client, filipstad_editor):
    client.force_login(filipstad_editor)
    assert client.get(URL).status_code in (302, 403)
