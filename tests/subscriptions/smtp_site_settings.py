"""Settings of the browser test's own server (tests/browser/test_subscriptions_browser.py): the
development settings with e-mail going to the test's SMTP server, whose port it passes in."""

import os

from cms.settings.dev import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ["SUBSCRIPTIONS_TEST_SMTP_PORT"])
EMAIL_USE_TLS = False
EMAIL_HOST_USER = EMAIL_HOST_PASSWORD = ""
