# One image for web, workers, beat, migrate and backup. It holds no secret: the settings come
# from the environment at run time (deploy/portal.env through docker-compose), and
# .dockerignore keeps .env files, certificates, keys and backups out of the build context.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    DJANGO_SETTINGS_MODULE=tuson_qp.settings TUSON_VAR_DIR=/app/var

# WeasyPrint's system libraries; gettext to compile the translations; PostgreSQL's client
# (pg_dump/pg_restore of the same major version as the postgres:15 service) for backups.
# The PDF font (Liberation Serif) is vendored in static/fonts, so reports do not depend on
# system fonts.
RUN apt-get update \
 && apt-get install -y --no-install-recommends libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b \
      libharfbuzz-subset0 fontconfig gettext postgresql-client-15 \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
# Build-time values only: collectstatic needs DEBUG off (hashed names for WhiteNoise) and
# therefore some key and host; they are not kept in the image's environment.
RUN DEBUG=1 python manage.py compilemessages --ignore=.venv -v 0 \
 && DEBUG=0 SECRET_KEY=collectstatic-only ALLOWED_HOSTS=build python manage.py collectstatic --no-input -v 0 \
 && useradd --system --uid 1000 portal \
 && mkdir -p /app/var/media /backups && chown -R portal /app/var /backups
USER portal
EXPOSE 8000
CMD ["gunicorn", "tuson_qp.wsgi:application", "--config", "deploy/gunicorn.conf.py"]
