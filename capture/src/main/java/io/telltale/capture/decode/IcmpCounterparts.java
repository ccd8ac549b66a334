package io.telltale.capture.decode;

/**
 * Pairs of ICMP request and reply types that belong to one flow (so an echo reply lands on the
 * request's flow), as Zeek pairs them. Types without a counterpart return -1: one-way messages.
 */
final class IcmpCounterparts {

    private IcmpCounterparts() {
    }

    static int ipv4(int type) {
        return switch (type) {
            case 8 -> 0;
            case 0 -> 8;
            case 13 -> 14;
            case 14 -> 13;
            case 15 -> 16;
            case 16 -> 15;
            case 10 -> 9;
            case 9 -> 10;
            case 17 -> 18;
            case 18 -> 17;
            default -> -1;
        };
    }

    static int ipv6(int type) {
        return switch (type) {
            case 128 -> 129;
            case 129 -> 128;
            case 133 -> 134;
            case 134 -> 133;
            case 135 -> 136;
            case 136 -> 135;
            case 130 -> 131;
            case 131 -> 130;
            case 139 -> 140;
            case 140 -> 139;
            case 144 -> 145;
            case 145 -> 144;
            default -> -1;
        };
    }
}
