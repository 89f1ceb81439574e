package dev.cftokens.emulator;

/**
 * What a request does, whichever owner's path it takes: the unit for request counters and for aiming
 * faults ({@code Fault.commitThenDrop(1).on(RequestKind.CREATE_TOKEN)}).
 */
public enum RequestKind {
    /** {@code GET .../tokens}, either owner's. */
    LIST_TOKENS,
    /** {@code GET .../tokens/{id}}. */
    GET_TOKEN,
    /** {@code POST .../tokens}. */
    CREATE_TOKEN,
    /** {@code PUT .../tokens/{id}}. */
    UPDATE_TOKEN,
    /** {@code DELETE .../tokens/{id}}. */
    DELETE_TOKEN,
    /** {@code PUT .../tokens/{id}/value}. */
    ROLL_TOKEN,
    /** {@code GET .../tokens/verify}. */
    VERIFY_TOKEN,
    /** {@code GET .../tokens/permission_groups}. */
    LIST_PERMISSION_GROUPS,
    /** {@code GET /accounts}. */
    LIST_ACCOUNTS,
    /** {@code GET /user}. */
    GET_USER,
    /** {@code GET /accounts/{id}/workers/scripts}. */
    LIST_WORKER_SCRIPTS,
    /** {@code GET /accounts/{id}/workers/scripts/{name}}. */
    GET_WORKER_SCRIPT,
    /** {@code PUT /accounts/{id}/workers/scripts/{name}}. */
    UPLOAD_WORKER_SCRIPT,
    /** {@code DELETE /accounts/{id}/workers/scripts/{name}}. */
    DELETE_WORKER_SCRIPT,
    /** {@code PUT /accounts/{id}/workers/scripts/{name}/secrets}. */
    PUT_WORKER_SECRET,
    /** {@code GET /accounts/{id}/workers/scripts/{name}/secrets}. */
    LIST_WORKER_SECRETS,
    /** {@code GET /accounts/{id}/workers/scripts/{name}/settings}. */
    GET_WORKER_SETTINGS
}
