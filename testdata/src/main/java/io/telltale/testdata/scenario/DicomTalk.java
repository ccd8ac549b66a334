package io.telltale.testdata.scenario;

import io.telltale.testdata.payload.Dicom;
import io.telltale.testdata.wire.TcpConnection;
import java.util.List;

/** DICOM associations on an open connection, as DCMTK's storescu and echoscu run them. */
public final class DicomTalk {

    /** One object to store: its SOP class, the presentation context it goes on, and its size in bytes. */
    public record Store(String sopClass, int contextId, int bytes) {
    }

    private DicomTalk() {
    }

    /** Associate, store each object (command, dataset, response), release, close. */
    public static void storeAll(Talk talk, TcpConnection c, String called, String calling, List<Dicom.Context> contexts,
                                Dicom.Identity identity, List<Store> objects) {
        c.clientSends(Dicom.associateRequest(called, calling, contexts, identity));
        c.serverSends(Dicom.associateAccept(called, calling, contexts));
        int messageId = 1;
        for (Store o : objects) {
            String instance = "1.2.826.0.1.3680043.9.7433.2." + Integer.toUnsignedString(talk.random().nextInt()) + "."
                    + messageId;
            c.clientSends(Dicom.command(o.contextId(), Dicom.storeRequest(messageId, o.sopClass(), instance)));
            for (byte[] pdu : Dicom.dataset(o.contextId(), o.sopClass(), instance, o.bytes(), talk.random())) {
                c.clientSends(pdu);
            }
            c.serverSends(Dicom.command(o.contextId(), Dicom.storeResponse(messageId, o.sopClass(), instance)));
            messageId++;
        }
        c.clientSends(Dicom.releaseRequest());
        c.serverSends(Dicom.releaseResponse());
        c.close(true);
    }

    /** A C-ECHO association: associate with Verification only, echo, release. */
    public static void echo(TcpConnection c, String called, String calling) {
        List<Dicom.Context> verification = List.of(new Dicom.Context(1, Dicom.VERIFICATION, List.of(Dicom.IMPLICIT_LE)));
        c.clientSends(Dicom.associateRequest(called, calling, verification, null));
        c.serverSends(Dicom.associateAccept(called, calling, verification));
        c.clientSends(Dicom.command(1, Dicom.echoRequest(1)));
        c.serverSends(Dicom.command(1, Dicom.echoResponse(1)));
        c.clientSends(Dicom.releaseRequest());
        c.serverSends(Dicom.releaseResponse());
        c.close(true);
    }
}
