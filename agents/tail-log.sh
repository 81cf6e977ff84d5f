# Tandem log stream (agents/tail-log.sh): follows keepalived's log so a VRRP
# transition reaches the control plane the moment keepalived writes it.
# Run by `sh -s` on its own SSH channel; the control plane ends it with a
# signal (and a tail whose channel is gone dies at its next write).
# It starts with the last lines already written, so a stream that restarts
# after a gap replays what it missed: the marker line says how many bytes of
# what follows are that replay (the control plane takes their state, drops
# lines it already has, and does not take them as news).
REPLAY=30
find_keepalived
if [ -n "$KA_LOG" ]; then
  size=$(stat -c %s "$KA_LOG" 2>/dev/null || echo 0)
  replay=$(head -c "$size" "$KA_LOG" 2>/dev/null | tail -n "$REPLAY" | wc -c)
  echo "@@tandem:following $((replay + 0)) $KA_LOG"
  exec tail -c +"$((size - replay + 1))" -F "$KA_LOG" 2>/dev/null
fi
if command -v journalctl >/dev/null 2>&1; then
  echo "@@tandem:following journal"
  exec journalctl -u keepalived -f -n "$REPLAY" -o short-iso --no-pager 2>/dev/null
fi
echo "@@tandem:no-log"
