# Shared by the recording scripts: two network namespaces joined by a veth pair, torn down on exit.
# Nothing they send can leave the machine.
#
#   source netns.sh; netns_pair NS_A NS_B IF_A IF_B ADDR_A/24 ADDR_B/24

netns_pair() {
    local a=$1 b=$2 if_a=$3 if_b=$4 addr_a=$5 addr_b=$6
    NETNS_CREATED="$a $b"
    ip netns add "$a"
    ip netns add "$b"
    ip link add "$if_a" type veth peer name "$if_b"
    ip link set "$if_a" netns "$a"
    ip link set "$if_b" netns "$b"
    ip -n "$a" addr add "$addr_a" dev "$if_a"
    ip -n "$b" addr add "$addr_b" dev "$if_b"
    ip -n "$a" link set lo up
    ip -n "$b" link set lo up
    ip -n "$a" link set "$if_a" up
    ip -n "$b" link set "$if_b" up
}

netns_cleanup() {
    local ns
    for ns in ${NETNS_CREATED:-}; do
        ip netns del "$ns" 2>/dev/null
    done
}

# tcpdump in a namespace, writing OUT, until netns_capture_stop (or netns_cleanup).
#   netns_capture NS IF OUT FILTER...
netns_capture() {
    local ns=$1 if=$2 out=$3
    shift 3
    ip netns exec "$ns" tcpdump -q -i "$if" -s 0 -U -w "$out" "$@" 2>/dev/null &
    NETNS_CAPTURE_PID=$!
    sleep 1
}

# Stops the capture after the last packets have had a second to arrive.
netns_capture_stop() {
    sleep 1
    if [[ -n "${NETNS_CAPTURE_PID:-}" ]]; then
        kill "$NETNS_CAPTURE_PID" 2>/dev/null
        wait "$NETNS_CAPTURE_PID" 2>/dev/null || true
        NETNS_CAPTURE_PID=
    fi
}

# Waits (up to 10 s) until something listens on TCP PORT in NS.
netns_wait_port() {
    local ns=$1 port=$2
    for _ in $(seq 50); do
        ip netns exec "$ns" ss -ltn | grep -q ":$port " && return 0
        sleep 0.2
    done
    return 1
}
