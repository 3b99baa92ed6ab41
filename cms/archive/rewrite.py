"""Rewriting the addresses in rendered pages and style sheets, and the archive's changes to a page.

Pure functions on text. Each takes `resolve`, a function from an address as written in the page
(already HTML-unescaped) to its replacement, or None to leave it as it is; the build uses the same
functions to discover the addresses (a `resolve` that records and returns None) and to rewrite
them. The site's templates write attributes in double quotes, which is what is matched here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable

Resolve = Callable[[str], str | None]

# Attributes that hold one address. `content` is for <meta property="og:url"> and the like: only
# addresses on the site itself are changed there (resolve returns None for anything else).
URL_ATTRIBUTE = re.compile(r'(\s(href|src|action|poster|content)=")([^"]*)(")', re.IGNORECASE)
SRCSET_ATTRIBUTE = re.compile(r'(\ssrcset=")([^"]*)(")', re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r'(\sstyle=")([^"]*)(")', re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", re.IGNORECASE | re.DOTALL)
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")\s]+)\1\s*\)""", re.IGNORECASE)
FORM = re.compile(r"(<form\b[^>]*>).*?</form>", re.IGNORECASE | re.DOTALL)
SEARCH_FORM = re.compile(r'\brole="search"', re.IGNORECASE)
POSTS = re.compile(r'\bmethod="post"', re.IGNORECASE)
BODY_START = re.compile(r"<body\b[^>]*>", re.IGNORECASE)
SKIP_LINK = re.compile(r'(<a class="skip-link"[^>]*>.*?</a>)', re.DOTALL)


def rewrite_css(css: str, resolve: Resolve) -> str:
    def replace(match: re.Match) -> str:
        new = resolve(match.group(2))
        if new is None:
            return match.group(0)
        return f"url({new})"  # percent-escaped by the resolver: no quotes needed

    return CSS_URL.sub(replace, css)


def _rewrite_srcset(value: str, resolve: Resolve) -> str:
    candidates = []
    for candidate in value.split(","):
        parts = candidate.strip().split(None, 1)
        if not parts:
            continue
        new = resolve(parts[0])
        candidates.append(" ".join([new if new is not None else parts[0], *parts[1:]]))
    return ", ".join(candidates)


def rewrite_html(page: str, resolve: Resolve) -> str:
    """`page` with every address in href, src, srcset, action, poster, content and CSS url()
    passed through `resolve`."""

    def attribute(match: re.Match) -> str:
        value = html.unescape(match.group(3))
        if match.group(2).lower() == "content" and not value.startswith(("http://", "https://")):
            return match.group(0)  # a description, a viewport: not an address
        new = resolve(value)
        if new is None:
            return match.group(0)
        return f"{match.group(1)}{html.escape(new)}{match.group(4)}"

    def srcset(match: re.Match) -> str:
        value = _rewrite_srcset(html.unescape(match.group(2)), resolve)
        return f"{match.group(1)}{html.escape(value)}{match.group(3)}"

    def style_attribute(match: re.Match) -> str:
        value = rewrite_css(html.unescape(match.group(2)), resolve)
        return f"{match.group(1)}{html.escape(value)}{match.group(3)}"

    def style_element(match: re.Match) -> str:
        return match.group(1) + rewrite_css(match.group(2), resolve) + match.group(3)

    page = URL_ATTRIBUTE.sub(attribute, page)
    page = SRCSET_ATTRIBUTE.sub(srcset, page)
    page = STYLE_ATTRIBUTE.sub(style_attribute, page)
    return STYLE_ELEMENT.sub(style_element, page)


def replace_forms(page: str, sentence: str) -> str:
    """Every form but the search boxes replaced by `sentence` (already escaped HTML): forms that
    post, and filters, need a server the archive does not have. A search box (role="search",
    sent with GET) leads to the archive's own search page."""

    def replace(match: re.Match) -> str:
        start = match.group(1)
        if SEARCH_FORM.search(start) and not POSTS.search(start):
            return match.group(0)
        return f'<p class="archive-note">{sentence}</p>'

    return FORM.sub(replace, page)


def add_banner(page: str, banner: str, stylesheet: str) -> str:
    """The archive's banner (HTML) after the skip link – or at the start of <body> – and its
    style sheet (an href) at the end of <head>."""
    page = page.replace(
        "</head>", f'    <link rel="stylesheet" href="{html.escape(stylesheet)}">\n</head>', 1
    )
    if SKIP_LINK.search(page):
        return SKIP_LINK.sub(lambda m: m.group(1) + banner, page, count=1)
    return BODY_START.sub(lambda m: m.group(0) + banner, page, count=1)
