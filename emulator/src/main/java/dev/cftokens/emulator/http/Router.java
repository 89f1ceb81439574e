package dev.cftokens.emulator.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Matches a method and a path such as {@code /accounts/{account_id}/tokens/{token_id}} to an endpoint.
 * Literal segments win over parameters ({@code tokens/verify} before {@code tokens/{token_id}}); a path
 * no route knows is Cloudflare's 404 with code 7003, a known path with another method a 405.
 *
 * @param <E> what a route leads to
 */
public final class Router<E> {
    private final List<Route<E>> routes = new ArrayList<>();

    /** An empty router; {@link #add} its routes. */
    public Router() {}

    /**
     * One method on one path pattern.
     *
     * @param method the HTTP method, such as {@code GET}
     * @param pattern the path, {@code {name}} segments matching any one segment
     * @param segments the pattern split at {@code /}
     * @param endpoint what the route leads to
     * @param <E> what the route leads to
     */
    public record Route<E>(String method, String pattern, List<String> segments, E endpoint) {}

    /**
     * The endpoint found and the values of the pattern's parameters.
     *
     * @param route the route found
     * @param params the values of its {@code {name}} segments, by name
     * @param <E> what the route leads to
     */
    public record Match<E>(Route<E> route, Map<String, String> params) {}

    /**
     * Adds a route.
     *
     * @param method the HTTP method, such as {@code GET}
     * @param pattern the path, {@code {name}} segments matching any one segment
     * @param endpoint what the route leads to
     * @return this router
     */
    public Router<E> add(String method, String pattern, E endpoint) {
        routes.add(new Route<>(method, pattern, segments(pattern), endpoint));
        // More literal segments first, so that a fixed word is never taken for an id.
        routes.sort(Comparator.comparingLong(
                (Route<E> r) -> r.segments().stream().filter(Router::isParam).count()));
        return this;
    }

    /** {@return every route, literal paths before parameterized ones} */
    public List<Route<E>> routes() {
        return List.copyOf(routes);
    }

    /**
     * {@return the route of {@code method} on {@code path}, with the values of its parameters}
     *
     * @param method the request's method
     * @param path the request's path below {@code /client/v4}
     * @throws ApiException a 404 (code 7003) for an unknown path, a 405 for a known path with another method
     */
    public Match<E> match(String method, String path) {
        List<String> actual = segments(path);
        Set<String> allowed = new TreeSet<>();
        for (Route<E> route : routes) {
            Map<String, String> params = bind(route.segments(), actual);
            if (params == null) {
                continue;
            }
            if (route.method().equals(method)) {
                return new Match<>(route, params);
            }
            allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            throw new ApiException(
                    404,
                    ErrorCodes.NO_ROUTE,
                    "Could not route to " + path + ", perhaps your object identifier is invalid?");
        }
        throw new ApiException(
                        405,
                        ErrorCodes.METHOD_NOT_ALLOWED,
                        "Method " + method + " not allowed on " + path + "; allowed: " + String.join(", ", allowed))
                .withHeader("Allow", String.join(", ", allowed));
    }

    private static Map<String, String> bind(List<String> pattern, List<String> actual) {
        if (pattern.size() != actual.size()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < pattern.size(); i++) {
            String expected = pattern.get(i);
            String segment = actual.get(i);
            if (isParam(expected)) {
                if (segment.isEmpty()) {
                    return null;
                }
                params.put(expected.substring(1, expected.length() - 1), segment);
            } else if (!expected.equals(segment)) {
                return null;
            }
        }
        return params;
    }

    private static boolean isParam(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static List<String> segments(String path) {
        List<String> segments = new ArrayList<>();
        for (String segment : path.split("/", -1)) {
            segments.add(segment);
        }
        if (!segments.isEmpty() && segments.get(0).isEmpty()) {
            segments.remove(0);
        }
        // One trailing slash is tolerated, as Cloudflare does.
        if (segments.size() > 1 && segments.get(segments.size() - 1).isEmpty()) {
            segments.remove(segments.size() - 1);
        }
        return segments;
    }
}
