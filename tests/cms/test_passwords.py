"""Password strength (cms/passwords.py): guessable passwords are refused with a Swedish reason,
by the validator and on the set-password page an invitation links to; a passphrase passes."""

from http import HTTPStatus
from io import StringIO
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import translation

from cms.passwords import site_words

pytestmark = pytest.mark.django_db

GUESSABLE = ["aaaaaaaaaaaa", "kunskapsbanken", "Sommar2026!!", "Filipstad2026!", "Tillväxtverket1!"]
PASSPHRASE = "Tranbär på fyra trötta cyklar i dimman"
SWEDISH_REASON = "Ditt lösenord är för lätt att gissa"


@pytest.mark.parametrize("password", GUESSABLE)
def test_the_validator_refuses_a_guessable_password_in_swedish(password, filipstad_editor):
    with translation.override("sv"), pytest.raises(ValidationError) as refused:
        validate_password(password, filipstad_editor)
    assert any(SWEDISH_REASON in message for message in refused.value.messages)


def test_the_validator_accepts_a_passphrase(filipstad_editor):
    validate_password(PASSPHRASE, filipstad_editor)


def test_the_site_words_include_the_site_and_every_municipality():
    words = site_words()
    assert {"kunskapsbanken", "tillväxtverket", "sommar", "filipstad", "upplands väsby"} <= set(
        words
    )
    assert len([word for word in words if word == "kiruna"]) == 1


def _set_password_form(client, mailoutbox) -> str:
    call_command(
        "invite_user", "ny.person@filipstad.example", municipality="1782", stdout=StringIO()
    )
    link = next(word for word in mailoutbox[-1].body.split() if "/inbjudan/" in word)
    return client.get(urlparse(link).path).url  # Django swaps the token for a session


def test_the_invitation_page_refuses_guessable_passwords_and_accepts_a_passphrase(
    client, mailoutbox
):
    form_url = _set_password_form(client, mailoutbox)
    user = get_user_model().objects.get(email="ny.person@filipstad.example")
    for password in ["aaaaaaaaaaaa", "kunskapsbanken", "Sommar2026!!"]:
        response = client.post(form_url, {"new_password1": password, "new_password2": password})
        assert response.status_code == HTTPStatus.OK, password
        assert SWEDISH_REASON in response.content.decode(), password
        user.refresh_from_db()
        assert not user.has_usable_password()

    response = client.post(form_url, {"new_password1": PASSPHRASE, "new_password2": PASSPHRASE})
    assert response.status_code == HTTPStatus.FOUND
    user.refresh_from_db()
    assert user.check_password(PASSPHRASE)
