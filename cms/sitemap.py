"""sitemap.xml: every live, public page (and the routes pages add through get_sitemap_urls)."""

from urllib.parse import urlsplit

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap


class RequestSitemap(Sitemap):
    """Wagtail's sitemap with addresses on the host the sitemap was requested from.

    Wagtail builds them from the Site record, which setup_site creates as "localhost"; the
    canonical links in the pages (cms/sharing.py) use the request's address, and the two must agree.
    """

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        if self.request is not None:
            for url in urls:
                parts = urlsplit(url["location"])
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                url["location"] = self.request.build_absolute_uri(path)
        return urls
