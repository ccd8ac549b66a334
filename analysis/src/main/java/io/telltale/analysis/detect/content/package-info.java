/** Sensitive data in clear: passenger, biometric and image data leaving a device unencrypted. */
package io.telltale.analysis.detect.content;
