/** Bulk egress: large uploads to one outside destination, and each device's daily egress budget. */
package io.telltale.analysis.detect.egress;
