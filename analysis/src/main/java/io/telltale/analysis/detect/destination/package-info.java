/** New external destinations: a device reaching an outside address it has not reached before. */
package io.telltale.analysis.detect.destination;
