#!/bin/sh
# The Kannel image's entrypoint (kannel.Containerfile): writes
# /tmp/kannel.conf from the environment, then runs the box named by the
# first argument in the foreground, logging to stderr:
#   kannel-entrypoint bearerbox | smsbox | fakesmsc
# Environment (deploy/compose.yaml sets it):
#   SALON_CALLBACK_URL     required: the base salond is reached at, e.g. http://haproxy:8080
#   SALON_CALLBACK_TOKEN   required: salond's --callback-token
#   KANNEL_SENDSMS_PASSWORD required: the password in salond's kannel:// provider
#   KANNEL_SENDSMS_USER    default salon
#   KANNEL_BEARERBOX_HOST  default bearerbox (smsbox connects to it)
#   KANNEL_SMSC_CONF       default /etc/kannel/smsc.conf if mounted, else a fake
#                          SMS centre that the `fakesmsc` service answers (trying it)
#   KANNEL_FAKESMSC_HOST   default bearerbox (fakesmsc connects to it)
#   KANNEL_SPOOL           default /var/spool/kannel (bearerbox's store)
#   KANNEL_CONF            default /tmp/kannel.conf (written here)
set -eu
box=${1:-bearerbox}
conf=${KANNEL_CONF:-/tmp/kannel.conf}
: "${SALON_CALLBACK_URL:?}" "${SALON_CALLBACK_TOKEN:?}" "${KANNEL_SENDSMS_PASSWORD:?}"
smsc=${KANNEL_SMSC_CONF:-/etc/kannel/smsc.conf}

cat >"$conf" <<CONF
group = core
admin-port = 13000
admin-password = ${KANNEL_ADMIN_PASSWORD:-$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')}
admin-allow-ip = "127.0.0.1"
smsbox-port = 13001
# The boxes are on the compose project's private network.
box-allow-ip = "*.*.*.*"
dlr-storage = internal
store-type = spool
store-location = "${KANNEL_SPOOL:-/var/spool/kannel}"
log-level = 1
CONF
if [ -f "$smsc" ]; then
  echo "include = \"$smsc\"" >>"$conf"
else
  cat >>"$conf" <<CONF

# No SMS centre configured: a fake one, answered by the fakesmsc service.
group = smsc
smsc = fake
smsc-id = out
port = 10000
connect-allow-ip = "*.*.*.*"
CONF
fi
cat >>"$conf" <<CONF

group = smsbox
bearerbox-host = ${KANNEL_BEARERBOX_HOST:-bearerbox}
bearerbox-port = 13001
sendsms-port = 13013
log-level = 1
# Callbacks to salond are retried while it is away (a restart, a roll).
http-request-retry = 30
http-queue-delay = 1

group = sendsms-user
username = ${KANNEL_SENDSMS_USER:-salon}
password = ${KANNEL_SENDSMS_PASSWORD}
max-messages = 10
concatenation = true

group = sms-service
keyword = default
catch-all = true
max-messages = 0
get-url = "${SALON_CALLBACK_URL}/v1/callbacks/kannel/inbound?token=${SALON_CALLBACK_TOKEN}&from=%p&to=%P&text=%a"
CONF

case "$box" in
  bearerbox|smsbox) exec "/usr/sbin/$box" -v 1 "$conf" ;;
  fakesmsc) exec /usr/lib/kannel/test/fakesmsc -H "${KANNEL_FAKESMSC_HOST:-bearerbox}" -r 10000 -m 0 \
              "100 200 text unused" ;;
  *) echo "kannel-entrypoint: bearerbox, smsbox or fakesmsc, not $box" >&2; exit 2 ;;
esac
