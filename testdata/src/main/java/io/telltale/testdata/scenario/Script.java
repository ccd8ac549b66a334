package io.telltale.testdata.scenario;

/** Writes one conversation's frames when the generator reaches its start time. */
@FunctionalInterface
public interface Script {
    void write(Talk talk);
}
