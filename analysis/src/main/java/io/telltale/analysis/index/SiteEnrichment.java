package io.telltale.analysis.index;

import io.telltale.analysis.geo.GeoDatabase;
import io.telltale.analysis.policy.Policy;
import java.util.List;

/**
 * Enrichment from the bundled country and AS databases and the site's policy groups. Reads the policy
 * from the indexing thread: its group lookups are safe to share.
 */
public final class SiteEnrichment implements FlowDocuments.Enrichment {

    private final GeoDatabase geo;
    private final Policy policy;

    /** @param policy the site's policy, or null for none (no device groups) */
    public SiteEnrichment(GeoDatabase geo, Policy policy) {
        this.geo = geo;
        this.policy = policy;
    }

    @Override
    public String country(String address) {
        return geo.locate(address).country();
    }

    @Override
    public long asn(String address) {
        return geo.locate(address).asn();
    }

    @Override
    public List<String> groups(String address) {
        return policy == null ? List.of() : policy.groupsOf(address);
    }
}
