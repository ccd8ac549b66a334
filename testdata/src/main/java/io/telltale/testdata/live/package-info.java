/**
 * A lab for live-capture tests: network namespaces joined by a veth pair, created by a test and
 * removed after it, with tcpreplay to send captures across. Used by the live tests of every module.
 */
package io.telltale.testdata.live;
