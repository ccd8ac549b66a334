package io.telltale.dashboard.output;

import io.telltale.analysis.event.QuicRecord;
import java.util.List;

/** Zeek's quic.log, column for column. */
final class QuicLog {

    static final List<LogColumn<QuicRecord>> COLUMNS = LogColumn.of(LogColumn.head(),
            LogColumn.text("version", r -> r.version() == 1 ? "1" : r.version() == 0x6b3343cfL ? "quicv2"
                    : Long.toHexString(r.version())),
            LogColumn.text("client_initial_dcid", QuicRecord::clientInitialDcid),
            LogColumn.text("client_scid", QuicRecord::clientScid),
            LogColumn.text("server_scid", QuicRecord::serverScid),
            LogColumn.text("server_name", QuicRecord::serverName),
            LogColumn.text("client_protocol", QuicRecord::clientProtocol),
            LogColumn.text("history", QuicRecord::history));

    private QuicLog() {
    }
}
