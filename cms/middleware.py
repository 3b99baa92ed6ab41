from csp.middleware import CSPMiddleware
from csp.utils import default_config
from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation


class ChosenLanguageMiddleware(LocaleMiddleware):
    """Swedish unless the visitor chose English with the language switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language, so an officer with an
    English browser would get an English interface around Swedish case texts. Here only the
    switcher's cookie counts.
    """

    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()


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
