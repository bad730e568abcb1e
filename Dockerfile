# One image for the web, the Celery worker and beat.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=tuson_qp.settings TUSON_VAR_DIR=/app/var

# WeasyPrint's system libraries; gettext to compile the translations. The PDF font
# (Liberation Serif) is vendored in static/fonts, so reports do not depend on system fonts.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
      fontconfig gettext curl \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
RUN DEBUG=1 python manage.py compilemessages --ignore=.venv -v 0 \
 && DEBUG=0 SECRET_KEY=build ALLOWED_HOSTS=build python manage.py collectstatic --no-input -v 0 \
 && useradd --system --uid 1000 portal && mkdir -p /app/var/media && chown -R portal /app/var
USER portal
EXPOSE 8000
CMD ["gunicorn", "tuson_qp.wsgi:application", "-c", "deploy/gunicorn.conf.py"]
