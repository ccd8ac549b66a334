/** Connections that last: a tunnel held open for hours. */
package io.telltale.analysis.detect.connection;
