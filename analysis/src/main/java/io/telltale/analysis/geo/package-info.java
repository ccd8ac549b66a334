/**
 * Country and autonomous system of external addresses, from databases bundled in the jar:
 * the country MMDB of sapics/ip-location-db (geo-whois-asn-country, CC0 per its npm package, the
 * registries' data by NRO under CC BY 4.0), read with MaxMind's reader, and an ASN table built by
 * {@link io.telltale.analysis.geo.AsnTableBuilder} from the same project's RouteViews and DB-IP
 * lists (CC BY 4.0: attribution in NOTICE). Both are refreshed by replacing the files under
 * {@code analysis/src/main/resources/io/telltale/analysis/geo/}; the builder's comment says how.
 */
package io.telltale.analysis.geo;
