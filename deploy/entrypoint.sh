#!/bin/sh
# The container's processes: web, scheduler, migrate, or any manage.py command.
set -eu
case "${1:-web}" in
  web)
    # The web container empties the shared metrics folder once, before anything writes to it.
    rm -rf "${PROMETHEUS_MULTIPROC_DIR:?}"/*
    exec gunicorn gda_site.wsgi --bind 0.0.0.0:8000 --workers "${WEB_WORKERS:-3}" \
      --access-logfile - --forwarded-allow-ips "${FORWARDED_ALLOW_IPS:-127.0.0.1}"
    ;;
  scheduler)
    mkdir -p "$PROMETHEUS_MULTIPROC_DIR"
    exec python manage.py runscheduler
    ;;
  migrate)
    python manage.py migrate --noinput
    exec python manage.py check --deploy --fail-level WARNING
    ;;
  *)
    exec python manage.py "$@"
    ;;
esac
