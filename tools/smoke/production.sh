#!/usr/bin/env bash
# The production path of docs/operations.md ("Deploying"), step by step, from a clean checkout of
# the committed HEAD: production settings from the environment, collectstatic, migrate, setup_site,
# check --deploy, gunicorn with gunicorn.conf.py and the task worker. Then fetches what a visitor
# and an editor would (home, a case, a search, the API, the admin login, a static file) and fails
# on anything but 200, a missing manifest-hashed static file, a missing Content-Security-Policy
# or a Server header naming gunicorn. Run by `make test`; needs the project's virtualenv and curl.
set -euo pipefail
checkout="$(cd "$(dirname "$0")/../.." && pwd)"
# Absolute, as the steps run in a temporary copy (make passes VENV=.venv).
venv="$(cd "${VENV:-$checkout/.venv}" && pwd)"
work="$(mktemp -d)"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
fail() {
    echo "SMOKE FAILED: $*" >&2
    for log in "$work"/*.log; do [ -f "$log" ] && { echo "--- $log" >&2; tail -40 "$log" >&2; }; done
    exit 1
}
step() {  # step LOGNAME COMMAND...: runs it, its output in $work/LOGNAME.log, shown if it fails
    local name="$1"
    shift
    "$@" >"$work/$name.log" 2>&1 || fail "$* exited $?"
}

# A clean checkout: the committed files only, no var/, no db.sqlite3, no collected static files.
mkdir "$work/site"
git -C "$checkout" archive HEAD | tar -xf - -C "$work/site"
cd "$work/site"
export PATH="$venv/bin:$PATH"

port="$(python -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"

# --- The documented steps (docs/operations.md), with this machine's values. ---
export DJANGO_SETTINGS_MODULE=cms.settings.production
export SECRET_KEY="smoke-$(python -c 'import secrets; print(secrets.token_urlsafe(40))')"
export ALLOWED_HOSTS=127.0.0.1
export SITE_URL=http://127.0.0.1
export CONTACT_EMAIL=kunskapsbanken@example.org
export DATABASE_URL="sqlite:///$work/site.sqlite3"
export STATIC_ROOT="$work/static" MEDIA_ROOT="$work/media"
export SEARCH_ENGINE_URL=""
step collectstatic python manage.py collectstatic --no-input
step migrate python manage.py migrate --no-input
step setup_site python manage.py setup_site
step check python manage.py check --deploy --fail-level WARNING
# Smoke only, never in production: fictional content to fetch.
step load_demo python manage.py load_demo
gunicorn -c gunicorn.conf.py --bind "127.0.0.1:$port" --workers 2 cms.wsgi >"$work/gunicorn.log" 2>&1 &
pids+=($!)
python manage.py db_worker --interval 2 -v0 >"$work/worker.log" 2>&1 &
pids+=($!)

# --- What a visitor and an editor see. The proxy in front sets X-Forwarded-Proto. ---
base="http://127.0.0.1:$port"
for _ in $(seq 60); do curl -s -o /dev/null "$base/robots.txt" && break; sleep 0.5; done

get() {  # get PATH -> body in $work/body, headers in $work/headers; fails unless 200
    local status
    status="$(curl -s -o "$work/body" -D "$work/headers" -w '%{http_code}' \
        -H 'X-Forwarded-Proto: https' "$base$1")" || fail "GET $1: no answer"
    [ "$status" = 200 ] || fail "GET $1 answered $status"
}
header() { grep -i "^$1:" "$work/headers" || true; }

case_path="$(python manage.py shell -c \
    'from cases.models import CaseStudyPage as C; print(C.objects.live().public().first().url)' | tail -1)"
for path in / "$case_path" "/sok/?q=skola" "/api/v1/sok/?q=skola" /admin/login/; do
    get "$path"
    if [ "$path" != "/api/v1/sok/?q=skola" ]; then
        header Content-Security-Policy | grep -q "default-src 'self'" \
            || fail "GET $path has no Content-Security-Policy"
    fi
    header Permissions-Policy | grep -q "camera=()" || fail "GET $path has no Permissions-Policy"
    ! header Server | grep -qi gunicorn || fail "GET $path announces $(header Server)"
    echo "ok  200 $path"
done

get /
stylesheet="$(grep -o 'href="/static/css/site\.[0-9a-f]\{12\}\.css"' "$work/body" | head -1 | cut -d'"' -f2)"
[ -n "$stylesheet" ] || fail "the home page links no manifest-hashed stylesheet"
get "$stylesheet"
header Cache-Control | grep -q "max-age" || fail "$stylesheet is not served as an immutable file"
echo "ok  200 $stylesheet"

# Public pages go out gzip-compressed, the admin login does not (BREACH: cms/compression.py).
encoding() {
    curl -s -o /dev/null -D - -H 'X-Forwarded-Proto: https' -H 'Accept-Encoding: gzip' "$base$1" \
        | grep -i '^content-encoding:' || true
}
encoding / | grep -qi gzip || fail "GET / is not gzip-compressed"
[ -z "$(encoding /admin/login/)" ] || fail "GET /admin/login/ is compressed"
echo "ok  gzip / (and not /admin/login/)"

kill -0 "${pids[1]}" 2>/dev/null || { cat "$work/worker.log" >&2; fail "the task worker stopped"; }
echo "production smoke test passed"
