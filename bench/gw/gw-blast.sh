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
# usage: gw-blast.sh DUT[,DUT...] MRTFILE [auto] [K]
#   DUT       bird | frr | gobgp | crossroute (comma list: runs are interleaved)
#   MRTFILE   TABLE_DUMP_V2 RIB (raw, .gz or .bz2)
#   auto      accepted for gw-bench.sh's argument order (the count is always taken from the RIB)
# env: RUNS=1  TIMEOUT=600 (s per run)  VERIFY=1  RESULTS=file  KEEP_WORKDIR=1
#      XR_BUILDDIR (default: the build/ next to this tree) or BLAST_CMD / SINK_CMD
#      CROSSROUTE_CMD, CROSSROUTE_SHOW_CMD (as in gw-bench.sh; both also get GWB_WORKDIR)
#      XR_NO_SUMMARY=1: crossroute only, the DUT is not expected to send the summary (the sink
#        then waits for one prefix less and the summary's policy check is skipped)
# Result line keys as in gw-bench.sh; links_cpu_s and sink_cpu_s are now the blasts' and the sink's.
set -u
[ $# -ge 2 ] || { sed -n '2,24p' "$0" >&2; exit 2; }
[ "${3:-}" = auto ] && set -- "$1" "$2" "${@:4}"
DUTS=$1 MRT=$2 K=${3:-4}
case $K in ''|*[!0-9]*) echo "K must be a number: $K" >&2; exit 2;; esac
RUNS=${RUNS:-1} TIMEOUT=${TIMEOUT:-600} VERIFY=${VERIFY:-1}
HERE=$(cd "$(dirname "$0")" && pwd)
B=${XR_BUILDDIR:-$HERE/../../build}
BLAST_CMD=${BLAST_CMD:-"$B/tools/crossroute mrt blast"}
SINK_CMD=${SINK_CMD:-"$B/tools/crossroute sink"}
DUT_AS=64512 LINK_AS=65000 SINK_AS=65010 SUMMARY=1.0.0.0/8 LPREF=200
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
  echo "            \"export_sink\": {\"prepend\": [$DUT_AS, $DUT_AS]}, \"summary\": \"$SUMMARY\"}}"
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
verify() {
  local d=$1 ok=1 lp p path
  if [ $d = crossroute ] && [ "${XR_NO_SUMMARY:-}" = 1 ]; then
    log "verify $d sink $SUMMARY: not checked (XR_NO_SUMMARY=1)"
  else
    path=$(grep "^$SUMMARY|" $W/sink.out | cut -d'|' -f2)
    [ "$path" = "$DUT_AS $DUT_AS $DUT_AS" ] || ok=0; log "verify $d sink $SUMMARY: $path"
  fi
  for p in $SAMPLE_IN $SAMPLE_OUT; do
    path=$(grep "^$p|" $W/sink.out | cut -d'|' -f2)
    case "$path" in "$DUT_AS $DUT_AS $DUT_AS $LINK_AS "*) ;; *) ok=0;; esac
    log "verify $d sink $p: $path"
    case $d in
      bird)  lp=$(birdc -s $W/bird.ctl show route for $p all 2>/dev/null | sed -n 's/.*BGP.local_pref: \([0-9]*\).*/\1/p' | head -1) ;;
      frr)   lp=$(vtysh --vty_socket $W/frr -c "show bgp ipv4 unicast $p" 2>/dev/null | sed -n 's/.*localpref \([0-9]*\).*/\1/p' | head -1) ;;
      gobgp) lp=$(ip netns exec $NS-dut gobgp global rib -a ipv4 $p 2>/dev/null | sed -n 's/.*LocalPref: \([0-9]*\).*/\1/p' | head -1) ;;
      *)     [ -n "${CROSSROUTE_SHOW_CMD:-}" ] || continue
             lp=$(GWB_WORKDIR=$W ip netns exec $NS-dut bash -c "$CROSSROUTE_SHOW_CMD" _ $p 2>/dev/null \
                  | grep -io 'local.\?pref[^0-9]*[0-9]*' | grep -o '[0-9]*$' | head -1) ;;
    esac
    if [ $p = "$SAMPLE_IN" ]; then [ "${lp:-}" = $LPREF ] || ok=0; else [ "${lp:-100}" != $LPREF ] || ok=0; fi
    log "verify $d dut $p local-pref=${lp:-none (default 100)}"
  done
  [ $ok = 1 ] && echo ok || echo FAILED
}

# ---- runs ----
for r in $(seq 1 "$RUNS"); do
  for d in ${DUTS//,/ }; do
    want=$WANT; [ $d = crossroute ] && [ "${XR_NO_SUMMARY:-}" = 1 ] && want=$EXPECT
    ts=$(now); start_dut $d; status=ok; est=- first=- conv=-
    ip netns exec $NS-sink $SINK_CMD --connect 10.255.0.1 --as $SINK_AS --router-id 10.255.0.2 \
      --peer-as $DUT_AS --expect $want --timeout $TIMEOUT --dump >$W/sink.out 2>$W/sink.err &
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
        sleep 0.05
      done
      wait $SP || status=timeout
    fi
    t1=$(now)
    DPIDS=$(ip netns pids $NS-dut); cput=$(ticks $DPIDS); rss=$(hwm_kb $DPIDS); B1=($(busy))
    i1=$(ticks "${BPS[@]}")
    line1=$(head -1 $W/sink.out)
    kv() { echo "$line1" | tr ' ' '\n' | awk -v k="$1" 'p { print; exit } $0 == k { p = 1 }'; }
    if [ $status = ok ]; then
      conv=$(fsub "$(kv last_epoch)" "$t0"); first=$(fsub "$(kv first_epoch)" "$t0")
    fi
    n=$(kv prefixes); scpu=$(kv cpu_s)
    pol=-; [ "$VERIFY" = 1 ] && [ $status = ok ] && pol=$(verify $d)
    line=$(awk -v d=$d -v r=$r -v k=$K -v p=$EXPECT -v n=${n:-0} -v w=$want -v c=$conv -v f=$first -v e=$est \
      -v cpu=$((cput - cpu0)) -v cput=$cput -v rss=${rss:-0} -v hz=$HZ -v i=$((i1 - i0)) -v s=${scpu:-0} \
      -v bb=$((B1[0] - B0[0])) -v bi=$((B1[1] - B0[1])) -v st=$status -v pol=$pol 'BEGIN{
      printf "dut=%s run=%d links=%d prefixes=%d sink_has=%d/%d converge_s=%s first_s=%s dut_cpu_s=%.2f dut_peak_rss_kb=%d bytes_per_path=%.0f links_cpu_s=%.2f sink_cpu_s=%.2f host_busy_s=%.2f host_busy_pct=%.0f dut_cpu_total_s=%.2f peers_up_s=%s policy=%s status=%s testbed=blast\n",
      d, r, k, p, n, w, c, f, cpu/hz, rss, rss*1024/(k*p), i/hz, s, bb/hz, 100*bb/(bb+bi+1e-9), cput/hz, e, pol, st }')
    echo "$line"; [ -n "${RESULTS:-}" ] && echo "$line" >> "$RESULTS"
    [ $status != ok ] && tail -n 5 $W/dut.log $W/sink.err $W/l1.out >&2
    for p in "${BPS[@]}"; do stop_pid $p; done
    stop_pid $SP; stop_pid $DP; for p in $(ip netns pids $NS-dut); do kill -9 $p 2>/dev/null; done
    sleep 1
  done
done
