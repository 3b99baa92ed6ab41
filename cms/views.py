from django.http import HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import conditional_page, require_GET
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap

from .sitemap import RequestSitemap

# Paths crawlers have no business in: the admin, the language switch (a POST form), the result
# links of /sok/, which count a click for the search statistics before redirecting to the case, and
# the list downloads, which stream every matching case (the open-data package is the bulk route).
DISALLOWED_PATHS = ("/admin/", "/i18n/", "/sok/till/", "/sok/export")


def robots_lines(sitemap_url: str) -> list[str]:
    return [
        "User-agent: *",
        *(f"Disallow: {path}" for path in DISALLOWED_PATHS),
        "",
        f"Sitemap: {sitemap_url}",
    ]


@require_GET
@cache_control(public=True, max_age=24 * 60 * 60)
def robots_txt(request):
    sitemap_url = request.build_absolute_uri(reverse("sitemap"))
    return HttpResponse(
        "\n".join(robots_lines(sitemap_url)) + "\n", content_type="text/plain; charset=utf-8"
    )


@require_GET
@conditional_page  # answers If-Modified-Since (Last-Modified is the newest lastmod) with 304
@cache_control(public=True, max_age=60 * 60)
def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"pages": RequestSitemap})
