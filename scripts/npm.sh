#!/bin/sh
# Installs the npm packages the tests use (pinned) into a cache directory
# outside the repository, once; prints the node_modules directory.
# usage: scripts/npm.sh   (STATION_NPM_CACHE: where; /var/tmp/station-npm)
set -eu
DIR=${STATION_NPM_CACHE:-/var/tmp/station-npm}
PKGS="zpl-renderer-js@3.4.0 xlsx@0.18.5 puppeteer-core@25.16.0"
mkdir -p "$DIR"
if [ ! -f "$DIR/installed" ] || [ "$(cat "$DIR/installed")" != "$PKGS" ]; then
	(cd "$DIR" && [ -f package.json ] || echo '{"private":true}' >package.json)
	# shellcheck disable=SC2086
	(cd "$DIR" && npm install --no-audit --no-fund --silent $PKGS >&2)
	echo "$PKGS" >"$DIR/installed"
fi
echo "$DIR/node_modules"
