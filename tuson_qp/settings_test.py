"""Fast, faithful test settings: the real settings with a cheap hasher, in-memory mail,
uploaded files in a temporary folder and Celery tasks run inline. The database and the
broker are still whatever DATABASE_URL and CELERY_BROKER_URL say (PostgreSQL and Redis in CI).
"""

import tempfile
from pathlib import Path

from tuson_qp.settings import *  # noqa: F401,F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="tuson-test-media-"))
CELERY_TASK_ALWAYS_EAGER = True
LOGGING = logging_config(LOG_LEVEL, eager=True)  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Each test process its own cache: a shared Redis would carry entries from one test database
# (or one CI run) to another. tests/reports/test_dashboard_cache.py checks the Redis backend.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "tests"}}
