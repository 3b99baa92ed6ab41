"""Making a municipality a participant: its page, its editors' group and its media collection.

Municipality editors ("Kommunredaktör – <name>") may add and edit pages in their municipality's
subtree only, submit them for review, and upload and choose images and documents in their own
collection only. They cannot publish: moderators do that (cms/roles.py).
"""

from dataclasses import dataclass

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import Collection

from core.permissions import grant_collection_permissions, grant_page_permissions, permission

from .models import Municipality, MunicipalityIndexPage, MunicipalityPage

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
EDITOR_GROUP_PREFIX = "Kommunredaktör – "


@dataclass
class Participant:
    page: MunicipalityPage
    editors: Group
    collection: Collection
    created: bool


def editor_group_name(municipality: Municipality) -> str:
    return f"{EDITOR_GROUP_PREFIX}{municipality.name} ({municipality.code})"


@transaction.atomic
def add_participant(municipality: Municipality, **page_fields) -> Participant:
    """Idempotently give a municipality its page, editor group and collection.

    An existing page is left as editors last saved it; permissions are (re)granted.
    """
    page = MunicipalityPage.objects.filter(municipality=municipality).first()
    created = page is None
    if created:
        index_page = MunicipalityIndexPage.objects.get()
        page = index_page.add_child(
            instance=MunicipalityPage(
                title=municipality.name,
                slug=municipality.slug,
                municipality=municipality,
                **page_fields,
            )
        )
        page.save_revision().publish()
    collection = _ensure_collection(municipality)
    editors, _ = Group.objects.get_or_create(name=editor_group_name(municipality))
    editors.permissions.add(permission("wagtailadmin", "access_admin"))
    grant_page_permissions(editors, page, EDITOR_PAGE_PERMISSIONS)
    grant_collection_permissions(editors, collection, delete=False)
    return Participant(page=page, editors=editors, collection=collection, created=created)


def _ensure_collection(municipality: Municipality) -> Collection:
    root = Collection.get_first_root_node()
    existing = root.get_children().filter(name=municipality.name).first()
    return existing or root.add_child(name=municipality.name)
