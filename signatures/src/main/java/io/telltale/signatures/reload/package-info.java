/**
 * Rules and indicator lists reloaded while the monitor runs: {@link
 * io.telltale.signatures.reload.SignatureWatcher} notices a change of content, builds the new rule
 * set or indicator set off the capture threads, and swaps it in whole, or keeps the one in force
 * and says why.
 */
package io.telltale.signatures.reload;
