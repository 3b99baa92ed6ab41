import pytest
from django.core.management import call_command


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every test database starts with the site skeleton and the demo content, loaded once."""
    with django_db_blocker.unblock():
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


@pytest.fixture
def filipstad(db):
    from cases.models import MunicipalityPage

    return MunicipalityPage.objects.get(municipality__code="1782")


@pytest.fixture
def ljusnarsberg(db):
    from cases.models import MunicipalityPage

    return MunicipalityPage.objects.get(municipality__code="1864")


@pytest.fixture
def hofors(db):
    from cases.models import MunicipalityPage

    return MunicipalityPage.objects.get(municipality__code="2104")


def _member_of(django_user_model, username, group_name):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user(
        username, f"{username}@kommun.example", "ett-långt-lösenord-för-test"
    )
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def filipstad_editor(db, django_user_model):
    return _member_of(django_user_model, "redaktor-filipstad", "Kommunredaktör – Filipstad (1782)")


@pytest.fixture
def moderator(db, django_user_model):
    return _member_of(django_user_model, "moderator", "Moderatorer")


@pytest.fixture
def superuser(db, django_user_model):
    return django_user_model.objects.create_superuser("root", "root@example.org", "pw")


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def pytest_report_header(config):
    from django.db import connection

    return f"database: {connection.vendor} ({connection.settings_dict['NAME']})"
