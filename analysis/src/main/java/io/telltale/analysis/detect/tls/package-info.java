/** TLS that a legitimate vendor service would not use: self-signed, expired or mismatched certificates, no server name. */
package io.telltale.analysis.detect.tls;
