#!/usr/bin/env bash
# Records real DICOM associations with DCMTK between two network namespaces this script creates
# (10.77.0.1 = scanner side, 10.77.0.2 = image server side), and writes dicom-associations.pcap.
# Needs root and the Debian packages dcmtk and tcpdump. Sends nothing outside the namespaces.
#
#   testdata/recordings/dicom/record.sh OUT.pcap
set -euo pipefail
out=$(realpath -m "${1:?usage: record.sh OUT.pcap}")
work=$(mktemp -d)
scanner=tt-dicom-scanner
server=tt-dicom-server
cleanup() {
    set +e
    netns_capture_stop
    for pid in ${scp_pids:-}; do kill "$pid" 2>/dev/null; done
    netns_cleanup
    rm -rf "$work"
}
source "$(dirname "$0")/../netns.sh"
trap cleanup EXIT
netns_pair "$scanner" "$server" tt-dicom-a tt-dicom-b 10.77.0.1/24 10.77.0.2/24
# Full-size segments as on a real LAN, so P-DATA spans many segments.
ip netns exec "$scanner" ethtool -K tt-dicom-a tso off gso off gro off >/dev/null 2>&1 || true
ip netns exec "$server" ethtool -K tt-dicom-b tso off gso off gro off >/dev/null 2>&1 || true

# A small DICOS CT object: SOP class 1.2.840.10008.5.1.4.1.1.501.1, a bag id, an owner name.
cat > "$work/dicos-ct.dump" <<'DUMP'
(0002,0001) OB 00\01
(0002,0002) UI [1.2.840.10008.5.1.4.1.1.501.1]
(0002,0003) UI [1.2.826.0.1.3680043.9.7777.1.1]
(0002,0010) UI [1.2.840.10008.1.2.1]
(0008,0016) UI [1.2.840.10008.5.1.4.1.1.501.1]
(0008,0018) UI [1.2.826.0.1.3680043.9.7777.1.1]
(0008,0060) CS [CT]
(0008,0070) LO [Example Screening Systems]
(0010,0010) PN [DOE^JANE]
(0010,0020) LO [BAG-0042]
(0028,0010) US 64
(0028,0011) US 64
(0028,0100) US 16
DUMP
dump2dcm --write-file "$work/dicos-ct.dump" "$work/dicos-ct.dcs"
# Pixel data: 64 x 64 x 16 bit, appended by dcmodify from a raw file.
head -c 8192 /dev/zero | tr '\0' '\101' > "$work/pixels.raw"
dcmodify -q -nb -if "(7fe0,0010)=$work/pixels.raw" "$work/dicos-ct.dcs"

mkdir -p "$work/store"
ip netns exec "$server" storescp -q --promiscuous --ignore --aetitle CIP_SRV 11112 &
scp_pids="$!"
ip netns exec "$server" storescp -q --promiscuous --ignore --aetitle CIP_SRV 443 &
scp_pids="$scp_pids $!"
ip netns exec "$server" storescp -q --refuse --aetitle ARCHIVE 4242 &
scp_pids="$scp_pids $!"
sleep 1

netns_capture "$scanner" tt-dicom-a "$out" tcp

# 1. Verification (C-ECHO) on the registered port.
ip netns exec "$scanner" echoscu -aet XR_LANE1 -aec CIP_SRV 10.77.0.2 11112
# 2. A DICOS CT store with user identity: user name and passcode in cleartext.
ip netns exec "$scanner" storescu --required -aet XR_LANE1 -aec CIP_SRV --user operator7 --password 'S3cret!pass' \
    10.77.0.2 11112 "$work/dicos-ct.dcs"
# 3. The same store on port 443, where a port-based tool would expect TLS.
ip netns exec "$scanner" storescu --required -aet XR_LANE2 -aec CIP_SRV 10.77.0.2 443 "$work/dicos-ct.dcs"
# 4. A rejected association (A-ASSOCIATE-RJ) on Orthanc's usual port.
ip netns exec "$scanner" echoscu -aet XR_LANE1 -aec ARCHIVE 10.77.0.2 4242 || true
netns_capture_stop
echo "wrote $out"
