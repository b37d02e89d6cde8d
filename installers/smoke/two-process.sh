#!/usr/bin/env bash
# Smoke check of the two production jars: the headless control plane and a separate agentd, over a real
# WebSocket, watching a private tmux server. Run after `mvn -DskipTests package`; prints the sessions the
# control plane stored. Usage: installers/smoke/two-process.sh [repo root]
set -euo pipefail
ROOT=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
W=$(mktemp -d /tmp/ac-smoke.XXXX)
export JWT_SECRET=$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')
export PORT=${PORT:-18765} HOST=127.0.0.1 XDG_DATA_HOME=$W/data
java -jar $ROOT/embedded-server/target/agent-commander-server.jar > $W/server.log 2>&1 &
SPID=$!
ADMIN=$(java -jar $ROOT/embedded-server/target/agent-commander-server.jar mint-token --role admin --email smoke@example.com)
for i in $(seq 1 60); do curl -sf http://127.0.0.1:$PORT/health >/dev/null && break; sleep 0.5; done
curl -s http://127.0.0.1:$PORT/health; echo
HOSTJSON=$(curl -s -X POST -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' -d '{"name":"smoke-host"}' http://127.0.0.1:$PORT/v1/hosts)
echo "host: $HOSTJSON"
HID=$(echo "$HOSTJSON" | python3 -c 'import json,sys;print(json.load(sys.stdin)["host_id"])')
TOK=$(curl -s -X POST -H "Authorization: Bearer $ADMIN" http://127.0.0.1:$PORT/v1/hosts/$HID/tokens | python3 -c 'import json,sys;print(json.load(sys.stdin)["token"])')
echo "$TOK" > $W/host.token
SOCK=smoke-$$
tmux -L $SOCK -f /dev/null new-session -d -s smoke -c /tmp "bash --noprofile --norc"
tmux -L $SOCK new-window -t smoke -n sleeper "sleep 600"
SOCKPATH=${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$SOCK
cat > $W/config.yaml <<EOT
control_plane:
  urls: ["ws://127.0.0.1:$PORT/v1/agent/ws"]
  token_file: $W/host.token
tmux:
  socket: $SOCKPATH
  poll_interval_ms: 500
storage:
  state_dir: $W/state
EOT
java -jar $ROOT/agentd/target/agentd.jar run --config $W/config.yaml > $W/agentd.log 2>&1 &
APID=$!
for i in $(seq 1 60); do
  N=$(curl -s -H "Authorization: Bearer $ADMIN" http://127.0.0.1:$PORT/v1/sessions | python3 -c 'import json,sys;print(len(json.load(sys.stdin)["items"]))')
  [ "$N" -ge 2 ] && break; sleep 0.5; done
curl -s -H "Authorization: Bearer $ADMIN" http://127.0.0.1:$PORT/v1/sessions | python3 -m json.tool | head -60
curl -s -H "Authorization: Bearer $ADMIN" http://127.0.0.1:$PORT/v1/hosts; echo
kill $APID $SPID; wait $APID $SPID 2>/dev/null || true
tmux -L $SOCK kill-server; rm -f $SOCKPATH
echo "logs in $W"
