package io.telltale.testdata.scenario.attack;

import io.telltale.testdata.payload.Ssh;
import io.telltale.testdata.scenario.BaseScenario;
import io.telltale.testdata.scenario.Device;
import io.telltale.testdata.scenario.Label;
import io.telltale.testdata.scenario.Plan;
import io.telltale.testdata.scenario.Severity;
import io.telltale.testdata.scenario.Site;
import io.telltale.testdata.scenario.Truth;
import io.telltale.testdata.wire.TcpConnection;
import java.net.InetAddress;
import java.util.List;

/**
 * A15: the EDS holds an SSH connection to the vendor's 203.0.113.77 for 9 hours (OpenSSH for
 * Windows), a keep-alive each minute, and three bursts of about 20 MB when the remote port forward
 * carries an RDP session in.
 */
public final class ReverseSshTunnel extends BaseScenario {

    static final InetAddress VENDOR = Site.address("203.0.113.77");

    public ReverseSshTunnel() {
        super("A15", Label.MALICIOUS, "reverse SSH tunnel from the EDS to 203.0.113.77 held 9 h, keep-alive each minute");
    }

    @Override
    public void plan(Plan plan) {
        Device eds = plan.site().device("EDS-1");
        long start = Plan.dayOf(plan.start()) + 8 * HOUR + 2 * MINUTE;
        long end = start + 9 * HOUR;
        int burst = plan.scaled(20_000_000, 40_000);
        long burstChunks = 3L * ((burst + 32_767) / 32_768);
        plan.at(start, talk -> {
            TcpConnection c = talk.tcp(eds, VENDOR, 22, talk.start());
            c.clientSends(Ssh.banner("OpenSSH_for_Windows_8.1"));
            c.serverSends(Ssh.banner("OpenSSH_9.2p1 Debian-2+deb12u3"));
            c.clientSends(Ssh.kexInit(talk.random(), "curve25519-sha256,ecdh-sha2-nistp256,diffie-hellman-group14-sha256,ext-info-c",
                    "ssh-ed25519,ecdsa-sha2-nistp256,rsa-sha2-512", "chacha20-poly1305@openssh.com,aes128-ctr,aes256-gcm@openssh.com",
                    "umac-64-etm@openssh.com,hmac-sha2-256-etm@openssh.com"));
            c.serverSends(Ssh.kexInit(talk.random(), "curve25519-sha256,sntrup761x25519-sha512@openssh.com,kex-strict-s-v00@openssh.com",
                    "rsa-sha2-512,rsa-sha2-256,ecdsa-sha2-nistp256,ssh-ed25519", "chacha20-poly1305@openssh.com,aes128-ctr,aes256-gcm@openssh.com",
                    "umac-64-etm@openssh.com,hmac-sha2-256-etm@openssh.com"));
            c.clientSends(Ssh.ecdhInit(talk.random()));
            c.serverSends(io.telltale.testdata.payload.Bytes.concat(Ssh.ecdhReply(talk.random()), Ssh.newKeys(talk.random())));
            c.clientSends(Ssh.newKeys(talk.random()));
            c.clientSends(Ssh.encrypted(44, talk.random()));
            c.serverSends(Ssh.encrypted(500, talk.random()));
            c.clientSends(Ssh.encrypted(600, talk.random()));
            c.serverSends(Ssh.encrypted(40, talk.random()));
            int minute = 0;
            while (c.now() < end - MINUTE) {
                c.idle(MINUTE);
                minute++;
                c.clientSends(Ssh.encrypted(28, talk.random()));
                c.serverSends(Ssh.encrypted(28, talk.random()));
                if (minute % 170 == 60) {
                    for (int sent = 0; sent < burst; sent += 32_768) {
                        c.serverSends(Ssh.encrypted(2_000, talk.random()));
                        c.clientSends(Ssh.encrypted(32_768, talk.random()));
                    }
                }
            }
            c.close(true);
        });
        truth(plan, eds, new Truth.Remote(VENDOR.getHostAddress(), null, "tcp", 22), List.of("remote-access", "long-connection",
                "internet-access"), Severity.CRITICAL, List.of("T1572", "T1021.004", "T0822"), start, end,
                new Truth.Expect(Truth.Expect.FLOWS, 1, 1, burstChunks * 32_768, burstChunks * 32_900 + 80_000, 10_000,
                        burstChunks * 2_100 + 100_000, 0, 0), List.of());
    }
}
