package dev.cftokens.emulator;

/**
 * What a request does, whichever owner's path it takes: the unit for request counters and for aiming
 * faults ({@code Fault.commitThenDrop(1).on(RequestKind.CREATE_TOKEN)}).
 */
public enum RequestKind {
    LIST_TOKENS,
    GET_TOKEN,
    CREATE_TOKEN,
    UPDATE_TOKEN,
    DELETE_TOKEN,
    ROLL_TOKEN,
    VERIFY_TOKEN,
    LIST_PERMISSION_GROUPS,
    LIST_ACCOUNTS,
    GET_USER,
    LIST_WORKER_SCRIPTS,
    GET_WORKER_SCRIPT,
    UPLOAD_WORKER_SCRIPT,
    DELETE_WORKER_SCRIPT,
    PUT_WORKER_SECRET,
    LIST_WORKER_SECRETS,
    GET_WORKER_SETTINGS
}
