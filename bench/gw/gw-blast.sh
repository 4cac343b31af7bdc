#!/usr/bin/env bash
# gw-blast.sh - the gateway benchmark of /work/shared/bench/gw-bench.sh with crossroute's own test
# bed: the K links are `crossroute mrt blast` sessions and the sink is `crossroute sink`, so the
# links and the sink no longer bound convergence (gobgpd moved ~40k routes/s there).
#
#   K links (blast, AS 65000, one table each, best path only, IPv4, NEXT_HOP = own address)
#     -> DUT gateway (AS 64512; import 1.0.0.0/8 le 32 -> local-pref 200; nothing exported to links;
#        export to sink: prepend 64512 twice, plus the summary 1.0.0.0/8)
#     -> sink (crossroute sink, AS 65010, connects actively like the gobgpd sink did).
# The DUT configurations are those of gw-bench.sh (copied below, unchanged). Per run: start the
# DUT, the sink and K blasts (--gate: sessions come up, nothing is sent); once all K+1 sessions are
# Established, SIGUSR1 releases the K blasts at once; the sink exits when it holds every prefix plus
# the summary and reports the time of the first and the last change (no polling: exact to the ms).
#
# PHASES=converge,reapply (or REAPPLY=1) adds the policy re-apply phase (issue 6) after each
# convergence, on the same sessions: the operator's change "local-pref 200 moves from
# 1.0.0.0/8 le 32 to 0.0.0.0/1 le 32, the sink export prepends 3 times instead of 2" is applied
# the way each daemon is reconfigured (crossrouted: crossroute-dut.sh reapply = rewritten JSON +
# SIGHUP; BIRD: new bird.conf + birdc configure; FRR: vtysh prefix-list/route-map edits with
# the route-map delay timer off, then clear soft in (links) / soft out (sink); GoBGP: gobgp
# policy prefix/statement edits, then softresetin (links) / softresetout (sink)). A second
# result line (phase=reapply) gives reapply_s (change -> the sink holds every prefix with
# AS path 64512 x4 at its head), first_s (-> the first such prefix), settled_s (-> every
# requested re-send written and the DUT idle: <= 2 ticks in 0.5 s), dut_cpu_s from the change
# to settled, route_refresh (ROUTE-REFRESH messages the links answered) and resent_routes,
# sink_updates, session_resets (sink sessions lost + links gone; must be 0) and the policy
# check (sink paths 64512 x4; DUT local-pref 200 on 1.0.0.0/24 and a prefix of 2-127/8, not on
# one of 128.0.0.0/1).
#
# usage: gw-blast.sh DUT[,DUT...] MRTFILE [auto] [K]
#   DUT       bird | frr | gobgp | crossroute (comma list: runs are interleaved)
#   MRTFILE   TABLE_DUMP_V2 RIB (raw, .gz or .bz2)
#   auto      accepted for gw-bench.sh's argument order (the count is always taken from the RIB)
# env: RUNS=1  TIMEOUT=600 (s per run and phase)  VERIFY=1  RESULTS=file  KEEP_WORKDIR=1
#      PHASES=converge (default) | converge,reapply;  REAPPLY=1 = PHASES=converge,reapply
#      CROSSROUTE_REAPPLY_CMD (default "exec bench/gw/crossroute-dut.sh reapply"; gets the GWB_*
#        variables and GWB_DUT_PID, run with bash -c in the DUT namespace)
#      XR_BUILDDIR (default: the build/ next to this tree) or BLAST_CMD / SINK_CMD
#      CROSSROUTE_CMD, CROSSROUTE_SHOW_CMD (as in gw-bench.sh; both also get GWB_WORKDIR)
#      XR_NO_SUMMARY=1: crossroute only, the DUT is not expected to send the summary (the sink
#        then waits for one prefix less and the summary's policy check is skipped)
# Result line keys as in gw-bench.sh; links_cpu_s and sink_cpu_s are now the blasts' and the sink's;
# route_refresh: ROUTE-REFRESH messages the links answered up to then (FRR sends them a few seconds
# after start when its route-map timer fires with the sessions up: the table is then sent twice).
set -u
[ $# -ge 2 ] || { sed -n '2,44p' "$0" >&2; exit 2; }
[ "${3:-}" = auto ] && set -- "$1" "$2" "${@:4}"
DUTS=$1 MRT=$2 K=${3:-4}
case $K in ''|*[!0-9]*) echo "K must be a number: $K" >&2; exit 2;; esac
RUNS=${RUNS:-1} TIMEOUT=${TIMEOUT:-600} VERIFY=${VERIFY:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
B=${XR_BUILDDIR:-$HERE/../../build}
BLAST_CMD=${BLAST_CMD:-"$B/tools/crossroute mrt blast"}
SINK_CMD=${SINK_CMD:-"$B/tools/crossroute sink"}
DUT_AS=64512 LINK_AS=65000 SINK_AS=65010 SUMMARY=1.0.0.0/8 LPREF=200
PHASES=${PHASES:-converge}; [ "${REAPPLY:-}" = 1 ] && PHASES=converge,reapply
RA=0; case ",$PHASES," in *,reapply,*) RA=1;; esac
RA_MATCH=0.0.0.0/1 RA_PREPEND=3              # the re-apply phase's policy
RA_PREP=$(printf "$DUT_AS %.0s" $(seq 1 $RA_PREPEND)); RA_PREP=${RA_PREP% }  # 64512 x3 (route-map)
RA_PATH="$DUT_AS $RA_PREP"                   # what the sink must see at the head: 64512 x4
HZ=$(getconf CLK_TCK)
[ -r "$MRT" ] || { echo "cannot read $MRT" >&2; exit 2; }
W=$(mktemp -d /tmp/gwblast.XXXXXX); chmod 711 "$W"
NS="gwx-${W##*.}"
PIDS=()
log() { echo "[gw-blast $(date +%T)] $*" >&2; }
now() { date +%s.%N; }
fsub() { awk -v a="$1" -v b="$2" 'BEGIN{printf "%.2f", a-b}'; }
ours() { [ "$(sed 's/^.*) //' /proc/$1/stat 2>/dev/null | cut -d' ' -f2)" = $$ ]; }
stop_pid() { local p=$1 i; ours "$p" && kill "$p" 2>/dev/null || return 0
  for i in $(seq 1 100); do ours "$p" || return 0; sleep 0.1; done; kill -9 "$p" 2>/dev/null; }
cleanup() {
  local p n
  trap - EXIT INT TERM
  { for p in "${PIDS[@]}"; do stop_pid "$p"; done
    for n in dut sink $(seq -f l%g 1 "$K"); do
      for p in $(ip netns pids "$NS-$n"); do kill -9 "$p"; done; ip netns del "$NS-$n"; done; } 2>/dev/null
  [ -n "${KEEP_WORKDIR:-}" ] && log "workdir kept: $W" || rm -rf "$W"
}
trap cleanup EXIT; trap 'exit 130' INT TERM
ticks() { local p t=0 v; for p in "$@"; do
    v=$(sed 's/^.*) //' /proc/$p/stat 2>/dev/null | awk '{print $12+$13+$14+$15}'); t=$((t + ${v:-0})); done; echo $t; }
hwm_kb() { local p t=0 v; for p in "$@"; do
    v=$(awk '/^VmHWM/{print $2}' /proc/$p/status 2>/dev/null); t=$((t + ${v:-0})); done; echo $t; }
busy() { awk '/^cpu /{print $2+$3+$4+$7+$8+$9, $5+$6}' /proc/stat; }

# ---- input: what the links will send (blast --dry-run: same loader, same exclusions) ----
BARGS="--as $LINK_AS --only-best --no-ipv6 --exclude-as $DUT_AS --exclude-as $SINK_AS --hold 90"
t=$(now)
NPFX=$($BLAST_CMD $BARGS --dry-run 127.0.0.1 "$MRT" | sed -n 's/^blast: loaded \([0-9]*\) routes.*/\1/p')
[ -n "$NPFX" ] && [ "$NPFX" -gt 0 ] || { log "cannot load $MRT"; exit 1; }
# is the summary itself in the table (then the sink holds NPFX, else NPFX + 1)?
SIN=0; "${B}/tools/crossroute" mrt dump "$MRT" 2>/dev/null | grep -q "|$SUMMARY|" && SIN=1
WANT=$((NPFX + 1 - SIN)); EXPECT=$NPFX
log "prep $(fsub "$(now)" "$t")s: $NPFX IPv4 prefixes to send per link; sink must hold $WANT"
echo "prep_s=$(fsub "$(now)" "$t") links=$K prefixes=$NPFX"

# ---- topology: as gw-bench.sh ----
ip netns add $NS-dut && ip netns add $NS-sink || exit 1
ip -n $NS-dut link set lo up; ip -n $NS-sink link set lo up
ip link add sk0 netns $NS-dut type veth peer name sk1 netns $NS-sink
ip -n $NS-dut addr add 10.255.0.1/30 dev sk0; ip -n $NS-dut link set sk0 up
ip -n $NS-sink addr add 10.255.0.2/30 dev sk1; ip -n $NS-sink link set sk1 up
for k in $(seq 1 "$K"); do
  ip netns add $NS-l$k; ip -n $NS-l$k link set lo up
  ip link add lk$k netns $NS-dut type veth peer name up$k netns $NS-l$k
  ip -n $NS-dut addr add 169.254.$k.2/30 dev lk$k; ip -n $NS-dut link set lk$k up
  ip -n $NS-l$k addr add 169.254.$k.1/30 dev up$k; ip -n $NS-l$k link set up$k up
done
{ echo "{\"dut\": {\"as\": $DUT_AS, \"router_id\": \"10.255.0.1\"},"
  echo " \"links\": ["
  for k in $(seq 1 "$K"); do
    echo "  {\"name\": \"l$k\", \"ifname\": \"lk$k\", \"local\": \"169.254.$k.2/30\", \"peer\": \"169.254.$k.1\", \"peer_as\": $LINK_AS}$([ $k -lt $K ] && echo ,)"
  done
  echo " ],"
  echo " \"sink\": {\"ifname\": \"sk0\", \"local\": \"10.255.0.1/30\", \"peer\": \"10.255.0.2\", \"peer_as\": $SINK_AS},"
  echo " \"policy\": {\"import\": {\"match\": \"$SUMMARY le 32\", \"local_pref\": $LPREF}, \"export_links\": \"none\","
  echo "            \"export_sink\": {\"prepend\": [$DUT_AS, $DUT_AS]}, \"summary\": \"$SUMMARY\"},"
  echo " \"reapply\": {\"import\": {\"match\": \"$RA_MATCH le 32\", \"local_pref\": $LPREF},"
  echo "             \"export_sink\": {\"prepend\": [$(printf "$DUT_AS, %.0s" $(seq 2 $RA_PREPEND))$DUT_AS]}}}"
} > $W/topology.json

# ---- DUT configurations: copied from gw-bench.sh ----
start_dut() {
  local k
  case $1 in
  bird)
    { echo "router id 10.255.0.1;"
      echo "protocol device {}"
      echo "protocol static aggr { ipv4; route $SUMMARY blackhole; }"
      echo "filter from_link { if net ~ [ $SUMMARY+ ] then bgp_local_pref = $LPREF; accept; }"
      echo "filter to_sink { bgp_path.prepend($DUT_AS); bgp_path.prepend($DUT_AS); accept; }"
      for k in $(seq 1 "$K"); do
        echo "protocol bgp l$k { local as $DUT_AS; neighbor 169.254.$k.1 as $LINK_AS; passive on;"
        echo "  ipv4 { import filter from_link; export none; }; }"
      done
      echo "protocol bgp sink { local as $DUT_AS; neighbor 10.255.0.2 as $SINK_AS; passive on;"
      echo "  ipv4 { import none; export filter to_sink; }; }"
    } > $W/bird.conf
    ip netns exec $NS-dut bird -f -c $W/bird.conf -s $W/bird.ctl >$W/dut.log 2>&1 & DP=$! ;;
  frr)
    mkdir -p $W/frr; chmod 711 $W; chown -R frr:frr $W/frr    # bgpd drops privileges to user frr
    { echo "frr defaults traditional"; echo "hostname dut"; echo "log stdout warnings"
      echo "ip prefix-list ONE seq 5 permit $SUMMARY le 32"
      echo "route-map FROM_LINK permit 10"; echo " match ip address prefix-list ONE"; echo " set local-preference $LPREF"
      echo "route-map FROM_LINK permit 20"
      echo "route-map TO_SINK permit 10"; echo " set as-path prepend $DUT_AS $DUT_AS"
      echo "route-map NONE deny 10"
      echo "router bgp $DUT_AS"; echo " bgp router-id 10.255.0.1"
      echo " no bgp ebgp-requires-policy"; echo " no bgp network import-check"
      for k in $(seq 1 "$K"); do echo " neighbor 169.254.$k.1 remote-as $LINK_AS"; echo " neighbor 169.254.$k.1 passive"; done
      echo " neighbor 10.255.0.2 remote-as $SINK_AS"; echo " neighbor 10.255.0.2 passive"
      echo " address-family ipv4 unicast"; echo "  aggregate-address $SUMMARY"
      for k in $(seq 1 "$K"); do echo "  neighbor 169.254.$k.1 route-map FROM_LINK in"; echo "  neighbor 169.254.$k.1 route-map NONE out"; done
      echo "  neighbor 10.255.0.2 route-map TO_SINK out"; echo " exit-address-family"
    } > $W/frr/bgpd.conf
    # -Z: no zebra (no FIB), -n: no kernel; vty socket in the workdir, no vty TCP port
    ip netns exec $NS-dut /usr/lib/frr/bgpd -Z -n -u frr -g frr -f $W/frr/bgpd.conf -i $W/frr/bgpd.pid \
      --vty_socket $W/frr -P 0 >$W/dut.log 2>&1 & DP=$! ;;
  gobgp)
    { echo '[global.config]'; echo "  as = $DUT_AS"; echo '  router-id = "10.255.0.1"'
      echo '[global.apply-policy.config]'
      echo '  import-policy-list = ["from_link"]'; echo '  default-import-policy = "accept-route"'
      echo '  export-policy-list = ["to_sink", "to_links"]'; echo '  default-export-policy = "accept-route"'
      for k in $(seq 1 "$K"); do
        echo '[[neighbors]]'; echo '  [neighbors.config]'; echo "    neighbor-address = \"169.254.$k.1\""; echo "    peer-as = $LINK_AS"
        echo '  [neighbors.transport.config]'; echo '    passive-mode = true'
      done
      echo '[[neighbors]]'; echo '  [neighbors.config]'; echo '    neighbor-address = "10.255.0.2"'; echo "    peer-as = $SINK_AS"
      echo '  [neighbors.transport.config]'; echo '    passive-mode = true'
      echo '[[defined-sets.prefix-sets]]'; echo '  prefix-set-name = "one"'
      echo '  [[defined-sets.prefix-sets.prefix-list]]'; echo "    ip-prefix = \"$SUMMARY\""; echo '    masklength-range = "8..32"'
      echo '[[defined-sets.neighbor-sets]]'; echo '  neighbor-set-name = "sink"'; echo '  neighbor-info-list = ["10.255.0.2"]'
      echo '[[defined-sets.neighbor-sets]]'; echo '  neighbor-set-name = "links"'
      echo "  neighbor-info-list = [$(seq -f '"169.254.%g.1"' 1 "$K" | paste -sd,)]"
      echo '[[policy-definitions]]'; echo '  name = "from_link"'; echo '  [[policy-definitions.statements]]'
      echo '    [policy-definitions.statements.conditions.match-prefix-set]'; echo '      prefix-set = "one"'
      echo '    [policy-definitions.statements.actions.bgp-actions]'; echo "      set-local-pref = $LPREF"
      echo '[[policy-definitions]]'; echo '  name = "to_sink"'; echo '  [[policy-definitions.statements]]'
      echo '    [policy-definitions.statements.conditions.match-neighbor-set]'; echo '      neighbor-set = "sink"'
      echo '    [policy-definitions.statements.actions.bgp-actions.set-as-path-prepend]'; echo "      as = \"$DUT_AS\""; echo '      repeat-n = 2'
      echo '[[policy-definitions]]'; echo '  name = "to_links"'; echo '  [[policy-definitions.statements]]'
      echo '    [policy-definitions.statements.conditions.match-neighbor-set]'; echo '      neighbor-set = "links"'
      echo '    [policy-definitions.statements.actions]'; echo '      route-disposition = "reject-route"'
    } > $W/dut.toml
    ip netns exec $NS-dut gobgpd -f $W/dut.toml -l warn --pprof-disable >$W/dut.log 2>&1 & DP=$!
    # the summary is a locally originated route (added once the API answers)
    for i in $(seq 1 100); do
      ip netns exec $NS-dut gobgp global rib add $SUMMARY -a ipv4 >/dev/null 2>&1 && break; sleep 0.05
    done ;;
  crossroute)
    [ -n "${CROSSROUTE_CMD:-}" ] || { log "set CROSSROUTE_CMD"; exit 2; }
    GWB_WORKDIR=$W GWB_TOPOLOGY=$W/topology.json GWB_K=$K GWB_DUT_AS=$DUT_AS GWB_LINK_AS=$LINK_AS \
    GWB_SINK_AS=$SINK_AS GWB_SUMMARY=$SUMMARY GWB_LOCAL_PREF=$LPREF \
      ip netns exec $NS-dut bash -c "$CROSSROUTE_CMD" >$W/dut.log 2>&1 & DP=$! ;;
  *) log "unknown DUT $1"; exit 2 ;;
  esac
  PIDS+=($DP)
}

# ---- policy check at the sink (its --dump) and on the DUT (as gw-bench.sh) ----
SAMPLE_IN=$("${B}/tools/crossroute" mrt dump "$MRT" 2>/dev/null |
  awk -F'|' '$6 ~ /^1\./ && $6 != "'$SUMMARY'" && $6 !~ /:/ { print $6; exit }')
SAMPLE_OUT=$("${B}/tools/crossroute" mrt dump "$MRT" 2>/dev/null | awk -F'|' '$6 !~ /^1\./ && $6 !~ /:/ && $7 !~ /(^| )(64512|65010)( |$)/ { print $6; exit }')
if [ $RA = 1 ]; then  # re-apply samples: in 0.0.0.0/1 outside 1.0.0.0/8, and in 128.0.0.0/1
  set -- $("${B}/tools/crossroute" mrt dump "$MRT" 2>/dev/null | awk -F'|' '
    $6 ~ /:/ || $7 ~ /(^| )(64512|65010)( |$)/ || seen[$6]++ { next }
    { split($6, o, "[./]"); n++; if (o[1] < 128 && o[5] >= 1) lo++ }
    o[1] >= 2 && o[1] < 128 && !i { i = $6 } o[1] >= 128 && !x { x = $6 }
    END { printf "%s %s %d %d\n", i, x, lo, n }')
  RA_IN=$1 RA_OUT=$2
  log "re-apply: $3 of $4 prefixes ($(awk -v a=$3 -v b=$4 'BEGIN{printf "%.1f", 100*a/b}') %) are in $RA_MATCH; samples $RA_IN (in), $RA_OUT (out)"
fi
# verify DUT SINKFILE HEAD "IN..." "OUT...": the summary's path at the sink is HEAD, each sample's
# starts with "HEAD 65000"; on the DUT the IN samples have local-pref 200, the OUT ones do not.
verify() {
  local d=$1 f=$2 head=$3 ok=1 lp p path
  if [ $d = crossroute ] && [ "${XR_NO_SUMMARY:-}" = 1 ]; then
    log "verify $d sink $SUMMARY: not checked (XR_NO_SUMMARY=1)"
  else
    path=$(grep "^$SUMMARY|" $f | cut -d'|' -f2)
    [ "$path" = "$head" ] || ok=0; log "verify $d sink $SUMMARY: $path"
  fi
  for p in $4 $5; do
    path=$(grep "^$p|" $f | cut -d'|' -f2)
    case "$path" in "$head $LINK_AS "*) ;; *) ok=0;; esac
    log "verify $d sink $p: $path"
    case $d in
      bird)  lp=$(birdc -s $W/bird.ctl show route for $p all 2>/dev/null | sed -n 's/.*BGP.local_pref: \([0-9]*\).*/\1/p' | head -1) ;;
      frr)   lp=$(vtysh --vty_socket $W/frr -c "show bgp ipv4 unicast $p" 2>/dev/null | sed -n 's/.*localpref \([0-9]*\).*/\1/p' | head -1) ;;
      gobgp) lp=$(ip netns exec $NS-dut gobgp global rib -a ipv4 $p 2>/dev/null | sed -n 's/.*LocalPref: \([0-9]*\).*/\1/p' | head -1) ;;
      *)     [ -n "${CROSSROUTE_SHOW_CMD:-}" ] || continue
             lp=$(GWB_WORKDIR=$W ip netns exec $NS-dut bash -c "$CROSSROUTE_SHOW_CMD" _ $p 2>/dev/null \
                  | grep -io 'local.\?pref[^0-9]*[0-9]*' | grep -o '[0-9]*$' | head -1) ;;
    esac
    case " $4 " in *" $p "*) [ "${lp:-}" = $LPREF ] || ok=0;; *) [ "${lp:-100}" != $LPREF ] || ok=0;; esac
    log "verify $d dut $p local-pref=${lp:-none (default 100)}"
  done
  [ $ok = 1 ] && echo ok || echo FAILED
}

# ---- the re-apply phase: the operator's change, per daemon ----
reapply_apply() {
  local d=$1 k xp p c
  case $d in
  bird)
    sed -e "s|\[ $SUMMARY+ \]|[ $RA_MATCH+ ]|" \
        -e "s|to_sink {|to_sink {$(printf " bgp_path.prepend($DUT_AS);%.0s" $(seq 3 $RA_PREPEND))|" \
        $W/bird.conf > $W/bird.conf.new && mv $W/bird.conf.new $W/bird.conf
    birdc -s $W/bird.ctl configure 2>&1 | grep -q 'Reconfigured' ;;
  frr)
    c=(-c 'configure terminal' -c 'bgp route-map delay-timer 0'
       -c "ip prefix-list ONE seq 5 permit $RA_MATCH le 32"
       -c 'route-map TO_SINK permit 10' -c "set as-path prepend $RA_PREP" -c 'end')
    for k in $(seq 1 "$K"); do c+=(-c "clear bgp ipv4 unicast 169.254.$k.1 soft in"); done
    c+=(-c 'clear bgp ipv4 unicast 10.255.0.2 soft out')
    vtysh --vty_socket $W/frr "${c[@]}" >$W/reapply.out 2>&1 ;;
  gobgp)
    c="ip netns exec $NS-dut gobgp"
    $c policy prefix add one $RA_MATCH ${RA_MATCH#*/}..32 && $c policy prefix del one $SUMMARY ${SUMMARY#*/}..32 &&
    $c policy statement to_sink_stmt0 del action as-prepend $DUT_AS 2 &&
    $c policy statement to_sink_stmt0 add action as-prepend $DUT_AS $RA_PREPEND || return 1
    for k in $(seq 1 "$K"); do $c neighbor 169.254.$k.1 softresetin -a ipv4 || return 1; done
    $c neighbor 10.255.0.2 softresetout -a ipv4 ;;
  crossroute)
    xp=$DP; for p in $(ip netns pids $NS-dut); do [ "$(cat /proc/$p/comm 2>/dev/null)" = crossrouted ] && xp=$p; done
    GWB_WORKDIR=$W GWB_TOPOLOGY=$W/topology.json GWB_K=$K GWB_DUT_AS=$DUT_AS GWB_LINK_AS=$LINK_AS \
    GWB_SINK_AS=$SINK_AS GWB_SUMMARY=$SUMMARY GWB_LOCAL_PREF=$LPREF GWB_DUT_PID=$xp \
      ip netns exec $NS-dut bash -c "${CROSSROUTE_REAPPLY_CMD:-exec $HERE/crossroute-dut.sh reapply}" ;;
  esac
}

# links_kv PATTERN: sum over the links' outputs of field 6 of matching lines, or the line count (n)
refreshes() { local k t=0 v; for k in $(seq 1 "$K"); do v=$(grep -c 'route-refresh' $W/l$k.out); t=$((t + v)); done; echo $t; }
resends() { local k t=0 v; for k in $(seq 1 "$K"); do v=$(grep -c 're-sent' $W/l$k.out); t=$((t + v)); done; echo $t; }
# settle T0: wait (bounded by TIMEOUT) until every requested re-send was written and the DUT is
# idle (<= 2 ticks of CPU in 0.5 s); prints the seconds from T0 to the start of that idle span
settle() {
  local t0=$1 a b ta
  while :; do
    ta=$(now); a=$(ticks $(ip netns pids $NS-dut)); sleep 0.5; b=$(ticks $(ip netns pids $NS-dut))
    [ $((b - a)) -le 2 ] && [ "$(refreshes)" -le "$(resends)" ] && break
    awk -v e="$(fsub "$(now)" "$t0")" -v m="$TIMEOUT" 'BEGIN{exit !(e>m)}' && break
  done
  fsub "$ta" "$t0"
}
resent() { cat $W/l*.out | sed -n 's/^blast: session [0-9]* re-sent \([0-9]*\) routes.*/\1/p' | awk '{t+=$1} END{print t+0}'; }

# reapply_phase DUT RUN: after convergence, sink still up (waiting for RA_PATH on every prefix)
reapply_phase() {
  local d=$1 r=$2 st=ok t0 ta t1 sl c0 c1 i0 i1 s0 s1 B0 B1 pl rs fs rr0 rr1 rn0 dead=0 p pol=- down
  rr0=$(refreshes); rn0=$(resent)
  c0=$(ticks $(ip netns pids $NS-dut)); i0=$(ticks "${BPS[@]}"); s0=$(ticks $SP); B0=($(busy))
  kill -USR2 $SP; t0=$(now)
  reapply_apply $d || { st=apply_failed; log "re-apply on $d failed"; }
  ta=$(fsub "$(now)" "$t0")
  while kill -0 $SP 2>/dev/null; do
    kill -0 $DP 2>/dev/null || { st=dut_exited; break; }
    sleep 0.05
  done
  wait $SP || { [ $st = ok ] && st=timeout; }
  t1=$(now); sl=-; [ $st = ok ] && sl=$(settle $t0)
  c1=$(ticks $(ip netns pids $NS-dut)); i1=$(ticks "${BPS[@]}"); B1=($(busy))
  rr1=$(refreshes)
  for p in "${BPS[@]}"; do kill -0 $p 2>/dev/null || dead=$((dead + 1)); done
  pl=$(grep '^sink-path:' $W/sink.out | head -1)
  pkv() { echo "$pl" | tr ' ' '\n' | awk -v k="$1" 'p { print; exit } $0 == k { p = 1 }'; }
  s1=$(awk -v c="$(pkv cpu_s)" -v hz=$HZ 'BEGIN{printf "%d", c * hz}')   # the sink has exited
  rs=-; fs=-; [ $st = ok ] && { rs=$(fsub "$(pkv last_epoch)" "$t0"); fs=$(fsub "$(pkv first_epoch)" "$t0"); }
  down=$(pkv sessions_down); down=$((${down:-0} + dead))
  [ $down = 0 ] || [ $st != ok ] || st=session_reset
  sed '1,/^sink-path:/d' $W/sink.out > $W/sink2.out
  [ "$VERIFY" = 1 ] && [ $st = ok ] && pol=$(verify $d $W/sink2.out "$RA_PATH" "$SAMPLE_IN $RA_IN" "$RA_OUT")
  line=$(awk -v d=$d -v r=$r -v k=$K -v m=$(pkv matched) -v w=$want -v rs=$rs -v fs=$fs -v ta=$ta -v sl=$sl \
    -v cpu=$((c1 - c0)) -v hz=$HZ -v i=$((i1 - i0)) -v s=$((s1 - s0)) -v rr=$((rr1 - rr0)) -v rsn=$(($(resent) - rn0)) \
    -v up=$(pkv updates) -v dn=$down -v bb=$((B1[0] - B0[0])) -v bi=$((B1[1] - B0[1])) -v st=$st -v pol=$pol 'BEGIN{
    printf "dut=%s run=%d phase=reapply links=%d sink_new=%s/%d reapply_s=%s first_s=%s settled_s=%s apply_cmd_s=%s dut_cpu_s=%.2f route_refresh=%d resent_routes=%d sink_updates=%s session_resets=%d links_cpu_s=%.2f sink_cpu_s=%.2f host_busy_pct=%.0f policy=%s status=%s testbed=blast\n",
    d, r, k, m, w, rs, fs, sl, ta, cpu/hz, rr, rsn, up, dn, i/hz, s/hz, 100*bb/(bb+bi+1e-9), pol, st }')
  echo "$line"; [ -n "${RESULTS:-}" ] && echo "$line" >> "$RESULTS"
  [ $st != ok ] && tail -n 5 $W/dut.log $W/sink.err $W/l1.out >&2
  return 0
}

# ---- runs ----
for r in $(seq 1 "$RUNS"); do
  for d in ${DUTS//,/ }; do
    want=$WANT; [ $d = crossroute ] && [ "${XR_NO_SUMMARY:-}" = 1 ] && want=$EXPECT
    ts=$(now); start_dut $d; status=ok; est=- first=- conv=-
    SARGS=(--timeout $TIMEOUT)          # re-apply: the sink goes on until every prefix has RA_PATH
    [ $RA = 1 ] && SARGS=(--timeout $((2 * TIMEOUT)) --expect-path-prefix "$RA_PATH")
    ip netns exec $NS-sink $SINK_CMD --connect 10.255.0.1 --as $SINK_AS --router-id 10.255.0.2 \
      --peer-as $DUT_AS --expect $want "${SARGS[@]}" --dump >$W/sink.out 2>$W/sink.err &
    SP=$!; PIDS+=($SP)
    BPS=()
    for k in $(seq 1 "$K"); do
      ip netns exec $NS-l$k $BLAST_CMD $BARGS --router-id 10.0.$k.1 --gate --stay --eor 169.254.$k.2 \
        "$MRT" >$W/l$k.out 2>&1 &
      BPS+=($!); PIDS+=($!)
    done
    while :; do                        # all K+1 sessions Established (blasts retry for 30 s)
      n=0; for k in $(seq 1 "$K"); do grep -q '^blast: up' $W/l$k.out && n=$((n + 1)); done
      grep -q 'session .* up' $W/sink.err && n=$((n + 1))
      [ $n = $((K + 1)) ] && { est=$(fsub "$(now)" "$ts"); break; }
      kill -0 $DP 2>/dev/null || { status=dut_exited; break; }
      awk -v e="$(fsub "$(now)" "$ts")" 'BEGIN{exit !(e>90)}' && { status=no_peering; break; }
      sleep 0.1
    done
    cpu0=$(ticks $(ip netns pids $NS-dut)); i0=$(ticks "${BPS[@]}"); s0=$(ticks $SP); B0=($(busy))
    t0=$(now)
    if [ $status = ok ]; then
      kill -USR2 $SP                     # sink: first/last change count from here
      for p in "${BPS[@]}"; do kill -USR1 $p; done
      while kill -0 $SP 2>/dev/null; do  # the sink exits at WANT prefixes (or its timeout)
        kill -0 $DP 2>/dev/null || { status=dut_exited; break; }
        [ $RA = 1 ] && grep -q '^sink: dump end' $W/sink.out && break   # re-apply: it stays
        sleep 0.05
      done
      kill -0 $SP 2>/dev/null || wait $SP || status=timeout
    fi
    t1=$(now)
    DPIDS=$(ip netns pids $NS-dut); cput=$(ticks $DPIDS); rss=$(hwm_kb $DPIDS); B1=($(busy))
    i1=$(ticks "${BPS[@]}")
    line1=$(head -1 $W/sink.out)
    kv() { echo "$line1" | tr ' ' '\n' | awk -v k="$1" 'p { print; exit } $0 == k { p = 1 }'; }
    if [ $status = ok ]; then
      conv=$(fsub "$(kv last_epoch)" "$t0"); first=$(fsub "$(kv first_epoch)" "$t0")
    fi
    n=$(kv prefixes); scpu=$(kv cpu_s); rrc=$(refreshes)
    pol=-; [ "$VERIFY" = 1 ] && [ $status = ok ] &&
      pol=$(verify $d $W/sink.out "$DUT_AS $DUT_AS $DUT_AS" "$SAMPLE_IN" "$SAMPLE_OUT")
    line=$(awk -v d=$d -v r=$r -v k=$K -v p=$EXPECT -v n=${n:-0} -v w=$want -v c=$conv -v f=$first -v e=$est \
      -v cpu=$((cput - cpu0)) -v cput=$cput -v rss=${rss:-0} -v hz=$HZ -v i=$((i1 - i0)) -v s=${scpu:-0} \
      -v bb=$((B1[0] - B0[0])) -v bi=$((B1[1] - B0[1])) -v st=$status -v pol=$pol -v rr=$rrc 'BEGIN{
      printf "dut=%s run=%d links=%d prefixes=%d sink_has=%d/%d converge_s=%s first_s=%s dut_cpu_s=%.2f dut_peak_rss_kb=%d bytes_per_path=%.0f links_cpu_s=%.2f sink_cpu_s=%.2f host_busy_s=%.2f host_busy_pct=%.0f dut_cpu_total_s=%.2f peers_up_s=%s route_refresh=%d policy=%s status=%s testbed=blast\n",
      d, r, k, p, n, w, c, f, cpu/hz, rss, rss*1024/(k*p), i/hz, s, bb/hz, 100*bb/(bb+bi+1e-9), cput/hz, e, rr, pol, st }')
    echo "$line"; [ -n "${RESULTS:-}" ] && echo "$line" >> "$RESULTS"
    [ $status != ok ] && tail -n 5 $W/dut.log $W/sink.err $W/l1.out >&2
    [ $RA = 1 ] && [ $status = ok ] && reapply_phase $d $r
    for p in "${BPS[@]}"; do stop_pid $p; done
    stop_pid $SP; stop_pid $DP; for p in $(ip netns pids $NS-dut); do kill -9 $p 2>/dev/null; done
    sleep 1
  done
done
