package dev.cftokens.runtime.provision;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a run will do, one {@link PlannedChange} per declaration (and per recorded token no longer
 * declared), in declaration order, deletions last.
 */
public record Plan(List<PlannedChange> changes) {
  public Plan {
    changes = List.copyOf(changes);
  }

  /** True when carrying the plan out changes anything in Cloudflare or in the state. */
  public boolean hasChanges() {
    return changes.stream().anyMatch(change -> change.kind() != ChangeKind.UNCHANGED);
  }

  /** True when carrying it out sends at least one write request. */
  public boolean writes() {
    return changes.stream().anyMatch(change -> change.kind().writes());
  }

  public long count(ChangeKind kind) {
    return changes.stream().filter(change -> change.kind() == kind).count();
  }

  /** {@code Plan: 1 to create, 0 to update, 0 to replace, 0 to delete, 0 drifted, 3 unchanged.} */
  public String summary() {
    Map<ChangeKind, Long> counts = new EnumMap<>(ChangeKind.class);
    for (ChangeKind kind : ChangeKind.values()) {
      counts.put(kind, count(kind));
    }
    StringBuilder line = new StringBuilder("Plan: ")
        .append(counts.get(ChangeKind.CREATE)).append(" to create, ");
    if (counts.get(ChangeKind.ADOPT) > 0) {
      line.append(counts.get(ChangeKind.ADOPT)).append(" to adopt, ");
    }
    return line.append(counts.get(ChangeKind.UPDATE)).append(" to update, ")
        .append(counts.get(ChangeKind.REPLACE)).append(" to replace, ")
        .append(counts.get(ChangeKind.DELETE)).append(" to delete, ")
        .append(counts.get(ChangeKind.DRIFTED_CHANGED) + counts.get(ChangeKind.DRIFTED_DELETED))
        .append(" drifted, ")
        .append(counts.get(ChangeKind.UNCHANGED)).append(" unchanged.")
        .toString();
  }

  /** Every change line followed by the summary, as printed. */
  public String render() {
    return changes.stream().map(PlannedChange::describe).collect(Collectors.joining("\n"))
        + (changes.isEmpty() ? "" : "\n") + summary();
  }

  @Override
  public String toString() {
    return render();
  }
}
