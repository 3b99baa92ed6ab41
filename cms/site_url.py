"""The site's public root URL (settings.SITE_URL) and the Wagtail Site record that follows it.

Wagtail builds a page's absolute URL (`page.full_url`, e-mails, the sitemap) from the Site
record's hostname and port, so setup_site copies them from SITE_URL on every start; without that
the record keeps Wagtail's first-migration default, localhost:80.
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


@dataclass(frozen=True)
class SiteAddress:
    hostname: str
    port: int


def site_address(url: str) -> SiteAddress:
    """Hostname and port of an http(s) URL; ValueError for anything else."""
    parts = urlsplit(url.strip())
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError(f"SITE_URL must be an http or https URL with a host name, not {url!r}.")
    return SiteAddress(parts.hostname, parts.port or DEFAULT_PORTS[parts.scheme])


def absolute_url(path: str) -> str:
    """`path` (starting with /) on the site's root URL."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def apply_site_url(url: str | None = None) -> Site | None:
    """Point the default Site record at SITE_URL (or `url`); None when there is no such record."""
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        return None
    address = site_address(url or settings.WAGTAILADMIN_BASE_URL)
    if (site.hostname, site.port) != (address.hostname, address.port):
        site.hostname, site.port = address.hostname, address.port
        site.save(update_fields=["hostname", "port"])
    return site
