#!/usr/bin/env bash
# Records a screening workstation copying images to a Windows-style share: Samba's smbd in one
# namespace (10.79.0.2), smbclient in another (10.79.0.1) logging in as user "xray" of domain
# "AIRPORT" with NTLMv2 over SMB 3.1.1, listing the share and uploading then downloading a file.
# Needs root and the Debian packages samba, smbclient and tcpdump.
#
#   testdata/recordings/smb/record.sh OUT.pcap
set -euo pipefail
out=$(realpath -m "${1:?usage: record.sh OUT.pcap}")
work=$(mktemp -d)
client=tt-smb-client
server=tt-smb-server
cleanup() {
    set +e
    netns_capture_stop
    [[ -n "${smbd_pid:-}" ]] && kill "$smbd_pid" 2>/dev/null
    netns_cleanup
    rm -rf "$work"
}
source "$(dirname "$0")/../netns.sh"
trap cleanup EXIT
netns_pair "$client" "$server" tt-smb-a tt-smb-b 10.79.0.1/24 10.79.0.2/24

mkdir -p "$work/share" "$work/state" "$work/cache" "$work/private" "$work/lock" "$work/run"
chmod 777 "$work/share"
cat > "$work/smb.conf" <<CONF
[global]
    workgroup = AIRPORT
    netbios name = IMAGESTORE
    security = user
    passdb backend = tdbsam:$work/private/passdb.tdb
    state directory = $work/state
    cache directory = $work/cache
    private dir = $work/private
    lock directory = $work/lock
    pid directory = $work/run
    ncalrpc dir = $work/run/ncalrpc
    interfaces = 10.79.0.2/24
    bind interfaces only = yes
    smb ports = 445
    server min protocol = SMB2_10
    disable netbios = yes
    load printers = no
    log file = $work/smbd.log
[images]
    path = $work/share
    read only = no
    force user = root
CONF
id xray >/dev/null 2>&1 || useradd -M -s /usr/sbin/nologin xray
printf 'Scan3r!pw\nScan3r!pw\n' | smbpasswd -c "$work/smb.conf" -s -a xray >/dev/null
head -c 20000 /dev/urandom > "$work/BAG-0042.dcs"

# smbd signals its whole process group when it stops: give it a session of its own.
setsid ip netns exec "$server" smbd --foreground --no-process-group -s "$work/smb.conf" &
smbd_pid=$!
netns_wait_port "$server" 445
netns_capture "$client" tt-smb-a "$out" tcp port 445
cd "$work"
ip netns exec "$client" smbclient //10.79.0.2/images -U 'AIRPORT\xray%Scan3r!pw' -m SMB3 \
    -c 'ls; put BAG-0042.dcs lane1/BAG-0042.dcs; mkdir lane1; put BAG-0042.dcs lane1/BAG-0042.dcs; get lane1/BAG-0042.dcs copy.dcs; ls lane1\*' \
    > "$work/client.log" 2>&1 || { cat "$work/client.log"; exit 1; }
netns_capture_stop
echo "wrote $out"
