package io.telltale.dashboard.http;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Login rate limiting per client address: after {@code MAX_FAILURES} failed logins within
 * {@code WINDOW_MILLIS}, further attempts are refused (429 with Retry-After) until the oldest failure
 * leaves the window. A success clears the address. Guessing a password is then a matter of years.
 */
final class LoginLimiter {

    static final int MAX_FAILURES = 5;
    static final long WINDOW_MILLIS = 5 * 60_000L;
    /** Addresses remembered at most: a flood of spoofed ones cannot fill the memory. */
    static final int MAX_ADDRESSES = 100_000;

    private final Map<String, ArrayDeque<Long>> failures = new ConcurrentHashMap<>();
    private final Clock clock;

    LoginLimiter(Clock clock) {
        this.clock = clock;
    }

    /** Seconds until this address may try again, 0 if it may now. */
    long retryAfterSeconds(String address) {
        ArrayDeque<Long> f = failures.get(address);
        if (f == null) {
            return 0;
        }
        synchronized (f) {
            long now = clock.millis();
            while (!f.isEmpty() && now - f.peekFirst() > WINDOW_MILLIS) {
                f.pollFirst();
            }
            return f.size() < MAX_FAILURES ? 0 : Math.max(1, (f.peekFirst() + WINDOW_MILLIS - now + 999) / 1000);
        }
    }

    void failed(String address) {
        if (failures.size() >= MAX_ADDRESSES) {
            failures.clear(); // forgetting is safer than growing without bound
        }
        ArrayDeque<Long> f = failures.computeIfAbsent(address, a -> new ArrayDeque<>());
        synchronized (f) {
            f.addLast(clock.millis());
        }
    }

    void succeeded(String address) {
        failures.remove(address);
    }
}
