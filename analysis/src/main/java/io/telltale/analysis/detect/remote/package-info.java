/** Remote-access tools and reverse shells: someone else's hands on a screening device. */
package io.telltale.analysis.detect.remote;
