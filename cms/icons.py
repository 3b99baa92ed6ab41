"""/favicon.ico and /apple-touch-icon.png at the site's root, where browsers and other clients
look for them without reading the page's <link rel="icon">.

Both redirect to the static file with its content hash in the name, which WhiteNoise serves as
immutable for a year; the redirect itself may be cached for a day, so a new icon reaches
visitors within a day.
"""

from django.shortcuts import redirect
from django.templatetags.static import static
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

REDIRECT_MAX_AGE = 24 * 60 * 60


def _to_static(name: str):
    @require_safe
    @cache_control(public=True, max_age=REDIRECT_MAX_AGE)
    def view(request):
        return redirect(static(name), permanent=True)

    return view


favicon = _to_static("img/favicon.ico")
apple_touch_icon = _to_static("img/apple-touch-icon.png")
