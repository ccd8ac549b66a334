package io.telltale.capture.decode;

/** Encapsulations the decoder opens; the inner flow keeps the outer one as its tunnel parent. */
public enum TunnelType {
    NONE, GRE, ERSPAN, IP_IN_IP, SIX_IN_FOUR, VXLAN, GENEVE, TEREDO, GTP_U;
}
