package io.telltale.capture.source.file;

import io.telltale.capture.source.PacketHandler;
import io.telltale.capture.source.PacketSource;
import io.telltale.capture.source.SourceDamage;
import java.util.Optional;

/** A source that could not be opened: delivers nothing and says why. */
final class FailedSource implements PacketSource {

    private final SourceDamage damage;

    FailedSource(SourceDamage damage) {
        this.damage = damage;
    }

    @Override
    public int poll(PacketHandler handler, int limit) {
        return END_OF_INPUT;
    }

    @Override
    public String name() {
        return damage.source();
    }

    @Override
    public Optional<SourceDamage> damage() {
        return Optional.of(damage);
    }

    @Override
    public void close() {
    }
}
