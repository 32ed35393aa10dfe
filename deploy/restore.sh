#!/usr/bin/env bash
# Restore a backup made by deploy/backup.sh into an EMPTY database and an empty
# (or new) media directory, then check the checksums first.
#   DATABASE_URL=postgres://…/pomost_new MEDIA_ROOT=/srv/pomost/media deploy/restore.sh /backups/pomost-…
set -euo pipefail
source_dir="${1:?usage: restore.sh BACKUP_DIRECTORY}"
: "${DATABASE_URL:?DATABASE_URL must point at an empty database}"
: "${MEDIA_ROOT:?MEDIA_ROOT must point at the media directory}"

(cd "$source_dir" && sha256sum --check --quiet SHA256SUMS)
pg_restore --exit-on-error --no-owner --no-privileges --dbname "$DATABASE_URL" \
    "$source_dir/database.dump"
mkdir -p "$MEDIA_ROOT"
tar --extract --gzip --file "$source_dir/media.tar.gz" --directory "$MEDIA_ROOT"
echo "restored $source_dir"
