/**
 * The analysis pipeline of one worker: packets into the flow meter, payload to the protocol probes
 * and dissectors, flow and protocol records out to an event sink. Single-threaded; one per worker.
 */
package io.telltale.analysis.pipeline;
