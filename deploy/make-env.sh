#!/usr/bin/env bash
# Write deploy/portal.env and deploy/db.env for docker-compose with fresh secrets:
#   deploy/make-env.sh portal.tuson.gov.vn
# Neither file is committed (.gitignore) or copied into the image (.dockerignore), and the
# portal run by `make run` never reads them. Edit portal.env afterwards for SMTP and the rest
# (deploy/portal.env.example lists the usual variables, docs/deployment.md all of them).
set -euo pipefail
host="${1:?usage: make-env.sh HOSTNAME}"
here="$(cd "$(dirname "$0")" && pwd)"
for f in portal.env db.env; do
  if [ -e "$here/$f" ]; then echo "make-env: deploy/$f exists; not overwriting it" >&2; exit 1; fi
done
rand() { python3 -c "import secrets; print(secrets.token_urlsafe($1))" 2>/dev/null || openssl rand -hex "$1"; }
secret_key="$(rand 50)"
db_password="$(rand 24)"
umask 077
sed -e "s|^SECRET_KEY=.*|SECRET_KEY=$secret_key|" \
    -e "s|portal\.tuson\.gov\.vn|$host|g" \
    -e "s|^DATABASE_URL=.*|DATABASE_URL=postgres://tuson:$db_password@db:5432/tuson_qp|" \
    "$here/portal.env.example" > "$here/portal.env"
printf 'POSTGRES_PASSWORD=%s\n' "$db_password" > "$here/db.env"
echo "make-env: wrote deploy/portal.env and deploy/db.env for https://$host"
