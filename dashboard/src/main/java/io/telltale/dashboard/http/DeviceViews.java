package io.telltale.dashboard.http;

import io.telltale.analysis.index.LuceneFlowSearch;
import io.telltale.analysis.index.SearchPage;
import io.telltale.analysis.index.SearchRequest;
import io.telltale.analysis.index.query.QueryException;
import io.telltale.analysis.policy.Policy;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The devices as the index knows them: the inventory (every source the policy placed in a group, with
 * its flow and alert counts), and one device's groups, peers (declared or not by the policy in force),
 * first and last flow and its flows over time.
 */
final class DeviceViews {

    /** The device's newest flows read for its peers: enough for months of a screening device's few peers. */
    static final int PEER_FLOWS = 10_000;
    static final int TRAFFIC_BUCKETS = 48;

    private final LuceneFlowSearch search;
    private final Supplier<Policy> policy;

    DeviceViews(LuceneFlowSearch search, Supplier<Policy> policy) {
        this.search = search;
        this.policy = policy;
    }

    List<Map<String, Object>> inventory() throws IOException, QueryException {
        SearchPage page = search.search(new SearchRequest("exists:device.src", Long.MIN_VALUE, Long.MAX_VALUE, true, 0, null,
                List.of(), List.of("ip.src"), 1000, 0));
        List<Map<String, Object>> devices = new ArrayList<>();
        for (SearchPage.FacetCount f : page.facets().getOrDefault("ip.src", List.of())) {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("address", f.value());
            d.put("flows", f.count());
            d.put("groups", groupsSeen(f.value()));
            d.put("alerts", search.alertCount(f.value()));
            devices.add(d);
        }
        return devices;
    }

    /** One device; the address is checked to be one before it goes into a query. */
    Map<String, Object> device(String address) throws IOException, QueryException {
        if (!com.google.common.net.InetAddresses.isInetAddress(address)) {
            throw new IllegalArgumentException("a device is named by its address, not \"" + address + "\"");
        }
        String query = "ip.src:\"" + address + "\"";
        SearchPage page = search.search(new SearchRequest(query, Long.MIN_VALUE, Long.MAX_VALUE, true, PEER_FLOWS, null,
                List.of("ip.dst", "port.dst", "flow.transport", "bytes.out"), List.of(), 10, TRAFFIC_BUCKETS));
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("address", address);
        d.put("groups", groupsSeen(address));
        d.put("flows_seen", page.hits().size());
        d.put("flows_total", page.total());
        d.put("first_seen_nanos", edge(query, false));
        d.put("last_seen_nanos", page.hits().isEmpty() ? null : page.hits().getFirst().startNanos());
        d.put("traffic", page.histogram());
        d.put("peers", peers(address, page.hits()));
        d.put("alerts", search.alerts(null, null, address, 1000));
        return d;
    }

    /** Peers as (address, port, transport), each said declared or not by the policy in force (null: no policy). */
    private List<Map<String, Object>> peers(String address, List<SearchPage.FlowHit> hits) {
        Policy rules = policy.get();
        Map<String, Map<String, Object>> peers = new LinkedHashMap<>();
        for (SearchPage.FlowHit hit : hits) {
            String dst = String.valueOf(first(hit.fields().get("ip.dst")));
            int port = first(hit.fields().get("port.dst")) instanceof Number n ? n.intValue() : -1;
            String transport = String.valueOf(first(hit.fields().get("flow.transport")));
            Map<String, Object> peer = peers.computeIfAbsent(dst + " " + port + " " + transport, k -> {
                Map<String, Object> p = new LinkedHashMap<>();
                p.put("address", dst);
                p.put("port", port);
                p.put("transport", transport);
                p.put("flows", 0L);
                p.put("bytes_out", 0L);
                p.put("last_seen_nanos", hit.startNanos());
                p.put("declared", rules == null ? null : rules.declared(address, dst, transport, port, null, hit.startNanos()));
                return p;
            });
            peer.put("flows", (Long) peer.get("flows") + 1);
            long out = first(hit.fields().get("bytes.out")) instanceof Number n ? n.longValue() : 0;
            peer.put("bytes_out", (Long) peer.get("bytes_out") + out);
        }
        return new ArrayList<>(peers.values());
    }

    /** The start of the oldest (or newest) flow matching the query, or null when none does. */
    private Long edge(String query, boolean newest) throws IOException, QueryException {
        SearchPage page = search.search(new SearchRequest(query, Long.MIN_VALUE, Long.MAX_VALUE, newest, 1, null, List.of("ip.src"),
                List.of(), 10, 0));
        return page.hits().isEmpty() ? null : page.hits().getFirst().startNanos();
    }

    /**
     * The groups the pipeline placed the device in, as its flows record them: the policy alone cannot
     * say, since groups by MAC prefix, vendor or DHCP name need what only the capture saw.
     */
    private List<String> groupsSeen(String address) throws IOException, QueryException {
        SearchPage page = search.search(new SearchRequest("ip.src:\"" + address + "\"", Long.MIN_VALUE, Long.MAX_VALUE, true, 0,
                null, List.of(), List.of("device.src"), 20, 0));
        return page.facets().getOrDefault("device.src", List.of()).stream().map(SearchPage.FacetCount::value).toList();
    }

    private static Object first(Object value) {
        return value instanceof List<?> list ? (list.isEmpty() ? null : list.getFirst()) : value;
    }
}
