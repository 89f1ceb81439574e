package dev.cftokens.emulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;

/**
 * Decides, request by request, which faults hit. One seeded random source serves every draw, so the same
 * sequence of requests meets the same faults on every run with the same seed.
 */
final class FaultInjector {
  private static final int[] SERVER_ERRORS = {500, 502, 503};

  private final Random random;
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
    this.random = new Random(seed);
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
    if (active.isEmpty()) {
      return Decision.NONE;
    }
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
}
