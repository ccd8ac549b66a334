package io.telltale.capture.source.file;

import io.telltale.capture.source.PacketHandler;
import io.telltale.capture.source.PacketSource;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads pcapng files (draft-ietf-opsawg-pcapng): sections in either byte order, several interfaces
 * with their own link types and {@code if_tsresol}/{@code if_tsoffset}, Enhanced, Simple and
 * obsolete Packet Blocks. Blocks of other types are skipped.
 *
 * <pre>
 * every block:  +-----------+--------------+------------------------+--------------+
 *               | type (4)  | total len (4)| body (padded to 32 bit)| total len (4)|
 *               +-----------+--------------+------------------------+--------------+
 * </pre>
 */
final class PcapngFileSource extends CaptureFileSource {

    static final int SECTION_HEADER_BLOCK = 0x0A0D0D0A;
    static final int INTERFACE_DESCRIPTION_BLOCK = 1;
    static final int OBSOLETE_PACKET_BLOCK = 2;
    static final int SIMPLE_PACKET_BLOCK = 3;
    static final int ENHANCED_PACKET_BLOCK = 6;
    static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    static final int MIN_BLOCK_LENGTH = 12;
    static final int OPTION_END = 0;
    static final int OPTION_IF_TSRESOL = 9;
    static final int OPTION_IF_TSOFFSET = 14;
    /** Upper bound on one block; larger lengths are treated as corruption, not as a request to skip. */
    static final int MAX_BLOCK_LENGTH = 16 * 1024 * 1024;
    /** Bound on interfaces per section so that a hostile file cannot exhaust memory. */
    static final int MAX_INTERFACES = 4096;

    private final List<PcapngInterface> interfaces = new ArrayList<>();
    /** Layouts are made once: {@code withOrder} builds a new layout, and a new layout means a VarHandle lookup. */
    private static final ValueLayout.OfInt U32_BIG = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt U32_LITTLE = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfShort U16_BIG = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort U16_LITTLE = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64_BIG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong U64_LITTLE = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private ValueLayout.OfInt u32 = U32_LITTLE;
    private ValueLayout.OfShort u16 = U16_LITTLE;
    private long position;

    PcapngFileSource(String name, MemorySegment data, AutoCloseable owner) {
        super(name, data, owner);
    }

    @Override
    public int poll(PacketHandler handler, int limit) {
        if (ended) {
            return END_OF_INPUT;
        }
        long size = data.byteSize();
        int delivered = 0;
        while (delivered < limit && !ended) {
            long blockStart = position;
            if (blockStart == size) {
                ended = true;
                break;
            }
            if (size - blockStart < 8) {
                fail(blockStart, "truncated block header (" + (size - blockStart) + " of 8 bytes)");
                break;
            }
            int type = data.get(U32_BIG, blockStart);
            if (type == SECTION_HEADER_BLOCK && !readByteOrder(blockStart)) {
                break;
            }
            type = data.get(u32, blockStart);
            long length = Integer.toUnsignedLong(data.get(u32, blockStart + 4));
            if (length < MIN_BLOCK_LENGTH || length > MAX_BLOCK_LENGTH || (length & 3) != 0) {
                fail(blockStart, "invalid block length " + length);
                break;
            }
            if (size - blockStart < length) {
                fail(blockStart, "truncated block (" + (size - blockStart) + " of " + length + " bytes)");
                break;
            }
            if (Integer.toUnsignedLong(data.get(u32, blockStart + length - 4)) != length) {
                fail(blockStart, "block trailer length does not match header length " + length);
                break;
            }
            position = blockStart + length;
            long body = blockStart + 8;
            long bodyLength = length - MIN_BLOCK_LENGTH;
            switch (type) {
                case SECTION_HEADER_BLOCK -> interfaces.clear();
                case INTERFACE_DESCRIPTION_BLOCK -> readInterface(blockStart, body, bodyLength);
                case ENHANCED_PACKET_BLOCK -> delivered += deliverEnhanced(handler, blockStart, body, bodyLength);
                case SIMPLE_PACKET_BLOCK -> delivered += deliverSimple(handler, blockStart, body, bodyLength);
                case OBSOLETE_PACKET_BLOCK -> delivered += deliverObsolete(handler, blockStart, body, bodyLength);
                default -> {
                    // Name resolution, statistics, custom and unknown blocks carry no packets.
                }
            }
        }
        return delivered == 0 && ended ? END_OF_INPUT : delivered;
    }

    private boolean readByteOrder(long blockStart) {
        if (data.byteSize() - blockStart < 12) {
            fail(blockStart, "truncated section header block");
            return false;
        }
        int magic = data.get(U32_BIG, blockStart + 8);
        ByteOrder order;
        if (magic == BYTE_ORDER_MAGIC) {
            order = ByteOrder.BIG_ENDIAN;
        } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else {
            fail(blockStart, String.format("section header has bad byte-order magic 0x%08x", magic));
            return false;
        }
        u32 = order == ByteOrder.BIG_ENDIAN ? U32_BIG : U32_LITTLE;
        u16 = order == ByteOrder.BIG_ENDIAN ? U16_BIG : U16_LITTLE;
        return true;
    }

    private void readInterface(long blockStart, long body, long bodyLength) {
        if (bodyLength < 8) {
            fail(blockStart, "interface description block too short");
            return;
        }
        if (interfaces.size() >= MAX_INTERFACES) {
            fail(blockStart, "more than " + MAX_INTERFACES + " interfaces in one section");
            return;
        }
        int linkType = Short.toUnsignedInt(data.get(u16, body));
        int snapLength = data.get(u32, body + 4);
        int tsresol = 6;
        long tsoffset = 0;
        long option = body + 8;
        long end = body + bodyLength;
        while (end - option >= 4) {
            int code = Short.toUnsignedInt(data.get(u16, option));
            int optionLength = Short.toUnsignedInt(data.get(u16, option + 2));
            long value = option + 4;
            if (code == OPTION_END || end - value < optionLength) {
                break;
            }
            if (code == OPTION_IF_TSRESOL && optionLength >= 1) {
                tsresol = Byte.toUnsignedInt(data.get(ValueLayout.JAVA_BYTE, value));
            } else if (code == OPTION_IF_TSOFFSET && optionLength >= 8) {
                tsoffset = data.get(u32 == U32_BIG ? U64_BIG : U64_LITTLE, value);
            }
            option = value + ((optionLength + 3) & ~3);
        }
        PcapngInterface described = new PcapngInterface(linkType, snapLength, tsresol, tsoffset);
        if (!described.resolutionSupported()) {
            fail(blockStart, "unsupported if_tsresol 0x" + Integer.toHexString(tsresol));
            return;
        }
        interfaces.add(described);
    }

    private int deliverEnhanced(PacketHandler handler, long blockStart, long body, long bodyLength) {
        if (bodyLength < 20) {
            fail(blockStart, "enhanced packet block too short");
            return 0;
        }
        int interfaceId = data.get(u32, body);
        long units = (Integer.toUnsignedLong(data.get(u32, body + 4)) << 32) | Integer.toUnsignedLong(data.get(u32, body + 8));
        int capturedLength = data.get(u32, body + 12);
        int wireLength = data.get(u32, body + 16);
        return deliver(handler, blockStart, interfaceId, units, body + 20, bodyLength - 20, capturedLength, wireLength);
    }

    private int deliverObsolete(PacketHandler handler, long blockStart, long body, long bodyLength) {
        if (bodyLength < 20) {
            fail(blockStart, "packet block too short");
            return 0;
        }
        int interfaceId = Short.toUnsignedInt(data.get(u16, body));
        long units = (Integer.toUnsignedLong(data.get(u32, body + 4)) << 32) | Integer.toUnsignedLong(data.get(u32, body + 8));
        int capturedLength = data.get(u32, body + 12);
        int wireLength = data.get(u32, body + 16);
        return deliver(handler, blockStart, interfaceId, units, body + 20, bodyLength - 20, capturedLength, wireLength);
    }

    private int deliverSimple(PacketHandler handler, long blockStart, long body, long bodyLength) {
        if (bodyLength < 4) {
            fail(blockStart, "simple packet block too short");
            return 0;
        }
        if (interfaces.isEmpty()) {
            fail(blockStart, "simple packet block before any interface description");
            return 0;
        }
        int wireLength = data.get(u32, body);
        PcapngInterface first = interfaces.getFirst();
        long room = bodyLength - 4;
        long captured = Integer.toUnsignedLong(wireLength);
        if (first.snapLength > 0) {
            captured = Math.min(captured, first.snapLength);
        }
        captured = Math.min(captured, room);
        // A simple packet block has no timestamp; packet time stays at zero, which flow timing tolerates.
        return deliver(handler, blockStart, 0, 0, body + 4, room, (int) captured, wireLength);
    }

    private int deliver(PacketHandler handler, long blockStart, int interfaceId, long units, long frame, long room,
                        int capturedLength, int wireLength) {
        if (interfaceId < 0 || interfaceId >= interfaces.size()) {
            fail(blockStart, "packet refers to undeclared interface " + Integer.toUnsignedString(interfaceId));
            return 0;
        }
        if (capturedLength < 0 || capturedLength > room) {
            fail(blockStart, "captured length " + Integer.toUnsignedString(capturedLength) + " exceeds its block");
            return 0;
        }
        PcapngInterface described = interfaces.get(interfaceId);
        packetNumber++;
        int wire = wireLength < capturedLength ? capturedLength : wireLength;
        handler.onPacket(described.toNanos(units), wire, data, frame, capturedLength, described.linkType);
        return 1;
    }
}
