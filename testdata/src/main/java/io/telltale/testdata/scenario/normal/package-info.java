/** The declared traffic of the site, N1–N8 of domain.md §5, and the negative twins: no alert expected. */
package io.telltale.testdata.scenario.normal;
