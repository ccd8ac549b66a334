/**
 * HTTP/1.x (RFC 9112): requests and responses paired into transactions, several per connection and
 * pipelined, with body lengths after chunked transfer coding and content coding (gzip, deflate) are
 * undone, as Zeek's http.log counts them. Lines are bounded; sessions run on the flow's worker.
 */
package io.telltale.analysis.dissect.http;
