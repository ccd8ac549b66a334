package io.telltale.testdata.scenario;

import io.telltale.testdata.scenario.attack.HttpsBeacon;
import io.telltale.testdata.scenario.normal.CtImagesToCip;
import io.telltale.testdata.scenario.normal.DxImagesAndEcho;
import io.telltale.testdata.scenario.normal.NtpToSiteServer;
import io.telltale.testdata.scenario.normal.SyslogToCollector;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** Every scenario the generator knows, in the order of domain.md §5, then variants and twins. */
public final class ScenarioCatalog {

    private ScenarioCatalog() {
    }

    public static List<Scenario> all() {
        return List.of(
                new CtImagesToCip("N1", 11112),
                new DxImagesAndEcho(),
                new NtpToSiteServer(),
                new SyslogToCollector(),
                new HttpsBeacon("A1", 0.15),
                new HttpsBeacon("A1-jitter50", 0.5),
                new CtImagesToCip("N1-twin", 4242));
    }

    /** The attacks the bundled example mixes into a day of normal traffic. */
    public static List<String> busyDayAttacks() {
        return List.of("A1");
    }

    /** One day at a checkpoint: N1–N8 and the attacks of {@link #busyDayAttacks()}. */
    public static List<Scenario> busyDay() {
        List<Scenario> day = new java.util.ArrayList<>(background());
        busyDayAttacks().forEach(id -> day.add(find(id).orElseThrow()));
        return day;
    }

    /** The normal traffic of the site, N1–N8: the background the attacks are mixed into. */
    public static List<Scenario> background() {
        return all().stream().filter(s -> s.id().matches("N\\d")).toList();
    }

    public static Optional<Scenario> find(String id) {
        return all().stream().filter(s -> s.id().toLowerCase(Locale.ROOT).equals(id.toLowerCase(Locale.ROOT))).findFirst();
    }
}
