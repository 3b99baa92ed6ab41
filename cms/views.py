import re

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import conditional_page, require_GET

from . import sitemap as sitemaps

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


# A file's number as its address writes it: ASCII digits, no leading zero. int() alone would also
# take "01", " 1" or the Arabic-Indic "١", giving one file several addresses.
FILE_NUMBER = re.compile(r"[1-9][0-9]{0,8}")


def _sitemap_response(xml: str, dates) -> HttpResponse:
    response = HttpResponse(
        xml, content_type="application/xml", headers=sitemaps.last_modified(dates)
    )
    response["X-Robots-Tag"] = "noindex, noodp, noarchive"
    return response


@require_GET
@conditional_page  # answers If-Modified-Since (Last-Modified is the newest lastmod) with 304
@cache_control(public=True, max_age=60 * 60)
def sitemap(request):
    """The sitemap index: every file of cms/sitemap.py with the newest lastmod in it."""
    if "p" in request.GET:  # the pages of the former single sitemap.xml: gone, not the index
        raise Http404
    root = sitemaps.site_root(request)
    files = sitemaps.index_files(root, request)
    listed = [
        (
            request.build_absolute_uri(
                reverse("sitemap_file", kwargs={"section": section, "number": str(number)})
            ),
            when,
        )
        for section, number, when in files
    ]
    return _sitemap_response(sitemaps.index_xml(listed), [when for _s, _n, when in files])


@require_GET
@conditional_page
@cache_control(public=True, max_age=60 * 60)
def sitemap_file(request, section: str, number: str):
    if not FILE_NUMBER.fullmatch(number) or "p" in request.GET:
        raise Http404
    root = sitemaps.site_root(request)
    if section == sitemaps.PAGES:
        entries = sitemaps.page_entries(root, int(number))
    else:
        entries = sitemaps.other_file(root, request, int(number))
    if entries is None:
        raise Http404
    return _sitemap_response(
        sitemaps.urlset_xml(entries, sitemaps.absolute_addresses(request)),
        [entry.lastmod for entry in entries],
    )
