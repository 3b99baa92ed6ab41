"""Where an address of the site lives in the archive folder, and how one file links to another.

Pure functions on paths. Browsers do not turn /x/ into /x/index.html on file://, so every page is
a file named explicitly and every link is relative to the file that holds it.
"""

from __future__ import annotations

import posixpath
from urllib.parse import quote, unquote


def file_for(path: str, *, is_html: bool) -> str:
    """The archive file of a site path: '/' -> 'index.html', '/om/' -> 'om/index.html',
    '/oppna-data/README.txt' -> 'oppna-data/README.txt'; an HTML page without a trailing slash
    gets a folder of its own too. Percent-escapes are decoded (files carry the real name)."""
    bare = unquote(path).lstrip("/")
    if bare == "" or bare.endswith("/"):
        return f"{bare}index.html"
    if is_html and not bare.endswith((".html", ".htm")):
        return f"{bare}/index.html"
    return bare


def relative_link(from_file: str, to_file: str) -> str:
    """The href that leads from the archive file `from_file` to `to_file`, percent-escaped."""
    start = posixpath.dirname(from_file) or "."
    return quote(posixpath.relpath(to_file, start), safe="/-._~")


def is_safe(file: str) -> bool:
    """False for a file path that would leave the archive folder ('..', absolute)."""
    normal = posixpath.normpath(file)
    return not (normal.startswith(("/", "..")) or "/../" in f"/{normal}/" or normal == ".")
