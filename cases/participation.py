"""Making a municipality a participant: its page under /kommuner/."""

from django.db import transaction

from .models import Municipality, MunicipalityIndexPage, MunicipalityPage


@transaction.atomic
def ensure_municipality_page(municipality: Municipality, **fields) -> tuple[MunicipalityPage, bool]:
    """The municipality's published page, created under /kommuner/ if missing.

    Returns (page, created). Existing pages are left as editors last saved them.
    """
    existing = MunicipalityPage.objects.filter(municipality=municipality).first()
    if existing is not None:
        return existing, False
    index_page = MunicipalityIndexPage.objects.get()
    page = index_page.add_child(
        instance=MunicipalityPage(
            title=municipality.name, slug=municipality.slug, municipality=municipality, **fields
        )
    )
    page.save_revision().publish()
    return page, True
