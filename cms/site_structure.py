"""The fixed skeleton of the site: home page, /kommuner/, /teman/, /om/ and the accessibility
statement, attached to the default Site.

Idempotent, so `make run` can call it on every start.
"""

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from cases.models import MunicipalityIndexPage
from themes.models import ThemeIndexPage

from .about_page import ensure_about_page
from .accessibility_statement import ensure_accessibility_statement
from .models import HomePage, SiteSettings
from .roles import ensure_roles

HOME_INTRO = (
    "<p>Kunskapsbanken samlar kommunernas erfarenheter från arbetet inom statsbidraget till "
    "kommuner med socioekonomiska utmaningar. Här finns beskrivningar av insatser för barn och "
    "unga, skola, vuxenutbildning, integration och arbete – vad som gjordes, vad det gav och vad "
    "som inte fungerade – så att fler kommuner kan lära av varandra.</p>"
)


@transaction.atomic
def ensure_site_structure() -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage.objects.first()
    if home is None:
        home = _replace_default_home(root)
    municipalities = _ensure_child(home, MunicipalityIndexPage, slug="kommuner", title="Kommuner")
    _ensure_child(home, ThemeIndexPage, slug="teman", title="Teman")
    ensure_about_page(home)
    ensure_contact_email(settings.CONTACT_EMAIL)
    ensure_accessibility_statement(home)
    ensure_roles(municipalities)
    return home


def ensure_contact_email(address: str) -> bool:
    """Fill Site settings' contact from CONTACT_EMAIL unless an editor already chose one."""
    site_settings = SiteSettings.load()
    if not address or site_settings.contact_email:
        return False
    site_settings.contact_email = address
    site_settings.save(update_fields=["contact_email"])
    return True


def _replace_default_home(root: Page) -> HomePage:
    """Wagtail's first migration creates a 'Welcome' page; our HomePage takes its place."""
    welcome_pages = list(root.get_children().filter(content_type__app_label="wagtailcore"))
    Page.objects.filter(pk__in=[page.pk for page in welcome_pages]).update(slug="replaced-welcome")
    home = root.add_child(instance=HomePage(title="Kunskapsbanken", slug="home", intro=HOME_INTRO))
    home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Kunskapsbanken",
        )
    else:
        site.root_page = home
        site.site_name = "Kunskapsbanken"
        site.save()
    for page in welcome_pages:
        page.delete()
    return home


def _ensure_child(parent: Page, model, *, slug: str, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = parent.add_child(instance=model(slug=slug, **fields))
    page.save_revision().publish()
    return page
