package io.telltale.dashboard.app;

import io.telltale.analysis.policy.Cidr;
import io.telltale.analysis.policy.Policy;
import io.telltale.capture.flow.LocalNetworks;
import java.util.ArrayList;
import java.util.List;

/**
 * The address blocks of the policy's device groups, for the flow table to keep the flows those
 * devices start through a flood (FlowConfig#watched). Groups by MAC prefix, vendor or DHCP name have
 * no block to give: their devices are protected by the addresses the policy also lists, if any.
 */
final class WatchedNetworks {

    private WatchedNetworks() {
    }

    static LocalNetworks of(Policy policy) {
        if (policy == null) {
            return LocalNetworks.NONE;
        }
        List<String> blocks = new ArrayList<>();
        policy.groups().values().forEach(group -> {
            if (group.cidr() != null) {
                group.cidr().stream().map(Cidr::text).forEach(blocks::add);
            }
        });
        return blocks.isEmpty() ? LocalNetworks.NONE : LocalNetworks.parse(blocks);
    }
}
