/**
 * The DICOM upper layer (PS3.8), which DICOS screening images and threat reports travel on:
 * association negotiation with AE titles, SOP classes, transfer syntaxes and user identity; the
 * DIMSE commands inside P-DATA; release and abort. Recognised by the A-ASSOCIATE-RQ on any port.
 */
package io.telltale.analysis.dissect.dicom;
