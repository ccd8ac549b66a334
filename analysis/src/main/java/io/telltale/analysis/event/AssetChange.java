package io.telltale.analysis.event;

/**
 * The inventory learned something new of a device: it appeared ({@code new-device}), its address
 * moved to another MAC ({@code new-mac}), it answered on a service it had not offered before
 * ({@code new-service}), or it took another DHCP host name ({@code new-name}).
 *
 * @param before what was known before (null for a new device or a first fact)
 * @param after what is known now
 */
public record AssetChange(long timestampNanos, String kind, String address, String before, String after)
        implements MonitorEvent {
}
