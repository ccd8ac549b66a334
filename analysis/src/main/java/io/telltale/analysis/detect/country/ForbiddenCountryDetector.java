package io.telltale.analysis.detect.country;

import io.telltale.analysis.detect.Addresses;
import io.telltale.analysis.detect.Category;
import io.telltale.analysis.detect.Detector;
import io.telltale.analysis.detect.Finding;
import io.telltale.analysis.detect.Severity;
import io.telltale.analysis.geo.GeoDatabase;
import io.telltale.analysis.policy.Policy;
import io.telltale.analysis.policy.PolicyDocument;
import io.telltale.capture.flow.FlowRecord;
import java.util.List;
import java.util.function.Consumer;

/**
 * A site device reaches an address in a country the policy forbids ({@code countries: {never: [..]}}
 * or everything outside {@code only: [..]}). Declared or not: a site that says "never CN" means
 * it, and a declaration that contradicts it deserves to be seen. Answered connections are critical,
 * unanswered attempts medium (the firewall held, the device still tried).
 */
public final class ForbiddenCountryDetector implements Detector {

    private final Policy policy;
    private final GeoDatabase geo;

    public ForbiddenCountryDetector(Policy policy, GeoDatabase geo) {
        this.policy = policy;
        this.geo = geo;
    }

    @Override
    public String name() {
        return "country";
    }

    @Override
    public void onFlow(FlowRecord f, Consumer<Finding> out) {
        PolicyDocument.Countries countries = policy.document().countries();
        String device = f.originatorHost();
        String remote = f.responderHost();
        if (countries == null || f.interim() || !Addresses.internet(remote)
                || (Addresses.internet(device) && policy.groupsOf(device).isEmpty())) {
            return;
        }
        GeoDatabase.Location where = geo.locate(remote);
        if (!countries.forbidden(where.country())) {
            return;
        }
        boolean answered = f.responderPackets() > 0 && !f.connState().equals("REJ") && !f.connState().equals("S0");
        String rule = countries.never().isEmpty() ? "allows only " + String.join(", ", countries.only())
                : "forbids " + String.join(", ", countries.never());
        out.accept(new Finding(f.startNanos(), Category.INTERNET_ACCESS, answered ? Severity.CRITICAL : Severity.MEDIUM,
                "Connection to " + where.country() + ": " + remote,
                device + (answered ? " reached " : " tried to reach ") + remote + " in " + where.country()
                        + (where.asn() >= 0 ? " (AS" + where.asn() + " " + where.organisation() + ")" : "")
                        + " on " + f.transport() + (f.hasPorts() ? "/" + f.responderPort() : "") + "; the site's policy " + rule + ".",
                device, remote, null, List.of("T1071"), List.of(f.id()), -1));
    }
}
