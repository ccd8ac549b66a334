/** The policy's country list: connections from site devices to countries it forbids. */
package io.telltale.analysis.detect.country;
