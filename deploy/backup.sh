#!/usr/bin/env bash
# Back up POMOST CMS: the PostgreSQL database (pg_dump, custom format) and the
# media files, into one new directory.
#   DATABASE_URL=postgres://… MEDIA_ROOT=/srv/pomost/media deploy/backup.sh /backups
# Prints the directory it made. Media on S3: back up the bucket with its own
# versioning or `aws s3 sync` instead of MEDIA_ROOT (docs/deploy.md).
set -euo pipefail
target_root="${1:?usage: backup.sh TARGET_DIRECTORY}"
: "${DATABASE_URL:?DATABASE_URL must point at the database}"
: "${MEDIA_ROOT:?MEDIA_ROOT must point at the media files}"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
target="$target_root/pomost-$stamp"
mkdir -p "$target"

# A consistent snapshot of the database while the site runs.
pg_dump --format=custom --no-owner --no-privileges --file "$target/database.dump" "$DATABASE_URL"
# The media as they are; files added during the dump are only ever new files
# (uploads and renditions never change in place).
tar --create --gzip --file "$target/media.tar.gz" --directory "$MEDIA_ROOT" .
(cd "$target" && sha256sum database.dump media.tar.gz > SHA256SUMS)
echo "$target"
