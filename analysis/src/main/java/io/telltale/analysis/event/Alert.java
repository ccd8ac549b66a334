package io.telltale.analysis.event;

import java.util.List;

/**
 * A finding, as DESIGN §4 describes it: a stable id (the same device, remote end, category and
 * detector always give the same id, so a SIEM can de-duplicate), when it first fired, its severity
 * ({@code info} … {@code critical}) and category (DESIGN §6's vocabulary), a title and a "why" a
 * person can read, the device and the remote end (address and, when known, name), the detector, the
 * ATT&amp;CK techniques, the flows that are its evidence, and a score where one applies (-1 when not).
 * An external remote end carries its country (ISO 3166) and autonomous system when the bundled
 * databases know them (null and -1 when not). A signature's alert names its rule and the buffer
 * it matched ({@link SignatureHit}); other alerts have none. An alert raised on a flow names that
 * flow's 5-tuple ({@link AlertConnection}); one about the device alone, or raised at the end of the
 * input, has none (null).
 */
public record Alert(
        String id,
        long timestampNanos,
        String severity,
        String category,
        String title,
        String why,
        String deviceAddress,
        String deviceName,
        String remoteAddress,
        String remoteName,
        String detector,
        List<String> attack,
        List<Long> flowIds,
        double score,
        String remoteCountry,
        long remoteAsn,
        String remoteOrganisation,
        SignatureHit signature,
        AlertConnection connection) implements MonitorEvent {

    public Alert {
        attack = List.copyOf(attack);
        flowIds = List.copyOf(flowIds);
    }
}
