/**
 * The faces of the appliance: command line, configuration, wiring of every module (the one
 * composition root), outputs. The only module that may see all others.
 */
package io.telltale.dashboard;
