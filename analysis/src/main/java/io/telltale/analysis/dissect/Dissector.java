package io.telltale.analysis.dissect;

/** A protocol's parser, shared by all flows; state lives in the sessions it opens (one per flow). */
@FunctionalInterface
public interface Dissector {

    DissectorSession open(FlowContext flow);
}
