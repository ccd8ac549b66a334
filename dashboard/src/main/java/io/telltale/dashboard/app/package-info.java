/**
 * The command line ({@code telltale read}, ...) and the wiring behind each command. Commands run on
 * the main thread and print human-readable summaries; exit codes are listed in {@link
 * io.telltale.dashboard.app.ExitCodes}.
 */
package io.telltale.dashboard.app;
