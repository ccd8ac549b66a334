package io.telltale.dashboard.http;

import io.telltale.dashboard.auth.Role;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Logged-in browsers: a random 256-bit session id in a {@code Secure; HttpOnly; SameSite=Strict}
 * cookie, and per session a random CSRF token the page sends back in {@code X-CSRF-Token} with every
 * change. A session ends after 30 idle minutes or 8 hours, or at logout. Held in memory: a restart
 * logs everybody out, which an appliance may.
 */
final class Sessions {

    static final String COOKIE = "telltale_session";
    static final Duration IDLE = Duration.ofMinutes(30);
    static final Duration ABSOLUTE = Duration.ofHours(8);

    record Session(String user, Role role, String csrf, long createdMillis, long lastSeenMillis) {
    }

    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    Sessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session for the user: its id (for the cookie) and the session. */
    Map.Entry<String, Session> open(String user, Role role) {
        String id = token();
        long now = clock.millis();
        Session s = new Session(user, role, token(), now, now);
        sessions.put(id, s);
        return Map.entry(id, s);
    }

    /** The live session with this id (its idle clock reset), or null. */
    Session find(String id) {
        if (id == null) {
            return null;
        }
        Session s = sessions.get(id);
        long now = clock.millis();
        if (s == null) {
            return null;
        }
        if (now - s.lastSeenMillis() > IDLE.toMillis() || now - s.createdMillis() > ABSOLUTE.toMillis()) {
            sessions.remove(id);
            return null;
        }
        Session touched = new Session(s.user(), s.role(), s.csrf(), s.createdMillis(), now);
        sessions.put(id, touched);
        return touched;
    }

    void close(String id) {
        if (id != null) {
            sessions.remove(id);
        }
    }

    /** Ends every session of a user (removed, or given another role). */
    void closeAll(String user) {
        sessions.values().removeIf(s -> s.user().equals(user));
    }

    static String cookie(String id) {
        return COOKIE + "=" + id + "; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=" + ABSOLUTE.toSeconds();
    }

    static String expiredCookie() {
        return COOKIE + "=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0";
    }

    private String token() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
