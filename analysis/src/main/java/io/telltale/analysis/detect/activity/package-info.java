/**
 * What a device stops doing: going silent, talking without ever hearing back, and storing far fewer
 * images than its working day says it should — where the monitor must say plainly that a channel it
 * cannot see (a cellular modem) may be carrying what the wire no longer does.
 */
package io.telltale.analysis.detect.activity;
