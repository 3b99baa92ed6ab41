"""Each interface language has its own addresses: Swedish at the site's plain paths, English under
/en/ (cms/urls.py puts the public views in i18n_patterns without a prefix for Swedish).

Pure functions on paths, so the language middleware, the switcher, the <head> alternates and the
sitemap agree on one rule.
"""

from __future__ import annotations

from django.conf import settings


def default_language() -> str:
    return settings.LANGUAGE_CODE


def prefixed_languages() -> list[str]:
    return [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def split_language(path: str) -> tuple[str, str]:
    """(language, the path without its language prefix). '/en/sok/' -> ('en', '/sok/');
    '/sok/' -> ('sv', '/sok/'); '/en' -> ('en', '/')."""
    for code in prefixed_languages():
        prefix = f"/{code}"
        if path == prefix or path.startswith(prefix + "/"):
            return code, path[len(prefix) :] or "/"
    return default_language(), path


def language_path(path: str, language: str) -> str:
    """The same address in `language`: '/sok/' -> '/en/sok/' for English, and back."""
    _current, bare = split_language(path)
    if language == default_language() or language not in dict(settings.LANGUAGES):
        return bare
    return f"/{language}{bare}"
