"""An invitation reads as one ("Välkommen – välj lösenord") and signs the person in."""

from http import HTTPStatus
from io import StringIO
from urllib.parse import urlparse

import pytest
from django.core.management import call_command
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "Ett-eget-och-långt-lösenord-2026"


def _invite(mailoutbox) -> str:
    call_command("invite_user", "ny@filipstad.example", municipality="1782", stdout=StringIO())
    (message,) = mailoutbox
    return next(word for word in message.body.split() if word.startswith("http"))


def test_the_first_login_page_is_worded_as_an_invitation(client, mailoutbox):
    link = _invite(mailoutbox)
    html = client.get(urlparse(link).path, follow=True).content.decode()
    assert "<title>Välkommen – välj lösenord" in html
    assert "<h1>Välkommen – välj lösenord</h1>" in html
    assert "ny@filipstad.example" in html
    assert "Återställ lösenord" not in html


def test_choosing_the_password_signs_the_invited_person_in(client, mailoutbox):
    link = _invite(mailoutbox)
    assert urlparse(link).path.startswith("/inbjudan/")
    form_url = client.get(urlparse(link).path).url
    html = client.get(form_url).content.decode()
    assert "<h1>Välkommen – välj lösenord</h1>" in html
    response = client.post(
        form_url, {"new_password1": PASSWORD, "new_password2": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_home")
    assert response.status_code == HTTPStatus.OK
    assert response.context["request"].user.email == "ny@filipstad.example"
    assert "Välkommen till Kunskapsbanken! Ditt lösenord är sparat." in response.content.decode()
    assert "Du skriver för Filipstad" in response.content.decode()
