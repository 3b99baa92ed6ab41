from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.signals import request_finished
from django.http.request import split_domain_port
from django.utils import translation
from wagtail.models import Site
from wagtail.views import serve as wagtail_serve

from core.content_version import cached
from core.language_urls import split_language


class ChosenLanguageMiddleware:
    """The interface language is the address's: English under /en/, Swedish everywhere else.

    Neither the browser's Accept-Language nor a cookie counts (an officer with an English browser
    would otherwise get an English interface around Swedish case texts), so one address always
    gives the same page and any cache may keep it without `Vary`. The language cookie of the
    former switcher is ignored; its endpoint /i18n/setlang/ still answers old forms by
    redirecting to the chosen language's address.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        # Page addresses follow the active language (reverse() adds /en/), so a language left
        # active after an English request would put /en/ into URLs that code outside a request
        # builds in the same thread. Back to the default once the response is sent.
        request_finished.connect(_default_language, dispatch_uid="cms-default-language")

    def __call__(self, request):
        language, _path = split_language(request.path_info)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response


def _default_language(sender, **kwargs):
    translation.deactivate()


class SessionlessVisitorMiddleware:
    """A request without a session cookie is an anonymous visitor: say so without opening the
    session.

    Reading request.user (Wagtail's user bar does on every page) loads the session, and a loaded
    session makes Django add `Vary: Cookie`, which keeps shared caches from storing the page.
    Without a session cookie there is nothing to load, so the answer is known already.
    Goes right after AuthenticationMiddleware.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            request.user = AnonymousUser()

            async def auser():
                return request.user

            request.auser = auser
        return self.get_response(request)


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the looser ADMIN_CONTENT_SECURITY_POLICY under the admin.

    Wagtail's admin templates carry inline scripts and style attributes that the public policy
    refuses; the public pages keep the strict CONTENT_SECURITY_POLICY. A view's own
    @csp_override/@csp_update still wins over both.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.ADMIN_URL_PREFIX)
        ):
            parts.config = default_config(settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"])
        return parts


class KnownSiteMiddleware:
    """Tells Wagtail the site of a page request from the content-version cache.

    Wagtail looks the site up with a query per request (Site.find_for_request; building it costs
    about 1.2 ms CPU, a tenth of a case page's view). Sites change seldom and a change sets a new
    content version (cms/signal_handlers.py), so the answer is kept per host and port – for the
    requests Wagtail's page view serves; other views (the API, the admin) look it up as before
    when they need it, and ask nothing here. Goes after CommonMiddleware, which has refused hosts
    outside ALLOWED_HOSTS, so the keys are bounded; with ALLOWED_HOSTS = ["*"] nothing is kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if view_func is not wagtail_serve or "*" in settings.ALLOWED_HOSTS:
            return None
        hostname = split_domain_port(request._get_raw_host())[0]
        port = request.get_port()
        request._wagtail_site = cached(
            "site_for_host", (hostname, port), lambda: Site._find_for_request(request)
        )
        return None
