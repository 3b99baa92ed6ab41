"""gzip for responses that carry no secret an attacker could read through their size (BREACH).

BREACH needs a secret that stays the same across many responses, sent compressed together with
text the attacker chooses (a search word). Compressed here: every response to a visitor without a
session – the public pages, feeds, the API, sitemap.xml. They hold no secret: the language
switch is a plain link, and the few public forms that post (none on anonymous GET pages today)
would get Django's CSRF token masked afresh in every response; GZipMiddleware adds random
padding as well.

Not compressed: the admin and its login (everything under /admin/), and any response
to a request with a session cookie or that sets one – a signed-in editor's pages carry their
session-bound data and Wagtail's user bar. docs/operations.md says the same.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

UNCOMPRESSED_PREFIXES = ("/admin/",)
# Text compresses; ZIP, XLSX, images and PDFs are compressed already.
TEXT_TYPES = ("text/", "application/json", "application/xml", "application/atom+xml")
TEXT_TYPES += ("application/rss+xml", "application/javascript", "image/svg+xml")


def safe_to_compress(path: str, request_cookies, response_cookies, content_type="") -> bool:
    if path.startswith(UNCOMPRESSED_PREFIXES) or not content_type.startswith(TEXT_TYPES):
        return False
    session = settings.SESSION_COOKIE_NAME
    return session not in request_cookies and session not in response_cookies


class PublicGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if not safe_to_compress(request.path, request.COOKIES, response.cookies, content_type):
            return response
        return super().process_response(request, response)
