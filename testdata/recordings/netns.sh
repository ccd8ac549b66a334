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
