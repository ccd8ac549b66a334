package io.telltale.testdata.payload;

/** HTTP/1.1 messages with correct Content-Length. */
public final class Http {

    private Http() {
    }

    public static byte[] request(String method, String uri, String host, String userAgent, String contentType, byte[] body) {
        StringBuilder h = new StringBuilder().append(method).append(' ').append(uri).append(" HTTP/1.1\r\nHost: ").append(host)
                .append("\r\nUser-Agent: ").append(userAgent).append("\r\nAccept: */*\r\n");
        if (body.length > 0 || method.equals("POST") || method.equals("PUT")) {
            h.append("Content-Type: ").append(contentType).append("\r\nContent-Length: ").append(body.length).append("\r\n");
        }
        return Bytes.concat(Bytes.text(h.append("Connection: keep-alive\r\n\r\n").toString()), body);
    }

    public static byte[] response(int status, String reason, String contentType, byte[] body) {
        return Bytes.concat(Bytes.text("HTTP/1.1 " + status + " " + reason + "\r\nServer: nginx\r\nContent-Type: " + contentType
                + "\r\nContent-Length: " + body.length + "\r\nConnection: keep-alive\r\n\r\n"), body);
    }
}
