#!/bin/sh
# Install the Debian packages the build, the demo and the tests need.
# Skips what is already installed; needs root (or sudo) only when something is missing.
# usage: scripts/deps.sh [bench]
set -eu

PKGS="build-essential pkg-config
libsqlite3-dev sqlite3
libcups2-dev cups cups-client cups-bsd
libusb-1.0-0-dev libzbar-dev zbar-tools libevdev-dev libjpeg62-turbo-dev
umockdev libumockdev-dev
libinih-dev nettle-dev libsodium-dev libxlsxwriter-dev libmicrohttpd-dev
libzint-dev libcairo2-dev libpango1.0-dev fonts-wqy-microhei
clang libclang-rt-14-dev valgrind"

# the label tests draw ZPL with an npm renderer and PDFs through CUPS's
# own drivers (Ghostscript, rastertolabel) and a label printer application
command -v npm >/dev/null 2>&1 || PKGS="$PKGS nodejs npm"
PKGS="$PKGS cups-filters ghostscript lprint poppler-utils faketime"
# the office page is tried in a real browser (puppeteer-core drives it)
PKGS="$PKGS chromium"

# stations upload to a central PostgreSQL (libpq); the tests start a
# private PostgreSQL server of their own
PKGS="$PKGS libpq-dev postgresql-15 postgresql-client-15"

# make bench also compares against gLabels (the reference label renderer)
[ "${1:-}" = bench ] && PKGS="$PKGS glabels"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed"; then
		missing="$missing $p"
	fi
done

[ -z "$missing" ] && exit 0

echo "deps.sh: installing:$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
