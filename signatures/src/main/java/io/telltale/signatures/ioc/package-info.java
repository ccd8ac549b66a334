/**
 * Indicator lists: addresses, networks, domains, URLs, TLS and SSH fingerprints and certificate
 * hashes from plain text, CSV or STIX 2.1 bundles ({@link io.telltale.signatures.ioc.IndicatorReader}),
 * each list with a name, a severity and an expiry; compiled into an
 * {@link io.telltale.signatures.ioc.IndicatorSet} and matched by
 * {@link io.telltale.signatures.ioc.IndicatorDetector} on flows and protocol records. A reload
 * builds a new set and swaps it in whole.
 */
package io.telltale.signatures.ioc;
