#!/bin/sh
# The office page over HTTPS: [web] cert and key (PEM), a Secure cookie,
# no plain HTTP on its port; a key without its certificate, or a file that
# is not PEM, keeps the page off and says why, and the desk runs on.
. "$(dirname "$0")/lib.sh"
mkdemo
start_demo
stop_demo
PORT=$((22000 + $$ % 2000))
openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=127.0.0.1" \
    -keyout "$DIR/key.pem" -out "$DIR/cert.pem" >/dev/null 2>&1
sed -i "/^listen = /a cert = $DIR/cert.pem\nkey = $DIR/key.pem" "$DIR/station.conf"
sed -i "s/^listen = .*/listen = 127.0.0.1:$PORT/" "$DIR/station.conf"
check "demo starts with a certificate" start_demo
U="https://127.0.0.1:$PORT"
check "the log gives the https address" wait_for 5 grep -q "office page: https://127.0.0.1:$PORT/" "$DIR/stationd.log"
curl -s -k -D "$DIR/h" -o /dev/null -d "badge=1005&pin=9005" "$U/login"
check "logging in over HTTPS sets a Secure cookie" grep -qi "^set-cookie: rs_sid=[0-9a-f]\{32\}; Path=/; HttpOnly; SameSite=Strict; Secure" "$DIR/h"
check "the certificate is the one configured" sh -c "echo | openssl s_client -connect 127.0.0.1:$PORT 2>/dev/null | openssl x509 -noout -fingerprint -sha256 | cut -d= -f2 | grep -q \"\$(openssl x509 -in '$DIR/cert.pem' -noout -fingerprint -sha256 | cut -d= -f2)\""
check "plain HTTP on that port gets no page" sh -c "! curl -s --max-time 3 'http://127.0.0.1:$PORT/login' | grep -q 'Log in\|登录'"
stop_demo

# a key without its certificate: the page stays off, the desk runs
sed -i "/^cert = /d" "$DIR/station.conf"
check "a key alone: the desk still starts" start_demo
check "... the log says cert and key come together" wait_for 5 grep -q "office page: \[web\] cert and key come together" "$DIR/stationd.log"
check "... and nothing listens" sh -c "! curl -s -k --max-time 2 '$U/login' >/dev/null"
stop_demo
printf 'not a certificate\n' >"$DIR/bad.pem"
sed -i "/^key = /a cert = $DIR/bad.pem" "$DIR/station.conf"
check "a certificate that is not PEM: the desk still starts" start_demo
check "... the log says what is wrong" wait_for 5 grep -q "bad.pem is not a PEM file" "$DIR/stationd.log"
stop_demo
sed -i "s|^cert = .*|cert = relative.pem|" "$DIR/station.conf"
check "a certificate path that is not absolute is a config error" sh -c "'$STATIOND' --demo '$DIR' >'$DIR/out' 2>&1; test \$? -ne 0 && grep -q 'absolute path of a readable PEM file' '$DIR/out'"
echo "1..$N"
