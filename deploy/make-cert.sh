#!/usr/bin/env bash
# A self-signed certificate and key for a trial of the TLS-terminating nginx:
#   deploy/make-cert.sh portal.tuson.gov.vn [DIR]
# writes DIR/fullchain.pem and DIR/privkey.pem (DIR defaults to deploy/certs, which
# docker-compose mounts read-only into nginx at /etc/nginx/certs). Browsers warn about a
# self-signed certificate: in production put the CA-issued chain and key under the same names.
set -euo pipefail
host="${1:?usage: make-cert.sh HOSTNAME [DIR]}"
dir="${2:-$(dirname "$0")/certs}"
days="${CERT_DAYS:-365}"
mkdir -p "$dir"
if [ -e "$dir/privkey.pem" ] && [ "${FORCE:-0}" != "1" ]; then
  echo "make-cert: $dir/privkey.pem exists; set FORCE=1 to replace it" >&2
  exit 1
fi
san="DNS:$host"
case "$host" in *[!0-9.]*) ;; *) san="IP:$host";; esac
[ "$host" != "localhost" ] && san="$san,DNS:localhost"
umask 077
openssl req -x509 -newkey rsa:2048 -sha256 -nodes -days "$days" \
  -subj "/CN=$host" -addext "subjectAltName=$san" \
  -keyout "$dir/privkey.pem" -out "$dir/fullchain.pem" 2>/dev/null
chmod 644 "$dir/fullchain.pem"
# nginx's master process reads the key as root in the official image; keep it private.
chmod 600 "$dir/privkey.pem"
echo "make-cert: $dir/fullchain.pem and $dir/privkey.pem for $host ($days days)"
