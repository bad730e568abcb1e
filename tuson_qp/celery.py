import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tuson_qp.settings")

app = Celery("tuson_qp")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
