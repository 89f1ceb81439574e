package dev.cftokens.emulator;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;

/**
 * A failure the emulator produces on purpose, for some or all kinds of request. Whether a request is hit
 * is drawn from the emulator's seeded random source, so a sequence of requests fails the same way on every
 * run with the same seed. Immutable: {@link #on} and {@link #times} return new faults.
 */
public final class Fault {
    /** The kinds of failure. */
    public enum Type {
        /** Answer later. */
        LATENCY,
        /** Answer 500, 502 (an HTML page, as Cloudflare's edge sends) or 503 without doing anything. */
        SERVER_ERROR,
        /** Answer 429 (code 971, with retry-after) without doing anything. */
        RATE_LIMIT,
        /** Do the work, then close the connection without an answer. */
        COMMIT_THEN_DROP
    }

    private final Type type;
    private final double share;
    private final Set<RequestKind> kinds;
    private final int times;
    private final Duration latency;
    private final int status;

    private Fault(Type type, double share, Set<RequestKind> kinds, int times, Duration latency, int status) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("a fault's share of requests must be between 0 and 1, not " + share);
        }
        this.type = type;
        this.share = share;
        this.kinds = kinds.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(kinds));
        this.times = times;
        this.latency = latency;
        this.status = status;
    }

    /**
     * {@return a fault: every matching request waits {@code delay} before it is handled}
     *
     * @param delay the wait, not negative
     */
    public static Fault latency(Duration delay) {
        requireNonNull(delay, "delay");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("latency must not be negative, not " + delay);
        }
        return new Fault(Type.LATENCY, 1, Set.of(), -1, delay, 0);
    }

    /**
     * {@return a fault: {@code share} of matching requests answer 500, 502 or 503, one of the three at random}
     *
     * @param share the share of requests hit, 0 to 1
     */
    public static Fault serverErrors(double share) {
        return new Fault(Type.SERVER_ERROR, share, Set.of(), -1, Duration.ZERO, 0);
    }

    /**
     * {@return a fault: {@code share} of matching requests answer {@code status}}
     *
     * @param status 500, 502 or 503
     * @param share the share of requests hit, 0 to 1
     */
    public static Fault serverError(int status, double share) {
        if (status != 500 && status != 502 && status != 503) {
            throw new IllegalArgumentException("server error status must be 500, 502 or 503, not " + status);
        }
        return new Fault(Type.SERVER_ERROR, share, Set.of(), -1, Duration.ZERO, status);
    }

    /**
     * {@return a fault: the next {@code requests} matching requests answer 429, as a burst past Cloudflare's
     * limit would}
     *
     * @param requests how many, at least 1
     */
    public static Fault rateLimitBurst(int requests) {
        if (requests < 1) {
            throw new IllegalArgumentException("a 429 burst needs at least 1 request, not " + requests);
        }
        return new Fault(Type.RATE_LIMIT, 1, Set.of(), requests, Duration.ZERO, 429);
    }

    /**
     * {@code share} of matching requests are carried out (the token is created, the change stored) but the
     * connection is closed before any answer: the failure that makes a naive client create duplicates. A
     * request the emulator refuses (a 4xx) is answered as usual: it changed nothing.
     *
     * @param share the share of requests hit, 0 to 1
     * @return the fault
     */
    public static Fault commitThenDrop(double share) {
        return new Fault(Type.COMMIT_THEN_DROP, share, Set.of(), -1, Duration.ZERO, 0);
    }

    /**
     * {@return this fault, only for these kinds of request (all kinds when none are given)}
     *
     * @param requestKinds the kinds
     */
    public Fault on(RequestKind... requestKinds) {
        return new Fault(type, share, Set.of(requestKinds), times, latency, status);
    }

    /**
     * {@return this fault, at most {@code count} times; then it is spent}
     *
     * @param count at least 1
     */
    public Fault times(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a fault must apply at least once, not " + count);
        }
        return new Fault(type, share, kinds, count, latency, status);
    }

    /** {@return the kind of failure} */
    public Type type() {
        return type;
    }

    /** {@return the share of matching requests hit, 0 to 1} */
    public double share() {
        return share;
    }

    /** {@return the kinds of request it applies to; empty means all} */
    public Set<RequestKind> kinds() {
        return kinds;
    }

    /** {@return how many times it may apply; -1 for no bound} */
    public int maxTimes() {
        return times;
    }

    /** {@return the wait of a latency fault; zero for other types} */
    public Duration latency() {
        return latency;
    }

    /** {@return the status to answer with; 0 for a random one of 500, 502 and 503} */
    public int status() {
        return status;
    }

    /**
     * {@return true when the fault applies to requests of {@code kind}}
     *
     * @param kind the kind of request
     */
    public boolean appliesTo(RequestKind kind) {
        return kinds.isEmpty() || kinds.contains(kind);
    }

    @Override
    public String toString() {
        return "Fault{" + type + (type == Type.LATENCY ? " " + latency : " share=" + share)
                + (kinds.isEmpty() ? "" : " on " + kinds) + (times < 0 ? "" : " times=" + times) + "}";
    }
}
