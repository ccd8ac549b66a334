package io.telltale.capture.flow.tcp;

/** States of one TCP endpoint, as Zeek names them (its {@code TCP_ENDPOINT_*} values). */
public final class TcpState {

    public static final int INACTIVE = 0;
    public static final int SYN_SENT = 1;
    public static final int SYN_ACK_SENT = 2;
    public static final int PARTIAL = 3;
    public static final int ESTABLISHED = 4;
    public static final int CLOSED = 5;
    public static final int RESET = 6;

    private TcpState() {
    }

    static boolean isHandshake(int state) {
        return state == INACTIVE || state == SYN_SENT || state == SYN_ACK_SENT;
    }
}
