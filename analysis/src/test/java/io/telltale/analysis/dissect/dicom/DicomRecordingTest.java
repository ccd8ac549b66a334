package io.telltale.analysis.dissect.dicom;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.event.DicomRecord;
import io.telltale.analysis.event.FlowEvent;
import io.telltale.analysis.event.MonitorEvent;
import io.telltale.analysis.pipeline.AnalysedCapture;
import io.telltale.capture.flow.FlowConfig;
import io.telltale.testdata.Recordings;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DICOM against our own recording of DCMTK (testdata recordings README): four associations, values
 * checked against what the tools were told to send and against tshark's DICOM dissector.
 */
class DicomRecordingTest {

    static List<MonitorEvent> events;
    static List<DicomRecord> records;

    @BeforeAll
    static void read() {
        events = AnalysedCapture.events(Recordings.path("dicom-associations.pcap"), FlowConfig.DEFAULTS);
        records = events.stream().filter(DicomRecord.class::isInstance).map(DicomRecord.class::cast)
                .sorted(Comparator.comparingLong(DicomRecord::timestampNanos)).toList();
    }

    @Test
    void everyAssociationIsFoundWhateverThePort() {
        assertThat(records).extracting(DicomRecord::responderPort).containsExactly(11112, 11112, 443, 4242);
        List<String> services = events.stream().filter(FlowEvent.class::isInstance)
                .map(e -> ((FlowEvent) e).flow().service()).toList();
        assertThat(services).containsExactly("dicom", "dicom", "dicom", "dicom");
    }

    @Test
    void verificationIsAcceptedAndReleased() {
        DicomRecord echo = records.get(0);
        assertThat(echo.callingAe()).isEqualTo("XR_LANE1");
        assertThat(echo.calledAe()).isEqualTo("CIP_SRV");
        assertThat(echo.applicationContext()).isEqualTo("1.2.840.10008.3.1.1.1");
        assertThat(echo.abstractSyntaxes()).containsExactly("1.2.840.10008.1.1");
        assertThat(echo.transferSyntaxes()).contains("1.2.840.10008.1.2");
        assertThat(echo.result()).isEqualTo("accepted");
        assertThat(echo.acceptedContexts()).isEqualTo(1);
        assertThat(echo.commands()).containsExactly("C-ECHO-RQ", "C-ECHO-RSP");
        assertThat(echo.stores()).isZero();
        assertThat(echo.userIdentityType()).isEqualTo(-1);
        assertThat(echo.implementationClassUid()).startsWith("1.2.276.0.7230010.3"); // DCMTK's root
        assertThat(echo.implementationVersion()).startsWith("OFFIS_DCMTK_");
        assertThat(echo.responderImplementationVersion()).startsWith("OFFIS_DCMTK_");
        assertThat(echo.maxPduLength()).isEqualTo(16384);
        assertThat(echo.end()).isEqualTo("released");
        assertThat(echo.dicos()).isFalse();
    }

    @Test
    void dicosStoreWithACleartextPasscodeIsSeenButThePasscodeIsNotKept() {
        DicomRecord store = records.get(1);
        assertThat(store.abstractSyntaxes()).containsExactly("1.2.840.10008.5.1.4.1.1.501.1");
        assertThat(DicomUids.name(store.abstractSyntaxes().getFirst())).isEqualTo("DICOS CT Image Storage");
        assertThat(store.dicos()).isTrue();
        assertThat(store.userIdentityType()).isEqualTo(2);
        assertThat(store.userName()).isEqualTo("operator7");
        assertThat(store.passcodeInCleartext()).isTrue();
        assertThat(store.toString()).doesNotContain("S3cret");
        assertThat(store.commands()).containsExactly("C-STORE-RQ", "C-STORE-RSP");
        assertThat(store.affectedSopClasses()).containsExactly("1.2.840.10008.5.1.4.1.1.501.1");
        assertThat(store.stores()).isEqualTo(1);
        // The object is 8 KiB of pixels plus its attributes: the scanner sends it, the server a status.
        assertThat(store.originatorDataBytes()).isEqualTo(134 + 8392); // command PDU + data PDU, as tshark frames them
        assertThat(store.responderDataBytes()).isEqualTo(134);
        assertThat(store.end()).isEqualTo("released");
    }

    @Test
    void port443IsDicomNotTls() {
        DicomRecord onHttpsPort = records.get(2);
        assertThat(onHttpsPort.callingAe()).isEqualTo("XR_LANE2");
        assertThat(onHttpsPort.stores()).isEqualTo(1);
        assertThat(onHttpsPort.userIdentityType()).isEqualTo(-1);
        assertThat(onHttpsPort.passcodeInCleartext()).isFalse();
    }

    @Test
    void refusedAssociationCarriesResultSourceAndReason() {
        DicomRecord refused = records.get(3);
        assertThat(refused.calledAe()).isEqualTo("ARCHIVE");
        assertThat(refused.result()).isEqualTo("rejected");
        assertThat(refused.rejectResult()).isEqualTo(1);
        assertThat(refused.rejectSource()).isEqualTo(1);
        assertThat(refused.rejectReason()).isEqualTo(1);
        assertThat(refused.commands()).isEmpty();
        assertThat(refused.end()).isEqualTo("rejected");
    }
}
