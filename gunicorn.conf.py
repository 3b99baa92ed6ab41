"""gunicorn's settings for Kunskapsbanken: `gunicorn -c gunicorn.conf.py cms.wsgi`.

gunicorn also reads this file by itself when started from the project directory. Command-line
options (--bind, --workers) override the values here.
"""

import os

from gunicorn.http import wsgi

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "3"))
accesslog = "-"


class _AnonymousResponse(wsgi.Response):
    """gunicorn always sends `Server: gunicorn` and has no setting to turn it off; the product
    name only helps someone looking for a server with a known flaw, so the header is dropped."""

    def default_headers(self):
        return [line for line in super().default_headers() if not line.startswith("Server:")]


# Read when a worker builds each response; set here in the master, before the workers fork.
wsgi.Response = _AnonymousResponse
