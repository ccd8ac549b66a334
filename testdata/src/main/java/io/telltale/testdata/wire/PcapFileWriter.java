package io.telltale.testdata.wire;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A classic pcap file (little-endian, microsecond timestamps, link type Ethernet, snap length
 * 262,144): the format every tool reads. Microseconds, because they are what libpcap, tcpdump and
 * tshark show by default, so a generated capture looks like a recorded one.
 */
public final class PcapFileWriter implements Closeable {

    static final int MAGIC_MICROS = 0xa1b2c3d4;
    static final int LINKTYPE_ETHERNET = 1;
    static final int SNAP_LENGTH = 262_144;

    private final OutputStream out;
    private final ByteBuffer header = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);
    private long frames;
    private long bytes;

    public PcapFileWriter(Path file) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        ByteBuffer file0 = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
        file0.putInt(MAGIC_MICROS).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(SNAP_LENGTH)
                .putInt(LINKTYPE_ETHERNET);
        out.write(file0.array());
    }

    public void write(Frame frame) throws IOException {
        long micros = Math.floorDiv(frame.timestampNanos(), 1000L);
        header.clear();
        header.putInt((int) Math.floorDiv(micros, 1_000_000L)).putInt((int) Math.floorMod(micros, 1_000_000L))
                .putInt(frame.bytes().length).putInt(frame.bytes().length);
        out.write(header.array());
        out.write(frame.bytes());
        frames++;
        bytes += frame.bytes().length;
    }

    public long frames() {
        return frames;
    }

    /** Frame bytes written, headers excluded. */
    public long bytes() {
        return bytes;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
