package io.telltale.capture.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** A trail gives back the (file, offset) pairs it was given, in order; damaged bytes are an error, never a loop. */
class PacketTrailTest {

    @Property(tries = 500)
    void decodesWhatWasAdded(@ForAll @Size(max = 200) List<@IntRange(min = 0, max = 3) Integer> fileSteps,
            @ForAll @Size(max = 200) List<@IntRange(min = 16, max = 70_000) Integer> sizes) {
        PacketTrail trail = new PacketTrail();
        List<List<Long>> added = new ArrayList<>();
        long file = 1;
        long offset = 24;
        for (int i = 0; i < Math.min(fileSteps.size(), sizes.size()); i++) {
            if (fileSteps.get(i) == 0) {
                file += 1 + i;
                offset = 24;
            }
            trail.add(file, offset, sizes.get(i));
            added.add(List.of(file, offset));
            offset += sizes.get(i);
        }
        byte[] bytes = trail.copy();
        List<List<Long>> read = new ArrayList<>();
        if (bytes != null) {
            PacketTrail.decode(bytes, (f, o) -> read.add(List.of(f, o)));
        }
        assertThat(read).isEqualTo(added);
        trail.restart();
        assertThat(trail.copy()).isNull();
        assertThat(trail.storedBytes()).as("the flow's budget outlives an interim record")
                .isEqualTo(sizes.stream().limit(added.size()).mapToLong(Integer::longValue).sum());
    }

    @Property(tries = 1000)
    void randomBytesDecodeOrFailWithAReason(@ForAll @Size(max = 64) byte[] bytes) {
        try {
            PacketTrail.decode(bytes, (f, o) -> { });
        } catch (IllegalArgumentException e) {
            assertThat(e.getMessage()).contains("trail");
        }
    }

    @net.jqwik.api.Example
    void anOffsetBeforeAnyFileIsDamage() {
        assertThatThrownBy(() -> PacketTrail.decode(new byte[] {4}, (f, o) -> { })).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before its file");
    }
}
