# The tests' private PostgreSQL (scripts/pg-private.sh). Source after lib.sh.
. "$TOP/scripts/pg-private.sh"
