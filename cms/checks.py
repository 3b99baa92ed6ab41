"""System checks for settings a deployment must not forget."""

from django.conf import settings
from django.core.checks import Tags, Warning, register


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
