/** A protocol where its port says another, and DICOM to peers nobody declared. */
package io.telltale.analysis.detect.port;
