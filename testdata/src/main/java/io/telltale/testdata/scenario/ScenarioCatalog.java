package io.telltale.testdata.scenario;

import io.telltale.testdata.scenario.attack.CloudUpload;
import io.telltale.testdata.scenario.attack.DicomOnWebPort;
import io.telltale.testdata.scenario.attack.DicosExfiltration;
import io.telltale.testdata.scenario.attack.DirectIpSelfSigned;
import io.telltale.testdata.scenario.attack.DnsOverHttps;
import io.telltale.testdata.scenario.attack.Dnscat2Tunnel;
import io.telltale.testdata.scenario.attack.HttpsBeacon;
import io.telltale.testdata.scenario.attack.IcmpShell;
import io.telltale.testdata.scenario.attack.IcmpTunnel;
import io.telltale.testdata.scenario.attack.IodineTunnel;
import io.telltale.testdata.scenario.attack.Ipv6Tunnel;
import io.telltale.testdata.scenario.attack.NtpCovertChannel;
import io.telltale.testdata.scenario.attack.PersonalDataPost;
import io.telltale.testdata.scenario.attack.RemoteAccessTool;
import io.telltale.testdata.scenario.attack.ReverseShell;
import io.telltale.testdata.scenario.attack.ReverseSshTunnel;
import io.telltale.testdata.scenario.attack.SlowDnsExfiltration;
import io.telltale.testdata.scenario.attack.VendorSoftwarePull;
import io.telltale.testdata.scenario.normal.BhsTelegrams;
import io.telltale.testdata.scenario.normal.CtImagesToCip;
import io.telltale.testdata.scenario.normal.DxImagesAndEcho;
import io.telltale.testdata.scenario.normal.NtpToSiteServer;
import io.telltale.testdata.scenario.normal.OsBackgroundNoise;
import io.telltale.testdata.scenario.normal.SyslogToCollector;
import io.telltale.testdata.scenario.normal.TipLibraryUpdate;
import io.telltale.testdata.scenario.normal.VendorMaintenance;
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
                new TipLibraryUpdate(),
                new BhsTelegrams("N6", false),
                new VendorMaintenance(),
                new OsBackgroundNoise(),
                new HttpsBeacon("A1", 0.15),
                new IodineTunnel(),
                new Dnscat2Tunnel("A2b", false),
                new SlowDnsExfiltration(),
                new IcmpTunnel(),
                new IcmpShell(),
                new NtpCovertChannel("A5a", false),
                new NtpCovertChannel("A5b", true),
                new DirectIpSelfSigned(),
                new CloudUpload("A7", false),
                new DnsOverHttps(),
                new RemoteAccessTool("A9a", false),
                new RemoteAccessTool("A9b", true),
                new ReverseShell(),
                new DicosExfiltration(),
                new DicomOnWebPort(),
                new PersonalDataPost("A13", false),
                new Ipv6Tunnel("A14", false),
                new Ipv6Tunnel("A14-6in4", true),
                new ReverseSshTunnel(),
                new VendorSoftwarePull(),
                new BhsTelegrams("A17", true),
                new HttpsBeacon("A1-jitter50", 0.5),
                new HttpsBeacon("A1-hourly", 3_600, 0.1),
                new HttpsBeacon("A1-daily", 86_400, 0.02),
                new Dnscat2Tunnel("A2b-sleep", true),
                new CloudUpload("A7-ipv6", true),
                new PersonalDataPost("A13-gzip-base64", true),
                new CtImagesToCip("N1-twin", 4242));
    }

    /** The attacks the bundled example mixes into a day of normal traffic. */
    public static List<String> busyDayAttacks() {
        return List.of("A1", "A2b", "A4b", "A6", "A9b", "A11", "A13", "A15");
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
