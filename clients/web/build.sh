#!/usr/bin/env bash
# Assembles the web app that sendcased serves (--web-root) into OUT (default
# build/web): GOV.UK Frontend's stylesheet compiled with Sass (Arial, not the
# GOV.UK-only typeface, and no crown), its script and images, and the app's
# own modules from src/. npm installs the pinned packages of
# package-lock.json when they are missing or the lock file changed.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/../../build/web}"
mkdir -p "$(dirname "$out")"
out="$(cd "$(dirname "$out")" && pwd)/$(basename "$out")"  # before the cd below

cd "$here"
stamp=node_modules/.sendcase-lock
if [ ! -f "$stamp" ] || ! cmp -s package-lock.json "$stamp"; then
  # --ignore-scripts: nothing here needs an install script (sass's optional
  # file watcher is not used).
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
  cp package-lock.json "$stamp"
fi

rm -rf "$out.tmp"
mkdir -p "$out.tmp/govuk"
node node_modules/sass/sass.js --load-path=node_modules --style=compressed \
  --no-source-map --quiet-deps src/app.scss "$out.tmp/app.css"
cp src/*.html src/*.js "$out.tmp/"
mkdir -p "$out.tmp/pages" && cp src/pages/*.js "$out.tmp/pages/"
cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js "$out.tmp/govuk/"
cp -r node_modules/govuk-frontend/dist/govuk/assets/images "$out.tmp/images"
rm -rf "$out"
mv "$out.tmp" "$out"
echo "web: $(find "$out" -type f | wc -l) files in $out"
