#!/bin/sh
# The systemd unit: stationd runs as its own user, confined; systemd's own
# assessment of the installed unit stays low.
. "$(dirname "$0")/lib.sh"
DIR=$(mktemp -d /tmp/st.XXXXXX)
trap 'rm -rf "$DIR"' EXIT
sed 's|@SBINDIR@|/usr/sbin|g' "$TOP/etc/stationd.service.in" >"$DIR/stationd.service"
check "it runs as the station user" grep -q '^User=station$' "$DIR/stationd.service"
check "it holds no capability" grep -q '^CapabilityBoundingSet=$' "$DIR/stationd.service"
for k in NoNewPrivileges=yes ProtectSystem=strict ProtectHome=yes PrivateTmp=yes \
    'SystemCallFilter=@system-service' 'ReadWritePaths=/var/lib/station /run/station'; do
	check "unit has $k" grep -qx "$k" "$DIR/stationd.service"
done
if command -v systemd-analyze >/dev/null 2>&1; then
	level=$(systemd-analyze security --offline=true "$DIR/stationd.service" 2>/dev/null |
	    sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
	check "systemd-analyze security rates it ${level:-?} (at most 2.0)" \
	    awk -v l="${level:-99}" 'BEGIN { exit !(l <= 2.0) }'
fi
echo "1..$N"
