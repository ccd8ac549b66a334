# A small routed lab for the recording scripts: a bridge in its own namespace, hosts in theirs, a
# router between the "site" (10.83.0.0/24) and the "Internet" (203.0.113.0/24, documentation range).
# Nothing leaves the namespaces. Needs root.
#
#   source lab.sh; lab_up; lab_host NAME ADDR/24 GATEWAY; ...; lab_down

LAB_SW=tt-lab-sw
LAB_HOSTS=""

lab_up() {
    ip netns add "$LAB_SW"
    ip -n "$LAB_SW" link add br0 type bridge
    ip -n "$LAB_SW" link set br0 up
    ip -n "$LAB_SW" link set lo up
    lab_host tt-lab-router 10.83.0.1/24 ""
    ip -n tt-lab-router addr add 203.0.113.1/24 dev eth0
    ip netns exec tt-lab-router sysctl -qw net.ipv4.ip_forward=1
    # both subnets share one segment: no ICMP redirects telling hosts to go direct
    ip netns exec tt-lab-router sysctl -qw net.ipv4.conf.all.send_redirects=0
    ip netns exec tt-lab-router sysctl -qw net.ipv4.conf.eth0.send_redirects=0
}

# A host: namespace NAME with eth0 on the bridge, its address, a default route via GATEWAY (if any).
lab_host() {
    local name=$1 addr=$2 gw=$3 peer="p-${1: -8}"
    ip netns add "$name"
    LAB_HOSTS="$LAB_HOSTS $name"
    ip link add "$peer" type veth peer name eth0 netns "$name"
    ip link set "$peer" netns "$LAB_SW"
    ip -n "$LAB_SW" link set "$peer" master br0 up
    ip -n "$name" addr add "$addr" dev eth0
    ip -n "$name" link set eth0 up
    ip -n "$name" link set lo up
    [[ -n "$gw" ]] && ip -n "$name" route add default via "$gw"
    return 0
}

lab_down() {
    local ns
    for ns in $LAB_HOSTS $(ip netns list 2>/dev/null | grep -o "^$LAB_SW"); do
        ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null
        ip netns del "$ns" 2>/dev/null
    done
}

# tcpdump on a host's eth0 into OUT until lab_capture_stop.
lab_capture() {
    local ns=$1 out=$2
    shift 2
    ip netns exec "$ns" tcpdump -q -i eth0 -s 0 -U -w "$out" "$@" 2>/dev/null &
    LAB_CAPTURE_PID=$!
    sleep 1
}

lab_capture_stop() {
    sleep 1
    if [[ -n "${LAB_CAPTURE_PID:-}" ]]; then
        kill "$LAB_CAPTURE_PID" 2>/dev/null
        wait "$LAB_CAPTURE_PID" 2>/dev/null || true
        LAB_CAPTURE_PID=
    fi
}

# Waits (up to 10 s) until something listens on PROTO (tcp|udp) PORT in NS.
lab_wait_port() {
    local ns=$1 proto=$2 port=$3 flag=-ltn
    [[ "$proto" == udp ]] && flag=-lun
    for _ in $(seq 50); do
        ip netns exec "$ns" ss $flag | grep -q ":$port " && return 0
        sleep 0.2
    done
    echo "nothing listens on $proto/$port in $ns" >&2
    return 1
}
