"""The static archive (issue #17 item 5): the public site as files that work from disk.

`manage.py build_archive` (cms/management/commands/build_archive.py) renders every public page as
an anonymous visitor (build.py), rewrites links to relative file paths (paths.py, rewrite.py),
adds the open-data package and an offline search over a prebuilt index (offline_search.py).
"""
