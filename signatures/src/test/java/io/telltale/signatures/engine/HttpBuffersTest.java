package io.telltale.signatures.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.telltale.analysis.detect.Finding;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The HTTP buffers read from the messages as sent, on the example day's one upload (A13). */
class HttpBuffersTest {

    @Test
    void headersCookiesBodiesAndLinesAreTheirOwnBuffers() {
        List<Finding> findings = PacketPathTest.run(StarterRulesTest.EXAMPLE, String.join("\n",
                "alert http any any -> any any (http.request_line; content:\"POST /upload HTTP/1.1\"; bsize:21; sid:1;)",
                "alert http any any -> any any (http.header_names; content:\"|0d 0a|Host|0d 0a|\"; startswith; sid:2;)",
                "alert http any any -> any any (http.content_type; content:\"multipart/form-data\"; startswith; sid:3;)",
                "alert http any any -> any any (http.header; content:\"WinHttp.WinHttpRequest\"; sid:4;)",
                "alert http any any -> any any (flow:to_client; http.response_line; content:\"HTTP/1.1 200 OK\"; sid:5;)",
                "alert http any any -> any any (http.request_body; content:\"Content-Disposition|3a| form-data\"; sid:6;)",
                "alert http any any -> any any (http.stat_msg; content:\"OK\"; bsize:2; sid:7;)",
                "alert http any any -> any any (http.header; content:\"Nonexistent-Header\"; sid:8;)",
                "alert http any any -> any any (content:\"POST\"; http_method; content:\"/upload\"; http_uri; "
                        + "content:\"form-data\"; http_client_body; sid:9;)"));
        assertThat(findings).extracting(f -> f.signature().sid()).containsExactlyInAnyOrder(1L, 2L, 3L, 4L, 5L, 6L, 7L, 9L);
    }
}
