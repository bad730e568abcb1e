"""Settings for tuson_qp, read from environment variables.

With no variables set the portal runs on a laptop: SQLite under var/, Celery tasks run
eagerly, e-mail goes to the console. Production sets DEBUG=off and must then provide
SECRET_KEY and ALLOWED_HOSTS, or start-up stops with a clear message.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from tuson_qp.logging_config import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(environ.Env().str("TUSON_VAR_DIR", default=str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

env = environ.Env()
# The process environment is the configuration. A file of variables is read only when
# TUSON_ENV_FILE names it (e.g. to run manage.py on a host with deploy/portal.env); a `.env`
# in the checkout is never read, so production values cannot leak into `make run`.
if env.str("TUSON_ENV_FILE", default=""):
    environ.Env.read_env(env.str("TUSON_ENV_FILE"), overwrite=False)

DEBUG = env.bool("DEBUG", default=True)


def _required_in_production(name, value):
    if not DEBUG and not value:
        raise ImproperlyConfigured(
            f"{name} must be set when DEBUG is off (see docs/configuration.md)."
        )
    return value


SECRET_KEY = _required_in_production(
    "SECRET_KEY",
    env.str("SECRET_KEY", default="dev-only-insecure-key-tuson-qp" if DEBUG else ""),
)
ALLOWED_HOSTS = _required_in_production(
    "ALLOWED_HOSTS",
    env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]", "testserver"] if DEBUG else []),
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "guardian",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "csp",
    "django_celery_beat",
    "accounts",
    "audit",
    "directives",
    "tasks",
    "notifications",
    "reminders",
    "reports",
    "ops",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
    "signatures",
    "home",
    "search",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "accounts.middleware.PassiveAwareSessionMiddleware",  # Django's, minus the bell's poll
    "tuson_qp.locale.ChosenLanguageMiddleware",  # Vietnamese unless English was chosen
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.permissions.GrantsPerRequestMiddleware",  # each kind of grant read once a request
    "tuson_qp.http_security.RejectNulBytesMiddleware",  # a NUL anywhere in the request: 400
    "tuson_qp.http_security.PrivateCacheMiddleware",  # signed in: Cache-Control private, no-store
    "django.contrib.messages.middleware.MessageMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.SessionPolicyMiddleware",
    "audit.context.AuditContextMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a lockout into the login page with a message
]

ROOT_URLCONF = "tuson_qp.urls"
WSGI_APPLICATION = "tuson_qp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.portal_roles",
                "home.context_processors.as_of_date",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
DATABASES = {
    "default": env.db_url(
        "DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'tuson_qp.sqlite3'}"
    ),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
# Seconds a connection is kept for the next request of the same process (0: closed after
# each request; docker-compose keeps them 600 s). With CONN_HEALTH_CHECKS a kept connection
# is tested before a request reuses it, so a restarted PostgreSQL costs no failed request.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = env.bool("CONN_HEALTH_CHECKS", default=True)
if DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql") and not env.bool(
    "DATABASE_JIT", default=False
):
    # PostgreSQL's JIT compiler off for the portal's connections: the planner prices the status
    # annotation's CASE and subqueries so high that it compiles them to machine code, which
    # takes longer than running them (docs/performance.md, "PostgreSQL settings").
    # A startup option of the connection: a pooler in between must pass it (PgBouncer does not:
    # set `jit = off` for the database there instead, ALTER DATABASE … SET jit = off).
    _options = DATABASES["default"].setdefault("OPTIONS", {})
    _options["options"] = f"{_options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Auth ----------------------------------------------------------------------------
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Object permissions are stored in direct foreign-key tables (see accounts/grants.py);
# guardian's generic tables stay empty.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False

# --- Internationalisation -----------------------------------------------------------
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["tuson_qp.formats"]
DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]

# --- Static and uploaded files ------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("STATIC_ROOT", default=str(VAR_DIR / "staticfiles")))
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(VAR_DIR / "media")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Uploaded files are never served at this URL: Django has no route for it and nginx marks
# it `internal`, reachable only through the permission-checked download view's
# X-Accel-Redirect.
MEDIA_URL = "/protected-media/"
# Uploaded files and reports: the local disk (MEDIA_ROOT) by default; S3-compatible object
# storage (django-storages) with STORAGE_BACKEND=s3, so that several web and worker machines
# share them (docs/deployment.md).
STORAGE_BACKEND = env.str("STORAGE_BACKEND", default="local")
if STORAGE_BACKEND not in ("local", "s3"):
    raise ImproperlyConfigured("STORAGE_BACKEND must be 'local' or 's3'.")
_default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
if STORAGE_BACKEND == "s3":
    if not env.str("S3_BUCKET", default=""):
        raise ImproperlyConfigured("S3_BUCKET must be set when STORAGE_BACKEND=s3.")
    _default_storage = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env.str("S3_BUCKET"),
            "endpoint_url": env.str("S3_ENDPOINT_URL", default="") or None,
            "region_name": env.str("S3_REGION", default="") or None,
            "access_key": env.str("S3_ACCESS_KEY_ID", default="") or None,
            "secret_key": env.str("S3_SECRET_ACCESS_KEY", default="") or None,
            "location": env.str("S3_PREFIX", default=""),
            "addressing_style": env.str("S3_ADDRESSING_STYLE", default="") or None,
            "signature_version": "s3v4",
            "default_acl": None,
            "file_overwrite": False,
            "querystring_auth": True,
            # Signed download links live this long (seconds): enough to start the download.
            "querystring_expire": env.int("S3_URL_EXPIRE_SECONDS", default=60),
            "verify": env.bool("S3_VERIFY_TLS", default=True),
        },
    }
STORAGES = {
    "default": _default_storage,
    # With DEBUG off: hashed names (served for a year by WhiteNoise), and gzip/brotli copies
    # made by collectstatic (at image build); STATIC_COMPRESS=0 skips the copies.
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage" if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env.bool("STATIC_COMPRESS", default=True)
        else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}

# --- Celery ----------------------------------------------------------------------------
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TIMEZONE = TIME_ZONE
CELERY_TASK_ACKS_LATE = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 3600}
CELERY_BEAT_SCHEDULER = "django_celery_beat.schedulers:DatabaseScheduler"

# --- Cache ------------------------------------------------------------------------------
# The dashboard's figures (reports.dashboard.caching; entries keyed by a data version that
# database triggers bump, so nothing is ever stale). Redis when one is configured, shared by
# every web worker; otherwise each process's local memory.
REDIS_CACHE_URL = env.str("REDIS_CACHE_URL", default=env.str("REDIS_URL", default=(
    CELERY_BROKER_URL if CELERY_BROKER_URL.startswith(("redis://", "rediss://")) else "")))
if REDIS_CACHE_URL:
    CACHES = {"default": {"BACKEND": "tuson_qp.redis_cache.RedisCache",  # keeps its redis-py clients
                          "LOCATION": REDIS_CACHE_URL, "KEY_PREFIX": "tuson"}}
DASHBOARD_CACHE_SECONDS = env.int("DASHBOARD_CACHE_SECONDS", default=3600)
# The emulation ranking lists a unit with fewer assignments fallen due than this, but does not
# rank it (docs/dashboard.md).
DASHBOARD_RANKING_MIN_DUE = env.int("DASHBOARD_RANKING_MIN_DUE", default=3)

# --- E-mail ------------------------------------------------------------------------------
EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env.str("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_USE_SSL = env.bool("EMAIL_USE_SSL", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=0) or None  # reminders use 30 s when unset
SERVER_EMAIL = env.str("SERVER_EMAIL", default="root@localhost")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Cổng theo dõi Chỉ thị <noreply@tuson.local>")

# --- Security -----------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if not DEBUG else None
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Quiet by default, LOG_LEVEL=DEBUG for everything (tuson_qp/logging_config.py).
LOG_LEVEL = env.str("LOG_LEVEL", default="INFO")
LOGGING = logging_config(LOG_LEVEL, eager=CELERY_TASK_ALWAYS_EAGER)

# --- Accounts and security (login, axes, OTP, sessions, CSP) ---------------------------------
# Documented in docs/security.md.
from datetime import timedelta  # noqa: E402

from csp.constants import NONE, SELF  # noqa: E402

# Axes refuses a locked pair before any password is checked, so it comes first.
AUTHENTICATION_BACKENDS = ["axes.backends.AxesStandaloneBackend", *AUTHENTICATION_BACKENDS]

# Behind N reverse proxies that each append to X-Forwarded-For (nginx in docker-compose: 1).
# 0 ignores the header: REMOTE_ADDR is the client. Used by axes and the audit trail alike.
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "accounts.ip.client_ip"
AXES_FAILURE_LIMIT = env.int("LOGIN_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("LOGIN_LOCKOUT_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# The lock lasts the cool-off from the last counted failure; tries during it do not extend it.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_USERNAME_CALLABLE = "accounts.lockout.client_username"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False

# Idle limit: the session is renewed on every request and ends SESSION_COOKIE_AGE after the
# last one. Absolute limit: accounts.middleware ends it SESSION_ABSOLUTE_AGE after sign-in.
SESSION_COOKIE_AGE = env.int("SESSION_IDLE_MINUTES", default=30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_ABSOLUTE_AGE = env.int("SESSION_ABSOLUTE_HOURS", default=12) * 3600
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_HOURS", default=72) * 3600
SECURE_REFERRER_POLICY = "same-origin"

# Two-factor sign-in (TOTP). Whether it is compulsory is the Office's switch
# (accounts.models.SecurityPolicy), not a setting.
OTP_TOTP_ISSUER = env.str("OTP_TOTP_ISSUER", default="Thành ủy Từ Sơn")
TWO_FACTOR_PENDING_SECONDS = 5 * 60  # time to type the code after the password

# Content-Security-Policy: scripts and styles only from our own static files (no inline
# <script>, no CDN). Style attributes are allowed (style-src-attr), <style> elements are not.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        # PDF.js parses documents in a worker loaded from our static files (static/vendor/pdfjs).
        "worker-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
if env.bool("CSP_REPORT_ONLY", default=False):
    CONTENT_SECURITY_POLICY_REPORT_ONLY, CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY, None

# --- Workflow: submissions and uploads ---------------------------------------------------------
# Documented in docs/workflow.md.
# Files above this size are written to a temporary file while the request is read, so the
# memory of a worker stays flat however large the upload; the per-file limit is checked after.
FILE_UPLOAD_MAX_MEMORY_SIZE = env.int("FILE_UPLOAD_MAX_MEMORY_KB", default=256) * 1024
FILE_UPLOAD_TEMP_DIR = env.str("FILE_UPLOAD_TEMP_DIR", default="") or None
TUSON_MAX_UPLOAD_MB = env.int("TUSON_MAX_UPLOAD_MB", default=20)
TUSON_MAX_UPLOAD_FILES = env.int("TUSON_MAX_UPLOAD_FILES", default=10)
# DOCX, XLSX and ODT are ZIP archives: refuse archive bombs before anyone opens them.
TUSON_ZIP_MAX_ENTRIES = env.int("TUSON_ZIP_MAX_ENTRIES", default=3000)
TUSON_ZIP_MAX_EXPANDED_MB = env.int("TUSON_ZIP_MAX_EXPANDED_MB", default=200)
TUSON_ZIP_MAX_RATIO = env.int("TUSON_ZIP_MAX_RATIO", default=100)
# How a permitted download is sent, after the permission check and the audit record:
# "django" streams it from the storage (any backend); "nginx" answers with X-Accel-Redirect
# to SENDFILE_NGINX_PREFIX + the stored name (local disk shared with nginx,
# deploy/nginx/portal-locations.inc); "redirect" answers 302 to a signed URL of the object
# storage that expires after S3_URL_EXPIRE_SECONDS (STORAGE_BACKEND=s3 only).
SENDFILE_MODE = env.str("SENDFILE_MODE", default="django")
SENDFILE_NGINX_PREFIX = env.str("SENDFILE_NGINX_PREFIX", default=MEDIA_URL)
if SENDFILE_MODE not in ("django", "nginx", "redirect"):
    raise ImproperlyConfigured("SENDFILE_MODE must be 'django', 'nginx' or 'redirect'.")
if SENDFILE_MODE == "redirect" and STORAGE_BACKEND != "s3":
    raise ImproperlyConfigured("SENDFILE_MODE=redirect needs STORAGE_BACKEND=s3.")
if SENDFILE_MODE == "nginx" and STORAGE_BACKEND != "local":
    raise ImproperlyConfigured("SENDFILE_MODE=nginx needs STORAGE_BACKEND=local (nginx reads the disk).")

# --- Backups (manage.py backup / restore; docs/deployment.md) -----------------------------------
BACKUP_DIR = Path(env.str("BACKUP_DIR", default=str(VAR_DIR / "backups")))
BACKUP_KEEP = env.int("BACKUP_KEEP", default=14)  # archives kept; older ones are deleted

# --- Reminders ---------------------------------------------------------------------------------
# Documented in docs/reminders.md. The beat's times (sweep every 15 minutes, digest at 07:30)
# live in the database (django-celery-beat) and are edited in the admin, not here.
# The channels a reminder goes out on: dotted paths of reminders.channels.base.Channel classes.
REMINDER_CHANNELS = env.list("REMINDER_CHANNELS", default=[
    "reminders.channels.email.EmailChannel",
    "reminders.channels.portal.PortalChannel",
])
REMINDER_QUEUE = env.str("REMINDER_QUEUE", default="reminders")
# Source rows read per query by the sweep (and log rows written per INSERT).
REMINDER_BATCH_SIZE = env.int("REMINDER_BATCH_SIZE", default=1000)
# Escalations, returned work and unanswered explanations still go out this many days after
# their day if the sweep did not run then; day-exact reminders never go out late.
REMINDER_CATCH_UP_DAYS = env.int("REMINDER_CATCH_UP_DAYS", default=3)
# "Every N days while overdue" stops after this many days overdue.
REMINDER_OVERDUE_HORIZON_DAYS = env.int("REMINDER_OVERDUE_HORIZON_DAYS", default=730)
# Routine reminders that missed their digest for longer than this are dropped, not sent late.
REMINDER_DIGEST_MAX_AGE_DAYS = env.int("REMINDER_DIGEST_MAX_AGE_DAYS", default=2)
# The sweep re-queues a dispatch still pending (or failed) after this long, up to this many tries.
REMINDER_REQUEUE_AFTER_MINUTES = env.int("REMINDER_REQUEUE_AFTER_MINUTES", default=30)
REMINDER_MAX_ATTEMPTS = env.int("REMINDER_MAX_ATTEMPTS", default=8)
REMINDER_MESSAGE_ID_DOMAIN = env.str("REMINDER_MESSAGE_ID_DOMAIN", default="nhacviec.tuson.local")
# Where django.core.mail.backends.filebased.EmailBackend writes (EMAIL_BACKEND=…filebased…).
EMAIL_FILE_PATH = env.str("EMAIL_FILE_PATH", default=str(VAR_DIR / "mail"))
CELERY_TASK_ROUTES = {
    **(globals().get("CELERY_TASK_ROUTES") or {}),
    "reminders.*": {"queue": REMINDER_QUEUE},
}

# --- Reports (PDF) -------------------------------------------------------------------------------
# Documented in docs/reports.md. Rendered only by Celery, on the "pdf" queue.
# Page margins of the Party document format (Hướng dẫn 36-HD/VPTW), in millimetres.
REPORT_MARGINS_MM = {
    "top": env.float("REPORT_MARGIN_TOP_MM", default=20),
    "bottom": env.float("REPORT_MARGIN_BOTTOM_MM", default=20),
    "left": env.float("REPORT_MARGIN_LEFT_MM", default=30),
    "right": env.float("REPORT_MARGIN_RIGHT_MM", default=15),
}
# The soft limit ends a render with a clear "failed" status; the hard one kills the child.
REPORT_SOFT_TIME_LIMIT = env.int("REPORT_SOFT_TIME_LIMIT", default=120)
REPORT_TIME_LIMIT = env.int("REPORT_TIME_LIMIT", default=REPORT_SOFT_TIME_LIMIT + 30)
REPORT_QUEUE = env.str("REPORT_QUEUE", default="pdf")
# Surviving a worker's death (docs/reports.md): the job touches its report every
# REPORT_HEARTBEAT_SECONDS; a "running" report silent for REPORT_STALE_AFTER_SECONDS was left
# by a dead worker and is resumed (a redelivered message) or queued again (the beat's reaper),
# at most REPORT_MAX_ATTEMPTS times in all.
REPORT_HEARTBEAT_SECONDS = env.float("REPORT_HEARTBEAT_SECONDS", default=10)
REPORT_STALE_AFTER_SECONDS = env.float("REPORT_STALE_AFTER_SECONDS", default=60)
REPORT_MAX_ATTEMPTS = env.int("REPORT_MAX_ATTEMPTS", default=3)
CELERY_TASK_ROUTES = {
    **(globals().get("CELERY_TASK_ROUTES") or {}),
    "reports.generate_report": {"queue": REPORT_QUEUE},
}

# --- Portal ---------------------------------------------------------------------------------
PORTAL_NAME = _("Cổng theo dõi thực hiện Chỉ thị về quốc phòng, quân sự địa phương")


# --- API (api/, docs/api.md) ---------------------------------------------------------------
REST_FRAMEWORK = {
    # The token class first: a request without credentials is told to send a Bearer token (401).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "api.authentication.BearerTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_THROTTLE_CLASSES": ["api.authentication.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api": env.str("API_THROTTLE_RATE", default="120/min")},
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 100,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
}
SPECTACULAR_SETTINGS = {
    "TITLE": "tuson_qp API",
    "DESCRIPTION": "Chỉ thị, nhiệm vụ, tình hình thực hiện và văn bản nộp, trong phạm vi của người dùng.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Several models have a "kind" or a "status": each choice set gets its own name.
    "ENUM_NAME_OVERRIDES": {
        "TaskKindEnum": "directives.models.Task.Kind",
        "SubmissionKindEnum": "tasks.models.Submission.Kind",
        "DirectiveStatusEnum": "directives.models.Directive.Status",
        "SubmissionStatusEnum": "tasks.models.Submission.Status",
        "AssignmentStatusEnum": "tasks.status.Status",
        "ReportingGroupEnum": "tasks.status.Bucket",
    },
}
# --- Digital signatures (signatures/, docs/signatures.md) ------------------------------------
# Revocation is checked only where a certificate names an OCSP or CRL address, with this
# timeout in seconds; an address that does not answer is reported, not fatal.
SIGNATURE_REVOCATION_CHECK = env.bool("SIGNATURE_REVOCATION_CHECK", default=True)
SIGNATURE_REVOCATION_TIMEOUT = env.float("SIGNATURE_REVOCATION_TIMEOUT", default=3.0)
# Reports are signed (PAdES, invisible) when a PKCS#12 file is configured; its passphrase from
# the environment or, better, a secrets file. Never stored in the database.
REPORT_SIGNING_PKCS12 = env.str("REPORT_SIGNING_PKCS12", default="")
REPORT_SIGNING_PASSPHRASE = env.str("REPORT_SIGNING_PASSPHRASE", default="")
REPORT_SIGNING_PASSPHRASE_FILE = env.str("REPORT_SIGNING_PASSPHRASE_FILE", default="")
# --- Search (docs/search.md) ---------------------------------------------------------------------
# Limits of the text extraction of uploaded PDF/DOCX files (search/extraction.py).
SEARCH_EXTRACT_MAX_BYTES = env.int("SEARCH_EXTRACT_MAX_BYTES", default=50 * 1024 * 1024)
SEARCH_EXTRACT_MAX_PAGES = env.int("SEARCH_EXTRACT_MAX_PAGES", default=300)
SEARCH_EXTRACT_MAX_CHARS = env.int("SEARCH_EXTRACT_MAX_CHARS", default=2_000_000)
