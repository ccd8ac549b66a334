/** Undeclared peers and Internet access: every conversation a device starts that its policy does not declare. */
package io.telltale.analysis.detect.peer;
