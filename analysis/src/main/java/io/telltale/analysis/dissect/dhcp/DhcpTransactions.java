package io.telltale.analysis.dissect.dhcp;

import io.telltale.analysis.event.DhcpRecord;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Joins DHCP messages into exchanges by transaction id, across flows (a DISCOVER goes to the
 * broadcast address, its OFFER comes back from the server's), with the rules of Zeek's DHCP script:
 * what the client says (host name, requested address, client id) comes from its messages, what the
 * server hands out (address, lease, domain) from its replies. An exchange is written once it has
 * been quiet for 5 seconds after its first 10, or is 30 seconds old, or has 10 flows or 50 messages;
 * the rest when the input ends. Time is packet time.
 *
 * <p>Messages are taken in timestamp order: several workers meter the flows of one exchange (the
 * client's broadcast and the server's reply are different host pairs) and hand their messages over
 * in their own time, so they wait in a reorder buffer until packet time is a minute past them (live
 * workers keep up with the interface, so a minute is plenty), or for a file read by several workers
 * until the input ends ({@link #holdUntilEnd}); at most 100,000 wait. One worker or many, the
 * exchanges come out the same.
 */
public final class DhcpTransactions {

    static final long FIRST_CHECK_NANOS = 10_000_000_000L;
    static final long QUIET_NANOS = 5_000_000_000L;
    static final long MAX_WATCH_NANOS = 30_000_000_000L;
    static final int MAX_FLOWS = 10;
    static final int MAX_MESSAGES = 50;

    static final long REORDER_NANOS = 60_000_000_000L;
    static final int REORDER_MAX = 100_000;

    private final Consumer<DhcpTransaction> out;
    private final Map<Long, Exchange> open = new LinkedHashMap<>();
    private final java.util.PriorityQueue<Pending> pending = new java.util.PriorityQueue<>(
            java.util.Comparator.comparingLong((Pending p) -> p.record().timestampNanos()).thenComparingLong(Pending::sequence));
    private long latestNanos = Long.MIN_VALUE;
    private long sequence;
    private long reorderNanos = REORDER_NANOS;

    /** A message waiting for its turn; the sequence keeps equal times in arrival order. */
    private record Pending(DhcpRecord record, long sequence) {
    }

    public DhcpTransactions(Consumer<DhcpTransaction> out) {
        this.out = out;
    }

    /** An exchange being joined. */
    private static final class Exchange {
        long first;
        long last;
        final List<Long> flows = new ArrayList<>();
        final List<String> types = new ArrayList<>();
        String clientAddress;
        String serverAddress;
        String mac;
        String clientHardwareAddress;
        String hostName;
        String clientFqdn;
        String domain;
        String requested;
        String assigned;
        long lease = -1;
        String clientMessage;
        String serverMessage;
        String vendorClass;
        List<Integer> requestedOptions = List.of();

        DhcpTransaction done() {
            return new DhcpTransaction(first, flows, clientAddress, serverAddress, mac != null ? mac : clientHardwareAddress,
                    hostName, clientFqdn, domain, requested, assigned, lease, clientMessage, serverMessage, types,
                    last - first, vendorClass, requestedOptions);
        }
    }

    /** Joins nothing until {@link #finish}: for a file read by several workers, whose skew has no bound. */
    public void holdUntilEnd() {
        reorderNanos = Long.MAX_VALUE / 2;
    }

    public void accept(DhcpRecord r) {
        pending.add(new Pending(r, sequence++));
        latestNanos = Math.max(latestNanos, r.timestampNanos());
        while (!pending.isEmpty() && (pending.peek().record().timestampNanos() <= latestNanos - reorderNanos
                || pending.size() > REORDER_MAX)) {
            join(pending.poll().record());
        }
    }

    private void join(DhcpRecord r) {
        expire(r.timestampNanos());
        Exchange e = open.computeIfAbsent(r.transactionId(), id -> {
            Exchange created = new Exchange();
            created.first = r.timestampNanos();
            return created;
        });
        e.last = r.timestampNanos();
        if (!e.flows.contains(r.flowId())) {
            e.flows.add(r.flowId());
        }
        e.types.add(r.messageTypeName());
        // A server's broadcast starts a flow of its own, so the sender is told by its ports, not the flow's roles.
        boolean fromClient = r.fromOriginator() && (r.originatorHost().equals("0.0.0.0") || r.originatorPort() == 68
                || r.responderPort() == 67);
        if (r.message() != null) {
            if (fromClient) {
                e.clientMessage = r.message();
            } else {
                e.serverMessage = r.message();
            }
        }
        if (fromClient) {
            fromClient(e, r);
        } else {
            fromServer(e, r);
        }
        if (e.flows.size() >= MAX_FLOWS || e.types.size() >= MAX_MESSAGES) {
            open.remove(r.transactionId());
            out.accept(e.done());
        }
    }

    private static void fromClient(Exchange e, DhcpRecord r) {
        if (!r.originatorHost().equals("0.0.0.0") && !r.originatorHost().equals("255.255.255.255")) {
            e.clientAddress = r.originatorHost();
        }
        if (r.hostName() != null) {
            e.hostName = r.hostName();
        }
        if (r.clientFqdn() != null) {
            e.clientFqdn = r.clientFqdn();
        }
        if (r.clientIdMac() != null) {
            e.mac = r.clientIdMac();
        } else {
            e.clientHardwareAddress = r.hardwareAddress();
        }
        if (r.requestedAddress() != null) {
            e.requested = r.requestedAddress();
        }
        if (r.vendorClass() != null) {
            e.vendorClass = r.vendorClass();
        }
        if (!r.parameterRequestList().isEmpty()) {
            e.requestedOptions = r.parameterRequestList();
        }
    }

    private static void fromServer(Exchange e, DhcpRecord r) {
        boolean assigns = !"0.0.0.0".equals(r.yourAddress());
        if (assigns) {
            e.serverAddress = r.fromOriginator() ? r.originatorHost() : r.responderHost();
        }
        if (r.hardwareAddress() != null && e.mac == null) {
            e.mac = r.hardwareAddress();
        }
        if (assigns) {
            e.assigned = r.yourAddress();
        }
        if (e.clientAddress == null && e.assigned != null) {
            e.clientAddress = e.assigned;
        }
        if (r.domainName() != null) {
            e.domain = r.domainName();
        }
        if (r.leaseSeconds() >= 0) {
            e.lease = r.leaseSeconds();
        }
    }

    /** Writes the exchanges that are over by packet time {@code now}. */
    public void expire(long now) {
        for (Iterator<Exchange> it = open.values().iterator(); it.hasNext();) {
            Exchange e = it.next();
            long age = now - e.first;
            if (age >= FIRST_CHECK_NANOS && (now - e.last > QUIET_NANOS || age > MAX_WATCH_NANOS)) {
                it.remove();
                out.accept(e.done());
            }
        }
    }

    /** The input ended: every waiting message is joined, then every open exchange is written, oldest first. */
    public void finish() {
        while (!pending.isEmpty()) {
            join(pending.poll().record());
        }
        open.values().forEach(e -> out.accept(e.done()));
        open.clear();
    }
}
