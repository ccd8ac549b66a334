/**
 * Who may use the dashboard and its API: local users with roles (viewer, analyst, admin) and
 * passwords hashed with Argon2id (RFC 9106), kept in the data directory.
 */
package io.telltale.dashboard.auth;
