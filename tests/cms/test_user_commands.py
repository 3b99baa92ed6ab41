"""The two set-up commands for people: add_municipality and invite_user."""

from http import HTTPStatus
from io import StringIO
from urllib.parse import urlparse

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse
from wagtail.models import Collection, GroupCollectionPermission, GroupPagePermission

from cases.models import MunicipalityPage

pytestmark = pytest.mark.django_db


def test_add_municipality_creates_page_group_and_collection_once():
    call_command("add_municipality", "0484", stdout=StringIO())
    page = MunicipalityPage.objects.get(municipality__code="0484")
    assert page.live and page.url == "/kommuner/eskilstuna/"
    group = Group.objects.get(name="Kommunredaktör – Eskilstuna (0484)")
    page_permissions = set(
        GroupPagePermission.objects.filter(group=group).values_list("page", "permission__codename")
    )
    assert page_permissions == {(page.pk, "add_page"), (page.pk, "change_page")}
    collection = Collection.objects.get(name="Eskilstuna")
    assert set(
        GroupCollectionPermission.objects.filter(group=group).values_list("collection", flat=True)
    ) == {collection.pk}

    call_command("add_municipality", "0484", stdout=StringIO())
    assert MunicipalityPage.objects.filter(municipality__code="0484").count() == 1
    assert Group.objects.filter(name__startswith="Kommunredaktör – Eskilstuna").count() == 1
    assert Collection.objects.filter(name="Eskilstuna").count() == 1


def test_add_municipality_rejects_unknown_codes():
    with pytest.raises(CommandError, match="Unknown municipality codes: 9999"):
        call_command("add_municipality", "0484", "9999", stdout=StringIO())
    assert not MunicipalityPage.objects.filter(municipality__code="0484").exists()


def test_invited_editor_sets_a_password_from_the_email_and_logs_in(client, mailoutbox):
    call_command(
        "invite_user", "Ny.Redaktor@Filipstad.example", municipality="1782", stdout=StringIO()
    )
    user = get_user_model().objects.get(email="ny.redaktor@filipstad.example")
    assert not user.has_usable_password()
    assert user.groups.filter(name="Kommunredaktör – Filipstad (1782)").exists()
    (message,) = mailoutbox
    assert message.to == ["ny.redaktor@filipstad.example"]
    assert message.subject == "Inbjudan till Kunskapsbanken"
    link = next(word for word in message.body.split() if "/inbjudan/" in word)

    form_url = client.get(urlparse(link).path).url  # Django swaps the token for a session
    password = "Ett-eget-och-långt-lösenord-2026"
    response = client.post(form_url, {"new_password1": password, "new_password2": password})
    assert response.status_code == HTTPStatus.FOUND
    client.logout()
    login = client.post(
        reverse("wagtailadmin_login"), {"username": user.username, "password": password}
    )
    assert login.status_code == HTTPStatus.FOUND
    assert client.get(reverse("wagtailadmin_home")).status_code == HTTPStatus.OK


def test_invite_user_refuses_bad_input():
    with pytest.raises(CommandError, match="not a valid email"):
        call_command("invite_user", "inte-en-adress", moderator=True, stdout=StringIO())
    with pytest.raises(CommandError, match="does not participate yet"):
        call_command("invite_user", "a@b.example", municipality="0484", stdout=StringIO())
    assert not get_user_model().objects.filter(email__in=["a@b.example"]).exists()


def test_moderator_and_administrator_roles():
    call_command(
        "invite_user", "granskare@tillvaxtverket.example", moderator=True, stdout=StringIO()
    )
    call_command(
        "invite_user", "admin@tillvaxtverket.example", administrator=True, stdout=StringIO()
    )
    users = get_user_model().objects
    assert users.get(email="granskare@tillvaxtverket.example").groups.filter(name="Moderatorer")
    assert users.get(email="admin@tillvaxtverket.example").is_superuser
