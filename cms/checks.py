"""System checks for settings a deployment must not forget."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register


@register(Tags.security, deploy=True)
def site_url_is_configured(app_configs=None, **kwargs):
    """Without SITE_URL, e-mails and the Site record would point at a guessed address."""
    if getattr(settings, "SITE_URL", ""):
        return []
    return [
        Warning(
            "SITE_URL is not set, so links in e-mails and the Site record may point to the "
            "wrong address.",
            hint="Set SITE_URL to the site's public root URL, e.g. https://kunskapsbanken.example.org.",
            id="kunskapsbanken.W001",
        )
    ]


@register(Tags.security, deploy=True)
def contact_address_is_configured(app_configs=None, **kwargs):
    """Under production settings the site must name a contact: the accessibility statement and
    the footer tell visitors to report problems there, and the law requires a way to do so.
    An error, so the documented deploy (`check --deploy`) stops before gunicorn starts."""
    if not getattr(settings, "REQUIRE_CONTACT_EMAIL", False):
        return []
    if getattr(settings, "CONTACT_EMAIL", "") or _contact_in_site_settings():
        return []
    return [
        Error(
            "The site has no contact e-mail address: the accessibility statement and the footer "
            "would point visitors to a contact that does not exist.",
            hint="Set CONTACT_EMAIL (setup_site copies it into Settings → Site settings), or "
            "enter the address in Settings → Site settings.",
            id="kunskapsbanken.E001",
        )
    ]


def _contact_in_site_settings() -> bool:
    """Whether an editor has entered the address; False before the first migration."""
    from django.db import DatabaseError

    from .models import SiteSettings

    try:
        return SiteSettings.objects.exclude(contact_email="").exists()
    except DatabaseError:
        return False
