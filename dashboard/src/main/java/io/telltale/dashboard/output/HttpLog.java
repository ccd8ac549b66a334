package io.telltale.dashboard.output;

import io.telltale.analysis.event.HttpRecord;
import java.util.List;

/**
 * Zeek's http.log, its columns up to {@code info_msg} (the file analysis columns come with file
 * extraction), then the Content-Type each side declared. Header values come from the wire and are
 * escaped by the writer.
 */
final class HttpLog {

    static final List<LogColumn<HttpRecord>> COLUMNS = LogColumn.of(LogColumn.head(),
            LogColumn.count("trans_depth", HttpRecord::depth),
            LogColumn.text("method", HttpRecord::method),
            LogColumn.text("host", HttpRecord::host),
            LogColumn.text("uri", HttpRecord::uri),
            LogColumn.text("referrer", HttpRecord::referrer),
            LogColumn.text("version", HttpRecord::version),
            LogColumn.text("user_agent", HttpRecord::userAgent),
            LogColumn.text("origin", HttpRecord::origin),
            LogColumn.count("request_body_len", HttpRecord::requestBodyLength),
            LogColumn.count("response_body_len", HttpRecord::responseBodyLength),
            LogColumn.count("status_code", HttpRecord::statusCode),
            LogColumn.text("status_msg", HttpRecord::statusMessage),
            LogColumn.count("info_code", HttpRecord::infoCode),
            LogColumn.text("info_msg", HttpRecord::infoMessage),
            LogColumn.text("req_content_type", HttpRecord::requestContentType),
            LogColumn.text("resp_content_type", HttpRecord::responseContentType));

    private HttpLog() {
    }
}
