#!/bin/sh
# The example's migration tool: plain psql scripts, one per version (migrations/VERSION.sql, and
# migrations/VERSION.down.sql to undo it), picked by RELEVO_VERSION, which relevo sets.
#   migrate.sh preview   prints the SQL that apply would run
#   migrate.sh apply     runs it against $DATABASE_URL
#   migrate.sh rollback  runs the .down.sql, when there is one
# A version without a script has nothing to migrate.
set -eu
dir="$(dirname "$0")/migrations"
up="$dir/${RELEVO_VERSION}.sql"
down="$dir/${RELEVO_VERSION}.down.sql"
case "${1:-}" in
  preview)
    if [ -f "$up" ]; then cat "$up"; fi ;;
  apply)
    if [ -f "$up" ]; then psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -q -f "$up"; fi ;;
  rollback)
    if [ -f "$down" ]; then psql "$DATABASE_URL" -v ON_ERROR_STOP=1 -q -f "$down"; fi ;;
  *)
    echo "usage: migrate.sh preview|apply|rollback (RELEVO_VERSION picks the script)" >&2
    exit 2 ;;
esac
