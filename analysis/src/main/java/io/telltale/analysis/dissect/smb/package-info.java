/**
 * SMB2/3 over TCP ([MS-SMB2]): the dialect negotiated, who logged in (the NTLMSSP AUTHENTICATE
 * message's user, domain and workstation), the shares connected, the files opened, and the bytes
 * written and read — what a screening workstation copies to which share. Encrypted SMB3 traffic is
 * noted as such.
 */
package io.telltale.analysis.dissect.smb;
