package dev.cftokens.emulator;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Requests received: in all, by method, and by kind (requests no route knows have no kind). */
final class RequestCounters {
    private final LongAdder total = new LongAdder();
    private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();
    private final Map<RequestKind, LongAdder> byKind = new EnumMap<>(RequestKind.class);

    RequestCounters() {
        for (RequestKind kind : RequestKind.values()) {
            byKind.put(kind, new LongAdder());
        }
    }

    void received(String method) {
        total.increment();
        byMethod.computeIfAbsent(method.toUpperCase(Locale.ROOT), m -> new LongAdder())
                .increment();
    }

    void routed(RequestKind kind) {
        byKind.get(kind).increment();
    }

    long total() {
        return total.sum();
    }

    long byMethod(String method) {
        LongAdder count = byMethod.get(method.toUpperCase(Locale.ROOT));
        return count == null ? 0 : count.sum();
    }

    long byKind(RequestKind kind) {
        return byKind.get(kind).sum();
    }

    void reset() {
        total.reset();
        byMethod.values().forEach(LongAdder::reset);
        byKind.values().forEach(LongAdder::reset);
    }
}
