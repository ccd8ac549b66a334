package io.telltale.analysis.event;

import java.util.List;

/**
 * One DICOM upper-layer association (DICOS runs on it): who asked whom for what, what was agreed,
 * what crossed, and how it ended. Null or -1 means not seen. The passcode of a user identity is never
 * kept, only that one crossed in cleartext.
 *
 * @param result {@code accepted}, {@code rejected}, or null when no answer was seen
 * @param rejectResult A-ASSOCIATE-RJ result (1 permanent, 2 transient), with its source and reason
 * @param abstractSyntaxes the SOP classes proposed, in order, each once
 * @param acceptedContexts presentation contexts the acceptor accepted
 * @param userIdentityType user identity sub-item type (1 user name, 2 user name and passcode,
 *     3 Kerberos, 4 SAML, 5 JWT)
 * @param userName the user name of types 1 and 2; tickets and assertions are not kept
 * @param passcodeInCleartext a non-empty passcode crossed unencrypted (type 2)
 * @param commands DIMSE commands seen, in order of first appearance ({@code C-STORE-RQ})
 * @param stores C-STORE requests: objects sent for storage
 * @param originatorDataBytes P-DATA bytes the requester sent (PDU bodies)
 * @param end {@code released}, {@code aborted}, {@code rejected}, or {@code open} when the
 *     connection ended without either
 */
public record DicomRecord(
        long flowId,
        long timestampNanos,
        String originatorHost,
        int originatorPort,
        String responderHost,
        int responderPort,
        String callingAe,
        String calledAe,
        String applicationContext,
        List<String> abstractSyntaxes,
        List<String> transferSyntaxes,
        String implementationClassUid,
        String implementationVersion,
        String responderImplementationClassUid,
        String responderImplementationVersion,
        long maxPduLength,
        String result,
        int rejectResult,
        int rejectSource,
        int rejectReason,
        int acceptedContexts,
        int userIdentityType,
        String userName,
        boolean passcodeInCleartext,
        List<String> commands,
        List<String> affectedSopClasses,
        int stores,
        long originatorDataBytes,
        long responderDataBytes,
        String end) implements ProtocolRecord {

    public DicomRecord {
        abstractSyntaxes = List.copyOf(abstractSyntaxes);
        transferSyntaxes = List.copyOf(transferSyntaxes);
        commands = List.copyOf(commands);
        affectedSopClasses = List.copyOf(affectedSopClasses);
    }

    /** DICOS (security screening) SOP classes share this root: NEMA IIC 1. */
    public static final String DICOS_ROOT = "1.2.840.10008.5.1.4.1.1.501.";

    /** True when a DICOS SOP class was proposed: screening images or threat reports on the move. */
    public boolean dicos() {
        return abstractSyntaxes.stream().anyMatch(uid -> uid.startsWith(DICOS_ROOT))
                || affectedSopClasses.stream().anyMatch(uid -> uid.startsWith(DICOS_ROOT));
    }
}
