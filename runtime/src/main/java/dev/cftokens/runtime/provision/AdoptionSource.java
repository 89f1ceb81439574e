package dev.cftokens.runtime.provision;

/**
 * Where an adopted token came from, decided once by the planner and read by every later step: only a
 * token this state's own create made may be rolled to hand its value back without being told to.
 */
public enum AdoptionSource {
    /**
     * Made by a create this state started and never recorded (a killed run, a lost answer): same
     * declaration, owner, account and spec, issued while the create was in flight. Nobody else holds its value.
     */
    OWN_LOST_CREATE,
    /**
     * Made elsewhere (another state, another machine, a person) with the declaration's owner, account, name
     * and grants. Another holder may have its value, so it is rolled only when allowed.
     */
    FOUND_ELSEWHERE
}
