package dev.cftokens.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Decides, request by request, which faults hit. The draws for a request come from a hash of (seed, request
 * kind, that kind's request number), not from one shared stream: with 16 server threads the order in which
 * requests of different kinds reach a shared stream varies from run to run, while the Nth request of a
 * kind always meets the same draws. (A burst with a count, {@link Fault#rateLimitBurst}, still counts the
 * requests of all its kinds in arrival order.)
 */
final class FaultInjector {
    private static final int[] SERVER_ERRORS = {500, 502, 503};

    private final long seed;
    private final Map<RequestKind, Long> sequence = new EnumMap<>(RequestKind.class);
    private final List<Active> active = new ArrayList<>();

    /** What happens to one request. {@code status} 0 means answer normally. */
    record Decision(Duration delay, int status, boolean drop) {
        static final Decision NONE = new Decision(Duration.ZERO, 0, false);
    }

    private static final class Active {
        final Fault fault;
        int remaining;

        Active(Fault fault) {
            this.fault = fault;
            this.remaining = fault.maxTimes();
        }
    }

    FaultInjector(long seed, List<Fault> faults) {
        this.seed = seed;
        faults.forEach(this::add);
    }

    synchronized void add(Fault fault) {
        active.add(new Active(fault));
    }

    synchronized void clear() {
        active.clear();
    }

    synchronized List<Fault> faults() {
        List<Fault> faults = new ArrayList<>();
        active.forEach(a -> faults.add(a.fault));
        return faults;
    }

    synchronized Decision decide(RequestKind kind) {
        long number = sequence.merge(kind, 1L, Long::sum);
        if (active.isEmpty()) {
            return Decision.NONE;
        }
        SplittableRandom random = draws(seed, kind, number);
        Duration delay = Duration.ZERO;
        int status = 0;
        boolean drop = false;
        for (Iterator<Active> it = active.iterator(); it.hasNext(); ) {
            Active a = it.next();
            Fault fault = a.fault;
            if (!fault.appliesTo(kind)) {
                continue;
            }
            // Only one answer per request: once a status is chosen, later error faults are not drawn.
            boolean answers = fault.type() == Fault.Type.SERVER_ERROR || fault.type() == Fault.Type.RATE_LIMIT;
            if ((answers && status != 0) || (fault.type() == Fault.Type.COMMIT_THEN_DROP && (drop || status != 0))) {
                continue;
            }
            if (fault.share() < 1 && random.nextDouble() >= fault.share()) {
                continue;
            }
            switch (fault.type()) {
                case LATENCY:
                    delay = delay.plus(fault.latency());
                    break;
                case SERVER_ERROR:
                    status = fault.status() != 0 ? fault.status() : SERVER_ERRORS[random.nextInt(SERVER_ERRORS.length)];
                    break;
                case RATE_LIMIT:
                    status = 429;
                    break;
                case COMMIT_THEN_DROP:
                    drop = true;
                    break;
                default:
                    throw new AssertionError(fault.type());
            }
            if (a.remaining > 0 && --a.remaining == 0) {
                it.remove();
            }
        }
        return new Decision(delay, status, drop && status == 0);
    }

    /** The draws of request {@code number} of {@code kind}; the kind by name, so reordering the enum keeps them. */
    private static SplittableRandom draws(long seed, RequestKind kind, long number) {
        return new SplittableRandom(mix(mix(mix(seed) ^ kind.name().hashCode()) + number));
    }

    /** Stafford's mix13, the finaliser of SplittableRandom: every input bit moves about half the output bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
