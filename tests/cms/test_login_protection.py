from http import HTTPStatus

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "ett-långt-lösenord-för-test"


def _login(client, password):
    return client.post(
        reverse("wagtailadmin_login"), {"username": "redaktor-filipstad", "password": password}
    )


def test_repeated_failures_lock_the_account_even_for_the_right_password(
    client, filipstad_editor, settings
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert _login(client, "fel").status_code == HTTPStatus.OK
    locked = _login(client, "fel")
    assert locked.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert "För många misslyckade inloggningar" in locked.content.decode()
    assert _login(client, PASSWORD).status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert client.get(reverse("wagtailadmin_home")).status_code == HTTPStatus.FOUND


def test_a_successful_login_is_not_hindered(client, filipstad_editor):
    _login(client, "fel")
    response = _login(client, PASSWORD)
    assert response.status_code == HTTPStatus.FOUND
    assert client.get(reverse("wagtailadmin_home")).status_code == HTTPStatus.OK


def test_weak_passwords_are_refused(filipstad_editor):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["kort1", "password1234", "123456789012"]:
        with pytest.raises(ValidationError):
            validate_password(weak, filipstad_editor)
