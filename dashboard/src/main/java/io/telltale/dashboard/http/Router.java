package io.telltale.dashboard.http;

import io.telltale.analysis.index.query.QueryException;
import io.telltale.dashboard.auth.UserStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Finds a request's route and guards it: no route but the open ones without a session or an API
 * token (401), none for a role below the route's (403), no change by a session without its CSRF
 * token (403). What the route refuses as bad input is a 400 that says why; anything else a 500 whose
 * cause goes to the log, never to the client.
 */
final class Router {

    private final List<Route> routes;
    private final Sessions sessions;
    private final UserStore users;
    private final Consumer<String> log;

    Router(List<Route> routes, Sessions sessions, UserStore users, Consumer<String> log) {
        this.routes = List.copyOf(routes);
        this.sessions = sessions;
        this.users = users;
        this.log = log;
    }

    List<Route> routes() {
        return routes;
    }

    Response handle(Request request) {
        List<String> allowed = new ArrayList<>();
        for (Route route : routes) {
            Map<String, String> parameters = route.match(request.path());
            if (parameters == null) {
                continue;
            }
            if (!route.method().equals(request.method())) {
                allowed.add(route.method());
                continue;
            }
            return guarded(route, request.withPathParameters(parameters));
        }
        if (!allowed.isEmpty()) {
            return Response.error(405, request.method() + " is not allowed here; use " + String.join(", ", allowed))
                    .withHeader("Allow", String.join(", ", allowed));
        }
        return Response.error(404, "no such page or API: " + request.path());
    }

    private Response guarded(Route route, Request request) {
        Route.Principal who = null;
        if (route.role() != null) {
            try {
                who = principal(request);
            } catch (java.io.IOException e) {
                log.accept("dashboard: cannot read the users: " + e.getMessage());
                return Response.error(500, "the users cannot be read; see the appliance's log");
            }
            if (who == null) {
                return Response.error(401, "log in first (POST /api/login), or send an API token (Authorization: Bearer ...)");
            }
            if (!who.role().includes(route.role())) {
                return Response.error(403, "this needs the " + route.role().text() + " role; " + who.name() + " is " + who.role().text());
            }
            boolean changes = !request.method().equals("GET") && !request.method().equals("HEAD");
            if (changes && who.bySession() && !who.csrf().equals(request.header("x-csrf-token"))) {
                return Response.error(403, "a change needs the session's CSRF token in X-CSRF-Token");
            }
        }
        try {
            return route.handler().handle(request, who);
        } catch (IllegalArgumentException e) {
            return Response.error(400, e.getMessage());
        } catch (QueryException e) {
            return Response.error(400, "the query, " + e.explain());
        } catch (Exception e) {
            log.accept("dashboard: " + request.method() + " " + request.path() + " failed: " + e);
            return Response.error(500, "the appliance could not answer; its log says why");
        }
    }

    /** The session's user, or the API token's; null when neither. */
    private Route.Principal principal(Request request) throws java.io.IOException {
        String authorization = request.header("authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            Optional<UserStore.User> user = users.authenticateToken(authorization.substring(7).strip());
            return user.map(u -> new Route.Principal(u.name(), u.roleValue(), false, "")).orElse(null);
        }
        Sessions.Session s = sessions.find(request.cookie(Sessions.COOKIE));
        return s == null ? null : new Route.Principal(s.user(), s.role(), true, s.csrf());
    }
}
