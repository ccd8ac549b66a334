package io.telltale.capture.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StreamReassemblerTest {

    static final class Recorder implements StreamListener {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final List<long[]> gaps = new ArrayList<>();

        @Override
        public void onData(MemorySegment data, long offset, int length) {
            bytes.writeBytes(data.asSlice(offset, length).toArray(ValueLayout.JAVA_BYTE));
        }

        @Override
        public void onGap(long sequence, long length) {
            gaps.add(new long[] {sequence, length});
            bytes.writeBytes(("<gap " + length + ">").getBytes(StandardCharsets.US_ASCII));
        }

        String text() {
            return bytes.toString(StandardCharsets.US_ASCII);
        }
    }

    private final ReassemblyBudget budget = new ReassemblyBudget(1 << 12, 4);
    private final StreamReassembler reassembler = new StreamReassembler(budget);
    private final Recorder out = new Recorder();

    private void send(long seq, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        reassembler.dataSent(seq, MemorySegment.ofArray(bytes), 0, bytes.length, 1, out);
    }

    @Test
    void inOrderDataIsDeliveredAtOnce() {
        send(1, "hello ");
        send(7, "world");
        assertThat(out.text()).isEqualTo("hello world");
        assertThat(reassembler.lastReassembledSeq()).isEqualTo(12);
    }

    @Test
    void retransmissionsAndOverlapsKeepTheFirstCopy() {
        send(1, "abcdef");
        send(1, "abcdef");
        send(4, "XXXghi");
        assertThat(out.text()).isEqualTo("abcdefghi");
        send(12, "lmn");
        send(10, "JKLZZ");
        assertThat(out.text()).as("bytes 12-14 arrived first and win").isEqualTo("abcdefghiJKlmn");
    }

    @Test
    void reorderedSegmentsWaitForTheHole() {
        send(7, "world");
        send(12, "!");
        assertThat(out.text()).isEmpty();
        assertThat(reassembler.hasBufferedData()).isTrue();
        send(1, "hello ");
        assertThat(out.text()).isEqualTo("hello world!");
        assertThat(reassembler.hasBufferedData()).isFalse();
        assertThat(budget.bytesAllocated()).isEqualTo(1 << 12);
    }

    @Test
    void ackAboveAHoleDeclaresAGap() {
        send(1, "abc");
        send(10, "jkl");
        long missing = reassembler.ackReceived(13, false, out);
        assertThat(missing).isEqualTo(6);
        assertThat(out.text()).isEqualTo("abc<gap 6>jkl");
        assertThat(out.gaps).containsExactly(new long[] {4, 6});
        send(4, "defghi");
        assertThat(out.text()).as("late bytes below the ack are not delivered again").isEqualTo("abc<gap 6>jkl");
    }

    @Test
    void bytesBeyondTheWindowAreDroppedAndCounted() {
        send(5000, "far ahead");
        assertThat(reassembler.droppedSegments()).isEqualTo(1);
        assertThat(reassembler.hasBufferedData()).isFalse();
    }

    @Test
    void budgetBoundsMemoryAcrossStreams() {
        ReassemblyBudget small = new ReassemblyBudget(1024, 1);
        StreamReassembler first = new StreamReassembler(small);
        StreamReassembler second = new StreamReassembler(small);
        byte[] data = "xyz".getBytes(StandardCharsets.US_ASCII);
        first.dataSent(10, MemorySegment.ofArray(data), 0, 3, 1, out);
        second.dataSent(10, MemorySegment.ofArray(data), 0, 3, 1, out);
        assertThat(second.droppedSegments()).isEqualTo(1);
        assertThat(small.refusals()).isEqualTo(1);
        assertThat(small.bytesAllocated()).isEqualTo(1024);
    }

    @Test
    void anySegmentationGivesTheSameStream() {
        byte[] message = new byte[3000];
        new Random(7).nextBytes(message);
        Random random = new Random(11);
        for (int round = 0; round < 200; round++) {
            StreamReassembler r = new StreamReassembler(new ReassemblyBudget(1 << 12, 2));
            Recorder recorder = new Recorder();
            List<int[]> segments = new ArrayList<>();
            for (int at = 0; at < message.length; ) {
                int length = 1 + random.nextInt(400);
                segments.add(new int[] {at, Math.min(length, message.length - at)});
                at += length;
            }
            java.util.Collections.shuffle(segments, random);
            for (int[] s : segments) {
                r.dataSent(1 + s[0], MemorySegment.ofArray(message), s[0], s[1], 1, recorder);
                if (random.nextInt(5) == 0) {
                    r.dataSent(1 + s[0], MemorySegment.ofArray(message), s[0], s[1], 1, recorder); // retransmission
                }
            }
            assertThat(recorder.bytes.toByteArray()).isEqualTo(message);
        }
    }
}
