/**
 * The dashboard's web server (Netty): HTTPS only, HTTP/2 and HTTP/1.1 by ALPN, gzip; a JSON API under
 * {@code /api/} behind a login (session cookies with CSRF tokens, or API tokens for scripts), roles per
 * route, login rate limiting, an audit log, strict security headers; Prometheus metrics at
 * {@code /metrics}. Blocking work (searches, password hashing) runs off the event loop.
 */
package io.telltale.dashboard.http;
