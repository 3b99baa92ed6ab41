"""Settings shared by every environment. No secrets here: see dev.py and production.py."""

from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.utils.translation import gettext_lazy as _

from .env import env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent.parent
CMS_DIR = BASE_DIR / "cms"

INSTALLED_APPS = [
    "core",
    "cms",
    "cases",
    "key_figures",  # municipalities like yours (key_figures/)
    "themes",
    "search",
    "subscriptions",  # follow by e-mail (subscriptions/)
    "downloads",  # big case-list downloads written in the background (downloads/)
    "mailings",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.table_block",
    "wagtail.contrib.redirects",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.search_promotions",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_tasks_db",
    "health_check",  # /halsa/ (cms/health.py)
    "dbbackup",  # manage.py backup_site / restore_site (cms/backups.py)
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Only for its Swedish "… sedan" in the admin's review status ("Ändringar begärda 2 timmar
    # sedan").
    "django.contrib.humanize",
    "axes",
    "csp",
    # Only for its Swedish translations of zxcvbn's advice (cms/passwords.py).
    "django_zxcvbn_password_validator",
]

MIDDLEWARE = [
    # Outermost: turns the 500 of an unreachable database into a 503 page (cms/unavailable.py).
    "cms.unavailable.DatabaseUnavailableMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, which serves static files already compressed; see cms/compression.py.
    "cms.compression.PublicGZipMiddleware",
    # 304 for a matching If-None-Match; inside gzip, so the ETag is the uncompressed page's.
    "django.middleware.http.ConditionalGetMiddleware",
    # Whole public pages for visitors without a session (cms/page_cache.py), stored only when the
    # next middleware marked them public (cms/http_caching.py).
    "cms.page_cache.PageCacheMiddleware",
    "cms.http_caching.CacheHeadersMiddleware",
    "cms.middleware.ContentSecurityPolicyMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "cms.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Wagtail's site for the request, kept per content version (after the host check above).
    "cms.middleware.KnownSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # No session cookie: an anonymous visitor, told without loading the session (no Vary: Cookie).
    "cms.middleware.SessionlessVisitorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

ROOT_URLCONF = "cms.urls"
WSGI_APPLICATION = "cms.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [CMS_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

# Persistent connections by default: a new SQLite connection re-reads the whole schema on its
# first query (about 1.5 ms CPU, more than a page-cache hit costs); PostgreSQL saves its handshake.
# A connection that failed is dropped at the end of its request (tests/cms/test_unavailable.py).
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Write-ahead log: pages are read while another worker writes (search statistics, the cache
    # table), and a commit waits for no fsync (about 24 ms each here before); a crash of the
    # process loses nothing, a power cut at most the last commits, never the file.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache for every process of the server, so a rate limit of 120 a minute means 120 across all
# gunicorn workers: Redis when REDIS_URL is set, else a table in the site's database (`migrate`
# creates it, see cms/apps.py). CACHE_BACKEND/CACHE_LOCATION choose any other Django cache.
REDIS_URL = env_str("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    }
else:
    CACHES = {
        "default": {
            "BACKEND": env_str("CACHE_BACKEND", "cms.cache.DatabaseCache"),
            "LOCATION": env_str("CACHE_LOCATION", "kunskapsbanken_cache"),
            # Django's default of 300 entries would evict rate-limit counters under load.
            "OPTIONS": {"MAX_ENTRIES": env_int("CACHE_MAX_ENTRIES", 20_000)},
        }
    }

# Whole public pages, kept in the cache above per content version (cms/page_cache.py); 0 turns the
# page cache off. At most PAGE_CACHE_VARIANTS addresses with a query string per path are kept.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 600)
PAGE_CACHE_VARIANTS = env_int("PAGE_CACHE_VARIANTS", 200)
PAGE_CACHE_ALIAS = "default"
# Cache-Control of public pages (cms/http_caching.py): browsers keep a page HTTP_CACHE_MAX_AGE
# seconds, proxies and CDNs HTTP_CACHE_S_MAXAGE, and may serve it that much longer while fetching
# it again. A change reaches a visitor behind a proxy within the sum; not-found pages only briefly.
HTTP_CACHE_MAX_AGE = env_int("HTTP_CACHE_MAX_AGE", 60)
HTTP_CACHE_S_MAXAGE = env_int("HTTP_CACHE_S_MAXAGE", 60)
HTTP_CACHE_STALE_WHILE_REVALIDATE = env_int("HTTP_CACHE_STALE_WHILE_REVALIDATE", 30)
HTTP_CACHE_ERROR_MAX_AGE = env_int("HTTP_CACHE_ERROR_MAX_AGE", 10)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # zxcvbn's estimate, with the site's own words (cms/passwords.py). Strength 4 (over 10^10
    # guesses) is what refuses "Word2026!!" patterns; a passphrase of a few words passes.
    {"NAME": "cms.passwords.SiteWordsPasswordValidator"},
]
PASSWORD_MINIMAL_STRENGTH = 4

# Swedish first, English second.
LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", _("Swedish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True
WAGTAIL_I18N_ENABLED = False
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES

STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "static")))
STATICFILES_DIRS = [CMS_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))

# Backups of the database and media together: manage.py backup_site / restore_site
# (cms/backups.py, docs/operations.md). Keep BACKUP_ROOT outside MEDIA_ROOT, on another disk.
BACKUP_ROOT = Path(env_str("BACKUP_ROOT", str(BASE_DIR / "var" / "backups")))
BACKUP_KEEP = env_int("BACKUP_KEEP", 14)
BACKUP_STORAGE = {
    "BACKEND": "django.core.files.storage.FileSystemStorage",
    "OPTIONS": {"location": str(BACKUP_ROOT)},
}
DBBACKUP_SEND_EMAIL = False

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    # django-dbbackup's own commands would otherwise write into MEDIA_ROOT.
    "dbbackup": BACKUP_STORAGE,
}

# The case page editor has many inline panels; Django's default of 1000 form fields is too few.
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

WAGTAIL_SITE_NAME = "Kunskapsbanken"
# New pages get ASCII addresses (å→a, ä→a, ö→o); the admin's slug field transliterates as you type.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The site's public root URL: links in e-mails and invitations, and the Site record's host and port
# (setup_site, cms/site_url.py) all come from it.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000")
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "pptx"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "cms.forms.CheckedDocumentForm"
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.forms.CheckedImageForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("DOCUMENT_MAX_UPLOAD_MB", 20) * 1024 * 1024
# Office and OpenDocument files are ZIP packages: refused when they unpack beyond this (zip bombs).
DOCUMENT_MAX_UNPACKED_SIZE = env_int("DOCUMENT_MAX_UNPACKED_MB", 200) * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("IMAGE_MAX_UPLOAD_MB", 10) * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000

# Wagtail's own admin search. The public case search lives in the search app (issue: search engine).
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}

# Public case search: empty URL means the embedded database engine.
SEARCH_ENGINE_URL = env_str("SEARCH_ENGINE_URL")
SEARCH_ENGINE = env_choice("SEARCH_ENGINE", ("opensearch", "elasticsearch"), "opensearch")
SEARCH_INDEX_PREFIX = env_str("SEARCH_INDEX_PREFIX", "kunskapsbanken")
SEARCH_TIMEOUT_SECONDS = float(env_str("SEARCH_TIMEOUT_SECONDS", "2"))
# A task still RUNNING this long after its start or last heartbeat has lost its worker and is
# run again (core/leases.py; `manage.py search_requeue`, scheduled).
TASK_LEASE_SECONDS = env_int("TASK_LEASE_SECONDS", 300)
# Case-list downloads (/sok/export.*) of more than EXPORT_BACKGROUND_THRESHOLD cases are written
# by the task worker into EXPORT_ROOT (outside MEDIA_ROOT: never served as media) and fetched from
# the job's page for a day (downloads/). A client may start EXPORT_JOBS_PER_CLIENT_HOUR such jobs
# an hour (0: no limit); at most EXPORT_MAX_ACTIVE_JOBS wait or run at once.
EXPORT_BACKGROUND_THRESHOLD = env_int("EXPORT_BACKGROUND_THRESHOLD", 5000)
EXPORT_ROOT = Path(env_str("EXPORT_ROOT", str(BASE_DIR / "var" / "exports")))
EXPORT_JOBS_PER_CLIENT_HOUR = env_int("EXPORT_JOBS_PER_CLIENT_HOUR", 10)
EXPORT_MAX_ACTIVE_JOBS = env_int("EXPORT_MAX_ACTIVE_JOBS", 4)
# Requests per client and minute to /sok/, its suggestions, feeds and the API; 0 turns it off.
SEARCH_RATE_LIMIT_PER_MINUTE = env_int("SEARCH_RATE_LIMIT_PER_MINUTE", 120)
# Weeks of search statistics kept; people sometimes type personal data into the search box, so old
# queries are deleted by `manage.py prune_search_stats` (run it weekly).
SEARCH_STATS_RETENTION_WEEKS = env_int("SEARCH_STATS_RETENTION_WEEKS", 104)
# How many proxies in front of the site append to X-Forwarded-For (0: use the peer address).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
# A case shows "Prövad i flera kommuner" when cases in at least this many other municipalities
# name it as their inspiration and report results (cases/evidence.py).
EVIDENCE_SPREAD_MIN_MUNICIPALITIES = env_int("EVIDENCE_SPREAD_MIN_MUNICIPALITIES", 2)

# The licence of the open-data package (/oppna-data/, manage.py export_open_data), as a
# Frictionless license object.
OPEN_DATA_LICENSE = {
    "name": env_str("OPEN_DATA_LICENSE_NAME", "CC-BY-4.0"),
    "path": env_str("OPEN_DATA_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/"),
    "title": env_str("OPEN_DATA_LICENSE_TITLE", "Creative Commons Attribution 4.0 International"),
}

TASKS = {
    "default": {
        # Database-backed so queued index updates survive restarts; `manage.py db_worker` runs them.
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    }
}

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# Wagtail's live preview shows the page in an iframe of the admin, so framing must be allowed from
# the site itself; that makes the deploy check W019 (which wants DENY) a known, intended choice.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# Content-Security-Policy (django-csp). Public pages run only the site's own script files; a page
# that needs an inline script gives it the request's nonce (`request.csp_nonce`).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    }
}
# Wagtail's admin (under ADMIN_URL_PREFIX) renders inline <script> blocks (inline panels, date
# widgets) and style attributes, so it needs 'unsafe-inline' for both; it uses no inline event
# handlers (onclick=…), so those stay refused, and everything else stays on the site's own
# origin. Chosen by cms.middleware.ContentSecurityPolicyMiddleware.
ADMIN_URL_PREFIX = "/admin/"
ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "script-src-attr": [NONE],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:", "blob:"],
        "font-src": [SELF, "data:"],
        "frame-src": [SELF],
    }
}
# The admin would otherwise load avatars from Gravatar and ask Wagtail's server for new releases
# from every editor's browser: third-party requests the policy above refuses.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Permissions-Policy (django-permissions-policy): no page of the site uses these browser features.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
    )
}

EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "kunskapsbanken@localhost")
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = DEFAULT_FROM_EMAIL
# Weekly subscription digests go out on this weekday (0 = Monday; subscriptions/schedule.py).
SUBSCRIPTION_DIGEST_WEEKDAY = env_int("SUBSCRIPTION_DIGEST_WEEKDAY", 0)
# E-mails the subscribe and erase forms may cause per hour: per client, and per address
# (subscriptions/limits.py); 0 turns a limit off.
SUBSCRIPTION_MAILS_PER_CLIENT_HOUR = env_int("SUBSCRIPTION_MAILS_PER_CLIENT_HOUR", 20)
SUBSCRIPTION_MAILS_PER_ADDRESS_HOUR = env_int("SUBSCRIPTION_MAILS_PER_ADDRESS_HOUR", 3)
# Outgoing mail (mailings/): tries before a send is given up, the first pause between tries
# (doubling), and the days after which addresses and texts of sent mail are blanked.
MAILINGS_MAX_ATTEMPTS = env_int("MAILINGS_MAX_ATTEMPTS", 8)
MAILINGS_RETRY_MINUTES = env_int("MAILINGS_RETRY_MINUTES", 5)
MAILINGS_KEEP_DAYS = env_int("MAILINGS_KEEP_DAYS", 30)
# The contact page of a case (cases/contact_messages.py): the least seconds between opening the
# form and sending it (bots post at once), accepted messages per client and per case per hour,
# and how many months the messages are kept for the editors (prune_contact_messages).
CONTACT_FORM_MIN_SECONDS = env_int("CONTACT_FORM_MIN_SECONDS", 4)
CONTACT_RATE_LIMIT_PER_CLIENT = env_int("CONTACT_RATE_LIMIT_PER_CLIENT", 5)
CONTACT_RATE_LIMIT_PER_CASE = env_int("CONTACT_RATE_LIMIT_PER_CASE", 20)
CONTACT_MESSAGE_RETENTION_MONTHS = env_int("CONTACT_MESSAGE_RETENTION_MONTHS", 12)
# The public contact for visitors (footer, accessibility statement); setup_site copies it into
# Settings → Site settings when that is empty. Production does not deploy without one
# (cms/checks.py).
CONTACT_EMAIL = env_str("CONTACT_EMAIL")
REQUIRE_CONTACT_EMAIL = False
# Editors and moderators are told about submissions, approvals and requested changes; superusers
# are not copied on every municipality's submissions.
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
# Workflow e-mails go out as plain text with an HTML alternative (cms/templates/wagtailadmin/
# notifications/).
WAGTAILADMIN_NOTIFICATION_USE_HTML = True

# Failed-login throttling: after AXES_FAILURE_LIMIT failures for one user name from one address,
# that combination is locked out for AXES_COOLOFF_HOURS.
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_HOURS", 1)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "account_locked.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # django-tasks logs every task start and finish at INFO; that drowns real messages.
    "loggers": {
        "django_tasks": {"level": "WARNING"},
        # The search clients log every request at INFO and every failed one with a traceback;
        # search/outage.py logs one warning when the cluster stops answering and one when it is
        # back instead.
        "opensearch": {"level": "ERROR"},
        "elastic_transport": {"level": "ERROR"},
    },
}
