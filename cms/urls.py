from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cases import contact_urls
from cases.views import exports, open_data
from downloads.views import start_export
from search.api_docs import api_docs
from search.feeds import SearchAtomFeed, SearchRssFeed
from search.forms import request_from_params
from search.ratelimit import rate_limited
from search.service import case_ids

from .evidence_levels import evidence_levels
from .icons import apple_touch_icon, favicon
from .models import SiteSettings
from .views import robots_txt, sitemap, sitemap_file

# Downloads read many rows: limited per client like search and the API. The export view gets the
# search app's parsing and search through as_view(), as cases does not import search, and the
# downloads app's background job for lists too long to stream.
limit_downloads = rate_limited("download")
case_list_export = exports.CaseListExport.as_view(
    parse_params=request_from_params, case_ids=case_ids, start_in_background=start_export
)


def organisation_name() -> str:
    """The feeds' author: the organisation named in the site settings (search does not import
    cms, so the feeds are handed this)."""
    return SiteSettings.load().organisation_name


urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("dokument/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),  # the index of the files below (cms/sitemap.py)
    re_path(
        r"^sitemap/(?P<section>sidor|ovriga)-(?P<number>[^/]+)\.xml$",
        sitemap_file,
        name="sitemap_file",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path("apple-touch-icon.png", apple_touch_icon, name="apple_touch_icon"),
    path("halsa/", include("cms.health")),  # health checks for monitoring (cms/health.py)
    path("inbjudan/", include("cms.invitation_urls")),  # an invited person's first password
    # The former language switcher's endpoint: old forms still land on the chosen language's URL.
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", include("search.api_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# The public pages in each interface language: Swedish at the plain paths, English under /en/
# (core/language_urls.py, cms.middleware.ChosenLanguageMiddleware).
urlpatterns += i18n_patterns(
    path("sok/export.<str:suffix>", limit_downloads(case_list_export), name="case_export"),
    path("sok/export/", include("downloads.urls")),  # a background export's page and file
    path("sok/atom/", SearchAtomFeed(organisation_name), name="search_atom"),
    path("sok/rss/", SearchRssFeed(organisation_name), name="search_rss"),
    path("sok/", include("search.urls")),
    path("oppna-data/", open_data.overview, name="open_data"),
    # A case's contact page (cases/views/contact.py), told clients apart as search does.
    path("insats/", include(contact_urls)),
    path("oppna-data/api/", api_docs, name="api_docs"),
    path("oppna-data/<str:filename>", limit_downloads(open_data.download), name="open_data_file"),
    path("statistik/", include("cases.statistics_urls")),
    path("om/evidensnivaer/", evidence_levels, name="evidence_levels"),
    path("", include("subscriptions.urls")),  # /folj/… and /om/personuppgifter/
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
